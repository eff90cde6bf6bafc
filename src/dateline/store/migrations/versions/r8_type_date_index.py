"""reliability: one index for events of a type in date order (#8)

``/api/v1/events?type=ASSAULT`` (and the timeline of a type) filtered on ``type`` and then
sorted every event of that type by date; an index on (type, when_start, when_end, id)
hands them over in order, so a page reads only its own rows. It replaces the index on
``type`` alone, which it covers.

Revision ID: r8
Revises: s9
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "r8"
down_revision = "s9"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.create_index(
            batch_op.f("ix_events_type_when_start_when_end_id"),
            ["type", "when_start", "when_end", "id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type_when_start_when_end_id"))
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"])
