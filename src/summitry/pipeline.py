"""The pipeline: ingest -> clean -> extract -> resolve (per document) -> fuse -> store.

:class:`Pipeline` holds the loaded spaCy model and the actor store; its
:meth:`~Pipeline.process` is a pure function of one document (so the same code
can run in worker processes or Spark partitions). :func:`run` is the run loop of
:mod:`summitry.runloop` on the local engine: it streams inputs through the pipeline,
writes each document and its mentions, then fuses all mentions in the database into
events. Each document is written only after it was fully processed, and a document
whose stored text is unchanged is not processed again, so an interrupted run followed
by the same run gives the database one clean run gives.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from summitry import candidates as candidates_mod
from summitry import clean as clean_mod
from summitry import decide, dedup, foreign, gate, ingest, mentions, names, nlp, resolve
from summitry import extraction as extract_mod
from summitry.actors import ActorStore, actor_from_dict
from summitry.errors import ExtractError
from summitry.fuse import fuse
from summitry.records import CleanDoc, Event, RawDoc
from summitry.store import Store

log = logging.getLogger(__name__)


class Pipeline:
    """Per-document processing with one spaCy model and one actor store."""

    #: pages spaCy parses at once in :meth:`process_batch` (its ``pipe`` batch): the
    #: parser's working memory grows with the batch, so a few pages at a time keep a
    #: run's peak flat (the annotations do not depend on it)
    parse_batch = 8

    def __init__(self, model: str | None = None, actors: ActorStore | None = None,
                 *, use_gate: bool = True, use_model: bool = True) -> None:
        self.use_gate = use_gate
        self.model = model
        self._nlp: Language | None = None
        # the actors this pipeline was made with; a run adds the database's own on top
        self.base_actors = actors or ActorStore.default()
        self.actors = self.base_actors
        # the learned decision over candidate events (None: the rules alone)
        self.model_decide: decide.Model | None = decide.load() if use_model else None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = nlp.load(self.model)
        return self._nlp

    def process(
        self, raw: RawDoc, published: dt.date | None = None
    ) -> tuple[CleanDoc, list[Event]]:
        """Clean, extract and resolve one document; events carry only this document."""
        doc, ok = self._read(raw, published)
        if not ok:
            return doc, self.foreign_events(raw, doc)
        with self._memory_zone():
            analysis, cands = self._propose(raw, doc, None)
            return doc, self._decide(raw, analysis, cands)

    def process_batch(self, raws: Sequence[RawDoc]) -> list[tuple[CleanDoc, list[Event]]
                                                             | ExtractError]:
        """:meth:`process` of each document of ``raws`` (its ExtractError returned, not
        raised), with one spaCy ``pipe`` over the pages the gate keeps: batched, the
        parser reads the same pages faster and annotates them the same."""
        out: list[tuple[CleanDoc, list[Event]] | ExtractError] = []
        read: list[tuple[int, CleanDoc]] = []
        for raw in raws:
            try:
                doc, ok = self._read(raw, None)
                events = [] if ok else self.foreign_events(raw, doc)
            except ExtractError as exc:
                out.append(exc)
                continue
            if ok:
                read.append((len(out), doc))
            out.append((doc, events))
        if not read:
            return out
        with self._memory_zone():
            for (i, doc), parsed in zip(read, self._parse([d.masked for _, d in read]),
                                        strict=True):
                raw = raws[i]
                try:
                    analysis, cands = self._propose(raw, doc, parsed)
                    out[i] = (doc, self._decide(raw, analysis, cands))
                except ExtractError as exc:
                    out[i] = exc
        return out

    def _memory_zone(self) -> AbstractContextManager[object]:
        """spaCy's memory zone around the parse of a page or a batch: the strings and
        lexemes its new words add to the vocabulary are freed when it ends, so a long run
        does not grow with every new name and number it reads. What leaves the zone (the
        cleaned document, events, errors) is plain Python data: no Doc, Span or Token of
        the zone is kept. Inside a zone already (a caller's), nothing more."""
        if getattr(self.nlp.vocab, "in_memory_zone", False):  # not in spaCy's stubs
            return contextlib.nullcontext()
        return self.nlp.memory_zone()

    def candidates(
        self, raw: RawDoc, published: dt.date | None = None
    ) -> tuple[CleanDoc, mentions.Analysis | None, list[candidates_mod.Candidate]]:
        """Clean and analyse one document and propose its candidate events (no decision
        yet); the analysis is None when the relevance gate drops the page."""
        doc, ok = self._read(raw, published)
        if not ok:
            return doc, None, []  # cannot hold an event: no parse
        analysis, cands = self._propose(raw, doc, None)
        return doc, analysis, cands

    def _read(self, raw: RawDoc, published: dt.date | None) -> tuple[CleanDoc, bool]:
        """The cleaned document, and whether it is to be parsed (the gate keeps it)."""
        try:
            # a page the gate would drop however cleaning masked it is not cleaned;
            # a page in a language the parser does not read has its own gate and no parse
            other = foreign.reads(raw.language)
            read = not self.use_gate or (
                foreign.precheck(raw.text, raw.language, self.actors) if other
                else gate.precheck(raw.text))
            doc = clean_mod.clean(raw) if read else uncleaned(raw)
            if published is not None:
                doc = dataclasses.replace(doc, published=published, published_source="given")
            elif doc.published is None and raw.published is not None:
                doc = dataclasses.replace(doc, published=raw.published,
                                          published_source=f"{raw.format} metadata")
            if not read or other or (self.use_gate and not gate.check(doc.masked).passed):
                return doc, False
        except Exception as exc:  # one bad document must not stop the batch
            raise ExtractError(f"{raw.doc_id}: {type(exc).__name__}: {exc}") from exc
        limit = self.nlp.max_length
        if len(doc.masked) > limit:
            raise ExtractError(
                f"{raw.doc_id}: the article text has {len(doc.masked):,} characters, more "
                f"than the parser's limit of {limit:,}; split the page into articles")
        return doc, True

    def foreign_events(self, raw: RawDoc, doc: CleanDoc) -> list[Event]:
        """The events of a page in a language the parser does not read, found from word
        lists (:mod:`summitry.foreign`); none for other pages."""
        if not foreign.reads(raw.language):
            return []
        try:
            return foreign.extract(doc, self.actors)
        except Exception as exc:  # one bad document must not stop the batch
            raise ExtractError(f"{raw.doc_id}: {type(exc).__name__}: {exc}") from exc

    def _parse(self, texts: list[str]) -> list[SpacyDoc | None]:
        """spaCy over ``texts`` in one ``pipe``; all None (each parsed on its own, so an
        error stays with its page) when the pipe fails."""
        if not texts:
            return []
        try:
            # the lemmatizer runs on demand, on the tokens the extractor reads a lemma of
            return list(self.nlp.pipe(texts, batch_size=self.parse_batch,
                                      disable=nlp.deferred(self.nlp)))
        except Exception:  # each page is parsed again on its own by _propose
            return [None] * len(texts)

    def _propose(self, raw: RawDoc, doc: CleanDoc, parsed: SpacyDoc | None
                 ) -> tuple[mentions.Analysis, list[candidates_mod.Candidate]]:
        try:
            if parsed is None:  # one page, or the batch's pipe failed: this page alone
                parsed = self.nlp(doc.masked, disable=nlp.deferred(self.nlp))
            analysis = mentions.analyse(doc, self.nlp, self.actors, parsed=parsed)
            found = extract_mod.event_mentions(analysis)
            groups = extract_mod.group(found, analysis)
            return analysis, candidates_mod.propose(analysis, found, groups)
        except Exception as exc:  # one bad document must not stop the batch
            raise ExtractError(f"{raw.doc_id}: {type(exc).__name__}: {exc}") from exc

    def _decide(self, raw: RawDoc, analysis: mentions.Analysis | None,
                cands: list[candidates_mod.Candidate]) -> list[Event]:
        if analysis is None:
            return []
        try:
            kept = decide.select(cands, self.model_decide)
            return resolve.build_events(analysis, kept, self.actors)
        except Exception as exc:  # one bad document must not stop the batch
            raise ExtractError(f"{raw.doc_id}: {type(exc).__name__}: {exc}") from exc

    def process_text(
        self, text: str, doc_id: str = "text", published: dt.date | None = None
    ) -> tuple[CleanDoc, list[Event]]:
        """:meth:`process` for a string."""
        return self.process(RawDoc(doc_id, text), published)


def uncleaned(raw: RawDoc) -> CleanDoc:
    """The document of a page the relevance gate drops before cleaning it: its text as
    read, nothing masked and no article body, the metadata its container gave."""
    return CleanDoc(doc_id=raw.doc_id, raw=raw.text, masked=raw.text, text=raw.text,
                    body=(), boilerplate=(), title=raw.title, language=raw.language)


@dataclass(slots=True)
class RunSummary:
    documents: int = 0
    skipped: int = 0
    mentions: int = 0
    events: int = 0
    failures: list[ingest.Failure] = field(default_factory=list)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def run(
    paths: Iterable[str | Path],
    db: str | Path,
    *,
    pipeline: Pipeline | None = None,
    on_doc: Callable[[str], None] | None = None,
    workers: int = 1,
    stats: ingest.ReadStats | None = None,
) -> RunSummary:
    """Ingest ``paths`` into the database ``db`` and re-fuse its events, on the local
    engine (:func:`summitry.runloop.run`).

    With ``workers > 1`` extraction runs in that many processes (one spaCy pipeline
    each); this process stays the only writer of the database.
    """
    from summitry import runloop

    return runloop.run(paths, db, pipeline=pipeline, engine=runloop.LocalEngine(workers),
                       on_doc=on_doc, stats=stats)


def store_result(store: Store, actors: ActorStore, raw: RawDoc, doc: CleanDoc,
                 events: list[Event]) -> None:
    """Write one processed document, in ONE transaction: its mentions, near-duplicate
    signature, original source, learned roles, the document row, and the end of any
    earlier failure. The document row is what marks it done, so an interrupted run
    redoes exactly the documents that did not land."""
    with store.batch():
        store.put_mentions(raw.doc_id, [(e.event_id, e) for e in events])
        store.put_signature(raw.doc_id, dedup.signature(doc.text))
        if raw.html is not None or raw.url is not None:
            store.put_source(raw.doc_id, raw.url, raw.format, raw.html)
        _learn_roles(store, actors, doc, events)
        store.put_documents([(doc, raw.path)])
        store.clear_failure(raw.path or raw.doc_id)


def actors_for(store: Store, base: ActorStore | None = None) -> ActorStore:
    """The curated actors plus those imported into (or learned by) this database."""
    records = store.actor_records()
    if not records:
        return base or ActorStore.default()
    merged = (base or ActorStore.default()).copy()
    merged.merge(actor_from_dict(json.loads(rec)) for _id, _origin, rec in records)
    return merged


def _learn_roles(store: Store, actors: ActorStore, doc: CleanDoc, events: list[Event]) -> None:
    """Remember office holders the corpus names that the actor store does not know
    ("Guatemala's new Minister of the Interior, Francisco Jiménez"), with the dates
    they were seen. Learned roles carry no tenure dates, so they never bound a date."""
    rows: list[tuple[str, str, str]] = []
    known: dict[str, dict[str, Any]] | None = None  # read once, only when needed
    for ev in events:
        seen = ev.date.start or doc.published
        for p in ev.participants:
            if not p.role or not p.country or actors.match(p.name) is not None:
                continue
            actor_id = "learned:" + hashlib.sha1(
                f"{names.fold(p.name)}|{p.country}".encode()).hexdigest()[:12]
            if known is None:
                known = {r[0]: json.loads(r[2]) for r in store.actor_records("learned")}
            old = known.get(actor_id)
            days = sorted({*(old or {}).get("seen", []), *([seen.isoformat()] if seen else [])})
            roles = list((old or {}).get("roles", []))
            if not any(r["role"] == p.role for r in roles):
                roles.append({"role": p.role, "organization": p.organization,
                              "country": p.country, "start": None, "end": None,
                              "source": f"learned from {doc.doc_id}"})
            record = {"id": actor_id, "name": p.name, "country": p.country, "aliases": [],
                      "origin": "learned", "roles": roles, "seen": days,
                      "first_seen": days[0] if days else None,
                      "last_seen": days[-1] if days else None}
            rows.append((actor_id, "learned", json.dumps(record, ensure_ascii=False)))
            known[actor_id] = record
    if rows:
        store.put_actors(rows)


def refuse(store: Store) -> int:
    """Group near-duplicate documents, then fuse every stored mention into events,
    keeping stored ids stable."""
    groups = dedup.groups(store.signatures())
    store.replace_dup_groups(groups)
    existing = store.event_ids()
    events, redirects = fuse([e for _, e in store.all_mentions()], existing, groups,
                             store.published_dates())
    store.replace_events(events, redirects)
    return len(events)


def extract_text(
    text: str, published: dt.date | None = None, *, doc_id: str = "text",
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Events of one text (the Python API behind :func:`summitry.extract`)."""
    pipe = pipeline or _default_pipeline()
    _, events = pipe.process(RawDoc(doc_id, text), published)
    fused, _ = fuse(events)
    return fused


_DEFAULT: list[Pipeline] = []


def _default_pipeline() -> Pipeline:
    if not _DEFAULT:
        _DEFAULT.append(Pipeline())
    return _DEFAULT[0]
