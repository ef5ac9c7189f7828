"""Relevance gate: a cheap test, before spaCy, of whether a page can hold a cooperation event.

Every event summitry extracts needs a trigger word (met, talks, visit, agreement, signed,
extradited, donated, ...) and two governments, which the text names as countries,
demonyms, international organisations or office titles. So a page passes when its
article text has

* at least one trigger word (one trie-shaped compiled regex, linear in the text), and
* at least two distinct countries/organisations, or one plus a word that implies a
  second party ("his counterpart", "the delegation", "both countries", "ambassador"),
  or one plus two office titles ("President X met Mexican President Y": the actor
  store, not the gate, knows X is American).

Pages that fail never reach the parser. On the dev pages and the bundled examples the
gate's recall on pages with an event is 1.0 (a test checks it); ``bench/run.py`` reports
its drop rate on ordinary news.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from summitry import gazetteer

TRIGGER_WORDS = (
    "meet", "meets", "met", "meeting", "meetings", "talk", "talks", "talked", "dialogue",
    "dialog", "visit", "visits", "visited", "visiting", "summit", "conference", "call",
    "called", "phone", "telephone", "spoke", "speak", "videoconference", "video conference",
    "virtual", "virtually", "telematic", "hosted", "host", "received", "receives", "receive",
    "convened", "conferred", "consultations", "negotiations", "negotiated", "agreement",
    "agreements", "agreed", "agree", "memorandum", "accord", "treaty", "pact", "deal",
    "framework", "declaration", "signed", "sign", "signs", "signing", "inked", "adopted",
    "roadmap", "protocol", "extradited", "extradition", "extradite", "extradites",
    "handed over", "deported", "joint operation", "operation", "donated", "donate",
    "donates", "donation", "delivered", "deliver", "delivers", "provided", "provide",
    "provides", "providing", "granted", "grant", "pledged", "pledge", "funding", "aid",
    "assistance", "requested", "request", "urged", "trip", "bilateral", "reunion",
    "cooperation", "co-operation", "partnership", "launched", "launch", "launches",
    "inaugurated", "resumed", "working group", "arrested", "seized", "dismantled",
    "asked", "asks", "ask", "urges",
)
TRIGGER_STEMS = (
    "meet", "met", "talk", "dialog", "visit", "summit", "conferen", "call", "phon",
    "telephon", "spok", "speak", "video", "virtual", "telematic", "host", "receiv", "conven",
    "confer", "consult", "negotiat", "agree", "memorand", "accord", "treat", "pact", "deal",
    "framework", "declar", "sign", "inked", "adopt", "roadmap", "protocol", "extradit",
    "handed over", "hand over", "handing over", "deport", "operation", "donat", "deliver",
    "provid", "grant", "pledg", "fund", "aid", "assist", "request", "ask", "urg", "trip",
    "bilateral", "reunion", "cooperat", "co-operat", "partner", "seiz", "arrest",
    "dismantl", "repatriat", "transfer", "financ", "allocat", "gave", "give", "tour",
    "travel", "welcom", "gather",
)
# with only one country named, a word that implies a second party
TITLE_WORDS = (
    "counterpart", "counterparts", "delegation", "delegations", "ambassador", "ambassadors",
    "envoy", "embassy", "bilateral", "foreign", "visiting", "both countries",
    "two countries", "both nations", "two nations", "neighbours", "neighbors",
)


# office titles: with one country named, two of them can be two governments meeting
# ("President Donald Trump met Mexican President Claudia Sheinbaum")
OFFICE_WORDS = (
    "president", "prime minister", "minister", "secretary", "chancellor", "premier",
    "attorney general", "king", "emir", "foreign minister", "commissioner",
)


@dataclass(frozen=True, slots=True)
class GateResult:
    passed: bool
    triggers: int
    countries: frozenset[str]
    titles: int
    reason: str


@lru_cache(maxsize=1)
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    trig = re.compile(r"\b" + gazetteer.trie_regex(TRIGGER_WORDS) + r"\b", re.IGNORECASE)
    title = re.compile(r"\b" + gazetteer.trie_regex(TITLE_WORDS) + r"\b", re.IGNORECASE)
    office = re.compile(r"\b" + gazetteer.trie_regex(OFFICE_WORDS) + r"\b", re.IGNORECASE)
    return trig, title, office


#: an event word and the governments it involves are told close together
WINDOW = 400


def _two_near_an_event_word(hits: list[int], countries: list[gazetteer.CountryMention]) -> bool:
    """Whether some event word has two different countries within WINDOW characters.
    Linear after sorting: ``diff[i]`` is the first later mention of another country."""
    starts = [c.start for c in countries]
    codes = [c.code for c in countries]
    diff = [len(codes)] * len(codes)
    for i in range(len(codes) - 2, -1, -1):
        diff[i] = i + 1 if codes[i + 1] != codes[i] else diff[i + 1]
    for h in hits:
        lo = bisect.bisect_left(starts, h - WINDOW)
        hi = bisect.bisect_right(starts, h + WINDOW)
        if lo < hi and diff[lo] < hi:
            return True
    return False


def _codes_near(hits: list[int], countries: list[gazetteer.CountryMention]) -> frozenset[str]:
    starts = [c.start for c in countries]
    for h in hits:
        lo = bisect.bisect_left(starts, h - WINDOW)
        if lo < len(starts) and starts[lo] <= h + WINDOW:
            return frozenset({countries[lo].code})
    return frozenset()


def check(text: str) -> GateResult:
    """Whether ``text`` (a page's article text) may hold a cooperation event."""
    trig, title, office = _regexes()
    hits = [m.start() for m in trig.finditer(text)]
    n_trig = len(hits)
    if not n_trig:
        return GateResult(False, 0, frozenset(), 0, "no event word")
    countries = gazetteer.find_countries(text)
    codes = frozenset(c.code for c in countries)
    if len(codes) >= 2 and not _two_near_an_event_word(hits, countries):
        # two governments on the page, but never near an event word: judge by the
        # windows, where a second party must then be named another way
        codes = _codes_near(hits, countries)
    n_titles = sum(1 for _ in title.finditer(text)) if len(codes) == 1 else 0
    if len(codes) >= 2:
        return GateResult(True, n_trig, codes, n_titles, "event word and two governments")
    if codes and n_titles:
        return GateResult(True, n_trig, codes, n_titles,
                          "event word, a country and a second party")
    if codes and sum(1 for _ in office.finditer(text)) >= 2:
        return GateResult(True, n_trig, codes, n_titles,
                          "event word, a country and two office holders")
    return GateResult(False, n_trig, codes, n_titles,
                      "no second government" if codes else "no country named")
