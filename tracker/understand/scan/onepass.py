"""Finding every one of many names in a text in one pass.

A search per curated name costs a scan of the text per name; an alternation of hundreds of
names costs, in Python's ``re``, a try of every name at every position. Here the names become
one regular expression shaped as a trie (one branch per character, so ``re`` follows a single
path), starting with a literal or consumed boundary character so ``re`` skips to the places a
name can start. What that scan finds is then confirmed by the exact rule of the name it
found, and of the few names that could match at the same place (a name and its longer
spellings), so the answers are those of checking the names one by one.

Owns those scanners: ``NameSet`` (the ``mentions_name`` rule: romanised names tolerant of
hyphen and spacing, case-insensitive beyond four letters; Hangul as substrings),
``LiteralSet`` (exact substrings) and ``TitleSet``/``title_alternation`` (curated titles as
written, between word boundaries). Pure; must not know the lexicon's data or an entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from tracker.text import has_hangul
from tracker.understand.names import name_pattern, name_source
from tracker.understand.scan import recache
from tracker.understand.scan.prefilter import fold

#: a separator slot between the parts of a romanised name ("Jeon Jong-seo")
_SEP = "\0sep"
_SEPARATOR = r"[\s\-]?"
_SEPARATORS = re.compile(r"[\s\-]")


def _trie(paths: Iterable[list[str]]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path in paths:
        node = tree
        for step in path:
            node = node.setdefault(step, {})
        node[""] = {}
    return tree


def _source(node: dict[str, Any], first: Callable[[str], str] | None = None) -> str:
    """The trie as a regular expression: children before the end of a word, so a longer
    word is tried before a shorter one. ``first`` writes the first character's step."""
    alternatives = []
    for step, child in sorted(node.items()):
        if not step:
            continue
        head = _SEPARATOR if step == _SEP else re.escape(step)
        if first is not None:
            head = first(step)
        alternatives.append(head + _source(child))
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    if "" in node:
        return f"(?:{body})?"
    return body


def _steps(name: str, lower: bool) -> list[str]:
    """A romanised name's characters with a separator slot between its parts, as
    ``names.name_pattern`` writes it."""
    parts = [p for p in re.split(r"[\s-]+", name.strip()) if p]
    steps: list[str] = []
    for index, part in enumerate(parts):
        if index:
            steps.append(_SEP)
        steps.extend(part.lower() if lower else part)
    return steps


_LEADING_WORD = re.compile(r"\w*")
_WORD_CHAR = re.compile(r"\w")


def _skeleton_prefixes(paths: Iterable[list[str]]) -> Iterable[str]:
    """For each name's steps, its first parts joined without separators (one, two, ...)."""
    for steps in paths:
        joined = ""
        for step in steps:
            if step == _SEP:
                yield joined
            else:
                joined += step
        yield joined


