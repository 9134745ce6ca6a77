"""Benchmark: polls as a user runs them, kfilm-tracker against lemon24/reader and the floor.

Not a test (pytest does not collect it; CI never fails on a slow machine). Every figure is a
whole process, start-up and imports included (``tracker poll`` as typed in a shell; reader as a
script that opens its database, adds the feeds and calls ``update_feeds(workers=8)``), on farms
of generated feeds served by nginx with ETag, Last-Modified and gzip over 20 loopback hosts
(``../shared/tools/feedfarm.py``), with ``host_gap = "0s"`` since reader keeps no gap. The rows:

* start-up: ``tracker --version`` and ``tracker --help`` against ``python -c "import httpx"``;
* cold: an empty database, 200 feeds x 40 entries (8,000 new entries), against reader and the
  floor (``parse_floor.py DIR --fast``: feedparser alone on every core, from memory);
* warm: nothing changed, every feed answers 304;
* changed: after ``feedfarm.py mutate --fraction 0.1`` (a new entry in 10 % of the feeds);
* 1,000 feeds (40,000 entries) cold: time, against the floor on that farm, and then, in a
  second cold poll of an empty database, the peak memory of the whole process tree
  (``peak_rss.py``; its sampling of every process costs CPU, so that run is not the timed one).

Reader 3.26 is installed by the benchmark in its own virtualenv (``--reader-venv``, kept for the
next run). Needs nginx (``apt-get install nginx-light``) and kfilm-tracker installed in the
interpreter given by ``--python``::

    python tests/bench/bench_poll.py --python venv/bin/python [--repeat 3] [--skip-large]

Prints a table with each ratio and the goal it is held to; ``--json FILE`` keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO.parent / "shared" / "tools"
FEEDFARM = TOOLS / "feedfarm.py"
#: reader's vendored feedparser imports sgmllib, which Python 3 ships as sgmllib3k
READER = ("reader==3.26", "sgmllib3k")

READER_POLL = """
import sys
from reader import make_reader
reader = make_reader(sys.argv[1])
for url in open(sys.argv[2]).read().split():
    reader.add_feed(url, exist_ok=True)
