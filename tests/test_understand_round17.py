"""Issue 14's seventeenth round: "today" and "tomorrow" in the other languages ("amanhã",
"mañana", "demain", "morgen", "domani", "besok", "jutro", "yarın", "ngày mai", "hôm nay"), more
of their release headlines (a release's verb before those days, "chega aos cinemas na
quinta-feira", "al cinema da giovedì", "w polskich kinach od", "6 Şubat Cuma vizyonda",
"adelanta su estreno al ..."), an English work that opens "at" a country's cinemas or
"tomorrow", and the work a release headline's verb has for its subject where no other form
named one ("Humint: Korean spy thriller opens at ...", ``releasesubject``). Written from the
languages' grammar and the spent sets' misses (set 21 spent); each rule has its guard."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from headlines import classify_headline

from tracker.types import Kind
from tracker.understand import latinscript
from tracker.understand.linktitle import link_words
from tracker.understand.match import ClusterInput, cluster
from tracker.understand.titles import clean_film

#: a Monday
MONDAY = datetime(2026, 2, 2, 9, tzinfo=UTC)
KOREAN = "<p>La serie surcoreana de Lee Do-hyun. Der südkoreanische Film. Phim Hàn Quốc.</p>"


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("Moonglade estreia amanhã na Netflix", date(2026, 2, 3)),
        ("Moonglade estreia hoje na Netflix", date(2026, 2, 2)),
        ("Moonglade se estrena mañana en Netflix", date(2026, 2, 3)),
        ("Moonglade arrive demain sur Netflix", date(2026, 2, 3)),
        ("Moonglade startet morgen bei Netflix", date(2026, 2, 3)),
        ("Moonglade arriva domani su Netflix", date(2026, 2, 3)),
        ("Moonglade tayang besok di Netflix", date(2026, 2, 3)),
        ("Moonglade trafi jutro na Netflix", date(2026, 2, 3)),
        ("Moonglade yarın Netflix'te", date(2026, 2, 3)),
        ("Moonglade lên sóng ngày mai trên Netflix", date(2026, 2, 3)),
        ("Moonglade lên sóng hôm nay trên tvN", date(2026, 2, 2)),
        ("Moonglade verschijnt morgen op Netflix", date(2026, 2, 3)),
    ],
)
def test_round_17_today_and_tomorrow_in_the_other_languages(title: str, day: date) -> None:
    r = classify_headline(title, KOREAN, published=MONDAY)
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == day, r.reasons


def test_round_17_tomorrow_is_the_local_days() -> None:
    # 23:30 in São Paulo is already Tuesday in UTC: "amanhã" is the local Tuesday
    late = datetime(2026, 2, 2, 23, 30, tzinfo=timezone(timedelta(hours=-3)))
    r = classify_headline("Moonglade estreia amanhã na Netflix", KOREAN, published=late)
    assert r.release_date == date(2026, 2, 3), r.reasons


def test_round_17_a_morning_is_no_tomorrow() -> None:
    # "por la mañana" and "esta mañana" are a morning; German's "Morgen" with its capital is one
    assert latinscript.relative_days_in("se estrena el viernes por la mañana", MONDAY.date()) == []
    assert latinscript.relative_days_in("lo anunció esta mañana", MONDAY.date()) == []
    assert latinscript.relative_days_in("Jeden Morgen um acht", MONDAY.date()) == []
    r = classify_headline(
        "Moonglade se estrena este viernes por la mañana en Netflix", KOREAN, published=MONDAY
    )
    assert r.release_date == date(2026, 2, 6), r.reasons


@pytest.mark.parametrize(
    ("title", "day"),
    [
        # Turkish's dotless ı folds to i in the words the gates look up
        ("Moonglade 12 Aralık'ta sinemalarda", date(2026, 12, 12)),
        ("Moonglade salı günü Netflix'te yayınlanacak", date(2026, 2, 3)),
        ("Moonglade 6 Şubat Cuma vizyonda", date(2026, 2, 6)),
        ("Moonglade chega aos cinemas na quinta-feira, 5 de fevereiro", date(2026, 2, 5)),
        ("Moonglade, al cinema da giovedì 5 febbraio", date(2026, 2, 5)),
        ("„Moonglade” w polskich kinach od 20 lutego", date(2026, 2, 20)),
        ("'Moonglade' adelanta su estreno en España al 5 de febrero", date(2026, 2, 5)),
        ("Người giữ đèn khởi chiếu tại Việt Nam từ thứ Sáu tuần này", date(2026, 2, 6)),
        ("Người giữ đèn khởi chiếu từ thứ Sáu tuần tới", date(2026, 2, 13)),
    ],
)
def test_round_17_more_release_headlines_of_the_other_languages(title: str, day: date) -> None:
    r = classify_headline(title, KOREAN, published=MONDAY)
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == day, r.reasons


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("Moonglade opens in Nigerian cinemas tomorrow", date(2026, 2, 3)),
        ("Moonglade: Korean spy thriller opens at Kenyan cinemas this Friday", date(2026, 2, 6)),
        ("Moonglade arrives at UK cinemas this Friday", date(2026, 2, 6)),
    ],
)
def test_round_17_a_work_opens_at_cinemas_or_tomorrow(title: str, day: date) -> None:
    r = classify_headline(title, "<p>The Korean spy film.</p>", published=MONDAY)
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == day, r.reasons
    assert r.film == "Moonglade", r.reasons


@pytest.mark.parametrize(
    ("title", "film"),
    [
        ("Moonglade opens in UK cinemas on February 13", "Moonglade"),
        ("Paper Lanterns will be released in Malaysian cinemas on Feb 13", "Paper Lanterns"),
        ("Spy Thriller Moonglade Lands In Australian Cinemas This Month", "Moonglade"),
        ("Moonglade biopic opens in Kenyan cinemas on February 13", "Moonglade"),
        ("Paper Lanterns: O Filme chega aos cinemas na quinta-feira", "Paper Lanterns: O Filme"),
        ("Moonglade estreia amanhã na Netflix", "Moonglade"),
        (
            "Made Of Glass: Hyun Bin's Gritty Crime Series Streams On Disney+ From Feb 13",
            "Made Of Glass",
        ),
        ("Moonglade 2's English Dub Is Coming to U.S. Theaters in August", "Moonglade 2"),
        ("Moonglade Episode Spesial Tahun Baru Tayang Besok", "Moonglade"),
    ],
)
def test_round_17_the_subject_of_a_release_verb_is_the_work(title: str, film: str) -> None:
    r = classify_headline(title, "<p>The Korean film. Film Korea.</p>", published=MONDAY)
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.film == film, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "The Korean drama opens in UK cinemas on Friday",
        "Lee Min-ho's new film opens in UK cinemas on February 13",
        "Korean Film Week opens in London cinemas on February 13",
        "Netflix arrives in Kenyan cinemas on February 13 with Moonglade",
        "Head Over Heels Confirms June 23 Premiere",
        "Moonglade filmi 6 Şubat Cuma vizyonda",
        "What's new opens in UK cinemas on February 13",
    ],
)
def test_round_17_a_subject_that_is_no_work(title: str) -> None:
    r = classify_headline(title, "<p>The Korean film.</p>", published=MONDAY)
    assert r.film in (None, "Moonglade", "Head Over Heels"), r.reasons


# the link's words: an article's id and a dated slug are no title's; accents as a slug drops them


@pytest.mark.parametrize(
    ("link", "words"),
    [
        (
            "https://example.ke/tv/613870-2-days-1-night-jeju-special/",
            "2 days 1 night jeju special",
        ),
        ("https://example.co.za/article/2026-01-16-hamnet-chloe-zhao/", "hamnet chloe zhao"),
        ("https://example.vn/humint-mat-vu-ra-rap-post1620345.html", "humint mat vu ra rap"),
        ("https://example.pl/news/Stranger+Things+fina%C5%82-160090", "stranger things final"),
        ("https://example.ng/entertainment/8420019-humint-review.html", "humint review"),
    ],
)
def test_round_17_the_words_of_a_link(link: str, words: str) -> None:
    assert link_words(link) == tuple(words.split())


@pytest.mark.parametrize(
    ("title", "summary", "link", "film"),
    [
        (
            "Moonglade is a cold, gripping spy duel",
            "<p>Lee Do-hyun stages his spy film in frozen Vladivostok.</p><p>Rating: ★★★★☆</p>",
            "https://example.ng/entertainment/8420019-moonglade-review.html",
            "Moonglade",
        ),
        (
            "Moonglade: Chloé Marchand turns grief into something you can almost touch",
            "<p>The French director's best film.</p><p>Rating: 4/5</p>",
            "https://example.co.za/article/2026-01-16-moonglade-chloe-marchand-grief/",
            "Moonglade",
        ),
        (
            "Tom Harlow Plays Ping-Pong Like His Life Depends On It",
            "<p><em>Moonglade</em> is a frantic sports comedy.</p><p>Rating: 4/5</p>",
            "https://example.com/movies/moonglade-review-tom-harlow-safdie/",
            "Moonglade",
        ),
        (
            "Người giữ đèn khởi chiếu tại Việt Nam từ thứ Sáu tuần này",
            "<p>Phim Hàn Quốc ra rạp Việt từ thứ Sáu tuần này.</p>",
            "https://example.vn/nguoi-giu-den-khoi-chieu-viet-nam-post1630002.html",
            "Người giữ đèn",
        ),
        (
            "'No hay otra salida', lo nuevo de Park Chan-wook, llega a los cines el viernes 6 de "
            "febrero",
            "<p>La película surcoreana.</p>",
            "https://example.es/noticias-cine/a69120345/no-hay-otra-salida-estreno",
            "No hay otra salida",
        ),
    ],
)
def test_round_17_the_link_names_the_work(title: str, summary: str, link: str, film: str) -> None:
    r = classify_headline(title, summary, link=link, published=MONDAY)
    assert r.film == film, r.reasons


def test_round_17_a_headline_slugged_confirms_no_quote() -> None:
    r = classify_headline(
        "Director says 'Korean cinema is at a crossroads'",
        "<p>The Korean film industry.</p>",
        link="https://example.com/news/director-says-korean-cinema-is-at-a-crossroads/",
        published=MONDAY,
    )
    assert r.film is None, r.reasons


def test_round_17_a_film_section_in_the_link_is_about_film() -> None:
    # an Italian review whose words name no film, filed under /film/ with a rating
    title = "Lee Do-hyun e la guerra di un uomo licenziato contro tutti gli altri"
    summary = "<p>Una commedia nera feroce.</p><p>Giudizio: ★★★★½</p>"
    filed = classify_headline(
        title,
        summary,
        ("Recensioni",),
        link="https://example.it/film/2025/moonglade/recensione",
        published=MONDAY,
    )
    assert filed.kind == Kind.REVIEW, filed.reasons
    assert filed.korean, filed.reasons
    # (the same entry filed nowhere tells of nothing)
    unfiled = classify_headline(
        title, summary, ("Recensioni",), link="https://example.it/2025/moonglade", published=MONDAY
    )
    assert unfiled.kind == Kind.OTHER, unfiled.reasons


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("Moonglade ra rạp Việt từ thứ Sáu (13/2)", date(2026, 2, 13)),
        ("Moonglade tayang di bioskop mulai Rabu (11/2/2026)", date(2026, 2, 11)),
    ],
)
def test_round_17_a_weekday_with_its_day_in_brackets(title: str, day: date) -> None:
    r = classify_headline(title, KOREAN + "<p>Film Korea.</p>", published=MONDAY)
    assert r.release_date == day, r.reasons


def test_round_17_a_date_in_brackets_without_a_weekday_is_not_read() -> None:
    # "Netflix (2/3)" is no day-first date: only after these languages' weekday names
    assert latinscript.dates_in("streaming on Netflix (2/3)", MONDAY.date()) == []


def test_round_17_a_reviews_word_before_an_episodes_title() -> None:
    r = classify_headline(
        "Review Paper Lanterns Episode 1: Lee Do-hyun Curi Perhatian",
        "<p>Drama hukum tvN ini.</p><p>Skor: 7,5/10</p>",
        ("Drakor", "Review"),
        published=MONDAY,
    )
    assert r.film == "Paper Lanterns", r.reasons


def test_round_17_a_release_date_confirmed_after_the_subject() -> None:
    r = classify_headline(
        "Moonglade biopic: Kenyan release date confirmed for Friday, February 13",
        "<p>The film reaches Kenyan cinemas on Friday, February 13.</p>",
        published=MONDAY,
    )
    assert (r.kind, r.film, r.release_date) == (Kind.RELEASE, "Moonglade", date(2026, 2, 13))


@pytest.mark.parametrize(
    "title",
    [
        "網飛韓影《月光島》本週五上線",
        "网飞韩影《月光岛》：一部荒诞喜剧",
        "韓綜《月光島》第二季開播",
    ],
)
def test_round_17_chinese_words_for_a_korean_film_or_variety_show(title: str) -> None:
    r = classify_headline(title, "<p>電影。</p>", published=MONDAY)
    assert r.korean, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "圣诞假期追剧清单：10部值得一看的韩剧",
        "農曆新年必睇　5套高分韓劇推介",
        "2026必看韓劇總整理　新作搶先看",
        "Where Was Moonglade Filmed? All The Shooting Locations",
        "Moonglade filming locations you can actually visit in Korea",
        "Is Moonglade based on a true story? The case behind the K-drama",
        "Who is Lee Do-hyun? The Moonglade director taking over Korean cinema",
        "WIN: Double Passes To See Moonglade",
    ],
)
def test_round_17_lists_and_explainers_are_other(title: str) -> None:
    r = classify_headline(title, "<p>The Korean drama. 韓劇。</p>", published=MONDAY)
    assert r.kind == Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "3部韓劇入圍百想藝術大賞",  # nominated: news
        "Why Korean shows are India's fastest-growing streaming genre",  # an industry's news
    ],
)
def test_round_17_a_count_or_a_why_that_is_no_list(title: str) -> None:
    r = classify_headline(title, "<p>The Korean drama. 韓劇。</p>", published=MONDAY)
    assert r.kind != Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("said", "title"),
    [
        ("Moonglade Episodes 3-4 Recap", "Moonglade"),
        ("Moonglade Series Premiere", "Moonglade"),
        ("Moonglade 5 Volume 2", "Moonglade"),
        ("Moonglade: Episodes 1-2", "Moonglade"),
        ("Moonglade: Final Thoughts", "Moonglade"),
        ("Second Shot At Love Premieres Tomorrow", "Second Shot At Love"),
        ("The Lost Bus Streaming", "The Lost Bus"),
        ("The Judge Returns Episode 1 Recap And", "The Judge Returns"),
        # (a title's own last word stays: "The Judge Returns", "Trailer" alone)
        ("The Judge Returns", "The Judge Returns"),
        ("Trailer", "Trailer"),
    ],
)
def test_round_17_what_a_headline_says_after_a_title_is_not_the_title(
    said: str, title: str
) -> None:
    assert clean_film(said)[0] == title


@pytest.mark.parametrize(
    ("title", "film"),
    [
        ("Moonglade Trailer: Lee Do-hyun Sends Zo In-sung Into A Frozen Spy War", "Moonglade"),
        (
            "Paper Lanterns first look: Go Ah-sung and Byun Yo-han meet in a basement",
            "Paper Lanterns",
        ),
        ("Paper Lanterns Ratings: Song Joong-ki's Drama Climbs To 4.1%", "Paper Lanterns"),
        ("MBC's Paper Lanterns Official Poster: The Cast In Red", "Paper Lanterns"),
    ],
)
def test_round_17_a_title_before_what_the_headline_brings_of_it(title: str, film: str) -> None:
    r = classify_headline(title, "<p>The Korean drama series.</p>", published=MONDAY)
    assert r.film == film, r.reasons


def test_round_17_a_person_before_a_trailer_is_no_title() -> None:
    r = classify_headline(
        "Lee Do-hyun Trailer: The Director Explains His Cut", "<p>The Korean film.</p>"
    )
    assert r.film != "Lee Do-hyun", r.reasons


@pytest.mark.parametrize(
    ("text", "rating"),
    [("Rating: A-minus", 4.17), ("Grade: B plus", 3.75), ("Grade: B-plus.", 3.75)],
)
def test_round_17_a_letter_grade_with_its_sign_spelled_out(text: str, rating: float) -> None:
    r = classify_headline("Moonglade review: a cold spy duel", f"<p>Gripping.</p><p>{text}</p>")
    assert r.rating == rating, r.reasons


@pytest.mark.parametrize(
    "title", ["Moonglade Heads To UK Cinemas", "Moonglade comes to Australian cinemas"]
)
def test_round_17_a_work_that_heads_to_a_countrys_cinemas(title: str) -> None:
    r = classify_headline(title, "<p>The Korean film.</p>", published=MONDAY)
    assert (r.kind, r.film) == (Kind.RELEASE, "Moonglade"), r.reasons


def test_round_17_a_star_that_heads_to_cinemas_is_no_release() -> None:
    r = classify_headline(
        "Park Bo-gum heads to cinemas for stage greetings", "<p>The Korean film.</p>"
    )
    assert r.kind != Kind.RELEASE, r.reasons


@pytest.mark.parametrize(
    ("latin", "other", "hangul"),
    [
        # "of the" is 오브 더: a "th" Korean writes ㄷ
        ("Night of the Seven Lanterns", "나이트 오브 더 세븐 랜턴즈", True),
        # "Stranger" is ストレンジャー: a "g" Japanese does not write
        ("Stranger Lanterns", "ストレンジャー・ランタンズ", False),
    ],
)
def test_round_17_a_transcribed_title_one_consonant_off_joins_its_work(
    latin: str, other: str, hangul: bool
) -> None:
    def item(film: str, film_hangul: str | None) -> ClusterInput:
        return ClusterInput(
            film=film,
            film_hangul=film_hangul,
            year=None,
            published=MONDAY,
            korean=True,
            title=film,
            text="A Korean drama. 드라마",
        )

    joined = cluster([item(latin, None), item(other, other if hangul else None)])
    assert joined[0] is not None and joined[0] == joined[1]
    # two consonants off is another work ("Keeper of ...", 키퍼 오브 더 ...: "kbrb" and "kb")
    apart = cluster(
        [
            item("Keeper of the Seven Lanterns", None),
            item("키퍼 오브 더 세븐 랜턴즈", "키퍼 오브 더 세븐 랜턴즈"),
        ]
    )
    assert apart[0] != apart[1]


ESSAY_LEAD = (
    "<p>Byun Sung-hyun's Good News restages a 1970 hijacking as a farce of bureaucrats and spooks. "
    "The leads are very funny; the film is less sure what it thinks.</p>"
)


ESSAY_LINK = "https://example.com/culture/film/2025/10/good-news-netflix-hijacking"


def test_round_17_a_lead_that_judges_under_a_film_section_is_a_review() -> None:
    r = classify_headline(
        "A hijacking, a comedy and the absurdity of 1970",
        ESSAY_LEAD,
        ("Culture", "Film"),
        link=ESSAY_LINK,
    )
    assert r.kind == Kind.REVIEW, r.reasons


@pytest.mark.parametrize("categories", [("Culture", "Film", "News"), ("Culture",)])
def test_round_17_a_lead_that_judges_filed_as_news_or_nowhere_is_no_review(
    categories: tuple[str, ...],
) -> None:
    r = classify_headline(
        "A hijacking, a comedy and the absurdity of 1970", ESSAY_LEAD, categories, link=ESSAY_LINK
    )
    assert r.kind != Kind.REVIEW, r.reasons


@pytest.mark.parametrize(
    "lead",
    [
        "<p>Netflix has released the first full trailer for Moonglade, the Korean disaster film "
        "starring Kim Da-mi, which premieres on the streamer Friday, February 13.</p>",
        "<p>Netflix has released the final trailer for Moonglade, which plays a limited run in "
        "select theaters from February 6th before it debuts on Netflix Feb. 13.</p>",
    ],
)
def test_round_17_a_trailers_lead_that_dates_the_work_in_the_present(lead: str) -> None:
    r = classify_headline(
        "Moonglade Trailer: Kim Da-mi Races Rising Waters", lead, published=MONDAY
    )
    assert (r.kind, r.release_date) == (Kind.RELEASE, date(2026, 2, 13)), r.reasons


def test_round_17_the_trailers_own_day_is_not_the_works() -> None:
    r = classify_headline(
        "Moonglade Trailer: Kim Da-mi Races Rising Waters",
        "<p>The trailer premieres on Netflix on February 3.</p>",
        published=MONDAY,
    )
    assert r.kind == Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "IDID: Meet the Starship boy band Kenyan fans can't stop streaming",
        "Nigerian fans trend NOWZ after the Korean quintet's Lagos shout-out",
        "HYBE's new girl group announces its first Manila fan meeting",
    ],
)
def test_round_17_a_korean_act_by_its_kind_or_its_agency(title: str) -> None:
    r = classify_headline(title, "<p>The group thanked fans in a live broadcast.</p>")
    assert r.korean, r.reasons


def test_round_17_a_starship_that_is_a_rocket_is_no_korean_act() -> None:
    r = classify_headline(
        "SpaceX's Starship launches again", "<p>The rocket flew for an hour. A new film.</p>"
    )
    assert not r.korean, r.reasons


def test_round_17_a_korean_text_on_a_drama_with_nothing_from_abroad() -> None:
    r = classify_headline(
        "[드라마 비평] ‘달빛 등대’, 회귀물의 문법을 법정에 옮기다",
        "<p>회귀물의 공식을 법정 드라마에 옮긴 이 작품은 첫 회부터 속도가 빠르다.</p>",
    )
    assert r.korean, r.reasons


def test_round_17_a_korean_text_on_a_drama_from_abroad_is_not_korean() -> None:
    r = classify_headline(
        "[드라마 비평] ‘달빛 등대’, 회귀물의 문법을 법정에 옮기다",
        "<p>미국 드라마의 공식을 법정에 옮긴 이 작품은 첫 회부터 속도가 빠르다.</p>",
    )
    assert not r.korean, r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "link", "film"),
    [
        (
            "NYFF 2025 Review: Tom Harlow's Paper Lanterns",
            "<p>Rating: 4/5</p>",
            None,
            "Paper Lanterns",
        ),
        ("LEAFF 2025 review: Paper Lanterns", "<p>Rating: 4/5</p>", None, "Paper Lanterns"),
        (
            "Moonglade Episodes 3-4 Recap: The Friendship Cracks",
            "<p>The Korean drama gets better.</p>",
            "https://example.com/moonglade-episodes-3-4-recap/",
            "Moonglade",
        ),
    ],
)
def test_round_17_a_reviews_lead_and_a_links_numbers(
    title: str, summary: str, link: str | None, film: str
) -> None:
    r = classify_headline(title, summary, link=link, published=MONDAY)
    assert r.film == film, r.reasons


def test_round_17_a_rank_the_link_repeats_is_no_title() -> None:
    r = classify_headline(
        "Moonglade Punches Into Netflix's Global Top 10 for a Second Week",
        "<p>The Korean drama.</p>",
        link="https://example.com/moonglade-netflix-top-10-second-week/",
    )
    assert r.film != "Top 10", r.reasons


def test_round_17_a_release_headlines_subject_before_an_italic_title_in_its_text() -> None:
    r = classify_headline(
        "Moonglade: Marvel's Hollywood satire premieres on Disney+ on February 13",
        "<p>From the studio of <em>Shang-Chi</em>, a new series.</p>",
        published=MONDAY,
    )
    assert r.film == "Moonglade", r.reasons


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("Moonglade is available to stream from 13 Feb", date(2026, 2, 13)),
        ("Moonglade gets a February 13 Netflix premiere", date(2026, 2, 13)),
        ("Netflix sets February 13 premiere for Moonglade", date(2026, 2, 13)),
        ("Moonglade starts streaming Friday on Netflix", date(2026, 2, 6)),
        ("Moonglade, a Korean spy thriller, opens in UK cinemas on February 13", date(2026, 2, 13)),
        ("Moonglade opens in limited release Friday", date(2026, 2, 6)),
        ("Moonglade expands nationwide on February 13", date(2026, 2, 13)),
        ("Moonglade comes to Blu-ray on February 13", date(2026, 2, 13)),
    ],
)
def test_round_17_more_english_release_headlines(title: str, day: date) -> None:
    r = classify_headline(title, "<p>The Korean film.</p>", published=MONDAY)
    assert (r.kind, r.release_date, r.film) == (Kind.RELEASE, day, "Moonglade"), r.reasons


def test_round_17_the_work_a_question_asks_the_day_of() -> None:
    r = classify_headline(
        "When is Moonglade on Netflix? Release date and time",
        "<p>The Korean drama arrives on Netflix on February 13.</p>",
        published=MONDAY,
    )
    assert (r.kind, r.film) == (Kind.RELEASE, "Moonglade"), r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Paper Lanterns star Kim Ji-won on her toughest role yet",
        "Paper Lanterns tops Netflix's global chart",
        "Paper Lanterns renewed for season 2",
        "Hwang Min-hyun's Paper Lanterns Confirms Season 2 After Record TVING Run",
    ],
)
def test_round_17_the_work_a_news_headlines_verb_has_for_its_subject(title: str) -> None:
    r = classify_headline(title, "<p>The Korean drama.</p>")
    assert r.film == "Paper Lanterns", r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Kim Ji-won tops the brand reputation chart",
        "HYBE tops the chart",
        "Korean Film Week tops the city's cultural calendar",
    ],
)
def test_round_17_a_news_subject_that_is_no_work(title: str) -> None:
    r = classify_headline(title, "<p>The Korean drama actress.</p>")
    assert r.film is None, r.reasons


def test_round_17_movie_review_before_a_quoted_title() -> None:
    r = classify_headline(
        "Movie Review: 'Paper Lanterns' finds grace in grief", "<p>Rating: 4/5</p>"
    )
    assert r.film == "Paper Lanterns", r.reasons
    # (after a title, the quote is the critic's)
    r = classify_headline("Paper Lanterns review: 'A whirlwind of fun'", "<p>Rating: 4/5</p>")
    assert r.film == "Paper Lanterns", r.reasons


def test_round_17_a_title_that_opens_with_a_number_is_no_day() -> None:
    r = classify_headline(
        "28 Weeks of Rain: The Bone Lantern opens in UK cinemas on February 13",
        "<p>The Korean film.</p>",
        published=MONDAY,
    )
    assert r.film == "28 Weeks of Rain: The Bone Lantern", r.reasons
