"""The systemd unit for ``tracker run``: its text, made from a few absolute paths.

Owns what the service is (``Type=notify`` with a watchdog, restarts on failure, the sandbox, where
it may write, the password's environment file), where a unit file goes (the system's unit folder
or a user's), the ``systemctl`` commands that start it, and finding the installed ``tracker``
program for ``ExecStart=``. Must not read the environment or the config file, nor talk to
systemd: ``tracker init --systemd`` hands it what the config says, so a test can make any unit
and ``systemd-analyze verify`` can check it.

Two kinds of unit. A *system* unit runs as a user of its own (``DynamicUser=``) in a sandbox
(``ProtectSystem=strict``, ``ProtectHome=read-only``, ``PrivateTmp=``...) that may write only its
``StateDirectory`` (``/var/lib/kfilm-tracker``, where the database and ``state_dir`` default to)
and the folders the config names. A *user* unit (``systemctl --user``) gets the hardening a user
manager can always apply: mounting a sandbox there needs an unprivileged user namespace, which
many distributions refuse (Ubuntu 24.04's AppArmor), and the service would then not start at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePosixPath

NAME = "kfilm-tracker"
UNIT_NAME = f"{NAME}.service"
#: no ``WATCHDOG=1`` for this long and systemd kills and restarts the daemon (it pings at half)
WATCHDOG = timedelta(seconds=120)
#: a crash is retried after this: long enough not to hammer a database that is restarting
RESTART_DELAY = timedelta(seconds=30)
#: SIGTERM gives a digest being sent 15 s and the start-up work 15 s more (``daemon.STOP_GRACE``)
STOP_TIMEOUT = timedelta(seconds=60)
SYSTEM_UNIT_DIR = PurePosixPath("/etc/systemd/system")
#: ``StateDirectory=`` of a system unit: its database and ``state_dir`` by default
SYSTEM_STATE_DIR = PurePosixPath("/var/lib") / NAME
SYSTEM_ENV_FILE = PurePosixPath("/etc") / NAME / "env"
#: the home folders ``ProtectHome=read-only`` leaves readable but often private to their owner
HOMES = (PurePosixPath("/home"), PurePosixPath("/root"))


@dataclass(frozen=True)
class ServiceUnit:
    """A ``kfilm-tracker.service``: the program, its config and what the config says about the
    places it writes (None: the default place)."""

    #: the ``tracker`` program, absolute (or an absolute Python and ``-m tracker``)
    command: tuple[str, ...]
    #: the config file, absolute
    config: PurePosixPath
    system: bool = True
    #: ``[smtp] password_env``: the variable the environment file must define
    password_env: str | None = None
    #: ``[database] url`` and ``[tracker] state_dir`` as the config writes them
    database_url: str | None = None
    state_dir: str | None = None

    @property
    def environment_file(self) -> str:
        """``EnvironmentFile=`` as the unit writes it (``%E``: the user's config folder)."""
        return str(SYSTEM_ENV_FILE) if self.system else f"%E/{NAME}/env"

    @property
    def writable(self) -> tuple[PurePosixPath, ...]:
        """Folders a system unit must open for writing beyond its ``StateDirectory``: the
        config's own SQLite folder and ``state_dir``. A user unit mounts no sandbox: none."""
        if not self.system:
            return ()
        named = [sqlite_folder(self.database_url), _absolute(self.state_dir)]
        found: list[PurePosixPath] = []
        for folder in named:
            if folder is None or folder.is_relative_to(SYSTEM_STATE_DIR) or folder in found:
                continue
            found.append(folder)
        return tuple(found)

    def text(self) -> str:
        return unit_text(self)

    def notes(self) -> list[str]:
        """What the person installing a system unit must know: a home folder the service's own
        user may not read, a folder it must be able to write, the database it will use."""
        if not self.system:
            return []
        notes = [
            f"the service runs as its own user: it must be able to read {path} "
            "(a home folder is often private; /opt or /usr/local is not)"
            for path in (PurePosixPath(self.command[0]), self.config)
            if any(path.is_relative_to(home) for home in HOMES)
        ]
        notes += [
            f"the service runs as its own user ({NAME}): it must be able to write {folder} "
            f"(chown it to a system user named {NAME}, or keep it under {SYSTEM_STATE_DIR})"
            for folder in self.writable
        ]
        if self.database_url is None:
            notes.append(
                f"the service keeps its database in {SYSTEM_STATE_DIR}/tracker.db; for commands "
                "to use it too, set [database] url = "
                f'"sqlite:///{SYSTEM_STATE_DIR}/tracker.db" in the config'
            )
        return notes


def unit_text(unit: ServiceUnit) -> str:
    """The whole unit file, comments explaining each choice included."""
    words = [*unit.command, "--config", str(unit.config)]
    # systemd expands $VARIABLES in the arguments, never in the program's path
    exec_start = " ".join([exec_quote(words[0], variables=False), *map(exec_quote, words[1:])])
    if unit.password_env:
        secret = f"{unit.password_env}=... (the SMTP password: [smtp] password_env)"
    else:
        secret = "the SMTP password's variable, once [smtp] password_env names one"
    lines = [
        f"# {UNIT_NAME}: written by `tracker init --systemd`; write it again after moving",
        "# the tracker program or its config",
        "[Unit]",
        "Description=kfilm-tracker: Korean film feeds and a weekly digest",
        "Documentation=https://pypi.org/project/kfilm-tracker/",
    ]
    if unit.system:  # a user manager has no network-online.target of its own
        lines += ["Wants=network-online.target", "After=network-online.target"]
    lines += [
        "",
        "[Service]",
        "# the daemon says READY=1 once its scheduler runs, WATCHDOG=1 from its event loop",
        "# and STOPPING=1 on SIGTERM; the sd_notify protocol, from the main process only",
        "Type=notify",
        "NotifyAccess=main",
        f"ExecStart={exec_start} run",
        f"# holds {secret},",
        "# and TRACKER_<SECTION>__<KEY>=... lines to override the config; chmod 600.",
        '# Optional (the "-"): a config without [smtp] needs none',
        f"EnvironmentFile=-{unit.environment_file}",
        "# a stuck event loop stops the pings: killed after this long, then restarted",
        f"WatchdogSec={_seconds(WATCHDOG)}",
        "Restart=on-failure",
        f"RestartSec={_seconds(RESTART_DELAY)}",
        "# SIGTERM: a digest being sent is given time to finish, then the daemon exits 0",
        f"TimeoutStopSec={_seconds(STOP_TIMEOUT)}",
        "",
    ]
    lines += _system_sandbox(unit) if unit.system else _user_hardening()
    lines += [
        "",
        "[Install]",
        f"WantedBy={'multi-user.target' if unit.system else 'default.target'}",
    ]
    return "\n".join(lines) + "\n"


def _system_sandbox(unit: ServiceUnit) -> list[str]:
    lines = [
        f"# a user of its own, made at start (a system user named {NAME}, if you create",
        f"# one, is used instead); it writes only {SYSTEM_STATE_DIR}, where its database and",
        "# state_dir go unless the config names other places",
        f"User={NAME}",
        "DynamicUser=yes",
        f"StateDirectory={NAME}",
        # platformdirs' defaults (user data and state folders) then land in the StateDirectory
        "Environment=XDG_DATA_HOME=%S XDG_STATE_HOME=%S",
    ]
    if unit.writable:
        lines.append("# the folders the config names for its database and state_dir")
        lines += [
            f"ReadWritePaths={exec_quote('-' + str(folder), variables=False)}"
            for folder in unit.writable
        ]
    lines += [
        "ProtectSystem=strict",
        "ProtectHome=read-only",
        "PrivateTmp=yes",
        "NoNewPrivileges=yes",
        "CapabilityBoundingSet=",
        "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes",
        "ProtectKernelLogs=yes",
        "ProtectControlGroups=yes",
        "ProtectHostname=yes",
        "RestrictNamespaces=yes",
        "RestrictRealtime=yes",
        "RestrictSUIDSGID=yes",
        "LockPersonality=yes",
        "SystemCallArchitectures=native",
        "# the notify socket and PostgreSQL's; HTTP and SMTP; netlink for getaddrinfo()",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
    ]
    return lines


def _user_hardening() -> list[str]:
    return [
        "# ~/.local/state/kfilm-tracker: the default state_dir",
        f"StateDirectory={NAME}",
        "# what a user manager can always apply: ProtectSystem=, ProtectHome= and PrivateTmp=",
        "# need a user namespace, which many distributions refuse a user manager (the service",
        "# would not start); the system unit has them (tracker init --systemd --system)",
        "NoNewPrivileges=yes",
        "RestrictRealtime=yes",
        "RestrictSUIDSGID=yes",
        "LockPersonality=yes",
        "SystemCallArchitectures=native",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
    ]


def unit_path(*, system: bool, user_config_home: Path) -> Path:
    """Where systemd looks for the unit: ``/etc/systemd/system``, or the user's
    ``~/.config/systemd/user`` (``$XDG_CONFIG_HOME``, which the caller resolved)."""
    if system:
        return Path(SYSTEM_UNIT_DIR) / UNIT_NAME
    return user_config_home / "systemd" / "user" / UNIT_NAME


def environment_path(*, system: bool, user_config_home: Path) -> Path:
    """The environment file the unit reads, as a path a person can open."""
    return Path(SYSTEM_ENV_FILE) if system else user_config_home / NAME / "env"


def enable_commands(
    written: Path, *, system: bool, user_config_home: Path, sudo: bool = False, user: str = ""
) -> list[str]:
    """The commands that install (when ``written`` is elsewhere), enable and start the unit,
    and follow its log. ``sudo``: a system unit made by someone who is not root."""
    run = "sudo " if system and sudo else ""
    ctl = f"{run}systemctl" if system else "systemctl --user"
    target = unit_path(system=system, user_config_home=user_config_home)
    commands = []
    if written != target:
        commands.append(f"{run}install -m 644 {_sh(str(written))} {_sh(str(target))}")
    commands += [f"{ctl} daemon-reload", f"{ctl} enable --now {UNIT_NAME}"]
    if not system:
        # without lingering a user's services stop at logout and start only at login
        commands.append(f"loginctl enable-linger {_sh(user) if user else '$USER'}")
    commands.append(f"{ctl.replace('systemctl', 'journalctl')} -u {UNIT_NAME} -f")
    return commands


def tracker_command(argv0: str, python: str, which: Callable[[str], str | None]) -> tuple[str, ...]:
    """The installed ``tracker`` program, absolute: the one running now, else the one beside
    this Python (a venv's ``bin/``), else the one on ``PATH``, else ``python -m tracker``."""
    running = Path(argv0)
    if running.name == "tracker" and running.is_file():
        return (os.path.abspath(running),)
    beside = Path(python).parent / "tracker"
    if beside.is_file() and os.access(beside, os.X_OK):
        return (os.path.abspath(beside),)
    found = which("tracker")
    if found:
        return (os.path.abspath(found),)
    return (os.path.abspath(python), "-m", "tracker")


def sqlite_folder(url: str | None) -> PurePosixPath | None:
    """The folder of an absolute SQLite database file (``sqlite:////srv/kfilm/tracker.db``);
    None for PostgreSQL, a memory database or a relative file."""
    if url is None:
        return None
    match = re.match(r"sqlite(\+\w+)?:///(?P<path>/[^?]*)", url)
    if match is None:
        return None
    return PurePosixPath(match["path"]).parent


def exec_quote(arg: str, *, variables: bool = True) -> str:
    """One word of ``ExecStart=`` (``variables``: ``$`` doubled, or systemd expands it) or of a
    path list, as systemd reads it back: ``%`` doubled (a specifier otherwise), and double
    quotes around a word with spaces, quotes or backslashes."""
    arg = arg.replace("%", "%%")
    if variables:
        arg = arg.replace("$", "$$")
    if arg and not re.search(r"[\s\"'\\;]", arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _absolute(path: str | None) -> PurePosixPath | None:
    if path is None or not path.startswith("/"):
        return None
    return PurePosixPath(os.path.normpath(path))


def _seconds(value: timedelta) -> str:
    return f"{int(value.total_seconds())}s"


def _sh(word: str) -> str:
    # a command to paste into a shell: quote only what needs it, so the usual case reads plainly
    return word if re.fullmatch(r"[\w@%+=:,./-]+", word) else "'" + word.replace("'", "'\\''") + "'"
