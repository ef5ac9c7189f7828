"""Ingest: paths -> :class:`~summitry.records.RawDoc` (or a :class:`Failure` per bad input).

Accepted, recursively under folders: ``.txt``; ``.html``/``.htm`` (trafilatura finds the
main text, htmldate and the page's metadata give the date, title, author and site; the
original HTML is kept); ``.warc``/``.warc.gz`` (every HTTP response record with HTML,
via warcio; the record's target URI and date become metadata); ``.jsonl`` (one object per
line with ``text`` or ``html``, optional ``id``, ``url``, ``published``, ``title``); a
gzip of any of these (``.txt.gz``, ``.html.gz``, ``.jsonl.gz``); and ``-`` for standard
input (the format is sniffed).

``doc_id``: a file's name without its extensions. When two inputs of one run share a
name (``a/001.txt`` and ``b/001.txt``), each clashing id is prefixed with its parent
folder and a double underscore (``a__001``, ``b__001``). Records inside a container get
the container's id plus ``__`` and their own: the JSONL ``id`` field, else the line
number; for WARC, a hash of the target URI. Standard input is ``stdin-<hash of bytes>``.

Bytes are decoded with the declared charset first (BOM, HTTP header, ``<meta charset>``),
then UTF-8, then charset detection (charset-normalizer); undecodable bytes never stop a
run: the input becomes a Failure with the reason and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summitry.errors import IngestError
from summitry.records import RawDoc

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".warc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl"}
TEXT_SUFFIXES = tuple(FORMATS)
STDIN = "-"
MAX_BYTES = 64 * 1024 * 1024  # one input larger than this is refused, not read


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read, with the stage and a clear reason."""

    input: str
    stage: str
    error: str


def _format_of(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped) from the file name: ``x.warc.gz`` -> ("warc", True)."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] in {".gz", ".gzip"}
    if gz:
        suffixes = suffixes[:-1]
    return (FORMATS.get(suffixes[-1]) if suffixes else None), gz


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every supported file under the folders named, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if str(p) == STDIN:
            out.append(p)
        elif p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file()
                              and _format_of(q)[0] is not None))
        else:
            out.append(p)
    return out


def _stem(path: Path) -> str:
    name = path.name
    for _ in range(2):  # "x.warc.gz" -> "x"
        suffix = Path(name).suffix.lower()
        if suffix in FORMATS or suffix in {".gz", ".gzip"}:
            name = name[: -len(suffix)]
    return name or path.name


def doc_ids(files: list[Path]) -> dict[Path, str]:
    """The doc id of each file, with the parent-folder prefix rule for clashes."""
    stems = Counter(_stem(f) for f in files)
    return {f: f"{f.parent.name}__{_stem(f)}" if stems[_stem(f)] > 1 else _stem(f)
            for f in files}


# --------------------------------------------------------------------------- bytes, text


def _read_bytes(path: Path, gz: bool) -> bytes:
    try:
        if str(path) == STDIN:
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            if path.stat().st_size > MAX_BYTES:
                raise IngestError(f"{path} is larger than {MAX_BYTES // 2**20} MB")
            data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if gz or data[:2] == b"\x1f\x8b":
        data = _gunzip(data, str(path))
    if len(data) > MAX_BYTES:
        raise IngestError(f"{path} is larger than {MAX_BYTES // 2**20} MB")
    return data


