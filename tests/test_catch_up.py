"""Catch-up after a downtime (issue 13): every week missed since the ledger's last row for a
recipient goes out once, oldest first, up to ``[digest] catch_up``; older ones are recorded as
``skipped`` with the reason (shown by ``tracker digest list``, never retried).

The plan is pure (``tracker.digest.catchup``) and tested as such. The rest runs end to end: a
feed on 127.0.0.1 polled once in each week under a fake clock, a real database, a real SMTP
server (``tests/smtpserver.py``), the daemon's own catch-up. A digest holds what the tracker
*first saw* in its week, so a missed week has something in it only when something polled then
(here, as with a cron ``tracker poll`` while the daemon was down); a week nobody polled in is
empty, and is recorded as such. Several daemons race on SQLite and on PostgreSQL
(``TRACKER_TEST_POSTGRES_URL``). Last, ``tracker run`` as a real process with the real clock, on a
database seeded to have missed its last three weeks.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO
from databases import postgres_schema
from fakes import FakeClock
from httpserver import HTTPTestServer
from smtpserver import ReceivedMessage, SMTPTestServer
from test_daemon import Lines
from typer.testing import CliRunner

from tracker import app as core
from tracker import daemon as scheduler
from tracker.cli import app as cli_app
from tracker.config.schema import load_config
from tracker.digest import catchup, window
from tracker.exceptions import ConfigError
from tracker.types import DigestRecord, DigestStatus, IsoWeek, PollSummary

SCHEDULE = "mon 09:00"
TZ = "Asia/Seoul"
SEOUL = ZoneInfo(TZ)
#: the last week sent on time: Mon 2 - Sun 8 November 2026 in Seoul
SENT = IsoWeek(2026, 45)
READER = "reader@example.com"
FRIEND = "friend@example.com"
FEED = "/reviews.xml"

#: one new review a week, each of another film, so a digest shows which week it is
FILMS = [
    ("Exhuma", "Choi Min-sik and Kim Go-eun unearth something ancient"),
    ("Harbin", "Hyun Bin plays independence fighter Ahn Jung-geun"),
    ("Burning", "Lee Chang-dong turns a Murakami story into a slow-burning mystery"),
    ("The Handmaiden", "Park Chan-wook's twisting tale of a con in colonial Korea"),
    ("Decision to Leave", "Park Chan-wook's detective falls for the widow he suspects"),
    ("Memories of Murder", "Bong Joon-ho's detectives chase a killer through the rain"),
    ("The Wailing", "Na Hong-jin's village horror refuses to explain itself"),
    ("Train to Busan", "Yeon Sang-ho's zombie thriller rides the KTX"),
]

runner = CliRunner()


# -- the plan: pure ------------------------------------------------------------------------------


def week(n: int) -> IsoWeek:
    """``SENT`` shifted by ``n`` weeks."""
    return window.shift(SENT, n)


def row(recipient: str, n: int, status: DigestStatus = DigestStatus.SENT) -> DigestRecord:
    at = datetime(2026, 11, 9, tzinfo=UTC)
    return DigestRecord(recipient, str(week(n)), status, "<id@x>", 1, at, at)


def owed(plan: tuple[catchup.Owed, ...]) -> list[tuple[str, tuple[str, ...]]]:
    return [(str(w), rs) for w, rs in plan]


def test_without_a_ledger_row_only_the_due_week_is_owed() -> None:
    # a new install, or a new address: nothing from before the tracker knew them
    plan = catchup.plan(due=week(3), recipients=[READER, FRIEND], ledger=[], weeks=4)
    assert owed(plan.send) == [(str(week(3)), (READER, FRIEND))]
    assert plan.skip == ()


def test_every_week_after_the_last_row_is_owed_oldest_first() -> None:
    plan = catchup.plan(due=week(3), recipients=[READER], ledger=[row(READER, 0)], weeks=4)
    assert owed(plan.send) == [(str(week(n)), (READER,)) for n in (1, 2, 3)]
    assert plan.skip == ()


def test_weeks_older_than_the_window_are_to_be_skipped() -> None:
    plan = catchup.plan(due=week(6), recipients=[READER], ledger=[row(READER, 0)], weeks=4)
    assert owed(plan.send) == [(str(week(n)), (READER,)) for n in (3, 4, 5, 6)]
    assert owed(plan.skip) == [(str(week(n)), (READER,)) for n in (1, 2)]


def test_each_recipient_is_owed_the_weeks_since_their_own_last_row() -> None:
    ledger = [row(READER, 0), row(FRIEND, 0), row(FRIEND, 1, DigestStatus.FAILED)]
    plan = catchup.plan(
        due=week(3), recipients=[READER, FRIEND, "new@example.com"], ledger=ledger, weeks=4
    )
    assert owed(plan.send) == [
        (str(week(1)), (READER,)),
        (str(week(2)), (READER, FRIEND)),
        (str(week(3)), (READER, FRIEND, "new@example.com")),
    ]


def test_a_hole_before_the_last_row_is_history_and_a_week_sent_early_is_no_bound() -> None:
    # week 1 was never sent (empty, or dropped before catch-up existed) but week 2 was: the
    # tracker ran since, so week 1 is not a downtime of now. Week 4 was sent by hand before its
    # time (the current week): the weeks before it are still owed.
    ledger = [row(READER, 0), row(READER, 2), row(READER, 4)]
    plan = catchup.plan(due=week(3), recipients=[READER], ledger=ledger, weeks=4)
    assert owed(plan.send) == [(str(week(3)), (READER,))]


def test_retries_go_to_everyone_and_a_foreign_week_is_ignored() -> None:
    foreign = DigestRecord(READER, "soon", DigestStatus.SENT, "<x>", 1, *[datetime.now(UTC)] * 2)
    ledger = [row(READER, 0), foreign]
    plan = catchup.plan(
        due=week(2), recipients=[READER, FRIEND], ledger=ledger, weeks=4, retry=[str(week(-1))]
    )
    assert owed(plan.send) == [
        (str(week(-1)), (READER, FRIEND)),
        (str(week(1)), (READER,)),
        (str(week(2)), (READER, FRIEND)),
    ]


@pytest.mark.parametrize(
    ("text", "weeks"), [("4w", 4), ("1w", 1), ("10d", 1), ("30d", 4), ("2w3d", 2)]
)
def test_catch_up_is_a_duration_counted_in_whole_weeks(text: str, weeks: int) -> None:
    config = load_config(f'[digest]\ncatch_up = "{text}"\n')
    assert catchup.window_weeks(config.digest.catch_up) == weeks


def test_catch_up_defaults_to_four_weeks_and_refuses_less_than_one() -> None:
    assert load_config("").digest.catch_up == timedelta(weeks=4)
    with pytest.raises(ConfigError, match=r"digest\.catch_up.*at least '1w'"):
        load_config('[digest]\ncatch_up = "3d"\n')
    with pytest.raises(ConfigError, match=r"digest\.catch_up"):
        load_config('[digest]\ncatch_up = "four weeks"\n')


# -- end to end, with a fake clock ----------------------------------------------------------------


def item(n: int, published: datetime) -> str:
    film, line = FILMS[n]
    return (
        f"<item><title>{escape(f'{film} review: {line}')}</title>"
        f'<link>https://reviews.example/{n}</link><guid isPermaLink="false">r{n}</guid>'
        f"<pubDate>{format_datetime(published)}</pubDate>"
        f"<description>4/5 stars. {escape(line)}.</description></item>"
    )


class Reviews:
    """The feed on 127.0.0.1: one new review each time ``publish`` is called, the older ones
    kept, as a real feed does."""

    def __init__(self, server: HTTPTestServer) -> None:
        self.server = server
        self.items: list[str] = []
        self.films: dict[IsoWeek, str] = {}
        server.add_file(FEED, self.document())

    def document(self) -> bytes:
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>K-film reviews</title><link>https://reviews.example/</link>"
            f"<description>test</description>{''.join(reversed(self.items))}</channel></rss>"
        ).encode()

    def publish(self, at: datetime, tz: str) -> None:
        n = len(self.items)
        self.items.append(item(n, at - timedelta(hours=1)))
        self.films[window.week_of(at, tz)] = FILMS[n][0]
        self.server.replace_file(FEED, self.document())


def config_text(
    tmp_path: Path,
    feed_url: str,
    *,
    smtp_port: int | None,
    recipients: tuple[str, ...] = (READER,),
    catch_up: str | None = None,
    database_url: str | None = None,
    schedule: str = SCHEDULE,
    timezone: str = TZ,
) -> str:
    url = database_url or f"sqlite:///{(tmp_path / 'tracker.db').as_posix()}"
    lines = [
        "[database]",
        f'url = "{url}"',
        "[tracker]",
        f'timezone = "{timezone}"',
        "collections = []",
        f'state_dir = "{(tmp_path / "state").as_posix()}"',
        "[poll]",
        "allow_private_networks = true",
        "[digest]",
        f'schedule = "{schedule}"',
    ]
    if catch_up is not None:
        lines.append(f'catch_up = "{catch_up}"')
    if smtp_port is not None:
        quoted = ", ".join(f'"{r}"' for r in recipients)
        lines += [
            f"recipients = [{quoted}]",
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


class NoSleep:
    async def __call__(self, delay: float) -> None:
        return None


def wednesday_noon(of: IsoWeek, tz: str = TZ) -> datetime:
    day = date.fromisocalendar(of.year, of.week, 3)
    return datetime.combine(day, time(12, 0), tzinfo=ZoneInfo(tz))


def poll_in(tracker: core.Tracker, reviews: Reviews, clock: FakeClock, of: IsoWeek) -> None:
    """A poll on Wednesday of ``of`` that finds that week's one new review."""
    clock.now = wednesday_noon(of, tracker.timezone)
    reviews.publish(clock.now, tracker.timezone)
    results = asyncio.run(tracker.poll())
    summary = PollSummary.of(results)
    assert (summary.failed, summary.new) == (0, 1), results


