"""Weeks and schedules in the user's time zone. Pure: ``now`` is always a parameter.

A digest covers one ISO week, half-open: Monday 00:00 to the next Monday 00:00 *local* time. Weeks
are built from local calendar dates and converted to UTC only at the end, so a week that crosses a
DST change is 167 or 169 hours long, as the wall clock says, not a fixed 168.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tracker.types import IsoWeek

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def parse_week(text: str) -> IsoWeek:
    """``2026-W47`` (or ``2026W47``) -> IsoWeek. Raises ValueError for anything else."""
    match = _WEEK.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an ISO week such as 2026-W47")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"{year} has no week {week}") from None
    return IsoWeek(year, week)


def week_of(moment: datetime, tz: str) -> IsoWeek:
    """The ISO week that ``moment`` falls in, on the calendar of ``tz``."""
    local = moment.astimezone(ZoneInfo(tz)).date()
    year, week, _ = local.isocalendar()
    return IsoWeek(year, week)


def shift(week: IsoWeek, weeks: int) -> IsoWeek:
    monday = date.fromisocalendar(week.year, week.week, 1) + timedelta(weeks=weeks)
    year, number, _ = monday.isocalendar()
    return IsoWeek(year, number)


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    # a wall-clock time that does not exist (a DST gap at midnight) is normalised through UTC
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC).astimezone(zone)


def week_bounds(week: IsoWeek, tz: str) -> tuple[datetime, datetime]:
    """[start, end) of ``week`` as aware datetimes in ``tz``."""
    zone = ZoneInfo(tz)
    monday = date.fromisocalendar(week.year, week.week, 1)
    return _local_midnight(monday, zone), _local_midnight(monday + timedelta(weeks=1), zone)


def last_complete_week(now: datetime, tz: str) -> IsoWeek:
    """The most recent week that has fully ended at ``now``."""
    return shift(week_of(now, tz), -1)


def parse_schedule(text: str) -> tuple[int, time]:
    """``"mon 09:00"`` -> (0, 09:00). Raises ValueError."""
    match = re.match(r"^\s*(\w{3})\s+(\d{1,2}):(\d{2})\s*$", text.lower())
    if not match or match.group(1) not in WEEKDAYS:
        raise ValueError(f"{text!r} is not a schedule such as 'mon 09:00'")
    return WEEKDAYS.index(match.group(1)), time(int(match.group(2)), int(match.group(3)))


def scheduled_run(week: IsoWeek, schedule: str, tz: str) -> datetime:
    """When the digest of ``week`` is due: the schedule's weekday and time in the week after it."""
    weekday, at = parse_schedule(schedule)
    day = date.fromisocalendar(*shift(week, 1), weekday + 1)
    zone = ZoneInfo(tz)
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC).astimezone(zone)


def last_due_week(now: datetime, schedule: str, tz: str) -> IsoWeek:
    """The newest week whose scheduled digest time is at or before ``now`` (for catch-up)."""
    week = last_complete_week(now, tz)
    if scheduled_run(week, schedule, tz) <= now:
        return week
    return shift(week, -1)
