"""Resolve: a document's grouped mentions -> :class:`~summitry.records.Event` records.

Fills each field from the mentions, with the evidence span(s) and a reason:
participants (canonical names, role, organisation, country), countries (sorted
ISO3 / IO acronyms), organisations, topics, location, mode, status and the date
range (see :mod:`summitry.timeline`). An agreement signed at a meeting shares the
meeting's participants, date and place, and the two share their topics.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from functools import cache

from summitry import candidates, dates, geo, lexicon, timeline, triggers
from summitry import extraction as extract_mod
from summitry.actors import ActorStore
from summitry.extraction import DocEvent
from summitry.mentions import Analysis, PlaceRef
from summitry.people import Person
from summitry.records import TOPICS, DateRange, Event, Evidence, Location, Participant, Source


def _told_of(a: Analysis, ev: DocEvent, people: list[Person]) -> list[dates.TimeMention]:
    """Days of the page's other sentences that name the event's place or one of its
    people ("the delegation arrived in Dushanbe on June 12")."""
    own = {(m.sent.start_char, m.sent.end_char) for m in ev.mentions}
    cues = {p.location.name for p in ev.places if not p.dateline} | {
        p.name.split()[-1] for p in people}
    cues = {c for c in cues if len(c) > 2}
    if not cues:
        return []
    text = a.clean.masked
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues)) + r")\b")
    spans = [(s.start_char, s.end_char) for s in a.doc.sents
             if (s.start_char, s.end_char) not in own
             and pattern.search(text, s.start_char, s.end_char)]
    return timeline.sentence_times(a.times, spans, text, ev.times) if spans else []


def _kin_days(a: Analysis, ev: DocEvent, times: list[dates.TimeMention]
              ) -> list[dates.TimeMention]:
    """Days of the page's other sentences that tell an act of the event's kind (a trigger
    of its type: "he was flown out on Tuesday" beside "has been extradited"); for an
    event told as a police operation, its acts too ("the cell was dismantled on
    Friday" beside "police praised the joint operation today": lexicon
    ``candidates.operation.words``)."""
    own = {(m.sent.start_char, m.sent.end_char) for m in ev.mentions}
    spans = [(s.start_char, s.end_char) for s in a.doc.sents
             if (s.start_char, s.end_char) not in own
             and any(t.type == ev.type and t.role == "primary"
                     for t in triggers.find_triggers(s))]
    kin = timeline.sentence_times(times, spans, a.clean.masked, ev.times) if spans else []
    acts = candidates.operation_words()
    if any(triggers.lemma(m.trigger.token) in acts for m in ev.mentions):
        others = [(s.start_char, s.end_char) for s in a.doc.sents
                  if (s.start_char, s.end_char) not in own]
        kin += [t for t in timeline.sentence_times(times, others, a.clean.masked, ev.times)
                if t not in kin and _dates_act(a, t, acts)]
    return kin


def _dates_act(a: Analysis, t: dates.TimeMention, acts: frozenset[str]) -> bool:
    """Whether ``t`` attaches to an act of ``acts``: up its head chain, to the first
    verb, a word of them ("dismantled the cell on Friday", not "on Monday, the court
    ordered the detention of those arrested")."""
    span = a.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(8):
        if tok.head is tok:
            return False
        tok = tok.head
        if triggers.lemma(tok) in acts:
            return True
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return False


def build_events(a: Analysis, doc_events: list[DocEvent], store: ActorStore) -> list[Event]:
    """Turn one document's :class:`DocEvent` groups into events with evidence."""
    _gather_people(a, doc_events)
    ref = timeline.reference(a, store)
    text_bounds = timeline.text_bounds(a, store)
    content_hash = hashlib.sha256(a.clean.raw.encode("utf-8", "surrogatepass")).hexdigest()
    events: list[Event] = []
    for ev in doc_events:
        events.append(_build(a, ev, ref, text_bounds, store, content_hash))
    return _share_meeting_place(_anchor_weekdays(events, doc_events))


def _share_meeting_place(events: list[Event]) -> list[Event]:
    """An agreement signed at a meeting the text places somewhere was signed there."""
    out: list[Event] = []
    for ev in events:
        if ev.type == "AGREE" and ev.location is None and ev.mode != "virtual":
            meet = next((m for m in events if m.type == "CONSULT" and m.location is not None
                         and m.countries == ev.countries and m.status == ev.status), None)
            if meet is not None:
                reasons = dict(ev.reasons)
                reasons["location"] = "place of the meeting at which it was reached"
                extra = tuple(e for e in meet.sources[0].evidence if e.field == "location")
                src = ev.sources[0]
                evidence = tuple(sorted({*src.evidence, *extra}, key=lambda e: (e.start,
                                                                                   e.field)))
                ev = dataclasses.replace(ev, location=meet.location,
                                         sources=(Source(src.doc_id, evidence),),
                                         reasons=tuple(sorted(reasons.items())))
        out.append(ev)
    return out


def _own_weekdays(ev: DocEvent) -> set[int]:
    """Weekdays the event's own primary sentences give alone ("met on Friday")."""
    return {w for m in ev.mentions if m.role == "primary" for t in m.times
            if t.weekdays and not t.days and t.month is None for w in t.weekdays}


def _nearest(day: dt.date, weekdays: set[int], reach: int) -> dt.date | None:
    for k in range(reach + 1):
        for d in (day - dt.timedelta(days=k), day + dt.timedelta(days=k)):
            if d.weekday() in weekdays:
                return d
    return None


def _anchor_weekdays(events: list[Event], doc_events: list[DocEvent]) -> list[Event]:
    """A weekday told with the event itself wins over a neighbouring date: "arrived on
    Thursday, March 23 ... met on Friday" is the 24th; and a page without a date that
    dates one event ("Tuesday, January 10") dates the "Monday" talks next to it."""
    days = [e.date.start for e in events if e.date.precision == "day"
            and e.date.start is not None and e.date.start == e.date.end]
    out: list[Event] = []
    for ev, dev in zip(events, doc_events, strict=True):
        wds = _own_weekdays(dev)
        rng = ev.date
        new: dt.date | None = None
        if wds and rng.precision == "day" and rng.start and rng.start == rng.end \
                and rng.start.weekday() not in wds:
            new = _nearest(rng.start, wds, 3)
        elif wds and rng.precision != "day" and days:
            for anchor in days:
                cand = _nearest(anchor, wds, 3)
                if cand and (rng.start is None or rng.start <= cand) and (
                        rng.end is None or cand <= rng.end):
                    new = cand
                    break
        if new is None:
            out.append(ev)
            continue
        how = f"{rng.how}; '{sorted(wds)}' weekday of the event itself: nearest such day"
        reasons = dict(ev.reasons)
        reasons["date"] = how
        out.append(dataclasses.replace(ev, date=DateRange(new, new, "day", how),
                                       reasons=tuple(sorted(reasons.items()))))
    return out


def _gather_people(a: Analysis, doc_events: list[DocEvent]) -> None:
    """The participants of each event: the people its sentences name (not those named
    as the authority behind it), then an agreement signed at a meeting takes the
    meeting's people, an event whose sentences name nobody the page's officials of its
    governments, and every event the people a later sentence says were present."""
    present = _presence_sentences(a, doc_events)
    for ev in doc_events:
        _sentence_people(ev, a)
        _drop_authorities(ev, a)
    for ev in doc_events:
        _counterparts(ev, a)
    _link_agreements(doc_events)
    for ev in doc_events:
        if not ev.participants:
            _page_officials(ev, a)
        _present_people(ev, a, present.get(id(ev), []))


@cache
def _presence_cue() -> re.Pattern[str]:
    """ "Also present were", "the delegation included", "accompanied by": a sentence that
    names people who were at an encounter (lexicon ``titles.presence_cues``)."""
    pats = lexicon.load().entries("titles.presence_cues")
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in pats) + r")\b", re.I)


