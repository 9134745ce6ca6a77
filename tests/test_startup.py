"""Start-up: ``tracker --help`` and ``--version`` import what they print with, no more.

Each runs in a fresh interpreter (``sys.modules`` of this one is full of everything), and the
test names the modules that must not be loaded, so a top-level import that drags the database,
HTTP, the classifier or rich back into start-up fails here with its name.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: what a command that only prints help or a version must never pay for
HEAVY = (
    "sqlalchemy",
    "alembic",
    "httpx",
    "httpcore",
    "feedparser",
    "pydantic",
    "jinja2",
    "rich",
    "aiosmtplib",
    "apscheduler",
    "asyncio",
    "tracker.app",
    "tracker.storage",
    "tracker.understand",
    "tracker.poll",
    "tracker.parse",
    "tracker.digest",
    "tracker.deliver",
    "tracker.config.schema",
)

#: Typer (0.29) builds a command's parameters with pydantic adapters once that command's group
#: is entered, so ``tracker feeds --help`` loads pydantic through Typer itself; our own schema
#: must still stay out
TYPER_LOADS = ("pydantic",)

PROBE = """
import json, sys
heavy = json.loads(sys.argv[2])
sys.argv = ["tracker", *json.loads(sys.argv[1])]
from tracker.cli import main
try:
    main()
except SystemExit as done:
    code = done.code
else:
    code = 0
loaded = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))
sys.stderr.write("\\n" + json.dumps({"code": code, "loaded": loaded}) + "\\n")
"""


def loaded_by(*args: str, heavy: tuple[str, ...] = HEAVY) -> tuple[int, list[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args)), json.dumps(heavy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], report["loaded"], done.stdout


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    code, loaded, stdout = loaded_by(*args)
    assert code == 0
    assert stdout.strip()  # it did print
    assert loaded == [], f"tracker {' '.join(args)} imported {loaded}"


@pytest.mark.parametrize(
    "args",
    [["feeds", "--help"], ["digest", "preview", "--help"], ["entries", "list", "--help"]],
)
def test_a_command_help_imports_only_what_typer_does(args: list[str]) -> None:
    heavy = tuple(h for h in HEAVY if h not in TYPER_LOADS)
    code, loaded, stdout = loaded_by(*args, heavy=heavy)
    assert code == 0
    assert stdout.strip()  # it did print
    assert loaded == [], f"tracker {' '.join(args)} imported {loaded}"


def test_the_probe_sees_a_heavy_import() -> None:
    # the test above can fail: a command that opens the database loads SQLAlchemy
    code, loaded, _ = loaded_by("status", "--config", "/nonexistent/tracker.toml")
    assert code != 0 or loaded
    assert any(m.startswith(("pydantic", "tracker.config.schema")) for m in loaded)


def _preview_config(tmp_path: Path) -> Path:
    config = tmp_path / "tracker.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n'
        f'[tracker]\nstate_dir = "{tmp_path / "state"}"\ncollections = []\n',
        encoding="utf-8",
    )
    return config


def test_a_preview_imports_icalendar_only_to_write_the_calendar(tmp_path: Path) -> None:
    # a preview writes the release calendar only when there is none; asking whether there is
    # one must not import icalendar (a twentieth of the preview's time)
    config = _preview_config(tmp_path)
    args = ["--config", str(config), "digest", "preview", "--week", "2026-W50"]
    code, loaded, _ = loaded_by(*args, "--out", str(tmp_path / "a.html"), heavy=("icalendar",))
    assert code == 0 and "icalendar" in loaded  # the first writes it: the probe sees that
    assert (tmp_path / "state" / "archive" / "releases.ics").exists()
    code, loaded, _ = loaded_by(*args, "--out", str(tmp_path / "b.html"), heavy=("icalendar",))
    assert code == 0 and loaded == [], f"a preview imported {loaded}"


def test_a_poll_does_not_load_the_width_tables() -> None:
    # wcwidth's tables cost a poll 30 ms at start-up and a poll never measures a width: the
    # text helpers import them on the first display_width or wide_pieces only
    probe = (
        "import sys, tracker.poll.update, tracker.parse.feed, tracker.understand.ingest\n"
        "assert 'wcwidth' not in sys.modules, 'imported at start-up'\n"
        "from tracker.text import display_width, wide_pieces\n"
        "assert display_width('기생충 x') == 8 and wide_pieces('기생충') == ['기', '생', '충']\n"
        "assert 'wcwidth' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr


def test_lines_into_a_pipe_are_printed_without_rich(tmp_path: Path) -> None:
    # a preview run from cron or a script prints a few lines: rich (40 ms of start-up) is
    # for tables and terminals
    config = _preview_config(tmp_path)
    args = ["--config", str(config), "digest", "preview", "--week", "2026-W50"]
    code, loaded, stdout = loaded_by(*args, "--out", str(tmp_path / "a.html"), heavy=("rich",))
    assert code == 0 and "wrote" in stdout
    assert loaded == [], f"a preview into a pipe imported {loaded}"
    # a table still needs it
    code, loaded, _ = loaded_by("--config", str(config), "status", heavy=("rich",))
    assert code == 0 and loaded, "the probe sees rich where it is used"