def downtime(
    tracker: core.Tracker, reviews: Reviews, clock: FakeClock, *, missed: int, polled: bool = True
) -> IsoWeek:
    """``SENT`` polled and sent on time; then ``missed`` weeks whose digest never ran (polled
    in each when ``polled``); the clock left an hour after the newest one's send time, which
    is returned."""
    poll_in(tracker, reviews, clock, SENT)
    clock.now = window.scheduled_run(SENT, SCHEDULE, TZ) + timedelta(hours=1)
    outcomes = asyncio.run(tracker.send_due_digest())
    assert {(o.week, o.status) for o in outcomes} == {(SENT, "sent")}
    last = SENT
    for _ in range(missed):
        last = window.shift(last, 1)
        if polled:
            poll_in(tracker, reviews, clock, last)
    clock.now = window.scheduled_run(last, SCHEDULE, TZ) + timedelta(hours=1)
    return last


def week_of_message(message: ReceivedMessage) -> str:
    # the Message-ID names the week: <2026-W46.hash@domain>
    return str(message.parsed()["Message-ID"]).removeprefix("<").split(".")[0]


def text_of(message: ReceivedMessage) -> str:
    body = message.parsed().get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


@pytest.fixture
def reviews() -> Iterator[Reviews]:
    with HTTPTestServer() as server:
        yield Reviews(server)


