"""One message as it goes on the wire: the SMTP envelope and the DATA bytes.

Owns what ``smtp`` needs to speak MAIL, RCPT and DATA itself (it does, so the ledger can record
the moment the message starts, see ``progress``): the envelope addresses from the headers, the
MAIL parameters a server's extensions call for (SMTPUTF8, 8BITMIME, SIZE), the message flattened
with the SMTP policy, and the DATA payload (CRLF line ends, dot-stuffed, ended by ``.``). Pure:
must not open connections or import an SMTP library.
"""

from __future__ import annotations

import email.generator
import email.policy
import email.utils
import io
import re
from dataclasses import dataclass
from email.headerregistry import AddressHeader
from email.message import EmailMessage

__all__ = ["Wire", "on_the_wire"]

# a lone CR or LF, or a CRLF: each becomes one CRLF (RFC 5321 lines)
_LINE_ENDS = re.compile(rb"\r\n|\r|\n")
# RFC 5321 4.5.2: a line that starts with "." gets one more, so no line is the terminator
_DOT_START = re.compile(rb"(?m)^\.")


@dataclass(frozen=True)
class Wire:
    """What one SMTP transaction sends: ``MAIL FROM:<sender> options``, one ``RCPT TO`` per
    recipient, then ``payload`` after the server's 354."""

    sender: str
    recipients: tuple[str, ...]
    options: tuple[str, ...]
    #: the encoding of the addresses on the command line (utf-8 only with SMTPUTF8)
    encoding: str
    #: the message bytes, dot-stuffed, ending in ``\\r\\n.\\r\\n``
    payload: bytes


def on_the_wire(message: EmailMessage, *, extensions: frozenset[str], utf8_ok: bool) -> Wire | str:
    """The transaction for ``message`` on a server offering ``extensions`` (lower-case EHLO
    keywords), or why it cannot be sent there (a sentence).

    ``utf8_ok``: the server offers SMTPUTF8, which a non-ASCII address needs (RFC 6531).
    Bcc headers are not handled: the digest never has one (one message per recipient).
    """
    sender = _first_address(message, "From")
    recipients = tuple(_addresses(message, "To", "Cc"))
    if sender is None:
        return "the message has no From address"
    if not recipients:
        return "the message has no To address"
    utf8 = not all(address.isascii() for address in (sender, *recipients))
    if utf8 and not utf8_ok:
        return (
            "An address containing non-ASCII characters was provided, but SMTPUTF8 is not "
            "supported by this server"
        )
    eight_bit = "8bitmime" in extensions
    data = _flatten(message, utf8=utf8, eight_bit=eight_bit)
    data = _LINE_ENDS.sub(b"\r\n", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    options: list[str] = []
    if "size" in extensions:
        # RFC 1870: the octets of the message as sent, CRLFs included, before dot-stuffing
        options.append(f"SIZE={len(data)}")
    if utf8:
        options.append("SMTPUTF8")
    if eight_bit:
        options.append("BODY=8BITMIME")
    return Wire(
        sender=sender,
        recipients=recipients,
        options=tuple(options),
        encoding="utf-8" if utf8 else "ascii",
        payload=_DOT_START.sub(b"..", data) + b".\r\n",
    )


def _flatten(message: EmailMessage, *, utf8: bool, eight_bit: bool) -> bytes:
    # The message keeps its own header objects (message._policy folds List-Unsubscribe between
    # its URIs), so any SMTP policy writes them the same way; only the body's transfer
    # encoding depends on what the server accepts.
    policy = email.policy.SMTPUTF8 if utf8 else email.policy.SMTP
    if not eight_bit:
        policy = policy.clone(cte_type="7bit")
    with io.BytesIO() as out:
        email.generator.BytesGenerator(out, policy=policy).flatten(message)
        return out.getvalue()


def _addresses(message: EmailMessage, *headers: str) -> list[str]:
    found: list[str] = []
    for header in headers:
        for value in message.get_all(header, []):
            if isinstance(value, AddressHeader):
                # parsed already, Hangul addresses included: take each addr-spec as it is
                found += [address.addr_spec for address in value.addresses]
            else:
                found += [a for _, a in email.utils.getaddresses([str(value)]) if a]
    return found


def _first_address(message: EmailMessage, header: str) -> str | None:
    found = _addresses(message, header)
    return found[0] if found else None
