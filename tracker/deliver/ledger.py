"""Sending one week's digest to each recipient exactly once, over the digest ledger.

Owns the story of a ledger row, and every step of it:

* ``claimed``: this process may send it; nothing of the message has gone out. A send claims
  every recipient of the week before the first is sent to, and each step of a send renews its
  claim. A claim whose process ended (on this host: its pid is gone), or that nobody touched
  for a lease (``claim_lease``), is taken over and sent, by the daemon too. The claim is fenced:
  its owner and token name every later step, so a process whose claim was taken over stops
  before the message (``ClaimLost``) and the new owner sends it, once.
* ``sending``: the message itself has started (the server said 354). From here on only the
  server's answer can say what happened.
* ``sent``: the server answered the message with 250.
* ``failed``: refused before or at the end of the message. A temporary failure (4xx, a network
  error before the message) is retried after ``RETRY_DELAY``; a permanent one waits for a person.
* ``unknown``: the message went out and no answer came (a timeout, a lost connection, a process
  that died while sending): it may have arrived, so it is never sent again by itself; ``digest
  list`` shows it and ``tracker digest send --week W --force --to ADDRESS`` resends it.

Takes storage, the sender and the message builder as arguments; must not build adapters,
render, or read the clock (``now`` is passed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Protocol

from tracker.deliver.message import Compose, composer, message_id_for
from tracker.deliver.owner import owner_gone
from tracker.deliver.progress import ClaimLost, Progress, Step
from tracker.exceptions import DeliveryError, TrackerError
from tracker.storage.protocol import Storage
from tracker.types import DigestRecord, DigestStatus, IsoWeek, RenderedDigest

log = logging.getLogger(__name__)

#: a temporarily failed digest is retried after this long
RETRY_DELAY = timedelta(minutes=15)
#: the ledger's reason for an empty week the scheduled run did not send
EMPTY_WEEK = "nothing new that week (send_if_empty = false)"

#: a claim or a send nobody touched for this long belongs to a process that is gone: every step
#: of a send renews it, and no step waits longer than a few SMTP timeouts (see ``claim_lease``)
CLAIM_LEASE = timedelta(minutes=5)

Gone = Callable[[str | None], bool]


class Sender(Protocol):
    async def send(self, message: EmailMessage, *, progress: Progress = ...) -> str: ...


def claim_lease(smtp_timeout: float | None) -> timedelta:
    """How long a claim may stay untouched before it counts as abandoned: ``CLAIM_LEASE``, or
    more for a long ``[smtp] timeout``: between two renewals a sender may wait up to a timeout
    for the connection, the greeting, EHLO, STARTTLS, EHLO again and the login. A live claim
    that still looks abandoned (a recipient waiting behind slow sends to the others) costs
    nothing worse than a takeover: the fencing stops its old owner before the message."""
    if smtp_timeout is None:
        return CLAIM_LEASE
    return max(CLAIM_LEASE, timedelta(seconds=8 * smtp_timeout))


def one_of(recipients: Sequence[str], address: str) -> str:
    """``address`` as ``[digest] recipients`` spells it (the ledger's key), found by its
    mailbox whatever the case or the display name: ``digest send --to``."""
    wanted = (parseaddr(address)[1] or address).strip().lower()
    for recipient in recipients:
        if (parseaddr(recipient)[1] or recipient).strip().lower() == wanted:
            return recipient
    raise TrackerError(
        f"{address} is not a recipient of the digest",
        hint=f"--to takes one of [digest] recipients: {', '.join(recipients)}",
    )


def resend_command(week: str, recipient: str) -> str:
    """What a person runs to send one recipient's week again, on purpose (the bare address:
    a display name would need quoting in a shell, and ``--to`` finds it by its mailbox)."""
    return f"tracker digest send --week {week} --force --to {parseaddr(recipient)[1] or recipient}"


@dataclass(frozen=True)
class Outcome:
    """What happened to one recipient's digest."""

    week: IsoWeek
    recipient: str
    status: str  # "sent" | "skipped" | "failed" | "unknown" | "dry-run"
    detail: str = ""

    def describe(self) -> str:
        return f"{self.status}{': ' + self.detail if self.detail else ''}"


