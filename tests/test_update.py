"""The updater with fakes: one result per feed, failures as values, only changes written."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from fakes import FakeClock, FakeFetcher, FakeStorage, entry, feed

from tracker.exceptions import FetchError, UpdateError
from tracker.poll import decide, update, workers
from tracker.storage.sql import SqlStorage as Storage
from tracker.types import (
    EntryData,
    EntryForUpdate,
    FeedForUpdate,
    FeedSpec,
    PollSummary,
    UpdatedFeed,
)

T = TypeVar("T")

SCHEDULE = update.Schedule(
    interval=timedelta(hours=1),
    floor=timedelta(minutes=15),
    cap=timedelta(days=1),
    intervals={},
)


def run(
    fetcher: FakeFetcher,
    storage: FakeStorage,
    urls: list[str],
    clock: FakeClock,
    etags: dict[str, str | None] | None = None,
) -> list[update.UpdateResult]:
    feeds = [FeedForUpdate(url=u, etag=(etags or {}).get(u)) for u in urls]
    return asyncio.run(
        update.update_feeds(
            feeds,
            fetcher=fetcher,
            storage=storage,
            parse=workers.parse_inline,
            schedule=SCHEDULE,
            now=clock,
        )
    )


def test_one_broken_feed_does_not_stop_the_others() -> None:
    clock = FakeClock()
    fetcher = FakeFetcher(
        documents={"https://a.example/feed": feed(entry("a1"), entry("a2"))},
        errors={"https://b.example/feed": FetchError("connection refused")},
    )
    storage = FakeStorage()
    results = run(fetcher, storage, ["https://a.example/feed", "https://b.example/feed"], clock)
    assert [r.url for r in results] == ["https://a.example/feed", "https://b.example/feed"]
    assert results[0].value == UpdatedFeed("https://a.example/feed", new=2)
    assert isinstance(results[1].value, UpdateError)
    assert results[1].value.url == "https://b.example/feed"
    failed = storage.feeds["https://b.example/feed"]
    assert not failed.success and failed.consecutive_errors == 1
    assert failed.error == "connection refused"
    # the first failure backs off five minutes (plus a little jitter), not a full interval
    assert timedelta(minutes=5) <= failed.next_poll_at - clock.now < timedelta(minutes=6)
    assert PollSummary.of(results) == PollSummary(polled=2, failed=1, new=2)


def test_unchanged_entries_are_not_written_and_edits_are() -> None:
    clock = FakeClock()
    url = "https://a.example/feed"
    fetcher = FakeFetcher(documents={url: feed(entry("a1"), entry("a2"))})
    storage = FakeStorage()
    run(fetcher, storage, [url], clock)
    fetcher.documents[url] = feed(entry("a1", "A new title"), entry("a2"), entry("a3"))
    result = run(fetcher, storage, [url], clock)[0]
    assert result.value == UpdatedFeed(url, new=1, modified=1, unchanged=1)
    assert [(i.entry.identity, i.new) for i in storage.written[2:]] == [("a1", False), ("a3", True)]


def test_not_modified_costs_no_parse_and_keeps_validators() -> None:
    clock = FakeClock()
    url = "https://a.example/feed"
    fetcher = FakeFetcher(documents={url: feed(entry("a1"))})
    storage = FakeStorage()
    run(fetcher, storage, [url], clock)
    etag = storage.feeds[url].etag
    result = run(fetcher, storage, [url], clock, etags={url: etag})[0]
    assert result.value == UpdatedFeed(url, not_modified=True)
    assert storage.feeds[url].etag == etag and storage.feeds[url].success


def test_retry_after_is_honoured() -> None:
    clock = FakeClock()
    url = "https://a.example/feed"
    fetcher = FakeFetcher(errors={url: FetchError("HTTP 429", status=429, retry_after=7200)})
    storage = FakeStorage()
    run(fetcher, storage, [url], clock)
    wait = storage.feeds[url].next_poll_at - clock.now
    assert timedelta(hours=2) <= wait <= timedelta(hours=2, minutes=12)


def test_entry_without_date_falls_back_to_first_seen() -> None:
    clock = FakeClock()
    url = "https://a.example/feed"
    undated = entry("u1").replace("<pubDate>Mon, 06 Oct 2025 09:00:00 +0000</pubDate>", "")
    fetcher = FakeFetcher(documents={url: feed(undated)})
    storage = FakeStorage()
    run(fetcher, storage, [url], clock)
    assert storage.written[0].published_at == clock.now


# -- identity that degrades: guids that change on every poll -------------------------------------


def random_guid_feed(*titles: str, links: bool = True) -> bytes:
    return feed(
        *(
            entry(uuid.uuid4().hex, title, link=f"https://a.example/{n}" if links else None)
            for n, title in enumerate(titles)
        )
    )


def poll_into(storage: Storage, fetcher: FakeFetcher, url: str, clock: FakeClock) -> UpdatedFeed:
    feeds = storage.get_feeds_for_update(now=clock(), urls=[url])
    (result,) = asyncio.run(
        update.update_feeds(
            feeds,
            fetcher=fetcher,
            storage=storage,
            parse=workers.parse_inline,
            schedule=SCHEDULE,
            now=clock,
        )
    )
    assert isinstance(result.value, UpdatedFeed), result.value
    return result.value


def test_fresh_guids_every_poll_do_not_flood_duplicates(tmp_path: Path) -> None:
    url = "https://a.example/feed"
    clock = FakeClock()
    fetcher = FakeFetcher()
    with Storage.open(f"sqlite:///{tmp_path / 't.db'}") as storage:
        storage.sync_feeds([FeedSpec(url)], now=clock())
        fetcher.documents[url] = random_guid_feed("One", "Two")
        assert poll_into(storage, fetcher, url, clock) == UpdatedFeed(url, new=2)
        for _ in range(3):
            clock.advance(timedelta(hours=1))
            fetcher.documents[url] = random_guid_feed("One", "Two")
            assert poll_into(storage, fetcher, url, clock) == UpdatedFeed(url, unchanged=2)
        # a really new item is still new
        fetcher.documents[url] = random_guid_feed("One", "Two", "Three")
        assert poll_into(storage, fetcher, url, clock) == UpdatedFeed(url, new=1, unchanged=2)
        entries = storage.list_entries()
        assert sorted(e.title for e in entries) == ["One", "Three", "Two"]


def test_linkless_entries_with_fresh_guids_degrade_to_their_title(tmp_path: Path) -> None:
    url = "https://a.example/feed"
    clock = FakeClock()
    fetcher = FakeFetcher()
    with Storage.open(f"sqlite:///{tmp_path / 't.db'}") as storage:
        storage.sync_feeds([FeedSpec(url)], now=clock())
        for _ in range(3):
            # fakes.entry() always writes a <link>; strip it to leave title + guid only
            body = random_guid_feed("Alpha", "Beta").replace(b"<link>", b"<x>")
            fetcher.documents[url] = body.replace(b"</link>", b"</x>")
            poll_into(storage, fetcher, url, clock)
        assert sorted(e.title for e in storage.list_entries()) == ["Alpha", "Beta"]


class KeyCountingStorage(FakeStorage):
    """A fake that counts the reads of stored entries' keys (one query per feed)."""

    key_reads: int = 0

    def get_entry_keys(self, feed_url: str) -> list[EntryForUpdate]:
        self.key_reads += 1
        return super().get_entry_keys(feed_url)


