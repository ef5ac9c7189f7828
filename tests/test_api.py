"""The web app in process: JSON API, error shape, pages (escaping), upload, and a
schemathesis run over the OpenAPI schema. One database per module, built by the real
pipeline from examples/docs plus a page with a script payload inside its evidence."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from markupsafe import escape
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from summitry.names import fold
from summitry.pipeline import run
from summitry.records import Event
from summitry.store import Store
from summitry.web import create_app
from summitry.web.app import CSP

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DOCS = ROOT / "examples" / "docs"
TOKEN = "t0k3n-for-tests"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
PAYLOAD_ID = "zz_payload_interior_ministers"
# a cooperation page carrying markup payloads (shared with the other web tests)
PAYLOAD_FILE = ROOT / "tests" / "data" / "payload" / f"{PAYLOAD_ID}.txt"
PAYLOAD_PAGE = PAYLOAD_FILE.read_text(encoding="utf-8")
PAYLOAD_TITLE = "Spain and Morocco interior ministers agree to step up border cooperation"
UPLOAD_TEXT = (
    "Colombia and Ecuador agree joint border patrols\n\n"
    "Colombian Defence Minister Iván Velásquez met his Ecuadorian counterpart Gian Carlo "
    "Loffredo in Quito on Tuesday to discuss drug trafficking and arms trafficking along "
    "their shared border.\n\n"
    "The two ministers agreed to set up joint patrols and to share intelligence on armed "
    "groups.\n"
)


def build_db(tmp: Path) -> Path:
    pages = tmp / "pages"
    pages.mkdir()
    (pages / f"{PAYLOAD_ID}.txt").write_text(PAYLOAD_PAGE, encoding="utf-8")
    db = tmp / "web.duckdb"
    summary = run([EXAMPLE_DOCS, pages], db)
    assert not summary.failures
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def events(db: Path) -> list[Event]:
    with Store(db, read_only=True) as store:
        return store.query_events()


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN, max_body=20_000)) as c:
        yield c


@pytest.fixture(scope="module")
def payload_event(events: list[Event]) -> Event:
    found = [e for e in events if PAYLOAD_ID in e.doc_ids]
    assert found, "the payload page must give an event"
    assert any(SCRIPT in ev.text for e in found for s in e.sources for ev in s.evidence)
    return found[0]


def assert_error(resp: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert {"status", "code", "message"} <= set(err) <= {"status", "code", "message", "details"}
    assert err["status"] == status
    assert isinstance(err["code"], str) and err["code"]
    assert isinstance(err["message"], str) and err["message"]
    if code is not None:
        assert err["code"] == code
    return err


def all_items(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    resp = client.get("/api/events", params={**params, "limit": 500})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total"] == len(body["items"])
    return list(body["items"])


# --------------------------------------------------------------------------- events


def test_event_list_is_the_export_shape(client: TestClient, events: list[Event]) -> None:
    body = client.get("/api/events", params={"limit": 500}).json()
    assert body["total"] == len(events) == len(body["items"]) >= 8
    by_id = {e.event_id: e for e in events}
    for item in body["items"]:
        assert item == by_id[item["event_id"]].as_dict()
    dates = [i["date"]["start"] or "" for i in body["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_default_limit_and_pagination(client: TestClient, events: list[Event]) -> None:
    assert client.get("/api/events").json()["limit"] == 50
    seen: list[str] = []
    for offset in range(0, len(events) + 3, 3):
        body = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        assert body["total"] == len(events)
        assert len(body["items"]) == min(3, max(0, len(events) - offset))
        seen += [i["event_id"] for i in body["items"]]
    assert sorted(seen) == sorted(e.event_id for e in events)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("params, keep", [
    ({"country": "ESP"}, lambda d: "ESP" in d["countries"]),
    ({"country": "esp,can"}, lambda d: {"ESP", "CAN"} & set(d["countries"])),
    ({"country": ["ESP", "CAN"]}, lambda d: {"ESP", "CAN"} & set(d["countries"])),
    ({"pair": "USA,MEX"}, lambda d: {"USA", "MEX"} <= set(d["countries"])),
    ({"pair": "mex, usa"}, lambda d: {"USA", "MEX"} <= set(d["countries"])),
    ({"type": "AGREE"}, lambda d: d["type"] == "AGREE"),
    ({"mode": "virtual"}, lambda d: d["mode"] == "virtual"),
    ({"topic": "migration"}, lambda d: "migration" in d["topics"]),
    ({"participant": "lopez"},
     lambda d: any("lopez" in fold(p["name"]) for p in d["participants"])),
    ({"participant": "LÓPEZ OBR"},
     lambda d: any("lopez obr" in fold(p["name"]) for p in d["participants"])),
    ({"since": "2023-01-01"}, lambda d: (d["date"]["end"] or "") >= "2023-01-01"),
    ({"until": "2021-12-31"}, lambda d: "" < (d["date"]["start"] or "") <= "2021-12-31"),
    ({"since": "2021-06-01", "until": "2021-12-31", "country": "MEX"},
     lambda d: "2021-06-01" <= d["date"]["start"] <= "2021-12-31" and "MEX" in d["countries"]),
    ({"q": "fentanyl"}, None),
    ({"q": "Rabat"}, lambda d: (d["location"] or {}).get("name") == "Rabat"),
    ({"q": "grande-marlaska laftit"}, lambda d: d["event_id"] and "ESP" in d["countries"]),
    ({"q": "rodriguez"},  # "Rosa Icela Rodríguez": accents folded
     lambda d: any("rodriguez" in fold(p["name"]) for p in d["participants"])),
])
def test_filters(client: TestClient, params: dict[str, Any], keep: Any) -> None:
    everything = all_items(client)
    got = all_items(client, **params)
    assert got, f"{params} should match something in the example corpus"
    if keep is not None:
        expected = [d["event_id"] for d in everything if keep(d)]
        assert [d["event_id"] for d in got] == expected
    else:  # fentanyl: only in evidence text
        assert all("fentanyl" in str(d).lower() for d in got)
    assert len(got) < len(everything) or params == {"q": "fentanyl"}


def test_filters_that_match_nothing(client: TestClient) -> None:
    for params in ({"country": "NZL"}, {"q": "zzzqqq"}, {"participant": "nobody-at-all"},
                   {"since": "2030-01-01"}, {"pair": "ESP,CAN"}):
        body = client.get("/api/events", params=params).json()
        assert body == {"items": [], "total": 0, "limit": 50, "offset": 0}


def test_text_filter_total_and_pages(client: TestClient) -> None:
    full = all_items(client, q="border")
    assert len(full) >= 3
    page = client.get("/api/events", params={"q": "border", "limit": 2, "offset": 1}).json()
    assert page["total"] == len(full)
    assert [i["event_id"] for i in page["items"]] == [i["event_id"] for i in full[1:3]]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "plover", "polecat", "icews",
                                 "gdelt"])
def test_filtered_download(client: TestClient, events: list[Event], fmt: str) -> None:
    import io

    import pandas as pd

    from summitry.export import MEDIA_TYPES

    full = all_items(client, country="MEX")
    resp = client.get("/api/events", params={"country": "MEX", "format": fmt, "limit": 1})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(MEDIA_TYPES[fmt])
    assert "attachment" in resp.headers["content-disposition"]
    assert resp.headers["content-security-policy"] == CSP
    if fmt == "parquet":
        df = pd.read_parquet(io.BytesIO(resp.content))
    elif fmt in ("jsonl", "plover"):
        df = pd.read_json(io.BytesIO(resp.content), lines=True)
    else:
        df = pd.read_csv(io.BytesIO(resp.content), sep="," if fmt == "csv" else "\t")
    ids = {i["event_id"] for i in full}
    assert len(ids) > 1  # limit does not apply to a download
    if fmt in ("jsonl", "csv", "parquet"):
        assert set(df["event_id"]) == ids
    else:  # one row per dyad, ids EVENT_ID-N (PLOVER keeps undated events too)
        key = "id" if fmt == "plover" else ("Event ID" if fmt == "polecat" else None)
        if key is not None:
            assert {str(v).rsplit("-", 1)[0] for v in df[key]} <= ids
        assert len(df) >= 1
    assert_error(client.get("/api/events", params={"format": "xml"}), 422,
                 "validation_error")


def test_event_detail(client: TestClient, payload_event: Event) -> None:
    body = client.get(f"/api/events/{payload_event.event_id}").json()
    assert body["event_id"] == body["requested_id"] == payload_event.event_id
    assert body["reasons"] == dict(payload_event.reasons)
    (src,) = body["sources"]
    assert src["doc_id"] == PAYLOAD_ID
    assert src["title"] == PAYLOAD_TITLE
    assert "duplicate_group" in src and isinstance(src["duplicates"], list)
    assert any(ev["field"] == "type" and SCRIPT in ev["text"] for ev in src["evidence"])
    assert {p["name"] for p in body["participants"]} >= {"Fernando Grande-Marlaska"}
    assert all("actor_id" in p for p in body["participants"])


def test_detail_duplicates_and_actor_links(client: TestClient, db: Path,
                                           events: list[Event]) -> None:
    fused = next(e for e in events if len(e.sources) > 1)
    body = client.get(f"/api/events/{fused.event_id}").json()
    assert [s["doc_id"] for s in body["sources"]] == list(fused.doc_ids)
    with Store(db, read_only=True) as store:
        groups = store.dup_groups()
    for s in body["sources"]:
        assert s["title"]
        group = groups.get(s["doc_id"])
        assert s["duplicate_group"] == group
        assert s["duplicates"] == sorted(d for d, g in groups.items()
                                         if group is not None and g == group and d != s["doc_id"])
    mayorkas = [p for p in body["participants"] if p["name"] == "Alejandro Mayorkas"]
    assert mayorkas and mayorkas[0]["actor_id"] == "alejandro-mayorkas"


def test_redirected_event_id(db: Path, events: list[Event], tmp_path: Path) -> None:
    copy = tmp_path / "redirect.duckdb"
    shutil.copy(db, copy)
    target = events[0].event_id
    with Store(copy) as store:
        store.replace_events(store.query_events(), {"ev_00000000merged": target})
    with TestClient(create_app(copy)) as c:
        body = c.get("/api/events/ev_00000000merged").json()
        assert body["event_id"] == target and body["requested_id"] == "ev_00000000merged"
        page = c.get("/events/ev_00000000merged", follow_redirects=False)
        assert page.status_code == 301 and page.headers["location"] == f"/events/{target}"


def test_document_endpoint(client: TestClient, payload_event: Event) -> None:
    body = client.get(f"/api/documents/{PAYLOAD_ID}").json()
    assert body["raw_text"] == PAYLOAD_PAGE
    assert payload_event.event_id in body["event_ids"]
    for ev in payload_event.sources[0].evidence:
        assert body["raw_text"][ev.start:ev.end] == ev.text


# --------------------------------------------------------------------------- stats, actors


def test_stats(client: TestClient, events: list[Event]) -> None:
    stats = client.get("/api/stats").json()
    totals = stats["totals"]
    assert totals["events"] == len(events)
    assert totals["documents"] == 9
    assert sum(stats["by_type"].values()) == len(events)
    assert sum(m["total"] for m in stats["by_month"]) == totals["dated"]
    assert totals["dated"] + totals["undated"] == totals["events"]
    for m in stats["by_month"]:
        assert re.fullmatch(r"\d{4}-\d{2}", m["month"]) and sum(m["by_type"].values()) == m["total"]
    months = [m["month"] for m in stats["by_month"]]
    assert months == sorted(months) and "2021-10" in months
    pairs = {(p["a"], p["b"]): p["events"] for p in stats["by_pair"]}
    assert pairs[("MEX", "USA")] == len(all_items(client, pair="USA,MEX"))
    assert pairs[("ESP", "MAR")] == 1
    topics = {t["topic"]: t["events"] for t in stats["by_topic"]}
    assert topics["migration"] == len(all_items(client, topic="migration"))
    countries = {c["country"]: c["events"] for c in stats["by_country"]}
    assert countries["USA"] == len(all_items(client, country="USA"))


def test_stats_follow_filters(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"country": "ESP"}).json()
    assert stats["totals"]["events"] == 1
    assert [c["country"] for c in stats["by_country"]] == ["ESP", "MAR"]
    assert client.get("/api/stats", params={"q": "fentanyl"}).json()["totals"]["events"] == \
        len(all_items(client, q="fentanyl"))


def test_actors_list_and_filters(client: TestClient) -> None:
    body = client.get("/api/actors", params={"limit": 500}).json()
    assert body["total"] == len(body["items"]) >= 60
    origins = {a["origin"] for a in body["items"]}
    assert "curated" in origins
    usa = client.get("/api/actors", params={"country": "usa", "limit": 500}).json()
    assert usa["items"] and all(a["country"] == "USA" for a in usa["items"])
    found = client.get("/api/actors", params={"q": "lopez obrador"}).json()
    assert "andres-manuel-lopez-obrador" in {a["id"] for a in found["items"]}
    page = client.get("/api/actors", params={"limit": 5, "offset": 5}).json()
    assert page["total"] == body["total"]
    assert [a["id"] for a in page["items"]] == [a["id"] for a in body["items"][5:10]]


def test_actor_detail(client: TestClient, events: list[Event]) -> None:
    body = client.get("/api/actors/alejandro-mayorkas").json()
    assert body["name"] == "Alejandro Mayorkas"
    role = next(r for r in body["roles"] if r["role"] == "Secretary of Homeland Security")
    assert role["start"] == "2021-02-02"
    expected = {e.event_id for e in events if any(p.name == "Alejandro Mayorkas"
                                                  for p in e.participants)}
    assert expected and set(body["event_ids"]) == expected
    assert_error(client.get("/api/actors/nobody-here"), 404, "not_found")


def test_learned_actor_is_listed(client: TestClient) -> None:
    learned = client.get("/api/actors", params={"origin": "learned", "limit": 500}).json()
    for actor in learned["items"]:
        assert client.get(f"/api/actors/{actor['id']}").status_code == 200


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("url", ["/api/events/ev_doesnotexist", "/api/events/%3Cscript%3E",
                                 "/api/documents/nope", "/api/actors/nope", "/no/such/page",
                                 "/static/nope.css", "/events/ev_doesnotexist",
                                 "/actors/nobody"])
def test_404_shape(client: TestClient, url: str) -> None:
    resp = client.get(url)
    assert_error(resp, 404, "not_found")
    assert "<" not in resp.text


def test_405_shape(client: TestClient) -> None:
    resp = client.delete("/api/events")
    assert_error(resp, 405, "method_not_allowed")
    assert "GET" in resp.headers["allow"]


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 501}, {"limit": "ten"}, {"offset": -1}, {"since": "2021-13-01"},
    {"until": "yesterday"}, {"type": "MEETING"}, {"mode": "carrier-pigeon"},
    {"topic": "weather"}, {"pair": "USA"}, {"pair": "USA,USA"}, {"pair": "USA,MEX,CAN"},
    {"country": "U5A"}, {"since": "2022-01-01", "until": "2021-01-01"},
    {"participant": "x" * 201},
])
def test_422_shape(client: TestClient, params: dict[str, Any]) -> None:
    err = assert_error(client.get("/api/events", params=params), 422, "validation_error")
    assert err["details"] and all({"loc", "msg"} <= set(d) for d in err["details"])


def test_stats_422(client: TestClient) -> None:
    assert_error(client.get("/api/stats", params={"pair": "XX"}), 422, "validation_error")


def test_500_shape(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summitry.web import queries

    def boom(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "stats", boom)
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        resp = c.get("/api/stats")
        err = assert_error(resp, 500, "internal_error")
        assert "secret" not in resp.text and err["message"]
        assert resp.headers["content-security-policy"] == CSP


def test_html_errors_for_browsers(client: TestClient) -> None:
    resp = client.get("/events/ev_nope", headers={"accept": "text/html,*/*"})
    assert resp.status_code == 404 and resp.headers["content-type"].startswith("text/html")
    bad = client.get("/", params={"since": "never"}, headers={"accept": "text/html"})
    assert bad.status_code == 422 and "is not a date" in bad.text
    assert_error(client.get("/", params={"since": "never"}), 422, "validation_error")


def test_no_database_yet(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "missing.duckdb")) as c:
        assert c.get("/api/events").json()["total"] == 0
        assert c.get("/api/stats").json()["totals"]["events"] == 0
        page = c.get("/")
        assert page.status_code == 200 and "No events yet" in page.text
        assert "summitry run PATH" in page.text
        assert_error(c.get("/api/events/ev_x"), 404)


def test_host_allow_list(db: Path) -> None:
    with TestClient(create_app(db, allowed_hosts=["127.0.0.1", "localhost"]),
                    base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/stats").status_code == 200
        assert_error(c.get("/api/stats", headers={"host": "evil.example:8000"}), 400, "bad_host")


# --------------------------------------------------------------------------- pages, escaping


def test_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/events", "/static/style.css", "/no/such", "/openapi.json"):
        resp = client.get(url)
        assert resp.headers["content-security-policy"] == CSP, url
        assert resp.headers["x-content-type-options"] == "nosniff"


def test_swagger_ui_is_off_and_assets_are_local(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    page = client.get("/").text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_pages_escape_the_payload(client: TestClient, payload_event: Event) -> None:
    urls = ["/", "/?country=ESP", "/?q=Rabat", f"/events/{payload_event.event_id}",
            f"/api/events/{payload_event.event_id}", "/api/events?country=ESP",
            f"/api/documents/{PAYLOAD_ID}", "/actors", "/actors?q=marlaska",
            "/api/stats", "/openapi.json"]
    learned = client.get("/api/actors", params={"q": "laftit"}).json()["items"]
    urls += [f"/actors/{a['id']}" for a in learned]
    for url in urls:
        text = client.get(url).text
        assert SCRIPT not in text, url
        assert IMG not in text, url
        assert "<script>alert" not in text and "onerror=alert(2)>" not in text, url
    page = client.get(f"/events/{payload_event.event_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert '<mark data-field="type"' in page
    api = client.get(f"/api/events/{payload_event.event_id}")
    assert "\\u003cscript\\u003e" in api.text  # JSON escapes markup characters
    assert any(SCRIPT in e["text"] for e in api.json()["sources"][0]["evidence"])


def test_dashboard(client: TestClient) -> None:
    page = client.get("/").text
    assert 'role="img"' in page and "Events per month by type" in page
    assert "Country-pair network" in page
    assert re.search(r'href="/events/ev_[0-9a-f]+"', page)
    assert "Top topics" in page
    filtered = client.get("/", params={"country": "ESP"}).text
    assert len(re.findall(r'href="/events/', filtered)) == 1
    empty = client.get("/", params={"q": "zzzqqq"}).text
    assert "No events match these filters" in empty


def test_event_page_highlights_every_evidence_span(client: TestClient,
                                                   events: list[Event]) -> None:
    for event in events:
        page = client.get(f"/events/{event.event_id}").text
        n_spans = sum(len(s.evidence) for s in event.sources)
        ids = set(re.findall(r'<mark data-field="[a-z_]+" id="(s\d+-e\d+)"', page))
        assert len(ids) == n_spans, event.event_id
        for reason in dict(event.reasons).values():
            assert str(escape(reason)) in page
        assert page.count("<mark") == page.count("</mark>")


def test_actor_page(client: TestClient) -> None:
    page = client.get("/actors/alejandro-mayorkas").text
    assert "Roles of Alejandro Mayorkas over time" in page
    assert "Secretary of Homeland Security" in page and "/events/ev_" in page
    assert client.get("/actors").status_code == 200


# --------------------------------------------------------------------------- upload


def test_upload_disabled_without_token(db: Path) -> None:
    with TestClient(create_app(db)) as c:
        resp = c.post("/api/documents", json={"id": "x", "text": "y"},
                      headers={"authorization": "Bearer anything"})
        assert_error(resp, 404)
        assert "post" not in c.get("/openapi.json").json()["paths"].get("/api/documents", {})


def test_upload_auth(client: TestClient) -> None:
    doc = {"id": "auth_test", "text": "nothing"}
    resp = client.post("/api/documents", json=doc)
    assert_error(resp, 401, "unauthorized")
    assert resp.headers["www-authenticate"] == "Bearer"
    assert_error(client.post("/api/documents", json=doc,
                             headers={"authorization": "Bearer wrong"}), 403, "forbidden")
    assert_error(client.post("/api/documents", json=doc,
                             headers={"authorization": f"Basic {TOKEN}"}), 403, "forbidden")
    assert "post" in client.get("/openapi.json").json()["paths"]["/api/documents"]


def test_upload_size_limit(client: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    big = {"id": "big", "text": "x" * 30_000}
    assert_error(client.post("/api/documents", json=big, headers=auth), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the stream itself is cut off
        yield b'{"id": "big", "text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    resp = client.post("/api/documents", content=chunks(),
                       headers={**auth, "content-type": "application/json"})
    assert_error(resp, 413, "payload_too_large")


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"id": "../etc", "text": "x"}',
                                  b'{"id": "a.b", "text": "x"}', b'{"id": "ok", "text": "  "}',
                                  b'{"id": "ok", "text": "x", "published": "soon"}',
                                  b'{"id": "ok", "text": "x", "extra": 1}'])
def test_upload_validation(client: TestClient, body: bytes) -> None:
    resp = client.post("/api/documents", content=body,
                       headers={"authorization": f"Bearer {TOKEN}",
                                "content-type": "application/json"})
    assert_error(resp, 422, "validation_error")


def test_upload_processes_the_document(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "upload.duckdb"
    shutil.copy(db, copy)
    with TestClient(create_app(copy, token=TOKEN)) as c:
        before = c.get("/api/stats").json()["totals"]["events"]
        resp = c.post("/api/documents",
                      json={"id": "col_ecu_defence", "text": UPLOAD_TEXT,
                            "published": "2023-06-16"},
                      headers={"authorization": f"Bearer {TOKEN}"})
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert body["status"] == "processed" and body["doc_id"] == "col_ecu_defence"
        assert body["event_ids"] and body["events_total"] == before + 1
        event = c.get(f"/api/events/{body['event_ids'][0]}").json()
        assert event["docs"] == ["col_ecu_defence"]
        assert event["countries"] == ["COL", "ECU"]
        assert event["date"]["start"] == "2023-06-13"  # "on Tuesday" before 16 June 2023
        assert "ECU" in [c_["country"] for c_ in c.get("/api/stats").json()["by_country"]]
        again = c.post("/api/documents", json={"id": "col_ecu_defence", "text": UPLOAD_TEXT},
                       headers={"authorization": f"Bearer {TOKEN}"}).json()
        assert again["status"] == "unchanged" and again["event_ids"] == body["event_ids"]
    with Store(db, read_only=True) as store:
        assert store.get_document("col_ecu_defence") is None


# --------------------------------------------------------------------------- schemathesis


def _fuzz(schema: Any, mode: GenerationMode, examples: int) -> int:
    calls = 0

    @given(case=schema.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        nonlocal calls
        calls += 1
        response = case.call()
        assert response.status_code < 500, (case.method, case.formatted_path,
                                            response.status_code, response.text[:300])
        case.validate_response(response, checks=[not_a_server_error])
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and body["error"]["status"] == response.status_code

    check()
    return calls


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_openapi_fuzz_no_server_errors(db: Path, mode: GenerationMode) -> None:
    """schemathesis over /openapi.json, in process: no 5xx, every error in the one shape.
    (The upload is in the schema, so it is fuzzed too; without the token it answers 401.)"""
    app = create_app(db, token=TOKEN)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    paths = set(schema.raw_schema["paths"])
    assert {"/api/events", "/api/events/{event_id}", "/api/actors", "/api/actors/{actor_id}",
            "/api/stats", "/api/documents"} <= paths
    assert _fuzz(schema, mode, 150) >= 50


# --------------------------------------------------------------------------- view helpers


def test_highlight_nests_crossing_spans_and_keeps_text() -> None:
    from summitry.web.views import Segment, Span, highlight

    text = "<b>Mayorkas</b> met Ebrard & co"
    spans = [Span(0, 15, field="type"), Span(3, 11, field="participants", ident="p"),
             Span(8, 20, field="topics"),  # crosses both
             Span(20, 26, field="participants"), Span(20, 26, field="participants"),
             Span(5, 5, field="empty"), Span(-1, 4, field="bad"), Span(10, 99, field="bad")]
    segs = highlight(text, spans)
    assert "".join(s.text for s in segs if s.kind == "text") == text
    depth = 0
    stack: list[Segment] = []
    for s in segs:
        if s.kind == "open":
            stack.append(s)
        elif s.kind == "close":
            assert stack.pop().span is s.span  # well nested
        depth = max(depth, len(stack))
    assert not stack and depth == 3
    opened = [s.span.field for s in segs if s.kind == "open" and not s.cont and s.span]
    assert sorted(opened) == ["participants", "participants", "topics", "type"]
    # the text each span covers, joined over its pieces, is its own text
    for span in {s.span for s in segs if s.span is not None}:
        inside, covered = 0, []
        for s in segs:
            if s.kind != "text" and s.span is span:
                inside += 1 if s.kind == "open" else -1
            elif s.kind == "text" and inside:
                covered.append(s.text)
        assert "".join(covered) == text[span.start:span.end]


def test_timeline_switches_to_years_for_long_ranges() -> None:
    from summitry.web.views import timeline_chart

    chart = timeline_chart([{"month": "1990-01", "total": 1, "by_type": {"AID": 1}},
                            {"month": "2024-06", "total": 2, "by_type": {"CONSULT": 2}}])
    assert chart is not None and chart.unit == "year" and len(chart.months) == 35
    monthly = timeline_chart([{"month": "2021-01", "total": 1, "by_type": {"AID": 1}},
                              {"month": "2021-03", "total": 2, "by_type": {"AGREE": 2}}])
    assert monthly is not None and monthly.months == ["2021-01", "2021-02", "2021-03"]
    assert [r.css for r in monthly.rects] == ["t-AID", "t-AGREE"]
    assert [row["counts"] for row in monthly.table] == [[0, 1], [2, 0]]  # AGREE, AID
    assert timeline_chart([]) is None


def test_reads_use_the_snapshot_while_an_upload_writes(db: Path, tmp_path: Path,
                                                       events: list[Event]) -> None:
    copy = tmp_path / "gate.duckdb"
    shutil.copy(db, copy)
    shutil.copy(Path(str(db) + ".snapshot"), Path(str(copy) + ".snapshot"))
    app = create_app(copy)
    gate = app.state.summitry.gate
    with TestClient(app) as c:
        assert c.get("/api/stats").json()["totals"]["events"] == len(events)
        with gate.writing():
            # no read-only connection is left open: the writer can open the file ...
            with Store(copy) as store:
                assert store.counts()["events"] == len(events)
            # ... and requests meanwhile read the published snapshot
            assert c.get("/api/stats").json()["totals"]["events"] == len(events)
            assert c.get("/").status_code == 200


def test_serve_binds_loopback(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    import summitry.web.app as web_app

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(web_app.uvicorn, "run",
                        lambda app, **kw: calls.append({"app": app, **kw}))
    web_app.serve(db)
    (call,) = calls
    assert call["host"] == "127.0.0.1" and call["port"] == 8000
    with TestClient(call["app"], base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/stats").status_code == 200
        assert_error(c.post("/api/documents", json={}), 404)  # no token: no upload
        assert c.get("/api/stats", headers={"host": "attacker.example"}).status_code == 400


def test_the_payload_page_carries_both_payloads() -> None:
    assert SCRIPT in PAYLOAD_PAGE and IMG in PAYLOAD_PAGE
