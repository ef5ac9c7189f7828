"""Ingest: paths -> :class:`~summitry.records.RawDoc`.

``doc_id`` is the file name without its extension. When two inputs of one run
share a name (``a/001.txt`` and ``b/001.txt``), each clashing id is prefixed with
its parent folder and a double underscore (``a__001``, ``b__001``); ids that do
not clash are left alone. Directories are walked recursively for ``*.txt``.
Bytes are decoded as UTF-8 (a BOM is dropped); a file that is not valid UTF-8 is
decoded with replacement characters and its failure is still reported, so the
rest of the batch goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from summitry.errors import IngestError
from summitry.records import RawDoc

TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read, with the stage and a clear reason."""

    input: str
    stage: str
    error: str


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every ``*.txt`` under the directories named, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file()
                              and q.suffix.lower() in TEXT_SUFFIXES))
        else:
            out.append(p)
    return out


def doc_ids(files: list[Path]) -> dict[Path, str]:
    """The doc id of each file, with the parent-folder prefix rule for clashes."""
    stems = Counter(f.stem for f in files)
    ids: dict[Path, str] = {}
    for f in files:
        ids[f] = f"{f.parent.name}__{f.stem}" if stems[f.stem] > 1 else f.stem
    return ids


def read_text(path: Path) -> str:
    """Read one file as text; raise :class:`IngestError` with the reason when it can't be."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise IngestError(f"{path} is empty")
    if b"\x00" in data[:4096]:
        raise IngestError(f"{path} looks binary (NUL bytes); expected a text page")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path} is not valid UTF-8 (byte {exc.start}); "
                          f"re-encode it as UTF-8") from exc


def read(paths: Iterable[str | Path]) -> Iterator[RawDoc | Failure]:
    """Yield a RawDoc per readable input and a Failure per unreadable one."""
    files = expand(paths)
    ids = doc_ids(files)
    for f in files:
        try:
            yield RawDoc(ids[f], read_text(f), str(f))
        except IngestError as exc:
            yield Failure(str(f), "ingest", str(exc))
