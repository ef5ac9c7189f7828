"""Score system events against gold events, as GUIDELINES.md "Scoring" defines.

Pure Python, no third-party dependencies. Inputs are plain dicts: gold records
(GUIDELINES shape, ``gold_id``/``docs``/``optional``/``topics_optional``) and
system records (``Event.as_dict()`` shape).

Documents of a record
    A system record's documents are its ``docs`` list when present and non-empty,
    else the ``doc_id`` of each entry in ``sources``. A gold record's documents
    are its ``docs`` (the same fallback applies). Duplicates are dropped. The
    document universe is ``doc_ids`` when given, else the union of all gold and
    system documents; documents outside the universe are ignored everywhere.

Matching (per document)
    For each document, the gold events listing it and the system events citing
    it are matched one-to-one. A pair is a candidate only if ``type`` is equal
    and the ``countries`` sets are equal. Each candidate's *overlap* is the
    number of normalised family names in common (set) plus the number of
    normalised organisation strings in common (set). Candidates are sorted by
    descending overlap, then (a tie-break the guidelines leave open) descending
    agreement of date and mode, then gold order (position in the gold list), then
    system order (position in the system list), and assigned greedily: a pair
    is taken when neither side is taken yet. The result is deterministic.

Events
    TP = matched pairs whose gold event is not optional. FP = system events of
    the document left unmatched. FN = non-optional gold events of the document
    left unmatched. A system event matched to an optional gold event counts
    nowhere (``optional_matched`` counts them); unmatched optional gold events
    are ignored. A fused event citing two documents is counted in each document
    (so it can be a TP twice, or a TP in one and an FP in the other).

Fields (over TP pairs only, once per document the pair was matched in)
    ``mode``: exact equality, ``None == None``. ``status``: exact equality.
    ``date``: not scored when the gold precision is ``unknown`` or the gold start
    is null. Otherwise the gold range is widened to whole units of the gold
    precision (start truncated to that unit, then its first day; end truncated,
    then its last day) and the system range is [first day of the system start
    partial, last day of the system end partial] (end defaults to start). Correct
    iff the system range lies within the gold range; a missing, null-start or
    unparseable system date is wrong. ``location``: not scored when gold is null;
    correct iff the system location is not null, the countries are equal
    (case-insensitive) and the names are equal after :func:`normalize_text`.
    Participants: micro P/R/F1 over multisets of :func:`family_name`. Topics:
    micro P/R/F1 over topic sets, after removing the gold ``topics_optional``
    from both the system and the gold topics.

Fusion
    Over unordered pairs of documents in the universe: a pair is linked in the
    system when some system event cites both, in gold when some gold event
    (optional ones included) lists both. Pairwise P/R/F1 of system pairs
    against gold pairs.

P/R/F1 convention (events, participants, topics, fusion alike)
    With ``tp``, ``fp``, ``fn``: if there are no system items and no gold items
    (``tp + fp + fn == 0``), P = R = F1 = 1.0 (nothing to find, nothing found).
    Otherwise P = tp / (tp + fp) and R = tp / (tp + fn), each 0.0 when its
    denominator is 0, and F1 = 2PR / (P + R), 0.0 when P + R is 0. Field
    accuracies are ``None`` when nothing was scored (denominator 0).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ErrorItem",
    "Report",
    "family_name",
    "format_errors",
    "format_report",
    "load_jsonl",
    "main",
    "normalize_text",
    "score",
]

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_LEN = {"year": 4, "month": 7, "day": 10}


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One scoring error: a missed gold event, a spurious system event, a wrong field, or
    a pair of documents fused apart from gold ("unfused": gold tells one event, the
    output two; "misfused": the output joins what gold keeps apart)."""

    kind: str  # "missed" | "spurious" | "field" | "unfused" | "misfused"
    doc_id: str
    gold_id: str | None
    event_id: str | None
    field: str | None
    detail: str


