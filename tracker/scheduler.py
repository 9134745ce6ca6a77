"""The daemon behind ``tracker run``: APScheduler as a wake-up clock, nothing more.

Owns the two jobs (a one-minute poll tick that polls the feeds whose time has come, and the weekly
digest), catch-up at start, and a clean stop on SIGTERM/SIGINT. Must not keep durable state: each
feed's next poll time and the digest ledger live in the database, so a restart never double-polls
or double-sends (APScheduler 3.x job stores cannot be shared safely: its store stays in memory).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tracker import window
from tracker.core import Tracker
from tracker.exceptions import TrackerError
from tracker.types import PollSummary

log = logging.getLogger("tracker.daemon")

POLL_JOB = "poll"
DIGEST_JOB = "digest"
#: a digest missed by up to this much (machine asleep, daemon restarting) still goes out
DIGEST_MISFIRE_GRACE = timedelta(hours=12)


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

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self._busy = asyncio.Lock()

    async def poll_due(self) -> PollSummary:
        async with self._busy:
            try:
                results = await self.tracker.poll(due_only=True)
            except TrackerError as error:
                log.error("poll cycle failed: %s", error.message)
                return PollSummary()
            summary = PollSummary.of(results)
            if summary.polled:
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
            return summary

    async def send_digest(self) -> None:
        """Send the newest digest that is due and not yet in the ledger (scheduled or catch-up)."""
        async with self._busy:
            try:
                outcomes = await self.tracker.send_due_digest()
            except TrackerError as error:
                log.error("digest failed: %s", error.message)
                return
            for outcome in outcomes:
                log.info("digest %s to %s: %s", outcome.week, outcome.recipient, outcome.describe())

    async def run(self, stop: asyncio.Event) -> None:
        scheduler = build_scheduler(self.tracker, poll=self._poll_job, digest=self.send_digest)
        scheduler.start()
        log.info(
            "tracker running: %d feeds, digest %s (%s), database %s",
            len(self.tracker.followed()),
            self.tracker.config.digest.schedule,
            self.tracker.config.tracker.timezone,
            self.tracker.storage.url_for_display,
        )
        try:
            # catch-up: a digest whose time passed while we were down goes out once, now
            await self.send_digest()
            await self._poll_job()
            await stop.wait()
        finally:
            log.info("stopping: finishing the work in flight")
            scheduler.shutdown(wait=False)
            async with self._busy:  # waits for a poll or a digest that is running
                pass
            log.info("stopped")

    async def _poll_job(self) -> None:
        await self.poll_due()


def install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)


async def run_forever(tracker: Tracker) -> None:
    stop = asyncio.Event()
    install_signal_handlers(stop)
    await Daemon(tracker).run(stop)
