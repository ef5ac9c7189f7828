"""Relevance gate: a cheap test, before spaCy, of whether a page can hold a cooperation event.

Every event summitry extracts needs a trigger word (met, talks, visit, agreement, signed,
extradited, donated, ...) and two governments, which the text names as countries,
demonyms, international organisations or office titles, and a report tells the act and
its parties in one sentence ("Spain and Morocco signed ...", "X met his Mexican
counterpart"). So a page passes when its article text has

* a sentence with an event word and two distinct countries/organisations, or
* a sentence with an event word and one country, and in such a sentence a word that
  implies a second party ("his counterpart", "the delegation", "both countries",
  "extradited"), or in such sentences two office titles of people holding them
  ("President X met Mexican President Y": the actor store, not the gate, knows X is
  American; "the former president" holds no office).

The event words are derived from the lexicon (``data/lexicon.toml``): every form of every
trigger verb and noun the extractor reads, plus ``gate.extra_words``, so that any word the
extractor knows passes the gate. Everything is a compiled regex or a bisect: linear in the
text. Pages that fail never reach the parser.

Cleaning a page (:mod:`summitry.clean`, about 15 ms) costs several times this test, and
most news pages fail it, so :func:`precheck` first asks the same on the uncleaned text
with blocks between blank lines for sentences: a necessary condition of :func:`check`
on the cleaned text (see there), so a page it rejects is not cleaned at all.
``bench/gate_figures.py`` measures the pass rate on real ordinary news and the recall on
the real, train and dev event pages.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from summitry import gazetteer, lexicon


def event_words() -> tuple[str, ...]:
    """Every event word: all forms of the lexicon's trigger verbs and nouns (the families
    the extractor reads, so any word it knows passes) plus the ``gate.extra_words``."""
    return lexicon.load().event_words()


def second_party_words() -> tuple[str, ...]:
    """With only one country named, a word that implies a second party."""
    return lexicon.load().entries("gate.second_party")


def office_words() -> tuple[str, ...]:
    """Office titles: with one country named, two of them can be two governments meeting
    ("President Donald Trump met Mexican President Claudia Sheinbaum")."""
    return lexicon.load().entries("gate.offices")


@dataclass(frozen=True, slots=True)
class GateResult:
    passed: bool
    triggers: int
    countries: frozenset[str]
    titles: int
    reason: str


def past_office_words() -> tuple[str, ...]:
    """Words before an office title that say its holder no longer holds it ("former")."""
    return lexicon.load().entries("gate.past_offices")


@lru_cache(maxsize=1)
def _past_office() -> re.Pattern[str]:
    """The end of a text that puts the office title after it in the past: a past word,
    then up to three words of a title ("the then finance minister", "ex-president")."""
    lex = lexicon.load()
    title_words = gazetteer.trie_regex(lex.entries("titles.office_words"))
    return re.compile(r"\b" + gazetteer.trie_regex(past_office_words())
                      + r"[\s-]+(?:" + title_words + r"\s+){0,3}\Z", re.IGNORECASE)


@lru_cache(maxsize=1)
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    trig = re.compile(r"\b" + gazetteer.trie_regex(event_words()) + r"\b", re.IGNORECASE)
    title = re.compile(r"\b" + gazetteer.trie_regex(second_party_words()) + r"\b",
                       re.IGNORECASE)
    office = re.compile(r"\b" + gazetteer.trie_regex(office_words()) + r"\b", re.IGNORECASE)
    return trig, title, office


# a sentence ends at . ! ? (and closing quotes) before a capital, a digit or an opening
# quote, or at a blank line; not after an abbreviation ("U.S.", "Gen.", "Mr.")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'’”)\]]*\s+(?=[\"'‘“(\[]?[A-Z0-9])|\n\s*\n")
_WORD_BEFORE = re.compile(r"(\S+)\Z")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return lexicon.load().words("gate.abbreviations")


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of ``text`` start (the first is 0), in order."""
    starts = [0]
    abbrev = _abbreviations()
    for m in _BOUNDARY.finditer(text):
        if text[m.start() - 1:m.start()] == "." and m.group(0).count("\n") < 2:
            word = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            w = word.group(1).lower().lstrip("\"'‘“([").rstrip(".") if word else ""
            if w in abbrev or re.fullmatch(r"(?:\w\.)*\w", w):
                continue  # "U.S. President", "Gen. Smith", "J. Smith": not an end
        starts.append(m.end())
    return starts


