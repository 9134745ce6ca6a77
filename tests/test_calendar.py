"""The release calendar (``tracker.digest.releases`` and ``tracker.digest.calendar``): the
``.ics`` read back with icalendar, from entries the real classifier understood, then end to end
(feeds on 127.0.0.1, a real SQLite database, ``Tracker.write_calendar`` and ``tracker
calendar``). What a subscribed calendar app needs: one event per release, UIDs that never
depend on the database or the date, and the same bytes for the same data."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import icalendar
import pytest
from fakes import FakeClock
from httpserver import HTTPTestServer
from typer.testing import CliRunner

from tracker import app as core
from tracker.cli import app as cli
from tracker.config.schema import load_config
from tracker.digest.calendar import (
    CALENDAR_NAME,
    CALENDAR_NAME_ALL,
    PRODID,
    calendar_ics,
    event_uid,
    platform_name,
)
from tracker.digest.releases import calendar_releases
from tracker.exceptions import TrackerError
from tracker.types import EntryData, FeedHints, KnownFilm, ReleaseEntry
from tracker.understand.ingest import understand_entry

PUBLISHED = datetime(2025, 8, 1, 3, 0, tzinfo=UTC)
SEEN = datetime(2025, 8, 1, 6, 0, tzinfo=UTC)

# Announcements written for these tests, each as an outlet would put it. The real classifier
# reads them (film, platform, date, Hangul title, season), as it does on ingest.
MANTIS = (
    "Netflix film 'Mantis' with Yim Si-wan sets Sept. 26 premiere",
    "The Kill Boksoon spin-off arrives on Netflix on Sept. 26.",
)
MANTIS_KO = (
    "넷플릭스 영화 '사마귀' 9월 26일 공개",
    "임시완 주연의 넷플릭스 영화 '사마귀'가 9월 26일 공개된다.",
)
MANTIS_MOVED = (
    "Netflix moves 'Mantis' premiere to Oct. 3",
    "The Yim Si-wan action film will now arrive on Netflix on Oct. 3, a week later than planned.",
)
HARBIN = (
    "'Harbin' starring Hyun Bin to hit theaters Dec. 24",
    "Woo Min-ho's period drama about independence fighter Ahn Jung-geun opens nationwide on "
    "Dec. 24.",
)
SQUID_2 = (
    "넷플릭스 '오징어 게임' 시즌2, 12월 26일 공개",
    "황동혁 감독의 넷플릭스 시리즈 '오징어 게임' 시즌2가 12월 26일 전 세계에 공개된다.",
)
REBEL_RIDGE = (
    "'Rebel Ridge' is coming to Netflix on Sept. 6",
    "Jeremy Saulnier's thriller starring Aaron Pierre arrives on Netflix on Sept. 6.",
)


def announced(
    n: int,
    text: tuple[str, str],
    *,
    seen: datetime = SEEN,
    changed: datetime | None = None,
    source: str = "K-film news",
) -> ReleaseEntry:
    """A stored release entry as storage hands it over, understood by the real classifier."""
    title, summary = text
    link = f"https://news.example/{n}"
    data = EntryData(identity=link, title=title, link=link, summary=summary, published=PUBLISHED)
    understood = understand_entry(data, hints=FeedHints(), published=PUBLISHED)
    return ReleaseEntry(
        id=n,
        title=title,
        link=link,
        source=source,
        first_seen_at=seen,
        changed_at=changed or seen,
        understood=understood,
    )


def events(ics: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def by_summary(ics: bytes) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in events(ics)}


def ics_of(entries: Sequence[ReleaseEntry], *, korean_only: bool = True) -> bytes:
    releases = calendar_releases(entries, korean_only=korean_only)
    return calendar_ics(releases, timezone="Asia/Seoul", korean_only=korean_only)


# -- one event per release -----------------------------------------------------------------------


def test_one_all_day_event_per_film_and_platform_across_languages() -> None:
    ics = ics_of(
        [announced(1, MANTIS), announced(2, MANTIS_KO, source="연합뉴스"), announced(3, HARBIN)]
    )
    calendar = icalendar.Calendar.from_ical(ics)
    assert str(calendar["PRODID"]) == PRODID and str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == CALENDAR_NAME
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Seoul"

    found = by_summary(ics)
    assert sorted(found) == ["Harbin (하얼빈) in cinemas", "Mantis (사마귀) on Netflix"]
    mantis = found["Mantis (사마귀) on Netflix"]
    assert b"DTSTART;VALUE=DATE:20250926\r\n" in ics and b"DTEND;VALUE=DATE:20250927\r\n" in ics
    assert mantis.decoded("DTSTART") == date(2025, 9, 26)
    assert mantis.decoded("DTEND") == date(2025, 9, 27)
    assert mantis["UID"] == event_uid("mantis", "netflix")
    assert [str(c) for c in mantis["CATEGORIES"].cats] == ["Netflix"]
    # both outlets, English and Korean, are in the one event
    text = str(mantis["DESCRIPTION"])
    assert "Korean title: 사마귀" in text
    assert "https://news.example/1" in text and "https://news.example/2" in text
    assert "연합뉴스: 넷플릭스 영화 '사마귀' 9월 26일 공개" in text
    assert str(mantis["URL"]).startswith("https://news.example/")
    assert mantis.decoded("DTSTAMP") == SEEN

    harbin = found["Harbin (하얼빈) in cinemas"]
    assert harbin.decoded("DTSTART") == date(2025, 12, 24)
    assert [str(c) for c in harbin["CATEGORIES"].cats] == ["Cinema"]
    assert harbin["UID"] == event_uid("harbin", None)


def test_hangul_survives_line_folding() -> None:
    ics = ics_of([announced(1, SQUID_2), announced(2, MANTIS_KO)])
    lines = ics.split(b"\r\n")
    # RFC 5545 folds at 75 octets; a fold must never cut a Hangul syllable's three bytes
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")
    assert "Squid Game Season 2 (오징어 게임) on Netflix" in by_summary(ics)
    assert "임시완" not in ics.decode()  # the description links entries, it never quotes them


def test_korean_only_leaves_other_films_out_as_the_digest_does() -> None:
    entries = [announced(1, MANTIS), announced(2, REBEL_RIDGE)]
    assert sorted(by_summary(ics_of(entries))) == ["Mantis (사마귀) on Netflix"]
    everything = ics_of(entries, korean_only=False)
    assert sorted(by_summary(everything)) == [
        "Mantis (사마귀) on Netflix",
        "Rebel Ridge on Netflix",
    ]
    calendar = icalendar.Calendar.from_ical(everything)
    assert str(calendar["X-WR-CALNAME"]) == CALENDAR_NAME_ALL


def test_a_season_is_its_own_release_and_a_seasonless_announcement_joins_its_day() -> None:
    third = (
        "넷플릭스 '오징어 게임' 시즌3, 6월 27일 공개",
        "넷플릭스 시리즈 '오징어 게임' 시즌3가 6월 27일 공개된다.",
    )
    seasonless = (
        "'Squid Game' returns to Netflix on Dec. 26",
        "Hwang Dong-hyuk's Netflix series returns on Dec. 26.",
    )
    releases = calendar_releases(
        [announced(1, SQUID_2), announced(2, third), announced(3, seasonless)]
    )
    found = {(r.film_key, r.release_date): r for r in releases}
    assert set(found) == {("squidgame-s2", date(2025, 12, 26)), ("squidgame-s3", date(2025, 6, 27))}
    assert [link.url for link in found[("squidgame-s2", date(2025, 12, 26))].links] == [
        "https://news.example/1",
        "https://news.example/3",
    ]
    uids = {event_uid(r.film_key, r.platform) for r in releases}
    assert len(uids) == 2


def test_a_film_on_two_platforms_is_two_events() -> None:
    on_netflix = (
        "Hyun Bin's 'Harbin' to stream on Netflix from Feb. 14",
        "Woo Min-ho's 'Harbin' arrives on Netflix on Feb. 14 after its run in theaters.",
    )
    releases = calendar_releases([announced(1, HARBIN), announced(2, on_netflix)])
    assert sorted((r.platform or "cinema", r.release_date) for r in releases) == [
        ("cinema", date(2025, 12, 24)),
        # announced on 1 August 2025: a reader takes "from Feb. 14" for the coming February
        ("netflix", date(2026, 2, 14)),
    ]
    assert len({event_uid(r.film_key, r.platform) for r in releases}) == 2


# -- stable identities, deterministic bytes --------------------------------------------------------


def test_a_moved_date_keeps_the_uid_moves_the_event_and_bumps_its_sequence() -> None:
    before = [announced(1, MANTIS)]
    later = SEEN + timedelta(days=10)
    after = [*before, announced(2, MANTIS_MOVED, seen=later)]
    [old] = events(ics_of(before))
    [new] = events(ics_of(after))
    assert new["UID"] == old["UID"]
    assert (old.decoded("DTSTART"), new.decoded("DTSTART")) == (
        date(2025, 9, 26),
        date(2025, 10, 3),
    )
    assert (old["SEQUENCE"], new["SEQUENCE"]) == (0, 1)
    assert new.decoded("LAST-MODIFIED") == new.decoded("DTSTAMP") == later
    assert str(new["URL"]) == "https://news.example/2"  # the announcement of the current date


def test_the_newest_announcement_wins_whatever_the_order_given() -> None:
    later = SEEN + timedelta(days=10)
    entries = [announced(2, MANTIS_MOVED, seen=later), announced(1, MANTIS)]
    [release] = calendar_releases(entries)
    assert release.release_date == date(2025, 10, 3)
    # an old entry rewritten after the move (its row changed last) announces again
    rewritten = [announced(1, MANTIS, changed=later + timedelta(hours=1)), entries[0]]
    [release] = calendar_releases(rewritten)
    assert release.release_date == date(2025, 9, 26)


def test_the_same_releases_give_the_same_bytes_in_any_order() -> None:
    entries = [announced(1, MANTIS), announced(2, HARBIN), announced(3, SQUID_2)]
    first = ics_of(entries)
    assert ics_of(entries) == first
    releases = calendar_releases(entries)
    assert calendar_ics(list(reversed(releases)), timezone="Asia/Seoul") == first
    # the dates are the data's: nothing in the file is the time it was written
    assert f"{datetime.now(UTC):%Y%m%dT%H}".encode() not in first


def test_uids_are_fixed_names_of_film_and_platform() -> None:
    # a UID that changed between versions would show every release twice in a subscribed app
    assert event_uid("mantis", "netflix") == "81b71e13-fa1e-51a5-8377-65901435c0cc@kfilm-tracker"
    assert event_uid("harbin", None) == event_uid("harbin", "cinema")
    assert event_uid("harbin", None) != event_uid("harbin", "netflix")


def test_a_hangul_title_no_announcement_gives_comes_from_the_remembered_film() -> None:
    uncurated = (
        "Korean thriller 'Night Orchard' to premiere on Netflix Sept. 26",
        "Director Kim Ji-woon's new film 'Night Orchard' arrives on Netflix on Sept. 26.",
    )
    asked: list[list[str]] = []

    def known(keys: Sequence[str]) -> dict[str, list[KnownFilm]]:
        asked.append(list(keys))
        film = KnownFilm("nightorchard", "nightorchard", "Night Orchard", SEEN, "밤의 과수원")
        return {"nightorchard": [film]}

    [release] = calendar_releases([announced(1, uncurated)], known=known)
    assert asked == [["nightorchard"]]
    assert release.title_hangul == "밤의 과수원"
    assert "Night Orchard (밤의 과수원) on Netflix" in by_summary(
        calendar_ics([release], timezone="Asia/Seoul")
    )
    # a film its announcements name in Hangul needs no lookup
    asked.clear()
    calendar_releases([announced(1, MANTIS)], known=known)
    assert asked == []


def test_no_platform_is_the_cinema() -> None:
    assert platform_name(None) == "In cinemas"
    assert platform_name("disney_plus") == "Disney+"


def test_no_releases_is_an_empty_calendar() -> None:
    ics = calendar_ics([], timezone="Europe/Berlin")
    assert events(ics) == []
    assert b"X-WR-TIMEZONE:Europe/Berlin" in ics


# -- end to end: feeds on 127.0.0.1, a real database, the file ----------------------------------

POLLED_AT = datetime(2025, 8, 1, 9, 0, tzinfo=UTC)
NEWS = [("m1", MANTIS), ("h1", HARBIN), ("s2", SQUID_2), ("r1", REBEL_RIDGE)]
runner = CliRunner()


def feed_document(items: Sequence[tuple[str, tuple[str, str]]]) -> bytes:
    body = "".join(
        f"<item><title>{escape(title)}</title><link>https://news.example/{guid}</link>"
        f'<guid isPermaLink="false">{guid}</guid>'
        f"<pubDate>{format_datetime(PUBLISHED)}</pubDate>"
        f"<description>{escape(summary)}</description></item>"
        for guid, (title, summary) in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>K-film news</title><link>https://news.example/</link>"
        f"<description>test</description>{body}</channel></rss>"
    ).encode()


def config_text(folder: Path, feed_url: str) -> str:
    return "\n".join(
        [
            "[database]",
            f'url = "sqlite:///{(folder / "tracker.db").as_posix()}"',
            "[tracker]",
            'timezone = "Asia/Seoul"',
            "collections = []",
            f'state_dir = "{(folder / "state").as_posix()}"',
            "[poll]",
            "allow_private_networks = true",
            "[[feeds]]",
            f'url = "{feed_url}"',
            'title = "K-film news"',
        ]
    )


@pytest.fixture
def feeds() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as server:
        server.add_file("/news.xml", feed_document(NEWS))
        yield server


def polled(folder: Path, feeds: HTTPTestServer, clock: FakeClock) -> core.Tracker:
    config = load_config(config_text(folder, feeds.url("/news.xml")))
    tracker = core.make_tracker(config, clock=clock)
    results = asyncio.run(tracker.poll())
    assert [r.error for r in results] == [None]
    return tracker


def identities(ics: bytes) -> dict[str, tuple[str, date, str]]:
    return {
        str(e["UID"]): (str(e["SUMMARY"]), e.decoded("DTSTART"), str(e["DESCRIPTION"]))
        for e in events(ics)
    }


def test_two_fresh_databases_holding_the_same_feed_give_the_same_events(
    tmp_path: Path, feeds: HTTPTestServer
) -> None:
    with polled(tmp_path / "one", feeds, FakeClock(POLLED_AT)) as one:
        first = one.calendar.data()
    # another machine, three days later: other ids, other times, the same releases
    with polled(tmp_path / "two", feeds, FakeClock(POLLED_AT + timedelta(days=3))) as two:
        second = two.calendar.data()
    assert identities(first) == identities(second)
    assert sorted(summary for summary, _, _ in identities(first).values()) == [
        "Harbin (하얼빈) in cinemas",
        "Mantis (사마귀) on Netflix",
        "Squid Game Season 2 (오징어 게임) on Netflix",
    ]
    # what differs is when each database learnt it
    assert {e.decoded("DTSTAMP") for e in events(first)} == {POLLED_AT}
    assert {e.decoded("DTSTAMP") for e in events(second)} == {POLLED_AT + timedelta(days=3)}


def test_the_file_is_written_atomically_only_when_it_changes_and_follows_a_moved_date(
    tmp_path: Path, feeds: HTTPTestServer
) -> None:
    clock = FakeClock(POLLED_AT)
    with polled(tmp_path, feeds, clock) as tracker:
        path = tracker.calendar.write()
        assert path == tmp_path / "state" / "archive" / "releases.ics"
        assert path.read_bytes() == tracker.calendar.data()
        before = os.stat(path)
        [mantis] = [e for e in events(path.read_bytes()) if "Mantis" in str(e["SUMMARY"])]

        # nothing changed: the same bytes, and the file is not written again
        clock.advance(timedelta(hours=1))
        assert tracker.calendar.write() == path
        again = os.stat(path)
        assert (again.st_ino, again.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)

        # the date moves: a new announcement on the next poll
        feeds.replace_file("/news.xml", feed_document([*NEWS, ("m2", MANTIS_MOVED)]))
        clock.advance(timedelta(days=2))
        asyncio.run(tracker.poll())
        tracker.calendar.write()
        [moved] = [e for e in events(path.read_bytes()) if "Mantis" in str(e["SUMMARY"])]
    assert moved["UID"] == mantis["UID"]
    assert (mantis.decoded("DTSTART"), moved.decoded("DTSTART")) == (
        date(2025, 9, 26),
        date(2025, 10, 3),
    )
    assert moved["SEQUENCE"] > mantis["SEQUENCE"]
    assert moved.decoded("DTSTAMP") == clock.now
    assert len(events(path.read_bytes())) == 3
    # the temporary file went with the rename
    assert [p.name for p in path.parent.iterdir()] == ["releases.ics"]


def test_a_calendar_that_cannot_be_written_is_a_tracker_error(
    tmp_path: Path, feeds: HTTPTestServer
) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be")
    with (
        polled(tmp_path, feeds, FakeClock(POLLED_AT)) as tracker,
        pytest.raises(TrackerError, match="cannot write the release calendar"),
    ):
        tracker.calendar.write(tmp_path / "blocker" / "releases.ics")


def test_tracker_calendar_writes_the_file_prints_it_and_reports_errors_in_one_line(
    tmp_path: Path, feeds: HTTPTestServer
) -> None:
    config = tmp_path / "tracker.toml"
    config.write_text(config_text(tmp_path, feeds.url("/news.xml")), encoding="utf-8")
    result = runner.invoke(cli, ["poll", "--config", str(config)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr

    result = runner.invoke(cli, ["calendar", "--config", str(config)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    default = tmp_path / "state" / "archive" / "releases.ics"
    assert result.stdout.strip() == f"wrote 3 events to {default}"
    assert len(events(default.read_bytes())) == 3

    chosen = tmp_path / "elsewhere" / "k-releases.ics"
    args = ["calendar", "--config", str(config), "--out", str(chosen)]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0 and str(chosen) in result.stdout
    assert chosen.read_bytes() == default.read_bytes()

    args = ["calendar", "--config", str(config), "--out", "-"]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout_bytes == default.read_bytes()

    blocked = tmp_path / "state" / "archive" / "releases.ics" / "x.ics"
    args = ["calendar", "--config", str(config), "--out", str(blocked)]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert "cannot write the release calendar" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_the_demo_feeds_give_dated_releases(tmp_path: Path) -> None:
    from tracker.demo import FeedServer, demo_config_text, demo_feeds_dir

    with FeedServer(demo_feeds_dir()) as served:
        config = load_config(demo_config_text(served, 9, tmp_path))
        with core.make_tracker(config, clock=FakeClock(POLLED_AT)) as tracker:
            asyncio.run(tracker.poll())
            releases = tracker.calendar.releases()
            ics = tracker.calendar.data(releases)
    found = events(ics)
    assert len(found) == len(releases) >= 8
    assert len({str(e["UID"]) for e in found}) == len(found)
    where = {str(c) for e in found for c in e["CATEGORIES"].cats}
    assert {"Netflix", "Cinema"} <= where
    assert sum(1 for r in releases if r.title_hangul) >= 5
    assert all(r.links for r in releases)
