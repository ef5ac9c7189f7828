"""Fusion: the per-document events of many pages -> one record per real-world event.

Candidates are blocked on the event type (the Spark engine shuffles on it); inside a
block, two events from different documents are compared when their country sets share
a pair of countries. They are the same event when their dates are compatible (ranges
overlap, or a day apart when everything else agrees strongly or the two reports tell
it in the same words; an undated or coarsely dated one needs other agreement), their
places and channels do not disagree (a channel counts when a cue gives it, or when a
face-to-face meeting is set in a venue of its own: it is not the phone call another
report tells), and they share evidence (participants, the place, an agency, most topics,
the cosine of their evidence, the type's sentence and every field's words, when both
are in one language; when they are not, a proper name both write). Tolerated with
stronger agreement: one report naming a subset of the other's countries (an extra
background country, a missing one) and a planned report of a meeting another reports
as held. Publication dates, when given, weaken the agreement of reports published
weeks apart and rule out an occurrence reported before it happened; an undated report
whose text gives a day and month without a year is not an event another report dates
to other days. Each fused field is chosen from the sources with a recorded reason, and
``reasons["fusion"]`` says why each report joined.

Event ids are stable: a fused event keeps the id of a member that was already a
stored event, else the smallest member id; a stored id that loses to another in a
merge is returned as a redirect to the survivor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Literal

from summitry.names import fold, person_key
from summitry.records import TOPICS, DateRange, Event, Participant

#: cosine of evidence texts above which two reports count as saying the same thing,
#: and below which they count against it (labelled pages: same event mostly 0.6-0.9,
#: different events of the same countries mostly 0.3-0.65)
SIM_SAME = 0.75
SIM_DIFFERENT = 0.5
#: agreements (shared participants, place, agency, topics, a high cosine) that make a
#: pair strong enough to tolerate a country subset, a planned/held difference or dates
#: a day apart
STRONG = 3.0
#: agreements needed when one report has the event planned and the other held (the
#: same meeting before and after; an undated pair then needs more than a shared place)
PLANNED_HELD = 2.0
#: agreements enough for dates a day apart when one of them is an evidence cosine of at
#: least :data:`SIM_SAME` (the two reports tell it in the same words)
ADJACENT = 2.0
#: day-precision dates this many days apart may still be one event (a report dated
#: relative to its own day, time zones) when everything else agrees strongly
DAY_SLACK = 1
#: reports published further apart than this (or this long after the other report's
#: date) are weak evidence that an undated or coarsely dated event is the same
PUBLISHED_APART_DAYS = 14

#: the evidence whose text the sentence model compares: the type's sentence first, then
#: the words given for each other field
EVIDENCE_FIELDS = ("type", "participants", "countries", "date", "location",
                   "organizations", "topics", "mode", "status")

Window = tuple[dt.date, dt.date]
_WORD_RX = re.compile(r"[^\W\d_][^\W\d_'’-]*")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why two events look like one occurrence: a score (higher merges first), the
    reason recorded on the fused event, and whether their dates are a day apart."""

    score: float
    why: str
    slack: bool = False


@dataclass(slots=True)
class _Cluster:
    """What a growing cluster must keep consistent: a common day of its dated members
    (``bounds`` = latest start, earliest end; a start after the end by at most
    :data:`DAY_SLACK` once a strong pair allowed it), distinct documents, nested
    country sets, one place, one evidenced channel."""

    bounds: Window | None
    docs: frozenset[str]
    countries: tuple[frozenset[str], ...]
    places: frozenset[str]
    modes: frozenset[str]
    why: tuple[str, ...] = field(default=())

    @staticmethod
    def of(ev: Event) -> _Cluster:
        return _Cluster(_window(ev), frozenset(ev.doc_ids), (frozenset(ev.countries),),
                        frozenset({_norm(ev.location.name)}
                                  if ev.location is not None and _venue(ev) else ()),
                        frozenset({ev.mode} if ev.mode and _channel_evidenced(ev) else ()))

    def join(self, other: _Cluster, slack: bool, why: str) -> _Cluster | None:
        if self.docs & other.docs:
            return None
        allowed = DAY_SLACK if slack else max(_inverted(self.bounds), _inverted(other.bounds))
        bounds = _intersect(self.bounds, other.bounds, allowed)
        if bounds is False:
            return None
        countries = tuple(dict.fromkeys(self.countries + other.countries))
        if any(not (x <= y or y <= x) for x, y in combinations(countries, 2)):
            return None
        places, modes = self.places | other.places, self.modes | other.modes
        if len(places) > 1 or len(modes) > 1:
            return None
        return _Cluster(bounds, self.docs | other.docs, countries, places, modes,
                        self.why + other.why + (why,))


