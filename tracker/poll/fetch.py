"""The fetch adapter's client: gets one feed document over HTTP(S), safely.

The fetch adapter is this module and the three beside it that it uses, the only modules that
import httpx or httpcore: ``tracker.poll.transport`` (the pinned connection, the address check),
``tracker.poll.body`` (the bounded reader and decompressor) and ``tracker.poll.failures``
(statuses and network errors as ``FetchError``).

Owns: one ``httpx.AsyncClient`` with pool limits; conditional GET (ETag / Last-Modified, 304);
manual redirects with a recorded chain; a wall-clock deadline per request; the server-side request
forgery guard before every hop (its host is resolved and refused when not public, see
``tracker.poll.addresses``; the check that counts is at connect time, see
``tracker.poll.transport``); global and per-host concurrency limits and a pause between the
requests to one host (``host_gap``; none for loopback hosts, which are this machine's own).

Must not: parse the body (that is ``parse``), decide when to poll again (``decide``), read the
clock or the environment (the client is built with ``trust_env=False``, so proxy variables and
``.netrc`` do not change what is fetched or where), or import other adapters. A programming error
(``TypeError`` and friends) is never wrapped: it still raises.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import ssl
import time
from collections.abc import Awaitable, Callable
from typing import Final
from urllib.parse import urljoin

import httpx

from tracker.exceptions import FetchError
from tracker.poll.body import read_body
from tracker.poll.failures import network_error, status_error
from tracker.poll.transport import (
    HostPools,
    PinnedBackend,
    Resolver,
    is_ip_literal,
    refusal,
    system_resolve,
)
from tracker.types import FetchResult, Redirect
from tracker.urls import redact_url, url_problem

__all__ = ["Fetcher", "Sleep"]

#: ``sleep(seconds)``: the pause between requests to one host (tests pass a recorder)
Sleep = Callable[[float], Awaitable[None]]

_REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
#: the hosts whose idle keep-alive connections are kept for a poll to come back to
IDLE_HOSTS: Final = 64
_ACCEPT: Final = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# Describe the wire body, not the decoded ``FetchResult.body``: dropped so nobody (feedparser
# included) believes the body is still gzip or of that length.
_WIRE_HEADERS: Final = frozenset({"content-encoding", "content-length", "transfer-encoding"})


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
        # In flight is bounded by our own semaphores; the pools also keep idle connections to
        # more hosts than that, or a poll that goes round more hosts than ``concurrency``
        # closes each host's connection just before it comes back to it (measured on 200
        # feeds over 20 hosts, all 304: 200 connections; with room, 24). A pool per host:
        # httpcore's one pool walks all its connections for every request (``HostPools``)
        transport = self._transport
        if transport is None:
            backend = PinnedBackend(self._resolve, allow_private=self._allow_private)
            transport = HostPools(per_host=self._per_host, backend=backend, idle_hosts=IDLE_HOSTS)
        self._client = httpx.AsyncClient(
            transport=transport,
            # Per-operation timeouts as a second line; the deadline in fetch() is what counts.
            timeout=httpx.Timeout(self._timeout),
            follow_redirects=False,
            # httpx reads a redirect's Location before it hands the response back, even with
            # follow_redirects=False, and some hosts (http://xn--/x) raise out of it
            event_hooks={"response": [_refuse_bad_location]},
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
                raise network_error(e, url, phase, self._timeout) from e
            except httpx.InvalidURL as e:
                raise FetchError(f"invalid URL: {e}", url=url, permanent=True) from e
            except UnicodeError as e:
                # a host name the IDNA codecs refuse, should one get past url_problem: what a
                # server sends is a recorded feed error, never a crash of the poll
                raise FetchError(f"invalid host name: {e}", url=url, permanent=True) from e
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
        if is_ip_literal(host):
            addresses = [host]  # nothing to resolve
        else:
            try:
                addresses = await self._resolve(host, port)
            except OSError as e:
                raise FetchError(f"could not resolve host name {host!r}: {e}", url=url) from e
            if not addresses:
                raise FetchError(f"could not resolve host name {host!r}", url=url)
        refused = refusal(host, addresses)
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
            # Not Modified has no body (h11 ends the message at the headers); reading that end
            # is what lets the connection go back to the pool instead of being closed. Keep
            # our validators unless the server sent fresh ones (RFC 9110 allows it to).
            await response.aread()
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
            raise status_error(response, url)
        body = await read_body(response, url=url, max_bytes=self._max_bytes)
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


async def _refuse_bad_location(response: httpx.Response) -> None:
    """A response hook: a redirect to a URL no feed can have (``url_problem``) is refused here,
    before httpx parses the Location itself."""
    location = response.headers.get("location")
    if response.status_code not in _REDIRECTS or not location:
        return
    try:
        target = urljoin(str(response.request.url), location.strip())
    except ValueError:
        target = location.strip()
    problem = url_problem(target)
    if problem is not None:
        raise FetchError(f"refused redirect to {redact_url(location)!r}: {problem}", permanent=True)


def _checked_url(raw: str, url: str) -> httpx.URL:
    """Parse and check a URL before any I/O: one ``url_problem`` accepts, else a permanent
    FetchError."""
    if not isinstance(raw, str):
        raise TypeError(f"a feed URL is a str, not {type(raw).__name__}")
    problem = url_problem(raw)
    if problem is not None:
        raise FetchError(f"invalid URL {redact_url(raw)!r}: {problem}", url=url, permanent=True)
    try:
        parsed = httpx.URL(raw)
    except (httpx.InvalidURL, ValueError) as e:
        raise FetchError(f"invalid URL {redact_url(raw)!r}: {e}", url=url, permanent=True) from e
    return parsed


def _redirect_target(response: httpx.Response, current: httpx.URL, url: str) -> httpx.URL:
    location = response.headers.get("location")
    if not location:
        raise FetchError(f"HTTP {response.status_code} redirect without a Location header", url=url)
    try:
        target = current.join(location.strip())
    except (httpx.InvalidURL, ValueError) as e:
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
