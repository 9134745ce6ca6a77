"""The classifier and the matcher measured on the labelled development set: the targets of
issue 5 must hold, with the catalog's feed hints and without them (the hidden set has feeds
the catalog does not know)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.evaluate import entry_from_line, evaluate, load_feed_hints, main, read_jsonl

HERE = Path(__file__).parent
LOCAL = HERE / "data" / "labeled" / "items.jsonl"
SHARED = HERE.parents[0] / ".." / "shared" / "data" / "labeled" / "items.jsonl"

TARGETS = {
    "kind_accuracy": 0.95,
    "korean_f1": 0.95,
    "film_exact": 0.90,
    "rating_exact": 0.95,
    "cluster_f1": 0.90,
    "release_date_exact": 0.90,
}


@pytest.fixture(scope="module")
def items_path() -> Path:
    for path in (LOCAL, SHARED.resolve()):
        if path.is_file():
            return path
    pytest.skip("the labelled set is absent (tests/data/labeled or ../shared/data/labeled)")


@pytest.mark.parametrize("hints", ["catalog", "none"])
def test_targets_on_the_labelled_set(items_path: Path, hints: str) -> None:
    lines = read_jsonl(items_path)
    report = evaluate(lines, load_feed_hints() if hints == "catalog" else {})
    assert report.n == len(lines) == 166
    measured = report.as_dict()
    misses = {k: measured[k] for k, floor in TARGETS.items() if measured[k] < floor}
    assert not misses, f"below target: {misses}\n" + "\n".join(report.errors)
    # roundup-free null ratings: nothing invented where the label has none
    assert report.rating_spurious == 0
    # the Yonhap story the Korea Herald syndicated word for word
    assert ["koreaherald-003", "yonhap-001"] in [sorted(g) for g in report.syndicated]


def test_cli_prints_one_json_object(items_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(items_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (*TARGETS, "n"):
        assert key in data
    assert data["n"] == 166


def test_entry_from_line_keeps_what_the_feed_said() -> None:
    line = {
        "id": "x-001",
        "title": "Harvest Moon, 2021 - ★★★",
        "summary": "<p>Watched on Monday May 3, 2021.</p>",
        "content": None,
        "categories": ["Film"],
        "author": "A. Critic",
        "link": "https://letterboxd.com/someone/film/harvest-moon/",
        "guid": "letterboxd-watch-1",
        "published": "2021-05-03T22:00:00+09:00",
    }
    data = entry_from_line(line)
    assert data.identity == "letterboxd-watch-1"
    assert data.categories == ("Film",)
    assert data.published is not None and data.published.utcoffset() is not None
    assert data.extra == {}
