"""``dateline eval events``: event typing and actor coding on PLOVER gold records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli._util import ModelOpt, console, handle_errors, write_out
from dateline.cli.evals import eval_app
from dateline.cli.evals._report import report
from dateline.nlp.pipeline import DEFAULT_MODEL


@eval_app.command("events")
@handle_errors
def events(
    path: Annotated[Path, typer.Argument(help="A PLOVER gold-standard JSON file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
    model: ModelOpt = DEFAULT_MODEL,
    show_errors: Annotated[
        bool, typer.Option("--errors", help="List the misclassified records instead.")
    ] = False,
) -> None:
    """Event-type accuracy and macro-F1, actor-country accuracy and events per sentence
    on PLOVER gold-standard records (PLOVER 0.5 type names are mapped to current ones)."""
    from dateline import get_pipeline
    from dateline.evaluate import events as scorer

    pipeline = get_pipeline(model)
    if show_errors:
        for item in scorer.errors(path, pipeline):
            if as_json:
                write_out(json.dumps(item))
            else:
                console.print(
                    f"[bold]{item['gold']}[/] → {item['predicted']} "
                    f"({item['trigger']}, {item['status']}) {item['text']}",
                    highlight=False,
                )
        return
    report("PLOVER events", scorer.evaluate(path, pipeline), as_json=as_json)
