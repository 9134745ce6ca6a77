"""A feed's own history as a prior: what most of its entries are, learned from how they were
understood.

Owns the rule that turns one feed's stored history into a learned prior (``learned_kind``): a
feed whose kind is ``mixed``, with at least ``MIN_ENTRIES`` entries first seen in the last
``WINDOW`` and understood as a mixed feed's, nine in ten of them (``SHARE_TENTHS``) reviews on
their own evidence, is a review feed *as a prior*: its entries about one work that no headline
rule and no filing mark decides are weighed as reviews (``signals``), and ``tracker explain``
says so. An entry the prior itself made a review counts as the non-review its evidence
made it (storage keeps that mark), so the history reads the same with the prior or without it:
the prior can neither feed itself nor flip on and off, and a feed whose entries change loses it.
Entries understood under a declared kind do not count (their kind may be the hint's). Only
reviews are learned: news is already the default, and a release carries its own date.

Pure: the counts come from storage through the wiring; must not read a database or the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta

from tracker.types import FeedKind, FeedSpec

#: fewer entries than this say nothing about a feed (a new feed's first poll is a handful)
MIN_ENTRIES = 20
#: the share of reviews, in tenths, that makes a review feed of a feed that does not say so
SHARE_TENTHS = 9
#: how far back a feed's history counts: what it carries now, not what it once did
WINDOW = timedelta(days=180)

#: per feed: (its entries that are reviews on their own evidence, all of them), the window's
#: entries understood as a mixed feed's (``Storage.review_history``)
History = Mapping[str, tuple[int, int]]


def learned_kind(reviews: int, total: int) -> FeedKind | None:
    """The prior a feed's history gives (see the module docstring), from how many of its
    entries are reviews on their own evidence out of how many; None when it gives none."""
    if total < MIN_ENTRIES:
        return None
    # integers, not floats: 18 of 20 is exactly nine in ten
    if reviews * 10 >= total * SHARE_TENTHS:
        return FeedKind.REVIEW
    return None


def learned_priors(
    specs: Iterable[FeedSpec], history: Callable[[], History]
) -> dict[str, FeedKind]:
    """The prior each feed whose kind is ``mixed`` learns from its history, by URL; ``history``
    (a storage read) is called only when there is such a feed."""
    undeclared = [spec.url for spec in specs if spec.kind == FeedKind.MIXED]
    if not undeclared:
        return {}
    counts = history()
    learned = {url: learned_kind(*counts.get(url, (0, 0))) for url in undeclared}
    return {url: kind for url, kind in learned.items() if kind is not None}
