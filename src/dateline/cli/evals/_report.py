"""How every ``dateline eval`` task reports: a readable table, or JSON on the last line."""

from __future__ import annotations

import json
from typing import Any

from dateline.cli._util import console, write_out


def report(title: str, measures: dict[str, Any], *, as_json: bool) -> None:
    """Print nested measures; with ``as_json`` the last line is the JSON object."""
    if as_json:
        write_out(json.dumps(measures, sort_keys=False))
        return
    from rich.table import Table

    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in _flatten(measures):
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)


def _flatten(measures: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, value in measures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += _flatten(value, f"{name}.")
        elif not isinstance(value, list):
            rows.append((name, value))
    return rows
