"""End-to-end tests through the command line: run, events, show, export, eval.

Most tests call the typer app in process (one spaCy load for the whole module); one
test runs the installed ``summitry`` entry point in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from summitry.cli import app

DATA = Path(__file__).parent / "data"
PAGES = DATA / "pages"
GOLD = DATA / "pages_gold.jsonl"

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "t.duckdb"
    code, out = invoke("run", str(PAGES), "--db", str(path))
    assert code == 0, out
    assert "2 documents processed" in out
    return path


def _export(db: Path) -> list[dict[str, object]]:
    code, out = invoke("export", "--db", str(db), "--format", "jsonl")
    assert code == 0, out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_run_stores_events_with_exact_evidence(db: Path) -> None:
    records = _export(db)
    assert sorted(r["type"] for r in records) == ["AGREE", "CONSULT"]
    raw = (PAGES / "rabat_talks.txt").read_text(encoding="utf-8")
    for r in records:
        assert r["event_id"].startswith("ev_")
        assert r["countries"] == ["ESP", "MAR"]
        assert 0 < r["confidence"] <= 1
        (src,) = r["sources"]
        assert src["doc_id"] == "rabat_talks"
        fields = {ev["field"] for ev in src["evidence"]}
        assert {"type", "countries", "participants", "date"} <= fields
        for ev in src["evidence"]:
            assert raw[ev["start"]:ev["end"]] == ev["text"]
            # nothing from the related-articles list or the footer
            assert ev["start"] < raw.index("Related articles")


def test_second_run_changes_nothing(db: Path) -> None:
    before = _export(db)
    code, out = invoke("run", str(PAGES), "--db", str(db))
    assert code == 0, out
    assert "0 documents processed, 2 unchanged" in out
    assert _export(db) == before
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from documents").fetchall() == [(2,)]
    finally:
        con.close()


def test_events_filters(db: Path) -> None:
    code, out = invoke("events", "--db", str(db), "--type", "agree")
    assert code == 0
    assert "AGREE" in out and "CONSULT" not in out
    code, out = invoke("events", "--db", str(db), "--country", "MAR", "--topic", "migration")
    assert "2 events" in out
    code, out = invoke("events", "--db", str(db), "--country", "FRA")
    assert "0 events" in out
    code, out = invoke("events", "--db", str(db), "--since", "2022-06-01")
    assert "0 events" in out
    code, out = invoke("events", "--db", str(db), "--until", "2022-05-31")
    assert "2 events" in out


def test_show_highlights_evidence(db: Path) -> None:
    event_id = next(r["event_id"] for r in _export(db) if r["type"] == "AGREE")
    code, out = invoke("show", event_id, "--db", str(db))
    assert code == 0, out
    assert "memorandum of understanding" in out
    assert "rabat_talks" in out
    code, out = invoke("show", "ev_doesnotexist", "--db", str(db))
    assert code == 1
    assert "No event" in out


def test_export_csv_and_parquet(db: Path, tmp_path: Path) -> None:
    out_csv = tmp_path / "e.csv"
    code, _ = invoke("export", "--db", str(db), "--format", "csv", "--out", str(out_csv))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert sorted(r["type"] for r in rows) == ["AGREE", "CONSULT"]
    out_pq = tmp_path / "e.parquet"
    code, _ = invoke("export", "--db", str(db), "--format", "parquet", "--out", str(out_pq))
    assert code == 0
    n = duckdb.sql(f"select count(*) from read_parquet('{out_pq}')").fetchall()[0][0]
    assert n == 2
    code, _ = invoke("export", "--db", str(db), "--format", "xml")
    assert code == 2


@pytest.mark.parametrize(("fmt", "first_column"), [
    ("polecat", "Event ID"), ("icews", "Event ID"), ("gdelt", "GLOBALEVENTID")])
def test_export_standard_formats(db: Path, tmp_path: Path, fmt: str,
                                 first_column: str) -> None:
    from summitry.formats import columns

    out = tmp_path / f"e.{fmt}"
    code, msg = invoke("export", "--db", str(db), "--format", fmt, "--out", str(out))
    assert code == 0, msg
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(columns(fmt))
    assert lines[0].startswith(first_column)
    assert len(lines) == 1 + 2  # AGREE and CONSULT, ESP-MAR: one dyad each
    code, msg = invoke("export", "--db", str(db), "--format", fmt, "--type", "agree")
    assert code == 0 and len(msg.splitlines()) == 2, msg
    code, msg = invoke("export", "--db", str(db), "--format", fmt, "--type", "meet")
    assert code == 2 and "type" in msg


def test_export_plover_cites_the_evidence(db: Path) -> None:
    code, out = invoke("export", "--db", str(db), "--format", "plover", "--country", "MAR")
    assert code == 0, out
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert sorted(r["event"][0] for r in records) == ["CONSULT", "SUPPORT"]  # AGREE -> SUPPORT
    raw = (PAGES / "rabat_talks.txt").read_text(encoding="utf-8")
    for r in records:
        assert {r["source"][0]["code"], r["recipient"][0]["code"]} == {"ESP", "MAR"}
        for span in r["text_info"]:
            if span["doc_id"] == "rabat_talks":
                assert raw[span["start"]:span["end"]] == span["text"]


def test_eval_on_docs_and_on_export(db: Path, tmp_path: Path) -> None:
    code, out = invoke("eval", "--gold", str(GOLD), "--docs", str(PAGES), "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["event_f1"] == 1.0
    assert report["date_acc"] == 1.0
    exported = tmp_path / "events.jsonl"
    exported.write_text("".join(json.dumps(r) + "\n" for r in _export(db)), encoding="utf-8")
    code, out = invoke("eval", "--gold", str(GOLD), "--events", str(exported), "--errors")
    assert code == 0
    assert "event F1        1.000" in out


def test_bad_inputs_are_recorded_and_the_rest_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAGES / "rabat_talks.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    path = tmp_path / "bad.duckdb"
    code, out = invoke("run", str(folder), "--db", str(path))
    assert code == 3, out
    assert "1 documents processed" in out and "2 failures" in out
    assert len(_export(path)) == 2


def test_usage_errors(tmp_path: Path) -> None:
    code, _ = invoke("run", str(tmp_path / "missing"), "--db", str(tmp_path / "x.duckdb"))
    assert code == 2
    code, out = invoke("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2
    assert "No database" in out
    code, _ = invoke("eval", "--gold", str(GOLD))
    assert code == 2


def test_entry_point_subprocess(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("summitry")
    assert exe.exists(), "the package's console script is installed into the venv"
    path = tmp_path / "sub.duckdb"
    proc = subprocess.run([str(exe), "run", str(PAGES), "--db", str(path)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([str(exe), "events", "--db", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0
    assert "2 events" in proc.stdout
    assert "Grande-Marlaska" in proc.stdout
