"""The poll half of the pipeline: due feeds -> fetch -> parse and understand -> decide -> store.

Owns the orchestration of one poll cycle. Takes its adapters (fetcher, storage, parse runner)
as arguments typed by Protocols, so tests pass fakes; must not build adapters, read the clock
(``now`` is a callable passed in) or touch a library directly. A feed that fails is a value
(``UpdateResult(url, UpdateError)``), never an exception that stops the batch; a bug still raises.

Politeness lives here as orchestration of ``decide``: a feed is fetched at its settled
``fetch_url`` (a permanent redirect that held for ``Schedule.redirect_after``), every outcome
records when to poll next, 410 Gone marks the feed gone, entries whose guid changed are
matched to what is stored (``decide.reidentify``), and a document whose bytes are the ones last
parsed (a server that sends no validators) is recorded as a 304 would be, unparsed. New and
changed entries are understood in the parse workers (``tracker.poll.workers``) and stored with
their understanding, in the same transaction. Feed URLs are shown through ``redact_url``:
never a password in a log.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from tracker import __version__
from tracker.exceptions import FetchError, StorageError, UpdateError
from tracker.parse.entries import content_hash
from tracker.poll import decide
from tracker.poll.offload import Offload, inline
from tracker.poll.workers import ParseRunner, job_for
from tracker.poll.writer import UpdateWriter
from tracker.storage.protocol import Storage
from tracker.types import (
    FeedForUpdate,
    FeedHints,
    FeedUpdateIntent,
    FetchResult,
    UpdatedFeed,
    UpdateResult,
)
from tracker.urls import redact_url

log = logging.getLogger(__name__)


class Fetcher(Protocol):
    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult: ...


@dataclass(frozen=True)
class Schedule:
    """How often to poll: the ``[poll]`` settings the decisions need, per feed interval included."""

    interval: timedelta
    floor: timedelta
    cap: timedelta
    intervals: Mapping[str, timedelta]
    #: a permanent redirect must hold this long before the feed is polled at its new URL
    redirect_after: timedelta = timedelta(days=7)

    def interval_for(self, url: str) -> timedelta:
        return self.intervals.get(url, self.interval)


async def update_feed(
    feed: FeedForUpdate,
    *,
    fetcher: Fetcher,
    storage: Storage,
    parse: ParseRunner,
    schedule: Schedule,
    now: Callable[[], datetime],
    owner: str | None = None,
    not_modified: list[FeedUpdateIntent] | None = None,
    hints: Mapping[str, FeedHints] | None = None,
    offload: Offload = inline,
    writer: UpdateWriter | None = None,
) -> UpdateResult:
    """Poll one feed and record the outcome. ``UpdateError`` is turned into a value, and so is
    a ``StorageError`` while recording this feed (a lost lease, a database locked for too long):
    the other feeds of the batch go on.

    A 304 is appended to ``not_modified`` when given (the caller writes them in one batch),
    else stored at once. Storage is called through ``offload`` (a ``StorageThread`` keeps it
    off the event loop)."""
    try:
        return await _update_feed(
            feed,
            fetcher=fetcher,
            storage=storage,
            parse=parse,
            schedule=schedule,
            now=now,
            owner=owner,
            not_modified=not_modified,
            hints=hints or {},
            offload=offload,
            writer=writer or UpdateWriter(storage, offload, owner=owner),
        )
    except StorageError as error:
        log.warning("could not record the poll of %s: %s", redact_url(feed.url), error.message)
        return UpdateResult(
            feed.url, UpdateError(f"could not record this poll: {error.message}", url=feed.url)
        )


async def _update_feed(
    feed: FeedForUpdate,
    *,
    fetcher: Fetcher,
    storage: Storage,
    parse: ParseRunner,
    schedule: Schedule,
    now: Callable[[], datetime],
    owner: str | None,
    not_modified: list[FeedUpdateIntent] | None,
    hints: Mapping[str, FeedHints],
    offload: Offload,
    writer: UpdateWriter,
) -> UpdateResult:
    try:
        fetched = await fetcher.fetch(
            feed.fetch_url, etag=feed.etag, last_modified=feed.last_modified
        )
        checked = now()
        moved = decide.watch_redirect(
            fetched.redirects,
            recorded_url=feed.redirect_url,
            recorded_since=feed.redirect_since,
            now=checked,
            settle_after=schedule.redirect_after,
        )
        if moved.move_to is not None:
            log.info(
                "feed %s moved to %s (a permanent redirect held for %s)",
                redact_url(feed.url),
                redact_url(moved.move_to),
                schedule.redirect_after,
            )
        document = document_hash(fetched) if fetched.body is not None else None
        # the same bytes as last time, from a server that sent no validators (or ignored
        # them): nothing to parse, recorded as a 304 would be
        if fetched.not_modified or (document is not None and document == feed.body_hash):
            intent = FeedUpdateIntent(
                url=feed.url,
                checked_at=checked,
                next_poll_at=_next_success(feed.url, checked, schedule, fetched, feed.ttl),
                etag=fetched.etag or feed.etag,
                last_modified=fetched.last_modified or feed.last_modified,
                http_status=fetched.status,
                final_url=fetched.final_url,
                success=True,
            )
            intent = _with_redirect(intent, moved)
            if not_modified is None:
                await offload(lambda: storage.store_not_modified([intent], owner=owner))
            else:
                not_modified.append(intent)
            return UpdateResult(feed.url, UpdatedFeed(feed.url, not_modified=True))
        assert fetched.body is not None
        # what is stored first: the worker then understands only the new and changed entries
        stored = await offload(lambda: storage.get_entries_for_update(feed.url))
        outcome = await parse(
            job_for(
                fetched.body,
                fetched.final_url,
                fetched.headers,
                checked,
                hints=hints.get(feed.url, FeedHints()),
                known=stored,
            )
        )
        parsed, hashes, understood = outcome
        entries = list(parsed.entries)
        if any(e.identity not in stored for e in entries):
            keys = await offload(lambda: storage.get_entry_keys(feed.url))
            degraded = decide.reidentify(entries, keys)
            for before, after in zip(entries, degraded, strict=True):
                if after is not before:
                    hashes[after.identity] = content_hash(after)
                    if before.identity in understood:
                        understood[after.identity] = understood.pop(before.identity)
            entries = degraded
        intents = [
            replace(intent, understood=understood.get(intent.entry.identity))
            for intent in decide.decide_entries(
                feed.url, entries, stored, now=checked, content_hash=hashes
            )
        ]
        intent = FeedUpdateIntent(
            url=feed.url,
            checked_at=checked,
            next_poll_at=_next_success(feed.url, checked, schedule, fetched, parsed.feed.ttl),
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            title=parsed.feed.title,
            http_status=fetched.status,
            final_url=fetched.final_url,
            success=True,
            version=parsed.feed.version,
            ttl=parsed.feed.ttl,
            body_hash=document,
        )
        intent = _with_redirect(intent, moved)
        await writer.store(intent, intents)
        new = sum(1 for i in intents if i.new)
        return UpdateResult(
            feed.url,
            UpdatedFeed(
                feed.url,
                new=new,
                modified=len(intents) - new,
                unchanged=len(entries) - len(intents),
            ),
        )
    except UpdateError as error:
        if not error.url:
            error.url = feed.url
        errors = feed.consecutive_errors + 1
        checked = now()
        retry_after = error.retry_after if isinstance(error, FetchError) else None
        status = error.status if isinstance(error, FetchError) else None
        gone = status == 410
        if gone:
            next_poll = decide.next_poll_when_gone(checked, schedule.cap)
        else:
            next_poll = decide.next_poll_after_failure(
                feed.url,
                now=checked,
                consecutive_errors=errors,
                cap=schedule.cap,
                retry_after=retry_after,
            )
        failed = FeedUpdateIntent(
            url=feed.url,
            checked_at=checked,
            next_poll_at=next_poll,
            etag=feed.etag,
            last_modified=feed.last_modified,
            http_status=status,
            error=_describe(error),
            consecutive_errors=errors,
            success=False,
            gone=gone,
        )
        await writer.store(failed, ())
        return UpdateResult(feed.url, error)


def document_hash(fetched: FetchResult) -> str:
    """The document as parsing sees it: its bytes, the URL its relative links resolve
    against, the type whose charset may decode it, and the version of kfilm-tracker that
    parsed it (a new parser reads the same bytes again once)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(__version__.encode("utf-8") + b"\n")
    digest.update(fetched.final_url.encode("utf-8", "surrogatepass"))
    digest.update(b"\n" + fetched.headers.get("content-type", "").encode("latin-1", "replace"))
    digest.update(b"\n" + (fetched.body or b""))
    return digest.hexdigest()


