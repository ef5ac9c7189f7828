"""When did it happen: the document's reference time and each event's date range.

The reference time ("now" for the text) is the publication date when the page
gives one. Otherwise it is bounded from the text and from the actor store:

* an appointment anchor: "X was appointed ... last February" + the store's start
  date of X's office fixes the year the text was written in;
* tenure: an event with a participant acting in an office lies within that
  person's tenure ("Janet Napolitano, Secretary of Homeland Security" -> 2009-2013);
* "Guatemala's *new* Minister ..." -> within six months of the start of that tenure;
* "in the last seven months working with the administration of President X" -> the
  start of X's term plus seven months;
* an "Updated ..." stamp is an upper bound (a page is updated after the event), and the
  reference day of a page that has no other date.

When the page date and the actors disagree, the actors win and the reason is kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from summitry import dates, lexicon
from summitry.actors import ActorStore
from summitry.mentions import Analysis
from summitry.people import Person
from summitry.records import DateRange

_APPOINT = re.compile(
    r"\b(appointed|named|sworn in|took office|nominated|confirmed|elected|designated|"
    r"assumed (the )?(office|post|position)|took over)\b", re.IGNORECASE)
_INTO_TERM = re.compile(
    r"\b(?:in|over|during|for) the (?:last|past|first) (\w+) (months?|years?)\b[^.]{0,80}?"
    r"\b(?:administration|government|presidency|term) of (?:President |Prime Minister )?"
    r"([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


@dataclass(frozen=True, slots=True)
class Bound:
    """A range the event must lie in, with why and the text that says so."""

    lo: dt.date | None
    hi: dt.date | None
    why: str
    span: tuple[int, int] | None = None
    who: str | None = None  # a bound about one person applies to events they are in


@dataclass(slots=True)
class Reference:
    """The document's "now": an exact day or a year, with bounds on the event."""

    day: dt.date | None = None
    year: int | None = None
    how: str = ""
    span: tuple[int, int] | None = None
    #: dates the reference was counted from: they date another, earlier happening ("the
    #: April 2019 coup" of "a coup two years ago"), never the page's events
    background: tuple[tuple[int, int], ...] = ()


def reference(a: Analysis, store: ActorStore) -> Reference:
    """The reference time of a document (publication date, else derived)."""
    clean = a.clean
    if clean.published is not None:
        span = (clean.published_span.start, clean.published_span.end) \
            if clean.published_span else None
        return Reference(clean.published, clean.published.year,
                         f"published {clean.published.isoformat()} ({clean.published_source})",
                         span)
    stamps = [h for h in clean.date_hints if h.kind == "updated"]
    if stamps and not any(t.days and t.month is not None for t in a.times):
        # a page whose only stamp says when it was last updated ("Last Updated: Friday,
        # 10 May, 2024") and that names no calendar day of its own is read from that
        # day: its "on Saturday" is that Saturday. A page that names its days ("on Tuesday,
        # January 10") may have been updated long after them: the stamp only bounds them.
        last = max(stamps, key=lambda h: h.date)
        return Reference(last.date, last.date.year, f"page updated {last.date.isoformat()} "
                                                    f"(no publication date)",
                         (last.span.start, last.span.end))
    anchor = _appointment_anchor(a, store) or _current_year(a) or _ago_anchor(a)
    if anchor is not None:
        return anchor
    return Reference(how="no publication date")


def _current_year(a: Analysis) -> Reference | None:
    """"only nine boats stopped so far in 2011": the page is written in that year (one
    such year only)."""
    years = dates.current_years(a.clean.masked, a.times)
    if len({t.year for t in years}) != 1:
        return None
    t = years[0]
    return Reference(year=t.year, how=f"'{t.text}' is the year of writing "
                                      f"('{a.clean.masked[max(0, t.start - 12):t.end]}')",
                     span=(t.start, t.end))


#: how a time expression hangs off the noun it dates: "the April 2019 coup" (nmod),
#: "a coup two years ago" (advmod), "last year's coup" (poss), "the 2019 election" (nummod)
_NOUN_DEPS = frozenset({"nmod", "compound", "amod", "nummod", "npadvmod", "advmod", "poss"})


