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
number; for WARC, a hash of the target URI. Standard input is ``stdin-<hash of its first 64 KiB>``.
A page fetched by ``summitry watch`` is ``url__<hash of its URL>`` (:func:`url_doc_id`),
and its WARC record says so (``Summitry-Doc-Id``), so rereading the archive gives the same
ids. Only 2xx responses of a WARC are pages; a record cut short (``WARC-Truncated``) is a
failure.

Inputs stream: a file is read record by record (a JSONL line, a WARC record, one page)
with memory bounded by the largest record, whatever the file's size. A record larger
than :data:`MAX_RECORD_BYTES` is a failure of that record; a truncated record at the
end of a file costs that record, not the file's others. :class:`ReadStats` counts the
records and bytes read as they go (the CLI's progress bar shows them). Each document's
language is detected here (:mod:`summitry.language`) and kept on the RawDoc.

Bytes are decoded with the declared charset first (BOM, HTTP header, ``<meta charset>``),
then UTF-8, then charset detection (charset-normalizer); undecodable bytes never stop a
run: the input becomes a Failure with the reason and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
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
from typing import IO, Any

from summitry import dates, language
from summitry.errors import IngestError
from summitry.records import RawDoc

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".warc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl"}
TEXT_SUFFIXES = tuple(FORMATS)
STDIN = "-"
#: one record (a page, a JSONL line, a WARC payload) larger than this is a failure
MAX_RECORD_BYTES = 64 * 1024 * 1024
#: how much of a stream is looked at to tell its format (and to name standard input)
HEAD_BYTES = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read, with the stage and a clear reason."""

    input: str
    stage: str
    error: str


@dataclass(slots=True)
class ReadStats:
    """What :func:`read` has read so far: records (documents and failures) and bytes
    of the inputs (compressed bytes for gzip inputs), against the inputs' total size."""

    records: int = 0
    bytes: int = 0
    total_bytes: int = 0
    files: int = 0


class _Counting(io.RawIOBase):
    """A binary stream that adds the bytes read through it to ``stats.bytes``."""

    def __init__(self, inner: IO[bytes], stats: ReadStats) -> None:
        self.inner, self.stats = inner, stats

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.inner.read(len(b))
        n = len(data)
        b[:n] = data
        self.stats.bytes += n
        return n


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


def url_doc_id(url: str) -> str:
    """The doc id of a page fetched from ``url`` (the same URL, the same id)."""
    return "url__" + hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_URL_DOC_ID = re.compile(r"url__[0-9a-f]{16}")


def doc_ids(files: list[Path]) -> dict[Path, str]:
    """The doc id of each file, with the parent-folder prefix rule for clashes."""
    stems = Counter(_stem(f) for f in files)
    return {f: f"{f.parent.name}__{_stem(f)}" if stems[_stem(f)] > 1 else _stem(f)
            for f in files}


# --------------------------------------------------------------------------- bytes, text


def _read_record(stream: IO[bytes], name: str) -> bytes:
    """The rest of ``stream`` as one record, refused when larger than the limit."""
    try:
        data = stream.read(MAX_RECORD_BYTES + 1)
    except EOFError as exc:
        raise IngestError(f"{name}: truncated gzip (the compressed stream ends early)") \
            from exc
    except (OSError, zlib.error) as exc:
        raise IngestError(f"{name}: corrupt gzip data ({exc})") from exc
    if len(data) > MAX_RECORD_BYTES:
        raise IngestError(f"{name} is larger than the per-page limit of "
                          f"{MAX_RECORD_BYTES // 2**20} MB; split it into pages")
    return data


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


def html_doc(doc_id: str, html: str, path: str | None, *, url: str | None = None,
             published: dt.date | None = None) -> RawDoc:
    """An HTML page -> RawDoc: trafilatura's main text (title first), metadata."""
    from summitry import htmltext

    return htmltext.to_rawdoc(doc_id, html, path, url=url, published=published)


def _txt(doc_id: str, stream: IO[bytes], name: str) -> Iterator[RawDoc]:
    yield RawDoc(doc_id, decode(_read_record(stream, name), name=name), name)


def _html(doc_id: str, stream: IO[bytes], name: str) -> Iterator[RawDoc]:
    yield html_doc(doc_id, decode(_read_record(stream, name), name=name), name)


