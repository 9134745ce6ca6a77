"""Catch-up after a downtime: which weeks the scheduled send owes each recipient. Pure: the due
week, the recipients and the ledger's (recipient, week) pairs are parameters.

A week is *missed* for a recipient when its scheduled send time has passed (it is at or before
the due week) and it is newer than the newest week the ledger holds for that recipient: the
ledger's last row for someone is the last time the tracker handled their digest, so the weeks
after it are the ones it was down for. A recipient with no row at all (a new install, a new
address) is owed only the due week, as before catch-up existed: weeks from before they were
added, or before the database existed, are never sent. Missed weeks inside the catch-up window
(the newest ``weeks`` weeks, the due week included) are sent, oldest first; older ones are to be
recorded as skipped, never sent automatically.

Owns that decision and the skip's wording. Must not read the clock, the ledger or the config,
and must not send or record anything: ``tracker.app`` does, through the ledger's claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from tracker.digest.window import parse_week, shift
from tracker.types import DigestRecord, IsoWeek

ONE_WEEK = timedelta(weeks=1)


class Owed(NamedTuple):
    """One week and the recipients it is owed to (or to be skipped for)."""

    week: IsoWeek
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class CatchUp:
    """What one scheduled run does: ``send`` (oldest first, the due week last, to every
    recipient) and ``skip`` (missed weeks older than the window, oldest first)."""

    send: tuple[Owed, ...]
    skip: tuple[Owed, ...]


def window_weeks(catch_up: timedelta) -> int:
    """``[digest] catch_up`` in whole weeks (at least one: the due week)."""
    return max(1, catch_up // ONE_WEEK)


def plan(
    *,
    due: IsoWeek,
    recipients: Sequence[str],
    ledger: Iterable[DigestRecord],
    weeks: int,
    retry: Iterable[str] = (),
) -> CatchUp:
    """The weeks to send and to skip at a scheduled run whose newest due week is ``due``.

    ``ledger`` is every ledger row, whatever its status: a row means that week was handled for
    that recipient (sent, failed, skipped, in progress) and the ledger's claim decides the rest.
    ``due`` goes to every recipient, as it always did (the claim skips those who have it, and
    takes over a failed send whose retry time came or a stale claim), and so does each week in
    ``retry`` (the ledger's temporarily failed weeks whose retry time came).
    """
    handled: dict[str, set[IsoWeek]] = {}
    for record in ledger:
        try:
            handled.setdefault(record.recipient, set()).add(parse_week(record.week))
        except ValueError:
            continue  # not a week this code wrote; it cannot be a bound
    oldest_sent = shift(due, 1 - max(1, weeks))
    send: dict[IsoWeek, list[str]] = {}
    skip: dict[IsoWeek, list[str]] = {}
    for recipient in recipients:
        # rows for weeks after the due one (a current week sent by hand) are not a bound
        last = max((w for w in handled.get(recipient, ()) if w <= due), default=None)
        if last is None:
            continue
        week = shift(last, 1)
        while week < due:
            (send if week >= oldest_sent else skip).setdefault(week, []).append(recipient)
            week = shift(week, 1)
    for text in retry:
        send[parse_week(text)] = list(recipients)
    send[due] = list(recipients)
    return CatchUp(
        send=tuple(Owed(w, tuple(send[w])) for w in sorted(send)),
        skip=tuple(Owed(w, tuple(skip[w])) for w in sorted(skip)),
    )


def skip_reason(weeks: int, now: datetime, tz: str) -> str:
    """Why a missed week is recorded as skipped, as the ledger and ``digest list`` show it."""
    window = "1 week" if weeks == 1 else f"{weeks} weeks"
    day = now.astimezone(ZoneInfo(tz)).date()
    return (
        f"missed while the tracker was not sending, and older than [digest] catch_up "
        f"({window}) when it caught up on {day:%Y-%m-%d}"
    )
