"""Sentence starts set by the ``line_breaks`` component (needs the spaCy model)."""

from __future__ import annotations

import pytest

from summitry import nlp

pytestmark = pytest.mark.slow

WRAPPED = ("Officials from two neighbouring states held talks in Vienna on Monday, and the\n"
           "interior ministers of both countries agreed to share data on smuggling\n"
           "networks across the border, a spokesperson said in a statement\n"
           "issued later that day.\n\nA second paragraph starts here.\n")


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in nlp.load()(text).sents]


def test_hard_wrapped_paragraph_is_one_sentence() -> None:
    got = sentences(WRAPPED)
    assert got[0].startswith("Officials") and got[0].endswith("that day.")
    assert got[1] == "A second paragraph starts here."


def test_short_lines_without_lower_case_continuations_stay_apart() -> None:
    # headings and list items: short lines, none going on in lower case
    assert sentences("Border talks resume\nMinisters meet in Vienna\nNew pact on data\n") == [
        "Border talks resume", "Ministers meet in Vienna", "New pact on data"]


def test_one_lower_case_line_is_not_a_wrapped_paragraph() -> None:
    got = sentences("Ministers meet in Vienna\nby Anna Novak\nUpdated on Monday\n")
    assert "Ministers meet in Vienna" in got


def test_wrapped_blocks_need_two_continuations() -> None:
    assert nlp._wrapped_blocks(WRAPPED) == [(0, WRAPPED.index("\n\n"))]
    assert nlp._wrapped_blocks("One line\ngoes on here.\nAnd stops there.") == []
