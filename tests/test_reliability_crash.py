"""Crash safety: ``dateline ingest`` killed with SIGKILL at seeded points, then re-run,
leaves the same store as a clean run (nothing lost, nothing duplicated, schema intact).

The kill is a test-only hook that lives in this file, not in Dateline: the child process
(:data:`KILLER`) registers a SQLAlchemy listener on every engine that counts the statements
sent to the database and sends SIGKILL to its own process before the k-th one, then runs
the ordinary ``dateline`` command line. Low k land inside the migration, the others inside
batches of article writes (between the INSERTs of one transaction) or between batches.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, select, text

from dateline.store import Store, migrate, tables

KILLER = """
import atexit, os, runpy, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

kill_at = int(os.environ["DATELINE_TEST_KILL_AT"])  # 0: only count the statements
count = 0

@event.listens_for(Engine, "before_cursor_execute")
def _die(*_args):
    global count
    count += 1
    if count == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

atexit.register(lambda: print("statements:", count, file=sys.stderr))

sys.argv = ["dateline", *sys.argv[1:]]
runpy.run_module("dateline", run_name="__main__", alter_sys=True)
"""

TEMPLATES = [
    "Accra: Police arrested {n} traders in Accra on Monday, the Ghana police service said.",
    "Nairobi: Protesters marched to parliament on {day} May, and police fired tear gas.",
    "Kyiv: Russian drones struck a power station near Kharkiv on Tuesday, officials said.",
]


def _jsonl(path: Path) -> Path:
    """A few generated records next to the bundled samples (two texts repeat: skipped)."""
    lines = []
    for i in range(8):
        text = TEMPLATES[i % 3].format(n=i + 3, day=i + 2) + f" (report {i % 6})"
        lines.append(json.dumps({"id": f"gen-{i}", "text": text, "published": "2024-05-08"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ingest(url: str, extra: Path, kill_at: int | None) -> subprocess.CompletedProcess[bytes]:
    args = ["ingest", "--samples", str(extra), "--db", url, "--batch-size", "3", "--quiet"]
    env = {**os.environ}
    if kill_at is None:
        command = [sys.executable, "-m", "dateline", *args]
    else:
        command = [sys.executable, "-c", KILLER, *args]
        env["DATELINE_TEST_KILL_AT"] = str(kill_at)
    return subprocess.run(command, capture_output=True, env=env, timeout=600, check=False)


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def _rows(conn: Any, query: Any) -> list[tuple[Any, ...]]:
    return sorted((tuple(_plain(v) for v in row) for row in conn.execute(query)), key=repr)


def _keys_to_ids(evidence: str, event_ids: dict[str, str]) -> str:
    """Merge evidence names the closest other cluster by its event key: use its id."""
    data = json.loads(evidence)

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: event_ids.get(str(v), v) if k == "cluster" else walk(v) for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return json.dumps(walk(data), sort_keys=True)


def _without(table: Any, *names: str) -> list[Any]:
    return [c for c in table.c if c.name not in names]


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Everything ingest stores, keyed by content (never by the surrogate keys, which a
    rolled-back transaction may consume on PostgreSQL); ingest runs are left out."""
    t = tables
    art = t.articles
    mention_of = t.event_mentions.alias("m")
    matched = t.event_mentions.alias("matched")
    matched_article = t.articles.alias("ma")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            out = {
                "articles": _rows(conn, select(*_without(art, "key", "run_id", "ingested_at"))),
                "events": _rows(conn, select(*_without(t.events, "key"))),
            }
            for child in (t.timexes, t.actors, t.places):
                out[child.name] = _rows(
                    conn,
                    select(art.c.content_hash, *_without(child, "key", "article_key")).join_from(
                        child, art, child.c.article_key == art.c.key
                    ),
                )
            out["event_mentions"] = _rows(
                conn,
                select(
                    art.c.content_hash,
                    t.events.c.id,
                    *_without(t.event_mentions, "key", "article_key", "event_key"),
                )
                .join_from(t.event_mentions, art, t.event_mentions.c.article_key == art.c.key)
                .join(t.events, t.event_mentions.c.event_key == t.events.c.key),
            )
            out["event_actors"] = _rows(
                conn,
                select(
                    art.c.content_hash,
                    mention_of.c.eid,
                    t.events.c.id,
                    *_without(t.event_actors, "key", "mention_key", "event_key"),
                )
                .join_from(
                    t.event_actors, mention_of, t.event_actors.c.mention_key == mention_of.c.key
                )
                .join(art, mention_of.c.article_key == art.c.key)
                .join(t.events, t.event_actors.c.event_key == t.events.c.key),
            )
            md = t.merge_decisions
            event_ids = {str(k): i for k, i in conn.execute(select(t.events.c.key, t.events.c.id))}
            out["merge_decisions"] = _rows(
                conn,
                select(
                    art.c.content_hash,
                    mention_of.c.eid,
                    t.events.c.id,
                    matched_article.c.content_hash,
                    matched.c.eid,
                    md.c.decision,
                    md.c.score,
                    md.c.evidence,
                    md.c.manual,
                    md.c.merger,
                )
                .join_from(md, mention_of, md.c.mention_key == mention_of.c.key)
                .join(art, mention_of.c.article_key == art.c.key)
                .join(t.events, md.c.event_key == t.events.c.key)
                .outerjoin(matched, md.c.matched_key == matched.c.key)
                .outerjoin(matched_article, matched.c.article_key == matched_article.c.key),
            )
            out["merge_decisions"] = sorted(
                (
                    (*row[:7], _keys_to_ids(row[7], event_ids), *row[8:])
                    for row in out["merge_decisions"]
                ),
                key=repr,
            )
            out["alembic_version"] = _rows(conn, text("SELECT version_num FROM alembic_version"))
    finally:
        engine.dispose()
    return out


