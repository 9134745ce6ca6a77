"""Which of a week's stored entries go into its digest, with what they are about.

Owns: dropping a new feed's backlog (``select_entries``), bringing stale understandings up to
date in batches before a digest reads them (``refresh``: a better classifier applies to stored
entries at once), and the per-entry rules that leave an entry out (a feed's include/exclude
words, kind "other", the Korean filter), each with the reason ``tracker explain`` shows. Reads
what was understood on ingest; classifies only the rows whose understanding is missing or stale.
Must not read the clock or the environment; storage is passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from tracker.storage.protocol import Storage
from tracker.types import Entry, FeedHints, FeedSpec, FeedStatus, Kind, Understood
from tracker.understand.record import Understanding, read
from tracker.understand.version import version_for
from tracker.urls import host_of

#: stale rows are understood and written back this many at a time
REFRESH_BATCH = 500


def select_entries(
    entries: Sequence[Entry], feeds: Mapping[str, FeedStatus], *, backfill: timedelta
) -> list[Entry]:
    """Drop the backlog of newly added feeds: an entry stored by its feed's first poll whose own
    date is more than ``backfill`` older than that poll was not news this week."""
    kept = []
    for entry in entries:
        feed = feeds.get(entry.feed_url)
        first_poll = feed.first_polled_at if feed else None
        if (
            first_poll is not None
            and entry.first_seen_at <= first_poll + timedelta(minutes=1)
            and entry.published_at < first_poll - backfill
        ):
            continue
        kept.append(entry)
    return kept


def is_stale(entry: Entry, hints: FeedHints) -> bool:
    """Never understood, or understood by another classifier or with other feed hints."""
    return entry.understood is None or entry.understood.version != version_for(hints)


def understand_stored(entry: Entry, hints: FeedHints) -> Understood:
    """Understand a whole stored entry (content included) as the poll would have."""
    # imported here: a digest whose rows are all current never loads the classifier
    from tracker.understand.ingest import understand_entry

    return understand_entry(entry.as_data(), hints=hints, published=entry.published_at)


def refresh(
    entries: Sequence[Entry],
    storage: Storage,
    hints: Callable[[str], FeedHints],
    *,
    batch: int = REFRESH_BATCH,
) -> list[Entry]:
    """``entries`` with every missing or stale understanding computed again and stored, in
    batches (whole rows are read only for those). Usually there are none: the poll understood
    them on ingest."""
    current = {url: version_for(hints(url)) for url in {e.feed_url for e in entries}}
    stale = [
        e.id for e in entries if e.understood is None or e.understood.version != current[e.feed_url]
    ]
    if not stale:
        return list(entries)
    fresh: dict[int, Understood] = {}
    for start in range(0, len(stale), batch):
        whole = storage.entries_by_id(stale[start : start + batch])
        done = [(e.id, understand_stored(e, hints(e.feed_url))) for e in whole]
        storage.store_understanding(done)
        fresh.update(done)
    return [replace(e, understood=fresh[e.id]) if e.id in fresh else e for e in entries]


@dataclass(frozen=True)
class Selected:
    """One entry that passed the rules, with what it is about and the name of its source."""

    entry: Entry
    source: str
    about: Understanding


def source_name(entry: Entry, spec: FeedSpec | None) -> str:
    """How the digest names where an entry came from: the config's title, the feed's own, or
    the host alone (a feed URL may carry user:password@, which must never reach an email)."""
    return (
        (spec.title if spec and spec.title else None) or entry.feed_title or host_of(entry.feed_url)
    )


def select(
    entries: Sequence[Entry], specs: Mapping[str, FeedSpec], *, korean_only: bool
) -> tuple[list[Selected], list[tuple[Entry, str]]]:
    """Apply the per-feed rules and the Korean filter to understood entries.

    Returns what is kept and, for ``tracker explain``, what was left out and why."""
    kept: list[Selected] = []
    left_out: list[tuple[Entry, str]] = []
    for entry in entries:
        spec = specs.get(entry.feed_url)
        if spec is not None and (spec.include or spec.exclude):
            from tracker.understand.classify import passes_rules  # only feeds with rules

            passed, reason = passes_rules(entry.as_data(), spec)
            if not passed:
                left_out.append((entry, reason or "feed rules"))
                continue
        stored = entry.understood
        if stored is None:
            # refresh() runs first; a row it could not read (deleted meanwhile) stays out
            left_out.append((entry, "not understood yet"))
            continue
        # the columns decide most of it; the JSON detail is read only for what is kept (and
        # for a roundup, whose listed titles may be Korean when the entry is not)
        if stored.kind is Kind.OTHER:
            left_out.append((entry, "kind=other (lists, galleries, promotion, non-film)"))
            continue
        about = read(stored) if stored.korean or not korean_only else None
        if about is None and stored.kind is Kind.RELEASE:
            about = read(stored)
        if about is None or (
            korean_only and not about.korean and not any(i.korean for i in about.listed)
        ):
            left_out.append((entry, "not about Korean film or drama ([digest] korean_only)"))
            continue
        kept.append(Selected(entry, source_name(entry, spec), about))
    return kept, left_out
