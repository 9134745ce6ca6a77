"""The title an entry's link confirms (``tracker.understand.linktitle``) and what the classifier
takes from it: the headline's words the link repeats, or an italic title the link names over
an essay headline; never a whole headline slugged, a person, or a place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.types import EntryData
from tracker.understand.classify import Classification, classify
from tracker.understand.linktitle import headline_title, link_words, named_alone, title_in_link

NOW = datetime(2026, 11, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    ("headline", "link", "title"),
    [
        (
            "Marty Supreme gets UK release date",
            "https://example.com/2025/10/marty-supreme-uk-release-date/",
            "Marty Supreme",
        ),
        (
            "Good Boy Signs Off With Its Best Ratings Yet",
            "https://example.com/2025/07/good-boy-finale-ratings/",
            "Good Boy",
        ),
        (
            "Pro Bono Episodes 1-2: First Impressions",
            "https://example.com/2025/12/pro-bono-episodes-1-2-first-impressions/",
            "Pro Bono",
        ),
        (
            "Spring of Youth Final Thoughts: A Band, a Debt and a Very Good Summer",
            "https://example.com/2025/06/spring-of-youth-final-thoughts/",
            "Spring of Youth",
        ),
        (
            "Demon Slayer: Infinity Castle Sets U.S. Theatrical Release Date",
            "https://example.com/demon-slayer-infinity-castle-us-release-date/",
            "Demon Slayer: Infinity Castle",
        ),
        (
            "Korean Cultural Center L.A. to Screen Yoon Ga-eun's The World of Love",
            "https://example.com/kccla-the-world-of-love-screening/",
            "The World of Love",
        ),
        (
            "Pluribus: release date, trailer, cast, and more",
            "https://x.com/tv/pluribus-release-date-trailer-cast/",
            "Pluribus",
        ),
    ],
)
def test_the_headline_words_the_link_repeats_are_the_title(
    headline: str, link: str, title: str
) -> None:
    assert headline_title(headline, link_words(link)) == title


@pytest.mark.parametrize(
    ("headline", "link"),
    [
        # the whole headline slugged, or slugged and cut short: the link confirms nothing
        (
            "Jeonju International Film Festival Opens 25th Edition",
            "https://example.com/jeonju-international-film-festival-opens-25th-edition/",
        ),
        (
            "Coupang Play Bets On Live Sports To Take On Netflix",
            "https://example.com/coupang-play-bets-on-live-sports-to-take/",
        ),
        # capitals, a place, a possessive the link goes on with
        ("MARTY SUPREME GETS UK RELEASE DATE", "https://e.com/marty-supreme-uk-release-date/"),
        (
            "Why South Korea Makes the Best Revenge Stories",
            "https://example.com/2024/03/south-korea-revenge-thrillers/677654/",
        ),
        ("CJ ENM's New Slate Bets on Films", "https://example.com/cj-enms-new-slate/"),
        # a numeric article id, or no path at all
        ("Marty Supreme gets UK release date", "https://example.com/news/123456"),
        ("Marty Supreme gets UK release date", ""),
    ],
)
def test_no_title_where_the_link_confirms_nothing(headline: str, link: str) -> None:
    assert headline_title(headline, link_words(link)) is None


def test_a_title_in_the_link_may_leave_out_its_article() -> None:
    words = link_words("https://reverseshot.org/reviews/entry/3521/world_of_love")
    assert words == ("world", "of", "love")
    assert title_in_link("The World of Love", words)
    assert not title_in_link("Private Matters", words)


def test_a_person_is_named_by_the_last_word_alone() -> None:
    assert named_alone("Michael Haneke", "The director said Haneke never explains.")
    assert not named_alone("Good Boy", "JTBC's boxing-cop drama Good Boy ended on a high.")


def _classify(
    title: str, summary: str, link: str, categories: tuple[str, ...] = ()
) -> Classification:
    entry = EntryData(identity=link, title=title, summary=summary, link=link, categories=categories)
    return classify(entry, published=NOW)


def test_an_italic_title_the_link_names_beats_an_essay_headline() -> None:
    result = _classify(
        "Private Matters",
        "<p>Yoon Ga-eun's <em>The World of Love</em> begins as a comedy of teenage bluster.</p>",
        "https://reverseshot.org/reviews/entry/3521/world_of_love",
        ("Reviews",),
    )
    assert result.film == "The World of Love"


def test_news_of_a_drama_takes_its_title_from_the_link_and_news_of_a_person_does_not() -> None:
    drama = _classify(
        "Good Boy Signs Off With Its Best Ratings Yet",
        "<p>JTBC's boxing-cop drama ended on a high, with its final episode drawing 7.9%.</p>",
        "https://seoulbeats.com/2025/07/good-boy-finale-ratings/",
        ("News",),
    )
    assert drama.film == "Good Boy"
    person = _classify(
        "Michael Haneke Says Film Is a Lie at Twenty-Four Frames a Second",
        "<p>The director of Happy End talks about his new film. Haneke says he never explains.</p>",
        "https://example.com/film/michael-haneke-interview-happy-end/",
        ("News",),
    )
    assert person.film is None
