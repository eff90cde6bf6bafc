"""``dateline feeds``: the watched feeds and their health."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer

from dateline.cli._util import DbOpt, app, console, handle_errors, write_out


class FeedsFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
@handle_errors
def feeds(
    db: DbOpt = None,
    format: Annotated[
        FeedsFormat, typer.Option("--format", "-f", help="table or json.")
    ] = FeedsFormat.table,
) -> None:
    """List the feeds `dateline watch` follows, with their health: last success, errors,
    items per day (last 7 days), articles stored, the last error."""
    from dateline.store import Store
    from dateline.watch import health

    now = datetime.now(UTC)
    with Store(db) as store, store.connect() as conn:
        rows = health(conn, now)
    if format is FeedsFormat.json:
        import json

        write_out(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        console.print("No feeds yet: start one with `dateline watch URL`.")
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(expand=False)
    for col in ("feed", "status", "last success", "errors", "items/day", "stored", "last error"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            escape(r["name"] or r["url"]),
            _status(r, now),
            _ago(r["last_success"], now),
            f"{r['failures']} in a row, {r['errors_total']} in all" if r["errors_total"] else "0",
            f"{r['items_per_day']:g}",
            str(r["items_stored"]),
            escape(r["last_error"] or ""),
        )
    console.print(table)


def _status(row: dict[str, Any], now: datetime) -> str:
    if row["status"] == "failing" and row["next_retry"]:
        when = datetime.fromisoformat(row["next_retry"])
        return f"[red]failing[/], retry in {_span((when - now).total_seconds())}"
    if row["status"] == "failing":
        return "[red]failing[/]"
    if row["status"] == "new":
        return "[yellow]not polled yet[/]"
    return f"[green]ok[/] ({row['last_status']})"


def _ago(value: str | None, now: datetime) -> str:
    if value is None:
        return "never"
    return _span((now - datetime.fromisoformat(value)).total_seconds()) + " ago"


def _span(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.0f} days"
