"""Ingest: doc ids, the clash rule, unreadable inputs become failures."""

from __future__ import annotations

from pathlib import Path

from summitry import ingest
from summitry.records import RawDoc


def test_ingest_doc_id_is_file_stem(tmp_path: Path) -> None:
    (tmp_path / "001_abc.txt").write_text("Ministers met.", encoding="utf-8")
    docs = list(ingest.read([tmp_path]))
    assert [d.doc_id for d in docs if isinstance(d, RawDoc)] == ["001_abc"]


def test_ingest_clashing_names_get_parent_prefix(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "001.txt").write_text(f"page {folder}", encoding="utf-8")
    (tmp_path / "a" / "002.txt").write_text("other", encoding="utf-8")
    ids = sorted(d.doc_id for d in ingest.read([tmp_path]) if isinstance(d, RawDoc))
    assert ids == ["002", "a__001", "b__001"]


def test_ingest_bad_inputs_are_failures_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "latin1.txt").write_bytes(
        "La reunión de los ministros en La Habana terminó el jueves.".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Ministers met in Madrid.", encoding="utf-8")
    out = list(ingest.read([tmp_path]))
    good = {d.doc_id: d.text for d in out if isinstance(d, RawDoc)}
    bad = {Path(f.input).name: f.error for f in out if isinstance(f, ingest.Failure)}
    # a legacy encoding is detected, not refused
    assert good == {"good": "Ministers met in Madrid.",
                    "latin1": "La reunión de los ministros en La Habana terminó el jueves."}
    assert "empty" in bad["empty.txt"]
    assert "binary" in bad["binary.txt"]


def test_ingest_keeps_text_exact(tmp_path: Path) -> None:
    text = "Line one\r\n\r\n  • menu\nCafé – “quoted”\n"
    (tmp_path / "x.txt").write_bytes(text.encode("utf-8"))
    (doc,) = list(ingest.read([tmp_path / "x.txt"]))
    assert isinstance(doc, RawDoc) and doc.text == text
