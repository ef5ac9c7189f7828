"""Import "position held" (P39) statements from Wikidata's JSON output into actors.

Two shapes are read, both what the Wikidata Query Service gives for a query such as::

    SELECT ?person ?personLabel ?personAltLabel ?position ?positionLabel
           ?country ?countryLabel ?start ?end WHERE {
      ?person p:P39 ?st . ?st ps:P39 ?position .
      ?position wdt:P17 ?country .
      OPTIONAL { ?st pq:P580 ?start } OPTIONAL { ?st pq:P582 ?end }
      SERVICE wikibase:label { bd:serviceParam wikibase:language "en". } }

* the SPARQL 1.1 JSON results format (``{"head": ..., "results": {"bindings": [...]}}``);
* the query service's "simple JSON" download (a list of flat objects).

Variable names are matched loosely (``person``/``item``/``human``, ``start``/
``startTime``...). A row without a person, a label or a position is reported and skipped;
the rest of the file goes on. Countries come from an ISO code column or the country's
label through the gazetteer; the organisation from the office table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summitry import gazetteer
from summitry.actors import Actor, ActorStore, Role
from summitry.errors import ConfigError

_VARS = {
    "person": ("person", "item", "human", "politician", "officeholder", "holder"),
    "label": ("personLabel", "itemLabel", "humanLabel", "politicianLabel", "name",
              "officeholderLabel", "holderLabel"),
    "aliases": ("personAltLabel", "itemAltLabel", "aliases", "altLabel"),
    "position": ("position", "office", "positionHeld"),
    "position_label": ("positionLabel", "officeLabel", "positionHeldLabel"),
    "country": ("country", "jurisdiction"),
    "country_label": ("countryLabel", "jurisdictionLabel"),
    "country_code": ("countryCode", "iso3", "iso", "countryISO"),
    "start": ("start", "startTime", "start_time", "from"),
    "end": ("end", "endTime", "end_time", "to", "until"),
}

_QID = re.compile(r"Q\d+$")


@dataclass(slots=True)
class ImportResult:
    actors: list[Actor] = field(default_factory=list)
    rows: int = 0
    skipped: list[str] = field(default_factory=list)


def load(path: Path) -> ImportResult:
    """Read a Wikidata JSON file into actors (one per person, all their positions)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read Wikidata JSON {path}: {exc}") from exc
    return parse(data)


def parse(data: Any) -> ImportResult:
    rows: list[Mapping[str, Any]]
    if isinstance(data, Mapping) and "results" in data:
        rows = [{k: (v.get("value") if isinstance(v, Mapping) else v) for k, v in b.items()}
                for b in data["results"].get("bindings", [])]
    elif isinstance(data, list):
        rows = [r for r in data if isinstance(r, Mapping)]
    else:
        raise ConfigError("not Wikidata query output: expected SPARQL JSON results "
                          "({'results': {'bindings': [...]}}) or a list of objects")
    return _rows_to_actors(rows)


def _get(row: Mapping[str, Any], key: str) -> str | None:
    for name in _VARS[key]:
        value = row.get(name)
        if value not in (None, ""):
            return str(value)
    return None


def _qid(value: str | None) -> str | None:
    if value is None:
        return None
    tail = value.rstrip("/").rsplit("/", 1)[-1]
    return tail if _QID.match(tail) else None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"[+]?(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    try:
        return dt.date(y, max(mo, 1), max(d, 1))
    except ValueError:
        return None


def _rows_to_actors(rows: Iterable[Mapping[str, Any]]) -> ImportResult:
    out = ImportResult()
    store = ActorStore.default()
    people: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(rows, 1):
        out.rows += 1
        person, label = _get(row, "person"), _get(row, "label")
        position = _get(row, "position_label")
        if not person or not label or not position:
            out.skipped.append(f"row {n}: needs a person, its label and a position label")
            continue
        if _qid(label) or _qid(position):  # the label service found no English label
            missing = label if _qid(label) else position
            out.skipped.append(f"row {n}: no English label for {missing}")
            continue
        code = _get(row, "country_code")
        country = (code.upper() if code and len(code) == 3 else None) or \
            gazetteer.country_code(_get(row, "country_label") or "")
        office = store.office(position, country) or {}
        role = Role(office.get("office", position[:1].upper() + position[1:]),
                    office.get("organization"), country, _date(_get(row, "start")),
                    _date(_get(row, "end")),
                    f"Wikidata {_qid(person) or person} P39 {_qid(_get(row, 'position')) or ''}"
                    .strip())
        key = _qid(person) or person
        entry = people.setdefault(key, {"name": label, "aliases": [], "roles": [],
                                        "countries": []})
        alt = _get(row, "aliases")
        if alt:
            entry["aliases"] += [a.strip() for a in re.split(r"[,|]", alt) if a.strip()]
        if role not in entry["roles"]:
            entry["roles"].append(role)
        if country:
            entry["countries"].append(country)
    for key, e in sorted(people.items()):
        country = max(set(e["countries"]), key=e["countries"].count) if e["countries"] else None
        out.actors.append(Actor(f"wd:{key}", e["name"], country,
                                tuple(dict.fromkeys(e["aliases"])), tuple(e["roles"]),
                                origin="wikidata"))
    return out
