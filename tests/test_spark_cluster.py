"""Spark on a real standalone cluster whose Python does not have summitry.

A master and two workers are started from the pyspark package (``bin/spark-class``);
the workers' ``PYSPARK_PYTHON`` is a bare virtual environment (no summitry, no spaCy).
``summitry run --engine spark --master spark://127.0.0.1:PORT --ship`` packs this
environment (:mod:`summitry.cluster`), the executors unpack it and their bare
interpreter imports everything from it, and the
database must equal the one the local engine writes for the same pages (the examples
and, when present, the dev pages). Both runs are CLI subprocesses with
``SUMMITRY_NO_EMBED=1``, so fusion uses the same signals on both sides.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summitry.store import Store, event_to_json

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DOCS = ROOT / "examples" / "docs"
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                       reason="pyspark is not installed (pip install 'summitry[spark]')"),
    pytest.mark.skipif(shutil.which("java") is None and not os.environ.get("JAVA_HOME"),
                       reason="Spark needs Java 17"),
    pytest.mark.slow,
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"the Spark master exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise TimeoutError(f"no Spark master on port {port} after {timeout} s")


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("bare") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    probe = subprocess.run([str(python), "-c", "import summitry"], capture_output=True,
                           text=True, check=False, cwd="/")
    assert probe.returncode != 0 and "No module named 'summitry'" in probe.stderr
    return python


@pytest.fixture(scope="module")
def master(bare_python: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import pyspark

    home = Path(pyspark.__file__).resolve().parent
    logs = tmp_path_factory.mktemp("spark-logs")
    # the daemons' output goes to SPARK_LOG_DIR and each executor's work dir
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1",
           "PYSPARK_PYTHON": str(bare_python), "SPARK_LOG_DIR": str(logs)}
    port = _free_port()
    spark_class = str(home / "bin" / "spark-class")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs.append(subprocess.Popen(
            [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
             "--port", str(port), "--webui-port", str(_free_port())],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_port(port, procs[0])
        url = f"spark://127.0.0.1:{port}"
        for i in range(2):
            work = logs / f"worker{i}"
            work.mkdir()
            procs.append(subprocess.Popen(
                [spark_class, "org.apache.spark.deploy.worker.Worker", url, "--cores", "1",
                 "--memory", "3g", "--webui-port", str(_free_port()), "--work-dir", str(work)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(5)  # the workers register with the master
        yield url
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for src in (EXAMPLE_DOCS, DEV_DOCS):
        if src.is_dir():
            for f in sorted(src.iterdir()):
                if f.is_file():
                    shutil.copy(f, folder / f.name)
    return folder


def _summitry(args: list[str], cache: Path, python: Path | None = None
              ) -> subprocess.CompletedProcess[str]:
    """``summitry ARGS`` in a child; ``python``: the executors' interpreter (the cluster's
    PYSPARK_PYTHON, as spark-env.sh would set it)."""
    env = {**os.environ, "SUMMITRY_NO_EMBED": "1", "XDG_CACHE_HOME": str(cache),
           "SPARK_LOCAL_IP": "127.0.0.1"}
    env.pop("PYSPARK_PYTHON", None)
    if python is not None:
        env["PYSPARK_PYTHON"] = str(python)
    return subprocess.run([sys.executable, "-m", "summitry", *args], env=env,
                          capture_output=True, text=True, timeout=1500, check=False)


def _snapshot(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        return {
            "events": [event_to_json(e) for e in store.query_events()],
            "mentions": [(mid, event_to_json(e)) for mid, e in store.all_mentions()],
            "documents": sorted(
                (d, {k: v for k, v in (store.get_document(d) or {}).items()
                     if k != "ingested_at"})
                for d in store.document_ids()),
            "dup_groups": store.dup_groups(),
            "failures": sorted((f["input"], f["stage"]) for f in store.failures()),
        }


def test_a_cluster_without_summitry_runs_the_shipped_environment(
        master: str, corpus: Path, tmp_path: Path, bare_python: Path) -> None:
    cache = tmp_path / "cache"
    local_db, spark_db = tmp_path / "local.duckdb", tmp_path / "spark.duckdb"
    local = _summitry(["run", str(corpus), "--db", str(local_db)], cache)
    assert local.returncode == 0, local.stderr[-2000:]
    shipped = _summitry(["run", str(corpus), "--db", str(spark_db), "--engine", "spark",
                         "--master", master, "--ship"], cache, bare_python)
    assert shipped.returncode == 0, shipped.stderr[-4000:]
    assert list((cache / "summitry").glob("summitry-env-*.tar")), "no packed environment"
    got, want = _snapshot(spark_db), _snapshot(local_db)
    assert got["documents"] and got["events"]
    assert got == want


def test_without_shipping_the_executors_cannot_import_summitry(
        master: str, bare_python: Path) -> None:
    code = ("from pyspark.sql import SparkSession\n"
            f"s = SparkSession.builder.master({master!r}).getOrCreate()\n"
            "try:\n"
            "    s.sparkContext.parallelize([1], 1).map("
            "lambda _: __import__('summitry').__name__).collect()\n"
            "finally:\n"
            "    s.stop()\n")
    env = {**os.environ, "PYSPARK_PYTHON": str(bare_python), "SPARK_LOCAL_IP": "127.0.0.1"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=600, check=False)
    assert proc.returncode != 0
    assert "No module named 'summitry'" in proc.stderr
