"""The digest half of the pipeline: stored entries of one week -> ``Digest`` -> email, once.

Owns selecting a week's entries (by first-seen time; a new feed's backlog does not flood its
first digest), turning them into film cards and sections with the classifier and the film
matcher, and the exactly-once delivery protocol over the ledger (claim -> sending -> sent |
failed). Takes storage, renderer and sender as Protocol-typed arguments; must not build
adapters, read the clock or the environment.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import urlsplit

from tracker import text
from tracker.exceptions import DeliveryError
from tracker.types import (
    CoverageNote,
    Digest,
    DigestCounts,
    DigestItem,
    DigestRecord,
    DigestStatus,
    Entry,
    EntryData,
    FeedSpec,
    FeedStatus,
    FilmCard,
    IsoWeek,
    Kind,
    KnownFilm,
    RenderedDigest,
    Source,
)
from tracker.understand import classify, match
from tracker.urls import redact_url

log = logging.getLogger(__name__)

#: a feed that has not produced anything new for this long is "silent" in the coverage footer
SILENT_AFTER = timedelta(days=14)
#: a temporarily failed digest is retried after this long
RETRY_DELAY = timedelta(minutes=15)
EXCERPT_CHARS = 160


# -- selecting -------------------------------------------------------------------------------


def select_entries(
    entries: Sequence[Entry], feeds: Mapping[str, FeedStatus], *, backfill: timedelta
) -> list[Entry]:
    """Drop the backlog of newly added feeds: an entry stored by its feed's first poll whose own
    date is more than ``backfill`` older than that poll was not news this week."""
    kept = []
    for entry in entries:
        feed = feeds.get(entry.feed_url)
        first_poll = feed.first_polled_at if feed else None
        if (
            first_poll is not None
            and entry.first_seen_at <= first_poll + timedelta(minutes=1)
            and entry.published_at < first_poll - backfill
        ):
            continue
        kept.append(entry)
    return kept


def entry_data(entry: Entry) -> EntryData:
    """The stored entry in the shape the classifier reads."""
    return EntryData(
        identity=entry.identity,
        title=entry.title,
        link=entry.link,
        published=entry.published_at,
        summary=entry.summary,
        content=entry.content,
        author=entry.author,
        categories=entry.categories,
        image=entry.image,
        extra=entry.extra,
    )


# -- building ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Understood:
    """One entry with what the classifier made of it."""

    entry: Entry
    source: str
    result: classify.Classification


def understand(
    entries: Sequence[Entry], specs: Mapping[str, FeedSpec], *, korean_only: bool
) -> tuple[list[Understood], list[tuple[Entry, str]]]:
    """Classify entries and apply the per-feed rules and the Korean filter.

    Returns what is kept and, for ``tracker explain``, what was left out and why."""
    kept: list[Understood] = []
    left_out: list[tuple[Entry, str]] = []
    for entry in entries:
        spec = specs.get(entry.feed_url)
        data = entry_data(entry)
        if spec is not None:
            passed, reason = classify.passes_rules(data, spec)
            if not passed:
                left_out.append((entry, reason or "feed rules"))
                continue
        result = classify.classify(data, feed=spec, published=entry.published_at)
        if result.kind is Kind.OTHER:
            left_out.append((entry, "kind=other (lists, galleries, promotion, non-film)"))
            continue
        if korean_only and not result.korean and not any(i.korean for i in result.listed):
            left_out.append((entry, "not about Korean film or drama ([digest] korean_only)"))
            continue
        source = (
            (spec.title if spec and spec.title else None)
            or entry.feed_title
            or _host(entry.feed_url)
        )
        kept.append(Understood(entry, source, result))
    return kept, left_out


def _host(url: str) -> str:
    # the host alone: a feed URL may carry user:password@, which must never reach an email
    return urlsplit(url).hostname or redact_url(url)


def _excerpt(entry: Entry) -> str | None:
    body = text.strip_html(entry.summary) or text.strip_html(entry.content)
    if not body:
        return None
    line = text.one_line(body)
    if len(line) <= EXCERPT_CHARS:
        return line
    cut = line[:EXCERPT_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:–-") + "…"


def _item(u: Understood, *, film: str | None = None) -> DigestItem:
    r = u.result
    return DigestItem(
        entry_id=u.entry.id,
        kind=r.kind,
        title=u.entry.title,
        link=u.entry.link,
        source=u.source,
        published_at=u.entry.published_at,
        author=u.entry.author,
        excerpt=_excerpt(u.entry),
        summary_html=u.entry.summary,
        image=u.entry.image,
        film=film or r.film,
        rating=r.rating,
        rating_text=r.rating_text,
        platform=r.platform,
        release_date=r.release_date,
        korean=r.korean,
    )


def _collapse_syndicated(
    items: list[Understood],
) -> tuple[list[tuple[Understood, tuple[Source, ...]]], list[tuple[Entry, Entry]]]:
    """The same article in several feeds is shown once, with "also covered by" links."""
    groups = match.syndicated_groups(
        [
            match.ClusterInput(None, title=u.entry.title, text=text.strip_html(u.entry.summary))
            for u in items
        ]
    )
    by_group: dict[int, list[Understood]] = defaultdict(list)
    for u, group in zip(items, groups, strict=True):
        by_group[group].append(u)
    out = []
    merged: list[tuple[Entry, Entry]] = []
    for members in by_group.values():
        members.sort(key=lambda u: (u.entry.first_seen_at, u.entry.id))
        first, *rest = members
        also = tuple(Source(u.source, u.entry.link) for u in rest)
        out.append((first, also))
        merged += [(u.entry, first.entry) for u in rest]
    out.sort(key=lambda pair: (pair[0].entry.published_at, pair[0].entry.id))
    return out, merged


@dataclass(frozen=True)
class Assembly:
    """The builder's intermediate decisions, kept so ``explain`` can tell them to a user."""

    understood: list[Understood]
    left_out: list[tuple[Entry, str]]
    #: one (shown entry, the syndicated copies it stands for) per article
    collapsed: list[tuple[Understood, tuple[Source, ...]]]
    #: what each clustering input is: (index into ``collapsed``, the roundup title or None)
    owners: list[tuple[int, classify.ListedRelease | None]]
    #: the film cluster of each input (None: about no one film)
    clusters: list[int | None]
    #: the syndicated copies left out, each with the entry it was merged into
    merged: list[tuple[Entry, Entry]]


