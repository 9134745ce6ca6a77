"""The subject line as the README documents it: a user's ``subject.txt.j2`` (in ``[digest]
templates``) is used unless ``[digest] subject`` is set in the file, and with neither the shipped
template gives the subject. Through the real CLI (``tracker digest preview``) on a real SQLite
database, so the config default, the wiring and the renderer are all in the path."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

runner = CliRunner()
WEEK = "2026-W48"


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config with no feeds and a folder of the user's own templates."""
    monkeypatch.setenv("TRACKER_DATABASE__URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("TRACKER_TRACKER__STATE_DIR", str(tmp_path / "state"))
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "subject.txt.j2").write_text(
        "Busan film club, {{ digest.week }}:\n  {{ digest.counts.films }} films\n",
        encoding="utf-8",
    )
    return templates


def preview_subject(config: str, tmp_path: Path) -> str:
    (tmp_path / "tracker.toml").write_text(config, encoding="utf-8")
    result = runner.invoke(app, ["digest", "preview", "--week", WEEK], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("subject: ")]
    assert len(lines) == 1, result.stdout
    return lines[0].removeprefix("subject: ")


def test_a_users_subject_template_is_used_when_the_file_sets_no_subject(
    setup: Path, tmp_path: Path
) -> None:
    config = f'[tracker]\ncollections = []\n[digest]\ntemplates = "{setup}"\n'
    assert preview_subject(config, tmp_path) == "Busan film club, 2026-W48: 0 films"


def test_a_subject_set_in_the_file_wins_over_the_users_template(
    setup: Path, tmp_path: Path
) -> None:
    config = (
        f'[tracker]\ncollections = []\n[digest]\ntemplates = "{setup}"\n'
        'subject = "Set here: {{ digest.week }}"\n'
    )
    assert preview_subject(config, tmp_path) == "Set here: 2026-W48"


def test_without_either_the_shipped_template_gives_the_subject(setup: Path, tmp_path: Path) -> None:
    # the shipped subject.txt.j2 starts as the old [digest] subject default did, then names
    # the week's first films (here: none, a quiet week)
    subject = preview_subject("[tracker]\ncollections = []\n", tmp_path)
    assert subject == "Korean film this week: Nov 23–29, 2026 (a quiet week)"


def test_the_starter_config_leaves_the_subject_to_the_template(tmp_path: Path) -> None:
    from tracker.config.edit import starter_config
    from tracker.config.schema import load_config

    assert load_config(starter_config()).digest.subject is None
    assert "\n# subject = " in starter_config()
