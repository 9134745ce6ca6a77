"""kill -9 at every step of a send, then the daemon again: real processes, a real SMTP server
that pauses where the test wants to kill (tests/faultysmtp.py), SQLite and PostgreSQL.

For each step (the greeting, EHLO, MAIL, RCPT, DATA, the message's first line, its end, QUIT) a
``tracker digest send --week W`` of its own week is killed with SIGKILL while the server holds
the second of three recipients' sessions at that step. Then one ``tracker run`` starts, catches
up and is stopped with SIGTERM. Counted on the server's side: every recipient got every week
exactly once. The one exception is by design: a recipient whose message had started when the
sender died is ``unknown`` (the server may have it: here it does), reported by ``digest list``,
and waits for a person instead of being sent again.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import REPO
from databases import BACKENDS, database_url
from fakes import FakeClock
from faultysmtp import PAUSE, At, Fault, FaultySMTPServer
from typer.testing import CliRunner

from tracker import app as core
from tracker.cli import app as cli_app
from tracker.config.locate import read_config
from tracker.digest import window
from tracker.types import DigestStatus, IsoWeek

RECIPIENTS = ("a@example.com", "b@example.com", "c@example.com")
A, B, C = RECIPIENTS
SCHEDULE = "mon 00:00"
#: where the sender is killed; the message had started (so the outcome is unknown) from CONTENT on
STEPS = [At.GREETING, At.EHLO, At.MAIL, At.RCPT, At.DATA, At.CONTENT, At.END, At.QUIT]
STARTED = {At.CONTENT, At.END}
WAIT = 120.0


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


def write_config(tmp_path: Path, db_url: str, server: FaultySMTPServer) -> Path:
    listed = ", ".join(f'"{r}"' for r in RECIPIENTS)
    path = tmp_path / "tracker.toml"
    path.write_text(
        "\n".join(
            [
                "[database]",
                f'url = "{db_url}"',
                "[tracker]",
                'timezone = "UTC"',
                "collections = []",
                f'state_dir = "{(tmp_path / "state").as_posix()}"',
                "[digest]",
                'sender = "kfilm-tracker <digest@kfilm.example>"',
                f"recipients = [{listed}]",
                f'schedule = "{SCHEDULE}"',
                "send_if_empty = true",
                "[smtp]",
                f'host = "{server.host}"',
                f"port = {server.port}",
                'security = "none"',
                "timeout = 30",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def tracker_command(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", "--config", str(config), *args]


def start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("ab") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def ledger(
    config: Path, tracker: core.Tracker | None = None
) -> dict[tuple[str, str], DigestStatus]:
    if tracker is None:
        with core.make_tracker(read_config(config, {}), config_path=config) as opened:
            return ledger(config, opened)
    return {(r.week, r.recipient): r.status for r in tracker.digest_ledger()}


def wait_until_settled(config: Path, weeks: list[IsoWeek], daemon: subprocess.Popen[bytes]) -> None:
    wanted = {(str(w), r) for w in weeks for r in RECIPIENTS}
    deadline = time.monotonic() + WAIT
    with core.make_tracker(read_config(config, {}), config_path=config) as reader:
        while time.monotonic() < deadline:
            assert daemon.poll() is None, "the daemon exited on its own"
            rows = ledger(config, reader)
            done = {k for k, s in rows.items() if s in (DigestStatus.SENT, DigestStatus.UNKNOWN)}
            if wanted <= done:
                return
            time.sleep(0.2)
    raise AssertionError(f"the daemon did not settle every week within {WAIT}s: {ledger(config)}")


def test_kill_9_at_every_step_then_the_daemon_sends_each_week_exactly_once(
    db_url: str, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    due = window.last_due_week(now, SCHEDULE, "UTC")
    weeks = {step: window.shift(due, -(i + 1)) for i, step in enumerate(STEPS)}
    log = tmp_path / "processes.log"
    with FaultySMTPServer() as server:
        config = write_config(tmp_path, db_url, server)

        for step, week in weeks.items():
            # a's session goes through; b's is held at `step`; c's never starts
            server.arm(Fault(step, PAUSE, skip=1))
            sender = start(tracker_command(config, "digest", "send", "--week", str(week)), log)
            try:
                assert server.wait_paused(timeout=WAIT) is step, log.read_text()
            finally:
                sender.send_signal(signal.SIGKILL)
                sender.wait(timeout=WAIT)
                server.release()
            assert sender.returncode == -signal.SIGKILL
            rows = ledger(config)
            killed = {At.QUIT: DigestStatus.SENT}.get(
                step, DigestStatus.SENDING if step in STARTED else DigestStatus.CLAIMED
            )
            # every recipient was claimed before the first was sent to: c waits for the daemon
            assert [rows[str(week), r] for r in RECIPIENTS] == [
                DigestStatus.SENT,
                killed,
                DigestStatus.CLAIMED,
            ], step

        daemon = start(tracker_command(config, "run"), log)
        try:
            wait_until_settled(config, [due, *weeks.values()], daemon)
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=WAIT)
        assert daemon.returncode == 0, log.read_text()

        rows = ledger(config)
        for step, week in weeks.items():
            for recipient in RECIPIENTS:
                got = sum(
                    recipient in d.rcpt_tos and f"<{week}." in d.data.decode("utf-8", "replace")
                    for d in server.deliveries
                )
                assert got == 1, (step, week, recipient, got)
            expected = DigestStatus.UNKNOWN if step in STARTED else DigestStatus.SENT
            assert rows[str(week), B] is expected, (step, rows[str(week), B])
            assert rows[str(week), A] is rows[str(week), C] is DigestStatus.SENT, step
        assert all(rows[str(due), r] is DigestStatus.SENT for r in RECIPIENTS)
        delivered = len(server.deliveries)
        assert delivered == 3 * (len(weeks) + 1)

        # the unknown ones are reported, with the one command that resends each
        listing = CliRunner().invoke(cli_app, ["--config", str(config), "digest", "list"])
        assert listing.exit_code == 0, listing.output
        for step in STARTED:
            week = weeks[step]
            resend = f"tracker digest send --week {week} --force --to {B}"
            [note] = [
                line
                for line in listing.stdout.splitlines()
                if line.startswith(f"{week} to {B}: unknown:")
            ]
            assert note.endswith(f"if it never came: {resend}"), note

        # and they wait for that person: a week later the daemon sends the new week, only it
        later = FakeClock(now + timedelta(days=7))
        with core.make_tracker(read_config(config, {}), clock=later) as tracker:
            assert not tracker.retry_due()
            asyncio.run(tracker.send_due_digest())
        assert len(server.deliveries) == delivered + 3  # the new week, to each recipient once