def assemble(
    entries: Sequence[Entry], specs: Mapping[str, FeedSpec], *, korean_only: bool
) -> Assembly:
    """Classify, filter, merge syndicated copies and cluster by film."""
    understood, left_out = understand(entries, specs, korean_only=korean_only)
    collapsed, merged = _collapse_syndicated(understood)
    # one cluster input per item and per title a roundup lists
    inputs: list[match.ClusterInput] = []
    owners: list[tuple[int, classify.ListedRelease | None]] = []
    for index, (u, _also) in enumerate(collapsed):
        r = u.result
        inputs.append(
            match.ClusterInput(
                r.film,
                r.film_hangul,
                r.year,
                u.entry.published_at,
                r.korean,
                title=u.entry.title,
                text=text.strip_html(u.entry.summary),
            )
        )
        owners.append((index, None))
        for title_listed in r.listed:
            if korean_only and not title_listed.korean:
                continue
            inputs.append(
                match.ClusterInput(
                    title_listed.film,
                    None,
                    None,
                    u.entry.published_at,
                    title_listed.korean,
                    title=title_listed.film,
                )
            )
            owners.append((index, title_listed))
    return Assembly(understood, left_out, collapsed, owners, match.cluster(inputs), merged)


#: looks up films remembered from earlier weeks by their base key (title without year)
KnownFilms = Callable[[Sequence[str]], Mapping[str, Sequence[KnownFilm]]]


