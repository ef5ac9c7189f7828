"""The lexicon: summitry's word lists in one versioned, validated data file.

``data/lexicon.toml`` holds every list of words, phrases and patterns that the trigger
finder (:mod:`summitry.triggers`), the topic tagger (:mod:`summitry.topics`), the people
finder (:mod:`summitry.people`, office titles) and the relevance gate
(:mod:`summitry.gate`) use. Each list is a *family* with a dotted name
(``triggers.consult.verbs``, ``topics.terrorism``, ``titles.heads``); :data:`SCHEMA` says
which families exist and what their entries are:

* ``word``: one lower-case word (``meet``);
* ``phrase``: lower-case words separated by single spaces (``by phone``);
* ``pattern``: a regular expression, matched case-insensitively, lower case apart from
  escapes (``cyber[- ]?\\w*``).

The file is read once (:func:`load`) and checked as a whole: an unknown or missing family,
an empty list, an entry of the wrong type, a duplicate, an upper-case letter or a pattern
that does not compile raises :class:`~summitry.errors.ConfigError` naming the family and
the entry. :func:`read` checks another file the same way.

The relevance gate needs word *forms* where the extractor matches lemmas:
:meth:`Lexicon.event_words` inflects every verb and noun of the event families (regular
``-s``/``-ed``/``-ing`` and plural endings, plus the ``[inflections]`` table of irregular
forms), so that any word the extractor knows also passes the gate.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from summitry.errors import ConfigError
from summitry.records import EVENT_TYPES, TOPICS

#: the lexicon format this code reads
SUPPORTED_VERSION = 1

Kind = Literal["word", "phrase", "pattern"]


@dataclass(frozen=True, slots=True)
class Family:
    """What one family holds: the kind of entry, and for the gate, their part of speech."""

    kind: Kind
    #: "verb" or "noun" when the family's words announce an event (the gate inflects them)
    event: Literal["verb", "noun", "as_is"] | None = None


def _schema() -> dict[str, Family]:
    word, phrase, pattern = Family("word"), Family("phrase"), Family("pattern")
    verbs, nouns = Family("word", "verb"), Family("word", "noun")
    schema = {
        # CONSULT
        "triggers.consult.verbs": verbs,
        "triggers.consult.with_verbs": verbs,
        "triggers.consult.with_preps": word,
        "triggers.consult.receive_verbs": verbs,
        "triggers.consult.visitors": word,
        "triggers.consult.call_on_verbs": word,  # no gate word: "called" is too common
        "triggers.consult.open_verbs": verbs,
        "triggers.consult.open_objects": word,
        "triggers.consult.nouns": nouns,
        "triggers.consult.frame_nouns": word,
        "triggers.consult.plural_nouns": word,
        "triggers.consult.light_verbs": word,
        "triggers.consult.content_verbs": word,  # they never open an event
        "triggers.consult.exchange_cues": word,
        "triggers.consult.call_cues": word,
        "triggers.consult.conference_exclusions": word,
        "triggers.consult.conference_cues": word,
        "triggers.consult.session_cues": word,
        "triggers.consult.trip_cues": word,
        "triggers.consult.ordinals": word,
        # AGREE
        "triggers.agree.nouns": nouns,
        "triggers.agree.sign_verbs": verbs,
        "triggers.agree.signature_verbs": word,
        "triggers.agree.signed_objects": word,
        "triggers.agree.reach_verbs": word,
        "triggers.agree.reach_objects": word,
        "triggers.agree.adopt_verbs": word,
        "triggers.agree.adoptable": word,
        "triggers.agree.agree_verbs": verbs,
        "triggers.agree.agree_complements": word,
        "triggers.agree.agree_preps": word,
        "triggers.agree.create_verbs": word,
        "triggers.agree.created": word,
        "triggers.agree.found_verbs": word,  # lemmas; no gate word: too common alone
        "triggers.agree.found_objects": word,
        # COOPERATE
        "triggers.cooperate.transfer_verbs": verbs,
        "triggers.cooperate.bare_transfer_verbs": word,
        "triggers.cooperate.transfer_objects": word,
        "triggers.cooperate.hand_verbs": word,
        "triggers.cooperate.hand_objects": word,
        "triggers.cooperate.joint_verbs": verbs,
        "triggers.cooperate.joint_patterns": pattern,
        "triggers.cooperate.nouns": nouns,
        "triggers.cooperate.operation_nouns": nouns,
        "triggers.cooperate.operation_modifiers": word,
        "triggers.cooperate.operation_heads": word,
        "triggers.cooperate.train_verbs": verbs,
        "triggers.cooperate.training_nouns": word,  # no gate word: "training" is common
        "triggers.cooperate.train_objects": word,
        # AID
        "triggers.aid.verbs": verbs,
        "triggers.aid.objects": word,
        "triggers.aid.nouns": nouns,
        "triggers.aid.object_nouns": word,
        # REQUEST
        "triggers.request.verbs": verbs,
        "triggers.request.objects": word,
        "triggers.request.nouns": word,  # gate words already: the verbs' lemmas
        "triggers.request.submit_verbs": word,
        # candidate events (summitry.candidates): words that cue another type for the
        # same parties ("met ... and signed a memorandum": a meeting and an agreement)
        "candidates.type_cues.consult": word,
        "candidates.type_cues.agree": word,
        "candidates.type_cues.cooperate": word,
        "candidates.type_cues.aid": word,
        "candidates.type_cues.request": word,
        # what tells a handover of things given (AID) from one of people (COOPERATE)
        "candidates.type_evidence.gift": word,
        "candidates.type_evidence.custody": word,
        # grouping mentions into events (summitry.extraction): a determiner or adjective
        # that introduces another instrument or act of the same kind ("another
        # agreement", "a second group of suspects"), and acts whose own date a
        # coordinated transfer does not share ("arrested on May 2 and extradited")
        "grouping.distinct_cues": word,
        "grouping.prior_acts": word,
        "grouping.subject_preps": word,
        "grouping.person_transfers": word,
        # a police operation's acts and partners, told over several sentences
        "candidates.operation.words": word,
        # mode cues
        "modes.virtual_cues": phrase,
        "modes.phone_cues": phrase,
        "modes.phone_phrases": phrase,
        "modes.phone_triggers": word,
        "modes.phone_stems": word,
        "modes.call_verbs": word,
        # frames and exclusions
        "frames.definite": word,
        "frames.specific_plural": word,
        "frames.ordinal_determiners": word,
        "frames.hypothetical": word,
        "frames.modals": word,
        "frames.negators": word,
        "frames.future_words": word,
        "frames.future_aux": word,
        "frames.plan_verbs": word,
        "frames.schedule_verbs": word,
        "frames.report_verbs": word,
        "frames.nationality_heads": word,
        # topics
        **{f"topics.{t}": pattern for t in TOPICS},
        "topic_context.migrant_smuggling.cues": pattern,
        "topic_context.migrant_smuggling.context": pattern,
        "topic_coordination.modifiers": word,
        "topic_coordination.heads": word,
        # office titles
        "titles.heads": phrase,
        "titles.lowercase_heads": phrase,
        "titles.office_words": word,
        "titles.modifiers": word,
        "titles.leaders": phrase,
        "titles.honorifics": word,
        "titles.authority_frames": word,
        "titles.subject_nouns": word,
        "titles.subject_verbs": phrase,
        "titles.postnominals": word,
        "titles.not_name_words": word,
        "titles.not_person_heads": word,
        "titles.outlet_heads": phrase,
        "titles.presence_cues": pattern,
        # dates (summitry.timeline): a date right after these dates a statement about
        # the event ("the ministry said on Friday", "in a post today"), not the event
        "timeline.statement_verbs": word,
        "timeline.statement_nouns": phrase,
        "timeline.statement_links": word,
        # who is a party
        "parties.venues": word,
        "parties.non_actor_preps": word,
        "parties.setting_nouns": word,
        "parties.collective_nouns": word,
        # country names that are also personal names
        "countries.followers": word,
        "countries.surname_preceders": word,
        # relevance gate
        "gate.extra_words": Family("phrase", "as_is"),
        "gate.exclude": word,
        "gate.second_party": phrase,
        "gate.offices": phrase,
        "gate.past_offices": word,
        "gate.abbreviations": word,
    }
    return schema


#: every family of the lexicon and what it holds
SCHEMA: Mapping[str, Family] = _schema()

#: top-level keys that are not families
_RESERVED = ("version", "inflections")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A validated lexicon: families of entries (in file order) and irregular verb forms."""

    version: int
    source: str
    families: Mapping[str, tuple[str, ...]]
    inflections: Mapping[str, tuple[str, ...]]

    def entries(self, family: str) -> tuple[str, ...]:
        """The entries of ``family``, in file order."""
        try:
            return self.families[family]
        except KeyError:
            raise ConfigError(f"lexicon has no family {family!r}{_hint(family)}") from None

    def words(self, family: str) -> frozenset[str]:
        """The entries of ``family`` as a set."""
        return frozenset(self.entries(family))

    def verb_forms(self, verb: str) -> tuple[str, ...]:
        """``verb`` with its forms (``meet``: meets, met, meeting). Listed irregular forms
        replace the regular past (and the ``-ing`` form, when one of them ends in -ing)."""
        listed = self.inflections.get(verb, ())
        if not listed:
            return regular_verb_forms(verb)
        base, third, _past, ing = _regular(verb)
        keep = [base, third]
        if not any(f.endswith("ing") for f in listed):
            keep.append(ing)
        return _unique((*keep, *listed))

    def event_words(self) -> tuple[str, ...]:
        """Every form of every word that can announce an event, less ``gate.exclude``,
        sorted: the relevance gate's list."""
        out: set[str] = set()
        for name, fam in SCHEMA.items():
            if fam.event == "verb":
                for verb in self.families[name]:
                    out.update(self.verb_forms(verb))
            elif fam.event == "noun":
                for noun in self.families[name]:
                    out.update(noun_forms(noun))
            elif fam.event == "as_is":
                out.update(self.families[name])
        return tuple(sorted(out - set(self.families["gate.exclude"])))


