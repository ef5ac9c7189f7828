"""Event triggers: which words of a sentence announce a cooperation event, and of what kind.

A trigger is a token with a type (CONSULT, AGREE, COOPERATE, AID, REQUEST), a
mode cue, a status (occurred/planned) and a role in the discourse:

* ``primary``: a new occurrence ("X met Y", "held a videoconference", "signed a
  memorandum") that may open an event;
* ``anaphoric``: a definite reference to an occurrence already told ("the meeting",
  "this visit"), which may add a date, a place, topics and agencies;
* ``content``: what was discussed ("they discussed", "addressed", "exchanged views"),
  which only adds to the event it follows.

Plural nouns without a definite determiner ("recent meetings", "agreements reached
at several summits") are generic and are not triggers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from summitry import lexicon
from summitry.nlp import lemma_of

_LEX = lexicon.load()
_w = _LEX.words

# every word list below comes from data/lexicon.toml (docs/lexicon.md): change it there
CONSULT_VERBS = _w("triggers.consult.verbs")
CONSULT_WITH_VERBS = _w("triggers.consult.with_verbs")
_WITH_PREPS = _w("triggers.consult.with_preps")
CONSULT_RECEIVE_VERBS = _w("triggers.consult.receive_verbs")
_VISITORS = _w("triggers.consult.visitors")
CONSULT_OPEN_VERBS = _w("triggers.consult.open_verbs")
_OPEN_OBJECTS = _w("triggers.consult.open_objects")
CONSULT_NOUNS = _w("triggers.consult.nouns")
_FRAME_NOUNS = _w("triggers.consult.frame_nouns")
_PLURAL_OK = _w("triggers.consult.plural_nouns")
_LIGHT = _w("triggers.consult.light_verbs")
CONTENT_VERBS = _w("triggers.consult.content_verbs")
_EXCHANGE_CUES = _w("triggers.consult.exchange_cues")
_CALL_CUES = _w("triggers.consult.call_cues")
_CONFERENCE_EXCLUSIONS = _w("triggers.consult.conference_exclusions")
_CONFERENCE_CUES = _w("triggers.consult.conference_cues")
_SESSION_CUES = _w("triggers.consult.session_cues")
_TRIP_CUES = _w("triggers.consult.trip_cues")
_ORDINALS = _w("triggers.consult.ordinals")

AGREE_NOUNS = _w("triggers.agree.nouns")
SIGN_VERBS = _w("triggers.agree.sign_verbs")
_SIGNATURE_VERBS = _w("triggers.agree.signature_verbs")
_SIGNED_OBJECTS = _w("triggers.agree.signed_objects")
_REACH_VERBS = _w("triggers.agree.reach_verbs")
_REACH_OBJECTS = _w("triggers.agree.reach_objects")
_ADOPT_VERBS = _w("triggers.agree.adopt_verbs")
# what one "adopts" or "agrees on" when it is an agreement (not "adopted measures")
_ADOPTABLE = _w("triggers.agree.adoptable")
AGREE_VERBS = _w("triggers.agree.agree_verbs")
_AGREE_COMPLEMENTS = _w("triggers.agree.agree_complements")
_AGREE_PREPS = _w("triggers.agree.agree_preps")
# "agreed to set up a joint task force": an agreement that creates something
_CREATE_VERBS = _w("triggers.agree.create_verbs")
_CREATED = _w("triggers.agree.created")
# "the two governments set up a joint task force": founding a joint body
_FOUND_VERBS = _w("triggers.agree.found_verbs")
_FOUND_OBJECTS = _w("triggers.agree.found_objects")

TRANSFER_VERBS = _w("triggers.cooperate.transfer_verbs")
_BARE_TRANSFER_VERBS = _w("triggers.cooperate.bare_transfer_verbs")
_TRANSFER_OBJECTS = _w("triggers.cooperate.transfer_objects")
_HAND_VERBS = _w("triggers.cooperate.hand_verbs")
_HAND_OBJECTS = _w("triggers.cooperate.hand_objects")
JOINT_VERBS = _w("triggers.cooperate.joint_verbs")
COOPERATE_NOUNS = _w("triggers.cooperate.nouns")
_OPERATION_NOUNS = _w("triggers.cooperate.operation_nouns")
_OPERATION_MODIFIERS = _w("triggers.cooperate.operation_modifiers")
_OPERATION_HEADS = _w("triggers.cooperate.operation_heads")
_CALL_ON_VERBS = _w("triggers.consult.call_on_verbs")
TRAIN_VERBS = _w("triggers.cooperate.train_verbs")
_TRAINING_NOUNS = _w("triggers.cooperate.training_nouns")
_TRAINEES = _w("triggers.cooperate.train_objects")

AID_VERBS = _w("triggers.aid.verbs")
AID_OBJECTS = _w("triggers.aid.objects")
AID_NOUNS = _w("triggers.aid.nouns")
_AID_OBJECT_NOUNS = _w("triggers.aid.object_nouns")
REQUEST_VERBS = _w("triggers.request.verbs")
REQUEST_OBJECTS = _w("triggers.request.objects")
_REQUEST_NOUNS = _w("triggers.request.nouns")
_SUBMIT_VERBS = _w("triggers.request.submit_verbs")

VIRTUAL_CUES = _LEX.entries("modes.virtual_cues")
PHONE_CUES = _LEX.entries("modes.phone_cues")
_PHONE_PHRASES = _LEX.entries("modes.phone_phrases")
_PHONE_TRIGGERS = _w("modes.phone_triggers")
_PHONE_STEMS = _LEX.entries("modes.phone_stems")
_CALL_VERBS = _w("modes.call_verbs")

_DEFINITE = _w("frames.definite")
_SPECIFIC_PLURAL = _w("frames.specific_plural")
_ORDINAL_DETS = _w("frames.ordinal_determiners")
_HYPOTHETICAL = _w("frames.hypothetical")
_MODALS = _w("frames.modals")
_NEGATORS = _w("frames.negators")
_FUTURE = _w("frames.future_words")
_FUTURE_AUX = _w("frames.future_aux")
_PLAN_VERBS = _w("frames.plan_verbs")
_SCHEDULE_VERBS = _w("frames.schedule_verbs")
_REPORT_VERBS = _w("frames.report_verbs")

_JOINT = re.compile(r"\b(?:" + "|".join(_LEX.entries("triggers.cooperate.joint_patterns"))
                    + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger token and what it announces."""

    token: Token
    type: str
    role: str  # primary | anaphoric | content
    mode_cue: str | None
    planned: bool


