"""The command line, end to end, as a user meets it: a real HTTP server on 127.0.0.1 serving
feeds with ETag/Last-Modified, a real SQLite database, the real CLI (in process)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO
from httpserver import HTTPTestServer, redirect, respond
from typer.testing import CliRunner

from tracker.cli import app

FEEDS = REPO / "tests" / "data" / "feeds"
runner = CliRunner()


def tracker(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        for path in sorted(FEEDS.glob("*.xml")):
            s.add_file(f"/{path.name}", path.read_bytes(), content_type="application/rss+xml")
        yield s


def opml_for(server: HTTPTestServer, names: list[str]) -> str:
    outlines = "".join(
        f'<outline type="rss" text="{n}" xmlUrl="{server.url("/" + n)}"/>' for n in names
    )
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'


@pytest.fixture
def configured(tmp_path: Path, server: HTTPTestServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's setup: `tracker init`, local-only feeds, feeds imported from an OPML file."""
    monkeypatch.setenv("TRACKER_POLL__ALLOW_PRIVATE_NETWORKS", "true")
    monkeypatch.setenv("TRACKER_TRACKER__COLLECTIONS", "[]")
    monkeypatch.setenv("TRACKER_DATABASE__URL", f"sqlite:///{tmp_path / 'db' / 'tracker.db'}")
    code, out, _ = tracker("init")
    assert code == 0 and "wrote tracker.toml" in out
    names = sorted(p.name for p in FEEDS.glob("*.xml"))
    (tmp_path / "farm.opml").write_text(opml_for(server, names))
    code, out, err = tracker("feeds", "import", "farm.opml")
    assert code == 0, err
    assert f"imported {len(names)} feeds" in out
    return tmp_path / "tracker.toml"


def expected_entries() -> int:
    items = (REPO / "tests" / "data" / "labeled" / "items.jsonl").read_text().splitlines()
    return len([line for line in items if line.strip()])


def test_poll_stores_every_entry_once_then_everything_is_not_modified(
    configured: Path, server: HTTPTestServer
) -> None:
    n_feeds = len(list(FEEDS.glob("*.xml")))
    n_entries = expected_entries()
    code, out, err = tracker("poll")
    assert code == 0, err
    assert f"polled {n_feeds} feeds: 0 not modified, 0 failed, {n_entries} new entries" in out

    code, out, _ = tracker("poll")
    assert code == 0
    assert f"polled {n_feeds} feeds: {n_feeds} not modified, 0 failed, 0 new entries" in out
    conditional = [r for r in server.requests[-n_feeds:] if "if-none-match" in r.headers]
    assert len(conditional) == n_feeds

    code, out, _ = tracker("status", "--json")
    status = json.loads(out)
    assert (status["feeds"], status["entries"], status["failing"]) == (n_feeds, n_entries, 0)

    code, out, _ = tracker("entries", "list", "--json", "--limit", "1000")
    rows = json.loads(out)
    assert len(rows) == n_entries
    assert not any("utm_source" in (row["link"] or "") for row in rows)


def test_edited_entry_is_updated_in_place(configured: Path, server: HTTPTestServer) -> None:
    assert tracker("poll")[0] == 0
    body = (FEEDS / "variety.xml").read_bytes()
    first_title = body.split(b"<item>")[1].split(b"<title>")[1].split(b"</title>")[0]
    server.replace_file("/variety.xml", body.replace(first_title, first_title + b" (updated)", 1))
    out = tracker("poll", "--feed", server.url("/variety.xml"))[1]
    assert "polled 1 feeds: 0 not modified, 0 failed, 0 new entries, 1 updated" in out
    out = tracker("entries", "list", "--json", "--limit", "1000")[1]
    titles = [row["title"] for row in json.loads(out)]
    assert len(titles) == expected_entries()
    assert sum(t.endswith("(updated)") for t in titles) == 1


def test_a_broken_feed_is_recorded_and_the_others_stored(
    configured: Path, server: HTTPTestServer
) -> None:
    server.add_route("/broken.xml", respond(500, b"oops"))
    server.add_route(
        "/page.xml", respond(200, b"<html><body>hi</body></html>", content_type="text/html")
    )
    for path in ("/broken.xml", "/page.xml"):
        assert tracker("feeds", "add", server.url(path))[0] == 0
    code, out, err = tracker("poll")
    assert code == 0
    n_feeds = len(list(FEEDS.glob("*.xml"))) + 2
    assert f"2 of {n_feeds} failed" in out and f"{expected_entries()} new entries" in out
    assert "HTTP 500" in err or "500" in err
    status = json.loads(tracker("status", "--json")[1])
    assert status["failing"] == 2
    failing = {f["url"]: f for f in status["feed_status"] if f["consecutive_errors"]}
    assert set(failing) == {server.url("/broken.xml"), server.url("/page.xml")}


