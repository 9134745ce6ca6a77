"""Issue 14's ninth round, written from development set 15's misses (tests/data/dev15): release
headlines that say "here's when", set a Chinese date (定档), announce a home release's dates or
open a work on a day; what-we-know headlines that explain news; review sections of Chinese and
Japanese outlets; review headlines that name the service or the screen; lists, explainers and a
K-pop act's tour filed under K-pop; variety, travel and talk shows as television; Korean
evidence from a Korean channel's programme, a Japanese text's Korean variety show and a Chinese
outlet's Korean section. Each case is a general shape, not an outlet's, written for these
tests."""

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
            "Korea's biggest hit of the summer is heading to Australian cinemas — here's when",
            "<p>Harbour Lights arrives in Australian cinemas on Thursday, October 9.</p>",
            date(2025, 10, 9),
        ),
        ("《港口之光》定档10月17日 内地与北美同步上映", "<p>韩国电影。</p>", date(2025, 10, 17)),
        (
            "Harbour Lights 4K Blu-ray and digital dates announced",
            "<p>The Korean film arrives on digital download on 20 October.</p>",
            date(2025, 10, 20),
        ),
        (
            "Harbour Lights opens Friday at River East: a Korean spy thriller",
            "<p>Ryoo Seung-wan's Harbour Lights opens Friday, October 3, at AMC River East.</p>",
            date(2025, 10, 3),
        ),
    ],
)
def test_release_headlines(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary)
    assert r.kind == Kind.RELEASE and r.release_date == day, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Hong Min-ji's Cooking Show Beats Streaming Giants In Korea? Here's What We Know",
            "<p>The Korean entertainer's YouTube series passed 8 million views.</p>",
        ),
        ("The River Cinema opens Friday with a Korean film season", KOREAN_FILM),
        ("Seoul Festival opens Friday at the Barbican", KOREAN_FILM),
    ],
)
def test_headlines_that_announce_no_release(title: str, summary: str) -> None:
    r = classify_headline(title, summary)
    assert r.kind != Kind.RELEASE, r.reasons


def test_what_we_know_beside_a_season_is_a_release_guide() -> None:
    r = classify_headline("Harbour Lights Season 2: Cast, Plot And What We Know", KOREAN_FILM)
    assert r.kind == Kind.RELEASE, r.reasons


@pytest.mark.parametrize("section", ["影評", "剧评", "レビュー"])
def test_chinese_and_japanese_review_sections(section: str) -> None:
    r = classify_headline(
        "沒有炫技的諜戰：《港口之光》把冷戰拍成兩個男人的沉默",
        "<p>韓國電影。可惜最後二十分鐘過於繁複。</p>",
        ("娛樂", "電影", section),
        link="https://news.example.tw/news/entertainment/1",
    )
    assert r.kind == Kind.REVIEW, r.reasons


