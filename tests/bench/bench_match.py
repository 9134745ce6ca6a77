"""Benchmark: film clustering and syndication on 1k, 5k and 20k feedfarm entries.

Not a test (pytest does not collect it; it never fails on a slow machine). Generates a farm
with ``shared/tools/feedfarm.py gen DIR --feeds N --items 40`` (N = 25, 125, 500), parses it
with ``tracker.parse.feed.parse_feed`` and classifies every entry (none of which is timed; 20k
entries take minutes to classify: ``--cache DIR`` keeps them), then times:

* per entry, at ingest: ``film_keys`` + ``fingerprint``;
* per digest: ``cluster_keys`` and ``syndicated_groups_of`` over those keys;
* on the smallest farm, the all-pairs code these replaced (the references kept in
  tests/test_match_keys.py and tests/test_syndication.py), checking the answers are equal;
* a linear reference: disjoint copies of the middle farm (tokens and titles salted per copy)
  as many as make the largest farm's size, which is exactly that many times the work: its ratio
  is what this machine makes of linear work (caches), to read the real ratio against.

Each timing is the CPU time of this process (``time.process_time``: other processes on a shared
machine do not count), the best of ``--repeat`` runs after a ``gc.collect()``. Prints a table and
the ratios::

    python tests/bench/bench_match.py [--sizes 1000 5000 20000] [--repeat 5] [--cache DIR]
"""

from __future__ import annotations

import argparse
import gc
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[2]
FEEDFARM = REPO.parent / "shared" / "tools" / "feedfarm.py"
ITEMS_PER_FEED = 40
sys.path.insert(0, str(REPO / "tests"))  # the all-pairs references live beside the tests

from test_match_keys import reference_cluster  # noqa: E402
from test_syndication import reference_groups  # noqa: E402

from tracker import text  # noqa: E402
from tracker.parse.feed import parse_feed  # noqa: E402
from tracker.understand.classify import classify  # noqa: E402
from tracker.understand.match import (  # noqa: E402
    ClusterInput,
    FilmKeys,
    Fingerprint,
    cluster_keys,
    film_keys,
    fingerprint,
    syndicated_groups_of,
)

T = TypeVar("T")


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    assert result is not None
    return best, result


def farm_inputs(directory: Path, entries: int) -> list[ClusterInput]:
    """Generate, parse and classify a farm of ``entries`` entries (as the digest builds its
    clustering inputs)."""
    feeds = entries // ITEMS_PER_FEED
    subprocess.run(
        [
            sys.executable,
            str(FEEDFARM),
            "gen",
            str(directory),
            "--feeds",
            str(feeds),
            "--items",
            str(ITEMS_PER_FEED),
        ],
        check=True,
        capture_output=True,
    )
    now = datetime(2026, 11, 24, tzinfo=UTC)
    inputs = []
    for path in sorted(directory.iterdir()):
        if path.suffix not in (".xml", ".atom"):
            continue
        feed = parse_feed(path.read_bytes(), url=f"http://127.0.0.1/{path.name}", now=now)
        for entry in feed.entries:
            when = entry.published or entry.updated or now
            result = classify(entry, feed=None, published=when)
            inputs.append(
                ClusterInput(
                    result.film,
                    result.film_hangul,
                    result.year,
                    when,
                    result.korean,
                    title=entry.title,
                    text=text.strip_html(entry.summary),
                )
            )
    return inputs


def measure(inputs: list[ClusterInput], repeat: int, old: bool) -> dict[str, float]:
    """The timings of one farm; with ``old``, the all-pairs code's too (answers compared)."""
    t_keys, keys = best_of(repeat, lambda: [film_keys(i) for i in inputs])
    t_prints, prints = best_of(repeat, lambda: [fingerprint(i.title, i.text) for i in inputs])
    t_cluster, clusters = best_of(repeat, lambda: cluster_keys(keys))
    t_synd, groups = best_of(repeat, lambda: syndicated_groups_of(prints))
    row = {
        "n": len(inputs),
        "keys_us": (t_keys + t_prints) / len(inputs) * 1e6,
        "cluster_keys": t_cluster,
        "syndicated": t_synd,
        "week": t_cluster + t_synd,
        "films": len({c for c in clusters if c is not None}),
        "groups": len(set(groups)),
    }
    if old:
        t_old_cluster, old_clusters = best_of(1, lambda: reference_cluster(inputs))
        t_old_synd, old_groups = best_of(
            1, lambda: reference_groups([(i.title, i.text) for i in inputs])
        )
        assert old_clusters == clusters and old_groups == groups, "answers differ"
        row.update(old_cluster=t_old_cluster, old_synd=t_old_synd)
        row["old_week"] = t_old_cluster + t_old_synd
    return row