def build_digest(
    entries: Sequence[Entry],
    *,
    feeds: Sequence[FeedStatus],
    specs: Mapping[str, FeedSpec],
    week: IsoWeek,
    start: datetime,
    end: datetime,
    timezone: str,
    now: datetime,
    korean_only: bool = True,
    title: str = "Korean film this week",
    known: KnownFilms | None = None,
) -> Digest:
    """One week's digest from the entries first seen in [start, end). Pure but for ``known``,
    which reads what earlier weeks learnt about a film (its Netflix date, its poster)."""
    assembly = assemble(entries, specs, korean_only=korean_only)
    understood, collapsed = assembly.understood, assembly.collapsed
    owners, clusters = assembly.owners, assembly.clusters

    cards: dict[int, dict[str, list[DigestItem]]] = defaultdict(lambda: defaultdict(list))
    names: dict[int, Counter[str]] = defaultdict(Counter)
    hangul: dict[int, str] = {}
    years: dict[int, int] = {}
    loose_news: list[DigestItem] = []
    releases: list[DigestItem] = []
    for (index, listed), cluster_id in zip(owners, clusters, strict=True):
        u, also = collapsed[index]
        if listed is not None:
            item = replace(
                _item(u, film=listed.film),
                title=listed.film,
                release_date=listed.release_date,
                korean=listed.korean,
                excerpt=f"Listed in “{u.entry.title}”",
                rating=None,
            )
        else:
            item = replace(_item(u), also_covered_by=also)
        if item.kind is Kind.RELEASE and (listed is not None or not u.result.listed):
            releases.append(item)
        if cluster_id is None:
            if item.kind is Kind.NEWS:
                loose_news.append(item)
            elif item.kind is Kind.REVIEW:
                # a roundup review: several films, no one card
                loose_news.append(item)
            continue
        film_name = item.film or u.result.film
        if film_name:
            names[cluster_id][film_name] += 1
        if listed is None and u.result.film_hangul:
            hangul.setdefault(cluster_id, u.result.film_hangul)
        if listed is None and u.result.year:
            years.setdefault(cluster_id, u.result.year)
        cards[cluster_id][str(item.kind)].append(item)

    films = [
        _card(cid, groups, names[cid], hangul.get(cid), years.get(cid), start, end)
        for cid, groups in cards.items()
        if names[cid]
    ]
    if known is not None:
        films = _with_known(films, known, start, end)
    films.sort(
        key=lambda c: (
            not c.released_this_week,
            -len(c.reviews),
            -len(c.releases),
            c.title.casefold(),
        )
    )
    releases.sort(key=lambda i: (i.release_date or date.max, i.title.casefold()))
    loose_news.sort(key=lambda i: i.published_at, reverse=True)
    sources = {u.source for u in understood}
    counts = DigestCounts(
        films=len(films),
        reviews=sum(len(c.reviews) for c in films)
        + sum(1 for i in loose_news if i.kind is Kind.REVIEW),
        releases=len(releases),
        news=len(loose_news) + sum(len(c.news) for c in films),
        sources=len(sources),
    )
    return Digest(
        week=week,
        start=start,
        end=end,
        timezone=timezone,
        generated_at=now,
        films=tuple(films),
        releases=tuple(releases),
        news=tuple(loose_news),
        coverage=tuple(coverage(feeds, entries, start=start, end=end)),
        counts=counts,
        title=title,
    )


def _card(
    cid: int,
    groups: Mapping[str, list[DigestItem]],
    names: Counter[str],
    hangul: str | None,
    year: int | None,
    start: datetime,
    end: datetime,
) -> FilmCard:
    reviews = sorted(
        groups.get(Kind.REVIEW, []), key=lambda i: (i.rating is None, -(i.rating or 0))
    )
    releases = sorted(groups.get(Kind.RELEASE, []), key=lambda i: i.release_date or date.max)
    news = sorted(groups.get(Kind.NEWS, []), key=lambda i: i.published_at, reverse=True)
    everything = [*releases, *reviews, *news]
    title = names.most_common(1)[0][0]
    dated = [i for i in releases if i.release_date]
    release_date = dated[0].release_date if dated else None
    platform = next((i.platform for i in everything if i.platform), None)
    poster = next((i.image for i in everything if i.image), None)
    return FilmCard(
        key=match.film_key(title, year),
        title=title,
        title_hangul=hangul if hangul and hangul != title else None,
        year=year,
        poster=poster,
        platform=platform,
        release_date=release_date,
        released_this_week=_in_week(release_date, start, end),
        reviews=tuple(reviews),
        releases=tuple(releases),
        news=tuple(news),
    )


