"""The plumbing every store shares: one engine, its transactions, and SQLAlchemy's errors turned
into ``StorageError``.

Owns opening a database (connect, check, migrate when due), read and write transactions, the
dialect's INSERT with ON CONFLICT, and the password-masked URL for messages. Must not know about
feeds, entries, films or digests: the stores (``feeds``, ``entries``, ``films``, ``ledger``) do.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError, StatementError
from sqlalchemy.pool import SingletonThreadPool

from tracker.exceptions import StorageError
from tracker.storage import engine as _engine

# a result row read by attribute; Row's type parameters differ between SQLAlchemy 2.0 and 2.1
Row = Any

#: with less free space than this beside a SQLite file, an I/O error is blamed on a full disk:
#: SQLite reports a full disk as "disk I/O error" when it cannot even grow its shared-memory file
NEARLY_FULL = 1024 * 1024
#: PostgreSQL's SQLSTATE for disk_full
PG_DISK_FULL = "53100"


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
            raise StorageError(database.open_message(e), hint=database.open_hint(e)) from e
        if not migrate:
            return database
        try:
            _engine.migrate_if_due(engine)
        except SQLAlchemyError as e:
            engine.dispose()
            # a new database on a full disk fails here too: say so, not "is it ours?"
            raise StorageError(
                f"cannot migrate database {database.url_for_display}: {describe(e)}",
                hint=database.diagnose(e)
                or "is it a kfilm-tracker database, and not one of a newer version?",
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

    def open_hint(self, error: SQLAlchemyError | None = None) -> str:
        if error is not None and (diagnosed := self.diagnose(error)):
            return diagnosed
        if self.is_postgresql:
            return "check that the server runs and the URL, user and database are right"
        return "check that the folder exists and is writable ([database] url in the config)"

    def diagnose(self, error: SQLAlchemyError) -> str | None:
        """What really happened, as a hint, when the driver or the disk can tell: a full disk,
        a file this user may not write. None when neither can."""
        orig = getattr(error, "orig", None)
        name = str(getattr(orig, "sqlite_errorname", "") or "")
        if name == "SQLITE_FULL" or getattr(orig, "sqlstate", None) == PG_DISK_FULL:
            where = "the PostgreSQL server's disk" if self.is_postgresql else self._disk()
            return f"{where} is full: free some space, then run the command again"
        if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")):
            return f"this user may not write {self.url.database} or its folder"
        full = self.disk_full()
        return f"{full}: free some space, then run the command again" if full else None

    def disk_full(self) -> str | None:
        """``the disk holding FOLDER is full (N bytes free)`` when a SQLite file's disk has less
        than ``NEARLY_FULL`` free, else None (PostgreSQL's disk is the server's to watch)."""
        free = self._free_bytes()
        if free is None or free >= NEARLY_FULL:
            return None
        return f"{self._disk()} is full ({free:,} bytes free)"

    def _disk(self) -> str:
        folder = Path(self.url.database or ".").parent
        return f"the disk holding {os.fspath(folder)}"

    def _free_bytes(self) -> int | None:
        """Free space beside a SQLite file; None for PostgreSQL, memory, or when unknown."""
        if self.is_postgresql or self.url.database in (None, "", ":memory:"):
            return None
        try:
            return shutil.disk_usage(Path(self.url.database).parent).free
        except OSError:
            return None

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
            raise self._failed(action, e) from e
        except SQLAlchemyError as e:
            raise self._failed(action, e) from e

    def _failed(self, action: str, error: SQLAlchemyError) -> StorageError:
        reason = describe(error)
        return StorageError(
            f"cannot {action} ({self.url_for_display}): {reason}",
            hint=self.diagnose(error),
            reason=reason,
        )

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
