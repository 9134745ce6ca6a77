"""A feed's own keyword rules: the ``include`` and ``exclude`` words of its configuration.

Owns matching those words (case-insensitive whole words or phrases; Hangul as substrings,
since particles attach to it) against the headline, the summary and the categories. Must not
classify: a rule keeps or drops an entry before the classifier sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.text import has_hangul, plain_quotes, strip_html
from tracker.types import EntryData, FeedSpec


def _phrase_in(term: str, haystacks: Iterable[str]) -> bool:
    term = term.strip()
    if not term:
        return False
    if has_hangul(term):
        return any(term in h for h in haystacks)
    pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
    return any(pattern.search(h) for h in haystacks)


def passes_rules(entry: EntryData, feed: FeedSpec) -> tuple[bool, str | None]:
    """Apply a feed's ``include`` / ``exclude`` keywords (case-insensitive whole words or
    phrases, in the title, the summary text and the categories). Exclude wins. Returns
    ``(kept, reason)``; the reason is None when the feed has no rules."""
    haystacks = [
        plain_quotes(entry.title),
        plain_quotes(strip_html(entry.summary)),
        *(plain_quotes(c) for c in entry.categories),
    ]
    for term in feed.exclude:
        if _phrase_in(plain_quotes(term), haystacks):
            return False, f"excluded by {term!r}"
    if feed.include:
        for term in feed.include:
            if _phrase_in(plain_quotes(term), haystacks):
                return True, f"included by {term!r}"
        return False, "no include keyword matched"
    return True, None
