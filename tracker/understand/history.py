"""A feed's own history as a prior: what most of its entries are, learned from how they were
understood.

Owns the rule that turns one feed's stored kinds into a learned prior (``learned_kind``): a feed
whose config declares no kind, with at least ``MIN_ENTRIES`` entries understood on their own
evidence, of which at least ``SHARE`` are reviews, is a review feed *as a prior*: its entries
that no headline rule and no filing mark decide are weighed as reviews (``signals``), and
``tracker explain`` says so. Entries the prior itself decided are not counted
(storage keeps that mark), so a prior can never feed itself, and a feed whose evidence changes
loses it. Only reviews are learned: news is already the default, and a release feed's entries
carry their own dates.

Pure: the counts come from storage through the wiring; must not read a database or the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta

from tracker.types import FeedKind, FeedSpec, Kind

#: fewer entries than this say nothing about a feed (a new feed's first poll is a handful)
MIN_ENTRIES = 20
#: the share of reviews that makes a review feed of a feed that does not say so
SHARE = 0.9
#: how far back a feed's history counts: what it carries now, not what it once did
WINDOW = timedelta(days=180)

#: a feed's entries by kind, understood on their own evidence (``Storage.kind_history``)
Counts = Mapping[Kind, int]


def learned_kind(counts: Counts) -> FeedKind | None:
    """The prior a feed's history gives (see the module docstring), from how many of its
    entries were understood as each kind on their own evidence; None when it gives none."""
    total = sum(counts.values())
    if total < MIN_ENTRIES:
        return None
    # integers, not floats: 18 of 20 is exactly 0.9
    if counts.get(Kind.REVIEW, 0) * 10 >= total * round(SHARE * 10):
        return FeedKind.REVIEW
    return None


def learned_priors(
    specs: Iterable[FeedSpec], history: Callable[[], Mapping[str, Counts]]
) -> dict[str, FeedKind]:
    """The prior each feed whose config declares no kind learns from its history, by URL;
    ``history`` (a storage read) is called only when there is such a feed."""
    undeclared = [spec.url for spec in specs if spec.kind == FeedKind.MIXED]
    if not undeclared:
        return {}
    counts = history()
    learned = {url: learned_kind(counts.get(url, {})) for url in undeclared}
    return {url: kind for url, kind in learned.items() if kind is not None}
