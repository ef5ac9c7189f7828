"""The ``summitry`` command line (typer + rich). Each command is a thin wrapper
over the library: it parses options, calls one function and prints the result."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from summitry import evaluate, export, ingest
from summitry.errors import SummitryError
from summitry.pipeline import RunSummary
from summitry.query import EventFilter, FilterError, make_filter
from summitry.records import Event

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="International security-cooperation events from raw news pages.")
# piped output (files, tests, CI logs) gets a wide table instead of rich's 80 columns
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
DEFAULT_DB = Path("summitry.duckdb")


def _store(db: Path, *, read_only: bool = True):  # type: ignore[no-untyped-def]
    from summitry.store import Store

    if read_only and not db.exists():
        err.print(f"[red]No database at {db}.[/] Run `summitry run PATH --db {db}` first.")
        raise typer.Exit(2)
    store = Store(db, read_only=read_only)
    if store.snapshot:
        err.print(f"[yellow]{db} is being written by a run; showing its last published "
                  "snapshot.[/]")
    return store


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders: .txt .html .htm .warc(.gz) .jsonl, gzipped or not; - for stdin.")],
    db: DbOpt = DEFAULT_DB,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (one writer).")] = 1,
    engine: Annotated[str, typer.Option(help="local or spark.")] = "local",
    master: Annotated[str | None, typer.Option(
        help="Spark master URL (default local[N], N = --workers).")] = None,
    gate: Annotated[bool, typer.Option(
        "--gate/--no-gate", help="Skip pages that cannot hold an event before parsing.")] = True,
    ship: Annotated[bool, typer.Option(
        "--ship/--no-ship", help="Spark: run executors in a packed environment of this one "
        "(for clusters whose Python lacks summitry; see docs/spark.md).")] = False,
) -> None:
    """Ingest pages, extract events, fuse them and store everything in DuckDB.

    Exit status: 0 every input processed; 3 some inputs failed (see `summitry failures`)
    and the rest were stored; 1 fatal error; 2 usage error.
    """
    missing = [p for p in paths if str(p) != "-" and not p.exists()]
    if missing:
        err.print(f"[red]No such file or folder:[/] {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    if engine not in {"local", "spark"}:
        err.print(f"[red]Unknown engine {engine!r}[/]: choose local or spark.")
        raise typer.Exit(2)
    if ship and engine != "spark":
        err.print("[red]--ship is for --engine spark[/] (local workers run this Python).")
        raise typer.Exit(2)
    summary = _run_with_progress(list(paths), db, model, workers=workers, use_gate=gate,
                                 engine=engine, master=master, ship=ship)
    console.print(
        f"[green]{summary.documents}[/] documents processed, {summary.skipped} unchanged, "
        f"{summary.mentions} event mentions, [bold]{summary.events}[/] events in {db}; "
        f"{len(summary.failures)} failures")
    for f in summary.failures:
        err.print(f"  [yellow]{f.stage}[/] {f.input}: {f.error}")
    if summary.failures:
        raise typer.Exit(3)


def _run_with_progress(paths: list[Path], db: Path, model: str | None = None, *,
                       workers: int = 1, use_gate: bool = True, engine: str = "local",
                       master: str | None = None, ship: bool = False) -> RunSummary:
    """One run loop, either engine, with a progress bar over the input bytes read and
    the records (documents and failures) done."""
    from summitry import runloop
    from summitry.pipeline import Pipeline

    stats = ingest.ReadStats()
    done = [0]
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(),
                  TextColumn("{task.fields[records]} records"), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("reading", total=None, records=0)

        def tick(_name: str) -> None:
            done[0] += 1
            progress.update(task, completed=stats.bytes, total=stats.total_bytes or None,
                            records=done[0])

        pipe = Pipeline(model, use_gate=use_gate)
        if engine == "spark":
            from summitry import spark_engine

            run_engine: runloop.Engine = spark_engine.SparkEngine(
                master or f"local[{workers}]", db=db, ship=ship)
        else:
            run_engine = runloop.LocalEngine(workers)
        return runloop.run(paths, db, pipeline=pipe, engine=run_engine, on_doc=tick,
                           stats=stats)


CountryOpt = Annotated[str | None, typer.Option(help="ISO3 code or IO acronym.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="CONSULT, AGREE, ...")]
TopicOpt = Annotated[str | None, typer.Option(help="A topic of the vocabulary.")]
DateOpt = Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"])]


def _filter(country: str | None, type: str | None, topic: str | None,
            since: dt.datetime | None, until: dt.datetime | None) -> EventFilter:
    """The validated event filter of the command-line options (exit 2 when invalid)."""
    try:
        return make_filter(country=[country] if country else (), type=type, topic=topic,
                           since=since.date() if since else None,
                           until=until.date() if until else None)
    except FilterError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from exc


@app.command()
def events(
    db: DbOpt = DEFAULT_DB,
    country: CountryOpt = None,
    type: TypeOpt = None,
    topic: TopicOpt = None,
    since: DateOpt = None,
    until: DateOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
) -> None:
    """List events as a table."""
    flt = _filter(country, type, topic, since, until)
    with _store(db) as store:
        rows, _ = store.search_events(flt, limit=limit, order="id")
    table = Table(title=f"{len(rows)} events", show_lines=False)
    for col in ("event_id", "type", "mode", "date", "countries"):
        table.add_column(col, no_wrap=True)
    table.add_column("participants / organizations", max_width=40)
    table.add_column("topics", max_width=36)
    table.add_column("src", justify="right", no_wrap=True)
    table.add_column("conf", justify="right", no_wrap=True)
    for e in rows:
        d = e.date.iso()
        date = d["start"] if d["start"] == d["end"] else f"{d['start']}..{d['end']}"
        who = [p.name for p in e.participants] or list(e.organizations)
        table.add_row(e.event_id, e.type, e.mode or "", date or "?", " ".join(e.countries),
                      "; ".join(who), ", ".join(e.topics), str(len(e.sources)),
                      f"{e.confidence:.2f}")
    console.print(table)


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="An event id (redirects are followed).")],
    db: DbOpt = DEFAULT_DB,
    context: Annotated[int, typer.Option(help="Characters of context around evidence.")] = 80,
) -> None:
    """One event, its field reasons, and each source's evidence highlighted in context."""
    with _store(db) as store:
        event = store.get_event(event_id)
        if event is None:
            err.print(f"[red]No event {event_id!r}[/] in {db}.")
            raise typer.Exit(1)
        docs = {s.doc_id: store.get_document(s.doc_id) for s in event.sources}
        groups = store.dup_groups()
    record = event.as_dict()
    console.print_json(json.dumps({k: v for k, v in record.items()
                                   if k not in ("sources", "reasons")}, ensure_ascii=False))
    reasons = Table(title="why each field has its value", show_header=False)
    reasons.add_column("field", style="cyan", no_wrap=True)
    reasons.add_column("reason")
    for name, why in event.reasons:
        reasons.add_row(name, why)
    console.print(reasons)
    for src in event.sources:
        doc = docs.get(src.doc_id) or {}
        raw = doc.get("raw_text") or ""
        group = groups.get(src.doc_id)
        copies = sorted(d for d, g in groups.items() if g == group and d != src.doc_id)
        dup = f" [magenta](near-duplicate of {', '.join(copies)})[/]" if copies else ""
        console.rule(f"[bold]{src.doc_id}[/] {doc.get('title') or ''}{dup}")
        for ev in src.evidence:
            console.print(Text.assemble((f"{ev.field:>13} ", "cyan"),
                                        _highlight(raw, ev.start, ev.end, context)))


