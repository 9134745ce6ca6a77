"""How far one message got: the steps a sender reports while it sends, so the ledger always knows
where a send stopped.

Owns the vocabulary between a sender (``smtp``, ``outbox``) and the ledger: ``Step``, the
``Progress`` callback a sender calls at each step, and ``ClaimLost``, which that callback raises
when this process no longer holds the right to send (another process took the claim over). Must
not send, touch storage or decide what a step means for the ledger: ``ledger`` does.

The one rule a sender must keep: report ``DATA`` just before the first byte of the message itself
and send nothing of it when that call raises. Everything before ``DATA`` can be tried again
safely; after it, only the server's answer (``ACCEPTED`` or ``REFUSED``) says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

__all__ = ["ClaimLost", "Progress", "Step", "no_progress"]


class Step(StrEnum):
    """A point in one attempt to send one message, in the order a sender reaches them."""

    #: about to open a connection (at the start of every attempt)
    CONNECT = "connect"
    #: greeted, secured and logged in: about to name the sender (MAIL FROM)
    MAIL = "mail"
    #: about to name the recipients (RCPT TO)
    RCPT = "rcpt"
    #: the server is ready for the message (354): its first byte goes next
    DATA = "data"
    #: the server answered the whole message with an error, or not a byte of it could be
    #: written: it was not delivered, and may be tried again
    REFUSED = "refused"
    #: the server answered the whole message with 250: delivered
    ACCEPTED = "accepted"


#: called by a sender at each step; may raise ``ClaimLost`` before ``DATA`` (and at it)
Progress = Callable[[Step], None]


class ClaimLost(Exception):
    """This process no longer holds the claim on the message it was sending (another process
    took it over): stop at once and send nothing more. Not a ``TrackerError``: nothing failed,
    someone else sends it."""


def no_progress(step: Step) -> None:
    """The ``Progress`` of a send that nobody records (a test, a one-off send)."""
