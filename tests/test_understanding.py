"""Understanding once, on ingest: a poll stores what each entry is about, the digest reads it
and classifies nothing, and a newer classifier (or a feed whose hints changed in the config)
re-reads the stale rows: before a digest uses them, and with ``tracker reclassify``.

Through a real HTTP server on 127.0.0.1, real SQLite and an injected clock."""

from __future__ import annotations

import asyncio
import json
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
from tracker.types import EntryData, FeedHints, FeedKind, Kind, Understood
from tracker.understand import ingest, version

TZ = "Asia/Seoul"
DAY = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # Wednesday of 2026-W48 in Seoul

REVIEW = (
    "r1",
    "'Exhuma' review: Choi Min-sik digs up a grave",
    "4/5 stars. Jang Jae-hyun's occult thriller is a chilling ride.",
)
RELEASE = (
    "n1",
    "Concrete Utopia is coming to Netflix on December 5",
    "Um Tae-hwa's disaster drama Concrete Utopia, starring Lee Byung-hun, arrives December 5.",
)
#: Korean only because its feed says everything in it is ("korean_only")
UNMARKED = ("u1", "A quiet drama about two sisters", "Review: a small film about two sisters.")


def item(guid: str, title: str, summary: str) -> str:
    return (
        f"<item><title>{escape(title)}</title><link>https://news.example/{guid}</link>"
        f"<guid>{guid}</guid><pubDate>{format_datetime(DAY)}</pubDate>"
        f"<description>{escape(summary)}</description></item>"
    )


