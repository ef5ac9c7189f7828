"""Triggers: event words, their type, role, mode cue and status (needs the spaCy model)."""

from __future__ import annotations

import pytest

from summitry import nlp
from summitry.triggers import find_triggers

pytestmark = pytest.mark.slow


def triggers(text: str) -> list[tuple[str, str, str, str | None, bool]]:
    doc = nlp.load()(text)
    return [(t.token.text, t.type, t.role, t.mode_cue, t.planned)
            for s in doc.sents for t in find_triggers(s)]


def test_triggers_meeting_verb_is_primary_consult() -> None:
    assert ("met", "CONSULT", "primary", None, False) in triggers(
        "The French interior minister met his Moroccan counterpart in Rabat on Monday.")


def test_triggers_videoconference_is_virtual() -> None:
    found = triggers("The two ministers held a videoconference on Tuesday.")
    assert ("videoconference", "CONSULT", "primary", "virtual", False) in found


def test_triggers_signed_memorandum_is_agree_signed() -> None:
    found = triggers("Kenya and Uganda signed a memorandum of understanding on border security.")
    assert ("signed", "AGREE", "primary", "signed", False) in found


def test_triggers_agreed_that_is_not_an_agreement() -> None:
    found = triggers("Both parties agreed that coordination will benefit both countries.")
    assert all(t[1] != "AGREE" for t in found)


def test_triggers_future_visit_is_planned() -> None:
    found = triggers("The minister will visit Bogotá next week.")
    assert any(t[1] == "CONSULT" and t[4] for t in found)


def test_triggers_definite_meeting_is_anaphoric_and_bare_plural_is_generic() -> None:
    found = triggers("The meeting lasted two hours. Recent meetings were productive.")
    assert ("meeting", "CONSULT", "anaphoric", None, False) in found
    assert all(t[0] != "meetings" for t in found)


def test_triggers_extradition_and_donation() -> None:
    found = triggers("Colombia extradited the cartel leader to the United States. "
                     "Japan donated patrol boats and radar equipment to the Philippines.")
    types = {t[1] for t in found}
    assert {"COOPERATE", "AID"} <= types


def test_triggers_ordinary_news_has_none() -> None:
    assert triggers("The striker scored twice as the home side won the derby.") == []
