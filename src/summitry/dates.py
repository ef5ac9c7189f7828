"""Time expressions in English news text: find them, then resolve them to date ranges.

:func:`find_time_mentions` is a compiled-regex tagger (no dateparser: it silently
returns the base date or invents days for the expressions news text uses most). Every
rule proposes candidates; the longest wins where they overlap. :func:`resolve` turns one
mention into a :class:`~summitry.records.DateRange` against the publication date,
:func:`resolve_year_context` when only the reference *year* is known, and
:func:`combine` reasons over several mentions of one event ("Thursday" + "the 18th
and 19th of this month").

Conventions (the scorer accepts a system range lying within the gold range):

* full date -> ``day``; month(+year) -> ``month`` (1st..last day); year -> ``year``.
* "early/mid/late March" -> days 1-10 / 11-20 / 21-end at precision ``month``;
  "early/mid/late 2019" -> Jan-Apr / May-Aug / Sep-Dec, halves and quarters likewise,
  at precision ``month``.
* "this/last/next week" -> Monday..Sunday at precision ``day``; with ``prefer=-1``
  the current week is clipped at the reference date ("this week" on a Friday ->
  Monday..Friday). "earlier this year" -> Jan 1..ref (``year``).
* "05/01/2021": a number above 12 decides; otherwise the page's own convention
  (:func:`numeric_convention`: its unambiguous numeric dates, else the order of its
  spelled dates), else day-first, as most of the world writes. The same parser reads the
  header stamps in :mod:`summitry.clean` (:func:`find_dates`), so a page's dates never
  disagree.
* Other calendars: Buddhist-era years ("18 June 2563", "B.E. 2561": minus 543), Thai
  and a few other languages' month names inside full dates, dual-calendar datelines
  ("04 Ramadan 1437/09 June 2016": the Gregorian half), Solar Hijri years and dates
  ("solar year 1405", "18 Farvardin 1397"). The vocabulary is in ``data/calendars.json``.
* "since 2018" -> kind ``year``, ``direction=-1``: 2018-01-01..ref (end None without ref).
* Month names must be capitalised. A bare month needs a cue ("in March", "last
  February"); "May"/"March" never count after "and"/"to"/"or"/"on" (modal, verb, name).
* Years are 1900-2099, not after "$", "No.", "Section", "Resolution" ..., not before
  "%", "people", "troops" ...
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from summitry.names import fold
from summitry.records import DateRange

__all__ = [
    "CalendarDate",
    "TimeMention",
    "combine",
    "current_years",
    "find_dates",
    "find_time_mentions",
    "months_where",
    "numeric_convention",
    "resolve",
    "resolve_year_context",
]

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One time expression found in text.

    ``start``/``end`` are character offsets into the text given (plus ``offset``).
    ``kind``: ``date`` (day + month, year optional: "March 24"), ``month``,
    ``year``, ``day_of_month`` ("the 18th"), ``weekday``, ``relative``
    ("yesterday", "last week", "two days ago", "earlier this year"), ``range``
    ("18th and 19th of this month", "March 3-5, 2021", "Wednesday and Thursday",
    "(2017-2021)"). ``direction``: -1 past ("last", "ago", "earlier", "since"),
    +1 future ("next", "coming"). ``tense_hint``: +1 when a future cue ("will",
    "scheduled") precedes the mention in its sentence.

    Beyond the core fields: ``unit`` (day/week/weekend/month/year) and ``amount``
    (how many units: "last week" = 1, "two days ago" = 2) for relative expressions and
    "of last month"; ``unit="year"`` on a month means "this March"; ``part`` narrows a
    period (early/mid/late, h1/h2, q1..q4) or is ``window`` for "the past N units";
    ``end_year``/``end_month`` close ranges across years or months.
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    days: tuple[int, ...] = ()
    weekdays: tuple[int, ...] = ()
    direction: int = 0
    tense_hint: int = 0
    unit: str = ""
    amount: int = 0
    part: str = ""
    end_year: int | None = None
    end_month: int | None = None


# --------------------------------------------------------------------------- vocabulary

_MONTH_NO = {n[:3].lower(): i for i, n in enumerate(calendar.month_name) if n}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NO = {n[:3].lower(): i for i, n in enumerate(_WEEKDAY_NAMES)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_PARTS = {"early": "early", "beginning": "early", "start": "early", "mid": "mid",
          "middle": "mid", "late": "late", "end": "late", "first half": "h1",
          "second half": "h2", "first quarter": "q1", "second quarter": "q2",
          "third quarter": "q3", "fourth quarter": "q4", "last quarter": "q4"}
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "h1": (1, 6), "h2": (7, 12),
               "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12)}
_REL_WORDS = {"last": (-1, 1), "previous": (-1, 1), "preceding": (-1, 1), "past": (-1, 1),
              "this": (0, 0), "current": (0, 0), "present": (0, 0), "next": (1, 1),
              "coming": (1, 1), "following": (1, 1), "earlier this": (-1, 0),
              "so far this": (-1, 0), "later this": (1, 0)}
_PREC_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}
#: ``part`` of "until Monday": what runs until a weekday, the next such day (or the
#: publication day itself), began within the week before it: the week that ends then
UNTIL = "until"
_UNTIL = frozenset({"until", "till"})
_UNIT_PREC = {"day": "day", "week": "day", "weekend": "day", "month": "month", "year": "year"}

# --------------------------------------------------------------------------- regex pieces

_MON_WORDS = (r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|"
              r"Jun(?:e|\.)?|Jul(?:y|\.)?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|"
              r"Nov(?:ember|\.)?|Dec(?:ember|\.)?")
# capitalised, or all capitals as header stamps write them ("JUNE 13, 2018")
_MON_CAPS = _MON_WORDS.upper()
_MON = rf"(?<![\w.])(?P<{{g}}>{_MON_WORDS}|{_MON_CAPS})(?![A-Za-z])"
_MONFULL = (r"(?<![\w.])(?P<{g}>January|February|March|April|May|June|July|August|September|"
            r"October|November|December)(?![\w-])")
_DAY = r"(?P<{g}>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?!\w|[:.,][0-9])"
_ORD = r"(?P<{g}>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)(?!\w)"
_YEAR = r"(?P<{g}>(?:19|20)[0-9]{{2}})(?![0-9])"
_WDN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
_WDP = (rf"(?:(?P<wd>{_WDN}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?(?![a-z])),?\s+)?")
_SEP = r"(?:\s*[-–—]\s*|\s+(?i:to|through|thru|until|till|and)\s+)"
_PART = (r"(?P<part>(?i:early|mid|late|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of|"
         r"(?:the\s+)?(?:first|second)\s+half\s+of|"
         r"(?:the\s+)?(?:first|second|third|fourth|last)\s+quarter\s+of))")
_NUM = r"(?P<n>[0-9]{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
_UNITS = r"(?P<u>(?i:day|week|month|year))"


def _g(piece: str, name: str) -> str:
    return piece.format(g=name)


_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:no|nos|number|section|art|article|resolution|room|flight|route|bill|law|decree|"
    r"chapter|page|pages|pp?|item|rule|paragraph|code|model|version|iso|unit|clause|annex|"
    r"highway|km|exit)\.?|[$€£¥#@№])\s*$", re.IGNORECASE)
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|people\b|persons\b|migrants\b|troops\b|soldiers\b|"
    r"officers\b|officials\b|members\b|cases\b|deaths\b|dollars\b|euros\b|pesos\b|km\b|"
    r"kilomet\w+|miles\b|met(?:er|re)s\b|tons\b|tonnes\b|hectares\b|kg\b|kilograms\b|"
    r"pounds\b|units\b|vehicles\b|weapons\b|firearms\b|rifles\b|arrests\b|agents\b|"
    r"families\b|children\b|men\b|women\b|refugees\b|residents\b|votes\b|hours\b|feet\b)",
    re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|to\s+be\s+held|scheduled|expected\s+to|plans?\s+to|"
                     r"planned|upcoming|set\s+to|would(?!\s+have)|"
                     r"look(?:s|ing)?\s+forward\s+to|the\s+next)\b", re.IGNORECASE)
_DOM_FOLLOW_OK = {"and", "to", "in", "at", "with", "when", "as", "where", "during", "between"}

# --------------------------------------------------------------------------- rule handlers

Handler = Callable[[re.Match[str]], "TimeMention | None"]


def _mk(mt: re.Match[str], kind: str, span: tuple[int, int] | None = None,
        **kw: Any) -> TimeMention:
    s, e = span if span is not None else (
        mt.span("t") if "t" in mt.re.groupindex and mt.start("t") >= 0 else mt.span())
    return TimeMention(s, e, mt.string[s:e], kind, **kw)


def _month(word: str) -> int:
    return _MONTH_NO[word[:3].lower()]


def _weekdays_in(text: str) -> tuple[int, ...]:
    return tuple(_WEEKDAY_NO[w[:3].lower()] for w in re.findall(_WDN, text))


def _wd_of(mt: re.Match[str]) -> tuple[int, ...]:
    w = mt.group("wd") if "wd" in mt.re.groupindex else None
    return (_WEEKDAY_NO[w[:3].lower()],) if w else ()


def _part(word: str | None) -> str:
    if not word:
        return ""
    w = re.sub(r"^(?:at\s+)?(?:the\s+)?|\s+of$", "", " ".join(word.lower().split()))
    return _PARTS.get(w, "")


def _day_range(mt: re.Match[str], month: int, end_month: int | None,
               year: int | None) -> TimeMention | None:
    """A date or a day range ("March 3-5", "30 March - 2 April 2021")."""
    d1 = int(mt.group("d1"))
    d2 = int(mt.group("d2")) if mt.group("d2") else None
    if d2 is None:
        return _mk(mt, "date", year=year, month=month, days=(d1,), weekdays=_wd_of(mt))
    cross = end_month is not None and end_month != month
    if not cross and d2 <= d1:
        return None
    start_year = year - 1 if (cross and year and end_month and end_month < month) else year
    return _mk(mt, "range", year=start_year, month=month, days=(d1, d2),
               end_month=end_month if cross else None,
               end_year=year if start_year != year else None, weekdays=_wd_of(mt))


def _h_iso(mt: re.Match[str]) -> TimeMention | None:
    y, mo = int(mt.group("y")), int(mt.group("m"))
    if mt.group("d") is None:
        return None if mo == y % 100 + 1 else _mk(mt, "month", year=y, month=mo)
    dt.date(y, mo, int(mt.group("d")))
    return _mk(mt, "date", year=y, month=mo, days=(int(mt.group("d")),))


#: the convention of the text being tagged for ambiguous numeric dates (True: day-first)
_DAY_FIRST: ContextVar[bool | None] = ContextVar("summitry_dates_day_first", default=None)


def _numeric_day_first(a: int, b: int) -> bool:
    """Is "a/b/yyyy" day-first? A number above 12 decides, then the page's convention,
    then day-first (most of the world)."""
    if a > 12 or b > 12:
        return a > 12
    conv = _DAY_FIRST.get()
    return True if conv is None else conv


def _h_numeric(mt: re.Match[str]) -> TimeMention | None:
    a, b, y = int(mt.group("a")), int(mt.group("b")), int(mt.group("y"))
    d, mo = (a, b) if _numeric_day_first(a, b) else (b, a)
    dt.date(y, mo, d)
    return _mk(mt, "date", year=y, month=mo, days=(d,))


def _h_ymd(mt: re.Match[str]) -> TimeMention | None:
    """"2021/06/15", "2021.06.15" (year first is always year-month-day)."""
    y, mo, d = int(mt.group("y")), int(mt.group("m")), int(mt.group("d"))
    dt.date(y, mo, d)
    return _mk(mt, "date", year=y, month=mo, days=(d,))


# --------------------------------------------------------------------------- other calendars


@lru_cache(maxsize=1)
def _calendars() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("summitry").joinpath("data/calendars.json").read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def _current_year_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = _calendars()["current_year_cues"]
    before = re.compile(rf"\b(?i:{_alternation(cues['before'])})\s+$")
    after = re.compile(rf"\s+(?i:{_alternation(cues['after'])})\b")
    return before, after


def current_years(text: str, mentions: Iterable[TimeMention]) -> list[TimeMention]:
    """The year mentions that say the text is written in that year: "only nine boats
    stopped so far in 2011", "arrivals in 2019 so far" (``current_year_cues`` of
    ``data/calendars.json``)."""
    before, after = _current_year_cues()
    out = []
    for t in mentions:
        if t.kind != "year" or t.year is None or t.part or t.direction or t.end_year:
            continue
        lead = text[max(0, t.start - 30):t.start]
        if before.search(lead) or (re.search(r"\bin\s+$", lead, re.IGNORECASE)
                                   and after.match(text, t.end)):
            out.append(t)
    return out


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+")
                    for w in sorted(set(words), key=len, reverse=True))


def month_languages() -> tuple[str, ...]:
    """The languages whose Gregorian month names ``data/calendars.json`` holds."""
    return tuple(sorted(_calendars()["gregorian_months"]))


@lru_cache(maxsize=1)
def _foreign_months() -> dict[str, int]:
    """Gregorian month names of other languages, lower-cased -> month number."""
    out: dict[str, int] = {}
    for names in _calendars()["gregorian_months"].values():
        out.update({k.casefold(): int(v) for k, v in names.items()})
    return out


def _be_year(y: int) -> int:
    """A Buddhist-era year (2400-2700) as a Gregorian year; others unchanged."""
    return y - int(_calendars()["buddhist_era_offset"]) if 2400 <= y <= 2700 else y


def _h_foreign(mt: re.Match[str]) -> TimeMention | None:
    """"18 มิถุนายน 2563", "13 de junio de 2018", "13 June 2561" (Buddhist era)."""
    word = mt.group("m")
    month = _foreign_months().get(word.casefold())
    raw_year = int(mt.group("y"))
    if month is None:  # an English month: only a Buddhist-era year is new here
        if not 2400 <= raw_year <= 2700:
            return None
        month = _month(word)
    y = _be_year(raw_year)
    if not 1900 <= y <= 2099:
        return None
    d = int(mt.group("d"))
    dt.date(y, month, d)
    return _mk(mt, "date", year=y, month=month, days=(d,))


def _h_be_year(mt: re.Match[str]) -> TimeMention | None:
    """"B.E. 2561", "พ.ศ. 2563": a Buddhist-era year."""
    y = _be_year(int(mt.group("y")))
    return _mk(mt, "year", year=y) if 1900 <= y <= 2099 else None


def _h_dual(mt: re.Match[str]) -> TimeMention | None:
    """"04 Ramadan 1437/09 June 2016": the Gregorian half dates it; the span is both."""
    inner = find_time_mentions(mt.group("g"))
    full = [m for m in inner if m.kind == "date" and m.year is not None]
    if len(full) != 1:
        return None
    return replace(full[0], start=mt.start(), end=mt.end(), text=mt.group(0))


def nowruz(sh_year: int) -> dt.date:
    """The Gregorian date of 1 Farvardin of Solar Hijri year ``sh_year`` (the March
    equinox day in Tehran: the 20th in Gregorian leap years, else the 21st, which holds
    for the years news pages write, 1996-2030; at most a day off outside them)."""
    g = sh_year + int(_calendars()["solar_hijri_offset"])
    return dt.date(g, 3, 20 if calendar.isleap(g) else 21)


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Solar Hijri (Iranian) ``year``-``month``-``day`` as a Gregorian date."""
    if not 1 <= month <= 12 or not 1 <= day <= (31 if month <= 6 else 30):
        raise ValueError(f"no such Solar Hijri date {year}-{month}-{day}")
    before = sum(31 if k <= 6 else 30 for k in range(1, month))
    out = nowruz(year) + dt.timedelta(days=before + day - 1)
    if out >= nowruz(year + 1):
        raise ValueError(f"no such Solar Hijri date {year}-{month}-{day}")
    return out


