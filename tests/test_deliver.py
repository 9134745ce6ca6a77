"""Tests for tracker.deliver: the message layout, and real SMTP sessions against aiosmtpd on
127.0.0.1 (tests/smtpserver.py) with STARTTLS, implicit TLS, AUTH and scripted failures.

No test sleeps: retries go through a fake ``sleep`` that records the delays and returns at once.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import re
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from smtpserver import SMTPTestServer, TLSFiles, closed_port, make_tls_files

from tracker.deliver.message import Envelope, build_message, message_id_for
from tracker.deliver.outbox import OutboxSender
from tracker.deliver.smtp import SmtpSender
from tracker.exceptions import DeliveryError

USER = "reader-bot"
PASSWORD = "hunter2-Zq9!secret"
RECIPIENT = "reader@example.com"
SUBJECT = "이번 주 한국 영화: 「파묘」 리뷰 3편 — Nov 16–22, 2026"
KST = timezone(timedelta(hours=9))
DATE = datetime(2026, 11, 23, 9, 0, tzinfo=KST)
LIST_ID = "Korean film weekly <weekly.kfilm-tracker.localhost>"
TEXT = "이번 주 한국 영화\n\n파묘 (Exhuma): ★★★★ 씨네21\n"
HTML = '<html><body><h1>이번 주 한국 영화</h1><p><a href="https://example.com/a">파묘</a></p></body></html>'


class FakeSleep:
    """Records the delays the sender asked for; never waits."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def make_envelope(**changes: Any) -> Envelope:
    values: dict[str, Any] = {
        "sender": "kfilm-tracker <kfilm-tracker@localhost>",
        "recipient": RECIPIENT,
        "subject": SUBJECT,
        "html": HTML,
        "text": TEXT,
        "message_id": message_id_for("2026-W47", RECIPIENT),
        "date": DATE,
        "list_id": LIST_ID,
    }
    values.update(changes)
    return Envelope(**values)


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TLSFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def sleep() -> FakeSleep:
    return FakeSleep()


def make_sender(
    server: SMTPTestServer,
    sleep: FakeSleep,
    *,
    security: str = "starttls",
    username: str | None = USER,
    password: str | None = PASSWORD,
    port: int | None = None,
    tls_context: ssl.SSLContext | None = None,
) -> SmtpSender:
    if tls_context is None and server.tls is not None:
        tls_context = server.tls.client_context()
    return SmtpSender(
        host=server.host,
        port=server.port if port is None else port,
        security=security,  # type: ignore[arg-type]
        username=username,
        password=password,
        timeout=10.0,
        sleep=sleep,
        tls_context=tls_context,
        password_env="SMTP_PASSWORD",
        local_hostname="client.test.localhost",
    )


def send(sender: SmtpSender | OutboxSender, message: EmailMessage) -> str:
    return asyncio.run(sender.send(message))


def send_error(sender: SmtpSender, message: EmailMessage) -> DeliveryError:
    with pytest.raises(DeliveryError) as info:
        send(sender, message)
    return info.value


# -- the message --------------------------------------------------------------------------------


