"""Parsing and understanding feed documents in worker processes.

Owns the jobs a worker runs (``parse_job``: parse one document, hash its entries, and understand
the ones that are new or changed; ``understand_batch``: understand stored entries again, for
``tracker reclassify``) and the pool that runs them: forkserver processes started on
first use, a worker that dies costs one document (retried once on a fresh pool, then a
``ParseError``), a document that hangs a worker past its deadline is refused, and where workers
cannot start at all (a script read from stdin) parsing goes inline; the workers end when this
process ends, however it ends (``tracker.poll.lifeline``). feedparser and the
classifier are pure Python and the slowest part of a poll, hence processes, not threads.

Must not fetch, store or decide anything about polling: ``tracker.poll.update`` does.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from multiprocessing import forkserver
from typing import NamedTuple, TypeVar

from tracker.exceptions import ParseError
from tracker.poll.lifeline import Lifeline, arm
from tracker.types import EntryData, FeedHints, ParsedFeed, Understood

log = logging.getLogger(__name__)

A = TypeVar("A")
R = TypeVar("R")

#: below this many documents to parse, worker processes cost more than they save
POOL_THRESHOLD = 4
#: a fresh worker pool must answer a trivial job within this long, or parsing goes inline
WORKER_START_TIMEOUT = 30.0
#: what a worker needs, loaded and warmed once by the fork server before it forks any; with
#: ``__main__`` (multiprocessing's own default) among them, a worker finds the main module
#: already loaded instead of running it again (on Python 3.11, through ``tracker.poll.preload``:
#: see ``_main_path``)
PRELOAD = ("__main__", "tracker.poll.preload")
#: one document may take a parser worker this long (at least [poll] timeout)
PARSE_TIMEOUT = 60.0


class ParseJob(NamedTuple):
    """One fetched document and what is needed to understand its entries."""

    body: bytes
    url: str
    headers: Mapping[str, str]
    now: datetime
    hints: FeedHints = FeedHints()
    #: identity -> content hash of the feed's stored entries: only the others are understood
    known: Mapping[str, str] = {}


class ParseOutcome(NamedTuple):
    parsed: ParsedFeed
    #: identity -> content hash of every entry of the document
    hashes: dict[str, str]
    #: identity -> understanding, for the entries that were new or changed
    understood: dict[str, Understood]


def parse_job(job: ParseJob) -> ParseOutcome:
    """Parse one document, hash its entries, understand the new and changed ones. Top-level
    and picklable: it runs in worker processes."""
    # imported where the work is done: the process that only hands jobs out never loads
    # feedparser or the classifier (a worker imports them once, on its first job)
    from tracker.parse.entries import content_hash
    from tracker.parse.feed import parse_feed
    from tracker.understand.ingest import understand_entry

    parsed = parse_feed(job.body, url=job.url, headers=job.headers, now=job.now)
    hashes = {entry.identity: content_hash(entry) for entry in parsed.entries}
    understood: dict[str, Understood] = {}
    for entry in parsed.entries:
        if job.known.get(entry.identity) == hashes[entry.identity]:
            continue
        try:
            understood[entry.identity] = understand_entry(
                entry, hints=job.hints, published=entry.published or entry.updated or job.now
            )
        except Exception:
            # a classifier bug must not lose the entry: it is stored without an understanding
            # and understood again before a digest uses it (or by tracker reclassify)
            log.exception("could not understand entry %s of %s", entry.identity, job.url)
    return ParseOutcome(parsed, hashes, understood)


class UnderstandItem(NamedTuple):
    """One stored entry to understand again (``tracker reclassify``)."""

    entry_id: int
    entry: EntryData
    hints: FeedHints
    published: datetime


def understand_batch(items: Sequence[UnderstandItem]) -> list[tuple[int, Understood]]:
    """Understand stored entries again. Top-level and picklable: it runs in worker processes."""
    from tracker.understand.ingest import understand_entry

    return [
        (item.entry_id, understand_entry(item.entry, hints=item.hints, published=item.published))
        for item in items
    ]


def warm() -> int:
    """Load the parser and the classifier and build the classifier's lexicon (a worker's first
    document paid for it): the job every new worker runs first. Returns the worker's pid."""
    from tracker.parse.feed import parse_feed  # noqa: F401
    from tracker.understand.ingest import warm_up

    warm_up()
    return os.getpid()


#: runs ``parse_job`` somewhere (inline, or in a worker process) and awaits the result
ParseRunner = Callable[[ParseJob], Awaitable[ParseOutcome]]


async def parse_inline(job: ParseJob) -> ParseOutcome:
    return parse_job(job)


