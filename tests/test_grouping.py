"""Grouping mentions into events: one more act of the same kind between the same
governments is a new event; a retelling is not; a prior act's day is not a transfer's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from summitry import decide, extraction, lexicon
from summitry.ingest import RawDoc

pytestmark = pytest.mark.slow

TWO_AGREEMENTS = (
    "Ghana and Togo sign border pact\n\n"
    "Ghana's Interior Minister Kofi Mensah and his Togolese counterpart Yao Agbeko signed a "
    "border patrol agreement in Accra on Tuesday.\n\n"
    "Mensah said that another agreement was signed to train customs officers from both "
    "countries.\n"
)

RETOLD = (
    "Ghana and Togo sign border pact\n\n"
    "Ghana's Interior Minister Kofi Mensah and his Togolese counterpart Yao Agbeko signed a "
    "border patrol agreement in Accra on Tuesday.\n\n"
    "Mensah said the agreement was signed after two days of talks.\n"
)

TWO_SUBJECTS = (
    "Ghana and Togo sign security pacts\n\n"
    "Ghana's Interior Minister Kofi Mensah and his Togolese counterpart Yao Agbeko signed a "
    "memorandum on maritime patrols in Accra on Tuesday.\n\n"
    "During the visit the two ministers also signed a declaration of intent on cybercrime "
    "investigations.\n"
)

SAME_SUBJECT = (
    "Ghana and Togo sign security pact\n\n"
    "Ghana's Interior Minister Kofi Mensah and his Togolese counterpart Yao Agbeko signed a "
    "memorandum on maritime patrols in Accra on Tuesday.\n\n"
    "The memorandum on joint maritime patrols was signed after talks on Tuesday.\n"
)

COURTESY_CALL = (
    "Border talks open in Lome\n\n"
    "LOME, May 12 - A two-day meeting of the border police chiefs of Ghana and Togo began "
    "in Lome on Saturday.\n\n"
    "The Ghanaian delegation called on Home Minister Paul Boko in Lome on Sunday.\n"
)

TWO_GROUPS = (
    "Peru sends more suspects north\n\n"
    "LIMA, March 30 - Peru extradited twelve drug suspects to the United States early in "
    "March.\n\n"
    "Later in the month Peruvian police handed over another group of nine suspects to "
    "American agents.\n"
)

ARRESTED_THEN_EXTRADITED = (
    "Fugitive returned to Ghana\n\n"
    "Nigeria has extradited a Ghanaian fugitive, Kwame Boateng, to Ghana over a fraud case.\n\n"
    "He was arrested in Lagos on March 2, 2023, and has been extradited to Ghana to face "
    "trial, the Ghana Police Service said.\n"
)


@pytest.fixture(scope="module")
def pipe() -> Any:
    from summitry.pipeline import Pipeline

    return Pipeline(use_model=False)


def _rule_events(pipe: Any, text: str) -> list[extraction.DocEvent]:
    _doc, analysis, cands = pipe.candidates(RawDoc("t", text))
    assert analysis is not None
    return [c.event for c in cands if c.is_rule]


def test_another_agreement_opens_a_second_event_of_the_same_parties(pipe: Any) -> None:
    agree = [ev for ev in _rule_events(pipe, TWO_AGREEMENTS) if ev.type == "AGREE"]
    assert len(agree) == 2
    assert all(ev.country_set == {"GHA", "TGO"} for ev in agree)
    # one more act of the same occasion: its day and place are the first one's
    assert [t.start for t in agree[1].times] == [t.start for t in agree[0].times] != []


def test_a_retold_agreement_stays_one_event(pipe: Any) -> None:
    agree = [ev for ev in _rule_events(pipe, RETOLD) if ev.type == "AGREE"]
    assert len(agree) == 1


def test_signings_on_unrelated_subjects_are_two_agreements(pipe: Any) -> None:
    agree = [ev for ev in _rule_events(pipe, TWO_SUBJECTS) if ev.type == "AGREE"]
    assert len(agree) == 2
    assert all(ev.country_set == {"GHA", "TGO"} for ev in agree)


def test_a_retold_signing_on_the_same_subject_stays_one_event(pipe: Any) -> None:
    agree = [ev for ev in _rule_events(pipe, SAME_SUBJECT) if ev.type == "AGREE"]
    assert len(agree) == 1


def test_a_courtesy_call_after_a_meeting_is_an_encounter_of_its_own(pipe: Any) -> None:
    consult = [ev for ev in _rule_events(pipe, COURTESY_CALL) if ev.type == "CONSULT"]
    assert len(consult) == 2
    assert all(ev.country_set == {"GHA", "TGO"} for ev in consult)
    assert "Paul Boko" in consult[1].participants
    assert "Paul Boko" not in consult[0].participants


def test_distinct_cues_come_from_the_lexicon() -> None:
    cues = lexicon.load().words("grouping.distinct_cues")
    assert {"another", "second", "separate"} <= cues
    assert "the" not in cues
    assert "arrest" in lexicon.load().words("grouping.prior_acts")
    assert "on" in lexicon.load().words("grouping.subject_preps")


def test_select_keeps_another_handover_of_a_kept_key_apart(pipe: Any) -> None:
    _doc, _a, cands = pipe.candidates(RawDoc("t", TWO_GROUPS))
    coop = [c for c in cands if c.event.type == "COOPERATE"
            and c.event.country_set == {"PER", "USA"}]
    assert len({c.event.mentions[0].trigger.token.i for c in coop}) >= 2
    names = ("origin=sentence", "origin=context", "origin=home", "origin=document")
    keep_all = decide.Model(names, (0.0,) * 4, (1.0,) * 4, (0.0,) * 4, 5.0, 0.5, 0.5, {})
    kept = [ev for ev in decide.select(cands, keep_all) if ev.type == "COOPERATE"
            and ev.country_set == {"PER", "USA"}]
    assert len(kept) == 2
    assert any(extraction.distinct(ev.mentions[0]) for ev in kept)


def test_a_prior_arrest_day_does_not_date_the_extradition() -> None:
    import summitry

    events = summitry.extract(ARRESTED_THEN_EXTRADITED, published=dt.date(2023, 4, 20))
    coop = [e for e in events if e.type == "COOPERATE"]
    assert coop
    assert all(str(e.date.start) != "2023-03-02" for e in coop)
