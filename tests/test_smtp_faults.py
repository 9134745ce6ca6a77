"""The digest ledger against a misbehaving SMTP server (tests/faultysmtp.py, on 127.0.0.1): a 4xx
and a 5xx at each step, a server that stalls before the message or never answers it, and a slow
process whose claim was taken over. For each: the ledger's state, whether a retry happens, and
what the server received; no message is ever delivered twice without a person asking.

Whole trackers (``make_tracker``) with a fake clock and a fake retry sleep; the only real waits
are the SMTP timeouts of the stall tests (0.3 s a try).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from databases import BACKENDS, database_url
from fakes import FakeClock
from faultysmtp import CLOSE, PAUSE, STALL, At, Fault, FaultySMTPServer
from typer.testing import CliRunner

from tracker import app as core
from tracker.cli import app as cli_app
from tracker.config.schema import load_config
from tracker.deliver.ledger import CLAIM_LEASE, RETRY_DELAY, Outcome
from tracker.deliver.message import message_id_for
from tracker.types import DigestRecord, DigestStatus, IsoWeek

WEEK = IsoWeek(2026, 48)
#: Mon 30 Nov 2026 01:00 UTC: the digest of 2026-W48 is due (schedule "mon 00:00", UTC)
SEND_AT = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
A, B = "a@example.com", "b@example.com"
#: the SMTP timeout of the stall tests (a real wait: the only one here); the others wait up to 10 s
TIMEOUT = 0.3

BEFORE_THE_MESSAGE = [At.GREETING, At.EHLO, At.MAIL, At.RCPT, At.DATA]
TEMPORARY = {At.GREETING: "421 4.3.2 Busy, come back later"}
PERMANENT = {At.GREETING: "554 5.3.2 No SMTP service here"}


class FakeSleep:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


@pytest.fixture(scope="module")
def state_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One state folder for the module: its template cache saves each test compiling them."""
    return tmp_path_factory.mktemp("state")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    with database_url("sqlite", tmp_path) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


def tracker_for(
    server: FaultySMTPServer,
    db_url: str,
    state_dir: Path,
    *,
    recipients: tuple[str, ...] = (A,),
    clock: FakeClock | None = None,
    sleep: FakeSleep | None = None,
    timeout: float = 10,
) -> core.Tracker:
    return core.make_tracker(
        load_config(config_text(server, db_url, state_dir, recipients, timeout)),
        clock=clock or FakeClock(SEND_AT),
        smtp_sleep=sleep or FakeSleep(),
    )


def config_text(
    server: FaultySMTPServer,
    db_url: str,
    state_dir: Path,
    recipients: tuple[str, ...] = (A,),
    timeout: float = 10,
) -> str:
    listed = ", ".join(f'"{r}"' for r in recipients)
    return "\n".join(
        [
            "[database]",
            f'url = "{db_url}"',
            "[tracker]",
            'timezone = "UTC"',
            "collections = []",
            f'state_dir = "{state_dir.as_posix()}"',
            "[digest]",
            'sender = "kfilm-tracker <digest@kfilm.example>"',
            f"recipients = [{listed}]",
            'schedule = "mon 00:00"',
            "send_if_empty = true",
            "[smtp]",
            f'host = "{server.host}"',
            f"port = {server.port}",
            'security = "none"',
            f"timeout = {timeout}",
        ]
    )


def send(tracker: core.Tracker, **options: object) -> dict[str, Outcome]:
    outcomes = asyncio.run(tracker.send_digest(WEEK, **options))  # type: ignore[arg-type]
    return {o.recipient: o for o in outcomes}


def rows(tracker: core.Tracker) -> dict[str, DigestRecord]:
    return {r.recipient: r for r in tracker.digest_ledger()}


def fault_reply(at: At, temporary: bool) -> str:
    if temporary:
        return TEMPORARY.get(at, "451 4.3.0 Try again later")
    return PERMANENT.get(at, "554 5.7.1 Refused")


# -- a 4xx and a 5xx at each step ---------------------------------------------------------------


@pytest.mark.parametrize("at", [*BEFORE_THE_MESSAGE, At.END])
def test_a_4xx_at_any_step_is_retried_now_and_later_and_delivered_once(
    at: At, sqlite_url: str, state_dir: Path
) -> None:
    clock, sleep = FakeClock(SEND_AT), FakeSleep()
    with FaultySMTPServer(Fault(at, fault_reply(at, temporary=True), times=99)) as server:
        with tracker_for(server, sqlite_url, state_dir, clock=clock, sleep=sleep) as tracker:
            [outcome] = send(tracker).values()
            record = rows(tracker)[A]
            # four tries in this send (retries=3), each refused: nothing arrived
            assert (outcome.status, server.sessions, server.deliveries) == ("failed", 4, [])
            assert sleep.delays == [1.0, 4.0, 15.0]
            assert record.status is DigestStatus.FAILED
            assert record.retry_at == SEND_AT + RETRY_DELAY
            assert "queued: retried after" in outcome.detail
            assert not tracker.retry_due()

            # the daemon's tick, once the retry time came and the server recovered
            server.heal()
            clock.advance(RETRY_DELAY)
            assert tracker.retry_due()
            outcomes = asyncio.run(tracker.send_due_digest())
            assert [(o.recipient, o.status) for o in outcomes] == [(A, "sent")]
            assert not tracker.retry_due()
            asyncio.run(tracker.send_due_digest())
            record = rows(tracker)[A]
        assert server.delivered_to(A) == 1
        assert server.sessions == 5
    assert (record.status, record.attempts, record.error) == (DigestStatus.SENT, 2, None)


