"""Text helpers every stage shares: HTML to plain text, whitespace, quote marks, the comparison
forms of titles and running text, and the one Hangul range of the package.

Foundation: imports only the standard library. Must not touch the network, a database, the clock
or the environment, and must not know about films, people or entry kinds (``understand`` owns
those, with the curated lexicon).
"""

from __future__ import annotations

import html
import re
import unicodedata

# --------------------------------------------------------------------------------------------
# HTML and whitespace

_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|br|li|ul|ol|h[1-6]|div|tr|td|th|table|blockquote|section|article|hr|dd|dt)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u3000]+")


def strip_html(value: str | None) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, block elements turned
    into line breaks (so a list of titles stays one title per line), spaces collapsed."""
    if not value:
        return ""
    text = _SCRIPT.sub(" ", _COMMENT.sub(" ", value))
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    # twice: feeds double-escape (``&amp;#8217;``) more often than one would hope
    text = html.unescape(html.unescape(text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def one_line(value: str) -> str:
    """Collapse all whitespace, line breaks included, to single spaces."""
    return " ".join(value.split())


# --------------------------------------------------------------------------------------------
# Quotes and titles

#: every quote mark we have seen around titles, mapped to the plain ASCII one
_QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u300c": '"',
        "\u300d": '"',
        "\u300e": '"',
        "\u300f": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


def plain_quotes(value: str) -> str:
    """Curly quotes, guillemets and CJK corner brackets to ASCII; en/em dashes to hyphens."""
    return value.translate(_QUOTE_MAP)


_TITLE_JUNK = re.compile(r"[^\w]+", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def normalize_title(title: str) -> str:
    """A comparison form of a film title: case-folded, NFKC, quotes and punctuation removed,
    a leading "The"/"A" dropped, and *no spaces*, so spacing and hyphenation variants of
    romanised titles meet ("Kill Bok-soon" == "Kill Boksoon", "독전 2" == "독전2",
    "12.12: The Day" == "12.12 The Day"). Hangul is kept as is."""
    text = unicodedata.normalize("NFKC", plain_quotes(title)).casefold().strip()
    text = text.strip("'\" ")
    text = _LEADING_ARTICLE.sub("", text)
    text = text.replace("&", "and")
    return _TITLE_JUNK.sub("", text).replace("_", "")


def normalize_text(value: str) -> str:
    """Loose form of running text for near-duplicate detection: NFKC, case-folded, plain quotes,
    punctuation turned to spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", plain_quotes(value)).casefold()
    return one_line(_TITLE_JUNK.sub(" ", text))


# --------------------------------------------------------------------------------------------
# Hangul

#: the one Hangul range of the package, for character classes: syllables, jamo, compatibility jamo
HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
#: Hangul syllables alone (what a name or a word is written in)
HANGUL_SYLLABLES = "\uac00-\ud7a3"
_HANGUL = re.compile(f"[{HANGUL}]")


def has_hangul(value: str) -> bool:
    """Whether ``value`` has a Hangul character."""
    return bool(_HANGUL.search(value))


def hangul_count(value: str) -> int:
    """How many Hangul characters ``value`` has."""
    return len(_HANGUL.findall(value))


def hangul_ratio(value: str) -> float:
    """Share of Hangul among the letters of ``value`` (0 when it has none)."""
    letters = [ch for ch in value if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _HANGUL.match(ch)) / len(letters)
