"""Issue 14's twenty-third round: a podcast episode's number before the work it discusses; a
grade "so far", a star count in words inside a paragraph, "4.5 of 5" after a score's label; a
K-drama's recapped episode range and its sixteen episodes as a Korean name's cue; a Korean
broadcaster's rom-com or procedural; Korean weekend dramas before a quoted title and a channel
before a first broadcast; Chinese numerals counting a list; a Japanese clause quoted in a
headline is no title; a label that dates a disc ("Criterion Dates ..."), a service's own work
that drops tomorrow; a title before its director ("La grazia, di Paolo Sorrentino"), "In X,"
opening an essay headline; Italian "esce giovedì 6 agosto in sala". Written from the misses
of held-out set 28, spent by this round (its README says so); held-out set 29, written blind
beside it, measures the round."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind

#: a Tuesday
TUESDAY = datetime(2026, 3, 3, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("summary", "rating"),
    [
        (
            "<p>Two leads whose bickering crackles.</p><p><strong>Grade so far: B+</strong></p>",
            3.75,
        ),
        ("<p>Slow, sad and beautifully acted. Three and a half stars. At Event Cinemas.</p>", 3.5),
        ("<p>A crisp transfer. Overall score: 4.5 of 5. Supplements are slim.</p>", 4.5),
    ],
)
def test_round_23_ratings(summary: str, rating: float) -> None:
    r = classify_headline("Moonglade Review", summary, published=TUESDAY)
    assert r.rating == rating, r.reasons


def test_round_23_a_count_of_episodes_is_no_rating() -> None:
    r = classify_headline("Moonglade Review", "<p>It is episode 3 of 10 already.</p>")
    assert r.rating is None, r.reasons


def test_round_23_a_k_drama_recap_is_korean() -> None:
    r = classify_headline(
        "Half-Moon Bakery: Episodes 1-2 First Impressions",
        "<p>A meet-ugly over a collapsed soufflé. Baek Si-on is doing a lot with one eyebrow.</p>",
        ("First Impressions",),
        published=TUESDAY,
    )
    assert r.korean, r.reasons


def test_round_23_a_korean_broadcasters_rom_com() -> None:
    r = classify_headline(
        "Ep. 112: Half-Moon Bakery and the Art of the Slow-Rise Romance",
        "<p>We break down the whole run of tvN's bakery rom-com. Final verdict: 8/10</p>",
        ("TV & Film",),
        published=TUESDAY,
    )
    assert (r.korean, r.rating) == (True, 4.0), r.reasons


def test_round_23_a_podcast_episode_number_is_no_title() -> None:
    r = classify_headline(
        "Ep. 118: Ledger of Ghosts (Eps 1-6) – Audit Me",
        "<p>Is JTBC's occult procedural a hidden gem or a slog? We disagree, loudly.</p>",
        ("TV & Film",),
        "https://example.com/episodes/ep-118-ledger-of-ghosts-1-6/",
        published=TUESDAY,
    )
    assert r.film != "118: Ledger of Ghosts" and r.korean, r.reasons


def test_round_23_a_korean_weekend_drama_quoted() -> None:
    r = classify_headline(
        '엄태련 "웃기면서 슬픈 사람이길 바랐다"',
        "<p>JTBC 주말극 '귀신 장부'에서 세무 감사관을 연기한 엄태련.</p>",
        published=TUESDAY,
    )
    assert r.film == "귀신 장부", r.reasons


def test_round_23_a_channel_before_a_korean_first_broadcast() -> None:
    r = classify_headline(
        "장편 애니 '꼬마 해녀 물방울', 다음 주 토요일 EBS 1TV 첫 방송",
        "EBS가 공동 제작한 장편 애니메이션이 다음 주 토요일 처음 방송된다.",
        published=datetime(2026, 8, 5, 5, tzinfo=UTC),
    )
    assert (r.kind, r.release_date) == (Kind.RELEASE, date(2026, 8, 15)), r.reasons


def test_round_23_a_list_counted_in_chinese_numerals() -> None:
    r = classify_headline(
        "香港亞洲電影節2026：十部必看韓國及亞洲新作", "<p>今年的韓國焦點包括多部獨立電影。</p>"
    )
    assert r.kind == Kind.OTHER, r.reasons


def test_round_23_a_japanese_clause_quoted_is_no_title() -> None:
    r = classify_headline(
        "パク・チャヌク監督インタビュー「仕事を失うことは、自分を失うことなのか」",
        "<p>『しあわせな選択』の公開を前に来日した監督に聞いた。</p>",
        published=TUESDAY,
    )
    assert r.film != "仕事を失うことは、自分を失うことなのか", r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        (
            "Criterion Dates Guillermo del Toro's Frankenstein for Tuesday, March 24",
            "<p>The Criterion Collection will release it on 4K UHD and Blu-ray.</p>",
            date(2026, 3, 24),
        ),
        (
            "CJ ENM and Well Go USA Date Park Min-ji's 'Moonglade' for May 22",
            "<p>The zombie thriller comes to North America after its festival run.</p>",
            date(2026, 5, 22),
        ),
        (
            "Netflix's 'Moonglade' Drops Tomorrow & The Premise Is Very Malaysian-Coded",
            "<p>The Korean series lands on Netflix tomorrow.</p>",
            date(2026, 3, 4),
        ),
        (
            "Moonglade di Park Min-ji esce giovedì 6 agosto in sala",
            "<p>Il nuovo film arriva nelle sale italiane giovedì 6 agosto.</p>",
            date(2026, 8, 6),
        ),
    ],
)
def test_round_23_releases(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary, published=TUESDAY)
    assert (r.kind, r.release_date) == (Kind.RELEASE, day), r.reasons


def test_round_23_a_title_before_its_director() -> None:
    r = classify_headline(
        "La grazia, di Paolo Sorrentino",
        "<p>Sorrentino trova con Toni Servillo il suo film più trattenuto. Voto: 4/5</p>",
        ("Recensioni",),
        published=TUESDAY,
    )
    assert r.film == "La grazia", r.reasons


def test_round_23_in_a_curated_title_an_essay_opens() -> None:
    r = classify_headline(
        "In Humint, the cold war never leaves the room",
        "<p>Ryoo Seung-wan's thriller is lean and mean. 4/5</p>",
        ("Reviews",),
        published=TUESDAY,
    )
    assert r.film == "Humint", r.reasons
