"""What the digest says, cleaned: the text part wrapped by display width (Hangul, CJK and emoji
take two columns), each author named once, feed footers ("The post X appeared first on Y",
"Continue reading") left out of excerpts and stored summaries, and film cards that show a poster
rather than a still or a tracking pixel. Ends with the demo's own digest, measured."""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tracker.demo import DemoResult, run_demo
from tracker.digest import render, select, window
from tracker.digest.build import (
    POSTER,
    UNKNOWN_SHAPE,
    WIDE,
    KnownFilms,
    best_poster,
    build_digest,
    poster_rank,
    shown_author,
)
from tracker.parse.feed import parse_feed
from tracker.parse.sanitize import drop_feed_footer, sanitize_html
from tracker.text import display_width, drop_feed_boilerplate, one_line, strip_html, wide_pieces
from tracker.types import Digest, Entry, FeedHints, IsoWeek, KnownFilm
from tracker.understand.record import excerpt

TZ = "Asia/Seoul"
WEEK = IsoWeek(2026, 48)
NOW = datetime(2026, 3, 10, tzinfo=UTC)

# -- display width -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("Exhuma", 6),
        ("서울의 봄", 9),  # four syllables, two columns each, and a space
        ("12.12: The Day · 서울의 봄", 26),
        ("東京タワー", 10),
        ("ｆｕｌｌ", 8),  # fullwidth Latin
        ("e\u0301", 1),  # e and a combining acute accent: one column
        ("Ame\u0301lie", 6),
        ("\u1100\u1161", 2),  # conjoining jamo: one syllable on screen
        ("👍", 2),
        ("👨\u200d👩\u200d👧", 2),  # one emoji made of three, joined
        ("🇰🇷", 2),  # a flag: two regional indicators, one glyph
        ("a\x1bb", 2),  # a control character prints nothing
        ("\x07\x00\x9b", 0),
        ("tab\there", 7),
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_display_width_is_never_negative_and_ascii_is_its_length() -> None:
    rng = random.Random(12)
    alphabet = "aZ 9.~\x00\x01\x1b\x7f\x85\x9f\u0301\u200d\ufe0f한국語👍🇰\u3000"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert display_width(text) >= 0, repr(text)
    printable = "".join(chr(c) for c in range(0x20, 0x7F))
    assert display_width(printable) == len(printable)


# -- where a long word may break -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("Exhuma", ["Exhuma"]),
        ("https://example.org/" + "a" * 100, ["https://example.org/" + "a" * 100]),
        # an IRI with a Hangul path is still one link
        ("https://ko.example/영화/서울의봄", ["https://ko.example/영화/서울의봄"]),
        ("서울의봄", ["서", "울", "의", "봄"]),
        ("東京タワーです。", ["東", "京", "タ", "ワ", "ー", "で", "す", "。"]),
        # no break between narrow characters, nor between a narrow and a wide one
        ("2023年の映画", ["2023年", "の", "映", "画"]),
        ("'서울의봄'은", ["'서", "울", "의", "봄'은"]),
        # a combining mark, a flag and a joined emoji stay with their character
        ("가\u0301나", ["가\u0301", "나"]),
        ("🇰🇷🇯🇵", ["🇰🇷", "🇯🇵"]),
        ("👨\u200d👩\u200d👧👍", ["👨\u200d👩\u200d👧", "👍"]),
    ],
)
def test_wide_pieces(word: str, pieces: list[str]) -> None:
    assert wide_pieces(word) == pieces
    assert "".join(pieces) == word


# -- wrapping by display width -------------------------------------------------------------------

KOREAN = (
    "김성수 감독은 1979년 12월 12일 밤의 군사 반란을 9시간의 추격극으로 재구성한다. "
    "황정민이 연기한 전두광과 정우성의 이태신이 맞서는 구도는 단순하지만, 전화 한 통과 병력 "
    "이동 하나하나가 긴장을 만든다. 평점 8점"
)


def widths(wrapped: str) -> list[int]:
    return [display_width(line) for line in wrapped.splitlines()]


def test_hangul_wraps_by_columns_not_characters() -> None:
    wrapped = render.wrap("“" + KOREAN + "”", 72, "  ")
    assert max(widths(wrapped)) <= 72
    # each line is full: the next word would not have fitted on it
    lines = wrapped.splitlines()
    for line, following in itertools.pairwise(lines):
        assert display_width(line) + 1 + display_width(following.split()[0]) > 72
    # nothing lost, nothing broken: Hangul words are kept whole, like English ones
    assert " ".join(wrapped.split()) == "“" + KOREAN + "”"
    # counted by characters, the old way, the first line had run to about a hundred columns
    assert len(lines) == 3


