"""Entries of Japanese outlets about Korean dramas and films, in their own words: "韓国ドラマ"
as a Korean cue, a service written against Japanese text ("Netflixで独占配信"), release
phrasing ("5月16日配信開始", "23日(金)よりディズニープラスで独占配信", "公開決定"), "レビュー" as
a review's word, and a Japanese title stated with its original or English form ("『夜の港』
（原題：밤의 항구）"), which links it to the Korean and English outlets' entries. Sentences
written for these tests, in the styles of Japanese entertainment news sites."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.text import strip_html
from tracker.types import EntryData, Kind
from tracker.understand.classify import Classification, classify
from tracker.understand.match import ClusterInput, cluster

PUBLISHED = datetime(2025, 5, 12, 9, 0, tzinfo=UTC)


def understand(title: str, body: str = "") -> Classification:
    return classify(EntryData(identity=title, title=title, summary=body), published=PUBLISHED)


@pytest.mark.parametrize(
    ("title", "body", "platform", "day"),
    [
        (
            "Netflix韓国ドラマ『ハーバー・ライツ』5月16日配信開始 キム・ソンホ主演",
            "<p>キム・ソンホとコ・ユンジョンが共演する韓国ドラマがNetflixで5月16日から配信される。</p>",
            "netflix",
            date(2025, 5, 16),
        ),
        (
            "韓国ドラマ『ソウルの灯』5月23日(金)よりディズニープラスで独占配信",
            "<p>主演はパク・ソジュン。</p>",
            "disney_plus",
            date(2025, 5, 23),
        ),
        (
            "韓ドラ『春の約束』、5月20日からPrime Videoで配信決定",
            "<p>全16話が一挙配信される。</p>",
            "prime_video",
            date(2025, 5, 20),
        ),
    ],
)
def test_japanese_release_news_of_a_korean_drama(
    title: str, body: str, platform: str, day: date
) -> None:
    got = understand(title, body)
    assert got.kind is Kind.RELEASE, got.reasons
    assert got.korean, got.reasons
    assert got.platform == platform
    assert got.release_date == day


def test_japanese_news_and_reviews() -> None:
    fan_meeting = understand(
        "韓国ドラマ『涙の女王』キム・スヒョン、来日ファンミーティング開催",
        "<p>キム・スヒョンが東京でファンミーティングを開いた。</p>",
    )
    assert fan_meeting.kind is Kind.NEWS and fan_meeting.korean
    review = understand("韓国映画『夜の港』レビュー：静かな港町の再生の物語", "<p>星4つ。</p>")
    assert review.kind is Kind.REVIEW and review.korean
    # a Japanese film is no Korean one
    japanese = understand("映画『ラストレター』レビュー：岩井俊二の手紙", "<p>松たか子主演。</p>")
    assert japanese.kind is Kind.REVIEW and not japanese.korean
    # a streamed episode is no release ("配信された": already out)
    aired = understand(
        "『ハーバー・ライツ』第3話が配信された", "<p>Netflixで配信中の韓国ドラマ。</p>"
    )
    assert aired.kind is not Kind.RELEASE


def test_a_japanese_title_keeps_its_original_or_english_form() -> None:
    original = understand(
        "韓国映画『夜の港』（原題：밤의 항구）、6月公開決定",
        "<p>リュ・ジュンヨル主演の韓国映画『夜の港』が6月に公開される。</p>",
    )
    assert (original.film, original.film_hangul) == ("夜の港", "밤의 항구")
    english = understand(
        "韓国ドラマ『港の灯り』（英題：Harbor Lights）5月16日よりNetflixで配信",
        "<p>キム・ソンホ主演。</p>",
    )
    assert english.film == "Harbor Lights"


def test_japanese_korean_and_english_entries_of_one_work_cluster() -> None:
    entries = [
        ("韓国映画『夜の港』（原題：밤의 항구）、6月公開決定", "<p>リュ・ジュンヨル主演。</p>"),
        ("'밤의 항구' 류준열, 쇼케이스서 \"인생작\"", "<p>영화 '밤의 항구'가 6월 개봉한다.</p>"),
        ("韓国ドラマ『港の灯り』（英題：Harbor Lights）5月16日よりNetflixで配信", ""),
        ("'Harbor Lights' review: a slow-burn K-drama that earns its tears", ""),
    ]
    inputs = []
    for title, body in entries:
        got = understand(title, body)
        inputs.append(
            ClusterInput(
                got.film,
                got.film_hangul,
                got.year,
                PUBLISHED,
                got.korean,
                title,
                strip_html(body),
            )
        )
    ids = cluster(inputs)
    assert ids[0] == ids[1] is not None
    assert ids[2] == ids[3] is not None
    assert ids[0] != ids[2]
