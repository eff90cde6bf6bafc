"""``parquet``: the flat columns with a typed schema (dates as ``date32``, integers,
floats, strings), for pandas, polars, DuckDB and R's arrow. ``--out events.parquet``
writes one file; ``--out events/`` (no ``.parquet`` suffix) writes a dataset partitioned
by year-month of the event date (``year_month=2024-10/…``), the layout for large stores
and Dask. Needs pyarrow (``pip install dateline[parquet]``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dateline.errors import Code, OptionError
from dateline.export import register
from dateline.export.rows import COLUMNS, event_row
from dateline.model import StoredEvent

BATCH = 10_000
PARTITION = "year_month"


def schema() -> Any:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS])


def _batches(events: Iterable[StoredEvent]) -> Iterator[list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    for event in events:
        rows.append(event_row(event))
        if len(rows) >= BATCH:
            yield rows
            rows = []
    if rows:
        yield rows


@register("parquet", suffix=".parquet", description="typed Parquet; a folder: by year-month")
def write_parquet(events: Iterable[StoredEvent], out: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.dataset as ds
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is in the dev environment
        raise OptionError(
            Code.E012, f"--format parquet needs pyarrow: pip install 'dateline[parquet]' ({exc})"
        ) from None
    sch = schema()
    n = 0
    if out.suffix == ".parquet":
        tmp = out.with_name(out.name + ".part")
        with pq.ParquetWriter(tmp, sch) as writer:
            for rows in _batches(events):
                writer.write_table(pa.Table.from_pylist(rows, schema=sch))
                n += len(rows)
            if n == 0:
                writer.write_table(sch.empty_table())
        tmp.replace(out)
        return n
    with_part = sch.append(pa.field(PARTITION, pa.string()))
    tables = []
    tmp_dir = out.with_name(out.name + ".part")
    shutil.rmtree(tmp_dir, ignore_errors=True)
    for rows in _batches(events):
        for row in rows:
            row[PARTITION] = row["event_date"].strftime("%Y-%m")
        tables.append(pa.Table.from_pylist(rows, schema=with_part))
        n += len(rows)
    table = pa.concat_tables(tables) if tables else with_part.empty_table()
    ds.write_dataset(
        table,
        tmp_dir,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([pa.field(PARTITION, pa.string())]), flavor="hive"),
        existing_data_behavior="overwrite_or_ignore",
    )
    if out.exists():
        shutil.rmtree(out)
    tmp_dir.replace(out)
    return n
