"""``tracker health``, ``tracker poll``'s exit statuses, and failed writes that count (issue 13).

Where an exit status is the point, the real command runs as a process of its own against a
real database (SQLite, and PostgreSQL from ``TRACKER_TEST_POSTGRES_URL``) and a real HTTP
server on 127.0.0.1. Earlier states (a poll three hours ago, a feed failing for two days) are
made by the same code with an injected clock, in this process.

A full disk is real too, without root (a tmpfs needs mount): ``FULL_DISK`` runs the real CLI
with SQLite's own ``PRAGMA max_page_count`` set on each connection to the database's current
size. From there SQLite's pager refuses every write that needs one more page, and answers
SQLITE_FULL, "database or disk is full": the error a full disk gives, from the same place,
while writes that fit in the pages already there still pass, as on a real nearly full disk.
The pure judgement (``tracker.health.assess``) and the poll's outcome are tested on their own.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import sqlalchemy as sa
from alembic import command
from conftest import REPO
from databases import postgres_schema
from fakes import FakeClock, FakeFetcher, FakeStorage, entry, feed
from httpserver import HTTPTestServer, respond
from storage_fixtures import T0, failure, success

from tracker import health
from tracker.app import make_tracker
from tracker.config.schema import load_config
from tracker.exceptions import FetchError, RecordError, StorageError, UpdateError
from tracker.health import assess, duration
from tracker.poll import update, workers
from tracker.poll.outcome import PollOutcome
from tracker.storage.engine import alembic_config, create_engine, parse_url
from tracker.storage.protocol import FeedHealth, HealthFacts, LedgerState, PollRun
from tracker.storage.sql import SqlStorage
from tracker.types import DigestStatus, FeedForUpdate, FeedSpec, UpdatedFeed, UpdateResult

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
RECIPIENT = "reader@example.com"

#: the real CLI, with every SQLite connection of the process limited to the pages the database
#: has when it connects: a full disk, as SQLite meets one (see the module docstring)
FULL_DISK = """
import sqlalchemy as sa
from sqlalchemy import event

