"""Politeness with an injected clock: when to poll next, backoff, Retry-After, 410 Gone, permanent
redirects, the pause between requests to one host, health changes reported once, restarts that
never poll early, and feed credentials that never show.

Mostly pure ``decide`` and the updater with a fake fetcher over a real SQLite ``Storage``; the
CLI with a loopback server where a user-visible text is asserted. No test sleeps.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fakes import FakeClock, entry, feed
from httpserver import HTTPTestServer, redirect, respond
from typer.testing import CliRunner

from tracker.app import Tracker
from tracker.cli import app
from tracker.cli import common as cli_module
from tracker.config.schema import load_config
from tracker.exceptions import FetchError
from tracker.parse.feed import parse_feed
from tracker.poll import decide, update, workers
from tracker.poll.fetch import Fetcher
from tracker.storage.sql import SqlStorage as Storage
from tracker.types import FeedSpec, FetchResult, Redirect

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
URL = "https://feeds.example/rss"
HOUR = timedelta(hours=1)
FLOOR = timedelta(minutes=15)
CAP = timedelta(days=1)
SCHEDULE = update.Schedule(interval=HOUR, floor=FLOOR, cap=CAP, intervals={})

runner = CliRunner()


class WireBody(httpx.AsyncByteStream):
    """A streamed MockTransport body (``content=`` is pre-read, and the fetcher streams raw)."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._data


def wire(status: int, data: bytes = b"") -> httpx.Response:
    return httpx.Response(status, stream=WireBody(data))


# -- next poll after a success ------------------------------------------------------------------


def wait_after_success(
    *,
    interval: timedelta = HOUR,
    headers: dict[str, str] | None = None,
    ttl: timedelta | None = None,
) -> timedelta:
    at = decide.next_poll_after_success(
        URL, now=T0, interval=interval, floor=FLOOR, cap=CAP, headers=headers, ttl=ttl
    )
    return at - T0


def between(wait: timedelta, base: timedelta) -> bool:
    """``base`` plus a jitter of less than 10 %."""
    return base <= wait < base * 1.1


@pytest.mark.parametrize(
    ("headers", "ttl", "base"),
    [
        ({}, None, HOUR),
        ({}, timedelta(hours=3), timedelta(hours=3)),
        ({}, timedelta(minutes=10), HOUR),  # the feed can only slow us down
        ({"cache-control": "public, max-age=7200"}, None, timedelta(hours=2)),
        ({"cache-control": "no-cache, max-age=7200"}, None, HOUR),
        (
            {
                "date": "Mon, 23 Nov 2026 09:00:00 GMT",
                "expires": "Mon, 23 Nov 2026 13:00:00 GMT",
            },
            None,
            timedelta(hours=4),
        ),
        # Expires is measured against the server's Date, not our clock
        (
            {
                "date": "Mon, 23 Nov 2026 01:00:00 GMT",
                "expires": "Mon, 23 Nov 2026 03:00:00 GMT",
            },
            None,
            timedelta(hours=2),
        ),
        ({"cache-control": "max-age=10800"}, timedelta(hours=2), timedelta(hours=3)),
    ],
)
def test_next_poll_is_the_largest_ask_plus_jitter(
    headers: dict[str, str], ttl: timedelta | None, base: timedelta
) -> None:
    assert between(wait_after_success(headers=headers, ttl=ttl), base)


def test_next_poll_is_clamped_to_floor_and_cap() -> None:
    assert wait_after_success(interval=timedelta(minutes=1)) == FLOOR
    assert wait_after_success(headers={"cache-control": "max-age=604800"}) == CAP
    assert wait_after_success(ttl=timedelta(days=30)) == CAP


def test_jitter_is_deterministic_and_spreads_feeds() -> None:
    assert wait_after_success() == wait_after_success()
    spread = {decide.jitter(f"https://f{i}.example/", HOUR) for i in range(50)}
    assert len(spread) > 40 and all(timedelta(0) <= j < HOUR for j in spread)