def test_mixed_text_with_emoji_and_combining_marks_fits() -> None:
    text = (
        "Ame\u0301lie 👍 watched 서울의 봄 (12.12: The Day) twice 🇰🇷 and 파묘 once; "
        "the family 👨\u200d👩\u200d👧 loved 東京 scenes, naïve as that sounds. " * 3
    )
    for width in (20, 40, 72):
        wrapped = render.wrap(text, width, "    ", first="  * ")
        assert max(widths(wrapped)) <= width
        assert wrapped.startswith("  * Ame\u0301lie")
        assert " ".join(wrapped.split()[1:]) == " ".join(text.split())


def test_a_run_of_wide_characters_longer_than_a_line_breaks_between_them() -> None:
    chinese = "韩国电影" * 30  # 240 columns, no space to break at
    wrapped = render.wrap(f"Review: {chinese} (in Chinese)", 40, "  ")
    lines = wrapped.splitlines()
    assert max(widths(wrapped)) <= 40
    # the first line is filled up to the edge, not left short
    assert display_width(lines[0]) >= 39
    assert "".join(wrapped.split()) == f"Review:{chinese}(inChinese)"
    long_hangul = "가나다라마바사아자차카타파하" * 4
    assert max(widths(render.wrap(long_hangul, 30))) <= 30


def test_a_link_is_never_broken_even_with_wide_characters_around_it() -> None:
    url = "https://www.yna.co.kr/view/AKR20231224021000005?input=1195m&" + "x" * 60
    iri = "https://ko.example/영화/" + "서울의봄" * 12
    wrapped = render.wrap(f"'서울의 봄' 천만 관객 돌파 {url} 그리고 {iri} 끝", 72, "  ")
    lines = wrapped.splitlines()
    assert f"  {url}" in lines and f"  {iri}" in lines
    assert all(display_width(line) <= 72 for line in lines if "://" not in line)


# -- the demo's digest ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoResult]:
    """``tracker demo`` run once for this module: the sample feeds on 127.0.0.1, polled, built,
    rendered and sent to a loopback SMTP server."""
    yield run_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def demo_text(demo: DemoResult) -> str:
    return demo.text.read_text(encoding="utf-8")


_URL_LINE = re.compile(r"\s*<?(https?://|mailto:)\S+>?")


def test_no_line_of_the_demo_text_part_is_wider_than_72_columns(demo_text: str) -> None:
    assert re.search("[\uac00-\ud7a3]", demo_text)  # the demo does have Hangul to wrap
    too_wide = [
        line
        for line in demo_text.splitlines()
        if display_width(line) > 72 and not _URL_LINE.fullmatch(line)
    ]
    assert too_wide == []
    # and the width is what a terminal shows: NFC text, nothing hidden in control characters
    assert all(unicodedata.category(c) != "Cc" for c in demo_text.replace("\n", ""))


# -- each author once ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "source", "shown"),
    [
        # a personal feed names its author: the card says "Letterboxd: Hana Seo", once
        ("Hana Seo", "Letterboxd: Hana Seo", None),
        ("hana-seo", "Letterboxd: Hana Seo", None),  # case, spaces and punctuation aside
        ("HanaSeo", "Letterboxd: Hana Seo", None),
        ("HanCinema", "HanCinema", None),
        ("한지수", "씨네21 · 한지수", None),
        # repeated inside the field
        ("Hana Seo, Hana Seo", "SCMP: K-movies", "Hana Seo"),
        ("Nathan Kwok & NATHAN KWOK", "SCMP: K-movies", "Nathan Kwok"),
        ("박서연, 박서연", "연합뉴스: 연예", "박서연"),
        ("Hana Seo and Kim Min-ji", "Letterboxd: Hana Seo", "Kim Min-ji"),
        # nothing to drop: shown as the feed wrote it
        ("Nathan Kwok", "SCMP: K-movies", "Nathan Kwok"),
        ("Smith, John", "The Guardian: Film", "Smith, John"),
        ("한지수", "씨네21", "한지수"),
        ("씨네21 편집부", "씨네21", "씨네21 편집부"),  # the desk of the outlet, not the outlet
        ("Ann", "Joanne's Blog", "Ann"),  # a name matches whole words only
        (None, "SCMP", None),
        ("  ", "SCMP", None),
    ],
)
def test_shown_author(author: str | None, source: str, shown: str | None) -> None:
    assert shown_author(author, source) == shown


