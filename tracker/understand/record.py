"""The stored form of what was understood about an entry, and reading it back.

Owns the ``detail`` JSON inside ``types.Understood`` (this module alone writes and reads it, so
its format can change with the classifier: a new version re-understands every row), the excerpt
a card shows, and ``Understanding``, the shape the digest reads, with the matching keys computed
on ingest (``match.FilmKeys`` for the entry and each title a roundup lists, and the syndication
``Fingerprint``), so a digest matches a week without scanning a text. Must not import the
classifier: a digest whose rows are current never loads it (``ingest`` does the understanding).
"""

from __future__ import annotations

import base64
import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tracker.text import drop_feed_boilerplate, one_line, strip_html
from tracker.types import Kind, ListedRelease, Understood
from tracker.understand.match import FilmKeys, Fingerprint

if TYPE_CHECKING:
    from tracker.understand.classify import Classification

#: the excerpt a digest card shows, in characters
EXCERPT_CHARS = 160
_NO_PRINT = Fingerprint("", ())
_NO_FILM = FilmKeys()


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
    #: the film clustering keys of the entry and of each title in ``listed`` (``published``
    #: left out: the stored entry has it)
    film_keys: FilmKeys = _NO_FILM
    listed_keys: tuple[FilmKeys, ...] = ()
    #: the headline and shingles that find the same article syndicated to other feeds
    fingerprint: Fingerprint = _NO_PRINT
    reasons: tuple[str, ...] = ()

    def keys_at(self, published: datetime) -> tuple[FilmKeys, tuple[FilmKeys, ...]]:
        """The clustering keys with the entry's date put back."""
        # keys that name no film carry no date, as ``match.film_keys`` makes them
        return (
            _dated(self.film_keys, published),
            tuple(_dated(k, published) for k in self.listed_keys),
        )


def _dated(keys: FilmKeys, published: datetime) -> FilmKeys:
    return keys._replace(published=published) if keys.base else keys


def excerpt(summary: str | None, content: str | None) -> str | None:
    """One line of the summary (else the content), without the feed's footer ("The post X
    appeared first on Y."; rows stored before the parser cut it still have it), cut at a word
    near ``EXCERPT_CHARS``."""
    body = drop_feed_boilerplate(strip_html(summary)) or drop_feed_boilerplate(strip_html(content))
    if not body:
        return None
    line = one_line(body)
    if len(line) <= EXCERPT_CHARS:
        return line
    cut = line[:EXCERPT_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:–-") + "…"


def to_stored(
    result: Classification,
    *,
    version: str,
    excerpt: str | None,
    keys: FilmKeys,
    listed_keys: Sequence[FilmKeys],
    fingerprint: Fingerprint,
) -> Understood:
    """The row form of one entry's understanding."""
    detail: dict[str, Any] = {
        "h": result.film_hangul,
        "y": result.year,
        "s": result.season,
        "rt": result.rating_text,
        "l": [_listed_row(item) for item in result.listed],
        "x": excerpt,
        "k": _keys_row(keys) if keys.base else None,
        "lk": [_keys_row(k) for k in listed_keys],
        "fp": _print_row(fingerprint) if fingerprint.title or fingerprint.shingles else None,
    }
    return Understood(
        version=version,
        kind=result.kind,
        korean=result.korean,
        film=result.film,
        film_key=keys.base,
        rating=result.rating,
        platform=result.platform,
        release_date=result.release_date,
        detail=json.dumps(
            {k: v for k, v in detail.items() if v not in (None, [])},
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        reasons=result.reasons,
        by_history=result.by_history,
    )


def read(understood: Understood) -> Understanding:
    """The stored understanding in the shape the digest reads."""
    detail: dict[str, Any] = json.loads(understood.detail) if understood.detail else {}
    keys = detail.get("k")
    printed = detail.get("fp")
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
        film_keys=_keys(keys) if keys else _NO_FILM,
        listed_keys=tuple(_keys(row) for row in detail.get("lk", ())),
        fingerprint=_print(printed) if printed else _NO_PRINT,
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


def _keys_row(keys: FilmKeys) -> list[Any]:
    row = [keys.base, keys.curated, keys.work, keys.year, keys.people, keys.directors]
    # the later fields only as far as one is set: rows stored before them had six fields
    later = [keys.alias, list(keys.names), keys.stem, keys.korean]
    while later and later[-1] in (None, "", []):
        later.pop()
    return [*row, *later]


def _keys(row: Sequence[Any]) -> FilmKeys:
    base, curated, work, year, people, directors = row[:6]
    alias, names, stem, korean = [*row[6:10], None, None, None, None][:4]
    return FilmKeys(
        base,
        bool(curated),
        work,
        year,
        None,
        tuple(people),
        tuple(directors),
        alias or None,
        tuple(names or ()),
        stem or None,
        None if korean is None else bool(korean),
    )


def _print_row(fingerprint: Fingerprint) -> list[str]:
    # 64-bit shingle hashes packed, not spelled out in decimal: a busy week reads thousands
    packed = struct.pack(f"<{len(fingerprint.shingles)}q", *fingerprint.shingles)
    return [fingerprint.title, base64.b64encode(packed).decode("ascii")]


def _print(row: Sequence[str]) -> Fingerprint:
    title, packed = row
    raw = base64.b64decode(packed)
    return Fingerprint(title, struct.unpack(f"<{len(raw) // 8}q", raw))
