"""Tests of the fetch adapter: a real loopback server (tests/httpserver.py) and MockTransport.

No traffic ever leaves 127.0.0.1: the SSRF guard is exercised by refusing loopback URLs with the
default policy, and by fake resolvers that map made-up host names, with MockTransport behind them.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import ssl
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpserver import (
    HTTPTestServer,
    closed_port_url,
    drip,
    endless,
    gzip_bomb,
    huge,
    redirect,
    reset_mid_body,
    respond,
)
from smtpserver import make_tls_files

from tracker.exceptions import FetchError
from tracker.poll.failures import parse_retry_after
from tracker.poll.fetch import Fetcher
from tracker.poll.transport import HostPools, PinnedBackend, PinnedTransport
from tracker.types import FetchResult, Redirect

UA = "kfilm-tracker/0.1 (+https://github.com/example/kfilm-tracker) test"
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>K</title></channel></rss>'


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        yield s


def make_fetcher(**options: Any) -> Fetcher:
    settings: dict[str, Any] = {
        "user_agent": UA,
        "timeout": 5.0,
        "max_bytes": 1 << 20,
        "allow_private_networks": True,  # the loopback server; the guard has its own tests
    }
    settings.update(options)
    return Fetcher(**settings)


def fetch(
    url: str, *, etag: str | None = None, last_modified: str | None = None, **options: Any
) -> FetchResult:
    async def go() -> FetchResult:
        async with make_fetcher(**options) as fetcher:
            return await fetcher.fetch(url, etag=etag, last_modified=last_modified)

    return asyncio.run(go())


def fetch_error(url: str, **options: Any) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch(url, **options)
    assert info.value.url == url
    return info.value


def mock(
    handler: Callable[[httpx.Request], httpx.Response]
    | Callable[[httpx.Request], Coroutine[None, None, httpx.Response]],
) -> httpx.MockTransport:
    return httpx.MockTransport(handler)


class WireBody(httpx.AsyncByteStream):
    """A streamed body for MockTransport: ``httpx.Response(content=...)`` is pre-read, and then
    ``aiter_raw()`` (what the fetcher uses, like a real transport) refuses to stream it."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._data


def wire(status: int, data: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, headers=headers, stream=WireBody(data))


def fake_resolver(
    table: dict[str, list[str]], calls: list[str] | None = None
) -> Callable[[str, int], Awaitable[list[str]]]:
    async def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


# -- plain GET, headers, conditional GET -------------------------------------------------------


def test_get_returns_body_validators_and_lowercased_headers(server: HTTPTestServer) -> None:
    url = server.add_file("/feed.xml", FEED, gzip=False)
    result = fetch(url)
    assert result.status == 200
    assert result.body == FEED
    assert result.url == url
    assert result.final_url == url
    assert result.redirects == ()
    assert result.etag == server.etag("/feed.xml")
    assert result.last_modified == "Mon, 01 Jan 2024 12:00:00 GMT"
    assert result.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert result.headers["etag"] == server.etag("/feed.xml")
    assert all(name == name.lower() for name in result.headers)
    assert result.not_modified is False


def test_user_agent_and_accept_encoding_are_sent(server: HTTPTestServer) -> None:
    url = server.add_file("/feed.xml", FEED)
    fetch(url)
    sent = server.requests[-1].headers
    assert sent["user-agent"] == UA
    assert sent["accept-encoding"] == "gzip, deflate"
    assert "if-none-match" not in sent
    assert "if-modified-since" not in sent


def test_gzip_body_is_decoded_and_wire_headers_dropped(server: HTTPTestServer) -> None:
    body = FEED * 200
    url = server.add_file("/feed.xml", body, gzip=True)
    result = fetch(url)
    assert result.body == body
    assert "content-encoding" not in result.headers
    assert "content-length" not in result.headers
    assert result.headers["vary"] == "Accept-Encoding"


