"""Topic tagging: the 18-topic vocabulary of GUIDELINES.md, found by compiled regexes.

Each topic has a list of English patterns (case-insensitive, word-bounded), the
``topics.*`` families of ``data/lexicon.toml`` (docs/lexicon.md). A
coordination such as "human and drug trafficking" is expanded so that both
"human trafficking" and "drug trafficking" are found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summitry import lexicon
from summitry.records import TOPICS


def _patterns() -> dict[str, tuple[str, ...]]:
    """Each topic's patterns, from the lexicon's ``topics.*`` families (data/lexicon.toml)."""
    lex = lexicon.load()
    return {topic: lex.entries(f"topics.{topic}") for topic in TOPICS}


def _coordination() -> re.Pattern[str]:
    """"human and drug trafficking" -> "human trafficking and drug trafficking"."""
    lex = lexicon.load()
    mods = "|".join(lex.entries("topic_coordination.modifiers"))
    heads = "|".join(lex.entries("topic_coordination.heads"))
    return re.compile(rf"\b({mods})\s+(and|or|&)\s+({mods})\s+({heads})\b", re.IGNORECASE)


_COORD = _coordination()


@dataclass(frozen=True, slots=True)
class TopicMention:
    """A topic cue found in text, with offsets into the text given (plus ``offset``)."""

    topic: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    return {
        topic: re.compile(r"\b(?:" + "|".join(pats) + r")\b", re.IGNORECASE)
        for topic, pats in _patterns().items()
    }


@lru_cache(maxsize=1)
def _in_context() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """Cues that name a topic only in a context: bare "smugglers" near migrants or boats
    is people smuggling (near cocaine it is not)."""
    lex = lexicon.load()
    out: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = []
    for topic in ("migrant_smuggling",):
        cues = "|".join(lex.entries(f"topic_context.{topic}.cues"))
        context = "|".join(lex.entries(f"topic_context.{topic}.context"))
        out.append((topic, re.compile(rf"\b(?:{cues})\b", re.IGNORECASE),
                    re.compile(rf"\b(?:{context})\b", re.IGNORECASE)))
    return out


def find_topics(text: str, offset: int = 0) -> list[TopicMention]:
    """All topic cues in ``text``, sorted by position."""
    found: list[TopicMention] = []
    for topic, rx in _compiled().items():
        for m in rx.finditer(text):
            found.append(TopicMention(topic, m.start() + offset, m.end() + offset, m.group(0)))
    for topic, rx, context in _in_context():
        for m in rx.finditer(text):
            window = text[max(0, m.start() - 200):m.end() + 200]
            if context.search(window):
                found.append(TopicMention(topic, m.start() + offset, m.end() + offset,
                                          m.group(0)))
    for m in _COORD.finditer(text):
        noun = m.group(4).lower()
        for word in (m.group(1), m.group(3)):
            phrase = f"{word.lower()} {noun}"
            for topic, rx in _compiled().items():
                if rx.fullmatch(phrase):
                    found.append(TopicMention(topic, m.start() + offset, m.end() + offset,
                                              m.group(0)))
    found.sort(key=lambda t: (t.start, t.topic))
    return _drop_shadowed(found)


def _drop_shadowed(found: list[TopicMention]) -> list[TopicMention]:
    """A generic cue inside a more specific one (``migra`` in ``migrant smuggling``) is dropped."""
    specific = {
        "migration": ("migrant_smuggling",),
        "drug_trafficking": (),
        "border_security": (),
    }
    keep: list[TopicMention] = []
    for t in found:
        shadows = specific.get(t.topic, ())
        if any(o.topic in shadows and o.start <= t.start and t.end <= o.end for o in found):
            continue
        keep.append(t)
    return keep


def topics_in(text: str) -> list[str]:
    """The distinct topics cued in ``text``, in vocabulary order."""
    seen = {t.topic for t in find_topics(text)}
    return [t for t in TOPICS if t in seen]
