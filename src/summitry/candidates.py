"""Candidate events: recall first, the decision comes later (:mod:`summitry.decide`).

The rules of :mod:`summitry.extraction` open an event only when a trigger's own
dependency scope holds two governments. Real reports often name the second party
elsewhere: in the title, the dateline, the sentence before, or through "his
counterpart" and the outlet's home country. Here every trigger that did not
become a rule event proposes candidates whose parties come from growing windows:

* ``sentence``: every government named in the trigger's sentence (people with a
  known country, agencies, country words);
* ``context``: the sentence plus the title and the previous sentence;
* ``home``: the sentence plus the country of the page (its dateline) when the
  sentence names one side only;
* ``document``: the sentence plus every government of a page that names few;
* ``nearby``: the sentence plus the governments of the rule event told nearest to
  it, within :data:`_NEARBY_REACH` sentences before or after ("the two delegations
  met in Accra ..." and, two sentences on, "the ministers signed a memorandum"): an
  act whose own words name no second party is most often done by the parties of the
  meeting (or handover, or gift) told beside it. Its origin feature tells the model
  that the parties were lent by another event.

Each of these (and each rule event) also proposes its variants: the same parties
under another type whose cue words stand in its sentences ("met ... and signed":
a meeting and an agreement), and, for three to five governments, the sets with
one government left out (a third country named only as background). An agreement
signed in person (a place in its scope, or people of two of its sides) proposes its
sibling meeting too (``sibling``).

Each rule event is a candidate too (``rule``). Every candidate carries the
numeric features the learned decision reads (:func:`features`); nothing here
decides whether a candidate is an event.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from summitry import gazetteer, lexicon
from summitry.extraction import DocEvent, EventMention, actor_position
from summitry.mentions import Analysis
from summitry.triggers import lemma

ORIGINS = ("rule", "sentence", "context", "home", "document", "operation")
#: a page naming at most this many governments lends them all to a one-sided trigger
_FEW_GOVERNMENTS = 3
#: more governments than this in a window is a list, not the parties of one act (the G7
#: with a guest organisation is eight)
_MAX_GOVERNMENTS = 8
TYPES = ("CONSULT", "AGREE", "COOPERATE", "AID", "REQUEST")
#: the type each type's "sibling" variant takes: an agreement signed at a meeting is a
#: CONSULT and an AGREE (GUIDELINES), so each proposes the other and the model decides
SIBLINGS = {"AGREE": "CONSULT"}
#: the features a variant carries from its making into the model's input
VARIANT_FEATURES = frozenset({"retyped", "sibling", "dropped", "dropped_of"})
ROLES = ("primary", "anaphoric", "content")

@dataclass(slots=True)
class Candidate:
    """A possible event of one document, with where its parties came from."""

    event: DocEvent
    origin: str
    features: dict[str, float] = field(default_factory=dict)
    text: str = ""  # the trigger's sentence, for the sentence embedding
    dropped: str | None = None  # the government a variant left out
    variant: str | None = None  # "retyped" or "dropped" for a variant of another candidate

    @property
    def is_rule(self) -> bool:
        """A rule event as the rules made it (not a variant of one)."""
        return self.origin == "rule" and self.variant is None

    @property
    def key(self) -> tuple[str, frozenset[str]]:
        return self.event.type, self.event.country_set


@cache
def type_cues() -> dict[str, frozenset[str]]:
    """Words that cue each event type (lexicon family ``candidates.type_cues``)."""
    lex = lexicon.load()
    return {t: frozenset(lex.entries(f"candidates.type_cues.{t.lower()}")) for t in TYPES}


@cache
def type_evidence() -> dict[str, frozenset[str]]:
    """Words that tell a gift (AID) from a transfer of people (COOPERATE): lexicon family
    ``candidates.type_evidence``."""
    lex = lexicon.load()
    return {k: frozenset(lex.entries(f"candidates.type_evidence.{k}"))
            for k in ("gift", "custody")}


@cache
def operation_words() -> frozenset[str]:
    """Words of a police operation's acts and partners (lexicon family
    ``candidates.operation.words``)."""
    return frozenset(lexicon.load().entries("candidates.operation.words"))


def _list_head(tok: Token) -> Token:
    """The first item of the coordinated list a word stands in ("the United Arab
    Emirates" in "Spain, France and the United Arab Emirates" -> "Spain")."""
    for _ in range(4):  # "the United Arab Emirates": the name's head word
        if tok.dep_ != "compound" or tok.head is tok:
            break
        tok = tok.head
    for _ in range(20):
        if tok.dep_ != "conj" or tok.head is tok:
            break
        tok = tok.head
    return tok


def _operation_parties(a: Analysis, sents: list[SpacySpan]) -> dict[str, tuple[int, int]]:
    """The governments a page's operation sentences (a word of
    ``candidates.operation.words``) list: countries in a list of two or more ("raids in
    X, Y and Z", "partners in X and Y") and the agencies they name ("the NCA", Europol)."""
    out: dict[str, tuple[int, int]] = {}
    words = operation_words()
    for sent in sents:
        if not _words(sent) & words:
            continue
        lists: dict[int, dict[str, tuple[int, int]]] = {}
        for c in a.countries:
            if sent.start_char <= c.start < sent.end_char:
                span = a.doc.char_span(c.start, c.start + 1, alignment_mode="expand")
                if span is not None and len(span):
                    lists.setdefault(_list_head(span[0]).i, {}).setdefault(
                        c.code, (c.start, c.end))
        for items in lists.values():
            if len(items) >= 2:
                for code, where in items.items():
                    out.setdefault(code, where)
        for o in a.orgs:
            if o.country and sent.start_char <= o.start < sent.end_char:
                out.setdefault(o.country, (o.start, o.end))
    return out


def _words(span: SpacySpan) -> frozenset[str]:
    """The lemmas and lower-case forms of ``span``'s words, worked out once per span of a
    parse (every candidate of a sentence asks for them)."""
    cache = span.doc.user_data.setdefault("summitry.words", {})
    key = (span.start, span.end)
    words = cache.get(key)
    if words is None:
        words = cache[key] = frozenset({lemma(tok) for tok in span}
                                       | {tok.lower_ for tok in span})
    return words


def _custody(tok: Token) -> bool:
    """Whether what the trigger hands over is a person: its object (or, passive, its
    subject) is a PERSON entity or a word for people ("the suspects", "a national")."""
    people = type_evidence()["custody"]
    return any(child.dep_ in {"dobj", "obj", "nsubjpass", "dative"}
               and (child.ent_type_ == "PERSON" or lemma(child) in people
                    or child.lower_ in people)
               for child in tok.children)


def _evidence(sent: SpacySpan, tok: Token, page_gift: bool) -> dict[str, float]:
    """Type evidence of a candidate's sentence, each feature for its type only (the model
    learns that a gift word speaks for AID and against COOPERATE)."""
    words = _words(sent)
    return {"gift": float(bool(words & type_evidence()["gift"])),
            "money": float(any(t.ent_type_ == "MONEY" for t in sent)),
            "custody": float(_custody(tok)),
            "page_gift": float(page_gift)}


def _cues_of(sent: SpacySpan) -> set[str]:
    words = _words(sent)
    return {typ for typ, cued in type_cues().items() if words & cued}


def _near_cue(tok: Token, typ: str, reach: int = 6) -> bool:
    """A word cueing ``typ`` within ``reach`` tokens of the trigger, in its sentence."""
    cued = type_cues()[typ]
    sent = tok.sent
    lo, hi = max(sent.start, tok.i - reach), min(sent.end, tok.i + reach + 1)
    return any(t.lower_ in cued or lemma(t) in cued for t in tok.doc[lo:hi])


def _sentences(a: Analysis) -> list[SpacySpan]:
    return [s for s in a.doc.sents if s.text.strip()]


def _governments_in(a: Analysis, start: int, end: int) -> dict[str, tuple[int, int]]:
    """Every government a character range names: country words, agencies, people."""
    out: dict[str, tuple[int, int]] = {}
    for c in a.countries:
        if start <= c.start and c.end <= end:
            out.setdefault(c.code, (c.start, c.end))
    for o in a.orgs:
        if start <= o.start and o.end <= end and o.country:
            out.setdefault(o.country, (o.start, o.end))
    for p in a.people:
        if p.country and any(start <= s and e <= end for s, e in p.mentions):
            s, e = next((s, e) for s, e in p.mentions if start <= s and e <= end)
            out.setdefault(p.country, p.country_span or (s, e))
    return out


def propose(a: Analysis, mentions: list[EventMention], rule_events: list[DocEvent]
            ) -> list[Candidate]:
    """The rule events and the window candidates of every other trigger."""
    sents = _sentences(a)
    index = {s.start_char: i for i, s in enumerate(sents)}
    title = a.clean.title_span
    title_govs = _governments_in(a, title.start, title.end) if title else {}
    used = {id(m) for ev in rule_events for m in ev.mentions}
    doc_govs = {c.code for c in a.countries} | {o.country for o in a.orgs if o.country}
    out: list[Candidate] = []
    for ev in rule_events:
        out.append(Candidate(ev, "rule", text=ev.mentions[0].sent.text))
    seen: set[tuple[str, frozenset[str], int]] = set()
    few = doc_govs if len(doc_govs) <= _FEW_GOVERNMENTS else set()
    operation = _operation_parties(a, sents)
    for m in mentions:
        if id(m) in used:
            continue
        i = index.get(m.sent.start_char, 0)
        own = {code: span for code, span in
               _governments_in(a, m.sent.start_char, m.sent.end_char).items()
               if code in m.countries or actor_position(a.doc, span[0], m.trigger)}
        prev = _governments_in(a, sents[i - 1].start_char, sents[i - 1].end_char) if i else {}
        anchor = next(iter(own.values()), (m.sent.start_char, m.sent.end_char))
        windows = [("sentence", own),
                   ("context", {**own, **{k: v for k, v in {**title_govs, **prev}.items()
                                          if k not in own}})]
        if a.home and len(own) == 1 and a.home not in own:
            windows.append(("home", {**own, a.home: anchor}))
        if few and not few <= set(own):
            # a country the page names only as a setting ("the border with X") is no party
            parties = {c.code for c in a.countries if actor_position(a.doc, c.start, m.trigger)}
            parties |= {o.country for o in a.orgs if o.country}
            windows.append(("document", {**own, **{c: anchor for c in few & parties
                                                    if c not in own}}))
        if operation and m.type == "COOPERATE" and _words(m.trigger.token.doc[
                m.trigger.token.i:m.trigger.token.i + 1]) & operation_words() \
                and not set(operation) <= set(own):
            # a police operation's parties told in the page's other sentences
            windows.append(("operation", {**own, **{c: span for c, span in operation.items()
                                                    if c not in own}}))
        for origin, govs in windows:
            _propose(out, seen, m, origin, govs, a)
    out.extend(_variants(out))
    ranks: dict[tuple[str, frozenset[str]], int] = {}
    gift = type_evidence()["gift"]
    page_gift = any(tok.lower_ in gift for tok in a.doc)  # word forms: no lemmatizing
    for c in sorted(out, key=_reading_order):  # rule events first, then by position
        c.features = features(c, a, index, len(sents), doc_govs, len(rule_events),
                              frozenset(title_govs), page_gift)
        c.features["key_rank"] = float(ranks.get(c.key, 0))
        ranks[c.key] = ranks.get(c.key, 0) + 1
    for c in out:
        c.features["key_count"] = math.log1p(ranks[c.key])
    return out


def _propose(out: list[Candidate], seen: set[tuple[str, frozenset[str], int]],
             m: EventMention, origin: str, govs: dict[str, tuple[int, int]],
             a: Analysis) -> None:
    """One window's candidate, unless its parties are too few or too many or the same
    trigger already proposed them."""
    if not 2 <= len(govs) <= _MAX_GOVERNMENTS:
        return
    key = (m.type, frozenset(govs), m.trigger.token.i)
    if key in seen:
        return
    seen.add(key)
    out.append(Candidate(_event_of(m, govs, a), origin, text=m.sent.text))


def _reading_order(c: Candidate) -> tuple[int, int]:
    return (not c.is_rule, c.event.mentions[0].trigger.token.i)


def _variants(cands: list[Candidate]) -> list[Candidate]:
    """Other types cued in the same sentences; sets with one background government less."""
    out: list[Candidate] = []
    have = {(c.event.type, c.event.country_set, c.event.mentions[0].trigger.token.i)
            for c in cands}
    for c in cands:
        ev = c.event
        trig = ev.mentions[0].trigger.token.i
        cued: set[str] = set()
        for m in ev.mentions:
            if m.role == "primary" or m is ev.mentions[0]:
                cued |= _cues_of(m.sent)
        for typ in sorted(cued - {ev.type}):
            if (typ, ev.country_set, trig) not in have:
                have.add((typ, ev.country_set, trig))
                out.append(Candidate(_copy(ev, typ, ev.countries), c.origin, {"retyped": 1.0},
                                     c.text, variant="retyped"))
        # a signing is most often done at a meeting, and a meeting often ends in an
        # agreement: the sibling type is proposed even when no word of its sentence cues it
        sibling = SIBLINGS.get(ev.type)
        if sibling and _met(ev) and (sibling, ev.country_set, trig) not in have:
            have.add((sibling, ev.country_set, trig))
            out.append(Candidate(_copy(ev, sibling, ev.countries), c.origin, {"sibling": 1.0},
                                 c.text, variant="sibling"))
        if 3 <= len(ev.countries) <= 5:
            for code in sorted(ev.countries):
                rest = {k: v for k, v in ev.countries.items() if k != code}
                if (ev.type, frozenset(rest), trig) in have:
                    continue
                have.add((ev.type, frozenset(rest), trig))
                out.append(Candidate(_copy(ev, ev.type, rest), c.origin,
                                     {"dropped": 1.0}, c.text, dropped=code,
                                     variant="dropped"))
                out[-1].features["dropped_of"] = float(len(ev.countries))
    return out


def _listed(ev: DocEvent) -> int:
    """How many of the event's governments stand in the longest coordinated list ("in A,
    B, C and D", "Peruvian, Chilean and Bolivian police") of its first sentence."""
    sent = ev.mentions[0].sent
    doc = sent.doc
    lists: dict[int, set[str]] = {}
    for code, (start, _end) in ev.countries.items():
        if not sent.start_char <= start < sent.end_char:
            continue
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        lists.setdefault(_list_head(span[0]).i, set()).add(code)
    return max((len(v) for v in lists.values()), default=0)


def _met(ev: DocEvent) -> bool:
    """Whether the event's own words place its sides together: a place in its scope,
    or people of two of its governments."""
    sides = {p.country for p, _ in ev.participants.values() if p.country in ev.countries}
    return bool(ev.places) or len(sides) >= 2


def _copy(ev: DocEvent, typ: str, countries: dict[str, tuple[int, int]]) -> DocEvent:
    return DocEvent(type=typ, status=ev.status, mentions=list(ev.mentions),
                    participants={k: v for k, v in ev.participants.items()
                                  if v[0].country is None or v[0].country in countries},
                    countries=dict(countries),
                    orgs=[o for o in ev.orgs if o.country is None or o.country in countries],
                    times=list(ev.times), places=list(ev.places), topics=list(ev.topics),
                    sentences=list(ev.sentences), umbrella=ev.umbrella)


def _event_of(m: EventMention, govs: dict[str, tuple[int, int]], a: Analysis) -> DocEvent:
    status = "planned" if m.trigger.planned else "occurred"
    ev = DocEvent(type=m.type, status=status)
    ev.mentions.append(m)
    ev.sentences.append((m.sent.start_char, m.sent.end_char))
    people = list(m.participants) + [s for s in m.speakers if s not in m.participants]
    for p, span in people:
        if p.country in govs or (p.country is None and p.role):
            ev.participants.setdefault(p.name, (p, []))[1].append(span)
    ev.countries = dict(govs)
    ev.orgs = [o for o in a.orgs if m.sent.start_char <= o.start < m.sent.end_char
               and (o.country is None or o.country in govs)]
    ev.times = list(m.times) or [t for t in a.times
                                 if m.sent.start_char <= t.start < m.sent.end_char]
    ev.places = list(m.places)
    ev.topics = [t for t in a.topics if m.sent.start_char <= t.start < m.sent.end_char]
    return ev


def features(c: Candidate, a: Analysis, index: dict[int, int], n_sents: int,
             doc_govs: set[str], n_rule: int,
             title_govs: frozenset[str] = frozenset(),
             page_gift: bool = False) -> dict[str, float]:
    """Named numeric features of one candidate (the model's input, before embeddings)."""
    ev = c.event
    first = ev.mentions[0]
    trig = first.trigger
    tok = trig.token
    sent_i = index.get(first.sent.start_char, 0)
    title = a.clean.title_span
    in_title = bool(title and title.start <= tok.idx < title.end)
    primary = [m for m in ev.mentions if m.role == "primary"]
    govs = ev.country_set
    people_countries = {p.country for p, _ in ev.participants.values() if p.country}
    cues = set().union(*(_cues_of(m.sent) for m in ev.mentions
                         if m.role == "primary" or m is first))
    f: dict[str, float] = {
        **{k: v for k, v in c.features.items() if k in VARIANT_FEATURES},
        f"cued={ev.type}": float(ev.type in cues),
        # the type cued by the trigger's own sentence, and by a word near the trigger
        # (not only by a retelling elsewhere: "asked X to extradite" under an
        # "extradition treaty" sentence is no agreement)
        "own_cue": float(ev.type in _cues_of(first.sent)),
        "near_cue": float(_near_cue(tok, ev.type)),
        "n_cued_types": float(len(cues)),
        f"type={ev.type}": 1.0,
        f"role={trig.role}": 1.0,
        f"type={ev.type}|origin={c.origin}": 1.0,
        "planned": float(trig.planned),
        "mode_cue": float(trig.mode_cue is not None),
        "verb": float(tok.pos_ in {"VERB", "AUX"}),
        "n_countries": float(min(len(govs), 6)),
        "multilateral": float(len(govs) >= 3),
        "io_party": float(any(gazetteer.is_io(code) for code in govs)),
        "scope_countries": float(min(len(first.countries), 4)),
        "people": math.log1p(len(ev.participants)),
        "people_countries": float(len(people_countries & govs)),
        "orgs": math.log1p(len(ev.orgs)),
        "mentions": math.log1p(len(ev.mentions)),
        "primary_mentions": math.log1p(len(primary)),
        "times": float(bool(ev.times)),
        "day_date": float(any(t.days for t in ev.times)),
        "places": float(bool(ev.places)),
        "topics": math.log1p(len({t.topic for t in ev.topics})),
        "title": float(in_title),
        "first_sentences": float(sent_i <= 3),
        "position": sent_i / max(1, n_sents),
        "sentence_words": math.log1p(len(first.sent)),
        "doc_countries": math.log1p(len(doc_govs)),
        "doc_rule_events": math.log1p(n_rule),
        "home_party": float(a.home is not None and a.home in govs),
        "published": float(a.clean.published is not None),
        "quoted": float('"' in first.sent.text or "“" in first.sent.text),
        f"lemma={ev.type}:{lemma(tok)}": 1.0,
        f"origin={c.origin}": 1.0,
        # how many of its governments have a person or an agency in the event
        "sides_with_actors": float(len(govs & (people_countries | {
            o.country for o in ev.orgs if o.country}))) / max(1, len(govs)),
        "title_countries": float(len(govs & title_govs)) / max(1, len(govs)),
        # "raids in A, B, C and D": three or more of its governments in one list
        f"type={ev.type}|listed": float(_listed(ev) >= 3),
    }
    for name, value in _evidence(first.sent, tok, page_gift).items():
        f[f"type={ev.type}|{name}"] = value
    if c.dropped is not None:
        mentions = [x for x in a.countries if x.code == c.dropped]
        f["dropped_mentions"] = math.log1p(len(mentions))
        f["dropped_in_title"] = float(bool(title and any(
            title.start <= x.start < title.end for x in mentions)))
        f["dropped_in_scope"] = float(c.dropped in first.countries)
        f["dropped_has_person"] = float(any(p.country == c.dropped for p, _ in
                                            first.participants))
        f["dropped_home"] = float(a.home == c.dropped)
    return f