def _presence_sentences(a: Analysis, doc_events: list[DocEvent]
                        ) -> dict[int, list[tuple[int, int]]]:
    """The sentences that say who was present ("also attending were X and Y", "the
    visiting delegation included X", "she was accompanied by X") at each meeting, signing
    or handover (by ``id`` of its group): a sentence an event's own mention holds belongs
    to the events it is a primary mention of, else to the one event it speaks of (to none
    when it speaks of several); any other sentence to the meeting told last before it (to
    the event told last when no meeting was) and to the agreement signed at that
    meeting."""
    present = [ev for ev in doc_events if ev.type in _PRESENT_TYPES and ev.sentences]
    out: dict[int, list[tuple[int, int]]] = {}
    if not present:
        return out
    text = a.clean.masked
    sents = [(s.start_char, s.end_char) for s in a.doc.sents]
    for i, (start, end) in enumerate(sents):
        if not _presence_cue().search(text, start, end):
            continue
        own = [ev for ev in doc_events if (start, end) in ev.sentences]
        # a list the parser cut after a word with no full stop, or after a form of
        # address ("Hon."), goes on in the next one
        while i + 1 < len(sents) and "\n" not in text[start:end] and _cut_short(text[start:end]):
            i += 1
            end = sents[i][1]
        if own:
            told = [ev for ev in present if any(
                m.role == "primary" and m.sent.start_char == start for m in ev.mentions)]
            if not told and len(own) == 1 and own[0] in present:
                told = own  # "also present at the meeting were": the one it speaks of
        else:
            before = [(max(s for s, _ in ev.sentences if s <= start), ev) for ev in present
                      if any(s <= start for s, _ in ev.sentences)]
            # the meeting rather than a handover told during it; the agreement signed
            # at that meeting too
            meetings = [(at, ev) for at, ev in before if ev.type == "CONSULT"] or before
            last = max((at for at, _ in meetings), default=-1)
            told = [ev for at, ev in meetings if at == last]
            told += [ev for _, ev in before if ev.type == "AGREE" and ev not in told and any(
                ev.country_set == t.country_set and ev.status == t.status for t in told)]
        for ev in told:
            out.setdefault(id(ev), []).append((start, end))
    return out


