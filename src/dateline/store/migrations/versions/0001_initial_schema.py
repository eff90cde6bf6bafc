"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("when_value", sa.String(length=64), nullable=False),
        sa.Column("when_start", sa.Date(), nullable=False),
        sa.Column("when_end", sa.Date(), nullable=False),
        sa.Column("precision", sa.String(length=16), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("place_country", sa.String(length=8), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("first_reported", sa.Date(), nullable=False),
        sa.Column("last_reported", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_events")),
        sa.UniqueConstraint("id", name=op.f("uq_events_id")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_lat_lon"), ["lat", "lon"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_events_when_start_when_end"), ["when_start", "when_end"], unique=False
        )

    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("pipeline", sa.String(length=200), nullable=False),
        sa.Column("articles_read", sa.Integer(), nullable=False),
        sa.Column("articles_stored", sa.Integer(), nullable=False),
        sa.Column("articles_skipped", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("events_stored", sa.Integer(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_runs")),
    )
    op.create_table(
        "articles",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=512), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("dateline", sa.String(length=200), nullable=True),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("body_start", sa.Integer(), nullable=False),
        sa.Column("pipeline", sa.String(length=200), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["ingest_runs.id"], name=op.f("fk_articles_run_id_ingest_runs")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_id"), ["id"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)

    op.create_table(
        "actors",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_key", sa.Integer(), nullable=False),
        sa.Column("aid", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("sector", sa.String(length=8), nullable=True),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_actors_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_actors")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_article_key"), ["article_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_name"), ["name"], unique=False)

    op.create_table(
        "event_mentions",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_key", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.Integer(), nullable=False),
        sa.Column("eid", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("when_value", sa.String(length=64), nullable=False),
        sa.Column("when_start", sa.Date(), nullable=False),
        sa.Column("when_end", sa.Date(), nullable=False),
        sa.Column("precision", sa.String(length=16), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_event_mentions_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_key"],
            ["events.key"],
            name=op.f("fk_event_mentions_event_key_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_event_mentions")),
    )
    with op.batch_alter_table("event_mentions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_mentions_article_key"), ["article_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_event_mentions_event_key"), ["event_key"], unique=False
        )

    op.create_table(
        "places",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_key", sa.Integer(), nullable=False),
        sa.Column("pid", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("feature_class", sa.String(length=4), nullable=True),
        sa.Column("feature_code", sa.String(length=10), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("admin1", sa.String(length=64), nullable=True),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_places_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_places")),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_article_key"), ["article_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_geonameid"), ["geonameid"], unique=False)

    op.create_table(
        "timexes",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_key", sa.Integer(), nullable=False),
        sa.Column("tid", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("interval_start", sa.Date(), nullable=True),
        sa.Column("interval_end", sa.Date(), nullable=True),
        sa.Column("anchor", sa.String(length=32), nullable=True),
        sa.Column("mod", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_timexes_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_timexes")),
    )
    with op.batch_alter_table("timexes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_timexes_article_key"), ["article_key"], unique=False)

    op.create_table(
        "event_actors",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mention_key", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("sector", sa.String(length=8), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_key"],
            ["events.key"],
            name=op.f("fk_event_actors_event_key_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mention_key"],
            ["event_mentions.key"],
            name=op.f("fk_event_actors_mention_key_event_mentions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_event_actors")),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_actors_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_actors_event_key"), ["event_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_actors_mention_key"), ["mention_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_actors_name"), ["name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actors_name"))
        batch_op.drop_index(batch_op.f("ix_event_actors_mention_key"))
        batch_op.drop_index(batch_op.f("ix_event_actors_event_key"))
        batch_op.drop_index(batch_op.f("ix_event_actors_country"))

    op.drop_table("event_actors")
    with op.batch_alter_table("timexes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timexes_article_key"))

    op.drop_table("timexes")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_geonameid"))
        batch_op.drop_index(batch_op.f("ix_places_article_key"))

    op.drop_table("places")
    with op.batch_alter_table("event_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_mentions_event_key"))
        batch_op.drop_index(batch_op.f("ix_event_mentions_article_key"))

    op.drop_table("event_mentions")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_name"))
        batch_op.drop_index(batch_op.f("ix_actors_country"))
        batch_op.drop_index(batch_op.f("ix_actors_article_key"))

    op.drop_table("actors")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_published"))
        batch_op.drop_index(batch_op.f("ix_articles_id"))

    op.drop_table("articles")
    op.drop_table("ingest_runs")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_when_start_when_end"))
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index(batch_op.f("ix_events_lat_lon"))

    op.drop_table("events")
