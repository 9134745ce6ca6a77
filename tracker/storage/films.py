"""The films store: films the digests have met, which entries were about them, and the
entries that announce releases.

Owns remembering a film card's lasting facts (its Netflix date, platform, poster, Hangul title:
what a later week reuses when a review arrives after the release news), the links between
entries and films, and reading the release announcements the calendar is made of. Must not
build cards, cluster entries or read the stored understanding's detail: ``tracker.digest``
does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from tracker.storage.database import Database, Row
from tracker.storage.entries import DISPLAY_TITLE, UNDERSTOOD_COLUMNS, understood_from
from tracker.storage.schema import entries, entry_films, feeds, films
from tracker.types import FilmCard, Kind, KnownFilm, ReleaseEntry


def _known_film(row: Row) -> KnownFilm:
    return KnownFilm(
        key=row.key,
        base_key=row.base_key,
        title=row.title,
        updated_at=row.updated_at,
        title_hangul=row.title_hangul,
        year=row.year,
        platform=row.platform,
        release_date=row.release_date,
        poster=row.poster,
    )


class FilmStore:
    """Film queries; mixed into the SQL storage, which provides ``_db``."""

    _db: Database

    def known_films(self, base_keys: Sequence[str]) -> dict[str, list[KnownFilm]]:
        """Films remembered under these base keys (title without year), by base key."""
        wanted = sorted(set(base_keys))
        if not wanted:
            return {}
        found: dict[str, list[KnownFilm]] = {}
        with self._db.read("read known films") as conn:
            rows = conn.execute(sa.select(films).where(films.c.base_key.in_(wanted)))
            for row in rows:
                found.setdefault(row.base_key, []).append(_known_film(row))
        return found

    def remember_films(
        self,
        cards: Sequence[tuple[str, FilmCard]],
        links: Sequence[tuple[int, str, str]],
        *,
        now: datetime,
    ) -> None:
        """Upsert films (given as (base key, card)) and link entries to them: what a film
        gained this week (a date, a poster) is kept; nothing known is forgotten."""
        if not cards:
            return
        with self._db.write("remember films") as conn:
            for base_key, card in cards:
                values = {
                    "key": card.key,
                    "base_key": base_key,
                    "title": card.title,
                    "title_hangul": card.title_hangul,
                    "year": card.year,
                    "platform": card.platform,
                    "release_date": card.release_date,
                    "poster": card.poster,
                    "created_at": now,
                    "updated_at": now,
                }
                insert = self._db.insert(films).values(values)
                keep = {
                    name: sa.func.coalesce(insert.excluded[name], getattr(films.c, name))
                    for name in ("title_hangul", "year", "platform", "release_date", "poster")
                }
                conn.execute(
                    insert.on_conflict_do_update(
                        index_elements=[films.c.key],
                        set_={**keep, "title": insert.excluded.title, "updated_at": now},
                    )
                )
            ids = {
                row.key: row.id
                for row in conn.execute(
                    sa.select(films.c.id, films.c.key).where(
                        films.c.key.in_({card.key for _, card in cards})
                    )
                )
            }
            # a week is built again and again (previews, the send): write only the links that
            # are new or changed, not thousands of identical upserts
            known = {
                (row.entry_id, row.film_id): row.role
                for row in conn.execute(
                    sa.select(entry_films).where(entry_films.c.film_id.in_(set(ids.values())))
                )
            }
            rows = [
                {"entry_id": entry_id, "film_id": ids[key], "role": role}
                for entry_id, key, role in links
                if key in ids and known.get((entry_id, ids[key])) != role
            ]
            if rows:
                link = self._db.insert(entry_films)
                conn.execute(
                    link.on_conflict_do_update(
                        index_elements=[entry_films.c.entry_id, entry_films.c.film_id],
                        set_={"role": link.excluded.role},
                    ),
                    rows,
                )

    def films_of_entry(self, entry_id: int) -> list[tuple[KnownFilm, str]]:
        """The films an entry was linked to by a digest, with its role."""
        query = (
            sa.select(films, entry_films.c.role)
            .join(entry_films, entry_films.c.film_id == films.c.id)
            .where(entry_films.c.entry_id == entry_id)
        )
        with self._db.read("read an entry's films") as conn:
            return [(_known_film(row), row.role) for row in conn.execute(query)]

    def release_entries(self) -> list[ReleaseEntry]:
        """Every entry of a followed feed understood as a release (a dated announcement, or a
        roundup listing titles with their dates), oldest first by first seen, then id: the
        release calendar's source. Without text: the calendar links entries, it never quotes
        them."""
        e = entries.c
        query = (
            sa.select(
                e.id,
                e.title,
                e.link,
                sa.func.coalesce(DISPLAY_TITLE, feeds.c.url).label("source"),
                e.first_seen_at,
                e.last_seen_at,
                *UNDERSTOOD_COLUMNS,
            )
            .join(feeds, feeds.c.id == e.feed_id)
            .where(feeds.c.followed, e.kind == str(Kind.RELEASE))
            .order_by(e.first_seen_at, e.id)
        )
        with self._db.read("read the release announcements") as conn:
            return [
                ReleaseEntry(
                    id=row.id,
                    title=row.title,
                    link=row.link,
                    source=row.source,
                    first_seen_at=row.first_seen_at,
                    changed_at=row.last_seen_at,
                    understood=understood,
                )
                for row in conn.execute(query)
                # position 6 on: UNDERSTOOD_COLUMNS (a release kind means the row is understood)
                if (understood := understood_from(row[6:])) is not None
            ]
