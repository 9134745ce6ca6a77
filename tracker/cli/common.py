"""What every command group of the CLI shares: the Typer apps, the consoles, the ``--config``
option, opening a ``Tracker``, and turning a user's mistake into one line and exit status 1.

Owns nothing a test would call without a terminal. Imports the wiring (``tracker.app``) only when
a command runs, so ``tracker --help`` and ``--version`` start at once.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from tracker import __version__
from tracker.config.locate import find_config, read_config
from tracker.exceptions import TrackerError

if TYPE_CHECKING:
    from tracker.app import Tracker

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


def config_path(local: Path | None) -> Path | None:
    return find_config(local or state.config_path, os.environ, Path.cwd())


def open_tracker(local: Path | None = None) -> Tracker:
    """The wired ``Tracker`` for the config this command names (or finds)."""
    # imported here: --help and --version must not pay for the database and HTTP libraries
    from tracker.app import make_tracker

    path = config_path(local)
    config = read_config(path, os.environ)
    return make_tracker(config, config_path=path)


def editable_config(local: Path | None) -> Path:
    path = config_path(local)
    if path is None:
        raise TrackerError("no config file to edit", hint="create one first with: tracker init")
    return path


@contextmanager
def progress(label: str) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """``(start, advance)``: ``start(total)`` and ``advance(n)`` drive a progress bar on stderr
    when it is a terminal, and do nothing otherwise (a log, a pipe, cron)."""
    if not err.is_terminal:
        yield (lambda _total: None), (lambda _n: None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield (lambda total: bar.update(task, total=total)), (lambda n: bar.advance(task, n))