# --------------------------------------------------------------------------- forms

_VOWELS = "aeiou"


def regular_verb_forms(verb: str) -> tuple[str, ...]:
    """``verb``, its third person, past and ``-ing`` form by the regular spelling rules.

    A one-syllable verb ending in consonant-vowel-consonant doubles its last letter
    ("ban": banned); longer ones do not ("visit": visited): their doubled forms, like
    irregular ones, are listed in the lexicon's ``[inflections]`` table.
    """
    return _unique(_regular(verb))


def _regular(verb: str) -> tuple[str, str, str, str]:
    """Base, third person, past and ``-ing`` form."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = verb + "es"
    elif len(verb) > 1 and verb.endswith("y") and verb[-2] not in _VOWELS:
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past = verb + "d"
        ing = verb + "ing" if verb.endswith(("ee", "ye", "oe")) else (
            verb[:-2] + "ying" if verb.endswith("ie") else verb[:-1] + "ing")
    elif len(verb) > 1 and verb.endswith("y") and verb[-2] not in _VOWELS:
        past, ing = verb[:-1] + "ied", verb + "ing"
    elif re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", verb):
        past, ing = verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    return verb, third, past, ing


def noun_forms(noun: str) -> tuple[str, ...]:
    """``noun`` and its regular plural (a noun ending in -s is left as it is: "talks")."""
    if not noun[-1:].isalpha() or noun.endswith("s"):
        return (noun,)
    if noun.endswith(("sh", "ch", "x", "z")):
        return noun, noun + "es"
    if len(noun) > 1 and noun.endswith("y") and noun[-2] not in _VOWELS:
        return noun, noun[:-1] + "ies"
    return noun, noun + "s"


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# --------------------------------------------------------------------------- loading


@cache
def load() -> Lexicon:
    """The packaged lexicon (``summitry/data/lexicon.toml``), read and checked once."""
    res = resources.files("summitry").joinpath("data", "lexicon.toml")
    return parse(res.read_text(encoding="utf-8"), source="summitry/data/lexicon.toml")


def read(path: str | Path) -> Lexicon:
    """A lexicon file at ``path``, checked like the packaged one."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon {p}: {exc.strerror or exc}") from exc
    return parse(text, source=str(p))