class ParserPool:
    """Worker processes for ``parse_job``, started on first use and shared by every poll of one
    process (each CLI command runs its own event loop; the daemon one for its lifetime)."""

    def __init__(self, *, workers: int = 0, timeout: float = PARSE_TIMEOUT) -> None:
        #: processes to start; 0 means one per CPU
        self.workers = workers or os.cpu_count() or 1
        #: how long one call may run in a worker before it is refused (and the worker killed)
        self.timeout = timeout
        #: set once workers were found unable to start here: parse inline from then on
        self.inline_only = False
        self._pool: Executor | None = None
        #: ends the workers when this process ends, kill -9 included (``tracker.poll.lifeline``)
        self._lifeline: Lifeline | None = None
        self._worked = False
        #: the fork server was started for this pool (``prepare``)
        self._prepared = False
        self._lock: tuple[asyncio.AbstractEventLoop, asyncio.Lock, asyncio.Semaphore] | None = None

    def runner(self, documents: int) -> ParseRunner:
        """How to parse ``documents`` documents: inline when they are few, else in workers
        (whose fork server starts now, see ``_prepare``)."""
        if documents < POOL_THRESHOLD or self.inline_only:
            return parse_inline
        self._prepare()
        return self._run

    def prepare(self, documents: int) -> None:
        """Start the fork server now if ``documents`` documents would be parsed in workers:
        a poll calls this before it opens the database, so the workers' imports overlap it."""
        if documents >= POOL_THRESHOLD and not self.inline_only:
            self._prepare()

    def _prepare(self) -> None:
        """Start the fork server now: it loads the parser and warms the classifier in a process
        of its own while this one fetches, and forks workers only when a document needs one.
        Starting it costs this process one spawn and never waits; a poll whose feeds all
        answer 304 forks no worker."""
        if self._pool is not None:
            return
        _context()
        self._prepared = True
        # on failure the first document tries again, and falls back to parsing inline
        with contextlib.suppress(OSError):
            _start_fork_server()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        elif self._prepared and not _forked:
            _stop_fork_server()
        if self._lifeline is not None:
            # after the shutdown: a worker of a discarded pool, still busy, ends here too
            self._lifeline.close()
            self._lifeline = None

    async def _run(self, job: ParseJob) -> ParseOutcome:
        # looked up at call time, so a test can swap the job for one that kills its worker
        return await self.run(globals()["parse_job"], job, url=job.url)

    async def run(self, fn: Callable[[A], R], arg: A, *, url: str = "") -> R:
        """``fn(arg)`` in a worker process (inline where workers cannot start). A worker that
        dies is replaced and the call tried once more; then it is a ``ParseError``, as is a
        call that outlives the deadline (its worker is killed)."""
        loop = asyncio.get_running_loop()
        call: Callable[[], R] = functools.partial(fn, arg)
        if self.inline_only:
            return call()
        for _attempt in range(2):
            pool = await self._started()
            if pool is None:
                return call()
            try:
                # one call per worker at a time: the deadline then measures the work, not the
                # wait behind a hundred other documents in the executor's queue
                async with self._slots():
                    return await asyncio.wait_for(loop.run_in_executor(pool, call), self.timeout)
            except BrokenProcessPool:
                # a worker died, maybe on this document, maybe on another in flight: retry
                # once on a fresh pool; the document that kills workers twice is refused
                # (never parsed in this process, where it could take the daemon down)
                self._discard(pool)
            except TimeoutError:
                self._discard(pool, kill=True)
                raise ParseError(
                    f"parsing took longer than {self.timeout:g} s: refused", url=url
                ) from None
        raise ParseError("the parser process died while reading this document", url=url)

    async def _started(self) -> Executor | None:
        """The pool, its workers started and warm; None (parse inline) where they cannot start."""
        async with self._loop_lock():
            pool = self._ensure()
            if not self._worked:
                if not await self._workers_start(pool):
                    log.warning("parser worker processes cannot start: parsing inline")
                    self._discard(pool)
                    self.inline_only = True
                    return None
                self._worked = True
            return pool

    def _ensure(self) -> Executor:
        global _forked
        if self._pool is None:
            _forked = True
            context = _context()
            if self._lifeline is None:
                self._lifeline = Lifeline(context)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=arm,
                initargs=(self._lifeline.reader,),
            )
        return self._pool

    def _discard(self, pool: Executor, *, kill: bool = False) -> None:
        if self._pool is pool:
            self._pool = None
        if kill:
            # a worker stuck on a document would outlive shutdown(); Python 3.14 has
            # terminate_workers(), before it the processes are only reachable privately
            for process in dict(getattr(pool, "_processes", None) or {}).values():
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    def _loop_lock(self) -> asyncio.Lock:
        return self._loop_primitives()[0]

    def _slots(self) -> asyncio.Semaphore:
        return self._loop_primitives()[1]

    def _loop_primitives(self) -> tuple[asyncio.Lock, asyncio.Semaphore]:
        # asyncio primitives belong to one event loop, and each CLI command runs its own
        loop = asyncio.get_running_loop()
        if self._lock is None or self._lock[0] is not loop:
            self._lock = (loop, asyncio.Lock(), asyncio.Semaphore(self.workers))
        return self._lock[1], self._lock[2]

    async def _workers_start(self, pool: Executor) -> bool:
        """Whether worker processes can run here at all (``warm`` on a fresh pool, once per
        worker): not where the main module cannot be imported again, e.g. a script read from
        stdin."""
        loop = asyncio.get_running_loop()

        def submit() -> list[Future[int]]:
            _start_fork_server()  # here, not by the first submit: see _start_fork_server
            return [pool.submit(warm) for _ in range(self.workers)]

        try:
            # submitted from a thread: the first submit starts the fork server and blocks until
            # it has loaded what it preloads, which the event loop must not wait for
            futures = await loop.run_in_executor(None, submit)
            warming = asyncio.gather(*(asyncio.wrap_future(f) for f in futures))
            await asyncio.wait_for(warming, WORKER_START_TIMEOUT)
        except (BrokenProcessPool, TimeoutError, OSError, RuntimeError):
            return False
        return True