def _h_solar_year(mt: re.Match[str]) -> TimeMention | None:
    """"the solar year 1405", "1397 SH": Nowruz to the day before the next Nowruz."""
    y = int(mt.group("y"))
    lo, hi = nowruz(y), nowruz(y + 1) - ONE_DAY
    return _mk(mt, "range", year=lo.year, month=lo.month, days=(lo.day, hi.day),
               end_year=hi.year, end_month=hi.month, part="solar")


def _h_solar_date(mt: re.Match[str]) -> TimeMention | None:
    """"18 Farvardin 1397" (day), "Farvardin 1397" (the month's Gregorian days)."""
    y = int(mt.group("y"))
    month = {k.casefold(): v for k, v in _calendars()["solar_hijri_months"].items()}[
        mt.group("m").casefold()]
    if mt.group("d"):
        d = solar_hijri_to_gregorian(y, month, int(mt.group("d")))
        return _mk(mt, "date", year=d.year, month=d.month, days=(d.day,))
    lo = solar_hijri_to_gregorian(y, month, 1)
    hi = (solar_hijri_to_gregorian(y, month + 1, 1) if month < 12 else nowruz(y + 1)) - ONE_DAY
    return _mk(mt, "range", year=lo.year, month=lo.month, days=(lo.day, hi.day),
               end_year=hi.year if hi.year != lo.year else None,
               end_month=hi.month, part="solar")


