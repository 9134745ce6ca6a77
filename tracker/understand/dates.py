"""Release dates: every date a text writes ("Dec. 3", "3 December 2024", "2024-12-03",
"12월 3일", "오는 27일", "다음 달 5일", "来月5日", "오늘(5일)", "12月3日配信") and, for the
release only, the days it names relative to the entry or in numbers (``reldates``:
"tomorrow", "this Friday", "12/3" in the site's order), and which of them is the release.

Owns reading written dates against the entry's ``published`` date (a date without a year is
the next one on or after publication, unless it is recent or said in the past tense) and
scoring each date by the words around it (a release verb or a service before it, an
announcement or a festival around it, a birth or a death); a relative or numeric day counts
only beside a release word, or in the headline. Must not decide that the entry is about a
release: the orchestrator asks only for releases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from tracker.understand import latinscript
from tracker.understand.document import Document
from tracker.understand.reldates import make_date, past, relative_dates_in
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.scan.retree import ops_of, parse
from tracker.understand.titles import quoted_spans
from tracker.understand.vocabulary import (
    FESTIVAL_CUE,
    MONTH,
    MONTHS,
    ORD,
)


@dataclass(frozen=True)
class ReleaseDate:
    """The release date (None when the text states none) and why."""

    day: date | None = None
    reason: str | None = None


#: a month's name as written, or in capitals ("FEBRUARY 13" in a headline set in capitals;
#: not in lower case, where "may" and "march" are other words)
_MONTH_EITHER = MONTH[:-1] + "|" + MONTH.split(">", 1)[1][:-1].upper() + ")"
_DATE_PATTERNS: tuple[tuple[Pattern, str], ...] = (
    (
        Pattern(
            rf"\b{_MONTH_EITHER}\.?\s+(?P<day>\d{{1,2}}){ORD}\b(?!\s*(?:-|–)\s*\d)"
            rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
        ),
        "mdy",
    ),
    (
        Pattern(
            rf"\b(?P<day>\d{{1,2}}){ORD}\s+(?:of\s+)?{_MONTH_EITHER}\b\.?(?:,?\s+"
            rf"(?P<year>(?:19|20)\d\d)\b)?"
        ),
        "dmy",
    ),
    (Pattern(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<day>\d{1,2})\b"), "iso"),
    (Pattern(r"(?:(?P<year>(?:19|20)\d\d)년\s*)?(?P<m>\d{1,2})월\s*(?P<day>\d{1,2})일"), "ko"),
    # (Japanese too: "来月16日から")
    (
        # (and Chinese: "下月8日香港上映")
        Pattern(
            r"(?:(?:다음\s?달|내달)\s?(?P<day>\d{1,2})일|"
            r"(?:来月|下月|下個月|下个月)\s?(?P<jday>\d{1,2})(?:日|號|号))"
        ),
        "ko_next_month",
    ),
    (Pattern(r"오는\s?(?P<day>\d{1,2})일"), "ko_coming"),
    # this month's day, ahead or past ("今月1日から配信", "이달 30일 공개")
    (
        # (and Chinese: "本月12日上映")
        Pattern(
            r"(?:이달|이번\s?달)\s?(?P<day>\d{1,2})일|"
            r"(?:今月|本月|這個月|这个月)\s?(?P<jday>\d{1,2})(?:日|號|号)"
        ),
        "ko_this_month",
    ),
    (Pattern(r"오늘\s?\((?P<day>\d{1,2})일\)"), "ko_today"),
    (
        Pattern(
            # "12일 오후 5시 넷플릭스를 통해 공개": an hour and a service may come between
            # (its weekday in brackets or written out: "10일 금요일 밤 첫 방송")
            r"(?<![\d월])(?P<day>\d{1,2})일\s*(?:(?:\([월화수목금토일]\)|[월화수목금토일]요일)\s*)?"
            r"(?:(?:오전|오후|낮|밤|새벽)?\s*\d{1,2}시(?:\s*\d{1,2}분)?\s*|(?:낮|밤|저녁)\s*)?"
            # a place with its particle, or a service without one ("26일 넷플릭스 공개"; not
            # "17일 포스터를 공개": a poster's day)
            r"(?:[A-Za-z가-힣+]{1,10}(?:에서|를 통해|을 통해|로)\s*|(?:넷플릭스|티빙|디즈니\+?|"
            r"디즈니플러스|쿠팡플레이|웨이브|왓챠|애플TV\+?|[A-Za-z][A-Za-z+]{1,11})\s*)?"
            r"(?:전 세계에\s*)?"
            r"(?:공개|개봉|첫\s?(?:방송|공개))"
        ),
        "ko_coming",
    ),
    # Japanese: "2026年12月12日", "12月12日配信", "12日(金)より配信"
    (Pattern(r"(?:(?P<year>(?:19|20)\d\d)年\s*)?(?P<m>\d{1,2})月\s*(?P<day>\d{1,2})日"), "ja"),
    (
        Pattern(
            r"(?<![\d月])(?P<day>\d{1,2})日\s*(?:[(（][月火水木金土日][)）]\s*)?"
            r"(?:(?:午前|午後)?\d{1,2}時(?:\d{1,2}分)?\s*)?(?:より|から)?\s*"
            # a service between ("26日(金)からディズニープラスで配信")
            r"(?:[A-Za-z0-9+\-ァ-ヺー・ ]{2,20}?で\s*)?"
            r"(?:見放題|先行|順次|独占|全?世界|日本|国内|同時|全国)*(?:配信|公開|放送|上映)"
        ),
        "ko_coming",
    ),
)
_RELEASE_CUE = Pattern(
    r"(?:arriv|releas|premier|stream|drop|debut|land|hit|open|launch|return|coming|come out|"
    r"screens (?:at|from)|will screen|"
    r"out on|available|air|bow|New (?:season )?on \w+|공개|개봉|방송|출시|첫선|선보|"
    r"配信|公開|放送|"
    # German, French, Spanish, Portuguese, Italian, Indonesian (``latinscript``; whole words
    # where English has the same letters: "filming starts", "a resort", "fluoresce")
    r"\bstartet\b|Kinostart|\bKino|erschein|\bsort(?:ie|ira)?\b|disponible|débarqu|estren|"
    r"\blleg|estreia|\bcheg|\besce\b|\buscit|tayang|\brilis|\bhadir)",
    re.IGNORECASE,
)
_PLATFORM_CUE = Pattern(
    r"\bon (?:Netflix|Disney\+|Prime Video|Apple TV\+|Hulu|Max|TVING|Tving|Coupang Play|Wavve|"
    r"Watcha|Mubi|MUBI|Shudder|Viki|Viu|the streaming)|Netflix|Disney\+|넷플릭스|디즈니|티빙|쿠팡|"
    r"streaming|platform",
    re.IGNORECASE,
)
_ANNOUNCE_AFTER = Pattern(
    r"^\W{0,3}(?:\w+\s){0,3}(?:announced|confirmed|revealed|said|unveiled|reported|밝혔|발표)",
    re.IGNORECASE,
)
_ANNOUNCE_BEFORE = Pattern(
    r"(?:announced|confirmed|revealed|said|reported|unveiled|told)\s+(?:on\s+)?(?:\w+,?\s+)?$",
    re.IGNORECASE,
)


#: the words around a date, compiled once (``re.search`` with a source looks it up in
#: ``re``'s cache at every call)
_THEATERS = re.compile(r"theaters|theatres|cinemas|극장", re.IGNORECASE)
_ON_AT_END = re.compile(r"\bon\s*$")
_SAID_AFTER = re.compile(r"^\W*\s*(?:\w+\s){0,2}(?:announced|confirmed|said)", re.I)
_LOGGED_BORN_DIED = re.compile(r"Watched on|\bborn\b|\bdied\b", re.IGNORECASE)
#: a month the headline names: with a year ("December 2024"), or alone ("in December")
_TITLE_MONTH_YEAR = Pattern(rf"\b{MONTH}\.?\s+(?P<year>(?:19|20)\d\d)\b")
_TITLE_MONTH = Pattern(rf"\b(?:in|this|next)?\s*{MONTH}\b(?!\.?\s*\d)")
_NOW_STREAMING = Pattern(
    r"\bnow (?:streaming|available|on)\b|\bout (?:now|today)\b|오늘 공개", re.IGNORECASE
)


def _language(items: Any, ops: Any) -> set[str] | None:
    """Every string a tree of literals, groups, alternatives and optional parts matches (None
    for any other tree)."""
    out = {""}
    for op, av in items:
        part: set[str] | None
        if op is ops.LITERAL:
            part = {chr(av)}
        elif op is ops.SUBPATTERN:
            part = _language(av[-1], ops)
        elif op is ops.BRANCH:
            branches = [_language(branch, ops) for branch in av[1]]
            part = None if None in branches else set().union(*(b for b in branches if b))
        elif op is ops.MAX_REPEAT and av[0] == 0 and av[1] == 1:
            optional = _language(av[2], ops)
            part = None if optional is None else optional | {""}
        else:
            return None
        if part is None:
            return None
        out = {a + b for a in out for b in part}
    return out


@cache
def _month_words() -> frozenset[str] | None:
    """Every word ``MONTH`` matches, lower-cased ("dec", "december", "sept"), or None when its
    tree cannot be read. The month-name forms match one of them as a whole word."""
    tree = parse(MONTH, 0)
    try:
        found = None if tree is None else _language(tree.data, ops_of())
    except Exception:  # a tree of another Python
        return None
    return None if found is None else frozenset(w.lower() for w in found)


#: the forms that read a month's name; every Korean form needs "일" (day)
_MONTH_FORMS = frozenset({"mdy", "dmy"})
_KOREAN_FORMS = frozenset({"ko", "ko_next_month", "ko_coming", "ko_this_month", "ko_today", "ja"})


def dates_in(
    text: str, published: date, words: frozenset[str] | None = None
) -> list[tuple[int, int, date, bool]]:
    """(start, end, date, year_given) for every date in ``text``. ``words``, when given, holds
    the words of ``text`` folded (or more): without a month's name the forms that read one
    are not tried."""
    out: list[tuple[int, int, date, bool]] = []
    taken: list[tuple[int, int]] = []
    months = _month_words()
    no_month = words is not None and months is not None and months.isdisjoint(words)
    # every Korean and Japanese form needs its "day" (일, 日; a Chinese one 號 or 号 too)
    no_day = "일" not in text and "日" not in text and "號" not in text and "号" not in text
    for pattern, how in _DATE_PATTERNS:
        if (no_month and how in _MONTH_FORMS) or (no_day and how in _KOREAN_FORMS):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            groups = m.groupdict()
            year_given = bool(groups.get("year"))
            year = int(groups["year"]) if year_given else published.year
            day = int(groups["day"] or groups.get("jday") or 0)
            if how in ("mdy", "dmy"):
                month = MONTHS[groups["mon"][:3].lower()]
            elif how in ("iso", "ko", "ja"):
                month = int(groups["m"])
            elif how == "ko_next_month":
                month = published.month % 12 + 1
                year = published.year + (1 if published.month == 12 else 0)
                year_given = True
            elif how == "ko_this_month":
                month, year = published.month, published.year
                year_given = True
            elif how == "ko_today":  # "오늘(5일)": the day of the report (a day either side: zones)
                month, year = published.month, published.year
                if abs(day - published.day) > 1:
                    continue
                year_given = True
            else:  # "오는 27일": this month if still ahead, else next month
                month, year = published.month, published.year
                if day < published.day:
                    month = published.month % 12 + 1
                    year += 1 if published.month == 12 else 0
                year_given = True
            found = make_date(year, month, day)
            if found is None:
                continue
            if not year_given and found < published - timedelta(days=200):
                # "Jan. 5" in a December story is next January
                found = make_date(year + 1, month, day) or found
            taken.append((start, end))
            out.append((start, end, found, year_given))
    return out


#: how much less a relative date counts than one the text writes out: it must stand beside
#: a release word or a service to be the release date; a week or a month names no day; a
#: season ("this Christmas") loses to any day the text gives, the headline's bonus and a
#: release word and a service beside it included
_RELATIVE_DOUBT = {"next_week": 2.5, "next_month": 2.5, "season": 7.0}


def _score_date(text: str, start: int, end: int) -> float:
    """How much the words around a date say it is a release date."""
    sentence_start = max(*(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n")), 0)
    before = text[max(sentence_start, start - 70) : start]
    after = text[end : end + 40]
    score = 0.0
    cued = bool(
        _RELEASE_CUE.search(before[-30:])
        or latinscript.FROM_A_DAY.search(before[-30:])
        # ("will be in cinemas in Tallinn, Tartu and Pärnu from 20 March")
        or (before.rstrip().endswith(("from", "starting")) and _THEATERS.search(before))
    )
    if cued:
        score += 2
    if _PLATFORM_CUE.search(before[-30:]):
        score += 2
    if _ANNOUNCE_BEFORE.search(before):
        score -= 3
    fest = list(FESTIVAL_CUE.finditer(before))
    if fest:
        tail = before[fest[-1].end() :]
        if not _PLATFORM_CUE.search(tail):
            score -= 4
    if _THEATERS.search(before[-40:]):
        score += 0.5
    # (a "said" after a release's own cue is the sentence's source: "in cinemas from 20 March,
    # distributor Estinfilm said")
    if (_ANNOUNCE_AFTER.search(after) and not cued) or (
        _ON_AT_END.search(before[-4:]) and _SAID_AFTER.search(after)
    ):
        score -= 3
    if _LOGGED_BORN_DIED.search(before[-20:]):
        score -= 5
    return score


#: how far before the entry a date without a year may be and still be this year's (a story
#: written, or first seen, weeks after the day); further back, and not said in the past
#: tense, it is next year's
_RECENT = timedelta(days=90)


@dataclass(frozen=True)
class _DateHit:
    day: date
    pos: int
    score: float
    in_title: bool
    #: for a week or a month ("next week", "다음 달"), its last day: the hit names no day of it
    until: date | None = None
    #: what the words around it say (``_score_date``), the headline's bonus left out
    context: float = 0.0


def _last_day(start: date, how: str) -> date | None:
    """The last day of the span a vague relative form names from ``start``: a week's Sunday,
    a month's last day; None for a form that names a day."""
    if how == "next_week":
        return start + timedelta(days=6)
    if how == "next_month":
        following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return None