def lemma(tok: Token) -> str:
    """A lower-case lemma that does not depend on the (disabled) lemmatizer."""
    raw = lemma_of(tok)
    lem = raw.lower() if raw else ""
    low = tok.lower_
    if lem and lem != low:
        return lem
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            return low[: -len(suffix)] + repl
    return low


def _negated(tok: Token) -> bool:
    """"for not visiting the border", "did not meet": no event."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    prev = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    return prev is not None and prev.lower_ in _NEGATORS


def _planned(tok: Token, sent: Span) -> bool:
    """Future or announced: "will meet", "is scheduled to visit", "next week", "upcoming"."""
    if tok.tag_ == "VB" and tok.dep_ == "ROOT" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True  # headline style: "Harris to visit Guatemala and Mexico"
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        chain = [lemma_of(a).lower() for a in list(tok.ancestors)[:3]]
        if any(w in _SCHEDULE_VERBS for w in chain):
            return True  # "is scheduled to meet ... on Monday"
    doc = tok.doc
    window = [t.lower_ for t in doc[max(sent.start, tok.i - 6):min(sent.end, tok.i + 7)]]
    if tok.pos_ == "VERB" and tok.tag_ in {"VB"} and any(
            c.lower_ in _FUTURE_AUX for c in tok.children):
        return True
    if tok.tag_ == "VB" and any(c.lower_ == "would" for c in tok.children) and not any(
            c.lower_ == "have" for c in tok.children) and any(
            lemma_of(a).lower() in _REPORT_VERBS for a in tok.ancestors):
        return True  # reported future: "said ... ministers would meet in Calais on Sunday"
    if any(lemma_of(a).lower() in _PLAN_VERBS for a in list(tok.ancestors)[:5]):
        return True  # "scheduled to meet X ... and then fly to Mexico City for talks"
    if tok.pos_ in {"NOUN", "PROPN"}:
        head = tok.head
        return bool(_FUTURE & set(window)) and not (
            sent.start <= head.i < sent.end and head.tag_ in {"VBD", "VBN"})
    return any(c.lower_ in _FUTURE_AUX for c in tok.children) or (
        "scheduled" in window or "upcoming" in window)


def planned_frame(tok: Token) -> bool:
    """The verb that governs ``tok`` (a place's word) tells of something to come: "is
    scheduled to visit Athens", "will travel to Rome next month"."""
    for anc in list(tok.ancestors)[:4]:
        if anc.pos_ in {"VERB", "AUX"}:
            return _planned(anc, anc.sent)
    return False


def _mode_cue(tok: Token, sent: Span) -> str | None:
    text = sent.text.lower()
    if any(cue in text for cue in VIRTUAL_CUES):
        return "virtual"
    if any(cue in text for cue in _PHONE_PHRASES) and lemma(tok) in _PHONE_TRIGGERS:
        return "phone"
    if any(cue in tok.lower_ for cue in _PHONE_STEMS) or (
            lemma(tok) in _CALL_VERBS and any(c in text for c in PHONE_CUES)):
        return "phone"
    return None


def _noun_role(tok: Token) -> str | None:
    """primary / anaphoric for a trigger noun, or None when it is generic (bare plural)."""
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss", "predet"}}
    plural = tok.tag_ in {"NNS", "NNPS"} and tok.lower_ not in _PLURAL_OK
    if plural and not dets & _SPECIFIC_PLURAL:
        return None
    if dets & _DEFINITE and not any(c.dep_ == "compound" and c.ent_type_ for c in tok.children):
        if dets & _ORDINAL_DETS and any(c.dep_ == "amod" and (
                c.ent_type_ == "ORDINAL" or c.lower_ in _ORDINALS) for c in tok.children):
            return "primary"  # "the second 2+2 meeting": a new occurrence, not a reference
        return "anaphoric"
    return "primary"


def find_triggers(sent: Span) -> list[Trigger]:
    """All triggers of a sentence, in order."""
    found: list[Trigger] = []
    for tok in sent:
        trig = _classify(tok, sent)
        if trig is not None:
            found.append(trig)
    return found


def _classify(tok: Token, sent: Span) -> Trigger | None:
    pos = tok.pos_
    if pos in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        # most verbs are no trigger word: skip the parse walks for them
        lem = lemma(tok)
        return _verb_trigger(tok, lem, sent) if lem in _verb_words() else None
    if pos in {"NOUN", "PROPN"}:
        words = _noun_words()
        lem = lemma(tok)
        if lem in words or tok.lower_ in words:
            return _noun_trigger(tok, lem, sent)
    return None  # other words are no trigger: their lemma is not needed


@cache
def _verb_words() -> frozenset[str]:
    """Every lemma :func:`_verb_trigger` can make a trigger of."""
    return frozenset().union(
        SIGN_VERBS, AGREE_VERBS, REQUEST_VERBS, AID_VERBS, TRANSFER_VERBS, JOINT_VERBS,
        CONSULT_OPEN_VERBS, CONSULT_VERBS, CONSULT_WITH_VERBS, CONSULT_RECEIVE_VERBS,
        CONTENT_VERBS, _FOUND_VERBS, TRAIN_VERBS, _CALL_ON_VERBS)


@cache
def _noun_words() -> frozenset[str]:
    """Every word or lemma :func:`_noun_trigger` can make a trigger of."""
    return frozenset().union(CONSULT_NOUNS, COOPERATE_NOUNS, _OPERATION_NOUNS, AID_NOUNS,
                             _AID_OBJECT_NOUNS, _TRAINING_NOUNS, _REQUEST_NOUNS)


def _objects(tok: Token) -> set[str]:
    """Lemmas of what a verb acts on: the words just after it, its objects' subtrees
    (conjuncts included: "adopted a commitment ... along with a joint statement"), and a
    passive subject ("the partnership was signed")."""
    objs = {lemma(c) for c in tok.subtree if c.i > tok.i and c.i - tok.i <= 6}
    children = list(tok.children)
    if tok.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in children):
        # "the vessel was bought ... and was presented to": the first verb's passive subject
        children += [c for c in tok.head.children if c.dep_ == "nsubjpass"]
    for c in children:
        if c.dep_ in {"dobj", "obj", "nsubjpass", "attr", "oprd"}:
            objs |= {lemma(t) for t in c.subtree if t.pos_ in {"NOUN", "PROPN"}}
    return objs


