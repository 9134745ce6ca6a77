"""A feed's own history as a prior (issue 14): a feed whose config declares no kind, and whose
entries are mostly reviews on their own evidence, has its undecided entries weighed as reviews;
``explain`` names the prior; the entries the prior decided never count in the history.

The rule alone, the classifier with and without the prior, and the whole path: polls from a
real HTTP server on 127.0.0.1 into SQLite, with an injected clock."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from fakes import FakeClock
from httpserver import HTTPTestServer

from tracker import app as core
from tracker.config.schema import load_config
from tracker.types import EntryData, FeedHints, FeedKind, FeedSpec, Kind
from tracker.understand import history
from tracker.understand.classify import classify
from tracker.understand.ingest import understand_entry
from tracker.understand.version import version_for

DAY = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
MIXED = FeedSpec(url="", kind=FeedKind.MIXED)

#: an essay headline about one work: no review word, no rating, no section
ESSAY = EntryData(
    identity="essay",
    title="What 'Exhuma' knows about buried things",
    link="https://critic.example/2026/11/exhuma",
    summary="A shaman and a geomancer dig up a grave.",
)


# -- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "learned"),
    [
        ({}, None),
        ({Kind.REVIEW: 19}, None),  # too few to say anything
        ({Kind.REVIEW: 18, Kind.NEWS: 2}, FeedKind.REVIEW),  # exactly 90%
        ({Kind.REVIEW: 17, Kind.NEWS: 3}, None),
        ({Kind.REVIEW: 90, Kind.NEWS: 5, Kind.RELEASE: 4, Kind.OTHER: 1}, FeedKind.REVIEW),
        ({Kind.NEWS: 50}, None),  # news is the default already: only reviews are learned
    ],
)
def test_a_prior_needs_enough_entries_and_nine_in_ten_reviews(
    counts: dict[Kind, int], learned: FeedKind | None
) -> None:
    assert history.learned_kind(counts) == learned


# -- the classifier ---------------------------------------------------------------------------


def test_the_prior_decides_only_what_nothing_else_does() -> None:
    alone = classify(ESSAY, feed=MIXED, published=DAY)
    assert alone.kind == Kind.NEWS and not alone.by_history
    with_prior = classify(ESSAY, feed=MIXED, published=DAY, learned=FeedKind.REVIEW)
    assert with_prior.kind == Kind.REVIEW and with_prior.by_history
    assert with_prior.film == "Exhuma"
    assert any("this feed's history" in reason for reason in with_prior.reasons)


def test_evidence_beats_the_prior() -> None:
    # the outlet filed it as news: that is the entry's own evidence
    filed = replace(ESSAY, categories=("News",))
    result = classify(filed, feed=MIXED, published=DAY, learned=FeedKind.REVIEW)
    assert result.kind == Kind.NEWS and not result.by_history
    # a review by its own evidence is not the prior's doing
    review = EntryData(identity="r", title="'Exhuma' review: a grave matter", summary="4/5 stars.")
    result = classify(review, feed=MIXED, published=DAY, learned=FeedKind.REVIEW)
    assert result.kind == Kind.REVIEW and not result.by_history


def test_no_prior_without_one_work_or_against_a_declared_kind() -> None:
    nothing = EntryData(identity="n", title="Notes from a rainy week", summary="Odds and ends.")
    result = classify(nothing, feed=MIXED, published=DAY, learned=FeedKind.REVIEW)
    assert result.kind != Kind.REVIEW and not result.by_history
    declared = FeedSpec(url="", kind=FeedKind.NEWS)
    result = classify(ESSAY, feed=declared, published=DAY, learned=FeedKind.REVIEW)
    assert result.kind == Kind.NEWS and not result.by_history


def test_the_prior_is_part_of_the_version_stamp() -> None:
    plain, learned = FeedHints(), FeedHints(learned=FeedKind.REVIEW)
    assert version_for(plain) != version_for(learned)
    assert version_for(learned).endswith("/mixed~review")
    stored = understand_entry(ESSAY, hints=learned, published=DAY)
    assert stored.kind == Kind.REVIEW and stored.by_history


# -- the whole path ---------------------------------------------------------------------------

TITLES = (
    "Paper Moons", "The Last Ferry", "Salt Road", "Night Market", "The Glass Orchard",
    "Winter Tenants", "A Small Harbour", "The Blue Hour", "Ten Thousand Steps", "Iron Rain",
    "The Quiet Floor", "Lantern Street", "The Borrowed Coat", "Evening Class", "Red Tide",
    "The Long Table", "Cold Water", "The Second Bell", "Dust Season", "The Open Gate",
)  # fmt: skip


def item(guid: str, title: str, summary: str, category: str | None = None) -> str:
    tag = f"<category>{category}</category>" if category else ""
    return (
        f"<item><title>{escape(title)}</title><link>https://critic.example/{guid}</link>"
        f"<guid>{guid}</guid><pubDate>{format_datetime(DAY)}</pubDate>{tag}"
        f"<description>{escape(summary)}</description></item>"
    )


def rss(items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>A critic</title><link>https://critic.example/</link><description>x</description>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


REVIEWS = [
    item(f"r{n}", f"{title} review: a patient drama", "4/5 stars. A tender, well-acted film.")
    for n, title in enumerate(TITLES)
]
LATER = [
    item("essay", ESSAY.title, ESSAY.summary or ""),
    item("filed", "What 'Exhuma' knows about its audience", "Box office figures.", "News"),
]


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        s.add_file("/critic.xml", rss(REVIEWS))
        s.add_file("/desk.xml", rss(REVIEWS))
        yield s


def make(server: HTTPTestServer, tmp_path: Path) -> core.Tracker:
    config = load_config(
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n'
        f'[tracker]\ncollections = []\nstate_dir = "{tmp_path}"\n'
        "[poll]\nallow_private_networks = true\n"
        f'[[feeds]]\nurl = "{server.url("/critic.xml")}"\n'
        # the same entries, but the config says this feed is a news desk: no prior
        f'[[feeds]]\nurl = "{server.url("/desk.xml")}"\nkind = "news"\n'
    )
    return core.make_tracker(config, clock=FakeClock(DAY + timedelta(hours=1)))


def test_a_review_feed_learns_its_prior_and_never_feeds_it(
    server: HTTPTestServer, tmp_path: Path
) -> None:
    critic, desk = server.url("/critic.xml"), server.url("/desk.xml")
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
        assert tracker.hints()[critic] == FeedHints(FeedKind.MIXED, False, FeedKind.REVIEW)
        assert tracker.hints()[desk].learned is None
        server.add_file("/critic.xml", rss(REVIEWS + LATER))
        server.add_file("/desk.xml", rss(REVIEWS + LATER))
        asyncio.run(tracker.poll())
        stored = {(e.feed_url, e.identity): e for e in tracker.entries()}
        kinds = {key: e.understood for key, e in stored.items()}
        essay, filed = kinds[critic, "essay"], kinds[critic, "filed"]
        assert essay is not None and essay.kind == Kind.REVIEW
        assert essay.version == version_for(FeedHints(learned=FeedKind.REVIEW))
        assert filed is not None and filed.kind == Kind.NEWS  # its own evidence
        on_desk = kinds[desk, "essay"]
        assert on_desk is not None and on_desk.kind == Kind.NEWS
        whole = tracker.storage.get_entry(stored[critic, "essay"].id)
        assert whole is not None and whole.understood is not None
        assert any("this feed's history" in why for why in whole.understood.reasons)
        _, told = tracker.explain(str(whole.id))  # what ``tracker explain`` prints
        assert any("this feed's history" in text for _, text in told)
        # the history counts the 20 reviews and the news item, not the prior's own review
        counts = tracker.storage.kind_history(since=DAY - timedelta(days=1))
        assert counts[critic] == {Kind.REVIEW: 20, Kind.NEWS: 1}
        # the digest understands with the same hints: nothing it reads is stale
        pipeline = tracker.digests()
        assert pipeline.hints(critic).learned == FeedKind.REVIEW
