"""Tests for the scorer (GUIDELINES.md "Scoring"): exact figures on known perturbations."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from summitry import evaluate
from summitry.evaluate import family_name, format_errors, format_report, normalize_text, score

REAL_GOLD = Path(__file__).resolve().parents[1].parent / "shared/eval/dev/gold.jsonl"

DOC_A, DOC_B, DOC_C = "a_paris", "b_rabat", "c_washington"


def _gold(gold_id: str, docs: list[str], type_: str, countries: list[str], **kw: Any) -> dict:
    rec: dict[str, Any] = {
        "gold_id": gold_id,
        "docs": docs,
        "type": type_,
        "mode": None,
        "status": "occurred",
        "date": {"start": None, "end": None, "precision": "unknown"},
        "location": None,
        "countries": countries,
        "participants": [],
        "organizations": [],
        "topics": [],
        "topics_optional": [],
        "optional": False,
        "notes": "",
    }
    rec.update(kw)
    return rec


def _person(name: str, country: str) -> dict[str, Any]:
    return {"name": name, "role": None, "organization": None, "country": country}


# Three documents; A1 is reported by two of them (one fusion pair: a_paris + b_rabat).
# Non-optional (event, document) instances: A1@a, A1@b, A2@a, B1@b, C2@c = 5.
# Participants per instance: A1 2 (x2 docs), A2 2, B1 1, C2 1 = 8.
# Topics per instance: A1 2 (x2), A2 1, B1 1, C2 1 = 7. Scored dates: 5. Scored locations: 3.
GOLD: list[dict[str, Any]] = [
    _gold(
        "fra-deu-2021-paris-meeting",
        [DOC_A, DOC_B],
        "CONSULT",
        ["DEU", "FRA"],
        mode="in_person",
        date={"start": "2021", "end": "2021", "precision": "year"},
        location={"name": "Paris", "country": "FRA"},
        participants=[_person("Gérald Darmanin", "FRA"), _person("Nancy Faeser", "DEU")],
        organizations=["Ministry of the Interior", "Federal Ministry of the Interior"],
        topics=["terrorism", "migration"],
        topics_optional=["training"],
    ),
    _gold(
        "fra-deu-2021-03-paris-declaration",
        [DOC_A],
        "AGREE",
        ["DEU", "FRA"],
        mode="signed",
        date={"start": "2021-03", "end": "2021-03", "precision": "month"},
        participants=[_person("Gérald Darmanin", "FRA"), _person("Nancy Faeser", "DEU")],
        topics=["terrorism"],
    ),
    _gold(
        "esp-mar-2022-05-10-handover",
        [DOC_B],
        "COOPERATE",
        ["ESP", "MAR"],
        date={"start": "2022-05-10", "end": "2022-05-10", "precision": "day"},
        location={"name": "Rabat", "country": "MAR"},
        participants=[_person("Fernando Grande-Marlaska", "ESP")],
        topics=["migrant_smuggling"],
    ),
    _gold(
        "usa-ukr-aid-mention",
        [DOC_C],
        "AID",
        ["UKR", "USA"],
        optional=True,
    ),
    _gold(
        "usa-mex-2020-06-extradition-request",
        [DOC_C],
        "REQUEST",
        ["MEX", "USA"],
        date={"start": "2020-06-01", "end": "2020-06-30", "precision": "day"},
        participants=[_person("Marcelo Ebrard", "MEX")],
        topics=["drug_trafficking"],
    ),
]
A1, A2, B1, C1, C2 = range(5)


def as_system(gold: list[dict[str, Any]], via_sources: bool = False) -> list[dict[str, Any]]:
    """Gold records in the ``Event.as_dict()`` export shape."""
    out = []
    for rec in gold:
        loc = rec["location"]
        sys_rec: dict[str, Any] = {
            "event_id": "sys-" + rec["gold_id"],
            "type": rec["type"],
            "mode": rec["mode"],
            "status": rec["status"],
            "date": copy.deepcopy(rec["date"]),
            "location": None if loc is None else {**loc, "lat": None, "lon": None},
            "countries": list(rec["countries"]),
            "participants": copy.deepcopy(rec["participants"]),
            "organizations": list(rec["organizations"]),
            "topics": list(rec["topics"]),
            "confidence": 0.9,
            "sources": [{"doc_id": d, "evidence": []} for d in rec["docs"]],
            "reasons": {},
        }
        if not via_sources:
            sys_rec["docs"] = list(rec["docs"])
        out.append(sys_rec)
    return out


@pytest.fixture
def system() -> list[dict[str, Any]]:
    return as_system(GOLD)


def _assert_perfect(report: evaluate.Report) -> None:
    for name in ("event", "participants", "topics", "fusion"):
        for suffix in ("p", "r", "f1"):
            assert getattr(report, f"{name}_{suffix}") == 1.0, (name, suffix)
    for name in ("mode", "status", "date", "location"):
        assert getattr(report, f"{name}_acc") == 1.0, name
    assert report.fp == 0 and report.fn == 0
    assert report.errors == []


# --------------------------------------------------------------------------- identity


@pytest.mark.parametrize("via_sources", [False, True])
def test_inline_gold_against_itself_is_perfect(via_sources: bool) -> None:
    report = score(GOLD, as_system(GOLD, via_sources))
    _assert_perfect(report)
    assert (report.tp, report.optional_matched, report.n_docs) == (5, 1, 3)
    assert (report.participants_tp, report.topics_tp, report.fusion_tp) == (8, 7, 1)
    assert (report.date_total, report.location_total, report.mode_total) == (5, 3, 5)


@pytest.mark.parametrize("via_sources", [False, True])
def test_real_gold_against_itself_is_perfect(via_sources: bool) -> None:
    if not REAL_GOLD.is_file():
        pytest.skip("needs ../shared/eval (present in CI)")
    gold = evaluate.load_jsonl(REAL_GOLD)
    report = score(gold, as_system(gold, via_sources))
    _assert_perfect(report)
    non_optional = sum(len(g["docs"]) for g in gold if not g.get("optional"))
    assert report.tp == non_optional


def test_empty_docs_list_falls_back_to_sources(system: list[dict[str, Any]]) -> None:
    for rec in system:
        rec["docs"] = []
    _assert_perfect(score(GOLD, system))


# --------------------------------------------------------------------------- events


def test_dropping_a_single_doc_event_costs_one_fifth_recall(system: list[dict]) -> None:
    del system[B1]
    report = score(GOLD, system)
    assert (report.tp, report.fp, report.fn) == (4, 0, 1)
    assert report.event_r == pytest.approx(4 / 5)
    assert report.event_p == 1.0
    assert report.event_f1 == pytest.approx(2 * 0.8 / 1.8)


def test_dropping_a_two_doc_event_counts_once_per_document(system: list[dict]) -> None:
    del system[A1]
    report = score(GOLD, system)
    assert (report.tp, report.fp, report.fn) == (3, 0, 2)
    assert report.event_r == pytest.approx(3 / 5)


def test_spurious_event_lowers_precision(system: list[dict]) -> None:
    extra = copy.deepcopy(system[C2])
    extra.update(event_id="sys-spurious", type="CONSULT", countries=["GRC", "ITA"])
    system.append(extra)
    report = score(GOLD, system)
    assert (report.tp, report.fp, report.fn) == (5, 1, 0)
    assert report.event_p == pytest.approx(5 / 6)
    assert report.event_r == 1.0
    spurious = [e for e in report.errors if e.kind == "spurious"]
    assert [(e.doc_id, e.event_id) for e in spurious] == [(DOC_C, "sys-spurious")]


def test_changed_country_is_both_fp_and_fn(system: list[dict]) -> None:
    system[B1]["countries"] = ["ESP", "FRA"]
    report = score(GOLD, system)
    assert (report.tp, report.fp, report.fn) == (4, 1, 1)
    assert report.event_p == pytest.approx(4 / 5)
    assert report.event_r == pytest.approx(4 / 5)
    kinds = {(e.kind, e.gold_id, e.event_id) for e in report.errors}
    assert ("missed", GOLD[B1]["gold_id"], None) in kinds
    assert ("spurious", None, system[B1]["event_id"]) in kinds


def test_changed_type_does_not_match(system: list[dict]) -> None:
    system[A2]["type"] = "CONSULT"
    report = score(GOLD, system)
    assert (report.tp, report.fp, report.fn) == (4, 1, 1)


def test_fused_event_can_be_tp_in_one_doc_and_fp_in_another(system: list[dict]) -> None:
    system[B1]["docs"] = [DOC_B, DOC_C]
    report = score(GOLD, system)
    assert (report.tp, report.fp, report.fn) == (5, 1, 0)
    assert [e.doc_id for e in report.errors if e.kind == "spurious"] == [DOC_C]


def test_matched_optional_gold_is_neither_tp_nor_fp(system: list[dict]) -> None:
    system[C1]["date"] = {"start": "1999", "end": "1999", "precision": "year"}
    report = score(GOLD, system)
    assert (report.tp, report.fp, report.fn, report.optional_matched) == (5, 0, 0, 1)
    assert report.date_total == 5  # the optional pair's fields are not scored
    assert report.errors == []


def test_unmatched_optional_gold_is_ignored(system: list[dict]) -> None:
    del system[C1]
    report = score(GOLD, system)
    assert (report.tp, report.fp, report.fn, report.optional_matched) == (5, 0, 0, 0)
    _assert_perfect(report)


def test_matching_prefers_most_shared_people_and_orgs() -> None:
    doc = "d_mexico"
    gold = [
        _gold(
            "first",
            [doc],
            "CONSULT",
            ["MEX", "USA"],
            date={"start": "2013-05", "end": "2013-05", "precision": "month"},
            participants=[_person("Janet Napolitano", "USA")],
        ),
        _gold(
            "second",
            [doc],
            "CONSULT",
            ["MEX", "USA"],
            date={"start": "2013-09", "end": "2013-09", "precision": "month"},
            participants=[_person("Jeh Johnson", "USA")],
            organizations=["Secretaría de Gobernación"],
        ),
    ]
    system = list(reversed(as_system(gold)))  # gold order alone would pair them crosswise
    report = score(gold, system)
    assert (report.tp, report.date_correct, report.date_total) == (2, 2, 2)
    system[0]["participants"] = []  # overlap now comes from the organisation alone
    report = score(gold, system)
    assert (report.date_correct, report.participants_fn) == (2, 1)


def test_ties_break_by_date_and_mode_agreement() -> None:
    doc = "d_tie"
    gold = [
        _gold("g1", [doc], "CONSULT", ["MEX", "USA"], mode="phone"),
        _gold("g2", [doc], "CONSULT", ["MEX", "USA"], mode="virtual"),
    ]
    system = as_system(gold)
    system[0]["mode"], system[1]["mode"] = "virtual", "phone"
    report = score(gold, system)
    # the phone call is matched to the phone call, whatever the list order
    assert (report.tp, report.mode_correct, report.mode_total) == (2, 2, 2)


def test_full_ties_break_by_gold_then_system_order() -> None:
    doc = "d_tie2"
    gold = [_gold("g1", [doc], "CONSULT", ["MEX", "USA"], mode="phone"),
            _gold("g2", [doc], "CONSULT", ["MEX", "USA"], mode="phone")]
    system = as_system(gold)
    system[0]["topics"], system[1]["topics"] = ["migration"], []
    gold[1]["topics"] = ["migration"]
    report = score(gold, system)
    # equal overlap and agreement: g1 takes the first system event
    assert report.tp == 2 and report.topics_fp == 1 and report.topics_fn == 1
    assert [(e.gold_id, e.event_id) for e in report.errors] == [
        ("g1", "sys-g1"),
        ("g2", "sys-g2"),
    ]


def test_doc_ids_restrict_the_universe(system: list[dict]) -> None:
    report = score(GOLD, system, doc_ids=[DOC_A])
    assert (report.n_docs, report.tp, report.fp, report.fn) == (1, 2, 0, 0)
    assert (report.fusion_tp, report.fusion_fp, report.fusion_fn) == (0, 0, 0)
    assert report.fusion_f1 == 1.0


def test_doc_in_universe_without_events_scores_nothing(system: list[dict]) -> None:
    report = score(GOLD, system, doc_ids=[DOC_A, DOC_B, DOC_C, "z_empty"])
    assert report.n_docs == 4
    _assert_perfect(report)


def test_empty_inputs_are_vacuously_perfect() -> None:
    report = score([], [])
    assert (report.event_p, report.event_r, report.event_f1) == (1.0, 1.0, 1.0)
    assert report.date_acc is None and report.location_acc is None


def test_no_system_output_scores_zero() -> None:
    report = score(GOLD, [])
    assert (report.event_p, report.event_r, report.event_f1) == (0.0, 0.0, 0.0)
    assert (report.fusion_p, report.fusion_r) == (0.0, 0.0)
    assert report.mode_acc is None


# --------------------------------------------------------------------------- fields


def test_wrong_year_gives_known_date_accuracy(system: list[dict]) -> None:
    system[B1]["date"] = {"start": "2023-05-10", "end": "2023-05-10", "precision": "day"}
    report = score(GOLD, system)
    assert (report.date_correct, report.date_total) == (4, 5)
    assert report.date_acc == pytest.approx(4 / 5)
    [err] = report.errors
    assert (err.kind, err.field, err.gold_id) == ("field", "date", GOLD[B1]["gold_id"])


def test_wrong_date_on_fused_event_counts_in_each_document(system: list[dict]) -> None:
    system[A1]["date"] = {"start": "2022", "end": "2022", "precision": "year"}
    assert score(GOLD, system).date_acc == pytest.approx(3 / 5)


def _date_verdict(gold_date: dict[str, Any], sys_date: Any) -> tuple[int, int]:
    gold = [_gold("g", ["d"], "CONSULT", ["FRA", "USA"], date=gold_date)]
    system = as_system(gold)
    system[0]["date"] = sys_date
    report = score(gold, system)
    return report.date_correct, report.date_total


def _d(start: str | None, end: str | None = None, precision: str = "day") -> dict[str, Any]:
    return {"start": start, "end": end if end is not None else start, "precision": precision}


YEAR_2021 = _d("2021", precision="year")
MARCH_2021 = _d("2021-03", precision="month")


@pytest.mark.parametrize(
    ("gold_date", "sys_date", "verdict"),
    [
        (YEAR_2021, _d("2021", precision="year"), (1, 1)),
        (YEAR_2021, _d("2021-04-08"), (1, 1)),
        (YEAR_2021, _d("2021-01-01", "2021-12-31"), (1, 1)),
        (YEAR_2021, _d("2022", precision="year"), (0, 1)),
        (YEAR_2021, _d("2020-12-31", "2021-01-05"), (0, 1)),
        (YEAR_2021, None, (0, 1)),
        (YEAR_2021, _d(None, None, "unknown"), (0, 1)),
        (YEAR_2021, _d("sometime"), (0, 1)),
        (MARCH_2021, _d("2021-03-05"), (1, 1)),
        (MARCH_2021, _d("2021-03-31"), (1, 1)),
        (MARCH_2021, _d("2021-04-01"), (0, 1)),
        (MARCH_2021, _d("2021", precision="year"), (0, 1)),
        (_d("2021-03-24", precision="year"), _d("2021-11-02"), (1, 1)),
        (_d("2023-01-18", "2023-01-19"), _d("2023-01-19"), (1, 1)),
        (_d("2023-01-18", "2023-01-19"), _d("2023-01-18", "2023-01-20"), (0, 1)),
        (_d("2023-01-18", "2023-01-19"), _d("2023-01", precision="month"), (0, 1)),
        (_d(None, None, "unknown"), _d("2021"), (0, 0)),
        (_d("2021", precision="unknown"), _d("1990"), (0, 0)),
        (None, _d("2021"), (0, 0)),
    ],
)
def test_date_rule(gold_date: Any, sys_date: Any, verdict: tuple[int, int]) -> None:
    assert _date_verdict(gold_date, sys_date) == verdict


def test_unscored_date_gives_none_accuracy() -> None:
    gold = [_gold("g", ["d"], "CONSULT", ["FRA", "USA"])]
    report = score(gold, as_system(gold))
    assert report.date_acc is None and report.date_total == 0


@pytest.mark.parametrize(
    ("sys_loc", "ok"),
    [
        ({"name": "Paris", "country": "FRA"}, True),
        ({"name": " paris, ", "country": "fra", "lat": 48.85, "lon": 2.35}, True),
        ({"name": "Paris", "country": "USA"}, False),
        ({"name": "Lyon", "country": "FRA"}, False),
        (None, False),
    ],
)
def test_location_rule(system: list[dict], sys_loc: Any, ok: bool) -> None:
    system[A1]["location"] = sys_loc
    report = score(GOLD, system)
    assert report.location_total == 3
    assert report.location_correct == (3 if ok else 1)


def test_location_not_scored_where_gold_is_null(system: list[dict]) -> None:
    system[A2]["location"] = {"name": "Berlin", "country": "DEU"}
    assert score(GOLD, system).location_acc == 1.0


def test_location_name_accents_are_folded() -> None:
    gold = [
        _gold(
            "g", ["d"], "CONSULT", ["BRA", "USA"], location={"name": "São Paulo", "country": "BRA"}
        )
    ]
    system = as_system(gold)
    system[0]["location"] = {"name": "Sao Paulo", "country": "BRA"}
    assert score(gold, system).location_acc == 1.0


def test_mode_and_status_are_exact(system: list[dict]) -> None:
    system[A2]["mode"] = "verbal"
    system[B1]["status"] = "planned"
    system[C2]["mode"] = "phone"  # gold null
    report = score(GOLD, system)
    assert (report.mode_correct, report.mode_total) == (3, 5)
    assert (report.status_correct, report.status_total) == (4, 5)
    assert {e.field for e in report.errors} == {"mode", "status"}


def test_extra_participant_lowers_participant_precision(system: list[dict]) -> None:
    system[B1]["participants"].append(_person("Abdelouafi Laftit", "MAR"))
    report = score(GOLD, system)
    assert (report.participants_tp, report.participants_fp, report.participants_fn) == (8, 1, 0)
    assert report.participants_p == pytest.approx(8 / 9)
    assert report.participants_r == 1.0
    [err] = report.errors
    assert err.field == "participants" and "laftit" in err.detail


def test_participants_compare_by_family_name(system: list[dict]) -> None:
    system[B1]["participants"] = [_person("F. GRANDE-MARLASKA", "ESP")]
    system[A2]["participants"] = [_person("Gerald Darmanin", "FRA")]  # Faeser missing
    report = score(GOLD, system)
    assert (report.participants_tp, report.participants_fp, report.participants_fn) == (7, 0, 1)
    assert report.participants_r == pytest.approx(7 / 8)


def test_optional_topics_are_ignored(system: list[dict]) -> None:
    system[A1]["topics"].append("training")
    _assert_perfect(score(GOLD, system))


def test_extra_topic_lowers_topic_precision(system: list[dict]) -> None:
    system[B1]["topics"].append("cybercrime")
    report = score(GOLD, system)
    assert (report.topics_tp, report.topics_fp, report.topics_fn) == (7, 1, 0)
    assert report.topics_p == pytest.approx(7 / 8)


def test_missing_topic_lowers_topic_recall(system: list[dict]) -> None:
    system[A1]["topics"] = ["terrorism"]  # counted in both documents of A1
    report = score(GOLD, system)
    assert report.topics_r == pytest.approx(5 / 7)


# --------------------------------------------------------------------------- fusion


def test_split_two_doc_event_loses_fusion_recall(system: list[dict]) -> None:
    fused = system.pop(A1)
    for doc in (DOC_A, DOC_B):
        part = copy.deepcopy(fused)
        part.update(event_id=f"split-{doc}", docs=[doc])
        system.append(part)
    report = score(GOLD, system)
    assert report.event_f1 == 1.0
    assert (report.fusion_tp, report.fusion_fp, report.fusion_fn) == (0, 0, 1)
    assert (report.fusion_p, report.fusion_r, report.fusion_f1) == (0.0, 0.0, 0.0)
    unfused = [e for e in report.errors if e.kind == "unfused"]
    assert [(e.doc_id, e.gold_id, e.field) for e in unfused] == [
        (DOC_A, "fra-deu-2021-paris-meeting", "fusion")]
    assert f"({'split-' + DOC_A} / {'split-' + DOC_B})" in unfused[0].detail
    assert "unfused" in format_errors(report)


def test_merging_unrelated_docs_lowers_fusion_precision(system: list[dict]) -> None:
    system[B1]["docs"] = [DOC_B, DOC_C]  # links b+c, which no gold event does
    report = score(GOLD, system)
    assert (report.fusion_tp, report.fusion_fp, report.fusion_fn) == (1, 1, 0)
    misfused = [e for e in report.errors if e.kind == "misfused"]
    assert [(e.doc_id, e.event_id) for e in misfused] == [(DOC_B, system[B1]["event_id"])]
    assert f"{DOC_B} + {DOC_C}" in misfused[0].detail
    assert report.fusion_p == pytest.approx(1 / 2)
    assert report.fusion_r == 1.0
    assert report.fusion_f1 == pytest.approx(2 / 3)


def test_fusion_three_docs_in_one_event(system: list[dict]) -> None:
    system[A1]["docs"] = [DOC_A, DOC_B, DOC_C]
    report = score(GOLD, system)
    assert (report.fusion_tp, report.fusion_fp) == (1, 2)
    assert report.fusion_p == pytest.approx(1 / 3)


def test_optional_gold_events_count_for_fusion() -> None:
    gold = [_gold("opt", ["x", "y"], "AID", ["UKR", "USA"], optional=True)]
    report = score(gold, as_system(gold))
    assert (report.fusion_tp, report.fusion_f1) == (1, 1.0)
    assert (report.tp, report.optional_matched) == (0, 2)


def test_system_pairs_without_gold_pairs_score_zero() -> None:
    gold = [_gold("g", ["x"], "AID", ["UKR", "USA"])]
    system = as_system(gold)
    system[0]["docs"] = ["x", "y"]
    report = score(gold, system)
    assert (report.fusion_p, report.fusion_r, report.fusion_f1) == (0.0, 0.0, 0.0)


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Fernando Grande-Marlaska", "grande-marlaska"),
        ("Francisco Jiménez", "jimenez"),
        ("Miguel Ángel Osorio Chong", "chong"),
        ("MAYORKAS", "mayorkas"),
        ("Alejandro Mayorkas,", "mayorkas"),
        ("", ""),
    ],
)
def test_family_name(name: str, key: str) -> None:
    assert family_name(name) == key


def test_normalize_text() -> None:
    assert normalize_text("  São   Paulo! ") == "sao paulo"
    assert normalize_text("Washington, D.C.") == "washington d c"
    assert normalize_text(None) == ""


# --------------------------------------------------------------------------- I/O and output


def test_load_jsonl_roundtrip_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n\n", encoding="utf-8")
    assert evaluate.load_jsonl(path) == GOLD


def test_load_jsonl_names_file_and_line_on_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"a": 1}\n{"a": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.jsonl:2: invalid JSON"):
        evaluate.load_jsonl(path)


def test_load_jsonl_rejects_non_objects(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"list\.jsonl:1"):
        evaluate.load_jsonl(str(path))


def test_format_report_lists_every_figure(system: list[dict]) -> None:
    del system[B1]
    text = format_report(score(GOLD, system))
    assert "event F1" in text
    assert "(P 1.000 R 0.800; tp 4 fp 0 fn 1)" in text
    assert "0.889" in text  # F1 = 2 * 0.8 / 1.8
    for label in ("mode acc", "status acc", "date acc", "location acc"):
        assert label in text
    for label in ("participants F1", "topics F1", "fusion F1"):
        assert label in text
    assert len(text.splitlines()) == 10


def test_format_report_marks_unscored_accuracy() -> None:
    assert "n/a" in format_report(score([], []))


def test_format_errors_lists_missed_event_with_gold_id(system: list[dict]) -> None:
    del system[B1]
    system[A2]["mode"] = "verbal"
    lines = format_errors(score(GOLD, system)).splitlines()
    assert len(lines) == 2
    missed = [line for line in lines if line.startswith("missed")]
    assert len(missed) == 1 and GOLD[B1]["gold_id"] in missed[0] and DOC_B in missed[0]
    field = [line for line in lines if line.startswith("field")]
    assert "field=mode" in field[0] and "'verbal'" in field[0]


def test_format_errors_empty_when_perfect(system: list[dict]) -> None:
    assert format_errors(score(GOLD, system)) == ""


def test_report_as_dict_is_json_serialisable(system: list[dict]) -> None:
    system[B1]["countries"] = ["ESP", "FRA"]
    data = json.loads(json.dumps(score(GOLD, system).as_dict()))
    assert data["fp"] == 1 and data["fn"] == 1
    assert {e["kind"] for e in data["errors"]} == {"missed", "spurious"}


def test_main_prints_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold_path, sys_path = tmp_path / "gold.jsonl", tmp_path / "events.jsonl"
    system = as_system(GOLD)
    del system[B1]
    gold_path.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    sys_path.write_text("\n".join(json.dumps(s) for s in system), encoding="utf-8")
    assert evaluate.main([str(gold_path), str(sys_path), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "event F1" in out and GOLD[B1]["gold_id"] in out
    assert evaluate.main([str(gold_path), str(sys_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fn"] == 1
