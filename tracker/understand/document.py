"""The entry as text, normalised once: what every extractor of the classifier reads.

Owns turning an ``EntryData`` into plain strings (HTML stripped, quotes made plain, agency
datelines, WordPress footers and "Read more" tails removed, a summary the content repeats
dropped) and the views of them that several extractors share, each computed once (the
headline without agency tags, the body, all the text, their folded forms for
``prefilter``). Must not decide anything about the entry: no kinds, films, ratings or Korean
evidence live here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from mypy_extensions import mypyc_attr

from tracker.text import HANGUL, has_hangul, one_line, plain_quotes, strip_html
from tracker.types import EntryData
from tracker.understand.lazy import view
from tracker.understand.scan.prefilter import Pattern, fold, words

_WP_FOOTER = Pattern(r"The post .{0,300}? appeared first on .{0,80}?\.?\s*$", re.DOTALL)
_CONTINUE = Pattern(r"\s*(?:Continue reading\.*|Read more\.*|\[(?:…|\.\.\.)\])\s*$")
_DATELINE = Pattern(
    r"^\s*(?:[A-Z][A-Z .]{1,30}, [A-Z][a-z]{2,4}\.? \d{1,2} \((?:Yonhap|AFP|AP|Reuters|Korea "
    r"Herald|Korea Times|News1|Newsis)\)\s*(?:--|—|-)\s*|\((?:[가-힣]+)=[가-힣]+\)\s*"
    r"(?:[가-힣]{2,4}\s*(?:기자|특파원)\s*=\s*)?)"
)
#: agency tags before a headline ("(LEAD)", "(2nd LD)", "(Yonhap Interview)"): not its words
_PREFIX_TAGS = Pattern(
    r"^\s*(?:\((?:LEAD|URGENT|\d+(?:st|nd|rd|th) LD|Yonhap Interview|News Focus|Movie Review|"
    r"Update \d+|UPDATE|Interview|Review|Photos?)\)\s*)+",
    re.IGNORECASE,
)


@mypyc_attr(native_class=False)  # its views live in its __dict__ (see ``lazy``)
@dataclass(frozen=True)
class Document:
    """One entry's text. Build it with ``Document.of``; the views are computed on first use."""

    #: the headline: plain quotes, one line
    title: str
    summary: str
    content: str
    categories: tuple[str, ...]
    guid: str
    link: str
    #: the feed's namespaced extras, keys lower-cased (``letterboxd_filmtitle``)
    extra: Mapping[str, str]
    #: title, summary and content before quote folding: ratings quote their text exactly
    raw: tuple[str, str, str] = ("", "", "")
    #: the summary's and content's italics (``<em>``, ``<i>``), plain text: where outlets set
    #: the titles of works
    italics: tuple[str, ...] = ()
    #: the author line as the feed gives it ("Reviewed by Jane Doe"): a filing mark
    author: str = ""

    @classmethod
    def of(cls, entry: EntryData) -> Document:
        summary = strip_html(entry.summary)
        summary = _CONTINUE.sub("", _WP_FOOTER.sub("", summary)).strip()
        content = strip_html(entry.content)
        raw_title = one_line(strip_html(entry.title))
        raw_summary, raw_content = _undated(summary), _undated(content)
        summary, content = _plain_quotes(raw_summary), _plain_quotes(raw_content)
        if content and summary and summary in content:
            summary = raw_summary = ""  # feeds often repeat the description in the content
        return cls(
            title=_plain_quotes(raw_title),
            summary=summary,
            content=content,
            categories=tuple(one_line(c) for c in entry.categories if c.strip()),
            guid=entry.guid or entry.identity or "",
            link=entry.link or "",
            extra={k.lower(): v for k, v in entry.extra.items()},
            raw=(raw_title, raw_summary, raw_content),
            italics=_italics(entry.summary) + _italics(entry.content),
            author=one_line(entry.author) if entry.author else "",
        )

    @view
    def headline(self) -> str:
        """The title without agency tags ("(LEAD)", "(Yonhap Interview)")."""
        m = _PREFIX_TAGS.match(self.title)
        return self.title[m.end() :] if m else self.title

    @view
    def body(self) -> str:
        return f"{self.summary}\n{self.content}".strip()

    @view
    def all_text(self) -> str:
        """Title, body and categories: where evidence about the whole entry is looked for."""
        return f"{self.title}\n{self.body}\n{' / '.join(self.categories)}"

    @view
    def folded_title(self) -> str:
        return fold(self.title)

    @view
    def folded_headline(self) -> str:
        return fold(self.headline)

    @view
    def folded_body(self) -> str:
        return fold(self.body)

    @view
    def folded_all(self) -> str:
        return fold(self.all_text)

    @view
    def words_all(self) -> frozenset[str]:
        """The words of all the text, folded: a pattern's whole-word needles are looked up
        here at once."""
        return words(self.folded_all)

    @view
    def hangul_title(self) -> bool:
        return not self.title.isascii() and has_hangul(self.title)

    @view
    def hangul_body(self) -> bool:
        return not self.body.isascii() and has_hangul(self.body)


