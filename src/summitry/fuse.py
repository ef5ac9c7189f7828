"""Fusion: the per-document events of many pages -> one record per real-world event.

Candidates are blocked on cheap keys (type, status, set of governments); inside a
block two events from different documents are the same event when their dates
are compatible (ranges overlap; an undated one needs another agreement), their
places and channels do not disagree, and they share evidence (a participant's
family name, the place, an agency, or most topics). Each fused field is chosen
from the sources with a recorded reason; a field one page lacks comes from another.

Event ids are stable: a fused event keeps the id of a member that was already a
stored event, else the smallest member id; a stored id that loses to another in a
merge is returned as a redirect to the survivor.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from summitry.names import person_key
from summitry.records import TOPICS, DateRange, Event, Participant


def fuse(
    events: Sequence[Event],
    existing_ids: Iterable[str] = (),
    dup_groups: Mapping[str, str] | None = None,
) -> tuple[list[Event], dict[str, str]]:
    """Merge per-document events; return fused events and ``{old_id: surviving_id}``.

    ``dup_groups`` maps a document to its near-duplicate group (:mod:`summitry.dedup`):
    copies of one article are one report when confidence counts confirmations.
    Inside each block, candidate pairs are merged best-scored first, and two clusters
    are only joined when every dated member still overlaps (their date ranges have a
    common day) and they share no document, so an undated report can never chain two
    different meetings together.
    """
    existing = set(existing_ids)
    groups = dict(dup_groups or {})
    parent = list(range(len(events)))
    window: dict[int, tuple[dt.date, dt.date] | None] = {}
    docs: dict[int, set[str]] = {}
    for i, ev in enumerate(events):
        window[i] = (ev.date.start, ev.date.end) if ev.date.start and ev.date.end else None
        docs[i] = set(ev.doc_ids)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, str, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        blocks[block_key(ev)].append(i)
    pairs: list[tuple[float, int, int]] = []
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                score = pair_score(events[i], events[j])
                if score is not None:
                    pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    for _score, i, j in pairs:
        ri, rj = find(i), find(j)
        if ri == rj or docs[ri] & docs[rj]:
            continue
        joined = _intersect(window[ri], window[rj])
        if joined is False or joined is True:
            continue
        parent[rj] = ri
        window[ri] = joined
        docs[ri] |= docs[rj]
    clusters: dict[int, list[Event]] = defaultdict(list)
    for i, ev in enumerate(events):
        clusters[find(i)].append(ev)
    fused: list[Event] = []
    redirects: dict[str, str] = {}
    for group in clusters.values():
        survivor = _survivor(group, existing)
        for m in group:
            if m.event_id != survivor and m.event_id in existing:
                redirects[m.event_id] = survivor
        fused.append(merge(group, survivor, groups))
    fused.sort(key=lambda e: e.event_id)
    return fused, redirects


def block_key(ev: Event) -> tuple[str, str, tuple[str, ...]]:
    """What two reports of one event always share: fusion only compares events with the
    same key (the Spark engine shuffles on it)."""
    return (ev.type, ev.status, tuple(ev.countries))


def _intersect(a: tuple[dt.date, dt.date] | None,
               b: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | bool | None:
    """The common days of two windows (None = undated), or False when they are disjoint."""
    if a is None or b is None:
        return a or b
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else False


def _survivor(members: list[Event], existing: set[str]) -> str:
    ids = sorted(m.event_id for m in members)
    kept = [i for i in ids if i in existing]
    return kept[0] if kept else ids[0]


def same_event(a: Event, b: Event) -> bool:
    """Whether two events from different documents report the same occurrence."""
    return pair_score(a, b) is not None


def pair_score(a: Event, b: Event) -> float | None:
    """How strongly two events look like one occurrence; None when they cannot be."""
    if set(a.doc_ids) & set(b.doc_ids):
        return None
    if (a.type, a.status, a.countries) != (b.type, b.status, b.countries):
        return None
    if a.mode != b.mode and None not in (a.mode, b.mode):
        return None
    if a.location and b.location and _norm(a.location.name) != _norm(b.location.name):
        return None
    shared = float(_shared_evidence(a, b))
    sim = _text_similarity(a, b)
    if sim is not None:
        shared += 1.0 if sim >= SIM_SAME else (-1.0 if sim < SIM_DIFFERENT else 0.0)
    if a.date.start is not None and b.date.start is not None:
        if not _overlap(a.date, b.date):
            return None
        tight = all(d.precision == "day" and (d.end - d.start).days <= 10  # type: ignore[operator]
                    for d in (a.date, b.date))
        if tight or shared >= 1:
            return shared + (2.0 if tight else 1.0)
        return None
    if shared >= 2 or (a.location and b.location and shared >= 1):
        return shared
    return None


#: cosine of evidence texts above which two reports count as saying the same thing,
#: and below which they count against it (dev pages: same event ~0.8, different ~0.7)
SIM_SAME = 0.78
SIM_DIFFERENT = 0.5


def _text_similarity(a: Event, b: Event) -> float | None:
    ta, tb = _evidence_text(a), _evidence_text(b)
    if not ta or not tb:
        return None
    from summitry import embed

    return embed.similarity(ta, tb)


def _evidence_text(ev: Event) -> str:
    """The event's own sentences: the evidence of its type and participants."""
    seen: dict[str, None] = {}
    for src in ev.sources:
        for e in src.evidence:
            if e.field in {"type", "participants", "countries"}:
                seen.setdefault(e.text.strip(), None)
    return " ".join(seen)[:2000]


