"""Export events as JSON Lines, CSV or Parquet, or in a standard event-data format.

Every format writes the events sorted by ``event_id`` (ties keep their input order).

* ``jsonl``: one ``Event.as_dict()`` per line, UTF-8 (``ensure_ascii=False``).
* ``csv``: RFC 4180 (CRLF line ends, fields quoted as needed), one header row and one
  flat row per event with the columns :data:`CSV_COLUMNS`; list fields
  (countries, participant names, organizations, topics, docs) are joined with ``";"``
  and dates are the partial ISO dates of ``Event.as_dict()``.
* ``parquet``: one row per event with the keys of ``Event.as_dict()`` as columns;
  scalar fields are typed columns, nested ones (date, location, countries,
  participants, organizations, topics, docs, sources, reasons) are JSON strings, so
  ``json.loads`` of those cells gives back ``as_dict()`` exactly.

* ``plover``, ``polecat``, ``icews``, ``gdelt``: the formats of :mod:`summitry.formats`
  (docs/formats.md); ``refs`` gives them each source document's URL, outlet,
  publication date and language.

A path is written through a temporary file in the same folder and renamed into
place, so a failed export never leaves a half-written file behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from summitry import formats
from summitry.records import RECORD_FIELDS, Event

__all__ = ["CSV_COLUMNS", "FORMATS", "MEDIA_TYPES", "PARQUET_SCHEMA", "SUFFIXES", "csv_row",
           "export_bytes", "export_events"]

FORMATS = ("jsonl", "csv", "parquet", *formats.STANDARD_FORMATS)
#: the media type and file suffix of each format (API downloads)
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv",
               "parquet": "application/vnd.apache.parquet", "plover": "application/x-ndjson",
               "polecat": "text/tab-separated-values", "icews": "text/tab-separated-values",
               "gdelt": "text/tab-separated-values"}
SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet", "plover": ".jsonl",
            "polecat": ".tsv", "icews": ".tab", "gdelt": ".tsv"}

CSV_COLUMNS = (
    "event_id", "type", "mode", "status", "date_start", "date_end", "date_precision",
    "location_name", "location_country", "countries", "participants", "organizations",
    "topics", "confidence", "docs",
)

_NESTED = (
    "date", "location", "countries", "participants", "organizations", "topics", "docs",
    "sources", "reasons",
)
#: one column per field of the export record (records.RECORD_FIELDS), in order
PARQUET_SCHEMA = pa.schema([(name, pa.float64() if name == "confidence" else pa.string())
                            for name in RECORD_FIELDS])


def export_events(
    events: Iterable[Event], fmt: str, out: str | Path | IO[str] | None = None,
    refs: Mapping[str, formats.DocRef] | None = None,
) -> int:
    """Write ``events`` in format ``fmt`` to ``out`` (a path, an open text stream, or
    ``None`` for standard output); return how many events were written (the standard
    formats leave out undated events where they need a date).

    Raises :class:`ValueError` for an unknown format, and for ``parquet`` to a text
    stream or standard output (Parquet is binary: give a file path).
    """
    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and not isinstance(out, str | Path):
        raise ValueError("parquet is a binary format: give an output file path, not stdout")
    rows = sorted(events, key=lambda e: e.event_id)
    if fmt == "parquet":
        assert isinstance(out, str | Path)
        _to_path(Path(out), "wb", lambda f: pq.write_table(_parquet_table(rows), f))
        return len(rows)
    written = [len(rows)]

    def writer(events: list[Event], stream: IO[str]) -> None:
        if fmt in formats.STANDARD_FORMATS:
            written[0] = formats.write(fmt, events, stream, refs)
        else:
            (_write_jsonl if fmt == "jsonl" else _write_csv)(events, stream)

    if out is None:
        writer(rows, sys.stdout)
    elif isinstance(out, str | Path):
        _to_path(Path(out), "w", lambda f: writer(rows, f))
    else:
        writer(rows, out)
    return written[0]


def export_bytes(events: Iterable[Event], fmt: str,
                 refs: Mapping[str, formats.DocRef] | None = None) -> bytes:
    """``events`` in format ``fmt`` as the bytes of a file (UTF-8 text, or Parquet)."""
    fmt = fmt.lower().strip()
    if fmt == "parquet":
        rows = sorted(events, key=lambda e: e.event_id)
        buf = io.BytesIO()
        pq.write_table(_parquet_table(rows), buf)
        return buf.getvalue()
    text = io.StringIO(newline="")
    export_events(events, fmt, text, refs)
    return text.getvalue().encode("utf-8")


def _to_path(path: Path, mode: str, write: Callable[[Any], None]) -> None:
    """Write via a temporary sibling file, then rename it to ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give the export ordinary permissions
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        if "b" in mode:
            with os.fdopen(fd, mode) as f:
                write(f)
        else:
            with os.fdopen(fd, mode, encoding="utf-8", newline="") as f:
                write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_jsonl(rows: list[Event], out: IO[str]) -> None:
    for ev in rows:
        out.write(json.dumps(ev.as_dict(), ensure_ascii=False))
        out.write("\n")


def csv_row(event: Event) -> list[str]:
    """The CSV cells of one event, in :data:`CSV_COLUMNS` order."""
    d = event.as_dict()
    loc = d["location"] or {}
    return [
        d["event_id"], d["type"], d["mode"] or "", d["status"],
        d["date"]["start"] or "", d["date"]["end"] or "", d["date"]["precision"],
        loc.get("name") or "", loc.get("country") or "",
        ";".join(d["countries"]), ";".join(p["name"] for p in d["participants"]),
        ";".join(d["organizations"]), ";".join(d["topics"]),
        str(d["confidence"]), ";".join(d["docs"]),
    ]


def _write_csv(rows: list[Event], out: IO[str]) -> None:
    w = csv.writer(out)  # RFC 4180 "\r\n": fields holding \r or \n get quoted
    w.writerow(CSV_COLUMNS)
    for ev in rows:
        w.writerow(csv_row(ev))


def _parquet_table(rows: list[Event]) -> pa.Table:
    cols: dict[str, list[Any]] = {name: [] for name in PARQUET_SCHEMA.names}
    for ev in rows:
        d = ev.as_dict()
        for name in PARQUET_SCHEMA.names:
            value = d[name]
            cols[name].append(json.dumps(value, ensure_ascii=False) if name in _NESTED else value)
    return pa.table(cols, schema=PARQUET_SCHEMA)

