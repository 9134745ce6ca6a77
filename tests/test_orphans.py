"""No process outlives a killed poll: ``tracker poll`` killed with -9 (or SIGTERM) while its
parser workers exist leaves nothing behind, neither the workers nor the fork server nor
multiprocessing's resource tracker (once: 4 processes, about 75 MB each, forever, per kill).

Real processes: ``python -m tracker poll`` against a real server on 127.0.0.1 whose last feed
drips one byte at a time, so the poll is still running, its workers started, when it is killed.
The poll's environment carries a marker of this test; every process it starts inherits it, so
walking /proc for the marker finds them all, wherever they were reparented to.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO
from httpserver import HTTPTestServer, drip

FEEDS = REPO / "tests" / "data" / "feeds"
MARKER = "KFILM_TRACKER_TEST_ORPHANS"
#: the fork server, the resource tracker and the two parser workers of ``workers = 2``
HELPERS = 4
#: how long the helpers may take to go once the poll is dead ("within a few seconds")
GRACE = 5.0

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/environ").exists(), reason="walks /proc (Linux) to find processes"
)


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        for path in sorted(FEEDS.glob("*.xml"))[:6]:
            s.add_file(f"/{path.name}", path.read_bytes())
        # a feed that takes minutes: the poll waits for it with its workers up
        s.add_route("/slow.xml", drip((FEEDS / "variety.xml").read_bytes(), interval=0.5))
        yield s


def marked(mark: str) -> dict[int, str]:
    """pid -> command line of every live process whose environment holds ``mark``."""
    needle = f"{MARKER}={mark}".encode()
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if needle in environ.split(b"\0") and state != "Z":  # a zombie runs nothing
            found[int(entry.name)] = cmdline[:120]
    return found


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` passes (the test waits for real
    processes; nothing under test sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_a_killed_poll_leaves_no_process_behind(
    server: HTTPTestServer, tmp_path: Path, how: signal.Signals
) -> None:
    feeds = "".join(
        f'[[feeds]]\nurl = "{server.url("/" + path.name)}"\n'
        for path in sorted(FEEDS.glob("*.xml"))[:6]
    )
    config = tmp_path / "tracker.toml"
    config.write_text(
        "[tracker]\ncollections = []\n[poll]\nallow_private_networks = true\ntimeout = 300\n"
        f'workers = 2\nhost_gap = "0s"\n{feeds}[[feeds]]\nurl = "{server.url("/slow.xml")}"\n'
    )
    mark = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env |= {
        "PYTHONPATH": str(REPO),
        "TRACKER_DATABASE__URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        MARKER: mark,
    }
    with (tmp_path / "poll.err").open("wb") as stderr:
        poll = subprocess.Popen(
            [sys.executable, "-m", "tracker", "poll", "--config", str(config)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        # its helpers all up, and the slow feed (what keeps the poll running) being read
        started = wait_for(
            lambda: len(marked(mark)) >= 1 + HELPERS and bool(server.requests_for("/slow.xml")),
            timeout=60,
        )
        helpers = {pid: cmd for pid, cmd in marked(mark).items() if pid != poll.pid}
        assert started, f"the poll's helpers never all started: {helpers}"
        assert poll.poll() is None, "the poll ended before it could be killed"
        assert any("forkserver" in cmd for cmd in helpers.values())
        assert any("resource_tracker" in cmd for cmd in helpers.values())

        poll.send_signal(how)
        poll.wait(timeout=10)

        wait_for(lambda: not marked(mark), timeout=GRACE)
        assert marked(mark) == {}, f"left running {GRACE:g} s after the poll died"
    finally:
        poll.kill()
        poll.wait()
        for pid in marked(mark):  # never leave them to the next test, whatever happened
            os.kill(pid, signal.SIGKILL)
