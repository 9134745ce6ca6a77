"""Telling systemd how the daemon is: the ``sd_notify`` datagram protocol, in the standard library.

Owns the protocol: where ``NOTIFY_SOCKET`` points (a file system path, or an abstract socket
name written with a leading ``@``), the messages (``READY=1``, ``WATCHDOG=1``, ``STOPPING=1``,
``STATUS=...``), and the watchdog's pace (half of ``WATCHDOG_USEC``, and only when
``WATCHDOG_PID`` is unset or names this process). Does nothing at all when ``NOTIFY_SOCKET`` is
unset: not under systemd, or a unit without ``Type=notify``.

Must not decide when to notify (the daemon does), read the environment itself (the caller hands
it a mapping, so tests need no monkeypatching) or link libsystemd: the protocol is one datagram
of ``KEY=value`` lines on an ``AF_UNIX`` socket. A message that cannot be sent is logged once
and never stops the daemon: systemd missing a ping is its own signal.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Mapping
from datetime import timedelta

log = logging.getLogger("tracker.notify")

#: how long one send may block the event loop: systemd reads its socket at once, so this is
#: only reached when the listener is gone or stuck, and then a lost ping is the right outcome
SEND_TIMEOUT = 1.0


def socket_address(value: str) -> str | bytes | None:
    """The address ``NOTIFY_SOCKET`` names: a path as is, ``@name`` as the abstract name (a NUL
    byte, then the name), anything else (empty, relative) as None, which disables notifying."""
    if value.startswith("@") and len(value) > 1:
        return b"\0" + value[1:].encode()
    if value.startswith("/"):
        return value
    return None


def watchdog_interval(env: Mapping[str, str], pid: int) -> timedelta | None:
    """How often to send ``WATCHDOG=1``: half of ``WATCHDOG_USEC`` (systemd's advice, so one
    late ping never trips it), or None when no watchdog is asked of this process."""
    owner = env.get("WATCHDOG_PID", "").strip()
    if owner and owner != str(pid):
        return None  # the watchdog belongs to another process (our parent, a wrapper)
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    return timedelta(microseconds=usec / 2)


class Notifier:
    """Sends state changes to the service manager; every method is a no-op when disabled."""

    def __init__(
        self, address: str | bytes | None = None, *, watchdog: timedelta | None = None
    ) -> None:
        self.address = address
        #: the pace of ``WATCHDOG=1``; None when no watchdog was asked for
        self.watchdog_interval = watchdog if address is not None else None
        self._socket: socket.socket | None = None
        self._failed = False

    @classmethod
    def from_environ(cls, env: Mapping[str, str], pid: int) -> Notifier:
        """The notifier the environment asks for (``NOTIFY_SOCKET``, ``WATCHDOG_USEC``,
        ``WATCHDOG_PID``); ``pid`` is this process, which the watchdog must belong to."""
        address = socket_address(env.get("NOTIFY_SOCKET", ""))
        return cls(address, watchdog=watchdog_interval(env, pid))

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def ready(self, status: str | None = None) -> bool:
        return self.send("READY=1", *_status(status))

    def watchdog(self) -> bool:
        return self.send("WATCHDOG=1") if self.watchdog_interval is not None else False

    def stopping(self, status: str | None = None) -> bool:
        return self.send("STOPPING=1", *_status(status))

    def status(self, text: str) -> bool:
        return self.send(*_status(text))

    def send(self, *fields: str) -> bool:
        """Send ``fields`` as one datagram of newline-separated ``KEY=value`` lines; True when
        it was sent, False when disabled or when the socket refused it (logged once)."""
        if self.address is None or not fields:
            return False
        data = "\n".join(fields).encode()
        try:
            if self._socket is None:
                # CLOEXEC: a parser worker or any child must not hold (or use) our channel
                self._socket = socket.socket(
                    socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC
                )
                self._socket.settimeout(SEND_TIMEOUT)
            self._socket.sendto(data, self.address)
        except OSError as error:
            if not self._failed:
                self._failed = True
                log.warning("cannot notify the service manager (%s): %s", fields[0], error)
            return False
        self._failed = False
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _status(text: str | None) -> tuple[str, ...]:
    # one line: a newline would start a new KEY=value field
    return (f"STATUS={' '.join(text.split())}",) if text else ()
