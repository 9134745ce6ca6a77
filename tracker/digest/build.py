"""Building one week's digest from its selected entries: syndicated copies shown once, entries
clustered by film into cards, releases and news in their sections.

Owns the ``Digest`` a week's entries make (film cards with their reviews, ratings, consensus and
where to watch; "new on Netflix" releases; loose news; the coverage footer), how each item is
credited (``shown_author``), which image a card shows (``best_poster``) and what it remembers
about films for later weeks. Reads the understanding stored on ingest (through ``select``) and
the matching keys; pure but for ``known`` (films remembered from earlier weeks). Must not read
the clock, render, or send.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from html import unescape

from tracker.digest.coverage import coverage
from tracker.digest.select import Selected, select
from tracker.text import normalize_text
from tracker.types import (
    Digest,
    DigestCounts,
    DigestItem,
    Entry,
    FeedSpec,
    FeedStatus,
    FilmCard,
    IsoWeek,
    Kind,
    KnownFilm,
    ListedRelease,
    Source,
)
from tracker.understand import match


def _item(u: Selected, *, film: str | None = None, also: tuple[Source, ...] = ()) -> DigestItem:
    r = u.about
    return DigestItem(
        entry_id=u.entry.id,
        kind=r.kind,
        title=u.entry.title,
        link=u.entry.link,
        source=u.source,
        published_at=u.entry.published_at,
        author=shown_author(u.entry.author, u.source),
        excerpt=r.excerpt,
        summary_html=u.entry.summary,
        image=u.entry.image,
        film=film or r.film,
        rating=r.rating,
        rating_text=r.rating_text,
        platform=r.platform,
        release_date=r.release_date,
        korean=r.korean,
        also_covered_by=also,
    )


#: how one author field lists several people: "A, B", "A & B", "A and B", "A; B", "A / B"
_NAME_SEPARATORS = re.compile(r"\s*(?:[,;/&·、]|\band\b|(?<=\s)및(?=\s))\s*")


def shown_author(author: str | None, source: str) -> str | None:
    """The author an item shows: each person once ("Hana Seo, Hana Seo" -> "Hana Seo"), and no
    one the source already names (a personal feed, "Letterboxd: Hana Seo", shows no author).
    Names compare by their words, whatever the case, spaces and punctuation ("Seo Hana-jin" is
    "seo hanajin"); a field with nothing to drop is shown as the feed wrote it."""
    if not author or not author.strip():
        return None
    names = [name for name in _NAME_SEPARATORS.split(author) if name.strip()]
    source_words = normalize_text(source).split()
    kept: list[str] = []
    seen: set[str] = set()
    for name in names:
        words = normalize_text(name).split()
        key = "".join(words)
        if not key or key in seen or _names(source_words, words):
            continue
        seen.add(key)
        kept.append(name.strip())
    if len(kept) == len(names):
        return author
    return ", ".join(kept) or None


def _names(words: list[str], name: list[str]) -> bool:
    """Whether the run of ``words`` has ``name`` in it, word boundaries matching and spaces not
    ("hana seo" is in "letterboxd hanaseo", "ann" is not in "joanne s blog")."""
    joined = "".join(words)
    target = "".join(name)
    if not target:
        return False
    edges = {0}
    for word in words:
        edges.add(max(edges) + len(word))
    at = joined.find(target)
    while at >= 0:
        if at in edges and at + len(target) in edges:
            return True
        at = joined.find(target, at + 1)
    return False


def _collapse_syndicated(
    items: list[Selected],
) -> tuple[list[tuple[Selected, tuple[Source, ...]]], list[tuple[Entry, Entry]]]:
    """The same article in several feeds is shown once, with "also covered by" links."""
    groups = match.syndicated_groups_of([u.about.fingerprint for u in items])
    by_group: dict[int, list[Selected]] = defaultdict(list)
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

    selected: list[Selected]
    left_out: list[tuple[Entry, str]]
    #: one (shown entry, the syndicated copies it stands for) per article
    collapsed: list[tuple[Selected, tuple[Source, ...]]]
    #: what each clustering input is: (index into ``collapsed``, the roundup title or None)
    owners: list[tuple[int, ListedRelease | None]]
    #: the film cluster of each input (None: about no one film)
    clusters: list[int | None]
    #: the syndicated copies left out, each with the entry it was merged into
    merged: list[tuple[Entry, Entry]]


def assemble(
    entries: Sequence[Entry], specs: Mapping[str, FeedSpec], *, korean_only: bool
) -> Assembly:
    """Filter, merge syndicated copies and cluster by film, from the stored keys."""
    selected, left_out = select(entries, specs, korean_only=korean_only)
    collapsed, merged = _collapse_syndicated(selected)
    # one set of film keys per item and per title a roundup lists
    keys: list[match.FilmKeys] = []
    owners: list[tuple[int, ListedRelease | None]] = []
    for index, (u, _also) in enumerate(collapsed):
        own, listed_keys = u.about.keys_at(u.entry.published_at)
        keys.append(own)
        owners.append((index, None))
        for title_listed, listed_key in zip(u.about.listed, listed_keys, strict=True):
            if korean_only and not title_listed.korean:
                continue
            keys.append(listed_key)
            owners.append((index, title_listed))
    return Assembly(selected, left_out, collapsed, owners, match.cluster_keys(keys), merged)


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
    selected, collapsed = assembly.selected, assembly.collapsed
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
            item = _item(u, also=also)
        if item.kind is Kind.RELEASE and (listed is not None or not u.about.listed):
            releases.append(item)
        if cluster_id is None:
            if item.kind is Kind.NEWS:
                loose_news.append(item)
            elif item.kind is Kind.REVIEW:
                # a roundup review: several films, no one card
                loose_news.append(item)
            continue
        film_name = item.film or u.about.film
        if film_name:
            names[cluster_id][film_name] += 1
        if listed is None and u.about.film_hangul:
            hangul.setdefault(cluster_id, u.about.film_hangul)
        if listed is None and u.about.year:
            years.setdefault(cluster_id, u.about.year)
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
    sources = {u.source for u in selected}
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
    poster = best_poster(everything)
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
                poster=best_poster((*card.releases, *card.reviews, *card.news), film.poster),
                platform=card.platform or film.platform,
                release_date=release_date,
                released_this_week=_in_week(release_date, start, end),
            )
        )
    return out


# -- posters ---------------------------------------------------------------------------------------
# A card has room for one image, drawn poster-shaped (2:3). An entry's image is whatever its feed
# sent: a poster, a 16:9 still, a thumbnail, now and then a tracking pixel. What the URL or the
# feed's <img width height> says about its shape decides which of a film's images is shown.

#: an image that is not the film's: tracking pixels, feed and site icons, avatars, emoji
_NOT_A_PICTURE = re.compile(
    r"gravatar\.com|/avatars?/|[/_.-]avatar|pixel\.wp\.com|stats\.wordpress\.com"
    r"|feeds\.feedburner\.com/~[a-z]+/|doubleclick\.net|google-analytics\.com"
    r"|[/_.-](?:pixel|spacer|blank|transparent|1x1|beacon|tracking)[/_.-]"
    r"|feed-?icon|rss-?icon|favicon|/emoji/|/smilies/|\.ico(?:\?|$)",
    re.IGNORECASE,
)
#: a size written into the URL: "styles/1280x720/", "-600x900.jpg", "resize=600%2C900"
_URL_SIZES = (
    re.compile(r"(?<![\d.])(\d{1,5})[x×](\d{1,5})(?![\d])"),
    re.compile(r"-0-(\d{2,5})-0-(\d{2,5})-crop"),  # Letterboxd's resized posters
    re.compile(r"/\d+_\d+_(\d{2,5})_(\d{2,5})/"),  # the Guardian's crop: x_y_width_height
    re.compile(r"[?&](?:resize|fit)=(\d{1,5})(?:,|%2C)(\d{1,5})", re.IGNORECASE),
)
_URL_WIDTH = re.compile(r"[?&](?:w|width)=(\d{1,5})(?!\d)", re.IGNORECASE)
_URL_HEIGHT = re.compile(r"[?&](?:h|height)=(\d{1,5})(?!\d)", re.IGNORECASE)
_POSTER_WORD = re.compile(r"poster|key-?art|one-?sheet", re.IGNORECASE)
_WIDE_WORD = re.compile(
    r"[/_.-](?:stills?|backdrops?|banner|wallpaper|header|hero|landscape)(?:[/_.-]|\d)",
    re.IGNORECASE,
)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\b(src|width|height)="([^"]*)"', re.IGNORECASE)

#: how a poster slot ranks an image: a poster, one of unknown shape, a wide still
POSTER, UNKNOWN_SHAPE, WIDE = 3, 2, 1


def poster_rank(url: str, html: str | None = None) -> int:
    """How well ``url`` fills a poster slot: ``POSTER`` (taller than wide, or named a poster),
    ``UNKNOWN_SHAPE``, ``WIDE`` (a still or a thumbnail wider than tall), or 0 for what is not a
    picture of the film at all (a tracking pixel, an icon, an avatar). The shape comes from the
    URL (a size in it, a word like "poster" or "still") or from the ``<img width height>`` of
    ``html`` (the entry's summary) that shows it."""
    if _NOT_A_PICTURE.search(url):
        return 0
    size = _size_in_html(url, html) or _size_in_url(url)
    if size is not None:
        width, height = size
        if width <= 2 or height <= 2 or (width <= 64 and height <= 64):
            return 0  # a pixel or an icon
        if height >= width * 1.2:
            return POSTER
        if width >= height * 1.2:
            return WIDE
        return UNKNOWN_SHAPE
    if _POSTER_WORD.search(url):
        return POSTER
    if _WIDE_WORD.search(url):
        return WIDE
    return UNKNOWN_SHAPE


def best_poster(items: Iterable[DigestItem], remembered: str | None = None) -> str | None:
    """The image a film card shows: the best ranked (``poster_rank``) among its items' images
    and the poster remembered from earlier weeks; on a tie the first (releases, then reviews,
    then news, then what was remembered). Never a tracking pixel or an icon."""
    best: str | None = None
    best_rank = 0
    candidates = [(item.image, item.summary_html) for item in items]
    for url, html in [*candidates, (remembered, None)]:
        if url:
            rank = poster_rank(url, html)
            if rank > best_rank:
                best, best_rank = url, rank
    return best


def _size_in_url(url: str) -> tuple[int, int] | None:
    for pattern in _URL_SIZES:
        found = pattern.search(url)
        if found is not None:
            return int(found.group(1)), int(found.group(2))
    width, height = _URL_WIDTH.search(url), _URL_HEIGHT.search(url)
    if width is not None and height is not None:
        return int(width.group(1)), int(height.group(1))
    return None


def _size_in_html(url: str, html: str | None) -> tuple[int, int] | None:
    """The width and height the feed's own ``<img>`` of ``url`` declares, if it does."""
    if not html or "<img" not in html:
        return None
    for tag in _IMG_TAG.finditer(html):
        attributes = {k.lower(): v for k, v in _ATTRIBUTE.findall(tag.group())}
        if unescape(attributes.get("src", "")) != url:
            continue
        width, height = attributes.get("width", ""), attributes.get("height", "")
        if width.isdigit() and height.isdigit():
            return int(width), int(height)
    return None


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
