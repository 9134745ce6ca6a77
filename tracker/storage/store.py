"""The storage adapter: feeds, their polling state and their entries, in SQLite or PostgreSQL.

Owns every query (SQLAlchemy 2 Core, one code path for both backends), the transaction of one
feed update, the multi-instance feed leases, and translating SQLAlchemy's errors into
``StorageError``. Must not fetch, parse, decide what changed or read the clock: callers pass
``now`` and ready-made intents (``tracker.types``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from alembic.util import CommandError
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError, StatementError

from tracker.exceptions import StorageError
from tracker.storage import engine as _engine
from tracker.storage.schema import UTCDateTime, digests, entry_films, feeds, films
from tracker.storage.schema import entries as entries_table
from tracker.types import (
    DigestRecord,
    DigestStatus,
    Entry,
    EntryForUpdate,
    EntryUpdateIntent,
    FeedForUpdate,
    FeedSpec,
    FeedStatus,
    FeedUpdateIntent,
    FilmCard,
    KnownFilm,
)

# entry columns an update may change; first_seen_at (and the keys) never change
_ENTRY_UPDATABLE = (
    "identity_source",
    "guid",
    "title",
    "link",
    "published_at",
    "updated_at",
    "last_seen_at",
    "summary",
    "content",
    "author",
    "categories",
    "image",
    "extra",
    "content_hash",
)

# a result row read by attribute; Row's type parameters differ between SQLAlchemy 2.0 and 2.1
_Row = Any

_DISPLAY_TITLE = sa.func.coalesce(feeds.c.title, feeds.c.feed_title)


def _describe(error: SQLAlchemyError) -> str:
    """The driver's own message (first line), without SQLAlchemy's SQL dump and background link."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        text = str(error.orig)
    else:
        text = str(error)
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


