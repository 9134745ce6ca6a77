"""One `tracker poll` over a farm of hostile servers and documents, mixed with healthy feeds.

The farm is one real HTTP server on 127.0.0.1 (tests/httpserver.py). The poll runs as a real
process (``python -m tracker poll``) so its wall time and its peak memory are the process's own:
``os.wait4`` returns the child's resource usage (ru_maxrss), parse workers included once reaped.
Then ``tracker status --json`` must name every hostile feed's problem, every healthy entry must be
stored exactly once, and nothing from ``file:///etc/passwd`` may be anywhere in the database.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import REPO
from httpserver import (
    HTTPTestServer,
    closed_port_url,
    drip,
    dynamic,
    endless,
    gzip_bomb,
    huge,
    redirect,
    reset_mid_body,
    respond,
)
from typer.testing import CliRunner

from tracker.cli import app
from tracker.exceptions import FetchError
from tracker.parse.feed import parse_feed
from tracker.poll.fetch import Fetcher
from tracker.poll.transport import Resolver
from tracker.types import FetchResult

FEEDS = REPO / "tests" / "data" / "feeds"
TIMEOUT = 2.0
#: the whole poll, process start to exit: every request has a 2 s deadline and they run at once
POLL_BUDGET = 25.0
MEMORY_BUDGET_MB = 300
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

runner = CliRunner()


def rss(*items: str, title: str = "Healthy", encoding: str | None = "utf-8") -> str:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else ""
    return (
        f'{declaration}<rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://example.org/</link><description>d</description>{''.join(items)}"
        "</channel></rss>"
    )


def item(
    title: str,
    link: str | None,
    guid: str | None = None,
    date: str | None = "Mon, 06 Oct 2025 09:00:00 +0000",
) -> str:
    parts = [f"<title>{title}</title>"]
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + "<description>text</description></item>"


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10))
    + '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def laughs(inline: bool) -> bytes:
    body = rss(item("&lol9;", "https://example.org/lol"), encoding=None)
    declaration = '<?xml version="1.0"?>'
    separator = "" if inline else "\n"  # DOCTYPE on the same line as the declaration, or not
    return (declaration + separator + LAUGHS + "\n" + body).encode()


XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    + rss(item("&xxe;", "https://example.org/xxe"), encoding=None)
).encode()
QUADRATIC = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "'
    + "a" * 50_000
    + '">]>\n'
    + rss(item("&a;" * 50_000, "https://example.org/q"), encoding=None)
).encode()


@dataclass(frozen=True)
class Hostile:
    path: str
    #: what the recorded error must say
    error: str


@dataclass(frozen=True)
class Tricky:
    """A document that is odd but usable: it must be stored, with these titles."""

    path: str
    titles: tuple[str, ...]


def healthy_document(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


@pytest.fixture(scope="module")
def farm() -> Iterator[tuple[HTTPTestServer, list[str], list[Hostile], list[Tricky]]]:
    with HTTPTestServer() as s:
        healthy = ["koreaherald.xml", "variety.xml", "letterboxd.xml", "whats-on-netflix.xml"]
        for name in healthy:
            s.add_file(f"/{name}", healthy_document(name))

        hostile = [
            Hostile("/drip", f"timed out after {TIMEOUT:g} s"),
            Hostile("/endless", "larger than the limit"),
            Hostile("/huge", "larger than the limit"),
            Hostile("/huge-undeclared", "larger than the limit"),
            Hostile("/bomb", "larger than the limit"),
            Hostile("/loop-a", "redirect loop"),
            Hostile("/chain-0", "too many redirects"),
            Hostile("/to-file", "refused redirect to 'file:///etc/passwd'"),
            Hostile("/500", "HTTP 500"),
            Hostile("/404", "HTTP 404"),
            Hostile("/reset", "connection reset"),
            Hostile("/html", "looks like an HTML page"),
            Hostile("/empty", "empty document"),
            Hostile("/truncated", "truncated document"),
            Hostile("/laughs", "unsafe XML refused"),
            Hostile("/laughs-inline", "unsafe XML refused"),
            Hostile("/xxe", "unsafe XML refused"),
            Hostile("/quadratic", "unsafe XML refused"),
        ]
        s.add_route("/drip", drip(healthy_document("variety.xml")[:400], interval=1.0))
        s.add_route("/endless", endless())
        s.add_route("/huge", huge(20 << 20))
        s.add_route("/huge-undeclared", huge(20 << 20, declare_length=False))
        s.add_route("/bomb", gzip_bomb(1 << 30))
        s.add_route("/loop-a", redirect("/loop-b", 301))
        s.add_route("/loop-b", redirect("/loop-a", 302))
        for n in range(15):
            s.add_route(f"/chain-{n}", redirect(f"/chain-{n + 1}", 302))
        s.add_route("/to-file", redirect("file:///etc/passwd", 301))
        s.add_route("/500", respond(500, b"oops", content_type="text/plain"))
        s.add_route("/404", respond(404, b"nope", content_type="text/plain"))
        s.add_route("/reset", reset_mid_body())
        s.add_route(
            "/html",
            respond(
                200,
                b"<!DOCTYPE html><html><head><title>Hi</title></head><body>no feed</body></html>",
                content_type="text/html",
            ),
        )
        s.add_route("/empty", respond(200, b""))
        s.add_route("/truncated", respond(200, healthy_document("koreaherald.xml")[:3000]))
        s.add_route("/laughs", respond(200, laughs(inline=False)))
        s.add_route("/laughs-inline", respond(200, laughs(inline=True)))
        s.add_route("/xxe", respond(200, XXE))
        s.add_route("/quadratic", respond(200, QUADRATIC))

        no_charset = "application/rss+xml"
        tricky = [
            Tricky("/euc-kr", ("기생충 리뷰: 봉준호의 걸작",)),
            Tricky("/latin-1", ("Amélie, à revoir",)),
            Tricky("/windows-1251", ("Паразиты: рецензия",)),
            Tricky("/double-utf8", ("한국 영화 “기생충” 리뷰",)),
            Tricky("/bom", ("BOM 없는 선언 — 괴물",)),
            Tricky("/utf16", ("UTF-16 올드보이",)),
            Tricky("/dates", ("날짜 한국어", "Date en français", "Datum auf Deutsch")),
            Tricky("/no-dates", ("Undated one", "Undated two")),
            Tricky("/no-guids", ("No guid one", "No guid two")),
            Tricky("/dup-guids", ("Same guid one", "Same guid two")),
        ]
        euckr = rss(
            item("기생충 리뷰: 봉준호의 걸작", "https://example.org/k1", "k1"), encoding=None
        )
        s.add_route("/euc-kr", respond(200, euckr.encode("euc-kr"), content_type=no_charset))
        latin = rss(item("Amélie, à revoir", "https://example.org/l1", "l1"), encoding=None)
        s.add_route("/latin-1", respond(200, latin.encode("latin-1"), content_type=no_charset))
        # declared in the document, contradicted by the header: the bytes decide
        cyrillic = rss(
            item("Паразиты: рецензия", "https://example.org/c1", "c1"), encoding="windows-1251"
        )
        s.add_route(
            "/windows-1251",
            respond(
                200,
                cyrillic.encode("windows-1251"),
                content_type="application/rss+xml; charset=utf-8",
            ),
        )
        double = rss(item("한국 영화 “기생충” 리뷰", "https://example.org/d1", "d1"))
        s.add_route(
            "/double-utf8",
            respond(200, double.encode("utf-8").decode("latin-1").encode("utf-8")),
        )
        bom = rss(item("BOM 없는 선언 — 괴물", "https://example.org/b1", "b1"), encoding=None)
        s.add_route("/bom", respond(200, b"\xef\xbb\xbf" + bom.encode(), content_type=no_charset))
        utf16 = rss(item("UTF-16 올드보이", "https://example.org/u1", "u1"), encoding=None)
        s.add_route("/utf16", respond(200, utf16.encode("utf-16"), content_type=no_charset))
        dates = rss(
            item("날짜 한국어", "https://example.org/n1", "n1", "2025년 10월 07일 오후 3:05"),
            item(
                "Date en français",
                "https://example.org/n2",
                "n2",
                "mar., 07 oct. 2025 09:00:00 +0200",
            ),
            item("Datum auf Deutsch", "https://example.org/n3", "n3", "Di, 07 Okt 2025 09:00"),
        )
        s.add_route("/dates", respond(200, dates.encode()))
        undated = rss(
            item("Undated one", "https://example.org/u1", "x1", None),
            item("Undated two", "https://example.org/u2", "x2", None),
        )
        s.add_route("/no-dates", respond(200, undated.encode()))
        no_guids = rss(
            item("No guid one", "https://example.org/g1"), item("No guid two", None, None)
        )
        s.add_route("/no-guids", respond(200, no_guids.encode()))
        dup_guids = rss(
            item("Same guid one", "https://example.org/s1", "same"),
            item("Same guid two", "https://example.org/s2", "same"),
        )
        s.add_route("/dup-guids", respond(200, dup_guids.encode()))

        def random_guids() -> bytes:
            return rss(
                item("Fresh guid every poll A", "https://example.org/r1", uuid.uuid4().hex),
                item("Fresh guid every poll B", "https://example.org/r2", uuid.uuid4().hex),
            ).encode()

        s.add_route("/random-guids", dynamic(random_guids))
        tricky.append(
            Tricky("/random-guids", ("Fresh guid every poll A", "Fresh guid every poll B"))
        )

        urls = [s.url(f"/{name}") for name in healthy]
        yield s, urls, hostile, tricky


def write_config(path: Path, db: Path, urls: list[str]) -> None:
    feeds = "".join(f'[[feeds]]\nurl = "{url}"\n' for url in urls)
    path.write_text(
        f'[database]\nurl = "sqlite:///{db.as_posix()}"\n'
        "[tracker]\ncollections = []\n"
        f"[poll]\ntimeout = {TIMEOUT}\nper_host = 32\nconcurrency = 64\n"
        'host_gap = "0s"\nworkers = 2\n' + feeds,
        encoding="utf-8",
    )


@dataclass(frozen=True)
class Run:
    code: int
    wall: float
    max_rss_mb: float
    stdout: str
    stderr: str


def run_poll(config: Path, cwd: Path) -> Run:
    """``python -m tracker poll`` as its own process; ``wait4`` gives its peak RSS."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TRACKER_") or key == "TRACKER_TEST_POSTGRES_URL"
    }
    env["PYTHONPATH"] = str(REPO)
    env["TRACKER_POLL__ALLOW_PRIVATE_NETWORKS"] = "true"
    out, err = cwd / "poll.out", cwd / "poll.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "tracker", "poll", "--config", str(config)],
            cwd=cwd,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        code=process.returncode,
        wall=wall,
        max_rss_mb=usage.ru_maxrss / 1024,  # KiB on Linux
        stdout=out.read_text(),
        stderr=err.read_text(),
    )