def test_stored_entries_keys_are_read_only_when_one_may_have_a_new_guid() -> None:
    url = "https://a.example/feed"
    clock = FakeClock()
    storage = KeyCountingStorage()
    fetcher = FakeFetcher(documents={url: feed(entry("a1"), entry("a2"))})
    # the first poll of a feed: nothing stored, nothing any new entry could be
    assert run(fetcher, storage, [url], clock)[0].value == UpdatedFeed(url, new=2)
    assert storage.key_reads == 0
    # a new entry while the document still lists every stored one: it is new
    fetcher.documents[url] = feed(entry("a3"), entry("a1"), entry("a2"))
    assert run(fetcher, storage, [url], clock)[0].value == UpdatedFeed(url, new=1, unchanged=2)
    assert storage.key_reads == 0
    # a stored entry gone from the document and a new one in it: maybe the same, read them
    fetcher.documents[url] = feed(entry("a4"), entry("a3"), entry("a2"))
    assert run(fetcher, storage, [url], clock)[0].value == UpdatedFeed(url, new=1, unchanged=2)
    assert storage.key_reads == 1
    # only gone ones, nothing new: nothing to match them with
    fetcher.documents[url] = feed(entry("a4"), entry("a3"))
    assert run(fetcher, storage, [url], clock)[0].value == UpdatedFeed(url, unchanged=2)
    assert storage.key_reads == 1


