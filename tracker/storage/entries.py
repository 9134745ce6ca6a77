"""The entries store: entries as polls wrote them, with what the understand stage made of them.

Owns the entry rows: writing new and changed entries (inside a feed update's transaction),
reading them for the CLI, ``tracker explain`` and the digest (a week's rows without their full
content, which the digest never shows), and reading and writing their understanding in batches
(``tracker reclassify``, and the stale rows a digest is about to use), and counting each feed's
reviews for the prior its history teaches (``review_history``). Must not classify, decide what
changed or read the clock: callers pass ready-made values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tracker.storage.database import Database, Row
from tracker.storage.schema import UTCDateTime, feeds
from tracker.storage.schema import entries as entries_table
from tracker.types import Entry, EntryForUpdate, EntryUpdateIntent, Kind, Understood

#: entry columns an update may change; first_seen_at (and the keys) never change
_ENTRY_UPDATABLE = (
    "identity_source",
    "guid",
    "title",
    "link",
    "published_at",
    "updated_at",
    "last_seen_at",
    "summary",
    "content",
    "author",
    "categories",
    "image",
    "extra",
    "content_hash",
)
#: the understanding columns: written together, and cleared together when a changed entry
#: arrives without an understanding (it is understood again before a digest uses it)
_UNDERSTANDING = (
    "understood_version",
    "kind",
    "korean",
    "film",
    "film_key",
    "rating",
    "platform",
    "release_date",
    "understanding",
    "understood_why",
    "kind_by_history",
)
#: written with the rest, never read back into an ``Entry``: the reasons (``explain`` reads
#: them apart) and the history mark (only ``review_history`` counts by it)
_WRITE_ONLY = ("understood_why", "kind_by_history")

DISPLAY_TITLE = sa.func.coalesce(feeds.c.title, feeds.c.feed_title)

_E = entries_table.c
#: what every read of an entry selects; ``content`` and the reasons only where asked for
_BASE_COLUMNS = (
    _E.id,
    _E.identity,
    _E.identity_source,
    _E.guid,
    _E.title,
    _E.link,
    _E.published_at,
    _E.first_seen_at,
    _E.summary,
    _E.author,
    _E.categories,
    _E.image,
    *(getattr(_E, name) for name in _UNDERSTANDING if name not in _WRITE_ONLY),
    feeds.c.url.label("feed_url"),
    DISPLAY_TITLE.label("feed_display_title"),
)


def understanding_values(understood: Understood | None) -> dict[str, Any]:
    """The understanding columns of one row (all None: not understood)."""
    if understood is None:
        return dict.fromkeys(_UNDERSTANDING)
    return {
        "understood_version": understood.version,
        "kind": str(understood.kind),
        "korean": understood.korean,
        "film": understood.film,
        "film_key": understood.film_key,
        "rating": understood.rating,
        "platform": understood.platform,
        "release_date": understood.release_date,
        "understanding": understood.detail,
        "understood_why": json.dumps(list(understood.reasons), ensure_ascii=False),
        "kind_by_history": understood.by_history,
    }


_KINDS = {kind.value: kind for kind in Kind}

#: the understanding columns a read selects, in ``Understood``'s order (the reasons left out)
UNDERSTOOD_COLUMNS = tuple(getattr(_E, name) for name in _UNDERSTANDING if name not in _WRITE_ONLY)


def understood_from(values: Sequence[Any]) -> Understood | None:
    """The ``Understood`` of one row's ``UNDERSTOOD_COLUMNS`` (None: never understood), for
    the reads that need no whole ``Entry``."""
    version, kind, korean, film, film_key, rating, platform, release_date, detail = values
    if version is None:
        return None
    return Understood(
        version,
        _KINDS[kind],
        bool(korean),
        film,
        film_key,
        rating,
        platform,
        release_date,
        detail or "{}",
    )


def _entry(row: Row, *, content: bool, reasons: bool, extra: bool = True) -> Entry:
    """An ``Entry`` from a row of ``_BASE_COLUMNS`` (then ``content`` and ``extra`` when
    ``content``, then the reasons when ``reasons``). Unpacked by position: a week's digest
    reads thousands of rows, and by-name access on each column was most of the time."""
    (
        entry_id,
        identity,
        identity_source,
        guid,
        title,
        link,
        published_at,
        first_seen_at,
        summary,
        author,
        categories,
        image,
        version,
        kind,
        korean,
        film,
        film_key,
        rating,
        platform,
        release_date,
        detail,
        feed_url,
        feed_title,
        *rest,
    ) = row
    body, extras_json = (rest[0], rest[1]) if content else (None, None)
    understood = None
    if version is not None:
        why = rest[-1] if reasons else None
        understood = Understood(
            version,
            _KINDS[kind],
            bool(korean),
            film,
            film_key,
            rating,
            platform,
            release_date,
            detail or "{}",
            tuple(json.loads(why)) if why else (),
        )
    # most entries have no categories and no extras: skip the JSON parser for them
    extras: Mapping[str, str] = (
        json.loads(extras_json) if extra and extras_json not in (None, "", "{}") else {}
    )
    return Entry(
        id=entry_id,
        feed_url=feed_url,
        identity=identity,
        title=title,
        link=link,
        published_at=published_at,
        first_seen_at=first_seen_at,
        summary=summary,
        content=body,
        author=author,
        categories=tuple(json.loads(categories)) if categories not in (None, "", "[]") else (),
        image=image,
        feed_title=feed_title,
        extra=extras,
        identity_source=identity_source,
        guid=guid,
        understood=understood,
    )


def upsert_statement(db: Database) -> Any:
    """One statement for new and modified entries alike: a new entry that another instance
    stored meanwhile (a race) becomes an update instead of an IntegrityError, and a modified one
    keeps its id and first_seen_at."""
    insert = db.insert(entries_table)
    return insert.on_conflict_do_update(
        index_elements=[_E.feed_id, _E.identity],
        set_={name: insert.excluded[name] for name in (*_ENTRY_UPDATABLE, *_UNDERSTANDING)},
    )


def upsert_entries(
    conn: Connection,
    statement: Any,
    feed_id: int,
    seen_at: datetime,
    intents: Sequence[EntryUpdateIntent],
) -> None:
    """Write new and changed entries of one feed, with their understanding, in the caller's
    transaction (a feed update is one transaction)."""
    rows = []
    for intent in intents:
        e = intent.entry
        rows.append(
            {
                "feed_id": feed_id,
                "identity": e.identity,
                "identity_source": e.identity_source,
                "guid": e.guid,
                "title": e.title,
                "link": e.link,
                "published_at": intent.published_at,
                "updated_at": e.updated,
                "first_seen_at": intent.first_seen_at,
                "last_seen_at": seen_at,
                "summary": e.summary,
                "content": e.content,
                "author": e.author,
                "categories": json.dumps(list(e.categories), ensure_ascii=False),
                "image": e.image,
                "extra": json.dumps(dict(e.extra), ensure_ascii=False, sort_keys=True),
                "content_hash": intent.content_hash,
                **understanding_values(intent.understood),
            }
        )
    conn.execute(statement, rows)


class EntryStore:
    """Entry queries; mixed into the SQL storage, which provides ``_db``."""

    _db: Database

    def get_entries_for_update(self, feed_url: str) -> dict[str, str]:
        """identity -> content_hash of every stored entry of one feed."""
        query = (
            sa.select(_E.identity, _E.content_hash)
            .join(feeds, feeds.c.id == _E.feed_id)
            .where(feeds.c.url == feed_url)
        )
        with self._db.read("read stored entries") as conn:
            return {row.identity: row.content_hash for row in conn.execute(query)}

    def get_entry_keys(self, feed_url: str) -> list[EntryForUpdate]:
        """Every stored entry of one feed with what recognises it under another identity (link,
        title, guid, date): for feeds whose guids change on every poll."""
        query = (
            sa.select(
                _E.identity,
                _E.content_hash,
                _E.link,
                _E.title,
                _E.guid,
                _E.identity_source,
                _E.published_at,
            )
            .join(feeds, feeds.c.id == _E.feed_id)
            .where(feeds.c.url == feed_url)
            .order_by(_E.id)
        )
        with self._db.read("read stored entries") as conn:
            return [
                EntryForUpdate(
                    row.identity,
                    row.content_hash,
                    link=row.link,
                    title=row.title,
                    guid=row.guid,
                    identity_source=row.identity_source,
                    published=row.published_at,
                )
                for row in conn.execute(query)
            ]

    @staticmethod
    def _query(*, content: bool = True, reasons: bool = False) -> sa.Select[Any]:
        columns: list[Any] = list(_BASE_COLUMNS)
        if content:
            columns += [_E.content, _E.extra]
        if reasons:
            columns.append(_E.understood_why)
        return sa.select(*columns).join(feeds, feeds.c.id == _E.feed_id)

    @staticmethod
    def _window(
        query: sa.Select[Any], since: datetime | None, until: datetime | None
    ) -> sa.Select[Any]:
        if since is not None:
            query = query.where(_E.first_seen_at >= sa.literal(since, UTCDateTime()))
        if until is not None:
            query = query.where(_E.first_seen_at < sa.literal(until, UTCDateTime()))
        return query

    def list_entries(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        feed_urls: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        """Entries first seen in ``[since, until)``, newest first (by first seen, then id)."""
        query = self._window(self._query(), since, until).order_by(
            _E.first_seen_at.desc(), _E.id.desc()
        )
        if feed_urls is not None:
            query = query.where(feeds.c.url.in_(list(feed_urls)))
        if limit is not None:
            query = query.limit(limit)
        with self._db.read("list entries") as conn:
            return [_entry(row, content=True, reasons=False) for row in conn.execute(query)]

    def entries_for_digest(self, *, since: datetime, until: datetime) -> list[Entry]:
        """Entries of followed feeds first seen in ``[since, until)``, oldest first, without
        their ``content`` (None) and ``extra`` (empty): a digest shows the stored excerpt, never
        the full text, and a busy week's content is tens of megabytes."""
        query = (
            self._window(self._query(content=False), since, until)
            .where(feeds.c.followed)
            .order_by(_E.first_seen_at, _E.id)
        )
        with self._db.read("read the week's entries") as conn:
            return [
                _entry(row, content=False, reasons=False, extra=False)
                for row in conn.execute(query)
            ]

    def entries_by_id(self, ids: Sequence[int]) -> list[Entry]:
        """Whole entries (content included), in ``ids`` order; unknown ids are skipped."""
        found: dict[int, Entry] = {}
        with self._db.read("read entries") as conn:
            # in chunks: PostgreSQL and SQLite both cap the parameters of one statement
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                for row in conn.execute(self._query().where(_E.id.in_(chunk))):
                    found[row.id] = _entry(row, content=True, reasons=False)
        return [found[i] for i in ids if i in found]

    def get_entry(self, key: int | str) -> Entry | None:
        """One entry by id, or by link (the canonical link the parser stored; the newest wins),
        with the reasons of its understanding."""
        if isinstance(key, bool):
            raise TypeError("an entry key is an id or a link, not a bool")
        if isinstance(key, str) and not _storable(key):
            return None  # no stored link has it (argv bytes that are not UTF-8 arrive like this)
        query = self._query(reasons=True)
        with self._db.read("read an entry") as conn:
            if isinstance(key, int):
                if not 1 <= key <= _MAX_ID:
                    return None
                row = conn.execute(query.where(_E.id == key)).first()
            else:
                row = conn.execute(
                    query.where(_E.link == key)
                    .order_by(_E.first_seen_at.desc(), _E.id.desc())
                    .limit(1)
                ).first()
                entry_id = _as_id(key)
                if row is None and entry_id is not None:
                    # the CLI hands every argument over as text: "42" may be an id
                    row = conn.execute(query.where(_E.id == entry_id)).first()
            return _entry(row, content=True, reasons=True) if row is not None else None

    def understanding_versions(
        self, *, since: datetime | None = None
    ) -> list[tuple[int, str, str | None]]:
        """(id, feed URL, understood version or None) of every entry first seen since
        ``since``, oldest first: what ``tracker reclassify`` looks at to find stale rows."""
        query = self._window(
            sa.select(_E.id, feeds.c.url, _E.understood_version).join(
                feeds, feeds.c.id == _E.feed_id
            ),
            since,
            None,
        ).order_by(_E.first_seen_at, _E.id)
        with self._db.read("read entry versions") as conn:
            return [(row.id, row.url, row.understood_version) for row in conn.execute(query)]

    def review_history(self, *, since: datetime) -> dict[str, tuple[int, int]]:
        """Per followed feed URL, of its entries first seen since ``since`` and understood as
        the entries of a feed with no declared kind (stamped ``mixed``): how many are reviews on
        their own evidence, and how many there are. An entry the learned prior made a review
        counts as what its evidence made it, a non-review, so the counts are the same with the
        prior or without it (``understand.history``). One grouped read of an index."""
        own_review = sa.and_(
            _E.kind == Kind.REVIEW.value,
            sa.or_(_E.kind_by_history.is_(None), sa.not_(_E.kind_by_history)),
        )
        query = (
            sa.select(
                feeds.c.url,
                sa.func.sum(sa.case((own_review, 1), else_=0)),
                sa.func.count(),
            )
            .join(feeds, feeds.c.id == _E.feed_id)
            .where(
                feeds.c.followed,
                _E.first_seen_at >= since,
                _E.kind.is_not(None),
                # understood with a declared kind, a row's kind may be the hint's, not its own
                _E.understood_version.like("%/mixed%"),
            )
            .group_by(_E.feed_id, feeds.c.url)
        )
        with self._db.read("read the feeds' history") as conn:
            return {url: (int(reviews), int(total)) for url, reviews, total in conn.execute(query)}

    def store_understanding(self, understood: Sequence[tuple[int, Understood]]) -> None:
        """Write the understanding of many entries (by id), in one transaction."""
        if not understood:
            return
        statement = (
            sa.update(entries_table)
            .where(_E.id == sa.bindparam("b_id"))
            .values({name: sa.bindparam(f"b_{name}") for name in _UNDERSTANDING})
        )
        rows = [
            {"b_id": entry_id, **{f"b_{k}": v for k, v in understanding_values(u).items()}}
            for entry_id, u in understood
        ]
        with self._db.write("store what entries are about") as conn:
            conn.execute(statement, rows)


#: the largest id a row can have (a 64-bit signed integer, SQLite's and PostgreSQL's bigint)
_MAX_ID = 2**63 - 1


def _storable(text: str) -> bool:
    """Whether ``text`` is valid Unicode (no lone surrogates), as every stored text is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _as_id(key: str) -> int | None:
    """``key`` as an entry id, or None when it cannot be one: not ASCII digits ("²" and "٣" are
    digits to ``str.isdigit``), or out of the range ids have (a bigger number is no error, just
    no entry; SQLite would overflow binding it)."""
    if not (key.isascii() and key.isdigit()):
        return None
    value = int(key)
    return value if 1 <= value <= _MAX_ID else None
