"""``tracker run`` (the daemon) and ``tracker demo`` (the whole job on sample data)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker import logs
from tracker.cli.common import ConfigOption, app, handle_errors, open_tracker, out


@app.command()
@handle_errors
def run(
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
    log_json: Annotated[bool, typer.Option("--log-json", help="One JSON object per line.")] = False,
    config: ConfigOption = None,
) -> None:
    """Run the daemon: poll due feeds every minute, send the digest on schedule."""
    import asyncio
    import os

    from tracker import daemon as scheduler
    from tracker.notify import Notifier

    logs.setup(log_level, json_lines=log_json)
    # under systemd (Type=notify): READY=1, the watchdog, STOPPING=1; nothing otherwise
    notifier = Notifier.from_environ(os.environ, os.getpid())
    with open_tracker(config) as tracker:
        asyncio.run(scheduler.run_forever(tracker, notifier))


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