@pytest.mark.parametrize("at", [*BEFORE_THE_MESSAGE, At.END])
def test_a_5xx_at_any_step_fails_at_once_and_waits_for_a_person(
    at: At, sqlite_url: str, state_dir: Path
) -> None:
    clock, sleep = FakeClock(SEND_AT), FakeSleep()
    reply = fault_reply(at, temporary=False)
    with FaultySMTPServer(Fault(at, reply, times=99)) as server:
        with tracker_for(server, sqlite_url, state_dir, clock=clock, sleep=sleep) as tracker:
            [outcome] = send(tracker).values()
            assert (outcome.status, server.sessions, sleep.delays) == ("failed", 1, [])
            assert reply in outcome.detail and "queued" not in outcome.detail
            record = rows(tracker)[A]
            assert (record.status, record.retry_at) == (DigestStatus.FAILED, None)
            assert record.error is not None and reply in record.error

            # a day later: not retried by the daemon, nor by a plain digest send
            clock.advance(timedelta(days=1))
            assert not tracker.retry_due()
            asyncio.run(tracker.send_due_digest())
            [again] = send(tracker).values()
            assert again.status == "skipped"
            assert again.detail.endswith(f"tracker digest send --week {WEEK} --force --to {A}")
            assert server.sessions == 1

            # fixed on the server's side; the person resends it on purpose
            server.heal()
            [forced] = send(tracker, force=True, to=A).values()
            assert forced.status == "sent"
        assert server.delivered_to(A) == 1


# -- stalls ------------------------------------------------------------------------------------


@pytest.mark.parametrize("at", BEFORE_THE_MESSAGE)
def test_a_stall_before_the_message_is_temporary(at: At, sqlite_url: str, state_dir: Path) -> None:
    sleep = FakeSleep()
    with FaultySMTPServer(Fault(at, STALL, times=99)) as server:
        with tracker_for(server, sqlite_url, state_dir, sleep=sleep, timeout=TIMEOUT) as tracker:
            [outcome] = send(tracker).values()
            record = rows(tracker)[A]
        assert (server.sessions, server.deliveries) == (4, [])
    assert outcome.status == "failed"
    assert f"did not answer within {TIMEOUT:g}s" in outcome.detail
    assert (record.status, record.retry_at) == (DigestStatus.FAILED, SEND_AT + RETRY_DELAY)


@pytest.mark.parametrize("do", [STALL, CLOSE], ids=["no answer", "connection lost"])
def test_no_answer_to_the_message_is_unknown_and_never_sent_again_by_itself(
    do: str, db_url: str, state_dir: Path
) -> None:
    clock = FakeClock(SEND_AT)
    # a's message gets no answer; b's session, the next one, goes well
    with FaultySMTPServer(Fault(At.END, do)) as server:
        with tracker_for(
            server, db_url, state_dir, recipients=(A, B), clock=clock, timeout=TIMEOUT
        ) as tracker:
            outcomes = send(tracker)
            assert {r: o.status for r, o in outcomes.items()} == {A: "unknown", B: "sent"}
            assert "may or may not have arrived" in outcomes[A].detail
            assert outcomes[A].detail.endswith(
                f"if it never came: tracker digest send --week {WEEK} --force --to {A}"
            )
            assert server.sessions == 2  # no second try for a
            record = rows(tracker)[A]
            assert record.status is DigestStatus.UNKNOWN
            assert record.error is not None and "gave no answer" in record.error

            # the daemon, now and a day later, and a plain digest send: nothing more goes out
            assert not tracker.retry_due()
            clock.advance(timedelta(days=1))
            assert not tracker.retry_due()
            asyncio.run(tracker.send_due_digest())
            again = send(tracker)
            assert again[A].status == "skipped"
            assert again[A].detail.startswith("unknown since 2026-11-30 01:00 UTC: SMTP server")
            assert server.sessions == 2

            # the person asked a: it never came; one resend, to a only
            forced = send(tracker, force=True, to=A)
            assert {r: o.status for r, o in forced.items()} == {A: "sent"}
            assert rows(tracker)[A].status is DigestStatus.SENT
        # the server kept a's first copy (it never said so): the second is the person's choice
        assert (server.delivered_to(A), server.delivered_to(B)) == (2, 1)


