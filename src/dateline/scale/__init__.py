"""Running the ingest pipeline on more than one core: ``--processes``, ``--workers`` and
``--scheduler``.

One code path for every mode. The client reads the inputs, drops what is already stored
(content hash) and cuts the rest into batches of articles (record-chunk partitioning, so
one huge JSONL still spreads over every worker). Each batch goes to :func:`annotate_batch`
– in this process, in a process pool or on a Dask worker – which loads the pipeline once
per process and annotates the batch with ``nlp.pipe``. Results come back as plain records
(:class:`Article`, :class:`ArticleRecord`) and the client writes them, in input order and
in batches, through the same store write as a single-process ingest. Writing in input
order makes a parallel run store exactly what a single-process run stores. With
``PipelineSpec.write_to`` (``--write-on-workers``, PostgreSQL) the workers write instead
and send back only counts. See docs/scale.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from dateline.errors import Code, DatelineError, OptionError, StoreError
from dateline.model import ArticleRecord
from dateline.read.base import Article

if TYPE_CHECKING:
    from dateline.nlp.pipeline import Pipeline
    from dateline.store import Store

__all__ = [
    "BatchResult",
    "Executor",
    "LocalExecutor",
    "PipelineSpec",
    "annotate_batch",
    "make_executor",
    "peak_rss_bytes",
]


class ScaleError(DatelineError):
    """A worker, scheduler or output target problem in a parallel ingest."""


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to load the same pipeline as the client."""

    model: str
    actors: str | None = None
    write_to: str | None = None
    """A PostgreSQL store URL: workers store their batches themselves
    (``--write-on-workers``) and send back only counts."""


@dataclass
class BatchResult:
    """What a worker sends back for one batch: the annotated articles in input order,
    the articles it could not annotate (as error dicts), and who did the work."""

    pairs: list[tuple[Article, ArticleRecord]]
    failures: list[dict[str, Any]] = field(default_factory=list)
    pid: int = 0
    host: str = ""
    peak_rss: int = 0
    """The worker process's peak resident memory in bytes (VmHWM)."""
    written: tuple[int, int, int] | None = None
    """(stored, skipped, events) when the worker stored the batch itself."""


def peak_rss_bytes() -> int:
    """This process's peak resident set size (VmHWM from /proc; ru_maxrss elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    import sys

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss if sys.platform == "darwin" else rss * 1024)


def annotate_batch(
    spec: PipelineSpec, articles: list[Article], run_id: int | None = None
) -> BatchResult:
    """The worker function: annotate one batch with ``nlp.pipe``, the pipeline loaded once
    per process (``dateline.get_pipeline`` caches it) and reused for every batch. With
    ``spec.write_to`` the worker also stores the batch (same write, same merge) and
    returns only the counts."""
    from dateline import get_pipeline

    nlp = get_pipeline(spec.model, actors=spec.actors)
    result = annotate_with(nlp, articles)
    if spec.write_to is not None:
        store = _worker_store(spec.write_to)
        result.written = store.add(result.pairs, pipeline=nlp.version, run_id=run_id)
        result.pairs = []
    return result


_STORES: dict[str, Store] = {}


def _worker_store(url: str) -> Store:
    """One store (connection pool) per worker process and URL."""
    from dateline.store import Store

    if url not in _STORES:
        _STORES[url] = Store(url, migrate=False)
    return _STORES[url]


def annotate_with(nlp: Pipeline, articles: list[Article]) -> BatchResult:
    """Annotate a batch with a loaded pipeline. An article the pipeline fails on is
    reported (E022) and the others kept."""
    import socket

    result = BatchResult(pairs=[], pid=os.getpid(), host=socket.gethostname())
    try:
        result.pairs = list(nlp.annotate(articles))
    except Exception:  # one bad article: annotate them one by one to find it
        for article in articles:
            try:
                result.pairs.append((article, nlp.annotate_one(article)))
            except Exception as exc:
                error = DatelineError(
                    Code.E022,
                    f"annotation failed: {exc.__class__.__name__}: {exc}",
                    path=article.source,
                    line=article.line,
                )
                result.failures.append(error.to_dict())
    result.peak_rss = peak_rss_bytes()
    return result


class Future(Protocol):
    def result(self) -> Any: ...


class Executor:
    """Runs :func:`annotate_batch` somewhere; ``slots`` batches may be in flight."""

    name = "executor"
    slots = 1

    def submit(self, batch: list[Article], run_id: int | None = None) -> Future:
        raise NotImplementedError

    def warm_up(self) -> None:
        """Start every worker and load the pipeline in it (optional: the first batch
        does it otherwise); benchmarks call it to time start-up apart."""

    def close(self) -> None:
        return None

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalExecutor(Executor):
    """This process, one batch at a time (the default)."""

    name = "single process"

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def submit(self, batch: list[Article], run_id: int | None = None) -> Future:
        return _Done(annotate_with(self.pipeline, batch))


def load_pipeline(spec: PipelineSpec) -> int:
    """Load the pipeline in this process (a worker's start-up); returns the pid."""
    from dateline import get_pipeline

    get_pipeline(spec.model, actors=spec.actors)
    return os.getpid()


class _Done:
    def __init__(self, value: BatchResult) -> None:
        self.value = value

    def result(self) -> BatchResult:
        return self.value


class ProcessExecutor(Executor):
    """A pool of local processes (no Dask): ``--processes N``."""

    def __init__(self, spec: PipelineSpec, processes: int) -> None:
        self.spec = spec
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.name = f"{processes} processes"
        self.processes = processes
        self.slots = 2 * processes
        self.pool = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=load_pipeline,
            initargs=(spec,),
        )

    def warm_up(self) -> None:
        futures = [self.pool.submit(os.getpid) for _ in range(2 * self.processes)]
        for future in futures:
            future.result()

    def submit(self, batch: list[Article], run_id: int | None = None) -> Future:
        return self.pool.submit(annotate_batch, self.spec, batch, run_id)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask settings for ``--workers``: no statistical profiler sampling the annotating
