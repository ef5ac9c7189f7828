"""Every ```python block of docs/analysis.md runs, in order and in one namespace, in a
folder holding the exports of a database built from examples/docs."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summitry import formats
from summitry.export import export_events
from summitry.pipeline import run
from summitry.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "docs" / "analysis.md"
FILES = {"parquet": "events.parquet", "jsonl": "events.jsonl",
         "plover": "events.plover.jsonl", "polecat": "events.polecat.tsv"}


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", RECIPES.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("recipes")
    db = tmp / "examples.duckdb"
    assert not run([ROOT / "examples" / "docs"], db).failures
    with Store(db, read_only=True) as store:
        events, _ = store.search_events(order="id")
        refs = formats.refs_from(store.document_refs(formats.doc_ids(events)))
    for fmt, name in FILES.items():
        export_events(events, fmt, tmp / name, refs)
    cwd = Path.cwd()
    os.chdir(tmp)
    try:
        yield tmp
    finally:
        os.chdir(cwd)


def test_the_doc_has_recipes() -> None:
    assert len(blocks()) >= 5
    text = RECIPES.read_text(encoding="utf-8")
    for name in FILES.values():
        assert name in text


def test_recipes_run(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, Any] = {"__name__": "recipes"}
    for i, code in enumerate(blocks()):
        try:
            exec(compile(code, f"{RECIPES.name}[block {i}]", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message names the block
            raise AssertionError(f"block {i} of {RECIPES.name} failed: {exc!r}") from exc
    assert len(namespace["events"]) >= 5
    assert len(namespace["pairs"]) >= 1 and (namespace["pairs"]["events"] >= 1).all()
    assert len(namespace["pairs_sql"]) >= 1
    assert namespace["joined"]["spans"].min() >= 1
    assert namespace["spans"]
    assert "event_id" in capsys.readouterr().out
