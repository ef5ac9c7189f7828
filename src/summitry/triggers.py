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

from spacy.tokens import Span, Token

CONSULT_VERBS = frozenset({"meet", "talk", "confer", "visit", "host", "convene", "telephone",
                           "phone", "videoconference", "speak", "receive", "hold_talks"})
CONSULT_NOUNS = frozenset({
    "meeting", "talks", "dialogue", "dialog", "videoconference", "videocall", "call",
    "conversation", "visit", "summit", "reunion", "conference", "consultation",
    "consultations", "encounter", "exchange", "session", "round", "negotiations",
    "videoconferencing", "teleconference", "audience", "bilateral", "trip", "tour",
})
CONTENT_VERBS = frozenset({"discuss", "address", "review", "exchange", "examine", "analyze",
                           "analyse", "deal", "look", "explore", "tackle", "agree"})
AGREE_NOUNS = frozenset({
    "agreement", "memorandum", "mou", "treaty", "accord", "convention", "protocol",
    "declaration", "plan", "deal", "pact", "arrangement", "letter", "charter", "roadmap",
    "framework",
})
# what one "adopts" or "agrees on" when it is an agreement (not "adopted measures")
_ADOPTABLE = frozenset({"agreement", "accord", "deal", "memorandum", "treaty", "framework",
                        "declaration", "roadmap", "protocol", "charter", "pact", "plan",
                        "commitment", "principles", "statement"})
# "agreed to set up a joint task force": an agreement that creates something
_CREATE_VERBS = frozenset({"establish", "create", "set", "launch", "renew", "form", "extend",
                           "strengthen", "sign", "adopt", "open", "deploy", "share"})
_CREATED = frozenset({"partnership", "mechanism", "group", "force", "taskforce", "team",
                      "centre", "center", "committee", "commission", "channel", "hotline",
                      "unit", "framework", "agreement", "memorandum", "protocol", "programme",
                      "program", "patrols", "cooperation", "dialogue", "office"})
SIGN_VERBS = frozenset({"sign", "ink", "initial", "seal", "conclude", "adopt", "reach", "finalize",
                        "finalise", "approve", "ratify"})
COOPERATE_VERBS = frozenset({"extradite", "dismantle", "arrest", "seize", "train", "deport",
                             "repatriate", "hand", "transfer", "deliver"})
COOPERATE_NOUNS = frozenset({"extradition", "operation", "handover", "deportation"})
AID_VERBS = frozenset({"donate", "grant", "fund", "finance", "provide", "deliver", "give",
                       "allocate", "pledge", "hand"})
AID_OBJECTS = frozenset({"equipment", "vehicles", "vehicle", "boats", "boat", "aircraft",
                         "helicopters", "helicopter", "drones", "scanners", "funds", "funding",
                         "million", "billion", "grant", "donation", "assistance", "aid",
                         "computers", "radios", "uniforms", "dollars", "euros", "$", "€"})
REQUEST_VERBS = frozenset({"request", "ask", "urge", "petition"})
REQUEST_OBJECTS = frozenset({"extradition", "extradite", "assistance", "help", "support",
                             "cooperation", "handover", "return"})

VIRTUAL_CUES = ("videoconference", "video conference", "video call", "videocall", "virtual",
                "telematic", "online", "by video", "video link", "teleconference",
                "videoconferencing", "zoom")
PHONE_CUES = ("phone", "telephone", "by phone", "phone call", "telephone call", "called")
_VISITORS = frozenset({"ambassador", "minister", "secretary", "delegation", "envoy",
                       "counterpart", "president", "commissioner", "director", "chief",
                       "mission", "representatives", "officials", "head", "attaché",
                       "chancellor", "premier", "king", "queen", "prince", "emir"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her",
                       "our", "your", "such"})
_PLURAL_OK = frozenset({"talks", "consultations", "negotiations"})
_LIGHT = frozenset({"hold", "have", "conduct", "take", "participate", "attend", "begin",
                    "start", "open", "resume", "continue", "conclude", "end", "wrap", "join",
                    "make", "pay", "chair", "host", "organize", "organise", "launch", "carry"})


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
    lem = tok.lemma_.lower() if tok.lemma_ else ""
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
    return prev is not None and prev.lower_ in {"not", "never", "without"}


