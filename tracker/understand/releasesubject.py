"""The work a release headline names as its subject: the words before its verb of coming out
("Humint opens in UK cinemas on January 16", "Avatar: Fire and Ash opens in Nigerian cinemas
tomorrow", "Cashero estreia amanhã na Netflix", "Người giữ vua khởi chiếu tại Việt Nam"),
when no quote, curated title or other headline form named one. What a headline says before
the verb is the work, its kind and a description ("Humint: Korean spy thriller opens ...",
"Korean spy thriller Humint opens ...", "Michael biopic: ..."), or its maker's possessive
("Park Chan-wook's No Other Choice opens ...").

Owns that reading. Pure; must not decide the kind (the caller reads this only for a headline
already judged a release), resolve a title to a curated work, or know an outlet.
"""

from __future__ import annotations

import re

from tracker.understand import latinscript
from tracker.understand.lexicon import Lexicon
from tracker.understand.linktitle import link_words, title_in_link
from tracker.understand.names import korean_names
from tracker.understand.scan.prefilter import Pattern, fold
from tracker.understand.subjects import bounded_title, work_subject
from tracker.understand.titles import looks_like_title
from tracker.understand.vocabulary import MONTH_ANY, PLATFORM_NAMES, WEEKDAY

#: a verb of coming out, in the languages the feeds are written in: the subject ends where
#: one starts (English's in the third person, or its base form after "to" or "will": "June 23
#: Premiere" is a noun)
_RELEASE_VERB = Pattern(
    r"\s+(?:(?:is|are|finally|officially)\s+)*"
    r"(?:(?:to|will)\s+(?:open|arrive|land|hit|premiere|debut|drop|stream|return\s+to|"
    r"come\s+to|head\s+to|be\s+released)|"
    r"opens|arrives|lands|hits|premieres|debuts|drops|streams|returns\s+to|comes\s+to|"
    r"coming\s+to|heads\s+to|releases\s+(?:on|in)|(?:is|are)\s+(?:out|in\s+cinemas)|"
    r"(?:now\s+)?streaming\s+(?:on|now|from)|now\s+(?:on|streaming|available)|"
    r"out\s+(?:in|on|now|this|next)|gets\s+(?:an?\s+)?(?:[\w.]+\s+){0,3}(?:release|premiere)|"
    r"set\s+for|(?:is|are)\s+available|starts\s+streaming|expands\s+nationwide|"
    # "Michael biopic: Kenyan release date confirmed"
    r"(?:[A-Z][\w.]*\s+)?release\s+date\s+(?:confirmed|set|announced|revealed)|"
    # German, French, Spanish, Portuguese, Italian, Indonesian, Dutch, Polish, Turkish,
    # Vietnamese
    r"startet|starten|läuft|erscheint|kommt|sort|sortira|arrive|arrivera|débarque|"
    r"(?:se\s+)?estrena|estrenará|llega|llegará|estreia|estreará|chega|chegará|esce|arriva|"
    r"arriverà|al\s+cinema|nelle\s+sale|tayang|rilis|hadir|verschijnt|draait|komt|trafi|"
    r"wchodzi|vizyona|vizyonda|ra\s+rạp|khởi\s+chiếu|công\s+chiếu|lên\s+sóng|trở\s+lại)\b",
    re.IGNORECASE,
)
#: the kind of work written before or after its name ("Korean spy thriller Humint", "Michael
#: biopic", "Cashero: série coreana"): a description, not the title
_KIND_WORD = Pattern(
    r"\b(?:film|movie|drama|k-drama|series|show|thriller|comedy|horror|romance|documentary|"
    r"biopic|sequel|prequel|remake|anime|animation|blockbuster|epic|"
    r"filme|película|série|serie|serial|dizi|dizisi|filmi|phim)\b",
    re.IGNORECASE,
)
#: a kind of work after a colon that is the title's own ("Super Mario Galaxy: O Filme")
_TITLE_KIND = Pattern(
    r"(?:the|o|a|la|el|le|il|der|die|das|de|het)?\s*(?:movie|film|filme|película|pelicula)$",
    re.IGNORECASE,
)
#: a part of a work, where the subject names one: the work is what comes before it ("Knowing
#: Bros Episode Spesial", "Ne Zha 2's English Dub")
_PART_OF_A_WORK = Pattern(
    # ("season" with its number or its end: "The Eleventh Season" is a title)
    r"\b(?:episodes?|ep|season(?=\s*(?:\d|one|two|three|four|five|finale|premiere))|part|"
    r"finale|special|dub|dubbed|version|cut|restoration|"
    r"remaster(?:ed)?|trailer|teaser|ost|soundtrack)\b",
    re.IGNORECASE,
)
#: an English day in the subject: no title ("Head Over Heels Confirms June 23"); the other
#: languages' days end it where they start (``_day_in``: "Avatar: Ateş ve Kül bu cuma")
_DAY = Pattern(rf"\b(?:{MONTH_ANY}|{WEEKDAY})\b", re.IGNORECASE)
#: a company or a service, never the work that comes out
_NOT_A_WORK = Pattern(
    rf"^(?:{PLATFORM_NAMES}|CJ ENM|Studio Dragon|JTBC|KBS|MBC|SBS|tvN|ENA|HYBE|CGV|Lotte|"
    r"Megabox|Universal|Warner|Sony|Disney|Paramount|Lionsgate|A24|Neon|Mubi|BFI|KOFIC)\b",
    re.IGNORECASE,
)
#: the work a day is set for: "Netflix sets February 13 premiere for X", "... release date for X"
_SET_FOR = Pattern(
    r"\b(?:premiere|release|debut)(?:\s+date)?\s+for\s+(?P<film>[A-Z0-9][^,:;|?!]{0,60}?)\s*$"
)
#: the work a question asks the day of: "When is X on Netflix?", "When does X come out?"
_WHEN_IS = Pattern(
    r"^When\s+(?:is|does|will)\s+(?P<film>[A-Z0-9'\"‘“][^?]{0,60}?)['\"’”]?\s+(?:on\s|come\s+out|"
    r"release|premiere|stream|arrive|air|return|hit)",
    re.IGNORECASE,
)
#: the work a watch guide is for: "Stranger Things 5: When and Where to Watch Volume 1", "Where
#: to Watch X Online", "How to Stream X in the UK"
_WATCH_GUIDE = Pattern(
    r"^(?P<film>[A-Z0-9][^:|?]{0,60}?)\s*:\s*(?:when|where|how)\b[^:|]{0,20}?\bto\s+"
    r"(?:watch|stream)\b|^(?:where|how)\s+to\s+(?:watch|stream)\s+(?P<film2>[A-Z0-9][^:|?]"
    r"{0,60}?)(?=\s+(?:online|on\s|in\s|for\s+free|free)|\s*$)",
    re.IGNORECASE,
)
#: an appositive between commas after the subject ("Moonglade, a Korean spy thriller, ...")
_APPOSITIVE = re.compile(r",\s+(?:an?|the)\s[^,]{2,60},\s*")
#: a head before a colon that labels or describes, not a title: a section's label ("K-Drama
#: Alert"), a sentence ("The Wait Is Over")
_LABEL_HEAD = Pattern(
    r"\b(?:Alert|Watch|Update|News|Exclusive|Breaking|Spotlight|Is|Are|Was|Has|Have)\b"
)
#: an owner whose possessive names no work's maker: a country, a company, a service
_NOT_AN_OWNER = Pattern(
    rf"^(?:(?:South\s+|North\s+)?Korea|Japan|China|India|America|Britain|Hollywood|"
    rf"{PLATFORM_NAMES}|CJ ENM|HYBE|Studio Dragon|JTBC|KBS|MBC|SBS|tvN)$",
    re.IGNORECASE,
)
#: a service whose possessive names its own work ("Apple TV's Pluribus premieres Friday")
_SERVICE = Pattern(rf"^(?:{PLATFORM_NAMES}|Apple TV)$", re.IGNORECASE)
#: the first word of a subject that is no work's: a list, a question, a time
_NOT_A_START_TEXT = (
    # ("Everything Coming to Netflix in December": a month's list)
    "this next new what how when where why which who every everything all these those today "
    "tonight tomorrow weekend week month here"
)
_NOT_A_START = frozenset(_NOT_A_START_TEXT.split())
#: words that describe a work before its kind, never end its name
_DESCRIBES_TEXT = (
    "the a an korean k japanese chinese taiwanese thai new hit upcoming latest indie spy crime "
    "legal romantic action period historical original netflix his her their its"
)
_DESCRIBES = frozenset(_DESCRIBES_TEXT.split())
#: the words before a weekday that make it this week's or the next ("bu cuma", "ce vendredi")
_THIS_NEXT = frozenset({"bu", "ce", "este", "esta", "nesta", "neste", "questo", "questa", "diesen"})
_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z0-9])")


