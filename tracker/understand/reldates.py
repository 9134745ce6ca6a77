"""The days a text names relative to the entry, or in numbers: "today", "tomorrow", "this
Friday", "on the 12th", "next week", "Christmas Eve", "내일", "다음 주 금요일", "来週金曜日", and
"12/3" in the site's order (day first on a British, Australian or Indian site).

Owns reading them against the entry's ``published`` date, and whether a date is said in the
past tense ("premiered on Friday"). Must not score them as release dates: ``dates`` weighs
every date it finds, these among them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from tracker.understand.scan.prefilter import Pattern
from tracker.understand.vocabulary import HOLIDAYS, MONTH_ANY, PLATFORM_NAMES


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist ("Feb. 30")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def coming_day(day: int, published: datetime) -> date | None:
    """ "25일" in a story: this month's day if still ahead, else next month's."""
    month, year = published.month, published.year
    if day < published.day:
        month, year = month % 12 + 1, year + (1 if month == 12 else 0)
    return make_date(year, month, day)


#: the days of the week, Monday first (``date.weekday()``), in English, Korean and Japanese
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_KO_WEEKDAYS = "월화수목금토일"
_JA_WEEKDAYS = "月火水木金土日"
_ZH_WEEKDAYS = "一二三四五六日天"
_WEEKDAY_WORDS = frozenset(_WEEKDAYS)
#: the English words each word form cannot match without (one set lookup), and the Hangul
#: or Japanese marks it cannot match without in a text that is not ASCII
_FORM_WORDS: dict[str, frozenset[str]] = {
    "today": frozenset({"today", "tonight"}),
    "tomorrow": frozenset({"tomorrow"}),
    "weekday": _WEEKDAY_WORDS,
    "next_week": frozenset({"week"}),
    "next_month": frozenset({"month"}),
    "holiday": frozenset({"christmas", "boxing", "new", "valentine", "halloween"}),
    "season": frozenset({"christmas"}),
}
_FORM_MARKS: dict[str, tuple[str, ...]] = {
    "today": ("오늘", "本日", "今日", "今天"),
    "tomorrow": ("내일", "明日", "明天"),
    "weekday": ("요일", "曜", "週", "周", "星期"),
    "next_week": ("다음", "来週"),
    "next_month": ("다음", "내달", "来月"),
    "holiday": ("크리스마스", "クリスマス"),
    "season": ("크리스마스", "クリスマス"),
}
#: a day-first numeric date ("12/11" for 12 November) is read where the feed's site is
_DAY_FIRST_HOSTS = (".uk", ".au", ".nz", ".ie", ".in", ".sg", ".my", ".za", ".hk")
#: a release verb in the past tense just before a date: the date is behind the entry, not ahead
_PAST_BEFORE = re.compile(
    r"(?:premiered|debuted|arrived|dropped|landed|released|opened|launched|aired|began|"
    r"started|\blast)\b"
    # (not past again once a release verb in the present comes between: "played Toronto last
    # fall and opens Friday")
    r"(?:(?!\b(?:opens|premieres|arrives|lands|debuts|streams|returns|hits|will)\b)[^.!?\n])"
    r"{0,30}$",
    re.IGNORECASE,
)
_PAST_AFTER = re.compile(
    r"^\s*(?:\S+\s*)?(?:공개됐|공개했|개봉했|방송됐|첫 방송됐|配信された|公開された)"
)
_FOLLOWS_DATE = rf"(?!,?\s+(?:the\s+)?(?:\d|{MONTH_ANY}\b))"

#: the words before an English weekday that make it a date ("premieres Friday", "this
#: Friday"), not a noun's modifier ("its highest Saturday ratings"); read behind a weekday
#: found (a lookbehind of alternatives would be tried at every character)
_BEFORE_WEEKDAY = re.compile(
    r"\b(?:(?P<rel>this coming|this|next|last|coming)|on|from|by|until|starting|premieres|"
    r"arrives|debuts|drops|lands|hits|streams|streaming|returns|opens|opening|premiering|"
    r"arriving|airs|launches|debut|premiere|arrive|land|drop|stream|open|release)\s+$",
    re.IGNORECASE,
)
#: a holiday named as a landmark, not as the day: "ahead of Halloween", "before Valentine's Day"
_AROUND_A_DAY = re.compile(r"\b(?:before|ahead of|after|since|until|by|around)\s+$", re.I)
#: relative and numeric dates, read only for the release date (a roundup's headings are
#: absolute): (pattern, form); a form's date comes from ``_relative_day``
_RELATIVE_PATTERNS: tuple[tuple[Pattern, str], ...] = (
    (Pattern(r"\b(?:today|tonight)\b|오늘(?!\s?\()|本日|今日|今天", re.IGNORECASE), "today"),
    (Pattern(r"\btomorrow\b|내일|明日|明天", re.IGNORECASE), "tomorrow"),
    (
        Pattern(
            r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s)"
            + _FOLLOWS_DATE,
            re.IGNORECASE,
        ),
        "weekday",
    ),
    (
        Pattern(
            # (not the weekday a date carries: "10일 금요일 첫 방송" is the 10th's)
            r"(?:(?P<rel>이번\s?주|다음\s?주|오는|지난)\s*)?(?<!\d일 )(?<!\d일)"
            r"(?P<ko>[월화수목금토일])요일"
            r"(?!\s*\(?\d)"
        ),
        "weekday",
    ),
    # Japanese: "金曜日から配信", "来週金曜日", the days in the order Korean writes them
    (
        Pattern(
            r"(?:(?P<rel>今週|来週|先週)の?\s*)?(?<!\d日)(?P<ko>[月火水木金土日])曜日?(?!\s*\(?\d)"
        ),
        "weekday",
    ),
    # Chinese: "本週四起" (this Thursday), "下週一" (next Monday)
    (
        Pattern(r"(?P<rel>本週|本周|這週|这周|下週|下周|本星期|下星期)(?P<zh>[一二三四五六日天])"),
        "weekday",
    ),
    (
        Pattern(
            r"\bnext week\b|다음\s?주(?!\s*[월화수목금토일]요일)|来週(?!\s*[月火水木金土日]曜)",
            re.IGNORECASE,
        ),
        "next_week",
    ),
    (Pattern(r"\bnext month\b|(?:다음\s?달|내달)(?!\s?\d)|来月", re.IGNORECASE), "next_month"),
    (
        Pattern(
            r"\b(?P<hol>Christmas Eve|Christmas Day|Boxing Day|New Year['’]s Eve|"
            r"New Year['’]s Day|Valentine['’]s Day|Halloween)\b|"
            r"(?P<khol>크리스마스\s?이브|クリスマス・?イブ)",
            re.IGNORECASE,
        ),
        "holiday",
    ),
    # "this Christmas": the season more than the day (a date the text gives wins)
    (Pattern(r"\b(?P<hol>Christmas)\b|(?P<khol>크리스마스|クリスマス)", re.IGNORECASE), "season"),
    (
        Pattern(
            # "on the 12th", "on Friday the 12th"
            r"\b(?:on|from|by|for) (?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?"
            r"the (?P<day>\d{1,2})(?:st|nd|rd|th)\b"
            r"(?=\s*(?:$|[,.;:!?)\-–—]|(?:on|at|in|via|from|and|with|when)\b))",
            re.IGNORECASE,
        ),
        "the_day",
    ),
    (
        Pattern(
            r"\b(?:from|on|premieres?|arrives?|debuts?|drops?|hits|lands?|streams?|streaming|"
            r"releases?|out|theaters|theatres|cinemas)\s+"
            rf"(?:(?:on|to)\s+{PLATFORM_NAMES}\s+)?(?:on\s+)?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})"
            r"(?:/(?P<year>(?:20)?\d\d))?\b(?!\s*(?:stars?\b|/|\.\d))",
            re.IGNORECASE,
        ),
        "numeric",
    ),
    (Pattern(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"), "numeric"),
    # Chinese: "3/13起在台上映" (from 13 March), month first
    (
        Pattern(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})\s*(?:起|在台|在港|香港|全台)"),
        "numeric_md",
    ),
    (
        Pattern(
            r"(?<![\d.:/])(?P<a>\d{1,2})[./](?P<b>\d{1,2})\.?\s*(?:\([월화수목금토일月火水木金土日]\)"
            # a service and "from" between ("12/12(金)Netflixで独占配信", "12.12 넷플릭스 공개")
            r"\s*)?(?:(?:[A-Za-z+ァ-ヺー・]{1,12}で|(?:넷플릭스|디즈니\+?|디즈니플러스|티빙|쿠팡플레이|"
            r"웨이브|왓챠)(?:에서|를 통해|로)?|より|から)\s*){0,2}"
            r"(?:独占|단독)?\s*(?:공개|개봉|첫\s?방송|配信|公開)"
        ),
        "numeric_md",
    ),
)


def day_first(link: str) -> bool:
    """Whether the site writes numeric dates day first ("12/11" is 12 November): a site of
    the United Kingdom, Ireland, Australia, New Zealand, India, Singapore, Malaysia, South
    Africa or Hong Kong. Elsewhere (the United States, Korea, Japan) the month comes first."""
    host = urlsplit(link).hostname or ""
    return host.endswith(_DAY_FIRST_HOSTS)


def weekday_date(published: date, target: int, rel: str, past: bool) -> date:
    """The day named by a weekday: the next one on or after the entry's date ("Friday",
    "this Friday"), the one of the following week ("next Friday", "다음 주 금요일"), or the
    last one on or before it when the text speaks of the past ("premiered on Friday")."""
    if past or rel in ("last", "지난", "先週"):
        return published - timedelta(days=(published.weekday() - target) % 7)
    monday = published - timedelta(days=published.weekday())
    if rel.startswith(("next", "다음", "来週")):
        return monday + timedelta(days=7 + target)
    if rel == "this week":  # Chinese 本週一: Monday of this week, even when it has passed
        return monday + timedelta(days=target)
    return published + timedelta(days=(target - published.weekday()) % 7)


def _relative_day(
    groups: dict[str, str | None], how: str, pub: date, link: str, past: bool
) -> date | None:
    """The date one relative or numeric form names, read against the entry's date."""
    if how == "today":
        return pub
    if how == "tomorrow":
        return pub + timedelta(days=1)
    if how == "weekday":
        rel = re.sub(r"\s+", " ", (groups.get("rel") or "").lower())
        wd = groups.get("wd")
        named = groups.get("ko") or "월"
        # Japanese names the days with the characters Korean reads as 월화수목금토일
        named = _KO_WEEKDAYS[_JA_WEEKDAYS.index(named)] if named in _JA_WEEKDAYS else named
        target = _WEEKDAYS.index(wd.lower()) if wd else _KO_WEEKDAYS.index(named)
        zh = groups.get("zh")
        if zh:  # Chinese numbers the days from Monday, 一 to 六, and Sunday is 日 or 天
            target = min(_ZH_WEEKDAYS.index(zh), 6)
            rel = "next" if rel.startswith("下") else "this week"
        return weekday_date(pub, target, rel, past)
    if how == "next_week":
        return pub - timedelta(days=pub.weekday()) + timedelta(days=7)
    if how == "next_month":
        return date(pub.year + (pub.month == 12), pub.month % 12 + 1, 1)
    if how in ("holiday", "season"):
        name = (groups.get("hol") or groups.get("khol") or "").lower().replace("’", "'")
        name = re.sub(r"\s+", " ", name) if name.isascii() else re.sub(r"[\s・]", "", name)
        month, day = HOLIDAYS[name]
        holiday = date(pub.year, month, day)
        # the coming one ("this Christmas" in December), or the last one spoken of in the past
        if past and holiday > pub:
            holiday = date(pub.year - 1, month, day)
        elif holiday < pub - timedelta(days=30) and not past:
            holiday = date(pub.year + 1, month, day)
        return holiday
    if how == "the_day":
        day = int(groups["day"] or 0)
        if past:  # "aired on the 23rd": the last such day on or before the entry
            month, year = (pub.month, pub.year) if day <= pub.day else _month_before(pub)
            return make_date(year, month, day)
        return coming_day(day, datetime(pub.year, pub.month, pub.day))
    a, b = int(groups["a"] or 0), int(groups["b"] or 0)
    month, day = (a, b) if how == "numeric_md" else _numeric_order(a, b, link)
    year_text = groups.get("year")
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        return make_date(year, month, day)
    found = make_date(pub.year, month, day)
    if found is not None and found < pub - timedelta(days=30) and not past:
        found = make_date(pub.year + 1, month, day)
    return found


