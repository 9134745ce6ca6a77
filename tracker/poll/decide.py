"""Decisions of the updater that need no I/O: which entries are new or changed, when to poll a
feed next, when a permanent redirect has settled, and when a feed's health changed. Pure: ``now``
and everything else are parameters; no network, database or clock.

Scheduling is polite by construction: the next poll honours the largest of the configured
interval and what the feed or server asked for (RSS ``<ttl>`` / ``sy:updatePeriod``,
``Cache-Control: max-age``, ``Expires``), plus a deterministic jitter, clamped between a floor and
a cap; failures back off on an escalating ladder (5 min ... 24 h, as Sonarr does) that resets on
success, and ``Retry-After`` is honoured on 429/503 (as lemon24/reader does). 410 Gone stops
polling (FreshRSS). A permanent redirect (301/308) moves the feed only once it has been the same
for ``settle_after`` (a week by default); a temporary one (302/303/307) never does.

Identity degrades (FreshRSS): an entry whose guid is new but whose link and title match a stored
entry that the document no longer lists is that stored entry (feeds that mint a guid per poll).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from tracker.exceptions import FetchError
from tracker.httpdate import parse_http_date
from tracker.types import (
    EntryData,
    EntryForUpdate,
    EntryUpdateIntent,
    FeedForUpdate,
    Redirect,
    UpdateResult,
)
from tracker.urls import redact_url

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


def _expires_in(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    expires = parse_http_date(headers.get("expires"))
    if expires is None:
        return None
    # relative to the server's own clock when it tells us, so a skewed server can't fool us
    origin = parse_http_date(headers.get("date")) or now
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


def next_poll_when_gone(now: datetime, cap: timedelta) -> datetime:
    """A gone feed is not polled (storage never finds it due); this only fills the column."""
    return now + cap


# -- permanent redirects -------------------------------------------------------------------------

PERMANENT_REDIRECTS = frozenset({301, 308})


class RedirectDecision(NamedTuple):
    """What to record about redirects after a poll that reached the server."""

    #: the permanent target being watched (None: none, or it just settled)
    redirect_url: str | None
    redirect_since: datetime | None
    #: poll here from now on (the redirect settled), else None
    move_to: str | None = None


def permanent_target(redirects: Sequence[Redirect]) -> str | None:
    """Where the leading permanent hops (301/308) of a chain lead, or None when the first hop
    is temporary or there were no redirects. ``301 -> 302`` moved the feed to the 301's target,
    not to where the temporary hop happened to point this time."""
    target: str | None = None
    for hop in redirects:
        if hop.status not in PERMANENT_REDIRECTS:
            break
        target = hop.url
    return target


def watch_redirect(
    redirects: Sequence[Redirect],
    *,
    recorded_url: str | None,
    recorded_since: datetime | None,
    now: datetime,
    settle_after: timedelta,
) -> RedirectDecision:
    """Record a permanent redirect with the first time it was seen; once the same target has been
    seen on every poll for ``settle_after``, move the feed there (and stop watching). A poll
    without a permanent redirect, or with another target, restarts the watch."""
    target = permanent_target(redirects)
    if target is None:
        return RedirectDecision(None, None)
    since = recorded_since if target == recorded_url and recorded_since is not None else now
    if now - since >= settle_after:
        return RedirectDecision(None, None, move_to=target)
    return RedirectDecision(target, since)


# -- identity that degrades ------------------------------------------------------------------------


def _alias(link: str | None, title: str | None) -> str | None:
    title = (title or "").strip()
    if link:
        # link AND title: feeds that link every item to one page (a homepage) keep distinct items
        return f"link:{link}\n{title}"
    # no link: the title alone (the stored date may be a first-seen fallback, so not the date)
    return f"title:{title}" if title else None


def reidentify(entries: Sequence[EntryData], stored: Sequence[EntryForUpdate]) -> list[EntryData]:
    """Give an entry the identity of the stored entry it really is, when its guid changed.

    An entry whose identity is not stored takes over a stored identity when both have the same
    link and title (or, without links, the same title) and the document no longer lists
    that stored identity: the publisher minted a new guid for the same item. Each stored entry is
    taken over once. The re-identified entry keeps the stored guid and identity source, so its
    content hash only changes when its content does."""
    known = {s.identity for s in stored}
    listed = {e.identity for e in entries}
    free: dict[str, list[EntryForUpdate]] = {}
    for s in stored:
        alias = _alias(s.link, s.title)
        if alias is not None and s.identity not in listed:
            free.setdefault(alias, []).append(s)
    if not free:
        return list(entries)
    result: list[EntryData] = []
    for entry in entries:
        if entry.identity not in known:
            alias = _alias(entry.link, entry.title)
            candidates = free.get(alias) if alias is not None else None
            if candidates:
                match = candidates.pop(0)
                entry = replace(
                    entry,
                    identity=match.identity,
                    identity_source=match.identity_source,
                    guid=match.guid,
                )
        result.append(entry)
    return result


# -- health ----------------------------------------------------------------------------------------


class Health(StrEnum):
    OK = "ok"
    FAILING = "failing"
    GONE = "gone"


def health_change(url: str, before: Health, after: Health, detail: str = "") -> str | None:
    """One log line when a feed's health changed (ok -> failing, failing -> ok, -> gone), else
    None: a feed that keeps failing is reported once, not on every poll."""
    if before == after:
        return None
    if after is Health.GONE:
        return (
            f"feed {url} is gone: {detail}; it will not be polled again"
            if detail
            else (f"feed {url} is gone; it will not be polled again")
        )
    if after is Health.FAILING:
        return f"feed {url} is failing: {detail}" if detail else f"feed {url} is failing"
    return f"feed {url} recovered"


def health_of(feed: FeedForUpdate) -> Health:
    """A feed's health as storage knows it before a poll."""
    if feed.gone:
        return Health.GONE
    return Health.FAILING if feed.consecutive_errors else Health.OK


def health_changes(results: Sequence[UpdateResult], before: Mapping[str, Health]) -> list[str]:
    """One line per feed whose health changed in a poll (ok -> failing, failing -> ok,
    -> gone), so a feed that keeps failing is reported once, not on every poll. ``before`` comes
    from storage (consecutive errors, gone), so a restart does not report an old failure again.
    URLs are shown without credentials."""
    lines = []
    for result in results:
        error = result.error
        if error is None:
            after = Health.OK
        elif isinstance(error, FetchError) and error.status == 410:
            after = Health.GONE
        else:
            after = Health.FAILING
        detail = redact_url(error.message) if error is not None else ""
        was = before.get(result.url, Health.OK)
        line = health_change(redact_url(result.url), was, after, detail)
        if line is not None:
            lines.append(line)
    return lines
