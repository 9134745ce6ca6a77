"""The health store: the record of finished polls, and the one read ``tracker health`` makes.

Owns the ``runs`` table (one row per kind of run, shared by every instance on the database:
"when did any poll last finish"; and health's own write probe) and reading, in one
transaction, what health judges: the poll row, each followed feed's failing state, and the
digest ledger's rows as stored strings. Must not
judge anything (``tracker.health`` does) or read the clock: callers pass the times.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from tracker.storage.database import Database
from tracker.storage.entries import DISPLAY_TITLE
from tracker.storage.protocol import FeedHealth, HealthFacts, LedgerState, PollRun
from tracker.storage.schema import digests, feeds, runs

#: the ``runs`` row of polls (the daemon's ticks and ``tracker poll`` alike)
POLL = "poll"
#: the ``runs`` row ``tracker health`` writes to learn whether the database takes writes
HEALTH = "health"


class HealthStore:
    """Health queries; mixed into the SQL storage, which provides ``_db``."""

    _db: Database

    def record_poll(self, run: PollRun) -> None:
        """Upsert the poll row. A poll that polled nothing (a daemon tick with no feed due)
        moves only the time and owner: another instance's failed writes stay visible until a
        poll that polls something says otherwise."""
        moved: dict[str, Any] = {"finished_at": run.finished_at, "owner": run.owner}
        counted = {
            "polled": run.polled,
            "failed": run.failed,
            "unstored": run.unstored,
            "error": run.error,
        }
        statement = (
            self._db.insert(runs)
            .values(name=POLL, **moved, **counted)
            .on_conflict_do_update(
                index_elements=[runs.c.name], set_=moved | (counted if run.polled else {})
            )
        )
        with self._db.write("record the finished poll") as conn:
            conn.execute(statement)

    def probe_write(self, *, now: datetime) -> None:
        """Commit the time of this check in its own row: a database that refuses writes (a
        full disk, a read-only file or server) says so here, before a poll has to."""
        statement = (
            self._db.insert(runs)
            .values(name=HEALTH, finished_at=now)
            .on_conflict_do_update(index_elements=[runs.c.name], set_={"finished_at": now})
        )
        with self._db.write("write to the database") as conn:
            conn.execute(statement)

    def health_facts(self, *, since_week: str) -> HealthFacts:
        """The poll row, the followed feeds, and the ledger from ``since_week`` on."""
        feed_rows = (
            sa.select(
                feeds.c.url,
                DISPLAY_TITLE.label("display_title"),
                feeds.c.failing_since,
                feeds.c.last_error,
            )
            .where(feeds.c.followed)
            .order_by(feeds.c.id)
        )
        # ISO weeks written "2026-W07" sort as text in time order
        ledger = (
            sa.select(
                digests.c.week,
                digests.c.recipient,
                digests.c.status,
                digests.c.updated_at,
                digests.c.error,
            )
            .where(digests.c.week >= since_week)
            .order_by(digests.c.week, digests.c.recipient)
        )
        with self._db.read("read what tracker health checks") as conn:
            row = conn.execute(sa.select(runs).where(runs.c.name == POLL)).first()
            last = (
                None
                if row is None
                else PollRun(
                    finished_at=row.finished_at,
                    owner=row.owner,
                    polled=row.polled,
                    failed=row.failed,
                    unstored=row.unstored,
                    error=row.error,
                )
            )
            return HealthFacts(
                last_poll=last,
                feeds=tuple(
                    FeedHealth(r.url, r.display_title, r.failing_since, r.last_error)
                    for r in conn.execute(feed_rows)
                ),
                digests=tuple(
                    LedgerState(r.week, r.recipient, r.status, r.updated_at, r.error)
                    for r in conn.execute(ledger)
                ),
                disk_full=self._db.disk_full(),
            )
