"""The CLI as scripts and people lean on it: ``--json`` with stable keys on every command that
lists or reports, whole URLs when the output is not a terminal, ``status`` showing feeds never
polled and every time with its zone, and shell completion. The real CLI (in process) on a real
SQLite database, feeds from a real HTTP server on 127.0.0.1; completion through a real bash."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO
from httpserver import HTTPTestServer
from rich.console import Console
from typer.testing import CliRunner

from tracker.cli import app, common

FEED = (REPO / "tests" / "data" / "feeds" / "variety.xml").read_bytes()
#: longer than any terminal's column, as real feed URLs with tracking paths are
LONG_PATH = "/feeds/" + "korean-cinema-weekly-" * 6 + "reviews-and-release-dates.xml"
runner = CliRunner()


def tracker(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        s.add_file("/variety.xml", FEED, content_type="application/rss+xml")
        s.add_file(LONG_PATH, FEED, content_type="application/rss+xml")
        yield s


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`tracker init` with no catalog collections, a real SQLite file, Seoul time."""
    monkeypatch.setenv("TRACKER_POLL__ALLOW_PRIVATE_NETWORKS", "true")
    monkeypatch.setenv("TRACKER_TRACKER__COLLECTIONS", "[]")
    monkeypatch.setenv("TRACKER_TRACKER__TIMEZONE", "Asia/Seoul")
    monkeypatch.setenv("TRACKER_TRACKER__STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("TRACKER_DATABASE__URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    assert tracker("init")[0] == 0
    return tmp_path / "tracker.toml"


# -- feeds list: whole URLs, JSON ----------------------------------------------------------------


def test_piped_feeds_list_prints_whole_urls_that_feeds_remove_takes(
    configured: Path, server: HTTPTestServer
) -> None:
    long_url = server.url(LONG_PATH)
    assert len(long_url) > 150
    assert tracker("feeds", "add", long_url, "--title", "A long one", "--kind", "review")[0] == 0
    assert tracker("feeds", "add", server.url("/variety.xml"))[0] == 0

    for columns in ("80", "40"):  # whatever the (absent) terminal's width says
        code, out, _ = tracker("feeds", "list", env={"COLUMNS": columns})
        assert code == 0
        assert "…" not in out
        lines = out.splitlines()
        assert lines[0].split() == ["url", "title", "kind", "korean", "only", "from"]
        assert all(line == line.rstrip() for line in lines)
        # the first word of each line is the whole URL, as a script would cut it
        assert [line.split()[0] for line in lines[1:]] == [long_url, server.url("/variety.xml")]

    first_word = tracker("feeds", "list")[1].splitlines()[1].split()[0]
    code, out, err = tracker("feeds", "remove", first_word)
    assert code == 0, err
    assert long_url not in tracker("feeds", "list")[1]


def test_feeds_list_in_a_narrow_terminal_folds_the_url_instead_of_cutting_it(
    configured: Path, server: HTTPTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_url = server.url(LONG_PATH)
    assert tracker("feeds", "add", long_url)[0] == 0
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=60, color_system=None)
    monkeypatch.setattr(common, "out", common.LazyConsole(console=terminal))
    assert tracker("feeds", "list")[0] == 0
    drawn = screen.getvalue()
    assert "…" not in drawn
    # the URL's pieces, read column by column, are the whole URL
    pieces = [line.split()[0] for line in drawn.splitlines()[1:] if line.strip()]
    assert "".join(pieces) == long_url


FEED_KEYS = {
    "url",
    "title",
    "site",
    "kind",
    "korean_only",
    "interval_seconds",
    "include",
    "exclude",
    "collection",
}


def test_feeds_list_json_has_the_documented_keys(
    configured: Path, server: HTTPTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.url("/variety.xml")
    assert tracker("feeds", "add", url, "--kind", "review", "--korean-only")[0] == 0
    monkeypatch.setenv("TRACKER_TRACKER__COLLECTIONS", '["netflix"]')
    code, out, _ = tracker("feeds", "list", "--json")
    assert code == 0
    feeds = json.loads(out)
    assert all(set(feed) == FEED_KEYS for feed in feeds)
    mine = next(feed for feed in feeds if feed["url"] == url)
    assert mine == {
        "url": url,
        "title": None,
        "site": None,
        "kind": "review",
        "korean_only": True,
        "interval_seconds": None,
        "include": [],
        "exclude": [],
        "collection": None,
    }
    catalog = [feed for feed in feeds if feed["collection"] == "netflix"]
    assert catalog and all(feed["title"] for feed in catalog)
    assert_keys_documented("tracker feeds list", FEED_KEYS)


def test_feeds_export_then_import_keeps_each_feeds_kind_and_korean_only(
    configured: Path, tmp_path: Path
) -> None:
    added = {
        "https://r.example/rss": ("review", True),
        "https://n.example/rss": ("release", False),
        "https://m.example/rss": ("mixed", False),
    }
    for url, (kind, korean_only) in added.items():
        flags = ["--korean-only"] if korean_only else []
        assert tracker("feeds", "add", url, "--kind", kind, *flags)[0] == 0
    assert tracker("feeds", "export", "feeds.opml")[0] == 0

    # another machine: a fresh config that imports the file
    other = tmp_path / "other.toml"
    assert tracker("--config", str(other), "init")[0] == 0
    code, out, err = tracker("--config", str(other), "feeds", "import", "feeds.opml")
    assert code == 0, err
    assert "imported 3 feeds" in out
    feeds = json.loads(tracker("--config", str(other), "feeds", "list", "--json")[1])
    assert {f["url"]: (f["kind"], f["korean_only"]) for f in feeds} == added
    assert 'kind = "review"\nkorean_only = true' in other.read_text()


# -- digest list: JSON, zones --------------------------------------------------------------------


RECORD_KEYS = {
    "week",
    "recipient",
    "status",
    "attempts",
    "message_id",
    "claimed_at",
    "updated_at",
    "sent_at",
    "retry_at",
    "error",
}


def test_digest_list_json_and_its_times_labelled_with_their_zone(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert json.loads(tracker("digest", "list", "--json")[1]) == []
    monkeypatch.setenv("TRACKER_DIGEST__RECIPIENTS", '["reader@example.com"]')
    monkeypatch.setenv("TRACKER_DIGEST__SEND_IF_EMPTY", "true")
    code, out, err = tracker("digest", "send", "--week", "2026-W48")  # to the file outbox
    assert code == 0, err

    code, out, _ = tracker("digest", "list", "--json")
    assert code == 0
    [record] = json.loads(out)
    assert set(record) == RECORD_KEYS
    assert (record["week"], record["recipient"], record["status"]) == (
        "2026-W48",
        "reader@example.com",
        "sent",
    )
    assert record["attempts"] == 1 and record["error"] is None and record["retry_at"] is None
    assert record["sent_at"].endswith("+00:00")  # ISO 8601, in UTC
    assert_keys_documented("tracker digest list", RECORD_KEYS)

    code, out, _ = tracker("digest", "list")
    assert code == 0
    [row] = [line for line in out.splitlines() if line.startswith("2026-W48")]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d KST$", row), row


# -- status: feeds never polled, zones -----------------------------------------------------------


def test_status_shows_feeds_never_polled_and_every_time_with_its_zone(
    configured: Path, server: HTTPTestServer
) -> None:
    polled, waiting = server.url("/variety.xml"), server.url(LONG_PATH)
    assert tracker("feeds", "add", polled, "--title", "Variety")[0] == 0
    assert tracker("poll")[0] == 0
    # added after the last poll: the database does not know it yet
    assert tracker("feeds", "add", waiting, "--title", "Waiting")[0] == 0

    code, out, _ = tracker("status", "--json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["feeds"], doc["failing"], doc["never_polled"]) == (2, 0, 1)
    rows = {row["url"]: row for row in doc["feed_status"]}
    assert rows[waiting]["state"] == "never polled" and rows[waiting]["title"] == "Waiting"
    assert rows[waiting]["last_success"] is None and rows[waiting]["entries"] == 0
    assert rows[polled]["state"] == "ok" and rows[polled]["entries"] > 0
    assert rows[polled]["last_success"].endswith("+00:00")

    code, out, _ = tracker("status")
    assert code == 0
    lines = out.splitlines()
    [ok] = [line for line in lines if line.startswith("Variety")]
    assert len(re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d KST", ok)) == 2, ok  # success, next
    [never] = [line for line in lines if line.startswith("Waiting")]
    assert never.split()[1:] == ["0", "-", "due", "never", "polled"]
    assert lines[-1].startswith("2 feeds, ") and "0 failing, 1 never polled" in lines[-1]

    # the first poll takes it in: no longer "never polled", and status changed nothing before
    assert tracker("poll")[0] == 0
    assert json.loads(tracker("status", "--json")[1])["never_polled"] == 0
    assert_keys_documented("tracker status", set(doc) | set(doc["feed_status"][0]))


def test_entries_list_json_keys_are_documented(configured: Path, server: HTTPTestServer) -> None:
    assert tracker("feeds", "add", server.url("/variety.xml"))[0] == 0
    assert tracker("poll")[0] == 0
    rows = json.loads(tracker("entries", "list", "--json")[1])
    assert rows
    assert_keys_documented("tracker entries list", set(rows[0]))


def test_status_of_a_new_config_lists_every_feed_before_any_poll(configured: Path) -> None:
    assert tracker("feeds", "add", "https://example.org/rss")[0] == 0
    code, out, _ = tracker("status", "--json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["feeds"], doc["never_polled"]) == (1, 1)
    assert doc["feed_status"][0]["url"] == "https://example.org/rss"


def assert_keys_documented(command: str, keys: set[str]) -> None:
    """The README's "For scripts" item for ``command --json`` names every key of its JSON."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"\n- `{command} --json`: ")
    item = re.split(r"\n(?:- |\n)", readme[start + 1 :], maxsplit=1)[0]
    missing = sorted(k for k in keys if f"`{k}`" not in item)
    assert not missing, f"README's item for {command} --json does not name {missing}"


# -- shell completion ----------------------------------------------------------------------------


def _bash_env(home: Path) -> dict[str, str]:
    script = Path(sys.executable).with_name("tracker")
    if not script.exists():
        pytest.skip(f"no tracker console script beside {sys.executable} (not pip-installed)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("_TRACKER")}
    return {**env, "HOME": str(home), "PATH": f"{script.parent}{os.pathsep}{env['PATH']}"}


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_commands_groups_and_choices(tmp_path: Path) -> None:
    env = _bash_env(tmp_path)

    def complete(*words: str) -> list[str]:
        # the script `--show-completion` prints, sourced in a real bash, asked as <TAB> asks
        array = " ".join(f"'{w}'" for w in words)
        probe = (
            'eval "$(tracker --show-completion)"\n'
            f"COMP_WORDS=({array}); COMP_CWORD={len(words) - 1}\n"
            '_tracker_completion tracker; printf "%s\\n" "${COMPREPLY[@]}"\n'
        )
        done = subprocess.run(
            ["bash", "--norc", "-c", probe],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout.split()

    assert complete("tracker", "fe") == ["feeds"]
    assert set(complete("tracker", "digest", "")) >= {"preview", "send", "list", "archive"}
    assert complete("tracker", "feeds", "add", "x", "--kind", "") == [
        "review",
        "release",
        "news",
        "mixed",
    ]
    assert "--json" in complete("tracker", "feeds", "list", "--")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_install_completion_writes_the_script_for_bash(tmp_path: Path) -> None:
    env = _bash_env(tmp_path)
    done = subprocess.run(
        ["bash", "--norc", "-c", "tracker --install-completion"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".bash_completions" / "tracker.sh"
    assert f"installed in {script}" in done.stdout
    assert "_TRACKER_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()


def test_completing_costs_no_more_than_help(monkeypatch: pytest.MonkeyPatch) -> None:
    from test_startup import HEAVY, TYPER_LOADS, loaded_by

    monkeypatch.setenv("_TRACKER_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "tracker feeds ")
    monkeypatch.setenv("COMP_CWORD", "2")
    code, loaded, stdout = loaded_by(heavy=tuple(h for h in HEAVY if h not in TYPER_LOADS))
    assert code == 0 and "remove" in stdout.split()
    assert loaded == [], f"completing imported {loaded}"
