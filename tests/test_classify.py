"""Unit tests of tracker.classify on sentences written for these tests (not copied from the
labelled set): every rating rule of the data README and the non-ratings that stay null, title
extraction, release dates (incl. Korean relative dates), platforms, Korean relevance (incl. the
README's false cases), kinds, roundups, and the per-feed include/exclude rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tracker.types import EntryData, FeedKind, FeedSpec, Kind
from tracker.understand.classify import Classification, ListedRelease, classify, passes_rules

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


# --------------------------------------------------------------------------------------------
# Headline grammar of other outlets (sentences written for these tests)


@pytest.mark.parametrize(
    ("title", "film"),
    [
        # "Review:" lead, then the title and a verb
        ("Review: Smugglers Turns a Diving Heist Into a Summer Romp", "Smugglers"),
        ("Review: Concrete Utopia Finds Hell in the Last Apartment Standing", "Concrete Utopia"),
        # a festival or section before "Review:"
        ("Venice Review: Exhuma Digs Up More Than Bones", "Exhuma"),
        ("TIFF 2024 Review: The Ugly Is Yeon Sang-ho at His Nastiest", "The Ugly"),
        # a possessive before the title
        ("Review: Park Chan-wook's No Other Choice Makes Redundancy Murderous", "No Other Choice"),
        ("Ryoo Seung-wan's Smugglers Is the Summer's Most Fun Heist", "Smugglers"),
        # the title last, after a possessive and an adjective
        ("A fisherman loses everything in Kim Seong-hun's bruising Tunnel", "Tunnel"),
        # "(Year) by Director" after a colon title
        ("Film Review: The Roundup: No Way Out (2023) by Lee Sang-yong", "The Roundup: No Way Out"),
        # an unknown title before the first headline verb
        ("Review: Quiet Harbour Lights Drifts Along Without an Anchor", "Quiet Harbour Lights"),
        # titles set in capitals, after a capitalised tag
        ("BOX OFFICE: HARBIN Holds On as WICKED Opens Softly", "Harbin"),
        ("BUSAN 2024: THE PLOT OF SAND to Close the Festival", "The Plot of Sand"),
        ("JEONJU 2025: A NORMAL FAMILY Director Hur Jin-ho Returns", "A Normal Family"),
        # an apostrophe inside single quotes
        ("Hong Sang-soo's 'A Traveler's Needs' heads to New York", "A Traveler's Needs"),
    ],
)
def test_headline_grammar(title: str, film: str) -> None:
    assert run(title).film == film


def test_a_song_from_a_film_names_the_film() -> None:
    got = run("'Soda Pop' from 'KPop Demon Hunters' climbs the UK singles chart")
    assert got.film == "KPop Demon Hunters"


def test_an_awards_headline_is_about_the_first_quoted_title() -> None:
    got = run("'Exhuma' sweeps the Blue Dragon Awards; 'Harbin' wins best cinematography")
    assert got.film == "Exhuma"
    assert got.kind == Kind.NEWS


def test_joining_a_lineup_is_about_the_film_not_a_roundup() -> None:
    got = run("LOCARNO 2025: GOOD NEWS Joins the Piazza Grande Lineup")
    assert got.film == "Good News"
    assert got.kind == Kind.NEWS
    got = run("Karlovy Vary lineup includes Kim Bora's 'House of Hummingbird'")
    assert got.film == "House of Hummingbird"


def test_the_film_from_the_text_when_the_headline_names_only_a_star() -> None:
    got = run(
        "Kim Da-mi Is Racing the Water Upward",
        "The disaster epic The Great Flood arrives on Netflix on Dec. 19, the studio's answer "
        "to 'Ashfall'.",
        "In The Great Flood, a researcher and her son are trapped in a sinking tower block.",
        link="https://example.org/articles/the-great-flood-netflix-kim-da-mi",
    )
    assert got.kind == Kind.RELEASE
    assert got.film == "The Great Flood"
    assert got.platform == "netflix"
    assert got.release_date == date(2024, 12, 19)


# --------------------------------------------------------------------------------------------
# Kinds from sections, links and leads


def test_review_category_or_link_path_makes_a_review() -> None:
    got = run(
        "Two sisters fight over a Jeju inheritance in a drama of salt and silence",
        "The debut feature is patient and generous with its actors.",
        categories=["Reviews"],
    )
    assert got.kind == Kind.REVIEW
    got = run(
        "A widow takes over her husband's taxi in this gentle comedy",
        "The film is small and sweet.",
        link="https://example.org/reviews/the-night-taxi/",
    )
    assert got.kind == Kind.REVIEW
    # a news category wins over a review-looking feed
    got = run(
        "Kim Go-eun wins best actress",
        "The film star was honoured in Seoul.",
        categories=["News", "Reviews"],
        link="https://example.org/news/awards/",
    )
    assert got.kind == Kind.NEWS


def test_a_festival_dispatch_with_several_scores_is_a_review_roundup() -> None:
    got = run(
        "Rotterdam 2025: Three From Korea",
        "",
        "<p>First film. Score: 3/4</p><p>Second film. Score: 2/4</p><p>Third. Score: 1.5/4</p>",
        categories=["Festivals"],
    )
    assert got.kind == Kind.REVIEW
    assert got.film is None and got.rating is None


@pytest.mark.parametrize(
    "title",
    [
        "'Karma': Everything to Know About Netflix's Revenge Thriller",
        "'Melo Movie': Here's What to Know Before You Watch",
        "'Hyper Knife': How to Watch Park Eun-bin's Surgeon Thriller",
        "'The Great Flood' Is Coming December 19",
        "Pixar's 'Elio' Zooms Onto Disney+ September 17",
        "Concert film 'Stage of Dreams' to be released in cinemas on March 3",
        "New in theaters: 'Lobby' and 'Hi-Five' open this week",
        "'하이파이브' 5월 30일 전국 개봉 확정",
    ],
)
def test_release_headlines(title: str) -> None:
    assert run(title, "A film on the way.").kind == Kind.RELEASE


def test_a_title_page_lead_announcing_a_platform_date_is_a_release() -> None:
    got = run(
        "'Genie, Make a Wish': Meet the Lamp With a Grudge",
        "Kim Woo-bin and Suzy star in the romantic fantasy series, premiering October 3, "
        "only on Netflix.",
    )
    assert got.kind == Kind.RELEASE
    assert got.release_date == date(2024, 10, 3)


def test_a_press_event_mentioning_a_premiere_date_stays_news() -> None:
    got = run(
        "Park Bo-young on playing twins in 'Our Unwritten Seoul'",
        "The actor said at a press conference on Monday that the roles exhausted her. The "
        "series premieres May 24 on Netflix.",
    )
    assert got.kind != Kind.RELEASE


def test_korean_listicles_are_other() -> None:
    got = run("주말에 볼 만한 넷플릭스 한국 드라마 7편", "'무빙'부터 '더 글로리'까지 골랐다.")
    assert got.kind == Kind.OTHER
    assert got.platform == "netflix"


def test_korean_ott_roundup_naming_two_services_has_no_platform() -> None:
    got = run(
        "이번 주 OTT 신작: 티빙 '좋거나 나쁜 동재'부터 디즈니+ '조명가게'까지",
        "이번 주 공개되는 신작을 모았다.",
    )
    assert got.kind == Kind.RELEASE
    assert got.platform is None
    assert got.korean  # 디즈니+ is a service, not a sign of a Disney (foreign) film


def test_monthly_roundup_of_one_service() -> None:
    got = run(
        "Coming to Disney+ in December 2024",
        "",
        "<p>Wednesday, December 4</p><p>Light Shop (Season 1) – Korean original series</p>"
        "<p>Friday, December 13</p><p>Some Cartoon (Season 2)</p>",
        published=datetime(2024, 11, 25, tzinfo=UTC),
    )
    assert got.kind == Kind.RELEASE
    assert got.film is None and got.release_date is None
    assert got.platform == "disney_plus"
    assert got.korean
    assert ListedRelease("Light Shop", date(2024, 12, 4), True, 1) in got.listed


# --------------------------------------------------------------------------------------------
# Ratings and platforms in other outlets' styles


def test_labelled_score_out_of_four() -> None:
    got = run(
        "Review: Harbin Marches Through the Snow", "", "<p>Too solemn.</p><p>Score: 2.5/4</p>"
    )
    assert got.rating == pytest.approx(3.125)
    assert got.rating_text == "2.5/4"
    # an unlabelled fraction stays a fraction
    assert run("Review: Harbin", "Three of the 3/4 of the cast are great.").rating is None


def test_a_platform_named_for_another_work_is_a_passing_mention() -> None:
    got = run(
        "Film Review: Love in the Big City (2024) by E.oni",
        "Kim Go-eun and Noh Sang-hyun play roommates. The novel was also made into a series "
        "for TVING.",
    )
    assert got.platform is None
    got = run(
        "'Weak Hero Class 2' arrives on Netflix on April 25",
        "The first season, which premiered on Wavve, is also on Netflix.",
    )
    assert got.platform == "netflix"


def test_a_listicle_across_services_has_no_platform() -> None:
    got = run(
        "The 8 Best K-Dramas of the Year, Ranked",
        "From a JTBC thriller to a Netflix romance, the shows that mattered.",
    )
    assert got.kind == Kind.OTHER
    assert got.platform is None


# --------------------------------------------------------------------------------------------
# Korean-ness needs film or drama context; same-title works


def test_hangul_literature_news_is_not_korean_film() -> None:
    got = run(
        "시인 김혜순 '날개 환상통', 미국 문학상 수상",
        "한국 작가의 시집이 미국 비평가협회상을 받았다.",
        categories=["문화", "문학"],
    )
    assert got.kind == Kind.OTHER
    assert not got.korean


def test_a_foreign_series_starring_a_korean_actor_is_not_korean() -> None:
    got = run(
        "'The Acolyte' review: Lee Jung-jae wields a lightsaber",
        "The Star Wars series gives the Squid Game star a Jedi master to play.",
    )
    assert not got.korean


def test_same_title_works_are_told_apart_by_people() -> None:
    korean = run("Review: Kim Jee-woon's Cobweb", "Song Kang-ho reshoots an ending.")
    american = run("Cobweb review", "Lizzy Caplan and Antony Starr are the parents of a boy.")
    assert korean.film == american.film == "Cobweb"
    assert korean.korean and not american.korean


def test_season_suffix_class_n_maps_to_the_series() -> None:
    # "Class N" numbers the seasons, like "Season N": the series title is what comes before
    got = run("'Weak Hero Class 2' review: a new school, the same fists", "★★★★")
    assert got.film == "Weak Hero"
    assert got.season == 2
    got = run("'약한영웅 Class 1' 다시 보기", "웨이브 시리즈 '약한영웅 Class 1'을 돌아본다.")
    assert got.film == "Weak Hero"
    assert got.season == 1


def test_a_hangul_title_naming_only_foreign_people_needs_corroboration() -> None:
    korean_feed = FeedSpec(url="https://example.org/k", korean_only=True)
    foreign = run(
        "'어둠의 항구' 3월 국내 개봉",
        "존 하퍼 감독의 스릴러 '어둠의 항구'가 3월 극장에서 개봉한다. "
        "에밀리 클락과 톰 워드가 출연한다.",
        feed=korean_feed,
    )
    assert foreign.kind == Kind.RELEASE
    assert not foreign.korean
    local = run(
        "'어둠의 항구' 3월 개봉",
        "류준열 주연의 스릴러 '어둠의 항구'가 3월 극장에서 개봉한다.",
        feed=korean_feed,
    )
    assert local.korean


# --------------------------------------------------------------------------------------------
# Held-out round 2: rules written for other outlets' styles (sentences written for these tests)


@pytest.mark.parametrize(
    "title",
    [
        "'Harbin' review: Hyun Bin crosses a frozen river, a train station and more",
        "Harbin review: Hyun Bin crosses a frozen river, a train station and more",
        "Review: Harbin - Hyun Bin crosses a frozen river and more",
        "'Harbin' review: a cousin of 'Shiri', 'The Berlin File' and 'Asura'",
    ],
)
def test_a_review_headline_subtitle_does_not_make_a_roundup(title: str) -> None:
    got = run(title, "3.5/5 stars. Woo Min-ho films the cold.")
    assert got.kind == Kind.REVIEW
    assert got.film == "Harbin"
    assert got.rating == 3.5


def test_roundup_words_in_a_review_headline_subject_still_make_a_roundup() -> None:
    got = run("Review: 'Harbin', 'Exhuma' and more", "Harbin: 3/5. Exhuma: 4/5.")
    assert got.kind == Kind.REVIEW
    assert got.film is None and got.rating is None


@pytest.mark.parametrize(
    ("title", "film", "season"),
    [
        ("Sweet Home season 3 ends the monster saga on a whimper", "Sweet Home", 3),
        ("Tokyo Vice Season 2 Takes the Detective Deeper Into the Yakuza", "Tokyo Vice", 2),
        ("Netflix Renews Squid Game Season 3 Before Season 2 Airs", "Squid Game", 3),
    ],
)
def test_an_unquoted_title_before_season_n(title: str, film: str, season: int) -> None:
    got = run(title, "The new episodes pick up a year later.")
    assert got.film == film
    assert got.season == season


def test_season_n_after_a_sentence_is_not_a_title() -> None:
    assert run("Netflix renews its biggest hit for season 3", "More episodes.").film is None


def test_a_quoted_sentence_is_speech_not_a_title() -> None:
    got = run(
        'Bong Joon-ho on Mickey 17: "I wanted the clones to be funny"',
        "The director talks about Robert Pattinson's two performances.",
    )
    assert got.film == "Mickey 17"
    got = run(
        'Mara Ellison on The Quiet River: "My father fished that water"',
        "The director talks about her first feature, a drama shot in one summer.",
    )
    assert got.film == "The Quiet River"
    # a title with a pronoun is still a title: it is written in title case
    assert run("'I Saw the Devil' returns to cinemas", "Kim Jee-woon's thriller.").film == (
        "I Saw the Devil"
    )


def test_from_a_to_b_is_about_b() -> None:
    got = run(
        "Lee Chang-dong Went From Poetry to Burning Without Wasting a Shot",
        "The director on his mystery film, adapted from a Murakami story.",
    )
    assert got.film == "Burning"


def test_an_all_capitals_press_headline_names_its_title_between_format_and_verb() -> None:
    got = run(
        "NETFLIX ORIGINAL SERIES GYEONGSEONG CREATURE PREMIERES FRIDAY, DECEMBER 22",
        "The series set in 1945 Seoul premieres Friday, December 22, only on Netflix.",
        published=datetime(2023, 11, 20, tzinfo=UTC),
    )
    assert got.film == "Gyeongseong Creature"
    assert got.kind == Kind.RELEASE
    assert got.release_date == date(2023, 12, 22)
    got = run(
        "APPLE ORIGINAL FILM THE LAST HARBOR DEBUTS FRIDAY, MAY 2",
        "The film debuts Friday, May 2 on Apple TV+.",
    )
    assert got.film == "The Last Harbor"


def test_a_trailer_for_an_unquoted_title() -> None:
    got = run(
        "Netflix Unveils First Trailer for The Long Tide, Arriving June 6",
        "A fishing village drama starring two newcomers.",
    )
    assert got.kind == Kind.OTHER
    assert got.film == "The Long Tide"
    assert got.release_date is None


def test_title_dash_verdict_is_a_review() -> None:
    got = run(
        "Harbin — Hyun Bin leads a stately, snowbound thriller of the independence struggle",
        "Woo Min-ho films the 1909 assassination plot in grey and white.",
    )
    assert got.kind == Kind.REVIEW
    assert got.film == "Harbin"
    news = run(
        "Harbin — Hyun Bin's thriller tops the box office for a third weekend",
        "The film sold 400,000 tickets.",
    )
    assert news.kind == Kind.NEWS


def test_the_best_x_without_a_number_is_a_listicle() -> None:
    got = run(
        "The best Korean revenge thrillers on Prime Video",
        "From Oldboy to The Chaser, the films to stream tonight.",
    )
    assert got.kind == Kind.OTHER
    assert got.film is None
    assert got.korean


@pytest.mark.parametrize("service", ["Disney Plus", "Apple TV Plus", "Paramount Plus"])
def test_new_on_a_service_in_any_spelling_is_a_release_roundup(service: str) -> None:
    got = run(
        f"New on {service} in March 2025 — 'Severance', 'Pachinko' and more",
        "Two returning series and a documentary arrive this month.",
    )
    assert got.kind == Kind.RELEASE
    assert got.film is None


def test_a_k_pop_comeback_is_not_a_film_release() -> None:
    got = run(
        "Stray Kids set a comeback with 'Lighthouse' in June",
        "JYP Entertainment said the group will release a mini album 'Lighthouse' on June 3 "
        "at 6 PM KST.",
    )
    assert got.kind == Kind.OTHER
    assert got.film is None
    assert got.release_date is None
    assert got.korean


def test_a_korean_review_category_with_a_prefix_is_a_review() -> None:
    got = run(
        "'무빙', 초능력보다 부모의 마음",
        "디즈니+ 시리즈 '무빙'은 초능력을 숨긴 부모와 아이들의 이야기다.",
        categories=["드라마리뷰"],
    )
    assert got.kind == Kind.REVIEW


def test_a_korean_release_headline_with_words_between_date_and_verb() -> None:
    got = run(
        "쿠팡플레이 '뉴토피아', 오는 7일 단독 공개",
        "쿠팡플레이 시리즈 '뉴토피아'가 오는 7일 8편 전편 공개된다.",
        published=datetime(2025, 2, 3, 10, 0, tzinfo=KST),
    )
    assert got.kind == Kind.RELEASE
    assert got.release_date == date(2025, 2, 7)
    assert got.platform == "coupang_play"


@pytest.mark.parametrize(
    "title",
    [
        "South Korea's streaming industry faces a cash squeeze",
        "Why Showbox and Lotte Entertainment are making fewer films",
        "CJ ENM cuts its film slate for next year",
        "Busan International Film Festival names a new director",
        "Apple's Korean family saga returns for a final chapter",
    ],
)
def test_korean_industry_streamers_studios_and_festivals_are_korean(title: str) -> None:
    got = run(title, "The business is changing fast: fewer films, shorter seasons.")
    assert got.korean, got.reasons


def test_a_foreign_film_at_a_korean_festival_is_not_korean() -> None:
    got = run(
        "'The Quiet River' to screen at BIFF",
        "Mara Ellison's Danish drama about a fishing family will screen in the festival's "
        "Flash Forward section.",
    )
    assert not got.korean


def test_a_platform_of_a_separate_work_is_a_passing_mention() -> None:
    got = run(
        "'대도시의 사랑법' 다음 달 개봉",
        "김고은 주연의 영화 '대도시의 사랑법'이 다음 달 1일 극장에서 개봉한다. "
        "티빙 시리즈와는 별개의 작품이다.",
    )
    assert got.platform is None


def test_a_korean_roundup_headline_lists_titles_with_a_middle_dot() -> None:
    got = run(
        "이번 주 OTT 뭐 볼까…'무빙'·'더 글로리' 다시 보기",
        "디즈니+는 '무빙'을, 넷플릭스는 '더 글로리'를 다시 소개한다.",
    )
    assert got.film is None
    assert got.platform is None


def test_a_hangul_title_contradicted_by_people_and_year_is_not_the_stored_film() -> None:
    # 마더 is also Bong Joon-ho's 2009 'Mother': a new film credited to a foreign director is not
    got = run(
        "'마더' 12월 국내 개봉",
        "피터 하퍼 감독의 신작 '마더'가 12월 극장에서 개봉한다. 에밀리 클락이 출연한다.",
    )
    assert got.film == "마더"
    assert not got.korean
    # the stored film when its people are named
    got = run("'마더' 재개봉", "봉준호 감독의 '마더'가 다시 극장에 걸린다. 김혜자가 출연한다.")
    assert got.film == "Mother"
    assert got.korean


def test_kore_edas_monster_is_told_from_the_host_by_its_hangul_title() -> None:
    got = run(
        "고레에다 히로카즈 '괴물' 국내 개봉 확정",
        "고레에다 히로카즈 감독의 '괴물'이 극장에서 개봉한다.",
        published=datetime(2023, 10, 5, tzinfo=KST),
    )
    assert got.film == "Monster"
    assert not got.korean


def test_listed_items_carry_their_own_dates_and_split_season_suffixes() -> None:
    got = run(
        "New on Netflix this week: 'Kingdom', 'Sweet Home' and more",
        "",
        "<p><b>Sweet Home</b> (Netflix, Sept. 12) - the Korean creature series ends</p>"
        "<p><b>Kingdom season 3 part 1</b> (Sept. 14) - zombies in Joseon</p>",
    )
    assert got.kind == Kind.RELEASE
    assert got.listed == (
        ListedRelease("Sweet Home", date(2024, 9, 12), True, None),
        ListedRelease("Kingdom", date(2024, 9, 14), True, 3),
    )


def test_a_korean_prose_roundup_lists_each_quoted_title_with_its_day() -> None:
    got = run(
        "이번 주 OTT 뭐 볼까…'지옥2'·'무빙'",
        "<p>넷플릭스는 13일 '지옥' 시즌2를 공개한다. 디즈니+는 15일 '무빙'을 다시 선보인다.</p>",
    )
    assert got.kind == Kind.RELEASE
    assert got.film is None
    assert [(x.film, x.release_date, x.season) for x in got.listed] == [
        ("Hellbound", date(2024, 9, 13), 2),
        ("Moving", date(2024, 9, 15), None),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Korean Films on Netflix: Our Picks for the Weekend",
        "Everything We Know About Season 2 of the Hit Thriller",
        "Why Season 3 Is the End of the Road",
    ],
)
def test_title_case_sentences_are_not_taken_for_titles(title: str) -> None:
    got = run(title, "The series returns with new episodes.")
    assert got.film is None, got.reasons


def test_a_korean_streamer_next_to_a_foreign_film_is_not_evidence_enough() -> None:
    got = run(
        "'The Quiet River' now streaming on TVING",
        "Mara Ellison's drama about a fishing family is now streaming.",
    )
    assert got.platform == "tving"
    assert not got.korean


# --------------------------------------------------------------------------------------------
# General rules added in the held-out 3 round (sentences written for these tests)


def test_a_quote_after_review_colon_is_a_pull_quote_not_the_title() -> None:
    result = run("Harvest Moon review: 'A quiet storm of a film'", "A tender drama.")
    assert result.film == "Harvest Moon"
    assert result.kind == Kind.REVIEW


def test_a_quoted_title_before_star_is_a_credit_not_the_reviewed_work() -> None:
    result = run(
        "Review: 'Parasite' star Choi Woo-shik runs from the law in the wry caper 'Night Owls'",
        "A Seoul heist comedy.",
    )
    assert result.film == "Night Owls"


def test_a_platform_film_review_suffix_is_not_part_of_the_title() -> None:
    assert run("Paper Lanterns: Netflix Film Review", "A Korean drama.").film == "Paper Lanterns"


@pytest.mark.parametrize(
    "title",
    [
        "Paper Lanterns: Release Date, Cast & Plot of the New K-Drama",
        "Paper Lanterns Release Date, Time & Where to Stream the Drama",
        "Paper Lanterns Netflix Release Date, Cast, and Plot",
    ],
)
def test_the_title_is_what_comes_before_release_date(title: str) -> None:
    result = run(title, "The Korean drama arrives on Netflix on October 4.")
    assert (result.film, result.kind) == ("Paper Lanterns", Kind.RELEASE)


def test_a_review_sentence_headline_names_its_title_before_the_verb() -> None:
    result = run(
        "The Quiet Orchard Is a Slow, Sad Fable About Farmers",
        "A drama that takes its time.",
        categories=["Movies", "Reviews"],
    )
    assert (result.film, result.kind) == ("The Quiet Orchard", Kind.REVIEW)


def test_a_star_then_a_number_is_a_five_point_rating_and_an_average_is_ignored() -> None:
    result = run("파묘 ★ 3.5", "<p>무섭고 재밌다.</p><p>평균 ★3.9 (10,200명)</p>")
    assert (result.rating, result.rating_text) == (3.5, "★ 3.5")
    assert (result.film, result.kind, result.korean) == ("Exhuma", Kind.REVIEW, True)
    assert run("Some Film", "<p>평균 ★4.1 (2,000명)</p>").rating is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("배우 A의 '파묘', 다음 달 6일 넷플릭스 공개", date(2024, 10, 6)),
        ("'파묘' 오는 20일 전 세계 최초 개봉", date(2024, 9, 20)),
    ],
)
def test_korean_relative_dates_with_a_service_or_manner_words_are_releases(
    title: str, expected: date
) -> None:
    result = run(title, "영화 소식입니다.")
    assert (result.kind, result.release_date) == (Kind.RELEASE, expected)


def test_a_weekly_korean_cinema_roundup_is_a_release_without_one_film() -> None:
    result = run("이번 주 극장가…'파묘'·'하얼빈' 20일 나란히 개봉", "두 영화가 같은 날 개봉한다.")
    assert (result.kind, result.film) == (Kind.RELEASE, None)


def test_new_k_dramas_premiering_in_a_month_is_a_release_roundup() -> None:
    result = run("New K-Dramas Premiering In March 2025", "Three new series on TVING and Netflix.")
    assert (result.kind, result.film) == (Kind.RELEASE, None)


def test_a_stream_from_date_headline_is_a_release_despite_a_festival_premiere() -> None:
    result = run(
        "'Harbin' to stream on Netflix from Nov. 3 after Busan premiere",
        "The Korean film premieres at the Busan festival on Oct. 5 and streams on Netflix on "
        "Nov. 3.",
    )
    assert (result.kind, result.platform) == (Kind.RELEASE, "netflix")
    assert result.release_date == date(2024, 11, 3)


def test_a_photos_prefix_marks_a_gallery() -> None:
    result = run("PHOTOS: Actors Shine At The Baeksang Arts Awards", "Stars of Korean film.")
    assert result.kind == Kind.OTHER


def test_a_seasonal_food_item_is_not_film_news() -> None:
    result = run(
        "Persimmon season: villages dry fruit for winter",
        "Families hang persimmons under the eaves.",
        categories=["Culture", "Food"],
    )
    assert (result.kind, result.korean) == (Kind.OTHER, False)


def test_korean_cinema_chains_make_an_industry_story_korean() -> None:
    result = run(
        "Megabox and Lotte Cinema cut ticket prices as admissions fall",
        "The chains, rivals of CJ CGV, hope to bring audiences back.",
        categories=["Industry"],
    )
    assert result.korean is True


def test_south_korea_and_two_of_its_works_make_an_essay_korean() -> None:
    result = run(
        "What South Korea Knows About Class",
        "From Parasite to Squid Game, the country's film and TV keep asking who gets to climb.",
        categories=["Culture"],
    )
    assert (result.korean, result.film) == (True, None)


def test_a_hangul_review_tag_title_runs_to_the_platform_in_brackets() -> None:
    result = run("[드라마 리뷰] 오징어 게임 (넷플릭스) – 다시 보는 게임", "<p>별점 ★★★★</p>")
    assert (result.film, result.kind, result.rating) == ("Squid Game", Kind.REVIEW, 4.0)


# --------------------------------------------------------------------------------------------
# Held-out 4 round: general rules, each on a sentence written here


def test_a_word_rating_closing_the_paragraph_without_out_of() -> None:
    result = run(
        "Harbor Lights review: a ferry captain's last winter",
        "<p>Kim Tae-ri anchors a patient, salty drama. Four and a half stars.</p>",
    )
    assert (result.rating, result.rating_text) == (4.5, "Four and a half stars.")


def test_stars_in_running_text_are_not_a_word_rating() -> None:
    result = run(
        "Harbor Lights review: a ferry captain's last winter",
        "<p>A quiet film. Two stars of the show trade barbs on the pier.</p>",
    )
    assert result.rating is None


def test_gets_a_month_date_is_a_release() -> None:
    result = run(
        "Frost Line: Kim Go-eun thriller series gets November date",
        "<p>The eight-part series streams on Netflix from November 14, 2025.</p>",
        published=datetime(2025, 10, 1, 9, 0, tzinfo=UTC),
    )
    assert (result.kind, result.release_date) == (Kind.RELEASE, date(2025, 11, 14))


def test_sets_a_dated_debut_is_a_release() -> None:
    result = run(
        "Coupang Play sets Jan. 20 debut for 'Harbor Lights'",
        "<p>Kim Tae-ri plays a ferry captain in the six-part drama.</p>",
        published=datetime(2025, 12, 1, 9, 0, tzinfo=UTC),
    )
    assert (result.kind, result.release_date) == (Kind.RELEASE, date(2026, 1, 20))


def test_opens_nationwide_on_a_date_in_the_lead_is_a_release() -> None:
    result = run(
        "'The Last Ferry' brings a port-city noir to British screens",
        "<p>Park Ji-hoon's thriller about a smuggler opens nationwide on Feb. 7.</p>",
        published=datetime(2025, 1, 30, 9, 0, tzinfo=UTC),
    )
    assert (result.kind, result.release_date) == (Kind.RELEASE, date(2025, 2, 7))


def test_a_festival_premiere_before_a_platform_debut_is_dated_by_the_platform() -> None:
    result = run(
        "Harbor Lights, Netflix's Coastal Thriller, Premieres at Venice Before Its Sept. 20 Debut",
        "<p>Kim Tae-ri stars. It screens at the Venice Film Festival on Sept. 2 ahead of its "
        "Netflix premiere on Sept. 20.</p>",
        published=datetime(2025, 8, 15, 9, 0, tzinfo=UTC),
    )
    assert (result.kind, result.platform) == (Kind.RELEASE, "netflix")
    assert result.release_date == date(2025, 9, 20)


def test_a_korean_streamer_date_headline_is_a_korean_release() -> None:
    result = run(
        "김태리 '바람의 정원', 오는 12일 웨이브 공개",
        "<p>웨이브 오리지널 '바람의 정원'이 오는 12일 전편 공개된다.</p>",
        published=datetime(2025, 3, 3, 10, 0, tzinfo=KST),
    )
    assert (result.kind, result.korean) == (Kind.RELEASE, True)
    assert result.release_date == date(2025, 3, 12)


def test_opened_today_in_korean_is_a_release_dated_that_day() -> None:
    result = run(
        "美 애니 '별의 아이' 국내 개봉…\"두 형제의 여름\"",
        "<p>미국 애니메이션 '별의 아이'가 오늘(14일) 전국 극장에서 개봉했습니다.</p>",
        published=datetime(2025, 2, 14, 10, 0, tzinfo=KST),
    )
    assert (result.kind, result.korean) == (Kind.RELEASE, False)
    assert result.release_date == date(2025, 2, 14)


def test_a_korea_only_streamers_drama_is_korean() -> None:
    result = run(
        "Midnight Pharmacy review: slow-burn charm",
        "<p>Overall 7/10. The Coupang Play drama lets its two leads breathe.</p>",
    )
    assert (result.kind, result.korean, result.rating) == (Kind.REVIEW, True, 3.5)


def test_a_hangul_alias_in_brackets_is_stripped_from_the_title() -> None:
    result = run(
        "Midnight Pharmacy (심야약국) review: slow-burn charm",
        "<p>Overall 7/10. A gentle drama.</p>",
    )
    assert result.film == "Midnight Pharmacy"


def test_a_stated_year_beats_a_curated_work_of_another_year() -> None:
    result = run(
        "Parasite, 1982 - ★★",
        "<p>Cheap 3-D gore in a dusty desert town.</p>",
        link="https://letterboxd.com/someone/film/parasite-1982/",
    )
    assert (result.film, result.year, result.korean) == ("Parasite", 1982, False)


def test_an_unquoted_curated_title_starting_a_headline_is_the_film() -> None:
    result = run(
        "Exhuma Is the Creepiest Ride of the Spring",
        "<p>The grave-digging thriller earns every shiver. Grade: B+</p>",
    )
    assert (result.film, result.kind) == ("Exhuma", Kind.REVIEW)


def test_a_curated_hangul_short_name_in_a_headline_names_the_work() -> None:
    result = run(
        "강태오, 팬미팅서 '우영우'로 추억 회상",
        "<p>강태오가 팬들과 드라마 촬영 당시를 돌아봤다.</p>",
    )
    assert result.film == "Extraordinary Attorney Woo"