def _empty(url: str) -> None:
    """Drop every table Dateline made (the schema's and Alembic's)."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            tables.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def _crash_and_compare(clean_url: str, crash_url: str, extra: Path, seed: int) -> list[int]:
    done = _ingest(clean_url, extra, None)
    assert done.returncode == 0, done.stderr.decode()
    expected = snapshot(clean_url)
    assert expected["articles"] and expected["events"] and expected["merge_decisions"]
    assert expected["alembic_version"] == [(migrate.head(),)]

    # How many statements a whole run sends to this back-end (bulk writes on PostgreSQL
    # send far fewer than SQLite), then the same store emptied again.
    counted = _ingest(crash_url, extra, 0)
    assert counted.returncode == 0, counted.stderr.decode()
    statements = int(counted.stderr.decode().rsplit("statements: ", 1)[1].split()[0])
    _empty(crash_url)

    rng = random.Random(seed)
    # The first kill lands in the migration of the empty store, the others in the writes.
    # Each killed run gets at most k statements further, so with four kills below a fifth
    # of the whole run, every run still has more than its k statements left to send.
    kills = [rng.randint(2, 30), *sorted(rng.sample(range(40, statements // 5), 4))]
    for k in kills:
        killed = _ingest(crash_url, extra, k)
        assert killed.returncode == -signal.SIGKILL, (k, killed.stderr.decode()[-2000:])
    again = _ingest(crash_url, extra, None)
    assert again.returncode == 0, again.stderr.decode()
    assert snapshot(crash_url) == expected
    with Store(crash_url) as store:
        assert store.schema_version() == migrate.head()
        runs = store.runs()
    statuses = sorted(r["status"] for r in runs)
    # the re-run finished; a killed run never got to record its end, so it stays "running"
    assert statuses.count("done") == 1
    assert set(statuses) <= {"done", "running"}
    return kills


@pytest.mark.slow
@pytest.mark.model
def test_reliability_sigkill_during_ingest_sqlite(tmp_path: Path) -> None:
    extra = _jsonl(tmp_path / "generated.jsonl")
    _crash_and_compare(
        f"sqlite:///{tmp_path / 'clean.db'}", f"sqlite:///{tmp_path / 'crash.db'}", extra, 8
    )


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.postgres
def test_reliability_sigkill_during_ingest_postgresql(tmp_path: Path, postgres_url: str) -> None:
    extra = _jsonl(tmp_path / "generated.jsonl")
    _crash_and_compare(f"sqlite:///{tmp_path / 'clean.db'}", postgres_url, extra, 9)


def test_reliability_sqlite_migration_is_one_transaction(tmp_path: Path) -> None:
    """A migration that fails half-way (as a kill would stop it) leaves no table behind,
    and the next open migrates the file completely."""
    url = f"sqlite:///{tmp_path / 'half.db'}"
    engine = create_engine(url)
    statements = 0

    from sqlalchemy import event

    def fail_late(*_args: Any) -> None:
        nonlocal statements
        statements += 1
        if statements == 12:  # past the first CREATE TABLEs
            raise RuntimeError("stopped mid-migration")

    event.listen(engine, "before_cursor_execute", fail_late)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        migrate.lock(conn)
        migrate.upgrade(conn)
    event.remove(engine, "before_cursor_execute", fail_late)
    assert statements == 12
    assert inspect(engine).get_table_names() == []
    engine.dispose()
    with Store(url) as store:
        assert store.schema_version() == migrate.head()
        assert store.counts()["articles"] == 0


def test_reliability_opening_a_current_store_takes_no_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The migration lock (BEGIN IMMEDIATE on SQLite) is taken only when there is
    something to migrate: opening a store never waits for a writer's batch."""
    import sqlite3

    url = f"sqlite:///{tmp_path / 'current.db'}"
    Store(url).close()
    locks: list[object] = []
    monkeypatch.setattr(migrate, "lock", lambda conn: locks.append(conn))
    writer = sqlite3.connect(tmp_path / "current.db")
    writer.execute("BEGIN IMMEDIATE")  # a writer in the middle of a batch
    try:
        with Store(url) as store:
            assert store.schema_version() == migrate.head()
    finally:
        writer.rollback()
        writer.close()
    assert locks == []
