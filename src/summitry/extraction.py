"""Extraction: one document's mentions -> its cooperation events (before dates are resolved).

For each body sentence, :mod:`summitry.triggers` finds the words that announce an
event. Each trigger gets a *scope*: the tokens its arguments live in (its
dependency subtree; for a noun, also the subject and "with"/"between" phrases of
the light verb that governs it), minus the subtrees of other triggers. Inside the
scope we collect participants, agencies, countries, times and places.

Mentions are then grouped into events in reading order: a primary mention with
two or more governments opens an event unless a compatible one of the same type
is already open; definite references ("the meeting") and discussion verbs add
their date, place, agencies and topics to the event they refer to; they never add
people who were not already participants. A domestic act (fewer than two
governments) never becomes an event. One more act of the kind told before ("another
agreement was signed", a signing on an unrelated subject, a courtesy call on someone the
meeting did not have) opens a new event of the same parties (lexicon ``grouping``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from summitry import dates, lexicon
from summitry.mentions import Analysis, OrgRef, PlaceRef
from summitry.nlp import lemma_of
from summitry.people import Person
from summitry.topics import TopicMention
from summitry.triggers import Trigger, find_triggers, lemma

_LEX = lexicon.load()
#: lexicon ``titles.authority_frames``: "the administration of President X" names the
#: authority behind the event or a time, not a party
_CONTEXT_HEADS = _LEX.words("titles.authority_frames")
#: lexicon ``parties.setting_nouns``: "the border with Italy" names a neighbour
_SETTING_NOUNS = _LEX.words("parties.setting_nouns")
#: lexicon ``parties.venues``: "the UN General Assembly" is a venue, not a party
_VENUES = _LEX.words("parties.venues")
#: "another agreement", "a second group of suspects": a new act of the same kind
_DISTINCT_CUES = _LEX.words("grouping.distinct_cues")
#: "arrested on May 2 and extradited": acts dated on their own, not the transfer's date
_PRIOR_ACTS = _LEX.words("grouping.prior_acts")
#: "the delegation called on the Home Minister": a courtesy call, an encounter of its own
_CALL_ON = _LEX.words("triggers.consult.call_on_verbs")
_SUBJECT_PREPS = _LEX.words("grouping.subject_preps")
_NATIONALITY_HEADS = _LEX.words("frames.nationality_heads")
#: lexicon ``parties.non_actor_preps``: "smuggling into X" names no actor
_NON_ACTOR_PREPS = _LEX.words("parties.non_actor_preps")


@dataclass(slots=True)
class EventMention:
    """One trigger with what its scope holds."""

    trigger: Trigger
    sent: SpacySpan
    ranges: list[tuple[int, int]]
    participants: list[tuple[Person, tuple[int, int]]] = field(default_factory=list)
    orgs: list[OrgRef] = field(default_factory=list)
    countries: dict[str, tuple[int, int]] = field(default_factory=dict)
    times: list[dates.TimeMention] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    # titled people anywhere in the sentence ("X and his counterpart Y said the talks ...")
    speakers: list[tuple[Person, tuple[int, int]]] = field(default_factory=list)
    # people this trigger transfers (the extradited suspect), never parties
    transferred: set[str] = field(default_factory=set)

    @property
    def type(self) -> str:
        return self.trigger.type

    @property
    def role(self) -> str:
        return self.trigger.role


@dataclass(slots=True)
class DocEvent:
    """An event of one document, still with raw time mentions."""

    type: str
    status: str
    mentions: list[EventMention] = field(default_factory=list)
    participants: dict[str, tuple[Person, list[tuple[int, int]]]] = field(default_factory=dict)
    countries: dict[str, tuple[int, int]] = field(default_factory=dict)
    orgs: list[OrgRef] = field(default_factory=list)
    times: list[dates.TimeMention] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    topics: list[TopicMention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    umbrella: bool = False  # a trip to several countries, before its stops are told
    confidence: float | None = None  # the learned decision's probability (summitry.decide)

    @property
    def country_set(self) -> frozenset[str]:
        return frozenset(self.countries)


def event_mentions(a: Analysis) -> list[EventMention]:
    """Every trigger of the document's body sentences, with its scope filled in."""
    out: list[EventMention] = []
    for sent in a.doc.sents:
        if not sent.text.strip():
            continue
        triggers = find_triggers(sent)
        # "the meeting ... which hosted the United States": a same-type trigger in a
        # clause describing another trigger is part of that trigger's event
        inner = {t.token.i for t in triggers
                 if any(o is not t and o.type == t.type and _describes(t.token, o.token)
                        for o in triggers)}
        triggers = [t for t in triggers if t.token.i not in inner]
        trigger_tokens = {t.token.i for t in triggers}
        for trig in triggers:
            idx = _scope(trig.token, trigger_tokens)
            ranges = _char_ranges(a.doc, idx)
            m = EventMention(trig, sent, ranges)
            _fill(m, a, idx)
            out.append(m)
    return out


