"""Mistakes a review of issue 14's second round found, each pinned: a Korean past tense is no
announcement, broadcasters' acronyms shared with other countries, a Japanese title's brackets,
Japanese past tenses and viewers' reactions, services written against Japanese text, and the
cross-script title join (numbers must agree; one or two syllables are too few). Sentences
written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.types import EntryData, Kind
from tracker.understand.classify import Classification, classify
from tracker.understand.match import ClusterInput, cluster, film_keys

PUBLISHED = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def run(title: str, summary: str = "") -> Classification:
    return classify(EntryData(identity=title, title=title, summary=summary), published=PUBLISHED)


@pytest.mark.parametrize(
    "title", ["'파묘' 9월 개봉했던 화제작, 관객 천만 돌파", "'하얼빈' 12월 개봉한 영화 흥행"]
)
def test_a_korean_month_in_the_past_tense_is_no_release(title: str) -> None:
    assert run(title).kind != Kind.RELEASE


def test_a_korean_month_still_announces_a_release() -> None:
    assert run("'하얼빈' 12월 개봉").kind == Kind.RELEASE


@pytest.mark.parametrize(
    "title",
    [
        "MBC's Ramadan drama series tops Saudi ratings",
        "The Australian SBS drama The Hunting returns for a second season",
    ],
)
def test_sbs_and_mbc_abroad_are_not_korean(title: str) -> None:
    assert not run(title).korean


def test_mbcs_drama_with_no_other_country_is_korean() -> None:
    result = run(
        "'Harbor Lights' Ratings Climb To Personal Best",
        "According to Nielsen, MBC's new weekend drama recorded 9.8 percent.",
    )
    assert result.korean


@pytest.mark.parametrize(
    "title",
    [
        "韓国ドラマ『夜の港』（Season 2）予告編公開",
        "韓国ドラマ『夜の港』（Kim Soo-hyun, Park Bo-young）12月20日配信",
        "韓国映画『夜の港』(Directed By Bong) レビュー",
        "韓国ドラマ『夜の港』（Kim Soo-hyun主演）12月20日配信",
    ],
)
def test_brackets_after_a_japanese_title_are_no_english_title_unless_named(title: str) -> None:
    assert run(title).film == "夜の港"


def test_an_english_title_named_as_such_after_a_japanese_one_is_kept() -> None:
    assert run("韓国ドラマ『夜の港』（英題：Harbor Lights）12月20日配信").film == "Harbor Lights"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("韓国ドラマ『夜の港』金曜日に配信開始された", Kind.NEWS),
        ("韓国ドラマ『夜の港』配信開始から1年、続編制作が決定", Kind.NEWS),
        ("韓国ドラマ『夜の港』最終回、視聴者の感想がSNSで話題に", Kind.NEWS),
        ("韓国ドラマ『夜の港』5月16日配信開始", Kind.RELEASE),
    ],
)
def test_japanese_past_tenses_and_reactions(title: str, kind: Kind) -> None:
    assert run(title).kind == kind


@pytest.mark.parametrize(
    ("service", "platform"),
    [
        ("Disney+", "disney_plus"),
        ("MUBI", "mubi"),
        ("Amazon Prime", "prime_video"),
        ("Apple TV+", "apple_tv_plus"),
        ("Netflix", "netflix"),
    ],
)
def test_a_service_written_against_japanese_text(service: str, platform: str) -> None:
    assert run(f"韓国ドラマ『夜の港』12月20日より{service}で独占配信").platform == platform


def _joined(latin: str, hangul: str) -> bool:
    items = [
        ClusterInput(latin, published=PUBLISHED, korean=True),
        ClusterInput(hangul, published=PUBLISHED, korean=True),
    ]
    first, second = cluster(items)
    return first == second


@pytest.mark.parametrize(
    ("latin", "hangul", "joined"),
    [
        ("Goyohan Gwasuwon", "고요한 과수원", True),
        ("Goyohan Gwasuwon 2", "고요한 과수원 2", True),
        ("Goyohan Gwasuwon", "고요한 과수원 2", False),
        ("Goyohan Gwasuwon 2", "고요한 과수원", False),
        ("Baba", "파파", False),
        ("Dodo", "토토", False),
    ],
)
def test_a_romanised_title_joins_its_hangul_only_when_numbers_agree(
    latin: str, hangul: str, joined: bool
) -> None:
    assert _joined(latin, hangul) is joined


def test_the_names_an_entry_states_are_bounded() -> None:
    words = " ".join(f"김{a}{b}" for a in "가나다라마바사아자차" for b in "가나다라마바사아자차")
    keys = film_keys(ClusterInput("Night Harbour", title="Night Harbour", text=words * 20))
    assert 0 < len(keys.names) <= 48


@pytest.mark.parametrize(
    "title",
    [
        "This Is the K-Drama Everyone Is Watching Right Now",
        "Hallyu Star Kim Soo-hyun Is a Global Icon",
        "What Is a K-Drama? A Beginner's Guide",
        "Seoul Is the New Capital of Streaming Drama",
        "Busan Is the Best Film Festival in Asia",
    ],
)
def test_an_essay_headline_about_no_work_is_no_review_and_names_no_film(title: str) -> None:
    result = run(title)
    assert result.kind != Kind.REVIEW, result.reasons
    assert result.film is None, result.reasons


def test_an_essay_headline_about_a_work_still_judges_it() -> None:
    result = run("The Quiet Orchard Is a Folk-Horror Gem")
    assert (result.kind, result.film) == (Kind.REVIEW, "The Quiet Orchard")