def _family(keys: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """For each skeleton, the names whose skeleton starts it or starts with it: the names a
    scan that found one of them must also try at the same place."""
    ordered = sorted(keys)
    out: dict[str, tuple[str, ...]] = {}
    for index, key in enumerate(ordered):
        related = [k for k in (key[:i] for i in range(1, len(key))) if k in keys]
        related.append(key)
        after = index + 1
        while after < len(ordered) and ordered[after].startswith(key):
            related.append(ordered[after])
            after += 1
        out[key] = tuple(name for k in related for name in keys[k])
    return out


def _prefixes(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """For each word, the words it starts with (itself included)."""
    present = set(words)
    return {w: tuple(w[:i] for i in range(1, len(w) + 1) if w[:i] in present) for w in words}


class NameSet:
    """Which of ``names`` a text mentions, by the rule of ``names.mentions_name``: Hangul
    names as substrings; romanised ones between word boundaries, a hyphen or space (or
    nothing) between their parts, ignoring case beyond four letters (a name credited in
    capitals is then found case-blind, and ``names.name_pattern`` refuses it in lower case)."""

    def __init__(self, names: Iterable[str]) -> None:
        unique = [n for n in dict.fromkeys(names) if n]
        self._hangul = LiteralSet(n for n in unique if has_hangul(n))
        roman = [n for n in unique if not has_hangul(n)]
        self._folded = _Group([n for n in roman if len(n) > 4], folded=True)
        self._exact = _Group([n for n in roman if len(n) <= 4], folded=False)

    def found(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> set[str]:
        """Every name ``text`` mentions, each checked on its own (a name inside a longer one
        counts: "Song Kang" in "Song Kang-ho"). ``folded``: ``prefilter.fold(text)``;
        ``words``: ``prefilter.words(folded)``."""
        return self.found_in(self.scan(text, folded, words))

    def written(self, text: str, folded: str | None = None) -> list[str]:
        """The romanised names ``text`` writes, read left to right as one alternation of
        each case rule reads them: where several start, the longest spelling wins, and the
        names inside it do not count ("Song Kang-ho", not also "Song Kang")."""
        return self.written_in(self.scan(text, folded))

    def scan(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> Scan:
        """Where the names of ``text`` start: what ``found_in`` and ``written_in`` read, so
        one scan answers both (and for several subsets of the names). ``words``, when given,
        must be ``prefilter.words(folded)``: the case-blind names are then looked for only
        where a word that can start one stands."""
        hangul = self._hangul.found(text) if not text.isascii() else set()
        groups = [(self._exact, self._exact.candidates(text, text))]
        if self._folded.names:
            haystack = folded if folded is not None else fold(text)
            groups.append((self._folded, self._folded.candidates(text, haystack, words)))
        return Scan(text, hangul, groups)

    @staticmethod
    def found_in(scan: Scan) -> set[str]:
        out = set(scan.hangul)
        for _, candidates in scan.groups:
            for _, names in candidates:
                out.update(names)
        return out

    @staticmethod
    def written_in(scan: Scan, among: frozenset[str] | None = None) -> list[str]:
        """``written``, reading only the names ``among`` (all when None)."""
        out: list[str] = []
        for group, candidates in scan.groups:
            end = 0
            for start, names in candidates:
                if among is not None:
                    names = [n for n in names if n in among]
                if start < end or not names:
                    continue
                name = max(names, key=group.rank)
                out.append(name)
                end = name_pattern(name).match(scan.text, start).end()  # type: ignore[union-attr]
        return out


@dataclass(frozen=True)
class Scan:
    """One text's scan by a ``NameSet``: the Hangul names in it, and for each case rule the
    places where romanised names start with the names that match there."""

    text: str
    hangul: set[str]
    groups: list[tuple[_Group, list[tuple[int, list[str]]]]]


class _Group:
    """Romanised names that share a case rule, and the scan that finds them."""

    def __init__(self, names: list[str], *, folded: bool) -> None:
        self.names = names
        keys: dict[str, list[str]] = {}
        paths = []
        for name in names:
            steps = _steps(name, folded)
            keys.setdefault("".join(s for s in steps if s != _SEP), []).append(name)
            paths.append(steps)
        self._family = _family(keys)
        tree = _trie(paths)
        if folded:
            # in folded text a name starts with a lower-case letter, as most words do: the
            # scan consumes the character before it instead (a non-word character, or the
            # space put before the text) and looks ahead for the name; in an ASCII text the
            # word characters are a plain class, which ``re`` tests faster than \w
            source = _source(tree)
            self._scan = recache.compile(rf"[^\w](?=({source})(?!\w))", re.DOTALL)
            self._ascii_scan = recache.compile(rf"[^a-z0-9_](?=({source})(?![a-z0-9_]))", re.DOTALL)
        else:
            # written with its capitals: the first letter leads, then the boundary before it
            first = lambda step: re.escape(step) + r"(?<!\w(?s:.))"  # noqa: E731
            self._scan = recache.compile(rf"({_source(tree, first)})(?!\w)")
        self._folded = folded
        # the words a name's match can start with: the skeleton up to a separator written as
        # one, or up to a character inside a part that is no word character; a name that
        # starts with no word character ("(G)I-DLE") is looked for by that character
        firsts = {_LEADING_WORD.match(s).group(0) for s in _skeleton_prefixes(paths)}  # type: ignore[union-attr]
        firsts.discard("")
        self._firsts = frozenset(firsts)
        self._odd_leads = tuple(sorted({p[0] for p in paths if not _WORD_CHAR.match(p[0])}))
        self._at = recache.compile(rf"({_source(tree)})(?!\w)") if folded else None
        # the order of the alternation ``mentions_name``'s patterns made: longest pattern
        # first (then the longest match, then the name, where that order was arbitrary)
        self._length = {name: len(name_source(name)) for name in names}

    def rank(self, name: str) -> tuple[int, int, str]:
        return (self._length[name], len(name), name)

    def candidates(
        self, text: str, haystack: str, words: frozenset[str] | None = None
    ) -> list[tuple[int, list[str]]]:
        """(start, names) for every place of ``text`` where names of the group start, left to
        right; ``haystack`` is ``text``, folded when the group ignores case; ``words``, when
        given, ``prefilter.words(haystack)``."""
        out: list[tuple[int, list[str]]] = []
        if not self.names:
            return out
        family = self._family
        if self._folded and words is not None:
            # a scan tests every character; most texts have a few words a name can start
            # with, or none: try the trie only where those words start a word of the text
            starts: set[int] = set()
            for word in (*self._firsts.intersection(words), *self._odd_leads):
                pos = haystack.find(word)
                while pos >= 0:
                    if not pos or _WORD_CHAR.match(haystack, pos - 1) is None:
                        starts.add(pos)
                    pos = haystack.find(word, pos + 1)
            at = self._at.match  # type: ignore[union-attr]
            for start in sorted(starts):
                m = at(haystack, start)
                if m is not None:
                    key = _SEPARATORS.sub("", m.group(1))
                    names = family[key]
                    out.append((start, [n for n in names if name_pattern(n).match(text, start)]))
            return out
        if self._folded:
            # a match starts one character early, which is where the name starts in ``text``
            # (one space was put before the haystack)
            scan = self._ascii_scan if haystack.isascii() else self._scan
            for m in scan.finditer(" " + haystack):
                start = m.start()
                key = _SEPARATORS.sub("", m.group(1))
                out.append((start, [n for n in family[key] if name_pattern(n).match(text, start)]))
            return out
        search = self._scan.search
        pos = 0
        while (found := search(haystack, pos)) is not None:
            start = found.start()
            key = _SEPARATORS.sub("", found.group(1))
            out.append((start, [n for n in family[key] if name_pattern(n).match(text, start)]))
            pos = start + 1
        return out


class LiteralSet:
    """Which of ``literals`` occur in a text, as exact substrings (overlaps included)."""

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = tuple(dict.fromkeys(n for n in literals if n))
        tree = _trie(list(n) for n in self.literals)
        self._scan = recache.compile(_source(tree)) if self.literals else None
        # a literal found somewhere means every literal it starts with is there too
        self._prefixes = _prefixes(self.literals)

    def found(self, text: str) -> set[str]:
        out: set[str] = set()
        if self._scan is None:
            return out
        search = self._scan.search
        pos = 0
        while (m := search(text, pos)) is not None:
            out.update(self._prefixes[m.group(0)])
            pos = m.start() + 1
        return out


#: the boundary around a curated title written in a text: no letter or apostrophe either side
_BEFORE = r"(?<![\w'’](?s:.))"
_AFTER = r"(?![\w'’])"


def title_alternation(titles: Iterable[str], group: str | None = None) -> re.Pattern[str]:
    """One pattern for curated titles as written, between word boundaries, that finds what
    ``(?<![\\w'’])(?:T1|T2|...)(?![\\w'’])`` with the titles longest first finds (the longest
    title at the leftmost place), as a trie led by the title's first character."""
    tree = _trie(list(t) for t in dict.fromkeys(titles) if t)
    body = _source(tree, first=lambda char: re.escape(char) + _BEFORE) if tree else "(?!)"
    if group:
        body = f"(?P<{group}>{body})"
    return recache.compile(body + _AFTER)


class TitleSet:
    """Which of ``titles`` a text writes as they are written, between word boundaries (no
    letter or apostrophe either side), overlaps included."""

    def __init__(self, titles: Iterable[str]) -> None:
        self.titles = tuple(dict.fromkeys(t for t in titles if t))
        self._scan = title_alternation(self.titles)
        #: each title's own pattern, compiled when the scan first finds it: compiling all of
        #: them up front (400 curated Korean titles) cost every worker process 90 ms
        self._one: dict[str, re.Pattern[str]] = {}
        self._prefixes = _prefixes(self.titles)

    def _exact(self, title: str) -> re.Pattern[str]:
        one = self._one.get(title)
        if one is None:
            one = self._one[title] = re.compile(rf"(?<![\w'’]){re.escape(title)}{_AFTER}")
        return one

    def found(self, text: str) -> set[str]:
        out: set[str] = set()
        if not self.titles:
            return out
        search = self._scan.search
        pos = 0
        while (m := search(text, pos)) is not None:
            start = m.start()
            for title in self._prefixes[m.group(0)]:
                if title not in out and self._exact(title).match(text, start):
                    out.add(title)
            pos = start + 1
        return out
