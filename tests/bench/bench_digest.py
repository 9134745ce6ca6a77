"""Benchmark: a real week's digest, whole processes as a user runs them.

Not a test (pytest does not collect it; CI never fails on a slow machine). In one run, on farms
of generated film feeds (``../shared/tools/feedfarm.py gen DIR --feeds N/40 --items 40 --hosts
20``, served by nginx with ETag, Last-Modified and gzip on 127.0.0.x), it measures:

* ``python -c "import httpx"``: the unit every other figure is a ratio of (best of 5);
* per week size (1,000, 5,000 and 20,000 entries by default): ``tracker poll`` of the empty
  database (once, for information), then ``tracker digest preview --week`` of the week the
  entries were first seen in (best of 3), start-up and imports included;
* ``tracker reclassify --all`` of the 5,000-entry week (best of 3): every stored entry
  understood again;
* the classifier alone, entries per second on one core, over the labelled set's texts
  (``../shared/data/labeled/items.jsonl``) and over the farm's entries.

It prints a table and the ratios the issue sets as goals (the 5,000-entry preview within 7x the
httpx import, the 20,000-entry week within 4x the 5,000-entry one, reclassify within 10x), and
writes the figures as JSON with ``--json FILE``. Needs nginx (``apt-get install nginx-light``)
and the package installed in the interpreter given by ``--python`` (default: this one)::

    python tests/bench/bench_digest.py [--sizes 1000 5000 20000] [--python venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FEEDFARM = SHARED / "tools" / "feedfarm.py"
LABELLED = SHARED / "data" / "labeled" / "items.jsonl"
TIMEZONE = "Asia/Seoul"

CLASSIFIER_RATE = r"""
import json, sys, time
from pathlib import Path
from tracker.evaluate import entry_from_line, load_feed_hints
from tracker.understand.classify import classify
hints = load_feed_hints()
lines = [json.loads(x) for x in Path(sys.argv[1]).read_text().splitlines() if x.strip()]
work = [(entry_from_line(l), hints.get(l.get("feed_url")), entry_from_line(l).published)
        for l in lines]
for e, f, p in work:
    classify(e, feed=f, published=p)  # warm: the lexicon and the regexes build once
best = 0.0
for _ in range(5):
    start = time.perf_counter(); n = 0
    while time.perf_counter() - start < 1.0:
        for e, f, p in work:
            classify(e, feed=f, published=p); n += 1
    best = max(best, n / (time.perf_counter() - start))
print(json.dumps({"entries": len(work), "per_second": best}))
"""

FARM_RATE = r"""
import json, sys, time
from datetime import UTC, datetime
from pathlib import Path
from tracker.parse.feed import parse_feed
from tracker.understand.classify import classify
now = datetime.now(UTC)
entries = []
for path in sorted(Path(sys.argv[1]).glob("f*.*"))[:25]:
    entries += parse_feed(path.read_bytes(), url="http://farm.test/", now=now).entries
for e in entries[:50]:
    classify(e, published=e.published or e.updated or now)
start = time.perf_counter()
for e in entries:
    classify(e, published=e.published or e.updated or now)
rate = len(entries) / (time.perf_counter() - start)
print(json.dumps({"entries": len(entries), "per_second": rate}))
"""


def timed(command: list[str], *, env: dict[str, str] | None = None, repeat: int = 1) -> float:
    """Best wall time of ``repeat`` runs of a whole process; fails loudly if it fails."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
        best = min(best, elapsed)
    return best


def week_now() -> str:
    year, week, _ = datetime.now(ZoneInfo(TIMEZONE)).isocalendar()
    return f"{year}-W{week:02d}"


def farm(workdir: Path, size: int, port: int) -> Path:
    folder = workdir / f"farm{size}"
    feeds = max(1, size // 40)
    subprocess.run(
        [sys.executable, str(FEEDFARM), "gen", str(folder), "--feeds", str(feeds), "--items",
         "40", "--hosts", "20", "--port", str(port)],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, str(FEEDFARM), "serve", str(folder), "--port", str(port)],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder


def config(workdir: Path, size: int) -> Path:
    path = workdir / f"tracker{size}.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{workdir / f"week{size}.db"}"\n'
        f'[tracker]\ntimezone = "{TIMEZONE}"\ncollections = []\n'
        f'state_dir = "{workdir / "state"}"\n'
        '[poll]\nallow_private_networks = true\nhost_gap = "0s"\n'
        # the farm's entries are dated up to ten days before they are first seen: count them
        # all in the week, as a real busy week would
        '[digest]\nbackfill = "3650d"\n',
        encoding="utf-8",
    )
    return path


