"""The stored form of what was understood about an entry, and reading it back.

Owns the ``detail`` JSON inside ``types.Understood`` (this module alone writes and reads it, so
its format can change with the classifier: a new version re-understands every row), the excerpt
a card shows, and ``Understanding``, the shape the digest reads. Must not import the classifier:
a digest whose rows are current never loads it (``ingest`` does the understanding).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.text import one_line, strip_html
from tracker.types import Kind, ListedRelease, Understood
from tracker.understand.match import film_key

if TYPE_CHECKING:
    from tracker.understand.classify import Classification

#: the excerpt a digest card shows, in characters
EXCERPT_CHARS = 160


@dataclass(frozen=True)
class Understanding:
    """What a digest needs to know about one entry, read back from storage."""

    kind: Kind
    korean: bool
    film: str | None = None
    film_hangul: str | None = None
    year: int | None = None
    season: int | None = None
    rating: float | None = None
    rating_text: str | None = None
    platform: str | None = None
    release_date: date | None = None
    listed: tuple[ListedRelease, ...] = ()
    #: one line of plain text for the card
    excerpt: str | None = None
    #: the plain text of the summary, for matching (syndicated copies, people named)
    text: str = ""
    reasons: tuple[str, ...] = ()


def excerpt(summary: str | None, content: str | None) -> str | None:
    """One line of the summary (else the content), cut at a word near ``EXCERPT_CHARS``."""
    body = strip_html(summary) or strip_html(content)
    if not body:
        return None
    line = one_line(body)
    if len(line) <= EXCERPT_CHARS:
        return line
    cut = line[:EXCERPT_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:–-") + "…"


def to_stored(
    result: Classification, *, version: str, excerpt: str | None, text: str
) -> Understood:
    detail: dict[str, Any] = {
        "h": result.film_hangul,
        "y": result.year,
        "s": result.season,
        "rt": result.rating_text,
        "l": [_listed_row(item) for item in result.listed],
        "x": excerpt,
        "t": text,
    }
    return Understood(
        version=version,
        kind=result.kind,
        korean=result.korean,
        film=result.film,
        film_key=film_key(result.film or result.film_hangul or "") if result.film else None,
        rating=result.rating,
        platform=result.platform,
        release_date=result.release_date,
        detail=json.dumps(
            {k: v for k, v in detail.items() if v not in (None, [])},
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        reasons=result.reasons,
    )


def read(understood: Understood) -> Understanding:
    """The stored understanding in the shape the digest reads."""
    detail: dict[str, Any] = json.loads(understood.detail) if understood.detail else {}
    return Understanding(
        kind=understood.kind,
        korean=understood.korean,
        film=understood.film,
        film_hangul=detail.get("h"),
        year=detail.get("y"),
        season=detail.get("s"),
        rating=understood.rating,
        rating_text=detail.get("rt"),
        platform=understood.platform,
        release_date=understood.release_date,
        listed=tuple(_listed(row) for row in detail.get("l", ())),
        excerpt=detail.get("x"),
        text=detail.get("t", ""),
        reasons=understood.reasons,
    )


def _listed_row(item: Any) -> list[Any]:
    day = item.release_date.isoformat() if item.release_date else None
    return [item.film, day, item.korean, item.season]


def _listed(row: Sequence[Any]) -> ListedRelease:
    film, day, korean, season = row
    return ListedRelease(
        film=str(film),
        release_date=date.fromisoformat(day) if day else None,
        korean=bool(korean),
        season=season,
    )
