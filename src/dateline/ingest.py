"""Ingest: read → annotate → store, in batches, resumable.

Articles already in the store (same content hash) are skipped before any NLP work, so a
re-run after a crash finishes the rest and duplicates nothing. Each article and all its
annotations are committed together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import DatelineError, ReadError
from dateline.nlp.pipeline import Pipeline
from dateline.read import ReadOptions, read_paths
from dateline.read.base import Article
from dateline.store import Store

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

    @property
    def failed(self) -> int:
        return len(self.failures)

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


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    pipeline: Pipeline,
    *,
    options: ReadOptions | None = None,
    batch_size: int = 32,
    stop_after: int | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read every input, annotate what is new, store it; returns the counts and errors."""
    inputs = [str(p) for p in paths]
    return ingest_items(
        read_paths(inputs, options or ReadOptions()),
        store,
        pipeline,
        inputs=inputs,
        batch_size=batch_size,
        stop_after=stop_after,
        progress=progress,
    )


def ingest_items(
    items: Iterable[Article | ReadError],
    store: Store,
    pipeline: Pipeline,
    *,
    inputs: list[str],
    batch_size: int = 32,
    stop_after: int | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Annotate and store articles already read (with the readers' errors and warnings):
    the path shared by ``dateline ingest`` and ``POST /api/v1/articles``."""
    report = IngestReport()
    report.run_id = store.start_run(inputs, pipeline.version)
    seen: set[str] = set()
    batch: list[Article] = []
    status = "failed"

    def flush() -> None:
        if not batch:
            return
        stored, skipped, events = store_new(batch, store, pipeline, run_id=report.run_id)
        batch.clear()
        report.stored += stored
        report.skipped += skipped
        report.events += events
        if progress:
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
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
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
