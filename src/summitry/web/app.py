"""The summitry web app: a JSON API and server-rendered pages over one database.

``create_app(db)`` gives a FastAPI application that opens the database read-only for
every request (a run that holds the file is read through its published snapshot, see
:class:`~summitry.store.Store`). It never keeps a write connection: ``POST
/api/documents`` (only when the app has a token) runs :func:`summitry.pipeline.run` on
the one uploaded document, while requests of this process that arrive meanwhile read
the snapshot (or wait when there is none yet).

Document text is untrusted: templates autoescape everything and evidence is highlighted
by splitting the text into segments in Python (:func:`summitry.web.views.highlight`),
never by marking strings safe. Every response carries a strict Content-Security-Policy;
every error is ``{"error": {"status", "code", "message"}}`` (an HTML page instead for a
browser asking for one of the pages).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import re
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

import uvicorn
from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from summitry import __version__, gazetteer
from summitry import pipeline as pipeline_mod
from summitry.actors import Actor, ActorStore
from summitry.errors import StoreError
from summitry.records import EVENT_TYPES, MODES, TOPICS, CleanDoc, Event, RawDoc
from summitry.store import Store, snapshot_path
from summitry.web import queries, views
from summitry.web.models import (
    ActorDetail,
    ActorPage,
    DocumentIn,
    DocumentOut,
    DocumentResult,
    ErrorBody,
    EventDetail,
    EventPage,
    EventType,
    Mode,
    Origin,
    Stats,
    Topic,
)

__all__ = ["CSP", "create_app", "serve"]

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
)
#: ids of events and redirects: "ev_" + hex, but anything of these characters is looked up
EVENT_ID_RE = re.compile(r"[A-Za-z0-9_.:-]{1,200}")
_DIGITS = re.compile(r"[0-9]{1,18}")
PAGE_SIZE = 50
MAX_OFFSET = 1_000_000_000
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
          415: "unsupported_media_type", 422: "validation_error",
          500: "internal_error", 503: "unavailable"}
ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody, "description": HTTPStatus(s).phrase} for s in (404, 422)}
FIELDS = ("type", "mode", "status", "date", "location", "countries", "participants",
          "organizations", "topics")


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes (still the same JSON):
    untrusted document text, such as a ``<script>`` inside evidence, never appears as
    markup in any response, whatever a client or a sniffing browser does with it."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
                .encode("utf-8"))


class ApiError(StarletteHTTPException):
    """An HTTP error with the ``code`` (and validation ``details``) of the error body."""

    def __init__(self, status: int, code: str, message: str, *,
                 headers: dict[str, str] | None = None,
                 details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(status, message, headers)
        self.code = code
        self.details = details


# --------------------------------------------------------------------------- database access


class _DbGate:
    """Readers and the (rare) in-process writer of one database file.

    DuckDB refuses a read-write open while this process has the file open read-only and
    the other way round, so an upload waits for current readers to finish, and readers
    that arrive while it waits or writes read the published snapshot (or wait when the
    database has none yet).
    """

    def __init__(self, db: Path) -> None:
        self.db = db
        self.snapshot = Path(snapshot_path(str(db)))
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting = 0

    @contextmanager
    def reading(self) -> Iterator[Path | None]:
        counted = False
        with self._cond:
            if (self._writer or self._waiting) and self.snapshot.exists():
                path = self.snapshot
            else:
                while self._writer or self._waiting:
                    self._cond.wait()
                self._readers += 1
                counted = True
                path = self.db
        try:
            yield path if path.exists() else None
        finally:
            if counted:
                with self._cond:
                    self._readers -= 1
                    self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            try:
                while self._writer or self._readers:
                    self._cond.wait()
            finally:
                self._waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class _UploadPipeline(pipeline_mod.Pipeline):
    """The default pipeline, with the publication date the upload gave."""

    def __init__(self, published: dt.date | None) -> None:
        super().__init__()
        self.published = published

    def process(self, raw: RawDoc,
                published: dt.date | None = None) -> tuple[CleanDoc, list[Event]]:
        return super().process(raw, published or self.published)


class Context:
    """What every request of one app shares: the database, the token, the templates."""

    def __init__(self, db: Path, token: str | None, max_body: int) -> None:
        self.db = db
        self.token = token
        self.max_body = max_body
        self.gate = _DbGate(db)
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["country_name"] = gazetteer.country_name
        self.env.filters["topic_label"] = _topic_label
        self._actors: dict[str, ActorStore] = {}
        self._actors_lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[Store | None]:
        """A read-only store for one request; ``None`` when there is no database yet."""
        with self.gate.reading() as path:
            if path is None:
                yield None
                return
            try:
                store = Store(path, read_only=True)
            except StoreError as exc:
                log.warning("cannot open %s: %s", path, exc)
                raise ApiError(503, "database_unavailable",
                               "The database cannot be opened right now; if a run is "
                               "writing it, retry once it has published a snapshot.") from exc
            with store:
                yield store

    def actors(self, store: Store | None) -> ActorStore:
        """Curated plus imported and learned actors (cached per content of the table)."""
        if store is None:
            return ActorStore.default()
        records = store.actor_records()
        key = hashlib.sha256(json.dumps(records).encode()).hexdigest()
        with self._actors_lock:
            cached = self._actors.get(key)
        if cached is None:
            cached = pipeline_mod.actors_for(store)
            with self._actors_lock:
                if len(self._actors) >= 4:
                    self._actors.clear()
                self._actors[key] = cached
        return cached

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status)

    def ingest(self, doc: DocumentIn) -> dict[str, Any]:
        """Run the pipeline on one uploaded document; the ids of its events."""
        with tempfile.TemporaryDirectory(prefix="summitry-upload-") as tmp:
            path = Path(tmp) / f"{doc.id}.txt"
            path.write_bytes(doc.text.encode("utf-8"))
            with self.gate.writing():
                try:
                    summary = pipeline_mod.run([path], self.db,
                                               pipeline=_UploadPipeline(doc.published))
                except StoreError as exc:
                    log.warning("upload %s: %s", doc.id, exc)
                    raise ApiError(503, "database_busy",
                                   "The database is in use by another process; retry "
                                   "later.") from exc
                if summary.failures:
                    raise ApiError(422, "unprocessable_document",
                                   f"The document could not be processed: "
                                   f"{summary.failures[0].error}"[:500])
                with Store(self.db, read_only=True) as store:
                    ids = queries.event_ids_for_doc(store, doc.id)
                    total = store.counts()["events"]
        return {"doc_id": doc.id, "status": "processed" if summary.documents else "unchanged",
                "event_ids": ids, "events_total": total}


def _ctx(request: Request) -> Context:
    ctx: Context = request.app.state.summitry
    return ctx


CtxDep = Annotated[Context, Depends(_ctx)]


def _topic_label(topic: str) -> str:
    return topic.replace("_", " ")


# --------------------------------------------------------------------------- security, errors


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return (not path.startswith("/api/") and path != "/openapi.json"
            and "text/html" in request.headers.get("accept", ""))


def _error_json(status: int, code: str, message: str,
                details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    info: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details is not None:
        info["details"] = details
    return {"error": info}


def _error_response(request: Request, status: int, code: str, message: str, *,
                    headers: Mapping[str, str] | None = None,
                    details: list[dict[str, Any]] | None = None) -> Response:
    if _wants_html(request):
        ctx = getattr(request.app.state, "summitry", None)
        if isinstance(ctx, Context):
            return ctx.render("error.html", status=status, status_code=status, code=code,
                              message=message, details=details or [],
                              title=HTTPStatus(status).phrase, nav="")
    return SafeJSONResponse(_error_json(status, code, message, details), status_code=status,
                            headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    code = getattr(exc, "code", None) or _CODES.get(status, "error")
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
    return _error_response(request, status, code, message, headers=exc.headers,
                           details=getattr(exc, "details", None))


def _clean_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for e in errors:
        if not isinstance(e, dict):
            continue
        out.append({"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
                    "type": str(e.get("type", ""))})
    return out


def _details_message(details: list[dict[str, Any]]) -> str:
    parts = [f"{'.'.join(d['loc'])}: {d['msg']}" for d in details[:5]]
    return ("Invalid request: " + "; ".join(parts))[:1000] if parts else "Invalid request"


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = _clean_details(exc.errors())
    return _error_response(request, 422, "validation_error", _details_message(details),
                           details=details)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return SafeJSONResponse(_error_json(500, "internal_error", "Internal server error"),
                            status_code=500)


class _Guard:
    """Pure ASGI middleware: security headers on every response, an optional Host
    allow-list (DNS-rebinding protection for a server bound to loopback), and the JSON
    500 for anything that escapes the app."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secure(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers[name] = value
            await send(message)

        if self.allowed_hosts is not None and _host(scope) not in self.allowed_hosts:
            bad = SafeJSONResponse(_error_json(400, "bad_host", "Invalid Host header"),
                                   status_code=400)
            await bad(scope, receive, send_secure)
            return
        try:
            await self.app(scope, receive, send_secure)
        except Exception:
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            crash = SafeJSONResponse(
                _error_json(500, "internal_error", "Internal server error"), status_code=500)
            await crash(scope, receive, send_secure)