def test_conditional_get_round_trip(server: HTTPTestServer) -> None:
    url = server.add_file("/feed.xml", FEED)
    first = fetch(url)
    assert first.status == 200
    assert first.etag is not None and first.last_modified is not None

    second = fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert second.status == 304
    assert second.not_modified
    assert second.body is None
    assert second.etag == first.etag
    assert second.last_modified == first.last_modified
    sent = server.requests[-1].headers
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == first.last_modified

    server.replace_file("/feed.xml", FEED + b"<!-- new -->")
    third = fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert third.status == 200
    assert third.body == FEED + b"<!-- new -->"
    assert third.etag == server.etag("/feed.xml") != first.etag
    assert third.last_modified == "Mon, 01 Jan 2024 13:00:00 GMT"


def test_if_modified_since_alone_gives_304(server: HTTPTestServer) -> None:
    url = server.add_file("/feed.xml", FEED)
    result = fetch(url, last_modified=server.last_modified("/feed.xml"))
    assert result.status == 304
    assert result.etag == server.etag("/feed.xml")  # the server's validator, sent with the 304


def test_304_without_validators_keeps_the_ones_we_sent(server: HTTPTestServer) -> None:
    url = server.add_route("/bare304", respond(304, content_type=None))
    result = fetch(url, etag='"abc"', last_modified="Tue, 02 Jan 2024 00:00:00 GMT")
    assert result.status == 304
    assert result.etag == '"abc"'
    assert result.last_modified == "Tue, 02 Jan 2024 00:00:00 GMT"


def test_304_with_new_validators_reports_them(server: HTTPTestServer) -> None:
    url = server.add_route("/new304", respond(304, headers={"ETag": '"new"'}, content_type=None))
    result = fetch(url, etag='"old"', last_modified="Tue, 02 Jan 2024 00:00:00 GMT")
    assert result.etag == '"new"'
    assert result.last_modified == "Tue, 02 Jan 2024 00:00:00 GMT"


def test_html_page_and_empty_body_are_returned_as_is(server: HTTPTestServer) -> None:
    page = b"<!doctype html><html><body>not a feed</body></html>"
    html_url = server.add_route("/page", respond(200, page, content_type="text/html"))
    empty_url = server.add_route("/empty", respond(200, b""))
    html = fetch(html_url)
    assert html.body == page
    assert html.headers["content-type"] == "text/html"
    assert fetch(empty_url).body == b""


def test_a_poll_round_many_hosts_reuses_each_hosts_connection(server: HTTPTestServer) -> None:
    # more hosts than ``concurrency``, visited in turn, twice, answering 200 then 304: each host
    # is connected to once (a 304's empty end is read, and idle connections have room)
    hosts = [f"h{n}.example" for n in range(24)]
    port = server.base_url.rsplit(":", 1)[1].rstrip("/")
    for n in range(len(hosts)):
        server.add_file(f"/f{n}.xml", FEED)
    urls = [f"http://{host}:{port}/f{n}.xml" for n, host in enumerate(hosts)]
    connects: list[str] = []
    resolve = fake_resolver({host: ["127.0.0.1"] for host in hosts}, connects)

    async def go() -> list[FetchResult]:
        async with make_fetcher(concurrency=8, resolve=resolve) as fetcher:
            first = [await fetcher.fetch(url) for url in urls]
            again = [
                await fetcher.fetch(url, etag=r.etag, last_modified=r.last_modified)
                for url, r in zip(urls, first, strict=True)
            ]
            return first + again

    results = asyncio.run(go())
    assert [r.status for r in results] == [200] * len(hosts) + [304] * len(hosts)
    assert sorted(connects) == sorted(hosts)


def _host_pools(idle_hosts: int, hosts: list[str], connects: list[str]) -> HostPools:
    resolve = fake_resolver({host: ["127.0.0.1"] for host in hosts}, connects)
    backend = PinnedBackend(resolve, allow_private=True)
    return HostPools(per_host=2, backend=backend, idle_hosts=idle_hosts)


