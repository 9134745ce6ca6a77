"""Understanding stored with each entry, computed on ingest: kind, Korean, film and its key,
rating, platform, release date, the rest as JSON, the rules that fired, and the classifier
version that wrote them.

Existing rows get NULLs: "never understood", so the first digest (or ``tracker reclassify``)
understands them. Nothing is lost: only columns are added.

Revision ID: 0006_understanding
Revises: 0005_feed_ttl
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_understanding"
down_revision: str | None = "0005_feed_ttl"
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS = (
    ("understood_version", sa.Text),
    ("kind", sa.Text),
    ("korean", sa.Boolean),
    ("film", sa.Text),
    ("film_key", sa.Text),
    ("rating", sa.Float),
    ("platform", sa.Text),
    ("release_date", sa.Date),
    ("understanding", sa.Text),
    ("understood_why", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_))
        batch.create_index("ix_entries_film_key", ["film_key"])


def downgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_index("ix_entries_film_key")
        for name, _type in reversed(_COLUMNS):
            batch.drop_column(name)
