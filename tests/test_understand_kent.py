"""Korean-entertainment outlets' items about dramas and shows no curated entry knows: a
Korean broadcaster's own drama or variety show ("the tvN drama", "JTBC's variety show",
"tvN 토일드라마") is Korean by itself; and a streaming announcement that gives only the month
in its headline ("to premiere in December on Netflix") is a release, dated from its text.
Sentences written for these tests, in the styles of K-entertainment news sites."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.types import EntryData, Kind
from tracker.understand.classify import Classification, classify

PUBLISHED = datetime(2025, 10, 6, 9, 0, tzinfo=UTC)


def understand(title: str, body: str = "") -> Classification:
    return classify(EntryData(identity=title, title=title, summary=body), published=PUBLISHED)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "'Harbor Lights' Tops Weekly Drama Buzzworthiness Chart For 2nd Week",
            "<p>The tvN drama topped Good Data Corporation's chart again.</p>",
        ),
        (
            "ILLIT's Minju to join 'Knowing Bros' as guest",
            "<p>The JTBC variety show will air Saturday.</p>",
        ),
        (
            "'Harbor Lights' Ratings Climb To Personal Best",
            "<p>According to Nielsen, MBC's new weekend drama recorded 9.8 percent.</p>",
        ),
        (
            "'항구의 불빛' 시청률 9.8% 자체 최고",
            "<p>tvN 토일드라마 '항구의 불빛'이 자체 최고 시청률을 기록했다.</p>",
        ),
    ],
)
def test_a_korean_broadcasters_drama_or_show_is_korean(title: str, body: str) -> None:
    got = understand(title, body)
    assert got.korean, got.reasons
    assert "words" in got.reasons[2]


def test_a_broadcaster_named_otherwise_is_no_cue() -> None:
    # "ENA" is a name too, and a foreign channel's drama is no Korean one
    assert not understand("Ena Takes the Stage in London", "<p>The singer's new show.</p>").korean
    assert not understand("'Slow Horses' returns", "<p>The Apple TV+ drama series.</p>").korean


@pytest.mark.parametrize(
    ("title", "body", "day"),
    [
        (
            "'Harbor Lights' to premiere in December on Netflix",
            "<p>The series will premiere Dec. 12.</p>",
            date(2025, 12, 12),
        ),
        (
            "'Night Ferry' will arrive in early November on Disney+",
            "<p>All eight episodes land Nov. 5.</p>",
            date(2025, 11, 5),
        ),
    ],
)
def test_a_month_in_the_headline_announces_a_release(title: str, body: str, day: date) -> None:
    got = understand(title, body)
    assert got.kind is Kind.RELEASE, got.reasons
    assert got.release_date == day