def _dated_noun(a: Analysis, t: dates.TimeMention) -> str | None:
    """The lemma of the common noun a time expression dates ("coup" in "the April 2019
    coup", "a coup in Sudan two years ago", "the crash on 3 May 2018"), else None."""
    span = a.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in {"of", "on", "in"}:
        head = head.head
    elif root.dep_ not in _NOUN_DEPS:
        return None
    if head is root or head.pos_ != "NOUN" or head.i in range(span.start, span.end):
        return None
    return head.lemma_.lower()


def _ago_anchor(a: Analysis) -> Reference | None:
    """A page without a date that counts back to a happening it dates elsewhere: "since a
    coup in Sudan two years ago" and "the April 2019 coup" -> the text was written in 2021.
    The year of the dated happening plus the years (or months) counted back, when every
    date the page gives that happening agrees."""
    dated: dict[str, list[dates.TimeMention]] = {}
    for t in a.times:
        if t.year is None or t.direction or t.kind not in {"date", "month", "year"} \
                or t.end_year is not None:
            continue
        noun = _dated_noun(a, t)
        if noun is not None:
            dated.setdefault(noun, []).append(t)
    for t in a.times:
        if t.kind != "relative" or t.direction >= 0 or t.unit not in {"year", "month"} \
                or t.amount < 1 or t.part:
            continue
        noun = _dated_noun(a, t)
        anchors = dated.get(noun or "", [])
        if not anchors or len({(x.year, x.month) for x in anchors}) != 1:
            continue
        first = anchors[0]
        assert first.year is not None
        if t.unit == "year":
            year = first.year + t.amount
        elif first.month is not None:
            year = _add_months(dt.date(first.year, first.month, 1), t.amount).year
        else:
            continue
        return Reference(year=year, how=f"'{t.text}' counted from '{first.text}' ({noun}): "
                                        f"written in {year}", span=(t.start, t.end),
                         background=tuple((x.start, x.end) for x in anchors))
    return None


def _appointment_anchor(a: Analysis, store: ActorStore) -> Reference | None:
    for sent in a.doc.sents:
        if not _APPOINT.search(sent.text):
            continue
        months = [t for t in a.times if sent.start_char <= t.start < sent.end_char
                  and t.month is not None and t.year is None]
        if not months:
            continue
        for p in a.people:
            if p.actor is None or not any(sent.start_char <= s < sent.end_char
                                          for s, _ in p.mentions):
                continue
            for role in p.actor.roles:
                if role.start is not None and role.start.month == months[0].month:
                    return Reference(year=role.start.year,
                                     how=f"'{months[0].text}' = start of {p.name} as "
                                         f"{role.role} ({role.start.isoformat()})",
                                     span=(months[0].start, months[0].end))
    return None


_FORMER = re.compile(r"\b(former|ex|erstwhile|late|retired|outgoing)[-\s]+$", re.IGNORECASE)


def tenure_bounds(people: list[Person], store: ActorStore, text: str = "") -> list[Bound]:
    """Each known participant's tenure in the office the text gives them (not when the
    text calls them a former holder: "former President Hernández")."""
    bounds: list[Bound] = []
    for p in people:
        if p.actor is None:
            continue
        if text and any(_FORMER.search(text[max(0, s - 20):s]) for s, _ in p.title_spans):
            continue
        ten = store.tenure(p.actor, p.role)
        if ten is None or (ten[0] is None and ten[1] is None):
            continue
        bounds.append(Bound(ten[0], ten[1], f"{p.name} in office "
                            f"{_d(ten[0])}..{_d(ten[1])}", p.role_span or p.mentions[0]))
    return bounds