def test_dropped_feed_stops_being_polled(configured: Path, server: HTTPTestServer) -> None:
    url = server.url("/variety.xml")
    assert tracker("feeds", "remove", url)[0] == 0
    assert url not in tracker("feeds", "list")[1]
    tracker("poll")
    assert not server.requests_for("/variety.xml")


def test_feeds_export_round_trips(configured: Path, tmp_path: Path) -> None:
    code, _, _ = tracker("feeds", "export", "out.opml")
    assert code == 0
    text = (tmp_path / "out.opml").read_text()
    assert text.count("xmlUrl=") == len(list(FEEDS.glob("*.xml")))


def test_feeds_check_reports_format_and_counts(configured: Path, server: HTTPTestServer) -> None:
    code, out, _ = tracker("feeds", "check", server.url("/variety.xml"))
    assert code == 0
    assert "rss20" in out and "1 ok, 0 failed" in out


# -- error paths: one clear line, non-zero exit, no traceback ---------------------------------


def test_bad_config_reports_every_key(tmp_path: Path) -> None:
    (tmp_path / "tracker.toml").write_text(
        '[poll]\nconcurency = 3\ntimeout = "soon"\n[tracker]\ntimezone = "Mars/Olympus"\n'
    )
    code, out, err = tracker("config", "check")
    assert code == 1
    assert "poll.concurency: unknown key (hint: did you mean 'concurrency'?)" in err
    assert "poll.timeout" in err and "tracker.timezone" in err
    assert "Traceback" not in err + out


def test_config_check_ok_on_starter(tmp_path: Path) -> None:
    assert tracker("init")[0] == 0
    code, out, _ = tracker("config", "check")
    assert code == 0 and "ok" in out


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    assert tracker("init")[0] == 0
    code, _, err = tracker("init")
    assert code == 1 and "already exists" in err and "--force" in err


def test_missing_explicit_config(tmp_path: Path) -> None:
    code, _, err = tracker("--config", "nope.toml", "status")
    assert code == 1 and "nope.toml not found" in err


def test_unknown_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TRACKER__COLLECTIONS", '["k-dramaz"]')
    code, _, err = tracker("config", "check")
    assert code == 1 and "k-dramaz" in err


def test_poll_unknown_feed(configured: Path) -> None:
    code, _, err = tracker("poll", "--feed", "https://nowhere.example/feed")
    assert code == 1 and "not a followed feed" in err


def test_bad_since_date(configured: Path) -> None:
    code, _, err = tracker("entries", "list", "--since", "last tuesday")
    assert code == 1 and "is not a date" in err


def test_unopenable_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("TRACKER_DATABASE__URL", f"sqlite:///{tmp_path / 'file' / 'db.sqlite'}")
    code, _, err = tracker("status")
    assert code == 1 and "cannot open database" in err and "Traceback" not in err


def test_feeds_add_without_config(tmp_path: Path) -> None:
    code, _, err = tracker("feeds", "add", "https://example.org/feed")
    assert code == 1 and "tracker init" in err


def test_feeds_add_rejects_a_non_http_url(configured: Path) -> None:
    code, _, err = tracker("feeds", "add", "file:///etc/passwd")
    assert code == 1 and "feeds" in err and "http" in err


def test_import_missing_file(configured: Path) -> None:
    code, _, err = tracker("feeds", "import", "missing.opml")
    assert code == 1 and "cannot read missing.opml" in err


def test_version() -> None:
    code, out, _ = tracker("--version")
    assert code == 0 and "kfilm-tracker" in out


def test_feed_text_that_looks_like_markup_prints_as_itself(
    configured: Path, server: HTTPTestServer
) -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Evil [/x] feed</title>'
        b"<link>https://e.example/</link><description>x</description><item>"
        b"<title>[review] Exhuma [/b]</title><link>https://e.example/1</link><guid>e1</guid>"
        b"</item></channel></rss>"
    )
    server.add_file("/evil.xml", body)
    assert tracker("feeds", "add", server.url("/evil.xml"))[0] == 0
    assert tracker("poll", "--feed", server.url("/evil.xml"))[0] == 0
    code, out, err = tracker("entries", "list")
    assert code == 0, err
    assert "[review] Exhuma [/b]" in out
    code, out, err = tracker("status")
    assert code == 0, err


