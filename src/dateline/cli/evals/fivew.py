"""``dateline eval fivew``: the main event's when, where and who on Giveme5W1H gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli._util import ModelOpt, handle_errors, write_out
from dateline.cli.evals import eval_app
from dateline.cli.evals._report import report
from dateline.nlp.pipeline import DEFAULT_MODEL


@eval_app.command("fivew")
@handle_errors
def fivew(
    path: Annotated[Path, typer.Argument(help="A folder of Giveme5W1H gold JSON files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
    model: ModelOpt = DEFAULT_MODEL,
    details: Annotated[
        bool, typer.Option("--details", help="One JSON line per article instead.")
    ] = False,
) -> None:
    """Accuracy of the main event's when (exact day), where and who against the phrases
    Giveme5W1H coders annotated."""
    from dateline import get_pipeline
    from dateline.evaluate import fivew as scorer

    measures = scorer.evaluate(path, get_pipeline(model), details=details)
    if details:
        for row in measures.pop("articles_detail"):
            write_out(json.dumps(row))
        return
    report("Giveme5W1H main event", measures, as_json=as_json)
