"""Weekly windows are right across DST changes, in zones with and without DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracker.digest import window
from tracker.types import IsoWeek


def test_parse_week() -> None:
    assert window.parse_week("2026-W47") == IsoWeek(2026, 47)
    assert window.parse_week("2026w05") == IsoWeek(2026, 5)
    assert str(IsoWeek(2026, 5)) == "2026-W05"
    for bad in ("2026-47", "W47", "2025-W53", "2026-W00"):
        with pytest.raises(ValueError):
            window.parse_week(bad)
    assert window.parse_week("2026-W53") == IsoWeek(2026, 53)


@pytest.mark.parametrize(
    ("tz", "week", "hours"),
    [
        ("Europe/Berlin", IsoWeek(2026, 13), 167),  # clocks go forward Sun 29 March 2026
        ("Europe/Berlin", IsoWeek(2026, 43), 169),  # back on Sun 25 October 2026
        ("America/New_York", IsoWeek(2026, 10), 167),  # forward on Sun 8 March 2026
        ("America/New_York", IsoWeek(2026, 44), 169),  # back on Sun 1 November 2026
        ("Asia/Seoul", IsoWeek(2026, 13), 168),
        ("Asia/Seoul", IsoWeek(2026, 43), 168),
    ],
)
def test_week_is_monday_to_monday_local_across_dst(tz: str, week: IsoWeek, hours: int) -> None:
    start, end = window.week_bounds(week, tz)
    assert (start.weekday(), start.hour, start.minute) == (0, 0, 0)
    assert (end.weekday(), end.hour, end.minute) == (0, 0, 0)
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(hours=hours)
    # consecutive weeks tile time with no gap and no overlap
    next_start, _ = window.week_bounds(window.shift(week, 1), tz)
    assert next_start.astimezone(UTC) == end.astimezone(UTC)


def test_week_of_uses_the_local_calendar() -> None:
    # the same instant is Sunday in Berlin and Monday in Seoul
    moment = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)  # Sun 23:30 KST
    assert window.week_of(moment, "Asia/Seoul") == IsoWeek(2026, 47)
    moment = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)  # Mon 00:30 KST
    assert window.week_of(moment, "Asia/Seoul") == IsoWeek(2026, 48)
    assert window.week_of(moment, "Europe/Berlin") == IsoWeek(2026, 47)


def test_last_complete_week_and_year_boundary() -> None:
    now = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo("Asia/Seoul"))  # Monday of 2027-W01
    assert window.last_complete_week(now, "Asia/Seoul") == IsoWeek(2026, 53)


def test_scheduled_run_and_catch_up() -> None:
    tz = "Asia/Seoul"
    run = window.scheduled_run(IsoWeek(2026, 47), "mon 09:00", tz)
    assert run == datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo(tz))
    # just before the run, the newest due digest is the week before
    assert window.last_due_week(run - timedelta(minutes=1), "mon 09:00", tz) == IsoWeek(2026, 46)
    assert window.last_due_week(run, "mon 09:00", tz) == IsoWeek(2026, 47)
    assert window.last_due_week(run + timedelta(days=3), "mon 09:00", tz) == IsoWeek(2026, 47)


def test_scheduled_run_in_dst_week_keeps_wall_clock_time() -> None:
    run = window.scheduled_run(IsoWeek(2026, 13), "mon 09:00", "Europe/Berlin")
    assert (run.hour, run.utcoffset()) == (9, timedelta(hours=2))  # CEST after 29 March


def test_parse_schedule_rejects_nonsense() -> None:
    assert window.parse_schedule("Fri 18:30")[0] == 4
    with pytest.raises(ValueError):
        window.parse_schedule("someday 09:00")
