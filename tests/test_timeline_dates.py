"""timeline.event_date: weekdays of the event's sentences, a text's lone weekday, open
tenures bounded by today, a yearless date inside the tenures of the people present."""

from __future__ import annotations

import datetime as dt

import pytest

from summitry import dates, timeline
from summitry.timeline import Bound, Reference

D = dt.date


def times(text: str) -> list[dates.TimeMention]:
    return dates.find_time_mentions(text)


def test_sentence_times_skip_the_reports_own_day() -> None:
    text = ("The ministry said on Friday that the two ministers had signed the plan in the "
            "port city on Wednesday after long talks.")
    ts = times(text)
    got = timeline.sentence_times(ts, [(0, len(text))], text, own=[])
    assert [t.text for t in got] == ["Wednesday"]
    assert timeline.sentence_times(ts, [(0, 10)], text, own=[]) == []
    years = "They met under the previous government (2017-2021) and again in 2019."
    assert timeline.sentence_times(times(years), [(0, len(years))], years, own=[]) == []


def test_context_dates_the_event_only_without_its_own_time() -> None:
    ref = Reference(D(2024, 5, 10), 2024, "published 2024-05-10")  # a Friday
    ctx = times("the signing took place on Wednesday")
    rng, spans = timeline.event_date([], ref, [], context=ctx)
    assert (rng.start, rng.end, rng.precision) == (D(2024, 5, 8), D(2024, 5, 8), "day")
    assert spans == [(ctx[0].start, ctx[0].end)]
    own = times("they met on Monday")
    rng, _ = timeline.event_date(own, ref, [], context=ctx)
    assert (rng.start, rng.end) == (D(2024, 5, 6), D(2024, 5, 6))
    rng, _ = timeline.event_date([], ref, [])  # nothing: the week before publication
    assert (rng.start, rng.end) == (D(2024, 5, 3), D(2024, 5, 10))


def test_lone_weekday_of_a_text() -> None:
    text = "The deal was signed in the capital. The ceremony was held on Tuesday morning."
    assert [t.text for t in timeline.lone_weekday(times(text), text)] == ["Tuesday"]
    two = text + " Talks resume on Thursday."
    assert timeline.lone_weekday(times(two), two) == []
    said = "The ministry said on Tuesday that a deal had been reached."
    assert timeline.lone_weekday(times(said), said) == []
    twice = text + " On Tuesday evening the delegations dined together."
    assert [t.text for t in timeline.lone_weekday(times(twice), twice)] == ["Tuesday"]


def test_open_tenure_is_bounded_by_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "today", lambda: D(2026, 11, 30))
    ref = Reference(how="no publication date")
    since = [Bound(D(2023, 10, 1), None, "X in office 2023-10-01..?")]
    ts = times("On Friday, November 17, the two met in the capital.")
    rng, _ = timeline.event_date(ts, ref, since)
    # Fridays on November 17 after 2023-10-01 up to today: only 2023
    assert (rng.start, rng.end, rng.precision) == (D(2023, 11, 17), D(2023, 11, 17), "day")
    monkeypatch.setattr(timeline, "today", lambda: D(2035, 1, 1))
    rng, _ = timeline.event_date(ts, ref, since)  # a later Nov 17 is a Friday too
    assert rng.start != rng.end or rng.precision != "day"


def test_yearless_date_inside_a_short_tenure_window() -> None:
    ref = Reference(how="no publication date")
    window = [Bound(D(2021, 2, 1), D(2022, 1, 31), "X in office"),
              Bound(D(2020, 6, 1), D(2022, 9, 30), "Y in office")]
    rng, _ = timeline.event_date(times("They met on October 8 in the capital."), ref, window)
    assert (rng.start, rng.end, rng.precision) == (D(2021, 10, 8), D(2021, 10, 8), "day")
    wide = [Bound(D(2019, 1, 1), D(2022, 12, 31), "X in office")]
    rng, _ = timeline.event_date(times("They met on October 8 in the capital."), ref, wide)
    assert rng.precision != "day"


def test_a_yearless_date_nothing_bounds_stays_unknown_with_its_words_as_evidence() -> None:
    ref = Reference(how="no publication date")
    text = "They met at the ministry on March 14 to discuss patrols."
    rng, spans = timeline.event_date(times(text), ref, [])
    assert rng.start is None and rng.precision == "unknown"
    assert "'March 14' gives no year" in rng.how
    assert [text[s:e] for s, e in spans] == ["March 14"]
    rng, spans = timeline.event_date(times("They met at the ministry."), ref, [])
    assert rng.how == "no date in text, no publication date" and spans == []


