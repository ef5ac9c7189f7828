"""Name normalisation shared by people resolution, fusion and scoring."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Casefold and strip accents: ``"Jiménez"`` -> ``"jimenez"``."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).casefold()


def person_key(name: str) -> str:
    """A family-name key (last word, folded), as the scorer compares participants."""
    toks = fold(name).split()
    return toks[-1] if toks else ""
