"""The summitry web app, assembled: a JSON API and server-rendered pages over one database.

``create_app(db)`` gives a FastAPI application; ``serve(db)`` runs it with uvicorn. The
parts live by concern:

* :mod:`summitry.web.api` — the JSON routes (``/api/...``), with the models of
  :mod:`summitry.web.models` (derived from :mod:`summitry.records`);
* :mod:`summitry.web.pages` — the HTML pages;
* :mod:`summitry.web.security` — headers and Host check (middleware), the error shape,
  safe JSON, the upload's bearer token and body limit;
* :mod:`summitry.web.context` — the database behind a readers/writer gate, templates,
  actors, the upload's pipeline run;
* :mod:`summitry.web.queries` / :mod:`summitry.web.details` / :mod:`summitry.web.views` —
  counts, records and chart geometry.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from summitry import __version__
from summitry.web.api import add_api
from summitry.web.context import HERE, Context
from summitry.web.pages import add_pages
from summitry.web.security import (
    CSP,
    Guard,
    SafeJSONResponse,
    http_error,
    internal_error,
    is_loopback,
    validation_error,
)
from summitry.web.sources import add_sources

__all__ = ["CSP", "create_app", "serve"]

log = logging.getLogger(__name__)


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
    app.add_middleware(Guard, allowed_hosts=frozenset(h.lower() for h in allowed_hosts)
                       if allowed_hosts is not None else None)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, internal_error)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    add_api(app, enable_upload=ctx.token is not None)
    add_pages(app)
    add_sources(app)
    return app


def serve(db: Path | str, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, *, max_body: int = 2_000_000,
          log_level: str = "info") -> None:
    """Serve the app with uvicorn (loopback only unless ``host`` says otherwise)."""
    loopback = is_loopback(host)
    if not loopback:
        log.warning("serving on %s: the dashboard is reachable from other machines", host)
    names = ["127.0.0.1", "localhost", "[::1]", host.lower()] if loopback else None
    app = create_app(db, token=token, max_body=max_body, allowed_hosts=names)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False,
                proxy_headers=False)
