"""The title an entry's link confirms: outlets write the work's name into the link's last path
segment (``/reviews/one-battle-after-another-review-2779866/``, ``/2025/07/good-boy-finale-
ratings/``, ``/reviews/entry/3521/world_of_love``), so words of the headline, or a title the
text sets in italics, that the link repeats word for word are the work, where the headline's
grammar alone cannot tell ("Marty Supreme gets UK release date", "Good Boy Signs Off With Its
Best Ratings Yet", an essay headline over an italic title).

Owns reading the link's words (an article's id or a dated slug around them left out, letters
without their accents, as slugs write them: "người giữ vua" is nguoi-giu-vua) and matching a
headline's Title Case run, or a given title, against them. Pure; must not resolve a title to
a curated work, decide the kind, or know any outlet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

from tracker.understand.scan.prefilter import Pattern

_WORD = re.compile(r"[a-z0-9]+")
#: a word boundary, tested at one place (``match`` sees the text on both sides)
_BOUNDARY = re.compile(r"\b")
#: a headline's word, with a possessive or a contraction kept on it ("Zha 2's", "Don't")
_HEADLINE_WORD = Pattern(r"[^\W_]+(?:['’][^\W_]+)*")
#: letters a slug writes without their marks that Unicode does not decompose ("đ", "ł")
_UNMARKED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "ı": "i", "æ": "ae"})
#: an article's id beside its slug ("8420019-humint-review", "...-post1620345", "a69120345");
#: a number of a title ("28-years-later", "2-days-1-night") has fewer digits, and one of four
#: before the slug is a title's ("2046-still-matters", "1987-when-the-day-comes") unless the
#: month and day of a dated slug follow it
_ARTICLE_ID = re.compile(r"^(?:\d{4,}|[a-z]{1,4}\d{4,})$")
_LEADING_ID = re.compile(r"^(?:\d{5,}|[a-z]{1,4}\d{4,})$")
#: a day's month and day after its year ("2026-01-16-hamnet-...")
_DAY_NUMBER = re.compile(r"^\d{1,2}$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_POSSESSIVE = Pattern(r"['’]s$", re.IGNORECASE)
#: lower-case words a title keeps inside it ("Second Shot at Love", "Spring of Youth")
_SMALL = frozenset(
    re.findall(
        r"[a-z0-9]+",
        "a an and as at but by for from in into nor of on or the to vs with "
        # the small words of the other languages' titles ("Devoradores de Estrelas", "La
        # vita è bella", "Die Frau im Mond")
        "de da do das dos del la le les el los las di della e y et und der die im van het "
        "een o em no na il lo gli un une des du au",
    )
)
#: words that end a title where they start: what an outlet's headline says about the work
_AFTER_TITLE = frozenset(
    re.findall(
        r"[a-z0-9]+",
        "review reviews recap recaps episode episodes ep eps season trailer teaser "
        "impressions thoughts release releases premiere premieres finale ratings "
        "explained ending cast streaming ott netflix disney prime viki viu tving wavve hulu "
        "apple peacock crunchyroll",
    )
)
#: "Final Thoughts", "First Impressions": a first word that ends a title with the second
_OPENS_A_VERDICT = frozenset({"final", "first"})
_VERDICT_WORD = frozenset(
    ["thoughts", "impressions", "episode", "episodes", "look", "trailer", "season", "week", "weeks"]
)
#: two words that end a title they follow ("Humint box office: ..." at humint-box-office-...;
#: a headline that starts with them is a chart's: "Box Office: Harbin Tops Again")
_AFTER_TITLE_PAIRS = frozenset({("box", "office")})
#: a run of these only is no title ("UK release date", "Final Thoughts")
_NOT_A_TITLE = frozenset(
    re.findall(
        r"[a-z0-9]+",
        "uk us u s korea korean south north indie film films movie movies drama dramas "
        "series show shows cinema china chinese russia america japan japanese final first "
        "new official exclusive watch how where what when why best top",
    )
)
_MONTHS = frozenset(
    re.findall(
        r"[a-z]+",
        "january february march april may june july august september october november "
        "december jan feb mar apr jun jul aug sep sept oct nov dec",
    )
)
#: what a person or a company does in a headline, never a work ("Joins", "Reports")
_SOMEONE_DOES = frozenset(
    re.findall(
        r"[a-z]+",
        "joins reports announces says said sponsors marries invests acquires hires talks "
        "speaks denies apologizes apologises posts shares praises slams responds "
        "thanks celebrates donates",
    )
)
#: words of festivals, awards and companies, never of a work's title read off a link
_NOT_A_WORK = frozenset(
    re.findall(
        r"[a-z]+",
        "festival fest awards award lions entertainment studios studio electronics group "
        "company corp inc media pictures enm agency association council commission kofic "
        "shares stock profit",
    )
)
#: two capitalised words after a colon, a person's name ("Chloé Zhao"; not "The Bone Temple")
_PERSON_AFTER_COLON = re.compile(r"(?!(?:The|A|An)\s)[^\W\d_][\w'’.-]+\s[^\W\d_][\w'’-]+")
#: a one-word title must be at least this long to be taken from the link ("Pluribus")
_ONE_WORD = 5


@lru_cache(maxsize=64)
def link_words(link: str) -> tuple[str, ...]:
    """The words of the link's last path segment that has a letter, lower-cased, percent-
    encoding read and accents dropped; () when no segment has one (a numeric article id)."""
    path = re.sub(r"[?#].*$", "", link).split("//", 1)[-1]
    segments = [s for s in path.split("/")[1:] if s]
    for segment in reversed(segments):
        segment = re.sub(r"\.(?:html?|php|aspx?)$", "", segment.lower())
        if "%" in segment:
            segment = unquote(segment)
        words = tuple(_WORD.findall(_unmarked(segment)))
        if any(w.isalpha() for w in words):
            # an article id or a year before or after the slug says nothing of the headline
            while words and (words[-1].isdigit() or _ARTICLE_ID.match(words[-1])):
                words = words[:-1]
            dated = len(words) > 3 and _YEAR.match(words[0]) and _DAY_NUMBER.match(words[1])
            if words and (_LEADING_ID.match(words[0]) or dated):
                words = words[1:]
                while dated and len(words) > 1 and _DAY_NUMBER.match(words[0]):
                    words = words[1:]  # the month and the day of a dated slug
            return words
    return ()


def _words(title: str) -> list[str]:
    return _WORD.findall(_unmarked(_POSSESSIVE.compiled.sub("", title.lower()).replace("'", "")))


def _unmarked(text: str) -> str:
    """``text`` (lower case) as a slug writes it: its letters without their accents."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNMARKED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _place(haystack: tuple[str, ...], needle: list[str]) -> int:
    n = len(needle)
    if n == 0:
        return -1
    return next(
        (i for i in range(len(haystack) - n + 1) if list(haystack[i : i + n]) == needle), -1
    )


