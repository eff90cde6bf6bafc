"""``dateline eval actors FILE``: actor coding (country and sector) accuracy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli._util import handle_errors, parse_day
from dateline.cli.evals import eval_app
from dateline.cli.evals._report import report
from dateline.nlp.pipeline import DEFAULT_MODEL


@eval_app.command("actors")
@handle_errors
def actors(
    file: Annotated[
        Path, typer.Argument(help="JSONL actor cases (NGEC actor-test layout).", exists=True)
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write every case with its coding to this TSV."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Date (YYYY-MM-DD) for cases dated 'Today' or undated."),
    ] = None,
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline.")] = DEFAULT_MODEL,
) -> None:
    """Country and sector accuracy of actor coding (e.g. on NGEC's actor tests)."""
    from dateline import get_pipeline
    from dateline.evaluate.actors import REFERENCE_DAY, Outcome, evaluate

    day = parse_day(today, "--today") or REFERENCE_DAY
    rows: list[Outcome] = []
    out = evaluate(file, get_pipeline(model), outcomes=rows, default_day=day)
    report("Actor coding", out, as_json=as_json)
    if errors is not None:
        with open(errors, "w", encoding="utf-8") as fh:
            fh.write(
                "case\ttext\tcontext\tday\tcountry\tsectors\tcountry_ok\tsector_ok\texpected\n"
            )
            for r in rows:
                fh.write(
                    f"{r.case.id}\t{r.case.text}\t{r.case.context}\t{r.case.day}\t"
                    f"{r.country or ''}\t{' '.join(r.sectors)}\t{r.country_ok}\t{r.sector_ok}\t"
                    f"{r.case.expected}\n"
                )
