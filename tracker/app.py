"""The wiring: ``make_tracker(config)`` builds the adapters (storage, fetcher, parse workers,
renderer, mail sender) and hands them to the stages, as lemon24/reader's ``make_reader`` does.

Owns what only the wiring may do: reading the clock and the environment (``[smtp] password_env``),
choosing the default places, opening the database, and the order in which the stages run for a
command (poll: leases -> update; digest: build -> render -> deliver). The stages' own logic lives
in their packages (``poll``, ``digest``, ``deliver``). Must not parse command lines or print: the
shells (``cli``, ``daemon``, ``demo``) do that, and they reach storage only through ``Tracker``.
"""

from __future__ import annotations

import functools
import logging
import os
import ssl
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.config.catalog import Collection, load_catalog, resolve_feeds
from tracker.config.locate import default_database_url, default_state_dir
from tracker.config.schema import Config
from tracker.deliver.ledger import (
    EMPTY_WEEK,
    Outcome,
    claim_lease,
    due_weeks,
    one_of,
    send_week,
    skip_week,
)
from tracker.deliver.message import unsubscribe_mailto
from tracker.deliver.outbox import OutboxSender
from tracker.deliver.owner import process_owner
from tracker.digest import catchup, window
from tracker.exceptions import ConfigError, ConfigProblem, DeliveryError, TrackerError
from tracker.poll import decide
from tracker.poll.workers import PARSE_TIMEOUT, ParserPool
from tracker.resources import catalog_dir
from tracker.storage.protocol import Storage
from tracker.types import (
    Digest,
    DigestRecord,
    Entry,
    FeedForUpdate,
    FeedHints,
    FeedSpec,
    FeedStatus,
    IsoWeek,
    RenderedDigest,
    UpdateResult,
)
from tracker.understand import history

if TYPE_CHECKING:
    # A command imports what it uses, no more: the libraries behind these (httpx, SQLAlchemy,
    # Jinja2, aiosmtplib, feedparser) are imported by the methods that need them.
    from tracker.deliver.smtp import SmtpSender
    from tracker.digest.pipeline import DigestPipeline
    from tracker.digest.publish import CalendarFile
    from tracker.digest.render import Renderer
    from tracker.health import HealthReport
    from tracker.poll.check import CheckResult
    from tracker.poll.fetch import Fetcher
    from tracker.poll.update import Schedule

log = logging.getLogger("tracker")

#: the address a digest goes to when there is no [smtp] section and no recipient (the outbox)
OUTBOX_RECIPIENT = "you@localhost"
#: ``tracker reclassify`` understands stored entries this many at a time (one worker job)
RECLASSIFY_BATCH = 250

Clock = Callable[[], datetime]


