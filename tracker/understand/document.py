"""The entry as text, normalised once: what every extractor of the classifier reads.

Owns turning an ``EntryData`` into plain strings (HTML stripped, quotes made plain, agency
datelines, WordPress footers and "Read more" tails removed, a summary the content repeats
dropped) and the views of them that several extractors share (the headline without agency
tags, the body, all the text). Must not decide anything about the entry: no kinds, films,
ratings or Korean evidence live here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from tracker.text import one_line, plain_quotes, strip_html
from tracker.types import EntryData
from tracker.understand.prefilter import Pattern

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

    @classmethod
    def of(cls, entry: EntryData) -> Document:
        summary = strip_html(entry.summary)
        summary = _CONTINUE.sub("", _WP_FOOTER.sub("", summary)).strip()
        content = strip_html(entry.content)
        raw_title = one_line(strip_html(entry.title))
        raw_summary, raw_content = _DATELINE.sub("", summary), _DATELINE.sub("", content)
        summary, content = plain_quotes(raw_summary), plain_quotes(raw_content)
        if content and summary and summary in content:
            summary = raw_summary = ""  # feeds often repeat the description in the content
        return cls(
            title=plain_quotes(raw_title),
            summary=summary,
            content=content,
            categories=tuple(one_line(c) for c in entry.categories if c.strip()),
            guid=entry.guid or entry.identity or "",
            link=entry.link or "",
            extra={k.lower(): v for k, v in entry.extra.items()},
            raw=(raw_title, raw_summary, raw_content),
        )

    @cached_property
    def headline(self) -> str:
        """The title without agency tags ("(LEAD)", "(Yonhap Interview)")."""
        return _PREFIX_TAGS.sub("", self.title)

    @cached_property
    def body(self) -> str:
        return f"{self.summary}\n{self.content}".strip()

    @cached_property
    def all_text(self) -> str:
        """Title, body and categories: where evidence about the whole entry is looked for."""
        return f"{self.title}\n{self.body}\n{' / '.join(self.categories)}"
