"""Standard exports (PLOVER, POLECAT, ICEWS, GDELT): headers are the published column
lists, codes come from the mapping data, and every file loads in pandas and DuckDB with
the right dtypes."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from summitry import formats
from summitry.export import FORMATS, export_bytes, export_events
from summitry.formats import DocRef, code_event, columns, dyads, spec
from summitry.records import (
    EVENT_TYPES,
    MODES,
    STATUSES,
    TOPICS,
    DateRange,
    Event,
    Evidence,
    Location,
    Participant,
    Source,
)

# The published lists, typed out here from the formats' own documentation (see the
# `source` of each table in data/formats.toml): a change to the data file that breaks a
# published order fails.
GDELT_2_0 = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
ICEWS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
    "Province", "Country", "Latitude", "Longitude",
]
POLECAT = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]
# PLOVER manual draft 0.8 (openeventdata/PLOVER PLOVER_MANUAL.tex, "Data Fields"): the
# fields of its "PLOVER JSON" table that we fill, in the manual's order.
PLOVER = ["id", "date", "enddate", "source", "recipient", "event", "event_loc",
          "event_text", "quad_code", "mode", "context", "text_info", "cite_info", "coder"]
PLOVER_ACTOR = ["code", "sector", "actor_text", "office"]  # "Information object for actors"
PLOVER_LOC = ["geonameid", "name", "latitude", "longitude", "cc3"]  # "Location object"
# GeoNames country code is alpha-2; the manual's `cc3` holds the alpha-3 code we keep
PUBLISHED = {"gdelt": GDELT_2_0, "icews": ICEWS, "polecat": POLECAT, "plover": PLOVER}
TSV = ("polecat", "icews", "gdelt")


def ev(event_id: str, *, type: str = "CONSULT", mode: str | None = "in_person",
       status: str = "occurred", countries: tuple[str, ...] = ("MEX", "USA"),
       topics: tuple[str, ...] = ("migration",), date: DateRange | None = None,
       place: bool = True) -> Event:
    return Event(
        type=type, mode=mode, status=status,
        date=date or DateRange(dt.date(2023, 1, 18), dt.date(2023, 1, 19), "day"),
        location=Location("Mexico City", "MEX", 19.43, -99.13) if place else None,
        countries=countries,
        participants=(Participant('Ana "La Jefa" Pérez', "Minister\tof the Interior",
                                  None, "MEX"),
                      Participant("John Smith", "Secretary", None, "USA")),
        organizations=("Ministry of the Interior",), topics=topics, confidence=0.8,
        sources=(Source("d1", (Evidence("type", 10, 13, "met"),
                               Evidence("date", 20, 27, "Tuesday"))),
                 Source("d2", (Evidence("type", 5, 11, "talked"),))),
        event_id=event_id)


EVENTS = [
    ev("ev_a"),
    ev("ev_b", type="AGREE", mode="signed", countries=("EU", "MEX", "USA"),
       topics=("drug_trafficking", "information_sharing")),
    ev("ev_c", type="COOPERATE", mode=None, topics=("information_sharing",),
       date=DateRange(dt.date(2022, 3, 1), dt.date(2022, 3, 31), "month"), place=False),
    ev("ev_d", date=DateRange.unknown()),  # undated: only PLOVER carries it
]
REFS = {"d1": DocRef("https://example.org/a", "Talks", "Example Times", dt.date(2023, 1, 20),
                     "en"),
        "d2": DocRef(None, None, "Wire", dt.date(2023, 1, 21), "en")}


def _text(fmt: str) -> str:
    buf = io.StringIO()
    export_events(EVENTS, fmt, buf, REFS)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", sorted(PUBLISHED))
def test_columns_are_the_published_lists(fmt: str) -> None:
    assert list(columns(fmt)) == PUBLISHED[fmt]
    assert len(columns("gdelt")) == 61 and len(columns("icews")) == 20
    assert spec()[fmt]["source"]  # every list cites its document


@pytest.mark.parametrize("fmt", TSV)
def test_tsv_header_is_the_published_list(fmt: str) -> None:
    header = _text(fmt).splitlines()[0].split("\t")
    assert header == PUBLISHED[fmt] == list(columns(fmt))


def test_plover_record_fields() -> None:
    records = [json.loads(line) for line in _text("plover").splitlines()]
    plover = spec()["plover"]
    assert all(list(r) == PLOVER + plover["fields_extra"] for r in records)
    assert plover["actor_fields"] == PLOVER_ACTOR
    assert plover["event_loc_fields"] == PLOVER_LOC
    assert all(list(a) == PLOVER_ACTOR for r in records for a in r["source"] + r["recipient"])
    first = records[0]
    assert first["source"][0]["code"] == "MEX" and first["recipient"][0]["code"] == "USA"
    assert first["source"][0]["actor_text"] == 'Ana "La Jefa" Pérez'
    # in person, but who visited whom is not recorded: no PLOVER "visit" mode
    assert first["event"] == ["CONSULT"] and first["mode"] == [] and first["quad_code"] == 1
    assert first["context"] == ["migration"]
    assert first["text_info"][0] == {"start": 10, "end": 13, "doc_id": "d1", "field": "type",
                                     "text": "met"}
    assert list(first["text_info"][0])[:2] == plover["text_info_fields"]
    assert first["event_text"] == ["met"]
    cite = first["cite_info"][0]
    assert list(cite) == plover["cite_info_fields"] + plover["cite_info_extra"]
    assert cite["url"] == "https://example.org/a" and cite["citation"] == "d1"
    assert cite["publication"] == "Example Times" and cite["language"] == "en"
    assert list(first["event_loc"]) == PLOVER_LOC and first["event_loc"]["cc3"] == "MEX"
    assert first["summitry"]["event_id"] == "ev_a"
    undated = [r for r in records if r["summitry"]["event_id"] == "ev_d"]
    assert undated and undated[0]["date"] is None


def test_every_vocabulary_value_has_codes() -> None:
    """Every type x mode x status x topic of the record maps to a known code."""
    data = spec()
    for etype in EVENT_TYPES:
        for mode in (None, *MODES):
            for status in STATUSES:
                for topic in TOPICS:
                    c = code_event(ev("x", type=etype, mode=mode, status=status,
                                      topics=(topic,)))
                    assert c.cameo in data["goldstein"] and c.cameo in data["cameo_text"]
                    assert c.root == c.cameo[:2] and c.quad_class in (1, 2)
                    assert c.plover in data["plover_quad"]


@pytest.mark.parametrize(("kwargs", "cameo", "plover"), [
    ({"type": "CONSULT", "mode": "phone"}, "041", "CONSULT"),
    ({"type": "CONSULT", "mode": "in_person", "status": "planned"}, "036", "AGREE"),
    ({"type": "AGREE", "mode": "signed"}, "057", "SUPPORT"),
    ({"type": "AGREE", "mode": "verbal"}, "030", "AGREE"),
    ({"type": "COOPERATE", "mode": None, "topics": ("migration", "information_sharing")},
     "064", "COOPERATE"),
    ({"type": "COOPERATE", "mode": None, "topics": ("drug_trafficking",)}, "063",
     "COOPERATE"),
    ({"type": "AID", "mode": None}, "070", "AID"),
    ({"type": "REQUEST", "mode": None, "topics": ("terrorism",)}, "0213", "REQUEST"),
])
def test_mapping(kwargs: dict[str, object], cameo: str, plover: str) -> None:
    c = code_event(ev("x", **kwargs))  # type: ignore[arg-type]
    assert (c.cameo, c.plover) == (cameo, plover)


# PLOVER manual draft 0.8, table "General contexts"
PLOVER_CONTEXTS = {
    "military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource",
    "disease", "enviro_disaster", "migration", "humanitarian", "asylum", "legal",
    "human_rights", "rights_freedoms", "gender", "lgbt", "terrorism", "human_security",
    "religion_ethnicity", "executive", "election", "legislative", "cbrn", "cyber",
    "political_institutions", "corruption", "crime", "illegal_drugs",
}


def test_plover_contexts_and_quads_are_the_manuals() -> None:
    data = spec()
    assert set(data["plover_context"].values()) <= PLOVER_CONTEXTS
    # quad categories: PLOVER manual (AGREE..RETREAT); REQUEST (POLECAT) is verbal conflict
    assert data["plover_quad"] == {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
                                   "COOPERATE": 2, "AID": 2, "RETREAT": 2, "REQUEST": 3}
    request = code_event(ev("x", type="REQUEST", mode=None))
    assert (request.quad_class, request.plover_quad) == (1, 3)  # GDELT vs PLOVER


def test_goldstein_and_fraction_date() -> None:
    # CAMEO.goldsteinscale.txt values of the codes we use
    assert spec()["goldstein"] == {"020": 3.0, "0213": 3.4, "0214": 3.4, "030": 4.0,
                                   "036": 4.0, "040": 1.0, "041": 1.0, "057": 8.0,
                                   "060": 6.0, "063": 7.4, "064": 7.0, "070": 7.0,
                                   "073": 7.4}
    # GDELT codebook: FractionDate = YYYY + (MONTH * 30 + DAY) / 365
    row = formats.gdelt_rows(EVENTS[0], REFS)[0]
    assert row[columns("gdelt").index("FractionDate")] == round(2023 + (30 + 18) / 365, 4)


def test_one_row_per_dyad() -> None:
    assert dyads(EVENTS[1]) == [("EU", "MEX"), ("EU", "USA"), ("MEX", "USA")]
    rows = _text("polecat").splitlines()[1:]
    assert len(rows) == 1 + 3 + 1  # ev_d is undated: no row
    ids = [r.split("\t")[0] for r in rows]
    assert ids == ["ev_a-1", "ev_b-1", "ev_b-2", "ev_b-3", "ev_c-1"]


def test_export_counts_events_written(tmp_path: Path) -> None:
    assert export_events(EVENTS, "gdelt", tmp_path / "g.tsv", REFS) == 3
    assert export_events(EVENTS, "plover", tmp_path / "p.jsonl", REFS) == 4
    assert set(formats.STANDARD_FORMATS) <= set(FORMATS)


# --------------------------------------------------------------------------- loaders


def _duck(sql: str) -> tuple[dict[str, str], int]:
    """The column types of a DuckDB query and its row count."""
    con = duckdb.connect()
    types = {r[0]: str(r[1]) for r in con.execute("DESCRIBE " + sql).fetchall()}
    count = con.execute(f"SELECT count(*) FROM ({sql})").fetchall()[0][0]
    return types, int(count)


def _write(tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"events.{fmt}"
    path.write_bytes(export_bytes(EVENTS, fmt, REFS))
    return path


def test_gdelt_loads_with_dtypes(tmp_path: Path) -> None:
    path = _write(tmp_path, "gdelt")
    df = pd.read_csv(path, sep="\t", dtype={"EventCode": str, "EventBaseCode": str,
                                             "EventRootCode": str})
    assert list(df.columns) == GDELT_2_0 and len(df) == 5
    for col in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
                "NumMentions", "NumSources", "NumArticles", "ActionGeo_Type", "DATEADDED"):
        assert pd.api.types.is_integer_dtype(df[col]), col
    for col in ("FractionDate", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long"):
        assert pd.api.types.is_float_dtype(df[col]), col
    assert df["EventCode"].tolist()[0] == "040" and df["EventRootCode"].tolist()[0] == "04"
    assert pd.to_datetime(df["SQLDATE"].astype(str), format="%Y%m%d").iloc[0] == \
        pd.Timestamp("2023-01-18")
    assert df["NumArticles"].iloc[0] == 2 and df["NumSources"].iloc[0] == 2
    types, count = _duck(f"SELECT * FROM read_csv('{path}', delim='\\t', header=true, "
                         "types={'EventCode': 'VARCHAR', 'EventBaseCode': 'VARCHAR', "
                         "'EventRootCode': 'VARCHAR'})")
    assert types["GLOBALEVENTID"] == "BIGINT" and types["QuadClass"] == "BIGINT"
    assert types["GoldsteinScale"] == "DOUBLE" and types["EventCode"] == "VARCHAR"
    assert count == 5


@pytest.mark.parametrize(("fmt", "date_cols", "int_cols", "float_cols"), [
    ("icews", ["Event Date"], ["Event ID"], ["Intensity"]),
    ("polecat", ["Event Date", "Publication Date"], ["Quad Code"], ["Intensity"]),
])
def test_tsv_loads_with_dtypes(tmp_path: Path, fmt: str, date_cols: list[str],
                               int_cols: list[str], float_cols: list[str]) -> None:
    path = _write(tmp_path, fmt)
    df = pd.read_csv(path, sep="\t", parse_dates=date_cols, dtype={"CAMEO Code": str})
    assert list(df.columns) == PUBLISHED[fmt] and len(df) == 5
    for col in date_cols:
        assert pd.api.types.is_datetime64_any_dtype(df[col]), col
    for col in int_cols:
        assert pd.api.types.is_integer_dtype(df[col]), col
    for col in float_cols:
        assert pd.api.types.is_float_dtype(df[col]), col
    # a quote, a tab in a value: still one row per dyad, the tab became a space
    text = path.read_text(encoding="utf-8")
    assert "Minister of the Interior" in text or fmt == "icews"
    types, count = _duck(f"SELECT * FROM read_csv('{path}', delim='\\t', header=true)")
    for col in date_cols:
        assert types[col] == "DATE", (col, types[col])
    for col in int_cols:
        assert types[col] == "BIGINT", (col, types[col])
    assert count == 5


def test_plover_loads_in_pandas_and_duckdb(tmp_path: Path) -> None:
    path = _write(tmp_path, "plover")
    df = pd.read_json(path, lines=True, dtype={"date": "datetime64[ns]"})
    assert list(df.columns)[:len(PLOVER)] == PLOVER and len(df) == 1 + 3 + 1 + 1
    assert pd.api.types.is_datetime64_any_dtype(pd.to_datetime(df["date"]))
    types, count = _duck(f"SELECT * FROM read_json('{path}')")
    assert types["date"] == "DATE" and types["id"] == "VARCHAR" and count == 6
    assert types["source"].startswith("STRUCT(") and types["text_info"].startswith("STRUCT(")
    row = duckdb.connect().execute(
        f"SELECT source[1].code, recipient[1].code, text_info[1].start "
        f"FROM read_json('{path}') ORDER BY id LIMIT 1").fetchall()
    assert row == [("MEX", "USA", 10)]
