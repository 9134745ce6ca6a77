"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), with TLS, AUTH and programmable replies.

Owns the loopback SMTP test server shared by the delivery tests, the end-to-end tests and any
``tracker demo`` pattern that needs a mail server. It must never listen anywhere but 127.0.0.1 and
never sleeps: every behaviour a test needs (a 451 on the first DATA, a refused login, a refused
recipient) is a scripted reply, not a delay.

Use it as a context manager (wrap it in a pytest fixture in your test module)::

    tls = make_tls_files(tmp_path)                       # self-signed cert, made at test time
    with SMTPTestServer(tls=tls, starttls=True, auth=("reader", "s3cret")) as server:
        ...  # connect to server.host:server.port, trusting tls.client_context()
    server.messages[0].parsed()["Subject"]; server.messages[0].rcpt_tos; server.mail_attempts

Options:

* ``starttls=True``: offer STARTTLS (needs ``tls``) and require it before MAIL (``530`` otherwise).
* ``implicit_tls=True``: TLS from the first byte, like port 465 (needs ``tls``).
* ``auth=(user, password)``: offer AUTH PLAIN/LOGIN and refuse MAIL until logged in. AUTH is only
  offered over TLS unless the connection is plaintext-only by design (no ``tls`` at all).
* ``smtputf8=True``: offer SMTPUTF8 (RFC 6531), which mail to an internationalised address
  (``영화@예시.한국``) needs; without it such a message is refused before MAIL.
* ``data_replies=["451 4.3.0 Try again later"]``: the replies to the first DATA commands, in order;
  once used up, DATA answers ``250`` and the message is recorded. Likewise ``auth_replies`` (an
  AUTH answered from this list fails with that reply whatever the password) and ``rcpt_replies``
  (a mapping from recipient address to the reply refusing it).

Only messages answered with ``250`` are recorded in ``messages``: a message the server refused was
not delivered, which is exactly what the retry tests count.
"""

from __future__ import annotations

import email
import email.policy
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

HOST = "127.0.0.1"


# -- TLS material, generated at test time (no key is ever committed) ----------------------------


@dataclass(frozen=True)
class TLSFiles:
    """A self-signed certificate for ``localhost`` and ``127.0.0.1``, and its key."""

    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        """A verifying client context (hostname checked) that trusts only this certificate."""
        return ssl.create_default_context(cafile=str(self.cert))


def make_tls_files(folder: Path) -> TLSFiles:
    """Write a fresh self-signed certificate and key into ``folder``.

    Uses the ``cryptography`` package when installed, else the ``openssl`` command line tool.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        _make_with_cryptography(cert, key)
    except ImportError:
        _make_with_openssl(cert, key)
    return TLSFiles(cert, key)


