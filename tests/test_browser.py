"""The dashboard in a real browser: Playwright (sync API) driving Debian's chromium
against uvicorn on 127.0.0.1, over a database built from examples/docs plus a page with
a script payload. Saves docs/screenshots/dashboard.png and docs/screenshots/event.png."""

from __future__ import annotations

import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("needs chromium at /usr/bin/chromium (Debian package `chromium`); the "
                "browser tests never download one", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")

import uvicorn  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from summitry.pipeline import run  # noqa: E402
from summitry.store import Store  # noqa: E402
from summitry.web import create_app  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DOCS = ROOT / "examples" / "docs"
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"  # present in CI
# the README's screenshots are refreshed with SUMMITRY_UPDATE_SCREENSHOTS=1; ordinary runs
# write theirs to a temporary folder and leave the working tree untouched
SCREENSHOTS = (ROOT / "docs" / "screenshots" if os.environ.get("SUMMITRY_UPDATE_SCREENSHOTS")
               else Path(tempfile.gettempdir()) / "summitry-screenshots")
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
PAYLOAD_ID = "zz_payload_interior_ministers"
# a cooperation page carrying markup payloads (shared with the other web tests)
PAYLOAD_FILE = ROOT / "tests" / "data" / "payload" / f"{PAYLOAD_ID}.txt"
PAYLOAD_PAGE = PAYLOAD_FILE.read_text(encoding="utf-8")


@dataclass
class Recorder:
    """What the page did: every request URL, dialogs, console errors, page errors."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("browser")
    pages = tmp / "pages"
    pages.mkdir()
    (pages / f"{PAYLOAD_ID}.txt").write_text(PAYLOAD_PAGE, encoding="utf-8")
    path = tmp / "browser.duckdb"
    inputs = [EXAMPLE_DOCS, pages] + ([DEV_DOCS] if DEV_DOCS.is_dir() else [])
    assert not run(inputs, path).failures
    return path


@pytest.fixture(scope="module")
def base_url(db: Path) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[tuple[Page, Recorder]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  base_url=base_url, java_script_enabled=True)
    pg = context.new_page()
    rec = Recorder()

    def on_dialog(dialog: Any) -> None:
        rec.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("request", lambda r: rec.requests.append(r.url))
    pg.on("dialog", on_dialog)
    pg.on("console", lambda m: rec.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: rec.page_errors.append(str(e)))
    yield pg, rec
    context.close()
    outside = [u for u in rec.requests if not u.startswith(base_url + "/")]
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not rec.dialogs, f"a dialog fired: {rec.dialogs}"
    # a CSP violation or a script error shows up here
    assert not rec.console_errors, rec.console_errors
    assert not rec.page_errors, rec.page_errors


def _event_ids(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        events = store.query_events()
    payload = next(e for e in events if PAYLOAD_ID in e.doc_ids)
    multi = max(events, key=lambda e: (len(e.sources), len(e.participants), e.event_id))
    return {"payload": payload, "multi": multi, "all": events}


def test_dashboard_renders_charts_with_names(page: tuple[Page, Recorder], db: Path) -> None:
    pg, rec = page
    pg.goto("/")
    expect(pg).to_have_title(re.compile("Dashboard"))
    timeline = pg.get_by_role("img", name="Events per month by type")
    expect(timeline).to_be_visible()
    assert timeline.locator("rect[class^='t-']").count() >= 5
    box = timeline.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 100
    network = pg.get_by_role("img", name="Country-pair network")
    expect(network).to_be_visible()
    assert network.locator("circle").count() >= 4
    assert network.locator("line.edge").count() >= 3
    # the data is there for keyboard and screen-reader users too
    expect(pg.get_by_role("table", name="Country pairs by number of events")).to_be_visible()
    pg.get_by_text("Events per month as a table").click()
    expect(pg.get_by_role("table", name="Events per month and type")).to_be_visible()
    expect(pg.get_by_role("heading", name="Top topics")).to_be_visible()
    n_events = len(_event_ids(db)["all"])
    expect(pg.locator("#event-list tbody tr")).to_have_count(n_events)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
    assert any(u.endswith("/static/style.css") for u in rec.requests)


def test_filter_by_country_with_the_form(page: tuple[Page, Recorder]) -> None:
    pg, _ = page
    pg.goto("/")
    rows = pg.locator("#event-list tbody tr")
    before = rows.count()
    assert before > 1
    pg.get_by_label("Country", exact=True).fill("MAR")
    pg.get_by_role("button", name="Filter").click()
    pg.wait_for_url(re.compile(r"[?&]country=MAR"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Grande-Marlaska")
    expect(pg.get_by_label("Country", exact=True)).to_have_value("MAR")
    # the charts follow the filter: the network is Spain and Morocco only
    network = pg.get_by_role("img", name="Country-pair network")
    expect(network.locator("circle")).to_have_count(2)
    pg.get_by_role("link", name="Clear", exact=True).click()
    expect(rows).to_have_count(before)


def test_event_page_highlights_the_evidence(page: tuple[Page, Recorder], db: Path) -> None:
    pg, _ = page
    event = _event_ids(db)["multi"]
    pg.goto("/")
    pg.locator(f"#event-list a[href='/events/{event.event_id}']").click()
    pg.wait_for_url(f"**/events/{event.event_id}")
    marks = pg.locator("pre.doc mark[data-field]")
    assert marks.count() >= sum(len(s.evidence) for s in event.sources)
    for i, src in enumerate(event.sources):
        for j, ev in enumerate(src.evidence):
            mark = pg.locator(f"mark#s{i}-e{j}")
            expect(mark).to_have_attribute("data-field", ev.field)
            assert mark.text_content() == ev.text
    person = next(m for m in marks.all() if m.get_attribute("data-field") == "participants")
    expect(person).to_be_visible()
    # the legend's checkboxes (app.js) switch a field's highlights off and on
    toggle = pg.locator("input.field-toggle[value='participants']")
    expect(toggle).to_be_visible()
    toggle.uncheck()
    expect(person).to_have_class(re.compile(r"\boff\b"))
    toggle.check()
    expect(person).not_to_have_class(re.compile(r"\boff\b"))
    # every field row with evidence links to a highlighted span
    link = pg.locator("a.ev-link[data-field='participants']").first
    target = link.get_attribute("href")
    assert target and target.startswith("#s")
    link.click()
    expect(pg.locator(target)).to_be_in_viewport()
    if any(p.name == "Alejandro Mayorkas" for p in event.participants):
        expect(pg.get_by_role("link", name="Alejandro Mayorkas", exact=True)).to_have_attribute(
            "href", "/actors/alejandro-mayorkas")
    pg.goto(f"/events/{event.event_id}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "event.png"), full_page=True)


def test_payload_is_shown_as_text_and_never_runs(page: tuple[Page, Recorder],
                                                  db: Path) -> None:
    pg, rec = page
    event = _event_ids(db)["payload"]
    pg.goto(f"/events/{event.event_id}")
    pg.wait_for_load_state("load")
    doc = pg.locator("pre.doc").first
    expect(doc).to_contain_text(SCRIPT)
    expect(doc).to_contain_text(IMG)
    expect(pg.locator("pre.doc mark[data-field='type']").first).to_contain_text(SCRIPT)
    # no element was made from the payload: the only scripts are our own file
    assert pg.locator("script:not([src])").count() == 0
    assert pg.locator("img").count() == 0
    assert pg.evaluate("() => document.querySelectorAll('[onerror]').length") == 0
    pg.wait_for_timeout(300)  # give an injected handler a chance to fire
    assert rec.dialogs == []


def test_actor_page_timeline(page: tuple[Page, Recorder]) -> None:
    pg, _ = page
    pg.goto("/actors/alejandro-mayorkas")
    timeline = pg.get_by_role("img", name="Roles of Alejandro Mayorkas over time")
    expect(timeline).to_be_visible()
    assert timeline.locator("rect.role").count() >= 1
    assert timeline.locator("circle.event-dot").count() >= 1
    expect(pg.locator("table.events a").first).to_have_attribute("href", re.compile("/events/"))


@pytest.mark.skipif(not DEV_DOCS.is_dir(), reason="needs ../shared/eval/dev (present in CI)")
def test_dev_havana_talks_show_both_sources(page: tuple[Page, Recorder], db: Path) -> None:
    """On the dev pages: the Havana talks are one event citing 001 and 003, each source's
    text shown with its own highlighted evidence."""
    pg, _ = page
    events = _event_ids(db)["all"]
    havana = next(e for e in events if {"001_6feb70dea2efb894", "003_d4a66a4584b2790f"}
                  <= set(e.doc_ids))
    pg.goto("/?country=CUB")
    pg.locator(f"#event-list a[href='/events/{havana.event_id}']").click()
    pg.wait_for_url(f"**/events/{havana.event_id}")
    for doc_id in ("001_6feb70dea2efb894", "003_d4a66a4584b2790f"):
        expect(pg.get_by_text(doc_id).first).to_be_visible()
    assert pg.locator("pre.doc mark[data-field='location']").count() >= 1
    expect(pg.locator("body")).to_contain_text("2023-01-18")
