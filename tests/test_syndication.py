"""Syndicated copies: the near-linear grouping gives exactly the answers of the all-pairs rule.

The reference below is the all-pairs code this module replaced, kept verbatim in spirit (word
trigrams as tuples, every pair compared, union-find): ``syndicated_groups`` must return the
same list (the same partition, numbered in the same first-seen order) on the labelled sets, on
farm-like entries (feedfarm's headlines and 30-word vocabulary, with edited copies on both
sides of the thresholds), on real feedfarm output when the tool is present, and on random
small batches of edge cases (empty headlines, one-word texts, identical texts).
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import SHARED
from farm import farm_entries, with_copies

from tracker.evaluate import read_jsonl
from tracker.text import normalize_text, normalize_title, strip_html
from tracker.understand import syndication
from tracker.understand.match import ClusterInput
from tracker.understand.match import syndicated_groups as reexported
from tracker.understand.syndication import (
    Fingerprint,
    fingerprint,
    syndicated_groups,
    syndicated_groups_of,
)

DATA = Path(__file__).parent / "data"
LABELLED = sorted(DATA.glob("*/items.jsonl"))
FEEDFARM = SHARED / "tools" / "feedfarm.py"

# --------------------------------------------------------------------------------------------
# The reference: every pair, as the rule is written


def _ref_shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = normalize_text(text).split()
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


class _RefPrint(NamedTuple):
    title: str
    shingles: frozenset[tuple[str, ...]]


def _ref_similar(a: _RefPrint, b: _RefPrint) -> bool:
    if not a.title or not b.title or not a.shingles or not b.shingles:
        return False
    shared = len(a.shingles & b.shingles)
    if a.title == b.title:
        return shared / min(len(a.shingles), len(b.shingles)) >= 0.6
    # the union's size without building it: |A u B| = |A| + |B| - |A n B|
    return shared / (len(a.shingles) + len(b.shingles) - shared) >= 0.75


def reference_groups(items: Sequence[tuple[str, str]]) -> list[int]:
    """The all-pairs grouping of (headline, text) items."""
    prints = [
        _RefPrint(normalize_title(t), frozenset(_ref_shingles(f"{t}\n{x[:600]}"))) for t, x in items
    ]
    parent = list(range(len(prints)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(prints)):
        for j in range(i + 1, len(prints)):
            if find(i) != find(j) and _ref_similar(prints[i], prints[j]):
                parent[find(j)] = find(i)
    ids: dict[int, int] = {}
    return [ids.setdefault(find(i), len(ids)) for i in range(len(prints))]


def assert_same(items: Sequence[tuple[str, str]]) -> list[int]:
    want = reference_groups(items)
    got = syndicated_groups_of([fingerprint(t, x) for t, x in items])
    assert got == want
    return got


def copies(groups: Sequence[int]) -> int:
    """How many items joined another one's group."""
    return len(groups) - len(set(groups))


# --------------------------------------------------------------------------------------------
# Equal answers


def _labelled_items(path: Path) -> list[tuple[str, str]]:
    # as tracker.evaluate builds them
    return [
        (
            str(line.get("title") or ""),
            strip_html(f"{line.get('summary') or ''}\n{line.get('content') or ''}"),
        )
        for line in read_jsonl(path)
    ]


@pytest.mark.parametrize("path", LABELLED, ids=[p.parent.name for p in LABELLED])
def test_labelled_sets_match_the_all_pairs_rule(path: Path) -> None:
    assert_same(_labelled_items(path))


def test_all_labelled_sets_together_match_the_all_pairs_rule() -> None:
    items = [item for path in LABELLED for item in _labelled_items(path)]
    assert len(items) > 500
    groups = assert_same(items)
    assert copies(groups) >= 1  # the Yonhap story in two feeds of the development set


def test_farm_entries_with_edited_copies_match_the_all_pairs_rule() -> None:
    entries = with_copies(farm_entries(700), fraction=0.15)
    groups = assert_same([(e.title, e.text) for e in entries])
    # the copies are really there, and some edited ones really fall outside the rule
    assert 100 < copies(groups) < len(entries) - 700


