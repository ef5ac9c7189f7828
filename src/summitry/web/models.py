"""Pydantic models of the JSON API (they give /openapi.json its response schemas).

The event models are the export record of :meth:`summitry.records.Event.as_dict`
(:data:`~summitry.records.RECORD_FIELDS`, in order) with the record's vocabularies
(:data:`~summitry.records.EventType`, ``Mode``, ``Status``, ``Precision``, ``Topic``) as
their types.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from summitry.records import ActorOrigin, EventType, Mode, Precision, Status, Topic

# The vocabularies are the record's own (summitry.records), never restated here: the
# enums of /openapi.json come from them (tests/test_schema.py ties the two).
Origin = ActorOrigin

#: a document id the upload accepts: it becomes a file name, so no dots or separators
DOC_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$"


class ErrorInfo(BaseModel):
    status: int = Field(description="The HTTP status code.")
    code: str = Field(description="A stable machine-readable code, e.g. not_found.")
    message: str = Field(description="What went wrong, for people.")
    details: list[dict[str, Any]] | None = Field(
        default=None, description="Validation errors: location and message of each.")


class ErrorBody(BaseModel):
    """The one shape of every error response."""

    error: ErrorInfo


class DateOut(BaseModel):
    start: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, cut to precision.")
    end: str | None
    precision: Precision


class LocationOut(BaseModel):
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class ParticipantOut(BaseModel):
    name: str
    role: str | None
    organization: str | None
    country: str | None


class EvidenceOut(BaseModel):
    field: str
    start: int = Field(description="Character offset into the document's original text.")
    end: int = Field(description="End offset (exclusive).")
    text: str


class SourceOut(BaseModel):
    doc_id: str
    evidence: list[EvidenceOut]


class EventOut(BaseModel):
    """One event record, exactly as ``summitry export --format jsonl`` writes it."""

    event_id: str
    type: EventType
    mode: Mode | None
    status: Status
    date: DateOut
    location: LocationOut | None
    countries: list[str]
    participants: list[ParticipantOut]
    organizations: list[str]
    topics: list[Topic]
    confidence: float
    docs: list[str]
    sources: list[SourceOut]
    reasons: dict[str, str]


class EventPage(BaseModel):
    items: list[EventOut]
    total: int = Field(description="How many events match the filters (all pages).")
    limit: int
    offset: int


class ParticipantDetail(BaseModel):
    name: str
    role: str | None
    organization: str | None
    country: str | None
    actor_id: str | None = Field(description="The known actor this participant is, if any.")


class SourceDetail(BaseModel):
    doc_id: str
    evidence: list[EvidenceOut]
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    duplicate_group: str | None = Field(description="Near-duplicate group of the document.")
    duplicates: list[str] = Field(description="The other documents of that group.")


class EventDetail(BaseModel):
    """An event record with each source's title and near-duplicate group, and the known
    actor of each participant."""

    event_id: str
    requested_id: str = Field(description="The id asked for (an old id redirects).")
    type: EventType
    mode: Mode | None
    status: Status
    date: DateOut
    location: LocationOut | None
    countries: list[str]
    participants: list[ParticipantDetail]
    organizations: list[str]
    topics: list[Topic]
    confidence: float
    docs: list[str]
    sources: list[SourceDetail]
    reasons: dict[str, str]


class DocumentOut(BaseModel):
    doc_id: str
    title: str | None
    byline: str | None
    outlet: str | None
    published: str | None
    published_source: str | None
    url: str | None
    duplicate_group: str | None
    duplicates: list[str]
    event_ids: list[str]
    raw_text: str = Field(description="The original text; evidence offsets point into it.")
    boilerplate: list[list[int]] = Field(
        description="[start, end) spans of raw_text the cleaner set aside (menus, footers).")


class RoleOut(BaseModel):
    role: str
    organization: str | None
    country: str | None
    start: str | None
    end: str | None
    source: str


class ActorOut(BaseModel):
    id: str
    name: str
    country: str | None
    aliases: list[str]
    origin: ActorOrigin
    roles: list[RoleOut]


class ActorPage(BaseModel):
    items: list[ActorOut]
    total: int
    limit: int
    offset: int


class ActorDetail(ActorOut):
    event_ids: list[str] = Field(
        description="Events with a participant of this family name (and a compatible "
                    "country) whom the actor store does not resolve to somebody else.")


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM of the events' start date.")
    total: int
    by_type: dict[str, int]


class CountryCount(BaseModel):
    country: str
    events: int


class PairCount(BaseModel):
    a: str
    b: str
    events: int


class TopicCount(BaseModel):
    topic: str
    events: int


class Totals(BaseModel):
    events: int = Field(description="Events matching the filters.")
    dated: int = Field(description="... of which dated to the month or day (by_month).")
    undated: int
    documents: int = Field(description="Documents in the database.")
    mentions: int
    sources: int
    duplicate_groups: int
    failures: int


class Stats(BaseModel):
    totals: Totals
    by_type: dict[str, int]
    by_month: list[MonthCount]
    by_country: list[CountryCount]
    by_pair: list[PairCount]
    by_topic: list[TopicCount]


class DocumentIn(BaseModel):
    """A document to process: its id (becomes the doc id), its text, and optionally its
    publication date (anchors relative dates such as "on Friday")."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=DOC_ID_PATTERN, description="Letters, digits, _ and -.")
    text: str = Field(min_length=1)
    published: dt.date | None = None

    @field_validator("text")
    @classmethod
    def _encodable(cls, value: str) -> str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("text must be valid Unicode (no lone surrogates)") from exc
        if not value.strip():
            raise ValueError("text is empty")
        return value


class DocumentResult(BaseModel):
    doc_id: str
    status: Literal["processed", "unchanged"]
    event_ids: list[str] = Field(description="The events this document is a source of.")
    events_total: int = Field(description="Events in the database after the run.")
