"""The work an entry is about when its headline names none: read off its text (the curated
title it keeps naming, the title a Korean text quotes after the kind of work or whose work it
is, the titles it sets in italics or book-title brackets).

Owns those body rules and what counts as a marked title (not a publication, a service, the
outlet's own name or a person). Must not read the headline's grammar, resolve a title to a
curated work, or decide the kind: ``film`` resolves, ``classify`` decides when to ask.
"""

from __future__ import annotations

import re

from tracker.text import has_hangul
from tracker.understand.document import Document
from tracker.understand.lexicon import Lexicon
from tracker.understand.linktitle import link_words, title_in_link
from tracker.understand.names import HANGUL_SURNAMES
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.titles import (
    SMALL_WORDS,
    book_titles,
    is_speech,
    looks_like_title,
    title_words,
)
from tracker.understand.vocabulary import PLATFORM_NAMES

_TITLE_VERB = Pattern(r"\s+(?:premieres?|arrives?|is|stars?)\b")
#: a service's name alone ("Netflix"): no film
PLATFORM_NAME = Pattern(PLATFORM_NAMES)
#: kana: a Japanese text
_KANA = Pattern(r"[\u3041-\u30ff]")
#: a Japanese text's title, in 『』
_JAPANESE_TITLE = Pattern(r"『([^『』\n]{1,60})』")
#: kana or a kanji: a Japanese (or Chinese) title
JAPANESE = Pattern(r"[\u3040-\u30ff\u4e00-\u9fff]")


def film_in_body(doc: Document, lexicon: Lexicon) -> str | None:
    """When the headline names no work ("Ma Dong-seok Is Back, and He's Hunting"), the curated
    title the text is about: named at least twice, or once and in the link's slug. A title
    named once in passing ("the 'Concrete Utopia' universe") is context, not the subject."""
    multi, single = lexicon.title_patterns
    counts: dict[str, int] = {}
    for m in multi.finditer(doc.body):
        # (one given in brackets after another language's title counts twice: "<em>Ei muuta
        # vaihtoehtoa</em> (No Other Choice)" states which work it is)
        stated = (
            doc.body[m.start() - 1 : m.start()] == "(" and doc.body[m.end() : m.end() + 1] == ")"
        )
        counts[m.group(0)] = counts.get(m.group(0), 0) + (2 if stated else 1)
    for m in single.finditer(doc.body):
        name = m.group("name")
        quoted = any(f"{a}{name}{b}" in doc.body for a, b in ("''", "‘’", "’’", "“”", '""'))
        if quoted or _TITLE_VERB.compiled.match(doc.body, m.end()):
            counts[name] = counts.get(name, 0) + 1
    link = link_words(doc.link)
    best: tuple[int, str] | None = None
    for name, count in counts.items():
        score = count + (2 if title_in_link(name, link) else 0)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best else None


