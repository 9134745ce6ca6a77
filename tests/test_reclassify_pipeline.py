"""``tracker reclassify``'s batches: storage off the event loop, a batch read ahead for every
worker, and workers that start with the classifier already built (``warm_up``)."""

from __future__ import annotations

import asyncio
import sys
import threading
import types
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from tracker.poll import reclassify as reclassify_module
from tracker.poll.offload import StorageThread
from tracker.types import Entry, FeedHints, Understood
from tracker.understand import ingest
from tracker.understand.lazy import view
from tracker.understand.lexicon import Lexicon, default_lexicon
from tracker.understand.scan.prefilter import Pattern, compile_all

A = TypeVar("A")
R = TypeVar("R")

DAY = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def _entry(entry_id: int) -> Entry:
    return Entry(
        id=entry_id,
        feed_url="http://feed.test/rss",
        identity=f"e{entry_id}",
        title=f"Exhuma review {entry_id}",
        link=None,
        published_at=DAY,
        first_seen_at=DAY,
    )


class _Storage:
    """Just the two calls ``reclassify`` makes, recording the thread each runs in."""

    def __init__(self) -> None:
        self.threads: set[int] = set()
        self.reads: list[list[int]] = []
        self.stored: list[int] = []

    def entries_by_id(self, ids: Sequence[int]) -> list[Entry]:
        self.threads.add(threading.get_ident())
        self.reads.append(list(ids))
        return [_entry(i) for i in ids]

    def store_understanding(self, understood: Sequence[tuple[int, Understood]]) -> None:
        self.threads.add(threading.get_ident())
        self.stored += [entry_id for entry_id, _ in understood]


class _Pool:
    """One worker that holds its first batch a moment, noting how many batches were read by
    then."""

    workers = 1

    def __init__(self, storage: _Storage) -> None:
        self.storage = storage
        self.read_while_first_ran: int | None = None

    async def run(self, fn: Callable[[A], R], arg: A, *, url: str = "") -> R:
        if self.read_while_first_ran is None:
            # let the other batches' reads run in the storage thread, then look
            for _ in range(50):
                await asyncio.sleep(0.001)
                if len(self.storage.reads) >= 3:
                    break
            self.read_while_first_ran = len(self.storage.reads)
        items: Any = arg
        return [(item.entry_id, _understood()) for item in items]  # type: ignore[return-value]


def _understood() -> Understood:
    return ingest.understand_entry(_entry(0).as_data(), hints=FeedHints(), published=DAY)


def test_reclassify_reads_ahead_and_keeps_storage_off_the_event_loop() -> None:
    storage = _Storage()
    pool = _Pool(storage)
    offload = StorageThread()
    loop_threads: set[int] = set()

    async def run() -> int:
        loop_threads.add(threading.get_ident())
        return await reclassify_module.reclassify(
            list(range(1, 11)),
            storage=storage,  # type: ignore[arg-type]
            pool=pool,  # type: ignore[arg-type]
            hints={},
            batch=2,
            offload=offload,
        )

    try:
        count = asyncio.run(run())
    finally:
        offload.close()
    assert count == 10 and sorted(storage.stored) == list(range(1, 11))
    assert storage.threads and not storage.threads & loop_threads
    # while the one worker had its first batch, the next one was already read
    assert pool.read_while_first_ran is not None and pool.read_while_first_ran >= 2


def test_compile_all_compiles_a_modules_patterns_and_its_tables() -> None:
    alone, in_row, in_map = Pattern(r"\balone\b"), Pattern(r"\brow\b"), Pattern(r"\bmap\b")
    module = types.ModuleType("fake_rules")
    module.ALONE = alone  # type: ignore[attr-defined]
    module.TABLE = ((in_row, "label"),)  # type: ignore[attr-defined]
    module.BY_NAME = {"x": in_map}  # type: ignore[attr-defined]
    module.OTHER = ("not a pattern", 3)  # type: ignore[attr-defined]
    assert compile_all([module]) == 3
    assert all(p._compiled is not None for p in (alone, in_row, in_map))
    assert compile_all([module]) == 0  # once only
    assert alone.search("all alone here") is not None


def test_warm_up_leaves_nothing_for_the_first_entries_to_build() -> None:
    ingest.warm_up()
    lexicon = default_lexicon()
    views = [name for name, attr in vars(Lexicon).items() if isinstance(attr, view)]
    assert views and all(name in vars(lexicon) for name in views)
    modules = [m for name, m in sys.modules.items() if name.startswith("tracker.understand")]
    assert compile_all(modules) == 0
