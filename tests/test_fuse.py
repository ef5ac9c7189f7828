"""Cross-document fusion: same event merged with every source; different events apart."""

from __future__ import annotations

import datetime as dt

import pytest

from summitry.fuse import assess, block_key, fuse, same_event
from summitry.records import DateRange, Event, Evidence, Location, Participant, Source


def ev(
    doc: str,
    *,
    start: str | None = "2023-01-18",
    end: str | None = "2023-01-19",
    precision: str = "day",
    type: str = "CONSULT",
    countries: tuple[str, ...] = ("CUB", "USA"),
    place: str | None = "Havana",
    people: tuple[str, ...] = (),
    topics: tuple[str, ...] = ("terrorism",),
    mode: str | None = "in_person",
    mode_cue: bool = False,
    status: str = "occurred",
    countries_of: tuple[str | None, ...] = (),
) -> Event:
    date = DateRange(dt.date.fromisoformat(start) if start else None,
                     dt.date.fromisoformat(end) if end else None,
                     precision if start else "unknown", f"from {doc}")
    evidence = (Evidence("mode", 0, 5, "video"),) if mode_cue else ()
    return Event(
        type=type, mode=mode, status=status, date=date,
        location=Location(place, "CUB") if place else None, countries=countries,
        participants=tuple(Participant(p, country=c) for p, c in
                           zip(people, countries_of or (None,) * len(people), strict=True)),
        organizations=(), topics=topics, confidence=0.7, sources=(Source(doc, evidence),),
        event_id=f"ev_{doc}",
    )


def test_fuse_same_meeting_two_outlets_is_one_event_with_both_sources() -> None:
    a = ev("a", start=None, end=None)  # an undated page: same place, same topics
    b = ev("b")
    fused, redirects = fuse([a, b])
    assert len(fused) == 1
    assert fused[0].doc_ids == ("a", "b")
    assert (fused[0].date.start, fused[0].date.end) == (dt.date(2023, 1, 18),
                                                        dt.date(2023, 1, 19))
    assert "most precise date" in dict(fused[0].reasons)["date"]
    assert redirects == {}


def test_fuse_two_meetings_a_month_apart_stay_apart() -> None:
    a = ev("a", start="2023-01-18", end="2023-01-18", people=("Ana Pérez",))
    b = ev("b", start="2023-02-20", end="2023-02-20", people=("Ana Pérez",))
    assert not same_event(a, b)
    assert len(fuse([a, b])[0]) == 2


def test_fuse_meeting_and_agreement_signed_at_it_stay_two_events() -> None:
    meet = ev("a")
    deal = ev("b", type="AGREE", mode="signed")
    assert len(fuse([meet, deal])[0]) == 2


def test_fuse_phone_call_and_visit_stay_apart() -> None:
    call = ev("a", mode="phone", mode_cue=True, place=None, start="2023-01-10",
              end="2023-01-20", precision="day")
    visit = ev("b", start="2023-01-18", end="2023-01-18", mode_cue=True)
    assert not same_event(call, visit)
    # two channels neither report gives evidence for: nothing says which is a default
    assert not same_event(ev("a", mode="phone", place=None), ev("b"))


def test_fuse_never_merges_two_events_of_one_document() -> None:
    a = ev("a")
    b = ev("a")
    assert not same_event(a, b)


def test_fuse_keeps_an_existing_id_and_redirects_the_loser() -> None:
    a = ev("zzz")
    b = ev("aaa")
    fused, redirects = fuse([a, b], existing_ids={"ev_zzz", "ev_aaa"})
    assert [e.event_id for e in fused] == ["ev_aaa"]
    assert redirects == {"ev_zzz": "ev_aaa"}
    fused, redirects = fuse([a, b], existing_ids={"ev_zzz"})
    assert [e.event_id for e in fused] == ["ev_zzz"]
    assert redirects == {}


def test_fuse_participants_are_unioned_by_family_name() -> None:
    a = ev("a", people=("Alejandro Mayorkas",))
    b = ev("b", people=("Mayorkas", "Bruno Rodríguez"))
    fused, _ = fuse([a, b])
    assert sorted(p.name for p in fused[0].participants) == ["Alejandro Mayorkas",
                                                            "Bruno Rodríguez"]


# --------------------------------------------------------------------------- coarse or no dates

PEOPLE = ("Ana Pérez", "Jorge Díaz")


