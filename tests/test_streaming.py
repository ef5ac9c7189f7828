"""Streaming ingest: no per-file limit, a per-record one, truncation costs one record,
read statistics, and the language of each document (with `summitry status`)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summitry import ingest, language
from summitry.cli import app
from summitry.records import RawDoc

ENGLISH = ("The interior ministers of Ghana and Togo met in Accra on Tuesday and agreed to "
           "share intelligence on cattle rustling and arms smuggling along their border.")
SPANISH = ("Los ministros del Interior de Chile y Perú se reunieron el martes en Lima y "
           "acordaron compartir información sobre el contrabando en la frontera común.")
DUTCH = ("De ministers van Binnenlandse Zaken van beide landen kwamen dinsdag in Amsterdam "
         "bijeen om te praten over samenwerking bij grensbewaking en de strijd tegen "
         "wapensmokkel.")


def _jsonl(rows: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def test_a_file_larger_than_the_record_limit_is_read_record_by_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_RECORD_BYTES", 1000)
    rows = [{"id": str(i), "text": ENGLISH} for i in range(40)]  # about 8 KB in all
    (tmp_path / "big.jsonl").write_bytes(_jsonl(rows))
    stats = ingest.ReadStats()
    out = list(ingest.read([tmp_path / "big.jsonl"], stats))
    assert len(out) == 40 and all(isinstance(d, RawDoc) for d in out)
    size = (tmp_path / "big.jsonl").stat().st_size
    assert size > 1000
    assert (stats.records, stats.bytes, stats.total_bytes, stats.files) == (40, size, size, 1)


def test_a_record_over_the_limit_fails_alone(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_RECORD_BYTES", 1000)
    rows = [{"id": "a", "text": ENGLISH}, {"id": "huge", "text": "word " * 2000},
            {"id": "b", "text": ENGLISH}]
    (tmp_path / "x.jsonl").write_bytes(_jsonl(rows))
    (tmp_path / "page.txt").write_text("word " * 2000, encoding="utf-8")
    out = list(ingest.read([tmp_path]))
    docs = [d.doc_id for d in out if isinstance(d, RawDoc)]
    fails = [f for f in out if isinstance(f, ingest.Failure)]
    assert docs == ["x__a", "x__b"]
    assert sorted(f.input.rsplit("/", 1)[-1] for f in fails) == ["page.txt", "x.jsonl:2"]
    assert all("per-" in f.error and "limit" in f.error for f in fails)


def test_a_truncated_gzip_costs_only_its_last_record(tmp_path: Path) -> None:
    rows = [{"id": str(i), "text": f"{ENGLISH} Report {i}."} for i in range(200)]
    whole = gzip.compress(_jsonl(rows))
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) - 40])
    out = list(ingest.read([tmp_path / "cut.jsonl.gz"]))
    docs = [d for d in out if isinstance(d, RawDoc)]
    fails = [f for f in out if isinstance(f, ingest.Failure)]
    assert 150 < len(docs) < 200
    assert len(fails) == 1 and "truncated gzip" in fails[0].error


def test_gzip_is_recognised_by_its_bytes_and_a_false_gz_name_is_a_clear_error(
        tmp_path: Path) -> None:
    (tmp_path / "page").write_bytes(gzip.compress(ENGLISH.encode()))
    (tmp_path / "fake.txt.gz").write_text(ENGLISH, encoding="utf-8")
    out = list(ingest.read([tmp_path / "page", tmp_path / "fake.txt.gz"]))
    assert isinstance(out[0], RawDoc) and out[0].text == ENGLISH
    assert isinstance(out[1], ingest.Failure) and "not gzip" in out[1].error


def test_each_document_gets_its_language() -> None:
    assert language.detect(ENGLISH) == "en"
    assert language.detect(SPANISH) == "es"
    assert language.detect("Accra, Tuesday") is None  # too short to tell
    assert language.is_read("en") and language.is_read(None) and not language.is_read("es")


def test_status_counts_documents_per_language_and_lists_unread_ones(tmp_path: Path) -> None:
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "accra.txt").write_text(ENGLISH, encoding="utf-8")
    (pages / "lima.txt").write_text(SPANISH, encoding="utf-8")
    (pages / "amsterdam.txt").write_text(DUTCH, encoding="utf-8")
    db = str(tmp_path / "l.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(pages), "--db", db]).exit_code == 0
    res = runner.invoke(app, ["status", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    langs = {row["language"]: row for row in json.loads(res.output)["languages"]}
    assert langs["en"]["documents"] == 1 and langs["en"]["read"]
    # Spanish is read from word lists (summitry.foreign); Dutch is not read at all
    assert langs["es"] == {"language": "es", "documents": 1, "read": True,
                           "examples": ["lima"]}
    assert langs["nl"] == {"language": "nl", "documents": 1, "read": False,
                           "examples": ["amsterdam"]}
    text = runner.invoke(app, ["status", "--db", db]).output
    assert "languages the pipeline does not read" in text and "nl: amsterdam" in text
    assert "es: lima" not in text


def test_inline_images_and_big_scripts_are_not_read_but_the_page_is_kept() -> None:
    from summitry import htmltext

    image = "A" * 200_000
    script = "var x = 1;" * 5000
    page = ("<html><head><title>Ghana and Togo police chiefs meet</title>"
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2024-05-09"}</script>'
            f"<script>{script}</script></head><body><article><p>{ENGLISH}</p></article>"
            f"<img src='data:image/png;base64,{image}'></body></html>")
    light = htmltext.lighten(page)
    assert image not in light and script not in light and "datePublished" in light
    doc = htmltext.to_rawdoc("p", page, None)
    assert ENGLISH in doc.text and doc.html == page
    assert str(doc.published) == "2024-05-09"


def test_close_languages_that_share_the_vote_are_still_not_read() -> None:
    malay_or_indonesian = (
        "Menteri dalam negeri kedua negara bertemu di Jakarta pada hari Selasa untuk "
        "membahas kerja sama keamanan perbatasan dan penyelundupan senjata api.")
    code = language.detect(malay_or_indonesian)
    assert code is not None and not language.is_read(code)


# --------------------------------------------------------------------------- batches

ROOT = Path(__file__).resolve().parents[1]
ORDINARY = ("Heavy rain is expected across the north on Tuesday, forecasters said.\n\n"
            "The home side won 3-1 on Saturday after a late goal; the coach praised the fans.")


def test_a_page_the_precheck_drops_is_never_cleaned(monkeypatch: pytest.MonkeyPatch) -> None:
    from summitry import clean as clean_mod
    from summitry.pipeline import Pipeline

    def no_clean(raw: RawDoc, **_kw: object) -> None:
        raise AssertionError(f"{raw.doc_id} was cleaned")

    monkeypatch.setattr(clean_mod, "clean", no_clean)
    doc, events = Pipeline().process(RawDoc("o1", ORDINARY, title="Weather"))
    assert events == [] and doc.raw == ORDINARY and doc.masked == ORDINARY
    assert doc.body == () and doc.title == "Weather"


def test_a_batch_gives_each_page_what_it_gives_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from summitry import mentions
    from summitry.errors import ExtractError
    from summitry.pipeline import Pipeline

    raws = [RawDoc(p.stem, p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "examples" / "docs").glob("*.txt"))[:4]]
    raws.insert(1, RawDoc("ordinary", ORDINARY))
    pipe = Pipeline()
    alone = [pipe.process(r) for r in raws]
    batch = pipe.process_batch(raws)
    assert len(batch) == len(raws)
    assert sum(len(events) for _doc, events in alone) >= 3
    for (doc, events), got in zip(alone, batch, strict=True):
        assert not isinstance(got, ExtractError)
        assert got[0] == doc
        assert [e.as_dict() for e in got[1]] == [e.as_dict() for e in events]
    # an error stays with its page; the rest of the batch is unaffected
    real = mentions.analyse

    def flaky(clean: object, *args: object, **kw: object) -> object:
        if getattr(clean, "doc_id", "") == raws[0].doc_id:
            raise RuntimeError("boom")
        return real(clean, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(mentions, "analyse", flaky)
    failed = pipe.process_batch(raws)
    assert isinstance(failed[0], ExtractError) and "boom" in str(failed[0])
    assert failed[1:] == batch[1:]


def test_a_batch_is_parsed_a_few_pages_at_a_time_in_a_memory_zone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The run loop's batch goes through spaCy ``Pipeline.parse_batch`` pages at a time,
    inside spaCy's memory zone: the words a page adds to the vocabulary are gone when the
    batch ends (a long run does not grow with every new name), and what comes out is
    plain data that stays readable after it."""
    from summitry.pipeline import Pipeline

    word = "Qorvelandiaxt"
    raws = [RawDoc(p.stem, p.read_text(encoding="utf-8") + f"\n\n{word} {word}s.\n")
            for p in sorted((ROOT / "examples" / "docs").glob("*.txt"))[:3]]
    pipe = Pipeline()
    nlp = pipe.nlp
    sizes: list[object] = []
    real_pipe = nlp.pipe

    def spy(texts: list[str], **kw: object) -> object:
        sizes.append(kw.get("batch_size"))
        return real_pipe(texts, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(nlp, "pipe", spy)
    monkeypatch.setattr(Pipeline, "parse_batch", 2)
    assert word not in nlp.vocab.strings
    batch = pipe.process_batch(raws)
    assert sizes == [2]
    assert word not in nlp.vocab.strings and f"{word}s" not in nlp.vocab.strings
    assert not nlp.vocab.in_memory_zone
    records = [e.as_dict() for got in batch if not isinstance(got, Exception) for e in got[1]]
    assert records and json.loads(json.dumps(records)) == records
    # one page alone: the same zone, the same events
    doc, events = pipe.process(raws[0])
    assert word not in nlp.vocab.strings and not nlp.vocab.in_memory_zone
    first = batch[0]
    assert not isinstance(first, Exception)
    assert (doc, [e.as_dict() for e in events]) == (first[0], [e.as_dict() for e in first[1]])
    # without the zone the page's words stay: what the test above rules out
    list(real_pipe([raws[0].text]))
    assert word in nlp.vocab.strings