def test_credentials_in_a_feed_url_are_never_printed(configured: Path) -> None:
    secret_url = "http://reader:s3cret@127.0.0.1:9/private.xml"
    code, out, _ = tracker("feeds", "add", secret_url)
    assert code == 0 and "s3cret" not in out
    assert "s3cret" not in tracker("feeds", "list")[1]


def test_config_check_never_prints_the_database_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE__URL", "postgresql://kfilm:hunter2@db.example/kfilm")
    code, out, _ = tracker("config", "check")
    assert code == 0 and "hunter2" not in out and "db.example" in out


def test_progress_draws_a_bar_in_a_terminal_and_nothing_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from rich.console import Console

    from tracker.cli import common

    screen = io.StringIO()
    monkeypatch.setattr(
        common,
        "err",
        common.LazyConsole(console=Console(file=screen, force_terminal=True, width=80)),
    )
    with common.progress("understanding") as (start, advance):
        start(4)
        advance(3)
    assert "understanding" in screen.getvalue()
    quiet = io.StringIO()
    monkeypatch.setattr(
        common, "err", common.LazyConsole(console=Console(file=quiet, force_terminal=False))
    )
    with common.progress("polling") as (start, advance):
        start(4)
        advance(4)
    assert quiet.getvalue() == ""


# -- every URL through one validator; no input a user or a server sends ends in a traceback ---

#: URLs no feed can have, each with what the error must say (tracker.urls.url_problem)
BAD_URLS = [
    ("http://[::1/", "[bracketed] host is not an IPv6 address"),
    ("http://example.org:99999/feed", "the port '99999' is not a number from 1 to 65535"),
    ("http://exa mple.org/feed", "a space in it"),
    ("http://example.org/a feed", "a space in it"),
    ("http://xn--/x", "its host 'xn--' is not a valid internationalized (xn--) name"),
]


@pytest.mark.parametrize(("url", "reason"), BAD_URLS)
def test_feeds_add_refuses_a_bad_url_by_key_and_changes_nothing(
    configured: Path, url: str, reason: str
) -> None:
    before = configured.read_text()
    code, out, err = tracker("feeds", "add", url)
    assert code == 1
    # the [[feeds]] table it would have been: the one after the imported ones
    index = before.splitlines().count("[[feeds]]")
    assert f"feeds[{index}].url: is not a usable http(s) URL: " in err and reason in err
    assert "Traceback" not in out + err
    assert configured.read_text() == before
    # and everything still works afterwards (it once broke config check, feeds list and poll)
    for command in (["config", "check"], ["feeds", "list"], ["status"]):
        code, out, err = tracker(*command)
        assert code == 0, (command, err)


@pytest.mark.parametrize(("url", "reason"), BAD_URLS)
def test_a_bad_url_written_by_hand_is_a_config_error_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, reason: str
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE__URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    good = '[[feeds]]\nurl = "https://example.org/feed"\n'
    (tmp_path / "tracker.toml").write_text(
        f'[tracker]\ncollections = []\n{good * 3}[[feeds]]\nurl = "{url}"\n'
    )
    for command in (["config", "check"], ["feeds", "list"], ["poll"], ["status"]):
        code, out, err = tracker(*command)
        assert code == 1, command
        assert "feeds[3].url: is not a usable http(s) URL: " in err and reason in err, command
        assert "Traceback" not in out + err


def _redirecting(server: HTTPTestServer) -> dict[str, str]:
    """Feed URL -> the bad URL its server redirects to."""
    routes = {}
    for number, (target, _) in enumerate(BAD_URLS):
        location = target.replace("example.org", f"127.0.0.1:{server.port}")
        routes[server.add_route(f"/moved{number}.xml", redirect(location, 301))] = location
    return routes


