"""Throughput benchmark on a news stream: summitry vs a bare spaCy NER pass, one run.

The stream mixes pages that hold cooperation events with ordinary news so that about 10%
of pages are relevant, as in a real news feed. With ``../shared`` present both halves are
real news: the 200 ordinary pages of ``../shared/bench/ordinary`` (20% hard negatives)
and the bundled examples, the dev pages and the real eval pages that hold a scored event.
Without it, the bundled examples and generated ordinary pages (``bench/newsgen.py``:
sport, business, weather, local crime, culture, domestic politics). In this one
process, over the same pages:

* bare spaCy: ``nlp.pipe`` of the same model over every page's text (the work every
  spaCy-based event coder does at least);
* summitry: the full per-document pipeline (clean, relevance gate, NLP, extraction,
  resolution) in the run loop's batches of pages, as ``summitry run`` does before
  storing (:meth:`Pipeline.process_batch`).

Both get one warm-up pass. Ratios are throughput of summitry over bare spaCy:
``ratio_stream`` on the whole stream, ``ratio_relevant`` on every relevant page (not
only the stream's share of them). Each is timed ``--repeat`` times (default 3) as
back-to-back pairs and the median pair is reported (``ratio_stream_runs`` and
``ratio_relevant_runs`` list them all): on a shared machine one pair swings with the load.
``ratio_stream_cpu`` and ``ratio_relevant_cpu`` are the same medians in this process's CPU
seconds, which other jobs on the machine do not inflate.
``gate_pass_ordinary`` is the share of the real
ordinary pages the relevance gate lets through; ``gate_recall_real`` the share of real
and dev pages with a scored event it keeps (``bench/gate_figures.py``).
``spark_speedup_2v1`` is the Spark engine's extraction job on local[1] over local[2]
(``bench/spark_speed.py`` in a child process, session start excluded; skipped with
``--no-spark``). The last line printed is one JSON object.

    python bench/run.py [--quick] [--no-spark] [--repeat N]
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

import gate_figures  # noqa: E402
import newsgen  # noqa: E402

from summitry import ingest, nlp, runloop  # noqa: E402
from summitry.pipeline import Pipeline  # noqa: E402
from summitry.records import RawDoc  # noqa: E402

SHARED = ROOT.parent / "shared"


def relevant_pages() -> list[RawDoc]:
    """The examples, the dev pages and (with ../shared) the real pages with an event."""
    folders = [ROOT / "examples" / "docs", SHARED / "eval" / "dev" / "docs"]
    docs = [d for d in ingest.read([f for f in folders if f.exists()]) if isinstance(d, RawDoc)]
    real = gate_figures.scored_event_pages(SHARED, ("real",)) if SHARED.exists() else []
    docs += [d for d in ingest.read(real) if isinstance(d, RawDoc)]
    if not docs:
        raise SystemExit("no documents found under examples/docs")
    return docs


def ordinary_pages(n: int) -> tuple[list[RawDoc], str]:
    """``n`` ordinary pages: the real ones of ../shared/bench/ordinary when present
    (repeated under new ids when more are asked for), else generated ones."""
    real = gate_figures.ordinary_pages(SHARED) if SHARED.exists() else []
    if not real:
        return [RawDoc(i, t) for i, t in newsgen.stream(n)], "generated"
    docs = [d for d in ingest.read(real) if isinstance(d, RawDoc)]
    out = [docs[k % len(docs)] for k in range(n)]
    return [RawDoc(f"{d.doc_id}_{k}", d.text) if k >= len(docs) else d
            for k, d in enumerate(out)], "real"


def build_stream(relevant: list[RawDoc], others: list[RawDoc], share: float = 0.1
                 ) -> list[RawDoc]:
    """``others`` with ``share`` of the stream taken from ``relevant``, interleaved."""
    k = max(1, round(len(others) * share / (1 - share)))
    rel = [relevant[i % len(relevant)] for i in range(k)]
    out: list[RawDoc] = []
    step = max(1, len(others) // k)
    for i, doc in enumerate(rel):
        out += [*others[i * step:(i + 1) * step], doc]
    return out + others[k * step:]


def time_spacy(docs: list[RawDoc]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a bare ``nlp.pipe`` over ``docs``."""
    model = nlp.load()
    list(model.pipe(d.text for d in docs[:20]))  # warm-up
    start, cpu = time.perf_counter(), time.process_time()
    for _doc in model.pipe(d.text for d in docs):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_summitry(pipe: Pipeline, docs: list[RawDoc]) -> tuple[float, float, int, int]:
    """Wall-clock and CPU seconds of the pipeline over ``docs``, its events, and the
    pages the gate lets through to the parser."""
    pipe.process_batch(docs[:20])  # warm-up: model, actor store, gazetteers
    events = parsed = 0
    size = runloop.LocalEngine.batch_size
    start, cpu = time.perf_counter(), time.process_time()
    for k in range(0, len(docs), size):
        for result in pipe.process_batch(docs[k:k + size]):
            events += 0 if isinstance(result, Exception) else len(result[1])
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    from summitry import gate

    parsed = sum(1 for d in docs if gate.check(pipe.process(d)[0].masked).passed)
    return elapsed, cpu, events, parsed