def test_fit_within_needs_one_fitting_day() -> None:
    oct8 = times("on October 8")
    fit = dates.fit_within(oct8, D(2021, 2, 1), D(2022, 1, 31))
    assert fit is not None and (fit.start, fit.end) == (D(2021, 10, 8), D(2021, 10, 8))
    assert dates.fit_within(oct8, D(2021, 2, 1), D(2023, 1, 31)) is None


def test_lone_day_takes_the_one_relative_day_of_a_text() -> None:
    from summitry import dates, timeline

    text = "The two police chiefs signed the memorandum in Dodoma yesterday."
    times = dates.find_time_mentions(text)
    assert [t.text for t in timeline.lone_day(times, text)] == ["yesterday"]
    two = "They met yesterday and will meet again on Friday."
    assert timeline.lone_day(dates.find_time_mentions(two), two) == []
    said = "The agreement covers border patrols, the minister said yesterday."
    assert timeline.lone_day(dates.find_time_mentions(said), said) == []


def test_lone_date_is_the_one_calendar_date_of_a_page() -> None:
    from summitry import dates, timeline

    one = "On March 3, 2021 the agencies signed a working arrangement. It starts today."
    assert [t.text for t in timeline.lone_date(dates.find_time_mentions(one))] == \
        ["March 3, 2021"]
    two = "Signed on March 3, 2021, it replaced the accord of June 9, 2015."
    assert timeline.lone_date(dates.find_time_mentions(two)) == []


def test_an_undated_page_dates_its_event_by_its_one_calendar_date() -> None:
    import summitry

    text = ("Police agencies sign data accord\n\nOn March 3, 2021, the police of Chile and "
            "the police of Peru signed a memorandum of understanding on information exchange "
            "in Lima. The officials said the accord takes effect today.\n")
    events = [e for e in summitry.extract(text) if e.type == "AGREE"]
    assert events and all(e.date.start == e.date.end == dt.date(2021, 3, 3) for e in events)


def test_lone_day_takes_the_one_calendar_day_of_a_text() -> None:
    text = "The patrol boat was handed over in Honiara on June 18th. Crews trained for weeks."
    assert [t.text for t in timeline.lone_day(times(text), text)] == ["June 18th"]
    two = "Talks began on June 18th and ended on June 20th."
    assert timeline.lone_day(times(two), two) == []
    # a report's lone calendar day months before it was written is background
    old = ("The ministry has filed the request. The suspect left the country after the crash "
           "on 12 March 2019.")
    assert timeline.lone_day(times(old), old, D(2019, 7, 20)) == []
    assert [t.text for t in timeline.lone_day(times(old), old, D(2019, 3, 20))] == [
        "12 March 2019"]


def test_an_occurred_event_does_not_start_after_its_report() -> None:
    ref = Reference(D(2022, 10, 25), 2022, "published 2022-10-25")
    own = times("the ministers signed the action plan for 2023")
    rng, _ = timeline.event_date(own, ref, [])
    assert rng.end is not None and rng.end <= D(2022, 10, 25), rng
    assert (rng.start, rng.precision) == (D(2022, 10, 18), "day")
    rng, _ = timeline.event_date(own, ref, [], planned=True)  # what is announced may
    assert (rng.start, rng.end) == (D(2023, 1, 1), D(2023, 12, 31))


def test_the_datelines_own_date_is_not_the_events() -> None:
    import summitry

    text = ("Ghana and Togo to widen police cooperation\n\n"
            "Accra, 9 June 2016 (GNA) - Ghana's interior minister expressed confidence in "
            "closer cooperation with Togo on Wednesday (Jun 8), at the second joint security "
            "commission meeting in Accra.\n")
    [ev] = summitry.extract(text)
    assert (ev.date.start, ev.date.end) == (D(2016, 6, 8), D(2016, 6, 8)), ev.date