def _verb_trigger(tok: Token, lem: str, sent: Span) -> Trigger | None:
    objs = _objects(tok)
    planned = _planned(tok, sent)
    if _negated(tok):
        return None
    if lem in SIGN_VERBS and objs & AGREE_NOUNS:
        if lem in _REACH_VERBS and not objs & _REACH_OBJECTS:
            return None
        if lem in _ADOPT_VERBS and not objs & _ADOPTABLE:
            return None
        mode = "signed" if lem in _SIGNATURE_VERBS else "verbal"
        return Trigger(tok, "AGREE", "primary", mode, planned)
    if lem in _SIGNATURE_VERBS and any(
            c.dep_ in {"dobj", "obj", "nsubjpass"} and lemma(c) in _SIGNED_OBJECTS
            for c in tok.children):
        # "signed a joint statement on border security"
        return Trigger(tok, "AGREE", "primary", "signed", planned)
    if lem in AGREE_VERBS and objs & AGREE_NOUNS and any(
            lemma(c) in _AGREE_COMPLEMENTS for c in tok.subtree):
        return Trigger(tok, "AGREE", "primary", "verbal", planned)
    if lem in AGREE_VERBS and any(
            c.dep_ == "prep" and c.lower_ in _AGREE_PREPS
            and any(lemma(g) in _ADOPTABLE and g.dep_ == "pobj" for g in c.children)
            for c in tok.children):
        # "agreed on a new framework", "agreed to a joint plan"
        return Trigger(tok, "AGREE", "primary", "verbal", planned)
    if lem in AGREE_VERBS and any(
            c.dep_ == "xcomp" and lemma(c) in _CREATE_VERBS
            and _objects(c) & (_CREATED | _FOUND_OBJECTS)
            for c in tok.children):
        # "agreed to renew their partnership", "agreed to set up a joint task force"
        return Trigger(tok, "AGREE", "primary", "verbal", planned)
    if lem in _FOUND_VERBS and objs & _FOUND_OBJECTS and not (
            tok.dep_ in {"xcomp", "ccomp"} and lemma(tok.head) in AGREE_VERBS | SIGN_VERBS):
        # not "agreed to set up a task force": that agreement is the event, told once
        return Trigger(tok, "AGREE", "primary", "verbal", planned)
    if lem in REQUEST_VERBS and objs & REQUEST_OBJECTS:
        return Trigger(tok, "REQUEST", "primary", None, planned)
    if lem in AID_VERBS and objs & AID_OBJECTS:
        return Trigger(tok, "AID", "primary", None, planned)
    if lem in TRANSFER_VERBS and (lem in _BARE_TRANSFER_VERBS or objs & _TRANSFER_OBJECTS):
        if lem in _HAND_VERBS and not objs & _HAND_OBJECTS:
            return None
        if _requested(tok):
            return None  # "asked the US to extradite him": the request is the event
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "for":
            return None  # "the memorandum provides for the exchange of data": a clause
        return Trigger(tok, "COOPERATE", "primary", None, planned)
    if lem in TRAIN_VERBS and objs & _TRAINEES:
        # "trained forty border officers": training delivered to another's officers
        return Trigger(tok, "COOPERATE", "primary", None, planned)
    if lem in JOINT_VERBS and (_JOINT.search(sent.text) or _forces_of_several(tok)):
        # "arrested ... with information provided by the DEA", "Peruvian and Bolivian police
        # arrested ...": a joint law-enforcement act
        return Trigger(tok, "COOPERATE", "primary", None, planned)
    if lem in CONSULT_OPEN_VERBS and objs & _OPEN_OBJECTS:
        # "launched a counternarcotics working group in Beijing": its first meeting
        return Trigger(tok, "CONSULT", "primary", _mode_cue(tok, sent), planned)
    if lem in CONSULT_VERBS:
        return Trigger(tok, "CONSULT", "primary", _mode_cue(tok, sent), planned)
    if lem in CONSULT_WITH_VERBS and any(c.lower_ in _WITH_PREPS for c in tok.children):
        return Trigger(tok, "CONSULT", "primary", _mode_cue(tok, sent), planned)
    if lem in CONSULT_RECEIVE_VERBS and any(
            c.dep_ in {"dobj", "obj"} and (c.ent_type_ == "PERSON" or c.lower_ in _VISITORS)
            for c in tok.children):
        # "received the Ambassador of the United States", "received his counterpart"
        return Trigger(tok, "CONSULT", "primary", None, planned)
    if lem in _CALL_ON_VERBS and _called_on_someone(tok):
        # "the Indian delegation called on the Home Minister": a courtesy call
        return Trigger(tok, "CONSULT", "primary", None, planned)
    if lem in CONTENT_VERBS:
        return Trigger(tok, "CONSULT", "content", None, planned)
    return None


