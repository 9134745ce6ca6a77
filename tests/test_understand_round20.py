"""Issue 14's twentieth round: three 2026 Korean films curated (two titled with everyday words,
which name the work only beside its people or its Hangul title) and a foreign remake; Korean
compound surnames, "Eo", and a genitive's "s" ("Na Hong-jins"); a Korean community's post
("Source: Nate Pann") and the word Korean in other languages as a name's second cue; the work a
Korean text quotes before its kind or after an actor's return; a Japanese K-pop site's words
and a katakana name that sounds like a curated work's person; Malay and Tagalog; more
Scandinavian (compounds, "sør-", "i biograferne", a Norwegian die); Chinese "南韓" and "明日
上映"; Japanese "ついに公開"; a lead that opens a film at a named cinema or moves it into a
place's cinemas; a podcast episode's guest; a service's own work ("Apple TV's X"). Written from
the misses of held-out set 25, spent by this round (its README says so); held-out set 26,
written blind beside it, measures the round."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind
from tracker.understand.names import korean_names

#: a Tuesday
TUESDAY = datetime(2026, 3, 3, 2, tzinfo=UTC)


def test_round_20_a_2026_film_titled_with_an_everyday_word_needs_its_people() -> None:
    named = classify_headline(
        "Hope, and the sound of a village holding its breath",
        "<p>Na Hong-jin's first film in a decade is loud and long. ★★★★☆</p>",
        published=TUESDAY,
    )
    assert (named.film, named.korean) == ("Hope", True), named.reasons
    alone = classify_headline(
        "Hope, fear and the box office", "<p>The week's films, from everywhere.</p>"
    )
    assert not alone.korean, alone.reasons


def test_round_20_a_foreign_remake_of_a_korean_film_is_not_korean() -> None:
    r = classify_headline(
        "Bees, bald heads and the Korean original",
        "<p>Lanthimos' <em>Bugonia</em> is never quite as unhinged as the 2003 Korean "
        "original it remakes. Grade: B</p>",
        ("Reviews",),
        published=TUESDAY,
    )
    assert (r.film, r.korean) == ("Bugonia", False), r.reasons


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Namgung Se-a and Chae Do-gyeom were seen", ["Namgung Se-a", "Chae Do-gyeom"]),
        ("Eo Jin-sol's acting praised", ["Eo Jin-sol"]),
        ("Na Hong-jins film om en landsby", ["Na Hong-jin"]),
        ("Yeon Sang-hos nye film", ["Yeon Sang-ho"]),
    ],
)
def test_round_20_compound_surnames_and_a_genitive(text: str, names: list[str]) -> None:
    assert korean_names(text) == names


def test_round_20_a_korean_communitys_post_is_korean_entertainment() -> None:
    r = classify_headline(
        "[+1,842, -96] Two actors spotted on a date in Hannam-dong?",
        "<p>Article: dating rumours after being seen at a wine bar.</p>"
        "<p>Source: Nate Pann</p><p>1. [+612, -21] They've been filming together</p>",
        published=TUESDAY,
    )
    assert r.korean, r.reasons


def test_round_20_a_korean_name_beside_the_word_korean_in_danish() -> None:
    r = classify_headline(
        "Et monster i skoven",
        "<p>Park Min-jis film om en lille koreansk landsby.</p>",
        ("Anmeldelser",),
        published=TUESDAY,
    )
    assert r.korean, r.reasons


@pytest.mark.parametrize(
    ("summary", "film"),
    [
        (
            "<p>'고요한 과수원'은 재난 영화로 시작해 전혀 다른 영화로 끝난다. ★★★☆☆</p>",
            "고요한 과수원",
        ),
        ("<p>'열한 번째 계절'로 돌아온 배우 선우결. 대본을 처음 읽던 밤.</p>", "열한 번째 계절"),
    ],
)
def test_round_20_the_work_a_korean_text_quotes(summary: str, film: str) -> None:
    r = classify_headline("물이 차오르는 동안 우리가 잃어버린 것", summary, published=TUESDAY)
    assert r.film == film, r.reasons


def test_round_20_an_adverb_and_a_verb_before_an_actor_are_no_foreign_name() -> None:
    r = classify_headline(
        "여하람의 봄",
        "<p>드라마 촬영을 막 마친 배우 여하람과 함께한 봄 화보.</p>",
        ("셀럽", "화보"),
        published=TUESDAY,
    )
    assert r.korean, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "ifeye（イフアイ）、2ndミニアルバム「Lemon Haze」でカムバック！",
        "idntt、初の日本ショーケースを9月19日（土）に開催",
    ],
)
def test_round_20_a_japanese_k_pop_sites_words(title: str) -> None:
    r = classify_headline(title, "<p>6人組ガールズグループが公開した。</p>", published=TUESDAY)
    assert (r.kind, r.korean) == (Kind.OTHER, True), r.reasons


def test_round_20_a_katakana_name_that_sounds_like_a_curated_person() -> None:
    r = classify_headline(
        "『大洪水』は災害映画ではなかった",
        "<p>キム・ダミが演じる研究者の物語。★★★☆☆</p>",
        published=TUESDAY,
    )
    assert r.korean, r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        (
            "Filem zombi terbaru 'Moonglade' bakal ditayangkan di pawagam Malaysia 28 Mei ini",
            "<p>Pengarah Korea Selatan Park Min-ji kembali dengan sebuah filem seram.</p>",
            date(2026, 5, 28),
        ),
        (
            "Drama Korea 'Moonglade' boleh ditonton di Viu mulai esok",
            "<p>Drama keluarga akan ditayangkan di Viu mulai esok.</p>",
            date(2026, 3, 4),
        ),
        (
            "Pelikulang 'Moonglade', ipalalabas sa mga sinehan sa Disyembre 25",
            "<p>Mapapanood sa mga sinehan simula Disyembre 25.</p>",
            date(2026, 12, 25),
        ),
        (
            "K-drama na 'Moonglade', mapapanood na sa Netflix sa Biyernes",
            "<p>Bida rito sina Park Min-ji at Kim Ha-neul.</p>",
            date(2026, 3, 6),
        ),
        (
            "’Moonglade’ i biograferne i morgen",
            "<p>Den nye film har premiere i morgen.</p>",
            date(2026, 3, 4),
        ),
        ("迪士尼動畫《月光森林》明日上映", "<p>續集明日在香港上映。</p>", date(2026, 3, 4)),
        (
            "細田守『月光森林』、3月20日（金）ついに公開",
            "<p>細田守監督の最新作が3月20日（金）に公開される。</p>",
            date(2026, 3, 20),
        ),
    ],
)
def test_round_20_malay_tagalog_danish_chinese_and_japanese_releases(
    title: str, summary: str, day: date
) -> None:
    r = classify_headline(title, summary, published=TUESDAY)
    assert (r.kind, r.release_date) == (Kind.RELEASE, day), r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Filem Korea 'Moonglade' bakal ditayangkan di pawagam Malaysia",
        "Koreansk spionthriller ’Moonglade’ får dansk premiere",
        "Den sørkoreanske zombieregissøren er tilbake med «Moonglade»",
        "香港亞洲電影節以南韓電影《Moonglade》揭幕",
    ],
)
def test_round_20_korean_works_in_more_languages(title: str) -> None:
    r = classify_headline(title, "<p>Filmen.</p>", published=TUESDAY)
    assert r.korean, r.reasons


def test_round_20_a_norwegian_die() -> None:
    r = classify_headline(
        "Moonglade: Spionthriller med kaldt blod",
        "<p>Park Min-ji leverer igjen.</p><p><strong>Terningkast 5</strong></p>",
        published=TUESDAY,
    )
    assert r.rating == pytest.approx(4.17, abs=0.01), r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        (
            "Korean spy hit Moonglade heads to Windhoek",
            "<p>The espionage thriller <em>Moonglade</em> opens at Ster-Kinekor Maerua Mall on "
            "6 March. It runs for two hours.</p>",
            date(2026, 3, 6),
        ),
        (
            "This week: Moonglade comes to New York",
            "<p><em>Moonglade</em>, the Korean film, opens at IFC Center on Friday, March 13.</p>",
            date(2026, 3, 13),
        ),
        (
            "'Moonglade' Hits Malta This Week",
            "<p>The epic finally sails into local cinemas on 17 July.</p>",
            date(2026, 7, 17),
        ),
        (
            "Park Min-ji's Moonglade Opens at the Light House Next Thursday",
            "<p>The Korean director's creature feature opens at the Light House next Thursday.</p>",
            date(2026, 3, 12),
        ),
        (
            "The Eleventh Season Premieres Monday Next Week on Viki",
            "<p>The romance arrives on Viki on Monday next week.</p>",
            date(2026, 3, 9),
        ),
    ],
)
def test_round_20_a_release_at_a_named_cinema_or_on_a_weekday(
    title: str, summary: str, day: date
) -> None:
    r = classify_headline(title, summary, published=TUESDAY)
    assert (r.kind, r.release_date) == (Kind.RELEASE, day), r.reasons


def test_round_20_an_interview_ahead_of_a_debut_stays_news() -> None:
    r = classify_headline(
        "“The Absurd Part Is True”: Park Min-ji on Moonglade",
        "<p>We spoke with director Park Min-ji ahead of <em>Moonglade</em>'s Netflix debut "
        "this Friday, about the hijacking.</p>",
        published=TUESDAY,
    )
    assert r.kind == Kind.NEWS, r.reasons


@pytest.mark.parametrize(
    ("title", "film"),
    [
        ("The Eleventh Season Premieres Monday Next Week on Viki", "The Eleventh Season"),
        ("Apple TV's Pluribus premieres Friday, November 7", "Pluribus"),
    ],
)
def test_round_20_a_season_word_in_a_title_and_a_services_own_work(title: str, film: str) -> None:
    r = classify_headline(title, "<p>The series.</p>", published=TUESDAY)
    assert r.film == film, r.reasons


def test_round_20_a_countrys_biggest_hit_is_no_title() -> None:
    r = classify_headline(
        "Korea's Biggest Hit Of 2025 Arrives On Netflix Friday", "<p>The film.</p>"
    )
    assert r.film is None, r.reasons


def test_round_20_a_podcast_episodes_guest_is_not_the_films() -> None:
    r = classify_headline(
        "Moonglade with Jamie Loftus",
        "<p>Jamie joins us to unpack Park Min-ji's gigantic, wonderful creature movie.</p>",
        ("Podcast", "Episodes"),
        "https://example.com/episodes/moonglade-with-jamie-loftus",
        published=TUESDAY,
    )
    assert r.film == "Moonglade", r.reasons


def test_round_20_a_one_word_title_after_a_colon() -> None:
    r = classify_headline(
        "Cold war, warm heart: Humint is a spy film that knows what it costs",
        "<p>Zo In-sung plays an agent. Rating: 7/10</p>",
        published=TUESDAY,
    )
    assert r.film == "Humint", r.reasons


def test_round_20_a_japanese_list_counted_at_its_end() -> None:
    r = classify_headline("今こそ観たい、韓国映画の新しい顔ぶれ5本", "<p>5本を選んだ。</p>")
    assert r.kind == Kind.OTHER, r.reasons
