"""Links: the canonical form used for identity, and the rule that only absolute http(s) is kept.

Owns ``TRACKING_PARAMS`` and ``canonical_link``, which the updater relies on to recognise an entry
it has seen before, and ``absolute_http`` / ``http_link``: a link is kept only when it is, or
resolves against a base to, an http(s) URL with a host.

Must not import nh3 or feedparser: the sanitiser, the image finder and the entry builder all
build on it, and the sanitiser must stay importable without feedparser. Works on strings only: it
never fetches or resolves a host.
"""

from __future__ import annotations

from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "absolute_http", "canonical_link", "http_link"]

#: query parameters that only track the reader; ``utm_*`` is matched as a prefix
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_hsenc",
        "_hsmi",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "wt.mc_id",
        "ncid",
        "cmpid",
        "ito",
        "at_medium",
        "at_campaign",
        "__twitter_impression",
    }
)


def canonical_link(url: str) -> str:
    """The form of a link used for identity: tracking parameters removed, scheme and host
    lower-cased, default port and empty query dropped. Other parameters keep their order and
    spelling. A string that is not an absolute http(s) URL comes back stripped, unchanged."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != (443 if scheme == "https" else 80):
        host = f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        host = f"{userinfo}@{host}"
    kept = [p for p in parts.query.split("&") if p and not _is_tracking(p)]
    return urlunsplit((scheme, host, parts.path or "/", "&".join(kept), parts.fragment))


def absolute_http(value: str, base: str | None) -> str | None:
    """``value`` made absolute against ``base``; None unless it is an http(s) URL with a host."""
    value = value.strip()
    if not value:
        return None
    try:
        absolute = urljoin(base, value) if base else value
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return absolute


def http_link(value: object, *, base: str | None) -> str | None:
    """A feed's or entry's link: absolute http(s) against ``base``, then canonical; else None."""
    if not value:
        return None
    absolute = absolute_http(str(value), base)
    return canonical_link(absolute) if absolute else None


def _is_tracking(pair: str) -> bool:
    name = unquote(pair.split("=", 1)[0]).lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS
