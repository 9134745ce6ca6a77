"""Titles the curated list does not know: a title in quotes, in Korean book-title brackets,
in italics in the text or after "Review:" is the film even when unknown; a Hangul title the
entry states beside its English form is kept with it, so clustering joins entries naming
either; a quoted clause that is not a title (dialogue, a pull quote) is no film.

The titles here are made up, so no curated entry can answer for the rules."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tracker.types import EntryData, FeedHints, FeedKind, FeedSpec, Kind
from tracker.understand import ingest
from tracker.understand.classify import Classification, classify
from tracker.understand.match import ClusterInput, cluster, cluster_keys, film_keys
from tracker.understand.record import read
from tracker.understand.titles import book_titles, is_sentence, other_script_alias

PUBLISHED = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
REVIEWS = FeedSpec(url="https://reviews.example/feed", kind=FeedKind.REVIEW)


def entry(title: str, summary: str = "", content: str = "", link: str = "") -> EntryData:
    return EntryData(
        title=title,
        summary=summary,
        content=content,
        link=link or "https://news.example/a",
        guid=title,
        identity=title,
    )


def understood(
    title: str,
    summary: str = "",
    content: str = "",
    *,
    feed: FeedSpec | None = None,
    link: str = "",
) -> Classification:
    return classify(entry(title, summary, content, link), feed=feed, published=PUBLISHED)


@pytest.mark.parametrize(
    "headline",
    [
        "‘The Quiet Orchard’ review: a slow, luminous debut",
        "“The Quiet Orchard” review: a slow, luminous debut",
        "'The Quiet Orchard' review: a slow, luminous debut",
        "Review: The Quiet Orchard – a slow, luminous debut",
        "Review | The Quiet Orchard",
    ],
)
def test_a_quoted_or_reviewed_unknown_title_is_the_film(headline: str) -> None:
    result = understood(headline, "Park Min-ji's debut follows two sisters. 4/5")
    assert result.kind == Kind.REVIEW
    assert result.film == "The Quiet Orchard"


@pytest.mark.parametrize(
    "headline",
    [
        "《고요한 과수원》 리뷰: 느리고 빛나는 데뷔작",
        "〈고요한 과수원〉 12월 5일 개봉 확정",
        "『고요한 과수원』 언론시사회 현장",
        "「고요한 과수원」 예고편 공개",
        "박민지 감독 신작 《고요한 과수원》, 부산영화제 초청",
    ],
)
def test_a_title_in_korean_book_title_brackets_is_the_film(headline: str) -> None:
    result = understood(headline, "두 자매의 이야기를 그린 영화.")
    assert result.film == "고요한 과수원"
    assert result.film_hangul == "고요한 과수원"


def test_book_titles_reads_every_bracket_pair_in_order() -> None:
    assert book_titles("《가》와 〈나 다〉, 『라』 그리고 「마」") == ["가", "나 다", "라", "마"]
    assert book_titles("괄호 없는 제목") == []
    assert book_titles("《》 빈 괄호") == []


def test_an_italic_title_in_the_text_is_the_film_of_a_review() -> None:
    result = understood(
        "A slow, luminous debut about two sisters",
        "<p>In <em>The Quiet Orchard</em>, Park Min-ji's debut film watches two sisters. 4/5</p>",
        feed=REVIEWS,
    )
    assert result.kind == Kind.REVIEW
    assert result.film == "The Quiet Orchard"
    assert any("italics" in reason for reason in result.reasons)


def test_the_italic_title_named_most_often_wins() -> None:
    result = understood(
        "A slow, luminous debut about two sisters",
        "<p>Like <i>Quiet Rivers</i> before it, <i>The Long Orchard</i> is a patient film.</p>"
        "<p><i>The Long Orchard</i> opens on Friday.</p>",
        feed=REVIEWS,
    )
    assert result.film == "The Long Orchard"


@pytest.mark.parametrize(
    "summary",
    [
        # emphasis, not a title
        "<p>It is <em>really</em> a slow film, and I <em>mean</em> slow.</p>",
        "<p>It is <em>so much more than it seems</em>, a slow film.</p>",
        # a publication set in italics, as outlets do
        "<p>As <i>Variety</i> and <i>The Hollywood Reporter</i> noted, it is a slow film.</p>",
        # the outlet's own show
        "<p>On this week's <em>Orchard Weekly</em>, we discuss a slow film.</p>",
    ],
)
def test_italics_that_are_not_titles_name_no_film(summary: str) -> None:
    result = understood(
        "A slow, luminous debut about two sisters",
        summary,
        feed=REVIEWS,
        link="https://www.orchardweekly.example/2026/review",
    )
    assert result.kind == Kind.REVIEW  # so the italics were looked at
    assert result.film is None


def test_book_title_brackets_in_a_korean_text_name_the_film() -> None:
    result = understood(
        "느리고 빛나는 데뷔작, 두 자매의 여름",
        "박민지 감독의 《고요한 과수원》은 두 자매의 여름을 따라간다. 《고요한 과수원》은 "
        "12월 5일 개봉한다.",
        feed=REVIEWS,
    )
    assert result.film == "고요한 과수원"


@pytest.mark.parametrize(
    "headline",
    [
        "The Quiet Orchard (고요한 과수원) review: a slow, luminous debut",
        "고요한 과수원 (The Quiet Orchard) 리뷰: 느리고 빛나는 데뷔작",
        "《고요한 과수원》(The Quiet Orchard) 리뷰",
        "'The Quiet Orchard' review: a slow, luminous debut",
    ],
)
def test_a_title_stated_in_both_scripts_keeps_both(headline: str) -> None:
    result = understood(
        headline, "Park Min-ji's The Quiet Orchard (고요한 과수원) follows two sisters. 4/5"
    )
    assert result.film == "The Quiet Orchard"
    assert result.film_hangul == "고요한 과수원"
    assert any("stated with it" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("text", "title", "alias"),
    [
        ("The Quiet Orchard (고요한 과수원)", "The Quiet Orchard", "고요한 과수원"),
        ("고요한 과수원 (The Quiet Orchard)", "고요한 과수원", "The Quiet Orchard"),
        ("《고요한 과수원》(The Quiet Orchard)", "고요한 과수원", "The Quiet Orchard"),
        # what brackets hold instead: a platform, a year, a credit, a romanised name
        ("The Quiet Orchard (넷플릭스)", "The Quiet Orchard", None),
        ("The Quiet Orchard (박민지 감독)", "The Quiet Orchard", None),
        ("고요한 과수원 (2026)", "고요한 과수원", None),
        ("고요한 과수원 (Netflix)", "고요한 과수원", None),
        ("고요한 과수원 (Park Min-ji)", "고요한 과수원", None),
        ("고요한 과수원 (a slow debut)", "고요한 과수원", None),
    ],
)
def test_other_script_alias(text: str, title: str, alias: str | None) -> None:
    assert other_script_alias(text, title) == alias


@pytest.mark.parametrize(
    "headline",
    [
        "Director says 'Korean cinema is at a crossroads'",
        "Kim Min-ho: 'I never wanted to be a star'",
        "'I never wanted to be a star,' says actor Kim Min-ho",
        "Producer on festival: 'we are running out of money for new films'",
    ],
)
def test_a_quoted_line_is_no_film(headline: str) -> None:
    result = understood(headline, "The actor spoke to reporters in Seoul on Tuesday.")
    assert result.film is None


def test_sentence_case_is_judged_only_where_case_says_something() -> None:
    assert is_sentence("Korean cinema is at a crossroads")
    assert not is_sentence("The Quiet Orchard")
    assert not is_sentence("A Girl at My Door")
    assert not is_sentence("Past lives")  # too short to tell
    # an all lower-case headline says nothing by case: its quoted title still counts
    result = understood("'the long quiet orchard' review: a slow debut", "4/5")
    assert result.film is not None
    assert result.film.lower() == "the long quiet orchard"


def test_entries_naming_either_form_cluster_together() -> None:
    english = understood("The Quiet Orchard (고요한 과수원) review: a slow, luminous debut", "4/5")
    korean = understood("《고요한 과수원》 리뷰: 느리고 빛나는 데뷔작", "4/5")
    other = understood("'The Loud Field' review: a brash debut", "2/5")
    items = [
        ClusterInput(r.film, r.film_hangul, r.year, PUBLISHED, r.korean)
        for r in (korean, english, other)
    ]
    ids = cluster(items)
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]
    assert None not in ids


def test_an_alias_survives_the_stored_keys_and_old_rows_still_read() -> None:
    stored = ingest.understand_entry(
        entry("The Quiet Orchard (고요한 과수원) review: a slow, luminous debut", "4/5"),
        hints=FeedHints(),
        published=PUBLISHED,
    )
    keys = read(stored).film_keys
    assert keys.alias == "고요한과수원"
    hangul_only = film_keys(ClusterInput("고요한 과수원", "고요한 과수원"))
    assert cluster_keys([hangul_only, keys])[0] == cluster_keys([hangul_only, keys])[1]
    # a row written before the alias existed has six fields
    detail = json.loads(stored.detail or "{}")
    detail["k"] = detail["k"][:6]
    old = stored._replace(detail=json.dumps(detail, ensure_ascii=False))
    assert read(old).film_keys.alias is None
    assert read(old).film_keys.names == ()
    assert read(old).film_keys.base == keys.base
    # a Japanese or Chinese text quotes speech in 「」 beside a 『』 or 《》 title
    assert book_titles("再会「撮影は楽しかった」　映画『良い知らせ』") == ["良い知らせ"]
    assert book_titles("新劇《紙月》「太感動了」") == ["紙月"]