def _planned(tok: Token, sent: Span) -> bool:
    """Future or announced: "will meet", "is scheduled to visit", "next week", "upcoming"."""
    if tok.tag_ == "VB" and tok.dep_ == "ROOT" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True  # headline style: "Harris to visit Guatemala and Mexico"
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        chain = [a.lemma_.lower() for a in list(tok.ancestors)[:3]]
        if any(w in {"schedule", "expect", "plan", "intend", "due", "set"} for w in chain):
            return True  # "is scheduled to meet ... on Monday"
    window = [t.lower_ for t in sent if abs(t.i - tok.i) <= 6]
    future = {"will", "shall", "scheduled", "expected", "plans", "plan", "planned", "upcoming",
              "forthcoming", "next", "future", "'ll", "going", "tomorrow", "to-be", "intends"}
    if tok.pos_ == "VERB" and tok.tag_ in {"VB"} and any(
            c.lower_ in {"will", "shall", "'ll"} for c in tok.children):
        return True
    if tok.tag_ == "VB" and any(c.lower_ == "would" for c in tok.children) and not any(
            c.lower_ == "have" for c in tok.children) and any(
            a.lemma_.lower() in {"say", "announce", "confirm", "tell", "state", "add"}
            for a in tok.ancestors):
        return True  # reported future: "said ... ministers would meet in Calais on Sunday"
    if any(a.lemma_.lower() in {"schedule", "expect", "plan", "intend", "due"}
           for a in list(tok.ancestors)[:5]):
        return True  # "scheduled to meet X ... and then fly to Mexico City for talks"
    if tok.pos_ in {"NOUN", "PROPN"}:
        return bool(future & set(window)) and not any(
            t.tag_ in {"VBD", "VBN"} and t.i == tok.head.i for t in sent)
    return any(c.lower_ in {"will", "shall", "'ll"} for c in tok.children) or (
        "scheduled" in window or "upcoming" in window)


_PHONE_PHRASES = ("by phone", "by telephone", "phone call", "telephone call",
                  "telephone conversation", "phone conversation", "phone talks",
                  "telephone talks", "over the phone", "on the phone", "telephone exchange")
_JOINT = re.compile(r"\b(in (close )?(cooperation|coordination|collaboration) with|with (the )?"
                    r"(support|help|assistance) (of|from)|with information (provided|from|"
                    r"shared)|jointly with|together with|in a joint|thanks to (information|"
                    r"intelligence))\b", re.IGNORECASE)


def _mode_cue(tok: Token, sent: Span) -> str | None:
    text = sent.text.lower()
    if any(cue in text for cue in VIRTUAL_CUES):
        return "virtual"
    if any(cue in text for cue in _PHONE_PHRASES) and lemma(tok) in {
            "conversation", "call", "talk", "talks", "speak", "exchange", "discuss", "hold"} | {
            "meet", "meeting", "contact", "dialogue"}:
        return "phone"
    if any(cue in tok.lower_ for cue in ("phone", "telephone")) or (
            lemma(tok) in {"call", "speak"} and any(c in text for c in PHONE_CUES)):
        return "phone"
    return None


def _noun_role(tok: Token) -> str | None:
    """primary / anaphoric for a trigger noun, or None when it is generic (bare plural)."""
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss", "predet"}}
    plural = tok.tag_ in {"NNS", "NNPS"} and tok.lower_ not in _PLURAL_OK
    if plural and not dets & {"the", "these", "those"}:
        return None
    if dets & _DEFINITE and not any(c.dep_ == "compound" and c.ent_type_ for c in tok.children):
        if dets & {"the", "a", "an"} and any(c.dep_ == "amod" and (
                c.ent_type_ == "ORDINAL" or c.lower_ in {
                "first", "second", "third", "fourth", "fifth", "inaugural", "latest", "next",
                "annual", "sixth", "seventh", "eighth", "ninth", "tenth"})
               for c in tok.children):
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
    lem = lemma(tok)
    pos = tok.pos_
    if pos in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        return _verb_trigger(tok, lem, sent)
    if pos in {"NOUN", "PROPN"}:
        return _noun_trigger(tok, lem, sent)
    return None


