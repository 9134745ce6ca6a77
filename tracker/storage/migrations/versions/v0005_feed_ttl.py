"""Each feed's own poll interval (RSS ttl, sy:updatePeriod), kept from its last document so a
304 (no document) does not forget it.

Revision ID: 0005_feed_ttl
Revises: 0004_films
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_feed_ttl"
down_revision: str | None = "0004_films"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.add_column(sa.Column("ttl_seconds", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.drop_column("ttl_seconds")
