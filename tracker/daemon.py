"""The daemon behind ``tracker run``: APScheduler as a wake-up clock, nothing more.

Owns the two jobs (a tick every ``[poll] check_every`` polling the feeds whose time came, the
weekly digest), keeping the release calendar file current after each, catch-up at start (every
missed week, oldest first: ``Tracker.send_due_digest``), a clean stop on SIGTERM/SIGINT, and
telling systemd (``tracker.notify``) when it is ready, that its event loop still turns (the
watchdog), what it last did and when it stops. Must not keep durable state: each feed's next
poll time and the digest ledger live in the database, so a restart never double-polls or
double-sends (APScheduler 3.x job stores cannot be shared safely: its store stays in memory).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tracker.app import Tracker
from tracker.digest import window
from tracker.exceptions import TrackerError
from tracker.notify import Notifier
from tracker.types import PollSummary

log = logging.getLogger("tracker.daemon")

POLL_JOB = "poll"
DIGEST_JOB = "digest"
#: a digest missed by up to this much (machine asleep, daemon restarting) still goes out
DIGEST_MISFIRE_GRACE = timedelta(hours=12)
#: how long a stop waits for a digest being sent before giving up on it (systemd waits 30 s)
STOP_GRACE = timedelta(seconds=15)


def build_scheduler(
    tracker: Tracker,
    *,
    poll: Callable[[], Awaitable[None]],
    digest: Callable[[], Awaitable[None]],
    tick: timedelta = timedelta(minutes=1),
) -> AsyncIOScheduler:
    """The scheduler with its two jobs, built from the config; not started."""
    tz = tracker.config.tracker.timezone
    weekday, at = window.parse_schedule(tracker.config.digest.schedule)
    scheduler = AsyncIOScheduler(timezone=tz)
    scheduler.add_job(
        poll,
        IntervalTrigger(seconds=int(tick.total_seconds()), timezone=tz),
        id=POLL_JOB,
        name="poll due feeds",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=int(tick.total_seconds()),
    )
    scheduler.add_job(
        digest,
        CronTrigger(
            day_of_week=window.WEEKDAYS[weekday], hour=at.hour, minute=at.minute, timezone=tz
        ),
        id=DIGEST_JOB,
        name="weekly digest",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=int(DIGEST_MISFIRE_GRACE.total_seconds()),
    )
    return scheduler


class Daemon:
    """Runs the jobs until told to stop; never lets one failed cycle kill the process."""

    def __init__(self, tracker: Tracker, notifier: Notifier | None = None) -> None:
        self.tracker = tracker
        #: systemd's channel (``Type=notify``); a disabled one outside systemd
        self.notifier = notifier or Notifier()
        self._busy = asyncio.Lock()
        self._polls: set[asyncio.Task[PollSummary]] = set()

    async def poll_due(self) -> PollSummary:
        async with self._busy:
            try:
                results = await self.tracker.poll(due_only=True)
            except TrackerError as error:
                log.error("poll cycle failed: %s", error.message)
                return PollSummary()
            summary = PollSummary.of(results)
            if summary.polled:
                self.notifier.status(
                    f"last poll: {summary.polled} feeds, {summary.failed} failed, "
                    f"{summary.new} new, {summary.updated} updated"
                )
                log.info(
                    "poll: %d feeds, %d not modified, %d failed, %d new, %d updated",
                    summary.polled,
                    summary.not_modified,
                    summary.failed,
                    summary.new,
                    summary.updated,
                )
            for message in self.tracker.health_changes(results):
                log.warning("%s", message)
            if summary.new or summary.updated:
                # a new or changed announcement may add, move or name a release
                self.write_calendar()
            return summary

    async def send_digest(self) -> None:
        """Send every digest that is due and not yet in the ledger (scheduled or catch-up: the
        missed weeks oldest first, up to ``[digest] catch_up``; older ones recorded as skipped),
        and any digest whose temporary failure is due for a retry."""
        async with self._busy:
            try:
                outcomes = await self.tracker.send_due_digest()
            except TrackerError as error:
                log.error("digest failed: %s", error.message)
                return
            except Exception:
                # a bug, or a library surprise: say it loudly, keep the daemon (and polling) up
                log.exception("digest failed unexpectedly")
                return
            for outcome in outcomes:
                log.info("digest %s to %s: %s", outcome.week, outcome.recipient, outcome.describe())
            if outcomes:
                # e.g. "last digest: 2026-W48: 2 sent, 1 failed" in `systemctl status`
                weeks = ", ".join(sorted({str(o.week) for o in outcomes}))
                counts = Counter(o.status for o in outcomes)
                tally = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
                self.notifier.status(f"last digest: {weeks}: {tally}")
            # building it understood stale rows again and remembered its films' Hangul titles
            self.write_calendar()

    def write_calendar(self) -> None:
        """Bring the release calendar file up to date. A failure is logged and the daemon goes
        on: the calendar is a by-product, polling and the digest matter more."""
        try:
            self.tracker.calendar.write()
        except TrackerError as error:
            log.error("release calendar not written: %s", error.message)
        except Exception:
            log.exception("release calendar not written (unexpected)")

    async def tick(self) -> None:
        """The one-minute job: poll what is due, then retry a digest whose retry time came (a
        451 at 09:00 goes out at 09:15, not next week)."""
        task = asyncio.create_task(self.poll_due())
        self._polls.add(task)
        try:
            await task
        except asyncio.CancelledError:
            return
        except Exception:
            log.exception("poll cycle failed unexpectedly")
        finally:
            self._polls.discard(task)
        try:
            retry = self.tracker.retry_due()
        except TrackerError as error:
            log.error("cannot read the digest ledger: %s", error.message)
            return
        if retry:
            await self.send_digest()

    async def keep_watchdog(self, stop: asyncio.Event) -> None:
        """``WATCHDOG=1`` at the pace systemd asked for, from the event loop itself: a blocked
        loop (a call hung on it) stops the pings, and systemd restarts the service."""
        interval = self.notifier.watchdog_interval
        if interval is None:
            return
        while not stop.is_set():
            self.notifier.watchdog()
            try:
                await asyncio.wait_for(stop.wait(), interval.total_seconds())
            except TimeoutError:
                continue

    async def run(self, stop: asyncio.Event) -> None:
        scheduler = build_scheduler(
            self.tracker,
            poll=self.tick,
            digest=self.send_digest,
            tick=self.tracker.config.poll.check_every,
        )
        scheduler.start()
        feeds = len(self.tracker.followed())
        schedule = self.tracker.config.digest.schedule
        log.info(
            "tracker running: %d feeds, digest %s (%s), database %s",
            feeds,
            schedule,
            self.tracker.config.tracker.timezone,
            self.tracker.database_for_display,
        )
        # ready once the scheduler runs: `systemctl start` returns now, and the watchdog starts
        self.notifier.ready(f"running: {feeds} feeds, digest {schedule}")
        watchdog = asyncio.create_task(self.keep_watchdog(stop))

        async def start_up() -> None:
            # catch-up: each digest whose time passed while we were down goes out once, now
            await self.send_digest()
            await self.tick()

        starting = asyncio.create_task(start_up())
        try:
            await stop.wait()
        finally:
            self.notifier.stopping("stopping: finishing the work in flight")
            watchdog.cancel()
            await asyncio.gather(watchdog, return_exceptions=True)
            log.info("stopping: finishing the work in flight")
            scheduler.shutdown(wait=False)
            # a poll is cut short (leases expire and feeds are simply polled again); a digest
            # being sent is given time to finish, so it is not left half-sent
            for task in self._polls:
                task.cancel()
            try:
                await asyncio.wait_for(asyncio.shield(starting), STOP_GRACE.total_seconds())
            except (TimeoutError, asyncio.CancelledError):
                starting.cancel()
            except Exception:
                log.exception("start-up work failed")
            try:
                await asyncio.wait_for(self._busy.acquire(), STOP_GRACE.total_seconds())
                self._busy.release()
            except TimeoutError:
                log.warning("stopped while a digest was being sent: see tracker digest list")
            self.notifier.close()
            log.info("stopped")


def install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)


async def run_forever(tracker: Tracker, notifier: Notifier | None = None) -> None:
    stop = asyncio.Event()
    install_signal_handlers(stop)
    await Daemon(tracker, notifier).run(stop)
