"""The robustness corpus: every document of feedparser's own test suite, and every feed in
``../shared/corpus``, through parse -> classify -> store (real SQLite) -> digest -> render.

Zero exceptions may escape (a ``ParseError`` is fine: it is recorded as the feed's error), and
every digest must render well-formed HTML. feedparser's suite is not in the repository: the test
downloads the sdist with pip into ``tests/.feedparser-corpus/`` (git-ignored) when it is absent,
and skips with a reason when the download fails. The shared corpus is read in place.

Documents go through the real updater (``update.update_feeds``) with a fake fetcher that serves
their bytes, in batches of ``BATCH``; each batch is one digest week, so every stored entry is
rendered once.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SHARED

from tracker.app import Tracker
from tracker.config.schema import load_config
from tracker.digest import window
from tracker.exceptions import ParseError
from tracker.poll import update, workers
from tracker.poll.workers import ParseJob, ParseOutcome
from tracker.types import FetchResult

VERSION = "6.0.12"
CACHE = REPO / "tests" / ".feedparser-corpus"
SUITE = CACHE / f"feedparser-{VERSION}" / "tests"
SHARED_CORPUS = SHARED / "corpus"
BATCH = 150
#: Monday 09:00 UTC of the first digest week
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.slow


def feedparser_suite() -> Path:
    """feedparser's ``tests/`` folder, downloaded and unpacked on first use."""
    if SUITE.is_dir():
        return SUITE
    CACHE.mkdir(parents=True, exist_ok=True)
    download = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-binary",
            ":all:",
            f"feedparser=={VERSION}",
            "-d",
            str(CACHE),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    archive = CACHE / f"feedparser-{VERSION}.tar.gz"
    if download.returncode != 0 or not archive.is_file():
        reason = f"could not download feedparser {VERSION} with pip: {download.stderr[-300:]}"
        if os.environ.get("CI"):
            # CI must run the robustness corpus, not skip it quietly
            pytest.fail(reason)
        pytest.skip(reason)
    with tarfile.open(archive) as tar:
        # the documents only: no Python file lands in the checkout for linters to find
        members = [
            m
            for m in tar.getmembers()
            if m.name.startswith(f"feedparser-{VERSION}/tests/") and not m.name.endswith(".py")
        ]
        tar.extractall(CACHE, members=members, filter="data")
    return SUITE


def documents() -> list[Path]:
    suite = feedparser_suite()
    found = sorted(p for p in suite.rglob("*") if p.is_file() and p.suffix != ".py")
    assert len(found) > 2000, f"feedparser's suite looks incomplete: {len(found)} files"
    if SHARED_CORPUS.is_dir():
        found += sorted(p for p in SHARED_CORPUS.iterdir() if p.suffix in (".xml", ".rss", ".atom"))
    return found


class WellFormed(HTMLParser):
    """Every element closed in order (void elements excepted), nothing left open at the end."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
        | {"param", "source", "track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            where = "/".join(self.stack[-4:])
            self.problems.append(f"</{tag}> closes <{where}> at {self.getpos()}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def check_html(html: str) -> list[str]:
    checker = WellFormed()
    checker.feed(html)
    checker.close()
    problems = list(checker.problems)
    if checker.stack:
        problems.append(f"left open: {checker.stack}")
    if not html.lstrip().lower().startswith("<!doctype html"):
        problems.append("no <!DOCTYPE html>")
    return problems


@dataclass
class CorpusFetcher:
    bodies: Mapping[str, bytes]

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        # no Content-Type: the parser must find the encoding in the bytes alone
        return FetchResult(url=url, final_url=url, status=200, body=self.bodies[url])


def test_every_corpus_document_survives_the_whole_pipeline(tmp_path: Path) -> None:
    paths = documents()
    urls = {f"https://corpus-{i}.invalid/feed": path for i, path in enumerate(paths)}
    feeds = "".join(f'[[feeds]]\nurl = "{url}"\n' for url in urls)
    config = load_config(
        f'[database]\nurl = "sqlite:///{(tmp_path / "corpus.db").as_posix()}"\n'
        '[tracker]\ncollections = []\ntimezone = "UTC"\n'
        '[digest]\nkorean_only = false\nbackfill = "36500d"\n' + feeds,
        env={},
        source="corpus",
    )
    clock_now = [START]

    async def parse_and_classify(job: ParseJob) -> ParseOutcome:
        outcome = workers.parse_job(job)
        # every new entry understood on ingest: a classifier that crashes on one is a bug
        new = {e.identity for e in outcome.parsed.entries} - set(job.known)
        assert set(outcome.understood) >= new, job.url
        return outcome

    bodies = {url: path.read_bytes() for url, path in urls.items()}
    fetcher = CorpusFetcher(bodies)
    ordered = list(urls)
    stored = parse_errors = digests = 0
    problems: dict[str, list[str]] = {}
    with Tracker(config, clock=lambda: clock_now[0], allow_private_networks=True) as tracker:
        storage = tracker.sync()
        schedule = tracker.schedule()
        for n, first in enumerate(range(0, len(ordered), BATCH)):
            clock_now[0] = START + timedelta(weeks=n)
            batch = storage.get_feeds_for_update(
                now=clock_now[0], urls=ordered[first : first + BATCH]
            )
            results = asyncio.run(
                update.update_feeds(
                    batch,
                    fetcher=fetcher,
                    storage=storage,
                    parse=parse_and_classify,
                    schedule=schedule,
                    now=lambda: clock_now[0],
                )
            )
            for result in results:
                if result.error is not None:
                    # only a document can fail here, and only as a ParseError (recorded)
                    assert isinstance(result.error, ParseError), (urls[result.url], result.error)
                    parse_errors += 1
                else:
                    stored += 1
            week = window.week_of(clock_now[0], "UTC")
            _, rendered = tracker.preview(week)
            digests += 1
            found = check_html(rendered.html)
            if found:
                problems[str(week)] = found[:5]
            assert rendered.subject and rendered.text is not None
        statuses = {s.url: s for s in storage.feed_statuses()}
        counts = storage.counts()
    print(
        f"corpus: {len(paths)} documents, {stored} stored, {parse_errors} ParseErrors, "
        f"{counts['entries']} entries, {digests} digests"
    )
    assert not problems, problems
    assert stored + parse_errors == len(paths)  # every document went through, none skipped
    # every failure is recorded as the feed's error
    failing = [s for s in statuses.values() if s.consecutive_errors]
    assert len(failing) == parse_errors and all(s.last_error for s in failing)
    assert stored > len(paths) // 2 and counts["entries"] > 1000
