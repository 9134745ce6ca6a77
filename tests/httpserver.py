"""A real HTTP/1.1 server on 127.0.0.1 for tests: static feed files and programmable routes.

Owns the loopback test server shared by the fetch tests and the end-to-end tests. It must never
listen anywhere but 127.0.0.1, and it must not read the clock for anything a test asserts
(Last-Modified dates are derived from a version counter, not from ``now``).

Use it as a context manager (wrap it in a pytest fixture in your test module)::

    @pytest.fixture
    def server() -> Iterator[HTTPTestServer]:
        with HTTPTestServer() as s:
            yield s

    server.add_file("/feed.xml", b"<rss .../>")           # ETag, Last-Modified, 304, gzip
    server.replace_file("/feed.xml", b"<rss ...new/>")    # new ETag and Last-Modified
    server.add_route("/slow", drip(b"<rss/>", interval=0.2))
    server.url("/feed.xml"); server.base_url; server.requests[-1].headers["if-none-match"]

A route handler is ``Callable[[BaseHTTPRequestHandler], None]`` that writes the whole raw response
itself (``send_response``, ``send_header``, ``end_headers``, ``wfile.write``). The builders
below (``respond``, ``drip``, ``endless``, ``huge``, ``gzip_bomb``, ``redirect``,
``reset_mid_body``, ``dynamic``, ``sequence``) cover the hostile behaviours the fetcher is
tested against. Handlers that stream forever stop when the client goes away or when the server
shuts down (``stopping``).
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]

#: Last-Modified of version 1 of every file; each replace_file() adds one hour.
BASE_LAST_MODIFIED = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)

# Errors a handler sees when the client hangs up; not test failures.
_CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received. Header names are lower-cased."""

    method: str
    path: str
    headers: Mapping[str, str]


@dataclass
class _File:
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime
    gzip: bool
    version: int = 1


