"""``dateline eval geo FILE.xml``: geocoding accuracy on GeoWebNews / TR-News style XML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli._util import handle_errors
from dateline.cli.evals import eval_app
from dateline.cli.evals._report import report
from dateline.nlp.pipeline import DEFAULT_MODEL


@eval_app.command("geo")
@handle_errors
def geo(
    files: Annotated[
        list[Path], typer.Argument(help="GeoWebNews or TR-News style XML files.", exists=True)
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write every gold toponym and its error to this TSV."),
    ] = None,
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline.")] = DEFAULT_MODEL,
) -> None:
    """Accuracy within 161 km, mean and median error (km), AUC, recall of gold toponyms."""
    from dateline import get_pipeline
    from dateline.evaluate.geo import Resolved, evaluate

    pipeline = get_pipeline(model)
    out: dict[str, object] = {}
    rows: list[Resolved] = []
    for path in files:
        out[path.stem] = evaluate(path, pipeline, errors_out=rows)
    report("Geocoding", out if len(files) > 1 else out[files[0].stem], as_json=as_json)  # type: ignore[arg-type]
    if errors is not None:
        with open(errors, "w", encoding="utf-8") as fh:
            fh.write("article\tgold\ttype\tfound\tresolved_to\tfeature_code\terror_km\n")
            for r in rows:
                km = "" if r.error_km is None else f"{r.error_km:.0f}"
                fh.write(
                    f"{r.article}\t{r.gold.name}\t{r.gold.kind}\t{int(r.found)}\t"
                    f"{r.name or ''}\t{r.feature_code or ''}\t{km}\n"
                )
