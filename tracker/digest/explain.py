"""Why an entry is in its week's digest, or not: ``tracker explain``.

Owns telling, in (topic, explanation) lines, an entry's identity key, what was understood about
it on ingest (the rules that fired and the words they matched), the film card it joined, a merge
with a syndicated copy, or the rule that left it out. Runs the same steps as ``build_digest`` on
the same stored data, so the explanation cannot drift from the digest. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from tracker.digest.build import assemble
from tracker.digest.select import select_entries, source_name
from tracker.types import Entry, FeedSpec, FeedStatus, IsoWeek, Kind
from tracker.understand import match
from tracker.understand.record import read
from tracker.urls import redact_url


def explain_entry(
    entry: Entry,
    week_entries: Sequence[Entry],
    *,
    feeds: Mapping[str, FeedStatus],
    specs: Mapping[str, FeedSpec],
    korean_only: bool,
    backfill: timedelta,
    week: IsoWeek,
) -> list[tuple[str, str]]:
    """Why ``entry`` is (or is not) in its week's digest, as (topic, explanation) lines: the
    identity key, the classifier's rules and matched words, the film it joined, a merge with a
    syndicated copy, or the rule that left it out. Runs the same steps as ``build_digest``."""
    spec = specs.get(entry.feed_url)
    feed = feeds.get(entry.feed_url)
    lines: list[tuple[str, str]] = [
        (
            "feed",
            f"{source_name(entry, spec)} <{redact_url(entry.feed_url)}>",
        ),
        ("identity", f"{entry.identity_source}: {entry.identity}"),
        (
            "dates",
            f"first seen {entry.first_seen_at:%Y-%m-%d %H:%M} UTC (so it belongs to "
            f"{week}); the feed dates it {entry.published_at:%Y-%m-%d %H:%M} UTC",
        ),
    ]
    if entry.understood is None:
        lines.append(("digest", "not understood yet: run tracker reclassify"))
        return lines
    result = read(entry.understood)
    lines.append(("understood", f"by classifier {entry.understood.version}"))
    lines += [("kind", result.kind.value), ("korean", "yes" if result.korean else "no")]
    if result.film:
        extra = ", ".join(str(x) for x in (result.film_hangul, result.year) if x)
        lines.append(("film", f"{result.film}{f' ({extra})' if extra else ''}"))
    if result.rating is not None:
        lines.append(("rating", f"{result.rating:g}/5 from {result.rating_text!r}"))
    if result.platform or result.release_date:
        when = f" from {result.release_date:%Y-%m-%d}" if result.release_date else ""
        lines.append(("platform", f"{result.platform or 'no platform named'}{when}"))
    for listed in result.listed:
        lines.append(
            (
                "lists",
                f"{listed.film} ({listed.release_date or 'no date'}, "
                f"{'Korean' if listed.korean else 'not Korean'})",
            )
        )
    lines += [("why", reason) for reason in result.reasons]

    if entry not in select_entries([entry], feeds, backfill=backfill):
        first = feed.first_polled_at if feed else None
        detail = f"left out of {week}: part of a new feed's backlog"
        if first:
            detail += (
                f" (dated more than {backfill.days} days before the feed's first poll, "
                f"{first:%Y-%m-%d})"
            )
        lines.append(("digest", detail))
        return lines
    assembly = assemble(
        select_entries(week_entries, feeds, backfill=backfill), specs, korean_only=korean_only
    )
    for left, reason in assembly.left_out:
        if left.id == entry.id:
            lines.append(("digest", f"left out of {week}: {reason}"))
            return lines
    for copy, kept in assembly.merged:
        if copy.id == entry.id:
            where = kept.feed_title or kept.feed_url
            lines.append(
                (
                    "digest",
                    f"in {week} once, as entry {kept.id} ({where}), which "
                    "shows this one as 'also covered by'",
                )
            )
            return lines
    index = next(
        (i for i, (u, _also) in enumerate(assembly.collapsed) if u.entry.id == entry.id), None
    )
    if index is None:
        lines.append(("digest", f"not in {week}'s entries"))
        return lines
    clusters = {
        c
        for (i, listed), c in zip(assembly.owners, assembly.clusters, strict=True)
        if i == index and listed is None
    }
    cluster = next(iter(clusters), None)
    if cluster is None:
        section = "News" if result.kind is not Kind.RELEASE else "New on Netflix & streaming"
        lines.append(("digest", f"in {week}, section {section!r} (about no single film)"))
        return lines
    mates = [
        assembly.collapsed[i][0].entry.id
        for (i, listed), c in zip(assembly.owners, assembly.clusters, strict=True)
        if c == cluster and i != index and listed is None
    ]
    key = match.film_key(result.film or entry.title, result.year)
    lines.append(
        (
            "digest",
            f"in {week}, on the card of {result.film or entry.title!r} (film key "
            f"{key}) with {len(mates)} other entries{': ' if mates else ''}"
            f"{', '.join(map(str, mates))}",
        )
    )
    return lines
