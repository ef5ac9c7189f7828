"""People: title + name constructions, per-document aliases, knowledge-base lookup.

spaCy's small English model swallows names into organisations ("Secretary of State
for National Security Alejandro Mayorkas" is one ORG) and gives lone surnames
unstable labels. This module finds people with three signals:

1. title + name patterns ("U.S. Homeland Security Secretary Janet Napolitano",
   "the Minister of the Interior, Francisco Jiménez", "Secretary Mayorkas"): the
   title is a head word (Minister, Secretary, ...) extended over a closed
   vocabulary of office words, so the name that follows is never eaten by the title;
2. spaCy PERSON entities of two or more words;
3. a per-document alias step: every later capitalised word that equals (or, with
   rapidfuzz, nearly equals) the surname of a full name is that person
   ("Mayorkas", misspelled "Maryorkas").

Names are then canonicalised against the curated actor store when it knows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from summitry import gazetteer, lexicon
from summitry.actors import Actor, ActorStore
from summitry.names import fold

_LEX = lexicon.load()
# office titles come from data/lexicon.toml (titles.*); a space in a head also matches "-"
_HEAD = "|".join(re.escape(h).replace(r"\ ", "[- ]")
                 for h in sorted(_LEX.entries("titles.heads"), key=len, reverse=True))
_COUNTERPART = re.compile(r"\bcounterparts?\b", re.IGNORECASE)
_HEAD_RX = re.compile(rf"\b(?:{_HEAD})\b", re.IGNORECASE)
_LOWERCASE_HEADS = _LEX.words("titles.lowercase_heads")

# Words that may appear inside an office title (never inside a person's name).
OFFICE_WORDS = _LEX.words("titles.office_words")
# modifiers before a title that are not part of it ("former minister")
_TITLE_MODIFIERS = _LEX.words("titles.modifiers")
_CONNECT = frozenset({"of", "for", "the", "and", "&", "on", "to", "in"})
_PARTICLES = frozenset({"de", "del", "la", "da", "das", "do", "dos", "van", "von", "der",
                        "den", "bin", "ibn", "al", "el", "y", "di", "le", "du"})
# words that never start or continue a name ("the", "said", "Monday"): titles.not_name_words
_NOT_NAME = _LEX.words("titles.not_name_words")
# a name may go on after these words' full stop ("Martin King Jr. Smith" is rare, "St." not)
_ABBREVIATIONS = frozenset(["jr", "sr", "st", "mt", "ft"])
# forms of address a name starts after ("Hon. Ana Ruiz")
_HONORIFICS = _LEX.words("titles.honorifics")
# letters after a name, not part of it ("Ana Ruiz MP")
_POSTNOMINALS = _LEX.words("titles.postnominals")


def _postnominal(token: str) -> bool:
    bare = token.strip(".,")
    return (bare.isupper() or bare in {"PhD", "Esq"}) and fold(bare) in _POSTNOMINALS


def strip_postnominals(start: int, end: int, text: str) -> int:
    """The end of the name ``text[start:end]`` without trailing post-nominal letters."""
    words = text[start:end].split(" ")
    while len(words) > 2 and _postnominal(words[-1]):
        words.pop()
    return start + len(" ".join(words))
def _honorific(token: str) -> bool:
    return fold(re.sub(r"\(.*$", "", token).strip(".,")) in _HONORIFICS


def strip_honorifics(start: int, end: int, text: str) -> tuple[int, int]:
    """The name ``text[start:end]`` without the forms of address or ranks the tagger took
    into it: before it ("Col Ana Ruiz") and from one inside it on ("Ana Ruiz Col Ops")."""
    words = text[start:end].split(" ")
    lead = 0
    while lead < len(words) - 2 and _honorific(words[lead]):
        lead += 1
    cut = next((i for i in range(lead + 2, len(words)) if _honorific(words[i])), len(words))
    if lead == 0 and cut == len(words):
        return start, end
    new_start = start + len(" ".join(words[:lead])) + (1 if lead else 0)
    return new_start, new_start + len(" ".join(words[lead:cut]))


_WORD = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class TitledName:
    """A title + name construction with its spans in the document."""

    title: str
    title_start: int
    title_end: int
    name: str
    name_start: int
    name_end: int
    country: str | None


@dataclass(slots=True)
class Person:
    """One person of a document: canonical name, all mention spans, what we know of them."""

    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    role_span: tuple[int, int] | None = None
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    organization: str | None = None
    country: str | None = None
    country_span: tuple[int, int] | None = None
    actor: Actor | None = None

    @property
    def surname_keys(self) -> frozenset[str]:
        return _surname_keys(self.name)


@lru_cache(maxsize=4096)
def _surname_keys(name: str) -> frozenset[str]:
    toks = [fold(t) for t in name.split() if fold(t) not in _PARTICLES]
    keys = {toks[-1]} if toks else set()
    if len(toks) >= 3:
        keys.add(" ".join(toks[-2:]))
        keys.add(toks[-2])
    for t in toks[1:]:
        if "-" in t:
            keys.add(t)
    return frozenset(keys)


def _name_after(text: str, pos: int) -> tuple[int, int] | None:
    """A capitalised name starting at ``pos`` (after optional ", " / "the"), else None."""
    # "Inspector General of Police (IGP) Dan Mwale": the office's acronym is no name
    m = re.match(r"[,:]?\s{0,3}(?:\([A-Z][A-Za-z]{1,7}\)\s{1,3})?", text[pos:])
    i = pos + (m.end() if m else 0)
    while (w := _WORD.match(text, i)) and fold(w.group(0).rstrip(".,")) in _HONORIFICS:
        sp = re.match(r"\s+", text[w.end():])
        if not sp:
            return None
        i = w.end() + sp.end()
    start, end, words = i, i, 0
    while words < 5:
        w = _WORD.match(text, i)
        if not w:
            break
        tok = w.group(0).rstrip(".,")
        if tok.endswith(("'s", "’s")):
            tok = tok[:-2]
            end = w.start() + len(tok)
            words += 1 if tok[:1].isupper() else 0
            break
        low = fold(tok)
        if words and _postnominal(tok):
            break  # "Ana Ruiz MP"
        is_initial = bool(re.fullmatch(r"[A-Z]\.?", w.group(0)[:2])) and len(tok) == 1
        if low in _PARTICLES and words:
            pass
        elif not tok[:1].isupper() or low in _NOT_NAME or low in OFFICE_WORDS:
            break
        end = w.start() + len(tok) + (1 if is_initial and w.group(0)[1:2] == "." else 0)
        if low not in _PARTICLES:
            words += 1
        if w.group(0).endswith((".", ",")) and not is_initial and low not in _ABBREVIATIONS:
            break  # "President Kofi Mensah. Ghana's ...": the sentence or clause ends
        i = w.end()
        sp = re.match(r" (?=\S)", text[i:])
        if not sp:
            break
        i += 1
    if words == 0:
        return None
    # do not end on a particle
    while end > start and fold(text[start:end].split()[-1]) in _PARTICLES:
        end = start + text[start:end].rfind(" ")
    return (start, end) if end > start else None


def _title_bounds(text: str, head: re.Match[str]) -> tuple[int, int, str | None]:
    """Extend a title head left over modifiers / country and right over "of the X"."""
    start, end, country = head.start(), head.end(), None
    # right: (of|for) (the)? OFFICE_WORD+ ...
    while True:
        m = re.match(r"\s+(of|for|on|to)\s+(the\s+)?", text[end:])
        if not m:
            break
        j = end + m.end()
        w = _WORD.match(text, j)
        if not w:
            break
        at = _country_at(text, j)
        if m.group(1) == "to":
            # "Ambassador to Chile", "envoy to Santiago, Ana Ruiz": the place posted to,
            # not the office holder's country
            place = re.match(r"(?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’.-]*(?=,)", text[j:j + 50])
            if at:
                end = at[1]
            elif place:
                end = j + place.end()
            break
        if at:
            country, end = at[0], at[1]
            continue
        acronym = re.match(r"[A-Z]{2,6}\b", text[j:j + 7])
        if acronym and not gazetteer.country_code(acronym.group(0)):
            end = j + acronym.end()  # "Director of NIS": an agency's acronym
            break
        if fold(w.group(0).rstrip(".,")) not in OFFICE_WORDS:
            break
        end = _extend_office_words(text, w.start())
    # left: modifiers, "new", country adjective or possessive
    i = start
    while True:
        m = re.search(r"([^\W\d_][\w.’'\-]*)\s+$", text[max(0, i - 40):i])
        if not m:
            break
        word = m.group(1)
        wstart = i - len(m.group(0))
        low = fold(word)
        base = re.sub(r"(’s|'s)$", "", word)
        cc = gazetteer.country_code(base) if base[:1].isupper() else None
        if cc is None and base[:1].isupper():
            two = re.search(r"([A-Z][\w.]+\s+[A-Z][\w.’']+)\s+$", text[max(0, i - 40):i])
            if two:
                b2 = re.sub(r"(’s|'s)$", "", two.group(1))
                c2 = gazetteer.country_code(b2)
                if c2:
                    country, i = c2, i - len(two.group(0))
                    break
        if cc:
            country, i = cc, wstart
            break
        if low in OFFICE_WORDS or low in _TITLE_MODIFIERS:
            if low not in _TITLE_MODIFIERS:
                start = wstart
            i = wstart
            continue
        qualified = _qualified_office(text, i)
        if qualified:  # "Ghanaian Fisheries and Ocean Policy Minister"
            country, start = qualified
        break
    if country is None:
        country = _appositive_country(text, i)
    return start, end, country


def _qualified_office(text: str, i: int) -> tuple[str, int] | None:
    """The country adjective before the capitalised words of an office's portfolio that
    are not office words ("Greek Shipping and Island Policy Minister"): the country and
    where the portfolio starts; None unless one to three capitalised words (and "and",
    "&") lead back from ``i`` to a country."""
    m = re.search(r"((?:[A-Z][\w’'\-]*|and|&)\s+){1,6}$", text[max(0, i - 80):i])
    if not m:
        return None
    words = list(re.finditer(r"\S+", m.group(0)))
    base = max(0, i - 80) + m.start()
    for k, w in enumerate(words[:-1]):
        cc = gazetteer.country_code(re.sub(r"(’s|'s)$", "", w.group(0)))
        rest = [x.group(0) for x in words[k + 1:]]
        if cc and rest[0][:1].isupper() and sum(x[:1].isupper() for x in rest) <= 3:
            return cc, base + words[k + 1].start()
        if cc:
            return None
    return None


#: the words an appositive office before a title may hold besides its country
#: lexicon ``frames.definite``: the determiners an office set before a title by a comma
#: may hold ("his Ghanaian counterpart, Colonel Y")
_APPOSITIVE_WORDS = _LEX.words("frames.definite")


def _appositive_country(text: str, i: int) -> str | None:
    """The country of an office set before a title by a comma: "Nigeria's army chief,
    General X", "his Ghanaian counterpart, Colonel Y", "the police commissioner of Fiji,
    Z". Only when the words before the comma, from the country on or up to it, are that
    office and nothing else."""
    m = re.search(r"([^,;:()\n]{3,60}),\s*$", text[max(0, i - 70):i])
    if not m:
        return None
    chunk = m.group(1)
    found = gazetteer.find_countries(chunk)
    if not found:
        return None
    cm = found[-1]
    # the clause's last words from the first one that can open an office phrase
    words = [fold(re.sub(r"(’s|'s)$", "", w).strip(".")) for w in chunk[:cm.start].split()]
    after = [fold(w.strip(".")) for w in chunk[cm.end:].split()]
    after = [w for w in after if w not in {"’s", "'s", "s"}]
    def office_word(w: str) -> bool:
        return w in OFFICE_WORDS or w == "counterpart" or bool(_HEAD_RX.fullmatch(w))

    lead: list[str] = []
    for w in reversed(words):
        if office_word(w) or w in _TITLE_MODIFIERS or w in _APPOSITIVE_WORDS or w in _CONNECT:
            lead.insert(0, w)
        else:
            break
    if any(office_word(w) for w in lead + after) and all(
            office_word(w) or w in _TITLE_MODIFIERS or w in _APPOSITIVE_WORDS for w in after):
        return cm.code
    return None


def _extend_office_words(text: str, j: int) -> int:
    end = j
    while True:
        w = _WORD.match(text, j)
        if not w:
            return end
        low = fold(w.group(0).rstrip(".,"))
        if low in OFFICE_WORDS:
            end = w.start() + len(w.group(0).rstrip(".,"))
        elif low not in _CONNECT:
            return end
        sp = re.match(r"\s+", text[w.end():])
        if not sp or w.group(0).endswith(","):
            return end
        j = w.end() + sp.end()


def _country_at(text: str, j: int) -> tuple[str, int] | None:
    for cm in gazetteer.find_countries(text[j:j + 40]):
        if cm.start == 0 and cm.kind != "demonym":
            return cm.code, j + cm.end
        break
    return None


def find_titled_names(text: str, offset: int = 0) -> list[TitledName]:
    """Title + name constructions in ``text`` (offsets shifted by ``offset``)."""
    out: list[TitledName] = []
    for head in _HEAD_RX.finditer(text):
        tstart, tend, country = _title_bounds(text, head)
        if head.group(0)[0].islower() and head.group(0).lower() not in _LOWERCASE_HEADS:
            # a common noun ("the ministers") names no one, except in the paired frame
            out.extend(_paired_holders(text, tstart, tend, country, offset))
            continue
        span = _name_after(text, tend)
        if span is not None:
            span, tend = _past_agency(text, span, tend)
        if span is None:
            # "the interior ministers of A and B, X and Y": one holder per country, in order
            out.extend(_paired_holders(text, tstart, tend, country, offset))
            # appositive the other way round: "Francisco Jiménez, Minister of the Interior"
            continue
        name = text[span[0]:span[1]]
        if fold(name) in OFFICE_WORDS or gazetteer.country_code(name) or names_an_event(name):
            continue
        if _HEAD_RX.match(name):  # "Chief Diplomatic Officer X": the later head names X
            continue
        out.append(TitledName(text[tstart:tend], tstart + offset, tend + offset, name,
                              span[0] + offset, span[1] + offset, country))
    return out


def _paired_holders(text: str, tstart: int, tend: int, country: str | None,
                    offset: int) -> list[TitledName]:
    """Two holders of one office in two countries: "the justice ministers of A and B,
    X and Y" gives X of A and Y of B; nothing unless the title is plural and both
    countries and both names are there."""
    office = re.search(r"s\s+(?:of|from)\b", text[tstart:tend])
    if country is None or office is None:
        return []
    m = re.match(r"\s+and\s+(?:the\s+)?", text[tend:])
    second = _country_at(text, tend + m.end()) if m else None
    if second is None or second[0] == country:
        return []
    first = _name_after(text, second[1])
    if first is None or not text[second[1]:first[0]].lstrip().startswith(","):
        return []
    m = re.match(r"\s+and\s+", text[first[1]:])
    other = _name_after(text, first[1] + m.end()) if m else None
    if other is None:
        return []
    title_end = tstart + office.start() + 1  # the office: "interior ministers"
    return [TitledName(text[tstart:title_end], tstart + offset, title_end + offset, text[s:e],
                       s + offset, e + offset, code)
            for (s, e), code in ((first, country), (other, second[0]))]


def _past_agency(text: str, span: tuple[int, int], tend: int
                 ) -> tuple[tuple[int, int], int]:
    """"Inspector General Accra Police Kofi Mensah": a word or two and then office words
    after the title are the agency it heads; the name comes after them."""
    nxt = _WORD.match(text, span[1] + 1) if text[span[1]:span[1] + 1] == " " else None
    if nxt is None or not nxt.group(0)[:1].isupper() or len(text[span[0]:span[1]].split()) > 2 \
            or fold(nxt.group(0).rstrip(".,")) not in OFFICE_WORDS:
        return span, tend
    after = _extend_office_words(text, nxt.start())
    later = _name_after(text, after)
    if later is None or len(text[later[0]:later[1]].split()) < 2:
        return span, tend
    return later, after


def names_an_event(name: str) -> bool:
    """"Home Secretary Level Talks": a capitalised event word ends no person's name, and
    a headline's verb ("Ministers Visit Tunisia", "Minister Signs Pact") begins none."""
    lex = lexicon.load()
    words = name.split()
    if not words:
        return False
    last, first = words[-1].lower(), words[0].lower()
    if last in lex.entries("triggers.consult.nouns") or last in lex.entries(
            "triggers.agree.nouns"):
        return True
    verbs = {*lex.entries("triggers.consult.verbs"), *lex.entries("triggers.agree.sign_verbs")}
    return first in verbs or (first.endswith("s") and first[:-1] in verbs)