@pytest.mark.parametrize(
    ("title", "film"),
    [
        ("Harbour Lights (Netflix) Movie Review", "Harbour Lights"),
        ("Harbour Lights (Netflix Series) Review", "Harbour Lights"),
        ("Harbour Lights 4K Blu-ray Review", "Harbour Lights"),
    ],
)
def test_review_headlines_that_name_the_service_or_the_screen(title: str, film: str) -> None:
    r = classify_headline(title, "<p>A Korean love story. Verdict: 6/10</p>")
    assert r.kind == Kind.REVIEW and r.film == film, r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "categories"),
    [
        (
            "First Light: 8 things to know about MBN's political melodrama",
            "<p>Everything to know about the Korean drama.</p>",
            (),
        ),
        (
            "Han Ji-ho and Shin Min-gu are Korea's funniest duo right now — here's where to start",
            "<p>The two Korean comedians' clips to watch first.</p>",
            (),
        ),
        (
            "NOVA announce first world tour: dates, cities and how to get tickets",
            "<p>The boy group will visit 14 cities.</p>",
            ("Music", "K-Pop"),
        ),
    ],
)
def test_lists_explainers_and_tours_are_other(
    title: str, summary: str, categories: tuple[str, ...]
) -> None:
    r = classify_headline(title, summary, categories)
    assert r.kind == Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "categories"),
    [
        # a Korean channel's programme named after it, in a Korean text
        (
            "‘노래의 밤’ 한도윤, 무명 시절 고백",
            "<p>가수 한도윤이 tvN ‘노래의 밤’에 출연해 무명 시절을 회상했다.</p>",
            (),
        ),
        # and a guest's two words before 출연 are no foreign name
        (
            "김하나·송은주, 15년 만에 ‘노래의 밤’ 게스트로 뭉친다",
            "<p>방송인 김하나와 송은주가 KBS2 ‘노래의 밤’ 겨울 특집 게스트로 출연한다.</p>",
            (),
        ),
        # a Japanese text's Korean variety show
        (
            "韓国のバラエティ『ナヌン・ソル』、日本版リメイクが決定",
            "<p>韓国の恋愛リアリティ番組『ナヌン・ソル』の日本版が制作される。</p>",
            (),
        ),
        # a Korean channel's drama written without の
        (
            "『月の港』女優、役作りを語る",
            "<p>tvNドラマ『月の港』で新入社員を演じる女優が語った。</p>",
            (),
        ),
        # a Chinese outlet's Korean section
        ("玄彬訪港宣傳《港口之光》", "<p>Disney+劇集《港口之光》宣傳活動。</p>", ("娛樂", "韓星")),
        # a Korean travel show and its people
        (
            "Moon Se-ho and Kim Jun-su return to Two Nights Away after fans' campaign",
            "<p>The two comedians will reunite with the KBS2 travel show for a special.</p>",
            (),
        ),
    ],
)
def test_korean_without_a_curated_name(
    title: str, summary: str, categories: tuple[str, ...]
) -> None:
    r = classify_headline(title, summary, categories)
    assert r.korean is True, r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "categories"),
    [
        # a Japanese channel's drama, a Japanese variety show
        ("『夜の街』女優、役作りを語る", "<p>日本テレビドラマ『夜の街』で主演を務める。</p>", ()),
        # an American channel's programme in a Korean text
        ("‘더 베어’ 시즌4 공개", "<p>미국 FX ‘더 베어’가 돌아온다.</p>", ()),
        # a British travel show
        (
            "Two Presenters return to a travel show after fans' campaign",
            "<p>The British travel show will film a special in Cornwall.</p>",
            (),
        ),
        # a Chinese outlet's Chinese section
        ("《山海》今日上映", "<p>華語片。</p>", ("娛樂", "華語")),
    ],
)
def test_not_korean(title: str, summary: str, categories: tuple[str, ...]) -> None:
    r = classify_headline(title, summary, categories)
    assert r.korean is False, r.reasons


@pytest.mark.parametrize(
    ("title", "film"),
    [
        ("Harbour Lights arrives on Disney+ next Wednesday — here's the cast", "Harbour Lights"),
        ("Harbour Lights lands in Australian cinemas this Thursday", "Harbour Lights"),
        ("Night Market 2 drops on Netflix this Friday", "Night Market 2"),
    ],
)
def test_a_sentence_case_subject_that_arrives_is_the_title(title: str, film: str) -> None:
    r = classify_headline(title, KOREAN_FILM)
    assert r.film == film, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Ralph Fiennes returns in Harbour Lights, in cinemas 16 January",
        "Park Bo-gum arrives in Jakarta for his fan meeting",
        "Korean Film Week returns to London this November",
        "The Korean drama arrives on Netflix Friday",
    ],
)
def test_a_person_or_an_event_that_arrives_is_no_title(title: str) -> None:
    r = classify_headline(title, KOREAN_FILM)
    assert r.film in (None, "Harbour Lights"), r.reasons


def test_a_title_with_a_lower_case_word_is_no_person_named_alone() -> None:
    r = classify_headline(
        "Made in Seoul arrives on Disney+ next Wednesday — here's the cast",
        "<p>A customs officer in 1970s Seoul. The Korean drama.</p>",
        link="https://example.com/tv/made-in-seoul-disney-plus-cast/",
    )
    assert r.film == "Made in Seoul", r.reasons


# the review of the round's first version (a helper's probes): what its rules took wrongly