def _cut_short(sentence: str) -> bool:
    """A sentence the parser ended where no sentence ends: after a word with no full stop,
    or after an abbreviation ("Hon.", "Col.", "Dr.")."""
    last = sentence.rstrip()
    if last[-1:] not in '.!?"”’:;':
        return True
    word = last.split()[-1].rstrip(".").lower() if last.endswith(".") else ""
    lex = lexicon.load()
    return word in lex.words("titles.honorifics") or word in lex.words("gate.abbreviations")


def _present_people(ev: DocEvent, a: Analysis, sentences: list[tuple[int, int]]) -> None:
    """The people of the sentences that say who was present at ``ev``, when their
    government is one of its own or unknown (not a leader named as the authority behind
    them)."""
    for p in a.people:
        if (p.country is not None and p.country not in ev.countries) \
                or len(p.name.split()) < 2:
            continue
        inside = [(s, e) for s, e in p.mentions
                  if any(start <= s < end for start, end in sentences)
                  and not _as_authority(a.clean.masked, s, e)]
        if inside:
            ev.participants.setdefault(p.name, (p, inside[:1]))


def _link_agreements(doc_events: list[DocEvent]) -> None:
    """An AGREE and a CONSULT of the same governments in one text: the signing meeting,
    whose people the agreement takes."""
    for agree in (e for e in doc_events if e.type == "AGREE"):
        for meet in (e for e in doc_events if e.type == "CONSULT"):
            if agree.country_set != meet.country_set or agree.status != meet.status:
                continue
            if set(agree.participants) <= set(meet.participants):
                # the meeting's people; not when the agreement names someone the meeting
                # does not ("the prime minister was pleased to sign the deal")
                for name, entry in meet.participants.items():
                    agree.participants.setdefault(name, entry)
            if not agree.times:
                agree.times.extend(meet.times)
            if not meet.times:
                meet.times.extend(agree.times)
            if not agree.places:
                agree.places.extend(meet.places)
            shared = agree.topics + meet.topics
            agree.topics, meet.topics = list(shared), list(shared)
            break