def test_undated_report_with_same_people_and_place_joins_with_its_reason() -> None:
    dated = ev("a", people=PEOPLE)
    undated = ev("b", start=None, end=None, people=("Pérez", "Jorge Díaz"), topics=())
    fused, _ = fuse([dated, undated])
    assert len(fused) == 1
    why = dict(fused[0].reasons)["fusion"]
    assert why.startswith("b joined a: one report undated")
    assert "participant Ana Pérez" in why and "place Havana" in why


def test_undated_report_sharing_only_topics_stays_apart() -> None:
    assert not same_event(ev("a", place=None), ev("b", start=None, end=None, place=None))


def test_second_surname_counts_as_the_same_participant() -> None:
    a = ev("a", start=None, end=None, place=None, people=("Marta Ruiz Olmedo",), topics=())
    b = ev("b", start=None, end=None, place=None, people=("Marta Ruiz", "Olga Sanz"),
           topics=("terrorism",))
    c = ev("c", start=None, end=None, place=None, people=("Olga Sanz",), topics=())
    verdict = assess(a, b)
    assert verdict is None  # one shared person alone is not enough for undated reports
    a2 = ev("a", start=None, end=None, place=None, people=("Marta Ruiz Olmedo", "Olga Sanz"))
    verdict = assess(a2, b)
    assert verdict is not None and "participant Marta Ruiz Olmedo" in verdict.why
    assert assess(a2, c) is None


def test_undated_report_joins_only_one_of_two_meetings() -> None:
    jan = ev("a", start="2023-01-10", end="2023-01-10", people=PEOPLE)
    feb = ev("b", start="2023-02-14", end="2023-02-14", people=PEOPLE)
    undated = ev("c", start=None, end=None, people=PEOPLE)
    fused, _ = fuse([jan, feb, undated])
    assert len(fused) == 2
    assert sum("c" in e.doc_ids for e in fused) == 1


def test_two_meetings_of_the_same_countries_ten_days_apart_stay_two() -> None:
    a = ev("a", start="2023-03-01", end="2023-03-01", people=PEOPLE)
    b = ev("b", start="2023-03-11", end="2023-03-11", people=PEOPLE)
    assert len(fuse([a, b])[0]) == 2


def test_coarse_dates_need_shared_evidence() -> None:
    a = ev("a", start="2023-01-01", end="2023-12-31", precision="year", place=None, topics=())
    b = ev("b", start="2023-03-01", end="2023-03-31", precision="month", place=None, topics=())
    assert not same_event(a, b)
    assert same_event(ev("a", start="2023-01-01", end="2023-12-31", precision="year"),
                      ev("b", start="2023-03-01", end="2023-03-31", precision="month"))


# --------------------------------------------------------------------------- dates a day apart


def test_dates_a_day_apart_join_when_everything_else_agrees() -> None:
    a = ev("a", start="2023-05-09", end="2023-05-09", people=PEOPLE)
    b = ev("b", start="2023-05-10", end="2023-05-10", people=PEOPLE)
    fused, _ = fuse([b, a])
    assert len(fused) == 1
    assert "dates 1 day apart" in dict(fused[0].reasons)["fusion"]
    # the narrowest dates tie: the earlier one (a report dated from its own day is late)
    assert fused[0].date.start == dt.date(2023, 5, 9)


def test_dates_a_day_apart_with_weak_agreement_or_two_days_apart_stay_apart() -> None:
    a = ev("a", start="2023-05-09", end="2023-05-09")
    b = ev("b", start="2023-05-10", end="2023-05-10")
    assert not same_event(a, b)  # only the place and topics
    c = ev("c", start="2023-05-11", end="2023-05-11", people=PEOPLE)
    assert not same_event(ev("a", start="2023-05-09", end="2023-05-09", people=PEOPLE), c)


def test_a_chain_of_adjacent_days_does_not_creep() -> None:
    days = [ev(d, start=f"2023-05-{9 + k:02d}", end=f"2023-05-{9 + k:02d}", people=PEOPLE)
            for k, d in enumerate("abc")]
    fused, _ = fuse(days)
    assert sorted(len(e.doc_ids) for e in fused) == [1, 2]


# --------------------------------------------------------------------------- countries


def test_report_with_one_extra_background_country_joins_when_all_else_agrees() -> None:
    a = ev("a", people=PEOPLE)
    b = ev("b", countries=("CUB", "USA", "VEN"), people=PEOPLE)
    fused, _ = fuse([a, b])
    assert len(fused) == 1
    reasons = dict(fused[0].reasons)
    assert "VEN named by one report only" in reasons["fusion"]
    # a tie between two reports: the background country has no participant, it goes
    assert fused[0].countries == ("CUB", "USA")
    assert "dropped VEN" in reasons["countries"]