def _host(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[: host.find("]") + 1] if "]" in host else host
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


# --------------------------------------------------------------------------- app


def create_app(db: Path | str, token: str | None = None, max_body: int = 2_000_000, *,
               allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The web app over the database ``db`` (opened read-only for each request).

    ``token`` enables ``POST /api/documents`` (``Authorization: Bearer <token>``), whose
    body may be at most ``max_body`` bytes. ``allowed_hosts`` restricts the ``Host``
    header (``serve`` sets it to the loopback names when it binds loopback).
    """
    ctx = Context(Path(db), token or None, max_body)
    app = FastAPI(
        title="summitry",
        version=__version__,
        description="Deduplicated, evidence-linked international security-cooperation "
                    "events. Every error is `{\"error\": {\"status\", \"code\", "
                    "\"message\"}}`.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not offline, not CSP
        redoc_url=None,
        default_response_class=SafeJSONResponse,
    )
    app.state.summitry = ctx
    app.add_middleware(_Guard, allowed_hosts=frozenset(h.lower() for h in allowed_hosts)
                       if allowed_hosts is not None else None)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _internal_error)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_api(app, enable_upload=ctx.token is not None)
    _add_pages(app)
    return app


def serve(db: Path | str, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, *, max_body: int = 2_000_000,
          log_level: str = "info") -> None:
    """Serve the app with uvicorn (loopback only unless ``host`` says otherwise)."""
    loopback = _is_loopback(host)
    if not loopback:
        log.warning("serving on %s: the dashboard is reachable from other machines", host)
    names = ["127.0.0.1", "localhost", "[::1]", host.lower()] if loopback else None
    app = create_app(db, token=token, max_body=max_body, allowed_hosts=names)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False,
                proxy_headers=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# --------------------------------------------------------------------------- API


_CODE = r"[A-Za-z]{2,12}"
_CODES_PATTERN = rf"^\s*({_CODE}\s*(,\s*{_CODE}\s*)*)?$"
_PAIR_PATTERN = rf"^\s*{_CODE}\s*,\s*{_CODE}\s*$"


def _event_filter(
    country: Annotated[list[Annotated[str, Field(pattern=_CODES_PATTERN, max_length=400)]]
                       | None, Query(
        description="ISO3 code or IO acronym; repeat it or give a comma list: events "
                    "with any of them.", max_length=queries.MAX_COUNTRIES)] = None,
    pair: Annotated[str | None, Query(
        description="Two different codes, e.g. USA,MEX: events with both.",
        pattern=_PAIR_PATTERN)] = None,
    type: Annotated[EventType | None, Query(description="Event type.")] = None,
    mode: Annotated[Mode | None, Query(description="Mode of the event.")] = None,
    topic: Annotated[Topic | None, Query(description="A topic of the vocabulary.")] = None,
    participant: Annotated[str | None, Query(
        description="Part of a participant's name (accents and case ignored).",
        max_length=queries.MAX_TEXT)] = None,
    since: Annotated[dt.date | None, Query(
        description="Events whose date range reaches this day or later.")] = None,
    until: Annotated[dt.date | None, Query(
        description="Events whose date range starts this day or earlier.")] = None,
    q: Annotated[str | None, Query(
        description="Words that must all occur in the participants, organizations, "
                    "topics, location or evidence text (accents and case ignored).",
        max_length=queries.MAX_TEXT)] = None,
) -> queries.EventFilter:
    try:
        return queries.make_filter(country=country or (), pair=pair, type=type, mode=mode,
                                   topic=topic, participant=participant, since=since,
                                   until=until, q=q)
    except queries.FilterError as exc:
        details = [{"loc": ["query", p], "msg": m, "type": "value_error"}
                   for p, m in exc.problems]
        raise ApiError(422, "validation_error", _details_message(details),
                       details=details) from exc


FilterDep = Annotated[queries.EventFilter, Depends(_event_filter)]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def _doc_meta(store: Store, doc_id: str, groups: dict[str, str]) -> dict[str, Any]:
    doc = store.get_document(doc_id) or {}
    source = store.get_source(doc_id) or {}
    published = doc.get("published")
    return {"title": doc.get("title"), "outlet": doc.get("outlet"),
            "byline": doc.get("byline"), "published_source": doc.get("published_source"),
            "published": published.isoformat() if isinstance(published, dt.date) else None,
            "url": source.get("url"), "duplicate_group": groups.get(doc_id),
            "duplicates": queries.doc_ids_in_group(groups, doc_id),
            "raw_text": doc.get("raw_text") or "", "found": bool(doc),
            "boilerplate": [[int(a), int(b)] for a, b in doc.get("boilerplate") or ()]}


def _source_docs(store: Store, event: Event) -> dict[str, dict[str, Any]]:
    groups = store.dup_groups()
    return {doc_id: _doc_meta(store, doc_id, groups) for doc_id in dict.fromkeys(event.doc_ids)}


def _event_detail(ctx: Context, store: Store, event: Event, requested: str,
                  docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    record = event.as_dict()
    actors = ctx.actors(store)
    for p in record["participants"]:
        actor = queries.participant_actor(actors, p["name"], p.get("country"))
        p["actor_id"] = actor.id if actor else None
    for src in record["sources"]:
        meta = docs[src["doc_id"]]
        src.update({k: meta[k] for k in ("title", "outlet", "published", "url",
                                        "duplicate_group", "duplicates")})
    record["requested_id"] = requested
    return record


def _actor_detail(ctx: Context, store: Store | None, actor: Actor) -> dict[str, Any]:
    out = actor.as_dict()
    actors = ctx.actors(store)
    out["event_ids"] = [eid for eid, _ in queries.actor_event_ids(store, actors, actor)] \
        if store is not None else []
    return out


def _find_actor(actors: ActorStore, actor_id: str) -> Actor:
    actor = actors.get(actor_id)
    if actor is None:
        raise ApiError(404, "not_found", f"No actor {actor_id[:100]!r}.")
    return actor


def _add_api(app: FastAPI, *, enable_upload: bool) -> None:
    @app.get("/api/events", response_model=EventPage, responses=ERRORS, tags=["events"],
             summary="Events matching the filters, newest first")
    def list_events(ctx: CtxDep, flt: FilterDep, limit: Limit = PAGE_SIZE,
                    offset: Offset = 0) -> dict[str, Any]:
        with ctx.store() as store:
            if store is None:
                return {"items": [], "total": 0, "limit": limit, "offset": offset}
            events, total = queries.search_events(store, flt, limit=limit, offset=offset)
        return {"items": [e.as_dict() for e in events], "total": total, "limit": limit,
                "offset": offset}

    @app.get("/api/events/{event_id}", response_model=EventDetail, responses=ERRORS,
             tags=["events"], summary="One event (old ids redirect to the event that "
                                      "absorbed them)")
    def get_event(ctx: CtxDep, event_id: Annotated[str, PathParam(max_length=200)]
                  ) -> dict[str, Any]:
        with ctx.store() as store:
            event = store.get_event(event_id) \
                if store is not None and EVENT_ID_RE.fullmatch(event_id) else None
            if store is None or event is None:
                raise ApiError(404, "not_found", f"No event {event_id[:100]!r}.")
            return _event_detail(ctx, store, event, event_id, _source_docs(store, event))

    @app.get("/api/documents/{doc_id}", response_model=DocumentOut, responses=ERRORS,
             tags=["documents"], summary="One stored document with its original text")
    def get_document(ctx: CtxDep, doc_id: Annotated[str, PathParam(max_length=300)]
                     ) -> dict[str, Any]:
        with ctx.store() as store:
            meta = _doc_meta(store, doc_id, store.dup_groups()) if store is not None else None
            if store is None or meta is None or not meta["found"]:
                raise ApiError(404, "not_found", f"No document {doc_id[:100]!r}.")
            ids = queries.event_ids_for_doc(store, doc_id)
        del meta["found"]
        return {"doc_id": doc_id, **meta, "event_ids": ids}

    @app.get("/api/actors", response_model=ActorPage, responses=ERRORS, tags=["actors"],
             summary="Known actors: curated, imported and learned from the corpus")
    def list_actors(
        ctx: CtxDep,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,12}$",
                                             description="ISO3 code.")] = None,
        q: Annotated[str | None, Query(max_length=queries.MAX_TEXT,
                                       description="Part of a name or alias.")] = None,
        origin: Annotated[Origin | None, Query(description="Where the actor comes from.")
                          ] = None,
        limit: Limit = PAGE_SIZE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        with ctx.store() as store:
            actors = ctx.actors(store)
        found = queries.filter_actors(actors.actors.values(),
                                      country=country.upper() if country else None,
                                      q=q.strip() if q and q.strip() else None, origin=origin)
        return {"items": [a.as_dict() for a in found[offset:offset + limit]],
                "total": len(found), "limit": limit, "offset": offset}

    @app.get("/api/actors/{actor_id:path}", response_model=ActorDetail, responses=ERRORS,
             tags=["actors"], summary="One actor: roles with dates and their events")
    def get_actor(ctx: CtxDep, actor_id: Annotated[str, PathParam(max_length=300)]
                  ) -> dict[str, Any]:
        with ctx.store() as store:
            actor = _find_actor(ctx.actors(store), actor_id)
            return _actor_detail(ctx, store, actor)

    @app.get("/api/stats", response_model=Stats, responses=ERRORS, tags=["events"],
             summary="Counts by month and type, country, country pair and topic")
    def get_stats(ctx: CtxDep, flt: FilterDep) -> dict[str, Any]:
        with ctx.store() as store:
            if store is None:
                return _empty_stats()
            return queries.stats(store, flt)

    upload_errors: dict[int | str, dict[str, Any]] = {
        s: {"model": ErrorBody, "description": HTTPStatus(s).phrase}
        for s in (401, 403, 413, 422, 503)}

    @app.post("/api/documents", response_model=DocumentResult, responses=upload_errors,
              tags=["documents"], include_in_schema=enable_upload,
              summary="Process one document (needs the server's token)",
              dependencies=[Depends(HTTPBearer(auto_error=False))],  # documents the auth
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": DocumentIn.model_json_schema()}}}})
    async def post_document(request: Request, ctx: CtxDep) -> dict[str, Any]:
        if ctx.token is None:
            raise ApiError(404, "not_found", "Not Found")
        auth = request.headers.get("authorization")
        if not auth:
            raise ApiError(401, "unauthorized", "Send Authorization: Bearer <token>.",
                           headers={"WWW-Authenticate": "Bearer"})
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                given.strip().encode("utf-8", "surrogateescape"), ctx.token.encode("utf-8")):
            raise ApiError(403, "forbidden", "Wrong token.")
        too_big = ApiError(413, "payload_too_large",
                           f"The body may be at most {ctx.max_body} bytes.")
        length = request.headers.get("content-length")
        if length is not None:
            if not _DIGITS.fullmatch(length.strip()):
                raise ApiError(400, "bad_request", "Invalid Content-Length.")
            if int(length) > ctx.max_body:
                raise too_big
        body = bytearray()
        async for chunk in request.stream():
            body += chunk[: ctx.max_body + 1 - len(body)]
            if len(body) > ctx.max_body:
                raise too_big
        try:
            doc = DocumentIn.model_validate_json(bytes(body))
        except ValidationError as exc:
            details = _clean_details(exc.errors())
            for d in details:
                d["loc"] = ["body", *d["loc"]]
            raise ApiError(422, "validation_error", _details_message(details),
                           details=details) from exc
        result: dict[str, Any] = await run_in_threadpool(ctx.ingest, doc)
        return result


def _empty_stats() -> dict[str, Any]:
    return {"totals": {"events": 0, "dated": 0, "undated": 0, "documents": 0, "mentions": 0,
                       "sources": 0, "duplicate_groups": 0, "failures": 0},
            "by_type": {}, "by_month": [], "by_country": [], "by_pair": [], "by_topic": []}


# --------------------------------------------------------------------------- pages


def _qs(pairs: Sequence[tuple[str, str]], **changes: str | int | None) -> str:
    """A query string: ``pairs`` with the keys of ``changes`` replaced (None drops)."""
    kept = [(k, v) for k, v in pairs if k not in changes and v != ""]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None and v != ""]
    return ("?" + urlencode(kept)) if kept else "?"


def _event_url(event_id: str) -> str:
    return "/events/" + quote(event_id, safe="")


def _actor_url(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe=":")


def _date_text(date: dict[str, Any]) -> str:
    start, end = date.get("start"), date.get("end")
    if not start and not end:
        return "undated"
    if start == end or not end:
        return str(start)
    return f"{start or '?'} – {end}"


def _event_row(event: Event) -> dict[str, Any]:
    d = event.as_dict()
    who = [p["name"] for p in d["participants"]] or d["organizations"]
    return {"id": d["event_id"], "url": _event_url(d["event_id"]), "type": d["type"],
            "mode": d["mode"] or "", "status": d["status"], "date": _date_text(d["date"]),
            "countries": d["countries"], "who": who, "topics": d["topics"],
            "n_sources": len(d["docs"]), "confidence": d["confidence"],
            "location": (d["location"] or {}).get("name") or ""}


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (never javascript: or data:)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _dashboard_filter(request: Request) -> tuple[queries.EventFilter,
                                                 list[tuple[str, str]], dict[str, str]]:
    params = request.query_params
    form = {k: params.get(k, "") for k in ("pair", "type", "mode", "topic", "participant",
                                            "since", "until", "q")}
    form["country"] = ",".join(v for v in params.getlist("country") if v.strip())
    try:
        flt = queries.make_filter(country=params.getlist("country"), pair=form["pair"],
                                  type=form["type"], mode=form["mode"], topic=form["topic"],
                                  participant=form["participant"], since=form["since"],
                                  until=form["until"], q=form["q"])
        return flt, [], form
    except queries.FilterError as exc:
        return queries.EventFilter(), exc.problems, form


def _offset(request: Request) -> int:
    raw = request.query_params.get("offset", "0")
    return min(int(raw), MAX_OFFSET) if _DIGITS.fullmatch(raw) else 0


def _add_pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request, ctx: CtxDep) -> Response:
        flt, problems, form = _dashboard_filter(request)
        if problems and not _wants_html(request):
            details = [{"loc": ["query", p], "msg": m, "type": "value_error"}
                       for p, m in problems]
            raise ApiError(422, "validation_error", _details_message(details),
                           details=details)
        offset = _offset(request)
        stats, total, all_events = _empty_stats(), 0, 0
        events: list[Event] = []
        present: list[str] = []
        with ctx.store() as store:
            if store is not None:
                all_events = store.counts()["events"]
                overall = queries.stats(store)
                present = [c["country"] for c in overall["by_country"]]
                if not problems:
                    stats = queries.stats(store, flt) if flt.active else overall
                    events, total = queries.search_events(store, flt, limit=PAGE_SIZE,
                                                          offset=offset)
        names = {c["country"]: gazetteer.country_name(c["country"])
                 for c in stats["by_country"]}
        top_topic = max((t["events"] for t in stats["by_topic"]), default=1)
        pairs = list(request.query_params.multi_items())
        return ctx.render(
            "dashboard.html", status=422 if problems else 200, nav="dashboard",
            title="Dashboard", form=form, problems=problems, filtered=flt.active,
            stats=stats, all_events=all_events, total=total,
            timeline=views.timeline_chart(stats["by_month"]),
            network=views.network_chart(stats["by_country"], stats["by_pair"], names),
            pairs=[{**p, "name_a": names.get(p["a"], p["a"]),
                    "name_b": names.get(p["b"], p["b"]),
                    "url": _qs([], pair=f"{p['a']},{p['b']}")} for p in stats["by_pair"]],
            topics=[{**t, "pct": round(100 * t["events"] / top_topic, 1),
                     "url": _qs([], topic=t["topic"])} for t in stats["by_topic"][:12]],
            events=[_event_row(e) for e in events], offset=offset, page_size=PAGE_SIZE,
            prev_url=_qs(pairs, offset=max(0, offset - PAGE_SIZE) or None)
            if offset > 0 else None,
            next_url=_qs(pairs, offset=offset + PAGE_SIZE)
            if offset + PAGE_SIZE < total else None,
            types=EVENT_TYPES, modes=MODES, topic_options=TOPICS,
            countries=present)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str, ctx: CtxDep) -> Response:
        with ctx.store() as store:
            live = store.resolve_id(event_id) \
                if store is not None and EVENT_ID_RE.fullmatch(event_id) else None
            event = store.get_event(live) if store is not None and live else None
            if store is None or live is None or event is None:
                raise ApiError(404, "not_found", f"No event {event_id[:100]!r}.")
            if live != event_id:
                return RedirectResponse(_event_url(live), status_code=301)
            docs = _source_docs(store, event)
            detail = _event_detail(ctx, store, event, event_id, docs)
        return ctx.render("event.html", nav="", title=f"{event.type} {event_id}",
                          **_event_context(event, detail, docs))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, ctx: CtxDep) -> Response:
        q = request.query_params.get("q", "").strip()[: queries.MAX_TEXT]
        country = request.query_params.get("country", "").strip().upper()
        origin = request.query_params.get("origin", "").strip()
        offset = _offset(request)
        with ctx.store() as store:
            actors = ctx.actors(store)
        found = queries.filter_actors(
            actors.actors.values(), q=q or None,
            country=country if queries.COUNTRY_RE.fullmatch(country) else None,
            origin=origin if origin in ("curated", "wikidata", "learned") else None)
        pairs = list(request.query_params.multi_items())
        rows = [{"id": a.id, "url": _actor_url(a.id), "name": a.name, "country": a.country,
                 "origin": a.origin,
                 "roles": "; ".join(f"{r.role} ({views.role_dates(r.start, r.end)})"
                                    for r in a.roles)}
                for a in found[offset:offset + PAGE_SIZE]]
        return ctx.render(
            "actors.html", nav="actors", title="Actors", rows=rows, total=len(found),
            form={"q": q, "country": country, "origin": origin}, offset=offset,
            prev_url=_qs(pairs, offset=max(0, offset - PAGE_SIZE) or None)
            if offset > 0 else None,
            next_url=_qs(pairs, offset=offset + PAGE_SIZE)
            if offset + PAGE_SIZE < len(found) else None)

    @app.get("/actors/{actor_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(actor_id: str, ctx: CtxDep) -> Response:
        with ctx.store() as store:
            actors = ctx.actors(store)
            actor = _find_actor(actors, actor_id)
            found = queries.actor_event_ids(store, actors, actor) if store is not None else []
            events = [e for e in (store.get_event(eid) for eid, _ in found[:500])
                      if e is not None] if store is not None else []
        roles = sorted(actor.roles, key=lambda r: (r.start or dt.date.min, r.role))
        timeline = views.actor_timeline(
            [(r.role + (f", {r.organization}" if r.organization else ""), r.start, r.end)
             for r in roles],
            [(e.event_id, e.date.start) for e in events])
        return ctx.render(
            "actor.html", nav="actors", title=actor.name, actor=actor.as_dict(),
            roles=[{"role": r.role, "organization": r.organization, "country": r.country,
                    "dates": views.role_dates(r.start, r.end), "source": r.source}
                   for r in roles],
            timeline=timeline, events=[_event_row(e) for e in events])


def _event_context(event: Event, detail: dict[str, Any],
                   docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The event page: fields with reasons and evidence links, sources highlighted."""
    reasons = dict(event.reasons)
    anchors: dict[str, list[dict[str, str]]] = {}
    sources: list[dict[str, Any]] = []
    for i, (src, sdetail) in enumerate(zip(event.sources, detail["sources"], strict=True)):
        meta = docs.get(src.doc_id) or {}
        raw: str = meta.get("raw_text") or ""
        spans: list[views.Span] = []
        evidence: list[dict[str, Any]] = []
        spans += [views.Span(a, b, "span", "", "boilerplate", "",
                             "boilerplate: not part of the article")
                  for a, b in meta.get("boilerplate") or ()]
        for j, ev in enumerate(src.evidence):
            ident = f"s{i}-e{j}"
            ok = 0 <= ev.start < ev.end <= len(raw) and raw[ev.start:ev.end] == ev.text
            evidence.append({"field": ev.field, "text": ev.text, "start": ev.start,
                             "end": ev.end, "anchor": ident if ok else None})
            if ok:
                spans.append(views.Span(ev.start, ev.end, "mark", ev.field, "", ident,
                                        f"{ev.field} ({ev.start}–{ev.end})"))
                anchors.setdefault(ev.field, []).append(
                    {"anchor": ident, "text": ev.text.strip()[:80], "doc": src.doc_id})
        in_event = set(event.doc_ids)
        sources.append({
            "index": i, "doc_id": src.doc_id, "title": meta.get("title"),
            "outlet": meta.get("outlet"), "byline": meta.get("byline"),
            "published": meta.get("published"), "published_source": meta.get("published_source"),
            "url": _safe_url(meta.get("url")), "url_text": meta.get("url"),
            "group": sdetail.get("duplicate_group"),
            "duplicates": [{"doc_id": d, "anchor": f"src-{event.doc_ids.index(d)}"
                            if d in in_event else None} for d in sdetail["duplicates"]],
            "found": bool(meta.get("found")), "length": len(raw),
            "segments": views.highlight(raw, spans), "evidence": evidence,
            "missing": sum(1 for e in evidence if e["anchor"] is None)})
    d = detail
    loc = d["location"]
    values: dict[str, str] = {
        "type": d["type"], "mode": d["mode"] or "—", "status": d["status"],
        "date": f"{_date_text(d['date'])} (precision: {d['date']['precision']})",
        "location": (f"{loc['name']}" + (f", {gazetteer.country_name(loc['country'])}"
                                          if loc.get("country") else "")
                     + (f" ({loc['lat']:.3f}, {loc['lon']:.3f})"
                        if loc.get("lat") is not None and loc.get("lon") is not None else ""))
        if loc else "—",
        "countries": ", ".join(f"{gazetteer.country_name(c)} ({c})" for c in d["countries"])
        or "—",
        "participants": "; ".join(p["name"] for p in d["participants"]) or "—",
        "organizations": "; ".join(d["organizations"]) or "—",
        "topics": ", ".join(_topic_label(t) for t in d["topics"]) or "—",
    }
    fields = [{"name": f, "value": values[f], "reason": reasons.get(f),
               "evidence": anchors.get(f, [])} for f in FIELDS]
    extra = [{"name": k, "reason": v} for k, v in event.reasons if k not in FIELDS]
    participants = [{**p, "url": _actor_url(p["actor_id"]) if p["actor_id"] else None}
                    for p in d["participants"]]
    groups = [s for s in sources if s["duplicates"]]
    present = sorted({e["field"] for s in sources for e in s["evidence"] if e["anchor"]},
                     key=lambda f: (FIELDS.index(f) if f in FIELDS else len(FIELDS), f))
    return {"event": d, "fields": fields, "extra_reasons": extra,
            "participants": participants, "sources": sources, "dup_sources": groups,
            "legend": present, "date_text": values["date"]}
