"""Annotated articles as a partitioned Parquet dataset, loaded into a store later.

``dateline ingest ... --out parquet:DIR`` writes one file per written batch under
``DIR/month=YYYY-MM/`` (the publication month), each file complete or absent: it is
written under a temporary name and renamed. A row is one article: its content hash, the
article as read and its record (the output contract) as JSON, and the pipeline version.
Re-running skips the content hashes the dataset already holds.

``dateline load parquet:DIR --db URL`` reads the files in a fixed order (month, then file
name) and stores them through :meth:`dateline.store.Store.add` – the same write, with the
same cross-article merge, as an ingest – skipping articles the store already holds, so a
load can be interrupted and re-run.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from dateline.errors import Code
from dateline.model import ArticleRecord
from dateline.read.base import Article
from dateline.scale import ScaleError

PREFIX = "parquet:"
COLUMNS = ("content_hash", "published", "article", "record", "pipeline")


def parse_target(value: str) -> Path:
    """``parquet:DIR`` to the folder; anything else is refused (E023)."""
    if not value.startswith(PREFIX) or not value[len(PREFIX) :].strip():
        raise ScaleError(Code.E023, f"--out {value!r}: give parquet:DIR (or use --db for a store)")
    return Path(value[len(PREFIX) :]).expanduser()


def _article_dict(article: Article) -> dict[str, Any]:
    data = asdict(article)
    data["published"] = article.published.isoformat()
    if article.dateline_span is not None:
        data["dateline_span"] = list(article.dateline_span)
    return data


def _article_from(data: dict[str, Any]) -> Article:
    data = dict(data)
    data["published"] = date.fromisoformat(data["published"])
    if data.get("dateline_span") is not None:
        data["dateline_span"] = tuple(data["dateline_span"])
    return Article(**data)


class ParquetSink:
    """A Parquet dataset that ``ingest`` writes to instead of a store."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:  # pragma: no cover - an extra
            raise ScaleError(
                Code.E023, "--out parquet:DIR needs pyarrow: pip install 'dateline[parquet]'"
            ) from exc
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            probe = self.folder / f".probe-{uuid.uuid4().hex}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise ScaleError(
                Code.E023, f"cannot write the Parquet dataset ({exc.strerror})", path=str(folder)
            ) from None
        self._hashes: set[str] | None = None

    @property
    def display_url(self) -> str:
        return f"{PREFIX}{self.folder}"

    def _known(self) -> set[str]:
        if self._hashes is None:
            self._hashes = set()
            for path in files(self.folder):
                self._hashes.update(
                    str(h) for h in _read(path, ["content_hash"]).column("content_hash")
                )
        return self._hashes

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        known = self._known()
        return {h for h in hashes if h in known}

    def add(
        self,
        pairs: Iterable[tuple[Article, ArticleRecord]],
        *,
        pipeline: str = "",
        run_id: int | None = None,
    ) -> tuple[int, int, int]:
        """Write the new articles, one file per publication month; returns (stored,
        skipped, events) like :meth:`Store.add`."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        known = self._known()
        months: dict[str, list[dict[str, Any]]] = {}
        stored = skipped = events = 0
        for article, record in pairs:
            if article.content_hash in known:
                skipped += 1
                continue
            known.add(article.content_hash)
            months.setdefault(article.published.strftime("%Y-%m"), []).append(
                {
                    "content_hash": article.content_hash,
                    "published": article.published,
                    "article": json.dumps(_article_dict(article), ensure_ascii=False),
                    "record": record.model_dump_json(),
                    "pipeline": pipeline,
                }
            )
            stored += 1
            events += len(record.events)
        schema = pa.schema(
            [
                ("content_hash", pa.string()),
                ("published", pa.date32()),
                ("article", pa.string()),
                ("record", pa.string()),
                ("pipeline", pa.string()),
            ]
        )
        for month, rows in sorted(months.items()):
            part = self.folder / f"month={month}"
            part.mkdir(exist_ok=True)
            # time-ordered names keep the load order equal to the write order
            name = f"part-{_clock():020d}-{uuid.uuid4().hex[:8]}.parquet"
            tmp = part / f".{name}.tmp"
            table = pa.Table.from_pylist(rows, schema=schema)
            pq.write_table(table, tmp)
            tmp.replace(part / name)
        return stored, skipped, events

    def start_run(self, inputs: list[str], pipeline: str) -> int:
        return 0

    def finish_run(self, run_id: int, *, status: str, **counts: Any) -> None:
        return None


def _clock() -> int:
    import time

    return time.time_ns()


def files(folder: Path) -> list[Path]:
    """The dataset's complete files, in load order (month, then name)."""
    return sorted(p for p in folder.glob("month=*/part-*.parquet") if p.is_file())


