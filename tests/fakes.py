"""Fakes for the updater's seams: a fetcher that serves documents built in the test, an in-memory
storage, and a clock that only moves when told. Fakes over mocks: they behave, they don't record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from tracker.exceptions import FetchError
from tracker.types import EntryForUpdate, EntryUpdateIntent, FeedUpdateIntent, FetchResult


class FakeClock:
    def __init__(self, start: datetime = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def entry(
    guid: str,
    title: str = "A title",
    *,
    link: str | None = None,
    date: str = "Mon, 06 Oct 2025 09:00:00 +0000",
    summary: str = "Summary.",
) -> str:
    link = link or f"https://example.org/{guid}"
    return (
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="false">{escape(guid)}</guid><pubDate>{date}</pubDate>'
        f"<description>{escape(summary)}</description></item>"
    )


def feed(*items: str, title: str = "Fake feed") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://example.org/</link>"
        f"<description>fake</description>{''.join(items)}</channel></rss>"
    ).encode()


@dataclass
class FakeFetcher:
    """Serves ``documents[url]``; answers 304 when the caller's ETag matches; raises
    ``errors[url]`` when set."""

    documents: dict[str, bytes] = field(default_factory=dict)
    errors: dict[str, FetchError] = field(default_factory=dict)
    calls: list[tuple[str, str | None]] = field(default_factory=list)

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        self.calls.append((url, etag))
        if url in self.errors:
            raise self.errors[url]
        body = self.documents[url]
        current = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if etag == current:
            return FetchResult(url=url, final_url=url, status=304, body=None, etag=current)
        return FetchResult(
            url=url,
            final_url=url,
            status=200,
            body=body,
            etag=current,
            headers={"content-type": "application/rss+xml"},
        )


@dataclass
class FakeStorage:
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    feeds: dict[str, FeedUpdateIntent] = field(default_factory=dict)
    written: list[EntryUpdateIntent] = field(default_factory=list)
    #: feeds per transaction, as store_update and store_updates were called
    transactions: list[int] = field(default_factory=list)

    def get_entries_for_update(self, feed_url: str) -> dict[str, str]:
        return dict(self.entries.get(feed_url, {}))

    def get_entry_keys(self, feed_url: str) -> list[EntryForUpdate]:
        # no links or titles kept here: an entry whose guid changed is simply new
        return []

    def store_not_modified(
        self, intents: Sequence[FeedUpdateIntent], *, owner: str | None = None
    ) -> None:
        for intent in intents:
            self.feeds[intent.url] = intent

    def store_update(
        self,
        feed: FeedUpdateIntent,
        entries: Sequence[EntryUpdateIntent],
        *,
        owner: str | None = None,
    ) -> None:
        self.feeds[feed.url] = feed
        for intent in entries:
            self.entries.setdefault(feed.url, {})[intent.entry.identity] = intent.content_hash
            self.written.append(intent)
        self.transactions.append(1)

    def store_updates(
        self,
        updates: Sequence[tuple[FeedUpdateIntent, Sequence[EntryUpdateIntent]]],
        *,
        owner: str | None = None,
    ) -> None:
        # all or nothing, as one transaction would be
        before = (
            dict(self.feeds),
            {k: dict(v) for k, v in self.entries.items()},
            len(self.written),
        )
        count = len(self.transactions)
        try:
            for feed, entries in updates:
                self.store_update(feed, entries, owner=owner)
        except Exception:
            self.feeds, self.entries = before[0], before[1]
            del self.written[before[2] :]
            del self.transactions[count:]
            raise
        del self.transactions[count:]
        self.transactions.append(len(updates))
