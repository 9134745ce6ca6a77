"""Text helpers every stage shares: HTML to plain text, whitespace, quote marks, the comparison
forms of titles and running text, the one Hangul range of the package, how wide a text is on a
terminal (``display_width``), and the footers feeds append to a text (``drop_feed_boilerplate``).

Foundation: imports only the standard library, and wcwidth (the Unicode width tables) only when a
width is asked for: a poll never measures one, and the tables cost 30 ms to import. Must not
touch the network, a database, the clock or the environment, and must not know about films,
people or entry kinds (``understand`` owns those, with the curated lexicon).
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
#: what makes a text need more than ``strip``: markup, entities, line breaks, odd spaces, or
#: two spaces in a row
_NOT_PLAIN = re.compile(
    "[<&\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u00a0\u2000-\u200b\u3000]|  "
)
#: the characters ``str.split`` and ``_SPACES`` disagree about
_ODD_SPACES = re.compile("[\x1f\u1680\u202f\u205f\u200b]")


def strip_html(value: str | None) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, block elements turned
    into line breaks (so a list of titles stays one title per line), spaces collapsed.

    Only the steps a text needs run (no tag step without "<", no entity step without "&", a
    line's spaces collapsed by ``str.split``, in C, unless it has a space the two see
    differently): it runs several times for every entry a poll stores."""
    if not value:
        return ""
    if _NOT_PLAIN.search(value) is None:
        return value.strip()
    text = value
    if "<" in text:
        text = _SCRIPT.sub(" ", _COMMENT.sub(" ", text))
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub(" ", text)
    if "&" in text:
        # twice: feeds double-escape (``&amp;#8217;``) more often than one would hope
        text = html.unescape(html.unescape(text))
    if _ODD_SPACES.search(text) is None:
        lines = [" ".join(line.split()) for line in text.splitlines()]
    else:
        lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join([line for line in lines if line])


def one_line(value: str) -> str:
    """Collapse all whitespace, line breaks included, to single spaces."""
    return " ".join(value.split())


# --------------------------------------------------------------------------------------------
# Quotes and titles

