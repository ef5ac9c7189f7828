"""Exports: JSON Lines, CSV and Parquet carry every event in event_id order."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry import export
from summitry.export import CSV_COLUMNS, export_events
from summitry.records import DateRange, Event, Evidence, Location, Participant, Source


def ev(
    event_id: str,
    *,
    docs: tuple[str, ...] = ("d1",),
    people: tuple[str, ...] = ("Ana Pérez", "John Smith"),
    place: str | None = "Havana",
    countries: tuple[str, ...] = ("CUB", "USA"),
    mode: str | None = "in_person",
) -> Event:
    return Event(
        type="CONSULT",
        mode=mode,
        status="occurred",
        date=DateRange(dt.date(2023, 1, 18), dt.date(2023, 1, 19), "day", "explicit"),
        location=Location(place, "CUB", 23.1, -82.4) if place else None,
        countries=countries,
        participants=tuple(Participant(p, "Minister") for p in people),
        organizations=("INTERPOL", "UNODC"),
        topics=("terrorism", "information_sharing"),
        confidence=0.71234,
        sources=tuple(Source(d, (Evidence("trigger", 3, 6, "met"),)) for d in docs),
        event_id=event_id,
        reasons=(("date", "explicit"),),
    )


EVENTS = [
    ev("ev_b", docs=("d2", "d3")),
    ev("ev_a", people=('Jean "JJ" d\'Arc, Jr.', "<script>alert(1)</script>"), place=None,
       mode=None),
    ev("ev_c", people=(), countries=("中国", "FRA")),
]
ORDER = ["ev_a", "ev_b", "ev_c"]


def test_jsonl_lines_round_trip_to_as_dict_in_id_order(tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    assert export_events(EVENTS, "jsonl", out) == 3
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert [json.loads(line) for line in lines] == [
        e.as_dict() for e in sorted(EVENTS, key=lambda e: e.event_id)]
    assert [json.loads(line)["event_id"] for line in lines] == ORDER
    assert "中国" in text  # not \\u-escaped
    assert text.endswith("\n")


def test_jsonl_to_stream_and_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    buf = io.StringIO()
    assert export_events(EVENTS, "jsonl", buf) == 3
    assert export_events(EVENTS, "JSONL", None) == 3
    assert capsys.readouterr().out == buf.getvalue()
    assert len(buf.getvalue().splitlines()) == 3


_text = st.text(max_size=15) | st.sampled_from(['"', "<script>", ";", ",", "\n", "\r\n", "é"])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_text, _text, st.lists(_text, max_size=3)), max_size=5))
def test_jsonl_and_csv_survive_arbitrary_text(rows: list[tuple[str, str, list[str]]]) -> None:
    events = [
        Event("CONSULT", None, "occurred", DateRange.unknown(), Location(place, None), (),
              tuple(Participant(n) for n in names), (), (), 0.5, (Source("d"),), event_id=eid)
        for eid, place, names in rows
    ]
    want = sorted(events, key=lambda e: e.event_id)
    buf = io.StringIO()
    export_events(events, "jsonl", buf)
    assert [json.loads(x) for x in buf.getvalue().split("\n")[:-1]] == [e.as_dict() for e in want]
    buf = io.StringIO()
    export_events(events, "csv", buf)
    parsed = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    assert parsed[0] == list(CSV_COLUMNS)
    assert [(r[0], r[7], r[10]) for r in parsed[1:]] == [
        (e.event_id, e.location.name if e.location else "",
         ";".join(p.name for p in e.participants)) for e in want]


def test_csv_header_and_rows(tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert export_events(EVENTS, "csv", out) == 3
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["event_id"] for r in rows] == ORDER
    a, b, c = rows
    assert b == {
        "event_id": "ev_b", "type": "CONSULT", "mode": "in_person", "status": "occurred",
        "date_start": "2023-01-18", "date_end": "2023-01-19", "date_precision": "day",
        "location_name": "Havana", "location_country": "CUB", "countries": "CUB;USA",
        "participants": "Ana Pérez;John Smith", "organizations": "INTERPOL;UNODC",
        "topics": "terrorism;information_sharing", "confidence": "0.712", "docs": "d2;d3",
    }
    assert a["participants"] == 'Jean "JJ" d\'Arc, Jr.;<script>alert(1)</script>'
    assert a["mode"] == a["location_name"] == a["location_country"] == ""
    assert c["participants"] == ""
    assert c["countries"] == "中国;FRA"


def test_csv_of_no_events_is_just_the_header() -> None:
    buf = io.StringIO()
    assert export_events([], "csv", buf) == 0
    assert buf.getvalue() == ",".join(CSV_COLUMNS) + "\r\n"


def test_parquet_readable_by_pyarrow_and_back_to_as_dict(tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    assert export_events(iter(EVENTS), "parquet", out) == 3
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert table.schema.field("confidence").type == "double"
    assert table.schema.field("event_id").type == "string"
    rows = table.to_pylist()
    assert [r["event_id"] for r in rows] == ORDER
    nested = ("date", "location", "countries", "participants", "organizations", "topics",
              "docs", "sources", "reasons")
    back = [{k: json.loads(v) if k in nested else v for k, v in r.items()} for r in rows]
    assert back == [e.as_dict() for e in sorted(EVENTS, key=lambda e: e.event_id)]


def test_parquet_of_no_events_is_readable(tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    assert export_events([], "parquet", out) == 0
    assert pq.read_table(out).num_rows == 0
    assert "event_id" in pq.read_table(out).column_names


@pytest.mark.parametrize("target", [None, "stream"])
def test_parquet_to_stdout_or_text_stream_is_refused(target: str | None) -> None:
    out = io.StringIO() if target else None
    with pytest.raises(ValueError, match=r"parquet.*file path"):
        export_events(EVENTS, "parquet", out)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown export format 'xml'.*jsonl, csv, parquet"):
        export_events(EVENTS, "xml", tmp_path / "e.xml")
    assert not (tmp_path / "e.xml").exists()


def test_failed_export_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "e.parquet"
    out.write_bytes(b"previous export")

    def boom(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export.pq, "write_table", boom)
    with pytest.raises(OSError, match="disk full"):
        export_events(EVENTS, "parquet", out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["e.parquet"]