def disjoint_copies(
    keys: list[FilmKeys], prints: list[Fingerprint], copies: int
) -> tuple[list[FilmKeys], list[Fingerprint]]:
    """``copies`` copies of a farm's keys that can match nothing across copies: titles and
    people prefixed, shingles XORed with a constant per copy."""
    all_keys: list[FilmKeys] = []
    all_prints: list[Fingerprint] = []
    for copy in range(copies):
        salt = (copy * 0x9E3779B97F4A7C15) % 2**63
        all_keys += [
            k._replace(
                base=f"{copy}{k.base}" if k.base else k.base,
                people=tuple(f"{copy}{p}" for p in k.people),
                directors=tuple(f"{copy}{p}" for p in k.directors),
            )
            for k in keys
        ]
        all_prints += [
            Fingerprint(
                f"{copy}{p.title}" if p.title else "", tuple(sorted(s ^ salt for s in p.shingles))
            )
            for p in prints
        ]
    return all_keys, all_prints


def linear_reference(inputs: list[ClusterInput], copies: int, repeat: int) -> tuple[float, float]:
    """Per-week CPU time of one farm, and of ``copies`` disjoint copies of it."""
    keys = [film_keys(i) for i in inputs]
    prints = [fingerprint(i.title, i.text) for i in inputs]
    many_keys, many_prints = disjoint_copies(keys, prints, copies)
    one, _ = best_of(repeat, lambda: (cluster_keys(keys), syndicated_groups_of(prints)))
    many, _ = best_of(repeat, lambda: (cluster_keys(many_keys), syndicated_groups_of(many_prints)))
    return one, many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--cache", type=Path, help="keep the classified farms here (classifying 20k takes minutes)"
    )
    args = parser.parse_args()
    if not FEEDFARM.is_file():
        sys.exit(f"needs {FEEDFARM}")

    rows: dict[int, dict[str, float]] = {}
    farms: dict[int, list[ClusterInput]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            cached = args.cache / f"farm-{size}.pickle" if args.cache else None
            if cached is not None and cached.is_file():
                inputs = pickle.loads(cached.read_bytes())
            else:
                started = time.perf_counter()
                inputs = farm_inputs(Path(tmp) / str(size), size)
                print(
                    f"{len(inputs)} entries generated, parsed and classified in "
                    f"{time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                )
                if cached is not None:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(pickle.dumps(inputs))
            rows[size] = measure(inputs, args.repeat, old=size == min(args.sizes))
            farms[size] = inputs

    print(
        f"{'entries':>8} {'keys+print/entry':>17} {'cluster_keys':>13} "
        f"{'syndicated_of':>14} {'per week':>9} {'films':>6} {'groups':>7}"
    )
    for row in rows.values():
        print(
            f"{row['n']:>8.0f} {row['keys_us']:>14.0f} us {row['cluster_keys']:>11.4f} s "
            f"{row['syndicated']:>12.4f} s {row['week']:>7.3f} s {row['films']:>6.0f} "
            f"{row['groups']:>7.0f}"
        )
    small, large = min(rows), max(rows)
    middle = sorted(rows)[-2] if len(rows) > 1 else small
    if large != middle:
        for name in ("cluster_keys", "syndicated", "week"):
            ratio = rows[large][name] / rows[middle][name]
            print(f"{large}/{middle} {name}: {ratio:.2f}x (entries x{large / middle:.0f})")
        copies = large // middle
        one, many = linear_reference(farms[middle], copies, args.repeat)
        print(
            f"linear reference, {copies} disjoint copies of the {middle} farm (exactly "
            f"{copies}x the work): per week {many:.3f} s / {one:.3f} s = {many / one:.2f}x"
        )
    old = rows[small]
    print(
        f"old all-pairs code on {small}: cluster {old['old_cluster']:.3f} s + syndicated "
        f"{old['old_synd']:.3f} s = {old['old_week']:.3f} s; new per week {old['week']:.4f} s "
        f"({old['old_week'] / old['week']:.0f}x faster), new with keys computed "
        f"{old['week'] + old['keys_us'] * old['n'] / 1e6:.3f} s; answers equal"
    )


if __name__ == "__main__":
    main()
