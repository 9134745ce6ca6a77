"""Unit tests of tracker.match on entries written for these tests: clustering keys, romanisation
and Hangul variants, same-title films kept apart by year evidence, and syndicated copies."""

from __future__ import annotations

from datetime import UTC, datetime

from tracker.understand.lexicon import Lexicon, Person
from tracker.understand.match import ClusterInput, cluster, film_key, syndicated_groups


def at(year: int, month: int = 6) -> datetime:
    return datetime(year, month, 1, tzinfo=UTC)


def test_film_key_normalises_case_quotes_punctuation_and_the() -> None:
    assert film_key("‘The Wailing’") == film_key("the wailing") == film_key("Wailing")
    assert film_key("12.12: The Day") == film_key("12.12 The Day")
    assert film_key("Dune: Part Two") == film_key("DUNE PART TWO")
    assert film_key("Harvest Moon", 2021) == film_key("“Harvest Moon”", 2021)
    assert film_key("Harvest Moon", 2021) != film_key("Harvest Moon", 2011)
    assert film_key("Harvest Moon", 2021).endswith("-2021")


def test_film_key_merges_romanisation_spacing_and_hangul_aliases() -> None:
    assert film_key("Kill Bok-soon") == film_key("Kill Boksoon") == film_key("길복순")
    assert film_key("Kyungsung Creature") == film_key("Gyeongseong Creature")
    assert film_key("경성 크리처") == film_key("경성크리처") == film_key("Gyeongseong Creature")
    assert film_key("독전 2") == film_key("독전2") == film_key("Believer 2")
    assert film_key("전,란") == film_key("전란") == film_key("Uprising")
    # without curated data only the spelling rules apply
    bare = Lexicon.build([], [])
    assert film_key("Kill Bok-soon", lexicon=bare) == film_key("kill boksoon", lexicon=bare)
    assert film_key("길복순", lexicon=bare) != film_key("Kill Boksoon", lexicon=bare)


def test_cluster_joins_variants_across_sources() -> None:
    items = [
        ClusterInput("The Roundup", None, None, at(2022, 5), True, "'The Roundup' review"),
        ClusterInput("범죄도시2", "범죄도시2", None, at(2022, 5), True, "'범죄도시2' 천만 돌파"),
        ClusterInput("the roundup", None, 2022, at(2022, 7), True, "The Roundup, 2022 - ★★★"),
        ClusterInput("Kill Bok-soon", None, None, at(2023, 3), True, "'Kill Bok-soon' review"),
        ClusterInput("Kill Boksoon", None, None, at(2023, 4), True, "Kill Boksoon tops chart"),
        ClusterInput(None, None, None, at(2023, 4), True, "Ten K-dramas to watch"),
    ]
    ids = cluster(items)
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] == ids[4] != ids[0]
    assert ids[5] is None


def test_same_title_films_stay_apart_by_people_and_dates() -> None:
    korean = ClusterInput(
        "Ballerina",
        None,
        None,
        at(2023, 10),
        True,
        "'Ballerina' review",
        "Jeon Jong-seo hunts the men who hurt her friend.",
    )
    hangul = ClusterInput(
        "발레리나",
        "발레리나",
        None,
        at(2023, 9),
        True,
        "'발레리나' 공개",
        "이충현 감독과 전종서가 다시 만났다.",
    )
    spin_off = ClusterInput(
        "Ballerina",
        None,
        None,
        at(2025, 6),
        False,
        "'Ballerina' review",
        "Ana de Armas joins the John Wick universe.",
    )
    diary = ClusterInput("Ballerina", None, 2025, at(2025, 6), False, "Ballerina, 2025 - ★★")
    ids = cluster([korean, hangul, spin_off, diary])
    assert ids[0] == ids[1]
    assert ids[2] == ids[3]
    assert ids[0] != ids[2]


def test_same_title_without_curated_data_splits_on_stated_years() -> None:
    bare = Lexicon.build([], [])
    items = [
        ClusterInput("Harvest Moon", None, 2010, at(2010, 9), False, "Harvest Moon, 2010"),
        ClusterInput("Harvest Moon", None, None, at(2011, 2), False, "'Harvest Moon' on DVD"),
        ClusterInput("Harvest Moon", None, 2021, at(2021, 9), False, "Harvest Moon (2021)"),
        ClusterInput("Harvest Moon", None, None, at(2022, 1), False, "'Harvest Moon' review"),
        # a festival year and a release year one apart are the same film
        ClusterInput("Tide Line", None, 2023, at(2023, 9), False, "Tide Line (2023)"),
        ClusterInput("Tide Line", None, 2024, at(2024, 3), False, "Tide Line, 2024 - ★★★"),
    ]
    ids = cluster(items, lexicon=bare)
    assert ids[0] == ids[1] != ids[2] == ids[3]
    assert ids[4] == ids[5]


def test_syndicated_copies_are_grouped() -> None:
    story = (
        "'Twinkle Road' surpassed 5 million admissions Sunday, becoming the third local film "
        "this year to reach the milestone, according to the Korean Film Council."
    )
    items = [
        ClusterInput(
            "Twinkle Road",
            title="'Twinkle Road' tops 5 mln admissions",
            text=f"SEOUL, May 5 (Yonhap) -- {story}",
        ),
        ClusterInput(
            "Twinkle Road", title="‘Twinkle Road’ tops 5 mln admissions", text=f"{story} (Yonhap)"
        ),
        ClusterInput(
            "Twinkle Road",
            title="'Twinkle Road' review: a long drive south",
            text="Kim Min-jae and Park Ha-na play estranged siblings on a road trip.",
        ),
        ClusterInput(
            "Harvest Moon",
            title="'Harvest Moon' tops 5 mln admissions",
            text="'Harvest Moon' passed 5 million viewers after its fourth weekend.",
        ),
    ]
    groups = syndicated_groups(items)
    assert groups[0] == groups[1]
    assert len({groups[0], groups[2], groups[3]}) == 3