def _month_before(day: date) -> tuple[int, int]:
    """(month, year) of the month before ``day``'s."""
    return (12, day.year - 1) if day.month == 1 else (day.month - 1, day.year)


def _numeric_order(a: int, b: int, link: str) -> tuple[int, int]:
    """(month, day) of "a/b": the order a number over 12 forces, else the site's."""
    if a > 12 >= b:
        return b, a
    if b > 12 >= a:
        return a, b
    return (b, a) if day_first(link) else (a, b)


def past(text: str, start: int, end: int) -> bool:
    """Whether the words just around a date speak of the past ("premiered on Friday")."""
    return bool(_PAST_BEFORE.search(text[max(0, start - 40) : start])) or bool(
        _PAST_AFTER.search(text[end : end + 12])
    )


def _may_hold(how: str, text: str, ascii_text: bool, words: frozenset[str]) -> bool:
    """Whether a text can hold a form at all: its English words (in the text's folded words)
    or, in a text that is not ASCII, its Hangul or Japanese marks; a numeric form a slash."""
    if how in ("numeric", "numeric_md"):
        return "/" in text or (how == "numeric_md" and not ascii_text)
    if how == "the_day":
        return "the" in words
    if not _FORM_WORDS[how].isdisjoint(words):
        return True
    return not ascii_text and any(mark in text for mark in _FORM_MARKS[how])


