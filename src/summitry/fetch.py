"""Polite HTTP fetching for ``summitry watch``: robots.txt, per-host rate limit and
concurrency cap, conditional GET, retries with backoff, size and time limits, a clear
user agent, and every response handed to an archive callback (the WARC writer).

:class:`Fetcher` is thread-safe: ``watch`` fetches pages from a thread pool, and each
host is limited by its own semaphore (``per_host`` requests at once) and its own clock
(``delay`` seconds between the starts of two requests, or the ``Crawl-delay`` of its
robots.txt when that is longer). robots.txt is read once per host and kept for the life
of the fetcher (one round). A response is never held beyond ``max_bytes``: the body is
streamed and the request dropped at the limit (the archive keeps what came, marked
``WARC-Truncated``).

Failures come back as :attr:`FetchResult.error` with a clear reason (HTTP status,
timeout, robots refusal, over the size or time limit) and whether a later round should
try again (:attr:`FetchResult.transient`: 5xx, 429, timeouts and connection errors).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import os
import threading
import time
import urllib.parse
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from summitry import __version__

log = logging.getLogger(__name__)

#: the user agent without a contact; ``user_agent(contact)`` adds one
USER_AGENT = f"summitry/{__version__}"
#: the environment variable that gives the contact when ``--contact`` does not
CONTACT_ENV = "SUMMITRY_CONTACT"


def user_agent(contact: str | None = None) -> str:
    """``summitry/<version>``, plus ``(+CONTACT)`` when a contact (an e-mail address or a
    URL where site owners can reach whoever runs the watch) is given or set in
    ``SUMMITRY_CONTACT``. The project has no home page to point to, so none is invented."""
    contact = (contact if contact is not None else os.environ.get(CONTACT_ENV, "")).strip()
    # a header value: no line breaks or parentheses that would break the product token
    contact = " ".join(contact.replace("(", " ").replace(")", " ").split())
    return f"{USER_AGENT} (+{contact})" if contact else USER_AGENT
#: statuses worth retrying (with backoff) and trying again in a later round
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: the longest wait a server's Retry-After or robots Crawl-delay can impose
MAX_WAIT_S = 60.0


@dataclass(frozen=True, slots=True)
class Policy:
    """How politely and how patiently to fetch."""

    #: ``summitry/<version> (+contact)``; the contact from ``SUMMITRY_CONTACT`` by default
    user_agent: str = field(default_factory=user_agent)
    #: seconds to connect, and between two reads of the answer
    timeout: float = 30.0
    #: seconds for a whole page (connect, headers, body)
    time_limit: float = 60.0
    #: bytes of body at most; a larger page is a failure
    max_bytes: int = 5 * 2**20
    #: further attempts after a 5xx, 429, timeout or connection error
    retries: int = 2
    #: seconds before the first retry; doubled for each next one
    backoff: float = 1.0
    #: seconds between the starts of two requests to one host
    delay: float = 1.0
    #: requests to one host at once
    per_host: int = 2
    #: requests at once in all (threads)
    workers: int = 8
    max_redirects: int = 5


@dataclass(slots=True)
class Exchange:
    """One HTTP request and its response, as archived."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    at: dt.datetime
    #: why the body is incomplete ("length" or "time"), None when complete
    truncated: str | None = None
    #: the doc id the page will be stored under (archived as Summitry-Doc-Id)
    doc_id: str | None = None

    def header(self, name: str) -> str | None:
        low = name.lower()
        return next((v for k, v in self.headers if k.lower() == low), None)


@dataclass(slots=True)
class FetchResult:
    """What fetching one URL gave: the final exchange, or an error with its reason."""

    url: str
    final_url: str
    exchange: Exchange | None = None
    error: str | None = None
    transient: bool = False
    attempts: int = 0
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def status(self) -> int | None:
        return self.exchange.status if self.exchange is not None else None


class _Host:
    def __init__(self, per_host: int, delay: float) -> None:
        self.slots = threading.Semaphore(per_host)
        self.lock = threading.Lock()
        self.next_start = 0.0
        self.delay = delay
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_error: str | None = None
        self.robots_lock = threading.Lock()


