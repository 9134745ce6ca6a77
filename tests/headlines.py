"""One entry classified from a headline and a few lines of text, as the rule-round tests write
them: the entry's date is a Thursday (``THURSDAY``), so "this Friday", "next Wednesday" and a
day written without its month or year have one answer."""

from __future__ import annotations

from datetime import UTC, datetime

from tracker.types import EntryData
from tracker.understand.classify import Classification, classify

#: a Thursday
THURSDAY = datetime(2025, 10, 2, 9, 0, tzinfo=UTC)


def classify_headline(
    title: str,
    summary: str = "",
    categories: tuple[str, ...] = (),
    link: str | None = None,
    *,
    published: datetime = THURSDAY,
) -> Classification:
    entry = EntryData(
        identity=title, title=title, summary=summary, link=link, categories=categories
    )
    return classify(entry, published=published)