def _same_person(a: str, b: str) -> bool:
    ta = [fold(t) for t in a.replace(".", " ").split() if len(t) > 1]
    tb = [fold(t) for t in b.replace(".", " ").split() if len(t) > 1]
    if not ta or not tb:
        return False
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if set(small) <= set(big) and (small[-1] == big[-1] or small[0] == big[0]):
        return True
    return fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) >= 88


def cluster_people(
    titled: Iterable[TitledName],
    person_ents: Iterable[tuple[int, int, str]],
    text: str,
    store: ActorStore | None = None,
) -> list[Person]:
    """Group name mentions of one document into people, resolve aliases and surnames."""
    people: list[Person] = []
    singles: list[tuple[int, int, str, TitledName | None]] = []
    cands: list[tuple[int, int, str, TitledName | None]] = [
        (t.name_start, t.name_end, t.name, t) for t in titled
    ]
    for s, e, _n in person_ents:
        if text[s:e].endswith(("'s", "’s")):
            e -= 2  # "Ana Ruiz's visit": the name without the possessive
        s, e = strip_honorifics(s, strip_postnominals(s, e, text), text)
        cands.append((s, e, text[s:e], None))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    taken: list[tuple[int, int]] = []
    for s, e, name, tn in cands:
        if any(s < te and ts < e for ts, te in taken):
            if tn is not None:
                _attach_title(_find(people, name), tn)
            continue
        words = [w for w in name.split() if fold(w) not in _PARTICLES]
        if len(words) < 2:
            singles.append((s, e, name, tn))
            continue
        taken.append((s, e))
        person = _find(people, name)
        if person is None:
            person = Person(name=name)
            people.append(person)
        elif len(name) > len(person.name) and "." not in name:
            person.name = name
        person.mentions.append((s, e))
        if tn is not None:
            _attach_title(person, tn)
    for s, e, name, tn in singles:
        person = _by_surname(people, name)
        if person is None and store is not None:
            actor = store.match(name)
            if actor is not None and tn is not None:
                person = Person(name=actor.name, actor=actor)
                people.append(person)
        if person is None:
            continue
        person.mentions.append((s, e))
        taken.append((s, e))
        if tn is not None:
            _attach_title(person, tn)
    _surname_mentions(people, text, taken)
    if store is not None:
        for p in people:
            _canonicalise(p, store)
    return people


