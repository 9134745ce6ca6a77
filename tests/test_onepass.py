"""The one-pass name scanners of the lexicon find exactly what checking the names one by one
(or the alternations they replace) found: on the lexicon's own names and aliases in every
spelling the matcher allows (hyphen, space or nothing between parts; capitals, lower case),
next to each other, inside longer names, in the labelled texts."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest

from tracker.evaluate import entry_from_line, read_jsonl
from tracker.text import has_hangul, normalize_title
from tracker.understand.document import Document
from tracker.understand.lexicon import Lexicon, Person, Work, default_lexicon
from tracker.understand.names import mentions_name, name_key
from tracker.understand.scan.onepass import LiteralSet, NameSet, TitleSet

DATA = Path(__file__).parent / "data"


# --------------------------------------------------------------------------------------------
# What the scanners replace, written the slow way


def people_by_alternation(lexicon: Lexicon, text: str) -> list[Person]:
    """``Lexicon.people_named_in`` as it was: one alternation per case rule, longest first,
    and a substring test per Hangul name."""
    if id(lexicon) not in _ALTERNATIONS:
        _ALTERNATIONS[id(lexicon)] = _alternations(lexicon)
    patterns, owners = _ALTERNATIONS[id(lexicon)]
    hits: set[int] = set()
    for pattern in patterns:
        for m in pattern.finditer(text):
            hits.update(owners.get(name_key(m.group(0)), ()))
    for index, person in enumerate(lexicon.people):
        if person.hangul and len(person.hangul) >= 2 and person.hangul in text:
            hits.add(index)
    return [lexicon.people[i] for i in sorted(hits)]


_ALTERNATIONS: dict[int, tuple[list[re.Pattern[str]], dict[str, list[int]]]] = {}


def _alternations(lexicon: Lexicon) -> tuple[list[re.Pattern[str]], dict[str, list[int]]]:
    exact: list[str] = []
    folded: list[str] = []
    owners: dict[str, list[int]] = {}

    def body(name: str) -> str:
        parts = [re.escape(p) for p in re.split(r"[\s-]+", name.strip()) if p]
        return r"[\s\-]?".join(parts)

    for index, person in enumerate(lexicon.people):
        for name in (person.name, *person.aliases):
            if not name or has_hangul(name):
                continue
            if len(name) <= 4:
                exact.append(body(name))
            elif name.isupper():
                # credited in capitals: in any case but lower case
                folded.append(rf"(?!(?-i:{body(name.lower())})(?![\w])){body(name)}")
            else:
                folded.append(body(name))
            owners.setdefault(name_key(name), []).append(index)
    patterns = []
    for bodies, flags in ((exact, 0), (folded, re.IGNORECASE)):
        joined = "|".join(sorted(set(bodies), key=lambda b: (-len(b), b)))
        patterns.append(re.compile(rf"(?<![\w])(?:{joined})(?![\w])", flags))
    return patterns, owners


def titles_by_alternation(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    multi: set[str] = set()
    single: set[str] = set()
    for work in lexicon.works:
        for name in (work.title, *work.aliases):
            if not name or has_hangul(name) or len(normalize_title(name)) < 2:
                continue
            many = len(name.split()) >= 2 or any(ch.isdigit() for ch in name)
            (multi if many else single).add(re.escape(name))

    def alternation(names: set[str]) -> str:
        return "|".join(sorted(names, key=len, reverse=True)) or "(?!)"

    return (
        re.compile(rf"(?<![\w'’])(?:{alternation(multi)})(?![\w'’])"),
        re.compile(rf"(?<![\w'’])(?P<name>{alternation(single)})(?![\w'’])"),
    )


def korean_listed_one_by_one(lexicon: Lexicon, text: str) -> set[str]:
    return {
        w.title
        for w in lexicon.works
        if w.korean
        and any(
            (has_hangul(n) and len(n) >= 2 and n in text)
            or (
                not has_hangul(n)
                and (len(n.split()) >= 2 or f"'{n}'" in text)
                and mentions_name(text, n)
            )
            for n in (w.title, w.hangul or "")
            if n
        )
    }


def korean_titles_one_by_one(lexicon: Lexicon, text: str) -> set[str]:
    return {
        w.title
        for w in lexicon.works
        if w.korean and re.search(rf"(?<![\w'’]){re.escape(w.title)}(?![\w'’])", text)
    }


def music_one_by_one(lexicon: Lexicon, text: str) -> list[Person]:
    return [
        p
        for p in lexicon.people
        if p.role == "music" and (mentions_name(text, p.name) or (p.hangul and p.hangul in text))
    ]


def hangul_titles_one_by_one(lexicon: Lexicon, text: str) -> set[str]:
    return {
        name
        for work in lexicon.works
        for name in (work.hangul or "", *work.aliases)
        if len(name) >= 3 and has_hangul(name) and name in text
    }


# --------------------------------------------------------------------------------------------
# Texts


def _spellings(name: str, rng: random.Random) -> list[str]:
    """A name as texts write it: as is, without hyphens, hyphens as spaces, run together,
    in capitals, in lower case, with a capital after the hyphen."""
    parts = [p for p in re.split(r"[\s-]+", name) if p]
    out = {name, " ".join(parts), "".join(parts), name.upper(), name.lower(), name.title()}
    out.add("".join(p + rng.choice(["", " ", "-", "\n"]) for p in parts).strip())
    return sorted(out)


@cache
def _synthetic() -> tuple[str, ...]:
    """The lexicon's names and titles in every spelling, alone, in sentences, side by side
    and glued to letters (which must not count)."""
    lexicon = default_lexicon()
    rng = random.Random(7)
    names = [n for p in lexicon.people for n in (p.name, *p.aliases, p.hangul or "") if n]
    names += [n for w in lexicon.works for n in (w.title, *w.aliases, w.hangul or "") if n]
    texts: list[str] = []
    for name in names:
        spellings = _spellings(name, rng)
        for spelling in rng.sample(spellings, min(2, len(spellings))):
            texts.append(
                rng.choice(
                    [
                        spelling,
                        f"({spelling}), with {rng.choice(names)} and {rng.choice(names)}.",
                        f"x{spelling} {spelling}y '{spelling}'s'",
                    ]
                )
            )
    for _ in range(300):
        picked = rng.sample(names, 4)
        glue = [rng.choice([" ", "", "-", ", ", "'s ", "\n", " and "]) for _ in picked]
        texts.append("".join(n + g for n, g in zip(picked, glue, strict=True)))
    return tuple(texts)


@cache
def _labelled() -> tuple[str, ...]:
    out: list[str] = []
    for path in sorted(DATA.glob("*/items.jsonl")):
        for number, line in enumerate(read_jsonl(path)):
            doc = Document.of(entry_from_line(line))
            out += [doc.title, doc.title.upper()]
            if number % 2 == 0:
                out += [doc.all_text if number % 4 == 0 else doc.all_text.lower()]
    return tuple(out)


def _texts() -> tuple[str, ...]:
    return _synthetic() + _labelled()


# --------------------------------------------------------------------------------------------
# Tests


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def test_people_are_those_the_alternations_found(lexicon: Lexicon) -> None:
    for text in _texts():
        assert lexicon.people_named_in(text) == people_by_alternation(lexicon, text), text


def test_a_longer_name_shadows_the_names_inside_it(lexicon: Lexicon) -> None:
    names = {p.name for p in lexicon.people_named_in("Song Kang-ho and Jeon Jong Seo")}
    assert "Song Kang-ho" in names and "Jeon Jong-seo" in names
    assert "Song Kang" not in names
    found = NameSet(["Song Kang", "Song Kang-ho"]).found("Song Kang-ho")
    assert found == {"Song Kang", "Song Kang-ho"}  # one by one, both are mentioned


def test_title_patterns_find_what_the_alternations_found(lexicon: Lexicon) -> None:
    old_multi, old_single = titles_by_alternation(lexicon)
    multi, single = lexicon.title_patterns
    for text in _texts():
        assert [m.span() for m in multi.finditer(text)] == [
            m.span() for m in old_multi.finditer(text)
        ], text
        assert [(m.span("name"), m.group("name")) for m in single.finditer(text)] == [
            (m.span("name"), m.group("name")) for m in old_single.finditer(text)
        ], text


def test_korean_works_and_music_are_those_found_one_by_one(lexicon: Lexicon) -> None:
    for text in _texts()[::9]:
        assert lexicon.korean_works_listed_in(text) == korean_listed_one_by_one(lexicon, text)
        assert lexicon.korean_titles_in(text) == korean_titles_one_by_one(lexicon, text)
        assert lexicon.music_named_in(text) == music_one_by_one(lexicon, text)
        assert lexicon.hangul_titles_in(text) == hangul_titles_one_by_one(lexicon, text)


def test_name_set_checks_each_name_on_its_own() -> None:
    names = ["Kim Tae-ri", "Kim Tae", "IU", "D.O.", "(G)I-DLE", "E.oni", "Ha Jung-woo", "봉준호"]
    scan = NameSet(names)
    rng = random.Random(3)
    for _ in range(2000):
        pieces = [
            rng.choice(
                [*names, "kimtaeri", "KIM TAE RI", "iu", "IUs", "xD.O.", " ", "-", "(", "봉준호의"]
            )
            for _ in range(4)
        ]
        text = "".join(pieces)
        assert scan.found(text) == {n for n in names if mentions_name(text, n)}, text


def test_literal_and_title_sets_find_overlapping_names() -> None:
    literals = LiteralSet(["범죄도시", "범죄도시 2", "도시", "괴물"])
    assert literals.found("범죄도시 2와 괴물") == {"범죄도시", "범죄도시 2", "도시", "괴물"}
    titles = TitleSet(["Parasite", "Parasite: Black", "Black Sea"])
    assert titles.found("Parasite: Black Sea") == {"Parasite", "Parasite: Black", "Black Sea"}
    assert titles.found("Parasites") == set()


def test_scanners_work_on_a_lexicon_of_its_own() -> None:
    lexicon = Lexicon.build(
        [Work("Exhuma", 2024, True, hangul="파묘")],
        [Person("Choi Min-sik", hangul="최민식"), Person("IVE", role="music")],
    )
    text = "CHOI MINSIK in 파묘 with IVE"
    assert [p.name for p in lexicon.people_named_in(text)] == ["Choi Min-sik", "IVE"]
    assert lexicon.korean_works_listed_in("'Exhuma' and 파묘") == {"Exhuma"}
    assert [p.name for p in lexicon.music_named_in(text)] == ["IVE"]
    assert Lexicon.build([], []).people_named_in(text) == []