@event.listens_for(sa.engine.Engine, "connect")
def _full(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA max_page_count = 1")  # SQLite raises it to the current page count
    cursor.close()

from tracker.cli import main
main()
"""


# -- the judgement, pure ------------------------------------------------------------------------


def facts(
    *,
    last: PollRun | None = PollRun(NOW - timedelta(minutes=5), polled=3),
    feeds: tuple[FeedHealth, ...] = (),
    digests: tuple[LedgerState, ...] = (),
    disk_full: str | None = None,
) -> HealthFacts:
    return HealthFacts(last, feeds, digests, disk_full)


def judge(found: HealthFacts, **options: object) -> health.HealthReport:
    settings: dict[str, object] = {
        "now": NOW,
        "database": "sqlite:///x.db",
        "poll_interval": timedelta(hours=1),
        "failing_feeds": 0.25,
    } | options
    return assess(found, **settings)  # type: ignore[arg-type]


def ok_feed(n: int) -> FeedHealth:
    return FeedHealth(f"https://{n}.example/feed", f"Feed {n}", None, None)


def failing_feed(n: int, since: timedelta) -> FeedHealth:
    return FeedHealth(f"https://{n}.example/feed", None, NOW - since, "HTTP 500")


def ledger(status: str, age: timedelta = timedelta(minutes=5), **row: str) -> LedgerState:
    values = {"week": "2026-W49", "recipient": RECIPIENT, "error": None} | row
    return LedgerState(values["week"], values["recipient"], status, NOW - age, values["error"])


def test_a_healthy_report_says_every_check_in_one_line() -> None:
    report = judge(facts(feeds=(ok_feed(1), ok_feed(2))))
    assert report.healthy and report.exit_code == 0
    assert report.line == (
        "healthy: database sqlite:///x.db can be read; the last poll recorded every feed; "
        "the last poll finished 5m ago; no digest failed or stuck; "
        "0 of 2 feeds failing for over a day"
    )
    doc = report.as_json()
    assert [c["name"] for c in doc["checks"]] == ["database", "writes", "poll", "digests", "feeds"]
    assert all(c["ok"] is True for c in doc["checks"])
    assert doc["last_poll"]["polled"] == 3
    json.dumps(doc)  # it is JSON


def test_each_cause_has_its_status_and_the_first_one_wins() -> None:
    stale = PollRun(NOW - timedelta(hours=5), polled=4, failed=4, unstored=4, error="disk full")
    report = judge(
        facts(
            last=stale,
            feeds=(failing_feed(1, timedelta(days=2)),),
            digests=(ledger("failed", error="550 mailbox unavailable"),),
        )
    )
    assert [c.name for c in report.failing] == ["writes", "poll", "digests", "feeds"]
    assert report.exit_code == health.EXIT_DATABASE
    assert report.line.startswith("unhealthy: the last poll could not record 4 of 4 feeds")
    assert "\n" not in report.line
    assert "no poll has finished for 5h (since 2026-12-07 07:00 UTC" in report.line
    assert "2026-W49 to reader@example.com is failed (550 mailbox unavailable)" in report.line
    assert "1 of 1 feeds failing for over a day" in report.line
    alone = {
        "poll": (facts(last=PollRun(NOW - timedelta(hours=3))), health.EXIT_POLL),
        "digests": (facts(digests=(ledger("unknown"),)), health.EXIT_DIGESTS),
        "feeds": (facts(feeds=(failing_feed(1, timedelta(days=2)),)), health.EXIT_FEEDS),
        "writes": (facts(disk_full="the disk holding /x is full (12 bytes free)"), 3),
    }
    for name, (found, code) in alone.items():
        report = judge(found)
        assert [c.name for c in report.failing] == [name]
        assert report.exit_code == code, name


def test_a_poll_must_finish_within_twice_the_interval() -> None:
    def poll_check(age: timedelta | None, interval: timedelta = timedelta(hours=1)) -> health.Check:
        last = None if age is None else PollRun(NOW - age)
        return judge(facts(last=last), poll_interval=interval).checks[2]

    assert poll_check(timedelta(hours=2)).ok is True
    late = poll_check(timedelta(hours=2, seconds=1))
    assert late.ok is False and "expected within 2h" in late.why
    assert poll_check(timedelta(hours=5), interval=timedelta(hours=3)).ok is True
    never = poll_check(None)
    assert never.ok is False and "no poll has finished yet" in never.why
    # a clock behind the other instance's: not a poll from the future
    assert "under a minute ago" in poll_check(timedelta(minutes=-3)).why


@pytest.mark.parametrize(
    ("status", "age", "fine"),
    [
        ("sent", timedelta(weeks=3), True),
        ("skipped", timedelta(weeks=3), True),
        ("claimed", timedelta(minutes=59), True),
        ("claimed", timedelta(hours=2), False),
        ("sending", timedelta(minutes=5), True),
        ("sending", timedelta(hours=2), False),
        ("failed", timedelta(minutes=1), False),
        ("unknown", timedelta(minutes=1), False),
        ("a state from a newer version", timedelta(minutes=1), False),
    ],
)
def test_the_ledger_is_judged_by_an_allowlist(status: str, age: timedelta, fine: bool) -> None:
    check = judge(facts(digests=(ledger(status, age),))).checks[3]
    assert check.ok is fine, check.why
    if not fine:
        assert f"is {status}" in check.why
    if status == "sending" and not fine:
        assert "(stuck)" in check.why


def test_only_the_configs_recipients_count() -> None:
    gone = ledger("failed", recipient="left@example.com")
    assert judge(facts(digests=(gone,)), recipients=[RECIPIENT]).healthy
    assert not judge(facts(digests=(gone,)), recipients=[]).healthy  # the outbox: every row
    many = tuple(ledger("failed", recipient=f"r{n}@example.com") for n in range(5))
    why = judge(facts(digests=many)).checks[3].why
    assert why.startswith("5 digests were not delivered") and why.endswith("and 2 more")


def test_failing_feeds_count_after_a_day_and_above_the_fraction() -> None:
    day, hour = timedelta(days=1, minutes=1), timedelta(hours=1)
    quarter = (failing_feed(1, day), ok_feed(2), ok_feed(3), ok_feed(4))
    assert judge(facts(feeds=quarter)).healthy  # 1 of 4 is not more than 0.25
    half = (failing_feed(1, day), failing_feed(2, day), ok_feed(3), ok_feed(4))
    check = judge(facts(feeds=half)).checks[4]
    assert check.ok is False
    assert check.why.startswith("2 of 4 feeds failing for over a day, more than [health]")
    assert "https://1.example/feed, https://2.example/feed" in check.why
    recent = (failing_feed(1, hour), failing_feed(2, hour), ok_feed(3))
    assert judge(facts(feeds=recent)).healthy  # failing, but not for a day yet
    assert not judge(facts(feeds=quarter), failing_feeds=0).healthy
    assert judge(facts(feeds=half), failing_feeds=1).healthy
    assert judge(facts(feeds=())).healthy


def test_an_unreadable_database_is_the_report_and_nothing_else_is_guessed() -> None:
    error = StorageError("cannot connect to PostgreSQL at x: refused", hint="is it running?")
    report = health.unreachable(error, now=NOW)
    assert report.exit_code == health.EXIT_DATABASE
    assert report.line == "unhealthy: cannot connect to PostgreSQL at x: refused (is it running?)"
    assert [c.ok for c in report.checks] == [False, None, None, None, None]
    assert report.as_json()["last_poll"] is None


def test_durations_read_like_a_person_writes_them() -> None:
    assert duration(timedelta(seconds=30)) == "under a minute"
    assert duration(timedelta(minutes=45)) == "45m"
    assert duration(timedelta(hours=5, minutes=3)) == "5h 3m"
    assert duration(timedelta(hours=2)) == "2h"
    assert duration(timedelta(days=2, hours=4, minutes=9)) == "2d 4h"


# -- a poll's outcome: its line and its exit status --------------------------------------------


def outcome(*values: UpdatedFeed | UpdateError) -> PollOutcome:
    return PollOutcome.of([UpdateResult(f"https://{n}.example/", v) for n, v in enumerate(values)])


def test_the_summary_line_says_which_failed_and_the_status_follows() -> None:
    fine, gone = UpdatedFeed("u", new=2), FetchError("HTTP 500")
    refused = RecordError("database or disk is full")
    assert outcome().line == "polled 0 feeds: 0 not modified, 0 failed, 0 new entries, 0 updated"
    assert outcome().exit_code == 0
    some = outcome(fine, gone, fine, gone)
    assert "2 of 4 failed, 4 new entries" in some.line and some.exit_code == 0
    every = outcome(gone, gone, gone)
    assert "all 3 feeds failed" in every.line and every.exit_code == 1
    assert "1 of 1 failed" in outcome(gone).line and outcome(gone).exit_code == 1
    disk = outcome(fine, refused, gone)
    assert "2 of 3 failed (1 could not be stored)" in disk.line
    assert disk.exit_code == 3  # a refused write is never normal, unlike a feed failing
    assert outcome(refused, refused).exit_code == 3
    run = disk.run(owner="me", finished_at=NOW)
    assert (run.polled, run.failed, run.unstored, run.error) == (
        3,
        2,
        1,
        "database or disk is full",
    )


# -- the poll when the database refuses writes (fakes for the seams) ---------------------------

SCHEDULE = update.Schedule(
    interval=timedelta(hours=1),
    floor=timedelta(minutes=15),
    cap=timedelta(days=1),
    intervals={},
)
A, B, C = "https://a.example/feed", "https://b.example/feed", "https://c.example/feed"


class NearlyFullStorage(FakeStorage):
    """Takes a feed's row (a small write), refuses its entries, as a nearly full disk does;
    ``refuse_all`` refuses every write, as a database that is gone does."""

    refuse_all = False

    def store_update(self, feed, entries, *, owner=None):  # type: ignore[no-untyped-def]
        if entries or self.refuse_all:
            raise StorageError("cannot store (x.db): database or disk is full", reason="full")
        super().store_update(feed, entries, owner=owner)

    def store_updates(self, updates, *, owner=None):  # type: ignore[no-untyped-def]
        if self.refuse_all or any(entries for _, entries in updates):
            raise StorageError("cannot store (x.db): database or disk is full", reason="full")
        super().store_updates(updates, owner=owner)

    def store_not_modified(self, intents, *, owner=None):  # type: ignore[no-untyped-def]
        if self.refuse_all and intents:
            raise StorageError("cannot store (x.db): database or disk is full", reason="full")
        super().store_not_modified(intents, owner=owner)


def poll(
    storage: FakeStorage, feeds: list[FeedForUpdate], fetcher: FakeFetcher
) -> dict[str, object]:
    results = asyncio.run(
        update.update_feeds(
            feeds,
            fetcher=fetcher,
            storage=storage,  # type: ignore[arg-type]
            parse=workers.parse_inline,
            schedule=SCHEDULE,
            now=FakeClock(),
        )
    )
    return {r.url: r.value for r in results}


def test_refused_entries_are_a_failed_feed_recorded_on_the_feed() -> None:
    storage = NearlyFullStorage()
    fetcher = FakeFetcher(documents={A: feed(entry("a1")), B: feed(entry("b1"))})
    fetcher.errors[C] = FetchError("HTTP 503", status=503)
    found = poll(
        storage,
        [FeedForUpdate(A), FeedForUpdate(B, consecutive_errors=2), FeedForUpdate(C)],
        fetcher,
    )
    assert all(isinstance(found[url], RecordError) for url in (A, B))
    assert str(found[A]) == "could not record this poll: full"
    assert isinstance(found[C], FetchError)  # its own failure, recorded as usual
    # the feed rows took the failure, so tracker status shows them failing
    assert storage.feeds[A].error == "could not record this poll: full"
    assert (storage.feeds[B].consecutive_errors, storage.feeds[B].success) == (3, False)
    assert storage.written == []


def test_a_database_that_takes_nothing_still_counts_every_feed() -> None:
    storage = NearlyFullStorage()
    storage.refuse_all = True
    fetcher = FakeFetcher(documents={A: feed(entry("a1"))})
    fetcher.errors[B] = FetchError("HTTP 503", status=503)
    current = f'"{hash(fetcher.documents[A]) & 0xFFFFFFFF:x}"'
    found = poll(storage, [FeedForUpdate(A, etag=current), FeedForUpdate(B)], fetcher)
    # the 304 of A could not be recorded: not "not modified", a failed feed
    assert isinstance(found[A], RecordError) and found[A].failure is None
    # B failed on its own, and its failure could not be recorded either: both are said
    assert isinstance(found[B], RecordError) and found[B].failure == "HTTP 503"
    assert str(found[B]) == "HTTP 503; could not record it: full"
    assert storage.feeds == {}
    assert PollOutcome.of([UpdateResult(u, v) for u, v in found.items()]).exit_code == 3  # type: ignore[arg-type]


def test_once_a_failure_record_is_refused_the_poll_stops_asking() -> None:
    """A database that is gone (or locked for busy_timeout) is asked once per feed, not twice."""

    class Gone(NearlyFullStorage):
        refuse_all = True
        calls = 0

        def store_update(self, feed, entries, *, owner=None):  # type: ignore[no-untyped-def]
            self.calls += 1
            super().store_update(feed, entries, owner=owner)

    names = [f"https://{n}.example/feed" for n in "abcde"]
    storage = Gone()
    found = poll(
        storage,
        [FeedForUpdate(u) for u in names],
        FakeFetcher(documents={u: feed(entry(u[8])) for u in names}),
    )
    assert all(isinstance(v, RecordError) for v in found.values())
    assert storage.calls == len(names) + 1  # each feed's own write, and one failure record


def test_a_lost_lease_is_a_failed_feed_but_not_the_databases_fault() -> None:
    from tracker.exceptions import LeaseLostError

    class Leased(FakeStorage):
        def store_update(self, feed, entries, *, owner=None):  # type: ignore[no-untyped-def]
            raise LeaseLostError(f"lost the lease on {feed.url}")

    found = poll(Leased(), [FeedForUpdate(A)], FakeFetcher(documents={A: feed(entry("a1"))}))
    assert isinstance(found[A], UpdateError) and not isinstance(found[A], RecordError)
    assert "could not record this poll: lost the lease" in str(found[A])


# -- storage: SQLite and PostgreSQL ------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'state' / 'tracker.db'}"
        return
    with postgres_schema("test_health", "to run the PostgreSQL tests") as url:
        yield url


@pytest.fixture
def storage(db_url: str) -> Iterator[SqlStorage]:
    with SqlStorage.open(db_url) as opened:
        yield opened


def test_a_poll_that_polled_nothing_moves_only_the_time(storage: SqlStorage) -> None:
    assert storage.health_facts(since_week="2000-W01").last_poll is None
    storage.record_poll(PollRun(T0, "a", polled=5, failed=2, unstored=2, error="full"))
    storage.record_poll(PollRun(T0 + timedelta(minutes=1), "b"))  # a tick with nothing due
    last = storage.health_facts(since_week="2000-W01").last_poll
    assert last == PollRun(T0 + timedelta(minutes=1), "b", 5, 2, 2, "full")
    storage.record_poll(PollRun(T0 + timedelta(minutes=2), "a", polled=5))
    last = storage.health_facts(since_week="2000-W01").last_poll
    assert last == PollRun(T0 + timedelta(minutes=2), "a", 5, 0, 0, None)


def test_failing_since_dates_the_first_failure_of_a_run(storage: SqlStorage) -> None:
    a, b = "https://a.example/feed", "https://b.example/feed"
    storage.sync_feeds([FeedSpec(a), FeedSpec(b)], now=T0)

    def since() -> dict[str, datetime | None]:
        found = storage.health_facts(since_week="2000-W01").feeds
        return {f.url: f.failing_since for f in found}

    storage.store_update(failure(a, at=T0), [])
    storage.store_update(failure(a, at=T0 + timedelta(hours=1), errors=2), [])
    storage.store_update(failure(b, at=T0), [])
    assert since() == {a: T0, b: T0}
    storage.store_update(success(a, at=T0 + timedelta(hours=2)), [])
    storage.store_not_modified([success(b, at=T0 + timedelta(hours=2), http_status=304)])
    assert since() == {a: None, b: None}
    storage.sync_feeds([FeedSpec(a)], now=T0)  # b unfollowed: no longer judged
    assert set(since()) == {a}


def test_health_reads_the_ledger_as_stored_strings(storage: SqlStorage, db_url: str) -> None:
    tokens = {}
    for week in ("2026-W40", "2026-W48", "2026-W49"):
        token = storage.claim_digest(recipient=RECIPIENT, week=week, message_id=week, now=T0)
        assert token is not None
        tokens[week] = token
    assert storage.mark_digest(
        recipient=RECIPIENT,
        week="2026-W48",
        status=DigestStatus.SENT,
        now=T0,
        owner=None,
        token=tokens["2026-W48"],
        expect=(DigestStatus.CLAIMED,),
    )
    engine = create_engine(parse_url(db_url))
    try:
        with engine.begin() as conn:  # a state this version has never heard of
            conn.execute(sa.text("UPDATE digests SET status = 'exploded' WHERE week = '2026-W49'"))
    finally:
        engine.dispose()
    rows = storage.health_facts(since_week="2026-W45").digests
    assert [(r.week, r.status) for r in rows] == [("2026-W48", "sent"), ("2026-W49", "exploded")]
    storage.probe_write(now=T0)
    storage.probe_write(now=T0 + timedelta(minutes=1))  # an upsert, as often as asked


def test_an_upgrade_dates_the_feeds_already_failing(db_url: str) -> None:
    """0008 on a database at 0007: a failing feed is failing since its last check."""
    engine = create_engine(parse_url(db_url))
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0007_body_hash")
            feeds = sa.table(
                "feeds",
                *(sa.column(c) for c in ("url", "kind", "followed", "consecutive_errors")),
                *(sa.column(c) for c in ("created_at", "updated_at", "last_checked_at")),
            )
            conn.execute(
                feeds.insert(),
                [
                    {
                        "url": u,
                        "kind": "mixed",
                        "followed": True,
                        "consecutive_errors": n,
                        "created_at": T0.replace(tzinfo=None),
                        "updated_at": T0.replace(tzinfo=None),
                        "last_checked_at": (T0 + timedelta(hours=n)).replace(tzinfo=None),
                    }
                    for u, n in (("https://ok.example/", 0), ("https://bad.example/", 3))
                ],
            )
    finally:
        engine.dispose()
    with SqlStorage.open(db_url) as upgraded:
        found = {f.url: f.failing_since for f in upgraded.health_facts(since_week="x").feeds}
    assert found == {"https://ok.example/": None, "https://bad.example/": T0 + timedelta(hours=3)}


def test_a_new_database_on_a_full_disk_says_so(tmp_path: Path) -> None:
    listen = sa.event.listens_for(sa.engine.Engine, "connect")

    @listen
    def full(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA max_page_count = 1")  # an empty file may not grow at all
        cursor.close()

    try:
        with pytest.raises(StorageError) as caught:
            SqlStorage.open(f"sqlite:///{tmp_path / 'new.db'}")
    finally:
        sa.event.remove(sa.engine.Engine, "connect", full)
    assert "database or disk is full" in caught.value.message
    assert caught.value.hint is not None and "is full" in caught.value.hint
    assert "kfilm-tracker database" not in caught.value.hint


# -- the commands, as processes -----------------------------------------------------------------


def tracker(config: Path, *args: str, full_disk: bool = False) -> subprocess.CompletedProcess[str]:
    prefix = ["-c", FULL_DISK] if full_disk else ["-m", "tracker"]
    return subprocess.run(
        [sys.executable, *prefix, "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def rss(name: str, items: int, *, words: int = 20) -> bytes:
    body = "".join(
        f"<item><title>{name} review {n}: Park Chan-wook's new thriller</title>"
        f"<link>https://{name}.example/{n}</link><guid>{name}-{n}</guid>"
        f"<pubDate>Mon, 30 Nov 2026 09:00:00 +0000</pubDate>"
        f"<description>{escape(' '.join(['Seoul'] * words))}</description></item>"
        for n in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
        f"<link>https://{name}.example/</link><description>x</description>{body}</channel></rss>"
    ).encode()


def write_config(tmp_path: Path, db_url: str, feeds: list[str], extra: str = "") -> Path:
    tables = "".join(f'\n[[feeds]]\nurl = "{url}"\n' for url in feeds)
    text = (
        f'[database]\nurl = "{db_url}"\n\n[tracker]\ncollections = []\n'
        f'state_dir = "{tmp_path / "state"}"\n\n[poll]\nallow_private_networks = true\n'
        f"workers = 1\n{tables}\n{extra}"
    )
    path = tmp_path / "tracker.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        for name in ("one", "two", "three"):
            s.add_file(f"/{name}.xml", rss(name, 3))
        yield s


def urls(server: HTTPTestServer, *names: str) -> list[str]:
    return [server.url(f"/{name}.xml") for name in names]


def test_health_is_0_after_a_poll_and_3_when_the_database_is_gone(
    tmp_path: Path, db_url: str, server: HTTPTestServer
) -> None:
    config = write_config(tmp_path, db_url, urls(server, "one", "two", "three"))
    polled = tracker(config, "poll")
    assert polled.returncode == 0, polled.stderr
    assert "polled 3 feeds: 0 not modified, 0 failed, 9 new entries" in polled.stdout
    done = tracker(config, "health")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("healthy: ") and done.stdout.count("\n") == 1
    doc = json.loads(tracker(config, "health", "--json").stdout)
    assert doc["healthy"] is True and doc["exit_code"] == 0
    assert {c["name"]: c["ok"] for c in doc["checks"]} == dict.fromkeys(
        ["database", "writes", "poll", "digests", "feeds"], True
    )
    assert doc["last_poll"]["polled"] == 3 and doc["last_poll"]["failed"] == 0

    if db_url.startswith("sqlite"):
        (tmp_path / "a-file").write_text("not a folder")
        gone = f"sqlite:///{tmp_path / 'a-file' / 'tracker.db'}"
    else:  # port 1 on loopback: refused at once
        gone = "postgresql://kfilm:s3cret@127.0.0.1:1/tracker?connect_timeout=5"
    config = write_config(tmp_path, gone, [])
    done = tracker(config, "health")
    assert done.returncode == 3, done.stdout + done.stderr
    assert done.stdout.startswith("unhealthy: cannot ") and "s3cret" not in done.stdout
    doc = json.loads(tracker(config, "health", "--json").stdout)
    assert [c["ok"] for c in doc["checks"]] == [False, None, None, None, None]
    polled = tracker(config, "poll")
    assert polled.returncode == 3 and polled.stderr.startswith("error: cannot ")


def test_health_is_4_when_no_poll_finished_within_twice_the_interval(tmp_path: Path) -> None:
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", [])
    done = tracker(config, "health")
    assert done.returncode == 4, done.stdout + done.stderr
    assert "no poll has finished yet" in done.stdout
    earlier = FakeClock(datetime.now(UTC) - timedelta(hours=3))
    with make_tracker(load_config(config.read_text()), clock=earlier) as t:
        assert asyncio.run(t.poll(due_only=True)) == []  # a daemon tick with nothing due
    done = tracker(config, "health")
    assert done.returncode == 4, done.stdout + done.stderr
    assert "no poll has finished for 3h" in done.stdout
    assert "expected within 2h, twice [poll] interval" in done.stdout
    longer = write_config(tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", [])
    longer.write_text(longer.read_text().replace("workers = 1", 'workers = 1\ninterval = "2h"'))
    assert tracker(longer, "health").returncode == 0


async def _no_wait(_delay: float) -> None:
    """The retry pause of the SMTP sender, not slept on."""


def test_health_is_5_when_a_digest_failed_or_is_stuck(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on: the mail server is down
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = (
        f'[digest]\nrecipients = ["{RECIPIENT}"]\nsend_if_empty = true\n\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout = 5\n'
    )
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", [], smtp)
    assert tracker(config, "poll").returncode == 0
    assert tracker(config, "health").returncode == 0
    # a real send to the closed port (its retry pauses not slept on, here in this process)
    with make_tracker(load_config(config.read_text()), smtp_sleep=_no_wait) as t:
        (sent,) = asyncio.run(t.send_digest())
    assert sent.status == "failed" and "retried after" in sent.detail
    done = tracker(config, "health")
    assert done.returncode == 5, done.stdout + done.stderr
    assert f"to {RECIPIENT} is failed" in done.stdout

    # a recipient taken out of the config is no alarm
    other = config.read_text().replace(RECIPIENT, "someone@example.com")
    config.write_text(other)
    assert tracker(config, "health").returncode == 0
    # a send that died two hours ago, mid-way: stuck in "sending"
    with make_tracker(
        load_config(other), clock=FakeClock(datetime.now(UTC) - timedelta(hours=2))
    ) as t:
        week = str(t.last_complete_week())
        store = t.storage
        token = store.claim_digest(
            recipient="someone@example.com", week=week, message_id="m", now=t.clock()
        )
        assert token is not None
        assert store.mark_digest(
            recipient="someone@example.com",
            week=week,
            status=DigestStatus.SENDING,
            now=t.clock(),
            owner=None,
            token=token,
            expect=(DigestStatus.CLAIMED,),
        )
    done = tracker(config, "health")
    assert done.returncode == 5 and "is sending since" in done.stdout and "(stuck)" in done.stdout


def test_health_is_6_when_too_many_feeds_fail_for_over_a_day(
    tmp_path: Path, server: HTTPTestServer
) -> None:
    server.add_route("/broken.xml", respond(500, b"oops"))
    server.add_route("/page.xml", respond(200, b"<html>hi</html>", content_type="text/html"))
    followed = [*urls(server, "one", "two"), server.url("/broken.xml"), server.url("/page.xml")]
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", followed)
    two_days_ago = FakeClock(datetime.now(UTC) - timedelta(days=2))
    with make_tracker(load_config(config.read_text()), clock=two_days_ago) as t:
        asyncio.run(t.poll())
    polled = tracker(config, "poll")  # still failing today
    assert polled.returncode == 0, polled.stderr  # only some failed: the footer's business
    assert "2 of 4 failed" in polled.stdout
    assert f"failed: {server.url('/broken.xml')}: HTTP 500" in polled.stderr
    done = tracker(config, "health")
    assert done.returncode == 6, done.stdout + done.stderr
    assert "2 of 4 feeds failing for over a day, more than [health] failing_feeds = 0.25" in (
        done.stdout
    )
    config.write_text(config.read_text() + "\n[health]\nfailing_feeds = 0.5\n")
    assert tracker(config, "health").returncode == 0  # 2 of 4 is not more than half


def test_a_poll_where_every_feed_failed_exits_1(tmp_path: Path, server: HTTPTestServer) -> None:
    server.add_route("/down.xml", respond(503, b"down"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    config = write_config(
        tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", [server.url("/down.xml"), closed]
    )
    polled = tracker(config, "poll")
    assert polled.returncode == 1, polled.stdout + polled.stderr
    assert "polled 2 feeds: 0 not modified, all 2 feeds failed" in polled.stdout
    status = json.loads(tracker(config, "status", "--json").stdout)
    assert status["failing"] == 2


def test_a_full_disk_is_a_failed_poll_in_the_summary_status_and_health(
    tmp_path: Path, server: HTTPTestServer
) -> None:
    config = write_config(
        tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", urls(server, "one", "two", "three")
    )
    assert tracker(config, "poll").returncode == 0
    for name in ("one", "two"):  # news that needs pages the database may not grow to hold
        server.replace_file(f"/{name}.xml", rss(name, 40, words=200))
    polled = tracker(config, "poll", full_disk=True)
    assert polled.returncode == 3, polled.stdout + polled.stderr
    assert "polled 3 feeds: 1 not modified, 2 of 3 failed (2 could not be stored)" in (
        polled.stdout
    )
    assert "could not record the poll of 2 of 3 feeds: database or disk is full" in polled.stderr
    assert "Traceback" not in polled.stderr
    # the failure fit in the feeds' own rows: status counts them
    status = json.loads(tracker(config, "status", "--json").stdout)
    assert status["failing"] == 2
    assert {f["last_error"] for f in status["feed_status"] if f["consecutive_errors"]} == {
        "could not record this poll: database or disk is full"
    }
    for full_disk in (False, True):
        done = tracker(config, "health", full_disk=full_disk)
        assert done.returncode == 3, done.stdout + done.stderr
        assert "the last poll could not record 2 of 3 feeds: database or disk is full" in (
            done.stdout
        )
    # room again: the next poll stores everything and health is back to 0
    assert tracker(config, "poll").returncode == 0
    assert tracker(config, "health").returncode == 0
    # a new database on the full disk: the hint says what happened
    new = write_config(tmp_path, f"sqlite:///{tmp_path / 'new.db'}", [])
    done = tracker(new, "status", full_disk=True)
    assert done.returncode == 1
    assert "database or disk is full" in done.stderr and "is full: free some space" in done.stderr
    assert "kfilm-tracker database" not in done.stderr


def test_the_daemon_records_its_polls_for_health(tmp_path: Path, server: HTTPTestServer) -> None:
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", urls(server, "one"))
    daemon = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--config", str(config), "run"],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert daemon.stderr is not None
        for line in daemon.stderr:  # its first tick polls the feed at once
            if "poll: 1 feeds" in line:
                break
        doc = json.loads(tracker(config, "health", "--json").stdout)
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=30)
        if daemon.stderr is not None:
            daemon.stderr.close()
    assert doc["healthy"] is True, doc["reason"]
    assert doc["last_poll"]["owner"].split(":")[1] == str(daemon.pid)
    assert doc["last_poll"]["polled"] == 1
