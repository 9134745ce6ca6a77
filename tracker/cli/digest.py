"""``tracker digest ...``: preview, send and list the weekly digests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.common import (
    ConfigOption,
    JsonOption,
    digest_app,
    err,
    handle_errors,
    open_tracker,
    out,
    print_json,
    print_table,
)
from tracker.exceptions import TrackerError
from tracker.types import DigestRecord, DigestStatus, IsoWeek

if TYPE_CHECKING:
    from datetime import datetime

    from tracker.app import Tracker

WeekOption = Annotated[
    str | None,
    typer.Option("--week", help="An ISO week such as 2026-W47 (default: the last complete week)."),
]


def _week(tracker: Tracker, value: str | None) -> IsoWeek:
    if value is None:
        return tracker.last_complete_week()
    from tracker.digest import window

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
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered.html, encoding="utf-8")
        target.with_suffix(".txt").write_text(rendered.text, encoding="utf-8")
    except OSError as e:
        raise TrackerError(f"cannot write {e.filename or target}: {e.strerror}") from None
    c = built.counts
    out.print(f"subject: {rendered.subject}")
    out.print(
        f"{chosen}: {c.films} films, {c.reviews} reviews, {c.releases} releases, "
        f"{c.news} news, from {c.sources} sources"
    )
    out.print(f"wrote {target} and {target.with_suffix('.txt')}")
    out.print(f"web copy: {tracker.archive_dir / f'{chosen}.html'}")


@digest_app.command("archive")
@handle_errors
def digest_archive(
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Write the archive here (default: state_dir/archive)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Rebuild the web archive: a page for every week the ledger sent, its index and Atom feed."""
    with open_tracker(config) as tracker:
        folder, written = tracker.rebuild_archive(out_dir)
    for path in written:
        out.print(f"wrote {path}")
    weeks = "1 week" if len(written) == 1 else f"{len(written)} weeks"
    out.print(f"{weeks} in {folder} (index.html, feed.xml)")


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
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="ADDRESS", help="Only to this one of [digest] recipients."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Send a week's digest to every recipient (or --to one), exactly once (unless --force)."""
    import asyncio

    with open_tracker(config) as tracker:
        chosen = _week(tracker, week)
        outcomes = asyncio.run(tracker.send_digest(chosen, force=force, dry_run=dry_run, to=to))
        where = (
            f"SMTP {tracker.config.smtp.host}"
            if tracker.config.smtp
            else f"the outbox {tracker.outbox_dir}"
        )
    failed = 0
    for o in outcomes:
        # unknown: a person has to look (did it arrive?), so it fails the command like failed
        bad = o.status in ("failed", "unknown")
        failed += bad
        line = f"{o.week} to {o.recipient}: {o.describe()}"
        (err if bad else out).print(line, markup=False)
    if any(o.status == "sent" for o in outcomes):
        out.print(f"delivered through {where}")
    if failed:
        raise typer.Exit(1)


@digest_app.command("list")
@handle_errors
def digest_list(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """The digest ledger: what was sent to whom, anything stuck or failed, and weeks skipped."""
    with open_tracker(config) as tracker:
        records = tracker.digest_ledger()
        zone = tracker.timezone
    if as_json:
        print_json([_record_json(r) for r in records])
        return
    if not records:
        out.print("no digests yet")
        return
    from rich.table import Column, Table
    from rich.text import Text

    from tracker.deliver.ledger import resend_command

    # The notes (an SMTP error, what to run next) go below the table, one whole line each: in a
    # table column they were cut to pieces at 80 columns, and rich read "[smtp]" in an error as
    # markup and dropped it. The recipient folds rather than being cut short with an ellipsis.
    table = Table("week", Column("recipient", overflow="fold"), "status", "attempts", "when")
    table.box = None
    notes: list[str] = []
    for r in records:
        note = r.error or ""
        resend = resend_command(r.week, r.recipient)
        if r.status is DigestStatus.SENDING:
            note = (
                "the message is going out, or its process stopped while it was (then it turns "
                "unknown); it may or may not have arrived"
            )
        elif r.status is DigestStatus.UNKNOWN:
            note = (
                f"{note or 'the message went out and no answer came'}; not sent again by "
                f"itself: ask {r.recipient}, and if it never came: {resend}"
            )
        elif r.status is DigestStatus.CLAIMED:
            note = "being sent (nothing went out yet); a claim left by a crash is sent again"
        elif r.status is DigestStatus.FAILED and r.retry_at:
            note += f" (retrying after {_local(r.retry_at, zone)})"
        elif r.status is DigestStatus.FAILED:
            note += f" (fix it, then: {resend})"
        elif r.status is DigestStatus.SKIPPED:
            # recorded on purpose, never retried: say so, and how to send it after all
            note += f" (never retried; to send it: {resend})"
        when = r.sent_at or r.updated_at
        table.add_row(
            r.week,
            Text(r.recipient),
            r.status.value,
            str(r.attempts),
            _local(when, zone),
        )
        if note:
            notes.append(f"{r.week} to {r.recipient}: {r.status.value}: {note}")
    print_table(table)
    if notes:
        out.print()
    for line in notes:
        out.print(line, markup=False)


def _local(moment: datetime, zone: str) -> str:
    """A time in ``[tracker] timezone``, labelled with its zone (``2026-11-30 09:00 KST``)."""
    from zoneinfo import ZoneInfo

    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M %Z}"


def _record_json(r: DigestRecord) -> dict[str, object]:
    """One ledger row for ``digest list --json`` (keys documented in the README); times are
    ISO 8601 in UTC."""

    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "week": r.week,
        "recipient": r.recipient,
        "status": r.status.value,
        "attempts": r.attempts,
        "message_id": r.message_id,
        "claimed_at": iso(r.claimed_at),
        "updated_at": iso(r.updated_at),
        "sent_at": iso(r.sent_at),
        "retry_at": iso(r.retry_at),
        "error": r.error,
    }
