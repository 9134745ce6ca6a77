"""The Korean evidence's shortcuts give the answers of what they stand for: the headline's
romanised names read in the pass over all the text, the Hangul share decided by bounds, the
short curated names scanned only when a word of the text can start one, and the one-word
titles a list counts only quoted looked up among the quoted spans; on generated texts aimed
at their corners (a name across the headline's line break, Hangul and Latin mixed, quotes
inside quotes)."""

from __future__ import annotations

import random

from tracker.text import has_hangul
from tracker.understand.document import hangul_share
from tracker.understand.korean import _mostly_hangul
from tracker.understand.lexicon import default_lexicon
from tracker.understand.names import korean_names, korean_names_and_head
from tracker.understand.scan.onepass import NameSet
from tracker.understand.scan.prefilter import fold, words

_NAME_PIECES = [
    "Kim", "Lee", "Jung", "Jae", "Jong-seo", "Ms", "In", "The", "Park", "Seo", "Joon", "Ho",
    "Ha", "Do", "Not", "Song", "Kang-ho", "Jo", "Kim-", "-jae", "x", "é", "İn", "Abcdef",
]  # fmt: skip
_SEPARATORS = [" ", " ", "  ", "\n", "\t", "\u00a0", "-", ""]


def _pieces(rng: random.Random, pieces: list[str], count: int) -> str:
    return "".join(rng.choice(pieces) + rng.choice(_SEPARATORS) for _ in range(count))


def test_headline_names_are_the_headline_s_own() -> None:
    rng = random.Random(7)
    for _ in range(20000):
        head = _pieces(rng, _NAME_PIECES, rng.randint(0, 6)).rstrip(" ")
        text = f"{head}\n{_pieces(rng, _NAME_PIECES, rng.randint(0, 6))}\n"
        expected = (korean_names(text), korean_names(head))
        assert korean_names_and_head(text, len(head), words(fold(text))) == expected
        assert korean_names_and_head(text, len(head)) == expected


def test_a_name_across_the_line_break_is_not_the_headline_s() -> None:
    text = "Director Kim Jung\nJae talks"
    names, in_head = korean_names_and_head(text, text.index("\n"))
    assert names == ["Kim Jung-jae"]
    assert in_head == korean_names("Director Kim Jung") == []


def test_mostly_hangul_is_the_share_above_three_tenths() -> None:
    rng = random.Random(3)
    letters = ["a", "B", "z", " ", "1", ".", "é", "—", "한", "국", "ㄱ", "ᄀ", "영화 "]
    for _ in range(20000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 16)))
        assert _mostly_hangul(text) == (hangul_share(text) > 0.3), text
    assert not _mostly_hangul("한국" + "x" * 7)  # 2/9
    assert _mostly_hangul("한국영" + "x" * 6)  # 3/9


def test_people_named_with_the_text_s_words_are_those_named_without() -> None:
    lexicon = default_lexicon()
    people = [p.name for p in lexicon.people]
    short = [n for n in people if len(n) <= 4] + ["(G)I-DLE"]
    rng = random.Random(5)
    for _ in range(400):
        text = " ".join(rng.choice(people + short + ["the", "Idol", "(", "D."]) for _ in range(8))
        folded = fold(text)
        with_words = lexicon.people_named_in(text, folded, words(folded))
        lexicon._recent.clear()
        assert with_words == lexicon.people_named_in(text), text
        lexicon._recent.clear()


def test_listed_korean_works_are_the_ones_each_title_rule_finds() -> None:
    lexicon = default_lexicon()
    _, _, by_name = lexicon._korean_scan
    every = NameSet(by_name)
    names = list(by_name)
    rng = random.Random(11)
    for _ in range(400):
        parts = []
        for _ in range(rng.randint(1, 8)):
            name = rng.choice(names)
            parts.append(rng.choice([name, f"'{name}'", name.lower(), f"'{name}"]))
            parts.append(rng.choice([" ", ", ", "'", " and ", "\n"]))
        text = "".join(parts)
        expected: set[str] = set()
        for name in every.found(text):
            if has_hangul(name):
                if len(name) < 2:
                    continue
            elif len(name.split()) < 2 and f"'{name}'" not in text:
                continue
            expected.update(work.title for work in by_name[name])
        folded = fold(text)
        assert lexicon.korean_works_listed_in(text, folded, words(folded)) == expected, text
        assert lexicon.korean_works_listed_in(text) == expected, text