def test_host_pools_keep_at_most_idle_hosts_and_reconnect_the_ones_closed(
    server: HTTPTestServer,
) -> None:
    # a pool per host (httpcore's one pool walked all its connections for every request), and
    # no more than ``idle_hosts`` of them: the least recently used idle one is closed first
    hosts = [f"p{n}.example" for n in range(6)]
    port = server.base_url.rsplit(":", 1)[1].rstrip("/")
    server.add_file("/f.xml", FEED)
    connects: list[str] = []
    pools = _host_pools(3, hosts, connects)

    async def go() -> tuple[list[int], int, int]:
        async with httpx.AsyncClient(transport=pools) as client:
            statuses = [(await client.get(f"http://{h}:{port}/f.xml")).status_code for h in hosts]
            kept = len(pools._pools)
            # the three most recent hosts are still connected; the first one is not
            for host in (hosts[-1], hosts[-2], hosts[-3], hosts[0]):
                statuses.append((await client.get(f"http://{host}:{port}/f.xml")).status_code)
            return statuses, kept, len(pools._pools)

    statuses, kept, after = asyncio.run(go())
    assert statuses == [200] * 10
    assert kept == 3 and after == 3
    assert sorted(connects) == sorted([*hosts, hosts[0]])


def test_host_pools_load_the_ca_bundle_only_for_https(
    server: HTTPTestServer, tmp_path: Path
) -> None:
    # loading the CA bundle costs 20 ms: a poll of http feeds never does it, an https pool
    # does it once for all of them
    port = server.base_url.rsplit(":", 1)[1].rstrip("/")
    server.add_file("/f.xml", FEED)
    pools = _host_pools(3, ["a.example", "b.example"], [])

    async def go() -> list[int]:
        async with httpx.AsyncClient(transport=pools) as client:
            return [
                (await client.get(f"http://{h}:{port}/f.xml")).status_code
                for h in ("a.example", "b.example")
            ]

    assert asyncio.run(go()) == [200, 200]
    assert pools._context is None
    tls = pools._tls("https")
    assert tls is pools._tls("https") and tls.cert_store_stats()["x509_ca"] > 0
    # what an http pool holds instead verifies and trusts nothing: used for TLS, it refuses
    plain = pools._tls("http")
    assert plain.verify_mode == ssl.CERT_REQUIRED and plain.check_hostname
    assert plain.cert_store_stats()["x509_ca"] == 0
    files = make_tls_files(tmp_path)

    async def handshake() -> None:
        tls_server = await asyncio.start_server(
            lambda r, w: w.close(), "127.0.0.1", 0, ssl=files.server_context()
        )
        async with tls_server:
            tls_port = tls_server.sockets[0].getsockname()[1]
            with pytest.raises(ssl.SSLCertVerificationError):
                await asyncio.open_connection(
                    "127.0.0.1", tls_port, ssl=plain, server_hostname="localhost"
                )
            # while a context that trusts the certificate connects: the refusal above is the
            # placeholder's, not the test server's
            _, writer = await asyncio.open_connection(
                "127.0.0.1", tls_port, ssl=files.client_context(), server_hostname="localhost"
            )
            writer.close()

    asyncio.run(handshake())


def _stream_at_once(server: HTTPTestServer, prefix: str) -> tuple[list[bytes], HostPools]:
    """30 hosts streamed a slow body at once through room for two pools: every body, and the
    pools as they are left."""
    hosts = [f"{prefix}{n}.example" for n in range(30)]
    port = server.base_url.rsplit(":", 1)[1].rstrip("/")
    server.add_route("/slow", drip(FEED, interval=0.005))
    pools = _host_pools(2, hosts, [])

    async def go() -> list[bytes]:
        async with httpx.AsyncClient(transport=pools) as client:

            async def one(host: str) -> bytes:
                async with client.stream("GET", f"http://{host}:{port}/slow") as response:
                    return await response.aread()

            return await asyncio.gather(*(one(h) for h in hosts))

    return asyncio.run(go()), pools


