"""Issue 14's fourteenth round, written from the misses of the spent held-out set 19 (measured
before and after round 13) and checked against every other set: a Chinese headline that names
a service or a drama inside its own script ("本周五Netflix上线", "古装剧", "谍战片"), a Chinese
service or "抢先" before the verb, the cinemas of a place after 登陆 ("登陆大马戏院"); a work
that "Opens Here This Thursday" under a "Title: what it is" headline; a title the link repeats
that ends with a possessive ("Why Harbour's Quiet Hero ...": the work; "Harbour Lights: Kim
Min-ju's ...": the work before the colon) or runs into "box office"; "Our grade: A-"; people
counted or addressed ("선생님들이 출연"), which are no foreign name; and a Korean name in
katakana with a fan meeting in Japan. Each case is a general shape, not an outlet's, written
for these tests; each rule has its guard beside it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind

#: a Monday
MONDAY = datetime(2026, 2, 2, 3, tzinfo=UTC)
#: a lead with no word of film or television: the headline alone must say it
CHINESE_LEAD = "<p>详情请见官方公告。</p>"


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("《港口之光》本周五Netflix上线 母女困在水中公寓", date(2026, 2, 6)),
        ("古装剧《港口之光》2月12日起爱奇艺播出", date(2026, 2, 12)),
        ("谍战片《港口之光》下个月4日登陆大马戏院", date(2026, 3, 4)),
        ("《港口之光》2月13日（五）全台搶先全球上映", date(2026, 2, 13)),
    ],
)
def test_a_chinese_release_in_these_shapes_is_dated(title: str, day: date) -> None:
    r = classify_headline(title, CHINESE_LEAD, published=MONDAY)
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == day, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        # a drama's genre, a service inside the Chinese text: about film and television
        "张凌赫《港口之光》口碑两极 古装剧再掀热潮",
        "《港口之光》登Netflix全球非英语榜冠军",
    ],
)
def test_a_chinese_headline_about_a_drama_or_a_chart_is_not_other(title: str) -> None:
    assert classify_headline(title, CHINESE_LEAD, published=MONDAY).kind != Kind.OTHER


@pytest.mark.parametrize(
    "title",
    [
        # a tragedy is no drama, an app goes online too, and a typhoon lands on no cinema
        "一场悲剧：本地商场周五发生火灾",
        "新版购物App本周五上线",
        "强台风下个月4日登陆大马 气象局发布警报",
    ],
)
def test_what_is_no_film_or_release_in_those_shapes(title: str) -> None:
    r = classify_headline(title, "<p>本地新闻。</p>", published=MONDAY)
    assert r.kind != Kind.RELEASE, r.reasons


def test_a_work_that_opens_here_under_a_title_and_what_it_is_is_a_release() -> None:
    r = classify_headline(
        "Harbour Lights: Kim Min-ju's Bleak Comedy About A Fishing Town Opens Here This Thursday",
        "<p>The Korean film opens in cinemas this Thursday, rated PG13.</p>",
        link="https://example.com/movies/harbour-lights-kim-min-ju-opens-thursday-81231",
        published=MONDAY,
    )
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == date(2026, 2, 5), r.reasons


@pytest.mark.parametrize(
    ("title", "link", "film"),
    [
        (
            "Why Driftwood's Lonely Chef Is The Most Lovable K-Drama Dad Of The Year",
            "https://example.com/tv/driftwood-kim-min-ju-tvn-lovable-dad-80012",
            "Driftwood",
        ),
        (
            "Why Moonglade's Broke Detective Is This Year's Best K-Drama Hero",
            "https://example.com/tv/moonglade-kim-min-ju-broke-detective-80013",
            "Moonglade",
        ),
        (
            # (an owner whose name the link repeats, then another's)
            "Harbour Lights: Hyun Bin's Gritty Fishing Saga Streams On Netflix From Feb 6",
            "https://example.com/tv/harbour-lights-hyun-bin-jung-woo-sung-netflix-80014",
            "Harbour Lights",
        ),
        (
            "Moonglade box office: Kim Min-ju's thriller crosses 2 million admissions",
            "https://example.com/movies/moonglade-box-office-kim-min-ju-thriller-2-million-80015",
            "Moonglade",
        ),
    ],
)
def test_a_title_the_link_repeats_leaves_its_owner_and_box_office_out(
    title: str, link: str, film: str
) -> None:
    summary = (
        "<p>Director Lee Do-hyun's new work stars Kim Min-ju. It is a Korean drama with a "
        "light touch.</p><p>Rating: 4/5</p>"
    )
    r = classify_headline(title, summary, link=link, published=MONDAY)
    assert r.film == film, r.reasons


@pytest.mark.parametrize(
    ("line", "rating"),
    [("Our grade: A-", 4.17), ("Final verdict: B+", 3.75), ("My rating: C", 2.08)],
)
def test_the_outlet_s_own_grade_in_lower_case_is_a_rating(line: str, rating: float) -> None:
    r = classify_headline(
        "'Harbour Lights' Is the Fishing-Town K-Drama We Needed",
        f"<p>The new Korean drama is slow and lovely.</p><p><strong>{line}</strong></p>",
    )
    assert r.rating == rating, r.reasons


def test_a_grade_in_a_sentence_is_no_rating() -> None:
    r = classify_headline(
        "'Harbour Lights' Is the Fishing-Town K-Drama We Needed",
        "<p>The new Korean drama is slow and lovely. Our grade: A reason to stay up late.</p>",
    )
    assert r.rating is None, r.reasons


def test_people_counted_or_addressed_are_no_foreign_name() -> None:
    r = classify_headline(
        "'섬마을 퀴즈', 추석 특집 시청률 4.8%…유재석·조세호 눈물",
        "<p>tvN '섬마을 퀴즈' 추석 특집이 4.8%를 기록했다. 이날 방송에는 분교 "
        "선생님들이 출연해 유재석과 조세호를 울렸다.</p>",
    )
    assert r.korean, r.reasons


@pytest.mark.parametrize(
    ("title", "korean"),
    [
        ("イ・ドヒョン、3月7日（土）に大阪で来日ファンミーティング開催", True),
        ("キム・ミンジュ、初のペンミを東京で開催", True),
        # one name alone, without a fan meeting, may be a Western one of the same shape
        ("ハン・ソロ、3月7日（土）に大阪で上映会", False),
        # an American film with a K-pop billing and a Korean voice actor is not Korean
        ("『KPOPガールズ！ ハーバー・ライツ』イ・ドヒョンが声の出演", False),
    ],
)
def test_a_korean_name_in_katakana_with_a_fan_meeting_is_korean(title: str, korean: bool) -> None:
    r = classify_headline(title, "<p>ドラマ『港の灯』で人気の俳優。詳細は公式サイトで。</p>")
    assert r.korean == korean, r.reasons
