"""People: title + name constructions and per-document person clusters (no spaCy needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.actors import ActorStore
from summitry.people import Person, TitledName, cluster_people, find_titled_names


def titled(text: str) -> list[tuple[str, str, str | None]]:
    found = find_titled_names(text)
    for t in found:
        assert text[t.title_start:t.title_end] == t.title
        assert text[t.name_start:t.name_end] == t.name
    return [(t.title, t.name, t.country) for t in found]


def ent(text: str, name: str) -> tuple[int, int, str]:
    """A spaCy-style PERSON entity for the first occurrence of ``name``."""
    i = text.index(name)
    return (i, i + len(name), name)


def mention_texts(text: str, person: Person) -> list[str]:
    return [text[s:e] for s, e in sorted(person.mentions)]


@pytest.fixture(scope="module")
def store() -> ActorStore:
    return ActorStore.default()


# --------------------------------------------------------------------------- titled names


def test_titled_name_keeps_long_office_title_off_the_name() -> None:
    text = "Secretary of State for National Security Alejandro Mayorkas said."
    [t] = find_titled_names(text)
    assert t.title == "Secretary of State for National Security"
    assert (t.title_start, t.title_end) == (0, 40)
    assert t.name == "Alejandro Mayorkas"
    assert (t.name_start, t.name_end) == (41, 59)
    assert t.country is None


def test_titled_name_country_prefix() -> None:
    text = "United States Secretary of State for National Security Alejandro Mayorkas said."
    assert titled(text) == [
        ("Secretary of State for National Security", "Alejandro Mayorkas", "USA")]


def test_titled_name_possessive_country_new_and_appositive_commas() -> None:
    text = "Guatemala's new Minister of the Interior, Francisco Jiménez, said."
    [t] = find_titled_names(text)
    assert t.title == "Minister of the Interior"  # "new" is not part of the title
    assert t.name == "Francisco Jiménez"  # without the commas
    assert t.country == "GTM"
    assert text[t.name_start:t.name_end] == "Francisco Jiménez"


def test_titled_name_lowercase_attorney_general_with_middle_initial() -> None:
    text = "He met attorney general Merrick B. Garland on Monday."
    [t] = find_titled_names(text)
    assert (t.title, t.name, t.country) == ("attorney general", "Merrick B. Garland", None)
    assert (t.name_start, t.name_end) == (24, 42)


@pytest.mark.parametrize(("text", "expected"), [
    ("U.S. Homeland Security Secretary Janet Napolitano and Mexico's Minister of the Interior "
     "Miguel Angel Osorio Chong met.",
     [("Homeland Security Secretary", "Janet Napolitano", "USA"),
      ("Minister of the Interior", "Miguel Angel Osorio Chong", "MEX")]),
    ("the Minister of the Interior of Guatemala, Francisco Jiménez, said",
     [("Minister of the Interior of Guatemala", "Francisco Jiménez", "GTM")]),
    ("Spanish Interior Minister Fernando Grande-Marlaska met",
     [("Interior Minister", "Fernando Grande-Marlaska", "ESP")]),
    ("The President of Mexico, Andrés Manuel López Obrador, said",
     [("President of Mexico", "Andrés Manuel López Obrador", "MEX")]),
    ("Secretary Mayorkas spoke.", [("Secretary", "Mayorkas", None)]),
    ("President Biden's visit", [("President", "Biden", None)]),
])
def test_titled_names_various(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert titled(text) == expected


@pytest.mark.parametrize("text", [
    "The minister said the talks went well.",  # no name
    "the Secretary of State said",
    "Chief Justice",
    "The Director of National Intelligence spoke.",
    "President of Mexico",  # a country is not a name
])
def test_titled_names_none_without_a_name(text: str) -> None:
    assert titled(text) == []


def test_titled_names_offset() -> None:
    [t] = find_titled_names("Secretary Mayorkas spoke.", offset=100)
    assert (t.title_start, t.name_start, t.name_end) == (100, 110, 118)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([
    "Minister", "Secretary", "of", "the", "Interior", "Guatemala's", "new", ",", "Francisco",
    "Jiménez", "attorney", "general", "B.", "Garland", "U.S.", "de", "la", "President", "'s",
    "Mayorkas", "State", "for", "National", "Security", "\n"]), st.text(max_size=5)),
    max_size=20))
def test_titled_names_spans_always_index_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for t in find_titled_names(text):
        assert text[t.title_start:t.title_end] == t.title
        assert text[t.name_start:t.name_end] == t.name
        assert t.title_end <= t.name_start


# --------------------------------------------------------------------------- clusters

MAYORKAS_TEXT = ("Secretary of Homeland Security Alejandro Mayorkas met the minister. "
                 "Mayorkas said the talks went well, and the minister thanked Maryorkas for "
                 "his visit.")


def test_cluster_merges_full_name_surname_and_misspelling(store: ActorStore) -> None:
    people = cluster_people(find_titled_names(MAYORKAS_TEXT), [], MAYORKAS_TEXT, store)
    assert len(people) == 1
    [p] = people
    assert p.name == "Alejandro Mayorkas"
    assert mention_texts(MAYORKAS_TEXT, p) == ["Alejandro Mayorkas", "Mayorkas", "Maryorkas"]
    assert p.role == "Secretary of Homeland Security"
    assert p.role_span == (0, 30)
    assert p.actor is not None and p.actor.id == "alejandro-mayorkas"
    assert p.country == "USA"  # from the actor store


def test_cluster_without_store_still_merges_but_has_no_actor() -> None:
    people = cluster_people(find_titled_names(MAYORKAS_TEXT), [], MAYORKAS_TEXT, None)
    [p] = people
    assert mention_texts(MAYORKAS_TEXT, p) == ["Alejandro Mayorkas", "Mayorkas", "Maryorkas"]
    assert p.actor is None and p.country is None


def test_cluster_from_spacy_entities_and_accent_variants(store: ActorStore) -> None:
    text = ("Alejandro Mayorkas met Francisco Jiménez in the capital. Mayorkas and Jimenez "
            "agreed. Jiménez thanked Maryorkas.")
    ents = [ent(text, "Alejandro Mayorkas"), ent(text, "Francisco Jiménez")]
    people = cluster_people([], ents, text, store)
    by_name = {p.name: p for p in people}
    assert set(by_name) == {"Alejandro Mayorkas", "Francisco Jiménez"}
    assert mention_texts(text, by_name["Alejandro Mayorkas"]) == [
        "Alejandro Mayorkas", "Mayorkas", "Maryorkas"]
    assert mention_texts(text, by_name["Francisco Jiménez"]) == [
        "Francisco Jiménez", "Jimenez", "Jiménez"]
    assert by_name["Francisco Jiménez"].country == "GTM"


def test_cluster_titled_surname_only_is_resolved_through_the_store(store: ActorStore) -> None:
    text = "Secretary Mayorkas met Minister Jiménez."
    people = cluster_people(find_titled_names(text), [], text, store)
    assert [(p.name, p.role, p.country) for p in people] == [
        ("Alejandro Mayorkas", "Secretary", "USA"),
        ("Francisco Jiménez", "Minister", "GTM"),
    ]
    # without a store a lone surname is nobody
    assert cluster_people(find_titled_names(text), [], text, None) == []


def test_cluster_title_country_and_longest_title_win(store: ActorStore) -> None:
    text = ("Guatemala's new Minister of the Interior, Francisco Jiménez, met reporters. "
            "Minister Jiménez said more police would be sent.")
    people = cluster_people(find_titled_names(text), [], text, store)
    [p] = people
    assert p.name == "Francisco Jiménez"
    assert p.role == "Minister of the Interior"
    assert p.country == "GTM"
    assert p.country_span is not None
    start, end = p.country_span
    assert text[start:end] == "Minister of the Interior, Francisco Jiménez"
    assert len(p.title_spans) == 2
    assert mention_texts(text, p) == ["Francisco Jiménez", "Jiménez"]


def test_cluster_keeps_different_people_with_the_same_surname_apart() -> None:
    text = "John Kelly met Mary Kelly. Kelly said nothing."
    people = cluster_people([], [ent(text, "John Kelly"), ent(text, "Mary Kelly")], text, None)
    assert sorted(p.name for p in people) == ["John Kelly", "Mary Kelly"]
    # the lone "Kelly" is ambiguous and goes to neither
    assert all(len(p.mentions) == 1 for p in people)


def test_cluster_unknown_person_is_kept_with_surname_mentions(store: ActorStore) -> None:
    text = "Minister Astrid Vellacott met the press. Vellacott said. Later, Velacott agreed."
    people = cluster_people(find_titled_names(text), [], text, store)
    [p] = people
    assert p.name == "Astrid Vellacott" and p.actor is None
    assert mention_texts(text, p) == ["Astrid Vellacott", "Vellacott", "Velacott"]
    assert p.role == "Minister"


def test_cluster_mentions_index_into_text(store: ActorStore) -> None:
    people = cluster_people(find_titled_names(MAYORKAS_TEXT), [], MAYORKAS_TEXT, store)
    for p in people:
        assert isinstance(p, Person)
        for s, e in p.mentions:
            assert 0 <= s < e <= len(MAYORKAS_TEXT)


def test_cluster_empty_inputs() -> None:
    assert cluster_people([], [], "", None) == []
    tn = TitledName("Minister", 0, 8, "Mayorkas", 9, 17, None)
    assert cluster_people([tn], [], "Minister Mayorkas", None) == []


def test_cluster_surname_after_a_capitalised_word() -> None:
    text = ("Alejandro Mayorkas arrived on Monday. Later Mayorkas met the press. "
            "Both Mayorkas and his aides left.")
    [p] = cluster_people([], [ent(text, "Alejandro Mayorkas")], text, None)
    assert mention_texts(text, p) == ["Alejandro Mayorkas", "Mayorkas", "Mayorkas"]


def test_a_capitalised_event_word_ends_no_titled_name() -> None:
    from summitry.people import find_titled_names

    names = [t.name for t in find_titled_names(
        "The Home Secretary Level Talks opened in Delhi. Home Secretary Anil Mehta spoke.")]
    assert "Anil Mehta" in names and not any(n.endswith("Talks") for n in names), names


def test_a_headline_verb_begins_no_name_and_a_later_head_names_the_person() -> None:
    from summitry.people import find_titled_names

    names = [t.name for t in find_titled_names(
        "Two Ministers Visit Ghana to Talk Borders\n"
        "He met Chief Diplomatic Officer Dana Whitlow in the capital.")]
    assert names == ["Dana Whitlow"], names


def test_spacy_entities_naming_an_event_are_no_people() -> None:
    import summitry

    text = ("Border Level Talks open in Accra\n\nACCRA, May 9 - The interior ministers of "
            "Ghana and Togo met in Accra on Tuesday for the Border Level Talks.\n")
    names = {p.name for e in summitry.extract(text) for p in e.participants}
    assert not any("Talks" in n for n in names), names


def test_a_titled_name_ends_with_its_sentence() -> None:
    from summitry.people import find_titled_names

    names = [t.name for t in find_titled_names(
        "The visit followed a request by President Kofi Mensah. Ghana's police agreed.")]
    assert names == ["Kofi Mensah"], names


# ----------------------------------------------------------- appositives, address, letters


@pytest.mark.parametrize("text, name, country", [
    ("talks between Kenya's army chief, General Omari Ndege, and others", "Omari Ndege", "KEN"),
    ("he met his Ghanaian counterpart, Colonel Kwesi Boateng, on Monday", "Kwesi Boateng",
     "GHA"),
    ("The police commissioner of Fiji, Colonel Tevita Ratu, said", "Tevita Ratu", "FJI"),
    ("The police chief of the Gambia, Colonel Lamin Jallow, said", "Lamin Jallow", "GMB"),
])
def test_an_office_set_before_a_title_by_a_comma_gives_its_country(
        text: str, name: str, country: str) -> None:
    found = {t.name: t.country for t in find_titled_names(text)}
    assert found == {name: country}


@pytest.mark.parametrize("text", [
    "a storm hit Ghana, General Kwesi Boateng said",
    "she flew to Ghana with the minister, General Kwesi Boateng said",
])
def test_a_country_before_a_comma_that_is_no_office_gives_no_country(text: str) -> None:
    assert [t.country for t in find_titled_names(text)] == [None]


def test_a_form_of_address_and_letters_after_the_name_are_not_the_name() -> None:
    text = "the Minister for Police, Hon. Ana Ruiz MP, and Commissioner Dr Tom Gale APM met"
    assert [t.name for t in find_titled_names(text)] == ["Ana Ruiz", "Tom Gale"]


def test_an_office_acronym_between_title_and_name_is_skipped() -> None:
    text = "signed by the Inspector General of Police (IGP) Dan Mwale yesterday"
    found = find_titled_names(text)
    assert [(t.title, t.name) for t in found] == [("Inspector General of Police", "Dan Mwale")]


def test_a_person_entity_drops_trailing_letters_but_keeps_two_words() -> None:
    text = "Reece Cole APM spoke, and so did Ann MP."
    people = cluster_people([], [(0, 14, "Reece Cole APM"), (33, 39, "Ann MP")], text)
    assert [p.name for p in people if len(p.name.split()) >= 2] == ["Reece Cole", "Ann MP"]


@pytest.mark.parametrize("text", ["Nancy Faeser", "Gérald Darmanin", "Conor O'Brien",
                                  "Ana D'Souza Mendes", "Jordan Peters", "Chad Ghana Smith"])
def test_a_tagger_person_that_can_be_a_name(text: str) -> None:
    from summitry.mentions import is_person_name

    assert is_person_name(text)


@pytest.mark.parametrize("text", [
    "Hails Morocco's Role",          # a headline with a possessive inside
    "Praises Ghana’s Help",          # the same with a curly apostrophe
    "Merida Initiative",             # a programme
    "Agent 47",                      # a digit
    "Faeser",                        # one word
    "Nancy\nFaeser",                 # across lines
    "Radio Uganda",                  # an outlet named for a country
    "Voice of America",
    "Sri Lankan",                    # a demonym of two words
    "New Zealand",                   # a country of two words
])
def test_a_tagger_person_that_is_no_name(text: str) -> None:
    from summitry.mentions import is_person_name

    assert not is_person_name(text)


def test_a_country_word_inside_a_news_outlet_name_names_no_government() -> None:
    from summitry import mentions

    text = ("Laos and Cambodia signed a border accord, the Vientiane Lao News Agency "
            "reported, citing the Cambodian Press Agency and Radio Kampuchea.")
    spans = mentions._outlet_spans(text)
    assert [text[s:e] for s, e in spans] == ["Vientiane Lao News Agency",
                                             "Cambodian Press Agency"]
    # the parties themselves are no outlet
    assert not any(s <= text.index("Laos") < e for s, e in spans)


def test_a_person_entity_drops_ranks_before_and_inside_it() -> None:
    text = "He was joined by Col Kofi Mensah Col Ops and Maj Gen Ama Boateng on Monday."
    people = cluster_people([], [ent(text, "Col Kofi Mensah Col Ops"),
                                 ent(text, "Gen Ama Boateng")], text)
    assert sorted(p.name for p in people) == ["Ama Boateng", "Kofi Mensah"]


def test_a_person_entity_without_rank_keeps_its_words() -> None:
    text = "He was joined by Kofi Mensah Asante on Monday."
    [p] = cluster_people([], [ent(text, "Kofi Mensah Asante")], text)
    assert p.name == "Kofi Mensah Asante"


def test_a_person_entity_drops_a_possessive() -> None:
    text = "Talks were held ahead of Kofi Mensah’s visit to Lomé."
    [p] = cluster_people([], [ent(text, "Kofi Mensah’s")], text)
    assert p.name == "Kofi Mensah"
    assert mention_texts(text, p) == ["Kofi Mensah"]


def test_a_title_goes_on_over_the_post_and_the_agency_acronym() -> None:
    assert titled("Ghana's ambassador to Lomé, Kofi Mensah, handed over the papers.") == [
        ("ambassador to Lomé", "Kofi Mensah", "GHA")]
    # the country one is posted to is not the office holder's
    assert titled("The Ambassador to Ghana Anna Weber spoke.") == [
        ("Ambassador to Ghana", "Anna Weber", None)]
    assert titled("The keys went to Deputy Comptroller General of GIS, Ama Boateng.") == [
        ("Deputy Comptroller General of GIS", "Ama Boateng", None)]
    # "to" before a person is no post
    assert titled("The minister wrote to Kofi Mensah on Monday.") == []


def test_a_title_takes_new_office_words_of_the_lexicon() -> None:
    assert titled("The Head of the State Committee for National Security Kofi Mensah "
                  "signed.") == [("Head of the State Committee for National Security",
                                  "Kofi Mensah", None)]
    assert titled("Secretary of Finance and Public Credit Ana Ruiz spoke.") == [
        ("Secretary of Finance and Public Credit", "Ana Ruiz", None)]


def test_the_agency_between_a_title_and_a_name_is_no_name() -> None:
    assert titled("It was chaired by Deputy Inspector General Accra Police Kofi Mensah "
                  "Asante.") == [("Deputy Inspector General Accra Police", "Kofi Mensah Asante",
                                  None)]
    # a name followed by office words and no other name stays the name
    assert titled("President Joe Biden Administration officials said.") == [
        ("President", "Joe Biden", None)]


def test_a_country_before_an_office_portfolio_is_its_holders() -> None:
    assert titled("Ghanaian Fisheries and Ocean Policy Minister Kofi Mensah spoke.") == [
        ("Fisheries and Ocean Policy Minister", "Kofi Mensah", "GHA")]
    # a country further back than the portfolio's words is not the holder's
    assert titled("By Agence France Presse Daily Graphic Weekly Mirror Minister Kofi "
                  "Mensah spoke.")[0][2] is None


def test_paired_office_holders_get_their_countries_in_order() -> None:
    text = ("On Monday the interior ministers of Spain and Morocco, Luis Ortega and Karim "
            "Alaoui, signed a pact on border patrols.")
    found = [(t.name, t.country, t.title) for t in find_titled_names(text)]
    assert found == [("Luis Ortega", "ESP", "interior ministers"),
                     ("Karim Alaoui", "MAR", "interior ministers")]
    capital = text.replace("interior ministers", "Interior Ministers")
    assert [(t.name, t.country) for t in find_titled_names(capital)] == [
        ("Luis Ortega", "ESP"), ("Karim Alaoui", "MAR")]
    # no names after the countries, or one country only: no holders from the frame
    assert find_titled_names("The interior ministers of Spain and Morocco met on Monday.") == []
    assert find_titled_names("The interior ministers of Spain, Luis Ortega and Ana Gil, "
                             "spoke.") == []


@pytest.mark.parametrize(("text", "name", "about"), [
    ("Peru handed over the extradition request for former President Ana Ruiz.", "Ana Ruiz", True),
    ("They spoke of the deportation of alleged smuggler Ana Ruiz to Chile.", "Ana Ruiz", True),
    ("Colombia extradited Ana Ruiz to Spain on Monday.", "Ana Ruiz", True),
    ("The talks covered Ana Ruiz's arrest in Lima.", "Ana Ruiz", True),
    ("Spain deported former Senator Ana Ruiz last week.", "Ana Ruiz", True),
    # negatives: a party named near the same words
    ("Police arrested suspects after Minister Ana Ruiz spoke.", "Ana Ruiz", False),
    ("The arrest of the suspects was discussed with Minister Ana Ruiz.", "Ana Ruiz", False),
    ("Minister Ana Ruiz signed the extradition treaty.", "Ana Ruiz", False),
    ("Colombia extradited two drug lords, Minister Ana Ruiz said.", "Ana Ruiz", False),
])
def test_subject_frames_name_who_an_event_is_about(text: str, name: str, about: bool) -> None:
    from summitry.resolve import _as_authority

    start = text.index(name)
    assert _as_authority(text, start, start + len(name)) is about


@pytest.mark.parametrize(("text", "name"), [
    ("Interior Minister Kofi Mensah On Monday met his counterpart", "Kofi Mensah"),
    ("Security Minister Yawo Agbeko Said the talks went well", "Yawo Agbeko"),
    ("Police Chief Ana Ruiz And her deputy arrived", "Ana Ruiz"),
    # negative: capitalised words that are no such word stay in the name
    ("Interior Minister Kofi Annan Mensah met his counterpart", "Kofi Annan Mensah"),
])
def test_a_name_after_a_title_stops_at_a_word_that_is_never_a_name(text: str,
                                                                   name: str) -> None:
    assert [t.name for t in find_titled_names(text)] == [name]
