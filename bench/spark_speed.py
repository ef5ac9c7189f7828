"""Spark engine scaling: the extraction job (``mapPartitions`` over the pages, one spaCy
pipeline per Python worker) on local[1] and on local[2], each in its own process.

Session start and the loading of spaCy into the workers are excluded (a warm-up job loads
the model in every worker; PySpark reuses its Python workers); what is timed is the job
that ``summitry run --engine spark`` spends its time in. Prints one JSON line:
``{"local1_s", "local2_s", "speedup_2v1", "docs"}``.

    python bench/spark_speed.py [--quick]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def pages(copies: int) -> list:  # type: ignore[type-arg]
    from run import relevant_pages

    base = relevant_pages()
    return [dataclasses.replace(d, doc_id=f"{d.doc_id}__{k}") for k in range(copies)
            for d in base]


def time_job(master: str, copies: int) -> tuple[float, int]:
    from summitry import spark_engine
    from summitry.actors import ActorStore

    spark = spark_engine.session(master)
    sc = spark.sparkContext
    cores = sc.defaultParallelism
    docs = pages(copies)
    actors = sc.broadcast(ActorStore.default())
    job = partial(spark_engine._process_partition, None, True, actors, {})
    warm = [(i, d) for i, d in enumerate(docs[: 2 * cores])]
    sc.parallelize(warm, cores).mapPartitions(job).count()  # spaCy into every worker
    start = time.perf_counter()
    n = sc.parallelize(list(enumerate(docs)), 4).mapPartitions(job).count()
    elapsed = time.perf_counter() - start
    spark.stop()
    return elapsed, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--master", help=argparse.SUPPRESS)
    args = ap.parse_args()
    copies = 3 if args.quick else 8
    if args.master:  # child: time one master
        elapsed, n = time_job(args.master, copies)
        print(json.dumps({"seconds": elapsed, "docs": n}))
        return
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"}
    times = {}
    for master in ("local[1]", "local[2]"):
        proc = subprocess.run([sys.executable, __file__, "--master", master,
                               *(["--quick"] if args.quick else [])],
                              capture_output=True, text=True, env=env, timeout=900,
                              check=True)
        times[master] = json.loads(proc.stdout.strip().splitlines()[-1])
    t1, t2 = times["local[1]"]["seconds"], times["local[2]"]["seconds"]
    print(json.dumps({"local1_s": round(t1, 2), "local2_s": round(t2, 2),
                      "speedup_2v1": round(t1 / t2, 2), "docs": times["local[1]"]["docs"]}))


if __name__ == "__main__":
    main()
