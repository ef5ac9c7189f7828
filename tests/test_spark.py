"""The Spark engine gives the local engine's database: same events, documents, groups.

One SparkSession (local[2]) serves the whole module; the corpus is the examples plus,
when present, the dev pages, plus one empty file that must become a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summitry.errors import ConfigError
from summitry.fuse import fuse
from summitry.pipeline import Pipeline, RunSummary
from summitry.pipeline import run as run_local
from summitry.store import Store, event_to_json

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DOCS = ROOT / "examples" / "docs"
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                       reason="pyspark is not installed (pip install 'summitry[spark]')"),
    pytest.mark.skipif(_java() is None, reason="Spark needs Java 17 (no java on PATH or "
                                               "in JAVA_HOME)"),
    pytest.mark.slow,
]

os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

from summitry import spark_engine  # noqa: E402  (after the skips: imports no pyspark)
from summitry.spark_engine import run_spark  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for src in (EXAMPLE_DOCS, DEV_DOCS):
        if src.is_dir():
            for f in sorted(src.iterdir()):
                if f.is_file():
                    shutil.copy(f, folder / f.name)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_engine.session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory,
              pipeline: Pipeline) -> tuple[Path, RunSummary]:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    return db, run_local([corpus], db, pipeline=pipeline)


@pytest.fixture(scope="module")
def spark_run(corpus: Path, spark: Any, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, RunSummary, Path]:
    tmp = tmp_path_factory.mktemp("spark")
    db, pq = tmp / "spark.duckdb", tmp / "parquet"
    summary = run_spark([corpus], db, spark=spark, parquet_dir=pq)
    return db, summary, pq


def _snapshot(db: Path) -> dict[str, Any]:
    """Everything a run leaves in the database, except timestamps."""
    with Store(db, read_only=True) as store:
        return {
            "events": [event_to_json(e) for e in store.query_events()],
            "mentions": [(mid, event_to_json(e)) for mid, e in store.all_mentions()],
            "documents": sorted(
                (d, {k: v for k, v in (store.get_document(d) or {}).items()
                     if k != "ingested_at"})
                for d in store.document_ids()),
            "signatures": store.signatures(),
            "dup_groups": store.dup_groups(),
            "redirects": store.redirects(),
            "actors": store.actor_records(),
            "failures": sorted((f["input"], f["stage"], f["error"]) for f in store.failures()),
            "counts": store.counts(),
        }


def test_same_events_as_the_local_engine(local_run: Any, spark_run: Any) -> None:
    with Store(local_run[0], read_only=True) as a, Store(spark_run[0], read_only=True) as b:
        local, spark = a.query_events(), b.query_events()
    assert local, "the corpus should give events"
    assert [e.event_id for e in spark] == [e.event_id for e in local]
    assert [e.as_dict() for e in spark] == [e.as_dict() for e in local]
    assert spark == local  # exact too: unrounded confidence, date derivation, reasons


def test_same_database_as_the_local_engine(local_run: Any, spark_run: Any) -> None:
    local, spark = _snapshot(local_run[0]), _snapshot(spark_run[0])
    assert spark["counts"]["documents"] == local["counts"]["documents"] > 0
    for key in local:
        assert spark[key] == local[key], key


def test_same_summary(local_run: Any, spark_run: Any) -> None:
    local, spark = local_run[1], spark_run[1]
    assert (spark.documents, spark.skipped, spark.mentions, spark.events) == (
        local.documents, local.skipped, local.mentions, local.events)
    assert spark.failures == local.failures


def test_empty_file_is_a_failure_in_both(corpus: Path, local_run: Any, spark_run: Any) -> None:
    for db in (local_run[0], spark_run[0]):
        with Store(db, read_only=True) as store:
            failures = store.failures()
        assert [(f["input"], f["stage"]) for f in failures] == [
            (str(corpus / "empty.txt"), "ingest")], db
        assert "empty" in failures[0]["error"]


def test_parquet_holds_every_processed_document(spark_run: Any) -> None:
    import pyarrow.parquet as pq

    db, summary, folder = spark_run
    table = pq.read_table(folder / "documents").sort_by("idx")
    rows = table.to_pylist()
    assert len(rows) == summary.documents
    with Store(db, read_only=True) as store:
        assert {r["doc_id"] for r in rows} == store.document_ids()
        assert sum(len(r["mentions"]) for r in rows) == store.counts()["mentions"]
        stored_sigs = store.signatures()
        for r in rows:
            assert r["error"] is None
            doc = spark_engine.clean_doc_from_json(r["document"])
            assert spark_engine.clean_doc_to_json(doc) == r["document"]
            stored = store.get_document(r["doc_id"])
            assert stored is not None
            assert (doc.raw, doc.text, doc.title) == (
                stored["raw_text"], stored["clean_text"], stored["title"])
            assert r["signature"] == stored_sigs[r["doc_id"]]


def test_parquet_document_is_the_clean_doc(pipeline: Pipeline) -> None:
    first = sorted(EXAMPLE_DOCS.glob("*.txt"))[0]
    from summitry.records import RawDoc

    doc, _ = pipeline.process(RawDoc(first.stem, first.read_text(encoding="utf-8")))
    assert spark_engine.clean_doc_from_json(spark_engine.clean_doc_to_json(doc)) == doc


def test_second_spark_run_changes_nothing(corpus: Path, spark: Any, spark_run: Any) -> None:
    db = spark_run[0]
    before = _snapshot(db)
    summary = run_spark([corpus], db, spark=spark)
    assert (summary.documents, summary.mentions) == (0, 0)
    assert summary.skipped == before["counts"]["documents"]
    assert summary.events == before["counts"]["events"]
    assert [f.input for f in summary.failures] == [str(corpus / "empty.txt")]
    assert _snapshot(db) == before
    assert not list(db.parent.glob(".spark.duckdb.spark-*")), "temporary Parquet left behind"


def test_no_load_reports_without_writing(corpus: Path, spark: Any, local_run: Any,
                                         tmp_path: Path) -> None:
    db = tmp_path / "never.duckdb"
    summary = run_spark([corpus], db, spark=spark, load=False, parquet_dir=tmp_path / "pq")
    assert not db.exists()
    local = local_run[1]
    assert (summary.documents, summary.mentions, summary.events, summary.failures) == (
        local.documents, local.mentions, local.events, local.failures)
    assert (tmp_path / "pq" / "documents").is_dir()


def test_fuse_spark_equals_fuse(spark: Any, local_run: Any) -> None:
    from summitry import dedup

    with Store(local_run[0], read_only=True) as store:
        mentions = [e for _, e in store.all_mentions()]
        groups = dedup.groups(store.signatures())
        stored = store.event_ids()
    # ids of the stored (fused) events: a re-fusion must keep them and redirect the rest
    for existing in (stored, {m.event_id for m in mentions[1::2]}):
        assert spark_engine.fuse_spark(spark.sparkContext, mentions, existing, groups) == \
            fuse(mentions, existing, groups)
    assert spark_engine.fuse_spark(spark.sparkContext, []) == ([], {})


def test_spark_submit_main(corpus: Path, spark: Any, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    from summitry import spark_submit

    # master=None: the active session (spark-submit's) is used and left running
    code = spark_submit.main([str(corpus), "--db", str(tmp_path / "s.duckdb"), "--no-load"])
    out = capsys.readouterr()
    assert code == 3  # the empty file failed, the rest were processed
    assert "documents processed" in out.out and "empty.txt" in out.err
    assert not (tmp_path / "s.duckdb").exists()
    assert not spark.sparkContext._jsc.sc().isStopped()
    assert spark_submit.main([str(tmp_path / "missing"), "--db", "x.duckdb"]) == 2


def test_missing_pyspark_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(ConfigError, match=r"pip install 'summitry\[spark\]'"):
        spark_engine.session("local[1]")
