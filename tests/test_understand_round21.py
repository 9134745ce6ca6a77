"""Issue 14's twenty-first round: Finnish; a cinema's lead that screens or opens a film at a
named cinema from its day; a "said" after a release's own cue; a work that lands or is to open
at a named cinema; a verb in a marked title ("The Love That Remains"); the one work a news
lead credits and marks; a title's part after its possessive ("Last Train to Mokpo's eighth
episode"); a programme's announcement is no essay's name; a broadcaster's possessive and
"Nielsen Korea" as Korean television; "Seo-ah"; Korean interview headlines, period dramas,
episode counts, a maker's possessive before a quoted title; a list's curated Korean titles; a
star run before a bracketed word. Written from the misses of held-out set 26, spent by this
round (its README says so); held-out set 27, written blind beside it, measures the round."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind
from tracker.understand.names import korean_hangul_headline_name, korean_names

#: a Tuesday
TUESDAY = datetime(2026, 3, 3, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        (
            "Korealainen trilleri Moonglade saapuu Suomen elokuvateattereihin",
            "<p>Park Min-jin ohjaama <em>Moonglade</em> nähdään Suomessa perjantaina 6. "
            "maaliskuuta.</p>",
            date(2026, 3, 6),
        ),
        (
            "Moonglade – ennakkoliput myynnissä, ensi-ilta keskiviikkona 18. maaliskuuta",
            "<p>Elokuva saa ensi-iltansa Finnkinon teattereissa.</p>",
            date(2026, 3, 18),
        ),
    ],
)
def test_round_21_a_finnish_release(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary, published=TUESDAY)
    assert (r.kind, r.release_date) == (Kind.RELEASE, day), r.reasons


def test_round_21_a_finnish_review_and_korean_work() -> None:
    r = classify_headline(
        "Arvostelu: Moonglade on vuoden hauskin elokuva",
        "<p>Korealainen komedia, jonka ohjaa Park Min-ji.</p><p>Arvio: 4,5/5</p>",
        ("Arvostelut", "Elokuvat"),
        published=TUESDAY,
    )
    assert (r.kind, r.rating, r.korean) == (Kind.REVIEW, 4.5, True), r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        (
            "Moonglade opens at Camana Bay this week",
            "<p>Camana Bay Cinema will screen the thriller <em>Moonglade</em> from Friday, "
            "March 6, every evening.</p>",
            date(2026, 3, 6),
        ),
        (
            "Korean thriller 'Moonglade' comes to Gaborone screens",
            "<p>The film opens at New Capitol Cinemas in Game City and Riverwalk from Friday, "
            "6 March.</p>",
            date(2026, 3, 6),
        ),
        (
            "Korean Film Nights 2026: Moonglade",
            "<p>Our season opens with Park Min-ji's <em>Moonglade</em> (2025), screening on "
            "Thursday 12 March at 7pm at the Korean Cultural Centre UK.</p>",
            date(2026, 3, 12),
        ),
        (
            "South Korean thriller 'Moonglade' heads to Estonian cinemas",
            "<p>The thriller will be in cinemas in Tallinn, Tartu and Pärnu from 20 March, "
            "distributor Estinfilm said.</p>",
            date(2026, 3, 20),
        ),
        (
            "Park Min-ji's 'Moonglade' Lands At Bíó Paradís This Week",
            "<p>The Korean thriller screens at Bíó Paradís from Friday with subtitles.</p>",
            date(2026, 3, 6),
        ),
    ],
)
def test_round_21_a_named_cinema_and_its_day(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary, published=TUESDAY)
    assert (r.kind, r.release_date) == (Kind.RELEASE, day), r.reasons


@pytest.mark.parametrize(
    "summary",
    [
        # a count of screens, not a screening
        "<p>The distributor will widen it to about 600 screens on Friday.</p>",
        # a press event's report that mentions the opening
        "<p>Park Min-ji met the press in Seoul, eight days before it opens in Korean theaters "
        "on March 11.</p>",
    ],
)
def test_round_21_screens_counted_and_press_events_stay_news(summary: str) -> None:
    r = classify_headline("'Moonglade' Expands After a Strong Weekend", summary, published=TUESDAY)
    assert r.kind != Kind.RELEASE, r.reasons


def test_round_21_a_verb_in_a_marked_title() -> None:
    r = classify_headline(
        "Grief, Gulls And A Painter's Year: The Director's Quietest Film Yet",
        "<p>In <em>The Love That Remains</em>, a family comes apart over four seasons. "
        "Rating: ★★★★☆</p>",
        ("Culture", "Film", "Reviews"),
        "https://example.is/culture/film/2026/03/grief-gulls-and-a-painters-year/",
        published=TUESDAY,
    )
    assert r.film == "The Love That Remains", r.reasons


def test_round_21_the_one_work_a_news_lead_credits() -> None:
    r = classify_headline(
        "Black Nights festival picks Korean drama for main competition",
        "<p>The festival has added Park Min-ji's <em>Moonglade</em> to its competition, its "
        "director announced on Tuesday.</p>",
        published=TUESDAY,
    )
    assert r.film == "Moonglade", r.reasons


def test_round_21_a_series_of_credited_works_names_none() -> None:
    r = classify_headline(
        "A Cinema Programs a Winter of Korean Cinema",
        "<p>From Park Chan-wook's vengeance trilogy to Park Min-ji's <em>Moonglade</em>, a "
        "ten-week series runs through March.</p>",
        published=TUESDAY,
    )
    assert r.film is None, r.reasons


def test_round_21_a_titles_part_after_its_possessive() -> None:
    r = classify_headline(
        "The quiet cruelty of Last Train to Mokpo's eighth episode",
        "<p>Nobody raises their voice in episode 8. Overall: 8.5/10</p>",
        ("Reviews", "K-Drama"),
        published=TUESDAY,
    )
    assert r.film == "Last Train to Mokpo", r.reasons


def test_round_21_a_programmes_announcement_is_news() -> None:
    r = classify_headline(
        "Fantastic Fest 2026 First Wave: Park Min-ji's MOONGLADE And More",
        "<p>Leading the pack is the premiere of Park Min-ji's <em>Moonglade</em>, a "
        "locked-building infection thriller.</p>",
        ("Fantastic Fest", "Festivals"),
        published=TUESDAY,
    )
    assert r.kind == Kind.NEWS, r.reasons


@pytest.mark.parametrize(
    "summary",
    [
        "<p>KBS2's <em>Dear Neighbor</em> is on a roll: 9.2 percent.</p>",
        "<p>The tenth episode scored 11.4 percent according to Nielsen Korea.</p>",
    ],
)
def test_round_21_korean_television_named_so(summary: str) -> None:
    r = classify_headline("'Dear Neighbor' Climbs To 9.2%", summary, published=TUESDAY)
    assert r.korean, r.reasons


def test_round_21_names_with_ah() -> None:
    assert korean_names("Byeon Seo-ah's 7 Best Roles") == ["Byeon Seo-ah"]


def test_round_21_korean_interview_and_shoot_headlines() -> None:
    assert korean_hangul_headline_name("예하은 \"'옆집 탐정'은 나를 웃게 한 첫 작품\"") == "예하은"
    r = classify_headline(
        "예하은 \"'고요한 과수원'은 나를 웃게 한 첫 작품\"",
        "<p>16부작 '고요한 과수원'을 마친 예하은은 \"촬영장에서 많이 웃었다\"고 했다.</p>",
        published=TUESDAY,
    )
    assert (r.korean, r.film) == (True, "고요한 과수원"), r.reasons
    shoot = classify_headline(
        "석이준, 흑과 백 사이",
        "<p>붓을 내려놓은 석이준을 만났다. 사극의 긴 머리를 자른 그는 카메라 앞에 섰다.</p>",
        ("Fashion", "화보"),
        published=TUESDAY,
    )
    assert shoot.korean, shoot.reasons


def test_round_21_a_trilogy_is_no_series_count() -> None:
    r = classify_headline(
        "킥플립, 2월 컴백 확정…세 번째 미니앨범으로 '청춘 3부작' 마무리",
        "<p>그룹 킥플립이 2월 컴백한다.</p>",
        published=TUESDAY,
    )
    assert r.film is None, r.reasons


@pytest.mark.parametrize(
    ("summary", "film"),
    [
        ("박찬욱의 '어쩔수가없다'는 웃기다가 섬뜩해진다. 별점 ★★★½", "No Other Choice"),
        ("'대홍수'는 거대한 괴물 영화의 외피를 두르고 있다. 5점 만점에 4점.", "The Great Flood"),
    ],
)
def test_round_21_a_korean_reviews_work(summary: str, film: str) -> None:
    r = classify_headline("해고된 남자는 왜 정원을 가꾸는가", summary, ("영화", "영화리뷰"))
    assert r.film == film, r.reasons


def test_round_21_a_korean_list_with_curated_titles_is_korean() -> None:
    r = classify_headline(
        "2025년, 극장을 나와서도 오래 남은 영화 10편",
        "올해 본 영화 가운데 열 편을 골랐다. '어쩔수가없다', '파과', '원 배틀 애프터 어나더'…",
        published=TUESDAY,
    )
    assert (r.kind, r.korean) == (Kind.OTHER, True), r.reasons


def test_round_21_a_local_korean_film_with_no_foreign_word() -> None:
    r = classify_headline(
        "제10회 지역영화제 개막작에 올로케 영화 '바람의 집'",
        "제주에서 전부 촬영한 장편영화 '바람의 집'이 개막작으로 선정됐다. "
        "제주 출신 감독 고은별의 첫 장편이다.",
        published=TUESDAY,
    )
    assert r.korean, r.reasons


def test_round_21_a_korean_cinema_column() -> None:
    r = classify_headline(
        "[씨네제주] 돌담 너머로 부는 바람",
        "'바람의 집'은 이야기를 서두르지 않는다. 제주어 대사에 자막을 붙였다. 별점 ★★★★",
        published=TUESDAY,
    )
    assert (r.kind, r.rating) == (Kind.REVIEW, 4.0), r.reasons


def test_round_21_stars_before_a_bracketed_word() -> None:
    r = classify_headline(
        "冰天雪地里的谍战",
        "我的评分：★★★★☆（推荐）<br/>看过《人间谍报》。赵寅成和朴正民的对手戏撑起了整部片子。",
        ("影评",),
        published=TUESDAY,
    )
    assert r.rating == 4.0, r.reasons


def test_round_21_spanish_critica_de_cine() -> None:
    r = classify_headline(
        "Crítica de cine: Humint, el espía que Ryoo Seung-wan esperó diez años",
        "<p>Una película enorme y ruidosa.</p>",
        published=TUESDAY,
    )
    assert (r.kind, r.film) == (Kind.REVIEW, "Humint"), r.reasons


def test_round_21_a_section_labels_subject_stays_no_title() -> None:
    r = classify_headline(
        "Box Office: Harbin Tops Again", "<p>The company behind several drama series.</p>"
    )
    assert r.film is None, r.reasons


def test_round_21_the_number_a_star_run_rounds() -> None:
    r = classify_headline(
        "'고요한 과수원' 리뷰",
        "<p>슬픈 역사를 웃음으로 감싸는 영화다.</p><p>별점 ★★★☆(3.5)</p>",
        published=TUESDAY,
    )
    assert r.rating == 3.5, r.reasons