def test_reidentify_keeps_distinct_items_that_share_a_link() -> None:
    home = "https://a.example/"
    stored = [EntryForUpdate("g1", "h1", link=home, title="Monday", guid="g1")]
    # a new item linking to the same page with another title is a new item
    fresh = [EntryData("g2", "Tuesday", link=home, guid="g2")]
    assert decide.reidentify(fresh, stored) == fresh
    # the same title under a new guid, while g1 is gone from the document: it is g1
    (same,) = decide.reidentify([EntryData("g3", "Monday", link=home, guid="g3")], stored)
    assert (same.identity, same.guid) == ("g1", "g1")
    # but not while the document still lists g1 itself
    both = [EntryData("g1", "Monday", link=home, guid="g1"), EntryData("g4", "Monday", link=home)]
    assert [e.identity for e in decide.reidentify(both, stored)] == ["g1", "g4"]


def test_a_storage_error_on_one_feed_is_that_feeds_result_only() -> None:
    from tracker.exceptions import StorageError

    class LosingStorage(FakeStorage):
        def store_update(self, feed, entries, *, owner=None):  # type: ignore[no-untyped-def]
            if feed.url == "https://b.example/feed":
                raise StorageError("lost the lease on https://b.example/feed")
            super().store_update(feed, entries, owner=owner)

    clock = FakeClock()
    fetcher = FakeFetcher(
        documents={
            "https://a.example/feed": feed(entry("a1")),
            "https://b.example/feed": feed(entry("b1")),
        }
    )
    storage = LosingStorage()
    results = run(fetcher, storage, ["https://a.example/feed", "https://b.example/feed"], clock)
    assert results[0].value == UpdatedFeed("https://a.example/feed", new=1)
    assert isinstance(results[1].value, UpdateError)
    assert "could not record this poll: lost the lease" in results[1].value.message


def test_a_304_keeps_the_documents_ttl() -> None:
    clock = FakeClock()
    url = "https://a.example/feed"
    fetcher = FakeFetcher(documents={url: feed(entry("a1"))})
    storage = FakeStorage()
    run(fetcher, storage, [url], clock)
    etag = storage.feeds[url].etag
    # what storage hands back after a 200 whose document said <ttl>360</ttl>
    stored = FeedForUpdate(url=url, etag=etag, ttl=timedelta(hours=6))
    asyncio.run(
        update.update_feeds(
            [stored],
            fetcher=fetcher,
            storage=storage,
            parse=workers.parse_inline,
            schedule=SCHEDULE,
            now=clock,
        )
    )
    assert storage.feeds[url].http_status == 304
    assert storage.feeds[url].next_poll_at - clock.now >= timedelta(hours=6)