def _toml(text: str, what: str) -> dict[str, Any]:
    """``text`` read as TOML, or a :class:`ConfigError` naming ``what`` is not."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{what} is not valid TOML: {exc}") from exc


def parse(text: str, source: str = "<lexicon>") -> Lexicon:
    """Parse and validate lexicon TOML ``text``; ``source`` names it in error messages."""
    data = _toml(text, f"lexicon {source}")
    version = _version(data, source)
    leaves: dict[str, object] = {}
    for key, value in data.items():
        if key not in _RESERVED:
            _flatten(key, value, leaves, source)
    unknown = sorted(set(leaves) - set(SCHEMA))
    if unknown:
        name = unknown[0]
        raise ConfigError(f"lexicon {source}: unknown family {name!r}{_hint(name)}; "
                          "the families are listed in docs/lexicon.md")
    missing = [name for name in SCHEMA if name not in leaves]
    if missing:
        raise ConfigError(f"lexicon {source}: family {missing[0]!r} is missing")
    families = {name: _entries(name, leaves[name], SCHEMA[name].kind, source)
                for name in SCHEMA}
    inflections = _inflections(data.get("inflections", {}), families, source)
    return Lexicon(version, source, families, inflections)


def _version(data: dict[str, object], source: str) -> int:
    version = data.get("version")
    if version is None:
        raise ConfigError(f"lexicon {source}: no 'version' field (this summitry reads "
                          f"version {SUPPORTED_VERSION})")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ConfigError(f"lexicon {source}: 'version' must be an integer, "
                          f"not {type(version).__name__}")
    if version != SUPPORTED_VERSION:
        raise ConfigError(f"lexicon {source}: version {version} is not supported "
                          f"(this summitry reads version {SUPPORTED_VERSION})")
    return version


def _flatten(name: str, value: object, out: dict[str, object], source: str) -> None:
    if isinstance(value, dict):
        if name in SCHEMA:
            raise ConfigError(f"lexicon {source}: family {name!r} must be a list of "
                              "strings, not a table")
        for key, sub in value.items():
            _flatten(f"{name}.{key}", sub, out, source)
    else:
        out[name] = value


def _entries(name: str, value: object, kind: Kind, source: str) -> tuple[str, ...]:
    where = f"lexicon {source}: family {name!r}"
    if not isinstance(value, list):
        raise ConfigError(f"{where} must be a list of strings, not {type(value).__name__}")
    if not value:
        raise ConfigError(f"{where} is empty")
    seen: set[str] = set()
    for i, entry in enumerate(value):
        if not isinstance(entry, str):
            raise ConfigError(f"{where}: entry {i + 1} ({entry!r}) is a "
                              f"{type(entry).__name__}, not a string")
        _check_entry(where, entry, kind)
        if entry in seen:
            raise ConfigError(f"{where}: duplicate entry {entry!r}")
        seen.add(entry)
    return tuple(value)


def _check_entry(where: str, entry: str, kind: Kind) -> None:
    if not entry or entry != entry.strip():
        raise ConfigError(f"{where}: entry {entry!r} is empty or has spaces around it")
    if kind == "pattern":
        if re.sub(r"\\.", "", entry) != re.sub(r"\\.", "", entry).lower():
            raise ConfigError(f"{where}: entry {entry!r} must be lower case "
                              "(patterns match case-insensitively)")
        try:
            re.compile(entry)
        except re.error as exc:
            raise ConfigError(f"{where}: entry {entry!r} is not a regular expression "
                              f"({exc})") from exc
        return
    if entry != entry.lower():
        raise ConfigError(f"{where}: entry {entry!r} must be lower case")
    if kind == "word" and any(ch.isspace() for ch in entry):
        raise ConfigError(f"{where}: entry {entry!r} must be a single word")
    if kind == "phrase" and "  " in entry:
        raise ConfigError(f"{where}: entry {entry!r} has a double space")


def _inflections(table: object, families: Mapping[str, tuple[str, ...]],
                 source: str) -> dict[str, tuple[str, ...]]:
    where = f"lexicon {source}: [inflections]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table of verb = [forms], "
                          f"not {type(table).__name__}")
    verbs = {v for name, fam in SCHEMA.items() if fam.event == "verb" for v in families[name]}
    out: dict[str, tuple[str, ...]] = {}
    for verb, forms in table.items():
        if verb not in verbs:
            raise ConfigError(f"{where}: {verb!r} is not a verb of any event family")
        out[verb] = _entries(f"inflections.{verb}", forms, "word", source)
    return out


def _hint(name: str) -> str:
    close = difflib.get_close_matches(name, list(SCHEMA), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --------------------------------------------------------------------------- other languages
#
# ``data/languages.toml``: the word lists of :mod:`summitry.foreign`, the extractor of pages
# in languages the parser does not read. One table per language, validated here like the
# families above (lists of non-empty, distinct entries; upper case only in entries that
# match as written, such as acronyms), plus: every event type has its trigger list, every
# country key is an ISO 3166-1 alpha-3 code and every organisation key an organisation
# code of the gazetteer.

#: the keys of one language's table, and whether each is required
LANGUAGE_KEYS: Mapping[str, bool] = {
    "detected": True, "cldr": True, "match": True, "triggers": True, "cues": True,
    "countries": True, "organizations": True, "locatives": False, "exclude": False,
    "endings": False, "reach": False, "topics": False, "titles": False,
    "title_complements": False, "title_former": False, "counterparts": False,
    "romanize": False,
}
#: the cue lists of a language (``cues.<name>``), all required
LANGUAGE_CUES = ("planned", "phone", "virtual", "signed")
#: optional lists: ``triggers.handover`` words (hand over, deliver) that announce aid only
#: with one of ``cues.aid_objects`` (equipment, vehicles, funds) in their sentence
LANGUAGE_OPTIONAL = {"triggers": "handover", "cues": "aid_objects"}
#: an optional cue list: words of a sentence that is about something else (sport: "the
#: match between Italy and France"), which then yields no event
OFF_TOPIC = "off_topic"
#: how a language's entries are matched
MATCH_MODES = ("words", "substring")


@dataclass(frozen=True, slots=True)
class LanguageWords:
    """One language's word lists (``[languages.<name>]`` of ``data/languages.toml``)."""

    name: str
    detected: tuple[str, ...]
    cldr: tuple[str, ...]
    substring: bool
    triggers: Mapping[str, tuple[str, ...]]  # event type (upper case) -> entries
    cues: Mapping[str, tuple[str, ...]]
    countries: Mapping[str, tuple[str, ...]]  # ISO3 or organisation code -> forms
    locatives: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    endings: tuple[str, ...] = ()
    #: characters before a trigger's sentence whose sentences may name its governments
    #: (0: the sentence before it only)
    reach: int = 0
    topics: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=dict)
    #: office words before a person's name ("ministro", "υπουργός"), and the office's
    #: complements that may follow them ("dell'interno", "внутренних дел")
    titles: tuple[str, ...] = ()
    title_complements: tuple[str, ...] = ()
    #: words before a title that make its holder a former one ("ex", "бывший")
    title_former: tuple[str, ...] = ()
    #: titles that name the other side's holder of the same office ("omologo",
    #: "ομόλογό του"): found like ``titles``; whoever a sentence names with one of them
    #: by a title of no known country is of the event's other government
    counterparts: tuple[str, ...] = ()
    #: letter (or digraph) -> Latin letters: how a name written in this language's script
    #: is spelt in the Latin alphabet (a person's name in the record; the evidence keeps
    #: the original)
    romanize: Mapping[str, str] = dataclass_field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Languages:
    """All languages of ``data/languages.toml``, with the forms common to all."""

    version: int
    source: str
    common: Mapping[str, tuple[str, ...]]  # organisation code -> forms in any language
    languages: Mapping[str, LanguageWords]

    def for_code(self, code: str | None) -> LanguageWords | None:
        """The word lists that read pages detected as ``code`` (ISO 639-1), if any."""
        for words in self.languages.values():
            if code in words.detected:
                return words
        return None


