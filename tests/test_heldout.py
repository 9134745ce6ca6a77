"""The classifier and the matcher on the held-out set written in other outlets' styles
(IndieWire, Slant, LWLies, Tudum, KoBiz, 씨네플레이 ...). The rules were generalised against it,
so these floors, a little below what the rules reach, guard against regressions; the targets of
the hidden set are the README's (kind 0.95, Korean F1 0.95, film 0.90, rating 0.95, release
date 0.90, clustering F1 0.90)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.evaluate import evaluate, load_feed_hints, read_jsonl

HELDOUT = Path(__file__).parent / "data" / "heldout" / "items.jsonl"

FLOORS = {
    "kind_accuracy": 0.97,
    "korean_f1": 0.97,
    "film_exact": 0.96,
    "rating_exact": 0.96,
    "platform_accuracy": 0.96,
    "release_date_exact": 0.96,
    "cluster_f1": 0.95,
}


@pytest.fixture(scope="module")
def lines() -> list[dict[str, object]]:
    if not HELDOUT.is_file():
        pytest.skip("the held-out set is absent (tests/data/heldout/items.jsonl)")
    return read_jsonl(HELDOUT)


@pytest.mark.parametrize("hints", ["catalog", "none"])
def test_heldout_metrics_stay_at_their_floors(lines: list[dict[str, object]], hints: str) -> None:
    report = evaluate(lines, load_feed_hints() if hints == "catalog" else {})
    assert report.n == len(lines) == 99
    measured = report.as_dict()
    misses = {k: measured[k] for k, floor in FLOORS.items() if measured[k] < floor}
    assert not misses, f"below floor: {misses}\n" + "\n".join(report.errors)
    assert report.rating_spurious == 0
