"""URLs as the whole package sees them: which URL a feed may have, and how a URL may be shown.

Owns the one parser and validator of feed URLs, ``url_problem`` (and ``is_http_url``, its yes or
no): the config (``[[feeds]]``, the catalog), ``tracker feeds add``, OPML import and every
redirect a server sends (``tracker.poll.fetch``) ask it, so a URL accepted anywhere is one the
fetcher can request, and a bad one is refused where it enters, with the reason, instead of
crashing whatever reads it next. Also ``redact_url``: a URL with ``user:password@`` in it is how
people poll a private feed, and the password must never reach a log line, an error message,
``tracker status`` or an email. Must not fetch, resolve names or know about feeds.

The host rules are the ones the fetch path enforces later (httpx, which parses with the same
``idna`` library, and the resolver, whose IDNA codec refuses empty or over-long labels), so
nothing this module accepts can raise there.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

#: RFC 9110 section 4.1: URIs of at least 8000 octets should be supported; a longer "feed URL"
#: is a mistake (a pasted document), not an address
MAX_URL_LENGTH = 8000
#: DNS (RFC 1035): 63 octets a label, 253 a name written without its final dot
_MAX_LABEL = 63
_MAX_HOST = 253

# scheme://userinfo@ : userinfo has no "/", "?", "#" or "@" (RFC 3986 section 3.2.1)
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^/?#@\s]*)@")
# a host name label as written in the wild: letters, digits, hyphens, and the underscores some
# real servers have (DNS itself carries any octet; what we refuse is what cannot be a name)
_LABEL = re.compile(r"[A-Za-z0-9_-]+")
_DOTTED_NUMBERS = re.compile(r"[0-9]+(?:\.[0-9]+){3}")
_PORT = re.compile(r":([^:\]]*)$")


def url_problem(value: str) -> str | None:
    """Why ``value`` cannot be a feed's URL, as a clause to show after the URL ("the port 99999
    is out of range (1 to 65535)"), or None when it is an absolute http:// or https:// URL with a
    usable host name and port, written without spaces or control characters."""
    if not value:
        return "it is empty"
    if len(value) > MAX_URL_LENGTH:
        return f"it is longer than {MAX_URL_LENGTH} characters"
    odd = next((ch for ch in value if ch.isspace() or not ch.isprintable()), None)
    if odd is not None:
        if odd == " ":
            return "it has a space in it (write it as %20)"
        return f"it has an invisible or control character ({odd!r}) in it"
    try:
        parts = urlsplit(value)
    except ValueError:
        # urlsplit's only complaints are about a [bracketed] host: unbalanced, or not an address
        return "its [bracketed] host is not an IPv6 address"
    scheme = parts.scheme.lower()
    # "file:///etc/passwd" names its scheme; "example.org:8080/feed" only looks as if it did
    written = value[len(scheme) : len(scheme) + 3] == "://"
    if scheme and written and scheme not in ("http", "https"):
        return f"only http:// and https:// URLs can be fetched, not {scheme}://"
    if scheme not in ("http", "https"):
        return "it is not absolute (it must start with http:// or https://)"
    host = parts.hostname
    if not host:
        return "it has no host name"
    port = _port_problem(parts.netloc)
    if port is not None:
        return port
    if "[" in parts.netloc:
        return _ipv6_problem(host)
    return _host_problem(host)


def is_http_url(value: str) -> bool:
    """Whether ``value`` is a URL a feed can have (``url_problem`` has nothing to say)."""
    return url_problem(value) is None


def _port_problem(netloc: str) -> str | None:
    hostport = netloc.rpartition("@")[2]
    match = _PORT.search(hostport)
    if match is None or match.group(1) == "":
        return None  # no port (or "host:", which means the default)
    text = match.group(1)
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        return f"the port {text!r} is not a number from 1 to 65535"
    return None


def _ipv6_problem(host: str) -> str | None:
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return f"its host [{host}] is not an IPv6 address"
    return None


def _host_problem(host: str) -> str | None:
    """What is wrong with a host name (an IPv4 address or a DNS name), or None."""
    if _DOTTED_NUMBERS.fullmatch(host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return f"its host {host!r} is not an IPv4 address"
        return None
    ascii_host = host if host.isascii() else _idna_encoded(host)
    if ascii_host is None:
        return f"its host {host!r} is not a valid internationalized (IDNA) name"
    labels = ascii_host.removesuffix(".").split(".")
    if len(ascii_host.removesuffix(".")) > _MAX_HOST:
        return f"its host name is longer than {_MAX_HOST} characters"
    for label in labels:
        if not label:
            return f"its host {host!r} has an empty label (two dots, or a leading dot)"
        if len(label) > _MAX_LABEL:
            return f"its host {host!r} has a part longer than {_MAX_LABEL} characters"
        if not _LABEL.fullmatch(label):
            bad = next(ch for ch in label if not _LABEL.fullmatch(ch))
            return f"its host {host!r} has a character a host name cannot have ({bad!r})"
        if label[:4].lower() == "xn--" and not _idna_decodes(label):
            return f"its host {host!r} is not a valid internationalized (xn--) name"
    if ascii_host[:4].lower() == "xn--" and not _idna_decodes(ascii_host):
        # httpx decodes a host that starts with xn-- as a whole, every label at once
        return f"its host {host!r} is not a valid internationalized (xn--) name"
    return None


def _idna_encoded(host: str) -> str | None:
    # imported only for the rare host that needs it: most feed hosts are plain ASCII
    import idna

    try:
        return idna.encode(host.lower()).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None


def _idna_decodes(host: str) -> bool:
    import idna

    try:
        idna.decode(host)
    except (idna.IDNAError, UnicodeError):
        return False
    return True


def redact_url(url: str) -> str:
    """``url`` with any credentials masked: ``https://me:secret@host/`` -> ``https://***@host/``.

    Works on any text that contains URLs (an error message quoting a redirect target), so it can
    be applied to whatever is about to be shown. Text without credentials comes back unchanged."""
    return _USERINFO.sub(lambda m: f"{m.group('scheme')}***@", url)


def host_of(url: str) -> str:
    """The host alone, for showing where something came from: never a ``user:password@``."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    return host or redact_url(url)
