"""The relevance gate on real pages: pass rate on ordinary news, recall on event pages.

* pass rate: the share of ``../shared/bench/ordinary/docs`` (real pages with no
  cooperation event) that the gate lets through to the parser (lower is better);
* recall: the share of the real, train and dev pages under ``../shared/eval`` that
  hold a scored (non-optional) gold event and pass the gate;
* readable recall: the same over the pages the extractor can read, in a language it
  reads (:func:`summitry.language.detect`, the detector ingest uses) and with an article
  text left after cleaning (at least ``MIN_TEXT`` characters): must be 1.0. (A few eval
  pages are Italian, Spanish, Thai, Hindi...: the English pipeline finds nothing there,
  so the gate loses nothing by dropping them.)

Both judge the gate as the pipeline does: its pre-check on the uncleaned text, then the
gate on the page's cleaned article text. The last
line printed is one JSON object; ``tests/test_gate.py`` asserts the targets.

    python bench/gate_figures.py [--shared ../shared] [--list]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from summitry import gate, language  # noqa: E402
from summitry.clean import clean  # noqa: E402
from summitry.records import RawDoc  # noqa: E402

EVAL_SETS = ("real", "train", "dev")
MIN_TEXT = 200


def readable(text: str) -> bool:
    """Whether the extractor reads the language ``text`` is in."""
    return language.is_read(language.detect(text))


@dataclass(slots=True)
class GateFigures:
    ordinary: int = 0
    ordinary_passed: list[str] = field(default_factory=list)
    event_pages: int = 0
    event_pages_dropped: list[str] = field(default_factory=list)
    readable_pages: int = 0
    readable_dropped: list[str] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return len(self.ordinary_passed) / self.ordinary if self.ordinary else 0.0

    @property
    def recall(self) -> float:
        if not self.event_pages:
            return 1.0
        return 1 - len(self.event_pages_dropped) / self.event_pages

    @property
    def readable_recall(self) -> float:
        if not self.readable_pages:
            return 1.0
        return 1 - len(self.readable_dropped) / self.readable_pages


def _judge(path: Path) -> tuple[bool, bool]:
    """Whether the page passes the gate, and whether the extractor can read it."""
    raw = path.read_text(encoding="utf-8")
    doc = clean(RawDoc(path.stem, raw))
    ok = readable(raw) and len(doc.masked.strip()) >= MIN_TEXT
    return gate.precheck(raw) and gate.check(doc.masked).passed, ok


def scored_event_pages(shared: Path, sets: tuple[str, ...] = EVAL_SETS) -> list[Path]:
    """Pages of the eval ``sets`` named by at least one non-optional gold event."""
    pages: list[Path] = []
    for name in sets:
        gold = shared / "eval" / name / "gold.jsonl"
        if not gold.is_file():
            continue
        ids: set[str] = set()
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ev = json.loads(line)
                if not ev.get("optional", False):
                    ids.update(ev.get("docs", []))
        docs = shared / "eval" / name / "docs"
        pages += [docs / f"{i}.txt" for i in sorted(ids) if (docs / f"{i}.txt").is_file()]
    return pages


def ordinary_pages(shared: Path) -> list[Path]:
    return sorted((shared / "bench" / "ordinary" / "docs").glob("*.txt"))


def measure(shared: Path, sets: tuple[str, ...] = EVAL_SETS) -> GateFigures:
    """Gate pass rate on the ordinary pages and recall on the scored event pages of the
    eval ``sets``."""
    fig = GateFigures()
    for page in ordinary_pages(shared):
        fig.ordinary += 1
        if _judge(page)[0]:
            fig.ordinary_passed.append(page.stem)
    for page in scored_event_pages(shared, sets):
        passed, readable = _judge(page)
        name = f"{page.parent.parent.name}/{page.stem}"
        fig.event_pages += 1
        fig.readable_pages += readable
        if not passed:
            fig.event_pages_dropped.append(name)
            if readable:
                fig.readable_dropped.append(name)
    return fig


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--list", action="store_true", help="name the pages behind the figures")
    args = ap.parse_args()
    fig = measure(args.shared)
    print(f"ordinary pages passed  {len(fig.ordinary_passed)}/{fig.ordinary} "
          f"(pass rate {fig.pass_rate:.3f})")
    print(f"event pages kept       {fig.event_pages - len(fig.event_pages_dropped)}/"
          f"{fig.event_pages} (recall {fig.recall:.3f})")
    print(f"readable pages kept    {fig.readable_pages - len(fig.readable_dropped)}/"
          f"{fig.readable_pages} (recall {fig.readable_recall:.3f})")
    if args.list:
        for doc_id in fig.ordinary_passed:
            print(f"  passed  {doc_id}")
        for doc_id in fig.event_pages_dropped:
            print(f"  dropped {doc_id}")
    out = asdict(fig) | {"pass_rate": round(fig.pass_rate, 3), "recall": round(fig.recall, 3),
                         "readable_recall": round(fig.readable_recall, 3)}
    if not args.list:
        out = {k: v for k, v in out.items() if not isinstance(v, list)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
