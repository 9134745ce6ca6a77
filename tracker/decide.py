"""Decisions of the updater that need no I/O: which entries are new or changed, and when to poll
a feed next. Pure: ``now`` and everything else are parameters; no network, database or clock.

Scheduling is polite by construction: the next poll honours the largest of the configured
interval and what the feed or server asked for (RSS ``<ttl>``, ``Cache-Control: max-age``,
``Expires``), clamped between a floor and a cap; failures back off on an escalating ladder (as
Sonarr does) and ``Retry-After`` is honoured on 429/503 (as lemon24/reader does).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from tracker.types import EntryData, EntryUpdateIntent

#: failure n (1-based) waits BACKOFF_LADDER[min(n, len) - 1]
BACKOFF_LADDER: tuple[timedelta, ...] = tuple(
    timedelta(minutes=m) for m in (5, 15, 30, 60, 180, 360, 720, 1440)
)


def decide_entries(
    feed_url: str,
    entries: Sequence[EntryData],
    stored: Mapping[str, str],
    *,
    now: datetime,
    content_hash: Mapping[str, str],
) -> list[EntryUpdateIntent]:
    """The entries to write: new identities, and known ones whose content hash changed.

    ``content_hash`` maps identity to the hash of the parsed entry (computed by ``parse``).
    ``published_at`` falls back to ``now`` (first seen) when the feed gives no date.
    """
    intents: list[EntryUpdateIntent] = []
    for entry in entries:
        new_hash = content_hash[entry.identity]
        old_hash = stored.get(entry.identity)
        if old_hash == new_hash:
            continue
        intents.append(
            EntryUpdateIntent(
                feed_url=feed_url,
                entry=entry,
                content_hash=new_hash,
                first_seen_at=now,
                published_at=entry.published or entry.updated or now,
                new=old_hash is None,
            )
        )
    return intents


def _max_age(headers: Mapping[str, str]) -> timedelta | None:
    cache_control = headers.get("cache-control", "")
    if re.search(r"\b(no-store|no-cache)\b", cache_control):
        return None
    match = re.search(r"\bmax-age\s*=\s*\"?(\d+)", cache_control)
    if match:
        return timedelta(seconds=int(match.group(1)))
    return None


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _expires_in(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    expires = _http_date(headers.get("expires"))
    if expires is None:
        return None
    # relative to the server's own clock when it tells us, so a skewed server can't fool us
    origin = _http_date(headers.get("date")) or now
    delta = expires - origin
    return delta if delta > timedelta(0) else None


def jitter(url: str, span: timedelta, salt: str = "") -> timedelta:
    """A deterministic spread in [0, span) per feed, so feeds don't all fire on the same tick and a
    restart computes the same times (no thundering herd, no randomness to mock in tests)."""
    if span <= timedelta(0):
        return timedelta(0)
    digest = hashlib.blake2b(f"{url}|{salt}".encode(), digest_size=8).digest()
    fraction = int.from_bytes(digest, "big") / 2**64
    return timedelta(seconds=int(span.total_seconds() * fraction))


def next_poll_after_success(
    url: str,
    *,
    now: datetime,
    interval: timedelta,
    floor: timedelta,
    cap: timedelta,
    headers: Mapping[str, str] | None = None,
    ttl: timedelta | None = None,
) -> datetime:
    """max(interval, ttl, max-age, Expires) + up to 10 % jitter, clamped to [floor, cap]."""
    headers = headers or {}
    candidates = [interval]
    candidates += [c for c in (ttl, _max_age(headers), _expires_in(headers, now)) if c]
    wait = max(candidates)
    wait += jitter(url, wait / 10, now.isoformat(timespec="hours"))
    wait = min(max(wait, floor), cap)
    return now + wait


def backoff(consecutive_errors: int) -> timedelta:
    """The wait after the n-th failure in a row (n >= 1) on the escalating ladder."""
    n = max(1, consecutive_errors)
    return BACKOFF_LADDER[min(n, len(BACKOFF_LADDER)) - 1]


def next_poll_after_failure(
    url: str,
    *,
    now: datetime,
    consecutive_errors: int,
    cap: timedelta,
    retry_after: float | None = None,
) -> datetime:
    """Back off on the ladder, or honour the server's Retry-After when it is longer (up to cap)."""
    wait = backoff(consecutive_errors)
    if retry_after is not None and retry_after > 0:
        wait = max(wait, timedelta(seconds=retry_after))
    wait += jitter(url, wait / 10, str(consecutive_errors))
    return now + min(wait, max(cap, BACKOFF_LADDER[-1]))