def test_host_pools_close_nothing_in_use_under_concurrency(server: HTTPTestServer) -> None:
    # many hosts at once against room for two: a pool is closed only when all its connections
    # are idle, so no request in flight, and no response not yet read, loses its connection
    bodies, pools = _stream_at_once(server, "q")
    assert bodies == [FEED] * 30
    assert len(pools._pools) <= 2


def test_host_pools_never_close_a_pool_whose_response_is_open(
    server: HTTPTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # httpcore's "idle" lags: a kept-alive connection just given to a request still reads as
    # idle while it waits for its lock. Even when every pool claims to be idle, a pool with a
    # response not yet closed is kept
    monkeypatch.setattr(PinnedTransport, "idle", lambda self: True)
    bodies, pools = _stream_at_once(server, "r")
    assert bodies == [FEED] * 30
    assert pools._in_use == {}


# -- deadline ---------------------------------------------------------------------------------


def test_deadline_cuts_off_a_dripping_server(server: HTTPTestServer) -> None:
    # One byte every 0.2 s never trips a 1 s read timeout; only the wall-clock deadline can.
    url = server.add_route("/drip", drip(FEED, interval=0.2))
    started = time.monotonic()
    error = fetch_error(url, timeout=1.0)
    elapsed = time.monotonic() - started
    assert str(error) == "timed out after 1 s"
    assert error.permanent is False
    assert isinstance(error.__cause__, TimeoutError)
    assert 0.9 < elapsed < 2.0


# -- size caps and decompression --------------------------------------------------------------


def test_endless_body_is_cut_at_the_cap(server: HTTPTestServer) -> None:
    url = server.add_route("/endless", endless())
    started = time.monotonic()
    error = fetch_error(url, max_bytes=64 * 1024)
    assert "larger than the limit of 65536 bytes" in str(error)
    assert error.hint is not None and "max_bytes" in error.hint
    assert time.monotonic() - started < 2.0


def test_declared_big_body_is_refused_before_reading(server: HTTPTestServer) -> None:
    url = server.add_route("/huge", huge(50 << 20))
    error = fetch_error(url, max_bytes=1 << 20)
    assert "larger than the limit of 1048576 bytes" in str(error)


def test_undeclared_big_body_is_cut_while_streaming(server: HTTPTestServer) -> None:
    url = server.add_route("/huge", huge(50 << 20, declare_length=False))
    error = fetch_error(url, max_bytes=1 << 20)
    assert "larger than the limit" in str(error)


def test_body_exactly_at_the_cap_is_fine_one_more_byte_is_not(server: HTTPTestServer) -> None:
    at_cap = server.add_file("/at", b"x" * 4096, gzip=False)
    over = server.add_file("/over", b"x" * 4097, gzip=False)
    assert fetch(at_cap, max_bytes=4096).body == b"x" * 4096
    assert "larger than the limit" in str(fetch_error(over, max_bytes=4096))


def test_cap_applies_to_decompressed_size(server: HTTPTestServer) -> None:
    # 4097 bytes inflated, a few dozen on the wire.
    url = server.add_file("/gz", b"x" * 4097, gzip=True)
    assert "larger than the limit" in str(fetch_error(url, max_bytes=4096))


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compression_bomb_fails_fast_with_flat_memory(
    server: HTTPTestServer, encoding: str
) -> None:
    # ~250 KB on the wire inflating to 256 MB; httpx's aiter_bytes() would allocate it at once.
    url = server.add_route("/bomb", gzip_bomb(256 << 20, encoding))
    tracemalloc.start()
    try:
        started = time.monotonic()
        error = fetch_error(url, max_bytes=1 << 20)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "larger than the limit of 1048576 bytes" in str(error)
    assert peak < 50 << 20, f"peak {peak / 2**20:.1f} MB"
    assert elapsed < 5.0


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(FEED)),
        ("x-gzip", gzip.compress(FEED)),
        ("deflate", zlib.compress(FEED)),  # RFC 9110 "deflate" = zlib format
        ("deflate", zlib.compress(FEED, wbits=-15)),  # raw deflate some servers send
        ("identity", FEED),
        ("gzip", gzip.compress(FEED[:30]) + gzip.compress(FEED[30:])),  # two gzip members
    ],
    ids=["gzip", "x-gzip", "deflate-zlib", "deflate-raw", "identity", "gzip-two-members"],
)
def test_content_encodings_are_decoded(encoding: str, body: bytes) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return wire(200, body, {"Content-Encoding": encoding})

    result = fetch("http://feeds.test/rss", transport=mock(handler))
    assert result.body == FEED


