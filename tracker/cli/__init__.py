"""The ``tracker`` command line: thin shells that parse arguments, ask a ``Tracker`` (built by
``tracker.app``) and print. One module per command group; this one registers them all and is
the console-script entry point. Every ``TrackerError`` becomes one clear line on stderr and exit
status 1, never a traceback.
"""

from __future__ import annotations

from tracker.cli import calendar, digest, entries, feeds, health, poll, run, setup
from tracker.cli.common import app, fail
from tracker.exceptions import CatalogError, ConfigError, TrackerError

__all__ = [
    "app",
    "calendar",
    "digest",
    "entries",
    "feeds",
    "health",
    "main",
    "poll",
    "run",
    "setup",
]


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except (ConfigError, CatalogError, TrackerError) as error:  # raised outside a command
        raise SystemExit(fail(error).exit_code) from None