def _highlight(raw: str, start: int, end: int, context: int) -> Text:
    left = raw[max(0, start - context):start].replace("\n", " ")
    right = raw[end:end + context].replace("\n", " ")
    return Text.assemble(("…" + left, "dim"), (raw[start:end].replace("\n", " "),
                                                "bold black on yellow"), (right + "…", "dim"))


actors_app = typer.Typer(no_args_is_help=True, help="The actor store: people, offices, tenures.")
app.add_typer(actors_app, name="actors")


def _actor_store(db: Path):  # type: ignore[no-untyped-def]
    from summitry.actors import ActorStore
    from summitry.pipeline import actors_for

    if not db.exists():
        return ActorStore.default()
    with _store(db) as store:
        return actors_for(store)


@actors_app.command("list")
def actors_list(
    db: DbOpt = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="Only actors of this ISO3 country.")] = None,
    origin: Annotated[str | None, typer.Option(help="curated, wikidata or learned.")] = None,
) -> None:
    """Every known actor with their roles (curated, imported and learned from the corpus)."""
    actors = sorted(_actor_store(db).actors.values(), key=lambda a: (a.country or "", a.name))
    table = Table(title="actors")
    for col in ("id", "name", "country", "roles", "origin"):
        table.add_column(col, no_wrap=col in ("id", "country", "origin"))
    n = 0
    for a in actors:
        if (country and a.country != country.upper()) or (origin and a.origin != origin):
            continue
        roles = "; ".join(f"{r.role} {_span(r.start, r.end)}".strip() for r in a.roles)
        table.add_row(a.id, a.name, a.country or "", roles, a.origin)
        n += 1
    table.title = f"{n} actors"
    console.print(table)


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return ""
    return f"({start.isoformat() if start else '?'}..{end.isoformat() if end else ''})"


