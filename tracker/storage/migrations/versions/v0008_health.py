"""What ``tracker health`` reads: when a poll last finished (a ``runs`` row shared by every
instance) and since when each failing feed has been failing.

A feed already failing when this migration runs is taken to be failing since its last check:
the later bound, so an upgrade never raises an alarm about a failure it cannot date.

Revision ID: 0008_health
Revises: 0007_body_hash
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_health"
down_revision: str | None = "0007_body_hash"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.add_column(sa.Column("failing_since", sa.DateTime))
    feeds = sa.table(
        "feeds",
        sa.column("failing_since", sa.DateTime),
        sa.column("last_checked_at", sa.DateTime),
        sa.column("consecutive_errors", sa.Integer),
    )
    op.execute(
        feeds.update()
        .where(feeds.c.consecutive_errors > 0)
        .values(failing_since=feeds.c.last_checked_at)
    )
    op.create_table(
        "runs",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=False),
        sa.Column("owner", sa.Text),
        sa.Column("polled", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("unstored", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
        sa.PrimaryKeyConstraint("name", name="pk_runs"),
    )


def downgrade() -> None:
    op.drop_table("runs")
    with op.batch_alter_table("feeds") as batch:
        batch.drop_column("failing_since")
