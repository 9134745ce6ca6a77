"""URLs as the whole package sees them: what counts as a feed URL, and how a URL may be shown.

Owns the one ``is_http_url`` check (config, catalog, OPML and the parser all ask it) and
``redact_url``: a URL with ``user:password@`` in it is how people poll a private feed, and the
password must never reach a log line, an error message, ``tracker status`` or an email. Must not
fetch, resolve names or know about feeds.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# scheme://userinfo@ : userinfo has no "/", "?", "#" or "@" (RFC 3986 section 3.2.1)
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^/?#@\s]*)@")


def is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http:// or https:// URL with a host name, written without
    spaces and parseable (``http://[::1/`` is not: its host is broken)."""
    if not value or any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


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
