"""Name normalisation shared by people resolution, fusion and scoring."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Casefold and strip accents: ``"Jiménez"`` -> ``"jimenez"``."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).casefold()


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def person_key(name: str) -> str:
    """A family-name key (last word, folded, without "Jr."), as the scorer compares
    participants."""
    toks = fold(name).replace(",", " ").split()
    while len(toks) > 1 and toks[-1] in _SUFFIXES:
        toks.pop()
    return toks[-1] if toks else ""
