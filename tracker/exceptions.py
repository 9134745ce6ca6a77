"""The one error tree of kfilm-tracker. Owns the exception classes; must not import anything else.

::

    TrackerError            anything a user can cause or fix; the CLI prints one line
    ├── ConfigError         a bad config file: every problem at once, each with its dotted key
    ├── CatalogError        a broken catalog collection or an unknown collection name
    ├── UpdateError         one feed could not be updated (a value in UpdateResult)
    │   ├── FetchError      network, HTTP status, deadline, size cap, refused address
    │   ├── ParseError      not a feed, truncated document, unsafe XML
    │   └── RecordError     polled, but the database refused its outcome (disk full, gone)
    ├── StorageError        the database could not be opened, migrated or written
    │   └── LeaseLostError  another instance took over a feed's poll (not the database's fault)
    ├── RenderError         a digest template is missing or broken
    └── DeliveryError       the digest could not be sent (``temporary``: worth a retry)
        └── DeliveryUnknownError  the message was sent, no answer came: it may have arrived

Adapters translate their library's exceptions into these with ``raise ... from e``. A bug (a
``TypeError`` and friends) is never wrapped: it still raises.
"""

from __future__ import annotations

from dataclasses import dataclass


class TrackerError(Exception):
    """Base class of every error a user can cause or fix."""

    #: one short sentence telling the user what to do about it, printed after the message
    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else type(self).__name__


@dataclass(frozen=True)
class ConfigProblem:
    """One problem in a config file: where (dotted key), what, and how to fix it."""

    key: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.key}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class ConfigError(TrackerError):
    """A config file that cannot be used. Carries every problem found, not just the first."""

    def __init__(self, problems: list[ConfigProblem], *, source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        where = f" in {source}" if source else ""
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}{where}"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class CatalogError(TrackerError):
    """A catalog collection is unknown or its data file is broken."""


class UpdateError(TrackerError):
    """One feed could not be updated. Carries the feed URL."""

    def __init__(self, message: str, *, url: str = "", hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.url = url


class FetchError(UpdateError):
    """The feed could not be retrieved (network, status, deadline, size cap, address policy)."""

    def __init__(
        self,
        message: str,
        *,
        url: str = "",
        status: int | None = None,
        retry_after: float | None = None,
        permanent: bool = False,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, url=url, hint=hint)
        #: the HTTP status, when the server answered
        self.status = status
        #: seconds the server asked us to wait (Retry-After), when it did
        self.retry_after = retry_after
        #: True when retrying cannot help (410 Gone, a refused scheme or address)
        self.permanent = permanent


class ParseError(UpdateError):
    """The body is not a usable feed (HTML page, empty, truncated, unsafe XML)."""


class RecordError(UpdateError):
    """A feed's poll could not be recorded: the database refused the write (a full disk, a lost
    connection, a lease another instance took). It still counts as a failed feed wherever feeds
    are counted (the poll's summary and exit status, ``tracker health``). ``reason`` is the
    database's refusal; ``failure`` the feed's own error, when its poll had failed too."""

    def __init__(self, reason: str, *, url: str = "", failure: str | None = None) -> None:
        message = (
            f"{failure}; could not record it: {reason}"
            if failure
            else f"could not record this poll: {reason}"
        )
        super().__init__(message, url=url)
        self.reason = reason
        self.failure = failure


class StorageError(TrackerError):
    """The database could not be opened, migrated, read or written. ``reason`` is the
    database's own words ("database or disk is full"), short enough to store on a feed."""

    def __init__(self, message: str, *, hint: str | None = None, reason: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason or message


class LeaseLostError(StorageError):
    """A feed's update was discarded because another instance took the feed over (its lease
    expired while this one polled it). The database is fine; the other instance polls it."""


class RenderError(TrackerError):
    """A digest template is missing, broken or refers to an undefined name."""


class DeliveryError(TrackerError):
    """The digest could not be delivered."""

    def __init__(self, message: str, *, temporary: bool = False, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        #: True for failures worth retrying (4xx replies, connection errors)
        self.temporary = temporary


class DeliveryUnknownError(DeliveryError):
    """The whole message went to the server and no final answer came back (a timeout, a lost
    connection): it may or may not have arrived, so it is never retried (nor ``temporary``)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, temporary=False, hint=hint)
