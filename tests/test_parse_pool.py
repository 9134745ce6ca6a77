"""The parser worker pool: a worker that dies or hangs costs one feed, never the poll, and a
host where workers cannot start at all still gets its feeds parsed (and understood)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fakes import entry, feed
from httpserver import HTTPTestServer

from tracker.exceptions import ParseError
from tracker.poll import workers
from tracker.poll.workers import POOL_THRESHOLD, ParseJob, ParseOutcome, ParserPool, job_for
from tracker.types import EntryData, FeedHints, FeedKind, Kind

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
GOOD = feed(entry("g1"), entry("g2"))
#: a marker the test's parse function treats as "this document kills the worker"
KILLER = feed(entry("die"))


def deadly_parse(job: ParseJob) -> ParseOutcome:
    if b">die<" in job.body:
        os._exit(1)  # what a segfault in a parser looks like from outside
    return workers.parse_job(job)


def test_a_document_that_kills_workers_is_one_parse_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "parse_job", deadly_parse)
    pool = ParserPool(workers=1)
    runner = pool.runner(10)

    async def go() -> tuple[ParseOutcome, ParseOutcome]:
        good = await runner(job_for(GOOD, "https://a.example/", {}, NOW))
        with pytest.raises(ParseError, match="died while reading"):
            await runner(job_for(KILLER, "https://b.example/", {}, NOW))
        again = await runner(job_for(GOOD, "https://c.example/", {}, NOW))
        return good, again

    try:
        good, again = asyncio.run(go())
    finally:
        pool.close()
    assert [e.identity for e in good.parsed.entries] == ["g1", "g2"]
    assert [e.identity for e in again.parsed.entries] == ["g1", "g2"]
    assert not pool.inline_only


def test_where_workers_cannot_start_parsing_goes_inline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def never(pool: object) -> bool:
        return False

    pool = ParserPool(workers=1)
    monkeypatch.setattr(pool, "_workers_start", never)
    runner = pool.runner(10)
    try:
        outcome = asyncio.run(runner(job_for(GOOD, "https://a.example/", {}, NOW)))
    finally:
        pool.close()
    assert len(outcome.parsed.entries) == 2 and len(outcome.hashes) == 2
    assert pool.inline_only


def slow_parse(job: ParseJob) -> ParseOutcome:
    time.sleep(0.25)
    return workers.parse_job(job)


def test_the_deadline_counts_the_work_not_the_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten documents for one worker take 2.5 s in all, each 0.25 s: none is refused by a 1 s
    deadline (a busy poll queues documents behind each other; only a stuck one is refused)."""
    monkeypatch.setattr(workers, "parse_job", slow_parse)
    pool = ParserPool(workers=1, timeout=1.0)
    runner = pool.runner(10)

    async def go() -> list[ParseOutcome]:
        jobs = [job_for(GOOD, f"https://{n}.example/", {}, NOW) for n in range(10)]
        return list(await asyncio.gather(*(runner(job) for job in jobs)))

    try:
        outcomes = asyncio.run(go())
    finally:
        pool.close()
    assert [len(o.parsed.entries) for o in outcomes] == [2] * 10


REVIEW = feed(
    entry(
        "r1",
        "'Exhuma' review: Choi Min-sik digs up a grave",
        summary="4/5 stars. Jang Jae-hyun's occult thriller is superb.",
    ),
    entry("r2", "Gallery: red carpet photos"),
)


def test_new_entries_are_understood_in_the_worker_and_known_ones_are_not() -> None:
    job = job_for(REVIEW, "https://a.example/", {}, NOW, hints=FeedHints(FeedKind.REVIEW))
    first = workers.parse_job(job)
    assert set(first.understood) == {"r1", "r2"}
    review = first.understood["r1"]
    assert (review.kind, review.korean, review.film, review.rating) == (
        Kind.REVIEW,
        True,
        "Exhuma",
        4.0,
    )
    assert review.version.endswith("/review") and review.reasons
    # the same document again: stored entries with the same hash are not understood twice
    again = workers.parse_job(job._replace(known=first.hashes))
    assert again.understood == {}
    # one changed entry: only that one
    changed = dict(first.hashes, r2="another hash")
    assert set(workers.parse_job(job._replace(known=changed)).understood) == {"r2"}


def test_understand_batch_matches_ingest() -> None:
    outcome = workers.parse_job(job_for(REVIEW, "https://a.example/", {}, NOW))
    parsed: list[EntryData] = list(outcome.parsed.entries)
    items = [
        workers.UnderstandItem(n, e, FeedHints(), e.published or NOW) for n, e in enumerate(parsed)
    ]
    again = dict(workers.understand_batch(items))
    assert [again[n] for n in range(len(parsed))] == [
        outcome.understood[e.identity] for e in parsed
    ]


