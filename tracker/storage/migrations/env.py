"""Alembic environment for kfilm-tracker's database. Owns how migrations run, not what they do.

At run time ``Storage.open`` passes its open connection in ``config.attributes["connection"]``
(no alembic.ini is needed, and the migration joins the caller's transaction). For developers,
``alembic -x url=sqlite:///dev.db revision --autogenerate -m ...`` also works with a throwaway
alembic.ini whose ``script_location`` is this folder: then a URL is taken from ``-x url=`` or
``sqlalchemy.url``. Must not import the rest of the storage code, only the schema.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context
from sqlalchemy.engine import Connection

from tracker.storage.schema import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise RuntimeError("no database: pass -x url=... or open it with Storage.open(url)")
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


_main()
