"""Parallel ingest (#9): --processes, a Dask cluster, Parquet out and load. Every mode
stores exactly what a single-process run stores, and an interrupted run, re-run, too."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from dateline.cli import app
from dateline.errors import Code, DatelineError
from dateline.ingest import IngestReport, ingest
from dateline.model import ArticleRecord
from dateline.read.base import Article
from dateline.scale import (
    BatchResult,
    Executor,
    PipelineSpec,
    annotate_with,
    make_executor,
)
from dateline.store import Store, tables
from tests.builders import report as build_report
from tests.test_ingest import write_corpus

Snapshot = tuple[list[tuple[object, ...]], ...]


def snapshot(url: str) -> Snapshot:
    """Everything that must match between two stores of the same articles."""
    t = tables
    with Store(url) as store, store.connect() as conn:
        arts = conn.execute(
            select(t.articles.c.content_hash, t.articles.c.id, t.articles.c.pipeline).order_by(
                t.articles.c.content_hash
            )
        ).all()
        evs = conn.execute(
            select(t.events.c.id, t.events.c.type, t.events.c.when_value, t.events.c.mentions)
            .order_by(t.events.c.id)
        ).all()  # fmt: skip
        mentions = conn.execute(
            select(t.articles.c.content_hash, t.event_mentions.c.eid, t.events.c.id)
            .join(t.articles, t.articles.c.key == t.event_mentions.c.article_key)
            .join(t.events, t.events.c.key == t.event_mentions.c.event_key)
            .order_by(t.articles.c.content_hash, t.event_mentions.c.eid)
        ).all()
        tx = conn.execute(select(t.timexes.c.value).order_by(t.timexes.c.value)).all()
    return tuple([tuple(r) for r in rows] for rows in (arts, evs, mentions, tx))


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A tiny Dask cluster whose one worker runs in this process (fast to start)."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


class Interrupt:
    """A progress callback that presses Ctrl-C once enough articles are stored."""

    def __init__(self, after: int) -> None:
        self.after = after

    def __call__(self, report: IngestReport) -> None:
        if report.stored >= self.after:
            raise KeyboardInterrupt


@pytest.mark.model
def test_scale_dask_interrupted_then_rerun_equals_single_process_run(
    tmp_path: Path, store_url: str, pipeline: Any, dask_scheduler: str
) -> None:
    corpus = write_corpus(tmp_path / "corpus", n=24)
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store(clean) as store:
        ingest([corpus], store, pipeline, batch_size=4)

    spec = PipelineSpec("en_core_web_sm")
    with Store(store_url) as store:
        executor = make_executor(spec, scheduler=dask_scheduler)
        assert executor is not None and executor.slots == 2
        with executor, pytest.raises(KeyboardInterrupt):
            ingest([corpus], store, pipeline, batch_size=4, executor=executor,
                   progress=Interrupt(8))  # fmt: skip
        partial = snapshot(store_url)
        assert 8 <= len(partial[0]) < 24
        with make_executor(spec, scheduler=dask_scheduler) as executor:  # type: ignore[union-attr]
            done = ingest([corpus], store, pipeline, batch_size=4, executor=executor)
        runs = store.runs()
    assert done.skipped == len(partial[0]) and done.stored == 24 - len(partial[0])
    assert snapshot(store_url) == snapshot(clean)
    assert [r["status"] for r in runs] == ["interrupted", "done"]


@pytest.mark.postgres
@pytest.mark.model
def test_scale_workers_write_to_postgresql_then_resume(
    tmp_path: Path, postgres_url: str, pipeline: Any, dask_scheduler: str
) -> None:
    corpus = write_corpus(tmp_path / "corpus", n=20)
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store(clean) as store:
        ingest([corpus], store, pipeline, batch_size=4)

    spec = PipelineSpec("en_core_web_sm", write_to=postgres_url)
    with Store(postgres_url) as store:
        executor = make_executor(spec, scheduler=dask_scheduler)
        assert executor is not None
        with executor, pytest.raises(KeyboardInterrupt):
            ingest([corpus], store, pipeline, batch_size=4, executor=executor,
                   progress=Interrupt(4))  # fmt: skip
        assert 4 <= store.counts()["articles"] < 20
        with make_executor(spec, scheduler=dask_scheduler) as executor:  # type: ignore[union-attr]
            done = ingest([corpus], store, pipeline, batch_size=4, executor=executor)
        assert done.stored + done.skipped == 20 and done.events > 0
    got, want = snapshot(postgres_url), snapshot(clean)
    assert got[0] == want[0]  # the same articles, each once
    assert [m[:2] for m in got[2]] == [m[:2] for m in want[2]]  # the same mentions
    assert got[3] == want[3]
    for url in (postgres_url, clean):  # merged in canonical order, the stores agree
        with Store(url) as store:
            store.remerge()
    assert snapshot(postgres_url) == snapshot(clean)


def test_scale_write_on_workers_needs_postgresql_and_workers(tmp_path: Path) -> None:
    on_sqlite = PipelineSpec("en_core_web_sm", write_to=f"sqlite:///{tmp_path / 'a.db'}")
    with pytest.raises(DatelineError, match="PostgreSQL") as no_pg:
        make_executor(on_sqlite, processes=2)
    assert no_pg.value.code is Code.E012
    on_pg = PipelineSpec("en_core_web_sm", write_to="postgresql://127.0.0.1/x")
    with pytest.raises(DatelineError, match="--processes") as alone:
        make_executor(on_pg)
    assert alone.value.code is Code.E012


def _cli_ingest(corpus: Path, target: list[str], *extra: str) -> list[str]:
    return [sys.executable, "-m", "dateline", "ingest", str(corpus), *target,
            "--batch-size", "2", "--quiet", *extra]  # fmt: skip


@pytest.mark.slow
@pytest.mark.model
def test_scale_processes_killed_then_rerun_equals_single_process_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", n=30)
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    subprocess.run(_cli_ingest(corpus, ["--db", str(clean)]), check=True, capture_output=True)

    Store(str(crashed)).close()
    cmd = _cli_ingest(corpus, ["--db", str(crashed)], "--processes", "2")
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        with Store(str(crashed), migrate=False) as store:
            if store.counts()["articles"] >= 6:
                os.killpg(proc.pid, signal.SIGKILL)  # the client and its worker processes
                break
        time.sleep(0.05)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    partial = snapshot(f"sqlite:///{crashed}")
    assert 0 < len(partial[0]) < 30

    subprocess.run(cmd, check=True, capture_output=True)
    assert snapshot(f"sqlite:///{crashed}") == snapshot(f"sqlite:///{clean}")


@pytest.mark.slow
@pytest.mark.model
def test_scale_local_dask_cluster_to_parquet_then_load(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", n=12)
    direct, loaded = tmp_path / "direct.db", tmp_path / "loaded.db"
    dataset = tmp_path / "dataset"
    subprocess.run(_cli_ingest(corpus, ["--db", str(direct)]), check=True, capture_output=True)
    out = subprocess.run(
        _cli_ingest(corpus, ["--out", f"parquet:{dataset}"], "--workers", "1"),
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0
    months = sorted(p.name for p in dataset.iterdir())
    assert months == ["month=2024-03"]
    # re-running adds nothing to the dataset
    before = sorted(p.name for p in (dataset / "month=2024-03").iterdir())
    subprocess.run(
        _cli_ingest(corpus, ["--out", f"parquet:{dataset}"]), check=True, capture_output=True
    )
    assert sorted(p.name for p in (dataset / "month=2024-03").iterdir()) == before

    runner = CliRunner()
    for _ in range(2):  # loading twice stores nothing twice
        result = runner.invoke(app, ["load", f"parquet:{dataset}", "--db", str(loaded)])
        assert result.exit_code == 0, result.output
    assert "0 articles stored, 12 already there" in result.output
    assert snapshot(f"sqlite:///{loaded}") == snapshot(f"sqlite:///{direct}")


def _pairs(n: int, start: int = 0) -> list[tuple[Article, ArticleRecord]]:
    """Distinct hand-built articles, one event each, spread over places and days."""
    places = ["Kazan", "Lima", "Oslo"]
    out = []
    for i in range(start, start + n):
        pair = build_report(
            f"Delegates of group {i} met officials in {places[i % 3]} on day {i}.",
            published=f"2024-0{1 + i % 9}-{1 + i % 27:02d}",
            source=f"wire-{i}.txt",
            actors=[(f"Group {i}", None)],
            trigger="met",
            place=places[i % 3],
        )
        out.append(pair)
    return out


@pytest.mark.model
def test_scale_parquet_load_interrupted_then_rerun(tmp_path: Path, pipeline: Any) -> None:
    from dateline.scale.parquet import ParquetSink, load

    corpus = write_corpus(tmp_path / "corpus", n=10)
    sink = ParquetSink(tmp_path / "ds")
    first = ingest([corpus], sink, pipeline, batch_size=3)
    assert first.stored == 10 and first.events > 0
    again = ingest([corpus], ParquetSink(tmp_path / "ds"), pipeline, batch_size=3)
    assert (again.stored, again.skipped) == (0, 10)

    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store(clean) as store:
        load(tmp_path / "ds", store)
    url = f"sqlite:///{tmp_path / 'resumed.db'}"

    def stop(counts: dict[str, int]) -> None:
        if counts["stored"] >= 2:
            raise KeyboardInterrupt

    with Store(url) as store:
        with pytest.raises(KeyboardInterrupt):
            load(tmp_path / "ds", store, batch_size=2, progress=stop)
        assert 2 <= store.counts()["articles"] < 10
        counts = load(tmp_path / "ds", store, batch_size=2)
    assert counts["stored"] + counts["skipped"] == 10
    assert snapshot(url) == snapshot(clean)


def test_scale_parquet_dataset_errors(tmp_path: Path) -> None:
    from dateline.scale.parquet import ParquetSink, load, parse_target

    with pytest.raises(DatelineError) as bad_target:
        parse_target("csv:out")
    assert bad_target.value.code is Code.E023
    (tmp_path / "file").write_text("x")
    with pytest.raises(DatelineError) as not_a_folder:
        ParquetSink(tmp_path / "file" / "ds")
    assert not_a_folder.value.code is Code.E023

    with Store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        with pytest.raises(DatelineError) as empty:
            load(tmp_path / "nothing", store)
        assert empty.value.code is Code.E024

        sink = ParquetSink(tmp_path / "ds")
        sink.add(_pairs(3), pipeline="test")
        (tmp_path / "ds" / "month=2024-01" / "part-9-broken.parquet").write_bytes(b"PAR1 no")
        with pytest.raises(DatelineError) as broken:
            load(tmp_path / "ds", store)
        assert broken.value.code is Code.E024 and "part-9-broken" in broken.value.message
        assert store.counts()["articles"] >= 1  # files before the broken one stay stored


def test_scale_annotate_reports_the_article_that_fails() -> None:
    pairs = _pairs(3)

    class Flaky:
        """A pipeline that cannot annotate the second article."""

        def annotate(self, articles: list[Article]) -> Iterator[tuple[Article, ArticleRecord]]:
            for a in articles:
                yield a, self.annotate_one(a)

        def annotate_one(self, article: Article) -> ArticleRecord:
            if article.source == "wire-1.txt":
                raise ValueError("tokenizer exploded")
            return {a.source: r for a, r in pairs}[article.source]

    result = annotate_with(Flaky(), [a for a, _ in pairs])  # type: ignore[arg-type]
    assert [a.source for a, _ in result.pairs] == ["wire-0.txt", "wire-2.txt"]
    assert len(result.failures) == 1
    assert result.failures[0]["code"] == "E022"
    assert result.failures[0]["path"] == "wire-1.txt"
    assert "tokenizer exploded" in str(result.failures[0]["detail"])
    assert result.peak_rss > 0


class _Failing:
    def result(self) -> BatchResult:
        raise RuntimeError("worker died")


class HandBuilt(Executor):
    """Annotates with hand-built records; loses its worker on batch ``dies_on``."""

    slots = 2

    def __init__(self, records: dict[str, ArticleRecord], dies_on: int | None = None) -> None:
        self.records = records
        self.dies_on = dies_on
        self.calls = 0

    def submit(self, batch: list[Article], run_id: int | None = None) -> Any:
        self.calls += 1
        if self.calls == self.dies_on:
            return _Failing()
        pairs = [(a, self.records[a.content_hash]) for a in batch]
        from dateline.scale import _Done

        return _Done(BatchResult(pairs=pairs, pid=os.getpid(), host="test", peak_rss=1))


class _Version:
    version = "test"


def test_scale_lost_worker_stops_the_run_and_keeps_what_was_stored(tmp_path: Path) -> None:
    from dateline.ingest import ingest_items

    pairs = _pairs(6)
    records = {a.content_hash: r for a, r in pairs}
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with Store(url) as store:
        with pytest.raises(DatelineError) as lost:
            ingest_items((a for a, _ in pairs), store, _Version(), inputs=["x"],  # type: ignore[arg-type]
                         batch_size=2, executor=HandBuilt(records, dies_on=2))  # fmt: skip
        assert lost.value.code is Code.E022
        assert "wire-2.txt" in lost.value.message  # the first article of the lost batch
        assert store.counts()["articles"] == 2
        assert store.runs()[-1]["status"] == "failed"
        report = ingest_items((a for a, _ in pairs), store, _Version(), inputs=["x"],  # type: ignore[arg-type]
                              batch_size=2, executor=HandBuilt(records))  # fmt: skip
        assert (report.skipped, report.stored) == (2, 4)
        assert store.counts()["articles"] == 6
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store(clean) as store:
        ingest_items((a for a, _ in pairs), store, _Version(), inputs=["x"],  # type: ignore[arg-type]
                     batch_size=2, executor=HandBuilt(records))  # fmt: skip
    assert snapshot(url) == snapshot(clean)


def test_scale_options_are_checked() -> None:
    spec = PipelineSpec("en_core_web_sm")
    with pytest.raises(DatelineError) as both:
        make_executor(spec, processes=2, workers=2)
    assert both.value.code is Code.E012
    assert make_executor(spec) is None
    assert make_executor(spec, processes=1) is None  # one process: this one


def test_scale_unreachable_scheduler_is_a_coded_error() -> None:
    pytest.importorskip("distributed")
    from dateline.scale import DaskExecutor

    started = time.monotonic()
    with pytest.raises(DatelineError) as unreachable:
        DaskExecutor(PipelineSpec("en_core_web_sm"), scheduler="tcp://127.0.0.1:9", timeout=1)
    assert unreachable.value.code is Code.E021
    assert "tcp://127.0.0.1:9" in unreachable.value.message
    assert time.monotonic() - started < 60


def test_scale_cli_refuses_db_and_out_together(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["ingest", "x.txt", "--db", str(tmp_path / "a.db"), "--out", f"parquet:{tmp_path}"],
    )
    assert result.exit_code == 2
    assert "E012" in result.output


def test_scale_cli_bad_out_target(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", "x.txt", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "E023" in result.output


def _write_share(url: str, indices: list[int]) -> tuple[int, int, int]:
    pairs = [pair for i in indices for pair in _pairs(1, i)]
    with Store(url) as store:
        total = (0, 0, 0)
        for k in range(0, len(pairs), 3):
            got = store.add(pairs[k : k + 3], pipeline="test")
            total = (total[0] + got[0], total[1] + got[1], total[2] + got[2])
    return total


@pytest.mark.postgres
def test_scale_concurrent_writers_on_postgresql_store_the_exact_union(
    postgres_url: str,
) -> None:
    Store(postgres_url).close()  # migrate once before the writers start
    shares = [list(range(30)), list(range(20, 50)), list(range(10, 40)), list(range(45, 60))]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(len(shares)) as pool:
        results = pool.starmap(_write_share, [(postgres_url, s) for s in shares])
    assert sum(r[0] for r in results) == 60  # every article stored exactly once
    assert sum(r[0] + r[1] for r in results) == sum(len(s) for s in shares)
    t = tables
    with Store(postgres_url) as store, store.connect() as conn:
        hashes = conn.execute(select(t.articles.c.content_hash)).scalars().all()
        n_mentions = conn.execute(select(func.count()).select_from(t.event_mentions)).scalar()
        undecided = conn.execute(
            select(func.count())
            .select_from(t.event_mentions)
            .outerjoin(t.merge_decisions, t.merge_decisions.c.mention_key == t.event_mentions.c.key)
            .where(t.merge_decisions.c.mention_key.is_(None))
        ).scalar()
        per_event = conn.execute(
            select(t.events.c.mentions, func.count(t.event_mentions.c.key))
            .join(t.event_mentions, t.event_mentions.c.event_key == t.events.c.key)
            .group_by(t.events.c.key)
        ).all()
    expected = {a.content_hash for a, _ in _pairs(60)}
    assert sorted(hashes) == sorted(expected)  # the union, no duplicates
    assert n_mentions == 60 and undecided == 0  # every mention stored once and merged
    assert sum(n for _, n in per_event) == 60
