"""Live feeds: ``summitry watch`` keeps a database current from RSS/Atom feeds and news
sitemaps.

One round (:func:`run_round`):

1. every source (a feed, a sitemap, a sitemap index and the sitemaps it lists) is fetched
   with a conditional GET (the ``ETag`` / ``Last-Modified`` it gave last time), politely
   (:mod:`summitry.fetch`); a 304 lists nothing new;
2. the items it lists that are new (no stored document, not given up) are fetched, at
   most ``max_items`` per source, and go through the run loop of ``summitry run``
   (:func:`summitry.runloop.run`: gate, extract, store, fuse) as they arrive;
3. every response fetched is archived in one WARC file per round (``--archive``), written
   as ``*.warc.gz.part`` and renamed at the end, so ``summitry run DIR/*.warc.gz`` reads
   the same pages again (under the same doc ids: ``url__<hash of the item URL>``);
4. then, and only then, each item's outcome and each source's validators, last fetch and
   counts are written to ``watch_items`` / ``watch_sources``.

A ``kill -9`` at any point loses nothing and duplicates nothing: a page whose document was
stored is known by its doc id and not fetched again, a page that was not stored is
fetched again, and a source whose round did not finish is fetched again without its old
validators' effect being lost (they are only saved after its items). A WARC file a killed
round left as ``.part`` is salvaged (its complete records kept) by the next round.

Each failure (HTTP 404 or 5xx, timeout, robots.txt refusal, over the size limit, bad
encoding, not HTML) is a row of the ``failures`` table (stage ``fetch``, the URL as
input). Transient ones (5xx, timeouts) are retried in later rounds, up to
``max_attempts`` in all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import os
import re
import time
import xml.etree.ElementTree as ET
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock
from typing import Any

import httpx

from summitry import dates, ingest, language
from summitry.errors import IngestError, SummitryError
from summitry.fetch import Exchange, Fetcher, FetchResult, Policy
from summitry.records import RawDoc
from summitry.store import Store

log = logging.getLogger(__name__)

#: child sitemaps of an index read per round (the most recently modified first)
MAX_CHILDREN = 20
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class WatchError(SummitryError):
    """A usage error of ``summitry watch`` (a bad source list or interval)."""


@dataclass(frozen=True, slots=True)
class Item:
    """A page a feed or sitemap lists."""

    url: str
    source: str
    published: dt.date | None = None


@dataclass(slots=True)
class Listing:
    """What a feed or sitemap lists: pages, and (a sitemap index) other sitemaps."""

    kind: str  # rss, atom, feed, sitemap, sitemapindex
    items: list[Item] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SourceReport:
    """One source in one round."""

    url: str
    kind: str | None = None
    parent: str | None = None
    status: int | None = None
    error: str | None = None
    items: int = 0
    new_items: int = 0
    new_documents: int = 0
    errors: int = 0
    #: validators of a fresh (2xx) answer, for the next conditional GET
    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True)
class RoundSummary:
    """What one round did."""

    sources: list[SourceReport] = field(default_factory=list)
    pages_fetched: int = 0
    documents: int = 0
    events: int = 0
    failures: list[ingest.Failure] = field(default_factory=list)
    archive: Path | None = None


# --------------------------------------------------------------------------- options


def parse_every(text: str) -> float:
    """``"15m"`` -> 900.0 seconds (units s, m, h, d; a bare number is seconds)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not m or float(m.group(1)) <= 0:
        raise WatchError(f"not an interval: {text!r} (say 30s, 15m, 1h or 1d)")
    return float(m.group(1)) * _UNITS[m.group(2)]


