"""What every command group of the CLI shares: the Typer apps, the consoles, the ``--config``
and ``--json`` options, opening a ``Tracker``, printing tables and JSON the same way everywhere,
and turning a user's mistake into one line and exit status 1.

Owns nothing a test would call without a terminal. Imports the wiring (``tracker.app``), the
config schema (pydantic) and rich only when a command needs them, so ``tracker --help`` and
``--version`` start at once: Typer alone is most of their cost.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from tracker import __version__
from tracker.exceptions import TrackerError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from tracker.app import Tracker

P = ParamSpec("P")
R = TypeVar("R")

# plain help (rich_markup_mode=None): Typer's rich help formatter costs more to import than the
# whole rest of ``tracker --help``, and help text here needs no markup. Completion
# (--install-completion, --show-completion) costs start-up nothing: Typer loads its completion
# code whether the options are offered or not (tests/test_startup.py holds that).
app = typer.Typer(
    name="tracker",
    help="Never miss a Korean film review or a Netflix release: polls feeds, emails a digest.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _group(help_text: str) -> typer.Typer:
    return typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None)


feeds_app = _group("List, add, remove, check, import and export followed feeds.")
entries_app = _group("Look at stored entries.")
config_app = _group("Validate the config file.")
digest_app = _group("Preview, send and list the weekly digests.")
app.add_typer(feeds_app, name="feeds")
app.add_typer(entries_app, name="entries")
app.add_typer(config_app, name="config")
app.add_typer(digest_app, name="digest")


class LazyConsole:
    """A rich ``Console`` made on first use: importing rich costs more than printing a line,
    and ``--help``, ``--version`` and ``entries list --json`` never need it."""

    __slots__ = ("_console", "_stderr")

    def __init__(self, *, stderr: bool = False, console: Console | None = None) -> None:
        self._stderr = stderr
        self._console = console

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            # markup off: feed titles, URLs and paths are data, and "[/x]" must print as itself
            self._console = Console(
                stderr=self._stderr, highlight=False, soft_wrap=True, markup=False
            )
        return self._console

    def print(self, *objects: Any, **options: Any) -> None:
        if self._console is None and self._plain(objects, options):
            # lines of text into a pipe or a file (cron, systemd, a script): what rich would
            # write, without importing it (40 ms of a command's start-up)
            stream = sys.stderr if self._stderr else sys.stdout
            print(*objects, file=stream)
            return
        self.console.print(*objects, **options)

    def _plain(self, objects: tuple[Any, ...], options: dict[str, Any]) -> bool:
        """Whether rich would print these as they are: strings only, no options but markup
        off (as this console has it), not a terminal and no colour forced on a pipe."""
        if not all(type(o) is str for o in objects) or options.keys() - {"markup"}:
            return False
        if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
            return False
        stream = sys.stderr if self._stderr else sys.stdout
        try:
            return not stream.isatty()
        except (AttributeError, ValueError):  # a replaced or closed stream: let rich decide
            return False

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal


out = LazyConsole()
err = LazyConsole(stderr=True)

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Config file (default: $TRACKER_CONFIG, ./tracker.toml, then the user config dir).",
        show_default=False,
    ),
]


JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print one JSON document (stable keys, see the README) instead."),
]


class State:
    config_path: Path | None = None


state = State()


def fail(error: TrackerError) -> typer.Exit:
    from rich.text import Text

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
        typer.echo(f"kfilm-tracker {__version__}")  # not rich: --version must not import it
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
    from tracker.config.locate import find_config

    return find_config(local or state.config_path, os.environ, Path.cwd())


def open_tracker(local: Path | None = None) -> Tracker:
    """The wired ``Tracker`` for the config this command names (or finds)."""
    # imported here: --help and --version must not pay for the database and HTTP libraries
    from tracker.app import make_tracker
    from tracker.config.locate import read_config

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
        console=err.console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield (lambda total: bar.update(task, total=total)), (lambda n: bar.advance(task, n))


def print_table(table: Table) -> None:
    """A table on stdout: fitted to a terminal; at its natural width anywhere else (a pipe, a
    file, cron's mail), where no column is cut with "…" or folded, so a script or
    ``tracker feeds remove`` gets whole URLs whatever ``COLUMNS`` says."""
    console = out.console
    if console.is_terminal:
        console.print(table)
        return
    import io

    from rich.console import Console

    table.pad_edge = False  # lines start with the first column: `cut -d" " -f1` is the URL
    natural = console.measure(table, options=console.options.update_width(1 << 20)).maximum
    buffer = io.StringIO()
    # markup off, as in LazyConsole: "[/x]" in a feed's title is data
    wide = Console(
        file=buffer, width=max(natural, 1), highlight=False, markup=False, color_system=None
    )
    wide.print(table)
    # the cells' padding leaves spaces at the ends of lines: noise in a file or a diff
    console.file.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def print_json(document: object) -> None:
    """What ``--json`` prints: one JSON document on stdout, UTF-8 as is (Hangul stays
    readable), indented. Not through rich, which would wrap long strings and read "[...]" in
    feed text as markup."""
    import json

    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
