"""A headline's subject: the Title Case words before its verb, its appositive or its people,
and whether those words can be a work's title (a few capitalised words, no kind of work, no
service, no Korean name, no event, no section label).

Owns the checks ``headline`` applies where headline grammar bounds a title on both sides
("<cast>'s X <verb>", "X: <Korean name> ...", "X arrives on <service> ..."). Must not decide
which headline form applies: ``headline`` does, in its order.
"""

from __future__ import annotations

import re

from tracker.understand.lexicon import Lexicon
from tracker.understand.names import korean_names
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.titles import NOT_A_TITLE_START, SMALL_WORDS
from tracker.understand.vocabulary import PLATFORM_NAMES

_PLATFORM_NAME = Pattern(PLATFORM_NAMES)


def sentence_case_subject(text: str) -> str:
    """The Title Case words a sentence-case headline opens with, up to its first lower-case
    word that is not a small one: "Night Shift" of "Night Shift comes to Netflix next week".
    Nothing in a Title Case headline ("Wife Katy Louise Saunders Gives Birth"), where case
    cannot tell the title from the rest."""
    taken: list[str] = []
    # (a word's first character: "K-drama" and "Night" are capitalised, "comes" is not)
    for word in text.split():
        if not (word[0].isupper() or word[0].isdigit() or word in SMALL_WORDS):
            break
        taken.append(word)
    else:
        return ""  # no lower-case word at all
    while taken and taken[-1] in SMALL_WORDS:
        taken.pop()
    return " ".join(taken)


#: the labels outlets set before a colon: a section or a format, never a work
SECTION_LABEL = Pattern(
    r"(?i:box office|interview|exclusive|report|breaking|dispatch|review|news|watch|opinion|"
    r"analysis|explainer|recap|update|photos?|video|first look|podcast|listen|ratings|"
    r"k-drama|k-pop|netflix|streaming|"
    # a show's or a column's own name ("Film Talk: Park Chan-wook's job-hunt nightmare")
    r"(?:film|movie|cinema|tv|screen)\s+(?:talk|club|chat|corner|notes?))"
)


#: a Title Case subject and an arrival's verb in lower case, then where or when
#: (on a service, in cinemas or on a day: a person "returns in" a film, "lands in" a city)
SUBJECT_ARRIVES = Pattern(
    r"^(?P<film>[A-Z0-9][^:|—–,]{0,60}?)\s+(?:arrives|lands|premieres|streams|drops)\s+"
    rf"(?:(?:on|onto)\s+{PLATFORM_NAMES}|in\s+(?:\S+\s+){{0,2}}?(?:theaters|theatres|cinemas)\b|"
    r"(?:(?:on|this|next)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
    r"(?:tomorrow|tonight|today)\b)"
)
#: a headline that goes on to name what its subject brings ("... arrives in cinemas Friday with
#: Boss", "... premieres on HBO Max tonight in The White Lotus"): the subject is no work
_WITH_A_WORK = Pattern(r"\s(?:with|as)\s+[A-Z'\"‘“]|\sin\s+(?:['\"‘“]|The\s)")
#: a work's words in the text: what an arriving subject must be told as
_WORK_WORD = Pattern(
    r"\b(?:film|movie|series|drama|K-drama|season|episodes?|documentary|thriller|comedy|romance|"
    r"horror|show)\b|영화|드라마|시리즈|映画|ドラマ|電影|电影|劇|剧",
    re.IGNORECASE,
)


def arrival_subject(lexicon: Lexicon, film: str, after: str, body: str) -> bool:
    """Whether an arriving subject is a work (``work_subject``, bounded as a title) in a text
    that tells of a work."""
    return (
        bounded_title(film)
        and work_subject(lexicon, film, after)
        and _WORK_WORD.search(body) is not None
    )


