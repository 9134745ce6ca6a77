"""Issue 14's eighth round, written from development set 14's misses (tests/data/dev14): release
headlines that stream "from" a day, name the service between the day and 첫 공개, or give the
month inside a Chinese weekday's brackets; a festival's possessive that describes a work; lists
and profiles that are other; Korean evidence from a Korean text's own credits ("배우 박해준이"),
a Korean broadcaster's shows in Korean and Japanese texts, Korea before a Chinese title's
brackets; titles bounded by an appositive, a festival label or the people after a colon. Each
case is a general shape, not an outlet's, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from headlines import classify_headline

from tracker.types import Kind

KOREAN_FILM = "<p>The Korean film. 韓国映画。</p>"
CHINESE = "<p>韓國電影。韓劇。</p>"


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        # (THURSDAY is 2 October 2025)
        (
            "Kim Min-ha's 'Harbour Lights' streaming from Saturday, October 11 on Netflix",
            KOREAN_FILM,
            date(2025, 10, 11),
        ),
        (
            "‘항구의 빛’ 오는 10일 티빙서 첫 공개…“다시 한 집에”",
            "<p>티빙 오리지널.</p>",
            date(2025, 10, 10),
        ),
        ("新片《港口之光》定档下周五（10月10日）全国上映", CHINESE, date(2025, 10, 10)),
        (
            "Na Hong-jin's Harbour Lights, Cannes's most ferocious creature feature, opens in "
            "Canadian theatres this Friday",
            KOREAN_FILM,
            date(2025, 10, 3),
        ),
    ],
)
def test_release_headlines(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary)
    assert r.kind == Kind.RELEASE and r.release_date == day, r.reasons


def test_a_festival_named_as_such_is_still_news() -> None:
    r = classify_headline("Cannes unveils its 2026 lineup with two Korean films", KOREAN_FILM)
    assert r.kind == Kind.NEWS, r.reasons
    r = classify_headline("Busan festival opens with Harbour Lights", KOREAN_FILM)
    assert r.kind == Kind.NEWS, r.reasons


def test_a_streaming_figure_is_no_release() -> None:
    # "streaming from" needs a day after it: a chart is not a date
    r = classify_headline("Harbour Lights streaming from top of the chart", KOREAN_FILM)
    assert r.kind != Kind.RELEASE, r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "categories"),
    [
        ("2025年度十佳韩剧：第一名没有悬念", "<p>年末盘点来了。今年的韩剧。</p>", ()),
        ("今年必看的韩剧", "<p>韩剧。</p>", ("娱乐", "盘点")),
        ("NOVA Members Profile (Updated!)", "<p>NOVA is a boy group under a K-pop label.</p>", ()),
        ("NOVA Members Profile & Facts", "<p>NOVA is a boy group.</p>", ("Boy Groups",)),
        ("Everything about NOVA", "<p>NOVA is a boy group; a K-pop act.</p>", ("Profiles",)),
    ],
)
def test_lists_and_profiles_are_other(
    title: str, summary: str, categories: tuple[str, ...]
) -> None:
    r = classify_headline(title, summary, categories)
    assert r.kind == Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # a Korean text's own actor, credited before the name
        (
            "한도윤 “‘항구의 빛’ 대통령 후보 역, 목소리부터 바꿨다”",
            "<p>배우 한도윤이 디즈니플러스 시리즈 ‘항구의 빛’ 종영 소감을 전했다.</p>",
        ),
        # a Korean broadcaster's audition show
        (
            "‘노래의 밤4’ 다음 달 14일 첫 방송…“다시 한 번 기회를”",
            "<p>JTBC 오디션 프로그램 ‘노래의 밤4’가 다음 달 14일 첫 방송된다.</p>",
        ),
        # a Hollywood actor in the cast, a Korean star's move there
        (
            "디즈니플러스 ‘항구의 빛’ 오는 10일 공개…합류",
            "<p>배우 한도윤이 출연하고, 할리우드 배우 존 조가 합류했다.</p>",
        ),
        # a Japanese text's Korean broadcaster and its shows
        (
            "『ランランマン』メンバー、東京でファンミーティング",
            "<p>SBSの人気バラエティー番組『ランランマン』のメンバーが集まった。</p>",
        ),
        (
            "『港の光』最終回で視聴率12.7%",
            "<p>tvNの週末ドラマ『港の光』が最終回を迎えた。</p>",
        ),
        # Korea before a Chinese title's brackets
        ("韓國黑幫喜劇《老大》下週五在台上映", "<p>本片在台為輔12級。</p>"),
        # K-pop's mini albums
        (
            "NOVA Discography: Every Album And Song, Ranked By Fans",
            "<p>Since their debut, NOVA have released three mini albums.</p>",
        ),
    ],
)
def test_korean_without_a_curated_name(title: str, summary: str) -> None:
    r = classify_headline(title, summary)
    assert r.korean is True, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # another country's actor credited the same way
        ("유역비, 새 영화 촬영 시작", "<p>중국 배우 유역비가 촬영을 시작했다.</p>"),
        ("새 영화 촬영 시작", "<p>할리우드 배우 존 조가 새 영화 촬영을 시작했다.</p>"),
        # a role word before a noun, not a name
        ("연기 학원 열풍", "<p>배우 지망생이 늘었다. 배우 이름을 외운다.</p>"),
        # an American film in a Korean text
        ("‘스타 로드’ 개봉", "<p>할리우드 블록버스터 ‘스타 로드’가 개봉했다.</p>"),
        # Korea's viewers of a Chinese film
        ("《山海》上映", "<p>這部中國電影在韓國觀眾之間也很受歡迎。</p>"),
        # a Japanese broadcaster's show
        ("『夜の街』最終回", "<p>日本テレビの連続ドラマ『夜の街』が最終回を迎えた。</p>"),
    ],
)
def test_not_korean(title: str, summary: str) -> None:
    r = classify_headline(title, summary)
    assert r.korean is False, r.reasons


@pytest.mark.parametrize(
    ("title", "film"),
    [
        (
            "Na Hong-jin's Harbour Lights, Cannes's most ferocious creature feature, opens in "
            "Canadian theatres this Friday",
            "Harbour Lights",
        ),
        (
            "Cannes 2026: Na Hong-jin's Harbour Lights is a monster movie with a wounded heart",
            "Harbour Lights",
        ),
        (
            "Night Market 4 first episodes review: the exes are back, and so are the tears",
            "Night Market 4",
        ),
        (
            "Hangout At Noon: Yoo Jae-suk, Haha And Joo Woo-jae Launch Year-End Charity Drive",
            "Hangout At Noon",
        ),
    ],
)
def test_titles_bounded_by_headline_grammar(title: str, film: str) -> None:
    r = classify_headline(title, KOREAN_FILM)
    assert r.film == film, r.reasons


def test_a_section_label_before_names_is_no_title() -> None:
    r = classify_headline("Exclusive: Yoo Jae-suk And Haha Launch A Charity Drive", KOREAN_FILM)
    assert r.film != "Exclusive", r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "チョ・ハナとキム・ミレ、二人の“沈黙”がこんなにも怖い理由",
            "<p>韓国ドラマ『港の光』を観ていると、台詞のない時間がいちばん恐ろしい。</p>",
        ),
        (
            "ナ・ミンソ監督『港の光』が暴いた“見ない”という暴力",
            "<p>韓国映画『港の光』は、まことに見事な映画だ。</p>",
        ),
    ],
)
def test_japanese_essay_headlines(title: str, summary: str) -> None:
    r = classify_headline(title, summary)
    assert r.kind == Kind.REVIEW, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        # a reason a director gives, a figure's news
        "『港の光』がこんなにもヒットした理由を監督が説明",
        "韓国ドラマ『港の光』が暴いた不正、国会で議論に　視聴率12%突破",
    ],
)
def test_japanese_news_headlines_stay_news(title: str) -> None:
    r = classify_headline(title, "<p>韓国ドラマ『港の光』の話題。</p>")
    assert r.kind == Kind.NEWS, r.reasons
