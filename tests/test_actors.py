"""ActorStore: fuzzy name matching, offices, tenures and holders (packaged actors.json)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.actors import Actor, ActorStore, Role, phonetic
from summitry.errors import ConfigError


@pytest.fixture(scope="module")
def store() -> ActorStore:
    return ActorStore.default()


def _actor(store: ActorStore, actor_id: str) -> Actor:
    actor = store.get(actor_id)
    assert actor is not None, actor_id
    return actor


# --------------------------------------------------------------------------- match


@pytest.mark.parametrize("name", [
    "Alejandro Mayorkas", "Mayorkas", "Maryorkas", "Mallorcas", "Alexander Mayorcas",
    "Alejandro N. Mayorkas", "Ali Mayorkas", "MAYORKAS",
])
def test_match_tolerates_misspellings_of_mayorkas(store: ActorStore, name: str) -> None:
    actor = store.match(name)
    assert actor is not None
    assert actor.name == "Alejandro Mayorkas"
    assert actor.country == "USA"


@pytest.mark.parametrize("name", ["Jimenez", "Jiménez", "Francisco Jimenez", "FRANCISCO JIMÉNEZ",
                                  "Francisco Jiménez Irungaray"])
def test_match_ignores_accents_and_case(store: ActorStore, name: str) -> None:
    actor = store.match(name)
    assert actor is not None and actor.id == "francisco-jimenez"
    assert actor.name == "Francisco Jiménez"


@pytest.mark.parametrize(("name", "actor_id"), [
    ("Osorio Chong", "miguel-angel-osorio-chong"),
    ("Miguel Angel Osorio Chong", "miguel-angel-osorio-chong"),
    ("Grande-Marlaska", "fernando-grande-marlaska"),
    ("Grande Marlaska", "fernando-grande-marlaska"),
    ("Marlaska", "fernando-grande-marlaska"),
    ("Napolitano", "janet-napolitano"),
    ("Garland", "merrick-garland"),
    ("Merrick B. Garland", "merrick-garland"),
])
def test_match_compound_and_lone_family_names(store: ActorStore, name: str, actor_id: str) -> None:
    actor = store.match(name)
    assert actor is not None and actor.id == actor_id


@pytest.mark.parametrize("name", [
    "Judy Garland",  # known family name, unrelated first name
    "Susan Rice", "Bill Clinton", "Hans Gruber",
    "John Smith", "Mayor", "Mayo", "", "   ", "123", "-", "the", "Secretary of State",
])
def test_match_rejects_unknown_people(store: ActorStore, name: str) -> None:
    assert store.match(name) is None


def test_match_min_score_is_respected(store: ActorStore) -> None:
    assert store.match("Maryorkas") is not None
    assert store.match("Maryorkas", min_score=100) is None
    assert store.match("Mayorkas", min_score=100) is not None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_match_and_office_never_raise(text: str) -> None:
    store = ActorStore.default()
    found = store.match(text)
    assert found is None or isinstance(found, Actor)
    office = store.office(text, "MEX")
    assert office is None or "office" in office


# --------------------------------------------------------------------------- phonetic


def test_phonetic_merges_spanish_english_spelling_variants() -> None:
    assert phonetic("Mallorcas") == phonetic("Mayorkas") == "mayorkas"
    assert phonetic("Jiménez") == phonetic("Jimenes") == "jimenes"
    assert phonetic("Quintero") == "kintero"
    assert phonetic("Xavier") == "javier"
    assert phonetic("Phillips") == "fiyips"
    assert phonetic("Grande-Marlaska") == "grande marlaska"
    assert phonetic("  Osorio   Pérez ") == "osorio peres"
    # "ch" is written for the h of another script ("Σάμεχ" is romanized "Samech")
    assert phonetic("Samech") == phonetic("Sameh") == "same"
    assert phonetic("Chong") == phonetic("Hong") == "hong"
    assert phonetic("Schmidt") == phonetic("Smidt") == "smidt"  # an h before a consonant is silent


@given(st.text(max_size=60))
def test_phonetic_key_is_lowercase_ascii_words(text: str) -> None:
    key = phonetic(text)
    assert set(key) <= set("abcdefghijklmnopqrstuvwxyz ")
    assert key == " ".join(key.split())


# --------------------------------------------------------------------------- office


@pytest.mark.parametrize("title", [
    "Secretary of Homeland Security", "Homeland Security Secretary", "DHS Secretary",
    "U.S. Homeland Security Secretary", "the Secretary of Homeland Security",
    "Acting Secretary of Homeland Security", "secretary of homeland security",
])
def test_office_homeland_security_is_a_us_office(store: ActorStore, title: str) -> None:
    assert store.office(title) == {
        "office": "Secretary of Homeland Security",
        "country": "USA",
        "organization": "Department of Homeland Security",
    }


def test_office_interior_minister_takes_country_from_context(store: ActorStore) -> None:
    assert store.office("Minister of the Interior", "MEX") == {
        "office": "Minister of the Interior", "country": "MEX",
        "organization": "Ministry of the Interior",
    }
    assert store.office("Minister of the Interior", None) == {
        "office": "Minister of the Interior", "organization": "Ministry of the Interior",
    }
    assert store.office("Interior Minister", "ESP")["country"] == "ESP"  # type: ignore[index]
    # a leading country word is dropped, not read
    assert store.office("Spanish Minister of the Interior") == {
        "office": "Minister of the Interior", "organization": "Ministry of the Interior",
    }


def test_office_attorney_general_organisation_depends_on_country(store: ActorStore) -> None:
    assert store.office("Attorney General", "USA") == {
        "office": "Attorney General", "country": "USA", "organization": "Department of Justice",
    }
    assert store.office("Attorney General", "GTM") == {
        "office": "Attorney General", "country": "GTM",
        "organization": "Attorney General's Office",
    }
    assert store.office("Attorney General") == {
        "office": "Attorney General", "organization": "Attorney General's Office",
    }


def test_office_secretary_of_interior_by_country(store: ActorStore) -> None:
    assert store.office("Secretary of the Interior", "USA")["organization"] == (  # type: ignore[index]
        "Department of the Interior")
    assert store.office("Interior Secretary", "MEX")["organization"] == (  # type: ignore[index]
        "Secretariat of the Interior")


def test_office_without_organisation_has_no_key(store: ActorStore) -> None:
    assert store.office("President", "CUB") == {"office": "President", "country": "CUB"}


@pytest.mark.parametrize("title", ["Chief Baker", "", "Mayor", "Director"])
def test_office_unknown_title_is_none(store: ActorStore, title: str) -> None:
    assert store.office(title) is None


# --------------------------------------------------------------------------- tenure, roles


def test_tenure_of_napolitano_at_dhs(store: ActorStore) -> None:
    napolitano = _actor(store, "janet-napolitano")
    expected = (dt.date(2009, 1, 21), dt.date(2013, 9, 6))
    assert store.tenure(napolitano, "Secretary of Homeland Security") == expected
    assert store.tenure(napolitano, "Homeland Security Secretary") == expected
    assert store.tenure(napolitano, None) == expected  # only one role: the whole career


def test_tenure_open_ended_and_unknown_actor_roles(store: ActorStore) -> None:
    assert store.tenure(_actor(store, "kristi-noem"), None) == (dt.date(2025, 1, 25), None)
    nobody = Actor("x", "Nobody Known", None)
    assert store.tenure(nobody, "President") is None


def test_tenure_without_title_spans_the_whole_career(store: ActorStore) -> None:
    trump = _actor(store, "donald-trump")
    assert store.tenure(trump, None) == (dt.date(2017, 1, 20), None)


def test_tenure_for_repeated_office_covers_the_second_term(store: ActorStore) -> None:
    trump = _actor(store, "donald-trump")
    lo, hi = store.tenure(trump, "President")  # type: ignore[misc]
    when = dt.date(2025, 3, 3)
    assert (lo is None or lo <= when) and (hi is None or when <= hi)


def test_roles_at_uses_inclusive_bounds(store: ActorStore) -> None:
    napolitano = _actor(store, "janet-napolitano")
    for day in (dt.date(2009, 1, 21), dt.date(2011, 6, 1), dt.date(2013, 9, 6)):
        roles = store.roles_at(napolitano, day)
        assert [r.role for r in roles] == ["Secretary of Homeland Security"], day
        assert roles[0].organization == "Department of Homeland Security"
    assert store.roles_at(napolitano, dt.date(2009, 1, 20)) == []
    assert store.roles_at(napolitano, dt.date(2013, 9, 7)) == []


def test_roles_at_picks_the_right_term(store: ActorStore) -> None:
    trump = _actor(store, "donald-trump")
    first = store.roles_at(trump, dt.date(2018, 1, 1))
    assert [(r.start, r.end) for r in first] == [(dt.date(2017, 1, 20), dt.date(2021, 1, 20))]
    assert store.roles_at(trump, dt.date(2022, 1, 1)) == []
    second = store.roles_at(trump, dt.date(2030, 1, 1))
    assert [(r.start, r.end) for r in second] == [(dt.date(2025, 1, 20), None)]


def test_role_active_with_open_dates() -> None:
    role = Role("Minister", None, None, None, None)
    assert role.active(dt.date(1900, 1, 1)) and role.active(dt.date(2100, 1, 1))
    role = Role("Minister", None, None, dt.date(2020, 1, 1), None)
    assert not role.active(dt.date(2019, 12, 31))
    assert role.active(dt.date(2020, 1, 1))


# --------------------------------------------------------------------------- holder


def test_holder_of_dhs(store: ActorStore) -> None:
    when = dt.date(2010, 5, 5)
    holder = store.holder("Secretary of Homeland Security", "USA", when)
    assert holder is not None and holder.id == "janet-napolitano"
    holder = store.holder("Secretary of Homeland Security", None, when)
    assert holder is not None and holder.id == "janet-napolitano"
    later = store.holder("Secretary of Homeland Security", "USA", dt.date(2022, 6, 1))
    assert later is not None and later.id == "alejandro-mayorkas"


def test_holder_none_in_a_vacancy_or_on_a_handover_day(store: ActorStore) -> None:
    # between Napolitano (left 2013-09-06) and Johnson (from 2013-12-23)
    assert store.holder("Secretary of Homeland Security", "USA", dt.date(2013, 10, 5)) is None
    # Chertoff's last day is Napolitano's first: two holders, so None
    assert store.holder("Secretary of Homeland Security", "USA", dt.date(2009, 1, 21)) is None


def test_holder_by_country(store: ActorStore) -> None:
    when = dt.date(2024, 5, 5)
    # Spain's and Guatemala's interior ministers were both in office: ambiguous without country
    assert store.holder("Minister of the Interior", None, when) is None
    gtm = store.holder("Minister of the Interior", "GTM", when)
    assert gtm is not None and gtm.id == "francisco-jimenez"
    esp = store.holder("Minister of the Interior", "ESP", when)
    assert esp is not None and esp.id == "fernando-grande-marlaska"
    fra = store.holder("Minister of the Interior", "FRA", when)
    assert fra is not None and fra.id == "gerald-darmanin"
    assert store.holder("Minister of the Interior", "PRT", when) is None  # nobody known


def test_holder_second_term(store: ActorStore) -> None:
    holder = store.holder("President", "USA", dt.date(2026, 5, 5))
    assert holder is not None and holder.id == "donald-trump"


def test_holder_resolves_office_aliases(store: ActorStore) -> None:
    holder = store.holder("Homeland Security Secretary", "USA", dt.date(2010, 5, 5))
    assert holder is not None and holder.id == "janet-napolitano"


# --------------------------------------------------------------------------- building stores


def test_add_merges_aliases_and_match_sees_new_actors() -> None:
    store = ActorStore.default().copy()
    assert store.match("Zebulon Quarterfield") is None
    store.add(Actor("zq", "Zebulon Quarterfield", "NZL"))
    found = store.match("Zebulon Quarterfeld")
    assert found is not None and found.id == "zq"
    store.add(Actor("zq", "ignored", None, aliases=("Zeb Q. Quarterfield",),
                    roles=(Role("Minister of Justice", None, "NZL", dt.date(2020, 1, 1), None),)))
    merged = store.get("zq")
    assert merged is not None
    assert merged.name == "Zebulon Quarterfield" and merged.country == "NZL"
    assert merged.aliases == ("Zeb Q. Quarterfield",)
    assert len(merged.roles) == 1
    # the copy is independent of the packaged store
    assert ActorStore.default().get("zq") is None


def test_from_json_reads_dates_and_rejects_bad_data() -> None:
    store = ActorStore.from_json({
        "offices": [{"office": "Chief Ranger", "aliases": ["Head Ranger"], "country": "NZL",
                     "organization": "Park Service"}],
        "actors": [{"id": "r", "name": "Ruth Ranger", "country": "NZL",
                    "roles": [{"role": "Chief Ranger", "start": "2019-03", "end": "2021"}]}],
    })
    ruth = store.get("r")
    assert ruth is not None
    assert store.tenure(ruth, "Head Ranger") == (dt.date(2019, 3, 1), dt.date(2021, 1, 1))
    assert ruth.roles[0].country == "NZL"  # inherited from the actor
    assert store.office("Head Ranger") == {"office": "Chief Ranger", "country": "NZL",
                                           "organization": "Park Service"}
    with pytest.raises(ConfigError):
        ActorStore.from_json({"actors": [{"name": "no id"}]})
    with pytest.raises(ConfigError):
        ActorStore.from_json({"actors": [{"id": "a", "name": "A", "roles": [
            {"role": "X", "start": "not-a-date"}]}]})


# --------------------------------------------------------------------------- curated office holders


_HOLDER_FIELDS = ("name", "misspelt", "actor_id", "country", "office", "inside", "outside")


@pytest.mark.parametrize(_HOLDER_FIELDS, [
    ("Boris Pistorius", "Boris Pistorious", "boris-pistorius", "DEU", "Defence Minister",
     dt.date(2024, 6, 1), dt.date(2023, 1, 18)),
    ("Hakan Fidan", "Hakan Fiddan", "hakan-fidan", "TUR", "Foreign Minister",
     dt.date(2024, 6, 1), dt.date(2023, 6, 3)),
    ("Retno Marsudi", "Retno Marsoudi", "retno-marsudi", "IDN", "Foreign Minister",
     dt.date(2019, 6, 1), dt.date(2024, 10, 21)),
    ("Matteo Salvini", "Mateo Salvini", "matteo-salvini", "ITA", "Interior Minister",
     dt.date(2019, 1, 15), dt.date(2019, 9, 6)),
    ("Peter Dutton", "Peter Duton", "peter-dutton", "AUS", "Minister for Home Affairs",
     dt.date(2019, 3, 1), dt.date(2017, 12, 19)),
    ("Sajid Javid", "Sajid Jarvid", "sajid-javid", "GBR", "Home Secretary",
     dt.date(2018, 10, 1), dt.date(2019, 7, 25)),
])
def test_curated_holders_resolve_with_country_and_tenure(
        store: ActorStore, name: str, misspelt: str, actor_id: str, country: str, office: str,
        inside: dt.date, outside: dt.date) -> None:
    for form in (name, misspelt):
        actor = store.match(form)
        assert actor is not None and actor.id == actor_id, form
        assert actor.country == country
    actor = _actor(store, actor_id)
    role = store.role_for(actor, office)
    assert role is not None and role.country == country
    assert role.active(inside) and not role.active(outside)
    assert store.holder(office, country, inside) is actor


def test_curated_holders_with_several_offices_keep_each_tenure(store: ActorStore) -> None:
    dutton = _actor(store, "peter-dutton")
    assert [r.role for r in store.roles_at(dutton, dt.date(2021, 6, 1))] == ["Minister of Defense"]
    assert store.tenure(dutton, "Defence Minister") == (dt.date(2021, 3, 30), dt.date(2022, 5, 23))
    # a person known in two offices: the title in the text picks the tenure
    le_drian = _actor(store, "jean-yves-le-drian")
    assert store.tenure(le_drian, "Foreign Minister") == (dt.date(2017, 5, 17),
                                                          dt.date(2022, 5, 20))
    assert store.tenure(le_drian, None) == (dt.date(2012, 5, 16), dt.date(2022, 5, 20))
    # an existing person given a second office keeps the first
    may = _actor(store, "theresa-may")
    assert {r.role for r in may.roles} == {"Prime Minister", "Home Secretary"}
    assert store.holder("Home Secretary", "GBR", dt.date(2014, 1, 1)) is may


def test_curated_file_is_consistent(store: ActorStore) -> None:
    """Every role has a source and ordered dates; one office of one country never has two
    holders on the same day except on a handover day."""
    spans: dict[tuple[str, str | None], list[tuple[dt.date, dt.date, str]]] = {}
    for actor in store.actors.values():
        assert actor.roles, actor.id
        for r in actor.roles:
            assert r.source, actor.id
            if r.start and r.end:
                assert r.start <= r.end, actor.id
            if r.start:
                spans.setdefault((r.role, r.country), []).append(
                    (r.start, r.end or dt.date.max, actor.id))
    for (role, country), items in spans.items():
        items.sort()
        for (_s1, e1, a1), (s2, _e2, a2) in itertools.pairwise(items):
            assert a1 == a2 or s2 >= e1, (role, country, a1, a2)


def test_a_name_with_a_second_family_name_is_the_known_person() -> None:
    store = ActorStore.default()
    for written, known in [("Marcelo Ebrard Casaubon", "Marcelo Ebrard"),
                           ("Rosa Icela Rodríguez Velázquez", "Rosa Icela Rodríguez"),
                           ("César Bernardo Arévalo de León", "Bernardo Arévalo")]:
        actor = store.match(written)
        assert actor is not None and actor.name == known


def test_a_second_family_name_does_not_stand_for_the_first() -> None:
    store = ActorStore.default()
    assert store.match("Marcelo Casaubon") is None  # the second family name alone
    assert store.match("Juan Ebrard Casaubon") is None  # another first name


@pytest.mark.parametrize(("name", "actor_id"), [
    ("Sameh Soukri", "sameh-shoukry"),  # one first name, the family name transliterated
    ("Kamel Fekih", "kamel-feki"),
    ("Samech Soukri", "sameh-shoukry"),  # the Greek spelling, romanized
])
def test_match_reads_transliterations_of_one_name(store: ActorStore, name: str,
                                                  actor_id: str) -> None:
    actor = store.match(name)
    assert actor is not None and actor.id == actor_id


def test_match_does_not_stretch_a_family_name_to_another_initial(store: ActorStore) -> None:
    assert store.match("John Terry") is None  # not John Kerry


def test_match_a_shared_middle_name_does_not_hide_another_family_name() -> None:
    store = ActorStore.default().copy()
    store.add(Actor("sc-sam", "Sok Chenda Sam", "KHM"))
    assert store.match("Sok Chenda Sophea") is None  # same given names, another family
    found = store.match("Sok Chenda Sam")
    assert found is not None and found.id == "sc-sam"
    store.add(Actor("mec", "Maria Elena Castro", "PER"))
    assert store.match("Maria Elena Vargas") is None
    found = store.match("Maria Elena Kastro")  # one family name spelt another way
    assert found is not None and found.id == "mec"
