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

    python bench/big_input.py [--size-gb 1.0] [--small-mb 10] [--page-kb 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
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


def run_once(warc: Path, db: Path) -> dict[str, float]:
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "summitry", "run",
           str(warc), "--db", str(db)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def accounted(db: Path) -> int:
    from summitry.store import Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
    return counts["documents"] + counts["failures"]


def measure(warc: Path, records: int, work: Path) -> dict[str, object]:
    db = work / f"{warc.stem}.duckdb"
    got = run_once(warc, db)
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
        small_fig = measure(small, n_small, work)
        print(f"small: {small_fig}", file=sys.stderr)
        big_fig = measure(big, n_big, work)
        ratio = float(big_fig["peak_rss_mb"]) / float(small_fig["peak_rss_mb"])  # type: ignore[arg-type]
        print(json.dumps({**big_fig, "small": small_fig, "rss_ratio": round(ratio, 3)}))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
