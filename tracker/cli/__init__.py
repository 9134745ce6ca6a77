"""The ``tracker`` command line. A thin shell: parses arguments, builds a ``Tracker`` through
``core``, prints. Must not hold logic a test would want to call without a terminal: that belongs
in ``core`` or below. Every ``TrackerError`` becomes one clear line on stderr and exit status 1.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from rich.text import Text

from tracker import __version__, logs
from tracker import app as core
from tracker.config import edit as configedit
from tracker.config import opml
from tracker.config.schema import load_config
from tracker.digest import window
from tracker.exceptions import CatalogError, ConfigError, TrackerError
from tracker.types import (
    DigestStatus,
    FeedKind,
    FeedSpec,
    FeedStatus,
    IsoWeek,
    PollSummary,
    UpdateResult,
)
from tracker.urls import redact_url

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="tracker",
    help="Never miss a Korean film review or a Netflix release: polls feeds, emails a digest.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
feeds_app = typer.Typer(
    help="List, add, remove, check, import and export followed feeds.", no_args_is_help=True
)
entries_app = typer.Typer(help="Look at stored entries.", no_args_is_help=True)
config_app = typer.Typer(help="Validate the config file.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")
app.add_typer(entries_app, name="entries")
digest_app = typer.Typer(help="Preview, send and list the weekly digests.", no_args_is_help=True)
app.add_typer(config_app, name="config")
app.add_typer(digest_app, name="digest")

# markup off: feed titles, URLs and paths are data, and "[/x]" in one must print as itself
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Config file (default: $TRACKER_CONFIG, ./tracker.toml, then the user config dir).",
        show_default=False,
    ),
]


class State:
    config_path: Path | None = None


state = State()


def fail(error: TrackerError) -> typer.Exit:
    err.print(Text("error:", style="bold red"), Text(error.message))
    if error.hint:
        err.print(f"hint: {error.hint}", markup=False)
    return typer.Exit(1)


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn a user's mistake into one clear line and exit 1; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except TrackerError as error:
            raise fail(error) from None

    return wrapper


def _show_version(value: bool) -> None:
    if value:
        out.print(f"kfilm-tracker {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    config: ConfigOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    state.config_path = config


def _config_path(local: Path | None) -> Path | None:
    return core.find_config(local or state.config_path, os.environ, Path.cwd())


def open_tracker(local: Path | None = None) -> core.Tracker:
    path = _config_path(local)
    config = core.read_config(path, os.environ)
    return core.make_tracker(config, config_path=path)


def _editable_config(local: Path | None) -> Path:
    path = _config_path(local)
    if path is None:
        raise TrackerError("no config file to edit", hint="create one first with: tracker init")
    return path


# -- init and config -------------------------------------------------------------------------


@app.command()
@handle_errors
def init(
    config: ConfigOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter config to ./tracker.toml (or --config PATH)."""
    path = config or state.config_path or Path(core.CONFIG_NAME)
    if path.exists() and not force:
        raise TrackerError(f"{path} already exists", hint="use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(configedit.starter_config(), encoding="utf-8")
    out.print(f"wrote {path}")
    out.print("next: edit it, then `tracker poll` (or `tracker feeds import FILE.opml`)")


@config_app.command("check")
@handle_errors
def config_check(config: ConfigOption = None) -> None:
    """Validate the config; print every problem with its dotted key; exit 1 if there are any."""
    path = _config_path(config)
    loaded = core.read_config(path, os.environ)
    tracker = core.make_tracker(loaded, config_path=path)
    feeds = tracker.followed()  # also validates collection names against the catalog
    where = path or "built-in defaults (no config file found)"
    database = redact_url(tracker.database_url)
    out.print(f"{where}: ok ({len(feeds)} feeds followed, database {database})")


# -- poll ------------------------------------------------------------------------------------


def _summary_line(summary: PollSummary) -> str:
    return (
        f"polled {summary.polled} feeds: {summary.not_modified} not modified, "
        f"{summary.failed} failed, {summary.new} new entries, {summary.updated} updated"
    )


@app.command()
@handle_errors
def poll(
    feed: Annotated[
        list[str] | None, typer.Option("--feed", help="Poll only this feed (repeatable).")
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Poll only feeds whose time has come.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Poll every followed feed now (still with conditional GET) and store what is new."""
    with open_tracker(config) as tracker:
        results = _poll_with_progress(tracker, feed or [], due)
    for result in results:
        if result.error is not None:
            line = f"failed: {result.url}: {result.error.message}"
            err.print(redact_url(line), markup=False)
    out.print(_summary_line(PollSummary.of(results)))


def _poll_with_progress(tracker: core.Tracker, urls: list[str], due: bool) -> list[UpdateResult]:
    if not err.is_terminal:
        return asyncio.run(tracker.poll(urls=urls, due_only=due))
    with Progress(
        TextColumn("polling"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("poll", total=None)
        return asyncio.run(
            tracker.poll(
                urls=urls,
                due_only=due,
                on_start=lambda n: progress.update(task, total=n),
                on_result=lambda _r: progress.advance(task),
            )
        )


# -- feeds -----------------------------------------------------------------------------------


@feeds_app.command("list")
@handle_errors
def feeds_list(config: ConfigOption = None) -> None:
    """List the followed feeds (catalog collections plus [[feeds]])."""
    tracker = open_tracker(config)
    table = Table("url", "title", "kind", "korean only", "from", box=None)
    for spec in tracker.followed():
        table.add_row(
            redact_url(spec.url),
            spec.title or "",
            spec.kind.value,
            "yes" if spec.korean_only else "",
            spec.collection or "config",
        )
    out.print(table)


@feeds_app.command("add")
@handle_errors
def feeds_add(
    url: str,
    title: Annotated[str | None, typer.Option(help="A title for the feed.")] = None,
    kind: Annotated[FeedKind, typer.Option(help="What the feed mostly carries.")] = FeedKind.MIXED,
    korean_only: Annotated[
        bool, typer.Option("--korean-only", help="Every entry is about Korean film or drama.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Follow a feed: adds a [[feeds]] table to the config file (comments are kept)."""
    path = _editable_config(config)
    spec = FeedSpec(url=url, title=title, kind=kind, korean_only=korean_only)
    _edit_config(path, lambda text: configedit.add_feeds(text, [spec])[0])
    out.print(f"following {redact_url(url)} (edit {path} to change it)")


@feeds_app.command("remove")
@handle_errors
def feeds_remove(url: str, config: ConfigOption = None) -> None:
    """Stop following a feed: removes its [[feeds]] table. Its stored entries are kept."""
    path = _editable_config(config)
    text = path.read_text(encoding="utf-8")
    new_text, removed = configedit.remove_feed(text, url)
    if not removed:
        tracker = open_tracker(config)
        owner = next((s.collection for s in tracker.followed() if s.url == url), None)
        if owner:
            raise TrackerError(
                f"{url} comes from the catalog collection {owner!r}",
                hint=f"remove {owner!r} from [tracker] collections in {path}",
            )
        raise TrackerError(f"{url} is not a followed feed", hint="see: tracker feeds list")
    _edit_config(path, lambda _text: new_text)
    out.print(f"no longer following {redact_url(url)}")


def _edit_config(path: Path, edit: Callable[[str], str]) -> None:
    """Edit the file, then validate the result before writing it, so a bad edit loses nothing."""
    text = path.read_text(encoding="utf-8")
    new_text = edit(text)
    load_config(new_text, env=os.environ, source=str(path))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(new_text, encoding="utf-8")
    tmp.replace(path)


@feeds_app.command("import")
@handle_errors
def feeds_import(file: Path, config: ConfigOption = None) -> None:
    """Follow every feed of an OPML file (adds [[feeds]] tables to the config)."""
    path = _editable_config(config)
    try:
        data = file.read_bytes()
    except OSError as e:
        raise TrackerError(f"cannot read {file}: {e.strerror}") from e
    found = opml.parse_opml(data)
    # a feed a collection already follows keeps the catalog's hints (kind, korean_only)
    followed = {spec.url for spec in open_tracker(config).followed()}
    specs = [
        FeedSpec(url=f.url, title=f.title, site=f.site) for f in found if f.url not in followed
    ]
    added: list[str] = []

    def edit(text: str) -> str:
        new_text, urls = configedit.add_feeds(text, specs)
        added.extend(urls)
        return new_text

    _edit_config(path, edit)
    out.print(
        f"imported {len(added)} feeds from {file} ({len(found) - len(added)} already followed)"
    )


@feeds_app.command("export")
@handle_errors
def feeds_export(
    file: Annotated[Path | None, typer.Argument(help="Write here instead of stdout.")] = None,
    config: ConfigOption = None,
) -> None:
    """Write the followed feeds as OPML (to FILE, or stdout)."""
    tracker = open_tracker(config)
    document = opml.write_opml(tracker.followed())
    if file is None:
        sys.stdout.write(document)
    else:
        file.write_text(document, encoding="utf-8")
        out.print(f"wrote {file}")


@feeds_app.command("check")
@handle_errors
def feeds_check(
    url: Annotated[list[str] | None, typer.Argument(help="Only these feeds.")] = None,
    config: ConfigOption = None,
) -> None:
    """Fetch each followed feed once and report status, format, entry count and newest date."""
    with open_tracker(config) as tracker:
        results = asyncio.run(tracker.check(url or []))
    table = Table("url", "status", "format", "entries", "newest", "note", box=None)
    failed = 0
    for r in results:
        failed += r.error is not None
        table.add_row(
            redact_url(r.url),
            str(r.status or "-"),
            r.version or "-",
            str(r.entries),
            r.newest.date().isoformat() if r.newest else "-",
            r.error or (f"moved to {r.final_url}" if r.final_url else "ok"),
        )
    out.print(table)
    out.print(f"{len(results) - failed} ok, {failed} failed")
    if failed:
        raise typer.Exit(1)


# -- entries and status ----------------------------------------------------------------------


def _parse_since(value: str | None, tz: str) -> datetime | None:
    """A date or time; without a zone it is read in ``[tracker] timezone``, as the user lives."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value), time())
        except ValueError:
            raise TrackerError(
                f"--since {value!r} is not a date", hint="use YYYY-MM-DD or an ISO 8601 time"
            ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(tz))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@entries_app.command("list")
@handle_errors
def entries_list(
    since: Annotated[
        str | None, typer.Option(help="Only entries first seen since this date.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
    config: ConfigOption = None,
) -> None:
    """List stored entries, newest first (by when they were first seen)."""
    with open_tracker(config) as tracker:
        entries = tracker.storage.list_entries(
            since=_parse_since(since, tracker.timezone), limit=limit
        )
    if as_json:
        rows: list[dict[str, Any]] = [
            {
                "id": e.id,
                "feed": e.feed_url,
                "title": e.title,
                "link": e.link,
                "published": _iso(e.published_at),
                "first_seen": _iso(e.first_seen_at),
                "author": e.author,
                "categories": list(e.categories),
                "image": e.image,
            }
            for e in entries
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("id", "published", "feed", "title", box=None)
    for e in entries:
        table.add_row(
            str(e.id), e.published_at.date().isoformat(), e.feed_title or e.feed_url, e.title
        )
    out.print(table)


@app.command()
@handle_errors
def explain(
    entry: Annotated[str, typer.Argument(help="An entry id or link (see: tracker entries list).")],
    config: ConfigOption = None,
) -> None:
    """Why an entry is in its week's digest (or not): its identity key, how it was classified
    (the rule and the matched words), the film it joined, a merge, or the rule that left it out."""
    with open_tracker(config) as tracker:
        found, lines = tracker.explain(entry)
    out.print(f"entry {found.id}: {found.title}", markup=False)
    if found.link:
        out.print(f"  {found.link}", markup=False)
    width = max(len(topic) for topic, _ in lines)
    for topic, text in lines:
        out.print(f"  {topic:<{width}}  {text}", markup=False)


@app.command()
@handle_errors
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable.")] = False,
    config: ConfigOption = None,
) -> None:
    """Per-feed health: last check, last success, errors, next poll; gone and moved feeds."""
    with open_tracker(config) as tracker:
        counts = tracker.storage.counts()
        feeds = [f for f in tracker.storage.feed_statuses() if f.followed]
        database = tracker.storage.url_for_display
    if as_json:
        doc = {
            **counts,
            "database": database,
            "feed_status": [
                {
                    "url": redact_url(f.url),
                    "title": f.title,
                    "entries": f.entries,
                    "state": f.state,
                    "last_checked": _iso(f.last_checked_at),
                    "last_success": _iso(f.last_success_at),
                    "next_poll": None if f.gone_at else _iso(f.next_poll_at),
                    "consecutive_errors": f.consecutive_errors,
                    "last_error": redact_url(f.last_error) if f.last_error else None,
                    "http_status": f.http_status,
                    "format": f.version,
                    "gone_since": _iso(f.gone_at),
                    "moved_to": redact_url(f.moved_to) if f.moved_to else None,
                    "redirected_to": redact_url(f.redirect_url) if f.redirect_url else None,
                    "redirected_since": _iso(f.redirect_since),
                }
                for f in feeds
            ],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    # fold, never truncate: the state column carries the error text a user must be able to read
    table = Table(
        Column("feed", overflow="fold"),
        "entries",
        "last success",
        "next poll",
        Column("state", overflow="fold"),
        box=None,
    )
    for f in feeds:
        table.add_row(
            f.title or redact_url(f.url),
            str(f.entries),
            f.last_success_at.strftime("%Y-%m-%d %H:%M") if f.last_success_at else "-",
            _next_poll(f),
            redact_url(_health(f)),
        )
    out.print(table)
    out.print(
        f"{counts['feeds']} feeds, {counts['entries']} entries, {counts['failing']} failing "
        f"({database})"
    )


def _next_poll(f: FeedStatus) -> str:
    if f.gone_at is not None:
        return "never"
    return f.next_poll_at.strftime("%Y-%m-%d %H:%M") if f.next_poll_at else "due"


def _health(f: FeedStatus) -> str:
    """The state column: gone / failing / ok / never polled, then moved or redirected notes."""
    if f.gone_at is not None:
        health = (
            f"gone since {f.gone_at:%Y-%m-%d} (HTTP 410): no longer polled; re-add it to try again"
        )
    elif f.consecutive_errors:
        health = f"failing x{f.consecutive_errors}: {f.last_error}"
    elif f.last_success_at:
        health = "ok"
    else:
        health = "never polled"
    if f.moved_to:
        health += f"; moved to {f.moved_to}"
    elif f.redirect_url and f.redirect_since:
        health += f"; redirects permanently to {f.redirect_url} since {f.redirect_since:%Y-%m-%d}"
    return health


# -- digest ----------------------------------------------------------------------------------

WeekOption = Annotated[
    str | None,
    typer.Option("--week", help="An ISO week such as 2026-W47 (default: the last complete week)."),
]


def _week(tracker: core.Tracker, value: str | None) -> IsoWeek:
    if value is None:
        return tracker.last_complete_week()
    try:
        return window.parse_week(value)
    except ValueError as e:
        raise TrackerError(str(e), hint="use YYYY-Www, e.g. 2026-W47") from None


@digest_app.command("preview")
@handle_errors
def digest_preview(
    week: WeekOption = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the HTML here (default: the state dir).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Render a week's digest without sending it; writes the HTML and the text next to it."""
    with open_tracker(config) as tracker:
        chosen = _week(tracker, week)
        built, rendered = tracker.preview(chosen)
        target = out_file or tracker.state_dir / "previews" / f"digest-{chosen}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(rendered.html, encoding="utf-8")
    target.with_suffix(".txt").write_text(rendered.text, encoding="utf-8")
    c = built.counts
    out.print(f"subject: {rendered.subject}")
    out.print(
        f"{chosen}: {c.films} films, {c.reviews} reviews, {c.releases} releases, "
        f"{c.news} news, from {c.sources} sources"
    )
    out.print(f"wrote {target} and {target.with_suffix('.txt')}")


@digest_app.command("send")
@handle_errors
def digest_send(
    week: WeekOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Send again even if already sent.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Build and render, send nothing.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Send a week's digest to every recipient, exactly once (unless --force)."""
    with open_tracker(config) as tracker:
        chosen = _week(tracker, week)
        outcomes = asyncio.run(tracker.send_digest(chosen, force=force, dry_run=dry_run))
        where = (
            f"SMTP {tracker.config.smtp.host}"
            if tracker.config.smtp
            else f"the outbox {tracker.outbox_dir}"
        )
    failed = 0
    for o in outcomes:
        failed += o.status == "failed"
        line = f"{o.week} to {o.recipient}: {o.describe()}"
        (err if o.status == "failed" else out).print(line, markup=False)
    if any(o.status == "sent" for o in outcomes):
        out.print(f"delivered through {where}")
    if failed:
        raise typer.Exit(1)


@digest_app.command("list")
@handle_errors
def digest_list(config: ConfigOption = None) -> None:
    """The digest ledger: what was sent to whom, and anything stuck or failed."""
    with open_tracker(config) as tracker:
        records = tracker.storage.list_digests()
    if not records:
        out.print("no digests yet")
        return
    # The notes (an SMTP error, what to run next) go below the table, one whole line each: in a
    # table column they were cut to pieces at 80 columns, and rich read "[smtp]" in an error as
    # markup and dropped it. The recipient folds rather than being cut short with an ellipsis.
    table = Table("week", Column("recipient", overflow="fold"), "status", "attempts", "when")
    table.box = None
    notes: list[str] = []
    for r in records:
        note = r.error or ""
        if r.status is DigestStatus.SENDING:
            note = (
                "stuck while sending (a crash?): it may or may not have arrived; "
                f"resend with: tracker digest send --week {r.week} --force"
            )
        elif r.status is DigestStatus.FAILED and r.retry_at:
            note += f" (retrying after {r.retry_at:%Y-%m-%d %H:%M} UTC)"
        elif r.status is DigestStatus.FAILED:
            note += f" (fix it, then: tracker digest send --week {r.week} --force)"
        when = r.sent_at or r.updated_at
        table.add_row(
            r.week,
            Text(r.recipient),
            r.status.value,
            str(r.attempts),
            when.strftime("%Y-%m-%d %H:%M"),
        )
        if note:
            notes.append(f"{r.week} to {r.recipient}: {r.status.value}: {note}")
    out.print(table)
    if notes:
        out.print()
    for line in notes:
        out.print(line, markup=False)


# -- the daemon --------------------------------------------------------------------------------


@app.command()
@handle_errors
def run(
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
    log_json: Annotated[bool, typer.Option("--log-json", help="One JSON object per line.")] = False,
    config: ConfigOption = None,
) -> None:
    """Run the daemon: poll due feeds every minute, send the digest on schedule."""
    from tracker import daemon as scheduler

    logs.setup(log_level, json_lines=log_json)
    with open_tracker(config) as tracker:
        asyncio.run(scheduler.run_forever(tracker))


@app.command()
@handle_errors
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Where to write the digest.")] = Path(
        "kfilm-demo"
    ),
) -> None:
    """Try it now: sample feeds and a mail server on 127.0.0.1, poll -> digest -> send."""
    from tracker import demo as demo_module

    result = demo_module.run_demo(out_dir)
    out.print(result.summary())


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except (ConfigError, CatalogError, TrackerError) as error:  # raised outside a command
        raise SystemExit(fail(error).exit_code) from None
