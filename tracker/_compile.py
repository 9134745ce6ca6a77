"""Build hook (hatchling): the wheel carries the classifier compiled with mypyc.

Owns compiling ``tracker/understand`` (and ``tracker/text``, which it calls on every entry) into
C extensions when a wheel is built (``pip install .``, ``python -m build``), beside their
``.py`` files: Python imports an extension before a source file of the same name, so the
compiled classifier runs and the sources stay readable. Measured on the labelled set: about
1.3x the entries a second of the same code interpreted (``tests/bench/bench_classify.py
--installed`` against the sources).

It compiles in a temporary copy of the package, never in the checkout: an extension left in
``tracker/`` would shadow the ``.py`` a developer edits. It does nothing for an editable
install (``pip install -e .``: the tests run the sources, and an edit takes effect at once),
nor with ``KFILM_PURE_PYTHON=1`` in the environment. When compiling fails (no C compiler, no
Python headers), the wheel is the pure-Python one, with a warning: the compiled modules give
the same answers, only faster, so a tracker is never refused for lack of a compiler.

Not part of the installed package (the wheel excludes this file); must not be imported by
``tracker``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: what is compiled, relative to the project root
COMPILED = ("tracker/understand", "tracker/text.py")

_SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

# the build environment has mypy and setuptools, not the runtime dependencies (wcwidth): what
# mypy cannot find it treats as Any, which compiles to the same calls through Python
setup(
    name="kfilm_tracker_compiled",
    packages=[],
    ext_modules=mypycify(["--ignore-missing-imports", *{files!r}], opt_level="3"),
)
"""


class CompileHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._workdir: str | None = None
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("KFILM_PURE_PYTHON"):
            self.app.display_info("KFILM_PURE_PYTHON is set: the classifier is not compiled")
            return
        workdir = tempfile.mkdtemp(prefix="kfilm-mypyc-")
        self._workdir = workdir
        try:
            built = _compile(Path(self.root), Path(workdir))
        except (OSError, subprocess.CalledProcessError) as error:
            output = getattr(error, "output", None) or ""
            self.app.display_warning(
                "kfilm-tracker: compiling the classifier with mypyc failed; this wheel is the "
                f"pure-Python one (the same answers, slower): {error}\n{output[-4000:]}"
            )
            return
        table, failure = _record_patterns(Path(workdir))
        if table is None:
            self.app.display_warning(
                "kfilm-tracker: recording the classifier's compiled patterns failed; the wheel "
                f"works, and each process compiles them at start (about 0.4 s more): {failure}"
            )
        else:
            built.append(table)
        for path, target in built:
            build_data["force_include"][str(path)] = target
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        self.app.display_info(f"kfilm-tracker: {len(built)} compiled modules in the wheel")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_workdir", None):
            shutil.rmtree(str(self._workdir), ignore_errors=True)


_RECORD = """\
import sys
from pathlib import Path
from tracker.understand.ingest import warm_up
from tracker.understand.scan.recache import record, use
count = record(Path(sys.argv[1]), warm_up)
assert count and use(Path(sys.argv[1])), "an empty table"
print(count)
"""


def _record_patterns(workdir: Path) -> tuple[tuple[Path, str] | None, str]:
    """The table of the classifier's compiled patterns (``tracker.understand.scan.recache``),
    recorded by this Python from the sources just compiled, with its path in the wheel; or
    None and why, when recording failed (the wheel works without it)."""
    table = workdir / "compiled-re.bin"
    # the copy's sources first on the path, before any installed tracker; and the build
    # environment's own path after them: pip's isolated build hands its packages
    # (mypy_extensions, which the sources import) to this interpreter through PYTHONPATH
    path = os.pathsep.join(p for p in (str(workdir / "src"), os.environ.get("PYTHONPATH")) if p)
    try:
        subprocess.run(
            [sys.executable, "-c", _RECORD, str(table)],
            cwd=workdir / "src",
            check=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONPATH": path, "PYTHONSAFEPATH": "1"},
        )
    except subprocess.CalledProcessError as error:
        return None, f"{error}\n{(error.output or '')[-2000:]}"
    except OSError as error:
        return None, str(error)
    return (table, "tracker/understand/scan/compiled-re.bin"), ""


def _compile(root: Path, workdir: Path) -> list[tuple[Path, str]]:
    """Compile ``COMPILED`` in a copy of ``tracker`` under ``workdir``; returns each extension
    with its path in the wheel."""
    source = workdir / "src"
    shutil.copytree(
        root / "tracker",
        source / "tracker",
        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "_data"),
    )
    files: list[str] = []
    for name in COMPILED:
        path = source / name
        found = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        files += [str(p.relative_to(source)) for p in found]
    (source / "setup.py").write_text(_SETUP.format(files=files), encoding="utf-8")
    out = workdir / "lib"
    subprocess.run(
        [
            sys.executable,
            "setup.py",
            "build_ext",
            "--build-lib",
            str(out),
            "--build-temp",
            str(workdir / "tmp"),
            "--parallel",
            str(os.cpu_count() or 1),
        ],
        cwd=source,
        check=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # mypy's cache goes to the copy, never to the checkout
        env={**os.environ, "MYPY_CACHE_DIR": str(workdir / "mypy-cache")},
    )
    suffixes = (".so", ".pyd")
    built = [p for p in out.rglob("*") if p.suffix in suffixes]
    if not any("understand" in p.parts for p in built):
        raise OSError(f"mypyc built no extension for tracker/understand in {out}")
    return [(p, p.relative_to(out).as_posix()) for p in built]
