"""Sending one week's digest to each recipient exactly once, over the digest ledger.

Owns the protocol: claim (a unique row per recipient and week) -> sending -> sent | failed, a
temporary failure queued for a retry, a permanent one waiting for ``--force``, and describing a
skipped send by the ledger row that stopped it. Takes storage, the sender and the message
builder as arguments; must not build adapters, render, or read the clock (``now`` is passed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Protocol

from tracker.deliver.message import Compose, composer, message_id_for
from tracker.exceptions import DeliveryError
from tracker.storage.protocol import Storage
from tracker.types import DigestRecord, DigestStatus, IsoWeek, RenderedDigest

#: a temporarily failed digest is retried after this long
RETRY_DELAY = timedelta(minutes=15)
#: the ledger's reason for an empty week the scheduled run did not send
EMPTY_WEEK = "nothing new that week (send_if_empty = false)"


class Sender(Protocol):
    async def send(self, message: EmailMessage) -> str: ...


@dataclass(frozen=True)
class Outcome:
    """What happened to one recipient's digest."""

    week: IsoWeek
    recipient: str
    status: str  # "sent" | "skipped" | "failed" | "dry-run"
    detail: str = ""

    def describe(self) -> str:
        return f"{self.status}{': ' + self.detail if self.detail else ''}"


async def deliver(
    week: IsoWeek,
    *,
    recipients: Sequence[str],
    compose: Compose,
    message_id: Callable[[str], str],
    storage: Storage,
    sender: Sender,
    now: Callable[[], datetime],
    force: bool = False,
    owner: str | None = None,
) -> list[Outcome]:
    """Send ``week`` to each recipient at most once (``force`` sends again on purpose)."""
    outcomes = []
    for recipient in recipients:
        mid = message_id(recipient)
        claimed = storage.claim_digest(
            recipient=recipient,
            week=str(week),
            message_id=mid,
            now=now(),
            force=force,
            owner=owner,
        )
        if not claimed:
            outcomes.append(Outcome(week, recipient, "skipped", "already sent or in progress"))
            continue
        message = compose(recipient, mid)
        storage.mark_digest(
            recipient=recipient, week=str(week), status=DigestStatus.SENDING, now=now()
        )
        try:
            reply = await sender.send(message)
        except DeliveryError as error:
            at = now()
            storage.mark_digest(
                recipient=recipient,
                week=str(week),
                status=DigestStatus.FAILED,
                now=at,
                error=error.message,
                retry_at=at + RETRY_DELAY if error.temporary else None,
            )
            detail = error.message + (
                f"; queued: retried after {at + RETRY_DELAY:%H:%M} UTC by the daemon "
                "(or by digest send)"
                if error.temporary
                else ""
            )
            outcomes.append(Outcome(week, recipient, "failed", detail))
            continue
        storage.mark_digest(
            recipient=recipient, week=str(week), status=DigestStatus.SENT, now=now()
        )
        outcomes.append(Outcome(week, recipient, "sent", reply))
    return outcomes


def skip_week(
    week: IsoWeek,
    recipients: Sequence[str],
    reason: str,
    storage: Storage,
    sender_address: str,
    now: datetime,
) -> list[Outcome]:
    """Record ``week`` as skipped, with ``reason``, for each recipient that has no ledger row
    for it: a final row, never retried (``--force`` sends it on purpose). A row that exists
    stands (sent, or claimed by another process): of a skip and a send, only one happens."""
    domain = parseaddr(sender_address)[1].rpartition("@")[2] or "kfilm-tracker"
    return [
        Outcome(week, r, "skipped", reason)
        for r in recipients
        if storage.skip_digest(
            recipient=r,
            week=str(week),
            message_id=message_id_for(str(week), r, domain),
            reason=reason,
            now=now,
        )
    ]


def explain_skip(outcome: Outcome, record: DigestRecord | None) -> Outcome:
    """A skipped send, described by the ledger row that stopped it."""
    if record is None:
        return outcome
    resend = f"tracker digest send --week {record.week} --force"
    if record.status is DigestStatus.SENT:
        when = f" on {record.sent_at:%Y-%m-%d %H:%M} UTC" if record.sent_at else ""
        detail = f"already sent{when}"
    elif record.status is DigestStatus.SENDING:
        # the ledger cannot tell another process still talking to the server from one that
        # died mid-send: say both, never guess
        detail = (
            f"sending since {record.updated_at:%Y-%m-%d %H:%M} UTC: in progress elsewhere, or "
            f"stuck after a crash (it may or may not have arrived); to send it again: {resend}"
        )
    elif record.status is DigestStatus.FAILED and record.retry_at is not None:
        detail = (
            f"failed ({record.error or 'unknown error'}); "
            f"retrying after {record.retry_at:%Y-%m-%d %H:%M} UTC"
        )
    elif record.status is DigestStatus.FAILED:
        detail = f"failed ({record.error or 'unknown error'}); fix it, then: {resend}"
    elif record.status is DigestStatus.SKIPPED:
        detail = f"skipped: {record.error or 'no reason recorded'}; to send it anyway: {resend}"
    else:
        detail = f"being sent by another process (claimed {record.claimed_at:%H:%M} UTC)"
    return replace(outcome, detail=detail)


async def send_week(
    week: IsoWeek,
    rendered: RenderedDigest,
    *,
    sender_address: str,
    recipients: Sequence[str],
    storage: Storage,
    sender: Sender,
    now: Callable[[], datetime],
    force: bool = False,
    owner: str | None = None,
    unsubscribe_url: str | None = None,
) -> list[Outcome]:
    """One rendered week to every recipient, exactly once each (``force``: again, on purpose),
    and every skipped send described by the ledger row that stopped it. ``unsubscribe_url``
    (``[digest] unsubscribe_url``, ``{recipient}`` not yet filled in) joins the mailto in each
    message's ``List-Unsubscribe``."""
    domain = parseaddr(sender_address)[1].rpartition("@")[2] or "kfilm-tracker"
    outcomes = await deliver(
        week,
        recipients=recipients,
        compose=composer(
            sender_address,
            rendered,
            list_id=f"Korean film weekly <weekly.{domain}>",
            now=now,
            unsubscribe_url=unsubscribe_url,
        ),
        message_id=lambda recipient: message_id_for(str(week), recipient, domain),
        storage=storage,
        sender=sender,
        now=now,
        force=force,
        owner=owner,
    )
    if not any(o.status == "skipped" for o in outcomes):
        return outcomes
    # "skipped" alone hid a failed or stuck digest behind "already sent": say what the ledger
    # holds, so the user knows whether to wait, fix something, or --force
    records = {(r.week, r.recipient): r for r in storage.list_digests()}
    return [
        explain_skip(o, records.get((str(week), o.recipient))) if o.status == "skipped" else o
        for o in outcomes
    ]