def _h_weekday_paren(mt: re.Match[str]) -> TimeMention | None:
    """"on Wednesday (Jun 8)", "Tuesday (30 January)": one date with its weekday."""
    inner = [m for m in find_time_mentions(mt.group("inner"))
             if m.kind in {"date", "range"} and m.days]
    if len(inner) != 1:
        return None
    return replace(inner[0], start=mt.start(), end=mt.end(), text=mt.group(0),
                   weekdays=_weekdays_in(mt.group("w")))


def _calendar_rules() -> list[tuple[str, Handler]]:
    cal = _calendars()
    foreign = _alternation(_foreign_months())
    english = "|".join(calendar.month_name[1:])
    hijri = _alternation(cal["hijri_months"])
    solar_months = _alternation(cal["solar_hijri_months"])
    be = _alternation(cal["buddhist_era_markers"])
    sh_pre = _alternation(cal["solar_hijri_markers"])
    sh_suf = _alternation(cal["solar_hijri_suffixes"])
    return [
        (rf"(?P<w>{_WDN})\s*\((?P<inner>[^()\n]{{3,30}})\)", _h_weekday_paren),
        (r"(?<![0-9])(?P<d>3[01]|[12][0-9]|0?[1-9])\s+(?:(?i:de)\s+)?"
         rf"(?P<m>(?i:{foreign})|{english})\s+(?:(?i:de|del)\s+)?(?P<y>(?:19|20|24|25|26)[0-9]{{2}})"
         r"(?![0-9])", _h_foreign),
        (rf"(?<![\w.])(?:{be})\s*(?P<y>2[45][0-9]{{2}})(?![0-9])", _h_be_year),
        (rf"(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])\s+(?i:{hijri})\s+1[34][0-9]{{2}}(?:\s*(?:H|AH))?"
         r"\s*/\s*(?P<g>[^/\n]{6,40}?(?:19|20)[0-9]{2})(?![0-9])", _h_dual),
        (rf"(?P<g>(?:19|20)[0-9]{{2}}|[0-9]{{1,2}}\s+\w+\s+(?:19|20)[0-9]{{2}})\s*/\s*"
         rf"(?:3[01]|[12][0-9]|0?[1-9])\s+(?i:{hijri})\s+1[34][0-9]{{2}}(?![0-9])", _h_dual),
        (rf"\b(?i:{sh_pre})\s+(?P<y>1[34][0-9]{{2}})(?![0-9])", _h_solar_year),
        (rf"(?<![\w.])(?P<y>1[34][0-9]{{2}})\s*(?:{sh_suf})(?![\w])", _h_solar_year),
        (rf"(?:(?<![0-9])(?P<d>3[01]|[12][0-9]|0?[1-9])\s+)?\b(?P<m>{solar_months})\s+"
         r"(?P<y>1[34][0-9]{2})(?![0-9])", _h_solar_date),
    ]


def _h_mdy(mt: re.Match[str]) -> TimeMention | None:
    m1 = _month(mt.group("m1"))
    m2 = _month(mt.group("m2")) if mt.group("m2") else None
    return _day_range(mt, m1, m2, int(mt.group("y")) if mt.group("y") else None)


def _h_dmy(mt: re.Match[str]) -> TimeMention | None:
    m2 = _month(mt.group("m2"))
    m1 = _month(mt.group("m1")) if mt.group("m1") else m2
    if mt.group("m1") and not mt.group("d2"):
        return None
    return _day_range(mt, m1, m2, int(mt.group("y")) if mt.group("y") else None)


_SINCE_BEFORE = re.compile(r"\b(?i:since|ever\s+since)\s+$")


def _h_month_year(mt: re.Match[str]) -> TimeMention | None:
    # "since March 2021": the start of a period running to the report, as "since 2018"
    since = _SINCE_BEFORE.search(mt.string, max(0, mt.start() - 14), mt.start())
    return _mk(mt, "month", year=int(mt.group("y")), month=_month(mt.group("m")),
               part=_part(mt.group("part")), direction=-1 if since else 0)


def _h_month_range(mt: re.Match[str]) -> TimeMention | None:
    if not (mt.group("pre") or mt.group("y")):
        return None
    m1, m2 = _month(mt.group("m1")), _month(mt.group("m2"))
    y = int(mt.group("y")) if mt.group("y") else None
    if m1 == m2:
        return None
    y1 = y - 1 if (y is not None and m2 < m1) else y
    return _mk(mt, "range", year=y1, month=m1, end_month=m2,
               end_year=y if y1 != y else None)


