"""summitry watch against a local HTTP server (in this process, 127.0.0.1, random port):
an RSS feed, an Atom feed and a sitemap index with a news sitemap list the example pages
(as HTML) and the failure cases (404, 500, over the size limit, robots.txt disallow, a
slow host, bad encoding). No test reaches the internet.

Done when (issue 10): a ``watch --once`` round stores the example events, a second round
makes conditional requests, fetches no page again and adds no duplicate; a ``kill -9``
during a round followed by another round gives the database of one clean round; the
WARC archive of the rounds, read by ``summitry run``, gives the same documents and events.
"""

from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from summitry import ingest
from summitry.fetch import Fetcher, Policy
from summitry.store import Store
from summitry.watch import (
    Archive,
    WatchError,
    parse_every,
    parse_listing,
    read_sources,
    run_round,
    salvage,
)

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("summitry")
EXAMPLES = sorted((ROOT / "examples" / "docs").glob("*.txt"))
MAX_BYTES = 200_000
POLICY = Policy(delay=0.0, timeout=1.5, time_limit=10.0, max_bytes=MAX_BYTES, retries=1,
                backoff=0.05, per_host=4, workers=8)
CLI_POLICY = ["--delay", "0", "--timeout", "1.5", "--max-bytes", str(MAX_BYTES),
              "--retries", "1", "--per-host", "4"]
LAST_MODIFIED = "Mon, 02 Oct 2023 08:00:00 GMT"


# --------------------------------------------------------------------------- the server


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    ctype: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    #: answered only while set (a test clears it to hold a round mid-way)
    go: threading.Event = field(default_factory=lambda: _set_event())


def _set_event() -> threading.Event:
    ev = threading.Event()
    ev.set()
    return ev