def _objects(tok: Token) -> set[str]:
    """Lemmas of what a verb acts on: the words just after it, its objects' subtrees
    (conjuncts included: "adopted a commitment ... along with a joint statement"), and a
    passive subject ("the partnership was signed")."""
    objs = {lemma(c) for c in tok.subtree if c.i > tok.i and c.i - tok.i <= 6}
    for c in tok.children:
        if c.dep_ in {"dobj", "obj", "nsubjpass", "attr", "oprd"}:
            objs |= {lemma(t) for t in c.subtree if t.pos_ in {"NOUN", "PROPN"}}
    return objs


def _verb_trigger(tok: Token, lem: str, sent: Span) -> Trigger | None:
    objs = _objects(tok)
    planned = _planned(tok, sent)
    if _negated(tok):
        return None
    if lem in SIGN_VERBS and objs & AGREE_NOUNS:
        if lem in {"reach", "conclude"} and not objs & {"agreement", "accord", "deal",
                                                         "memorandum", "treaty"}:
            return None
        if lem == "adopt" and not objs & _ADOPTABLE:
            return None
        mode = "signed" if lem in {"sign", "ink", "initial", "seal"} else "verbal"
        return Trigger(tok, "AGREE", "primary", mode, planned)
    if lem == "agree" and objs & AGREE_NOUNS and any(
            lemma(c) in {"sign", "establish", "create", "adopt"} for c in tok.subtree):
        return Trigger(tok, "AGREE", "primary", "verbal", planned)
    if lem == "agree" and any(
            c.dep_ == "prep" and c.lower_ in {"on", "upon", "to"}
            and any(lemma(g) in _ADOPTABLE and g.dep_ == "pobj" for g in c.children)
            for c in tok.children):
        # "agreed on a new framework", "agreed to a joint plan"
        return Trigger(tok, "AGREE", "primary", "verbal", planned)
    if lem == "agree" and any(
            c.dep_ == "xcomp" and lemma(c) in _CREATE_VERBS and _objects(c) & _CREATED
            for c in tok.children):
        # "agreed to renew their partnership", "agreed to set up a joint task force"
        return Trigger(tok, "AGREE", "primary", "verbal", planned)
    if lem in REQUEST_VERBS and objs & REQUEST_OBJECTS:
        return Trigger(tok, "REQUEST", "primary", None, planned)
    if lem in AID_VERBS and objs & AID_OBJECTS:
        return Trigger(tok, "AID", "primary", None, planned)
    if lem in {"extradite", "hand", "transfer", "deliver"} and (
            lem == "extradite" or objs & {"information", "intelligence", "over", "data",
                                          "fugitive", "suspect", "suspects"}):
        if lem == "hand" and not objs & {"over", "information", "intelligence"}:
            return None
        return Trigger(tok, "COOPERATE", "primary", None, planned)
    if lem in {"arrest", "seize", "dismantle", "capture", "detain", "raid", "bust"} and \
            _JOINT.search(sent.text):
        # "arrested ... with information provided by the DEA": a joint law-enforcement act
        return Trigger(tok, "COOPERATE", "primary", None, planned)
    if lem in {"launch", "inaugurate", "open", "convene", "resume"} and objs & {
            "group", "dialogue", "dialog", "talks", "mechanism", "consultations", "session",
            "round", "negotiations", "meeting", "commission"}:
        # "launched a counternarcotics working group in Beijing": its first meeting
        return Trigger(tok, "CONSULT", "primary", _mode_cue(tok, sent), planned)
    if lem in {"meet", "confer", "visit", "host", "convene", "telephone", "phone"}:
        return Trigger(tok, "CONSULT", "primary", _mode_cue(tok, sent), planned)
    if lem in {"speak", "talk"} and any(c.lower_ in {"with", "by"} for c in tok.children):
        return Trigger(tok, "CONSULT", "primary", _mode_cue(tok, sent), planned)
    if lem == "receive" and any(
            c.dep_ in {"dobj", "obj"} and (c.ent_type_ == "PERSON" or c.lower_ in _VISITORS)
            for c in tok.children):
        # "received the Ambassador of the United States", "received his counterpart"
        return Trigger(tok, "CONSULT", "primary", None, planned)
    if lem in CONTENT_VERBS:
        return Trigger(tok, "CONSULT", "content", None, planned)
    return None


