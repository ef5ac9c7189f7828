"""Throughput benchmark: summitry's per-document pipeline vs a bare spaCy NER pass.

Both run in this one process over the same documents (the bundled examples, plus
the dev pages when ../shared is present), each repeated ``--repeat`` times after
one warm-up pass, so the ratio is measured under the same machine load. Prints a
table and, as its last line, one JSON object.

    python bench/run.py [--repeat 3] [--quick]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from summitry import ingest, nlp  # noqa: E402
from summitry.pipeline import Pipeline  # noqa: E402
from summitry.records import RawDoc  # noqa: E402


def corpus() -> list[RawDoc]:
    folders = [ROOT / "examples" / "docs", ROOT.parent / "shared" / "eval" / "dev" / "docs"]
    docs = [d for d in ingest.read([f for f in folders if f.exists()]) if isinstance(d, RawDoc)]
    if not docs:
        raise SystemExit("no documents found under examples/docs")
    return docs


def time_spacy(docs: list[RawDoc], repeat: int) -> float:
    model = nlp.load()
    list(model.pipe(d.text for d in docs))  # warm-up
    start = time.perf_counter()
    for _ in range(repeat):
        for _doc in model.pipe(d.text for d in docs):
            pass
    return time.perf_counter() - start


def time_summitry(docs: list[RawDoc], repeat: int) -> tuple[float, int]:
    pipe = Pipeline()
    for d in docs:  # warm-up: model, actor store, gazetteers
        pipe.process(d)
    n_events = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            n_events += len(pipe.process(d)[1])
    return time.perf_counter() - start, n_events // repeat


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="one repetition")
    args = ap.parse_args()
    repeat = 1 if args.quick else args.repeat
    docs = corpus()
    t_spacy = time_spacy(docs, repeat)
    t_ours, n_events = time_summitry(docs, repeat)
    n = len(docs) * repeat
    result = {
        "docs": len(docs),
        "repeat": repeat,
        "events_per_pass": n_events,
        "spacy_docs_per_s": round(n / t_spacy, 2),
        "docs_per_s": round(n / t_ours, 2),
        "ratio_vs_spacy": round(t_spacy / t_ours, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(f"{'pass':<28}{'docs/s':>10}")
    print(f"{'bare spaCy NER (nlp.pipe)':<28}{result['spacy_docs_per_s']:>10}")
    print(f"{'summitry per-document':<28}{result['docs_per_s']:>10}")
    print(f"ratio summitry/spaCy throughput: {result['ratio_vs_spacy']}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