def _with_redirect(intent: FeedUpdateIntent, moved: decide.RedirectDecision) -> FeedUpdateIntent:
    return replace(
        intent,
        redirect_url=moved.redirect_url,
        redirect_since=moved.redirect_since,
        redirect_known=True,
        move_to=moved.move_to,
    )


def _describe(error: UpdateError) -> str:
    """The error as stored and shown (``tracker status``): credentials masked."""
    text = f"{error.message} ({error.hint})" if error.hint else error.message
    return redact_url(text)


def _next_success(
    url: str,
    checked: datetime,
    schedule: Schedule,
    fetched: FetchResult,
    ttl: timedelta | None,
) -> datetime:
    return decide.next_poll_after_success(
        url,
        now=checked,
        interval=schedule.interval_for(url),
        floor=schedule.floor,
        cap=schedule.cap,
        headers=fetched.headers,
        ttl=ttl,
    )


async def update_feeds(
    feeds: Sequence[FeedForUpdate],
    *,
    fetcher: Fetcher,
    storage: Storage,
    parse: ParseRunner,
    schedule: Schedule,
    now: Callable[[], datetime],
    owner: str | None = None,
    on_result: Callable[[UpdateResult], None] | None = None,
    hints: Mapping[str, FeedHints] | None = None,
    offload: Offload = inline,
    in_flight: int | None = None,
) -> list[UpdateResult]:
    """Poll feeds concurrently (the fetcher bounds concurrency) and return one result per feed,
    in the order given. One broken feed never stops the others. Not-modified feeds are recorded
    together at the end: losing them to a crash only means polling them again.

    ``in_flight`` bounds the feeds between their fetch and their store: fetching runs ahead of
    parsing, and a document waiting for a worker holds its body and, later, its entries, so
    without a bound a poll of a thousand feeds held them all."""
    not_modified: list[FeedUpdateIntent] = []
    slots = asyncio.Semaphore(in_flight or len(feeds) or 1)
    writer = UpdateWriter(storage, offload, owner=owner)

    async def one(feed: FeedForUpdate) -> UpdateResult:
        async with slots:
            result = await update_feed(
                feed,
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
            )
        if result.error is not None:
            log.debug("feed %s failed: %s", redact_url(feed.url), redact_url(result.error.message))
        if on_result is not None:
            on_result(result)
        return result

    try:
        return list(await asyncio.gather(*(one(feed) for feed in feeds)))
    finally:
        await offload(lambda: storage.store_not_modified(not_modified, owner=owner))