def test_unknown_content_encoding_is_an_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return wire(200, b"\x0b\x02\x80", {"Content-Encoding": "br"})

    error = fetch_error("http://feeds.test/rss", transport=mock(handler))
    assert "unsupported Content-Encoding 'br'" in str(error)


def test_corrupt_gzip_is_an_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return wire(200, b"not gzip", {"Content-Encoding": "gzip"})

    error = fetch_error("http://feeds.test/rss", transport=mock(handler))
    assert "corrupt gzip body" in str(error)
    assert isinstance(error.__cause__, zlib.error)


# -- redirects --------------------------------------------------------------------------------


def test_redirects_are_followed_and_recorded(server: HTTPTestServer) -> None:
    final = server.add_file("/c.xml", FEED)
    server.add_route("/b", redirect(final, 302))  # absolute
    start = server.add_route("/a", redirect("/b", 301))  # relative
    result = fetch(start, etag='"x"')
    assert result.status == 200
    assert result.body == FEED
    assert result.url == start
    assert result.final_url == final
    assert result.redirects == (Redirect(301, server.url("/b")), Redirect(302, final))
    # conditional headers go to every hop
    assert [r.path for r in server.requests] == ["/a", "/b", "/c.xml"]
    assert all(r.headers.get("if-none-match") == '"x"' for r in server.requests)


def test_redirect_then_304(server: HTTPTestServer) -> None:
    server.add_file("/feed.xml", FEED)
    start = server.add_route("/old", redirect("/feed.xml", 308))
    result = fetch(start, etag=server.etag("/feed.xml"))
    assert result.status == 304
    assert result.final_url == server.url("/feed.xml")
    assert result.redirects == (Redirect(308, server.url("/feed.xml")),)


def test_redirect_loop_is_an_error(server: HTTPTestServer) -> None:
    start = server.add_route("/loop1", redirect("/loop2"))
    server.add_route("/loop2", redirect("/loop1"))
    error = fetch_error(start)
    assert str(error) == f"redirect loop at {start}"
    assert len(server.requests) == 2


def test_too_long_redirect_chain_is_an_error(server: HTTPTestServer) -> None:
    for hop in range(10):
        server.add_route(f"/hop{hop}", redirect(f"/hop{hop + 1}"))
    server.add_file("/hop10", FEED)
    error = fetch_error(server.url("/hop0"), max_redirects=3)
    assert str(error) == "too many redirects (more than 3)"
    assert len(server.requests) == 4  # /hop0 .. /hop3; /hop4 is never requested
    # the same chain within the limit works
    assert fetch(server.url("/hop0"), max_redirects=10).body == FEED


def test_redirect_without_location_is_an_error(server: HTTPTestServer) -> None:
    url = server.add_route("/nowhere", respond(302, content_type=None))
    assert "without a Location header" in str(fetch_error(url))


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/feed", "gopher://x"])
def test_redirect_to_a_non_http_scheme_is_refused(server: HTTPTestServer, target: str) -> None:
    url = server.add_route("/evil", redirect(target))
    error = fetch_error(url)
    assert error.permanent is True
    assert f"refused redirect to {target!r}" in str(error)
    assert len(server.requests) == 1


