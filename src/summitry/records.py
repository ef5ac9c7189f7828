"""Typed records passed between pipeline stages.

Data flows one way: ``RawDoc`` (ingest) -> ``CleanDoc`` (clean) -> ``Mention``s
(extract) -> ``Event`` (resolve/fuse) -> store. Every record that carries text
positions uses character offsets into the document's *original* text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

# The vocabularies of the event record, defined once: each ``Literal`` is the type the API
# models (web/models.py), the filters and the exports use, and each tuple is its values in
# order (``typing.get_args``). tests/test_schema.py fails when anything diverges from these.
EventType = Literal["CONSULT", "AGREE", "COOPERATE", "AID", "REQUEST"]
Mode = Literal["in_person", "virtual", "phone", "signed", "verbal"]
Status = Literal["occurred", "planned"]
Precision = Literal["day", "month", "year", "unknown"]
Topic = Literal[
    "terrorism",
    "organized_crime",
    "drug_trafficking",
    "arms_trafficking",
    "human_trafficking",
    "migrant_smuggling",
    "migration",
    "border_security",
    "maritime_security",
    "cybercrime",
    "critical_infrastructure",
    "corruption",
    "money_laundering",
    "human_rights",
    "information_sharing",
    "training",
    "trade_travel",
    "public_health",
]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
MODES: tuple[str, ...] = get_args(Mode)
STATUSES: tuple[str, ...] = get_args(Status)
PRECISIONS: tuple[str, ...] = get_args(Precision)
TOPICS: tuple[str, ...] = get_args(Topic)
#: where a known actor comes from (:class:`summitry.actors.Actor` ``origin``)
ActorOrigin = Literal["curated", "wikidata", "learned"]
ACTOR_ORIGINS: tuple[str, ...] = get_args(ActorOrigin)

#: the keys of :meth:`Event.as_dict`, in order: the export record (JSONL lines, Parquet
#: columns) and the API's ``EventOut``
RECORD_FIELDS = (
    "event_id", "type", "mode", "status", "date", "location", "countries", "participants",
    "organizations", "topics", "confidence", "docs", "sources", "reasons",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into a document's original text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RawDoc:
    """A document as read: its id and its exact text (offsets point into ``text``).

    For HTML inputs ``text`` is the page's visible text (main content and what
    surrounds it, one block per line) and ``html`` keeps the original markup. ``published``,
    ``url`` and ``title`` come from the container's metadata (HTML meta tags, the WARC
    record, a JSONL field) when it has them; the text's own dateline is used otherwise.
    """

    doc_id: str
    text: str
    path: str | None = None
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    html: str | None = None
    format: str = "txt"
    #: ISO 639-1 code detected at ingest (:mod:`summitry.language`); None: not known
    language: str | None = None


@dataclass(frozen=True, slots=True)
class DateRange:
    """An event date: inclusive bounds plus the precision they are meaningful at.

    ``how`` records how the range was derived (e.g. ``"weekday+day-of-month vs published"``).
    """

    start: dt.date | None
    end: dt.date | None
    precision: str = "unknown"
    how: str = ""

    @staticmethod
    def unknown(how: str = "") -> DateRange:
        return DateRange(None, None, "unknown", how)

    def iso(self) -> dict[str, str | None]:
        """The GUIDELINES shape: partial ISO dates cut to ``precision``."""
        return {
            "start": iso_partial(self.start, self.precision),
            "end": iso_partial(self.end, self.precision),
            "precision": self.precision,
        }


def iso_partial(value: dt.date | None, precision: str) -> str | None:
    """Render ``value`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` for ``precision``."""
    if value is None or precision == "unknown":
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@dataclass(frozen=True, slots=True)
class DateHint:
    """A date found on the page that is not (or not surely) the publication date.

    ``kind`` is one of ``"updated"`` (an "Updated ..." / "Last modified" stamp),
    ``"copyright"`` (a footer copyright year; ``date`` is Jan 1 of that year),
    ``"dateline"`` (a date next to the title/byline that may be the publication date).
    """

    kind: str
    date: dt.date
    span: Span


@dataclass(frozen=True, slots=True)
class CleanDoc:
    """A document split into article body and boilerplate, with metadata.

    ``masked`` has the same length as ``raw`` with every boilerplate character
    (except newlines) replaced by a space, so offsets into it are offsets into
    the original text. ``text`` is the readable article body (paragraphs joined
    by blank lines) for display only.
    """

    doc_id: str
    raw: str
    masked: str
    text: str
    body: tuple[Span, ...]
    boilerplate: tuple[Span, ...]
    title: str | None = None
    title_span: Span | None = None
    byline: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_source: str = "none"
    published_span: Span | None = None
    date_hints: tuple[DateHint, ...] = ()
    language: str | None = None  # as detected at ingest (RawDoc.language)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The character span of the original text that supports one field."""

    field: str
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    role: str | None = None
    organization: str | None = None
    country: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "organization": self.organization,
            "country": self.country,
        }


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True, slots=True)
class Source:
    """One document that reports an event, with the evidence it gives."""

    doc_id: str
    evidence: tuple[Evidence, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "evidence": [e.as_dict() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Event:
    """One cooperation event, in the GUIDELINES shape plus provenance."""

    type: str
    mode: str | None
    status: str
    date: DateRange
    location: Location | None
    countries: tuple[str, ...]
    participants: tuple[Participant, ...]
    organizations: tuple[str, ...]
    topics: tuple[str, ...]
    confidence: float
    sources: tuple[Source, ...]
    event_id: str = ""
    reasons: tuple[tuple[str, str], ...] = field(default=())

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(s.doc_id for s in self.sources)

    def as_dict(self) -> dict[str, Any]:
        """The export record: GUIDELINES fields, ``event_id``, ``confidence``, ``sources``."""
        return {
            "event_id": self.event_id,
            "type": self.type,
            "mode": self.mode,
            "status": self.status,
            "date": self.date.iso(),
            "location": self.location.as_dict() if self.location else None,
            "countries": list(self.countries),
            "participants": [p.as_dict() for p in self.participants],
            "organizations": list(self.organizations),
            "topics": list(self.topics),
            "confidence": round(self.confidence, 3),
            "docs": list(self.doc_ids),
            "sources": [s.as_dict() for s in self.sources],
            "reasons": dict(self.reasons),
        }
