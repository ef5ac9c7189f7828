"""Topic tagging: the 18-topic vocabulary of GUIDELINES.md, found by compiled regexes.

Each topic has a list of English patterns (case-insensitive, word-bounded). A
coordination such as "human and drug trafficking" is expanded so that both
"human trafficking" and "drug trafficking" are found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summitry.records import TOPICS

_PATTERNS: dict[str, tuple[str, ...]] = {
    "terrorism": (
        r"(counter[- ]?)?terror(ism|ist|ists)?",
        r"violent extremis[mt]s?",
        r"(violent )?radicali[sz]ation",
        r"jihadis[mt]s?",
    ),
    "organized_crime": (
        r"organi[sz]ed crime",
        r"(transnational|international) crim(e|inal|inals)",
        r"criminal (networks?|organi[sz]ations?|groups?|gangs?)",
        r"gangs?",
        r"mafias?",
        r"cartels?",
    ),
    "drug_trafficking": (
        r"drugs?( (trafficking|trade|smuggling|cartels?|traffickers?))?",
        r"narco\w*",
        r"(counter|anti)[- ]?narcotics?",
        r"antinarcotics?",
        r"cocaine|heroin|fentanyl|methamphetamines?|cannabis|marijuana",
    ),
    "arms_trafficking": (
        r"arms (trade|trafficking|smuggling|flows?)",
        r"(weapons?|firearms?|guns?) (trafficking|smuggling|trade|flows?)",
        r"trafficking (of|in) (arms|weapons|firearms)",
        r"illegal (arms|weapons|firearms)",
        r"(flows?|smuggling|trafficking|traffic) of ([\w.]+ ){0,2}(arms|weapons|firearms|guns)",
        r"gun[- ]running",
    ),
    "human_trafficking": (
        r"human trafficking",
        r"trafficking (in|of) (persons|people|human beings|women|children)",
        r"(human|people|sex) traffickers?",
        r"illegal human trafficking",
        r"traffic(s|ked|king)? (in )?(people|persons|human beings|women|children)",
        r"smuggle and traffic (people|persons|migrants)",
    ),
    "migrant_smuggling": (
        r"(migrant|people|human|alien) smuggl(ing|ers?)",
        r"smuggl(ing|ers?) of (migrants|people|persons)",
        r"(illicit |illegal )?trafficking of migrants",
        r"coyotes",
        r"smuggl(e|es|ed|ing) (and traffic )?(people|persons|migrants)",
    ),
    "migration": (
        r"(ir)?regular migration",
        r"migrat(ion|ory)( flows?)?",
        r"(im|e)?migra(nts?|tion)",
        r"immigration( fraud| reform)?",
        r"asylum( seekers?)?",
        r"refugees?",
        r"deportations?",
        r"legal (pathways|channels)",
        r"repatriations?",
    ),
    "border_security": (
        r"borders?( (security|control|controls|patrols?|areas|management|crossings?|"
        r"communications|protection))?",
        r"border patrol",
        r"ports? of entry",
    ),
    "maritime_security": (
        r"maritime( (security|surveillance|patrols?|cooperation))?",
        r"port security",
        r"coast ?guards?",
        r"naval patrols?",
        r"piracy",
        r"(south|east) china sea",
        r"freedom of navigation",
    ),
    "cybercrime": (r"cyber[- ]?\w*", r"ransomware", r"hacking", r"online fraud"),
    "critical_infrastructure": (r"critical infrastructures?",),
    "corruption": (r"(anti[- ]?)?corruption", r"brib(ery|es)", r"graft"),
    "money_laundering": (
        r"money[- ]laundering",
        r"illicit (finances?|financial flows|funds|financing)",
        r"(terrorist|terrorism) financing",
        r"laundering",
    ),
    "human_rights": (r"human rights", r"fundamental rights", r"civil liberties"),
    "information_sharing": (
        r"(exchange|sharing|share|shared|swap|exchanged|exchanging) (of )?([\w-]+ ){0,3}"
        r"(information|intelligence|data)",
        r"(information|intelligence)[- ](exchange|sharing)",
        r"information\b[^.]{0,60}\b(transferred|handed over|shared|exchanged|provided|delivered)",
        r"(transferred|handed over|provided|delivered) (the )?(information|intelligence)",
    ),
    "training": (
        r"training",
        r"capacity[- ]building",
        r"best practices",
        r"(technical )?assistance programs?",
    ),
    "trade_travel": (
        r"(lawful |legitimate )?(trade|travel) (and|&) (trade|travel)",
        r"customs facilitation",
        r"(legitimate|lawful) (trade|travel|commerce)",
    ),
    "public_health": (
        r"pandemic",
        r"covid(-19)?",
        r"coronavirus",
        r"vaccin\w+",
        r"health security",
        r"public health",
    ),
}

# "human and drug trafficking" -> "human trafficking and drug trafficking"
_COORD = re.compile(
    r"\b(human|drug|arms|weapons|people|migrant)\s+(and|or|&)\s+"
    r"(human|drug|arms|weapons|people|migrant)\s+(trafficking|smuggling|trade)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TopicMention:
    """A topic cue found in text, with offsets into the text given (plus ``offset``)."""

    topic: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    assert set(_PATTERNS) == set(TOPICS), "topic patterns must cover exactly the vocabulary"
    return {
        topic: re.compile(r"\b(?:" + "|".join(pats) + r")\b", re.IGNORECASE)
        for topic, pats in _PATTERNS.items()
    }


@lru_cache(maxsize=1)
def _in_context() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """Cues that name a topic only in a context: bare "smugglers" near migrants or boats
    is people smuggling (near cocaine it is not)."""
    return [
        ("migrant_smuggling",
         re.compile(r"\b(?<!drug )(?<!arms )(?<!cocaine )(?<!weapons )(smugglers?|smuggling "
                    r"(networks?|gangs?|rings?|routes?))\b", re.IGNORECASE),
         re.compile(r"\b(migra\w*|asylum|small boats?|crossings?|refugees?|dinghies|"
                    r"undocumented)\b", re.IGNORECASE)),
    ]


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
