"""Understanding an entry compiles no regular expression: a pattern built around an entry's
own title costs more than all the rest of its understanding (``re`` compiles in Python), so
the places that once built one read the title with string searches around a fixed pattern.
Each is checked against the pattern it replaced, on texts made to reach its corners."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from tracker.evaluate import entry_from_line, read_jsonl
from tracker.understand import film, linktitle, subjects
from tracker.understand.classify import classify
from tracker.understand.headline import CREDIT_AFTER

DATA = Path(__file__).parent / "data"


def _entries() -> list[tuple[object, datetime]]:
    out = []
    for path in sorted(DATA.glob("*/items.jsonl")):
        for line in read_jsonl(path):
            out.append((entry_from_line(line), datetime.fromisoformat(str(line["published"]))))
    return out


def test_classifying_new_titles_compiles_no_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = _entries()
    # the same texts, every quoted phrase new: a pattern built per title would compile then
    renamed = re.compile(r"(['\"‘“《〈『「])([^'\"’”》〉』」\n]{1,40})(['\"’”》〉』」])")
    for entry, published in entries:  # every pattern the rules hold, compiled once
        classify(entry, published=published)  # type: ignore[arg-type]
    compiled: list[str] = []
    original = re._compiler.compile  # type: ignore[attr-defined]

    def counting(p: object, flags: int = 0) -> object:
        compiled.append(str(getattr(p, "pattern", p))[:80])
        return original(p, flags)

    monkeypatch.setattr(re._compiler, "compile", counting)  # type: ignore[attr-defined]
    for suffix in ("Zq", "Wv"):
        # (the first pass may compile what is compiled once: a pattern ``re``'s cache had
        # dropped, a curated title's own pattern the first time it is found; the second, whose
        # titles are new again, compiles only what is built per entry)
        compiled.clear()
        for entry, published in entries:
            fresh = replace(
                entry,  # type: ignore[type-var]
                title=renamed.sub(rf"\1\2 {suffix}\3", entry.title),  # type: ignore[attr-defined]
                summary=renamed.sub(rf"\1\2 {suffix}\3", entry.summary),  # type: ignore[attr-defined]
            )
            classify(fresh, published=published)
    assert compiled == []


def _texts(rng: random.Random, pieces: list[str], count: int = 600) -> list[str]:
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_quoted_from_reads_as_the_pattern_it_replaced() -> None:
    rng = random.Random(1)
    pieces = ["'A'", "'B'", "'A B'", " from ", " off ", " in ", " the ", "x ", "y-z ", " ", "'"]
    pieces += ["from", "A", "B", "  ", "\t"]
    for text in _texts(rng, pieces):
        for part, work in (("A", "B"), ("A B", "A"), ("B", "A B")):
            old = re.search(
                rf"'{re.escape(part)}'\s+(?:from|off|in)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
                rf"'{re.escape(work)}'",
                text,
            )
            assert film._quoted_from(text, part, work) == (old is not None), (text, part, work)


def test_credited_reads_as_the_pattern_it_replaced() -> None:
    rng = random.Random(2)
    pieces = ["'X'", '"X"', "'X\"", "X", "'", '"', " star", " stars", " starring", " director"]
    pieces += ["  actor", "'X Y'", " ", "X'"]
    for text in _texts(rng, pieces):
        for quote in ("X", "X Y", "Y"):
            old = re.search(rf"['\"]{re.escape(quote)}['\"]{CREDIT_AFTER.source}", text)
            assert film._credited(text, quote) == (old is not None), (text, quote)


def test_a_work_quoted_after_its_kind_reads_as_the_pattern_it_replaced() -> None:
    rng = random.Random(3)
    pieces = [
        "영화",
        "드라마",
        "신작",
        "오리지널",
        " ",
        "  ",
        "'",
        "'바다'",
        "바다'",
        "'바다의 끝'",
    ]
    pieces += ["작품 '", "시리즈'", "예능"]
    kind_before = r"(?:영화|드라마|시리즈|작품|예능|오리지널|신작)\s*'"
    for text in _texts(rng, pieces):
        for form in ("바다", "바다의 끝"):
            old = re.search(kind_before + re.escape(form) + "'", text)
            new = any(text.startswith(f"{form}'", m.end()) for m in film._KIND_QUOTE.finditer(text))
            assert new == (old is not None), (text, form)


def test_named_alone_reads_as_the_pattern_it_replaced() -> None:
    rng = random.Random(4)
    pieces = ["Haneke", "Michael ", "Michael Haneke", " says", "Hanekes", "-", "_", " ", "x"]
    pieces += ["Park Chan-wook", "Chan-wook", "Park ", "é"]
    for text in _texts(rng, pieces):
        for name in ("Michael Haneke", "Park Chan-wook", "Bong Joon Ho"):
            parts = name.split()
            old = re.search(rf"(?<!{re.escape(parts[-2])} )\b{re.escape(parts[-1])}\b", text)
            assert linktitle.named_alone(name, text) == (old is not None), (text, name)


def test_named_as_a_show_reads_as_the_pattern_it_replaced() -> None:
    rng = random.Random(5)
    pieces = ["MBC's ", "mbc’s ", "KBS2's ", "the variety show ", "drama ", "dramas ", "show"]
    pieces += ["Hangout With Yoo", "hangout with yoo", "HANGOUT WITH YOO", "Hangout With Yoos"]
    pieces += [" ", "  ", "\u212aBS's ", "programme ", "x", "Running Man", "ſhow "]
    before = (
        r"(?:\b(?:KBS2?|MBC|SBS|tvN|JTBC|ENA|OCN|MBN|Mnet|Netflix|TVING|Tving|Disney\+|Wavve|"
        r"Coupang Play|Channel A|TV Chosun)['’]s|\b(?:show|series|drama|programme|program|"
        r"variety))\s+"
    )
    for text in _texts(rng, pieces):
        for name in ("Hangout With Yoo", "Running Man", "Yoo"):
            if name not in text:
                continue
            old = re.search(before + rf"{re.escape(name)}\b", text, re.IGNORECASE)
            assert subjects.named_as_a_show(name, text) == (old is not None), (text, name)
