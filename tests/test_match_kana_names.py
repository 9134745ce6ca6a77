"""Korean names written in katakana by Japanese outlets ("イ・ビョンホン", Lee Byung-hun): their
sound (``tracker.understand.sounds.name_sound``), and the joins it allows: a Japanese-titled
entry with the English or Hangul group naming the same two people, and with the curated work
of its time whose cast it names; and what stays apart (one name, a tie, two Latin groups whose
names only sound alike, another year)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.text import normalize_title
from tracker.understand.lexicon import Lexicon, Person, Work
from tracker.understand.match import ClusterInput, cluster, film_keys
from tracker.understand.romanize import name_fold
from tracker.understand.sounds import katakana_name_sounds, name_sound

AT = datetime(2025, 12, 1, tzinfo=UTC)
BARE = Lexicon.build([], [])


def item(film: str, text: str, *, days: int = 0) -> ClusterInput:
    return ClusterInput(film, None, None, AT + timedelta(days=days), True, f"『{film}』", text)


@pytest.mark.parametrize(
    ("latin", "katakana"),
    [
        ("Park Chan-wook", "パク・チャヌク"),
        ("Lee Byung-hun", "イ・ビョンホン"),
        ("Son Ye-jin", "ソン・イェジン"),
        ("Jun Ji-hyun", "チョン・ジヒョン"),
        ("Gang Dong-won", "カン・ドンウォン"),
        ("하유준", "ハ・ユジュン"),
        ("Han Suk-kyu", "ハン・ソッキュ"),
        ("Ryu Seung-ryong", "リュ・スンリョン"),
        ("Choi Soo-young", "チェ・スヨン"),
        ("Hwang Jung-min", "ファン・ジョンミン"),
        ("Kim Hye-yoon", "キム・ヘユン"),
        ("Go Youn-jung", "コ・ユンジョン"),
        # family names Japanese media write with a voiced kana, or that few names share
        ("Bong Joon-ho", "ポン・ジュノ"),
        ("Ma Dong-seok", "マ・ドンソク"),
        ("Byeon Woo-seok", "ビョン・ウソク"),
        ("Doh Kyung-soo", "ド・ギョンス"),
        ("Ok Taec-yeon", "オク・テギョン"),
        ("Wi Ha-joon", "ウィ・ハジュン"),
        ("Go Youn-jung", "ゴ・ユンジョン"),
    ],
)
def test_a_name_sounds_the_same_in_latin_letters_hangul_and_katakana(
    latin: str, katakana: str
) -> None:
    key = name_fold(latin)
    assert key is not None
    sound = name_sound(key)
    assert sound is not None and sound.startswith("~")
    assert katakana_name_sounds(f"出演は{katakana}ほか。") == {sound}


def test_names_that_differ_in_vowels_katakana_keeps_sound_apart() -> None:
    # a, i and e survive katakana: Kim Da-mi is not Gang Dong-won, Lee Ji-eun not Lee Jun-ho
    pairs = [("Kim Da-mi", "Gang Dong-won"), ("Lee Ji-eun", "Lee Jun-ho")]
    for a, b in pairs:
        key_a, key_b = name_fold(a), name_fold(b)
        assert key_a and key_b
        assert name_sound(key_a) != name_sound(key_b)


def test_only_a_korean_surname_before_the_dot_is_a_name() -> None:
    assert katakana_name_sounds("トム・クルーズとブラッド・ピット") == set()
    # a given name of one sound is too common to compare
    assert katakana_name_sounds("コン・ユ") == set()


def test_a_japanese_title_joins_the_english_group_naming_the_same_two_people() -> None:
    items = [
        item("Quiet Harbour", "Starring Lee Byung-hun and Son Ye-jin, directed by Woo Min-ho."),
        item("静かな港", "イ・ビョンホンとソン・イェジンが共演。", days=3),
        item("Another Film", "Starring Kim Da-mi.", days=1),
    ]
    ids = cluster(items, lexicon=BARE)
    assert ids[0] == ids[1] != ids[2]


def test_one_shared_name_leaves_a_japanese_title_apart() -> None:
    items = [
        item("Quiet Harbour", "Starring Lee Byung-hun and Son Ye-jin."),
        item("静かな港", "イ・ビョンホン主演。", days=3),
    ]
    ids = cluster(items, lexicon=BARE)
    assert ids[0] != ids[1]


def test_a_hangul_title_and_a_japanese_one_join_by_names_in_their_own_scripts() -> None:
    items = [
        item("조용한 항구", "이병헌, 손예진 주연의 영화."),
        item("静かな港", "イ・ビョンホンとソン・イェジンが共演。", days=3),
    ]
    ids = cluster(items, lexicon=BARE)
    assert ids[0] == ids[1]


def test_names_that_only_sound_alike_join_nothing_outside_katakana() -> None:
    # "Kim Seon-ho" and "Kim Soo-hyun" sound alike in katakana (キム・ソンホ, キム・スヒョン), and
    # so do Ju Ji-hoon and Chu Ji-hun; in Hangul and Latin letters they are four people
    assert name_sound(name_fold("Kim Seon-ho") or "") == name_sound(name_fold("Kim Soo-hyun") or "")
    items = [
        item("Night Harbour", "Starring Kim Soo-hyun and Chu Ji-hun."),
        item("밤의 항구", "김선호, 주지훈 주연.", days=2),
    ]
    ids = cluster(items, lexicon=BARE)
    assert ids[0] != ids[1]


CAST = Lexicon.build(
    [
        Work(
            "No Other Choice",
            2025,
            True,
            "어쩔수가없다",
            people=("Park Chan-wook", "Lee Byung-hun", "Son Ye-jin"),
        ),
        Work(
            "Joint Security Area",
            2000,
            True,
            "공동경비구역 JSA",
            people=("Park Chan-wook", "Lee Byung-hun"),
        ),
    ],
    [Person("Park Chan-wook", "박찬욱", "director"), Person("Lee Byung-hun", "이병헌")],
)


def test_a_japanese_title_is_the_curated_work_of_its_time_whose_cast_it_names() -> None:
    japanese = item("しあわせな選択", "パク・チャヌク監督最新作。イ・ビョンホン主演。")
    english = item("No Other Choice", "Park Chan-wook's new film.", days=5)
    keys = film_keys(japanese, lexicon=CAST)
    assert keys.curated and keys.base == film_keys(english, lexicon=CAST).base
    ids = cluster(
        [english, japanese, item("しあわせな選択", "試写会の感想。", days=9)], lexicon=CAST
    )
    # and another entry of that Japanese title, naming nobody, follows it by its title
    assert ids[0] == ids[1] == ids[2]


def test_a_cast_from_another_time_or_one_name_is_not_enough() -> None:
    # Joint Security Area (2000) has the same two people: far from 2025, it is no candidate
    old = ClusterInput(
        "共同警備区域",
        None,
        None,
        datetime(2001, 3, 1, tzinfo=UTC),
        True,
        "x",
        "パク・チャヌク、イ・ビョンホン",
    )
    assert film_keys(old, lexicon=CAST).base == normalize_title("Joint Security Area")
    # a late Japanese release that states its year is judged by that year, not by its date
    late = item("しあわせな選択", "2025年の映画。パク・チャヌク、イ・ビョンホン")._replace(
        published=datetime(2028, 5, 1, tzinfo=UTC), year=2025
    )
    assert film_keys(late, lexicon=CAST).curated
    assert not film_keys(late._replace(year=None), lexicon=CAST).curated
    one = item("しあわせな選択", "イ・ビョンホン主演。")
    assert not film_keys(one, lexicon=CAST).curated


def test_only_names_written_in_katakana_and_heard_as_one_person_count() -> None:
    # the same names in Latin letters, beside an accented or a Japanese title: no cast join (a
    # sound is compared only where the entry itself writes katakana)
    latin = "Park Chan-wook and Lee Byung-hun."
    assert not film_keys(item("Pâtisserie", latin), lexicon=CAST).curated
    assert not film_keys(item("しあわせな選択", latin), lexicon=CAST).curated
    # a sound two curated people share (Kim Soo-hyun, Kim Seon-ho) identifies neither
    shared = Lexicon.build(
        [
            Work("Queen Work", 2025, True, people=("Kim Soo-hyun", "Kim Ji-won")),
            Work("Other Work", 2025, True, people=("Kim Seon-ho",)),
        ],
        [],
    )
    japanese = item("女王の作品", "キム・スヒョン、キム・ジウォン主演。")
    assert not film_keys(japanese, lexicon=shared).curated


def test_two_works_named_as_often_leave_the_title_alone() -> None:
    tie = Lexicon.build(
        [
            Work("First Work", 2025, True, people=("Lee Byung-hun", "Son Ye-jin")),
            Work("Second Work", 2026, True, people=("Lee Byung-hun", "Son Ye-jin")),
        ],
        [],
    )
    keys = film_keys(item("二人の映画", "イ・ビョンホンとソン・イェジン。"), lexicon=tie)
    assert not keys.curated and keys.base == "二人の映画"


def test_a_katakana_title_that_sounds_like_a_curated_title_needs_one_of_its_people() -> None:
    lex = Lexicon.build(
        [Work("Cashero", 2025, True, "캐셔로", series=True, people=("Lee Jun-ho", "Kim Hye-jun"))],
        [],
    )
    with_one = item("キャッシャロ", "共演はキム・ヘジュン。")
    assert film_keys(with_one, lexicon=lex).base == "cashero"
    # the sound alone (three consonants) is not enough, nor a name from another year
    assert not film_keys(item("キャッシャロ", "ファンイベント。"), lexicon=lex).curated
    late = with_one._replace(published=datetime(2029, 1, 1, tzinfo=UTC))
    assert not film_keys(late, lexicon=lex).curated


#: a curated work whose people's sounds other curated people share: the cast rule cannot tell
#: which work a Japanese title naming them is, of all the lexicon's (Kim Seon-ho, Kim So-hyun)
AMBIGUOUS = Lexicon.build(
    [
        Work(
            "Translated Love",
            2026,
            True,
            "통역 사랑",
            series=True,
            people=("Kim Seon-ho", "Go Youn-jung"),
        ),
        Work("Other Love", 2026, True, people=("Kim So-hyun", "Go Hyun-jung")),
        Work("Third Love", 2026, True, people=("Kim Seon-ho", "Lee Jun-ho")),
    ],
    [],
)


def english(film: str, text: str, *, days: int = 0) -> ClusterInput:
    return ClusterInput(film, None, None, AT + timedelta(days=days), True, film, text)


def test_a_japanese_title_joins_the_curated_group_of_the_week_whose_cast_it_names() -> None:
    # the lexicon lists no Japanese titles; the week's English group of the curated work carries
    # its cast, and the Japanese entry names two of them in katakana
    week = [
        english("Translated Love", "The romance premieres on Netflix."),
        item("この恋、通訳できますか？", "キム・ソンホ×コ・ユンジョン主演。1月16日配信。", days=3),
    ]
    assert not film_keys(week[1], lexicon=AMBIGUOUS).curated  # (the cast rule: no)
    first, second = cluster(week, lexicon=AMBIGUOUS)
    assert first is not None and first == second


def test_a_japanese_title_naming_one_of_a_curated_cast_stays_apart() -> None:
    week = [
        english("Translated Love", "The romance premieres on Netflix."),
        item("この恋、通訳できますか？", "キム・ソンホ主演。1月16日配信。", days=3),
        # and out of the window, two names are not enough either
        item("通訳の恋", "キム・ソンホ×コ・ユンジョン主演。", days=90),
    ]
    first, second, third = cluster(week, lexicon=AMBIGUOUS)
    assert first != second and first != third


def test_the_words_of_korean_television_news_are_nobody_s_names() -> None:
    # "방송된", "방송은": three syllables after a surname's, in every TV story; an English
    # group that took a Hangul story by its stated title must not take every other one by them
    def ko(film: str, text: str) -> ClusterInput:
        return ClusterInput(film, film, None, AT, True, f"‘{film}’", text)

    week = [
        ClusterInput("Blue Garden", "푸른 정원", None, AT, True, "Blue Garden (푸른 정원)", "."),
        ko("푸른 정원", "지난 7일 방송된 회차. 다음 방송은 금요일."),
        ko("나 혼자 간다", "지난 8일 방송된 회차. 다음 방송은 금요일."),
    ]
    first, second, third = cluster(week, lexicon=BARE)
    assert first == second != third


def test_a_hangul_title_s_short_form_joins_the_english_title_stated_with_it() -> None:
    # "Honour (아너: 그녀들의 법정)" and the Korean outlets' '아너'
    week = [
        ClusterInput("Honour", "아너: 그녀들의 법정", None, AT, True, "Honour", "."),
        ClusterInput("아너", "아너", None, AT + timedelta(days=2), True, "‘아너’ 첫 방송", "."),
    ]
    first, second = cluster(week, lexicon=BARE)
    assert first is not None and first == second


def test_an_old_work_s_cast_takes_no_japanese_title_of_today() -> None:
    # Bong Joon-ho and Song Kang-ho made Memories of Murder (2003) too: this week's Japanese
    # entry about it is not Parasite's
    lex = Lexicon.build(
        [Work("Parasite", 2019, True, "기생충", people=("Bong Joon-ho", "Song Kang-ho"))], []
    )
    week = [
        ClusterInput("Parasite", None, None, AT, True, "Parasite", "."),
        item("殺人の追憶", "ポン・ジュノ監督、ソン・ガンホ主演の4Kリマスター版。"),
    ]
    first, second = cluster(week, lexicon=lex)
    assert first != second


def test_names_that_start_like_news_words_are_still_names() -> None:
    from tracker.understand.romanize import hangul_name_folds

    assert len(hangul_name_folds("하지원과 이제훈, 구성환이 출연한다.")) == 3


def test_a_japanese_title_naming_two_curated_casts_as_often_joins_neither() -> None:
    lex = Lexicon.build(
        [
            Work("First Work", 2025, True, people=("Lee Byung-hun", "Son Ye-jin")),
            Work("Second Work", 2025, True, people=("Lee Byung-hun", "Son Ye-jin")),
        ],
        [],
    )
    week = [
        ClusterInput("First Work", None, None, AT, True, "First Work", "."),
        ClusterInput("Second Work", None, None, AT, True, "Second Work", "."),
        item("二人の映画", "イ・ビョンホンとソン・イェジン。"),
    ]
    first, second, third = cluster(week, lexicon=lex)
    assert third not in (first, second)
