"""Large-input benchmark: `summitry run` end to end on a ≥ 1 GB `.warc.gz`, and on 10 MB.

It writes two gzipped WARC files of HTTP responses, a large one (``--size-gb``, default
1.0) and a small one (``--small-mb``, default 10), from the same pages: the real pages
of ``../shared`` (eval pages and ordinary news) when present, else the bundled examples,
each repeated under its own URI. Each response is a whole web page of about
``--page-kb`` KB (default 200, the size of a modern news page): the page's text in an
article, with a header, a menu and an inline base64 image (random bytes, so the file
does not compress away; bytes, not the record count, are what tests streaming).

Each file is then run through ``summitry run FILE --db DB`` in a child process, and the
last line printed is one JSON object::

    {"records": ..., "records_per_s": ..., "peak_rss_mb": ..., "accounted": true,
     "file_mb": ..., "small": {same for the small file}, "rss_ratio": big / small}

``accounted``: every record of the file is in the database as a document (processed or
dropped by the relevance gate) or as a failure row. Goals: ``peak_rss_mb`` ≤ 1536 on the
large file and ``rss_ratio`` ≤ 1.2 (memory does not grow with the input).

While a run goes on, a progress line goes to stderr every ``--progress`` seconds (default
60): the records stored so far (read from the snapshot the run publishes), the run's
resident memory and CPU seconds, and the machine's load average, so that a slow run (a
niced run on a busy machine gets a small share of the CPU) is told from a stuck one.

    python bench/big_input.py [--size-gb 1.0] [--small-mb 10] [--page-kb 200] [--keep DIR]
                              [--progress SECONDS]
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

#: the child that runs one command and reports its peak RSS (KiB on Linux) as JSON
_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(json.dumps({'rc': rc, 's': time.perf_counter() - t,\n"
    "  'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)


def source_pages() -> list[tuple[str, str]]:
    """(name, text) of the pages the files are made of."""
    folders = [SHARED / "eval" / "real" / "docs", SHARED / "eval" / "train" / "docs",
               SHARED / "bench" / "ordinary" / "docs"]
    files = [f for d in folders if d.is_dir() for f in sorted(d.glob("*.txt"))]
    if not files:
        files = sorted((ROOT / "examples" / "docs").glob("*.txt"))
    return [(f.stem, f.read_text(encoding="utf-8")) for f in files]


def page_html(name: str, text: str, image: bytes) -> bytes:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = html.escape(lines[0] if lines else name)
    body = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:])
    menu = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(30))
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><header><nav><ul>{menu}</ul></nav></header><main><article>"
            f"<h1>{title}</h1>{body}</article><figure><img alt='photo' "
            f"src='data:image/jpeg;base64,{base64.b64encode(image).decode()}'></figure>"
            f"</main><footer>All rights reserved.</footer></body></html>").encode()


def write_warc(path: Path, target_bytes: int, pages: list[tuple[str, str]],
               page_kb: int, seed: int = 7) -> int:
    """Write responses until the file holds ``target_bytes``; returns the record count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    image_bytes = max(0, page_kb * 1024 * 3 // 4 - 3000)
    n = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        while fh.tell() < target_bytes:
            name, text = pages[n % len(pages)]
            payload = page_html(name, text, rng.randbytes(image_bytes))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(payload)))],
                                       protocol="HTTP/1.1")
            uri = f"https://bench.example/{n}/{name}"
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=headers))
            n += 1
    return n


def run_once(warc: Path, db: Path, records: int, every: float = 60.0) -> dict[str, float]:
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "summitry", "run",
           str(warc), "--db", str(db)]
    t0 = time.monotonic()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        while True:
            try:
                proc.wait(timeout=every)
                break
            except subprocess.TimeoutExpired:
                print(progress(db, records, proc.pid, time.monotonic() - t0), file=sys.stderr,
                      flush=True)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"the measuring child failed: {err.read()[-2000:]}")
        return dict(json.loads(out.read().strip().splitlines()[-1]))


def progress(db: Path, records: int, wrapper: int, elapsed: float) -> str:
    """One line: records stored so far, the run's RSS and CPU, the machine's load."""
    try:
        stored = str(accounted(db))
    except Exception as exc:  # no snapshot published yet, or one being replaced
        stored = f"? (no snapshot to read: {type(exc).__name__})"
    rss_mb = cpu_s = 0.0
    for pid in _children(wrapper):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu_s += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
            rss_mb = max(rss_mb, int(stat[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20)
        except (OSError, IndexError, ValueError):
            continue
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"  {elapsed / 60:5.1f} min: {stored} of {records} records stored, "
            f"run RSS {rss_mb:.0f} MB, CPU {cpu_s:.0f} s, load average {load:.1f}")


def _children(pid: int) -> list[int]:
    """The processes started by ``pid`` (Linux /proc; empty elsewhere)."""
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def accounted(db: Path) -> int:
    from summitry.store import Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
    return counts["documents"] + counts["failures"]


def measure(warc: Path, records: int, work: Path, every: float = 60.0) -> dict[str, object]:
    db = work / f"{warc.stem}.duckdb"
    got = run_once(warc, db, records, every)
    return {"records": records, "seconds": round(got["s"], 1),
            "records_per_s": round(records / got["s"], 2),
            "peak_rss_mb": round(got["rss_kb"] / 1024, 1),
            "accounted": accounted(db) == records and got["rc"] in (0, 3),
            "exit_status": got["rc"], "file_mb": round(warc.stat().st_size / 2**20, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-gb", type=float, default=1.0)
    ap.add_argument("--small-mb", type=float, default=10.0)
    ap.add_argument("--page-kb", type=int, default=200)
    ap.add_argument("--keep", type=Path, default=None,
                    help="write the files and databases here and keep them")
    ap.add_argument("--progress", type=float, default=60.0,
                    help="seconds between progress lines on stderr (default 60)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="summitry-big-"))
    work.mkdir(parents=True, exist_ok=True)
    pages = source_pages()
    try:
        t = time.perf_counter()
        small = work / "small.warc.gz"
        big = work / "big.warc.gz"
        n_small = write_warc(small, int(args.small_mb * 2**20), pages, args.page_kb)
        n_big = write_warc(big, int(args.size_gb * 2**30), pages, args.page_kb)
        print(f"wrote {n_small} + {n_big} records in {time.perf_counter() - t:.0f} s",
              file=sys.stderr)
        small_fig = measure(small, n_small, work, args.progress)
        print(f"small: {small_fig}", file=sys.stderr)
        big_fig = measure(big, n_big, work, args.progress)
        ratio = float(big_fig["peak_rss_mb"]) / float(small_fig["peak_rss_mb"])  # type: ignore[arg-type]
        print(json.dumps({**big_fig, "small": small_fig, "rss_ratio": round(ratio, 3)}))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
