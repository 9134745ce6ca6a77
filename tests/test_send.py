"""Sending the weekly digest end to end: feeds polled from a real HTTP server on 127.0.0.1, a real
SQLite database, and a real SMTP server (aiosmtpd, tests/smtpserver.py) with STARTTLS and AUTH.

Through ``core.make_tracker`` (a fake clock, a fake retry sleep, a TLS context trusting the test
certificate) and through the CLI as a user runs it (in process with CliRunner, and as two real
processes racing for one week). The CLI trusts the test certificate the way a user with a private
CA would: ``SSL_CERT_FILE``, which OpenSSL's default verify paths honour.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import REPO
from fakes import FakeClock
from httpserver import HTTPTestServer
from smtpserver import SMTPTestServer, TLSFiles, make_tls_files
from typer.testing import CliRunner

from tracker import app as core
from tracker.cli import app
from tracker.config.locate import read_config
from tracker.deliver.message import message_id_for
from tracker.deliver.owner import process_owner
from tracker.types import DigestStatus, IsoWeek

WEEK = IsoWeek(2026, 48)  # Mon 23 - Sun 29 November 2026, Asia/Seoul
#: Wed 25 Nov 2026, 12:00 in Seoul: when the feeds are polled
POLLED_AT = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
#: Mon 30 Nov 2026, 10:00 in Seoul: the digest of 2026-W48 is due (schedule "mon 09:00")
SEND_AT = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
USER = "reader"
PASSWORD = "s3cret-Zq9!"
PASSWORD_ENV = "KFILM_SMTP_PASSWORD"
RECIPIENT = "reader@example.com"
SENDER = "kfilm-tracker <digest@kfilm.example>"
SUBJECT = "이번 주 한국 영화 — {{ digest.week_label }}"

runner = CliRunner()


class FakeSleep:
    """The SMTP retry sleep: records the delays, never waits."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def item(guid: str, title: str, summary: str, published: datetime) -> str:
    return (
        f"<item><title>{escape(title)}</title><link>https://reviews.example/{guid}</link>"
        f'<guid isPermaLink="false">{guid}</guid>'
        f"<pubDate>{format_datetime(published)}</pubDate>"
        f"<description>{escape(summary)}</description></item>"
    )


def reviews_feed(now: datetime) -> bytes:
    items = [
        item(
            "exhuma-1",
            "Exhuma film review: Choi Min-sik and Kim Go-eun unearth something ancient",
            "4/5 stars. Jang Jae-hyun delivers a grave-moving occult thriller.",
            now - timedelta(hours=20),
        ),
        item(
            "exhuma-2",
            "Exhuma review – a shamanist horror that digs deep",
            "★★★½ Jang Jae-hyun's occult thriller with Choi Min-sik.",
            now - timedelta(hours=8),
        ),
        item(
            "harbin-1",
            "Harbin review: Hyun Bin plays independence fighter Ahn Jung-geun",
            "3/5 stars. Woo Min-ho's solemn period piece.",
            now - timedelta(hours=2),
        ),
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>K-film reviews</title><link>https://reviews.example/</link>"
        f"<description>test</description>{''.join(items)}</channel></rss>"
    ).encode()


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TLSFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def feeds() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as server:
        server.add_file("/reviews.xml", reviews_feed(POLLED_AT))
        yield server


@pytest.fixture
def smtp(tls: TLSFiles) -> Iterator[SMTPTestServer]:
    with SMTPTestServer(tls=tls, starttls=True, auth=(USER, PASSWORD)) as server:
        yield server


