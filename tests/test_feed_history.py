"""A feed's own history as a prior (issue 14): a feed whose kind is ``mixed``, and whose entries
are mostly reviews on their own evidence, has its undecided entries weighed as reviews;
``explain`` names the prior; an entry the prior decided counts in the history as a non-review,
and rows understood under a declared kind not at all.

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
from tracker.digest import window
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
    ("reviews", "total", "learned"),
    [
        (0, 0, None),
        (19, 19, None),  # too few to say anything
        (18, 20, FeedKind.REVIEW),  # exactly nine in ten
        (17, 20, None),
        (90, 100, FeedKind.REVIEW),
        (0, 50, None),  # news is the default already: only reviews are learned
    ],
)
def test_a_prior_needs_enough_entries_and_nine_in_ten_reviews(
    reviews: int, total: int, learned: FeedKind | None
) -> None:
    assert history.learned_kind(reviews, total) == learned


def test_only_a_mixed_feed_learns_and_only_it_is_read() -> None:
    reads: list[str] = []

    def read() -> dict[str, tuple[int, int]]:
        reads.append("read")
        return {"a": (20, 20), "b": (20, 20)}

    specs = [FeedSpec("a"), FeedSpec("b", kind=FeedKind.NEWS)]
    assert history.learned_priors(specs, read) == {"a": FeedKind.REVIEW}
    assert history.learned_priors([FeedSpec("b", kind=FeedKind.REVIEW)], read) == {}
    assert reads == ["read"]  # no mixed feed: no read


# -- the classifier ---------------------------------------------------------------------------


def test_the_prior_decides_only_what_nothing_else_does() -> None:
    alone = classify(ESSAY, feed=MIXED, published=DAY)
    assert alone.kind == Kind.NEWS and not alone.by_history
    with_prior = classify(ESSAY, feed=MIXED, published=DAY, learned=FeedKind.REVIEW)
    assert with_prior.kind == Kind.REVIEW and with_prior.by_history
    assert with_prior.film == "Exhuma"
    assert any("this feed's history" in reason for reason in with_prior.reasons)


def test_evidence_beats_the_prior() -> None:
    # a review by its own evidence is not the prior's doing
    review = EntryData(identity="r", title="'Exhuma' review: a grave matter", summary="4/5 stars.")
    result = classify(review, feed=MIXED, published=DAY, learned=FeedKind.REVIEW)
    assert result.kind == Kind.REVIEW and not result.by_history


@pytest.mark.parametrize(
    "filed",
    [
        replace(ESSAY, categories=("News",)),  # a news category
        replace(ESSAY, link="https://critic.example/news/2026/11/exhuma"),  # a news link path
        # a news category beside an essay headline: +2 each way, the prior would tip it
        replace(ESSAY, title="Exhuma: the grave and the nation", categories=("News",)),
    ],
)
def test_what_the_outlet_filed_as_news_stays_news(filed: EntryData) -> None:
    assert classify(filed, feed=MIXED, published=DAY).kind == Kind.NEWS
    result = classify(filed, feed=MIXED, published=DAY, learned=FeedKind.REVIEW)
    assert result.kind == Kind.NEWS and not result.by_history


def test_no_prior_without_one_work() -> None:
    nothing = EntryData(identity="n", title="Notes from a rainy week", summary="Odds and ends.")
    result = classify(nothing, feed=MIXED, published=DAY, learned=FeedKind.REVIEW)
    assert result.kind != Kind.REVIEW and not result.by_history


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


def make(server: HTTPTestServer, tmp_path: Path, desk_kind: str = "news") -> core.Tracker:
    config = load_config(
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n'
        f'[tracker]\ncollections = []\nstate_dir = "{tmp_path}"\n'
        "[poll]\nallow_private_networks = true\n"
        f'[[feeds]]\nurl = "{server.url("/critic.xml")}"\n'
        # the same entries, but the config says what this feed is: it learns nothing
        f'[[feeds]]\nurl = "{server.url("/desk.xml")}"\nkind = "{desk_kind}"\n'
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
        # the prior's own review counts as the non-review its evidence made it
        history_now = tracker.storage.review_history(since=DAY - timedelta(days=1))
        assert history_now[critic] == (20, 22)
        assert desk not in history_now  # understood under a declared kind: not its own
        # the 20 first rows were stamped before the prior: the digest's week reads them again,
        # with the same hints as the poll, and then nothing is stale
        tracker.build_digest(window.week_of(DAY, "UTC"))
        assert asyncio.run(tracker.reclassify()) == 0


def test_the_prior_settles_for_a_feed_at_the_threshold(
    server: HTTPTestServer, tmp_path: Path
) -> None:
    """18 reviews and 2 essays: 20 entries, nine in ten reviews. With the prior, the essays are
    reviews the prior made; the history must read the same, or the prior flips off, the rows go
    stale, the prior flips on, and so on for ever."""
    critic = server.url("/critic.xml")
    server.add_file(
        "/critic.xml", rss(REVIEWS[:18] + LATER[:1] + [LATER[0].replace("essay", "essay2")])
    )
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
        assert tracker.storage.review_history(since=DAY - timedelta(days=1))[critic] == (18, 20)
        assert tracker.hints()[critic].learned == FeedKind.REVIEW
        # the critic's 20 rows were stamped before the prior: understood again, once
        assert asyncio.run(tracker.reclassify()) == 20
        essays = [e.understood for e in tracker.entries() if e.identity.startswith("essay")]
        assert {u.kind for u in essays if u is not None} == {Kind.REVIEW}
        assert tracker.storage.review_history(since=DAY - timedelta(days=1))[critic] == (18, 20)
        assert tracker.hints()[critic].learned == FeedKind.REVIEW
        assert asyncio.run(tracker.reclassify()) == 0  # settled
        assert asyncio.run(tracker.reclassify()) == 0


def test_rows_understood_under_a_declared_kind_teach_nothing(
    server: HTTPTestServer, tmp_path: Path
) -> None:
    """A feed declared a review feed makes reviews of entries with no evidence of their own; when
    the declaration goes, those rows must not teach the feed that it is a review feed."""
    desk = server.url("/desk.xml")
    essays = [
        item(f"e{n}", f"What '{t}' knows about grief", "The film follows two sisters.")
        for n, t in enumerate(TITLES)
    ]
    server.add_file("/desk.xml", rss(essays))
    with make(server, tmp_path, desk_kind="review") as tracker:
        asyncio.run(tracker.poll())
        kinds = [
            e.understood.kind for e in tracker.entries() if e.feed_url == desk and e.understood
        ]
        # the declared kind's doing: counted as evidence, they would teach a review prior
        assert kinds == [Kind.REVIEW] * 20
    with make(server, tmp_path, desk_kind="mixed") as tracker:
        assert tracker.hints()[desk].learned is None
        assert desk not in tracker.storage.review_history(since=DAY - timedelta(days=1))
