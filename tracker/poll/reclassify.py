"""``tracker reclassify``: stored entries understood again, in batches, in the worker processes.

Owns choosing the rows (missing or stale understandings: an older classifier, or feed hints the
config has changed since; or every row), and running batches through the parse workers while
this process reads the next batch and writes the last one, off the event loop (``offload``), so
a worker that finishes a batch finds the next one read and is handed it at once. Takes storage
and the pool as arguments; must not read the clock or the config.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime

from tracker.poll.offload import Offload, StorageThread, inline
from tracker.poll.workers import ParserPool, UnderstandItem, understand_batch
from tracker.storage.protocol import Storage
from tracker.types import FeedHints
from tracker.understand.version import version_for

#: entries understood per worker job
BATCH = 250


def stale_ids(
    storage: Storage,
    hints: Mapping[str, FeedHints],
    *,
    since: datetime | None = None,
    everything: bool = False,
) -> list[int]:
    """The entries (first seen since ``since``) whose understanding is missing or stale, or
    all of them with ``everything``, oldest first."""
    return [
        entry_id
        for entry_id, url, version in storage.understanding_versions(since=since)
        if everything or version != version_for(hints.get(url, FeedHints()))
    ]


async def reclassify(
    ids: list[int],
    *,
    storage: Storage,
    pool: ParserPool,
    hints: Mapping[str, FeedHints],
    batch: int = BATCH,
    on_progress: Callable[[int], None] | None = None,
    offload: Offload | None = None,
) -> int:
    """Understand ``ids`` again and store the results; returns how many were. Storage calls
    run through ``offload``: by default a thread of their own where the database allows it
    (``any_thread``), else on the event loop."""
    if offload is None:
        thread = StorageThread() if storage.any_thread else None
        try:
            return await _reclassify(
                ids, storage, pool, hints, batch, on_progress, thread or inline
            )
        finally:
            if thread is not None:
                thread.close()
    return await _reclassify(ids, storage, pool, hints, batch, on_progress, offload)


async def _reclassify(
    ids: list[int],
    storage: Storage,
    pool: ParserPool,
    hints: Mapping[str, FeedHints],
    batch: int,
    on_progress: Callable[[int], None] | None,
    offload: Offload,
) -> int:
    batches = [ids[i : i + batch] for i in range(0, len(ids), batch)]
    done = 0
    # a batch read ahead for every worker besides the one it works on: when a worker finishes,
    # the pool hands it the next batch while this process writes the last one (measured on
    # 5,000 entries and two workers: with one batch a worker, they sat idle a third of the time)
    limit = asyncio.Semaphore(2 * max(1, pool.workers))

    def read(chunk: list[int]) -> list[UnderstandItem]:
        return [
            UnderstandItem(e.id, e.as_data(), hints.get(e.feed_url, FeedHints()), e.published_at)
            for e in storage.entries_by_id(chunk)
        ]

    async def one(chunk: list[int]) -> None:
        nonlocal done
        async with limit:
            items = await offload(lambda: read(chunk))
            if len(batches) == 1:
                understood = understand_batch(items)  # one batch: no worker worth starting
            else:
                understood = await pool.run(understand_batch, items)
            await offload(lambda: storage.store_understanding(understood))
        done += len(understood)
        if on_progress is not None:
            on_progress(len(understood))

    await asyncio.gather(*(one(chunk) for chunk in batches))
    return done