def test_storage_calls_run_off_the_event_loop_one_at_a_time() -> None:
    import threading

    from tracker.poll.offload import StorageThread

    class ThreadedStorage(FakeStorage):
        def __init__(self) -> None:
            super().__init__()
            self.threads: set[int] = set()
            self.busy = 0
            self.overlapped = False

        def _enter(self) -> None:
            self.threads.add(threading.get_ident())
            self.busy += 1
            self.overlapped |= self.busy > 1

        def get_entries_for_update(self, feed_url: str) -> dict[str, str]:
            self._enter()
            try:
                return super().get_entries_for_update(feed_url)
            finally:
                self.busy -= 1

        def store_update(self, *args: object, **kwargs: object) -> None:
            self._enter()
            try:
                super().store_update(*args, **kwargs)  # type: ignore[arg-type]
            finally:
                self.busy -= 1

    urls = [f"https://{n}.example/feed" for n in "abcdef"]
    fetcher = FakeFetcher(documents={u: feed(entry(u[8])) for u in urls})
    storage = ThreadedStorage()
    offload = StorageThread()

    async def poll() -> tuple[list[update.UpdateResult], int]:
        results = await update.update_feeds(
            [FeedForUpdate(url=u) for u in urls],
            fetcher=fetcher,
            storage=storage,
            parse=workers.parse_inline,
            schedule=SCHEDULE,
            now=FakeClock(),
            offload=offload,
        )
        return results, threading.get_ident()

    try:
        results, loop_thread = asyncio.run(poll())
    finally:
        offload.close()
    assert [r.value for r in results] == [UpdatedFeed(u, new=1) for u in urls]
    assert len(storage.threads) == 1 and loop_thread not in storage.threads
    assert not storage.overlapped
    assert sorted(storage.feeds) == urls


def test_in_flight_bounds_the_feeds_between_fetch_and_store() -> None:
    urls = [f"https://{n}.example/feed" for n in "abcdefghij"]
    fetcher = FakeFetcher(documents={u: feed(entry(u[8])) for u in urls})
    storage = FakeStorage()
    holding = 0
    most = 0

    async def slow_parse(job: workers.ParseJob) -> workers.ParseOutcome:
        nonlocal holding, most
        holding += 1  # a fetched document waiting for a worker: its body is held
        most = max(most, holding)
        await asyncio.sleep(0.001)
        holding -= 1
        return workers.parse_job(job)

    results = asyncio.run(
        update.update_feeds(
            [FeedForUpdate(url=u) for u in urls],
            fetcher=fetcher,
            storage=storage,
            parse=slow_parse,
            schedule=SCHEDULE,
            now=FakeClock(),
            in_flight=3,
        )
    )
    assert [r.value for r in results] == [UpdatedFeed(u, new=1) for u in urls]
    assert most == 3  # never more, and the bound is used (not one at a time)


def test_the_same_bytes_without_validators_are_not_parsed_again() -> None:
    url = "https://a.example/feed"
    fetcher = FakeFetcher(documents={url: feed(entry("a1"), entry("a2"))})
    storage = FakeStorage()
    parsed: list[str] = []

    async def counting_parse(job: workers.ParseJob) -> workers.ParseOutcome:
        parsed.append(job.url)
        return workers.parse_job(job)

    def poll() -> UpdatedFeed:
        # a server that ignores conditional requests: no ETag is ever sent back to it
        before = storage.feeds.get(url)
        known = FeedForUpdate(url=url, body_hash=before.body_hash if before else None)
        [result] = asyncio.run(
            update.update_feeds(
                [known],
                fetcher=fetcher,
                storage=storage,
                parse=counting_parse,
                schedule=SCHEDULE,
                now=FakeClock(),
            )
        )
        assert isinstance(result.value, UpdatedFeed)
        return result.value

    assert poll() == UpdatedFeed(url, new=2)
    assert storage.feeds[url].body_hash is not None
    assert poll() == UpdatedFeed(url, not_modified=True)  # same bytes: not parsed
    assert parsed == [url]
    fetcher.documents[url] = feed(entry("a1"), entry("a2"), entry("a3"))
    assert poll() == UpdatedFeed(url, new=1, unchanged=2)  # new bytes: parsed
    assert parsed == [url, url]


