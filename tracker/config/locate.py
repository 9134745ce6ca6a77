"""Where the config, the database and the state live when the config does not say.

Owns the search for the config file (``--config PATH``, ``$TRACKER_CONFIG``, ``./tracker.toml``,
the user config folder), reading it (with ``TRACKER_*`` overrides from the environment the caller
passes), and the per-user default places (XDG on Linux, through platformdirs). Must not open a
database or validate more than ``schema`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import platformdirs

from tracker.config.schema import Config, load_config
from tracker.exceptions import ConfigError, ConfigProblem, TrackerError

APP_NAME = "kfilm-tracker"
CONFIG_NAME = "tracker.toml"


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / CONFIG_NAME


def find_config(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path | None:
    """``--config PATH``, then ``$TRACKER_CONFIG``, then ``./tracker.toml``, then the user config
    dir. An explicitly named file must exist; the implicit places are optional."""
    named = explicit or (Path(env["TRACKER_CONFIG"]) if env.get("TRACKER_CONFIG") else None)
    if named is not None:
        if not named.is_file():
            raise TrackerError(
                f"config file {named} not found",
                hint=f"create one with: tracker init --config {named}",
            )
        return named
    for candidate in (cwd / CONFIG_NAME, user_config_path()):
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path | None, env: Mapping[str, str]) -> Config:
    """Load the config at ``path`` (or the embedded defaults when None) with env overrides."""
    if path is None:
        return load_config("", env=env, source="the built-in defaults")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError([ConfigProblem("(file)", f"cannot read {path}: {e}")]) from e
    return load_config(text, env=env, source=str(path))


def default_database_url() -> str:
    # platformdirs honours XDG_DATA_HOME on Linux
    data = Path(platformdirs.user_data_dir(APP_NAME))
    return f"sqlite:///{data / 'tracker.db'}"


def default_state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME))
