"""The digest as an email: one ``multipart/alternative`` message and its Message-ID.

Owns the stdlib ``EmailMessage`` layout of a digest (``build_message``: text first, then HTML;
headers encoded by the SMTP policy; automated-mail headers), its deterministic Message-ID
(``message_id_for``) and its unsubscribe headers (RFC 2369 ``List-Unsubscribe``, RFC 8058
one-click; ``unsubscribe_uris``). Must not render templates, send, read the config, the
environment or the clock: the caller passes everything in an ``Envelope``.
"""

from __future__ import annotations

import email.policy
import email.utils
import hashlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import Policy
from html import escape
from urllib.parse import quote

from tracker.types import RenderedDigest

#: the placeholder of ``[digest] unsubscribe_url`` replaced by each recipient's address
RECIPIENT_PLACEHOLDER = "{recipient}"
#: RFC 8058: the body a mail client POSTs to the https URI; the header says it may
ONE_CLICK = "List-Unsubscribe=One-Click"
#: between the ``<URI>``s of an RFC 2369 header (a URI never holds ``>``: it is encoded)
_BETWEEN_URIS = re.compile(r"(?<=>)\s*,\s*(?=<)")


class _UriListHeader(UnstructuredHeader, BaseHeader):
    """An RFC 2369 header (``<URI>, <URI>``), folded between its URIs and only there.

    The stdlib folds an unstructured header whose word is longer than a line by rewriting it
    as RFC 2047 encoded words (``=?utf-8?q?=3Chttps...?=``): that still decodes in Python, but
    mail clients read ``List-Unsubscribe`` as URIs and do not decode it, so the unsubscribe
    button would vanish. The URIs are ASCII (``unsubscribe_uris`` quotes them), so they are
    written as they are, one to a line when the whole does not fit. A single URI longer than
    the line stays whole (RFC 5322's hard limit is 998 characters; an address is at most 254).
    """

    def fold(self, *, policy: Policy) -> str:
        uris = _BETWEEN_URIS.split(str(self))
        one_line = f"{self.name}: {', '.join(uris)}"
        if len(one_line) <= (policy.max_line_length or sys.maxsize):
            return one_line + policy.linesep
        return f"{self.name}: " + f",{policy.linesep} ".join(uris) + policy.linesep


def _policy() -> email.policy.EmailPolicy[EmailMessage]:
    # Its own registry: mapping the header on email.policy.SMTP's would change every message
    # in the process. A message built with it keeps its header objects, so the policy that
    # writes it later (aiosmtplib's, the outbox's) folds them the same way.
    registry = HeaderRegistry()
    registry.map_to_type("list-unsubscribe", _UriListHeader)
    return email.policy.SMTP.clone(header_factory=registry)


_POLICY = _policy()

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
    #: the https page where this recipient unsubscribes (``{recipient}`` already filled in, see
    #: ``unsubscribe_url_for``); None: the mailto alone
    unsubscribe_url: str | None = None

    def __post_init__(self) -> None:
        if self.date.tzinfo is None or self.date.utcoffset() is None:
            # A naive date would be sent as "-0000" (unknown zone): a bug in the caller.
            raise ValueError("Envelope.date must be timezone-aware")
        if self.unsubscribe_url is not None and not (
            self.unsubscribe_url.isascii() and self.unsubscribe_url.lower().startswith("https://")
        ):
            # the config allows only these; anything else is a bug in the caller
            raise ValueError("Envelope.unsubscribe_url must be an ASCII https:// URL")


def message_id_for(week: str, recipient: str, domain: str = "kfilm-tracker") -> str:
    """The Message-ID of one week's digest to one recipient, e.g. ``<2026-W47.1f2e...@domain>``.

    Deterministic so a digest sent twice (a crash between sending and recording it) is the same
    message to the reader's client. The address is hashed, not spelled out, so the id does not
    leak it when a reader forwards the digest; it is trimmed and lower-cased first because
    ``Reader@Example.com`` and ``reader@example.com`` are one mailbox in practice.
    """
    digest = hashlib.sha256(recipient.strip().lower().encode("utf-8")).hexdigest()[:16]
    return f"<{week}.{digest}@{domain}>"


def unsubscribe_url_for(template: str, recipient: str) -> str:
    """``[digest] unsubscribe_url`` for one recipient: each ``{recipient}`` replaced by the
    address, URL-quoted whole (``@`` is ``%40``, Hangul its UTF-8 bytes), so the page that
    receives the one-click POST knows who, and no address can add a query parameter."""
    return template.replace(RECIPIENT_PLACEHOLDER, quote(recipient, safe=""))


