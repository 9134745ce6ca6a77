"""Understanding one entry as it is stored: the classifier run once, its result kept.

Owns ``understand_entry``: classification and extraction of one entry with its feed's hints,
the excerpt a card shows, and the keys that match it with the rest of its week (film keys for the
entry and each title a roundup lists, the syndication fingerprint), stamped with the classifier
version. Runs in the poll's parser processes (and for stale rows before a digest, and ``tracker
reclassify``), so it is pure and returns a small, picklable ``Understood``. Also owns
``warm_up``: everything the classifier builds on first use, built at once, for the process the
workers are forked from.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from tracker.text import strip_html
from tracker.types import EntryData, FeedHints, FeedSpec, Understood
from tracker.understand.classify import classify
from tracker.understand.lexicon import default_lexicon
from tracker.understand.match import ClusterInput, film_keys, fingerprint
from tracker.understand.record import excerpt, to_stored
from tracker.understand.scan.prefilter import compile_all
from tracker.understand.version import version_for


def understand_entry(entry: EntryData, *, hints: FeedHints, published: datetime) -> Understood:
    """Classify one entry and keep what the digest will need, stamped with the version."""
    feed = FeedSpec(url="", kind=hints.kind, korean_only=hints.korean_only)
    result = classify(entry, feed=feed, published=published, learned=hints.learned)
    # the digest matches on the summary's text, as a reader sees the card (not the full content)
    text = strip_html(entry.summary)
    keys = film_keys(
        ClusterInput(
            result.film,
            result.film_hangul,
            result.year,
            published,
            result.korean,
            title=entry.title,
            text=text,
        )
    )
    listed_keys = [
        film_keys(ClusterInput(item.film, None, None, published, item.korean, title=item.film))
        for item in result.listed
    ]
    return to_stored(
        result,
        version=version_for(hints),
        excerpt=excerpt(entry.summary, entry.content),
        keys=keys._replace(published=None),
        listed_keys=[k._replace(published=None) for k in listed_keys],
        fingerprint=fingerprint(entry.title, text),
    )


def warm_up() -> None:
    """Build now what the classifier builds on first use: the curated lexicon and its scanners,
    every module's patterns (a few hundred regular expressions, about half a second), and what
    one entry's understanding touches. A process that forks workers calls it once; each worker
    would otherwise pay for it again on its first documents."""
    default_lexicon().build_views()
    understand_entry(
        EntryData(identity="warm", title="Parasite review: 4/5 stars", link=None),
        hints=FeedHints(),
        published=datetime(2026, 1, 1, tzinfo=UTC),
    )
    ours = ("tracker.understand", "tracker.text")
    compile_all(module for name, module in list(sys.modules.items()) if name.startswith(ours))
