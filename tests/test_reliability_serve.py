"""Serving under load: the answer cache, reused totals, settings handed to worker
processes, and ``dateline serve --workers``."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dateline.api import Settings, app_from_env, create_app
from dateline.api.settings import ENV_SETTINGS
from dateline.store import Store
from tests.test_api import _article, _day, corpus


class Clock:
    """Stands in for time.monotonic in the cache modules."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "events.db") as s:
        s.add(corpus(), pipeline="test")
        yield s


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr("dateline.api.cache.time.monotonic", fake)
    monkeypatch.setattr("dateline.api.events.time.monotonic", fake)
    return fake


def _another(store: Store) -> None:
    """A write by someone else (another process, as far as the app knows): one more
    event, unlike the corpus's four."""
    text = "Kenya's navy detained a fishing boat from Somalia off Lamu on 20 June 2024."
    pair = _article(
        text,
        "2024-06-21",
        "lamu.txt",
        actors=[("Kenya's navy", "ORG", "KEN", "MIL"), ("Somalia", "COUNTRY", "SOM", "GOV")],
        places=[("Lamu", -2.27, 40.9, "KEN")],
        timexes=[("20 June 2024", "2024-06-20")],
        events=[
            {
                "type": "COERCE",
                "trigger": "detained",
                "actors": ["Kenya's navy"],
                "recipients": ["Somalia"],
                "when": _day("2024-06-20"),
                "where": "p1",
            }
        ],
    )
    store.add([pair], pipeline="test")


def _total(client: TestClient, url: str = "/api/v1/events") -> int:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


def test_reliability_serve_answers_are_reused_then_expire(store: Store, clock: Clock) -> None:
    app = create_app(Settings(cache_seconds=1.0, count_seconds=0), store=store)
    client = TestClient(app)
    assert _total(client) == 4
    _another(store)
    assert _total(client) == 4  # the same read within the second: the cached answer
    assert _total(client, "/api/v1/events?limit=10") == 5  # another read is computed
    clock.now += 1.5
    assert _total(client) == 5  # expired: computed again
    uncached = TestClient(create_app(Settings(count_seconds=0), store=store))  # the default
    assert _total(uncached) == 5


def test_reliability_serve_cache_keeps_only_successful_reads(store: Store, clock: Clock) -> None:
    app = create_app(Settings(cache_seconds=60.0), store=store)
    client = TestClient(app)
    cache = app.state.response_cache
    for url, status in (
        ("/api/v1/events?limit=0", 400),
        ("/api/v1/events/ev-nope", 404),
        ("/api/v1/nothing", 404),
        ("/", 200),  # not under /api/v1/
        ("/static/app.js", 200),
    ):
        assert client.get(url).status_code == status
    assert len(cache._items) == 0
    assert client.post("/api/v1/articles", json={}).status_code == 403
    assert len(cache._items) == 0
    client.get("/api/v1/timeline")
    client.get("/api/v1/events?limit=1")
    assert len(cache._items) == 2


def test_reliability_serve_cached_answers_get_their_own_headers(store: Store, clock: Clock) -> None:
    settings = Settings(cache_seconds=60.0, cors_origins=("https://a.example",))
    client = TestClient(create_app(settings, store=store))
    first = client.get("/api/v1/events?limit=1", headers={"Origin": "https://a.example"})
    assert first.headers["access-control-allow-origin"] == "https://a.example"
    again = client.get("/api/v1/events?limit=1", headers={"Origin": "https://b.example"})
    assert again.json() == first.json()  # the cached answer ...
    assert "access-control-allow-origin" not in again.headers  # ... without a's CORS header
    assert again.headers["x-content-type-options"] == "nosniff"
    # the `next` link names the host asked: answers for another host are not shared
    other = client.get("/api/v1/events?limit=1", headers={"Host": "elsewhere.example:8080"})
    assert other.json()["next"].startswith("http://elsewhere.example:8080/")
    assert first.json()["next"].startswith("http://testserver/")