def stored(
    n: int,
    title: str,
    summary: str,
    *,
    feed: str,
    feed_title: str,
    author: str | None = None,
    image: str | None = None,
) -> Entry:
    """A stored entry first seen on the Tuesday of ``WEEK``, understood as the poll would."""
    seen = window.week_bounds(WEEK, TZ)[0] + timedelta(days=1)
    entry = Entry(
        id=n,
        feed_url=feed,
        identity=f"urn:test:{n}",
        title=title,
        link=f"{feed.rsplit('/', 1)[0]}/article/{n}",
        published_at=seen,
        first_seen_at=seen,
        summary=summary,
        author=author,
        feed_title=feed_title,
        image=image,
    )
    return replace(entry, understood=select.understand_stored(entry, FeedHints()))


def build_week(entries: list[Entry], known: KnownFilms | None = None) -> Digest:
    start, end = window.week_bounds(WEEK, TZ)
    return build_digest(
        entries,
        feeds=(),
        specs={},
        week=WEEK,
        start=start,
        end=end,
        timezone=TZ,
        now=end,
        known=known,
    )


LETTERBOXD = "https://letterboxd.example/hanaseo/rss/"
SCMP = "https://scmp.example/rss/k-movies.xml"
NETFLIX = "https://whats-on-netflix.example/feed/"


def letterboxd_exhuma(n: int = 1, image: str | None = None) -> Entry:
    return stored(
        n,
        "Exhuma, 2024 - ★★★★",
        "<p>Watched on Saturday. A grave-moving occult thriller, Korean horror.</p>",
        feed=LETTERBOXD,
        feed_title="Letterboxd: Hana Seo",
        author="Hana Seo",
        image=image,
    )


def scmp_exhuma(n: int = 2, image: str | None = None, summary: str = "") -> Entry:
    return stored(
        n,
        "Exhuma film review: Choi Min-sik unearths something ancient",
        summary or "4/5 stars. Jang Jae-hyun's Korean occult thriller.",
        feed=SCMP,
        feed_title="SCMP: K-movies",
        author="Nathan Kwok, Nathan Kwok",
        image=image,
    )


def test_a_review_card_names_its_author_once() -> None:
    built = build_week([letterboxd_exhuma(), scmp_exhuma()])
    [card] = built.films
    assert {(item.source, item.author) for item in card.reviews} == {
        ("Letterboxd: Hana Seo", None),
        ("SCMP: K-movies", "Nathan Kwok"),
    }
    text = render.Renderer().render(built).text
    assert "Hana Seo · Hana Seo" not in text and "Letterboxd: Hana Seo" in text
    assert "Nathan Kwok, Nathan Kwok" not in text and "SCMP: K-movies · Nathan Kwok" in text


def test_the_demo_names_each_author_once(demo: DemoResult, demo_text: str) -> None:
    items = [
        item for card in demo.digest.films for item in (*card.reviews, *card.releases, *card.news)
    ]
    assert any(item.source == "Letterboxd: Hana Seo" for item in items)
    for item in items:
        if item.author:
            assert shown_author(item.author, item.source) == item.author, item
    assert "Hana Seo · Hana Seo" not in demo_text