def read_sources(args: Iterable[str]) -> list[str]:
    """The source URLs of ``args``: URLs, or files with one URL per line (``#`` starts a
    comment); duplicates dropped, order kept."""
    out: list[str] = []
    for arg in args:
        if re.match(r"https?://", arg, re.I):
            lines = [arg]
        else:
            path = Path(arg)
            if not path.is_file():
                raise WatchError(f"{arg}: neither an http(s) URL nor a file of URLs")
            lines = path.read_text(encoding="utf-8").splitlines()
        for line in lines:
            url = line.split("#", 1)[0].strip() if not line.lstrip().startswith("http") \
                else re.split(r"\s+#", line.strip(), maxsplit=1)[0].strip()
            if not url:
                continue
            if not re.match(r"https?://[^/\s]+", url, re.I):
                raise WatchError(f"{arg}: not an http(s) URL: {url!r}")
            if url not in out:
                out.append(url)
    if not out:
        raise WatchError("no sources: give feed or sitemap URLs, or a file listing them")
    return out


# --------------------------------------------------------------------------- listings


def parse_listing(body: bytes, url: str) -> Listing:
    """The items of an RSS/Atom feed, a sitemap or a news sitemap, or the sitemaps of a
    sitemap index (``.xml.gz`` bodies are inflated); ValueError when it is none of them."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(body, 50 * 2**20)
        except zlib.error as exc:
            raise ValueError(f"corrupt gzip ({exc})") from exc
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if re.search(rb"<(\w+:)?(urlset|sitemapindex)\b", head):
        return _sitemap(body, url)
    return _feed(body, url)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sitemap(body: bytes, url: str) -> Listing:
    if re.search(rb"<!(DOCTYPE|ENTITY)", body[:65536], re.I):
        raise ValueError("a sitemap with a DOCTYPE or entities is refused")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ValueError(f"invalid sitemap XML ({exc})") from exc
    if _local(root.tag) == "sitemapindex":
        children: list[tuple[str, str]] = []
        for sm in root:
            loc = lastmod = ""
            for child in sm:
                if _local(child.tag) == "loc":
                    loc = (child.text or "").strip()
                elif _local(child.tag) == "lastmod":
                    lastmod = (child.text or "").strip()
            if loc.startswith(("http://", "https://")):
                children.append((lastmod, loc))
        children.sort(key=lambda c: c[0], reverse=True)  # newest first; stable otherwise
        return Listing("sitemapindex", children=[loc for _, loc in children])
    items: list[Item] = []
    for entry in root:
        if _local(entry.tag) != "url":
            continue
        loc, published = "", None
        for child in entry.iter():
            name = _local(child.tag)
            if name == "loc" and not loc:
                loc = (child.text or "").strip()
            elif name in ("publication_date", "lastmod") and published is None:
                published = dates.iso_date(child.text)
        if loc.startswith(("http://", "https://")):
            items.append(Item(loc, url, published))
    return Listing("sitemap", items=items)


def _feed(body: bytes, url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    version = str(parsed.get("version") or "")
    if not version and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise ValueError("neither an RSS/Atom feed nor a sitemap"
                         + (f" ({why})" if why else ""))
    items: list[Item] = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link.startswith(("http://", "https://")):
            ident = entry.get("id") or ""
            link = ident if ident.startswith(("http://", "https://")) else ""
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*when[:3]) if when else None
        items.append(Item(link, url, published))
    kind = "atom" if version.startswith("atom") else "rss" if version.startswith("rss") \
        else "feed"
    return Listing(kind, items=items)


# --------------------------------------------------------------------------- archive


class Archive:
    """One WARC file per round: written as ``<name>.part``, renamed by :meth:`finish`."""

    def __init__(self, folder: Path) -> None:
        from warcio.warcwriter import WARCWriter

        folder.mkdir(parents=True, exist_ok=True)
        salvage(folder)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        self.path = folder / f"summitry-watch-{stamp}-{os.getpid()}.warc.gz"
        self.part = self.path.with_name(self.path.name + ".part")
        self._fh = open(self.part, "wb")  # noqa: SIM115 (closed in finish)
        self._writer = WARCWriter(self._fh, gzip=True)
        self._lock = Lock()
        self.records = 0
        info = self._writer.create_warcinfo_record(self.path.name, {
            "software": "summitry watch", "format": "WARC File Format 1.1"})
        self._writer.write_record(info)

    def write(self, ex: Exchange) -> None:
        """Archive one exchange: its response record, then the request."""
        from warcio.statusandheaders import StatusAndHeaders

        warc_date = ex.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), ex.headers,
                                protocol="HTTP/1.1")
        headers = {"WARC-Date": warc_date}
        if ex.truncated:
            headers["WARC-Truncated"] = ex.truncated
        if ex.doc_id:
            headers["Summitry-Doc-Id"] = ex.doc_id
        with self._lock:
            response = self._writer.create_warc_record(
                ex.url, "response", payload=io.BytesIO(ex.body), length=len(ex.body),
                http_headers=http, warc_headers_dict=headers)
            self._writer.write_record(response)
            target = httpx.URL(ex.url)
            path = target.raw_path.decode("ascii", "replace") or "/"
            req = StatusAndHeaders(f"{ex.method} {path} HTTP/1.1", ex.request_headers,
                                   is_http_request=True)
            request = self._writer.create_warc_record(
                ex.url, "request", http_headers=req, warc_headers_dict={
                    "WARC-Date": warc_date,
                    "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")})
            self._writer.write_record(request)
            self._fh.flush()
            self.records += 1

    def finish(self) -> Path:
        """Close, sync and rename the file into place; its final path."""
        with self._lock:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.replace(self.part, self.path)
        _sync_dir(self.path.parent)
        return self.path


def salvage(folder: Path) -> list[Path]:
    """Turn the ``.part`` files a killed round left in ``folder`` into ``.warc.gz`` files
    holding their complete records (an incomplete last record is dropped)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    out: list[Path] = []
    for part in sorted(folder.glob("*.warc.gz.part")):
        final = part.with_name(part.name.removesuffix(".part"))
        tmp = part.with_name(part.name + ".salvage")
        kept = 0
        with open(part, "rb") as src, open(tmp, "wb") as dst:
            writer = WARCWriter(dst, gzip=True)
            try:
                for record in ArchiveIterator(src):
                    record.content_stream().read()  # the whole record, or an error
                    kept += 1
            except Exception:  # a record cut by the kill: keep those before it
                log.info("%s: a truncated record after %d complete ones", part, kept)
            src.seek(0)
            for n, record in enumerate(ArchiveIterator(src)):
                if n >= kept:
                    break
                writer.write_record(record)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, final)
        part.unlink()
        out.append(final)
        log.warning("salvaged %d records of an interrupted round into %s", kept, final)
    return out


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- a round