def unsubscribe_mailto(sender: str, recipient: str | None = None) -> str | None:
    """``mailto:SENDER?subject=unsubscribe%20RECIPIENT`` (RFC 6068), or None when ``sender``
    holds no address. The subject says who: one sender serves every recipient. Without a
    recipient, the digest's footer link (``subject=unsubscribe``), made personal per message
    by ``personalise``."""
    address = email.utils.parseaddr(sender)[1]
    if not address:
        return None
    # RFC 6068: percent-encoded UTF-8; a space is %20 (never "+", which some clients would
    # keep). "@" may stay as it is; "+" (you+films@) is encoded, so no client reads a space.
    to = quote(address, safe="@")
    subject = quote(f"unsubscribe {recipient}" if recipient else "unsubscribe", safe="@")
    return f"mailto:{to}?subject={subject}"


def personalise(
    rendered: RenderedDigest, sender: str, recipient: str, unsubscribe_url: str | None
) -> RenderedDigest:
    """One recipient's copy of a digest rendered once for all: the footer's unsubscribe links
    (the shared ``mailto:`` and ``[digest] unsubscribe_url`` with its ``{recipient}``) become
    this recipient's. Only those exact links change; feed text is never touched."""
    html, text = rendered.html, rendered.text
    swaps = []
    shared = unsubscribe_mailto(sender)
    mine = unsubscribe_mailto(sender, recipient)
    if shared and mine:
        swaps.append((shared, mine))
    if unsubscribe_url and RECIPIENT_PLACEHOLDER in unsubscribe_url:
        swaps.append((unsubscribe_url, unsubscribe_url_for(unsubscribe_url, recipient)))
    for old, new in swaps:
        # the HTML holds links escaped as an attribute (Jinja's autoescape: & becomes &amp;)
        html = html.replace(f'href="{escape(old)}"', f'href="{escape(new)}"')
        text = text.replace(old, new)
    return RenderedDigest(subject=rendered.subject, html=html, text=text)


def unsubscribe_uris(envelope: Envelope) -> list[str]:
    """The ``List-Unsubscribe`` URIs in order of preference (RFC 2369): the https page first
    (one click, no mail to write), then the mailto every client can use."""
    mailto = unsubscribe_mailto(envelope.sender, envelope.recipient)
    return [uri for uri in (envelope.unsubscribe_url, mailto) if uri]


def build_message(envelope: Envelope) -> EmailMessage:
    """A ``multipart/alternative`` message: text/plain first, then text/html (the preferred one,
    so it comes last per RFC 2046). Header values are encoded by the SMTP policy: a Hangul
    subject goes out as RFC 2047 encoded words and decodes back exactly."""
    message = EmailMessage(policy=_POLICY)
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
    uris = unsubscribe_uris(envelope)
    if uris:
        message["List-Unsubscribe"] = ", ".join(f"<{uri}>" for uri in uris)
    if envelope.unsubscribe_url:
        # RFC 8058: only with an https URI, which receives the POST; never for mailto alone
        message["List-Unsubscribe-Post"] = ONE_CLICK
    message.set_content(envelope.text)
    message.add_alternative(envelope.html, subtype="html")
    if "MIME-Version" not in message:  # set_content adds it; keep the guarantee explicit
        message["MIME-Version"] = "1.0"
    return message


def composer(
    sender: str,
    rendered: RenderedDigest,
    *,
    list_id: str,
    now: Callable[[], datetime],
    unsubscribe_url: str | None = None,
) -> Compose:
    """How to build one rendered digest's message for each recipient (dated when built).
    ``unsubscribe_url`` is ``[digest] unsubscribe_url``, filled in for each recipient."""

    def compose(recipient: str, message_id: str) -> EmailMessage:
        mine = personalise(rendered, sender, recipient, unsubscribe_url)
        return build_message(
            Envelope(
                sender=sender,
                recipient=recipient,
                subject=rendered.subject,
                html=mine.html,
                text=mine.text,
                message_id=message_id,
                date=now(),
                list_id=list_id,
                unsubscribe_url=(
                    unsubscribe_url_for(unsubscribe_url, recipient) if unsubscribe_url else None
                ),
            )
        )

    return compose
