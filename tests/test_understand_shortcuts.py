"""The classifier's shortcuts give the answers of what they stand for: the document's
strip_html, plain_quotes and Hangul share against tracker.text's, the rating-in-words check
against the rating form, on the labelled texts and on generated ones aimed at their corners
(markup, entities, every kind of space, curly quotes, Hangul)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tracker.evaluate import read_jsonl
from tracker.text import hangul_ratio, plain_quotes
from tracker.understand import document
from tracker.understand.rating import _RATING_PATTERNS, _stars_in_words
from tracker.understand.scan.prefilter import fold

DATA = Path(__file__).parent / "data"

PIECES = [
    "<p>",
    "</p>",
    "<br/>",
    "<b>",
    "</b>",
    "<!-- c -->",
    "<script>x</script>",
    "<STYLE>y</style>",
    "&amp;",
    "&amp;#8217;",
    "&lt;",
    "&nbsp;",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "\u2003",
    "\u200b",
    "\u3000",
    "\x1f",
    "\u1680",
    "\u202f",
    "\u205f",
    "\x0b",
    "\x0c",
    "\x85",
    "\u2028",
    "‘",
    "’",
    "“",
    "”",
    "«",
    "»",
    "「",
    "」",
    "–",
    "—",
    "−",
    "`",
    "´",
    "′",
    "Parasite",
    "기생충",
    "review",
    "three",
    "stars",
    ".",
    "x",
]


def _generated(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def _labelled() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("*/items.jsonl")):
        for line in read_jsonl(path):
            out += [str(line.get(k) or "") for k in ("title", "summary", "content")]
    return out


@pytest.mark.parametrize("texts", [_labelled(), _generated(1, 4000)], ids=["labelled", "made"])
def test_plain_quotes_and_hangul_share_are_text_s(texts: list[str]) -> None:
    # (the classifier strips HTML with ``text.strip_html`` itself: tests/test_text.py holds it)
    for text in texts:
        assert document._plain_quotes(text) == plain_quotes(text), repr(text)
        assert document.hangul_share(text) == hangul_ratio(text), repr(text)


def test_a_rating_in_words_is_never_skipped() -> None:
    form = next(p for p, how in _RATING_PATTERNS if how == "words").compiled
    rng = random.Random(5)
    pieces = [
        "three",
        "Two and a half",
        "seven-and-a-half",
        "half a",
        "A HALF",
        " ",
        "  ",
        "\n",
        "stars",
        "Star",
        "STARS.",
        "star.",
        "Rating: ",
        "Stars：",
        "x",
        ".",
        "!",
        "\t",
        "ſtars",
        "\u2003",
        "3",
    ]
    stated = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        if form.search(text):
            stated += 1
            assert _stars_in_words(fold(text)), repr(text)
    assert stated > 100
