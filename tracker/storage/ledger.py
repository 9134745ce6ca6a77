"""The digest ledger: one row per recipient and ISO week, so each digest is sent exactly once.

Owns claiming a digest (a unique insert: of two racing processes exactly one wins; a takeover is
one conditional UPDATE), moving a claim along fenced by its owner and token (a step of a claim
that was taken over changes nothing), recording a week that will not be sent (``skipped``, with
the reason: a final row, never retried), the rows due for another try, and listing the ledger.
Must not send mail, know about processes, or decide what a state or a failure means: the caller
says which states a step may start from (``tracker.deliver.ledger`` holds that story).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from tracker.storage.database import Database
from tracker.storage.schema import UTCDateTime, digests
from tracker.types import DigestRecord, DigestStatus


class LedgerStore:
    """Ledger queries; mixed into the SQL storage, which provides ``_db``."""

    _db: Database

    def claim_digest(
        self,
        *,
        recipient: str,
        week: str,
        message_id: str,
        now: datetime,
        force: bool = False,
        owner: str | None = None,
        stale_before: datetime | None = None,
        orphans: Collection[str] = (),
    ) -> int | None:
        """Claim the right to send ``week`` to ``recipient``: the claim's token, or None.

        The token is the row's attempt number; every later step names it with ``owner``, so a
        claim that was taken over meanwhile cannot move (fencing). A new row is a unique
        insert, so of two racing processes exactly one wins. An existing row is taken over only
        with ``force``; when it failed temporarily and its retry time has come; or when it is a
        claim (nothing sent yet) that went stale (not touched since ``stale_before``) or whose
        owner is among ``orphans`` (processes known to have ended). Of two processes taking
        over one row, exactly one wins too: the UPDATE re-checks its conditions on the row it
        locks. ``sending``, ``sent`` and ``unknown`` rows are never taken over without ``force``.
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
                .returning(digests.c.attempts)
            ).first()
            if inserted is not None:
                return int(inserted.attempts)
            this = (digests.c.recipient == recipient, digests.c.week == week)
            takeover = sa.update(digests).where(*this)
            if not force:
                takeover = takeover.where(sa.or_(*self._takeovers(now, stale_before, orphans)))
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
            if updated.rowcount != 1:
                return None
            # the row is ours until this transaction ends: read the token it now carries
            return int(conn.execute(sa.select(digests.c.attempts).where(*this)).scalar_one())

    @staticmethod
    def _takeovers(
        now: datetime, stale_before: datetime | None, orphans: Collection[str]
    ) -> list[sa.ColumnElement[bool]]:
        """The rows a claim may take over without ``force``."""
        claimed = digests.c.status == str(DigestStatus.CLAIMED)
        conditions: list[sa.ColumnElement[bool]] = [
            sa.and_(
                digests.c.status == str(DigestStatus.FAILED),
                digests.c.retry_at.is_not(None),
                digests.c.retry_at <= sa.literal(now, UTCDateTime()),
            )
        ]
        if stale_before is not None:
            stale = sa.literal(stale_before, UTCDateTime())
            conditions.append(sa.and_(claimed, digests.c.updated_at <= stale))
        if orphans:
            conditions.append(sa.and_(claimed, digests.c.owner.in_(sorted(orphans))))
        return conditions

    def mark_digest(
        self,
        *,
        recipient: str,
        week: str,
        status: DigestStatus,
        now: datetime,
        owner: str | None,
        token: int,
        expect: Collection[DigestStatus],
        error: str | None = None,
        retry_at: datetime | None = None,
    ) -> bool:
        """Move a claim along, fenced: only while the row still carries ``owner`` and ``token``
        and is in one of the ``expect`` states. Moving to the state it is in renews the claim
        (``updated_at``), which keeps it from going stale. False: the claim was taken over or
        the row had moved on; nothing changed."""
        values: dict[str, Any] = {
            "status": str(status),
            "updated_at": now,
            "error": error,
            "retry_at": retry_at,
        }
        if status is DigestStatus.SENT:
            values["sent_at"] = now
        mine = digests.c.owner.is_(None) if owner is None else digests.c.owner == owner
        with self._db.write("record a digest's state") as conn:
            result = conn.execute(
                sa.update(digests)
                .where(
                    digests.c.recipient == recipient,
                    digests.c.week == week,
                    mine,
                    digests.c.attempts == token,
                    digests.c.status.in_(sorted(str(s) for s in expect)),
                )
                .values(**values)
            )
            return result.rowcount == 1

    def list_digests(
        self,
        *,
        limit: int | None = None,
        week: str | None = None,
        statuses: Collection[DigestStatus] | None = None,
    ) -> list[DigestRecord]:
        """The ledger, newest week first (only ``week``, only rows in ``statuses`` if given)."""
        query = sa.select(digests).order_by(digests.c.week.desc(), digests.c.recipient)
        if week is not None:
            query = query.where(digests.c.week == week)
        if statuses is not None:
            query = query.where(digests.c.status.in_(sorted(str(s) for s in statuses)))
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
                    owner=row.owner,
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
