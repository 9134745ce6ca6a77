"""The data that flows between the stages. Owns plain data types only: no I/O, no library imports.

Names follow the data (borrowed from lemon24/reader):

* ``FeedSpec``: a feed the config follows (catalog collection or ``[[feeds]]``).
* ``FetchResult``: what the fetch adapter got from the server.
* ``FeedData`` / ``EntryData``: what the feed says (output of ``parse``).
* ``FeedForUpdate`` / ``EntryForUpdate``: what storage hands the updater.
* ``FeedUpdateIntent`` / ``EntryUpdateIntent``: what the updater hands storage.
* ``UpdateResult``: the outcome for one feed; a failure is a value, not an exception.
* ``Entry``, ``FeedStatus``: stored things as the CLI and the digest see them.

Frozen dataclasses for data, NamedTuples for small records, StrEnums for closed sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from tracker.exceptions import UpdateError


class FeedKind(StrEnum):
    """What a feed mostly carries: a hint for the classifier, from the catalog or the config."""

    REVIEW = "review"
    RELEASE = "release"
    NEWS = "news"
    MIXED = "mixed"


class Kind(StrEnum):
    """What one entry is (see the labelling rules in the shared data README)."""

    REVIEW = "review"
    RELEASE = "release"
    NEWS = "news"
    OTHER = "other"


@dataclass(frozen=True)
class FeedSpec:
    """One followed feed, as the config and the catalog describe it."""

    url: str
    title: str | None = None
    site: str | None = None
    kind: FeedKind = FeedKind.MIXED
    korean_only: bool = False
    #: poll interval for this feed; None means ``[poll] interval``
    interval: timedelta | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: the catalog collection it comes from, None for a ``[[feeds]]`` entry
    collection: str | None = None


class Redirect(NamedTuple):
    """One hop of a redirect chain."""

    status: int
    url: str


@dataclass(frozen=True)
class FetchResult:
    """What the server sent. ``body`` is None on 304 Not Modified."""

    url: str
    final_url: str
    status: int
    body: bytes | None
    #: response headers, names lower-cased (what feedparser's ``response_headers`` wants)
    headers: Mapping[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[Redirect, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FeedData:
    """What the feed document says about itself."""

    url: str
    title: str | None = None
    link: str | None = None
    #: feedparser's version string, e.g. ``rss20``, ``atom10``, ``rss090``
    version: str | None = None
    updated: datetime | None = None
    #: RSS ``<ttl>`` in minutes / ``sy:updatePeriod`` as seconds, for polite scheduling
    ttl: timedelta | None = None


@dataclass(frozen=True)
class EntryData:
    """One entry as the feed says it, normalised for storage and email.

    ``identity`` is the stable key within its feed: the guid, else the canonical link, else a
    hash of link, title and date. ``identity_source`` says which one it is (``guid``, ``link``,
    ``hash``) so ``tracker explain`` can tell.
    """

    identity: str
    title: str
    link: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    #: sanitised HTML (nh3), safe to put in an email
    summary: str | None = None
    #: sanitised HTML of the full content, when the feed has it
    content: str | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()
    image: str | None = None
    identity_source: str = "guid"
    guid: str | None = None
    #: extra namespaced values worth keeping (e.g. ``letterboxd:filmTitle``)
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedFeed:
    """The output of ``parse``: the feed and its entries, plus a warning when the document was odd
    but still usable (feedparser's ``bozo`` with entries)."""

    feed: FeedData
    entries: tuple[EntryData, ...]
    warning: str | None = None


@dataclass(frozen=True)
class FeedForUpdate:
    """What storage knows about a feed that the updater needs to poll it."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    next_poll_at: datetime | None = None
    last_success_at: datetime | None = None
    consecutive_errors: int = 0
    #: True once an update succeeded at least once (a feed's first poll is special for digests)
    polled_before: bool = False
    #: where to fetch it when a permanent redirect has moved it (None: ``url`` itself)
    effective_url: str | None = None
    #: a permanent redirect target seen on the last polls, and since when without a change
    redirect_url: str | None = None
    redirect_since: datetime | None = None
    #: the server said 410 Gone: not polled again until the feed is re-added or polled by name
    gone: bool = False
    #: what the document last said about how often to poll it (RSS ttl, sy:updatePeriod): a
    #: 304 has no document, so it is kept from the last 200
    ttl: timedelta | None = None
    #: the last document parsed, by hash (with its URL and type): the same bytes are not parsed
    #: again
    body_hash: str | None = None

    @property
    def fetch_url(self) -> str:
        """The URL to request: the moved-to URL once a permanent redirect has settled."""
        return self.effective_url or self.url


class EntryForUpdate(NamedTuple):
    """What storage knows about a stored entry: enough to decide new / changed / unchanged, and
    to recognise it under a new identity (a feed whose guids change on every poll)."""

    identity: str
    content_hash: str
    link: str | None = None
    title: str | None = None
    guid: str | None = None
    identity_source: str = "guid"
    published: datetime | None = None


@dataclass(frozen=True)
class ListedRelease:
    """One title of a "what's new this week" roundup."""

    film: str
    release_date: date | None
    korean: bool
    season: int | None = None


class FeedHints(NamedTuple):
    """What the classifier weighs about a feed: what the config says it mostly carries, whether
    everything in it is Korean, and the prior its own history teaches (``understand.history``)."""

    kind: FeedKind = FeedKind.MIXED
    korean_only: bool = False
    learned: FeedKind | None = None

    @property
    def tag(self) -> str:
        """A short stable form for classifier version stamps (``review``, ``mixed+korean``,
        ``mixed~review`` for a learned prior)."""
        learned = f"~{self.learned.value}" if self.learned is not None else ""
        return f"{self.kind.value}{'+korean' if self.korean_only else ''}{learned}"


class Understood(NamedTuple):
    """What the understand stage made of one entry, as storage keeps it (written on ingest).

    The columns storage can query are plain fields; ``detail`` is JSON that only
    ``tracker.understand.record`` reads and writes (the rest of the understanding and the
    matching keys); ``reasons`` are the rules that fired, for ``tracker explain``. ``version``
    is the classifier version and the feed's hints it was computed with: another version is
    stale and is understood again before a digest uses it.
    """

    version: str
    kind: Kind
    korean: bool
    film: str | None
    film_key: str | None
    rating: float | None
    platform: str | None
    release_date: date | None
    detail: str
    reasons: tuple[str, ...] = ()
    #: the feed's learned prior decided the kind: its history counts it a non-review
    by_history: bool = False


@dataclass(frozen=True)
class EntryUpdateIntent:
    """Insert or update one entry."""

    feed_url: str
    entry: EntryData
    content_hash: str
    #: when we first saw it (kept on update); the digest selects by this, not by ``published``
    first_seen_at: datetime
    #: the feed's own date, else first seen
    published_at: datetime
    new: bool
    #: what the entry is about, understood on ingest (None: understood later, before a digest)
    understood: Understood | None = None


@dataclass(frozen=True)
class FeedUpdateIntent:
    """Record the outcome of polling one feed (success or failure) and when to poll it next."""

    url: str
    checked_at: datetime
    next_poll_at: datetime
    #: None on failure (then ``error`` is set)
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    http_status: int | None = None
    final_url: str | None = None
    error: str | None = None
    consecutive_errors: int = 0
    #: set on success only
    success: bool = False
    #: the document format on success (``rss20``, ``atom10``...)
    version: str | None = None
    #: 410 Gone: stop polling the feed
    gone: bool = False
    #: the permanent redirect being watched (None clears it) and since when; only written when
    #: ``redirect_known`` (a failure that never reached the server changes nothing)
    redirect_url: str | None = None
    redirect_since: datetime | None = None
    redirect_known: bool = False
    #: a settled permanent redirect: poll here from now on (None: leave as it is)
    move_to: str | None = None
    #: on a success with a document: its ttl (None: it states none)
    ttl: timedelta | None = None
    #: on a success with a document: its hash (``FeedForUpdate.body_hash``)
    body_hash: str | None = None


@dataclass(frozen=True)
class UpdatedFeed:
    """Counts for one successfully polled feed."""

    url: str
    new: int = 0
    modified: int = 0
    unchanged: int = 0
    not_modified: bool = False


class UpdateResult(NamedTuple):
    """The outcome for one feed: an ``UpdatedFeed`` or the ``UpdateError`` that stopped it."""

    url: str
    value: UpdatedFeed | UpdateError

    @property
    def error(self) -> UpdateError | None:
        return self.value if isinstance(self.value, UpdateError) else None


@dataclass(frozen=True)
class PollSummary:
    """Totals for one poll cycle, for the CLI's summary line and the daemon's log line."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    new: int = 0
    updated: int = 0

    @classmethod
    def of(cls, results: list[UpdateResult]) -> PollSummary:
        polled = not_modified = failed = new = updated = 0
        for result in results:
            polled += 1
            value = result.value
            if isinstance(value, UpdateError):
                failed += 1
                continue
            not_modified += value.not_modified
            new += value.new
            updated += value.modified
        return cls(polled, not_modified, failed, new, updated)


@dataclass(frozen=True)
class Entry:
    """A stored entry, as the CLI and the digest see it."""

    id: int
    feed_url: str
    identity: str
    title: str
    link: str | None
    published_at: datetime
    first_seen_at: datetime
    summary: str | None = None
    content: str | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()
    image: str | None = None
    feed_title: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    #: which key ``identity`` is: the feed's ``guid``, its ``link``, or a ``hash`` of both
    identity_source: str = "guid"
    guid: str | None = None
    #: what it is about, as stored (None: never understood)
    understood: Understood | None = None

    def as_data(self) -> EntryData:
        """The stored entry in the shape the parser gave it (what the classifier reads)."""
        return EntryData(
            identity=self.identity,
            title=self.title,
            link=self.link,
            published=self.published_at,
            summary=self.summary,
            content=self.content,
            author=self.author,
            categories=self.categories,
            image=self.image,
            identity_source=self.identity_source,
            guid=self.guid,
            extra=self.extra,
        )


@dataclass(frozen=True)
class FeedStatus:
    """A stored feed's health, for ``tracker status``."""

    url: str
    title: str | None
    followed: bool
    entries: int
    last_checked_at: datetime | None
    last_success_at: datetime | None
    next_poll_at: datetime | None
    consecutive_errors: int
    last_error: str | None
    http_status: int | None = None
    version: str | None = None
    first_polled_at: datetime | None = None
    #: when the server said 410 Gone (the feed is no longer polled), else None
    gone_at: datetime | None = None
    #: the URL polled instead of ``url`` since a permanent redirect settled, else None
    moved_to: str | None = None
    #: a permanent redirect being watched before it settles, and since when
    redirect_url: str | None = None
    redirect_since: datetime | None = None
    #: when the newest of its entries was first seen, None when it has none
    last_entry_at: datetime | None = None

    @property
    def state(self) -> str:
        """``gone``, ``failing``, ``ok`` or ``never polled``."""
        if self.gone_at is not None:
            return "gone"
        if self.consecutive_errors:
            return "failing"
        return "ok" if self.last_success_at else "never polled"


# -- the digest --------------------------------------------------------------------------------


class IsoWeek(NamedTuple):
    """An ISO 8601 week, e.g. ``IsoWeek(2026, 47)`` printed as ``2026-W47``."""

    year: int
    week: int

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


@dataclass(frozen=True)
class Source:
    """Where an item came from: the feed's title and the article's link."""

    name: str
    link: str | None = None


@dataclass(frozen=True)
class DigestItem:
    """One entry as the digest shows it. Text fields are plain text (the templates escape them);
    ``summary_html`` is already sanitised HTML; links are absolute http(s) or None."""

    entry_id: int
    kind: Kind
    title: str
    link: str | None
    source: str
    published_at: datetime
    author: str | None = None
    #: one line of plain text, for the card
    excerpt: str | None = None
    summary_html: str | None = None
    image: str | None = None
    film: str | None = None
    rating: float | None = None
    rating_text: str | None = None
    platform: str | None = None
    release_date: date | None = None
    korean: bool = True
    #: the same article in other feeds (syndication), shown once with these links
    also_covered_by: tuple[Source, ...] = ()


@dataclass(frozen=True)
class FilmCard:
    """One film or series: everything the week brought about it."""

    key: str
    title: str
    title_hangul: str | None = None
    year: int | None = None
    poster: str | None = None
    platform: str | None = None
    release_date: date | None = None
    #: True when its release date falls inside the digest's week
    released_this_week: bool = False
    reviews: tuple[DigestItem, ...] = ()
    releases: tuple[DigestItem, ...] = ()
    news: tuple[DigestItem, ...] = ()

    @property
    def ratings(self) -> tuple[float, ...]:
        return tuple(r.rating for r in self.reviews if r.rating is not None)

    @property
    def consensus(self) -> float | None:
        """The mean critics' rating (0-5), None when no review states one."""
        ratings = self.ratings
        return round(sum(ratings) / len(ratings), 2) if ratings else None


@dataclass(frozen=True)
class CoverageNote:
    """A feed the reader should know about: it failed, went silent or is gone this week."""

    url: str
    title: str
    state: str  # "failing" | "silent" | "gone"
    detail: str


@dataclass(frozen=True)
class DigestCounts:
    films: int = 0
    reviews: int = 0
    releases: int = 0
    news: int = 0
    sources: int = 0


@dataclass(frozen=True)
class Digest:
    """One week's digest, built by pure code from stored entries; what the templates render."""

    week: IsoWeek
    #: the window, half-open [start, end), aware datetimes in the digest's time zone
    start: datetime
    end: datetime
    timezone: str
    generated_at: datetime
    films: tuple[FilmCard, ...] = ()
    #: release items for "New on Netflix" (and other platforms), soonest first
    releases: tuple[DigestItem, ...] = ()
    #: news not attached to any film
    news: tuple[DigestItem, ...] = ()
    coverage: tuple[CoverageNote, ...] = ()
    counts: DigestCounts = DigestCounts()
    title: str = "Korean film this week"

    @property
    def week_label(self) -> str:
        last = self.end - timedelta(days=1)
        if self.start.month == last.month:
            span = f"{self.start:%b} {self.start.day}–{last.day}"
        else:
            span = f"{self.start:%b} {self.start.day} – {last:%b} {last.day}"
        return f"{span}, {last.year}"

    @property
    def empty(self) -> bool:
        return not (self.films or self.releases or self.news)


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    html: str
    text: str


class DigestStatus(StrEnum):
    """A digest's place in the ledger (``tracker.deliver.ledger`` tells the whole story)."""

    CLAIMED = "claimed"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class DigestRecord:
    """One row of the digest ledger: one recipient, one ISO week."""

    recipient: str
    week: str
    status: DigestStatus
    message_id: str
    attempts: int
    claimed_at: datetime
    updated_at: datetime
    sent_at: datetime | None = None
    error: str | None = None
    retry_at: datetime | None = None
    owner: str | None = None  # the process holding a claim (``tracker.deliver.owner``)


@dataclass(frozen=True)
class KnownFilm:
    """A film remembered from earlier digests: what later weeks can reuse (its release date,
    platform, poster, Hangul title) when a review arrives after the release news."""

    key: str
    base_key: str
    title: str
    updated_at: datetime
    title_hangul: str | None = None
    year: int | None = None
    platform: str | None = None
    release_date: date | None = None
    poster: str | None = None


class ReleaseEntry(NamedTuple):
    """A stored entry understood as a release (a dated announcement, or a roundup listing
    titles with their dates), as the release calendar reads it: no text."""

    id: int
    title: str
    link: str | None
    #: the feed's title (the config's, else the document's), else its URL
    source: str
    first_seen_at: datetime
    #: when a poll last wrote the row (new, or its content changed): its change time
    changed_at: datetime
    understood: Understood