def _build(
    a: Analysis,
    ev: DocEvent,
    ref: timeline.Reference,
    text_bounds: list[timeline.Bound],
    store: ActorStore,
    content_hash: str,
) -> Event:
    raw = a.clean.raw
    evidence: list[Evidence] = []
    reasons: dict[str, str] = {}

    def add(field: str, span: tuple[int, int] | None) -> None:
        if span is None:
            return
        ev_ = Evidence(field, span[0], span[1], raw[span[0]:span[1]])
        if ev_ not in evidence:
            evidence.append(ev_)

    first = ev.mentions[0]
    add("type", (first.sent.start_char, first.sent.end_char))
    reasons["type"] = f"trigger '{first.trigger.token.text}' ({first.trigger.role})"
    participants = _participants(ev, add, store)
    countries = tuple(sorted(ev.countries))
    for code in countries:
        add("countries", ev.countries[code])
    orgs = _organizations(ev, add)
    topics = _topics(ev, add)
    mode = _mode(ev, add, reasons)
    location = None if mode == "virtual" else _location(ev, add, a, mode, reasons)
    add("status", (first.trigger.token.idx, first.trigger.token.idx + len(first.trigger.token)))
    people = [p for p, _ in ev.participants.values()]
    names = {p.name for p in people}
    bounds = timeline.tenure_bounds(people, store, a.clean.masked) + [
        b for b in text_bounds if b.who is None or b.who in names]
    text = a.clean.masked
    # dates the reference was counted from date another happening, not this event, and
    # a "since" clause starts a period ("ever since the treaty was revived in 1998")
    since = set(timeline.since_clause(a.times, text))
    times = [t for t in a.times if (t.start, t.end) not in ref.background and t not in since]
    own = [t for t in ev.times if (t.start, t.end) not in ref.background and t not in since]
    # "arrested on May 2 and extradited": the arrest's day is not the transfer's
    times = [t for t in times if t in own or not extract_mod.dated_elsewhere(ev, t.start)]
    context = timeline.sentence_times(times, [(m.sent.start_char, m.sent.end_char)
                                              for m in ev.mentions], text, own)
    if not context and ref.day is not None:
        context = timeline.lone_day(times, text, ref.day)
    elif not context and ref.day is None:
        context = timeline.lone_date(times)
    spoken = timeline.spoken_at(times, text, location.name) \
        if location is not None and location.name else []
    date, spans = timeline.event_date(own, ref, bounds, planned=ev.status == "planned",
                                      context=context, since=_told_of(a, ev, people),
                                      reported=timeline.reported_days(own, text),
                                      spoken=spoken, kin=_kin_days(a, ev, times))
    for span in spans:
        add("date", span)
    reasons["date"] = date.how
    mention_id = hashlib.sha1(
        f"{content_hash}:{ev.type}:{first.trigger.token.idx}".encode()).hexdigest()[:16]
    return Event(
        type=ev.type,
        mode=mode,
        status=ev.status,
        date=date,
        location=location,
        countries=countries,
        participants=tuple(participants),
        organizations=tuple(orgs),
        topics=tuple(topics),
        confidence=_confidence(ev, date),
        sources=(Source(a.clean.doc_id, tuple(sorted(evidence, key=lambda e: e.start))),),
        event_id=f"ev_{mention_id}",
        reasons=tuple(sorted(reasons.items())),
    )


