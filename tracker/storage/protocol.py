"""The one ``Storage`` Protocol every caller types against: the poll, the digest, the delivery
ledger and the wiring. Any method can raise ``StorageError``.

Owns the contract, not an implementation (``tracker.storage.sql`` is the SQLAlchemy one; tests
pass fakes that implement the part they need). Imports no database library: depending on the
Protocol costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

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
    ) -> bool:
        """True when the caller may send ``week`` to ``recipient`` (exactly one caller wins)."""
        ...

    def mark_digest(
        self,
        *,
        recipient: str,
        week: str,
        status: DigestStatus,
        now: datetime,
        error: str | None = None,
        retry_at: datetime | None = None,
    ) -> None:
        """Move a claimed digest along: sending, then sent or failed."""
        ...

    def list_digests(self, *, limit: int | None = None) -> list[DigestRecord]:
        """The ledger, newest week first."""
        ...

    def retry_due_weeks(self, *, now: datetime) -> list[str]:
        """Weeks with a temporarily failed digest whose retry time has come."""
        ...
