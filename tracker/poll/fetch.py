"""The fetch adapter: gets one feed document over HTTP(S), safely. The only module importing httpx.

Owns: one ``httpx.AsyncClient`` with pool limits; conditional GET (ETag / Last-Modified, 304);
manual redirects with a recorded chain; a wall-clock deadline per request; the server-side request
forgery guard (every hop's host is resolved and refused when not public, see
``tracker.addresses``); a bounded reader and decompressor with a size cap; global and per-host
concurrency limits and a pause between the requests to one host (``host_gap``; none for
loopback hosts, which are this machine's own); and the
translation of every httpx / ssl / OS error into ``FetchError`` (with any ``user:password@`` in a
URL masked).

Must not: parse the body (that is ``parse``), decide when to poll again (``decide``), read the
clock or the environment (the client is built with ``trust_env=False``, so proxy variables and
``.netrc`` do not change what is fetched or where), or import other adapters. A programming error
(``TypeError`` and friends) is never wrapped: it still raises.

DNS rebinding: the guard before each hop gives a clear error early, but what counts is the check
at connect time. The default transport has a custom httpcore network backend (``_PinnedBackend``)
that resolves the host itself, refuses the connection when any address is not public, and
connects to the very address it checked; TLS still uses the host name (SNI and certificate
verification are httpcore's, from the request's origin). So a DNS server that answers a public
address to the guard and ``127.0.0.1`` a millisecond later gets a refusal, not a connection.
A ``transport`` passed in (tests' ``httpx.MockTransport``) has only the guard.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Final

import httpcore
import httpx

from tracker.exceptions import FetchError
from tracker.httpdate import parse_http_date
from tracker.poll.addresses import refusal_reason
from tracker.types import FetchResult, Redirect
from tracker.urls import redact_url

#: ``resolve(host, port)`` -> the IP addresses a connection to ``host`` may go to
Resolver = Callable[[str, int], Awaitable[list[str]]]
#: ``sleep(seconds)``: the pause between requests to one host (tests pass a recorder)
Sleep = Callable[[float], Awaitable[None]]

_REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
_RETRY_AFTER_STATUSES: Final = frozenset({429, 503})
_ACCEPT: Final = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_PRIVATE_HINT: Final = (
    "if this feed really is on your own network, set `[poll] allow_private_networks = true` "
    "(or TRACKER_POLL__ALLOW_PRIVATE_NETWORKS=true)"
)
# Describe the wire body, not the decoded ``FetchResult.body``: dropped so nobody (feedparser
# included) believes the body is still gzip or of that length.
_WIRE_HEADERS: Final = frozenset({"content-encoding", "content-length", "transfer-encoding"})


async def system_resolve(host: str, port: int) -> list[str]:
    """The default resolver: the event loop's ``getaddrinfo`` (runs in a thread, never blocks)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _refusal(host: str, addresses: Iterable[str]) -> FetchError | None:
    """The error for the first non-public address of ``host``, or None when all are public."""
    for address in addresses:
        reason = refusal_reason(address)
        if reason is not None:
            shown = host if host == address else f"{host} ({address})"
            return FetchError(
                f"refused to fetch from {shown}: a {reason} address, not a public one",
                permanent=True,
                hint=_PRIVATE_HINT,
            )
    return None


class _PinnedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that connects only to an address it has just checked.

    ``connect_tcp`` resolves the host with our resolver, refuses (``FetchError``, which httpx
    lets through unchanged) when any address is not public and private networks are not
    allowed, then connects to those addresses in order. Nothing else resolves the name between
    the check and the connection, which closes the DNS-rebinding gap of a check-then-connect
    guard."""

    def __init__(self, resolve: Resolver, *, allow_private: bool) -> None:
        self._resolve = resolve
        self._allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        if _is_ip_literal(host):
            addresses = [host]
        else:
            try:
                addresses = await self._resolve(host, port)
            except OSError as e:
                raise httpcore.ConnectError(str(e)) from e
            if not addresses:
                raise httpcore.ConnectError(f"no address for {host!r}")
        if not self._allow_private:
            refused = _refusal(host, addresses)
            if refused is not None:
                raise refused
        error: Exception | None = None
        for address in dict.fromkeys(addresses):
            try:
                return await self._inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.UnsupportedProtocol("feeds are never fetched over a Unix socket")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport with our network backend. httpx offers no parameter for one, so
    the httpcore pool it built is replaced by an identical one (same TLS context, same limits)
    that uses ``_PinnedBackend``; httpx's request/response and exception mapping are kept."""

    def __init__(self, *, limits: httpx.Limits, backend: _PinnedBackend) -> None:
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=backend,
        )


