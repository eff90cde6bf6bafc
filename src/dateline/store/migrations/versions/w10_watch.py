"""watch: feed state, items seen, alert rules and alerts (#10)

Revision ID: w10
Revises: m6
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "w10"
down_revision = "m6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("body_hash", sa.String(length=64), nullable=True),
        sa.Column("last_poll", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.String(length=16), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("errors_total", sa.Integer(), nullable=False),
        sa.Column("polls", sa.Integer(), nullable=False),
        sa.Column("not_modified", sa.Integer(), nullable=False),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.Column("items_stored", sa.Integer(), nullable=False),
        sa.Column("next_poll", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_feeds_url")),
    )
    op.create_table(
        "feed_items",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("feed_key", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.Text(), nullable=False),
        sa.Column("item_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("url_hash", sa.String(length=64), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("article_id", sa.String(length=512), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_key"],
            ["feeds.key"],
            name=op.f("fk_feed_items_feed_key_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_feed_items")),
        sa.UniqueConstraint("feed_key", "item_hash", name=op.f("uq_feed_items_feed_key_item_hash")),
    )
    with op.batch_alter_table("feed_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feed_items_feed_key_first_seen"),
            ["feed_key", "first_seen"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_feed_items_url_hash"), ["url_hash"], unique=False)

    op.create_table(
        "alert_rules",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_article_key", sa.Integer(), nullable=False),
        sa.Column("last_run", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_alert_rules")),
        sa.UniqueConstraint("rule", name=op.f("uq_alert_rules_rule")),
    )
    op.create_table(
        "alerts",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rule_key", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("precision", sa.String(length=16), nullable=False),
        sa.Column("when_start", sa.Date(), nullable=False),
        sa.Column("when_end", sa.Date(), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("webhook", sa.String(length=8), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_key"],
            ["alert_rules.key"],
            name=op.f("fk_alerts_rule_key_alert_rules"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_alerts")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alerts_rule_key_event_id"), ["rule_key", "event_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_alerts_webhook"), ["webhook"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_webhook"))
        batch_op.drop_index(batch_op.f("ix_alerts_rule_key_event_id"))
    op.drop_table("alerts")
    op.drop_table("alert_rules")
    with op.batch_alter_table("feed_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_items_url_hash"))
        batch_op.drop_index(batch_op.f("ix_feed_items_feed_key_first_seen"))
    op.drop_table("feed_items")
    op.drop_table("feeds")
