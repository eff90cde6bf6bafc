"""The page end to end: the bundled sample articles ingested, ``dateline serve``'s app on a
loopback port, Debian's Chromium driven by Playwright (launched by path: no browser is
downloaded). Filter by an actor, click an event, see its sentence highlighted, open the
article; every request must stay on the server (the page works with no network)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.api import Settings, create_app
from dateline.api.pages import find_assets, missing_assets
from dateline.store import Store

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
]

pytestmark = [pytest.mark.model, pytest.mark.browser]


def _chromium() -> str:
    path = os.environ.get("DATELINE_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a store of the sample articles, served by uvicorn in a thread."""
    pytest.importorskip("playwright.sync_api")
    settings = Settings()
    if missing_assets(find_assets(settings)):
        pytest.skip("the npm libraries are not installed (npm ci)")
    import uvicorn

    from dateline import get_pipeline
    from dateline.errors import ModelError
    from dateline.ingest import ingest
    from dateline.samples import sample_paths

    try:
        pipeline = get_pipeline()
    except ModelError as exc:  # pragma: no cover - the model is a dependency
        pytest.skip(f"spaCy model not installed: {exc}")
    store = Store(tmp_path_factory.mktemp("web") / "samples.db")
    report = ingest([str(p) for p in sample_paths()], store, pipeline)
    assert report.stored == len(sample_paths())
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, store=store), host="127.0.0.1", port=port, log_level="warning"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture
def browser_page(server: str) -> Iterator[tuple[Any, list[str]]]:
    """A fresh Chromium page and the log of every request it makes; anything not bound
    for our server is aborted (and stays in the log, to fail the test)."""
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    log: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900})

        def guard(route: Any) -> None:
            url = route.request.url
            if url.startswith((server, "data:", "blob:")):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("request", lambda request: log.append(request.url))
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        # console errors: a blocked (CSP) or missing (404) resource, a failed fetch
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            yield page, log
        finally:
            context.close()
            browser.close()
        assert not errors, f"errors on the page: {errors}"


def _external(log: list[str], server: str) -> list[str]:
    return [u for u in log if not u.startswith((server, "data:", "blob:"))]


def test_web_filter_click_an_event_and_read_its_sentence(
    server: str, browser_page: tuple[Any, list[str]]
) -> None:
    page, log = browser_page
    page.goto(server + "/")
    # all three views draw from the API
    page.wait_for_selector("#event-list li[data-id]")
    page.wait_for_selector("#timeline .vis-item")
    # the world-atlas basemap: one path per country
    page.wait_for_function(
        "document.querySelectorAll('#map .leaflet-overlay-pane path').length > 100"
    )
    page.wait_for_selector("#map .ev-marker, #map .marker-cluster")
    page.wait_for_function("document.querySelectorAll('#network canvas').length > 0")
    page.wait_for_function("!document.querySelector('#network-note').textContent.includes('⚠')")
    total = int(page.inner_text("#count").split()[0].replace(",", ""))
    assert total >= 14

    # filter by an actor: every view follows, and the URL keeps it
    page.fill("input[name=actor]", "Modi")
    page.press("input[name=actor]", "Enter")
    page.wait_for_function(
        "(n) => { const t = document.querySelector('#count').textContent;"
        " return /^\\d+ event/.test(t) && parseInt(t) < n; }",
        arg=total,
    )
    assert "actor=Modi" in page.url
    rows = page.locator("#event-list li[data-id]")
    assert rows.count() >= 1
    for i in range(rows.count()):
        assert "Modi" in rows.nth(i).inner_text()
    page.wait_for_function(
        "document.querySelector('#timeline-note').textContent.match(/^\\d+ event/)"
    )

    # click an event: its panel shows the source sentence with the spans highlighted
    rows.first.click()
    panel = page.locator("#event-panel")
    page.wait_for_selector("#event-panel blockquote.sentence mark.hl-trigger")
    sentence = panel.locator("blockquote.sentence").first
    assert "Modi" in sentence.locator("mark.hl-actor").all_inner_texts()[0] + " ".join(
        sentence.locator("mark.hl-actor, mark.hl-recipient").all_inner_texts()
    )
    assert sentence.locator("mark.hl-trigger").count() >= 1
    for label in ("Date", "Status", "Place", "Actors", "Confidence"):
        assert label in panel.inner_text()
    assert "precision" in panel.locator(".event-date").inner_text()
    assert "event=ev-" in page.url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-page.png"))

    # the same event from the timeline
    page.locator("#timeline .vis-item.ev").first.click()
    page.wait_for_selector("#event-panel blockquote.sentence mark.hl-trigger")

    # the URL alone restores the filters and the open event
    page.goto(page.url)
    page.wait_for_selector("#event-panel blockquote.sentence mark.hl-trigger")
    assert page.input_value("input[name=actor]") == "Modi"

    # the article view outlines the event's sentence
    with page.expect_navigation():
        page.locator("#event-panel .mention header a").first.click()
    page.wait_for_selector("#text .sentence.focus mark.hl-trigger")
    assert "Modi" in page.inner_text("#text .sentence.focus")
    page.screenshot(path=str(ARTIFACTS / "web-article.png"))

    assert _external(log, server) == []
    assert "default-src 'self'" in page.request.get(server + "/").headers["content-security-policy"]
    assert any("/vendor/leaflet/" in u for u in log)
    assert any("/api/v1/timeline" in u for u in log)


def test_web_api_docs_are_served_offline(server: str, browser_page: tuple[Any, list[str]]) -> None:
    page, log = browser_page
    page.goto(server + "/docs")
    page.wait_for_selector("#swagger-ui .opblock-tag")
    assert "/api/v1/events" in page.inner_text("#swagger-ui")
    assert _external(log, server) == []
    assert any("/vendor/swagger-ui/" in u for u in log)


def test_web_pages_name_no_other_host() -> None:
    """Our own templates and scripts load nothing from elsewhere."""
    from dateline.api.pages import WEB

    for path in sorted((WEB / "templates").glob("*")) + sorted((WEB / "static").glob("*")):
        text = path.read_text(encoding="utf-8")
        for scheme in ("http://", "https://", "//cdn", "//unpkg"):
            assert scheme not in text.replace('xmlns="http://www.w3.org/2000/svg"', ""), path
