"""The JSON API routes (``/api/...``); their models are :mod:`summitry.web.models`."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from fastapi.security import HTTPBearer
from pydantic import Field, ValidationError
from starlette.concurrency import run_in_threadpool

from summitry import export, formats
from summitry.records import ActorOrigin, EventType, Mode, Topic
from summitry.web import queries
from summitry.web.context import Context, CtxDep
from summitry.web.details import (
    EVENT_ID_RE,
    MAX_OFFSET,
    PAGE_SIZE,
    actor_detail,
    doc_meta,
    empty_stats,
    event_detail,
    find_actor,
    source_docs,
)
from summitry.web.models import (
    ActorDetail,
    ActorPage,
    DocumentIn,
    DocumentOut,
    DocumentResult,
    ErrorBody,
    EventDetail,
    EventPage,
    Stats,
)
from summitry.web.security import ApiError, bearer_body, clean_details, details_message

__all__ = ["add_api"]

ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody, "description": HTTPStatus(s).phrase} for s in (404, 422)}


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
        raise ApiError(422, "validation_error", details_message(details),
                       details=details) from exc


FilterDep = Annotated[queries.EventFilter, Depends(_event_filter)]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]


FormatQuery = Annotated[str | None, Query(
    description="Download every matching event (limit and offset do not apply) as a file "
                "in this format: the export formats of `summitry export` "
                "(docs/formats.md).",
    pattern="^(" + "|".join(export.FORMATS) + ")$",
    json_schema_extra={"enum": list(export.FORMATS)})]
DOWNLOADS: dict[str, Any] = {
    "description": "The page of events; with `format`, the file of every matching event.",
    "content": {media: {} for media in dict.fromkeys(export.MEDIA_TYPES.values())}}


def _download(ctx: Context, flt: queries.EventFilter, fmt: str) -> Response:
    """Every event matching ``flt`` as an attachment in export format ``fmt``."""
    with ctx.store() as store:
        events = store.search_events(flt, order="id")[0] if store is not None else []
        refs = formats.refs_from(store.document_refs(formats.doc_ids(events))) \
            if store is not None and fmt in formats.STANDARD_FORMATS else None
    body = export.export_bytes(events, fmt, refs)
    media = export.MEDIA_TYPES[fmt]
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return Response(body, media_type=media, headers={
        "content-disposition": f'attachment; filename="events{export.SUFFIXES[fmt]}"'})


def add_api(app: FastAPI, *, enable_upload: bool) -> None:
    @app.get("/api/events", response_model=EventPage, responses={**ERRORS, 200: DOWNLOADS},
             tags=["events"], summary="Events matching the filters, newest first (with "
                                      "format=..., every one of them as a file)")
    def list_events(ctx: CtxDep, flt: FilterDep, limit: Limit = PAGE_SIZE,
                    offset: Offset = 0, format: FormatQuery = None) -> Any:
        if format is not None:
            return _download(ctx, flt, format)
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
            return event_detail(ctx, store, event, event_id, source_docs(store, event))

    @app.get("/api/documents/{doc_id}", response_model=DocumentOut, responses=ERRORS,
             tags=["documents"], summary="One stored document with its original text")
    def get_document(ctx: CtxDep, doc_id: Annotated[str, PathParam(max_length=300)]
                     ) -> dict[str, Any]:
        with ctx.store() as store:
            meta = doc_meta(store, doc_id, store.dup_groups()) if store is not None else None
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
        origin: Annotated[ActorOrigin | None, Query(description="Where the actor comes from.")
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
            actor = find_actor(ctx.actors(store), actor_id)
            return actor_detail(ctx, store, actor)

    @app.get("/api/stats", response_model=Stats, responses=ERRORS, tags=["events"],
             summary="Counts by month and type, country, country pair and topic")
    def get_stats(ctx: CtxDep, flt: FilterDep) -> dict[str, Any]:
        with ctx.store() as store:
            if store is None:
                return empty_stats()
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
        body = await bearer_body(request, ctx.token, ctx.max_body)
        try:
            doc = DocumentIn.model_validate_json(body)
        except ValidationError as exc:
            details = clean_details(exc.errors())
            for d in details:
                d["loc"] = ["body", *d["loc"]]
            raise ApiError(422, "validation_error", details_message(details),
                           details=details) from exc
        result: dict[str, Any] = await run_in_threadpool(ctx.ingest, doc)
        return result


