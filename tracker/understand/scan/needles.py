"""What every match of a regular expression contains: the needles of ``prefilter``'s gate,
read off the pattern's syntax tree.

Owns the derivation (the best literal of each required part, a whole word where the pattern
puts a boundary, a non-word character or an edge on both sides of it, a union over
alternatives) and the rough estimate of how often a text holds a needle that chooses among
them. Must not run patterns or know what they mean.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.understand.scan.retree import ops_of, usable

#: one needle: its text, and whether every match has it as a whole word (a token of the
#: text, between non-word characters), which a set of the text's words answers at once
Needle = tuple[str, bool]


def read_needles(tree: Any, *, exact: bool) -> frozenset[Needle] | None:
    """Needles one of which every match contains, the cheapest sure set; lower-cased unless
    ``exact``."""
    try:
        found = _required(tree.data, ops_of(), exact, False, False)
    except Exception:  # a node this module does not know: no needles
        return None
    if not found or any(not text for text, _ in found):
        return None
    return found


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _nonword_class(op: Any, av: Any, ops: Any) -> bool:
    """A literal, or a class, of characters none of which is a word character."""
    if op is ops.LITERAL:
        return not _word_char(chr(av))
    if op is not ops.IN:
        return False
    for item, value in av:
        if item is ops.LITERAL and not _word_char(chr(value)):
            continue
        if item is ops.CATEGORY and str(value) in ("CATEGORY_SPACE", "CATEGORY_NOT_WORD"):
            continue
        return False
    return True


def _bounds(op: Any, av: Any, ops: Any, side: int) -> bool:
    """Whether an element standing before (``side`` -1) or after (+1) a word guarantees a
    non-word character, or the text's edge, on that side of it."""
    if op is ops.AT:
        if side < 0:
            return av in (ops.AT_BOUNDARY, ops.AT_BEGINNING, ops.AT_BEGINNING_STRING)
        return av in (ops.AT_BOUNDARY, ops.AT_END, ops.AT_END_STRING)
    if op is ops.ASSERT_NOT:
        direction, inner = av
        only = inner.data
        word = len(only) == 1 and only[0][0] is ops.IN
        word = word and any(i is ops.CATEGORY and str(v) == "CATEGORY_WORD" for i, v in only[0][1])
        return word and (direction < 0) == (side < 0)
    if op in (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT):
        low, _, item = av
        if low < 1 or len(item.data) != 1:
            return False
        inner_op, inner_av = item.data[0]
        return _nonword_class(inner_op, inner_av, ops)
    return _nonword_class(op, av, ops)


def _optional_nonword(op: Any, av: Any, ops: Any) -> bool:
    """An optional part that, when there, starts with a non-word character ("(?:'s)?")."""
    if op not in (ops.MAX_REPEAT, ops.MIN_REPEAT) or av[0] != 0:
        return False
    first = av[2].data
    while first and first[0][0] is ops.SUBPATTERN:
        first = first[0][1][-1].data
    return bool(first) and _nonword_class(first[0][0], first[0][1], ops)


def _side(items: list[Any], index: int, side: int, edge: bool, ops: Any) -> bool:
    """Whether there is a non-word character, or the text's edge, just before
    ``items[index]`` (``side`` -1: looking back from it) or just before it looking forward
    (``side`` +1: at ``items[index]`` and on); ``edge``: the sequence's own end is bounded."""
    position = index - 1 if side < 0 else index
    while 0 <= position < len(items):
        op, av = items[position]
        if op is ops.AT:
            if _bounds(op, av, ops, side):
                return True
            position += side  # another zero-width assertion: look past it
            continue
        if side > 0 and _optional_nonword(op, av, ops):
            position += 1  # "'s" or nothing: a non-word character either way if what follows
            continue
        break
    if not 0 <= position < len(items):
        return edge
    op, av = items[position]
    return _bounds(op, av, ops, side)


