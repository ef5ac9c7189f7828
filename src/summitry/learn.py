"""Training and cross-validation of the learned decision (:mod:`summitry.decide`).

Labelled data: folders that hold ``docs/`` and ``gold.jsonl`` in the GUIDELINES
shape (by default ``../shared/eval/real`` and ``../shared/eval/train``). Every
page runs through the pipeline once, up to its candidate events; a candidate is a
positive example when a gold event of its document has the same type and the
same set of governments (what the scorer matches on), a negative one when none
has, and is left out when only an ``optional`` gold event matches it.

``cv`` splits the pages into five folds by document, the pages of one real-world
event (pages sharing a gold event, or a manifest ``cluster_hint``) in the same
fold, trains on four and scores the fifth with the real scorer (events built,
fused across the held-out pages), and prints the mean figures. ``train`` fits on
every labelled page and writes the model the package ships. Fixed seeds: the same
pages give the same model.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summitry import decide, evaluate, ingest, resolve
from summitry.candidates import Candidate
from summitry.errors import ConfigError
from summitry.extraction import DocEvent
from summitry.fuse import fuse
from summitry.mentions import Analysis
from summitry.records import Event

log = logging.getLogger(__name__)

SEED = 13
FOLDS = 5
DEFAULT_SETS = ("real", "train")
MEASURES = ("event_f1", "event_p", "event_r", "date_acc", "participants_f1", "location_acc",
            "topics_f1", "fusion_f1")


def shared_eval_dir() -> Path:
    """``../shared/eval`` next to the checkout (where CI and the team keep the labels)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared" / "eval"
        if (parent / "pyproject.toml").is_file() and cand.is_dir():
            return cand
    return Path.cwd().parent / "shared" / "eval"


def labelled_sets(names: Sequence[str] = DEFAULT_SETS, root: Path | None = None) -> list[Path]:
    """The labelled folders, or a :class:`ConfigError` that says where they should be."""
    base = root or shared_eval_dir()
    out = []
    for name in names:
        d = base / name
        if not (d / "gold.jsonl").is_file() or not (d / "docs").is_dir():
            raise ConfigError(f"labelled pages not found at {d} (needs gold.jsonl and docs/); "
                              "training and cross-validation need ../shared/eval beside the "
                              "checkout")
        out.append(d)
    return out


@dataclass(slots=True)
class Page:
    """One labelled page, analysed up to its candidates."""

    doc_id: str
    analysis: Analysis | None
    candidates: list[Candidate]
    group: str = ""
    #: events found without a parse (a page in another language: summitry.foreign)
    events: list[Event] = field(default_factory=list)


def collect(folders: Iterable[Path], pipe: Any, progress: Callable[[str], None] | None = None
            ) -> tuple[list[Page], list[dict[str, Any]]]:
    """Run every labelled page up to its candidates; return the pages and all gold rows."""
    pages: list[Page] = []
    gold: list[dict[str, Any]] = []
    folders = list(folders)
    for folder in folders:
        labelled_sets([folder.name], folder.parent)  # a clear error when it is not there
    for folder in folders:
        gold.extend(evaluate.load_jsonl(folder / "gold.jsonl"))
        hints = _hints(folder)
        for raw in ingest.read([folder / "docs"]):
            if isinstance(raw, ingest.Failure):
                raise ConfigError(f"cannot read labelled page {raw.input}: {raw.error}")
            doc, analysis, cands = pipe.candidates(raw)
            other = pipe.foreign_events(raw, doc) if analysis is None else []
            pages.append(Page(raw.doc_id, analysis, cands, hints.get(raw.doc_id, ""), other))
            if progress:
                progress(raw.doc_id)
    _assign_groups(pages, gold)
    return pages, gold


def _hints(folder: Path) -> dict[str, str]:
    path = folder / "manifest.jsonl"
    if not path.is_file():
        return {}
    return {r["doc_id"]: str(r.get("cluster_hint") or "") for r in evaluate.load_jsonl(path)}


def _assign_groups(pages: list[Page], gold: list[dict[str, Any]]) -> None:
    """Pages of one real-world event share a group (union of gold ``docs`` lists and
    identical manifest hints), so a fold never holds half of a cluster."""
    parent = {p.doc_id: p.doc_id for p in pages}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        if a in parent and b in parent:
            parent[find(b)] = find(a)

    for g in gold:
        docs = list(g.get("docs") or [])
        for d in docs[1:]:
            union(docs[0], d)
    by_hint: dict[str, str] = {}
    for p in pages:
        if p.group:
            union(by_hint.setdefault(p.group, p.doc_id), p.doc_id)
    for p in pages:
        p.group = find(p.doc_id)