#: a quote that says something happens (a person's words, "'X premieres tonight, please
#: watch'"), whose day is a day, unlike a title's word
_SAYS = Pattern(
    r"\b(?:premieres?|opens?|airs?|streams?|releases?|arrives?|watch)\b|개봉|공개|방송|配信|公開|上映",
    re.IGNORECASE,
)


def extract_release_date(doc: Document, published: datetime) -> ReleaseDate:
    """The best-scored date of the headline and the text, a month the headline names adding
    to its dates; "now streaming" without a date is the day published."""
    pub = published.date()
    hits: list[_DateHit] = []
    month_only: set[tuple[int, int]] = set()
    for m in _TITLE_MONTH_YEAR.finditer(doc.title):
        month_only.add((int(m.group("year")), MONTHS[m.group("mon")[:3].lower()]))
    for m in _TITLE_MONTH.finditer(doc.title):
        if m.group("mon") not in ("May",):
            month = MONTHS[m.group("mon")[:3].lower()]
            year = pub.year + (1 if month < pub.month - 5 else 0)
            month_only.add((year, month))
    for in_title, text, folded in (
        (True, doc.title, doc.folded_title),
        (False, doc.body, doc.folded_body),
    ):
        written = dates_in(text, pub, doc.words_all)
        written += latinscript.dates_in(text, pub, folded, doc.words_all)
        for start, end, found, year_given in written:
            if not year_given and found < pub - _RECENT and not past(text, start, end):
                # a reader takes "streams from Oct. 3" in a December story for next October
                found = make_date(found.year + 1, found.month, found.day) or found
            context = _score_date(text, start, end)
            score = context + (3 if in_title else 0)
            if (found.year, found.month) in month_only:
                score += 2
            if found < pub - timedelta(days=3):
                score -= 1.5
            elif found >= pub - timedelta(days=1):
                score += 1  # an announced date is usually still ahead
            hits.append(_DateHit(found, start, score, in_title, context=context))
        # (a quoted title's words are no day: "'오늘 밤, 세계에서 ...'", "'The Day After Tomorrow'")
        quoted = [
            (a, b)
            for a, b in (quoted_spans(text) if in_title else [])
            if not _SAYS.search(text[a:b])
        ]
        relative = relative_dates_in(text, pub, doc.link, doc.words_all, folded)
        relative += [
            (a, b, day, "weekday")
            for a, b, day in latinscript.weekdays_in(text, pub, folded, doc.words_all)
        ]
        relative += [
            (a, b, day, "today")
            for a, b, day in latinscript.relative_days_in(text, pub, folded, doc.words_all)
        ]
        for start, end, found, how in relative:
            if any(a <= start < b for a, b in quoted):
                continue
            context = _score_date(text, start, end)
            if context <= 0 and not in_title:
                continue  # "passed away on Friday": a relative day needs a release word by it
            score = context + (3 if in_title else 0) - _RELATIVE_DOUBT.get(how, 1.0)
            if found >= pub - timedelta(days=1):
                score += 1
            hits.append(_DateHit(found, start, score, in_title, _last_day(found, how), context))
    if not hits:
        if _NOW_STREAMING.search(doc.title):
            return ReleaseDate(pub, "release_date: 'now streaming', the date published")
        return ReleaseDate()
    best = max(hits, key=lambda h: (h.score, h.in_title, -h.pos))
    if best.until is not None:
        # "hits cinemas next week" over "Release date: 19/02/2026": the day the text gives
        # inside that week (or month), beside a release word, is the release, however the
        # headline scores (not "a press screening on October 7")
        inside = [
            h for h in hits if h.until is None and h.context > 0 and best.day <= h.day <= best.until
        ]
        if inside:
            best = max(inside, key=lambda h: (h.score, h.in_title, -h.pos))
    if best.score < 0:
        return ReleaseDate()
    where = "headline" if best.in_title else "text"
    return ReleaseDate(
        best.day, f"release_date={best.day.isoformat()}: from the {where} (score {best.score:g})"
    )