def _ratio(pair: tuple[float, float]) -> float:
    return round(pair[0] / pair[1], 3)


def _median_pair(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    """The (bare spaCy, summitry) timings of the pair with the median ratio."""
    ranked = sorted(pairs, key=lambda p: p[0] / p[1])
    return ranked[(len(ranked) - 1) // 2]


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
    ap.add_argument("--repeat", type=int, default=3,
                    help="timed pairs per ratio; the median pair is reported (default 3)")
    args = ap.parse_args()
    relevant = relevant_pages()
    others, source = ordinary_pages(100 if args.quick else 400)
    stream = build_stream(relevant, others)
    pipe = Pipeline()
    # each ratio is the median of --repeat back-to-back pairs (bare spaCy, then summitry
    # over the same pages): on a shared machine one pair swings with the load
    stream_pairs: list[tuple[float, float]] = []
    rel_pairs: list[tuple[float, float]] = []
    stream_cpu: list[tuple[float, float]] = []
    rel_cpu: list[tuple[float, float]] = []
    for _ in range(args.repeat):
        (w_spacy, c_spacy), (w_ours, c_ours, n_events, n_parsed) = (
            time_spacy(stream), time_summitry(pipe, stream))
        stream_pairs.append((w_spacy, w_ours))
        stream_cpu.append((c_spacy, c_ours))
        (w_spacy, c_spacy), (w_ours, c_ours, _, _) = (
            time_spacy(relevant), time_summitry(pipe, relevant))
        rel_pairs.append((w_spacy, w_ours))
        rel_cpu.append((c_spacy, c_ours))
    t_spacy_stream, t_ours_stream = _median_pair(stream_pairs)
    t_spacy_rel, t_ours_rel = _median_pair(rel_pairs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    speedup = None if args.no_spark else spark_speedup(args.quick)
    n_rel = len(stream) - len(others)
    if SHARED.exists():
        gate_fig = gate_figures.measure(SHARED, ("real", "dev"))
        gate_pass, gate_recall = round(gate_fig.pass_rate, 3), round(gate_fig.recall, 3)
    else:
        gate_pass = gate_recall = None
    result = {
        "ordinary_source": source,
        "docs": len(stream),
        "relevant_docs": n_rel,
        "events": n_events,
        "parsed_docs": n_parsed,
        "gate_pass_ordinary": gate_pass,
        "gate_recall_real": gate_recall,
        "spacy_docs_per_s": round(len(stream) / t_spacy_stream, 2),
        "docs_per_s": round(len(stream) / t_ours_stream, 2),
        "ratio_stream": round(t_spacy_stream / t_ours_stream, 3),
        "ratio_relevant": round(t_spacy_rel / t_ours_rel, 3),
        "ratio_stream_runs": [round(a / b, 3) for a, b in stream_pairs],
        "ratio_relevant_runs": [round(a / b, 3) for a, b in rel_pairs],
        # the same pairs in CPU seconds of this process: what other jobs on the machine
        # take does not count, so these hold still where the wall-clock ratios swing
        "ratio_stream_cpu": _ratio(_median_pair(stream_cpu)),
        "ratio_relevant_cpu": _ratio(_median_pair(rel_cpu)),
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
    print(f"gate passes {gate_pass} of the real ordinary pages, keeps {gate_recall} of "
          f"the real event pages; "
          f"ratio_stream {result['ratio_stream']}, ratio_relevant {result['ratio_relevant']}, "
          f"peak RSS {result['peak_rss_mb']} MB, spark 2v1 {speedup}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