_CLAUSE_DEPS = frozenset({"relcl", "acl"})
#: lexicon ``frames.report_verbs``: "..., Hossain said on Monday" dates the report
_REPORTING = _LEX.words("frames.report_verbs")
#: lexicon ``grouping.person_transfers``: verbs that move a person to another custody
_TRANSFER = _LEX.words("grouping.person_transfers")


def _describes(inner: Token, outer: Token) -> bool:
    """True when ``inner`` sits in a relative/participial clause hanging off ``outer``."""
    tok, via_clause = inner, False
    for _ in range(8):
        if tok.i == outer.i:
            return via_clause
        if tok.dep_ not in _CLAUSE_DEPS | {"conj", "appos"} or tok.head is tok:
            return False
        via_clause |= tok.dep_ in _CLAUSE_DEPS
        tok = tok.head
    return False


def _scope(tok: Token, triggers: set[int]) -> set[int]:
    """Token indices of a trigger's arguments, minus nested triggers' subtrees."""
    idx = {t.i for t in tok.subtree}
    if tok.pos_ in {"NOUN", "PROPN"} and tok.head is not tok:
        head = tok.head
        if tok.dep_ in {"dobj", "obj", "nsubjpass", "attr", "pobj"} or tok.dep_ == "nsubj":
            if tok.dep_ == "pobj" and head.head is not head:
                head = head.head
            # "wrapped up four days of talks": climb through the noun phrase to its verb
            t = head
            for _ in range(3):
                if t.pos_ in {"VERB", "AUX"} or t.head is t or t.dep_ not in {
                        "dobj", "obj", "pobj", "prep", "npadvmod", "attr"}:
                    break
                t = t.head
            if t.pos_ in {"VERB", "AUX"} and t is not head and tok.dep_ == "pobj":
                head = t
            for child in head.children:
                if child.dep_ in {"nsubj", "nsubjpass", "agent", "npadvmod", "tmod"} or (
                        child.dep_ == "prep" and child.lower_ in {
                            "with", "between", "in", "at", "on", "during", "via", "by"}):
                    idx |= {t.i for t in child.subtree}
            idx.add(head.i)
            verb = head
        else:
            verb = None
    else:
        verb = tok if tok.pos_ in {"VERB", "AUX"} else None
    if verb is not None and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        # "Harris is scheduled to meet X ... and then fly to Mexico City for talks": the
        # subject of the verb this one is controlled by or coordinated with
        subj = _inherited_subject(verb)
        if subj is not None:
            idx |= {t.i for t in subj.subtree}
    if tok.dep_ == "ccomp" and lemma_of(tok.head).lower() in _REPORTING:
        # "X has asked India to ..., Hossain said on Monday": the report dates the act
        for child in tok.head.children:
            if child.dep_ in {"npadvmod", "tmod"} or (
                    child.dep_ == "prep" and child.lower_ in {"on", "in"}):
                idx |= {t.i for t in child.subtree}
    for other in triggers - {tok.i}:
        if other in idx and other != tok.i:
            sub = {t.i for t in tok.doc[other].subtree}
            if tok.i not in sub:
                idx -= sub
    return idx


