"""The one run loop: plan -> extract -> store -> fuse, for every engine.

:func:`run` streams the inputs (:func:`summitry.ingest.read`, record by record), and for
each item decides once what to do: an unreadable input or record becomes a failure row;
a document whose stored text is unchanged is skipped (so a rerun changes nothing); the
rest are gathered into batches of :attr:`Engine.batch_size` documents and handed to the
engine, whose results come back in input order and are written one document per
transaction (:func:`summitry.pipeline.store_result`: the document row marks it done, so
an interrupted run followed by the same run gives the database one clean run gives).
At the end the near-duplicate groups are recomputed and every stored mention is fused
by the engine. Documents flow as iterators; no step holds the corpus.

Engines differ only in how they map documents to results and how they fuse:
:class:`LocalEngine` (this process, or ``workers`` processes) and
:class:`summitry.spark_engine.SparkEngine` (a Spark cluster). Both take the same
:class:`~summitry.pipeline.Pipeline`, so the options (``--no-gate``, ``--model``) are the
same everywhere.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from summitry import dedup, ingest
from summitry.errors import ExtractError
from summitry.records import CleanDoc, Event, RawDoc
from summitry.store import SNAPSHOT_EVERY_S, Store

if TYPE_CHECKING:
    from summitry.actors import ActorStore
    from summitry.pipeline import Pipeline, RunSummary

log = logging.getLogger(__name__)

#: what an engine gives for one document: its cleaned text and events, or the error
Result = tuple[CleanDoc, list[Event]] | ExtractError


class Engine(Protocol):
    """How documents are mapped to results, and mentions fused into events."""

    #: documents handed to :meth:`extract` at once (bounds the memory of a run)
    batch_size: int

    def start(self, pipe: Pipeline) -> None:
        """Get ready to run ``pipe`` (its ``actors`` are the run's)."""

    def extract(self, raws: Sequence[RawDoc]) -> Iterator[tuple[RawDoc, Result]]:
        """One result per document of ``raws``, in their order."""
        ...

    def fuse(self, mentions: Sequence[Event], existing: Iterable[str],
             groups: Mapping[str, str], published: Mapping[str, dt.date]
             ) -> tuple[list[Event], dict[str, str]]:
        """:func:`summitry.fuse.fuse` of every stored mention."""
        ...

    def close(self, failed: bool) -> None:
        """Release what :meth:`start` took (``failed``: the run is ending on an error)."""


def run(
    paths: Iterable[str | Path],
    db: str | Path,
    *,
    pipeline: Pipeline | None = None,
    engine: Engine | None = None,
    load: bool = True,
    on_doc: Callable[[str], None] | None = None,
    stats: ingest.ReadStats | None = None,
    docs: Iterable[RawDoc | ingest.Failure] | None = None,
) -> RunSummary:
    """Ingest ``paths`` into the database ``db`` with ``engine`` and re-fuse its events.

    ``load=False`` is a dry run: ``db`` is only read, everything is written to an
    in-memory copy, and the summary tells what a load would give. ``on_doc`` is called
    with each input's name as it is done; ``stats`` follows the bytes and records read.
    ``docs``: documents (and failures) read already, e.g. fetched by ``summitry watch``,
    taken instead of reading ``paths``.
    """
    from summitry.pipeline import Pipeline, RunSummary, actors_for, content_hash

    pipe = pipeline or Pipeline()
    engine = engine or LocalEngine()
    summary = RunSummary()
    store = Store(db) if load else Store.scratch_copy(db)
    failed = True
    try:
        pipe.actors = actors_for(store, pipe.base_actors)
        engine.start(pipe)
        batch: list[RawDoc] = []
        published = -SNAPSHOT_EVERY_S  # publish after the first batch, then every 30 s
        every = SNAPSHOT_EVERY_S  # ... or less often when copying the file takes long
        for item in ingest.read(paths, stats) if docs is None else docs:
            if isinstance(item, ingest.Failure):
                store.put_failure(item.input, item.stage, item.error)
                summary.failures.append(item)
                _tick(on_doc, item.input)
            elif store.content_hash(item.doc_id) == content_hash(item.text):
                summary.skipped += 1
                _tick(on_doc, item.doc_id)
            else:
                batch.append(item)
                if len(batch) >= engine.batch_size:
                    _store_batch(store, pipe, engine.extract(batch), summary, on_doc)
                    batch = []
                    if time.monotonic() - published > every:
                        t_copy = time.monotonic()
                        store.publish_snapshot()
                        published = time.monotonic()
                        # a big database: copying it must not take over the run
                        every = max(SNAPSHOT_EVERY_S, 10 * (published - t_copy))
        _store_batch(store, pipe, engine.extract(batch), summary, on_doc)
        store.publish_snapshot()  # readers see the new documents while fusion runs
        t0 = time.perf_counter()
        groups = dedup.groups(store.signatures())
        store.replace_dup_groups(groups)
        mentions = [e for _, e in store.all_mentions()]
        events, redirects = engine.fuse(mentions, store.event_ids(), groups,
                                        store.published_dates())
        store.replace_events(events, redirects)
        store.publish_snapshot()
        summary.events = len(events)
        log.info("%d mentions fused into %d events in %.2f s", len(mentions), len(events),
                 time.perf_counter() - t0)
        failed = False
    finally:
        engine.close(failed)
        store.close()
    return summary


def _store_batch(store: Store, pipe: Pipeline, results: Iterable[tuple[RawDoc, Result]],
                 summary: RunSummary, on_doc: Callable[[str], None] | None) -> None:
    from summitry.pipeline import store_result

    for raw, result in results:
        if isinstance(result, ExtractError):
            log.warning("extract failed: %s", result)
            failure = ingest.Failure(raw.path or raw.doc_id, "extract", str(result))
            store.put_failure(failure.input, failure.stage, failure.error)
            summary.failures.append(failure)
        else:
            doc, events = result
            store_result(store, pipe.actors, raw, doc, events)
            summary.documents += 1
            summary.mentions += len(events)
        _tick(on_doc, raw.doc_id)


def _tick(on_doc: Callable[[str], None] | None, name: str) -> None:
    if on_doc is not None:
        on_doc(name)


# --------------------------------------------------------------------------- local engine


class LocalEngine:
    """Extraction in this process (``workers <= 1``) or in a pool of ``workers``
    processes (one spaCy pipeline each; this process stays the only writer)."""

    #: documents read ahead and handed over at once
    batch_size = 64

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._pipe: Pipeline | None = None
        self._pool: Any = None

    def start(self, pipe: Pipeline) -> None:
        self._pipe = pipe

    def extract(self, raws: Sequence[RawDoc]) -> Iterator[tuple[RawDoc, Result]]:
        pipe = self._pipe
        assert pipe is not None, "start() first"
        if not raws:
            return
        if self.workers <= 1:
            yield from zip(raws, pipe.process_batch(raws), strict=True)
            return
        if self._pool is None:
            # spawn: never fork a process that holds an open DuckDB connection
            ctx = mp.get_context("spawn")
            self._pool = ctx.Pool(self.workers, initializer=_worker_init,
                                  initargs=(pipe.model, pipe.actors, pipe.use_gate))
        yield from zip(raws, self._pool.imap(_worker_process, raws, chunksize=1), strict=True)

    def fuse(self, mentions: Sequence[Event], existing: Iterable[str],
             groups: Mapping[str, str], published: Mapping[str, dt.date]
             ) -> tuple[list[Event], dict[str, str]]:
        from summitry.fuse import fuse

        return fuse(mentions, existing, groups, published)

    def close(self, failed: bool) -> None:
        if self._pool is not None:
            self._pool.terminate() if failed else self._pool.close()
            self._pool.join()
            self._pool = None


def safe_process(pipe: Pipeline, raw: RawDoc) -> Result:
    """``pipe.process(raw)``, its ExtractError returned instead of raised."""
    try:
        return pipe.process(raw)
    except ExtractError as exc:
        return exc


_WORKER: list[Pipeline] = []


def _worker_init(model: str | None, actors: ActorStore, use_gate: bool) -> None:
    from summitry.pipeline import Pipeline

    _WORKER[:] = [Pipeline(model, actors, use_gate=use_gate)]
    _WORKER[0].actors = actors


def _worker_process(raw: RawDoc) -> Result:
    return safe_process(_WORKER[0], raw)
