"""Read-only queries of the web app that :class:`~summitry.store.Store` has no method for.

Every query runs on the store's own (read-only) connection and passes every user value
as a bound parameter; the SQL text is built only from fixed fragments. Structured filters
(countries, pair, type, mode, topic, dates) run in SQL; the free-text filters
(``participant``, ``q``) fold accents and case in Python over the candidate records, the
way :func:`summitry.names.fold` does everywhere else in summitry.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import duckdb

from summitry.actors import Actor, ActorStore
from summitry.names import fold, person_key
from summitry.records import EVENT_TYPES, MODES, TOPICS, Event
from summitry.store import Store, event_from_record

__all__ = [
    "EventFilter",
    "FilterError",
    "actor_event_ids",
    "event_ids_for_doc",
    "make_filter",
    "search_events",
    "stats",
]

#: an ISO3 code or an international organisation's acronym (``EU``, ``INTERPOL``)
COUNTRY_RE = re.compile(r"[A-Za-z]{2,12}")
MAX_COUNTRIES = 50
MAX_TEXT = 200


class FilterError(ValueError):
    """Invalid filter values: ``problems`` is a list of ``(parameter, message)``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{p}: {m}" for p, m in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the event list, the stats and the dashboard are restricted to."""

    countries: tuple[str, ...] = ()  # any of these
    pair: tuple[str, str] | None = None  # both of these
    type: str | None = None
    mode: str | None = None
    topic: str | None = None
    participant: str | None = None  # substring of a participant's name, folded
    since: dt.date | None = None
    until: dt.date | None = None
    q: str | None = None  # every word must occur in the event's searchable text

    @property
    def has_text(self) -> bool:
        return bool(self.participant or self.q)

    @property
    def active(self) -> bool:
        return self != EventFilter()


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(name: str, value: str | dt.date | None,
          problems: list[tuple[str, str]]) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    text = _blank(value)
    if text is None:
        return None
    try:
        if _DATE_RE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    problems.append((name, f"{text[:40]!r} is not a date (YYYY-MM-DD)"))
    return None


def _codes(values: Iterable[str], name: str, problems: list[tuple[str, str]]) -> list[str]:
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip()
            if not code:
                continue
            if not COUNTRY_RE.fullmatch(code):
                problems.append((name, f"{code[:40]!r} is not a country code (ISO3, e.g. MEX)"))
                continue
            out.append(code.upper())
    return list(dict.fromkeys(out))


def _choice(name: str, value: str | None, allowed: Sequence[str], *, upper: bool,
            problems: list[tuple[str, str]]) -> str | None:
    text = _blank(value)
    if text is None:
        return None
    key = text.upper() if upper else text.lower()
    if key not in allowed:
        problems.append((name, f"{text[:40]!r} is not one of {', '.join(allowed)}"))
        return None
    return key


def _text(name: str, value: str | None, problems: list[tuple[str, str]]) -> str | None:
    text = _blank(value)
    if text is not None and len(text) > MAX_TEXT:
        problems.append((name, f"at most {MAX_TEXT} characters"))
        return None
    return text


def make_filter(
    *,
    country: Iterable[str] = (),
    pair: str | None = None,
    type: str | None = None,
    mode: str | None = None,
    topic: str | None = None,
    participant: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    q: str | None = None,
) -> EventFilter:
    """Validate raw filter values (empty strings mean "no filter") into an
    :class:`EventFilter`; raise :class:`FilterError` listing every bad value."""
    problems: list[tuple[str, str]] = []
    countries = _codes(country, "country", problems)
    if len(countries) > MAX_COUNTRIES:
        problems.append(("country", f"at most {MAX_COUNTRIES} countries"))
    pair_codes: tuple[str, str] | None = None
    if _blank(pair) is not None:
        assert pair is not None
        codes = _codes([pair], "pair", problems)
        if len(codes) == 2:
            pair_codes = (codes[0], codes[1])
        elif not any(p == "pair" for p, _ in problems):
            problems.append(("pair", "give two different country codes, e.g. USA,MEX"))
    flt = EventFilter(
        countries=tuple(countries),
        pair=pair_codes,
        type=_choice("type", type, EVENT_TYPES, upper=True, problems=problems),
        mode=_choice("mode", mode, MODES, upper=False, problems=problems),
        topic=_choice("topic", topic, TOPICS, upper=False, problems=problems),
        participant=_text("participant", participant, problems),
        since=_date("since", since, problems),
        until=_date("until", until, problems),
        q=_text("q", q, problems),
    )
    if flt.since and flt.until and flt.since > flt.until:
        problems.append(("until", "must not be before since"))
    if problems:
        raise FilterError(problems)
    return flt