def relative_dates_in(
    text: str,
    published: date,
    link: str = "",
    words: frozenset[str] | None = None,
    folded: str | None = None,
) -> list[tuple[int, int, date, str]]:
    """(start, end, date, form) for every relative or numeric date in ``text`` ("this
    Friday", "tomorrow", "on the 12th", "next week", "내일", "다음 주 금요일", "12/12"), read
    against ``published``. ``words``, when given, holds the words of ``text`` folded (or
    more): an English text without any relative word is not searched; ``folded``, when
    given, is ``fold(text)`` (the patterns skip a text without their needles)."""
    out: list[tuple[int, int, date, str]] = []
    taken: list[tuple[int, int]] = []
    ascii_text = text.isascii()
    for pattern, how in _RELATIVE_PATTERNS:
        if words is not None and not _may_hold(how, text, ascii_text, words):
            continue
        for m in pattern.finditer(text, folded):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            groups = m.groupdict()
            if how in ("holiday", "season") and (
                _AROUND_A_DAY.search(text, max(0, start - 12), start)
                or text.startswith(" last year", end)
            ):
                continue  # "ahead of Halloween", "on Christmas Day last year": not the day
            if groups.get("wd"):
                before = _BEFORE_WEEKDAY.search(text[max(0, start - 20) : start])
                if before is None:
                    continue
                groups["rel"] = before.group("rel")
            found = _relative_day(groups, how, published, link, past(text, start, end))
            if found is None:
                continue
            taken.append((start, end))
            out.append((start, end, found, how))
    return out