def run_round(
    sources: Sequence[str],
    db: str | Path,
    *,
    archive: str | Path | None = None,
    policy: Policy | None = None,
    pipeline: Any = None,
    max_items: int = 100,
    max_attempts: int = 3,
    batch_size: int = 1,
    transport: httpx.BaseTransport | None = None,
) -> RoundSummary:
    """One round of ``summitry watch`` over ``sources`` into ``db`` (see the module
    docstring). ``pipeline``: a :class:`summitry.pipeline.Pipeline` to reuse across rounds."""
    from summitry import runloop
    from summitry.pipeline import Pipeline

    policy = policy or Policy()
    summary = RoundSummary()
    writer = Archive(Path(archive)) if archive is not None else None
    fetcher = Fetcher(policy, archive=writer.write if writer else None, transport=transport)
    now = _now()
    try:
        with Store(db) as store:
            state = {r["url"]: r for r in store.watch_rows("watch_sources")}
            reports, listed = _read_sources(fetcher, sources, state, policy)
            for rep in reports.values():
                if rep.error is not None:
                    store.put_failure(rep.url, "fetch", rep.error)
                    summary.failures.append(ingest.Failure(rep.url, "fetch", rep.error))
                elif rep.status is not None:
                    store.clear_failure(rep.url)
            todo, previous = _new_items(store, listed, reports, max_items)
        outcomes: dict[str, tuple[str, str | None]] = {}
        if todo:
            engine = runloop.LocalEngine()
            engine.batch_size = batch_size  # each page lands as it arrives
            run = runloop.run([], db, pipeline=pipeline or Pipeline(), engine=engine,
                              docs=_pages(fetcher, todo, policy, outcomes, summary))
            summary.documents, summary.events = run.documents, run.events
            summary.failures.extend(run.failures)
    finally:
        fetcher.close()
        if writer is not None:
            summary.archive = writer.finish()
    with Store(db) as store:
        _save_state(store, reports, todo, outcomes, previous, state, now, max_attempts)
    summary.sources = list(reports.values())
    return summary


