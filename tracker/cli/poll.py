"""``tracker poll``: poll the followed feeds now, with a progress bar in a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.common import ConfigOption, app, err, handle_errors, open_tracker, out, progress
from tracker.types import PollSummary, UpdateResult
from tracker.urls import redact_url

if TYPE_CHECKING:
    from tracker.app import Tracker


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