@dataclass(slots=True)
class Report:
    """All figures of one scoring run; see the module docstring for the definitions."""

    n_docs: int = 0
    n_gold: int = 0
    n_system: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_matched: int = 0
    event_p: float = 1.0
    event_r: float = 1.0
    event_f1: float = 1.0
    mode_correct: int = 0
    mode_total: int = 0
    mode_acc: float | None = None
    status_correct: int = 0
    status_total: int = 0
    status_acc: float | None = None
    date_correct: int = 0
    date_total: int = 0
    date_acc: float | None = None
    location_correct: int = 0
    location_total: int = 0
    location_acc: float | None = None
    participants_tp: int = 0
    participants_fp: int = 0
    participants_fn: int = 0
    participants_p: float = 1.0
    participants_r: float = 1.0
    participants_f1: float = 1.0
    topics_tp: int = 0
    topics_fp: int = 0
    topics_fn: int = 0
    topics_p: float = 1.0
    topics_r: float = 1.0
    topics_f1: float = 1.0
    fusion_tp: int = 0
    fusion_fp: int = 0
    fusion_fn: int = 0
    fusion_p: float = 1.0
    fusion_r: float = 1.0
    fusion_f1: float = 1.0
    errors: list[ErrorItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of every figure and every error."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Item:
    """A gold or system record prepared for matching."""

    index: int
    ident: str
    docs: tuple[str, ...]
    type: str | None
    countries: frozenset[str]
    families: tuple[str, ...]
    orgs: frozenset[str]
    optional: bool
    raw: dict[str, Any]


# --------------------------------------------------------------------------- loading


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read one JSON object per non-blank line.

    Raises ``ValueError`` naming the file and the 1-based line number when a line
    is not valid JSON or not a JSON object.
    """
    records: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            if not isinstance(value, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object, got {type(value)}")
            records.append(value)
    return records


# --------------------------------------------------------------------------- normalisation


def _strip_accents(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c))


def _drop_punct(text: str, keep: str = "") -> str:
    return "".join(
        " " if unicodedata.category(c).startswith("P") and c not in keep else c for c in text
    )


def normalize_text(text: str | None) -> str:
    """Casefold, strip accents, replace punctuation by spaces, collapse whitespace."""
    if not text:
        return ""
    return " ".join(_drop_punct(_strip_accents(text).casefold()).split())


def family_name(name: str | None) -> str:
    """The last whitespace token, folded, after a generational suffix; hyphens inside it
    are kept.

    ``"Fernando Grande-Marlaska"`` -> ``"grande-marlaska"``; ``"Jiménez"`` -> ``"jimenez"``;
    ``"Ferdinand Marcos Jr."`` -> ``"marcos"``.
    """
    if not name:
        return ""
    tokens = _drop_punct(_strip_accents(name).casefold(), keep="-").split()
    while len(tokens) > 1 and tokens[-1] in {"jr", "sr", "ii", "iii", "iv"}:
        tokens.pop()
    return tokens[-1].strip("-") if tokens else ""


# --------------------------------------------------------------------------- preparation


def _record_docs(rec: dict[str, Any]) -> tuple[str, ...]:
    docs = rec.get("docs") or [s.get("doc_id") for s in rec.get("sources") or []]
    return tuple(dict.fromkeys(str(d) for d in docs if d))


def _families(rec: dict[str, Any]) -> tuple[str, ...]:
    names = (family_name(p.get("name")) for p in rec.get("participants") or [])
    return tuple(n for n in names if n)


def _prepare(records: Sequence[dict[str, Any]], id_key: str) -> list[_Item]:
    items = []
    for i, rec in enumerate(records):
        orgs = (normalize_text(o) for o in rec.get("organizations") or [])
        items.append(
            _Item(
                index=i,
                ident=str(rec.get(id_key) or f"#{i}"),
                docs=_record_docs(rec),
                type=rec.get("type"),
                countries=frozenset(rec.get("countries") or []),
                families=_families(rec),
                orgs=frozenset(o for o in orgs if o),
                optional=bool(rec.get("optional", False)),
                raw=rec,
            )
        )
    return items


# --------------------------------------------------------------------------- matching


def _overlap(gold: _Item, system: _Item) -> int:
    return len(set(gold.families) & set(system.families)) + len(gold.orgs & system.orgs)


def _agreement(gold: _Item, system: _Item) -> int:
    """Tie-break between equally overlapping candidates: date and mode agreeing (two calls
    of the same two leaders are told apart by when and how they spoke)."""
    g, s = gold.raw, system.raw
    score = int(g.get("mode") == s.get("mode"))
    if _date_scorable(g) and isinstance(s.get("date"), dict) and _date_ok(g, s):
        score += 2
    return score


def _match(golds: list[_Item], systems: list[_Item]) -> list[tuple[_Item, _Item]]:
    """Greedy one-to-one matching by descending overlap, then gold order, then system order."""
    candidates = sorted(
        (-_overlap(g, s), -_agreement(g, s), g.index, s.index, g, s)
        for g in golds
        for s in systems
        if g.type == s.type and g.countries == s.countries
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, _, gi, si, g, s in candidates:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((g, s))
    return pairs


# --------------------------------------------------------------------------- dates


def _bounds(partial: Any) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a partial ISO date, or None when unparseable."""
    if not isinstance(partial, str):
        return None
    m = _PARTIAL_DATE.fullmatch(partial.strip())
    if m is None:
        return None
    year = int(m.group(1))
    try:
        if m.group(2) is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(m.group(2))
        if m.group(3) is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        day = dt.date(year, month, int(m.group(3)))
    except (ValueError, calendar.IllegalMonthError):
        return None
    return day, day


def _gold_range(date: dict[str, Any]) -> tuple[dt.date, dt.date]:
    cut = _PRECISION_LEN.get(str(date.get("precision")), 10)
    start = str(date["start"]).strip()[:cut]
    end = str(date.get("end") or date["start"]).strip()[:cut]
    lo, hi = _bounds(start), _bounds(end)
    if lo is None or hi is None:
        raise ValueError(f"unparseable gold date: {date!r}")
    return lo[0], hi[1]


def _system_range(date: Any) -> tuple[dt.date, dt.date] | None:
    if not isinstance(date, dict) or not date.get("start"):
        return None
    lo, hi = _bounds(date["start"]), _bounds(date.get("end") or date["start"])
    if lo is None or hi is None:
        return None
    return lo[0], hi[1]


def _date_scorable(gold: dict[str, Any]) -> bool:
    date = gold.get("date")
    return isinstance(date, dict) and date.get("precision") != "unknown" and bool(date.get("start"))


def _date_ok(gold: dict[str, Any], system: dict[str, Any]) -> bool:
    g_lo, g_hi = _gold_range(gold["date"])
    sys_range = _system_range(system.get("date"))
    return sys_range is not None and g_lo <= sys_range[0] and sys_range[1] <= g_hi


def _fmt_date(date: Any) -> str:
    if not isinstance(date, dict) or not date.get("start"):
        return "none"
    start, end = date.get("start"), date.get("end") or date.get("start")
    return f"{start}..{end} ({date.get('precision')})"


# --------------------------------------------------------------------------- fields


def _location_ok(gold_loc: dict[str, Any], sys_loc: Any) -> bool:
    if not isinstance(sys_loc, dict):
        return False
    g_country = str(gold_loc.get("country") or "").upper()
    s_country = str(sys_loc.get("country") or "").upper()
    return g_country == s_country and normalize_text(gold_loc.get("name")) == normalize_text(
        sys_loc.get("name")
    )


def _fmt_location(loc: Any) -> str:
    if not isinstance(loc, dict):
        return "none"
    return f"{loc.get('name')} ({loc.get('country')})"


def _topic_sets(gold: dict[str, Any], system: dict[str, Any]) -> tuple[set[str], set[str]]:
    ignored = set(gold.get("topics_optional") or [])
    return set(gold.get("topics") or []) - ignored, set(system.get("topics") or []) - ignored


# --------------------------------------------------------------------------- tallying


class _Tally:
    """Mutable counters filled while walking the documents."""

    def __init__(self) -> None:
        self.report = Report()

    def error(self, kind: str, doc: str, g: _Item | None, s: _Item | None, **kw: str) -> None:
        self.report.errors.append(
            ErrorItem(
                kind=kind,
                doc_id=doc,
                gold_id=g.ident if g else None,
                event_id=s.ident if s else None,
                field=kw.get("field"),
                detail=kw.get("detail", ""),
            )
        )

    def check(self, name: str, ok: bool, doc: str, g: _Item, s: _Item, detail: str) -> None:
        """Count one scored field; record an error when it is wrong."""
        setattr(self.report, f"{name}_total", getattr(self.report, f"{name}_total") + 1)
        if ok:
            setattr(self.report, f"{name}_correct", getattr(self.report, f"{name}_correct") + 1)
        else:
            self.error("field", doc, g, s, field=name, detail=detail)

    def add_prf(self, name: str, gold: Counter[str], system: Counter[str]) -> tuple[int, int]:
        """Add micro counts for one pair; return (missing, extra) totals."""
        common = sum((gold & system).values())
        extra = sum(system.values()) - common
        missing = sum(gold.values()) - common
        for suffix, value in (("tp", common), ("fp", extra), ("fn", missing)):
            key = f"{name}_{suffix}"
            setattr(self.report, key, getattr(self.report, key) + value)
        return missing, extra


def _describe(item: _Item) -> str:
    countries = ",".join(sorted(item.countries))
    names = ",".join(item.families) or "-"
    return f"{item.type} [{countries}] {_fmt_date(item.raw.get('date'))} people={names}"


def _diff_detail(gold: Counter[str], system: Counter[str]) -> str:
    missing = sorted((gold - system).elements())
    extra = sorted((system - gold).elements())
    return f"missing {missing} extra {extra}"


def _score_fields(t: _Tally, doc: str, g: _Item, s: _Item) -> None:
    gr, sr = g.raw, s.raw
    mode_detail = f"gold {gr.get('mode')!r} system {sr.get('mode')!r}"
    t.check("mode", gr.get("mode") == sr.get("mode"), doc, g, s, mode_detail)
    status_detail = f"gold {gr.get('status')!r} system {sr.get('status')!r}"
    t.check("status", gr.get("status") == sr.get("status"), doc, g, s, status_detail)
    if _date_scorable(gr):
        detail = f"gold {_fmt_date(gr.get('date'))} system {_fmt_date(sr.get('date'))}"
        t.check("date", _date_ok(gr, sr), doc, g, s, detail)
    if isinstance(gr.get("location"), dict):
        detail = f"gold {_fmt_location(gr['location'])} system {_fmt_location(sr.get('location'))}"
        t.check("location", _location_ok(gr["location"], sr.get("location")), doc, g, s, detail)
    _score_multisets(t, doc, g, s)


def _score_multisets(t: _Tally, doc: str, g: _Item, s: _Item) -> None:
    gold_people, sys_people = Counter(g.families), Counter(s.families)
    if any(t.add_prf("participants", gold_people, sys_people)):
        t.error(
            "field", doc, g, s, field="participants", detail=_diff_detail(gold_people, sys_people)
        )
    gold_topics, sys_topics = (Counter(x) for x in _topic_sets(g.raw, s.raw))
    if any(t.add_prf("topics", gold_topics, sys_topics)):
        t.error("field", doc, g, s, field="topics", detail=_diff_detail(gold_topics, sys_topics))


def _score_doc(t: _Tally, doc: str, golds: list[_Item], systems: list[_Item]) -> None:
    pairs = _match(golds, systems)
    matched_g = {g.index for g, _ in pairs}
    matched_s = {s.index for _, s in pairs}
    for g, s in pairs:
        if g.optional:
            t.report.optional_matched += 1
        else:
            t.report.tp += 1
            _score_fields(t, doc, g, s)
    for s in systems:
        if s.index not in matched_s:
            t.report.fp += 1
            t.error("spurious", doc, None, s, detail=_describe(s))
    for g in golds:
        if g.index not in matched_g and not g.optional:
            t.report.fn += 1
            t.error("missed", doc, g, None, detail=_describe(g))


# --------------------------------------------------------------------------- figures


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """P, R, F1 under the module's zero-division convention."""
    if tp + fp + fn == 0:
        return 1.0, 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def _doc_pairs(items: list[_Item], universe: set[str]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for item in items:
        docs = sorted(d for d in item.docs if d in universe)
        pairs.update((a, b) for i, a in enumerate(docs) for b in docs[i + 1 :])
    return pairs


def _fusion_errors(t: _Tally, golds: list[_Item], systems: list[_Item],
                   pairs: set[tuple[str, str]], kind: str) -> None:
    """One error per document pair scored wrong, naming the gold event and the output
    events each document's side of it is in."""
    for a, b in sorted(pairs):
        g = next((x for x in golds if a in x.docs and b in x.docs), None)
        s = next((x for x in systems if a in x.docs and b in x.docs), None)
        if kind == "unfused":
            where = [",".join(x.ident for x in systems if d in x.docs
                              and x.type == (g.type if g else None)) or "-" for d in (a, b)]
            detail = f"{a} + {b}: one gold event, output apart ({where[0]} / {where[1]})"
        else:
            detail = f"{a} + {b}: joined in the output, gold keeps them apart"
        t.error(kind, a, g, s, field="fusion", detail=detail)


def _finish(r: Report) -> None:
    r.event_p, r.event_r, r.event_f1 = _prf(r.tp, r.fp, r.fn)
    for name in ("participants", "topics", "fusion"):
        tp, fp, fn = (getattr(r, f"{name}_{x}") for x in ("tp", "fp", "fn"))
        for suffix, value in zip(("p", "r", "f1"), _prf(tp, fp, fn), strict=True):
            setattr(r, f"{name}_{suffix}", value)
    for name in ("mode", "status", "date", "location"):
        total = getattr(r, f"{name}_total")
        acc = getattr(r, f"{name}_correct") / total if total else None
        setattr(r, f"{name}_acc", acc)


# --------------------------------------------------------------------------- public API


def score(
    gold: list[dict[str, Any]],
    system: list[dict[str, Any]],
    doc_ids: Iterable[str] | None = None,
) -> Report:
    """Score ``system`` records against ``gold`` records over a document universe.

    ``doc_ids`` is the universe of documents to score (e.g. every document the
    system was run on); by default the union of the documents both sides cite.
    Raises ``ValueError`` when a scored gold date cannot be parsed.
    """
    golds, systems = _prepare(gold, "gold_id"), _prepare(system, "event_id")
    if doc_ids is None:
        universe = {d for item in (*golds, *systems) for d in item.docs}
    else:
        universe = set(doc_ids)
    tally = _Tally()
    for doc in sorted(universe):
        _score_doc(
            tally,
            doc,
            [g for g in golds if doc in g.docs],
            [s for s in systems if doc in s.docs],
        )
    report = tally.report
    report.n_docs, report.n_gold, report.n_system = len(universe), len(gold), len(system)
    sys_pairs, gold_pairs = _doc_pairs(systems, universe), _doc_pairs(golds, universe)
    report.fusion_tp = len(sys_pairs & gold_pairs)
    report.fusion_fp = len(sys_pairs - gold_pairs)
    report.fusion_fn = len(gold_pairs - sys_pairs)
    _fusion_errors(tally, golds, systems, gold_pairs - sys_pairs, "unfused")
    _fusion_errors(tally, golds, systems, sys_pairs - gold_pairs, "misfused")
    _finish(report)
    return report


def _prf_line(label: str, p: float, r: float, f1: float, counts: tuple[int, int, int]) -> str:
    tp, fp, fn = counts
    return f"{label:<16}{f1:.3f}  (P {p:.3f} R {r:.3f}; tp {tp} fp {fp} fn {fn})"


def _acc_line(label: str, acc: float | None, correct: int, total: int) -> str:
    value = "n/a  " if acc is None else f"{acc:.3f}"
    return f"{label:<16}{value}  ({correct}/{total})"


def format_report(report: Report) -> str:
    """A plain-text table of every figure, one metric per line."""
    r = report
    lines = [
        f"{'documents':<16}{r.n_docs}  (gold events {r.n_gold}, system events {r.n_system})",
        _prf_line("event F1", r.event_p, r.event_r, r.event_f1, (r.tp, r.fp, r.fn)),
        f"{'optional hits':<16}{r.optional_matched}  (system events matched to optional gold)",
    ]
    for name in ("mode", "status", "date", "location"):
        lines.append(
            _acc_line(
                f"{name} acc",
                getattr(r, f"{name}_acc"),
                getattr(r, f"{name}_correct"),
                getattr(r, f"{name}_total"),
            )
        )
    for name in ("participants", "topics", "fusion"):
        prf = (getattr(r, f"{name}_p"), getattr(r, f"{name}_r"), getattr(r, f"{name}_f1"))
        counts = (getattr(r, f"{name}_tp"), getattr(r, f"{name}_fp"), getattr(r, f"{name}_fn"))
        lines.append(_prf_line(f"{name} F1", *prf, counts))
    return "\n".join(lines)


def format_errors(report: Report) -> str:
    """One line per error: missed gold event, spurious system event, or wrong field.

    Returns the empty string when there is no error.
    """
    lines = []
    for e in report.errors:
        ids = " ".join(
            part
            for part in (
                f"gold={e.gold_id}" if e.gold_id else "",
                f"event={e.event_id}" if e.event_id else "",
                f"field={e.field}" if e.field else "",
            )
            if part
        )
        lines.append(f"{e.kind:<9}{e.doc_id}  {ids}  {e.detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m summitry.evaluate GOLD SYSTEM [--docs ID ...] [--json] [--errors]``."""
    parser = argparse.ArgumentParser(
        prog="summitry.evaluate", description="Score system events against gold."
    )
    parser.add_argument("gold", type=Path)
    parser.add_argument("system", type=Path)
    parser.add_argument("--docs", nargs="*", default=None, help="document universe (ids)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--errors", action="store_true", help="also list every error")
    args = parser.parse_args(argv)
    report = score(load_jsonl(args.gold), load_jsonl(args.system), args.docs)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
        if args.errors and report.errors:
            print()
            print(format_errors(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