_NATIONS = frozenset({"NORP", "GPE"})


def _forces_of_several(tok: Token) -> bool:
    """The verb's subject (or that of the verb it depends on: "police united to ...,
    arresting") coordinates two or more nations: "Peruvian and Bolivian police", "the
    police of Chile and Peru"."""
    t = tok
    for _ in range(3):
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return any(w.dep_ == "conj" and w.ent_type_ in _NATIONS
                       and w.head.ent_type_ in _NATIONS for w in subj.subtree)
        if t.dep_ not in {"advcl", "xcomp", "conj"} or t.head is t:
            return False
        t = t.head
    return False


def _called_on_someone(tok: Token) -> bool:
    """"called on the minister" (a visit), not "called on the minister to resign" (an
    appeal: a verb with its "to" in the verb's clause)."""
    def person(t: Token) -> bool:
        return t.ent_type_ == "PERSON" or t.lower_ in _VISITORS or lemma(t) in _VISITORS

    on = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"
          and any(g.dep_ == "pobj" and person(g) for g in c.children)]
    appeal = any(t.pos_ in {"VERB", "AUX"} and any(a.lower_ == "to" for a in t.children)
                 for t in tok.subtree if t is not tok)
    return bool(on) and not appeal


def _hypothetical(tok: Token) -> bool:
    """"a meeting ... could help", "a possible summit": not an event (yet)."""
    if any(c.dep_ == "amod" and c.lower_ in _HYPOTHETICAL for c in tok.children):
        return True
    head = tok.head if tok.dep_ in {"nsubj", "nsubjpass"} else None
    return head is not None and any(c.dep_ == "aux" and c.lower_ in _MODALS
                                    for c in head.children)