def test_same_title_works_of_the_same_year_are_kept_apart_by_people() -> None:
    items = [
        ClusterInput("Cobweb", None, 2023, at(2023, 5), True, "Cobweb review", "Song Kang-ho"),
        ClusterInput("Cobweb", None, None, at(2023, 9), True, "Kim Jee-woon's Cobweb", ""),
        ClusterInput("Cobweb", None, None, at(2023, 7), False, "Cobweb", "Lizzy Caplan stars"),
        ClusterInput("Cobweb", None, None, at(2023, 8), False, "Cobweb", "Samuel Bodin's debut"),
    ]
    ids = cluster(items)
    assert ids[0] == ids[1]
    assert ids[2] == ids[3]
    assert ids[0] != ids[2]


def test_a_film_and_a_series_of_one_title_are_told_apart() -> None:
    items = [
        ClusterInput(
            "Love in the Big City",
            None,
            2024,
            at(2024, 9),
            True,
            "Film review",
            "Kim Go-eun and Noh Sang-hyun play roommates in the film.",
        ),
        ClusterInput(
            "대도시의 사랑법",
            "대도시의 사랑법",
            None,
            at(2024, 10),
            True,
            "'대도시의 사랑법' 시리즈",
            "남윤수 주연의 8부작 시리즈, 허진호 감독.",
        ),
        ClusterInput(
            "대도시의 사랑법",
            "대도시의 사랑법",
            None,
            at(2024, 10),
            True,
            "'대도시의 사랑법' 제작발표회",
            "남윤수가 시리즈 제작발표회에 나왔다.",
        ),
    ]
    ids = cluster(items)
    assert ids[1] == ids[2]
    assert ids[0] != ids[1]


def test_season_aliases_share_the_series_key() -> None:
    assert film_key("Weak Hero Class 1") == film_key("Weak Hero Class 2") == film_key("약한영웅")
    # "Class N" numbers seasons: the series is "Weak Hero", and the older spelling joins it
    assert film_key("Weak Hero") == film_key("Weak Hero Class") == film_key("약한영웅 Class 1")


def test_one_hangul_title_for_two_films_keeps_them_apart() -> None:
    # 괴물 is the Korean title of Bong Joon-ho's The Host (2006) and of Kore-eda's Monster (2023)
    items = [
        ClusterInput("Monster", "괴물", 2023, at(2023, 11), False, "'괴물' 개봉", "고레에다 신작"),
        ClusterInput("The Host", "괴물", 2006, at(2024, 3), True, "'괴물' 재개봉", "봉준호 감독"),
        ClusterInput("Kaibutsu", None, None, at(2023, 12), False, "Kaibutsu review", "Kore-eda"),
    ]
    ids = cluster(items)
    assert ids[0] == ids[2]
    assert ids[0] != ids[1]


def test_uncurated_hangul_and_english_titles_join_on_shared_people_and_dates() -> None:
    people = [
        Person("Ryu Jun-yeol", "류준열"),
        Person("Shin Hyun-been", "신현빈"),
        Person("Koo Kyo-hwan", "구교환"),
    ]
    lex = Lexicon.build([], people)
    items = [
        ClusterInput(
            "Night Harbour",
            None,
            None,
            at(2025, 3),
            True,
            "'Night Harbour' review",
            "Ryu Jun-yeol and Shin Hyun-been are superb.",
        ),
        ClusterInput(
            "밤의 항구",
            "밤의 항구",
            None,
            at(2025, 3),
            True,
            "'밤의 항구' 개봉",
            "류준열과 신현빈이 주연을 맡았다.",
        ),
        # the same people a year later in another film: not joined
        ClusterInput(
            "겨울 정거장",
            "겨울 정거장",
            None,
            at(2026, 6),
            True,
            "'겨울 정거장'",
            "류준열과 신현빈이 다시 만났다.",
        ),
        # one shared actor is not enough
        ClusterInput(
            "봄의 항구",
            "봄의 항구",
            None,
            at(2025, 3),
            True,
            "'봄의 항구'",
            "류준열과 구교환이 출연한다.",
        ),
    ]
    ids = cluster(items, lexicon=lex)
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]
    assert ids[3] != ids[0]


def test_same_title_series_of_one_year_are_split_by_service_and_cast() -> None:
    items = [
        ClusterInput("Trigger", None, None, at(2025, 7), True, "Trigger review", "Netflix's"),
        ClusterInput("트리거", "트리거", None, at(2025, 7), True, "김남길 인터뷰", "넷플릭스"),
        ClusterInput("Trigger", None, None, at(2025, 1), True, "Disney+ series", "Kim Hye-soo"),
        ClusterInput("트리거", "트리거", None, at(2025, 2), True, "리뷰", "디즈니+ 김혜수"),
    ]
    ids = cluster(items)
    assert ids[0] == ids[1]
    assert ids[2] == ids[3]
    assert ids[0] != ids[2]


def test_the_hangul_title_of_loh_kiwan_shares_its_key() -> None:
    assert film_key("로기완") == film_key("My Name Is Loh Kiwan") == film_key("Loh Kiwan")
