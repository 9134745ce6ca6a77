"""Issue 14's fifth round, written from the development set's misses (tests/data/dev11): an
opinion section on one work under a headline that reports nothing, an essay headline naming no
work over a text that marks one, sections of quizzes and rankings, release headlines and days
in more shapes (a Japanese service with a hyphen or a space, a numeric day with its weekday, a
Chinese "起", a Korean weekday of next week or today's day in brackets with an hour, an English
numeric day after "out" or the theaters, a work arriving this weekend), Japanese "来月" days,
Chinese film words. Each case is a general shape, not an outlet's, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from headlines import classify_headline as _classify

from tracker.types import Kind


def test_a_column_on_one_work_under_a_headline_that_reports_nothing_is_a_review() -> None:
    r = _classify(
        "‘바다의 끝’이 불러낸 1997년의 겨울", "<p>tvN 드라마 ‘바다의 끝’은 ...</p>", ("칼럼",)
    )
    assert r.kind == Kind.REVIEW, r.reasons
    r = _classify(
        "芸の血か、血の芸か――『潮騒』が問いかけるもの", "<p>映画『潮騒』は……</p>", ("コラム",)
    )
    assert r.kind == Kind.REVIEW, r.reasons
    # (under a headline that reports, a column is the opinion page's news: round 4's test)


def test_an_essay_section_on_a_work_only_its_text_names_is_a_review() -> None:
    # the headline names no work; the first paragraph marks one, in italics or 『』
    lead = (
        "<p>The first image is of bees. In Kim Ha-na's <em>The Quiet Orchard</em>, a farmer "
        "abducts a banker he is sure is a spy.</p>"
    )
    r = _classify("A Beekeeper's Paranoia Is Contagious", lead, ("Film", "Essays"))
    assert r.kind == Kind.REVIEW, r.reasons
    assert r.film == "The Quiet Orchard", r.reasons
    japanese = "<p>1980年代の韓国を舞台にしたのが、Netflixシリーズ『潮騒』だ。</p>"
    r = _classify("欲望を撮る女たち、撮られる女たち", japanese, ("映画", "コラム"))
    assert r.kind == Kind.REVIEW, r.reasons
    # outside an essay section, a news lead that marks a work stays news (a helper's review)
    for title, text in (
        (
            "Youn Yuh-jung to Be Honored by Academy",
            "<p>Youn Yuh-jung, who won an Oscar for her performance in <em>Minari</em>, will "
            "be honored next month.</p>",
        ),
        (
            "Korean Film Council Funds 12 Projects",
            "<p>The Korean Film Council said it will fund 12 projects, including a sequel to "
            "<em>Exhuma</em>.</p>",
        ),
        ("A Beekeeper's Paranoia Is Contagious", lead),
    ):
        assert _classify(title, text, ("Film",)).kind != Kind.REVIEW, title
    # a programme marks many works, once each: no one work is the subject
    programme = (
        "<p>From <em>Oldboy</em> to <em>The Handmaiden</em> and <em>Burning</em>, a ten-week "
        "series runs through March.</p>"
    )
    assert (
        _classify("The cinema programs a winter of Korean films", programme, ("Essays",)).film
        != "Oldboy"
    )


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("『パラサイト』が興行収入50億円を突破", "コラム"),
        ("‘기생충’ 흑백판 내달 재개봉", "칼럼"),
        ("'Squid Game' Season 3 Is Netflix's Most-Watched Show Ever", "Opinion"),
    ],
)
def test_a_column_that_reports_a_figure_or_an_event_is_not_a_review(
    title: str, category: str
) -> None:
    r = _classify(title, "<p>영화 映画 film.</p>", (category,))
    assert r.kind != Kind.REVIEW, r.reasons


@pytest.mark.parametrize("category", ["Quiz", "ランキング", "Rankings", "순위"])
def test_a_section_of_quizzes_or_rankings_is_other(category: str) -> None:
    r = _classify("The year in screen: how much do you remember?", "<p>Films.</p>", (category,))
    assert r.kind == Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("title", "categories"),
    [
        ("'Pro Bono' tops weekend ratings as finale nears", ("Dramas", "Rankings")),
        ("‘좀비딸’, 박스오피스 1위…500만 관객 돌파", ("영화", "순위")),
        ("Netflix confirms Squid Game spin-off", ("News", "Quiz")),
    ],
)
def test_a_report_filed_under_a_ranking_section_stays_news(
    title: str, categories: tuple[str, ...]
) -> None:
    r = _classify(title, "<p>Weekend figures. 영화.</p>", categories)
    assert r.kind != Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("title", "day", "link"),
    [
        ("チェ・スヨン主演『潮騒』1月3日（土）よりU-NEXTで独占配信", date(2026, 1, 3), None),
        ("『潮騒』11月6日（木）よりPrime Videoで見放題独占配信", date(2025, 11, 6), None),
        ("イ・ハニ主演『潮騒』2026.2.13（金）公開", date(2026, 2, 13), None),
        ("古裝片《潮騒》3/13起在台上映", date(2026, 3, 13), None),
        ("김다미 주연 ‘바다의 끝’, 다음 주 금요일 넷플릭스 공개", date(2025, 10, 10), None),
        ("‘바다의 끝’ 오늘(2일) 밤 10시 40분 첫 방송", date(2025, 10, 2), None),
        (
            "The Quiet Orchard is out 16/1 – and fans love the trailer",
            date(2026, 1, 16),
            "https://x.co.uk/a",
        ),
        (
            "Studio Sets 'The Quiet Orchard' for North American Theaters 3/6",
            date(2026, 3, 6),
            "https://x.com/a",
        ),
    ],
)
def test_release_headlines_in_more_shapes(title: str, day: date, link: str | None) -> None:
    r = _classify(title, "<p>映画 drama 영화 電影</p>", link=link)
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == day, r.reasons


def test_a_work_arriving_this_weekend_streams_on_the_day_the_text_names() -> None:
    r = _classify(
        "Taxi Run 3 arrives this weekend on Netflix",
        "<p>Season 3 lands on Netflix this weekend, with the first episode streaming Friday "
        "night.</p>",
    )
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == date(2025, 10, 3), r.reasons
    # (a ratings drop this week is no release: round 3's test)


def test_a_japanese_day_of_next_month() -> None:
    r = _classify(
        "『潮騒』来月16日からNetflixで世界独占配信",
        "<p>映画『潮騒』が、来月16日からNetflixで世界独占配信されることが決まった。</p>",
    )
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == date(2025, 11, 16), r.reasons


def test_a_numeric_day_in_the_text_counts_only_beside_a_release_word() -> None:
    r = _classify(
        "Taxi Run 3 arrives this weekend on Netflix",
        "<p>The second season ended on 4/20. Season 3 lands on Netflix this weekend, with the "
        "first episode streaming Friday night.</p>",
        link="https://x.com/a",
    )
    assert r.release_date == date(2025, 10, 3), r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "‘바다 여행’ 오늘(2일) 밤 11시 10분 방송",
        "‘바다 여행’ 오는 일요일 방송…시장 편",
        "Squid Game Season 3 Trailer Drops Next Week",
        "Netflix stock drops this week after Squid Game finale",
        "『潮騒』吉沢亮ら登壇　12日（金）より先行上映会",
    ],
)
def test_an_episode_a_trailer_a_stock_or_a_screening_event_is_no_release(title: str) -> None:
    r = _classify(title, "<p>드라마 drama 映画.</p>")
    assert r.kind != Kind.RELEASE, r.reasons


def test_chinese_film_words_make_film_context() -> None:
    r = _classify("《潮騒》確定在台灣", "<p>韓國電影《潮騒》確定引進台灣。</p>")
    assert r.kind != Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("title", "film", "link"),
    [
        # a person after the title's colon is the headline's subject, not the title's
        (
            "Made in Korea: Hyun Bin plays a 1970s spy in a glossy thriller",
            "Made in Korea",
            "https://x.com/tv/made-in-korea-hyun-bin-disney/",
        ),
        # India's "OTT release" before the colon
        (
            "The Quiet Orchard OTT Release: The Drama Is Streaming December 19",
            "The Quiet Orchard",
            None,
        ),
        # a work named by its kind after "new" and before what it does
        ("Seo Hyun-jin's new drama Love Me streams on Viu from Saturday", "Love Me", None),
    ],
)
def test_titles_in_more_headline_shapes(title: str, film: str, link: str | None) -> None:
    r = _classify(title, "<p>A drama on Netflix.</p>", ("Reviews",) if link else (), link)
    assert r.film == film, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # Chinese outlets: a Korean drama, a Korean boy group
        ("《潮騒》影評：越看越窒息", "<p>Disney+韓劇《潮騒》由兩位演員主演。</p>"),
        ("8TURN台北粉絲見面會門票開賣", "<p>韓國男團8TURN將於明年1月在台北舉辦粉絲見面會。</p>"),
        # a KBS channel's variety show, in Korean
        (
            "‘바다 여행’ 멤버들, 시장서 야식 게임",
            "<p>KBS 2TV 예능 ‘바다 여행’ 멤버들이 대구를 찾았다.</p>",
        ),
    ],
)
def test_korean_entertainment_in_chinese_words_and_a_kbs_channel(title: str, summary: str) -> None:
    r = _classify(title, summary)
    assert r.korean, r.reasons
