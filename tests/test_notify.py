"""Telling systemd how the daemon is (``tracker.notify``): the ``NOTIFY_SOCKET`` protocol against
a datagram socket this test binds itself, first message by message, then from ``tracker run`` as
a real process polling a feed on 127.0.0.1: ``READY=1``, ``WATCHDOG=1`` again and again,
``STATUS=`` after a poll, ``STOPPING=1`` on SIGTERM, and exit status 0."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import REPO
from httpserver import HTTPTestServer
from test_daemon import config_text, feed_document

from tracker.notify import Notifier, socket_address, watchdog_interval

SYSTEMD_VARIABLES = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")
#: the STATUS= line after the daemon's first poll of the test feed (two reviews)
POLLED = "STATUS=last poll: 1 feeds, 0 failed, 2 new, 0 updated"


class Listener:
    """What systemd does with ``NOTIFY_SOCKET``: a datagram socket that collects messages."""

    def __init__(self, address: str) -> None:
        #: the NOTIFY_SOCKET value: a path, or "@name" for an abstract socket
        self.address = address
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind("\0" + address[1:] if address.startswith("@") else address)
        self.messages: list[str] = []

    def next(self, timeout: float) -> str | None:
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096)
        except TimeoutError:
            return None
        message = data.decode()
        self.messages.append(message)
        return message

    def wait_for(self, field: str, timeout: float, *, count: int = 1, since: int = 0) -> int:
        """Receive until ``count`` messages from the ``since``-th on carry ``field`` (one of
        their ``KEY=value`` lines); the number of messages received by then."""
        deadline = time.monotonic() + timeout
        while sum(field in m.split("\n") for m in self.messages[since:]) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.next(remaining) is None:
                raise AssertionError(
                    f"{count} x {field!r} not received in {timeout}s; the last ones: "
                    f"{self.messages[-8:]}"
                )
        return len(self.messages)

    def close(self) -> None:
        self.sock.close()
        if not self.address.startswith("@"):
            Path(self.address).unlink(missing_ok=True)


@pytest.fixture(params=["path", "abstract"])
def listener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Listener]:
    if request.param == "path":
        address = str(tmp_path / "notify.sock")
        if len(address.encode()) > 100:  # sun_path holds 108 bytes
            pytest.skip(f"the temporary folder's path is too long for a socket: {address}")
    else:
        address = f"@kfilm-test-{uuid.uuid4().hex}"
    listener = Listener(address)
    yield listener
    listener.close()


# -- the protocol ----------------------------------------------------------------------------------


def test_the_socket_address_is_a_path_or_an_abstract_name() -> None:
    assert socket_address("/run/systemd/notify") == "/run/systemd/notify"
    assert socket_address("@/org/freedesktop/systemd1/notify/42") == (
        b"\0/org/freedesktop/systemd1/notify/42"
    )
    assert socket_address("") is None
    assert socket_address("@") is None
    assert socket_address("relative/notify") is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"WATCHDOG_USEC": "120000000"}, timedelta(seconds=60)),
        ({"WATCHDOG_USEC": "120000000", "WATCHDOG_PID": "4242"}, timedelta(seconds=60)),
        ({"WATCHDOG_USEC": "120000000", "WATCHDOG_PID": "1"}, None),  # someone else's
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
    ],
)
def test_the_watchdog_pace_is_half_of_watchdog_usec_and_only_for_this_process(
    env: dict[str, str], expected: timedelta | None
) -> None:
    assert watchdog_interval(env, pid=4242) == expected


def test_without_notify_socket_nothing_is_sent() -> None:
    notifier = Notifier.from_environ({"WATCHDOG_USEC": "1000000"}, pid=os.getpid())
    assert not notifier.enabled
    assert notifier.watchdog_interval is None
    assert not notifier.ready("running")
    assert not notifier.watchdog()
    assert not notifier.stopping()


def test_each_message_is_one_datagram_of_key_value_lines(listener: Listener) -> None:
    env = {"NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "2000000"}
    notifier = Notifier.from_environ(env, pid=os.getpid())
    assert notifier.watchdog_interval == timedelta(seconds=1)
    assert notifier.ready("running: 3 feeds,\ndigest mon 09:00")
    assert notifier.watchdog()
    assert notifier.status("last poll: 3 feeds")
    assert notifier.stopping()
    notifier.close()
    received = [listener.next(timeout=5) for _ in range(4)]
    assert received == [
        "READY=1\nSTATUS=running: 3 feeds, digest mon 09:00",  # a newline would be a new field
        "WATCHDOG=1",
        "STATUS=last poll: 3 feeds",
        "STOPPING=1",
    ]


def test_a_listener_that_is_gone_is_logged_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = Notifier(str(tmp_path / "nobody-listens.sock"))
    with caplog.at_level(logging.WARNING, logger="tracker.notify"):
        assert not notifier.ready()
        assert not notifier.status("still here")
    notifier.close()
    [record] = caplog.records
    assert "cannot notify the service manager (READY=1)" in record.getMessage()


# -- `tracker run`, a real process, under a pretend systemd ---------------------------------------


def run_daemon(
    tmp_path: Path, server: HTTPTestServer, listener: Listener, **env: str
) -> subprocess.Popen[bytes]:
    config = tmp_path / "tracker.toml"
    config.write_text(config_text(tmp_path, server.url("/reviews.xml")), encoding="utf-8")
    # this test's systemd only, whatever the environment pytest itself runs in
    inherited = {k: v for k, v in os.environ.items() if k not in SYSTEMD_VARIABLES}
    environ = {**inherited, "PYTHONPATH": str(REPO), "NOTIFY_SOCKET": listener.address, **env}
    log = (tmp_path / "daemon.log").open("wb")
    with log:
        return subprocess.Popen(
            [sys.executable, "-m", "tracker", "--config", str(config), "run"],
            env=environ,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen[bytes]) -> int:
    try:
        process.send_signal(signal.SIGTERM)
        return process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_tracker_run_tells_systemd_ready_watchdog_status_and_stopping(
    tmp_path: Path, listener: Listener
) -> None:
    with HTTPTestServer() as server:
        server.add_file("/reviews.xml", feed_document(datetime.now(UTC)))
        # a 0.4 s watchdog: a ping every 0.2 s, from the daemon's own event loop
        process = run_daemon(tmp_path, server, listener, WATCHDOG_USEC="400000")
        try:
            listener.wait_for("READY=1", timeout=60)
            listener.wait_for("WATCHDOG=1", timeout=30, count=5)
            polled = listener.wait_for(POLLED, timeout=60)
            listener.wait_for("WATCHDOG=1", timeout=30, count=3, since=polled)  # still pinging
        finally:
            code = stop(process)
        listener.wait_for("STOPPING=1", timeout=10)
        assert listener.next(timeout=0.5) is None  # nothing after it: the pings ended first
    log = (tmp_path / "daemon.log").read_text(encoding="utf-8")
    assert code == 0, log
    assert "Traceback" not in log
    assert server.requests_for("/reviews.xml"), "the daemon never fetched the feed"
    messages = listener.messages
    # ready first and once, saying what runs; the watchdog only after it; STOPPING=1 last
    assert messages[0] == "READY=1\nSTATUS=running: 1 feeds, digest mon 09:00", messages[:3]
    assert sum("READY=1" in m for m in messages) == 1
    assert messages.count("WATCHDOG=1") >= 8
    assert messages[-1] == "STOPPING=1\nSTATUS=stopping: finishing the work in flight"
    # the start-up catch-up found the due week empty (the feed's reviews are this week's)
    assert re.search(r"^STATUS=last digest: \d{4}-W\d\d: 1 skipped$", "\n".join(messages), re.M)


def test_a_watchdog_meant_for_another_process_is_not_pinged(
    tmp_path: Path, listener: Listener
) -> None:
    with HTTPTestServer() as server:
        server.add_file("/reviews.xml", feed_document(datetime.now(UTC)))
        process = run_daemon(tmp_path, server, listener, WATCHDOG_USEC="400000", WATCHDOG_PID="1")
        try:
            listener.wait_for("READY=1", timeout=60)
            # a whole poll cycle is many watchdog periods: none of them pinged
            listener.wait_for(POLLED, timeout=60)
        finally:
            code = stop(process)
        listener.wait_for("STOPPING=1", timeout=10)
    assert code == 0, (tmp_path / "daemon.log").read_text(encoding="utf-8")
    assert not any("WATCHDOG=1" in m for m in listener.messages), listener.messages