def test_reliability_serve_totals_are_reused_for_a_while(store: Store, clock: Clock) -> None:
    app = create_app(Settings(count_seconds=2.0), store=store)
    client = TestClient(app)
    assert _total(client) == 4
    _another(store)
    body = client.get("/api/v1/events?limit=500").json()
    assert body["count"] == 5  # the page is always read fresh
    assert body["total"] == 4  # the total of the same filter: reused for two seconds
    fresh = TestClient(create_app(Settings(count_seconds=0), store=store))
    assert _total(client, "/api/v1/events?type=COERCE") == 2  # another filter: counted
    assert _total(fresh, "/api/v1/events?type=COERCE") == 2
    clock.now += 2.5
    assert _total(client) == 5


@pytest.mark.model
def test_reliability_serve_writes_empty_the_caches(
    pipeline: Any, tmp_path: Path, clock: Clock
) -> None:
    with Store(tmp_path / "w.db") as s:
        settings = Settings(token="t", cache_seconds=60.0, count_seconds=60.0)
        client = TestClient(create_app(settings, store=s, pipeline=pipeline))
        assert _total(client) == 0
        text = " date 2024-03-05 Lima: Police arrested ten protesters on Monday, officials said."
        posted = client.post(
            "/api/v1/articles?source=lima.txt",
            content=text.encode(),
            headers={"Authorization": "Bearer t"},
        )
        assert posted.status_code == 201, posted.text
        assert posted.json()["events"] >= 1
        assert _total(client) == posted.json()["events"]  # at once, not after a minute


def test_reliability_serve_settings_reach_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(
        db=str(tmp_path / "x.db"),
        token="s3cret",
        assets=tmp_path / "node_modules",
        cors_origins=("https://a.example", "http://127.0.0.1:3000"),
        cache_seconds=0.5,
        max_url_bytes=4000,
    )
    again = Settings.from_json(settings.to_json())
    assert again == settings
    monkeypatch.setenv(ENV_SETTINGS, settings.to_json())
    import asyncio.base_events as base_events

    monkeypatch.setattr(base_events, "_set_nodelay", base_events._set_nodelay)  # restored after
    app = app_from_env()
    assert app.state.settings == settings
    app.state.store.close()
    # a worker's connections come from a socket bound with protocol 0: no Nagle on them
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        assert sock.proto == 0
        base_events._set_nodelay(sock)  # type: ignore[attr-defined]
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serving(app: Any) -> Iterator[int]:
    """Run ``app`` with uvicorn in a thread on a free loopback port; yields the port."""
    import threading

    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.mark.slow