@actors_app.command("show")
def actors_show(
    name: Annotated[str, typer.Argument(help="An actor id or a name (misspellings are fine).")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """One actor: canonical name, aliases, roles with dates and the fact each rests on."""
    store = _actor_store(db)
    actor = store.get(name) or store.match(name)
    if actor is None:
        err.print(f"[red]No actor matches {name!r}.[/]")
        raise typer.Exit(1)
    console.print_json(json.dumps(actor.as_dict(), ensure_ascii=False))


@actors_app.command("import")
def actors_import(
    file: Annotated[Path, typer.Argument(help="Wikidata query output (JSON).")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Load "position held" statements from Wikidata JSON into the database."""
    from summitry import wikidata
    from summitry.store import Store

    if not file.is_file():
        err.print(f"[red]No such file:[/] {file}")
        raise typer.Exit(2)
    result = wikidata.load(file)
    with Store(db) as store:
        n = store.put_actors([(a.id, a.origin, json.dumps(a.as_dict(), ensure_ascii=False))
                              for a in result.actors])
    console.print(f"{n} actors with {sum(len(a.roles) for a in result.actors)} roles imported "
                  f"from {result.rows} rows into {db}; {len(result.skipped)} rows skipped")
    for why in result.skipped[:20]:
        err.print(f"  [yellow]skipped[/] {why}")


@app.command()
def status(
    db: DbOpt = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts: documents, mentions, events, sources, failures, duplicate groups, and
    documents per language (pages in a language the pipeline does not read are listed)."""
    with _store(db) as store:
        counts = store.counts()
        langs = store.languages()
    if as_json:
        console.print_json(json.dumps({**counts, "languages": langs}))
        return
    for k, v in counts.items():
        console.print(f"{k:>17} {v}")
    unread = [row for row in langs if not row["read"]]
    console.print("        languages " + ", ".join(
        f"{row['language'] or 'unknown'} {row['documents']}" for row in langs))
    if unread:
        n = sum(row["documents"] for row in unread)
        console.print(f"[yellow]{n} document(s) in languages the pipeline does not read "
                      f"(stored, no events):[/]")
        for row in unread:
            more = row["documents"] - len(row["examples"])
            console.print(f"  {row['language']}: " + ", ".join(row["examples"])
                          + (f" and {more} more" if more > 0 else ""))


@app.command()
def failures(
    db: DbOpt = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Inputs that could not be processed: input, stage, reason, time."""
    with _store(db) as store:
        rows = store.failures()
    if as_json:
        console.print_json(json.dumps(rows, default=str))
        return
    table = Table(title=f"{len(rows)} failures")
    for col in ("input", "stage", "error"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(str(r["input"]), str(r["stage"]), str(r["error"]))
    console.print(table)


@app.command("watch")
def watch_cmd(
    sources: Annotated[list[str], typer.Argument(
        help="RSS/Atom feed or (news) sitemap URLs, or files listing them one per line.")],
    db: DbOpt = DEFAULT_DB,
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 15m, 1h.")] = "15m",
    archive: Annotated[Path | None, typer.Option(
        help="Folder for the WARC file of each round (summitry run DIR/*.warc.gz).")] = None,
    once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
    delay: Annotated[float, typer.Option(min=0, help="Seconds between requests to a host.")
                     ] = 1.0,
    per_host: Annotated[int, typer.Option(min=1, help="Requests at once per host.")] = 2,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to connect or between "
                                                         "reads.")] = 30.0,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest page, in bytes.")] = 5 * 2**20,
    retries: Annotated[int, typer.Option(min=0, help="Retries after a 5xx or timeout.")] = 2,
    max_items: Annotated[int, typer.Option(min=1, help="New pages per source and round.")] = 100,
    contact: Annotated[str | None, typer.Option(
        help="E-mail or URL where site owners can reach you, sent in the user agent "
             "(default: $SUMMITRY_CONTACT).")] = None,
) -> None:
    """Keep the database current from feeds and news sitemaps: fetch new pages politely
    (robots.txt, rate limits, conditional GET), archive them as WARC, extract and fuse.

    Exit status with --once: 0 all fetched, 3 some fetches or pages failed (see
    `summitry failures`), 1 fatal error, 2 usage error.
    """
    from summitry import watch as watch_mod
    from summitry.fetch import Policy, user_agent

    try:
        urls = watch_mod.read_sources(sources)
        seconds = watch_mod.parse_every(every)
    except watch_mod.WatchError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from exc
    policy = Policy(delay=delay, per_host=per_host, timeout=timeout,
                    time_limit=max(2 * timeout, timeout + 30), max_bytes=max_bytes,
                    retries=retries, user_agent=user_agent(contact))
    console.print(f"watching {len(urls)} sources into {db}"
                  + ("" if once else f", every {every}") + " (Ctrl-C stops)")

    def report(summary: watch_mod.RoundSummary) -> None:
        for line in watch_mod.format_round(summary):
            console.print(line, markup=False, highlight=False)

    try:
        last = watch_mod.watch(urls, db, every=seconds, once=once, archive=archive,
                               policy=policy, max_items=max_items, on_round=report)
    except KeyboardInterrupt:
        err.print("stopped")
        return
    if last.failures:
        raise typer.Exit(3)


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to bind (keep 127.0.0.1 unless you "
                                           "mean to share the dashboard).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="SUMMITRY_TOKEN",
        help="Enables POST /api/documents for clients sending this bearer token.")] = None,
) -> None:
    """The web dashboard and JSON API over the database (opened read-only)."""
    from summitry.web import serve as serve_app

    if not db.exists():
        err.print(f"[red]No database at {db}.[/] Run `summitry run PATH --db {db}` first.")
        raise typer.Exit(2)
    console.print(f"summitry dashboard on http://{host}:{port}/ (database {db}, read-only)")
    serve_app(db, host=host, port=port, token=token)


@app.command("export")
def export_cmd(
    db: DbOpt = DEFAULT_DB,
    format: Annotated[str, typer.Option(
        "--format", help="jsonl, csv, parquet, or a standard event-data format: plover, "
                         "polecat, icews, gdelt (docs/formats.md).")] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Output file (default: stdout).")] = None,
    country: CountryOpt = None,
    type: TypeOpt = None,
    topic: TopicOpt = None,
    since: DateOpt = None,
    until: DateOpt = None,
) -> None:
    """Write the events (every one, or those the filters keep) with their sources."""
    from summitry import formats

    flt = _filter(country, type, topic, since, until)
    with _store(db) as store:
        rows, _ = store.search_events(flt, order="id")
        refs = formats.refs_from(store.document_refs(formats.doc_ids(rows))) \
            if format.lower().strip() in formats.STANDARD_FORMATS else None
    try:
        n = export.export_events(rows, format, out if out else sys.stdout, refs)
    except ValueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from exc
    if out:
        err.print(f"{n} events written to {out}")


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Option(help="Gold JSONL (GUIDELINES.md shape).")],
    docs: Annotated[Path | None, typer.Option(help="Folder of pages to run on.")] = None,
    events_file: Annotated[Path | None, typer.Option("--events",
                                                     help="Score this export instead.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List misses and spurious.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the pipeline (or an export) against gold, as GUIDELINES.md "Scoring" defines."""
    if (docs is None) == (events_file is None):
        err.print("[red]Give exactly one of --docs DIR or --events FILE.[/]")
        raise typer.Exit(2)
    gold_rows = evaluate.load_jsonl(gold)
    doc_ids: list[str] | None = None
    if events_file is not None:
        system = evaluate.load_jsonl(events_file)
    else:
        assert docs is not None
        system, doc_ids = _run_for_eval(docs)
    report = evaluate.score(gold_rows, system, doc_ids)
    if as_json:
        console.print_json(json.dumps(report.as_dict()))
    else:
        console.print(evaluate.format_report(report))
    if errors:
        console.print(evaluate.format_errors(report))


@app.command("train")
def train_cmd(
    out: Annotated[Path | None, typer.Option(help="Write the model here instead of the "
                                                   "package's data/decide_model.json.")] = None,
    labelled: Annotated[list[Path] | None, typer.Option(
        "--labelled", help="Folders with docs/ and gold.jsonl (default: ../shared/eval/"
                           "real and ../shared/eval/train).")] = None,
) -> None:
    """Train the learned event decision on the labelled pages (fixed seed)."""
    from summitry import learn

    model = learn.train(labelled or learn.labelled_sets(), out or learn.shipped_model_path(),
                        progress=_progress_printer())
    console.print(json.dumps({"examples": model.meta["examples"],
                              "positives": model.meta["positives"],
                              "features": len(model.names), "threshold": model.threshold,
                              "out": str(out or learn.shipped_model_path())}))


@app.command("cv")
def cv_cmd(
    folds: Annotated[int, typer.Option(help="Number of document folds.")] = 5,
    labelled: Annotated[list[Path] | None, typer.Option(
        "--labelled", help="Folders with docs/ and gold.jsonl (default: ../shared/eval/"
                           "real and ../shared/eval/train).")] = None,
) -> None:
    """Cross-validate the learned decision by document (a cluster's pages in one fold);
    the last line is the mean figures as one JSON object."""
    from summitry import learn

    result = learn.run_cv(labelled or learn.labelled_sets(), folds,
                          progress=_progress_printer())
    for i, fold in enumerate(result["folds"], 1):
        console.print(f"fold {i}: " + " ".join(f"{k}={v:.3f}" for k, v in fold.items()))
    print(learn.cv_line(result))


def _progress_printer():  # type: ignore[no-untyped-def]
    count = [0]

    def tick(_doc_id: str) -> None:
        count[0] += 1
        if count[0] % 25 == 0:
            err.print(f"analysed {count[0]} labelled pages")
    return tick


def _run_for_eval(docs: Path) -> tuple[list[dict[str, object]], list[str]]:
    files = ingest.expand([docs])
    ids = list(ingest.doc_ids(files).values())
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "eval.duckdb"
        _run_with_progress([docs], db)
        with _store(db) as store:
            rows: list[Event] = store.query_events()
    return [e.as_dict() for e in rows], ids


def main() -> None:
    """Entry point: configure logging once, run the app, turn our errors into messages."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except SummitryError as exc:
        err.print(f"[red]error:[/] {exc}")
        sys.exit(1)
