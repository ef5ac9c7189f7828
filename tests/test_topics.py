"""Topic cues: the 18-topic vocabulary, coordinations, offsets."""

from __future__ import annotations

import pytest
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


# --------------------------------------------------------------------------- lexicon families
# One paraphrase per topics.* family of data/lexicon.toml, and sentences that name none.

PARAPHRASES = {
    "terrorism": "the two agencies will share lists of jihadists",
    "organized_crime": "a crackdown on mafias operating at the port",
    "drug_trafficking": "seizures of fentanyl rose along the coast",
    "arms_trafficking": "the illegal firearms seized at the crossing",
    "human_trafficking": "networks that traffic women across the region",
    "migrant_smuggling": "a ring of coyotes charging high fees",
    "migration": "the number of asylum seekers doubled",
    "border_security": "new scanners at ports of entry",
    "maritime_security": "freedom of navigation in contested waters",
    "cybercrime": "a wave of ransomware against hospitals",
    "critical_infrastructure": "protection of critical infrastructures such as grids",
    "corruption": "charges of bribery against customs staff",
    "money_laundering": "tracing illicit financial flows through shell firms",
    "human_rights": "respect for civil liberties during raids",
    "information_sharing": "a pledge to swap real-time passenger data",
    "training": "a capacity-building course for prosecutors",
    "trade_travel": "keeping lawful trade and travel moving",
    "public_health": "cooperation during the pandemic",
}


def test_paraphrases_cover_every_topic() -> None:
    assert set(PARAPHRASES) == set(TOPICS)


@pytest.mark.parametrize(("topic", "text"), sorted(PARAPHRASES.items()))
def test_each_topic_family_finds_its_paraphrase(topic: str, text: str) -> None:
    assert topic in topics_in(text)


@pytest.mark.parametrize("text", [
    "The orchestra played a new symphony at the festival.",
    "Farmers expect a late harvest after the dry spring.",
    "The bakery opened a second shop near the station.",
])
def test_ordinary_sentences_name_no_topic(text: str) -> None:
    assert topics_in(text) == []


def test_topic_context_smugglers_need_a_migration_word() -> None:
    assert "migrant_smuggling" in topics_in("smugglers packed dinghies on the beach")
    assert "migrant_smuggling" not in topics_in("smugglers hid the goods in crates")


def test_topic_coordination_modifiers_and_heads() -> None:
    assert {"arms_trafficking", "drug_trafficking"} <= set(
        topics_in("a plan against arms and drug smuggling"))
    assert "human_trafficking" not in topics_in("human and animal welfare")
