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

A long alternation with no finder of its own (a few dozen phrases) is searched alternative by
alternative (``branches``), each gated and found alone, and then matched whole at the leftmost
place one matched.

The answers are the pattern's own, match for match. A tree that cannot be read (another
Python's parser) gives neither, and the pattern simply runs. Owns the ``Pattern`` that uses
them (``needles`` and ``starts`` derive them), the folding and the words they rely on, and
compiling on first use (importing the classifier stays cheap) or all at once ahead of it
(``compile_all``, for a process that forks workers). Must not know what any pattern means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

from tracker.understand.scan import recache
from tracker.understand.scan.branches import alternatives
from tracker.understand.scan.needles import Needle, cost, read_needles
from tracker.understand.scan.retree import leads, ops_of, parse, scoped_ignorecase_tree
from tracker.understand.scan.starts import read_finder

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
#: what ``Pattern`` reads off its syntax tree, as plain data (``recache`` keeps it ahead):
#: the finder's source and whether it reads the folded text, whether the pattern minds case
#: everywhere, its needles (likeliest first), whether ``re`` finds its first character by
#: itself, and a long alternation's alternatives
_Facts = tuple[
    tuple[str, bool] | None, bool, tuple[Needle, ...] | None, bool, tuple[str, ...] | None
]
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
        "_branches",
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
        #: a long alternation's alternatives, each a ``Pattern`` gated and found alone
        self._branches: tuple[Pattern, ...] = ()

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
        compiled = recache.compile(self.source, self.flags)
        facts = recache.derived(self.source, self.flags, self._derive)
        if facts is not None:
            finder, self._exact, found, leading, parts = facts
            if finder is not None:
                self._finder, self._folds = recache.compile(finder[0]), finder[1]
            if found is not None:
                self._gate(found, leading)
            if parts is not None:
                self._branches = tuple(Pattern(part, self.flags) for part in parts)
                for branch in self._branches:
                    branch._compile()
        self._compiled = compiled
        return compiled

    def _derive(self) -> _Facts | None:
        """What the pattern's syntax tree tells, as plain data; None when it cannot be read."""
        tree = parse(self.source, self.flags)
        if tree is None:
            return None
        found = read_finder(tree, self.flags)
        finder = None if found is None else (found[0].pattern, found[1])
        exact = not (self.flags & re.IGNORECASE) and not scoped_ignorecase_tree(tree)
        needles = read_needles(tree, exact=exact)
        # the likeliest first: a gate that passes should know it after one or two
        ordered = (
            None
            if needles is None
            else tuple(sorted(needles, key=lambda n: (-cost(frozenset({n})), len(n[0]), n[0])))
        )
        leading = exact and leads(tree.data, False, ops_of())
        parts = None if finder is not None else alternatives(self.source, self.flags, tree)
        return finder, exact, ordered, leading, None if parts is None else tuple(parts)

    def _gate(self, found: tuple[Needle, ...], leading: bool) -> None:
        """The needles' gate, from the needles (likeliest first) and whether ``re`` finds the
        pattern's first character by itself."""
        # a case-exact pattern that ``re`` or its finder skips through at memory speed needs
        # a gate only as small as a few ``in``; many needles cost more than they save; an
        # ASCII letter or digit alone is in nearly every text
        quick = self._exact and (self._finder is not None or leading)
        if len(found) > _MOST_NEEDLES:
            return
        if any(len(t) == 1 and t.isascii() and t.isalnum() and not word for t, word in found):
            return
        # with the text's words at hand the gate costs one set lookup, whatever its size
        self._words_only = quick and len(found) > _FEW_NEEDLES
        self._needles = tuple(t for t, _ in found)
        self._ascii_needles = tuple(t for t in self._needles if t.isascii())
        self._words = frozenset(t.lower() for t, word in found if word)
        self._subs = tuple(t for t, word in found if not word)
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
        if not self._branches:
            return self._first_found(compiled, text, folded, -1)
        if folded is None:
            folded = fold(text)  # once for every alternative, not once each
        best = -1
        for branch in self._branches:
            m = branch._leftmost(text, folded, words, best)
            if m is not None:
                best = m.start()
                if best == 0:
                    break
        # the alternation itself at the leftmost place any alternative matches: there its
        # first alternative that matches wins, with the groups of the whole
        return None if best < 0 else compiled.match(text, best)

    def _leftmost(
        self, text: str, folded: str | None, words: frozenset[str] | None, before: int
    ) -> re.Match[str] | None:
        """``search``, for an alternative of a long alternation: only a match that starts
        before ``before`` counts when it is not negative (an earlier one matched there)."""
        compiled = self._compiled or self._compile()
        if self._needles is not None and not self.possible(text, folded, words):
            return None
        return self._first_found(compiled, text, folded, before)

    def _first_found(
        self, compiled: re.Pattern[str], text: str, folded: str | None, before: int
    ) -> re.Match[str] | None:
        """The leftmost match, tried only where the finder says one can start (starting
        before ``before`` when it is not negative)."""
        finder = self._finder
        if finder is None:
            m = compiled.search(text)
            return m if m is None or before < 0 or m.start() < before else None
        haystack = (folded if folded is not None else fold(text)) if self._folds else text
        pos = 0
        while (found := finder.search(haystack, pos)) is not None:
            start = found.start()
            if 0 <= before <= start:
                return None
            m = compiled.match(text, start)
            if m is not None:
                return m
            pos = start + 1
        return None

    def match(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        compiled = self._compiled or self._compile()
        # one place to try: a gate pays only on a short text, against a pattern that tries
        # many ways there ("^(.+?)\s+review"); one with a finder fails at its first
        # character, sooner than any gate
        short = len(text) <= _FOLD_ON_THE_FLY
        if (
            short
            and self._finder is None
            and self._needles is not None
            and not self.possible(text, folded)
        ):
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


def compile_all(modules: Iterable[ModuleType]) -> int:
    """Compile every ``Pattern`` the modules hold at their top level, alone or in a tuple, list,
    set or a mapping's values (one level down: how the classifier keeps its tables). A process
    that forks workers calls this once, so no worker compiles them again on its first texts.
    Returns how many it compiled."""
    found = 0
    for module in modules:
        for value in list(vars(module).values()):
            if isinstance(value, dict):
                value = list(value.values())
            inner = value if isinstance(value, tuple | list | set | frozenset) else (value,)
            for item in inner:
                # a table's row: (pattern, label)
                for candidate in item if isinstance(item, tuple) else (item,):
                    if isinstance(candidate, Pattern) and candidate._compiled is None:
                        candidate._compile()
                        found += 1
    return found
