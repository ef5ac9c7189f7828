"""The live-feed panel: ``/sources`` (a page) and ``GET /api/sources`` (JSON), each watched
feed or sitemap with its last fetch, the documents it brought and its errors
(``summitry watch`` keeps them in ``watch_sources``), and the latest fetch failures."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from summitry.web.context import CtxDep

__all__ = ["WatchSource", "add_sources"]

#: fetch failures listed on the page
RECENT_FAILURES = 50


class WatchSource(BaseModel):
    """One watched feed or sitemap, as its last round left it."""

    url: str
    kind: str | None = Field(None, description="rss, atom, feed, sitemap or sitemapindex")
    parent: str | None = Field(None, description="the sitemap index that lists it")
    last_fetch: dt.datetime | None = Field(None, description="UTC")
    last_status: int | None = Field(None, description="HTTP status (304: not modified)")
    last_error: str | None = None
    items: int = Field(0, description="items (or sitemaps) it listed when last read")
    new_documents: int = Field(0, description="documents it brought in its last round")
    documents: int = Field(0, description="documents it brought in all")
    errors: int = Field(0, description="failed fetches in its last round (itself, its pages)")
    rounds: int = 0


def _sources(ctx: Any) -> tuple[list[WatchSource], list[dict[str, Any]]]:
    with ctx.store() as store:
        if store is None:
            return [], []
        rows = store.watch_rows("watch_sources")
        fails = [f for f in store.failures() if f["stage"] == "fetch"]
    sources = [WatchSource.model_validate(
        {k: (v if v is not None or k not in _COUNTS else 0)
         for k, v in r.items() if k not in ("etag", "last_modified")}) for r in rows]
    return sources, fails[-RECENT_FAILURES:][::-1]


_COUNTS = ("items", "new_documents", "documents", "errors", "rounds")


def _link(url: str) -> str | None:
    """Only http(s) URLs become links."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def add_sources(app: FastAPI) -> None:
    @app.get("/api/sources", response_model=list[WatchSource], tags=["watch"],
             summary="Watched feeds and sitemaps")
    def list_sources(ctx: CtxDep) -> list[WatchSource]:
        """Each source of ``summitry watch``: last fetch, status, documents, errors."""
        return _sources(ctx)[0]

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(ctx: CtxDep) -> Response:
        sources, fails = _sources(ctx)
        rows = [{**s.model_dump(), "link": _link(s.url),
                 "last_fetch": s.last_fetch.strftime("%Y-%m-%d %H:%M UTC")
                 if s.last_fetch else ""} for s in sources]
        return ctx.render("sources.html", nav="sources", title="Live feeds", rows=rows,
                          failures=[{**f, "at": f["at"].strftime("%Y-%m-%d %H:%M")
                                     if f["at"] else ""} for f in fails])
