"""The lexicon file: loading, validation, word forms, and the title families it feeds."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from summitry import lexicon
from summitry.errors import ConfigError
from summitry.people import find_titled_names
from summitry.records import TOPICS

PACKAGED = resources.files("summitry").joinpath("data", "lexicon.toml").read_text("utf-8")


def _broken(old: str, new: str) -> str:
    assert PACKAGED.count(old) == 1, old
    return PACKAGED.replace(old, new)


# --------------------------------------------------------------------------- loading


def test_packaged_lexicon_loads_once_with_every_family() -> None:
    lex = lexicon.load()
    assert lex is lexicon.load()  # read and checked once
    assert lex.version == lexicon.SUPPORTED_VERSION
    assert set(lex.families) == set(lexicon.SCHEMA)
    assert all(lex.families[name] for name in lexicon.SCHEMA)


def test_schema_has_one_topic_family_per_topic() -> None:
    assert {n.split(".", 1)[1] for n in lexicon.SCHEMA if n.startswith("topics.")} == \
        set(TOPICS)


def test_entries_keep_file_order_and_words_is_a_set() -> None:
    lex = lexicon.load()
    assert lex.entries("triggers.consult.verbs")[0] == "meet"
    assert "visit" in lex.words("triggers.consult.verbs")


def test_asking_for_an_unknown_family_names_it() -> None:
    with pytest.raises(ConfigError, match=r"no family 'triggers.consult.verb'.*verbs"):
        lexicon.load().entries("triggers.consult.verb")


def test_read_a_file_and_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text(PACKAGED, encoding="utf-8")
    assert lexicon.read(path).families == lexicon.load().families
    with pytest.raises(ConfigError, match="cannot read lexicon"):
        lexicon.read(tmp_path / "absent.toml")


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(("old", "new", "message"), [
    ('verbs = ["meet", "confer"', 'verbs = ["Meet", "confer"',
     r"family 'triggers.consult.verbs': entry 'Meet' must be lower case"),
    ('verbs = ["meet", "confer"', 'verbs = ["meet", "meet", "confer"',
     r"family 'triggers.consult.verbs': duplicate entry 'meet'"),
    ('verbs = ["request", "ask", "urge", "petition", "seek"]', "verbs = []",
     r"family 'triggers.request.verbs' is empty"),
    ('verbs = ["request", "ask", "urge", "petition", "seek"]', 'verbs = "request"',
     r"family 'triggers.request.verbs' must be a list of strings, not str"),
    ('verbs = ["request", "ask", "urge", "petition", "seek"]', 'verbs = ["request", 7]',
     r"family 'triggers.request.verbs': entry 2 \(7\) is a int, not a string"),
    ('verbs = ["request", "ask", "urge", "petition", "seek"]', 'verbs = ["ask for"]',
     r"family 'triggers.request.verbs': entry 'ask for' must be a single word"),
    ('verbs = ["request", "ask", "urge", "petition", "seek"]',
     'verbs = ["request"]\nverb = ["ask"]',
     r"unknown family 'triggers.request.verb' \(did you mean 'triggers.request.verbs'\?\)"),
    ('objects = ["extradition", "extradite", "assistance"',
     'objectz = ["extradition", "extradite", "assistance"',
     r"unknown family 'triggers.request.objectz'"),
    ("critical_infrastructure = ['critical infrastructures?']", "",
     r"family 'topics.critical_infrastructure' is missing"),
    ("critical_infrastructure = ['critical infrastructures?']",
     "critical_infrastructure = ['critical (infrastructures?']",
     r"family 'topics.critical_infrastructure': entry .* is not a regular expression"),
    ("critical_infrastructure = ['critical infrastructures?']",
     "critical_infrastructure = ['Critical infrastructures?']",
     r"family 'topics.critical_infrastructure': entry .* must be lower case"),
    ('phone_stems = ["phone", "telephone"]', 'phone_stems = [" phone", "telephone"]',
     r"family 'modes.phone_stems': entry ' phone' is empty or has spaces around it"),
    ('confer = ["conferred", "conferring"]', 'chat = ["chatted"]',
     r"\[inflections\]: 'chat' is not a verb of any event family"),
    ('confer = ["conferred", "conferring"]', 'confer = ["Conferred"]',
     r"family 'inflections.confer': entry 'Conferred' must be lower case"),
    ("version = 1", "version = 2", r"version 2 is not supported \(this summitry reads"),
    ("version = 1", 'version = "1"', r"'version' must be an integer, not str"),
    ("version = 1", "", r"no 'version' field"),
    ("[triggers.request]", "[triggers.request]\n[triggers.request.verbs.extra]",
     r"not valid TOML|family 'triggers.request.verbs' must be a list of strings, not a table"),
    ("[triggers.request]", "[triggers.request", r"is not valid TOML"),
])
def test_broken_lexicon_raises_config_error(old: str, new: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        lexicon.parse(_broken(old, new), source="broken.toml")


def test_a_family_written_as_a_table_is_refused() -> None:
    text = _broken('[triggers.request]\nverbs = ["request", "ask", "urge", "petition", "seek"]',
                   '[triggers.request.verbs]\nfirst = ["request"]\n[triggers.request]')
    with pytest.raises(ConfigError, match=r"'triggers.request.verbs' must be a list of "
                                          "strings, not a table"):
        lexicon.parse(text, source="broken.toml")


def test_error_names_the_source_file() -> None:
    with pytest.raises(ConfigError, match=r"^lexicon my/lexicon.toml: "):
        lexicon.parse(_broken("version = 1", "version = 9"), source="my/lexicon.toml")


# --------------------------------------------------------------------------- word forms


@pytest.mark.parametrize(("verb", "forms"), [
    ("visit", ("visit", "visits", "visited", "visiting")),
    ("donate", ("donate", "donates", "donated", "donating")),
    ("agree", ("agree", "agrees", "agreed", "agreeing")),
    ("ratify", ("ratify", "ratifies", "ratified", "ratifying")),
    ("finance", ("finance", "finances", "financed", "financing")),
    ("ban", ("ban", "bans", "banned", "banning")),
    ("ink", ("ink", "inks", "inked", "inking")),
    ("approach", ("approach", "approaches", "approached", "approaching")),
])
def test_regular_verb_forms(verb: str, forms: tuple[str, ...]) -> None:
    assert lexicon.regular_verb_forms(verb) == forms


def test_listed_irregular_forms_replace_the_regular_past() -> None:
    lex = lexicon.load()
    assert lex.verb_forms("meet") == ("meet", "meets", "meeting", "met")
    assert "speaked" not in lex.verb_forms("speak")
    assert {"spoke", "spoken", "speaking"} <= set(lex.verb_forms("speak"))
    assert lex.verb_forms("confer") == ("confer", "confers", "conferred", "conferring")


@pytest.mark.parametrize(("noun", "forms"), [
    ("meeting", ("meeting", "meetings")),
    ("talks", ("talks",)),
    ("treaty", ("treaty", "treaties")),
    ("accord", ("accord", "accords")),
    ("$", ("$",)),
])
def test_noun_forms(noun: str, forms: tuple[str, ...]) -> None:
    assert lexicon.noun_forms(noun) == forms


def test_event_words_cover_every_event_family_in_every_form() -> None:
    lex = lexicon.load()
    words = set(lex.event_words())
    excluded = lex.words("gate.exclude")
    for name, fam in lexicon.SCHEMA.items():
        for entry in lex.entries(name):
            if fam.event == "verb":
                assert (set(lex.verb_forms(entry)) - excluded) <= words, (name, entry)
            elif fam.event == "noun":
                assert set(lexicon.noun_forms(entry)) <= words, (name, entry)
    assert {"met", "hosted", "extradited", "treaties", "signing", "donation"} <= words
    assert not excluded & words
    assert set(lex.entries("gate.extra_words")) <= words


def test_content_verbs_and_objects_are_not_event_words() -> None:
    words = set(lexicon.load().event_words())
    assert "discussed" not in words  # content: adds to an event, never opens one
    assert "equipment" not in words  # an aid object, not an act


# --------------------------------------------------------------------------- titles


def test_titles_heads_find_a_titled_name() -> None:
    found = find_titled_names("Interior Minister Ana Ruiz met Ambassador Tom Gale.")
    assert [(t.title, t.name) for t in found] == [("Interior Minister", "Ana Ruiz"),
                                                  ("Ambassador", "Tom Gale")]


def test_titles_head_with_a_space_also_matches_a_hyphen() -> None:
    found = find_titled_names("Attorney-General Mark Dreyer spoke.")
    assert [t.name for t in found] == ["Mark Dreyer"]


def test_titles_lowercase_heads_only_those_listed() -> None:
    assert [t.name for t in find_titled_names("the minister, Rosa Vidal, said")] == \
        ["Rosa Vidal"]
    assert find_titled_names("the mayor Rosa Vidal said") == []  # "mayor" needs a capital


def test_titles_office_words_extend_the_title_not_the_name() -> None:
    found = find_titled_names("Minister of Foreign Affairs Luis Mena arrived.")
    assert [(t.title, t.name) for t in found] == [("Minister of Foreign Affairs", "Luis Mena")]


def test_titles_modifiers_are_left_out_of_the_title() -> None:
    found = find_titled_names("The former Defence Minister Ian Cole spoke.")
    assert [(t.title, t.name) for t in found] == [("Defence Minister", "Ian Cole")]


def test_a_word_that_is_no_title_finds_no_name() -> None:
    assert find_titled_names("Gardener Paul Ames won a prize.") == []


def test_titles_leaders_are_heads_of_state_and_government() -> None:
    from summitry.resolve import _leader_title

    for role in ("President", "Prime Minister", "Crown Prince", "King"):
        assert _leader_title().search(role), role
    for role in ("Interior Minister", "Vice Minister of Security", "Attorney General"):
        assert not _leader_title().search(role), role