class Claim:
    """This process's claim on one recipient's week: the ``Progress`` a sender reports to.

    Every move is fenced (owner and token, and the state it may start from): a claim taken over
    by another process meanwhile moves nowhere, and before the message that stops the send.
    """

    def __init__(
        self,
        storage: Storage,
        *,
        recipient: str,
        week: str,
        owner: str | None,
        token: int,
        now: Callable[[], datetime],
    ) -> None:
        self.storage = storage
        self.recipient = recipient
        self.week = week
        self.owner = owner
        self.token = token
        self.now = now
        #: where the row is, as far as this process moved it
        self.status = DigestStatus.CLAIMED

    def __call__(self, step: Step) -> None:
        if step is Step.DATA:
            # the one move that matters: after it the message goes out, so exactly one
            # process may make it, and only one whose claim was never taken over
            if not self.move(DigestStatus.SENDING, expect=(DigestStatus.CLAIMED,)):
                raise ClaimLost(self._lost())
        elif step is Step.REFUSED:
            # the server refused the message (or not a byte of it left): nothing arrived,
            # the claim is a claim again and the sender may retry
            self.move(DigestStatus.CLAIMED, expect=(DigestStatus.SENDING,))
        elif step is Step.ACCEPTED:
            # recorded at once, not after QUIT: a crash while saying goodbye loses nothing
            if not self.move(DigestStatus.SENT, expect=(DigestStatus.SENDING,)):
                log.warning(
                    "digest %s to %s was delivered, but another process had changed its "
                    "ledger row meanwhile (tracker digest send --force?)",
                    self.week,
                    self.recipient,
                )
        elif not self.move(DigestStatus.CLAIMED, expect=(DigestStatus.CLAIMED,)):
            raise ClaimLost(self._lost())

    def move(
        self,
        status: DigestStatus,
        *,
        expect: Sequence[DigestStatus],
        error: str | None = None,
        retry_at: datetime | None = None,
    ) -> bool:
        moved = self.storage.mark_digest(
            recipient=self.recipient,
            week=self.week,
            status=status,
            now=self.now(),
            owner=self.owner,
            token=self.token,
            expect=expect,
            error=error,
            retry_at=retry_at,
        )
        if moved:
            self.status = status
        return moved

    def _lost(self) -> str:
        return (
            "another process took the claim over (this one was too slow, or thought gone) "
            "and sends it; this one stopped before the message"
        )


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
    lease: timedelta = CLAIM_LEASE,
    gone: Gone = owner_gone,
) -> list[Outcome]:
    """Send ``week`` to each recipient at most once (``force`` sends again on purpose).

    Every recipient is claimed first, then sent to in turn: a crash part way leaves the rest
    claimed, so the next run (the daemon's tick) finds them and sends them, whatever the week.
    ``gone`` says whether the process behind an owner has ended (``owner.owner_gone``): its
    claims are taken over at once, and a send it left half done becomes ``unknown``."""
    held = storage.list_digests(
        week=str(week), statuses=(DigestStatus.CLAIMED, DigestStatus.SENDING)
    )
    orphans = {r.owner for r in held if r.owner is not None and gone(r.owner)}
    claims: list[tuple[str, Claim | None]] = []
    for recipient in recipients:
        at = now()
        token = storage.claim_digest(
            recipient=recipient,
            week=str(week),
            message_id=message_id(recipient),
            now=at,
            force=force,
            owner=owner,
            stale_before=at - lease,
            orphans=orphans,
        )
        if token is None:
            row = next((r for r in held if r.recipient == recipient), None)
            if row is not None:
                _settle_abandoned_send(storage, row, at=at, lease=lease, orphans=orphans)
            claims.append((recipient, None))
        else:
            mine = Claim(
                storage, recipient=recipient, week=str(week), owner=owner, token=token, now=now
            )
            claims.append((recipient, mine))
    outcomes = []
    for recipient, claim in claims:
        if claim is None:
            outcomes.append(Outcome(week, recipient, "skipped", "already sent or in progress"))
        else:
            message = compose(recipient, message_id(recipient))
            outcomes.append(await _send(claim, message, sender, week))
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


def _settle_abandoned_send(
    storage: Storage, row: DigestRecord, *, at: datetime, lease: timedelta, orphans: set[str]
) -> None:
    """A ``sending`` row whose process is gone becomes ``unknown``: the message may have
    arrived, and ``sending`` would claim someone is still at it."""
    if row.status is not DigestStatus.SENDING:
        return
    if row.owner not in orphans and row.updated_at > at - lease:
        return
    storage.mark_digest(
        recipient=row.recipient,
        week=row.week,
        status=DigestStatus.UNKNOWN,
        # kept: the last sign of life is when the message started, and that is what to tell
        now=row.updated_at,
        owner=row.owner,
        token=row.attempts,
        expect=(DigestStatus.SENDING,),
        error="the process sending it stopped while the message was going out: it may or "
        "may not have arrived",
    )