def status(config: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, object]]:
    monkeypatch.setenv("TRACKER_POLL__ALLOW_PRIVATE_NETWORKS", "true")
    result = runner.invoke(app, ["status", "--json", "--config", str(config)])
    assert result.exit_code == 0, result.stderr
    return {feed["url"]: feed for feed in json.loads(result.stdout)["feed_status"]}


def stored(db: Path) -> dict[str, list[tuple[str, str | None, str]]]:
    """feed URL -> [(title, link, published_at)] straight from the database."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT f.url, e.title, e.link, e.published_at FROM entries e "
            "JOIN feeds f ON f.id = e.feed_id ORDER BY e.id"
        ).fetchall()
    result: dict[str, list[tuple[str, str | None, str]]] = {}
    for url, title, link, published in rows:
        result.setdefault(url, []).append((title, link, published))
    return result


@pytest.mark.slow
def test_one_poll_over_the_hostile_farm(
    farm: tuple[HTTPTestServer, list[str], list[Hostile], list[Tricky]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, healthy, hostile, tricky = farm
    refused = closed_port_url("/feed.xml")
    tls = f"https://127.0.0.1:{server.port}/koreaherald.xml"  # TLS to a plain-HTTP server
    hostile_urls = {server.url(h.path): h.error for h in hostile}
    hostile_urls[refused] = "connection refused"
    hostile_urls[tls] = "TLS handshake failed"
    tricky_urls = {server.url(t.path): t.titles for t in tricky}
    urls = healthy + list(hostile_urls) + list(tricky_urls)
    config, db = tmp_path / "tracker.toml", tmp_path / "tracker.db"
    write_config(config, db, urls)

    run = run_poll(config, tmp_path)
    print(f"hostile poll: {len(urls)} feeds, {run.wall:.2f} s, peak RSS {run.max_rss_mb:.0f} MB")
    assert run.code == 0, run.stderr
    assert f"polled {len(urls)} feeds" in run.stdout
    assert f"{len(hostile_urls)} of {len(urls)} failed" in run.stdout, run.stdout + run.stderr
    assert run.wall < POLL_BUDGET
    assert run.max_rss_mb < MEMORY_BUDGET_MB

    feeds = status(config, monkeypatch)
    for url, expected in hostile_urls.items():
        error = feeds[url]["last_error"]
        assert isinstance(error, str) and expected in error, (url, error)
        assert feeds[url]["state"] == "failing" and feeds[url]["entries"] == 0

    entries = stored(db)
    for url in healthy:
        document = server.requests_for("/" + url.rsplit("/", 1)[1])
        assert document, url
        expected_titles = sorted(
            e.title
            for e in parse_feed(
                (FEEDS / url.rsplit("/", 1)[1]).read_bytes(), url=url, now=NOW
            ).entries
        )
        assert sorted(t for t, _, _ in entries[url]) == expected_titles
        assert feeds[url]["state"] == "ok"
    for url, titles in tricky_urls.items():
        assert sorted(t for t, _, _ in entries.get(url, [])) == sorted(titles), url
        assert feeds[url]["state"] == "ok", feeds[url]["last_error"]

    # dates: a Korean and two foreign RFC 822 dates are understood; undated entries get a time
    dated = {t: p for t, _, p in entries[server.url("/dates")]}
    assert dated["날짜 한국어"].startswith("2025-10-07 06:05")  # 15:05 in Seoul
    assert dated["Date en français"].startswith("2025-10-07 07:00")
    assert dated["Datum auf Deutsch"].startswith("2025-10-07 09:00")
    assert all(p for _, _, p in entries[server.url("/no-dates")])

    # nothing of /etc/passwd anywhere, in any table
    with sqlite3.connect(db) as conn:
        dump = "\n".join(conn.iterdump())
    assert "root:" not in dump and "/bin/" not in dump

    # a second poll of the feeds that answer: nothing new, and fresh guids flood nothing
    again = [*healthy, *tricky_urls]
    monkeypatch.setenv("TRACKER_POLL__ALLOW_PRIVATE_NETWORKS", "true")
    args = ["poll", "--config", str(config)]
    for url in again:
        args += ["--feed", url]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert f"polled {len(again)} feeds" in result.stdout
    assert "0 failed, 0 new entries, 0 updated" in result.stdout, result.stdout
    assert stored(db) == entries


def test_a_loopback_feed_is_refused_by_default(tmp_path: Path) -> None:
    with HTTPTestServer() as server:
        url = server.add_file("/feed.xml", healthy_document("variety.xml"))
        config, db = tmp_path / "tracker.toml", tmp_path / "tracker.db"
        write_config(config, db, [url])
        result = runner.invoke(app, ["poll", "--config", str(config)])
        assert result.exit_code == 1  # every feed (the one) failed
        assert "1 of 1 failed" in result.stdout
        assert server.requests == []  # refused before connecting
        result = runner.invoke(app, ["status", "--json", "--config", str(config)])
    (feed,) = json.loads(result.stdout)["feed_status"]
    assert "refused to fetch from 127.0.0.1: a loopback address" in feed["last_error"]
    assert "allow_private_networks = true" in feed["last_error"]
    assert "TRACKER_POLL__ALLOW_PRIVATE_NETWORKS=true" in feed["last_error"]


# -- DNS rebinding: the connection goes to the address that was checked ---------------------------


def resolver(*answers: list[str]) -> tuple[Resolver, list[str]]:
    """Answers in turn (the last one repeats), like a DNS server that changes its mind."""
    calls: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return answers[min(len(calls), len(answers)) - 1]

    return resolve, calls


def fetch_with(url: str, resolve: Resolver, *, allow_private: bool) -> FetchResult:
    async def go() -> FetchResult:
        fetcher = Fetcher(
            user_agent="t",
            timeout=5,
            max_bytes=1 << 20,
            allow_private_networks=allow_private,
            resolve=resolve,
        )
        async with fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(go())


def test_connections_go_to_the_resolved_address_with_the_host_name() -> None:
    with HTTPTestServer() as server:
        server.add_file("/feed.xml", healthy_document("variety.xml"))
        resolve, calls = resolver(["127.0.0.1"])
        url = f"http://feed.kfilm.test:{server.port}/feed.xml"  # no real DNS knows this name
        result = fetch_with(url, resolve, allow_private=True)
        assert result.status == 200 and calls == ["feed.kfilm.test"]
        assert server.requests[-1].headers["host"] == f"feed.kfilm.test:{server.port}"


def test_dns_rebinding_after_the_check_is_refused_at_connect_time() -> None:
    with HTTPTestServer() as server:
        server.add_file("/feed.xml", healthy_document("variety.xml"))
        # public for the guard's look-up, loopback a moment later for the connection's
        resolve, calls = resolver(["93.184.215.14"], ["127.0.0.1"])
        url = f"http://feed.kfilm.test:{server.port}/feed.xml"
        with pytest.raises(FetchError) as info:
            fetch_with(url, resolve, allow_private=False)
        assert calls == ["feed.kfilm.test", "feed.kfilm.test"]
        assert info.value.url == url and info.value.permanent
        assert info.value.message == (
            "refused to fetch from feed.kfilm.test (127.0.0.1): "
            "a loopback address, not a public one"
        )
        assert server.requests == []