def _h_bare_month(mt: re.Match[str]) -> TimeMention | None:
    rel = " ".join((mt.group("rel") or "").lower().split())
    pre = (mt.group("pre") or "").lower()
    if not rel and not pre:
        return None
    if mt.group("m") in ("May", "March") and not rel and pre in ("and", "to", "or", "on"):
        return None
    direction = _REL_WORDS.get(rel, (0, 0))[0]
    part = _part(mt.group("part")) or (_part(rel) if rel not in _REL_WORDS else "")
    return _mk(mt, "month", month=_month(mt.group("m")), direction=direction,
               unit="year" if rel in ("this", "current") else "", part=part)


def _h_year(mt: re.Match[str]) -> TimeMention | None:
    s, e = mt.span("y")
    if not _year_ok(mt.string, s, e, mt.group("part") is not None or mt.group("q") is not None):
        return None
    since = (mt.group("pre") or "").lower() == "since"
    part = _part(mt.group("part")) or (mt.group("q") or "").lower()
    span = (mt.start("pre"), mt.end("t")) if since else None
    return _mk(mt, "year", span, year=int(mt.group("y")), direction=-1 if since else 0, part=part)


def _year_ok(text: str, s: int, e: int, has_part: bool) -> bool:
    if not has_part and s > 0 and (text[s - 1].isalnum() or text[s - 1] in "$€£#@/.,:-_"):
        return False
    return not (_NOT_YEAR_BEFORE.search(text, max(0, s - 14), s)
                or _NOT_YEAR_AFTER.match(text, e))


def _h_year_range(mt: re.Match[str]) -> TimeMention | None:
    y1, raw = int(mt.group("y1")), mt.group("y2")
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if not y1 < y2 <= y1 + 60 or _NOT_YEAR_AFTER.match(mt.string, mt.end()):
        return None
    return _mk(mt, "range", year=y1, end_year=y2)


def _h_decade(mt: re.Match[str]) -> TimeMention | None:
    y = int(mt.group("y"))
    return _mk(mt, "range", year=y, end_year=y + 9)


def _h_weekday(mt: re.Match[str]) -> TimeMention | None:
    rel = (mt.group("rel") or "").lower()
    direction = _REL_WORDS.get(rel, (0, 0))[0]
    span = (mt.start("rel"), mt.end()) if rel and rel != "on" else (mt.start("w1"), mt.end())
    wds = _weekdays_in(mt.group(0))
    if rel in _UNTIL:  # "will continue until Monday": a stretch that ends that day
        return _mk(mt, "range", span, weekdays=wds[-1:], part=UNTIL)
    if mt.group("more") and re.search(r"[-–—]|to|through|until", mt.group("sep") or ""):
        wds = (wds[0], wds[-1])
    kind = "weekday" if len(wds) == 1 else "range"
    return _mk(mt, kind, span, weekdays=wds, direction=direction)


def _h_day_of_month(mt: re.Match[str]) -> TimeMention | None:
    rel = " ".join((mt.group("rel") or "").lower().split()).removeprefix("the ")
    if mt.group("rel") is None:
        nxt = re.match(r"\s*([A-Za-z]+)", mt.string[mt.end():mt.end() + 30])
        if nxt and nxt.group(1) not in _DOM_FOLLOW_OK:
            return None
    days = (int(mt.group("d1")),) + ((int(mt.group("d2")),) if mt.group("d2") else ())
    if len(days) == 2 and days[1] <= days[0]:
        return None
    direction, amount = _REL_WORDS.get(rel, (0, 0))
    unit = "month" if rel in _REL_WORDS else ""
    return _mk(mt, "range" if len(days) == 2 else "day_of_month", days=days,
               direction=direction, amount=amount, unit=unit)


def _h_rel_day(mt: re.Match[str]) -> TimeMention | None:
    w = " ".join(mt.group(0).lower().split())
    direction = 1 if w == "tomorrow" else (
        -1 if w in ("yesterday", "last night") or w.startswith("the ") else 0)
    return _mk(mt, "relative", unit="day", direction=direction, amount=abs(direction))


def _h_rel_unit(mt: re.Match[str]) -> TimeMention | None:
    rel = " ".join(mt.group("w").lower().split())
    direction, amount = _REL_WORDS[rel]
    part = _part(mt.group("part"))
    if rel == "past":
        part, direction, amount = "window", -1, 1
    unit = mt.group("u").lower()
    if unit == "weekend" and part:
        return None
    return _mk(mt, "relative", unit=unit, direction=direction, amount=amount, part=part)


def _h_ago(mt: re.Match[str]) -> TimeMention | None:
    n = mt.group("n").lower()
    amount = int(n) if n.isdigit() else _NUMBERS[n]
    return _mk(mt, "relative", unit=mt.group("u").lower(), direction=-1, amount=amount)


def _h_window(mt: re.Match[str]) -> TimeMention | None:
    n = mt.group("n").lower()
    amount = int(n) if n.isdigit() else _NUMBERS[n]
    return _mk(mt, "relative", unit=mt.group("u").lower(), direction=-1, amount=amount,
               part="window")


