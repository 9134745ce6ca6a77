"""The SQL storage: one object with every store's queries over one database (SQLite by
default, or PostgreSQL shared by several instances).

Owns wiring the stores (``feeds``, ``entries``, ``films``, ``ledger``, ``health``) to one
``Database`` and the storage's lifecycle. ``open_storage(url)`` is how the wiring
(``tracker.app``) and the tests get one; everyone else sees it through the ``Storage``
Protocol (``tracker.storage.protocol``). Must not hold queries itself: each belongs to the
store of what it stores.
"""

from __future__ import annotations

from types import TracebackType

from tracker.storage.database import Database
from tracker.storage.entries import EntryStore, upsert_statement
from tracker.storage.feeds import FeedStore
from tracker.storage.films import FilmStore
from tracker.storage.health import HealthStore
from tracker.storage.ledger import LedgerStore


class SqlStorage(FeedStore, EntryStore, FilmStore, LedgerStore, HealthStore):
    """Feeds, entries, films, the digest ledger and the runs in one database. Close when done."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self._entry_upsert = upsert_statement(database)
        #: the database URL with its password masked, for messages and ``tracker status``
        self.url_for_display: str = database.url_for_display
        self.any_thread: bool = database.any_thread

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> SqlStorage:
        """Open (and by default migrate) the database at ``url``; creates a SQLite file's folder."""
        return cls(Database.open(url, migrate=migrate))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SqlStorage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqlStorage({self.url_for_display!r})"


def open_storage(url: str, *, migrate: bool = True) -> SqlStorage:
    """The storage at ``url``, migrated to the newest schema when it is not already."""
    return SqlStorage.open(url, migrate=migrate)