thread every 10 ms and slower housekeeping; about a tenth less CPU per article on the
benchmark. Set the same on an existing cluster's workers (``docs/scale.md``)."""


class DaskExecutor(Executor):
    """A Dask distributed cluster: a local one (``--workers N``) or an existing one
    (``--scheduler tcp://HOST:PORT``)."""

    def __init__(
        self,
        spec: PipelineSpec,
        *,
        workers: int | None = None,
        scheduler: str | None = None,
        timeout: float = 10,
    ) -> None:
        self.spec = spec
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - an extra
            raise OptionError(
                Code.E012, "--workers and --scheduler need Dask: pip install 'dateline[dask]'"
            ) from exc
        self.cluster: Any = None
        if scheduler is not None:
            try:
                self.client = Client(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as exc:
                raise ScaleError(
                    Code.E021, f"cannot reach the Dask scheduler at {scheduler} ({exc})"
                ) from None
            n = len(self.client.scheduler_info().get("workers", {}))
            self.name = f"Dask cluster at {scheduler} ({n} workers)"
        else:
            import dask

            n = workers or 1
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self.cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                )
                self.client = Client(self.cluster)  # type: ignore[no-untyped-call]
            self.name = f"local Dask cluster ({n} workers)"
        self.workers = n
        self.slots = 2 * max(n, 1)

    def warm_up(self) -> None:
        self.client.wait_for_workers(max(self.workers, 1))
        self.client.run(load_pipeline, self.spec)

    def submit(self, batch: list[Article], run_id: int | None = None) -> Future:
        return self.client.submit(annotate_batch, self.spec, batch, run_id, pure=False)

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]
        if self.cluster is not None:
            self.cluster.close()


def make_executor(
    spec: PipelineSpec,
    *,
    processes: int | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Executor | None:
    """The executor for the command-line options (at most one may be given); None means
    this process (the default)."""
    given = [name for name, v in (("--processes", processes), ("--workers", workers),
                                   ("--scheduler", scheduler)) if v is not None]  # fmt: skip
    if len(given) > 1:
        raise OptionError(Code.E012, f"give only one of {', '.join(given)}")
    if spec.write_to is not None:
        if not spec.write_to.startswith("postgresql"):
            raise OptionError(Code.E012, "--write-on-workers needs a PostgreSQL store (--db)")
        if not given or (processes is not None and processes <= 1):
            raise OptionError(
                Code.E012, "--write-on-workers needs --processes, --workers or --scheduler"
            )
    if scheduler is not None:
        if not scheduler.strip():
            raise OptionError(Code.E012, "--scheduler needs an address like tcp://HOST:8786")
        return DaskExecutor(spec, scheduler=scheduler)
    if workers is not None:
        return DaskExecutor(spec, workers=workers)
    if processes is not None and processes > 1:
        return ProcessExecutor(spec, processes)
    return None


def worker_failed(exc: BaseException, batch: list[Article]) -> StoreError:
    """A whole batch was lost with its worker: stop (what is stored stays; re-run)."""
    first = batch[0].source if batch else "?"
    return StoreError(
        Code.E022,
        f"a worker failed on a batch of {len(batch)} articles starting at {first} "
        f"({exc.__class__.__name__}: {exc}); what was stored is kept, re-run to finish",
    )
