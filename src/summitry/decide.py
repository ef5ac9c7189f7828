"""The learned decision: which candidate events (:mod:`summitry.candidates`) are events.

A logistic model over the candidates' named features, trained on the labelled
real pages by :mod:`summitry.learn` (``make train``) and shipped as a small JSON
file in the package (``data/decide_model.json``): feature names, standardisation,
weights, intercept and two decision thresholds chosen on held-out folds: one for
the events the rules made, one for the candidates they did not. Inference
needs nothing but this file (no scikit-learn, no pickle).

Selection per document, most probable first: a candidate at or above the
threshold is kept unless a kept candidate already covers it (same trigger and type, or a
window candidate with the same type and governments as a kept one: the second
party found twice is one event, unless the candidate's act is introduced as one more of
its kind: "handed over another group of suspects"). Rule candidates of the same type and countries
from different triggers stay separate events ("two agreements signed by different
agencies"). The probability becomes the event's confidence.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from summitry.candidates import Candidate
from summitry.errors import ConfigError
from summitry.extraction import DocEvent, distinct

MODEL_FILE = "decide_model.json"
FORMAT = "summitry.decide.logistic.v1"


@dataclass(frozen=True, slots=True)
class Model:
    """A standardised logistic model over named features."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # for candidates the rules did not make
    rule_threshold: float  # for the rule events themselves
    meta: dict[str, Any]

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept
        for name, mu, sd, w in zip(self.names, self.mean, self.scale, self.coef, strict=True):
            z += w * (feats.get(name, 0.0) - mu) / sd
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "names": list(self.names), "mean": list(self.mean),
                "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept, "threshold": self.threshold,
                "rule_threshold": self.rule_threshold, "meta": self.meta}


def from_dict(d: dict[str, Any], origin: str = "model") -> Model:
    """A model from its JSON form; a clear :class:`ConfigError` when it is malformed."""
    if d.get("format") != FORMAT:
        raise ConfigError(f"{origin}: not a decision model (format {d.get('format')!r}, "
                          f"expected {FORMAT!r}); retrain with `make train`")
    try:
        names = tuple(str(n) for n in d["names"])
        cols = [tuple(float(x) for x in d[k]) for k in ("mean", "scale", "coef")]
        model = Model(names, cols[0], cols[1], cols[2], float(d["intercept"]),
                      float(d["threshold"]), float(d["rule_threshold"]),
                      dict(d.get("meta", {})))
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: malformed decision model ({exc}); retrain with "
                          "`make train`") from exc
    if not all(len(c) == len(names) for c in cols) or any(s <= 0 for s in model.scale):
        raise ConfigError(f"{origin}: decision model columns disagree in length or have a "
                          "non-positive scale; retrain with `make train`")
    return model


def load(path: str | Path | None = None) -> Model | None:
    """The shipped model (or the one at ``path``); None when none ships."""
    if path is not None:
        return from_dict(json.loads(Path(path).read_text(encoding="utf-8")), str(path))
    return _shipped()


@cache
def _shipped() -> Model | None:
    res = resources.files("summitry") / "data" / MODEL_FILE
    if not res.is_file():
        return None
    return from_dict(json.loads(res.read_text(encoding="utf-8")), MODEL_FILE)


#: types one act cannot both be: a handover is either a gift (AID) or a transfer in
#: cooperation (COOPERATE), so one trigger keeps the more probable of the two
_EXCLUSIVE = {"AID": "AID|COOPERATE", "COOPERATE": "AID|COOPERATE"}


def _act(token_i: int, typ: str) -> tuple[int, str]:
    return token_i, _EXCLUSIVE.get(typ, typ)


def select(cands: Sequence[Candidate], model: Model | None) -> list[DocEvent]:
    """The candidates the model keeps, in reading order, each with its confidence.

    Without a model only the rule candidates are kept (the rules alone)."""
    if model is None:
        return [c.event for c in cands if c.is_rule]
    scored = sorted(((model.probability(c.features), i, c) for i, c in enumerate(cands)),
                    key=lambda t: (-t[0], t[1]))
    kept: list[tuple[int, Candidate]] = []
    triggers: set[tuple[int, str]] = set()
    rule_keys: set[tuple[str, frozenset[str]]] = set()
    window_keys: set[tuple[str, frozenset[str]]] = set()
    #: the kept event of each key, and the passing candidates it stands for
    first: dict[tuple[str, frozenset[str]], DocEvent] = {}
    for p, i, c in scored:
        if p < (model.rule_threshold if c.is_rule else model.threshold):
            continue
        trig = _act(c.event.mentions[0].trigger.token.i, c.event.type)
        # "handed over another group of suspects": one more act of a kept key's kind
        another = not c.is_rule and trig not in triggers and distinct(c.event.mentions[0])
        if trig in triggers or (not another and (c.key in window_keys or (
                not c.is_rule and c.key in rule_keys))):
            if c.key in first:
                _take_evidence(first[c.key], c.event)
            continue
        first.setdefault(c.key, c.event)
        triggers.update(_act(m.trigger.token.i, c.event.type) for m in c.event.mentions)
        (rule_keys if c.is_rule else window_keys).add(c.key)
        c.event.confidence = p
        kept.append((i, c))
    kept.sort(key=lambda t: t[1].event.mentions[0].trigger.token.i)
    return [c.event for _, c in kept]


def _take_evidence(kept: DocEvent, other: DocEvent) -> None:
    """A passing candidate of a kept event's key tells the same event again ("agreed to
    step up cooperation" in the title, "at the meeting in Sydney on Wednesday" below):
    the kept event takes the date and place it lacks from the retelling."""
    if not kept.times:
        kept.times.extend(other.times)
    if not kept.places:
        kept.places.extend(other.places)
