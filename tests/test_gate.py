"""The relevance gate keeps every page with an event and drops ordinary news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitry import gate, gazetteer
from summitry.clean import clean
from summitry.records import RawDoc

ROOT = Path(__file__).resolve().parents[1]
SETS = [(ROOT / "examples" / "docs", ROOT / "examples" / "gold.jsonl"),
        (ROOT / "tests" / "data" / "probe" / "docs",
         ROOT / "tests" / "data" / "probe" / "gold.jsonl"),
        (ROOT.parent / "shared" / "eval" / "dev" / "docs",
         ROOT.parent / "shared" / "eval" / "dev" / "gold.jsonl")]


def _pages_with_events() -> list[Path]:
    out: list[Path] = []
    for docs, gold in SETS:
        if not gold.is_file():
            continue
        ids = {d for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
               for d in json.loads(line).get("docs", [])}
        out += [docs / f"{i}.txt" for i in sorted(ids)]
    return out


@pytest.mark.parametrize("page", _pages_with_events(), ids=lambda p: p.stem)
def test_recall_is_one_on_pages_with_events(page: Path) -> None:
    doc = clean(RawDoc(page.stem, page.read_text(encoding="utf-8")))
    result = gate.check(doc.masked)
    assert result.passed, result.reason


@pytest.mark.parametrize("text", [
    "The home side won 3-1 on Saturday after a late goal; the coach praised the fans.",
    "Shares in the retailer rose 4% after it reported higher quarterly sales.",
    "Heavy rain is expected across the north on Tuesday, forecasters said.",
    "Police arrested two men after a burglary in the city centre on Friday.",
    "The French president visited a factory in Lyon on Monday.",  # one country, domestic
])
def test_ordinary_news_is_dropped(text: str) -> None:
    assert not gate.check(text).passed


def test_reasons() -> None:
    assert gate.check("Spain and Morocco signed an agreement.").reason == \
        "event word and two governments"
    assert gate.check("The Spanish interior minister met his counterpart.").passed
    assert gate.check("A meeting was held.").reason == "no country named"


@given(st.lists(st.integers(0, 3000), max_size=30),
       st.lists(st.tuples(st.integers(0, 3000), st.sampled_from(["ESP", "MAR", "FRA"])),
                max_size=30))
def test_window_check_equals_brute_force(hits: list[int],
                                         places: list[tuple[int, str]]) -> None:
    countries = [gazetteer.CountryMention(s, s + 3, c, c, "name") for s, c in sorted(places)]
    brute = any(len({c.code for c in countries if abs(c.start - h) <= gate.WINDOW}) >= 2
                for h in hits)
    assert gate._two_near_an_event_word(hits, countries) == brute

