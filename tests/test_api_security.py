"""The JSON API under hostile requests: injection strings in every filter, limits,
tokens, path traversal, CORS and security headers (on SQLite and PostgreSQL where the
store is involved)."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from dateline.api import Settings, create_app
from dateline.api import write as write_module
from dateline.store import Store
from tests.test_api import corpus

INJECTIONS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    '"; DROP TABLE events; --',
    "1); DELETE FROM articles; --",
    "' UNION SELECT id, text FROM articles --",
    "%",
    "_",
    "%%_%",
    "\\",
    "/",
    "*",
    "[a-z]",
    "a|b",
    "ünïcödé ‮ 😀 中文",
    "\x00",
    "a\x00b",
    "1 AND pg_sleep(5)",
]
"""Strings tried in every filter; none of them occurs in the corpus."""

EVENT_FILTERS = [
    "actor",
    "country",
    "pair",
    "between",
    "type",
    "status",
    "basis",
    "precision",
    "from",
    "to",
    "place",
    "bbox",
    "q",
    "min_confidence",
]
EVENT_OPTIONS = ["sort", "limit", "cursor", "format", "mentions"]
AGGREGATES = ["/api/v1/timeline", "/api/v1/network", "/api/v1/map"]
NAMED = ["/api/v1/actors", "/api/v1/places"]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    s.add(corpus(), pipeline="test")
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(), store=store), raise_server_exceptions=False)


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[TestClient]:
    with Store(tmp_path / "events.db") as s:
        s.add(corpus(), pipeline="test")
        yield TestClient(create_app(Settings(), store=s), raise_server_exceptions=False)


def _is_envelope(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, (response.request.url, response.text)
    body: dict[str, Any] = response.json()
    assert body["ok"] is False and body["status"] == status and body["detail"]
    if code is not None:
        assert body["code"] == code, body
    return body


def _refused_or_empty(response: Any, *, key: str) -> None:
    """A 4xx with the envelope, or a 200 that found nothing: never a 500."""
    if response.status_code == 200:
        body = response.json()
        assert body["ok"] is True
        found = body[key]
        assert found == 0 if key == "total" else not found, (response.request.url, body)
        return
    assert response.status_code in (400, 414), (response.request.url, response.text)
    body = response.json()
    assert body["ok"] is False and body["code"] in ("E012", "E019", "E025"), body


def test_api_security_injection_strings_in_every_filter(client: TestClient, store: Store) -> None:
    tables_before = sorted(inspect(store.engine).get_table_names())
    for value in INJECTIONS:
        for name in EVENT_FILTERS + EVENT_OPTIONS:
            response = client.get("/api/v1/events", params={name: value})
            _refused_or_empty(response, key="total")
        for url in AGGREGATES:
            for name in ("actor", "place", "q", "country", "between"):
                response = client.get(url, params={name: value})
                assert response.status_code in (200, 400), (url, name, response.text)
                if response.status_code == 400:
                    _is_envelope(response, 400, "E012")
        for url in NAMED:
            key = url.rsplit("/", 1)[1]
            response = client.get(url, params={"name": value})
            _refused_or_empty(response, key=key)
        for url in ("/api/v1/events/", "/api/v1/articles/"):
            if value == "/":  # /api/v1/events// is the list, by redirection
                continue
            response = client.get(url + quote(value, safe=""))
            assert response.status_code in (400, 404), (url, value, response.text)
            assert response.json()["code"] in ("E012", "E013")
    # nothing was dropped, deleted or changed
    assert sorted(inspect(store.engine).get_table_names()) == tables_before
    assert store.counts()["events"] == 4 and store.counts()["articles"] == 3
    assert client.get("/api/v1/events").json()["total"] == 4


def test_api_security_wildcards_are_literal(client: TestClient) -> None:
    """LIKE wildcards in a contains-filter match themselves, not everything."""
    for name in ("actor", "place", "q"):
        assert client.get("/api/v1/events", params={name: "_"}).json()["total"] == 0
        assert client.get("/api/v1/events", params={name: "%"}).json()["total"] == 0
    # and the filters still work with ordinary values
    assert client.get("/api/v1/events", params={"actor": "iceland"}).json()["total"] == 2
    assert client.get("/api/v1/actors", params={"name": "_"}).json()["actors"] == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events?limit=0",
        "/api/v1/events?limit=abc",
        "/api/v1/events?mentions=perhaps",
        "/api/v1/events?from=2024-02-30",
        "/api/v1/events?to=yesterday",
        "/api/v1/events?from=2024-05-01&to=2024-01-01",
        "/api/v1/events?bbox=1,2,3",
        "/api/v1/events?bbox=nan,0,1,1",
        "/api/v1/events?min_confidence=-1",
        "/api/v1/events?pair=IND",
        "/api/v1/events?between=Norway",
        "/api/v1/events?type=NOT_A_TYPE",
        "/api/v1/timeline?bucket=week",
        "/api/v1/timeline?group=place",
        "/api/v1/timeline?top=0",
        "/api/v1/network?limit=-5",
        "/api/v1/map?zoom=21",
        "/api/v1/map?max_points=0",
        "/api/v1/actors?cursor=bm9wZQ",
        "/api/v1/places?limit=x",
    ],
)
def test_api_security_invalid_input_gets_the_envelope(lite: TestClient, url: str) -> None:
    _is_envelope(lite.get(url), 400, "E012")


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/events?limit=501", 400, "E012"),
        ("/api/v1/events?limit=10001&format=ndjson", 400, "E012"),
        ("/api/v1/network?limit=1001", 400, "E012"),
        ("/api/v1/map?max_points=5001", 400, "E012"),
        ("/api/v1/actors?limit=501", 400, "E012"),
        ("/api/v1/places?limit=501", 400, "E012"),
        ("/api/v1/timeline?top=51", 400, "E012"),
        ("/api/v1/events?" + "&".join(f"actor=a{i}" for i in range(51)), 400, "E019"),
        ("/api/v1/events?country=" + ",".join(["IND"] * 51), 400, "E019"),
        ("/api/v1/events?" + "&".join(f"p{i}=1" for i in range(201)), 414, "E025"),
        ("/api/v1/events?q=" + "x" * 9000, 414, "E025"),
        ("/api/v1/events/" + "x" * 9000, 414, "E025"),
    ],
)
def test_api_security_page_and_query_limits(
    lite: TestClient, url: str, status: int, code: str
) -> None:
    _is_envelope(lite.get(url), status, code)


def test_api_security_huge_headers_are_refused(lite: TestClient) -> None:
    assert lite.get("/api/v1/events", headers={"X-Note": "a" * 20_000}).status_code == 200
    body = _is_envelope(lite.get("/api/v1/events", headers={"X-Note": "a" * 40_000}), 431, "E025")
    assert "headers" in body["detail"]


def test_api_security_limits_are_settings(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        app = create_app(Settings(max_url_bytes=100, max_params=3, max_values=2), store=s)
        client = TestClient(app)
        assert client.get("/api/v1/events?actor=a&actor=b").status_code == 200
        _is_envelope(client.get("/api/v1/events?actor=a&actor=b&actor=c"), 400, "E019")
        _is_envelope(client.get("/api/v1/events?a=1&b=2&c=3&d=4"), 414, "E025")
        _is_envelope(client.get("/api/v1/events?q=" + "y" * 100), 414, "E025")


def test_api_security_nul_is_refused_before_the_database(client: TestClient) -> None:
    """PostgreSQL cannot compare text with NUL: a coded 400, never a 500."""
    for url in (
        "/api/v1/events?actor=%00",
        "/api/v1/events?q=a%00b",
        "/api/v1/events/ev-%00",
        "/api/v1/articles/x%00y",
        "/api/v1/actors?name=%00",
        "/api/v1/timeline?place=%00",
    ):
        body = _is_envelope(client.get(url), 400, "E012")
        assert "NUL" in body["detail"]


# -- writes ------------------------------------------------------------------------------


def test_api_security_token_is_compared_in_constant_time(
    lite: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = write_module.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(write_module.hmac, "compare_digest", spy)
    with Store(tmp_path / "w.db") as s:
        client = TestClient(create_app(Settings(token="s3cret-token"), store=s))
        for headers in (
            {},
            {"Authorization": "Bearer s3cret"},
            {"Authorization": "Bearer s3cret-token-and-more"},
            {"Authorization": "bearer S3CRET-TOKEN"},
            {"Authorization": "Token s3cret-token"},
            {"X-Token": "s3cret-token"},
        ):
            response = client.post("/api/v1/articles", json={"text": "x"}, headers=headers)
            body = _is_envelope(response, 401, "E018")
            assert "s3cret" not in body["detail"]
        # a token in the URL is not a token
        response = client.post("/api/v1/articles?token=s3cret-token", json={"text": "x"})
        _is_envelope(response, 401, "E018")
        # the right token gets past the check (and the body is then read: here it is bad)
        response = client.post(
            "/api/v1/articles",
            json={"text": "x"},
            headers={"Authorization": "Bearer s3cret-token"},
        )
        _is_envelope(response, 400, "E009")
        assert s.counts()["articles"] == 0
    assert (b"s3cret-token", b"s3cret-token") in calls
    assert (b"s3cret", b"s3cret-token") in calls
    # writes stay off without a token: 403
    _is_envelope(lite.post("/api/v1/articles", json={"text": "x"}), 403, "E018")


def test_api_security_request_body_limit(tmp_path: Path) -> None:
    with Store(tmp_path / "b.db") as s:
        app = create_app(Settings(token="t", max_body_bytes=1000), store=s)
        client = TestClient(app)
        auth = {"Authorization": "Bearer t"}
        # declared too large: refused before any route reads it, token or not
        for headers in ({}, auth):
            response = client.post("/api/v1/articles", content=b"x" * 2000, headers=headers)
            _is_envelope(response, 413, "E014")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for _ in range(20):
                yield b"y" * 100

        response = client.post("/api/v1/articles", content=chunks(), headers=auth)
        _is_envelope(response, 413, "E014")
        assert s.counts()["articles"] == 0


# -- headers, CORS -----------------------------------------------------------------------


def _pages(client: TestClient) -> list[Any]:
    return [
        client.get("/"),
        client.get("/docs"),
        client.get("/openapi.json"),
        client.get("/static/app.js"),
        client.get("/api/v1/events"),
        client.get("/api/v1/events?limit=0"),
        client.get("/api/v1/events/ev-nope"),
        client.get("/api/v1/nothing"),
        client.get("/api/v1/events?q=" + "z" * 9000),
        client.post("/api/v1/events"),
        client.post("/api/v1/articles", content=b"x" * 6_000_000),
    ]


def test_api_security_headers_on_every_response(lite: TestClient) -> None:
    statuses = set()
    for response in _pages(lite):
        statuses.add(response.status_code)
        h = response.headers
        assert h["x-content-type-options"] == "nosniff", response.request.url
        assert h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert "access-control-allow-origin" not in h
    assert {200, 400, 404, 405, 413, 414} <= statuses
    page = lite.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in page and "http" not in page  # only its own assets
    api = lite.get("/api/v1/events").headers["content-security-policy"]
    assert api.startswith("default-src 'none'")


def test_api_security_headers_on_a_crash(lite: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom with a secret path /srv/x")

    monkeypatch.setattr("dateline.store.explore.page_records", broken)
    response = lite.get("/api/v1/events")
    body = _is_envelope(response, 500)
    assert "boom" not in response.text and body["error"] == "internal error"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_api_security_cors_is_off_by_default(lite: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    response = lite.get("/api/v1/events", headers=origin)
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = lite.options(
        "/api/v1/articles",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code == 405


def test_api_security_cors_only_for_the_named_origins(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as s:
        settings = Settings(cors_origins=("https://analysts.example",))
        client = TestClient(create_app(settings, store=s))
        ok = client.get("/api/v1/events", headers={"Origin": "https://analysts.example"})
        assert ok.headers["access-control-allow-origin"] == "https://analysts.example"
        assert ok.headers["x-frame-options"] == "DENY"
        other = client.get("/api/v1/events", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options(
            "/api/v1/articles",
            headers={
                "Origin": "https://analysts.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status_code == 200
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "access-control-allow-credentials" not in preflight.headers
        refused = client.options(
            "/api/v1/articles",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert refused.status_code == 400
        assert "access-control-allow-origin" not in refused.headers


@pytest.mark.parametrize("origin", ["*", "analysts.example", "https://a.example/path", "ftp://x"])
def test_api_security_serve_refuses_bad_cors_origins(tmp_path: Path, origin: str) -> None:
    from typer.testing import CliRunner

    from dateline.cli import app

    result = CliRunner().invoke(
        app, ["serve", "--db", str(tmp_path / "x.db"), "--cors-origin", origin]
    )
    assert result.exit_code == 2, result.output
    assert "E012" in result.output and "--cors-origin" in result.output


# -- static files on a real server (raw request lines, nothing normalised) ------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    import uvicorn

    store = Store(tmp_path_factory.mktemp("live") / "live.db")
    store.add(corpus(), pipeline="test")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(), store=store), host="127.0.0.1", port=port, log_level="error"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


def _raw_get(live: tuple[str, int], path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(*live, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


TRAVERSALS = [
    "/static/../../../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/..%5c..%5c..%5c..%5cetc%5cpasswd",
    "/static/....//....//....//etc/passwd",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/static//etc/passwd",
    "/static/../../api/__init__.py",
    "/static/..%2f..%2fapi%2f__init__.py",
    "/static/..%2f..%2f..%2f..%2fpyproject.toml",
    "/vendor/leaflet/../../../../../../etc/passwd",
    "/vendor/leaflet/..%2f..%2f..%2fpackage.json",
    "/vendor/leaflet/%2e%2e/%2e%2e/%2e%2e/package.json",
    "/vendor/swagger-ui/..%2f..%2f..%2f..%2fpyproject.toml",
]


def test_api_security_no_path_traversal_in_static_files(live: tuple[str, int]) -> None:
    status, body = _raw_get(live, "/static/app.js")
    assert status == 200 and body  # the folder is served ...
    for path in TRAVERSALS:  # ... and nothing outside it
        status, body = _raw_get(live, path)
        assert status in (400, 404), (path, status, body[:200])
        assert b"root:" not in body and b"[project]" not in body and b"create_app" not in body
        assert b'"dependencies"' not in body
