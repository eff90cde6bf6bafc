"""scale: indexes for the timeline and map queries at millions of events (#9)

The timeline sorts by (when_start, when_end, id): one index serves the date filters and
the order. Country and actor filters are EXISTS lookups on event_actors by country or
name and then event: composite indexes answer them from the index alone. Events are
also filtered by the country of their place.

Revision ID: s9
Revises: w10
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "s9"
down_revision = "w10"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_when_start_when_end"))
        batch_op.create_index(
            batch_op.f("ix_events_when_start_when_end_id"), ["when_start", "when_end", "id"]
        )
        batch_op.create_index(batch_op.f("ix_events_place_country"), ["place_country"])
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actors_country"))
        batch_op.drop_index(batch_op.f("ix_event_actors_name"))
        batch_op.create_index(
            batch_op.f("ix_event_actors_country_event_key"), ["country", "event_key"]
        )
        batch_op.create_index(batch_op.f("ix_event_actors_name_event_key"), ["name", "event_key"])


def downgrade() -> None:
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actors_name_event_key"))
        batch_op.drop_index(batch_op.f("ix_event_actors_country_event_key"))
        batch_op.create_index(batch_op.f("ix_event_actors_name"), ["name"])
        batch_op.create_index(batch_op.f("ix_event_actors_country"), ["country"])
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_place_country"))
        batch_op.drop_index(batch_op.f("ix_events_when_start_when_end_id"))
        batch_op.create_index(
            batch_op.f("ix_events_when_start_when_end"), ["when_start", "when_end"]
        )
