"""Which entries are the same article syndicated to several feeds (one agency story in many).

Owns the copy rule and the grouping it induces, split by when the work can be done:

* ``fingerprint(title, text)``, once per entry (at ingest; the result can be stored): the
  normalised headline and the entry's word-trigram shingles (headline + first 600 characters of
  text), each shingle as a stable 64-bit integer (BLAKE2b: the same in every process, platform
  and Python version, and it fits a signed SQL ``BIGINT``).
* ``syndicated_groups_of(prints)``, per digest: a group id per entry, copies sharing one.

The rule (unchanged from the all-pairs version): two entries with a headline and some text are
copies when their normalised headlines are equal and their shingle sets overlap by >= 0.6 of the
smaller set, or when the Jaccard similarity of the shingle sets is >= 0.75. Groups are the
connected components of that relation, numbered in order of first appearance.

Grouping is exact and near-linear: candidate pairs come from keys, never from all pairs.

1. Identical shingle sets are one group outright (Jaccard 1), and the rest of the work is done
   once per distinct set: 80 copies of one story cost one set, not 80^2 pairs.
2. Jaccard >= 0.75 (any headlines): exact prefix filtering with the size filter. Shingles are
   ordered by their frequency in the batch, rarest first; sets are taken smallest first. A
   similar pair shares so many shingles that its two rarest shared ones lie in the first few of
   each side (the prefixes, about |A|/7 + 2 for the smaller set, |B|/4 + 2 for the larger), so
   each set leaves its short prefix in an index and probes it with its long one, and a pair is a
   candidate only when it meets there twice. Requiring two meetings, not one, is what keeps the
   candidates few on a bounded vocabulary (feedfarm's 30 words, where any one trigram recurs in
   proportion to the batch): random texts often share one rare trigram, hardly ever two.
3. Headlines equal and overlap >= 0.6 of the smaller set: the same inside each block of one
   headline, with the prefixes of that rule; the larger set probes with as many shingles as the
   smallest set of the block requires.

The work per set is its prefixes' index lookups and the index lists they meet: short lists on
real feeds; on feedfarm the lists grow with the batch (every trigram is common there) but are
merged at C speed. Measured with tests/bench/bench_match.py.

Every candidate is checked with the rule itself, so nothing is approximated. Equal answers to
the all-pairs rule are tested against a brute-force reference (tests/test_syndication.py). The
only assumption is that two distinct shingles of one batch do not share a 64-bit hash (odds
about n^2 / 2^65: below 10^-7 for a million distinct trigrams).

Pure: no I/O, clock or environment; it knows nothing about films (``match`` owns those).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from tracker.text import normalize_text, normalize_title

#: words per shingle
_SHINGLE_WORDS = 3
#: how much of the text goes into a fingerprint: an agency story's first paragraph or two
_TEXT_CHARS = 600
#: overlap of the smaller shingle set, for entries whose headlines are equal
_SAME_HEADLINE_OVERLAP = 0.6
#: Jaccard similarity of the shingle sets, for any two entries
_JACCARD = 0.75


class Fingerprint(NamedTuple):
    """What copy detection needs about one entry, computed once by ``fingerprint``."""

    #: the normalised headline ("" when it has none)
    title: str
    #: the word-trigram shingles of headline and text, as sorted distinct stable 64-bit hashes
    shingles: tuple[int, ...]


_MASK = (1 << 64) - 1
#: an odd 64-bit multiplier (from splitmix64): combining word hashes in order, so "a b c" and
#: "c b a" differ
_K = 0x9E3779B97F4A7C15


#: words already hashed in this process: a feed's vocabulary repeats from entry to entry, and a
#: dict lookup costs 30 ns where a BLAKE2b of a word costs 800. Bounded (cleared when full,
#: about 3 MB) so a long-running worker's memory stays flat.
_HASHED: dict[str, int] = {}
_HASHED_MAX = 20_000


def _word_hash(word: str) -> int:
    known = _HASHED.get(word)
    if known is not None:
        return known
    # surrogatepass: a lone surrogate from a broken feed must not raise
    digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    value = int.from_bytes(digest, "big")
    if len(_HASHED) >= _HASHED_MAX:
        _HASHED.clear()
    _HASHED[word] = value
    return value


def _shingle_hash(hashes: Sequence[int]) -> int:
    """One stable 64-bit hash of a run of words, from their own hashes (each word is hashed
    once per text, not once per shingle it is in: a shingle costs two multiplications)."""
    h = 0
    for word in hashes:
        h = (h * _K + word) & _MASK
    return h - (1 << 64) if h >> 63 else h  # signed: it fits a SQL BIGINT


def fingerprint(title: str, text: str) -> Fingerprint:
    """The fingerprint of one entry from its headline and plain text."""
    words = normalize_text(f"{title}\n{text[:_TEXT_CHARS]}").split()
    known: dict[str, int] = {}
    for word in words:
        if word not in known:
            known[word] = _word_hash(word)
    hashes = [known[w] for w in words]
    if len(hashes) < _SHINGLE_WORDS:
        # a short text is one shingle of all its words (none when it has no words)
        shingles = {_shingle_hash(hashes)} if hashes else set()
    else:
        # _shingle_hash of each run of three, written out: this runs for every word of every
        # entry a poll stores
        k, k2, mask = _K, _K * _K, _MASK
        unsigned = {
            (a * k2 + b * k + c) & mask
            for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
        }
        shingles = {h - (1 << 64) if h >> 63 else h for h in unsigned}
    return Fingerprint(normalize_title(title), tuple(sorted(shingles)))


class _Article(Protocol):
    """Anything with a headline and a plain text (``match.ClusterInput`` is one)."""

    @property
    def title(self) -> str: ...

    @property
    def text(self) -> str: ...


def syndicated_groups(items: Sequence[_Article]) -> list[int]:
    """A group id per item: items with near-identical headline and text (one agency story in
    several feeds) share an id; every other item has an id of its own."""
    return syndicated_groups_of([fingerprint(item.title, item.text) for item in items])


# --------------------------------------------------------------------------------------------
# The thresholds as integer inequalities


def _least_jaccard_overlap(size: int) -> int:
    """The fewest shingles a set of ``size`` shares with any set it is Jaccard-similar to.

    ``o / |A u B| >= 0.75`` is ``7o >= 3(|A| + |B|)`` (0.75 is exact in binary, and for sets
    below 2^50 no other ratio rounds onto it), and the partner's size is at least 3/4 of
    ``size`` (the size filter), so ``o >= ceil(3 size / 4)``, whichever set is the smaller."""
    return (3 * size + 3) // 4


def _least_jaccard_overlap_of_smaller(size: int) -> int:
    """The same, when the partner is at least as large: ``o >= 3(2 size) / 7``."""
    return (6 * size + 6) // 7


def _least_headline_overlap(smaller: int) -> int:
    """The fewest shingles two same-headline sets share when the smaller has ``smaller``:
    ``o / smaller >= 0.6`` is ``5o >= 3 smaller`` for sets below 2^50 (tested)."""
    return (3 * smaller + 4) // 5


def _sizes_allow_jaccard(a: int, b: int) -> bool:
    """The size filter: Jaccard >= 0.75 needs the smaller set to hold 3/4 of the larger."""
    return 4 * min(a, b) >= 3 * max(a, b)


# --------------------------------------------------------------------------------------------
# Grouping


class _Components:
    """Union-find over entry indexes, path halving."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def numbered(self) -> list[int]:
        """A component id per index, in order of first appearance (the all-pairs numbering)."""
        ids: dict[int, int] = {}
        return [ids.setdefault(self.find(i), len(ids)) for i in range(len(self.parent))]


