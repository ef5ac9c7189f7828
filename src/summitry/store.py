"""DuckDB storage: documents, per-document mentions, fused events, redirects, failures.

One :class:`Store` wraps one DuckDB file. Only one process may open a file
read-write at a time (DuckDB holds a file lock); any number of read-only stores may
open it when no writer has it. Every write runs in one transaction (``BEGIN`` ..
``COMMIT``, ``ROLLBACK`` on any error), so an interrupted run leaves the previous
content intact. Bulk writes build a :class:`pyarrow.Table` and run one
``INSERT ... SELECT`` from it (never ``executemany``: it costs about a millisecond a
row). Every user value reaches SQL as a bound parameter, never as formatted text.

Schema (version :data:`SCHEMA_VERSION`; each applied version is a row of
``_migrations(version INTEGER, name VARCHAR, applied_at TIMESTAMP)``)::

    documents(doc_id VARCHAR PRIMARY KEY,
              content_hash VARCHAR,        -- sha256 hex of the raw text (UTF-8)
              path VARCHAR,                -- the file it was read from, if any
              raw_text VARCHAR,            -- the exact original text (offsets point here)
              clean_text VARCHAR,          -- CleanDoc.text, the readable body
              title VARCHAR, byline VARCHAR, outlet VARCHAR,
              published DATE, published_source VARCHAR,
              boilerplate JSON,            -- [[start, end], ...] half-open spans
              body JSON,                   -- [[start, end], ...] half-open spans
              date_hints JSON,             -- [{"kind", "date": "YYYY-MM-DD", "span": [s, e]}]
              ingested_at TIMESTAMP)       -- UTC, time of the last put

    mentions(mention_id VARCHAR PRIMARY KEY,
             doc_id VARCHAR,               -- the document the mention was extracted from
             record JSON)                  -- event_to_json() of the single-source event

    events(event_id VARCHAR PRIMARY KEY,   -- fused events (what fusion last produced)
           type VARCHAR, mode VARCHAR, status VARCHAR,
           date_start DATE, date_end DATE, date_precision VARCHAR,
           location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
           countries VARCHAR[], topics VARCHAR[], organizations VARCHAR[],
           participants JSON,              -- [Participant.as_dict(), ...]
           confidence DOUBLE,
           n_sources INTEGER,
           record JSON)                    -- event_to_json(): rebuilds the Event exactly

    event_sources(event_id VARCHAR, doc_id VARCHAR,
                  evidence JSON,           -- [Evidence.as_dict(), ...] of that document
                  PRIMARY KEY (event_id, doc_id))

    redirects(old_id VARCHAR PRIMARY KEY,  -- an event id fusion merged away ...
              new_id VARCHAR)              -- ... and the id that absorbed it (may chain)

    failures(input VARCHAR, stage VARCHAR, error VARCHAR, detail VARCHAR,
             "at" TIMESTAMP,               -- UTC; quoted: AT is a keyword in DuckDB 2
             PRIMARY KEY (input, stage))

    watch_sources(url VARCHAR PRIMARY KEY, -- a feed or sitemap ``summitry watch`` reads
                  kind VARCHAR,            -- rss, atom, feed, sitemap, sitemapindex
                  parent VARCHAR,          -- the sitemap index that listed it, if any
                  etag VARCHAR, last_modified VARCHAR,  -- conditional-GET validators
                  last_fetch TIMESTAMP, last_status INTEGER, last_error VARCHAR,
                  items INTEGER, new_documents INTEGER, documents INTEGER,
                  errors INTEGER, rounds INTEGER)

    watch_items(url VARCHAR PRIMARY KEY,   -- a page a watched source listed
                source VARCHAR,            -- the watch_sources url that listed it
                doc_id VARCHAR,            -- its document, once stored
                status VARCHAR,            -- stored, retry or failed (given up)
                attempts INTEGER, error VARCHAR,
                first_seen TIMESTAMP, last_fetch TIMESTAMP)

(``watch_sources`` and ``watch_items`` come with migration 5; a page's ``watch_items`` row
is written after the page is stored, so a killed round refetches nothing it stored.)

The flat ``events`` columns exist for SQL filtering; ``record`` is the source of
truth that :func:`event_from_json` turns back into the identical :class:`Event`.
A record is ``Event.as_dict()`` (the export shape) plus an ``"exact"`` object with
what that shape rounds or cuts: full ISO dates and ``how``, the unrounded
confidence, and the reasons as an ordered list of pairs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from summitry.errors import StoreError
from summitry.query import EventFilter, Order, order_sql, text_match, where_sql
from summitry.records import (
    CleanDoc,
    DateRange,
    Event,
    Evidence,
    Location,
    Participant,
    Source,
)

__all__ = [
    "SCHEMA_VERSION",
    "Store",
    "event_from_json",
    "event_from_record",
    "event_to_json",
    "event_to_record",
]

_SCHEMA_V1 = (
    """CREATE TABLE documents (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        path VARCHAR,
        raw_text VARCHAR NOT NULL,
        clean_text VARCHAR,
        title VARCHAR,
        byline VARCHAR,
        outlet VARCHAR,
        published DATE,
        published_source VARCHAR,
        boilerplate JSON,
        body JSON,
        date_hints JSON,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE mentions (
        mention_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        record JSON NOT NULL
    )""",
    """CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY,
        type VARCHAR,
        mode VARCHAR,
        status VARCHAR,
        date_start DATE,
        date_end DATE,
        date_precision VARCHAR,
        location_name VARCHAR,
        location_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        countries VARCHAR[],
        topics VARCHAR[],
        organizations VARCHAR[],
        participants JSON,
        confidence DOUBLE,
        n_sources INTEGER,
        record JSON NOT NULL
    )""",
    """CREATE TABLE event_sources (
        event_id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        evidence JSON,
        PRIMARY KEY (event_id, doc_id)
    )""",
    """CREATE TABLE redirects (
        old_id VARCHAR PRIMARY KEY,
        new_id VARCHAR NOT NULL
    )""",
    """CREATE TABLE failures (
        input VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        error VARCHAR,
        detail VARCHAR,
        "at" TIMESTAMP,
        PRIMARY KEY (input, stage)
    )""",
)

#: Every schema migration in order: (version, name, statements).
_SCHEMA_V2 = (
    """CREATE TABLE signatures (
        doc_id VARCHAR PRIMARY KEY,
        minhash UBIGINT[] NOT NULL
    )""",
    """CREATE TABLE dup_groups (
        doc_id VARCHAR PRIMARY KEY,
        group_id VARCHAR NOT NULL
    )""",
    """CREATE TABLE actors (
        actor_id VARCHAR PRIMARY KEY,
        origin VARCHAR NOT NULL,
        record JSON NOT NULL
    )""",
)

# summitry watch (watch.py): conditional-GET validators, last fetch and counts per source;
# per listed item whether its page is stored, given up or to retry (written after the page)
_WATCH_SOURCES = """CREATE TABLE watch_sources (
    url VARCHAR PRIMARY KEY, kind VARCHAR, parent VARCHAR, etag VARCHAR,
    last_modified VARCHAR, last_fetch TIMESTAMP, last_status INTEGER, last_error VARCHAR,
    items INTEGER, new_documents INTEGER, documents INTEGER, errors INTEGER, rounds INTEGER
)"""
_WATCH_ITEMS = """CREATE TABLE watch_items (
    url VARCHAR PRIMARY KEY, source VARCHAR, doc_id VARCHAR, status VARCHAR,
    attempts INTEGER, error VARCHAR, first_seen TIMESTAMP, last_fetch TIMESTAMP
)"""

#: characters per stored part of a page's HTML (at most 4 KB in UTF-8: DuckDB keeps such
#: strings inline, while a checkpoint pins every bigger one of the table at once, so a
#: crawl's whole HTML stored whole would need memory as large as the crawl)
_HTML_PART = 1000

MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (1, "initial schema", _SCHEMA_V1),
    (2, "near-duplicate signatures and groups; imported and learned actors", _SCHEMA_V2),
    (3, "original HTML and URL of documents read from HTML, WARC or JSONL", (
        """CREATE TABLE document_sources (
            doc_id VARCHAR PRIMARY KEY,
            url VARCHAR,
            format VARCHAR,
            html VARCHAR
        )""",)),
    (4, "the language each document was detected in at ingest", (
        "ALTER TABLE documents ADD COLUMN language VARCHAR",)),
    (5, "summitry watch: the state of each feed or sitemap and of each item it listed", (
        _WATCH_SOURCES, _WATCH_ITEMS)),
    (6, "original HTML in parts (a checkpoint holds every big value of a table in memory)", (
        """CREATE TABLE document_html (
            doc_id VARCHAR, part INTEGER, html VARCHAR, PRIMARY KEY (doc_id, part)
        )""",
        f"""INSERT INTO document_html
            SELECT doc_id, k, substring(html, k * {_HTML_PART} + 1, {_HTML_PART})
            FROM (SELECT doc_id, html,
                         unnest(range(0, (length(html) + {_HTML_PART - 1}) // {_HTML_PART})) AS k
                  FROM document_sources WHERE html IS NOT NULL)""",
        "UPDATE document_sources SET html = NULL")),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

_DOC_COLUMNS = (
    "doc_id", "content_hash", "path", "raw_text", "clean_text", "title", "byline", "outlet",
    "published", "published_source", "boilerplate", "body", "date_hints", "ingested_at",
    "language",
)
_DOC_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("content_hash", pa.string()), ("path", pa.string()),
    ("raw_text", pa.string()), ("clean_text", pa.string()), ("title", pa.string()),
    ("byline", pa.string()), ("outlet", pa.string()), ("published", pa.date32()),
    ("published_source", pa.string()), ("boilerplate", pa.string()), ("body", pa.string()),
    ("date_hints", pa.string()), ("ingested_at", pa.timestamp("us")),
    ("language", pa.string()),
])
_MENTION_SCHEMA = pa.schema([
    ("mention_id", pa.string()), ("doc_id", pa.string()), ("record", pa.string()),
])
_EVENT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("type", pa.string()), ("mode", pa.string()),
    ("status", pa.string()), ("date_start", pa.date32()), ("date_end", pa.date32()),
    ("date_precision", pa.string()), ("location_name", pa.string()),
    ("location_country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
    ("countries", pa.list_(pa.string())), ("topics", pa.list_(pa.string())),
    ("organizations", pa.list_(pa.string())), ("participants", pa.string()),
    ("confidence", pa.float64()), ("n_sources", pa.int32()), ("record", pa.string()),
])
_SOURCE_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("doc_id", pa.string()), ("evidence", pa.string()),
])
_REDIRECT_SCHEMA = pa.schema([("old_id", pa.string()), ("new_id", pa.string())])

_MAX_REDIRECT_HOPS = 1000


# --------------------------------------------------------------------------- records


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def event_to_record(event: Event) -> dict[str, Any]:
    """``event.as_dict()`` plus an ``"exact"`` part that rebuilds ``event`` exactly."""
    record = event.as_dict()
    record["exact"] = {
        "date": {
            "start": event.date.start.isoformat() if event.date.start else None,
            "end": event.date.end.isoformat() if event.date.end else None,
            "precision": event.date.precision,
            "how": event.date.how,
        },
        "confidence": event.confidence,
        "reasons": [[k, v] for k, v in event.reasons],
    }
    return record


def event_to_json(event: Event) -> str:
    """The JSON text of :func:`event_to_record`; :func:`event_from_json` inverts it."""
    return _dumps(event_to_record(event))


def event_from_json(text: str) -> Event:
    """The :class:`Event` of :func:`event_to_json` text (or of a bare ``as_dict()`` line)."""
    return event_from_record(json.loads(text))


def event_from_record(record: Mapping[str, Any]) -> Event:
    """Rebuild an :class:`Event` from :func:`event_to_record`'s dict.

    A plain ``Event.as_dict()`` (an export line) is accepted too; it lacks the exact
    part, so its dates become the first/last day of the partial ISO periods, the
    confidence is the rounded one and ``how`` is empty.
    """
    exact = record.get("exact")
    if exact is not None:
        d = exact["date"]
        date = DateRange(_date(d["start"]), _date(d["end"]), d["precision"], d["how"])
        confidence = exact["confidence"]
        reasons = tuple((str(k), str(v)) for k, v in exact["reasons"])
    else:
        d = record.get("date") or {}
        precision = d.get("precision") or "unknown"
        date = DateRange(_partial(d.get("start"), last=False),
                         _partial(d.get("end"), last=True), precision)
        confidence = record.get("confidence", 0.0)
        reasons = tuple((str(k), str(v)) for k, v in (record.get("reasons") or {}).items())
    loc = record.get("location")
    return Event(
        type=record["type"],
        mode=record.get("mode"),
        status=record["status"],
        date=date,
        location=Location(loc["name"], loc.get("country"), loc.get("lat"), loc.get("lon"))
        if loc is not None else None,
        countries=tuple(record.get("countries") or ()),
        participants=tuple(
            Participant(p["name"], p.get("role"), p.get("organization"), p.get("country"))
            for p in record.get("participants") or ()
        ),
        organizations=tuple(record.get("organizations") or ()),
        topics=tuple(record.get("topics") or ()),
        confidence=confidence,
        sources=tuple(
            Source(s["doc_id"], tuple(
                Evidence(e["field"], e["start"], e["end"], e["text"])
                for e in s.get("evidence") or ()
            ))
            for s in record.get("sources") or ()
        ),
        event_id=record.get("event_id") or "",
        reasons=reasons,
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _partial(value: str | None, *, last: bool) -> dt.date | None:
    """``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` -> the first (or last) day it covers."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        if not last:
            return first
        nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if last else dt.date(parts[0], 1, 1)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --------------------------------------------------------------------------- store


class Store:
    """The summitry database (a context manager; see the module docstring for its schema).

    ``Store(path)`` opens (and on first open creates) the file read-write;
    ``read_only=True`` opens an existing file for reading only, and every write
    method then raises :class:`~summitry.errors.StoreError`. ``":memory:"`` gives a
    private in-memory database.
    """

    def __init__(self, path: str | Path = "summitry.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._depth = 0  # 1 inside a transaction (see _tx / batch)
        #: True when this read-only store had to open the writer's published snapshot
        self.snapshot = False
        config: dict[str, str | bool | int | float | list[str]] = {}
        if os.environ.get("SUMMITRY_DUCKDB_MEMORY"):
            config["memory_limit"] = os.environ["SUMMITRY_DUCKDB_MEMORY"]
        elif self.path != ":memory:" and not read_only:
            config["memory_limit"] = DEFAULT_MEMORY  # a writer's cache must not grow with it
        try:
            self._con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.IOException as exc:
            snap = snapshot_path(self.path)
            if read_only and Path(snap).exists():
                # a run holds the file: read what it last published (see publish_snapshot)
                self._con = duckdb.connect(snap, read_only=True, config=config)
                self.snapshot = True
                return
            raise StoreError(
                f"cannot open database {self.path!r}: {exc}. If another summitry process is "
                "writing it, wait for it to finish; a read-only open needs an existing file."
            ) from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path!r}: {exc}") from exc
        try:
            self._check_or_migrate()
        except BaseException:
            self._con.close()
            raise

    # -- lifecycle -----------------------------------------------------------------

    def publish_snapshot(self) -> None:
        """Copy the database, consistent, to ``<path>.snapshot`` for readers.

        DuckDB lets one process open a file read-write and then nobody else may open it,
        not even read-only. A long run therefore publishes a snapshot after its batches
        (at most every :data:`SNAPSHOT_EVERY_S` seconds) and at its end; a read-only
        :class:`Store` (the dashboard, ``summitry events``) that finds the file locked opens
        the snapshot instead. The copy is written beside and renamed into place, so a
        reader never sees half a file.
        """
        if self.read_only or self.path == ":memory:":
            return
        self._con.execute("CHECKPOINT")
        snap = snapshot_path(self.path)
        tmp = snap + ".tmp"
        shutil.copyfile(self.path, tmp)
        os.replace(tmp, snap)

    @classmethod
    def scratch_copy(cls, path: str | Path) -> Store:
        """An in-memory database holding what ``path`` holds (empty when it does not
        exist): a dry run writes there and ``path`` is only read."""
        scratch = cls(":memory:")
        if str(path) == ":memory:" or not Path(path).exists():
            return scratch
        with cls(path, read_only=True) as source:
            source_path = source._con.execute(
                "SELECT path FROM duckdb_databases() WHERE database_name = "
                "current_database()").fetchone()
        assert source_path is not None
        con = scratch._con
        con.execute("ATTACH ? AS source (READ_ONLY)", [source_path[0]])
        try:
            tables = [r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = "
                "'source' AND table_name <> '_migrations'").fetchall()]
            for table in tables:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM source.{table}")
        finally:
            con.execute("DETACH source")
        return scratch

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._con.close()

    def _version(self) -> int:
        exists = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = '_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self._con.execute("SELECT coalesce(max(version), 0) FROM _migrations").fetchone()
        return int(row[0]) if row else 0

    def _check_or_migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database {self.path!r} has schema version {version}, newer than this "
                f"summitry's {SCHEMA_VERSION}; upgrade summitry to open it."
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                f"database {self.path!r} has schema version {version}, not {SCHEMA_VERSION}; "
                "open it once read-write (e.g. `summitry run`) to create or upgrade it."
            )
        with self._tx():
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS _migrations "
                "(version INTEGER, name VARCHAR, applied_at TIMESTAMP)"
            )
            for number, name, statements in MIGRATIONS:
                if number <= version:
                    continue
                for sql in statements:
                    self._con.execute(sql)
                self._con.execute(
                    "INSERT INTO _migrations VALUES (?, ?, ?)", [number, name, _now()]
                )

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One transaction: commit on success, roll back on any error (re-raised)."""
        if self.read_only:
            raise StoreError(f"database {self.path!r} is open read-only; cannot write to it.")
        if self._depth:
            # inside batch(): the outer transaction commits or rolls back everything
            yield
            return
        self._con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
        except BaseException as exc:
            self._depth = 0
            # if the connection is gone, DuckDB discards the open transaction anyway
            with suppress(duckdb.Error):
                self._con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"write to {self.path!r} failed and was undone: {exc}") from exc
            raise
        self._depth = 0
        try:
            self._con.execute("COMMIT")
        except duckdb.Error as exc:
            raise StoreError(f"commit to {self.path!r} failed: {exc}") from exc

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several writes into one transaction: all of them land, or none
        (a crash mid-document leaves no trace of that document)."""
        with self._tx():
            yield

    def _insert(self, table: str, data: pa.Table, *, upsert: bool = True) -> None:
        """Insert every row of ``data`` into ``table`` in one Arrow bulk statement;
        ``upsert`` replaces rows whose primary key exists (``INSERT OR REPLACE``)."""
        if data.num_rows == 0:
            return
        name = f"_summitry_src_{table}"
        cols = ", ".join(data.column_names)
        verb = "INSERT OR REPLACE" if upsert else "INSERT"
        self._con.register(name, data)
        try:
            self._con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self._con.unregister(name)

    def _empty(self, table: str) -> None:
        """Remove every row of ``table`` inside the open transaction.

        The table is dropped and re-created from its own stored DDL: in DuckDB 2.0 a
        ``DELETE`` of every row followed by re-inserting the same primary keys makes
        ``COMMIT`` about 5x slower (7 s instead of 1 s for 100k events).
        """
        row = self._con.execute(
            "SELECT sql FROM duckdb_tables() WHERE table_name = ? "
            "AND database_name = current_database() AND schema_name = current_schema()",
            [table],
        ).fetchone()
        if row is None:
            raise StoreError(f"database {self.path!r} has no table {table!r}")
        self._con.execute(f"DROP TABLE {table}")
        self._con.execute(row[0])

    # -- documents -----------------------------------------------------------------

    def put_documents(self, docs: Sequence[tuple[CleanDoc, str | None]]) -> int:
        """Upsert documents (each with the path it was read from); returns rows written.

        A ``doc_id`` given twice keeps its last entry.
        """
        latest: dict[str, tuple[CleanDoc, str | None]] = {}
        for doc, path in docs:
            latest[doc.doc_id] = (doc, path)
        if not latest:
            return 0
        now = _now()
        rows: dict[str, list[Any]] = {c: [] for c in _DOC_COLUMNS}
        for doc, path in latest.values():
            rows["doc_id"].append(doc.doc_id)
            rows["content_hash"].append(_sha256(doc.raw))
            rows["path"].append(path)
            rows["raw_text"].append(doc.raw)
            rows["clean_text"].append(doc.text)
            rows["title"].append(doc.title)
            rows["byline"].append(doc.byline)
            rows["outlet"].append(doc.outlet)
            rows["published"].append(doc.published)
            rows["published_source"].append(doc.published_source)
            rows["boilerplate"].append(_dumps([[s.start, s.end] for s in doc.boilerplate]))
            rows["body"].append(_dumps([[s.start, s.end] for s in doc.body]))
            rows["date_hints"].append(_dumps([
                {"kind": h.kind, "date": h.date.isoformat(), "span": [h.span.start, h.span.end]}
                for h in doc.date_hints
            ]))
            rows["ingested_at"].append(now)
            rows["language"].append(doc.language)
        data = _table(rows, _DOC_SCHEMA)
        with self._tx():
            self._insert("documents", data)
        return data.num_rows

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """One document as a dict of its columns (JSON columns decoded), or ``None``."""
        cur = self._con.execute(
            f"SELECT {', '.join(_DOC_COLUMNS)} FROM documents WHERE doc_id = ?", [doc_id]
        )
        row = cur.fetchone()
        if row is None:
            return None
        out = dict(zip(_DOC_COLUMNS, row, strict=True))
        for key in ("boilerplate", "body", "date_hints"):
            out[key] = json.loads(out[key]) if out[key] is not None else []
        return out

    def document_ids(self) -> set[str]:
        """Every stored ``doc_id``."""
        return {r[0] for r in self._con.execute("SELECT doc_id FROM documents").fetchall()}

    def content_hash(self, doc_id: str) -> str | None:
        """The sha256 of a stored document's raw text, or ``None`` when it is not stored."""
        row = self._con.execute(
            "SELECT content_hash FROM documents WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return row[0] if row else None

    # -- mentions ------------------------------------------------------------------

    def put_mentions(self, doc_id: str, mentions: Sequence[tuple[str, Event]]) -> None:
        """Replace every mention of ``doc_id`` with ``mentions`` (``(mention_id, event)``).

        Delete and insert run in one transaction. Mention ids are global: an id already
        stored under another document moves to ``doc_id``.
        """
        latest = {mid: event_to_json(ev) for mid, ev in mentions}
        data = _table({
            "mention_id": list(latest),
            "doc_id": [doc_id] * len(latest),
            "record": list(latest.values()),
        }, _MENTION_SCHEMA)
        with self._tx():
            self._con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc_id])
            self._insert("mentions", data)

    def all_mentions(self) -> list[tuple[str, Event]]:
        """Every stored mention as ``(mention_id, event)``, by document then mention id."""
        rows = self._con.execute(
            "SELECT mention_id, record FROM mentions ORDER BY doc_id, mention_id"
        ).fetchall()
        return [(mid, event_from_json(rec)) for mid, rec in rows]

    # -- events --------------------------------------------------------------------

    def replace_events(self, events: Sequence[Event], redirects: Mapping[str, str]) -> None:
        """Make ``events`` the stored fused events and add ``redirects`` (old id -> new id).

        One transaction replaces the ``events`` and ``event_sources`` content. Redirect
        rows are only ever added or re-pointed, except that an id which is now a live
        event stops being a redirect. An event id given twice keeps its last entry.
        """
        latest = {e.event_id: e for e in events}
        ev_rows: dict[str, list[Any]] = {name: [] for name in _EVENT_SCHEMA.names}
        src_rows: dict[str, list[Any]] = {name: [] for name in _SOURCE_SCHEMA.names}
        for ev in latest.values():
            loc = ev.location
            record = event_to_record(ev)
            ev_rows["event_id"].append(ev.event_id)
            ev_rows["type"].append(ev.type)
            ev_rows["mode"].append(ev.mode)
            ev_rows["status"].append(ev.status)
            ev_rows["date_start"].append(ev.date.start)
            ev_rows["date_end"].append(ev.date.end)
            ev_rows["date_precision"].append(ev.date.precision)
            ev_rows["location_name"].append(loc.name if loc else None)
            ev_rows["location_country"].append(loc.country if loc else None)
            ev_rows["lat"].append(loc.lat if loc else None)
            ev_rows["lon"].append(loc.lon if loc else None)
            ev_rows["countries"].append(record["countries"])
            ev_rows["topics"].append(record["topics"])
            ev_rows["organizations"].append(record["organizations"])
            ev_rows["participants"].append(_dumps(record["participants"]))
            ev_rows["confidence"].append(ev.confidence)
            ev_rows["record"].append(_dumps(record))
            evidence: dict[str, list[dict[str, Any]]] = {}
            for src in record["sources"]:  # one row per document even if a source repeats
                evidence.setdefault(src["doc_id"], []).extend(src["evidence"])
            ev_rows["n_sources"].append(len(evidence))
            for doc_id, items in evidence.items():
                src_rows["event_id"].append(ev.event_id)
                src_rows["doc_id"].append(doc_id)
                src_rows["evidence"].append(_dumps(items))
        redirect_pairs = {o: n for o, n in redirects.items() if o != n and o not in latest}
        ev_data = _table(ev_rows, _EVENT_SCHEMA)
        src_data = _table(src_rows, _SOURCE_SCHEMA)
        red_data = _table(
            {"old_id": list(redirect_pairs), "new_id": list(redirect_pairs.values())},
            _REDIRECT_SCHEMA,
        )
        live = pa.table({"event_id": pa.array(list(latest), pa.string())})
        with self._tx():
            self._empty("event_sources")
            self._empty("events")
            self._insert("events", ev_data, upsert=False)  # ids are unique, tables empty
            self._insert("event_sources", src_data, upsert=False)
            self._insert("redirects", red_data)
            self._con.register("_summitry_live", live)
            try:
                self._con.execute(
                    "DELETE FROM redirects WHERE old_id IN (SELECT event_id FROM _summitry_live)"
                )
            finally:
                self._con.unregister("_summitry_live")

    def resolve_id(self, event_id: str) -> str | None:
        """The live event id ``event_id`` is or was merged into (redirect chains are
        followed); ``None`` when it leads to no stored event."""
        seen: set[str] = set()
        current = event_id
        while current not in seen and len(seen) < _MAX_REDIRECT_HOPS:
            seen.add(current)
            live = self._con.execute(
                "SELECT 1 FROM events WHERE event_id = ?", [current]
            ).fetchone()
            if live:
                return current
            row = self._con.execute(
                "SELECT new_id FROM redirects WHERE old_id = ?", [current]
            ).fetchone()
            if row is None:
                return None
            current = row[0]
        return None  # a redirect cycle

    def get_event(self, event_id: str) -> Event | None:
        """The stored event ``event_id`` (following redirects), or ``None``."""
        live = self.resolve_id(event_id)
        if live is None:
            return None
        row = self._con.execute(
            "SELECT record FROM events WHERE event_id = ?", [live]
        ).fetchone()
        return event_from_json(row[0]) if row else None

    def search_events(
        self,
        flt: EventFilter | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        order: Order = "newest",
    ) -> tuple[list[Event], int]:
        """The one event query (CLI, API, dashboard, exports): the events matching
        ``flt`` (see :mod:`summitry.query`) in ``order``, at most ``limit`` of them after
        skipping ``offset``, and how many match in all."""
        flt = flt or EventFilter()
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit}")
        if offset < 0:
            raise ValueError(f"offset must be >= 0, not {offset}")
        where, params = where_sql(flt)
        sql = "SELECT record FROM events" + where + order_sql(order)
        if flt.has_text:
            records = [json.loads(r[0]) for r in self._con.execute(sql, params).fetchall()]
            matched = [r for r in records if text_match(flt, r)]
            page = matched[offset:] if limit is None else matched[offset:offset + limit]
            return [event_from_record(r) for r in page], len(matched)
        row = self._con.execute("SELECT count(*) FROM events" + where, params).fetchone()
        total = int(row[0]) if row else 0
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, total if limit is None else int(limit), int(offset)]
        return [event_from_json(r[0]) for r in self._con.execute(sql, params).fetchall()], total

    def query_events(
        self,
        *,
        country: str | None = None,
        type: str | None = None,
        topic: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Stored events matching every given filter, ordered by ``event_id``
        (:meth:`search_events` with ``order="id"``).

        ``country`` and ``topic`` must be among the event's ``countries`` / ``topics``;
        ``since``/``until`` keep events whose date range overlaps ``[since, until]``
        (an open-ended range uses its one known bound) and drop undated events.
        """
        flt = EventFilter(countries=(country,) if country is not None else (), type=type,
                          topic=topic, since=since, until=until)
        return self.search_events(flt, limit=limit, order="id")[0]

    def event_facets(
        self, flt: EventFilter | None = None
    ) -> list[tuple[str, dt.date | None, str, list[str], list[str]]]:
        """``(type, date_start, date_precision, countries, topics)`` of the events
        matching ``flt``, newest first: what counts by month, country or topic need."""
        flt = flt or EventFilter()
        where, params = where_sql(flt)
        rows = self._con.execute(
            "SELECT type, date_start, date_precision, countries, topics"
            + (", record" if flt.has_text else ", NULL") + " FROM events" + where
            + order_sql("newest"), params).fetchall()
        return [(t, start, precision, list(countries or ()), list(topics or ()))
                for t, start, precision, countries, topics, record in rows
                if record is None or text_match(flt, json.loads(record))]

    def event_ids_for_doc(self, doc_id: str) -> list[str]:
        """The live events a document is a source of, by id."""
        rows = self._con.execute(
            "SELECT event_id FROM event_sources WHERE doc_id = ? ORDER BY event_id", [doc_id]
        ).fetchall()
        return [r[0] for r in rows]

    def event_participants(self) -> list[tuple[str, dt.date | None, list[dict[str, Any]]]]:
        """``(event_id, date_start, participants)`` of every event, oldest first (undated
        last), participants as :meth:`Participant.as_dict`."""
        rows = self._con.execute(
            "SELECT event_id, date_start, participants FROM events "
            "ORDER BY date_start NULLS LAST, event_id").fetchall()
        return [(eid, start, json.loads(parts or "[]")) for eid, start, parts in rows]

    def document_refs(self, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """What an export cites of each stored document: ``url``, ``title``, ``outlet``,
        ``published`` (a date) and ``language`` (None where unknown), by id."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return {}
        rows = self._con.execute(
            "SELECT d.doc_id, s.url, d.title, d.outlet, d.published, d.language "
            "FROM documents d LEFT JOIN document_sources s USING (doc_id) "
            "WHERE list_contains(?::VARCHAR[], d.doc_id)", [ids]).fetchall()
        keys = ("url", "title", "outlet", "published", "language")
        return {r[0]: dict(zip(keys, r[1:], strict=True)) for r in rows}

    def event_ids(self) -> set[str]:
        """Every live event id (cheap: no records are decoded)."""
        return {r[0] for r in self._con.execute("SELECT event_id FROM events").fetchall()}

    def redirects(self) -> dict[str, str]:
        """Every stored redirect ``{old_id: new_id}`` (one hop each)."""
        return dict(self._con.execute("SELECT old_id, new_id FROM redirects").fetchall())

    # -- watch state (summitry watch) ------------------------------------------------

    def watch_rows(self, table: str, urls: Sequence[str] | None = None,
                   status: str | None = None) -> list[dict[str, Any]]:
        """Rows of ``watch_sources`` or ``watch_items`` (all, those of ``urls``, or the
        items of that ``status``) as dicts."""
        if table not in ("watch_sources", "watch_items"):
            raise ValueError(f"not a watch table: {table!r}")
        sql = f"SELECT * FROM {table} WHERE true"  # table: one of the two names
        params: list[Any] = []
        if urls is not None:
            sql += " AND url IN (SELECT unnest(?))"
            params.append(list(urls))
        if status is not None:
            sql += " AND status = ?"
            params.append(status)
        cur = self._con.execute(sql + " ORDER BY url", params)
        cols = [d[0] for d in cur.description or ()]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def put_watch_rows(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Upsert ``rows`` (dicts of some columns; the others become NULL) into
        ``watch_sources`` or ``watch_items``, in one transaction."""
        if table not in ("watch_sources", "watch_items"):
            raise ValueError(f"not a watch table: {table!r}")
        if not rows:
            return
        cols = sorted({k for r in rows for k in r})
        data = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows])
        if data.num_rows:
            with self._tx():
                self._insert(table, data)

    # -- failures ------------------------------------------------------------------

    def put_failure(self, input: str, stage: str, error: str, detail: str = "") -> None:
        """Record (or overwrite) the failure of ``input`` at ``stage``."""
        with self._tx():
            self._con.execute(
                "INSERT OR REPLACE INTO failures (input, stage, error, detail, \"at\") "
                "VALUES (?, ?, ?, ?, ?)",
                [input, stage, error, detail, _now()],
            )

    def failures(self) -> list[dict[str, Any]]:
        """Every recorded failure (keys: input, stage, error, detail, at), oldest first."""
        cols = ("input", "stage", "error", "detail", "at")
        rows = self._con.execute(
            'SELECT input, stage, error, detail, "at" FROM failures ORDER BY "at", input, stage'
        ).fetchall()
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def clear_failure(self, input: str) -> None:
        """Forget every failure of ``input`` (all stages)."""
        with self._tx():
            self._con.execute("DELETE FROM failures WHERE input = ?", [input])

    def put_source(self, doc_id: str, url: str | None, fmt: str, html: str | None) -> None:
        """Keep the original HTML (evidence context) and URL of a document; the HTML in
        parts of :data:`_HTML_PART` characters (``document_html``)."""
        data = pa.table({"doc_id": [doc_id], "url": [url], "format": [fmt],
                         "html": [None if html else html]},
                        schema=pa.schema([("doc_id", pa.string()), ("url", pa.string()),
                                          ("format", pa.string()), ("html", pa.string())]))
        page = html or ""
        parts = [page[k:k + _HTML_PART] for k in range(0, len(page), _HTML_PART)]
        chunks = pa.table({"doc_id": [doc_id] * len(parts), "part": list(range(len(parts))),
                           "html": parts},
                          schema=pa.schema([("doc_id", pa.string()), ("part", pa.int32()),
                                            ("html", pa.string())]))
        with self._tx():
            self._insert("document_sources", data)
            self._con.execute("DELETE FROM document_html WHERE doc_id = ?", [doc_id])
            self._insert("document_html", chunks, upsert=False)

    def get_source(self, doc_id: str) -> dict[str, Any] | None:
        row = self._con.execute(
            "SELECT url, format, coalesce((SELECT string_agg(h.html, '' ORDER BY h.part) "
            "FROM document_html h WHERE h.doc_id = s.doc_id), s.html) "
            "FROM document_sources s WHERE doc_id = ?", [doc_id]).fetchone()
        return None if row is None else {"url": row[0], "format": row[1], "html": row[2]}

    # -- near-duplicates -------------------------------------------------------------

    def put_signature(self, doc_id: str, minhash: Sequence[int]) -> None:
        """Store the MinHash signature of a document's cleaned text."""
        data = pa.table({"doc_id": [doc_id], "minhash": [list(minhash)]},
                        schema=pa.schema([("doc_id", pa.string()),
                                          ("minhash", pa.list_(pa.uint64()))]))
        with self._tx():
            self._insert("signatures", data)

    def signatures(self) -> dict[str, list[int]]:
        rows = self._con.execute("SELECT doc_id, minhash FROM signatures ORDER BY doc_id")
        return {d: list(v) for d, v in rows.fetchall()}

    def replace_dup_groups(self, groups: Mapping[str, str]) -> None:
        """Make ``{doc_id: group_id}`` the stored near-duplicate groups."""
        data = pa.table({"doc_id": list(groups), "group_id": list(groups.values())},
                        schema=pa.schema([("doc_id", pa.string()), ("group_id", pa.string())]))
        with self._tx():
            self._empty("dup_groups")
            self._insert("dup_groups", data)

    def dup_groups(self) -> dict[str, str]:
        rows = self._con.execute("SELECT doc_id, group_id FROM dup_groups ORDER BY doc_id")
        return dict(rows.fetchall())

    def published_dates(self) -> dict[str, dt.date]:
        """Each stored document's publication date, where known (fusion weighs it)."""
        rows = self._con.execute("SELECT doc_id, published FROM documents "
                                 "WHERE published IS NOT NULL ORDER BY doc_id")
        return dict(rows.fetchall())

    # -- actors --------------------------------------------------------------------

    def put_actors(self, actors: Sequence[tuple[str, str, str]]) -> int:
        """Upsert ``(actor_id, origin, record_json)`` rows; returns rows written."""
        latest = {a[0]: a for a in actors}
        data = pa.table({"actor_id": [a[0] for a in latest.values()],
                         "origin": [a[1] for a in latest.values()],
                         "record": [a[2] for a in latest.values()]},
                        schema=pa.schema([("actor_id", pa.string()), ("origin", pa.string()),
                                          ("record", pa.string())]))
        with self._tx():
            self._insert("actors", data)
        return data.num_rows

    def actor_records(self, origin: str | None = None) -> list[tuple[str, str, str]]:
        sql = "SELECT actor_id, origin, record FROM actors"
        params: list[Any] = []
        if origin is not None:
            sql += " WHERE origin = ?"
            params.append(origin)
        return [tuple(r) for r in self._con.execute(sql + " ORDER BY actor_id",
                                                    params).fetchall()]

    # -- summary -------------------------------------------------------------------

    def languages(self) -> list[dict[str, Any]]:
        """Documents per detected language (None: not known), most first, each with
        whether the pipeline reads that language (parsed, or read from word lists by
        :mod:`summitry.foreign`) and up to five of its documents."""
        from summitry.foreign import reads
        from summitry.language import is_read

        rows = self._con.execute(
            "SELECT language, count(*), list(doc_id ORDER BY doc_id)[1:5] FROM documents "
            "GROUP BY language ORDER BY count(*) DESC, language NULLS LAST").fetchall()
        return [{"language": lang, "documents": int(n), "read": is_read(lang) or reads(lang),
                 "examples": list(docs)} for lang, n, docs in rows]

    def counts(self) -> dict[str, int]:
        """Row counts: documents, mentions, events, sources (event-document links), failures."""
        row = self._con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions), "
            "(SELECT count(*) FROM events), (SELECT count(*) FROM event_sources), "
            "(SELECT count(*) FROM failures), (SELECT count(DISTINCT group_id) FROM dup_groups)"
        ).fetchone()
        assert row is not None
        return dict(zip(("documents", "mentions", "events", "sources", "failures",
                         "duplicate_groups"),
                        (int(v) for v in row), strict=True))


# DuckDB's buffer pool keeps up to 80% of the machine's memory of pages it has read or
# written, so a long run's memory grows with its database (the stored HTML of a crawl).
# A writer (a run) caps it at DEFAULT_MEMORY, spilling to disk beyond it;
# ``SUMMITRY_DUCKDB_MEMORY`` (e.g. "1GB") sets another cap, for readers too; an in-memory
# database is not capped. A checkpoint pins every big string of a table at once, which is
# why page HTML is stored in small parts (``document_html``): stored whole, a crawl's
# checkpoints needed memory as large as its HTML (1.8 GB for a 400 MB WARC) and failed
# under a 256 MB cap; in parts they pass under 64 MB.

#: DuckDB's memory cap for a database opened read-write (a run's cache of the pages it
#: wrote is what a longer run holds more of: 256 MB left a 1 GB crawl's peak 20% above
#: a 10 MB file's)
DEFAULT_MEMORY = "64MB"

#: a running writer publishes a snapshot for readers at most this often
SNAPSHOT_EVERY_S = 30.0


def snapshot_path(path: str) -> str:
    return str(path) + ".snapshot"


def _table(columns: Mapping[str, list[Any]], schema: pa.Schema) -> pa.Table:
    """An Arrow table of ``columns``; text that is not valid Unicode is a StoreError."""
    try:
        return pa.table({name: columns[name] for name in schema.names}, schema=schema)
    except (pa.ArrowException, UnicodeError, OverflowError) as exc:
        raise StoreError(f"cannot store these values: {exc}") from exc
