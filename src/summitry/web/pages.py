"""The HTML pages: dashboard, event, actors, actor (server-rendered, no script needed).

Document text is untrusted: templates autoescape everything and evidence is highlighted
by splitting the text into segments in Python (:func:`summitry.web.views.highlight`),
never by marking strings safe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from summitry import gazetteer
from summitry.records import ACTOR_ORIGINS, EVENT_TYPES, MODES, TOPICS, Event
from summitry.web import queries, views
from summitry.web.context import CtxDep, topic_label
from summitry.web.details import (
    EVENT_ID_RE,
    MAX_OFFSET,
    PAGE_SIZE,
    empty_stats,
    event_detail,
    find_actor,
    source_docs,
)
from summitry.web.security import ApiError, details_message, wants_html

__all__ = ["add_pages"]

_DIGITS = re.compile(r"[0-9]{1,18}")
FIELDS = ("type", "mode", "status", "date", "location", "countries", "participants",
          "organizations", "topics")



def _qs(pairs: Sequence[tuple[str, str]], **changes: str | int | None) -> str:
    """A query string: ``pairs`` with the keys of ``changes`` replaced (None drops)."""
    kept = [(k, v) for k, v in pairs if k not in changes and v != ""]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None and v != ""]
    return ("?" + urlencode(kept)) if kept else "?"


def _event_url(event_id: str) -> str:
    return "/events/" + quote(event_id, safe="")


def _actor_url(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe=":")


def _date_text(date: dict[str, Any]) -> str:
    start, end = date.get("start"), date.get("end")
    if not start and not end:
        return "undated"
    if start == end or not end:
        return str(start)
    return f"{start or '?'} – {end}"


def _event_row(event: Event) -> dict[str, Any]:
    d = event.as_dict()
    who = [p["name"] for p in d["participants"]] or d["organizations"]
    return {"id": d["event_id"], "url": _event_url(d["event_id"]), "type": d["type"],
            "mode": d["mode"] or "", "status": d["status"], "date": _date_text(d["date"]),
            "countries": d["countries"], "who": who, "topics": d["topics"],
            "n_sources": len(d["docs"]), "confidence": d["confidence"],
            "location": (d["location"] or {}).get("name") or ""}


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (never javascript: or data:)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _dashboard_filter(request: Request) -> tuple[queries.EventFilter,
                                                 list[tuple[str, str]], dict[str, str]]:
    params = request.query_params
    form = {k: params.get(k, "") for k in ("pair", "type", "mode", "topic", "participant",
                                            "since", "until", "q")}
    form["country"] = ",".join(v for v in params.getlist("country") if v.strip())
    try:
        flt = queries.make_filter(country=params.getlist("country"), pair=form["pair"],
                                  type=form["type"], mode=form["mode"], topic=form["topic"],
                                  participant=form["participant"], since=form["since"],
                                  until=form["until"], q=form["q"])
        return flt, [], form
    except queries.FilterError as exc:
        return queries.EventFilter(), exc.problems, form


def _offset(request: Request) -> int:
    raw = request.query_params.get("offset", "0")
    return min(int(raw), MAX_OFFSET) if _DIGITS.fullmatch(raw) else 0


def add_pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request, ctx: CtxDep) -> Response:
        flt, problems, form = _dashboard_filter(request)
        if problems and not wants_html(request):
            details = [{"loc": ["query", p], "msg": m, "type": "value_error"}
                       for p, m in problems]
            raise ApiError(422, "validation_error", details_message(details),
                           details=details)
        offset = _offset(request)
        stats, total, all_events = empty_stats(), 0, 0
        events: list[Event] = []
        present: list[str] = []
        with ctx.store() as store:
            if store is not None:
                all_events = store.counts()["events"]
                overall = queries.stats(store)
                present = [c["country"] for c in overall["by_country"]]
                if not problems:
                    stats = queries.stats(store, flt) if flt.active else overall
                    events, total = queries.search_events(store, flt, limit=PAGE_SIZE,
                                                          offset=offset)
        names = {c["country"]: gazetteer.country_name(c["country"])
                 for c in stats["by_country"]}
        top_topic = max((t["events"] for t in stats["by_topic"]), default=1)
        pairs = list(request.query_params.multi_items())
        return ctx.render(
            "dashboard.html", status=422 if problems else 200, nav="dashboard",
            title="Dashboard", form=form, problems=problems, filtered=flt.active,
            stats=stats, all_events=all_events, total=total,
            timeline=views.timeline_chart(stats["by_month"]),
            network=views.network_chart(stats["by_country"], stats["by_pair"], names),
            pairs=[{**p, "name_a": names.get(p["a"], p["a"]),
                    "name_b": names.get(p["b"], p["b"]),
                    "url": _qs([], pair=f"{p['a']},{p['b']}")} for p in stats["by_pair"]],
            topics=[{**t, "pct": round(100 * t["events"] / top_topic, 1),
                     "url": _qs([], topic=t["topic"])} for t in stats["by_topic"][:12]],
            events=[_event_row(e) for e in events], offset=offset, page_size=PAGE_SIZE,
            prev_url=_qs(pairs, offset=max(0, offset - PAGE_SIZE) or None)
            if offset > 0 else None,
            next_url=_qs(pairs, offset=offset + PAGE_SIZE)
            if offset + PAGE_SIZE < total else None,
            types=EVENT_TYPES, modes=MODES, topic_options=TOPICS,
            countries=present)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str, ctx: CtxDep) -> Response:
        with ctx.store() as store:
            live = store.resolve_id(event_id) \
                if store is not None and EVENT_ID_RE.fullmatch(event_id) else None
            event = store.get_event(live) if store is not None and live else None
            if store is None or live is None or event is None:
                raise ApiError(404, "not_found", f"No event {event_id[:100]!r}.")
            if live != event_id:
                return RedirectResponse(_event_url(live), status_code=301)
            docs = source_docs(store, event)
            detail = event_detail(ctx, store, event, event_id, docs)
        return ctx.render("event.html", nav="", title=f"{event.type} {event_id}",
                          **_event_context(event, detail, docs))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, ctx: CtxDep) -> Response:
        q = request.query_params.get("q", "").strip()[: queries.MAX_TEXT]
        country = request.query_params.get("country", "").strip().upper()
        origin = request.query_params.get("origin", "").strip()
        offset = _offset(request)
        with ctx.store() as store:
            actors = ctx.actors(store)
        found = queries.filter_actors(
            actors.actors.values(), q=q or None,
            country=country if queries.COUNTRY_RE.fullmatch(country) else None,
            origin=origin if origin in ACTOR_ORIGINS else None)
        pairs = list(request.query_params.multi_items())
        rows = [{"id": a.id, "url": _actor_url(a.id), "name": a.name, "country": a.country,
                 "origin": a.origin,
                 "roles": "; ".join(f"{r.role} ({views.role_dates(r.start, r.end)})"
                                    for r in a.roles)}
                for a in found[offset:offset + PAGE_SIZE]]
        return ctx.render(
            "actors.html", nav="actors", title="Actors", rows=rows, total=len(found),
            form={"q": q, "country": country, "origin": origin}, offset=offset,
            prev_url=_qs(pairs, offset=max(0, offset - PAGE_SIZE) or None)
            if offset > 0 else None,
            next_url=_qs(pairs, offset=offset + PAGE_SIZE)
            if offset + PAGE_SIZE < len(found) else None)

    @app.get("/actors/{actor_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(actor_id: str, ctx: CtxDep) -> Response:
        with ctx.store() as store:
            actors = ctx.actors(store)
            actor = find_actor(actors, actor_id)
            found = queries.actor_event_ids(store, actors, actor) if store is not None else []
            events = [e for e in (store.get_event(eid) for eid, _ in found[:500])
                      if e is not None] if store is not None else []
        roles = sorted(actor.roles, key=lambda r: (r.start or dt.date.min, r.role))
        timeline = views.actor_timeline(
            [(r.role + (f", {r.organization}" if r.organization else ""), r.start, r.end)
             for r in roles],
            [(e.event_id, e.date.start) for e in events])
        return ctx.render(
            "actor.html", nav="actors", title=actor.name, actor=actor.as_dict(),
            roles=[{"role": r.role, "organization": r.organization, "country": r.country,
                    "dates": views.role_dates(r.start, r.end), "source": r.source}
                   for r in roles],
            timeline=timeline, events=[_event_row(e) for e in events])


def _event_context(event: Event, detail: dict[str, Any],
                   docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The event page: fields with reasons and evidence links, sources highlighted."""
    reasons = dict(event.reasons)
    anchors: dict[str, list[dict[str, str]]] = {}
    sources: list[dict[str, Any]] = []
    for i, (src, sdetail) in enumerate(zip(event.sources, detail["sources"], strict=True)):
        meta = docs.get(src.doc_id) or {}
        raw: str = meta.get("raw_text") or ""
        spans: list[views.Span] = []
        evidence: list[dict[str, Any]] = []
        spans += [views.Span(a, b, "span", "", "boilerplate", "",
                             "boilerplate: not part of the article")
                  for a, b in meta.get("boilerplate") or ()]
        for j, ev in enumerate(src.evidence):
            ident = f"s{i}-e{j}"
            ok = 0 <= ev.start < ev.end <= len(raw) and raw[ev.start:ev.end] == ev.text
            evidence.append({"field": ev.field, "text": ev.text, "start": ev.start,
                             "end": ev.end, "anchor": ident if ok else None})
            if ok:
                spans.append(views.Span(ev.start, ev.end, "mark", ev.field, "", ident,
                                        f"{ev.field} ({ev.start}–{ev.end})"))
                anchors.setdefault(ev.field, []).append(
                    {"anchor": ident, "text": ev.text.strip()[:80], "doc": src.doc_id})
        in_event = set(event.doc_ids)
        sources.append({
            "index": i, "doc_id": src.doc_id, "title": meta.get("title"),
            "outlet": meta.get("outlet"), "byline": meta.get("byline"),
            "published": meta.get("published"), "published_source": meta.get("published_source"),
            "url": _safe_url(meta.get("url")), "url_text": meta.get("url"),
            "group": sdetail.get("duplicate_group"),
            "duplicates": [{"doc_id": d, "anchor": f"src-{event.doc_ids.index(d)}"
                            if d in in_event else None} for d in sdetail["duplicates"]],
            "found": bool(meta.get("found")), "length": len(raw),
            "segments": views.highlight(raw, spans), "evidence": evidence,
            "missing": sum(1 for e in evidence if e["anchor"] is None)})
    d = detail
    loc = d["location"]
    values: dict[str, str] = {
        "type": d["type"], "mode": d["mode"] or "—", "status": d["status"],
        "date": f"{_date_text(d['date'])} (precision: {d['date']['precision']})",
        "location": (f"{loc['name']}" + (f", {gazetteer.country_name(loc['country'])}"
                                          if loc.get("country") else "")
                     + (f" ({loc['lat']:.3f}, {loc['lon']:.3f})"
                        if loc.get("lat") is not None and loc.get("lon") is not None else ""))
        if loc else "—",
        "countries": ", ".join(f"{gazetteer.country_name(c)} ({c})" for c in d["countries"])
        or "—",
        "participants": "; ".join(p["name"] for p in d["participants"]) or "—",
        "organizations": "; ".join(d["organizations"]) or "—",
        "topics": ", ".join(topic_label(t) for t in d["topics"]) or "—",
    }
    fields = [{"name": f, "value": values[f], "reason": reasons.get(f),
               "evidence": anchors.get(f, [])} for f in FIELDS]
    extra = [{"name": k, "reason": v} for k, v in event.reasons if k not in FIELDS]
    participants = [{**p, "url": _actor_url(p["actor_id"]) if p["actor_id"] else None}
                    for p in d["participants"]]
    groups = [s for s in sources if s["duplicates"]]
    present = sorted({e["field"] for s in sources for e in s["evidence"] if e["anchor"]},
                     key=lambda f: (FIELDS.index(f) if f in FIELDS else len(FIELDS), f))
    return {"event": d, "fields": fields, "extra_reasons": extra,
            "participants": participants, "sources": sources, "dup_sources": groups,
            "legend": present, "date_text": values["date"]}
