"""The foundation's text helpers: the fast forms give exactly what the plain ones gave."""

from __future__ import annotations

import html
import random
import re
import unicodedata

from tracker.text import _QUOTES, normalize_text, one_line, plain_quotes, strip_html

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u3000]+")


def _strip_html_reference(value: str | None) -> str:
    """``strip_html`` as it was written first: every step on every text."""
    if not value:
        return ""
    text = re.sub(
        r"<(script|style)\b.*?</\1\s*>",
        " ",
        re.sub(r"<!--.*?-->", " ", value, flags=re.S),
        flags=re.I | re.S,
    )
    text = re.sub(
        r"<\s*/?\s*(?:p|br|li|ul|ol|h[1-6]|div|tr|td|th|table|blockquote|section|article|hr|dd|dt)"
        r"\b[^>]*>",
        "\n",
        text,
        flags=re.I,
    )
    text = re.sub(r"<[^>]*>", " ", text)
    text = html.unescape(html.unescape(text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _plain_quotes_by_translate(value: str) -> str:
    return value.translate(str.maketrans(_QUOTES))


def _normalize_text_by_sub(value: str) -> str:
    text = unicodedata.normalize("NFKC", _plain_quotes_by_translate(value)).casefold()
    return one_line(re.sub(r"[^\w]+", " ", text))


def test_plain_quotes_and_normalize_text_match_their_plain_forms() -> None:
    rng = random.Random(7)
    alphabet = [*_QUOTES, *"ab Z_-'\"\t\n.,:가나ﬁ①ß", "\u00a0", "\u3000", "Ⅻ"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert plain_quotes(text) == _plain_quotes_by_translate(text), text
        assert normalize_text(text) == _normalize_text_by_sub(text), text
    assert plain_quotes("‘Exhuma’ — “파묘”") == "'Exhuma' - \"파묘\""
    assert normalize_text("‘Kill Bok-soon’ review:  Jeon Do-yeon!") == (
        "kill bok soon review jeon do yeon"
    )


def test_strip_html_does_only_the_steps_a_text_needs_with_the_same_answer() -> None:
    rng = random.Random(11)
    pieces = [
        "a", "Film", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2009", "\u200b",
        "\u1680", "\u202f", "\x1f", "\x85", "\u2028", "<p>", "</p>", "<br/>", "<b>", "<!-- x -->",
        "<script>bad()</script>", "&amp;", "&amp;#8217;", "&nbsp;", "&lt;", "파묘", "’",
    ]  # fmt: skip
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert strip_html(text) == _strip_html_reference(text), repr(text)
    assert strip_html(None) == "" == strip_html("")
