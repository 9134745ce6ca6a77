"""A poll shared by several instances: the due feeds claimed a bounded batch at a time.

Owns the loop of a leased poll (``update_due``): claim a batch of due feeds through ``claim``
(storage makes each claim atomic and leases the batch: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL,
the write lock on SQLite; oldest due first), start them, and claim the next batch as soon as the
feeds in flight drop to one batch, until a claim comes back short (nothing more is free now;
the next poll takes what becomes due or whose lease expires). The 304s of the feeds done so far
are written before each claim, so their leases end with their batch, not with the poll.

Why batches: an instance that claimed every due feed at once left nothing to the others (three
``tracker poll --due`` started together on 300 due feeds polled 0, 300 and 0 of them), and held
its last feeds for the whole poll, so a lease had to outlast a poll of any size. Claimed a batch
at a time, N instances split a poll, and a lease only has to cover a feed from its claim to its
store (at most one batch is ahead of it).

Must not choose the feeds (storage does), poll one (``update.update_feed`` does), read the clock
or touch a library directly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.exceptions import StorageError
from tracker.poll.offload import Offload, inline
from tracker.poll.update import (
    FailureRecorder,
    Fetcher,
    Schedule,
    feed_poller,
    not_modified_unrecorded,
)
from tracker.poll.workers import ParseRunner
from tracker.poll.writer import UpdateWriter
from tracker.storage.protocol import Storage
from tracker.types import FeedForUpdate, FeedHints, FeedUpdateIntent, UpdateResult


@dataclass(frozen=True)
class Lease:
    """How this instance claims due feeds: as whom, for how long, and how many at a time."""

    owner: str
    length: timedelta
    batch: int

    def claim(self, storage: Storage, now: datetime) -> list[FeedForUpdate]:
        """Lease one batch of due feeds (fewer when fewer are free), oldest due first."""
        return storage.claim_due_feeds(
            owner=self.owner, now=now, lease=self.length, limit=self.batch
        )


async def update_due(
    lease: Lease,
    first: Sequence[FeedForUpdate],
    *,
    fetcher: Fetcher,
    storage: Storage,
    parse: ParseRunner,
    schedule: Schedule,
    now: Callable[[], datetime],
    on_claimed: Callable[[Sequence[FeedForUpdate]], None] | None = None,
    on_result: Callable[[UpdateResult], None] | None = None,
    hints: Mapping[str, FeedHints] | None = None,
    offload: Offload = inline,
) -> list[UpdateResult]:
    """Poll due feeds claimed a ``lease.batch`` at a time (at most two batches in flight: one
    draining, the next started) until a claim comes back short; one result per feed, in claim
    order.

    ``first`` is the batch the caller claimed (``lease.claim``: it chose the parse runner by its
    size); each batch claimed here goes to ``on_claimed`` as it starts. Every write is fenced by
    ``lease.owner``. Cancelled, the feeds in flight are cancelled too (their leases expire)."""
    batch, owner = lease.batch, lease.owner
    if batch < 1:
        raise ValueError("a lease's batch must be at least 1")
    not_modified: list[FeedUpdateIntent] = []
    #: 304s whose batch write the database refused (a full disk): failed feeds, not unchanged
    unrecorded: list[FeedUpdateIntent] = []
    refused: list[StorageError] = []
    recorder = FailureRecorder(storage, schedule, now, owner, offload)
    writer = UpdateWriter(storage, offload, owner=owner)
    started: list[asyncio.Task[UpdateResult]] = []
    polled: list[FeedForUpdate] = []
    running: dict[asyncio.Task[UpdateResult], str] = {}

    one = feed_poller(
        fetcher=fetcher,
        storage=storage,
        parse=parse,
        schedule=schedule,
        now=now,
        owner=owner,
        not_modified=not_modified,
        hints=hints,
        offload=offload,
        writer=writer,
        recorder=recorder,
        on_result=on_result,
    )

    def start(claimed: Sequence[FeedForUpdate]) -> None:
        # a feed still in flight here whose lease ran out and came back to us: it is already
        # being polled, and its store releases the renewed lease
        fresh = [feed for feed in claimed if feed.url not in running.values()]
        if on_claimed is not None and fresh and claimed is not first:
            on_claimed(fresh)
        polled.extend(fresh)
        for feed in fresh:
            task = asyncio.create_task(one(feed))
            started.append(task)
            running[task] = feed.url

    async def write_not_modified() -> None:
        if not_modified:
            done = not_modified[:]
            del not_modified[:]  # the same list the feeds in flight append to
            try:
                await offload(lambda: storage.store_not_modified(done, owner=owner))
            except StorageError as error:
                unrecorded.extend(done)
                refused.append(error)

    start(first)
    more = len(first) >= batch
    try:
        while True:
            if more and len(running) <= batch:
                await write_not_modified()
                claimed = await offload(lambda: lease.claim(storage, now()))
                more = len(claimed) >= batch
                start(claimed)
            if not running:
                break
            done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                del running[task]
                task.result()  # a bug in one feed's poll stops the poll, as it always did
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        await write_not_modified()
    results = [task.result() for task in started]
    if refused:
        results = await not_modified_unrecorded(results, unrecorded, refused[0], polled, recorder)
    return results