def _shared_evidence(a: Event, b: Event) -> int:
    score = 0
    pa = {person_key(p.name) for p in a.participants}
    pb = {person_key(p.name) for p in b.participants}
    score += len(pa & pb)
    if a.location and b.location and _norm(a.location.name) == _norm(b.location.name):
        score += 1
    if {_norm(o) for o in a.organizations} & {_norm(o) for o in b.organizations}:
        score += 1
    ta, tb = set(a.topics), set(b.topics)
    if ta and tb and len(ta & tb) / len(ta | tb) >= 0.3:
        score += 1
    return score


def _overlap(a: DateRange, b: DateRange) -> bool:
    assert a.start and a.end and b.start and b.end
    return a.start <= b.end and b.start <= a.end


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


def merge(members: list[Event], event_id: str,
          dup_groups: Mapping[str, str] | None = None) -> Event:
    """One event from several sources, each field chosen with a reason."""
    if len(members) == 1:
        return _with_id(members[0], event_id)
    groups = dup_groups or {}
    reports = {groups.get(d, d) for m in members for d in m.doc_ids}
    members = sorted(members, key=lambda e: e.event_id)
    reasons = dict(members[0].reasons)
    date, why = _fused_date(members)
    reasons["date"] = why
    location = next((m.location for m in members if m.location), None)
    if location is not None:
        reasons["location"] = "first source that names a place"
    modes: Counter[str | None] = Counter(m.mode for m in members if m.mode)
    modes = modes or Counter(m.mode for m in members)
    mode = modes.most_common(1)[0][0]
    reasons["mode"] = f"majority of {len(members)} sources ({dict(modes)})"
    reasons["participants"] = ("union of the sources' participants by family name; for each, "
                               "the source giving the most of role/organisation/country")
    reasons["organizations"] = "union of the sources' agencies"
    reasons["topics"] = "union of the sources' topics"
    reasons["countries"] = "the same in every source (fusion blocks on the country set)"
    copies = len(members) - len(reports)
    reasons["sources"] = (f"{len(members)} documents fused, {len(reports)} independent reports"
                          + (f" ({copies} near-duplicate copies)" if copies else ""))
    return Event(
        type=members[0].type,
        mode=mode,
        status=members[0].status,
        date=date,
        location=location,
        countries=members[0].countries,
        participants=_union_participants(members),
        organizations=tuple(dict.fromkeys(o for m in members for o in m.organizations)),
        topics=tuple(t for t in TOPICS if any(t in m.topics for m in members)),
        confidence=round(min(0.99, max(m.confidence for m in members)
                             + 0.05 * (len(reports) - 1)), 3),
        sources=tuple(sorted((s for m in members for s in m.sources), key=lambda s: s.doc_id)),
        event_id=event_id,
        reasons=tuple(sorted(reasons.items())),
    )


def _with_id(ev: Event, event_id: str) -> Event:
    if ev.event_id == event_id:
        return ev
    from dataclasses import replace

    return replace(ev, event_id=event_id)


def _fused_date(members: list[Event]) -> tuple[DateRange, str]:
    dated = [m for m in members if m.date.start is not None and m.date.end is not None]
    if not dated:
        return members[0].date, members[0].date.how or "no source gives a date"

    def width(m: Event) -> int:
        return (m.date.end - m.date.start).days  # type: ignore[operator]

    best = min(dated, key=width)
    src = best.sources[0].doc_id if best.sources else "?"
    how = f"most precise date among {len(members)} sources (from {src}: {best.date.how})"
    return DateRange(best.date.start, best.date.end, best.date.precision, how), how


def _union_participants(members: list[Event]) -> tuple[Participant, ...]:
    chosen: dict[str, Participant] = {}
    for m in members:
        for p in m.participants:
            key = person_key(p.name)
            old = chosen.get(key)
            if old is None or _richer(p, old):
                chosen[key] = p
    return tuple(chosen.values())


def _richer(a: Participant, b: Participant) -> bool:
    return sum(x is not None for x in (a.role, a.organization, a.country)) > sum(
        x is not None for x in (b.role, b.organization, b.country))
