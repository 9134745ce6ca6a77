"""Table-driven tests of the SSRF address policy (tracker.addresses)."""

from __future__ import annotations

import pytest

from tracker.poll.addresses import is_public_address, refusal_reason

PUBLIC = [
    "93.184.216.34",
    "8.8.8.8",
    "1.1.1.1",
    "100.63.255.255",  # just below CGNAT
    "100.128.0.0",  # just above CGNAT
    "172.15.255.255",  # just below 172.16/12
    "172.32.0.0",  # just above 172.16/12
    "2606:4700:4700::1111",
    "2a00:1450:4001:82a::200e",
    "::ffff:8.8.8.8",  # IPv4-mapped public
    "64:ff9b::808:808",  # NAT64 of 8.8.8.8
    "2002:808:808::1",  # 6to4 of 8.8.8.8
    " 8.8.4.4 ",  # surrounding space tolerated
    "[2606:4700:4700::1001]",  # bracketed as in a URL
]

# (address, a word the reason must contain)
REFUSED = [
    ("0.0.0.0", "unspecified"),
    ("0.1.2.3", "unspecified"),
    ("::", "unspecified"),
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("::1", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.255", "private"),
    ("192.168.1.1", "private"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.255", "carrier-grade NAT"),
    ("169.254.169.254", "cloud metadata"),
    ("169.254.1.1", "link-local"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("fc00::1", "unique-local"),
    ("fd12:3456:789a::1", "unique-local"),
    ("fd00:ec2::254", "cloud metadata"),
    ("fec0::1", "site-local"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("ff02::1", "multicast"),
    ("255.255.255.255", "broadcast"),
    ("240.0.0.1", "reserved"),
    ("192.0.2.10", "documentation"),
    ("2001:db8::1", "documentation"),
    ("198.18.0.1", "benchmarking"),
    ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped loopback
    ("::ffff:169.254.169.254", "cloud metadata"),
    ("::ffff:10.1.2.3", "private"),
    ("64:ff9b::a9fe:a9fe", "cloud metadata"),  # NAT64 of 169.254.169.254
    ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
    ("2002:c0a8:101::1", "private"),  # 6to4 of 192.168.1.1
    ("::7f00:1", "reserved"),  # deprecated IPv4-compatible ::127.0.0.1
    ("64:ff9b:1::1", "NAT64"),
    ("100::1", "discard"),
    ("localhost", "not an IP address"),
    ("", "not an IP address"),
    ("256.1.1.1", "not an IP address"),
]


@pytest.mark.parametrize("ip", PUBLIC)
def test_public_addresses_are_allowed(ip: str) -> None:
    assert refusal_reason(ip) is None
    assert is_public_address(ip) is True


@pytest.mark.parametrize(("ip", "word"), REFUSED)
def test_non_public_addresses_are_refused_with_their_class(ip: str, word: str) -> None:
    reason = refusal_reason(ip)
    assert reason is not None
    assert word in reason
    assert is_public_address(ip) is False


def test_embedded_ipv4_is_named_in_the_reason() -> None:
    assert refusal_reason("::ffff:127.0.0.1") == "loopback (IPv4 127.0.0.1 inside IPv6)"
