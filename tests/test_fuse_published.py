"""Publication dates reach fusion: the store keeps them and a run hands them to fuse()."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from summitry import fuse as fuse_module
from summitry import pipeline
from summitry.fuse import fuse
from summitry.store import Store

PAGES = {
    "lima": ("Published: 3 March 2023\n\nThe interior ministers of Chile and Peru met in "
             "Lima on Thursday to discuss border security and migrant smuggling.\n"),
    "nodate": ("The interior ministers of Chile and Peru met in Lima to discuss border "
               "security and migrant smuggling.\n"),
}


def test_a_run_hands_the_stored_publication_dates_to_fusion(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    seen: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(args[3] if len(args) > 3 else kwargs.get("published"))
        return fuse(*args, **kwargs)

    monkeypatch.setattr(fuse_module, "fuse", spy)  # what the run loop's engine calls
    db = tmp_path / "p.duckdb"
    pipeline.run([folder], db)
    assert seen == [{"lima": dt.date(2023, 3, 3)}]
    with Store(db, read_only=True) as store:
        assert store.published_dates() == {"lima": dt.date(2023, 3, 3)}
