"""``tracker init`` and ``tracker config check``: writing and validating the config file, and
``tracker init --systemd``: the systemd unit that runs ``tracker run`` with it."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
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
    systemd: Annotated[
        bool,
        typer.Option(
            "--systemd", help="Write a systemd unit that runs `tracker run` with the config."
        ),
    ] = False,
    unit_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="With --systemd: the unit file to write ('-': print it). Default: "
            "/etc/systemd/system as root, else ~/.config/systemd/user.",
            show_default=False,
        ),
    ] = None,
    system: Annotated[
        bool | None,
        typer.Option(
            "--system/--user",
            help="With --systemd: a system service (the default as root) or your own.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a commented starter config to ./tracker.toml (or --config PATH); with --systemd,
    a systemd unit for the daemon instead."""
    if systemd:
        as_root = os.geteuid() == 0
        write_unit(config, to=unit_file, system=as_root if system is None else system, force=force)
        return
    if unit_file is not None or system is not None:
        raise TrackerError("--out, --system and --user go with --systemd")
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


def write_unit(config: Path | None, *, to: Path | None, system: bool, force: bool) -> None:
    """``tracker init --systemd``: the unit for the config this command finds, written where
    systemd looks (or ``--out``), then the commands that start it."""
    import shutil
    import sys

    from tracker.config.locate import read_config
    from tracker.systemd import ServiceUnit, enable_commands, environment_path, tracker_command
    from tracker.systemd import unit_path as default_unit_path

    path = config_path(config)
    if path is None:
        raise TrackerError(
            "no config file for the service to run with",
            hint="write one first (tracker init --config PATH), then: tracker init --systemd "
            "--config PATH",
        )
    loaded = read_config(path, os.environ)  # a broken config is reported now, not at boot
    unit = ServiceUnit(
        command=tracker_command(sys.argv[0], sys.executable, shutil.which),
        config=PurePosixPath(os.path.abspath(path)),
        system=system,
        password_env=loaded.smtp.password_env if loaded.smtp else None,
        database_url=loaded.database.url,
        state_dir=loaded.tracker.state_dir,
    )
    text = unit.text()
    if to == Path("-"):
        typer.echo(text, nl=False)
        return
    # $XDG_CONFIG_HOME, as the user's systemd reads it (absolute, else ignored)
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    config_home = Path(xdg) if xdg.startswith("/") else Path.home() / ".config"
    target = (
        Path(os.path.abspath(to))
        if to
        else default_unit_path(system=system, user_config_home=config_home)
    )
    if target.exists() and not force:
        raise TrackerError(f"{target} already exists", hint="use --force to overwrite it")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise TrackerError(
            f"cannot write {target}: {error.strerror or error}",
            hint="run it as root for a system unit, or use --user or --out FILE",
        ) from error
    out.print(f"wrote {target}")
    for note in unit.notes():
        out.print(f"note: {note}")
    if unit.password_env:
        env_file = environment_path(system=system, user_config_home=config_home)
        out.print(f"the SMTP password goes in {env_file} as {unit.password_env}=... (chmod 600)")
    out.print("then:")
    commands = enable_commands(
        target,
        system=system,
        user_config_home=config_home,
        sudo=os.geteuid() != 0,
        user=os.environ.get("USER", ""),
    )
    for command in commands:
        out.print(f"  {command}")
