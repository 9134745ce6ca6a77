"""Benchmark: how many entries a second the classifier handles on one core.

Not a test (pytest does not collect it; CI never fails on a slow machine). Three sets:

* ``labelled``: the shared labelled set (``../shared/data/labeled/items.jsonl``), feed hints from
  the catalog, ``published`` from each line: short texts, as most feeds send;
* ``all-labelled``: every labelled set together (``tests/data/*/items.jsonl`` and the shared one);
* ``feedfarm``: a generated farm (``feedfarm.py gen``, 25 feeds x 40 entries, fixed seed) parsed
  once: 2,000-character bodies full of names, the long-text case.

Inputs are built before the clock starts and the lexicon is warmed by one untimed pass, so
the numbers are the steady state of a poller (the one-time costs are printed apart). Each set
runs ``--repeat`` times; the best run is reported (the least disturbed by the machine)::

    python tests/bench/bench_classify.py [--repeat 5] [--set labelled]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FEEDFARM = SHARED / "tools" / "feedfarm.py"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

# ``--installed``: the interpreter's own ``tracker`` (a wheel, its classifier compiled with
# mypyc), not this checkout's sources
if "--installed" not in sys.argv:
    sys.path.insert(0, str(REPO))

_T0 = time.perf_counter()
from tracker.understand.classify import classify  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - _T0

from tracker.evaluate import entry_from_line, load_feed_hints  # noqa: E402
from tracker.parse.feed import parse_feed  # noqa: E402
from tracker.types import EntryData, FeedSpec  # noqa: E402

Job = tuple[EntryData, FeedSpec | None, datetime]


def labelled(paths: list[Path]) -> list[Job]:
    hints = load_feed_hints()
    jobs: list[Job] = []
    for path in paths:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                line = json.loads(raw)
                published = datetime.fromisoformat(str(line["published"]))
                jobs.append(
                    (entry_from_line(line), hints.get(str(line.get("feed_url"))), published)
                )
    return jobs


def farm() -> list[Job]:
    jobs: list[Job] = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "farm"
        subprocess.run(
            [
                sys.executable,
                str(FEEDFARM),
                "gen",
                str(directory),
                "--feeds",
                "25",
                "--items",
                "40",
            ],
            check=True,
            capture_output=True,
        )
        for path in sorted(p for p in directory.iterdir() if p.suffix in (".xml", ".atom")):
            parsed = parse_feed(path.read_bytes(), url=f"https://farm.example/{path.name}", now=NOW)
            jobs.extend((entry, None, entry.published or NOW) for entry in parsed.entries)
    return jobs


def run(jobs: list[Job]) -> float:
    start = time.perf_counter()
    for entry, feed, published in jobs:
        classify(entry, feed=feed, published=published)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--installed", action="store_true", help="the installed tracker, not this checkout's"
    )
    parser.add_argument("--set", choices=["labelled", "all-labelled", "feedfarm"], action="append")
    args = parser.parse_args()
    shared = SHARED / "data" / "labeled" / "items.jsonl"
    sets = {
        "labelled": lambda: labelled([shared]),
        "all-labelled": lambda: labelled(
            [*sorted((REPO / "tests" / "data").glob("*/items.jsonl")), shared]
        ),
        "feedfarm": farm,
    }
    source = sys.modules[classify.__module__].__file__ or ""
    print(f"classifier: {source} (compiled: {not source.endswith('.py')})")
    print(f"import tracker.understand.classify: {IMPORT_SECONDS * 1000:.1f} ms")
    first = True
    for name in args.set or list(sets):
        jobs = sets[name]()
        if first:
            entry, feed, published = jobs[0]
            start = time.perf_counter()
            classify(entry, feed=feed, published=published)
            took = (time.perf_counter() - start) * 1000
            print(f"first classify (lexicon and matchers built): {took:.1f} ms")
            first = False
        run(jobs)  # warm: caches, branch predictors, the allocator
        best = min(run(jobs) for _ in range(args.repeat))
        chars = sum(len(e.title) + len(e.summary or "") + len(e.content or "") for e, _, _ in jobs)
        print(
            f"{name:13} {len(jobs):5} entries, {chars / len(jobs):6.0f} chars/entry: "
            f"{len(jobs) / best:9,.0f} entries/s ({best / len(jobs) * 1e6:8.1f} µs/entry)"
        )


if __name__ == "__main__":
    main()
