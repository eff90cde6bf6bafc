"""Event filter options shared by ``events``, ``timeline`` and ``export``."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli._util import parse_day
from dateline.errors import Code, OptionError
from dateline.model import EVENT_TYPES
from dateline.store.query import Filters

ActorOpt = Annotated[list[str], typer.Option("--actor", help="Actor name contains (repeatable).")]
CountryOpt = Annotated[
    list[str],
    typer.Option("--country", help="An actor from this ISO alpha-3 country (repeatable: any)."),
]
PairOpt = Annotated[
    list[str], typer.Option("--pair", help="Country dyad, e.g. IND-CHN (either direction).")
]
TypeOpt = Annotated[list[str], typer.Option("--type", help="PLOVER event type (repeatable).")]
StatusOpt = Annotated[
    list[str],
    typer.Option(
        "--status", help="occurred, ongoing, planned, hypothetical, negated (repeatable)."
    ),
]
BasisOpt = Annotated[
    list[str],
    typer.Option("--basis", help="Where dates came from: text, inferred, published (repeatable)."),
]
PrecisionOpt = Annotated[
    list[str], typer.Option("--precision", help="day, week, month, year, … (repeatable).")
]
FromOpt = Annotated[str | None, typer.Option("--from", help="Events on or after YYYY-MM-DD.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Events on or before YYYY-MM-DD.")]
PlaceOpt = Annotated[list[str], typer.Option("--place", help="Place name contains (repeatable).")]
BboxOpt = Annotated[
    str | None,
    typer.Option("--bbox", help="Bounding box MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (e.g. 68,6,98,36)."),
]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="At most this many events.")]


def make_filters(
    *,
    actor: list[str],
    country: list[str],
    pair: list[str],
    type: list[str],
    status: list[str],
    basis: list[str],
    precision: list[str],
    start: str | None,
    end: str | None,
    place: list[str],
    bbox: str | None = None,
) -> Filters:
    types = [t.upper() for t in type]
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise OptionError(
            Code.E012, f"--type {unknown[0]}: not a PLOVER type ({', '.join(EVENT_TYPES)})"
        )
    pairs: list[tuple[str, str]] = []
    for p in pair:
        a, sep, b = p.upper().replace(":", "-").partition("-")
        if not sep or not a or not b:
            raise OptionError(Code.E012, f"--pair {p!r}: expected two codes like IND-CHN")
        pairs.append((a, b))
    box: tuple[float, float, float, float] | None = None
    if bbox is not None:
        try:
            values = [float(x) for x in bbox.split(",")]
        except ValueError:
            values = []
        if len(values) != 4:
            raise OptionError(
                Code.E012, f"--bbox {bbox!r}: expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"
            )
        min_lon, min_lat, max_lon, max_lat = values
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise OptionError(Code.E012, f"--bbox {bbox!r}: not a box in degrees (min ≤ max)")
        box = (min_lon, min_lat, max_lon, max_lat)
    return Filters(
        bbox=box,
        actor=actor,
        country=country,
        pair=pairs,
        type=types,
        status=status,
        basis=basis,
        precision=precision,
        start=parse_day(start, "--from"),
        end=parse_day(end, "--to"),
        place=place,
    )