# -- feed footers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # WordPress with Yoast, as What's on Netflix sends it (after its summary paragraph)
        (
            "Netflix has now confirmed when it arrives.\nThe post ‘Mantis’: Netflix’s ‘Kill "
            "Boksoon’ Spin-off Movie Sets September 2025 Release appeared first on What's on "
            "Netflix.",
            "Netflix has now confirmed when it arrives.",
        ),
        # Soompi: the excerpt's ellipsis, the more-link, then the footer (cut short by a scraper)
        (
            "IVE topped this month’s list with a brand reputation… Continue reading February "
            "Girl Group Brand Reputation Rankings Announced The post February Girl Group Brand "
            "Reputation Rankings",
            "IVE topped this month’s list with a brand reputation…",
        ),
        # The Film Stage: "[…]" and "first appeared on"
        (
            "this is a one-stop list to share the […] The post The Best Movies Now Playing in "
            "Theaters first appeared on The Film Stage.",
            "this is a one-stop list to share the…",
        ),
        ("Greta Lee and Teo Yoo star.\nContinue reading...", "Greta Lee and Teo Yoo star."),
        ("A moving film. Continue reading →", "A moving film."),
        ('A moving film.\nContinue reading "Past Lives review"', "A moving film."),
        ("Stylish and hollow. Read more »", "Stylish and hollow."),
        ("Stylish and hollow… [Read more…]", "Stylish and hollow…"),
        ("Stylish and hollow. Read the rest of this entry »", "Stylish and hollow."),
        ("Bong returns with a satire (more…)", "Bong returns with a satire"),
        ("It ends well [...]", "It ends well…"),
        (
            "Four stars.\nThis entry was posted in Reviews and tagged Korea. Bookmark the "
            "permalink.",
            "Four stars.",
        ),
        (
            "A shaman, a geomancer and an undertaker.\nOriginally published at "
            "https://medium.com/@critic/exhuma-1a2b on March 5, 2024.",
            "A shaman, a geomancer and an undertaker.",
        ),
        ("The post X appeared first on Y.\nContinue reading", ""),
        ("[…]", ""),
        # real sentences that only mention the words are kept
        ("I want to read more of Bong's early work.", None),
        ("Read more books, the director says.", None),
        ("Police said the post appeared first on Instagram.", None),
        ("Continue reading to find out why it is the film of the year.", None),
        ("Originally published in 1995, the novel became a film in 2003.", None),
        (
            "Note: This review was originally published as part of our Fantastic Fest "
            "coverage. The film opens on February 13.",
            None,
        ),
        ("He hums [...] and the scene cuts to the sea.", None),
        ("The post-credits scene appeared first on the Korean release.", None),
        ("서울의 봄 리뷰. 더 보기", None),
        ("", None),
    ],
)
def test_drop_feed_boilerplate(text: str, kept: str | None) -> None:
    assert drop_feed_boilerplate(text) == (text if kept is None else kept)
    # and the text it keeps has no footer left
    assert drop_feed_boilerplate(drop_feed_boilerplate(text)) == drop_feed_boilerplate(text)


@pytest.mark.parametrize(
    ("feed_html", "stored"),
    [
        # What's on Netflix: the footer is its own paragraph
        (
            '<p>Park Chan-wook co-wrote a Joseon-era epic.</p>\n<p>The post <a href="https://'
            'won.example/uprising/">‘Uprising’ Netflix Korean Movie</a> appeared first on <a '
            'href="https://won.example">What\'s on Netflix</a>.</p>',
            "<p>Park Chan-wook co-wrote a Joseon-era epic.</p>",
        ),
        # The Guardian: a link after the last paragraph; the links before it stay
        (
            '<p>A luminous drama.</p><p><span>Related: </span><a href="https://g.example/a">'
            'Interview</a></p> <a href="https://g.example/b">Continue reading...</a>',
            '<p>A luminous drama.</p><p><span>Related: </span><a href="https://g.example/a" '
            'rel="noopener noreferrer">Interview</a></p>',
        ),
        # a more-link inside the last paragraph; the image before the footer stays
        (
            '<p><img src="https://img.example/exhuma-poster.jpg" alt="Exhuma"> A shaman and '
            'a geomancer. <a href="https://blog.example/exhuma">Continue reading <span>'
            "“Exhuma review”</span></a></p>",
            '<p><img src="https://img.example/exhuma-poster.jpg" alt="Exhuma"> A shaman and a '
            "geomancer. </p>",
        ),
        (
            '<div><p>Four stars.</p><p>This entry was posted in <a href="https://b.example/c">'
            'Reviews</a>. Bookmark the <a href="https://b.example/p">permalink</a>.</p></div>',
            "<div><p>Four stars.</p></div>",
        ),
        # plain text, as a scraper re-serialises Soompi
        (
            "The wedding will take place at… Continue reading Cho Sae Ho To Host The Wedding "
            "The post Cho Sae Ho To Host The Wedding appeared first on Soompi.",
            "The wedding will take place at…",
        ),
        ("<p>Quote &amp; more […]</p>", "<p>Quote &amp; more…</p>"),
        # all footer: nothing stored
        (
            '<p>The post <a href="https://won.example/x">X</a> appeared first on '
            '<a href="https://won.example">Y</a>.</p>',
            None,
        ),
        # nothing to drop: stored as sanitised
        ("<p>I want to read more.</p>", "<p>I want to read more.</p>"),
    ],
)
def test_the_parser_stores_summaries_without_their_footer(
    feed_html: str, stored: str | None
) -> None:
    assert drop_feed_footer(sanitize_html(feed_html)) == stored


CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
#: corpus feeds whose every entry ends in a footer: WordPress's through a scraper (Soompi, The
#: Film Stage) and the Guardian's "Continue reading..." link
FOOTERS = {
    "prospect-soompi-2026-02-08": 10,
    "prospect-soompi-2026-03-08": 10,
    "prospect-thefilmstage-2026": 10,
    "guardian-us-frontpage-2018": 55,
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")
@pytest.mark.parametrize("name", sorted(FOOTERS))
def test_real_feeds_are_stored_without_footers(name: str) -> None:
    body = (CORPUS / f"{name}.xml").read_bytes()
    raw = {
        item.findtext("link"): item.findtext("description") or ""
        for item in ElementTree.fromstring(body).iter("item")
    }
    parsed = parse_feed(body, url=f"https://corpus.example/{name}", now=NOW)
    assert len(parsed.entries) == FOOTERS[name]
    for entry in parsed.entries:
        text = one_line(strip_html(entry.summary))
        whole = one_line(strip_html(raw[entry.link]))
        assert drop_feed_boilerplate(text) == text, text
        assert not re.search("appeared first on|first appeared on|Continue reading", text)
        # what is kept is the feed's own text, up to where its footer starts, and most of it
        assert whole.startswith(text.removesuffix("…").rstrip()), (text, whole)
        assert len(text) >= len(whole) / 3, (text, whole)
        assert excerpt(entry.summary, entry.content) == excerpt(raw[entry.link], None)


def test_a_row_stored_with_its_footer_gets_an_excerpt_without_it() -> None:
    """Rows parsed before the footer was cut keep it in their summary until the feed changes
    them; the excerpt (a new classifier version understands them again) leaves it out."""
    summary = (
        "<p>Park Chan-wook co-wrote a Joseon-era epic for Netflix.</p><p>The post <a href="
        '"https://won.example/x">‘Uprising’</a> appeared first on <a href="https://won.example">'
        "What's on Netflix</a>.</p>"
    )
    assert excerpt(summary, None) == "Park Chan-wook co-wrote a Joseon-era epic for Netflix."
    assert excerpt("<p>The post <a>X</a> appeared first on Y.</p>", "<p>The content.</p>") == (
        "The content."
    )


def test_the_demo_digest_has_no_feed_footers(demo: DemoResult, demo_text: str) -> None:
    html = demo.html.read_text(encoding="utf-8")
    for footer in ("appeared first on", "Continue reading", "[…]"):
        assert footer not in demo_text and footer not in html
    # a long summary's excerpt is cut after the footer is gone, not in the middle of it
    # ("... when it arrives. The post ‘Mantis’: Netflix’s ‘Kill…")
    excerpts = [
        item.excerpt
        for item in (*demo.digest.releases, *demo.digest.news)
        if item.source == "What's on Netflix" and item.excerpt
    ]
    assert len(excerpts) >= 5 and not any("The post" in text for text in excerpts)


# -- posters -------------------------------------------------------------------------------------

LETTERBOXD_POSTER = (
    "https://a.ltrbxd.example/resized/film-poster/1/0/0/2/9/1/4/1002914-exhuma-0-600-0-900-crop.jpg"
)
SCMP_STILL = (
    "https://cdn.scmp.example/sites/default/files/styles/1280x720/public/d8/images/canvas/"
    "2024/04/03/71485146_194106e4.jpg?itok=281a8f4f"
)
YONHAP_PHOTO = "https://img2.yna.example/etc/inner/EN/2024/03/24/AEN20240324001151315_01_i_P4.jpg"
#: FeedBurner's open-tracking image, which some feeds put first in an entry
PIXEL = "https://feeds.feedburner.com/~r/scmp-k-movies/~4/aBcD1234"


@pytest.mark.parametrize(
    ("url", "rank"),
    [
        (LETTERBOXD_POSTER, POSTER),
        ("https://0.soompi.example/wp-content/uploads/2023/02/the-glory-part-2-poster.jpg", POSTER),
        ("https://img.example/wp-content/uploads/2024/02/exhuma-600x900.jpg", POSTER),
        ("https://img.example/i/exhuma.jpg?resize=600%2C900&ssl=1", POSTER),
        ("https://img.example/i/exhuma.jpg?w=400&h=600", POSTER),
        (SCMP_STILL, WIDE),
        ("https://i.guim.example/img/media/804498/0_0_5000_3000/master/5000.jpg?width=460", WIDE),
        ("http://image.cine21.example/resize/cine21/still/2023/1122/fb993502e397.jpg[W578-]", WIDE),
        ("https://www.thr.example/wp-content/uploads/2024/09/Harbin-Still-1.jpg?w=1296", WIDE),
        (YONHAP_PHOTO, UNKNOWN_SHAPE),
        ("https://photos.hancinema.example/photos/photo1905510.jpg", UNKNOWN_SHAPE),
        ("https://img.example/square-500x500.jpg", UNKNOWN_SHAPE),
        # not a picture of the film
        ("https://secure.gravatar.com/avatar/0f1e2d3c?s=96&d=mm", 0),
        ("https://blog.example/wp-content/uploads/avatars/12/hana-bpfull.jpg", 0),
        ("https://blog.example/images/feed-icon-28x28.png", 0),
        ("https://blog.example/favicon.ico", 0),
        ("https://pixel.wp.com/b.gif?host=blog.example&blog=1", 0),
        ("https://stats.wordpress.com/b.gif?x=1", 0),
        (PIXEL, 0),
        ("https://track.example/open/1x1.gif?id=42", 0),
        ("https://img.example/t.gif?w=1&h=1", 0),
        ("https://s.w.example/images/core/emoji/14.0.0/72x72/1f3ac.png", 0),
    ],
)
def test_poster_rank_from_the_url(url: str, rank: int) -> None:
    assert poster_rank(url) == rank


def test_poster_rank_from_the_feeds_img_size() -> None:
    url = "https://won.example/wp-content/uploads/2024/09/uprising-netflix.webp?a=1&b=2"
    escaped = url.replace("&", "&amp;")
    assert poster_rank(url) == UNKNOWN_SHAPE
    assert (
        poster_rank(url, f'<p><img src="{escaped}" alt="" width="1200" height="675"></p>') == WIDE
    )
    assert poster_rank(url, f'<img src="{escaped}" width="600" height="900">') == POSTER
    assert poster_rank(url, f'<img src="{escaped}" width="1" height="1">') == 0
    # another image's size says nothing about this one
    assert poster_rank(url, '<img src="https://won.example/x.webp" width="1" height="1">') == (
        UNKNOWN_SHAPE
    )


def test_a_card_shows_the_poster_among_its_items_not_the_first_image() -> None:
    # the SCMP review comes first in the card (the higher rating) and has a 16:9 still
    built = build_week(
        [
            scmp_exhuma(image=SCMP_STILL, summary="4.5/5 stars. Jang Jae-hyun's Korean horror."),
            letterboxd_exhuma(image=LETTERBOXD_POSTER),
        ]
    )
    [card] = built.films
    assert card.reviews[0].image == SCMP_STILL
    assert card.poster == LETTERBOXD_POSTER


def test_a_tracking_pixel_is_never_a_poster() -> None:
    [card] = build_week([scmp_exhuma(image=PIXEL)]).films
    assert card.poster is None
    [card] = build_week([scmp_exhuma(image=PIXEL), letterboxd_exhuma(image=SCMP_STILL)]).films
    assert card.poster == SCMP_STILL  # a still is better than nothing; a pixel is not


def test_a_remembered_poster_beats_this_weeks_still_but_not_this_weeks_poster() -> None:
    remembered = "https://img.example/posters/exhuma-poster.jpg"

    def known(keys: Sequence[str]) -> dict[str, list[KnownFilm]]:
        film = KnownFilm(
            key="exhuma-2024",
            base_key=keys[0],
            title="Exhuma",
            updated_at=NOW,
            year=2024,
            poster=remembered,
        )
        return {keys[0]: [film]}

    [card] = build_week([scmp_exhuma(image=SCMP_STILL)], known=known).films
    assert card.poster == remembered
    [card] = build_week([letterboxd_exhuma(image=LETTERBOXD_POSTER)], known=known).films
    assert card.poster == LETTERBOXD_POSTER
    assert best_poster([], None) is None


def test_the_demo_cards_show_posters_where_their_feeds_have_them(demo: DemoResult) -> None:
    films = demo.digest.films
    ranks = [poster_rank(card.poster) if card.poster else None for card in films]
    assert len(films) == 24 and None not in ranks and 0 not in ranks
    # three poster-shaped images were first in their cards before; every film with a poster
    # among its items (Letterboxd's, a "poster" file name) now shows it
    assert ranks.count(POSTER) == 7
    for card in films:
        items = (*card.releases, *card.reviews, *card.news)
        offered = [poster_rank(i.image, i.summary_html) for i in items if i.image]
        assert poster_rank(card.poster or "") == max(offered), card.title
