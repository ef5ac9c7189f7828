"""Time-aware actor knowledge: who held which office, where, and when.

An :class:`ActorStore` holds people (canonical name, aliases, country) with their roles
(office, organisation, country, start and end dates, and the public fact each rests on),
plus a table of offices ("Secretary of Homeland Security" is a US office run by the
Department of Homeland Security; "Minister of the Interior" takes its country from the
context). The packaged ``data/actors.json`` is a small curated file; users load more
with :meth:`ActorStore.merge` (see :mod:`summitry.wikidata`).

Name matching is accent-insensitive and tolerant of the misspellings news pages carry:
names are folded, then a light phonetic key merges Spanish/English spelling variants
(``ll``/``y``, ``c``/``k``/``qu``, ``z``/``s``, ``x``/``j``), then rapidfuzz scores the
family name and, where given, the first name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from summitry.errors import ConfigError
from summitry.names import fold


@dataclass(frozen=True, slots=True)
class Role:
    """One office held by one person for a time (dates ``None`` when unknown/open)."""

    role: str
    organization: str | None
    country: str | None
    start: dt.date | None
    end: dt.date | None
    source: str = ""

    def active(self, when: dt.date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(slots=True)
class Actor:
    """A person the store knows, with every role it knows them in."""

    id: str
    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    origin: str = "curated"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "country": self.country,
            "aliases": list(self.aliases), "origin": self.origin,
            "roles": [{"role": r.role, "organization": r.organization, "country": r.country,
                       "start": r.start.isoformat() if r.start else None,
                       "end": r.end.isoformat() if r.end else None, "source": r.source}
                      for r in self.roles],
        }


@dataclass(frozen=True, slots=True)
class Office:
    """An office title with its aliases; ``country`` is None when the context decides."""

    office: str
    aliases: tuple[str, ...]
    country: str | None
    organization: str | None
    by_country: tuple[tuple[str, str], ...] = ()  # (country, organisation) overrides


_PHONETIC = (
    (re.compile(r"ll"), "y"), (re.compile(r"qu(?=[ei])"), "k"), (re.compile(r"c(?=[aou])"), "k"),
    (re.compile(r"ck"), "k"), (re.compile(r"z"), "s"), (re.compile(r"x"), "j"),
    (re.compile(r"ph"), "f"), (re.compile(r"ch"), "h"), (re.compile(r"h(?![aeiou])"), ""),
    (re.compile(r"(.)\1"), r"\1"),
)
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "van", "von", "der", "da", "dos"})


def phonetic(name: str) -> str:
    """A spelling-tolerant key: ``"Mallorcas"`` and ``"Mayorkas"`` both give ``"mayorkas"``."""
    key = re.sub(r"[^a-z ]+", " ", fold(name).replace("-", " "))
    for pat, rep in _PHONETIC:
        key = pat.sub(rep, key)
    return " ".join(key.split())


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _tokens(name: str) -> list[str]:
    toks = [t for t in phonetic(name).split() if t not in _PARTICLES]
    while len(toks) > 1 and toks[-1] in _SUFFIXES:  # "Ferdinand Marcos Jr."
        toks.pop()
    return toks


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts[:3])


def _strip_title(title: str) -> str:
    """Fold an office title and drop qualifiers that do not change the office."""
    t = fold(title)
    t = t.replace("’", "'").replace(".", "")
    t = re.sub(r"^(the|then|acting|interim|new|former|incoming|outgoing|deputy)[- ]+", "", t)
    t = re.sub(r"\b(us|u s|united states|american)\b", "", t)
    return " ".join(t.replace("-", " ").split())


class ActorStore:
    """Actors and offices, with fuzzy name matching and tenure look-ups."""

    def __init__(self, actors: Iterable[Actor] = (), offices: Iterable[Office] = ()) -> None:
        self.actors: dict[str, Actor] = {}
        self.offices: list[Office] = list(offices)
        self._office_key: dict[str, Office] = {}
        self._idx: list[tuple[Actor, list[list[str]]]] | None = None
        # match() of each name asked (a pure function of the actors): a page names the
        # same people many times, and a news stream the same few hundred
        self._matches: dict[tuple[str, float], Actor | None] = {}
        for off in self.offices:
            for alias in (off.office, *off.aliases):
                self._office_key[_strip_title(alias)] = off
        for a in actors:
            self.add(a)

    # ------------------------------------------------------------------ construction

    @classmethod
    def default(cls) -> ActorStore:
        """The curated store shipped with the package (cached; treat as read-only)."""
        return _default_store()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActorStore:
        try:
            offices = [Office(o["office"], tuple(o.get("aliases", ())), o.get("country"),
                              o.get("organization"),
                              tuple(sorted((o.get("by_country") or {}).items())))
                       for o in data.get("offices", [])]
            actors = [actor_from_dict(a) for a in data.get("actors", [])]
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"bad actor file: {exc!r}") from exc
        return cls(actors, offices)

    @classmethod
    def from_file(cls, path: Path) -> ActorStore:
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(f"cannot read actor file {path}: {exc}") from exc

    def copy(self) -> ActorStore:
        return ActorStore(list(self.actors.values()), self.offices)

    def add(self, actor: Actor) -> None:
        """Add an actor, or merge its aliases and roles into the one with the same id."""
        old = self.actors.get(actor.id)
        if old is not None:
            aliases = tuple(dict.fromkeys((*old.aliases, *actor.aliases)))
            roles = tuple(dict.fromkeys((*old.roles, *actor.roles)))
            actor = Actor(old.id, old.name, old.country or actor.country, aliases, roles,
                          old.origin)
        self.actors[actor.id] = actor
        self._idx = None
        self._matches.clear()

    def merge(self, actors: Iterable[Actor]) -> int:
        """Add actors from another source; one that is already known (same id, or the
        same full name and country) adds its aliases and roles to the known actor."""
        n = 0
        for a in actors:
            known = self.actors.get(a.id) or self.match(a.name, min_score=95)
            if known is not None and a.country and known.country \
                    and a.country != known.country:
                known = None
            if known is not None and len(_tokens(a.name)) < 2:
                known = None
            if known is not None:
                a = Actor(known.id, known.name, known.country, (*a.aliases, a.name),
                          a.roles, known.origin)
            self.add(a)
            n += 1
        return n

    # ------------------------------------------------------------------ matching

    def _index(self) -> list[tuple[Actor, list[list[str]]]]:
        if self._idx is None:
            self._idx = [(a, [_tokens(n) for n in (a.name, *a.aliases) if _tokens(n)])
                         for a in self.actors.values()]
        return self._idx

    def match(self, name: str, min_score: float = 85) -> Actor | None:
        """The known actor a name refers to, tolerating accents and misspellings.

        A lone family name must match a known family name; a full name must match on
        the family name and, when both have one, agree on the first name.
        """
        key = (name, min_score)
        if key in self._matches:
            return self._matches[key]
        if len(self._matches) >= _MATCH_CACHE:
            self._matches.clear()
        found = self._matches[key] = self._match(name, min_score)
        return found

    def _match(self, name: str, min_score: float) -> Actor | None:
        q = _tokens(name)
        if not q:
            return None
        scores: dict[str, tuple[float, Actor]] = {}
        for actor, forms in self._index():
            for form in forms:
                score = _name_score(q, form)
                if score >= min_score and score > scores.get(actor.id, (0.0, actor))[0]:
                    scores[actor.id] = (score, actor)
        if not scores:
            return None
        ranked = sorted(scores.values(), key=lambda sa: -sa[0])
        if len(q) == 1 and len(ranked) > 1 and ranked[1][0] >= ranked[0][0] - 1:
            return None  # "Johnson" alone: Boris or Jeh? not ours to guess
        return ranked[0][1]

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    # ------------------------------------------------------------------ roles and offices

    def roles_at(self, actor: Actor, when: dt.date) -> list[Role]:
        return [r for r in actor.roles if r.active(when)]

    def role_for(self, actor: Actor, hint: str | None) -> Role | None:
        """The role of ``actor`` a title in the text refers to (or its only role)."""
        if hint:
            off = self.office(hint)
            key = _strip_title(hint)
            for r in actor.roles:
                if (off and _strip_title(r.role) == _strip_title(off["office"])) \
                        or _strip_title(r.role) == key:
                    return r
        return actor.roles[0] if len(actor.roles) == 1 else None

    def tenure(self, actor: Actor, role_hint: str | None) -> tuple[dt.date | None,
                                                                   dt.date | None] | None:
        """When ``actor`` held the office the text gives them; their whole known career
        when the title is unknown (a looser but still true bound)."""
        role = self.role_for(actor, role_hint)
        roles: tuple[Role, ...] | list[Role] = actor.roles
        if role is not None:
            # every term in that office (a second term is a separate role entry)
            roles = [r for r in actor.roles if _strip_title(r.role) == _strip_title(role.role)]
        if not roles:
            return None
        starts = [r.start for r in roles]
        ends = [r.end for r in roles]
        return (None if None in starts else min(s for s in starts if s),
                None if None in ends else max(e for e in ends if e))

    def office(self, title: str, country: str | None = None) -> dict[str, str] | None:
        """What a title means: office name, country (when fixed), organisation."""
        key = _strip_title(title)
        off = self._office_key.get(key)
        if off is None:
            # "Spanish Minister of the Interior": drop a leading country word
            parts = key.split(" ", 1)
            if len(parts) == 2:
                off = self._office_key.get(parts[1])
        if off is None:
            return None
        ctry = off.country or country
        org = dict(off.by_country).get(ctry or "", off.organization)
        out = {"office": off.office}
        if ctry:
            out["country"] = ctry
        if org:
            out["organization"] = org
        return out

    def holder(self, office: str, country: str | None, when: dt.date) -> Actor | None:
        """Who held ``office`` in ``country`` on ``when`` (None if unknown or several)."""
        known = self.office(office, country)
        key = _strip_title(known["office"] if known else office)
        found = [a for a in self.actors.values() for r in a.roles
                 if _strip_title(r.role) == key and (country is None or r.country == country)
                 and r.active(when)]
        return found[0] if len({a.id for a in found}) == 1 else None


#: names whose match() an actor store remembers before it starts again
_MATCH_CACHE = 50_000


def _name_score(q: list[str], form: list[str]) -> float:
    """Score a query name against a known name form, both as phonetic tokens."""
    if len(q) == 1:
        # a lone family name: compare with the known family name(s)
        fams = [form[-1]] + ([" ".join(form[-2:])] if len(form) >= 3 else []) + form[1:-1]
        tok = q[0]
        if len(tok) <= 4 or min(len(f) for f in fams) <= 4:
            return 100.0 if tok in fams else 0.0  # "Mayo" is not "May"
        return max(fuzz.ratio(tok, f) for f in fams) if fams else 0.0
    last = fuzz.ratio(q[-1], form[-1])
    fam = fuzz.ratio(" ".join(q[1:]), " ".join(form[1:])) if len(form) > 1 else 0.0
    if len(form) >= 3:  # "Osorio Chong" = "Miguel Angel Osorio Chong"
        fam = max(fam, fuzz.ratio(" ".join(q), " ".join(form[-len(q):])))
    if last < 70:  # a shared first or middle name does not hide another family name
        fam = min(fam, last)
    fam = max(fam, last)
    first = fuzz.ratio(q[0], form[0])
    if 75 <= fam < 85 and first >= 90 and min(len(q[-1]), len(form[-1])) >= 5 \
            and q[-1][0] == form[-1][0]:
        # one first name, a family name spelt another way ("Soukri" ~ "Shoukry",
        # transliterations of one name)
        return fam + 10
    if fam < 85:
        return _second_surname(q, form)
    if first >= 70 or (q[0][0] == form[0][0] and len(q[0]) <= 2):
        return min(fam, 100.0) if first >= 70 else fam - 5
    # a different first name that still looks like a variant (Alexander ~ Alejandro)
    if fuzz.partial_ratio(q[0][:4], form[0][:4]) >= 75:
        return fam - 8
    return 0.0


def _second_surname(q: list[str], form: list[str]) -> float:
    """One form is the other with a second family name after the first ("Marcelo Ebrard
    Casaubon" = "Marcelo Ebrard", "César Bernardo Arévalo de León" = "Bernardo Arévalo"):
    the shorter's words, in order, are the longer's, its family name is the longer's
    second-to-last word and its first name one of the longer's first two."""
    short, long_ = (q, form) if len(q) < len(form) else (form, q)
    if len(short) < 2 or not 1 <= len(long_) - len(short) <= 2 or short[-1] != long_[-2] \
            or short[0] not in long_[:2]:
        return 0.0
    rest = iter(long_)
    return 90.0 if all(tok in rest for tok in short) else 0.0


def actor_from_dict(d: dict[str, Any]) -> Actor:
    roles = tuple(Role(r["role"], r.get("organization"), r.get("country", d.get("country")),
                       _date(r.get("start")), _date(r.get("end")), r.get("source", ""))
                  for r in d.get("roles", []))
    return Actor(d["id"], d["name"], d.get("country"), tuple(d.get("aliases", ())), roles,
                 d.get("origin", "curated"))


@lru_cache(maxsize=1)
def _default_store() -> ActorStore:
    text = resources.files("summitry").joinpath("data/actors.json").read_text(encoding="utf-8")
    return ActorStore.from_json(json.loads(text))


__all__ = ["Actor", "ActorStore", "Office", "Role", "actor_from_dict", "phonetic"]
