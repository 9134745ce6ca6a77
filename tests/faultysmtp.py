"""A misbehaving SMTP server on 127.0.0.1 for the fault tests: written here, on asyncio streams,
so every step of a session can go wrong on purpose.

Owns the faults a mail server can throw at the digest's sender and the server-side count of what
was delivered. It speaks just enough SMTP for our sender (EHLO/HELO, MAIL, RCPT, DATA, RSET,
NOOP, QUIT; no TLS, no AUTH: ``tests/smtpserver.py`` has those) and listens on 127.0.0.1 only.

A ``Fault`` strikes one step (``At``) of the first ``times`` sessions that reach it, after
letting ``skip`` sessions through; within a struck session every command of that step gets it
(so a refused EHLO refuses the HELO that follows too). What it does:

* a reply such as ``"451 4.3.0 Try again later"`` or ``"554 5.7.1 No"``, instead of the normal one;
* ``STALL``: never answer, until the client hangs up (its timeout) or the server stops;
* ``PAUSE``: wait for ``release()`` before the normal answer; ``wait_paused()`` tells the test it
  got there, so it can kill the sending process at exactly that step;
* ``CLOSE``: drop the connection without a word.

What counts as delivered (``deliveries``): every message whose final "." arrived, unless the
fault at ``At.END`` refused it with a 4xx or 5xx reply. A message the server never answered
(``STALL``, ``PAUSE``, ``CLOSE`` at the end) counts: a real server may well have queued it, and
that is the case a sender must never repeat on its own.

Use it as a context manager::

    with FaultySMTPServer(Fault(At.END, STALL)) as server:
        ...  # send to server.host:server.port
    server.delivered_to("a@example.com"); server.sessions
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from types import TracebackType

HOST = "127.0.0.1"

STALL = "stall"
PAUSE = "pause"
CLOSE = "close"


class At(StrEnum):
    """The steps of a session where a fault can strike, in order."""

    GREETING = "greeting"  # before the 220
    EHLO = "ehlo"  # EHLO, and the HELO a client tries after a refused EHLO
    MAIL = "mail"
    RCPT = "rcpt"
    DATA = "data"  # the DATA command, before the 354
    CONTENT = "content"  # the first line of the message arrived (PAUSE only)
    END = "end"  # the final ".", before the answer to the message
    QUIT = "quit"


@dataclass
class Fault:
    at: At
    do: str
    times: int = 1
    skip: int = 0


@dataclass(frozen=True)
class Delivery:
    session: int
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes


@dataclass
class _State:
    faults: list[Fault]
    lock: threading.Lock = field(default_factory=threading.Lock)
    sessions: int = 0
    deliveries: list[Delivery] = field(default_factory=list)
    #: (session, step) for every step reached, faulty or not
    reached: list[tuple[int, At]] = field(default_factory=list)
    paused: list[tuple[int, At]] = field(default_factory=list)


class FaultySMTPServer:
    """See the module docstring."""

    def __init__(self, *faults: Fault) -> None:
        self._state = _State(list(faults))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._release = asyncio.Event()
        self._pause = threading.Condition()
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    # -- lifecycle

    def __enter__(self) -> FaultySMTPServer:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _listen(self) -> asyncio.Server:
        return await asyncio.start_server(self._session, HOST, 0)

    async def _close(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    # -- what a test asks

    @property
    def host(self) -> str:
        return HOST

    @property
    def sessions(self) -> int:
        with self._state.lock:
            return self._state.sessions

    @property
    def deliveries(self) -> list[Delivery]:
        with self._state.lock:
            return list(self._state.deliveries)

    def delivered_to(self, recipient: str) -> int:
        return sum(recipient in d.rcpt_tos for d in self.deliveries)

    @property
    def reached(self) -> list[tuple[int, At]]:
        with self._state.lock:
            return list(self._state.reached)

    def arm(self, *faults: Fault) -> None:
        """Replace the faults (for the sessions still to come) and forget earlier pauses."""
        with self._pause, self._state.lock:
            self._state.faults[:] = faults
            self._state.paused.clear()
        # after release(): a session it woke goes on, the next PAUSE waits again
        self._loop.call_soon_threadsafe(self._release.clear)

    def heal(self) -> None:
        """No more faults: the server behaves from the next step on."""
        with self._state.lock:
            self._state.faults.clear()

    def wait_paused(self, timeout: float) -> At:
        """Block until a session is held by a ``PAUSE``; the step it is held at."""
        with self._pause:
            if not self._pause.wait_for(lambda: self._state.paused, timeout):
                raise TimeoutError(f"no session paused within {timeout}s; reached {self.reached}")
            return self._state.paused[-1][1]

    def release(self) -> None:
        """Let every paused session go on."""
        self._loop.call_soon_threadsafe(self._release.set)

    # -- the server

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        with self._state.lock:
            self._state.sessions += 1
            number = self._state.sessions
        struck: dict[At, Fault | None] = {}
        try:
            await self._converse(number, struck, reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError, asyncio.CancelledError):
                await writer.wait_closed()

    async def _converse(
        self,
        number: int,
        struck: dict[At, Fault | None],
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        async def step(at: At, reply: str) -> bool:
            return await self._step(number, struck, at, reply, reader, writer)

        if not await step(At.GREETING, "220 faulty.test.localhost ESMTP ready"):
            return
        mail_from: str | None = None
        rcpt_tos: list[str] = []
        while True:
            line = await reader.readline()
            if not line:
                return
            verb, _, argument = line.decode("utf-8", "replace").strip().partition(" ")
            verb = verb.upper()
            if verb == "EHLO":
                extensions = ["faulty.test.localhost", "8BITMIME", "SMTPUTF8", "SIZE 10000000"]
                reply = "\r\n".join(
                    f"250{'-' if i < len(extensions) - 1 else ' '}{e}"
                    for i, e in enumerate(extensions)
                )
                ok = await step(At.EHLO, reply)
            elif verb == "HELO":
                ok = await step(At.EHLO, "250 faulty.test.localhost")
            elif verb == "MAIL":
                mail_from, rcpt_tos = _address(argument), []
                ok = await step(At.MAIL, "250 2.1.0 OK")
                if _refusal(struck.get(At.MAIL)):
                    mail_from = None
            elif verb == "RCPT":
                ok = await step(At.RCPT, "250 2.1.5 OK")
                if not _refusal(struck.get(At.RCPT)):
                    rcpt_tos.append(_address(argument))
            elif verb == "DATA":
                if mail_from is None or not rcpt_tos:
                    await _write(writer, "503 5.5.1 Need MAIL and RCPT first")
                    continue
                ok = await step(At.DATA, "354 End data with <CR><LF>.<CR><LF>")
                if ok and not _refusal(struck.get(At.DATA)):
                    ok = await self._message(number, struck, mail_from, rcpt_tos, reader, writer)
                    mail_from, rcpt_tos = None, []
            elif verb == "RSET":
                mail_from, rcpt_tos = None, []
                await _write(writer, "250 2.0.0 OK")
                ok = True
            elif verb == "NOOP":
                await _write(writer, "250 2.0.0 OK")
                ok = True
            elif verb == "QUIT":
                await step(At.QUIT, "221 2.0.0 Bye")
                return
            else:
                await _write(writer, "502 5.5.2 Command not recognized")
                ok = True
            if not ok:
                return

    async def _message(
        self,
        number: int,
        struck: dict[At, Fault | None],
        mail_from: str,
        rcpt_tos: list[str],
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> bool:
        lines: list[bytes] = []
        while True:
            line = await reader.readline()
            if not line:
                return False  # the client went away mid-message: nothing was delivered
            if line == b".\r\n":
                break
            if not lines:
                await self._step(number, struck, At.CONTENT, "", reader, writer)
            lines.append(line[1:] if line.startswith(b".") else line)
        if not _refusal(self._strike(number, struck, At.END)):
            with self._state.lock:
                self._state.deliveries.append(
                    Delivery(number, mail_from, tuple(rcpt_tos), b"".join(lines))
                )
        return await self._step(number, struck, At.END, "250 2.0.0 OK queued", reader, writer)

    def _strike(self, number: int, struck: dict[At, Fault | None], at: At) -> Fault | None:
        """The fault for ``at`` in this session, decided once per session and step."""
        if at in struck:
            return struck[at]
        chosen: Fault | None = None
        with self._state.lock:
            self._state.reached.append((number, at))
            for fault in self._state.faults:
                if fault.at is not at:
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                elif fault.times > 0:
                    fault.times -= 1
                    chosen = fault
                break
        struck[at] = chosen
        return chosen

    async def _step(
        self,
        number: int,
        struck: dict[At, Fault | None],
        at: At,
        reply: str,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> bool:
        """Answer one step, or misbehave; False ends the session."""
        fault = self._strike(number, struck, at)
        if fault is None:
            if reply:
                await _write(writer, reply)
            return True
        if fault.do == PAUSE:
            with self._pause:
                self._state.paused.append((number, at))
                self._pause.notify_all()
            await self._release.wait()
            if reply:
                await _write(writer, reply)
            return True
        if fault.do == STALL:
            # say nothing; read (and drop) whatever comes until the client gives up
            while await reader.read(65536):
                pass
            return False
        if fault.do == CLOSE:
            return False
        await _write(writer, fault.do)
        return True


def _refusal(fault: Fault | None) -> bool:
    """Whether ``fault`` answers with a 4xx or 5xx reply (the server says no: nothing kept)."""
    return fault is not None and fault.do[:1] in ("4", "5")


def _address(argument: str) -> str:
    """``FROM:<a@b> SIZE=1`` -> ``a@b``."""
    inside = argument.partition(":")[2].strip()
    return inside.partition(">")[0].lstrip("<")


async def _write(writer: asyncio.StreamWriter, reply: str) -> None:
    writer.write(reply.encode("utf-8") + b"\r\n")
    await writer.drain()