def test_ttl_and_sy_update_period_the_longer_wins() -> None:
    doc = (
        b'<?xml version="1.0"?><rss version="2.0" '
        b'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>'
        b"<ttl>90</ttl><sy:updatePeriod>daily</sy:updatePeriod>"
        b"<sy:updateFrequency>4</sy:updateFrequency></channel></rss>"
    )
    assert parse_feed(doc, url=URL, now=T0).feed.ttl == timedelta(hours=6)
    hourly = doc.replace(b"daily", b"hourly")
    assert parse_feed(hourly, url=URL, now=T0).feed.ttl == timedelta(minutes=90)


# -- failures ------------------------------------------------------------------------------------


def test_the_backoff_ladder() -> None:
    ladder = [decide.backoff(n) for n in range(1, 11)]
    minutes = [int(w.total_seconds() // 60) for w in ladder]
    assert minutes == [5, 15, 30, 60, 180, 360, 720, 1440, 1440, 1440]


def test_retry_after_is_honoured_and_capped() -> None:
    def wait(retry_after: float | None, errors: int = 1) -> timedelta:
        at = decide.next_poll_after_failure(
            URL, now=T0, consecutive_errors=errors, cap=CAP, retry_after=retry_after
        )
        return at - T0

    assert between(wait(None), timedelta(minutes=5))
    assert between(wait(7200), timedelta(hours=2))
    assert between(wait(60, errors=4), HOUR)  # the ladder when it is longer
    assert wait(30 * 86400) == CAP  # a month's Retry-After is a day at most


@dataclass
class ScriptedFetcher:
    """Answers each fetch with the next scripted outcome (a FetchResult or a FetchError)."""

    script: list[FetchResult | FetchError]
    calls: list[str] = field(default_factory=list)

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        self.calls.append(url)
        outcome = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(outcome, FetchError):
            raise outcome
        return outcome


def ok(
    body: bytes | None = None, *, redirects: tuple[Redirect, ...] = (), url: str = URL
) -> FetchResult:
    final = redirects[-1].url if redirects else url
    if body is None:
        return FetchResult(url, final, 304, None, redirects=redirects)
    return FetchResult(url, final, 200, body, redirects=redirects)


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    with Storage.open(f"sqlite:///{tmp_path / 'tracker.db'}") as opened:
        opened.sync_feeds([FeedSpec(URL)], now=T0)
        yield opened


def poll(
    storage: Storage, fetcher: ScriptedFetcher, clock: FakeClock, schedule: update.Schedule
) -> update.UpdateResult:
    feeds = storage.get_feeds_for_update(now=clock(), urls=[URL])
    (result,) = asyncio.run(
        update.update_feeds(
            feeds,
            fetcher=fetcher,
            storage=storage,
            parse=workers.parse_inline,
            schedule=schedule,
            now=clock,
        )
    )
    return result


def next_wait(storage: Storage, clock: FakeClock) -> timedelta:
    (feed,) = storage.get_feeds_for_update(now=clock(), urls=[URL])
    assert feed.next_poll_at is not None
    return feed.next_poll_at - clock()


def test_errors_climb_the_ladder_and_a_success_resets_it(storage: Storage) -> None:
    clock = FakeClock(T0)
    fetcher = ScriptedFetcher([FetchError("HTTP 500", status=500)])
    waits = []
    for _ in range(9):
        poll(storage, fetcher, clock, SCHEDULE)
        waits.append(next_wait(storage, clock))
        clock.advance(waits[-1])
    expected = [5, 15, 30, 60, 180, 360, 720, 1440, 1440]
    assert all(between(w, timedelta(minutes=m)) for w, m in zip(waits, expected, strict=True))
    fetcher.script = [ok(feed(entry("a")))]
    poll(storage, fetcher, clock, SCHEDULE)
    assert between(next_wait(storage, clock), HOUR)
    fetcher.script = [FetchError("HTTP 500", status=500)]
    poll(storage, fetcher, clock, SCHEDULE)
    assert between(next_wait(storage, clock), timedelta(minutes=5))  # back at the bottom


@pytest.mark.parametrize("status", [429, 503])
def test_429_and_503_honour_retry_after_else_back_off(storage: Storage, status: int) -> None:
    clock = FakeClock(T0)
    fetcher = ScriptedFetcher([FetchError("slow down", status=status, retry_after=3 * 3600)])
    poll(storage, fetcher, clock, SCHEDULE)
    assert between(next_wait(storage, clock), timedelta(hours=3))
    fetcher.script = [FetchError("slow down", status=status)]
    poll(storage, fetcher, clock, SCHEDULE)
    assert between(next_wait(storage, clock), timedelta(minutes=15))  # the second rung


def test_a_restart_never_polls_early(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'tracker.db'}"
    clock = FakeClock(T0)
    with Storage.open(db) as first:
        first.sync_feeds([FeedSpec(URL)], now=T0)
        poll(
            first, ScriptedFetcher([FetchError("x", status=429, retry_after=7200)]), clock, SCHEDULE
        )
    # a new process: the wait is in the database, not in memory
    with Storage.open(db) as second:
        second.sync_feeds([FeedSpec(URL)], now=T0)
        soon = T0 + timedelta(hours=1, minutes=59)
        assert second.claim_due_feeds(owner="b", now=soon, lease=timedelta(minutes=5)) == []
        later = T0 + timedelta(hours=3)
        assert [f.url for f in second.claim_due_feeds(owner="b", now=later, lease=HOUR)] == [URL]


# -- 410 Gone ------------------------------------------------------------------------------------


def test_410_gone_stops_polling(storage: Storage) -> None:
    clock = FakeClock(T0)
    fetcher = ScriptedFetcher([FetchError("HTTP 410 Gone", status=410, permanent=True)])
    result = poll(storage, fetcher, clock, SCHEDULE)
    assert result.error is not None
    for years in (1, 10):
        later = T0 + timedelta(days=365 * years)
        assert storage.get_feeds_for_update(now=later, due_only=True) == []
        assert storage.claim_due_feeds(owner="x", now=later, lease=HOUR) == []
    (status,) = storage.feed_statuses()
    assert status.state == "gone" and status.gone_at == T0 and status.http_status == 410


# -- permanent redirects -------------------------------------------------------------------------

NEW = "https://new.example/rss"


def test_permanent_target_follows_only_leading_permanent_hops() -> None:
    assert decide.permanent_target([]) is None
    assert decide.permanent_target([Redirect(302, NEW)]) is None
    assert decide.permanent_target([Redirect(301, NEW)]) == NEW
    assert decide.permanent_target([Redirect(308, "https://a/"), Redirect(301, NEW)]) == NEW
    assert decide.permanent_target([Redirect(301, NEW), Redirect(302, "https://tmp/")]) == NEW
    assert decide.permanent_target([Redirect(307, "https://tmp/"), Redirect(301, NEW)]) is None


def test_a_permanent_redirect_moves_the_feed_after_a_week(storage: Storage) -> None:
    clock = FakeClock(T0)
    moved = ok(feed(entry("a")), redirects=(Redirect(301, NEW),))
    fetcher = ScriptedFetcher([moved])
    schedule = SCHEDULE
    for day in range(7):
        poll(storage, fetcher, clock, schedule)
        (f,) = storage.get_feeds_for_update(now=clock(), urls=[URL])
        assert (f.redirect_url, f.redirect_since, f.fetch_url) == (NEW, T0, URL), day
        clock.advance(timedelta(days=1))
    poll(storage, fetcher, clock, schedule)  # day 7: a week of the same answer
    (f,) = storage.get_feeds_for_update(now=clock(), urls=[URL])
    assert (f.url, f.fetch_url, f.redirect_url) == (URL, NEW, None)
    fetcher.script = [ok(None, url=NEW)]
    poll(storage, fetcher, clock, schedule)
    assert fetcher.calls[-1] == NEW  # polled at the new URL; the config URL is still its name
    (status,) = storage.feed_statuses()
    assert status.url == URL and status.moved_to == NEW


def test_a_temporary_or_changing_redirect_never_moves_the_feed(storage: Storage) -> None:
    clock = FakeClock(T0)
    schedule = update.Schedule(
        interval=HOUR, floor=FLOOR, cap=CAP, intervals={}, redirect_after=timedelta(days=2)
    )
    fetcher = ScriptedFetcher([ok(feed(entry("a")), redirects=(Redirect(302, NEW),))])
    for _ in range(5):
        poll(storage, fetcher, clock, schedule)
        clock.advance(timedelta(days=1))
    (f,) = storage.get_feeds_for_update(now=clock(), urls=[URL])
    assert (f.fetch_url, f.redirect_url) == (URL, None)
    # a permanent redirect whose target keeps changing restarts its watch every time
    for n in range(5):
        target = f"https://new{n}.example/rss"
        fetcher.script = [ok(None, redirects=(Redirect(301, target),))]
        poll(storage, fetcher, clock, schedule)
        (f,) = storage.get_feeds_for_update(now=clock(), urls=[URL])
        assert (f.fetch_url, f.redirect_url, f.redirect_since) == (URL, target, clock())
        clock.advance(timedelta(days=1))
    # and one poll without the redirect forgets it
    fetcher.script = [ok(None)]
    poll(storage, fetcher, clock, schedule)
    (f,) = storage.get_feeds_for_update(now=clock(), urls=[URL])
    assert f.redirect_url is None


# -- the pause between requests to one host ------------------------------------------------------


def test_requests_to_one_host_are_spaced_by_host_gap() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    def answer(request: httpx.Request) -> httpx.Response:
        return wire(200, feed(entry("a")))

    async def go() -> None:
        fetcher = Fetcher(
            user_agent="t",
            timeout=5,
            max_bytes=1 << 20,
            per_host=4,
            host_gap=1.5,
            allow_private_networks=True,
            transport=httpx.MockTransport(answer),
            sleep=sleep,
            monotonic=lambda: 100.0,  # time stands still: every booking queues behind the last
        )
        async with fetcher:
            urls = [f"https://one.example/{n}" for n in range(3)]
            urls += ["https://two.example/rss", "http://127.0.0.1:9/local", "http://localhost/x"]
            await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    asyncio.run(go())
    # one.example: the first starts at once, then 1.5 s and 3 s later; other hosts and this
    # machine's own loopback servers do not wait
    assert sorted(slept) == [1.5, 3.0]


def test_host_gap_config() -> None:
    assert load_config("", env={}, source="t").poll.host_gap == timedelta(seconds=1)
    config = load_config('[poll]\nhost_gap = "500ms"\nredirect_after = "3d"', env={}, source="t")
    assert config.poll.host_gap == timedelta(milliseconds=500)
    assert config.poll.redirect_after == timedelta(days=3)
    assert load_config('[poll]\nhost_gap = "0s"', env={}, source="t").poll.host_gap == timedelta(0)
    with pytest.raises(Exception, match="host_gap"):
        load_config('[poll]\nhost_gap = "10m"', env={}, source="t")


# -- health changes: once per change, not once per poll ------------------------------------------


def test_health_change_lines() -> None:
    ok_, failing, gone = decide.Health.OK, decide.Health.FAILING, decide.Health.GONE
    assert decide.health_change(URL, ok_, ok_) is None
    assert decide.health_change(URL, failing, failing, "HTTP 500") is None
    assert decide.health_change(URL, ok_, failing, "HTTP 500") == f"feed {URL} is failing: HTTP 500"
    assert decide.health_change(URL, failing, ok_) == f"feed {URL} recovered"
    line = decide.health_change(URL, failing, gone, "HTTP 410 Gone")
    assert line == f"feed {URL} is gone: HTTP 410 Gone; it will not be polled again"


def test_tracker_reports_each_health_change_once(tmp_path: Path) -> None:
    answers: list[tuple[int, bytes]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        return wire(*answers.pop(0))

    config = load_config(
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n[tracker]\ncollections = []\n'
        f'[[feeds]]\nurl = "{URL}"\n',
        env={},
        source="t",
    )
    clock = FakeClock(T0)
    lines: list[list[str]] = []
    transport = httpx.MockTransport(answer)
    with Tracker(config, clock=clock, transport=transport, allow_private_networks=True) as tracker:
        for response in [
            (200, feed(entry("a"))),
            (500, b""),
            (500, b""),
            (500, b""),
            (200, feed(entry("a"))),
            (410, b""),
        ]:
            answers.append(response)
            results = asyncio.run(tracker.poll())
            lines.append(tracker.health_changes(results))
            clock.advance(timedelta(days=1))
        # gone: no longer polled at all (answers is empty: a request would fail the test)
        assert asyncio.run(tracker.poll()) == []
    assert lines == [
        [],
        [f"feed {URL} is failing: HTTP 500 Internal Server Error"],
        [],
        [],
        [f"feed {URL} recovered"],
        [f"feed {URL} is gone: HTTP 410 Gone; it will not be polled again"],
    ]


# -- what `tracker status` says, and what it never says -------------------------------------------


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        yield s


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # the status table folds long cells at 80 columns; assert on unfolded text
    monkeypatch.setattr(cli_module.out.console, "width", 400)


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_status_says_gone_and_hides_credentials(
    server: HTTPTestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_POLL__ALLOW_PRIVATE_NETWORKS", "true")
    server.add_route("/gone", respond(410, b"gone"))
    server.add_route("/private", redirect("ftp://reader:hunter2@files.example/feed.xml", 301))
    gone = server.url("/gone")
    secret = server.url("/private").replace("http://", "http://reader:hunter2@")
    config = tmp_path / "tracker.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n[tracker]\ncollections = []\n'
        f'[[feeds]]\nurl = "{gone}"\n[[feeds]]\nurl = "{secret}"\n'
    )
    code, out, err = cli("poll", "--config", str(config))
    assert code == 1 and "all 2 feeds failed" in out  # every feed failed: exit 1
    assert "hunter2" not in out + err and "reader:***" not in err
    assert "http://***@127.0.0.1" in err
    code, out, _ = cli("status", "--config", str(config))
    assert code == 0
    assert "gone since" in out and "HTTP 410" in out and "never" in out
    assert "hunter2" not in out
    code, out, _ = cli("status", "--json", "--config", str(config))
    feeds = {f["url"]: f for f in json.loads(out)["feed_status"]}
    assert "hunter2" not in out
    assert feeds[gone]["state"] == "gone" and feeds[gone]["next_poll"] is None
    masked = secret.replace("reader:hunter2", "***")
    assert "refused redirect to 'ftp://***@files.example/feed.xml'" in feeds[masked]["last_error"]
    # the feed was really requested with its credentials: masking is for display only
    assert server.requests_for("/private")[0].headers["authorization"].startswith("Basic ")


def test_entries_list_json_hides_a_feeds_credentials(
    server: HTTPTestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_POLL__ALLOW_PRIVATE_NETWORKS", "true")
    server.add_file("/members.xml", feed(entry("a")))
    secret = server.url("/members.xml").replace("http://", "http://reader:hunter2@")
    config = tmp_path / "tracker.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n[tracker]\ncollections = []\n'
        f'[[feeds]]\nurl = "{secret}"\n'
    )
    assert cli("poll", "--config", str(config))[0] == 0
    code, out, _ = cli("entries", "list", "--json", "--config", str(config))
    [row] = json.loads(out)
    assert code == 0 and "hunter2" not in out
    assert row["feed"] == secret.replace("reader:hunter2", "***")


def test_status_shows_a_settled_move(
    server: HTTPTestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = server.add_file("/new.xml", feed(entry("a")))
    old = server.add_route("/old.xml", redirect("/new.xml", 308))
    config = tmp_path / "tracker.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n[tracker]\ncollections = []\n'
        f'[poll]\nallow_private_networks = true\n[[feeds]]\nurl = "{old}"\n'
    )
    clock = FakeClock(T0)
    loaded = load_config(config.read_text(), env={}, source=str(config))
    with Tracker(loaded, clock=clock) as tracker:
        asyncio.run(tracker.poll())
    _, out, _ = cli("status", "--config", str(config))
    assert f"redirects permanently to {new} since {T0:%Y-%m-%d}" in out
    clock.advance(timedelta(days=7))
    with Tracker(loaded, clock=clock) as tracker:
        asyncio.run(tracker.poll())
        before = len(server.requests_for("/old.xml"))
        asyncio.run(tracker.poll())
    assert len(server.requests_for("/old.xml")) == before  # now fetched at the new URL
    _, out, _ = cli("status", "--config", str(config))
    assert f"moved to {new}" in out
    (_, out, _) = cli("status", "--json", "--config", str(config))
    (status,) = json.loads(out)["feed_status"]
    assert status["url"] == old and status["moved_to"] == new
