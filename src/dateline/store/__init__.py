"""The store: SQLite by default, PostgreSQL by URL, one schema, Alembic migrations.

>>> store = Store("events.db")            # a SQLite file
>>> store = Store("postgresql://127.0.0.1/test")
>>> store.events(country=["IND"], type=["ASSAULT"])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, text, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from dateline.errors import Code, StoreError
from dateline.model import ArticleRecord, StoredEvent
from dateline.read.base import Article
from dateline.store import migrate, query, tables
from dateline.store import write as writer
from dateline.store.engine import create, normalize_url
from dateline.store.query import Filters

__all__ = ["Filters", "Store"]


class Store:
    """A Dateline store at a database URL (or file path; None = the default store)."""

    def __init__(self, url: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> None:
        self.url = normalize_url(url)
        self.engine = create(self.url)
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except (OperationalError, SQLAlchemyError) as exc:
            self.engine.dispose()
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            raise StoreError(Code.E008, f"cannot connect to {self.display_url} ({reason})") from exc
        if migrate:
            self.upgrade()

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (safe to call from many processes)."""
        with self.engine.connect() as conn:
            if migrate.current(conn) == migrate.head():
                return  # the usual case: no lock, so opening never waits for a writer
        with self.engine.begin() as conn:
            migrate.lock(conn)  # one transaction, one migrator (see store/migrate.py)
            if migrate.current(conn) != migrate.head():
                migrate.upgrade(conn)

    def schema_version(self) -> str | None:
        with self.engine.connect() as conn:
            return migrate.current(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- writing ---------------------------------------------------------------------

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are already stored."""
        with self.engine.connect() as conn:
            return writer.stored_hashes(conn, list(hashes))

    def add(
        self,
        pairs: Iterable[tuple[Article, ArticleRecord]],
        *,
        pipeline: str = "",
        run_id: int | None = None,
    ) -> tuple[int, int, int]:
        """Store annotated articles in one transaction, with multi-row inserts.

        Articles already stored (same content hash, also by a concurrent writer) are
        skipped. The new events are then
        merged with what the store holds (``dateline.merge``), in the same transaction.
        Returns (stored, skipped, events extracted).
        """
        from dateline.merge.store import merge_pending

        batch = list(pairs)
        if not batch:
            return 0, 0, 0
        with self.engine.begin() as conn:
            stored, skipped, n_events = writer.insert_batch(
                conn, batch, pipeline=pipeline, run_id=run_id
            )
            if stored:
                merge_pending(conn)
        return stored, skipped, n_events

    # -- merging ---------------------------------------------------------------------

    def merge(self) -> dict[str, int]:
        """Merge mentions that have no merge decision yet (writers that bypass
        :meth:`add` call this after writing). Returns counts."""
        from dateline.merge.store import merge_pending

        with self.engine.begin() as conn:
            report = merge_pending(conn)
        return {"mentions": report.mentions, "attached": report.attached, "new": report.new}

    def remerge(self) -> dict[str, int]:
        """Forget every automatic merge decision and merge everything again (in canonical
        order, so the result does not depend on ingest order). Decisions made by hand
        (:meth:`split`, :meth:`join`) are kept."""
        from dateline.merge.store import rebuild

        with self.engine.begin() as conn:
            report = rebuild(conn)
        return {"mentions": report.mentions, "attached": report.attached, "new": report.new}

    def explain(self, event_id: str) -> list[dict[str, Any]]:
        """Why each mention belongs to this canonical event (the stored decisions)."""
        from dateline.merge.store import explain

        with self.engine.connect() as conn:
            return explain(conn, self._event_key(conn, event_id))

    def split(self, event_id: str, article: str, eid: str) -> str:
        """Take one mention (article id + the event's id in it) out of a canonical event,
        by hand; it stays on its own. Returns the id of the event it is now in."""
        from dateline.merge.store import split

        with self.engine.begin() as conn:
            key = self._event_key(conn, event_id)
            m, a = tables.event_mentions, tables.articles
            mention = conn.execute(
                select(m.c.key)
                .join(a, a.c.key == m.c.article_key)
                .where(m.c.event_key == key, a.c.id == article, m.c.eid == eid)
            ).scalar()
            if mention is None:
                raise StoreError(
                    Code.E013, f"event {event_id} has no mention {eid} in article {article}"
                )
            new = split(conn, int(mention))
            return str(
                conn.execute(
                    select(tables.events.c.id).where(tables.events.c.key == new)
                ).scalar_one()
            )

    def join(self, event_id: str, other_id: str) -> None:
        """Merge canonical event ``other_id`` into ``event_id`` by hand."""
        from dateline.merge.store import join

        with self.engine.begin() as conn:
            join(conn, self._event_key(conn, event_id), self._event_key(conn, other_id))

    def _event_key(self, conn: Connection, event_id: str) -> int:
        key = conn.execute(
            select(tables.events.c.key).where(tables.events.c.id == event_id)
        ).scalar()
        if key is None:
            raise StoreError(Code.E013, f"no event {event_id} in {self.display_url}")
        return int(key)

    def start_run(self, inputs: list[str], pipeline: str) -> int:
        with self.engine.begin() as conn:
            return int(
                conn.execute(
                    tables.ingest_runs.insert()
                    .values(
                        started_at=datetime.now(UTC),
                        status="running",
                        inputs=inputs,
                        pipeline=pipeline,
                        articles_read=0,
                        articles_stored=0,
                        articles_skipped=0,
                        failures=0,
                        events_stored=0,
                        errors=[],
                    )
                    .returning(tables.ingest_runs.c.id)
                ).scalar_one()
            )

    def finish_run(self, run_id: int, *, status: str, **counts: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(tables.ingest_runs)
                .where(tables.ingest_runs.c.id == run_id)
                .values(finished_at=datetime.now(UTC), status=status, **counts)
            )

    # -- reading ---------------------------------------------------------------------

    def events(
        self,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        with_mentions: bool = True,
        **kw: Any,
    ) -> list[StoredEvent]:
        """Canonical events in timeline order; filter with a :class:`Filters` or keywords
        (``country=["IND"], type=["ASSAULT"], start=date(2020, 1, 1)``)."""
        f = _filters(filters, kw)
        with self.engine.connect() as conn:
            return query.load_events(
                conn, f, limit=limit, offset=offset, with_mentions=with_mentions
            )

    def timeline(self, filters: Filters | None = None, **kw: Any) -> list[StoredEvent]:
        """Canonical events ordered by event date (not publication date): a month-
        precision event sorts at its month's first day, after the day events that start
        then; filter by actor, country, pair, type, place, bbox, status, dates…"""
        return self.events(filters, **kw)

    def to_dataframe(self, filters: Filters | None = None, **kw: Any) -> Any:
        """The canonical events as a pandas DataFrame: the export columns
        (docs/formats.md), dates as ``datetime64``, types and statuses as categoricals.
        Needs pandas (``pip install dateline[parquet]``)."""
        import pandas as pd

        from dateline.export import iter_events
        from dateline.export.rows import COLUMNS, event_row

        f = _filters(filters, kw)
        rows = [event_row(e) for e in iter_events(self, f, with_mentions=True)]
        frame = pd.DataFrame(rows, columns=[name for name, _ in COLUMNS])
        for name, kind in COLUMNS:
            if kind == "date":
                frame[name] = pd.to_datetime(frame[name])
            elif kind == "int":
                frame[name] = frame[name].astype("Int64")
            elif kind == "float":
                frame[name] = frame[name].astype("float64")
        for name in ("event_type", "plover_type", "status", "date_precision", "date_basis"):
            frame[name] = frame[name].astype("category")
        return frame

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return query.counts(conn)

    def article_text(self, article_id: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(tables.articles.c.text).where(tables.articles.c.id == article_id)
            ).first()
        return None if row is None else str(row[0])

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(tables.ingest_runs).order_by(tables.ingest_runs.c.id)
            ).mappings()
            return [dict(r) for r in rows]


def _filters(filters: Filters | None, kw: dict[str, Any]) -> Filters:
    if filters is not None and kw:
        raise TypeError("give either a Filters object or keyword filters, not both")
    if filters is not None:
        return filters
    names = {f.name for f in fields(Filters)}
    unknown = set(kw) - names
    if unknown:
        raise TypeError(f"unknown filters: {', '.join(sorted(unknown))}")
    for name, value in list(kw.items()):
        if isinstance(value, str) and name not in ("start", "end"):
            kw[name] = [value]
    return Filters(**kw)