#: what a server can put in a Location header that no feed URL can be (tracker.urls); each of
#: them once raised out of httpx or the resolver (http://xn--/x: a traceback, the poll gone)
BAD_TARGETS = [
    ("http://xn--/x", "not a valid internationalized (xn--) name"),
    ("http://[::1/", "[bracketed] host is not an IPv6 address"),
    ("http://127.0.0.1:99999/x", "the port '99999' is not a number from 1 to 65535"),
    ("http://exa mple.org/x", "a space in it"),
    ("/a b.xml", "a space in it"),  # relative: joined to the current URL first
    ("http://a..b/x", "empty label"),
]


@pytest.mark.parametrize(("target", "reason"), BAD_TARGETS)
def test_redirect_to_a_url_no_feed_can_have_is_a_feed_error(
    server: HTTPTestServer, target: str, reason: str
) -> None:
    url = server.add_route("/bad", redirect(target, 301))
    error = fetch_error(url)
    assert f"refused redirect to {target!r}: " in str(error) and reason in str(error)
    assert error.permanent is True
    assert len(server.requests) == 1


@pytest.mark.parametrize(("target", "reason"), BAD_TARGETS[:4])
def test_a_bad_url_is_refused_before_any_io(target: str, reason: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    error = fetch_error(target, transport=mock(handler))
    assert error.permanent is True
    assert f"invalid URL {target!r}: " in str(error) and reason in str(error)


# -- URL and address policy -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/feed.xml", "javascript:alert(1)", "feed.xml", ""],
)
def test_non_http_urls_are_refused_before_any_io(url: str) -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    error = fetch_error(
        url,
        transport=mock(handler),
        allow_private_networks=False,
        resolve=fake_resolver({}, calls),
    )
    assert error.permanent is True
    assert "only http:// and https://" in str(error) or "invalid URL" in str(error)
    assert calls == []


def test_loopback_is_refused_by_default(server: HTTPTestServer) -> None:
    url = server.add_file("/feed.xml", FEED)
    error = fetch_error(url, allow_private_networks=False)
    assert error.permanent is True
    assert "refused to fetch from 127.0.0.1: a loopback address" in str(error)
    assert error.hint is not None and "[poll] allow_private_networks = true" in error.hint
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:{port}/feed.xml",  # /etc/hosts, via the real system resolver
        "http://2130706433:{port}/feed.xml",  # 127.0.0.1 as one number (inet_aton forms)
        "http://0x7f.1:{port}/feed.xml",
        "http://[::1]:{port}/feed.xml",
        "http://[::ffff:127.0.0.1]:{port}/feed.xml",
    ],
)
def test_other_spellings_of_loopback_are_refused(server: HTTPTestServer, url: str) -> None:
    server.add_file("/feed.xml", FEED)
    error = fetch_error(url.format(port=server.port), allow_private_networks=False)
    assert error.permanent is True
    assert "loopback" in str(error)
    assert server.requests == []


def test_host_name_resolving_to_loopback_is_refused(server: HTTPTestServer) -> None:
    server.add_file("/feed.xml", FEED)
    calls: list[str] = []
    resolve = fake_resolver({"feeds.example": ["127.0.0.1"]}, calls)
    url = f"http://feeds.example:{server.port}/feed.xml"
    error = fetch_error(url, allow_private_networks=False, resolve=resolve)
    assert "feeds.example (127.0.0.1): a loopback address" in str(error)
    assert calls == ["feeds.example"]
    assert server.requests == []


