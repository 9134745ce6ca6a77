"""What went wrong, as a ``FetchError``: the fetch adapter's reading of statuses and errors.

Owns the message, hint and permanence of each HTTP status that is neither a success nor a
redirect, ``Retry-After`` (``parse_retry_after``), and turning an httpx / ssl / OS exception and
everything chained behind it into one user-readable ``FetchError``, with any ``user:password@`` in
a URL masked.

Must not read the clock (an HTTP-date in Retry-After is measured against the response's own
``Date``) or decide when to try again (``tracker.poll.decide``). A programming error is never
passed in: the client catches only network-level exceptions before calling ``network_error``.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator
from typing import Final

import httpx

from tracker.exceptions import FetchError
from tracker.httpdate import parse_http_date
from tracker.urls import redact_url

__all__ = ["network_error", "parse_retry_after", "status_error"]

_RETRY_AFTER_STATUSES: Final = frozenset({429, 503})


def status_error(response: httpx.Response, url: str) -> FetchError:
    """The error for a response that is neither a success, a 304 nor a redirect."""
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


def network_error(exc: BaseException, url: str, phase: str, timeout: float) -> FetchError:
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