#: every quote mark we have seen around titles, mapped to the plain ASCII one
_QUOTES = {
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
# a scan for the few marks, not str.translate: translate looks every character up in a dict,
# which was most of the cost of preparing a text
_QUOTE_MARK = re.compile("[" + "".join(_QUOTES) + "]")


def plain_quotes(value: str) -> str:
    """Curly quotes, guillemets and CJK corner brackets to ASCII; en/em dashes to hyphens."""
    return _QUOTE_MARK.sub(lambda mark: _QUOTES[mark.group()], value)


_TITLE_JUNK = re.compile(r"[^\w]+", re.UNICODE)
_WORDS = re.compile(r"\w+", re.UNICODE)
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
    # the runs of word characters, space-separated: what replacing every other run by a space
    # and collapsing the spaces gives, in one scan
    return " ".join(_WORDS.findall(text))


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


# --------------------------------------------------------------------------------------------
# Display width

#: the characters wcwidth measures as -1 (C0 and C1 controls, DEL): a terminal prints nothing
_CONTROL = re.compile("[\x01-\x1f\x7f-\x9f]")
_ZWJ = "\u200d"


def _regional(char: str) -> bool:
    # two regional indicators make one flag, one glyph two columns wide
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: East Asian wide and fullwidth characters
    (Hangul, CJK, most emoji) count 2, combining marks and other zero-width characters 0,
    control characters 0 (they print nothing); never negative."""
    if text.isascii() and text.isprintable():
        return len(text)  # most words of a digest: no table to look up
    from wcwidth import wcswidth

    width = wcswidth(text)
    if width < 0:
        # wcswidth answers -1 for the whole text when one character is a control character
        width = wcswidth(_CONTROL.sub("", text))
    return max(width, 0)


def wide_pieces(word: str) -> list[str]:
    """``word`` cut where a line may break inside it: only between two wide characters (each
    with the zero-width marks, joiners and flag halves that belong to it), so Chinese or
    Japanese without spaces and a long Hangul word can wrap, while an ASCII word or a URL stays
    whole. The pieces joined give ``word`` back."""
    if word.isascii() or "://" in word:
        return [word]  # a link with a Hangul path is still one link
    from wcwidth import wcwidth

    pieces: list[str] = []
    start = 0
    previous_wide = False
    index, end = 0, len(word)
    while index < end:
        char = word[index]
        wide = wcwidth(char) == 2
        after = index + 1
        if _regional(char) and after < end and _regional(word[after]):
            after += 1
        # what belongs to this character: combining marks, variation selectors, and whatever
        # a zero-width joiner ties on (the parts of one emoji)
        while after < end and (wcwidth(word[after]) == 0 or word[after - 1] == _ZWJ):
            after += 1
        if wide and previous_wide:
            pieces.append(word[start:index])
            start = index
        previous_wide = wide
        index = after
    pieces.append(word[start:])
    return pieces


# --------------------------------------------------------------------------------------------
# Feed boilerplate

# The footers blog software appends to every summary, each anchored at the end of the text and
# starting where a sentence or a line starts (or after the ellipsis of a cut excerpt), so a real
# sentence that merely says "read more" or "originally published" in passing is never touched.
_AFTER_ELLIPSIS = r"(?:(?<=…)|(?<=\.\.\.)|(?<=\[…\])|(?<=\[\.\.\.\]))"
_START = r"(?:^|(?<=\n)|(?<=[.!?…:;)\]”\"’'] )|" + _AFTER_ELLIPSIS + ")"
#: where a footer names its site: a URL, or a name (no clause after a comma), maybe with a date
_SITE = r"(?:https?://\S+|[A-Z0-9][^\n,]{0,80}?)(?: on [^\n]{1,40}?)?[ .]*"
#: (words one of which the footer has, lower-cased; the footer, ending the text)
_FOOTERS = tuple(
    (words, re.compile(start + pattern + r"\Z", re.IGNORECASE))
    for words, start, pattern in (
        # WordPress (Yoast and the like): "The post <title> appeared first on <site>."
        (
            ("the post ",),
            _START,
            r" *(?-i:The post) [^\n]{1,400}? (?:appeared first|first appeared) on [^\n]{1,120}",
        ),
        # an excerpt's more-link after its ellipsis: "… Continue reading <title>" (Soompi)
        (("continue reading",), _AFTER_ELLIPSIS, r" *Continue reading\b[^\n]{0,400}"),
        # a more-link alone: "Continue reading…", "Continue reading →", 'Continue reading "X"'
        (
            ("continue reading",),
            _START,
            r" *Continue reading(?: *[\"“‘'][^\n]{1,300}[\"”’'])?[ .…→»›>]*",
        ),
        # "Read more", "Read more »", "[Read more…]", "Read the rest of this entry »", "(more…)"
        (
            ("read more", "read the ", "keep reading", "more…", "more..."),
            _START,
            r" *[\[(]?(?:Read (?:more|the rest of this entry|the full (?:story|article|review|post)"
            r")|Keep reading|more…|more\.\.\.)[ .…→»›>:]*[\])]?[ .]*",
        ),
        # WordPress's own more-link, "(more…)", wherever the excerpt stops
        (("more…", "more..."), r"(?:^|(?<=\s))", r"\((?:read )?more(?:…|\.\.\.)\)"),
        # WordPress themes: "This entry was posted in News and tagged film. Bookmark the permalink."
        (
            ("this entry was posted",),
            _START,
            r" *This entry was posted (?:in|on|by|under) [^\n]{1,300}",
        ),
        # Medium and syndication: "Originally published at https://... on March 5, 2024."
        (("originally p",), _START, r" *(?-i:Originally) (?:published|posted) (?:at|on) " + _SITE),
    )
)
#: "[…]" at the very end: the excerpt goes on elsewhere, which a plain ellipsis says
_BRACKETS = ("[…]", "[...]", "[&hellip;]", "[&#8230;]")
_BRACKETED_ELLIPSIS = re.compile(r" *\[(?:…|\.\.\.|&hellip;|&#8230;)\][ .]*\Z")
#: the words that say a text may end in a footer (plain substrings: a regular expression of
#: them, case-insensitive, cost a tenth of a parse)
_FOOTER_WORDS = tuple(sorted({word for words, _ in _FOOTERS for word in words})) + _BRACKETS
#: how far from the end a footer can start
_FOOTER_SPAN = 800


def may_end_in_feed_footer(text: str, span: int = _FOOTER_SPAN) -> bool:
    """A cheap test, on text or on HTML: whether the last ``span`` characters of ``text`` have
    a word every footer has. False means ``drop_feed_boilerplate`` would give ``text`` back."""
    tail = text[-span:].lower()
    return any(word in tail for word in _FOOTER_WORDS)


def feed_footer_start(text: str) -> int:
    """Where the feed footers that end ``text`` start (``len(text)`` when it ends in none), so
    a caller holding the same text as HTML can cut it there too. See ``drop_feed_boilerplate``."""
    end = len(text)
    while True:
        start = max(0, end - _FOOTER_SPAN)
        tail = text[start:end].lower()
        for words, footer in _FOOTERS:
            if not any(word in tail for word in words):
                continue
            # endpos: the text as if it ended where the footer found last starts ("\Z" there)
            found = footer.search(text, start, end)
            if found is not None:
                end = len(text[: found.start()].rstrip())
                break
        else:
            return end


def drop_feed_boilerplate(text: str) -> str:
    """``text`` without the footers feeds append to summaries: WordPress's "The post X appeared
    first on Y.", a more-link ("Continue reading X", "Read more »", "(more…)"), "This entry was
    posted in ...", "Originally published at ..."; a "[…]" tail becomes a plain "…". Only a
    footer that ends the text goes, and only where a sentence or line starts; the rest of the
    text is kept as it is (the empty string when the text was all footer)."""
    if not may_end_in_feed_footer(text):
        return text
    text = text[: feed_footer_start(text)]
    bracketed = _BRACKETED_ELLIPSIS.search(text, max(0, len(text) - 40))
    if bracketed is not None:
        kept = text[: bracketed.start()].rstrip()
        text = kept + "…" if kept else ""
    return text
