"""One date parser for every date of a page: numeric conventions, header stamps, other
calendars (Buddhist era, Solar Hijri, dual Hijri/Gregorian datelines), weekday + date in
brackets; and the properties that hold for any date and any text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry import clean
from summitry.dates import (
    find_dates,
    find_time_mentions,
    numeric_convention,
    resolve,
    solar_hijri_to_gregorian,
)
from summitry.records import RawDoc

D = dt.date

ARTICLE = (
    "The interior ministers of the two countries met in the capital to review their joint "
    "patrols along the shared border and agreed to meet again before the end of the year.\n"
    "Officials said the talks covered smuggling networks, the exchange of information and "
    "the training of customs officers at the main crossing points.\n"
)


def only_date(text: str, **kw: bool) -> D:
    found = find_dates(text, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0].date


# --------------------------------------------------------------------------- conventions


def test_numeric_convention_from_unambiguous_dates_then_spelled_dates() -> None:
    assert numeric_convention("filed 25/06/2021 and 03/04/2021") is True
    assert numeric_convention("filed 06/25/2021 and 03/04/2021") is False
    assert numeric_convention("on June 8, 2021 and 03/04/2021") is False
    assert numeric_convention("on 8 June 2021 and 03/04/2021") is True
    assert numeric_convention("03/04/2021") is None


def test_ambiguous_numeric_date_follows_the_text() -> None:
    assert only_date("posted 08/06/2021") == D(2021, 6, 8)  # no evidence: day-first
    assert only_date("posted 08/06/2021", day_first=False) == D(2021, 8, 6)
    us = find_dates("The report of 12/25/2020 and the note of 08/06/2021")
    assert [d.date for d in us] == [D(2020, 12, 25), D(2021, 8, 6)]
    assert only_date("posted 2021/06/08") == D(2021, 6, 8)
    assert only_date("posted 08-06-2021") == D(2021, 6, 8)


def test_capital_letters_and_header_clock() -> None:
    assert only_date("JUNE 13, 2018") == D(2018, 6, 13)
    assert only_date("13 June 2018 12:42") == D(2018, 6, 13)
    assert only_date("Updated: 16.06.2021 02:34:32") == D(2021, 6, 16)


# --------------------------------------------------------------------------- calendars


def test_buddhist_era() -> None:
    assert only_date("The handover took place on 3 March 2561 at the bureau.") == D(2018, 3, 3)
    m = find_time_mentions("figures for B.E. 2562 were released")
    assert [(t.kind, t.year) for t in m] == [("year", 2019)]
    # a Thai month name and a Buddhist-era year
    assert only_date("วันที่ 5 มีนาคม 2562 ที่") == D(2019, 3, 5)


def test_other_languages_only_inside_full_dates() -> None:
    assert only_date("firmado el 4 de mayo de 2019 en la capital") == D(2019, 5, 4)
    assert find_time_mentions("the mayo was on the table") == []


def test_dual_calendar_dateline_reads_the_gregorian_half() -> None:
    for text in ("Jakarta, 12 Shawwal 1440/15 June 2019 (AGENCY) - The",
                 "Cairo, 15 June 2019/12 Shawwal 1440 - The"):
        ms = find_time_mentions(text)
        dated = [m for m in ms if m.kind == "date"]
        assert len(dated) == 1 and "Shawwal" in dated[0].text
        r = resolve(dated[0], None)
        assert (r.start, r.end, r.precision) == (D(2019, 6, 15), D(2019, 6, 15), "day")


def test_solar_hijri_years_and_dates() -> None:
    m = find_time_mentions("talks will resume in the solar year 1399.")
    r = resolve(m[0], None)
    assert (r.start, r.end, r.precision) == (D(2020, 3, 20), D(2021, 3, 20), "month")
    r = resolve(find_time_mentions("the plan for 1401 SH")[0], None)
    assert (r.start, r.end) == (D(2022, 3, 21), D(2023, 3, 20))
    assert only_date("signed on 1 Farvardin 1400 in the capital") == D(2021, 3, 21)
    assert solar_hijri_to_gregorian(1402, 12, 1) == D(2024, 2, 20)
    with pytest.raises(ValueError):
        solar_hijri_to_gregorian(1402, 7, 31)


def test_weekday_with_date_in_brackets_is_one_date() -> None:
    m = find_time_mentions("The ministers met on Thursday (Mar 7) in the capital.")
    assert len(m) == 1 and m[0].weekdays == (3,) and (m[0].month, m[0].days) == (3, (7,))
    r = resolve(m[0], D(2019, 3, 9))
    assert (r.start, r.end) == (D(2019, 3, 7), D(2019, 3, 7))
    assert [t.kind for t in find_time_mentions("on Friday (the second day)")] == ["weekday"]


# --------------------------------------------------------------------------- clean uses it


def test_clean_reads_labelled_stamp_in_a_body_line_and_masks_it() -> None:
    text = " date 2019-03-08 " + ARTICLE.replace("met in", "met on Thursday in", 1)
    doc = clean.clean(RawDoc("t", text))
    assert doc.published == D(2019, 3, 8)
    assert "2019-03-08" not in doc.masked and "met on Thursday" in doc.masked


def test_clean_reads_published_label_in_a_byline_above_the_title() -> None:
    text = ("By Ana Ruiz • Published: 7 Mar 2019 • 10:15 • 2 minute read\n"
            "Ministers agree on joint border patrols\n" + ARTICLE)
    doc = clean.clean(RawDoc("t", text))
    assert doc.published == D(2019, 3, 7)


def test_clean_and_dates_read_a_numeric_header_alike() -> None:
    head = "Ministers agree on joint border patrols\n08/06/2021\n"
    doc = clean.clean(RawDoc("t", head + ARTICLE))
    assert doc.published == only_date("08/06/2021")
    us = head + ARTICLE + "The previous round was held on June 10, 2020.\n"
    doc = clean.clean(RawDoc("t", us))
    assert doc.published == D(2021, 8, 6) == find_dates(us)[0].date


def test_clean_takes_dual_calendar_dateline() -> None:
    text = ("Ministers agree on joint border patrols\n"
            "Jakarta, 12 Shawwal 1440/15 June 2019 (AGENCY) - " + ARTICLE)
    assert clean.clean(RawDoc("t", text)).published == D(2019, 6, 15)


# --------------------------------------------------------------------------- properties

_dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2099, 12, 31))
_NEUTRAL = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
]
_DAY_FIRST_FORMATS = [  # how a page that writes day-first writes dates
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d:%A}, {d.day} {d:%b} {d.year}",
    lambda d: f"{d.day} {d:%B} {d.year + 543}",
]
_MONTH_FIRST_FORMATS = [
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%B} {d.day}, {d.year}".upper(),
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
]


@given(_dates, st.sampled_from([_DAY_FIRST_FORMATS, _MONTH_FIRST_FORMATS]), st.data())
def test_any_date_in_several_formats_parses_back(d: D, family, data) -> None:  # type: ignore[no-untyped-def]
    """A page writes one date in several formats of one convention: each parses back."""
    fmts = data.draw(st.lists(st.sampled_from(family + _NEUTRAL), min_size=1, max_size=4))
    if all(f in _NEUTRAL for f in fmts) or family is _MONTH_FIRST_FORMATS:
        fmts = [family[0], *fmts]  # the convention shows in the text
    text = " and ".join(f"on {fmt(d)}" for fmt in fmts) + "."
    assert [x.date for x in find_dates(text)] == [d] * len(fmts)


@given(_dates)
def test_clean_header_date_equals_parser_date(d: D) -> None:
    stamp = f"{d.day:02d}/{d.month:02d}/{d.year}"
    doc = clean.clean(RawDoc("t", f"Ministers agree on joint border patrols\n{stamp}\n"
                                  + ARTICLE))
    assert doc.published == only_date(stamp) == d


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_parser_never_raises(text: str) -> None:
    for m in find_time_mentions(text):
        assert 0 <= m.start < m.end <= len(text)
        resolve(m, D(2020, 5, 5))
        resolve(m, None)
    for d in find_dates(text):
        assert text[d.start:d.end] == d.text


@given(st.text(alphabet="0123456789/.- JanFebMarchSolaryer()Wednsdy,", max_size=60))
def test_parser_never_raises_on_date_like_noise(text: str) -> None:
    for m in find_time_mentions(text):
        resolve(m, D(2020, 5, 5))
    find_dates(text)


def test_clean_reads_a_short_header_line_with_one_date() -> None:
    text = ("Ministers agree on joint border patrols\n"
            "REGION / 7 MAR 2019 BY ANA RUIZ\n" + ARTICLE)
    assert clean.clean(RawDoc("t", text)).published == D(2019, 3, 7)
    two = ("Ministers agree on joint border patrols\n"
           "REGION / 7 MAR 2019 / 9 MAR 2019 BY ANA RUIZ\n" + ARTICLE)
    assert clean.clean(RawDoc("t", two)).published is None


# --------------------------------------------------------------------------- other languages


@pytest.mark.parametrize(("lang", "text", "day"), [
    # published Wednesday 2023-05-10
    ("it", "Il vertice si è svolto ieri sera a Roma.", D(2023, 5, 9)),
    ("it", "Il vertice si è svolto lunedi scorso.", D(2023, 5, 8)),  # accent left out
    ("es", "La reunión tuvo lugar el pasado lunes.", D(2023, 5, 8)),
    ("pt", "A reunião decorreu anteontem em Lisboa.", D(2023, 5, 8)),
    ("fr", "La rencontre a eu lieu aujourd’hui à Paris.", D(2023, 5, 10)),
    ("de", "Das Treffen fand am vergangenen Freitag statt.", D(2023, 5, 5)),
    ("ms", "Mesyuarat itu diadakan pada hari Isnin.", D(2023, 5, 8)),
    ("id", "Pertemuan itu berlangsung kemarin.", D(2023, 5, 9)),
    ("ru", "Встреча состоялась во вторник.", D(2023, 5, 9)),
    ("el", "Η συνάντηση έγινε χθες.", D(2023, 5, 9)),
])
def test_relative_days_and_weekdays_of_other_languages(lang: str, text: str, day: D) -> None:
    (m,) = find_time_mentions(text, languages=[lang])
    r = resolve(m, D(2023, 5, 10))
    assert (r.start, r.end, r.precision) == (day, day, "day")


def test_other_languages_periods() -> None:
    (m,) = find_time_mentions("Il ministro è stato a Tunisi la settimana scorsa.",
                              languages=["it"])
    r = resolve(m, D(2023, 5, 10))
    assert (r.start, r.end) == (D(2023, 5, 1), D(2023, 5, 7))
    (m,) = find_time_mentions("Министр посетил Душанбе на прошлой неделе.", languages=["ru"])
    assert resolve(m, D(2023, 5, 10)).start == D(2023, 5, 1)


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El ministro Domingo Martes habló con la prensa."),  # names, not days
    ("ru", "Министры обсудили окружающую среду."),  # 'среду' without 'в': environment
    ("el", "Ήταν η τρίτη συνάντηση των υπουργών."),  # 'τρίτη' lower case: third
    ("de", "Die Minister sprachen über den Morgen danach."),
    ("it", "Il ministro ha parlato con Sabato Esposito."),  # a name inside a sentence
])
def test_words_that_are_no_relative_date(lang: str, text: str) -> None:
    assert find_time_mentions(text, languages=[lang]) == []


def test_foreign_words_are_read_only_for_their_language() -> None:
    assert find_time_mentions("Ieri il ministro ha parlato.") == []
    assert find_time_mentions("Ieri il ministro ha parlato.", languages=["es"]) == []
    assert [m.text for m in find_time_mentions("He said yesterday.", languages=["it"])] == [
        "yesterday"]


@pytest.mark.parametrize(("lang", "text", "kind", "month", "days"), [
    ("hi", "सीमा बैठक 16 और 17 नवंबर को होगी।", "range", 11, (16, 17)),
    ("es", "La reunión fue el 4 de marzo en Lima.", "date", 3, (4,)),
    ("es", "Las jornadas del 4 al 6 de marzo en Lima.", "range", 3, (4, 6)),
    ("it", "Il vertice del 9 e 10 ottobre a Roma.", "range", 10, (9, 10)),
    ("ru", "Встреча прошла 12 апреля в Душанбе.", "date", 4, (12,)),
])
def test_a_day_and_month_without_a_year_on_a_page_of_that_language(
        lang: str, text: str, kind: str, month: int, days: tuple[int, ...]) -> None:
    (m,) = find_time_mentions(text, languages=[lang])
    assert (m.kind, m.month, m.days, m.year) == (kind, month, days, None)
    assert find_time_mentions(text) == []  # an English page does not read them
    # with a year it is one full date, as before
    (full,) = find_time_mentions("La reunión fue el 4 de marzo de 2023.", languages=["es"])
    assert (full.kind, full.year, full.month, full.days) == ("date", 2023, 3, (4,))


def test_a_year_said_to_be_running_is_the_year_of_writing() -> None:
    from summitry import dates

    def current(text: str) -> list[str]:
        return [t.text for t in dates.current_years(text, dates.find_time_mentions(text))]

    assert current("Only nine boats have been stopped so far in 2011, police said.") == ["2011"]
    assert current("That takes arrivals in 2019 to date past 4,000.") == ["2019"]
    # a year that is only mentioned, or one that starts a period, is not
    assert current("The two navies first trained together in 2011.") == []
    assert current("Arrivals have doubled since 2011 so far as anyone knows.") == []
