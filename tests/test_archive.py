"""The web archive: a page per week, an index of every week and an Atom feed of the digests,
written when a digest is sent or previewed and rebuilt from the ledger by `tracker digest
archive`. The feed is read back by feedparser, as a reader's feed reader would."""

from __future__ import annotations

import email
import email.policy
import os
from email.message import EmailMessage
from pathlib import Path

import feedparser
import pytest
from digest_samples import empty_digest, full_digest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.digest.archive import Archive, ArchivedWeek, write_atomically
from tracker.digest.fit import FULL, Links
from tracker.digest.render import Renderer

runner = CliRunner()


def _stored(folder: Path, base_url: str | None = None) -> Archive:
    archive = Archive(folder, base_url)
    renderer = Renderer()
    for built in (full_digest(), empty_digest()):
        page = renderer.render(built, plan=FULL, links=Links(page=True)).html
        archive.store(ArchivedWeek.of(built, "Korean film this week"), page)
    return archive


def test_a_web_page_is_rendered_as_html_only() -> None:
    page = Renderer().render(full_digest(), plan=FULL, links=Links(page=True))
    assert "<html" in page.html and page.text == ""
    email_copy = Renderer().render(full_digest())
    assert email_copy.text.strip()


def test_pages_index_and_feed(tmp_path: Path) -> None:
    archive = _stored(tmp_path)
    weeks = archive.weeks()
    assert [w.week for w in weeks] == ["2026-W48"]  # both samples are that week: one page
    archive.write_index(Renderer().render_index("Korean film this week", weeks, Links()))
    archive.write_feed("Korean film this week", weeks)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="2026-W48.html"' in index
    assert 'href="feed.xml"' in index and 'href="releases.ics"' in index
    parsed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Korean film this week"
    (entry,) = parsed.entries
    assert entry.link == "2026-W48.html"
    assert entry.id == "urn:kfilm-tracker:digest:2026-W48"


def test_links_are_absolute_under_an_archive_url(tmp_path: Path) -> None:
    archive = _stored(tmp_path, "https://example.org/kfilm/")
    feed = feedparser.parse(archive.feed("Korean film this week", archive.weeks()))
    assert not feed.bozo
    assert feed.entries[0].link == "https://example.org/kfilm/2026-W48.html"
    assert feed.entries[0].id == "https://example.org/kfilm/2026-W48.html"
    assert any(
        link.rel == "self" and link.href == "https://example.org/kfilm/feed.xml"
        for link in feed.feed.links
    )


def test_a_week_stored_again_replaces_itself_and_the_feed_is_stable(tmp_path: Path) -> None:
    archive = _stored(tmp_path)
    first = archive.feed("T", archive.weeks())
    _stored(tmp_path)
    assert archive.feed("T", archive.weeks()) == first
    assert len(archive.weeks()) == 1


def test_a_lost_page_leaves_the_index(tmp_path: Path) -> None:
    archive = _stored(tmp_path)
    (tmp_path / "2026-W48.html").unlink()
    assert archive.weeks() == []


def test_a_broken_manifest_is_not_fatal(tmp_path: Path) -> None:
    archive = _stored(tmp_path)
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert archive.weeks() == []
    assert archive.pages() == ["2026-W48.html"]


def test_an_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "a" / "x.html"
    write_atomically(path, b"one")
    os.utime(path, (1, 1))
    write_atomically(path, b"one")
    assert path.stat().st_mtime == 1
    write_atomically(path, b"two")
    assert path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["x.html"]  # no temporary file left


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{(tmp_path / "t.db").as_posix()}"\n'
        f'[tracker]\ncollections = []\nstate_dir = "{(tmp_path / "state").as_posix()}"\n'
        'timezone = "Asia/Seoul"\n'
        '[digest]\nsend_if_empty = true\nrecipients = ["reader@example.com"]\n'
        'archive_url = "https://example.org/kfilm/"\n',
        encoding="utf-8",
    )
    return path


def test_send_preview_and_rebuild_from_the_ledger(tmp_path: Path, config: Path) -> None:
    archive = tmp_path / "state" / "archive"
    sent = runner.invoke(app, ["digest", "send", "--week", "2026-W40", "-c", str(config)])
    assert sent.exit_code == 0, sent.output
    assert (archive / "2026-W40.html").is_file()
    # the email links its web copy at the archive's address
    (outboxed,) = (tmp_path / "state" / "outbox").rglob("*.eml")
    message = email.message_from_bytes(outboxed.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    html_part = message.get_body(("html",))
    assert html_part is not None
    assert "https://example.org/kfilm/2026-W40.html" in html_part.get_content()
    preview = runner.invoke(app, ["digest", "preview", "--week", "2026-W41", "-c", str(config)])
    assert preview.exit_code == 0, preview.output
    assert (archive / "2026-W41.html").is_file()
    feed = feedparser.parse((archive / "feed.xml").read_bytes())
    assert [e.link.rsplit("/", 1)[1] for e in feed.entries] == ["2026-W41.html", "2026-W40.html"]

    # rebuilt elsewhere: the ledger's sent week (the preview was never sent)
    elsewhere = tmp_path / "rebuilt"
    rebuilt = runner.invoke(app, ["digest", "archive", "--out", str(elsewhere), "-c", str(config)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert sorted(p.name for p in elsewhere.iterdir()) == [
        "2026-W40.html",
        "feed.xml",
        "index.html",
        "manifest.json",
    ]
    # rebuilt in place: the sent week and every week already there
    for page in archive.glob("*.html"):
        page.unlink()
    again = runner.invoke(app, ["digest", "archive", "-c", str(config)])
    assert again.exit_code == 0, again.output
    assert "1 week in" in again.output
    assert (archive / "2026-W40.html").is_file() and (archive / "index.html").is_file()


def test_an_unwritable_archive_is_a_clear_error_for_the_command_only(
    tmp_path: Path, config: Path
) -> None:
    """Sending goes on when the copy cannot be written; rebuilding it says why it cannot."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "archive").write_text("not a folder", encoding="utf-8")
    sent = runner.invoke(app, ["digest", "send", "--week", "2026-W40", "-c", str(config)])
    assert sent.exit_code == 0, sent.output
    assert "reader@example.com: sent" in sent.output
    rebuilt = runner.invoke(app, ["digest", "archive", "--out", str(blocked), "-c", str(config)])
    assert rebuilt.exit_code == 1
    assert "cannot write the digest archive in" in rebuilt.output
    assert "Traceback" not in rebuilt.output


def test_a_preview_writes_a_missing_calendar_and_leaves_an_existing_one(
    tmp_path: Path, config: Path
) -> None:
    """The index links releases.ics, so a first preview writes it; after that the daemon, a
    send and ``tracker calendar`` keep it current, and a preview (which only looks) leaves it."""
    calendar = tmp_path / "state" / "archive" / "releases.ics"
    first = runner.invoke(app, ["digest", "preview", "--week", "2026-W41", "-c", str(config)])
    assert first.exit_code == 0, first.output
    assert calendar.read_bytes().startswith(b"BEGIN:VCALENDAR")
    calendar.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    again = runner.invoke(app, ["digest", "preview", "--week", "2026-W41", "-c", str(config)])
    assert again.exit_code == 0, again.output
    assert calendar.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    sent = runner.invoke(app, ["digest", "send", "--week", "2026-W41", "-c", str(config)])
    assert sent.exit_code == 0, sent.output
    assert calendar.read_bytes() != b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
