"""Docs as tests: every CLI command and every config key appears in the README, and the README
opens with the two commands a newcomer pastes."""

from __future__ import annotations

import re

import typer
from conftest import REPO
from pydantic import BaseModel

from tracker.cli import app
from tracker.config.schema import Config, FeedConfig

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(typer_app: typer.Typer, prefix: str = "tracker") -> list[str]:
    found = []
    for command in typer_app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        found.append(f"{prefix} {name.replace('_', '-')}")
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None and group.name
        found += _commands(group.typer_instance, f"{prefix} {group.name}")
    return found


def test_every_command_is_in_the_readme() -> None:
    commands = _commands(app)
    assert len(commands) >= 15
    missing = [c for c in commands if f"`{c}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def _keys(model: type[BaseModel], prefix: str) -> list[tuple[str, str]]:
    return [(prefix, name) for name in model.model_fields]


def test_every_config_key_is_in_the_readme() -> None:
    block = README.split("```toml", 1)[1].split("```", 1)[0]
    sections = {
        name: field.annotation for name, field in Config.model_fields.items() if name != "feeds"
    }
    missing = []
    for section in sections:
        header = f"\n[{section}]"
        assert header in block, f"[{section}] missing from the README's config block"
        model = getattr(Config.model_fields[section], "annotation", None)
        inner = [a for a in getattr(model, "__args__", (model,)) if isinstance(a, type)]
        model_cls = next(a for a in inner if issubclass(a, BaseModel))
        body = block.split(header, 1)[1].split("\n[", 1)[0]
        missing += [
            f"{section}.{k}"
            for k in model_cls.model_fields
            if not re.search(rf"^{k} =", body, re.MULTILINE)
        ]
    feeds_body = block.split("\n[[feeds]]", 1)[1].split("\n[", 1)[0]
    missing += [
        f"feeds.{k}"
        for k in FeedConfig.model_fields
        if not re.search(rf"^{k} =", feeds_body, re.MULTILINE)
    ]
    assert not missing, f"config keys missing from README.md: {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    assert blocks[0].strip() == "pip install . && tracker demo"
    assert blocks[1].strip() == "pip install -e '.[test]' && pytest"
    assert README.index("```sh") < README.index("## ")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in ci
