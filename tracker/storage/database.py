"""The plumbing every store shares: one engine, its transactions, and SQLAlchemy's errors turned
into ``StorageError``.

Owns opening a database (connect, check, migrate when due), read and write transactions, the
dialect's INSERT with ON CONFLICT, and the password-masked URL for messages. Must not know about
feeds, entries, films or digests: the stores (``feeds``, ``entries``, ``films``, ``ledger``) do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError, StatementError
from sqlalchemy.pool import SingletonThreadPool

from tracker.exceptions import StorageError
from tracker.storage import engine as _engine

# a result row read by attribute; Row's type parameters differ between SQLAlchemy 2.0 and 2.1
Row = Any


def describe(error: SQLAlchemyError) -> str:
    """The driver's own message (first line), without SQLAlchemy's SQL dump and background link."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        text = str(error.orig)
    else:
        text = str(error)
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


class Database:
    """One database: an engine and the transactions the stores run in."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url
        #: the database URL with its password masked, for messages and ``tracker status``
        self.url_for_display: str = _engine.display(url)
        self.is_postgresql = engine.dialect.name == "postgresql"
        #: whether a call may come from another thread than the last: not for SQLite in memory,
        #: where each thread has a connection, and so a database, of its own
        self.any_thread = not isinstance(engine.pool, SingletonThreadPool)

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Database:
        """Open the database at ``url`` and bring its schema up to date (``migrate``): one read
        of the version row, and Alembic only when an upgrade is due."""
        parsed = _engine.parse_url(url)
        engine = _engine.create_engine(parsed)
        database = cls(engine, parsed)
        try:
            with engine.connect() as conn:
                conn.execute(sa.select(1))
        except SQLAlchemyError as e:
            engine.dispose()
            raise StorageError(database.open_message(e), hint=database.open_hint()) from e
        if not migrate:
            return database
        try:
            _engine.migrate_if_due(engine)
        except SQLAlchemyError as e:
            engine.dispose()
            raise StorageError(
                f"cannot migrate database {database.url_for_display}: {describe(e)}",
                hint="is it a kfilm-tracker database, and not one of a newer version?",
            ) from e
        except StorageError:
            engine.dispose()
            raise
        return database

    def open_message(self, error: SQLAlchemyError) -> str:
        if self.is_postgresql:
            where = self.url.set(drivername="postgresql")
            return f"cannot connect to PostgreSQL at {_engine.display(where)}: {describe(error)}"
        return f"cannot open database {self.url_for_display}: {describe(error)}"

    def open_hint(self) -> str:
        if self.is_postgresql:
            return "check that the server runs and the URL, user and database are right"
        return "check that the folder exists and is writable ([database] url in the config)"

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except StatementError as e:
            # a bad value (a naive datetime...) fails while binding, before the database sees it:
            # that is the caller's bug, so it raises as itself, not as a StorageError
            if not isinstance(e, DBAPIError) and isinstance(e.orig, ValueError | TypeError):
                raise e.orig from None
            raise StorageError(f"cannot {action} ({self.url_for_display}): {describe(e)}") from e
        except SQLAlchemyError as e:
            raise StorageError(f"cannot {action} ({self.url_for_display}): {describe(e)}") from e

    @contextmanager
    def write(self, action: str) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE on SQLite), committed when the block ends."""
        with self.errors(action), _engine.write_transaction(self.engine) as conn:
            yield conn

    @contextmanager
    def read(self, action: str) -> Iterator[Connection]:
        """A read transaction: one consistent view of the database."""
        with self.errors(action), self.engine.connect() as conn, conn.begin():
            yield conn

    def insert(self, table: sa.Table) -> Any:
        """The dialect's INSERT, which has ON CONFLICT (both SQLite and PostgreSQL spell it so)."""
        # imported here: the PostgreSQL dialect costs start-up time a SQLite user never needs
        if self.is_postgresql:
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
