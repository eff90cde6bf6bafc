"""Alembic environment: always driven from code with a connection (see store/migrate.py)."""

from __future__ import annotations

from alembic import context

from dateline.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through dateline.store.migrate (dateline db upgrade)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
