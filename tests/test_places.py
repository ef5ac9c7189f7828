"""Event locations: place rules (data/places.toml), homonyms, datelines, person names that
are town names, and the order in which an event's location is chosen."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import summitry
from summitry import geo, mentions, nlp
from summitry.errors import ConfigError
from summitry.people import Person
from summitry.records import Event

PUB = dt.date(2024, 5, 8)
PACKAGED = Path(geo.__file__).parent / "data" / "places.toml"


# ------------------------------------------------------------------------ the rules file


def test_packaged_rules_load_and_hold_every_list() -> None:
    rules = geo.place_rules()
    assert "june" in rules.not_places and "monday" in rules.date_words
    assert "in" in rules.setting_before and "signed" in rules.setting_cues
    assert rules.written_forms["washington, d.c."] == "Washington, D.C."


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = PACKAGED.read_text(encoding="utf-8")
    changed = re.sub(old, new, text, count=1)
    assert changed != text
    path = tmp_path / "places.toml"
    path.write_text(changed, encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    (r"version = 1", "version = 2", "version"),
    (r'"march", "may",', '"March", "may",', "lower-case"),
    (r'"march", "may",', '"may", "may",', "twice"),
    (r"place_nouns = \[", "place_nounz = [", "unknown keys"),
    (r'"washington dc" = "Washington, D.C."', '"washington dc" = "Seattle"', "same words"),
    (r"presence_before = \[[^\]]*\]", "presence_before = []", "presence_before"),
    (r"\[written_forms\][^\[]*$", "", "written_forms"),
])
def test_broken_rules_are_refused_with_the_key_named(
        tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        geo.read_place_rules(_write(tmp_path, old, new))


def test_a_rules_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "places.toml"
    path.write_text("not_places = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not TOML"):
        geo.read_place_rules(path)


# ------------------------------------------------------------------------------ frames


@pytest.mark.parametrize(("text", "setting", "destination", "presence"), [
    ("the two ministers met in Lisbon", True, False, False),
    ("talks were held at the Oslo", True, False, False),
    ("during a visit to Quito", True, True, False),
    ("arrived in the Kenyan capital, Nairobi", True, False, True),
    ("the minister is in Lima", True, False, True),
    ("the suspect was flown to Madrid", False, True, False),
    ("the mayor of Lima", False, False, False),
    ("Lima", False, False, False),
    ("her colleague Lima", False, False, False),
])
def test_frames_before_a_place(text: str, setting: bool, destination: bool,
                               presence: bool) -> None:
    at = text.rfind(" ") + 1
    assert geo.in_setting(text, at) is setting
    assert geo.in_destination(text, at) is destination
    assert geo.in_presence(text, at) is presence


# ---------------------------------------------------------------------- gazetteer picks


def test_homonyms_prefer_the_events_countries() -> None:
    default = geo.find_place("Valencia")
    assert default is not None and default.country == "VEN"  # the most populous
    spain = geo.find_place("Valencia", prefer=["ESP", "MAR"])
    assert spain is not None and (spain.name, spain.country) == ("Valencia", "ESP")
    # a preference with no city of that name changes nothing
    assert geo.find_place("Valencia", prefer=["FRA"]) == default


def test_a_capital_wins_over_another_citys_alternate_name() -> None:
    loc = geo.find_place("New Delhi")
    assert loc is not None and (loc.name, loc.country) == ("New Delhi", "IND")
    # ...but a tiny capital does not beat a large city of the same name
    hamilton = geo.find_place("Hamilton")
    assert hamilton is not None and hamilton.country == "CAN"


def test_prominent_cities_may_host_other_countries() -> None:
    madrid, bali = geo.find_place("Madrid"), geo.find_place("Bali")
    assert madrid is not None and geo.prominent(madrid)
    assert bali is not None and bali.country == "IND" and not geo.prominent(bali)


def test_a_month_after_a_city_is_not_part_of_its_name() -> None:
    [p] = geo.find_places("Talks were held in Lisbon June 3 and ended.")
    assert (p.text, p.location.country) == ("Lisbon", "PRT")
    [q] = geo.find_places("They met in Oslo Tuesday.")
    assert q.text == "Oslo"
    assert geo.find_places("It happened in June Monday.") == []


def test_written_forms_give_the_longer_name() -> None:
    text = "They met in Washington, D.C. on Friday."
    start = text.index("Washington")
    assert geo.written_form(text, start, start + len("Washington")) == (
        start + len("Washington, D.C."), "Washington, D.C.")
    plain = "They met in Washington on Friday."
    assert geo.written_form(plain, 12, 22) is None
    assert geo.written_form("in Washington DCX", 3, 13) is None


# ---------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(("line", "city", "country"), [
    ("ACCRA (Reuters) - Ghana and Togo agreed", "Accra", "GHA"),
    ("LIMA, June 3 (AFP) - The ministers", "Lima", "PER"),
    ("Tunis: The interior ministers", "Tunis", "TUN"),
    ("Rabat – The Spanish minister", "Rabat", "MAR"),
    (" date 2024-05-06 NAIROBI - Kenya and Somalia", "Nairobi", "KEN"),
    ("DAR-ES-SALAAM, Police chiefs of the two countries", "Dar es Salaam", "TZA"),
    ("TASHKENT, 02.03.2019 /Agency/. The delegation", "Tashkent", "UZB"),
    ("QUITO, Ecuador, May 2 (EFE): Officials", "Quito", "ECU"),
    ("A photo caption.Hanoi (VNA) – The ministers", "Hanoi", "VNM"),
])
def test_datelines(line: str, city: str, country: str) -> None:
    pm = geo.dateline(line)
    assert pm is not None and (pm.location.name, pm.location.country) == (city, country)
    assert line[pm.start:pm.end] == pm.text


@pytest.mark.parametrize("line", [
    "Lima is where the talks took place - said the minister",  # a sentence, not a dateline
    "The ministers met on Monday - both sides said",
    "Peru – Chile talks resume",  # countries are not datelines
    "A caption.Hanoi (Staff photographer) – The ministers",  # no news agency
    "Victoria - the minister said",  # a word that is no place
])
def test_not_datelines(line: str) -> None:
    assert geo.dateline(line) is None


# --------------------------------------------------------------- names that are not places


@pytest.fixture(scope="module")
def spacy_nlp():  # type: ignore[no-untyped-def]
    return nlp.load()


def test_a_persons_name_is_not_a_place(spacy_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The secretary thanked Ana Rodriguez. Officials met Rodriguez later. They met in " \
           "Rodriguez on Friday."
    doc = spacy_nlp(text)
    first = text.index("Rodriguez")
    second = text.index("Rodriguez", first + 1)
    third = text.rindex("Rodriguez")
    person = Person("Ana Rodriguez", mentions=[(first - 4, first + 9)])
    loc = geo.find_place("Rodriguez")
    assert loc is not None

    def ref(start: int) -> mentions.PlaceRef:
        return mentions.PlaceRef(start, start + 9, loc)

    assert mentions._in_name(doc, text, ref(first), [person])  # inside the mention
    assert mentions._in_name(doc, text, ref(second), [person])  # a word of the name
    assert not mentions._in_name(doc, text, ref(third), [person])  # "met in X": a place
    assert not mentions._in_name(doc, text, ref(third), [])  # nobody of that name


# ------------------------------------------------------------------ the event's location


def _location(text: str) -> tuple[str, str | None] | None:
    events: list[Event] = summitry.extract(text, published=PUB)
    assert events, text
    loc = events[0].location
    return (loc.name, loc.country) if loc else None


def test_homonym_in_the_events_countries() -> None:
    assert _location("The interior ministers of Spain and Morocco, Pedro Alvarez and Karim "
                     "Benali, met in Valencia on Monday to discuss irregular migration.") == (
        "Valencia", "ESP")


def test_a_small_town_abroad_is_not_the_venue() -> None:
    # the only "Bali" of the gazetteer is a small Indian town: not where two Europeans met
    assert _location("British Home Secretary Jane Miller met her French counterpart Paul "
                     "Girard in Bali on Monday to discuss migrant smuggling.") is None


def test_a_setting_in_the_capital_apposition() -> None:
    assert _location("Greek Migration Minister Nikos Andreou held talks with Turkish Interior "
                     "Minister Ahmet Kaya in the capital Ankara on Monday to discuss "
                     "irregular migration.") == ("Ankara", "TUR")


def test_washington_dc_as_written() -> None:
    assert _location("US Attorney General Mary Stone and Canadian Public Safety Minister Luc "
                     "Tremblay met on March 2 in Washington, D.C. to discuss cross-border "
                     "crime.") == ("Washington, D.C.", "USA")


_MEETING = ("Spanish Interior Minister Pedro Alvarez {verb} his Moroccan counterpart Karim "
            "Benali {when} to discuss irregular migration and border security.")


def test_dateline_city_when_the_sentence_gives_none() -> None:
    text = "RABAT (Reuters) - " + _MEETING.format(verb="met", when="on Monday")
    assert _location(text) == ("Rabat", "MAR")


def test_dateline_city_of_another_country_is_not_the_venue() -> None:
    text = "LONDON (Reuters) - " + _MEETING.format(verb="met", when="on Monday")
    assert _location(text) is None


def test_dateline_city_does_not_place_a_planned_meeting() -> None:
    text = "RABAT (Reuters) - " + _MEETING.format(verb="will meet", when="next week")
    assert _location(text) is None


_SIGNED = ("Nigeria and Niger have signed a deal to boost their security cooperation, the "
           "Nigerian military said on Tuesday.\n")


@pytest.mark.parametrize("second", [
    "The ceremony in Niamey was attended by both defence chiefs, the statement added.",
    "The two chiefs of defence staff were in Niamey for the ceremony, the statement added.",
])
def test_another_sentence_tells_where_it_was_signed(second: str) -> None:
    assert _location(_SIGNED + second) == ("Niamey", "NER")


def test_a_place_far_from_any_cue_is_not_the_venue() -> None:
    text = _SIGNED + ("A new counter-terrorism unit will be based in Abuja, an officer said "
                      "on a visit to the border.")
    assert _location(text) is None


def test_a_city_before_the_date_stamp_of_a_first_line_is_the_dateline() -> None:
    body = ("\n\nThe interior ministers of Ghana and Togo met on Tuesday to discuss cross-border "
            "cattle smuggling and agreed to share intelligence.\n")
    stamped = "Kodjo Mensah\n\nLomé / 15.03.2022 10:42:05" + body
    [ev] = [e for e in summitry.extract(stamped) if e.type == "CONSULT"]
    assert ev.location is not None and (ev.location.name, ev.location.country) == ("Lomé", "TGO")
    # a stamp with no city before it, or a city mid-sentence, is no dateline
    plain = "Kodjo Mensah\n\nBy our reporter / 15.03.2022 10:42:05" + body
    assert all(e.location is None for e in summitry.extract(plain))


# ------------------------------------------- later visits, described places, government seats


def test_a_later_visit_in_another_sentence_is_not_the_venue() -> None:
    text = _SIGNED + "The Nigerian chief is scheduled to visit Niamey in March for more talks."
    events = summitry.extract(text, published=PUB)
    signed = [e for e in events if e.type == "AGREE"]
    assert signed and signed[0].location is None


def test_a_past_visit_in_another_sentence_still_places_the_signing() -> None:
    text = _SIGNED + "The Nigerian chief signed it during a visit to Niamey, the statement said."
    assert _location(text) == ("Niamey", "NER")


def test_a_place_that_describes_a_noun_is_not_the_setting() -> None:
    text = ("Spain and Morocco agreed on Monday to set up a joint police unit in Valencia, "
            "Spanish Interior Minister Pedro Alvarez said after talks with his Moroccan "
            "counterpart Karim Benali in Rabat.")
    assert _location(text) == ("Rabat", "MAR")


@pytest.mark.parametrize("text, city", [
    ("Mr Alvarez held talks at Morocco's Interior Ministry on Monday.", "Rabat"),
    ("Mr Alvarez held talks at the Moroccan Foreign Ministry on Monday.", "Rabat"),
    ("During a visit to Spain's Ministry of the Interior, Mr Benali spoke.", "Madrid"),
])
def test_a_countrys_ministry_in_a_setting_stands_in_its_capital(text: str, city: str) -> None:
    assert [p.location.name for p in geo.government_seats(text)] == [city]


def test_a_ministry_that_speaks_is_not_a_place() -> None:
    assert geo.government_seats("The Moroccan Foreign Ministry said on Monday it agreed.") == []
    assert geo.government_seats("Morocco's Interior Ministry welcomed the deal.") == []


def test_a_meeting_at_a_countrys_ministry_is_in_its_capital() -> None:
    assert _location("Spanish Interior Minister Pedro Alvarez met his Moroccan counterpart "
                     "Karim Benali at Morocco's Interior Ministry on Monday to discuss "
                     "irregular migration.") == ("Rabat", "MAR")


# ------------------------------------------------------------------ government buildings


@pytest.mark.parametrize("text, city, country", [
    ("The two ministers held talks at the Kremlin on Monday.", "Moscow", "RUS"),
    ("He was received at the Élysée Palace by the president.", "Paris", "FRA"),
    ("The envoys met at the White House on Friday.", "Washington, D.C.", "USA"),
    ("The three leaders met at Camp David on Friday.", "Camp David", "USA"),
])
def test_a_government_building_in_a_setting_is_its_city(text: str, city: str,
                                                        country: str) -> None:
    found = geo.landmarks(text)
    assert [(p.location.name, p.location.country) for p in found] == [(city, country)]


def test_a_government_building_that_speaks_is_no_place() -> None:
    assert geo.landmarks("The Kremlin said on Monday that the talks went well.") == []
    assert geo.landmark("Ruritania House") is None
    viminale = geo.landmark("Viminale")  # as a foreign page's locative names it
    assert viminale is not None and (viminale.name, viminale.country) == ("Rome", "ITA")


def test_a_landmark_must_name_a_city_and_a_country(tmp_path: Path) -> None:
    path = _write(tmp_path, r'"kremlin" = "Moscow, RUS"', '"kremlin" = "Moscow"')
    with pytest.raises(ConfigError, match="landmarks"):
        geo.read_place_rules(path)


def test_a_meeting_at_a_government_building_is_in_its_city() -> None:
    assert _location("Russian Interior Minister Ivan Petrov met his Belarusian counterpart "
                     "Oleg Sidorov at the Kremlin on Monday to discuss border "
                     "security.") == ("Moscow", "RUS")