def test_own_weekday_and_day_inside_tenures_beat_a_coarser_background_month() -> None:
    ref = Reference(how="no publication date")
    office = [Bound(D(2020, 7, 6), D(2024, 9, 21), "X in office 2020-07-06..2024-09-21")]
    text = ("During talks on Tuesday (30 January) the ministers met. They reviewed the plan "
            "agreed in March 2023.")
    rng, spans = timeline.event_date(times(text), ref, office)
    assert (rng.start, rng.end, rng.precision) == (D(2024, 1, 30), D(2024, 1, 30), "day")
    assert any(s <= text.index("Tuesday") < e for s, e in spans)
    # without the tenure nothing pins the day: the month stands
    rng, _ = timeline.event_date(times(text), ref, [])
    assert (rng.start, rng.end) == (D(2023, 3, 1), D(2023, 3, 31))


@pytest.mark.parametrize("text", [
    "The ministers met and look forward to hosting the next forum in 2023.",
    "Arrivals on the route rose between 2015 and 2022, the ministers said after they met.",
])
def test_a_future_or_trend_year_does_not_date_what_happened(text: str) -> None:
    ref = Reference(how="no publication date")
    rng, _ = timeline.event_date(times(text), ref, [])
    assert rng.start is None and rng.precision == "unknown"
    # announced, the forum's year is its date
    if "next forum" in text:
        rng, _ = timeline.event_date(times(text), ref, [], planned=True)
        assert (rng.start, rng.end) == (D(2023, 1, 1), D(2023, 12, 31))


def test_a_day_told_of_the_events_place_or_people_starts_its_range() -> None:
    ref = Reference(D(2024, 5, 10), 2024, "published 2024-05-10")
    since = times("The visiting delegation arrived in Lusaka on May 8.")
    rng, spans = timeline.event_date([], ref, [], since=since)
    assert (rng.start, rng.end, rng.precision) == (D(2024, 5, 8), D(2024, 5, 10), "day")
    assert (since[0].start, since[0].end) in spans
    # a day outside the week before the report is another occasion: the week it is
    old = times("The delegation first came to Lusaka on April 2.")
    rng, _ = timeline.event_date([], ref, [], since=old)
    assert (rng.start, rng.end) == (D(2024, 5, 3), D(2024, 5, 10))
    # the event's own date wins over any such day
    own = times("they signed on Thursday")
    rng, _ = timeline.event_date(own, ref, [], since=since)
    assert (rng.start, rng.end) == (D(2024, 5, 9), D(2024, 5, 9))


@pytest.mark.slow
def test_an_undated_signing_starts_from_the_visitors_arrival_day() -> None:
    import summitry

    text = ("Zambia and Malawi sign police accord\n\n"
            "LUSAKA (Staff) - The police chiefs of Zambia and Malawi signed a "
            "memorandum on cattle theft in Lusaka, the ministry said.\n\n"
            "The Malawian delegation arrived in Lusaka on May 8.\n\n"
            "Farmers' groups had raised the issue at a conference in Chipata on May 2.\n")
    events = [e for e in summitry.extract(text, published=D(2024, 5, 10))
              if e.type == "AGREE"]
    assert events
    assert (events[0].date.start, events[0].date.end) == (D(2024, 5, 8), D(2024, 5, 10))


def test_a_statement_made_at_the_events_place_dates_the_visit() -> None:
    text = "The minister said on Tuesday in Lilongwe that the talks had gone well."
    ts = times(text)
    assert [t.text for t in timeline.spoken_at(ts, text, "Lilongwe")] == ["Tuesday"]
    assert timeline.spoken_at(ts, text, "Harare") == []
    elsewhere = "The minister said on Tuesday that the talks had gone well."
    assert timeline.spoken_at(times(elsewhere), elsewhere, "Lilongwe") == []
    ref = Reference(D(2024, 5, 10), 2024, "published 2024-05-10")  # a Friday
    spoken = timeline.spoken_at(ts, text, "Lilongwe")
    rng, _ = timeline.event_date([], ref, [], spoken=spoken)
    assert (rng.start, rng.end, rng.precision) == (D(2024, 5, 7), D(2024, 5, 7), "day")
    # the event's own day wins; a planned visit is not dated by it
    rng, _ = timeline.event_date(times("they met on Monday"), ref, [], spoken=spoken)
    assert (rng.start, rng.end) == (D(2024, 5, 6), D(2024, 5, 6))
    rng, _ = timeline.event_date([], ref, [], spoken=spoken, planned=True)
    assert rng.start == D(2024, 5, 10)


