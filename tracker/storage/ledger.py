"""The digest ledger: one row per recipient and ISO week, so each digest is sent exactly once.

Owns claiming a digest (a unique insert: of two racing processes exactly one wins), moving it
along (claimed -> sending -> sent | failed), recording a week that will not be sent (``skipped``,
with the reason: a final row, never retried), the temporary failures due for a retry, and listing
the ledger. Must not send mail or decide what a failure means: ``tracker.deliver`` does.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from tracker.exceptions import StorageError
from tracker.storage.database import Database
from tracker.storage.schema import UTCDateTime, digests
from tracker.types import DigestRecord, DigestStatus


class LedgerStore:
    """Ledger queries; mixed into the SQL storage, which provides ``_db``."""

    _db: Database

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
        with self._db.write("claim a digest") as conn:
            inserted = conn.execute(
                self._db.insert(digests)
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
        with self._db.write("record a digest's state") as conn:
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
        with self._db.read("read the digest ledger") as conn:
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
        with self._db.read("read the digest ledger") as conn:
            return [row.week for row in conn.execute(query)]

    def skip_digest(
        self, *, recipient: str, week: str, message_id: str, reason: str, now: datetime
    ) -> bool:
        """Record that ``week`` will not be sent to ``recipient``, and why. True when recorded;
        False when the week already has a row (sent, or claimed by another process: that one
        stands). A unique insert like a claim, so a skip and a send never both happen."""
        with self._db.write("record a skipped digest") as conn:
            inserted = conn.execute(
                self._db.insert(digests)
                .values(
                    recipient=recipient,
                    week=week,
                    status=str(DigestStatus.SKIPPED),
                    message_id=message_id,
                    # nothing was attempted: 0 tells a skip from a send that failed
                    attempts=0,
                    error=reason,
                    claimed_at=now,
                    updated_at=now,
                )
                .on_conflict_do_nothing(index_elements=[digests.c.recipient, digests.c.week])
                .returning(digests.c.id)
            ).first()
            return inserted is not None
