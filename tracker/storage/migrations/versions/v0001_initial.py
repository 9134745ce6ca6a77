"""The first tables: feeds and their entries.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-25

A frozen snapshot written out in full (not ``metadata.create_all``), so that later changes to
``schema.py`` arrive through their own migrations and this one never changes meaning.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("feed_title", sa.Text),
        sa.Column("site", sa.Text),
        sa.Column("kind", sa.Text, nullable=False, server_default="mixed"),
        sa.Column("followed", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("next_poll_at", sa.DateTime),
        sa.Column("last_checked_at", sa.DateTime),
        sa.Column("last_success_at", sa.DateTime),
        sa.Column("consecutive_errors", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("http_status", sa.Integer),
        sa.Column("version", sa.Text),
        sa.Column("final_url", sa.Text),
        sa.Column("first_polled_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("lease_owner", sa.Text),
        sa.Column("lease_until", sa.DateTime),
        sa.PrimaryKeyConstraint("id", name="pk_feeds"),
        sa.UniqueConstraint("url", name="uq_feeds_url"),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("feed_id", sa.Integer, nullable=False),
        sa.Column("identity", sa.Text, nullable=False),
        sa.Column("identity_source", sa.Text, nullable=False),
        sa.Column("guid", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("link", sa.Text),
        sa.Column("published_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.Column("summary", sa.Text),
        sa.Column("content", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("categories", sa.Text, nullable=False, server_default="[]"),
        sa.Column("image", sa.Text),
        sa.Column("extra", sa.Text, nullable=False, server_default="{}"),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entries"),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name="fk_entries_feed_id_feeds", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("feed_id", "identity", name="uq_entries_feed_id_identity"),
    )
    op.create_index("ix_entries_first_seen_at", "entries", ["first_seen_at"])
    op.create_index("ix_entries_link", "entries", ["link"])


def downgrade() -> None:
    op.drop_index("ix_entries_link", table_name="entries")
    op.drop_index("ix_entries_first_seen_at", table_name="entries")
    op.drop_table("entries")
    op.drop_table("feeds")
