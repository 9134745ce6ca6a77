"""Titles that are English words, written by sound in Hangul and katakana ("Pro Bono", 프로보노,
プロボノ): their consonant skeletons (``tracker.understand.sounds``) and the join they allow
between entries of a work the curated list does not know; and the titles that must stay apart
(a translation, too few consonants, two candidates, another time, other numbers)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.understand.lexicon import Lexicon
from tracker.understand.match import ClusterInput, FilmKeys, cluster, film_keys
from tracker.understand.sounds import is_katakana, skeleton

BARE = Lexicon.build([], [])
AT = datetime(2025, 11, 3, tzinfo=UTC)


def item(film: str, *, days: int = 0, text: str = "") -> ClusterInput:
    return ClusterInput(film, None, None, AT + timedelta(days=days), True, f"'{film}'", text)


@pytest.mark.parametrize(
    "forms",
    [
        ("Pro Bono", "프로보노", "プロボノ"),
        ("Cashero", "캐셔로", "キャッシャロ"),
        ("Twelve", "트웰브", "トゥエルブ"),
        ("Signal", "시그널", "シグナル"),
        # a post-vocalic r the transcriptions drop, ン before a labial, a silent k
        ("Doctor Slump", "닥터슬럼프", "ドクタースランプ"),
        ("Hyper Knife", "하이퍼나이프", "ハイパーナイフ"),
        ("Kingdom", "킹덤", "キングダム"),
    ],
)
def test_a_loanword_title_has_one_skeleton_in_three_scripts(forms: tuple[str, ...]) -> None:
    sounds = {skeleton(form.replace(" ", "").lower()) for form in forms}
    assert len(sounds) == 1 and None not in sounds, sounds


def test_only_latin_hangul_and_katakana_titles_have_a_skeleton() -> None:
    assert skeleton("判事イハンヨン") is None  # kanji: a translation, not a transcription
    assert skeleton("바다 2") is None
    assert skeleton("!!") is None
    assert is_katakana("アイドル・アイ") and not is_katakana("暴君のシェフ")
    assert skeleton("사계의봄") != skeleton("springofyouth")


def test_hangul_and_katakana_titles_join_the_english_title_they_spell() -> None:
    ids = cluster(
        [
            item("Pro Bono"),
            item("프로보노", days=2),
            item("プロボノ", days=5),
            # three consonants ("ksr"): sound and a name the entries share
            item("Cashero", days=1, text="Lee Jun-ho stars."),
            item("캐셔로", days=3, text="이준호 주연."),
        ],
        lexicon=BARE,
    )
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] == ids[4] != ids[0]


def test_a_katakana_title_joins_a_hangul_one_when_no_english_title_sounds_like_it() -> None:
    ids = cluster([item("시그널"), item("シグナル", days=1)], lexicon=BARE)
    assert ids[0] == ids[1]


def test_titles_that_only_sound_alike_by_chance_stay_apart() -> None:
    ids = cluster(
        [
            # two English titles with the same skeleton: which one is meant is unknown
            item("Pro Bono"),
            item("Pure Bonnie", days=1),
            item("프로보노", days=2),
            # too few consonants to tell ("Idol I", 아이돌아이)
            item("Idol I"),
            item("아이돌아이", days=1),
            # months apart
            item("Signal"),
            item("시그널", days=200),
            # other numbers
            item("Twelve 2"),
            item("트웰브", days=1),
        ],
        lexicon=BARE,
    )
    assert len({ids[0], ids[1], ids[2]}) == 3
    assert ids[3] != ids[4]
    assert ids[5] != ids[6]
    assert ids[7] != ids[8]


def test_a_korean_title_in_katakana_joins_its_hangul_title_by_its_reading() -> None:
    # Japanese writes a Korean word's final ㅇ as ン ("ng" of a loanword keeps its グ); the
    # wave-dash subtitle is Japanese, and the title before it is what sounds like the Hangul
    ids = cluster(
        [
            item("원경", text="차주영 주연"),
            item("ウォンギョン～王を造った王妃～", days=3, text="차주영 주연"),
            item("도깨비", text="김고은 주연"),
            item("トッケビ", days=1, text="김고은이 주연"),
            item("킹덤"),
            item("キングダム", days=1),
        ],
        lexicon=BARE,
    )
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[4] == ids[5]
    assert len({ids[0], ids[2], ids[4]}) == 3


def test_a_reading_joins_hangul_titles_only_from_katakana() -> None:
    # 원경's Japanese reading is no English title's sound: a Latin "Wonkin" stays apart
    ids = cluster([item("원경"), item("Wonkin", days=1)], lexicon=BARE)
    assert ids[0] != ids[1]


def test_a_katakana_transcription_joins_a_curated_english_title() -> None:
    # the lexicon lists a work's English and Hangul titles, never its katakana
    from tracker.understand.lexicon import Work

    lex = Lexicon.build([Work("Signal", 2016, True, "시그널", True)], [])
    ids = cluster([item("Signal"), item("シグナル", days=2), item("시그널", days=1)], lexicon=lex)
    assert ids[0] == ids[1] == ids[2]


def test_three_consonants_alone_join_nothing() -> None:
    # "프레데터" and "The Plot" share "brt": sound alone is a coincidence at three
    items = [item("The Plot"), item("프레데터", days=1), item("Cashero"), item("캐셔로")]
    ids = cluster(items, lexicon=BARE)
    assert ids[0] != ids[1] and ids[2] != ids[3]


def test_the_korean_flag_survives_the_stored_keys_and_decides_a_join() -> None:
    import json

    from tracker.types import EntryData, FeedHints
    from tracker.understand import ingest
    from tracker.understand.match import cluster_keys
    from tracker.understand.record import read

    def stored(title: str, korean_text: str) -> FilmKeys:
        entry = EntryData(identity=title, title=title, summary=korean_text, link=None)
        return read(ingest.understand_entry(entry, hints=FeedHints(), published=AT)).film_keys

    foreign = stored("'Gray Signal' review: a cold American thriller", "<p>Rating: 3/5</p>")
    assert foreign.korean is False  # False is stored, not dropped as "unset"
    foreign = foreign._replace(published=AT)  # (the digest sets each entry's date)
    # a Hangul title that sounds like it, about a Korean work, stays apart; unknown joins
    korean = film_keys(ClusterInput("그레이시그널", None, None, AT, True, "x", ""))
    unknown = film_keys(ClusterInput("그레이시그널", None, None, AT, None, "x", ""))
    assert len(set(cluster_keys([foreign, korean]))) == 2
    assert len(set(cluster_keys([foreign, unknown]))) == 1
    # a row stored before the flag existed reads as unknown
    row = ingest.understand_entry(
        EntryData(identity="x", title="'Gray Signal' review", summary="", link=None),
        hints=FeedHints(),
        published=AT,
    )
    detail = json.loads(row.detail or "{}")
    detail["k"] = detail["k"][:9]
    assert read(row._replace(detail=json.dumps(detail))).film_keys.korean is None
