"""``dateline events`` and ``dateline timeline``: query the store."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from typing import Annotated

import typer

from dateline.cli._filters import (
    ActorOpt,
    BasisOpt,
    BboxOpt,
    CountryOpt,
    FromOpt,
    LimitOpt,
    PairOpt,
    PlaceOpt,
    PrecisionOpt,
    StatusOpt,
    ToOpt,
    TypeOpt,
    make_filters,
)
from dateline.cli._util import DbOpt, app, console, handle_errors, write_out
from dateline.model import ActorRef, StoredEvent


class EventsFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _query(
    db: str | None, limit: int | None, with_mentions: bool, **filters: object
) -> list[StoredEvent]:
    from dateline.store import Store

    f = make_filters(**filters)  # type: ignore[arg-type]
    with Store(db) as store:
        return store.events(f, limit=limit, with_mentions=with_mentions)


@app.command()
@handle_errors
def events(
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
    limit: LimitOpt = None,
    format: Annotated[
        EventsFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")
    ] = EventsFormat.table,
) -> None:
    """List stored events (JSON: the contract's event records, each with its mentions)."""
    rows = _query(
        db,
        limit,
        format is not EventsFormat.table,
        bbox=bbox,
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
    )
    if format is EventsFormat.json:
        import json

        write_out(
            json.dumps([r.model_dump(mode="json") for r in rows], indent=2, ensure_ascii=False)
        )
    elif format is EventsFormat.jsonl:
        for r in rows:
            write_out(r.model_dump_json())
    elif format is EventsFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(
            [
                "event_id",
                "event_date",
                "date_start",
                "date_end",
                "time_precision",
                "date_basis",
                "event_type",
                "mode",
                "cameo",
                "status",
                "actor1",
                "actor1_country",
                "actor2",
                "actor2_country",
                "location",
                "latitude",
                "longitude",
                "country_code3",
                "confidence",
                "mentions",
                "source",
                "notes",
            ]
        )
        for r in rows:
            a1 = r.actors[0] if r.actors else None
            a2 = r.recipients[0] if r.recipients else (r.actors[1] if len(r.actors) > 1 else None)
            m = r.mentions[0] if r.mentions else None
            writer.writerow(
                [
                    r.id,
                    r.when.value,
                    r.when.start,
                    r.when.end,
                    r.when.precision,
                    r.when.basis,
                    r.type,
                    r.mode or "",
                    r.cameo or "",
                    r.status,
                    a1.name if a1 else "",
                    a1.country or "" if a1 else "",
                    a2.name if a2 else "",
                    a2.country or "" if a2 else "",
                    r.where.name if r.where else "",
                    r.where.lat if r.where else "",
                    r.where.lon if r.where else "",
                    r.where.country or "" if r.where else "",
                    r.confidence,
                    r.mention_count,
                    m.source if m else "",
                    m.sentence.text if m else "",
                ]
            )
    else:
        _table(rows, timeline=False)


@app.command()
@handle_errors
def timeline(
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
    limit: LimitOpt = None,
) -> None:
    """The canonical events in the order they happened, each date shown at its precision
    (a month-precision event as the month), with how many outlets reported it."""
    rows = _query(
        db,
        limit,
        True,
        bbox=bbox,
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
    )
    _table(rows, timeline=True)


def format_when(event: StoredEvent) -> str:
    """``2024-10-21``, ``2020-05 (month)``; a publication-date fallback is marked ``*``."""
    when = event.when
    text = when.value if when.precision == "day" else f"{when.value} ({when.precision})"
    if when.start != when.end and when.precision == "day":
        text = f"{when.start} → {when.end}"
    return text + ("*" if when.basis == "published" else "")


def _who(actors: list[ActorRef]) -> str:
    return ", ".join(f"{a.name} ({a.country})" if a.country else a.name for a in actors)


def _table(rows: list[StoredEvent], *, timeline: bool) -> None:
    if not rows:
        console.print("No events match.")
        return
    if timeline:
        _chronology(rows)
    else:
        from rich.table import Table

        table = Table(expand=False)
        for col in ("when", "type", "status", "who", "whom", "where", "reports", "id"):
            table.add_column(col, no_wrap=col in ("when", "id"))
        for r in rows:
            table.add_row(
                format_when(r),
                f"{r.type}/{r.mode}" if r.mode else r.type,
                r.status,
                _who(r.actors),
                _who(r.recipients),
                r.where.name if r.where else "",
                str(r.article_count),
                r.id,
            )
        console.print(table)
    if any(r.when.basis == "published" for r in rows):
        console.print("* no date in the text: the publication date stands in.", style="dim")


def _chronology(rows: list[StoredEvent]) -> None:
    """One block per event: date, what, who → whom, where, reports; then its sentence."""
    from rich.markup import escape

    for r in rows:
        kind = f"{r.type}/{r.mode}" if r.mode else r.type
        parties = _who(r.actors) or "?"
        if r.recipients:
            parties += f" → {_who(r.recipients)}"
        where = f" @ {r.where.name}" if r.where else ""
        status = "" if r.status == "occurred" else f" [{r.status}]"
        reports = f"{r.article_count} report{'s' if r.article_count != 1 else ''}"
        if r.source_count > 1:
            reports += f", {r.source_count} sources"
        if r.conflicts:
            reports += f", disputed: {', '.join(sorted(r.conflicts))}"
        console.print(
            f"[bold cyan]{escape(format_when(r)):<18}[/] [bold]{kind}[/]{escape(status)} "
            f"{escape(parties)}{escape(where)} [dim]({reports})[/]",
            highlight=False,
            soft_wrap=True,
        )
        if r.mentions and r.mentions[0].sentence.text:
            sentence = " ".join(r.mentions[0].sentence.text.split())
            if len(sentence) > 160:
                sentence = sentence[:157] + "..."
            console.print(f"{'':19}[dim]{escape(sentence)}[/]", highlight=False, soft_wrap=True)