#: Python's safe path mode: no current folder or script folder at the front of ``sys.path``
_SAFE_PATH = "PYTHONSAFEPATH"


def _start_fork_server() -> None:
    """Start the fork server (if it is not running) with the current folder off its import path.

    The server is a new interpreter run as ``python -c``, which puts the current folder first on
    its path (Python 3.11 ignores the ``sys_path`` multiprocessing hands it). Run from a folder
    that holds a ``tracker`` package, a source checkout, the workers would import that one and
    not the installed one: the checkout's uncompiled classifier, or another version whose
    results this process cannot read ("the parser process died" for every document). Safe path
    mode (``PYTHONSAFEPATH``, Python 3.11+) keeps the folder off; set only while it starts, so
    nothing else this process runs inherits it."""
    main = _main_path()
    settings = {_SAFE_PATH: "1", **({MAIN_PATH: main} if main else {})}
    before = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        forkserver.ensure_running()
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


#: the script the fork server loads as ``__main__`` before it forks (``tracker.poll.preload``)
MAIN_PATH = "KFILM_FORKSERVER_MAIN"


def _main_path() -> str | None:
    """The file a worker would load as its ``__main__`` (the ``tracker`` console script), or
    None when it loads none (``python -m tracker``: multiprocessing skips a package's
    ``__main__``) or there is no file (a script read from stdin).

    Every worker multiprocessing starts runs this process's main script again, unless its
    fork server loaded it first. Python 3.11's fork server never does: it looks for a
    ``main_path`` that ``spawn.get_preparation_data`` names ``init_main_from_path``. Each
    worker then imported the command line (Typer and the CLI, 30 ms) after its fork, while the
    first changed document waited for it. The path is the one that function gives a worker
    (made absolute from the folder the process started in), so the worker finds it loaded."""
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", None) is not None:
        return None
    path = getattr(main, "__file__", None)
    if not isinstance(path, str):
        return None
    # (multiprocessing's record of it, undeclared in its stubs)
    started_in = getattr(multiprocessing.process, "ORIGINAL_DIR", None)
    if not os.path.isabs(path) and started_in is not None:
        path = os.path.join(started_in, path)
    return os.path.normpath(path)


def _stop_fork_server() -> None:
    """End the fork server now, one that has forked no worker in this process (a poll where
    every feed answered 304). Left alone it would first finish loading the parser and the
    classifier, and only then read that its parent is done, holding this process's stdout and
    stderr open meanwhile: a pipe (``tracker poll | logger``, cron) would wait for it. It holds
    nothing else; the next pool that needs one starts another."""
    server = forkserver._forkserver
    pid = getattr(server, "_forkserver_pid", None)
    if pid is None:
        return
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)
    stop = getattr(server, "_stop", None)  # closes its "alive" pipe and reaps it
    if stop is not None:
        with contextlib.suppress(OSError):
            stop()


#: whether any pool of this process has started worker processes: the fork server is theirs
#: then, and stays until it sees this process end
_forked = False


def _context() -> multiprocessing.context.BaseContext:
    """The workers' start method, its fork server told what to preload."""
    # forkserver: never fork a process that runs an event loop and threads
    context = multiprocessing.get_context("forkserver")
    # the fork server imports the parser and the classifier once; every worker forked from it
    # starts with them loaded, instead of importing them on its first document
    context.set_forkserver_preload(list(PRELOAD))
    return context


def job_for(
    body: bytes,
    url: str,
    headers: Mapping[str, str],
    now: datetime,
    *,
    hints: FeedHints = FeedHints(),
    known: Mapping[str, str] | None = None,
) -> ParseJob:
    """A job with plain, picklable containers (a worker gets a copy of everything)."""
    return ParseJob(body, url, dict(headers), now, hints, dict(known or {}))