def test_the_day_an_act_was_reported_gives_way_to_the_day_it_happened() -> None:
    ref = Reference(D(2024, 5, 10), 2024, "published 2024-05-10")  # a Friday
    text = "The suspect was sent home, police said on Thursday; he was flown out on Tuesday."
    ts = times(text)
    said = timeline.reported_days(ts, text)
    assert [t.text for t in said] == ["Thursday"]
    rng, _ = timeline.event_date(ts, ref, [], reported=said)
    assert (rng.start, rng.end) == (D(2024, 5, 7), D(2024, 5, 7))
    # the report day alone still dates it
    only = [t for t in ts if t.text == "Thursday"]
    rng, _ = timeline.event_date(only, ref, [], reported=said)
    assert (rng.start, rng.end) == (D(2024, 5, 9), D(2024, 5, 9))


def test_since_a_month_is_a_period_not_the_events_date() -> None:
    text = "Some 9,000 people have crossed since March 2021, the two ministers said after meeting."
    ts = times(text)
    assert [(t.text, t.direction) for t in ts if t.kind == "month"] == [("March 2021", -1)]
    rng, _ = timeline.event_date(ts, Reference(D(2021, 11, 20), 2021, "published"), [])
    assert rng.start != D(2021, 3, 1)
    plain = times("The two ministers met in March 2021.")
    assert plain[0].direction == 0


@pytest.mark.slow
def test_an_undated_page_counting_back_to_a_dated_happening_is_written_later() -> None:
    import summitry

    text = ("Chad and Sudan sign border pact\n\n"
            "The defence ministers of Chad and Sudan signed a border security memorandum "
            "in N'Djamena on Tuesday, although relations have been cold since a coup in Sudan "
            "two years ago.\n\n"
            "The April 2019 coup had left Khartoum isolated, analysts said.\n")
    events = [e for e in summitry.extract(text) if e.type == "AGREE"]
    assert events
    rng = events[0].date
    assert (rng.start, rng.end) == (D(2021, 1, 1), D(2021, 12, 31))
    assert "counted from" in rng.how
    # without a happening both name, the page stays undated
    other = text.replace("The April 2019 coup", "The April 2019 election")
    events = [e for e in summitry.extract(other) if e.type == "AGREE"]
    assert events and events[0].date.start != D(2021, 1, 1)


def test_a_since_clause_starts_a_period_and_dates_no_event() -> None:
    text = "Handovers became routine ever since the court restored the treaty in 1998, he said."
    assert [t.text for t in timeline.since_clause(times(text), text)] == ["1998"]
    fiscal = "That raises the count since the budget year began October 1 to twelve."
    assert [t.text for t in timeline.since_clause(times(fiscal), fiscal)] == ["October 1"]
    # a later clause of its own is not inside the "since" clause
    later = "Ties have improved since 2019, and the two ministers met on Monday."
    assert timeline.since_clause(times(later), later) == []
    plain = "The ministers met in Rome in 1998."
    assert timeline.since_clause(times(plain), plain) == []


def test_several_day_words_falling_on_one_day_name_that_day() -> None:
    text = ("A note sent on Friday night confirmed the request. Officials handed the request "
            "over today, a lawyer wrote.")
    ts = times(text)
    assert timeline.lone_day(ts, text) == []  # without the report's day they are two
    got = timeline.lone_day(ts, text, D(2024, 5, 10))  # a Friday
    assert [t.text for t in got] == ["Friday"]
    # on another day they are two days again
    assert timeline.lone_day(ts, text, D(2024, 5, 13)) == []


def test_an_opening_datelines_date_dates_the_report_not_an_event() -> None:
    from summitry import mentions
    from summitry.records import CleanDoc

    def event_times(text: str) -> list[str]:
        doc = CleanDoc(doc_id="t", raw=text, masked=text, text=text, body=(), boilerplate=())
        return [t.text for t in mentions._event_times(doc)]

    assert event_times("Pact\n\nLIMA, Peru, Nov. 9 - Early in October, the two met.") == [
        "October"]
    assert event_times("Pact\n\nQUITO, May 4, (Wire): Police got radios here Friday.") == [
        "Friday"]
    # a date inside the sentence, or one a weekday opens, is the event's
    assert event_times("Pact\n\nOn Friday, May 4 - the two met.") == ["Friday, May 4"]
    assert event_times("Pact\n\nThey met in Lima, on May 4 - a Friday.") == ["May 4", "Friday"]