def test_farm_entries_straddle_both_thresholds() -> None:
    """The farm copies put pairs right at and just below 0.6 and 0.75 (so the equality above
    says something about the thresholds, not only about obvious copies)."""
    entries = with_copies(farm_entries(300), fraction=0.3, seed=5)
    prints = [
        _RefPrint(normalize_title(e.title), frozenset(_ref_shingles(f"{e.title}\n{e.text}")))
        for e in entries
    ]
    overlap: list[float] = []
    jaccard: list[float] = []
    for i, a in enumerate(prints):
        for b in prints[i + 1 :]:
            shared = len(a.shingles & b.shingles)
            if a.title == b.title:
                overlap.append(shared / min(len(a.shingles), len(b.shingles)))
            else:
                jaccard.append(shared / len(a.shingles | b.shingles))
    assert any(0.6 <= x < 0.65 for x in overlap) and any(0.5 < x < 0.6 for x in overlap)
    assert any(0.75 <= x < 0.8 for x in jaccard) and any(0.68 < x < 0.75 for x in jaccard)


@pytest.mark.skipif(not FEEDFARM.is_file(), reason="shared/tools/feedfarm.py is absent")
def test_feedfarm_output_matches_the_all_pairs_rule(tmp_path: Path) -> None:
    from tracker.parse.feed import parse_feed

    subprocess.run(
        [sys.executable, str(FEEDFARM), "gen", str(tmp_path), "--feeds", "8", "--items", "40"],
        check=True,
        capture_output=True,
    )
    now = datetime(2026, 11, 24, tzinfo=UTC)
    items = []
    for path in sorted(tmp_path.iterdir()):
        if path.suffix in (".xml", ".atom"):
            feed = parse_feed(path.read_bytes(), url=f"http://127.0.0.1/{path.name}", now=now)
            items += [(e.title, strip_html(e.summary)) for e in feed.entries]
    assert len(items) == 320
    # and each entry again under another headline, some with the text cut short
    rng = random.Random(3)
    items += [(f"{t} (wire)", x if rng.random() < 0.5 else x[: len(x) * 3 // 4]) for t, x in items]
    assert_same(items)


_TITLES = ["", "Exhuma", "exhuma", "‘Exhuma’", "Exhuma tops", "!!", "파묘", "The Call"]
_VOCAB = ["a", "b", "c", "d", "e", "f", "g", "파묘", "the", "x1"]


def _random_batch(rng: random.Random) -> list[tuple[str, str]]:
    """A small batch dense with edge cases: empty and punctuation-only headlines, empty, one-
    and two-word texts, verbatim and lightly edited copies, a tiny vocabulary (near-threshold
    pairs everywhere), and the odd text longer than the 600 characters that count."""
    items: list[tuple[str, str]] = []
    for _ in range(rng.randint(1, 40)):
        if items and rng.random() < 0.3:
            title, text = rng.choice(items)
            words = text.split()
            if words and rng.random() < 0.7:
                words[rng.randrange(len(words))] = rng.choice(_VOCAB)
            if rng.random() < 0.3:
                title = rng.choice(_TITLES)
            items.append((title, " ".join(words)))
            continue
        length = rng.choice([0, 1, 2, 3, 4, 6, 9, 14, 25, 200])
        text = " ".join(rng.choice(_VOCAB) for _ in range(length))
        items.append((rng.choice(_TITLES), text))
    return items


def test_random_edge_cases_match_the_all_pairs_rule() -> None:
    rng = random.Random(20261123)
    joined = 0
    for _ in range(600):
        joined += copies(assert_same(_random_batch(rng)))
    assert joined > 1000


def test_pairs_at_the_limits_of_the_filters_match_the_all_pairs_rule() -> None:
    """The hardest pairs for prefix filtering: the shingles only one side has are the rarest
    (seen once), so they come first and the shared ones last; every mix of sizes from one
    shared shingle up, same and different headlines, at, above and below both thresholds."""
    words = iter(f"w{i}" for i in range(10**6))

    def segment(n: int) -> list[str]:
        return [next(words) for _ in range(n)]

    at_threshold = 0
    for shared in range(1, 26):
        for only_a in range(0, 7):
            for only_b in range(0, 11):
                common = segment(shared + 2)
                a = " ".join(segment(only_a) + common)
                b = " ".join(common + segment(only_b))
                for title_a, title_b in (("Same", "Same"), ("One", "Other")):
                    pair = [(title_a, f"{a}"), (title_b, f"{b}")]
                    assert_same(pair)
                    # one of the many pairs this makes sits exactly on a threshold
                    sa, sb = (_ref_shingles(f"{t}\n{x}") for t, x in pair)
                    o = len(sa & sb)
                    ratio = o / len(sa | sb) if title_a != title_b else o / min(len(sa), len(sb))
                    at_threshold += ratio in (0.6, 0.75)
    assert at_threshold > 20


def test_no_items_and_one_item() -> None:
    assert syndicated_groups_of([]) == []
    assert syndicated_groups_of([fingerprint("A", "b c d")]) == [0]
    assert syndicated_groups_of([fingerprint("", "b c d"), fingerprint("", "b c d")]) == [0, 1]
    assert syndicated_groups_of([fingerprint("A", ""), fingerprint("A", "")]) == [0, 0]


def test_identical_copies_in_bulk_are_one_group() -> None:
    # 80 identical headlines with one text, and 80 with a text each: no 80^2 either way
    same = [("New on Netflix this week: Exhuma", "Slick gory thriller.")] * 80
    distinct = [
        ("New on Netflix this week: Exhuma", f"Slick gory thriller {i}.") for i in range(80)
    ]
    groups = assert_same(same + distinct)
    assert set(groups[:80]) == {0}


# --------------------------------------------------------------------------------------------
# The keys


def test_fingerprint_is_stable_across_processes_and_versions() -> None:
    # fixed values: BLAKE2b of each word, combined in order, not hash() (salted per process)
    assert fingerprint("‘Exhuma’ tops", "The box office.") == Fingerprint(
        "exhumatops",
        (-8599917796452089617, -3100813865622400397, -3095906491566210699),
    )
    # order matters: a shingle is a run of words, not a bag of them
    assert fingerprint("", "a b c").shingles != fingerprint("", "c b a").shingles
    assert fingerprint("", "") == Fingerprint("", ())
    assert fingerprint("Hi", "") == Fingerprint("hi", (fingerprint("", "hi").shingles))


def test_fingerprint_is_plain_sorted_data() -> None:
    p = fingerprint("Title", "one two three four five six " * 50)
    assert list(p.shingles) == sorted(set(p.shingles))
    assert all(isinstance(s, int) and -(2**63) <= s < 2**63 for s in p.shingles)
    # only the first 600 characters of the text count
    assert fingerprint("Title", "word " * 120 + "tail end here") == fingerprint(
        "Title", "word " * 120
    )


def test_the_integer_thresholds_are_the_float_rule() -> None:
    # the filters use integers; the rule is written with floats: they agree on every size
    for smaller in range(1, 1200):
        least = syndication._least_headline_overlap(smaller)
        assert least / smaller >= 0.6 and (least - 1) / smaller < 0.6
    for a in range(1, 300):
        for b in range(a, 300):
            # the least overlap that passes (the ratio grows with the overlap)
            least = next((o for o in range(a + 1) if o / (a + b - o) >= 0.75), None)
            if least is None:
                assert not syndication._sizes_allow_jaccard(a, b) or a == b == 0
                continue
            assert syndication._sizes_allow_jaccard(a, b)
            assert least >= syndication._least_jaccard_overlap(a)
            assert least >= syndication._least_jaccard_overlap(b)
            assert least >= syndication._least_jaccard_overlap_of_smaller(a)


def test_match_reexports_the_syndication_names() -> None:
    items = [ClusterInput(None, title="A b", text="c d e"), ClusterInput(None, title="A b")]
    assert reexported is syndicated_groups
    assert syndicated_groups(items) == reference_groups([(i.title, i.text) for i in items])
