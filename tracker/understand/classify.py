"""Understanding one entry: what kind it is, whether it is about Korean film or drama, which
film, the critic's rating, the platform, the release date, and the titles a roundup lists.

Owns the order of the extractors and the rules between them (a rating dropped where the kind
says it is no critic's, a roundup's film and rating left out, a film dropped that names music
or a book), and the ``Classification`` they add up to, with the human-readable ``reasons`` of
``tracker explain``. Each extractor lives in a module of its own and returns its value with
its reason. Pure: no network, database, clock or environment (``published`` is a parameter);
must not import ``match`` (clustering) or any adapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from tracker.types import EntryData, FeedKind, FeedSpec, Kind, ListedRelease
from tracker.understand.bodyfilm import (
    MARKED_IN_BODY,
    film_in_body,
    film_marked_in_body,
    film_quoted_after_kind,
    marked_titles,
)
from tracker.understand.dates import extract_release_date
from tracker.understand.document import Document, hangul_share
from tracker.understand.film import (
    SUBJECT_BEFORE_VERB,
    Film,
    film_in_headline,
    resolve_film,
)
from tracker.understand.kind import decide_kind, is_bare_title, not_film_item
from tracker.understand.korean import extract_korean
from tracker.understand.lexicon import Lexicon, default_lexicon
from tracker.understand.linktitle import (
    headline_title,
    link_place,
    link_words,
    named_alone,
    reviewed_in_link,
    title_in_link,
)
from tracker.understand.names import korean_names
from tracker.understand.platform import extract_platform
from tracker.understand.rating import extract_rating
from tracker.understand.releasesubject import released_subject
from tracker.understand.roundup import extract_listed
from tracker.understand.rules import passes_rules
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.subjects import named_as_a_show, news_subject
from tracker.understand.titles import PODCAST_EPISODE, title_words

__all__ = ["Classification", "ListedRelease", "classify", "passes_rules"]

#: news of a work, not of a person or a company: what a title read off the link must be about
_ABOUT_A_WORK = Pattern(
    r"\b(?:film|movie|drama|dramedy|series|show|sitcom|documentary|thriller|rom-com|"
    r"melodrama|anime|k-drama|episode|season)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Classification:
    """Everything the classifier worked out about one entry."""

    kind: Kind
    korean: bool
    film: str | None = None
    film_hangul: str | None = None
    year: int | None = None
    season: int | None = None
    rating: float | None = None
    rating_text: str | None = None
    platform: str | None = None
    release_date: date | None = None
    listed: tuple[ListedRelease, ...] = ()
    #: which rule fired and which words matched, for ``tracker explain``
    reasons: tuple[str, ...] = ()
    #: the feed's learned prior decided the kind (not the entry's own evidence)
    by_history: bool = False


def classify(
    entry: EntryData,
    *,
    feed: FeedSpec | None = None,
    published: datetime,
    lexicon: Lexicon | None = None,
    learned: FeedKind | None = None,
) -> Classification:
    """Classify one entry. ``published`` is the entry's date (the feed's, else first seen): it
    supplies the year of dates written without one and anchors relative dates. ``learned`` is
    the prior the feed's history gives (``history``), weighed only where nothing else decides."""
    lex = lexicon if lexicon is not None else default_lexicon()
    doc = Document.of(entry)
    reasons: list[str] = []
    film = film_in_headline(doc, lex)
    rating = extract_rating(doc)
    if rating.reason:
        reasons.append(rating.reason)
    # first a rough Korean hint (for choosing between same-title works), then the real one
    hint = None if feed is None else (True if feed.korean_only else None)
    if doc.hangul_title and hangul_share(doc.title) > 0.5:
        hint = True
    film = resolve_film(film, doc, lex, published, hint)
    kind_result = decide_kind(doc, film, rating.value, feed, rating.seen, learned)
    if film.title is None and not film.roundup and kind_result.by_default:
        # (a Korean text quotes the work after its kind where others set it in italics)
        marked = _essay_subject(doc, lex) or film_quoted_after_kind(doc) or film_in_body(doc, lex)
        if marked:
            essay = decide_kind(
                doc,
                Film(title=marked, source=MARKED_IN_BODY),
                rating.value,
                feed,
                rating.seen,
                learned,
            )
            if essay.kind == Kind.REVIEW:
                kind_result = essay
    kind = kind_result.kind
    reasons.append(kind_result.reason)
    if film.title is None and not film.roundup:
        film = _film_elsewhere(doc, lex, kind, published, hint) or film
    elif film.source == SUBJECT_BEFORE_VERB and kind in (Kind.RELEASE, Kind.REVIEW):
        film = _italic_title_the_link_names(doc, lex, film, published, hint) or film
    if film.title and not film.roundup:
        film = _fuller_title(doc, lex, film, published, hint) or film
    korean_work = film.work is not None and film.work.korean
    if kind == Kind.OTHER and film.title and not korean_work and not_film_item(doc):
        # "a comeback with 'Whiplash'": the quoted name is an album or a song, not a film
        reasons.append(f"film dropped: {film.title!r} names music or a book, not a film")
        film = Film()
    if film.title:
        reasons.append(f"film={film.title!r}: {film.source}")
    if kind == Kind.REVIEW and rating.seen >= 2 and film.work is None:
        film = replace(film, roundup=True)  # several different scores: a festival dispatch
    roundup = film.roundup
    rating_value, rating_text = rating.value, rating.text
    if kind == Kind.REVIEW and roundup:
        rating_value, rating_text = None, None  # a roundup's ratings are its works'
    if kind in (Kind.RELEASE, Kind.NEWS) and rating_value is not None:
        reasons.append("rating dropped: not a review")
        rating_value, rating_text = None, None
    korean = extract_korean(doc, film, kind, feed, lex)
    reasons.append(korean.reason)
    platform = extract_platform(doc, listing=roundup or (kind == Kind.OTHER and film.title is None))
    if platform.reason:
        reasons.append(platform.reason)
    release_date: date | None = None
    listed: tuple[ListedRelease, ...] = ()
    is_korean = korean.korean
    if kind == Kind.RELEASE and roundup:
        listed = extract_listed(doc, published, lex)
        reasons.append(f"listed {len(listed)} titles")
        if any(item.korean for item in listed) and not is_korean:
            is_korean = True
            reasons.append("korean=true: the roundup lists a Korean title")
    elif kind == Kind.RELEASE:
        found = extract_release_date(doc, published)
        release_date = found.day
        if found.reason:
            reasons.append(found.reason)
    return Classification(
        kind=kind,
        korean=is_korean,
        film=None if roundup else film.title,
        film_hangul=None if roundup else film.hangul,
        year=None if roundup else film.year,
        season=None if roundup else film.season,
        rating=rating_value,
        rating_text=rating_text,
        platform=platform.name,
        release_date=release_date,
        listed=listed,
        reasons=tuple(reasons),
        by_history=kind_result.by_history,
    )


