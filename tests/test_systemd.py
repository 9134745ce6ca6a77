"""The systemd unit (``tracker.systemd``, ``tracker init --systemd``): its settings read back from
the text, the quoting of odd paths, where it is written and what is printed, and
``systemd-analyze verify`` on system and user units (skipped with its reason where systemd is not
installed, unless ``TRACKER_REQUIRE_SYSTEMD=1``, as in CI: then that is a failure)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from conftest import REPO
from typer.testing import CliRunner

from tracker.cli import app
from tracker.systemd import (
    ServiceUnit,
    enable_commands,
    exec_quote,
    sqlite_folder,
    tracker_command,
    unit_path,
)

REQUIRED = os.environ.get("TRACKER_REQUIRE_SYSTEMD") == "1"
README = (REPO / "README.md").read_text(encoding="utf-8")
runner = CliRunner()

CONFIG = PurePosixPath("/etc/kfilm-tracker/tracker.toml")
PROGRAM = "/opt/kfilm-tracker/bin/tracker"


def settings(text: str) -> dict[str, dict[str, list[str]]]:
    """A unit file read as systemd reads it: sections of keys, each with its values in order
    (a key may repeat); comments and blank lines skipped."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key, []).append(value)
    return sections


def tracker(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# -- the unit's text -------------------------------------------------------------------------------


def test_a_system_unit_is_a_notify_service_with_a_watchdog_restarts_and_a_sandbox() -> None:
    unit = ServiceUnit((PROGRAM,), CONFIG, password_env="KFILM_SMTP_PASSWORD")
    text = unit.text()
    service = settings(text)["Service"]
    single = {key: values[-1] for key, values in service.items()}
    assert single["ExecStart"] == f"{PROGRAM} --config {CONFIG} run"
    assert single["Type"] == "notify"
    assert single["NotifyAccess"] == "main"
    assert single["WatchdogSec"] == "120s"
    assert single["Restart"] == "on-failure"
    assert single["RestartSec"] == "30s"
    assert single["EnvironmentFile"] == "-/etc/kfilm-tracker/env"
    assert single["DynamicUser"] == "yes"
    assert single["StateDirectory"] == "kfilm-tracker"
    assert single["ProtectSystem"] == "strict"
    assert single["ProtectHome"] == "read-only"
    assert single["PrivateTmp"] == "yes"
    assert single["NoNewPrivileges"] == "yes"
    # the database and state_dir default to the StateDirectory (platformdirs reads these)
    assert single["Environment"] == "XDG_DATA_HOME=%S XDG_STATE_HOME=%S"
    assert "ReadWritePaths" not in service  # the defaults need none
    # the stop waits for a digest being sent (two grace periods of 15 s) within systemd's limit
    assert single["TimeoutStopSec"] == "60s"
    assert settings(text)["Unit"]["After"] == ["network-online.target"]
    assert settings(text)["Install"]["WantedBy"] == ["multi-user.target"]
    # the password's variable is named where the environment file is read
    comment = text.split("EnvironmentFile=")[0].rsplit("ExecStart=", 1)[1]
    assert "KFILM_SMTP_PASSWORD=..." in comment


def test_a_user_unit_has_only_the_hardening_a_user_manager_can_always_apply() -> None:
    unit = ServiceUnit((PROGRAM,), CONFIG, system=False, database_url="sqlite:////srv/k/t.db")
    sections = settings(unit.text())
    service = sections["Service"]
    assert service["Type"] == ["notify"]
    assert service["WatchdogSec"] == ["120s"]
    assert service["EnvironmentFile"] == ["-%E/kfilm-tracker/env"]  # ~/.config/kfilm-tracker
    assert service["StateDirectory"] == ["kfilm-tracker"]  # ~/.local/state: the default
    assert service["NoNewPrivileges"] == ["yes"]
    for namespaced in ("ProtectSystem", "ProtectHome", "PrivateTmp", "DynamicUser", "User"):
        assert namespaced not in service, namespaced
    assert "ReadWritePaths" not in service and "Environment" not in service
    assert "After" not in sections["Unit"]
    assert sections["Install"]["WantedBy"] == ["default.target"]


def test_folders_the_config_names_outside_the_state_directory_are_made_writable() -> None:
    unit = ServiceUnit(
        (PROGRAM,),
        CONFIG,
        database_url="sqlite:////srv/kfilm/db/tracker.db?timeout=5",
        state_dir="/srv/kfilm/state/",
    )
    assert settings(unit.text())["Service"]["ReadWritePaths"] == [
        "-/srv/kfilm/db",
        "-/srv/kfilm/state",
    ]
    inside = ServiceUnit(
        (PROGRAM,),
        CONFIG,
        database_url="sqlite:////var/lib/kfilm-tracker/tracker.db",
        state_dir="/var/lib/kfilm-tracker/state",
    )
    assert inside.writable == ()
    remote = ServiceUnit((PROGRAM,), CONFIG, database_url="postgresql://k@db.example/kfilm")
    assert remote.writable == ()


def test_notes_say_what_the_services_own_user_must_read_and_write() -> None:
    unit = ServiceUnit(
        ("/home/me/venv/bin/tracker",),
        PurePosixPath("/home/me/tracker.toml"),
        state_dir="/srv/kfilm",
    )
    notes = unit.notes()
    assert len(notes) == 4, notes
    assert "read /home/me/venv/bin/tracker" in notes[0]
    assert "read /home/me/tracker.toml" in notes[1]
    assert "write /srv/kfilm" in notes[2]
    assert "/var/lib/kfilm-tracker/tracker.db" in notes[3]  # the database it will use
    assert ServiceUnit((PROGRAM,), CONFIG, system=False).notes() == []
    explicit = "sqlite:////var/lib/kfilm-tracker/tracker.db"
    assert ServiceUnit((PROGRAM,), CONFIG, database_url=explicit).notes() == []


@pytest.mark.parametrize(
    ("word", "quoted"),
    [
        ("/opt/tracker/bin/tracker", "/opt/tracker/bin/tracker"),
        ("/srv/My Films/tracker.toml", '"/srv/My Films/tracker.toml"'),
        ("/srv/100%/t.toml", "/srv/100%%/t.toml"),  # %: a specifier otherwise
        ("/srv/$HOME/t.toml", "/srv/$$HOME/t.toml"),  # $: a variable otherwise
        ('/srv/say "hi"/t', '"/srv/say \\"hi\\"/t"'),
        ("/srv/back\\slash", '"/srv/back\\\\slash"'),
    ],
)
def test_exec_start_words_are_quoted_as_systemd_reads_them(word: str, quoted: str) -> None:
    assert exec_quote(word) == quoted


def test_sqlite_folder_is_the_folder_of_an_absolute_database_file() -> None:
    assert sqlite_folder("sqlite:////srv/k/tracker.db") == PurePosixPath("/srv/k")
    assert sqlite_folder("sqlite+pysqlite:////srv/k/t.db?x=1") == PurePosixPath("/srv/k")
    assert sqlite_folder("sqlite:///relative.db") is None
    assert sqlite_folder("sqlite://") is None
    assert sqlite_folder("postgresql://k@localhost/kfilm") is None
    assert sqlite_folder(None) is None


def test_the_program_is_the_running_one_then_the_venvs_then_the_paths(tmp_path: Path) -> None:
    venv = tmp_path / "venv" / "bin"
    venv.mkdir(parents=True)
    python = venv / "python"
    installed = venv / "tracker"
    installed.write_text("#!/bin/sh\n")
    installed.chmod(0o755)
    elsewhere = tmp_path / "bin" / "tracker"
    elsewhere.parent.mkdir()
    elsewhere.write_text("#!/bin/sh\n")

    def nowhere(_name: str) -> str | None:
        return None

    assert tracker_command(str(elsewhere), str(python), nowhere) == (str(elsewhere),)
    assert tracker_command("/x/pytest", str(python), nowhere) == (str(installed),)
    installed.unlink()
    found = {"tracker": "/usr/local/bin/tracker"}.get
    assert tracker_command("/x/pytest", str(python), found) == ("/usr/local/bin/tracker",)
    assert tracker_command("/x/pytest", str(python), nowhere) == (str(python), "-m", "tracker")


def test_where_the_unit_goes_and_the_commands_that_start_it(tmp_path: Path) -> None:
    home = tmp_path / "config"
    assert unit_path(system=True, user_config_home=home) == Path(
        "/etc/systemd/system/kfilm-tracker.service"
    )
    user_unit = home / "systemd" / "user" / "kfilm-tracker.service"
    assert unit_path(system=False, user_config_home=home) == user_unit
    system_unit = Path("/etc/systemd/system/kfilm-tracker.service")
    assert enable_commands(system_unit, system=True, user_config_home=home, sudo=True) == [
        "sudo systemctl daemon-reload",
        "sudo systemctl enable --now kfilm-tracker.service",
        "sudo journalctl -u kfilm-tracker.service -f",
    ]
    assert enable_commands(user_unit, system=False, user_config_home=home, user="me") == [
        "systemctl --user daemon-reload",
        "systemctl --user enable --now kfilm-tracker.service",
        "loginctl enable-linger me",
        "journalctl --user -u kfilm-tracker.service -f",
    ]
    elsewhere = tmp_path / "my units" / "k.service"
    first = enable_commands(elsewhere, system=True, user_config_home=home)[0]
    assert first == f"install -m 644 '{elsewhere}' /etc/systemd/system/kfilm-tracker.service"


def test_the_readme_shows_the_unit_as_it_is_written() -> None:
    section = README.split("## Running it under systemd", 1)[1].split("\n## ", 1)[0]
    shown = re.search(r"```ini\n(.*?)```", section, re.DOTALL)
    assert shown is not None, "the README shows the unit in an ```ini block"
    unit = ServiceUnit(
        (PROGRAM,),
        CONFIG,
        password_env="KFILM_SMTP_PASSWORD",
        database_url="sqlite:////var/lib/kfilm-tracker/tracker.db",
    )
    assert shown.group(1) == unit.text()
    assert "tracker init --systemd" in section


# -- `tracker init --systemd` ------------------------------------------------------------------


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "etc" / "tracker.toml"
    path.parent.mkdir()
    path.write_text(
        '[smtp]\nhost = "smtp.example.com"\npassword_env = "FILM_MAIL_SECRET"\n', encoding="utf-8"
    )
    return path


def test_init_systemd_writes_the_unit_and_prints_how_to_start_it(
    tmp_path: Path, config: Path
) -> None:
    target = tmp_path / "units" / "kfilm-tracker.service"
    code, out, err = tracker(
        "init", "--systemd", "--system", "--config", str(config), "--out", str(target)
    )
    assert code == 0, err
    service = settings(target.read_text(encoding="utf-8"))["Service"]
    [exec_start] = service["ExecStart"]
    program, *args = exec_start.split(" ")
    assert args == ["--config", str(config), "run"]
    assert Path(program).is_absolute() and os.access(program, os.X_OK), program
    assert "FILM_MAIL_SECRET=..." in target.read_text(encoding="utf-8")
    assert out.splitlines()[0] == f"wrote {target}"
    assert "the SMTP password goes in /etc/kfilm-tracker/env as FILM_MAIL_SECRET=..." in out
    assert f"install -m 644 {target} /etc/systemd/system/kfilm-tracker.service" in out
    assert "systemctl enable --now kfilm-tracker.service" in out
    # a second time it refuses, unless --force
    code, _, err = tracker("init", "--systemd", "--config", str(config), "--out", str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    code, _, err = tracker(
        "init", "--systemd", "--config", str(config), "--out", str(target), "--force"
    )
    assert code == 0, err


def test_init_systemd_user_writes_into_the_users_unit_folder(tmp_path: Path, config: Path) -> None:
    # conftest points XDG_CONFIG_HOME into this test's folder
    code, out, err = tracker("init", "--systemd", "--user", "--config", str(config))
    assert code == 0, err
    written = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user" / "kfilm-tracker.service"
    assert out.splitlines()[0] == f"wrote {written}"
    assert settings(written.read_text(encoding="utf-8"))["Install"]["WantedBy"] == [
        "default.target"
    ]
    assert "systemctl --user enable --now kfilm-tracker.service" in out
    assert "loginctl enable-linger" in out
    assert "install -m 644" not in out  # already where the user's systemd looks


def test_init_systemd_out_dash_prints_the_unit(config: Path) -> None:
    code, out, err = tracker("init", "--systemd", "--system", "--config", str(config), "--out", "-")
    assert code == 0, err
    assert settings(out)["Service"]["Type"] == ["notify"]
    assert out.startswith("# kfilm-tracker.service")


def test_init_systemd_needs_a_config_that_exists_and_is_valid(tmp_path: Path) -> None:
    code, _, err = tracker("init", "--systemd", "--user")  # none in the usual places
    assert code == 1 and "no config file for the service" in err and "tracker init" in err
    bad = tmp_path / "bad.toml"
    bad.write_text("[poll]\nconcurrency = 0\n", encoding="utf-8")
    code, _, err = tracker("init", "--systemd", "--user", "--config", str(bad))
    assert code == 1 and "poll.concurrency" in err
    assert "Traceback" not in err
    code, _, err = tracker("init", "--out", "x.service")
    assert code == 1 and "--systemd" in err
    assert not (tmp_path / "x.service").exists()


# -- systemd-analyze verify ------------------------------------------------------------------------


@pytest.fixture
def analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        reason = "systemd-analyze is not installed (Debian's systemd package)"
        if REQUIRED:
            pytest.fail(f"TRACKER_REQUIRE_SYSTEMD=1 but {reason}")
        pytest.skip(reason)
    return found


def verify(analyze: str, unit: Path, *, system: bool, tmp_path: Path) -> str:
    """``systemd-analyze verify``'s complaints about this unit: none when it is right. Warnings
    (an unknown key, a bad value) do not change its exit status, so they are read too."""
    env = {**os.environ}
    command = [analyze]
    if not system:
        # a user manager needs a runtime folder of its own, as a login would give it
        runtime = tmp_path / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env["XDG_RUNTIME_DIR"] = str(runtime)
        command.append("--user")
    result = subprocess.run(
        [*command, "verify", str(unit)], env=env, capture_output=True, text=True, timeout=120
    )
    ours = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if unit.name in line or str(unit) in line
    ]
    assert result.returncode == 0, result.stderr
    return "\n".join(ours)


@pytest.mark.parametrize("scope", ["--system", "--user"])
def test_the_written_unit_passes_systemd_analyze_verify(
    analyze: str, tmp_path: Path, config: Path, scope: str
) -> None:
    target = tmp_path / "kfilm-tracker.service"
    code, _, err = tracker(
        "init", "--systemd", scope, "--config", str(config), "--out", str(target)
    )
    assert code == 0, err
    # ExecStart names this venv's own tracker program: verify checks that it is executable
    assert verify(analyze, target, system=scope == "--system", tmp_path=tmp_path) == ""


def test_odd_paths_survive_systemd_analyze_verify(analyze: str, tmp_path: Path) -> None:
    """A program and folders with spaces, ``%`` and ``$``: quoted right, verify finds the program
    where it is (a wrong quote names a file that does not exist, and verify says so)."""
    odd = tmp_path / "100% $HOME films"
    odd.mkdir()
    program = odd / "tracker"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    unit = ServiceUnit(
        (str(program),),
        PurePosixPath(odd / "tracker.toml"),
        database_url=f"sqlite:///{odd}/db/tracker.db",
        state_dir=str(odd / "state"),
    )
    target = tmp_path / "kfilm-tracker.service"
    target.write_text(unit.text(), encoding="utf-8")
    assert verify(analyze, target, system=True, tmp_path=tmp_path) == ""
    # and the check has teeth: a unit naming a program that is not there is refused
    program.unlink()
    with pytest.raises(AssertionError):
        verify(analyze, target, system=True, tmp_path=tmp_path)


def test_verify_reports_a_broken_unit(analyze: str, tmp_path: Path) -> None:
    """The complaints ``verify`` returns are real: an unknown key is one (exit status 0)."""
    text = ServiceUnit((sys.executable,), PurePosixPath("/etc/t.toml")).text()
    target = tmp_path / "kfilm-tracker.service"
    target.write_text(text.replace("Type=notify", "Type=notify\nWatchDogSecs=1"), encoding="utf-8")
    assert "WatchDogSecs" in verify(analyze, target, system=True, tmp_path=tmp_path)
