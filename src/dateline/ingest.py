"""Ingest: read → annotate → store, in batches, resumable.

Articles already in the store (same content hash) are skipped before any NLP work, so a
re-run after a crash finishes the rest and duplicates nothing. Each article and all its
annotations are committed together.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from dateline.errors import Code, DatelineError, ReadError
from dateline.model import ArticleRecord
from dateline.nlp.pipeline import Pipeline
from dateline.read import ReadOptions, read_paths
from dateline.read.base import Article
from dateline.store import Store

if TYPE_CHECKING:
    from dateline.scale import Executor

Progress = Callable[["IngestReport"], None]


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    """Already stored (same content hash), or repeated within this run."""
    events: int = 0
    failures: list[DatelineError] = field(default_factory=list)
    warnings: list[DatelineError] = field(default_factory=list)
    run_id: int | None = None
    peak_rss: dict[str, int] = field(default_factory=dict)
    """Peak resident memory (bytes) of each process that annotated, by ``host:pid``."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    def failures_by_code(self) -> dict[str, int]:
        """How many articles failed, for each error code."""
        return dict(sorted(Counter(f.code.name for f in self.failures).items()))

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "read": self.read,
            "stored": self.stored,
            "skipped": self.skipped,
            "events": self.events,
            "failed": self.failed,
            "failures": [f.to_dict() for f in self.failures],
            "warnings": [w.to_dict() for w in self.warnings],
        }


class Sink(Protocol):
    """Where annotated articles go: a :class:`Store`, or a Parquet dataset
    (:class:`dateline.scale.parquet.ParquetSink`)."""

    @property
    def display_url(self) -> str: ...

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]: ...

    def add(
        self,
        pairs: Iterable[tuple[Article, ArticleRecord]],
        *,
        pipeline: str = "",
        run_id: int | None = None,
    ) -> tuple[int, int, int]: ...

    def start_run(self, inputs: list[str], pipeline: str) -> int: ...

    def finish_run(self, run_id: int, *, status: str, **counts: Any) -> None: ...


def ingest(
    paths: Iterable[str | Path],
    store: Sink,
    pipeline: Pipeline,
    *,
    options: ReadOptions | None = None,
    batch_size: int = 32,
    stop_after: int | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> IngestReport:
    """Read every input, annotate what is new, store it; returns the counts and errors.
    ``executor`` runs the annotation elsewhere (``dateline.scale.make_executor``: a
    process pool or a Dask cluster); by default it runs in this process."""
    inputs = [str(p) for p in paths]
    return ingest_items(
        read_paths(inputs, options or ReadOptions()),
        store,
        pipeline,
        inputs=inputs,
        batch_size=batch_size,
        stop_after=stop_after,
        progress=progress,
        executor=executor,
    )


def ingest_items(
    items: Iterable[Article | ReadError],
    store: Sink,
    pipeline: Pipeline,
    *,
    inputs: list[str],
    batch_size: int = 32,
    stop_after: int | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> IngestReport:
    """Annotate and store articles already read (with the readers' errors and warnings):
    the path shared by ``dateline ingest`` and ``POST /api/v1/articles``.

    Articles already stored are dropped before they are sent for annotation. Batches are
    annotated by ``executor`` (this process by default), several at a time when it has
    more than one slot, and written back in input order, so any executor stores exactly
    what a single-process run stores."""
    from dateline.scale import BatchResult, Future, LocalExecutor, worker_failed

    report = IngestReport()
    report.run_id = store.start_run(inputs, pipeline.version)
    runner: Executor = executor if executor is not None else LocalExecutor(pipeline)
    seen: set[str] = set()
    batch: list[Article] = []
    inflight: deque[tuple[list[Article], Future]] = deque()
    status = "failed"

    def write(result: BatchResult) -> None:
        key = f"{result.host}:{result.pid}"
        report.peak_rss[key] = max(report.peak_rss.get(key, 0), result.peak_rss)
        for failure in result.failures:
            report.failures.append(
                DatelineError(
                    Code[str(failure["code"])],
                    str(failure["detail"]),
                    path=failure.get("path"),
                    line=failure.get("line"),
                )
            )
        if result.written is not None:  # the worker stored it (--write-on-workers)
            stored, skipped, events = result.written
        elif result.pairs:
            stored, skipped, events = store.add(
                result.pairs, pipeline=pipeline.version, run_id=report.run_id
            )
        else:
            stored = skipped = events = 0
        report.stored += stored
        report.skipped += skipped
        report.events += events
        if progress:
            progress(report)

    def drain(keep: int) -> None:
        while len(inflight) > keep:
            sent, future = inflight.popleft()
            try:
                result = future.result()
            except (KeyboardInterrupt, DatelineError):
                raise
            except Exception as exc:
                raise worker_failed(exc, sent) from exc
            write(result)

    def flush() -> None:
        if not batch:
            return
        stored_already = store.stored_hashes(a.content_hash for a in batch)
        fresh = [a for a in batch if a.content_hash not in stored_already]
        report.skipped += len(batch) - len(fresh)
        batch.clear()
        if fresh:
            inflight.append((fresh, runner.submit(fresh, report.run_id)))
            drain(runner.slots - 1)
        elif progress:
            progress(report)

    try:
        for item in items:
            if isinstance(item, ReadError):
                (report.warnings if item.code.is_warning else report.failures).append(item)
                if progress:
                    progress(report)
                continue
            report.read += 1
            if item.content_hash in seen:
                report.skipped += 1
            else:
                seen.add(item.content_hash)
                batch.append(item)
            if len(batch) >= batch_size:
                flush()
            if stop_after is not None and report.read >= stop_after:
                break
        flush()
        drain(0)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        inflight.clear()
        store.finish_run(
            report.run_id,
            status=status,
            articles_read=report.read,
            articles_stored=report.stored,
            articles_skipped=report.skipped,
            failures=report.failed,
            events_stored=report.events,
            errors=[f.to_dict() for f in report.failures],
        )
    return report


def store_new(
    articles: list[Article],
    store: Store,
    pipeline: Pipeline | Callable[[], Pipeline],
    *,
    run_id: int | None = None,
) -> tuple[int, int, int]:
    """Annotate and store the articles not stored yet (by content hash); those already
    stored are skipped before any NLP work. ``pipeline`` may be a function that loads it,
    called only when there is something new. Returns (stored, skipped, events)."""
    if not articles:
        return 0, 0, 0
    stored_already = store.stored_hashes(a.content_hash for a in articles)
    fresh = [a for a in articles if a.content_hash not in stored_already]
    skipped = len(articles) - len(fresh)
    if not fresh:
        return 0, skipped, 0
    nlp = pipeline if isinstance(pipeline, Pipeline) else pipeline()
    stored, also_skipped, events = store.add(
        nlp.annotate(fresh), pipeline=nlp.version, run_id=run_id
    )
    return stored, skipped + also_skipped, events
