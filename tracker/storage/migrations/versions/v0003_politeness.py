"""Politeness state per feed: 410 Gone, and permanent redirects watched until they settle.

Revision ID: 0003_politeness
Revises: 0002_digest_ledger
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_politeness"
down_revision: str | None = "0002_digest_ledger"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.add_column(sa.Column("gone_at", sa.DateTime))
        batch.add_column(sa.Column("redirect_url", sa.Text))
        batch.add_column(sa.Column("redirect_since", sa.DateTime))
        batch.add_column(sa.Column("effective_url", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.drop_column("effective_url")
        batch.drop_column("redirect_since")
        batch.drop_column("redirect_url")
        batch.drop_column("gone_at")
