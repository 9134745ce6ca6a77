"""The feeds store: which feeds are followed and everything about polling them.

Owns the feed rows: syncing them with the config (the single source of truth for what is
followed), what the updater needs to poll a feed, the multi-instance leases on due feeds
(``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the write lock on SQLite), recording one poll's outcome
with its new and changed entries in ONE transaction (fenced by the lease), the batched write of
many 304s, and each feed's health for ``tracker status``. Must not fetch, parse, decide when to
poll or read the clock: callers pass ``now`` and ready-made intents.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tracker.exceptions import LeaseLostError, StorageError
from tracker.storage.database import Database, Row
from tracker.storage.entries import DISPLAY_TITLE, upsert_entries
from tracker.storage.schema import UTCDateTime, feeds
from tracker.storage.schema import entries as entries_table
from tracker.types import (
    EntryUpdateIntent,
    FeedForUpdate,
    FeedSpec,
    FeedStatus,
    FeedUpdateIntent,
)


def _feed_for_update(row: Row) -> FeedForUpdate:
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
        body_hash=row.body_hash,
    )


_FOR_UPDATE_COLUMNS = (
    feeds.c.url,
    DISPLAY_TITLE.label("display_title"),
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
    feeds.c.body_hash,
)


def _due(now: datetime) -> sa.ColumnElement[bool]:
    # a gone feed (410) is never due: only re-adding it (sync_feeds) or a named poll revives it
    return sa.and_(
        feeds.c.gone_at.is_(None),
        sa.or_(
            feeds.c.next_poll_at.is_(None),
            feeds.c.next_poll_at <= sa.literal(now, UTCDateTime()),
        ),
    )


class FeedStore:
    """Feed queries; mixed into the SQL storage, which provides ``_db``."""

    _db: Database
    #: the entry upsert, built once per storage (``upsert_statement``): building ``excluded``
    #: per call was a third of the hot path
    _entry_upsert: Any

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
        with self._db.write("sync the followed feeds") as conn:
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
        query = sa.select(*_FOR_UPDATE_COLUMNS).where(feeds.c.followed).order_by(feeds.c.id)
        if due_only:
            query = query.where(_due(now))
        if urls is not None:
            query = query.where(feeds.c.url.in_(list(urls)))
        else:
            query = query.where(feeds.c.gone_at.is_(None))
        with self._db.read("read the feeds") as conn:
            return [_feed_for_update(row) for row in conn.execute(query)]

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
                _due(now),
                sa.or_(feeds.c.lease_until.is_(None), feeds.c.lease_until <= at),
            )
            .order_by(feeds.c.next_poll_at.asc().nulls_first(), feeds.c.id)
            .with_for_update(skip_locked=True)
        )
        if limit is not None:
            pick = pick.limit(limit)
        with self._db.write("claim due feeds") as conn:
            ids = list(conn.scalars(pick))
            if not ids:
                return []
            conn.execute(
                sa.update(feeds)
                .where(feeds.c.id.in_(ids))
                .values(lease_owner=owner, lease_until=now + lease)
            )
            rows = conn.execute(
                sa.select(*_FOR_UPDATE_COLUMNS)
                .where(feeds.c.id.in_(ids))
                .order_by(feeds.c.next_poll_at.asc().nulls_first(), feeds.c.id)
            )
            return [_feed_for_update(row) for row in rows]

    def store_update(
        self,
        feed: FeedUpdateIntent,
        entries: Sequence[EntryUpdateIntent],
        *,
        owner: str | None = None,
    ) -> None:
        """Record one poll's outcome and its new or changed entries, in ONE transaction.

        Releases the feed's lease. With ``owner`` the write is fenced (``lease_owner = owner``):
        if the lease is no longer its own (another instance took it over, and may have finished
        since), nothing is written and StorageError is raised.
        """
        values = _update_values(feed, entries)
        with self._db.write(f"store the update of {feed.url}") as conn:
            self._write_update(conn, feed, entries, values, owner)

    def store_updates(
        self,
        updates: Sequence[tuple[FeedUpdateIntent, Sequence[EntryUpdateIntent]]],
        *,
        owner: str | None = None,
    ) -> None:
        """``store_update`` for several feeds in ONE transaction: all of them, or (StorageError,
        a lost lease among them) none, so the caller can store them one by one."""
        prepared = [(feed, entries, _update_values(feed, entries)) for feed, entries in updates]
        with self._db.write(f"store the updates of {len(updates)} feeds") as conn:
            for feed, entries, values in prepared:
                self._write_update(conn, feed, entries, values, owner)

    def _write_update(
        self,
        conn: Connection,
        feed: FeedUpdateIntent,
        entries: Sequence[EntryUpdateIntent],
        values: dict[str, Any],
        owner: str | None,
    ) -> None:
        checked = feed.checked_at
        feed_id = conn.scalar(sa.select(feeds.c.id).where(feeds.c.url == feed.url))
        if feed_id is None:
            raise StorageError(
                f"cannot store the update of {feed.url}: not a known feed",
                hint="sync the followed feeds first",
            )
        update = sa.update(feeds).where(feeds.c.id == feed_id).values(values)
        if owner is not None:
            # only the holder finishes: a lease that expired and was taken over, even one the
            # rival has released since (lease_owner NULL), means the rival's poll is the newer
            update = update.where(feeds.c.lease_owner == owner)
        if conn.execute(update).rowcount != 1:
            # raising inside the transaction rolls back: no entry of a lost lease is stored
            raise LeaseLostError(
                f"lost the lease on {feed.url}: another instance is polling it; "
                "this update was discarded"
            )
        if entries:
            upsert_entries(conn, self._entry_upsert, feed_id, checked, entries)

    def store_not_modified(
        self, intents: Sequence[FeedUpdateIntent], *, owner: str | None = None
    ) -> None:
        """Record many 304 Not Modified outcomes in one transaction (one executemany).

        A warm poll is mostly 304s: a transaction per feed would cost more than the requests.
        With ``owner``, only the feeds it still holds are written (one whose lease was taken
        over is the other instance's business now); without, only feeds nobody holds.
        """
        if not intents:
            return
        fence = (
            feeds.c.lease_owner.is_(None)
            if owner is None
            else feeds.c.lease_owner == sa.bindparam("b_owner")
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
                failing_since=None,
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
                **({} if owner is None else {"b_owner": owner}),
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
        with self._db.write("store not-modified feeds") as conn:
            conn.execute(statement, rows)

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
                DISPLAY_TITLE.label("display_title"),
                sa.func.coalesce(counted.c.n, 0).label("n"),
                sa.type_coerce(counted.c.newest, UTCDateTime()).label("newest"),
            )
            .outerjoin(counted, counted.c.feed_id == feeds.c.id)
            .order_by(feeds.c.followed.desc(), feeds.c.id)
        )
        with self._db.read("read feed statuses") as conn:
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
        with self._db.read("count feeds and entries") as conn:
            n_feeds = conn.scalar(sa.select(sa.func.count()).where(feeds.c.followed))
            n_failing = conn.scalar(
                sa.select(sa.func.count()).where(feeds.c.followed, feeds.c.consecutive_errors > 0)
            )
            n_entries = conn.scalar(
                sa.select(sa.func.count()).where(entries_table.c.feed_id.in_(followed))
            )
        return {"feeds": n_feeds or 0, "entries": n_entries or 0, "failing": n_failing or 0}


def _update_values(feed: FeedUpdateIntent, entries: Sequence[EntryUpdateIntent]) -> dict[str, Any]:
    """The feed row's new values for one poll's outcome (checks the entries belong to it)."""
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
            "failing_since": None,
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
            values["body_hash"] = feed.body_hash
        if feed.final_url is not None:
            values["final_url"] = feed.final_url
    else:
        values |= {
            "last_error": feed.error or "unknown error",
            "consecutive_errors": feed.consecutive_errors,
            # the first failure of a run dates it; the next ones keep that date
            "failing_since": sa.func.coalesce(
                feeds.c.failing_since, sa.literal(checked, UTCDateTime())
            ),
        }
        if feed.gone:
            values["gone_at"] = sa.func.coalesce(
                feeds.c.gone_at, sa.literal(checked, UTCDateTime())
            )
    return values
