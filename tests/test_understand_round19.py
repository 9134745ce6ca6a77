"""Issue 14's nineteenth round: Swedish, Norwegian and Danish (their months, weekdays, today
and tomorrow, release headlines, review sections, "N av 5" and Danish six-star scores, Korean
works, lists); English cinema runs and dates ("one-week run from Friday, November 7", "for
cinemas on Thursday, June 18", "confirms date for Welsh cinemas", "opens tomorrow"); a name and
its year as a review's headline; the title the text marks that the headline repeats, or whose
subtitle the headline leaves out; a user site's score is no critic's; "also streams on Viki"
is the work's own service; a Korean first broadcast tomorrow; a Korean name as the subject of
an interview's verb. Written from the misses of held-out set 24, spent by this round (its
README says so); held-out set 25, written blind beside it, measures the round."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind
from tracker.understand.names import korean_hangul_headline_name, korean_names

#: a Monday (Stockholm's morning)
MONDAY = datetime(2026, 3, 2, 8, tzinfo=UTC)
#: a Wednesday
WEDNESDAY = datetime(2026, 9, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("Dune: Part Three har premiär på bio den 18 december", date(2026, 12, 18)),
        ("Moonglade får svensk premiär på Netflix den 20 mars", date(2026, 3, 20)),
        ("Den koreanska thrillern Moonglade går upp på bio på fredag", date(2026, 3, 6)),
        ("Moonglade kommer på Netflix i morgon", date(2026, 3, 3)),
        ("Moonglade har premiere på kino 13. marts", date(2026, 3, 13)),
    ],
)
def test_round_19_a_scandinavian_release_and_its_day(title: str, day: date) -> None:
    r = classify_headline(title, "<p>Filmen handlar om en familj.</p>", published=MONDAY)
    assert (r.kind, r.release_date) == (Kind.RELEASE, day), r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Moonglade hade premiär på bio i fredags",
        "Moonglade har haft premiär i Cannes",
        "Premiären av Moonglade är utsatt",
    ],
)
def test_round_19_a_past_or_a_postponed_scandinavian_release_is_none(title: str) -> None:
    r = classify_headline(title, "<p>Filmen om en familj.</p>", published=MONDAY)
    assert r.kind != Kind.RELEASE, r.reasons


def test_round_19_a_swedish_review_section_and_its_score_out_of_five() -> None:
    r = classify_headline(
        "Ett hus fullt av sorg och skratt",
        "<p>Ett varmt familjedrama om en far och hans döttrar, <em>The Quiet Orchard</em>.</p>"
        "<p>Betyg: 4 av 5</p>",
        ("Film", "Recension"),
        "https://example.se/film/recension/the-quiet-orchard",
        published=MONDAY,
    )
    assert (r.kind, r.rating, r.film) == (Kind.REVIEW, 4.0, "The Quiet Orchard"), r.reasons


def test_round_19_a_danish_score_out_of_six() -> None:
    r = classify_headline(
        "Anmeldelse: The Quiet Orchard",
        "<p>En stille film om en familie. 5 ud af 6 stjerner.</p>",
        published=MONDAY,
    )
    assert (r.kind, r.rating) == (Kind.REVIEW, pytest.approx(4.17, abs=0.01)), r.reasons


def test_round_19_six_is_no_scale_outside_scandinavian_words() -> None:
    r = classify_headline("Moonglade review", "<p>Episode 4 de 6.</p>", published=MONDAY)
    assert r.rating is None, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Koreanska Moonglade toppar Netflix filmlista i Sverige",
        "Den sydkoreanska serien Moonglade toppar listan",
    ],
)
def test_round_19_a_korean_work_in_swedish(title: str) -> None:
    r = classify_headline(title, "<p>Den har setts av många.</p>", published=MONDAY)
    assert r.korean, r.reasons


def test_round_19_korean_as_a_language_is_no_korean_work() -> None:
    r = classify_headline(
        "Filmen visas på koreanska Med svensk text", "<p>En fransk film.</p>", published=MONDAY
    )
    assert not r.korean, r.reasons


def test_round_19_a_swedish_list() -> None:
    r = classify_headline(
        "Vinterns tio bästa filmer",
        "<p>Från en koreansk thriller till en fransk film.</p>",
        published=MONDAY,
    )
    assert r.kind == Kind.OTHER, r.reasons


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        (
            "The Quiet Orchard: one-week run from Friday, November 7",
            "<p>The Korean drama opens for a one-week engagement.</p>",
            date(2026, 11, 7),
        ),
        (
            "Moonglade for cinemas on Thursday, June 18",
            "<p>The Korean thriller opens in local cinemas.</p>",
            date(2026, 6, 18),
        ),
        (
            "Moonglade: Korean director Park Min-ji's thriller confirms date for Welsh cinemas",
            "<p>It opens at Chapter in Cardiff on Friday, 24 July.</p>",
            date(2026, 7, 24),
        ),
        (
            "Downtown Cineplex to screen 'Moonglade' from the 31st",
            "<p>The Korean thriller plays in Korean with English subtitles.</p>",
            date(2026, 3, 31),
        ),
        (
            "Moonglade sequel opens tomorrow",
            "<p>Fans return from tomorrow when <em>Moonglade: The Return</em> opens at the "
            "City Cinemas.</p>",
            date(2026, 3, 3),
        ),
        (
            "'Moonglade' Finally Opens This Friday - New Clip",
            "<p>Moonglade opens in theaters this Friday.</p>",
            date(2026, 3, 6),
        ),
        (
            "Moonglade opens this Friday - here's where to see it",
            "<p>The director's adaptation arrives in cinemas this Friday.</p>",
            date(2026, 3, 6),
        ),
    ],
)
def test_round_19_a_cinema_run_or_a_date_for_cinemas(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary, published=MONDAY)
    assert (r.kind, r.release_date) == (Kind.RELEASE, day), r.reasons


def test_round_19_a_title_before_a_credited_director_is_the_film() -> None:
    r = classify_headline(
        "Moonglade: Korean director Park Min-ji's thriller confirms date for Welsh cinemas",
        "<p>It opens on Friday, 24 July.</p>",
        published=MONDAY,
    )
    assert r.film == "Moonglade", r.reasons


def test_round_19_the_fuller_title_the_lead_marks() -> None:
    r = classify_headline(
        "Downtown Cineplex to screen 'Moonglade' anime film from the 31st",
        "<p>Japanese animated feature <em>Moonglade – The Movie: Lantern Arc</em> will be "
        "released from the 31st.</p>",
        published=MONDAY,
    )
    # (the text's dashes are read as hyphens)
    assert r.film == "Moonglade - The Movie: Lantern Arc", r.reasons


def test_round_19_the_marked_title_the_headline_repeats() -> None:
    r = classify_headline(
        "Zombiethrillern Moonglade går upp på bio på fredag",
        "<p>Regissören bakom <em>Train to Busan</em> är tillbaka: <em>Moonglade</em> utspelar "
        "sig i Seoul.</p>",
        published=WEDNESDAY,
    )
    assert (r.film, r.release_date) == ("Moonglade", date(2026, 9, 4)), r.reasons


def test_round_19_a_name_and_its_year_heads_a_review_that_judges() -> None:
    r = classify_headline(
        "The Quiet Orchard of Gwangju (2025)",
        "<p>Kim Min-ji plays a farmer in her sixties. It is a slow burn, and it gives its star "
        "the kind of role older actresses almost never get.</p>",
        published=MONDAY,
    )
    assert (r.kind, r.film) == (Kind.REVIEW, "The Quiet Orchard of Gwangju"), r.reasons


def test_round_19_a_catalogue_page_of_a_name_and_its_year_stays_what_it_was() -> None:
    r = classify_headline("Moonglade (2025)", "<p>Coming soon.</p>", published=MONDAY)
    assert r.kind != Kind.REVIEW, r.reasons


def test_round_19_a_user_sites_score_is_no_critics() -> None:
    r = classify_headline(
        "Five K-dramas fans can't stop watching",
        "<p>1. Moonglade - a night-shift driver (8.9/10 on MyDramaList).</p>",
        published=MONDAY,
    )
    assert (r.kind, r.rating) == (Kind.OTHER, None), r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Our critics' picks for the Sydney Film Festival",
        "Korean Revenge Cinema 101",
        "Weekend Watch: 'Moonglade', 'Zootopia 2' and what to stream",
        "가을밤 정주행 드라마 5",
    ],
)
def test_round_19_picks_primers_and_counted_korean_lists(title: str) -> None:
    r = classify_headline(title, "<p>From Korean thrillers to a musical.</p>", published=MONDAY)
    assert r.kind == Kind.OTHER, r.reasons


def test_round_19_a_podcast_episode_number_is_not_the_films() -> None:
    r = classify_headline(
        "Episode 426: Moonglade",
        "<p>Park Min-ji's thriller is a triumph: we loved it. Then your letters.</p>",
        published=MONDAY,
    )
    assert r.film == "Moonglade", r.reasons


def test_round_19_a_finale_review_names_the_series() -> None:
    r = classify_headline(
        "The Quiet Heir Finale Review: Revenge Served Cold",
        "<p>The makjang drama lands. Rating: 9/10</p>",
        published=MONDAY,
    )
    assert (r.film, r.rating) == ("The Quiet Heir", 4.5), r.reasons


def test_round_19_also_streaming_on_a_service_is_the_works_own() -> None:
    r = classify_headline(
        "'Moonglade' Confirms Premiere Date",
        "<p>JTBC's new drama will premiere on Saturday, May 23. The series will also stream "
        "on Viki in selected regions.</p>",
        published=MONDAY,
    )
    assert r.platform == "viki", r.reasons


def test_round_19_another_work_on_another_service_still_counts_little() -> None:
    r = classify_headline(
        "'Moonglade' Confirms Premiere Date",
        "<p>JTBC's new drama will premiere on Saturday, May 23. Its director's earlier "
        "series is also on Viki.</p>",
        published=MONDAY,
    )
    assert r.platform is None, r.reasons


def test_round_19_a_korean_first_broadcast_tomorrow() -> None:
    r = classify_headline(
        "'고요한 과수원' 김민지·박서준, 내일 첫 방송…관전 포인트 셋",
        "<p>tvN 새 토일드라마 '고요한 과수원'이 내일 첫 방송된다.</p>",
        published=datetime(2026, 8, 13, 22, 10, tzinfo=UTC),  # 07:10 on the 14th in Seoul
    )
    assert (r.kind, r.release_date) == (Kind.RELEASE, date(2026, 8, 14)), r.reasons


def test_round_19_a_korean_name_as_an_interviews_subject() -> None:
    assert korean_hangul_headline_name("설도윤이 말하는 '귤빛 여름'") == "설도윤"
    assert korean_hangul_headline_name("한국이 말하는 영화") is None
    r = classify_headline(
        "설도윤이 말하는 '고요한 과수원'",
        "<p>제주의 감귤밭으로 간 셰프. 설도윤은 이번 작품의 주인공을 이렇게 설명했다. "
        "석 달간 제주에 머물며 촬영한 그와 나눈 이야기.</p>",
        published=MONDAY,
    )
    assert r.korean, r.reasons


def test_round_19_a_drama_quoted_after_its_channel_with_a_role() -> None:
    r = classify_headline(
        "염찬희, 종이학을 접는 마음으로",
        "<p>tvN '고요한 과수원'에서 소아과 의사 서하를 연기하는 염찬희. "
        "처음 맡은 주연의 무게에 대해 이야기했다.</p>",
        published=MONDAY,
    )
    assert r.film == "고요한 과수원", r.reasons


def test_round_19_a_variety_show_a_guest_visits_is_not_the_entrys_work() -> None:
    r = classify_headline(
        "추성훈, 도쿄 일상 공개…딸과 영상통화",
        "<p>MBC '전지적 참견 시점'에서 추성훈이 도쿄에서의 하루를 공개했다.</p>",
        published=MONDAY,
    )
    assert r.film is None, r.reasons


def test_round_19_an_older_spelling_of_a_given_name() -> None:
    assert korean_names("Gil Tae-oh's agency denies the rumours") == ["Gil Tae-oh"]
    assert korean_names("Oh Tae Oh") == []


def test_round_19_a_chinese_k_pop_act_by_its_kind() -> None:
    r = classify_headline(
        "AHOF首次大马见面会 3月21日吉隆坡开唱",
        "<p>韩国新人男团AHOF将于3月21日在吉隆坡举行首场见面会。</p>",
        published=MONDAY,
    )
    assert (r.kind, r.korean) == (Kind.OTHER, True), r.reasons


def test_round_19_a_work_ranked_behind_another_countrys_keeps_its_origin() -> None:
    r = classify_headline(
        "Korean Film 'Moonglade' Is Now Netflix's No. 2 Non-English Movie",
        "<p>Moonglade pulled in 4.1 million views, putting it behind only a German thriller "
        "on the chart.</p>",
        published=MONDAY,
    )
    assert r.korean, r.reasons
