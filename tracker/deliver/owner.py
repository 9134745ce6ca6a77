"""Who holds a claim: this process's owner name, and whether the process behind one has ended.

Owns the owner format, ``host:pid:nonce`` (the nonce tells two processes apart that got the same
pid, e.g. one after the other in a container), and the liveness check the ledger uses to take
over a claim left by a crash at once instead of waiting for it to go stale. Must not touch
storage or decide anything: a ``True`` from ``owner_gone`` is only ever a hint, because the
ledger fences every step (a wrong guess costs a retry, never a second copy).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable

__all__ = ["owner_gone", "process_owner", "running"]


def process_owner(host: str | None = None, pid: int | None = None) -> str:
    """A new owner name for this process: ``host:pid:nonce``."""
    host = socket.gethostname() if host is None else host
    pid = os.getpid() if pid is None else pid
    return f"{host}:{pid}:{uuid.uuid4().hex[:8]}"


def running(pid: int) -> bool:
    """Whether a process with this pid exists on this machine (a zombie counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # it exists, run by someone else
        return True
    except OSError:
        # cannot tell: say running, so the claim waits to go stale instead
        return True
    return True


def owner_gone(
    owner: str | None,
    *,
    host: str | None = None,
    alive: Callable[[int], bool] = running,
) -> bool:
    """True only when ``owner`` names a process on this host that is no longer running.

    An owner on another host, an unreadable one, or none at all is never "gone": only its age
    can tell (the ledger's lease). Another host's pids mean nothing here, and a container
    with the same host name but its own pids is safe too: the fencing makes a wrong answer a
    harmless takeover.
    """
    if not owner:
        return False
    name, _, rest = owner.partition(":")
    pid_text, _, _nonce = rest.partition(":")
    if not pid_text.isdigit():
        return False
    if name != (socket.gethostname() if host is None else host):
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        # this very process: it is running, whatever it holds
        return False
    return not alive(pid)