def work_subject(lexicon: Lexicon, film: str, after: str) -> bool:
    """Whether the subject of a verb of arrival can be a work: no person, event, section,
    company's possessive or version number, and a headline that does not go on to name the
    work the subject brings (``after``: the headline after the verb)."""
    return (
        "'s " not in film
        and "’s " not in film
        and not re.search(r"\d\.\d", film)
        and lexicon.person(film) is None
        and not korean_names(film)
        and not EVENT_NAME.search(film)
        and not SECTION_LABEL.search(film)
        and not _WITH_A_WORK.search(after)
    )


def cast_subject(lexicon: Lexicon, after: str, *, title_case: bool = False) -> str:
    """The title after a cast's possessive, to its verb ("Hope is a monster movie", "Hope
    Gets A Standing Ovation") or to the comma of an appositive that describes it ("Hope,
    Cannes's most ferocious creature feature, opens ..."; not "I'm a Cyborg, But That's OK
    returns ..."), when it can be one."""
    film = sentence_case_subject(after) or (_title_case_subject(after) if title_case else "")
    appositive = _APPOSITIVE.match(after)
    if appositive and not lexicon.works_titled(film):
        film = appositive["film"]
    return film if film and (lexicon.works_titled(film) or bounded_title(film)) else ""


#: a title, then an appositive that describes it between commas: a possessive, an article or a
#: lower-case word opens it
_APPOSITIVE = Pattern(
    r"^(?P<film>[^,]{1,60}),\s+(?:[A-Z][\w.-]*['’]s\s|(?:a|an|the)\s|[a-z])[^,]{1,80},"
)
#: the verbs a Title Case headline reports with after a title ("Hope Gets A Seven-Minute
#: Standing Ovation", "The World Of Love Wins Platform Prize")
_TITLE_CASE_VERB = Pattern(
    r"\s(?:Gets|Wins|Earns|Opens|Lands|Scores|Draws|Takes|Tops|Leads|Premieres|Debuts|Arrives|"
    r"Receives|Sweeps|Is|Was|Becomes|Returns|Hits|Heads|Joins|Sets)\s"
)


def _title_case_subject(text: str) -> str:
    """The words of a Title Case headline before its first reporting verb, or nothing."""
    m = _TITLE_CASE_VERB.search(text)
    return text[: m.start()].strip() if m else ""


def named_as_a_show(name: str, body: str) -> bool:
    """Whether the text calls ``name`` a show: after a channel's or a service's possessive
    or a format word ("MBC's Hangout With Yoo", "the variety show Hangout With Yoo"); never
    an event ("this year's Seoul Fashion Week")."""
    if not body or name not in body or EVENT_NAME.search(name):
        return False
    if not name.isascii() or name[:1].isspace():
        return _named_by_the_pattern(name, body)
    lowered, size = name.lower(), len(name)
    for m in _SHOW_BEFORE.finditer(body):
        after = body[m.end() : m.end() + size]
        if not after.isascii():
            return _named_by_the_pattern(name, body)
        if after.lower() == lowered and _BOUNDARY.match(body, m.end() + size):
            return True
    return False


def _named_by_the_pattern(name: str, body: str) -> bool:
    """``named_as_a_show`` by a pattern built for the name: where ``re`` may match letters
    ``str.lower`` spells otherwise (a name or a text beyond ASCII; rare, so the compile pays)."""
    return re.search(_SHOW_BEFORE.pattern + rf"{re.escape(name)}\b", body, re.I) is not None


#: what names a show right before its name: a channel's or a service's possessive, a format
#: word (none of them starts inside another, so their matches never overlap)
_SHOW_BEFORE = re.compile(
    r"(?:\b(?:KBS2?|MBC|SBS|tvN|JTBC|ENA|OCN|MBN|Mnet|Netflix|TVING|Tving|Disney\+|Wavve|"
    r"Coupang Play|Channel A|TV Chosun)['’]s|\b(?:show|series|drama|programme|program|"
    r"variety))\s+",
    re.IGNORECASE,
)
#: a word boundary, tested at one place (``match`` sees the text on both sides)
_BOUNDARY = re.compile(r"\b")


