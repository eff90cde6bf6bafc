"""Alembic migrations, run from code: ``Store`` upgrades the schema when it opens a store
(and ``dateline db upgrade`` does it explicitly).

A migration runs in one transaction on both back-ends (transactional DDL): a process killed
half-way leaves the previous schema and its version row, and the next open migrates again.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_KEY = 4_242_001  # PostgreSQL advisory lock key: one migrator at a time


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str | None:
    return ScriptDirectory.from_config(config()).get_current_head()


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    command.upgrade(config(connection), revision)


def lock(connection: Connection) -> None:
    """Open the migration's transaction and make it the only one: on PostgreSQL an advisory
    lock held to the commit; on SQLite ``BEGIN IMMEDIATE`` (the write lock). pysqlite opens
    no transaction before DDL, so without it each CREATE TABLE would commit on its own and a
    crash mid-migration would leave half a schema that no later run could upgrade."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    elif connection.dialect.name == "sqlite":
        dbapi = connection.connection.dbapi_connection
        if dbapi is not None and not dbapi.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
