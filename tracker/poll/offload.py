"""The storage calls of a poll, run off the event loop: one thread, one call at a time.

A poll's event loop fetches feeds and hands documents to the parse workers; a storage call run
on it (SQLAlchemy compiling, SQLite writing a feed's entries) stops both, and the workers sit
idle until it returns. ``StorageThread`` runs each call in one dedicated thread instead, in the
order the poll makes them, exactly one at a time as they would run inline (so storage needs no
locking of its own). ``inline`` runs them on the loop: for fakes, and for a database that lives
in one thread's memory (SQLite ``:memory:``).

Owns only where a call runs. Must not know what the calls do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")


class Offload(Protocol):
    """Runs a storage call (a function of no arguments) and returns its value."""

    async def __call__(self, call: Callable[[], T], /) -> T: ...


async def inline(call: Callable[[], T], /) -> T:
    """On the event loop itself."""
    return call()


class StorageThread:
    """In one thread of its own, started on the first call; ``close`` waits for the last."""

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None

    async def __call__(self, call: Callable[[], T], /) -> T:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="tracker-storage")
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