# --------------------------------------------------------------------------- SQL


def _con(store: Store) -> duckdb.DuckDBPyConnection:
    # Store keeps its connection private; these read-only helpers share it so that they
    # see exactly what the Store sees (the file or the writer's published snapshot).
    con: duckdb.DuckDBPyConnection = store._con
    return con


def _where(flt: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause of the structured filters (same date semantics as
    :meth:`Store.query_events`: the event's range overlaps ``[since, until]``)."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.countries:
        clauses.append("list_has_any(countries, ?::VARCHAR[])")
        params.append(list(flt.countries))
    if flt.pair:
        clauses.append("list_contains(countries, ?) AND list_contains(countries, ?)")
        params.extend(flt.pair)
    for column, value in (("type", flt.type), ("mode", flt.mode)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if flt.topic is not None:
        clauses.append("list_contains(topics, ?)")
        params.append(flt.topic)
    if flt.since is not None:
        clauses.append("coalesce(date_end, date_start) >= ?")
        params.append(flt.since)
    if flt.until is not None:
        clauses.append("coalesce(date_start, date_end) <= ?")
        params.append(flt.until)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_ORDER = " ORDER BY date_start DESC NULLS LAST, event_id"


def searchable_text(record: dict[str, Any]) -> str:
    """The folded text ``q`` searches: participants (name, role, organisation),
    organisations, topics, the location and every evidence text."""
    parts: list[str] = []
    for p in record.get("participants") or ():
        parts.extend(str(p.get(k) or "") for k in ("name", "role", "organization"))
    parts.extend(str(o) for o in record.get("organizations") or ())
    parts.extend(str(t).replace("_", " ") for t in record.get("topics") or ())
    loc = record.get("location") or {}
    parts.append(str(loc.get("name") or ""))
    for src in record.get("sources") or ():
        parts.extend(str(e.get("text") or "") for e in src.get("evidence") or ())
    return fold(" \n ".join(parts))


def _text_match(flt: EventFilter, record: dict[str, Any]) -> bool:
    if flt.participant:
        needle = fold(flt.participant)
        if not any(needle in fold(str(p.get("name") or ""))
                   for p in record.get("participants") or ()):
            return False
    if flt.q:
        hay = searchable_text(record)
        if not all(word in hay for word in fold(flt.q).split()):
            return False
    return True


def search_events(store: Store, flt: EventFilter, *, limit: int,
                  offset: int = 0) -> tuple[list[Event], int]:
    """One page of the events matching ``flt`` (newest first, then by id) and the total."""
    con = _con(store)
    where, params = _where(flt)
    if not flt.has_text:
        row = con.execute("SELECT count(*) FROM events" + where, params).fetchone()
        total = int(row[0]) if row else 0
        rows = con.execute("SELECT record FROM events" + where + _ORDER + " LIMIT ? OFFSET ?",
                           [*params, limit, offset]).fetchall()
        return [event_from_record(json.loads(r[0])) for r in rows], total
    matched = [rec for rec in (json.loads(r[0]) for r in con.execute(
        "SELECT record FROM events" + where + _ORDER, params).fetchall())
        if _text_match(flt, rec)]
    return [event_from_record(r) for r in matched[offset:offset + limit]], len(matched)


def stats(store: Store, flt: EventFilter | None = None) -> dict[str, Any]:
    """Counts of the events matching ``flt``: by month (of ``date_start``, for events
    dated to the month or day) and type, by type, by country, by country pair, by topic,
    and totals (with the database's document, source and duplicate-group counts)."""
    flt = flt or EventFilter()
    con = _con(store)
    where, params = _where(flt)
    rows = con.execute(
        "SELECT type, date_start, date_precision, countries, topics"
        + (", record" if flt.has_text else ", NULL") + " FROM events" + where + _ORDER,
        params).fetchall()
    by_month: dict[str, Counter[str]] = {}
    by_type: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    by_pair: Counter[tuple[str, str]] = Counter()
    by_topic: Counter[str] = Counter()
    events = dated = 0
    for etype, start, precision, countries, topics, record in rows:
        if record is not None and not _text_match(flt, json.loads(record)):
            continue
        events += 1
        by_type[etype] += 1
        if start is not None and precision in ("day", "month"):
            dated += 1
            by_month.setdefault(f"{start.year:04d}-{start.month:02d}", Counter())[etype] += 1
        codes = sorted(set(countries or ()))
        by_country.update(codes)
        by_pair.update(combinations(codes, 2))
        by_topic.update(set(topics or ()))
    counts = store.counts()
    return {
        "totals": {
            "events": events, "dated": dated, "undated": events - dated,
            "documents": counts["documents"], "mentions": counts["mentions"],
            "sources": counts["sources"], "duplicate_groups": counts["duplicate_groups"],
            "failures": counts["failures"],
        },
        "by_type": {t: by_type[t] for t in sorted(by_type, key=_type_order)},
        "by_month": [{"month": m, "total": sum(c.values()),
                      "by_type": {t: c[t] for t in sorted(c, key=_type_order)}}
                     for m, c in sorted(by_month.items())],
        "by_country": [{"country": c, "events": n}
                       for c, n in sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))],
        "by_pair": [{"a": a, "b": b, "events": n}
                    for (a, b), n in sorted(by_pair.items(), key=lambda kv: (-kv[1], kv[0]))],
        "by_topic": [{"topic": t, "events": n}
                     for t, n in sorted(by_topic.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def _type_order(t: str) -> tuple[int, str]:
    return (EVENT_TYPES.index(t) if t in EVENT_TYPES else len(EVENT_TYPES), t)


def event_ids_for_doc(store: Store, doc_id: str) -> list[str]:
    """The live events a document is a source of."""
    rows = _con(store).execute(
        "SELECT event_id FROM event_sources WHERE doc_id = ? ORDER BY event_id", [doc_id]
    ).fetchall()
    return [r[0] for r in rows]


def doc_ids_in_group(groups: dict[str, str], doc_id: str) -> list[str]:
    """The other documents of ``doc_id``'s near-duplicate group."""
    group = groups.get(doc_id)
    if group is None:
        return []
    return sorted(d for d, g in groups.items() if g == group and d != doc_id)


# --------------------------------------------------------------------------- actors


def _family_keys(actor: Actor) -> set[str]:
    return {k for k in (person_key(n) for n in (actor.name, *actor.aliases)) if k}


def participant_actor(actors: ActorStore, name: str, country: str | None) -> Actor | None:
    """The known actor an event participant is (fuzzy name match, compatible country)."""
    actor = actors.match(name)
    if actor is None:
        return None
    if country and actor.country and country != actor.country:
        return None
    return actor


def actor_event_ids(store: Store, actors: ActorStore,
                    actor: Actor) -> list[tuple[str, dt.date | None]]:
    """``(event_id, date_start)`` of the events with a participant who has the actor's
    family name (or an alias's), a compatible country, and whom the actor store does not
    resolve to somebody else; oldest first."""
    keys = _family_keys(actor)
    out: list[tuple[str, dt.date | None]] = []
    rows = _con(store).execute(
        "SELECT event_id, date_start, participants FROM events "
        "ORDER BY date_start NULLS LAST, event_id").fetchall()
    for event_id, start, participants in rows:
        for p in json.loads(participants or "[]"):
            name = str(p.get("name") or "")
            if person_key(name) not in keys:
                continue
            country = p.get("country")
            if country and actor.country and country != actor.country:
                continue
            other = actors.match(name)
            if other is not None and other.id != actor.id:
                continue
            out.append((event_id, start))
            break
    return out


def filter_actors(actors: Iterable[Actor], *, country: str | None = None,
                  q: str | None = None, origin: str | None = None) -> list[Actor]:
    """Actors of ``country`` / ``origin`` whose name or an alias contains ``q`` (folded),
    ordered by country then name."""
    needle = fold(q) if q else None
    out = [a for a in actors
           if (country is None or a.country == country)
           and (origin is None or a.origin == origin)
           and (needle is None or any(needle in fold(n) for n in (a.name, *a.aliases)))]
    return sorted(out, key=lambda a: (a.country or "~", fold(a.name), a.id))