#: an event's name, which a possessive also precedes ("this year's Baeksang Arts Awards")
EVENT_NAME = re.compile(
    r"\b(?:Awards?|Week|Con|Festival|Fest|Gala|Ceremony|Concert|Tour|Expo)$", re.IGNORECASE
)


def names_first(text: str) -> bool:
    """Whether ``text`` opens with a Korean name ("Yoo Jae-suk, Haha And ...")."""
    names = korean_names(" ".join(text.split()[:3]))
    return bool(names) and text.startswith(names[0].split("-")[0])


def bounded_title(name: str) -> bool:
    """Whether words that headline grammar bounds on both sides (before "episode 1", before
    ": <cast>'s", between "<cast>'s" and a verb) can be a title: a few capitalised words (a
    verb among them is the title's: "The Judge Returns"), no kind of work ("drama"), service
    or Korean name."""
    words = name.split()
    return (
        1 <= len(words) <= 7
        and words[0] not in NOT_A_TITLE_START
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in SMALL_WORDS for w in words)
        and not _FORMAT_WORD.search(name)
        and not _PLATFORM_NAME.search(name)
        and not korean_names(name)
    )


#: what a headline calls a work by its kind ("the K-drama finale"), never a title's word
_FORMAT_WORD = Pattern(
    r"\b(?:films?|movies?|dramas?|K-dramas?|series|shows?|sitcoms?|episodes?|seasons?|"
    r"trailers?|teasers?)\b",
    re.IGNORECASE,
)


#: what news says its subject did or is, after the work's name: tops a chart, renewed, crosses a
#: figure, wins; or the credit of the person it goes on to ("X star Kim Ji-won on ...")
_NEWS_SUBJECT_VERB = Pattern(
    r"\s+(?:(?:is|gets|has\s+been|officially)\s+)?(?:tops|topped|renewed|crosses|surpasses|"
    r"breaks|wins|sweeps|dominates|climbs|reaches|remains|stays|returns\s+for|"
    r"confirms\s+season|(?:star|actor|actress|director|creator|lead)\s+(?=[A-Z]))\b",
    re.IGNORECASE,
)
#: a news subject that is no work: a country, its cinema, a company, a chain
_NO_WORK_NEWS = Pattern(
    r"^(?:South\s+|North\s+)?Korea$|^(?:Japan|China|India|Hollywood)$|"
    r"\b(?:Cinema|Cinemas|Studio|Studios|Entertainment|Pictures|ENM|CGV|Megabox|"
    r"Box\s+Office)$|^Korean\s+(?:Cinema|Film|Films|Movies|Dramas?|TV|Television)$|"
    r"^(?:Studio\s+Dragon|CJ\s+ENM|HYBE|JYP|YG|SM|Kakao|Naver|Coupang|Lotte)\b",
    re.IGNORECASE,
)
_OWNER_LEAD = re.compile(r"^[A-Z][\w+.-]*(?:\s[A-Z][\w+.-]*)?['’]s\s+")


def news_subject(lexicon: Lexicon, headline: str, body: str) -> str | None:
    """The work a news headline's subject names before what it did ("X tops Netflix's global
    chart", "X renewed for season 2", "X star Kim Ji-won on ..."): a work's name
    (``arrival_subject``'s checks, a text that tells of a work), one word only where the text
    calls it a show or the lexicon knows it."""
    m = _NEWS_SUBJECT_VERB.search(headline)
    if m is None or m.start() == 0:
        return None
    film = _OWNER_LEAD.sub("", headline[: m.start()].strip(" ,:;'\"‘’“”"))
    if not film or _NO_WORK_NEWS.search(film):
        return None
    if not arrival_subject(lexicon, film, headline[m.end() :], body):
        return None
    if " " not in film and not (lexicon.works_titled(film) or named_as_a_show(film, body)):
        return None
    return film
