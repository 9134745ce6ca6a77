"""``tracker demo``: the first command a newcomer runs. It must produce a digest worth opening (film
cards with ratings and a consensus, a real multipart email) in seconds, with no config and no
network, and leave nothing behind: no thread, no listening port, no temporary database."""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import socket
import tempfile
import threading
from email.message import EmailMessage
from pathlib import Path

import feedparser
import icalendar
import pytest
from typer.testing import CliRunner

from tracker.cli import app

runner = CliRunner()


def open_sockets() -> int:
    """Sockets this process holds open (listening or connected)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the fd listdir itself used, now closed
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
    return count


def demo_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("kfilm-demo-*")}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to count sockets")
def test_demo_writes_a_real_digest_and_leaves_nothing_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a temporary folder of its own: another demo running on the machine (a user's, another
    # test run's) must not look like one this demo left behind
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    threads_before = threading.active_count()
    sockets_before = open_sockets()
    temp_before = demo_dirs()
    assert temp_before == set()
    out_dir = tmp_path / "demo"

    result = runner.invoke(app, ["demo", "--out", str(out_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    output = result.stdout

    # the three files, each named in the summary
    eml, html_path, text_path = (out_dir / f"digest.{x}" for x in ("eml", "html", "txt"))
    for path in (eml, html_path, text_path):
        assert path.is_file()
        assert str(path) in output
    summary = re.search(r"digest (\d{4}-W\d\d): (\d+) films, (\d+) reviews", output)
    assert summary is not None, output
    assert int(summary.group(2)) >= 3 and int(summary.group(3)) >= 3
    assert "0 failed" in output

    # what the SMTP server received: a proper multipart/alternative email
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Message-ID"] and message["Date"] and message["List-Id"]
    html_part = message.get_body(("html",))
    assert html_part is not None
    # the .html is the HTML part exactly, with plain newlines rather than the wire's CRLF
    assert html_part.get_content().replace("\r\n", "\n").encode() == html_path.read_bytes()
    assert b"\r" not in text_path.read_bytes()

    # a digest worth opening: film cards with star ratings and a critics' consensus
    html = html_path.read_text(encoding="utf-8")
    assert html.count("★") >= 3
    assert re.search(r"consensus|critics", html, re.IGNORECASE)
    assert 'style="' in html and "<script" not in html.lower()
    text = text_path.read_text(encoding="utf-8")
    assert "★" in text and "<" not in re.sub(r"<https?://[^>]+>", "", text)

    # nothing left running: threads, sockets, the mail server's port, the temporary database
    assert threading.active_count() == threads_before
    assert open_sockets() == sockets_before
    port = re.search(r"sent over SMTP to 127\.0\.0\.1:(\d+)", output)
    assert port is not None, output
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", int(port.group(1))), timeout=2).close()
    assert demo_dirs() == temp_before


def test_demo_runs_twice_into_the_same_folder(tmp_path: Path) -> None:
    """A newcomer runs it again: it starts fresh (a new temporary database) and overwrites.
    The archive beside it holds the week's page, the index, a feed a feed reader accepts and a
    calendar whose events keep their UIDs from one run (one database) to the next."""
    out_dir = tmp_path / "demo"
    uids: list[dict[str, object]] = []
    for _ in range(2):
        result = runner.invoke(app, ["demo", "--out", str(out_dir)], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        assert "you@example.com: sent" in result.stdout
        archive = out_dir / "archive"
        pages = sorted(p.name for p in archive.glob("20*-W*.html"))
        assert len(pages) == 1 and (archive / "index.html").is_file()
        assert f'href="{pages[0]}"' in (archive / "index.html").read_text(encoding="utf-8")
        feed = feedparser.parse((archive / "feed.xml").read_bytes())
        assert not feed.bozo and feed.entries[0].link == pages[0]
        calendar = icalendar.Calendar.from_ical((archive / "releases.ics").read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert events
        uids.append({str(e["UID"]): e["DTSTART"].dt for e in events})
    assert uids[0] == uids[1]
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "archive",
        "digest.eml",
        "digest.html",
        "digest.txt",
    ]
