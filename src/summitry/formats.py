"""The standard event-data formats: PLOVER JSON, POLECAT TSV, ICEWS ``.tab``, GDELT 2.0.

Column lists, CAMEO / PLOVER codes, Goldstein weights and quad classes are data
(``data/formats.toml``, each list citing the document it is copied from); this module only
fills the columns. docs/formats.md explains the mapping and what each format cannot carry.

The dyadic formats (POLECAT, ICEWS, GDELT, and PLOVER's actor/recipient) need a source and
a target: an event with parties A, B, C becomes one row per unordered pair (A-B, A-C, B-C),
the pair in alphabetical order (our events record who took part, not who acted on whom).
Row ids are ``EVENT_ID-N`` (N = the pair's number) or, where the format needs an integer
(GDELT ``GLOBALEVENTID``, ICEWS ``Event ID``), a stable 60-bit hash of that string. An event
with no date is left out of the formats that need one (POLECAT, ICEWS, GDELT); a partial
date gives the first day of its month or year, the end of the range goes to PLOVER
``enddate`` only.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import IO, Any

from summitry import __version__, gazetteer
from summitry.records import Event, Participant

__all__ = [
    "STANDARD_FORMATS",
    "Coding",
    "DocRef",
    "code_event",
    "columns",
    "doc_ids",
    "dyads",
    "gdelt_rows",
    "icews_rows",
    "plover_records",
    "polecat_rows",
    "refs_from",
    "spec",
    "write",
]

STANDARD_FORMATS = ("plover", "polecat", "icews", "gdelt")


@dataclass(frozen=True, slots=True)
class DocRef:
    """What an export cites of one source document (see ``Store.document_refs``)."""

    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Coding:
    """An event's codes: CAMEO (full, base, root), quad class, Goldstein weight, PLOVER
    category, mode, quad code and contexts."""

    cameo: str
    base: str
    root: str
    quad_class: int
    goldstein: float
    cameo_text: str
    plover: str
    plover_mode: str
    plover_quad: int
    contexts: tuple[str, ...]


@lru_cache(maxsize=1)
def spec() -> dict[str, Any]:
    """The parsed ``data/formats.toml``."""
    text = resources.files("summitry").joinpath("data/formats.toml").read_text("utf-8")
    return tomllib.loads(text)


def columns(fmt: str) -> tuple[str, ...]:
    """The published column list of ``fmt`` (PLOVER: the record's top-level fields)."""
    table = spec()[fmt]
    return tuple(table["fields"] if fmt == "plover" else table["columns"])


def code_event(event: Event) -> Coding:
    """The CAMEO and PLOVER codes of ``event``: the most specific ``[[codes]]`` row of
    its (type, mode, status) (a row's status counts more than its mode), refined by its
    first topic with a ``topic_codes`` entry."""
    data = spec()
    matches = [row for row in data["codes"]
               if row["type"] == event.type
               and row.get("mode", event.mode) == event.mode
               and row.get("status", event.status) == event.status]
    if not matches:
        raise ValueError(f"no code for event type {event.type!r}")
    # a planned event is an intent whatever its channel: status outranks mode
    row = max(matches, key=lambda r: ("mode" in r) + 2 * ("status" in r))
    cameo = row["cameo"]
    if "status" not in row:  # an intent (planned) keeps its code: no topic subcode
        by_topic = {(t, topic): c for t, topic, c in data["topic_codes"]["rows"]}
        cameo = next((by_topic[(event.type, topic)] for topic in event.topics
                      if (event.type, topic) in by_topic), cameo)
    plover = row["plover"]
    contexts = tuple(dict.fromkeys(data["plover_context"][t] for t in event.topics
                                   if t in data["plover_context"]))
    return Coding(
        cameo=cameo, base=cameo[:3], root=cameo[:2],
        quad_class=int(data["quad_class"][cameo[:2]]),
        goldstein=float(data["goldstein"][cameo]), cameo_text=data["cameo_text"][cameo],
        plover=plover, plover_mode=row.get("plover_mode", ""),
        plover_quad=int(data["plover_quad"][plover]), contexts=contexts)


def dyads(event: Event) -> list[tuple[str, str | None]]:
    """The (actor, recipient) pairs a dyadic format gets: every unordered pair of the
    event's parties in alphabetical order; a one-party event gives ``(party, None)``."""
    parties = sorted(dict.fromkeys(event.countries))
    if len(parties) < 2:
        return [(parties[0], None)] if parties else []
    return list(combinations(parties, 2))


def _row_id(event_id: str, n: int) -> str:
    return f"{event_id}-{n}"


def _int_id(row_id: str) -> int:
    """A stable non-negative integer (< 2**60) for a row id."""
    return int(hashlib.sha256(row_id.encode("utf-8")).hexdigest()[:15], 16)


def _clean(value: Any) -> Any:
    """A TSV cell: None is empty; tabs and line breaks become spaces."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.replace("\t", " ").splitlines())
    return value


def _party(event: Event, code: str | None) -> tuple[str, Participant | None]:
    """A party's display name and its first named participant, if any."""
    if code is None:
        return "", None
    person = next((p for p in event.participants if p.country == code), None)
    return gazetteer.country_name(code), person


def _sector(code: str | None, kind: str) -> str:
    if code is None:
        return ""
    sectors = spec()["sectors"]
    return str(sectors[f"{kind}_igo" if gazetteer.is_io(code) else f"{kind}_government"])


def _refs(event: Event, refs: Mapping[str, DocRef]) -> list[tuple[str, DocRef]]:
    return [(d, refs.get(d) or DocRef()) for d in event.doc_ids]


def _start(event: Event) -> dt.date | None:
    return event.date.start or event.date.end


# --------------------------------------------------------------------------- rows


def polecat_rows(event: Event, refs: Mapping[str, DocRef]) -> list[list[Any]]:
    """POLECAT rows of one event (none when it is undated)."""
    start = _start(event)
    if start is None:
        return []
    c = code_event(event)
    cited = _refs(event, refs)
    first = cited[0][1] if cited else DocRef()
    loc = event.location
    out: list[list[Any]] = []
    for n, (a, b) in enumerate(dyads(event), 1):
        a_name, a_person = _party(event, a)
        b_name, b_person = _party(event, b)
        row = {
            "Event ID": _row_id(event.event_id, n), "Event Date": start.isoformat(),
            "Event Type": c.plover, "Event Mode": c.plover_mode, "Intensity": c.goldstein,
            "Quad Code": c.plover_quad, "Contexts": ";".join(c.contexts),
            "Actor Name": a_person.name if a_person else a_name, "Actor Country": a,
            "Actor COW": "", "Primary Actor Sector": _sector(a, "plover"),
            "Actor Sectors": _sector(a, "plover"),
            "Actor Title": a_person.role if a_person else "",
            "Actor Name Raw": a_person.name if a_person else a_name,
            "Wikipedia Actor ID": "",
            "Recipient Name": b_person.name if b_person else b_name,
            "Recipient Country": b or "", "Recipient COW": "",
            "Primary Recipient Sector": _sector(b, "plover"),
            "Recipient Sectors": _sector(b, "plover"),
            "Recipient Title": b_person.role if b_person else "",
            "Recipient Name Raw": b_person.name if b_person else b_name,
            "Wikipedia Recipient ID": "",
            "Placename": loc.name if loc else "", "City": loc.name if loc else "",
            "District": "", "Province": "", "Country": (loc.country or "") if loc else "",
            "Latitude": loc.lat if loc else None, "Longitude": loc.lon if loc else None,
            "GeoNames ID": "", "Raw Placename": loc.name if loc else "", "Feature Type": "",
            "Source": first.outlet or (cited[0][0] if cited else ""),
            "Publication Date": first.published.isoformat() if first.published else "",
            "Story People": ";".join(p.name for p in event.participants),
            "Story Organizations": ";".join(event.organizations),
            "Story Locations": loc.name if loc else "",
            "Language": first.language or "", "Version": f"summitry-{__version__}",
        }
        out.append([row[col] for col in columns("polecat")])
    return out


def icews_rows(event: Event, refs: Mapping[str, DocRef]) -> list[list[Any]]:
    """ICEWS rows of one event (none when it is undated)."""
    start = _start(event)
    if start is None:
        return []
    c = code_event(event)
    cited = _refs(event, refs)
    first_id, first = cited[0] if cited else ("", DocRef())
    loc = event.location
    out: list[list[Any]] = []
    for n, (a, b) in enumerate(dyads(event), 1):
        a_name, a_person = _party(event, a)
        b_name, b_person = _party(event, b)
        row = {
            "Event ID": _int_id(_row_id(event.event_id, n)), "Event Date": start.isoformat(),
            "Source Name": a_person.name if a_person else a_name,
            "Source Sectors": _sector(a, "icews"), "Source Country": a_name,
            "Event Text": c.cameo_text, "CAMEO Code": c.cameo, "Intensity": c.goldstein,
            "Target Name": b_person.name if b_person else b_name,
            "Target Sectors": _sector(b, "icews"), "Target Country": b_name,
            "Story ID": first_id, "Sentence Number": None, "Publisher": first.outlet,
            "City": loc.name if loc else None, "District": None, "Province": None,
            "Country": gazetteer.country_name(loc.country) if loc and loc.country else None,
            "Latitude": loc.lat if loc else None, "Longitude": loc.lon if loc else None,
        }
        out.append([row[col] for col in columns("icews")])
    return out


def _geo_type(event: Event) -> int:
    """GDELT geo type: 0 none, 1 country, 3 US city, 4 world city."""
    loc = event.location
    if loc is None:
        return 0
    if loc.country and loc.name == gazetteer.country_name(loc.country):
        return 1
    return 3 if loc.country == "USA" else 4


def gdelt_rows(event: Event, refs: Mapping[str, DocRef]) -> list[list[Any]]:
    """GDELT 2.0 event-table rows of one event (none when it is undated)."""
    start = _start(event)
    if start is None:
        return []
    c = code_event(event)
    cited = _refs(event, refs)
    first_id, first = cited[0] if cited else ("", DocRef())
    outlets = {r.outlet or d for d, r in cited}
    added = first.published or start
    loc = event.location
    geo = _geo_type(event)
    out: list[list[Any]] = []
    for n, (a, b) in enumerate(dyads(event), 1):
        row: dict[str, Any] = dict.fromkeys(columns("gdelt"))
        row.update({
            "GLOBALEVENTID": _int_id(_row_id(event.event_id, n)),
            "SQLDATE": int(start.strftime("%Y%m%d")), "MonthYear": int(start.strftime("%Y%m")),
            "Year": start.year,
            "FractionDate": round(start.year + (start.month * 30 + start.day) / 365, 4),
            "IsRootEvent": 1, "EventCode": c.cameo, "EventBaseCode": c.base,
            "EventRootCode": c.root, "QuadClass": c.quad_class, "GoldsteinScale": c.goldstein,
            "NumMentions": len(cited), "NumSources": len(outlets), "NumArticles": len(cited),
            "ActionGeo_Type": geo,
            "ActionGeo_FullName": ", ".join(x for x in (
                loc.name if loc else None,
                gazetteer.country_name(loc.country) if loc and loc.country
                and geo != 1 else None) if x) or None,
            "ActionGeo_CountryCode": loc.country if loc else None,
            "ActionGeo_Lat": loc.lat if loc else None,
            "ActionGeo_Long": loc.lon if loc else None,
            "DATEADDED": int(added.strftime("%Y%m%d") + "000000"),
            "SOURCEURL": first.url or first_id,
        })
        for i, code in (("1", a), ("2", b)):
            if code is None:
                continue
            io = gazetteer.is_io(code)
            row.update({
                f"Actor{i}Code": "IGO" if io else f"{code}GOV",
                f"Actor{i}Name": (code if io else gazetteer.country_name(code)).upper(),
                f"Actor{i}CountryCode": None if io else code,
                f"Actor{i}Type1Code": "IGO" if io else "GOV",
            })
        out.append([row[col] for col in columns("gdelt")])
    return out


def plover_records(event: Event, refs: Mapping[str, DocRef]) -> list[dict[str, Any]]:
    """PLOVER JSON records of one event: one per actor-recipient pair, with the field
    names of the PLOVER manual's "Data Fields" chapter (``source`` and ``recipient`` are
    lists of actor objects; ``event``, ``mode``, ``context`` and ``event_text`` are lists).
    ``text_info`` and ``cite_info`` are lists of the manual's text and citation objects,
    one per evidence span and per source; what PLOVER has no field for is under the
    extension key ``summitry``."""
    c = code_event(event)
    cited = _refs(event, refs)
    loc = event.location
    evidence = [(s.doc_id, e) for s in event.sources for e in s.evidence]
    # the text that shows the event: its type's evidence (the trigger's sentence)
    trigger = next((e.text for field in ("type", "trigger") for _, e in evidence
                    if e.field == field), evidence[0][1].text if evidence else "")

    def actors(code: str | None) -> list[dict[str, Any]]:
        if code is None:
            return []
        name, person = _party(event, code)
        return [{"code": code, "sector": _sector(code, "plover"),
                 "actor_text": person.name if person else name,
                 "office": person.role if person else None}]

    out: list[dict[str, Any]] = []
    for n, (a, b) in enumerate(dyads(event), 1):
        out.append({
            "id": _row_id(event.event_id, n),
            "date": event.date.start.isoformat() if event.date.start else None,
            "enddate": event.date.end.isoformat() if event.date.end else None,
            "source": actors(a), "recipient": actors(b),
            "event": [c.plover],
            "event_loc": {"geonameid": None, "name": loc.name, "latitude": loc.lat,
                          "longitude": loc.lon, "cc3": loc.country} if loc else None,
            "event_text": [trigger] if trigger else [],
            "quad_code": c.plover_quad,
            "mode": [c.plover_mode] if c.plover_mode else [], "context": list(c.contexts),
            "text_info": [{"start": e.start, "end": e.end, "doc_id": d, "field": e.field,
                           "text": e.text} for d, e in evidence],
            "cite_info": [{"citation": d, "url": r.url, "title": r.title,
                           "language": r.language, "publication": r.outlet,
                           "date": r.published.isoformat() if r.published else None}
                          for d, r in cited],
            "coder": f"summitry {__version__}",
            "summitry": {"event_id": event.event_id, "type": event.type,
                         "mode": event.mode, "status": event.status,
                         "date_precision": event.date.precision,
                         "countries": list(event.countries), "topics": list(event.topics),
                         "cameo": c.cameo, "confidence": round(event.confidence, 3)},
        })
    return out


# --------------------------------------------------------------------------- writing


_ROWS = {"polecat": polecat_rows, "icews": icews_rows, "gdelt": gdelt_rows}


def write(fmt: str, events: Iterable[Event], out: IO[str],
          refs: Mapping[str, DocRef] | None = None) -> int:
    """Write ``events`` (already in export order) as ``fmt`` to a text stream; return how
    many events gave at least one row or record. PLOVER is JSON Lines (one record per
    line); the others are tab-separated with the published header row."""
    refs = refs or {}
    written = 0
    if fmt == "plover":
        for event in events:
            records = plover_records(event, refs)
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
            written += bool(records)
        return written
    rows_of = _ROWS[fmt]
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(columns(fmt))
    for event in events:
        rows = rows_of(event, refs)
        w.writerows([_clean(v) for v in row] for row in rows)
        written += bool(rows)
    return written


def refs_from(records: Mapping[str, Mapping[str, Any]]) -> dict[str, DocRef]:
    """``DocRef``s from ``Store.document_refs`` rows."""
    return {doc_id: DocRef(**{k: r.get(k) for k in ("url", "title", "outlet", "published",
                                                     "language")})
            for doc_id, r in records.items()}


def doc_ids(events: Sequence[Event]) -> list[str]:
    """Every source document of ``events``, once."""
    return list(dict.fromkeys(d for e in events for d in e.doc_ids))
