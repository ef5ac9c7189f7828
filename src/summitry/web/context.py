"""What every request of one app shares (:class:`Context`): the database behind a
readers/writer gate, the token, the templates and the actor store.

``Context.store()`` opens the database read-only for one request (a run that holds the
file is read through its published snapshot, see :class:`~summitry.store.Store`). The app
never keeps a write connection: an upload (:meth:`Context.ingest`) runs
:func:`summitry.pipeline.run` on the one document, while requests of this process that
arrive meanwhile read the snapshot (or wait when there is none yet).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from summitry import gazetteer
from summitry import pipeline as pipeline_mod
from summitry.actors import ActorStore
from summitry.errors import StoreError
from summitry.records import CleanDoc, RawDoc
from summitry.store import Store, snapshot_path
from summitry.web import queries
from summitry.web.models import DocumentIn
from summitry.web.security import ApiError

__all__ = ["Context", "CtxDep", "DbGate", "topic_label"]

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- database access


class DbGate:
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


class UploadPipeline(pipeline_mod.Pipeline):
    """The default pipeline, with the publication date the upload gave."""

    def __init__(self, published: dt.date | None) -> None:
        super().__init__()
        self.published = published

    def _read(self, raw: RawDoc, published: dt.date | None) -> tuple[CleanDoc, bool]:
        # every path of the run loop (one page or a batch) reads the page here
        return super()._read(raw, published or self.published)


class Context:
    """What every request of one app shares: the database, the token, the templates."""

    def __init__(self, db: Path, token: str | None, max_body: int) -> None:
        self.db = db
        self.token = token
        self.max_body = max_body
        self.gate = DbGate(db)
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["country_name"] = gazetteer.country_name
        self.env.filters["topic_label"] = topic_label
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
                                               pipeline=UploadPipeline(doc.published))
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


def topic_label(topic: str) -> str:
    return topic.replace("_", " ")