def test_a_page_with_only_an_update_stamp_is_read_from_that_day() -> None:
    from types import SimpleNamespace

    from summitry.actors import ActorStore
    from summitry.records import DateHint, Span

    stamp = DateHint("updated", D(2024, 5, 10), Span(20, 40))
    page = SimpleNamespace(clean=SimpleNamespace(published=None, published_span=None, masked="",
                                                 date_hints=[stamp]),
                           doc=SimpleNamespace(sents=[]), times=[])
    ref = timeline.reference(page, ActorStore.default())  # type: ignore[arg-type]
    assert (ref.day, ref.year, ref.span) == (D(2024, 5, 10), 2024, (20, 40))
    assert "updated" in ref.how
    rng, _ = timeline.event_date(times("they signed on Wednesday"), ref, [])
    assert (rng.start, rng.end) == (D(2024, 5, 8), D(2024, 5, 8))
    # a page that names its own calendar days may have been updated long after them
    page.times = times("The leaders met on Tuesday, January 10, in the capital.")
    assert timeline.reference(page, ActorStore.default()).day is None  # type: ignore[arg-type]
    page.times = []
    # a copyright year is no such stamp
    year = DateHint("copyright", D(2024, 1, 1), Span(0, 4))
    page.clean.date_hints = [year]
    assert timeline.reference(page, ActorStore.default()).day is None  # type: ignore[arg-type]


def test_an_undated_page_saying_which_year_is_running_is_read_in_it() -> None:
    from types import SimpleNamespace

    from summitry.actors import ActorStore

    text = "Only nine boats have been stopped so far in 2011, and talks began in 2009."
    page = SimpleNamespace(clean=SimpleNamespace(published=None, published_span=None,
                                                 date_hints=[], masked=text),
                           doc=SimpleNamespace(sents=[], char_span=lambda *a, **k: None),
                           times=times(text))
    ref = timeline.reference(page, ActorStore.default())  # type: ignore[arg-type]
    assert (ref.day, ref.year) == (None, 2011)
    rng, _ = timeline.event_date(times("they met on Sunday"), ref, [])
    assert (rng.start, rng.end) == (D(2011, 1, 1), D(2011, 12, 31))
    # two running years contradict each other: no year
    both = text + " Some 40 were stopped so far in 2012."
    page.clean.masked, page.times = both, times(both)
    assert timeline.reference(page, ActorStore.default()).year is None  # type: ignore[arg-type]


def test_an_act_dated_only_by_its_report_takes_the_day_told_of_an_act_of_its_kind() -> None:
    ref = Reference(D(2024, 5, 10), 2024, "published 2024-05-10")  # a Friday
    text = "The suspect has been sent home, police said on Thursday."
    own = times(text)
    said = timeline.reported_days(own, text)
    kin = times("He was flown out on Tuesday.")
    rng, _ = timeline.event_date(own, ref, [], reported=said, kin=kin)
    assert (rng.start, rng.end) == (D(2024, 5, 7), D(2024, 5, 7))
    # two such days, or one after the report, name no day: the report day stays
    two = times("He was flown out on Tuesday and a second man on Wednesday.")
    rng, _ = timeline.event_date(own, ref, [], reported=said, kin=two)
    assert (rng.start, rng.end) == (D(2024, 5, 9), D(2024, 5, 9))
    later = times("Another man will be flown out on Friday.")
    rng, _ = timeline.event_date(own, ref, [], reported=said, kin=later)
    assert (rng.start, rng.end) == (D(2024, 5, 9), D(2024, 5, 9))
    # an event with a day of its own keeps it
    mine = times("They were sent home on Monday, police said on Thursday.")
    text2 = "They were sent home on Monday, police said on Thursday."
    rng, _ = timeline.event_date(mine, ref, [], reported=timeline.reported_days(mine, text2),
                                 kin=kin)
    assert (rng.start, rng.end) == (D(2024, 5, 6), D(2024, 5, 6))


@pytest.mark.parametrize(("text", "said"), [
    ("In a statement today, the police praised the joint raid.", ["today"]),
    ("In an online post on Friday, the coast guard thanked its neighbours.", ["Friday"]),
    ("The agency said in a statement issued on Monday that it agreed.", ["Monday"]),
    ("Prosecutors told reporters on Tuesday that the two men were held.", ["Tuesday"]),
    # negatives: a statement that is the event, a noun that is no statement
    ("The two ministers signed a joint statement on Friday.", []),
    ("The envoys met in the post office on Friday.", []),
])
def test_a_date_right_after_a_statement_dates_the_statement(text: str,
                                                           said: list[str]) -> None:
    assert [t.text for t in timeline.reported_days(times(text), text)] == said