def text_bounds(a: Analysis, store: ActorStore) -> list[Bound]:
    """Bounds the text itself gives: "new Minister", "N months into X's term", updates."""
    bounds: list[Bound] = []
    text = a.clean.masked
    for p in a.people:
        if p.actor is None:
            continue
        for span in p.title_spans:
            before = text[max(0, span[0] - 25):span[1]]
            # lower-case "new": "Guatemala's new Minister", never "New Delhi"
            if not re.search(r"\b(new|newly appointed|newly named)\b", before):
                continue
            ten = store.tenure(p.actor, p.role)
            if ten and ten[0]:
                bounds.append(Bound(ten[0], _add_months(ten[0], 6),
                                    f"'new' {p.role}: within 6 months of {ten[0].isoformat()}",
                                    span, who=p.name))
                break
    for m in _INTO_TERM.finditer(text):
        n = _NUMBERS.get(m.group(1).lower()) or (int(m.group(1)) if m.group(1).isdigit() else 0)
        actor = store.match(m.group(3))
        if not n or actor is None:
            continue
        starts = [r.start for r in actor.roles if r.start is not None]
        if not starts:
            continue
        months = n * (12 if m.group(2).startswith("year") else 1)
        mid = _add_months(max(starts), months)
        bounds.append(Bound(_add_months(mid, -1), _add_months(mid, 1),
                            f"'{m.group(0)[:60]}': {actor.name} from {max(starts).isoformat()}"
                            f" + {months} months", (m.start(), m.end())))
    for hint in a.clean.date_hints:
        if hint.kind == "updated":
            bounds.append(Bound(None, hint.date, f"page updated {hint.date.isoformat()}",
                                (hint.span.start, hint.span.end)))
    return bounds


def today() -> dt.date:
    """The day of the run: the latest an event reported as past can have happened."""
    return dt.date.today()


def intersect(bounds: list[Bound]) -> tuple[dt.date | None, dt.date | None]:
    lo = max((b.lo for b in bounds if b.lo), default=None)
    hi = min((b.hi for b in bounds if b.hi), default=None)
    return lo, hi


@functools.cache
def _statement_rx() -> re.Pattern[str]:
    """What comes right before a date that dates a statement about the event, not the
    event (lexicon ``timeline``): "police said on Thursday", "in an X post today"."""
    lex = lexicon.load()
    verbs = "|".join(map(re.escape, lex.entries("timeline.statement_verbs")))
    nouns = "|".join(re.escape(n).replace(r"\ ", r"\s+")
                     for n in lex.entries("timeline.statement_nouns"))
    links = "|".join(map(re.escape, lex.entries("timeline.statement_links")))
    return re.compile(rf"\b(?:{verbs})\b[^.;:]{{0,25}}$|\bin\s+(?:an?|the|its|his|her|their)\s+"
                      rf"(?:[\w-]+\s+){{0,2}}(?:{nouns})\b[^.;:\w]{{0,3}}(?:(?:{links})\s+){{0,2}}$",
                      re.IGNORECASE)


def _dates_statement(text: str, t: dates.TimeMention) -> bool:
    """Whether ``t`` dates a statement ("said on Thursday"), not an act."""
    return _statement_rx().search(text, max(0, t.start - 40), t.start) is not None


def sentence_times(times: list[dates.TimeMention], sentences: list[tuple[int, int]],
                   text: str, own: list[dates.TimeMention]) -> list[dates.TimeMention]:
    """Time expressions of an event's own sentences that its scope left out ("... in
    Riyadh on Wednesday" after a long clause), except those dating the report itself
    ("the ministry said on Thursday")."""
    out: list[dates.TimeMention] = []
    for t in times:
        if t in own or not any(s <= t.start < e for s, e in sentences):
            continue
        if _dates_statement(text, t):
            continue
        # days only: a year or a span of years in the sentence is background ("during
        # the Government of X (2017-2021)"), not the day of the event
        if t.days or t.weekdays or (t.kind == "relative" and t.unit == "day"):
            out.append(t)
    return out


def lone_weekday(times: list[dates.TimeMention], text: str) -> list[dates.TimeMention]:
    """The text's weekday when it names only one ("... signed a deal. The signing took place
    on Wednesday"): news tells the day of its main event by its weekday; a weekday that
    dates the report ("said on Thursday") does not count, and two different weekdays
    name no single day."""
    wds = [t for t in times if t.kind == "weekday" and t.direction == 0
           and not _dates_statement(text, t)]
    if len({t.weekdays for t in wds}) != 1 or any(
            t.kind == "weekday" and t not in wds for t in times):
        return []
    return wds[:1]


