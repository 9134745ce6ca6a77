"""Regular expressions compiled ahead: the code ``re`` generates for each pattern the classifier
builds, recorded when the wheel is built and turned back into a pattern object by a new
process, instead of parsing and compiling it again.

Why: ``re`` parses and compiles in Python. Warming the classifier (its curated names as a few
large alternations, a thousand patterns in all) spent 0.44 of its 0.83 s there, in the fork
server before any worker can parse, so in the wait of every poll that finds a changed feed.
Building a pattern object from its recorded code costs ``_sre.compile`` alone, a few
microseconds.

Owns ``compile`` (``re.compile``'s answer, from the table when it holds the pattern), the
table (a file beside this module, written by ``record`` around the classifier's warm-up: the
build hook runs it on the sources it compiles, so the table ships in the wheel) and the one
dependency on ``re``'s compiler (``re._compiler``, ``_sre``; trees come from ``retree``, which
owns the one on its parser). The table is read only by the Python that wrote it (version,
``_sre.MAGIC`` and code size stored with it): any other Python, a missing or unreadable file,
or a pattern not in it compiles as ``re`` does; ``_sre.compile`` checks the code it is given.
Must not know what any pattern means, nor write anything at run time.
"""

from __future__ import annotations

import importlib
import marshal
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.understand.scan.retree import parse

__all__ = ["TABLE", "compile", "loaded", "record", "use"]

#: where the table is read from (the wheel's copy of this folder)
TABLE = Path(__file__).with_name("compiled-re.bin")

#: (flags as given, final flags, code, groups, groupindex, indexgroup) by pattern source
_Entry = tuple[int, int, list[int], int, dict[str, int], tuple[str | None, ...]]

_table: dict[str, list[_Entry]] | None = None
#: patterns already built in this process, as ``re``'s own cache keeps them
_built: dict[tuple[str, int], re.Pattern[str]] = {}
#: the pieces of every pattern compiled while ``record`` runs; None when not recording
_recording: dict[str, list[_Entry]] | None = None


def _stamp() -> tuple[str, tuple[int, int], int, int]:
    sre = importlib.import_module("_sre")
    return (sys.implementation.name, sys.version_info[:2], int(sre.MAGIC), int(sre.CODESIZE))


def _load(path: Path) -> dict[str, list[_Entry]]:
    try:
        stamp, table = marshal.loads(path.read_bytes())
        if tuple(stamp) != _stamp() or not isinstance(table, dict):
            return {}  # another Python's code: compiled as ``re`` does
    except Exception:  # no file, or not one this module wrote
        return {}
    return table


def use(path: Path) -> int:
    """Build patterns from the table at ``path`` from now on (a check of a table just written,
    and tests), as a process starting with it would. Returns how many pattern sources it holds."""
    global _table
    _table = _load(path)
    _built.clear()
    return len(_table)


def loaded() -> int:
    """How many pattern sources the table holds (0 without one; each is dropped once its
    pattern is built): CI's check, in a new process, that the wheel has its table."""
    global _table
    if _table is None:
        _table = _load(TABLE)
    return len(_table)


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """What ``re.compile(source, flags)`` gives, built from the table when it holds it."""
    key = (source, flags)
    found = _built.get(key)
    if found is not None:
        return found
    if _recording is not None:
        pattern = _compile_and_keep(source, flags, _recording)
    else:
        pattern = _from_table(source, flags) or re.compile(source, flags)
    _built[key] = pattern
    return pattern


def _from_table(source: str, flags: int) -> re.Pattern[str] | None:
    global _table
    if _table is None:
        _table = _load(TABLE)
    try:
        entries = _table.get(source, [])
        for index, entry in enumerate(entries):
            if entry[0] == flags:
                built = _build(source, entry)
                # its code lives in the pattern now (3 MB of a worker's memory, all kept)
                del entries[index]
                if not entries:
                    del _table[source]
                return built
    except Exception:  # an entry or code this Python refuses: compiled as ``re`` does
        return None
    return None


def _build(source: str, entry: _Entry) -> re.Pattern[str]:
    _, final, code, groups, groupindex, indexgroup = entry
    sre = importlib.import_module("_sre")
    built: re.Pattern[str] = sre.compile(source, final, code, groups, groupindex, indexgroup)
    return built


def _compile_and_keep(source: str, flags: int, into: dict[str, list[_Entry]]) -> re.Pattern[str]:
    """Compile as ``re.compile`` does (``re._compiler.compile``, step by step), keep the
    pieces, and build the pattern from them: recording runs the very path a reader will."""
    compiler: Any = importlib.import_module("re._compiler")
    tree = parse(source, flags)
    if tree is None:
        raise RuntimeError("this Python's regular-expression parser cannot be read")
    # plain ints: the opcodes are an int subclass, which marshal does not write
    code = [int(c) for c in compiler._code(tree, flags)]
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry: _Entry = (
        int(flags),
        int(flags | tree.state.flags),
        code,
        tree.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    pattern = _build(source, entry)
    into.setdefault(source, []).append(entry)
    return pattern


def record(path: Path, warm: Callable[[], object]) -> int:
    """Run ``warm`` (the classifier's warm-up: every pattern it compiles ahead) while recording,
    and write the table to ``path``. Returns how many patterns it holds. Only what ``warm``
    compiles is recorded, so it runs first thing in a process of its own: the build hook's, on
    the sources it compiles."""
    global _recording
    _recording = {}
    _built.clear()
    try:
        warm()
        table = _recording
    finally:
        _recording = None
        _built.clear()
    path.write_bytes(marshal.dumps((_stamp(), table)))
    return sum(len(entries) for entries in table.values())
