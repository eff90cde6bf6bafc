"""``dateline eval timeml``: TempEval-3 Task A on TimeML documents."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli._util import ModelOpt, err, handle_errors, write_out
from dateline.cli.evals import eval_app
from dateline.cli.evals._report import report
from dateline.nlp.pipeline import DEFAULT_MODEL


@eval_app.command("timeml")
@handle_errors
def timeml(
    paths: Annotated[list[str], typer.Argument(help="TimeML .tml files or folders of them.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the measures as JSON on the last line.")
    ] = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="List every mistake (wrong value or type, span, missed, spurious) with context.",
        ),
    ] = False,
    model: ModelOpt = DEFAULT_MODEL,
) -> None:
    """Time expressions against TimeML gold (TempEval-3 Task A): strict and relaxed span
    P/R/F1, type and value accuracy and F1, documents per second. The creation time of
    each document is its publication date."""
    from dateline.errors import Code, ReadError
    from dateline.evaluate.timeml import evaluate, pipeline_tagger
    from dateline.nlp.time.timeml import TimeMLDoc, find_timeml, read_timeml

    docs: list[TimeMLDoc] = []
    files = find_timeml(paths)
    for path in files:
        try:
            docs.append(read_timeml(path))
        except ReadError as exc:
            err.print(f"[yellow]{exc.message}[/]", highlight=False, soft_wrap=True)
    if not docs:
        raise ReadError(Code.E013, f"no readable TimeML documents in {', '.join(paths)}")
    measures, mistakes = evaluate(docs, pipeline_tagger(model))
    if errors:
        for line in mistakes:
            write_out(
                f"{line.kind}\t{line.doc}\tgold {line.gold}\tsystem {line.system}\t{line.context}"
            )
    report("TimeML (TempEval-3 Task A)", measures, as_json=as_json)