def write_config(
    tmp_path: Path,
    feeds: HTTPTestServer,
    smtp: SMTPTestServer | None,
    *,
    digest: str = "",
) -> Path:
    lines = [
        "[database]",
        f'url = "sqlite:///{(tmp_path / "tracker.db").as_posix()}"',
        "[tracker]",
        'timezone = "Asia/Seoul"',
        "collections = []",
        f'state_dir = "{(tmp_path / "state").as_posix()}"',
        "[poll]",
        "allow_private_networks = true",
        "[digest]",
        f'sender = "{SENDER}"',
        f'subject = "{SUBJECT}"',
    ]
    if smtp is not None:
        lines.append(f'recipients = ["{RECIPIENT}"]')
    lines += digest.splitlines()
    if smtp is not None:
        lines += [
            "[smtp]",
            f'host = "{smtp.host}"',
            f"port = {smtp.port}",
            'security = "starttls"',
            f'username = "{USER}"',
            f'password_env = "{PASSWORD_ENV}"',
            "timeout = 10",
        ]
    lines += [
        "[[feeds]]",
        f'url = "{feeds.url("/reviews.xml")}"',
        'title = "K-film reviews"',
        'kind = "review"',
        "korean_only = true",
    ]
    path = tmp_path / "tracker.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def open_tracker(
    path: Path,
    tls: TLSFiles,
    *,
    clock: FakeClock,
    password: str | None = PASSWORD,
    sleep: FakeSleep | None = None,
) -> core.Tracker:
    env = {PASSWORD_ENV: password} if password is not None else {}
    return core.make_tracker(
        read_config(path, {}),
        config_path=path,
        clock=clock,
        env=env,
        smtp_sleep=sleep or FakeSleep(),
        tls_context=tls.client_context(),
    )


def poll_week(path: Path, tls: TLSFiles) -> None:
    """Store the week's entries (first seen on Wed 25 Nov, inside 2026-W48)."""
    with open_tracker(path, tls, clock=FakeClock(POLLED_AT)) as tracker:
        results = asyncio.run(tracker.poll())
    assert [r.error for r in results] == [None]


@pytest.fixture
def config(tmp_path: Path, feeds: HTTPTestServer, smtp: SMTPTestServer, tls: TLSFiles) -> Path:
    path = write_config(tmp_path, feeds, smtp)
    poll_week(path, tls)
    return path


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tls: TLSFiles) -> None:
    """What a user of the CLI sets: the password variable, and a CA file for a private server."""
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    monkeypatch.setenv("SSL_CERT_FILE", str(tls.cert))


def ledger(path: Path, tls: TLSFiles) -> list[tuple[str, str, DigestStatus]]:
    with open_tracker(path, tls, clock=FakeClock(SEND_AT)) as tracker:
        return [(r.week, r.recipient, r.status) for r in tracker.storage.list_digests()]


# -- the message -------------------------------------------------------------------------------


def test_the_digest_arrives_as_a_proper_email(
    config: Path, smtp: SMTPTestServer, tls: TLSFiles
) -> None:
    with open_tracker(config, tls, clock=FakeClock(SEND_AT)) as tracker:
        outcomes = asyncio.run(tracker.send_digest())
        records = tracker.storage.list_digests()

    assert [(str(o.week), o.recipient, o.status) for o in outcomes] == [
        ("2026-W48", RECIPIENT, "sent")
    ]
    [received] = smtp.messages
    assert received.tls and received.login == USER
    assert received.rcpt_tos == (RECIPIENT,)
    message = received.parsed()
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]

    assert parsedate_to_datetime(str(message["Date"])) == SEND_AT
    expected_id = message_id_for("2026-W48", RECIPIENT, "kfilm.example")
    assert message["Message-ID"] == expected_id
    assert records[0].message_id == expected_id
    assert records[0].status is DigestStatus.SENT
    assert "weekly.kfilm.example" in str(message["List-Id"])
    assert message["Auto-Submitted"] == "auto-generated"
    # a UTF-8 subject: encoded words on the wire, exact text once decoded
    raw_headers = received.data.split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?" in raw_headers.lower()
    assert message["Subject"] == "이번 주 한국 영화 — Nov 23–29, 2026"

    html_part = message.get_body(("html",))
    text_part = message.get_body(("plain",))
    assert html_part is not None and text_part is not None
    html = html_part.get_content()
    assert 'style="' in html  # CSS inlined for mail clients
    assert "<script" not in html.lower()
    assert "<link" not in html.lower() and "@import" not in html
    assert "Exhuma" in html and "Harbin" in html
    assert "★" in html  # ratings shown
    text = text_part.get_content()
    assert "Exhuma" in text and "<" not in text.replace("<https", "")


def test_message_id_is_per_recipient_and_week() -> None:
    a = message_id_for("2026-W48", "a@example.com", "kfilm.example")
    assert a == message_id_for("2026-W48", "a@example.com", "kfilm.example")
    assert a != message_id_for("2026-W48", "b@example.com", "kfilm.example")
    assert a != message_id_for("2026-W49", "a@example.com", "kfilm.example")


