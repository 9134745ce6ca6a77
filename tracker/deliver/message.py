"""The digest as an email: one ``multipart/alternative`` message and its Message-ID.

Owns the stdlib ``EmailMessage`` layout of a digest (``build_message``: text first, then HTML;
headers encoded by the SMTP policy; automated-mail headers) and its deterministic Message-ID
(``message_id_for``). Must not render templates, send, read the config, the environment or the
clock: the caller passes everything in an ``Envelope``.
"""

from __future__ import annotations

import email.policy
import email.utils
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from tracker.types import RenderedDigest

#: builds the message for one recipient: (recipient, message_id) -> EmailMessage
Compose = Callable[[str, str], EmailMessage]


@dataclass(frozen=True)
class Envelope:
    """Everything one digest email says, computed by the caller (no clock, no config here)."""

    sender: str
    recipient: str
    subject: str
    html: str
    text: str
    #: deterministic, see ``message_id_for``: a resent digest keeps its id, so clients dedupe it
    message_id: str
    #: aware; becomes the Date header
    date: datetime
    #: e.g. ``Korean film weekly <weekly.kfilm-tracker.localhost>`` (RFC 2919), lets readers
    #: filter the digest
    list_id: str

    def __post_init__(self) -> None:
        if self.date.tzinfo is None or self.date.utcoffset() is None:
            # A naive date would be sent as "-0000" (unknown zone): a bug in the caller.
            raise ValueError("Envelope.date must be timezone-aware")


def message_id_for(week: str, recipient: str, domain: str = "kfilm-tracker") -> str:
    """The Message-ID of one week's digest to one recipient, e.g. ``<2026-W47.1f2e...@domain>``.

    Deterministic so a digest sent twice (a crash between sending and recording it) is the same
    message to the reader's client. The address is hashed, not spelled out, so the id does not
    leak it when a reader forwards the digest; it is trimmed and lower-cased first because
    ``Reader@Example.com`` and ``reader@example.com`` are one mailbox in practice.
    """
    digest = hashlib.sha256(recipient.strip().lower().encode("utf-8")).hexdigest()[:16]
    return f"<{week}.{digest}@{domain}>"


def build_message(envelope: Envelope) -> EmailMessage:
    """A ``multipart/alternative`` message: text/plain first, then text/html (the preferred one,
    so it comes last per RFC 2046). Header values are encoded by the SMTP policy: a Hangul
    subject goes out as RFC 2047 encoded words and decodes back exactly."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = envelope.sender
    message["To"] = envelope.recipient
    # Feed titles can carry line breaks into a subject template; a header must be one line.
    message["Subject"] = " ".join(envelope.subject.split())
    message["Date"] = email.utils.format_datetime(envelope.date)
    message["Message-ID"] = envelope.message_id
    message["List-Id"] = envelope.list_id
    # RFC 3834: automated mail. Asks vacation responders and Exchange not to answer a digest.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(envelope.text)
    message.add_alternative(envelope.html, subtype="html")
    if "MIME-Version" not in message:  # set_content adds it; keep the guarantee explicit
        message["MIME-Version"] = "1.0"
    return message


def composer(
    sender: str, rendered: RenderedDigest, *, list_id: str, now: Callable[[], datetime]
) -> Compose:
    """How to build one rendered digest's message for each recipient (dated when built)."""

    def compose(recipient: str, message_id: str) -> EmailMessage:
        return build_message(
            Envelope(
                sender=sender,
                recipient=recipient,
                subject=rendered.subject,
                html=rendered.html,
                text=rendered.text,
                message_id=message_id,
                date=now(),
                list_id=list_id,
            )
        )

    return compose