def _event_sentence_codes(hits: list[int], countries: list[gazetteer.CountryMention],
                          starts: list[int]) -> dict[int, set[str]]:
    """The codes named in each sentence that has an event word, by sentence index."""
    event_sents = {bisect.bisect_right(starts, h) - 1 for h in hits}
    codes: dict[int, set[str]] = {i: set() for i in event_sents}
    for c in countries:
        i = bisect.bisect_right(starts, c.start) - 1
        if i in codes:
            codes[i].add(c.code)
    return codes


def check(text: str) -> GateResult:
    """Whether ``text`` (a page's article text) may hold a cooperation event."""
    trig, title, office = _regexes()
    hits = [m.start() for m in trig.finditer(text)]
    n_trig = len(hits)
    if not n_trig:
        return GateResult(False, 0, frozenset(), 0, "no event word")
    countries = gazetteer.find_countries(text)
    if not countries:
        return GateResult(False, n_trig, frozenset(), 0, "no country named")
    starts = sentence_starts(text)
    per_sentence = _event_sentence_codes(hits, countries, starts)
    codes = frozenset(c for cs in per_sentence.values() for c in cs)
    if any(len(cs) >= 2 for cs in per_sentence.values()):
        return GateResult(True, n_trig, codes, 0, "event word and two governments")
    if not codes:
        return GateResult(False, n_trig, codes, 0, "no country named with an event word")
    # one government named: the act, its country and the second party in one sentence
    # (or the two office holders in the sentences that tell the act and a country); two
    # governments in different sentences of acts ("Ugandan commanders arrived ...",
    # "the Kenyan police chief met the visitors"): the second-party word anywhere
    told = {i for i, cs in per_sentence.items() if cs}
    if len(codes) >= 2:
        told = set(range(len(starts)))

    def in_told(start: int) -> bool:
        return bisect.bisect_right(starts, start) - 1 in told

    n_titles = sum(1 for m in title.finditer(text) if in_told(m.start()))
    if n_titles:
        return GateResult(True, n_trig, codes, n_titles,
                          "event word, a country and a second party")
    past = _past_office()
    n_offices = sum(1 for m in office.finditer(text) if in_told(m.start())
                    and not past.search(text, max(0, m.start() - 80), m.start()))
    if n_offices >= 2:
        return GateResult(True, n_trig, codes, n_titles,
                          "event word, a country and two office holders")
    return GateResult(False, n_trig, codes, n_titles, "no second government")


_BLANK_LINE = re.compile(r"\n\s*\n")


def precheck(text: str) -> bool:
    """Whether ``text``, a page's uncleaned text, may pass :func:`check` once cleaned.

    Cleaning only masks: whole paragraphs (and date stamps) become spaces, newlines
    stay. So a blank line of ``text`` is a blank line of the cleaned text, and a sentence
    of :func:`check` never crosses a blank line: each lies inside one block of ``text``
    between blank lines, and every event word, country or title it holds is in ``text``
    too. This is :func:`check` with blocks for sentences, the country aliases'
    context rules left out (:func:`gazetteer.country_candidates`) and past office
    titles ("the former president") counted: it may pass pages
    :func:`check` drops, never the reverse, so the pipeline cleans only the pages it
    passes and loses none the gate keeps.
    """
    trig, title, office = _regexes()
    hits = [m.start() for m in trig.finditer(text)]
    if not hits:
        return False
    countries = gazetteer.country_candidates(text)
    if not countries:
        return False
    starts = [0, *(m.end() for m in _BLANK_LINE.finditer(text))]
    codes: dict[int, set[str]] = {bisect.bisect_right(starts, h) - 1: set() for h in hits}
    for start, code in countries:
        block = codes.get(bisect.bisect_right(starts, start) - 1)
        if block is not None:
            block.add(code)
    if any(len(cs) >= 2 for cs in codes.values()):
        return True
    told = {i for i, cs in codes.items() if cs}
    if not told:
        return False
    if len(set().union(*codes.values())) >= 2:
        told = set(range(len(starts)))  # as in check: the word anywhere

    def in_told(start: int) -> bool:
        return bisect.bisect_right(starts, start) - 1 in told

    # the second party (or the offices, past ones too) in a block with the act and a country
    return (any(in_told(m.start()) for m in title.finditer(text))
            or sum(1 for m in office.finditer(text) if in_told(m.start())) >= 2)
