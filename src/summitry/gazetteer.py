"""Countries, international organisations and agencies named in news text, with offsets.

Two packaged tables drive everything here:

- ``data/country_aliases.tsv`` (alias, code, kind, case_sensitive): names, short forms,
  adjectival demonyms ("Guatemalan"), people nouns ("Cubans") for every ISO 3166-1
  country, plus international organisations (kind ``io``, code = upper-case acronym:
  ``EU``, ``UN``, ``OAS``, ``INTERPOL`` ...). Groups of states such as the G6, G7 or
  G20 are deliberately absent: they are meetings of governments, not organisations
  that take part in an event in their own right.
- ``data/country_groups.tsv`` (alias, members, case_sensitive): groups of states with a
  fixed membership ("G7", "Five Eyes"); a mention of one is a mention of each member
  government, all with the group's span.
- ``data/organizations.tsv`` (pattern, name, country, kind): agencies, ministries and
  their acronyms; rows of kind ``national`` map a generic body plus a country to that
  country's own body ("Ministry of the Interior" + MEX -> "Secretariat of the Interior").

All aliases of one table are compiled into a single trie-shaped regex, so the longest
alias wins at every position and matching stays linear in the text. Every span is a
half-open ``[start, end)`` range into the text that was passed in (plus ``offset``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

from summitry import lexicon

KINDS = ("name", "short", "demonym", "people", "io")
ORG_KINDS = (
    "department", "ministry", "secretariat", "agency", "police", "military", "intelligence",
    "prosecutor", "customs", "office", "io", "national",
)

# Phrases that contain a country alias but are not a mention of that country. They are
# part of the same regex (so the longest match consumes them) and then dropped.
_NOT_COUNTRIES = (
    "Latin America", "Latin American", "Latin Americans", "Central America",
    "Central American", "Central Americans", "South America", "South American",
    "South Americans", "North America", "North American", "North Americans",
    "Gulf of Guinea", "Guinea pig", "Guinea pigs", "New Guinea", "Gulf of Mexico",
    "New Mexico", "New Mexican", "New Mexicans", "New Jersey", "Jersey City", "New England",
    "New South Wales", "Indian Ocean", "American Indian", "American Indians",
    "Native American", "Native Americans", "African American", "African Americans",
    "Pan American", "Pan-American", "Inter-American", "Niger Delta", "River Niger",
    "Niger River", "Georgia Tech", "British Columbia", "West Indian", "West Indians",
    "East Indian", "South China Sea", "East China Sea", "Sea of Japan", "Congo Basin",
    "Congo River", "Turkey Point",
    # an INTERPOL National Central Bureau is a country's own police unit, not INTERPOL
    "INTERPOL NCB", "National Central Bureau", "INTERPOL National Central Bureau",
)

# Country names that are also given names ("Chad Wolf", "Jordan Peterson").
_PERSON_NAMES = frozenset({"Jordan", "Chad", "Georgia", "Israel", "India", "Kenya"})

_US_STATE_BEFORE = re.compile(
    r"(?:\b(?:state|State)\s+of|\bAtlanta|\bSavannah|\bAugusta|\bMacon|\bColumbus)\s+$"
)
_US_STATE_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:state|State|Senate|Senator|Senators|Governor|governor|Republican|"
    r"Republicans|Democrat|Democrats|Tech|Power|Bulldogs|General\s+Assembly|Supreme\s+Court|"
    r"House|election|voters|county|County|Secretary\s+of\s+State)\b"
    r"|,\s*(?:USA|U\.S\.|US|United States)\b"
)
_GEORGIA_CITIES = frozenset({"Tbilisi", "Batumi", "Kutaisi", "Rustavi", "Gori", "Zugdidi"})

# IO acronyms -> display names (country_name); the aliases live in the TSV.
_IO_NAMES = {
    "EU": "European Union",
    "UN": "United Nations",
    "OAS": "Organization of American States",
    "INTERPOL": "INTERPOL",
    "EUROPOL": "Europol",
    "NATO": "NATO",
    "AU": "African Union",
    "ASEAN": "ASEAN",
    "OSCE": "OSCE",
    "UNODC": "United Nations Office on Drugs and Crime",
    "UNHCR": "UNHCR",
    "IOM": "International Organization for Migration",
    "SICA": "Central American Integration System",
    "CARICOM": "Caribbean Community",
}

# ISO short names that read oddly in running text ("Korea, Republic of").
_COMMON_NAMES = {
    "USA": "United States",
    "GBR": "United Kingdom",
    "RUS": "Russia",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "TUR": "Turkey",
    "CZE": "Czech Republic",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CIV": "Ivory Coast",
    "VAT": "Vatican City",
    "BRN": "Brunei",
    "FLK": "Falkland Islands",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
    "PSE": "Palestine",
    "FSM": "Micronesia",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
    "BES": "Caribbean Netherlands",
    "SHN": "Saint Helena",
    "CCK": "Cocos (Keeling) Islands",
    "XKX": "Kosovo",
}


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country or international-organisation mention: span, text, code, alias kind."""

    start: int
    end: int
    text: str
    code: str
    kind: str


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An agency/organisation mention with its canonical name and country (when known)."""

    start: int
    end: int
    text: str
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class AliasRow:
    alias: str
    code: str
    kind: str
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class OrgRow:
    pattern: str
    name: str
    country: str | None
    kind: str


# --------------------------------------------------------------------------- text helpers


def fold(text: str) -> str:
    """Casefold and strip accents: ``"México"`` -> ``"mexico"``."""
    if text.isascii():
        return text.casefold()
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).casefold()


def _key(text: str) -> str:
    """Lookup key for matched text: one space for any whitespace, straight apostrophes."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def _atoms(alias: str) -> list[str]:
    """Regex atoms of one alias: whitespace -> ``\\s+``, apostrophe -> either quote."""
    out: list[str] = []
    for ch in alias:
        if ch.isspace():
            if out and out[-1] == r"\s+":
                continue
            out.append(r"\s+")
        elif ch in "'\u2019":
            out.append("['\u2019]")
        else:
            out.append(re.escape(ch))
    return out


