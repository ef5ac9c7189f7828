"""The records the API returns and the pages show: an event with its sources' metadata
and participants' actors, a document, an actor with its events."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from summitry.actors import Actor, ActorStore
from summitry.records import Event
from summitry.store import Store
from summitry.web import queries
from summitry.web.context import Context
from summitry.web.security import ApiError

__all__ = ["EVENT_ID_RE", "MAX_OFFSET", "PAGE_SIZE", "actor_detail", "doc_meta",
           "empty_stats", "event_detail", "find_actor", "source_docs"]

#: ids of events and redirects: "ev_" + hex, but anything of these characters is looked up
EVENT_ID_RE = re.compile(r"[A-Za-z0-9_.:-]{1,200}")
PAGE_SIZE = 50
MAX_OFFSET = 1_000_000_000


def doc_meta(store: Store, doc_id: str, groups: dict[str, str]) -> dict[str, Any]:
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


def source_docs(store: Store, event: Event) -> dict[str, dict[str, Any]]:
    groups = store.dup_groups()
    return {doc_id: doc_meta(store, doc_id, groups) for doc_id in dict.fromkeys(event.doc_ids)}


def event_detail(ctx: Context, store: Store, event: Event, requested: str,
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


def actor_detail(ctx: Context, store: Store | None, actor: Actor) -> dict[str, Any]:
    out = actor.as_dict()
    actors = ctx.actors(store)
    out["event_ids"] = [eid for eid, _ in queries.actor_event_ids(store, actors, actor)] \
        if store is not None else []
    return out


def find_actor(actors: ActorStore, actor_id: str) -> Actor:
    actor = actors.get(actor_id)
    if actor is None:
        raise ApiError(404, "not_found", f"No actor {actor_id[:100]!r}.")
    return actor



def empty_stats() -> dict[str, Any]:
    return {"totals": {"events": 0, "dated": 0, "undated": 0, "documents": 0, "mentions": 0,
                       "sources": 0, "duplicate_groups": 0, "failures": 0},
            "by_type": {}, "by_month": [], "by_country": [], "by_pair": [], "by_topic": []}


