"""Films and the entries about them, remembered across weeks.

Revision ID: 0004_films
Revises: 0003_politeness
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_films"
down_revision: str | None = "0003_politeness"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "films",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("base_key", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_hangul", sa.Text),
        sa.Column("year", sa.Integer),
        sa.Column("platform", sa.Text),
        sa.Column("release_date", sa.Date),
        sa.Column("poster", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_films"),
        sa.UniqueConstraint("key", name="uq_films_key"),
    )
    op.create_index("ix_films_base_key", "films", ["base_key"])
    op.create_table(
        "entry_films",
        sa.Column("entry_id", sa.Integer, nullable=False),
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("entry_id", "film_id", name="pk_entry_films"),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name="fk_entry_films_entry_id_entries",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_entry_films_film_id_films", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_entry_films_film_id", "entry_films", ["film_id"])


def downgrade() -> None:
    op.drop_table("entry_films")
    op.drop_table("films")
