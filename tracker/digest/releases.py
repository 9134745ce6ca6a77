"""Which films and series arrive where, and when: the release calendar's events, from the
entries stored as releases.

Owns turning release announcements into one ``CalendarRelease`` per film (or series season)
and platform. A dated release entry announces its own film; a roundup ("New on Netflix this
week") announces each title it lists, as the digest's "New on Netflix" section reads them.
Announcements of one film are joined by the film's base key, the normalised canonical title
computed on ingest (aliases and the Hangul title share it), so an English and a Korean outlet
make one event; the newest announcement's date wins, so a date that moves moves the event.
Pure but for ``known`` (films remembered by the digests, for a Hangul title no announcement
gives). Must not read the clock, touch storage itself, or write the calendar (``calendar``
does).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import NamedTuple

from tracker.digest.build import KnownFilms
from tracker.types import Kind, KnownFilm, ReleaseEntry
from tracker.understand import record
from tracker.urls import is_http_url

#: the platform key of a cinema release: the classifier names streaming services only, so a
#: dated release that names none ("개봉", "hits theaters") is one; a release keeps it as None
CINEMA = "cinema"


class ReleaseLink(NamedTuple):
    """An entry that announced a release, as the calendar links it."""

    title: str
    url: str
    source: str


@dataclass(frozen=True)
class CalendarRelease:
    """One film or series arriving on one platform (or in cinemas) on one day: one event of
    the release calendar."""

    #: the release's identity: the film's base key (its normalised canonical title, which
    #: aliases and the Hangul title share), ``-sN`` for a series' season after the first
    film_key: str
    title: str
    title_hangul: str | None
    #: the service ("netflix", "disney_plus"...); None: no service named, a cinema release
    platform: str | None
    release_date: date
    #: the entries that announced it, oldest first
    links: tuple[ReleaseLink, ...]
    #: when the newest of the rows it was read from last changed
    changed_at: datetime
    #: a series' season after the first (the first is the series itself)
    season: int | None = None
    #: how many times the announced date moved: a calendar app takes the higher as newer
    sequence: int = 0
    #: the link the event points to: the newest announcement of its current date
    url: str | None = None


class Announcement(NamedTuple):
    """One entry saying that one film arrives on one platform on one day."""

    #: the film's base key (``match.FilmKeys.base``, stored with the entry)
    base: str
    title: str
    hangul: str | None
    #: the year the entry states for the film, to pick the right remembered film
    year: int | None
    #: a series' season after the first; None for a film or a first season
    season: int | None
    platform: str | None
    day: date
    entry: ReleaseEntry


def _season(number: int | None) -> int | None:
    # a first season is the series' premiere: outlets that never say "season 1" must announce
    # the same release as a roundup that lists "(Season 1)"
    return number if number is not None and number > 1 else None


def announcements(entry: ReleaseEntry, *, korean_only: bool) -> list[Announcement]:
    """What one stored release entry announces: its own film, or each title its roundup lists
    (the digest's rule: a roundup is the titles it lists, not a release of its own)."""
    about = record.read(entry.understood)
    if about.kind is not Kind.RELEASE:
        return []
    # no service named is a cinema release: one spelling of it, so one film gets one event
    platform = None if about.platform == CINEMA else about.platform
    if about.listed:
        found = []
        for index, listed in enumerate(about.listed):
            keys = about.listed_keys[index] if index < len(about.listed_keys) else None
            if listed.release_date is None or keys is None or not keys.base:
                continue
            if korean_only and not listed.korean:
                continue
            found.append(
                Announcement(
                    base=keys.base,
                    title=listed.film,
                    hangul=None,
                    year=None,
                    season=_season(listed.season),
                    platform=platform,
                    day=listed.release_date,
                    entry=entry,
                )
            )
        return found
    base = entry.understood.film_key
    if about.release_date is None or not about.film or not base:
        return []
    if korean_only and not about.korean:
        return []
    return [
        Announcement(
            base=base,
            title=about.film,
            hangul=about.film_hangul if about.film_hangul != about.film else None,
            year=about.year,
            season=_season(about.season),
            platform=platform,
            day=about.release_date,
            entry=entry,
        )
    ]


def _oldest_first(announced: Announcement) -> tuple[datetime, datetime, int]:
    # the newest announcement is the row a poll wrote last (a new entry, or one whose text
    # changed); first seen and id break ties the same way on every run
    e = announced.entry
    return (e.changed_at, e.first_seen_at, e.id)


def _groups(
    found: Iterable[Announcement],
) -> dict[tuple[str, int | None, str | None], list[Announcement]]:
    """Announcements by (base key, season, platform). One that names no season joins the
    season of that series and platform announced for the same day, if any ("Squid Game on
    Netflix on 26 December" is season 2 when another outlet says so)."""
    groups: dict[tuple[str, int | None, str | None], list[Announcement]] = defaultdict(list)
    unseasoned: list[Announcement] = []
    for a in found:
        if a.season is None:
            unseasoned.append(a)
        else:
            groups[(a.base, a.season, a.platform)].append(a)
    days: dict[tuple[str, str | None, date], int | None] = {}
    # the lowest season wins when two were announced for one day: the same answer every run
    for (base, season, platform), members in sorted(
        groups.items(), key=lambda item: (item[0][0], item[0][1] or 0, item[0][2] or "")
    ):
        for a in members:
            days.setdefault((base, platform, a.day), season)
    for a in unseasoned:
        season = days.get((a.base, a.platform, a.day))
        groups[(a.base, season, a.platform)].append(a)
    return groups


def _moves(ordered: Sequence[Announcement]) -> int:
    """How many times the announced date changed, oldest announcement first."""
    return sum(1 for before, after in pairwise(ordered) if before.day != after.day)


def _links(members: Sequence[Announcement]) -> tuple[ReleaseLink, ...]:
    seen: dict[str, ReleaseLink] = {}
    for a in sorted(members, key=lambda a: (a.entry.first_seen_at, a.entry.id)):
        link = a.entry.link
        if link and is_http_url(link) and link not in seen:
            seen[link] = ReleaseLink(a.entry.title, link, a.entry.source)
    return tuple(seen.values())


def _remembered_hangul(films: Sequence[KnownFilm], years: set[int]) -> str | None:
    """The Hangul title a digest remembered for the film, of the stated year when one is."""
    if len(years) == 1:
        films = [f for f in films if f.year in (None, *years)]
    named = [f for f in films if f.title_hangul]
    if not named:
        return None
    return max(named, key=lambda f: (f.updated_at, f.key)).title_hangul


def _release(
    key: tuple[str, int | None, str | None],
    members: list[Announcement],
    remembered: Mapping[str, Sequence[KnownFilm]],
) -> CalendarRelease:
    base, season, platform = key
    ordered = sorted(members, key=_oldest_first)
    newest = ordered[-1]
    # members come oldest first (the storage's order): a tie goes to the earliest spelling
    titles = Counter(a.title for a in members)
    hangul = Counter(a.hangul for a in members if a.hangul)
    title = titles.most_common(1)[0][0]
    title_hangul = hangul.most_common(1)[0][0] if hangul else None
    if title_hangul is None:
        years = {a.year for a in members if a.year is not None}
        title_hangul = _remembered_hangul(remembered.get(base, ()), years)
    url = next(
        (
            a.entry.link
            for a in reversed(ordered)
            if a.day == newest.day and a.entry.link and is_http_url(a.entry.link)
        ),
        None,
    )
    return CalendarRelease(
        film_key=f"{base}-s{season}" if season else base,
        title=title,
        title_hangul=title_hangul if title_hangul != title else None,
        platform=platform,
        release_date=newest.day,
        links=_links(members),
        changed_at=max(a.entry.changed_at for a in members),
        season=season,
        sequence=_moves(ordered),
        url=url,
    )


def calendar_releases(
    entries: Sequence[ReleaseEntry],
    *,
    korean_only: bool = True,
    known: KnownFilms | None = None,
) -> list[CalendarRelease]:
    """One release per film (or season) and platform with a known date, soonest first.
    ``korean_only`` keeps Korean films and series only, as the digest does; ``known`` reads
    the films the digests remembered (by base key), for a Hangul title."""
    found = [a for entry in entries for a in announcements(entry, korean_only=korean_only)]
    groups = _groups(found)
    missing = sorted(
        {base for (base, _, _), members in groups.items() if not any(a.hangul for a in members)}
    )
    remembered = known(missing) if known is not None and missing else {}
    releases = [_release(key, members, remembered) for key, members in groups.items()]
    releases.sort(key=lambda r: (r.release_date, r.title.casefold(), r.film_key, r.platform or ""))
    return releases