class Fetcher:
    """Polite GETs (see the module docstring); ``archive`` receives every exchange."""

    def __init__(self, policy: Policy | None = None, *,
                 archive: Callable[[Exchange], None] | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy or Policy()
        self._archive = archive
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.policy.timeout), follow_redirects=False,
            transport=transport)
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- hosts, robots -------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        key = _origin(url)
        with self._lock:
            host = self._hosts.get(key)
            if host is None:
                host = self._hosts[key] = _Host(self.policy.per_host, self.policy.delay)
            return host

    def robots_refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching ``url`` (None: allowed)."""
        host = self._host(url)
        with host.robots_lock:
            if host.robots is None and host.robots_error is None:
                self._read_robots(url, host)
        robots_url = _origin(url) + "/robots.txt"
        if host.robots_error is not None:
            return f"robots.txt could not be read ({host.robots_error}); not fetching"
        assert host.robots is not None
        if not host.robots.can_fetch(self.policy.user_agent, url):
            return f"refused by {robots_url} for the user agent {self.policy.user_agent!r}"
        return None

    def _read_robots(self, url: str, host: _Host) -> None:
        robots_url = _origin(url) + "/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        result = self._keep(self._get(robots_url, {}, host))
        for _ in range(self.policy.max_redirects):  # http -> https, a www. host, ...
            ex = result.exchange
            location = ex.header("location") if ex is not None else None
            if ex is None or not 300 <= ex.status < 400 or not location:
                break
            target = urllib.parse.urljoin(result.final_url, location)
            result = self._keep(self._get(target, {}, self._host(target)))
            result.final_url = target
        status = result.status
        if status is not None and 200 <= status < 300 and result.exchange is not None:
            text = result.exchange.body.decode("utf-8", "replace")
            parser.parse(text.splitlines())
            delay = parser.crawl_delay(self.policy.user_agent)
            if delay:
                host.delay = max(host.delay, min(float(delay), MAX_WAIT_S))
        elif status in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])  # the site refuses robots
        elif status is not None and 400 <= status < 500:
            parser.parse([])  # no robots.txt: everything is allowed
        else:  # 5xx, timeout, unreachable: assume nothing (fetch nothing) this round
            host.robots_error = result.error or f"HTTP {status}"
            return
        parser.modified()
        host.robots = parser

    # -- fetching ------------------------------------------------------------------

    def get(self, url: str, headers: Mapping[str, str] | None = None, *,
            doc_id: str | None = None) -> FetchResult:
        """GET ``url`` politely, following redirects (each hop checked against robots.txt).

        ``headers``: extra request headers (``If-None-Match``, ``If-Modified-Since``).
        ``doc_id`` is recorded on the final exchange for the archive.
        """
        current = url
        hops: list[Exchange] = []
        attempts = 0
        for _ in range(self.policy.max_redirects + 1):
            refusal = self.robots_refusal(current)
            if refusal is not None:
                return self._keep(FetchResult(url, current, error=refusal, exchanges=hops,
                                              attempts=attempts))
            result = self._get(current, dict(headers or {}), self._host(current))
            attempts += result.attempts
            hops.extend(result.exchanges)
            ex = result.exchange
            location = ex.header("location") if ex is not None else None
            if ex is not None and 300 <= ex.status < 400 and ex.status != 304 and location:
                current = urllib.parse.urljoin(current, location)
                continue
            if ex is not None and doc_id is not None:
                ex.doc_id = doc_id
            result.url, result.exchanges, result.attempts = url, hops, attempts
            return self._keep(result)
        return self._keep(FetchResult(url, current, error=f"more than "
                                      f"{self.policy.max_redirects} redirects",
                                      exchanges=hops, attempts=attempts))

    def _get(self, url: str, headers: dict[str, str], host: _Host) -> FetchResult:
        """One URL, no redirects, with retries and backoff on transient failures."""
        p = self.policy
        out = FetchResult(url, url)
        for attempt in range(p.retries + 1):
            if attempt:
                time.sleep(_retry_wait(out, p.backoff * 2 ** (attempt - 1)))
            out.attempts = attempt + 1
            out.exchange, out.error, out.transient = None, None, False
            try:
                ex = self._once(url, headers, host)
            except httpx.TimeoutException:
                out.error, out.transient = f"timed out (no answer within {p.timeout:g} s)", True
                continue
            except httpx.TransportError as exc:
                out.error, out.transient = f"connection failed ({exc or type(exc).__name__})", True
                continue
            except httpx.HTTPError as exc:
                out.error = f"HTTP error ({exc or type(exc).__name__})"
                return out
            out.exchange = ex
            out.exchanges.append(ex)
            if ex.truncated == "length":
                out.error = f"larger than the size limit of {p.max_bytes:,} bytes"
                return out
            if ex.truncated == "time":
                out.error = f"took longer than the time limit of {p.time_limit:g} s"
                out.transient = True
                continue
            if ex.status in RETRY_STATUSES:
                out.error, out.transient = f"HTTP {ex.status} {ex.reason}".strip(), True
                continue
            if ex.status >= 400:
                out.error = f"HTTP {ex.status} {ex.reason}".strip()
            return out
        if out.error is not None and out.attempts > 1:
            out.error += f" ({out.attempts} attempts)"
        return out

    def _once(self, url: str, headers: dict[str, str], host: _Host) -> Exchange:
        p = self.policy
        with host.slots:
            with host.lock:  # reserve this host's next start time
                now = time.monotonic()
                start = max(now, host.next_start)
                host.next_start = start + host.delay
            time.sleep(max(0.0, start - now))
            at = dt.datetime.now(dt.UTC)
            deadline = time.monotonic() + p.time_limit
            request = self._client.build_request("GET", url, headers=headers)
            response = self._client.send(request, stream=True)
            try:
                body = bytearray()
                truncated = None
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > p.max_bytes:
                    truncated = "length"
                else:
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > p.max_bytes:
                            truncated = "length"
                            break
                        if time.monotonic() > deadline:
                            truncated = "time"
                            break
            finally:
                response.close()
        # the body is kept decoded, so its transfer headers no longer describe it
        drop = {"content-encoding", "transfer-encoding", "content-length"}
        kept = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in drop]
        kept.append(("Content-Length", str(len(body))))
        return Exchange(url=url, method="GET",
                        request_headers=list(request.headers.multi_items()),
                        status=response.status_code, reason=response.reason_phrase,
                        headers=kept, body=bytes(body), at=at, truncated=truncated)

    def _keep(self, result: FetchResult) -> FetchResult:
        """Hand every exchange of ``result`` to the archive; ``result``."""
        if self._archive is not None:
            for ex in result.exchanges:
                self._archive(ex)
        return result


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_wait(previous: FetchResult, backoff: float) -> float:
    """The backoff, or the server's Retry-After (seconds or a date) when longer."""
    ex = previous.exchange
    value = ex.header("retry-after") if ex is not None else None
    wait = backoff
    if value:
        if value.strip().isdigit():
            wait = max(wait, float(value))
        else:
            try:
                with_date = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                with_date = None
            if with_date is not None and with_date.tzinfo is not None:
                wait = max(wait, (with_date - dt.datetime.now(dt.UTC)).total_seconds())
    return min(wait, MAX_WAIT_S)