#: (not speech: "영화 'Wow'라며", "'정말 힘들었다'고 말했다")
_NOT_SPEECH = (
    r"\s*['‘]([^'’\n]{1,40})['’]"
    r"(?!\s*(?:고|라고|라며|이라며|며|라는|이라는)(?![가-힣])|[은는]\s*(?:말|얘기|소감|생각))"
)
#: a Korean text names a work after its kind, in single quotes: "SBS 수목드라마 '사계의 봄'",
#: "영화 '보스'", "tvN·티빙 드라마 '원경'", or after its channel or service where a role in it
#: follows: "tvN '종이학 의원'에서 ... 서하를 연기하는" (not a guest's visit to a variety show)
_KO_WORK_QUOTED = Pattern(
    r"(?:드라마|영화|예능|시리즈|애니메이션|신작|(?:[4-9]|[1-9]\d)부작|(?:주말|일일|월화|수목|금토|토일)극|"
    r"미니시리즈|시트콤)" + _NOT_SPEECH + "|"
    r"(?<![A-Za-z])(?:KBS2?|MBC|SBS|tvN|JTBC|ENA|OCN|TV조선|채널A|넷플릭스|티빙|웨이브|쿠팡플레이|"
    r"디즈니\+)\s*['‘]([^'’\n]{1,40})['’](?=[^.\n]{0,25}(?:연기하|역을|역으로|극 중|극중|주연))|"
    # or the work an actor returns with ("'열한 번째 계절'로 돌아온 배우 선우결")
    r"['‘]([^'’\n]{1,40})['’](?:로|으로)\s?(?:돌아온|돌아오는|복귀한|복귀하는)\s(?:배우|그)|"
    # or that the text calls a kind of work right after it ("'대홍수'는 재난 영화로 시작해")
    r"['‘]([^'’\n]{1,40})['’](?:은|는|이|가)\s(?:[가-힣]+\s){0,2}?(?:영화|드라마|시리즈)(?:[로는가이의를을에다]|\s)|"
    # or that its maker's name owns at a sentence's start ("박찬욱의 '어쩔수가없다'는 ...")
    rf"(?:^|[.!?]\s+)[{HANGUL_SURNAMES}][가-힣]{{2}}의\s['‘]([^'’\n]{{1,40}})['’]"
)
#: or after whose work it is, in a review's lead: "필감성 감독의 '좀비딸'", "유해진 주연의 '왕과
#: 사는 남자'"; a quote there may also be emphasis ("봉준호 감독의 '뚝심'"), so it counts only
#: where no work is quoted after its kind
_KO_WORK_OF = Pattern(
    r"(?<=[가-힣])\s(?:감독|주연|연출|각본)(?:의|한|작)?(?:\s*(?:신작|연출작|장편|데뷔작))?"
    + _NOT_SPEECH
)


def film_quoted_after_kind(doc: Document) -> str | None:
    """In a Korean text, the title it quotes right after the kind of work, the one quoted so
    most often (the first of equals); None in any other text."""
    if not doc.hangul_body:
        return None
    counts: dict[str, int] = {}
    for pattern in (_KO_WORK_QUOTED, _KO_WORK_OF):
        for m in pattern.finditer(doc.body):
            name = next((g for g in m.groups() if g), "").strip()
            if (name and has_hangul(name)) or looks_like_title(name):
                counts[name] = counts.get(name, 0) + 1
        if counts:
            break
    if not counts:
        return None
    best = max(counts.values())
    return next(name for name, count in counts.items() if count == best)


#: names set in italics that are not films: publications and services
_NOT_A_FILM_MARK = Pattern(
    r"^(?:The\s+)?(?:New York Times|Guardian|Hollywood Reporter|Variety|Screen(?: Daily|"
    r" International)?|IndieWire|Vulture|Time|Sight and Sound|Cahiers du Cinéma|Rolling Stone|"
    r"Empire|Little White Lies|New Yorker|Atlantic|Washington Post|Los Angeles Times|"
    r"Wall Street Journal|Korea Herald|Korea Times|Korea JoongAng Daily|Film Comment)$"
)


#: the source of a film found only in the text's marks (italics, brackets): the headline names
#: no work (an essay's headline, "A Beekeeper's Paranoia Is Contagious")
MARKED_IN_BODY = "the title the text sets in italics or brackets"


def film_marked_in_body(doc: Document, lexicon: Lexicon) -> str | None:
    """When the headline names no work, the title the text sets in italics or in Korean
    book-title brackets ("In <em>The Quiet Orchard</em>, Park Min-ji ...", "《고요한 과수원》은
    ..."): the one marked most often, the first of equals. A mark that reads as a phrase
    (emphasis, a foreign word, a line of dialogue), a publication or a person is no title."""
    counts = marked_titles(doc, lexicon)
    if not counts:
        return None
    best = max(counts.values())
    if best == 1 and len(counts) >= 3:
        return None  # a list of works, each marked once (a schedule, a programme): no subject
    return next(name for name, count in counts.items() if count == best)