def rss(*items: tuple[str, str, str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Film desk</title><link>https://news.example/</link><description>x</description>"
        f"{''.join(item(*i) for i in items)}</channel></rss>"
    ).encode()


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as s:
        s.add_file("/films.xml", rss(REVIEW, RELEASE, UNMARKED))
        yield s


def config_text(server: HTTPTestServer, tmp_path: Path, *, korean_only: bool = False) -> str:
    return (
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n'
        f'[tracker]\ntimezone = "{TZ}"\ncollections = []\nstate_dir = "{tmp_path}"\n'
        "[poll]\nallow_private_networks = true\n"
        f'[[feeds]]\nurl = "{server.url("/films.xml")}"\ntitle = "Film desk"\n'
        f'kind = "review"\nkorean_only = {"true" if korean_only else "false"}\n'
    )


def make(server: HTTPTestServer, tmp_path: Path, **options: bool) -> core.Tracker:
    clock = FakeClock(DAY + timedelta(hours=1))
    return core.make_tracker(load_config(config_text(server, tmp_path, **options)), clock=clock)


def stored(tracker: core.Tracker) -> dict[str, Understood]:
    return {e.identity: e.understood for e in tracker.entries() if e.understood is not None}


def refuse_to_understand(entry: EntryData, *, hints: FeedHints, published: datetime) -> Understood:
    raise AssertionError(f"{entry.identity} was classified again")


def test_a_poll_stores_what_each_entry_is_about(server: HTTPTestServer, tmp_path: Path) -> None:
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
        about = stored(tracker)
        whole = tracker.storage.get_entry("https://news.example/r1")
    assert set(about) == {"r1", "n1", "u1"}
    assert whole is not None and whole.understood is not None
    review = about["r1"]
    assert (review.kind, review.korean, review.film, review.film_key, review.rating) == (
        Kind.REVIEW,
        True,
        "Exhuma",
        "exhuma",
        4.0,
    )
    assert review.version == version.version_for(FeedHints(FeedKind.REVIEW))
    assert review.reasons == ()  # lists do not carry them: explain reads one entry's
    assert any("kind=review" in reason for reason in whole.understood.reasons)
    release = about["n1"]
    assert (release.kind, release.platform, str(release.release_date)) == (
        Kind.RELEASE,
        "netflix",
        "2026-12-05",
    )


def test_the_digest_reads_what_is_stored_and_classifies_nothing(
    server: HTTPTestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
        monkeypatch.setattr(ingest, "understand_entry", refuse_to_understand)
        built = tracker.build_digest(window.week_of(DAY, TZ))
        _, lines = tracker.explain("1")
    assert sorted(card.title for card in built.films) == ["Concrete Utopia", "Exhuma"]
    assert dict(lines)["understood"].startswith("by classifier ")


def test_a_newer_classifier_rereads_the_rows_a_digest_uses(
    server: HTTPTestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
        before = stored(tracker)
        monkeypatch.setattr(version, "classifier_version", lambda: "a-newer-one")
        built = tracker.build_digest(window.week_of(DAY, TZ))
        after = stored(tracker)
    assert {u.version for u in before.values()} != {"a-newer-one/review"}
    assert {u.version for u in after.values()} == {"a-newer-one/review"}
    # the same answers: only the stamp is new
    assert [u._replace(version="") for u in after.values()] == [
        u._replace(version="") for u in before.values()
    ]
    assert sorted(card.title for card in built.films) == ["Concrete Utopia", "Exhuma"]


def test_a_feed_whose_hints_change_is_understood_again(
    server: HTTPTestServer, tmp_path: Path
) -> None:
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
        assert stored(tracker)["u1"].korean is False
        plain = tracker.build_digest(window.week_of(DAY, TZ))
    with make(server, tmp_path, korean_only=True) as tracker:
        korean = tracker.build_digest(window.week_of(DAY, TZ))
        after = stored(tracker)
    assert after["u1"].korean is True
    assert after["u1"].version.endswith("/review+korean")
    assert korean.counts.reviews == plain.counts.reviews + 1


def test_reclassify_rereads_stale_rows_or_all_of_them(
    server: HTTPTestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "tracker.toml"
    config.write_text(config_text(server, tmp_path), encoding="utf-8")
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
    runner = CliRunner()

    def reclassify(*args: str) -> str:
        result = runner.invoke(
            app, ["--config", str(config), "reclassify", *args], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    assert reclassify() == "reclassified 0 entries"  # all current
    assert reclassify("--all") == "reclassified 3 entries"
    assert reclassify("--all", "--since", "2030-01-01") == "reclassified 0 entries"
    monkeypatch.setattr(version, "classifier_version", lambda: "a-newer-one")
    assert reclassify() == "reclassified 3 entries"
    assert reclassify() == "reclassified 0 entries"
    with make(server, tmp_path) as tracker:
        assert {u.version for u in stored(tracker).values()} == {"a-newer-one/review"}


def test_reclassify_runs_batches_in_the_workers_with_the_same_answers(
    server: HTTPTestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
        before = stored(tracker)
        monkeypatch.setattr(core, "RECLASSIFY_BATCH", 1)  # three batches: the worker pool
        progress: list[int] = []
        count = asyncio.run(tracker.reclassify(everything=True, on_progress=progress.append))
        after = stored(tracker)
    assert count == 3 and progress == [1, 1, 1]
    assert after == before


def test_entries_list_json_shows_what_each_entry_is(server: HTTPTestServer, tmp_path: Path) -> None:
    config = tmp_path / "tracker.toml"
    config.write_text(config_text(server, tmp_path), encoding="utf-8")
    with make(server, tmp_path) as tracker:
        asyncio.run(tracker.poll())
    result = CliRunner().invoke(
        app, ["--config", str(config), "entries", "list", "--json"], catch_exceptions=False
    )
    rows = {row["title"]: row["understood"] for row in json.loads(result.stdout)}
    exhuma = rows[REVIEW[1]]
    assert (exhuma["kind"], exhuma["film"], exhuma["rating"], exhuma["korean"]) == (
        "review",
        "Exhuma",
        4.0,
        True,
    )
    assert rows[RELEASE[1]]["release_date"] == "2026-12-05"
    assert rows[RELEASE[1]]["platform"] == "netflix"


def test_the_classifier_version_follows_its_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules.py"
    rules.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(version, "_SOURCES", (tmp_path,))
    version.classifier_version.cache_clear()
    try:
        first = version.classifier_version()
        rules.write_text("A = 2\n", encoding="utf-8")
        version.classifier_version.cache_clear()
        second = version.classifier_version()
        rules.write_text("A = 2\r\n", encoding="utf-8")  # a checkout on another OS
        version.classifier_version.cache_clear()
        third = version.classifier_version()
    finally:
        version.classifier_version.cache_clear()
    assert first != second == third
    assert version.version_for(FeedHints(FeedKind.MIXED, True)).endswith("/mixed+korean")


def test_the_stored_matching_keys_are_those_matching_computes() -> None:
    """What a poll stores (film keys, syndication fingerprint) read back equals what the matcher
    computes from the same entry: a digest matches on stored keys with the same answers."""
    from conftest import REPO

    from tracker.evaluate import entry_from_line, read_jsonl
    from tracker.text import strip_html
    from tracker.understand.classify import classify
    from tracker.understand.match import ClusterInput, film_keys, fingerprint
    from tracker.understand.record import read

    lines = read_jsonl(REPO / "tests" / "data" / "labeled" / "items.jsonl")
    assert len(lines) > 100
    for line in lines:
        entry = entry_from_line(line)
        assert entry.published is not None
        about = read(ingest.understand_entry(entry, hints=FeedHints(), published=entry.published))
        result = classify(entry, published=entry.published)
        text = strip_html(entry.summary)
        assert about.fingerprint == fingerprint(entry.title, text)
        own, listed = about.keys_at(entry.published)
        assert own == film_keys(
            ClusterInput(
                result.film,
                result.film_hangul,
                result.year,
                entry.published,
                result.korean,
                title=entry.title,
                text=text,
            )
        )
        assert listed == tuple(
            film_keys(ClusterInput(i.film, None, None, entry.published, i.korean, title=i.film))
            for i in result.listed
        )
        assert (about.kind, about.film, about.rating, about.listed) == (
            result.kind,
            result.film,
            result.rating,
            result.listed,
        )
