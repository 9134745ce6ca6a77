"""Issue 14's seventh round, written from development set 13's misses (tests/data/dev13): release
headlines of Chinese outlets without 起 and English ones with a bare day or a holiday, sections
and headlines that file an entry as a review or as other (劇評, 에세이, 화보, a poster, a list
under a /news/ path, a Japanese essay's own question), the name before a colon that is the
work's and not its figures', Chinese words and names that mark Korea. Each case is a general
shape, not an outlet's, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from headlines import classify_headline

from tracker.types import Kind
from tracker.understand.titles import book_titles

CHINESE = "<p>韓國電影。韓劇。</p>"
KOREAN_FILM = "<p>The Korean film. 韓国映画。</p>"


@pytest.mark.parametrize(
    ("title", "day"),
    [
        # (THURSDAY is 2 October 2025)
        ("韓國強片《紙月》10/17在台上映", date(2025, 10, 17)),
        ("趙寅成《紙月》10月17日（五）在台上映", date(2025, 10, 17)),
        ("朴贊郁《紙月》10月16日（四）香港上映", date(2025, 10, 16)),
        ("柳海真《紙月》下周四上映", date(2025, 10, 9)),
        ("《紙月》本週五（3日）Netflix上線", date(2025, 10, 3)),
    ],
)
def test_chinese_release_headlines_without_qi(title: str, day: date) -> None:
    r = classify_headline(title, CHINESE)
    assert r.kind == Kind.RELEASE and r.release_date == day, r.reasons


@pytest.mark.parametrize(
    ("title", "day"),
    [
        (
            "Spy thriller Harbour Lights opens in Canadian theatres Friday, Oct. 10",
            date(2025, 10, 10),
        ),
        (
            '"Harbour Lights" opens Christmas Day, with a January expansion to follow',
            date(2025, 12, 25),
        ),
        ("'Harbour Lights' to hit Malaysian cinemas Oct 16", date(2025, 10, 16)),
    ],
)
def test_english_release_headlines_with_a_bare_day_or_a_holiday(title: str, day: date) -> None:
    r = classify_headline(title, KOREAN_FILM)
    assert r.kind == Kind.RELEASE and r.release_date == day, r.reasons


def test_sections_and_headlines_that_file_a_review() -> None:
    r = classify_headline("《紙月》劇評：美則美矣 劇本迷路了", "<p>這部韓劇。</p>")
    assert r.kind == Kind.REVIEW, r.reasons
    # an essay section, its drama quoted after its kind
    r = classify_headline(
        "통역할 수 없는 마음에 대하여",
        "<p>드라마 '푸른 정원'은 두 사람의 이야기다.</p>",
        ("에세이",),
    )
    assert r.kind == Kind.REVIEW and r.film == "푸른 정원", r.reasons
    # "What X gets right" is an opinion piece, not a report
    r = classify_headline(
        "What 'Paper Moon' gets right about speaking three languages",
        "<p>The Korean drama.</p>",
        ("Opinion", "TV"),
    )
    assert r.kind == Kind.REVIEW, r.reasons
    # a Japanese essay's own question
    r = classify_headline(
        "イ・ジュノ『紙の月』お金がないと戦えないヒーローに、なぜこんなに共感するのか",
        "<p>韓国ドラマ。</p>",
    )
    assert r.kind == Kind.REVIEW, r.reasons


def test_sections_and_headlines_that_file_other() -> None:
    r = classify_headline("진서연의 겨울", "<p>배우 진서연의 화보.</p>", ("Culture", "화보"))
    assert r.kind == Kind.OTHER, r.reasons
    r = classify_headline("New poster for The King's Warden", KOREAN_FILM, ("News", "Posters"))
    assert r.kind == Kind.OTHER and r.film == "The King's Warden", r.reasons
    r = classify_headline(
        "Every Korean film heading to Australian cinemas in 2026",
        KOREAN_FILM,
        ("Lists",),
        "https://films.example.com/news/every-korean-film-2026/",
    )
    assert r.kind == Kind.OTHER, r.reasons


def test_titles_beside_their_figures_episodes_and_sections() -> None:
    r = classify_headline(
        "Paper Moon Ratings: Choi Soo-young's Courtroom Drama Hits Personal Best", KOREAN_FILM
    )
    assert r.film == "Paper Moon", r.reasons
    r = classify_headline("Paper Moon Episode 1 & 2 Review: A Legal Drama That Plays It Safe")
    assert r.film == "Paper Moon", r.reasons
    assert book_titles("〈影評〉《別無選擇》朴贊郁的驚悚喜劇") == ["別無選擇"]


def test_chinese_words_and_names_that_mark_korea() -> None:
    assert classify_headline("韓國春節檔強片《紙月》在台上映", "<p>電影。</p>").korean
    assert classify_headline("朴贊郁新片《紙月》影評", "<p>電影。</p>").korean
    # a Chinese director's film stays Chinese
    assert not classify_headline("張藝謀新片《紙月》影評", "<p>中國電影。</p>").korean


def test_an_outlet_s_own_review_label_before_the_title() -> None:
    r = classify_headline(
        "Geek Review: Paper Moon Episodes 1-4",
        "<p>The Korean drama.</p>",
        link="https://geekculture.example.co/geek-review-paper-moon/",
    )
    assert r.kind == Kind.REVIEW and r.film == "Paper Moon", r.reasons
    # a title before "Review:" is the title, on any site
    r = classify_headline(
        "Parasite Review: Bong's Masterpiece Still Bites",
        "<p>The Korean film.</p>",
        link="https://films.example.com/parasite-review/",
    )
    assert r.film == "Parasite", r.reasons


# -- the review of this round: what the new rules must not take ------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "台灣電影《小雁》入圍韓國釜山影展",
        "台灣電影《周處》獲韓國片商買下版權",
        "《哪吒2》劇組韓國宣傳照片曝光",
        "《我的阿勒泰》：素朴的日常之美",
        "是枝裕和監督の新作映画に韓国の俳優が出演",
        "Sandra Oh, a Korean Canadian actress, joins a new series",
        "North Korean actors defect to the South",
    ],
)
def test_korea_beside_another_country_s_work_is_not_korean(title: str) -> None:
    assert not classify_headline(title, "<p>電影。映画。The film.</p>").korean


@pytest.mark.parametrize(
    "title",
    [
        "《紙月》1月22日（四）香港上映首週票房奪冠",
        "《紙月》3/13在台上映至今突破1億",
        "《淚之女王》4月7日播出大結局 收視創新高",
        "香港影評人協會大獎揭曉",
        "『紙の月』なぜ終わるのか 監督が理由を語る",
        "Lovely Runner star hits Christmas Day ratings high with special episode",
        "Song Kang-ho heads to theaters Sunday to thank audiences",
        "Lee Jung-jae, the new poster boy of Korean cinema, signs with Marvel",
        "Squid Game star: 'I've seen Squid Game 3 and fans will cry'",
    ],
)
def test_reports_that_look_like_a_release_a_review_or_a_poster(title: str) -> None:
    r = classify_headline(title, "<p>The Korean drama. 韓劇。韓国ドラマ。</p>", ("News",))
    assert r.kind == Kind.NEWS, r.reasons


def test_a_ratings_headline_names_no_source_as_its_film() -> None:
    r = classify_headline(
        "Nielsen Ratings: Choi Soo-young's Courtroom Drama Hits Personal Best", KOREAN_FILM
    )
    assert r.film != "Nielsen", r.reasons