# -- exactly once ------------------------------------------------------------------------------


def test_sending_twice_delivers_once_and_force_sends_again(
    config: Path, smtp: SMTPTestServer, tls: TLSFiles
) -> None:
    with open_tracker(config, tls, clock=FakeClock(SEND_AT)) as tracker:
        first = asyncio.run(tracker.send_digest(WEEK))
        second = asyncio.run(tracker.send_digest(WEEK))
        assert [o.status for o in first] == ["sent"]
        assert [o.status for o in second] == ["skipped"]
        assert len(smtp.messages) == 1

        forced = asyncio.run(tracker.send_digest(WEEK, force=True))
        assert [o.status for o in forced] == ["sent"]
        [record] = tracker.storage.list_digests()
    assert len(smtp.messages) == 2
    # the same message to the reader's client: it can tell the copies apart as duplicates
    ids = {m.parsed()["Message-ID"] for m in smtp.messages}
    assert ids == {record.message_id}
    assert (record.status, record.attempts) == (DigestStatus.SENT, 2)


def test_two_processes_racing_for_one_week_deliver_one_message(
    config: Path, smtp: SMTPTestServer, tls: TLSFiles
) -> None:
    env = {
        **os.environ,
        PASSWORD_ENV: PASSWORD,
        "SSL_CERT_FILE": str(tls.cert),
        "PYTHONPATH": str(REPO),
    }
    command = [sys.executable, "-m", "tracker", "--config", str(config)]
    command += ["digest", "send", "--week", str(WEEK)]
    racers = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = []
    for racer in racers:
        stdout, stderr = racer.communicate(timeout=120)
        results.append((racer.returncode, stdout.decode(), stderr.decode()))

    assert [code for code, _, _ in results] == [0, 0], results
    outputs = sorted(out for _, out, _ in results)
    assert len(smtp.messages) == 1
    assert sum(f"{WEEK} to {RECIPIENT}: sent" in out for out in outputs) == 1, outputs
    [loser] = [out for out in outputs if f"{WEEK} to {RECIPIENT}: skipped: " in out]
    # what the loser saw depends on how far the winner got; each is said plainly
    assert any(
        reason in loser
        for reason in ("already sent on", "sending since", "being sent by another process")
    ), loser
    assert ledger(config, tls) == [(str(WEEK), RECIPIENT, DigestStatus.SENT)]


# -- failures ----------------------------------------------------------------------------------


def test_a_temporary_failure_is_retried_and_delivered_once(
    tmp_path: Path, feeds: HTTPTestServer, tls: TLSFiles
) -> None:
    sleep = FakeSleep()
    with SMTPTestServer(
        tls=tls, starttls=True, auth=(USER, PASSWORD), data_replies=["451 4.3.0 Try again later"]
    ) as flaky:
        path = write_config(tmp_path, feeds, flaky)
        poll_week(path, tls)
        with open_tracker(path, tls, clock=FakeClock(SEND_AT), sleep=sleep) as tracker:
            outcomes = asyncio.run(tracker.send_digest(WEEK))
            [record] = tracker.storage.list_digests()
        assert [o.status for o in outcomes] == ["sent"]
        assert flaky.data_attempts == 2
        assert len(flaky.messages) == 1
    assert sleep.delays == [1.0]
    assert (record.status, record.error) == (DigestStatus.SENT, None)


