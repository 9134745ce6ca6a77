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
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from tracker import __version__
from tracker.exceptions import (
    FetchError,
    LeaseLostError,
    RecordError,
    StorageError,
    UpdateError,
)
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
    recorder: FailureRecorder | None = None,
) -> UpdateResult:
    """Poll one feed and record the outcome. ``UpdateError`` is turned into a value, and so is
    a ``StorageError`` while recording this feed (a full disk, a database locked for too long):
    a ``RecordError``, a failed feed, recorded as the feed's failure when the database still
    takes that small write; a lost lease is a plain ``UpdateError`` (another instance has the
    feed, nothing is wrong with the database). The other feeds of the batch go on.

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
    except LeaseLostError as error:
        # another instance polls this feed now: a failed poll here, but not the database's
        return UpdateResult(
            feed.url, UpdateError(f"could not record this poll: {error.message}", url=feed.url)
        )
    except StorageError as error:
        # one line per poll says it (update_feeds), not one per feed: a full disk fails them all
        log.debug("could not record the poll of %s: %s", redact_url(feed.url), error.message)
        unrecorded = RecordError(error.reason, url=feed.url)
        recorder = recorder or FailureRecorder(storage, schedule, now, owner, offload)
        await recorder.record(feed, unrecorded)
        return UpdateResult(feed.url, unrecorded)


@dataclass
class FailureRecorder:
    """Records a poll the database refused as that feed's failure, while the database takes
    it: a refused write of a feed's entries (a full disk) often leaves room for the small
    in-place update of its row, and then ``tracker status`` shows the feed failing. Once one
    such record is refused too, the rest of the poll stops trying: a database that is gone,
    or locked for ``busy_timeout``, would make every feed wait for it again."""

    storage: Storage
    schedule: Schedule
    now: Callable[[], datetime]
    owner: str | None
    offload: Offload
    taking: bool = True

    async def record(self, feed: FeedForUpdate, error: UpdateError) -> None:
        if not self.taking:
            return
        intent = _failure_intent(feed, error, self.now(), self.schedule)
        try:
            await self.offload(lambda: self.storage.store_update(intent, (), owner=self.owner))
        except LeaseLostError:
            pass  # the instance that holds the feed now records its own outcome
        except StorageError as again:
            log.debug("nor could the failure of %s be recorded: %s", feed.url, again.message)
            self.taking = False


def _failure_intent(
    feed: FeedForUpdate, error: UpdateError, checked: datetime, schedule: Schedule
) -> FeedUpdateIntent:
    """A failed poll of ``feed``, as its row records it: one more error, backed off."""
    errors = feed.consecutive_errors + 1
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
    return FeedUpdateIntent(
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
        listed = {e.identity for e in entries}
        # a new entry can only be a stored one under a new guid when the document no longer
        # lists that stored one: a feed's first poll, and most later ones, read nothing more
        if any(identity not in listed for identity in stored) and any(
            e.identity not in stored for e in entries
        ):
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
        try:
            await writer.store(_failure_intent(feed, error, now(), schedule), ())
        except LeaseLostError:
            return UpdateResult(feed.url, error)  # the instance that holds it now records it
        except StorageError as refused:
            # the failure itself could not be recorded: the feed failed either way, and the
            # summary must count the write too (writing the same row again would fail alike)
            log.debug("could not record the failure of %s: %s", feed.url, refused.message)
            return UpdateResult(
                feed.url,
                RecordError(refused.reason, url=feed.url, failure=error.message),
            )
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


def feed_poller(
    *,
    fetcher: Fetcher,
    storage: Storage,
    parse: ParseRunner,
    schedule: Schedule,
    now: Callable[[], datetime],
    owner: str | None,
    not_modified: list[FeedUpdateIntent],
    hints: Mapping[str, FeedHints] | None,
    offload: Offload,
    writer: UpdateWriter,
    recorder: FailureRecorder,
    on_result: Callable[[UpdateResult], None] | None,
) -> Callable[[FeedForUpdate], Coroutine[Any, Any, UpdateResult]]:
    """How one poll (``update_feeds``, or ``leases.update_due``) polls each of its feeds: the
    same dependencies for every feed, a failure logged, ``on_result`` told."""

    async def poll(feed: FeedForUpdate) -> UpdateResult:
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
            recorder=recorder,
        )
        if result.error is not None:
            log.debug("feed %s failed: %s", redact_url(feed.url), redact_url(result.error.message))
        if on_result is not None:
            on_result(result)
        return result

    return poll


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
    recorder = FailureRecorder(storage, schedule, now, owner, offload)

    poll = feed_poller(
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

    async def one(feed: FeedForUpdate) -> UpdateResult:
        async with slots:
            return await poll(feed)

    refused: StorageError | None = None
    try:
        results = list(await asyncio.gather(*(one(feed) for feed in feeds)))
    finally:
        # also when cancelled: the 304s gathered so far are worth keeping
        try:
            await offload(lambda: storage.store_not_modified(not_modified, owner=owner))
        except StorageError as error:
            refused = error
    if refused is not None:
        results = await not_modified_unrecorded(results, not_modified, refused, feeds, recorder)
    unrecorded = [r.error for r in results if isinstance(r.error, RecordError)]
    if unrecorded:
        log.warning(
            "could not record the poll of %d of %d feeds: %s",
            len(unrecorded),
            len(results),
            redact_url(unrecorded[0].reason),
        )
    return results


async def not_modified_unrecorded(
    results: list[UpdateResult],
    not_modified: Sequence[FeedUpdateIntent],
    refused: StorageError,
    feeds: Sequence[FeedForUpdate],
    recorder: FailureRecorder,
) -> list[UpdateResult]:
    """The 304s whose batch the database refused are failed feeds, not "not modified" (each
    recorded as a failure while the database takes it)."""
    lost = {intent.url for intent in not_modified}
    by_url = {feed.url: feed for feed in feeds}
    changed: list[UpdateResult] = []
    for result in results:
        if result.url not in lost or result.error is not None:
            changed.append(result)
            continue
        error = RecordError(refused.reason, url=result.url)
        await recorder.record(by_url[result.url], error)
        changed.append(UpdateResult(result.url, error))
    return changed