def _gold_keys(gold: list[dict[str, Any]]) -> dict[str, list[tuple[str, frozenset[str], bool]]]:
    out: dict[str, list[tuple[str, frozenset[str], bool]]] = defaultdict(list)
    for g in gold:
        key = (str(g["type"]), frozenset(g.get("countries") or ()), bool(g.get("optional")))
        for d in g.get("docs") or ():
            out[d].append(key)
    return out


def examples(pages: Sequence[Page], gold: list[dict[str, Any]]
             ) -> tuple[list[dict[str, float]], list[int], list[str]]:
    """Features, labels (1 event, 0 not) and group of every candidate with a clear label."""
    keys = _gold_keys(gold)
    feats: list[dict[str, float]] = []
    labels: list[int] = []
    groups: list[str] = []
    for page in pages:
        mine = keys.get(page.doc_id, [])
        for c in page.candidates:
            label = _label(c, mine)
            if label is None:
                continue
            feats.append(c.features)
            labels.append(label)
            groups.append(page.group)
    return feats, labels, groups


def _label(c: Candidate, gold_keys: list[tuple[str, frozenset[str], bool]]) -> int | None:
    """1 for the first k candidates of a (type, governments) key that k scored gold events
    of the page have, None for the next ones up to the optional gold events, else 0."""
    hits = [opt for t, cs, opt in gold_keys if t == c.event.type and cs == c.event.country_set]
    scored = sum(1 for opt in hits if not opt)
    rank = int(c.features.get("key_rank", 0))
    if rank < scored:
        return 1
    if rank < len(hits):
        return None  # an optional gold event: neither rewarded nor penalised
    return 0


