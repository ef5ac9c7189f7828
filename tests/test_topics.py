"""Topic cues: the 18-topic vocabulary, coordinations, offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summitry.records import TOPICS
from summitry.topics import find_topics, topics_in


def test_topics_basic_vocabulary() -> None:
    text = ("The ministers addressed terrorism, organised crime, cybersecurity and the "
            "exchange of information between their police forces.")
    assert topics_in(text) == ["terrorism", "organized_crime", "cybercrime",
                               "information_sharing"]


def test_topics_coordination_expands_both_sides() -> None:
    assert set(topics_in("the fight against human and drug trafficking")) >= {
        "human_trafficking", "drug_trafficking"}


def test_topics_smuggling_of_migrants_is_not_plain_migration() -> None:
    assert topics_in("talks on migrant smuggling") == ["migrant_smuggling"]
    assert "migration" in topics_in("talks on migrant smuggling and irregular migration")


def test_topics_port_security_is_maritime() -> None:
    assert topics_in("port security and border controls") == ["border_security",
                                                              "maritime_security"]


def test_topics_unrelated_text_has_none() -> None:
    assert topics_in("The football club signed a new striker on Tuesday.") == []


def test_topics_offsets_point_at_cue() -> None:
    text = "xx They discussed money laundering."
    found = find_topics(text, offset=100)
    assert [t.topic for t in found] == ["money_laundering"]
    t = found[0]
    assert text[t.start - 100:t.end - 100] == t.text == "money laundering"


@given(st.text(max_size=300))
def test_topics_never_raise_and_stay_in_vocabulary(text: str) -> None:
    for t in find_topics(text):
        assert t.topic in TOPICS
        assert 0 <= t.start < t.end <= len(text)


def test_bare_smugglers_count_only_near_migration() -> None:
    assert "migrant_smuggling" in topics_in(
        "The ministers agreed to go after the smugglers who send small boats across the Channel.")
    assert "migrant_smuggling" not in topics_in(
        "Police said the smugglers hid cocaine in banana boxes.")


def test_new_patterns() -> None:
    assert "information_sharing" in topics_in("sharing missile warning data in real time")
    assert "maritime_security" in topics_in("tensions in the South China Sea")
    assert "arms_trafficking" in topics_in("curbing the flow of U.S. firearms into Mexico")
    assert "money_laundering" in topics_in("targeting the illicit finances of cartels")
    assert "public_health" in topics_in("treating addiction as a public health problem")
