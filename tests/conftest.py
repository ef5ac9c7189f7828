"""Shared fixtures: paths to the dev set (present in CI as ../shared) and the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
DEV_DOCS = SHARED_EVAL / "dev" / "docs"
DEV_GOLD = SHARED_EVAL / "dev" / "gold.jsonl"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def dev_docs() -> Path:
    if not DEV_DOCS.is_dir():
        pytest.skip("needs ../shared/eval/dev (present in CI, not in a user's clone)")
    return DEV_DOCS


@pytest.fixture(scope="session")
def dev_gold() -> Path:
    if not DEV_GOLD.is_file():
        pytest.skip("needs ../shared/eval/dev/gold.jsonl (present in CI, not in a user's clone)")
    return DEV_GOLD


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from summitry.pipeline import Pipeline

    return Pipeline()
