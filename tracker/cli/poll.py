"""``tracker poll``: poll the followed feeds now, with a progress bar in a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.common import (
    ConfigOption,
    app,
    err,
    fail,
    handle_errors,
    open_tracker,
    out,
    progress,
)
from tracker.exceptions import RecordError, StorageError
from tracker.types import UpdateResult
from tracker.urls import redact_url

if TYPE_CHECKING:
    from tracker.app import Tracker


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
    """Poll every followed feed now (still with conditional GET) and store what is new. Exits
    1 when every feed failed, 3 when the database cannot be opened or refused to store a feed,
    0 otherwise."""
    from tracker.poll.outcome import EXIT_NOT_STORED, PollOutcome  # not at --help's cost

    try:
        with open_tracker(config) as tracker:
            results = _poll_with_progress(tracker, feed or [], due)
    except StorageError as refused:
        fail(refused)  # one line and its hint, as for any error; the status says "the database"
        raise typer.Exit(EXIT_NOT_STORED) from None
    for result in results:
        error = result.error
        if error is None:
            continue
        # a refused write is logged once by the poll, not once per feed (a full disk refuses
        # them all); the feed's own failure, if it had one, still gets its line
        message = error.failure if isinstance(error, RecordError) else error.message
        if message:
            err.print(redact_url(f"failed: {result.url}: {message}"), markup=False)
    outcome = PollOutcome.of(results)
    out.print(outcome.line)
    if outcome.exit_code:
        raise typer.Exit(outcome.exit_code)


def _poll_with_progress(tracker: Tracker, urls: list[str], due: bool) -> list[UpdateResult]:
    import asyncio

    with progress("polling") as (start, advance):
        return asyncio.run(
            tracker.poll(
                urls=urls,
                due_only=due,
                on_start=start,
                on_result=lambda _result: advance(1),
            )
        )