@cache
def languages() -> Languages:
    """The packaged ``data/languages.toml``, read and checked once."""
    res = resources.files("summitry").joinpath("data", "languages.toml")
    return parse_languages(res.read_text(encoding="utf-8"), source="summitry/data/languages.toml")


def parse_languages(text: str, source: str = "<languages>") -> Languages:
    """Parse and validate the TOML ``text`` of a languages file."""
    data = _toml(text, f"languages {source}")
    version = _version(data, source)
    unknown = sorted(set(data) - {"version", "common", "languages"})
    if unknown:
        raise ConfigError(f"languages {source}: unknown key {unknown[0]!r}")
    common = _coded(f"languages {source}: [common.organizations]",
                    _table(data.get("common", {}), "common", source).get("organizations", {}),
                    orgs=True)
    tables = _table(data.get("languages"), "languages", source)
    if not tables:
        raise ConfigError(f"languages {source}: no [languages.<name>] table")
    langs = {name: _language(name, value, source) for name, value in tables.items()}
    seen: dict[str, str] = {}
    for name, words in langs.items():
        for code in words.detected:
            if code in seen:
                raise ConfigError(f"languages {source}: {code!r} is detected by both "
                                  f"{seen[code]!r} and {name!r}")
            seen[code] = name
    return Languages(version, source, common, langs)


