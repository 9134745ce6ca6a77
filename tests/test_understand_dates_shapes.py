"""Release dates and platforms in the shapes outlets not yet seen write them: English
("Dec. 12", "12 December", "on the 12th", "this Friday", "next week", "tomorrow"), Korean
("12월 12일", "12일 공개", "오는 12일", "다음 주 금요일", "다음 달"), Japanese ("12月12日配信"), ISO
and numeric dates in the site's order, each read against the entry's own date; and every
service a Korean title reaches, normalised. Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.digest.platforms import platform_name
from tracker.types import EntryData, Kind
from tracker.understand.classify import classify
from tracker.understand.dates import extract_release_date
from tracker.understand.document import Document
from tracker.understand.platform import extract_platform
from tracker.understand.reldates import day_first

#: a Wednesday
PUBLISHED = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def release_day(
    title: str, body: str = "", *, link: str = "", published: datetime = PUBLISHED
) -> date | None:
    doc = Document.of(EntryData(identity=title, title=title, summary=body, link=link))
    return extract_release_date(doc, published).day


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("'Night Ferry' streaming from Dec. 12 on Netflix", "", date(2026, 12, 12)),
        ("'Night Ferry' lands on Netflix 12 December", "", date(2026, 12, 12)),
        ("'Night Ferry' premieres on the 12th of December", "", date(2026, 12, 12)),
        ("'Night Ferry' drops on Netflix on the 12th", "", date(2026, 12, 12)),
        ("'Night Ferry' premieres this Friday on Netflix", "", date(2026, 12, 4)),
        ("'Night Ferry' coming to Viki on Friday", "", date(2026, 12, 4)),
        ("'Night Ferry' arrives next Friday", "", date(2026, 12, 11)),
        ("'Night Ferry' hits Netflix tomorrow", "", date(2026, 12, 3)),
        ("'Night Ferry' release date", "The series premieres on Netflix today.", date(2026, 12, 2)),
        ("'Night Ferry' arrives on Disney+ next week", "", date(2026, 12, 7)),
        ("'Night Ferry' premieres Saturday, Dec. 12", "", date(2026, 12, 12)),
        ("'Night Ferry' streaming from 2026-12-12", "", date(2026, 12, 12)),
        ("'Night Ferry' debuts on Viki 12/12", "", date(2026, 12, 12)),
        ("'Night Ferry' debuts on Viu Jan. 3", "", date(2027, 1, 3)),
        ("Night Ferry", "The K-drama streams on Viu from 12 Dec 2026.", date(2026, 12, 12)),
        ("'Night Ferry' arrives on Netflix on Friday the 11th", "", date(2026, 12, 11)),
    ],
)
def test_english_shapes(title: str, body: str, expected: date) -> None:
    assert release_day(title, body) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("'밤배' 12월 12일 넷플릭스 공개", date(2026, 12, 12)),
        ("'밤배' 2026년 12월 12일 공개", date(2026, 12, 12)),
        ("'밤배' 12일 공개", date(2026, 12, 12)),
        ("'밤배' 12일(토) 공개", date(2026, 12, 12)),
        ("'밤배' 오는 12일 티빙 공개", date(2026, 12, 12)),
        ("'밤배' 12.12 공개", date(2026, 12, 12)),
        ("'밤배' 내일 공개", date(2026, 12, 3)),
        ("'밤배' 이번 주 금요일 공개", date(2026, 12, 4)),
        ("'밤배' 다음 주 금요일 공개", date(2026, 12, 11)),
        ("'밤배' 다음 달 공개", date(2027, 1, 1)),
        ("'밤배' 1일 공개", date(2027, 1, 1)),
        ("'밤배' 12일 오후 5시 넷플릭스를 통해 공개", date(2026, 12, 12)),
        ("'밤배' 12일 티빙에서 공개", date(2026, 12, 12)),
        ("'밤배' 12.12 넷플릭스 공개", date(2026, 12, 12)),
        # a score is no date
        ("'밤배' 4.5점 만점 공개", None),
    ],
)
def test_korean_shapes(title: str, expected: date | None) -> None:
    assert release_day(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("「夜の船」12月12日配信", date(2026, 12, 12)),
        ("「夜の船」Netflixで12月12日より独占配信", date(2026, 12, 12)),
        ("「夜の船」2026年12月12日(土)配信開始", date(2026, 12, 12)),
        ("「夜の船」12日配信", date(2026, 12, 12)),
        ("「夜の船」明日配信", date(2026, 12, 3)),
        ("「夜の船」12日(土)午後5時から配信", date(2026, 12, 12)),
        ("「夜の船」12/12(土)Netflixで独占配信", date(2026, 12, 12)),
        ("「夜の船」12/12(土)より配信", date(2026, 12, 12)),
        ("「夜の船」金曜日から配信", date(2026, 12, 4)),
        ("「夜の船」今週土曜から配信", date(2026, 12, 5)),
        ("「夜の船」来週金曜日から配信", date(2026, 12, 11)),
        ("「夜の船」来週配信", date(2026, 12, 7)),
    ],
)
def test_japanese_shapes(title: str, expected: date) -> None:
    assert release_day(title) == expected


def test_a_numeric_date_is_read_in_the_sites_order() -> None:
    title = "'Night Ferry' streams from 11/12 on Netflix"
    assert release_day(title, link="https://www.example.com/a") == date(2026, 11, 12)
    assert release_day(title, link="https://www.example.co.uk/a") == date(2026, 12, 11)
    # a number over 12 says which is the day, wherever the site is
    assert release_day("'Night Ferry' streams from 24/12", link="https://x.com/") == date(
        2026, 12, 24
    )
    assert day_first("https://news.example.com.au/x") and not day_first("https://example.kr/")


def test_a_rating_and_a_film_named_for_a_date_are_no_dates() -> None:
    assert release_day("'Night Ferry' review", "3/5 stars. It streams on Netflix.") is None
    assert release_day("'12.12: The Day' comes to Netflix", "") is None


def test_the_year_is_the_next_such_date_unless_the_text_speaks_of_the_past() -> None:
    # "Aug. 3" in a December story that announces a release is next August...
    assert release_day("'Night Ferry' streams on Netflix from Aug. 3") == date(2027, 8, 3)
    # ...a date of the last weeks is still this year's (a story read late)
    assert release_day("'Night Ferry' streams on Netflix from Oct. 3") == date(2026, 10, 3)
    # ...but the date it opened in cinemas is behind the story
    body = "The film opened in cinemas Oct. 3 and streams on Netflix from Dec. 20."
    assert release_day("'Night Ferry' comes to Netflix", body) == date(2026, 12, 20)
    assert release_day("'Night Ferry' premiered on Netflix on Oct. 3") == date(2026, 10, 3)
    # a weekday the text puts in the past is the last one, not the next
    assert release_day("'Night Ferry' premiered on Netflix on Monday") == date(2026, 11, 30)


def test_a_relative_day_needs_a_release_word_beside_it() -> None:
    body = "The actor, who starred in the series, passed away on Friday."
    assert release_day("Night Ferry cast remembers its star", body) is None
    # a weekday naming a thing, not a day, is no date
    assert release_day("'Night Ferry' earns its highest Saturday ratings") is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("'Night Ferry' streams on Netflix", "netflix"),
        ("'Night Ferry' comes to Disney+", "disney_plus"),
        ("'Night Ferry' on Prime Video", "prime_video"),
        ("'Night Ferry' is an Apple TV+ original", "apple_tv_plus"),
        ("'Night Ferry' streams on TVING", "tving"),
        ("'Night Ferry' streams on Wavve", "wavve"),
        ("'Night Ferry' on Coupang Play", "coupang_play"),
        ("'Night Ferry' is coming to Viki", "viki"),
        ("'Night Ferry' streams on Viu in Asia", "viu"),
        ("「夜の船」ネットフリックスで配信", "netflix"),
        ("「夜の船」ディズニープラスで配信", "disney_plus"),
        ("Coupang Play bets on live sports to take on Netflix", "coupang_play"),
    ],
)
def test_platforms_are_normalised(title: str, expected: str) -> None:
    doc = Document.of(EntryData(identity=title, title=title))
    assert extract_platform(doc).name == expected


def test_two_services_in_a_headline_still_name_none() -> None:
    doc = Document.of(EntryData(identity="x", title="'Night Ferry' leaves Netflix for Viki"))
    assert extract_platform(doc).name is None


def test_the_digest_names_viki_and_viu() -> None:
    assert platform_name("viki") == "Viki"
    assert platform_name("viu") == "Viu"


def test_classify_gives_a_release_its_relative_date_and_service() -> None:
    entry = EntryData(
        identity="x",
        title="K-drama 'Night Ferry' is coming to Viki on Friday",
        summary="The K-drama starring Kim Ji-won streams on Viki from this Friday.",
    )
    result = classify(entry, published=PUBLISHED)
    assert result.kind == Kind.RELEASE
    assert result.platform == "viki"
    assert result.release_date == date(2026, 12, 4)
