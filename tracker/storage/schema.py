"""The database tables, defined once (SQLAlchemy Core ``MetaData``), and the UTC datetime type.

Owns the names, columns, keys and indexes the storage code reads and writes. Must not connect to
anything or create tables itself: the Alembic migrations in ``migrations/versions/`` create them
(each migration is a frozen snapshot; a test checks that the migrated database matches this file).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

# Stable constraint names, so later (batch) migrations can refer to them on both backends.
metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """An aware UTC datetime stored as a naive UTC timestamp.

    SQLite has no time zones (it would silently drop the offset, shifting every +09:00 time by
    nine hours), so both backends store naive UTC and get aware UTC back. A naive datetime on the
    way in is a bug in the caller (which zone was it?), so it raises ValueError.
    """

    impl = sa.DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given to storage; pass aware UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            return value.astimezone(UTC)
        return value.replace(tzinfo=UTC)


feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    #: the title the config or the catalog gives; wins over the document's title for display
    sa.Column("title", sa.Text),
    #: the title the feed document gives (kept apart so a config sync and a poll never flip-flop)
    sa.Column("feed_title", sa.Text),
    sa.Column("site", sa.Text),
    sa.Column("kind", sa.Text, nullable=False, server_default="mixed"),
    sa.Column("followed", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    #: NULL means due now (a feed never polled)
    sa.Column("next_poll_at", UTCDateTime),
    sa.Column("last_checked_at", UTCDateTime),
    sa.Column("last_success_at", UTCDateTime),
    sa.Column("consecutive_errors", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("http_status", sa.Integer),
    #: feedparser's format name (rss20, atom10...)
    sa.Column("version", sa.Text),
    sa.Column("final_url", sa.Text),
    sa.Column("first_polled_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    #: which instance is polling this feed right now, and until when (several daemons, one PG)
    sa.Column("lease_owner", sa.Text),
    #: the document's own poll interval (RSS ttl, sy:updatePeriod) in seconds, from the last 200
    sa.Column("ttl_seconds", sa.Integer),
    #: (0007) a hash of the last document parsed, with its URL and type: the same bytes again
    #: from a server without validators are not parsed again
    sa.Column("body_hash", sa.Text),
    sa.Column("lease_until", UTCDateTime),
    #: politeness (0003): the server said 410 Gone at this time; never due while set
    sa.Column("gone_at", UTCDateTime),
    #: a permanent redirect (301/308) seen on every poll since ``redirect_since``
    sa.Column("redirect_url", sa.Text),
    sa.Column("redirect_since", UTCDateTime),
    #: where the feed is fetched once that redirect settled; ``url`` stays its identity
    sa.Column("effective_url", sa.Text),
    #: (0008) when its current run of failures began (NULL while it is not failing): ``tracker
    #: health`` counts the feeds failing for over a day
    sa.Column("failing_since", UTCDateTime),
)

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "feed_id",
        sa.Integer,
        sa.ForeignKey("feeds.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("identity", sa.Text, nullable=False),
    sa.Column("identity_source", sa.Text, nullable=False),
    sa.Column("guid", sa.Text),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("link", sa.Text),
    sa.Column("published_at", UTCDateTime, nullable=False),
    #: the feed's own <updated>, when it has one (not the row's modification time)
    sa.Column("updated_at", UTCDateTime),
    sa.Column("first_seen_at", UTCDateTime, nullable=False),
    sa.Column("last_seen_at", UTCDateTime, nullable=False),
    sa.Column("summary", sa.Text),
    sa.Column("content", sa.Text),
    sa.Column("author", sa.Text),
    #: JSON list of strings
    sa.Column("categories", sa.Text, nullable=False, server_default="[]"),
    sa.Column("image", sa.Text),
    #: JSON object of strings
    sa.Column("extra", sa.Text, nullable=False, server_default="{}"),
    sa.Column("content_hash", sa.Text, nullable=False),
    # -- what the understand stage made of the entry (0006), written on ingest. NULL
    # ``understood_version`` means never understood; a version other than the running
    # classifier's (or the feed's hints) means stale: re-understood before a digest uses it.
    sa.Column("understood_version", sa.Text),
    #: review | release | news | other
    sa.Column("kind", sa.Text),
    sa.Column("korean", sa.Boolean),
    #: the film or series as the entry names it, and its clustering key (normalised title)
    sa.Column("film", sa.Text),
    sa.Column("film_key", sa.Text),
    #: the critic's rating on a 0-5 scale
    sa.Column("rating", sa.Float),
    sa.Column("platform", sa.Text),
    sa.Column("release_date", sa.Date),
    #: JSON owned by ``tracker.understand.record``: the rest of the understanding and the
    #: matching keys (film keys, the syndication fingerprint, the excerpt)
    sa.Column("understanding", sa.Text),
    #: JSON list: which rules fired and on which words, for ``tracker explain`` only
    sa.Column("understood_why", sa.Text),
    #: the kind came from the feed's learned prior, not the entry's evidence (0009): the
    #: feed's history counts such a row as a non-review. NULL (understood before 0009): evidence
    sa.Column("kind_by_history", sa.Boolean),
    sa.UniqueConstraint("feed_id", "identity"),
    sa.Index("ix_entries_first_seen_at", "first_seen_at"),
    sa.Index("ix_entries_link", "link"),
    sa.Index("ix_entries_film_key", "film_key"),
    # covers ``review_history``: each feed's window read from the index alone, not the rows
    sa.Index(
        "ix_entries_review_history",
        "feed_id",
        "first_seen_at",
        "kind",
        "kind_by_history",
        "understood_version",
    ),
)

#: the digest ledger: one row per recipient and ISO week. Claiming a digest is a unique insert,
#: so two processes (or a restarted daemon) can never both send the same week to one recipient.
digests = sa.Table(
    "digests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("recipient", sa.Text, nullable=False),
    #: ISO week, "2026-W47"
    sa.Column("week", sa.Text, nullable=False),
    #: claimed -> sending -> sent | failed
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("message_id", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
    #: a failed row that is worth retrying (a temporary SMTP failure), and not before when
    sa.Column("retry_at", UTCDateTime),
    sa.Column("error", sa.Text),
    sa.Column("owner", sa.Text),
    sa.Column("claimed_at", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("recipient", "week"),
)

#: films the digests have met, so a later week can reuse what an earlier one learnt (a review
#: that arrives after the Netflix release still shows the Netflix date and the poster)
films = sa.Table(
    "films",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    #: normalised title and year ("ballerina-2023"): one row per film
    sa.Column("key", sa.Text, nullable=False, unique=True),
    #: normalised title without the year, to find a film when a week does not state the year
    sa.Column("base_key", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("title_hangul", sa.Text),
    sa.Column("year", sa.Integer),
    sa.Column("platform", sa.Text),
    sa.Column("release_date", sa.Date),
    sa.Column("poster", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_films_base_key", "base_key"),
)

#: which entries are about which film, and in what role (review, release, news)
entry_films = sa.Table(
    "entry_films",
    metadata,
    sa.Column(
        "entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "film_id", sa.Integer, sa.ForeignKey("films.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("role", sa.Text, nullable=False),
    sa.Index("ix_entry_films_film_id", "film_id"),
)

#: (0008) the last run of each kind ("poll"): when it finished, which instance ran it, and what
#: the last poll that polled anything came to. Shared by every instance on one database, so
#: ``tracker health`` can tell "nothing has polled for hours" from any process.
runs = sa.Table(
    "runs",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("finished_at", UTCDateTime, nullable=False),
    sa.Column("owner", sa.Text),
    sa.Column("polled", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
    #: feeds whose outcome the database refused (a full disk...), and the first such error
    sa.Column("unstored", sa.Integer, nullable=False, server_default="0"),
    sa.Column("error", sa.Text),
)
