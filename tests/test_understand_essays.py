"""Essay-style reviews of works no curated entry knows, as film blogs and festival coverage
write them, with no word "review": a headline that judges the work (quoted or set as a
Title Case name, "X Is a Slow, Luminous Portrait of Grief") with a critic's word in it or a
lead that judges; the signals and their weights as ``tracker explain`` shows them; news that
says "is the" about a work stays news; and a Korean film known only by an unknown title,
its Korean-named director and a Korean city. Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.types import EntryData, Kind
from tracker.understand.classify import Classification, classify

PUBLISHED = datetime(2025, 8, 4, 9, 0, tzinfo=UTC)


def understand(title: str, body: str = "") -> Classification:
    return classify(EntryData(identity=title, title=title, summary=body), published=PUBLISHED)


@pytest.mark.parametrize(
    ("title", "body", "film", "verdict"),
    [
        (
            "Fantasia 2025: 'The Last Shaman of Jeju' is a folk-horror gem",
            "<p>Director Yoon Da-hee blends shamanic ritual and family drama.</p>",
            "The Last Shaman of Jeju",
            "gem",
        ),
        (
            "'Rice Wine Summer' is a gentle comedy about three sisters",
            "<p>The sisters (Jeon Yeo-been, Lee Joo-young) reunite at their late father's "
            "makgeolli brewery.</p>",
            "Rice Wine Summer",
            "gentle",
        ),
        (
            "The Quiet Orchard Is a Slow, Luminous Portrait of Grief",
            "<p>Writer-director Park Min-ji's debut follows a widowed farmer near Jeonju.</p>",
            "The Quiet Orchard",
            "Luminous",
        ),
    ],
)
def test_an_essay_headline_with_a_critics_word_is_a_review(
    title: str, body: str, film: str, verdict: str
) -> None:
    got = understand(title, body)
    assert got.kind is Kind.REVIEW, got.reasons
    assert got.film == film
    assert got.korean, got.reasons
    # every signal with its weight, as tracker explain shows it
    kind_reason = got.reasons[0]
    assert f"the headline's verdict {verdict!r} review +1" in kind_reason
    assert "review +2" in kind_reason


@pytest.mark.parametrize(
    "title",
    [
        "'Squid Game' is the most-watched series in Netflix history",
        "'Squid Game 2' is a hit again as viewers return",
        "Squid Game Season 2 Is the Biggest Launch of the Year",
    ],
)
def test_news_that_says_is_the_stays_news(title: str) -> None:
    assert understand(title, "<p>Netflix said on Tuesday.</p>").kind is Kind.NEWS


def test_an_essay_headline_alone_is_not_enough() -> None:
    # no critic's word and a lead that only tells the plot: the headline's +2 stays short
    got = understand(
        "'Salt Road' is a story about two brothers", "<p>Two brothers drive to Mokpo.</p>"
    )
    assert got.kind is not Kind.REVIEW


@pytest.mark.parametrize(
    "title",
    [
        "Korean Horror Is a Genre in Bloom",
        "Bong Joon Ho Is the Director of the Decade",
        "Netflix Is the New Home of K-Drama",
    ],
)
def test_a_genre_a_person_or_a_service_before_is_a_is_no_title(title: str) -> None:
    assert understand(title, "<p>From Exhuma to Sleep.</p>").film is None


def test_a_korean_named_director_beside_a_korean_city_makes_an_unknown_film_korean() -> None:
    got = understand(
        "'Salt and Smoke' review: a fishing family drifts apart",
        "<p>Lee Soo-kyung's film, set on Jeju, is patient, maybe too patient.</p>",
    )
    assert got.korean, got.reasons
    # the same name shape beside Japan's words is no Korean cue
    other = understand(
        "'Tokyo Drift Redux' review: Kim Lee's Japanese road movie", "<p>Shot in Osaka.</p>"
    )
    assert not other.korean