def _table(value: object, name: str, source: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"languages {source}: {name!r} must be a table")
    return value


def _language(name: str, value: object, source: str) -> LanguageWords:
    where = f"languages {source}: [languages.{name}]"
    table = _table(value, f"languages.{name}", source)
    for key in table:
        if key not in LANGUAGE_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}")
    for key, required in LANGUAGE_KEYS.items():
        if required and key not in table:
            raise ConfigError(f"{where}: {key!r} is missing")
    match = table["match"]
    if match not in MATCH_MODES:
        raise ConfigError(f"{where}: match must be one of {', '.join(MATCH_MODES)}, "
                          f"not {match!r}")
    triggers_t = _table(table["triggers"], f"languages.{name}.triggers", source)
    cues_t = _table(table["cues"], f"languages.{name}.cues", source)
    for key in triggers_t:
        if key.upper() not in EVENT_TYPES and key != LANGUAGE_OPTIONAL["triggers"]:
            raise ConfigError(f"{where}: unknown event type {key!r} in triggers")
    for key in cues_t:
        if key not in LANGUAGE_CUES and key not in (LANGUAGE_OPTIONAL["cues"], OFF_TOPIC):
            raise ConfigError(f"{where}: unknown cue list {key!r}")
    triggers = {t: _forms(f"{where} triggers.{t.lower()}", triggers_t.get(t.lower()))
                for t in EVENT_TYPES}
    cues = {c: _forms(f"{where} cues.{c}", cues_t.get(c)) for c in LANGUAGE_CUES}
    handover, objects = LANGUAGE_OPTIONAL["triggers"], LANGUAGE_OPTIONAL["cues"]
    if (handover in triggers_t) != (objects in cues_t):
        raise ConfigError(f"{where}: triggers.{handover} and cues.{objects} go together")
    if handover in triggers_t:
        triggers[handover] = _forms(f"{where} triggers.{handover}", triggers_t[handover])
        cues[objects] = _forms(f"{where} cues.{objects}", cues_t[objects])
    for key in ("title_complements", "title_former", "counterparts"):
        if key in table and "titles" not in table:
            raise ConfigError(f"{where}: {key} without titles")
    if OFF_TOPIC in cues_t:
        cues[OFF_TOPIC] = _forms(f"{where} cues.{OFF_TOPIC}", cues_t[OFF_TOPIC])
    reach = table.get("reach", 0)
    if not isinstance(reach, int) or isinstance(reach, bool) or not 0 <= reach <= 2000:
        raise ConfigError(f"{where}: reach must be a number of characters (0 to 2000)")
    countries = {**_coded(f"{where} countries", table["countries"], orgs=False),
                 **_coded(f"{where} organizations", table["organizations"], orgs=True)}
    return LanguageWords(
        name=name,
        detected=_forms(f"{where} detected", table["detected"]),
        cldr=_plain(f"{where} cldr", table["cldr"]),
        substring=match == "substring",
        triggers=triggers,
        cues=cues,
        countries=countries,
        locatives=_forms(f"{where} locatives", table["locatives"]) if "locatives" in table
        else (),
        exclude=_forms(f"{where} exclude", table["exclude"]) if "exclude" in table else (),
        endings=_forms(f"{where} endings", table["endings"]) if "endings" in table else (),
        reach=reach,
        topics=_topics(f"{where} topics", table.get("topics", {})),
        titles=_forms(f"{where} titles", table["titles"]) if "titles" in table else (),
        title_complements=_forms(f"{where} title_complements", table["title_complements"])
        if "title_complements" in table else (),
        title_former=_forms(f"{where} title_former", table["title_former"])
        if "title_former" in table else (),
        counterparts=_forms(f"{where} counterparts", table["counterparts"])
        if "counterparts" in table else (),
        romanize=_romanize(f"{where} romanize", table.get("romanize", {})),
    )