def title_in_link(title: str, words: tuple[str, ...]) -> bool:
    """Whether the link's words spell ``title`` (a leading article may be left out)."""
    return link_place(title, words) >= 0


def link_place(title: str, words: tuple[str, ...]) -> int:
    """Where the link's words first spell ``title`` (a leading article may be left out), or
    -1."""
    tokens = _words(title)
    article = len(tokens) > 1 and tokens[0] in ("the", "a", "an")
    forms = [tokens, tokens[1:]] if article else [tokens]
    places = [_place(words, form) for form in forms]
    return min((at for at in places if at >= 0), default=-1)


def reviewed_in_link(title: str, words: tuple[str, ...]) -> bool:
    """Whether the link names ``title`` and then a word that ends a title ("moonglade-review-
    tom-harlow": the work the link is about)."""
    at = link_place(title, words)
    if at < 0:
        return False
    after = at + len(_words(title))
    return after < len(words) and words[after] in _AFTER_TITLE


def headline_title(headline: str, words: tuple[str, ...]) -> str | None:
    """The longest Title Case run of ``headline`` whose words the link repeats in order, as
    written in the headline, or None. The run must end where the link stops following the
    headline: where the headline goes on to talk about the work ("Episodes 1-2", "Final
    Thoughts", a service), after a possessive ("Ne Zha 2's English Dub" is Ne Zha 2's), where
    the link's next word is another ("good-boy-finale-ratings" under "Good Boy Signs Off"), or
    at the headline's end with the link going on. A link that is the whole headline slugged,
    or cut short with it, confirms nothing; nor does a headline in capitals."""
    if not words or not any(ch.islower() for ch in headline):
        return None
    found = [(m, _words(m.group(0))) for m in _HEADLINE_WORD.finditer(headline)]
    # where each of the link's words stands: a run can start only where a headline word is one
    places: dict[str, list[int]] = {}
    for at, word in enumerate(words):
        places.setdefault(word, []).append(at)
    best: tuple[int, int, int] | None = None  # (length, start, end) in ``found``
    for start in range(len(found)):
        first = found[start][1]
        if not first or first[0] not in places:
            continue
        owner = found[start - 1] if start else None
        owned = owner is not None and _POSSESSIVE.search(owner[0].group(0)) is not None
        for at in places[first[0]]:
            if owned and owner is not None and _follows(words, at, owner[1]):
                # "Ne Zha 2's English Dub" at ne-zha-2-english-dub: the link names the owner,
                # so what it owns is not the title ("Yoon Ga-eun's The World of Love" at
                # kccla-the-world-of-love is)
                continue
            end, confirmed = _run(found, start, words, at)
            if all(t.isdigit() for _, tokens in found[start:end] for t in tokens):
                continue  # ("3-4" of "Honour Episodes 3-4 Recap": numbers name no work)
            if confirmed and end > start and (best is None or end - start > best[0]):
                best = (end - start, start, end)
    if best is None:
        return None
    _, start, end = best
    if start == 0 and end == len(found):
        return None  # the whole headline: a bare-title headline is read elsewhere
    following = found[end][1][:1] if end < len(found) else []
    if following and following[0] in _SOMEONE_DOES:
        return None  # "Chris Evans Joins ...", "CJ ENM Reports ...": a person's or a company's
    span = found[start:end]
    # trailing small words are not the title's ("to", "of"); a lower-case word that is not a
    # small one means the run is prose, not a name
    while span and span[-1][1][0] in _SMALL:
        span.pop()
    if span and span[0][0].group(0)[0].islower():
        return None  # "del Toro" of "Guillermo del Toro ...": a title opens with a capital
    if not span or not all(
        m.group(0)[0].isupper() or m.group(0)[0].isdigit() or t[0] in _SMALL for m, t in span
    ):
        return None
    tokens = [t for _, token in span for t in token]
    if all(t in _NOT_A_TITLE or t in _SMALL or t.isdigit() for t in tokens):
        return None  # (and "Top 10", "3-4": a rank or episodes)
    if any(t in _NOT_A_WORK for t in tokens) or all(m.group(0).isupper() for m, _ in span):
        return None  # a festival, an award, a company ("Busan Film Festival", "KOFIC")
    if tokens[0] in _MONTHS or (tokens[0].isdigit() and len(tokens[0]) == 4):
        return None  # "December 2025 K-Drama Premieres": a date heads a list, not a title
    if len(tokens) == 1 and (len(tokens[0]) < _ONE_WORD or tokens[0] != words[0]):
        return None
    title = headline[span[0][0].start() : span[-1][0].end()]
    head, colon, tail = title.partition(": ")
    tail_at = link_place(tail, words) if colon else -1
    after_tail = (
        words[tail_at + len(_words(tail))] if 0 <= tail_at < len(words) - len(_words(tail)) else ""
    )
    if (
        colon
        and _PERSON_AFTER_COLON.fullmatch(tail)
        and end < len(found)
        and found[end][0].group(0)[0].islower()
        and after_tail not in _AFTER_TITLE  # ("tidewater-deadly-sea-review": the subtitle's)
    ):
        # "Hamnet: Chloé Zhao turns Shakespeare's grief ...": a person after the title, the
        # subject of the sentence the headline goes on with
        return head
    if _POSSESSIVE.search(span[-1][0].group(0)):
        # the run ends with an owner: the work ("Why Cashero's Broke Superhero ..."), or a
        # person after the work and a colon ("Made In Korea: Hyun Bin's Gritty Crime Series")
        head, colon, _ = title.partition(": ")
        title = head if colon else _POSSESSIVE.compiled.sub("", title)
    return title