def test_any_non_public_address_among_several_is_refused() -> None:
    resolve = fake_resolver({"mixed.example": ["93.184.216.34", "10.1.2.3"]})

    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    error = fetch_error(
        "https://mixed.example/rss",
        transport=mock(handler),
        allow_private_networks=False,
        resolve=resolve,
    )
    assert "mixed.example (10.1.2.3): a private address" in str(error)


def _public_then_internal(request: httpx.Request) -> httpx.Response:
    if request.url.host == "public.example" and request.url.path == "/rss":
        return httpx.Response(302, headers={"Location": "http://public2.example/rss"})
    if request.url.host == "public2.example":
        return httpx.Response(301, headers={"Location": "http://internal.example/admin"})
    if request.url.path == "/meta":
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data"})
    return wire(200, b"internal secret")


def test_every_redirect_hop_is_checked() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return _public_then_internal(request)

    calls: list[str] = []
    resolve = fake_resolver(
        {
            "public.example": ["93.184.216.34"],
            "public2.example": ["2606:4700:4700::1111"],
            "internal.example": ["10.0.0.5"],
        },
        calls,
    )
    error = fetch_error(
        "http://public.example/rss",
        transport=mock(handler),
        allow_private_networks=False,
        resolve=resolve,
    )
    assert "internal.example (10.0.0.5): a private address" in str(error)
    assert error.permanent is True
    assert calls == ["public.example", "public2.example", "internal.example"]
    assert seen == ["http://public.example/rss", "http://public2.example/rss"]

    metadata = fetch_error(
        "http://public.example/meta",
        transport=mock(handler),
        allow_private_networks=False,
        resolve=resolve,
    )
    assert "169.254.169.254: a link-local (cloud metadata service) address" in str(metadata)


def test_private_networks_allowed_by_config_skip_the_guard() -> None:
    calls: list[str] = []
    result = fetch(
        "http://public.example/rss",
        transport=mock(_public_then_internal),
        allow_private_networks=True,
        resolve=fake_resolver({}, calls),
    )
    assert result.body == b"internal secret"
    assert result.final_url == "http://internal.example/admin"
    assert calls == []  # nothing resolved at all


def test_unresolvable_host_is_an_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    error = fetch_error(
        "http://nowhere.example/rss",
        transport=mock(handler),
        allow_private_networks=False,
        resolve=fake_resolver({}),
    )
    assert "could not resolve host name 'nowhere.example'" in str(error)
    assert error.permanent is False
    assert isinstance(error.__cause__, socket.gaierror)


# -- HTTP status errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "permanent", "message"),
    [
        (404, False, "HTTP 404 Not Found"),
        (410, True, "HTTP 410 Gone"),
        (403, False, "HTTP 403 Forbidden"),
        (500, False, "HTTP 500 Internal Server Error"),
        (502, False, "HTTP 502 Bad Gateway"),
        (300, False, "HTTP 300 Multiple Choices"),
    ],
)
def test_error_statuses(server: HTTPTestServer, status: int, permanent: bool, message: str) -> None:
    url = server.add_route("/status", respond(status, b"oops"))
    error = fetch_error(url)
    assert str(error) == message
    assert error.status == status
    assert error.permanent is permanent
    assert error.retry_after is None


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (429, {"Retry-After": "120"}, 120.0),
        (503, {"Retry-After": "0"}, 0.0),
        (
            503,
            {
                "Retry-After": "Wed, 21 Oct 2015 07:29:30 GMT",
                "Date": "Wed, 21 Oct 2015 07:28:00 GMT",
            },
            90.0,
        ),
        # no Date header to measure it by
        (429, {"Retry-After": "Wed, 21 Oct 2015 07:29:30 GMT", "Date": None}, None),
        (429, {"Retry-After": "soon"}, None),
        (429, {}, None),
        (500, {"Retry-After": "120"}, None),  # only 429 and 503 carry it
    ],
)
def test_retry_after(
    server: HTTPTestServer, status: int, headers: dict[str, str | None], expected: float | None
) -> None:
    url = server.add_route("/busy", respond(status, headers=headers))
    error = fetch_error(url)
    assert error.status == status
    assert error.retry_after == expected