@dataclass
class _State:
    files: dict[str, _File] = field(default_factory=dict)
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Endless-body handlers may still be writing when the test ends; do not join them.
    block_on_close = False

    def __init__(self, state: _State) -> None:
        self.state = state
        super().__init__(("127.0.0.1", 0), _RequestHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-response is what many tests do on purpose: stay quiet. Anything
        # else is a bug in a handler and is printed (socketserver's default).
        import sys

        if isinstance(sys.exc_info()[1], _CLIENT_GONE):
            return
        super().handle_error(request, client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output clean

    def do_GET(self) -> None:
        state = self.server.state
        path = self.path.split("?", 1)[0]
        headers = {name.lower(): value for name, value in self.headers.items()}
        state.requests.append(RecordedRequest(self.command, self.path, headers))
        with state.lock:
            route = state.routes.get(path)
            file = state.files.get(path)
        if route is not None:
            route(self)
        elif file is not None:
            _serve_file(self, file)
        else:
            respond(404, b"not found\n", content_type="text/plain")(self)

    do_HEAD = do_GET


class HTTPTestServer:
    """A threaded HTTP server on 127.0.0.1 with an ephemeral port, for one test."""

    def __init__(self) -> None:
        self._state = _State()
        self._server = _Server(self._state)
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        self.port: int = port
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    # -- content ---------------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base_url + path

    def add_file(
        self,
        path: str,
        body: bytes,
        content_type: str = "application/rss+xml; charset=utf-8",
        *,
        gzip: bool = True,
        last_modified: datetime | None = None,
    ) -> str:
        """Serve ``body`` at ``path`` with ETag/Last-Modified/304 handling; returns its URL.

        ``gzip``: compress the response when the client sends ``Accept-Encoding: gzip``.
        """
        file = _File(
            body=body,
            content_type=content_type,
            etag=_etag(body, 1),
            last_modified=last_modified or BASE_LAST_MODIFIED,
            gzip=gzip,
        )
        with self._state.lock:
            self._state.files[path] = file
        return self.url(path)

    def replace_file(
        self,
        path: str,
        body: bytes,
        content_type: str | None = None,
        *,
        last_modified: datetime | None = None,
    ) -> None:
        """Change a file's body: a new ETag and a Last-Modified one hour later (unless given)."""
        with self._state.lock:
            old = self._state.files[path]
            version = old.version + 1
            self._state.files[path] = _File(
                body=body,
                content_type=content_type or old.content_type,
                etag=_etag(body, version),
                last_modified=last_modified or old.last_modified + timedelta(hours=1),
                gzip=old.gzip,
                version=version,
            )

    def etag(self, path: str) -> str:
        """The ETag currently served for a file."""
        return self._state.files[path].etag

    def last_modified(self, path: str) -> str:
        """The Last-Modified header currently served for a file."""
        return format_datetime(self._state.files[path].last_modified, usegmt=True)

    def add_route(self, path: str, handler: Handler) -> str:
        """Answer requests for ``path`` (query string ignored) with ``handler``; returns its URL."""
        with self._state.lock:
            self._state.routes[path] = handler
        return self.url(path)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first."""
        return self._state.requests

    def requests_for(self, path: str) -> list[RecordedRequest]:
        return [r for r in self._state.requests if r.path.split("?", 1)[0] == path]

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        self._state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> HTTPTestServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def closed_port_url(path: str = "/") -> str:
    """A loopback URL nobody listens on (bind a port, then close it): connection refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


# -- static files ---------------------------------------------------------------------------------


def _etag(body: bytes, version: int) -> str:
    return '"' + hashlib.sha256(body + version.to_bytes(4, "big")).hexdigest()[:16] + '"'


def _etag_matches(header: str, etag: str) -> bool:
    # Weak comparison (RFC 9110 13.1.2): W/ prefixes do not matter for If-None-Match.
    if header.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag.removeprefix("W/") in wanted


def _not_modified(request: BaseHTTPRequestHandler, file: _File) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:  # takes precedence over If-Modified-Since
        return _etag_matches(if_none_match, file.etag)
    if_modified_since = request.headers.get("If-Modified-Since")
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return file.last_modified.replace(microsecond=0) <= since
    return False


def _serve_file(request: BaseHTTPRequestHandler, file: _File) -> None:
    validators = {
        "ETag": file.etag,
        "Last-Modified": format_datetime(file.last_modified, usegmt=True),
    }
    if _not_modified(request, file):
        request.send_response(304)
        for name, value in validators.items():
            request.send_header(name, value)
        request.send_header("Content-Length", "0")
        request.end_headers()
        return
    body = file.body
    headers = {"Content-Type": file.content_type, **validators}
    if file.gzip:
        headers["Vary"] = "Accept-Encoding"
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
    respond(200, body, headers=headers, content_type=None)(request)


# -- route builders -------------------------------------------------------------------------------


def respond(
    status: int,
    body: bytes = b"",
    *,
    headers: Mapping[str, str | None] | None = None,
    content_type: str | None = "application/rss+xml; charset=utf-8",
) -> Handler:
    """A complete response with Content-Length: any status, e.g. ``respond(429, headers=...)``.

    A ``Date`` header is sent with the current time unless ``headers`` gives one; give
    ``{"Date": None}`` to send none at all.
    """
    extra = dict(headers or {})

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response_only(status)
        request.send_header("Server", request.version_string())
        if "Date" not in extra:
            request.send_header("Date", request.date_time_string())
        if content_type is not None:
            request.send_header("Content-Type", content_type)
        for name, value in extra.items():
            if value is not None:
                request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(body)

    return handler


def redirect(location: str, status: int = 302) -> Handler:
    """A redirect to ``location`` (absolute or relative, any scheme: the client must judge)."""
    return respond(status, b"", headers={"Location": location}, content_type=None)


def _stream(
    request: BaseHTTPRequestHandler,
    chunks: Iterable[bytes],
    headers: Mapping[str, str],
    *,
    interval: float = 0.0,
) -> None:
    """Send a body of unknown length, delimited by closing the connection."""
    request.close_connection = True
    request.send_response(200)
    request.send_header("Content-Type", "application/rss+xml")
    request.send_header("Connection", "close")
    for name, value in headers.items():
        request.send_header(name, value)
    request.end_headers()
    stopping = request.server.state.stopping  # type: ignore[attr-defined]
    try:
        for chunk in chunks:
            if stopping.is_set():
                return
            request.wfile.write(chunk)
            request.wfile.flush()
            if interval:
                # The server side may sleep: this is the slow server under test, not the test.
                stopping.wait(interval)
    except _CLIENT_GONE:
        return


def drip(body: bytes, interval: float = 1.0) -> Handler:
    """Send ``body`` one byte every ``interval`` seconds (never trips a per-read timeout)."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        _stream(request, (body[i : i + 1] for i in range(len(body))), {}, interval=interval)

    return handler


def endless(chunk: bytes = b"<item>x</item>" * 64) -> Handler:
    """An infinite body without Content-Length, until the client hangs up."""

    def chunks() -> Iterable[bytes]:
        while True:
            yield chunk

    def handler(request: BaseHTTPRequestHandler) -> None:
        _stream(request, chunks(), {})

    return handler


def huge(size: int, *, declare_length: bool = True) -> Handler:
    """A body of ``size`` bytes, with an honest Content-Length unless ``declare_length=False``."""
    block = b"x" * 65536

    def chunks() -> Iterable[bytes]:
        left = size
        while left > 0:
            yield block[: min(left, len(block))]
            left -= len(block)

    def handler(request: BaseHTTPRequestHandler) -> None:
        if not declare_length:
            _stream(request, chunks(), {})
            return
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(size))
        request.end_headers()
        try:
            for chunk in chunks():
                request.wfile.write(chunk)
        except _CLIENT_GONE:
            return

    return handler


_bomb_cache: dict[tuple[int, str], bytes] = {}


def bomb_bytes(inflated_size: int, encoding: str = "gzip") -> bytes:
    """``inflated_size`` zero bytes, gzip- or deflate(zlib)-compressed (about 1/1000 the size)."""
    key = (inflated_size, encoding)
    if key not in _bomb_cache:
        wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
        compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
        block = bytes(1 << 20)
        parts = []
        left = inflated_size
        while left > 0:
            parts.append(compressor.compress(block[: min(left, len(block))]))
            left -= len(block)
        parts.append(compressor.flush())
        _bomb_cache[key] = b"".join(parts)
    return _bomb_cache[key]


def gzip_bomb(inflated_size: int = 1 << 30, encoding: str = "gzip") -> Handler:
    """A small compressed body that inflates to ``inflated_size`` bytes of zeros."""
    body = bomb_bytes(inflated_size, encoding)
    return respond(200, body, headers={"Content-Encoding": encoding})


def reset_mid_body(sent: bytes = b"<rss><channel><title>half", declared: int = 10_000) -> Handler:
    """Promise ``declared`` bytes, send ``sent``, then reset the connection (TCP RST)."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.close_connection = True
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(declared))
        request.end_headers()
        request.wfile.write(sent)
        request.wfile.flush()
        # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        request.connection.close()

    return handler


def dynamic(
    make_body: Callable[[], bytes], content_type: str = "application/rss+xml; charset=utf-8"
) -> Handler:
    """A fresh body from ``make_body()`` on every request (no validators): e.g. a feed whose
    guids change on every poll."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        respond(200, make_body(), content_type=content_type)(request)

    return handler


def sequence(*handlers: Handler) -> Handler:
    """The n-th request gets ``handlers[n]``; the last one answers every request after that."""
    calls = iter(range(1 << 62))
    lock = threading.Lock()

    def handler(request: BaseHTTPRequestHandler) -> None:
        with lock:
            n = next(calls)
        handlers[min(n, len(handlers) - 1)](request)

    return handler
