"""A leased poll (``tracker.poll.leases``) on a real SQLite database: due feeds claimed a bounded
batch at a time as the previous batch drains, each lease released with its feed (304s included),
two instances splitting one poll, and a cancelled poll leaving its unfinished feeds leased.

The same loop on PostgreSQL, in real processes, is tests/test_sharing.py."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeClock, FakeFetcher, entry, feed

from tracker.config.schema import load_config
from tracker.exceptions import ConfigError
from tracker.poll import update, workers
from tracker.poll.leases import Lease, update_due
from tracker.storage.sql import SqlStorage as Storage
from tracker.types import FeedForUpdate, FeedSpec, FetchResult, UpdatedFeed

SCHEDULE = update.Schedule(
    interval=timedelta(hours=1),
    floor=timedelta(minutes=15),
    cap=timedelta(days=1),
    intervals={},
)
LEASE = timedelta(minutes=5)
URLS = [f"https://feed{n:02}.example/rss" for n in range(10)]


def leased_to(db: Path, owner: str) -> int:
    """Feeds leased to ``owner`` right now, read over a connection of its own."""
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute(
            "SELECT count(*) FROM feeds WHERE lease_owner = ?", (owner,)
        ).fetchone()
    return int(count)


@dataclass
class WatchedStorage:
    """The real storage, with each claim's size and the leases held when it was made."""

    inner: Storage
    db: Path
    claims: list[tuple[str, int, int]] = field(default_factory=list)

    def claim_due_feeds(self, **kwargs: Any) -> list[FeedForUpdate]:
        held = leased_to(self.db, kwargs["owner"])
        got = self.inner.claim_due_feeds(**kwargs)
        self.claims.append((kwargs["owner"], held, len(got)))
        return got

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@dataclass
class YieldingFetcher(FakeFetcher):
    """A fetcher whose requests take turns of the event loop (as a network would), each a few
    more than the one before, so they end one at a time; it notes how many feeds its owner
    held leased at each request."""

    db: Path | None = None
    owner: str = ""
    held: list[int] = field(default_factory=list)
    started: int = 0

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        if self.db is not None:
            self.held.append(leased_to(self.db, self.owner))
        self.started += 1
        for _ in range(4 * self.started):
            await asyncio.sleep(0)
        return await super().fetch(url, etag=etag, last_modified=last_modified)


def open_db(tmp_path: Path, urls: Sequence[str], now: datetime) -> tuple[Path, Storage]:
    db = tmp_path / "tracker.db"
    storage = Storage.open(f"sqlite:///{db}")
    storage.sync_feeds([FeedSpec(u) for u in urls], now=now)
    return db, storage


async def leased_poll(
    lease: Lease, storage: Any, fetcher: FakeFetcher, clock: FakeClock
) -> list[update.UpdateResult]:
    first = lease.claim(storage, clock())
    return await update_due(
        lease,
        first,
        fetcher=fetcher,
        storage=storage,
        parse=workers.parse_inline,
        schedule=SCHEDULE,
        now=clock,
    )


def test_due_feeds_are_claimed_a_batch_at_a_time_as_the_previous_drains(tmp_path: Path) -> None:
    clock = FakeClock()
    db, real = open_db(tmp_path, URLS, clock())
    storage = WatchedStorage(real, db)
    fetcher = YieldingFetcher(documents={u: feed(entry(u)) for u in URLS}, db=db, owner="me")
    lease = Lease("me", LEASE, batch=3)
    with real:
        results = asyncio.run(leased_poll(lease, storage, fetcher, clock))
        # every due feed polled once, in the order claimed (the oldest due first)
        assert [r.value for r in results] == [UpdatedFeed(u, new=1) for u in URLS]
        assert sorted(url for url, _ in fetcher.calls) == URLS
        # batches of 3; the next one claimed as soon as one batch was left in flight, so the
        # last claim (short: nothing more is due) came after the first feeds were stored
        assert [got for _, _, got in storage.claims] == [3, 3, 3, 1]
        held_at_claims = [held for _, held, _ in storage.claims]
        assert held_at_claims[1] == 3  # the second batch follows the first at once
        assert all(held <= lease.batch for held in held_at_claims)
        # never more than two batches leased at once, though ten feeds were due
        assert max(fetcher.held) <= 2 * lease.batch
        assert leased_to(db, "me") == 0  # every lease ended with its feed
        assert real.claim_due_feeds(owner="x", now=clock(), lease=LEASE) == []