def lone_day(times: list[dates.TimeMention], text: str,
             ref: dt.date | None = None) -> list[dates.TimeMention]:
    """The text's one day-level expression, a weekday (:func:`lone_weekday`), a relative
    day ("yesterday") or a calendar day ("on June 18th"), when it names no other: the day
    of the report's main event. Two different ones ("met yesterday, will meet on Friday")
    name no single day; several that fall on one day against the publication day ``ref``
    ("sent on Friday night" and "handed over today" in a report of that Friday) do."""
    days = [t for t in times if (t.kind == "relative" and t.unit == "day")
            or t.kind in {"weekday", "date", "day_of_month"}]
    if ref is not None and len(days) >= 2 and not reported_days(days, text):
        on = {(r.start, r.end) for r in (dates.resolve(t, ref) for t in days)}
        if len(on) == 1 and next(iter(on))[0] is not None and len(set(next(iter(on)))) == 1:
            return days[:1]
    if any(t.kind == "relative" for t in days):
        if len(days) == 1 and not _dates_statement(text, days[0]):
            return days
        return []
    named = [t for t in days if t.kind in {"date", "day_of_month"} and t.days]
    if named and len(named) == len(days) and len({(t.year, t.month, t.days)
                                                  for t in named}) == 1:
        if ref is not None and _long_before(named[0], ref):
            return []  # "after the collision on 27 August 2019" in a January report
        return named[:1]  # "the boat was handed over on June 18th", the one day it names
    return lone_weekday(times, text)


#: a page's lone calendar day this many days or more before its publication is
#: background, not the day of the event the page reports
LONE_DAY_MAX_AGE = 31


def _long_before(t: dates.TimeMention, ref: dt.date) -> bool:
    r = dates.resolve(t, ref)
    return r.end is not None and (ref - r.end).days >= LONE_DAY_MAX_AGE


_SINCE_CLAUSE = re.compile(r"\bsince\b(?:(?!\b(?:and|but|while|when|whereas|then)\b)"
                           r"[^.;:!?,\n]){0,60}$", re.IGNORECASE)


def since_clause(times: list[dates.TimeMention], text: str) -> list[dates.TimeMention]:
    """Those of ``times`` inside a "since" clause ("ever since the court restored the treaty
    in 1998", "since the budget year began October 1"): the start of a period that runs to
    the report, not the day of an event."""
    return [t for t in times if _SINCE_CLAUSE.search(text, max(0, t.start - 60), t.start)]


def reported_days(times: list[dates.TimeMention], text: str) -> list[dates.TimeMention]:
    """Those of ``times`` that date a statement ("police said on Thursday"): the day
    the act was reported, not the day it happened."""
    return [t for t in times if _dates_statement(text, t)]


def spoken_at(times: list[dates.TimeMention], text: str,
              place: str) -> list[dates.TimeMention]:
    """Days on which someone spoke at ``place`` ("the minister said on Tuesday in Lilongwe"):
    who spoke there that day was there, on the visit the page reports."""
    at = re.compile(r"\s*,?\s+(?:in|at)\s+" + re.escape(place) + r"\b")
    return [t for t in reported_days(times, text) if (t.days or t.weekdays
            or (t.kind == "relative" and t.unit == "day")) and at.match(text, t.end)]


def lone_date(times: list[dates.TimeMention]) -> list[dates.TimeMention]:
    """The one calendar date (with its year) a page without a publication date names:
    "On July 20, 2020 ... signed", the date stands for the page's event."""
    full = [t for t in times if t.year is not None and t.month is not None
            and t.kind in {"date", "month"}]
    if len({(t.year, t.month, t.days) for t in full}) == 1:
        return full[:1]
    return []


