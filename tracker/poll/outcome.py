"""What one poll came to: its summary line, its exit status, and the record of it that
``tracker health`` reads.

Owns counting a poll's results (the failed feeds, and among them those whose outcome the
database refused), the line ``tracker poll`` prints, the exit status it ends with, and recording
that the poll finished (``Storage.record_poll``: shared by every instance, so any process can
tell when the last poll was). Must not print, poll or judge health.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tracker.exceptions import RecordError, StorageError
from tracker.storage.protocol import PollRun, Storage
from tracker.types import PollSummary, UpdateResult
from tracker.urls import redact_url

log = logging.getLogger(__name__)

#: ``tracker poll`` exit statuses (README, "Health and exit codes"). Some feeds failing is 0:
#: the coverage footer and ``tracker health`` report that, without cron mailing every hour.
EXIT_OK = 0
#: every feed failed: the network is down, or this machine cannot reach any feed
EXIT_ALL_FAILED = 1
#: the database refused to record a feed's outcome (a full disk, a database gone): unlike a
#: feed's own failure, that is this machine's fault, and never normal
EXIT_NOT_STORED = 3


@dataclass(frozen=True)
class PollOutcome:
    """A poll's totals, with the feeds the database refused counted apart (they are failed
    feeds too)."""

    summary: PollSummary
    #: feeds whose outcome could not be recorded
    unrecorded: int = 0
    #: the database's first refusal, credentials masked
    storage_error: str | None = None

    @classmethod
    def of(cls, results: Sequence[UpdateResult]) -> PollOutcome:
        refused = [r.error for r in results if isinstance(r.error, RecordError)]
        return cls(
            PollSummary.of(list(results)),
            unrecorded=len(refused),
            storage_error=redact_url(refused[0].reason) if refused else None,
        )

    @property
    def all_failed(self) -> bool:
        return self.summary.polled > 0 and self.summary.failed == self.summary.polled

    @property
    def exit_code(self) -> int:
        if self.unrecorded:
            return EXIT_NOT_STORED
        return EXIT_ALL_FAILED if self.all_failed else EXIT_OK

    @property
    def line(self) -> str:
        """``polled 12 feeds: 3 not modified, 3 of 12 failed, 5 new entries, 2 updated``;
        ``all 12 feeds failed`` when every one did; the refused writes in brackets."""
        s = self.summary
        if self.all_failed and s.polled > 1:
            failed = f"all {s.polled} feeds failed"
        elif s.failed:
            failed = f"{s.failed} of {s.polled} failed"
        else:
            failed = "0 failed"
        if self.unrecorded:
            failed += f" ({self.unrecorded} could not be stored)"
        return (
            f"polled {s.polled} feeds: {s.not_modified} not modified, {failed}, "
            f"{s.new} new entries, {s.updated} updated"
        )

    def run(self, *, owner: str | None, finished_at: datetime) -> PollRun:
        s = self.summary
        return PollRun(
            finished_at=finished_at,
            owner=owner,
            polled=s.polled,
            failed=s.failed,
            unstored=self.unrecorded,
            error=self.storage_error,
        )


def record_poll(
    storage: Storage, results: Sequence[UpdateResult], *, owner: str, finished_at: datetime
) -> PollOutcome:
    """Record that a poll finished, and what it came to. A database that refuses even this is
    logged, never raised: the poll's own outcome is already in hand, and ``tracker health``
    notices a poll record that stops moving."""
    outcome = PollOutcome.of(results)
    try:
        storage.record_poll(outcome.run(owner=owner, finished_at=finished_at))
    except StorageError as error:
        log.warning("could not record that the poll finished: %s", redact_url(error.message))
    return outcome
