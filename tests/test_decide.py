"""Candidate events, the learned decision and its training: unit tests on our own texts."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summitry import candidates, decide, learn
from summitry.cli import app
from summitry.errors import ConfigError
from summitry.records import RawDoc

# A page we wrote: the second party stands only in the previous sentence.
TITLE_PAGE = (
    "Police chiefs of two neighbours hold talks on cattle rustling\n\n"
    "By a staff reporter\n\n"
    "NAIROBI, March 3 - A team of senior police commanders from Uganda arrived in Nairobi "
    "on Sunday evening for a two-day working visit, officials at the airport said.\n\n"
    "Kenyan Inspector General Japhet Koome met the visitors on Monday to discuss "
    "cross-border cattle rustling and the smuggling of small arms along the shared "
    "frontier, according to a statement from his office.\n\n"
    "The commanders said raids by armed groups had displaced hundreds of herders in the "
    "past year and called for faster exchange of intelligence between the border posts.\n"
)
MEETING_AND_SIGNING = (
    "Ghana and Togo sign police cooperation memorandum\n\n"
    "ACCRA, May 9 - The interior ministers of Ghana and Togo met in Accra on Tuesday and "
    "signed a memorandum of understanding on joint border patrols.\n"
)


def _model(weights: dict[str, float], intercept: float = 0.0, threshold: float = 0.5,
           rule_threshold: float = 0.5) -> decide.Model:
    names = tuple(sorted(weights))
    return decide.Model(names, tuple(0.0 for _ in names), tuple(1.0 for _ in names),
                        tuple(weights[n] for n in names), intercept, threshold,
                        rule_threshold, {})


@pytest.fixture(scope="module")
def rules_pipe() -> Any:
    from summitry.pipeline import Pipeline

    return Pipeline(use_model=False)


def _cands(pipe: Any, text: str) -> list[candidates.Candidate]:
    _doc, analysis, cands = pipe.candidates(RawDoc("t", text))
    assert analysis is not None
    return cands


def test_candidates_take_the_second_party_from_the_previous_sentence(
        rules_pipe: Any) -> None:
    cands = _cands(rules_pipe, TITLE_PAGE)
    met = [c for c in cands if c.event.mentions[0].trigger.token.lower_ == "met"]
    assert met, [c.text for c in cands]
    sets = {(c.origin, c.event.country_set) for c in met}
    assert ("context", frozenset({"KEN", "UGA"})) in sets
    # the sentence alone names one government: no sentence-window candidate for it
    assert all(c.origin != "sentence" for c in met)


def test_candidates_propose_the_other_type_a_sentence_cues(rules_pipe: Any) -> None:
    cands = _cands(rules_pipe, MEETING_AND_SIGNING)
    keys = {c.key for c in cands}
    both = frozenset({"GHA", "TGO"})
    assert ("CONSULT", both) in keys and ("AGREE", both) in keys
    retyped = [c for c in cands if c.variant == "retyped"]
    assert all(c.features.get("retyped") == 1.0 for c in retyped)


SIGNING_ONLY = (
    "Border deal for two neighbours\n\n"
    "The police chiefs of Zambia and Malawi signed a memorandum on cattle theft in "
    "Lilongwe on Friday.\n"
)
PAPER_ONLY = (
    "Border deal for two neighbours\n\n"
    "Zambia and Malawi have signed a memorandum on cattle theft, the ministry said.\n"
)


def test_an_agreement_signed_in_person_proposes_its_meeting(rules_pipe: Any) -> None:
    both = frozenset({"MWI", "ZMB"})
    cands = _cands(rules_pipe, SIGNING_ONLY)
    siblings = [c for c in cands if c.variant == "sibling"]
    assert siblings and all(c.key == ("CONSULT", both) for c in siblings)
    assert all(c.features.get("sibling") == 1.0 for c in siblings)
    # no place and no people of the two sides: the paper alone is no meeting
    paper = _cands(rules_pipe, PAPER_ONLY)
    assert ("AGREE", both) in {c.key for c in paper}
    assert not [c for c in paper if c.variant == "sibling"]


def test_candidates_features_are_numeric_and_name_origin_and_type(rules_pipe: Any) -> None:
    for c in _cands(rules_pipe, MEETING_AND_SIGNING):
        assert f"origin={c.origin}" in c.features and f"type={c.event.type}" in c.features
        assert all(isinstance(v, float) for v in c.features.values())
        assert "key_rank" in c.features and "key_count" in c.features


def test_type_cues_come_from_the_lexicon() -> None:
    cues = candidates.type_cues()
    assert set(cues) == set(candidates.TYPES)
    assert "signed" in cues["AGREE"] and "met" in cues["CONSULT"]
    assert "met" not in cues["AGREE"]


def test_select_without_a_model_keeps_the_rule_events_only(rules_pipe: Any) -> None:
    cands = _cands(rules_pipe, TITLE_PAGE)
    kept = decide.select(cands, None)
    assert kept == [c.event for c in cands if c.is_rule]


def test_select_follows_the_model_and_sets_confidence(rules_pipe: Any) -> None:
    cands = _cands(rules_pipe, TITLE_PAGE)
    favour_context = _model({"origin=context": 4.0}, intercept=-2.0)
    kept = decide.select(cands, favour_context)
    assert {ev.country_set for ev in kept} >= {frozenset({"KEN", "UGA"})}
    assert all(ev.confidence is not None and ev.confidence > 0.5 for ev in kept)
    refuse_all = _model({"origin=context": 0.0}, intercept=-5.0)
    assert decide.select(cands, refuse_all) == []


def test_select_keeps_one_event_per_trigger_type_and_window_key(rules_pipe: Any) -> None:
    cands = _cands(rules_pipe, TITLE_PAGE)
    keep_all = _model({"origin=context": 0.0}, intercept=5.0)
    kept = decide.select(cands, keep_all)
    seen = [(ev.mentions[0].trigger.token.i, ev.type) for ev in kept]
    assert len(seen) == len(set(seen))


GIFT_PAGE = (
    "Embassy equips border police\n\n"
    "ACCRA, June 4 - The United States donated ten patrol vehicles worth $2 million to "
    "the Ghana Police Service on Monday.\n"
)
CUSTODY_PAGE = (
    "Fugitive sent to face charges\n\n"
    "MEXICO CITY, June 4 - Mexico handed over the suspect Ramon Tellez to United States "
    "marshals on Monday.\n"
)


def test_candidates_type_evidence_tells_a_gift_from_a_handover_of_a_person(
        rules_pipe: Any) -> None:
    gift = [c for c in _cands(rules_pipe, GIFT_PAGE) if c.event.type == "AID"]
    assert gift and gift[0].features["type=AID|gift"] == 1.0
    assert gift[0].features["type=AID|money"] == 1.0
    assert gift[0].features["type=AID|custody"] == 0.0
    custody = [c for c in _cands(rules_pipe, CUSTODY_PAGE) if c.event.type == "COOPERATE"]
    assert custody and custody[0].features["type=COOPERATE|custody"] == 1.0
    assert custody[0].features["type=COOPERATE|gift"] == 0.0


def test_select_keeps_one_of_aid_and_cooperate_for_one_handover(rules_pipe: Any) -> None:
    cands = _cands(rules_pipe, CUSTODY_PAGE)
    kinds = {c.event.type for c in cands}
    assert {"AID", "COOPERATE"} <= kinds  # "handed" cues both
    keep_all = _model({"type=COOPERATE": 3.0}, intercept=1.0, threshold=0.1,
                      rule_threshold=0.1)
    kept = decide.select(cands, keep_all)
    by_trigger: dict[int, set[str]] = {}
    for ev in kept:
        by_trigger.setdefault(ev.mentions[0].trigger.token.i, set()).add(ev.type)
    assert all(not {"AID", "COOPERATE"} <= types for types in by_trigger.values())
    assert any("COOPERATE" in types for types in by_trigger.values())


def test_model_json_round_trip_and_probability() -> None:
    m = _model({"a": 2.0, "b": -1.0}, intercept=0.5, threshold=0.4, rule_threshold=0.3)
    again = decide.from_dict(json.loads(json.dumps(m.as_dict())))
    assert again == m
    assert m.probability({"a": 1.0}) > m.probability({}) > m.probability({"b": 1.0})
    assert m.probability({"a": 1e9}) == pytest.approx(1.0)


@pytest.mark.parametrize("broken, message", [
    ({"format": "other"}, "not a decision model"),
    ({"names": ["a"], "mean": [0.0, 1.0]}, "disagree in length"),
    ({"scale": [0.0]}, "non-positive scale"),
    ({"intercept": "x"}, "malformed"),
])
def test_model_errors_are_specific(broken: dict[str, Any], message: str) -> None:
    good = _model({"a": 1.0}).as_dict()
    with pytest.raises(ConfigError, match=message):
        decide.from_dict({**good, **broken})


def test_the_shipped_model_loads() -> None:
    m = decide.load()
    assert m is not None
    assert 0.0 < m.threshold < 1.0 and 0.0 < m.rule_threshold < 1.0
    assert "origin=rule" in m.names and m.meta["examples"] > 100


def test_labels_mark_the_first_k_candidates_of_a_gold_key(rules_pipe: Any) -> None:
    c = _cands(rules_pipe, MEETING_AND_SIGNING)[0]
    key = (c.event.type, c.event.country_set)
    first = dataclasses.replace(c, features={**c.features, "key_rank": 0.0})
    second = dataclasses.replace(c, features={**c.features, "key_rank": 1.0})
    one_gold = [(key[0], key[1], False)]
    assert learn._label(first, one_gold) == 1
    assert learn._label(second, one_gold) == 0
    assert learn._label(second, [*one_gold, (key[0], key[1], True)]) is None
    assert learn._label(first, []) == 0


def test_folds_keep_a_cluster_together_and_cover_every_page() -> None:
    pages = [learn.Page(f"d{i}", None, []) for i in range(12)]
    gold = [{"docs": ["d0", "d1", "d2"]}, {"docs": ["d5", "d6"]}]
    pages[8].group, pages[9].group = "same hint", "same hint"
    learn._assign_groups(pages, gold)
    assert len({pages[i].group for i in (0, 1, 2)}) == 1
    assert pages[8].group == pages[9].group != pages[10].group
    parts = learn.folds(pages, 5)
    assert sorted(p.doc_id for part in parts for p in part) == sorted(p.doc_id for p in pages)
    where = {p.doc_id: i for i, part in enumerate(parts) for p in part}
    assert where["d0"] == where["d1"] == where["d2"] and where["d5"] == where["d6"]
    assert learn.folds(pages, 5) == parts  # fixed seed


def test_fit_learns_the_signal_and_is_reproducible() -> None:
    feats = [{"signal": float(i % 2), "noise": float((i * 7) % 5)} for i in range(80)]
    labels = [i % 2 for i in range(80)]
    m1 = learn.fit(feats, labels)
    m2 = learn.fit(feats, labels)
    assert m1 == m2
    assert m1.probability({"signal": 1.0, "noise": 2.0}) > 0.8
    assert m1.probability({"signal": 0.0, "noise": 2.0}) < 0.2


def test_train_and_cv_say_where_the_labelled_pages_should_be(tmp_path: Path) -> None:
    runner = CliRunner()
    for cmd in (["train", "--out", str(tmp_path / "m.json")], ["cv"]):
        result = runner.invoke(app, [*cmd, "--labelled", str(tmp_path / "nowhere")])
        assert result.exit_code != 0
        assert "labelled pages not found" in str(result.exception or result.output)


def test_train_writes_a_model_from_labelled_pages_we_wrote(tmp_path: Path) -> None:
    """Train on a tiny labelled folder of our own (two pages) through the CLI."""
    folder = tmp_path / "lab"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "p1.txt").write_text(MEETING_AND_SIGNING, encoding="utf-8")
    (folder / "docs" / "p2.txt").write_text(TITLE_PAGE, encoding="utf-8")
    gold = [{"gold_id": "g1", "docs": ["p1"], "type": "CONSULT", "countries": ["GHA", "TGO"]},
            {"gold_id": "g2", "docs": ["p1"], "type": "AGREE", "countries": ["GHA", "TGO"]},
            {"gold_id": "g3", "docs": ["p2"], "type": "CONSULT", "countries": ["KEN", "UGA"]}]
    (folder / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n",
                                       encoding="utf-8")
    out = tmp_path / "model.json"
    result = CliRunner().invoke(app, ["train", "--labelled", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    model = decide.load(out)
    assert model is not None and model.meta["pages"] == 2 and model.meta["positives"] >= 2


def test_a_shared_office_title_does_not_bring_in_a_country_the_page_never_names(
        rules_pipe: Any) -> None:
    """"Home Secretary" is a British office by default, and also an Indian, Pakistani and
    Bangladeshi one: on a page about two of those, it means neither the UK."""
    text = ("Neighbours agree to tighten watch on border smuggling\n\n"
            "By a staff reporter\n\n"
            "DHAKA, May 4 - Home Secretary Rafiq Ahmed of Bangladesh received Home Secretary "
            "Vikram Sood in Dhaka on Tuesday for two days of talks with India on smuggling "
            "and human trafficking along the shared frontier.\n\n"
            "Officials said the two delegations reviewed joint patrols and information "
            "exchange between border guards of both sides.\n")
    _doc, analysis, cands = rules_pipe.candidates(RawDoc("t", text))
    assert analysis is not None
    assert all(p.country != "GBR" for p in analysis.people), [
        (p.name, p.country) for p in analysis.people]
    assert all("GBR" not in c.event.country_set for c in cands)
    british = ("Home Secretary Jane Hollis of the United Kingdom met her French counterpart "
               "in Calais on Monday.")
    _d, a2, _c = rules_pipe.candidates(RawDoc("u", "Talks in Calais\n\n" + british + "\n"))
    assert a2 is not None and any(p.country == "GBR" for p in a2.people)


def test_a_kept_event_takes_the_date_and_place_of_its_retelling(rules_pipe: Any) -> None:
    def window(text: str) -> candidates.Candidate:
        [c] = [c for c in _cands(rules_pipe, text) if c.key == ("CONSULT", frozenset(
            {"GHA", "TGO"}))][:1]
        return dataclasses.replace(c, origin="sentence", event=learn._fresh(c).event)

    undated = window("The police chiefs of Ghana and Togo held talks on border crime.\n")
    told = window("Officers from Ghana and Togo met in Accra on Tuesday to discuss "
                  "smuggling.\n")
    assert not undated.event.times and [t.text for t in told.event.times] == ["Tuesday"]
    equal = _model({"origin=sentence": 0.0}, intercept=3.0)
    [kept] = decide.select([undated, told], equal)
    assert kept is undated.event  # the first in reading order stands for both
    assert [t.text for t in kept.times] == ["Tuesday"]
    assert [p.location.name for p in kept.places] == ["Accra"]


def test_near_cue_reads_only_the_words_next_to_the_trigger() -> None:
    from summitry import nlp

    doc = nlp.load()("Peru asked Chile on Monday to extradite the former banker Tomas Ruiz, "
                     "whose case the two governments had raised when they signed a treaty "
                     "on organised crime years ago.")
    asked = next(t for t in doc if t.text == "asked")
    assert candidates._near_cue(asked, "REQUEST") and candidates._near_cue(asked, "COOPERATE")
    assert not candidates._near_cue(asked, "AGREE")  # "signed a treaty" is far from it
    signed = next(t for t in doc if t.text == "signed")
    assert candidates._near_cue(signed, "AGREE")


HEADLINE_PAGE = (
    "Chile and Peru to sign border security pact\n\n"
    "LIMA, May 3 - The interior ministers of Chile and Peru signed a border security pact "
    "in Lima on Friday to fight smuggling gangs.\n"
)


def test_a_headline_infinitive_is_the_act_the_body_tells_done(rules_pipe: Any) -> None:
    rule = [c.event for c in _cands(rules_pipe, HEADLINE_PAGE) if c.is_rule]
    agree = [ev for ev in rule if ev.type == "AGREE"]
    assert [ev.status for ev in agree] == ["occurred"]
    assert len(agree[0].mentions) == 2  # the title tells it too


RAIDS_PAGE = ("Smuggling network broken up\n\n"
              "The takedown last week involved coordinated raids in Chile, Peru, Ecuador and "
              "Bolivia, prosecutors said on Friday.\n")

OPERATION_PAGE = ("Smuggling network targeted\n\n"
                  "Border Force officers on Monday joined a large international operation "
                  "against a people smuggling network.\n\n"
                  "Officers detained three men at a warehouse near the port.\n\n"
                  "Further raids are also under way in Poland, Austria and Hungary.\n\n"
                  "The investigation saw the agency work with partners in Poland, Austria and "
                  "Hungary, as well as the EU's law enforcement agency.\n")


def test_coordinated_raids_in_listed_countries_make_them_parties(rules_pipe: Any) -> None:
    cands = _cands(rules_pipe, RAIDS_PAGE)
    raids = [c for c in cands if c.is_rule and c.event.type == "COOPERATE"]
    assert [c.event.country_set for c in raids] == [frozenset({"CHL", "PER", "ECU", "BOL"})]
    assert raids[0].features["type=COOPERATE|listed"] == 1.0


def test_an_operation_takes_the_countries_and_agencies_its_page_lists(rules_pipe: Any) -> None:
    _doc, analysis, cands = rules_pipe.candidates(RawDoc("t", OPERATION_PAGE))
    # "the EU's law enforcement agency" is Europol, and no mention of the EU itself
    assert "EU" not in {c.code for c in analysis.countries}
    assert "EUROPOL" in {o.country for o in analysis.orgs}
    op = [c for c in cands if c.origin == "operation" and c.variant is None]
    assert {c.event.country_set for c in op} == {
        frozenset({"GBR", "POL", "AUT", "HUN", "EUROPOL"})}
    # the page's sentences without an operation word lend nothing
    assert all(c.origin != "operation" for c in _cands(rules_pipe, OPERATION_PAGE.replace(
        "Further raids are also under way", "Elections are also under way").replace(
        "work with partners", "speak with ministers")))


def test_eurojust_is_an_organisation_taking_part_not_a_government(rules_pipe: Any) -> None:
    _doc, analysis, _found = rules_pipe.candidates(RawDoc("t", (
        "Police coordinated by the European Union's justice agency arrested four men in "
        "Chile and Peru.\n")))
    assert {o.name: o.country for o in analysis.orgs}.get("Eurojust", "absent") is None
    assert "EU" not in {c.code for c in analysis.countries}
