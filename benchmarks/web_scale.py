"""How the JSON API and the page behave on a large store.

    .venv/bin/python benchmarks/web_scale.py --events 100000 --db /tmp/web-100k.db [--browser]

Fills a SQLite store with synthetic events (dateline.store.synthetic, through Store.add)
unless it already holds them, then times every request the page makes (median of three,
in-process through FastAPI's TestClient) and prints each response's size: every view is
answered by bounded, server-side aggregates. With --browser it also loads the page in
Debian's Chromium (Playwright, by path) and reports the time until the list, the
timeline, the map and the network are drawn, the time to filter by an actor, and any request to
another host (there must be none).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

REQUESTS = [
    ("list: first page", "/api/v1/events?limit=50"),
    ("list: latest first", "/api/v1/events?limit=50&sort=-date"),
    ("list: next page", None),  # filled from the first page's `next`
    ("timeline by type", "/api/v1/timeline?group=type"),
    ("timeline by actor", "/api/v1/timeline?group=actor"),
    ("timeline, one month, by type", "/api/v1/timeline?group=type&from=2020-03-01&to=2020-03-31"),
    ("map, world", "/api/v1/map?zoom=2"),
    ("map, zoomed in", "/api/v1/map?zoom=6&bbox=0,40,20,55"),
    ("network", "/api/v1/network?limit=80"),
    ("actors (autocomplete)", "/api/v1/actors?name=gov&limit=15"),
    ("places", "/api/v1/places"),
    ("filter: type + country", None),  # the most frequent actor's country
    ("filter: actor", "/api/v1/events?limit=50&actor=army"),
    ("filter: full text", "/api/v1/events?limit=50&q=shelled"),
    ("map, full text", "/api/v1/map?zoom=2&q=shelled"),
    ("network, one type", "/api/v1/network?limit=80&type=ASSAULT"),
    ("event detail", None),
    ("export: 5,000 as CSV", "/api/v1/events?limit=5000&format=csv"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="canonical events wanted")
    parser.add_argument("--db", type=Path, default=Path("web-scale.db"))
    parser.add_argument("--browser", action="store_true", help="also load the page in Chromium")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from dateline.api import Settings, create_app
    from dateline.store import Store
    from dateline.store.synthetic import describe, fill_to

    store = Store(args.db)
    start = time.perf_counter()
    written, counts = fill_to(store, args.events)
    if written:
        print(f"wrote {written:,} event reports in {time.perf_counter() - start:.0f} s")
    print(describe(counts, args.db))
    client = TestClient(create_app(Settings(), store=store))
    first = client.get("/api/v1/events?limit=50").json()
    print("\n| request | median ms | bytes |\n|---|---:|---:|")
    for name, url in REQUESTS:
        if name == "list: next page":
            url = first["next"].replace("http://testserver", "")
        if name == "filter: type + country":
            top = client.get("/api/v1/actors?limit=1").json()["actors"][0]["country"]
            url = f"/api/v1/events?limit=50&type=ASSAULT&country={top}"
        if name == "event detail":
            url = f"/api/v1/events/{first['events'][0]['id']}"
        assert url is not None
        times = []
        size = 0
        for _ in range(3):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.text[:300])
            size = len(response.content)
        print(f"| {name} `{url}` | {statistics.median(times):.0f} | {size:,} |")
    if args.browser:
        _browser(store, args.chromium)
    store.close()
    return 0


def _browser(store: object, chromium: str) -> None:
    import socket

    import uvicorn
    from playwright.sync_api import sync_playwright

    from dateline.api import Settings, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(), store=store),  # type: ignore[arg-type]
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    external: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1440, "height": 900})

        page.on(
            "request",
            lambda r: external.append(r.url) if not r.url.startswith((base, "data:")) else None,
        )
        t0 = time.perf_counter()
        page.goto(base + "/")
        page.wait_for_selector("#event-list li[data-id]")
        page.wait_for_selector("#timeline .vis-item")
        page.wait_for_selector("#map .marker-cluster, #map .ev-marker")
        page.wait_for_function(
            "/links|actors/.test(document.querySelector('#network-note').textContent)"
        )
        page.wait_for_load_state("networkidle")
        loaded = time.perf_counter() - t0
        t0 = time.perf_counter()
        before = page.inner_text("#count")
        page.fill("input[name=actor]", "army")
        page.press("input[name=actor]", "Enter")
        page.wait_for_function(
            "(b) => document.querySelector('#count').textContent !== b", arg=before
        )
        page.wait_for_load_state("networkidle")
        filtered = time.perf_counter() - t0
        browser.close()
    server.should_exit = True
    thread.join(timeout=10)
    print(
        f"\npage: list, timeline, map and network drawn in {loaded:.1f} s after navigation; "
        f"filtered by an actor and redrawn in {filtered:.1f} s; "
        f"requests to other hosts: {len(external)}"
    )


if __name__ == "__main__":
    sys.exit(main())
