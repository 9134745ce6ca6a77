"""``tracker entries list``, ``tracker explain``, ``tracker reclassify`` and ``tracker status``:
looking at what is stored and what it was understood to be."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer

from tracker.cli.common import (
    ConfigOption,
    app,
    entries_app,
    handle_errors,
    open_tracker,
    out,
    print_json,
    print_table,
    progress,
)
from tracker.exceptions import TrackerError
from tracker.types import FeedSpec, FeedStatus, Understood
from tracker.urls import redact_url


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
    # bounded: a number past what a database integer holds is a usage error, not a traceback
    limit: Annotated[int, typer.Option(help="At most this many.", min=1, max=10**9)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
    config: ConfigOption = None,
) -> None:
    """List stored entries, newest first (by when they were first seen)."""
    with open_tracker(config) as tracker:
        entries = tracker.entries(since=_parse_since(since, tracker.timezone), limit=limit)
    if as_json:
        rows: list[dict[str, Any]] = [
            {
                "id": e.id,
                "feed": redact_url(e.feed_url),
                "title": e.title,
                "link": e.link,
                "published": _iso(e.published_at),
                "first_seen": _iso(e.first_seen_at),
                "author": e.author,
                "categories": list(e.categories),
                "image": e.image,
                "understood": _understood(e.understood),
            }
            for e in entries
        ]
        print_json(rows)
        return
    from rich.table import Table

    table = Table("id", "published", "feed", "kind", "title", box=None)
    for e in entries:
        table.add_row(
            str(e.id),
            e.published_at.date().isoformat(),
            e.feed_title or redact_url(e.feed_url),
            str(e.understood.kind) if e.understood else "?",
            e.title,
        )
    print_table(table)


def _understood(understood: Understood | None) -> dict[str, Any] | None:
    """What the entry was understood to be on ingest (None: not yet)."""
    if understood is None:
        return None
    from tracker.understand.record import read

    about = read(understood)
    return {
        "kind": str(about.kind),
        "korean": about.korean,
        "film": about.film,
        "film_hangul": about.film_hangul,
        "film_key": understood.film_key,
        "year": about.year,
        "season": about.season,
        "rating": about.rating,
        "rating_text": about.rating_text,
        "platform": about.platform,
        "release_date": about.release_date.isoformat() if about.release_date else None,
        "listed": [
            {
                "film": item.film,
                "release_date": item.release_date.isoformat() if item.release_date else None,
                "korean": item.korean,
            }
            for item in about.listed
        ],
        "classifier": understood.version,
    }


@app.command()
@handle_errors
def reclassify(
    since: Annotated[
        str | None, typer.Option(help="Only entries first seen since this date.")
    ] = None,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Every entry, not only those a newer classifier has not read."),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Understand stored entries again with the current classifier: those it has not read yet
    (a new version, a feed whose kind or korean_only changed), or --all of them."""
    import asyncio

    with open_tracker(config) as tracker:
        start = _parse_since(since, tracker.timezone)
        with progress("understanding") as (begin, advance):
            count = asyncio.run(
                tracker.reclassify(
                    since=start, everything=everything, on_start=begin, on_progress=advance
                )
            )
    out.print(f"reclassified {count} {'entry' if count == 1 else 'entries'}")


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
    """Per-feed health: last check, last success, errors, next poll; gone and moved feeds, and
    feeds not polled yet. Times are in [tracker] timezone, each labelled with its zone."""
    with open_tracker(config) as tracker:
        counts = tracker.counts()
        # the config's new feeds too: the database learns of them only at their first poll
        feeds = _followed(tracker.feed_statuses(), tracker.followed())
        database = tracker.database_for_display
        zone = ZoneInfo(tracker.timezone)
    never = sum(f.state == "never polled" for f in feeds)
    counts = {**counts, "feeds": len(feeds), "never_polled": never}
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
        print_json(doc)
        return
    from rich.table import Column, Table

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
            _local(f.last_success_at, zone) if f.last_success_at else "-",
            _next_poll(f, zone),
            redact_url(_health(f, zone)),
        )
    print_table(table)
    not_yet = f", {never} never polled" if never else ""
    out.print(
        f"{counts['feeds']} feeds, {counts['entries']} entries, {counts['failing']} failing"
        f"{not_yet} ({database})"
    )


def _followed(stored: list[FeedStatus], followed: list[FeedSpec]) -> list[FeedStatus]:
    """The rows of ``status``: every feed the database follows (as the daemon last synced
    them), then each feed this config follows that the database does not know yet (added since
    the last poll), as never polled. Reads only: ``status`` must not change what is polled."""
    shown = [f for f in stored if f.followed]
    seen = {f.url for f in shown}
    known = {f.url: f for f in stored}
    for spec in followed:
        if spec.url in seen:
            continue
        seen.add(spec.url)
        before = known.get(spec.url)  # dropped from the config once, now followed again
        shown.append(
            replace(before, followed=True)
            if before
            else FeedStatus(
                url=spec.url,
                title=spec.title,
                followed=True,
                entries=0,
                last_checked_at=None,
                last_success_at=None,
                next_poll_at=None,
                consecutive_errors=0,
                last_error=None,
            )
        )
    return shown


def _local(moment: datetime, zone: ZoneInfo, style: str = "%Y-%m-%d %H:%M %Z") -> str:
    """A stored (UTC) time in ``[tracker] timezone``, labelled with its zone: ``2026-11-30
    09:00 KST``, never a bare time a reader has to guess the zone of."""
    return moment.astimezone(zone).strftime(style)


def _next_poll(f: FeedStatus, zone: ZoneInfo) -> str:
    if f.gone_at is not None:
        return "never"
    return _local(f.next_poll_at, zone) if f.next_poll_at else "due"


def _health(f: FeedStatus, zone: ZoneInfo) -> str:
    """The state column: gone / failing / ok / never polled, then moved or redirected notes."""
    if f.gone_at is not None:
        health = (
            f"gone since {_local(f.gone_at, zone, '%Y-%m-%d')} (HTTP 410): no longer polled; "
            "re-add it to try again"
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
        since = _local(f.redirect_since, zone, "%Y-%m-%d")
        health += f"; redirects permanently to {f.redirect_url} since {since}"
    return health