def fuse(
    events: Sequence[Event],
    existing_ids: Iterable[str] = (),
    dup_groups: Mapping[str, str] | None = None,
    published: Mapping[str, dt.date] | None = None,
) -> tuple[list[Event], dict[str, str]]:
    """Merge per-document events; return fused events and ``{old_id: surviving_id}``.

    ``dup_groups`` maps a document to its near-duplicate group (:mod:`summitry.dedup`):
    copies of one article are one report when confidence counts confirmations.
    ``published`` maps a document to its publication date, where known.
    Inside each block, candidate pairs are merged best-scored first, and two clusters
    are only joined when every dated member still overlaps (their date ranges have a
    common day, or adjacent days for a strong pair), they share no document, their
    country sets are nested, and they name at most one place and one evidenced
    channel, so an undated report can never chain two different meetings together.
    """
    existing = set(existing_ids)
    groups = dict(dup_groups or {})
    pub = dict(published or {})
    parent = list(range(len(events)))
    clusters = {i: _Cluster.of(ev) for i, ev in enumerate(events)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        blocks[block_key(ev)].append(i)
    pairs: list[tuple[float, int, int, Verdict]] = []
    for members in blocks.values():
        for i, j in _candidates(events, members):
            verdict = assess(events[i], events[j], pub)
            if verdict is not None:
                pairs.append((-verdict.score, i, j, verdict))
    pairs.sort(key=lambda p: (p[0], p[1], p[2]))
    for _neg, i, j, verdict in pairs:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        why = f"{_docs(events[j])} joined {_docs(events[i])}: {verdict.why}"
        joined = clusters[ri].join(clusters[rj], verdict.slack, why)
        if joined is None:
            continue
        parent[rj] = ri
        clusters[ri] = joined
    members_of: dict[int, list[Event]] = defaultdict(list)
    for i, ev in enumerate(events):
        members_of[find(i)].append(ev)
    fused: list[Event] = []
    redirects: dict[str, str] = {}
    for root, group in members_of.items():
        survivor = _survivor(group, existing)
        for m in group:
            if m.event_id != survivor and m.event_id in existing:
                redirects[m.event_id] = survivor
        fused.append(merge(group, survivor, groups, clusters[root].why))
    fused.sort(key=lambda e: e.event_id)
    return fused, redirects


def block_key(ev: Event) -> tuple[str, ...]:
    """What two reports of one event always share: fusion only compares events with the
    same key (the Spark engine shuffles on it). Only the type: reports of one meeting
    may differ in status (planned before, held after) and in a background country."""
    return (ev.type,)


def _candidates(events: Sequence[Event], members: list[int]) -> list[tuple[int, int]]:
    """Pairs of a block worth comparing: their country sets share a pair of countries
    (or are the same single country), found through an index, not all pairs."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in members:
        for key in _country_pairs(events[i].countries):
            index[key].append(i)
    seen: set[tuple[int, int]] = set()
    for ids in index.values():
        for x, i in enumerate(ids):
            seen.update((i, j) for j in ids[x + 1:])
    return sorted(seen)


def _country_pairs(countries: Sequence[str]) -> list[tuple[str, ...]]:
    distinct = sorted(set(countries))
    if len(distinct) < 2:
        return [tuple(distinct)]
    return list(combinations(distinct, 2))


def _docs(ev: Event) -> str:
    return ", ".join(ev.doc_ids)


def _window(ev: Event) -> Window | None:
    return (ev.date.start, ev.date.end) if ev.date.start and ev.date.end else None


def _intersect(a: Window | None, b: Window | None,
               slack: int = 0) -> Window | Literal[False] | None:
    """(latest start, earliest end) of two clusters' dates (None = undated), or False when
    the start comes after the end by more than ``slack`` days (no common day)."""
    if a is None or b is None:
        return a or b
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if (lo - hi).days <= slack else False


def _inverted(bounds: Window | None) -> int:
    """How many days a cluster's latest start already lies after its earliest end."""
    return max(0, (bounds[0] - bounds[1]).days) if bounds else 0


def _survivor(members: list[Event], existing: set[str]) -> str:
    ids = sorted(m.event_id for m in members)
    kept = [i for i in ids if i in existing]
    return kept[0] if kept else ids[0]


def same_event(a: Event, b: Event, published: Mapping[str, dt.date] | None = None) -> bool:
    """Whether two events from different documents report the same occurrence."""
    return assess(a, b, published) is not None


def pair_score(a: Event, b: Event,
               published: Mapping[str, dt.date] | None = None) -> float | None:
    """How strongly two events look like one occurrence; None when they cannot be."""
    verdict = assess(a, b, published)
    return None if verdict is None else verdict.score


def assess(a: Event, b: Event,
           published: Mapping[str, dt.date] | None = None) -> Verdict | None:
    """Whether two events of different documents are one occurrence, how strongly and
    why; None when they cannot be."""
    if set(a.doc_ids) & set(b.doc_ids) or a.type != b.type:
        return None
    tolerated: list[str] = []
    need = 0.0
    if a.status != b.status:
        if {a.status, b.status} != {"planned", "occurred"}:
            return None
        tolerated.append("one report has it planned, the other held")
        need = PLANNED_HELD
    ca, cb = set(a.countries), set(b.countries)
    if ca != cb:
        if not (ca < cb or cb < ca) or len(ca & cb) < 2:
            return None
        tolerated.append(f"{'/'.join(sorted(ca ^ cb))} named by one report only")
        need = STRONG
    if _mode_conflict(a, b):
        return None
    if _venue(a) and _venue(b) and _norm(a.location.name) != _norm(b.location.name):  # type: ignore[union-attr]
        return None  # the dateline city of an extradition's report is no evidence
    pa, pb = _published(a, published), _published(b, published)
    wa, wb = _window(a), _window(b)
    yearless = [_yearless(a, wb), _yearless(b, wa)]
    if False in yearless:
        return None
    if _reported_too_early(a, pa, wb) or _reported_too_early(b, pb, wa):
        return None
    gap = 0  # days between the two dates when they do not overlap
    if wa is not None and wb is not None:
        gap = max(0, (max(wa[0], wb[0]) - min(wa[1], wb[1])).days)
        if gap and not (a.date.precision == b.date.precision == "day" and gap <= DAY_SLACK):
            return None
    agreements = _shared_evidence(a, b)  # the cheap vetoes are passed: now the evidence
    if True in yearless:
        agreements.append("the undated report's day and month in the other's dates")
    sim = _text_similarity(a, b)
    shared = float(len(agreements))
    if sim is not None:
        shared += 1.0 if sim >= SIM_SAME else (-1.0 if sim < SIM_DIFFERENT else 0.0)
        agreements.append(f"evidence cosine {sim:.2f}")
    elif names := _shared_names(a, b):  # two languages: the names they share stand in
        shared += 1.0
        agreements.append(f"{'/'.join(names)} named in both languages")
    apart = _published_apart(pa, pb, wa, wb)
    if apart:
        agreements.append(f"published {apart} days apart")
    if wa is not None and wb is not None:
        tight = all(d.precision == "day" and (d.end - d.start).days <= 10  # type: ignore[operator]
                    for d in (a.date, b.date))
        if gap:
            need = ADJACENT if sim is not None and sim >= SIM_SAME and need < STRONG \
                else STRONG
            tolerated.append(f"dates {gap} day apart")
        if tight:
            how = "same day" if not gap else "adjacent days"
        else:
            how = "overlapping coarse dates"
            need = max(need, 2.0 if apart else 1.0)
        if shared < need:
            return None
        score = shared + (2.0 if tight and not gap else 1.0)
    else:
        how = "undated" if wa is None and wb is None else "one report undated"
        same_place = bool(a.location and b.location)
        need = max(need, 3.0 if apart else 2.0)
        if shared < need and not (same_place and shared >= 1 and not tolerated and not apart):
            return None
        score = shared
    why = f"{how}; " + ", ".join(agreements or ["nothing against"])
    if tolerated:
        why += "; tolerated: " + ", ".join(tolerated)
    return Verdict(score, why, slack=gap > 0)


def _yearless_days(ev: Event) -> set[tuple[int, int]]:
    """The (month, day) pairs an undated report's date evidence gives without a year
    ("on February 28", "16 y 17 de noviembre")."""
    if ev.date.start is not None:
        return set()
    from summitry import dates

    out: set[tuple[int, int]] = set()
    for e in (x for s in ev.sources for x in s.evidence if x.field == "date"):
        for m in dates.find_time_mentions(e.text, languages=dates.month_languages()):
            if m.kind in {"date", "range"} and m.year is None and m.month \
                    and m.end_month is None and m.days:
                days = range(m.days[0], m.days[-1] + 1) if m.kind == "range" else m.days
                out |= {(m.month, d) for d in days}
    return out


def _yearless(ev: Event, other: Window | None) -> bool | None:
    """Whether an undated report's yearless day and month fall in the other report's
    dates (ten days or fewer): True agrees, False rules the pair out, None says nothing."""
    days = _yearless_days(ev)
    if not days or other is None or (other[1] - other[0]).days > 10:
        return None
    span = {((other[0] + dt.timedelta(days=k)).month, (other[0] + dt.timedelta(days=k)).day)
            for k in range((other[1] - other[0]).days + 1)}
    return bool(days & span)


def _mode_evidenced(ev: Event) -> bool:
    return any(e.field == "mode" for s in ev.sources for e in s.evidence)


#: types whose report's dateline city is where the event was (reporters cover a meeting
#: or a signing where it happens; an extradition or an operation spans two countries and
#: is reported from either)
DATELINE_PLACES = frozenset({"CONSULT", "AGREE"})


def _venue(ev: Event) -> bool:
    """The report sets the event in a place: one of its own (its sentences name where it
    was), or for a meeting or a signing the article's dateline city."""
    return ev.location is not None and (
        ev.type in DATELINE_PLACES or "dateline" not in dict(ev.reasons).get("location", ""))


def _own_venue(ev: Event) -> bool:
    """The report's sentences name where the event was (not only its dateline)."""
    how = dict(ev.reasons).get("location")
    return ev.location is not None and how is not None and "dateline" not in how


def _channel_evidenced(ev: Event) -> bool:
    """The channel is told, not a default: a cue for it, or a face-to-face meeting the
    report sets in a venue of its own ("met in Rabat" is not a phone call)."""
    return _mode_evidenced(ev) or (ev.mode == "in_person" and _own_venue(ev))


def _mode_conflict(a: Event, b: Event) -> bool:
    """Two channels disagree unless exactly one of them is a default (no evidence for
    it): a report's default yields to another report's evidenced channel."""
    if a.mode is None or b.mode is None or a.mode == b.mode:
        return False
    return _channel_evidenced(a) == _channel_evidenced(b)


def _published(ev: Event, published: Mapping[str, dt.date] | None) -> dt.date | None:
    days = [published[d] for d in ev.doc_ids if published and d in published]
    return min(days) if days else None


def _reported_too_early(ev: Event, pub: dt.date | None, other: Window | None) -> bool:
    """A report published on ``pub`` cannot tell of a held event that another report
    dates after it, nor announce as planned one that another dates before it."""
    if pub is None or other is None:
        return False
    if ev.status == "occurred":
        return other[0] > pub + dt.timedelta(days=DAY_SLACK)
    if ev.status == "planned":
        return other[1] < pub - dt.timedelta(days=DAY_SLACK)
    return False


def _published_apart(pa: dt.date | None, pb: dt.date | None,
                     wa: Window | None, wb: Window | None) -> int:
    """Days between two reports (publication to publication, or a publication to the
    other report's date) when more than :data:`PUBLISHED_APART_DAYS`, else 0. Only for
    pairs where at least one date is coarse or missing (a precise date speaks for itself)."""
    if wa is not None and wb is not None and all(
            (w[1] - w[0]).days <= 10 for w in (wa, wb)):
        return 0
    gaps: list[int] = []
    if pa is not None and pb is not None:
        gaps.append(abs((pa - pb).days))
    for pub, other in ((pa, wb), (pb, wa)):
        if pub is not None and other is not None and (other[1] - other[0]).days <= 10:
            gaps.append(max((pub - other[1]).days, (other[0] - pub).days, 0))
    gap = max(gaps, default=0)
    return gap if gap > PUBLISHED_APART_DAYS else 0


def _text_similarity(a: Event, b: Event) -> float | None:
    ta, tb = _evidence_text(a), _evidence_text(b)
    if not ta or not tb:
        return None
    from summitry import embed, language

    la, lb = language.detect(ta), language.detect(tb)
    if la and lb and la != lb:
        return None  # the sentence model reads English: a translation scores no likeness

    return embed.similarity(ta, tb)


def _proper_names(text: str) -> dict[str, str]:
    """Capitalised words of four letters or more that the text never writes in lower
    case and that name no country, folded (to the word as written)."""
    from summitry import gazetteer

    lower = {fold(w) for w in _WORD_RX.findall(text) if w[:1].islower()}
    out: dict[str, str] = {}
    for w in _WORD_RX.findall(text):
        key = fold(w)
        if w[:1].isupper() and len(w) >= 4 and key not in lower and key not in out \
                and not gazetteer.country_code(w):
            out[key] = w
    return out


def _shared_names(a: Event, b: Event) -> list[str]:
    """Proper names (a person, an agency, a town) both reports' evidence writes, when the
    two are in different languages: names survive translation, the sentence model's
    likeness does not."""
    ta, tb = _evidence_text(a), _evidence_text(b)
    if not ta or not tb:
        return []
    from summitry import language

    la, lb = language.detect(ta), language.detect(tb)
    if not (la and lb and la != lb):
        return []
    na, nb = _proper_names(ta), _proper_names(tb)
    return sorted(na[k] for k in na.keys() & nb.keys())


def _evidence_text(ev: Event) -> str:
    """What the event's report says of it: the sentence of its type, then the words
    that evidence its parties, day, place, agencies and subjects (a report's other
    sentences about the same event name its topic cues, its day and its place; the
    trigger sentence alone is often a caption or a lead that says little)."""
    seen: dict[str, None] = {}
    for src in ev.sources:
        for e in src.evidence:
            if e.field in EVIDENCE_FIELDS:
                seen.setdefault(e.text.strip(), None)
    return " ".join(seen)[:2000]


def _shared_evidence(a: Event, b: Event) -> list[str]:
    """The agreements of two reports, one entry each: every shared participant, the
    place, an agency, most topics."""
    out = [f"participant {n}" for n in _shared_people(a.participants, b.participants)]
    if a.location and b.location and _norm(a.location.name) == _norm(b.location.name):
        out.append(f"place {a.location.name}")
    if {_norm(o) for o in a.organizations} & {_norm(o) for o in b.organizations}:
        out.append("agency")
    ta, tb = set(a.topics), set(b.topics)
    if ta and tb and len(ta & tb) / len(ta | tb) >= 0.3:
        out.append("topics")
    return out


def _shared_people(pa: Sequence[Participant], pb: Sequence[Participant]) -> list[str]:
    """Participants named in both reports, one to one: the same family name, or one
    report's family name among the other's names (a second surname, a middle name)."""
    left = [(p.name, person_key(p.name), _name_tokens(p.name)) for p in pa]
    right = [(p.name, person_key(p.name), _name_tokens(p.name)) for p in pb]
    shared: list[str] = []
    for name, key, toks in left:
        for k, (_n2, key2, toks2) in enumerate(right):
            if key == key2 or (len(key) > 2 and key in toks2) or (len(key2) > 2 and key2 in toks):
                shared.append(name)
                del right[k]
                break
    return shared


def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(fold(name).replace(",", " ").replace(".", " ").split())


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


def merge(members: list[Event], event_id: str,
          dup_groups: Mapping[str, str] | None = None,
          why: Sequence[str] = ()) -> Event:
    """One event from several sources, each field chosen with a reason; ``why`` says
    why each report joined (recorded as ``reasons["fusion"]``)."""
    if len(members) == 1:
        return _with_id(members[0], event_id)
    groups = dup_groups or {}
    reports = {groups.get(d, d) for m in members for d in m.doc_ids}
    members = sorted(members, key=lambda e: e.event_id)
    reasons = dict(members[0].reasons)
    date, how = _fused_date(members)
    reasons["date"] = how
    location = next((m.location for m in members if _own_venue(m)), None)
    if location is not None:
        reasons["location"] = "first source that sets it in a place of its own"
    elif (location := next((m.location for m in members if m.location), None)) is not None:
        reasons["location"] = "first source's dateline city"
    mode, reasons["mode"] = _fused_mode(members)
    status, reasons["status"] = _fused_status(members)
    participants = _union_participants(members)
    countries, reasons["countries"] = _fused_countries(members, groups, participants, location)
    reasons["participants"] = ("union of the sources' participants by family name; for each, "
                               "the source giving the most of role/organisation/country")
    reasons["organizations"] = "union of the sources' agencies"
    reasons["topics"] = "union of the sources' topics"
    copies = len(members) - len(reports)
    reasons["sources"] = (f"{len(members)} documents fused, {len(reports)} independent reports"
                          + (f" ({copies} near-duplicate copies)" if copies else ""))
    if why:
        reasons["fusion"] = " | ".join(why)
    return Event(
        type=members[0].type,
        mode=mode,
        status=status,
        date=date,
        location=location,
        countries=countries,
        participants=participants,
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
    return replace(ev, event_id=event_id)


def _fused_mode(members: list[Event]) -> tuple[str | None, str]:
    evidenced = Counter(m.mode for m in members if m.mode and _mode_evidenced(m))
    if evidenced:
        return (evidenced.most_common(1)[0][0],
                f"the channel a source gives evidence for ({dict(evidenced)}); "
                "the others' channels were defaults")
    modes: Counter[str | None] = Counter(m.mode for m in members if m.mode)
    modes = modes or Counter(m.mode for m in members)
    return modes.most_common(1)[0][0], f"majority of {len(members)} sources ({dict(modes)})"


def _fused_status(members: list[Event]) -> tuple[str, str]:
    statuses = {m.status for m in members}
    if len(statuses) == 1:
        return members[0].status, "the same in every source"
    return "occurred", ("held: one source reports it held, others announced it "
                        f"({', '.join(sorted(statuses))})")


def _fused_countries(members: list[Event], groups: Mapping[str, str],
                     participants: Sequence[Participant],
                     location: object) -> tuple[tuple[str, ...], str]:
    """The countries most independent reports name; on a tie, a country stays when a
    participant or the place belongs to it."""
    per_report: dict[str, set[str]] = defaultdict(set)
    for m in members:
        for d in m.doc_ids:
            per_report[groups.get(d, d)].update(m.countries)
    sets = list(per_report.values())
    if all(s == sets[0] for s in sets):
        return members[0].countries, "the same in every source"
    votes = Counter(c for s in sets for c in s)
    anchored = {p.country for p in participants if p.country}
    place_country = getattr(location, "country", None)
    if place_country:
        anchored.add(place_country)
    kept = tuple(sorted(c for c, n in votes.items()
                        if 2 * n > len(sets) or (2 * n == len(sets) and c in anchored)))
    dropped = sorted(set(votes) - set(kept))
    why = f"named by most of {len(sets)} reports"
    if any(2 * votes[c] == len(sets) for c in votes):
        why += " (on a tie, kept when a participant or the place belongs to it)"
    if dropped:
        why += f"; dropped {', '.join(dropped)}"
    return kept, why


def _fused_date(members: list[Event]) -> tuple[DateRange, str]:
    dated = [m for m in members if m.date.start is not None and m.date.end is not None]
    if not dated:
        return members[0].date, members[0].date.how or "no source gives a date"

    def width(m: Event) -> int:
        return (m.date.end - m.date.start).days  # type: ignore[operator]

    def support(m: Event) -> int:  # how many sources' dates contain this one
        return sum(o.date.start <= m.date.start and m.date.end <= o.date.end  # type: ignore[operator]
                   for o in dated)

    # the narrowest; among equally narrow ones (reports a day apart), the one most
    # sources agree with, then the earliest (a report dated from its own day is late)
    best = min(dated, key=lambda m: (width(m), -support(m), m.date.start))
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
