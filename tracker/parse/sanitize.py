"""HTML safe to put in an email, and plain text from feed strings: the one home of nh3.

Owns the allowlist (tags, attributes, the tags dropped together with their text), ``sanitize_html``
and ``plain_text``. The digest renderer sanitises stored HTML again with ``sanitize_html``, so the
allowlist of today applies to entries stored under an older one.

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

__all__ = ["plain_text", "sanitize_html"]

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
