"""The house rules, executable: layers (import-linter), types (mypy strict), lint (ruff).

A wrong import fails here with its line number, as DESIGN.md asks."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=600)


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(REPO.parent)) or shutil.which(name)
    if found is None:
        # the console script sits beside the interpreter in a venv
        candidate = __import__("pathlib").Path(sys.executable).parent / name
        if candidate.exists():
            return str(candidate)
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def test_layers_are_respected() -> None:
    result = _run(_tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_package() -> None:
    result = _run(sys.executable, "-m", "mypy", "tracker")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lint_and_format() -> None:
    lint = _run(sys.executable, "-m", "ruff", "check", "tracker", "tests")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run(sys.executable, "-m", "ruff", "format", "--check", "tracker", "tests")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