_RULES: list[tuple[re.Pattern[str], Handler]] = [(re.compile(p), h) for p, h in [
    (r"(?<![\w.-])(?P<y>(?:19|20)[0-9]{2})-(?P<m>0[1-9]|1[0-2])"
     r"(?:-(?P<d>0[1-9]|[12][0-9]|3[01]))?(?![0-9]|-[0-9])", _h_iso),
    (r"(?<![\w/.-])(?P<a>[0-3]?[0-9])(?P<s>[/.-])(?P<b>[0-3]?[0-9])(?P=s)"
     r"(?P<y>(?:19|20)[0-9]{2})(?![\w/-]|\.[0-9])", _h_numeric),
    (r"(?<![\w/.-])(?P<y>(?:19|20)[0-9]{2})(?P<s>[/.])(?P<m>0?[1-9]|1[0-2])(?P=s)"
     r"(?P<d>0?[1-9]|[12][0-9]|3[01])(?![\w/]|\.[0-9])", _h_ymd),
    (rf"{_WDP}{_g(_MON, 'm1')}\s+(?:(?i:the)\s+)?{_g(_DAY, 'd1')}"
     rf"(?:{_SEP}(?:{_g(_MON, 'm2')}\s+)?{_g(_DAY, 'd2')})?(?:,?\s+{_g(_YEAR, 'y')})?", _h_mdy),
    (rf"{_WDP}(?:(?i:the)\s+)?(?<![\w.,/:-]){_g(_DAY, 'd1')}(?:\s+(?:(?i:of)\s+)?{_g(_MON, 'm1')})?"
     rf"(?:{_SEP}(?:(?i:the)\s+)?{_g(_DAY, 'd2')})?(?:\s+(?i:of))?\s+{_g(_MON, 'm2')}"
     rf"(?:,?\s+{_g(_YEAR, 'y')})?", _h_dmy),
    (rf"(?:{_PART}[-\s]+)?{_g(_MON, 'm')},?\s+(?:(?i:of)\s+)?{_g(_YEAR, 'y')}", _h_month_year),
    (rf"(?:(?P<pre>(?i:between|from))\s+)?{_g(_MONFULL, 'm1')}{_SEP}{_g(_MONFULL, 'm2')}"
     rf"(?:,?\s+{_g(_YEAR, 'y')})?", _h_month_range),
    (r"(?:\b(?P<pre>(?i:in|since|by|until|till|through|throughout|during|from|before|after|of|"
     r"between|and|to|or|around|on))\s+)?(?P<t>(?:(?P<rel>(?i:last|this|next|past|coming|"
     r"current|early|mid|late|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of))[-\s]+)?"
     rf"(?:(?P<part>(?i:early|mid|late))[-\s]+)?{_g(_MONFULL, 'm')})", _h_bare_month),
    (r"(?<![\w$€£#@/.,:-])(?P<open>\()?(?P<y1>(?:19|20)[0-9]{2})\s*[-–—/]\s*"
     r"(?P<y2>(?:19|20)?[0-9]{2})(?![\w%-]|[.,:/][0-9])(?(open)\))", _h_year_range),
    (r"\b(?i:between|from)\s+(?P<y1>(?:19|20)[0-9]{2})\s+(?i:and|to|until|through)\s+"
     r"(?P<y2>(?:19|20)[0-9]{2})(?![0-9])", _h_year_range),
    (r"(?<![\w$#.,-])(?:(?i:the)\s+)?(?P<y>(?:19|20)[0-9]0)['’]?s(?!\w)", _h_decade),
    (r"(?:\b(?P<pre>(?i:since|in|by|until|during|from|of))\s+)?"
     rf"(?P<t>(?:{_PART}[-\s]+|(?P<q>Q[1-4])\s+)?{_g(_YEAR, 'y')})(?![\w%]|[.,:/-][0-9])",
     _h_year),
    (rf"(?:\b(?P<rel>(?i:last|this|next|past|coming|previous|on|until|till))\s+)?(?P<w1>{_WDN})"
     rf"(?P<more>(?:\s*,\s*{_WDN}){{0,5}}(?P<sep>\s*,?\s*[-–—]\s*|,?\s+(?i:and|to|through|until|or)"
     rf"\s+){_WDN})?", _h_weekday),
    (rf"(?P<t>\b(?i:the)\s+{_g(_ORD, 'd1')}(?:{_SEP}(?:(?i:the)\s+)?{_g(_ORD, 'd2')})?"
     r"(?:\s+(?i:of)\s+(?P<rel>(?i:this|last|next|the\s+(?:same|current|previous|following|"
     r"next|present))|the)\s+(?i:month))?)", _h_day_of_month),
    (r"\b(?i:today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|"
     r"the\s+(?:previous|preceding)\s+day|the\s+day\s+before)(?!\w)", _h_rel_day),
    (rf"\b(?P<t>(?:{_PART}\s+)?(?P<w>(?i:last|this|next|past|previous|coming|current|"
     r"earlier\s+this|later\s+this|so\s+far\s+this))\s+(?P<u>(?i:week|weekend|month|year)))"
     r"(?!\w)", _h_rel_unit),
    (rf"\b{_NUM}\s+{_UNITS}s?\s+(?i:ago)\b", _h_ago),
    (rf"\b(?i:in|over|during|for|within)\s+(?P<t>(?i:the)\s+(?i:past|last|previous)\s+{_NUM}"
     rf"\s+{_UNITS}s)(?!\w)", _h_window),
]] + [(re.compile(p), h) for p, h in _calendar_rules()]

# --------------------------------------------------------------------------- finding


