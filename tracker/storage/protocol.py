"""The one ``Storage`` Protocol every caller types against: the poll, the digest, the delivery
ledger and the wiring. Any method can raise ``StorageError``.

Owns the contract, not an implementation (``tracker.storage.sql`` is the SQLAlchemy one; tests
pass fakes that implement the part they need). Imports no database library: depending on the
Protocol costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple, Protocol

from tracker.types import (
    DigestRecord,
    DigestStatus,
    Entry,
    EntryForUpdate,
    EntryUpdateIntent,
    FeedForUpdate,
    FeedSpec,
    FeedStatus,
    FeedUpdateIntent,
    FilmCard,
    KnownFilm,
    ReleaseEntry,
    Understood,
)

# -- what only ``tracker health`` reads and writes (types.py is for what flows between stages)


class PollRun(NamedTuple):
    """A poll that finished, as ``record_poll`` keeps it: when, which instance, what it came to."""

    finished_at: datetime
    owner: str | None = None
    polled: int = 0
    failed: int = 0
    #: feeds whose outcome the database refused (a full disk...), and the first such error
    unstored: int = 0
    error: str | None = None


class FeedHealth(NamedTuple):
    """A followed feed as ``tracker health`` judges it."""

    url: str
    title: str | None
    #: when its current run of failures began; None while it is not failing
    failing_since: datetime | None
    last_error: str | None


class LedgerState(NamedTuple):
    """One digest ledger row as ``tracker health`` reads it. ``status`` is the stored string,
    not a ``DigestStatus``: a state this version does not know still reads (as unhealthy)."""

    week: str
    recipient: str
    status: str
    updated_at: datetime
    error: str | None


class HealthFacts(NamedTuple):
    """Everything ``tracker health`` judges, read at once."""

    #: the last poll any instance finished, None before the first
    last_poll: PollRun | None
    #: every followed feed
    feeds: tuple[FeedHealth, ...]
    #: the ledger rows of the weeks asked for
    digests: tuple[LedgerState, ...]
    #: why the disk holding a SQLite database is full (a small write may still pass while
    #: every poll's entries are refused), None when it is not
    disk_full: str | None = None


class Storage(Protocol):
    """What kfilm-tracker keeps. Times are aware UTC; ``now`` is always the caller's."""

    #: where the data lives, with any password masked (for messages and ``tracker status``)
    url_for_display: str
    #: whether calls may come from any thread (one at a time): the poll then makes them from a
    #: thread of its own, off the event loop
    any_thread: bool

    def close(self) -> None: ...

    # -- feeds: what is followed, and polling it ---------------------------------------------

    def sync_feeds(self, specs: Sequence[FeedSpec], *, now: datetime) -> None:
        """Follow exactly ``specs``; other feeds are unfollowed and keep their state."""
        ...

    def get_feeds_for_update(
        self, *, now: datetime, due_only: bool = False, urls: Sequence[str] | None = None
    ) -> list[FeedForUpdate]:
        """Followed feeds (or ``urls``) with what polling them needs."""
        ...

    def claim_due_feeds(
        self, *, owner: str, now: datetime, lease: timedelta, limit: int | None = None
    ) -> list[FeedForUpdate]:
        """Lease at most ``limit`` due feeds nobody else holds (or whose lease expired) to
        ``owner``, oldest due first: several instances share the work a batch at a time."""
        ...

    def store_update(
        self,
        feed: FeedUpdateIntent,
        entries: Sequence[EntryUpdateIntent],
        *,
        owner: str | None = None,
    ) -> None:
        """One poll's outcome and its new or changed entries, in one transaction."""
        ...

    def store_updates(
        self,
        updates: Sequence[tuple[FeedUpdateIntent, Sequence[EntryUpdateIntent]]],
        *,
        owner: str | None = None,
    ) -> None:
        """Several ``store_update``s in one transaction: all written, or none (StorageError)."""
        ...

    def store_not_modified(
        self, intents: Sequence[FeedUpdateIntent], *, owner: str | None = None
    ) -> None:
        """Many 304 outcomes in one transaction."""
        ...

    def feed_statuses(self) -> list[FeedStatus]:
        """Every stored feed's health, followed ones first."""
        ...

    def counts(self) -> dict[str, int]:
        """``feeds`` followed, ``entries`` of them, ``failing`` feeds."""
        ...

    # -- entries and what they are about -------------------------------------------------------

    def get_entries_for_update(self, feed_url: str) -> dict[str, str]:
        """identity -> content hash of one feed's stored entries."""
        ...

    def get_entry_keys(self, feed_url: str) -> list[EntryForUpdate]:
        """One feed's stored entries with what recognises them under a new identity."""
        ...

    def list_entries(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        feed_urls: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        """Entries first seen in ``[since, until)``, newest first."""
        ...

    def entries_for_digest(self, *, since: datetime, until: datetime) -> list[Entry]:
        """A week's entries of followed feeds, oldest first, without their full content."""
        ...

    def entries_by_id(self, ids: Sequence[int]) -> list[Entry]:
        """Whole entries, in ``ids`` order."""
        ...

    def get_entry(self, key: int | str) -> Entry | None:
        """One entry by id or link, with the reasons of its understanding."""
        ...

    def understanding_versions(
        self, *, since: datetime | None = None
    ) -> list[tuple[int, str, str | None]]:
        """(id, feed URL, understood version) of the entries first seen since ``since``."""
        ...

    def review_history(self, *, since: datetime) -> dict[str, tuple[int, int]]:
        """Per followed feed, of its entries first seen since ``since`` understood as a mixed
        feed's: (reviews on their own evidence, all of them) (``understand.history``)."""
        ...

    def store_understanding(self, understood: Sequence[tuple[int, Understood]]) -> None:
        """What many entries are about, by id, in one transaction."""
        ...

    # -- films --------------------------------------------------------------------------------

    def known_films(self, base_keys: Sequence[str]) -> dict[str, list[KnownFilm]]:
        """Films remembered under these base keys."""
        ...

    def remember_films(
        self,
        cards: Sequence[tuple[str, FilmCard]],
        links: Sequence[tuple[int, str, str]],
        *,
        now: datetime,
    ) -> None:
        """Keep what a digest learnt about its films, and which entries were about them."""
        ...

    def films_of_entry(self, entry_id: int) -> list[tuple[KnownFilm, str]]:
        """The films an entry was linked to, with its role."""
        ...

    def release_entries(self) -> list[ReleaseEntry]:
        """Every entry of a followed feed understood as a release, oldest first (by first
        seen): what the release calendar is made of."""
        ...

    # -- the digest ledger --------------------------------------------------------------------

    def claim_digest(
        self,
        *,
        recipient: str,
        week: str,
        message_id: str,
        now: datetime,
        force: bool = False,
        owner: str | None = None,
        stale_before: datetime | None = None,
        orphans: Collection[str] = (),
    ) -> int | None:
        """The claim's token when the caller may send ``week`` to ``recipient`` (exactly one
        caller wins), else None. A claim not touched since ``stale_before``, or held by one of
        the ``orphans``, is taken over; so is a failed row whose retry time came."""
        ...

    def mark_digest(
        self,
        *,
        recipient: str,
        week: str,
        status: DigestStatus,
        now: datetime,
        owner: str | None,
        token: int,
        expect: Collection[DigestStatus],
        error: str | None = None,
        retry_at: datetime | None = None,
    ) -> bool:
        """Move the caller's claim (``owner``, ``token``) from one of ``expect`` to ``status``;
        False, and nothing changed, when the claim was taken over or had moved on."""
        ...

    def list_digests(
        self,
        *,
        limit: int | None = None,
        week: str | None = None,
        statuses: Collection[DigestStatus] | None = None,
    ) -> list[DigestRecord]:
        """The ledger, newest week first (only ``week``, only rows in ``statuses`` if given)."""
        ...

    def retry_due_weeks(self, *, now: datetime) -> list[str]:
        """Weeks with a temporarily failed digest whose retry time has come."""
        ...

    def skip_digest(
        self, *, recipient: str, week: str, message_id: str, reason: str, now: datetime
    ) -> bool:
        """Record ``week`` as not to be sent to ``recipient`` (``skipped``, with ``reason``);
        False when the week already has a row, which stands."""
        ...

    # -- health -------------------------------------------------------------------------------

    def record_poll(self, run: PollRun) -> None:
        """A poll finished. One that polled nothing moves only the time: the counts stay those
        of the last poll that polled something (another instance's failed writes included)."""
        ...

    def probe_write(self, *, now: datetime) -> None:
        """Commit one small write (StorageError when the database refuses it: a full disk, a
        read-only file or server)."""
        ...

    def health_facts(self, *, since_week: str) -> HealthFacts:
        """The last poll, every followed feed's failing state, and the ledger rows of
        ``since_week`` (``2026-W47``) and later, in one read."""
        ...
