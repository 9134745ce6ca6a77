"""Which entries are about the same film.

Owns film identity: a normalised clustering key (``film_key``) and clustering of classified
entries across sources (``cluster``). Titles are compared after normalisation (case,
punctuation, curly quotes, a leading "The", spacing and hyphenation of romanisations) and
through the curated lexicon's aliases (Hangul, other romanisations); films with the same title
are kept apart by year evidence (a stated year, the people named, the publication date).

Which entries are the same article syndicated twice lives in ``syndication``; its names are
re-exported here for the callers that know them from this module.

Pure: no network, database, clock or environment; it must not import ``classify`` (both sit in
the pure core) or any adapter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from tracker.text import has_hangul, normalize_title
from tracker.understand.lexicon import Lexicon, Work, default_lexicon
from tracker.understand.syndication import (
    Fingerprint,
    fingerprint,
    syndicated_groups,
    syndicated_groups_of,
)
from tracker.understand.works import choose_work

__all__ = [
    "ClusterInput",
    "Fingerprint",
    "cluster",
    "film_key",
    "fingerprint",
    "syndicated_groups",
    "syndicated_groups_of",
]


class ClusterInput(NamedTuple):
    """What clustering needs to know about one entry (from its classification)."""

    film: str | None
    film_hangul: str | None = None
    #: a year the entry states for the film ("Ballerina, 2023", "(2023)")
    year: int | None = None
    published: datetime | None = None
    korean: bool | None = None
    #: the entry's headline and plain text, for people named and for syndication
    title: str = ""
    text: str = ""


def _works(lexicon: Lexicon, *names: str | None) -> list[Work]:
    seen: list[Work] = []
    for name in names:
        if name:
            for work in lexicon.works_titled(name):
                if work not in seen:
                    seen.append(work)
    return seen


def _base(title: str, lexicon: Lexicon, hangul: str | None = None) -> str:
    """The normalised canonical title: aliases and Hangul map to the curated English title."""
    works = _works(lexicon, title, hangul)
    if works:
        return normalize_title(works[0].title)
    return normalize_title(title)


def film_key(title: str, year: int | None = None, *, lexicon: Lexicon | None = None) -> str:
    """A film's clustering key: the normalised canonical title, plus ``-year`` when known.

    ``film_key("‘Kill Bok-soon’") == film_key("Kill Boksoon") == film_key("길복순")``.
    """
    lex = lexicon if lexicon is not None else default_lexicon()
    base = _base(title, lex)
    return f"{base}-{year}" if year is not None else base


def _versions_by_years(years: Sequence[int]) -> list[int]:
    """Distinct film years from stated years, merging neighbours (a festival year and a
    release year of one film differ by one)."""
    versions: list[int] = []
    for year in sorted(set(years)):
        if versions and year - versions[-1] <= 1:
            continue
        versions.append(year)
    return versions


def _nearest_version(versions: Sequence[int], item: ClusterInput) -> int:
    stated = item.year
    if stated is not None:
        return min(versions, key=lambda v: (abs(v - stated), v))
    if item.published is not None:
        # coverage runs from about a year before a release to a few years after
        eligible = [v for v in versions if v <= item.published.year + 1]
        return max(eligible) if eligible else min(versions)
    return versions[0]


def cluster(items: Sequence[ClusterInput], *, lexicon: Lexicon | None = None) -> list[int | None]:
    """A cluster id per item (None when it names no film). Same id = same film."""
    lex = lexicon if lexicon is not None else default_lexicon()
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        if item.film or item.film_hangul:
            base = _base(item.film or item.film_hangul or "", lex, item.film_hangul)
            if base:
                groups.setdefault(base, []).append(index)

    groups = _merge_across_scripts(groups, items, lex)
    labels: dict[tuple[str, int | None], int] = {}
    out: list[int | None] = [None] * len(items)
    for base, members in groups.items():
        # every curated work of that title, films and series alike: "Love in the Big City" is
        # a 2024 film and a 2024 TVING series, "Cobweb" a Korean and an American 2023 film
        candidates = [w for w in _works(lex, base) if normalize_title(w.title) == base]
        stated = [items[i].year for i in members if items[i].year is not None]
        version_of: dict[int, int | None] = {}
        if len(candidates) > 1:
            for i in members:
                item = items[i]
                work = choose_work(
                    candidates,
                    text=f"{item.title}\n{item.text}",
                    lexicon=lex,
                    published_year=item.published.year if item.published else None,
                    stated_year=item.year,
                    korean=item.korean,
                )
                # the chosen work itself, not its year: same-title works can share a year
                version_of[i] = candidates.index(work) if work else None
        else:
            versions = _versions_by_years([y for y in stated if y is not None])
            for i in members:
                version_of[i] = None if len(versions) <= 1 else _nearest_version(versions, items[i])
        for i in members:
            key = (base, version_of[i])
            out[i] = labels.setdefault(key, len(labels))
    return out


def _aware(moment: datetime) -> datetime:
    # a naive date is taken as UTC: never the machine's local zone (pure core)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


#: how far apart two outlets' coverage of one uncurated work can be, in days
_SCRIPT_MERGE_DAYS = 60


def _merge_across_scripts(
    groups: dict[str, list[int]], items: Sequence[ClusterInput], lex: Lexicon
) -> dict[str, list[int]]:
    """Join a Hangul-titled group with a romanised one when the lexicon does not know the
    work but both name the same people (two, or a director) within ``_SCRIPT_MERGE_DAYS``:
    Korean outlets write '계시록' and English ones "Revelations" about the same film. Curated
    titles are already joined through their aliases and are left alone."""
    uncurated = [base for base in groups if not _works(lex, base)]
    hangul = [b for b in uncurated if has_hangul(b)]
    latin = [b for b in uncurated if not has_hangul(b)]
    if not hangul or not latin:
        return groups

    def profile(base: str) -> tuple[set[str], set[str], list[datetime]]:
        people: set[str] = set()
        directors: set[str] = set()
        dates: list[datetime] = []
        for i in groups[base]:
            item = items[i]
            for person in lex.people_named_in(f"{item.title}\n{item.text}"):
                if person.role == "music":
                    continue
                people.add(person.name)
                if person.role == "director":
                    directors.add(person.name)
            if item.published is not None:
                dates.append(item.published)
        return people, directors, dates

    profiles = {base: profile(base) for base in hangul + latin}
    merged = dict(groups)
    for h in hangul:
        h_people, h_directors, h_dates = profiles[h]
        best: tuple[int, str] | None = None
        for lat in latin:
            if lat not in merged:
                continue
            l_people, l_directors, l_dates = profiles[lat]
            shared = h_people & l_people
            if not (len(shared) >= 2 or h_directors & l_directors):
                continue
            close = any(
                abs((_aware(a) - _aware(b)).total_seconds()) <= _SCRIPT_MERGE_DAYS * 86400
                for a in h_dates
                for b in l_dates
            )
            if close and (best is None or len(shared) > best[0]):
                best = (len(shared), lat)
        if best is not None:
            merged[best[1]] = merged[best[1]] + merged.pop(h)
    return merged
