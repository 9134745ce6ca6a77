"""The ledger's small decisions, each on its own: which weeks are due again (``due_weeks``, on a
real SQLite ledger), whether the process behind an owner has ended (``owner_gone``), which
recipient ``--to`` names, how long a claim may go untouched, and the message on the wire (the
envelope and the DATA bytes the SMTP sender writes after the 354)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from tracker.deliver.ledger import CLAIM_LEASE, RETRY_DELAY, claim_lease, due_weeks, one_of
from tracker.deliver.owner import owner_gone, process_owner
from tracker.deliver.wire import Wire, on_the_wire
from tracker.exceptions import TrackerError
from tracker.storage.sql import SqlStorage
from tracker.types import DigestStatus

T0 = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
HOST = socket.gethostname()


def ended_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], check=True, capture_output=True
    )
    return int(done.stdout)


# -- owners ------------------------------------------------------------------------------------


def test_an_owner_names_this_host_and_process_and_differs_each_time() -> None:
    owner = process_owner()
    host, pid, nonce = owner.split(":")
    assert (host, int(pid)) == (HOST, os.getpid())
    assert len(nonce) == 8 and owner != process_owner()


def test_only_an_ended_process_on_this_host_is_gone() -> None:
    assert owner_gone(process_owner(pid=ended_pid()))
    assert not owner_gone(process_owner())  # this very process
    assert not owner_gone(process_owner(pid=os.getppid()))  # running
    # another machine's pids mean nothing here: only the lease can tell
    assert not owner_gone(process_owner(host="elsewhere.example", pid=ended_pid()))
    for unreadable in (None, "", "legacy-owner", f"{HOST}:not-a-pid:x"):
        assert not owner_gone(unreadable)
    # the liveness check is a seam: a host name with colons in it is not ours
    assert owner_gone(f"{HOST}:123:abc", alive=lambda pid: False)
    assert not owner_gone(f"{HOST}:123:abc", alive=lambda pid: True)


# -- which weeks are due again -----------------------------------------------------------------


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[SqlStorage]:
    with SqlStorage.open(f"sqlite:///{tmp_path / 'ledger.db'}") as opened:
        yield opened


def claim(storage: SqlStorage, week: str, recipient: str, owner: str, at: datetime = T0) -> int:
    token = storage.claim_digest(
        recipient=recipient, week=week, message_id=f"<{week}>", now=at, owner=owner
    )
    assert token is not None
    return token


def move(
    storage: SqlStorage, week: str, recipient: str, owner: str, status: DigestStatus, **more: object
) -> None:
    expect = [DigestStatus.SENDING] if status is DigestStatus.SENT else [DigestStatus.CLAIMED]
    assert storage.mark_digest(
        recipient=recipient,
        week=week,
        status=status,
        now=T0,
        owner=owner,
        token=1,
        expect=expect,
        **more,  # type: ignore[arg-type]
    )


def test_due_weeks_are_retries_whose_time_came_and_claims_whose_process_is_gone(
    storage: SqlStorage,
) -> None:
    live, dead = "elsewhere:1:live", f"{HOST}:{ended_pid()}:dead"
    everyone = ["a@x.example", "b@x.example"]
    # W40: sent, nothing to do
    claim(storage, "2026-W40", "a@x.example", live)
    move(storage, "2026-W40", "a@x.example", live, DigestStatus.SENDING)
    move(storage, "2026-W40", "a@x.example", live, DigestStatus.SENT)
    # W41: a temporary failure, due after RETRY_DELAY; W42: a permanent one, never due
    claim(storage, "2026-W41", "a@x.example", live)
    move(storage, "2026-W41", "a@x.example", live, DigestStatus.FAILED, retry_at=T0 + RETRY_DELAY)
    claim(storage, "2026-W42", "a@x.example", live)
    move(storage, "2026-W42", "a@x.example", live, DigestStatus.FAILED, error="550")
    # W43: claimed by a live process elsewhere (due once silent for the lease);
    # W44: claimed by an ended process here (due at once); W45: being sent by it (due at once)
    claim(storage, "2026-W43", "b@x.example", live)
    claim(storage, "2026-W44", "b@x.example", dead)
    claim(storage, "2026-W45", "b@x.example", dead)
    move(storage, "2026-W45", "b@x.example", dead, DigestStatus.SENDING)

    assert due_weeks(storage, now=T0, recipients=everyone) == ["2026-W44", "2026-W45"]
    later = T0 + RETRY_DELAY
    assert due_weeks(storage, now=later, recipients=everyone) == [
        "2026-W41",
        "2026-W43",
        "2026-W44",
        "2026-W45",
    ]
    # only for the recipients the config still has: b's rows would come back every minute
    assert due_weeks(storage, now=later, recipients=["a@x.example"]) == ["2026-W41"]
    # a longer lease (a long SMTP timeout) keeps a silent claim for longer
    lease = timedelta(minutes=20)
    assert "2026-W43" not in due_weeks(storage, now=later, recipients=everyone, lease=lease)


def test_the_claim_lease_covers_several_smtp_timeouts() -> None:
    assert claim_lease(None) == CLAIM_LEASE == timedelta(minutes=5)
    assert claim_lease(30) == CLAIM_LEASE
    assert claim_lease(600) == timedelta(minutes=80)


# -- --to --------------------------------------------------------------------------------------


def test_to_finds_the_recipient_as_the_config_spells_it() -> None:
    recipients = ["Reader <Reader@Example.com>", "b@example.com"]
    assert one_of(recipients, "reader@example.com") == "Reader <Reader@Example.com>"
    assert one_of(recipients, "Someone <B@EXAMPLE.COM>") == "b@example.com"
    with pytest.raises(TrackerError) as error:
        one_of(recipients, "c@example.com")
    assert error.value.message == "c@example.com is not a recipient of the digest"
    assert error.value.hint == (
        "--to takes one of [digest] recipients: Reader <Reader@Example.com>, b@example.com"
    )


# -- the message on the wire -------------------------------------------------------------------


def message(to: str = "b@example.com", text: str = "hello\n") -> EmailMessage:
    built = EmailMessage()
    built["From"] = "kfilm-tracker <digest@kfilm.example>"
    built["To"] = to
    built["Subject"] = "이번 주"
    built.set_content(text)
    return built


EVERYTHING = frozenset({"8bitmime", "size", "smtputf8"})


def test_the_payload_is_crlf_dot_stuffed_and_ends_with_the_terminator() -> None:
    wire = on_the_wire(
        message(text=".starts with a dot\nplain\n..two\n"), extensions=EVERYTHING, utf8_ok=True
    )
    assert isinstance(wire, Wire)
    assert (wire.sender, wire.recipients, wire.encoding) == (
        "digest@kfilm.example",
        ("b@example.com",),
        "ascii",
    )
    body = wire.payload.split(b"\r\n\r\n", 1)[1]
    assert body == b"..starts with a dot\r\nplain\r\n...two\r\n.\r\n"
    assert b"\n" not in wire.payload.replace(b"\r\n", b"")
    # SIZE counts the message before dot-stuffing and without the terminator
    unstuffed = wire.payload[: -len(b".\r\n")].replace(b"\r\n..", b"\r\n.")
    assert wire.options == (f"SIZE={len(unstuffed)}", "BODY=8BITMIME")


def test_a_server_without_8bitmime_gets_a_7bit_body() -> None:
    wire = on_the_wire(message(text="파묘 리뷰\n"), extensions=frozenset(), utf8_ok=False)
    assert isinstance(wire, Wire)
    assert wire.options == ()
    wire.payload.decode("ascii")  # base64 or quoted-printable: 7-bit clean
    eight = on_the_wire(message(text="파묘 리뷰\n"), extensions=EVERYTHING, utf8_ok=True)
    assert isinstance(eight, Wire) and "파묘".encode() in eight.payload


def test_a_hangul_address_needs_smtputf8() -> None:
    hangul = "영화@예시.한국"
    wire = on_the_wire(message(to=hangul), extensions=EVERYTHING, utf8_ok=True)
    assert isinstance(wire, Wire)
    assert (wire.recipients, wire.encoding) == ((hangul,), "utf-8")
    assert "SMTPUTF8" in wire.options
    refused = on_the_wire(message(to=hangul), extensions=frozenset({"8bitmime"}), utf8_ok=False)
    assert refused == (
        "An address containing non-ASCII characters was provided, but SMTPUTF8 is not "
        "supported by this server"
    )


def test_a_message_without_addresses_is_said_so() -> None:
    nobody = message()
    del nobody["To"]
    assert (
        on_the_wire(nobody, extensions=EVERYTHING, utf8_ok=True) == "the message has no To address"
    )
    anonymous = message()
    del anonymous["From"]
    assert on_the_wire(anonymous, extensions=EVERYTHING, utf8_ok=True) == (
        "the message has no From address"
    )
