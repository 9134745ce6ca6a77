"""Issue 14's tenth round, written from development set 16's misses (tests/data/dev16) and from
the misses of the spent held-out sets 9 to 15, now that each has been measured before and after
its own round: release headlines whose verb takes the service without "on" ("hits Netflix on
September 26"), that open in a named place, on a holiday, "tomorrow" on a service, a weekday in
brackets (Korean "19일(금)", Chinese "（星期四）", Japanese "日本初放送"), a Chinese service before
or after its place (全球, 同步); a weekday after a past event and a present release verb; lists
("Eight Korean dramas to binge", "十大精選", "必看韓劇TOP10"); a K-pop act's music-show win and
concert filed under 가요; a Korean desk's first-episode review ([첫방]); a show named before a
colon. Each case is a general shape, not an outlet's, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from headlines import classify_headline

from tracker.types import Kind

KOREAN_FILM = "<p>The Korean film. 韓国映画。</p>"
KOREAN_DRAMA = "<p>한국 드라마. 韓国ドラマ。韓劇。</p>"


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        # (THURSDAY is 2 October 2025)
        ("Harbour Lights hits Netflix on October 17", KOREAN_FILM, date(2025, 10, 17)),
        ("Korean thriller Harbour Lights Hits Netflix Tomorrow", KOREAN_FILM, date(2025, 10, 3)),
        ("Harbour Lights drops on Netflix tomorrow: what to know", KOREAN_FILM, date(2025, 10, 3)),
        (
            "Korean drama 'Harbour Lights' streams on Prime Video from tomorrow",
            KOREAN_DRAMA,
            date(2025, 10, 3),
        ),
        (
            "Korean gangster comedy 'Harbour Lights' opens in Malaysia on Oct 16",
            KOREAN_FILM,
            date(2025, 10, 16),
        ),
        ("Harbour Lights Opens in Toronto This Friday", KOREAN_FILM, date(2025, 10, 3)),
        (
            "Harbour Lights opens at the Filmhouse on Friday, 10 October",
            KOREAN_FILM,
            date(2025, 10, 10),
        ),
        (
            "Korean hit Harbour Lights Is Hitting Malaysian Cinemas This Friday",
            KOREAN_FILM,
            date(2025, 10, 3),
        ),
        (
            "Harbour Lights, the K-drama about three sisters, Starts Streaming Tomorrow",
            KOREAN_DRAMA,
            date(2025, 10, 3),
        ),
        (
            "Kokuho at the Vancity Theatre: the kabuki epic opens Friday (October 10)",
            "<p>.</p>",
            date(2025, 10, 10),
        ),
        (
            "Hope: the Korean monster movie is in cinemas from Thursday",
            KOREAN_FILM,
            date(2025, 10, 2),
        ),
        (
            "Harbour Lights: Netflix's Korean romance is out this Friday, here's the cast",
            KOREAN_DRAMA,
            date(2025, 10, 3),
        ),
        (
            "Two sisters steal a fortune in Harbour Lights, opening Friday",
            "<p>The Korean crime film played Toronto last fall and opens Friday at the Varsity.</p>",
            date(2025, 10, 3),
        ),
        ("Harbour Lights hits Netflix on Friday 10th October", KOREAN_FILM, date(2025, 10, 10)),
        ("조아람 ‘항구의 빛’ 10일(금) 첫 방송…세 자매의 분투기", KOREAN_DRAMA, date(2025, 10, 10)),
        ("『港の光』10月10日（金）から日本初放送", KOREAN_DRAMA, date(2025, 10, 10)),
        ("『港の光』10月10日から映画館で期間限定上映", KOREAN_FILM, date(2025, 10, 10)),
        ("韓國大片《港口之光》10月9日（星期四）在港上映", KOREAN_FILM, date(2025, 10, 9)),
        ("《港口之光》10月10日（週五）全台上映", KOREAN_FILM, date(2025, 10, 10)),
        ("《港口之光》下週五Netflix全球上架", KOREAN_FILM, date(2025, 10, 10)),
        ("李帝勳《港口之光》回歸！本週五（3日）起Netflix同步上線", KOREAN_DRAMA, date(2025, 10, 3)),
    ],
)
def test_release_headlines(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary)
    assert r.kind == Kind.RELEASE and r.release_date == day, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Harbour Lights lands in theaters Christmas Day — here's why you should see it",
        "Harbour Lights sing-along returns to UK cinemas on Halloween",
    ],
)
def test_holiday_releases(title: str) -> None:
    assert classify_headline(title, KOREAN_FILM).kind == Kind.RELEASE


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # a chart, a trailer, a restaurant, the past
        ("Harbour Lights hits Netflix's top 10 on Friday", KOREAN_FILM),
        ("Harbour Lights hits Netflix top 10 for a third week", KOREAN_FILM),
        ("Harbour Lights trailer drops tomorrow", KOREAN_FILM),
        ("Harbour Lights was in cinemas from Thursday to Sunday", KOREAN_FILM),
        ("『港の光』予告編、10日初公開", KOREAN_FILM),
    ],
)
def test_headlines_that_announce_no_release(title: str, summary: str) -> None:
    assert classify_headline(title, summary).kind != Kind.RELEASE


def test_a_past_event_before_a_present_release_verb_keeps_the_weekday_ahead() -> None:
    r = classify_headline(
        "Harbour Lights opens Friday",
        "<p>The Korean film premiered at Busan last month and opens Friday at the Varsity.</p>",
    )
    assert r.release_date == date(2025, 10, 3), r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Eight Korean dramas to binge over the Christmas break",
        "5 Reasons Why Harbour Lights Is The K-Drama To Watch On Viu Right Now",
        "London Korean Film Festival 2025: six to catch",
        "London Korean Film Festival 2025: ten films not to miss",
        "The Korean Genre Films We Can't Wait to See in 2026",
        "2026韓劇追劇清單｜10部必睇新劇 有你期待嘅未？",
        "2025年必看韓劇TOP10　第一名讓網友哭了三集",
        "影迷必睇！香港韓國電影節十大精選",
        "2025 예능 결산…'아는 형님'부터 '보이즈 2 플래닛'까지 화제성 TOP 10",
    ],
)
def test_lists_are_other(title: str) -> None:
    r = classify_headline(title, KOREAN_DRAMA)
    assert r.kind == Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "5 reasons why the Korean box office fell this autumn",
        "Harbour Lights enters the top 10 of the Busan festival's audience poll",
    ],
)
def test_news_that_counts_is_no_list(title: str) -> None:
    assert classify_headline(title, KOREAN_FILM).kind != Kind.OTHER


def test_a_music_show_win_is_music() -> None:
    r = classify_headline(
        "킥플립, 데뷔 10개월 만에 첫 음악방송 1위…“멤버들과 울었다”",
        "<p>그룹 킥플립이 데뷔 후 처음으로 음악방송 1위에 올랐다.</p>",
        categories=("연예", "가요"),
    )
    assert r.kind == Kind.OTHER and r.korean, r.reasons


def test_a_drama_on_a_broadcast_channel_is_still_television() -> None:
    r = classify_headline(
        "'항구의 빛' 시청률 7.2%…방송 2주 만에 1위",
        "<p>MBC 금토드라마 '항구의 빛'이 시청률 1위에 올랐다.</p>",
        categories=("연예", "방송"),
    )
    assert r.kind == Kind.NEWS, r.reasons


def test_a_first_episode_review_tag_is_a_review() -> None:
    r = classify_headline(
        "[첫방] '항구의 빛', 느리게 흐르는 첫사랑의 시간… 잔잔함이 무기",
        "<p>5일 첫 방송된 JTBC 새 금요드라마 '항구의 빛'은 담담했다.</p>",
        categories=("연예", "방송"),
    )
    assert r.kind == Kind.REVIEW, r.reasons


def test_the_show_before_a_colon_is_the_title() -> None:
    r = classify_headline(
        "Harbour Nights: Youngest Member Returns After Health Break, Episode Climbs To 5.1%",
        "<p>The youngest member returned to SBS's Harbour Nights on Sunday; the Korean variety "
        "show recorded 5.1% nationwide.</p>",
        link="https://example.com/harbour-nights-youngest-member-returns-after-health-break",
    )
    assert r.film == "Harbour Nights", r.reasons
