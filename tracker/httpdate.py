"""HTTP dates (RFC 9110 section 5.6.7): the one parser for ``Date``, ``Expires``,
``Retry-After`` and ``Last-Modified``-style values.

Owns turning such a header value into an aware UTC datetime, or None when it is absent or not a
date. Must not read the clock: callers that need "seconds from now" pass their own reference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_http_date(value: str | None) -> datetime | None:
    """An aware UTC datetime, or None for a missing or unusable value. A date without a zone
    (obsolete forms) is taken as UTC, as RFC 9110 says every HTTP date is."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
