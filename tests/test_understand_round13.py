"""Issue 14's thirteenth round, written from the release misses of the spent held-out set 18
(measured before and after round 12) and from the other spent sets: a Chinese outlet's own
place and cinemas between the day and 上映 ("下周四在本地上映"), a work that 登陆 a service on its
day, this month's day (本月12日); a Japanese weekday with に before the service
(来週金曜にNetflixで配信); a work that lands "on your screens" on its day, or opens at a cinema
"from" a weekday; a service or a distributor that "dates" a work; "still" the adverb, which is
no stills' promotion; a Korean 비평 section, a "Recaps" section and a critic's notebook, which
file reviews; Japanese stars counted ("（評価：星4つ）"); a Korean text's drama by its actors'
credits ("이나영이 연기하는 대표", "막내 역의 조아람은"), a single weekday's slot ("JTBC
금요드라마"), and words before 배우 that are no foreign name ("활약 중인 배우", "아역 배우").
Each case is a general shape, not an outlet's, written for these tests; each rule has its guard
beside it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind

KOREAN_FILM = "<p>The Korean film. 韓国映画。韓國電影。</p>"
#: a Tuesday
TUESDAY = datetime(2025, 12, 16, 1, tzinfo=UTC)


#: a lead that dates the work, for the headlines that leave the day to it
LEAD = "<p>The new Korean film opens in New York and Los Angeles on March 6.</p>"


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        ("李秉宪新片《港口之光》下周四在本地上映", KOREAN_FILM, date(2025, 12, 25)),
        ("李秉宪新片《港口之光》12月24日起在本地戏院上映", KOREAN_FILM, date(2025, 12, 24)),
        ("李秉憲新片《港口之光》下個月4日在台灣上映", KOREAN_FILM, date(2026, 1, 4)),
        ("韩国灾难片《港口之光》本周五登陆Netflix", KOREAN_FILM, date(2025, 12, 19)),
        ("韩国动作片《港口之光》本月28日上映", KOREAN_FILM, date(2025, 12, 28)),
        ("韩国电影《港口之光》12月24日登陆本地各大院线", KOREAN_FILM, date(2025, 12, 24)),
        ("韓国映画『港の灯』 来週金曜にNetflixで世界同時配信", KOREAN_FILM, date(2025, 12, 26)),
        (
            "Korean Drama 'Harbour Lights' Lands On Your Screens This Saturday",
            KOREAN_FILM,
            date(2025, 12, 20),
        ),
        (
            "Korean heist thriller Harbour Lights opens at Rialto from Thursday",
            LEAD,
            date(2025, 12, 18),
        ),
        ("Well Go USA dates Park Chan-wook's thriller “Harbour Lights”", LEAD, date(2026, 3, 6)),
        ("Netflix dates Korean thriller ‘Harbour Lights’", LEAD, date(2026, 3, 6)),
    ],
)
def test_a_release_in_these_shapes_is_dated(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary, published=TUESDAY)
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == day, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # landed already, put in question, or after the release
        ("《港口之光》上周五登陆Netflix后 登上全球榜首", KOREAN_FILM),
        ("《港口之光》下周四在本地上映？片方回应", KOREAN_FILM),
        ("《港口之光》12月4日在本地上映了 票房惨淡", KOREAN_FILM),
        ("《港口之光》本月12日在本地上映后口碑两极", KOREAN_FILM),
        # a typhoon lands too
        ("强台风本周五登陆台湾 气象局发布警报", KOREAN_FILM),
        # streaming ends, or a press conference that day
        ("『港の灯』来週金曜にNetflixで配信終了", KOREAN_FILM),
        ("『港の灯』16日(金)よりNetflixで配信終了", KOREAN_FILM),
        ("『港の灯』来週金曜に記者会見", KOREAN_FILM),
        # what else opens, a noun, or people dating
        ("Korean Film Week opens at Rialto from Thursday", LEAD),
        ("New Korean restaurant opens at Westfield from Thursday", LEAD),
        ("Netflix Dates Announced for Squid Game tour", LEAD),
        ("Netflix dates are hard to find", LEAD),
        ("Jisoo dates actor Ahn Bo-hyun, agency confirms", LEAD),
    ],
)
def test_what_is_no_release_in_those_shapes(title: str, summary: str) -> None:
    assert classify_headline(title, summary, published=TUESDAY).kind != Kind.RELEASE


@pytest.mark.parametrize(
    "title",
    [
        "'Harbour Lights' Proves Weekend Family Dramas Still Have Bite",
        "Harbour Lights is back, and its chefs are still the best thing on television",
        "JTBC's new drama 'Still Shining' casts Kim Min-ju",
    ],
)
def test_still_the_adverb_or_a_title_is_no_promotion(title: str) -> None:
    assert classify_headline(title, KOREAN_FILM).kind != Kind.OTHER


@pytest.mark.parametrize(
    "title",
    ["Harbour Lights: New Still of Lee Byung-hun", "Harbour Lights releases stills"],
)
def test_stills_are_still_promotion(title: str) -> None:
    assert classify_headline(title, KOREAN_FILM).kind == Kind.OTHER


@pytest.mark.parametrize(
    "category", ["비평", "드라마 비평", "Recaps", "TV Recaps", "Critic's Notebook"]
)
def test_a_critique_recap_or_critic_section_files_a_review(category: str) -> None:
    r = classify_headline(
        "붉은 선이 보이는 순간, 우리는 모두 공범이 된다", KOREAN_FILM, categories=(category,)
    )
    assert r.kind == Kind.REVIEW, r.reasons


@pytest.mark.parametrize(
    ("line", "rating"),
    [("（評価：星4つ）", 4.0), ("採点：星3つ半。", 3.5), ("（星5つ）", 5.0)],
)
def test_japanese_stars_counted_are_a_rating(line: str, rating: float) -> None:
    r = classify_headline("港の灯の毒と笑い", f"<p>韓国映画『港の灯』。6日公開。</p><p>{line}</p>")
    assert r.rating == rating and r.kind == Kind.REVIEW, r.reasons


def test_a_four_star_hotel_is_no_rating() -> None:
    r = classify_headline(
        "港の灯のロケ地", "<p>韓国映画『港の灯』の撮影で星4つホテルに泊まった</p>"
    )
    assert r.rating is None


@pytest.mark.parametrize(
    "summary",
    [
        "<p>드라마는 세 변호사의 이야기다. 이나영이 연기하는 대표는 늘 한발 늦게 웃는다.</p>",
        "<p>MBC 〈항구의 불빛〉은 웃기면서도 아프다. 막내 역의 조아람은 밝음을 잃지 않는다.</p>",
        "<p>드라마 〈항구의 불빛〉에서 형사를 연기한 이수혁은 예전의 이미지를 벗었다.</p>",
        "<p>배우 이주명이 JTBC 금요드라마 ‘항구의 불빛’을 떠나보낸 소감을 밝혔다. "
        "촬영 중 아역 배우와 가까워졌다.</p>",
        "<p>tvN 토일드라마 ‘항구의 불빛’에서 막내로 활약 중인 배우 소주연을 만났다.</p>",
    ],
)
def test_a_korean_text_credits_its_own_actors(summary: str) -> None:
    r = classify_headline("‘항구의 불빛’이 남긴 것", summary)
    assert r.korean, r.reasons


def test_what_credits_no_korean_actor() -> None:
    # another country's drama: a Chinese star's name read in Korean has the same shape
    r = classify_headline(
        "‘항구의 불빛’이 남긴 것",
        "<p>중국 드라마 〈항구의 불빛〉에서 양조위가 연기하는 형사는 말이 없다.</p>",
    )
    assert not r.korean, r.reasons


def test_the_parts_words_credit_no_name() -> None:
    # (round 17: a Korean text on a drama with nothing from abroad is Korean by that alone;
    # the part's words are still no actor's name)
    r = classify_headline(
        "‘항구의 불빛’이 남긴 것", "<p>드라마에서 막내 역의 주인공은 늘 웃는다.</p>"
    )
    assert not any("Korean name" in reason for reason in r.reasons), r.reasons


@pytest.mark.parametrize("slot", ["금요드라마", "토요 드라마", "월화드라마"])
def test_a_korean_channel_s_weekday_drama_is_korean(slot: str) -> None:
    r = classify_headline(f"JTBC {slot} ‘항구의 불빛’ 오늘 첫 방송", "<p>오늘 밤 첫 방송된다.</p>")
    assert r.korean, r.reasons
