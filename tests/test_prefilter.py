"""tracker.understand.scan.prefilter: a ``Pattern`` answers exactly as ``re`` does, match for match,
while skipping texts without its needles and trying only where its finder says a match can
start. Checked on every pattern of the classifier over the labelled texts (also in capitals
and in lower case), and on hand-made patterns and texts aimed at the folding's corners."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest

import tracker.understand as package
from tracker.evaluate import entry_from_line, read_jsonl
from tracker.understand.document import Document
from tracker.understand.scan.prefilter import Pattern, fold, words

DATA = Path(__file__).parent / "data"


def _patterns() -> list[tuple[str, Pattern]]:
    """Every ``Pattern`` the classifier's modules hold, at top level or in a table."""
    import importlib
    import pkgutil

    found: dict[int, tuple[str, Pattern]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            items = value if isinstance(value, (tuple, list)) else [value]
            for index, item in enumerate(items):
                for part in item if isinstance(item, tuple) else [item]:
                    if isinstance(part, Pattern):
                        found[id(part)] = (f"{info.name}.{name}[{index}]", part)
    return sorted(found.values(), key=lambda pair: pair[0])


@cache
def _texts() -> tuple[str, ...]:
    """Headlines, bodies and raw texts of the labelled sets, as written, in capitals and in
    lower case, and some corners: the letters ``re`` folds unlike ``str.lower``."""
    out: list[str] = []
    for path in sorted(DATA.glob("*/items.jsonl")):
        for number, line in enumerate(read_jsonl(path)[:30]):
            doc = Document.of(entry_from_line(line))
            out += [doc.title, doc.title.upper(), doc.title.lower(), *doc.categories]
            if number % 4 == 0:  # the long texts of every fourth entry: enough of every form
                out += [doc.body[:800], doc.body[:800].upper(), *doc.raw]
    out += [
        "",
        "ſtars: ★★★ and KOREAN ſeries",
        "İnterview: the Korean fİlm, 3 out of 5 ſtars",
        "\u212aorean film (Kelvin sign)",
        "dotless ı: Kıll Boksoon revıew",
        "Grade: B+\nRating: 4/5\n평점 8점",
        "(LEAD) 'Squid Game' season 2 sets Dec. 26 release on Netflix",
    ]
    return tuple(dict.fromkeys(out))


def _same(expected: re.Match[str] | None, got: re.Match[str] | None) -> bool:
    if expected is None or got is None:
        return expected is got
    return expected.span() == got.span() and expected.groups() == got.groups()


@pytest.mark.parametrize(
    ("name", "pattern"), _patterns(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_pattern_answers_as_re_does(name: str, pattern: Pattern) -> None:
    original = re.compile(pattern.source, pattern.flags)
    for text in _texts():
        folded = fold(text)
        for given, known in ((None, None), (folded, None), (folded, words(folded))):
            assert _same(original.search(text), pattern.search(text, given, known)), (name, text)
            expected = [(m.span(), m.groups()) for m in original.finditer(text)]
            got = [(m.span(), m.groups()) for m in pattern.finditer(text, given, known)]
            assert expected == got, (name, text)
            assert original.findall(text) == pattern.findall(text, given, known), (name, text)
        assert _same(original.match(text), pattern.match(text)), (name, text)
        if original.search(text):
            assert pattern.possible(text, folded), (name, text)
            assert pattern.possible(text, folded, words(folded)), (name, text)


def test_fold_keeps_every_position() -> None:
    text = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert len(fold(text)) == len(text)
    assert fold("İı ſ \u212a Straße") == "ii s k straße"


#: hand-made patterns for the corners of the derivations: ignoring case in part, classes,
#: negations, anchors, optional starts, lookbehinds, repeats
HANDMADE = [
    (r"\bstars?\b|★", re.IGNORECASE),
    (r"(?i:korean)\s+(?-i:Film)", 0),
    (r"\bK-(?:drama|pop)\b|한국\s?영화", re.IGNORECASE),
    (r"[A-F][+-]?(?![\w+])", 0),
    (r"[^a-z]review", 0),
    (r"[^a-z]review", re.IGNORECASE),
    (r"(?:the\s+)?best\s+(?:films|dramas)", re.IGNORECASE),
    (r"^\s*Photos?\s*:", re.IGNORECASE),
    (r"(?<![\d/.])(\d{1,2}(?:\.\d)?|\d?½)\s*(?:/|out of)\s*(10|5|4)\b", re.IGNORECASE),
    (r"(?:is|are)?\s*coming (?:to|on)\b", re.IGNORECASE),
    (r"\bſtar|\bKİM\b", re.IGNORECASE),
    (r"(?P<q>['\"])(?P<t>[^'\"]{1,20})(?P=q)", 0),
    (r"x*", 0),
    (r"(?=abc)a", 0),
    (r"\b(?:star|k-pop)\b|\bsta(?:r|rs)\b", re.IGNORECASE),
    (r"(?<![\w])Kim(?![\w])|(?<!\w)kİm\b", re.IGNORECASE),
    (r"\bReview\s+(?:star|STARS)\b", 0),
    (r"\s+stars?\s*$", re.IGNORECASE | re.MULTILINE),
    (r"(?:^|\s)(?:10|5)점\s*$|\bK-drama\b", re.MULTILINE),
    # long alternations, searched alternative by alternative (``branches``): anchors,
    # lookbehinds, groups, ties at one place, an alternative that matches the empty string
    (
        r"^\s*Photos?\s*:|\bstars?\b|(?:is|are)?\s*coming (?:to|on)\b|★\s?(\d)|"
        r"(?i:korean)\s+(?-i:Film)|\bsta(?:r|rs)\b|(?P<abc>'abc')|[^a-z]review",
        re.IGNORECASE,
    ),
    (r"[^a-z]review|(?<=\s)kim\b|\bK-(?:drama|pop)\b|한국\s?영화|A-|x*|star", 0),
    (r"\bstar\b|\bstars\b|\bst|ar|s(t)a|\b(?:k-pop|k-drama)\b|[+-]$", re.MULTILINE),
    (r"(?P<q>['\"])x(?P=q)|\bstar|\bkim|\breview|\bfilm", 0),  # a group referred to: whole
]
ALPHABET = [*"aAbBcCkKsSiIrRxX -'\"/.½★0123456789", "İ", "ı", "ſ", "\u212a", "한", "국", "\n"]
WORDS = [
    "star",
    "stars",
    "KOREAN",
    "Film",
    "k-pop",
    "K-DRAMA",
    "한국 영화",
    "review",
    "Review",
    "the best films",
    "Photos:",
    "4/5",
    "3 out of 10",
    "is coming to",
    "coming on",
    "ſtar",
    "kİm",
    "'abc'",
    '"x"',
    "B+",
    "A-",
    "Best  Dramas",
]


@pytest.mark.parametrize(("source", "flags"), HANDMADE)
def test_handmade_patterns_answer_as_re_does(source: str, flags: int) -> None:
    rng = random.Random(f"{source}{flags}")
    original, pattern = re.compile(source, flags), Pattern(source, flags)
    for _ in range(400):
        pieces = [
            rng.choice(WORDS) if rng.random() < 0.4 else rng.choice(ALPHABET)
            for _ in range(rng.randint(0, 14))
        ]
        text = "".join(pieces)
        assert _same(original.search(text), pattern.search(text)), (source, text)
        assert [m.span() for m in original.finditer(text)] == [
            m.span() for m in pattern.finditer(text, fold(text))
        ], (source, text)
        if original.search(text):
            assert pattern.possible(text, fold(text)), (source, text)
            assert pattern.possible(text, fold(text), words(fold(text))), (source, text)


def test_a_long_alternation_is_cut_where_re_cuts_it() -> None:
    from tracker.understand.scan.branches import alternatives, top_level_parts
    from tracker.understand.scan.retree import parse

    assert top_level_parts(r"a|(b|c)|[|\]]|\||d") == ["a", "(b|c)", r"[|\]]", r"\|", "d"]
    assert top_level_parts(r"[]|]|[^]|]|x") == ["[]|]", "[^]|]", "x"]
    assert top_level_parts("a|(b") is None
    assert top_level_parts(r"a|b\\") == ["a", r"b\\"]  # an escaped backslash
    assert top_level_parts("a|b\\") is None  # a trailing one

    def cut(source: str, flags: int = 0) -> list[str] | None:
        return alternatives(source, flags, parse(source, flags))

    assert cut(r"\bone\b|two|3 three|[四]") == [r"\bone\b", "two", "3 three", "[四]"]
    assert cut("one|two|three") is None  # too few to pay
    assert cut(r"(a)x|b|c|d\1") is None  # a group referred to by number
    assert cut(r"(?i)one|two|three|four") is None  # global flags bind the whole
    assert cut("one|two|three|four", re.VERBOSE) is None
    assert cut("ab|ac|ad|ae") is None  # re took out the common start: one alternation less


def test_needles_and_finders_are_read_off_the_pattern() -> None:
    words = Pattern(r"\bNetflix\b|넷플릭스", re.IGNORECASE)
    assert set(words.needles or ()) == {"netflix", "넷플릭스"}
    assert set(Pattern(r"\bNetflix\b|넷플릭스").needles or ()) == {"Netflix", "넷플릭스"}
    assert words.finder is not None and words.finder.search("on netflix")
    assert Pattern(r"^\s*(?:LEAD)").finder is None  # anchored: re tries one place anyway
    assert Pattern(r"\w+ review").finder is None  # a start this common filters nothing
    assert Pattern(r"x*").needles is None  # it matches the empty string anywhere
    assert not Pattern(r"\bKorean film\b", re.IGNORECASE).possible("A Japanese film")
