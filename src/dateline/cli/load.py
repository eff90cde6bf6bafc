"""``dateline load``: store a Parquet dataset written by ``dateline ingest --out``."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli._util import EXIT_OK, DbOpt, app, console, err, handle_errors


@app.command()
@handle_errors
def load(
    source: Annotated[
        str, typer.Argument(help="The dataset written by ingest --out: parquet:DIR.")
    ],
    db: DbOpt = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Commit every N articles.")
    ] = 200,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress line.")] = False,
) -> None:
    """Store annotated articles from a Parquet dataset (merging as ingest does). Articles
    already stored are skipped, so an interrupted load can simply be run again."""
    from dateline.scale.parquet import load as run
    from dateline.scale.parquet import parse_target
    from dateline.store import Store

    folder = parse_target(source)
    store = Store(db)
    with err.status("loading", spinner="dots") if not quiet else _nothing() as status:

        def update(counts: dict[str, int]) -> None:
            if status is not None:
                status.update(f"loading: {counts['read']} articles read, {counts['stored']} stored")

        counts = run(folder, store, batch_size=batch_size, progress=update)
    if not quiet:
        console.print(
            f"{counts['stored']} articles stored, {counts['skipped']} already there; "
            f"{counts['events']} events from {counts['files']} files. "
            f"Store: {store.display_url}",
            highlight=False,
            soft_wrap=True,
        )
    raise typer.Exit(EXIT_OK)


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