async def _send(claim: Claim, message: EmailMessage, sender: Sender, week: IsoWeek) -> Outcome:
    recipient = claim.recipient
    try:
        reply = await sender.send(message, progress=claim)
    except ClaimLost as lost:
        return Outcome(week, recipient, "skipped", str(lost))
    except DeliveryError as error:
        if claim.status is DigestStatus.SENDING:
            # the message went out and no answer says what became of it (the sender says so
            # with DeliveryUnknownError; anything else this late is treated the same)
            claim.move(DigestStatus.UNKNOWN, expect=(DigestStatus.SENDING,), error=error.message)
            return Outcome(week, recipient, "unknown", _unknown_detail(str(week), recipient, error))
        at = claim.now()
        retry_at = at + RETRY_DELAY if error.temporary else None
        claim.move(
            DigestStatus.FAILED,
            expect=(DigestStatus.CLAIMED,),
            error=error.message,
            retry_at=retry_at,
        )
        detail = error.message + (
            f"; queued: retried after {retry_at:%H:%M} UTC by the daemon (or by digest send)"
            if retry_at is not None
            else ""
        )
        return Outcome(week, recipient, "failed", detail)
    except BaseException:
        # cancelled (the daemon stopping) or a bug: a message cut off mid-way may have arrived
        if claim.status is DigestStatus.SENDING:
            try:
                claim.move(
                    DigestStatus.UNKNOWN,
                    expect=(DigestStatus.SENDING,),
                    error="interrupted while the message was going out: it may or may not "
                    "have arrived",
                )
            except TrackerError as error:
                log.error("could not record digest %s to %s: %s", week, recipient, error)
        raise
    return Outcome(week, recipient, "sent", reply)


def _unknown_detail(week: str, recipient: str, error: DeliveryError) -> str:
    return (
        f"{error.message}; not sent again by itself: ask {recipient}, and if it never came: "
        f"{resend_command(week, recipient)}"
    )


def explain_skip(outcome: Outcome, record: DigestRecord | None) -> Outcome:
    """A skipped send, described by the ledger row that stopped it."""
    if record is None:
        return outcome
    resend = resend_command(record.week, record.recipient)
    if record.status is DigestStatus.SENT:
        when = f" on {record.sent_at:%Y-%m-%d %H:%M} UTC" if record.sent_at else ""
        detail = f"already sent{when}"
    elif record.status is DigestStatus.SENDING:
        # a live process, or one that died less than a lease ago: say both, never guess
        detail = (
            f"sending since {record.updated_at:%Y-%m-%d %H:%M} UTC by another process (if it "
            f"stopped, the message may or may not have arrived: see tracker digest list)"
        )
    elif record.status is DigestStatus.UNKNOWN:
        why = record.error or "the message went out and no answer came"
        detail = (
            f"unknown since {record.updated_at:%Y-%m-%d %H:%M} UTC: {why}; not sent again by "
            f"itself: ask {record.recipient}, and if it never came: {resend}"
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


def due_weeks(
    storage: Storage,
    *,
    now: datetime,
    recipients: Collection[str],
    lease: timedelta = CLAIM_LEASE,
    gone: Gone = owner_gone,
) -> list[str]:
    """The weeks to send again now, for ``recipients`` (a row of someone no longer in
    ``[digest] recipients`` would come back every minute, and never be sent): a temporary
    failure whose time came, and a claim or a send whose process is gone (ended on this host,
    or silent for ``lease``). The claim is sent; the send is recorded as ``unknown``."""
    rows = storage.list_digests(
        statuses=(DigestStatus.FAILED, DigestStatus.CLAIMED, DigestStatus.SENDING)
    )
    due = {
        r.week
        for r in rows
        if r.recipient in recipients
        and (
            (r.retry_at is not None and r.retry_at <= now)
            if r.status is DigestStatus.FAILED
            else (r.updated_at <= now - lease or gone(r.owner))
        )
    }
    return sorted(due)


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
    lease: timedelta = CLAIM_LEASE,
    gone: Gone = owner_gone,
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
        lease=lease,
        gone=gone,
    )
    if not any(o.status == "skipped" for o in outcomes):
        return outcomes
    # "skipped" alone hid a failed or stuck digest behind "already sent": say what the ledger
    # holds, so the user knows whether to wait, fix something, or --force
    records = {r.recipient: r for r in storage.list_digests(week=str(week))}
    return [
        explain_skip(o, records.get(o.recipient))
        if o.status == "skipped" and o.detail == "already sent or in progress"
        else o
        for o in outcomes
    ]