def named_alone(name: str, text: str) -> bool:
    """Whether ``text`` calls ``name`` by its last word alone ("Michael Haneke" ... "Haneke
    says"): how writers refer to a person, never to a work."""
    parts = name.split()
    if not 2 <= len(parts) <= 3 or any(p.islower() for p in parts):
        return False  # (a name has no lower-case word: "Made in Korea" is a title)
    # (string searches, not a pattern built for the name: a compile per entry costs more)
    last, before = parts[-1], f"{parts[-2]} "
    at = text.find(last)
    while at >= 0:
        if (
            _BOUNDARY.match(text, at)
            and _BOUNDARY.match(text, at + len(last))
            and not text.endswith(before, 0, at)
        ):
            return True
        at = text.find(last, at + 1)
    return False


def _follows(words: tuple[str, ...], at: int, owner: list[str]) -> bool:
    """Whether the link's words just before ``at`` are the owner's (its possessive dropped)."""
    n = len(owner)
    return n > 0 and at >= n and list(words[at - n : at]) == owner


def _run(
    found: list[tuple[re.Match[str], list[str]]], start: int, words: tuple[str, ...], at: int
) -> tuple[int, bool]:
    """How far from ``found[start]`` the headline's words follow the link's from ``at`` (the
    index after the last headline word taken), and whether the link confirms that end."""
    i, j = start, at
    while i < len(found):
        match, tokens = found[i]
        if not tokens or tokens[0] in _AFTER_TITLE:
            return i, True
        pair = (tokens[0], found[i + 1][1][0]) if i + 1 < len(found) and found[i + 1][1] else None
        if i > start and pair in _AFTER_TITLE_PAIRS:
            return i, True
        if (
            tokens[0] in _OPENS_A_VERDICT
            and i + 1 < len(found)
            and found[i + 1][1][:1] != []
            and found[i + 1][1][0] in _VERDICT_WORD
        ):
            return i, True
        if tuple(tokens) != words[j : j + len(tokens)]:
            # the link goes on with another word: it chose to stop here; a link that ran out
            # is the headline slugged and cut short
            return i, j < len(words)
        j += len(tokens)
        i += 1
        if _POSSESSIVE.search(match.group(0)):
            # a possessive ends a name ("Ne Zha 2's English Dub"), a person's or a company's
            # as often as a work's: confirmed only where the link then leaves the headline
            following = found[i][1][:1] if i < len(found) else []
            return i, j < len(words) and (not following or words[j] != following[0])
    # the headline ended: confirmed only if the link says more than the headline
    return i, j < len(words)
