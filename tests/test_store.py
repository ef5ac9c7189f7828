"""The DuckDB store: exact round trips, upserts, mention replacement, fusion writes with
redirects, query filters, failures, transactions and read-only opens."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitry.errors import StoreError
from summitry.records import (
    PRECISIONS,
    CleanDoc,
    DateHint,
    DateRange,
    Event,
    Evidence,
    Location,
    Participant,
    Source,
    Span,
)
from summitry.store import MIGRATIONS, SCHEMA_VERSION, Store, event_from_json, event_to_json

# --------------------------------------------------------------------------- factories


def ev(
    event_id: str,
    *,
    docs: tuple[str, ...] = ("d1",),
    type: str = "CONSULT",
    countries: tuple[str, ...] = ("CUB", "USA"),
    topics: tuple[str, ...] = ("terrorism",),
    start: str | None = "2023-01-18",
    end: str | None = "2023-01-19",
    precision: str = "day",
    place: str | None = "Havana",
    people: tuple[str, ...] = ("Ana Pérez",),
) -> Event:
    """A small hand-made event; every source document cites one trigger span."""
    date = DateRange(
        dt.date.fromisoformat(start) if start else None,
        dt.date.fromisoformat(end) if end else None,
        precision if (start or end) else "unknown",
        "explicit date in text",
    )
    return Event(
        type=type,
        mode="in_person",
        status="occurred",
        date=date,
        location=Location(place, "CUB", 23.1136, -82.3666) if place else None,
        countries=countries,
        participants=tuple(Participant(p, "Minister", "MININT", "CUB") for p in people),
        organizations=("INTERPOL",),
        topics=topics,
        confidence=0.7123456,
        sources=tuple(Source(d, (Evidence("trigger", 10, 17, "met"),)) for d in docs),
        event_id=event_id,
        reasons=(("date", "explicit"), ("type", "trigger 'met'")),
    )


def clean_doc(doc_id: str, raw: str = "Title\n\nBody text here.\n© 2023") -> CleanDoc:
    return CleanDoc(
        doc_id=doc_id,
        raw=raw,
        masked=raw,
        text="Body text here.",
        body=(Span(7, 22),),
        boilerplate=(Span(0, 5), Span(23, len(raw))),
        title="Title",
        title_span=Span(0, 5),
        byline="By A. Writer",
        outlet="Example News",
        published=dt.date(2023, 1, 20),
        published_source="meta",
        date_hints=(DateHint("copyright", dt.date(2023, 1, 1), Span(23, 29)),),
    )


# arbitrary unicode (hypothesis excludes lone surrogates) plus the nasty cases by name
_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from([
        "", "<script>alert('x')</script>", 'say "hi"', "O'Brien; DROP TABLE events; --",
        "a,b;c\nd", "\\", "\x00", "中文 🙂 é", "null", "{}",
    ]),
)
_opt_text = st.none() | _text
_float = st.floats(allow_nan=False, allow_infinity=False)
_date = st.dates()


@st.composite
def _date_ranges(draw: st.DrawFn) -> DateRange:
    return DateRange(draw(st.none() | _date), draw(st.none() | _date),
                     draw(st.sampled_from(PRECISIONS)), draw(_text))


_events = st.builds(
    Event,
    type=_text,
    mode=_opt_text,
    status=_text,
    date=_date_ranges(),
    location=st.none() | st.builds(Location, _text, _opt_text, st.none() | _float,
                                   st.none() | _float),
    countries=st.lists(_text, max_size=3).map(tuple),
    participants=st.lists(st.builds(Participant, _text, _opt_text, _opt_text, _opt_text),
                          max_size=3).map(tuple),
    organizations=st.lists(_text, max_size=3).map(tuple),
    topics=st.lists(_text, max_size=3).map(tuple),
    confidence=_float,
    sources=st.lists(st.builds(
        Source, _text,
        st.lists(st.builds(Evidence, _text, st.integers(-(2**63), 2**63 - 1),
                           st.integers(0, 10**6), _text), max_size=3).map(tuple),
    ), max_size=3).map(tuple),
    event_id=_text,
    reasons=st.lists(st.tuples(_text, _text), max_size=3).map(tuple),
)

_settings = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


def _counts(store: Store) -> dict[str, int]:
    return store.counts()


# --------------------------------------------------------------------------- round trips


@_settings
@given(_events)
def test_event_json_round_trip_is_identity(event: Event) -> None:
    assert event_from_json(event_to_json(event)) == event


@_settings
@given(_events)
def test_event_through_mentions_and_events_tables_is_identity(event: Event) -> None:
    with Store(":memory:") as store:
        store.put_mentions("doc", [("m1", event)])
        assert store.all_mentions() == [("m1", event)]
        store.replace_events([event], {})
        assert store.get_event(event.event_id) == event
        assert store.query_events() == [event]


def test_event_json_keeps_export_shape_and_exact_fields() -> None:
    e = ev("ev_1", precision="month")
    rec: dict[str, Any] = __import__("json").loads(event_to_json(e))
    assert {k: v for k, v in rec.items() if k != "exact"} == e.as_dict()
    assert rec["date"]["start"] == "2023-01"  # the export shape cuts to precision ...
    back = event_from_json(event_to_json(e))
    assert back.date.start == dt.date(2023, 1, 18)  # ... the exact part does not
    assert back.date.how == "explicit date in text"
    assert back.confidence == 0.7123456
    assert isinstance(back.date.start, dt.date)


def test_event_from_plain_export_line_uses_period_bounds() -> None:
    import json

    e = ev("ev_1", start="2024-02-03", end="2024-02-05", precision="month")
    back = event_from_json(json.dumps(e.as_dict()))
    assert (back.date.start, back.date.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert back.sources == e.sources
    assert back.participants == e.participants


# --------------------------------------------------------------------------- documents


def test_documents_put_get_and_hash(tmp_path: Path) -> None:
    doc = clean_doc("a")
    with Store(tmp_path / "s.duckdb") as store:
        assert store.put_documents([(doc, "/in/a.txt")]) == 1
        got = store.get_document("a")
    assert got is not None
    assert got["raw_text"] == doc.raw
    assert got["clean_text"] == doc.text
    assert got["path"] == "/in/a.txt"
    assert got["published"] == dt.date(2023, 1, 20)
    assert got["boilerplate"] == [[0, 5], [23, len(doc.raw)]]
    assert got["body"] == [[7, 22]]
    assert got["date_hints"] == [{"kind": "copyright", "date": "2023-01-01", "span": [23, 29]}]
    assert got["content_hash"] == hashlib.sha256(doc.raw.encode()).hexdigest()
    assert isinstance(got["ingested_at"], dt.datetime)


def test_documents_upsert_and_queries() -> None:
    with Store(":memory:") as store:
        store.put_documents([(clean_doc("a"), None), (clean_doc("b"), "b.txt")])
        assert store.document_ids() == {"a", "b"}
        assert store.content_hash("zzz") is None
        assert store.get_document("zzz") is None
        new = clean_doc("a", raw="changed text")
        store.put_documents([(new, "a2.txt")])
        assert store.counts()["documents"] == 2
        assert store.content_hash("a") == hashlib.sha256(b"changed text").hexdigest()
        got = store.get_document("a")
        assert got is not None and got["path"] == "a2.txt"
        # a doc id twice in one call: the last one wins, one row
        assert store.put_documents([(clean_doc("c", "x"), None), (clean_doc("c", "y"), None)]) == 1
        assert store.content_hash("c") == hashlib.sha256(b"y").hexdigest()


def test_re_putting_everything_is_idempotent() -> None:
    with Store(":memory:") as store:
        docs = [(clean_doc("d1"), "d1.txt"), (clean_doc("d2"), None)]
        mentions = [("m1", ev("ev_m1")), ("m2", ev("ev_m2"))]
        events = [ev("ev_1", docs=("d1", "d2")), ev("ev_2")]
        for _ in range(2):
            store.put_documents(docs)
            store.put_mentions("d1", mentions)
            store.replace_events(events, {"ev_old": "ev_1"})
            store.put_failure("x.txt", "ingest", "bad bytes")
        assert store.counts() == {"documents": 2, "mentions": 2, "events": 2, "sources": 3,
                                  "failures": 1, "duplicate_groups": 0}
        assert store.query_events() == events
        assert store.all_mentions() == mentions
        assert store.redirects() == {"ev_old": "ev_1"}


# --------------------------------------------------------------------------- mentions


def test_put_mentions_replaces_only_that_documents_mentions() -> None:
    with Store(":memory:") as store:
        store.put_mentions("a", [("a1", ev("ev_a1")), ("a2", ev("ev_a2"))])
        store.put_mentions("b", [("b1", ev("ev_b1", docs=("b",)))])
        store.put_mentions("a", [("a3", ev("ev_a3"))])
        assert [m for m, _ in store.all_mentions()] == ["a3", "b1"]
        store.put_mentions("a", [])
        assert [m for m, _ in store.all_mentions()] == ["b1"]
        assert store.counts()["mentions"] == 1


# --------------------------------------------------------------------------- events


def test_replace_events_replaces_content_and_sources() -> None:
    with Store(":memory:") as store:
        store.replace_events([ev("A"), ev("B", docs=("d1", "d2"))], {})
        assert store.counts()["events"] == 2
        assert store.counts()["sources"] == 3
        assert store.event_ids() == {"A", "B"}
        store.replace_events([ev("C", docs=("d3",))], {})
        assert [e.event_id for e in store.query_events()] == ["C"]
        assert store.event_ids() == {"C"}
        assert store.counts()["sources"] == 1
        assert store.get_event("A") is None
        assert store.resolve_id("A") is None


def test_repeated_source_document_is_one_source_row() -> None:
    e = dataclasses.replace(ev("A"), sources=(
        Source("d1", (Evidence("trigger", 1, 2, "x"),)),
        Source("d1", (Evidence("place", 3, 4, "y"),)),
    ))
    with Store(":memory:") as store:
        store.replace_events([e], {})
        assert store.counts()["sources"] == 1
        assert store.get_event("A") == e  # the record keeps the sources exactly


def test_redirects_follow_merges_and_chains() -> None:
    with Store(":memory:") as store:
        store.replace_events([ev("A"), ev("B")], {})
        store.replace_events([ev("B", docs=("d1", "d2"))], {"A": "B"})
        merged = store.get_event("A")
        assert merged is not None and merged.event_id == "B"
        assert merged.doc_ids == ("d1", "d2")
        # B is later merged into C: A -> B -> C
        store.replace_events([ev("C", docs=("d1", "d2", "d3"))], {"B": "C"})
        assert store.resolve_id("A") == "C"
        assert store.resolve_id("B") == "C"
        got = store.get_event("A")
        assert got is not None and got.event_id == "C"
        assert store.redirects() == {"A": "B", "B": "C"}  # earlier rows are kept
        # A comes back as a live event: it must stop redirecting
        store.replace_events([ev("A"), ev("C")], {})
        assert store.resolve_id("A") == "A"
        assert "A" not in store.redirects()
        assert store.resolve_id("B") == "C"
        assert store.resolve_id("nope") is None


def test_redirect_cycles_and_dangling_targets_resolve_to_none() -> None:
    with Store(":memory:") as store:
        store.replace_events([ev("live")], {"x": "y", "y": "x", "gone": "missing"})
        assert store.resolve_id("x") is None
        assert store.get_event("x") is None
        assert store.resolve_id("gone") is None
        # a redirect given for an id that is live in the same call is dropped
        store.replace_events([ev("live")], {"live": "other"})
        assert store.resolve_id("live") == "live"


def _query_fixture(store: Store) -> None:
    store.replace_events([
        ev("e1", countries=("CUB", "USA"), topics=("terrorism",), start="2023-01-10",
           end="2023-01-20"),
        ev("e2", type="AGREE", countries=("MEX", "USA"), topics=("drug_trafficking",),
           start="2023-03-01", end="2023-03-01"),
        ev("e3", countries=("FRA", "DEU"), topics=("cybercrime", "terrorism"),
           start="2022-06-01", end="2022-06-30", precision="month"),
        ev("e4", countries=("CUB", "RUS"), topics=(), start=None, end=None),
    ], {})


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, ["e1", "e2", "e3", "e4"]),
    ({"country": "USA"}, ["e1", "e2"]),
    ({"country": "CUB"}, ["e1", "e4"]),
    ({"country": "US"}, []),  # a list member, not a substring
    ({"type": "AGREE"}, ["e2"]),
    ({"topic": "terrorism"}, ["e1", "e3"]),
    ({"topic": "terrorism", "country": "USA"}, ["e1"]),
    ({"since": dt.date(2023, 1, 15)}, ["e1", "e2"]),  # e1 ends after since: overlap
    ({"since": dt.date(2023, 1, 21)}, ["e2"]),
    ({"until": dt.date(2023, 1, 10)}, ["e1", "e3"]),  # e1 starts on until
    ({"until": dt.date(2023, 1, 9)}, ["e3"]),
    ({"since": dt.date(2022, 6, 15), "until": dt.date(2022, 6, 15)}, ["e3"]),
    ({"since": dt.date(2000, 1, 1)}, ["e1", "e2", "e3"]),  # undated e4 excluded
    ({"limit": 2}, ["e1", "e2"]),
    ({"limit": 0}, []),
    ({"country": "USA' OR 1=1 --"}, []),
    ({"type": "x'); DELETE FROM events; --"}, []),
])
def test_query_filters(kwargs: dict[str, Any], expected: list[str]) -> None:
    with Store(":memory:") as store:
        _query_fixture(store)
        assert [e.event_id for e in store.query_events(**kwargs)] == expected
        assert store.counts()["events"] == 4


def test_query_negative_limit_is_an_error() -> None:
    with Store(":memory:") as store, pytest.raises(ValueError, match="limit"):
        store.query_events(limit=-1)


# --------------------------------------------------------------------------- failures


def test_failures_upsert_and_clear() -> None:
    with Store(":memory:") as store:
        store.put_failure("a.txt", "ingest", "first")
        store.put_failure("a.txt", "ingest", "second", "details")
        store.put_failure("a.txt", "extract", "boom")
        store.put_failure("b.txt", "ingest", "other")
        rows = {(f["input"], f["stage"]): f for f in store.failures()}
        assert set(rows) == {("a.txt", "ingest"), ("a.txt", "extract"), ("b.txt", "ingest")}
        assert rows[("a.txt", "ingest")]["error"] == "second"
        assert rows[("a.txt", "ingest")]["detail"] == "details"
        assert isinstance(rows[("a.txt", "ingest")]["at"], dt.datetime)
        store.clear_failure("a.txt")
        assert [(f["input"], f["stage"]) for f in store.failures()] == [("b.txt", "ingest")]
        assert store.counts()["failures"] == 1


# --------------------------------------------------------------------------- transactions


def _fail_on(monkeypatch: pytest.MonkeyPatch, table: str) -> None:
    """Make the bulk insert into ``table`` raise, after earlier statements ran."""
    real = Store._insert

    def insert(self: Store, name: str, data: Any, **kw: Any) -> None:
        if name == table:
            raise RuntimeError("simulated crash mid-write")
        real(self, name, data, **kw)

    monkeypatch.setattr(Store, "_insert", insert)


def test_replace_events_rolls_back_on_error(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    before = [ev("A"), ev("B", docs=("d2",))]
    with Store(db) as store:
        store.replace_events(before, {"old": "A"})
        counts = store.counts()
        _fail_on(monkeypatch, "event_sources")  # events were already deleted + inserted
        with pytest.raises(RuntimeError, match="simulated"):
            store.replace_events([ev("C")], {"A": "C"})
        assert store.query_events() == before
        assert store.counts() == counts
        assert store.redirects() == {"old": "A"}
    monkeypatch.undo()
    with Store(db, read_only=True) as store:  # and on disk
        assert store.query_events() == before
        assert store.resolve_id("old") == "A"


def test_put_mentions_rolls_back_on_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(":memory:") as store:
        store.put_mentions("a", [("a1", ev("ev_a1"))])
        _fail_on(monkeypatch, "mentions")  # after the DELETE of a's mentions
        with pytest.raises(RuntimeError):
            store.put_mentions("a", [("a2", ev("ev_a2"))])
        assert store.all_mentions() == [("a1", ev("ev_a1"))]


def test_put_documents_rolls_back_on_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(":memory:") as store:
        store.put_documents([(clean_doc("a", "old"), None)])
        _fail_on(monkeypatch, "documents")
        with pytest.raises(RuntimeError):
            store.put_documents([(clean_doc("a", "new"), None), (clean_doc("b"), None)])
        assert store.document_ids() == {"a"}
        assert store.content_hash("a") == hashlib.sha256(b"old").hexdigest()


def test_database_error_becomes_store_error_and_rolls_back() -> None:
    with Store(":memory:") as store:
        store.replace_events([ev("A")], {})
        # a constraint that the event_sources insert (after the events insert) violates
        store._con.execute("DROP TABLE event_sources")
        store._con.execute(
            "CREATE TABLE event_sources (event_id VARCHAR, doc_id VARCHAR "
            "CHECK (doc_id <> 'bad'), evidence JSON, PRIMARY KEY (event_id, doc_id))")
        with pytest.raises(StoreError, match="undone"):
            store.replace_events([ev("Z", docs=("bad",))], {"A": "Z"})
        assert [e.event_id for e in store.query_events()] == ["A"]
        assert store.redirects() == {}
        store.replace_events([ev("Z")], {"A": "Z"})  # the store is still usable
        assert store.resolve_id("A") == "Z"


# --------------------------------------------------------------------------- files


def test_schema_is_created_once_and_versioned(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.replace_events([ev("A")], {})
    with Store(db) as store:
        rows = store._con.execute("SELECT version, name FROM _migrations").fetchall()
        assert rows == [(number, name) for number, name, _ in MIGRATIONS]
        assert rows[-1][0] == SCHEMA_VERSION
        assert store.get_event("A") == ev("A")


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.put_documents([(clean_doc("a"), None)])
        store.replace_events([ev("A")], {})
    with Store(db, read_only=True) as store:
        assert store.get_event("A") == ev("A")
        assert store.document_ids() == {"a"}
        with pytest.raises(StoreError, match="is open read-only"):
            store.put_failure("x", "ingest", "e")
        with pytest.raises(StoreError, match="is open read-only"):
            store.put_documents([(clean_doc("b"), None)])
        with pytest.raises(StoreError, match="is open read-only"):
            store.replace_events([], {})
        with pytest.raises(StoreError, match="is open read-only"):
            store.put_mentions("a", [])
        assert store.counts()["events"] == 1


def test_read_only_open_of_missing_or_foreign_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    import duckdb

    duckdb.connect(str(tmp_path / "other.duckdb")).close()  # a database, not ours
    with pytest.raises(StoreError, match="schema version 0"):
        Store(tmp_path / "other.duckdb", read_only=True)


def test_second_process_cannot_open_a_file_being_written(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    code = (
        "import sys\nfrom summitry.store import Store\nfrom summitry.errors import StoreError\n"
        "try:\n    Store(sys.argv[1])\nexcept StoreError as e:\n    print('refused', e)\n"
    )
    with Store(db):
        out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True,
                             text=True, timeout=120)
    assert out.stdout.startswith("refused"), out.stderr
    assert "another summitry process" in out.stdout


# --------------------------------------------------------------------------- page HTML


def test_a_pages_html_is_stored_in_parts_and_read_back_whole(tmp_path: Path) -> None:
    from summitry import store as store_mod

    page = "<p>Ü " + "é" * 2500 + "</p>" + "<i>x</i>" * 700
    with Store(tmp_path / "s.duckdb") as store:
        store.put_source("a", "https://x.test/a", "html", page)
        store.put_source("b", None, "txt", None)
        parts = store._con.execute(
            "SELECT count(*), max(length(html)) FROM document_html WHERE doc_id = 'a'"
        ).fetchone()
        assert parts == (-(-len(page) // store_mod._HTML_PART), store_mod._HTML_PART)
        assert store.get_source("a") == {"url": "https://x.test/a", "format": "html",
                                         "html": page}
        store.put_source("a", "https://x.test/a", "html", "<p>shorter</p>")  # a new version
        assert store.get_source("a")["html"] == "<p>shorter</p>"  # type: ignore[index]
        assert store.get_source("b") == {"url": None, "format": "txt", "html": None}


def test_html_stored_whole_by_an_older_version_moves_into_parts(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    page = "<html>" + "ab" * 3000 + "</html>"
    with Store(db) as store:  # made an older database: HTML whole, no parts table
        con = store._con
        con.execute("DROP TABLE document_html")
        con.execute("DELETE FROM _migrations WHERE version = 6")
        con.execute("INSERT INTO document_sources VALUES ('a', 'u', 'html', ?)", [page])
    assert MIGRATIONS[5][0] == 6
    with Store(db) as store:
        assert store.get_source("a") == {"url": "u", "format": "html", "html": page}
        assert store._con.execute(
            "SELECT count(*) FROM document_sources WHERE html IS NOT NULL").fetchone() == (0,)


def test_a_writer_caps_duckdb_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def limit(store: Store) -> str:
        row = store._con.execute("SELECT current_setting('memory_limit')").fetchone()
        assert row is not None
        return str(row[0])

    monkeypatch.delenv("SUMMITRY_DUCKDB_MEMORY", raising=False)
    with Store(tmp_path / "a.duckdb") as store:
        assert limit(store) in ("64.0 MiB", "61.0 MiB")
    with Store(":memory:") as store:  # cannot spill to disk: not capped
        assert limit(store) not in ("64.0 MiB", "61.0 MiB")
    monkeypatch.setenv("SUMMITRY_DUCKDB_MEMORY", "1GB")
    with Store(tmp_path / "b.duckdb") as store:
        assert limit(store) in ("1.0 GiB", "953.6 MiB")