def iso_date(value: object) -> dt.date | None:
    """The calendar date an ISO stamp opens with ("2021-06-15", "2021-06-15T08:00Z",
    a sitemap's or a JSONL field's date); None when there is none or it is no real day."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    if not m:
        return None
    try:
        return dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


def find_time_mentions(text: str, offset: int = 0, *, day_first: bool | None = None,
                       languages: Iterable[str] = ()) -> list[TimeMention]:
    """All time expressions in ``text``, left to right, without overlaps.

    Offsets are ``offset`` + positions in ``text``; ``tense_hint`` is +1 when a future
    cue ("will", "scheduled", "planned") precedes the mention in its sentence.
    ``day_first`` is the convention for ambiguous numeric dates ("08/06/2021"); by
    default the text's own (:func:`numeric_convention`), else day-first. ``languages``:
    ISO 639-1 codes of the text's language whose relative days, periods and weekdays
    (``relative_words`` of ``data/calendars.json``: "ieri", "la semana pasada",
    "в среду") are read as well; English ones always are.
    """
    conv = day_first if day_first is not None else (
        _DAY_FIRST.get() if _DAY_FIRST.get() is not None else numeric_convention(text))
    token = _DAY_FIRST.set(conv)
    try:
        return _find(text, offset, _language_rules(tuple(sorted(set(languages)))))
    finally:
        _DAY_FIRST.reset(token)


# --------------------------------------------------------------------------- other languages


def _word_key(text: str) -> str:
    """A relative word as its table keys it: no accents, case-folded, one space."""
    return " ".join(fold(text).replace("’", "'").replace("-", " ").split())


def _loose(entry: str, *, spaces: bool = True) -> str:
    """The regex of a word-list entry: an accented letter also matches without its accent,
    an apostrophe any apostrophe, a space or hyphen any run of them."""
    out = []
    for ch in entry:
        base = unicodedata.normalize("NFD", ch)
        if ch in " -" and spaces:
            out.append(r"[\s\-]+")
        elif ch in "'’":
            out.append("['’]")
        elif len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
            out.append(f"(?:{re.escape(ch)}|{re.escape(base[0])})")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _words_alt(words: Iterable[str], *, exact: bool = False) -> str:
    alt = "|".join(_loose(w) for w in sorted(set(words), key=len, reverse=True))
    return alt if exact else f"(?i:{alt})"


@lru_cache(maxsize=32)
def _language_rules(codes: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], Handler], ...]:
    """The rules of the relative words of languages ``codes`` (their tables merged). A
    weekday matches as its table writes it ("domingo", not the name "Domingo"), or in any
    case where a line or sentence starts ("Lunedì il ministro ...")."""
    tables = _calendars().get("relative_words", {})
    raw = [tables[c] for c in codes if isinstance(tables.get(c), dict)]
    days = {_word_key(k): int(v) for t in raw for k, v in t.get("days", {}).items()}
    periods = {_word_key(k): (str(v[0]), int(v[1])) for t in raw
               for k, v in t.get("periods", {}).items()}
    weekdays = {_word_key(k): int(v) for t in raw for k, v in t.get("weekdays", {}).items()}
    before = {_word_key(k): int(v) for t in raw for k, v in t.get("weekday_before", {}).items()}
    after = {_word_key(k): int(v) for t in raw for k, v in t.get("weekday_after", {}).items()}
    needs_before = any(t.get("weekday_needs_before") for t in raw)
    substring = any(t.get("substring") for t in raw)
    cal = _calendars()
    months = {k.casefold(): int(v) for c in codes
              for k, v in cal["gregorian_months"].get(c, {}).items()}
    joiners = [w for c in codes for w in cal.get("day_joiners", {}).get(c, [])]
    if not (days or periods or weekdays or months):
        return ()
    lo, hi = ("", "") if substring else (r"(?<!\w)", r"(?!\w)")

    def rel_day(mt: re.Match[str]) -> TimeMention | None:
        n = days[_word_key(mt.group(0))]
        return _mk(mt, "relative", unit="day", direction=(n > 0) - (n < 0), amount=abs(n))

    def period(mt: re.Match[str]) -> TimeMention | None:
        unit, n = periods[_word_key(mt.group(0))]
        return _mk(mt, "relative", unit=unit, direction=n, amount=abs(n))

    def weekday(mt: re.Match[str]) -> TimeMention | None:
        pre, post = mt.group("pre"), mt.group("post")
        if needs_before and not pre:
            return None
        direction = before.get(_word_key(pre), 0) if pre else 0
        direction = after.get(_word_key(post), direction) if post else direction
        return _mk(mt, "weekday", weekdays=(weekdays[_word_key(mt.group("w"))],),
                   direction=direction)

    def day_month(mt: re.Match[str]) -> TimeMention | None:
        # "16 y 17 de noviembre", "16 नवंबर": no year (one with a year is a longer match)
        return _day_range(mt, months[mt.group("m").casefold()], None, None)

    wd_names = [w for t in raw for w in t.get("weekdays", {})]
    rules: list[tuple[str, Handler]] = []
    if months:
        join = "|".join([*(re.escape(w) for w in joiners), "-", "–"])
        rules.append((r"(?<![0-9])(?P<d1>3[01]|[12][0-9]|0?[1-9])(?:\s*(?:" + join + r")\s*"
                      r"(?P<d2>3[01]|[12][0-9]|0?[1-9]))?\s*(?:(?i:de)\s+)?"
                      rf"(?P<m>{_words_alt(months)})(?!\w)", day_month))
    if days:
        rules.append((lo + _words_alt(k for t in raw for k in t.get("days", {})) + hi, rel_day))
    if periods:
        rules.append((lo + _words_alt(k for t in raw for k in t.get("periods", {})) + hi,
                      period))
    if wd_names:
        pre = [k for t in raw for k in t.get("weekday_before", {})]
        post = [k for t in raw for k in t.get("weekday_after", {})]
        pattern = (lo + (f"(?:(?P<pre>{_words_alt(pre)})\\s+)?" if pre else "(?P<pre>(?!x)x)?")
                   + f"(?P<w>{_words_alt(wd_names, exact=True)}|(?:(?<![^\\n])|(?<=[.!?] ))"
                   + f"{_words_alt(wd_names)})"
                   + (f"(?:\\s+(?P<post>{_words_alt(post)}))?" if post else "(?P<post>(?!x)x)?")
                   + hi)
        rules.append((pattern, weekday))
    return tuple((re.compile(p), h) for p, h in rules)


_NUM_DATE = re.compile(r"(?<![\w/.-])([0-3]?[0-9])([/.-])([0-3]?[0-9])\2(?:19|20)[0-9]{2}(?![0-9])")
_SPELLED_DMY = re.compile(rf"(?<![\w.,/:-]){_g(_DAY, 'd')}\s+(?:of\s+)?{_g(_MON, 'm')}\.?,?\s+"
                          r"(?:19|20)[0-9]{2}")
_SPELLED_MDY = re.compile(rf"{_g(_MON, 'm')}\.?\s+{_g(_DAY, 'd')},?\s+(?:19|20)[0-9]{{2}}")


def numeric_convention(text: str) -> bool | None:
    """How ``text`` writes numeric dates: True day-first, False month-first, None unknown.

    Its unambiguous numeric dates decide ("25/06/2021" vs "06/25/2021"); failing those,
    the order of its spelled dates ("8 June 2021" vs "June 8, 2021")."""
    dmy = mdy = 0
    for m in _NUM_DATE.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        dmy += a > 12 and b <= 12
        mdy += b > 12 and a <= 12
    if dmy != mdy:
        return dmy > mdy
    dmy = sum(1 for _ in _SPELLED_DMY.finditer(text))
    mdy = sum(1 for _ in _SPELLED_MDY.finditer(text))
    return None if dmy == mdy else dmy > mdy


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """A full calendar date written in a text (day, month and year), with its span."""

    date: dt.date
    start: int
    end: int
    text: str


def find_dates(text: str, offset: int = 0, *,
               day_first: bool | None = None) -> list[CalendarDate]:
    """Every full date (day, month and year) in ``text``, left to right, read by the same
    rules as :func:`find_time_mentions` (the one date parser of the package)."""
    out: list[CalendarDate] = []
    for m in find_time_mentions(text, offset, day_first=day_first):
        if m.kind != "date" or m.year is None or m.month is None or len(m.days) != 1:
            continue
        try:
            out.append(CalendarDate(dt.date(m.year, m.month, m.days[0]), m.start, m.end,
                                    m.text))
        except ValueError:
            continue
    return out


def _find(text: str, offset: int,
          extra: tuple[tuple[re.Pattern[str], Handler], ...] = ()) -> list[TimeMention]:
    cands: list[tuple[int, TimeMention]] = []
    for prio, (rx, handler) in enumerate((*_RULES, *extra)):
        for mt in rx.finditer(text):
            try:
                tm = handler(mt)
            except (ValueError, KeyError):  # impossible dates, odd case-folded words
                continue
            if tm is not None and tm.end > tm.start:
                cands.append((prio, tm))
    cands.sort(key=lambda c: (c[1].start - c[1].end, c[0], c[1].start))
    taken: list[TimeMention] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for _, tm in cands:
        i = bisect.bisect_left(starts, tm.start)
        if (i == 0 or taken[i - 1].end <= tm.start) and (i == len(taken)
                                                         or tm.end <= taken[i].start):
            taken.insert(i, tm)
            starts.insert(i, tm.start)
    return [replace(t, start=t.start + offset, end=t.end + offset,
                    tense_hint=_tense(text, t.start)) for t in taken]


def _tense(text: str, start: int) -> int:
    window = re.split(r"[.!?\n]", text[max(0, start - 60):start])[-1]
    return 1 if _FUTURE.search(window) else 0


# --------------------------------------------------------------------------- calendar helpers


def _shift(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + m - 1 + n
    return k // 12, k % 12 + 1


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _month_bounds(y: int, m: int, part: str = "") -> tuple[dt.date, dt.date]:
    lo, hi = _MONTH_PARTS.get(part, (1, 31))
    return dt.date(y, m, lo), dt.date(y, m, min(hi, calendar.monthrange(y, m)[1]))


def _year_bounds(y: int, part: str = "") -> tuple[dt.date, dt.date]:
    lo, hi = _YEAR_PARTS.get(part, (1, 12))
    return dt.date(y, lo, 1), _month_end(y, hi)


def _minus(ref: dt.date, unit: str, n: int) -> dt.date:
    if unit in ("day", "week", "weekend"):
        return ref - dt.timedelta(days=n * (1 if unit == "day" else 7))
    y, m = _shift(ref.year, ref.month, -n * (12 if unit == "year" else 1))
    return dt.date(y, m, min(ref.day, calendar.monthrange(y, m)[1]))


def _has_weekdays(lo: dt.date, hi: dt.date, wds: Iterable[int]) -> bool:
    n = (hi - lo).days
    return n >= 6 or set(wds) <= {(lo + dt.timedelta(days=i)).weekday() for i in range(n + 1)}


def months_where(day: int, weekday: int, lo: dt.date, hi: dt.date) -> list[tuple[int, int]]:
    """(year, month) pairs in ``[lo, hi]`` whose ``day`` falls on ``weekday`` (0=Monday)."""
    out: list[tuple[int, int]] = []
    y, m = lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        if day <= calendar.monthrange(y, m)[1] and lo <= dt.date(y, m, day) <= hi \
                and dt.date(y, m, day).weekday() == weekday:
            out.append((y, m))
        y, m = _shift(y, m, 1)
    return out


# --------------------------------------------------------------------------- resolving


def resolve(m: TimeMention, ref: dt.date | None, *, prefer: int = -1) -> DateRange:
    r = _resolve_one(m, ref, prefer=prefer)
    if m.part == "solar" and r.precision == "day":  # a Solar Hijri year or month
        return replace(r, precision="month", how=r.how + " (Solar Hijri calendar)")
    return r


def _resolve_one(m: TimeMention, ref: dt.date | None, *, prefer: int = -1) -> DateRange:
    """The date range of one mention against the reference (publication) date ``ref``.

    ``prefer=-1``: a bare weekday, "March 24" or "in March" is the most recent
    occurrence on or before ``ref`` (news reports the past); ``+1``: the next one on or
    after ``ref`` (planned events). A mention's own ``tense_hint`` overrides ``prefer``.
    "this Thursday" follows ``prefer`` too (past-tense news: the latest Thursday <= ref).
    Without ``ref`` absolute expressions still resolve; relative ones are unknown.
    """
    pref = m.tense_hint or prefer
    if m.kind == "relative":
        return _relative(m, ref, pref)
    if m.weekdays and not m.days and m.month is None:
        return _weekday(m, ref, pref)
    if m.month is None and not m.days and m.year is not None:
        return _year(m, ref)
    return _calendar(m, ref, pref)


def _year(m: TimeMention, ref: dt.date | None) -> DateRange:
    assert m.year is not None
    if m.end_year is not None:
        return DateRange(dt.date(m.year, 1, 1), dt.date(m.end_year, 12, 31), "year",
                         f"year range {m.year}-{m.end_year}")
    if m.part:
        lo, hi = _year_bounds(m.year, m.part)
        return DateRange(lo, hi, "month", f"{m.part} of {m.year}")
    lo, hi = _year_bounds(m.year)
    if m.direction < 0:
        end = ref if ref is not None and ref >= lo else None
        return DateRange(lo, end, "year", f"since {m.year}" + (f" until published {ref}"
                                                                 if end else ""))
    return DateRange(lo, hi, "year", "absolute year")


def _calendar(m: TimeMention, ref: dt.date | None, pref: int) -> DateRange:
    ym = _year_month(m, ref, pref)
    if ym is None:
        return DateRange.unknown(f"'{m.text}': needs a publication date")
    return _span(m, *ym)


def _year_month(m: TimeMention, ref: dt.date | None,
                pref: int) -> tuple[int, int, str] | None:
    if m.month is not None and m.year is not None:
        return m.year, m.month, "absolute"
    if ref is None:
        return None
    how = f"relative to published {ref.isoformat()}"
    if m.month is not None:
        return _year_of_month(m, m.month, ref, pref), m.month, how
    if m.unit == "month":
        y, mo = _shift(ref.year, ref.month, m.direction * m.amount)
        if m.direction == 0 and m.days and m.days[0] > ref.day:
            how += " (days after the publication day: ambiguous)"
        return y, mo, how
    if pref < 0:
        y, mo = (ref.year, ref.month) if m.days[0] <= ref.day else _shift(ref.year, ref.month, -1)
    else:
        y, mo = (ref.year, ref.month) if m.days[-1] >= ref.day else _shift(ref.year, ref.month, 1)
    return y, mo, how + (" (latest such day)" if pref < 0 else " (next such day)")


def _year_of_month(m: TimeMention, month: int, ref: dt.date, pref: int) -> int:
    if m.direction < 0:
        return ref.year if month < ref.month else ref.year - 1
    if m.direction > 0:
        return ref.year if month > ref.month else ref.year + 1
    if m.unit == "year":
        return ref.year
    first = (month, m.days[0]) if m.days else (month, 1)
    last = (month, m.days[-1]) if m.days else (month, 31)
    if pref < 0:
        return ref.year if first <= (ref.month, ref.day) else ref.year - 1
    return ref.year if last >= (ref.month, ref.day) else ref.year + 1


def _span(m: TimeMention, y: int, mo: int, how: str) -> DateRange:
    em = m.end_month or mo
    ey = m.end_year or (y if em >= mo else y + 1)
    try:
        if not m.days:
            lo, hi = _month_bounds(y, mo, m.part)
            if (ey, em) != (y, mo):
                hi = _month_end(ey, em)
            return DateRange(lo, hi, "month", how)
        lo, hi = dt.date(y, mo, m.days[0]), dt.date(ey, em, m.days[-1])
    except ValueError:
        return DateRange.unknown(f"'{m.text}': no such date")
    if hi < lo:
        return DateRange.unknown(f"'{m.text}': range ends before it starts")
    if m.weekdays and not _has_weekdays(lo, hi, m.weekdays):
        how += " (weekday does not match)"
    return DateRange(lo, hi, "day", how)


def _weekday(m: TimeMention, ref: dt.date | None, pref: int) -> DateRange:
    if ref is None:
        return DateRange.unknown(f"'{m.text}': weekday, no publication date")
    first, last, wd = m.weekdays[0], m.weekdays[-1], ref.weekday()
    if m.part == UNTIL:
        anchor = ref + dt.timedelta(days=(last - wd) % 7)
        return DateRange(anchor - dt.timedelta(days=6), anchor, "day",
                         f"the week until {m.text.split()[-1]}, published {ref.isoformat()}")
    if m.direction < 0:
        back = (wd - last - 1) % 7 + 1
    elif m.direction > 0:
        back = -((last - wd - 1) % 7 + 1)
    else:
        back = (wd - last) % 7 if pref < 0 else -((last - wd) % 7)
    anchor = ref - dt.timedelta(days=back)
    start = anchor - dt.timedelta(days=(last - first) % 7)
    return DateRange(start, anchor, "day", f"weekday relative to published {ref.isoformat()}")


def _relative(m: TimeMention, ref: dt.date | None, pref: int) -> DateRange:
    if ref is None:
        return DateRange.unknown(f"'{m.text}': relative, no publication date")
    how = f"relative to published {ref.isoformat()}"
    prec = _UNIT_PREC.get(m.unit, "day")
    if m.part == "window":
        return DateRange(_minus(ref, m.unit, m.amount), ref, prec, how)
    lo, hi = _unit_bounds(ref, m.unit, m.direction * m.amount, pref)
    if m.part and m.unit == "month":
        lo, hi = _month_bounds(lo.year, lo.month, m.part)
    elif m.part and m.unit == "year":
        lo, hi = _year_bounds(lo.year, m.part)
        prec = "month"
    if m.amount == 0 and m.unit != "day":
        c_lo = max(lo, ref) if (m.direction > 0 or (m.direction == 0 and pref > 0)) else lo
        c_hi = min(hi, ref) if (m.direction < 0 or (m.direction == 0 and pref < 0)) else hi
        if c_lo <= c_hi:
            lo, hi = c_lo, c_hi
    return DateRange(lo, hi, prec, how)


def _unit_bounds(ref: dt.date, unit: str, n: int, pref: int) -> tuple[dt.date, dt.date]:
    if unit == "day":
        d = ref + dt.timedelta(days=n)
        return d, d
    if unit == "week":
        mon = ref - dt.timedelta(days=ref.weekday() - 7 * n)
        return mon, mon + dt.timedelta(days=6)
    if unit == "weekend":
        sat = ref + dt.timedelta(days=5 - ref.weekday() + 7 * n)
        if n == 0 and pref < 0 and sat > ref:
            sat -= dt.timedelta(days=7)
        return sat, sat + ONE_DAY
    if unit == "month":
        y, mo = _shift(ref.year, ref.month, n)
        return _month_bounds(y, mo)
    return _year_bounds(ref.year + n)


def resolve_year_context(m: TimeMention, year: int, *,
                         not_after: dt.date | None = None) -> DateRange:
    """Resolve ``m`` when only the reference year is known.

    "March 24" -> ``year``-03-24; "last February" -> the most recent February before
    the month of ``not_after`` if given, else February of ``year``; expressions that
    name no month ("the 18th", "Thursday") -> the whole ``year`` at precision ``year``.
    The result is clipped at ``not_after``.
    """
    how = f"reference year {year}"
    if m.year is not None:
        r = resolve(m, None)
    elif m.month is not None:
        y = year
        if m.direction < 0 and not_after is not None:
            y = not_after.year if m.month < not_after.month else not_after.year - 1
        r = _span(m, y, m.month, how)
    elif m.kind == "relative" and m.unit == "year":
        lo, hi = _year_bounds(year + m.direction * m.amount, m.part)
        r = DateRange(lo, hi, "month" if m.part else "year", how)
    else:
        lo, hi = _year_bounds(year)
        r = DateRange(lo, hi, "year", how + ": the text names no month")
    if not_after is not None and r.start is not None and r.end is not None \
            and r.start <= not_after < r.end:
        r = replace(r, end=not_after, how=r.how + f", not after {not_after.isoformat()}")
    return r


# --------------------------------------------------------------------------- combining


def _is_weekday_only(m: TimeMention) -> bool:
    return bool(m.weekdays) and not m.days and m.month is None


def _bounded(rs: Iterable[DateRange]) -> list[DateRange]:
    return [r for r in rs if r.start is not None and r.end is not None]


def _intersect(ranges: list[DateRange]) -> tuple[DateRange | None, list[str]]:
    """Narrowest first, then every other range that is compatible with it."""
    ranges = sorted(ranges, key=lambda r: (r.end - r.start).days)  # type: ignore[operator]
    if not ranges:
        return None, []
    acc, used, dropped = ranges[0], [ranges[0]], []
    for r in ranges[1:]:
        assert r.start and r.end and acc.start and acc.end
        lo, hi = max(acc.start, r.start), min(acc.end, r.end)
        if lo <= hi:
            acc, used = DateRange(lo, hi, acc.precision, acc.how), [*used, r]
        else:
            dropped.append(r.how)
    prec = min((r.precision for r in used), key=_PREC_RANK.__getitem__)
    hows = "; ".join(dict.fromkeys(r.how for r in used))
    return replace(acc, precision=prec, how=hows), dropped


def _fit_weekdays(m: TimeMention, r: DateRange, wds: tuple[int, ...]) -> DateRange:
    """Move a relative day range ("the 18th and 19th") to the nearest month where it
    covers the weekdays the text gives ("Wednesday and Thursday")."""
    assert r.start is not None and r.end is not None
    if _has_weekdays(r.start, r.end, wds):
        return replace(r, how="weekday+day-of-month, " + r.how)
    if m.month is not None and m.year is not None:
        return replace(r, how=r.how + " (weekdays do not fit)")
    for k in (-1, 1, -2, 2, -3, 3):
        step = 12 if m.month is not None else 1
        y, mo = _shift(r.start.year, r.start.month, k * step)
        cand = _span(m, y, mo, f"weekday+day-of-month, moved {k * step:+d} months from {r.how}")
        if cand.start and cand.end and _has_weekdays(cand.start, cand.end, wds):
            return cand
    return replace(r, how=r.how + " (weekdays do not fit)")


def combine(mentions: list[TimeMention], ref: dt.date | None) -> DateRange | None:
    """One date range from several mentions describing ONE event, or None.

    Weekday mentions constrain mentions with day numbers ("Thursday" + "the 18th and
    19th of this month" -> the days must cover a Thursday) instead of being intersected;
    the other resolved ranges are intersected, narrowest first, ignoring conflicting
    ones. Without ``ref``, days + weekdays give a date only when the absolute mentions
    bound the search to exactly one month that fits; otherwise None. ``how`` names the
    rules used.
    """
    if not mentions:
        return None
    wds = tuple(dict.fromkeys(w for m in mentions if _is_weekday_only(m) for w in m.weekdays))
    with_days = [m for m in mentions if m.days]
    if ref is None:
        return _combine_unanchored(mentions, with_days, wds)
    use = [m for m in mentions if not _is_weekday_only(m)] if with_days else mentions
    resolved = []
    for m in use:
        r = resolve(m, ref)
        if wds and m.days and r.start is not None and r.end is not None:
            r = _fit_weekdays(m, r, wds)
        resolved.append(r)
    acc, dropped = _intersect(_bounded(resolved))
    if acc is None:
        return None
    return replace(acc, how=acc.how + (f"; ignored conflicting: {', '.join(dropped)}"
                                       if dropped else ""))


def _combine_unanchored(mentions: list[TimeMention], with_days: list[TimeMention],
                        wds: tuple[int, ...]) -> DateRange | None:
    absolute = _bounded(resolve(m, None) for m in mentions)
    bound, _ = _intersect(absolute)
    if bound is None or bound.start is None or bound.end is None:
        return None
    open_days = [m for m in with_days if m.year is None]
    if open_days and wds:
        return _unique_fit(open_days[0], wds, bound.start, bound.end)
    yearless = [m for m in mentions if m.year is None and m.month is not None]
    if yearless and bound.start.year == bound.end.year:
        extra = [resolve_year_context(m, bound.start.year) for m in yearless]
        both, _ = _intersect([bound, *_bounded(extra)])
        return both
    return bound


def fit_within(mentions: list[TimeMention], lo: dt.date, hi: dt.date) -> DateRange | None:
    """Calendar reasoning without a year: "Tuesday, January 10" (or "the 18th" +
    "Thursday") inside ``lo..hi`` (e.g. the tenure of the people present) -> the one
    date where the weekday and the day of the month agree; "October 8" without a
    weekday when ``lo..hi`` holds only one October 8; None when none or several fit."""
    loose = tuple(dict.fromkeys(w for m in mentions if _is_weekday_only(m) for w in m.weekdays))
    if hi < lo or (hi - lo).days > 366 * 40:
        return None
    for m in mentions:
        wds = m.weekdays or loose  # "Tuesday, January 10" carries its own weekday
        if m.days and m.year is None and wds:
            fit = _unique_fit(m, wds, lo, hi)
            if fit is not None:
                return fit
    for m in mentions:  # "on October 8" when the bounds hold only one October 8
        if m.days and m.year is None and m.month is not None:
            fit = _unique_fit(m, (), lo, hi)
            if fit is not None:
                return fit
    return None


def _unique_fit(m: TimeMention, wds: tuple[int, ...], lo: dt.date,
                hi: dt.date) -> DateRange | None:
    fits: list[DateRange] = []
    y, mo = lo.year, lo.month
    while (y, mo) <= (hi.year, hi.month) and len(fits) < 2:
        if m.month is None or m.month == mo:
            r = _span(m, y, mo, f"weekday+day-of-month within {lo.isoformat()}..{hi.isoformat()}")
            if r.start and r.end and lo <= r.start and r.end <= hi \
                    and _has_weekdays(r.start, r.end, wds):
                fits.append(r)
        y, mo = _shift(y, mo, 1)
    return fits[0] if len(fits) == 1 else None
