"""HTML safe to put in an email, and plain text from feed strings: the one home of nh3.

Owns the allowlist (tags, attributes, the tags dropped together with their text), ``sanitize_html``,
``plain_text``, and ``drop_feed_footer`` (the footer paragraph a feed appends to every summary,
cut from sanitised HTML where ``tracker.text`` finds it in the text). The digest renderer
sanitises stored HTML again with ``sanitize_html``, so the allowlist of today applies to entries
stored under an older one.

Must not import feedparser, directly or through another module: the renderer imports this module,
and start-up should import only what a command uses (a contract in pyproject.toml checks it).

Rule worth knowing, **HTML**: summary and content are sanitised with nh3 (allowlisted tags;
``href``, ``src``, ``alt``, ``title``, ``width``, ``height``; absolute http(s) URLs only, relative
ones resolved against the entry link; ``rel="noopener noreferrer"``). feedparser's own sanitiser is
turned off (``tracker.parse.feed``): it keeps forms and svg.
"""

from __future__ import annotations

import html
import re
import threading
from functools import cache

import nh3

from tracker.parse.links import absolute_http
from tracker.text import feed_footer_start, may_end_in_feed_footer, one_line, strip_html

__all__ = ["drop_feed_footer", "plain_text", "sanitize_html"]

_ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
        "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strike", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "*": {"title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
}
#: tags dropped together with their text, not just unwrapped
_DROP_WITH_CONTENT = frozenset({"script", "style", "noscript", "template", "svg", "math"})
_WHITESPACE = re.compile(r"\s+")
#: whether a text has nothing nh3 and unescaping would change but whitespace: no markup, no
#: entity, no NUL
_NOTHING_TO_STRIP = re.compile("[<&\x00]").search


def sanitize_html(text: str, *, base: str | None = None) -> str | None:
    """HTML safe to put in an email: nh3 with our allowlist, absolute http(s) links only
    (relative ones resolved against ``base``), no script, style, forms, svg or handlers."""
    _base.value = base
    try:
        cleaned = _html_cleaner().clean(text).strip()
    finally:
        _base.value = None
    return cleaned or None


#: the base URL of the ``sanitize_html`` call running in this thread, for ``_keep_url``: one
#: reusable cleaner serves every base (building nh3's cleaner took 3/4 of a call)
_base = threading.local()


def _keep_url(tag: str, attribute: str, value: str) -> str | None:
    if attribute not in ("href", "src"):
        return value
    return absolute_http(value, getattr(_base, "value", None))


@cache
def _html_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in _ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_keep_url,
    )


@cache
def _text_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=set(), clean_content_tags=set(_DROP_WITH_CONTENT))


def plain_text(value: object) -> str:
    """Plain text from a feed string that may hold tags and entities (feedparser does not
    sanitise titles): tags stripped, entities decoded, whitespace collapsed."""
    if not value:
        return ""
    text = str(value)
    if _NOTHING_TO_STRIP(text) is None and not text.startswith("\ufeff"):
        # most titles, authors and categories: nh3 would give them back as they are (it
        # drops a leading BOM and NULs, and there is no markup or entity to undo)
        return _WHITESPACE.sub(" ", text).strip()
    stripped = _text_cleaner().clean(text)
    return _WHITESPACE.sub(" ", html.unescape(stripped)).strip()


# -- feed footers ------------------------------------------------------------------------------

#: how much of the end of a fragment, markup included, is searched for a footer (the longest
#: footer's text is a few hundred characters; its links add as much again)
_FOOTER_SPAN = 3000
_TOKEN = re.compile(r"<[^>]*>|[^<]+")
#: where a word starts in a text node: a footer starts at one ("… Continue reading")
_WORD_START = re.compile(r"(?:^|(?<=[\s…\]]))\S")
#: what cutting a footer can leave at the end: an element with nothing in it
_EMPTY_AT_END = re.compile(
    r"<(a|span|strong|em|b|i|u|small|p|div)\b[^>]*>\s*</\1>(?=(?:\s*</[a-z0-9]+>)*\s*\Z)"
)
#: "[…]" ending the text, before closing tags
_BRACKETED_AT_END = re.compile(r"\s*\[(?:…|\.\.\.)\](?=(?:\s*</[a-z0-9]+>)*\s*\Z)")


def drop_feed_footer(fragment: str | None) -> str | None:
    """Sanitised HTML without the footer a feed appends to it ("<p>The post <a>X</a> appeared
    first on <a>Y</a>.</p>", a "Continue reading" link, ...: what ``tracker.text`` finds at the
    end of its text), and with a "[…]" tail made a plain "…". Cuts only where the footer's text
    starts, keeps the images before it, and leaves balanced HTML; None when nothing is left."""
    if not fragment or not may_end_in_feed_footer(fragment, _FOOTER_SPAN):
        return fragment
    if "<" not in fragment and "&" not in fragment:
        # a plain-text summary (escaped, nothing escaped in it): its text is itself
        fragment = fragment[: feed_footer_start(fragment)]
    else:
        start = max(0, len(fragment) - _FOOTER_SPAN)
        if start:
            # from a tag on, so the text measured is whole
            start = max(fragment.find("<", start), start)
        plain = strip_html(fragment[start:])
        footer = one_line(plain[feed_footer_start(plain) :])
        if footer:
            cut = _footer_cut(fragment, start, footer)
            if cut is not None:
                fragment = _tidy(fragment[:cut])
    # "[…]" and the closing tags after it: no more than this from the end
    bracketed = _BRACKETED_AT_END.search(fragment, max(0, len(fragment) - 200))
    if bracketed is not None:
        fragment = fragment[: bracketed.start()] + "…" + fragment[bracketed.end() :]
    return fragment or None


def _footer_cut(fragment: str, start: int, footer: str) -> int | None:
    """The last place in ``fragment`` (a tag's edge or a word's start) after which its text is
    exactly ``footer``: the text after a place only grows as the place moves back, so a binary
    search over the places finds it."""
    # most footers are the last paragraph or the last link: one look each, before the search
    for tag in ("<p", "<a "):
        place = fragment.rfind(tag, start)
        if place >= 0 and one_line(strip_html(fragment[place:])) == footer:
            return place
    places: list[int] = []
    for token in _TOKEN.finditer(fragment, start):
        if token.group().startswith("<"):
            places += [token.start(), token.end()]
        else:
            places += [token.start() + word.start() for word in _WORD_START.finditer(token.group())]

    def after(index: int) -> str:
        return one_line(strip_html(fragment[places[index] :]))

    low, high = 0, len(places) - 1
    if high < 0 or len(after(low)) < len(footer):
        return None
    while low < high:  # the last place whose text is at least as long as the footer
        middle = (low + high + 1) // 2
        if len(after(middle)) >= len(footer):
            low = middle
        else:
            high = middle - 1
    return places[low] if after(low) == footer else None


def _tidy(fragment: str) -> str:
    """HTML cut short made whole again: elements closed, and the empty ones a cut leaves at the
    end (the paragraph or link the footer started) gone."""
    tidy = sanitize_html(fragment) or ""
    while True:
        emptied = _EMPTY_AT_END.sub("", tidy).strip()
        if emptied == tidy:
            return tidy
        tidy = emptied