def _fetch_listing(fetcher: Fetcher, url: str, old: dict[str, Any] | None,
                   rep: SourceReport) -> tuple[FetchResult, Listing | None]:
    headers = {}
    if old and old.get("etag"):
        headers["If-None-Match"] = old["etag"]
    if old and old.get("last_modified"):
        headers["If-Modified-Since"] = old["last_modified"]
    result = fetcher.get(url, headers)
    rep.status = result.status
    listing = None
    if result.error is not None:
        rep.error = result.error
    elif result.exchange is not None and result.status != 304:
        try:
            listing = parse_listing(result.exchange.body, result.final_url)
        except ValueError as exc:
            rep.error = f"not a feed or sitemap: {exc}"
    if old and rep.kind is None:
        rep.kind = old.get("kind")
    if listing is not None and result.exchange is not None:
        rep.kind = listing.kind
        rep.items = len(listing.items) or len(listing.children)
        rep.etag = result.exchange.header("etag")
        rep.last_modified = result.exchange.header("last-modified")
    elif old:
        rep.items = int(old.get("items") or 0)
    return result, listing


def _read_sources(fetcher: Fetcher, sources: Sequence[str], state: dict[str, dict[str, Any]],
                  policy: Policy) -> tuple[dict[str, SourceReport], list[Item]]:
    """Fetch every source (and the sitemaps an index lists); their reports, keyed by URL
    (each with the result for :func:`_save_state`), and the items listed, in order."""
    reports: dict[str, SourceReport] = {u: SourceReport(u) for u in sources}
    results: dict[str, tuple[FetchResult, Listing | None]] = {}
    with ThreadPoolExecutor(max(1, policy.workers)) as pool:
        futures = {u: pool.submit(_fetch_listing, fetcher, u, state.get(u), reports[u])
                   for u in sources}
        for u, fut in futures.items():
            results[u] = fut.result()
        children: list[tuple[str, str]] = []
        for u in sources:
            listing = results[u][1]
            for child in (listing.children[:MAX_CHILDREN] if listing else []):
                if child not in reports:
                    children.append((child, u))
                    reports[child] = SourceReport(child, parent=u)
        # an index that did not change (304) lists what it listed: its known sitemaps
        for url, row in state.items():
            parent = row.get("parent")
            if parent in results and url not in reports and results[parent][0].status == 304:
                children.append((url, parent))
                reports[url] = SourceReport(url, parent=parent)
        child_futures = {c: pool.submit(_fetch_listing, fetcher, c, state.get(c), reports[c])
                         for c, _ in children}
        for c, fut in child_futures.items():
            results[c] = fut.result()
    items: list[Item] = []
    for url in reports:
        listing = results[url][1]
        if listing is not None:
            items.extend(dataclasses.replace(i, source=url) for i in listing.items)
    return reports, items