def event_date(
    times: list[dates.TimeMention], ref: Reference, bounds: list[Bound], *,
    planned: bool = False, context: list[dates.TimeMention] | None = None,
    since: list[dates.TimeMention] | None = None,
    reported: list[dates.TimeMention] | None = None,
    spoken: list[dates.TimeMention] | None = None,
    kin: list[dates.TimeMention] | None = None,
) -> tuple[DateRange, list[tuple[int, int]]]:
    """The date range of one event and the spans that support it. ``context``: time
    expressions of the event's sentences outside its scope (:func:`sentence_times`),
    used when its own give no date. ``since``: days of other sentences that name the
    event's place or people ("the delegation arrived in Dushanbe on June 12"): when
    nothing else dates a reported event, the earliest of them in the week before the
    report starts its range. ``reported``: those of ``times`` that date a statement
    ("police said on Thursday"); another day the event's text gives, not after it,
    is the day it happened ("flown out on Tuesday"). ``spoken``: days its people
    spoke at its place (:func:`spoken_at`), its day when nothing else dates it. ``kin``:
    days of other sentences that tell an act of the event's kind ("he was flown out on
    Tuesday"): an event dated only by its report day took place on the one such day the
    week before that report."""
    resolved = _resolved(times, ref, planned)
    if not resolved and context:
        resolved = _resolved(context, ref, planned)
    if ref.day is not None and not planned:
        # what has happened cannot start after the page reporting it was written ("the
        # action plan for 2023" in a report of October 2022 is not the meeting's date)
        resolved = [(r, t) for r, t in resolved if r.start is not None and r.start <= ref.day]
    if reported and not planned:
        said = [(r, t) for r, t in resolved if t in reported]
        acts = [(r, t) for r, t in resolved if t not in reported and r.precision == "day"]
        if said and len(said) == len(resolved) and kin:
            last = max(r.end for r, _ in said if r.end is not None)
            acts = [(r, t) for r, t in _resolved(kin, ref, planned)
                    if r.precision == "day" and r.start is not None and r.start == r.end
                    and last - dt.timedelta(days=7) <= r.start <= last]
            if len({r.start for r, _ in acts}) != 1:
                acts = []
        if said and acts:
            last = max(r.end for r, _ in said if r.end is not None)
            before = [(r, t) for r, t in acts if r.start is not None and r.start <= last]
            if before:
                resolved = before
    lo, hi = intersect(bounds)
    if lo is not None and not planned and not any(r.precision == "day" for r, _ in resolved):
        # its own "Tuesday (30 January)" fits the tenures present once: that day, rather
        # than a month or year another sentence of the event gives
        fit = dates.fit_within([t for t in times if t.days and t.year is None], lo,
                               hi or today())
        if fit is not None:
            why = "; ".join(b.why for b in bounds)
            return DateRange(fit.start, fit.end, fit.precision, f"{fit.how} ({why})"), \
                [(t.start, t.end) for t in times if t.days or t.weekdays]
    if resolved:
        rng, spans = _narrowest(resolved)
        if _fits(rng, lo, hi):
            return rng, spans
        why = "; ".join(b.why for b in bounds)
        return _from_bounds(lo, hi, f"text date {rng.start}..{rng.end} contradicts actors "
                                    f"({why}); actors win"), [b.span for b in bounds if b.span]
    if ref.day is None and lo is not None:
        # an office still held bounds the event by today: nothing reported lies ahead
        fit = dates.fit_within(times or list(context or []), lo, hi or today())
        if fit is not None:
            why = "; ".join(b.why for b in bounds)
            return DateRange(fit.start, fit.end, fit.precision, f"{fit.how} ({why})"), \
                [(t.start, t.end) for t in times if t.days or t.weekdays]
    if ref.day is not None and planned:
        # announced, no date given: after the publication, within the coming months
        rng = DateRange(ref.day, _add_months(ref.day, 3), "month",
                        f"planned, no date in text; within 3 months after {ref.how}")
        if _fits(rng, lo, hi):
            return rng, [ref.span] if ref.span else []
    if ref.day is not None:
        start = max(ref.day - dt.timedelta(days=7), lo) if lo else ref.day - dt.timedelta(days=7)
        rng = DateRange(start, ref.day, "day", f"no date in text; within the week before "
                                               f"{ref.how}")
        there = [(r, t) for r, t in _resolved(spoken or [], ref, planned)
                 if r.precision == "day" and r.start is not None and r.start == r.end
                 and start <= r.start <= ref.day]
        if there and not planned and len({r.start for r, _ in there}) == 1:
            day, t = there[0][0].start, there[0][1]
            assert day is not None
            there_rng = DateRange(day, day, "day", f"no date of its own; its people spoke at "
                                                   f"its place '{t.text}' ({ref.how})")
            if _fits(there_rng, lo, hi):
                return there_rng, [(t.start, t.end)]
        near = [(r.start, t) for r, t in _resolved(since or [], ref, False)
                if r.precision == "day" and r.start is not None
                and start <= r.start <= ref.day]
        if near:
            first, t = min(near, key=lambda dt_t: dt_t[0])
            since_rng = DateRange(first, ref.day, "day",
                                  f"no date of its own; from {first}, a day told of "
                                  f"its place or people, to {ref.how}")
            if _fits(since_rng, lo, hi):
                return since_rng, [(t.start, t.end), *([ref.span] if ref.span else [])]
        if _fits(rng, lo, hi):
            return rng, [ref.span] if ref.span else []
        why = "; ".join(b.why for b in bounds)
        return _from_bounds(lo, hi, f"{ref.how} contradicts actors ({why}); actors win"), \
            [b.span for b in bounds if b.span]
    if ref.year is not None:
        y_lo, y_hi = dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)
        lo2 = max(lo, y_lo) if lo else y_lo
        hi2 = min(hi, y_hi) if hi else y_hi
        if lo2 <= hi2:
            return _from_bounds(lo2, hi2, ref.how), [ref.span] if ref.span else []
    if lo is not None and hi is not None:
        why = "; ".join(b.why for b in bounds)
        return _from_bounds(lo, hi, f"actors: {why}"), [b.span for b in bounds if b.span]
    yearless = [t for t in times if t.kind in {"date", "range"} and t.year is None
                and t.month and t.days and t.end_month is None]
    if yearless:
        # "on February 28" with nothing to give the year: still unknown, but its words
        # are the date's evidence (fusion reads the day and month from them)
        return DateRange.unknown(f"'{yearless[0].text}' gives no year, and no publication "
                                 "date or tenure bounds it"), \
            [(t.start, t.end) for t in yearless]
    return DateRange.unknown("no date in text, no publication date"), []


