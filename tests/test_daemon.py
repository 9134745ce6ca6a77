"""The daemon (``tracker.scheduler``): its jobs as built from the config (inspected, never waited
for), catch-up after downtime and retries through the digest ledger (a fake clock), one in-process
run, and ``tracker run`` as a real process that polls a feed on 127.0.0.1 and stops on SIGTERM."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from conftest import REPO
from fakes import FakeClock
from httpserver import HTTPTestServer
from smtpserver import SMTPTestServer

from tracker import app as core
from tracker import daemon as scheduler
from tracker.config.schema import load_config
from tracker.types import DigestStatus, IsoWeek

WEEK = IsoWeek(2026, 48)  # Mon 23 - Sun 29 November 2026 in Seoul
POLLED_AT = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # Wed 12:00 in Seoul
SEOUL = ZoneInfo("Asia/Seoul")
RECIPIENT = "reader@example.com"


class FakeSleep:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


async def _nothing() -> None:
    return None


def feed_document(now: datetime) -> bytes:
    items = "".join(
        f"<item><title>{escape(title)}</title><link>https://reviews.example/{n}</link>"
        f'<guid isPermaLink="false">r{n}</guid>'
        f"<pubDate>{format_datetime(now - timedelta(hours=n + 1))}</pubDate>"
        f"<description>{escape(summary)}</description></item>"
        for n, (title, summary) in enumerate(
            [
                (
                    "Exhuma film review: Choi Min-sik and Kim Go-eun unearth something ancient",
                    "4/5 stars. Jang Jae-hyun delivers a grave-moving occult thriller.",
                ),
                (
                    "Harbin review: Hyun Bin plays independence fighter Ahn Jung-geun",
                    "3/5 stars. Woo Min-ho's solemn period piece.",
                ),
            ]
        )
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>K-film reviews</title><link>https://reviews.example/</link>"
        f"<description>test</description>{items}</channel></rss>"
    ).encode()


def config_text(
    tmp_path: Path,
    feed_url: str,
    *,
    smtp_port: int | None = None,
    schedule: str = "mon 09:00",
    timezone: str = "Asia/Seoul",
) -> str:
    lines = [
        "[database]",
        f'url = "sqlite:///{(tmp_path / "tracker.db").as_posix()}"',
        "[tracker]",
        f'timezone = "{timezone}"',
        "collections = []",
        f'state_dir = "{(tmp_path / "state").as_posix()}"',
        "[poll]",
        "allow_private_networks = true",
        "[digest]",
        f'schedule = "{schedule}"',
    ]
    if smtp_port is not None:
        lines += [
            f'recipients = ["{RECIPIENT}"]',
            "[smtp]",
            'host = "127.0.0.1"',
            f"port = {smtp_port}",
            'security = "none"',  # a loopback relay, as a local MTA would be
            "timeout = 10",
        ]
    lines += [
        "[[feeds]]",
        f'url = "{feed_url}"',
        'title = "K-film reviews"',
        'kind = "review"',
        "korean_only = true",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def feeds() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as server:
        server.add_file("/reviews.xml", feed_document(POLLED_AT))
        yield server


@pytest.fixture
def smtp() -> Iterator[SMTPTestServer]:
    with SMTPTestServer() as server:
        yield server


# -- the jobs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timezone", "schedule", "fields"),
    [
        ("Asia/Seoul", "mon 09:00", ("mon", "9", "0")),
        ("Europe/Berlin", "fri 18:30", ("fri", "18", "30")),
        ("America/New_York", "sun 07:05", ("sun", "7", "5")),
    ],
)
def test_jobs_are_built_from_the_config(
    tmp_path: Path, timezone: str, schedule: str, fields: tuple[str, str, str]
) -> None:
    config = load_config(
        config_text(tmp_path, "http://127.0.0.1:9/f.xml", schedule=schedule, timezone=timezone)
    )
    tracker = core.make_tracker(config)
    sched = scheduler.build_scheduler(tracker, poll=_nothing, digest=_nothing)
    jobs = {job.id: job for job in sched.get_jobs()}
    assert set(jobs) == {scheduler.POLL_JOB, scheduler.DIGEST_JOB}

    digest_job = jobs[scheduler.DIGEST_JOB]
    trigger = digest_job.trigger
    assert isinstance(trigger, CronTrigger)
    named = {field.name: str(field) for field in trigger.fields}
    assert (named["day_of_week"], named["hour"], named["minute"]) == fields
    assert named["second"] == "0"
    assert trigger.timezone == ZoneInfo(timezone)
    assert digest_job.coalesce is True
    assert digest_job.max_instances == 1
    # a digest missed while the machine slept still goes out (APScheduler's default is 1 s)
    assert digest_job.misfire_grace_time >= 3 * 3600

    poll_job = jobs[scheduler.POLL_JOB]
    assert isinstance(poll_job.trigger, IntervalTrigger)
    assert poll_job.trigger.interval == timedelta(minutes=1)
    assert poll_job.coalesce is True
    assert poll_job.max_instances == 1


@pytest.mark.parametrize(
    ("timezone", "after", "expected"),
    [
        # the week summer time ends in Europe (25 Oct 2026): Monday 09:00 is CET, +01:00
        ("Europe/Berlin", datetime(2026, 10, 24, 12, 0), datetime(2026, 10, 26, 9, 0)),
        # and where it begins in the US (8 Mar 2026): EDT, -04:00
        ("America/New_York", datetime(2026, 3, 7, 12, 0), datetime(2026, 3, 9, 9, 0)),
        ("Asia/Seoul", datetime(2026, 11, 24, 12, 0), datetime(2026, 11, 30, 9, 0)),
    ],
)
def test_the_digest_fires_at_local_wall_clock_time_across_dst(
    tmp_path: Path, timezone: str, after: datetime, expected: datetime
) -> None:
    zone = ZoneInfo(timezone)
    config = load_config(config_text(tmp_path, "http://127.0.0.1:9/f.xml", timezone=timezone))
    sched = scheduler.build_scheduler(core.make_tracker(config), poll=_nothing, digest=_nothing)
    job = next(j for j in sched.get_jobs() if j.id == scheduler.DIGEST_JOB)
    fire = job.trigger.get_next_fire_time(None, after.replace(tzinfo=zone))
    assert fire == expected.replace(tzinfo=zone)
    assert fire.utcoffset() == expected.replace(tzinfo=zone).utcoffset()


# -- catch-up and retries through the ledger -----------------------------------------------------


def polled_tracker(
    tmp_path: Path, feeds: HTTPTestServer, smtp: SMTPTestServer, clock: FakeClock
) -> core.Tracker:
    config = load_config(config_text(tmp_path, feeds.url("/reviews.xml"), smtp_port=smtp.port))
    tracker = core.make_tracker(config, clock=clock, smtp_sleep=FakeSleep())
    clock.now = POLLED_AT
    results = asyncio.run(tracker.poll())
    assert [r.error for r in results] == [None]
    return tracker


def test_catch_up_sends_the_missed_digest_once(
    tmp_path: Path,
    feeds: HTTPTestServer,
    smtp: SMTPTestServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FakeClock()
    with polled_tracker(tmp_path, feeds, smtp, clock) as tracker:
        daemon = scheduler.Daemon(tracker)
        # the daemon was down on Monday 09:00; it comes back at 15:30 the same day
        clock.now = datetime(2026, 11, 30, 15, 30, tzinfo=SEOUL)
        with caplog.at_level(logging.INFO, logger="tracker.daemon"):
            asyncio.run(daemon.send_digest())
            asyncio.run(daemon.send_digest())  # a restart, or the scheduled job right after
        [record] = tracker.storage.list_digests()

    assert len(smtp.messages) == 1
    assert smtp.mail_attempts == 1
    assert smtp.messages[0].parsed()["Message-ID"] == record.message_id
    assert (record.week, record.status) == ("2026-W48", DigestStatus.SENT)
    lines = [r.getMessage() for r in caplog.records if r.name == "tracker.daemon"]
    assert lines == [
        f"digest 2026-W48 to {RECIPIENT}: sent: 2.0.0 OK queued",
        f"digest 2026-W48 to {RECIPIENT}: skipped: already sent on 2026-11-30 06:30 UTC",
    ]


def test_before_the_scheduled_time_the_current_digest_is_not_sent(
    tmp_path: Path, feeds: HTTPTestServer, smtp: SMTPTestServer
) -> None:
    clock = FakeClock()
    with polled_tracker(tmp_path, feeds, smtp, clock) as tracker:
        clock.now = datetime(2026, 11, 30, 8, 59, tzinfo=SEOUL)
        # due is the week before (2026-W47), which was empty: nothing goes out
        outcomes = asyncio.run(tracker.send_due_digest())
        assert [(str(o.week), o.status) for o in outcomes] == [("2026-W47", "skipped")]
        assert smtp.mail_attempts == 0
        clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=SEOUL)
        outcomes = asyncio.run(tracker.send_due_digest())
        assert [(str(o.week), o.status) for o in outcomes] == [("2026-W48", "sent")]
    assert len(smtp.messages) == 1


def test_a_temporary_failure_is_retried_by_a_later_run(
    tmp_path: Path, feeds: HTTPTestServer
) -> None:
    clock = FakeClock()
    busy = ["451 4.3.0 Try again later"] * 4  # the first send and its 3 quick retries
    with SMTPTestServer(data_replies=busy) as smtp:
        with polled_tracker(tmp_path, feeds, smtp, clock) as tracker:
            clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=SEOUL)
            [failed] = asyncio.run(tracker.send_due_digest())
            assert failed.status == "failed" and "queued: retried after" in failed.detail
            [record] = tracker.storage.list_digests()
            assert record.status is DigestStatus.FAILED
            assert record.retry_at == clock.now + timedelta(minutes=15)

            # the daemon's own one-minute job retries it, not the next weekly run
            daemon = scheduler.Daemon(tracker)
            clock.advance(timedelta(minutes=5))  # a tick before the retry time: nothing
            asyncio.run(daemon.tick())
            assert smtp.data_attempts == 4

            clock.advance(timedelta(minutes=11))  # a tick after it: sent
            asyncio.run(daemon.tick())
            [record] = tracker.storage.list_digests()
        assert len(smtp.messages) == 1
    assert (record.status, record.attempts, record.retry_at) == (DigestStatus.SENT, 2, None)


def test_one_run_in_process_catches_up_polls_and_stops(
    tmp_path: Path,
    feeds: HTTPTestServer,
    smtp: SMTPTestServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = load_config(config_text(tmp_path, feeds.url("/reviews.xml"), smtp_port=smtp.port))
    clock = FakeClock(POLLED_AT)
    # the feed was polled last week; the daemon starts on Monday after 09:00
    with core.make_tracker(config, clock=clock) as tracker:
        asyncio.run(tracker.poll())
        clock.now = datetime(2026, 11, 30, 10, 0, tzinfo=SEOUL)

        async def run_once() -> None:
            stop = asyncio.Event()
            stop.set()  # stop as soon as the start-up work is done
            await scheduler.Daemon(tracker).run(stop)

        with caplog.at_level(logging.INFO, logger="tracker.daemon"):
            asyncio.run(run_once())

    messages = [r.getMessage() for r in caplog.records if r.name == "tracker.daemon"]
    assert messages[0].startswith("tracker running: 1 feeds, digest mon 09:00 (Asia/Seoul)")
    assert f"digest 2026-W48 to {RECIPIENT}: sent: 2.0.0 OK queued" in messages
    # the feed is due again (its next poll time has come): one poll line with counts
    assert any(m.startswith("poll: 1 feeds, ") for m in messages), messages
    assert messages[-1] == "stopped"
    assert len(smtp.messages) == 1


# -- the release calendar ------------------------------------------------------------------------


def test_the_daemon_writes_the_release_calendar_after_new_entries_and_after_a_digest(
    tmp_path: Path, feeds: HTTPTestServer, smtp: SMTPTestServer
) -> None:
    import icalendar

    clock = FakeClock(POLLED_AT)
    config = load_config(config_text(tmp_path, feeds.url("/reviews.xml"), smtp_port=smtp.port))
    with core.make_tracker(config, clock=clock, smtp_sleep=FakeSleep()) as tracker:
        daemon = scheduler.Daemon(tracker)
        path = tracker.calendar.path
        assert path == tmp_path / "state" / "archive" / "releases.ics"
        assert asyncio.run(daemon.poll_due()).new == 2
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Seoul"

        # a tick that stores nothing (the feed is not due) leaves the file alone
        path.unlink()
        clock.advance(timedelta(minutes=1))
        assert asyncio.run(daemon.poll_due()).polled == 0
        assert not path.exists()

        # the weekly digest writes it again (it remembers films, refreshes stale rows)
        clock.now = datetime(2026, 11, 30, 10, 0, tzinfo=SEOUL)
        asyncio.run(daemon.send_digest())
        assert path.is_file()
    assert len(smtp.messages) == 1


def test_a_calendar_that_cannot_be_written_is_logged_and_the_daemon_goes_on(
    tmp_path: Path, feeds: HTTPTestServer, caplog: pytest.LogCaptureFixture
) -> None:
    config = load_config(config_text(tmp_path, feeds.url("/reviews.xml")))
    with core.make_tracker(config, clock=FakeClock(POLLED_AT)) as tracker:
        # a file where the archive folder should be
        tracker.calendar.path.parent.parent.mkdir(parents=True)
        tracker.calendar.path.parent.write_text("not a folder")
        daemon = scheduler.Daemon(tracker)
        with caplog.at_level(logging.INFO, logger="tracker.daemon"):
            summary = asyncio.run(daemon.poll_due())
            asyncio.run(daemon.send_digest())
        [entry] = tracker.entries(limit=1)
    assert summary.new == 2 and entry.title
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 2, errors
    assert all(
        m.startswith("release calendar not written: cannot write the release calendar to ")
        for m in errors
    ), errors


# -- `tracker run`, a real process -----------------------------------------------------------------


class Lines:
    """A child's stderr, line by line, with a deadline (a reader thread; no sleeping)."""

    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no line with {text!r} in {timeout}s: {self.seen}")
            try:
                line = self._queue.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"the process ended without {text!r}: {self.seen}")
            self.seen.append(line)
            if text in line:
                return line

    def rest(self, timeout: float) -> list[str]:
        self._thread.join(timeout)
        while not self._queue.empty():
            line = self._queue.get_nowait()
            if line is not None:
                self.seen.append(line)
        return self.seen