def _new_items(store: Store, listed: list[Item], reports: dict[str, SourceReport],
               max_items: int) -> tuple[list[Item], dict[str, dict[str, Any]]]:
    """The listed items to fetch this round (not stored, not given up; at most
    ``max_items`` per source, in listing order) and the stored rows of those items."""
    seen: set[str] = set()
    unique = []
    # pages that failed for a passing reason are tried again, listed or not this time
    retry = [Item(r["url"], r["source"]) for r in store.watch_rows("watch_items", status="retry")
             if r["source"] in reports]
    for item in [*listed, *retry]:
        if item.url not in seen:
            seen.add(item.url)
            unique.append(item)
    previous = {r["url"]: r for r in store.watch_rows("watch_items", [i.url for i in unique])}
    todo: list[Item] = []
    per_source: dict[str, int] = {}
    for item in unique:
        row = previous.get(item.url)
        if row is not None and row["status"] in ("stored", "failed"):
            continue
        if store.content_hash(ingest.url_doc_id(item.url)) is not None:
            continue  # stored by a round that was killed before it wrote its state
        if per_source.get(item.source, 0) >= max_items:
            continue
        per_source[item.source] = per_source.get(item.source, 0) + 1
        reports[item.source].new_items += 1
        todo.append(item)
    return todo, previous


def _pages(fetcher: Fetcher, todo: list[Item], policy: Policy,
           outcomes: dict[str, tuple[str, str | None]],
           summary: RoundSummary) -> Iterator[RawDoc | ingest.Failure]:
    """Fetch ``todo`` (``policy.workers`` at once) and yield, in order, a RawDoc per page
    or a Failure; ``outcomes[url]`` says which (stored, failed, retry) and why."""
    window = max(1, policy.workers) * 2
    with ThreadPoolExecutor(max(1, policy.workers)) as pool:
        pending: deque[tuple[Item, Future[FetchResult]]] = deque()
        queue = iter(todo)
        for item in queue:
            pending.append((item, pool.submit(
                fetcher.get, item.url, doc_id=ingest.url_doc_id(item.url))))
            if len(pending) >= window:
                break
        while pending:
            item, fut = pending.popleft()
            nxt = next(queue, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(
                    fetcher.get, nxt.url, doc_id=ingest.url_doc_id(nxt.url))))
            result = fut.result()
            summary.pages_fetched += result.exchange is not None
            yield _page(item, result, outcomes)


def _page(item: Item, result: FetchResult,
          outcomes: dict[str, tuple[str, str | None]]) -> RawDoc | ingest.Failure:
    """One fetched item as a RawDoc (as ``summitry run`` reads it from the WARC record),
    or a Failure with its reason."""
    url = item.url

    def fail(stage: str, error: str, transient: bool = False) -> ingest.Failure:
        outcomes[url] = ("retry" if transient else "failed", error)
        return ingest.Failure(url, stage, error)

    ex = result.exchange
    if result.error is not None or ex is None:
        return fail("fetch", result.error or "no response", result.transient)
    if not 200 <= ex.status < 300:
        return fail("fetch", f"HTTP {ex.status} {ex.reason}".strip())
    ctype = ex.header("content-type") or ""
    if not any(t in ctype.lower() for t in _HTML_TYPES):
        return fail("fetch", f"not an HTML page (Content-Type: {ctype or 'none'})")
    declared = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    try:
        html = ingest.decode(ex.body, declared.group(1) if declared else None, name=url)
    except IngestError as exc:
        why = str(exc).replace(url, "the page", 1)
        return fail("fetch", why if "empty" in why else f"bad encoding: {why}")
    doc_id = ingest.url_doc_id(url)
    try:
        raw = ingest.html_doc(doc_id, html, url, url=result.final_url)
    except IngestError as exc:
        return fail("ingest", str(exc))
    except Exception as exc:  # a reader bug must not stop the round
        return fail("ingest", f"{url}: {type(exc).__name__}: {exc}")
    outcomes[url] = ("stored", None)
    return dataclasses.replace(raw, language=language.detect(raw.text))


