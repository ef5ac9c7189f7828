"""The same page as .txt, as an HTML page with menus and scripts, inside a WARC file, inside
a JSONL line (and gzipped) yields the same events; bad inputs of every kind are failures
with a clear reason and never stop the run."""

from __future__ import annotations

import gzip
import html
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from summitry import ingest
from summitry.pipeline import Pipeline
from summitry.records import Event, RawDoc

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"

PAGES = sorted((EXAMPLES / "docs").glob("*.txt")) + (
    sorted(DEV_DOCS.glob("*.txt")) if DEV_DOCS.is_dir() else [])


def as_html(text: str, title: str) -> str:
    """A real-looking page: head with script/style, nav menu, the page's lines, a footer."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>"
            '<script>var t = "<p>Ministers met in Paris.</p>"; track();</script>'
            "<style>p { margin: 0 }</style></head><body>"
            '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
            '<li><a href="/sport">Sport</a></li></ul></nav>'
            f"<article>{body}</article>"
            "<footer><p>We use cookies to improve your experience.</p></footer></body></html>")


def as_warc(pages: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, page in pages.items():
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(page.encode("utf-8")), http_headers=headers))
    return buf.getvalue()


def signature(events: list[Event]) -> list[tuple[object, ...]]:
    return sorted((e.type, e.mode, e.status, e.date.start, e.date.end, e.countries,
                   tuple(sorted(p.name for p in e.participants)),
                   e.location.name if e.location else None, e.topics) for e in events)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_txt_html_warc_jsonl_give_the_same_events(page: Path, tmp_path: Path,
                                                  pipe: Pipeline) -> None:
    text = page.read_text(encoding="utf-8")
    (tmp_path / "p.html").write_text(as_html(text, page.stem), encoding="utf-8")
    (tmp_path / "p.warc.gz").write_bytes(as_warc({f"https://news.example/{page.stem}":
                                                  as_html(text, page.stem)}))
    line = json.dumps({"id": page.stem, "url": "https://news.example/x", "text": text})
    (tmp_path / "p.jsonl.gz").write_bytes(gzip.compress((line + "\n").encode("utf-8")))
    want = signature(pipe.process(RawDoc(page.stem, text))[1])
    for name in ("p.html", "p.warc.gz", "p.jsonl.gz"):
        docs = list(ingest.read([tmp_path / name]))
        assert len(docs) == 1 and isinstance(docs[0], RawDoc), docs
        doc = docs[0]
        if name != "p.jsonl.gz":  # scripts and markup never reach the text
            assert "track()" not in doc.text and "<p>" not in doc.text
        assert signature(pipe.process(doc)[1]) == want, name


def test_ids_and_metadata_of_container_records(tmp_path: Path) -> None:
    page = as_html("Ministers met.\nThe talks went well.", "T")
    (tmp_path / "crawl.warc.gz").write_bytes(as_warc({"https://a.example/1": page,
                                                      "https://a.example/2": page}))
    lines = [{"id": "x1", "text": "one page", "published": "2023-01-20T10:00:00Z"},
             {"text": "no id"}, {"html": page, "url": "https://b.example/"}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines),
                                         encoding="utf-8")
    docs = [d for d in ingest.read([tmp_path]) if isinstance(d, RawDoc)]
    ids = sorted(d.doc_id for d in docs)
    assert ids[:2] == ["crawl__0af2e0a7bd81", "crawl__a0a1f5e39b8d"] or \
        all(i.startswith("crawl__") for i in ids[:2])
    assert {"feed__x1", "feed__2", "feed__3"} <= set(ids)
    by_id = {d.doc_id: d for d in docs}
    assert str(by_id["feed__x1"].published) == "2023-01-20"
    assert by_id["feed__3"].html == page and by_id["feed__3"].url == "https://b.example/"


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"id": "a", "text": "Ministers met in Madrid."}).encode() + b"\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    (doc,) = list(ingest.read(["-"]))
    assert isinstance(doc, RawDoc) and doc.text == "Ministers met in Madrid."
    assert doc.doc_id.startswith("stdin-") and doc.doc_id.endswith("__a")


def test_legacy_charset_declared_in_html(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="windows-1252"><title>Reunión</title></head><body>'
            "<p>Los ministros de Interior se reunieron en La Habana el jueves para hablar "
            "de migración y narcotráfico con sus homólogos.</p></body></html>")
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    (doc,) = list(ingest.read([tmp_path / "p.html"]))
    assert isinstance(doc, RawDoc) and "migración y narcotráfico" in doc.text


BAD = {
    "empty.txt": (b"", "empty"),
    "random.txt": (bytes(range(256)) * 40, "binary"),
    "truncated.jsonl.gz": (gzip.compress(b'{"text": "a page"}\n' * 50)[:-30], "truncated gzip"),
    "garbage.html.gz": (b"\x1f\x8b\x08\x00garbage-not-deflate", "gzip"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_inputs_are_failures(name: str, tmp_path: Path) -> None:
    data, reason = BAD[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("Ministers met in Madrid.", encoding="utf-8")
    out = list(ingest.read([tmp_path]))
    assert [d.doc_id for d in out if isinstance(d, RawDoc)] == ["good"]
    (failure,) = [f for f in out if isinstance(f, ingest.Failure)]
    assert reason in failure.error and failure.stage == "ingest"


def test_invalid_utf8_is_decoded_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Ministers met in Madrid \xff\xfe\xfa on Monday.\n" * 3)
    (doc,) = list(ingest.read([tmp_path / "bad.txt"]))
    assert isinstance(doc, RawDoc) and "Ministers met in Madrid" in doc.text


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    page = as_html("Ministers met in Madrid on Monday to discuss migration.", "T")
    whole = as_warc({f"https://a.example/{i}": page for i in range(3)})
    plain = gzip.decompress(whole)
    (tmp_path / "cut.warc").write_bytes(plain[: len(plain) - 200])
    out = list(ingest.read([tmp_path / "cut.warc"]))
    docs = [d for d in out if isinstance(d, RawDoc)]
    fails = [f for f in out if isinstance(f, ingest.Failure)]
    assert len(docs) == 2
    assert len(fails) == 1 and "WARC" in fails[0].error


def test_deeply_nested_html_and_a_huge_line(tmp_path: Path) -> None:
    deep = "<html><body>" + "<div>" * 20_000 + "<p>Ministers met in Madrid.</p>" + \
        "</div>" * 20_000 + "</body></html>"
    (tmp_path / "deep.html").write_text(deep, encoding="utf-8")
    (tmp_path / "long.txt").write_text("word " * 2_000_000, encoding="utf-8")  # 10 MB, 1 line
    out = {getattr(d, "doc_id", None) or Path(d.input).stem: d
           for d in ingest.read([tmp_path])}
    deep_doc = out["deep"]
    assert isinstance(deep_doc, RawDoc) and "Ministers met in Madrid." in deep_doc.text
    assert isinstance(out["long"], RawDoc)


def test_a_10_mb_line_is_a_clear_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    from summitry.pipeline import run
    from summitry.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(
        "Spanish and Moroccan ministers met in Madrid to discuss migration. " * 160_000,
        encoding="utf-8")
    (folder / "ok.txt").write_text((ROOT / "tests" / "data" / "pages" / "rabat_talks.txt")
                                   .read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "l.duckdb"
    summary = run([folder], db)
    assert summary.documents == 1 and len(summary.failures) == 1
    with Store(db, read_only=True) as store:
        (row,) = store.failures()
        assert row["stage"] == "extract" and "split the page" in row["error"]
        assert store.counts()["events"] == 2
