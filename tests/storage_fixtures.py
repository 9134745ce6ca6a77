"""Builders for storage tests: intents with sensible defaults (``entry``, ``success``, ``failure``).

The backend fixtures themselves live in tests/test_storage.py, beside the suite that uses them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker.types import EntryData, EntryUpdateIntent, FeedUpdateIntent

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def entry(
    identity: str,
    *,
    feed: str = "https://a.example/feed",
    title: str | None = None,
    link: str | None = None,
    first_seen: datetime = T0,
    published: datetime | None = None,
    content_hash: str | None = None,
    new: bool = True,
    **fields: object,
) -> EntryUpdateIntent:
    data = EntryData(
        identity=identity,
        title=title if title is not None else f"Title {identity}",
        link=link if link is not None else f"https://a.example/{identity}",
        published=published,
        **fields,  # type: ignore[arg-type]
    )
    return EntryUpdateIntent(
        feed_url=feed,
        entry=data,
        content_hash=content_hash or f"hash-{identity}",
        first_seen_at=first_seen,
        published_at=published or first_seen,
        new=new,
    )


def success(
    url: str = "https://a.example/feed",
    *,
    at: datetime = T0,
    next_in: timedelta = timedelta(hours=1),
    **fields: object,
) -> FeedUpdateIntent:
    values: dict[str, object] = {"http_status": 200, "success": True} | fields
    return FeedUpdateIntent(url=url, checked_at=at, next_poll_at=at + next_in, **values)  # type: ignore[arg-type]


def failure(
    url: str = "https://a.example/feed",
    *,
    at: datetime = T0,
    errors: int = 1,
    error: str = "HTTP 503 Service Unavailable",
    next_in: timedelta = timedelta(minutes=10),
    **fields: object,
) -> FeedUpdateIntent:
    return FeedUpdateIntent(
        url=url,
        checked_at=at,
        next_poll_at=at + next_in,
        error=error,
        consecutive_errors=errors,
        success=False,
        **fields,  # type: ignore[arg-type]
    )