def _topics(where: str, value: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of topic = [words]")
    for topic in value:
        if topic not in TOPICS:
            raise ConfigError(f"{where}: {topic!r} is not a topic of the GUIDELINES vocabulary")
    return {t: _forms(f"{where}.{t}", words) for t, words in value.items()}


def _romanize(where: str, value: object) -> dict[str, str]:
    """A table of one or two lower-case letters (a letter, a digraph) = their Latin
    spelling."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of letter = Latin letters")
    for letter, latin in value.items():
        if not 1 <= len(letter) <= 2 or not letter.isalpha() or letter != letter.lower():
            raise ConfigError(f"{where}: {letter!r} is not one or two lower-case letters")
        if not isinstance(latin, str) or not all(c.isascii() and (c.isalpha() or c == "'")
                                                 for c in latin):
            raise ConfigError(f"{where}.{letter}: {latin!r} is not Latin letters")
    return dict(value)


def _plain(where: str, value: object) -> tuple[str, ...]:
    """A non-empty list of distinct strings (no other check)."""
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{where} must be a non-empty list of strings")
    if not all(isinstance(v, str) and v and v == v.strip() for v in value):
        raise ConfigError(f"{where}: every entry must be a non-empty string without "
                          "spaces around it")
    if len(set(value)) != len(value):
        raise ConfigError(f"{where}: duplicate entry")
    return tuple(value)


def _forms(where: str, value: object) -> tuple[str, ...]:
    """A list of entries: words separated by single spaces, '*' only ending a word."""
    if value is None:
        raise ConfigError(f"{where} is missing")
    out = _plain(where, value)
    for entry in out:
        if "  " in entry:
            raise ConfigError(f"{where}: entry {entry!r} has a double space")
        if re.search(r"\*(?=\S)|(?:^|\s)\*", entry):
            raise ConfigError(f"{where}: entry {entry!r}: '*' may only end a word")
    return out


def _coded(where: str, value: object, *, orgs: bool) -> dict[str, tuple[str, ...]]:
    """A table of code = [forms]: ISO3 country codes, or organisation codes."""
    from summitry import gazetteer

    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of code = [forms]")
    out: dict[str, tuple[str, ...]] = {}
    for code, forms in value.items():
        known = gazetteer.is_io(code) if orgs else (
            code.isupper() and len(code) == 3 and not gazetteer.is_io(code)
            and gazetteer.country_name(code) != code)
        if not known:
            kind = "an organisation code" if orgs else "an ISO 3166-1 alpha-3 country code"
            raise ConfigError(f"{where}: {code!r} is not {kind} summitry knows")
        out[code] = _forms(f"{where}.{code}", forms)
    return out
