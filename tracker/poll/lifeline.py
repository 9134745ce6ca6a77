"""Parser workers end when the process that started them ends, however it ends (kill -9 too).

Owns the lifeline: a pipe whose write end only the parent (the poll, the daemon) holds and never
writes to. Every worker gets the read end when it starts (``arm``, the pool's initializer) and a
thread that blocks reading it. The read returns only once no write end is left open, which
happens when the parent has exited: the kernel closes a dead process's files, so this holds for
``kill -9`` as for SIGTERM or a crash. The thread then ends the worker at once (``os._exit``:
nobody is left to answer, and nothing of a worker's needs flushing).

With the workers gone, the rest goes by itself: the fork server exits when its "alive" pipe
closes (multiprocessing hands every worker a copy of that pipe's write end, which is why the
workers kept it alive), and the resource tracker exits when the last process holding its pipe
(parent, fork server, workers) is gone. Without the lifeline a killed poll left all four (two
workers, the fork server, the resource tracker) running forever.

Why not ``PR_SET_PDEATHSIG`` alone: a worker's parent is the fork server, not the poll; and the
fork server's parent is the *thread* of the poll that started it (prctl(2)), which may be a pool
thread that ends long before the poll. A pipe knows processes, not threads, and needs no Linux.
The one case it does not cover: a worker stuck inside one C call that never releases the GIL
when its parent dies ends only when that call returns (while the parent lives, the parse
deadline kills such a worker).

Must not know what the workers run, nor start processes: ``tracker.poll.workers`` does both.
"""

from __future__ import annotations

import contextlib
import multiprocessing.context
import os
import threading
from multiprocessing.connection import Connection

__all__ = ["Lifeline", "arm"]

#: a worker's exit status when its parent is gone (nobody reads it; it tells a debugger why)
ORPHANED = 70


class Lifeline:
    """The parent's end of the pipe (held open while workers may run) and the end workers get."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        # os.pipe underneath: both ends are close-on-exec, so no other program inherits the
        # write end and keeps the workers alive after the parent has gone
        self.reader, self._writer = context.Pipe(duplex=False)

    def close(self) -> None:
        """Cut the lifeline: any worker still running ends now."""
        self._writer.close()
        self.reader.close()


def arm(reader: Connection) -> None:
    """In a new worker: end this process when the parent's end of ``reader``'s pipe closes."""
    watch = threading.Thread(target=_end_when_cut, args=(reader,), name="lifeline", daemon=True)
    watch.start()


def _end_when_cut(reader: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        while True:
            reader.recv_bytes()  # nothing is ever sent: this returns only at end of file
    os._exit(ORPHANED)
