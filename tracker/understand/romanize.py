"""Hangul in Latin letters, and one loose spelling of romanised Korean that the outlets' many
spellings of a name or title share, so that a work or person named in Hangul by a Korean
outlet and romanised by an English one can be recognised as the same.

Owns the Revised Romanization of Hangul syllables (``romanize``: no sound changes across
syllables, as names are usually written), the loose form (``fold``: "Choi Woo-shik",
"Choe U-sik" and "최우식" meet), the loose key of a Korean personal name in either script
(``name_fold``) and the Korean names a Hangul text may hold (``hangul_name_folds``). Pure
string work: must not know the curated lexicon, an entry or a film.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.understand.names import NEWS_NOUN_STARTS, korean_names
from tracker.understand.scan.prefilter import Pattern

_INITIALS: tuple[str, ...] = (
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
)
_INITIALS += ("k", "t", "p", "h")
_MEDIALS: tuple[str, ...] = (
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
)
_MEDIALS += ("wo", "we", "wi", "yu", "eu", "ui", "i")
_FINALS: tuple[str, ...] = (
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
)
_FINALS += ("m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")


def romanize(text: str) -> str:
    """Hangul syllables in Revised Romanization, syllable by syllable ("주지훈" -> "jujihun",
    "종말의 바보" -> "jongmalui babo"); other characters are kept."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial, rest = divmod(code, 588)
            medial, final = divmod(rest, 28)
            out.append(_INITIALS[initial] + _MEDIALS[medial] + _FINALS[final])
        else:
            out.append(ch)
    return "".join(out)


#: the spellings of one sound that romanisations differ by, longest first, each to one form:
#: "Woo-shik"/"U-sik", "Hoon"/"Hun", "Young"/"Yeong", "Suh"/"Seo", "Kyung"/"Gyeong"
_LOOSE = {
    "woo": "u",
    "wu": "u",
    "shi": "si",
    "sh": "s",
    "ch": "j",
    "ee": "i",
    "oo": "u",
    "ou": "u",
    "eo": "u",
    "eu": "u",
    "k": "g",
    "p": "b",
    "t": "d",
    "r": "l",
}
_LOOSE_SPELLING = re.compile("|".join(sorted(_LOOSE, key=len, reverse=True)))
_NOT_LETTERS = re.compile(r"[^a-z]")
#: an "h" that only lengthens the vowel before it at a syllable's end ("Ah-in", "Suh", "Oh")
_SILENT_H = re.compile(r"(?<=[aeiou])h(?![a-z])")
_DOUBLED = re.compile(r"(.)\1")


@lru_cache(maxsize=8192)
def fold(latin: str) -> str:
    """The loose form of romanised Korean: lower case, letters only, the variant spellings of
    one sound made one, doubled letters single."""
    letters = _NOT_LETTERS.sub("", _SILENT_H.sub("", latin.lower()))
    loose = _LOOSE_SPELLING.sub(lambda m: _LOOSE[m.group(0)], letters)
    return _DOUBLED.sub(r"\1", loose)


#: surnames whose usual spellings fold apart from their Revised Romanization
_SURNAME_FORMS = {
    "lee": "i",
    "yi": "i",
    "rhee": "i",
    "ri": "i",
    "rhie": "i",
    "park": "bak",
    "pak": "bak",
    "choi": "choe",
    "chey": "choe",
    "lim": "im",
    "rim": "im",
    "yim": "im",
    "oh": "o",
    "ahn": "an",
    "ryu": "yu",
    "ryoo": "yu",
    "lyu": "yu",
    "yoo": "yu",
    "you": "yu",
    "koh": "go",
    "sohn": "son",
    "paik": "baek",
    "back": "baek",
    "hur": "heo",
    "huh": "heo",
    "noh": "no",
    "roh": "no",
    "doh": "do",
    "uhm": "eom",
}


def _surname_fold(surname: str) -> str:
    lower = surname.lower()
    return fold(_SURNAME_FORMS.get(lower, lower))


def name_fold(name: str) -> str | None:
    """The loose key of a Korean personal name, romanised ("Choi Woo-shik") or in Hangul
    ("최우식"): both give ``joe usig``. None for what is no such name."""
    if re.fullmatch(r"[가-힣]{2,4}", name):
        return f"{_surname_fold(romanize(name[0]))} {fold(romanize(name[1:]))}"
    parts = name.split(None, 1)
    if len(parts) != 2:
        return None
    return f"{_surname_fold(parts[0])} {fold(parts[1])}"


#: the Hangul syllables a Korean surname is written with (the common ones)
_HANGUL_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우"
    "구민진나지엄변채원천방공현함염여추도석선설마길연위표명기반왕금옥육인맹제모탁국은편용예경봉"
)
#: a three-syllable Hangul word starting with a surname, alone or before a particle, a list
#: mark or a quote: where a Korean text names a person ("최우식, 박보영이 참석했다")
_HANGUL_NAME = Pattern(
    rf"(?<![가-힣])([{_HANGUL_SURNAMES}][가-힣]{{2}})"
    r"(?=[이가은는을를와과의도,·\s)'\"」』]|$)"
)


def hangul_name_folds(text: str) -> set[str]:
    """The loose keys of the words of a Hangul text that may be Korean names: candidates,
    compared only with names found in another entry, never taken as names by themselves."""
    return {
        key
        for m in _HANGUL_NAME.finditer(text)
        if m.group(1)[:2] not in NEWS_NOUN_STARTS and (key := name_fold(m.group(1)))
    }


def latin_name_folds(text: str) -> set[str]:
    """The loose keys of the romanised Korean names in ``text`` (by their shape)."""
    return {key for name in korean_names(text) if (key := name_fold(name))}