def released_subject(headline: str, link: str | None, lexicon: Lexicon) -> str | None:
    """The work a release headline's subject names (a season number after it is read where
    the title is resolved), or None; also the work a date is set for ("Netflix sets February
    13 premiere for X") and the one a question asks the day of ("When is X on Netflix?")."""
    named = _SET_FOR.search(headline) or _WHEN_IS.match(headline) or _WATCH_GUIDE.match(headline)
    if named is not None:
        work = (named["film"] or named.groupdict().get("film2") or "").strip()
        return work if looks_like_title(work, 7) and _no_one(work, lexicon) else None
    m = _RELEASE_VERB.search(headline)
    if m is None or m.start() == 0:
        return None
    # "Moonglade, a Korean spy thriller, opens ...": the appositive describes the work
    subject = _APPOSITIVE.sub("", headline[: m.start()])
    span = _work_in(subject.strip(" ,;:-–—"), lexicon).strip()
    if not span or len(span) > 60 or span.split()[0].lower() in _NOT_A_START:
        return None
    if _DAY.search(span) or _NOT_A_WORK.search(span):
        return None
    day = _day_in(span)
    if day == 0:
        return None
    span = span[:day].strip(" ,;:-–—") if day is not None else span  # "Avatar: ... bu cuma"
    if not span.strip() or not work_subject(lexicon, span, headline[m.end() :]):
        return None
    if bounded_title(span) or looks_like_title(span, 7):
        return span
    # a title in sentence case, as French, Spanish or Vietnamese write them, when the link
    # spells it too ("Người giữ vua" at nguoi-giu-vua-khoi-chieu-viet-nam)
    if span[0].isupper() and len(span.split()) <= 6 and link:
        return span if title_in_link(span, link_words(link)) else None
    return None