def _inherited_subject(verb: Token) -> Token | None:
    t = verb
    for _ in range(4):
        if t.dep_ not in {"xcomp", "conj", "advcl"} or t.head is t:
            return None
        t = t.head
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj
    return None


def _char_ranges(doc: object, idx: set[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for i in sorted(idx):
        tok = doc[i]  # type: ignore[index]
        s, e = tok.idx, tok.idx + len(tok.text)
        if ranges and s - ranges[-1][1] <= 1:
            ranges[-1] = (ranges[-1][0], e)
        else:
            ranges.append((s, e))
    return ranges


def _within(ranges: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(rs <= s and e <= re_ for rs, re_ in ranges)


def _overlaps(ranges: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < re_ and rs < e for rs, re_ in ranges)


def _fill(m: EventMention, a: Analysis, idx: set[int]) -> None:
    doc = a.doc
    for p in a.people:
        for s, e in p.mentions:
            if m.sent.start_char <= s < m.sent.end_char and p.country \
                    and not _context_only(doc, s):
                m.speakers.append((p, (s, e)))
            if _overlaps(m.ranges, s, e) and not _context_only(doc, s):
                if m.type in {"COOPERATE", "AID", "REQUEST"} and _transferred(doc, s, m.trigger):
                    m.transferred.add(p.name)
                    continue
                if m.type in {"COOPERATE", "AID", "REQUEST"} and not (p.role or p.actor):
                    continue  # the extradited suspect is not a party to the cooperation
                m.participants.append((p, (s, e)))
                if p.country:
                    m.countries.setdefault(p.country, p.country_span or (s, e))
    for o in a.orgs:
        if _overlaps(m.ranges, o.start, o.end):
            m.orgs.append(o)
            if o.country:
                m.countries.setdefault(o.country, (o.start, o.end))
    for c in a.countries:
        if _within(m.ranges, c.start, c.end) and actor_position(doc, c.start, m.trigger):
            m.countries.setdefault(c.code, (c.start, c.end))
    m.times = [t for t in a.times if _within(m.ranges, t.start, t.end)]
    m.places = [p for p in a.places if _overlaps(m.ranges, p.start, p.end)]


def _transferred(doc: object, char: int, trig: Trigger) -> bool:
    """The person extradited, handed over or asked for: the trigger's object (or the
    passive subject, or the object of "extradition of")."""
    tok = _token_at(doc, char)
    if tok is None:
        return False
    t = tok
    for _ in range(8):
        if t.head is t:
            return False
        if t.head.i == trig.token.i:
            return t.dep_ in {"dobj", "obj", "nsubjpass", "attr"} or (
                t.dep_ == "prep" and t.lower_ == "of")
        if t.dep_ in {"dobj", "obj", "nsubjpass"} and lemma_of(t.head).lower() in _TRANSFER:
            return True  # "asked India to return former prime minister Sheikh Hasina"
        t = t.head
    return False


def _doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token on each access)."""
    text = doc.user_data.get("summitry.text")
    if text is None:
        text = doc.user_data["summitry.text"] = doc.text
    return str(text)


def _token_at(doc: object, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")  # type: ignore[attr-defined]
    return span[0] if span is not None and len(span) else None


def _context_only(doc: object, char: int) -> bool:
    """A person named only as a time reference: "the administration of President X"."""
    tok = _token_at(doc, char)
    if tok is None:
        return False
    return any(anc.lower_ in _CONTEXT_HEADS for anc in list(tok.ancestors)[:4])


def actor_position(doc: object, char: int, trig: Trigger) -> bool:
    """False for a country that is only a topic or setting ("the situation in Venezuela")."""
    tok = _token_at(doc, char)
    if tok is None:
        return True
    head = tok.head
    while head.dep_ in {"compound", "amod", "conj", "appos"} and head.head is not head:
        head = head.head
    if tok.dep_ == "pobj" or (head.dep_ == "pobj" and head is not tok):
        prep = tok.head if tok.dep_ == "pobj" else head.head
        if prep.lower_ in _NON_ACTOR_PREPS and prep.head.i != trig.token.i:
            return False
        # "visited the border with Italy", "relations with Cuba": a neighbour, not a party
        if prep.lower_ in {"with", "between"} and prep.head.lower_ in _SETTING_NOUNS:
            return False
    before = _doc_text(tok.doc)[max(0, char - 30):char]
    if re.search(r"\b(border|borders|frontier|boundary|relations|ties)(\s+(area|areas|region|"
                 r"regions|zone|zones|districts?|provinces?|"
                 r"posts?|points?))?\s+(with|between)\s+(the\s+)?$", before,
                 re.IGNORECASE):
        return False  # however the parser attaches "with Italy"
    # "Mr X, an Iraqi national", "a Dutch citizen": a person's nationality
    if tok.dep_ in {"amod", "compound"} and tok.head.lower_ in _NATIONALITY_HEADS:
        return False
    # "on the sidelines of the UN General Assembly": a body naming the venue of a meeting
    if tok.dep_ == "compound" and tok.head.lower_ in _VENUES:
        return False
    # "arrested a Colombian drug lord": the nationality of whoever is arrested or handed over
    if trig.type == "COOPERATE" and _transferred(doc, char, trig):
        return False
    # "signed ..., as both countries face an increasingly assertive China": a country in
    # a side clause of the trigger is context, not a party
    t = tok
    for _ in range(12):
        if t.head is t or t.i == trig.token.i:
            break
        if t.dep_ == "advcl" or (t.dep_ == "relcl" and t.head.i == trig.token.i):
            return False
        t = t.head
    return True


def _join_sides(mentions: list[EventMention]) -> list[EventMention]:
    """"X travelled to the Dialogue, where they held talks with Y": two primary triggers of
    one type in one sentence, each with one side only, describe one encounter."""
    out: list[EventMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.sent.start == m.sent.start and prev.type == m.type
                and prev.role == m.role == "primary"
                and prev.trigger.planned == m.trigger.planned
                and len(prev.countries) == 1 and len(m.countries) == 1
                and set(prev.countries) != set(m.countries)):
            prev.ranges = sorted(prev.ranges + m.ranges)
            prev.participants += m.participants
            prev.speakers += [s for s in m.speakers if s not in prev.speakers]
            prev.orgs += m.orgs
            for code, span in m.countries.items():
                prev.countries.setdefault(code, span)
            prev.times += [t for t in m.times if t not in prev.times]
            prev.places += [p for p in m.places if p not in prev.places]
            continue
        out.append(m)
    return out


def group(mentions: list[EventMention], a: Analysis) -> list[DocEvent]:
    """Mentions in reading order -> the document's events."""
    events: list[DocEvent] = []
    for m in _join_sides(mentions):
        status = "planned" if m.trigger.planned else "occurred"
        if m.role == "primary" and len(m.countries) < 2 and _collective(m):
            named = {p.country for p, _ in m.speakers if p.country}
            if len(named | set(m.countries)) >= 2:
                # "Biden and Xi ... when they met at Woodside": the people just named
                for p, span in m.speakers:
                    if all(q is not p for q, _ in m.participants):
                        m.participants.append((p, span))
                    if p.country:
                        m.countries.setdefault(p.country, span)
            elif events:
                _inherit_sides(m, events[-1])
        opens = m.role != "content" and len(m.countries) >= 2
        target = _target(events, m, status)
        if target is not None and m.role == "primary" and (
                distinct(m) or _courtesy_call(target, m) or _new_subject(target, m)):
            events.append(_another(target, m, status, same_day=not _courtesy_call(target, m)))
        elif target is not None:
            _attach(target, m, with_people=m.role == "primary" and opens)
        elif opens:
            ev = DocEvent(type=m.type, status=status)
            ev.umbrella = _destinations(m) >= 2
            _attach(ev, m, with_people=True)
            events.append(ev)
    events = _drop_covered_umbrellas(events)
    events = _headline_futures(events, a)
    _delegation_heads(events, a)
    moved = {n for m in mentions for n in m.transferred}
    for ev in events:  # the person handed over is never a party, whatever the sentence
        if ev.type in {"COOPERATE", "REQUEST", "AID"}:
            for name in moved & set(ev.participants):
                del ev.participants[name]
    _assign_topics(events, a)
    return events


#: lexicon ``parties.collective_nouns``: "the two ministers met"
_COLLECTIVE_NOUNS = _LEX.words("parties.collective_nouns")


_DELEGATION = re.compile(r"\b(delegations?|team|side)\b[^.;]{0,40}\b(was |were )?(led|headed)\b|"
                         r"\b(led|headed)\s+(the|a|his|her|their)\s+[^.;]{0,40}"
                         r"\b(delegation|team|side)\b", re.IGNORECASE)


def _delegation_heads(events: list[DocEvent], a: Analysis) -> None:
    """"The Bangladeshi delegation was led by X, while Y headed the Indian side": heads of
    delegations told after a meeting took part in it."""
    if not events:
        return
    for sent in a.doc.sents:
        if not _DELEGATION.search(sent.text):
            continue
        before = [ev for ev in events if ev.type in {"CONSULT", "AGREE"}
                  and any(s <= sent.start_char for s, _ in ev.sentences)]
        if not before:
            continue
        ev = max(before, key=lambda e: max(s for s, _ in e.sentences))
        for p in a.people:
            for s, e in p.mentions:
                if sent.start_char <= s < sent.end_char and (
                        p.country is None or p.country in ev.countries):
                    ev.participants.setdefault(p.name, (p, []))[1].append((s, e))
                    break


def _collective(m: EventMention) -> bool:
    """"The two men had spoken by phone", "both leaders met": the parties told before."""
    tok = m.trigger.token
    subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if tok.dep_ in {"dobj", "nsubjpass"} and tok.head is not tok:
        subjects += [c for c in tok.head.children if c.dep_ == "nsubj"]
    return any((s.lower_ in _COLLECTIVE_NOUNS and any(
        c.lower_ in {"two", "both", "three"} for c in s.children))
        or s.lower_ in {"both", "they", "two", "three", "four"} for s in subjects)


def _inherit_sides(m: EventMention, ev: DocEvent) -> None:
    for code, span in ev.countries.items():
        m.countries.setdefault(code, span)
    for person, spans in ev.participants.values():
        if all(p is not person for p, _ in m.participants):
            m.participants.append((person, spans[0]))


def _destinations(m: EventMention) -> int:
    """Countries a visit/trip goes to: "Harris to visit Guatemala and Mexico" -> 2."""
    tok = m.trigger.token
    if lemma(tok) not in {"visit", "trip", "tour", "travel"}:
        return 0
    doc = tok.doc
    dest = set()
    for code, (s, _e) in m.countries.items():
        span = doc.char_span(s, s + 1, alignment_mode="expand")
        if span is None:
            continue
        t = span[0]
        for _ in range(4):  # object of the visit, possibly through conj / "to"
            if t.head.i == tok.i and t.dep_ in {"dobj", "pobj", "conj", "prep"}:
                dest.add(code)
                break
            if t.dep_ not in {"conj", "pobj", "compound", "prep"} or t.head is t:
                break
            t = t.head
    return len(dest)


def _headline_futures(events: list[DocEvent], a: Analysis) -> list[DocEvent]:
    """"US, Mexico, Guatemala To Create Security Desk" over a story of the desk created:
    a planned event told only in the title is the held one of its type and governments
    the body tells (headlines put past acts in the infinitive)."""
    title = a.clean.title_span
    if title is None:
        return events
    out = []
    for ev in events:
        if ev.status == "planned" and ev.mentions and all(
                title.start <= m.sent.start_char < title.end for m in ev.mentions):
            held = next((o for o in events if o is not ev and o.status == "occurred"
                         and o.type == ev.type and o.country_set == ev.country_set), None)
            if held is not None:
                held.mentions.extend(ev.mentions)
                held.sentences.extend(ev.sentences)
                continue
        out.append(ev)
    return out


def _drop_covered_umbrellas(events: list[DocEvent]) -> list[DocEvent]:
    """A multi-destination trip whose stops became their own events is not an event."""
    out = []
    for ev in events:
        if ev.umbrella:
            stops = [o for o in events if o is not ev and not o.umbrella
                     and o.status == ev.status and o.country_set < ev.country_set]
            if len({c for o in stops for c in o.country_set} | set()) >= len(ev.country_set):
                continue
        out.append(ev)
    return out


def distinct(m: EventMention) -> bool:
    """"Another agreement was signed", "handed over a second group of suspects": the
    instrument or group the trigger acts on is introduced as one more of its kind
    (lexicon ``grouping.distinct_cues``), so the act is not the one told before."""
    tok = m.trigger.token
    if tok.pos_ in {"NOUN", "PROPN"}:
        heads = [tok]
    else:
        heads = [c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    return any(c.dep_ in {"det", "amod", "nummod", "advmod"} and c.lower_ in _DISTINCT_CUES
               for h in heads for c in h.children)


def _instruments(m: EventMention) -> list[Token]:
    """The nouns a trigger acts on: itself for a noun, else its objects."""
    tok = m.trigger.token
    if tok.pos_ in {"NOUN", "PROPN"}:
        return [tok]
    return [c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]


def _subject(m: EventMention) -> frozenset[str]:
    """Content words of what an agreement is "on" ("a memorandum on maritime security",
    "a declaration of intent on organised crime"; lexicon ``grouping.subject_preps``)."""
    heads = _instruments(m)
    # the parser often hangs "on ..." on the verb: "signed a declaration on crime"
    nouns = [*heads, m.trigger.token] if heads and m.trigger.token not in heads else list(heads)
    nouns += [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj"]
    out: set[str] = set()
    for n in nouns:
        for c in n.children:
            if c.dep_ != "prep" or c.lower_ not in _SUBJECT_PREPS:
                continue
            words = [t for t in c.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ"}
                     and not t.is_stop and t.ent_type_ not in {"DATE", "TIME"}]
            if any(t.lower_ in _VENUES for t in words):
                continue  # "signed ... on the sidelines of the summit": where, not what
            out |= {lemma(t) for t in words}
    return frozenset(out)


def _new_subject(ev: DocEvent, m: EventMention) -> bool:
    """"Signed a joint statement on border security ... signed a declaration on organised
    crime": an agreement on a subject sharing no word with the subjects of the event's
    agreements is another agreement."""
    if m.type != "AGREE":
        return False
    mine = _subject(m)
    theirs = [_subject(x) for x in ev.mentions if x.role == "primary"]
    theirs = [t for t in theirs if t]
    return bool(mine) and bool(theirs) and all(not mine & t for t in theirs)


def _courtesy_call(ev: DocEvent, m: EventMention) -> bool:
    """"The visiting delegation called on the Home Minister" after their talks: a
    courtesy call on someone the event did not have is an encounter of its own."""
    if lemma(m.trigger.token) not in _CALL_ON or any(
            lemma(x.trigger.token) in _CALL_ON for x in ev.mentions if x.role == "primary"):
        return False
    return any(p.name not in ev.participants for p, _ in m.participants)


def _another(like: DocEvent, m: EventMention, status: str, *,
             same_day: bool = True) -> DocEvent:
    """A new event for a mention that tells one more act like ``like``: a side left out
    ("another agreement was signed to ...") is that of ``like``, and so are the day
    (``same_day``) when the mention gives none (one more act of the same occasion)."""
    for code, span in like.countries.items():
        if len(m.countries) < 2:
            m.countries.setdefault(code, span)
    ev = DocEvent(type=m.type, status=status)
    _attach(ev, m, with_people=True)
    if not ev.times and same_day:
        ev.times.extend(like.times)
    return ev


def dated_elsewhere(ev: DocEvent, char: int) -> bool:
    """A time expression (at ``char``) of a transfer's sentence that dates a prior act of
    the same person (lexicon ``grouping.prior_acts``): "was arrested on May 2 and has
    been extradited" dates the arrest, not the extradition."""
    if not any(lemma(x.trigger.token) in _TRANSFER for x in ev.mentions):
        return False
    tok = _token_at(ev.mentions[0].sent.doc, char)
    own = {x.trigger.token.i for x in ev.mentions}
    for _ in range(8):
        if tok is None or tok.head is tok or tok.i in own:
            return False
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok.i not in own and lemma(tok) in _PRIOR_ACTS
    return False


def _target(events: list[DocEvent], m: EventMention, status: str) -> DocEvent | None:
    for ev in reversed(events):
        if ev.type != m.type or ev.status != status:
            continue
        if len(m.countries) >= 2 and not set(m.countries) <= ev.country_set:
            continue
        if m.role == "primary" and len(m.countries) >= 2 and (
                _date_conflict(ev, m) or _mode_conflict(ev, m) or _other_people(ev, m)
                or (ev.umbrella and set(m.countries) < ev.country_set)):
            continue
        return ev
    return None


def _date_conflict(ev: DocEvent, m: EventMention) -> bool:
    mine = {(t.year, t.month, t.days) for t in m.times if t.kind in {"date", "range"}}
    theirs = {(t.year, t.month, t.days) for t in ev.times if t.kind in {"date", "range"}}
    if mine and theirs and not mine & theirs:
        return True
    # "held bilateral talks on Monday" vs a summit "on Tuesday, January 10"
    my_wd = {w for t in m.times for w in t.weekdays}
    their_wd = {w for t in ev.times for w in t.weekdays}
    months = {t.month for t in m.times if t.month} | {t.month for t in ev.times if t.month}
    return bool(my_wd and their_wd and not my_wd & their_wd and len(months) <= 1)


def _other_people(ev: DocEvent, m: EventMention) -> bool:
    """Two or more named parties, none of them in the event: another encounter
    ("Sunak and Macron met last week" after a story about their interior ministers)."""
    mine = {p.name for p, _ in m.participants}
    return len(mine) >= 2 and bool(ev.participants) and not mine & set(ev.participants)


def _mode_conflict(ev: DocEvent, m: EventMention) -> bool:
    """A phone call is not the video meeting or the visit told before it."""
    mine = m.trigger.mode_cue
    theirs = {x.trigger.mode_cue for x in ev.mentions if x.role == "primary"}
    return mine is not None and bool(theirs) and mine not in theirs


def _attach(ev: DocEvent, m: EventMention, *, with_people: bool) -> None:
    ev.mentions.append(m)
    ev.sentences.append((m.sent.start_char, m.sent.end_char))
    for p, span in m.participants:
        # a primary mention of one side ("the delegation was led by X") adds that side's
        # people to the event it belongs to
        own_side = m.role == "primary" and p.country is not None and p.country in ev.countries
        if with_people or own_side or p.name in ev.participants:
            entry = ev.participants.setdefault(p.name, (p, []))
            entry[1].append(span)
    if with_people or not ev.countries:
        for code, span in m.countries.items():
            ev.countries.setdefault(code, span)
    speaking = {p.country for p, _ in m.speakers if p.country in ev.countries}
    if not with_people and m.role == "anaphoric" and len(speaking) >= 2:
        # "X and his Ecuadorian counterpart Y said the talks covered ...": office holders
        # of two or more of the event's countries speaking together about it took part
        # (one side's minister commenting on a meeting does not make him a participant)
        have = {p.country for p, _ in ev.participants.values()}
        for p, span in m.speakers:
            if (p.country in ev.countries and p.country not in have | {None}) \
                    or p.name in ev.participants:
                ev.participants.setdefault(p.name, (p, []))[1].append(span)
    ev.orgs.extend(o for o in m.orgs if o.country is None or o.country in ev.countries)
    ev.times.extend(m.times)
    ev.places.extend(m.places)


def _assign_topics(events: list[DocEvent], a: Analysis) -> None:
    """Topic cues of an event's sentences go to it; other body topics go to the main event."""
    if not events:
        return
    owned: list[tuple[int, int, DocEvent]] = [
        (s, e, ev) for ev in events for s, e in ev.sentences
    ]
    for t in a.topics:
        holders = [ev for s, e, ev in owned if s <= t.start < e]
        for ev in holders or [events[0]]:
            ev.topics.append(t)
