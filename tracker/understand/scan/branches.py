"""A long alternation's alternatives as patterns of their own, so each is gated and found
alone.

``re`` tries every alternative of ``A|B|C...`` at every position of a text. A pattern of a
few dozen alternatives that each name a phrase ("release date", "now streaming", "12월 5일
공개") costs the sum of them at every character, and no single gate or finder serves it:
together its alternatives hold every common word. Alone, each has a few needles the text
mostly lacks and a start ``re`` can skip to, so most are never tried at all.

Owns cutting a pattern's source at its top-level ``|`` (and the checks that the cut is the
one ``re`` itself makes). Must not run patterns or know what any pattern means.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.understand.scan.retree import ops_of

#: below this many alternatives ``re`` tries them about as fast as separate searches would
MIN_ALTERNATIVES = 4


def top_level_parts(source: str) -> list[str] | None:
    """The pattern's alternatives as written, cut at each ``|`` outside any group or
    character class; None when the source cannot be read plainly (a trailing backslash, an
    unbalanced group)."""
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0
    length = len(source)
    while index < length:
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(source, index)
            if index < 0:
                return None
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    if depth != 0 or index > length:
        return None
    parts.append(source[start:])
    return parts


def _class_end(source: str, index: int) -> int:
    """The index just past the character class that opens at ``index``, or -1."""
    index += 1
    if index < len(source) and source[index] == "^":
        index += 1
    if index < len(source) and source[index] == "]":
        index += 1  # a ``]`` first in a class is itself a member
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "]":
            return index + 1
        index += 1
    return -1


def alternatives(source: str, flags: int, tree: Any) -> list[str] | None:
    """The sources of the alternatives of a pattern that is one long alternation, each of
    which matches alone exactly where it matches inside it; None for any other pattern.

    Not cut: a verbose pattern (its comments may hold ``|``), a pattern that starts with
    global flags (they would bind the first alternative only), one that refers to a group
    by number or tests one (numbers shift once cut), and one whose tree is not a single
    alternation of as many alternatives as the cut found (``re`` merged some of them)."""
    if flags & re.VERBOSE or (source.startswith("(?") and _global_flags(source)):
        return None
    ops = ops_of()
    data = tree.data
    if len(data) != 1 or data[0][0] is not ops.BRANCH:
        return None
    count = len(data[0][1][1])
    if count < MIN_ALTERNATIVES or _refers_to_groups(data, ops):
        return None
    parts = top_level_parts(source)
    if parts is None or len(parts) != count or any(not part for part in parts):
        return None
    return parts


def _global_flags(source: str) -> bool:
    end = source.find(")")
    return end > 2 and source[2:end].isalpha()


def _refers_to_groups(items: Any, ops: Any) -> bool:
    """Whether any node refers to a group (``\\1``, ``(?P=name)``, ``(?(1)...)``)."""
    for op, av in items:
        if op in (ops.GROUPREF, ops.GROUPREF_EXISTS):
            return True
        for child in _children(op, av, ops):
            if _refers_to_groups(child, ops):
                return True
    return False


def _children(op: Any, av: Any, ops: Any) -> list[Any]:
    if op is ops.BRANCH:
        return [alt.data for alt in av[1]]
    if op is ops.SUBPATTERN:
        return [av[3].data]
    if op in (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT):
        return [av[2].data]
    if op in (ops.ASSERT, ops.ASSERT_NOT):
        return [av[1].data]
    if op is ops.ATOMIC_GROUP:
        return [av.data]
    return []
