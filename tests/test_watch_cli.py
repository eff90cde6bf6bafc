"""``dateline watch`` and ``dateline feeds`` from the command line, against the local
fixture server; SIGTERM in a real process finishes the poll and exits cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from dateline.cli import app
from dateline.store import Store, tables
from tests.watch_server import FixtureServer, Item, guard, serve

pytestmark = pytest.mark.usefixtures("outside")
runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

ITEMS = [
    Item(
        "ports",
        "Ports deal",
        "Dhaka: Bangladesh and India agreed on Saturday to open two more river ports.",
    ),
    Item(
        "grain",
        "Grain talks",
        "Warsaw: Poland and Ukraine held talks in Warsaw on Friday about grain transit.",
    ),
]


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    yield from serve()


@pytest.fixture
def outside(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every test here fails if anything tried to reach a host other than 127.0.0.1."""
    attempts = guard(monkeypatch)
    yield attempts
    assert attempts == [], f"tried to reach the outside world: {attempts}"


def watch(*args: str) -> object:
    return runner.invoke(app, ["watch", "--host-delay", "0", *args], catch_exceptions=False)


@pytest.mark.model
def test_watch_cli_once_stores_alerts_and_lists_feed_health(
    server: FixtureServer, tmp_path: Path
) -> None:
    server.feed("/news.rss", ITEMS)
    server.route("/down.rss", status=503)
    listing = tmp_path / "feeds.txt"
    listing.write_text(f'{server.url("/news.rss")} {{name = "News"}}\n{server.url("/down.rss")}\n')
    db = str(tmp_path / "w.db")
    result = watch(str(listing), "--once", "--db", db, "--alert", "type=AGREE,CONSULT")
    assert result.exit_code == 1  # type: ignore[attr-defined]  # one feed failed
    alerts = [json.loads(x) for x in result.stdout.splitlines()]  # type: ignore[attr-defined]
    assert alerts and {a["alert"] for a in alerts} == {"new"}
    assert "E016 fetch failed" in result.stderr  # type: ignore[attr-defined]
    assert "): 2 feeds (0 unchanged, 1 failed)" in result.stderr  # type: ignore[attr-defined]
    with Store(db) as store:
        assert store.counts()["articles"] == 2

    again = watch(str(listing), "--once", "--db", db, "--alert", "type=AGREE,CONSULT")
    assert again.stdout == ""  # type: ignore[attr-defined]  # alerted once only
    assert len(server.requests("/down.rss")) == 1  # backing off after its failure

    health = runner.invoke(app, ["feeds", "--db", db, "--format", "json"])
    rows = {r["url"]: r for r in json.loads(health.stdout)}
    news, down = rows[server.url("/news.rss")], rows[server.url("/down.rss")]
    assert (news["name"], news["status"], news["items_stored"]) == ("News", "ok", 2)
    assert news["polls"] == 2 and news["not_modified"] == 1 and news["items_per_day"] == 2
    assert (down["status"], down["failures"], down["last_status"]) == ("failing", 1, "503")
    assert down["next_retry"] is not None and down["last_success"] is None
    table = runner.invoke(app, ["feeds", "--db", db])
    assert "News" in table.stdout and "failing" in table.stdout


def test_watch_cli_writes_alerts_to_a_file_and_refuses_bad_input(
    server: FixtureServer, tmp_path: Path
) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("https://a.example.org/rss {every = 5}\nnot a url\n")
    bad_file = watch(str(listing), "--once", "--db", str(tmp_path / "w.db"))
    assert bad_file.exit_code == 2  # type: ignore[attr-defined]
    assert f"E015 bad feed list: {listing}:2" in bad_file.stderr  # type: ignore[attr-defined]

    url = server.url("/x.rss")
    bad_rule = watch(url, "--once", "--alert", "kind=riot", "--db", str(tmp_path / "w.db"))
    assert bad_rule.exit_code == 2  # type: ignore[attr-defined]
    assert "E012 bad option" in bad_rule.stderr  # type: ignore[attr-defined]
    lonely = watch(url, "--once", "--webhook", url, "--db", str(tmp_path / "w.db"))
    assert "need at least one --alert" in lonely.stderr  # type: ignore[attr-defined]
    bad_every = watch(url, "--once", "--every", "soon", "--db", str(tmp_path / "w.db"))
    assert "--every 'soon'" in bad_every.stderr  # type: ignore[attr-defined]
    assert server.hits == []  # nothing was fetched for refused commands

    server.feed("/x.rss", [])
    out = tmp_path / "alerts.jsonl"
    ok = watch(
        url,
        "--once",
        "-q",
        "--alert",
        "all",
        "--alert-file",
        str(out),
        "--db",
        str(tmp_path / "w.db"),
    )
    assert ok.exit_code == 0 and ok.stdout == "" and ok.stderr == ""  # type: ignore[attr-defined]
    assert out.exists()


def test_watch_cli_feeds_on_an_empty_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["feeds", "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 0 and "No feeds yet" in result.stdout


@pytest.mark.slow
def test_watch_sigterm_finishes_the_current_poll_and_exits_cleanly(
    server: FixtureServer, tmp_path: Path
) -> None:
    server.feed("/slow.rss", [])
    server.routes["/slow.rss"].delay = 1.5
    db = tmp_path / "w.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "dateline", "watch", server.url("/slow.rss")]
    command += ["--every", "1s", "--host-delay", "0", "--db", str(db)]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not server.hits and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        assert server.hits, "the watcher never polled"
        proc.send_signal(signal.SIGTERM)  # while the server is still answering
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr.decode()
    assert b"finishing the current poll" in stderr
    assert len(server.hits) == 1  # no second poll began
    with Store(str(db)) as store, store.connect() as conn:
        row = conn.execute(select(tables.feeds)).mappings().one()
    assert (row["polls"], row["last_status"], row["failures"]) == (1, "200", 0)