@pytest.mark.parametrize(
    ("value", "date", "expected"),
    [
        ("3600", None, 3600.0),
        (" 5 ", None, 5.0),
        ("-5", None, None),
        ("1.5", None, None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:29:30 GMT", 0.0),  # in the past
        ("Wed, 21 Oct 2015 08:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT", 3600.0),
        ("garbage", "Wed, 21 Oct 2015 07:28:00 GMT", None),
        (None, None, None),
    ],
)
def test_parse_retry_after(value: str | None, date: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, date) == expected


# -- network errors ---------------------------------------------------------------------------


def test_connection_refused() -> None:
    url = closed_port_url("/feed.xml")
    error = fetch_error(url)
    assert str(error) == "connection refused"
    assert isinstance(error.__cause__, httpx.ConnectError)


def test_connection_reset_mid_body(server: HTTPTestServer) -> None:
    url = server.add_route("/reset", reset_mid_body())
    error = fetch_error(url)
    assert str(error) == "connection reset while reading body"
    assert isinstance(error.__cause__, httpx.TransportError)


def test_tls_handshake_failure(server: HTTPTestServer) -> None:
    # A plain-HTTP server answering a TLS ClientHello.
    server.add_file("/feed.xml", FEED)
    url = f"https://127.0.0.1:{server.port}/feed.xml"
    error = fetch_error(url)
    assert str(error).startswith("TLS handshake failed: ")


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (httpx.ConnectTimeout("slow"), "timed out after 5 s while waiting for the server"),
        (httpx.ReadTimeout("slow"), "timed out after 5 s while waiting for the server"),
        (httpx.ConnectError("boom"), "could not connect: boom"),
        (httpx.RemoteProtocolError("bad status line"), "the server broke the HTTP protocol"),
        (httpx.ReadError("gone"), "connection reset by the server"),
        (httpx.ProxyError("proxy"), "network error: proxy"),
    ],
)
def test_httpx_errors_are_translated(exc: httpx.TransportError, message: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    error = fetch_error("http://feeds.test/rss", transport=mock(handler))
    assert str(error).startswith(message)
    assert error.__cause__ is exc


def test_programming_errors_are_not_wrapped() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise TypeError("a bug")

    with pytest.raises(TypeError, match="a bug"):
        fetch("http://feeds.test/rss", transport=mock(handler))


def test_fetch_outside_the_context_manager_is_a_bug() -> None:
    with pytest.raises(RuntimeError, match="async with"):
        asyncio.run(make_fetcher().fetch("http://feeds.test/rss"))


# -- concurrency ------------------------------------------------------------------------------


def test_global_and_per_host_limits() -> None:
    in_flight: dict[str, int] = {}
    peak: dict[str, int] = {}
    total_peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal total_peak
        host = request.url.host
        in_flight[host] = in_flight.get(host, 0) + 1
        peak[host] = max(peak.get(host, 0), in_flight[host])
        total_peak = max(total_peak, sum(in_flight.values()))
        for _ in range(20):  # yield to the other tasks; no clock involved
            await asyncio.sleep(0)
        in_flight[host] -= 1
        return wire(200, FEED)

    async def go() -> list[FetchResult]:
        async with make_fetcher(transport=mock(handler), concurrency=3, per_host=2) as fetcher:
            urls = [f"http://{h}.test/{i}" for h in ("a", "b", "c") for i in range(6)]
            return await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    results = asyncio.run(go())
    assert len(results) == 18
    assert all(r.body == FEED for r in results)
    # Never more than 2 per host nor 3 in all, and the limits were actually reached.
    assert set(peak) == {"a.test", "b.test", "c.test"}
    assert max(peak.values()) == 2
    assert total_peak == 3
