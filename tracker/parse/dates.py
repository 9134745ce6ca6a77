"""Dates in a feed: an aware UTC ``datetime``, or None when the feed gives nothing usable.

Owns converting feedparser's parsed dates, reading the loose formats feedparser gets wrong or not
at all (Korean, month names in other languages), Korea time as the zone of a Korean date that
names none, and clamping a date more than ``FUTURE_TOLERANCE`` after ``now`` to ``now``. Also owns
``get_exact``, because the FeedParserDict fallbacks it avoids are between date keys.

Must not read the clock (``now`` is always a parameter) or invent a date: an unknown date stays
None and the updater uses the first-seen time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from tracker.text import has_hangul

__all__ = ["FUTURE_TOLERANCE", "entry_date", "get_exact", "parsed_date"]

#: a date more than this far after ``now`` is a publisher's mistake: clamp it to ``now``
FUTURE_TOLERANCE = timedelta(days=1)

_MONTHS = {
    # English first, then French, German, Spanish, Italian, Portuguese, Dutch (abbreviations
    # are matched by prefix, so "oct." and "octobre" both work); Korean "10월" is numeric
    name: number
    for number, names in enumerate(
        (
            "jan janv januar enero ene gennaio gen janeiro januari",
            "feb févr fevr février februar febrero febbraio fevereiro fev februari",
            "mar mars märz maerz marzo março marco maart",
            "apr avr avril april abril aprile",
            "may mai mayo maggio maio mei",
            "jun juin juni junio giugno junho",
            "jul juil juillet juli julio luglio julho",
            "aug août aout august agosto augustus",
            "sep sept septembre september septiembre settembre setembro",
            "oct okt octobre oktober octubre ottobre outubro",
            "nov novembre november noviembre novembro",
            "dec déc décembre dezember diciembre dic dicembre dezembro dez december",
        ),
        start=1,
    )
    for name in names.split()
}
_NUMERIC_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월)\s*(?P<d>\d{1,2})\s*일?\.?"
)
_WORDY_DATE = re.compile(r"(?P<d>\d{1,2})\.?\s+(?P<m>[^\W\d_]+)\.?,?\s+(?P<y>\d{4})")
_KOREAN_MONTH_DATE = re.compile(r"(?P<d>\d{1,2})\s+(?P<m>\d{1,2})\s*월\s+(?P<y>\d{4})")
_CLOCK = re.compile(
    r"(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\s*(?P<ampm2>AM|PM|am|pm))?"
)
_ZONE = re.compile(
    r"(?:(?P<sign>[+-])(?P<zh>\d{2}):?(?P<zm>\d{2})|\b(?P<name>Z|UTC|GMT|KST)\b)\s*$"
)


def get_exact(raw: Mapping[str, Any], key: str) -> Any:
    """``raw[key]`` without FeedParserDict's fallbacks (``updated`` -> ``published`` warns with a
    DeprecationWarning and would blur the two dates)."""
    return dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)


def parsed_date(parsed: object, now: datetime) -> datetime | None:
    # a time.struct_time (a tuple), already converted to UTC by feedparser
    if not isinstance(parsed, tuple) or len(parsed) < 6:
        return None
    try:
        year, month, day, hour, minute, second = (int(f) for f in parsed[:6])
        value = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return now.astimezone(UTC) if value > now + FUTURE_TOLERANCE else value


def _loose_date(text: str) -> datetime | None:
    """Dates feedparser gets wrong or not at all: Korean (``2025년 10월 7일 오후 3:05``,
    ``2025.10.07 09:00``, ``화, 07 10월 2025``) and RFC 822 with month names in another language
    (``mar., 07 oct. 2025 09:00:00 +0200``). A Korean form without a zone is Korea time."""
    text = text.strip()
    korean = has_hangul(text)
    found = _NUMERIC_DATE.search(text)
    if found is not None:
        year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
    else:
        found = _KOREAN_MONTH_DATE.search(text)
        if found is not None:
            year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
        else:
            found = _WORDY_DATE.search(text)
            if found is None:
                return None
            name = found["m"].lower()
            month = next((n for k, n in _MONTHS.items() if name.startswith(k)), 0)
            year, day = int(found["y"]), int(found["d"])
    rest = text[found.end() :]
    hour = minute = second = 0
    clock = _CLOCK.search(rest)
    if clock is not None:
        hour, minute, second = int(clock["H"]), int(clock["M"]), int(clock["S"] or 0)
        ampm = (clock["ampm"] or clock["ampm2"] or "").lower()
        if ampm in ("오후", "pm") and hour < 12:
            hour += 12
        elif ampm in ("오전", "am") and hour == 12:
            hour = 0
    offset = timedelta(hours=9) if korean else timedelta(0)
    zone = _ZONE.search(text)
    if zone is not None:
        if zone["sign"]:
            offset = timedelta(hours=int(zone["zh"]), minutes=int(zone["zm"]))
            offset = -offset if zone["sign"] == "-" else offset
        else:
            offset = timedelta(hours=9) if zone["name"] == "KST" else timedelta(0)
    try:
        local = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    return local - offset


def entry_date(raw: Mapping[str, Any], key: str, now: datetime) -> datetime | None:
    """An entry's ``published`` / ``updated``: feedparser's parse, except for text it reads
    wrongly (non-ASCII dates, ``2025.10.07``: it turns "2025년 10월 07일" into November 1st)
    or not at all, where ``_loose_date`` tries. A date that is still unknown stays None (the
    updater then uses the first-seen time)."""
    text = get_exact(raw, key)
    text = text if isinstance(text, str) else None
    if text and (not text.isascii() or re.search(r"\d{4}\.\d", text)):
        loose = _loose_date(text)
        if loose is not None:
            return now.astimezone(UTC) if loose > now + FUTURE_TOLERANCE else loose
    parsed = parsed_date(get_exact(raw, f"{key}_parsed"), now)
    if parsed is None and text:
        loose = _loose_date(text)
        if loose is not None:
            return now.astimezone(UTC) if loose > now + FUTURE_TOLERANCE else loose
    return parsed