def test_a_redirect_to_a_bad_url_is_a_recorded_feed_error_and_the_poll_goes_on(
    configured: Path, server: HTTPTestServer
) -> None:
    routes = _redirecting(server)
    for url in routes:
        assert tracker("feeds", "add", url)[0] == 0
    for attempt in (1, 2):
        # (its exit status is the summary's business: every feed of this poll failed)
        _code, out, err = tracker("poll", *[a for url in routes for a in ("--feed", url)])
        assert "Traceback" not in out + err
        assert f"polled {len(routes)} feeds" in out and f"all {len(routes)} feeds failed" in out
        status = json.loads(tracker("status", "--json")[1])
        failing = {f["url"]: f for f in status["feed_status"] if f["consecutive_errors"]}
        assert set(failing) == set(routes)
        for url, location in routes.items():
            assert failing[url]["consecutive_errors"] == attempt
            assert failing[url]["last_error"].startswith(f"refused redirect to {location!r}: ")
    # a whole poll with them among the other feeds stores the others
    _code, out, err = tracker("poll")
    assert f"{expected_entries()} new entries" in out, err
    assert "Traceback" not in out + err


def test_opml_import_takes_the_good_urls_and_reports_the_bad_by_line(
    configured: Path, server: HTTPTestServer, tmp_path: Path
) -> None:
    lines = ['<?xml version="1.0"?>', '<opml version="2.0"><head/><body>']
    lines.append('<outline type="rss" text="Good" xmlUrl="https://example.org/good.xml"/>')
    for number, (url, _) in enumerate(BAD_URLS):
        lines.append(f'<outline type="rss" text="Bad {number}" xmlUrl="{url}"/>')
    lines.append('<outline text="group"><outline xmlUrl="https://example.org/also.xml"/>')
    lines.append("</outline></body></opml>")
    (tmp_path / "mixed.opml").write_text("\n".join(lines))
    code, out, err = tracker("feeds", "import", "mixed.opml")
    assert code == 0, err
    assert "Traceback" not in out + err
    assert f"imported 2 feeds from mixed.opml (0 already followed, {len(BAD_URLS)} skipped)" in out
    for number, (url, reason) in enumerate(BAD_URLS):
        line = number + 4  # the declaration, <opml>, the good outline, then one a line
        shown = f"skipped mixed.opml, line {line}, outline 'Bad {number}': {url!r}: "
        assert shown in err and reason in err.split(shown)[1].splitlines()[0]
    followed = tracker("feeds", "export")[1]
    assert 'xmlUrl="https://example.org/good.xml"' in followed
    assert 'xmlUrl="https://example.org/also.xml"' in followed
    assert tracker("config", "check")[0] == 0


@pytest.mark.parametrize(
    "key",
    [
        "99999999999999999999999",
        "9223372036854775808",  # one past the largest id a row can have
        "0",
        "-1",
        "²",  # a digit to str.isdigit(), not to int()
        "٣",
        "",
        "x" * 10_000,
        "http://[::1/",
        "a\nb",
        "\udcff",  # a command-line byte that is not UTF-8
    ],
)
def test_explain_answers_any_string_in_one_line(configured: Path, key: str) -> None:
    assert tracker("poll")[0] == 0
    code, out, err = tracker("explain", "--", key)
    assert code == 1
    assert "Traceback" not in out + err
    lines = err.splitlines()
    assert lines[0].startswith("error: no stored entry ") and len(lines[0]) < 200
    assert all(line.startswith(("error:", "hint:")) for line in lines)


def test_paths_and_numbers_a_user_types_never_end_in_a_traceback(configured: Path) -> None:
    (Path.cwd() / "folder").mkdir()
    for args in (
        ["feeds", "export", "folder"],
        ["feeds", "export", "missing/out.opml"],
        ["digest", "preview", "--out", "folder"],
    ):
        code, out, err = tracker(*args)
        assert code == 1 and "cannot write" in err, args
        assert "Traceback" not in out + err
    for limit in ("99999999999999999999", "0", "-1"):
        code, out, err = tracker("entries", "list", "--limit", limit)
        assert code == 2 and "--limit" in err, limit


def test_a_database_url_that_does_not_parse_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLAlchemy's parser raised ValueError on it: a traceback from every command
    monkeypatch.setenv("TRACKER_DATABASE__URL", "postgresql://kfilm:hunter2@[::1/kfilm")
    for command in (["status"], ["poll"], ["entries", "list"]):
        code, out, err = tracker(*command)
        # tracker poll says "the database" with its own status, 3
        expected = 3 if command == ["poll"] else 1
        assert code == expected and "error: not a database URL" in err, command
        assert "Traceback" not in out + err and "hunter2" not in out + err
