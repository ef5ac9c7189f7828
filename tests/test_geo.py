"""Places: city look-ups, capitals, countries as places, city mentions in running text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry import geo
from summitry.records import Location


def test_find_place_havana_is_cuban_with_coordinates() -> None:
    loc = geo.find_place("Havana")
    assert loc is not None
    assert (loc.name, loc.country) == ("Havana", "CUB")
    assert loc.lat == pytest.approx(23.13, abs=0.1)
    assert loc.lon == pytest.approx(-82.38, abs=0.1)


@pytest.mark.parametrize("name", ["havana", "HAVANA", "La Habana", "the Havana", "Havana's"])
def test_find_place_folds_case_alternates_article_possessive(name: str) -> None:
    loc = geo.find_place(name)
    assert loc is not None and (loc.name, loc.country) == ("Havana", "CUB")


@pytest.mark.parametrize(("name", "city", "country"), [
    ("Guatemala City", "Guatemala City", "GTM"),
    ("Mexico City", "Mexico City", "MEX"),
    ("Madrid", "Madrid", "ESP"),
    ("Bogota", "Bogotá", "COL"),  # accent-insensitive
    ("Washington", "Washington", "USA"),  # the capital, not the state
    ("New York", "New York City", "USA"),
    ("Lima", "Lima", "PER"),
])
def test_find_place_cities(name: str, city: str, country: str) -> None:
    loc = geo.find_place(name)
    assert loc is not None
    assert (loc.name, loc.country) == (city, country)
    assert loc.lat is not None and loc.lon is not None


def test_find_place_guatemala_city_coordinates() -> None:
    loc = geo.find_place("Guatemala City")
    assert loc is not None
    assert loc.lat == pytest.approx(14.64, abs=0.1)
    assert loc.lon == pytest.approx(-90.51, abs=0.1)


@pytest.mark.parametrize("name", ["Guatemala", "Mexico", "Spain", "Cuba", "United States", "EU"])
def test_find_place_country_name_is_never_a_city(name: str) -> None:
    assert geo.find_place(name) is None


@pytest.mark.parametrize("name", ["", "   ", "Xyzzyville Qrst"])
def test_find_place_unknown(name: str) -> None:
    assert geo.find_place(name) is None


def test_find_place_us_state_has_no_coordinates() -> None:
    assert geo.find_place("Texas") == Location("Texas", "USA")


@pytest.mark.parametrize(("code", "city"), [
    ("ESP", "Madrid"), ("CUB", "Havana"), ("GTM", "Guatemala City"), ("USA", "Washington"),
    ("COL", "Bogotá"), ("BRA", "Brasília"),
])
def test_capital_of(code: str, city: str) -> None:
    loc = geo.capital_of(code)
    assert loc is not None
    assert (loc.name, loc.country) == (city, code)
    assert loc.lat is not None and loc.lon is not None


def test_capital_of_madrid_coordinates_and_unknowns() -> None:
    loc = geo.capital_of("ESP")
    assert loc is not None
    assert loc.lat == pytest.approx(40.42, abs=0.1) and loc.lon == pytest.approx(-3.70, abs=0.1)
    assert geo.capital_of("EU") is None
    assert geo.capital_of("XXX") is None


def test_country_as_place_uses_country_name_and_capital_coordinates() -> None:
    loc = geo.country_as_place("CUB")
    cap = geo.capital_of("CUB")
    assert loc is not None and cap is not None
    assert (loc.name, loc.country) == ("Cuba", "CUB")
    assert (loc.lat, loc.lon) == (cap.lat, cap.lon)
    assert geo.country_as_place("USA").name == "United States"  # type: ignore[union-attr]
    assert geo.country_as_place("EU") is None


def places(text: str) -> list[tuple[int, int, str, str, str | None]]:
    out = []
    for p in geo.find_places(text):
        assert text[p.start:p.end] == p.text
        out.append((p.start, p.end, p.text, p.location.name, p.location.country))
    return out


def test_find_places_offsets() -> None:
    assert places("The ministers met in Havana on Monday.") == [
        (21, 27, "Havana", "Havana", "CUB")]
    assert places("Talks in Guatemala City and Madrid ended.") == [
        (9, 23, "Guatemala City", "Guatemala City", "GTM"),
        (28, 34, "Madrid", "Madrid", "ESP"),
    ]
    assert places("from Washington to Bogotá") == [
        (5, 15, "Washington", "Washington", "USA"), (19, 25, "Bogotá", "Bogotá", "COL")]


def test_find_places_offset_argument_shifts_spans() -> None:
    [p] = geo.find_places("met in Havana", offset=50)
    assert (p.start, p.end, p.text) == (57, 63, "Havana")


def test_find_places_leading_part_of_a_longer_capitalised_run() -> None:
    assert places("Guatemala City Mayor spoke") == [
        (0, 14, "Guatemala City", "Guatemala City", "GTM")]


@pytest.mark.parametrize("text", [
    "Secretary Madrid said",  # a person after a title
    "President Lima said",
    "in Mexico and Spain",  # countries are not cities
    "MADRID - The talks",  # all-caps words are skipped
    "It happened in March and May",
])
def test_find_places_rejects_non_places(text: str) -> None:
    assert places(text) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(["Havana", "Guatemala", "City", "Madrid", "Secretary", "the", "in", "de",
                     "San", "José", "'s", "Mexico", ",", "."]),
    st.text(max_size=6)), max_size=15))
def test_find_places_spans_always_index_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for p in geo.find_places(text):
        assert text[p.start:p.end] == p.text
        assert p.location.country


def test_place_lookups_are_memoised_and_order_free() -> None:
    """City look-ups are cached (a page and a stream name the same cities again and
    again); the answer never depends on what was asked before, with or without a
    preferred country, and is what an uncached look-up gives."""
    spain = geo.find_place("Valencia", prefer=["ESP"])
    default = geo.find_place("Valencia")
    assert spain is not None and spain.country == "ESP"
    assert default is not None and default.country == "VEN"
    assert geo.find_place("Valencia", prefer=("ESP",)) == spain
    for name in ("Valencia", "Cordoba", "Havana", "Guatemala City", "Nowhereville"):
        for prefer in ((), ("ESP",), ("ARG", "MEX")):
            cached = geo._best(geo.fold(name), prefer=prefer)
            assert cached == geo._best_of.__wrapped__(geo.fold(name), False, frozenset(prefer))
        assert geo._text_place(name) == geo._text_place.__wrapped__(name)
    assert geo._best_of.cache_info().hits > 0