def _save_state(store: Store, reports: dict[str, SourceReport], todo: list[Item],
                outcomes: dict[str, tuple[str, str | None]],
                previous: dict[str, dict[str, Any]], state: dict[str, dict[str, Any]],
                now: dt.datetime, max_attempts: int) -> None:
    """After the round's pages landed: each item's outcome, then each source's state."""
    rows = []
    for item in todo:
        if item.url not in outcomes:
            continue  # not reached (the round stopped early): fetched again next round
        status, error = outcomes[item.url]
        doc_id = ingest.url_doc_id(item.url)
        old = previous.get(item.url) or {}
        if status == "stored" and store.content_hash(doc_id) is None:
            status, error = "failed", "extraction failed (see summitry failures)"
        attempts = int(old.get("attempts") or 0) + 1
        if status == "retry" and attempts >= max_attempts:
            status = "failed"
        rep = reports[item.source]
        if status == "stored":
            rep.new_documents += 1
        else:
            rep.errors += 1
        rows.append({"url": item.url, "source": item.source, "doc_id": doc_id,
                     "status": status, "attempts": attempts, "error": error,
                     "first_seen": old.get("first_seen") or now, "last_fetch": now})
    store.put_watch_rows("watch_items", rows)
    srows = []
    for rep in reports.values():
        old = state.get(rep.url) or {}
        fresh = rep.status is not None and 200 <= rep.status < 300 and rep.error is None
        rep.errors += rep.error is not None
        srows.append({
            "url": rep.url, "kind": rep.kind, "parent": rep.parent or old.get("parent"),
            "etag": rep.etag if fresh else old.get("etag"),
            "last_modified": rep.last_modified if fresh else old.get("last_modified"),
            "last_fetch": now, "last_status": rep.status, "last_error": rep.error,
            "items": rep.items, "new_documents": rep.new_documents,
            "documents": int(old.get("documents") or 0) + rep.new_documents,
            "errors": rep.errors, "rounds": int(old.get("rounds") or 0) + 1})
    store.put_watch_rows("watch_sources", srows)


def format_round(summary: RoundSummary) -> list[str]:
    """A round as lines for a terminal: a total, then one line per source."""
    lines = [f"{summary.pages_fetched} pages fetched, {summary.documents} new documents, "
             f"{summary.events} events in all, {len(summary.failures)} failures"
             + (f"; archived in {summary.archive}" if summary.archive else "")]
    for rep in summary.sources:
        state = "not modified" if rep.status == 304 else rep.error or f"HTTP {rep.status}"
        lines.append(f"  {rep.url} [{rep.kind or '?'}] {state}: {rep.items} listed, "
                     f"{rep.new_items} new, {rep.new_documents} documents, {rep.errors} errors")
    return lines


# --------------------------------------------------------------------------- the loop


def watch(
    sources: Sequence[str],
    db: str | Path,
    *,
    every: float = 900.0,
    once: bool = False,
    archive: str | Path | None = None,
    policy: Policy | None = None,
    max_items: int = 100,
    on_round: Callable[[RoundSummary], None] | None = None,
) -> RoundSummary:
    """Run rounds every ``every`` seconds (one when ``once``), one spaCy pipeline for all;
    ``on_round`` gets each round's summary. Returns the last round's summary."""
    from summitry.pipeline import Pipeline

    pipe = Pipeline()
    summary = RoundSummary()
    while True:
        started = time.monotonic()
        try:
            summary = run_round(sources, db, archive=archive, policy=policy, pipeline=pipe,
                                max_items=max_items)
        except SummitryError as exc:
            if once:
                raise
            # e.g. the database is held by a `summitry run`: try again next round
            log.error("round failed: %s; next round in %.0f s", exc, every)
        else:
            if on_round is not None:
                on_round(summary)
            if once:
                return summary
        time.sleep(max(0.0, every - (time.monotonic() - started)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
