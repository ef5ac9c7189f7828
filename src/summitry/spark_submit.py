"""``spark-submit`` entry point of the Spark engine.

Usage::

    spark-submit [--master URL] src/summitry/spark_submit.py PATH... --db FILE \\
        [--parquet DIR] [--no-load] [--no-gate] [--model NAME] [--partitions N] [--ship]

The master (and every other Spark setting) comes from spark-submit; run without it
(``python -m summitry.spark_submit``) Spark's default master is used. The executors
need summitry, its dependencies and the spaCy model installed (or shipped with
``--py-files`` / an archived environment); locally, point Spark at the environment that
has them: ``PYSPARK_PYTHON=.venv/bin/python spark-submit --master 'local[2]' ...``.

Exit status as ``summitry run``: 0 every input processed; 3 some inputs failed and the
rest were stored; 1 fatal error (setup, database); 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if __name__ == "__main__" and __package__ in (None, ""):
    # run as a script (spark-submit): import the summitry next to this file, and do not let
    # this folder's modules (store.py, dates.py, ...) shadow top-level ones
    _here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]
    sys.path.insert(0, str(_here.parent))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="spark_submit.py",
        description="Ingest pages on Spark: extract events, fuse them, store them in DuckDB.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="files or folders of pages (.txt, .html, .warc, .jsonl, gzipped)")
    p.add_argument("--db", type=Path, default=Path("summitry.duckdb"),
                   help="DuckDB database file (default: %(default)s)")
    p.add_argument("--parquet", type=Path, default=None, metavar="DIR",
                   help="keep the per-document results as Parquet under DIR/documents")
    p.add_argument("--no-load", dest="load", action="store_false",
                   help="do not write the database (only read it); with --parquet the "
                        "results stay on disk")
    p.add_argument("--model", default=None, help="spaCy pipeline to use")
    p.add_argument("--no-gate", dest="gate", action="store_false",
                   help="parse every page (no relevance gate before spaCy)")
    p.add_argument("--ship", action="store_true",
                   help="run executors in a packed environment of this one (clusters whose "
                        "Python lacks summitry)")
    p.add_argument("--partitions", type=int, default=None,
                   help="partitions to spread the documents over (default: cores)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from summitry.errors import SummitryError
    from summitry.spark_engine import run_spark

    args = parser().parse_args(argv)
    missing = [str(p) for p in args.paths if str(p) != "-" and not p.exists()]
    if missing:
        print(f"No such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        summary = run_spark(args.paths, args.db, master=None, parquet_dir=args.parquet,
                            model=args.model, load=args.load, partitions=args.partitions,
                            use_gate=args.gate, ship=args.ship)
    except SummitryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    where = str(args.db) if args.load else f"{args.db} (not written: --no-load)"
    print(f"{summary.documents} documents processed, {summary.skipped} unchanged, "
          f"{summary.mentions} event mentions, {summary.events} events in {where}; "
          f"{len(summary.failures)} failures")
    for f in summary.failures:
        print(f"  {f.stage} {f.input}: {f.error}", file=sys.stderr)
    return 3 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