@pytest.mark.parametrize(
    "title",
    [
        "Harbour Lights season 3 finale: here's when to watch the last episode",
        "Lee Jung-jae says he almost quit acting – here's when it happened",
        "金秀贤粉丝见面会定档11月8日台北",
        "《港口之光》曾定档2月22日，上映后票房破千万",
        "第45届韩国青龙电影奖颁奖典礼定档11月29日",
        "Stellar Blade PS5 physical and digital release dates announced",
        "Streaming festival dates announced for Netflix Tudum 2026",
        "Parasite opens Friday at the Alley Theatre",
        "Hallyu! The Korean Wave opens Saturday at the Asian Art Museum",
        "Harbour House opens Friday in Seoul",
        "Kim Soo-hyun lawsuit: here's what we know",
    ],
)
def test_round_9_review_no_release(title: str) -> None:
    r = classify_headline(title, "<p>The stage adaptation of the Korean film. 韩国电影。</p>")
    assert r.kind != Kind.RELEASE, r.reasons


@pytest.mark.parametrize(
    ("title", "categories"),
    [
        ("《港口之光》导演新片开机，金高银再度合作", ("影评",)),
        ("《港口之光》第三季收视创新高，Netflix公布数据", ("剧评",)),
        ("『港の光』シーズン3、配信初週で視聴数1位に", ("レビュー",)),
    ],
)
def test_round_9_review_news_under_a_cjk_review_tag(
    title: str, categories: tuple[str, ...]
) -> None:
    r = classify_headline(title, "<p>韓國電影。韓国ドラマ。</p>", categories)
    assert r.kind == Kind.NEWS, r.reasons


@pytest.mark.parametrize(
    ("title", "film"),
    [
        (
            "A Short History of Korean Cinema review – a brisk primer",
            "A Short History of Korean Cinema",
        ),
        ("Dolby Cinema review: is it worth paying extra?", "Dolby Cinema"),
    ],
)
def test_round_9_review_cinema_stays_in_a_title(title: str, film: str) -> None:
    r = classify_headline(title, KOREAN_FILM)
    assert r.film == film, r.reasons


@pytest.mark.parametrize(
    ("title", "categories"),
    [
        ("10 things to know before Harbour Lights season 3 premieres Friday", ()),
        ("Lisa joins The White Lotus: new season premieres after her world tour", ("K-Pop",)),
        ("Rosé's world tour documentary headed to Netflix", ("K-Pop",)),
        ("Nova's fan meeting tour and Harbour Lights ratings record", ("Idols",)),
    ],
)
def test_round_9_review_news_is_no_list_or_act_event(
    title: str, categories: tuple[str, ...]
) -> None:
    r = classify_headline(title, "<p>The Korean drama. The K-pop star.</p>", categories)
    assert r.kind != Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("A variety of new snacks hit convenience stores this fall", "<p>New snacks.</p>"),
        ("Jimmy Fallon's talk show renewed through 2028", "<p>The late-night talk show.</p>"),
    ],
)
def test_round_9_review_television_that_is_not_film(title: str, summary: str) -> None:
    r = classify_headline(title, summary)
    assert r.kind == Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "categories"),
    [
        ("South Korean TV network fined over election coverage", "<p>The network.</p>", ()),
        ("LG OLED 4K TV review", "<p>The Korean TV maker's OLED panel.</p>", ()),
        ("日本映画『ドライブ』、韓国の番組で特集", "<p>日本映画。</p>", ()),
        ("日本のドラマ『静寂』、韓国のリアリティ番組で取り上げられる", "<p>日本のドラマ。</p>", ()),
        ("프랑스 영화 ‘아멜리에’, KBS ‘독립영화관’서 방송", "<p>프랑스 영화가 방송된다.</p>", ()),
        (
            "Girl group ME:I holds first fan meeting in Osaka, members to star in drama",
            "<p>The girl group's fans.</p>",
            (),
        ),
        ("高市首相、韓国大統領と会談", "<p>首脳会談。</p>", ("韓国",)),
        ("中國電影《哪吒2》票房破百億", "<p>中國動畫電影。</p>", ("韓娛",)),
    ],
)
def test_round_9_review_still_not_korean(
    title: str, summary: str, categories: tuple[str, ...]
) -> None:
    r = classify_headline(title, summary, categories)
    assert r.korean is False, r.reasons