def test_a_refused_message_is_retried_in_the_same_send_and_delivered_once(
    sqlite_url: str, state_dir: Path
) -> None:
    with FaultySMTPServer(Fault(At.END, "451 4.3.0 Queue full")) as server:
        with tracker_for(server, sqlite_url, state_dir) as tracker:
            [outcome] = send(tracker).values()
            record = rows(tracker)[A]
        assert (server.sessions, server.delivered_to(A)) == (2, 1)
    assert outcome.status == "sent"
    # one claim, sent on its second try: sending -> claimed again on the 451 -> sending -> sent
    assert (record.status, record.attempts) == (DigestStatus.SENT, 1)


# -- two processes, one claim ------------------------------------------------------------------


def test_a_slow_process_whose_claim_was_taken_over_stops_before_the_message(
    db_url: str, state_dir: Path
) -> None:
    with FaultySMTPServer(Fault(At.RCPT, PAUSE)) as server:
        slow = tracker_for(server, db_url, state_dir, clock=FakeClock(SEND_AT))
        later = FakeClock(SEND_AT + CLAIM_LEASE + timedelta(minutes=1))
        fast = tracker_for(server, db_url, state_dir, clock=later)
        with slow, fast:
            slow_outcomes: dict[str, Outcome] = {}
            sending = threading.Thread(target=lambda: slow_outcomes.update(send(slow)))
            sending.start()
            try:
                assert server.wait_paused(timeout=30) is At.RCPT
                # the slow one's claim has not moved for longer than the lease: taken over
                assert send(fast)[A].status == "sent"
            finally:
                server.release()
                sending.join(30)
            record = rows(fast)[A]
        assert server.delivered_to(A) == 1
    outcome = slow_outcomes[A]
    assert outcome.status == "skipped"
    assert outcome.detail.startswith("another process took the claim over")
    assert (record.status, record.attempts, record.owner) == (DigestStatus.SENT, 2, fast.owner)


def test_digest_send_exits_non_zero_on_an_unknown_outcome_and_says_what_to_do(
    sqlite_url: str, state_dir: Path, tmp_path: Path
) -> None:
    with FaultySMTPServer(Fault(At.END, CLOSE)) as server:
        config = tmp_path / "tracker.toml"
        config.write_text(config_text(server, sqlite_url, state_dir), encoding="utf-8")
        result = CliRunner().invoke(
            cli_app, ["--config", str(config), "digest", "send", "--week", str(WEEK)]
        )
        assert server.delivered_to(A) == 1
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{WEEK} to {A}: unknown: SMTP server 127.0.0.1:")
    assert line.endswith(f"tracker digest send --week {WEEK} --force --to {A}")


def test_a_stale_claim_of_a_process_on_another_machine_is_sent_by_the_next_tick(
    db_url: str, state_dir: Path
) -> None:
    clock = FakeClock(SEND_AT)
    with (
        FaultySMTPServer() as server,
        tracker_for(server, db_url, state_dir, clock=clock) as tracker,
    ):
        # another host's daemon claimed a's week, then went silent (its pid means nothing here)
        storage = tracker.storage
        mid = message_id_for(str(WEEK), A, "kfilm.example")
        elsewhere = "another-host:4242:0badc0de"
        assert storage.claim_digest(
            recipient=A, week=str(WEEK), message_id=mid, now=SEND_AT, owner=elsewhere
        )
        clock.advance(CLAIM_LEASE - timedelta(seconds=1))
        assert not tracker.retry_due()
        assert send(tracker)[A].detail.startswith("being sent by another process")
        clock.advance(timedelta(seconds=1))
        assert tracker.retry_due()
        outcomes = asyncio.run(tracker.send_due_digest())
        assert [(o.recipient, o.status) for o in outcomes] == [(A, "sent")]
        record = rows(tracker)[A]
        assert server.delivered_to(A) == 1
    assert (record.status, record.attempts, record.owner) == (DigestStatus.SENT, 2, tracker.owner)


def test_a_send_cancelled_while_the_message_is_out_is_unknown(
    sqlite_url: str, state_dir: Path
) -> None:
    # the daemon stopping (SIGTERM, its grace period over) cancels a send in flight
    server = FaultySMTPServer(Fault(At.END, PAUSE))
    with server, tracker_for(server, sqlite_url, state_dir) as tracker:

        async def stop_while_sending() -> None:
            sending = asyncio.create_task(tracker.send_digest(WEEK))
            assert await asyncio.to_thread(server.wait_paused, 30) is At.END
            sending.cancel()
            with pytest.raises(asyncio.CancelledError):
                await sending

        asyncio.run(stop_while_sending())
        server.release()
        record = rows(tracker)[A]
    assert (record.status, record.error) == (
        DigestStatus.UNKNOWN,
        "interrupted while the message was going out: it may or may not have arrived",
    )