def _in_week(day: date | None, start: datetime, end: datetime) -> bool:
    return day is not None and start.date() <= day < end.date()


def _with_known(
    films: list[FilmCard], known: KnownFilms, start: datetime, end: datetime
) -> list[FilmCard]:
    """Fill what this week does not say about a film from what earlier weeks did: a review that
    arrives two weeks after the Netflix release still shows the Netflix date and the poster."""
    remembered = known([match.film_key(card.title) for card in films])
    out = []
    for card in films:
        candidates = list(remembered.get(match.film_key(card.title), ()))
        if card.year is not None:
            candidates = [f for f in candidates if f.year in (None, card.year)]
        if not candidates:
            out.append(card)
            continue
        film = max(candidates, key=lambda f: f.updated_at)
        release_date = card.release_date or film.release_date
        out.append(
            replace(
                card,
                title_hangul=card.title_hangul or film.title_hangul,
                year=card.year or film.year,
                poster=card.poster or film.poster,
                platform=card.platform or film.platform,
                release_date=release_date,
                released_this_week=_in_week(release_date, start, end),
            )
        )
    return out


def films_to_remember(built: Digest) -> list[tuple[str, FilmCard]]:
    """(base key, card) for every film card of a digest: what storage remembers."""
    return [(match.film_key(card.title), card) for card in built.films]


def film_links(built: Digest) -> list[tuple[int, str, str]]:
    """(entry id, film key, role) for every entry on a film card: what storage remembers."""
    return [
        (item.entry_id, card.key, str(item.kind))
        for card in built.films
        for item in (*card.reviews, *card.releases, *card.news)
    ]


def coverage(
    feeds: Sequence[FeedStatus], entries: Sequence[Entry], *, start: datetime, end: datetime
) -> list[CoverageNote]:
    """Which followed feeds failed, went silent or are gone: what the digest may be missing."""
    fresh = {e.feed_url for e in entries}
    notes = []
    for feed in feeds:
        if not feed.followed:
            continue
        # the footer goes out by email: never a user:password@ from a feed URL
        shown = redact_url(feed.url)
        title = feed.title or shown
        if feed.gone_at is not None or feed.http_status == 410:
            notes.append(CoverageNote(shown, title, "gone", "the server says it is gone (410)"))
        elif feed.consecutive_errors:
            since = f"; last success {feed.last_success_at:%b %d}" if feed.last_success_at else ""
            detail = f"{feed.last_error or 'failing'}{since}"
            notes.append(CoverageNote(shown, title, "failing", redact_url(detail)))
        elif (
            feed.url not in fresh
            and feed.first_polled_at is not None
            and feed.first_polled_at < end - SILENT_AFTER
            and (feed.last_entry_at is None or feed.last_entry_at < end - SILENT_AFTER)
        ):
            # a fortnightly feed is not silent in its quiet week: only nothing for two weeks is
            detail = (
                f"nothing new since {feed.last_entry_at:%b %d}"
                if feed.last_entry_at
                else "no entries yet"
            )
            notes.append(CoverageNote(shown, title, "silent", detail))
    return notes


# -- delivering --------------------------------------------------------------------------------


class LedgerStorage(Protocol):
    def claim_digest(
        self,
        *,
        recipient: str,
        week: str,
        message_id: str,
        now: datetime,
        force: bool = False,
        owner: str | None = None,
    ) -> bool: ...

    def mark_digest(
        self,
        *,
        recipient: str,
        week: str,
        status: DigestStatus,
        now: datetime,
        error: str | None = None,
        retry_at: datetime | None = None,
    ) -> None: ...


class Sender(Protocol):
    async def send(self, message: EmailMessage) -> str: ...


#: builds the message for one recipient: (recipient, message_id) -> EmailMessage
Compose = Callable[[str, str], EmailMessage]