def test_round_9_review_the_screen_after_a_curated_title() -> None:
    r = classify_headline("The King's Warden Cinema Review", "<p>Verdict: 8/10</p>")
    assert r.film == "The King's Warden", r.reasons


# the second review: what the fixes still took wrongly


@pytest.mark.parametrize(
    "title",
    [
        "CJ ENM arrives in cinemas Friday with Boss",
        "Blackpink's Jisoo lands on Disney+ Friday in Newtopia",
        "Lisa premieres on HBO Max tonight in The White Lotus",
        "Genshin Impact 5.1 drops on Wednesday",
        "Mnet's Street Woman Fighter streams on Netflix Friday",
    ],
)
def test_round_9_second_review_an_arriving_subject_that_is_no_work(title: str) -> None:
    r = classify_headline(title, "<p>The Korean comedy series.</p>")
    assert r.film in (None, "Boss", "Newtopia", "The White Lotus", "Street Woman Fighter"), (
        r.reasons
    )


@pytest.mark.parametrize(
    "title",
    [
        "BTS is heading to London — here's when tickets go on sale",
        "Bong Joon-ho is heading to Busan — here's when he speaks",
        "电影《港口之光》首映礼定档10月10日 主演到场",
    ],
)
def test_round_9_second_review_no_release(title: str) -> None:
    r = classify_headline(title, "<p>The K-pop group. 韩国电影。</p>")
    assert r.kind != Kind.RELEASE, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "5 things to know about Kim Min-ho's lawsuit against a YouTube channel",
        "7 things to know about Netflix's price hike in Korea",
    ],
)
def test_round_9_second_review_a_list_about_news_is_news(title: str) -> None:
    r = classify_headline(title, "<p>The Korean drama star.</p>")
    assert r.kind == Kind.NEWS, r.reasons


@pytest.mark.parametrize(
    ("title", "categories"),
    [
        ("《港口之光》发布终极预告 IU朴宝剑催泪", ("剧评",)),
        ("宋康昊出席釜山影展红毯", ("影评",)),
        ("映画『港の光』ヒョンビン来日舞台挨拶", ("映画レビュー",)),
    ],
)
def test_round_9_second_review_news_under_a_cjk_review_tag(
    title: str, categories: tuple[str, ...]
) -> None:
    r = classify_headline(title, "<p>韩国演员亮相。韓国映画。</p>", categories)
    assert r.kind != Kind.REVIEW, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "‘나는 솔로’ 호주 특집 시청률 최고치",
            "<p>ENA 연애 예능 나는 솔로가 호주 편으로 시청률 최고치를 기록했다.</p>",
        ),
        (
            "‘지구마불’ 러시아 편 동시간대 1위",
            "<p>예능 프로그램 지구마불이 동시간대 1위를 차지했다.</p>",
        ),
    ],
)
def test_round_9_second_review_a_korean_show_abroad_stays_korean(title: str, summary: str) -> None:
    r = classify_headline(title, summary)
    assert r.korean is True, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "日本のドラマ『静寂』、韓国のリアリティ番組風にリメイク",
            "<p>日本のドラマが韓国の恋愛リアリティ風にアレンジされる。</p>",
        ),
        (
            "中国ドラマ『陳情令』、韓国の番組でも話題に",
            "<p>中国ドラマ『陳情令』が韓国の人気バラエティで紹介された。</p>",
        ),
    ],
)
def test_round_9_second_review_a_show_featured_on_korean_tv_is_not_korean(
    title: str, summary: str
) -> None:
    r = classify_headline(title, summary)
    assert r.korean is False, r.reasons


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("Harbour Lights opens Thursday in theaters", KOREAN_FILM),
        (
            "Harbour Lights opens Friday at AMC Empire 25",
            "<p>The Korean film opens in theaters.</p>",
        ),
    ],
)
def test_round_9_second_review_a_film_that_opens_at_a_cinema(title: str, summary: str) -> None:
    r = classify_headline(title, summary)
    assert r.kind == Kind.RELEASE, r.reasons
