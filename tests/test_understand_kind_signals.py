"""Kind signals beyond the headline, structured ratings, and how both show in ``tracker
explain``: on entries written for these tests (no labelled set's text).

The kind signals are weighed only where no headline rule decides: the outlet's news category or
news link path, a critic's byline, an essay headline whose first paragraph judges the work, and
the feed's declared kind as a prior (a tie goes to it). Each one is listed with its weight in
the reasons ``tracker explain`` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from tracker.digest.explain import explain_entry
from tracker.types import Entry, EntryData, FeedHints, FeedKind, FeedSpec, IsoWeek, Kind
from tracker.understand.classify import Classification, classify
from tracker.understand.document import Document
from tracker.understand.filing import news_meta, reviewer_line
from tracker.understand.ingest import understand_entry
from tracker.understand.rating import extract_rating

PUBLISHED = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def data(
    title: str,
    summary: str = "",
    *,
    link: str | None = None,
    categories: Sequence[str] = (),
    author: str | None = None,
) -> EntryData:
    return EntryData(
        identity=link or title,
        title=title,
        summary=summary,
        link=link,
        categories=tuple(categories),
        author=author,
    )


def run(
    title: str,
    summary: str = "",
    *,
    feed: FeedKind | None = None,
    link: str | None = None,
    categories: Sequence[str] = (),
    author: str | None = None,
) -> Classification:
    spec = None if feed is None else FeedSpec(url="https://example.test/feed", kind=feed)
    entry = data(title, summary, link=link, categories=categories, author=author)
    return classify(entry, feed=spec, published=PUBLISHED)


def kind_reason(result: Classification) -> str:
    [reason] = [r for r in result.reasons if r.startswith("kind=")]
    return reason


# --------------------------------------------------------------------------------------------
# An essay headline with a lead that judges the work


ESSAY = "'The Salt Road' Is the Most Patient Thriller of the Winter"
JUDGING_LEAD = (
    "Kim Do-yun's second feature follows a ferryman who smuggles salt past the border guards, "
    "and it takes its time."
)


def test_an_essay_headline_and_a_judging_lead_make_a_review() -> None:
    result = run(ESSAY, JUDGING_LEAD)
    assert result.kind == Kind.REVIEW
    reason = kind_reason(result)
    assert "the headline judges a named work review +2" in reason
    assert "the lead judges the work" in reason and "review +2" in reason


def test_an_essay_headline_alone_is_not_enough() -> None:
    # the same headline over a lead that only reports: one soft signal stays below the bar
    result = run(ESSAY, "The film opened in 300 cinemas across the country last weekend.")
    assert result.kind == Kind.NEWS


def test_a_name_then_a_colon_essay_title_with_a_judging_lead_is_a_review() -> None:
    result = run(
        "Harbour Lights: A Widower Learns to Cook, One Bad Dinner at a Time",
        "Lee Seo-jin's gentle drama is a portrait of grief that never raises its voice.",
    )
    assert result.kind == Kind.REVIEW
    assert "an essay title after the name 'Harbour Lights'" in kind_reason(result)


def test_a_title_with_short_words_before_the_colon_is_a_name() -> None:
    # "to" is a title's short word, not a sentence's verb
    result = run(
        "Return to Harbour: A Daughter's Search, Told in Two Languages",
        "Kim Do-yun's drama follows a woman adopted abroad who comes back to look for her mother.",
    )
    assert result.kind == Kind.REVIEW
    assert "an essay title after the name 'Return to Harbour'" in kind_reason(result)


def test_a_columns_name_before_the_colon_is_no_work() -> None:
    result = run(
        "New to Streaming: The Salt Road, Harbour Lights and More",
        "The Salt Road is a high-concept relationship comedy.",
    )
    assert result.kind != Kind.REVIEW


@pytest.mark.parametrize(
    "title",
    [
        # news after the colon: what happened to the work, not an essay about it
        "Harbour Lights Season 2: Netflix Renews the Hit Korean Cooking Drama",
        # a French heading (a space before the colon) is not a name and its essay title
        "Travail, emploi : les modèles européens de la performance",
    ],
)
def test_a_colon_headline_that_reports_stays_news(title: str) -> None:
    result = run(title, "Lee Seo-jin's gentle drama is a portrait of grief. Its performance.")
    assert result.kind == Kind.NEWS


def test_a_quoted_name_that_is_officially_in_the_works_is_not_judged() -> None:
    result = run(
        "'The Salt Road 2' is officially in the works with its director",
        "The makers confirmed an animated prequel film and a spin-off.",
    )
    assert result.kind == Kind.NEWS


# --------------------------------------------------------------------------------------------
# Filing marks: the byline, the news category and link path


def test_a_critics_byline_makes_a_review() -> None:
    result = run(
        "What the ferryman carried across the river, and why it will matter",
        "A slow film about a river crossing.",
        author="Reviewed by Han Ji-woo",
    )
    assert result.kind == Kind.REVIEW
    assert "author line 'Reviewed by Han Ji-woo' review +3" in kind_reason(result)


def test_a_byline_in_the_first_line_of_the_body_counts_too() -> None:
    doc = Document.of(data("The ferryman", "Review by Han Ji-woo\nA slow film about a river."))
    assert reviewer_line(doc) == "byline 'Review by Han Ji-woo'"
    # an author who is only a name is no critic's byline
    assert reviewer_line(Document.of(data("The ferryman", "A slow film.", author="Han"))) is None


@pytest.mark.parametrize(
    ("categories", "link"),
    [
        (["Reviews"], None),
        (["Film Review"], None),
        (["리뷰"], None),
        (["영화 리뷰"], None),
        ((), "https://example.test/review/the-salt-road"),
        ((), "https://example.test/reviews/the-salt-road/"),
        ((), "https://example.test/2025/03/the-salt-road-movie-review"),
    ],
)
def test_review_sections_and_link_paths_file_a_review(
    categories: Sequence[str], link: str | None
) -> None:
    result = run(
        "What the ferryman carried across the river, and why it will matter",
        "A film about a river crossing.",
        categories=categories,
        link=link,
    )
    assert result.kind == Kind.REVIEW


def test_a_news_category_outweighs_the_feeds_review_prior() -> None:
    title = "What the ferryman carried across the river, and why it will matter"
    summary = "The film about a river crossing sold out its premiere."
    assert run(title, summary, feed=FeedKind.REVIEW).kind == Kind.REVIEW  # the prior alone
    result = run(title, summary, feed=FeedKind.REVIEW, categories=["News"])
    assert result.kind == Kind.NEWS
    reason = kind_reason(result)
    assert "category 'News' news +2" in reason
    assert "the feed's kind hint (review) review +1" in reason


def test_a_news_link_path_ties_with_the_prior_and_the_prior_wins() -> None:
    title = "What the ferryman carried across the river, and why it will matter"
    summary = "The film about a river crossing sold out its premiere."
    link = "https://example.test/culture/news/ferryman-salt"
    result = run(title, summary, feed=FeedKind.RELEASE, link=link)
    assert result.kind == Kind.RELEASE
    assert "a news link path news +1" in kind_reason(result)
    assert run(title, summary, link=link).kind == Kind.NEWS


def test_a_cms_article_viewer_under_news_is_no_section() -> None:
    link = "https://example.test/news/articleView.html?idxno=123"
    assert news_meta(Document.of(data("영화 소식", link=link))) is None
    assert news_meta(Document.of(data("x", link="https://example.test/news/ferryman"))) == (
        "a news link path"
    )


def test_the_feed_hint_alone_reads_as_before() -> None:
    result = run(
        "What the ferryman carried across the river, and why it will matter",
        "A film about a river.",
        feed=FeedKind.RELEASE,
    )
    assert result.kind == Kind.RELEASE
    assert kind_reason(result) == "kind=release: the feed's kind hint (release)"


# --------------------------------------------------------------------------------------------
# Structured ratings


@pytest.mark.parametrize(
    ("body", "value", "text"),
    [
        ('{"@type": "Rating", "ratingValue": "4", "bestRating": "5"}', 4.0, '"ratingValue": "4"'),
        ('"ratingValue": "8", "worstRating": "1", "bestRating": "10"', 4.0, '"ratingValue": "8"'),
        ('"bestRating": "10", "ratingValue": "7.5"', 3.75, '"ratingValue": "7.5"'),
        ('"ratingValue": "3"', 3.0, '"ratingValue": "3"'),  # no scale: schema.org's 5
        ("Our verdict ★ 3.5 / 5", 3.5, "3.5 / 5"),
        ("★★★½", 3.5, "★★★½"),
        ("평점 8점", 4.0, "8점"),
        ("We give it 7/10.", 3.5, "7/10"),
    ],
)
def test_structured_ratings_on_the_five_point_scale(body: str, value: float, text: str) -> None:
    rating = extract_rating(Document.of(data("A review of The Salt Road", body)))
    assert (rating.value, rating.text, rating.seen) == (value, text, 1)


def test_a_rating_value_above_its_scale_is_no_rating() -> None:
    body = '"ratingValue": "12", "bestRating": "10"'
    assert extract_rating(Document.of(data("A review", body))).value is None


def test_a_structured_rating_makes_its_entry_a_review() -> None:
    result = run("The Salt Road", 'A slow film. "ratingValue": "4", "bestRating": "5"')
    assert (result.kind, result.rating) == (Kind.REVIEW, 4.0)
    assert 'rating=4.0: \'"ratingValue": "4"\'' in result.reasons


# --------------------------------------------------------------------------------------------
# tracker explain shows each signal with its weight


def test_explain_lists_the_signals_with_their_weights() -> None:
    entry_data = data(ESSAY, JUDGING_LEAD, link="https://example.test/salt-road")
    understood = understand_entry(entry_data, hints=FeedHints(FeedKind.NEWS), published=PUBLISHED)
    entry = Entry(
        id=1,
        feed_url="https://example.test/feed",
        identity=entry_data.identity,
        title=entry_data.title,
        link=entry_data.link,
        published_at=PUBLISHED,
        first_seen_at=PUBLISHED,
        summary=entry_data.summary,
        understood=understood,
    )
    lines = explain_entry(
        entry,
        [entry],
        feeds={},
        specs={},
        korean_only=False,
        backfill=timedelta(days=7),
        week=IsoWeek(2025, 10),
    )
    facts = dict(lines)
    assert facts["kind"] == "review"
    [why] = [text for topic, text in lines if topic == "why" and text.startswith("kind=")]
    assert why.startswith("kind=review: signals (")
    assert "the headline judges a named work review +2" in why
    assert "the feed's kind hint (news) news +1" in why
