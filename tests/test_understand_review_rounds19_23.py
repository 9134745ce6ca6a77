"""Fixes from a review of rounds 19 to 23 (a helper given the diff), on the reviewer's own
reproductions: each test here failed before its fix but three guards, which passed before too
("arrives at Incheon Airport this week", Finnish "torstaina" and "perjantaina")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind

#: a Thursday
THURSDAY = datetime(2025, 10, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Go behind the scenes of the new Korean zombie drama",
            "Netflix shares set photos from the production.",
        ),
        (
            "Meet the director behind the Korean horror film everyone is talking about",
            "She says it started as a short.",
        ),
        (
            "Netflix unveils its next Korean original series",
            "The streamer's Korean original stars a cast of newcomers.",
        ),
    ],
)
def test_a_work_behind_the_scenes_or_a_korean_original_stays_korean(
    title: str, summary: str
) -> None:
    r = classify_headline(title, summary, published=THURSDAY)
    assert r.korean, r.reasons


@pytest.mark.parametrize(
    "title",
    ["嵐が5年ぶりにカムバック、新曲を配信リリース", "浜崎あゆみ、ミニアルバムを12月に発売"],
)
def test_a_japanese_comeback_alone_is_no_k_pop(title: str) -> None:
    r = classify_headline(title, "", published=THURSDAY)
    assert not r.korean, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "NF's new album tops the Billboard chart",
            "The rapper's album 'Hope' debuted at No. 2, with the single 'Colony' streaming.",
        ),
        ("The 10 best films of 2025", "1. 'Hope' by Jane Smith. 2. 'Colony' by Tim Fehlbaum."),
    ],
)
def test_everyday_word_titles_in_a_list_need_their_people(title: str, summary: str) -> None:
    r = classify_headline(title, summary, published=THURSDAY)
    assert not r.korean, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("Stray Kids plays at Wembley Stadium on Saturday", ""),
        ("Lee Jung-jae arrives at Incheon Airport this week", ""),
        ("Netflix's stock drops today after subscriber miss", ""),
        ("Netflix's Squid Game Season 3 Teaser Drops Today", ""),
        (
            "BTS's Jin to perform in New Jersey",
            "Jin plays at the Prudential Center on Saturday, his first solo show.",
        ),
        (
            "Hyun Bin to meet fans",
            "Hyun Bin arrives at the Lotte Cinema in Jamsil on October 4, where he will hold a "
            "stage greeting.",
        ),
        ("韓国映画『ハルビン』の撮影が11月1日からスタート", ""),
        ("韓国ドラマ『梨泰院クラス』展が11月1日からスタート", ""),
        ("韓国ドラマ『涙の女王』第8話、本日放送", ""),
        ("韓劇《淚之女王》今日播出第8集", ""),
        ("Roter Teppich bei der Kinopremiere von „No Other Choice“ in Berlin", ""),
        ("Korealainen elokuva No Other Choice sai ensi-iltansa eilen", ""),
    ],
)
def test_visits_events_episodes_and_past_premieres_are_no_releases(
    title: str, summary: str
) -> None:
    r = classify_headline(title, summary, published=THURSDAY)
    assert r.kind != Kind.RELEASE, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "« Parasite » remporte le prix du meilleur film",
        "Südkoreanischer Film gewinnt Preis für den besten Film",
    ],
)
def test_an_award_for_the_best_film_is_no_list(title: str) -> None:
    r = classify_headline(title, "", published=THURSDAY)
    assert r.kind != Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    "weekday", ["maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina"]
)
def test_finnish_weekdays(weekday: str) -> None:
    r = classify_headline(f"Korealainen sarja tulee {weekday}", "", published=THURSDAY)
    assert r.kind == Kind.RELEASE, r.reasons


def test_a_japanese_title_with_a_comma_is_a_title() -> None:
    r = classify_headline("韓国映画『82年生まれ、キム・ジヨン』明日WOWOWで放送", "")
    assert r.film == "82年生まれ、キム・ジヨン", r.reasons


def test_a_spin_off_in_the_lead_is_not_the_work_reviewed() -> None:
    r = classify_headline(
        "Squid Game season 3 review: a bleak, brilliant farewell",
        "<p>Unlike the reality spin-off <em>Squid Game: The Challenge</em>, Hwang Dong-hyuk's "
        "drama ends.</p>",
        published=THURSDAY,
    )
    assert r.film == "Squid Game", r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Box office slump deepens in Korea's summer season",
        "The best of Netflix's new season",
        "What to expect in JTBC's weekend premiere",
        "Song Kang-ho on Working With Bong Joon-ho",
        "Park Seo-joon Takes on Hollywood",
    ],
)
def test_a_country_a_service_or_a_phrase_is_no_title(title: str) -> None:
    r = classify_headline(title, "", published=THURSDAY)
    assert r.film is None, r.reasons


def test_a_weekday_after_on_is_no_title() -> None:
    r = classify_headline("Squid Game Returns on Friday", "", published=THURSDAY)
    assert r.film == "Squid Game", r.reasons


def test_a_title_that_starts_with_what() -> None:
    r = classify_headline(
        "Netflix sets January 30 premiere for What's Wrong with Secretary Kim", ""
    )
    assert r.film == "What's Wrong with Secretary Kim", r.reasons
