"""Whether this deployment is healthy: what ``tracker health`` answers a monitor, a container
healthcheck, a systemd timer or cron, with an exit status per cause.

Owns the checks, in the order a cause is reported: the database can be read (``database``);
it takes a write now, and the last poll recorded every feed it polled (``writes``: a full disk
shows here); a poll finished within twice ``[poll] interval`` (``poll``); no digest of the
last weeks is failed, stuck, or in any state not known to be fine (``digests``: an allowlist,
so a state added later counts as unhealthy until it is judged); no more than ``[health]
failing_feeds`` of the followed feeds have been failing for over a day (``feeds``).
``assess`` is pure (the facts and ``now`` in, a report out); ``check_health`` reads the facts,
and makes the write probe, through the opener it is given. Must not print, read the clock or
open a database itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from tracker.config.schema import Config
from tracker.exceptions import StorageError
from tracker.storage.protocol import FeedHealth, HealthFacts, LedgerState, PollRun, Storage
from tracker.types import IsoWeek
from tracker.urls import redact_url

#: exit statuses, one per cause (README, "Health and exit codes"); 1 stays what it is for every
#: command (a config that cannot be read), and 2 is a command-line mistake (and reserved by
#: Docker's HEALTHCHECK)
EXIT_HEALTHY = 0
EXIT_DATABASE = 3
EXIT_POLL = 4
EXIT_DIGESTS = 5
EXIT_FEEDS = 6

#: a digest claimed or being sent this recently is in flight; older, it is stuck
IN_FLIGHT = timedelta(hours=1)
#: the ledger weeks judged: an older failure is history (``tracker digest list``), not an alarm
LEDGER_WEEKS = 4
#: a feed failing longer than this counts against ``[health] failing_feeds``
FAILING_FOR = timedelta(days=1)
#: ledger states that are fine at any age, and those that are fine while recent
SETTLED = frozenset({"sent", "skipped"})
MOVING = frozenset({"claimed", "sending"})
#: how many digests or feeds one line names before "and N more"
NAMED = 3


class Check(NamedTuple):
    """One check: its name, whether it passed (None: not checked), why, its exit status."""

    name: str
    ok: bool | None
    why: str
    exit_code: int


@dataclass(frozen=True)
class HealthReport:
    """Every check, in the order of ``Check.exit_code`` priority."""

    checks: tuple[Check, ...]
    checked_at: datetime
    last_poll: PollRun | None = None

    @property
    def failing(self) -> list[Check]:
        return [check for check in self.checks if check.ok is False]

    @property
    def healthy(self) -> bool:
        return not self.failing

    @property
    def exit_code(self) -> int:
        """The first failing check's status (the database before the rest: when it cannot be
        read, nothing else can be known), 0 when every check passed."""
        failing = self.failing
        return failing[0].exit_code if failing else EXIT_HEALTHY

    @property
    def line(self) -> str:
        """One line: every failing check's reason, or every check's when all passed."""
        if self.failing:
            return "unhealthy: " + "; ".join(check.why for check in self.failing)
        return "healthy: " + "; ".join(check.why for check in self.checks)

    def as_json(self) -> dict[str, Any]:
        last = self.last_poll
        return {
            "healthy": self.healthy,
            "exit_code": self.exit_code,
            "reason": self.line,
            "checked_at": self.checked_at.isoformat(),
            "checks": [
                {"name": c.name, "ok": c.ok, "why": c.why, "exit_code": c.exit_code}
                for c in self.checks
            ],
            "last_poll": None
            if last is None
            else {
                "finished_at": last.finished_at.isoformat(),
                "owner": last.owner,
                "polled": last.polled,
                "failed": last.failed,
                "unstored": last.unstored,
                "error": last.error,
            },
        }


def check_health(
    open_storage: Callable[[], Storage], config: Config, *, now: datetime
) -> HealthReport:
    """Open the database (``open_storage``), read what health judges, and judge it. A database
    that cannot be opened or read is the report, not an exception."""
    first = (now - timedelta(weeks=LEDGER_WEEKS)).isocalendar()
    try:
        storage = open_storage()
        facts = storage.health_facts(since_week=str(IsoWeek(first.year, first.week)))
    except StorageError as error:
        return unreachable(error, now=now)
    refused: str | None = None
    try:
        # a real write: on a full disk a database reads fine and the poll's own record of its
        # refused writes may be the very write that was refused
        storage.probe_write(now=now)
    except StorageError as error:
        refused = _said(error)
    return assess(
        facts,
        now=now,
        refused=refused,
        database=storage.url_for_display,
        poll_interval=config.poll.interval,
        failing_feeds=config.health.failing_feeds,
        recipients=config.digest.recipients,
    )


def unreachable(error: StorageError, *, now: datetime) -> HealthReport:
    """The report when the database cannot be read: that, and nothing else is known."""
    why = _said(error)
    unknown = "not checked: the database cannot be read"
    return HealthReport(
        (
            Check("database", False, why, EXIT_DATABASE),
            Check("writes", None, unknown, EXIT_DATABASE),
            Check("poll", None, unknown, EXIT_POLL),
            Check("digests", None, unknown, EXIT_DIGESTS),
            Check("feeds", None, unknown, EXIT_FEEDS),
        ),
        checked_at=now,
    )


def _said(error: StorageError) -> str:
    return error.message + (f" ({error.hint})" if error.hint else "")


def assess(
    facts: HealthFacts,
    *,
    now: datetime,
    refused: str | None = None,
    database: str,
    poll_interval: timedelta,
    failing_feeds: float,
    recipients: Sequence[str] = (),
) -> HealthReport:
    """Judge the facts at ``now``; ``refused`` is why a write just failed, if it did (a disk
    too full for a poll's entries, ``facts.disk_full``, counts as refusing).
    ``recipients``, when given, are the only ones whose digests count (a recipient taken out
    of the config no longer raises an alarm)."""
    return HealthReport(
        (
            Check("database", True, f"database {database} can be read", EXIT_DATABASE),
            _writes(facts.last_poll, refused or facts.disk_full),
            _poll(facts.last_poll, now, 2 * poll_interval),
            _digests(facts.digests, now, set(recipients)),
            _feeds(facts.feeds, now, failing_feeds),
        ),
        checked_at=now,
        last_poll=facts.last_poll,
    )


def _writes(last: PollRun | None, refused: str | None) -> Check:
    if refused is not None:
        return Check("writes", False, f"the database cannot take writes: {refused}", EXIT_DATABASE)
    if last is not None and last.unstored:
        return Check(
            "writes",
            False,
            f"the last poll could not record {last.unstored} of {last.polled} feeds: "
            f"{last.error or 'the database refused the write'}",
            EXIT_DATABASE,
        )
    return Check("writes", True, "the last poll recorded every feed", EXIT_DATABASE)


def _poll(last: PollRun | None, now: datetime, within: timedelta) -> Check:
    if last is None:
        return Check("poll", False, "no poll has finished yet (is tracker run running?)", EXIT_POLL)
    age = max(now - last.finished_at, timedelta(0))
    if age > within:
        return Check(
            "poll",
            False,
            f"no poll has finished for {duration(age)} (since {_utc(last.finished_at)}; "
            f"expected within {duration(within)}, twice [poll] interval)",
            EXIT_POLL,
        )
    return Check("poll", True, f"the last poll finished {duration(age)} ago", EXIT_POLL)


def _digests(rows: Sequence[LedgerState], now: datetime, recipients: set[str]) -> Check:
    bad = [
        row
        for row in rows
        if (not recipients or row.recipient in recipients) and not _fine(row, now)
    ]
    if not bad:
        return Check("digests", True, "no digest failed or stuck", EXIT_DIGESTS)
    named = ", ".join(_digest(row) for row in bad[:NAMED])
    more = f" and {len(bad) - NAMED} more" if len(bad) > NAMED else ""
    count = "a digest was" if len(bad) == 1 else f"{len(bad)} digests were"
    return Check("digests", False, f"{count} not delivered: {named}{more}", EXIT_DIGESTS)


def _fine(row: LedgerState, now: datetime) -> bool:
    """Sent or skipped, or claimed or being sent right now; any other state (failed, unknown,
    stuck, or one this version has never heard of) wants a person."""
    if row.status in SETTLED:
        return True
    return row.status in MOVING and now - row.updated_at <= IN_FLIGHT


def _digest(row: LedgerState) -> str:
    text = f"{row.week} to {row.recipient} is {row.status}"
    if row.status in MOVING:
        return f"{text} since {_utc(row.updated_at)} (stuck)"
    return f"{text} ({row.error})" if row.error else text


def _feeds(feeds: Sequence[FeedHealth], now: datetime, allowed: float) -> Check:
    failing = [f for f in feeds if f.failing_since and now - f.failing_since > FAILING_FOR]
    counted = f"{len(failing)} of {len(feeds)} feeds failing for over a day"
    if not feeds or len(failing) <= allowed * len(feeds):
        return Check("feeds", True, counted, EXIT_FEEDS)
    named = ", ".join(f.title or redact_url(f.url) for f in failing[:NAMED])
    more = f" and {len(failing) - NAMED} more" if len(failing) > NAMED else ""
    return Check(
        "feeds",
        False,
        f"{counted}, more than [health] failing_feeds = {allowed:g}: {named}{more} "
        "(see tracker status)",
        EXIT_FEEDS,
    )


def duration(delta: timedelta) -> str:
    """``45m``, ``5h 3m``, ``2d 4h``; under a minute is ``under a minute``."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else ""]
    parts.append(f"{minutes}m" if minutes and not days else "")
    return " ".join(part for part in parts if part)


def _utc(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M} UTC"
