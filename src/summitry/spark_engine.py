"""The Spark engine: the local engine's pure stage functions, run on a Spark cluster.

:func:`run_spark` gives the database :func:`summitry.pipeline.run` gives for the same
inputs (same documents, mentions, near-duplicate groups, events, redirects and
failures); only where the per-document work and the fusion run differs:

1. The driver reads the inputs (:func:`summitry.ingest.read`); unreadable ones are
   failures, and a document whose stored text is unchanged is skipped (the local
   engine's rule), so a rerun changes nothing.
2. The documents to process are spread over partitions; each partition makes ONE
   :class:`~summitry.pipeline.Pipeline` (spaCy loads there, once per Python worker)
   and calls :meth:`~summitry.pipeline.Pipeline.process` on each document. An
   :class:`~summitry.errors.ExtractError` becomes a failure record, never a failed job.
3. The per-document results are written as Parquet (``parquet_dir/documents``: one row
   per document with its JSON records), the path for runs too large to hold anywhere
   but on disk.
4. The driver writes the results in input order (one writer, the local engine's
   :func:`~summitry.pipeline.store_result`), groups the near-duplicates of all stored
   signatures (:func:`summitry.dedup.groups`), and fuses every stored mention with a
   shuffle on fusion's blocking key (:func:`summitry.fuse.block_key`): each block is fused by
   :func:`summitry.fuse.fuse` on an executor. Fusion only ever merges inside a block and
   each block keeps the global order of its mentions, so this equals one global fuse().

Workers need this package (and spaCy's model) installed; locally (``master="local[N]"``)
they run this interpreter. Spark needs Java 17 and the ``spark`` extra
(``pip install 'summitry[spark]'``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from summitry import dedup, ingest
from summitry.errors import ConfigError, ExtractError
from summitry.fuse import block_key
from summitry.records import CleanDoc, DateHint, Event, RawDoc, Span

if TYPE_CHECKING:
    from pyspark import Broadcast, SparkContext
    from pyspark.sql import SparkSession

    from summitry.actors import ActorStore
    from summitry.pipeline import RunSummary
    from summitry.store import Store

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'summitry[spark]'"
#: environment variables a worker takes over from the driver (model choice, embeddings)
_ENV_PREFIX = "SUMMITRY_"
#: documents per partition above which a run uses more partitions than cores
_DOCS_PER_PARTITION = 200


class DocResult(NamedTuple):
    """What a partition returns for one document (plain, picklable values)."""

    idx: int                  # position among the documents this run processes
    doc_id: str
    doc: CleanDoc | None      # None when extraction failed
    mentions: list[str]       # event_to_json() of each single-document event
    signature: list[int]      # dedup.signature(doc.text); [] on failure
    error: str | None         # the ExtractError message on failure


# --------------------------------------------------------------------------- session


def _require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            f"the Spark engine needs pyspark (and Java 17): {INSTALL_HINT}") from exc


def session(master: str | None = "local[2]") -> SparkSession:
    """The SparkSession summitry uses (``master=None``: the one spark-submit configured,
    else Spark's default)."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    local = master is None or master.startswith("local")
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if master is not None and master.startswith("local"):
        # local workers must run this interpreter (spaCy and summitry live here)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder
    if master is not None:
        builder = builder.master(master)
    builder = (builder.appName("summitry")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.memory", "2g"))
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: no Java, wrong JAVA_HOME, ...
        raise ConfigError(
            f"cannot start Spark ({type(exc).__name__}: {exc}); the Spark engine needs "
            f"Java 17 on PATH or in JAVA_HOME and {INSTALL_HINT}") from exc
    spark.sparkContext.setLogLevel("WARN")
    return spark


# --------------------------------------------------------------------------- run


def run_spark(
    paths: Iterable[str | Path],
    db: str | Path,
    *,
    master: str | None = "local[2]",
    parquet_dir: str | Path | None = None,
    model: str | None = None,
    load: bool = True,
    spark: SparkSession | None = None,
    partitions: int | None = None,
    use_gate: bool = True,
) -> RunSummary:
    """Ingest ``paths`` into ``db`` on Spark; the database equals :func:`pipeline.run`'s.

    ``master``: the Spark master (``None``: the active session, or the master
    spark-submit set). ``spark``: an existing session to use (``master`` is then
    ignored); a session this function started is stopped at the end. ``parquet_dir``:
    where the per-document results are written (default: a temporary folder next to
    ``db``, removed afterwards). ``load=False`` writes nothing to ``db`` (it is only
    read) and reports what a load would give. ``partitions``: how many partitions the
    documents are spread over (default: the cores, more for large runs). ``use_gate``:
    as :class:`~summitry.pipeline.Pipeline`'s (pages that fail the relevance gate get no
    parse and no events).
    """
    from summitry import pipeline
    from summitry.actors import ActorStore
    from summitry.store import Store

    _require_pyspark()
    summary = pipeline.RunSummary()
    items = list(ingest.read(paths))

    if load:
        store = Store(db)
    elif str(db) != ":memory:" and Path(db).exists():
        store = Store(db, read_only=True)
    else:
        store = Store(":memory:")  # nothing stored yet: an empty stand-in

    own_parquet = parquet_dir is None
    out = Path(parquet_dir) if parquet_dir is not None else _temp_dir(db)
    spark_owned = False
    try:
        # the actors of this run, as pipeline.run makes them: curated plus the database's
        run_actors = pipeline.actors_for(store, ActorStore.default())

        # the plan, in input order: a failure, a skipped document, or a document to process
        # (pipeline.run's rule: skipped when the stored text is unchanged before the run)
        plan: list[ingest.Failure | RawDoc | None] = []
        todo: list[RawDoc] = []
        for item in items:
            if isinstance(item, ingest.Failure):
                plan.append(item)
            elif store.content_hash(item.doc_id) == pipeline.content_hash(item.text):
                plan.append(None)
            else:
                plan.append(item)
                todo.append(item)

        if spark is None:
            from pyspark.sql import SparkSession

            # getOrCreate() returns an active session as it is: that one is not ours to stop
            spark_owned = SparkSession.getActiveSession() is None
            spark = session(master)
        sc = spark.sparkContext
        env = {k: v for k, v in os.environ.items() if k.startswith(_ENV_PREFIX)}

        t0 = time.perf_counter()
        with _processed(spark, todo, model=model, actors=run_actors, use_gate=use_gate,
                        env=env, out=out, partitions=partitions) as results:
            new_mentions: dict[str, list[Event]] = {}
            new_sigs: dict[str, list[int]] = {}
            done = 0  # results arrive in the order of todo
            for entry in plan:
                if entry is None:
                    summary.skipped += 1
                    continue
                if isinstance(entry, ingest.Failure):
                    if load:
                        store.put_failure(entry.input, entry.stage, entry.error)
                    summary.failures.append(entry)
                    continue
                res = next(results)
                if (res.idx, res.doc_id) != (done, entry.doc_id):  # pragma: no cover
                    raise RuntimeError(f"Spark returned {res.doc_id} (#{res.idx}) where "
                                       f"{entry.doc_id} (#{done}) was due")
                done += 1
                if res.doc is None:
                    log.warning("extract failed: %s", res.error)
                    failure = ingest.Failure(entry.path or entry.doc_id, "extract",
                                             res.error or "")
                    if load:
                        store.put_failure(failure.input, failure.stage, failure.error)
                    summary.failures.append(failure)
                    continue
                events = [_event(m) for m in res.mentions]
                if load:
                    pipeline.store_result(store, run_actors, entry, res.doc, events)
                else:
                    new_mentions[entry.doc_id] = events
                    new_sigs[entry.doc_id] = res.signature
                summary.documents += 1
                summary.mentions += len(events)

        t1 = time.perf_counter()
        if load:
            store.publish_snapshot()  # readers see the new documents while fusion runs
            mentions = [e for _, e in store.all_mentions()]
            signatures = store.signatures()
        else:
            mentions, signatures = _with_new(store, new_mentions, new_sigs)
        groups = dedup.groups(signatures)
        fused, redirects = fuse_spark(sc, mentions, store.event_ids(), groups, env=env,
                                      published=store.published_dates())
        if load:
            store.replace_dup_groups(groups)
            store.replace_events(fused, redirects)
            store.publish_snapshot()
        summary.events = len(fused)
        log.info("spark run: %d documents processed and stored in %.2f s; %d mentions fused "
                 "into %d events in %.2f s", summary.documents, t1 - t0, len(mentions),
                 summary.events, time.perf_counter() - t1)
    finally:
        store.close()
        if spark is not None and spark_owned:
            spark.stop()
        if own_parquet:
            shutil.rmtree(out, ignore_errors=True)
    return summary


def _temp_dir(db: str | Path) -> Path:
    where = None if str(db) == ":memory:" else Path(db).resolve().parent
    if where is not None:
        where.mkdir(parents=True, exist_ok=True)
    name = "memory" if where is None else Path(db).name
    return Path(tempfile.mkdtemp(prefix=f".{name}.spark-", dir=where))


def _event(text: str) -> Event:
    from summitry.store import event_from_json

    return event_from_json(text)


def _with_new(store: Store, mentions: Mapping[str, list[Event]],
              signatures: Mapping[str, list[int]]) -> tuple[list[Event], dict[str, list[int]]]:
    """The stored mentions (in :meth:`Store.all_mentions` order) and signatures as they
    would be after :func:`pipeline.store_result` stored the new documents' ones."""
    # a mention's only source is the document it is stored under
    by_id = {mid: (ev.doc_ids[0], ev) for mid, ev in store.all_mentions()
             if ev.doc_ids[0] not in mentions}
    for doc_id, events in mentions.items():
        for ev in events:
            by_id[ev.event_id] = (doc_id, ev)  # a mention id moves to its latest document
    order = sorted(by_id, key=lambda mid: (by_id[mid][0], mid))
    sigs = dict(store.signatures())
    sigs.update(signatures)
    return [by_id[mid][1] for mid in order], dict(sorted(sigs.items()))


# --------------------------------------------------------------------------- per document


def _partitions(n_docs: int, cores: int, wanted: int | None) -> int:
    if wanted is not None:
        return max(1, wanted)
    return max(1, min(n_docs, max(cores, n_docs // _DOCS_PER_PARTITION)))


@contextmanager
def _processed(spark: SparkSession, todo: list[RawDoc], *, model: str | None,
               actors: ActorStore, use_gate: bool, env: dict[str, str], out: Path,
               partitions: int | None) -> Iterator[Iterator[DocResult]]:
    """Process ``todo`` on the executors and write the results as Parquet under ``out``;
    gives an iterator over the results in input order (computed once: cached)."""
    from pyspark import StorageLevel

    sc = spark.sparkContext
    n = _partitions(len(todo), sc.defaultParallelism, partitions)
    actors_bc = sc.broadcast(actors)
    rdd = (sc.parallelize(list(enumerate(todo)), numSlices=n)
           .mapPartitions(partial(_process_partition, model, use_gate, actors_bc, env)))
    rdd.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        _write_parquet(spark, rdd, out / "documents")
        yield (DocResult(*item) for item in rdd.toLocalIterator())
    finally:
        rdd.unpersist()
        actors_bc.unpersist()


def _process_partition(model: str | None, use_gate: bool, actors_bc: Broadcast[ActorStore],
                       env: dict[str, str],
                       docs: Iterable[tuple[int, RawDoc]]) -> Iterator[DocResult]:
    """Executor side: one Pipeline for the partition (with the run's actors, as
    pipeline.run's worker processes get them), one result per document."""
    from summitry.pipeline import Pipeline
    from summitry.store import event_to_json

    os.environ.update(env)
    pipe = Pipeline(model, actors_bc.value, use_gate=use_gate)
    pipe.actors = actors_bc.value
    for idx, raw in docs:
        try:
            doc, events = pipe.process(raw)
        except ExtractError as exc:
            yield DocResult(idx, raw.doc_id, None, [], [], str(exc))
            continue
        yield DocResult(idx, raw.doc_id, doc, [event_to_json(e) for e in events],
                        dedup.signature(doc.text), None)


def _write_parquet(spark: SparkSession, rdd: Any, path: Path) -> None:
    from pyspark.sql.types import (
        ArrayType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    schema = StructType([
        StructField("idx", LongType(), False),
        StructField("doc_id", StringType(), False),
        StructField("error", StringType(), True),
        StructField("document", StringType(), True),          # clean_doc_to_json()
        StructField("mentions", ArrayType(StringType(), False), False),  # event_to_json()
        StructField("signature", ArrayType(LongType(), False), False),
    ])
    rows = rdd.map(_parquet_row)
    spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(str(path.resolve()))


def _parquet_row(item: tuple[Any, ...]) -> tuple[Any, ...]:
    res = DocResult(*item)
    return (res.idx, res.doc_id, res.error,
            clean_doc_to_json(res.doc) if res.doc is not None else None,
            res.mentions, res.signature)


# --------------------------------------------------------------------------- fusion


def fuse_spark(
    sc: SparkContext,
    events: Sequence[Event],
    existing_ids: Iterable[str] = (),
    dup_groups: Mapping[str, str] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    partitions: int | None = None,
    published: Mapping[str, dt.date] | None = None,
) -> tuple[list[Event], dict[str, str]]:
    """:func:`summitry.fuse.fuse` with one shuffle: the events are grouped by fusion's
    blocking key and each block is fused on an executor; the result equals
    ``fuse(events, existing_ids, dup_groups, published)``."""
    from summitry.store import event_to_json

    if not events:
        return [], {}
    keyed = [(block_key(ev), (i, event_to_json(ev)))
             for i, ev in enumerate(events)]
    existing_bc = sc.broadcast(frozenset(existing_ids))
    groups_bc = sc.broadcast(dict(dup_groups or {}))
    published_bc = sc.broadcast(dict(published or {}))
    n = partitions or max(1, min(len({k for k, _ in keyed}), sc.defaultParallelism))
    try:
        out = (sc.parallelize(keyed, numSlices=max(1, min(len(keyed), sc.defaultParallelism)))
               .groupByKey(n, _block_partition)
               .map(partial(_fuse_block, existing_bc, groups_bc, published_bc,
                            dict(env or {})))
               .collect())
    finally:
        existing_bc.unpersist()
        groups_bc.unpersist()
        published_bc.unpersist()
    fused = sorted((_event(t) for texts, _ in out for t in texts), key=lambda e: e.event_id)
    redirects: dict[str, str] = {}
    for _, red in out:
        redirects.update(red)
    return fused, dict(sorted(redirects.items()))


def _block_partition(key: tuple[str, ...]) -> int:
    """A hash of the blocking key that is the same in every process (no PYTHONHASHSEED)."""
    return zlib.crc32(json.dumps(key).encode("utf-8"))


def _fuse_block(existing_bc: Broadcast[frozenset[str]], groups_bc: Broadcast[dict[str, str]],
                published_bc: Broadcast[dict[str, dt.date]], env: dict[str, str],
                item: tuple[Any, Iterable[tuple[int, str]]]) -> tuple[list[str], dict[str, str]]:
    """Executor side: fuse one block, its mentions in their global order."""
    from summitry.fuse import fuse
    from summitry.store import event_to_json

    os.environ.update(env)
    members = sorted(item[1])
    fused, redirects = fuse([_event(text) for _, text in members], existing_bc.value,
                            groups_bc.value, published_bc.value)
    return [event_to_json(e) for e in fused], redirects


# --------------------------------------------------------------------------- CleanDoc JSON


def clean_doc_to_json(doc: CleanDoc) -> str:
    """A CleanDoc as JSON text (the Parquet ``document`` column).

    :func:`clean_doc_from_json` inverts it."""

    def span(s: Span | None) -> list[int] | None:
        return None if s is None else [s.start, s.end]

    return json.dumps({
        "doc_id": doc.doc_id, "raw": doc.raw, "masked": doc.masked, "text": doc.text,
        "body": [span(s) for s in doc.body],
        "boilerplate": [span(s) for s in doc.boilerplate],
        "title": doc.title, "title_span": span(doc.title_span), "byline": doc.byline,
        "outlet": doc.outlet,
        "published": doc.published.isoformat() if doc.published else None,
        "published_source": doc.published_source,
        "published_span": span(doc.published_span),
        "date_hints": [{"kind": h.kind, "date": h.date.isoformat(), "span": span(h.span)}
                       for h in doc.date_hints],
        "language": doc.language,
    }, ensure_ascii=False, separators=(",", ":"))


def clean_doc_from_json(text: str) -> CleanDoc:
    """The CleanDoc of :func:`clean_doc_to_json` text."""
    d = json.loads(text)

    def span(v: list[int] | None) -> Span | None:
        return None if v is None else Span(int(v[0]), int(v[1]))

    def spans(vs: list[list[int]]) -> tuple[Span, ...]:
        return tuple(Span(int(v[0]), int(v[1])) for v in vs)

    return CleanDoc(
        doc_id=d["doc_id"], raw=d["raw"], masked=d["masked"], text=d["text"],
        body=spans(d["body"]), boilerplate=spans(d["boilerplate"]),
        title=d["title"], title_span=span(d["title_span"]), byline=d["byline"],
        outlet=d["outlet"],
        published=dt.date.fromisoformat(d["published"]) if d["published"] else None,
        published_source=d["published_source"], published_span=span(d["published_span"]),
        date_hints=tuple(DateHint(h["kind"], dt.date.fromisoformat(h["date"]),
                                  Span(int(h["span"][0]), int(h["span"][1])))
                         for h in d["date_hints"]),
        language=d.get("language"),
    )


__all__ = ["DocResult", "clean_doc_from_json", "clean_doc_to_json", "fuse_spark", "run_spark",
           "session"]
