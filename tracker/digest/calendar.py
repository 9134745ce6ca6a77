"""The release calendar as an iCalendar file (``releases.ics``), for calendar apps to subscribe
to: one all-day event per film (or series season) and platform with a known release date.

Owns the ``.ics`` bytes (the only icalendar): the events' UIDs, summaries and descriptions.
UIDs come from the film key and the platform only, never a database id or the date, so an app
that subscribed updates an event instead of adding a second one, and a date that moves moves
the event. The bytes depend on the releases alone (DTSTAMP is the data's last change, never
the wall clock; events in a fixed order), so an unchanged database writes an identical file.
Pure: must not read the clock, storage or files (``tracker.app`` writes the file).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, timedelta

import icalendar

from tracker.digest import platforms
from tracker.digest.releases import CINEMA, CalendarRelease

PRODID = "-//kfilm-tracker//Release calendar//EN"
#: the calendar's name in an app's list of calendars (X-WR-CALNAME), Korean works only or not
CALENDAR_NAME = "Korean film and series releases"
CALENDAR_NAME_ALL = "Film and series releases"
#: the UIDs' namespace: a UID is uuid5(this, "film key/platform"); never change it, or every
#: subscribed calendar sees each release deleted and added again
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/kfilm-tracker/releases")
UID_DOMAIN = "kfilm-tracker"
#: links listed in one event's description, newest announcements last; the rest are counted
MAX_LINKS = 12
# the date in words without strftime: its names follow the process locale, and the same rows
# must give the same bytes everywhere
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def event_uid(film_key: str, platform: str | None) -> str:
    """The event's UID: the same film and platform give the same UID on every machine."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{film_key}/{platform or CINEMA}')}@{UID_DOMAIN}"


def platform_name(platform: str | None) -> str:
    """``"disney_plus"`` -> ``"Disney+"``; no platform is the cinema."""
    return platforms.platform_name(platform or CINEMA)


def _where(platform: str | None) -> str:
    if (platform or CINEMA) == CINEMA:
        return "in cinemas"
    return f"on {platform_name(platform)}"


def _name(release: CalendarRelease) -> str:
    return f"{release.title} Season {release.season}" if release.season else release.title


def summary(release: CalendarRelease) -> str:
    """``Squid Game Season 2 (오징어 게임) on Netflix``, ``Harbin (하얼빈) in cinemas``."""
    name = _name(release)
    if release.title_hangul:
        name += f" ({release.title_hangul})"
    return f"{name} {_where(release.platform)}"


def description(release: CalendarRelease) -> str:
    """Plain text: where, the Korean title, the season, and the entries that announced it."""
    day = release.release_date
    when = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"
    lines = [f"{_name(release)} arrives {_where(release.platform)} on {when}."]
    if release.title_hangul:
        lines.append(f"Korean title: {release.title_hangul}")
    if release.links:
        lines += ["", "Announced by:"]
        shown = release.links[-MAX_LINKS:]
        hidden = len(release.links) - len(shown)
        if hidden:
            lines.append(f"(and {hidden} earlier)")
        for link in shown:
            lines.append(f"- {link.source}: {link.title}")
            lines.append(f"  {link.url}")
    return "\n".join(lines)


def _event(release: CalendarRelease) -> icalendar.Event:
    changed = release.changed_at.astimezone(UTC)
    event = icalendar.Event()
    event.add("uid", event_uid(release.film_key, release.platform))
    # the data's last change, not the time of writing: the same rows give the same bytes
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", release.sequence)
    event.add("dtstart", release.release_date)  # a date: DTSTART;VALUE=DATE, all day
    event.add("dtend", release.release_date + timedelta(days=1))
    event.add("summary", summary(release))
    event.add("description", description(release))
    cinema = (release.platform or CINEMA) == CINEMA
    event.add("categories", ["Cinema" if cinema else platform_name(release.platform)])
    if release.url:
        event.add("url", release.url)
    # a release is not an appointment: it never makes the user look busy
    event.add("transp", "TRANSPARENT")
    return event


def calendar_ics(
    releases: Sequence[CalendarRelease], *, timezone: str, korean_only: bool = True
) -> bytes:
    """The ``.ics`` file of ``releases`` (one VEVENT each, in a fixed order), with ``timezone``
    (``[tracker] timezone``) as the calendar's X-WR-TIMEZONE; ``korean_only`` names it."""
    name = CALENDAR_NAME if korean_only else CALENDAR_NAME_ALL
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone)
    ordered = sorted(
        releases,
        key=lambda r: (r.release_date, r.title.casefold(), r.film_key, r.platform or ""),
    )
    for release in ordered:
        calendar.add_component(_event(release))
    data: bytes = calendar.to_ical()
    return data
