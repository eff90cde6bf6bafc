"""``dateline eval merge``: cross-document event coreference on ECB+."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli._util import ModelOpt, handle_errors
from dateline.cli.evals import eval_app
from dateline.cli.evals._report import report
from dateline.errors import Code, OptionError
from dateline.nlp.pipeline import DEFAULT_MODEL


@eval_app.command("merge")
@handle_errors
def merge(
    path: Annotated[Path, typer.Argument(help="The ECB+ folder (ECB+/ and the sentence index).")],
    split: Annotated[
        str, typer.Option("--split", help="Topics: dev (2 5 12 18 21 23 34 35), train, test, all.")
    ] = "dev",
    setting: Annotated[
        list[str],
        typer.Option(
            "--setting",
            help="system (detected triggers), gold (gold mentions), events (only Dateline's "
            "PLOVER events); repeatable, default all three.",
        ),
    ] = [],  # noqa: B006 - Typer reads the default, never mutates it
    model: ModelOpt = DEFAULT_MODEL,
    json: Annotated[bool, typer.Option("--json", help="JSON on the last line.")] = False,
) -> None:
    """Event merging on ECB+: MUC, B³, CEAF-e and CoNLL F1, with system and gold mentions,
    beside same-lemma baselines (docs/merge.md)."""
    from dateline import get_pipeline
    from dateline.evaluate.merge import evaluate, topics_for

    try:
        topics_for(split)
    except ValueError as exc:
        raise OptionError(Code.E012, f"--split {split!r}: {exc}") from None
    settings = setting or ["system", "gold", "events"]
    unknown = [s for s in settings if s not in ("system", "gold", "events")]
    if unknown:
        raise OptionError(Code.E012, f"--setting {unknown[0]!r}: expected system, gold or events")
    result = evaluate(path, get_pipeline(model), split=split, settings=settings)
    report(f"ECB+ event merging ({split})", result, as_json=json)
