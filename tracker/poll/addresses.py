"""Which IP addresses a feed may live at: the address policy of the fetch adapter's SSRF guard.

Owns the classification of one IP address (IPv4 or IPv6, as text) into "public" or a named
non-public class (loopback, private, link-local, cloud metadata, CGNAT, unique-local, multicast,
reserved...). Pure core: it must not resolve names, open sockets or read configuration; the fetch
adapter resolves and asks, and ``[poll] allow_private_networks`` is applied there, not here.

Why not just ``ipaddress``'s ``is_global``: it answers True for several IPv6 forms that carry an
IPv4 address inside (IPv4-compatible ``::a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``,
Teredo) and for deprecated site-local ``fec0::/10``. A feed URL pointing at
``http://[64:ff9b::a9fe:a9fe]/`` would reach the cloud metadata service through a NAT64 gateway, so
embedded IPv4 addresses are unwrapped and judged by the IPv4 rules.
"""

from __future__ import annotations

import ipaddress
from typing import Final

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_METADATA_V4: Final = ipaddress.IPv4Address("169.254.169.254")
# AWS also serves instance metadata on an IPv6 unique-local address.
_METADATA_V6: Final = ipaddress.IPv6Address("fd00:ec2::254")

_V4_RULES: Final[tuple[tuple[ipaddress.IPv4Network, str], ...]] = tuple(
    (ipaddress.IPv4Network(net), reason)
    for net, reason in (
        ("0.0.0.0/8", "unspecified ('this network')"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("10.0.0.0/8", "private"),
        ("172.16.0.0/12", "private"),
        ("192.168.0.0/16", "private"),
        ("100.64.0.0/10", "shared (carrier-grade NAT)"),
        ("224.0.0.0/4", "multicast"),
        ("255.255.255.255/32", "broadcast"),
        ("240.0.0.0/4", "reserved"),
        ("192.0.0.0/24", "reserved (IETF protocol assignments)"),
        ("192.0.2.0/24", "documentation"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("198.18.0.0/15", "benchmarking"),
    )
)

_V6_RULES: Final[tuple[tuple[ipaddress.IPv6Network, str], ...]] = tuple(
    (ipaddress.IPv6Network(net), reason)
    for net, reason in (
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("fe80::/10", "link-local"),
        ("fc00::/7", "unique-local (private)"),
        ("fec0::/10", "site-local (deprecated private)"),
        ("ff00::/8", "multicast"),
        ("64:ff9b:1::/48", "NAT64 local-use"),
        ("100::/64", "discard-only"),
        ("2001:db8::/32", "documentation"),
        # IPv4-compatible (::a.b.c.d) and the rest of ::/8: deprecated, never a real server.
        ("::/8", "reserved"),
    )
)

_NAT64: Final = ipaddress.IPv6Network("64:ff9b::/96")


def _parse(ip: str) -> IPAddress | None:
    text = ip.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    # getaddrinfo returns scoped link-local addresses as "fe80::1%eth0"; the scope does not change
    # the class, and ipaddress before 3.9 rejected it, so drop it.
    text = text.split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _embedded_v4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address is really a wrapper for, if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def _v4_reason(address: ipaddress.IPv4Address) -> str | None:
    if address == _METADATA_V4:
        return "link-local (cloud metadata service)"
    for network, reason in _V4_RULES:
        if address in network:
            return reason
    if not address.is_global:
        return "special-purpose (not globally routable)"
    return None


def _v6_reason(address: ipaddress.IPv6Address) -> str | None:
    embedded = _embedded_v4(address)
    if embedded is not None:
        reason = _v4_reason(embedded)
        return None if reason is None else f"{reason} (IPv4 {embedded} inside IPv6)"
    if address == _METADATA_V6:
        return "unique-local (cloud metadata service)"
    for network, reason in _V6_RULES:
        if address in network:
            return reason
    if not address.is_global:
        return "special-purpose (not globally routable)"
    return None


def refusal_reason(ip: str) -> str | None:
    """Why a feed must not be fetched from ``ip``: the address class, or None if it is public.

    Text that is not an IP address is refused too ("not an IP address"): the caller asks about
    resolved addresses, so anything else means a resolver returned something unexpected.
    """
    address = _parse(ip)
    if address is None:
        return "not an IP address"
    if isinstance(address, ipaddress.IPv4Address):
        return _v4_reason(address)
    return _v6_reason(address)


def is_public_address(ip: str) -> bool:
    """True when ``ip`` is a globally routable unicast address a public feed may live at."""
    return refusal_reason(ip) is None
