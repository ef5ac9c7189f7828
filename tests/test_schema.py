"""One schema: the record's vocabularies (summitry.records) are the API models', the
filters', the OpenAPI schema's and the exports'; a change in one place that the others
do not follow fails here."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from summitry import export, query, records
from summitry.records import (
    ACTOR_ORIGINS,
    EVENT_TYPES,
    MODES,
    PRECISIONS,
    RECORD_FIELDS,
    STATUSES,
    TOPICS,
    DateRange,
    Event,
    Evidence,
    Location,
    Participant,
    Source,
)
from summitry.web import models

# The GUIDELINES vocabularies, typed out: a change to records.py must be deliberate.
GUIDELINES_TYPES = ("CONSULT", "AGREE", "COOPERATE", "AID", "REQUEST")
GUIDELINES_MODES = ("in_person", "virtual", "phone", "signed", "verbal")
GUIDELINES_TOPICS = (
    "terrorism", "organized_crime", "drug_trafficking", "arms_trafficking",
    "human_trafficking", "migrant_smuggling", "migration", "border_security",
    "maritime_security", "cybercrime", "critical_infrastructure", "corruption",
    "money_laundering", "human_rights", "information_sharing", "training", "trade_travel",
    "public_health",
)


def _literal_values(model: type[BaseModel], name: str) -> tuple[str, ...]:
    """The values of the Literal inside a field's annotation (through Optional/list)."""
    ann: Any = model.model_fields[name].annotation
    while typing.get_origin(ann) is not typing.Literal:
        args = [a for a in get_args(ann) if a is not type(None)]
        assert len(args) == 1, f"{model.__name__}.{name}: {ann!r} has no single Literal"
        ann = args[0]
    return get_args(ann)


def test_vocabularies_are_the_guidelines() -> None:
    assert EVENT_TYPES == GUIDELINES_TYPES
    assert MODES == GUIDELINES_MODES
    assert TOPICS == GUIDELINES_TOPICS
    assert STATUSES == ("occurred", "planned")
    assert PRECISIONS == ("day", "month", "year", "unknown")


@pytest.mark.parametrize("model", [models.EventOut, models.EventDetail])
def test_api_models_use_the_record_vocabularies(model: type[BaseModel]) -> None:
    assert _literal_values(model, "type") == EVENT_TYPES
    assert _literal_values(model, "mode") == MODES
    assert _literal_values(model, "status") == STATUSES
    assert _literal_values(model, "topics") == TOPICS
    assert _literal_values(models.DateOut, "precision") == PRECISIONS
    assert _literal_values(models.ActorOut, "origin") == ACTOR_ORIGINS


def test_api_event_model_is_the_export_record() -> None:
    event = Event(
        type="AGREE", mode="signed", status="occurred",
        date=DateRange(dt.date(2023, 1, 18), dt.date(2023, 1, 18), "day"),
        location=Location("Havana", "CUB", 23.1, -82.4), countries=("CUB", "USA"),
        participants=(Participant("Ana Pérez", "Minister", None, "CUB"),),
        organizations=("Ministry of the Interior",), topics=("terrorism",),
        confidence=0.5, sources=(Source("d1", (Evidence("trigger", 0, 6, "signed"),)),),
        event_id="ev_1", reasons=(("date", "explicit"),))
    record = event.as_dict()
    assert tuple(record) == RECORD_FIELDS
    assert tuple(models.EventOut.model_fields) == RECORD_FIELDS
    assert models.EventOut.model_validate(record).model_dump() == record
    assert tuple(export.PARQUET_SCHEMA.names) == RECORD_FIELDS
    detail_only = {"requested_id"}
    assert set(models.EventDetail.model_fields) - detail_only == set(RECORD_FIELDS)


def test_openapi_enums_come_from_the_records(tmp_path: Any) -> None:
    from summitry.web import create_app

    schema = create_app(tmp_path / "none.duckdb").openapi()
    comps = schema["components"]["schemas"]

    def enum(prop: dict[str, Any]) -> tuple[str, ...]:
        for option in prop.get("anyOf", [prop]):
            option = option.get("items", option)
            if "enum" in option:
                return tuple(option["enum"])
        raise AssertionError(prop)

    event = comps["EventOut"]["properties"]
    assert enum(event["type"]) == EVENT_TYPES
    assert enum(event["mode"]) == MODES
    assert enum(event["status"]) == STATUSES
    assert enum(event["topics"]) == TOPICS
    params = {p["name"]: p["schema"] for p in schema["paths"]["/api/events"]["get"]
              ["parameters"]}
    assert enum(params["type"]) == EVENT_TYPES
    assert enum(params["mode"]) == MODES
    assert enum(params["topic"]) == TOPICS


def test_filters_accept_exactly_the_vocabularies() -> None:
    for t in EVENT_TYPES:
        assert query.make_filter(type=t.lower()).type == t
    for m in MODES:
        assert query.make_filter(mode=m).mode == m
    for topic in TOPICS:
        assert query.make_filter(topic=topic).topic == topic
    with pytest.raises(query.FilterError):
        query.make_filter(type="MEET")


def test_no_vocabulary_is_restated_in_the_web_package() -> None:
    """The literal lists live in records.py only."""
    from pathlib import Path

    web = Path(records.__file__).parent / "web"
    for path in web.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for values in (EVENT_TYPES, MODES, TOPICS[:3], ACTOR_ORIGINS):
            quoted = ", ".join(f'"{v}"' for v in values)
            assert quoted not in text, f"{path.name} restates {values}"
