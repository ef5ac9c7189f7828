"""Ship summitry to Spark executors whose Python does not have it: a packed environment.

A real cluster's executors run whatever Python their nodes have; without summitry, its
dependencies, its data files and the spaCy model they fail with ``ModuleNotFoundError:
No module named 'summitry'``. :func:`pack_environment` writes a virtual environment as
one archive: ``env/bin/python`` (a copy of this interpreter's executable, as
``python -m venv --copies`` makes; its standard library stays where ``env/pyvenv.cfg``
says), ``env/pyvenv.cfg``, and under
``env/lib/pythonX.Y/site-packages`` every file of summitry and of every distribution it
requires (no extras, no Spark: the cluster brings its own), the spaCy model included.
Spark's Python package-management recipe then ships it: ``spark.archives=env.tar#env``
unpacks it in every executor's working directory. Spark's own unpacking (standalone,
Kubernetes) does not keep the executable bit, so instead of ``PYSPARK_PYTHON=
./env/bin/python`` (the venv-pack recipe, fine on YARN) :func:`configure` puts
``./env/lib/pythonX.Y/site-packages`` first on the executors' ``PYTHONPATH``
(``spark.executorEnv.PYTHONPATH``): the cluster's own interpreter, which must be the
same CPython X.Y, then imports summitry and everything it needs from the archive.
``summitry run --engine spark --ship`` does all of it; docs/spark.md has the recipes
for a standalone cluster, YARN and Kubernetes.

The archive is cached by content: the same distributions and the same summitry files
give the same file name, so a second run reuses it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import io
import os
import re
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import summitry
from summitry.errors import ConfigError

#: distributions a packed environment leaves out: the cluster brings Spark itself
EXCLUDE = frozenset({"pyspark", "py4j"})
#: the name the archive is unpacked under on executors (``spark.archives`` ``#env``)
ALIAS = "env"


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(dist: md.Distribution, extras: Iterable[str]
                  ) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(name, extras) of what ``dist`` requires here, with ``extras`` of its own."""
    from packaging.requirements import InvalidRequirement, Requirement

    wanted = tuple(extras) or ("",)
    for text in dist.requires or []:
        try:
            req = Requirement(text)
        except InvalidRequirement:
            continue
        if req.marker is not None and not any(req.marker.evaluate({"extra": e})
                                              for e in wanted):
            continue
        yield req.name, tuple(sorted(req.extras))


def runtime_distributions(extras: Iterable[str] = ()) -> list[md.Distribution]:
    """summitry's installed distribution and every one it requires (with ``extras``),
    closed over their own requirements and extras; those not installed here
    (requirements of other platforms) are left out."""
    found: dict[str, md.Distribution] = {}
    done: set[tuple[str, tuple[str, ...]]] = set()
    todo: list[tuple[str, tuple[str, ...]]] = [("summitry", tuple(extras))]
    while todo:
        name, ex = todo.pop()
        key = _key(name)
        if (key, ex) in done or key in EXCLUDE:
            continue
        done.add((key, ex))
        try:
            dist = found.get(key) or md.distribution(name)
        except md.PackageNotFoundError:
            continue
        found[key] = dist
        todo += list(_requirements(dist, ex))
    return [found[k] for k in sorted(found)]


def _files(dists: list[md.Distribution]) -> list[tuple[Path, str]]:
    """(source path, path under site-packages) of every file to pack."""
    out: dict[str, Path] = {}
    for dist in dists:
        for f in dist.files or []:
            rel = str(f)
            if rel.startswith("..") or "__pycache__" in rel or rel.endswith(".pyc"):
                continue
            if _key(dist.metadata["Name"]) == "summitry" and rel.startswith("summitry/"):
                continue  # the package itself comes from its source folder below
            src = Path(str(dist.locate_file(f)))
            if src.is_file():
                out[rel] = src
    pkg = Path(summitry.__file__).resolve().parent
    for src in sorted(pkg.rglob("*")):
        if src.is_file() and "__pycache__" not in src.parts and src.suffix != ".pyc":
            out["summitry/" + src.relative_to(pkg).as_posix()] = src
    return sorted(((src, rel) for rel, src in out.items()), key=lambda t: t[1])


def _digest(files: list[tuple[Path, str]], python: str) -> str:
    h = hashlib.sha256(python.encode())
    for src, rel in files:
        st = src.stat()
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summitry"


def pack_environment(out_dir: Path | None = None, extras: Iterable[str] = ()) -> Path:
    """Write (or reuse) the packed environment; returns the ``.tar`` path."""
    python = os.path.realpath(sys.executable)
    files = _files(runtime_distributions(extras))
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    out_dir = out_dir or default_cache()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"summitry-env-{_digest(files, python)}-v2.tar"
    if target.exists():
        return target
    # the archive's root is the environment (Spark unpacks it INTO ./env)
    site = f"lib/{version}/site-packages"
    cfg = (f"home = {os.path.dirname(python)}\ninclude-system-site-packages = false\n"
           f"version = {sys.version_info.major}.{sys.version_info.minor}."
           f"{sys.version_info.micro}\n").encode()
    fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".tar.part")
    os.close(fd)
    try:
        with tarfile.open(tmp, "w") as tar:
            info = tarfile.TarInfo("pyvenv.cfg")
            info.size = len(cfg)
            tar.addfile(info, io.BytesIO(cfg))
            # a copy of the interpreter, as `python -m venv --copies` makes: Spark will not
            # unpack a link that points outside the archive
            tar.add(python, arcname="bin/python", recursive=False)
            for src, rel in files:
                tar.add(src, arcname=f"{site}/{rel}", recursive=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def executor_path() -> str:
    """The site-packages of the unpacked environment, relative to an executor's working
    directory (where Spark unpacks ``spark.archives``)."""
    return f"./{ALIAS}/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"


def configure(builder: object, archive: Path) -> object:
    """A SparkSession builder set to unpack ``archive`` on every executor (as ``env``)
    and to put its site-packages first on the executors' ``PYTHONPATH``. The executors
    keep the interpreter the cluster gives them (``PYSPARK_PYTHON``), which must be the
    same CPython version as this one."""
    if not archive.is_file():
        raise ConfigError(f"no packed environment at {archive}")
    return (builder.config("spark.archives", f"{archive}#{ALIAS}")  # type: ignore[attr-defined]
            .config("spark.executorEnv.PYTHONPATH", executor_path()))