def _italic_title_the_link_names(
    doc: Document, lexicon: Lexicon, film: Film, published: datetime, hint: bool | None
) -> Film | None:
    """The title the text sets in italics, when the link names it and not the words an essay
    headline puts before its verb ("A Hijacking Becomes a Farce ..." over <em>Good News</em>
    at ``.../good-news-netflix-byun-sung-hyun/``), or names it first (".../marty-supreme-
    review-timothee-chalamet/" under "Timothée Chalamet Plays Ping-Pong ...")."""
    marked = film_marked_in_body(doc, lexicon)
    link = link_words(doc.link)
    if not marked or not title_in_link(marked, link):
        return None
    # (both named: the italic title where the link names it first and the subject is a
    # person, "marty-supreme-review-timothee-chalamet" under "Timothée Chalamet Plays ...")
    subject = film.title or ""
    subject_at = link_place(subject, link)
    person = lexicon.person(subject) is not None or named_alone(subject, doc.body)
    first = link_place(marked, link) < subject_at
    if subject_at >= 0 and not (first and (person or reviewed_in_link(marked, link))):
        return None
    found = Film(title=marked, source="the title the text sets in italics, which the link names")
    return resolve_film(found, doc, lexicon, published, hint)


#: and its guest after the film ("Hope with Jamie Loftus"), on a podcast's episode page
_PODCAST_GUEST = re.compile(r"\s+(?:with|w/|feat\.?)\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){1,2}$")
_PODCAST_PAGE = re.compile(r"/(?:episodes?|podcasts?)/|\bpodcast", re.IGNORECASE)