def test_country_a_report_missed_stays_when_a_participant_belongs_to_it() -> None:
    a = ev("a", people=PEOPLE)
    b = ev("b", countries=("CUB", "MEX", "USA"), people=(*PEOPLE, "Luis Soto"),
           countries_of=("USA", "CUB", "MEX"))
    fused, _ = fuse([a, b])
    assert len(fused) == 1 and fused[0].countries == ("CUB", "MEX", "USA")


def test_extra_country_with_weak_agreement_or_unnested_sets_stays_apart() -> None:
    assert not same_event(ev("a"), ev("b", countries=("CUB", "USA", "VEN")))
    assert not same_event(ev("a", countries=("CUB", "USA", "MEX"), people=PEOPLE),
                          ev("b", countries=("CUB", "USA", "VEN"), people=PEOPLE))


def test_clusters_keep_nested_country_sets() -> None:
    base = ev("a", people=PEOPLE)
    ven = ev("b", countries=("CUB", "USA", "VEN"), people=PEOPLE)
    mex = ev("c", countries=("CUB", "MEX", "USA"), people=PEOPLE)
    fused, _ = fuse([base, ven, mex])
    assert sorted(len(e.doc_ids) for e in fused) == [1, 2]


def test_block_key_is_the_type_and_pairs_need_a_shared_country_pair() -> None:
    assert block_key(ev("a", countries=("CUB", "USA"))) == block_key(
        ev("b", countries=("CUB", "MEX", "USA")))
    assert not same_event(ev("a", people=PEOPLE), ev("b", countries=("CUB", "MEX"),
                                                      people=PEOPLE))


# --------------------------------------------------------------------------- status, channel


def test_planned_and_held_reports_of_one_meeting_join_as_held() -> None:
    planned = ev("a", status="planned", people=PEOPLE)
    held = ev("b", start=None, end=None, people=PEOPLE)
    fused, _ = fuse([planned, held])
    assert len(fused) == 1 and fused[0].status == "occurred"
    assert "planned" in dict(fused[0].reasons)["status"]
    # with only the place in common an undated held report does not join a planned one
    assert not same_event(ev("a", status="planned", topics=()),
                          ev("b", start=None, end=None, topics=()))


def test_a_default_channel_yields_to_an_evidenced_one() -> None:
    video = ev("a", mode="virtual", mode_cue=True, place=None, people=PEOPLE)
    default = ev("b", start=None, end=None, place=None, people=PEOPLE)
    fused, _ = fuse([video, default])
    assert len(fused) == 1 and fused[0].mode == "virtual"
    assert "evidence" in dict(fused[0].reasons)["mode"]
    phone = ev("c", mode="phone", mode_cue=True, place=None, people=PEOPLE,
               start=None, end=None)
    fused, _ = fuse([video, default, phone])
    assert len(fused) == 2  # the default joins one of them, never both channels


# --------------------------------------------------------------------------- publication dates


def test_an_undated_report_cannot_tell_of_a_meeting_after_its_publication() -> None:
    dated = ev("a", start="2023-03-20", end="2023-03-20", people=PEOPLE)
    undated = ev("b", start=None, end=None, people=PEOPLE)
    assert same_event(dated, undated)
    assert not same_event(dated, undated, {"b": dt.date(2023, 3, 1)})
    assert same_event(dated, undated, {"b": dt.date(2023, 3, 21)})
    # an announcement published after the meeting it would announce
    planned = ev("b", start=None, end=None, people=PEOPLE, status="planned")
    assert not same_event(dated, planned, {"b": dt.date(2023, 4, 2)})


@pytest.mark.parametrize(("gap", "joined"), [(3, True), (40, False)])
def test_undated_reports_published_weeks_apart_are_weak_evidence(gap: int,
                                                                joined: bool) -> None:
    a = ev("a", start=None, end=None)  # the same place and topics, nothing else
    b = ev("b", start=None, end=None)
    published = {"a": dt.date(2023, 6, 1), "b": dt.date(2023, 6, 1) + dt.timedelta(gap)}
    assert same_event(a, b, published) is joined
    # published weeks apart, the same people still make it
    strong = (ev("a", start=None, end=None, people=PEOPLE),
              ev("b", start=None, end=None, people=PEOPLE))
    assert same_event(*strong, published)


def _with_evidence(event: Event, text: str) -> Event:
    from dataclasses import replace

    src = Source(event.sources[0].doc_id, (Evidence("type", 0, len(text), text),))
    return replace(event, sources=(src,))


