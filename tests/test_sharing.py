"""Several instances share one poll on PostgreSQL: real processes, a real server, a real database.

A threaded HTTP server on 127.0.0.1 serves 300 small feeds and notes every request (which feed,
which process: each process sends a User-Agent of its own, set through the environment, and
when). Three ``tracker poll --due`` started together, then three daemons (``tracker run``), must
poll every feed exactly once and each do between 15% and 60% of the work. Then a daemon that
holds leases (its server responses never come) is killed with -9: the others poll its feeds once
its leases expire, and not before.

Needs ``TRACKER_TEST_POSTGRES_URL``; each test works in a schema of its own in that database.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from databases import postgres_schema
from httpserver import HTTPTestServer, respond

from tracker.app import make_tracker
from tracker.config.schema import load_config
from tracker.storage.engine import create_engine, parse_url

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[1]
FEEDS = 300
PROCESSES = 3
#: every answer takes this long, so a poll lasts long enough for all three to take part (a
#: process starting half a second after the others still finds most of the work left)
DELAY = 0.25
#: the User-Agent of the daemon that is killed: the server never answers it
VICTIM = "sharer-victim"
#: short enough for the test, long enough that a live process never loses a feed it is polling
#: (a document may wait for the parse worker's first start, on a busy machine)
LEASE_SECONDS = 8
CONCURRENCY = 8


@dataclass(frozen=True)
class Hit:
    path: str
    agent: str
    at: float  # time.time(): comparable with the lease times the processes store


@dataclass
class Farm:
    """The feeds, and every request for them."""

    server: HTTPTestServer
    urls: list[str]
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def by_path(self, *, agents: set[str] | None = None) -> Counter[str]:
        with self.lock:
            return Counter(h.path for h in self.hits if agents is None or h.agent in agents)

    def by_agent(self) -> Counter[str]:
        with self.lock:
            return Counter(h.agent for h in self.hits)


def document(n: int) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {n}</title><link>http://example.org/{n}</link><description>d</description>"
        f"<item><title>Notes from the festival, day {n}</title>"
        f"<link>http://example.org/{n}/1</link><guid>feed-{n}-1</guid>"
        "<pubDate>Mon, 06 Oct 2025 09:00:00 +0000</pubDate>"
        "<description>A short note.</description></item></channel></rss>"
    ).encode()


@pytest.fixture
def farm() -> Iterator[Farm]:
    with HTTPTestServer() as server:
        made = Farm(server, [])
        stopping = server._state.stopping  # the server's own stop: no handler outlives it

        def route(n: int) -> str:
            path = f"/feeds/{n:03}.xml"
            answer = respond(200, document(n))

            def handler(request: BaseHTTPRequestHandler) -> None:
                agent = request.headers.get("User-Agent", "")
                with made.lock:
                    made.hits.append(Hit(path, agent, time.time()))
                if agent == VICTIM:
                    stopping.wait(120)  # until the client is killed and the server stops
                    request.close_connection = True
                    return
                stopping.wait(DELAY)  # the slow server under test, not the test sleeping
                answer(request)

            return server.add_route(path, handler)

        made.urls = [route(n) for n in range(FEEDS)]
        yield made


@pytest.fixture
def database() -> Iterator[str]:
    """A schema of its own in the test database; its URL as the processes get it."""
    with postgres_schema("test_sharing", "to run the multi-process sharing tests") as url:
        yield url


def write_config(tmp_path: Path, database: str, urls: Sequence[str]) -> Path:
    lines = [
        "[database]",
        f'url = "{database}"',
        "[tracker]",
        'timezone = "UTC"',
        "collections = []",
        f'state_dir = "{(tmp_path / "state").as_posix()}"',
        "[poll]",
        "allow_private_networks = true",
        f"concurrency = {CONCURRENCY}",
        f"per_host = {CONCURRENCY}",  # every feed is on 127.0.0.1
        'host_gap = "0s"',
        "workers = 1",
        "timeout = 3",
        f'lease = "{LEASE_SECONDS}s"',
        'check_every = "1s"',
    ]
    lines += [f'[[feeds]]\nurl = "{url}"' for url in urls]
    path = tmp_path / "tracker.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def prepare(config: Path) -> None:
    """Create the tables and the 300 feed rows once, as a first start would: instances that
    share a database start on one that exists."""
    with make_tracker(load_config(config.read_text(encoding="utf-8"))) as tracker:
        tracker.sync()


@dataclass
class Process:
    """One ``tracker`` process, its output in files (a pipe nobody reads could fill and stop it,
    and its parse workers would hold a pipe open after it died)."""

    agent: str
    popen: subprocess.Popen[bytes]
    out: Path
    err: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> tuple[str, str]:
        return self.out.read_text(encoding="utf-8"), self.err.read_text(encoding="utf-8")


def start(tmp_path: Path, config: Path, agent: str, *command: str) -> Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["PYTHONPATH"] = str(REPO)
    env["TRACKER_POLL__USER_AGENT"] = agent
    out, err = tmp_path / f"{agent}.out", tmp_path / f"{agent}.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        popen = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--config", str(config), *command],
            env=env,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,  # its parse workers in its group: the cleanup reaches them
        )
    return Process(agent, popen, out, err)


def finish(processes: Sequence[Process], *, terminate: bool) -> None:
    """Wait for each to end (after a SIGTERM, a daemon's clean stop, when ``terminate``), then
    kill whatever of its process group is left (a killed daemon's parse workers)."""
    for process in processes:
        if terminate and process.popen.poll() is None:
            process.popen.send_signal(signal.SIGTERM)
    try:
        for process in processes:
            process.popen.wait(timeout=60)
    finally:
        for process in processes:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            if process.popen.poll() is None:
                process.popen.wait(timeout=10)


def feed_rows(database: str) -> list[Any]:
    """(url, lease_owner, lease_until, stored) of every feed, straight from the database."""
    engine = create_engine(parse_url(database))
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(
                    sa.text(
                        "SELECT url, lease_owner, lease_until, last_success_at IS NOT NULL "
                        "FROM feeds ORDER BY url"
                    )
                )
            )
    finally:
        engine.dispose()


def all_stored(database: str) -> bool:
    rows = feed_rows(database)
    return len(rows) == FEEDS and all(stored for _, _, _, stored in rows)


def wait_until(what: str, check: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:g} s: {what}")
        time.sleep(0.1)  # the test waits for real processes; nothing in the code under test sleeps


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def assert_spread(counts: Counter[str], agents: Sequence[str]) -> None:
    for agent in agents:
        share = counts[agent] / FEEDS
        assert 0.15 <= share <= 0.60, f"{agent} polled {counts[agent]} of {FEEDS}: {counts}"


def test_three_poll_due_processes_started_together_split_the_feeds(
    tmp_path: Path, database: str, farm: Farm
) -> None:
    config = write_config(tmp_path, database, farm.urls)
    prepare(config)
    agents = [f"sharer-{k}" for k in range(PROCESSES)]
    processes = [start(tmp_path, config, agent, "poll", "--due") for agent in agents]
    finish(processes, terminate=False)

    assert set(farm.by_path().values()) == {1}, "a feed was polled twice"
    assert len(farm.by_path()) == FEEDS, "a feed was not polled"
    counts = farm.by_agent()
    print(f"tracker poll --due x3, feeds per process: {[counts[a] for a in agents]}")
    assert_spread(counts, agents)
    for process in processes:
        out, err = process.output()
        assert process.popen.returncode == 0, err
        assert "Traceback" not in err
        # each process's own account matches what the server saw from it
        polled = re.search(r"polled (\d+) feeds", out)
        assert polled is not None and int(polled.group(1)) == counts[process.agent], out
    rows = feed_rows(database)
    assert all_stored(database)
    assert all(owner is None for _, owner, _, _ in rows)  # every lease released


def test_three_daemons_split_a_cycle(tmp_path: Path, database: str, farm: Farm) -> None:
    config = write_config(tmp_path, database, farm.urls)
    prepare(config)
    agents = [f"sharer-{k}" for k in range(PROCESSES)]
    daemons = [start(tmp_path, config, agent, "run") for agent in agents]
    try:
        wait_until("every feed polled and stored", lambda: all_stored(database), timeout=45)
    finally:
        finish(daemons, terminate=True)

    assert set(farm.by_path().values()) == {1}, "a feed was polled twice"
    assert len(farm.by_path()) == FEEDS
    counts = farm.by_agent()
    print(f"tracker run x3, feeds per daemon: {[counts[a] for a in agents]}")
    assert_spread(counts, agents)
    for daemon in daemons:
        _, err = daemon.output()
        assert daemon.popen.returncode == 0, err
        assert "Traceback" not in err
        logged = sum(int(n) for n in re.findall(r"poll: (\d+) feeds", err))
        assert logged == counts[daemon.agent], err


def test_a_daemon_killed_mid_poll_loses_its_feeds_to_the_others_when_its_leases_expire(
    tmp_path: Path, database: str, farm: Farm
) -> None:
    config = write_config(tmp_path, database, farm.urls)
    prepare(config)
    victim = start(tmp_path, config, VICTIM, "run")
    daemons = [victim]
    survivors = [f"sharer-{k}" for k in range(2)]
    marker = f":{victim.pid}:"  # in the owner it writes on its leases (host:pid:random)

    def held() -> dict[str, datetime]:
        return {
            url: until
            for url, owner, until, _ in feed_rows(database)
            if owner and marker in owner and until is not None
        }

    try:
        # its first request reached the server: it holds a batch (or two) it will never finish;
        # killed at once, long before that request's own deadline would record a failure
        wait_until("the victim fetches", lambda: farm.by_agent()[VICTIM] > 0, 30)
        daemons += [start(tmp_path, config, agent, "run") for agent in survivors]
        victim.popen.send_signal(signal.SIGKILL)  # kill -9: no cleanup, its leases stay behind
        killed_at = time.time()
        victim.popen.wait(timeout=10)
        leases = held()
        wait_until("every feed polled and stored", lambda: all_stored(database), timeout=45)
    finally:
        finish(daemons, terminate=True)

    assert victim.popen.returncode == -signal.SIGKILL
    expiry = {path_of(url): until.astimezone(UTC).timestamp() for url, until in leases.items()}
    assert expiry and min(expiry.values()) > killed_at  # live leases when it died
    by_survivors = farm.by_path(agents=set(survivors))
    # every feed polled exactly once by the survivors (the victim never finished any)
    assert len(by_survivors) == FEEDS and set(by_survivors.values()) == {1}
    victim_paths = farm.by_path(agents={VICTIM})
    assert set(victim_paths) <= set(expiry)  # it only fetched what it had leased
    assert 1 <= len(victim_paths) <= CONCURRENCY
    # its feeds were taken over after their leases expired, not before
    with farm.lock:
        taken = {h.path: h.at for h in farm.hits if h.agent != VICTIM and h.path in expiry}
    assert set(taken) == set(expiry)
    early = {p: round(expiry[p] - at, 3) for p, at in taken.items() if at < expiry[p]}
    assert early == {}, f"polled before the lease expired (seconds early): {early}"
    counts = farm.by_agent()
    print(
        f"kill -9: the victim held {len(expiry)} leases ({len(victim_paths)} requests in "
        f"flight); the survivors polled {[counts[a] for a in survivors]}; its feeds were "
        f"taken over {min(taken.values()) - killed_at:.1f} to "
        f"{max(taken.values()) - killed_at:.1f} s after the kill"
    )
    for daemon in daemons[1:]:
        _, err = daemon.output()
        assert daemon.popen.returncode == 0, err
        assert "Traceback" not in err
