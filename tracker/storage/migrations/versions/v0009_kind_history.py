"""Which entries' kind the feed's learned prior decided: a feed's history counts each entry as
its own evidence made it. Rows understood before this migration are evidence (NULL): no prior
existed then.

Revision ID: 0009_kind_history
Revises: 0008_health
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_kind_history"
down_revision: str | None = "0008_health"
branch_labels: str | None = None
depends_on: str | None = None


#: each feed's history is read from this index alone, its window as a range (a row holds the
#: whole text: reading the rows to count them would cost a poll 100 ms and more)
INDEX = (
    "ix_entries_review_history",
    ["feed_id", "first_seen_at", "kind", "kind_by_history", "understood_version"],
)


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("kind_by_history", sa.Boolean))
    op.create_index(INDEX[0], "entries", INDEX[1])


def downgrade() -> None:
    op.drop_index(INDEX[0], table_name="entries")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("kind_by_history")
