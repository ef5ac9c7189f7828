"""Crash safety (kill -9 mid-run, then the same run again == one clean run) and the
multi-process extractor (same database as one process)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summitry.cli import app
from summitry.pipeline import Pipeline, run
from summitry.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("summitry")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for src in [*(ROOT / "examples" / "docs").glob("*.txt"),
                *(ROOT / "tests" / "data" / "fusion").glob("*.txt"),
                *(ROOT / "tests" / "data" / "pages").glob("*.txt")]:
        shutil.copy(src, folder / src.name)
    # enough work that a kill lands mid-run: republished copies of the examples
    for copy in ("mirror", "syndicated"):
        sub = folder / copy
        sub.mkdir()
        for src in (ROOT / "examples" / "docs").glob("*.txt"):
            text = src.read_text(encoding="utf-8")
            (sub / f"{copy}_{src.name}").write_text(f"{copy.upper()} EDITION\n\n{text}",
                                                   encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")
    return folder


def snapshot(db: Path) -> dict[str, object]:
    with Store(db, read_only=True) as store:
        counts = store.counts()
        events = [e.as_dict() for e in store.query_events()]
        docs = sorted(store.document_ids())
        failures = sorted((f["input"], f["stage"]) for f in store.failures())
        groups = store.dup_groups()
    return {"counts": counts, "events": events, "docs": docs, "failures": failures,
            "groups": groups}


def _run(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(EXE), "run", str(corpus), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def clean_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("clean") / "c.duckdb"
    proc = _run(corpus, db)
    assert proc.wait(timeout=600) == 3  # one broken input, the rest stored
    return snapshot(db)


def _wait_for_documents(db: Path, at_least: int, timeout: float) -> None:
    """Wait until the run has committed some documents (read the file's row count
    through a copy: the writer holds the lock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if not db.exists():
            continue
        probe = db.with_suffix(".probe.duckdb")
        try:
            shutil.copy(db, probe)
            wal = Path(str(db) + ".wal")
            if wal.exists():
                shutil.copy(wal, Path(str(probe) + ".wal"))
            with Store(probe, read_only=True) as store:
                if store.counts()["documents"] >= at_least:
                    return
        except Exception:  # a half-written copy: try again
            continue
        finally:
            probe.unlink(missing_ok=True)
            Path(str(probe) + ".wal").unlink(missing_ok=True)


@pytest.mark.parametrize("docs_before_kill", [0, 3, 8])
def test_kill_9_then_rerun_equals_one_clean_run(docs_before_kill: int, corpus: Path,
                                                tmp_path: Path,
                                                clean_run: dict[str, object]) -> None:
    db = tmp_path / "k.duckdb"
    proc = _run(corpus, db)
    if docs_before_kill:
        _wait_for_documents(db, docs_before_kill, timeout=300)
    else:
        time.sleep(1.0)  # while the model loads / the schema is created
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if db.exists():  # what the killed run left is a consistent, partial database
        partial = snapshot(db)
        assert len(partial["docs"]) < len(clean_run["docs"])  # type: ignore[arg-type]
    again = _run(corpus, db)
    assert again.wait(timeout=600) == 3
    assert snapshot(db) == clean_run


def test_workers_give_the_same_database(corpus: Path, tmp_path: Path,
                                        clean_run: dict[str, object]) -> None:
    db = tmp_path / "w.duckdb"
    summary = run([corpus], db, pipeline=Pipeline(), workers=2)
    assert summary.documents == len(clean_run["docs"])  # type: ignore[arg-type]
    assert snapshot(db) == clean_run


def test_status_and_failures_commands(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    res = runner.invoke(app, ["run", str(corpus), "--db", str(db)])
    assert res.exit_code == 3
    res = runner.invoke(app, ["status", "--db", str(db), "--json"])
    counts = json.loads(res.output)
    assert counts["failures"] == 1 and counts["documents"] >= 10
    assert counts["duplicate_groups"] == 9  # the wire pair and each republished example
    res = runner.invoke(app, ["failures", "--db", str(db), "--json"])
    (row,) = json.loads(res.output)
    assert row["stage"] == "ingest" and "empty" in row["error"]
    res = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--engine", "nope"])
    assert res.exit_code == 2


def test_readers_see_the_last_snapshot_while_a_run_writes(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "pages" / "rabat_talks.txt", first / "rabat.txt")
    assert _run(first, db).wait(timeout=600) == 0
    writer = _run(corpus, db)  # a long run now holds the file
    try:
        time.sleep(2.5)
        assert writer.poll() is None
        res = subprocess.run([str(EXE), "events", "--db", str(db)], capture_output=True,
                             text=True, timeout=120, check=False)
        assert res.returncode == 0, res.stderr
        assert "snapshot" in res.stderr
        assert "2 events" in res.stdout  # what the first run published
    finally:
        writer.wait(timeout=600)
    res = subprocess.run([str(EXE), "events", "--db", str(db)], capture_output=True,
                         text=True, timeout=120, check=False)
    assert "snapshot" not in res.stderr and "2 events" not in res.stdout
