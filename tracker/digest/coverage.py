"""The coverage footer: which followed feeds failed, went silent or are gone, so a reader knows
what the digest may be missing.

Owns the rules for "failing", "silent" (nothing new for two weeks; a fortnightly feed is not
silent in its quiet week) and "gone". Pure; every URL it shows is redacted (it goes out by email).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from tracker.types import CoverageNote, Entry, FeedStatus
from tracker.urls import redact_url

#: a feed that has not produced anything new for this long is "silent" in the coverage footer
SILENT_AFTER = timedelta(days=14)


def coverage(
    feeds: Sequence[FeedStatus], entries: Sequence[Entry], *, start: datetime, end: datetime
) -> list[CoverageNote]:
    """Which followed feeds failed, went silent or are gone: what the digest may be missing."""
    fresh = {e.feed_url for e in entries}
    notes = []
    for feed in feeds:
        if not feed.followed:
            continue
        # the footer goes out by email: never a user:password@ from a feed URL
        shown = redact_url(feed.url)
        title = feed.title or shown
        if feed.gone_at is not None or feed.http_status == 410:
            notes.append(CoverageNote(shown, title, "gone", "the server says it is gone (410)"))
        elif feed.consecutive_errors:
            since = f"; last success {feed.last_success_at:%b %d}" if feed.last_success_at else ""
            detail = f"{feed.last_error or 'failing'}{since}"
            notes.append(CoverageNote(shown, title, "failing", redact_url(detail)))
        elif (
            feed.url not in fresh
            and feed.first_polled_at is not None
            and feed.first_polled_at < end - SILENT_AFTER
            and (feed.last_entry_at is None or feed.last_entry_at < end - SILENT_AFTER)
        ):
            # a fortnightly feed is not silent in its quiet week: only nothing for two weeks is
            detail = (
                f"nothing new since {feed.last_entry_at:%b %d}"
                if feed.last_entry_at
                else "no entries yet"
            )
            notes.append(CoverageNote(shown, title, "silent", detail))
    return notes
