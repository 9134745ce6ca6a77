"""``tracker calendar``: write the release calendar (an ``.ics`` file calendar apps subscribe
to), or print it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.common import ConfigOption, app, handle_errors, open_tracker, out


@app.command("calendar")
@handle_errors
def calendar(
    out_file: Annotated[
        str | None,
        typer.Option(
            "--out",
            metavar="FILE.ics",
            help="Write the .ics here; - prints it (default: state_dir/archive/releases.ics).",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Write the release calendar: one all-day event per film or series and platform."""
    with open_tracker(config) as tracker:
        releases = tracker.calendar.releases()
        if out_file == "-":
            # bytes as they are (CRLF lines, UTF-8), for a pipe or a redirect
            typer.echo(tracker.calendar.data(releases), nl=False)
            return
        target = tracker.calendar.write(Path(out_file) if out_file else None, releases=releases)
    count = len(releases)
    out.print(f"wrote {count} {'event' if count == 1 else 'events'} to {target}")
