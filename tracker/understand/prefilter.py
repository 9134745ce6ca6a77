"""Regular expressions that compile on first use, skip the texts they cannot match, and try
only the positions where a match can start.

Python's ``re`` tries a pattern at every position of a text, and at each one every
alternative, unless the pattern starts with a literal: a ``\\b`` or a lookbehind first, or a
case-insensitive alternation of words, costs a few hundred nanoseconds a character. Most
patterns of the classifier find nothing in most entries. So a ``Pattern`` reads off its own
syntax tree two things and uses them before the real search:

* ``needles``: a few strings one of which every match contains; a text (folded) without any
  of them is skipped with ``str.__contains__``, at memory speed;
* a *finder*: the strings or character classes every match starts with, as one small
  case-sensitive regular expression (on the folded text when the pattern ignores case), so
  ``re`` skips quickly to the places a match can start; the pattern itself then decides there
  (``re.Pattern.match`` at that position sees the text before it, as a search would).

The answers are the pattern's own, match for match. A tree this module cannot read (another
Python's parser) gives neither, and the pattern simply runs. Owns those derivations, the
folding they rely on, and compiling on first use (importing the classifier stays cheap). Must
not know what any pattern means.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

#: the letters ``re`` matches case-insensitively with an ASCII letter that ``str.lower`` does
#: not lower to it (dotted and dotless i, long s); every other letter folds as ``re`` folds it
_FOLD_FIX = re.compile("[\u0130\u0131\u017f]")
_FOLD_FIXES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


_ASCII_NON_WORD = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)
_WORD = re.compile(r"\w+")


def words(folded: str) -> frozenset[str]:
    """The words of a folded text: its runs of word characters, as ``\\b`` sees them."""
    if folded.isascii():
        return frozenset(folded.translate(_ASCII_NON_WORD).split())
    return frozenset(_WORD.findall(folded))


def fold(text: str) -> str:
    """``text`` as needles and finders read it: lower case, character by character, so it
    has the same length and every position means the same place."""
    if not text.isascii() and _FOLD_FIX.search(text):
        text = text.translate(_FOLD_FIXES)
    return text.lower()


#: the gate of a pattern ``re`` scans quickly anyway
_FEW_NEEDLES = 4
#: beyond this many needles a gate costs more than the search it would save (up to it, one
#: ``in`` a needle beats any scan ``re`` can make for them)
_MOST_NEEDLES = 64
#: beyond this length a text is folded only when the caller has its folded view: folding a
#: long text to skip one search can cost more than the search
_FOLD_ON_THE_FLY = 400


class Pattern:
    """A regular expression compiled on first use. Its methods answer as ``re.Pattern``'s;
    ``folded``, when given, must be ``fold(text)`` (a view the caller already has), and
    ``words``, when given, ``words(folded)``."""

    __slots__ = (
        "_ascii_needles",
        "_ascii_subs",
        "_compiled",
        "_exact",
        "_finder",
        "_folds",
        "_needles",
        "_subs",
        "_words",
        "_words_only",
        "flags",
        "source",
    )

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None
        #: every needle's text, as a substring (what to look for without the text's words)
        self._needles: tuple[str, ...] | None = None
        self._ascii_needles: tuple[str, ...] = ()
        #: the needles that are whole words (lower-cased), and the others
        self._words: frozenset[str] = frozenset()
        self._subs: tuple[str, ...] = ()
        self._ascii_subs: tuple[str, ...] = ()
        self._finder: re.Pattern[str] | None = None
        self._folds = False
        self._exact = False
        self._words_only = False

    @property
    def compiled(self) -> re.Pattern[str]:
        return self._compiled or self._compile()

    @property
    def needles(self) -> tuple[str, ...] | None:
        """Strings one of which every match contains, or None when unknown: as written when
        the pattern minds case everywhere, else lower-cased (look for them in the folded
        text)."""
        self.compiled  # noqa: B018 (compiling derives them)
        return self._needles

    @property
    def finder(self) -> re.Pattern[str] | None:
        """What every match starts with (on the folded text when the pattern ignores case),
        or None when the pattern runs as it is."""
        self.compiled  # noqa: B018
        return self._finder

    def _compile(self) -> re.Pattern[str]:
        compiled = re.compile(self.source, self.flags)
        tree = _parse(self.source, self.flags)
        if tree is not None:
            found = _finder(tree, self.flags)
            if found is not None:
                self._finder, self._folds = found
            self._exact = not (self.flags & re.IGNORECASE) and not _scoped(tree)
            self._gate(tree)
        self._compiled = compiled
        return compiled

    def _gate(self, tree: Any) -> None:
        found = _needles(tree, exact=self._exact)
        if found is None:
            return
        # a case-exact pattern that ``re`` or its finder skips through at memory speed needs
        # a gate only as small as a few ``in``; many needles cost more than they save; an
        # ASCII letter or digit alone is in nearly every text
        quick = self._exact and (self._finder is not None or _leads(tree.data, False, _ops()))
        if len(found) > _MOST_NEEDLES:
            return
        if any(len(t) == 1 and t.isascii() and t.isalnum() and not word for t, word in found):
            return
        # with the text's words at hand the gate costs one set lookup, whatever its size
        self._words_only = quick and len(found) > _FEW_NEEDLES
        # the likeliest first: a gate that passes should know it after one or two
        ordered = sorted(found, key=lambda n: (-_cost(frozenset({n})), len(n[0]), n[0]))
        self._needles = tuple(t for t, _ in ordered)
        self._ascii_needles = tuple(t for t in self._needles if t.isascii())
        self._words = frozenset(t.lower() for t, word in ordered if word)
        self._subs = tuple(t for t, word in ordered if not word)
        self._ascii_subs = tuple(t for t in self._subs if t.isascii())

    def possible(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> bool:
        """False when ``text`` holds no match for sure (it has none of the needles)."""
        if self._compiled is None:
            self._compile()
        found = self._needles
        if found is None or (words is None and self._words_only):
            return True
        if self._exact:
            folded = text  # a pattern that minds case: its needles are as written
        elif folded is None:
            if len(text) > _FOLD_ON_THE_FLY:
                return True
            folded = fold(text)
        if words is not None:
            # the whole-word needles at once against the text's words; the rest one by one
            if not self._words.isdisjoint(words):
                return True
            found = self._ascii_subs if folded.isascii() else self._subs
        elif folded.isascii():
            found = self._ascii_needles  # Hangul needles cannot be in an ASCII text
        # a loop, not any() over a generator: this runs for every pattern of every entry
        for needle in found:  # noqa: SIM110
            if needle in folded:
                return True
        return False

    def search(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> re.Match[str] | None:
        compiled = self._compiled or self._compile()
        if self._needles is not None and not self.possible(text, folded, words):
            return None
        finder = self._finder
        if finder is None:
            return compiled.search(text)
        haystack = (folded if folded is not None else fold(text)) if self._folds else text
        pos = 0
        while (start := finder.search(haystack, pos)) is not None:
            m = compiled.match(text, start.start())
            if m is not None:
                return m
            pos = start.start() + 1
        return None

    def match(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        compiled = self._compiled or self._compile()
        # one place to try: a gate pays only on a short text, against a pattern that tries
        # many ways there ("^(.+?)\s+review")
        short = len(text) <= _FOLD_ON_THE_FLY
        if short and self._needles is not None and not self.possible(text, folded):
            return None
        return compiled.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return (self._compiled or self._compile()).fullmatch(text)

    def finditer(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> Iterator[re.Match[str]]:
        if not self.possible(text, folded, words):
            return iter(())
        compiled = self._compiled or self._compile()
        if self._finder is None:
            return compiled.finditer(text)
        return self._found(compiled, self._finder, text, folded)

    def _found(
        self, compiled: re.Pattern[str], finder: re.Pattern[str], text: str, folded: str | None
    ) -> Iterator[re.Match[str]]:
        """The matches, tried only where the finder says one can start."""
        haystack = (folded if folded is not None else fold(text)) if self._folds else text
        pos = 0
        while (start := finder.search(haystack, pos)) is not None:
            m = compiled.match(text, start.start())
            if m is None:
                pos = start.start() + 1
                continue
            yield m
            # never empty (it starts with what the finder found): the next one starts after it
            pos = m.end()

    def findall(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> list[Any]:
        if not self.possible(text, folded, words):
            return []
        compiled = self._compiled or self._compile()
        if self._finder is None:
            return compiled.findall(text)
        matches = self._found(compiled, self._finder, text, folded)
        if compiled.groups == 0:
            return [m.group(0) for m in matches]
        if compiled.groups == 1:
            return [m.group(1) or "" for m in matches]
        return [m.groups("") for m in matches]

    def sub(self, repl: str, text: str, count: int = 0) -> str:
        if not self.possible(text):
            return text
        return (self._compiled or self._compile()).sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0, folded: str | None = None) -> list[str]:
        if not self.possible(text, folded):
            return [text]
        return (self._compiled or self._compile()).split(text, maxsplit)


# --------------------------------------------------------------------------------------------
# Reading a pattern's syntax tree


def _parse(source: str, flags: int) -> Any:
    try:
        parser = importlib.import_module("re._parser")
        return parser.parse(source, flags)
    except Exception:  # another Python's parser: the pattern just runs
        return None


def _ops() -> Any:
    return importlib.import_module("re._constants")


def _scoped(tree: Any) -> bool:
    try:
        return _scoped_ignorecase(tree.data, _ops())
    except Exception:  # a tree this module does not know
        return True


#: one needle: its text, and whether every match has it as a whole word (a token of the
#: text, between non-word characters), which a set of the text's words answers at once
_Needle = tuple[str, bool]


def _needles(tree: Any, *, exact: bool) -> frozenset[_Needle] | None:
    """Needles one of which every match contains, the cheapest sure set; lower-cased unless
    ``exact``."""
    try:
        found = _required(tree.data, _ops(), exact, False, False)
    except Exception:  # a node this module does not know: no needles
        return None
    if not found or any(not text for text, _ in found):
        return None
    return found


def _usable(code: int) -> bool:
    """A literal character that folds as ``re`` folds it: ASCII, or without case (Hangul)."""
    char = chr(code)
    return char.isascii() or (char.lower() == char and char.upper() == char)


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
) -> frozenset[_Needle] | None:
    """For a sequence of the syntax tree: the cheapest set of needles one of which every
    match contains, from its literal runs and its required parts; None when there is none.
    ``exact``: the literals as written (the pattern minds case), else lower-cased;
    ``before``/``after``: the sequence has a non-word character or an edge on that side."""
    items = list(items)
    options: list[frozenset[_Needle]] = []
    index = 0
    while index < len(items):
        op, av = items[index]
        if op is ops.LITERAL and (exact or _usable(av)):
            end = index
            while end < len(items) and items[end][0] is ops.LITERAL:
                if not (exact or _usable(items[end][1])):
                    break
                end += 1
            run = "".join(chr(c) if exact else chr(c).lower() for _, c in items[index:end])
            bounded = _side(items, index, -1, before, ops), _side(items, end, 1, after, ops)
            options.append(_run_needles(run, *bounded))
            index = end
            continue
        part: frozenset[_Needle] | None = None
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
        key=lambda found: (_cost(found), -min(len(t) for t, _ in found), len(found)),
    )


def _run_needles(run: str, before: bool, after: bool) -> frozenset[_Needle]:
    """The needle of a literal run: its best whole word, when one has a non-word character
    or an edge on both sides, else the run itself (a substring)."""
    words = [
        m.group(0)
        for m in re.finditer(r"\w+", run)
        if (m.start() > 0 or before) and (m.end() < len(run) or after)
    ]
    if words:
        best = min(words, key=lambda w: (_cost(frozenset({(w, True)})), -len(w)))
        return frozenset({(best, True)})
    return frozenset({(run, False)})


def _union(parts: list[frozenset[_Needle] | None]) -> frozenset[_Needle] | None:
    out: set[_Needle] = set()
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


def _cost(found: frozenset[_Needle]) -> float:
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


# --------------------------------------------------------------------------------------------
# Where a match can start


class _Unknown(Exception):
    """The tree has a node whose start this module cannot describe."""


def _finder(tree: Any, flags: int) -> tuple[re.Pattern[str], bool] | None:
    """(finder, folds): a case-sensitive pattern that matches where every match of the tree
    starts, on the folded text if ``folds`` (some part of the pattern ignores case)."""
    ops = _ops()
    try:
        folds = bool(flags & re.IGNORECASE) or _scoped_ignorecase(tree.data, ops)
        if _leads(tree.data, bool(flags & re.IGNORECASE), ops):
            return None  # ``re`` already skips to a leading literal or class at memory speed
        if tree.data and tree.data[0] in _ANCHORS(ops):
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
    return re.compile("|".join(([_trie(literals)] if literals else []) + classes)), folds


#: letters rare enough at the start of a candidate (English and romanised Korean)
_RARE_LETTERS = frozenset("jkqvxzJKQVXZ")


def _common_start(start: str | _Class) -> bool:
    """A start found at most places of a text: a class of letters, spaces or word
    characters, or a single letter that is not rare (a capital is rare: most patterns that
    mind case start with one)."""
    if isinstance(start, _Class):
        return start.broad
    chars = _escaped_chars(start)
    if len(chars) > 1:
        return False
    char = chars[0][-1]
    return char.isalpha() and char.islower() and char not in _RARE_LETTERS


def _leads(items: Any, icase: bool, ops: Any) -> bool:
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


def _ANCHORS(ops: Any) -> tuple[tuple[Any, Any], ...]:
    return ((ops.AT, ops.AT_BEGINNING), (ops.AT, ops.AT_BEGINNING_STRING))


class _Class:
    """A character class, as regular-expression source, a match can start with; ``broad``
    when most characters of a text are in it (letters, spaces, any non-digit)."""

    __slots__ = ("broad", "source")

    def __init__(self, source: str, broad: bool) -> None:
        self.source = source
        self.broad = broad


def _scoped_ignorecase(items: Any, ops: Any) -> bool:
    for op, av in items:
        if op is ops.SUBPATTERN and (av[1] & re.IGNORECASE or _scoped_ignorecase(av[3], ops)):
            return True
        if op is ops.BRANCH and any(_scoped_ignorecase(alt, ops) for alt in av[1]):
            return True
        repeat = op in (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT)
        if repeat and _scoped_ignorecase(av[2], ops):
            return True
        if op in (ops.ASSERT, ops.ASSERT_NOT) and _scoped_ignorecase(av[1], ops):
            return True
        if op is ops.ATOMIC_GROUP and _scoped_ignorecase(av, ops):
            return True
    return False


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
    if icase and not _usable(code):
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
        for char in _escaped_chars(word):
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


def _escaped_chars(word: str) -> list[str]:
    """The characters of an escaped literal, each with its backslash."""
    out: list[str] = []
    index = 0
    while index < len(word):
        step = 2 if word[index] == "\\" else 1
        out.append(word[index : index + step])
        index += step
    return out
