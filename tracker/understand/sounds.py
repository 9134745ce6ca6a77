"""What a title sounds like, in any of the three scripts the feeds write it in: the consonants
of an English loanword title that its Hangul and katakana transcriptions keep.

K-drama and film titles are often English words ("Pro Bono", "Cashero", "Twelve"), and Korean
outlets write them in Hangul by sound (프로보노, 캐셔로, 트웰브), Japanese ones in katakana
(プロボノ, キャッシャロ). The vowels differ (Korean and Japanese add one after every consonant
that ends a syllable, "teu-wel-beu") and so do some consonants (f and v become p and b, l
becomes r), but the order of the consonants, in a few classes, survives: that is the
``skeleton`` (``b r b n`` for all three "Pro Bono"s).

Korean personal names cross the scripts the same way: Japanese writes them in katakana ("パク・
チャヌク", Park Chan-wook; "イ・ビョンホン", Lee Byung-hun), and the consonants of the family
name and of the given name survive (``name_sound``).

Owns the skeleton of a Latin, Hangul or katakana title, and the sound of a Korean name. Pure
string work: must not know the lexicon, an entry or a film; which skeletons may join which
titles, and which names make two entries one work's, is for ``joins`` and ``match`` to decide.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.text import HANGUL_SYLLABLES
from tracker.understand.names import KATAKANA_KOREAN_NAME
from tracker.understand.romanize import romanize

#: English spellings whose sound Korean and Japanese write with other consonants, longest
#: first: "ph" is f, "gh" is silent or f (dropped), "ck" and "qu" are k, "x" is ks, "-tion"
#: is 션 / ション, "th" is ㅅ / ス ("Earth", 어스), "sh" and "ch" are ㅅ, ㅊ / シ, チ
_SPELLINGS = {
    "tion": "sion",
    "tch": "s",
    "ph": "f",
    "gh": "",
    "ck": "k",
    "kn": "n",
    "qu": "k",
    "th": "s",
    "sh": "s",
    "ch": "s",
    "x": "ks",
}
_SPELLING = re.compile("|".join(sorted(_SPELLINGS, key=len, reverse=True)))
#: a soft c, as in "Cinema" (else it is k)
_SOFT_C = re.compile(r"c(?=[eiy])")
#: an r after a vowel that no vowel follows: the transcriptions follow British English and
#: drop it ("Doctor Slump", 닥터 슬럼프; "Mercy", 머시)
_SILENT_R = re.compile(r"(?<=[aeiouy])r+(?![aeiouy])")
#: each consonant to its class; vowels, h, w and y (which the transcriptions keep as vowels
#: or drop) to nothing
_CLASSES = str.maketrans(
    {
        **dict.fromkeys("bpfv", "b"),
        **dict.fromkeys("td", "t"),
        **dict.fromkeys("kgcq", "k"),
        **dict.fromkeys("szj", "s"),
        **dict.fromkeys("lr", "r"),
        # ン is n or m by the consonant after it ("Slump", スランプ)
        **dict.fromkeys("mn", "n"),
        **dict.fromkeys("aeiouhwy", ""),
    }
)
_DOUBLED = re.compile(r"(.)\1+")
_LATIN = re.compile(r"[a-z]+")

#: katakana to the class of the consonant it starts with ("" for a vowel, h, y or w); small
#: kana, the long-vowel mark and the doubling ッ add no consonant. フ is written for f, so it
#: is b's class; チ, シ, ジ are the sibilants; ツ is "ts"
_KANA_CLASSES = {
    **dict.fromkeys("アイウエオヤユヨワヲァィゥェォャュョヮーッハヒヘホ", ""),
    **dict.fromkeys("カキクケコガギグゲゴヵヶ", "k"),
    **dict.fromkeys("サシスセソザジズゼゾチヂヅ", "s"),
    **dict.fromkeys("タテトダデド", "t"),
    "ツ": "ts",
    **dict.fromkeys("ナニヌネノン", "n"),
    **dict.fromkeys("バビブベボパピプペポフヴ", "b"),
    **dict.fromkeys("マミムメモ", "n"),
    **dict.fromkeys("ラリルレロ", "r"),
}
#: what a katakana title may hold besides kana: the middle dot between words, spaces
_KANA_SEPARATORS = " ・\u3000=：:"


def latin_skeleton(latin: str) -> str:
    """The consonant classes of an English (or romanised) title, in order, repeats single."""
    letters = _SILENT_R.sub("", "".join(_LATIN.findall(latin.lower())))
    sounds = _SPELLING.sub(lambda m: _SPELLINGS[m.group(0)], _SOFT_C.sub("s", letters))
    return _DOUBLED.sub(r"\1", sounds.translate(_CLASSES))


def hangul_skeleton(hangul: str, *, in_katakana: bool = False) -> str:
    """The skeleton of a Hangul title: its Revised Romanization's (``romanize``). With
    ``in_katakana``, as Japanese writes a Korean word: a syllable's final ㅇ is ン, n (원경,
    ウォンギョン), where an English loanword's "ng" keeps its g (킹덤, キングダム)."""
    if not in_katakana:
        return latin_skeleton(romanize(hangul))
    syllables = (romanize(ch) for ch in hangul)
    return latin_skeleton("".join(s[:-1] if s.endswith("ng") else s for s in syllables))