def test_a_304_ends_its_lease_with_its_batch_not_with_the_poll(tmp_path: Path) -> None:
    clock = FakeClock()
    db, real = open_db(tmp_path, URLS, clock())
    storage = WatchedStorage(real, db)
    fetcher = YieldingFetcher(documents={u: feed(entry(u)) for u in URLS})
    lease = Lease("me", LEASE, batch=2)
    with real:
        asyncio.run(leased_poll(lease, storage, fetcher, clock))
        clock.advance(timedelta(days=2))  # every feed due again, and nothing changed: all 304
        storage.claims.clear()
        fetcher.calls.clear()
        results = asyncio.run(leased_poll(lease, storage, fetcher, clock))
        assert all(isinstance(r.value, UpdatedFeed) and r.value.not_modified for r in results)
        assert len(fetcher.calls) == len(URLS)
        # the 304s are written (and their leases released) before each claim: the leases held
        # never pile up to the whole poll
        assert all(held <= lease.batch for _, held, _ in storage.claims)
        assert leased_to(db, "me") == 0
        statuses = real.feed_statuses()
        assert all(s.last_success_at == clock() for s in statuses)


def test_two_instances_on_one_sqlite_file_split_a_poll_and_poll_each_feed_once(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    urls = [f"https://feed{n:02}.example/rss" for n in range(40)]
    db, first = open_db(tmp_path, urls, clock())
    second = Storage.open(f"sqlite:///{db}", migrate=False)
    fetchers = {name: YieldingFetcher(documents={u: feed(entry(u)) for u in urls}) for name in "ab"}

    async def both() -> list[list[update.UpdateResult]]:
        return await asyncio.gather(
            leased_poll(Lease("a", LEASE, 4), first, fetchers["a"], clock),
            leased_poll(Lease("b", LEASE, 4), second, fetchers["b"], clock),
        )

    with first, second:
        by_a, by_b = asyncio.run(both())
    polled = [r.url for r in (*by_a, *by_b)]
    assert sorted(polled) == urls  # each feed once, by one of them
    assert all(r.error is None for r in (*by_a, *by_b))
    assert len(by_a) >= 8 and len(by_b) >= 8  # and both did a fair part of it
    assert {u for u, _ in fetchers["a"].calls}.isdisjoint({u for u, _ in fetchers["b"].calls})


@dataclass
class HangingFetcher(FakeFetcher):
    """Answers every feed but ``hang``, which never answers."""

    hang: frozenset[str] = frozenset()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        if url in self.hang:
            self.calls.append((url, etag))
            await asyncio.Event().wait()
        await asyncio.sleep(0)
        return await super().fetch(url, etag=etag, last_modified=last_modified)


def test_a_cancelled_poll_stores_what_it_finished_and_leaves_the_rest_leased(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    db, storage = open_db(tmp_path, URLS, clock())
    stuck = frozenset(URLS[:2])
    fetcher = HangingFetcher(documents={u: feed(entry(u)) for u in URLS}, hang=stuck)
    lease = Lease("me", LEASE, batch=3)

    async def poll_then_cancel() -> None:
        task = asyncio.create_task(leased_poll(lease, storage, fetcher, clock))
        while len(fetcher.calls) < len(URLS):
            await asyncio.sleep(0)
        for _ in range(50):  # let the others finish
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []

    with storage:
        asyncio.run(poll_then_cancel())
        assert leased_to(db, "me") == len(stuck)
        polled = {s.url for s in storage.feed_statuses() if s.last_success_at is not None}
        assert polled == set(URLS) - stuck
        # nobody else takes the stuck feeds before the lease ends; then anyone may
        assert storage.claim_due_feeds(owner="other", now=clock(), lease=LEASE) == []
        later = clock() + LEASE
        taken = storage.claim_due_feeds(owner="other", now=later, lease=LEASE)
        assert {f.url for f in taken} == stuck


# -- the config keys -------------------------------------------------------------------------------


def test_lease_and_check_every_config() -> None:
    poll = load_config("", env={}, source="t").poll
    assert (poll.lease, poll.check_every) == (timedelta(minutes=10), timedelta(minutes=1))
    text = '[poll]\ntimeout = 2\nlease = "4s"\ncheck_every = "1s"'
    poll = load_config(text, env={}, source="t").poll
    assert (poll.lease, poll.check_every) == (timedelta(seconds=4), timedelta(seconds=1))
    env = {"TRACKER_POLL__LEASE": "2m", "TRACKER_POLL__CHECK_EVERY": "30s"}
    poll = load_config("", env=env, source="t").poll
    assert (poll.lease, poll.check_every) == (timedelta(minutes=2), timedelta(seconds=30))


@pytest.mark.parametrize(
    ("text", "key", "says"),
    [
        # a lease that can run out while its holder still waits for the server
        ('lease = "50s"', "poll.lease", "at least twice [poll] timeout (60 s or more)"),
        ('timeout = 10\nlease = "19s"', "poll.lease", "(20 s or more)"),
        ('check_every = "2m"', "poll.check_every", "between 1s and 1m"),
        ("check_every = 0.5", "poll.check_every", "between 1s and 1m"),
        ("check_every = 1.5", "poll.check_every", "whole seconds"),
    ],
)
def test_bad_lease_and_check_every_name_their_key(text: str, key: str, says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(f"[poll]\n{text}", env={}, source="t")
    [problem] = caught.value.problems
    assert problem.key == key and says in problem.message
