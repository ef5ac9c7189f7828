"""The language of a document, detected offline at ingest.

:func:`detect` runs py3langid (a naive-Bayes identifier over byte n-grams whose model
ships in the wheel; no download) on the start of a text and gives an ISO 639-1 code,
or ``None`` when the text is too short or the identifier is not sure (when two close
languages share the vote and neither is one we read, the best guess is kept). The extractor's
lexicon and spaCy model read :data:`READ_LANGUAGES`; a page in another language that
has word lists in ``data/languages.toml`` (Italian, Spanish, Russian...) is read by
:mod:`summitry.foreign` instead, and every page is stored with its language:
``summitry status`` counts and lists the pages in languages not read, so a corpus that
yields nothing because it is in German says so.
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: languages whose pages the extractor reads (its lexicon and spaCy model are English)
READ_LANGUAGES = frozenset({"en"})
#: characters of a text the identifier looks at (a page's first paragraphs decide)
SAMPLE_CHARS = 3000
#: shorter texts get no language: a headline alone is too little to tell
MIN_CHARS = 40
#: normalised probability under which the identifier's answer is not kept
MIN_PROBABILITY = 0.8


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None (too short, or not sure)."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return None
    ranked = _identifier().rank(sample)
    code, prob = ranked[0]
    if float(prob) >= MIN_PROBABILITY:
        return str(code)
    # two close languages share the vote (Malay and Indonesian, Croatian and Serbian):
    # the page is still not in a language we read, and the best guess names it
    read = sum(float(p) for c, p in ranked if c in READ_LANGUAGES)
    return str(code) if read < 0.05 else None


def is_read(code: str | None) -> bool:
    """Whether the extractor reads pages in ``code`` (unknown: assumed so)."""
    return code is None or code in READ_LANGUAGES