def stored_entries(run: list[str], env: dict[str, str]) -> int:
    """How many entries the database holds, with no feed failing: a benchmark of a poll that
    failed would measure nothing."""
    done = subprocess.run([*run, "status", "--json"], env=env, capture_output=True, text=True)
    status = json.loads(done.stdout)
    if status["failing"]:
        return -status["failing"]
    return int(status["entries"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--python", default=sys.executable, help="the interpreter to measure")
    parser.add_argument("--port", type=int, default=18181)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if shutil.which("nginx") is None:
        raise SystemExit("needs nginx: apt-get install nginx-light")
    python = args.python
    tracker = str(Path(python).with_name("tracker"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    workdir = Path(tempfile.mkdtemp(prefix="kfilm-bench-"))
    workdir.chmod(0o755)  # nginx's workers run as another user and must read the farm
    served: list[Path] = []
    figures: dict[str, float] = {}
    try:
        figures["import_httpx"] = timed([python, "-c", "import httpx"], env=env, repeat=5)
        week = week_now()
        for n, size in enumerate(args.sizes):
            folder = farm(workdir, size, args.port + n)
            served.append(folder)
            cfg = config(workdir, size)
            run = [tracker, "--config", str(cfg)]
            timed([*run, "feeds", "import", str(folder / "farm.opml")], env=env)
            figures[f"poll_{size}"] = timed([*run, "poll"], env=env)
            stored = stored_entries(run, env)
            if stored != size:
                raise SystemExit(f"the poll stored {stored} entries of {size}: see {workdir}")
            out = workdir / f"digest{size}.html"
            figures[f"preview_{size}"] = timed(
                [*run, "digest", "preview", "--week", week, "--out", str(out)], env=env, repeat=3
            )
            figures[f"html_bytes_{size}"] = out.stat().st_size
            if size == 5000:
                figures["reclassify_5000"] = timed([*run, "reclassify", "--all"], env=env, repeat=3)
        for name, code, data in (
            ("classifier_labelled", CLASSIFIER_RATE, str(LABELLED)),
            ("classifier_farm", FARM_RATE, str(workdir / f"farm{args.sizes[0]}")),
        ):
            done = subprocess.run(
                [python, "-c", code, data],
                env=env,
                capture_output=True,
                text=True,
                check=True,
                # not the checkout: ``-c`` puts the working directory first on sys.path, and
                # its sources would shadow the installed (compiled) classifier
                cwd=workdir,
            )
            figures[f"{name}_per_second"] = json.loads(done.stdout)["per_second"]
    finally:
        for folder in served:
            subprocess.run([sys.executable, str(FEEDFARM), "stop", str(folder)], check=False)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    report(figures, args.sizes)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def report(f: dict[str, float], sizes: list[int]) -> None:
    unit = f["import_httpx"]
    print(f"python -c 'import httpx': {unit:.3f} s (the unit)")
    print(f"{'what':<44} {'seconds':>9} {'x import':>9}")
    for size in sizes:
        for what in ("poll", "preview"):
            seconds = f[f"{what}_{size}"]
            label = f"tracker {'poll' if what == 'poll' else 'digest preview'} ({size:,} entries)"
            print(f"{label:<44} {seconds:>9.2f} {seconds / unit:>9.1f}")
    if "reclassify_5000" in f:
        seconds = f["reclassify_5000"]
        label = "tracker reclassify --all (5,000 entries)"
        print(f"{label:<44} {seconds:>9.2f} {seconds / unit:>9.1f}")
    for name in ("labelled", "farm"):
        rate = f[f"classifier_{name}_per_second"]
        print(f"classifier, {name} entries: {rate:,.0f} entries/s (one core)")
    goals = []
    if "preview_5000" in f:
        goals.append(("5,000-entry preview <= 7x import httpx", f["preview_5000"] / unit, 7))
    if "preview_5000" in f and "preview_20000" in f:
        goals.append(
            ("20,000-entry week <= 4x the 5,000 one", f["preview_20000"] / f["preview_5000"], 4)
        )
    if "reclassify_5000" in f:
        goals.append(("reclassify of 5,000 <= 10x import httpx", f["reclassify_5000"] / unit, 10))
    goals.append(("classifier >= 10,000 entries/s", f["classifier_labelled_per_second"], None))
    for label, value, limit in goals:
        verdict = (
            ("met" if value >= 10000 else "missed")
            if limit is None
            else ("met" if value <= limit else "missed")
        )
        print(f"goal: {label}: {value:,.2f} ({verdict})")


if __name__ == "__main__":
    main()
