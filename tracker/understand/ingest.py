"""Understanding one entry as it is stored: the classifier run once, its result kept.

Owns ``understand_entry``: classification and extraction of one entry with its feed's hints,
the excerpt and the text matching needs, stamped with the classifier version. Runs in the poll's
parser processes (and for stale rows before a digest, and ``tracker reclassify``), so it is pure
and returns a small, picklable ``Understood``.
"""

from __future__ import annotations

from datetime import datetime

from tracker.text import strip_html
from tracker.types import EntryData, FeedHints, FeedSpec, Understood
from tracker.understand.classify import classify
from tracker.understand.record import excerpt, to_stored
from tracker.understand.version import version_for


def understand_entry(entry: EntryData, *, hints: FeedHints, published: datetime) -> Understood:
    """Classify one entry and keep what the digest will need, stamped with the version."""
    feed = FeedSpec(url="", kind=hints.kind, korean_only=hints.korean_only)
    result = classify(entry, feed=feed, published=published)
    return to_stored(
        result,
        version=version_for(hints),
        excerpt=excerpt(entry.summary, entry.content),
        text=strip_html(entry.summary),
    )
