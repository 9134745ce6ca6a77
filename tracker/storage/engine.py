"""Connecting to the database: URL handling, engine set-up per backend, and running migrations.

Owns turning a user's database URL into a configured SQLAlchemy engine (SQLite pragmas and
transaction control; psycopg 3 for PostgreSQL, an extra whose absence is said plainly), the
password-masked URL for messages, and applying the Alembic migrations shipped in
``migrations/``: checked with one read of the version row, and Alembic imported only when an
upgrade is due (it costs more start-up time than a whole command).
Must not know about feeds or entries.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from tracker.exceptions import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: the newest migration (``migrations/versions/``): a database at it needs nothing from Alembic.
#: A test checks that this is Alembic's head.
HEAD = "0009_kind_history"

#: execution option asking for a write transaction (BEGIN IMMEDIATE on SQLite)
WRITE = "tracker_write"

# an arbitrary constant: the key of the PostgreSQL advisory lock held while migrating, so two
# instances starting at once do not both try to create the tables
_MIGRATION_LOCK = 0x6B66_696C_6D00


def parse_url(url: str) -> URL:
    """Parse and normalise a database URL (psycopg 3 for PostgreSQL). StorageError if unusable."""
    try:
        parsed = sa.make_url(url)
    except (ArgumentError, ValueError) as e:
        # ValueError: a port that is not a number, e.g. "postgresql://[::1/x" (no closing bracket)
        raise StorageError(
            f"not a database URL: {mask(url)!r}",
            hint="use sqlite:///path/to/file.db or postgresql://user@host/dbname",
        ) from e
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        # "postgresql://" would pick psycopg2, which we do not ship: always use psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend != "sqlite":
        raise StorageError(
            f"unsupported database {backend!r} in {display(parsed)}",
            hint="use sqlite:///path/to/file.db or postgresql://user@host/dbname",
        )
    return parsed


def display(url: URL) -> str:
    """The URL with its password masked, for messages and logs."""
    return url.render_as_string(hide_password=True)


def mask(url: str) -> str:
    """Mask the password of a URL string that may not even parse."""
    try:
        return display(sa.make_url(url))
    except (ArgumentError, ValueError):
        scheme, sep, rest = url.partition("://")
        if sep and "@" in rest:
            creds, _, host = rest.rpartition("@")
            user = creds.split(":", 1)[0]
            return f"{scheme}://{user}:***@{host}" if ":" in creds else url
        return url


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def create_engine(url: URL) -> Engine:
    """A configured engine for ``url`` (already normalised by ``parse_url``). Does not connect."""
    options: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        _require_psycopg(url)
        # a daemon outlives server restarts: test pooled connections before use
        options["pool_pre_ping"] = True
    else:
        path = _sqlite_file(url)
        if path is not None:
            try:
                path.expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StorageError(
                    f"cannot open database {display(url)}: cannot create folder "
                    f"{path.expanduser().parent}: {e.strerror or e}"
                ) from e
            url = url.set(database=os.fspath(path.expanduser()))
    try:
        engine = sa.create_engine(url, **options)
    except (ArgumentError, NoSuchModuleError) as e:
        raise StorageError(f"cannot use database {display(url)}: {e}") from e
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _require_psycopg(url: URL) -> None:
    """StorageError naming the command that installs the PostgreSQL driver when it cannot be
    imported. psycopg is an extra (``kfilm-tracker[postgresql]``), so a SQLite user does not
    install it; without it SQLAlchemy fails deep inside with a bare ``ModuleNotFoundError``."""
    try:
        importlib.import_module("psycopg")
    except ImportError as e:
        # psycopg without libpq or its binary package says so over several lines: keep one
        why = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise StorageError(
            f"cannot use database {display(url)}: its driver, psycopg, is not installed ({why})",
            hint="install it with: pip install 'kfilm-tracker[postgresql]'",
        ) from e


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # take BEGIN away from the sqlite3 module (it skips it for SELECT and DDL, so reads were
        # not repeatable and migrations not transactional); _on_begin emits it instead
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # WAL: readers never block the writer; NORMAL is durable enough with WAL
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # a write transaction takes the write lock up front: a deferred one that reads first
        # and upgrades later fails with SQLITE_BUSY at once, busy_timeout or not
        if conn.get_execution_options().get(WRITE):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed on success and rolled back on error."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITE: True})
        with conn.begin():
            yield conn


def alembic_config(connection: Connection | None = None) -> Config:
    """A programmatic Alembic config: no alembic.ini needed at run time."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", os.fspath(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema, in one transaction. Idempotent."""
    from alembic import command
    from alembic.util import CommandError

    try:
        with write_transaction(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
            command.upgrade(alembic_config(conn), "head")
    except CommandError as e:
        raise StorageError(
            f"cannot migrate database {display(engine.url)}: {e}",
            hint="is it a kfilm-tracker database, and not one of a newer version?",
        ) from e


def migrate_if_due(engine: Engine) -> None:
    """Migrate unless the database is already at ``HEAD``: the common case costs one query."""
    if current_revision(engine) != HEAD:
        migrate(engine)


_VERSION_TABLE = sa.table("alembic_version", sa.column("version_num", sa.String))


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, None when it was never migrated."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.scalar(sa.select(_VERSION_TABLE.c.version_num))