#: event types whose people were present together (a meeting, a signing, a handover)
_PRESENT_TYPES = frozenset({"CONSULT", "AGREE", "AID"})
#: a request handed over in person ("the ambassador handed the extradition request to
#: the minister") is attended too: when its sentences name nobody, the page's officials
_OFFICIALS_TYPES = _PRESENT_TYPES | {"REQUEST"}


@cache
def _leader_title() -> re.Pattern[str]:
    words = sorted(lexicon.load().entries("titles.leaders"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


@cache
def _authority_frame() -> re.Pattern[str]:
    """ "the administration of (Mexican) President": the name that follows is the
    authority behind the people present (lexicon ``titles.authority_frames``)."""
    words = "|".join(re.escape(w) for w in lexicon.load().entries("titles.authority_frames"))
    return re.compile(rf"\b(?:{words}) of (?:the )?(?:[A-Z][\w.’'-]*\s+){{0,4}}$")


@cache
def _authority_owner() -> re.Pattern[str]:
    """ "President X's administration", "X's cabinet": the name before it is the authority
    (lexicon ``titles.authority_frames``)."""
    words = "|".join(re.escape(w) for w in lexicon.load().entries("titles.authority_frames"))
    return re.compile(rf"['’]s\s+(?:new\s+|own\s+)?(?:{words})\b", re.I)


@cache
def _later_encounter() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "ahead of Prime Minister X's visit": X is named as the one of another, later
    encounter (lexicon ``triggers.consult.nouns``)."""
    nouns = "|".join(re.escape(w) for w in lexicon.load().entries("triggers.consult.nouns"))
    return (re.compile(r"\b(?:ahead of|before|prior to|in preparation for)\s+"
                       r"(?:[\w.’'-]+\s+){0,5}$", re.I),
            re.compile(rf"['’]s\s+(?:[\w-]+\s+)?(?:{nouns})\b", re.I))


@cache
def _subject_frames() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "the extradition request for former President X", "extradited X", "X's arrest":
    X is the one the event is about (lexicon ``titles.subject_nouns``, ``subject_verbs``)."""
    lex = lexicon.load()
    nouns = "|".join(re.escape(w) for w in lex.entries("titles.subject_nouns"))
    verbs = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                     for w in lex.entries("titles.subject_verbs"))
    # after a noun and its preposition, what the person is ("former banker"); after a verb,
    # only a title ("extradited former Governor X"): "detained during talks with X" is not
    described = r"(?:(?!(?:with|and|by|after|during|from|to|at|in|on|who|said|told)\s)" \
        r"[a-z][\w’'-]*\s+|[A-Z][\w.’'-]*\s+){0,4}"
    titled = r"(?:(?:former|ex-?|fugitive|alleged|suspected|[A-Z][\w.’'-]*)\s+){0,4}"
    lead = (rf"(?:\b(?i:(?:{nouns})(?:\s+(?:request|requests|warrant|case|proceedings))?"
            rf"\s+(?:of|for|against))\s+{described}"
            rf"|\b(?i:{verbs})\s+(?:the\s+)?{titled})$")
    return re.compile(lead), re.compile(rf"['’]s\s+(?i:{nouns})\b")


def _as_authority(text: str, s: int, e: int) -> bool:
    """The mention at ``s:e`` names the authority behind an event, the one of a later
    encounter, or the one it is about (the person extradited), not one who was there."""
    before, owner = _later_encounter()
    subject_lead, subject_owner = _subject_frames()
    return bool(_authority_frame().search(text, max(0, s - 80), s)
                or _authority_owner().match(text, e)
                or (owner.match(text, e) and before.search(text, max(0, s - 80), s))
                or subject_lead.search(text, max(0, s - 80), s)
                or subject_owner.match(text, e))


def _drop_authorities(ev: DocEvent, a: Analysis) -> None:
    """A person the event names only as the authority behind it ("on behalf of the
    government of President X", "a shake-up of X's cabinet") was not at it."""
    text = a.clean.masked
    for name, (_p, spans) in list(ev.participants.items()):
        if spans and all(_as_authority(text, s, e) for s, e in spans):
            del ev.participants[name]


def _sentence_people(ev: DocEvent, a: Analysis) -> None:
    """People the event's own sentences name ("X and his counterpart Y met"; "the
    handover was attended by X, Y and Z") whose government is one of the event's or is
    unknown, when the event is one its people attend together."""
    if ev.type not in _PRESENT_TYPES:
        return
    spans = [(m.sent.start_char, m.sent.end_char) for m in ev.mentions
             if m.role == "primary" and m.trigger.token.pos_ in {"VERB", "AUX"}]
    for p in a.people:
        if p.country is not None and p.country not in ev.countries:
            continue
        if len(p.name.split()) < 2:
            continue
        inside = [(s, e) for s, e in p.mentions if any(a0 <= s and e <= b0 for a0, b0 in spans)
                  and not _as_authority(a.clean.masked, s, e)]
        if inside:
            ev.participants.setdefault(p.name, (p, inside[:1]))


def _counterparts(ev: DocEvent, a: Analysis) -> None:
    """"X signed the accord with his Iraqi counterpart Y": when all of a two-government
    event's people are of one side, an office holder a sentence names with one of them
    and a counterpart is the event's other side, wherever the sentence stands."""
    if ev.type not in _PRESENT_TYPES or len(ev.countries) != 2 or not ev.participants:
        return
    text = a.clean.masked
    for sent in a.doc.sents:
        start, end = sent.start_char, sent.end_char
        if not _COUNTERPART_RX.search(text, start, end):
            continue
        here = [(p, [(s, e) for s, e in p.mentions if start <= s < end]) for p in a.people]
        here = [(p, spans) for p, spans in here if spans]
        sides = {p.country for p, _ in here if p.name in ev.participants and p.country}
        if len(sides) != 1 or any(q.country not in sides for q, _ in ev.participants.values()):
            continue  # the event has someone of the other side (or of no known side)
        for p, spans in here:
            if p.name in ev.participants or not p.role or p.country in sides \
                    or (p.country is not None and p.country not in ev.countries) \
                    or any(_as_authority(text, s, e) for s, e in spans):
                continue
            ev.participants.setdefault(p.name, (p, spans[:1]))


_COUNTERPART_RX = re.compile(r"\bcounterparts?\b", re.I)


def _page_officials(ev: DocEvent, a: Analysis) -> None:
    """A meeting, signing or handover whose sentences name nobody ("top officials of the
    two countries met") takes the officials of its governments the page names by their
    office, except heads of state and government (lexicon ``titles.leaders``), whom a
    report names as the authority behind the talks more often than as one at them."""
    if ev.type not in _OFFICIALS_TYPES:
        return
    for p in a.people:
        country = p.country or _listed_with(p, a)
        if p.role and country in ev.countries and p.mentions and len(p.name.split()) >= 2 \
                and not _leader_title().search(p.role) and not all(
                    _as_authority(a.clean.masked, s, e) for s, e in p.mentions):
            ev.participants.setdefault(p.name, (p, [p.mentions[0]]))


def _listed_with(person: Person, a: Analysis) -> str | None:
    """The government of an office holder of no known country named in a list next to
    one of a known government ("Attorney General X, and Deputy Secretary of the Treasury
    Y"): the neighbour's, when the two are joined by nothing but a comma or "and"."""
    text = a.clean.masked
    starts = {te: ts for ts, te in person.title_spans}
    for s, e in person.mentions:
        begin = next((ts for te, ts in starts.items() if 0 <= s - te <= 2), s)
        for q in a.people:
            if q is person or q.country is None or not q.role:
                continue
            for qs, qe in q.mentions:
                qbegin = next((ts for ts, te in q.title_spans if 0 <= qs - te <= 2), qs)
                if (qe <= begin and _JOINED.fullmatch(text, qe, begin)) or (
                        e <= qbegin and _JOINED.fullmatch(text, e, qbegin)):
                    return q.country
    return None


_JOINED = re.compile(r"\s*(?:,|;)?\s*(?:and\s+)?")


def _participants(ev: DocEvent, add: object, store: ActorStore) -> list[Participant]:
    out: list[Participant] = []
    for person, spans in ev.participants.values():
        for span in spans:
            add("participants", span)  # type: ignore[operator]
        role = person.role
        org = person.organization
        best = None
        if person.actor is not None:
            roles = person.actor.roles
            best = next((r for r in roles if role and r.role.lower() in role.lower()), None)
            best = best or (roles[0] if len(roles) == 1 else None)
            if best is not None:
                role, org = best.role, best.organization or org
        if role and (person.actor is None or best is None):
            # "Defence Minister" -> the canonical office "Minister of Defense"
            office = store.office(role, person.country)
            if office is not None:
                role = office["office"]
                org = org or office.get("organization")
        out.append(Participant(person.name, role, org, person.country))
    return out


def _organizations(ev: DocEvent, add: object) -> list[str]:
    seen: dict[str, None] = {}
    for o in ev.orgs:
        if o.name not in seen:
            seen[o.name] = None
        add("organizations", (o.start, o.end))  # type: ignore[operator]
    return list(seen)


def _topics(ev: DocEvent, add: object) -> list[str]:
    found = {t.topic for t in ev.topics}
    for t in ev.topics:
        add("topics", (t.start, t.end))  # type: ignore[operator]
    return [t for t in TOPICS if t in found]


def _mode(ev: DocEvent, add: object, reasons: dict[str, str]) -> str | None:
    cues = [m for m in ev.mentions if m.trigger.mode_cue]
    if ev.type == "CONSULT":
        for mode in ("virtual", "phone"):
            hit = next((m for m in cues if m.trigger.mode_cue == mode), None)
            if hit is not None:
                add("mode", (hit.sent.start_char, hit.sent.end_char))  # type: ignore[operator]
                reasons["mode"] = f"'{mode}' cue in the sentence"
                return mode
        reasons["mode"] = "meeting with no remote cue"
        return "in_person"
    if ev.type == "AGREE":
        mode = next((m.trigger.mode_cue for m in cues), None) or "verbal"
        reasons["mode"] = f"agreement verb '{ev.mentions[0].trigger.token.text}'"
        return mode
    return None


def _location(ev: DocEvent, add: object, a: Analysis, mode: str | None = None,
              reasons: dict[str, str] | None = None) -> Location | None:
    """Where the event took place, in this order: a place its own sentences introduce as
    the setting ("met in Manila"); a place of its own sentences in one of its countries;
    a setting or destination in a primary sentence ("travelled to Mexico City for the
    dialogue"); a setting in another sentence of the text that tells a meeting, a signing
    or a visit ("the deal was signed in Niamey"); the city of the dateline. Among cities of
    one name, one in the event's countries; a city elsewhere only as a setting and when it
    is a capital or a large city or its country is named in the text ("in Bali" is not the
    Indian town). The last two steps are for events that took place (not planned) face to
    face."""
    text = a.clean.masked
    codes = set(ev.countries)
    named = {c.code for c in a.countries}
    why = reasons if reasons is not None else {}

    def resolved(place: PlaceRef) -> Location:
        loc = place.location
        if loc.country not in codes:
            other = geo.find_place(text[place.start:place.end], prefer=codes)
            if other is not None and other.country in codes:
                return other
        return loc

    def plausible(loc: Location) -> bool:
        return loc.country in codes or loc.country in named or geo.prominent(loc)

    def take(place: PlaceRef, loc: Location, how: str) -> Location:
        add("location", (place.start, place.end))  # type: ignore[operator]
        why["location"] = how
        return loc

    own = [p for p in ev.places if not p.dateline and not _describes(a, p)]
    for place in own:  # a setting of the event's own sentences
        loc = resolved(place)
        if ev.type in {"COOPERATE", "AID"} and geo.in_destination(text, place.start):
            continue  # "put on a plane to New York": a destination, not where it happened
        if geo.in_setting(text, place.start) and plausible(loc):
            return take(place, loc, "setting of the event's sentence")
    for place in own:  # named with the event, in one of its countries
        loc = resolved(place)
        if loc.country in codes and not (ev.type in {"COOPERATE", "AID"}
                                         and geo.in_destination(text, place.start)):
            return take(place, loc, "place of the event's sentence, in one of its countries")
    # the place is outside the trigger's arguments but in its sentence, as a destination
    # or setting: "travelled to Mexico City for the dialogue", "in the Mexican capital"
    for m in ev.mentions:
        if m.role != "primary":
            continue
        for place in a.places:
            if place.dateline or not m.sent.start_char <= place.start < m.sent.end_char \
                    or _describes(a, place):
                continue
            loc = resolved(place)
            framed = geo.in_setting(text, place.start) or (
                ev.type not in {"COOPERATE", "AID"} and geo.in_destination(text, place.start))
            if framed and loc.country in codes:
                return take(place, loc, "setting or destination in the event's sentence")
    if ev.status == "planned" or mode == "phone":
        return None
    rules = geo.place_rules()
    meeting = ev.type in {"CONSULT", "AGREE"}
    cues = rules.setting_cues | (rules.travel_cues if meeting else frozenset())
    for place in a.places:  # another sentence tells where the meeting or signing was
        if place.dateline or not geo.in_setting(text, place.start):
            continue
        loc = resolved(place)
        if loc.country not in codes or _planned_place(a, place):
            continue  # "is scheduled to visit Athens": a later visit, not this event
        if meeting and geo.in_presence(text, place.start):
            return take(place, loc, "where the text puts the event's people")
        if _cue_near(a, place, cues):
            return take(place, loc, "setting of a meeting, signing or visit told in the text")
    for place in a.places:
        if place.dateline and place.location.country in codes:
            return take(place, place.location, "dateline city of the article")
    return None


def _describes(a: Analysis, place: PlaceRef) -> bool:
    """The place belongs to a noun that tells what is there ("a protection unit in X"),
    not to the event's verb or noun."""
    span = a.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ != "NOUN":
        return False
    return prep.head.lower_ in geo.place_rules().described_heads


def _planned_place(a: Analysis, place: PlaceRef) -> bool:
    """The place is where something is still to happen ("will visit X next month")."""
    span = a.doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and triggers.planned_frame(span.root)


# how many tokens before a place a cue word of its setting may stand
_CUE_REACH = 12


def _cue_near(a: Analysis, place: PlaceRef, cues: frozenset[str]) -> bool:
    """A cue word governs the place or stands shortly before it in its sentence: "the
    signing of the memorandum by the chiefs in Niamey", not "a unit in Islamabad, he said
    during a visit"."""
    span = a.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    sent = span.root.sent
    before = a.doc[max(sent.start, span.start - _CUE_REACH):span.start]
    return any(t.lower_ in cues for t in (*span.root.ancestors, *before))


def _confidence(ev: DocEvent, date: DateRange) -> float:
    if ev.confidence is not None:  # the learned decision's probability
        return round(ev.confidence, 3)
    score = 0.45
    roles = {m.role for m in ev.mentions}
    if "primary" in roles:
        score += 0.2
    score += min(0.2, 0.1 * len(ev.participants))
    if date.start is not None:
        score += 0.1
    score += min(0.05, 0.01 * len(ev.mentions))
    return round(min(score, 0.99), 3)


def iter_evidence(events: Iterable[Event]) -> Iterable[Evidence]:
    for e in events:
        for s in e.sources:
            yield from s.evidence
