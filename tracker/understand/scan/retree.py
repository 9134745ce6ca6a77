"""Reading Python's regular-expression syntax trees (``re._parser``), for ``needles`` and
``starts``: parsing, the node kinds, and the few questions both ask (which literals fold as
``re`` folds them, whether a part ignores case, whether ``re`` finds a pattern's first
character by itself).

Owns the one dependency on ``re``'s internal parser: a tree it cannot read (another
Python's) reads as None, and the patterns then simply run. Must not know any pattern.
"""

from __future__ import annotations

import importlib
import re
from typing import Any


def parse(source: str, flags: int) -> Any:
    """The syntax tree of a pattern, or None when this Python's parser cannot be used."""
    try:
        parser = importlib.import_module("re._parser")
        return parser.parse(source, flags)
    except Exception:  # another Python's parser: the pattern just runs
        return None


def ops_of() -> Any:
    """The node kinds of the trees (``LITERAL``, ``BRANCH``, ...)."""
    return importlib.import_module("re._constants")


def scoped_ignorecase_tree(tree: Any) -> bool:
    """Whether a part of the pattern ignores case (``(?i:...)``); True when unknown."""
    try:
        return scoped_ignorecase(tree.data, ops_of())
    except Exception:  # a tree this module does not know
        return True


def usable(code: int) -> bool:
    """A literal character that folds as ``re`` folds it: ASCII, or without case (Hangul)."""
    char = chr(code)
    return char.isascii() or (char.lower() == char and char.upper() == char)


def scoped_ignorecase(items: Any, ops: Any) -> bool:
    for op, av in items:
        if op is ops.SUBPATTERN and (av[1] & re.IGNORECASE or scoped_ignorecase(av[3], ops)):
            return True
        if op is ops.BRANCH and any(scoped_ignorecase(alt, ops) for alt in av[1]):
            return True
        repeat = op in (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT)
        if repeat and scoped_ignorecase(av[2], ops):
            return True
        if op in (ops.ASSERT, ops.ASSERT_NOT) and scoped_ignorecase(av[1], ops):
            return True
        if op is ops.ATOMIC_GROUP and scoped_ignorecase(av, ops):
            return True
    return False


def leads(items: Any, icase: bool, ops: Any) -> bool:
    """Whether ``re`` finds the pattern's first character by itself: it starts with a
    literal or a class (or alternatives that each start with a literal) that do not ignore
    case, as ``re``'s own prefix and charset scans require."""
    while items and items[0][0] is ops.SUBPATTERN:
        _, add, remove, inner = items[0][1]
        icase = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        items = inner.data
    if not items:
        return False
    op, av = items[0]

    def caseless(code: int) -> bool:
        char = chr(code)
        return not icase or char.lower() == char.upper()

    if op is ops.LITERAL:
        return caseless(av)
    if op is ops.IN:
        return not icase
    if op is ops.BRANCH:
        return all(
            alt.data and alt.data[0][0] is ops.LITERAL and caseless(alt.data[0][1]) for alt in av[1]
        )
    return False


def anchors(ops: Any) -> tuple[tuple[Any, Any], ...]:
    """The nodes that tie a pattern to the start of the text."""
    return ((ops.AT, ops.AT_BEGINNING), (ops.AT, ops.AT_BEGINNING_STRING))


def escaped_chars(word: str) -> list[str]:
    """The characters of an escaped literal, each with its backslash."""
    out: list[str] = []
    index = 0
    while index < len(word):
        step = 2 if word[index] == "\\" else 1
        out.append(word[index : index + step])
        index += step
    return out
