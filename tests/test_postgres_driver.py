"""The PostgreSQL driver is an extra (``pip install 'kfilm-tracker[postgresql]'``): a SQLite user
does not install it, and a ``postgresql://`` URL on a machine without it says which command
installs it, in one line, never a traceback.

A machine without the extra is made for real in a fresh interpreter: an import hook placed
before every other makes ``psycopg`` unfindable, exactly as when it is not installed. Nothing of
ours is replaced."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO

EXTRA = "pip install 'kfilm-tracker[postgresql]'"

PROBE = """
import sys

class NotInstalled:
    # the finder Python asks first: for psycopg (and its binary and C parts) it answers as
    # an interpreter answers for a package that is not there
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("psycopg", "psycopg_binary", "psycopg_c"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

if sys.argv[1] == "without":
    sys.meta_path.insert(0, NotInstalled())
sys.argv = ["tracker", *sys.argv[2:]]
from tracker.cli import main
main()
"""

#: nothing listens on port 1: with the driver, the command gets as far as connecting
URL = "postgresql://kfilm:hunter2@127.0.0.1:1/kfilm"


def run(driver: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, driver, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )


@pytest.mark.parametrize("command", [["status"], ["poll"], ["digest", "list"]])
def test_a_postgresql_url_without_the_driver_names_the_command_that_installs_it(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE__URL", URL)
    monkeypatch.setenv("TRACKER_TRACKER__COLLECTIONS", "[]")
    done = run("without", *command, tmp_path=tmp_path)
    # tracker poll says "the database" with its own status, 3 (README, "Health and exit codes")
    assert done.returncode == (3 if command == ["poll"] else 1), done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, done.stderr  # the error, then the hint
    assert "psycopg, is not installed (No module named 'psycopg')" in lines[0]
    assert "postgresql+psycopg://kfilm:***@127.0.0.1:1/kfilm" in lines[0]
    assert lines[1] == f"hint: install it with: {EXTRA}"
    assert "hunter2" not in done.stderr


def test_with_the_driver_the_same_command_goes_on_to_connect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the control: the message above comes from the missing driver, not from the closed port
    monkeypatch.setenv("TRACKER_DATABASE__URL", URL)
    done = run("with", "status", tmp_path=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "not installed" not in done.stderr and EXTRA not in done.stderr


def test_sqlite_needs_no_driver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE__URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("TRACKER_TRACKER__COLLECTIONS", "[]")
    done = run("without", "status", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "0 feeds" in done.stdout


def test_the_driver_is_an_extra_the_tests_install_and_the_readme_names() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [d for d in project["dependencies"] if d.startswith("psycopg")]
    extras = project["optional-dependencies"]
    assert [d for d in extras["postgresql"] if d.startswith("psycopg[binary]")]
    assert [d for d in extras["test"] if d.startswith("psycopg[binary]")]
    assert EXTRA in (REPO / "README.md").read_text(encoding="utf-8")