def _find(people: list[Person], name: str) -> Person | None:
    for p in people:
        if _same_person(p.name, name):
            return p
    return None


def _by_surname(people: list[Person], word: str) -> Person | None:
    key = fold(word.strip(".,"))
    if len(key) < 3:
        return None
    hits = [p for p in people if key in p.surname_keys]
    if not hits and len(key) >= 5:
        hits = [p for p in people
                if any(len(k) >= 5 and fuzz.ratio(key, k) >= 85 for k in p.surname_keys)]
    return hits[0] if len(hits) == 1 else None


def _surname_mentions(people: list[Person], text: str, taken: list[tuple[int, int]]) -> None:
    """Every later capitalised word that is (nearly) a known surname is that person."""
    if not people:
        return
    # a lookahead, so that every capitalised word starts a candidate ("Later Mayorkas")
    for m in re.finditer(r"\b(?=([A-Z][^\W\d_]+(?:[-‐][A-Z][^\W\d_]+)?(?: [A-Z][^\W\d_]+)?))",
                         text):
        for cand in _prefixes(m.group(1)):
            s, e = m.start(), m.start() + len(cand)
            if any(s < te and ts < e for ts, te in taken):
                break
            person = _by_surname(people, cand)
            if person is not None:
                person.mentions.append((s, e))
                taken.append((s, e))
                break


def _prefixes(phrase: str) -> list[str]:
    parts = phrase.split(" ")
    return [" ".join(parts[:i]) for i in range(len(parts), 0, -1)]


def _attach_title(person: Person | None, tn: TitledName) -> None:
    if person is None:
        return
    person.title_spans.append((tn.title_start, tn.title_end))
    if _COUNTERPART.search(tn.title):
        pass  # "his Moroccan counterpart X": a country, not an office
    elif person.role is None or len(tn.title) > len(person.role):
        person.role = _clean_title(tn.title)
        person.role_span = (tn.title_start, tn.title_end)
    if tn.country and person.country is None:
        person.country = tn.country
        person.country_span = (tn.title_start, tn.name_end)


def _clean_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" ,")
    return title[:1].upper() + title[1:]


def _canonicalise(person: Person, store: ActorStore) -> None:
    actor = person.actor or store.match(person.name)
    if actor is None:
        return
    person.actor = actor
    person.name = actor.name
    if person.country is None and actor.country:
        person.country = actor.country
