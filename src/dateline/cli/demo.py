"""``dateline demo``: ingest the bundled samples into a SQLite file and show the timeline."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli._util import app, console, handle_errors
from dateline.nlp.pipeline import DEFAULT_MODEL


@app.command()
@handle_errors
def demo(
    db: Annotated[
        str, typer.Option("--db", help="SQLite file to create or reuse.")
    ] = "dateline-demo.db",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the timeline.")] = False,
) -> None:
    """Try Dateline: ingest the sample articles and print their timeline."""
    from dateline import get_pipeline
    from dateline.cli.events import _table
    from dateline.ingest import ingest
    from dateline.samples import sample_paths
    from dateline.store import Store

    store = Store(db)
    report = ingest([str(p) for p in sample_paths()], store, get_pipeline(DEFAULT_MODEL))
    if not quiet:
        console.print(
            f"[bold]{report.stored}[/] new sample articles stored in {db} "
            f"({report.skipped} already there); {store.counts()['events']} events in all.\n"
        )
    _table(store.timeline(), timeline=True)
    console.print(
        "\nQuery it:\n"
        f"  dateline timeline --db {db} --country CHN\n"
        f"  dateline events --db {db} --type ASSAULT --format json\n"
        f"  dateline events --db {db} --basis text --from 2024-01-01 --format csv > events.csv\n"
        f"  python -c \"import dateline; print(dateline.Store('{db}').events(country=['IND']))\"",
        highlight=False,
    )