def trie_regex(strings: Iterable[str]) -> str:
    """One regex alternation for ``strings`` shaped as a trie (longest match first)."""
    trie: dict[str, dict] = {}
    for s in strings:
        node = trie
        for atom in _atoms(s):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _node_regex(trie) or "(?!)"


def _node_regex(node: dict[str, dict]) -> str:
    branches = [atom + _node_regex(child) for atom, child in node.items() if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def _variants(alias: str, case_sensitive: bool) -> set[str]:
    if case_sensitive:
        return {alias}
    title = " ".join(w[:1].upper() + w[1:] for w in alias.split(" "))
    return {alias, alias.upper(), title}


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("summitry").joinpath("data", name).read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return rows[1:]  # header


# --------------------------------------------------------------------------- countries


@lru_cache(maxsize=1)
def country_aliases() -> tuple[AliasRow, ...]:
    """The rows of ``data/country_aliases.tsv``."""
    return tuple(
        AliasRow(a, c, k, cs == "1") for a, c, k, cs in (r[:4] for r in _data_lines(
            "country_aliases.tsv"))
    )


@lru_cache(maxsize=1)
def country_groups() -> dict[str, tuple[str, ...]]:
    """Groups of states (``data/country_groups.tsv``): their key ``GROUP:<alias>`` and
    member codes."""
    return {f"GROUP:{a}": tuple(m.split()) for a, m, _cs in (r[:3] for r in _data_lines(
        "country_groups.tsv"))}


def _group_rows() -> tuple[AliasRow, ...]:
    return tuple(AliasRow(a, f"GROUP:{a}", "group", cs == "1")
                 for a, _m, cs in (r[:3] for r in _data_lines("country_groups.tsv")))


def _members(code: str) -> tuple[str, ...]:
    """A matched code's governments: itself, or a group's members."""
    return country_groups().get(code, (code,))


@dataclass(frozen=True, slots=True)
class _CountryIndex:
    regex: re.Pattern[str]
    exact: dict[str, tuple[str, str]]  # matched text (key form) -> (code, kind)
    folded: dict[str, str]  # folded alias (case-insensitive rows) -> code
    blocked: frozenset[str]


@lru_cache(maxsize=1)
def _country_index() -> _CountryIndex:
    exact: dict[str, tuple[str, str]] = {}
    folded: dict[str, str] = {}
    for row in country_aliases():
        for v in _variants(row.alias, row.case_sensitive):
            exact.setdefault(_key(v), (row.code, row.kind))
        if not row.case_sensitive:
            folded.setdefault(fold(row.alias), row.code)
    for row in _group_rows():  # matched like a country, never looked up by name
        for v in _variants(row.alias, row.case_sensitive):
            exact.setdefault(_key(v), (row.code, row.kind))
    blocked: set[str] = set()
    for phrase in _NOT_COUNTRIES:
        blocked.update(_key(v) for v in _variants(phrase, False))
    body = trie_regex(sorted(set(exact) | blocked))
    regex = re.compile(rf"(?<![\w&])(?:{body})(?![\w])")
    return _CountryIndex(regex, exact, folded, frozenset(blocked))


def find_countries(text: str, offset: int = 0) -> list[CountryMention]:
    """Country / IO mentions in ``text``, longest alias first, offsets shifted by ``offset``."""
    idx = _country_index()
    out: list[CountryMention] = []
    for m in idx.regex.finditer(text):
        key = _key(m.group(0))
        if key in idx.blocked or key not in idx.exact:
            continue
        code, kind = idx.exact[key]
        if not _keep_country(text, m.start(), m.end(), key):
            continue
        out.extend(CountryMention(m.start() + offset, m.end() + offset, m.group(0), member,
                                  kind) for member in _members(code))
    return out


def country_candidates(text: str) -> list[tuple[int, str]]:
    """``(start, code)`` of every alias in ``text`` that :func:`find_countries` may keep:
    the same matches without its context rules ("Jordan Henderson", "Atlanta, Georgia"),
    so a superset of what it finds in ``text`` or in ``text`` with some of its lines
    blanked out (unless a blanked line cut a name in two), for the relevance gate's
    pre-check on uncleaned text."""
    idx = _country_index()
    out: list[tuple[int, str]] = []
    for m in idx.regex.finditer(text):
        key = _key(m.group(0))
        if key not in idx.blocked and key in idx.exact:
            out.extend((m.start(), member) for member in _members(idx.exact[key][0]))
    return out


def _keep_country(text: str, start: int, end: int, key: str) -> bool:
    """Context rules for ambiguous aliases (``US$``, given names, the US state of Georgia)."""
    if key in {"US", "U.S.", "U.S"} and text[end:end + 1] == "$":
        return False
    if key in _PERSON_NAMES and _is_given_name(text, start, end, key):
        return False
    return not (key == "Georgia" and _is_us_state(text, start, end))


def _is_given_name(text: str, start: int, end: int, key: str) -> bool:
    # a capitalised word after the country makes it a given name ("Chad Wolf"), unless the
    # word may follow a country or is a form of address that starts the next name
    # ("High Commissioner to Kenya Dr Ana Ruiz"): lexicon countries.followers
    followers, preceders = _name_words()
    nxt = re.match(r" ([A-Z][a-z]+)\b", text[end:end + 30])
    if nxt and not text[end:].startswith(" of ") and nxt.group(1).lower() not in followers:
        return True
    if key == "Jordan":
        prev = re.search(r"(?:^|[^\w.!?])([A-Z][a-z]+) $", text[max(0, start - 30):start])
        if prev and prev.group(1).lower() not in preceders:
            return True
    return False


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that may follow a country name, words that may precede "Jordan"), from
    the lexicon (``countries.*``, with ``titles.honorifics`` among the followers)."""
    lex = lexicon.load()
    return (lex.words("countries.followers") | lex.words("titles.honorifics"),
            lex.words("countries.surname_preceders"))


def _is_us_state(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40):start]
    if _US_STATE_BEFORE.search(before) or _US_STATE_AFTER.match(text[end:end + 40]):
        return True
    city = re.search(r"([A-Z][a-z]+),\s*$", before)
    return bool(city and city.group(1) not in _GEORGIA_CITIES)


def country_code(name: str) -> str | None:
    """ISO3 (or IO acronym) for a country name, short form, demonym or people noun."""
    key = _key(name)
    key = re.sub(r"^(?:the|The|THE)\s+", "", key)
    key = re.sub(r"['’]s$", "", key)
    if not key:
        return None
    idx = _country_index()
    if key in idx.blocked:
        return None
    if key in idx.exact:
        code, kind = idx.exact[key]
        return None if kind == "group" else code
    if fold(key) in idx.folded:
        return idx.folded[fold(key)]
    if key.isupper() and (key in _IO_NAMES or _iso3(key)):
        return key
    return None


def _iso3(code: str) -> bool:
    return len(code) == 3 and (code == "XKX" or pycountry.countries.get(alpha_3=code) is not None)


def country_name(code: str) -> str:
    """Common English short name for an ISO3 code (``"USA"`` -> ``"United States"``)."""
    if code in _COMMON_NAMES:
        return _COMMON_NAMES[code]
    if code in _IO_NAMES:
        return _IO_NAMES[code]
    c = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if c is None:
        return code
    return str(getattr(c, "common_name", None) or c.name)


def is_io(code: str) -> bool:
    """True for an international-organisation code (``EU``, ``UN``, ``INTERPOL``...)."""
    return code in _IO_NAMES


def io_codes() -> tuple[str, ...]:
    return tuple(_IO_NAMES)


# --------------------------------------------------------------------------- organisations

# Words that may make up the portfolio of a generic "Ministry of X" / "Department of X".
_PORTFOLIO = (
    "Interior|Foreign|Affairs|External|Exterior|Relations|Defense|Defence|National|Justice|"
    "Security|Public|Citizen|Citizens|Citizenship|Protection|Home|Internal|Finance|Economy|"
    "Economic|Treasury|Health|Education|Labor|Labour|Trade|Commerce|Industry|Agriculture|"
    "Environment|Energy|Transport|Transportation|Communications|Culture|Tourism|Government|"
    "Governance|Gobernación|Migration|Immigration|Human|Rights|Development|Cooperation|"
    "International|Social|Welfare|Women|Youth|Science|Technology|Digital|Information|"
    "Infrastructure|Planning|Navy|Army|War|State|Homeland|Police|Intelligence|Law|Enforcement|"
    "Border|Borders|Customs|Emergency|Emergencies|Civil|Presidency|Worship|Peace|Transparency|"
    "Legal|Territorial|Administration|Decentralization|Local|Regional|Maritime|Ports|Equality|"
    "Family|Children|Veterans|Budget|Revenue|Works|Investment|Antinarcotics|Narcotics|Drugs|"
    "Prisons|Penitentiary|Institutions|Governability|Religion|Religious"
)
_ITEM = rf"(?:the\s+)?(?:{_PORTFOLIO})(?:\s+(?:and\s+)?(?:{_PORTFOLIO})){{0,4}}"
_PLURAL_ORG = re.compile(
    rf"\b(?P<head>Ministries|Departments|Secretariats)\s+of\s+(?P<items>{_ITEM}"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:of\s+)?{_ITEM})+)\b"
)
_SINGULAR_ORG = re.compile(
    rf"\b(?P<head>Ministry|Department|Secretariat)\s+of\s+(?P<items>{_ITEM})\b")
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?(?:of\s+)?|\s+and\s+(?:of\s+)?")
_HEAD_SINGULAR = {"Ministries": "Ministry", "Departments": "Department",
                  "Secretariats": "Secretariat"}


@lru_cache(maxsize=1)
def organizations() -> tuple[OrgRow, ...]:
    """The rows of ``data/organizations.tsv``."""
    return tuple(
        OrgRow(p, n, c or None, k) for p, n, c, k in (r[:4] for r in _data_lines(
            "organizations.tsv"))
    )


@dataclass(frozen=True, slots=True)
class _OrgIndex:
    regex: re.Pattern[str]
    by_pattern: dict[str, OrgRow]
    national: dict[tuple[str, str], str]  # (generic name, country) -> national name
    generic: dict[tuple[str, str], str]  # (national name, country) -> generic name
    by_name: dict[str, OrgRow]  # canonical name -> first row naming it


@lru_cache(maxsize=1)
def _org_index() -> _OrgIndex:
    by_pattern: dict[str, OrgRow] = {}
    national: dict[tuple[str, str], str] = {}
    generic: dict[tuple[str, str], str] = {}
    by_name: dict[str, OrgRow] = {}
    for row in organizations():
        if row.kind == "national":
            assert row.country is not None
            national.setdefault((row.pattern, row.country), row.name)
            generic.setdefault((row.name, row.country), row.pattern)
            continue
        by_pattern.setdefault(_key(row.pattern), row)
        by_name.setdefault(row.name, row)
    body = trie_regex(sorted(by_pattern))
    regex = re.compile(rf"(?<![\w&])(?:{body})(?![\w])")
    return _OrgIndex(regex, by_pattern, national, generic, by_name)


@dataclass(slots=True)
class _OrgCand:
    start: int
    end: int
    parts: list[tuple[int, int, str, str | None]]  # (start, end, name, country)
    literal: bool


def canonical_org(name: str) -> tuple[str, str | None] | None:
    """Canonical name and fixed country for an organisation name or acronym, else None."""
    idx = _org_index()
    row = idx.by_pattern.get(_key(name))
    if row is None:
        row = idx.by_name.get(_key(name))
    return (row.name, row.country) if row else None


def national_org(name: str, country: str | None) -> str:
    """The name ``country`` gives a generic body: ("Coast Guard", "USA") -> US Coast Guard."""
    if country is None:
        return name
    return _org_index().national.get((name, country), name)


def find_organizations(text: str, offset: int = 0) -> list[OrgMention]:
    """Agencies and organisations in ``text`` with canonical names, offsets shifted."""
    cands = _literal_orgs(text) + _generic_orgs(text)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), not c.literal))
    chosen: list[_OrgCand] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            chosen.append(c)
            last_end = c.end
    countries = find_countries(text)
    chosen = [c for c in chosen if not (c.literal and _inside_longer_name(text, c, countries))]
    out: list[OrgMention] = []
    for c in chosen:
        for s, e, name, country in c.parts:
            name, country = _qualify(text, c.start, c.end, name, country, countries)
            out.append(OrgMention(s + offset, e + offset, text[s:e], name, country))
    return out


_WORD_BEFORE = re.compile(r"([A-Z][\w.’'-]*)[ \t]+$")


def _inside_longer_name(text: str, c: _OrgCand, countries: list[CountryMention]) -> bool:
    """A name of several words that goes on a capitalised word before it, mid-sentence,
    names another body: the "Rural Border Patrol Unit" is not the US Border Patrol. A
    country word before it qualifies it ("Kenyan Border Patrol"), and a capital that
    starts a sentence ("The Border Patrol") is no part of a name."""
    if " " not in text[c.start:c.end].strip():
        return False
    m = _WORD_BEFORE.search(text, max(0, c.start - 40), c.start)
    if m is None or m.end() != c.start:
        return False
    if any(x.start <= m.start(1) < x.end for x in countries):
        return False
    before = text[:m.start(1)].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?:;\"“”\n(|-–—"


def _literal_orgs(text: str) -> list[_OrgCand]:
    idx = _org_index()
    out: list[_OrgCand] = []
    for m in idx.regex.finditer(text):
        row = idx.by_pattern.get(_key(m.group(0)))
        if row is None:
            continue
        out.append(_OrgCand(m.start(), m.end(), [(m.start(), m.end(), row.name, row.country)],
                            True))
    return out


def _generic_orgs(text: str) -> list[_OrgCand]:
    out: list[_OrgCand] = []
    for m in _PLURAL_ORG.finditer(text):
        head = _HEAD_SINGULAR[m.group("head")]
        parts: list[tuple[int, int, str, str | None]] = []
        pos = m.start("items")
        pieces = _ITEM_SPLIT.split(m.group("items"))
        for i, piece in enumerate(pieces):
            s = text.index(piece, pos)
            e = s + len(piece)
            pos = e
            name, country = _canonical_generic(f"{head} of {piece}")
            parts.append((m.start() if i == 0 else s, e, name, country))
        out.append(_OrgCand(m.start(), m.end(), parts, False))
    for m in _SINGULAR_ORG.finditer(text):
        name, country = _canonical_generic(m.group(0))
        out.append(_OrgCand(m.start(), m.end(), [(m.start(), m.end(), name, country)], False))
    return out


def _canonical_generic(name: str) -> tuple[str, str | None]:
    name = _key(name)
    found = canonical_org(name)
    return found if found else (name, None)


def _qualify(
    text: str, start: int, end: int, name: str, country: str | None,
    countries: list[CountryMention],
) -> tuple[str, str | None]:
    """Use an adjacent country ("Cuban Interior Ministry", "... of Guatemala") when the
    organisation's own country is unknown, or when it names another country's body
    ("the Spanish Home Office" is Spain's Ministry of the Interior)."""
    qual = _adjacent_country(text, start, end, countries)
    if qual is None or qual == country or is_io(qual):
        return name, country
    idx = _org_index()
    if country is None:
        return idx.national.get((name, qual), name), qual
    generic = idx.generic.get((name, country))
    if generic is None:
        return name, country
    return idx.national.get((generic, qual), generic), qual


def _adjacent_country(
    text: str, start: int, end: int, countries: list[CountryMention]
) -> str | None:
    for c in countries:
        if c.end <= start and re.fullmatch(r"(?:['’]s)?\s{1,3}(?:the\s+)?", text[c.end:start]):
            return c.code
        if c.start >= end and re.fullmatch(r",?\s+of\s+(?:the\s+)?", text[end:c.start]):
            return c.code
    return None
