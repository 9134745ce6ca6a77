"""A poll's feed updates written in batches: what waits when the storage is free goes in one
transaction.

Each feed's outcome (its row and its new or changed entries) is handed to ``UpdateWriter.store``,
which returns once it is written. While one write runs, the next feeds' updates wait; they are
then written together (``Storage.store_updates``), so a poll of many feeds pays for a few
transactions instead of one per feed, and a poll of one feed for one, with no delay added.
A batch that cannot be written (a lost lease among its feeds) is written again feed by feed, so
each feed gets its own outcome and one lost lease never loses the others.

Owns only the batching; the calls run through the poll's ``Offload``. Must not decide anything
about what is written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial

from tracker.exceptions import StorageError
from tracker.poll.offload import Offload
from tracker.storage.protocol import Storage
from tracker.types import EntryUpdateIntent, FeedUpdateIntent

Update = tuple[FeedUpdateIntent, Sequence[EntryUpdateIntent]]


class UpdateWriter:
    """Writes the feed updates of one poll (one event loop), batching those that wait."""

    def __init__(self, storage: Storage, offload: Offload, *, owner: str | None = None) -> None:
        self._storage = storage
        self._offload = offload
        self._owner = owner
        self._waiting: list[tuple[Update, asyncio.Future[None]]] = []
        self._writing: asyncio.Task[None] | None = None

    async def store(self, feed: FeedUpdateIntent, entries: Sequence[EntryUpdateIntent]) -> None:
        """Write one feed's update (with whatever else is waiting); raises its StorageError."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(((feed, entries), done))
        if self._writing is None or self._writing.done():
            self._writing = asyncio.create_task(self._write_waiting())
        await done

    async def _write_waiting(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                await self._write(batch)
            except BaseException as error:  # a bug, or cancelled: every waiter learns of it
                for _, done in batch:
                    _settle(done, error)
                if not isinstance(error, Exception):
                    raise

    async def _write(self, batch: list[tuple[Update, asyncio.Future[None]]]) -> None:
        updates = [update for update, _ in batch]
        owner = self._owner
        try:
            if len(updates) == 1:
                await self._offload(partial(self._storage.store_update, *updates[0], owner=owner))
            else:
                await self._offload(partial(self._storage.store_updates, updates, owner=owner))
        except StorageError as error:
            if len(batch) == 1:
                _settle(batch[0][1], error)
                return
            for update, done in batch:  # alone, each gets its own outcome
                try:
                    await self._offload(partial(self._storage.store_update, *update, owner=owner))
                except StorageError as alone:
                    _settle(done, alone)
                else:
                    _settle(done)
            return
        for _, done in batch:
            _settle(done)


def _settle(done: asyncio.Future[None], error: BaseException | None = None) -> None:
    """Tell one waiter its outcome, unless it stopped waiting (its poll was cancelled): the
    others of its batch still learn theirs."""
    if done.done():
        return
    if error is None:
        done.set_result(None)
    else:
        done.set_exception(error)
