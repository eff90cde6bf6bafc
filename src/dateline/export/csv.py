"""``csv``: ACLED-like columns (their names where they apply), then ours; UTF-8, one
header row, ISO dates, empty cells for missing values — opens in Stata, R and pandas."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from dateline.export import register
from dateline.export.rows import COLUMN_NAMES, event_row, text_value
from dateline.model import StoredEvent


@register("csv", suffix=".csv", description="ACLED-like CSV (ACLED column names, then ours)")
def write_csv(events: Iterable[StoredEvent], out: Path) -> int:
    n = 0
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMN_NAMES)
        for event in events:
            row = event_row(event)
            writer.writerow([text_value(row[c]) for c in COLUMN_NAMES])
            n += 1
    tmp.replace(out)
    return n
