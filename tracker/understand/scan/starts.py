"""Where a match of a regular expression can start: the finder of ``prefilter``, read off
the pattern's syntax tree, so ``re`` skips to those places and the pattern decides there.

Owns the derivation of the literals and character classes every match starts with, written
as one small case-sensitive trie-shaped pattern (for the folded text when the pattern ignores
case), and the judgement of which starts are too common to be worth it. Must not run
patterns or know what they mean.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.understand.scan import recache
from tracker.understand.scan.retree import (
    anchors,
    escaped_chars,
    leads,
    ops_of,
    scoped_ignorecase,
    usable,
)


class _Unknown(Exception):
    """The tree has a node whose start this module cannot describe."""


def read_finder(tree: Any, flags: int) -> tuple[re.Pattern[str], bool] | None:
    """(finder, folds): a case-sensitive pattern that matches where every match of the tree
    starts, on the folded text if ``folds`` (some part of the pattern ignores case)."""
    ops = ops_of()
    try:
        folds = bool(flags & re.IGNORECASE) or scoped_ignorecase(tree.data, ops)
        if leads(tree.data, bool(flags & re.IGNORECASE), ops):
            return None  # ``re`` already skips to a leading literal or class at memory speed
        if tree.data and tree.data[0] in anchors(ops):
            return None  # only one position to try: ``re`` tries just that one
        starts = _starts(list(tree.data), 0, bool(flags & re.IGNORECASE), folds, ops)
    except _Unknown:
        return None
    except Exception:  # a tree this module does not know
        return None
    # a candidate costs a turn of a Python loop: a start most words have is no filter
    if any(_common_start(s) for s in starts):
        return None
    literals = sorted(s for s in starts if isinstance(s, str))
    classes = sorted(s.source for s in starts if isinstance(s, _Class))
    return recache.compile("|".join(([_trie(literals)] if literals else []) + classes)), folds


#: letters rare enough at the start of a candidate (English and romanised Korean)
_RARE_LETTERS = frozenset("jkqvxzJKQVXZ")


def _common_start(start: str | _Class) -> bool:
    """A start found at most places of a text: a class of letters, spaces or word
    characters, or a single letter that is not rare (a capital is rare: most patterns that
    mind case start with one)."""
    if isinstance(start, _Class):
        return start.broad
    chars = escaped_chars(start)
    if len(chars) > 1:
        return False
    char = chars[0][-1]
    return char.isalpha() and char.islower() and char not in _RARE_LETTERS


class _Class:
    """A character class, as regular-expression source, a match can start with; ``broad``
    when most characters of a text are in it (letters, spaces, any non-digit)."""

    __slots__ = ("broad", "source")

    def __init__(self, source: str, broad: bool) -> None:
        self.source = source
        self.broad = broad


def _starts(items: list[Any], i: int, icase: bool, folds: bool, ops: Any) -> set[str | _Class]:
    """What every match of ``items[i:]`` starts with: literal strings or classes. ``icase``:
    this part ignores case; ``folds``: the finder reads the folded text."""
    while i < len(items) and items[i][0] in (ops.AT, ops.ASSERT, ops.ASSERT_NOT):
        i += 1  # zero-width: a start is still where the next character is
    if i == len(items):
        raise _Unknown  # the rest can match nothing: any position could start a match
    op, av = items[i]
    if op is ops.LITERAL:
        run = []
        while i < len(items) and items[i][0] is ops.LITERAL:
            char = _literal(items[i][1], icase, folds)
            if char is None:
                break
            run.append(char)
            i += 1
        if not run:
            raise _Unknown
        return {"".join(run)}
    if op is ops.IN:
        return {_class(av, icase, folds, ops)}
    if op is ops.SUBPATTERN:
        _, add, remove, pattern = av
        inner_icase = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _starts(list(pattern.data), 0, inner_icase, folds, ops)
    if op is ops.BRANCH:
        out: set[str | _Class] = set()
        for alt in av[1]:
            out |= _starts(list(alt.data), 0, icase, folds, ops)
        return out
    if op in (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT):
        low, _, item = av
        first = _starts(list(item.data), 0, icase, folds, ops)
        if low >= 1:
            return first
        return first | _starts(items, i + 1, icase, folds, ops)  # or it is skipped
    if op is ops.ATOMIC_GROUP:
        return _starts(list(av.data), 0, icase, folds, ops)
    raise _Unknown


def _literal(code: int, icase: bool, folds: bool) -> str | None:
    """The literal as the finder writes it, or None when folding could not keep it."""
    char = chr(code)
    if not folds:
        return re.escape(char)
    if icase and not usable(code):
        return None  # ``re`` folds this letter its own way
    return re.escape(char.lower())


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
#: ranges without letters that have case: they read the same folded
_CASELESS = ((0x30, 0x39), (0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3))


def _class(items: Any, icase: bool, folds: bool, ops: Any) -> _Class:
    """A character class of the tree as source the finder can use."""
    parts: list[str] = []
    negated = broad = False
    for op, av in items:
        if op is ops.NEGATE:
            negated = broad = True
        elif op is ops.LITERAL:
            char = chr(av)
            broad = broad or _common_letter(char)
            if folds and not (char.lower() == char and char.upper() == char):
                if not icase and not char.isascii():
                    raise _Unknown
                if not icase and negated:
                    raise _Unknown  # [^a] folded would also refuse "A"
                if icase and not char.isascii():
                    raise _Unknown
                char = char.lower()
            parts.append(re.escape(char))
        elif op is ops.RANGE:
            low, high = av
            if folds and not any(a <= low and high <= b for a, b in _CASELESS):
                upper = ord("A") <= low and high <= ord("Z")
                lower = ord("a") <= low and high <= ord("z")
                if not (upper or lower) or (negated and not icase):
                    raise _Unknown
                low, high = ord(chr(low).lower()), ord(chr(high).lower())
            broad = broad or _common_letter(chr(low)) or _common_letter(chr(high))
            parts.append(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
        elif op is ops.CATEGORY and str(av) in _CATEGORIES:
            parts.append(_CATEGORIES[str(av)])
            broad = broad or str(av) != "CATEGORY_DIGIT"  # digits: a few in most texts
        else:
            raise _Unknown
    return _Class(f"[{'^' if negated else ''}{''.join(parts)}]", broad)


def _common_letter(char: str) -> bool:
    """A letter most texts are full of: lower case, or without case (Hangul); a capital,
    a digit or a sign is rare enough to look for."""
    return char.isalpha() and not ("A" <= char <= "Z")


def _trie(words: list[str]) -> str:
    """One alternation for many (escaped) literal strings, factored by their first
    characters so ``re`` tries one branch per character, not one per string. A string that
    another one starts with is enough for both: the finder only says where to look."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in escaped_chars(word):
            node = node.setdefault(char, {})
        node[""] = {}

    def source(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        alternatives = [char + source(child) for char, child in sorted(node.items())]
        if len(alternatives) == 1:
            return alternatives[0]
        return f"(?:{'|'.join(alternatives)})"

    return source(tree)