class _Sets:
    """The distinct shingle sets of a batch, each ordered rarest shingle first.

    Shingles are renumbered 0, 1, 2 ... (first seen first), so the indexes are lists, not
    dicts keyed by 64-bit ints: a busy week's work stays in cache."""

    def __init__(self, distinct: Sequence[tuple[int, ...]]) -> None:
        frequency: Counter[int] = Counter()
        for shingles in distinct:
            frequency.update(shingles)
        number = dict(zip(frequency, range(len(frequency)), strict=True))
        seen = list(frequency.values())  # by number
        #: how many distinct shingles the batch has (the numbers are 0 .. vocabulary - 1)
        self.vocabulary = len(seen)
        #: each set's shingle numbers rarest first; ties keep the fingerprint's ascending hash
        #: order (sorted is stable), so every set follows one total order: (frequency, hash)
        self.ordered = [
            sorted(map(number.__getitem__, shingles), key=seen.__getitem__) for shingles in distinct
        ]
        self._members: list[frozenset[int] | None] = [None] * len(distinct)

    def members(self, s: int) -> frozenset[int]:
        cached = self._members[s]
        if cached is None:
            cached = self._members[s] = frozenset(self.ordered[s])
        return cached

    def shared(self, s: int, t: int) -> int:
        # one side as a set, the other as it is: a candidate pair builds at most one new set
        return len(self.members(s).intersection(self.ordered[t]))


def _twice(hits: list[int]) -> Iterable[int]:
    """The indexes that occur at least twice in ``hits``."""
    if len(set(hits)) == len(hits):
        return ()  # the usual case, checked at C speed: no set met twice
    return (t for t, count in Counter(hits).items() if count > 1)


