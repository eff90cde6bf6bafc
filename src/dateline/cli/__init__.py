"""The ``dateline`` command line: one module per command, each a thin layer over the
library."""

from __future__ import annotations

from dateline.cli import (  # noqa: F401  (registers commands)
    demo,
    events,
    export,
    extract,
    feeds,
    ingest,
    load,
    merge,
    schema,
    serve,
    watch,
)
from dateline.cli._util import app
from dateline.cli.evals import eval_app, load_tasks

load_tasks()
app.add_typer(eval_app, name="eval")


def main() -> None:
    app()


__all__ = ["app", "main"]
