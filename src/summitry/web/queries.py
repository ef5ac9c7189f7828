"""Read-only queries of the web app, over the public :class:`~summitry.store.Store` API.

The event filter and its SQL are :mod:`summitry.query` (re-exported here): the API, the
dashboard, the CLI and the exports select events with the one
:meth:`Store.search_events <summitry.store.Store.search_events>`. This module adds what
only the web app shows: counts for the charts, the events of an actor, the filtering of
the actor list.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from summitry.actors import Actor, ActorStore
from summitry.names import fold, person_key
from summitry.query import (
    COUNTRY_RE,
    MAX_COUNTRIES,
    MAX_TEXT,
    EventFilter,
    FilterError,
    make_filter,
    searchable_text,
)
from summitry.records import EVENT_TYPES, Event
from summitry.store import Store

__all__ = [
    "COUNTRY_RE",
    "MAX_COUNTRIES",
    "MAX_TEXT",
    "EventFilter",
    "FilterError",
    "actor_event_ids",
    "event_ids_for_doc",
    "make_filter",
    "search_events",
    "searchable_text",
    "stats",
]


def search_events(store: Store, flt: EventFilter, *, limit: int,
                  offset: int = 0) -> tuple[list[Event], int]:
    """One page of the events matching ``flt`` (newest first, then by id) and the total."""
    return store.search_events(flt, limit=limit, offset=offset, order="newest")


def stats(store: Store, flt: EventFilter | None = None) -> dict[str, Any]:
    """Counts of the events matching ``flt``: by month (of ``date_start``, for events
    dated to the month or day) and type, by type, by country, by country pair, by topic,
    and totals (with the database's document, source and duplicate-group counts)."""
    rows = store.event_facets(flt)
    by_month: dict[str, Counter[str]] = {}
    by_type: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    by_pair: Counter[tuple[str, str]] = Counter()
    by_topic: Counter[str] = Counter()
    events = dated = 0
    for etype, start, precision, countries, topics in rows:
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
    return store.event_ids_for_doc(doc_id)


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
    for event_id, start, participants in store.event_participants():
        for p in participants:
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
