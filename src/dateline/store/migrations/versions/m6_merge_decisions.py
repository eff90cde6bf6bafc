"""cross-article merging: merge decisions and canonical conflicts (#6)

Revision ID: m6
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m6"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conflicts", sa.JSON(), nullable=True))
    op.create_table(
        "merge_decisions",
        sa.Column("mention_key", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("event_key", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("matched_key", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.Column("merger", sa.String(length=32), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_key"],
            ["events.key"],
            name=op.f("fk_merge_decisions_event_key_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mention_key"],
            ["event_mentions.key"],
            name=op.f("fk_merge_decisions_mention_key_event_mentions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mention_key", name=op.f("pk_merge_decisions")),
    )
    with op.batch_alter_table("merge_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merge_decisions_event_key"), ["event_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("merge_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_decisions_event_key"))
    op.drop_table("merge_decisions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("conflicts")
