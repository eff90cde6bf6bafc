"""``dateline export``: canonical events to a file in a registered format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli._filters import (
    ActorOpt,
    BasisOpt,
    BboxOpt,
    CountryOpt,
    FromOpt,
    PairOpt,
    PlaceOpt,
    PrecisionOpt,
    StatusOpt,
    ToOpt,
    TypeOpt,
    make_filters,
)
from dateline.cli._util import DbOpt, app, console, handle_errors


@app.command()
@handle_errors
def export(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="csv (ACLED-like), parquet, jsonl, geojson, gexf, graphml, gdelt, or a "
            "plugin's name.",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="File to write (parquet: a folder = by month).")
    ],
    db: DbOpt = None,
    actor: ActorOpt = [],  # noqa: B006 - Typer reads the defaults, never mutates them
    country: CountryOpt = [],  # noqa: B006
    pair: PairOpt = [],  # noqa: B006
    type: TypeOpt = [],  # noqa: B006
    status: StatusOpt = [],  # noqa: B006
    basis: BasisOpt = [],  # noqa: B006
    precision: PrecisionOpt = [],  # noqa: B006
    start: FromOpt = None,
    end: ToOpt = None,
    place: PlaceOpt = [],  # noqa: B006
    bbox: BboxOpt = None,
) -> None:
    """Export canonical events (filtered like `dateline events`) to CSV, Parquet, JSONL,
    GeoJSON, GEXF, GraphML or a GDELT-like TSV (docs/formats.md)."""
    from dateline.export import export as run_export
    from dateline.export import get
    from dateline.store import Store

    exporter = get(format)
    filters = make_filters(
        actor=actor,
        country=country,
        pair=pair,
        type=type,
        status=status,
        basis=basis,
        precision=precision,
        start=start,
        end=end,
        place=place,
        bbox=bbox,
    )
    with Store(db) as store:
        n = run_export(store, exporter.name, out, filters)
    unit = "edges" if exporter.name in ("gexf", "graphml") else "events"
    console.print(f"{n} {unit} written to {out} ({exporter.name})", highlight=False)