async def _slow_offload(call: Callable[[], T]) -> T:
    # a storage call that takes a while (as a real write does): others queue behind it
    for _ in range(20):
        await asyncio.sleep(0)
    return call()


def _poll_many(storage: FakeStorage, urls: list[str]) -> dict[str, object]:
    fetcher = FakeFetcher(documents={u: feed(entry(u[8])) for u in urls})
    results = asyncio.run(
        update.update_feeds(
            [FeedForUpdate(url=u) for u in urls],
            fetcher=fetcher,
            storage=storage,
            parse=workers.parse_inline,
            schedule=SCHEDULE,
            now=FakeClock(),
            offload=_slow_offload,
        )
    )
    return {r.url: r.value for r in results}


def test_updates_that_wait_are_written_together() -> None:
    urls = [f"https://{n}.example/feed" for n in "abcdefgh"]
    storage = FakeStorage()
    assert _poll_many(storage, urls) == {u: UpdatedFeed(u, new=1) for u in urls}
    assert sorted(storage.feeds) == urls and len(storage.written) == len(urls)
    assert sum(storage.transactions) == len(urls)
    assert len(storage.transactions) < len(urls)  # the ones that waited went in together


def test_a_lost_lease_in_a_batch_loses_only_that_feed() -> None:
    from tracker.exceptions import StorageError

    lost = "https://c.example/feed"

    class LeasedStorage(FakeStorage):
        def store_update(self, feed, entries, *, owner=None):  # type: ignore[no-untyped-def]
            if feed.url == lost:
                raise StorageError(f"lost the lease on {lost}")
            super().store_update(feed, entries, owner=owner)

        def store_updates(self, updates, *, owner=None):  # type: ignore[no-untyped-def]
            self.batches_with_lost += any(f.url == lost for f, _ in updates)
            super().store_updates(updates, owner=owner)

    urls = [f"https://{n}.example/feed" for n in "abcdefgh"]
    storage = LeasedStorage()
    storage.batches_with_lost = 0  # type: ignore[attr-defined]
    by_url = _poll_many(storage, urls)
    assert storage.batches_with_lost == 1  # type: ignore[attr-defined]  # it was in a batch
    assert isinstance(by_url.pop(lost), UpdateError)
    assert by_url == {u: UpdatedFeed(u, new=1) for u in urls if u != lost}
    assert sorted(storage.feeds) == sorted(by_url)  # every other feed stored, exactly once
    assert len(storage.written) == len(by_url)


def test_a_waiter_that_gives_up_does_not_cost_the_others_their_outcome() -> None:
    from tracker.poll.writer import UpdateWriter

    storage = FakeStorage()
    writer = UpdateWriter(storage, _slow_offload)
    clock = FakeClock()

    def intent(url: str) -> update.FeedUpdateIntent:
        return update.FeedUpdateIntent(url=url, checked_at=clock.now, next_poll_at=clock.now)

    async def main() -> list[object]:
        first = asyncio.create_task(writer.store(intent("https://a.example/feed"), ()))
        await asyncio.sleep(0)  # the first write starts; the next three wait behind it
        rest = [
            asyncio.create_task(writer.store(intent(f"https://{n}.example/feed"), ()))
            for n in "bcd"
        ]
        await asyncio.sleep(0)
        rest[0].cancel()  # its poll was cancelled while it waited
        return await asyncio.gather(first, *rest, return_exceptions=True)

    outcomes = asyncio.run(main())
    assert outcomes[0] is None and outcomes[2] is None and outcomes[3] is None
    assert isinstance(outcomes[1], asyncio.CancelledError)
    assert storage.transactions == [1, 3]  # the waiting three were still written together