def _fuller_title(
    doc: Document, lexicon: Lexicon, film: Film, published: datetime, hint: bool | None
) -> Film | None:
    """The title with its subtitle that the text's lead marks, when the headline gives only
    its head ("'Chainsaw Man' anime film" over <em>Chainsaw Man – The Movie: Reze Arc</em>,
    "Avatar sequel opens" over <em>Avatar: Fire and Ash</em>); a curated work found keeps its
    name unless the headline itself gives the fuller one."""
    if not doc.italics:
        return None
    head = film.title or ""
    lead = doc.body[:300]
    fuller = {
        name
        for name in marked_titles(doc, lexicon)
        if name.startswith(head)
        and name[len(head) : len(head) + 2] in (": ", " –", " -", " —")
        and name in lead
    }
    # (a curated work found keeps its name unless the headline gives the fuller one: "Squid
    # Game season 3 review" over <em>Squid Game: The Challenge</em> is no spin-off's review)
    if len(fuller) != 1 or (film.work is not None and next(iter(fuller)) not in doc.headline):
        return None
    found = Film(title=fuller.pop(), source="the fuller title the text's lead marks")
    return resolve_film(found, doc, lexicon, published, hint)


def _credited_in_lead(doc: Document, lexicon: Lexicon) -> str | None:
    """The one title the first paragraph marks, right after a possessive ("Yoon Ga-eun's
    <em>The World of Love</em>", "Yoon Ga-eun's acclaimed <em>...</em>"), or None."""
    lead = doc.body[:300].split("\n", 1)[0]
    named = [name for name in marked_titles(doc, lexicon) if name in lead]
    if len(named) != 1:
        return None
    before = lead[: lead.index(named[0])]
    # (one credit: "From Park Chan-wook's vengeance trilogy to Yoon Ga-eun's ..." is a series)
    credits = before.count("'s ") + before.count("’s ")
    credited = any(w.endswith(("'s", "’s")) for w in before.split()[-2:])
    return named[0] if credited and credits == 1 else None


def _marked_in_headline(doc: Document, lexicon: Lexicon) -> str | None:
    """The one title the text sets in italics or brackets that the headline repeats, as
    written (a headline in another language, or one whose grammar hides the title: "Koreanska
    Pavane toppar Netflix", "Zimbabwean drama Mbira Nights selected for ...")."""
    named = {name for name in marked_titles(doc, lexicon) if _says(doc.headline, name)}
    return named.pop() if len(named) == 1 else None