def _resolved(times: list[dates.TimeMention], ref: Reference,
              planned: bool) -> list[tuple[DateRange, dates.TimeMention]]:
    out: list[tuple[DateRange, dates.TimeMention]] = []
    for t in times:
        if t.direction < 0 and t.year is not None and not t.days \
                and t.kind in {"year", "month"}:  # "since (January) 2018": not the event's date
            continue
        if not planned and t.tense_hint > 0 and t.year is not None:
            continue  # "look forward to hosting the next forum in 2023": not what happened
        if t.kind == "range" and t.end_year is not None and t.year is not None \
                and t.end_year > t.year and not t.days and t.month is None:
            continue  # "between 2015 and 2022": a trend's years, not one occurrence
        r = _resolve(t, ref, planned)
        if r is not None and r.start is not None and r.end is not None:
            out.append((r, t))
    return out


def _resolve(t: dates.TimeMention, ref: Reference, planned: bool = False) -> DateRange | None:
    if ref.day is not None:
        # an announced event's "on Monday" is the coming Monday
        return dates.resolve(t, ref.day, prefer=1) if planned else dates.resolve(t, ref.day)
    if t.year is not None:
        return dates.resolve(t, None)
    if ref.year is not None and t.kind in {"date", "month", "day_of_month", "range"}:
        return dates.resolve_year_context(t, ref.year)
    return None


def _narrowest(
    resolved: list[tuple[DateRange, dates.TimeMention]]
) -> tuple[DateRange, list[tuple[int, int]]]:
    """Intersect compatible ranges; keep the narrowest consistent one."""
    resolved.sort(key=lambda rt: (rt[0].end - rt[0].start))  # type: ignore[operator]
    best, spans = resolved[0][0], [(resolved[0][1].start, resolved[0][1].end)]
    for rng, t in resolved[1:]:
        assert rng.start and rng.end and best.start and best.end
        if rng.start <= best.start and best.end <= rng.end:
            spans.append((t.start, t.end))
    return best, spans


def _fits(rng: DateRange, lo: dt.date | None, hi: dt.date | None) -> bool:
    if rng.start is None or rng.end is None:
        return False
    return (lo is None or rng.end >= lo) and (hi is None or rng.start <= hi)


def _from_bounds(lo: dt.date | None, hi: dt.date | None, how: str) -> DateRange:
    if lo is None or hi is None or lo > hi:
        return DateRange.unknown(how)
    if lo == hi:
        return DateRange(lo, hi, "day", how)
    if (lo.year, lo.month) == (hi.year, hi.month) or lo.year == hi.year:
        return DateRange(lo, hi, "month", how)
    return DateRange(lo, hi, "year", how)


def _add_months(d: dt.date, n: int) -> dt.date:
    month = d.month - 1 + n
    year = d.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _d(d: dt.date | None) -> str:
    return d.isoformat() if d else "?"
