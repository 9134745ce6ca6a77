"""``tracker health [--json]``: one line (or every check as JSON) and an exit status a monitor
reads: 0 healthy, 3 the database, 4 no recent poll, 5 a digest, 6 failing feeds (``tracker.health``
owns the checks and the codes; this shell only prints them)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from tracker.cli.common import ConfigOption, app, handle_errors, open_tracker, out


@app.command()
@handle_errors
def health(
    as_json: Annotated[bool, typer.Option("--json", help="Every check, machine-readable.")] = False,
    config: ConfigOption = None,
) -> None:
    """Exit 0 when healthy, else a status naming the cause (3 database, 4 no recent poll,
    5 a digest failed or stuck, 6 too many feeds failing), with one line saying why."""
    with open_tracker(config) as tracker:
        report = tracker.health()
    if as_json:
        sys.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(report.line, markup=False)
    raise typer.Exit(report.exit_code)