@dataclass(frozen=True)
class Outcome:
    """What happened to one recipient's digest."""

    week: IsoWeek
    recipient: str
    status: str  # "sent" | "skipped" | "failed" | "dry-run"
    detail: str = ""

    def describe(self) -> str:
        return f"{self.status}{': ' + self.detail if self.detail else ''}"


async def deliver(
    week: IsoWeek,
    *,
    recipients: Sequence[str],
    compose: Compose,
    message_id: Callable[[str], str],
    storage: LedgerStorage,
    sender: Sender,
    now: Callable[[], datetime],
    force: bool = False,
    owner: str | None = None,
) -> list[Outcome]:
    """Send ``week`` to each recipient at most once (``force`` sends again on purpose)."""
    outcomes = []
    for recipient in recipients:
        mid = message_id(recipient)
        claimed = storage.claim_digest(
            recipient=recipient,
            week=str(week),
            message_id=mid,
            now=now(),
            force=force,
            owner=owner,
        )
        if not claimed:
            outcomes.append(Outcome(week, recipient, "skipped", "already sent or in progress"))
            continue
        message = compose(recipient, mid)
        storage.mark_digest(
            recipient=recipient, week=str(week), status=DigestStatus.SENDING, now=now()
        )
        try:
            reply = await sender.send(message)
        except DeliveryError as error:
            at = now()
            storage.mark_digest(
                recipient=recipient,
                week=str(week),
                status=DigestStatus.FAILED,
                now=at,
                error=error.message,
                retry_at=at + RETRY_DELAY if error.temporary else None,
            )
            detail = error.message + (
                f"; queued: retried after {at + RETRY_DELAY:%H:%M} UTC by the daemon "
                "(or by digest send)"
                if error.temporary
                else ""
            )
            outcomes.append(Outcome(week, recipient, "failed", detail))
            continue
        storage.mark_digest(
            recipient=recipient, week=str(week), status=DigestStatus.SENT, now=now()
        )
        outcomes.append(Outcome(week, recipient, "sent", reply))
    return outcomes


def explain_skip(outcome: Outcome, record: DigestRecord | None) -> Outcome:
    """A skipped send, described by the ledger row that stopped it."""
    if record is None:
        return outcome
    resend = f"tracker digest send --week {record.week} --force"
    if record.status is DigestStatus.SENT:
        when = f" on {record.sent_at:%Y-%m-%d %H:%M} UTC" if record.sent_at else ""
        detail = f"already sent{when}"
    elif record.status is DigestStatus.SENDING:
        # the ledger cannot tell another process still talking to the server from one that
        # died mid-send: say both, never guess
        detail = (
            f"sending since {record.updated_at:%Y-%m-%d %H:%M} UTC: in progress elsewhere, or "
            f"stuck after a crash (it may or may not have arrived); to send it again: {resend}"
        )
    elif record.status is DigestStatus.FAILED and record.retry_at is not None:
        detail = (
            f"failed ({record.error or 'unknown error'}); "
            f"retrying after {record.retry_at:%Y-%m-%d %H:%M} UTC"
        )
    elif record.status is DigestStatus.FAILED:
        detail = f"failed ({record.error or 'unknown error'}); fix it, then: {resend}"
    else:
        detail = f"being sent by another process (claimed {record.claimed_at:%H:%M} UTC)"
    return replace(outcome, detail=detail)


class Renderer(Protocol):
    def render(self, digest: Digest, *, subject_template: str | None = None) -> RenderedDigest: ...


# -- explaining ----------------------------------------------------------------------------------


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
            f"{(spec.title if spec else None) or entry.feed_title or _host(entry.feed_url)}"
            f" <{redact_url(entry.feed_url)}>",
        ),
        ("identity", f"{entry.identity_source}: {entry.identity}"),
        (
            "dates",
            f"first seen {entry.first_seen_at:%Y-%m-%d %H:%M} UTC (so it belongs to "
            f"{week}); the feed dates it {entry.published_at:%Y-%m-%d %H:%M} UTC",
        ),
    ]
    result = classify.classify(entry_data(entry), feed=spec, published=entry.published_at)
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
