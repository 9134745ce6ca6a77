"""Unit tests of tracker.classify on sentences written for these tests (not copied from the
labelled set): every rating rule of the data README and the non-ratings that stay null, title
extraction, release dates (incl. Korean relative dates), platforms, Korean relevance (incl. the
README's false cases), kinds, roundups, and the per-feed include/exclude rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tracker.classify import Classification, ListedRelease, classify, passes_rules
from tracker.types import EntryData, FeedKind, FeedSpec, Kind

KST = timezone(timedelta(hours=9))
PUBLISHED = datetime(2024, 9, 10, 9, 0, tzinfo=KST)


def entry(
    title: str,
    summary: str = "",
    content: str | None = None,
    *,
    categories: Sequence[str] = (),
    link: str | None = None,
    guid: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> EntryData:
    return EntryData(
        identity=guid or link or title,
        title=title,
        summary=summary,
        content=content,
        categories=tuple(categories),
        link=link,
        guid=guid,
        extra=dict(extra or {}),
    )


def run(
    title: str,
    summary: str = "",
    content: str | None = None,
    *,
    published: datetime = PUBLISHED,
    feed: FeedSpec | None = None,
    **kwargs: object,
) -> Classification:
    return classify(
        entry(title, summary, content, **kwargs),  # type: ignore[arg-type]
        feed=feed,
        published=published,
    )


# --------------------------------------------------------------------------------------------
# Ratings: one case per row of the README table


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("4.5/5 stars", 4.5),
        ("2/5", 2.0),
        ("Our verdict: 3 out of 5", 3.0),
        ("Rating: 9/10", 4.5),
        ("6/10", 3.0),
        ("7 out of 10", 3.5),
        ("2.5/4 stars", 3.125),
        ("3 out of 4 stars", 3.75),
        ("★★★★", 4.0),
        ("★★½", 2.5),
        ("½", 0.5),
        ("★★★☆☆", 3.0),
        ("Three stars out of five", 3.0),
        ("Two and a half stars out of five", 2.5),
        ("Three stars out of four", 3.75),
        ("Grade: B+", 3.75),
        ("Grade: A-", 4.17),
        ("Grade: A−", 4.17),
        ("Grade: C", 2.08),
        ("Grade: D+", 1.25),
        ("Grade: F", 0.0),
        ("Grade: A+", 5.0),
        ("평점 6점", 3.0),
        ("5점 만점에 3점", 3.0),
        ("10점 만점에 9점", 4.5),
    ],
)
def test_rating_rules(stated: str, expected: float) -> None:
    result = run("'Harvest Moon' review: a quiet film", f"<p>{stated}</p><p>A gentle drama.</p>")
    assert result.rating == pytest.approx(expected, abs=0.01)
    assert result.rating_text is not None
    assert result.rating_text in stated


def test_letterboxd_member_rating_wins() -> None:
    result = run(
        "Harvest Moon, 2021 - ★★★",
        "<p>Watched on Monday May 3, 2021.</p>",
        extra={"letterboxd_memberrating": "3.0", "letterboxd_filmtitle": "Harvest Moon"},
        link="https://letterboxd.com/someone/film/harvest-moon/",
    )
    assert result.rating == 3.0
    assert result.kind is Kind.REVIEW
    assert result.film == "Harvest Moon"


@pytest.mark.parametrize(
    "text",
    [
        "Viewers seem kinder than critics: it holds 7.2/10 on IMDb.",
        "The series is rated TV-MA for violence.",
        "Maturity: R | Genres: Thrillers",
        "It went straight to No. 1 on the streamer's chart.",
        "Our Call: SKIP IT. The middle hour drags.",
        "A five-star cast cannot save a one-note script.",
        "It sits at 88% on Rotten Tomatoes.",
    ],
)
def test_non_ratings_stay_null(text: str) -> None:
    result = run("'Harvest Moon' review: a quiet film", text)
    assert result.rating is None
    assert result.rating_text is None


def test_a_roundup_with_several_ratings_has_no_rating() -> None:
    result = run(
        "Three Chuseok releases: we review the holiday crowd-pleasers",
        "Alpha 3/5 stars; Beta 4/5 stars; Gamma 2/5 stars. Which to see this weekend.",
    )
    assert result.kind is Kind.REVIEW
    assert result.rating is None
    assert result.film is None


# --------------------------------------------------------------------------------------------
# Film titles


@pytest.mark.parametrize(
    ("title", "film"),
    [
        (
            "Netflix movie review: Carter – Joo Won runs through one long take after another",
            "Carter",
        ),
        ("‘Cobweb’ Review: Song Kang-ho Plays a Director Reshooting His Ending", "Cobweb"),
        ("'Hopeless' review: a teenager drifts into a gang", "Hopeless"),
        ("Review | Alienoid: Choi Dong-hoon mixes aliens with Goryeo wizards", "Alienoid"),
        ("Review | Hansan: Rising Dragon: the admiral returns to sea", "Hansan: Rising Dragon"),
        ('[Review] "Tunnel" – a man trapped under a mountain', "Tunnel"),
        ('[HanCinema\'s Film Review] "Next Sohee"', "Next Sohee"),
        ("Midnight Runners, 2017 - ★★★½", "Midnight Runners"),
        ("[리뷰] '밀양', 용서에 관한 질문", "Secret Sunshine"),
        ("Veteran film review: Hwang Jung-min chases a spoiled heir", "Veteran"),
        ("The Host review – a monster in the Han river", "The Host"),
        (
            "Stream It Or Skip It: ‘Black Knight’ On Netflix, A Courier Action Series",
            "Black Knight",
        ),
        ("Space Sweepers (2021)", "Space Sweepers"),
        ("Film Review: Sleep (2023) by Jason Yu", "Sleep"),
        ("Jeon Do-yeon to star in Netflix thriller 'Revolver'", "Revolver"),
    ],
)
def test_title_extraction(title: str, film: str) -> None:
    assert run(title, "A Korean film.").film == film


def test_series_title_and_season() -> None:
    result = run("Sweet Home: Season 3", "Type: TV Series | Genres: Korean")
    assert (result.film, result.season) == ("Sweet Home", 3)
    numbered = run("Netflix’s “Sweet Home 2” Sets December Return", "The K-drama returns.")
    assert (numbered.film, numbered.season) == ("Sweet Home", 2)


def test_hangul_title_maps_to_the_english_title_and_keeps_the_hangul() -> None:
    result = run(
        "'기생충' 재개봉…흑백판으로 다시 본다", "봉준호 감독의 영화 '기생충'이 다시 극장에 걸린다."
    )
    assert result.film == "Parasite"
    assert result.film_hangul == "기생충"
    assert result.korean


def test_the_first_quoted_title_is_the_subject() -> None:
    result = run("‘Hitman 2’: The ‘Extreme Job’ Team’s Comedy Sequel Sets A January Release")
    assert result.film == "Hitman 2"


@pytest.mark.parametrize(
    "title",
    [
        "What’s New on Netflix This Week: March 3rd to 9th, 2025",
        "The 12 Best Korean Thrillers on Netflix Right Now",
        "[씨네21 전문가 별점] '소방관' '대가족' '보고타: 마지막 기회의 땅'",
        "Netflix Reveals Its Korean Lineup: ‘The Trunk’, ‘Mr. Plankton’ and More",
    ],
)
def test_roundups_and_listicles_have_no_film(title: str) -> None:
    assert run(title, "Korean films and series.").film is None


def test_letterboxd_list_is_other() -> None:
    result = run(
        "Rainy-day Korean dramas",
        "<ul><li>Mother</li><li>Burning</li></ul>",
        guid="letterboxd-list-123",
        link="https://letterboxd.com/someone/list/rainy-day-korean-dramas/",
    )
    assert result.kind is Kind.OTHER
    assert result.film is None


def test_unrated_letterboxd_log_is_other_but_still_names_the_film() -> None:
    result = run(
        "The Chaser, 2008",
        "<p>Watched on Friday March 1, 2024.</p>",
        link="https://letterboxd.com/someone/film/the-chaser/",
    )
    assert result.kind is Kind.OTHER
    assert result.film == "The Chaser"
    assert result.korean


# --------------------------------------------------------------------------------------------
# Release dates


def test_release_date_from_the_text_takes_the_year_from_published() -> None:
    result = run(
        "‘Hopeless’ is coming to Netflix in October",
        "<p>The gangster drama will be coming to Netflix on October 6.</p>",
    )
    assert result.kind is Kind.RELEASE
    assert result.release_date == date(2024, 10, 6)


def test_korean_absolute_date_in_the_headline() -> None:
    result = run("넷플릭스 영화 '카터' 8월 5일 공개", "주원 주연의 액션 영화.")
    assert result.kind is Kind.RELEASE
    assert result.release_date == date(2024, 8, 5)
    assert result.platform == "netflix"


def test_korean_relative_dates() -> None:
    next_month = run("영화 '탈주' 개봉 확정", "이제훈 주연의 영화 '탈주'가 다음 달 3일 개봉한다.")
    assert next_month.release_date == date(2024, 10, 3)
    coming = run("드라마 '무빙' 공개일 확정", "디즈니+ 시리즈 '무빙'이 오는 27일 공개된다.")
    assert coming.release_date == date(2024, 9, 27)
    assert coming.platform == "disney_plus"
    rolled = run("드라마 '무빙' 공개일 확정", "디즈니+ 시리즈 '무빙'이 오는 5일 공개된다.")
    assert rolled.release_date == date(2024, 10, 5)


def test_platform_date_wins_over_festival_and_theatrical_dates() -> None:
    result = run(
        "‘Hopeless’ Netflix Korean Movie: Release Date, Cast & Festival Premiere",
        "",
        "<p>It will screen at the Busan International Film Festival on October 4th, open in "
        "cinemas on October 11th and arrive on Netflix on Friday, November 15th, 2024.</p>",
    )
    assert result.release_date == date(2024, 11, 15)


def test_announcement_date_is_not_the_release_date() -> None:
    result = run(
        "‘Sweet Home’ Season 3: Everything We Know",
        "",
        "<p>Netflix confirmed on September 8th that the final season will premiere on "
        "Friday, July 19th, 2024.</p>",
        published=datetime(2024, 9, 10, tzinfo=UTC),
    )
    # published after the premiere: the premiere date still wins over the announcement
    assert result.release_date == date(2024, 7, 19)


def test_theatrical_release_has_a_date_and_no_platform() -> None:
    result = run("'Escape' to hit theaters July 3", "Lee Je-hoon plays a soldier fleeing north.")
    assert result.kind is Kind.RELEASE
    assert result.release_date == date(2024, 7, 3)
    assert result.platform is None


def test_a_year_in_a_title_is_not_a_date() -> None:
    result = run("'Road to Boston' starring Ha Jung-woo to open Sept. 27", "Set in 1947.")
    assert result.release_date == date(2024, 9, 27)


def test_news_has_no_release_date() -> None:
    result = run(
        "'Hopeless' invited to Cannes Un Certain Regard",
        "The film screens on May 22 at the festival and opens in Korea on Oct. 11.",
    )
    assert result.kind is Kind.NEWS
    assert result.release_date is None


def test_release_roundup_lists_one_release_per_title() -> None:
    result = run(
        "What’s New on Netflix This Week: September 9th to 15th, 2024",
        "<p>Here is everything arriving this week.</p>",
        "<h3>Wednesday, September 11th</h3><ul><li><strong>Quiet Harbor</strong> (2024) – A "
        "Danish crime drama.</li></ul><h3>Friday, September 13th</h3><ul><li><strong>Officer "
        "Black Belt</strong> (2024) – Korean action comedy.</li><li><strong>Hometown Cha-Cha-Cha"
        "</strong> (Season 1) – The K-drama favourite.</li></ul>",
    )
    assert result.kind is Kind.RELEASE
    assert result.film is None and result.release_date is None
    assert result.listed == (
        ListedRelease("Quiet Harbor", date(2024, 9, 11), korean=False, season=None),
        ListedRelease("Officer Black Belt", date(2024, 9, 13), korean=True, season=None),
        ListedRelease("Hometown Cha-Cha-Cha", date(2024, 9, 13), korean=True, season=1),
    )
    assert result.korean


# --------------------------------------------------------------------------------------------
# Platforms


@pytest.mark.parametrize(
    ("title", "platform"),
    [
        ("'The Trunk' premieres Nov. 29 on Netflix", "netflix"),
        ("Disney+ sets 'Gangnam B-Side' for November", "disney_plus"),
        ("Prime Video picks up a Korean thriller", "prime_video"),
        ("TVING orders a second season of its hit drama", "tving"),
        ("Coupang Play drama tops local chart", "coupang_play"),
        ("Apple TV+ renews 'Pachinko' for a second season", "apple_tv_plus"),
        ("'Harbin' to open in theaters Dec. 24", None),
    ],
)
def test_platform(title: str, platform: str | None) -> None:
    assert run(title, "A Korean production.").platform == platform


# --------------------------------------------------------------------------------------------
# Korean relevance


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("'Okja' review: a super-pig and a girl from the mountains", "Bong Joon-ho's fable."),
        (
            "Snowpiercer review – a train at the end of the world",
            "Bong Joon-ho's English-language thriller with Chris Evans.",
        ),
        (
            "Minari review – a family farms in Arkansas",
            "Steven Yeun and Youn Yuh-jung star in Lee Isaac Chung's Korean-language drama.",
        ),
        ("'Twinkle Road' review: a road movie", "Kim Min-jae and Park Ha-na drive south."),
        ("'모래의 집' 첫 공개", "김민재 감독의 신작 영화가 관객을 만난다."),
        ("BTS member returns to the stage", "The K-pop star sang three songs."),
        ("Netflix to double its spending on Korean series", "The streamer's Korean content."),
    ],
)
def test_korean_true(title: str, summary: str) -> None:
    assert run(title, summary).korean


@pytest.mark.parametrize(
    ("title", "summary", "categories"),
    [
        # a foreign film that merely stars a Korean actor
        (
            "'Air Doll' review: an inflatable doll comes to life",
            "Japanese director Hirokazu Kore-eda's fable stars Bae Doona.",
            (),
        ),
        # "Korean" in another sense: a war, food, literature
        (
            "'The Frozen Chosin' review: marines in the snow",
            "An American Korean War drama about the 1950 winter battle.",
            (),
        ),
        ("Seoul's bibimbap trail draws tourists", "Korean food lovers queue for rice bowls.", ()),
        ("Korean poet wins international literature prize", "Her collection was translated.", ()),
        # a foreign film covered in Hangul
        ("'엘리멘탈' 박스오피스 1위", "픽사 애니메이션 '엘리멘탈'이 주말 관객 1위에 올랐다.", ()),
        ("'Elemental' tops Korean box office", "Pixar's animated film drew Korean audiences.", ()),
        # a Japanese film filed under Japan
        ("'Monster' review – a school mystery", "Told three times over.", ("Japan", "Film")),
    ],
)
def test_korean_false(title: str, summary: str, categories: tuple[str, ...]) -> None:
    assert not run(title, summary, categories=categories).korean


def test_feed_hint_korean_only_is_evidence_not_proof() -> None:
    korean_feed = FeedSpec(url="https://example.org/k", korean_only=True)
    local = run("'Twinkle Road' tops box office", "A local road movie.", feed=korean_feed)
    assert local.korean
    foreign = run(
        "'Elemental' tops box office", "Pixar's animated film led the chart.", feed=korean_feed
    )
    assert not foreign.korean


# --------------------------------------------------------------------------------------------
# Kinds


@pytest.mark.parametrize(
    ("title", "summary", "kind"),
    [
        ("'Cobweb' review: a film shoot in 1970s Seoul", "", Kind.REVIEW),
        ("[리뷰] '거미집', 다시 찍는 결말", "", Kind.REVIEW),
        ("'Cobweb' to premiere on Oct. 5", "The comedy opens in cinemas.", Kind.RELEASE),
        ("'Cobweb' Is Now Streaming on Netflix", "", Kind.RELEASE),
        ("'Cobweb' invited to Cannes out of competition", "Song Kang-ho stars.", Kind.NEWS),
        ("'Cobweb' tops box office in its second weekend", "", Kind.NEWS),
        ("Song Kang-ho wins best actor at the Baeksang Arts Awards", "", Kind.NEWS),
        ('[Photos] New stills from the Korean movie "Cobweb"', "", Kind.OTHER),
        ("The 10 Best Korean Movies of the Decade", "", Kind.OTHER),
        ("Watch: 'Cobweb' Trailer Shows Song Kang-ho Losing His Mind", "", Kind.OTHER),
        ("[게시판] 영상자료원, 고전 영화 무료 상영", "", Kind.OTHER),
        ("Kimchi museum opens in Seoul", "Visitors learn about fermentation.", Kind.OTHER),
    ],
)
def test_kind(title: str, summary: str, kind: Kind) -> None:
    assert run(title, summary).kind is kind


def test_bare_title_in_a_review_feed_is_a_review_of_that_film() -> None:
    reviews = FeedSpec(url="https://example.org/reviews", kind=FeedKind.REVIEW)
    result = run(
        "The Handmaiden", "Park Chan-wook moves Sarah Waters to 1930s Korea.", feed=reviews
    )
    assert (result.kind, result.film, result.korean) == (Kind.REVIEW, "The Handmaiden", True)


def test_reasons_explain_the_decision() -> None:
    result = run("'Okja' review: a super-pig", "3/5 stars. Bong Joon-ho's fable.")
    text = "\n".join(result.reasons)
    assert "kind=review" in text
    assert "'review'" in text
    assert "rating=3.0" in text
    assert "korean=true" in text


# --------------------------------------------------------------------------------------------
# Per-feed include / exclude rules


def test_passes_rules() -> None:
    feed = FeedSpec(url="https://example.org/f", include=("korean", "k-drama"), exclude=("K-pop",))
    kept, why = passes_rules(entry("A new Korean thriller"), feed)
    assert (kept, why) == (True, "included by 'korean'")
    dropped, why = passes_rules(entry("K-pop and Korean film night"), feed)
    assert (dropped, why) == (False, "excluded by 'K-pop'")
    missing, why = passes_rules(entry("A French comedy"), feed)
    assert (missing, why) == (False, "no include keyword matched")
    by_category, _ = passes_rules(entry("Tonight's pick", categories=["K-Drama"]), feed)
    assert by_category
    whole_word, _ = passes_rules(entry("Koreana hotel reopens"), feed)
    assert not whole_word
    assert passes_rules(entry("Anything"), FeedSpec(url="https://example.org/g")) == (True, None)
