"""Each feed's last document, by hash: a server that sends no validators (no ETag, no
Last-Modified) and the same bytes again is recognised before parsing.

Revision ID: 0007_body_hash
Revises: 0006_understanding
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_body_hash"
down_revision: str | None = "0006_understanding"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.add_column(sa.Column("body_hash", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.drop_column("body_hash")
