"""The Spark engine: the run loop of :mod:`summitry.runloop` with documents mapped to
results on a Spark cluster.

:func:`run_spark` gives the database the local engine gives for the same inputs (same
documents, mentions, near-duplicate groups, events, redirects and failures): the plan
(failures, unchanged documents skipped), the one writer, the near-duplicate groups and
the order of everything are the run loop's. Only two steps run on the cluster:

1. Each batch of documents (:attr:`SparkEngine.batch_size`, from the cores) is one job
   spread over partitions; each partition makes ONE :class:`~summitry.pipeline.Pipeline`
   (spaCy loads there, once per Python worker) and calls
   :meth:`~summitry.pipeline.Pipeline.process` on each document. An
   :class:`~summitry.errors.ExtractError` becomes a failure record, never a failed job.
   The batch's results are written as Parquet (``parquet_dir/documents/batch=NNNNN``:
   one row per document with its JSON records; DuckDB and Spark read the folder
   directly) and come back to the driver in input order. The driver never holds more
   than one batch.
2. Fusion: every stored mention, shuffled on fusion's blocking key
   (:func:`summitry.fuse.block_key`); each block is fused by :func:`summitry.fuse.fuse`
   on an executor. Fusion only ever merges inside a block and each block keeps the
   global order of its mentions, so this equals one global fuse().

Executors need this package, its dependencies and the spaCy model: locally
(``master="local[N]"``) they run this interpreter; on a cluster, ship them
(``summitry.cluster``, docs/spark.md). Spark needs Java 17 and the ``spark`` extra
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
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
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


def session(master: str | None = "local[2]", ship: Path | None = None) -> SparkSession:
    """The SparkSession summitry uses (``master=None``: the one spark-submit configured,
    else Spark's default). ``ship``: a packed environment (:mod:`summitry.cluster`) the
    executors unpack and run, for clusters whose Python lacks summitry."""
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
    if ship is not None:
        from summitry import cluster

        builder = cluster.configure(builder, ship)  # type: ignore[assignment]
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
    batch_size: int | None = None,
    stats: ingest.ReadStats | None = None,
    ship: bool | Path = False,
) -> RunSummary:
    """Ingest ``paths`` into ``db`` on Spark: the run loop of :mod:`summitry.runloop`
    with a :class:`SparkEngine`; the database equals the local engine's.

    ``master``: the Spark master (``None``: the active session, or the master
    spark-submit set). ``spark``: an existing session to use (``master`` is then
    ignored); a session this function started is stopped at the end. ``parquet_dir``:
    where the per-document results are written (default: a temporary folder next to
    ``db``, removed afterwards). ``load=False`` writes nothing to ``db`` (it is only
    read) and reports what a load would give. ``partitions``: how many partitions each
    batch is spread over (default: the cores, more for large batches). ``use_gate``:
    as :class:`~summitry.pipeline.Pipeline`'s. ``batch_size``: documents per Spark job.
    ``ship``: run the executors in a packed environment (:mod:`summitry.cluster`; True
    packs this one, a path names an archive) when their Python lacks summitry.
    """
    from summitry import runloop
    from summitry.pipeline import Pipeline

    _require_pyspark()
    engine = SparkEngine(master, spark=spark, parquet_dir=parquet_dir, db=db,
                         partitions=partitions, batch_size=batch_size, ship=ship)
    return runloop.run(paths, db, pipeline=Pipeline(model, use_gate=use_gate),
                       engine=engine, load=load, stats=stats)


class SparkEngine:
    """The run loop's engine on a Spark cluster: each batch of documents is one job
    whose partitions each make ONE Pipeline; the results are written as Parquet
    (``parquet_dir/documents/batch=NNNNN``) and come back in input order; fusion is
    :func:`fuse_spark`. Executors get the package through ``spark.submit.pyFiles`` or a
    packed environment (see docs/spark.md)."""

    def __init__(self, master: str | None = "local[2]", *, spark: SparkSession | None = None,
                 parquet_dir: str | Path | None = None, db: str | Path = ":memory:",
                 partitions: int | None = None, batch_size: int | None = None,
                 ship: bool | Path = False) -> None:
        self.master = master
        #: a packed environment for executors without summitry (True: pack this one)
        self.ship = ship
        self.spark = spark
        self.partitions = partitions
        self.batch_size = batch_size or 0  # set by start() from the cluster's cores
        self._wanted_batch = batch_size
        self._own_parquet = parquet_dir is None
        self._parquet = Path(parquet_dir) if parquet_dir is not None else None
        self._db = db
        self._owned = False
        self._done = 0
        self._batches = 0
        self._env: dict[str, str] = {}
        self._actors_bc: Any = None
        self._model: str | None = None
        self._use_gate = True

    @property
    def parquet_dir(self) -> Path:
        assert self._parquet is not None, "start() first"
        return self._parquet

    def start(self, pipe: Any) -> None:
        if self.spark is None:
            from pyspark.sql import SparkSession

            # getOrCreate() returns an active session as it is: that one is not ours to stop
            self._owned = SparkSession.getActiveSession() is None
            archive = None
            if self.ship is not False:
                from summitry import cluster

                archive = cluster.pack_environment() if self.ship is True else Path(
                    self.ship)
            self.spark = session(self.master, ship=archive)
        sc = self.spark.sparkContext
        if self._parquet is None:
            self._parquet = _temp_dir(self._db)
        shutil.rmtree(self._parquet / "documents", ignore_errors=True)
        self.batch_size = self._wanted_batch or max(64, sc.defaultParallelism * 128)
        self._env = {k: v for k, v in os.environ.items() if k.startswith(_ENV_PREFIX)}
        self._actors_bc = sc.broadcast(pipe.actors)
        self._model, self._use_gate = pipe.model, pipe.use_gate

    def extract(self, raws: Sequence[RawDoc]) -> Iterator[tuple[RawDoc, Any]]:
        if not raws:
            return
        assert self.spark is not None, "start() first"
        from pyspark import StorageLevel

        sc = self.spark.sparkContext
        base = self._done
        n = _partitions(len(raws), sc.defaultParallelism, self.partitions)
        rdd = (sc.parallelize(list(enumerate(raws, base)), numSlices=n)
               .mapPartitions(partial(_process_partition, self._model, self._use_gate,
                                      self._actors_bc, self._env)))
        rdd.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            _write_parquet(self.spark, rdd, self.parquet_dir / "documents"
                           / f"batch={self._batches:05d}")
            self._batches += 1
            for item in rdd.toLocalIterator():
                res = DocResult(*item)
                raw = raws[res.idx - base]
                if res.doc_id != raw.doc_id:  # pragma: no cover
                    raise RuntimeError(f"Spark returned {res.doc_id} (#{res.idx}) where "
                                       f"{raw.doc_id} was due")
                if res.doc is None:
                    yield raw, ExtractError(res.error or "")
                else:
                    yield raw, (res.doc, [_event(m) for m in res.mentions])
        finally:
            rdd.unpersist()
        self._done += len(raws)

    def fuse(self, mentions: Sequence[Event], existing: Iterable[str],
             groups: Mapping[str, str], published: Mapping[str, dt.date]
             ) -> tuple[list[Event], dict[str, str]]:
        assert self.spark is not None, "start() first"
        return fuse_spark(self.spark.sparkContext, mentions, existing, groups,
                          env=self._env, published=published)

    def close(self, failed: bool) -> None:
        if self._actors_bc is not None:
            self._actors_bc.unpersist()
            self._actors_bc = None
        if self.spark is not None and self._owned:
            self.spark.stop()
            self.spark = None
        if self._own_parquet and self._parquet is not None:
            shutil.rmtree(self._parquet, ignore_errors=True)


def _temp_dir(db: str | Path) -> Path:
    where = None if str(db) == ":memory:" else Path(db).resolve().parent
    if where is not None:
        where.mkdir(parents=True, exist_ok=True)
    name = "memory" if where is None else Path(db).name
    return Path(tempfile.mkdtemp(prefix=f".{name}.spark-", dir=where))


def _event(text: str) -> Event:
    from summitry.store import event_from_json

    return event_from_json(text)


# --------------------------------------------------------------------------- per document


def _partitions(n_docs: int, cores: int, wanted: int | None) -> int:
    if wanted is not None:
        return max(1, wanted)
    return max(1, min(n_docs, max(cores, n_docs // _DOCS_PER_PARTITION)))


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