@pytest.mark.slow
def test_evidence_in_two_languages_gives_no_likeness_for_or_against() -> None:
    from summitry.fuse import _text_similarity

    english = ("The interior ministers of Chile and Peru met in Santiago on Monday to "
               "discuss the extradition of a former official.")
    spanish = ("Los ministros del Interior de Chile y Perú se reunieron en Santiago el "
               "lunes para tratar la extradición de un exfuncionario.")
    a = _with_evidence(ev("a", countries=("CHL", "PER")), english)
    b = _with_evidence(ev("b", countries=("CHL", "PER")), spanish)
    assert _text_similarity(a, b) is None
    c = _with_evidence(ev("c", countries=("CHL", "PER")), english.replace("Monday", "Friday"))
    assert _text_similarity(a, c) is not None


def _with_field_evidence(event: Event, *spans: tuple[str, str]) -> Event:
    from dataclasses import replace

    src = Source(event.sources[0].doc_id,
                 tuple(Evidence(f, 0, len(t), t) for f, t in spans))
    return replace(event, sources=(src,))


def _undated(doc: str, type_: str, countries: tuple[str, ...], topics: tuple[str, ...],
             *spans: tuple[str, str]) -> Event:
    """An undated report with no place, whose evidence is ``spans``."""
    return _with_field_evidence(ev(doc, start=None, end=None, place=None, type=type_,
                                   countries=countries, topics=topics), *spans)


def test_evidence_text_is_the_type_sentence_and_every_field_word_once() -> None:
    from summitry.fuse import _evidence_text

    a = _with_field_evidence(
        ev("a"), ("type", "Officials of both countries met to talk about ports."),
        ("countries", "Cuba"), ("date", "Tuesday"), ("topics", "ports"),
        ("location", "Havana"), ("topics", "ports"), ("organizations", "Coast Guard"))
    text = _evidence_text(a)
    assert text.startswith("Officials of both countries met")
    for word in ("Cuba", "Tuesday", "Havana", "Coast Guard"):
        assert word in text
    assert text.count("ports") == 2  # the sentence's and the cue's, the cue once


@pytest.mark.slow
def test_undated_reports_with_one_agreement_join_only_when_they_tell_the_same() -> None:
    kw = ("COOPERATE", ("BRA", "PRT"), ("drug_trafficking",))
    lisbon = _undated(
        "a", *kw,
        ("type", "Portugal on Friday extradited eleven cocaine smugglers to Brazil."),
        ("countries", "Portugal"), ("countries", "Brazil"), ("topics", "cocaine"),
        ("topics", "smugglers"), ("date", "Friday"))
    wire = _undated(
        "b", *kw,
        ("type", "Eleven alleged cocaine smugglers have been extradited from Portugal "
                 "to Brazil."),
        ("countries", "Portugal"), ("countries", "Brazil"), ("topics", "cocaine"),
        ("topics", "smugglers"))
    verdict = assess(lisbon, wire)
    assert verdict is not None and "evidence cosine" in verdict.why
    course = _undated(
        "c", *kw,
        ("type", "Brazilian instructors trained Portuguese customs officers in "
                 "container inspection."),
        ("countries", "Brazilian"), ("countries", "Portuguese"), ("topics", "customs"))
    assert assess(lisbon, course) is None


@pytest.mark.slow
def test_dates_a_day_apart_join_on_two_agreements_when_the_reports_tell_the_same() -> None:
    sentence = ("The defence ministers of Cuba and the United States met in Havana to "
                "agree on joint patrols against drug smugglers.")
    a = _with_evidence(ev("a", start="2023-05-09", end="2023-05-09", place=None), sentence)
    b = _with_evidence(ev("b", start="2023-05-10", end="2023-05-10", place=None),
                       sentence.replace("met in Havana", "held talks in Havana"))
    verdict = assess(a, b)  # the topics and the same words: enough
    assert verdict is not None and verdict.slack and "dates 1 day apart" in verdict.why
    other = _with_evidence(ev("c", start="2023-05-10", end="2023-05-10", place=None),
                           "A new ferry line between the two ports opened to tourists.")
    assert assess(a, other) is None  # the topics alone are not enough a day apart


def _set_in(event: Event, how: str) -> Event:
    from dataclasses import replace

    return replace(event, reasons=(("location", how),))


