"""Films remembered across weeks, and ``tracker explain``: through a real HTTP server on
127.0.0.1, real SQLite, and an injected clock that moves a week at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from fakes import FakeClock
from httpserver import HTTPTestServer
from typer.testing import CliRunner

from tracker import app as core
from tracker.cli import app
from tracker.config.schema import load_config
from tracker.digest import window
from tracker.types import IsoWeek

TZ = "Asia/Seoul"
#: Wednesday of 2026-W48 in Seoul
MONDAY_W48 = datetime(2026, 11, 23, 0, 0, tzinfo=UTC) - timedelta(hours=9)


def item(guid: str, title: str, summary: str, published: datetime, link: str = "") -> str:
    link = link or f"https://news.example/{guid}"
    return (
        f"<item><title>{escape(title)}</title><link>{link}</link><guid>{guid}</guid>"
        f"<pubDate>{format_datetime(published)}</pubDate>"
        f"<description>{escape(summary)}</description></item>"
    )


def rss(*items: str, title: str = "Test feed") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example/</link><description>x</description>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        yield s


def make(server: HTTPTestServer, tmp_path: Path, clock: FakeClock) -> core.Tracker:
    text = (
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n'
        f'[tracker]\ntimezone = "{TZ}"\ncollections = []\nstate_dir = "{tmp_path}"\n'
        "[poll]\nallow_private_networks = true\n"
        f'[[feeds]]\nurl = "{server.url("/netflix.xml")}"\ntitle = "Streaming news"\n'
        'kind = "release"\n'
        f'[[feeds]]\nurl = "{server.url("/reviews.xml")}"\ntitle = "Film reviews"\n'
        'kind = "review"\n'
    )
    return core.make_tracker(load_config(text), clock=clock)


def test_a_later_review_joins_the_film_and_shows_its_netflix_date(
    server: HTTPTestServer, tmp_path: Path
) -> None:
    week1 = MONDAY_W48 + timedelta(days=2)
    server.add_file(
        "/netflix.xml",
        rss(
            item(
                "r1",
                "Exhuma is coming to Netflix on December 5",
                "Jang Jae-hyun's occult hit Exhuma, starring Choi Min-sik and Kim Go-eun, is "
                "coming to Netflix on December 5.",
                week1,
            )
        ),
    )
    server.add_file("/reviews.xml", rss(title="Film reviews"))
    clock = FakeClock(week1 + timedelta(hours=1))
    with make(server, tmp_path, clock) as tracker:
        asyncio.run(tracker.poll())
        first = tracker.build_digest(IsoWeek(2026, 48))
        [card] = first.films
        assert (card.title, str(card.release_date), card.platform) == (
            "Exhuma",
            "2026-12-05",
            "netflix",
        )

    # two weeks later a review arrives, saying nothing about Netflix or a date
    week3 = week1 + timedelta(days=14)
    server.replace_file(
        "/reviews.xml",
        rss(
            item(
                "v1",
                "'Exhuma' review: Choi Min-sik digs up a grave and more",
                "4/5 stars. Jang Jae-hyun's shamanist horror is a chilling ride.",
                week3,
            ),
            title="Film reviews",
        ),
    )
    clock.now = week3 + timedelta(hours=1)
    with make(server, tmp_path, clock) as tracker:
        asyncio.run(tracker.poll())
        later = tracker.build_digest(IsoWeek(2026, 50))
    [card] = later.films
    assert card.title == "Exhuma"
    assert [r.rating for r in card.reviews] == [4.0]
    assert not card.releases  # the release entry was another week's ...
    assert (str(card.release_date), card.platform) == (
        "2026-12-05",
        "netflix",
    )  # ... its date stays
    assert not card.released_this_week


def test_explain_tells_why_an_entry_is_in_or_out(
    server: HTTPTestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = MONDAY_W48 + timedelta(days=2)
    server.add_file(
        "/netflix.xml",
        rss(
            item(
                "r1",
                "Exhuma is coming to Netflix on December 5",
                "Jang Jae-hyun's Exhuma, starring Choi Min-sik, comes to Netflix on December 5.",
                day,
            ),
            item(
                "o1",
                "Oppenheimer is coming to Netflix on December 9",
                "Christopher Nolan's Oppenheimer, starring Cillian Murphy, arrives December 9.",
                day,
            ),
            item(
                "old",
                "Exhuma tops the Korean box office",
                "Jang Jae-hyun's Exhuma crossed ten million admissions.",
                day - timedelta(days=400),
            ),
        ),
    )
    server.add_file("/reviews.xml", rss(title="Film reviews"))
    clock = FakeClock(day + timedelta(hours=1))
    with make(server, tmp_path, clock) as tracker:
        asyncio.run(tracker.poll())
        tracker.build_digest(window.week_of(clock.now, TZ))
        entries = {e.identity: e for e in tracker.storage.list_entries()}
        _, korean = tracker.explain(str(entries["r1"].id))
        _, foreign = tracker.explain(entries["o1"].link or "")
        _, backlog = tracker.explain(str(entries["old"].id))
    facts = dict(korean)
    assert facts["identity"] == "guid: r1"
    assert facts["kind"] == "release" and facts["korean"] == "yes"
    assert "on the card of 'Exhuma' (film key exhuma" in facts["digest"]
    assert any("kind=release" in text for topic, text in korean if topic == "why")
    assert "linked as release to the film Exhuma" in facts["remembered"]
    assert "2026-12-05" in facts["remembered"]
    assert "not about Korean film or drama" in dict(foreign)["digest"]
    assert "backlog" in dict(backlog)["digest"]

    # the same through the command line, and a clear error for an unknown entry
    monkeypatch.setenv("TRACKER_DATABASE__URL", f"sqlite:///{tmp_path / 't.db'}")
    monkeypatch.setenv("TRACKER_TRACKER__COLLECTIONS", "[]")
    runner = CliRunner()
    result = runner.invoke(app, ["explain", str(entries["r1"].id)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "Exhuma is coming to Netflix" in result.stdout and "identity" in result.stdout
    result = runner.invoke(app, ["explain", "999999"], catch_exceptions=False)
    assert result.exit_code == 1 and "no stored entry '999999'" in result.stderr
