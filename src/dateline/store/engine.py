"""Database URLs and engines: SQLite by default (WAL, busy timeout), PostgreSQL by URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from dateline.errors import Code, StoreError

ENV_DB = "DATELINE_DB"


def default_path() -> Path:
    """Where the default SQLite store lives: the user's data directory."""
    from platformdirs import user_data_path

    return user_data_path("dateline", appauthor=False) / "dateline.db"


def normalize_url(url: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from what users type: nothing (the default store, or
    ``$DATELINE_DB``), a file path, ``sqlite:///…`` or ``postgresql://…``."""
    if url is None:
        url = os.environ.get(ENV_DB) or None
    if url is None:
        path = default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    text = os.fspath(url)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def create(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreError(Code.E008, f"not a database URL: {url!r} ({exc})") from exc
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            parent = Path(database).expanduser().parent
            if not parent.exists():
                raise StoreError(Code.E008, f"the folder {parent} does not exist", path=database)
        # pysqlite opens a write transaction implicitly before the first INSERT/UPDATE;
        # IMMEDIATE takes the write lock then (waiting up to the timeout), so two writers
        # never deadlock on a lock upgrade. Reads stay lock-free (WAL).
        kwargs["connect_args"] = {"timeout": 60, "isolation_level": "IMMEDIATE"}
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_begin_before_savepoint)
        return engine
    kwargs["pool_pre_ping"] = True
    try:
        return create_engine(url, **kwargs)
    except Exception as exc:  # missing driver, bad URL
        raise StoreError(Code.E008, f"cannot use {parsed.render_as_string()} ({exc})") from exc


def _sqlite_begin_before_savepoint(conn: Any, _name: Any) -> None:
    """pysqlite does not open a transaction before SAVEPOINT, so a savepoint would become
    the outermost transaction and its RELEASE would commit on its own. Open the real
    transaction first, so a batch (savepoint per article) commits all at once."""
    dbapi_connection = conn.connection.dbapi_connection
    if dbapi_connection is not None and not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