def test_a_refused_login_leaves_the_digest_failed_and_digest_list_says_why(
    config: Path, smtp: SMTPTestServer, tls: TLSFiles
) -> None:
    sleep = FakeSleep()
    with open_tracker(
        config, tls, clock=FakeClock(SEND_AT), password="wrong-password", sleep=sleep
    ) as tracker:
        [outcome] = asyncio.run(tracker.send_digest(WEEK))
        [record] = tracker.storage.list_digests()

    assert outcome.status == "failed"
    assert "rejected the login for user reader" in outcome.detail
    assert f"${PASSWORD_ENV}" in outcome.detail
    assert "wrong-password" not in outcome.detail
    assert "queued" not in outcome.detail
    assert sleep.delays == []  # a 535 is permanent: no retries
    assert smtp.messages == []
    assert record.status is DigestStatus.FAILED
    assert record.error is not None and "535" in record.error
    assert record.retry_at is None

    code, out, _ = cli("--config", str(config), "digest", "list")
    assert code == 0
    assert RECIPIENT in out  # in full, not cut to fit 80 columns
    [note] = [line for line in out.splitlines() if line.startswith(f"{WEEK} to {RECIPIENT}")]
    assert note.startswith(f"{WEEK} to {RECIPIENT}: failed: SMTP server")
    assert "535" in note
    assert "check [smtp] username" in note  # not swallowed as console markup
    assert note.endswith(
        f"(fix it, then: tracker digest send --week {WEEK} --force --to {RECIPIENT})"
    )

    # fixed the password, ran `digest send` again: it says why it did not send, and what to run
    with open_tracker(config, tls, clock=FakeClock(SEND_AT)) as tracker:
        [again] = asyncio.run(tracker.send_digest(WEEK))
    assert again.status == "skipped"
    assert again.detail.startswith("failed (SMTP server")
    assert again.detail.endswith(
        f"fix it, then: tracker digest send --week {WEEK} --force --to {RECIPIENT}"
    )
    assert smtp.messages == []