def test_build_message_layout_and_headers() -> None:
    message = build_message(make_envelope())
    raw = message.as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)

    assert parsed.get_content_type() == "multipart/alternative"
    parts = list(parsed.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    # The SMTP policy writes CRLF line ends, which an 8bit body part keeps when parsed back.
    assert parts[0].get_content().replace("\r\n", "\n") == TEXT
    assert parts[1].get_content().rstrip("\r\n") == HTML
    assert parsed["Subject"] == SUBJECT
    assert parsed["From"] == "kfilm-tracker <kfilm-tracker@localhost>"
    assert parsed["To"] == RECIPIENT
    assert parsed["Message-ID"] == message_id_for("2026-W47", RECIPIENT)
    assert parsed["List-Id"] == LIST_ID
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "All"
    assert parsed["MIME-Version"] == "1.0"
    assert parsedate_to_datetime(parsed["Date"]) == DATE
    assert parsed["Date"].endswith("+0900")


def test_hangul_subject_is_rfc2047_encoded_on_the_wire() -> None:
    raw = build_message(make_envelope()).as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    # Headers are 7-bit on the wire: the Hangul travels as encoded words, CRLF line ends.
    head.decode("ascii")
    assert b"Subject: =?utf-8?" in head
    assert b"\r\n" in head and b"\n" not in head.replace(b"\r\n", b"")


def test_subject_line_breaks_are_folded_into_one_line() -> None:
    message = build_message(make_envelope(subject="파묘\r\n리뷰\n  모음"))
    assert message["Subject"] == "파묘 리뷰 모음"


def test_naive_date_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_envelope(date=datetime(2026, 11, 23, 9, 0))


def test_message_id_is_deterministic_per_week_and_recipient() -> None:
    mid = message_id_for("2026-W47", RECIPIENT)
    assert re.fullmatch(r"<2026-W47\.[0-9a-f]{16}@kfilm-tracker>", mid)
    assert message_id_for("2026-W47", RECIPIENT) == mid
    assert message_id_for("2026-W47", " Reader@Example.COM ") == mid
    assert message_id_for("2026-W48", RECIPIENT) != mid
    assert message_id_for("2026-W47", "other@example.com") != mid
    assert RECIPIENT not in mid
    assert message_id_for("2026-W47", RECIPIENT, domain="films.example").endswith("@films.example>")


# -- SMTP: successful sessions ------------------------------------------------------------------


def test_starttls_with_auth_delivers_the_message(tls: TLSFiles, sleep: FakeSleep) -> None:
    with SMTPTestServer(tls=tls, starttls=True, auth=(USER, PASSWORD)) as server:
        reply = send(make_sender(server, sleep), build_message(make_envelope()))
        received = server.messages

    assert "OK queued" in reply
    assert len(received) == 1
    got = received[0]
    assert got.tls is True
    assert got.login == USER
    assert got.mail_from == "kfilm-tracker@localhost"
    assert got.rcpt_tos == (RECIPIENT,)
    parsed = got.parsed()
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    for header in ("Date", "Message-ID", "List-Id", "Auto-Submitted", "MIME-Version"):
        assert parsed[header], header
    assert parsed["Subject"] == SUBJECT
    assert parsed["Message-ID"] == message_id_for("2026-W47", RECIPIENT)
    html = parsed.get_body(preferencelist=("html",))
    assert html is not None and "이번 주 한국 영화" in html.get_content()
    assert sleep.delays == []


def test_implicit_tls_delivers(tls: TLSFiles, sleep: FakeSleep) -> None:
    with SMTPTestServer(tls=tls, implicit_tls=True, auth=(USER, PASSWORD)) as server:
        send(make_sender(server, sleep, security="tls"), build_message(make_envelope()))
        received = server.messages

    assert len(received) == 1
    assert received[0].tls is True
    assert received[0].login == USER
    assert received[0].parsed()["Subject"] == SUBJECT


def test_plaintext_relay_without_auth(sleep: FakeSleep) -> None:
    with SMTPTestServer() as server:
        sender = make_sender(server, sleep, security="none", username=None, password=None)
        send(sender, build_message(make_envelope()))
        received, auth_attempts = server.messages, server.auth_attempts

    assert len(received) == 1
    assert received[0].tls is False
    assert received[0].login is None
    assert auth_attempts == []


# -- SMTP: TLS is never silently dropped --------------------------------------------------------


def test_starttls_required_fails_clearly_without_sending(sleep: FakeSleep) -> None:
    # The server offers AUTH in plaintext but no STARTTLS: the sender must not log in or send.
    with SMTPTestServer(auth=(USER, PASSWORD)) as server:
        error = send_error(make_sender(server, sleep), build_message(make_envelope()))
        mail_attempts, auth_attempts = server.mail_attempts, server.auth_attempts
        received = server.messages

    assert error.temporary is False
    assert "does not offer STARTTLS" in error.message
    assert f"127.0.0.1:{server.port}" in error.message
    assert error.hint is not None and 'security = "tls"' in error.hint
    assert mail_attempts == 0
    assert auth_attempts == []
    assert received == []
    assert sleep.delays == []


def test_untrusted_certificate_is_permanent(tls: TLSFiles, sleep: FakeSleep) -> None:
    # The default verified context does not trust the test's self-signed certificate.
    with SMTPTestServer(tls=tls, starttls=True, auth=(USER, PASSWORD)) as server:
        sender = make_sender(server, sleep, tls_context=ssl.create_default_context())
        error = send_error(sender, build_message(make_envelope()))
        auth_attempts, received = server.auth_attempts, server.messages

    assert error.temporary is False
    assert "TLS with SMTP server" in error.message
    assert "certificate verify failed" in error.message
    assert isinstance(error.__cause__, ssl.SSLError)
    assert auth_attempts == []
    assert received == []
    assert sleep.delays == []


# -- SMTP: retries and permanent failures -------------------------------------------------------


def test_451_on_data_is_retried_and_delivered_exactly_once(tls: TLSFiles, sleep: FakeSleep) -> None:
    with SMTPTestServer(
        tls=tls,
        starttls=True,
        auth=(USER, PASSWORD),
        data_replies=["451 4.3.0 Mail server temporarily rejected message"],
    ) as server:
        reply = send(make_sender(server, sleep), build_message(make_envelope()))
        received, data_attempts = server.messages, server.data_attempts

    assert "OK queued" in reply
    assert data_attempts == 2
    assert len(received) == 1
    assert received[0].parsed()["Subject"] == SUBJECT
    assert sleep.delays == [1.0]


def test_rejected_login_is_permanent_and_never_shows_the_password(
    tls: TLSFiles, sleep: FakeSleep, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with SMTPTestServer(tls=tls, starttls=True, auth=(USER, "the-right-one")) as server:
        sender = make_sender(server, sleep)
        error = send_error(sender, build_message(make_envelope()))
        auth_attempts, mail_attempts = server.auth_attempts, server.mail_attempts

    assert error.temporary is False
    assert error.message.startswith(f"SMTP server 127.0.0.1:{server.port} rejected the login")
    assert f"for user {USER} (535 " in error.message
    assert "check [smtp] username and the password in $SMTP_PASSWORD" in error.message
    assert USER in auth_attempts
    assert mail_attempts == 0
    assert sleep.delays == []
    for text in (str(error), error.message, error.hint or "", repr(error), repr(sender)):
        assert PASSWORD not in text
    assert PASSWORD not in caplog.text
    assert "password=<set>" in repr(sender)


def test_temporary_auth_failure_is_retried(tls: TLSFiles, sleep: FakeSleep) -> None:
    with SMTPTestServer(
        tls=tls,
        starttls=True,
        auth=(USER, PASSWORD),
        # aiosmtplib tries each advertised mechanism (LOGIN, PLAIN) before giving up.
        auth_replies=["454 4.7.0 Temporary authentication failure"] * 2,
    ) as server:
        send(make_sender(server, sleep), build_message(make_envelope()))
        received = server.messages

    assert len(received) == 1
    assert sleep.delays == [1.0]


def test_connection_refused_retries_then_gives_up(sleep: FakeSleep) -> None:
    with SMTPTestServer() as server:
        sender = make_sender(server, sleep, security="none", port=closed_port())
        error = send_error(sender, build_message(make_envelope()))

    assert error.temporary is True
    assert sleep.delays == [1.0, 4.0, 15.0]
    assert "could not talk to SMTP server 127.0.0.1:" in error.message
    assert "gave up after 4 attempts" in error.message
    assert isinstance(error.__cause__, OSError)


def test_backoff_repeats_its_last_value() -> None:
    sleep = FakeSleep()
    sender = SmtpSender(
        host="127.0.0.1",
        port=closed_port(),
        security="none",
        username=None,
        password=None,
        timeout=5.0,
        retries=4,
        backoff=(2.0, 7.0),
        sleep=sleep,
    )
    error = send_error(sender, build_message(make_envelope()))
    assert error.temporary is True
    assert sleep.delays == [2.0, 7.0, 7.0, 7.0]
    assert "gave up after 5 attempts" in error.message


def test_refused_recipient_is_permanent_and_named(tls: TLSFiles, sleep: FakeSleep) -> None:
    with SMTPTestServer(
        tls=tls,
        starttls=True,
        auth=(USER, PASSWORD),
        rcpt_replies={RECIPIENT: "550 5.1.1 No such user here"},
    ) as server:
        error = send_error(make_sender(server, sleep), build_message(make_envelope()))
        received = server.messages

    assert error.temporary is False
    assert f"refused the recipient {RECIPIENT} (550 5.1.1 No such user here)" in error.message
    assert received == []
    assert sleep.delays == []


def test_greylisted_recipient_is_retried(tls: TLSFiles, sleep: FakeSleep) -> None:
    with SMTPTestServer(
        tls=tls,
        starttls=True,
        auth=(USER, PASSWORD),
        rcpt_replies={RECIPIENT: "450 4.2.0 Greylisted, try again later"},
    ) as server:
        error = send_error(make_sender(server, sleep), build_message(make_envelope()))

    assert error.temporary is True
    assert RECIPIENT in error.message
    assert sleep.delays == [1.0, 4.0, 15.0]


def test_5xx_on_data_is_permanent(tls: TLSFiles, sleep: FakeSleep) -> None:
    with SMTPTestServer(
        tls=tls,
        starttls=True,
        auth=(USER, PASSWORD),
        data_replies=["554 5.7.1 Message rejected as spam"],
    ) as server:
        error = send_error(make_sender(server, sleep), build_message(make_envelope()))
        data_attempts = server.data_attempts

    assert error.temporary is False
    assert "554 5.7.1 Message rejected as spam" in error.message
    assert data_attempts == 1
    assert sleep.delays == []


def test_sender_rejects_an_unknown_security_mode() -> None:
    with pytest.raises(ValueError, match="security"):
        SmtpSender(
            host="127.0.0.1",
            port=25,
            security="ssl",  # type: ignore[arg-type]
            username=None,
            password=None,
            timeout=5.0,
        )


# -- the file outbox ----------------------------------------------------------------------------


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "state" / "outbox"


def test_outbox_writes_eml_and_html_that_parse_back(outbox: Path) -> None:
    sender = OutboxSender(outbox)
    path = send(sender, build_message(make_envelope()))

    eml = outbox / "2026-W47-reader@example.com.eml"
    html = outbox / "2026-W47-reader@example.com.html"
    assert path == str(eml)
    assert sorted(p.name for p in outbox.iterdir()) == [eml.name, html.name]
    parsed = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == SUBJECT
    assert parsed["Message-ID"] == message_id_for("2026-W47", RECIPIENT)
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert html.read_text(encoding="utf-8").rstrip("\n") == HTML


def test_outbox_replaces_the_same_week_and_recipient(outbox: Path) -> None:
    sender = OutboxSender(outbox)
    send(sender, build_message(make_envelope(html="<p>first</p>")))
    send(sender, build_message(make_envelope(html="<p>second</p>")))
    assert len(list(outbox.iterdir())) == 2  # no temporary files left behind either
    assert "second" in (outbox / "2026-W47-reader@example.com.html").read_text(encoding="utf-8")


def test_outbox_names_without_our_message_id(outbox: Path) -> None:
    envelope = make_envelope(
        recipient="Kim <../../kim/evil@example.com>",
        message_id="<something-else@example.com>",
        date=datetime(2026, 1, 1, 12, 0, tzinfo=UTC),
    )
    path = Path(send(OutboxSender(outbox), build_message(envelope)))
    # 2026-01-01 is in ISO week 2026-W01; the address cannot climb out of the folder.
    assert path.parent == outbox
    assert path.name.startswith("2026-W01-")
    assert "/" not in path.name and ".." not in path.name


def test_outbox_write_failure_is_a_delivery_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the outbox folder should be")
    with pytest.raises(DeliveryError, match="could not write the digest to the outbox"):
        send(OutboxSender(blocker / "outbox"), build_message(make_envelope()))