def _required(
    items: Any, ops: Any, exact: bool, before: bool, after: bool
) -> frozenset[Needle] | None:
    """For a sequence of the syntax tree: the cheapest set of needles one of which every
    match contains, from its literal runs and its required parts; None when there is none.
    ``exact``: the literals as written (the pattern minds case), else lower-cased;
    ``before``/``after``: the sequence has a non-word character or an edge on that side."""
    items = list(items)
    options: list[frozenset[Needle]] = []
    index = 0
    while index < len(items):
        op, av = items[index]
        if op is ops.LITERAL and (exact or usable(av)):
            end = index
            while end < len(items) and items[end][0] is ops.LITERAL:
                if not (exact or usable(items[end][1])):
                    break
                end += 1
            run = "".join(chr(c) if exact else chr(c).lower() for _, c in items[index:end])
            bounded = _side(items, index, -1, before, ops), _side(items, end, 1, after, ops)
            options.append(_run_needles(run, *bounded))
            index = end
            continue
        part: frozenset[Needle] | None = None
        outer = _side(items, index, -1, before, ops), _side(items, index + 1, 1, after, ops)
        if op is ops.SUBPATTERN:
            part = _required(av[-1].data, ops, exact, *outer)
        elif op is ops.BRANCH:
            part = _union([_required(alt.data, ops, exact, *outer) for alt in av[1]])
        elif op in (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT) and av[0] >= 1:
            part = _required(av[2].data, ops, exact, False, False)
        elif op is ops.ATOMIC_GROUP:
            part = _required(av.data, ops, exact, *outer)
        elif op is ops.ASSERT:
            # a lookaround's text is in the text too (a substring: what is around it is not
            # known)
            part = _required(av[1].data, ops, exact, False, False)
        if part:
            options.append(part)
        index += 1
    if not options:
        return None
    return min(
        options,
        key=lambda found: (cost(found), -min(len(t) for t, _ in found), len(found)),
    )


def _run_needles(run: str, before: bool, after: bool) -> frozenset[Needle]:
    """The needle of a literal run: its best whole word, when one has a non-word character
    or an edge on both sides, else the run itself (a substring)."""
    words = [
        m.group(0)
        for m in re.finditer(r"\w+", run)
        if (m.start() > 0 or before) and (m.end() < len(run) or after)
    ]
    if words:
        best = min(words, key=lambda w: (cost(frozenset({(w, True)})), -len(w)))
        return frozenset({(best, True)})
    return frozenset({(run, False)})


def _union(parts: list[frozenset[Needle] | None]) -> frozenset[Needle] | None:
    out: set[Needle] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    # a substring needle inside another needle is enough for both: "korea" covers "korean
    # wave" (a whole word covers nothing: the same letters in a longer word are no word)
    subs = [text for text, word in out if not word]
    return frozenset(n for n in out if not any(s != n[0] and s in n[0] for s in subs))


#: words most film coverage has: a needle inside one of them passes almost every text
_COMMON_WORDS = (
    "the and for with from that this into about after their film films movie movies drama "
    "dramas series season star stars director festival cast actor actress new top best show "
    "shows netflix release story time first year years one two play plays people world http "
    "www com 영화 드라마 감독 배우 작품"
)
_COMMON = tuple(_COMMON_WORDS.split())
#: how likely a text holds a needle of this many characters (a Hangul syllable counts two)
_BY_LENGTH = (1.0, 1.0, 0.5, 0.2, 0.08, 0.04, 0.02, 0.01)


def cost(found: frozenset[Needle]) -> float:
    """How likely a text holds one of ``found`` (lower is better): about certain for a word
    most film texts have, else falling with the needle's length (a whole word is rarer than
    the same letters anywhere)."""
    total = 0.0
    for needle, word in found:
        core = needle.strip().lower()
        if core and any(core in common for common in _COMMON):
            total += 1.0
        else:
            size = len(core) + sum(1 for ch in core if not ch.isascii()) + (2 if word else 0)
            total += _BY_LENGTH[min(size, len(_BY_LENGTH) - 1)]
    return min(total, 1.0)
