"""``tracker feeds check``: fetch and parse each feed once, store nothing, say what came back.

Owns the per-feed report (HTTP status, format, entry count, newest date, where it moved). Takes
the fetcher as an argument; must not store, schedule or understand anything.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tracker.exceptions import FetchError, UpdateError
from tracker.parse.feed import parse_feed
from tracker.poll.update import Fetcher


@dataclass(frozen=True)
class CheckResult:
    """One fetch and parse of one feed, nothing stored."""

    url: str
    status: int | None = None
    version: str | None = None
    entries: int = 0
    newest: datetime | None = None
    final_url: str | None = None
    error: str | None = None


async def check_feed(fetcher: Fetcher, url: str, *, now: datetime) -> CheckResult:
    """Fetch (no conditional headers) and parse one feed; a failure is a value."""
    try:
        fetched = await fetcher.fetch(url)
        assert fetched.body is not None
        parsed = parse_feed(fetched.body, url=fetched.final_url, headers=fetched.headers, now=now)
    except UpdateError as e:
        status = e.status if isinstance(e, FetchError) else None
        return CheckResult(url, status=status, error=e.message)
    dates = [d for d in (e.published or e.updated for e in parsed.entries) if d]
    return CheckResult(
        url,
        status=fetched.status,
        version=parsed.feed.version,
        entries=len(parsed.entries),
        newest=max(dates) if dates else None,
        final_url=fetched.final_url if fetched.final_url != url else None,
    )


async def check_feeds(fetcher: Fetcher, urls: Sequence[str], *, now: datetime) -> list[CheckResult]:
    """Every feed at once (the fetcher bounds concurrency), in the order given."""
    return list(await asyncio.gather(*(check_feed(fetcher, url, now=now) for url in urls)))