def _says(text: str, name: str) -> bool:
    """Whether ``text`` has ``name`` as whole words (a plain search: a pattern a name would be
    compiled at each classification)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        at = text.find(name, at + 1)
    return False


def _film_elsewhere(
    doc: Document, lexicon: Lexicon, kind: Kind, published: datetime, hint: bool | None
) -> Film | None:
    """When the headline names no film: first the one title the text marks that the headline
    repeats; a review whose headline is only a name is about that name; a review or a release
    is about the curated title its text keeps naming, else the title it sets in italics or
    book-title brackets (first when the link names it and not the headline); news is about the
    one work its lead marks after its maker's possessive; then a Korean text's title quoted
    after its kind of work; then the headline's words that the link repeats (``linktitle``)."""
    repeated = _marked_in_headline(doc, lexicon)
    if repeated:
        # "Zombiethrillern Colony går upp på bio" over <em>Train to Busan</em> and <em>Colony</em>:
        # of the works the text marks, the one its headline names
        film = Film(title=repeated, source="a title the text marks, which the headline names")
        return resolve_film(film, doc, lexicon, published, hint)
    marked = film_marked_in_body(doc, lexicon) if kind in (Kind.RELEASE, Kind.REVIEW) else None
    link = link_words(doc.link)
    if marked and title_in_link(marked, link) and not title_in_link(doc.headline, link):
        # "Private Matters" over <em>The World of Love</em>, at .../world_of_love
        film = Film(title=marked, source="the title the text sets in italics, which the link names")
        return resolve_film(film, doc, lexicon, published, hint)
    if kind == Kind.RELEASE:
        subject = released_subject(doc.headline, doc.link, lexicon)
        if subject:
            film = Film(title=subject, source="the subject of the release headline's verb")
            return resolve_film(film, doc, lexicon, published, hint)
    if marked and not title_words(doc.headline):
        # "A slow, luminous debut" is the critic's line; the italic title is the film
        film = Film(title=marked, source=MARKED_IN_BODY)
        return resolve_film(film, doc, lexicon, published, hint)
    if kind == Kind.REVIEW and is_bare_title(doc.headline):
        # ("Episode 426: Send Help": a podcast's number is not the film's)
        name = PODCAST_EPISODE.sub("", doc.headline) or doc.headline
        podcast = _PODCAST_PAGE.search(f"{doc.link or ''} {' '.join(doc.categories)}")
        name = (_PODCAST_GUEST.sub("", name) or name) if podcast else name
        film = Film(title=name, source="the headline is the film's name")
        return resolve_film(film, doc, lexicon, published, hint)
    if kind in (Kind.RELEASE, Kind.REVIEW):
        subject = film_in_body(doc, lexicon)
        if subject:
            film = Film(title=subject, source="the curated title the text is about")
            return resolve_film(film, doc, lexicon, published, hint)
        if marked:
            film = Film(title=marked, source=MARKED_IN_BODY)
            return resolve_film(film, doc, lexicon, published, hint)
    if kind == Kind.NEWS:
        credited = _credited_in_lead(doc, lexicon)
        if credited:
            # "Black Nights festival picks Korean drama ..." over "Yoon Ga-eun's <em>The World
            # of Love</em>": the one work its lead marks, after its maker's possessive
            film = Film(title=credited, source="the work the lead credits and marks")
            return resolve_film(film, doc, lexicon, published, hint)
    if kind != Kind.OTHER:
        quoted = film_quoted_after_kind(doc)
        if quoted:
            film = Film(title=quoted, source="the title a Korean text quotes after its kind")
            return resolve_film(film, doc, lexicon, published, hint)
    if kind in (Kind.RELEASE, Kind.REVIEW) or (
        kind == Kind.NEWS and _ABOUT_A_WORK.search(doc.body)
    ):
        named = headline_title(PODCAST_EPISODE.sub("", doc.headline) or doc.headline, link)
        if named and ": " in named:
            # "Running Man: Youngest Member Returns ..." at running-man-youngest-member-...:
            # the show is what the text calls one ("SBS's Running Man")
            show = named.split(": ", 1)[0]
            named = show if named_as_a_show(show, doc.body) else named
        if (
            named
            and lexicon.person(named) is None
            and not korean_names(named)
            and not named_alone(named, doc.body)
        ):
            film = Film(title=named, source="the headline's words that the link repeats")
            return resolve_film(film, doc, lexicon, published, hint)
    subject = news_subject(lexicon, doc.headline, doc.body) if kind == Kind.NEWS else None
    if subject:
        film = Film(title=subject, source="the subject of a news headline's verb")
        return resolve_film(film, doc, lexicon, published, hint)
    return None


def _essay_subject(doc: Document, lexicon: Lexicon) -> str | None:
    """Under a headline that names no work, the one work the text marks as its subject (in
    italics or brackets): the only one its first paragraph marks, or the one marked most
    often, twice at least (a programme of films marks many, once each)."""
    marks = marked_titles(doc, lexicon)
    if not marks:
        return None
    lead = doc.body[:400].split("\n\n", 1)[0]
    in_lead = [name for name in marks if name in lead]
    if len(in_lead) == 1:
        return in_lead[0]
    ranked = sorted(marks.values(), reverse=True)
    best = ranked[0]
    if best >= 2 and (len(ranked) == 1 or best > ranked[1]):
        return next(name for name, count in marks.items() if count == best)
    return None