def fit(feats: list[dict[str, float]], labels: list[int], *, c: float = 0.1,
        min_count: int = 3, seed: int = SEED) -> decide.Model:
    """A standardised L2 logistic regression (scikit-learn) over features seen at least
    ``min_count`` times; the threshold maximises F1 on inner out-of-fold predictions."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    counts: dict[str, int] = defaultdict(int)
    for f in feats:
        for k, v in f.items():
            if v:
                counts[k] += 1
    names = sorted(k for k, n in counts.items() if n >= min_count)
    x = np.array([[f.get(n, 0.0) for n in names] for f in feats], dtype=float)
    y = np.array(labels, dtype=int)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    xs = (x - mean) / scale
    clf = LogisticRegression(C=c, max_iter=5000, random_state=seed)
    rule = np.array([f.get("origin=rule", 0.0) == 1.0 and not f.get("retyped")
                     and not f.get("sibling") and not f.get("dropped") for f in feats])
    thresholds = (0.5, 0.5)
    if y.sum() >= 6 and (len(y) - y.sum()) >= 6:
        inner = StratifiedKFold(n_splits=3, shuffle=True, random_state=seed)
        prob = cross_val_predict(clf, xs, y, cv=inner, method="predict_proba")[:, 1]
        thresholds = _best_thresholds(prob, y, rule)
    clf.fit(xs, y)
    return decide.Model(tuple(names), tuple(float(v) for v in mean),
                        tuple(float(v) for v in scale), tuple(float(v) for v in clf.coef_[0]),
                        float(clf.intercept_[0]), thresholds[0], thresholds[1],
                        {"examples": len(y), "positives": int(y.sum()), "C": c, "seed": seed})


def _best_thresholds(prob: Any, y: Any, rule: Any) -> tuple[float, float]:
    """(new, rule) thresholds with the best F1 over all candidates; ties keep the
    higher threshold for new candidates and the lower one for rule events."""
    grid = [i / 100 for i in range(10, 86, 3)]
    best, best_f1 = (0.5, 0.5), -1.0
    for t_new in reversed(grid):
        for t_rule in grid:
            pred = prob >= (rule * t_rule + ~rule * t_new)
            tp = int((pred & (y == 1)).sum())
            fp = int((pred & (y == 0)).sum())
            fn = int((~pred & (y == 1)).sum())
            f1 = 2 * tp / max(1, 2 * tp + fp + fn)
            if f1 > best_f1 + 1e-9:
                best, best_f1 = (t_new, t_rule), f1
    return best


#: the decision thresholds ``fit_pages`` chooses among (new candidates, rule events)
GRID_NEW = (0.2, 0.25, 0.3, 0.35, 0.4)
GRID_RULE = (0.05, 0.3)


def fit_pages(pages: Sequence[Page], gold: list[dict[str, Any]], store: Any,
              seed: int = SEED) -> decide.Model:
    """Fit on the candidates of ``pages``; choose the two thresholds that give the best
    mean event F1 (the real scorer, events built and fused) over five inner folds of
    the same pages. The candidate-level optimum keeps too little: one kept candidate
    often stands for several of its window variants."""
    feats, labels, _ = examples(pages, gold)
    model = fit(feats, labels, seed=seed)
    totals: dict[tuple[float, float], float] = defaultdict(float)
    inner = folds(pages, 5, seed)
    for i, held in enumerate(inner):
        rest = [p for j, part in enumerate(inner) if j != i for p in part]
        f, lab, _ = examples(rest, gold)
        if sum(lab) < 3 or len(lab) - sum(lab) < 3:
            continue
        sub = fit(f, lab, seed=seed)
        ids = [p.doc_id for p in held]
        for t_new in GRID_NEW:
            for t_rule in GRID_RULE:
                m = dataclasses.replace(sub, threshold=t_new, rule_threshold=t_rule)
                got = [e.as_dict() for e in events_for(held, m, store)]
                totals[(t_new, t_rule)] += evaluate.score(gold, got, ids).event_f1
    if totals:
        t_new, t_rule = max(sorted(totals), key=lambda k: totals[k])
        model = dataclasses.replace(model, threshold=t_new, rule_threshold=t_rule)
    return model


def events_for(pages: Sequence[Page], model: decide.Model | None, store: Any) -> list[Event]:
    """Per-document events of ``pages`` under ``model``, fused across the pages."""
    out: list[Event] = []
    for page in pages:
        out.extend(page.events)
        if page.analysis is None:
            continue
        kept = decide.select([_fresh(c) for c in page.candidates], model)
        out.extend(resolve.build_events(page.analysis, kept, store))
    fused, _ = fuse(out)
    return fused


def _fresh(c: Candidate) -> Candidate:
    """A copy whose event can be changed by resolve without touching the original."""
    ev = c.event
    copy = DocEvent(type=ev.type, status=ev.status, mentions=list(ev.mentions),
                    participants={k: (p, list(s)) for k, (p, s) in ev.participants.items()},
                    countries=dict(ev.countries), orgs=list(ev.orgs), times=list(ev.times),
                    places=list(ev.places), topics=list(ev.topics),
                    sentences=list(ev.sentences), umbrella=ev.umbrella)
    return dataclasses.replace(c, event=copy)


def folds(pages: Sequence[Page], k: int = FOLDS, seed: int = SEED) -> list[list[Page]]:
    """``k`` folds of pages, whole groups in one fold, balanced by page count."""
    groups: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        groups[p.group].append(p)
    order = sorted(groups)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda g: -len(groups[g]))  # biggest first, ties in shuffled order
    out: list[list[Page]] = [[] for _ in range(k)]
    for g in order:
        min(out, key=len).extend(groups[g])
    return out


def cross_validate(pages: Sequence[Page], gold: list[dict[str, Any]], store: Any,
                   k: int = FOLDS, seed: int = SEED) -> dict[str, Any]:
    """Mean held-out figures over ``k`` document folds (and each fold's)."""
    parts = folds(pages, k, seed)
    per_fold: list[dict[str, float]] = []
    for i, held in enumerate(parts):
        train_pages = [p for j, part in enumerate(parts) if j != i for p in part]
        model = fit_pages(train_pages, gold, store, seed)
        ids = [p.doc_id for p in held]
        report = evaluate.score(gold, [e.as_dict() for e in events_for(held, model, store)],
                                ids)
        d = report.as_dict()
        per_fold.append({m: float(d.get(m) or 0.0) for m in MEASURES})
    mean = {m: round(sum(f[m] for f in per_fold) / len(per_fold), 4) for m in MEASURES}
    return {"folds": per_fold, "mean": mean}


def cv_line(result: dict[str, Any]) -> str:
    """The one-line JSON summary ``make cv`` ends with."""
    m = result["mean"]
    return json.dumps({"event_f1": m["event_f1"], "date": m["date_acc"],
                       "participants_f1": m["participants_f1"], "location": m["location_acc"],
                       "fusion_f1": m["fusion_f1"], "event_p": m["event_p"],
                       "event_r": m["event_r"], "topics_f1": m["topics_f1"]})


def shipped_model_path() -> Path:
    """Where the package keeps its model (the file ``make train`` rewrites)."""
    return Path(__file__).resolve().parent / "data" / decide.MODEL_FILE


def _rules_pipeline() -> Any:
    from summitry.pipeline import Pipeline

    return Pipeline(use_model=False)


def train(folders: Sequence[Path], out: Path,
          progress: Callable[[str], None] | None = None) -> decide.Model:
    """Fit on every labelled page and write the model as JSON to ``out``."""
    from summitry.actors import ActorStore

    pages, gold = collect(folders, _rules_pipeline(), progress)
    model = fit_pages(pages, gold, ActorStore.default())
    meta = {**model.meta, "pages": len(pages), "sets": [f.name for f in folders]}
    model = dataclasses.replace(model, meta=meta)
    out.write_text(json.dumps(model.as_dict(), indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    return model


def run_cv(folders: Sequence[Path], k: int = FOLDS,
           progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Cross-validate on the labelled pages of ``folders``."""
    from summitry.actors import ActorStore

    pages, gold = collect(folders, _rules_pipeline(), progress)
    return cross_validate(pages, gold, ActorStore.default(), k)