_HYPOTHETICAL = frozenset({"possible", "potential", "proposed", "hypothetical", "eventual",
                          "prospective", "mooted"})


def _hypothetical(tok: Token) -> bool:
    """"a meeting ... could help", "a possible summit": not an event (yet)."""
    if any(c.dep_ == "amod" and c.lower_ in _HYPOTHETICAL for c in tok.children):
        return True
    head = tok.head if tok.dep_ in {"nsubj", "nsubjpass"} else None
    return head is not None and any(c.dep_ == "aux" and c.lower_ in {
        "could", "might", "may", "would", "should"} for c in head.children)


def _noun_trigger(tok: Token, lem: str, sent: Span) -> Trigger | None:
    low = tok.lower_
    if _hypothetical(tok):
        return None
    if _negated(tok) or (tok.head is not tok and _negated(tok.head)):
        return None
    planned = _planned(tok, sent)
    if low in CONSULT_NOUNS or lem in CONSULT_NOUNS:
        if low in {"exchange", "round", "session", "call", "conference", "trip", "tour",
                   "bilateral", "audience", "plan"} and not _eventive(tok, low):
            return None
        role = _noun_role(tok)
        if role is None:
            return None
        if _governed_by_light_verb(tok) and role == "anaphoric" and tok.head.lemma_ not in {
                "resume", "continue"}:
            role = "anaphoric"
        return Trigger(tok, "CONSULT", role, _mode_cue(tok, sent), planned)
    if lem in {"extradition", "handover"} and _noun_role(tok):
        return Trigger(tok, "COOPERATE", _noun_role(tok) or "primary", None, planned)
    if low == "operation" and (
            any(c.lower_ in {"joint", "combined", "binational", "multinational", "coordinated",
                             "international", "transnational", "bilateral"}
                for c in tok.children)
            or any(c.dep_ in {"compound", "appos"} and c.pos_ == "PROPN" and c.i > tok.i
                   for c in tok.children)  # "Operation Trojan Shield"
            or lemma(tok.head) in {"coordinate", "lead", "support", "conduct"}):
        return Trigger(tok, "COOPERATE", _noun_role(tok) or "primary", None, planned)
    if low in {"donation", "donations"} and _noun_role(tok):
        return Trigger(tok, "AID", _noun_role(tok) or "primary", None, planned)
    return None


def _eventive(tok: Token, low: str) -> bool:
    """Ambiguous nouns are events only in event frames ("the exchange took place", "a call")."""
    if low == "exchange":
        return not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) and (
            any(t.lemma_ in {"take", "place", "hold", "conclude"} for t in tok.head.subtree)
            or tok.dep_ in {"nsubj", "nsubjpass"})
    if low == "call":
        return any(c.lower_ in {"phone", "telephone", "video", "conference"}
                   for c in tok.children) or any(
            c.lower_ == "with" for c in tok.children)
    if low == "conference":
        # a meeting unless a press, news or donors' conference
        return not any(c.lower_ in {"press", "news", "academic", "scientific", "donors",
                                    "pledging", "ministerial"} and c.dep_ in {"compound", "amod"}
                       for c in tok.children) or any(c.lower_ == "ministerial"
                                                     for c in tok.children)
    if low in {"session", "round"}:
        return any(c.lower_ in {"video", "talks", "negotiations", "with", "of"}
                   for c in tok.children)
    if low in {"trip", "tour", "audience", "bilateral"}:
        return any(c.lower_ in {"to", "with"} for c in tok.children)
    return True


def _governed_by_light_verb(tok: Token) -> bool:
    return tok.dep_ in {"dobj", "obj", "nsubjpass"} and lemma(tok.head) in _LIGHT