def worker_pid(_: object) -> int:
    return os.getpid()


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_worker_ends_as_soon_as_its_lifeline_is_cut() -> None:
    """What ends the workers of a killed poll (see test_orphans.py for the kill itself): the
    parent's end of the lifeline closing, as the kernel closes it when the parent dies."""
    pool = ParserPool(workers=1)
    pool.runner(10)
    try:
        pid = asyncio.run(pool.run(worker_pid, None))
        assert pid != os.getpid() and _running(pid)
        lifeline = pool._lifeline
        assert lifeline is not None
        lifeline.close()
        deadline = time.monotonic() + 5
        while _running(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _running(pid)
    finally:
        pool._lifeline = None  # already cut
        pool.close()


def test_prepare_starts_the_fork_server_only_for_a_pool_sized_poll(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[str] = []
    pool = ParserPool(workers=2)
    monkeypatch.setattr(pool, "_prepare", lambda: started.append("fork server"))
    pool.prepare(POOL_THRESHOLD - 1)
    assert started == []  # a few documents are parsed inline: no process at all
    pool.prepare(POOL_THRESHOLD)
    assert started == ["fork server"]
    pool.inline_only = True
    pool.prepare(100)
    assert started == ["fork server"]


_STOPS = """
import os, sys, time
from multiprocessing import forkserver
from tracker.poll.workers import POOL_THRESHOLD, ParserPool
pool = ParserPool(workers=2)
pool.prepare(POOL_THRESHOLD)
pid = forkserver._forkserver._forkserver_pid
assert pid, "no fork server"
start = time.monotonic()
pool.close()  # every feed answered 304: no worker was ever forked
try:
    os.kill(pid, 0)
    print("alive")
except ProcessLookupError:
    print(f"gone {time.monotonic() - start:.3f}")
"""


def test_a_pool_that_forked_no_worker_ends_its_fork_server_at_once() -> None:
    # a poll whose feeds all answered 304 started the fork server, which loads the parser and
    # the classifier (a second and more from the sources): closing the pool ends it then and
    # there, instead of leaving it to finish loading while it holds the poll's stdout open
    done = subprocess.run(
        [sys.executable, "-c", _STOPS], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.startswith("gone"), done.stdout + done.stderr
    assert float(done.stdout.split()[1]) < 0.5


def test_workers_import_the_installed_tracker_not_the_current_folders(tmp_path: Path) -> None:
    """A poll run from a folder that holds a ``tracker`` package (a source checkout, another
    version) must not have its workers import that one: Python 3.11 starts the fork server as
    ``python -c`` with the current folder first on its path. Seen for real: the installed
    wheel's poll, run from a checkout of a newer version, failed every feed ("the parser
    process died"); run from its own checkout, its workers ran the uncompiled sources."""
    checkout = tmp_path / "checkout"
    (checkout / "tracker").mkdir(parents=True)
    marker = tmp_path / "imported-from-the-checkout"
    (checkout / "tracker" / "__init__.py").write_text(
        f"open({str(marker)!r}, 'w').close()\nraise ImportError('the checkout')\n",
        encoding="utf-8",
    )
    script = Path(sys.executable).with_name("tracker")
    assert script.exists(), "the tracker command beside this interpreter"
    with HTTPTestServer() as server:
        urls = []
        for n in range(POOL_THRESHOLD + 1):  # enough documents for the worker pool
            server.add_file(f"/f{n}.xml", feed(entry(f"e{n}a"), entry(f"e{n}b")))
            urls.append(server.url(f"/f{n}.xml"))
        config = tmp_path / "t.toml"
        config.write_text(
            f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n'
            f'[tracker]\ncollections = []\nstate_dir = "{tmp_path / "state"}"\n'
            "[poll]\nallow_private_networks = true\nworkers = 2\n"
            + "".join(f'[[feeds]]\nurl = "{url}"\n' for url in urls),
            encoding="utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "PYTHON"))}
        done = subprocess.run(
            [str(script), "--config", str(config), "poll"],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{2 * len(urls)} new entries" in done.stdout, done.stdout + done.stderr
    assert "cannot start" not in done.stderr and "died" not in done.stdout + done.stderr
    assert not marker.exists(), "a worker imported the checkout's tracker"


_MAIN_SCRIPT = """
import os, sys
# every process that runs this script's top level; with "argv", one that reads the arguments
# only a worker is given (the fork server is not)
LOG = sys.argv[1] if os.environ["LOG_FROM"] == "argv" else os.environ["LOG"]
with open(LOG, "a") as log:
    log.write(f"{os.getpid()}\\n")


def pid(_: object) -> int:  # found in the workers as __main__.pid
    return os.getpid()


if __name__ == "__main__":
    import asyncio
    from tracker.poll.workers import ParserPool

    async def main() -> set[int]:
        pool = ParserPool(workers=2)
        try:
            return set(await asyncio.gather(*(pool.run(pid, n) for n in range(8))))
        finally:
            pool.close()

    print(" ".join(map(str, sorted(asyncio.run(main())))))
"""


def _run_main_script(tmp_path: Path, log_from: str) -> tuple[set[int], list[int]]:
    """The pids of the workers that ran jobs, and of every process that ran the script."""
    script, log = tmp_path / "main_script.py", tmp_path / f"ran-{log_from}"
    script.write_text(_MAIN_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(log)],
        cwd=tmp_path,
        env={**os.environ, "LOG": str(log), "LOG_FROM": log_from},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return {int(p) for p in done.stdout.split()}, [
        int(p) for p in log.read_text(encoding="utf-8").split()
    ]


def test_the_fork_server_loads_the_main_script_so_no_worker_runs_it_again(
    tmp_path: Path,
) -> None:
    # multiprocessing runs the parent's main script (the ``tracker`` command: Typer and the
    # CLI) in every worker it starts, unless the fork server loaded it; Python 3.11's does not
    # (``workers._main_path``), so each worker paid for it after its fork, on a poll's wait
    workers_pids, ran = _run_main_script(tmp_path, "env")
    assert workers_pids
    # this process, and the fork server once; no worker
    assert len(ran) == 2, (ran, workers_pids)
    assert not workers_pids & set(ran)


def test_a_main_script_the_fork_server_cannot_load_is_loaded_by_each_worker(
    tmp_path: Path,
) -> None:
    workers_pids, ran = _run_main_script(tmp_path, "argv")
    assert workers_pids
    assert workers_pids <= set(ran)  # as before: each worker ran it, and the jobs ran