def test_reliability_serve_with_two_workers(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    with Store(db) as s:
        s.add(corpus(), pipeline="test")
    port = _free_port()
    env = {**os.environ, "DATELINE_API_TOKEN": "from-env"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port),
         "--workers", "2", "--cors-origin", "https://a.example"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        body: dict[str, Any] = {}
        headers: Any = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1/events",
                    headers={"Origin": "https://a.example"},
                )
                with urllib.request.urlopen(request, timeout=5) as r:
                    body = json.load(r)
                    headers = r.headers
                break
            except OSError:
                time.sleep(0.2)
        assert body.get("total") == 4, proc.stderr.read().decode() if proc.poll() else body
        assert headers.get("X-Frame-Options") == "DENY"
        assert headers.get("Access-Control-Allow-Origin") == "https://a.example"
        post = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/articles",
            data=b"{}",
            headers={"Authorization": "Bearer wrong", "Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(post, timeout=5)
        assert info.value.code == 401  # the token reached the workers: writes are on
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_reliability_serve_many_at_once(store: Store) -> None:
    """More concurrent readers than the store has pooled connections (15): pages of events
    on the loop's own connection, timelines in the thread pool, where each waits its turn
    for a pooled connection. (Taking pooled connections on the event loop deadlocked
    here: the 16th request blocked the loop that the others needed to give theirs back.)"""
    from concurrent.futures import ThreadPoolExecutor

    with _serving(create_app(Settings(count_seconds=0), store=store)) as port:

        def read(i: int) -> int:
            url = f"http://127.0.0.1:{port}/api/v1/events?limit={1 + i % 7}&sort=-date"
            if i % 3 == 0:
                url = f"http://127.0.0.1:{port}/api/v1/timeline?bucket=day&top={1 + i % 5}"
            with urllib.request.urlopen(url, timeout=20) as r:
                return int(json.load(r)["total"])

        with ThreadPoolExecutor(48) as pool:
            totals = list(pool.map(read, range(192)))
    assert totals == [4] * 192


def test_reliability_serve_one_computation_for_many_waiting(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many asking for the same missing answer at once: one computes it, the others get
    that answer (no stampede when a cached answer expires under load)."""
    from concurrent.futures import ThreadPoolExecutor

    from dateline.store import explore

    real = explore.page_records
    calls: list[int] = []

    def slow_page(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        time.sleep(0.5)  # long enough for every request below to arrive meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(explore, "page_records", slow_page)
    app = create_app(Settings(cache_seconds=60.0), store=store)
    with _serving(app) as port:

        def read(_i: int) -> bytes:
            url = f"http://127.0.0.1:{port}/api/v1/events?limit=2"
            with urllib.request.urlopen(url, timeout=20) as r:
                return bytes(r.read())

        with ThreadPoolExecutor(12) as pool:
            bodies = list(pool.map(read, range(12)))
    assert len(set(bodies)) == 1 and json.loads(bodies[0])["count"] == 2
    assert len(calls) == 1


def test_reliability_serve_quick_reads_run_on_the_loop_and_see_new_writes(store: Store) -> None:
    """A page of events on SQLite is read on the event loop, on a connection of its own
    that ends each read: a write by someone else shows in the next answer."""
    import threading

    from dateline.store import explore

    threads: list[str] = []
    real = explore.page_records

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    app = create_app(Settings(count_seconds=0), store=store)
    with TestClient(app) as client, pytest.MonkeyPatch.context() as patch:
        patch.setattr(explore, "page_records", spy)
        assert _total(client) == 4
        _another(store)
        body = client.get("/api/v1/events").json()
        assert body["total"] == 5 and body["count"] == 5
        assert client.get("/api/v1/events?format=ndjson").text.count("\n") == 5
        loop_thread = threads[0]
        assert threads == [loop_thread] * 2 + [threads[2]] and threads[2] != loop_thread
        assert app.state.loop_connection is not None
    assert app.state.loop_connection is None  # closed with the app


def test_reliability_serve_slow_quick_reads_move_to_the_thread_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read that runs past QUICK_SECONDS on the loop is interrupted and read again in the
    thread pool, with the same answer; past the request's own limit it is still E019."""
    import threading

    from dateline.api import params
    from dateline.store import explore
    from dateline.store.synthetic import fill

    with Store(tmp_path / "slow.db") as s:
        fill(s, 300)
        url = "/api/v1/events?q=army&limit=20"
        expected = TestClient(create_app(Settings(), store=s)).get(url)
        assert expected.status_code == 200 and expected.json()["count"] > 0
        runs: list[tuple[str, bool]] = []
        real = explore.page_records

        def spy(*args: Any, **kwargs: Any) -> Any:
            try:
                out = real(*args, **kwargs)
            except Exception:
                runs.append((threading.current_thread().name, False))
                raise
            runs.append((threading.current_thread().name, True))
            return out

        monkeypatch.setattr(explore, "page_records", spy)
        monkeypatch.setattr(params, "QUICK_SECONDS", 1e-9)
        answer = TestClient(create_app(Settings(), store=s)).get(url)
        assert answer.status_code == 200 and answer.content == expected.content
        # interrupted on the loop (in the page's queries or its total's), then read again
        assert len(runs) == 2 and runs[1][1]
        assert runs[0][0] != runs[1][0]  # ... in another thread
        strict = TestClient(create_app(Settings(query_seconds=1e-9), store=s)).get(url)
        assert strict.status_code == 400 and strict.json()["code"] == "E019"