def _read(path: Path, columns: list[str] | None = None) -> Any:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=columns)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise ScaleError(
            Code.E024, f"not a readable Parquet file ({exc})", path=str(path)
        ) from None
    missing = [c for c in (columns or COLUMNS) if c not in table.column_names]
    if missing:
        raise ScaleError(
            Code.E024, f"not a Dateline dataset file (missing {', '.join(missing)})", path=str(path)
        )
    return table


def read_dataset(folder: Path) -> Iterator[tuple[Path, list[tuple[Article, ArticleRecord, str]]]]:
    """Each file of the dataset with its (article, record, pipeline) rows."""
    from pydantic import ValidationError

    paths = files(folder)
    if not folder.is_dir() or not paths:
        raise ScaleError(Code.E024, "no Dateline Parquet dataset here", path=str(folder))
    for path in paths:
        rows = []
        for i, row in enumerate(_read(path).to_pylist()):
            try:
                article = _article_from(json.loads(row["article"]))
                record = ArticleRecord.model_validate_json(row["record"])
            except (ValueError, TypeError, KeyError, ValidationError) as exc:
                raise ScaleError(
                    Code.E024,
                    f"row {i + 1} does not validate ({exc.__class__.__name__})",
                    path=str(path),
                ) from None
            rows.append((article, record, str(row["pipeline"] or "")))
        yield path, rows


def load(
    folder: str | os.PathLike[str],
    store: Any,
    *,
    batch_size: int = 200,
    progress: Any = None,
) -> dict[str, int]:
    """Store a dataset written by ``--out parquet:DIR`` (in file order, batch by batch,
    through :meth:`Store.add`, which merges as it writes). Articles the store already
    holds are skipped, so an interrupted load re-run finishes the rest. Returns counts."""
    folder = Path(folder)
    counts = {"files": 0, "read": 0, "stored": 0, "skipped": 0, "events": 0}
    run_id: int | None = None
    status = "failed"
    try:
        for _path, rows in read_dataset(folder):
            if run_id is None:
                run_id = store.start_run([f"{PREFIX}{folder}"], rows[0][2] if rows else "")
            counts["files"] += 1
            for i in range(0, len(rows), batch_size):
                chunk = rows[i : i + batch_size]
                counts["read"] += len(chunk)
                have = store.stored_hashes(a.content_hash for a, _, _ in chunk)
                fresh = [r for r in chunk if r[0].content_hash not in have]
                counts["skipped"] += len(chunk) - len(fresh)
                # one store.add per pipeline version, in order
                start = 0
                while start < len(fresh):
                    version = fresh[start][2]
                    end = start
                    while end < len(fresh) and fresh[end][2] == version:
                        end += 1
                    stored, skipped, events = store.add(
                        [(a, r) for a, r, _ in fresh[start:end]], pipeline=version, run_id=run_id
                    )
                    counts["stored"] += stored
                    counts["skipped"] += skipped
                    counts["events"] += events
                    start = end
                if progress:
                    progress(counts)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if run_id is not None:
            store.finish_run(
                run_id,
                status=status,
                articles_read=counts["read"],
                articles_stored=counts["stored"],
                articles_skipped=counts["skipped"],
                failures=0,
                events_stored=counts["events"],
                errors=[],
            )
    return counts