def test_a_meeting_in_a_venue_of_its_own_is_not_a_phone_call() -> None:
    phone = ev("a", mode="phone", mode_cue=True, place=None, people=PEOPLE)
    venue = _set_in(ev("b", people=PEOPLE), "setting of the event's sentence")
    assert not same_event(phone, venue)
    fused, _ = fuse([phone, venue])
    assert len(fused) == 2
    # a place that is only the article's dateline says nothing of the channel
    dateline = _set_in(ev("c", people=PEOPLE, place=None), "dateline city of the article")
    assert same_event(phone, dateline)
    dateline = _set_in(ev("d", people=PEOPLE), "dateline city of the article")
    assert same_event(phone, dateline)


@pytest.mark.slow
def test_reports_in_two_languages_join_on_a_proper_name_both_write() -> None:
    kw = ("REQUEST", ("ARG", "URY"), ("corruption",))
    english = _undated(
        "a", *kw,
        ("type", "Uruguay formally asked Argentina to extradite the former banker Tomás "
                 "Quiroga, wanted for fraud and bribery."), ("topics", "bribery"))
    spanish = _undated(
        "b", *kw,
        ("type", "El Gobierno uruguayo pidió a la Argentina la extradición del exbanquero "
                 "Tomás Quiroga, buscado por fraude y sobornos."), ("topics", "sobornos"))
    verdict = assess(english, spanish)
    assert verdict is not None and "Quiroga" in verdict.why and "Tomás" in verdict.why
    other = _undated(
        "c", *kw,
        ("type", "El Gobierno uruguayo pidió a la Argentina la extradición de un "
                 "contador buscado por fraude."), ("topics", "fraude"))
    assert assess(english, other) is None  # the same countries and topic, no name
    # one language: the sentence model compares them, names do not count twice
    twin = _undated(
        "d", *kw,
        ("type", "Argentina received a request from Uruguay to hand over Tomás Quiroga."),)
    verdict = assess(english, twin)
    assert verdict is None or "named in both languages" not in verdict.why


def test_the_dateline_city_of_an_extradition_report_is_no_place_against_another() -> None:
    def extradition(doc: str, place: str, how: str) -> Event:
        return _set_in(ev(doc, place=place, type="COOPERATE", mode=None, people=PEOPLE), how)

    at_home = extradition("a", "Havana", "place of the event's sentence, in one of its countries")
    wire = extradition("b", "Miami", "dateline city of the article")
    assert same_event(at_home, wire)
    fused, _ = fuse([wire, at_home])
    assert len(fused) == 1 and fused[0].location is not None
    assert fused[0].location.name == "Havana"  # the place the report's own words give
    assert dict(fused[0].reasons)["location"] == \
        "first source that sets it in a place of its own"
    told = extradition("c", "Miami", "setting of the event's sentence")
    assert not same_event(at_home, told)  # two places the reports' words give
    # a meeting's dateline city is where reporters saw it: it still disagrees
    meeting = _set_in(ev("d", place="Miami", people=PEOPLE), "dateline city of the article")
    in_havana = _set_in(ev("e", people=PEOPLE), "setting of the event's sentence")
    assert not same_event(meeting, in_havana)


def _yearless(event: Event, words: str) -> Event:
    return _with_field_evidence(event, ("date", words))


def test_an_undated_report_with_a_yearless_day_is_not_an_event_of_other_days() -> None:
    # "on March 14", no year: the report of a meeting held on 18 January is another one
    march = _yearless(ev("a", start=None, end=None, place=None, people=PEOPLE), "March 14")
    january = ev("b", place=None, people=PEOPLE)  # 18-19 January 2023
    assert not same_event(march, january)
    # the same day and month in the other's dates: nothing against
    jan18 = _yearless(ev("c", start=None, end=None, place=None, people=PEOPLE), "January 18")
    assert same_event(jan18, january)
    # a coarse date of the other report says nothing of the day
    month = ev("d", start="2023-03-01", end="2023-03-31", precision="month", place=None,
               people=PEOPLE)
    assert _yearless_of(march, month) is None
    # the day and month the other dates it to count as an agreement, in any language
    verdict = assess(jan18, january)
    assert verdict is not None and "day and month" in verdict.why
    hindi = _yearless(ev("e", start=None, end=None, place=None), "18 और 19 जनवरी")
    assert _yearless_of(hindi, january) is True
    spanish = _yearless(ev("f", start=None, end=None, place=None), "2 y 3 de marzo")
    assert _yearless_of(spanish, january) is False


def _yearless_of(a: Event, b: Event) -> bool | None:
    from summitry.fuse import _window, _yearless

    return _yearless(a, _window(b))
