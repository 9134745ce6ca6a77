"""Which entries' kind the feed's learned prior decided: a feed's history counts only the
entries understood on their own evidence. Rows understood before this migration are evidence
(NULL): no prior existed then.

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


#: the history is counted from this index alone (a row holds the whole text: reading 40,000 of
#: them to count kinds would cost a poll 100 ms)
INDEX = ("ix_entries_kind_history", ["feed_id", "kind", "kind_by_history", "first_seen_at"])


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("kind_by_history", sa.Boolean))
    op.create_index(INDEX[0], "entries", INDEX[1])


def downgrade() -> None:
    op.drop_index(INDEX[0], table_name="entries")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("kind_by_history")