@pytest.fixture
def smtp() -> Iterator[SMTPTestServer]:
    with SMTPTestServer() as server:
        yield server


def make(
    tmp_path: Path,
    reviews: Reviews,
    smtp: SMTPTestServer,
    clock: FakeClock,
    *,
    recipients: tuple[str, ...] = (READER,),
    catch_up: str | None = None,
    database_url: str | None = None,
) -> core.Tracker:
    """A tracker on this test's database; its config also written to ``tracker.toml`` (for the
    CLI) unless it is already there."""
    text = config_text(
        tmp_path,
        reviews.server.url(FEED),
        smtp_port=smtp.port,
        recipients=recipients,
        catch_up=catch_up,
        database_url=database_url,
    )
    path = tmp_path / "tracker.toml"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return core.make_tracker(load_config(text), clock=clock, smtp_sleep=NoSleep())


def test_a_three_week_downtime_sends_three_weeks_oldest_first_once_each(
    tmp_path: Path, reviews: Reviews, smtp: SMTPTestServer, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock()
    with make(tmp_path, reviews, smtp, clock) as tracker:
        newest = downtime(tracker, reviews, clock, missed=3)
        assert newest == week(3)
        with caplog.at_level(logging.INFO, logger="tracker.daemon"):
            # the daemon's start-up catch-up, then a restart, then the scheduled job right after
            asyncio.run(scheduler.Daemon(tracker).send_digest())
            asyncio.run(scheduler.Daemon(tracker).send_digest())
            clock.advance(timedelta(minutes=20))
            asyncio.run(scheduler.Daemon(tracker).tick())
        ledger = {(r.week, r.recipient): r for r in tracker.storage.list_digests()}

    missed = [str(week(n)) for n in (1, 2, 3)]
    assert [week_of_message(m) for m in smtp.messages] == [str(SENT), *missed]
    assert smtp.mail_attempts == 4
    # each email is its own week: the review first seen that week, and not the others'
    for message, n in zip(smtp.messages[1:], (1, 2, 3), strict=True):
        text = text_of(message)
        assert reviews.films[week(n)] in text
        assert all(reviews.films[week(m)] not in text for m in (0, 1, 2, 3) if m != n)
    assert {k: r.status for k, r in ledger.items()} == {
        (w, READER): DigestStatus.SENT for w in [str(SENT), *missed]
    }
    lines = [
        r.getMessage()
        for r in caplog.records
        if r.name == "tracker.daemon" and r.getMessage().startswith("digest ")
    ]
    assert lines[:3] == [f"digest {w} to {READER}: sent: 2.0.0 OK queued" for w in missed]
    assert lines[3:] == [
        f"digest {missed[-1]} to {READER}: skipped: already sent on "
        f"{ledger[(missed[-1], READER)].sent_at:%Y-%m-%d %H:%M} UTC"
    ]


def test_a_six_week_downtime_sends_four_and_records_two_skipped(
    tmp_path: Path, reviews: Reviews, smtp: SMTPTestServer
) -> None:
    clock = FakeClock()
    with make(tmp_path, reviews, smtp, clock, catch_up="4w") as tracker:
        downtime(tracker, reviews, clock, missed=6)
        outcomes = asyncio.run(tracker.send_due_digest())
        caught_up = clock.now
        # a restart, and the retry ticks after it: nothing more, the skipped weeks stay skipped
        again = asyncio.run(tracker.send_due_digest())
        clock.advance(timedelta(hours=1))
        asyncio.run(scheduler.Daemon(tracker).tick())
        ledger = {r.week: r for r in tracker.storage.list_digests()}

    reason = (
        "missed while the tracker was not sending, and older than [digest] catch_up "
        f"(4 weeks) when it caught up on {caught_up:%Y-%m-%d}"
    )
    assert [(str(o.week), o.status, o.detail) for o in outcomes[:2]] == [
        (str(week(1)), "skipped", reason),
        (str(week(2)), "skipped", reason),
    ]
    assert [(str(o.week), o.status) for o in outcomes[2:]] == [
        (str(week(n)), "sent") for n in (3, 4, 5, 6)
    ]
    assert [week_of_message(m) for m in smtp.messages] == [str(week(n)) for n in (0, 3, 4, 5, 6)]
    assert [(str(o.week), o.status) for o in again] == [(str(week(6)), "skipped")]
    assert {w: (r.status, r.attempts) for w, r in ledger.items()} == {
        str(week(0)): (DigestStatus.SENT, 1),
        str(week(1)): (DigestStatus.SKIPPED, 0),
        str(week(2)): (DigestStatus.SKIPPED, 0),
        **{str(week(n)): (DigestStatus.SENT, 1) for n in (3, 4, 5, 6)},
    }
    assert ledger[str(week(1))].error == reason and ledger[str(week(1))].sent_at is None

    # `tracker digest list` shows them, and what to do to send one after all
    result = runner.invoke(cli_app, ["--config", str(tmp_path / "tracker.toml"), "digest", "list"])
    assert result.exit_code == 0, result.output
    for n in (1, 2):
        assert (
            f"{week(n)} to {READER}: skipped: {reason} (never retried; to send it: "
            f"tracker digest send --week {week(n)} --force --to {READER})"
        ) in " ".join(result.stdout.split())
    assert len([line for line in result.stdout.splitlines() if " skipped " in f" {line} "]) == 2


def test_a_skipped_week_is_explained_and_sent_only_on_purpose(
    tmp_path: Path, reviews: Reviews, smtp: SMTPTestServer
) -> None:
    clock = FakeClock()
    with make(tmp_path, reviews, smtp, clock, catch_up="1w") as tracker:
        downtime(tracker, reviews, clock, missed=2)
        asyncio.run(tracker.send_due_digest())
        assert [week_of_message(m) for m in smtp.messages] == [str(week(0)), str(week(2))]
        [plain] = asyncio.run(tracker.send_digest(week(1)))
        assert plain.status == "skipped"
        assert plain.detail.startswith("skipped: missed while the tracker was not sending")
        assert plain.detail.endswith(
            f"to send it anyway: tracker digest send --week {week(1)} --force --to {READER}"
        )
        [forced] = asyncio.run(tracker.send_digest(week(1), force=True))
        [record] = [r for r in tracker.storage.list_digests() if r.week == str(week(1))]
    assert forced.status == "sent"
    assert (record.status, record.error) == (DigestStatus.SENT, None)
    assert reviews.films[week(1)] in text_of(smtp.messages[-1])


def test_weeks_nobody_polled_in_are_recorded_empty_not_sent(
    tmp_path: Path, reviews: Reviews, smtp: SMTPTestServer
) -> None:
    # the whole machine was down: nothing was first seen in those weeks, so there is nothing to
    # send for them (what was published then arrives in the week the tracker polls again)
    clock = FakeClock()
    with make(tmp_path, reviews, smtp, clock) as tracker:
        downtime(tracker, reviews, clock, missed=3, polled=False)
        outcomes = asyncio.run(tracker.send_due_digest())
        ledger = {r.week: r for r in tracker.storage.list_digests()}
        # the next scheduled run owes nothing but its own week: the empty ones are settled
        plan = catchup.plan(
            due=week(4), recipients=[READER], ledger=tracker.storage.list_digests(), weeks=4
        )
    assert [(str(o.week), o.status) for o in outcomes] == [
        (str(week(n)), "skipped") for n in (1, 2, 3)
    ]
    assert len(smtp.messages) == 1
    for n in (1, 2, 3):
        assert (ledger[str(week(n))].status, ledger[str(week(n))].error) == (
            DigestStatus.SKIPPED,
            "nothing new that week (send_if_empty = false)",
        )
    assert owed(plan.send) == [(str(week(4)), (READER,))]


def test_a_new_recipient_gets_the_due_week_only(
    tmp_path: Path, reviews: Reviews, smtp: SMTPTestServer
) -> None:
    clock = FakeClock()
    with make(tmp_path, reviews, smtp, clock) as tracker:
        downtime(tracker, reviews, clock, missed=2)
    # the reader was away two weeks; a friend is added while the daemon is down
    with make(tmp_path, reviews, smtp, clock, recipients=(READER, FRIEND)) as tracker:
        asyncio.run(tracker.send_due_digest())
    got = [(week_of_message(m), m.rcpt_tos) for m in smtp.messages]
    assert got == [
        (str(week(0)), (READER,)),
        (str(week(1)), (READER,)),
        (str(week(2)), (READER,)),
        (str(week(2)), (FRIEND,)),
    ]


# -- several daemons at once ---------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of this test's own: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'shared.db').as_posix()}"
        return
    with postgres_schema("test_catch_up", "to race the daemons on PostgreSQL") as url:
        yield url


def test_three_daemons_catching_up_at_once_send_each_week_once(
    tmp_path: Path, reviews: Reviews, smtp: SMTPTestServer, database_url: str
) -> None:
    clock = FakeClock()
    both = (READER, FRIEND)
    with make(
        tmp_path, reviews, smtp, clock, recipients=both, database_url=database_url
    ) as tracker:
        downtime(tracker, reviews, clock, missed=3)
    # three daemons start together, each in its own thread with its own connections
    config = load_config((tmp_path / "tracker.toml").read_text(encoding="utf-8"))
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def daemon() -> None:
        try:
            with core.make_tracker(config, clock=clock, smtp_sleep=NoSleep()) as own:
                assert own.storage  # opened (and migrated) before the race starts
                start.wait(timeout=30)
                asyncio.run(scheduler.Daemon(own).send_digest())
        except BaseException as error:  # reported below, with the thread's own traceback
            errors.append(error)

    threads = [threading.Thread(target=daemon) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    with core.make_tracker(config, clock=clock) as tracker:
        ledger = [(r.week, r.recipient, r.status) for r in tracker.storage.list_digests()]

    sent = sorted((week_of_message(m), m.rcpt_tos[0]) for m in smtp.messages)
    expected = sorted((str(week(n)), r) for n in (0, 1, 2, 3) for r in (READER, FRIEND))
    assert sent == expected  # every week to every recipient, exactly once
    assert sorted(ledger) == sorted((w, r, DigestStatus.SENT) for w, r in expected)


# -- `tracker run`, a real process with the real clock ---------------------------------------------


def test_tracker_run_sends_the_three_missed_weeks_then_nothing_on_restart(tmp_path: Path) -> None:
    """The process can't take a fake clock, so the database is seeded in the real past: the week
    three weeks before the newest due one sent on time, the three after it polled but never
    sent. `tracker run` (the outbox: no [smtp]) must write those three, oldest first; run again,
    it writes nothing."""
    now = datetime.now(UTC)
    # the weekly send three days away: no scheduled run fires during the test, whenever it runs
    schedule = f"{window.WEEKDAYS[(now + timedelta(days=3)).weekday()]} 12:00"
    due = window.last_due_week(now, schedule, "UTC")
    first = window.shift(due, -3)
    weeks = [str(window.shift(due, n)) for n in (-2, -1, 0)]
    with HTTPTestServer() as server:
        reviews = Reviews(server)
        text = config_text(
            tmp_path, server.url(FEED), smtp_port=None, schedule=schedule, timezone="UTC"
        )
        config = tmp_path / "tracker.toml"
        config.write_text(text, encoding="utf-8")
        clock = FakeClock()
        with core.make_tracker(load_config(text), clock=clock) as tracker:
            for n in range(4):
                of = window.shift(first, n)
                clock.now = wednesday_noon(of, "UTC")
                reviews.publish(clock.now, "UTC")
                assert PollSummary.of(asyncio.run(tracker.poll())).new == 1
                if n == 0:
                    clock.now = window.scheduled_run(of, schedule, "UTC") + timedelta(hours=1)
                    [sent] = asyncio.run(tracker.send_due_digest())
                    assert (sent.week, sent.status) == (first, "sent")
        outbox = tmp_path / "state" / "outbox"
        assert sorted(p.name for p in outbox.glob("*.eml")) == [f"{first}-you@localhost.eml"]

        first_run = run_daemon(config, until=[f"digest {w} to you@localhost: sent" for w in weeks])
        written = {p.name: p.read_bytes() for p in outbox.glob("*.eml")}
        second_run = run_daemon(config, until=[f"digest {due} to you@localhost: skipped"])
        after = {p.name: p.read_bytes() for p in outbox.glob("*.eml")}

    assert sorted(written) == [f"{w}-you@localhost.eml" for w in [str(first), *weeks]]
    for w in weeks:
        film = reviews.films[window.parse_week(w)]
        assert film.encode() in written[f"{w}-you@localhost.eml"]
    sent_lines = [line for line in first_run if ": sent: " in line]
    assert [line.split("digest ")[1].split(" ")[0] for line in sent_lines] == weeks
    assert after == written  # the restart wrote nothing, not even the same files again
    assert not [line for line in second_run if ": sent: " in line], second_run
    assert "Traceback" not in "\n".join(first_run + second_run)


def run_daemon(config: Path, *, until: list[str]) -> list[str]:
    """Start `tracker run`, wait for each of ``until`` in its log in that order, SIGTERM it;
    its log lines."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--config", str(config), "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        lines = Lines(process.stderr)
        lines.wait_for("tracker running", timeout=30)
        for text in until:
            lines.wait_for(text, timeout=60)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0, lines.seen
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    seen = lines.rest(timeout=5)
    process.stderr.close()
    return seen
