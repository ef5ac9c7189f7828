"""Golden tests on the dev pages: the scores the issue asks for, and no boilerplate events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from summitry import evaluate
from summitry.pipeline import run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dev_run(dev_docs: Path, dev_gold: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from summitry.store import Store

    db = tmp_path_factory.mktemp("golden") / "dev.duckdb"
    run([dev_docs], db)
    with Store(db, read_only=True) as store:
        events = store.query_events()
    gold = evaluate.load_jsonl(dev_gold)
    ids = [p.stem for p in sorted(dev_docs.glob("*.txt"))]
    return events, evaluate.score(gold, [e.as_dict() for e in events], ids)


def test_golden_dev_scores_meet_the_floors(dev_run: Any) -> None:
    _, report = dev_run
    assert report.event_f1 >= 0.85, evaluate.format_errors(report)
    assert report.date_acc is not None and report.date_acc >= 0.8
    assert report.participants_f1 >= 0.9
    assert report.topics_f1 >= 0.75


def test_golden_no_event_from_boilerplate(dev_run: Any, dev_docs: Path) -> None:
    events, _ = dev_run
    raw003 = next(dev_docs.glob("003_*.txt")).read_text(encoding="utf-8")
    related = raw003.index("Six seafarers")
    raw002 = next(dev_docs.glob("002_*.txt")).read_text(encoding="utf-8")
    teaser = (raw002.index("Among the proposals"), raw002.index("by Astrid"))
    for e in events:
        for src in e.sources:
            for ev in src.evidence:
                if src.doc_id.startswith("003_"):
                    assert ev.start < related, (e.event_id, ev)
                if src.doc_id.startswith("002_"):
                    assert not teaser[0] <= ev.start < teaser[1], (e.event_id, ev)


def test_golden_evidence_offsets_point_into_original_text(dev_run: Any, dev_docs: Path) -> None:
    events, _ = dev_run
    texts = {p.stem: p.read_text(encoding="utf-8") for p in dev_docs.glob("*.txt")}
    for e in events:
        for src in e.sources:
            for ev in src.evidence:
                assert texts[src.doc_id][ev.start:ev.end] == ev.text


# --------------------------------------------------------------------------- dev, issue 3


def test_golden_dev_fusion_and_dates(dev_run: Any) -> None:
    """001 and 003 are one event (fusion F1 = 1.0); 004 is dated 2013, 001 2023-01-18..19."""
    events, report = dev_run
    assert report.fusion_f1 == 1.0
    assert report.date_acc is not None and report.date_acc >= 0.9
    assert report.event_f1 >= 0.9
    havana = [e for e in events if set(e.doc_ids) == {"001_6feb70dea2efb894",
                                                      "003_d4a66a4584b2790f"}]
    assert len(havana) == 1
    assert (str(havana[0].date.start), str(havana[0].date.end)) == ("2023-01-18", "2023-01-19")
    mexico = [e for e in events if e.doc_ids == ("004_8daeb831cf6be08f",)]
    assert mexico and all(e.date.start and e.date.start.year == 2013 for e in mexico)
    assert all("actors win" in dict(e.reasons)["date"] or "Napolitano" in
               dict(e.reasons)["date"] for e in mexico)


# --------------------------------------------------------------------------- examples


def _score_corpus(root: Path, tmp: Path) -> Any:
    """Run the pipeline on ``root/docs`` into a fresh database and score it against
    ``root/gold.jsonl``."""
    from summitry.store import Store

    db = tmp / f"{root.name}.duckdb"
    run([root / "docs"], db)
    with Store(db, read_only=True) as store:
        events = store.query_events()
    ids = [p.stem for p in sorted((root / "docs").glob("*.txt"))]
    return evaluate.score(evaluate.load_jsonl(root / "gold.jsonl"),
                          [e.as_dict() for e in events], ids)


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _score_corpus(Path(__file__).resolve().parents[1] / "examples",
                         tmp_path_factory.mktemp("golden"))


def test_golden_examples_scores(examples_report: Any) -> None:
    """The bundled examples (always present): floors a little under today's figures."""
    r = examples_report
    assert r.event_f1 >= 0.9, evaluate.format_errors(r)
    assert r.fusion_f1 == 1.0
    assert r.date_acc is not None and r.date_acc >= 0.9
    assert r.participants_f1 >= 0.9
    assert r.topics_f1 >= 0.85


@pytest.fixture(scope="module")
def probe_report(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The probe corpus: fourteen pages from many countries and event kinds."""
    return _score_corpus(Path(__file__).resolve().parent / "data" / "probe",
                         tmp_path_factory.mktemp("golden"))


def test_golden_probe_scores(probe_report: Any) -> None:
    r = probe_report
    assert r.event_f1 >= 0.85, evaluate.format_errors(r)
    assert r.event_p >= 0.9
    assert r.date_acc is not None and r.date_acc >= 0.85
    # 0.733 since place rules, 0.667 since 2026-12-01 (p07's anaphoric earlier meeting,
    # p14's "Maryland"), 0.857 with later visits, described places and government
    # buildings (landmarks) read; p05 and p13 are left
    assert r.location_acc is not None and r.location_acc >= 0.80
    assert r.participants_f1 >= 0.85
    assert r.topics_f1 >= 0.9


REAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "real"


@pytest.fixture(scope="module")
def real_report(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not (REAL / "gold.jsonl").is_file():
        pytest.skip("needs ../shared/eval/real (present in CI, not in a user's clone)")
    return _score_corpus(REAL, tmp_path_factory.mktemp("golden_real"))


def test_golden_real_pages_stay_above_floors_under_the_cross_validated_figures(
        real_report: Any) -> None:
    """The shipped model was fitted on these pages, so its figures here are optimistic;
    the floors sit under the cross-validated ones (`make cv`, docs/learning.md)."""
    r = real_report
    # make cv (2026-12-02, eighth session): event 0.84, participants 0.89, location 0.88,
    # date 0.84, topics 0.83, fusion 0.82 (mean of fold seeds 13, 1, 2: the same within
    # 0.01); the fitted real figures: event 0.97, date 0.78, location 0.92, participants
    # 0.93, topics 0.91, fusion 0.97
    assert r.event_f1 >= 0.80, evaluate.format_errors(r)
    assert r.participants_f1 >= 0.85
    assert r.location_acc is not None and r.location_acc >= 0.85
    assert r.date_acc is not None and r.date_acc >= 0.75
    assert r.topics_f1 >= 0.80
    assert r.fusion_f1 >= 0.80
