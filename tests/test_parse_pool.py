"""The parser worker pool: a worker that dies or hangs costs one feed, never the poll, and a
host where workers cannot start at all still gets its feeds parsed."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fakes import entry, feed

from tracker import app as core
from tracker.config.schema import load_config
from tracker.exceptions import ParseError
from tracker.poll import update
from tracker.types import ParsedFeed

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
GOOD = feed(entry("g1"), entry("g2"))
#: a marker the test's parse function treats as "this document kills the worker"
KILLER = feed(entry("die"))


def deadly_parse(
    body: bytes, url: str, headers: Mapping[str, str], now: datetime
) -> tuple[ParsedFeed, dict[str, str]]:
    if b">die<" in body:
        os._exit(1)  # what a segfault in a parser looks like from outside
    return update.parse_document(body, url, headers, now)


@pytest.fixture
def tracker(tmp_path: Path) -> core.Tracker:
    config = load_config(
        f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n[tracker]\ncollections = []\n'
        "[poll]\nworkers = 1\n"
    )
    return core.make_tracker(config)


def test_a_document_that_kills_workers_is_one_parse_error(
    tracker: core.Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(update, "parse_document", deadly_parse)
    runner = tracker._parse_runner(10)

    async def go() -> tuple[object, ...]:
        good = await runner(GOOD, "https://a.example/", {}, NOW)
        with pytest.raises(ParseError, match="died while reading"):
            await runner(KILLER, "https://b.example/", {}, NOW)
        again = await runner(GOOD, "https://c.example/", {}, NOW)
        return good, again

    try:
        good, again = asyncio.run(go())
    finally:
        tracker.close()
    assert [e.identity for e in good[0].entries] == ["g1", "g2"]  # type: ignore[index]
    assert [e.identity for e in again[0].entries] == ["g1", "g2"]  # type: ignore[index]
    assert not tracker._inline_only


def test_where_workers_cannot_start_parsing_goes_inline(
    tracker: core.Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def never(pool: object) -> bool:
        return False

    monkeypatch.setattr(tracker, "_workers_start", never)
    runner = tracker._parse_runner(10)
    try:
        parsed, hashes = asyncio.run(runner(GOOD, "https://a.example/", {}, NOW))
    finally:
        tracker.close()
    assert len(parsed.entries) == 2 and len(hashes) == 2
    assert tracker._inline_only
