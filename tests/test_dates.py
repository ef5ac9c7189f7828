"""The temporal tagger and resolver: expression kinds, dev-page examples, calendar reasoning,
and property tests (formats round-trip, relative arithmetic, offsets, robustness)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry import dates
from summitry.dates import (
    TimeMention,
    combine,
    find_time_mentions,
    months_where,
    resolve,
    resolve_year_context,
)
from summitry.records import DateRange

D = dt.date
REF = D(2023, 1, 20)  # a Friday: the publication date of dev page 003
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def one(text: str) -> TimeMention:
    ms = find_time_mentions(text)
    assert len(ms) == 1, ms
    return ms[0]


def rng(text: str, ref: D | None = REF, **kw: int) -> tuple[D | None, D | None, str]:
    r = resolve(one(text), ref, **kw)
    return r.start, r.end, r.precision


# --------------------------------------------------------------------------- dev pages


def test_dev_003_wednesday_and_thursday() -> None:
    m = one("security officials from the two countries met on Wednesday and Thursday")
    assert (m.kind, m.weekdays, m.text) == ("range", (2, 3), "Wednesday and Thursday")
    assert rng(m.text) == (D(2023, 1, 18), D(2023, 1, 19), "day")


def test_dev_003_this_week_and_weekdays_combine() -> None:
    text = ("The U.S. and Cuban governments have resumed bilateral dialogue this week in "
            "Havana, in the first such meeting since 2018. Officials met on Wednesday and "
            "Thursday.")
    ms = find_time_mentions(text)
    assert [m.text for m in ms] == ["this week", "since 2018", "Wednesday and Thursday"]
    since = ms[1]
    assert (since.kind, since.year, since.direction) == ("year", 2018, -1)
    assert rng("this week") == (D(2023, 1, 16), D(2023, 1, 20), "day")
    r = combine([ms[0], ms[2]], REF)
    assert r is not None and (r.start, r.end, r.precision) == (D(2023, 1, 18), D(2023, 1, 19),
                                                               "day")


def test_dev_001_days_of_this_month() -> None:
    m = one("The exchange took place on the 18th and 19th of this month in the Cuban capital")
    assert (m.kind, m.days, m.unit, m.direction) == ("range", (18, 19), "month", 0)
    assert m.text == "the 18th and 19th of this month"
    assert rng(m.text) == (D(2023, 1, 18), D(2023, 1, 19), "day")
    assert resolve(m, None).precision == "unknown"


def test_dev_001_weekday_plus_days_of_month() -> None:
    text = ("the talks concluded this Thursday in Havana. The exchange took place on the 18th "
            "and 19th of this month.")
    ms = find_time_mentions(text)
    assert [m.kind for m in ms] == ["weekday", "range"]
    r = combine(ms, REF)
    assert r is not None
    assert (r.start, r.end, r.precision) == (D(2023, 1, 18), D(2023, 1, 19), "day")
    assert "weekday+day-of-month" in r.how
    assert combine(ms, None) is None  # no publication date, no bound: cannot decide
    # published early in February: "this month" would be February, whose 18th-19th hold no
    # Thursday; the nearest month that fits is January
    r2 = combine(ms, D(2023, 2, 21))
    assert r2 is not None and (r2.start, r2.end) == (D(2023, 1, 18), D(2023, 1, 19))


def test_combine_without_ref_needs_a_unique_month() -> None:
    days = one("on the 18th and 19th of this month")
    thu = one("this Thursday")
    y2023 = one("in 2023")  # Jan 19 and Oct 19, 2023 are both Thursdays
    assert combine([thu, days, y2023], None) is None
    jan = one("in January 2023")
    r = combine([thu, days, jan], None)
    assert r is not None and (r.start, r.end, r.precision) == (D(2023, 1, 18), D(2023, 1, 19),
                                                               "day")
    assert "weekday+day-of-month" in r.how


def test_dev_000_last_february_and_march_24() -> None:
    feb = one("appointed by US President Joe Biden last February.")
    assert (feb.kind, feb.month, feb.year, feb.direction) == ("month", 2, None, -1)
    assert rng(feb.text, D(2021, 6, 1)) == (D(2021, 2, 1), D(2021, 2, 28), "month")
    assert rng(feb.text, D(2021, 2, 10)) == (D(2020, 2, 1), D(2020, 2, 29), "month")
    r = resolve_year_context(feb, 2021)
    assert (r.start, r.end, r.precision) == (D(2021, 2, 1), D(2021, 2, 28), "month")
    r = resolve_year_context(feb, 2021, not_after=D(2021, 1, 15))
    assert (r.start, r.end) == (D(2020, 2, 1), D(2020, 2, 29))
    march = one("the G6 telematics meeting that took place on March 24, and which hosted")
    assert (march.kind, march.month, march.days, march.year) == ("date", 3, (24,), None)
    r = resolve_year_context(march, 2021)
    assert (r.start, r.end, r.precision) == (D(2021, 3, 24), D(2021, 3, 24), "day")
    assert resolve(march, None).precision == "unknown"


def test_dev_001_year_range_and_so_far() -> None:
    m = one("during the Government of Donald Trump (2017-2021).")
    assert (m.kind, m.text, m.year, m.end_year) == ("range", "(2017-2021)", 2017, 2021)
    assert rng(m.text, None) == (D(2017, 1, 1), D(2021, 12, 31), "year")
    assert rng("so far this year") == (D(2023, 1, 1), REF, "year")


def test_dev_pages_are_tagged(dev_docs) -> None:  # type: ignore[no-untyped-def]
    found = {p.name[:3]: [m.text for m in find_time_mentions(p.read_text())]
             for p in dev_docs.glob("*.txt")}
    assert {"last February", "March 24"} <= set(found["000"])
    assert {"this Thursday", "the 18th and 19th of this month", "(2017-2021)"} <= set(
        found["001"])
    assert {"2023-01-20", "this week", "since 2018", "Wednesday and Thursday"} <= set(
        found["003"])
    assert {"Thu, Mar 28, 2024", "the last seven months"} <= set(found["004"])


# --------------------------------------------------------------------------- expression kinds


@pytest.mark.parametrize(("text", "expected"), [
    ("Jan. 5", (D(2023, 1, 5), D(2023, 1, 5), "day")),
    ("5 January 2021", (D(2021, 1, 5), D(2021, 1, 5), "day")),
    ("January 5, 2021", (D(2021, 1, 5), D(2021, 1, 5), "day")),
    ("Sept. 5th, 2021", (D(2021, 9, 5), D(2021, 9, 5), "day")),
    ("the 5th of January, 2021", (D(2021, 1, 5), D(2021, 1, 5), "day")),
    ("Thursday, January 19, 2023", (D(2023, 1, 19), D(2023, 1, 19), "day")),
    ("2021-01-05", (D(2021, 1, 5), D(2021, 1, 5), "day")),
    ("05/01/2021", (D(2021, 1, 5), D(2021, 1, 5), "day")),  # no evidence: day-first
    ("13/01/2021", (D(2021, 1, 13), D(2021, 1, 13), "day")),  # first > 12: day-first
    ("05.01.2021", (D(2021, 1, 5), D(2021, 1, 5), "day")),  # dots: day-first
    ("2021-03", (D(2021, 3, 1), D(2021, 3, 31), "month")),
    ("March 2021", (D(2021, 3, 1), D(2021, 3, 31), "month")),
    ("mid-March 2021", (D(2021, 3, 11), D(2021, 3, 20), "month")),
    ("late 2019", (D(2019, 9, 1), D(2019, 12, 31), "month")),
    ("the first half of 2021", (D(2021, 1, 1), D(2021, 6, 30), "month")),
    ("Q3 2021", (D(2021, 7, 1), D(2021, 9, 30), "month")),
    ("in 2019", (D(2019, 1, 1), D(2019, 12, 31), "year")),
    ("the 1990s", (D(1990, 1, 1), D(1999, 12, 31), "year")),
    ("from 2017 to 2021", (D(2017, 1, 1), D(2021, 12, 31), "year")),
    ("March 3-5, 2021", (D(2021, 3, 3), D(2021, 3, 5), "day")),
    ("3-5 March 2021", (D(2021, 3, 3), D(2021, 3, 5), "day")),
    ("March 30-April 2, 2021", (D(2021, 3, 30), D(2021, 4, 2), "day")),
    ("30 March - 2 April 2021", (D(2021, 3, 30), D(2021, 4, 2), "day")),
    ("December 30 - January 2, 2021", (D(2020, 12, 30), D(2021, 1, 2), "day")),
    ("between March and May 2021", (D(2021, 3, 1), D(2021, 5, 31), "month")),
    ("they met in March", (D(2022, 3, 1), D(2022, 3, 31), "month")),
    ("this March", (D(2023, 3, 1), D(2023, 3, 31), "month")),
    ("next March", (D(2023, 3, 1), D(2023, 3, 31), "month")),
    ("in mid-January", (D(2023, 1, 11), D(2023, 1, 20), "month")),
    ("on the 5th", (D(2023, 1, 5), D(2023, 1, 5), "day")),
    ("on the 25th", (D(2022, 12, 25), D(2022, 12, 25), "day")),
    ("the 18th of last month", (D(2022, 12, 18), D(2022, 12, 18), "day")),
    ("yesterday", (D(2023, 1, 19), D(2023, 1, 19), "day")),
    ("today", (REF, REF, "day")),
    ("tonight", (REF, REF, "day")),
    ("the previous day", (D(2023, 1, 19), D(2023, 1, 19), "day")),
    ("last Tuesday", (D(2023, 1, 17), D(2023, 1, 17), "day")),
    ("next Tuesday", (D(2023, 1, 24), D(2023, 1, 24), "day")),
    ("on Friday", (REF, REF, "day")),
    ("this Thursday", (D(2023, 1, 19), D(2023, 1, 19), "day")),
    ("Monday to Wednesday", (D(2023, 1, 16), D(2023, 1, 18), "day")),
    ("last week", (D(2023, 1, 9), D(2023, 1, 15), "day")),
    ("next week", (D(2023, 1, 23), D(2023, 1, 29), "day")),
    ("last weekend", (D(2023, 1, 14), D(2023, 1, 15), "day")),
    ("two days ago", (D(2023, 1, 18), D(2023, 1, 18), "day")),
    ("3 months ago", (D(2022, 10, 1), D(2022, 10, 31), "month")),
    ("last month", (D(2022, 12, 1), D(2022, 12, 31), "month")),
    ("later this month", (REF, D(2023, 1, 31), "month")),
    ("earlier this year", (D(2023, 1, 1), REF, "year")),
    ("last year", (D(2022, 1, 1), D(2022, 12, 31), "year")),
    ("late last year", (D(2022, 9, 1), D(2022, 12, 31), "month")),
    ("over the past three months", (D(2022, 10, 20), REF, "month")),
    ("since 2018", (D(2018, 1, 1), REF, "year")),
])
def test_expressions(text: str, expected: tuple[D, D, str]) -> None:
    assert rng(text) == expected


def test_prefer_future_and_tense_hint() -> None:
    assert rng("on March 24", D(2021, 3, 1)) == (D(2020, 3, 24), D(2020, 3, 24), "day")
    assert rng("on March 24", D(2021, 3, 1), prefer=1) == (D(2021, 3, 24), D(2021, 3, 24),
                                                         "day")
    assert rng("on Thursday", prefer=1) == (D(2023, 1, 26), D(2023, 1, 26), "day")
    assert rng("this week", prefer=1) == (REF, D(2023, 1, 22), "day")
    m = one("The ministers will meet on Thursday in Madrid")
    assert m.tense_hint == 1
    assert (resolve(m, REF).start, resolve(m, REF).end) == (D(2023, 1, 26), D(2023, 1, 26))


def test_days_of_this_month_after_publication_is_marked() -> None:
    r = resolve(one("on the 18th and 19th of this month"), D(2023, 1, 5))
    assert (r.start, r.end) == (D(2023, 1, 18), D(2023, 1, 19))
    assert "ambiguous" in r.how


def test_relative_without_ref_is_unknown() -> None:
    for text in ("yesterday", "last week", "on Thursday", "in March", "the 5th",
                 "earlier this year"):
        r = resolve(one(text), None)
        assert r.precision == "unknown" and r.start is None, text
        assert r.how
    r = resolve(one("since 2018"), None)
    assert (r.start, r.end, r.precision) == (D(2018, 1, 1), None, "year")


def test_resolve_year_context_without_month() -> None:
    r = resolve_year_context(one("on Thursday"), 2021)
    assert (r.start, r.end, r.precision) == (D(2021, 1, 1), D(2021, 12, 31), "year")
    r = resolve_year_context(one("on the 18th"), 2021, not_after=D(2021, 5, 1))
    assert (r.start, r.end) == (D(2021, 1, 1), D(2021, 5, 1))
    r = resolve_year_context(one("January 5, 2019"), 2021)
    assert (r.start, r.precision) == (D(2019, 1, 5), "day")


@pytest.mark.parametrize("text", [
    "It may rain tomorrow in the capital" and "It may rain in the capital",
    "Theresa May said the plan would work",
    "May God protect the nation",
    "Thousands joined a march on the capital",
    "He paid $2019 for it",
    "2019 people crossed the border",
    "Section 2019 of the act",
    "UN Security Council Resolution 2178",
    "a 2,019 km border",
    "the 21st century",
    "the 18th round of talks",
    "the 5th of the ten sessions",
    "They meet on Mondays",
    "Call 555-2019 now",
])
def test_no_false_positives(text: str) -> None:
    assert find_time_mentions(text) == []


def test_may_and_march_with_cues() -> None:
    assert [m.text for m in find_time_mentions("In May they met; on 3 May; May 2021")] == [
        "May", "3 May", "May 2021"]
    assert one("the talks in March").month == 3


def test_offset_and_overlap() -> None:
    text = "The meeting on March 24, 2021 came after talks in 2020."
    ms = find_time_mentions(text, offset=100)
    assert [(m.text, m.start) for m in ms] == [("March 24, 2021", 115), ("2020", 150)]


def test_months_where_example() -> None:
    assert months_where(19, 3, D(2023, 1, 1), D(2023, 12, 31)) == [(2023, 1), (2023, 10)]
    assert months_where(31, 0, D(2023, 1, 1), D(2023, 3, 1)) == []
    assert months_where(19, 3, D(2023, 1, 20), D(2023, 2, 28)) == []


def test_combine_intersects_and_reports_conflicts() -> None:
    ms = [one("in January 2023"), one("last week"), one("in 2019")]
    r = combine(ms, REF)
    assert r is not None and (r.start, r.end, r.precision) == (D(2023, 1, 9), D(2023, 1, 15),
                                                               "day")
    assert "ignored conflicting" in r.how
    assert combine([], REF) is None
    assert combine([one("yesterday")], None) is None


def test_invalid_dates_are_not_mentions() -> None:
    assert find_time_mentions("2021-02-30") == []
    assert find_time_mentions("31/02/2021") == []
    r = resolve(one("February 30"), REF)
    assert r == DateRange.unknown(r.how) and "no such date" in r.how


# --------------------------------------------------------------------------- properties

_dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2035, 12, 31))
_refs = st.dates(min_value=D(1995, 1, 1), max_value=D(2030, 12, 31))


def _abbr(d: D) -> str:
    return f"{d:%b}" if d.month == 5 else f"{d:%b}."


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FORMATS = [
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{_abbr(d)} {d.day}, {d.year}",
    lambda d: f"{d:%A}, {d:%B} {d.day}, {d.year}",
    lambda d: f"the {_ordinal(d.day)} of {d:%B} {d.year}",
    lambda d: f"{d:%B} {_ordinal(d.day)} {d.year}",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d:%B} {d.day}, {d.year}".upper(),
    lambda d: f"{d:%A} ({d:%B} {d.day}, {d.year})",
    lambda d: f"{d.day} {d:%B} {d.year + 543}",  # Buddhist era
]
_US_FORMATS = [
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year}",
]


@given(_dates, st.sampled_from(_FORMATS), st.none() | _refs)
def test_rendered_dates_round_trip(d: D, fmt, ref: D | None) -> None:  # type: ignore[no-untyped-def]
    text = fmt(d)
    ms = find_time_mentions(f"Officials met on {text}. Talks went on.")
    assert len(ms) == 1 and ms[0].text == text
    r = resolve(ms[0], ref)
    assert (r.start, r.end, r.precision) == (d, d, "day")


@given(_dates, st.sampled_from(_US_FORMATS), st.none() | _refs)
def test_month_first_dates_round_trip_under_that_convention(
        d: D, fmt, ref: D | None) -> None:  # type: ignore[no-untyped-def]
    text = fmt(d)
    ms = find_time_mentions(f"Officials met on {text}. Talks went on.", day_first=False)
    assert len(ms) == 1 and ms[0].text == text
    r = resolve(ms[0], ref)
    assert (r.start, r.end, r.precision) == (d, d, "day")


@given(_dates.filter(lambda d: d.day > 12))
def test_day_first_numeric_when_unambiguous(d: D) -> None:
    r = resolve(one(f"{d.day:02d}/{d.month:02d}/{d.year}"), None)
    assert (r.start, r.end) == (d, d)


@given(_refs, st.integers(0, 6), st.sampled_from([-1, 1]))
def test_last_and_next_weekday(ref: D, wd: int, prefer: int) -> None:
    last = resolve(one(f"last {WEEKDAYS[wd]}"), ref, prefer=prefer)
    assert last.start == last.end and last.start is not None
    assert ref - dt.timedelta(days=7) <= last.start < ref and last.start.weekday() == wd
    nxt = resolve(one(f"next {WEEKDAYS[wd]}"), ref, prefer=prefer).start
    assert nxt is not None and ref < nxt <= ref + dt.timedelta(days=7) and nxt.weekday() == wd
    bare = resolve(one(f"on {WEEKDAYS[wd]}"), ref, prefer=prefer).start
    assert bare is not None and bare.weekday() == wd
    assert 0 <= (ref - bare).days * prefer * -1 < 7


@given(_refs, st.integers(1, 12))
def test_yesterday_and_days_ago(ref: D, n: int) -> None:
    assert resolve(one("yesterday"), ref).start == ref - dt.timedelta(days=1)
    r = resolve(one(f"{n} days ago"), ref)
    assert r.start == r.end == ref - dt.timedelta(days=n)


_PHRASES = [
    "yesterday", "today", "tomorrow", "last week", "this week", "next week", "this weekend",
    "last weekend", "next month", "this month", "earlier this month", "later this year",
    "so far this year", "late last year", "early next year", "two weeks ago", "a year ago",
    "in the past 10 days", "over the last seven months", "on Sunday", "last Monday",
    "next Friday", "this Thursday", "Wednesday and Thursday", "Friday to Monday",
    "on the 1st", "on the 31st", "the 30th and 31st of this month", "the 2nd of next month",
    "in February", "last February", "next December", "this May", "in late February",
    "March 24", "February 29", "29 February", "in 2020", "since 2018", "(2017-2021)",
    "mid-2019", "early March 2020", "Q4 2021", "March 30-April 2", "December 30 - January 2",
    "the previous day", "tonight",
]


@given(st.sampled_from(_PHRASES), st.none() | _refs, st.sampled_from([-1, 1]))
def test_resolved_ranges_are_ordered(phrase: str, ref: D | None, prefer: int) -> None:
    for m in find_time_mentions(phrase):
        r = resolve(m, ref, prefer=prefer)
        assert r.precision in ("day", "month", "year", "unknown")
        if r.start is not None and r.end is not None:
            assert r.start <= r.end
        if r.precision == "unknown":
            assert r.start is None and r.end is None
        y = resolve_year_context(m, 2021, not_after=ref)
        if y.start is not None and y.end is not None:
            assert y.start <= y.end


@given(st.text(max_size=40), st.sampled_from(_PHRASES), st.text(max_size=40),
       st.integers(0, 10_000))
def test_offsets_point_at_the_text(pre: str, phrase: str, post: str, offset: int) -> None:
    text = f"{pre} {phrase} {post}"
    ms = find_time_mentions(text, offset=offset)
    for a, b in itertools.pairwise(ms):
        assert a.end <= b.start
    for m in ms:
        assert text[m.start - offset:m.end - offset] == m.text


@settings(max_examples=300)
@given(st.text(max_size=200), st.none() | _refs)
def test_never_raises_on_arbitrary_text(text: str, ref: D | None) -> None:
    ms = find_time_mentions(text)
    for m in ms:
        resolve(m, ref)
        resolve_year_context(m, 2020)
    combine(ms, ref)


@given(st.integers(1, 31), st.integers(0, 6), _dates, st.integers(0, 800))
def test_months_where_really_match(day: int, wd: int, lo: D, span: int) -> None:
    hi = lo + dt.timedelta(days=span)
    out = months_where(day, wd, lo, hi)
    for y, m in out:
        d = D(y, m, day)
        assert lo <= d <= hi and d.weekday() == wd
    assert len(out) == len(set(out))


@given(_refs.filter(lambda d: d.day >= 2))
def test_combine_weekday_and_days_of_this_month(ref: D) -> None:
    day = ref.day - 1
    end = D(ref.year, ref.month, day + 1)
    days = one(f"on the {_ordinal(day)} and {_ordinal(day + 1)} of this month")
    wd = one(f"this {WEEKDAYS[end.weekday()]}")
    r = combine([wd, days], ref)
    assert r is not None and (r.start, r.end) == (D(ref.year, ref.month, day), end)


@pytest.mark.parametrize("value, day", [
    ("2021-06-15", dt.date(2021, 6, 15)), (" 2021-06-15T08:00:00Z", dt.date(2021, 6, 15)),
    ("2021-02-30", None), ("June 15, 2021", None), (None, None), ("", None),
])
def test_iso_date_reads_the_day_an_iso_stamp_opens_with(value: object,
                                                        day: dt.date | None) -> None:
    assert dates.iso_date(value) == day


@given(_refs, st.integers(0, 6), st.sampled_from(["until", "till"]), st.sampled_from([-1, 1]))
def test_until_a_weekday_is_the_week_that_ends_on_its_next_such_day(
        ref: D, wd: int, word: str, prefer: int) -> None:
    m = one(f"The talks began in the capital and will continue {word} {WEEKDAYS[wd]}.")
    assert (m.kind, m.part, m.text) == ("range", dates.UNTIL, f"{word} {WEEKDAYS[wd]}")
    r = resolve(m, ref, prefer=prefer)
    assert r.end is not None and r.start is not None and r.precision == "day"
    assert r.end.weekday() == wd and ref <= r.end < ref + dt.timedelta(days=7)
    assert (r.end - r.start).days == 6


def test_a_weekday_range_with_until_stays_a_range_of_its_two_days() -> None:
    m = one("they met from Monday until Wednesday")
    assert (m.kind, m.weekdays, m.part) == ("range", (0, 2), "")
    assert rng(m.text) == (D(2023, 1, 16), D(2023, 1, 18), "day")