class Tracker:
    """Everything the shells need, wired from one ``Config``."""

    def __init__(
        self,
        config: Config,
        *,
        config_path: Path | None = None,
        clock: Clock = partial(datetime.now, UTC),
        transport: Any = None,
        allow_private_networks: bool | None = None,
        env: Mapping[str, str] | None = None,
        smtp_sleep: Any = None,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.config = config
        self.config_path = config_path
        self.clock = clock
        self._transport = transport
        self._allow_private = (
            config.poll.allow_private_networks
            if allow_private_networks is None
            else allow_private_networks
        )
        self._smtp_sleep = smtp_sleep
        #: the TLS context for SMTP; None is aiosmtplib's verifying default (system CAs, which
        #: honours $SSL_CERT_FILE). Tests pass one that trusts their self-signed certificate.
        self._tls_context = tls_context
        self._storage: Storage | None = None
        #: each polled feed's health before the last poll (see ``health_changes``)
        self._health_before: dict[str, decide.Health] = {}
        #: parse and understand workers, started on the first poll that needs them
        self.parser = ParserPool(
            workers=config.poll.workers, timeout=max(PARSE_TIMEOUT, config.poll.timeout)
        )
        #: this process, for feed leases and the digest ledger (several instances, one database)
        self.owner = process_owner()
        #: the environment, for ``[smtp] password_env``; read once, here, and nowhere else
        self._env: Mapping[str, str] = os.environ if env is None else env

    # -- wiring ------------------------------------------------------------------------------

    @property
    def database_url(self) -> str:
        return self.config.database.url or default_database_url()

    @property
    def state_dir(self) -> Path:
        return Path(self.config.tracker.state_dir or default_state_dir())

    @property
    def outbox_dir(self) -> Path:
        return self.state_dir / "outbox"

    @property
    def timezone(self) -> str:
        return self.config.tracker.timezone

    @functools.cached_property
    def catalog(self) -> dict[str, Collection]:
        return load_catalog(catalog_dir())

    @functools.cached_property
    def _specs(self) -> tuple[FeedSpec, ...]:
        extra = [feed.to_spec() for feed in self.config.feeds]
        return tuple(resolve_feeds(self.catalog, self.config.tracker.collections, extra))

    def followed(self) -> list[FeedSpec]:
        """The feeds the config follows: collections and ``[[feeds]]``, resolved once (frozen)."""
        return list(self._specs)

    def hints(self) -> dict[str, FeedHints]:
        """What the classifier weighs about each followed feed: the config's kind and
        ``korean_only``, and the prior its history teaches when its kind is ``mixed``."""
        since = self.clock() - history.WINDOW
        learned = history.learned_priors(
            self.followed(), lambda: self.storage.review_history(since=since)
        )
        return {
            spec.url: FeedHints(spec.kind, spec.korean_only, learned.get(spec.url))
            for spec in self.followed()
        }

    @property
    def storage(self) -> Storage:
        """The database, opened (and migrated) on first use. Reading it changes nothing: the
        followed feeds are synced from the config only by the commands that act on them."""
        if self._storage is None:
            from tracker.storage.sql import open_storage

            self._storage = open_storage(self.database_url)
        return self._storage

    def sync(self) -> Storage:
        """Make the database follow exactly this config's feeds, then return the storage.

        Called by what polls or builds a digest (every daemon tick included), never by what only
        reads (``status``, ``entries list``, ``digest list``): an admin looking at the state with
        another config, or none, must not change what the daemon polls."""
        storage = self.storage
        storage.sync_feeds(self.followed(), now=self.clock())
        return storage

    def fetcher(self) -> Fetcher:
        from tracker.poll.fetch import Fetcher

        poll = self.config.poll
        return Fetcher(
            user_agent=poll.user_agent,
            timeout=poll.timeout,
            max_bytes=poll.max_bytes,
            concurrency=poll.concurrency,
            per_host=poll.per_host,
            host_gap=poll.host_gap.total_seconds(),
            allow_private_networks=self._allow_private,
            transport=self._transport,
        )

    def schedule(self) -> Schedule:
        from tracker.poll.update import Schedule

        poll = self.config.poll
        intervals = {spec.url: spec.interval for spec in self.followed() if spec.interval}
        return Schedule(
            interval=poll.interval,
            floor=poll.min_interval,
            cap=poll.max_interval,
            intervals=intervals,
            redirect_after=poll.redirect_after,
        )

    def renderer(self) -> Renderer:
        from tracker.digest.render import Renderer

        templates = self.config.digest.templates
        return Renderer(
            templates=Path(templates).expanduser() if templates else None,
            cache_dir=self.state_dir / "cache" / "templates",
        )

    @property
    def archive_dir(self) -> Path:
        """Where every digest's web copy, the archive's index, feed and calendar are written."""
        return self.state_dir / "archive"

    def digests(self, *, archive_dir: Path | None = None) -> DigestPipeline:
        """The digest pipeline over this config's feeds (synced into the database first);
        ``archive_dir`` writes the web copies elsewhere than ``state_dir/archive``."""
        from tracker.digest.pipeline import DigestPipeline

        digest = self.config.digest
        return DigestPipeline(
            storage=self.sync(),
            renderer=self.renderer(),
            specs={spec.url: spec for spec in self.followed()},
            feed_hints=self.hints(),
            timezone=self.timezone,
            backfill=digest.backfill,
            korean_only=digest.korean_only,
            now=self.clock,
            subject=digest.subject,
            archive_dir=archive_dir or self.archive_dir,
            archive_url=digest.archive_url,
            unsubscribe_url=digest.unsubscribe_url,
            unsubscribe_mailto=unsubscribe_mailto(digest.sender),
        )

    def close(self) -> None:
        self.parser.close()
        if self._storage is not None:
            self._storage.close()
            self._storage = None

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading the state (the shells never reach into storage themselves) ---------------

    def entries(self, *, since: datetime | None = None, limit: int | None = None) -> list[Entry]:
        return self.storage.list_entries(since=since, limit=limit)

    def feed_statuses(self) -> list[FeedStatus]:
        return self.storage.feed_statuses()

    def counts(self) -> dict[str, int]:
        return self.storage.counts()

    def digest_ledger(self) -> list[DigestRecord]:
        return self.storage.list_digests()

    @property
    def database_for_display(self) -> str:
        return self.storage.url_for_display

    # -- poll --------------------------------------------------------------------------------

    def feeds_to_poll(
        self, *, urls: Sequence[str] = (), due_only: bool = False
    ) -> list[FeedForUpdate]:
        followed = {spec.url for spec in self.followed()}
        unknown = [url for url in urls if url not in followed]
        if unknown:
            raise TrackerError(
                f"not a followed feed: {', '.join(unknown)}",
                hint="add it with: tracker feeds add URL",
            )
        return self.sync().get_feeds_for_update(
            now=self.clock(), due_only=due_only, urls=list(urls) or None
        )

    async def poll(
        self,
        *,
        urls: Sequence[str] = (),
        due_only: bool = False,
        feeds: Sequence[FeedForUpdate] | None = None,
        on_start: Callable[[int], None] | None = None,
        on_result: Callable[[UpdateResult], None] | None = None,
    ) -> list[UpdateResult]:
        """Poll the followed feeds (or ``urls``, or only the due ones) once. The due ones are
        leased a batch at a time, so several instances share them (``on_start`` is then called
        again with the growing number claimed)."""
        from tracker.poll.leases import Lease, update_due

        # before the database and the HTTP client: the workers' fork server loads the parser
        # and the classifier meanwhile (not for the daemon's due feeds: most ticks have none)
        if not due_only:
            self.parser.prepare(len(urls) or len(self.followed() if feeds is None else feeds))
        lease = Lease(self.owner, self.config.poll.lease, self.config.poll.concurrency)
        leased = feeds is None and due_only and not urls
        if leased:
            feeds = lease.claim(self.sync(), self.clock())
        elif feeds is None:
            feeds = self.feeds_to_poll(urls=urls, due_only=due_only)
        # health before this poll, for health_changes(): one log line per change, not per failure
        self._health_before = {feed.url: decide.health_of(feed) for feed in feeds}
        if on_start is not None:
            on_start(len(feeds))
        if not feeds:
            return self._finished([])
        from tracker.poll.offload import StorageThread, inline
        from tracker.poll.update import update_feeds

        storage, claimed = self.storage, [len(feeds)]
        hints = self.hints()  # one read, before any request is in flight on the loop
        offload = StorageThread() if storage.any_thread else None
        parse = self.parser.runner(len(feeds))

        def on_claimed(batch: Sequence[FeedForUpdate]) -> None:
            self._health_before.update((feed.url, decide.health_of(feed)) for feed in batch)
            claimed.append(len(batch))
            if on_start is not None:
                on_start(sum(claimed))

        try:
            async with self.fetcher() as fetcher:
                run = (
                    partial(update_due, lease, feeds, on_claimed=on_claimed)
                    if leased
                    # fetching may run a round of connections ahead of the parse workers
                    else partial(update_feeds, feeds, in_flight=2 * self.config.poll.concurrency)
                )
                results = await run(
                    fetcher=fetcher,
                    storage=storage,
                    parse=parse,
                    schedule=self.schedule(),
                    now=self.clock,
                    on_result=on_result,
                    hints=hints,
                    offload=offload or inline,
                )
        finally:
            if offload is not None:
                offload.close()
        return self._finished(results)

    def _finished(self, results: list[UpdateResult]) -> list[UpdateResult]:
        """Record that a poll finished, for ``tracker health`` (every instance shares it)."""
        from tracker.poll.outcome import record_poll

        record_poll(self.storage, results, owner=self.owner, finished_at=self.clock())
        return results

    def health(self) -> HealthReport:
        """``tracker health``: the database, the last poll, the ledger, the failing feeds."""
        from tracker.health import check_health

        return check_health(lambda: self.storage, self.config, now=self.clock())

    def health_changes(self, results: Sequence[UpdateResult]) -> list[str]:
        """One line per feed whose health changed in the last ``poll``."""
        return decide.health_changes(results, self._health_before)

    async def check(self, urls: Sequence[str] = ()) -> list[CheckResult]:
        """Fetch and parse each feed once (no conditional headers), store nothing. A URL that
        is not followed may be checked too: it is how you try one out."""
        targets = [s.url for s in self.followed() if not urls or s.url in urls]
        targets += [u for u in dict.fromkeys(urls) if u not in targets]
        from tracker.poll.check import check_feeds

        async with self.fetcher() as fetcher:
            return await check_feeds(fetcher, targets, now=self.clock())

    async def reclassify(
        self,
        *,
        since: datetime | None = None,
        everything: bool = False,
        on_start: Callable[[int], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> int:
        """Understand stored entries again: those whose understanding is missing or stale (an
        older classifier, other feed hints), or with ``everything`` all of them; first seen
        since ``since`` when given. Returns how many."""
        from tracker.poll import reclassify

        storage, hints = self.sync(), self.hints()
        ids = reclassify.stale_ids(storage, hints, since=since, everything=everything)
        if on_start is not None:
            on_start(len(ids))
        return await reclassify.reclassify(
            ids,
            storage=storage,
            pool=self.parser,
            hints=hints,
            batch=RECLASSIFY_BATCH,
            on_progress=on_progress,
        )

    # -- digest ------------------------------------------------------------------------------

    def last_complete_week(self) -> IsoWeek:
        return window.last_complete_week(self.clock(), self.timezone)

    def build_digest(self, week: IsoWeek) -> Digest:
        return self.digests().build(week)

    def preview(self, week: IsoWeek) -> tuple[Digest, RenderedDigest]:
        """A week's email as it would be sent, its web copy written to the archive on the way
        (and the calendar it links, if none yet: a send and the daemon keep that current)."""
        previewed = self.digests().preview(week)
        if not self.calendar.path.exists():
            self.calendar.refresh()
        return previewed

    def render(self, built: Digest) -> RenderedDigest:
        return self.digests().render(built)

    def rebuild_archive(self, out: Path | None = None) -> tuple[Path, list[Path]]:
        """Every week the ledger sent, and every week already in the archive, built from what
        is stored now and written again (to ``out`` instead of ``state_dir/archive``)."""
        from tracker.digest import archive

        pipeline = self.digests(archive_dir=out)
        folder = out or self.archive_dir
        weeks = {window.parse_week(r.week) for r in self.digest_ledger() if r.sent_at}
        weeks |= {
            window.parse_week(p.removesuffix(".html")) for p in archive.Archive(folder).pages()
        }
        return folder, pipeline.rebuild_archive(weeks)

    def explain(self, key: str) -> tuple[Entry, list[tuple[str, str]]]:
        return self.digests().explain(key)

    def recipients(self) -> list[str]:
        recipients = list(self.config.digest.recipients)
        if recipients:
            return recipients
        if self.config.smtp is not None:
            nobody = ConfigProblem(
                "digest.recipients",
                "is empty, so there is nobody to email",
                'add recipients = ["you@example.com"] under [digest]',
            )
            raise ConfigError([nobody])
        return [OUTBOX_RECIPIENT]

    def sender(self) -> SmtpSender | OutboxSender:
        """SMTP when the config has an [smtp] section, else the file outbox."""
        smtp = self.config.smtp
        if smtp is None:
            return OutboxSender(self.outbox_dir)
        password: str | None = None
        if smtp.password_env:
            password = self._env.get(smtp.password_env)
            if not password:
                raise DeliveryError(
                    f"the SMTP password variable ${smtp.password_env} is not set",
                    hint=f"export {smtp.password_env}=... in the daemon's environment "
                    "(e.g. EnvironmentFile= in the systemd unit)",
                )
        if smtp.security == "none" and smtp.host not in ("127.0.0.1", "::1", "localhost"):
            log.warning(
                '[smtp] security = "none" sends the digest%s in plain text to %s',
                " and your password" if password else "",
                smtp.host,
            )
        extra: dict[str, Any] = {}
        if self._smtp_sleep is not None:
            extra["sleep"] = self._smtp_sleep
        from tracker.deliver.smtp import SmtpSender

        return SmtpSender(
            host=smtp.host,
            port=smtp.effective_port,
            security=smtp.security,
            username=smtp.username,
            password=password,
            timeout=smtp.timeout,
            password_env=smtp.password_env,
            tls_context=self._tls_context,
            **extra,
        )

    async def send_digest(
        self,
        week: IsoWeek | None = None,
        *,
        force: bool = False,
        dry_run: bool = False,
        built: Digest | None = None,
        recipients: Sequence[str] | None = None,
        record_empty: bool = False,
        to: str | None = None,
    ) -> list[Outcome]:
        """One week's digest (default: the last complete week) to each recipient (or those in
        ``recipients``, or the one ``to``) once; ``built``: that week, if built;
        ``record_empty``: an empty week is recorded as skipped in the ledger."""
        week = week or self.last_complete_week()
        recipients = self.recipients() if recipients is None else list(recipients)
        if to is not None:
            recipients = [one_of(self.recipients(), to)]
        if built is None or built.week != week:
            built = self.build_digest(week)
        if built.empty and not self.config.digest.send_if_empty:
            if record_empty:
                self._skip(week, recipients, EMPTY_WEEK)
            return [
                Outcome(week, r, "skipped", "nothing this week (send_if_empty = false)")
                for r in recipients
            ]
        pipeline = self.digests()
        rendered = pipeline.render(built)
        if dry_run:
            return [Outcome(week, r, "dry-run", rendered.subject) for r in recipients]
        # the web copy first: the email's "view in your browser" link works when it arrives
        pipeline.archive_week(built, rendered.subject)
        self.calendar.refresh()
        return await send_week(
            week,
            rendered,
            sender_address=self.config.digest.sender,
            recipients=recipients,
            storage=self.storage,
            sender=self.sender(),
            now=self.clock,
            force=force,
            owner=self.owner,
            unsubscribe_url=self.config.digest.unsubscribe_url,
            lease=self._lease,
        )

    @property
    def _lease(self) -> timedelta:
        return claim_lease(self.config.smtp.timeout if self.config.smtp else None)

    def retry_due(self) -> bool:
        """Whether a digest is due for another try (``deliver.ledger.due_weeks``)."""
        return bool(self._due_weeks())

    def _due_weeks(self) -> list[str]:
        mine = self.config.digest.recipients or [OUTBOX_RECIPIENT]
        return due_weeks(self.storage, now=self.clock(), recipients=mine, lease=self._lease)

    async def send_due_digest(self) -> list[Outcome]:
        """The scheduled job and catch-up: each week missed since the ledger's last row for a
        recipient, oldest first, within ``[digest] catch_up`` (older ones recorded as skipped),
        the newest due week, and any week due for another try (``deliver.ledger.due_weeks``:
        failed, or claimed by a process that is gone). Exactly once."""
        now, weeks = self.clock(), catchup.window_weeks(self.config.digest.catch_up)
        plan = catchup.plan(
            due=window.last_due_week(now, self.config.digest.schedule, self.timezone),
            recipients=self.recipients(),
            ledger=self.storage.list_digests(),
            retry=self._due_weeks(),
            weeks=weeks,
        )
        # the skips first: a send that fails or crashes below must not leave them unrecorded
        reason = catchup.skip_reason(weeks, now, self.timezone)
        outcomes = [o for week, to in plan.skip for o in self._skip(week, to, reason)]
        for week, to in plan.send:
            outcomes += await self.send_digest(week, recipients=to, record_empty=True)
        return outcomes

    def _skip(self, week: IsoWeek, to: Sequence[str], reason: str) -> list[Outcome]:
        return skip_week(week, to, reason, self.storage, self.config.digest.sender, self.clock())

    # -- the release calendar ----------------------------------------------------------------

    @functools.cached_property
    def calendar(self) -> CalendarFile:
        """The release calendar file, ``state_dir/archive/releases.ics``, that the daemon and
        every digest sent keep current and ``tracker calendar`` writes on demand."""
        from tracker.digest.publish import CalendarFile

        return CalendarFile(
            self.storage,
            self.archive_dir / "releases.ics",
            timezone=self.timezone,
            korean_only=self.config.digest.korean_only,
        )


def make_tracker(config: Config, **options: Any) -> Tracker:
    """A ``Tracker`` wired from ``config``; ``options`` are the seams tests and the demo use
    (``clock``, ``transport``, ``env``, ``tls_context``...: see ``Tracker``)."""
    return Tracker(config, **options)
