"""The marks the rating, platform and date extractors look for before their patterns: each
one a pattern cannot match without, so that refusing on it changes no answer."""

from __future__ import annotations

import random
import re

import pytest

from tracker.understand.dates import _month_words
from tracker.understand.platform import _MARKS, _PLATFORMS, _sentence_spans
from tracker.understand.rating import _gate_on_views
from tracker.understand.scan.prefilter import Pattern, fold, words
from tracker.understand.vocabulary import MONTH


def test_the_sentences_split_as_the_lookbehind_pattern_does() -> None:
    old = re.compile(r"(?<=[.!?])\s+|\n")
    rng = random.Random(7)
    for _ in range(3000):
        body = "".join(rng.choice("ab .!?\n\t\u3000") for _ in range(rng.randrange(30)))
        spans, start = [], 0
        for m in old.finditer(body):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, len(body)))
        assert _sentence_spans(body) == spans, repr(body)


def test_month_words_are_every_word_month_matches() -> None:
    found = _month_words()
    assert found is not None
    assert len(found) == 25
    assert all(re.fullmatch(MONTH, w, re.IGNORECASE) for w in found)


_FRAGMENTS = (
    "Netflix", "NETFLIX", "Disney", "Disney+", "Disney Plus", "Prime Video", "Amazon Prime",
    "Apple TV+", "Apple TV Plus", "TVING", "Tving", "Coupang Play", "Wavve", "Watcha", "MUBI",
    "Mubi", "Shudder", "Hulu", "HBO Max", "on Max", "Max original", "Max's", "넷플릭스",
    "디즈니+", "디즈니 플러스", "프라임 비디오", "애플TV+", "티빙", "쿠팡플레이", "웨이브",
    "왓챠", "훌루", " ", "\n", "x", "-", "'s", "에서", "+", ".",
)  # fmt: skip


@pytest.mark.parametrize(("name", "pattern"), _PLATFORMS)
def test_a_service_named_leaves_one_of_its_marks(name: str, pattern: Pattern) -> None:
    word_marks, hangul_marks = _MARKS[name]
    rng = random.Random(name)
    for _ in range(2000):
        text = "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randrange(1, 6)))
        if pattern.search(text):
            folded = fold(text)
            # a Latin name against Hangul or kana is no word of its own ("에서netflix"): a
            # text that is not ASCII is also searched for the marks as strings
            assert (
                not word_marks.isdisjoint(words(folded))
                or any(h in folded for h in hangul_marks)
                or (not folded.isascii() and any(w in folded for w in word_marks))
            ), text


def test_rating_forms_are_looked_for_in_the_normalised_text() -> None:
    assert _gate_on_views()
