"""The README's "How it is built" section is the architecture of record: it must name every
package and module the code has, and nothing the code does not have. And the house rule it
states: no module in ``tracker/`` over 600 lines (generated migrations and data aside)."""

from __future__ import annotations

import re

from conftest import REPO

PACKAGE = REPO / "tracker"
README = (REPO / "README.md").read_text(encoding="utf-8")
#: the most lines one module may have (DESIGN: one concept each, under about 600 lines)
MAX_LINES = 600


def _section() -> str:
    start = README.index("## How it is built")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def _rows() -> dict[str, set[str]]:
    """Package path -> the modules its table row names (``a``, ``b``... in the third column)."""
    rows: dict[str, set[str]] = {}
    for line in _section().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"`tracker/[\w/.]+`", cells[0]):
            rows[cells[0].strip("`")] = set(re.findall(r"`([\w/]+)`", cells[2]))
    return rows


def _packages() -> dict[str, set[str]]:
    """Package path -> its modules (and sub-folders, as ``name/``), from the code."""
    found: dict[str, set[str]] = {}
    for init in sorted(PACKAGE.rglob("__init__.py")):
        folder = init.parent
        if folder == PACKAGE or "migrations" in folder.parts:
            continue
        modules = {p.stem for p in folder.glob("*.py") if p.name != "__init__.py"}
        modules |= {f"{d.name}/" for d in folder.iterdir() if (d / "__init__.py").is_file()}
        if (folder / "data").is_dir():
            modules.add("data/")
        found[f"{folder.relative_to(REPO).as_posix()}/"] = modules
    return found


def test_every_package_is_in_the_architecture_section_with_its_modules() -> None:
    packages = _packages()
    rows = {path: modules for path, modules in _rows().items() if path.endswith("/")}
    assert set(rows) == set(packages), (
        "README 'How it is built' packages differ from tracker/'s: "
        f"missing {sorted(set(packages) - set(rows))}, extra {sorted(set(rows) - set(packages))}"
    )
    for package, modules in packages.items():
        named = rows[package]
        assert named == modules, (
            f"{package}: README names {sorted(named - modules)} that do not exist and misses "
            f"{sorted(modules - named)}"
        )


def test_every_top_level_module_is_in_the_architecture_section() -> None:
    named = set(re.findall(r"`tracker/(\w+)\.py`", _section()))
    actual = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert named == actual, f"missing {sorted(actual - named)}, extra {sorted(named - actual)}"


def test_the_layers_in_the_section_are_the_contract() -> None:
    """The section quotes the import-linter layers: the same rows, in the same order."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    contract = re.search(r"layers = \[(.*?)\]", pyproject, re.DOTALL)
    assert contract is not None
    layers = re.findall(r'"([^"]+)"', contract.group(1))
    block = re.search(r"```text\n(.*?)```", _section(), re.DOTALL)
    assert block is not None, "the section shows the layers in a ```text block"
    shown = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert [line for line in shown if line.startswith("tracker")] == layers


def test_no_module_is_over_600_lines() -> None:
    long = {
        str(path.relative_to(REPO)): n
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_every_module_says_what_it_owns() -> None:
    bare = [
        str(path.relative_to(REPO))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
        and not path.read_text(encoding="utf-8").lstrip().startswith('"""')
    ]
    assert not bare, f"modules without a docstring: {bare}"


def test_the_section_names_real_files_only() -> None:
    for path in re.findall(r"`(tracker/[\w/]+\.(?:py|toml|md))`", _section()):
        assert (REPO / path).is_file(), path
    for path in re.findall(r"`((?:feeds|digests)/[\w./]*)`", _section()):
        assert (REPO / path).exists(), path
