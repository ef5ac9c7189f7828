"""Gazetteer: country / IO mentions and organisations with exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry import gazetteer
from summitry.gazetteer import (
    country_code,
    country_name,
    find_countries,
    find_organizations,
    is_io,
    national_org,
)


def countries(text: str) -> list[tuple[str, str]]:
    found = find_countries(text)
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.code) for m in found]


def orgs(text: str) -> list[tuple[str, str, str | None]]:
    found = find_organizations(text)
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.name, m.country) for m in found]


# --------------------------------------------------------------------------- countries


def test_find_countries_offsets_codes_and_kinds() -> None:
    text = "The U.S. and Mexico met with American and Spanish officials."
    found = find_countries(text)
    assert [(m.start, m.end, m.text, m.code, m.kind) for m in found] == [
        (4, 8, "U.S.", "USA", "short"),
        (13, 19, "Mexico", "MEX", "name"),
        (29, 37, "American", "USA", "demonym"),
        (42, 49, "Spanish", "ESP", "demonym"),
    ]


def test_find_countries_offset_shifts_spans() -> None:
    [m] = find_countries("visit to Spain", offset=100)
    assert (m.start, m.end, m.code) == (109, 114, "ESP")


@pytest.mark.parametrize(("text", "expected"), [
    ("Cubans and Guatemalans", [("Cubans", "CUB"), ("Guatemalans", "GTM")]),
    ("US officials met", [("US", "USA")]),
    ("U.S.-Mexico border", [("U.S.", "USA"), ("Mexico", "MEX")]),
    ("United States of America", [("United States of America", "USA")]),
    ("South Korea and North Korea", [("South Korea", "KOR"), ("North Korea", "PRK")]),
    ("México", [("México", "MEX")]),
    ("Côte d'Ivoire and Cote d’Ivoire", [("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV")]),
    ("Guinea and Ghana", [("Guinea", "GIN"), ("Ghana", "GHA")]),
    ("Chad and Niger", [("Chad", "TCD"), ("Niger", "NER")]),
    ("King Abdullah of Jordan", [("Jordan", "JOR")]),
    ("Tbilisi, Georgia", [("Georgia", "GEO")]),
    # a form of address after a country starts the next name, it makes no given name
    ("the High Commissioner to Kenya Dr Amos Otieno", [("Kenya", "KEN")]),
    ("the envoy to Jordan Mr Faris Haddad", [("Jordan", "JOR")]),
])
def test_find_countries_names_demonyms_people(text: str, expected: list[tuple[str, str]]) -> None:
    assert countries(text) == expected


@pytest.mark.parametrize("text", [
    "us and them",  # "US" is upper case only
    "Us",
    "It cost US$5 million",
    "patrols in the Gulf of Guinea",
    "New Mexico police",
    "Chad Wolf met the press",
    "Jordan Peterson spoke",
    "Latin America and Central America",
    "the state of Georgia",
    "Atlanta, Georgia",
    "Mayorkas in Washington",
])
def test_find_countries_rejects_lookalikes(text: str) -> None:
    assert countries(text) == []


def test_find_countries_blocked_phrase_does_not_hide_neighbours() -> None:
    assert countries("the Gulf of Guinea near Ghana") == [("Ghana", "GHA")]
    assert countries("US$ aid to Mexico") == [("Mexico", "MEX")]


def test_find_countries_international_organisations() -> None:
    text = "the EU, the UN, INTERPOL, Interpol, NATO and the European Union"
    found = find_countries(text)
    assert [(m.text, m.code, m.kind) for m in found] == [
        ("EU", "EU", "io"), ("UN", "UN", "io"), ("INTERPOL", "INTERPOL", "io"),
        ("Interpol", "INTERPOL", "io"), ("NATO", "NATO", "io"), ("European Union", "EU", "io"),
    ]
    assert all(is_io(m.code) for m in found)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(["U.S.", "US$", "Mexico", "New", "Guinea", "Gulf", "of", "Chad", "Wolf",
                     "Georgia", "Jordan", "EU", "Spanish", "Cubans", ",", "'s", "\n", "the"]),
    st.text(max_size=6)), max_size=20), st.integers(0, 40))
def test_find_countries_spans_always_index_the_text(words: list[str], offset: int) -> None:
    text = " ".join(words)
    prev_end = -1
    for m in find_countries(text, offset):
        assert text[m.start - offset:m.end - offset] == m.text
        assert m.start >= prev_end  # no overlaps, in order
        prev_end = m.end
        assert m.kind in gazetteer.KINDS


# --------------------------------------------------------------------------- country helpers


@pytest.mark.parametrize(("name", "code"), [
    ("Spain", "ESP"), ("spain", "ESP"), ("the United States", "USA"), ("Mexico's", "MEX"),
    ("Spanish", "ESP"), ("Cubans", "CUB"), ("EU", "EU"), ("ESP", "ESP"), ("XKX", "XKX"),
    ("US", "USA"),
])
def test_country_code(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("name", ["", "FOO", "us", "Latin America", "Guatemala City", "Havana"])
def test_country_code_none(name: str) -> None:
    assert country_code(name) is None


def test_country_name_and_is_io() -> None:
    assert country_name("USA") == "United States"
    assert country_name("ESP") == "Spain"
    assert country_name("KOR") == "South Korea"
    assert country_name("EU") == "European Union"
    assert country_name("ZZZ") == "ZZZ"
    assert is_io("UN") and is_io("INTERPOL")
    assert not is_io("USA")
    assert set(gazetteer.io_codes()) >= {"EU", "UN", "OAS", "INTERPOL"}


# --------------------------------------------------------------------------- organisations


def test_find_organizations_coordinated_departments_become_three() -> None:
    text = "officials from the Departments of State, Homeland Security and Justice met"
    found = find_organizations(text)
    assert [(m.text, m.name, m.country) for m in found] == [
        ("Departments of State", "Department of State", "USA"),
        ("Homeland Security", "Department of Homeland Security", "USA"),
        ("Justice", "Department of Justice", "USA"),
    ]
    assert [(m.start, m.end) for m in found] == [(19, 39), (41, 58), (63, 70)]


def test_find_organizations_coordinated_ministries_with_repeated_of() -> None:
    assert orgs("the Ministries of Foreign Affairs and of the Interior") == [
        ("Ministries of Foreign Affairs", "Ministry of Foreign Affairs", None),
        ("the Interior", "Ministry of the Interior", None),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("the Interior Ministry said", [("Interior Ministry", "Ministry of the Interior", None)]),
    ("Ministry of Interior", [("Ministry of Interior", "Ministry of the Interior", None)]),
    ("the State Department", [("State Department", "Department of State", "USA")]),
    ("DHS", [("DHS", "Department of Homeland Security", "USA")]),
    ("the FBI and the DEA", [("FBI", "Federal Bureau of Investigation", "USA"),
                             ("DEA", "Drug Enforcement Administration", "USA")]),
    ("the U.S. Coast Guard", [("U.S. Coast Guard", "United States Coast Guard", "USA")]),
    ("the Coast Guard", [("Coast Guard", "Coast Guard", None)]),
    ("the Home Office", [("Home Office", "Home Office", "GBR")]),
])
def test_find_organizations_canonical_names(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the Cuban Interior Ministry", [("Interior Ministry", "Ministry of the Interior", "CUB")]),
    ("Mexico's Interior Ministry", [("Interior Ministry", "Secretariat of the Interior", "MEX")]),
    ("the Mexican Foreign Ministry", [("Foreign Ministry", "Secretariat of Foreign Affairs",
                                      "MEX")]),
    ("the Ministry of the Interior of Guatemala",
     [("Ministry of the Interior", "Ministry of the Interior", "GTM")]),
    ("the Ministry of Security of Argentina",
     [("Ministry of Security", "Ministry of Security", "ARG")]),
    # another country's name for its interior ministry
    ("the Spanish Home Office", [("Home Office", "Ministry of the Interior", "ESP")]),
])
def test_find_organizations_adjacent_country_qualifies(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert orgs(text) == expected


def test_find_organizations_io_is_not_a_country_qualifier() -> None:
    assert orgs("Europol and INTERPOL") == [("Europol", "Europol", "EUROPOL"),
                                           ("INTERPOL", "INTERPOL", "INTERPOL")]


def test_find_organizations_unknown_portfolio_and_offset() -> None:
    assert orgs("the Ministry of Magic") == []
    [m] = find_organizations("the FBI", offset=10)
    assert (m.start, m.end, m.text) == (14, 17, "FBI")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "Ministries", "Departments", "Secretariats", "Ministry", "Department", "of", "the",
    "State", ",", "and", "Homeland", "Security", "Justice", "Interior", "Foreign", "Affairs",
    "Mexico's", "Cuban", "FBI", "Coast", "Guard", "Spanish", "Home", "Office", "\n",
]), max_size=20))
def test_find_organizations_spans_always_index_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for m in find_organizations(text):
        assert text[m.start:m.end] == m.text
        assert m.name


def test_canonical_org_and_national_org() -> None:
    assert gazetteer.canonical_org("FBI") == ("Federal Bureau of Investigation", "USA")
    assert gazetteer.canonical_org("Interior Ministry") == ("Ministry of the Interior", None)
    assert gazetteer.canonical_org("Department of Homeland Security") == (
        "Department of Homeland Security", "USA")
    assert gazetteer.canonical_org("Ministry of Magic") is None
    assert national_org("Ministry of the Interior", "MEX") == "Secretariat of the Interior"
    assert national_org("Ministry of Foreign Affairs", "MEX") == "Secretariat of Foreign Affairs"
    assert national_org("Coast Guard", "USA") == "United States Coast Guard"
    assert national_org("Ministry of the Interior", "GTM") == "Ministry of the Interior"
    assert national_org("Ministry of the Interior", None) == "Ministry of the Interior"
    assert national_org("Something Else", "USA") == "Something Else"


@pytest.mark.parametrize("text, code", [("police of PNG met", "PNG"), ("the KSA delegation", "SAU"),
                                        ("ROK coast guard", "KOR"), ("BiH border police", "BIH")])
def test_find_countries_capitalised_short_forms(text: str, code: str) -> None:
    assert [c.code for c in gazetteer.find_countries(text)] == [code]
    assert gazetteer.find_countries(text.lower()) == []  # case-sensitive: "png" is no code


def test_find_countries_a_group_of_states_names_each_member() -> None:
    found = countries("G7 interior ministers met in Naples; Five Eyes partners joined.")
    assert [c for t, c in found if t == "G7"] == ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN",
                                                  "USA"]
    assert [c for t, c in found if t == "Five Eyes"] == ["AUS", "CAN", "GBR", "NZL", "USA"]
    assert gazetteer.country_groups()["GROUP:G8"][-2:] == ("RUS", "USA")
    # a group is matched like a country (whole word, case) and never looked up by name
    assert countries("The quad bike and the G20 summit.") == []
    assert country_code("G7") is None


def test_an_interpol_national_central_bureau_is_national_police() -> None:
    text = "Police of Ghana, through the INTERPOL NCB Accra, arrested the suspect."
    assert countries(text) == [("Ghana", "GHA")]
    orgs = find_organizations(text)
    assert [o.name for o in orgs] == ["INTERPOL National Central Bureau"]
    assert orgs[0].country is None
    assert countries("Interpol issued a red notice.") == [("Interpol", "INTERPOL")]


def test_agency_name_inside_a_longer_name_is_another_body() -> None:
    def orgs(text: str) -> list[tuple[str, str | None]]:
        return [(o.name, o.country) for o in gazetteer.find_organizations(text)]

    assert orgs("Britain gave radios to the Rural Border Patrol Unit of Borduvia.") == []
    assert orgs("Agents of the Border Patrol arrested them.") == [("U.S. Border Patrol", "USA")]
    assert orgs("The Border Patrol arrested them.") == [("U.S. Border Patrol", "USA")]


def test_the_un_refugee_agency_by_its_head_s_title() -> None:
    assert countries("the UN High Commissioner for Refugees spoke") == [
        ("UN High Commissioner for Refugees", "UNHCR")]


@pytest.mark.parametrize(("text", "expected"), [
    ("the Kenya Police said", [("Kenya", "KEN")]),  # countries.followers
    ("the Jordan Valley crossing", [("Jordan", "JOR")]),
    ("tourists visit Jordan every spring", [("Jordan", "JOR")]),  # surname_preceders
    ("Chad Wolf spoke", []),  # a given name: no follower word
    ("Coach Jordan Smith spoke", []),
    ("fans of Michael Jordan", []),  # a family name: no preceder word
])
def test_country_names_that_are_also_personal_names(text: str,
                                                   expected: list[tuple[str, str]]) -> None:
    assert countries(text) == expected