def ended_process_owner() -> str:
    """The owner name a process that has ended would have left in the ledger."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], check=True, capture_output=True
    )
    return process_owner(pid=int(done.stdout))


def test_a_send_cut_off_by_a_crash_becomes_unknown_and_is_resent_only_on_purpose(
    config: Path, smtp: SMTPTestServer, tls: TLSFiles, cli_env: None
) -> None:
    # a process died after the message had started: its row stays "sending"
    with open_tracker(config, tls, clock=FakeClock(SEND_AT)) as tracker:
        mid = message_id_for(str(WEEK), RECIPIENT, "kfilm.example")
        storage, owner = tracker.storage, ended_process_owner()
        token = storage.claim_digest(
            recipient=RECIPIENT, week=str(WEEK), message_id=mid, now=SEND_AT, owner=owner
        )
        assert token == 1
        assert storage.mark_digest(
            recipient=RECIPIENT,
            week=str(WEEK),
            status=DigestStatus.SENDING,
            now=SEND_AT,
            owner=owner,
            token=token,
            expect=[DigestStatus.CLAIMED],
        )

    code, out, _ = cli("--config", str(config), "digest", "list")
    assert code == 0
    assert f"{WEEK} to {RECIPIENT}: sending: the message is going out, or its process" in out

    # the next run sees its process is gone: unknown, reported, not sent again
    code, out, _ = cli("--config", str(config), "digest", "send", "--week", str(WEEK))
    assert code == 0
    assert f"{WEEK} to {RECIPIENT}: skipped: unknown since 2026-11-30 01:00 UTC: the process" in out
    assert f"if it never came: tracker digest send --week {WEEK} --force --to {RECIPIENT}" in out
    assert smtp.mail_attempts == 0
    assert ledger(config, tls) == [(str(WEEK), RECIPIENT, DigestStatus.UNKNOWN)]
    code, out, _ = cli("--config", str(config), "digest", "list")
    [note] = [line for line in out.splitlines() if line.startswith(f"{WEEK} to {RECIPIENT}")]
    assert note.startswith(f"{WEEK} to {RECIPIENT}: unknown: the process sending it stopped")
    assert note.endswith(
        f"if it never came: tracker digest send --week {WEEK} --force --to {RECIPIENT}"
    )

    code, out, err = cli(
        "--config",
        str(config),
        "digest",
        "send",
        "--week",
        str(WEEK),
        "--force",
        "--to",
        RECIPIENT.upper(),
    )
    assert code == 0, err
    assert f"{WEEK} to {RECIPIENT}: sent" in out
    assert f"delivered through SMTP {smtp.host}" in out
    assert len(smtp.messages) == 1
    assert ledger(config, tls) == [(str(WEEK), RECIPIENT, DigestStatus.SENT)]


def test_to_names_one_of_the_recipients(config: Path, smtp: SMTPTestServer, cli_env: None) -> None:
    code, _, err = cli(
        "--config", str(config), "digest", "send", "--week", str(WEEK), "--to", "nobody@example.com"
    )
    assert code == 1
    assert err.splitlines() == [
        "error: nobody@example.com is not a recipient of the digest",
        f"hint: --to takes one of [digest] recipients: {RECIPIENT}",
    ]
    assert smtp.mail_attempts == 0


def test_a_missing_password_variable_is_one_clear_line(
    config: Path, smtp: SMTPTestServer, tls: TLSFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    code, out, err = cli("--config", str(config), "digest", "send", "--week", str(WEEK))
    assert code == 1
    assert err.splitlines()[0] == f"error: the SMTP password variable ${PASSWORD_ENV} is not set"
    assert "Traceback" not in err + out
    assert smtp.mail_attempts == 0
    assert ledger(config, tls) == []  # nothing claimed: the next run sends it


def test_without_smtp_the_digest_goes_to_the_outbox(
    tmp_path: Path, feeds: HTTPTestServer, tls: TLSFiles
) -> None:
    path = write_config(tmp_path, feeds, None)
    poll_week(path, tls)
    code, out, err = cli("--config", str(path), "digest", "send", "--week", str(WEEK))
    assert code == 0, err
    outbox = tmp_path / "state" / "outbox"
    eml = outbox / f"{WEEK}-you@localhost.eml"
    html = outbox / f"{WEEK}-you@localhost.html"
    assert f"{WEEK} to you@localhost: sent: {eml}" in out
    assert f"delivered through the outbox {outbox}" in out
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message.get_content_type() == "multipart/alternative"
    assert "Exhuma" in html.read_text(encoding="utf-8")


# -- what is (not) sent ------------------------------------------------------------------------


def test_an_empty_week_is_not_sent_unless_asked(
    tmp_path: Path, feeds: HTTPTestServer, smtp: SMTPTestServer, tls: TLSFiles
) -> None:
    quiet = IsoWeek(2026, 47)  # nothing was first seen that week
    path = write_config(tmp_path, feeds, smtp)
    poll_week(path, tls)
    with open_tracker(path, tls, clock=FakeClock(SEND_AT)) as tracker:
        [outcome] = asyncio.run(tracker.send_digest(quiet))
        assert outcome.status == "skipped"
        assert "send_if_empty" in outcome.detail
        assert tracker.storage.list_digests() == []
    assert smtp.mail_attempts == 0

    path = write_config(tmp_path, feeds, smtp, digest="send_if_empty = true")
    with open_tracker(path, tls, clock=FakeClock(SEND_AT)) as tracker:
        [outcome] = asyncio.run(tracker.send_digest(quiet))
    assert outcome.status == "sent"
    [received] = smtp.messages
    assert received.parsed()["Message-ID"] == message_id_for(str(quiet), RECIPIENT, "kfilm.example")


def test_dry_run_sends_nothing_and_records_nothing(
    config: Path, smtp: SMTPTestServer, tls: TLSFiles, cli_env: None
) -> None:
    code, out, err = cli(
        "--config", str(config), "digest", "send", "--week", str(WEEK), "--dry-run"
    )
    assert code == 0, err
    assert f"{WEEK} to {RECIPIENT}: dry-run: 이번 주 한국 영화 — Nov 23–29, 2026" in out
    assert "delivered" not in out
    assert smtp.mail_attempts == 0
    assert ledger(config, tls) == []


def test_preview_writes_the_html_and_text(
    config: Path, smtp: SMTPTestServer, tmp_path: Path
) -> None:
    target = tmp_path / "previews" / "w48.html"
    code, out, err = cli(
        "--config", str(config), "digest", "preview", "--week", str(WEEK), "--out", str(target)
    )
    assert code == 0, err
    assert f"wrote {target}" in out
    assert "2026-W48: 2 films, 3 reviews" in out
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Exhuma" in html
    assert "Exhuma" in target.with_suffix(".txt").read_text(encoding="utf-8")
    assert smtp.mail_attempts == 0

    # without --out: the state directory
    code, out, err = cli("--config", str(config), "digest", "preview", "--week", str(WEEK))
    assert code == 0, err
    assert (tmp_path / "state" / "previews" / f"digest-{WEEK}.html").is_file()


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2026-W60", "error: 2026 has no week 60"),
        ("last week", "error: 'last week' is not an ISO week such as 2026-W47"),
    ],
)
def test_a_bad_week_is_one_clear_line(config: Path, week: str, message: str) -> None:
    for command in (["send"], ["preview"]):
        code, _, err = cli("--config", str(config), "digest", *command, "--week", week)
        assert code == 1
        assert err.splitlines() == [message, "hint: use YYYY-Www, e.g. 2026-W47"]
