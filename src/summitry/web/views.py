"""View models for the HTML pages: evidence highlighting and SVG chart geometry.

Nothing here produces markup. :func:`highlight` splits an untrusted document text into
plain-text segments and open/close markers; the templates print the text segments with
Jinja's autoescaping and write the (fixed) tags themselves. The chart functions return
coordinates and labels that the templates turn into SVG.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from summitry.records import EVENT_TYPES

__all__ = [
    "Segment",
    "Span",
    "actor_timeline",
    "highlight",
    "month_label",
    "network_chart",
    "timeline_chart",
]

_TAGS = frozenset({"mark", "span"})


# --------------------------------------------------------------------------- highlighting


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of the text to wrap in ``tag`` (``mark`` or ``span``)."""

    start: int
    end: int
    tag: str = "mark"
    field: str = ""  # becomes data-field
    css: str = ""  # becomes class
    ident: str = ""  # becomes id (first piece only)
    title: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the rendered text: plain text, or the opening / closing of a span.

    A span that crosses another one is closed and reopened around it, so the output is
    always well nested; a reopened piece has ``cont=True`` and no id.
    """

    kind: Literal["text", "open", "close"]
    text: str = ""
    span: Span | None = None
    cont: bool = False

    @property
    def tag(self) -> str:
        return self.span.tag if self.span is not None else ""


def highlight(text: str, spans: Sequence[Span]) -> list[Segment]:
    """Split ``text`` into segments with every valid span opened and closed around its
    characters. Spans outside the text or empty are ignored; identical spans are kept
    once; at one position longer spans open first (they enclose the shorter ones)."""
    valid: list[Span] = []
    seen: set[tuple[int, int, str, str, str]] = set()
    for s in spans:
        if s.tag not in _TAGS:
            raise ValueError(f"unsupported tag {s.tag!r}")
        key = (s.start, s.end, s.tag, s.field, s.css)
        if 0 <= s.start < s.end <= len(text) and key not in seen:
            seen.add(key)
            valid.append(s)
    order = sorted(range(len(valid)), key=lambda i: (valid[i].start, -valid[i].end, i))
    starts: dict[int, list[Span]] = {}
    for i in order:
        starts.setdefault(valid[i].start, []).append(valid[i])
    bounds = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out: list[Segment] = []
    stack: list[Span] = []
    pos = 0
    for b in bounds:
        if b > pos:
            out.append(Segment("text", text[pos:b]))
            pos = b
        ending = [i for i, s in enumerate(stack) if s.end == b]
        if ending:
            depth = ending[0]
            reopen = [s for s in stack[depth:] if s.end != b]
            for s in reversed(stack[depth:]):
                out.append(Segment("close", span=s))
            del stack[depth:]
            for s in reopen:
                out.append(Segment("open", span=s, cont=True))
                stack.append(s)
        for s in starts.get(b, ()):
            out.append(Segment("open", span=s))
            stack.append(s)
    for s in reversed(stack):  # only empty-text edge cases reach here
        out.append(Segment("close", span=s))
    return out


# --------------------------------------------------------------------------- charts


def month_label(month: str, *, short: bool = False) -> str:
    """``"2021-10"`` -> ``"October 2021"`` (``"Oct 2021"`` when short)."""
    year, mon = (int(p) for p in month.split("-"))
    names = calendar.month_abbr if short else calendar.month_name
    return f"{names[mon]} {year}"


def _months(first: str, last: str) -> list[str]:
    y, m = (int(p) for p in first.split("-"))
    ly, lm = (int(p) for p in last.split("-"))
    out: list[str] = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


#: above this many months the timeline draws one bar per year
MAX_MONTHS = 240


def _label(bucket: str, *, short: bool = False) -> str:
    return bucket if len(bucket) == 4 else month_label(bucket, short=short)


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = int(math.ceil(value / (magnitude * step / 5)) * magnitude * step / 5)
        if top >= value:
            return top
    return value


@dataclass(slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    css: str
    title: str


@dataclass(slots=True)
class Tick:
    pos: float
    label: str


@dataclass(slots=True)
class TimelineChart:
    width: int
    height: int
    left: int
    bottom: float  # y of the x axis
    right: float
    rects: list[Rect]
    xticks: list[Tick]
    yticks: list[Tick]
    types: list[str]
    months: list[str]
    table: list[dict[str, Any]]  # month, label, counts per type, total
    summary: str
    unit: str = "month"  # or "year" when the range is too long for monthly bars


def timeline_chart(by_month: Sequence[dict[str, Any]]) -> TimelineChart | None:
    """Stacked bars of events per month and type, every month between the first and the
    last one shown (empty months included)."""
    if not by_month:
        return None
    counts = {row["month"]: dict(row["by_type"]) for row in by_month}
    months = _months(min(counts), max(counts))
    yearly = len(months) > MAX_MONTHS
    if yearly:  # decades of news: one bar per year
        per_year: dict[str, dict[str, int]] = {}
        for month, c in counts.items():
            bucket = per_year.setdefault(month[:4], {})
            for t, n in c.items():
                bucket[t] = bucket.get(t, 0) + n
        counts = per_year
        months = [str(y) for y in range(int(min(counts)), int(max(counts)) + 1)]
    present = {t for c in counts.values() for t in c}
    types = [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))
    width, height, left, right, top, bottom_margin = 960, 240, 40, 10, 12, 30
    plot_w = width - left - right
    plot_h = height - top - bottom_margin
    base = height - bottom_margin
    top_value = _nice_max(max(sum(c.values()) for c in counts.values()))
    slot = plot_w / len(months)
    bar_w = max(slot * 0.8, 1.0)
    rects: list[Rect] = []
    table: list[dict[str, Any]] = []
    for i, month in enumerate(months):
        c = counts.get(month, {})
        total = sum(c.values())
        y = float(base)
        for t in types:
            n = c.get(t, 0)
            if not n:
                continue
            h = plot_h * n / top_value
            y -= h
            rects.append(Rect(round(left + i * slot + (slot - bar_w) / 2, 2), round(y, 2),
                              round(bar_w, 2), round(h, 2), f"t-{t}",
                              f"{_label(month)}: {n} {t} of {total} "
                              f"event{'s' if total != 1 else ''}"))
        if total:
            table.append({"month": month, "label": _label(month), "total": total,
                          "counts": [c.get(t, 0) for t in types]})
    xticks: list[Tick] = []
    if len(months) <= 12:
        xticks = [Tick(left + (i + 0.5) * slot, _label(m, short=True))
                  for i, m in enumerate(months)]
    else:
        years = sorted({m[:4] for m in months})
        every = max(1, math.ceil(len(years) / 12))
        for i, m in enumerate(months):
            if (yearly or m.endswith("-01") or i == 0) \
                    and (int(m[:4]) - int(years[0])) % every == 0:
                xticks.append(Tick(left + i * slot, m[:4]))
    ystep = max(1, top_value // 4) if top_value >= 4 else 1
    yticks = [Tick(round(base - plot_h * v / top_value, 2), str(v))
              for v in range(0, top_value + 1, ystep)]
    n_events = sum(r["total"] for r in table)
    busiest = max(table, key=lambda r: r["total"])
    summary = (f"{n_events} dated events from {_label(months[0])} to "
               f"{_label(months[-1])}; the busiest {'year' if yearly else 'month'} is "
               f"{busiest['label']} with {busiest['total']}.")
    return TimelineChart(width, height, left, float(base), float(width - right), rects,
                         xticks, yticks, types, months, table, summary,
                         "year" if yearly else "month")


@dataclass(slots=True)
class Node:
    code: str
    name: str
    events: int
    x: float
    y: float
    r: float
    lx: float
    ly: float
    anchor: str


@dataclass(slots=True)
class Edge:
    a: str
    b: str
    events: int
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str


@dataclass(slots=True)
class NetworkChart:
    size: int
    nodes: list[Node]
    edges: list[Edge]
    hidden: int  # countries left out of the drawing (they stay in the table)
    summary: str


def network_chart(by_country: Sequence[dict[str, Any]], by_pair: Sequence[dict[str, Any]],
                  names: dict[str, str], *, max_nodes: int = 24) -> NetworkChart | None:
    """Countries on a circle (most active first, clockwise from the top) joined by one
    line per pair, as wide as the pair has events."""
    if not by_pair:
        return None
    top = {c["country"]: c for c in list(by_country)[:max_nodes]}
    codes = _circle_order(list(top), [(p["a"], p["b"], p["events"]) for p in by_pair])
    shown = [top[c] for c in codes]
    size, centre = 440, 220.0
    radius = 150.0 if len(codes) > 2 else 110.0
    top_events = max(c["events"] for c in shown)
    nodes: dict[str, Node] = {}
    for i, c in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / len(codes)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        lx, ly = centre + (radius + 26) * math.cos(angle), centre + (radius + 26) * math.sin(angle)
        anchor = "middle" if abs(lx - centre) < 20 else ("start" if lx > centre else "end")
        nodes[c["country"]] = Node(c["country"], names.get(c["country"], c["country"]),
                                   c["events"], round(x, 2), round(y, 2),
                                   round(5 + 9 * math.sqrt(c["events"] / top_events), 2),
                                   round(lx, 2), round(ly + 4, 2), anchor)
    pairs = [p for p in by_pair if p["a"] in nodes and p["b"] in nodes]
    top_pair = max((p["events"] for p in pairs), default=1)
    edges = [Edge(p["a"], p["b"], p["events"], nodes[p["a"]].x, nodes[p["a"]].y,
                  nodes[p["b"]].x, nodes[p["b"]].y,
                  round(1.5 + 8.5 * p["events"] / top_pair, 2),
                  f"{nodes[p['a']].name} – {nodes[p['b']].name}: {p['events']} "
                  f"event{'s' if p['events'] != 1 else ''}")
             for p in sorted(pairs, key=lambda p: p["events"])]
    strongest = max(by_pair, key=lambda p: p["events"])
    summary = (f"{len(by_country)} countries and organisations in {len(by_pair)} pairs; the "
               f"most frequent pair is {names.get(strongest['a'], strongest['a'])} and "
               f"{names.get(strongest['b'], strongest['b'])} with {strongest['events']} "
               f"event{'s' if strongest['events'] != 1 else ''}.")
    return NetworkChart(size, list(nodes.values()), edges, len(by_country) - len(shown), summary)


def _circle_order(codes: list[str], pairs: Sequence[tuple[str, str, int]]) -> list[str]:
    """Order the nodes around the circle so that partners sit next to each other: from
    the most active node, repeatedly take the unplaced node most tied to the last placed
    one (or to any placed one), then go on with the next unconnected group."""
    ties: dict[str, dict[str, int]] = {c: {} for c in codes}
    for a, b, n in pairs:
        if a in ties and b in ties:
            ties[a][b] = ties[b][a] = n
    rank = {c: i for i, c in enumerate(codes)}
    order: list[str] = []
    left = list(codes)
    while left:
        order.append(left.pop(0))
        group = [order[-1]]
        while True:
            pool = [(n, -rank[o]) for o, n in ties[order[-1]].items() if o in left]
            if not pool:
                pool = [(n, -rank[o]) for g in group for o, n in ties[g].items() if o in left]
            if not pool:
                break
            nxt = codes[-max(pool)[1]]
            left.remove(nxt)
            order.append(nxt)
            group.append(nxt)
    return order


@dataclass(slots=True)
class RoleBar:
    label: str
    x1: float
    x2: float
    y: float
    css: str
    title: str
    dates: str


@dataclass(slots=True)
class EventDot:
    x: float
    title: str


@dataclass(slots=True)
class ActorTimeline:
    width: int
    height: int
    left: int
    right: int
    bars: list[RoleBar]
    dots: list[EventDot]
    dots_y: float
    axis_y: float
    ticks: list[Tick]
    summary: str
    row_h: int = 26
    undated: list[str] = field(default_factory=list)


def role_dates(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return "dates unknown"
    return f"{start.isoformat() if start else 'unknown start'} – " \
           f"{end.isoformat() if end else 'present or unknown end'}"


def actor_timeline(roles: Sequence[tuple[str, dt.date | None, dt.date | None]],
                   events: Sequence[tuple[str, dt.date | None]],
                   today: dt.date | None = None) -> ActorTimeline | None:
    """Role bars (``(label, start, end)``) over time, with the actor's events as dots.

    A missing start or end is drawn as an open (dashed) end at the chart's edge; a role
    with no dates at all is listed as undated. Returns ``None`` when nothing is dated.
    """
    today = today or dt.date.today()
    known = [d for _, s, e in roles for d in (s, e) if d is not None]
    known += [d for _, d in events if d is not None]
    if not known:
        return None
    lo, hi = min(known), max(known)
    if any(s is not None and e is None for _, s, e in roles):
        hi = max(hi, today)
    pad = max(30, (hi - lo).days // 20)
    lo, hi = lo - dt.timedelta(days=pad), hi + dt.timedelta(days=pad)
    width, left, right, row_h = 960, 230, 20, 26
    span = max((hi - lo).days, 1)

    def x(d: dt.date) -> float:
        return round(left + (width - left - right) * (d - lo).days / span, 2)

    bars: list[RoleBar] = []
    undated: list[str] = []
    for label, s, e in roles:
        if s is None and e is None:
            undated.append(label)
            continue
        css = "role" + (" open-start" if s is None else "") + (" open-end" if e is None else "")
        dates = role_dates(s, e)
        bars.append(RoleBar(label, x(s) if s else float(left), x(e) if e else float(width - right),
                            10 + len(bars) * row_h, css, f"{label}: {dates}", dates))
    dots_y = 10 + len(bars) * row_h + 12
    dots = [EventDot(x(d), f"{eid} ({d.isoformat()})") for eid, d in events if d is not None]
    axis_y = dots_y + 16
    ticks: list[Tick] = []
    years = range(lo.year + (0 if lo.month == 1 and lo.day == 1 else 1), hi.year + 1)
    every = max(1, math.ceil(len(years) / 12))
    for year in years:
        if (year - years[0]) % every == 0:
            ticks.append(Tick(x(dt.date(year, 1, 1)), str(year)))
    summary = "; ".join(f"{b.label} {b.dates}" for b in bars) or "no dated roles"
    n_dated = len(dots)
    if n_dated:
        summary += f"; {n_dated} dated event{'s' if n_dated != 1 else ''}"
    return ActorTimeline(width, int(axis_y + 26), left, right, bars, dots, dots_y, axis_y,
                         ticks, summary + ".", row_h, undated)