class Site:
    """Routes by path (the same on both host names), and a log of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").split(":")[0]
                with site.lock:
                    site.log.append((host, self.path, dict(self.headers.items())))
                route = site.routes.get(self.path)
                if route is None:
                    self._send(404, b"<html><body>not found</body></html>", "text/html")
                    return
                route.go.wait(120)
                if route.delay:
                    time.sleep(route.delay)
                if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                        route.last_modified
                        and self.headers.get("If-Modified-Since") == route.last_modified):
                    self._send(304, b"", None, route)
                    return
                self._send(route.status, route.body, route.ctype, route)

            def _send(self, status: int, body: bytes, ctype: str | None,
                      route: Route | None = None) -> None:
                try:
                    self.send_response(status)
                    if ctype:
                        self.send_header("Content-Type", ctype)
                    if route is not None and route.etag:
                        self.send_header("ETag", route.etag)
                    if route is not None and route.last_modified:
                        self.send_header("Last-Modified", route.last_modified)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.other = f"http://localhost:{self.port}"  # a second host: the slow one
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def requests(self, since: int = 0) -> list[str]:
        with self.lock:
            return [f"{h}{p}" for h, p, _ in self.log[since:]]

    def mark(self) -> int:
        with self.lock:
            return len(self.log)


def page_html(txt: Path) -> bytes:
    lines = [line for line in txt.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>'
            f"{html.escape(lines[0])}</title></head><body><article>\n{body}</article>"
            f"</body></html>").encode()


def rss(items: list[str]) -> bytes:
    entries = "".join(f"<item><title>item {i}</title><link>{html.escape(u)}</link>"
                      f"<pubDate>Mon, 02 Oct 2023 08:00:00 GMT</pubDate></item>"
                      for i, u in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>wire</title>'
            f"<link>http://x/</link>{entries}</channel></rss>").encode()


def atom(items: list[str]) -> bytes:
    entries = "".join(f'<entry><title>item {i}</title><link href="{html.escape(u)}"/>'
                      f"<id>urn:x:{i}</id><updated>2023-10-02T08:00:00Z</updated></entry>"
                      for i, u in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>agency</title><id>urn:x</id><updated>2023-10-02T08:00:00Z</updated>"
            f"{entries}</feed>").encode()


def news_sitemap(items: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{html.escape(u)}</loc><news:news><news:publication>"
                   f"<news:name>Daily</news:name><news:language>en</news:language>"
                   f"</news:publication><news:publication_date>2023-10-02</news:publication_date>"
                   f"<news:title>t</news:title></news:news></url>" for u in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{urls}</urlset>").encode()


def sitemap_index(children: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{html.escape(c)}</loc><lastmod>2023-10-02</lastmod></sitemap>"
                   for c in children)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">{maps}</sitemapindex>').encode()


def page_url(site: Site, txt: Path) -> str:
    return f"{site.base}/news/{txt.stem}.html"


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    s = Site()
    b = s.base
    pages = {f"/news/{t.stem}.html": t for t in EXAMPLES}
    for path, txt in pages.items():
        s.routes[path] = Route(page_html(txt))
    s.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", ctype="text/plain")
    s.routes["/broken"] = Route(b"<html><body>oops</body></html>", status=500)
    s.routes["/big"] = Route(b"<html><body><p>" + b"word " * (MAX_BYTES // 4)
                             + b"</p></body></html>")
    s.routes["/slow"] = Route(b"<html><body><p>late</p></body></html>", delay=6.0)
    s.routes["/latin"] = Route(b"<html><body><p>" + bytes(range(0x80, 0x100)) * 20
                               + bytes(range(1, 9)) * 40 + b"</p></body></html>")
    s.routes["/private/secret"] = Route(b"<html><body>secret</body></html>")
    urls = [page_url(s, t) for t in EXAMPLES]
    s.routes["/feeds/rss.xml"] = Route(
        rss([*urls[:3], f"{b}/missing", f"{b}/broken", f"{b}/big"]),
        ctype="application/rss+xml", etag='"rss-1"')
    s.routes["/feeds/atom.xml"] = Route(
        atom([*urls[3:5], f"{b}/private/secret", f"{s.other}/slow", f"{b}/latin"]),
        ctype="application/atom+xml", last_modified=LAST_MODIFIED)
    s.routes["/sitemap_index.xml"] = Route(
        sitemap_index([f"{b}/sitemaps/news.xml"]), ctype="application/xml", etag='"idx-1"')
    s.routes["/sitemaps/news.xml"] = Route(news_sitemap(urls[5:]), ctype="application/xml",
                                           etag='"news-1"')
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


def sources_file(site: Site, folder: Path) -> Path:
    path = folder / "sources.txt"
    path.write_text(f"# the wire\n{site.base}/feeds/rss.xml\n"
                    f"{site.base}/feeds/atom.xml   # the agency\n\n"
                    f"{site.base}/sitemap_index.xml\n", encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, Any]:
    """The documents (less their ingest time), mentions, events and failures of ``db``."""
    with Store(db, read_only=True) as store:
        docs = {d: store.get_document(d) for d in sorted(store.document_ids())}
        for row in docs.values():
            assert row is not None
            row.pop("ingested_at")
        events = [e.as_dict() for e in store.query_events()]
        mentions = [(m, e.as_dict()) for m, e in store.all_mentions()]
        failures = sorted((f["input"], f["stage"], f["error"]) for f in store.failures())
    return {"documents": docs, "events": events, "mentions": mentions, "failures": failures}


def event_keys(events: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((e["type"], e["mode"], e["date"]["start"], tuple(e["countries"]),
                   tuple(sorted(p["name"] for p in e["participants"]))) for e in events)


# --------------------------------------------------------------------------- units


def test_parse_every_and_sources(tmp_path: Path) -> None:
    assert parse_every("15m") == 900 and parse_every("30s") == 30
    assert parse_every("1h") == 3600 and parse_every("45") == 45
    for bad in ("", "0m", "soon", "-5s"):
        with pytest.raises(WatchError):
            parse_every(bad)
    f = tmp_path / "s.txt"
    f.write_text("# comment\nhttps://a.example/feed.xml  # inline\n\nhttps://b.example/s.xml\n")
    assert read_sources([str(f), "https://a.example/feed.xml", "http://c.example/rss"]) == [
        "https://a.example/feed.xml", "https://b.example/s.xml", "http://c.example/rss"]
    with pytest.raises(WatchError):
        read_sources([str(tmp_path / "missing.txt")])
    f.write_text("ftp://a.example/feed\n")
    with pytest.raises(WatchError):
        read_sources([str(f)])


def test_cli_usage_errors(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summitry.cli import app

    runner = CliRunner()
    db = str(tmp_path / "x.duckdb")
    assert runner.invoke(app, ["watch", "ftp://a.example/feed", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["watch", str(tmp_path / "none.txt"), "--db", db]).exit_code == 2
    bad = runner.invoke(app, ["watch", "https://a.example/rss", "--every", "soon", "--db", db])
    assert bad.exit_code == 2 and "not an interval" in bad.output
    assert not (tmp_path / "x.duckdb").exists()


def test_listings_of_every_kind() -> None:
    feed = parse_listing(rss(["https://a.example/1", "https://a.example/2"]), "https://a/rss")
    assert feed.kind == "rss" and [i.url for i in feed.items] == [
        "https://a.example/1", "https://a.example/2"]
    assert feed.items[0].published is not None
    assert parse_listing(atom(["https://a.example/3"]), "https://a/atom").kind == "atom"
    news = parse_listing(news_sitemap(["https://a.example/4"]), "https://a/news.xml")
    assert news.kind == "sitemap" and news.items[0].published is not None
    import gzip

    index = parse_listing(gzip.compress(sitemap_index(["https://a/s1.xml"])), "https://a/i")
    assert index.kind == "sitemapindex" and index.children == ["https://a/s1.xml"]
    with pytest.raises(ValueError):
        parse_listing(b"<html><body>no feed</body></html>", "https://a/")
    with pytest.raises(ValueError, match="DOCTYPE"):
        parse_listing(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                      b"<urlset><url><loc>&a;</loc></url></urlset>", "https://a/")


def test_fetcher_politeness(site: Site) -> None:
    """User agent, robots.txt, 404, 5xx with retries, size limit, timeout, conditional GET,
    per-host spacing."""
    policy = Policy(delay=0.3, timeout=1.0, max_bytes=MAX_BYTES, retries=1, backoff=0.05)
    with Fetcher(policy) as fetcher:
        mark = site.mark()
        ok = fetcher.get(page_url(site, EXAMPLES[0]))
        assert ok.error is None and ok.status == 200
        assert site.log[mark][2]["User-Agent"].startswith("summitry/")
        assert fetcher.get(f"{site.base}/missing").error == "HTTP 404 Not Found"
        broken = fetcher.get(f"{site.base}/broken")
        assert broken.error == "HTTP 500 Internal Server Error (2 attempts)" and broken.transient
        big = fetcher.get(f"{site.base}/big")
        assert big.error == f"larger than the size limit of {MAX_BYTES:,} bytes"
        assert not big.transient
        robots = fetcher.get(f"{site.base}/private/secret")
        assert robots.error and "robots.txt" in robots.error
        assert not any(p.endswith("/private/secret") for p in site.requests(mark))
        slow = fetcher.get(f"{site.other}/slow")
        assert slow.error and slow.error.startswith("timed out") and slow.transient
        again = fetcher.get(f"{site.base}/feeds/rss.xml", {"If-None-Match": '"rss-1"'})
        assert again.status == 304 and again.error is None
        since = fetcher.get(f"{site.base}/feeds/atom.xml", {"If-Modified-Since": LAST_MODIFIED})
        assert since.status == 304
        # one host: starts at least `delay` apart
        t0 = time.monotonic()
        for _ in range(3):
            fetcher.get(f"{site.base}/robots.txt")
        assert time.monotonic() - t0 >= 0.55


# --------------------------------------------------------------------------- rounds


@pytest.fixture(scope="module")
def first_round(site: Site, pipeline: Any, tmp_path_factory: pytest.TempPathFactory
                ) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("watch")
    db, archive = folder / "w.duckdb", folder / "warc"
    sources = read_sources([str(sources_file(site, folder))])
    mark = site.mark()
    summary = run_round(sources, db, archive=archive, policy=POLICY, pipeline=pipeline)
    return {"db": db, "archive": archive, "sources": sources, "summary": summary,
            "requests": site.requests(mark), "snapshot": snapshot(db)}


@pytest.mark.slow
def test_a_round_stores_the_example_events(first_round: dict[str, Any], site: Site,
                                           pipeline: Any, tmp_path: Path) -> None:
    snap = first_round["snapshot"]
    urls = [page_url(site, t) for t in EXAMPLES]
    assert sorted(snap["documents"]) == sorted(ingest.url_doc_id(u) for u in urls)
    # the same events `summitry run` finds in the same pages saved as files
    pages = tmp_path / "pages"
    pages.mkdir()
    for t in EXAMPLES:
        (pages / f"{t.stem}.html").write_bytes(page_html(t))
    from summitry.pipeline import run

    run([pages], tmp_path / "files.duckdb", pipeline=pipeline)
    expected = snapshot(tmp_path / "files.duckdb")["events"]
    assert len(expected) >= 8
    assert event_keys(snap["events"]) == event_keys(expected)
    # every failure case is a failure row with a clear reason
    fails = {i: (stage, err) for i, stage, err in snap["failures"]}
    b = site.base
    assert fails[f"{b}/missing"] == ("fetch", "HTTP 404 Not Found")
    assert fails[f"{b}/broken"] == ("fetch", "HTTP 500 Internal Server Error (2 attempts)")
    assert fails[f"{b}/big"] == ("fetch", f"larger than the size limit of {MAX_BYTES:,} bytes")
    assert "refused by" in fails[f"{b}/private/secret"][1]
    assert fails[f"{site.other}/slow"][1].startswith("timed out")
    assert fails[f"{b}/latin"][1].startswith("bad encoding")
    assert len(fails) == 6
    assert not any(r.endswith("/private/secret") for r in first_round["requests"])
    # the sources' state
    with Store(first_round["db"], read_only=True) as store:
        rows = {r["url"]: r for r in store.watch_rows("watch_sources")}
        items = {r["url"]: r for r in store.watch_rows("watch_items")}
    assert rows[f"{b}/feeds/rss.xml"]["etag"] == '"rss-1"'
    assert rows[f"{b}/feeds/rss.xml"]["new_documents"] == 3
    assert rows[f"{b}/feeds/rss.xml"]["errors"] == 3
    assert rows[f"{b}/feeds/atom.xml"]["last_modified"] == LAST_MODIFIED
    assert rows[f"{b}/sitemaps/news.xml"]["parent"] == f"{b}/sitemap_index.xml"
    assert rows[f"{b}/sitemaps/news.xml"]["new_documents"] == 3
    assert rows[f"{b}/sitemap_index.xml"]["kind"] == "sitemapindex"
    assert items[f"{b}/broken"]["status"] == "retry"
    assert items[f"{b}/missing"]["status"] == "failed"
    assert {items[u]["status"] for u in urls} == {"stored"}


@pytest.mark.slow
def test_dashboard_shows_each_source(first_round: dict[str, Any], site: Site) -> None:
    """``GET /api/sources`` and the ``/sources`` page: last fetch, documents, errors."""
    from fastapi.testclient import TestClient

    from summitry.web import create_app

    b = site.base
    with TestClient(create_app(first_round["db"])) as client:
        api = client.get("/api/sources")
        assert api.status_code == 200
        rows = {r["url"]: r for r in api.json()}
        assert set(rows) == {f"{b}/feeds/rss.xml", f"{b}/feeds/atom.xml",
                             f"{b}/sitemap_index.xml", f"{b}/sitemaps/news.xml"}
        rss_row = rows[f"{b}/feeds/rss.xml"]
        assert rss_row["kind"] == "rss" and rss_row["documents"] == 3
        assert rss_row["last_fetch"] and rss_row["last_status"] in (200, 304)
        assert rows[f"{b}/feeds/atom.xml"]["documents"] == 2
        assert rows[f"{b}/sitemaps/news.xml"]["parent"] == f"{b}/sitemap_index.xml"
        assert "/api/sources" in client.get("/openapi.json").json()["paths"]
        page = client.get("/sources")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        text = page.text
        assert 'aria-current="page">Live feeds' in text
        assert f"{b}/feeds/rss.xml" in text and "rss" in text
        assert "HTTP 404 Not Found" in text and f"{b}/missing" in text
        assert "bad encoding" in text


@pytest.mark.slow
def test_second_round_is_conditional_and_adds_nothing(first_round: dict[str, Any],
                                                      site: Site, pipeline: Any) -> None:
    mark = site.mark()
    summary = run_round(first_round["sources"], first_round["db"],
                        archive=first_round["archive"], policy=POLICY, pipeline=pipeline)
    log = site.log[mark:]
    feeds = {p: h for _, p, h in log if p.startswith(("/feeds/", "/sitemap"))}
    assert feeds["/feeds/rss.xml"].get("If-None-Match") == '"rss-1"'
    assert feeds["/feeds/atom.xml"].get("If-Modified-Since") == LAST_MODIFIED
    assert feeds["/sitemap_index.xml"].get("If-None-Match") == '"idx-1"'
    assert feeds["/sitemaps/news.xml"].get("If-None-Match") == '"news-1"'
    assert {r.status for r in summary.sources} == {304}
    # no page fetched again: only the transient failures are retried
    pages = sorted(p for _, p, _ in log if not p.startswith(("/feeds/", "/sitemap", "/robots")))
    assert pages == ["/broken", "/broken", "/slow", "/slow"]
    assert summary.documents == 0
    after = snapshot(first_round["db"])
    before = first_round["snapshot"]
    assert after["documents"] == before["documents"]
    assert after["events"] == before["events"]
    assert after["mentions"] == before["mentions"]
    # the WARC files of both rounds give the same documents and events again
    from summitry.pipeline import run

    warcs = sorted(first_round["archive"].glob("*.warc.gz"))
    assert len(warcs) == 2 and not list(first_round["archive"].glob("*.part"))
    again = first_round["db"].with_name("from_warc.duckdb")
    run(warcs, again, pipeline=pipeline)
    replay = snapshot(again)
    assert {d: r["content_hash"] for d, r in replay["documents"].items()} == {
        d: r["content_hash"] for d, r in before["documents"].items()}
    assert replay["events"] == before["events"]
    assert len(replay["failures"]) == 2  # the page over the size limit, the bad encoding


def _watch_cli(sources: Path, db: Path, archive: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(EXE), "watch", str(sources), "--db", str(db), "--archive",
                             str(archive), "--once", *CLI_POLICY],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


@pytest.mark.slow
def test_kill_9_mid_round_then_a_round_gives_one_clean_round(
        first_round: dict[str, Any], site: Site, tmp_path: Path) -> None:
    db, archive = tmp_path / "k.duckdb", tmp_path / "warc"
    sources = sources_file(site, tmp_path)
    held = site.routes[f"/news/{EXAMPLES[2].stem}.html"]  # the third page of the wire
    held.go.clear()
    try:
        mark = site.mark()
        proc = _watch_cli(sources, db, archive)
        deadline = time.monotonic() + 300
        snap = Path(str(db) + ".snapshot")
        # wait until the held page was asked for and a document has been stored
        while time.monotonic() < deadline and not (
                snap.exists() and any(r.endswith(EXAMPLES[2].stem + ".html")
                                      for r in site.requests(mark))):
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            time.sleep(0.2)
        time.sleep(1.0)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        held.go.set()
    assert list(archive.glob("*.warc.gz.part")), "the killed round left its WARC unfinished"
    with Store(db, read_only=True) as store:
        stored = store.document_ids()
    assert stored, "the kill came before any document was stored"
    mark = site.mark()
    proc = _watch_cli(sources, db, archive)
    out = proc.communicate(timeout=600)[0].decode()
    assert proc.returncode == 3, out  # the failure cases
    # the pages stored before the kill were not fetched again
    stored_urls = {page_url(site, t) for t in EXAMPLES
                   if ingest.url_doc_id(page_url(site, t)) in stored}
    again = {f"http://{r}" for r in site.requests(mark)}
    assert not stored_urls & again
    assert snapshot(db) == first_round["snapshot"]
    # the killed round's WARC was salvaged into a complete file
    assert not list(archive.glob("*.part")) and len(list(archive.glob("*.warc.gz"))) == 2


def test_salvage_keeps_complete_records(tmp_path: Path) -> None:
    import datetime as dt

    from summitry.fetch import Exchange

    arch = Archive(tmp_path)
    sizes = []
    for i in range(3):
        arch.write(Exchange(f"https://a.example/{i}", "GET", [("User-Agent", "t")], 200, "OK",
                            [("Content-Type", "text/html")], b"<p>page</p>" * 50,
                            dt.datetime.now(dt.UTC), doc_id=ingest.url_doc_id(f"https://a/{i}")))
        sizes.append(arch.part.stat().st_size)
    arch._fh.close()
    data = arch.part.read_bytes()
    arch.part.write_bytes(data[:sizes[1] + 30])  # the kill cut the third page's record
    [final] = salvage(tmp_path)
    assert not list(tmp_path.glob("*.part"))
    out = list(ingest.read([final]))
    assert [d.doc_id for d in out if not isinstance(d, ingest.Failure)] == [
        ingest.url_doc_id(f"https://a/{i}") for i in range(2)]
    assert not [d for d in out if isinstance(d, ingest.Failure)]


def test_user_agent_names_the_version_and_the_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    from summitry import __version__
    from summitry.fetch import CONTACT_ENV, user_agent

    monkeypatch.delenv(CONTACT_ENV, raising=False)
    assert user_agent() == f"summitry/{__version__}" == Policy().user_agent
    assert user_agent("ops@example.org") == f"summitry/{__version__} (+ops@example.org)"
    monkeypatch.setenv(CONTACT_ENV, " https://example.org/bot\n")
    assert user_agent() == f"summitry/{__version__} (+https://example.org/bot)"
    assert Policy().user_agent == user_agent()
    assert user_agent("") == f"summitry/{__version__}"  # an empty --contact sends none