def _work_in(span: str, lexicon: Lexicon) -> str:
    """What of a headline's subject is the work: not its description after a colon, its kind
    before or after it, its maker's possessive, or the part of it that comes out."""
    if lexicon.works_titled(span):
        return span
    head, colon, tail = span.rpartition(": ")
    if (
        colon
        and not _TITLE_KIND.match(tail)
        and (_KIND_WORD.search(tail) or tail[:1].islower() or korean_names(tail) or "'s " in tail)
    ):
        span = head  # "Humint: Korean spy thriller", "Made In Korea: Hyun Bin's Gritty ..."
    elif colon and looks_like_title(tail) and _LABEL_HEAD.search(head):
        span = tail  # "The Wait Is Over: Moonglade", "K-Drama Alert: Moonglade"
    owner = _POSSESSIVE.search(span)
    if owner is not None:
        owned = span[owner.end() :]
        first = owned.split()[0].lower() if owned.split() else ""
        if _NOT_AN_OWNER.match(span[: owner.start()]) and (
            not _SERVICE.match(span[: owner.start()])
            or first in _DESCRIBES
            or first.endswith("est")
        ):
            return ""  # "Korea's Biggest Hit Of 2025": a country's or a company's, no name
        # "Ne Zha 2's English Dub" is Ne Zha 2's; "Park Chan-wook's No Other Choice" is his
        span = span[: owner.start()] if _PART_OF_A_WORK.search(owned) else owned
    part = _PART_OF_A_WORK.search(span)
    if part is not None and part.start() > 0:
        span = span[: part.start()].strip()  # "Knowing Bros Episode Spesial Tahun Baru"
    kinds = list(_KIND_WORD.finditer(span))
    before = span[: kinds[-1].start()].split()[-1:] if kinds else []
    described = before and before[0].lower() in _DESCRIBES and ": " not in span
    if kinds and kinds[-1].end() == len(span) and described:
        return ""  # "Another Korean Horror": a description in capitals, no name
    if kinds and kinds[-1].end() < len(span):
        span = span[kinds[-1].end() :].strip()  # "Korean spy thriller Humint"
    elif kinds and kinds[-1].start() > 0 and span[kinds[-1].start()].islower():
        span = span[: kinds[-1].start()].strip()  # "Michael biopic" (not "... Galaxy Movie")
        if span.split()[-1].lower() in _DESCRIBES:
            return ""  # "The Korean drama", "Hyun Bin's new film": no name
    return span


def _day_in(span: str) -> int | None:
    """Where the subject's first day of the other languages starts ("bu cuma", "6 Şubat"),
    or None."""
    folded = fold(span)
    found = [
        m.start()
        for pattern in (latinscript.WEEKDAY, latinscript.DATE, latinscript.RELATIVE_DAY)
        if (m := pattern.search(span, folded)) is not None
    ]
    if not found:
        return None
    start = min(found)
    # "bu cuma": the word that makes it this week's goes with it
    before = span[:start].rstrip().rpartition(" ")[2].lower()
    return span.rfind(before, 0, start) if before in _THIS_NEXT else start


def _no_one(name: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` is no person, company or service."""
    return not (_NOT_A_WORK.search(name) or lexicon.person(name) is not None or korean_names(name))
