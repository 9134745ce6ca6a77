"""The digest half of the pipeline, wired once: a week -> its stored entries -> ``Digest`` ->
rendered email and its web copy in the archive, and ``tracker explain`` over the same steps.

Owns the order of the steps (window, the week's rows, stale understandings refreshed, backlog
dropped, selected, built, films remembered, rendered, archived) with the dependencies held in
one place, as lemon24/reader's ``Pipeline`` holds storage and ``now``. Must not build adapters,
read the clock directly (``now`` is passed in), or send anything: ``tracker.deliver`` sends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.digest import archive, build, explain, select, window
from tracker.digest.fit import FULL, Links
from tracker.exceptions import TrackerError
from tracker.storage.protocol import Storage

if TYPE_CHECKING:
    from tracker.digest.render import Renderer
from tracker.types import (
    Digest,
    Entry,
    FeedHints,
    FeedSpec,
    FeedStatus,
    IsoWeek,
    RenderedDigest,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestPipeline:
    storage: Storage
    renderer: Renderer
    #: the followed feeds, by URL: titles, rules and the classifier's hints
    specs: Mapping[str, FeedSpec]
    timezone: str
    backfill: timedelta
    korean_only: bool
    now: Callable[[], datetime]
    #: the ``[digest] subject`` template (None: the subject.txt.j2 template)
    subject: str | None = None
    #: where the web copies go (``state_dir/archive``), and where that folder is served
    archive_dir: Path | None = None
    archive_url: str | None = None
    #: ``[digest] unsubscribe_url`` (may hold ``{recipient}``) and the footer's ``mailto:`` the
    #: sender; both made personal per message when it is sent
    unsubscribe_url: str | None = None
    unsubscribe_mailto: str | None = None
    #: what the classifier weighs about each followed feed (``Tracker.hints``), by URL
    feed_hints: Mapping[str, FeedHints] = field(default_factory=dict)

    def hints(self, url: str) -> FeedHints:
        return self.feed_hints.get(url, FeedHints())

    def week_entries(self, week: IsoWeek) -> tuple[list[Entry], list[FeedStatus]]:
        """The week's entries of followed feeds, understood by the current classifier, and
        every feed's status."""
        start, end = window.week_bounds(week, self.timezone)
        entries = self.storage.entries_for_digest(
            since=start.astimezone(UTC), until=end.astimezone(UTC)
        )
        return select.refresh(entries, self.storage, self.hints), self.storage.feed_statuses()

    def build(self, week: IsoWeek) -> Digest:
        """The digest of ``week`` from what is stored now. The films it shows are remembered,
        so a later week can reuse what this one learnt (a Netflix date, a poster)."""
        start, end = window.week_bounds(week, self.timezone)
        entries, feeds = self.week_entries(week)
        entries = select.select_entries(entries, {f.url: f for f in feeds}, backfill=self.backfill)
        built = build.build_digest(
            entries,
            feeds=feeds,
            specs=self.specs,
            week=week,
            start=start,
            end=end,
            timezone=self.timezone,
            now=self.now().astimezone(start.tzinfo),
            korean_only=self.korean_only,
            known=self.storage.known_films,
        )
        self.storage.remember_films(
            build.films_to_remember(built), build.film_links(built), now=self.now()
        )
        return built

    def archive_folder(self) -> archive.Archive | None:
        if self.archive_dir is None:
            return None
        return archive.Archive(self.archive_dir, self.archive_url)

    def links(self, week: IsoWeek | None, *, page: bool = False) -> Links:
        """Where a rendering of ``week`` links: its web copy, the archive, unsubscribing."""
        folder = self.archive_folder()
        name = archive.page_name(str(week)) if week else ""
        return Links(
            web=folder.url(name) if folder and name else None,
            web_name=name,
            archive=folder.url(archive.INDEX) if folder else None,
            feed=folder.url(archive.FEED) if folder else None,
            calendar=folder.url(archive.CALENDAR) if folder else None,
            unsubscribe=self.unsubscribe_url,
            unsubscribe_mailto=self.unsubscribe_mailto,
            page=page,
        )

    def render(self, built: Digest) -> RenderedDigest:
        """The email of a built digest: as much as fits under Gmail's clipping size."""
        return self.renderer.render(
            built, subject_template=self.subject, links=self.links(built.week)
        )

    def preview(self, week: IsoWeek) -> tuple[Digest, RenderedDigest]:
        built = self.build(week)
        rendered = self.render(built)
        self.archive_week(built, rendered.subject)
        return built, rendered

    def archive_week(self, built: Digest, subject: str, *, quiet: bool = True) -> Path | None:
        """Write the whole of ``built`` to the archive as a web page, then the index and the
        feed. A folder that cannot be written is logged, never a failed digest (the email
        matters more than its copy), unless not ``quiet``: then it is a ``TrackerError``."""
        folder = self.archive_folder()
        if folder is None:
            return None
        try:
            page = self.renderer.render(
                built,
                subject_template=self.subject,
                links=self.links(built.week, page=True),
                plan=FULL,
            )
            path = folder.store(archive.ArchivedWeek.of(built, subject), page.html)
            self.write_archive_index(folder)
        except OSError as e:
            if not quiet:
                raise TrackerError(
                    f"cannot write the digest archive in {folder.folder}: {e.strerror or e}",
                    hint="check that folder's permissions, or write elsewhere with --out",
                ) from None
            log.warning("could not write the digest archive in %s: %s", folder.folder, e)
            return None
        return path

    def write_archive_index(self, folder: archive.Archive) -> None:
        weeks = folder.weeks()
        title = weeks[0].title if weeks else Digest.title
        folder.write_index(self.renderer.render_index(title, weeks, self.links(None)))
        folder.write_feed(title, weeks)

    def rebuild_archive(self, weeks: Iterable[IsoWeek]) -> list[Path]:
        """Build and archive each of ``weeks`` again from what is stored now; a folder that
        cannot be written is a ``TrackerError`` (the user asked for exactly this)."""
        written = []
        for week in sorted(set(weeks)):
            built = self.build(week)
            rendered = self.render(built)
            path = self.archive_week(built, rendered.subject, quiet=False)
            if path is not None:
                written.append(path)
        folder = self.archive_folder()
        if folder is not None and not written:
            self.write_archive_index(folder)
        return written

    def explain(self, key: str) -> tuple[Entry, list[tuple[str, str]]]:
        """Why an entry (by id or link) is in its week's digest, or not."""
        # as text: storage reads it as a link, then as an id if it is one (any string is a
        # question with an answer, "99999999999999999999999" and "²" included)
        entry = self.storage.get_entry(key)
        if entry is None:
            shown = key if len(key) <= 80 else key[:80] + "..."
            raise TrackerError(
                f"no stored entry {shown!r}",
                hint="give an id or a link from: tracker entries list",
            )
        hints = self.hints(entry.feed_url)
        # an unfollowed feed's entries are in no digest: what they were understood to be stays
        if entry.feed_url in self.specs and select.is_stale(entry, hints):
            understood = select.understand_stored(entry, hints)
            self.storage.store_understanding([(entry.id, understood)])
            entry = self.storage.get_entry(entry.id) or entry
        week = window.week_of(entry.first_seen_at, self.timezone)
        week_entries, feeds = self.week_entries(week)
        lines = explain.explain_entry(
            entry,
            week_entries,
            feeds={f.url: f for f in feeds},
            specs=self.specs,
            korean_only=self.korean_only,
            backfill=self.backfill,
            week=week,
        )
        for film, role in self.storage.films_of_entry(entry.id):
            known = f"{film.title} (key {film.key})"
            if film.release_date:
                known += f", {film.platform or 'released'} from {film.release_date:%Y-%m-%d}"
            lines.append(("remembered", f"linked as {role} to the film {known}"))
        if entry.feed_url not in {feed.url for feed in feeds if feed.followed}:
            lines.append(("feed", "no longer followed: its entries stay out of digests"))
        return entry, lines
