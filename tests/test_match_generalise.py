"""Clustering works the curated list does not know, on entries written for these tests in the
styles of Korean-entertainment sites (English and Korean) and film blogs: a title and its
subtitled or spelled-out form, a Hangul title and its romanisation, a Hangul and an English
title whose entries name the same cast in either script; and the cases that must stay apart
(two subtitles of one stem, a known short title, other years, another time)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker.text import strip_html
from tracker.types import EntryData
from tracker.understand.classify import classify
from tracker.understand.lexicon import Lexicon
from tracker.understand.match import ClusterInput, cluster
from tracker.understand.romanize import fold, hangul_name_folds, name_fold, romanize

BARE = Lexicon.build([], [])
AT = datetime(2025, 3, 3, tzinfo=UTC)


def item(
    film: str, text: str = "", *, days: int = 0, year: int | None = None, hangul: str | None = None
) -> ClusterInput:
    return ClusterInput(film, hangul, year, AT + timedelta(days=days), True, f"'{film}'", text)


def test_romanised_names_and_hangul_names_share_one_loose_key() -> None:
    pairs = [
        ("Choi Woo-shik", "최우식"),
        ("Park Bo-young", "박보영"),
        ("Ju Ji-hoon", "주지훈"),
        ("Cha Eun-woo", "차은우"),
        ("Yoo Ah-in", "유아인"),
        ("Lee Jung Jae", "이정재"),
        ("Suh Ye-ji", "서예지"),
        ("Kim Tae-ri", "김태리"),
    ]
    for latin, hangul in pairs:
        assert name_fold(latin) == name_fold(hangul), latin
    assert name_fold("Kim Ji-won") != name_fold("김지운")
    assert romanize("종말의 바보") == "jongmalui babo"
    assert fold("Jongmarui Babo") == fold(romanize("종말의바보"))
    # Korean text names people in lists and before particles
    found = hangul_name_folds("최우식, 박보영이 참석했고 이준영·전소니도 함께했다.")
    assert {name_fold(n) for n in ("최우식", "박보영", "이준영", "전소니")} <= found


def test_a_title_joins_its_subtitled_form_within_the_window() -> None:
    items = [
        item("Trauma Code: Heroes on Call", "All eight episodes drop Friday."),
        item("The Trauma Code", "The K-drama turns the ER into an action movie.", days=5),
        item("Rebel Moon – Part Two: The Scargiver", days=1),
        item("Rebel Moon Part 2", days=2),
        # a season suffix left out ("Season 2: ...")
        item("Marry My Enemy Season 2: The Wedding", days=3),
        item("Marry My Enemy", days=4),
    ]
    ids = cluster(items, lexicon=BARE)
    assert ids[0] == ids[1]
    assert ids[2] == ids[3] != ids[0]
    assert ids[4] == ids[5] not in (ids[0], ids[2])


def test_a_short_title_stays_apart_when_unsure() -> None:
    ids = cluster(
        [
            # two subtitles of one stem: which one "Night Market" means is unknown
            item("Night Market: The Return"),
            item("Night Market: Last Call"),
            item("Night Market"),
            # the same title years later, or with other stated years: another work
            item("Dune Sea: Part Two", days=0),
            item("Dune Sea", days=900),
            item("Lantern: The Last Watch", year=2025),
            item("Lantern", year=2012),
        ],
        lexicon=BARE,
    )
    assert len({ids[0], ids[1], ids[2]}) == 3
    assert ids[3] != ids[4]
    assert ids[5] != ids[6]


def test_a_known_short_title_is_not_a_shortening() -> None:
    # "The Roundup" is a curated film: "The Roundup: Iron Rain" (unknown) is not it
    ids = cluster([item("The Roundup: Iron Rain"), item("The Roundup")])
    assert ids[0] != ids[1]


def test_a_hangul_title_joins_its_romanisation() -> None:
    ids = cluster(
        [
            item("종말의 바보", "넷플릭스 시리즈 '종말의 바보'가 26일 공개된다."),
            item("Jongmarui Babo", "The series premieres on Netflix April 26.", days=2),
            item("밤바다", days=1),
            item("Bambada", days=400),  # the same spelling a year later: apart
        ],
        lexicon=BARE,
    )
    assert ids[0] == ids[1]
    assert ids[2] != ids[3]


def test_hangul_and_english_titles_join_on_a_cast_no_list_knows() -> None:
    ids = cluster(
        [
            item(
                "Melody of the Tide",
                "Choi Woo-shik and Park Bo-young play a film buff and a would-be director.",
            ),
            item(
                "멜로디 오브 타이드",
                "11일 서울에서 제작발표회가 열렸다. 최우식, 박보영, 이준영이 참석했다.",
                days=3,
            ),
            # one shared name is not enough
            item("파도 소리", "최우식이 특별출연한다.", days=3),
            # the same two names three months later: another work
            item("겨울 정원", "최우식과 박보영이 다시 만났다.", days=95),
        ],
        lexicon=BARE,
    )
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]
    assert ids[3] != ids[0]


def test_classified_entries_of_one_unknown_series_cluster() -> None:
    """End to end: an English review and a Korean news story about an uncurated series,
    classified, then clustered as the digest does."""
    published = datetime(2025, 5, 12, tzinfo=UTC)
    english = EntryData(
        identity="en-1",
        title="'Harbor Lights' review: Kim Seon-ho and Go Youn-jung light up a slow-burn K-drama",
        link="https://example.com/reviews/harbor-lights",
        summary="<p>Kim Seon-ho and Go Youn-jung play rival ferry captains in tvN's drama.</p>",
    )
    korean = EntryData(
        identity="ko-1",
        title="'항구의 불빛' 김선호·고윤정, 첫 방송부터 설렘 가득",
        link="https://example.kr/news/1234",
        summary="<p>tvN 새 드라마 '항구의 불빛'에서 김선호와 고윤정이 호흡을 맞췄다.</p>",
    )
    inputs = []
    for entry in (english, korean):
        got = classify(entry, published=published)
        inputs.append(
            ClusterInput(
                got.film,
                got.film_hangul,
                got.year,
                published,
                got.korean,
                entry.title,
                strip_html(entry.summary),
            )
        )
    assert inputs[0].film == "Harbor Lights" and inputs[1].film == "항구의 불빛"
    ids = cluster(inputs)
    assert ids[0] == ids[1] is not None
