"""``dateline ingest``: read, annotate and store articles, with a progress bar."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli._util import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    ActorsOpt,
    DbOpt,
    FetchPagesOpt,
    FieldOpt,
    InputFormatOpt,
    ModelOpt,
    PublishedOpt,
    SkipBadOpt,
    app,
    console,
    err,
    handle_errors,
    parse_day,
    parse_fields,
)
from dateline.errors import Code, OptionError
from dateline.nlp.pipeline import DEFAULT_MODEL


@app.command()
@handle_errors
def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, feed URLs, or - for stdin.")
    ] = None,
    db: DbOpt = None,
    published: PublishedOpt = None,
    model: ModelOpt = DEFAULT_MODEL,
    samples: Annotated[
        bool, typer.Option("--samples", help="Ingest the bundled sample articles.")
    ] = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Commit every N articles.")
    ] = 32,
    stop_after: Annotated[
        int | None, typer.Option("--stop-after", min=1, help="Stop after N articles.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    input_format: InputFormatOpt = None,
    field: FieldOpt = [],  # noqa: B006 - Typer reads the default, never mutates it
    skip_bad: SkipBadOpt = False,
    fetch_pages: FetchPagesOpt = False,
    actors: ActorsOpt = None,
    processes: Annotated[
        int | None,
        typer.Option("--processes", min=1, help="Annotate in N local processes (no Dask needed)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Annotate on a local Dask cluster of N workers."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Annotate on an existing Dask cluster: tcp://HOST:PORT."),
    ] = None,
    write_on_workers: Annotated[
        bool,
        typer.Option(
            "--write-on-workers",
            help="PostgreSQL: each worker stores its own batches (more write throughput; "
            "merges then follow commit order, not input order).",
        ),
    ] = False,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            help="Write a partitioned Parquet dataset instead of a store: parquet:DIR "
            "(load it later with dateline load).",
        ),
    ] = None,
) -> None:
    """Read articles, find their events and store them. Re-running skips what is stored.

    With --processes, --workers or --scheduler the annotation runs in parallel; the
    results are written here, in input order, so the store is the same as a
    single-process run's."""
    from dateline import get_pipeline
    from dateline.ingest import Sink
    from dateline.ingest import ingest as run
    from dateline.read import ReadOptions
    from dateline.read.count import estimate_count
    from dateline.samples import sample_paths
    from dateline.scale import PipelineSpec, make_executor
    from dateline.store import Store

    inputs = list(paths or [])
    if samples:
        inputs += [str(p) for p in sample_paths()]
    if not inputs:
        raise OptionError(Code.E012, "nothing to ingest: give files, folders or --samples")
    options = ReadOptions(
        published=parse_day(published, "--published"),
        fields=parse_fields(field),
        skip_bad=skip_bad,
        fetch_pages=fetch_pages,
        format=input_format,
    )
    if out is not None and db is not None:
        raise OptionError(Code.E012, "give either --db or --out, not both")
    sink: Sink
    if out is not None:
        from dateline.scale.parquet import ParquetSink, parse_target

        sink = ParquetSink(parse_target(out))
    else:
        sink = Store(db)
    pipeline = get_pipeline(model, actors=actors)
    write_to = None
    if write_on_workers:
        if not isinstance(sink, Store):
            raise OptionError(Code.E012, "--write-on-workers writes to a store, not to --out")
        write_to = sink.url
    executor = make_executor(
        PipelineSpec(model, actors, write_to),
        processes=processes,
        workers=workers,
        scheduler=scheduler,
    )
    total = estimate_count(inputs, options)
    if stop_after is not None and total is not None:
        total = min(total, stop_after)

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("{task.fields[events]} events"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, disable=quiet, transient=False) as bar:
        task = bar.add_task("ingest", total=total, rate=0.0, events=0)

        def update(report: object) -> None:
            from dateline.ingest import IngestReport

            assert isinstance(report, IngestReport)
            # finished articles (stored, skipped, failed), not read ones: with a cluster,
            # reading runs ahead of the workers by the batches in flight
            done = report.stored + report.skipped + report.failed
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, completed=done, rate=done / elapsed, events=report.events)

        try:
            report = run(
                inputs,
                sink,
                pipeline,
                options=options,
                batch_size=batch_size,
                stop_after=stop_after,
                progress=update,
                executor=executor,
            )
        finally:
            if executor is not None:
                executor.close()
    for warning in report.warnings:
        err.print(f"[yellow]{warning.message}[/]", highlight=False, soft_wrap=True)
    for failure in report.failures:
        err.print(f"[red]{failure.message}[/]", highlight=False, soft_wrap=True)
    if not quiet:
        console.print(
            f"{report.stored} articles stored, {report.skipped} already there, "
            f"{report.failed} failed; {report.events} events. Store: {sink.display_url}",
            highlight=False,
            soft_wrap=True,
        )
        if report.failures:
            by_code = ", ".join(f"{n} {code}" for code, n in report.failures_by_code().items())
            console.print(f"Failures by reason: {by_code}", highlight=False)
        if executor is not None and report.peak_rss:
            peak = max(report.peak_rss.values()) / 2**20
            console.print(
                f"Annotated on {executor.name}; {len(report.peak_rss)} worker processes "
                f"did the work, peak memory {peak:,.0f} MiB per process",
                highlight=False,
            )
    raise typer.Exit(EXIT_SOME_FAILED if report.failures else EXIT_OK)
