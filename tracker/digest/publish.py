"""The release calendar as a file kept current: ``state_dir/archive/releases.ics`` (or
another path), rewritten when the stored releases change.

Owns reading the releases through the ``Storage`` Protocol, remembering the last bytes made
(icalendar takes about 0.3 ms an event, and the daemon asks after every poll that stored
something, while reading and grouping the releases costs a tenth of that), and writing the file
atomically, skipping unchanged bytes. Must not decide what a release is (``releases``) or how
an event reads (``calendar``); must not read the clock or the config (handed in).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from tracker.digest.archive import write_atomically
from tracker.digest.releases import CalendarRelease, calendar_releases
from tracker.exceptions import TrackerError
from tracker.storage.protocol import Storage

log = logging.getLogger(__name__)


class CalendarFile:
    """The release calendar of one database, at ``path``."""

    def __init__(self, storage: Storage, path: Path, *, timezone: str, korean_only: bool) -> None:
        self.storage = storage
        self.path = path
        self.timezone = timezone
        self.korean_only = korean_only
        self._made: tuple[tuple[CalendarRelease, ...], bytes] | None = None

    def releases(self) -> list[CalendarRelease]:
        """Every film or series (Korean only with ``korean_only``) arriving on a platform or in
        cinemas on a known date, from the stored understanding: soonest first."""
        return calendar_releases(
            self.storage.release_entries(),
            korean_only=self.korean_only,
            known=self.storage.known_films,
        )

    def data(self, releases: Sequence[CalendarRelease] | None = None) -> bytes:
        """The calendar as ``.ics`` bytes (of ``releases`` when the caller has them)."""
        chosen = tuple(self.releases() if releases is None else releases)
        if self._made is not None and self._made[0] == chosen:
            return self._made[1]
        # imported here: a preview asks only whether the file exists, and icalendar is a
        # twentieth of its time to import
        from tracker.digest.calendar import calendar_ics

        data = calendar_ics(chosen, timezone=self.timezone, korean_only=self.korean_only)
        self._made = (chosen, data)
        return data

    def write(
        self, path: Path | None = None, *, releases: Sequence[CalendarRelease] | None = None
    ) -> Path:
        """Write the calendar to ``path`` (default: this file's), atomically: a calendar app or
        a web server reading it sees the old file or the new one, never half. Unchanged bytes
        are not written again (the file keeps its time, a server its ETag)."""
        target = path or self.path
        data = self.data(releases)
        try:
            if not write_atomically(target, data):
                return target
        except OSError as error:
            raise TrackerError(
                f"cannot write the release calendar to {target}: {error.strerror or error}",
                hint="check that folder's permissions, or write elsewhere with --out",
            ) from None
        log.info("release calendar written: %s", target)
        return target

    def refresh(self) -> None:
        """The file brought up to date beside a digest: a folder that cannot be written is
        logged, never a failed digest."""
        try:
            self.write()
        except TrackerError as error:
            log.warning("%s", error)
