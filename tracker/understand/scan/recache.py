"""Regular expressions compiled ahead: the code ``re`` generates for each pattern the classifier
builds, recorded when the wheel is built and turned back into a pattern object by a new
process, instead of parsing and compiling it again.

Why: ``re`` parses and compiles in Python. Warming the classifier (its curated names as a few
large alternations, a thousand patterns in all) spent 0.44 of its 0.83 s there, in the fork
server before any worker can parse, so in the wait of every poll that finds a changed feed.
Building a pattern object from its recorded code costs ``_sre.compile`` alone, a few
microseconds. What ``prefilter`` reads off each pattern's syntax tree (its needles, finder and
alternatives: plain data, a pure function of the pattern and of this package's code) cost 0.2
of the remaining 0.3 s, parsing every pattern again in Python; the table keeps that too
(``derived``).

Owns ``compile`` (``re.compile``'s answer, from the table when it holds the pattern), the
table (a file beside this module, written by ``record`` around the classifier's warm-up: the
build hook runs it on the sources it compiles, so the table ships in the wheel) and the one
dependency on ``re``'s compiler (``re._compiler``, ``_sre``; trees come from ``retree``, which
owns the one on its parser). The table is read only by the Python that wrote it (version,
``_sre.MAGIC`` and code size stored with it): any other Python, a missing or unreadable file,
or a pattern not in it compiles as ``re`` does; ``_sre.compile`` checks the code it is given.
The derived facts are read only beside the very code that derived them (a hash of this
package's sources is stored with them too). Must not know what any pattern means, nor write
anything at run time.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from tracker.understand.scan.retree import parse

__all__ = ["TABLE", "compile", "derived", "loaded", "loaded_facts", "record", "use"]

#: where the table is read from (the wheel's copy of this folder)
TABLE = Path(__file__).with_name("compiled-re.bin")

#: (flags as given, final flags, code, groups, groupindex, indexgroup) by pattern source
_Entry = tuple[int, int, list[int], int, dict[str, int], tuple[str | None, ...]]

#: (flags as given, what was derived) by pattern source
_Fact = tuple[int, Any]

T = TypeVar("T")

_table: dict[str, list[_Entry]] | None = None
_facts: dict[str, list[_Fact]] = {}
#: patterns already built in this process, as ``re``'s own cache keeps them
_built: dict[tuple[str, int], re.Pattern[str]] = {}
#: the pieces of every pattern compiled while ``record`` runs; None when not recording
_recording: dict[str, list[_Entry]] | None = None
_recording_facts: dict[str, list[_Fact]] | None = None


def _stamp() -> tuple[str, tuple[int, int], int, int, str]:
    sre = importlib.import_module("_sre")
    return (
        sys.implementation.name,
        sys.version_info[:2],
        int(sre.MAGIC),
        int(sre.CODESIZE),
        _code_hash(),
    )


def _code_hash() -> str:
    """A hash of this package's sources (what derives the facts), as shipped beside any
    compiled module; line endings normalised, as the classifier version does."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()[:16]


def _load(path: Path) -> tuple[dict[str, list[_Entry]], dict[str, list[_Fact]]]:
    try:
        stamp, table, facts = marshal.loads(path.read_bytes())
        if tuple(stamp) != _stamp() or not isinstance(table, dict) or not isinstance(facts, dict):
            return {}, {}  # another Python's code, or other sources: derived as at first
    except Exception:  # no file, or not one this module wrote
        return {}, {}
    return table, facts


def _ensure() -> dict[str, list[_Entry]]:
    global _table, _facts
    if _table is None:
        _table, _facts = _load(TABLE)
    return _table


def use(path: Path) -> int:
    """Build patterns from the table at ``path`` from now on (a check of a table just written,
    and tests), as a process starting with it would. Returns how many pattern sources it holds."""
    global _table, _facts
    _table, _facts = _load(path)
    _built.clear()
    return len(_table)


def loaded() -> int:
    """How many pattern sources the table holds (0 without one; each is dropped once its
    pattern is built): CI's check, in a new process, that the wheel has its table."""
    return len(_ensure())


def loaded_facts() -> int:
    """How many pattern sources the table holds derived facts for (as ``loaded``)."""
    _ensure()
    return len(_facts)


def derived(source: str, flags: int, derive: Callable[[], T]) -> T:
    """``derive()``: what a pure function of the pattern ``source`` with ``flags`` finds
    (plain data: ``marshal`` writes it), from the table when it holds it; recorded while
    ``record`` runs. Each is taken once (a pattern derives its facts once)."""
    if _recording_facts is not None:
        value = derive()
        _recording_facts.setdefault(source, []).append((int(flags), value))
        return value
    _ensure()
    facts = _facts.get(source)
    if facts:
        for index, (given, value) in enumerate(facts):
            if given == flags:
                del facts[index]
                if not facts:
                    del _facts[source]
                return cast(T, value)
    return derive()


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
    table = _ensure()
    try:
        entries = table.get(source, [])
        for index, entry in enumerate(entries):
            if entry[0] == flags:
                built = _build(source, entry)
                # its code lives in the pattern now (3 MB of a worker's memory, all kept)
                del entries[index]
                if not entries:
                    del table[source]
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
    global _recording, _recording_facts
    _recording, _recording_facts = {}, {}
    _built.clear()
    try:
        warm()
        table, facts = _recording, _recording_facts
    finally:
        _recording = _recording_facts = None
        _built.clear()
    path.write_bytes(marshal.dumps((_stamp(), table, facts)))
    return sum(len(entries) for entries in table.values())
