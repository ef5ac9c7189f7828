"""Organisation mentions and the government they belong to."""

from __future__ import annotations

from summitry import gazetteer, mentions


def org_countries(text: str) -> list[tuple[str, str | None]]:
    countries = gazetteer.find_countries(text)
    return [(o.name, o.country) for o in mentions._organisations(text, countries)]


def test_agency_name_keeps_its_usual_country() -> None:
    got = org_countries("Officers of Customs and Border Protection seized the cargo.")
    assert ("U.S. Customs and Border Protection", "USA") in got


def test_country_word_before_the_name_overrides_it() -> None:
    got = org_countries("The Australian Customs and Border Protection Service sent a boat.")
    assert ("U.S. Customs and Border Protection", "AUS") in got


def test_country_after_a_national_agency_is_only_where_it_works() -> None:
    got = org_countries("Agents of the FBI in Mexico joined the search.")
    assert ("Federal Bureau of Investigation", "USA") in got


def test_the_page_keeps_the_country_it_gave_an_agency() -> None:
    got = org_countries("The Australian Customs and Border Protection Service sent a boat. "
                        "Customs and Border Protection crews trained the navy.")
    assert [c for _n, c in got] == ["AUS", "AUS"]