reader.update_feeds(workers=8, scheduled=False)
print(reader.get_entry_counts().total)
"""


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}")
    return done  # type: ignore[no-any-return]


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    run(command, env=env)
    return time.perf_counter() - start


def best(times: int, once: Callable[[], float]) -> float:
    return min(once() for _ in range(times))


def reader_venv(path: Path) -> Path:
    """Reader's virtualenv, made or completed: reader and psutil (``peak_rss.py`` runs there)
    must import, or the 1,000-feed row fails after every other row was measured."""
    python = path / "bin" / "python"
    if not python.exists():
        run([sys.executable, "-m", "venv", str(path)])
    ready = subprocess.run([str(python), "-c", "import reader, psutil"], capture_output=True)
    if ready.returncode != 0:
        run([str(python), "-m", "pip", "install", "-q", *READER, "psutil"])
    return python


def farm(work: Path, name: str, feeds: int, port: int) -> Path:
    folder = work / name
    run([sys.executable, str(FEEDFARM), "gen", str(folder), "--feeds", str(feeds), "--items",
         "40", "--hosts", "20", "--port", str(port)])  # fmt: skip
    run([sys.executable, str(FEEDFARM), "serve", str(folder), "--port", str(port)])
    return folder


def tracker_config(work: Path, name: str, folder: Path, tracker: str) -> list[str]:
    config = work / f"{name}.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{work / f"{name}.db"}"\n'
        f'[tracker]\ncollections = []\nstate_dir = "{work / f"{name}-state"}"\n'
        '[poll]\nallow_private_networks = true\nhost_gap = "0s"\n',
        encoding="utf-8",
    )
    command = [tracker, "--config", str(config)]
    run([*command, "feeds", "import", str(folder / "farm.opml")])
    return command


def fresh(*paths: Path) -> None:
    for path in paths:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def floor(python: str, folder: Path) -> float:
    done = run([python, str(TOOLS / "parse_floor.py"), str(folder), "--fast"])
    return float(done.stdout.strip().splitlines()[-1])


def stored(command: list[str]) -> int:
    status = json.loads(run([*command, "status", "--json"]).stdout)
    if status["failing"]:
        raise SystemExit(f"{status['failing']} feeds failed: a benchmark of that measures nothing")
    return int(status["entries"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter to measure")
    parser.add_argument("--reader-venv", type=Path, default=Path("/tmp/kfilm-bench-reader-venv"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each short row (best)")
    parser.add_argument("--port", type=int, default=18401)
    parser.add_argument("--skip-large", action="store_true", help="no 1,000-feed row")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if shutil.which("nginx") is None:
        raise SystemExit("needs nginx: apt-get install nginx-light")
    python = args.python
    tracker = str(Path(python).with_name("tracker"))
    reader = str(reader_venv(args.reader_venv))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    work = Path(tempfile.mkdtemp(prefix="kfilm-bench-poll-"))
    work.chmod(0o755)  # nginx's workers run as another user and must read the farm
    served: list[Path] = []
    f: dict[str, float] = {}
    try:
        f["import_httpx"] = best(7, lambda: wall([python, "-c", "import httpx"], env))
        f["version"] = best(7, lambda: wall([tracker, "--version"], env))
        f["help"] = best(7, lambda: wall([tracker, "--help"], env))

        small = farm(work, "farm200", 200, args.port)
        served.append(small)
        urls = str(small / "urls.txt")
        command = tracker_config(work, "t200", small, tracker)
        tracker_db, reader_db = work / "t200.db", work / "r200.sqlite"
        f["floor_200"] = floor(python, small)

        def cold_tracker() -> float:
            fresh(tracker_db)
            run([*command, "feeds", "list"], env=env)  # the feeds, in a new database
            return wall([*command, "poll"], env)

        def cold_reader() -> float:
            fresh(reader_db)
            return wall([reader, "-c", READER_POLL, str(reader_db), urls])

        f["cold_tracker"] = best(args.repeat, cold_tracker)
        f["cold_reader"] = best(args.repeat, cold_reader)
        if stored(command) != 8000:
            raise SystemExit("the cold poll did not store 8,000 entries")
        f["warm_tracker"] = best(args.repeat, lambda: wall([*command, "poll"], env))
        f["warm_reader"] = best(
            args.repeat, lambda: wall([reader, "-c", READER_POLL, str(reader_db), urls])
        )
        changed_tracker, changed_reader = [], []
        for _ in range(args.repeat):
            run([sys.executable, str(FEEDFARM), "mutate", str(small), "--fraction", "0.1"])
            changed_tracker.append(wall([*command, "poll"], env))
            changed_reader.append(wall([reader, "-c", READER_POLL, str(reader_db), urls]))
        f["changed_tracker"] = min(changed_tracker)
        f["changed_reader"] = min(changed_reader)
        f["changed_tracker_median"] = statistics.median(changed_tracker)

        if not args.skip_large:
            large = farm(work, "farm1000", 1000, args.port + 1)
            served.append(large)
            command = tracker_config(work, "t1000", large, tracker)
            f["floor_1000"] = floor(python, large)
            # timed on its own: the memory monitor walks every process of the machine 50
            # times a second, CPU the poll (and the floor, and reader) would not have had
            f["large_tracker"] = wall([*command, "poll"], env)
            if stored(command) != 40000:
                raise SystemExit("the 1,000-feed poll did not store 40,000 entries")
            # then the same cold poll again, on an empty database, under the monitor
            fresh(work / "t1000.db")
            run([*command, "feeds", "list"], env=env)  # the feeds, in a new database
            start = time.perf_counter()
            done = run(
                [reader, str(TOOLS / "peak_rss.py"), *command, "poll"], env=env
            )  # the monitor runs in reader's venv: it has psutil
            f["large_tracker_monitored"] = time.perf_counter() - start
            f["large_peak_mb"] = float(done.stdout.strip().splitlines()[-1].split()[-1])
    finally:
        for folder in served:
            subprocess.run([sys.executable, str(FEEDFARM), "stop", str(folder)], check=False)
        shutil.rmtree(work, ignore_errors=True)
    report(f)
    if args.json:
        args.json.write_text(json.dumps(f, indent=2) + "\n", encoding="utf-8")


def report(f: dict[str, float]) -> None:
    unit = f["import_httpx"]
    rows = [
        ("tracker --version", f["version"], f"{f['version'] / unit:.2f}x import httpx", 1.5,
         f["version"] / unit),
        ("tracker --help", f["help"], f"{f['help'] / unit:.2f}x import httpx", 1.5,
         f["help"] / unit),
        ("cold poll, 8,000 entries", f["cold_tracker"],
         f"{f['cold_tracker'] / f['floor_200']:.2f}x floor {f['floor_200']:.2f} s, "
         f"{f['cold_tracker'] / f['cold_reader']:.2f}x reader {f['cold_reader']:.2f} s",
         2.0, f["cold_tracker"] / f["floor_200"]),
        ("warm poll, every feed 304", f["warm_tracker"],
         f"{f['warm_tracker'] / f['warm_reader']:.2f}x reader {f['warm_reader']:.2f} s",
         0.75, f["warm_tracker"] / f["warm_reader"]),
        ("poll after 10% of the feeds changed", f["changed_tracker"],
         f"{f['changed_tracker'] / f['changed_reader']:.2f}x reader {f['changed_reader']:.2f} s",
         0.6, f["changed_tracker"] / f["changed_reader"]),
    ]  # fmt: skip
    if "large_tracker" in f:
        rows.append(
            ("cold poll, 1,000 feeds", f["large_tracker"],
             f"{f['large_tracker'] / f['floor_1000']:.2f}x floor {f['floor_1000']:.2f} s",
             2.0, f["large_tracker"] / f["floor_1000"])
        )  # fmt: skip
    print(f"python -c 'import httpx': {unit:.3f} s")
    print(f"{'what (whole process)':<38} {'seconds':>8}  {'ratio':<44} goal")
    for label, seconds, ratio, goal, value in rows:
        verdict = "met" if value <= goal else "missed"
        print(f"{label:<38} {seconds:>8.2f}  {ratio:<44} <= {goal}x ({verdict})")
    if "large_peak_mb" in f:
        peak = f["large_peak_mb"]
        verdict = "met" if peak < 250 else "missed"
        label = "peak memory, 1,000 feeds (tree)"
        monitored = f"(that run: {f.get('large_tracker_monitored', 0):.2f} s)"
        print(f"{label:<38} {peak:>7.0f}M  {monitored:<44} < 250 MB ({verdict})")


if __name__ == "__main__":
    main()
