"""Ingest: resumable and crash-safe. A killed ingest, re-run, equals a clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from dateline.store import Store, tables

CITIES = [
    "Nairobi",
    "Lima",
    "Manila",
    "Warsaw",
    "Hanoi",
    "Accra",
    "Quito",
    "Dhaka",
    "Tunis",
    "Riga",
    "Bogota",
    "Jakarta",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_corpus(folder: Path, n: int = 36) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        city = CITIES[i % len(CITIES)]
        day = WEEKDAYS[i % len(WEEKDAYS)]
        (folder / f"a{i:03d}.txt").write_text(
            f" date 2024-03-{1 + i % 28:02d} {city}: Police arrested {i + 2} protesters in "
            f"{city} on {day}, officials said. The government of Peru condemned the arrests "
            f"and said talks with the opposition would resume next week (item {i}).\n",
            encoding="utf-8",
        )
    return folder


def snapshot(db: Path) -> tuple[list[tuple[object, ...]], ...]:
    with Store(str(db)) as store, store.connect() as conn:
        arts = conn.execute(
            select(tables.articles.c.content_hash, tables.articles.c.id).order_by(
                tables.articles.c.content_hash
            )
        ).all()
        evs = conn.execute(
            select(
                tables.events.c.id,
                tables.events.c.type,
                tables.events.c.when_value,
                tables.events.c.mentions,
            ).order_by(tables.events.c.id)
        ).all()
        tx = conn.execute(select(tables.timexes.c.value).order_by(tables.timexes.c.value)).all()
    return [tuple(r) for r in arts], [tuple(r) for r in evs], [tuple(r) for r in tx]


def ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dateline",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        "2",
        "--quiet",
    ]


@pytest.mark.slow
@pytest.mark.model
def test_ingest_killed_midway_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    subprocess.run(ingest_cmd(corpus, clean), check=True, capture_output=True)

    Store(str(crashed)).close()  # create the schema so we can watch progress
    proc = subprocess.Popen(
        ingest_cmd(corpus, crashed), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        with Store(str(crashed), migrate=False) as store:
            stored = store.counts()["articles"]
        if stored >= 6:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    partial = snapshot(crashed)
    assert 0 < len(partial[0]) < 36

    subprocess.run(ingest_cmd(corpus, crashed), check=True, capture_output=True)
    assert snapshot(crashed) == snapshot(clean)
    with Store(str(crashed)) as store:
        runs = store.runs()
    assert [r["status"] for r in runs] == ["running", "done"]  # the killed run stays visible
    assert runs[1]["articles_skipped"] == len(partial[0])


@pytest.mark.model
def test_ingest_library_reports_counts(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    from dateline.ingest import ingest

    corpus = write_corpus(tmp_path / "c", n=4)
    (corpus / "dup.txt").write_text((corpus / "a000.txt").read_text())
    with Store(str(tmp_path / "e.db")) as store:
        report = ingest([corpus], store, pipeline, batch_size=3)
        assert (report.read, report.stored, report.skipped, report.failed) == (5, 4, 1, 0)
        assert report.events == store.counts()["mentions"]
