"""Throughput benchmark on a news stream: summitry vs a bare spaCy NER pass, one run.

The stream mixes the pages that hold cooperation events (the bundled examples, plus the dev
pages when ../shared is present) with ordinary news pages (``bench/newsgen.py``: sport,
business, weather, local crime, culture, domestic politics) so that about 10% of pages are
relevant, as in a real news feed. In this one process, over the same pages:

* bare spaCy: ``nlp.pipe`` of the same model over every page's text (the work every
  spaCy-based event coder does at least);
* summitry: the full per-document pipeline (clean, relevance gate, NLP, extraction,
  resolution) page by page, as ``summitry run`` does before storing.

Both get one warm-up pass. Ratios are throughput of summitry over bare spaCy:
``ratio_stream`` on the whole stream, ``ratio_relevant`` on the relevant pages only.
``spark_speedup_2v1`` is the Spark engine's extraction job on local[1] over local[2]
(``bench/spark_speed.py`` in a child process, session start excluded; skipped with
``--no-spark``). The last line printed is one JSON object.

    python bench/run.py [--quick] [--no-spark]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import newsgen  # noqa: E402

from summitry import ingest, nlp  # noqa: E402
from summitry.pipeline import Pipeline  # noqa: E402
from summitry.records import RawDoc  # noqa: E402


def relevant_pages() -> list[RawDoc]:
    folders = [ROOT / "examples" / "docs", ROOT.parent / "shared" / "eval" / "dev" / "docs"]
    docs = [d for d in ingest.read([f for f in folders if f.exists()]) if isinstance(d, RawDoc)]
    if not docs:
        raise SystemExit("no documents found under examples/docs")
    return docs


def build_stream(relevant: list[RawDoc], share: float = 0.1) -> list[RawDoc]:
    n_other = round(len(relevant) * (1 - share) / share)
    others = [RawDoc(i, t) for i, t in newsgen.stream(n_other)]
    # interleave: one relevant page about every 1/share pages
    out: list[RawDoc] = []
    step = max(1, len(others) // max(1, len(relevant)))
    for k, doc in enumerate(relevant):
        out += [*others[k * step:(k + 1) * step], doc]
    return out + others[len(relevant) * step:]


def time_spacy(docs: list[RawDoc]) -> float:
    model = nlp.load()
    list(model.pipe(d.text for d in docs[:20]))  # warm-up
    start = time.perf_counter()
    for _doc in model.pipe(d.text for d in docs):
        pass
    return time.perf_counter() - start


def time_summitry(pipe: Pipeline, docs: list[RawDoc]) -> tuple[float, int, int]:
    for d in docs[:20]:  # warm-up: model, actor store, gazetteers
        pipe.process(d)
    events = parsed = 0
    start = time.perf_counter()
    for d in docs:
        events += len(pipe.process(d)[1])
    elapsed = time.perf_counter() - start
    from summitry import gate

    parsed = sum(1 for d in docs if gate.check(pipe.process(d)[0].masked).passed)
    return elapsed, events, parsed


def spark_speedup(quick: bool) -> float | None:
    script = ROOT / "bench" / "spark_speed.py"
    if not script.exists():
        return None
    proc = subprocess.run([sys.executable, str(script), *(["--quick"] if quick else [])],
                          capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode != 0:
        print(f"spark benchmark failed: {proc.stderr[-400:]}", file=sys.stderr)
        return None
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["speedup_2v1"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="finishes in under 3 minutes")
    ap.add_argument("--no-spark", action="store_true", help="skip the Spark measurement")
    args = ap.parse_args()
    relevant = relevant_pages()
    if not args.quick:
        relevant = relevant * 3
    stream = build_stream(relevant)
    pipe = Pipeline()
    t_spacy_stream = time_spacy(stream)
    t_ours_stream, n_events, n_parsed = time_summitry(pipe, stream)
    t_spacy_rel = time_spacy(relevant)
    t_ours_rel, _, _ = time_summitry(pipe, relevant)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    speedup = None if args.no_spark else spark_speedup(args.quick)
    n_other = len(stream) - len(relevant)
    # the relevant set holds pages without an event too (a domestic hearing): count the
    # gate's drops among the ordinary pages only
    rel_ids = {d.doc_id for d in relevant}
    _, _, rel_parsed = time_summitry(pipe, [d for d in stream if d.doc_id in rel_ids])
    dropped = n_other - (n_parsed - rel_parsed)
    result = {
        "docs": len(stream),
        "relevant_docs": len(relevant),
        "events": n_events,
        "gate_drop_rate_ordinary": round((dropped) / n_other, 3) if n_other else None,
        "spacy_docs_per_s": round(len(stream) / t_spacy_stream, 2),
        "docs_per_s": round(len(stream) / t_ours_stream, 2),
        "ratio_stream": round(t_spacy_stream / t_ours_stream, 3),
        "ratio_relevant": round(t_spacy_rel / t_ours_rel, 3),
        "peak_rss_mb": round(rss, 1),
        "spark_speedup_2v1": speedup,
    }
    print(f"{'pass':<34}{'docs':>6}{'docs/s':>10}")
    print(f"{'bare spaCy nlp.pipe, stream':<34}{len(stream):>6}{result['spacy_docs_per_s']:>10}")
    print(f"{'summitry, stream':<34}{len(stream):>6}{result['docs_per_s']:>10}")
    print(f"{'bare spaCy nlp.pipe, relevant':<34}{len(relevant):>6}"
          f"{round(len(relevant) / t_spacy_rel, 2):>10}")
    print(f"{'summitry, relevant':<34}{len(relevant):>6}"
          f"{round(len(relevant) / t_ours_rel, 2):>10}")
    print(f"gate drops {result['gate_drop_rate_ordinary']} of ordinary pages; "
          f"ratio_stream {result['ratio_stream']}, ratio_relevant {result['ratio_relevant']}, "
          f"peak RSS {result['peak_rss_mb']} MB, spark 2v1 {speedup}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