def _make_with_cryptography(cert_path: Path, key_path: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    # The validity window only has to contain "now"; a wide margin avoids clock-skew flakes.
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=7))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _make_with_openssl(cert_path: Path, key_path: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("need the cryptography package or the openssl tool to make a test cert")
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-nodes", "-days", "7", "-subj", "/CN=localhost",
            "-addext", f"subjectAltName=DNS:localhost,IP:{HOST}",
            "-keyout", str(key_path), "-out", str(cert_path),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


# -- what the server saw ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceivedMessage:
    """One message the server accepted (answered 250 to its DATA)."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    #: the DATA bytes exactly as received (dot-unstuffed, CRLF line ends)
    data: bytes
    #: True when the session was encrypted (STARTTLS or implicit TLS)
    tls: bool
    #: the user name the session logged in as, None when it did not
    login: str | None

    def parsed(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class _Script:
    """The server's programmable state, shared between the test thread and the server thread."""

    auth: tuple[str, str] | None
    data_replies: deque[str]
    auth_replies: deque[str]
    rcpt_replies: dict[str, str]
    require_tls: bool
    lock: threading.Lock = field(default_factory=threading.Lock)
    messages: list[ReceivedMessage] = field(default_factory=list)
    data_attempts: int = 0
    mail_attempts: int = 0
    auth_attempts: list[str] = field(default_factory=list)


def _encrypted(server: SMTP, session: Any) -> bool:
    # aiosmtpd sets session.ssl only after STARTTLS; under implicit TLS the transport itself is
    # the TLS one, so ask it too.
    transport = server.transport
    return session.ssl is not None or (
        transport is not None and transport.get_extra_info("ssl_object") is not None
    )


class _Handler:
    """aiosmtpd handler hooks: MAIL gates on TLS/AUTH, RCPT and DATA answer from the script."""

    def __init__(self, script: _Script) -> None:
        self.script = script

    async def handle_MAIL(
        self, server: SMTP, session: Any, envelope: Any, address: str, mail_options: list[str]
    ) -> str:
        with self.script.lock:
            self.script.mail_attempts += 1
        # Checked here rather than with aiosmtpd's auth_required/require_starttls so the same
        # rules hold under implicit TLS, where aiosmtpd would warn about AUTH without STARTTLS.
        if self.script.require_tls and not _encrypted(server, session):
            return "530 5.7.0 Must issue a STARTTLS command first"
        if self.script.auth is not None and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        refusal = self.script.rcpt_replies.get(address)
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        with self.script.lock:
            self.script.data_attempts += 1
            if self.script.data_replies:
                return self.script.data_replies.popleft()
            # auth_data is what our authenticator accepted (session.login_data is deprecated).
            auth_data = session.auth_data if session.authenticated else None
            self.script.messages.append(
                ReceivedMessage(
                    mail_from=envelope.mail_from,
                    rcpt_tos=tuple(envelope.rcpt_tos),
                    data=bytes(envelope.original_content),
                    tls=_encrypted(server, session),
                    login=auth_data.login.decode()
                    if isinstance(auth_data, LoginPassword)
                    else None,
                )
            )
        return "250 2.0.0 OK queued"

    def authenticate(
        self, server: SMTP, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        login = auth_data.login.decode()
        with self.script.lock:
            self.script.auth_attempts.append(login)
            scripted = self.script.auth_replies.popleft() if self.script.auth_replies else None
        if scripted is not None:
            return AuthResult(success=False, handled=False, message=scripted)
        expected = self.script.auth
        ok = expected is not None and (login, auth_data.password.decode()) == expected
        # A failed AuthResult with handled=False and no message makes aiosmtpd answer 535 5.7.8.
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


class _LoopbackController(Controller):
    """aiosmtpd's threaded controller, bound to a port the OS picks.

    Controller(port=0) does not work: it connects to ``self.port`` to check the server is up. So
    the listening socket is bound here first (no race with other tests, unlike "find a free
    port, close it, hope"), and ``self.port`` is set from it before that check runs.
    """

    def _create_server(self) -> Any:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((HOST, 0))
        self.port = sock.getsockname()[1]
        return self.loop.create_server(self._factory_invoker, sock=sock, ssl=self.ssl_context)

    def factory(self) -> SMTP:
        # Pass the loop explicitly: aiosmtpd would otherwise look it up with get_event_loop().
        return SMTP(self.handler, loop=self.loop, **self.SMTP_kwargs)


class SMTPTestServer:
    """A loopback SMTP server running in its own thread. See the module docstring."""

    def __init__(
        self,
        *,
        tls: TLSFiles | None = None,
        starttls: bool = False,
        implicit_tls: bool = False,
        auth: tuple[str, str] | None = None,
        data_replies: Iterable[str] = (),
        auth_replies: Iterable[str] = (),
        rcpt_replies: Mapping[str, str] | None = None,
        smtputf8: bool = False,
    ) -> None:
        if (starttls or implicit_tls) and tls is None:
            raise ValueError("starttls and implicit_tls need tls=make_tls_files(...)")
        if starttls and implicit_tls:
            raise ValueError("choose one of starttls and implicit_tls")
        self.tls = tls
        self._script = _Script(
            auth=auth,
            data_replies=deque(data_replies),
            auth_replies=deque(auth_replies),
            rcpt_replies=dict(rcpt_replies or {}),
            require_tls=starttls,
        )
        handler = _Handler(self._script)
        # server_hostname is the name in the greeting (the controller's hostname is the bind
        # address).
        smtp_kwargs: dict[str, Any] = {
            "server_hostname": "smtp.test.localhost",
            "ident": "kfilm-tracker test SMTP",
            "enable_SMTPUTF8": smtputf8,
        }
        if auth is not None:
            smtp_kwargs["authenticator"] = handler.authenticate
        if starttls:
            assert tls is not None
            smtp_kwargs["tls_context"] = tls.server_context()
            # MAIL before STARTTLS is refused by the handler; AUTH is offered only after it.
            smtp_kwargs["auth_require_tls"] = True
        else:
            # Implicit TLS: the whole session is encrypted, but aiosmtpd only knows about
            # STARTTLS, so its "AUTH needs TLS" rule would refuse every login. Plaintext
            # (no tls at all): a test server that wants AUTH in the clear, on purpose.
            smtp_kwargs["auth_require_tls"] = False
        ssl_context = tls.server_context() if implicit_tls and tls is not None else None
        self._controller = _LoopbackController(
            handler, hostname=HOST, port=0, ssl_context=ssl_context, **smtp_kwargs
        )

    # -- lifecycle

    def start(self) -> SMTPTestServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> SMTPTestServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- where it listens and what it saw

    @property
    def host(self) -> str:
        return HOST

    @property
    def port(self) -> int:
        return int(self._controller.port)

    @property
    def messages(self) -> list[ReceivedMessage]:
        with self._script.lock:
            return list(self._script.messages)

    @property
    def data_attempts(self) -> int:
        """DATA commands received, accepted or not."""
        with self._script.lock:
            return self._script.data_attempts

    @property
    def mail_attempts(self) -> int:
        """MAIL FROM commands received, accepted or not (0 means no send was even tried)."""
        with self._script.lock:
            return self._script.mail_attempts

    @property
    def auth_attempts(self) -> list[str]:
        """The user names of every AUTH attempt, in order."""
        with self._script.lock:
            return list(self._script.auth_attempts)


def closed_port() -> int:
    """A loopback port nothing listens on (bound then released: connecting is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])
