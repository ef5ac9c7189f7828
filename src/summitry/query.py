"""The one event query: a validated filter and the SQL that selects its events.

:class:`EventFilter` is what the CLI (``summitry events``/``export``), the JSON API, the
dashboard and the exports restrict events with; :func:`make_filter` validates raw values
(command-line options, query parameters) into one. :meth:`summitry.store.Store.search_events`
runs it: structured filters (countries, pair, type, mode, topic, dates) in SQL with every
user value a bound parameter (the SQL text is built only from fixed fragments); the
free-text filters (``participant``, ``q``) fold accents and case in Python over the
candidate records, the way :func:`summitry.names.fold` does everywhere else.

Dates: an event is kept by ``since``/``until`` when its date range overlaps
``[since, until]`` (an open-ended range uses its one known bound); undated events are
dropped by either.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from summitry.names import fold
from summitry.records import EVENT_TYPES, MODES, TOPICS

__all__ = [
    "COUNTRY_RE",
    "MAX_COUNTRIES",
    "MAX_TEXT",
    "ORDERS",
    "EventFilter",
    "FilterError",
    "Order",
    "make_filter",
    "order_sql",
    "searchable_text",
    "text_match",
    "where_sql",
]

#: an ISO3 code or an international organisation's acronym (``EU``, ``INTERPOL``)
COUNTRY_RE = re.compile(r"[A-Za-z]{2,12}")
MAX_COUNTRIES = 50
MAX_TEXT = 200

#: ``newest``: latest start date first (undated last), then by id (the API, the
#: dashboard); ``id``: by event id (the CLI, the exports)
Order = Literal["newest", "id"]
ORDERS: dict[str, str] = {
    "newest": " ORDER BY date_start DESC NULLS LAST, event_id",
    "id": " ORDER BY event_id",
}


class FilterError(ValueError):
    """Invalid filter values: ``problems`` is a list of ``(parameter, message)``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{p}: {m}" for p, m in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What an event list, the stats, the dashboard or an export are restricted to."""

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
    if isinstance(value, dt.datetime):
        return value.date()
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


def where_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (or ``""``) of the structured filters over the ``events``
    table, and its bound parameters."""
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


def order_sql(order: Order) -> str:
    """The ``ORDER BY`` clause of ``order``."""
    try:
        return ORDERS[order]
    except KeyError:
        raise ValueError(f"unknown order {order!r}; choose one of {', '.join(ORDERS)}") \
            from None


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


def text_match(flt: EventFilter, record: dict[str, Any]) -> bool:
    """Whether an export record passes the free-text filters of ``flt``."""
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
