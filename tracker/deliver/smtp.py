"""Sending a digest over SMTP: the only code that imports ``aiosmtplib``.

Owns ``SmtpSender``: TLS made explicit (STARTTLS, implicit TLS, or none only on purpose), the
mail transaction spoken step by step (MAIL, RCPT, DATA, then the message: each step reported to
the caller's ``Progress``, so the ledger knows when the message itself started), bounded retries
of what failed before the message was sent, and every ``aiosmtplib``, ``ssl`` and OS error turned
into a ``DeliveryError`` (``temporary`` says whether retrying may help;
``DeliveryUnknownError`` when the message was sent and no answer came: never retried).

Must not build messages, render templates, read the config file, the environment or the clock,
nor decide who gets a digest or whether one was already sent: the caller passes the password
(read from the variable named by ``[smtp] password_env``). The password never appears in a log
line, an exception message or a ``repr``.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable, Sequence
from email.message import EmailMessage
from typing import Literal, NoReturn

import aiosmtplib

from tracker.deliver.progress import ClaimLost, Progress, Step, no_progress
from tracker.deliver.wire import Wire, on_the_wire
from tracker.exceptions import DeliveryError, DeliveryUnknownError

__all__ = ["Security", "SmtpSender"]

log = logging.getLogger(__name__)

Security = Literal["starttls", "tls", "none"]
_SECURITIES: tuple[str, ...] = ("starttls", "tls", "none")


# -- SMTP ---------------------------------------------------------------------------------------

# aiosmtplib exceptions worth a retry: the server or the network may be fine a minute later.
_TRANSIENT: tuple[type[BaseException], ...] = (
    aiosmtplib.SMTPConnectError,
    aiosmtplib.SMTPServerDisconnected,
    aiosmtplib.SMTPTimeoutError,
    OSError,
)


class SmtpSender:
    """Sends a message over SMTP with TLS made explicit, bounded retries and clear errors.

    ``security``:

    * ``"starttls"``: connect in plaintext, then STARTTLS is *required*: a server that does not
      offer it gets nothing, not even the login (aiosmtplib's default ``start_tls=None`` would
      quietly go on in plaintext). The EHLO check is done here rather than by aiosmtplib's
      ``start_tls=True`` so the refusal is our own clear ``DeliveryError``.
    * ``"tls"``: implicit TLS from the first byte (``use_tls=True``), usually port 465.
    * ``"none"``: plaintext (``use_tls=False, start_tls=False``), for a local relay only.

    ``tls_context`` defaults to aiosmtplib's verified context (certificate and host name
    checked); tests pass one that trusts their self-signed certificate.

    Temporary failures (4xx replies, connection errors, timeouts) are retried ``retries`` times,
    waiting ``backoff[i]`` (the last value repeats) through the injected ``sleep``; permanent ones
    (5xx, a refused login, a bad certificate) raise at once. Once the message itself was sent,
    a timeout or a lost connection is not temporary but unknown (``DeliveryUnknownError``): the
    server may have it, so it is never sent again by itself. A 4xx answer to the message is
    temporary: the server said it did not take it.
    """

    def __init__(
        self,
        *,
        host: str,
        port: int,
        security: Security,
        username: str | None,
        password: str | None,
        timeout: float,
        retries: int = 3,
        backoff: Sequence[float] = (1.0, 4.0, 15.0),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        tls_context: ssl.SSLContext | None = None,
        password_env: str | None = None,
        local_hostname: str | None = None,
    ) -> None:
        if security not in _SECURITIES:
            raise ValueError(f"security must be one of {_SECURITIES}, not {security!r}")
        if retries < 0:
            raise ValueError("retries must be >= 0")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.host = host
        self.port = port
        self.security: Security = security
        self.username = username
        # Kept private and out of __repr__; only handed to aiosmtplib's login().
        self._password = password
        self.timeout = timeout
        self.retries = retries
        self.backoff = tuple(backoff)
        self._sleep = sleep
        self._tls_context = tls_context
        self.password_env = password_env
        #: the EHLO name; None lets aiosmtplib use the machine's FQDN
        self.local_hostname = local_hostname

    def __repr__(self) -> str:
        password = "<set>" if self._password else "<unset>"
        return (
            f"SmtpSender(host={self.host!r}, port={self.port}, security={self.security!r}, "
            f"username={self.username!r}, password={password}, timeout={self.timeout}, "
            f"retries={self.retries})"
        )

    @property
    def _where(self) -> str:
        return f"{self.host}:{self.port}"

    async def send(self, message: EmailMessage, *, progress: Progress = no_progress) -> str:
        """Send ``message`` to the addresses in its To/Cc headers; return the server's reply to
        the message (e.g. ``2.0.0 OK queued as ABC123``). ``progress`` hears each step; when it
        raises ``ClaimLost`` the session ends at once, before any byte of the message."""
        attempt = 0
        while True:
            try:
                return await self._send_once(message, progress)
            except DeliveryError as error:
                if not error.temporary:
                    raise
                if attempt >= self.retries:
                    tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
                    raise DeliveryError(
                        f"{error.message} (gave up after {tries})",
                        temporary=True,
                        hint=error.hint,
                    ) from error.__cause__
                delay = self._delay(attempt)
                attempt += 1
                log.warning(
                    "SMTP delivery to %s failed (%s); retry %d of %d in %.0fs",
                    self._where,
                    error.message,
                    attempt,
                    self.retries,
                    delay,
                )
                await self._sleep(delay)

    def _delay(self, attempt: int) -> float:
        if not self.backoff:
            return 0.0
        return self.backoff[min(attempt, len(self.backoff) - 1)]

    async def _send_once(self, message: EmailMessage, progress: Progress) -> str:
        progress(Step.CONNECT)
        smtp = aiosmtplib.SMTP(
            hostname=self.host,
            port=self.port,
            use_tls=self.security == "tls",
            # Never None (aiosmtplib's "upgrade if offered, else plaintext"): STARTTLS is done
            # explicitly below so a server without it is refused, not used in the clear.
            start_tls=False,
            timeout=self.timeout,
            tls_context=self._tls_context,
            local_hostname=self.local_hostname,
        )
        session = _Session()
        try:
            try:
                await smtp.connect()
                if self.security == "starttls":
                    await self._starttls(smtp)
                if self.username is not None:
                    await smtp.login(self.username, self._password or "")
                reply, refused = await self._transaction(smtp, message, progress, session)
            except ClaimLost:
                # Someone else sends it now. Inside DATA a QUIT would only become a line of
                # the message: hang up instead, so the server drops the unfinished message.
                if not session.in_data:
                    await self._quit_quietly(smtp)
                raise
            except DeliveryError:
                await self._quit_quietly(smtp)
                raise
            except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused) as e:
                # The server is still talking to us: end the session properly before failing.
                await self._quit_quietly(smtp)
                self._translate(e)
            except (aiosmtplib.SMTPException, OSError) as e:
                self._translate(e)
            # The server has the message now: nothing after this point may cause a resend.
            if refused:
                log.warning(
                    "SMTP server %s refused some recipients: %s",
                    self._where,
                    ", ".join(f"{rcpt} ({r.code} {r.message})" for rcpt, r in refused.items()),
                )
            await self._quit_quietly(smtp)
            return reply
        finally:
            _hang_up(smtp)

    async def _transaction(
        self, smtp: aiosmtplib.SMTP, message: EmailMessage, progress: Progress, session: _Session
    ) -> tuple[str, dict[str, aiosmtplib.SMTPResponse]]:
        """MAIL, RCPT and DATA spoken here rather than by ``send_message``, so the moment the
        message itself starts is ours to report (``Step.DATA``), and a timeout after it is
        told apart from one before it."""
        await _hello(smtp)
        wire = on_the_wire(
            message,
            extensions=frozenset(smtp.esmtp_extensions),
            utf8_ok=smtp.supports_extension("smtputf8"),
        )
        if isinstance(wire, str):
            raise aiosmtplib.SMTPNotSupported(wire)
        progress(Step.MAIL)
        await smtp.mail(wire.sender, options=wire.options, encoding=wire.encoding)
        progress(Step.RCPT)
        refused: dict[str, aiosmtplib.SMTPResponse] = {}
        errors: list[aiosmtplib.SMTPRecipientRefused] = []
        for recipient in wire.recipients:
            try:
                await smtp.rcpt(recipient, encoding=wire.encoding)
            except aiosmtplib.SMTPRecipientRefused as e:
                errors.append(e)
                refused[recipient] = aiosmtplib.SMTPResponse(e.code, e.message)
        if len(errors) == len(wire.recipients):
            raise aiosmtplib.SMTPRecipientsRefused(errors)
        start = await smtp.execute_command(b"DATA")
        if start.code != aiosmtplib.SMTPStatus.start_input:
            raise aiosmtplib.SMTPDataError(start.code, start.message)
        session.in_data = True
        progress(Step.DATA)
        answer = await self._message(smtp, wire, progress)
        session.in_data = False
        if answer.code != aiosmtplib.SMTPStatus.completed:
            progress(Step.REFUSED)
            raise aiosmtplib.SMTPDataError(answer.code, answer.message)
        progress(Step.ACCEPTED)
        return answer.message, refused

    async def _message(
        self, smtp: aiosmtplib.SMTP, wire: Wire, progress: Progress
    ) -> aiosmtplib.SMTPResponse:
        """Write the message after the server's 354 and read its answer.

        Until the bytes are handed to the connection nothing is sent, and a failure is an
        ordinary (temporary) one. After that, no answer means nobody knows whether the server
        kept it: the server may have written it to its queue and lost us before it could say
        so (a slow final "." delivered the same digest four times when this was retried).
        """
        protocol = smtp.protocol
        try:
            if protocol is None:
                raise aiosmtplib.SMTPServerDisconnected("Connection lost")
            # aiosmtplib's own data() does exactly this, with no moment between the 354 and
            # the message for us; its command lock is not needed, no one else uses smtp.
            protocol.write(wire.payload)
        except (aiosmtplib.SMTPException, OSError):
            progress(Step.REFUSED)
            raise
        try:
            return await protocol.read_response(timeout=self.timeout)
        except (aiosmtplib.SMTPException, OSError) as e:
            smtp.close()
            raise DeliveryUnknownError(
                f"SMTP server {self._where} took the whole message and gave no answer "
                f"({_describe(e)}): it may or may not have arrived"
            ) from e

    async def _quit_quietly(self, smtp: aiosmtplib.SMTP) -> None:
        """Say QUIT if the session is still open; a failure here changes nothing we report."""
        if not smtp.is_connected:
            return
        # quit() starts a graceful close of the (TLS) transport and forgets it: keep it to
        # finish the job in _hang_up.
        transport = smtp.transport
        try:
            await smtp.quit()
        except (aiosmtplib.SMTPException, OSError) as e:
            log.debug("SMTP QUIT to %s failed: %s", self._where, e)
        finally:
            _hang_up(smtp, transport)

    async def _starttls(self, smtp: aiosmtplib.SMTP) -> None:
        await smtp.ehlo()
        if not smtp.supports_extension("starttls"):
            raise DeliveryError(
                f"SMTP server {self._where} does not offer STARTTLS; "
                "not sending the login or the message in plaintext",
                temporary=False,
                hint='use [smtp] security = "tls" if the server expects TLS from the first byte '
                '(usually port 465), or "none" only for a trusted local relay',
            )
        await smtp.starttls()

    def _fail(self, message: str, *, temporary: bool, hint: str | None = None) -> DeliveryError:
        # Defence in depth: no server reply should echo the password, but never let one through.
        if self._password:
            message = message.replace(self._password, "***")
        return DeliveryError(message, temporary=temporary, hint=hint)

    def _translate(self, e: aiosmtplib.SMTPException | OSError) -> NoReturn:
        """Raise the DeliveryError that says what went wrong with ``e``, chained from it."""
        where = self._where
        tls_error = _cause(e, ssl.SSLError)
        if isinstance(e, aiosmtplib.SMTPAuthenticationError):
            if 400 <= e.code < 500:
                # RFC 4954's 454: the server could not check the login just now.
                raise self._fail(
                    f"SMTP server {where} could not check the login for user {self.username} "
                    f"right now ({e.code} {e.message})",
                    temporary=True,
                ) from e
            secret = f"${self.password_env}" if self.password_env else "the configured password"
            raise self._fail(
                f"SMTP server {where} rejected the login for user {self.username} "
                f"({e.code} {e.message}): check [smtp] username and the password in {secret}",
                temporary=False,
            ) from e
        if isinstance(e, aiosmtplib.SMTPRecipientsRefused):
            codes = [r.code for r in e.recipients]
            who = ", ".join(f"{r.recipient} ({r.code} {r.message})" for r in e.recipients)
            # Greylisting and full mailboxes answer 4xx at RCPT: worth another try.
            temporary = bool(codes) and all(400 <= c < 500 for c in codes)
            raise self._fail(
                f"SMTP server {where} refused the recipient {who}",
                temporary=temporary,
                hint=None if temporary else "check the address in [digest] recipients",
            ) from e
        if isinstance(e, aiosmtplib.SMTPSenderRefused):
            raise self._fail(
                f"SMTP server {where} refused the sender {e.sender} ({e.code} {e.message})",
                temporary=400 <= e.code < 500,
                hint="check [digest] sender: many servers only accept your own address",
            ) from e
        if tls_error is not None:
            # Certificate or protocol trouble does not fix itself by retrying.
            raise self._fail(
                f"TLS with SMTP server {where} failed: {_describe(tls_error)}",
                temporary=False,
                hint="check [smtp] host, port and security (STARTTLS is usually port 587, "
                "implicit TLS port 465) and that the server's certificate is valid",
            ) from e
        if isinstance(e, aiosmtplib.SMTPResponseException):
            raise self._fail(
                f"SMTP server {where} answered {e.code} {e.message}",
                temporary=400 <= e.code < 500,
            ) from e
        if isinstance(e, aiosmtplib.SMTPTimeoutError):
            # A plaintext client waiting for the greeting of an implicit-TLS server (port 465)
            # times out exactly like this: say so.
            greeting = isinstance(e, aiosmtplib.SMTPConnectTimeoutError)
            raise self._fail(
                f"SMTP server {where} did not answer within {self.timeout:g}s ({_describe(e)})",
                temporary=True,
                hint="if the server expects TLS from the first byte (usually port 465), set "
                '[smtp] security = "tls"'
                if greeting and self.security != "tls"
                else None,
            ) from e
        if isinstance(e, _TRANSIENT):
            raise self._fail(
                f"could not talk to SMTP server {where}: {_describe(e)}",
                temporary=True,
                hint="check [smtp] host and port, and that the server is reachable",
            ) from e
        # The rest (SMTPNotSupported, "AUTH not supported", ...) is about what the server
        # offers: asking again will not change it.
        raise self._fail(f"SMTP server {where}: {_describe(e)}", temporary=False) from e


class _Session:
    """Where one session is, for the error paths: inside DATA a QUIT would be message text."""

    in_data = False


async def _hello(smtp: aiosmtplib.SMTP) -> None:
    """EHLO, or HELO from a server that refuses it, once per session (after STARTTLS again):
    the extensions decide the MAIL parameters."""
    if not smtp.is_ehlo_or_helo_needed:
        return
    try:
        await smtp.ehlo()
    except aiosmtplib.SMTPHeloError:
        if not smtp.is_connected:
            raise
        await smtp.helo()


def _hang_up(smtp: aiosmtplib.SMTP, transport: asyncio.BaseTransport | None = None) -> None:
    """Drop the connection now, once QUIT was answered or an error ended the session.

    Abort rather than close: a TLS close waits for the server's close_notify, which can outlive
    the caller's event loop (``asyncio.run`` returns at once) and leave the socket to the garbage
    collector with a ResourceWarning. After a 221 reply, or an error, there is nothing left to
    flush. An abort closes the socket on the loop's next iteration.
    """
    for open_transport in (transport, smtp.transport):
        if isinstance(open_transport, asyncio.WriteTransport):
            open_transport.abort()
    if smtp.is_connected:
        smtp.close()


def _cause(error: BaseException, kind: type[ssl.SSLError]) -> ssl.SSLError | None:
    """The first exception of type ``kind`` in ``error``'s cause/context chain (aiosmtplib wraps
    TLS failures in SMTPConnectError)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    return text or type(error).__name__
