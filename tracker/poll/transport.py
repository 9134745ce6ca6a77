"""The pinned connection: the fetch adapter's guard against server-side request forgery.

Owns the ``Resolver`` type and the default resolver (``system_resolve``), the refusal of a host
with a non-public address (the policy of what is public is ``tracker.poll.addresses``), and the
httpcore network backend and httpx transport that connect only to an address they have just
checked.

Must not decide anything about the request (redirects, deadline, limits: ``tracker.poll.fetch``)
or read the environment: the transport is built with ``trust_env=False`` like the client.

DNS rebinding: the guard before each hop (``Fetcher``) gives a clear error early, but what counts
is the check at connect time. The default transport has a custom httpcore network backend
(``PinnedBackend``) that resolves the host itself, refuses the connection when any address is not
public, and connects to the very address it checked; TLS still uses the host name (SNI and
certificate verification are httpcore's, from the request's origin). So a DNS server that answers
a public address to the guard and ``127.0.0.1`` a millisecond later gets a refusal, not a
connection. A ``transport`` passed to ``Fetcher`` (tests' ``httpx.MockTransport``) has only the
guard.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Final

import httpcore
import httpx

from tracker.exceptions import FetchError
from tracker.poll.addresses import refusal_reason

__all__ = [
    "HostPools",
    "PinnedBackend",
    "PinnedTransport",
    "Resolver",
    "is_ip_literal",
    "refusal",
    "system_resolve",
]

#: ``resolve(host, port)`` -> the IP addresses a connection to ``host`` may go to
Resolver = Callable[[str, int], Awaitable[list[str]]]
_PRIVATE_HINT: Final = (
    "if this feed really is on your own network, set `[poll] allow_private_networks = true` "
    "(or TRACKER_POLL__ALLOW_PRIVATE_NETWORKS=true)"
)


async def system_resolve(host: str, port: int) -> list[str]:
    """The default resolver: the event loop's ``getaddrinfo`` (runs in a thread, never blocks)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def refusal(host: str, addresses: Iterable[str]) -> FetchError | None:
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


class PinnedBackend(httpcore.AsyncNetworkBackend):
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
        if is_ip_literal(host):
            addresses = [host]
        else:
            try:
                addresses = await self._resolve(host, port)
            except OSError as e:
                raise httpcore.ConnectError(str(e)) from e
            if not addresses:
                raise httpcore.ConnectError(f"no address for {host!r}")
        if not self._allow_private:
            refused = refusal(host, addresses)
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


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport with our network backend. httpx offers no parameter for one, so
    the httpcore pool it built is replaced by an identical one (same TLS context, same limits)
    that uses ``PinnedBackend``; httpx's request/response and exception mapping are kept."""

    def __init__(
        self,
        *,
        limits: httpx.Limits,
        backend: PinnedBackend,
        context: ssl.SSLContext | None = None,
    ) -> None:
        # one TLS context for both pools (and for every host's, see ``HostPools``): loading
        # the CA bundle costs 20 ms a time
        if context is None:
            context = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=context, limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=backend,
        )

    def idle(self) -> bool:
        """Whether every connection of this pool is idle (none connecting, none carrying a
        request or a response not yet read): then closing it interrupts nothing."""
        return all(connection.is_idle() for connection in self._pool.connections)


class _Released(httpx.AsyncByteStream):
    """A response body that says once when it is closed (read to its end or abandoned)."""

    def __init__(self, inner: httpx.AsyncByteStream, done: Callable[[], None]) -> None:
        self._inner = inner
        self._done: Callable[[], None] | None = done

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            done, self._done = self._done, None
            if done is not None:
                done()


class HostPools(httpx.AsyncBaseTransport):
    """A ``PinnedTransport`` per origin, the least recently used closed beyond ``idle_hosts``.

    Why not one pool for every host: httpcore's pool, twice a request (when it starts and when
    its body is closed), walks every connection it holds, once per connection (its count of
    idle connections is itself a walk), and asks each idle one's socket whether it is still
    open. A poll over many hosts kept a connection to each, so every request paid for all of
    them: on 325 feeds all answering 304, that walk was 40% of the poll's time in the event
    loop (cProfile). One host's pool holds at most ``per_host`` connections, which is all our
    per-host limit lets it use anyway. At most ``idle_hosts`` pools are kept (file descriptors
    are finite): beyond that, the least recently used pool with no response open and all its
    connections idle is closed."""

    def __init__(self, *, per_host: int, backend: PinnedBackend, idle_hosts: int) -> None:
        self._limits = httpx.Limits(max_connections=per_host, max_keepalive_connections=per_host)
        self._backend = backend
        self._idle_hosts = idle_hosts
        #: the TLS context every https pool shares, made when the first one is (see ``_tls``)
        self._context: ssl.SSLContext | None = None
        #: what an http pool is given instead: httpx's transport insists on a context, and
        #: loading the CA bundle costs 20 ms a poll of http feeds never uses. It verifies
        #: (hostname and certificate required) and trusts nothing, so were it ever used for
        #: TLS it would refuse, never accept
        self._plain: ssl.SSLContext | None = None
        #: by origin, least recently used first
        self._pools: dict[tuple[str, str, int | None], PinnedTransport] = {}
        #: by origin, the requests whose responses are not closed yet
        self._in_use: dict[tuple[str, str, int | None], int] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin = (url.scheme, url.host, url.port)
        pool = self._pools.pop(origin, None)
        if pool is None:
            pool = PinnedTransport(
                limits=self._limits, backend=self._backend, context=self._tls(url.scheme)
            )
        self._pools[origin] = pool  # the most recently used, last
        # counted in use from now until its response is closed: httpcore's own idea of idle
        # lags (a kept-alive connection it has just given this request still reads as idle
        # while it waits for its lock), so a pool in use is never closed on its word alone
        self._in_use[origin] = self._in_use.get(origin, 0) + 1
        try:
            response = await pool.handle_async_request(request)
        except BaseException:
            self._release(origin)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)  # an async transport's
        response.stream = _Released(response.stream, lambda: self._release(origin))
        if len(self._pools) > self._idle_hosts:
            try:
                await self._close_surplus()
            except BaseException:
                await response.aclose()  # cancelled here: the caller never gets it to close
                raise
        return response

    def _tls(self, scheme: str) -> ssl.SSLContext:
        if scheme == "https":
            if self._context is None:
                self._context = httpx.create_ssl_context(trust_env=False)
            return self._context
        if self._plain is None:
            self._plain = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        return self._plain

    def _release(self, origin: tuple[str, str, int | None]) -> None:
        left = self._in_use.get(origin, 0) - 1
        if left > 0:
            self._in_use[origin] = left
        else:
            self._in_use.pop(origin, None)

    async def _close_surplus(self) -> None:
        for origin, pool in list(self._pools.items()):
            if len(self._pools) <= self._idle_hosts:
                return
            if self._pools.get(origin) is pool and origin not in self._in_use and pool.idle():
                del self._pools[origin]
                await pool.aclose()

    async def aclose(self) -> None:
        pools = list(self._pools.values())
        self._pools.clear()
        for pool in pools:
            await pool.aclose()


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