def is_katakana(title: str) -> bool:
    """Whether ``title`` is written in katakana alone (with middle dots or spaces)."""
    return (
        bool(title)
        and all(ch in _KANA_CLASSES or ch in _KANA_SEPARATORS for ch in title)
        and any(ch in _KANA_CLASSES for ch in title)
    )


def katakana_skeleton(title: str) -> str:
    """The skeleton of a katakana title (see ``is_katakana``)."""
    classes = "".join(_KANA_CLASSES.get(ch, "") for ch in title)
    return _DOUBLED.sub(r"\1", classes)


#: Hangul syllables, with spaces or punctuation between them (no digits, no other letters)
_HANGUL_TITLE = re.compile(
    rf"(?:[{HANGUL_SYLLABLES}]|[^\w]|_)*[{HANGUL_SYLLABLES}](?:[{HANGUL_SYLLABLES}]|[^\w]|_)*"
)


def is_hangul(title: str) -> bool:
    """Whether ``title`` is Hangul syllables (with spaces or punctuation, no digits)."""
    return _HANGUL_TITLE.fullmatch(title) is not None


@lru_cache(maxsize=4096)
def skeleton(title: str) -> str | None:
    """The skeleton of a title in Latin letters, Hangul or katakana; None for a title mixed
    from scripts or in another one (kanji: a translation, not a transcription)."""
    if title.isascii():
        return latin_skeleton(title) if _LATIN.search(title.lower()) else None
    if is_hangul(title):
        return hangul_skeleton(title)
    if is_katakana(title):
        return katakana_skeleton(title)
    return None


#: a loose key's vowel pairs that katakana writes as one vowel: 애, 외 and 예 as エ, 의 and 위 as イ
_NAME_DIPHTHONGS = re.compile("ae|oe|ui|wi")
_NAME_DIPHTHONG = {"ae": "e", "oe": "e", "ui": "i", "wi": "i"}
#: a loose key's letters to what katakana keeps of them: the consonant classes of ``_CLASSES``
#: (h, w and y dropped), but m apart from n (ム, ン) and j apart from s (ㅈ and ㅊ are チ, ジ;
#: ㅅ is サ, シ), and of the vowels a, i and e; o and u (and 어, 으, which the key writes u) are
#: dropped, since katakana adds a u or an o after a syllable's final consonant (박, パク) that
#: the key has no vowel for
_NAME_LETTERS = str.maketrans(
    {
        **{k: v for k, v in _CLASSES.items() if chr(k) not in "aeimjz"},
        **{ord(c): c for c in "aeimj"},
        ord("z"): "j",
    }
)
#: katakana to the consonant class it starts with and the vowel it ends with, as the name
#: sound keeps them; small kana change the vowel before them (ビョ is "byo", ファ "fa"), and フ
#: is h, as in a Korean name it always is (후, 환: フ, ファン)
_KANA_NAME: dict[str, tuple[str, str]] = {}
_KANA_NAME_CONSONANTS = {
    **dict.fromkeys("マミムメモ", "m"),
    **dict.fromkeys("チヂジザズゼゾ", "j"),
    "フ": "",
}
for _row, _vowel in (
    ("アカサタナハマヤラワガザダバパ", "a"),
    ("イキシチニヒミリギジヂビピ", "i"),
    ("ウクスツヌフムユルグズヅブプヴ", ""),
    ("エケセテネヘメレゲゼデベペ", "e"),
    ("オコソトノホモヨロヲゴゾドボポ", ""),
):
    for _kana in _row:
        consonant = _KANA_NAME_CONSONANTS.get(_kana, _KANA_CLASSES[_kana][:1])
        _KANA_NAME[_kana] = (consonant, _vowel)