def _jaccard_candidates(sets: _Sets) -> Iterable[tuple[int, int]]:
    """Pairs of distinct sets that may be Jaccard-similar: a superset of those that are.

    Sets are taken smallest first. A similar pair (A before B, so |A| <= |B| <= 4|A|/3) shares
    ``o >= 3(|A| + |B|) / 7`` shingles: at least ``ceil(6|A|/7)`` counted from A and
    ``ceil(3|B|/4)`` from B, and at least two (distinct sets sharing one shingle have a Jaccard
    of 1/2 at most). So the two rarest shared shingles lie in A's first
    ``|A| - ceil(6|A|/7) + 2`` (what A leaves in the index) and in B's first
    ``|B| - ceil(3|B|/4) + 2`` (what B probes with): B meets A there at least twice."""
    index: list[list[int] | None] = [None] * sets.vocabulary
    for s in sorted(range(len(sets.ordered)), key=lambda s: len(sets.ordered[s])):
        tokens = sets.ordered[s]
        size = len(tokens)
        hits: list[int] = []
        for token in tokens[: size - _least_jaccard_overlap(size) + 2]:
            bucket = index[token]
            if bucket is not None:
                hits.extend(bucket)
        for t in _twice(hits):
            if _sizes_allow_jaccard(len(sets.ordered[t]), size):
                yield t, s
        for token in tokens[: size - _least_jaccard_overlap_of_smaller(size) + 2]:
            bucket = index[token]
            if bucket is None:
                index[token] = [s]
            else:
                bucket.append(s)


def _headline_candidates(sets: _Sets, block: Sequence[int]) -> Iterable[tuple[int, int]]:
    """Pairs of distinct sets of one headline that may overlap by 0.6 of the smaller one.

    Sets are taken smallest first. Such a pair (A before B, |A| <= |B|) shares at least
    ``least = ceil(3|A|/5)`` shingles, so the two rarest shared ones (the one, when A has a
    single shingle) lie in A's first ``|A| - least + 2``, which A leaves in the index, and in
    B's first ``|B| - least + 2``: B probes with that many for the smallest set of the block
    (B's own size says nothing of how much it must share with a smaller set)."""
    index: dict[int, list[int]] = {}
    singles: dict[int, list[int]] = {}
    block = sorted(block, key=lambda s: len(sets.ordered[s]))
    least_of_smallest = _least_headline_overlap(len(sets.ordered[block[0]]))
    for s in block:
        tokens = sets.ordered[s]
        size = len(tokens)
        hits: list[int] = []
        for token in tokens[: size - least_of_smallest + 2]:
            bucket = index.get(token)
            if bucket is not None:
                hits.extend(bucket)
            one = singles.get(token)
            if one is not None:
                yield from ((t, s) for t in one)
        yield from ((t, s) for t in _twice(hits))
        if size == 1:
            singles.setdefault(tokens[0], []).append(s)
        else:
            for token in tokens[: size - _least_headline_overlap(size) + 2]:
                index.setdefault(token, []).append(s)


def _copies(a: int, b: int, shared: int, same_headline: bool) -> bool:
    """The copy rule, as the all-pairs version wrote it (the same float comparisons)."""
    if same_headline and shared / min(a, b) >= _SAME_HEADLINE_OVERLAP:
        return True
    return shared / (a + b - shared) >= _JACCARD


def syndicated_groups_of(prints: Sequence[Fingerprint]) -> list[int]:
    """A group id per fingerprint (see the module docstring): copies share an id, numbered in
    order of first appearance; an entry without a headline or text is a group of its own."""
    components = _Components(len(prints))
    # each distinct shingle set once (entries sharing one are copies: Jaccard 1), with its
    # first entry and its first headline, and one block of distinct sets per headline
    set_of: dict[tuple[int, ...], int] = {}
    first: list[int] = []
    headline: list[str] = []
    blocks: dict[str, dict[int, None]] = {}
    for i, p in enumerate(prints):
        if not (p.title and p.shingles):
            continue
        s = set_of.setdefault(p.shingles, len(first))
        if s == len(first):
            first.append(i)
            headline.append(p.title)
        else:
            components.union(first[s], i)
        blocks.setdefault(p.title, {})[s] = None
    sets = _Sets(list(set_of))

    def check(s: int, t: int, same_headline: bool) -> None:
        i, j = first[s], first[t]
        if components.find(i) == components.find(j):
            return  # already one group: the pair cannot change the answer
        a, b = len(sets.ordered[s]), len(sets.ordered[t])
        if _copies(a, b, sets.shared(s, t), same_headline):
            components.union(i, j)

    for s, t in _jaccard_candidates(sets):
        # two sets under one headline are compared in its block, with the weaker rule
        if headline[s] != headline[t]:
            check(s, t, same_headline=False)
    for block in blocks.values():
        if len(block) > 1:
            for s, t in _headline_candidates(sets, list(block)):
                check(s, t, same_headline=True)
    return components.numbered()