@cache
def _hangul_letters() -> re.Pattern[str]:
    """The letters of the package's one Hangul range (some of its code points are none)."""
    codes = [ord(c) for c in HANGUL.replace("-", "")]
    letters = "".join(
        chr(c)
        for low, high in zip(codes[::2], codes[1::2], strict=True)
        for c in range(low, high + 1)
        if chr(c).isalpha()
    )
    return re.compile(f"[{re.escape(letters)}]")


def hangul_share(text: str) -> float:
    """``tracker.text.hangul_ratio``, counted by ``re`` and ``map`` rather than a Python loop
    over the letters: Hangul letters among all letters (0 when there are none)."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    return len(_hangul_letters().findall(text)) / letters


_ITALIC = Pattern(
    r"<(?P<tag>em|i)(?:\s[^<>]*)?>(?P<text>.{1,200}?)</(?P=tag)\s*>", re.IGNORECASE | re.DOTALL
)


def _italics(html: str | None) -> tuple[str, ...]:
    """The plain text of each italic run of ``html`` (most entries have none: the search runs
    only when an italic tag's name is there)."""
    if not html or (
        "<i" not in html and "<em" not in html and "<I" not in html and "<EM" not in html
    ):
        return ()
    found = (_plain_quotes(one_line(strip_html(m.group("text")))) for m in _ITALIC.finditer(html))
    return tuple(text for text in found if text)


def _undated(text: str) -> str:
    """``text`` without an agency dateline before it ("SEOUL, Dec. 3 (Yonhap) -- ")."""
    m = _DATELINE.match(text)
    return text[m.end() :] if m else text


def _plain_quotes(value: str) -> str:
    """``plain_quotes``, replacing only the characters it changes (most texts have none or a
    few) instead of looking every character up."""
    changed = _quote_changes()
    if changed is None:
        return plain_quotes(value)
    pattern, table, ascii_marks = changed
    if value.isascii():  # (in C, at memory speed) only the ASCII marks can be there
        for mark in ascii_marks:
            if mark in value:
                value = value.replace(mark, table[mark])
        return value
    # each kind of mark present replaced at once (in C), not each mark by a Python call: a
    # long text has dozens of curly apostrophes and a few kinds of marks
    for mark in set(pattern.findall(value)):
        value = value.replace(mark, table[mark])
    return value


@cache
def _quote_changes() -> tuple[re.Pattern[str], dict[str, str], tuple[str, ...]] | None:
    """What ``plain_quotes`` does to each character of the Basic Multilingual Plane (read off
    it once): the marks it changes as one class, each one's replacement, and the ASCII ones
    among them; or None if it is not one character for one."""
    chars = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    plain = plain_quotes(chars)
    if len(plain) != len(chars) or plain_quotes("\U0001f600") != "\U0001f600":
        return None
    table = {a: b for a, b in zip(chars, plain, strict=True) if a != b}
    if any(b in table for b in table.values()):
        return None  # a mark made into another mark: replacing kind by kind would chain
    ascii_marks = tuple(c for c in table if c.isascii())
    if not table:
        return re.compile("(?!)"), table, ascii_marks
    return re.compile(f"[{''.join(re.escape(c) for c in table)}]"), table, ascii_marks