@pytest.mark.parametrize("log_json", [False, True], ids=["plain", "json"])
def test_tracker_run_polls_and_exits_cleanly_on_sigterm(tmp_path: Path, log_json: bool) -> None:
    with HTTPTestServer() as server:
        server.add_file("/reviews.xml", feed_document(datetime.now(UTC)))
        config = tmp_path / "tracker.toml"
        config.write_text(config_text(tmp_path, server.url("/reviews.xml")), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        command = [sys.executable, "-m", "tracker", "--config", str(config), "run"]
        if log_json:
            command.append("--log-json")
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            lines = Lines(process.stderr)  # type: ignore[arg-type]
            lines.wait_for("tracker running", timeout=30)
            poll_line = lines.wait_for("poll: 1 feeds", timeout=30)
            assert "0 failed, 2 new" in poll_line
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        seen = lines.rest(timeout=5)
        stdout = process.stdout.read() if process.stdout else ""
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
    assert code == 0, seen
    assert server.requests_for("/reviews.xml"), "the daemon never fetched the feed"
    assert any("stopped" in line for line in seen), seen
    assert "Traceback" not in "\n".join(seen) + stdout
    if log_json:
        docs = [json.loads(line) for line in seen]  # every line is one JSON object
        assert {"time", "level", "logger", "message"} <= set(docs[0])
        assert any(d["message"].startswith("poll: 1 feeds") for d in docs)
        assert docs[-1]["message"] == "stopped"
    else:
        assert all(not line.startswith("{") for line in seen)
