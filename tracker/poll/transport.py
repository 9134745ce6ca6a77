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
from collections.abc import Awaitable, Callable, Iterable
from typing import Final

import httpcore
import httpx

from tracker.exceptions import FetchError
from tracker.poll.addresses import refusal_reason

__all__ = [
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

    def __init__(self, *, limits: httpx.Limits, backend: PinnedBackend) -> None:
        # one TLS context for both pools: loading the CA bundle costs 20 ms a time
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


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