def _requested(tok: Token) -> bool:
    """The act a request asks for ("requested the extradition of", "asked X to extradite",
    "sought the handover"): part of the REQUEST event, not an act of its own."""
    t = tok
    for _ in range(3):
        if t.head is t or t.dep_ not in {"dobj", "obj", "xcomp", "ccomp", "pobj", "prep",
                                         "nsubjpass", "compound"}:
            return False
        t = t.head
        if lemma(t) in REQUEST_VERBS or (t.pos_ in {"NOUN", "PROPN"} and (
                lemma(t) in _REQUEST_NOUNS or t.lower_ in _REQUEST_NOUNS)):
            return True  # "the extradition request": the request is the event
    return False


def _request_noun(tok: Token) -> bool:
    """"the extradition request", "a request for assistance": a request whose object is
    a word of :data:`REQUEST_OBJECTS`."""
    for c in tok.children:
        if c.dep_ in {"compound", "amod"} and lemma(c) in REQUEST_OBJECTS:
            return True
        if c.dep_ == "prep" and c.lower_ in {"for", "of"} and any(
                g.dep_ == "pobj" and lemma(g) in REQUEST_OBJECTS for g in c.children):
            return True
    return False


def _noun_trigger(tok: Token, lem: str, sent: Span) -> Trigger | None:
    low = tok.lower_
    if _hypothetical(tok):
        return None
    if _negated(tok) or (tok.head is not tok and _negated(tok.head)):
        return None
    planned = _planned(tok, sent)
    if low in CONSULT_NOUNS or lem in CONSULT_NOUNS:
        if low in _FRAME_NOUNS and not _eventive(tok, low):
            return None
        role = _noun_role(tok)
        if role is None:
            return None
        if _governed_by_light_verb(tok) and role == "anaphoric" and lemma_of(tok.head) not in {
                "resume", "continue"}:
            role = "anaphoric"
        return Trigger(tok, "CONSULT", role, _mode_cue(tok, sent), planned)
    if lem in COOPERATE_NOUNS and _noun_role(tok) and not _requested(tok):
        return Trigger(tok, "COOPERATE", _noun_role(tok) or "primary", None, planned)
    if low in _OPERATION_NOUNS and (
            any(c.lower_ in _OPERATION_MODIFIERS for c in tok.children)
            or any(c.dep_ in {"compound", "appos"} and c.pos_ == "PROPN" and c.i > tok.i
                   for c in tok.children)  # "Operation Trojan Shield"
            or lemma(tok.head) in _OPERATION_HEADS):
        return Trigger(tok, "COOPERATE", _noun_role(tok) or "primary", None, planned)
    if (low in _TRAINING_NOUNS or lem in _TRAINING_NOUNS) and _noun_role(tok) and any(
            lemma(t) in _TRAINEES or t.lower_ in _TRAINEES for t in tok.subtree if t.i > tok.i):
        # "a two-week course for police officers": training delivered
        return Trigger(tok, "COOPERATE", _noun_role(tok) or "primary", None, planned)
    if (low in _REQUEST_NOUNS or lem in _REQUEST_NOUNS) and _request_noun(tok):
        submitted = tok.dep_ in {"dobj", "obj"} and lemma(tok.head) in _SUBMIT_VERBS
        role = "primary" if submitted else _noun_role(tok)
        if role is not None:
            return Trigger(tok, "REQUEST", role, None, planned)
    if (low in AID_NOUNS or lem in AID_NOUNS) and _noun_role(tok):
        return Trigger(tok, "AID", _noun_role(tok) or "primary", None, planned)
    if (low in _AID_OBJECT_NOUNS or lem in _AID_OBJECT_NOUNS) and _noun_role(tok) and any(
            lemma(t) in AID_OBJECTS for t in tok.subtree if t.i > tok.i):
        # "took delivery of a patrol vessel", "the presentation of ten vehicles"
        return Trigger(tok, "AID", _noun_role(tok) or "primary", None, planned)
    return None


def _eventive(tok: Token, low: str) -> bool:
    """Ambiguous nouns are events only in event frames ("the exchange took place", "a call")."""
    if low == "exchange":
        return not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) and (
            any(lemma_of(t) in _EXCHANGE_CUES for t in tok.head.subtree)
            or tok.dep_ in {"nsubj", "nsubjpass"})
    if low == "call":
        return any(c.lower_ in _CALL_CUES for c in tok.children)
    if low == "conference":
        # a meeting unless a press, news or donors' conference
        return not any(c.lower_ in _CONFERENCE_EXCLUSIONS and c.dep_ in {"compound", "amod"}
                       for c in tok.children) or any(c.lower_ in _CONFERENCE_CUES
                                                     for c in tok.children)
    if low in {"session", "round"}:
        return any(c.lower_ in _SESSION_CUES for c in tok.children)
    if low in {"trip", "tour", "audience", "bilateral"}:
        return any(c.lower_ in _TRIP_CUES for c in tok.children)
    return True


def _governed_by_light_verb(tok: Token) -> bool:
    return tok.dep_ in {"dobj", "obj", "nsubjpass"} and lemma(tok.head) in _LIGHT
