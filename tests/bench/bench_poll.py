"""Benchmark: poll a farm of 200 feeds x 40 entries, kfilm-tracker vs lemon24/reader, one run.

Not a test (pytest does not collect it; CI never fails on a slow machine). Measures, for both
tools on the same nginx-served farm (ETag, Last-Modified, gzip on 127.0.0.1):

* cold: empty database, every feed fetched, parsed and stored;
* warm: nothing changed, every feed answers 304 (median of 5 runs);
* mutated: after ``feedfarm.py mutate --fraction 0.1`` (one new entry in 10 % of the feeds).

Needs nginx (``apt-get install nginx-light``) and reader in its own venv::

    python3 -m venv /tmp/reader-venv && /tmp/reader-venv/bin/pip install reader sgmllib3k
    python tests/bench/bench_poll.py --reader-python /tmp/reader-venv/bin/python

Each phase runs in a fresh process per tool and times only the update call (imports excluded,
worker-process start-up included). Prints a table and the ratios reader / kfilm-tracker.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WARM_REPEATS = 5
FEEDFARM = REPO.parent / "shared" / "tools" / "feedfarm.py"

TRACKER_PHASE = textwrap.dedent(
    """
    import asyncio, json, sys, time
    from tracker import app as core
    from tracker.types import PollSummary
    path = core.find_config(None, {"TRACKER_CONFIG": sys.argv[1]}, None)
    tracker = core.make_tracker(core.read_config(path, {}), config_path=path)
    tracker.storage  # open and migrate outside the timing, as the daemon does at start
    start = time.perf_counter()
    results = asyncio.run(tracker.poll())
    elapsed = time.perf_counter() - start
    s = PollSummary.of(results)
    tracker.close()
    print(json.dumps({"seconds": elapsed, "new": s.new, "not_modified": s.not_modified,
                      "failed": s.failed, "entries": tracker.storage.counts()["entries"]}))
    """
)

READER_PHASE = textwrap.dedent(
    """
    import json, sys, time
    from reader import make_reader
    db, urls = sys.argv[1], sys.argv[2]
    reader = make_reader(db)
    for url in open(urls).read().split():
        reader.add_feed(url, exist_ok=True)
    start = time.perf_counter()
    reader.update_feeds(workers=8, scheduled=False)
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "entries": reader.get_entry_counts().total}))
    """
)


def run_json(args: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reader-python", default="/tmp/reader-venv/bin/python")
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=40)
    ap.add_argument("--port", type=int, default=18081)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kfilm-bench-"))
    work.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the farm
    farm = work / "farm"
    py = sys.executable
    subprocess.run(
        [
            py,
            FEEDFARM,
            "gen",
            farm,
            "--feeds",
            str(args.feeds),
            "--items",
            str(args.items),
            "--port",
            str(args.port),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [py, FEEDFARM, "serve", farm, "--port", str(args.port)], check=True, capture_output=True
    )
    try:
        urls = (farm / "urls.txt").read_text().split()
        config = work / "tracker.toml"
        feeds = "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls)
        config.write_text(
            f'[database]\nurl = "sqlite:///{work}/tracker.db"\n[tracker]\ncollections = []\n'
            f"[poll]\nallow_private_networks = true\nconcurrency = 32\nper_host = 32\n{feeds}"
        )
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        tracker = [py, "-c", TRACKER_PHASE, str(config)]
        reader = [
            args.reader_python,
            "-c",
            READER_PHASE,
            str(work / "reader.sqlite"),
            str(farm / "urls.txt"),
        ]
        rows = []
        for phase in ("cold", "warm", "mutated"):
            if phase == "mutated":
                subprocess.run(
                    [py, FEEDFARM, "mutate", farm, "--fraction", "0.1"],
                    check=True,
                    capture_output=True,
                )
            t = run_json(tracker, env)
            r = run_json(reader)
            rows.append((phase, t, r))
        expected = args.feeds * args.items
        if rows[0][1]["entries"] != expected or rows[0][2]["entries"] != expected:
            raise SystemExit(f"the cold polls did not store all {expected} entries: {rows[0]}")
        print(f"farm: {args.feeds} feeds x {args.items} entries, nginx on 127.0.0.1:{args.port}")
        print(f"{'phase':<8} {'kfilm-tracker':>14} {'reader':>10} {'reader/kfilm':>13}  entries")
        for phase, t, r in rows:
            ratio = r["seconds"] / t["seconds"]
            print(
                f"{phase:<8} {t['seconds']:>13.2f}s {r['seconds']:>9.2f}s {ratio:>12.1f}x"
                f"  {int(t['entries'])} / {int(r['entries'])}"
            )
    finally:
        subprocess.run([py, FEEDFARM, "stop", farm], capture_output=True)
        time.sleep(0.2)


if __name__ == "__main__":
    main()
