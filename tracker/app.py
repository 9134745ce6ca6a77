"""The facade: ``Tracker`` and ``make_tracker(config)``. The one place that builds concrete
adapters (storage, fetcher, parse worker pool), finds the config file, reads the clock and the
environment. Must not parse command lines or print: the shells (cli, scheduler) do that.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
import socket
import ssl
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import platformdirs

from tracker.config.catalog import Collection, load_catalog, resolve_feeds
from tracker.config.schema import Config, load_config
from tracker.deliver.smtp import Envelope, OutboxSender, SmtpSender, build_message, message_id_for
from tracker.digest import build as digest
from tracker.digest import window
from tracker.digest.render import Renderer
from tracker.exceptions import (
    ConfigError,
    ConfigProblem,
    DeliveryError,
    FetchError,
    ParseError,
    TrackerError,
    UpdateError,
)
from tracker.poll import decide, update
from tracker.poll.fetch import Fetcher
from tracker.resources import catalog_dir
from tracker.storage import Storage
from tracker.types import (
    Digest,
    Entry,
    EntryData,
    FeedForUpdate,
    FeedSpec,
    FeedStatus,
    IsoWeek,
    ParsedFeed,
    RenderedDigest,
    UpdateResult,
)
from tracker.urls import redact_url

log = logging.getLogger("tracker")

APP_NAME = "kfilm-tracker"
CONFIG_NAME = "tracker.toml"
#: below this many bodies to parse, worker processes cost more than they save
POOL_THRESHOLD = 4
#: a fresh worker pool must answer a trivial job within this long, or parsing goes inline
WORKER_START_TIMEOUT = 30.0
#: one document may take a parser worker this long (at least [poll] timeout)
PARSE_TIMEOUT = 60.0
#: how long one instance may hold a feed it is polling before another may take it over
LEASE = timedelta(minutes=10)
#: the address a digest goes to when there is no [smtp] section and no recipient (the outbox)
OUTBOX_RECIPIENT = "you@localhost"

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / CONFIG_NAME


def find_config(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path | None:
    """``--config PATH``, then ``$TRACKER_CONFIG``, then ``./tracker.toml``, then the user config
    dir. An explicitly named file must exist; the implicit places are optional."""
    named = explicit or (Path(env["TRACKER_CONFIG"]) if env.get("TRACKER_CONFIG") else None)
    if named is not None:
        if not named.is_file():
            raise TrackerError(
                f"config file {named} not found",
                hint=f"create one with: tracker init --config {named}",
            )
        return named
    for candidate in (cwd / CONFIG_NAME, user_config_path()):
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path | None, env: Mapping[str, str]) -> Config:
    """Load the config at ``path`` (or the embedded defaults when None) with env overrides."""
    if path is None:
        return load_config("", env=env, source="the built-in defaults")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError([ConfigProblem("(file)", f"cannot read {path}: {e}")]) from e
    return load_config(text, env=env, source=str(path))


def default_database_url() -> str:
    # platformdirs honours XDG_DATA_HOME on Linux
    data = Path(platformdirs.user_data_dir(APP_NAME))
    return f"sqlite:///{data / 'tracker.db'}"


def default_state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME))


@dataclass(frozen=True)
class CheckResult:
    """``tracker feeds check``: one fetch and parse of one feed, nothing stored."""

    url: str
    status: int | None = None
    version: str | None = None
    entries: int = 0
    newest: datetime | None = None
    final_url: str | None = None
    error: str | None = None


class Tracker:
    """Everything the shells need, wired from one ``Config``."""

    def __init__(
        self,
        config: Config,
        *,
        config_path: Path | None = None,
        clock: Clock = utcnow,
        transport: Any = None,
        allow_private_networks: bool | None = None,
        env: Mapping[str, str] | None = None,
        smtp_sleep: Any = None,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self._smtp_sleep = smtp_sleep
        #: the TLS context for SMTP; None is aiosmtplib's verifying default (system CAs, which
        #: honours $SSL_CERT_FILE). Tests pass one that trusts their self-signed certificate.
        self._tls_context = tls_context
        self.config = config
        self.config_path = config_path
        self.clock = clock
        self._transport = transport
        self._allow_private = (
            config.poll.allow_private_networks
            if allow_private_networks is None
            else allow_private_networks
        )
        self._storage: Storage | None = None
        #: each polled feed's health before the last poll (see ``health_changes``)
        self._health_before: dict[str, decide.Health] = {}
        self._catalog: dict[str, Collection] | None = None
        self._pool: Executor | None = None
        self._pool_worked = False
        self._inline_only = False
        self._pool_lock: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = None
        #: this process, for feed leases and the digest ledger (several instances, one database)
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
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
    def catalog(self) -> dict[str, Collection]:
        if self._catalog is None:
            self._catalog = load_catalog(catalog_dir())
        return self._catalog

    def followed(self) -> list[FeedSpec]:
        """The feeds the config follows: its collections plus its ``[[feeds]]``."""
        extra = [feed.to_spec() for feed in self.config.feeds]
        return resolve_feeds(self.catalog, self.config.tracker.collections, extra)

    @property
    def storage(self) -> Storage:
        """The database, opened (and migrated) on first use. Reading it changes nothing: the
        followed feeds are synced from the config only by the commands that act on them."""
        if self._storage is None:
            self._storage = Storage.open(self.database_url)
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

    def _ensure_pool(self) -> Executor:
        if self._pool is None:
            workers = self.config.poll.workers or os.cpu_count() or 1
            # forkserver: never fork a process that runs an event loop and threads
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        return self._pool

    def _discard_pool(self, pool: Executor, *, kill: bool = False) -> None:
        if self._pool is pool:
            self._pool = None
        if kill:
            # a worker stuck on a document would outlive shutdown(); Python 3.14 has
            # terminate_workers(), before it the processes are only reachable privately
            for process in dict(getattr(pool, "_processes", None) or {}).values():
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    def _lock_for_loop(self) -> asyncio.Lock:
        # an asyncio.Lock belongs to one event loop, and each CLI command runs its own
        loop = asyncio.get_running_loop()
        if self._pool_lock is None or self._pool_lock[0] is not loop:
            self._pool_lock = (loop, asyncio.Lock())
        return self._pool_lock[1]

    async def _workers_start(self, pool: Executor) -> bool:
        """Whether worker processes can run here at all (a trivial job on a fresh pool): not
        where the main module cannot be imported again, e.g. a script read from stdin."""
        loop = asyncio.get_running_loop()
        try:
            await asyncio.wait_for(loop.run_in_executor(pool, os.getpid), WORKER_START_TIMEOUT)
        except (BrokenProcessPool, TimeoutError, OSError):
            return False
        return True

    def _parse_runner(self, bodies: int) -> update.ParseRunner:
        if bodies < POOL_THRESHOLD or self._inline_only:
            return update.parse_inline
        deadline = max(PARSE_TIMEOUT, self.config.poll.timeout)

        async def run(
            body: bytes, url: str, headers: Mapping[str, str], now: datetime
        ) -> tuple[ParsedFeed, dict[str, str]]:
            loop = asyncio.get_running_loop()
            call = functools.partial(update.parse_document, body, url, dict(headers), now)
            if self._inline_only:
                return call()
            for _attempt in range(2):
                async with self._lock_for_loop():
                    pool = self._ensure_pool()
                    if not self._pool_worked:
                        if not await self._workers_start(pool):
                            log.warning("parser worker processes cannot start: parsing inline")
                            self._discard_pool(pool)
                            self._inline_only = True
                            return call()
                        self._pool_worked = True
                try:
                    return await asyncio.wait_for(loop.run_in_executor(pool, call), deadline)
                except BrokenProcessPool:
                    # a worker died, maybe on this document, maybe on another in flight: retry
                    # once on a fresh pool; the document that kills workers twice is refused
                    # (never parsed in this process, where it could take the daemon down)
                    self._discard_pool(pool)
                except TimeoutError:
                    self._discard_pool(pool, kill=True)
                    raise ParseError(
                        f"parsing took longer than {deadline:g} s: refused", url=url
                    ) from None
            raise ParseError("the parser process died while reading this document", url=url)

        return run

    def schedule(self) -> update.Schedule:
        poll = self.config.poll
        intervals = {spec.url: spec.interval for spec in self.followed() if spec.interval}
        return update.Schedule(
            interval=poll.interval,
            floor=poll.min_interval,
            cap=poll.max_interval,
            intervals=intervals,
            redirect_after=poll.redirect_after,
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._storage is not None:
            self._storage.close()
            self._storage = None

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        """Poll the followed feeds (or ``urls``, or only the due ones) once."""
        owner: str | None = None
        if feeds is None and due_only and not urls:
            # the daemon's path: lease the due feeds, so several instances share the work
            feeds = self.sync().claim_due_feeds(owner=self.owner, now=self.clock(), lease=LEASE)
            owner = self.owner
        elif feeds is None:
            feeds = self.feeds_to_poll(urls=urls, due_only=due_only)
        # health before this poll, for health_changes(): one log line per change, not per failure
        self._health_before = {feed.url: _health_of(feed) for feed in feeds}
        if on_start is not None:
            on_start(len(feeds))
        if not feeds:
            return []
        async with self.fetcher() as fetcher:
            return await update.update_feeds(
                feeds,
                fetcher=fetcher,
                storage=self.storage,
                parse=self._parse_runner(len(feeds)),
                schedule=self.schedule(),
                now=self.clock,
                owner=owner,
                on_result=on_result,
            )

    def health_changes(self, results: Sequence[UpdateResult]) -> list[str]:
        """One line per feed whose health changed in the last ``poll`` (ok -> failing,
        failing -> ok, -> gone), so a feed that keeps failing is reported once, not on every
        poll. The state before comes from storage (consecutive errors, gone), so a restart does
        not report an old failure again. URLs are shown without credentials."""
        lines = []
        for result in results:
            before = self._health_before.get(result.url, decide.Health.OK)
            error = result.error
            if error is None:
                after = decide.Health.OK
            elif isinstance(error, FetchError) and error.status == 410:
                after = decide.Health.GONE
            else:
                after = decide.Health.FAILING
            detail = redact_url(error.message) if error is not None else ""
            line = decide.health_change(redact_url(result.url), before, after, detail)
            if line is not None:
                lines.append(line)
        return lines

    async def check(self, urls: Sequence[str] = ()) -> list[CheckResult]:
        """Fetch and parse each feed once (no conditional headers), store nothing."""
        specs = [s for s in self.followed() if not urls or s.url in urls]
        if urls and len(specs) < len(set(urls)):
            # checking a URL that is not followed is allowed: it is how you try one out
            specs += [FeedSpec(url=u) for u in urls if u not in {s.url for s in specs}]

        async def one(fetcher: Fetcher, url: str) -> CheckResult:
            try:
                fetched = await fetcher.fetch(url)
                assert fetched.body is not None
                parsed = update.parse_document(
                    fetched.body, fetched.final_url, fetched.headers, self.clock()
                )[0]
            except UpdateError as e:
                status = getattr(e, "status", None)
                return CheckResult(url, status=status, error=e.message)
            dates = [d for d in (_date_of(entry) for entry in parsed.entries) if d]
            return CheckResult(
                url,
                status=fetched.status,
                version=parsed.feed.version,
                entries=len(parsed.entries),
                newest=max(dates) if dates else None,
                final_url=fetched.final_url if fetched.final_url != url else None,
            )

        async with self.fetcher() as fetcher:
            return list(await asyncio.gather(*(one(fetcher, s.url) for s in specs)))

    # -- digest ------------------------------------------------------------------------------

    @property
    def timezone(self) -> str:
        return self.config.tracker.timezone

    def last_complete_week(self) -> IsoWeek:
        return window.last_complete_week(self.clock(), self.timezone)

    def _week_entries(self, week: IsoWeek) -> tuple[list[Entry], list[FeedStatus]]:
        """The entries first seen in ``week`` from followed feeds, and every feed's status."""
        start, end = window.week_bounds(week, self.timezone)
        storage = self.sync()
        entries = storage.list_entries(since=start.astimezone(UTC), until=end.astimezone(UTC))
        feeds = storage.feed_statuses()
        # a feed removed from the config keeps its entries in the database (``feeds remove``),
        # but the reader stopped following it: it is not in the digest any more
        followed = {feed.url for feed in feeds if feed.followed}
        return [entry for entry in entries if entry.feed_url in followed], feeds

    def build_digest(self, week: IsoWeek) -> Digest:
        """The digest of ``week`` from what is stored now. The films it shows are remembered,
        so a later week can reuse what this one learnt (a Netflix date, a poster)."""
        start, end = window.week_bounds(week, self.timezone)
        entries, feeds = self._week_entries(week)
        entries = digest.select_entries(
            entries, {f.url: f for f in feeds}, backfill=self.config.digest.backfill
        )
        storage = self.storage
        built = digest.build_digest(
            entries,
            feeds=feeds,
            specs={spec.url: spec for spec in self.followed()},
            week=week,
            start=start,
            end=end,
            timezone=self.timezone,
            now=self.clock().astimezone(start.tzinfo),
            korean_only=self.config.digest.korean_only,
            known=storage.known_films,
        )
        storage.remember_films(
            digest.films_to_remember(built), digest.film_links(built), now=self.clock()
        )
        return built

    def explain(self, key: str) -> tuple[Entry, list[tuple[str, str]]]:
        """Why an entry (by id or link) is in its week's digest, or not."""
        entry = self.storage.get_entry(int(key) if key.isdigit() else key)
        if entry is None:
            raise TrackerError(
                f"no stored entry {key!r}",
                hint="give an id or a link from: tracker entries list",
            )
        week = window.week_of(entry.first_seen_at, self.timezone)
        week_entries, feeds = self._week_entries(week)
        lines = digest.explain_entry(
            entry,
            week_entries,
            feeds={f.url: f for f in feeds},
            specs={spec.url: spec for spec in self.followed()},
            korean_only=self.config.digest.korean_only,
            backfill=self.config.digest.backfill,
            week=week,
        )
        for film, role in self.storage.films_of_entry(entry.id):
            known = f"{film.title} (key {film.key})"
            if film.release_date:
                known += f", {film.platform or 'released'} from {film.release_date:%Y-%m-%d}"
            lines.append(("remembered", f"linked as {role} to the film {known}"))
        if entry.feed_url not in {feed.url for feed in feeds if feed.followed}:
            lines.append(("feed", "no longer followed: its entries stay out of digests"))
        return entry, lines

    def renderer(self) -> Renderer:
        templates = self.config.digest.templates
        return Renderer(templates=Path(templates).expanduser() if templates else None)

    def render(self, built: Digest) -> RenderedDigest:
        return self.renderer().render(built, subject_template=self.config.digest.subject)

    def preview(self, week: IsoWeek) -> tuple[Digest, RenderedDigest]:
        built = self.build_digest(week)
        return built, self.render(built)

    @property
    def outbox_dir(self) -> Path:
        return self.state_dir / "outbox"

    def recipients(self) -> list[str]:
        recipients = list(self.config.digest.recipients)
        if recipients:
            return recipients
        if self.config.smtp is not None:
            raise ConfigError(
                [
                    ConfigProblem(
                        "digest.recipients",
                        "is empty, so there is nobody to email",
                        'add recipients = ["you@example.com"] under [digest]',
                    )
                ]
            )
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

    def _compose(self, week: IsoWeek, rendered: RenderedDigest) -> digest.Compose:
        sender_address = self.config.digest.sender
        domain = parseaddr(sender_address)[1].rpartition("@")[2] or "kfilm-tracker"

        def compose(recipient: str, message_id: str) -> EmailMessage:
            return build_message(
                Envelope(
                    sender=sender_address,
                    recipient=recipient,
                    subject=rendered.subject,
                    html=rendered.html,
                    text=rendered.text,
                    message_id=message_id,
                    date=self.clock(),
                    list_id=f"Korean film weekly <weekly.{domain}>",
                )
            )

        del week
        return compose

    def message_id(self, week: IsoWeek, recipient: str) -> str:
        domain = parseaddr(self.config.digest.sender)[1].rpartition("@")[2] or "kfilm-tracker"
        return message_id_for(str(week), recipient, domain)

    async def send_digest(
        self,
        week: IsoWeek | None = None,
        *,
        force: bool = False,
        dry_run: bool = False,
        built: Digest | None = None,
    ) -> list[digest.Outcome]:
        """Send one week's digest (default: the last complete week) to every recipient, once.
        ``built`` is that week's digest when the caller already has it."""
        week = week or self.last_complete_week()
        recipients = self.recipients()
        if built is None or built.week != week:
            built = self.build_digest(week)
        if built.empty and not self.config.digest.send_if_empty:
            return [
                digest.Outcome(week, r, "skipped", "nothing this week (send_if_empty = false)")
                for r in recipients
            ]
        rendered = self.render(built)
        if dry_run:
            return [digest.Outcome(week, r, "dry-run", rendered.subject) for r in recipients]
        outcomes = await digest.deliver(
            week,
            recipients=recipients,
            compose=self._compose(week, rendered),
            message_id=functools.partial(self.message_id, week),
            storage=self.storage,
            sender=self.sender(),
            now=self.clock,
            force=force,
            owner=self.owner,
        )
        if not any(o.status == "skipped" for o in outcomes):
            return outcomes
        # "skipped" alone hid a failed or stuck digest behind "already sent": say what the
        # ledger holds, so the user knows whether to wait, fix something, or --force
        records = {(r.week, r.recipient): r for r in self.storage.list_digests()}
        return [
            digest.explain_skip(o, records.get((str(week), o.recipient)))
            if o.status == "skipped"
            else o
            for o in outcomes
        ]

    async def send_due_digest(self) -> list[digest.Outcome]:
        """The scheduled job and catch-up: the newest week whose send time has passed, plus any
        week whose temporary failure is due for a retry. The ledger makes it exactly once."""
        schedule = self.config.digest.schedule
        weeks = {window.last_due_week(self.clock(), schedule, self.timezone)}
        weeks |= {window.parse_week(w) for w in self.storage.retry_due_weeks(now=self.clock())}
        outcomes: list[digest.Outcome] = []
        for week in sorted(weeks):
            outcomes += await self.send_digest(week)
        return outcomes


def _health_of(feed: FeedForUpdate) -> decide.Health:
    if feed.gone:
        return decide.Health.GONE
    return decide.Health.FAILING if feed.consecutive_errors else decide.Health.OK


def _date_of(entry: EntryData) -> datetime | None:
    return entry.published or entry.updated


#: the facade, as DESIGN.md names it: ``make_tracker(config, ...)`` builds a ``Tracker``
make_tracker = Tracker