class Storage:
    """Feeds and entries in one database. Open with ``Storage.open(url)``; close when done."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self._engine = engine
        self._url = url
        #: the database URL with its password masked, for messages and ``tracker status``
        self.url_for_display: str = _engine.display(url)
        self._is_postgresql = engine.dialect.name == "postgresql"
        # one statement for new and modified entries alike: a new entry that another instance
        # stored meanwhile (a race) becomes an update instead of an IntegrityError, and a
        # modified one keeps its id and first_seen_at. Built once: building ``excluded`` per
        # call was a third of the hot path.
        insert = self._insert(entries_table)
        self._entry_upsert = insert.on_conflict_do_update(
            index_elements=[entries_table.c.feed_id, entries_table.c.identity],
            set_={name: insert.excluded[name] for name in _ENTRY_UPDATABLE},
        )

    # -- lifecycle --------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Storage:
        """Open (and by default migrate) the database at ``url``; creates a SQLite file's folder."""
        parsed = _engine.parse_url(url)
        engine = _engine.create_engine(parsed)
        storage = cls(engine, parsed)
        try:
            with engine.connect() as conn:
                conn.execute(sa.select(1))
        except SQLAlchemyError as e:
            engine.dispose()
            raise StorageError(storage._open_message(e), hint=storage._open_hint()) from e
        if not migrate:
            return storage
        try:
            _engine.migrate(engine)
        except (CommandError, SQLAlchemyError) as e:
            engine.dispose()
            reason = _describe(e) if isinstance(e, SQLAlchemyError) else str(e)
            raise StorageError(
                f"cannot migrate database {storage.url_for_display}: {reason}",
                hint="is it a kfilm-tracker database, and not one of a newer version?",
            ) from e
        return storage

    def _open_message(self, error: SQLAlchemyError) -> str:
        if self._is_postgresql:
            where = self._url.set(drivername="postgresql")
            return f"cannot connect to PostgreSQL at {_engine.display(where)}: {_describe(error)}"
        return f"cannot open database {self.url_for_display}: {_describe(error)}"

    def _open_hint(self) -> str:
        if self._is_postgresql:
            return "check that the server runs and the URL, user and database are right"
        return "check that the folder exists and is writable ([database] url in the config)"

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Storage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Storage({self.url_for_display!r})"

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except StatementError as e:
            # a bad value (a naive datetime...) fails while binding, before the database sees it:
            # that is the caller's bug, so it raises as itself, not as a StorageError
            if not isinstance(e, DBAPIError) and isinstance(e.orig, ValueError | TypeError):
                raise e.orig from None
            raise StorageError(f"cannot {action} ({self.url_for_display}): {_describe(e)}") from e
        except SQLAlchemyError as e:
            raise StorageError(f"cannot {action} ({self.url_for_display}): {_describe(e)}") from e

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        with self._errors(action), _engine.write_transaction(self._engine) as conn:
            yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        with self._errors(action), self._engine.connect() as conn, conn.begin():
            yield conn

    def _insert(self, table: sa.Table) -> Any:
        """The dialect's INSERT, which has ON CONFLICT (both SQLite and PostgreSQL spell it so)."""
        return postgresql.insert(table) if self._is_postgresql else sqlite.insert(table)

    # -- feeds ------------------------------------------------------------------------------

    def sync_feeds(self, specs: Sequence[FeedSpec], *, now: datetime) -> None:
        """Make the followed feeds exactly ``specs`` (the config is the single source of truth).

        Upserts each spec; every other feed becomes unfollowed but keeps its state and entries.
        New feeds have no ``next_poll_at``: they are due at once. A feed that went 410 Gone is
        polled again (due at once) when it is re-added after being dropped, or when its entry in
        the config changes (title, site or kind): that is the user saying "try it again".
        """
        wanted: dict[str, FeedSpec] = {}
        for spec in specs:
            wanted.setdefault(spec.url, spec)
        with self._write("sync the followed feeds") as conn:
            rows = conn.execute(
                sa.select(
                    feeds.c.id,
                    feeds.c.url,
                    feeds.c.followed,
                    feeds.c.title,
                    feeds.c.site,
                    feeds.c.kind,
                    feeds.c.gone_at,
                )
            ).all()
            existing = {row.url: row.id for row in rows}
            current = {row.url: row for row in rows}
            revived = [
                {"b_id": row.id, "b_now": now}
                for row in rows
                if row.gone_at is not None
                and row.url in wanted
                and (
                    not row.followed
                    or (row.title, row.site, row.kind)
                    != (
                        wanted[row.url].title,
                        wanted[row.url].site,
                        str(wanted[row.url].kind),
                    )
                )
            ]
            new = [
                {
                    "url": spec.url,
                    "title": spec.title,
                    "site": spec.site,
                    "kind": str(spec.kind),
                    "followed": True,
                    "consecutive_errors": 0,
                    "created_at": now,
                    "updated_at": now,
                }
                for url, spec in wanted.items()
                if url not in existing
            ]
            if new:
                conn.execute(sa.insert(feeds), new)
            kept = [
                {
                    "b_id": existing[url],
                    "title": spec.title,
                    "site": spec.site,
                    "kind": str(spec.kind),
                    "followed": True,
                    "updated_at": now,
                }
                for url, spec in wanted.items()
                if url in existing
                # the daemon syncs every minute: write only what the config changed
                and (
                    current[url].followed,
                    current[url].title,
                    current[url].site,
                    current[url].kind,
                )
                != (True, spec.title, spec.site, str(spec.kind))
            ]
            if kept:
                conn.execute(
                    sa.update(feeds).where(feeds.c.id == sa.bindparam("b_id")),
                    kept,
                )
            if revived:
                conn.execute(
                    sa.update(feeds)
                    .where(feeds.c.id == sa.bindparam("b_id"))
                    .values(
                        gone_at=None,
                        next_poll_at=None,
                        updated_at=sa.bindparam("b_now", type_=UTCDateTime()),
                    ),
                    revived,
                )
            dropped = [{"b_id": id_} for url, id_ in existing.items() if url not in wanted]
            if dropped:
                conn.execute(
                    sa.update(feeds)
                    .where(feeds.c.id == sa.bindparam("b_id"), feeds.c.followed)
                    .values(followed=False, updated_at=now),
                    dropped,
                )

    def _feed_for_update(self, row: _Row) -> FeedForUpdate:
        return FeedForUpdate(
            url=row.url,
            title=row.display_title,
            etag=row.etag,
            last_modified=row.last_modified,
            next_poll_at=row.next_poll_at,
            last_success_at=row.last_success_at,
            consecutive_errors=row.consecutive_errors,
            polled_before=row.first_polled_at is not None,
            effective_url=row.effective_url,
            redirect_url=row.redirect_url,
            redirect_since=row.redirect_since,
            gone=row.gone_at is not None,
            ttl=timedelta(seconds=row.ttl_seconds) if row.ttl_seconds else None,
        )

    _FOR_UPDATE_COLUMNS = (
        feeds.c.url,
        _DISPLAY_TITLE.label("display_title"),
        feeds.c.etag,
        feeds.c.last_modified,
        feeds.c.next_poll_at,
        feeds.c.last_success_at,
        feeds.c.consecutive_errors,
        feeds.c.first_polled_at,
        feeds.c.effective_url,
        feeds.c.redirect_url,
        feeds.c.redirect_since,
        feeds.c.gone_at,
        feeds.c.ttl_seconds,
    )

    @staticmethod
    def _due(now: datetime) -> sa.ColumnElement[bool]:
        # a gone feed (410) is never due: only re-adding it (sync_feeds) or a named poll revives it
        return sa.and_(
            feeds.c.gone_at.is_(None),
            sa.or_(
                feeds.c.next_poll_at.is_(None),
                feeds.c.next_poll_at <= sa.literal(now, UTCDateTime()),
            ),
        )

    def get_feeds_for_update(
        self,
        *,
        now: datetime,
        due_only: bool = False,
        urls: Sequence[str] | None = None,
    ) -> list[FeedForUpdate]:
        """Followed feeds with what polling needs; ``due_only`` keeps the ones due at ``now``.

        Gone feeds (410) are left out unless named in ``urls``: asking for a feed by name is how
        a user tries it again."""
        query = sa.select(*self._FOR_UPDATE_COLUMNS).where(feeds.c.followed).order_by(feeds.c.id)
        if due_only:
            query = query.where(self._due(now))
        if urls is not None:
            query = query.where(feeds.c.url.in_(list(urls)))
        else:
            query = query.where(feeds.c.gone_at.is_(None))
        with self._read("read the feeds") as conn:
            return [self._feed_for_update(row) for row in conn.execute(query)]

    def claim_due_feeds(
        self,
        *,
        owner: str,
        now: datetime,
        lease: timedelta,
        limit: int | None = None,
    ) -> list[FeedForUpdate]:
        """Lease the due followed feeds nobody else holds (or whose lease expired) to ``owner``.

        Atomic across instances: PostgreSQL locks the chosen rows with ``FOR UPDATE SKIP LOCKED``
        (a concurrent claimer skips them instead of waiting); SQLite takes the write lock up front
        (BEGIN IMMEDIATE), so claims are serialized. Never-polled feeds come first, then the most
        overdue.
        """
        if lease <= timedelta(0):
            raise ValueError("lease must be positive")
        at = sa.literal(now, UTCDateTime())
        pick = (
            sa.select(feeds.c.id)
            .where(
                feeds.c.followed,
                self._due(now),
                sa.or_(feeds.c.lease_until.is_(None), feeds.c.lease_until <= at),
            )
            .order_by(feeds.c.next_poll_at.asc().nulls_first(), feeds.c.id)
            .with_for_update(skip_locked=True)
        )
        if limit is not None:
            pick = pick.limit(limit)
        with self._write("claim due feeds") as conn:
            ids = list(conn.scalars(pick))
            if not ids:
                return []
            conn.execute(
                sa.update(feeds)
                .where(feeds.c.id.in_(ids))
                .values(lease_owner=owner, lease_until=now + lease)
            )
            rows = conn.execute(
                sa.select(*self._FOR_UPDATE_COLUMNS)
                .where(feeds.c.id.in_(ids))
                .order_by(feeds.c.next_poll_at.asc().nulls_first(), feeds.c.id)
            )
            return [self._feed_for_update(row) for row in rows]

    # -- entries ----------------------------------------------------------------------------

    def get_entries_for_update(self, feed_url: str) -> dict[str, str]:
        """identity -> content_hash of every stored entry of one feed."""
        query = (
            sa.select(entries_table.c.identity, entries_table.c.content_hash)
            .join(feeds, feeds.c.id == entries_table.c.feed_id)
            .where(feeds.c.url == feed_url)
        )
        with self._read("read stored entries") as conn:
            return {row.identity: row.content_hash for row in conn.execute(query)}

    def get_entry_keys(self, feed_url: str) -> list[EntryForUpdate]:
        """Every stored entry of one feed with what recognises it under another identity (link,
        title, guid, date): for feeds whose guids change on every poll."""
        e = entries_table
        query = (
            sa.select(
                e.c.identity,
                e.c.content_hash,
                e.c.link,
                e.c.title,
                e.c.guid,
                e.c.identity_source,
                e.c.published_at,
            )
            .join(feeds, feeds.c.id == e.c.feed_id)
            .where(feeds.c.url == feed_url)
            .order_by(e.c.id)
        )
        with self._read("read stored entries") as conn:
            return [
                EntryForUpdate(
                    row.identity,
                    row.content_hash,
                    link=row.link,
                    title=row.title,
                    guid=row.guid,
                    identity_source=row.identity_source,
                    published=row.published_at,
                )
                for row in conn.execute(query)
            ]

    def store_update(
        self,
        feed: FeedUpdateIntent,
        entries: Sequence[EntryUpdateIntent],
        *,
        owner: str | None = None,
    ) -> None:
        """Record one poll's outcome and its new or changed entries, in ONE transaction.

        Releases the feed's lease. With ``owner`` the write is fenced: if another instance took
        the lease meanwhile, nothing is written and StorageError is raised.
        """
        for intent in entries:
            if intent.feed_url != feed.url:
                raise ValueError(f"entry of {intent.feed_url} stored with feed {feed.url}")
        checked = feed.checked_at
        values: dict[str, Any] = {
            "next_poll_at": feed.next_poll_at,
            "last_checked_at": checked,
            "http_status": feed.http_status,
            "updated_at": checked,
            "lease_owner": None,
            "lease_until": None,
        }
        if feed.redirect_known:
            values |= {"redirect_url": feed.redirect_url, "redirect_since": feed.redirect_since}
        if feed.move_to is not None:
            values["effective_url"] = feed.move_to
        if feed.success:
            values |= {
                "gone_at": None,
                "etag": feed.etag,
                "last_modified": feed.last_modified,
                "last_success_at": checked,
                "consecutive_errors": 0,
                "last_error": None,
                "first_polled_at": sa.func.coalesce(
                    feeds.c.first_polled_at, sa.literal(checked, UTCDateTime())
                ),
            }
            # a 304 has no document: keep what the last one said
            if feed.title is not None:
                values["feed_title"] = feed.title
            if feed.version is not None:
                values["version"] = feed.version
                # a document was read: its ttl (or its lack of one) replaces the stored one
                values["ttl_seconds"] = int(feed.ttl.total_seconds()) if feed.ttl else None
            if feed.final_url is not None:
                values["final_url"] = feed.final_url
        else:
            values |= {
                "last_error": feed.error or "unknown error",
                "consecutive_errors": feed.consecutive_errors,
            }
            if feed.gone:
                values["gone_at"] = sa.func.coalesce(
                    feeds.c.gone_at, sa.literal(checked, UTCDateTime())
                )
        with self._write(f"store the update of {feed.url}") as conn:
            feed_id = conn.scalar(sa.select(feeds.c.id).where(feeds.c.url == feed.url))
            if feed_id is None:
                raise StorageError(
                    f"cannot store the update of {feed.url}: not a known feed",
                    hint="sync the followed feeds first",
                )
            update = sa.update(feeds).where(feeds.c.id == feed_id).values(values)
            if owner is not None:
                update = update.where(
                    sa.or_(feeds.c.lease_owner == owner, feeds.c.lease_owner.is_(None))
                )
            if conn.execute(update).rowcount != 1:
                # raising inside the transaction rolls back: no entry of a lost lease is stored
                raise StorageError(
                    f"lost the lease on {feed.url}: another instance is polling it; "
                    "this update was discarded"
                )
            if entries:
                self._upsert_entries(conn, feed_id, checked, entries)

    def store_not_modified(
        self, intents: Sequence[FeedUpdateIntent], *, owner: str | None = None
    ) -> None:
        """Record many 304 Not Modified outcomes in one transaction (one executemany).

        A warm poll is mostly 304s: a transaction per feed would cost more than the requests.
        Feeds whose lease another instance holds are skipped (their poll is its business now).
        """
        if not intents:
            return
        fence = sa.or_(
            feeds.c.lease_owner == sa.bindparam("b_owner"), feeds.c.lease_owner.is_(None)
        )
        statement = (
            sa.update(feeds)
            .where(feeds.c.url == sa.bindparam("b_url"), fence)
            .values(
                next_poll_at=sa.bindparam("b_next", type_=UTCDateTime()),
                last_checked_at=sa.bindparam("b_checked", type_=UTCDateTime()),
                last_success_at=sa.bindparam("b_checked2", type_=UTCDateTime()),
                updated_at=sa.bindparam("b_checked3", type_=UTCDateTime()),
                http_status=sa.bindparam("b_status"),
                etag=sa.bindparam("b_etag"),
                last_modified=sa.bindparam("b_last_modified"),
                consecutive_errors=0,
                last_error=None,
                lease_owner=None,
                lease_until=None,
                gone_at=None,
                redirect_url=sa.bindparam("b_redirect"),
                redirect_since=sa.bindparam("b_redirect_since", type_=UTCDateTime()),
                effective_url=sa.func.coalesce(sa.bindparam("b_move"), feeds.c.effective_url),
            )
        )
        rows = [
            {
                "b_url": i.url,
                "b_owner": owner,
                "b_next": i.next_poll_at,
                "b_checked": i.checked_at,
                "b_checked2": i.checked_at,
                "b_checked3": i.checked_at,
                "b_status": i.http_status,
                "b_etag": i.etag,
                "b_last_modified": i.last_modified,
                "b_redirect": i.redirect_url,
                "b_redirect_since": i.redirect_since,
                "b_move": i.move_to,
            }
            for i in intents
        ]
        with self._write("store not-modified feeds") as conn:
            conn.execute(statement, rows)

    def _upsert_entries(
        self,
        conn: Connection,
        feed_id: int,
        seen_at: datetime,
        intents: Sequence[EntryUpdateIntent],
    ) -> None:
        rows = []
        for intent in intents:
            e = intent.entry
            rows.append(
                {
                    "feed_id": feed_id,
                    "identity": e.identity,
                    "identity_source": e.identity_source,
                    "guid": e.guid,
                    "title": e.title,
                    "link": e.link,
                    "published_at": intent.published_at,
                    "updated_at": e.updated,
                    "first_seen_at": intent.first_seen_at,
                    "last_seen_at": seen_at,
                    "summary": e.summary,
                    "content": e.content,
                    "author": e.author,
                    "categories": json.dumps(list(e.categories), ensure_ascii=False),
                    "image": e.image,
                    "extra": json.dumps(dict(e.extra), ensure_ascii=False, sort_keys=True),
                    "content_hash": intent.content_hash,
                }
            )
        conn.execute(self._entry_upsert, rows)

    def _entry_query(self) -> sa.Select[Any]:
        return sa.select(
            entries_table,
            feeds.c.url.label("feed_url"),
            _DISPLAY_TITLE.label("feed_display_title"),
        ).join(feeds, feeds.c.id == entries_table.c.feed_id)

    @staticmethod
    def _entry(row: _Row) -> Entry:
        categories = json.loads(row.categories) if row.categories else []
        extra: Mapping[str, str] = json.loads(row.extra) if row.extra else {}
        return Entry(
            id=row.id,
            feed_url=row.feed_url,
            identity=row.identity,
            title=row.title,
            link=row.link,
            published_at=row.published_at,
            first_seen_at=row.first_seen_at,
            summary=row.summary,
            content=row.content,
            author=row.author,
            categories=tuple(categories),
            image=row.image,
            feed_title=row.feed_display_title,
            extra=extra,
            identity_source=row.identity_source,
        )

    def list_entries(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        feed_urls: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        """Entries first seen in ``[since, until)``, newest first (by first seen, then id)."""
        query = self._entry_query().order_by(
            entries_table.c.first_seen_at.desc(), entries_table.c.id.desc()
        )
        if since is not None:
            query = query.where(entries_table.c.first_seen_at >= sa.literal(since, UTCDateTime()))
        if until is not None:
            query = query.where(entries_table.c.first_seen_at < sa.literal(until, UTCDateTime()))
        if feed_urls is not None:
            query = query.where(feeds.c.url.in_(list(feed_urls)))
        if limit is not None:
            query = query.limit(limit)
        with self._read("list entries") as conn:
            return [self._entry(row) for row in conn.execute(query)]

    def get_entry(self, key: int | str) -> Entry | None:
        """One entry by id, or by link (the canonical link the parser stored; the newest wins)."""
        if isinstance(key, bool):
            raise TypeError("an entry key is an id or a link, not a bool")
        with self._read("read an entry") as conn:
            if isinstance(key, int):
                row = conn.execute(self._entry_query().where(entries_table.c.id == key)).first()
                return self._entry(row) if row is not None else None
            row = conn.execute(
                self._entry_query()
                .where(entries_table.c.link == key)
                .order_by(entries_table.c.first_seen_at.desc(), entries_table.c.id.desc())
                .limit(1)
            ).first()
            if row is None and key.isdigit():
                # the CLI hands every argument over as text: "42" may be an id
                row = conn.execute(
                    self._entry_query().where(entries_table.c.id == int(key))
                ).first()
            return self._entry(row) if row is not None else None

    # -- status -----------------------------------------------------------------------------

    def feed_statuses(self) -> list[FeedStatus]:
        """One row per stored feed (followed first), with its entry count."""
        counted = (
            sa.select(
                entries_table.c.feed_id,
                sa.func.count().label("n"),
                sa.func.max(entries_table.c.first_seen_at).label("newest"),
            )
            .group_by(entries_table.c.feed_id)
            .subquery()
        )
        query = (
            sa.select(
                feeds,
                _DISPLAY_TITLE.label("display_title"),
                sa.func.coalesce(counted.c.n, 0).label("n"),
                sa.type_coerce(counted.c.newest, UTCDateTime()).label("newest"),
            )
            .outerjoin(counted, counted.c.feed_id == feeds.c.id)
            .order_by(feeds.c.followed.desc(), feeds.c.id)
        )
        with self._read("read feed statuses") as conn:
            return [
                FeedStatus(
                    url=row.url,
                    title=row.display_title,
                    followed=bool(row.followed),
                    entries=int(row.n),
                    last_checked_at=row.last_checked_at,
                    last_success_at=row.last_success_at,
                    next_poll_at=row.next_poll_at,
                    consecutive_errors=row.consecutive_errors,
                    last_error=row.last_error,
                    http_status=row.http_status,
                    version=row.version,
                    first_polled_at=row.first_polled_at,
                    gone_at=row.gone_at,
                    moved_to=row.effective_url,
                    redirect_url=row.redirect_url,
                    redirect_since=row.redirect_since,
                    last_entry_at=row.newest,
                )
                for row in conn.execute(query)
            ]

    def counts(self) -> dict[str, int]:
        """``feeds`` followed, ``entries`` of followed feeds, ``failing`` followed feeds (gone
        ones included)."""
        followed = sa.select(feeds.c.id).where(feeds.c.followed).scalar_subquery()
        with self._read("count feeds and entries") as conn:
            n_feeds = conn.scalar(sa.select(sa.func.count()).where(feeds.c.followed))
            n_failing = conn.scalar(
                sa.select(sa.func.count()).where(feeds.c.followed, feeds.c.consecutive_errors > 0)
            )
            n_entries = conn.scalar(
                sa.select(sa.func.count()).where(entries_table.c.feed_id.in_(followed))
            )
        return {"feeds": n_feeds or 0, "entries": n_entries or 0, "failing": n_failing or 0}

    # -- the digest ledger ------------------------------------------------------------------

    #: a claim that never reached ``sending`` (the process died while rendering) expires
    CLAIM_TIMEOUT = timedelta(hours=1)

    def claim_digest(
        self,
        *,
        recipient: str,
        week: str,
        message_id: str,
        now: datetime,
        force: bool = False,
        owner: str | None = None,
    ) -> bool:
        """Claim the right to send ``week`` to ``recipient``. True means: you send it.

        A unique insert, so of two racing processes exactly one wins. An existing row is taken
        over only when ``force`` is set, when it failed temporarily and its retry time has come,
        or when it is a stale claim (never reached ``sending``). A ``sent`` or ``sending`` row is
        never taken over without ``force``.
        """
        with self._write("claim a digest") as conn:
            inserted = conn.execute(
                self._insert(digests)
                .values(
                    recipient=recipient,
                    week=week,
                    status=str(DigestStatus.CLAIMED),
                    message_id=message_id,
                    attempts=1,
                    owner=owner,
                    claimed_at=now,
                    updated_at=now,
                )
                .on_conflict_do_nothing(index_elements=[digests.c.recipient, digests.c.week])
                # rowcount is -1 for an INSERT on PostgreSQL here; RETURNING says it plainly
                .returning(digests.c.id)
            ).first()
            if inserted is not None:
                return True
            takeover = sa.update(digests).where(
                digests.c.recipient == recipient, digests.c.week == week
            )
            if not force:
                at = sa.literal(now, UTCDateTime())
                stale = sa.literal(now - self.CLAIM_TIMEOUT, UTCDateTime())
                takeover = takeover.where(
                    sa.or_(
                        sa.and_(
                            digests.c.status == str(DigestStatus.FAILED),
                            digests.c.retry_at.is_not(None),
                            digests.c.retry_at <= at,
                        ),
                        sa.and_(
                            digests.c.status == str(DigestStatus.CLAIMED),
                            digests.c.claimed_at <= stale,
                        ),
                    )
                )
            updated = conn.execute(
                takeover.values(
                    status=str(DigestStatus.CLAIMED),
                    message_id=message_id,
                    attempts=digests.c.attempts + 1,
                    owner=owner,
                    claimed_at=now,
                    updated_at=now,
                    retry_at=None,
                    error=None,
                )
            )
            return updated.rowcount == 1

    def mark_digest(
        self,
        *,
        recipient: str,
        week: str,
        status: DigestStatus,
        now: datetime,
        error: str | None = None,
        retry_at: datetime | None = None,
    ) -> None:
        """Move a claimed digest along: ``sending``, then ``sent`` or ``failed``."""
        values: dict[str, Any] = {
            "status": str(status),
            "updated_at": now,
            "error": error,
            "retry_at": retry_at,
        }
        if status is DigestStatus.SENT:
            values["sent_at"] = now
        with self._write("record a digest's state") as conn:
            result = conn.execute(
                sa.update(digests)
                .where(digests.c.recipient == recipient, digests.c.week == week)
                .values(**values)
            )
            if result.rowcount != 1:
                raise StorageError(f"no digest {week} for {recipient} in the ledger")

    def list_digests(self, *, limit: int | None = None) -> list[DigestRecord]:
        """The ledger, newest week first."""
        query = sa.select(digests).order_by(digests.c.week.desc(), digests.c.recipient)
        if limit is not None:
            query = query.limit(limit)
        with self._read("read the digest ledger") as conn:
            return [
                DigestRecord(
                    recipient=row.recipient,
                    week=row.week,
                    status=DigestStatus(row.status),
                    message_id=row.message_id,
                    attempts=row.attempts,
                    claimed_at=row.claimed_at,
                    updated_at=row.updated_at,
                    sent_at=row.sent_at,
                    error=row.error,
                    retry_at=row.retry_at,
                )
                for row in conn.execute(query)
            ]

    def retry_due_weeks(self, *, now: datetime) -> list[str]:
        """Weeks with a temporarily failed digest whose retry time has come."""
        query = (
            sa.select(digests.c.week)
            .where(
                digests.c.status == str(DigestStatus.FAILED),
                digests.c.retry_at.is_not(None),
                digests.c.retry_at <= sa.literal(now, UTCDateTime()),
            )
            .distinct()
            .order_by(digests.c.week)
        )
        with self._read("read the digest ledger") as conn:
            return [row.week for row in conn.execute(query)]

    # -- films ------------------------------------------------------------------------------

    def known_films(self, base_keys: Sequence[str]) -> dict[str, list[KnownFilm]]:
        """Films remembered under these base keys (title without year), by base key."""
        wanted = sorted(set(base_keys))
        if not wanted:
            return {}
        found: dict[str, list[KnownFilm]] = {}
        with self._read("read known films") as conn:
            rows = conn.execute(sa.select(films).where(films.c.base_key.in_(wanted)))
            for row in rows:
                found.setdefault(row.base_key, []).append(_known_film(row))
        return found

    def remember_films(
        self,
        cards: Sequence[tuple[str, FilmCard]],
        links: Sequence[tuple[int, str, str]],
        *,
        now: datetime,
    ) -> None:
        """Upsert films (given as (base key, card)) and link entries to them: what a film
        gained this week (a date, a poster) is kept; nothing known is forgotten."""
        if not cards:
            return
        with self._write("remember films") as conn:
            for base_key, card in cards:
                values = {
                    "key": card.key,
                    "base_key": base_key,
                    "title": card.title,
                    "title_hangul": card.title_hangul,
                    "year": card.year,
                    "platform": card.platform,
                    "release_date": card.release_date,
                    "poster": card.poster,
                    "created_at": now,
                    "updated_at": now,
                }
                insert = self._insert(films).values(values)
                keep = {
                    name: sa.func.coalesce(insert.excluded[name], getattr(films.c, name))
                    for name in ("title_hangul", "year", "platform", "release_date", "poster")
                }
                conn.execute(
                    insert.on_conflict_do_update(
                        index_elements=[films.c.key],
                        set_={**keep, "title": insert.excluded.title, "updated_at": now},
                    )
                )
            ids = {
                row.key: row.id
                for row in conn.execute(
                    sa.select(films.c.id, films.c.key).where(
                        films.c.key.in_({card.key for _, card in cards})
                    )
                )
            }
            rows = [
                {"entry_id": entry_id, "film_id": ids[key], "role": role}
                for entry_id, key, role in links
                if key in ids
            ]
            if rows:
                link = self._insert(entry_films)
                conn.execute(
                    link.on_conflict_do_update(
                        index_elements=[entry_films.c.entry_id, entry_films.c.film_id],
                        set_={"role": link.excluded.role},
                    ),
                    rows,
                )

    def films_of_entry(self, entry_id: int) -> list[tuple[KnownFilm, str]]:
        """The films an entry was linked to by a digest, with its role."""
        query = (
            sa.select(films, entry_films.c.role)
            .join(entry_films, entry_films.c.film_id == films.c.id)
            .where(entry_films.c.entry_id == entry_id)
        )
        with self._read("read an entry's films") as conn:
            return [(_known_film(row), row.role) for row in conn.execute(query)]


def _known_film(row: _Row) -> KnownFilm:
    return KnownFilm(
        key=row.key,
        base_key=row.base_key,
        title=row.title,
        updated_at=row.updated_at,
        title_hangul=row.title_hangul,
        year=row.year,
        platform=row.platform,
        release_date=row.release_date,
        poster=row.poster,
    )
