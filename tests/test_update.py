"""The updater with fakes: one result per feed, failures as values, only changes written."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from fakes import FakeClock, FakeFetcher, FakeStorage, entry, feed

from tracker import update
from tracker.exceptions import FetchError, UpdateError
from tracker.types import FeedForUpdate, PollSummary, UpdatedFeed

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
            parse=update.parse_inline,
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