_SMALL_KANA = {"ャ": "a", "ァ": "a", "ィ": "i", "ェ": "e", "ュ": "", "ョ": "", "ゥ": "", "ォ": ""}
#: family names whose katakana form starts with a consonant their loose key drops (류, "Ryu",
#: folds with 유, "Yoo", as Korean says both; Japanese writes リュ and ユ)
_KANA_SURNAMES = {"リュ": ""}


def _name_part(sounds: str) -> str:
    """Repeats single, and a syllable's final ㅇ as Japanese writes it: ン (n), where Latin
    letters write "ng" (n k): "Byung-hun", ビョンホン."""
    return _DOUBLED.sub(r"\1", _DOUBLED.sub(r"\1", sounds).replace("nk", "n"))


def _latin_name_part(loose: str) -> str:
    # (the key spells every consonant one way already: "ch" is j, "sh" s)
    letters = _NAME_DIPHTHONGS.sub(lambda m: _NAME_DIPHTHONG[m.group(0)], loose)
    return _name_part(letters.translate(_NAME_LETTERS))


def _kana_name_part(kana: str) -> str:
    out: list[str] = []
    for ch in kana:
        if ch in _SMALL_KANA:
            if out:
                out[-1] = out[-1][:-1] if out[-1][-1:] in ("a", "i", "e") else out[-1]
                out[-1] += _SMALL_KANA[ch]
        elif ch == "ン":
            out.append("n")
        elif ch in _KANA_NAME:
            consonant, vowel = _KANA_NAME[ch]
            out.append(consonant + vowel)
    return _name_part("".join(out))


def _name_sound(surname: str, given: str) -> str | None:
    # a given name with fewer than two sounds kept is too common a sound to compare
    if len(given) < 2:
        return None
    return f"~{surname} {given}"


@lru_cache(maxsize=8192)
def name_sound(key: str) -> str | None:
    """The sound of a Korean name given by its loose key (``romanize.name_fold``: "bag janug"
    for Park Chan-wook or 박찬욱): ``~bak jan``, as its katakana form ("パク・チャヌク") gives
    it. Coarser than the key (katakana keeps neither o and u, nor 어 and 으, apart, nor the
    final ㅇ from ㄴ): two names of one sound are compared only where one of them is written
    in katakana. Kept per key: every week's clustering asks again for the same people."""
    surname, _, given = key.partition(" ")
    return _name_sound(_latin_name_part(surname), _latin_name_part(given))


def katakana_name_sounds(text: str) -> set[str]:
    """The sounds (``name_sound``) of the Korean names ``text`` writes in katakana."""
    sounds: set[str] = set()
    for m in KATAKANA_KOREAN_NAME.finditer(text):
        surname = m.group("surname")
        family = _KANA_SURNAMES.get(surname, _kana_name_part(surname))
        sound = _name_sound(family, _kana_name_part(m.group("given")))
        if sound is not None:
            sounds.add(sound)
    return sounds
