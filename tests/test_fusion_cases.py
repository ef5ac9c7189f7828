"""Fusion end to end: near-duplicate pages, separate meetings kept apart, incremental runs
with stable ids, Wikidata actor import, calendar reasoning within tenures."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summitry import dedup, embed, wikidata
from summitry.actors import ActorStore
from summitry.cli import app
from summitry.dates import find_time_mentions, fit_within
from summitry.fuse import fuse, pair_score
from summitry.pipeline import Pipeline, run
from summitry.records import Event
from summitry.store import Store

DATA = Path(__file__).parent / "data"
FUSION = DATA / "fusion"
WIKIDATA = DATA / "wikidata_positions.json"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _copy(tmp: Path, *names: str) -> Path:
    folder = tmp / "in"
    folder.mkdir(exist_ok=True)
    for n in names:
        shutil.copy(FUSION / f"{n}.txt", folder / f"{n}.txt")
    return folder


def _events(db: Path) -> list[Event]:
    with Store(db, read_only=True) as store:
        return store.query_events()


def _meetings(db: Path) -> list[Event]:
    """The CONSULT events (the pages' "agreed to" may also give an AGREE each)."""
    return [e for e in _events(db) if e.type == "CONSULT"]


# --------------------------------------------------------------------------- near-duplicates


def test_syndicated_copy_with_other_boilerplate_is_one_report(tmp_path: Path,
                                                              pipe: Pipeline) -> None:
    db = tmp_path / "d.duckdb"
    run([_copy(tmp_path, "wire_a", "wire_b")], db, pipeline=pipe)
    with Store(db, read_only=True) as store:
        assert store.dup_groups() == {"wire_a": "wire_a", "wire_b": "wire_a"}
        assert store.counts()["duplicate_groups"] == 1
    assert all(e.doc_ids == ("wire_a", "wire_b") for e in _events(db))
    (event,) = _meetings(db)
    reasons = dict(event.reasons)
    assert "1 independent reports (1 near-duplicate copies)" in reasons["sources"]
    # a copy is not a confirmation: same confidence as the single page
    single = tmp_path / "s.duckdb"
    run([FUSION / "wire_a.txt"], single, pipeline=pipe)
    assert event.confidence == _meetings(single)[0].confidence


def test_minhash_groups_copies_not_different_reports() -> None:
    a = (FUSION / "wire_a.txt").read_text(encoding="utf-8")
    other = (FUSION / "april_talks.txt").read_text(encoding="utf-8")
    sigs = {"a": dedup.signature(a), "b": dedup.signature(a.replace("Thursday", "Thursday,")),
            "c": dedup.signature(other)}
    assert dedup.groups(sigs) == {"a": "a", "b": "a"}
    assert dedup.similarity(sigs["a"], sigs["c"]) < 0.3


# --------------------------------------------------------------------------- kept apart


def test_two_meetings_a_month_apart_stay_two_events(tmp_path: Path, pipe: Pipeline) -> None:
    db = tmp_path / "m.duckdb"
    run([_copy(tmp_path, "wire_a", "april_talks", "undated")], db, pipeline=pipe)
    events = _meetings(db)
    assert len(events) == 2
    by_month = {e.date.start.month: e for e in events if e.date.start}
    assert set(by_month) == {3, 4}
    assert by_month[3].location and by_month[3].location.name == "Bogotá"
    assert by_month[4].location and by_month[4].location.name == "Quito"
    # the undated report joined exactly one of them, never both
    assert sum("undated" in e.doc_ids for e in events) == 1


def test_meeting_and_agreement_signed_at_it_stay_two_events(pipe: Pipeline) -> None:
    text = (DATA / "pages" / "rabat_talks.txt").read_text(encoding="utf-8")
    _, events = pipe.process_text(text, "rabat")
    fused, _ = fuse(events)
    assert sorted(e.type for e in fused) == ["AGREE", "CONSULT"]


def test_phone_call_and_later_visit_stay_apart(pipe: Pipeline) -> None:
    call = ("Published: 2 May 2022\n\nSpanish Minister of the Interior Fernando Grande-Marlaska "
            "spoke by phone with Moroccan Interior Minister Abdelouafi Laftit on Monday about "
            "irregular migration.\n")
    visit = ("Published: 6 May 2022\n\nSpanish Minister of the Interior Fernando Grande-Marlaska "
             "met Moroccan Interior Minister Abdelouafi Laftit in Rabat on Thursday to discuss "
             "irregular migration.\n")
    (a,) = pipe.process_text(call, "call")[1]
    (b,) = pipe.process_text(visit, "visit")[1]
    assert (a.mode, b.mode) == ("phone", "in_person")
    assert pair_score(a, b) is None
    assert len(fuse([a, b])[0]) == 2


# --------------------------------------------------------------------------- incremental


def test_incremental_run_merges_into_the_existing_event_with_a_stable_id(
        tmp_path: Path, pipe: Pipeline) -> None:
    db = tmp_path / "i.duckdb"
    run([FUSION / "april_talks.txt"], db, pipeline=pipe)
    (first,) = _events(db)
    run([FUSION / "undated.txt"], db, pipeline=pipe)
    (merged,) = _events(db)
    assert merged.event_id == first.event_id
    assert merged.doc_ids == ("april_talks", "undated")
    # the fused date comes from the dated source, with its reason
    assert merged.date.start == dt.date(2023, 4, 5)
    assert "most precise date" in dict(merged.reasons)["date"]
    # repeating the runs changes nothing
    run([FUSION / "april_talks.txt", FUSION / "undated.txt"], db, pipeline=pipe)
    assert _events(db) == [merged]


def test_merged_id_redirects_and_cli_follows_it(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    e1 = _events_from(["april_talks"])[0]
    with Store(db) as store:
        store.replace_events([e1], {"ev_gone": e1.event_id})
    result = CliRunner().invoke(app, ["show", "ev_gone", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert e1.event_id in result.output


def _events_from(names: list[str]) -> list[Event]:
    pipe = Pipeline()
    out: list[Event] = []
    for n in names:
        out += pipe.process_text((FUSION / f"{n}.txt").read_text(encoding="utf-8"), n)[1]
    return out


# --------------------------------------------------------------------------- actors


def test_wikidata_import_reads_positions_and_reports_bad_rows() -> None:
    result = wikidata.load(WIKIDATA)
    assert result.rows == 4
    assert len(result.skipped) == 2
    names = {a.name: a for a in result.actors}
    velasquez = names["Iván Velásquez"]
    assert velasquez.country == "COL"
    (role,) = velasquez.roles
    assert (role.role, role.organization) == ("Minister of Defense", "Ministry of Defense")
    assert (role.start, role.end) == (dt.date(2022, 8, 7), dt.date(2025, 2, 18))
    assert "Iván Velásquez Gómez" in velasquez.aliases


def test_imported_roles_merge_into_known_people() -> None:
    store = ActorStore.default().copy()
    store.merge(wikidata.load(WIKIDATA).actors)
    napolitano = store.match("Janet Napolitano")
    assert napolitano is not None and napolitano.id == "janet-napolitano"
    assert {r.role for r in napolitano.roles} == {"Secretary of Homeland Security",
                                                  "Governor of Arizona"}
    # DHS tenure is still the DHS term, not the union with the governorship
    assert store.tenure(napolitano, "Secretary of Homeland Security") == (
        dt.date(2009, 1, 21), dt.date(2013, 9, 6))
    assert ActorStore.default().match("Ivan Velasquez") is None  # the default is untouched


def test_actors_cli_import_list_show(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    runner = CliRunner()
    res = runner.invoke(app, ["actors", "import", str(WIKIDATA), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "2 actors with 2 roles imported from 4 rows" in res.output
    res = runner.invoke(app, ["actors", "show", "Ivan Velasquez", "--db", str(db)])
    assert res.exit_code == 0
    assert json.loads(res.output)["country"] == "COL"
    res = runner.invoke(app, ["actors", "list", "--db", str(db), "--country", "COL"])
    assert "Iván Velásquez" in res.output and "Mayorkas" not in res.output
    res = runner.invoke(app, ["actors", "show", "Nobody Atall"])
    assert res.exit_code == 1


def test_imported_actors_are_used_by_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "u.duckdb"
    CliRunner().invoke(app, ["actors", "import", str(WIKIDATA), "--db", str(db)])
    run([FUSION / "undated.txt"], db, pipeline=Pipeline())
    (event,) = _events(db)
    # no publication date: the imported tenure of Velásquez bounds the date
    assert event.date.start is not None and event.date.start >= dt.date(2022, 8, 7)
    assert event.date.end is not None and event.date.end <= dt.date(2025, 2, 18)


def test_roles_learned_from_the_corpus(tmp_path: Path, pipe: Pipeline) -> None:
    db = tmp_path / "l.duckdb"
    run([FUSION / "april_talks.txt"], db, pipeline=pipe)
    with Store(db, read_only=True) as store:
        learned = {json.loads(r[2])["name"]: json.loads(r[2])
                   for r in store.actor_records("learned")}
    assert learned["Luis Lara"]["country"] == "ECU"
    assert learned["Luis Lara"]["roles"][0]["role"] == "Minister of Defense"
    assert learned["Luis Lara"]["first_seen"] == "2023-04-05"


# --------------------------------------------------------------------------- calendar


def test_weekday_and_day_fit_within_tenures() -> None:
    ms = find_time_mentions("met in Mexico City on Tuesday, January 10, for the summit")
    fit = fit_within(ms, dt.date(2021, 1, 20), dt.date(2024, 9, 30))
    assert fit is not None and (fit.start, fit.end) == (dt.date(2023, 1, 10),) * 2
    # two Tuesdays the 10th of January in the window: no unique answer
    assert fit_within(ms, dt.date(2017, 1, 1), dt.date(2024, 9, 30)) is None


# --------------------------------------------------------------------------- embeddings


@pytest.mark.skipif(not embed.available(), reason="the 'embed' extra is not installed")
def test_embedding_similarity_ranks_same_event_above_a_different_one() -> None:
    a = "The defence ministers of Colombia and Ecuador met in Bogotá to coordinate border patrols."
    b = "Colombia's and Ecuador's defence ministers held talks in Bogotá on joint border patrols."
    c = "The finance ministers of Chile and Peru discussed copper exports in Lima."
    ab, ac = embed.similarity(a, b), embed.similarity(a, c)
    assert ab is not None and ac is not None
    assert ab > ac + 0.2


# --------------------------------------------------------------------------- open ranges


@pytest.mark.parametrize(("until", "fused"), [
    (True, True),
    # negative: "on Monday" dates the meeting two days after the other report's Saturday
    (False, False),
])
def test_a_meeting_that_runs_until_a_weekday_joins_a_report_of_an_earlier_day(
        tmp_path: Path, pipe: Pipeline, until: bool, fused: bool) -> None:
    folder = _copy(tmp_path, "until_monday", "on_saturday")
    if not until:
        page = folder / "until_monday.txt"
        page.write_text(page.read_text(encoding="utf-8").replace("till Monday", "on Monday"),
                        encoding="utf-8")
    db = tmp_path / "d.duckdb"
    run([folder], db, pipeline=pipe)
    meetings = _meetings(db)
    assert len(meetings) == (1 if fused else 2)
    if fused:
        (ev,) = meetings
        assert set(ev.doc_ids) == {"until_monday", "on_saturday"}
        assert (ev.date.start, ev.date.end) == (dt.date(2024, 11, 16), dt.date(2024, 11, 16))
