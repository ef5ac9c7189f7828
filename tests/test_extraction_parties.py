"""Which country words stand in a party's position (needs the spaCy model)."""

from __future__ import annotations

import pytest

from summitry import nlp
from summitry.extraction import actor_position
from summitry.triggers import find_triggers

pytestmark = pytest.mark.slow


def positions(text: str, words: list[str]) -> dict[str, bool]:
    doc = nlp.load()(text)
    trig = next(t for s in doc.sents for t in find_triggers(s))
    return {w: actor_position(doc, text.index(w), trig) for w in words}


def test_a_persons_nationality_is_no_party() -> None:
    got = positions("Poland extradited the smuggler to Germany on Monday. Mr Vask, an Iraqi "
                    "national, faces charges in Berlin.", ["Poland", "Germany", "Iraqi"])
    assert got == {"Poland": True, "Germany": True, "Iraqi": False}


def test_a_citizen_of_the_country_in_the_compound_is_no_party() -> None:
    got = positions("Spain handed over the fugitive to Italy. The Moroccan citizen was flown "
                    "to Rome.", ["Spain", "Moroccan"])
    assert got == {"Spain": True, "Moroccan": False}


def test_people_on_the_move_named_by_nationality_are_no_party() -> None:
    got = positions("Cyprus and Lebanon discussed the return of Syrian refugees on Monday.",
                    ["Cyprus", "Lebanon", "Syrian"])
    assert got == {"Cyprus": True, "Lebanon": True, "Syrian": False}
