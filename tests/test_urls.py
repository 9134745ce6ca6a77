"""The one URL validator (``tracker.urls.url_problem``): what it accepts, what it refuses and
why, and its promise to the fetcher: every URL it accepts is one httpx can read without raising
(a redirect to ``http://xn--/x`` once crashed a whole poll from inside httpx)."""

from __future__ import annotations

import httpx
import pytest

from tracker.urls import MAX_URL_LENGTH, host_of, is_http_url, redact_url, url_problem

GOOD = [
    "http://example.org/feed",
    "https://example.org/feed.xml?x=1&y=2#top",
    "HTTPS://Example.ORG/",
    "http://example.org",
    "http://example.org.",  # the root's dot
    "http://my_host.example.org/rss",  # underscores happen in real host names
    "http://127.0.0.1:8080/feed",
    "http://[::1]:8080/feed",
    "http://[2001:db8::1]/feed",
    "http://example.org:65535/",
    "http://example.org:/feed",  # an empty port is the default one
    "http://reader:s3cret@example.org/private.xml",
    "http://bücher.de/feed",  # an internationalized host name
    "http://xn--bcher-kva.de/feed",  # the same, as its ASCII (A-label) form
    "http://xn--fiqs8s.icom.museum/",
    "http://example.org/한국영화/rss",  # non-ASCII in the path: httpx percent-encodes it
    "http://0x7f.1/",  # inet_aton spellings are host names here; the address guard sees them
    "http://2130706433/",
]

BAD = [
    ("", "empty"),
    ("http://[::1/", "[bracketed] host is not an IPv6 address"),
    ("http://[zz]/feed", "[bracketed] host is not an IPv6 address"),
    ("http://[::g]/feed", "[bracketed] host is not an IPv6 address"),
    ("http://example.org:99999/feed", "the port '99999' is not a number from 1 to 65535"),
    ("http://example.org:0/feed", "the port '0' is not a number from 1 to 65535"),
    ("http://example.org:8a/feed", "the port '8a' is not a number"),
    ("http://example.org:-1/feed", "the port '-1' is not a number"),
    ("http://exa mple.org/feed", "a space in it"),
    ("http://example.org/a feed", "a space in it"),
    (" http://example.org/feed", "a space in it"),
    ("http://example.org/\tfeed", "control character ('\\t')"),
    ("http://example.org/\u200bfeed", "invisible or control character"),
    ("http://example.org/\udcff", "invisible or control character"),  # argv that is not UTF-8
    ("http://xn--/x", "its host 'xn--' is not a valid internationalized (xn--) name"),
    ("http://xn--zz.example/x", "not a valid internationalized (xn--) name"),
    ("http://a.xn--/x", "not a valid internationalized (xn--) name"),
    ("http://a!b.example/", "a character a host name cannot have ('!')"),
    ("http://%65xample.org/", "a character a host name cannot have ('%')"),
    ("http://a..b/", "empty label"),
    ("http://.example.org/", "empty label"),
    ("http://" + "a" * 64 + ".example/", "longer than 63"),
    ("http://" + ("a" * 60 + ".") * 5 + "org/", "longer than 253"),
    ("http://999.1.1.1/", "not an IPv4 address"),
    ("http://bü!cher.de/", "not a valid internationalized (IDNA) name"),
    ("http://user@/feed", "no host name"),
    ("http:///feed", "no host name"),
    ("http:/feed", "no host name"),
    ("example.org/feed", "not absolute"),
    ("/feed.xml", "not absolute"),
    ("ftp://example.org/feed", "only http:// and https://"),
    ("file:///etc/passwd", "only http:// and https://"),
    ("javascript:alert(1)", "not absolute"),
    ("http://example.org/" + "x" * MAX_URL_LENGTH, f"longer than {MAX_URL_LENGTH}"),
]


@pytest.mark.parametrize("url", GOOD)
def test_feed_urls_are_accepted(url: str) -> None:
    assert url_problem(url) is None
    assert is_http_url(url)


@pytest.mark.parametrize(("url", "reason"), BAD)
def test_bad_urls_are_refused_with_the_reason(url: str, reason: str) -> None:
    problem = url_problem(url)
    assert problem is not None and reason in problem, problem
    assert not is_http_url(url)
    # one line, so it fits after "feeds[3].url:" and in `tracker status`
    assert "\n" not in problem


@pytest.mark.parametrize("url", GOOD)
def test_every_accepted_url_is_one_httpx_and_the_resolver_can_read(url: str) -> None:
    parsed = httpx.URL(url)
    assert parsed.scheme in ("http", "https")
    assert parsed.host  # decodes xn-- hosts: what raised from inside httpx's redirect handling
    # the host as the resolver gets it: Python's IDNA codec refuses empty and long labels
    parsed.raw_host.decode("ascii").encode("idna")


@pytest.mark.parametrize(
    "url", ["http://xn--/x", "http://a..b/", "http://" + "a" * 64 + ".example/"]
)
def test_what_it_refuses_would_have_raised_later(url: str) -> None:
    """The refusals are not pedantry: each of these raised out of httpx or the resolver."""
    with pytest.raises(ValueError):
        parsed = httpx.URL(url)
        parsed.host  # noqa: B018
        parsed.raw_host.decode("ascii").encode("idna")


def test_redaction_and_host_still_work_on_anything() -> None:
    assert redact_url("http://me:secret@example.org/x") == "http://***@example.org/x"
    assert host_of("http://[::1/") == "http://[::1/"
    assert host_of("http://me:secret@example.org/x") == "example.org"
