"""What a title sounds like, in any of the three scripts the feeds write it in: the consonants
of an English loanword title that its Hangul and katakana transcriptions keep.

K-drama and film titles are often English words ("Pro Bono", "Cashero", "Twelve"), and Korean
outlets write them in Hangul by sound (프로보노, 캐셔로, 트웰브), Japanese ones in katakana
(プロボノ, キャッシャロ). The vowels differ (Korean and Japanese add one after every consonant
that ends a syllable, "teu-wel-beu") and so do some consonants (f and v become p and b, l
becomes r), but the order of the consonants, in a few classes, survives: that is the
``skeleton`` (``b r b n`` for all three "Pro Bono"s).

Owns the skeleton of a Latin, Hangul or katakana title. Pure string work: must not know the
lexicon, an entry or a film; which skeletons may join which titles is ``match``'s decision.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.text import HANGUL_SYLLABLES
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
_KANA_SEPARATORS = " ・\u3000="


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
