"""Which film or series an entry is about: the title its headline names (or, failing that, the
curated title its text keeps naming), resolved to a curated work where one fits.

Owns the order in which the headline rules are tried, the resolution of a raw title to the
curated canonical English title and its Hangul (a stated year, same-title works, a Hangul
title contradicted by foreign credits), and the ``Film`` value the other extractors read.
Uses the headline grammar, the lexicon and the filing marks; must not decide the kind or the
Korean relevance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from tracker.text import has_hangul, normalize_title
from tracker.understand.bodyfilm import JAPANESE, PLATFORM_NAME
from tracker.understand.document import Document
from tracker.understand.filing import BRACKET, REVIEW_TAG, review_meta
from tracker.understand.headline import (
    CREDIT_AFTER,
    LETTERBOXD_TITLE,
    NAME_ON_TITLE,
    PULL_QUOTE,
    RELEASE_DATE_TITLE,
    REVIEW_LEAD,
    REVIEW_TAIL,
    ROUNDUP_TITLE,
    STAR_NUMBER_TITLE,
    STREAM_IT,
    caps_title,
    film_in_lead,
    headline_subject,
    titles_in_headline,
    unquoted_title,
)
from tracker.understand.lexicon import Lexicon, Work
from tracker.understand.linktitle import link_words, title_in_link
from tracker.understand.names import foreign_hangul_names, korean_names
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.titles import (
    HANGUL_SEASON,
    PODCAST_EPISODE,
    RELEASED_ON_AFTER,
    SEASON_SUFFIX,
    SERIES_TEXT,
    TITLE_YEAR,
    attributed_quote,
    book_titles,
    clean_film,
    is_sentence,
    is_speech,
    looks_like_title,
    other_script_alias,
    quoted,
    quoted_before_particle,
    season_in,
    title_words,
)
from tracker.understand.vocabulary import HEADLINE_VERB
from tracker.understand.works import choose_work, people_named, vouched_for

#: what a title names another work as: its source ("a Kill Boksoon spinoff", "the Parasite
#: remake", "a Train to Busan-style thriller")
_SOURCE_AFTER = Pattern(
    r"['’]?s?\s*(?:-style|-like|\s(?:spin-?offs?|sequels?|prequels?|remakes?|follow-ups?|"
    r"universe|franchise|reboot)\b)",
    re.IGNORECASE,
)
#: an article a few words before: the source title sits inside a noun phrase ("Is A Slick,
#: Silly Kill Boksoon Spinoff"), not at the head of a sentence ("Squid Game prequel in talks")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+(?:[\w,'-]+\s+){0,3}$", re.IGNORECASE)
#: a possessive right before a quote: "KPop Demon Hunters' 'Golden'", "Squid Game's 'Young-hee'"
_OWNER_BEFORE = Pattern(r"(?:['’]s|(?<=s)['’])\s*$")
#: "X joins the Midnight Screenings line-up" is about X, not a lineup
_JOINS = Pattern(
    r"\bjoins?\b|\bto join\b|\badded to\b|\bselected (?:for|in)\b|\bnamed to\b", re.IGNORECASE
)
_AND_MORE = Pattern(r"\b(?:and|&) more\b|\bslate\b", re.IGNORECASE)
_LINEUP = Pattern(r"\bline-?up\b", re.IGNORECASE)
#: the facts a release headline lists about one work ("plot, time and more", "cast, trailer &
#: more"): not a roundup of works
_FACT = r"(?:plot|cast|time|timings?|trailer|episodes?|where to watch|story)"
_FACTS = Pattern(rf"\b{_FACT}(?:,\s*{_FACT})*,?\s+(?:and|&)\s+more\b", re.IGNORECASE)
_INCLUDES = Pattern(r"\bincludes?\b|\bfeatures?\b")
_TITLE_BEFORE_PLATFORM = Pattern(r"^(?P<film>[^(\[|:–—]{1,40}?)\s*(?:\(|\s[–—-]\s|$)")
_NUMBERED = Pattern(r"^(?P<base>.+?)\s*(?P<n>\d{1,2})$")
_PART_N = Pattern(r"^(?P<base>.+?)\s+Part\s+(?P<n>\d)$", re.IGNORECASE)
_PART = Pattern(r"\bPart\s+\d\b")
#: a Hangul headline that opens with a title and its English form in brackets
_HANGUL_THEN_LATIN = Pattern(
    r"^(?P<hangul>[가-힣][가-힣\d ]{0,30}?)\s*\((?P<latin>[A-Z0-9][^()]{0,60})\)"
)
_ENDS_NUMBERED = Pattern(r"(?:\bClass|\bPart|시즌)?\s*(\d{1,2})$")


@dataclass(frozen=True)
class Film:
    """What the extractors know about the film of one entry."""

    title: str | None = None
    hangul: str | None = None
    year: int | None = None
    season: int | None = None
    #: the entry lists several works (a roundup), so it is about none of them
    roundup: bool = False
    #: the curated work the title resolved to
    work: Work | None = None
    #: which rule found the title, for ``tracker explain``
    source: str = ""


#: the weakest headline form: whatever Title Case words stand before a verb ("A Hijacking
#: Becomes a Farce ..."), which an essay headline's metaphor fills as well as a title
SUBJECT_BEFORE_VERB = "title-case subject before a headline verb"
#: what a title does in a release headline, in Title Case ("X Sets U.S. Theatrical Release Date")
_NEWS_VERB_IN_NAME = re.compile(
    r"\s(?:Sets|Gets|Confirms|Announces|Reveals|Unveils|Drops|Lands|Finally|Officially)\b"
)
#: what an outlet writes after a title before "release date": an episode ("Spring Fever
#: episode 1"), India's word for streaming ("Cashero OTT")
#: a work named by its kind after "new" and before what it does: "Seo Hyun-jin's new drama Love
#: Me streams on Viu", "the new K-drama Pro Bono premieres"
_NEW_WORK = Pattern(
    r"\b(?i:new|upcoming|latest)\s+(?i:K-drama|drama|film|movie|series|thriller|romance|"
    r"rom-com|comedy)\s+(?P<film>[A-Z0-9][\w'’-]*(?:\s+(?:[A-Z0-9][\w'’-]*|of|the|a|an|in|to))"
    r"{0,5}?)\s+(?i:streams|premieres|arrives|lands|drops|debuts|hits|opens|returns|comes|airs)\b"
)
_EPISODE_AFTER = re.compile(
    r"\s+(?:(?:episodes?|eps?\.?)\s*\d{1,3}(?:\s*(?:&|and|-|–|to)\s*\d{1,3})?|OTT|"
    # "EXchange 4 first episodes review"
    r"(?:first|opening|final|last)\s+(?:(?:two|three|four|\d)\s+)?episodes?|"
    # "The Quiet Heir Finale Review", "Pro Bono Premiere Review"
    r"(?:series\s+|season\s+)?(?:finale|premiere))$",
    re.IGNORECASE,
)


def _without_episodes(name: str) -> str:
    """``name`` without the episodes reviewed or dated after it ("Pro Bono Episode 1 & 2"),
    unless nothing but an article would be left ("The Final Episode")."""
    rest = _EPISODE_AFTER.sub("", name)
    return name if not rest or rest.lower() in ("the", "a", "an") else rest


def film_in_headline(doc: Document, lexicon: Lexicon) -> Film:
    """The film the headline names, by the first rule that fits: Letterboxd's fields and
    diary headlines, roundup headlines, quoted titles, then the unquoted headline forms."""
    title = doc.headline
    lb_title = doc.extra.get("letterboxd_filmtitle")
    if lb_title:
        year = doc.extra.get("letterboxd_filmyear", "")
        return Film(
            title=lb_title.strip(),
            year=int(year) if year.isdigit() else None,
            source="letterboxd:filmTitle",
        )
    m = LETTERBOXD_TITLE.match(title)
    letterboxd = "letterboxd" in f"{doc.guid} {doc.link}".lower()
    if m and not quoted(title) and (m.group("stars") or letterboxd):
        return Film(
            title=m.group("film").strip(),
            year=int(m.group("year")),
            source="title pattern 'Film, Year'",
        )

    rest = title
    tag = ""
    bm = BRACKET.match(title)
    if bm:
        tag, rest = bm.group("tag"), bm.group("rest")
    rest = PODCAST_EPISODE.sub("", rest) or rest  # "Ep. 112: Half-Moon Bakery and the Art of ..."

    quotes = _title_quotes(rest, doc.link)
    if not doc.title.isascii():
        # 《기생충》, 「밀양」: Korean book-title brackets mark a title as quotes do
        booked = [b for b in book_titles(doc.raw[0]) if not is_speech(b)]
        quotes = booked + [q for q in quotes if q not in booked]
    if not quotes and doc.hangul_title:
        # "…'모범택시3'가 남긴 것": a phrase quoted before its particle, when it is a work's
        quotes = [q for q in quoted_before_particle(rest) if _a_work_quoted(q, doc, lexicon)]
    # "X joins the Midnight Screenings line-up" is about X, not a lineup
    joins = _JOINS.search(title, doc.folded_headline)
    # roundup words count only where they describe the headline's subject: in "'Exhuma'
    # review: Choi Min-sik digs up a grave and more" the subtitle's "and more" is not a roundup
    subject = headline_subject(lexicon, rest) or title
    subject_quotes = quotes if subject is title else quoted(subject)
    # "Pluribus: release date, trailer, cast, and more": the facts listed about one title
    facts = (
        RELEASE_DATE_TITLE.match(rest) is not None or _FACTS.search(rest) is not None
    ) and _AND_MORE.search(subject) is not None
    if (
        ROUNDUP_TITLE.search(subject)
        and not facts
        and (
            (len(subject_quotes) != 1 and not joins)
            or _AND_MORE.search(subject)
            or (
                _LINEUP.search(subject)
                and not joins
                and not (len(subject_quotes) == 1 and _INCLUDES.search(subject))
            )
        )
    ):
        return Film(roundup=True, source="roundup headline")
    if len(subject_quotes) >= 3:
        return Film(roundup=True, source=f"{len(subject_quotes)} quoted titles")
    if len(quotes) >= 2 and _quoted_from(rest, quotes[0], quotes[1]):
        # "'Golden' from 'KPop Demon Hunters'": a song, scene or character of the work quoted
        # second
        return Film(title=quotes[1], source=f"'X' from {quotes[1]!r}: the work quoted second")
    spoken = attributed_quote(rest)
    if spoken is not None and not lexicon.works_titled(spoken):
        quotes = [q for q in quotes if q != spoken]  # a person's words (a curated title stays)
    owner = _owner_of(lexicon, rest, quotes[0]) if quotes else None
    if owner:
        # "KPop Demon Hunters' 'Golden' Notches Another Week": a song, an episode or a
        # character of the curated work named as its owner
        return Film(title=owner, source=f"the work {owner!r} that {quotes[0]!r} belongs to")
    said = NAME_ON_TITLE.match(rest)
    if said and all(
        rest.find(q) > said.end() and len(q.split()) >= 4 and not lexicon.works_titled(q)
        for q in quotes
    ):
        # "Lee Seung-hyub on Spring of Youth: 'I Got to Be a Band Kid Again'": a sentence
        # quoted after the colon is the person's words (a work quoted there stays the work)
        quotes = []
    if quotes:
        # an awards or chart headline naming several works is about the first one quoted
        return Film(title=quotes[0], source=f"quoted title {quotes[0]!r}")
    return _unquoted_film(doc, lexicon, rest, tag)


#: "Geek Review: Cashero": the outlet's own name before "Review:"
_BRAND_REVIEW = Pattern(r"^(?P<brand>[A-Z][A-Za-z]{2,15})\s+Review\s*:\s*(?P<rest>.+)$")


def _brand_review(rest: str, link: str | None) -> re.Match[str] | None:
    """The headline "<Outlet> Review: X", where the word before "Review" is in the link's host
    (geekculture.co's "Geek Review: Cashero"; not "Parasite Review: ...")."""
    m = _BRAND_REVIEW.match(rest)
    if m is None or not link:
        return None
    host = link.split("//", 1)[-1].split("/", 1)[0].lower()
    return m if m.group("brand").lower() in host else None


def _owner_of(lexicon: Lexicon, rest: str, quote: str) -> str | None:
    """The curated work whose possessive comes right before ``quote`` in the headline: its
    last words before the apostrophe, up to six."""
    at = rest.find(f"'{quote}'")
    owner = _OWNER_BEFORE.search(rest[:at]) if at > 0 else None
    if owner is None:
        return None
    words = rest[: owner.start()].split()
    for n in range(1, min(6, len(words)) + 1):
        name = " ".join(words[-n:])
        if lexicon.works_titled(name):
            return name
    return None


#: a kind of work right before a quoted title in a Korean text ("드라마 '바다의 끝'")
#: (none of these words holds another, so their matches never overlap)
_KIND_QUOTE = re.compile(r"(?:영화|드라마|시리즈|작품|예능|오리지널|신작)\s*'")
#: a season number a Korean title carries on its last word ("모범택시3")
_SEASON_DIGITS = re.compile(r"\s?\d{1,2}$")


# The helpers below read a title written into a phrase with plain string searches around one
# fixed pattern, not with a pattern built for the title: compiling one costs more than all
# the rest of an entry's understanding.

#: between "'X'" and the opening quote of the work it comes from ("'Golden' from the 'Y'"):
#: words cannot hold a quote, so the first quote after them is the only place it can open
_FROM_THE = re.compile(r"\s+(?:from|off|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?'")
_CREDIT = re.compile(CREDIT_AFTER.source, CREDIT_AFTER.flags)


def _quoted_from(rest: str, part: str, work: str) -> bool:
    """Whether ``rest`` writes "'part' from 'work'" (or "off", "in", a word or two between)."""
    opening = f"'{part}'"
    at = rest.find(opening)
    while at >= 0:
        m = _FROM_THE.match(rest, at + len(opening))
        if m is not None and rest.startswith(f"'{work}'", m.end() - 1):
            return True
        at = rest.find(opening, at + 1)
    return False


def _credited(rest: str, quote: str) -> bool:
    """Whether ``rest`` quotes ``quote`` (either quotes) right before a credit word ("'X'
    star", "'Y' director")."""
    at = rest.find(quote)
    while at >= 0:
        end = at + len(quote)
        if (
            at > 0
            and rest[at - 1] in "'\""
            and rest[end : end + 1] in ("'", '"')
            and _CREDIT.match(rest, end + 1)
        ):
            return True
        at = rest.find(quote, at + 1)
    return False


def _a_work_quoted(phrase: str, doc: Document, lexicon: Lexicon) -> bool:
    """Whether a phrase a Korean headline quotes before a particle names a work, not an
    emphasis ("'1000만'이 보인다"): a curated title (its season number aside), or one the text
    quotes right after a kind of work ("드라마 '바다의 끝'")."""
    forms = {phrase, _SEASON_DIGITS.sub("", phrase)} - {""}
    if any(lexicon.works_titled(form) for form in forms):
        return True
    return any(
        doc.body.startswith(f"{form}'", m.end())
        for m in _KIND_QUOTE.finditer(doc.body)
        for form in forms
    )


#: what comes before a person's quoted words: a verb of saying, or a name and a colon
_SAID_BEFORE = re.compile(
    r"(?:\b(?:says|said|tells|told|asks|asked|admits|insists|explains|reveals|adds|on)|:)\s*$",
    re.IGNORECASE,
)


def _title_quotes(rest: str, link: str | None = None) -> list[str]:
    """The quoted strings of a headline that are titles: in a Korean headline only '...'
    (speech is "..."), elsewhere not speech (unless the link, not the headline slugged,
    spells it: "'No hay otra opción', lo nuevo de ..." at no-hay-otra-opcion-estreno), not a
    critic's pull quote, and not a work quoted before a credit word when another one is
    quoted too."""
    quotes = quoted(rest)
    if has_hangul(rest):
        # Korean headlines quote titles with '...' and speech with "..."
        quotes = [q for q in quotes if f"'{q}'" in rest]
    else:
        # "Director says 'Korean cinema is at a crossroads'": a clause, not a title (only in
        # a headline that uses capitals at all: one all in lower case says nothing by case)
        cased = rest != rest.lower()
        kept = [q for q in quotes if not is_speech(q) and not (cased and is_sentence(q))]
        if len(kept) < len(quotes) and link:
            # (the link's words read only for a quote about to be dropped; not one said:
            # "Park Chan-wook says 'Korean cinema is ...'" quotes his words)
            words = link_words(link)
            named = [
                q for q in quotes if not _SAID_BEFORE.search(rest, 0, max(0, rest.find(q) - 1))
            ]
            named = [q for q in named if title_in_link(q, words)]
            if named and not title_in_link(rest, words):
                kept = [q for q in quotes if q in kept or q in named]
        quotes = kept
    if PULL_QUOTE.match(rest):
        return []  # "X review: 'A whirlwind of fun'": the quote is the critic's, not a title
    if len(quotes) >= 2:
        credited = [q for q in quotes if _credited(rest, q)]
        if credited and len(credited) < len(quotes):
            quotes = [q for q in quotes if q not in credited]
    return quotes


def _unquoted_film(doc: Document, lexicon: Lexicon, rest: str, tag: str) -> Film:
    """The film of a headline that quotes no title: the headline forms, in order of how
    reliably they mark a title."""
    m = _HANGUL_THEN_LATIN.match(rest) if "(" in rest and doc.hangul_title else None
    if m and other_script_alias(rest, m["hangul"]) == m["latin"]:
        # "고요한 과수원 (The Quiet Orchard) 리뷰": the Hangul title, its English one in brackets
        return Film(
            title=m["latin"], hangul=m["hangul"], source="title pattern '한글 제목 (Title)'"
        )
    m = STREAM_IT.match(rest)
    if m:
        return Film(title=m.group("film"), source="title pattern 'Stream It Or Skip It: X On'")
    m = STAR_NUMBER_TITLE.match(rest)
    if m:
        return Film(title=m.group("film"), source="title pattern 'X ★ N.N'")
    if tag and REVIEW_TAG.search(tag) and has_hangul(rest):
        # "[드라마 리뷰] 트리거 (디즈니+) – 김혜수의 탐사보도극": the title runs to the
        # platform in brackets or the dash before the critic's line
        m = _TITLE_BEFORE_PLATFORM.match(rest)
        # (not a column's line of two clauses: "[문화 돋보기] 보이지 않는 얼굴, 보려 하지
        # 않은 시대")
        if m and not ("," in m.group("film") and len(m.group("film")) > 12):
            return Film(title=m.group("film"), source=f"title after tag [{tag}]")
    m = REVIEW_LEAD.match(rest) or _brand_review(rest, doc.link)
    if m:
        lead = film_in_lead(lexicon, m.group("rest"), link_words(doc.link))
        lead = _without_episodes(lead) if lead else lead
        return Film(title=lead, source="title pattern 'review: X'")
    caps = caps_title(lexicon, rest)
    if caps:
        return Film(title=caps, source=f"title in capitals {caps!r}")
    m = REVIEW_TAIL.match(rest)
    if m and len(m.group("film")) <= 80:
        # ("Pro Bono Episode 1 & 2 Review": the episodes reviewed are not the title)
        reviewed = _without_episodes(m.group("film"))
        # ("The King's Warden Cinema Review": the screen seen on, where the rest is curated;
        # "A Short History of Korean Cinema" keeps its word)
        screen = reviewed.rpartition(" ")
        if screen[2].lower() == "cinema" and lexicon.works_titled(screen[0]):
            reviewed = screen[0]
        return Film(title=reviewed, source="title pattern 'X review'")
    m = RELEASE_DATE_TITLE.match(rest)
    if m:
        # "Mission: Cross Netflix Release Date": the service is not part of the title
        name = RELEASED_ON_AFTER.sub("", m["film"])
        # "Spring Fever episode 1 release date": the episode is not part of the title
        name = _without_episodes(name)
        # "Demon Slayer: Infinity Castle Sets U.S. Theatrical Release Date": the verb and what
        # follows it are the news (a verb that ends the name is the title's: "The Judge Returns")
        verb = _NEWS_VERB_IN_NAME.search(name)
        if verb and name[verb.end() :].strip() and not lexicon.works_titled(name):
            name = name[: verb.start()]
        # (not "The Trunk: Gong Yoo and Seo Hyun-jin's Netflix K-drama release date": a cast
        # and a service describe the title before the colon)
        if lexicon.works_titled(name) or (title_words(name) and not korean_names(name)):
            return Film(title=name, source="title pattern 'X Release Date'")
    if TITLE_YEAR.match(rest):
        return Film(title=rest, source="title pattern 'X (Year)'")
    m = SEASON_SUFFIX.match(rest)
    if m and (
        has_hangul(m["film"]) or lexicon.works_titled(m["film"]) or looks_like_title(m["film"], 10)
    ):
        return Film(title=rest, source="title pattern 'X: Season N'")

    unquoted = unquoted_title(lexicon, rest, doc.body)
    if unquoted:
        return Film(title=unquoted[0], source=unquoted[1])

    found = titles_in_headline(lexicon, rest)
    # "Mantis Is A Slick, Silly Kill Boksoon Spinoff": a title the headline names as what
    # another comes from is not a second subject
    subjects = [
        (p, n)
        for p, n in found
        if not (_SOURCE_AFTER.compiled.match(rest, p + len(n)) and _ARTICLE_BEFORE.search(rest[:p]))
    ]
    found = subjects or found
    distinct = {normalize_title(name) for _, name in found}
    if len(distinct) >= 2 and ("," in rest or " and " in rest):
        return Film(roundup=True, source="several curated titles in the headline")
    if found:
        return Film(title=found[0][1], source=f"curated title {found[0][1]!r} in the headline")
    m = _NEW_WORK.search(rest)
    if m and lexicon.person(m["film"]) is None and not korean_names(m["film"]):
        return Film(title=m["film"], source="title pattern 'new drama X streams'")
    m = HEADLINE_VERB.search(rest)
    if m and m.start() > 0 and rest[m.start() + 1].isupper() and review_meta(doc):
        # a review's sentence headline, "The Hunt Is a Gory, Gleeful Satire": the title-case
        # words before the verb name the work (not a person: "Kim Hye-soo Is ...")
        span = rest[: m.start()]
        if looks_like_title(span, 6) and lexicon.person(span) is None:
            return Film(title=span, source=SUBJECT_BEFORE_VERB)
    return Film(source=f"tag [{tag}]" if tag else "")


def resolve_film(
    film: Film, doc: Document, lexicon: Lexicon, published: datetime, korean_hint: bool | None
) -> Film:
    """Clean the raw title, split year and season, map spellings to the curated canonical
    English title (and its Hangul), and settle same-title clashes."""
    if film.title is None:
        return film
    raw = film.title
    head, colon, tail = raw.partition(": ")
    if colon and head and (lexicon.person(tail) is not None or korean_names(tail) == [tail]):
        # "Made in Korea: Hyun Bin plays ...": the title, then the person the headline is about
        raw = head
        film = replace(film, title=raw)
    cleaned, stated_year, stated_season = clean_film(raw)
    year = film.year or stated_year
    season = film.season or stated_season
    if season is None:
        season = season_in(doc.title)
    candidates = lexicon.works_titled(cleaned)
    alias = film.hangul if film.hangul and not has_hangul(cleaned) else None
    if (
        alias is None
        and not candidates
        and (doc.hangul_title or doc.hangul_body or JAPANESE.search(cleaned))
    ):
        alias = _stated_alias(cleaned, raw, doc, lexicon)
        if alias:
            # the title unknown, its form in the other script may be curated
            candidates = lexicon.works_titled(alias)
    if not candidates:
        m = _NUMBERED.match(cleaned)
        if m:
            series = [w for w in lexicon.works_titled(m.group("base")) if w.series]
            if series:
                candidates, season = series, season or int(m.group("n"))
    if not candidates:
        m = _PART_N.match(cleaned)
        if m and [w for w in lexicon.works_titled(m.group("base")) if w.series]:
            candidates = [w for w in lexicon.works_titled(m.group("base")) if w.series]
            season = season or 1
        elif (h := HANGUL_SEASON.match(cleaned)) and SERIES_TEXT.search(doc.all_text):
            cleaned, season = h["film"], int(h["n"])  # "구멍가게 표류기2": its season 2
    if candidates and candidates[0].series and _PART.search(doc.title):
        season = season or 1
    numbered = _ENDS_NUMBERED.search(cleaned)
    if (
        numbered
        and candidates
        and all(w.series for w in candidates)
        and normalize_title(cleaned) != normalize_title(candidates[0].title)
    ):
        # "Weak Hero Class 2", "지옥2": an alias with a number names one season of the series
        season = season or int(numbered.group(1))
    work = choose_work(
        candidates,
        text=doc.all_text,
        lexicon=lexicon,
        published_year=published.year,
        stated_year=year,
        korean=korean_hint,
    )
    source = film.source
    if work is not None and not vouched_for(work, doc.all_text, lexicon):
        unnamed = "an everyday word, and none of its people named"
        if film.source.startswith("curated title"):
            return Film(source=f"{film.source} ({unnamed})")
        source, work = f"{source} (not {work.title!r}: {unnamed})", None
    if work is not None and _contradicted(work, cleaned, doc, lexicon, published, year):
        # "고레에다 히로카즈 감독의 신작 '괴물'" is not Bong Joon-ho's 2006 '괴물'
        source += f" (not {work.title!r}: its people and year do not fit)"
        work = None
    if (
        work is not None
        and year is not None
        and work.year is not None
        and not work.series
        and abs(year - work.year) > 1
    ):
        # "Unlocked, 2017": a year stated with the title names another work of that title
        # than the curated one (the Korean "Unlocked" is 2023)
        source += f" (not {work.title!r}: the stated year {year} is not its year)"
        work = None
    if work is not None:
        return replace(
            film,
            title=work.title,
            hangul=work.hangul,
            year=year or (work.year if not work.series else None),
            season=season,
            work=work,
            source=source,
        )
    if alias and has_hangul(cleaned):
        # "고요한 과수원 (The Quiet Orchard)": the card shows the English form, both are kept
        cleaned, alias = alias, cleaned
        source += f" (English form {cleaned!r} stated with it)"
    elif alias and not has_hangul(alias) and JAPANESE.search(cleaned):
        # "『夜の港』（英題：Night Harbour）": the English form joins the English outlets' entries
        cleaned, alias = alias, None
        source += f" (English form {cleaned!r} stated with it)"
    elif alias:
        source += f" (Hangul form {alias!r} stated with it)"
    return replace(
        film,
        title=cleaned,
        hangul=alias or (cleaned if has_hangul(cleaned) else film.hangul),
        year=year,
        season=season,
        source=source,
    )


def _stated_alias(title: str, raw: str, doc: Document, lexicon: Lexicon) -> str | None:
    """The form of an uncurated ``title`` in the other script that the entry states beside
    it, in its raw extracted form, the headline or the text; not a person's name."""
    if not title:
        return None
    for text in (raw, doc.title, doc.body):
        alias = other_script_alias(text, title)
        if alias:
            if lexicon.person(alias) is not None or PLATFORM_NAME.fullmatch(alias):
                return None
            return alias
    return None


def _contradicted(
    work: Work, name: str, doc: Document, lexicon: Lexicon, published: datetime, stated: int | None
) -> bool:
    """Whether a Korean work matched by its Hangul title is contradicted by the text: a
    foreign director is credited in Hangul, none of the work's people is named, and the work
    is years older than the entry (a same-title foreign film released now, not a classic)."""
    if not work.korean or not has_hangul(name) or work.series or work.year is None:
        return False
    if stated is not None or published.year - work.year < 3:
        return False
    if not any(h.group(0).rstrip().endswith("감독") for h in foreign_hangul_names(doc.body)):
        return False
    return not people_named(work, doc.all_text, lexicon)