def _lines(stream: IO[bytes], name: str) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; None for a line over the record limit (the
    rest of it is skipped in bounded steps)."""
    n = 0
    while True:
        try:
            line = stream.readline(MAX_RECORD_BYTES + 1)
        except EOFError as exc:
            raise IngestError(f"{name}: truncated gzip after line {n}") from exc
        if not line:
            return
        n += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(2**20)
            yield n, None
            continue
        yield n, line


def _jsonl(doc_id: str, stream: IO[bytes], name: str) -> Iterator[RawDoc | Failure]:
    seen: Counter[str] = Counter()
    for n, raw_line in _lines(stream, name):
        where = f"{name}:{n}"
        if raw_line is None:
            yield Failure(where, "ingest", f"{where}: the line is larger than the per-record "
                                           f"limit of {MAX_RECORD_BYTES // 2**20} MB")
            continue
        if n == 1:
            raw_line = raw_line.removeprefix(b"\xef\xbb\xbf")
        if not raw_line.strip():
            continue
        try:
            try:
                line = raw_line.decode("utf-8")
            except UnicodeDecodeError:
                line = decode(raw_line, name=where)
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise IngestError(f"{where}: a JSON object per line expected")
            rid = str(obj.get("id") or n)
            seen[rid] += 1
            sub = f"{doc_id}__{rid}" + (f"_{seen[rid]}" if seen[rid] > 1 else "")
            published = dates.iso_date(obj.get("published") or obj.get("date"))
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


def _warc(doc_id: str, stream: IO[bytes], name: str) -> Iterator[RawDoc | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    records = ArchiveIterator(stream)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, ValueError, EOFError, OSError, zlib.error) as exc:
            yield Failure(f"{name}#{n + 1}", "ingest", f"{name}: truncated or corrupt WARC "
                                                       f"record after record {n} ({exc})")
            return
        n += 1
        if record.rec_type != "response" or record.http_headers is None:
            continue
        if not str(record.http_headers.get_statuscode() or "").startswith("2"):
            continue  # an error page, a redirect or a 304 is not a page of news
        ctype = record.http_headers.get_header("Content-Type") or ""
        if "html" not in ctype.lower():
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or f"record-{n}"
        where = f"{name}#{uri}"
        try:
            if record.rec_headers.get_header("WARC-Truncated"):
                raise IngestError("the archived page was cut short (WARC-Truncated: "
                                  f"{record.rec_headers.get_header('WARC-Truncated')})")
            body = record.content_stream().read(MAX_RECORD_BYTES + 1)
            if len(body) > MAX_RECORD_BYTES:
                raise IngestError(f"the page is larger than the per-page limit of "
                                  f"{MAX_RECORD_BYTES // 2**20} MB")
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                raise IngestError(f"truncated WARC record: {missing} bytes of its declared "
                                  f"length are missing")
            declared = re.search(r"charset=([\w.:-]+)", ctype, re.I)
            html = decode(body, declared.group(1) if declared else None, name=where)
            own = record.rec_headers.get_header("Summitry-Doc-Id") or ""
            sub = own if _URL_DOC_ID.fullmatch(own) else \
                f"{doc_id}__{hashlib.sha1(uri.encode()).hexdigest()[:12]}"
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


def _sniff_head(head: bytes) -> str:
    """The format of a stream from its first bytes (a gzip head is inflated first)."""
    if head[:2] == _GZIP_MAGIC:
        try:
            head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, HEAD_BYTES)
        except zlib.error:
            return "txt"
    return _sniff(head)


def _open(f: Path, stats: ReadStats) -> io.BufferedReader:
    """The input's bytes as a buffered stream that counts what is read."""
    try:
        inner: IO[bytes] = sys.stdin.buffer if str(f) == STDIN else open(f, "rb")  # noqa: SIM115
    except OSError as exc:
        raise IngestError(f"cannot read {f}: {exc.strerror or exc}") from exc
    return io.BufferedReader(_Counting(inner, stats), buffer_size=HEAD_BYTES)


def read(paths: Iterable[str | Path],
         stats: ReadStats | None = None) -> Iterator[RawDoc | Failure]:
    """Yield a RawDoc per readable document and a Failure per unreadable input or record,
    streaming each input (see the module docstring); ``stats`` is updated as it goes."""
    stats = stats if stats is not None else ReadStats()
    files = expand(paths)
    ids = doc_ids([f for f in files if str(f) != STDIN])
    stats.total_bytes += sum(f.stat().st_size for f in files
                             if str(f) != STDIN and f.is_file())
    for f in files:
        stats.files += 1
        for item in _read_one(f, ids, stats):
            stats.records += 1
            if isinstance(item, RawDoc):
                item = dataclasses.replace(item, language=language.detect(item.text))
            yield item


def _read_one(f: Path, ids: dict[Path, str], stats: ReadStats) -> Iterator[RawDoc | Failure]:
    name = str(f)
    fmt, gz = _format_of(f)
    stream: io.BufferedReader | None = None
    try:
        stream = _open(f, stats)
        head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
        if str(f) == STDIN:
            fmt = _sniff_head(head)
            doc_id = "stdin-" + hashlib.sha1(head).hexdigest()[:12]
        else:
            doc_id = ids[f]
            if fmt is None:
                fmt = _sniff_head(head) if head.strip() else "txt"
        body: Any = stream
        if head[:2] == _GZIP_MAGIC and fmt != "warc":  # warcio inflates WARC members itself
            body = gzip.GzipFile(fileobj=stream, mode="rb")
        elif gz and head[:2] != _GZIP_MAGIC and head.strip():
            raise IngestError(f"{name}: not gzip data, although the name ends in .gz")
        yield from _READERS[fmt](doc_id, body, name)
    except IngestError as exc:
        yield Failure(name, "ingest", str(exc))
    except RecursionError:
        yield Failure(name, "ingest", f"{name}: markup nested too deeply to parse")
    except Exception as exc:  # a reader bug must not stop the batch
        yield Failure(name, "ingest", f"{name}: {type(exc).__name__}: {exc}")
    finally:
        if stream is not None and str(f) != STDIN:
            stream.close()


def read_text(path: Path) -> str:
    """Read one plain-text file (kept for callers that want a single text)."""
    try:
        with open(path, "rb") as raw:
            fh: Any = gzip.GzipFile(fileobj=raw) if _format_of(path)[1] else raw
            return decode(_read_record(fh, str(path)), name=str(path))
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc
