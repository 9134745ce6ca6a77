"""The titles a "what's new this week" roundup lists, one release each, with its date, its
season and whether it is Korean.

Owns the two roundup layouts we read: list lines under date headings ("Dec. 3", then "Title
(season 1) - description"), and, in a Korean roundup written as prose, each sentence's quoted
titles with the sentence's date ("넷플릭스는 25일 '...'를 공개한다"). Must not decide that
an entry is a roundup: the film and kind extractors do.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from tracker.text import has_hangul
from tracker.types import ListedRelease
from tracker.understand.dates import dates_in
from tracker.understand.document import Document
from tracker.understand.lexicon import Lexicon
from tracker.understand.reldates import coming_day, make_date
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.titles import clean_film
from tracker.understand.vocabulary import MONTH, MONTHS, ORD

_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_LIST_HEADING = Pattern(rf"^(?:{_WEEKDAY},?\s+)?{MONTH}\.?\s+(?P<day>\d{{1,2}}){ORD}\s*:?\s*")
_DASHED = re.compile(r"\s[-–—]\s")
_LIST_ITEM = Pattern(r"^(?P<title>.+?)(?:\s*\((?P<paren>[^)]*)\))?(?:\s+[-–—]\s+(?P<desc>.*))?$")


def extract_listed(
    doc: Document, published: datetime, lexicon: Lexicon
) -> tuple[ListedRelease, ...]:
    """The titles of a roundup, each with its date: list lines under date headings, else the
    quoted titles of a Korean roundup's sentences."""
    current: date | None = None
    out: list[ListedRelease] = []
    for raw in doc.content.splitlines() or doc.summary.splitlines():
        line = raw.strip()
        heading = _LIST_HEADING.match(line)
        if heading:
            month = MONTHS[heading.group("mon")[:3].lower()]
            current = make_date(published.year, month, int(heading.group("day")))
            if current and current < published.date() - timedelta(days=200):
                current = make_date(published.year + 1, month, int(heading.group("day")))
            line = line[heading.end() :].strip()
            if not line:
                continue
        if "(" not in line and not _DASHED.search(line):
            # no "(...)" and no " - ": the whole line is the title (as _LIST_ITEM reads it,
            # without its lazy scan, which costs a pass of the line per character)
            title, paren, desc = line.strip(), "", ""
        else:
            m = _LIST_ITEM.match(line)
            if not m:
                continue
            title, paren, desc = m["title"].strip(), (m["paren"] or "").strip(), m["desc"] or ""
        # "Title (service, Oct. 21) - description": the item carries its own date
        own = dates_in(paren, published.date()) if paren else []
        day = own[0][2] if own else current
        if day is None or not title or len(title) > 80:
            continue
        sm = re.match(r"(?:Season|Series)\s+(\d+)", paren, re.IGNORECASE)
        out.append(_listed(lexicon, title, day, int(sm.group(1)) if sm else None, desc))
    if not out and has_hangul(doc.body):
        for sentence in re.split(r"(?<=[.!?다])\s+|\n", doc.body):
            dates = dates_in(sentence, published.date())
            bare = re.search(r"(?<![\d월])(\d{1,2})일(?!\s*(?:간|째|만|부터))", sentence)
            day = dates[0][2] if dates else coming_day(int(bare[1]), published) if bare else None
            # particles follow a Hangul quote ("'...'를"): any '...' pair is a title here
            for title in re.findall(r"'([^'\n]{1,60})'", sentence):
                after = sentence[sentence.index(f"'{title}'") + len(title) + 2 :]
                sm = re.match(r"\s*시즌\s?(\d{1,2})", after)
                out.append(_listed(lexicon, title, day, int(sm.group(1)) if sm else None, ""))
    return tuple(out)


def _listed(
    lexicon: Lexicon, title: str, day: date | None, season: int | None, desc: str
) -> ListedRelease:
    """One listed title: a season suffix split off ("What If...? season 3", "약한영웅 Class 2"),
    a curated work under its canonical title, Korean from the lexicon or the description."""
    title = re.sub(r"[:,]?\s+(?:Part|Vol\.?|Volume)\s*\d+$", "", title, flags=re.IGNORECASE)
    cleaned, _, suffix_season = clean_film(title)
    works = lexicon.works_titled(cleaned) or lexicon.works_titled(title)
    numbered = re.match(r"^(?P<base>.+?)\s*(?P<n>\d{1,2})$", cleaned)
    if not works and numbered:
        # "지옥2": a curated series and a season number
        works = [w for w in lexicon.works_titled(numbered["base"]) if w.series]
        suffix_season = suffix_season or (int(numbered["n"]) if works else None)
        cleaned = numbered["base"] if works else cleaned
    korean = bool(works and works[0].korean) or bool(
        re.search(r"\bKorean\b|\bK-(?:drama|movie|film|variety|reality)", desc, re.IGNORECASE)
    )
    if works and not any(w.korean for w in works):
        korean = False
    film = works[0].title if works and has_hangul(cleaned) else cleaned
    return ListedRelease(film=film, release_date=day, korean=korean, season=season or suffix_season)
