"""``dateline eval timeml``: TempEval-3 Task A on TimeML documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
    from dateline import get_pipeline
    from dateline.errors import Code, ReadError
    from dateline.evaluate.timeml import evaluate
    from dateline.model import Timex
    from dateline.nlp.state import state
    from dateline.nlp.time.timeml import TimeMLDoc, find_timeml, read_timeml
    from dateline.read.base import Article

    docs: list[TimeMLDoc] = []
    files = find_timeml(paths)
    for path in files:
        try:
            docs.append(read_timeml(path))
        except ReadError as exc:
            err.print(f"[yellow]{exc.message}[/]", highlight=False, soft_wrap=True)
    if not docs:
        raise ReadError(Code.E013, f"no readable TimeML documents in {', '.join(paths)}")
    pipeline = get_pipeline(model)
    others = [
        n for n in pipeline.nlp.pipe_names if n.startswith("dateline_") and n != "dateline_time"
    ]

    def tagger(items: Iterable[TimeMLDoc]) -> Iterator[list[Timex]]:
        articles = (Article(text=d.text, published=d.dct, source=d.path, id=d.id) for d in items)
        with pipeline.nlp.select_pipes(disable=others):
            for doc in pipeline.nlp.pipe(
                (pipeline.make_doc(a) for a in articles), batch_size=pipeline.batch_size
            ):
                yield state(doc).timexes

    measures, mistakes = evaluate(docs, tagger)
    if errors:
        for line in mistakes:
            write_out(
                f"{line.kind}\t{line.doc}\tgold {line.gold}\tsystem {line.system}\t{line.context}"
            )
    report("TimeML (TempEval-3 Task A)", measures, as_json=as_json)