def _gunzip(data: bytes, name: str) -> bytes:
    d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    out = io.BytesIO()
    try:
        while data:
            out.write(d.decompress(data, MAX_BYTES + 1 - out.tell()))
            if out.tell() > MAX_BYTES:
                raise IngestError(f"{name}: gzip expands beyond {MAX_BYTES // 2**20} MB")
            data = d.unused_data
            if data:  # a multi-member gzip (as WARC files are)
                d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    except zlib.error as exc:
        raise IngestError(f"{name}: corrupt gzip data ({exc})") from exc
    if not d.eof:
        raise IngestError(f"{name}: truncated gzip (the compressed stream ends early)")
    return out.getvalue()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode(data: bytes, declared: str | None = None, *, name: str = "input") -> str:
    """Bytes -> text: BOM, declared charset, UTF-8, then detection; IngestError if binary."""
    if not data.strip():
        raise IngestError(f"{name} is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{name} looks binary (NUL bytes); expected a text page")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                     (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    candidates = [declared] if declared else []
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return data.decode(_codec(enc))
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise IngestError(f"{name}: not text in any known encoding (looks binary)")
    text = data.decode(best.encoding, errors="replace")
    if _looks_binary(text):
        raise IngestError(f"{name} looks binary; expected a text page")
    return text


def _codec(name: str) -> str:
    low = name.strip().lower()
    # browsers read latin-1 labels as windows-1252; so do we
    return "cp1252" if low in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else low


def _looks_binary(text: str) -> bool:
    sample = text[:10_000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    return bad > max(8, len(sample) // 50)


# --------------------------------------------------------------------------- formats


def _parse_date(value: Any) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


def html_doc(doc_id: str, html: str, path: str | None, *, url: str | None = None,
             published: dt.date | None = None) -> RawDoc:
    """An HTML page -> RawDoc: trafilatura's main text (title first), metadata."""
    from summitry import htmltext

    return htmltext.to_rawdoc(doc_id, html, path, url=url, published=published)


def _txt(doc_id: str, data: bytes, name: str) -> Iterator[RawDoc]:
    yield RawDoc(doc_id, decode(data, name=name), name)


def _html(doc_id: str, data: bytes, name: str) -> Iterator[RawDoc]:
    yield html_doc(doc_id, decode(data, name=name), name)


def _jsonl(doc_id: str, data: bytes, name: str) -> Iterator[RawDoc | Failure]:
    text = decode(data, name=name)
    seen: Counter[str] = Counter()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise IngestError(f"{where}: a JSON object per line expected")
            rid = str(obj.get("id") or n)
            seen[rid] += 1
            sub = f"{doc_id}__{rid}" + (f"_{seen[rid]}" if seen[rid] > 1 else "")
            published = _parse_date(obj.get("published") or obj.get("date"))
            if isinstance(obj.get("html"), str) and obj["html"].strip():
                yield html_doc(sub, obj["html"], where, url=obj.get("url"), published=published)
            elif isinstance(obj.get("text"), str) and obj["text"].strip():
                yield RawDoc(sub, obj["text"], where, published=published, url=obj.get("url"),
                             title=obj.get("title"), format="jsonl")
            else:
                raise IngestError(f"{where}: no non-empty 'text' or 'html' field")
        except json.JSONDecodeError as exc:
            yield Failure(where, "ingest", f"{where}: invalid JSON ({exc.msg}, column {exc.colno})")
        except IngestError as exc:
            yield Failure(where, "ingest", str(exc))


def _warc(doc_id: str, data: bytes, name: str) -> Iterator[RawDoc | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    stream = ArchiveIterator(io.BytesIO(data))
    while True:
        try:
            record = next(stream)
        except StopIteration:
            return
        except (ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
            yield Failure(f"{name}#{n + 1}", "ingest", f"{name}: truncated or corrupt WARC "
                                                       f"record after record {n} ({exc})")
            return
        n += 1
        if record.rec_type != "response" or record.http_headers is None:
            continue
        ctype = record.http_headers.get_header("Content-Type") or ""
        if "html" not in ctype.lower():
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or f"record-{n}"
        where = f"{name}#{uri}"
        try:
            body = record.content_stream().read()
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                raise IngestError(f"truncated WARC record: {missing} bytes of its declared "
                                  f"length are missing")
            declared = re.search(r"charset=([\w.:-]+)", ctype, re.I)
            html = decode(body, declared.group(1) if declared else None, name=where)
            sub = f"{doc_id}__{hashlib.sha1(uri.encode()).hexdigest()[:12]}"
            yield html_doc(sub, html, where, url=uri)
        except (IngestError, EOFError, zlib.error, ValueError) as exc:
            yield Failure(where, "ingest", f"{where}: {exc}")


_READERS = {"txt": _txt, "html": _html, "jsonl": _jsonl, "warc": _warc}


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head[:1] == b"<" and re.search(rb"<(html|body|div|p|head|!doctype)\b", head, re.I):
        return "html"
    return "txt"


def read(paths: Iterable[str | Path]) -> Iterator[RawDoc | Failure]:
    """Yield a RawDoc per readable document and a Failure per unreadable input or record."""
    files = expand(paths)
    ids = doc_ids([f for f in files if str(f) != STDIN])
    for f in files:
        name = str(f)
        fmt, gz = _format_of(f)
        try:
            data = _read_bytes(f, gz)
            if str(f) == STDIN:
                fmt = _sniff(data)
                doc_id = "stdin-" + hashlib.sha1(data).hexdigest()[:12]
            else:
                doc_id = ids[f]
                if fmt is None:
                    fmt = _sniff(data) if data.strip() else "txt"
            yield from _READERS[fmt](doc_id, data, name)
        except IngestError as exc:
            yield Failure(name, "ingest", str(exc))
        except RecursionError:
            yield Failure(name, "ingest", f"{name}: markup nested too deeply to parse")
        except Exception as exc:  # a reader bug must not stop the batch
            yield Failure(name, "ingest", f"{name}: {type(exc).__name__}: {exc}")


def read_text(path: Path) -> str:
    """Read one plain-text file (kept for callers that want a single text)."""
    return decode(_read_bytes(path, _format_of(path)[1]), name=str(path))
