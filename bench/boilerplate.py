"""Boilerplate detection benchmark: jusText alone vs summitry's rules, line by line.

Labelled pages: the dev pages (``../shared/eval/dev/docs`` with
``tests/data/boilerplate_dev_labels.json``) when present, and the bundled examples
(``examples/docs`` with ``examples/labels.json``) when present. Labels give, per page,
the 1-based numbers of its ``boilerplate`` lines and of its ``meta`` lines (title,
byline, date, source); every other non-empty line is body. Meta lines are left out of
the boilerplate scores (the title is kept, the others are masked and reported as
metadata).

For each method: precision, recall and F1 of "this line is boilerplate" (micro-averaged
over all lines), the number of body lines lost (masked), and ms per page. Prints a table
and, as its last line, one JSON object.

    python bench/boilerplate.py [--explain]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from summitry.clean import METHODS, clean, explain  # noqa: E402
from summitry.records import RawDoc  # noqa: E402

SETS = (
    ("dev", ROOT.parent / "shared" / "eval" / "dev" / "docs",
     ROOT / "tests" / "data" / "boilerplate_dev_labels.json"),
    ("examples", ROOT / "examples" / "docs", ROOT / "examples" / "labels.json"),
)


@dataclass(slots=True)
class Page:
    doc_id: str
    text: str
    boilerplate: set[int]
    meta: set[int]


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    body_lost: int = 0
    seconds: float = 0.0
    pages: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.body_lost += other.body_lost
        self.seconds += other.seconds
        self.pages += other.pages

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        ms = 1000 * self.seconds / self.pages if self.pages else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "body_lines_lost": self.body_lost, "ms_per_page": round(ms, 2)}


def load_pages() -> list[tuple[str, Page]]:
    pages: list[tuple[str, Page]] = []
    for name, folder, labels_path in SETS:
        if not folder.is_dir() or not labels_path.is_file():
            print(f"[{name}] skipped: {folder} or {labels_path} missing", file=sys.stderr)
            continue
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        for doc_id, lab in sorted(labels.items()):
            path = folder / f"{doc_id}.txt"
            if doc_id.startswith("_") or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            pages.append((name, Page(doc_id, text, set(lab.get("boilerplate", [])),
                                     set(lab.get("meta", [])))))
    return pages


def line_numbers(text: str) -> list[int]:
    """1-based numbers of the non-empty lines of ``text``."""
    return [n for n, line in enumerate(text.split("\n"), 1) if line.strip()]


def masked_lines(text: str, method: str) -> tuple[set[int], float]:
    start = time.perf_counter()
    doc = clean(RawDoc("bench", text), method=method)
    seconds = time.perf_counter() - start
    return {text.count("\n", 0, sp.start) + 1 for sp in doc.boilerplate}, seconds


def score_page(page: Page, method: str) -> Counts:
    masked, seconds = masked_lines(page.text, method)
    c = Counts(seconds=seconds, pages=1)
    for n in line_numbers(page.text):
        if n in page.meta:
            continue
        gold, pred = n in page.boilerplate, n in masked
        c.tp += gold and pred
        c.fp += pred and not gold
        c.fn += gold and not pred
        c.body_lost += pred and not gold
    return c


def print_errors(page: Page) -> None:
    lines = page.text.split("\n")
    for span, label, reason in explain(page.text):
        n = page.text.count("\n", 0, span.start) + 1
        gold = "meta" if n in page.meta else "boilerplate" if n in page.boilerplate else "body"
        pred = "boilerplate" if label != "body" else "body"
        if gold != "meta" and gold != pred:
            print(f"  {page.doc_id}:{n} gold={gold} got={label} ({reason}): {lines[n - 1][:70]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--explain", action="store_true", help="list the misclassified lines")
    args = parser.parse_args(argv)
    pages = load_pages()
    if not pages:
        print("no labelled pages found")
        print(json.dumps({"pages": 0}))
        return 1
    for _, page in pages:  # warm-up: imports, jusText stoplist
        clean(RawDoc("warm", page.text))
    totals = {m: Counts() for m in METHODS}
    print(f"{'set':9} {'page':24} {'method':9} {'P':>6} {'R':>6} {'F1':>6} {'lost':>5}")
    for name, page in pages:
        for method in ("justext", "summitry"):
            c = score_page(page, method)
            totals[method].add(c)
            s = c.scores()
            print(f"{name:9} {page.doc_id:24} {method:9} {s['precision']:6.3f} "
                  f"{s['recall']:6.3f} {s['f1']:6.3f} {s['body_lines_lost']:5d}")
    print()
    for method in ("justext", "summitry"):
        s = totals[method].scores()
        print(f"{'all':9} {len(pages):<3} pages{'':15} {method:9} {s['precision']:6.3f} "
              f"{s['recall']:6.3f} {s['f1']:6.3f} {s['body_lines_lost']:5d}  "
              f"{s['ms_per_page']:.2f} ms/page")
    if args.explain:
        print("\nsummitry errors:")
        for _, page in pages:
            print_errors(page)
    result = {"pages": len(pages), "sets": sorted({n for n, _ in pages})}
    result.update({m: totals[m].scores() for m in ("justext", "summitry")})
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
