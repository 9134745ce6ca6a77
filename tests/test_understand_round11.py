"""Issue 14's eleventh round, written from development set 17's misses (tests/data/dev17): a work
that opens at a named cinema whose lead names a "Centre", or whose subject is a kind of work and
a title ("Korean spy thriller Humint"), or flies into a country's cinemas; a lead whose episodes
debut on a weekday on a service; Chinese "下月8日" dates; Chinese year-end roundups (盘点); a
Chinese outlet's "Korean best actor" (韓國影帝); "새 기수 출연" is no foreign name. (A Korean desk's
drama-review tag as Korean television's words was dropped after the review: Korean outlets
review American and Japanese series under the same tags.) Each case is a
general shape, not an outlet's, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from headlines import classify_headline

from tracker.types import Kind

KOREAN_FILM = "<p>The Korean film. 韓国映画。</p>"


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        # (THURSDAY is 2 October 2025)
        (
            "Park Chan-wook’s pitch-black job-hunt comedy ‘No Other Choice’ opens Friday at the "
            "Music Box",
            "<p>South Korea’s Oscar submission opens Friday at the Music Box Theatre and "
            "Landmark’s Century Centre.</p>",
            date(2025, 10, 3),
        ),
        (
            "Korean spy thriller Harbour Lights opens at the Cineplex Forum on Oct. 10",
            KOREAN_FILM,
            date(2025, 10, 10),
        ),
        (
            "Harbour Lights flies into South African cinemas this Friday",
            KOREAN_FILM,
            date(2025, 10, 3),
        ),
        ("李炳憲主演《港口之光》下月8日香港上映", "<p>韓國電影。</p>", date(2025, 11, 8)),
        ("李炳憲主演《港口之光》下個月12號香港上映", "<p>韓國電影。</p>", date(2025, 11, 12)),
    ],
)
def test_release_headlines(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary)
    assert r.kind == Kind.RELEASE and r.release_date == day, r.reasons


def test_a_lead_whose_episodes_debut_on_a_weekday_on_a_service() -> None:
    r = classify_headline(
        "Streaming this week: two Korean stars face off in a prison thriller",
        "<p>The pick of the week is Harbour Lights, a twisty Korean series. All 12 episodes "
        "debut Friday on Netflix.</p>",
    )
    assert r.kind == Kind.RELEASE and r.release_date == date(2025, 10, 3), r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # a place that opens, with a kind of work before its name; an exhibition's lead
        ("Korean film archive Harbour Lights opens at the Barbican on Oct. 10", KOREAN_FILM),
        (
            "Harbour Lights opens Friday at the Barbican",
            "<p>The exhibition of Korean film posters opens Friday at the Barbican Centre.</p>",
        ),
        (
            "Parasite opens at the Curve on Thursday",
            "<p>The stage version of the Korean film opens at the Curve on Thursday.</p>",
        ),
        ("Korean horror Escape Room opens in Hongdae on Saturday", KOREAN_FILM),
        ("Money pours into Korean cinemas this month after discount vouchers", KOREAN_FILM),
        (
            "Harbour Lights: the first look at the Korean series",
            "<p>The trailer for the Korean series drops Friday on Netflix.</p>",
        ),
    ],
)
def test_what_opens_that_is_no_release(title: str, summary: str) -> None:
    assert classify_headline(title, summary).kind != Kind.RELEASE


def test_a_chinese_year_end_roundup_is_other() -> None:
    r = classify_headline("2025年度韩国影视盘点：电影回暖，剧集出海", "<p>韩国电影。</p>")
    assert r.kind == Kind.OTHER, r.reasons


def test_a_chinese_box_office_roundup_is_no_list() -> None:
    r = classify_headline("2025年度韩国电影票房盘点：《破墓》领跑", "<p>韩国电影。</p>")
    assert r.kind != Kind.OTHER, r.reasons


def test_a_chinese_outlets_korean_best_actor() -> None:
    r = classify_headline(
        "河正宇自導自演《樓上的人》 本週五（10月3日）在台上映",
        "<p>韓國影帝河正宇自導自演的喜劇《樓上的人》，本週五在台上映。</p>",
    )
    assert any("韓國影帝" in reason for reason in r.reasons), r.reasons


def test_a_korean_drama_review_of_a_foreign_series_stays_foreign() -> None:
    r = classify_headline(
        "[드라마 리뷰] ‘웬즈데이’ 시즌2, 더 어두워진 학교",
        "<p>팀 버튼 감독과 제나 오르테가 배우가 돌아온 미국 드라마 ‘웬즈데이’ "
        "시즌2는 더 어둡다.</p>",
    )
    assert not r.korean, r.reasons


def test_a_new_cohort_is_no_foreign_name() -> None:
    r = classify_headline(
        "‘나는 솔로’ 이번 기수, 첫인상 선택부터 파란",
        "<p>ENA·SBS Plus ‘나는 솔로’ 새 기수 출연자들이 첫인상 선택부터 예상 밖의 결과를 내놨다. "
        "이날 방송은 수도권 시청률 3.4%를 기록했다.</p>",
    )
    assert r.korean, r.reasons