def marked_titles(doc: Document, lexicon: Lexicon) -> dict[str, int]:
    """The titles the text sets in italics or in Korean book-title brackets, each with how
    often, in order of appearance (see ``film_marked_in_body``)."""
    marks = list(doc.italics)
    if doc.hangul_body:
        marks += book_titles(f"{doc.raw[1]}\n{doc.raw[2]}")
    elif _KANA.search(doc.body):
        # a Japanese text sets a work in 『』 (「」 quotes speech as often as a title); the
        # body has them as plain quotes, the raw text as written
        raw = f"{doc.raw[1]}\n{doc.raw[2]}"
        marks += [m.group(1) for m in _JAPANESE_TITLE.finditer(raw)]
    elif JAPANESE.search(doc.body):
        # a Chinese text sets a work in 《》 (its headline an essay's: "毕赣用一场长梦 ..."); 「」
        # and 〈〉 quote speech and songs there too. The one after a kind of work first
        marks += _chinese_titles(f"{doc.raw[1]}\n{doc.raw[2]}")
    counts: dict[str, int] = {}
    host = _host_letters(doc.link)
    for mark in marks:
        name = mark.strip(" ,.:;!?'\"")
        if name in counts:
            counts[name] += 1
        elif _marked_title(name, lexicon) and not _names_site(name, host):
            counts[name] = 1
    return counts


#: a Chinese text's 《title》 that is no work it is about: after a source, an adaptation's
#: original, a theme song, a variety show or an earlier work ("据《人民日报》", "改编自小说《X》",
#: "继《寄生虫》之后"), or a paper, a magazine, a prize or a festival by its name
_ZH_TITLE = Pattern(
    r"(?<!据)(?<!據)(?<!自)(?<!著)(?<!小说)(?<!小說)(?<!曲)(?<!综艺)(?<!綜藝)(?<!凭)(?<!憑)"
    r"(?<!继)(?<!繼)(?<!读过)(?<!讀過)《(?P<text>[^《》\n]{1,60}?)》"
)
_ZH_NOT_A_WORK = Pattern(r"(?:报|報|周刊|週刊|杂志|雜誌|奖|獎|电影节|電影節|影展)$")
_ZH_KIND = Pattern(r"(?:电影|電影|影片|新片|韩剧|韓劇|剧集|劇集|新作|韩影|韓影)$")


def _chinese_titles(raw: str) -> list[str]:
    """The 《》 titles of a Chinese text that may be its work: those right after a kind of work
    ("韩国电影《X》") when there are any, else all (none a source's, a paper's or a prize's)."""
    found = [
        (m.group("text"), bool(_ZH_KIND.search(raw[max(0, m.start() - 4) : m.start()])))
        for m in _ZH_TITLE.finditer(raw)
        if not _ZH_NOT_A_WORK.search(m.group("text"))
    ]
    after_kind = [text for text, kind in found if kind]
    return after_kind or [text for text, _ in found]


def _host_letters(link: str) -> str:
    """The longest label of the link's host name, in letters and digits ("theverge")."""
    host = link.split("//", 1)[-1].split("/", 1)[0].lower()
    labels = [re.sub(r"[^a-z0-9]", "", label) for label in host.split(".")]
    return max(labels, key=len, default="")


def _names_site(name: str, site: str) -> bool:
    """ "The Vergecast" at theverge.com, "Le Figaro" at lefigaro.fr: the outlet's own name or
    one of its shows, not a film."""
    letters = re.sub(r"[^a-z0-9]", "", name.lower())
    return len(site) >= 5 and len(letters) >= 5 and (site in letters or letters in site)


def _marked_title(name: str, lexicon: Lexicon) -> bool:
    if not name or len(name) > 80 or _NOT_A_FILM_MARK.match(name) or PLATFORM_NAME.fullmatch(name):
        return False
    if lexicon.works_titled(name):
        return True
    if has_hangul(name):
        return len(name) <= 30 and lexicon.person(name) is None
    if JAPANESE.search(name):
        return len(name) <= 30  # (a Japanese text's 『』: see ``marked_titles``)
    letters = sum(ch.isalpha() for ch in name)
    # (a verb is a marked title's word too: "The Love That Remains")
    words = name.split()
    capitalised = len(words) <= 8 and all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words)
    return (
        letters >= 3
        and (title_words(name, 10) or capitalised)
        and not is_speech(name)
        and lexicon.person(name) is None
    )
