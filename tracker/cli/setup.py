"""``tracker init`` and ``tracker config check``: writing and validating the config file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.common import (
    ConfigOption,
    app,
    config_app,
    config_path,
    handle_errors,
    out,
    state,
)
from tracker.exceptions import TrackerError
from tracker.urls import redact_url


@app.command()
@handle_errors
def init(
    config: ConfigOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter config to ./tracker.toml (or --config PATH)."""
    from tracker.config.edit import starter_config
    from tracker.config.locate import CONFIG_NAME

    path = config or state.config_path or Path(CONFIG_NAME)
    if path.exists() and not force:
        raise TrackerError(f"{path} already exists", hint="use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(starter_config(), encoding="utf-8")
    out.print(f"wrote {path}")
    out.print("next: edit it, then `tracker poll` (or `tracker feeds import FILE.opml`)")


@config_app.command("check")
@handle_errors
def config_check(config: ConfigOption = None) -> None:
    """Validate the config; print every problem with its dotted key; exit 1 if there are any."""
    path = config_path(config)
    from tracker.app import make_tracker
    from tracker.config.locate import read_config

    loaded = read_config(path, os.environ)
    tracker = make_tracker(loaded, config_path=path)
    feeds = tracker.followed()  # also validates collection names against the catalog
    where = path or "built-in defaults (no config file found)"
    database = redact_url(tracker.database_url)
    out.print(f"{where}: ok ({len(feeds)} feeds followed, database {database})")