class _TooLarge(Exception):
    """Internal: the body went over ``max_bytes``."""


class _BoundedDecoder:
    """Undo Content-Encoding without ever producing more than ``limit`` bytes in total.

    ``zlib``'s ``max_length`` caps each call's output and leaves the rest of the input in
    ``unconsumed_tail``; asking for one byte more than the room left means "over the limit" is
    detected after at most ``limit + 1`` bytes of output, however small the compressed input
    (httpx's own ``aiter_bytes()`` inflates a 51 KB gzip bomb into one 52 MB chunk).
    """

    def __init__(self, content_encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        self._limit = limit
        self._total = 0
        self._done = False
        self._raw_deflate_tried = False
        self._wbits: int | None
        if not codings:
            self._wbits = None
        elif codings in (["gzip"], ["x-gzip"]):
            self._wbits = 16 + zlib.MAX_WBITS
        elif codings == ["deflate"]:
            self._wbits = zlib.MAX_WBITS  # zlib-wrapped, as RFC 9110 says; raw deflate as fallback
        else:
            raise ValueError(content_encoding)
        self._gzip = self._wbits == 16 + zlib.MAX_WBITS
        self._obj = zlib.decompressobj(self._wbits) if self._wbits is not None else None

    @property
    def total(self) -> int:
        return self._total

    def _count(self, size: int) -> None:
        self._total += size
        if self._total > self._limit:
            raise _TooLarge

    def decode(self, data: bytes) -> bytes:
        if self._obj is None:
            self._count(len(data))
            return data
        out: list[bytes] = []
        while data and not self._done:
            try:
                piece = self._obj.decompress(data, self._limit - self._total + 1)
            except zlib.error:
                # Some servers send raw deflate for "deflate"; browsers and httpx accept it.
                if self._gzip or self._total or self._raw_deflate_tried:
                    raise
                self._raw_deflate_tried = True
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._count(len(piece))
            out.append(piece)
            if self._obj.eof:
                data = self._obj.unused_data
                if self._gzip and data[:1] == b"\x1f":
                    # Concatenated gzip members are one valid gzip stream.
                    self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
                else:
                    self._done = True  # trailing bytes after the stream are ignored, like httpx
            else:
                # Output stayed under max_length, so zlib consumed all input: this is b"".
                data = self._obj.unconsumed_tail
        return b"".join(out)


class Fetcher:
    """Fetches feed documents. Use as ``async with Fetcher(...) as fetcher``; share one per run.

    ``fetch`` returns a ``FetchResult`` or raises ``FetchError``; ``FetchResult.redirects`` holds
    each hop as ``Redirect(status, url the server sent us to)``, so ``redirects[-1].url`` is
    ``final_url`` when there were any.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float,
        max_bytes: int,
        concurrency: int = 16,
        per_host: int = 2,
        host_gap: float = 0.0,
        allow_private_networks: bool = False,
        max_redirects: int = 10,
        transport: httpx.AsyncBaseTransport | None = None,
        resolve: Resolver | None = None,
        sleep: Sleep = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if (
            timeout <= 0
            or max_bytes < 1
            or concurrency < 1
            or per_host < 1
            or max_redirects < 0
            or host_gap < 0
        ):
            raise ValueError(
                "Fetcher: timeout, max_bytes, concurrency, per_host must be > 0, "
                "max_redirects and host_gap >= 0"
            )
        self._user_agent = user_agent
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._concurrency = concurrency
        self._per_host = per_host
        self._allow_private = allow_private_networks
        self._max_redirects = max_redirects
        self._transport = transport
        self._resolve: Resolver = resolve or system_resolve
        self._client: httpx.AsyncClient | None = None
        self._slots = asyncio.Semaphore(concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._host_gap = host_gap
        self._sleep = sleep
        self._monotonic = monotonic
        #: per host, the earliest time (``monotonic``) the next request may start
        self._next_start: dict[str, float] = {}

    async def __aenter__(self) -> Fetcher:
        limits = httpx.Limits(
            max_connections=self._concurrency,
            max_keepalive_connections=self._concurrency,
        )
        transport = self._transport
        if transport is None:
            backend = _PinnedBackend(self._resolve, allow_private=self._allow_private)
            transport = _PinnedTransport(limits=limits, backend=backend)
        self._client = httpx.AsyncClient(
            transport=transport,
            limits=limits,
            # Per-operation timeouts as a second line; the deadline in fetch() is what counts.
            timeout=httpx.Timeout(self._timeout),
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": self._user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url`` (conditionally when ``etag`` / ``last_modified`` are given).

        Raises ``FetchError`` for anything the network or the server can cause: refused scheme
        or address, DNS, connection, TLS, deadline, size cap, redirects, HTTP 4xx/5xx.
        """
        client = self._client
        if client is None:
            raise RuntimeError("Fetcher.fetch() called outside 'async with Fetcher(...)'")
        start = _checked_url(url, url)
        conditional: dict[str, str] = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        # Per-host slot first, then the pause after the previous request to that host, then a
        # global slot: a request waiting for its host must not hold one of the global slots idle.
        # The deadline starts once all are held, so a feed queued behind others is not timed out
        # for waiting its turn.
        async with self._host_slot(start.host):
            delay = self._reserve_start(start.host)
            if delay > 0:
                await self._sleep(delay)
            async with self._slots:
                try:
                    async with asyncio.timeout(self._timeout):
                        return await self._fetch_chain(client, url, start, conditional)
                except TimeoutError as e:
                    raise FetchError(
                        f"timed out after {self._timeout:g} s",
                        url=url,
                        hint="the server is too slow; "
                        "raise `[poll] timeout` if it is always like this",
                    ) from e

    def _reserve_start(self, host: str) -> float:
        """Book the next start time for ``host`` (``host_gap`` after the previous booking) and
        return how long to wait for it. Bookings, not last-finish times: two requests queued
        together start a gap apart, never at once."""
        if self._host_gap <= 0 or _is_loopback(host):
            # the pause spares other people's servers; this machine's own (the demo's sample
            # feeds, a local test farm) can take what per_host allows
            return 0.0
        key = host.lower()
        now = self._monotonic()
        start = max(now, self._next_start.get(key, now))
        self._next_start[key] = start + self._host_gap
        return start - now

    def _host_slot(self, host: str) -> asyncio.Semaphore:
        key = host.lower()
        slot = self._host_slots.get(key)
        if slot is None:
            slot = self._host_slots[key] = asyncio.Semaphore(self._per_host)
        return slot

    async def _fetch_chain(
        self, client: httpx.AsyncClient, url: str, start: httpx.URL, conditional: dict[str, str]
    ) -> FetchResult:
        current = start
        redirects: list[Redirect] = []
        seen = {str(start)}
        while True:
            await self._guard(current, url)
            phase = "connecting"
            response: httpx.Response | None = None
            try:
                request = client.build_request("GET", current, headers=conditional)
                response = await client.send(request, stream=True)
                status = response.status_code
                if status in _REDIRECTS:
                    target = _redirect_target(response, current, url)
                    redirects.append(Redirect(status, str(target)))
                    if len(redirects) > self._max_redirects:
                        raise FetchError(
                            f"too many redirects (more than {self._max_redirects})", url=url
                        )
                    if str(target) in seen:
                        raise FetchError(f"redirect loop at {redact_url(str(target))}", url=url)
                    seen.add(str(target))
                    current = target
                    continue
                phase = "body"
                return await self._result(response, url, current, conditional, tuple(redirects))
            except FetchError as e:
                # the pinned backend's refusal at connect time knows no feed URL
                if not e.url:
                    e.url = url
                raise
            except (httpx.TransportError, ssl.SSLError, OSError) as e:
                raise _network_error(e, url, phase, self._timeout) from e
            except httpx.InvalidURL as e:
                raise FetchError(f"invalid URL: {e}", url=url, permanent=True) from e
            finally:
                if response is not None:
                    await _quiet_close(response)

    async def _guard(self, target: httpx.URL, url: str) -> None:
        """Refuse a hop whose host is or resolves to a non-public address (unless allowed)."""
        if self._allow_private:
            return
        # The ASCII (IDNA) form is what httpx will connect to; an IPv6 literal has no brackets.
        host = target.raw_host.decode("ascii")
        port = target.port or (443 if target.scheme == "https" else 80)
        if _is_ip_literal(host):
            addresses = [host]  # nothing to resolve
        else:
            try:
                addresses = await self._resolve(host, port)
            except OSError as e:
                raise FetchError(f"could not resolve host name {host!r}: {e}", url=url) from e
            if not addresses:
                raise FetchError(f"could not resolve host name {host!r}", url=url)
        refused = _refusal(host, addresses)
        if refused is not None:
            refused.url = url
            raise refused

    async def _result(
        self,
        response: httpx.Response,
        url: str,
        final: httpx.URL,
        conditional: dict[str, str],
        redirects: tuple[Redirect, ...],
    ) -> FetchResult:
        status = response.status_code
        headers = {
            name.lower(): value
            for name, value in response.headers.items()
            if name.lower() not in _WIRE_HEADERS
        }
        if status == 304:
            # Not Modified costs nothing more: no body is read. Keep our validators unless the
            # server sent fresh ones (RFC 9110 allows it to).
            return FetchResult(
                url=url,
                final_url=str(final),
                status=304,
                body=None,
                headers=headers,
                etag=headers.get("etag") or conditional.get("If-None-Match"),
                last_modified=headers.get("last-modified") or conditional.get("If-Modified-Since"),
                redirects=redirects,
            )
        if not 200 <= status < 300:
            raise _status_error(response, url)
        body = await self._read_body(response, url)
        return FetchResult(
            url=url,
            final_url=str(final),
            status=status,
            body=body,
            headers=headers,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            redirects=redirects,
        )

    async def _read_body(self, response: httpx.Response, url: str) -> bytes:
        too_large = FetchError(
            f"response body is larger than the limit of {self._max_bytes} bytes",
            url=url,
            hint="raise `[poll] max_bytes` if this feed really is that big",
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            raise too_large  # refuse before reading a byte
        encoding = response.headers.get("content-encoding", "")
        try:
            decoder = _BoundedDecoder(encoding, self._max_bytes)
        except ValueError:
            raise FetchError(
                f"unsupported Content-Encoding {encoding!r} (we asked for gzip or deflate)",
                url=url,
            ) from None
        parts: list[bytes] = []
        raw = 0
        try:
            async for chunk in response.aiter_raw():
                raw += len(chunk)
                if raw > self._max_bytes:
                    raise _TooLarge
                parts.append(decoder.decode(chunk))
        except _TooLarge:
            raise too_large from None
        except zlib.error as e:
            raise FetchError(f"corrupt {encoding} body: {e}", url=url) from e
        return b"".join(parts)


async def _quiet_close(response: httpx.Response) -> None:
    # Closing an unread stream drops the connection; a network error while doing so changes
    # nothing for the caller, and must not replace the real outcome.
    with contextlib.suppress(httpx.TransportError, OSError):
        await response.aclose()


def _is_loopback(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _checked_url(raw: str, url: str) -> httpx.URL:
    """Parse and check a URL before any I/O: http(s) with a host, else a permanent FetchError."""
    try:
        parsed = httpx.URL(raw)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        if not isinstance(raw, str):
            raise
        raise FetchError(f"invalid URL {redact_url(raw)!r}: {e}", url=url, permanent=True) from e
    if parsed.scheme not in ("http", "https"):
        scheme = parsed.scheme or "no scheme"
        raise FetchError(
            f"refused URL {redact_url(raw)!r}: only http:// and https:// feeds can be fetched, "
            f"not {scheme}",
            url=url,
            permanent=True,
        )
    if not parsed.host:
        raise FetchError(f"invalid URL {redact_url(raw)!r}: no host name", url=url, permanent=True)
    return parsed


def _redirect_target(response: httpx.Response, current: httpx.URL, url: str) -> httpx.URL:
    location = response.headers.get("location")
    if not location:
        raise FetchError(f"HTTP {response.status_code} redirect without a Location header", url=url)
    try:
        target = current.join(location.strip())
    except httpx.InvalidURL as e:
        raise FetchError(
            f"redirect to an invalid URL {redact_url(location)!r}: {e}", url=url
        ) from e
    if target.scheme not in ("http", "https"):
        raise FetchError(
            f"refused redirect to {redact_url(location)!r}: only http:// and https:// can be "
            "followed",
            url=url,
            permanent=True,
        )
    if not target.host:
        raise FetchError(f"redirect to {redact_url(location)!r} has no host name", url=url)
    # A fragment is never sent; dropping it keeps loop detection honest.
    return target.copy_with(fragment=None)


def _status_error(response: httpx.Response, url: str) -> FetchError:
    status = response.status_code
    reason = response.reason_phrase or ""
    retry_after = None
    if status in _RETRY_AFTER_STATUSES:
        retry_after = parse_retry_after(
            response.headers.get("retry-after"), response.headers.get("date")
        )
    hint = {
        404: "check the feed URL; the feed may have moved",
        410: "the site says this feed is gone for good; unfollow it",
        401: "the feed needs a login, which kfilm-tracker does not support",
        403: "the server refuses us; it may block automated clients",
        429: "the server asks us to poll less often",
    }.get(status)
    if hint is None and status >= 500:
        hint = "a problem on the server's side; it will be retried"
    return FetchError(
        f"HTTP {status} {reason}".rstrip(),
        url=url,
        status=status,
        retry_after=retry_after,
        permanent=status == 410,
        hint=hint,
    )


def parse_retry_after(value: str | None, date: str | None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds, or an HTTP-date minus the response's ``Date``.

    None when absent or unusable (an HTTP-date without a ``Date`` header to measure it against:
    this adapter does not read the clock). Never negative.
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    if date is None:
        return None
    when, sent = parse_http_date(value), parse_http_date(date)
    if when is None or sent is None:
        return None
    return max(0.0, (when - sent).total_seconds())


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception behind it (causes, contexts, exception-group members)."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            stack.extend(current.exceptions)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                stack.append(linked)


def _network_error(exc: BaseException, url: str, phase: str, timeout: float) -> FetchError:
    """A user-readable FetchError for a network-level failure in ``phase``."""
    causes = list(_chain(exc))
    if isinstance(exc, httpx.TimeoutException):
        what = {"body": "reading the body", "connecting": "waiting for the server"}[phase]
        return FetchError(f"timed out after {timeout:g} s while {what}", url=url)
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = cause.verify_message or cause.reason or str(cause)
            return FetchError(f"TLS certificate verification failed: {detail}", url=url)
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            return FetchError(f"TLS handshake failed: {cause.reason or cause}", url=url)
    if phase == "body" and isinstance(exc, httpx.TransportError | OSError):
        return FetchError("connection reset while reading body", url=url)
    errnos = {c.errno for c in causes if isinstance(c, OSError) and c.errno is not None}
    if any(isinstance(c, socket.gaierror) for c in causes):
        return FetchError("could not resolve host name", url=url)
    if errno.ECONNREFUSED in errnos:
        return FetchError("connection refused", url=url, hint="is the server down?")
    if errno.ENETUNREACH in errnos or errno.EHOSTUNREACH in errnos:
        return FetchError("network unreachable", url=url)
    if errno.ECONNRESET in errnos or errno.EPIPE in errnos:
        return FetchError("connection reset by the server", url=url)
    if isinstance(exc, httpx.RemoteProtocolError):
        return FetchError(redact_url(f"the server broke the HTTP protocol: {exc}"), url=url)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError(redact_url(f"unsupported URL: {exc}"), url=url, permanent=True)
    if isinstance(exc, httpx.ConnectError):
        return FetchError(redact_url(f"could not connect: {exc}"), url=url)
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return FetchError("connection reset by the server", url=url)
    return FetchError(redact_url(f"network error: {exc or type(exc).__name__}"), url=url)
