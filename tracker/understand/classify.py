"""Understanding one entry: what kind it is, whether it is about Korean film or drama, which
film, the critic's rating, the platform, the release date, and the titles a roundup lists.

Owns the rules (regular expressions and weighted evidence) and their human-readable
``reasons`` for ``tracker explain``; the labelling rules they follow are in the shared data
README. Uses the curated lexicon from ``tracker.text`` (Korean titles, people, Hangul). Pure:
no network, database, clock or environment (``published`` is a parameter), and it must not
import ``match`` (clustering) or any adapter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tracker.text import (
    hangul_ratio,
    has_hangul,
    normalize_title,
    one_line,
    plain_quotes,
    strip_html,
)
from tracker.types import EntryData, FeedKind, FeedSpec, Kind
from tracker.understand.lexicon import Lexicon, Work, default_lexicon
from tracker.understand.names import korean_names, mentions_name
from tracker.understand.works import choose_work


@dataclass(frozen=True)
class ListedRelease:
    """One title of a "what's new this week" roundup."""

    film: str
    release_date: date | None
    korean: bool
    season: int | None = None


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


# ============================================================================================
# The entry as text


_WP_FOOTER = re.compile(r"The post .{0,300}? appeared first on .{0,80}?\.?\s*$", re.DOTALL)
_CONTINUE = re.compile(r"\s*(?:Continue reading\.*|Read more\.*|\[(?:…|\.\.\.)\])\s*$")
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .]{1,30}, [A-Z][a-z]{2,4}\.? \d{1,2} \((?:Yonhap|AFP|AP|Reuters|Korea "
    r"Herald|Korea Times|News1|Newsis)\)\s*(?:--|—|-)\s*|\((?:[가-힣]+)=[가-힣]+\)\s*"
    r"(?:[가-힣]{2,4}\s*(?:기자|특파원)\s*=\s*)?)"
)


@dataclass(frozen=True)
class _Doc:
    title: str  # plain quotes, one line
    summary: str
    content: str
    categories: tuple[str, ...]
    guid: str
    link: str
    extra: Mapping[str, str]
    #: title, summary and content before quote folding: ratings quote their text exactly
    raw: tuple[str, str, str] = ("", "", "")

    @property
    def body(self) -> str:
        return f"{self.summary}\n{self.content}".strip()

    @property
    def all_text(self) -> str:
        return f"{self.title}\n{self.body}\n{' / '.join(self.categories)}"

    @classmethod
    def of(cls, entry: EntryData) -> _Doc:
        summary = strip_html(entry.summary)
        summary = _CONTINUE.sub("", _WP_FOOTER.sub("", summary)).strip()
        content = strip_html(entry.content)
        raw_title = one_line(strip_html(entry.title))
        raw_summary, raw_content = _DATELINE.sub("", summary), _DATELINE.sub("", content)
        summary, content = plain_quotes(raw_summary), plain_quotes(raw_content)
        if content and summary and summary in content:
            summary = raw_summary = ""  # feeds often repeat the description in the content
        return cls(
            title=plain_quotes(one_line(strip_html(entry.title))),
            summary=summary,
            content=content,
            categories=tuple(one_line(c) for c in entry.categories if c.strip()),
            guid=entry.guid or entry.identity or "",
            link=entry.link or "",
            extra={k.lower(): v for k, v in entry.extra.items()},
            raw=(raw_title, raw_summary, raw_content),
        )


# ============================================================================================
# Quotes and film titles


#: what may stand before an opening quote and after a closing one; Korean headlines list
#: titles with a middle dot and an ellipsis ("뭐 볼까…'A'·'B' 시즌2")
_OPEN_CONTEXT = r"(?:(?<=^)|(?<=[\s(\[{:/,;…·]))"
_CLOSE_CONTEXT = r"(?=$|[\s,.:;!?)\]…·\-])"
_QUOTED = re.compile(
    _OPEN_CONTEXT
    # an apostrophe between letters ("Traveler's") is not a closing quote
    + r"(?P<q>['\"])(?P<text>(?=\S)(?:[^'\"]|(?<=\w)'(?=\w)){1,120}?(?<=\S))(?P=q)"
    + _CLOSE_CONTEXT
)


def quoted(text: str) -> list[str]:
    """Strings between matching quotes ('X', "X", curly ones already made plain), skipping
    apostrophes ("Netflix's", "Critics' Week")."""
    return [m.group("text").strip() for m in _QUOTED.finditer(text)]


_PREFIX_TAGS = re.compile(
    r"^\s*(?:\((?:LEAD|URGENT|\d+(?:st|nd|rd|th) LD|Yonhap Interview|News Focus|Movie Review|"
    r"Update \d+|UPDATE|Interview|Review|Photos?)\)\s*)+",
    re.IGNORECASE,
)
_BRACKET = re.compile(r"^\s*[\[【〔](?P<tag>[^\]】〕]{1,40})[\]】〕]\s*(?P<rest>.*)$")
_LETTERBOXD_TITLE = re.compile(
    r"^(?P<film>.+?), (?P<year>(?:18|19|20)\d\d)(?: - (?P<stars>[★☆½]+))?"
    r"(?: \(contains spoilers\))?$"
)
_TITLE_YEAR = re.compile(r"^(?P<film>.+?)\s*\((?P<year>(?:19|20)\d\d)\)\s*$")
#: "Class N" is how some series number their seasons ("Weak Hero Class 2"), like "Season N"
_SEASON_WORD = r"(?:Season|Series|Class|시즌)"
_SEASON_SUFFIX = re.compile(
    rf"^(?P<film>.+?)[:,]?\s+{_SEASON_WORD}\s*(?P<n>\d{{1,2}})\s*$", re.IGNORECASE
)
#: an unquoted title at the start of a headline, before "season N" ("Hellbound season 2 loses
#: its lead", "Alice in Borderland Season 3 Sets a Date")
_SEASON_LEAD = re.compile(
    r"^(?P<film>[A-Z0-9][^:|\-]{0,60}?)[:,]?\s+(?i:season|series|class)\s+(?P<n>\d{1,2})\b"
)
#: festivals and sections that head a review headline ("Cannes Review: X", "TIFF 2024 Review:")
_FESTIVAL_TAG = (
    r"(?:Cannes|Venice|Berlinale|Berlin|Sundance|TIFF|Toronto|Busan|BIFF|Jeonju|Bucheon|BiFan|"
    r"Fantasia|Fantastic Fest|SXSW|Tribeca|NYFF|New York|LFF|London|Locarno|Rotterdam|IFFR|"
    r"Karlovy Vary|Udine|Far East|San Sebastian|Telluride|AFI Fest|Annecy|Sitges|Hong Kong|"
    r"Shanghai|Tokyo|Fantasporto|Overlook|Beyond Fest|Festival|Film Festival|Midnight|"
    r"Directors' Fortnight|Critics' Week|Un Certain Regard|Berlinale Panorama|Panorama|Forum)"
    r"(?:\s+(?:19|20)\d\d)?"
)
_REVIEW_LEAD = re.compile(
    r"^(?:(?:Netflix|Disney\+|Prime Video|Apple TV\+|Hulu|Max|Mubi)\s+)?"
    rf"(?:{_FESTIVAL_TAG}\s+)?"
    r"(?:film|movie|TV|series|drama|K-drama|streaming|festival|capsule|Blu-ray|4K)?\s*review\s*"
    r"[:|]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
#: verbs that end a title in a Title Case headline ("Cobweb Knocks on the Walls", "Hopeless Is
#: a Bleak Debut"): the title is what comes before the first of them
_HEADLINE_VERB = re.compile(
    r"\s+(?:Is|Are|Was|Were|Has|Have|Had|Gets|Makes|Takes|Finds|Turns|Offers|Delivers|Brings|"
    r"Sends|Puts|Pours|Knocks|Proves|Feels|Goes|Comes|Keeps|Lets|Tries|Works|Falls|Fails|Does|"
    r"Opens|Joins|Wins|Returns|Tops|Slips|Leads|Hits|Marks|Becomes|Remains|Stays|Lands|Arrives|"
    r"Explores|Follows|Tells|Asks|Shows|Gives|Plays|Sees|Leaves|Digs|Grows|Reaches|Serves|"
    r"Struggles|Strips|Drifts|Builds|Breaks|Blends|Crafts|Captures|Chases|Charts|Mines|Misses|"
    r"Reinvents|Revisits|Rewrites|Skewers|Spins|Traps|Trades|Treats|Wastes|Wrestles|Swaps|"
    r"Can|Can't|Will|Won't|Should|Might|Could|Would|Must|Isn't|Doesn't|Aren't|"
    r"is|are|was|has|gets|makes|takes|turns|wins|joins|opens|tops|leads|to|will|"
    r"hits|returns|becomes|lands|arrives|sets|confirms|starts|begins|ends|kicks)\b"
)
#: "Hong Sang-soo's A Traveler's Needs ...": a possessive of a name before the title
_POSSESSIVE_LEAD = re.compile(r"^(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['’]s\s+(?P<rest>\S.*)$")
#: "X review: ...", also with a platform and a form word, after a colon ("20th Century Girl:
#: Netflix Film Review")
_REVIEW_TAIL = re.compile(
    r"^(?P<film>.+?)(?:\s*:)?\s+(?:(?:Netflix|Disney\+|Prime Video|Apple TV\+|Hulu|Max|Mubi|"
    r"Shudder|TVING|Tving)\s+)?(?:(?:film|movie|TV|series|drama|K-drama|season \d+)\s+)?review"
    r"\s*(?:$|[:|\-]|\s-\s)",
    re.IGNORECASE,
)
#: "X review: 'A whirlwind of fun'": what is quoted after "review:" is a pull quote
_PULL_QUOTE = re.compile(r"^[^'\"]+?\s+review\s*[:|\-–—]\s*(?=['\"])", re.IGNORECASE)
#: "'Squid Game' star Lee Jung-jae ...": a quoted title before a credit word names a
#: person's earlier work, not the work under review
_CREDIT_AFTER = re.compile(
    r"\s+(?:star|stars|director|actor|actress|creator|writer|filmmaker|helmer|co-star|alum)\b"
)
#: "X: Release Date, Cast & Plot", "X Release Date, Time & Where to Stream"
_RELEASE_DATE_TITLE = re.compile(r"^(?P<film>.{1,80}?)\s*:?\s+Release Date\b")
#: Watcha Pedia style "<title> ★ 4.5": a member's rating after the title
_STAR_NUMBER_TITLE = re.compile(r"^(?P<film>[^★]{1,60}?)\s*★\s?(?:[0-5](?:\.\d)?)\s*$")
_ROUNDUP_TITLE = re.compile(
    r"\bwe review\b|\breview round-?up\b|\bmini[- ]reviews?\b|\bcapsule reviews\b|"
    r"\breviews? in brief\b|\b(?:and|&) more\b|\bslate\b|\blineup\b|\bline-up\b|"
    r"\bbest (?:korean |k-)?(?:movies|films|dramas|shows|series)\b|"
    r"^(?:the\s+)?best\s+(?:[\w-]+\s+){0,3}?(?:movies|films|dramas|shows|k-dramas|"
    r"thrillers|documentaries)\b|"
    r"^what'?s (?:new|coming|leaving)\b|^new (?:on|to|in) [\w+]+|"
    r"^coming (?:to|soon to) [\w+ ]{2,20}? (?:in|this|next)\b|이번 주 (?:OTT )?신작|"
    r"(?:이번 주|주간) (?:OTT|개봉작)|이번 주 극장가|"
    r"\bnew (?:k-dramas|korean dramas|dramas|movies|films|shows|series) premiering\b|"
    r"전문가 별점|\b(?:\d+|ten|five|four|three) (?:korean )?(?:movies|films|dramas)\b",
    re.IGNORECASE,
)
_STREAM_IT = re.compile(
    r"^Stream It or Skip It:\s*(?P<film>.+?)\s+on\s+(?:Netflix|Hulu|Max|Disney\+|Prime Video|"
    r"Apple TV\+|Peacock|Paramount\+|Mubi|Shudder|Tubi|Netflix's)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "final": 0,
}


@dataclass
class _Film:
    title: str | None = None
    hangul: str | None = None
    year: int | None = None
    season: int | None = None
    roundup: bool = False
    work: Work | None = None
    source: str = ""
    candidates: list[Work] = field(default_factory=list)


def _clean_film(text: str) -> tuple[str, int | None, int | None]:
    """Tidy an extracted title; split off "(2023)" and a season suffix."""
    film = text.strip().strip("'\"").strip()
    film = re.sub(r"\s*[-–—:|,]\s*$", "", film)
    year: int | None = None
    season: int | None = None
    film = re.sub(r"\)\s+by\s+[A-Z][\w.\- ]+$", ")", film)  # "Review: X (2023) by Director"
    m = _TITLE_YEAR.match(film)
    if m:
        film, year = m.group("film"), int(m.group("year"))
    m = _SEASON_SUFFIX.match(film)
    if m:
        film, season = m.group("film"), int(m.group("n"))
    film = re.sub(r"\s+by\s+[A-Z][\w.\- ]+$", "", film)  # "Film Review: X (2023) by Director"
    if re.search(r"[A-Za-z]", film):
        # "Boyhood (소년시대)": the Korean title in brackets after the English one is an alias
        film = re.sub(r"\s*[(\[（]\s*[가-힣][가-힣\d\s:,.!?·'’-]*[)\]）]\s*$", "", film)
    return film.strip().strip("'\"").strip(), year, season


#: capitalised words in headlines that are not titles
_ACRONYM_WORDS = (
    "BTS TV OTT K-POP KPOP CJ ENM US UK USA HBO KBS MBC SBS JTBC ENA OCN TVN TVING BIFF TIFF "
    "NYFF LFF SXSW LA NYC AI CEO VR IMAX 4K 3D DVD OST MV CGV KOFIC KOBIZ NETFLIX DISNEY+ "
    "REVIEW EXCLUSIVE WATCH VIDEO PHOTOS PHOTO UPDATE BREAKING LEAD INTERVIEW BOX OFFICE NEWS "
    "FIRST LOOK TRAILER TEASER POSTER NO. VS VS. OK FYI TBA TBD MCU DC HK N. S. BAFTA SAG AFI "
    "OSCAR OSCARS "
)
_ACRONYMS = frozenset(_ACRONYM_WORDS.split())


def _caps_title(lexicon: Lexicon, headline: str) -> str | None:
    """A title set in capitals in a mixed-case headline (house style at KoBiz and Modern
    Korean Cinema: "BOX OFFICE: FIREFIGHTERS Opens on Top", "CANNES 2024: I, THE EXECUTIONER
    Joins ..."). A leading capitalised tag ending in a colon is skipped; acronyms are not
    titles. The first qualifying run wins (the headline's subject)."""
    if not re.search(r"[a-z]", headline):
        return None  # an all-capitals headline says nothing about which words are the title
    runs: list[list[str]] = []
    current: list[str] = []
    for token in headline.split():
        bare = token.strip(",:;!?()'\"")
        capital = bool(bare) and not re.search(r"[a-z]", bare) and bool(re.search(r"[A-Z]", bare))
        number = bool(re.fullmatch(r"\d{1,4}(?:\.\d+)?", bare)) and bool(current)
        if capital or number:
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    for run in runs:
        text = " ".join(run)
        parts = [text]
        if ":" in text:
            parts += [p.strip() for p in text.split(":")[1:] if p.strip()]
        for part in parts:
            part = part.strip(",:;!?'\" ")
            known = _known(lexicon, part)
            if known:
                return part
        tail = parts[-1].strip(",:;!?'\" ")
        words = [w.strip(",:;!?'\"") for w in tail.split()]
        letters = sum(ch.isalpha() for ch in tail)
        if all(w.upper() in _ACRONYMS or not w for w in words):
            continue
        if (len(words) >= 2 and letters >= 6) or (len(words) == 1 and letters >= 5):
            return _title_case(tail)
    return None


_SMALL_WORD_LIST = "a an the of and or in on at to for by with from as vs"
_SMALL_WORDS = frozenset(_SMALL_WORD_LIST.split())


def _title_case(caps: str) -> str:
    """ "THE PLOT OF SAND" -> "The Plot of Sand" (an uncurated title set in capitals)."""
    words = caps.lower().split()
    out = []
    for index, word in enumerate(words):
        if index and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(re.sub(r"^(\W*)(\w)", lambda m: m.group(1) + m.group(2).upper(), word))
    return " ".join(out)


def _known_prefix(lexicon: Lexicon, text: str, *, marked: bool = False) -> str | None:
    """The longest curated title that ``text`` starts with, ending at a word boundary; a
    one-word title only when a verb, punctuation or the end follows it ("Cobweb Knocks on the
    Walls", not "Exit Wounds"), or when the caller's grammar already ``marked`` a title here."""
    words = text.split()
    for k in range(min(len(words), 12), 0, -1):
        candidate = " ".join(words[:k]).rstrip(",:;.!?-–—")
        if not candidate or not _known(lexicon, candidate):
            continue
        if k == 1 and not marked:
            after = " " + " ".join(words[1:2])
            if words[1:] and not (
                _HEADLINE_VERB.match(after) or words[0][-1] in ",:;.!?" or words[1][0] in "-–—|"
            ):
                continue
        return candidate
    return None


def _film_in_lead(lexicon: Lexicon, rest: str) -> str:
    """The film after "Review:": a title in capitals, else the longest curated title the text
    starts with (also after a possessive: "Hong Sang-soo's A Traveler's Needs Pours ..."), else
    a curated colon-split candidate, else the words before the first headline verb."""
    caps = _caps_title(lexicon, rest)
    if caps and rest.startswith(caps.split()[0]):
        return caps
    options = _split_candidates(rest)
    for text in (rest, *(m.group("rest") for m in [_POSSESSIVE_LEAD.match(rest)] if m)):
        prefix = _known_prefix(lexicon, text)
        if prefix:
            return prefix
    for option in sorted(options, key=len, reverse=True):
        if _known(lexicon, _clean_film(option)[0]):
            return option
    head = options[0]
    verb = _HEADLINE_VERB.search(head)
    if verb and verb.start() > 0:
        head = head[: verb.start()]
    return head


def _split_candidates(rest: str) -> list[str]:
    """After "Review | " or "Review: ": the film runs to " - " or a colon; try each colon as
    the end so titles with a colon ("Dune: Part Two: ...") survive."""
    head = re.split(r"\s+[-–—]\s+|\s\|\s", rest, maxsplit=1)[0]
    parts = head.split(": ")
    return [": ".join(parts[: i + 1]) for i in range(len(parts))]


def _known(lexicon: Lexicon, title: str) -> list[Work]:
    return lexicon.works_titled(title)


def _titles_in_headline(lexicon: Lexicon, title: str) -> list[tuple[int, str]]:
    """Curated titles written in an unquoted headline: multi-word titles anywhere (as written,
    case-sensitive); one-word titles only where headline grammar marks them as a title: at the
    start before a comma, colon, dash or verb ("Cobweb Is ..."), or after a possessive
    ("Lee Isaac Chung's tender Minari", "Kim Jee-woon's Cobweb Is ...")."""
    found: list[tuple[int, str]] = []
    multi, single = lexicon.title_patterns
    for m in multi.finditer(title):
        found.append((m.start(), m.group(0)))
    for m in single.finditer(title):
        name, start = m.group("name"), m.start("name")
        after = title[m.end("name") :]
        ends = not after.strip() or after[0] in ",:;.!?" or bool(re.match(r"\s+[-–—|]\s", after))
        verb = bool(_HEADLINE_VERB.match(after))
        before = title[:start]
        possessive = bool(re.search(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}$", before))
        if (start == 0 and (ends or verb)) or (possessive and (ends or verb)):
            found.append((start, name))
    if has_hangul(title):
        for work in lexicon.works:
            # the Hangul title and Hangul short names ("우영우" for "이상한 변호사 우영우")
            for name in (work.hangul or "", *work.aliases):
                if len(name) >= 3 and has_hangul(name) and name in title:
                    found.append((title.index(name), name))
    found.sort()
    # drop names inside a longer found name ("Believer" inside "Believer 2")
    kept: list[tuple[int, str]] = []
    for pos, name in sorted(found, key=lambda f: -len(f[1])):
        if not any(p <= pos < p + len(n) for p, n in kept):
            kept.append((pos, name))
    return sorted(kept)


def _headline_subject(lexicon: Lexicon, rest: str) -> str | None:
    """The part of a review headline that names what is reviewed, or None when the headline
    has no review form: "X" in "'X' review: subtitle", "X review | subtitle" and "Review: X -
    subtitle" (also "Review: X Digs Deep", X a curated title before a headline verb). Whatever
    the subtitle says ("and more", other quoted works) describes the one work under review."""
    m = _REVIEW_LEAD.match(rest)
    if m:
        lead = m.group("rest")
        head = _split_candidates(lead)[0]
        if head != lead:
            return head
        prefix = _known_prefix(lexicon, lead)
        if prefix and _HEADLINE_VERB.match(lead[len(prefix) :]):
            return prefix
        return None
    m = _REVIEW_TAIL.match(rest)
    if m and len(m.group("film")) <= 80:
        return m.group("film")
    return None


#: Title Case headline openings that start a sentence, not a title
_NOT_A_TITLE_START_WORDS = (
    "Why How What When Where Who Which Everything Here This These Our Your Best New Top Every "
    "Inside Watch Exclusive Netflix Netflix's"
)
_NOT_A_TITLE_START = frozenset(_NOT_A_TITLE_START_WORDS.split())


def _looks_like_title(text: str, max_words: int = 7) -> bool:
    """Whether an unquoted phrase reads as a title: a few words, each capitalised (or a small
    word or a number), and no headline verb among them ("Alice in Borderland", not "Netflix
    Sets")."""
    words = text.split()
    if not 1 <= len(words) <= max_words or not (text[0].isupper() or text[0].isdigit()):
        return False
    if _HEADLINE_VERB.search(f" {text}") or words[0] in _NOT_A_TITLE_START:
        return False
    if len(words) > 1 and words[-1].lower() in _SMALL_WORDS:
        return False  # "Everything We Know About (Season 2)"
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)


def _title_words(text: str, max_words: int = 10) -> bool:
    """Whether a phrase reads as a title allowing inner punctuation ("Rebel Moon – Part One: A
    Child of Fire"): every word capitalised, a number or a small word, no headline verb."""
    words = [w for w in text.split() if re.search(r"\w", w)]
    if not 1 <= len(words) <= max_words or words[0] in _NOT_A_TITLE_START:
        return False
    if _HEADLINE_VERB.search(f" {text}"):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)


def _title_before_season(lexicon: Lexicon, rest: str) -> str | None:
    """The unquoted title a headline opens with before "season N": a curated title ending
    there ("Netflix Renews Squid Game Season 3"), else the whole lead when it reads as a title
    (after a possessive: "Netflix's Alice in Borderland Season 3 ...")."""
    m = _SEASON_LEAD.match(rest)
    if not m:
        return None
    lead = m.group("film").strip()
    pm = _POSSESSIVE_LEAD.match(lead)
    words = lead.split()
    for k in range(len(words)):
        tail = " ".join(words[k:])
        if _known(lexicon, tail):
            return tail
    lead = pm.group("rest") if pm else lead
    return lead if _looks_like_title(lead) else None


_PRONOUN = re.compile(
    r"\b(?:I|I'm|I've|(?i:me|my|we|us|our|you|your|he|him|his|she|her|they|them|it's))\b"
)


def _is_speech(quote: str) -> bool:
    """A quotation, not a title: a sentence-case clause with a pronoun ("Chekhov gave me the
    grammar"). Titles are title case ("I Saw the Devil"), so their words are capitalised."""
    words = quote.split()
    lower = [w for w in words if w[0].islower() and w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and len(lower) >= 2 and bool(_PRONOUN.search(quote))


#: "Ryusuke Hamaguchi on Drive My Car: ...": an interview headline, a name then the work
_NAME_ON_TITLE = re.compile(
    r"^(?:[A-Z][\w.'-]*\s+){2,3}on\s+(?P<film>[A-Z0-9][^:|]{0,60}?)\s*(?::|\s[-|]\s)"
)
#: "Went From Minari to Twisters": a career move, whose subject is where it leads
_FROM_TO = re.compile(r"\b(?i:from)\s+(?P<a>.+?)\s+(?i:to)\s+(?P<b>\S.*)$")
#: "Debuts Official Trailer for Road House, Premiering March 21"
_PROMO_FOR = re.compile(
    r"\b(?i:trailers?|teasers?|posters?|first[- ]look|images|stills|clip|featurette)\s+"
    r"(?i:for|of)\s+(?P<film>[A-Z0-9][^,:;|]{0,60}?)"
    r"(?=\s*(?:[,:;|]|\s-\s|$)|\s+(?i:premiering|arriving|ahead|starring|coming|debuting|"
    r"out|on|with|from|in)\b)"
)
#: an all-capitals press-release headline: the title sits between a format word and a verb
#: ("HBO ORIGINAL LIMITED SERIES THE SYMPATHIZER DEBUTS SUNDAY, APRIL 14 ON HBO AND MAX")
_PRESS_CAPS = re.compile(
    r"\b(?:SERIES|FILM|MOVIE|DOCUMENTARY|DOCUSERIES|DRAMA|SPECIAL|FEATURE|ANIMATION|THRILLER|"
    r"COMEDY)\s+(?P<film>[A-Z0-9][^,:;|]{1,60}?)\s+(?:DEBUTS|PREMIERES|ARRIVES|RETURNS|LANDS|"
    r"LAUNCHES|STREAMS|OPENS|COMES|HITS|BEGINS|IS|WILL|TO|SETS|GETS|STARTS|DROPS|ANNOUNCES|"
    r"RENEWED|RETURNING|PREMIERING|DEBUTING|NOW)\b"
)


def _unquoted_title(lexicon: Lexicon, rest: str) -> tuple[str, str] | None:
    """(title, rule) for the unquoted headline forms whose grammar marks the title: an
    all-capitals press headline, "X season N ...", "<Name> on X: ...", "from A to B", and
    "trailer for X, ..."."""
    if not re.search(r"[a-z]", rest):
        m = _PRESS_CAPS.search(rest)
        if m:
            return _title_case(m.group("film")), "all-capitals press headline 'FORMAT X VERB'"
        for m in lexicon.title_patterns[0].finditer(_title_case(rest)):
            return m.group(0), "curated title in an all-capitals headline"
    season_lead = _title_before_season(lexicon, rest)
    if season_lead:
        return season_lead, "title pattern 'X season N ...'"
    m = _NAME_ON_TITLE.match(rest)
    if m and not _FILM_WORDS.search(rest[: m.start("film")]):
        film = m["film"]
        if _known(lexicon, film) or (
            _looks_like_title(film) and not re.fullmatch(_PLATFORM_NAMES, film)
        ):
            return film, "title pattern '<Name> on X:'"
    m = _FROM_TO.search(rest)
    if m:
        before = _known_prefix(lexicon, m.group("a"), marked=True)
        after = _known_prefix(lexicon, m.group("b"), marked=True)
        if before and after:
            return after, "title pattern 'from A to B' (B)"
    m = _PROMO_FOR.search(rest)
    if m:
        film = m.group("film")
        pm = _POSSESSIVE_LEAD.match(film)
        film = pm.group("rest") if pm else film
        if _known(lexicon, film) or _looks_like_title(film):
            return film, "title pattern 'trailer for X'"
    return None


def _season_in(text: str) -> int | None:
    m = re.search(r"\bSeasons?\s+(\d{1,2})\b(?!\s*(?:and|&|-|–)\s*\d)", text, re.IGNORECASE)
    if m:
        return int(m.group(1))
    m = re.search(r"시즌\s?(\d{1,2})", text)
    if m:
        return int(m.group(1))
    m = re.search(r"\b(first|second|third|fourth|fifth)\s+season\b", text, re.IGNORECASE)
    if m and not re.search(r"\bseasons\b", text, re.IGNORECASE):
        return _NUMBER_WORDS[m.group(1).lower()]
    return None


def _extract_film(doc: _Doc, lexicon: Lexicon, reasons: list[str]) -> _Film:
    title = _PREFIX_TAGS.sub("", doc.title)
    film = _Film()

    lb_title = doc.extra.get("letterboxd_filmtitle")
    if lb_title:
        film.title, film.source = lb_title.strip(), "letterboxd:filmTitle"
        year = doc.extra.get("letterboxd_filmyear", "")
        film.year = int(year) if year.isdigit() else None
        return film
    m = _LETTERBOXD_TITLE.match(title)
    letterboxd = "letterboxd" in f"{doc.guid} {doc.link}".lower()
    if m and not quoted(title) and (m.group("stars") or letterboxd):
        film.title, film.year = m.group("film").strip(), int(m.group("year"))
        film.source = "title pattern 'Film, Year'"
        return film

    rest = title
    tag = ""
    bm = _BRACKET.match(title)
    if bm:
        tag, rest = bm.group("tag"), bm.group("rest")

    quotes = quoted(rest)
    if has_hangul(rest):
        # Korean headlines quote titles with '...' and speech with "..."
        quotes = [q for q in quotes if f"'{q}'" in rest]
    else:
        quotes = [q for q in quotes if not _is_speech(q)]
    if _PULL_QUOTE.match(rest):
        quotes = []  # "X review: 'A whirlwind of fun'": the quote is the critic's, not a title
    if len(quotes) >= 2:
        credited = [
            q
            for q in quotes
            if re.search(rf"['\"]{re.escape(q)}['\"]{_CREDIT_AFTER.pattern}", rest)
        ]
        if credited and len(credited) < len(quotes):
            quotes = [q for q in quotes if q not in credited]
    # "X joins the Midnight Screenings line-up" is about X, not a lineup
    joins = re.search(
        r"\bjoins?\b|\bto join\b|\badded to\b|\bselected (?:for|in)\b|\bnamed to\b",
        title,
        re.IGNORECASE,
    )
    # roundup words count only where they describe the headline's subject: in "'Exhuma'
    # review: Choi Min-sik digs up a grave and more" the subtitle's "and more" is not a roundup
    subject = _headline_subject(lexicon, rest) or title
    subject_quotes = quotes if subject is title else quoted(subject)
    if _ROUNDUP_TITLE.search(subject) and (
        (len(subject_quotes) != 1 and not joins)
        or re.search(r"\b(?:and|&) more\b|\bslate\b", subject, re.IGNORECASE)
        or (
            re.search(r"\bline-?up\b", subject, re.IGNORECASE)
            and not joins
            and not (
                len(subject_quotes) == 1 and re.search(r"\bincludes?\b|\bfeatures?\b", subject)
            )
        )
    ):
        film.roundup, film.source = True, "roundup headline"
        return film
    if len(subject_quotes) >= 3:
        film.roundup, film.source = True, f"{len(subject_quotes)} quoted titles"
        return film
    if len(quotes) >= 2 and re.search(
        rf"'{re.escape(quotes[0])}'\s+(?:from|off|in)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
        rf"'{re.escape(quotes[1])}'",
        rest,
    ):
        # "'Golden' from 'KPop Demon Hunters'": a song, scene or character of the work quoted
        # second
        film.title, film.source = quotes[1], f"'X' from {quotes[1]!r}: the work quoted second"
        return film
    if quotes:
        # an awards or chart headline naming several works is about the first one quoted
        film.title, film.source = quotes[0], f"quoted title {quotes[0]!r}"
        return film

    m = _STREAM_IT.match(rest)
    if m:
        film.title, film.source = m.group("film"), "title pattern 'Stream It Or Skip It: X On'"
        return film
    m = _STAR_NUMBER_TITLE.match(rest)
    if m:
        film.title, film.source = m.group("film"), "title pattern 'X ★ N.N'"
        return film
    if tag and _REVIEW_TAG.search(tag) and has_hangul(rest):
        # "[드라마 리뷰] 트리거 (디즈니+) – 김혜수의 탐사보도극": the title runs to the
        # platform in brackets or the dash before the critic's line
        m = re.match(r"^(?P<film>[^(\[|:–—]{1,40}?)\s*(?:\(|\s[–—-]\s|$)", rest)
        if m:
            film.title, film.source = m.group("film"), f"title after tag [{tag}]"
            return film
    m = _REVIEW_LEAD.match(rest)
    if m:
        film.title = _film_in_lead(lexicon, m.group("rest"))
        film.source = "title pattern 'review: X'"
        return film
    caps = _caps_title(lexicon, rest)
    if caps:
        film.title, film.source = caps, f"title in capitals {caps!r}"
        return film
    m = _REVIEW_TAIL.match(rest)
    if m and len(m.group("film")) <= 80:
        film.title, film.source = m.group("film"), "title pattern 'X review'"
        return film
    m = _RELEASE_DATE_TITLE.match(rest)
    if m:
        # "Mission: Cross Netflix Release Date": the service is not part of the title
        name = re.sub(rf"\s+{_PLATFORM_NAMES}(?:['’]s)?$", "", m["film"])
        if _known(lexicon, name) or _title_words(name):
            film.title, film.source = name, "title pattern 'X Release Date'"
            return film
    m = _TITLE_YEAR.match(rest)
    if m:
        film.title, film.source = rest, "title pattern 'X (Year)'"
        return film
    m = _SEASON_SUFFIX.match(rest)
    if m and (
        has_hangul(m["film"]) or _known(lexicon, m["film"]) or _looks_like_title(m["film"], 10)
    ):
        film.title, film.source = rest, "title pattern 'X: Season N'"
        return film

    unquoted = _unquoted_title(lexicon, rest)
    if unquoted:
        film.title, film.source = unquoted
        return film

    found = _titles_in_headline(lexicon, rest)
    distinct = {normalize_title(name) for _, name in found}
    if len(distinct) >= 2 and ("," in rest or " and " in rest):
        film.roundup, film.source = True, "several curated titles in the headline"
        return film
    if found:
        film.title, film.source = found[0][1], f"curated title {found[0][1]!r} in the headline"
        return film
    m = _HEADLINE_VERB.search(rest)
    if m and m.start() > 0 and rest[m.start() + 1].isupper() and _review_meta(doc):
        # a review's sentence headline, "The Hunt Is a Gory, Gleeful Satire": the title-case
        # words before the verb name the work (not a person: "Kim Hye-soo Is ...")
        span = rest[: m.start()]
        if _looks_like_title(span, 6) and lexicon.person(span) is None:
            film.title, film.source = span, "title-case subject before a headline verb"
            return film
    if tag:
        film.source = f"tag [{tag}]"
    return film


def _slug_words(link: str) -> str:
    path = re.sub(r"[?#].*$", "", link).rstrip("/")
    slug = path.rsplit("/", 1)[-1] if "/" in path else ""
    return f"-{slug.lower()}-"


def _film_in_body(doc: _Doc, lexicon: Lexicon) -> str | None:
    """When the headline names no work ("Ma Dong-seok Is Back, and He's Hunting"), the curated
    title the text is about: named at least twice, or once and in the link's slug. A title
    named once in passing ("the 'Concrete Utopia' universe") is context, not the subject."""
    multi, single = lexicon.title_patterns
    counts: dict[str, int] = {}
    for m in multi.finditer(doc.body):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    for m in single.finditer(doc.body):
        name = m.group("name")
        if f"'{name}'" in doc.body or re.match(
            r"\s+(?:premieres?|arrives?|is|stars?)\b", doc.body[m.end() :]
        ):
            counts[name] = counts.get(name, 0) + 1
    slug = _slug_words(doc.link)
    best: tuple[int, str] | None = None
    for name, count in counts.items():
        score = count + (2 if f"-{_normalize_slug(name)}-" in slug else 0)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best else None


def _normalize_slug(name: str) -> str:
    """ "Badland Hunters" -> "badland-hunters", as outlets write titles in links."""
    return re.sub(r"[^a-z0-9]+", "-", plain_quotes(name).lower()).strip("-")


def _resolve_film(
    film: _Film, doc: _Doc, lexicon: Lexicon, published: datetime, korean_hint: bool | None
) -> None:
    """Clean the raw title, split year and season, map spellings to the curated canonical
    English title (and its Hangul), and settle same-title clashes."""
    if film.title is None:
        return
    cleaned, year, season = _clean_film(film.title)
    film.title = cleaned
    film.year = film.year or year
    film.season = film.season or season
    if film.season is None:
        film.season = _season_in(doc.title)
    candidates = _known(lexicon, cleaned)
    if not candidates:
        m = re.match(r"^(?P<base>.+?)\s*(?P<n>\d{1,2})$", cleaned)
        if m:
            series = [w for w in _known(lexicon, m.group("base")) if w.series]
            if series:
                candidates, film.season = series, film.season or int(m.group("n"))
    if not candidates:
        m = re.match(r"^(?P<base>.+?)\s+Part\s+(?P<n>\d)$", cleaned, re.IGNORECASE)
        if m and [w for w in _known(lexicon, m.group("base")) if w.series]:
            candidates = [w for w in _known(lexicon, m.group("base")) if w.series]
            film.season = film.season or 1
    if re.search(r"\bPart\s+\d\b", doc.title) and candidates and candidates[0].series:
        film.season = film.season or 1
    film.candidates = candidates
    numbered = re.search(r"(?:\bClass|\bPart|시즌)?\s*(\d{1,2})$", cleaned)
    if (
        numbered
        and candidates
        and all(w.series for w in candidates)
        and normalize_title(cleaned) != normalize_title(candidates[0].title)
    ):
        # "Weak Hero Class 2", "지옥2": an alias with a number names one season of the series
        film.season = film.season or int(numbered.group(1))
    work = choose_work(
        candidates,
        text=doc.all_text,
        lexicon=lexicon,
        published_year=published.year,
        stated_year=film.year,
        korean=korean_hint,
    )
    if work is not None and _contradicted(work, cleaned, doc, lexicon, published, film.year):
        # "고레에다 히로카즈 감독의 신작 '괴물'" is not Bong Joon-ho's 2006 '괴물'
        film.source += f" (not {work.title!r}: its people and year do not fit)"
        work = None
    if (
        work is not None
        and film.year is not None
        and work.year is not None
        and not work.series
        and abs(film.year - work.year) > 1
    ):
        # "Unlocked, 2017": a year stated with the title names another work of that title
        # than the curated one (the Korean "Unlocked" is 2023)
        film.source += f" (not {work.title!r}: the stated year {film.year} is not its year)"
        work = None
    if work is not None:
        film.work = work
        film.title = work.title
        film.hangul = work.hangul
        film.year = film.year or (work.year if not work.series else None)
    elif has_hangul(cleaned):
        film.hangul = cleaned


def _contradicted(
    work: Work, name: str, doc: _Doc, lexicon: Lexicon, published: datetime, stated: int | None
) -> bool:
    """Whether a Korean work matched by its Hangul title is contradicted by the text: a
    foreign director is credited in Hangul, none of the work's people is named, and the work
    is years older than the entry (a same-title foreign film released now, not a classic)."""
    if not work.korean or not has_hangul(name) or work.series or work.year is None:
        return False
    if stated is not None or published.year - work.year < 3:
        return False
    if not any(h.group(0).rstrip().endswith("감독") for h in _foreign_hangul_names(doc.body)):
        return False
    for person_name in work.people:
        person = lexicon.person(person_name)
        if mentions_name(doc.all_text, person_name) or (
            person is not None and person.hangul and person.hangul in doc.all_text
        ):
            return False
    return True


# ============================================================================================
# Ratings


_LETTER_GRADES = ["F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"]
_WORD_NUM = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|half a|a half)"
_NOT_CRITIC = re.compile(
    r"IMDb|Rotten Tomatoes|Metacritic|Letterboxd average|TMDB|audience|users|viewers|"
    r"네티즌|관람객|실관람",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Rating:
    value: float
    text: str
    pos: int


def _number(token: str) -> float:
    token = token.lower().strip()
    if token in ("half a", "a half"):
        return 0.5
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    return float(token.replace("½", ".5"))


def _rating_patterns() -> list[tuple[re.Pattern[str], str]]:
    num = r"(\d{1,2}(?:\.\d{1,2})?|\d?½)"
    return [
        (re.compile(r"(\d{1,3}(?:\.\d+)?)\s*점\s*만점에\s*(\d{1,3}(?:\.\d+)?)\s*점"), "ko_of"),
        (
            re.compile(
                rf"(?<![\d/.]){num}\s*(?:/|out of)\s*(10|5|4|100)\b(?:\s*stars?)?(?![/\d])",
                re.IGNORECASE,
            ),
            "of",
        ),
        (
            re.compile(
                rf"\b({_WORD_NUM}(?:[- ]and[- ]a[- ]half)?)\s+stars?\s+out\s+of\s+"
                rf"(four|five|ten)\b",
                re.IGNORECASE,
            ),
            "words_of",
        ),
        (
            re.compile(
                # a label, a line of its own, or the last sentence of a paragraph ("...
                # warm and rousing. Three and a half stars.")
                rf"(?:(?:Rating|Verdict|Score|Stars)\s*[:：]\s*|^|\n|(?<=[.!?])\s+)"
                rf"({_WORD_NUM}(?:[- ]and[- ]a[- ]half)?)\s+stars?\.?\s*(?:$|\n)",
                re.IGNORECASE,
            ),
            "words",
        ),
        (
            re.compile(
                r"(?<![\w./-])(\d(?:\.\d)?|\d?½)\s*stars?(?=\s*(?:$|[.,;)\]\n]))",
                re.IGNORECASE | re.MULTILINE,
            ),
            "num_stars",
        ),
        (
            re.compile(r"(?:Grade|Rating|Score|Verdict)\s*[:：]\s*([A-F](?:\+|-|−)?)(?![\w+\-])"),
            "grade",
        ),
        (re.compile(r"(?:평점|별점|점수)\s*[:：]?\s*(\d{1,2}(?:\.\d)?)\s*점"), "ko_point"),
        (re.compile(r"(?:^|\s)(\d{1,2}(?:\.\d)?)점\s*$", re.MULTILINE), "ko_point"),
        # "★ 4.5" (Watcha Pedia): one star glyph then the number on the 5-point scale; first,
        # so the lone glyph is not read as one star
        (
            re.compile(r"(?:(?<=\s)|(?<=^)|(?<=>))★\s?([0-5](?:\.\d)?)(?![\d./])", re.MULTILINE),
            "star_number",
        ),
        (re.compile(r"(?:(?<=\s)|(?<=^)|(?<=:))([★]+½?☆*|½)(?=\s|$|[.,)])", re.MULTILINE), "stars"),
    ]


_RATING_PATTERNS = _rating_patterns()


def _ratings_in(text: str, offset: int) -> list[_Rating]:
    found: list[_Rating] = []
    taken: list[tuple[int, int]] = []
    for pattern, how in _RATING_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            around = text[max(0, start - 30) : end + 30]
            if _NOT_CRITIC.search(around):
                continue
            value: float | None = None
            if how == "ko_of":
                scale, n = float(m.group(1)), float(m.group(2))
                value = n / scale * 5 if scale and n <= scale else None
            elif how == "of":
                n, scale = _number(m.group(1)), int(m.group(2))
                if n > scale:
                    continue
                labelled = re.search(
                    r"(?:Score|Rating|Grade|Verdict|Stars|평점|별점)\s*[:：]?\s*$",
                    text[max(0, start - 12) : start],
                    re.IGNORECASE,
                )
                if scale == 4 and not (re.search(r"stars?", m.group(0), re.I) or labelled):
                    continue  # "3/4" alone is a fraction more often than a rating
                if scale == 100 and not re.search(r"(?:score|rating)", around, re.IGNORECASE):
                    continue
                value = {10: n / 2, 5: n, 4: n * 1.25, 100: n / 20}[scale]
            elif how == "words_of":
                n = _number(re.sub(r"[- ]and[- ]a[- ]half", "", m.group(1), flags=re.I))
                if re.search(r"and[- ]a[- ]half", m.group(1), re.IGNORECASE):
                    n += 0.5
                scale = {"four": 4, "five": 5, "ten": 10}[m.group(2).lower()]
                value = n * 5 / scale
            elif how == "words":
                n = _number(re.sub(r"[- ]and[- ]a[- ]half", "", m.group(1), flags=re.I))
                if re.search(r"and[- ]a[- ]half", m.group(1), re.IGNORECASE):
                    n += 0.5
                value = n if n <= 5 else None
            elif how == "num_stars":
                n = _number(m.group(1))
                value = n if n <= 5 else None
            elif how == "grade":
                grade = m.group(1).replace("−", "-")
                value = round(_LETTER_GRADES.index(grade) * 5 / 12, 2)
            elif how == "ko_point":
                n = float(m.group(1))
                value = n / 2 if n <= 10 else None
            elif how == "star_number":
                if re.search(r"평균|average|avg\.?", text[max(0, start - 10) : start], re.I):
                    continue  # "평균 ★4.2 (38,120명)": the audience average, not the critic's
                value = float(m.group(1))
            elif how == "stars":
                stars = m.group(1)
                value = stars.count("★") + 0.5 * stars.count("½")
            if value is None:
                continue
            taken.append((start, end))
            rating_text = m.group(0).strip()
            if how in ("ko_point", "grade", "stars", "of", "words"):
                rating_text = (
                    re.sub(
                        r"^(?:평점|별점|점수)\s*[:：]?\s*|^(?:Grade|Rating|Score|Verdict|Stars)\s*"
                        r"[:：]\s*",
                        "",
                        rating_text,
                    )
                    if how in ("ko_point", "grade", "stars")
                    else rating_text
                )
            found.append(_Rating(round(value, 3), rating_text, offset + start))
    return found


def _extract_rating(doc: _Doc, reasons: list[str]) -> tuple[float | None, str | None, int]:
    """(rating, the text stating it, how many different critic's ratings the entry states):
    several different ones make a roundup, whose rating is null."""
    member = doc.extra.get("letterboxd_memberrating")
    if member:
        try:
            value = float(member)
        except ValueError:
            value = None
        if value is not None:
            reasons.append(f"rating={value}: letterboxd:memberRating")
            return value, member, 1
    found: list[_Rating] = []
    offset = 0
    for text in doc.raw:
        found.extend(_ratings_in(text, offset))
        offset += len(text) + 1
    if not found:
        return None, None, 0
    values = {r.value for r in found}
    if len(values) > 1:
        reasons.append(f"rating=null: {len(found)} different ratings (a roundup)")
        return None, None, len(found)
    first = min(found, key=lambda r: r.pos)
    # a fuller statement of the same value ("Rating: 7/10") is not needed: keep the first
    reasons.append(f"rating={first.value}: {first.text!r}")
    return first.value, first.text, 1


# ============================================================================================
# Platform


_PLATFORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("netflix", re.compile(r"\bNetflix\b|넷플릭스", re.IGNORECASE)),
    ("disney_plus", re.compile(r"\bDisney\s?\+|\bDisney Plus\b|디즈니\s?\+|디즈니\s?플러스")),
    ("prime_video", re.compile(r"\bPrime Video\b|\bAmazon Prime\b|프라임\s?비디오")),
    ("apple_tv_plus", re.compile(r"\bApple TV\s?\+|\bApple TV Plus\b|애플\s?TV\s?\+")),
    ("tving", re.compile(r"\bTVING\b|\bTving\b|티빙")),
    ("coupang_play", re.compile(r"\bCoupang Play\b|쿠팡\s?플레이")),
    ("wavve", re.compile(r"\bWavve\b|(?<![가-힣])웨이브(?![가-힣])")),
    ("watcha", re.compile(r"\bWatcha\b|왓챠")),
    ("mubi", re.compile(r"\bMUBI\b|\bMubi\b")),
    ("shudder", re.compile(r"\bShudder\b")),
    ("hulu", re.compile(r"\bHulu\b|훌루")),
    ("max", re.compile(r"\bHBO Max\b|\bon Max\b|\bMax (?:original|series|film)|\bMax's\b")),
)


#: broadcasters: not platforms we report, but a roundup naming one next to a streamer is not
#: about one service
_BROADCASTERS = re.compile(r"\b(?:tvN|JTBC|KBS2?|MBC|SBS|ENA|OCN|Channel A|MBN)\b")
#: a sentence about another work or an earlier season ("A separate series adaptation will
#: premiere on TVING", "The first season, which premiered on Wavve")
_CONTRAST = re.compile(
    r"\b(?:also|separate|another|other|earlier|previous|prior|first season|last season|"
    r"original (?:series|film|version)|remake|adaptation of the same|compared)\b|별도|별개|"
    r"앞서|전작",
    re.IGNORECASE,
)


def _extract_platform(doc: _Doc, reasons: list[str], roundup: bool = False) -> str | None:
    """The one service the entry is about: named in the headline or a category, or in the
    text, where a sentence about another work or an earlier season counts for little. A
    roundup or list naming several services (or a service and a broadcaster) has none."""
    scores: dict[str, float] = {}
    in_title: set[str] = set()
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", doc.body) if s.strip()]
    for name, pattern in _PLATFORMS:
        title_hits = len(pattern.findall(doc.title))
        if title_hits:
            in_title.add(name)
        score = 3.0 * title_hits
        score += 2.0 * sum(1 for c in doc.categories if pattern.search(c))
        for sentence in sentences:
            hits = len(pattern.findall(sentence))
            if hits:
                score += hits * (0.25 if _CONTRAST.search(sentence) else 1.0)
        if score:
            scores[name] = score
    if not scores:
        return None
    if len(in_title) >= 2:
        reasons.append(f"platform=null: the headline names several services {sorted(in_title)}")
        return None
    if roundup and not in_title:
        named = len(scores) + (1 if _BROADCASTERS.search(doc.body) else 0)
        if named >= 2:
            reasons.append("platform=null: a roundup naming several services")
            return None
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < 1:
        reasons.append(f"platform=null: {best} only named in passing")
        return None
    reasons.append(
        f"platform={best}: named {'in the headline' if scores[best] >= 3 else 'in the text'}"
    )
    return best


# ============================================================================================
# Dates


_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_ANY = _MONTH.replace("(?P<mon>", "(?:")
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            rf"\b{_MONTH}\.?\s+(?P<day>\d{{1,2}}){_ORD}\b(?!\s*(?:-|–)\s*\d)"
            rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
        ),
        "mdy",
    ),
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+(?P<year>(?:19|20)"
            rf"\d\d)\b)?"
        ),
        "dmy",
    ),
    (re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<day>\d{1,2})\b"), "iso"),
    (re.compile(r"(?:(?P<year>(?:19|20)\d\d)년\s*)?(?P<m>\d{1,2})월\s*(?P<day>\d{1,2})일"), "ko"),
    (re.compile(r"(?:다음\s?달|내달)\s?(?P<day>\d{1,2})일"), "ko_next_month"),
    (re.compile(r"(?:오는|이달|이번\s?달)\s?(?P<day>\d{1,2})일"), "ko_coming"),
    (re.compile(r"오늘\s?\((?P<day>\d{1,2})일\)"), "ko_today"),
    (
        re.compile(r"(?<![\d월])(?P<day>\d{1,2})일\s*(?:전 세계에\s*)?(?:공개|개봉|첫\s?방송)"),
        "ko_coming",
    ),
)
_RELEASE_CUE = re.compile(
    r"(?:arriv|releas|premier|stream|drop|debut|land|hit|open|launch|return|coming|come out|"
    r"out on|available|air|bow|New (?:season )?on \w+|공개|개봉|방송|출시|첫선|선보)",
    re.IGNORECASE,
)
_PLATFORM_CUE = re.compile(
    r"\bon (?:Netflix|Disney\+|Prime Video|Apple TV\+|Hulu|Max|TVING|Tving|Coupang Play|Wavve|"
    r"Watcha|Mubi|MUBI|Shudder|the streaming)|Netflix|Disney\+|넷플릭스|디즈니|티빙|쿠팡|"
    r"streaming|platform",
    re.IGNORECASE,
)
_FESTIVAL_CUE = re.compile(
    r"festival|영화제|\bCannes\b|\bVenice\b|\bBerlinale\b|\bSundance\b|\bTIFF\b|\bBIFF\b|"
    r"in competition|개막",
    re.IGNORECASE,
)
_ANNOUNCE_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s){0,3}(?:announced|confirmed|revealed|said|unveiled|reported|밝혔|발표)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _DateHit:
    day: date
    pos: int
    score: float
    in_title: bool


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dates_in(text: str, published: date) -> list[tuple[int, int, date, bool]]:
    """(start, end, date, year_given) for every date in ``text``."""
    out: list[tuple[int, int, date, bool]] = []
    taken: list[tuple[int, int]] = []
    for pattern, how in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            groups = m.groupdict()
            year_given = bool(groups.get("year"))
            year = int(groups["year"]) if year_given else published.year
            day = int(groups["day"])
            if how in ("mdy", "dmy"):
                month = _MONTHS[groups["mon"][:3].lower()]
            elif how in ("iso", "ko"):
                month = int(groups["m"])
            elif how == "ko_next_month":
                month = published.month % 12 + 1
                year = published.year + (1 if published.month == 12 else 0)
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
            found = _make_date(year, month, day)
            if found is None:
                continue
            if not year_given and found < published - timedelta(days=200):
                # "Jan. 5" in a December story is next January
                found = _make_date(year + 1, month, day) or found
            taken.append((start, end))
            out.append((start, end, found, year_given))
    return out


_ANNOUNCE_BEFORE = re.compile(
    r"(?:announced|confirmed|revealed|said|reported|unveiled|told)\s+(?:on\s+)?(?:\w+,?\s+)?$",
    re.IGNORECASE,
)


def _score_date(text: str, start: int, end: int) -> float:
    sentence_start = max(*(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n")), 0)
    before = text[max(sentence_start, start - 70) : start]
    after = text[end : end + 40]
    score = 0.0
    if _RELEASE_CUE.search(before[-30:]):
        score += 2
    if _PLATFORM_CUE.search(before[-30:]):
        score += 2
    if _ANNOUNCE_BEFORE.search(before):
        score -= 3
    fest = list(_FESTIVAL_CUE.finditer(before))
    if fest:
        tail = before[fest[-1].end() :]
        if not _PLATFORM_CUE.search(tail):
            score -= 4
    if re.search(r"theaters|theatres|cinemas|극장", before[-40:], re.IGNORECASE):
        score += 0.5
    if _ANNOUNCE_AFTER.search(after) or (
        re.search(r"\bon\s*$", before[-4:])
        and re.search(r"^\W*\s*(?:\w+\s){0,2}(?:announced|confirmed|said)", after, re.I)
    ):
        score -= 3
    if re.search(r"Watched on|\bborn\b|\bdied\b", before[-20:], re.IGNORECASE):
        score -= 5
    return score


def _extract_release_date(doc: _Doc, published: datetime, reasons: list[str]) -> date | None:
    pub = published.date()
    hits: list[_DateHit] = []
    month_only: set[tuple[int, int]] = set()
    for m in re.finditer(rf"\b{_MONTH}\.?\s+(?P<year>(?:19|20)\d\d)\b", doc.title):
        month_only.add((int(m.group("year")), _MONTHS[m.group("mon")[:3].lower()]))
    for m in re.finditer(rf"\b(?:in|this|next)?\s*{_MONTH}\b(?!\.?\s*\d)", doc.title):
        if m.group("mon") not in ("May",):
            month = _MONTHS[m.group("mon")[:3].lower()]
            year = pub.year + (1 if month < pub.month - 5 else 0)
            month_only.add((year, month))
    for in_title, text in ((True, doc.title), (False, doc.body)):
        for start, end, found, _ in _dates_in(text, pub):
            score = _score_date(text, start, end) + (3 if in_title else 0)
            if (found.year, found.month) in month_only:
                score += 2
            if found < pub - timedelta(days=3):
                score -= 1.5
            elif found >= pub - timedelta(days=1):
                score += 1  # an announced date is usually still ahead
            hits.append(_DateHit(found, start, score, in_title))
    if not hits:
        if re.search(
            r"\bnow (?:streaming|available|on)\b|\bout (?:now|today)\b|오늘 공개",
            doc.title,
            re.IGNORECASE,
        ):
            reasons.append("release_date: 'now streaming', the date published")
            return pub
        return None
    best = max(hits, key=lambda h: (h.score, h.in_title, -h.pos))
    if best.score < 0:
        return None
    where = "headline" if best.in_title else "text"
    reasons.append(f"release_date={best.day.isoformat()}: from the {where} (score {best.score:g})")
    return best.day


# ============================================================================================
# Roundups: one release per listed title


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_LIST_HEADING = re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\.?\s+(?P<day>\d{{1,2}}){_ORD}\s*:?\s*")
_LIST_ITEM = re.compile(r"^(?P<title>.+?)(?:\s*\((?P<paren>[^)]*)\))?(?:\s+[-–—]\s+(?P<desc>.*))?$")


def _extract_listed(
    doc: _Doc, published: datetime, lexicon: Lexicon, feed: FeedSpec | None
) -> tuple[ListedRelease, ...]:
    """The titles of a roundup, each with its date: list lines under date headings ("Dec. 3",
    then "Title (season 1) - description"), else, in a Korean roundup written as prose, each
    sentence's quoted titles with the sentence's date ("넷플릭스는 25일 '...'를 공개한다")."""
    current: date | None = None
    out: list[ListedRelease] = []
    for raw in doc.content.splitlines() or doc.summary.splitlines():
        line = raw.strip()
        heading = _LIST_HEADING.match(line)
        if heading:
            month = _MONTHS[heading.group("mon")[:3].lower()]
            current = _make_date(published.year, month, int(heading.group("day")))
            if current and current < published.date() - timedelta(days=200):
                current = _make_date(published.year + 1, month, int(heading.group("day")))
            line = line[heading.end() :].strip()
            if not line:
                continue
        m = _LIST_ITEM.match(line)
        if not m:
            continue
        title = m.group("title").strip()
        paren = (m.group("paren") or "").strip()
        # "Title (service, Oct. 21) - description": the item carries its own date
        own = _dates_in(paren, published.date()) if paren else []
        day = own[0][2] if own else current
        if day is None or not title or len(title) > 80:
            continue
        sm = re.match(r"(?:Season|Series)\s+(\d+)", paren, re.IGNORECASE)
        out.append(_listed(lexicon, title, day, int(sm.group(1)) if sm else None, m["desc"] or ""))
    if not out and has_hangul(doc.body):
        for sentence in re.split(r"(?<=[.!?다])\s+|\n", doc.body):
            dates = _dates_in(sentence, published.date())
            bare = re.search(r"(?<![\d월])(\d{1,2})일(?!\s*(?:간|째|만|부터))", sentence)
            day = dates[0][2] if dates else _coming_day(int(bare[1]), published) if bare else None
            # particles follow a Hangul quote ("'...'를"): any '...' pair is a title here
            for title in re.findall(r"'([^'\n]{1,60})'", sentence):
                after = sentence[sentence.index(f"'{title}'") + len(title) + 2 :]
                sm = re.match(r"\s*시즌\s?(\d{1,2})", after)
                out.append(_listed(lexicon, title, day, int(sm.group(1)) if sm else None, ""))
    return tuple(out)


def _coming_day(day: int, published: datetime) -> date | None:
    """ "25일" in a story: this month's day if still ahead, else next month's."""
    month, year = published.month, published.year
    if day < published.day:
        month, year = month % 12 + 1, year + (1 if month == 12 else 0)
    return _make_date(year, month, day)


def _listed(
    lexicon: Lexicon, title: str, day: date | None, season: int | None, desc: str
) -> ListedRelease:
    """One listed title: a season suffix split off ("What If...? season 3", "약한영웅 Class 2"),
    a curated work under its canonical title, Korean from the lexicon or the description."""
    title = re.sub(r"[:,]?\s+(?:Part|Vol\.?|Volume)\s*\d+$", "", title, flags=re.IGNORECASE)
    cleaned, _, suffix_season = _clean_film(title)
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


# ============================================================================================
# Kind


_PLATFORM_NAMES = (
    r"(?:Netflix|Disney\+|Disney Plus|Prime Video|Amazon Prime|Apple TV\+|Apple TV Plus|Hulu|"
    r"Max|HBO Max|TVING|Tving|Coupang Play|Wavve|Watcha|Mubi|MUBI|Shudder|Peacock|Paramount\+|"
    r"Paramount Plus)"
)
#: the services a "new on X" roundup headline names, in any spelling ("Disney Plus", "Disney+")
_STREAMER = (
    r"(?:netflix|hulu|max|hbo max|disney\+|disney plus|prime video|amazon prime video|"
    r"apple tv\+|apple tv plus|peacock|paramount\+|paramount plus|tving|wavve|coupang play|"
    r"watcha|mubi|shudder)"
)
_FILM_WORDS = re.compile(
    r"\b(?:film|films|movie|movies|cinema|cinemas|drama|dramas|K-drama|K-dramas|series|sitcom|"
    r"episode|episodes|season|actor|actress|actors|director|directors|filmmaker|box office|"
    r"admissions|premiere|premieres|screen|screening|screenplay|theater|theaters|theatre|"
    r"Netflix|Disney\+|Prime Video|Apple TV\+|streaming|streamer|Oscar|Oscars|Academy Awards|"
    r"Golden Globes?|festival|trailer|teaser|documentary|docuseries|animation|animated|"
    r"thriller|horror|comedy|biopic|rom-com|cast|starring|stars|Letterboxd|performance|epic|"
    r"plays|played|role|roles|scene|scenes|script|sequel|prequel|remake|franchise|blockbuster|"
    r"feature|genre|review|reviews|critic|critics|satire|release|released|delayed|"
    r"tickets|moviegoers|K-drama|webtoon|tvN|JTBC|KBS|MBC|SBS|ENA)\b|"
    r"영화|드라마|시리즈|배우|감독|개봉|관객|극장|넷플릭스|상영|예능|방송|작품|시즌|\bOTT\b|신작|"
    # the Korea-only streamers carry drama and film, so naming one is film context
    r"\bTVING\b|\bTving\b|티빙|\bCoupang Play\b|쿠팡\s?플레이|\bWavve\b|오리지널",
    re.IGNORECASE,
)
_OTHER_TAG = re.compile(
    r"photo|still|gallery|poster|trailer|teaser|video|clip|게시판|포토|화보|영상|예고편|"
    r"포스터|스틸|quiz|podcast|giveaway|event|이벤트|공지|알림",
    re.IGNORECASE,
)
_REVIEW_TAG = re.compile(r"review|리뷰|별점|평론|critique|crítica|kritik", re.IGNORECASE)
_NEWS_TAG = re.compile(
    r"interview|인터뷰|단독|종합|공식|news|뉴스|box office|박스오피스|feature|기획|weekend|"
    r"focus|herald|report|exclusive",
    re.IGNORECASE,
)
_LISTICLE = re.compile(
    r"^(?:the\s+)?(?:\d+|ten|five|seven|twenty|fifteen|twelve)\s+(?:best|greatest|essential|"
    r"most|top|underrated|scariest|must|great|new|korean|k-drama|movies|films|dramas)\b|"
    r"\bbest (?:korean |k-|asian |new )?(?:movies|films|dramas|shows|series|k-dramas)\b|"
    r"^(?:the\s+)?best\s+(?:[\w-]+\s+){0,3}?(?:movies|films|dramas|shows|series|k-dramas|"
    r"thrillers|documentaries|anime|romances|comedies)\b|"
    r"\b(?:movies|films|dramas|shows) (?:to watch|like|you should)\b|\branked\b|"
    r"\bevery .* ranked\b|\bwatchlist\b|\bfor sleepless nights\b|\bguide to\b|"
    r"추천작|볼\s?만한|(?:영화|드라마|작품|시리즈|신작)\s?\d{1,2}\s?편",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"\[Photos?\]|^\s*Photos?\s*:|"
    r"\bstills?\b|\bgallery\b|\bfirst[- ]look (?:images|photos|stills)\b|"
    r"\b(?:drops|releases|unveils|shares|debuts|reveals|launches|unleashes)\b(?:\s+\S+){0,4}\s+"
    r"(?:trailer|teaser|posters?|stills)\b|\b(?:trailer|teaser|poster)\s*(?:drops|is here|out)\b|"
    r"^Watch:|^\[?Video\]?:|\b(?:trailer|teaser)\b|예고편|포스터 공개|스틸 공개|티저 공개",
    re.IGNORECASE,
)
_REVIEW_TITLE = re.compile(
    r"(?<![\w-])review(?![\w-])(?!s? (?:are in|embargo))|\[리뷰\]|리뷰|별점|"
    r"\bStream It or Skip It\b|\bverdict\b:|\bfilm critique\b|\bwe review\b|"
    r"\brecensione\b|\bkritik\b",
    re.IGNORECASE,
)
_RELEASE_ROUNDUP = re.compile(
    rf"\bwhat'?s (?:new|coming) (?:on|to) \w+|^new (?:on|to) {_STREAMER}(?!\w)|"
    rf"^coming (?:to|soon to) {_STREAMER}(?!\w)|\bnew (?:movies|shows|releases|titles|k-dramas|"
    rf"korean dramas) (?:on|coming|this|arriving)\b|\bthis week on {_STREAMER}(?!\w)|"
    r"이번 주 (?:공개|개봉)|^new in (?:theaters|theatres|cinemas)\b|"
    r"^in (?:theaters|theatres|cinemas) this week\b|이번 주 (?:OTT )?신작|"
    r"(?:이번 주|주간) (?:OTT|개봉작)|이번 주 극장가|"
    r"\bnew (?:k-dramas|korean dramas|dramas|movies|films|shows|series) premiering\b",
    re.IGNORECASE,
)
#: words between a Korean date and its release verb: where, how much, on which terms ("오는
#: 18일 전편 공개", "25일 8편 전편 공개", "국내 단독 개봉")
_KO_HOW = (
    r"(?:(?:국내|전국|극장|전\s?세계|전편|전\s?회차|단독|동시|독점|정식|일제히|\d{1,2}(?:편|부작)|"
    r"최초|먼저|나란히|같은 날|(?:한국|국내|극장)에서|"
    # the service itself ("다음 달 1일 넷플릭스 공개")
    r"(?:넷플릭스|디즈니\+?|디즈니플러스|티빙|쿠팡플레이|웨이브|왓챠|애플TV\+?|프라임 ?비디오)"
    r"(?:에서|로|를 통해)?)"
    r"\s?){0,4}"
)
_RELEASE_STRONG = re.compile(
    r"\brelease date\b|\bpremiere date\b|\brelease time\b|\bair date\b|"
    rf"\bcoming to (?:{_STREAMER}|theaters|cinemas)(?!\w)|"
    r"\bnow (?:streaming|available|on \w+)\b|\beverything (?:we know|to know)\b|"
    r"\bwhat (?:we know|to know)\b|\bhow to (?:watch|stream)\b|\bwhere to (?:watch|stream)\b|"
    rf"\b(?:on|onto|to|in)\s+{_PLATFORM_NAMES}\s+(?:on\s+|from\s+)?(?:\w+day,?\s+)?"
    rf"(?:{_MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{_MONTH_ANY})|"
    rf"\b(?:is|are)\s+coming\s+(?:on\s+)?(?:{_MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{_MONTH_ANY})|"
    r"\bwhen (?:does|will|is)\b.{0,60}\b(?:come out|release|premiere|coming|arrive|return|"
    r"stream)|\bout (?:now|today)\b|\bstreaming (?:now|today)\b|"
    r"(?:\d{1,2}월\s*\d{1,2}일|(?:다음\s?달|내달|오는|이달)\s?\d{1,2}일)\s*"
    rf"{_KO_HOW}(?:공개|개봉|첫\s?방송|방송|출시|첫선)|"
    r"(?:개봉|공개|방송)\s*(?:일\s*)?확정|"
    # a dated debut: "Premieres at Busan Before Its Nov. 8 Debut" is dated by the platform
    rf"\b(?:{_MONTH_ANY}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_ANY})(?:,?\s+(?:19|20)\d\d)?\s+"
    rf"(?:{_PLATFORM_NAMES}\s+|theatrical\s+|global\s+|U\.?S\.?\s+)?"
    r"(?:debut|release|premiere|launch|bow)\b|"
    rf"(?<![\d월])\d{{1,2}}일\s*{_KO_HOW}(?:공개|개봉|첫\s?방송)",
    re.IGNORECASE,
)
_FESTIVAL_NEWS = re.compile(
    r"\b(?:festival|Cannes|Venice|Berlinale|Sundance|TIFF|BIFF|Busan|Toronto|Locarno|Rotterdam|"
    r"Oscars?|Academy Awards?)\b|영화제",
    re.IGNORECASE,
)
_RELEASE_WEAK = re.compile(
    rf"\b(?:to|will)\s+(?:open|premiere|debut|release|arrive|stream|drop|land|return|air|bow|"
    rf"be\s+released|be\s+available|be\s+streaming|hit\s+(?:theaters|cinemas|screens))"
    rf"\b.{{0,40}}(?:\b{_MONTH_ANY}\.?\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_ANY})|"
    rf"\bto hit (?:theaters|theatres|cinemas|screens)\b|\bhits? (?:theaters|theatres|cinemas)\b|"
    rf"\bin (?:theaters|theatres|cinemas) (?:on\s+)?{_MONTH_ANY}|"
    r"\bconfirms?\b.{0,60}\b(?:release|premiere|return|air|broadcast|debut)\b|"
    r"\bsets?\b.{0,60}\b(?:release|premiere|debut)(?: date)?\b|"
    # "gets September date", "gets a summer premiere date"
    rf"\bgets?\s+(?:an?\s+|its\s+)?(?:{_MONTH_ANY}(?:\s+\d{{1,2}})?|summer|fall|autumn|spring|"
    r"winter|holiday|Christmas)\s+(?:release\s+|premiere\s+|debut\s+)?date\b|"
    r"\b(?:is|are)?\s*coming (?:to|in|on|this|next)\b|\bcoming soon\b|"
    r"\bpremieres? (?:on|in)\b.{0,30}\d|\breleas(?:es|ing) (?:on|in)\b.{0,30}\d|"
    r"\barrives? on\b|\blands? on (?:netflix|disney\+|prime)|"
    rf"\b(?:premieres?|opens?|arrives?|debuts?|lands?|drops?|streams?|returns?|releases?|"
    rf"hits?)\s+(?:nationwide\s+|in (?:theaters|theatres|cinemas)\s+)?(?:on\s+)?(?:\w+day,?\s+)?"
    rf"(?:{_MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{_MONTH_ANY})|"
    r"\bgets?\b.{0,40}\b(?:release|premiere)(?: date)?\b|\b(?:release|premiere) date set\b|"
    r"\bdated for\b|\d{1,2}월\s*(?:중|말|초)?\s*(?:국내\s?|전국\s?|극장\s?)?(?:개봉|공개)"
    r"(?![가-힣]*(?:했|됐|한 |된 ))",
    re.IGNORECASE,
)
_NEWS_TITLE = re.compile(
    r"box office|admission|\btops?\b|\bchart|top 10|\brecord|\bwins?\b|\baward|\bnominat|"
    r"festival|\binvest|interview|\bsays\b|\bexplains?\b|\btalks?\b|press conference|\bslate\b|"
    r"\bcasts?\b|\bjoins?\b|\breunite|\bdies\b|\bdead at\b|\bmilestone|\bsurpass|\bcrosses\b|"
    r"\bbreaks?\b|\bexpensive|\bbudget|관객|돌파|수상|박스오피스|영화제|1위|흥행",
    re.IGNORECASE,
)
_NEW_ON_BODY = re.compile(
    r"\bNew (?:season |episodes? )?on (?:Netflix|Disney\+|Prime Video|Hulu|Max)\b[^:\n]{0,20}:\s*"
    r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\bType:\s*(?:Movie|TV Series)\b",
)
_CRITIC_BODY = re.compile(
    r"\b(?:is|are) (?:a|an) (?:\w+[, ]+){0,4}(?:film|movie|drama|thriller|satire|comedy|epic|"
    r"achievement|triumph|mess|delight|debut|feature|portrait|romance|spectacle)\b|"
    r"\bperformance\b|\bfirst feature\b|\bfeatures a\b|\bstars? as\b|\bplays?\b|"
    r"['’]s (?:\w+[-, ]+){0,4}(?:film|movie|drama|thriller|satire|comedy|epic|biopic|"
    r"portrait|feature|debut|sequel|adaptation|horror film|documentary)\b",
    re.IGNORECASE,
)


def _is_bare_title(title: str) -> bool:
    """A headline that is only a name ("Past Lives", "Mickey 17", "The Brutalist")."""
    words = title.split()
    if not 1 <= len(words) <= 5 or re.search(r"[!?|]|\s[-–—]\s|['’]s\b", title):
        return False
    if re.search(r"\b(?:is|are|was|were|has|have|will|to|says|gets|makes)\b", title, re.I):
        return False
    return title[0].isupper() or title[0].isdigit()


_REVIEW_CATEGORY = re.compile(
    r"^(?:(?:film|movie|tv|series|drama|k-drama|festival|capsule|streaming)\s+)?reviews?$|"
    r"^(?:criticism|critique|critics?|영화평)$|^(?:영화|드라마|시리즈|OTT|방송|TV)?\s?(?:리뷰|평론)$",
    re.IGNORECASE,
)
_REVIEW_LINK = re.compile(
    r"^https?://[^/]+(?:/[^/?#]*)*?/(?:reviews?|criticism|critique|film-reviews?|movie-reviews?|"
    r"tv-reviews?)/|/review-[\w-]+|[\w]-review(?:-[\w-]*)?/?(?:$|[?#.])",
    re.IGNORECASE,
)
_NEWS_CATEGORY = re.compile(r"^(?:news|뉴스|box office|박스오피스|interviews?|features?)$", re.I)
#: the lead of a title page or announcement: "X premieres April 5, only on Netflix", "coming
#: to Netflix on Jan. 26"
_LEAD_RELEASE = re.compile(
    rf"\b(?:premier(?:es?|ing)|arriv(?:es?|ing)|debut(?:s|ing)?|land(?:s|ing)?|drop(?:s|ping)?|"
    rf"stream(?:s|ing)?|launch(?:es|ing)?|hits?|opens?|releases?|(?:is |are )?coming)\b"
    rf"(?:\s+(?:on|to|in|onto)\s+(?:{_PLATFORM_NAMES}|theaters|theatres|cinemas))?"
    rf"(?:\s+nationwide)?\s+(?:on\s+)?(?:\w+day,?\s+)?{_MONTH_ANY}\.?\s+\d{{1,2}}\b"
    rf"(?:,?\s+(?:19|20)\d\d)?(?:,?\s+(?:only\s+)?(?:on|in)\s+(?:{_PLATFORM_NAMES}|theaters|"
    rf"theatres|cinemas))?|\bcoming to {_PLATFORM_NAMES}\b",
    re.IGNORECASE,
)


#: a critic's one-line verdict: a judged work described with modifiers ("a gloriously chaotic
#: satire", "Hong Sang-soo's gentle comedy")
_VERDICT = re.compile(
    r"\b(?:a|an|the|\w+'s)\s+(?:[\w-]+,?\s+){1,3}(?:film|movie|drama|thriller|satire|comedy|"
    r"epic|portrait|romance|melodrama|fable|farce|horror|documentary|debut|sequel|adaptation|"
    r"mystery|western|noir|spectacle|tragedy|tale|character study|procedural|series)\b",
    re.IGNORECASE,
)


def _title_dash_verdict(title: str, film: _Film) -> str | None:
    """The FT's review style, "<Title> - <a verdict describing the work>", with no word
    "review": the part before the dash is the film found, the part after judges it."""
    m = re.match(r"^(?P<film>[^-]{1,80}?)\s+-\s+(?P<desc>.+)$", title)
    if not m or film.title is None or film.roundup:
        return None
    if normalize_title(_clean_film(m.group("film"))[0]) not in {
        normalize_title(film.title),
        *(normalize_title(n) for n in (film.work.names if film.work else ())),
    }:
        return None
    verdict = _VERDICT.search(m.group("desc"))
    return verdict.group(0) if verdict else None


#: music, literature and food vocabulary: K-pop releases ("comeback", "mini album", "title
#: track") share words with film releases ("release", "debut"), so these decide
_NOT_FILM_WORDS = re.compile(
    r"\bK-pop\b|\bidol\b|\balbum\b|\bsingle\b|\bconcert\b|\bMusic\b|\bmilitary service\b|"
    r"\bcomeback\b|\bmini[- ]album\b|\btitle track\b|\btracklist\b|"
    r"(?-i:\bEP\b|\bMV\b|\bsongs?\b)|"
    r"\bnovel(?:ist)?\b|\bliterature\b|\bfood\b|\bcuisine\b|"
    r"소설가|문학|시집|음반|앨범|컴백|음원",
    re.IGNORECASE,
)


def _not_film_item(doc: _Doc) -> bool:
    """A headline (with its categories) about music, literature or food, with no film or
    drama word: K-pop is Korean entertainment but not a film item."""
    head = f"{doc.title} {' '.join(doc.categories)}"
    # "Kimjang season" is a time of year: only "season 2" or "this season of" is a drama's
    head = re.sub(r"\bseason\b(?!\s+(?:\d|of\b))", " ", head, flags=re.IGNORECASE)
    return not _FILM_WORDS.search(head) and bool(_NOT_FILM_WORDS.search(head))


def _review_meta(doc: _Doc) -> str | None:
    """A review category or a review link path ("/reviews/minari/"), unless a category says
    news: outlets file reviews under a section even when the headline never says "review"."""
    if any(_NEWS_CATEGORY.match(c) for c in doc.categories):
        return None
    for category in doc.categories:
        if _REVIEW_CATEGORY.match(category):
            return f"category {category!r}"
    if doc.link and _REVIEW_LINK.search(doc.link):
        return "a review link path"
    return None


#: "오늘(5일) 국내 극장에서 개봉했습니다": the work opened on the day of the report
_KO_OPENED_TODAY = re.compile(
    r"오늘\s?\(\d{1,2}일\)[^.。\n]{0,30}?(?:개봉|공개)(?:했|됐|한다|된다|돼|해)"
)


def _lead_release(doc: _Doc) -> str | None:
    """A release announced in the first sentences of the text, with a platform or cinemas and
    a date, and no festival in the same sentence (a festival date is not a release)."""
    lead = doc.body[:400]
    if re.search(
        r"\bsaid\b|\bsays\b|\btold\b|press conference|\binterview|according to|\bannounced\b",
        lead,
        re.IGNORECASE,
    ):
        return None  # reporting that mentions a date in passing stays news
    for m in _LEAD_RELEASE.finditer(lead):
        # the sentence around the match ("Dec. 19" must not end it)
        start = max(lead.rfind(". ", 0, m.start()), lead.rfind("\n", 0, m.start()), 0)
        ends = [i for i in (lead.find(". ", m.end()), lead.find("\n", m.end())) if i >= 0]
        sentence = lead[start : min(ends) if ends else len(lead)]
        if _FESTIVAL_CUE.search(sentence):
            continue
        if re.search(rf"{_PLATFORM_NAMES}|theaters|theatres|cinemas|nationwide", sentence, re.I):
            return m.group(0)
    # "오늘(5일) 국내 극장에서 개봉했습니다" under a headline about the opening: opened today
    if re.search(r"개봉|공개", doc.title):
        today = _KO_OPENED_TODAY.search(lead)
        if today:
            return today.group(0)
    return None


def _extract_kind(
    doc: _Doc,
    film: _Film,
    rating: float | None,
    feed: FeedSpec | None,
    reasons: list[str],
    ratings_seen: int = 0,
) -> Kind:
    title = _PREFIX_TAGS.sub("", doc.title)

    def say(kind: Kind, why: str) -> Kind:
        reasons.append(f"kind={kind.value}: {why}")
        return kind

    guid_link = f"{doc.guid} {doc.link}"
    if re.search(r"letterboxd-list-|letterboxd\.com/[^/\s]+/list/", guid_link):
        return say(Kind.OTHER, "a Letterboxd list")
    if film.source.startswith(("letterboxd:filmTitle", "title pattern 'Film, Year'")):
        words = re.sub(r"Watched on \w+ \w+ \d{1,2},? \d{4}\.?", "", doc.body).strip()
        if rating is not None:
            return say(Kind.REVIEW, "a Letterboxd diary entry with a rating")
        if len(words) >= 40:
            return say(Kind.REVIEW, "a Letterboxd diary entry with review text")
        return say(Kind.OTHER, "a Letterboxd diary log without rating or text")

    bm = _BRACKET.match(doc.title)
    if bm:
        tag = bm.group("tag")
        if _REVIEW_TAG.search(tag):
            return say(Kind.REVIEW, f"tag [{tag}]")
        if _OTHER_TAG.search(tag):
            return say(Kind.OTHER, f"tag [{tag}]")
    m = _REVIEW_TITLE.search(title)
    if m:
        return say(Kind.REVIEW, f"headline pattern {m.group(0)!r}")
    film_words = _FILM_WORDS.search(doc.all_text)
    review_feed = feed is not None and feed.kind == FeedKind.REVIEW and _is_bare_title(title)
    known = film.work is not None  # a curated work is film or drama context in itself
    if not film_words and not known and not review_feed:
        return say(Kind.OTHER, "no film or drama words anywhere (not about film)")
    if _not_film_item(doc):
        return say(Kind.OTHER, "music, literature or food, not film")
    m = _LISTICLE.search(title)
    if m and not _RELEASE_ROUNDUP.search(title):
        return say(Kind.OTHER, f"listicle headline {m.group(0)!r}")
    m = _PROMO.search(title)
    if m and not _RELEASE_STRONG.search(title) and not _RELEASE_WEAK.search(title):
        return say(Kind.OTHER, f"promotion headline {m.group(0)!r}")
    meta = _review_meta(doc)
    if meta and not _RELEASE_STRONG.search(title) and not _RELEASE_ROUNDUP.search(title):
        return say(Kind.REVIEW, meta)
    if ratings_seen >= 2 and not _RELEASE_ROUNDUP.search(title):
        return say(Kind.REVIEW, f"{ratings_seen} critic's ratings (a review roundup)")
    m = _RELEASE_ROUNDUP.search(title)
    if m:
        return say(Kind.RELEASE, f"release roundup headline {m.group(0)!r}")
    m = _RELEASE_STRONG.search(title)
    if m:
        return say(Kind.RELEASE, f"release headline {m.group(0)!r}")
    m = _FESTIVAL_NEWS.search(title)
    if m:
        return say(Kind.NEWS, f"festival or awards headline {m.group(0)!r}")
    m = _RELEASE_WEAK.search(title)
    if m:
        return say(Kind.RELEASE, f"release headline {m.group(0)!r}")
    m = _NEWS_TITLE.search(title)
    if m:
        return say(Kind.NEWS, f"news headline {m.group(0)!r}")
    if rating is not None:
        return say(Kind.REVIEW, "states a critic's rating")
    verdict = _title_dash_verdict(title, film)
    if verdict:
        return say(Kind.REVIEW, f"'Title - verdict' headline ({verdict!r})")
    m = _NEW_ON_BODY.search(doc.body)
    if m:
        return say(Kind.RELEASE, f"title page {m.group(0)!r}")
    if re.search(r"[/-]release-date\b|[/-]premiere-date\b", doc.link):
        return say(Kind.RELEASE, "a release-date link path")
    lead = _lead_release(doc)
    if lead:
        return say(Kind.RELEASE, f"the lead announces a release ({lead!r})")
    if feed is not None and feed.kind == FeedKind.REVIEW and film.title:
        return say(Kind.REVIEW, "the feed carries reviews")
    if (
        _is_bare_title(title)
        and not _TITLE_YEAR.match(title)
        and (_CRITIC_BODY.search(doc.body) or _FILM_WORDS.search(doc.body))
    ):
        return say(Kind.REVIEW, "headline is the film's name and the text judges it")
    if feed is not None and feed.kind in (FeedKind.REVIEW, FeedKind.RELEASE, FeedKind.NEWS):
        return say(Kind(feed.kind.value), f"the feed's kind hint ({feed.kind.value})")
    return say(Kind.NEWS, "default: reporting about film")


# ============================================================================================
# Korean relevance


_K_WORDS = re.compile(
    r"\bKorean(?:[- ]language)?\s+(?!War\b|Film Council|Film Archive|Film Academy|"
    r"audiences?\b|Air\b|food|cuisine|temple|novel|writer|literature|Peninsula|"
    r"government|Americans?)(?:[\w&-]+\s+){0,2}?"
    r"(?:film|films|movie|movies|cinema|drama|dramas|series|thriller|thrillers|horror|action|"
    r"comedy|romance|zombie|blockbuster|director|directors|filmmaker|content|production|original|"
    r"originals|hit|hits|box office|epic|saga|melodrama|miniseries|entertainment|remake|"
    r"version|show|shows|title|titles|war film|noir|animation|industry|streamers?|theaters?|"
    r"theatres?|cinema chains?|multiplex(?:es)?)\b|"
    r"\bK-(?:dramas?|movies?|films?|pop|content|zombie|horror|thriller|variety)\b|"
    r"\bKorea['’]s (?:Oscar|submission|entry|biggest|box office|first|top|most|film|films|"
    r"movie|movies|cinema|cinemas|drama|dramas|screen|streaming|streamers?|entertainment|"
    r"content|studios?|(?:\w+ )?(?:film|drama|streaming|entertainment|content) industry)\b|"
    r"\bSouth Korean (?:film|films|movie|director|filmmaker|drama|series|thriller|cinema)\b|"
    r"\bKorean-(?:American|Canadian) (?:film|drama|director|filmmaker)|"
    r"\bGenres?:[^|\n]*\bKorean\b|\bHallyu\b|Korean Wave|"
    r"한국\s?영화|한국\s?드라마|국내\s?영화|K-?드라마|K-?무비|한국형",
    re.IGNORECASE,
)
#: Korean-only streamers, Korean studios, distributors and cinema chains, the film council: an
#: entry about them is about the Korean industry (next to a work they say little: the chains
#: and streamers show foreign films too, so they only add a point there)
_K_COMPANY = re.compile(
    r"\bLotte Cinema\b|롯데시네마|\bMegabox\b|메가박스|\bCJ CGV\b|\bCGV\b|"
    r"\bTVING\b|\bTving\b|티빙|\bWavve\b|(?<![가-힣])웨이브(?![가-힣])|\bCoupang Play\b|"
    r"쿠팡\s?플레이|\bWatcha\b|왓챠|\bCJ ENM\b|\bCJ Entertainment\b|\bShowbox\b|쇼박스|"
    r"\bLotte (?:Entertainment|Cultureworks)\b|롯데(?:엔터테인먼트|컬처웍스)|"
    r"\bNext Entertainment World\b|\bPlus M Entertainment\b|\bStudio Dragon\b|스튜디오드래곤|"
    r"\bJTBC Studios\b|\bSLL\b|\bACE Factory\b|\bBarunson\b|바른손|\bKakao Entertainment\b|"
    r"\bKOFIC\b|\bKorean Film Council\b|영화진흥위원회",
)
#: Korean festivals and awards: about Korean film when no single (possibly foreign) film is
#: the subject
_K_FESTIVAL = re.compile(
    r"\bJeonju International Film Festival\b|\bJeonju IFF\b|\bJIFF\b|\bBucheon International "
    r"Fantastic\b|\bBiFan\b|\bBIFAN\b|\bBusan International Film Festival\b|\bBIFF\b|"
    r"\bBusan (?:film )?festival\b|\bSeoul International Women's Film Festival\b|"
    r"\bDMZ International Documentary\b|\bSeoul Independent Film Festival\b|"
    r"\bBlue Dragon (?:Film )?Awards\b|\bBaeksang\b|\bGrand Bell\b|\bDaejong\b|"
    r"부산국제영화제|부국제|전주국제영화제|부천국제판타스틱영화제|청룡영화상|백상예술대상|대종상",
    re.IGNORECASE,
)
#: a Korea-only streamer's own work ("a TVING original", "the TVING drama", "Coupang Play's
#: comedy"): those services commission Korean works, so this is Korean evidence in itself
_K_STREAMER_WORK = re.compile(
    r"(?:\bTVING|\bTving|티빙|\bCoupang Play|쿠팡\s?플레이|\bWavve|웨이브)(?:['’]s)?\s+"
    r"(?:original|drama|series|comedy|thriller|film|movie|show|오리지널|드라마|시리즈|영화)",
)
_K_CATEGORY = re.compile(r"Korea|K-?Drama|K-?Pop|Hallyu|한국|K-Movie", re.IGNORECASE)
_F_WORDS = re.compile(
    r"\b(?:Japanese|Chinese|Hong Kong|Taiwanese|Indian|Tamil|Telugu|Hindi|Malayalam|Thai|"
    r"Filipino|Indonesian|American|Hollywood|British|French|Italian|Spanish|Mexican|German|"
    r"Pixar|Disney|DreamWorks|Marvel|Ghibli|Bollywood|Tollywood|Toho|anime)\b"
    r"(?:[- ](?:language|made))?\s+(?:\w+\s+){0,2}?(?:film|films|movie|movies|director|"
    r"filmmaker|production|animation|animated|anime|take|thriller|drama|blockbuster|debut|"
    r"epic|comedy|spectacle|sequel|franchise|original|remake|action|hit|studio)\b|"
    r"\b(?:Pixar|DreamWorks|Studio Ghibli|Toho)['’]s\b|\bkaiju\b|"
    r"일본\s?영화|일본\s?애니메이션|할리우드|픽사|디즈니(?!\s?\+|\s?플러스)|마블|미국\s?영화|중국\s?영화|홍콩\s?영화|"
    r"인도\s?영화|외화",
    re.IGNORECASE,
)
_F_CATEGORY = re.compile(
    r"^(?:Japan|China|India|Hong Kong|Taiwan|Bollywood|Indian Movies|Anime.*|.*Japanese|"
    r"Hollywood|Thailand|Tollywood)$",
    re.IGNORECASE,
)
_KOREAN_HANGUL_NAME = re.compile(
    r"(?<![가-힣])([김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우"
    r"구민진나지엄변채원천방공현함염여추도석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉]"
    r"[가-힣]{1,2})\s?(?:감독|배우|작가|PD)(?!상)"
)
#: a transliterated foreign name: Korean names are one Hangul word ("류준열"), foreign ones two
#: or more ("로버트 에거스 감독", "마고 로비와 ... 출연")
_FOREIGN_HANGUL_NAME = re.compile(
    r"(?<![가-힣'\"])([가-힣]{1,6})\s([가-힣]{2,6}?)(?:와|과|이|가|의)?\s?"
    r"(?:감독|주연|출연|배우)(?!상)"
)


def _foreign_hangul_names(body: str) -> list[re.Match[str]]:
    """Transliterated foreign names credited in Hangul ("고레에다 히로카즈 감독")."""
    return [
        h
        for h in _FOREIGN_HANGUL_NAME.finditer(body)
        if not re.search(r"[의은는이가을를과와도에서로]$", h.group(1))
        and h.group(1) not in ("영화", "배우", "감독", "드라마", "신작", "주연", "한국")
    ]


@dataclass
class _Evidence:
    score: float = 0.0
    notes: list[str] = field(default_factory=list)

    def add(self, points: float, why: str) -> None:
        self.score += points
        self.notes.append(f"{points:+g} {why}")


def _korean_people(doc: _Doc, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """(directors, others): curated Korean people named in the entry."""
    directors: list[str] = []
    others: list[str] = []
    for person in lexicon.people_named_in(doc.all_text):
        (directors if person.role == "director" else others).append(person.name)
    return directors, others


def _extract_korean(
    doc: _Doc,
    film: _Film,
    kind: Kind,
    feed: FeedSpec | None,
    lexicon: Lexicon,
    reasons: list[str],
) -> bool:
    ev = _Evidence()
    text = doc.all_text
    head = doc.title
    if film.work is not None:
        if film.work.korean:
            ev.add(4, f"about {film.work.title!r}, a curated Korean work")
        else:
            ev.add(-5, f"about {film.work.title!r}, a curated non-Korean work")
    elif film.roundup:
        hits = {
            w.title
            for w in lexicon.works
            if w.korean
            and any(
                (has_hangul(n) and len(n) >= 2 and n in text)
                or (
                    not has_hangul(n)
                    and (len(n.split()) >= 2 or f"'{n}'" in text)
                    and mentions_name(text, n)
                )
                for n in (w.title, w.hangul or "")
                if n
            )
        }
        if hits:
            ev.add(min(3, len(hits)) + 1, f"lists curated Korean titles {sorted(hits)[:3]}")
    elif film.title is None and re.search(r"\bSouth Korea\b|\bKorea['’]s\b|한국", text):
        # an essay on the country's film and TV ("Why South Korea Makes the Best Revenge
        # Stories ... From Oldboy to The Glory"): two curated Korean titles named as written
        named = {
            w.title
            for w in lexicon.works
            if w.korean
            and w.title in text  # cheap test first: this runs over every curated work
            and re.search(rf"(?<![\w'’]){re.escape(w.title)}(?![\w'’])", text)
        }
        if len(named) >= 2:
            ev.add(3, f"the country and its works {sorted(named)[:3]}")
    directors, others = _korean_people(doc, lexicon)
    if film.work is not None and not film.work.korean:
        directors = [d for d in directors if d not in film.work.people]
    if directors:
        ev.add(3, f"Korean director {directors[0]}")
    names = {n for n in korean_names(text)} | set(others)
    if (others and any(mentions_name(head, n) for n in others)) or korean_names(head):
        ev.add(3, f"Korean name in the headline ({(others or korean_names(head))[0]})")
    elif names:
        ev.add(1 if len(names) == 1 else 3, f"Korean names {sorted(names)[:3]}")
    hm = re.search(r"\b(?:Joseon|Goryeo|Silla|Baekje|Gyeongseong|Gwangju Uprising)\b", text)
    if hm:
        ev.add(1, f"Korean setting {hm.group(0)!r}")
    m = _K_WORDS.search(text)
    if m:
        ev.add(3, f"words {m.group(0)!r}")
    companies = {c.group(0) for c in _K_COMPANY.finditer(text)}
    sw = _K_STREAMER_WORK.search(text)
    if sw:
        ev.add(3, f"a Korean streamer's own work {sw.group(0)!r}")
    elif companies:
        # about the industry itself they are Korean; they also stream and distribute foreign
        # films, so next to a work they say little
        ev.add(1 if film.title else 3, f"Korean companies {sorted(companies)[:3]}")
    m = _K_FESTIVAL.search(text)
    if m:
        ev.add(1 if film.title else 3, f"Korean festival or awards {m.group(0)!r}")
    cats = [c for c in doc.categories if _K_CATEGORY.search(c)]
    if cats:
        ev.add(3, f"category {cats[0]!r}")
    if has_hangul(head):
        ev.add(1, "Hangul in the headline")
    foreign = _foreign_hangul_names(doc.body)
    fh = foreign[0] if foreign else None
    foreign_spans = [h.span() for h in foreign]
    if has_hangul(doc.body) and hangul_ratio(doc.body) > 0.3:
        ev.add(1, "Hangul text")
        hm = next(
            (
                h
                for h in _KOREAN_HANGUL_NAME.finditer(doc.body)
                if h.group(1) not in ("한국", "외국", "중국", "미국", "영국", "한국계")
                # "존 하퍼 감독": a foreign name's second word, not a Korean name
                and not any(s <= h.start() < e for s, e in foreign_spans)
            ),
            None,
        )
        if hm:
            ev.add(2, f"Korean name {hm.group(0)!r}")
    if feed is not None and feed.korean_only:
        ev.add(3, "the feed covers Korea")
    fm = _F_WORDS.search(text)
    if fm:
        ev.add(-5, f"foreign origin {fm.group(0)!r}")
    fcat = [c for c in doc.categories if _F_CATEGORY.match(c)]
    if fcat:
        ev.add(-4, f"category {fcat[0]!r}")
    if fh and not directors and not names:
        # a Hangul title needs corroboration when the text names only foreign people
        ev.add(-3, f"foreign people only ({fh.group(0)!r})")
    # a work quoted in a headline about a novel or an album is not a film: without film or
    # drama words anywhere, only K-pop makes an entry Korean entertainment
    if kind == Kind.OTHER and film.work is None and not _FILM_WORDS.search(text):
        music = [
            p
            for p in lexicon.people
            if p.role == "music"
            and (mentions_name(text, p.name) or (p.hangul and p.hangul in text))
        ]
        if music or re.search(r"\bK-pop\b|아이돌", text, re.IGNORECASE):
            reasons.append("korean=true: Korean entertainment (K-pop)")
            return True
        reasons.append("korean=false: not about film, drama or entertainment")
        return False
    korean = ev.score >= 3
    reasons.append(f"korean={str(korean).lower()}: score {ev.score:g} ({'; '.join(ev.notes)})")
    return korean


# ============================================================================================
# Public API


def classify(
    entry: EntryData,
    *,
    feed: FeedSpec | None = None,
    published: datetime,
    lexicon: Lexicon | None = None,
) -> Classification:
    """Classify one entry. ``published`` is the entry's date (the feed's, else first seen): it
    supplies the year of dates written without one and anchors relative dates."""
    lex = lexicon if lexicon is not None else default_lexicon()
    doc = _Doc.of(entry)
    reasons: list[str] = []
    film = _extract_film(doc, lex, reasons)
    rating, rating_text, ratings_seen = _extract_rating(doc, reasons)
    # first a rough Korean hint (for choosing between same-title works), then the real one
    hint = None if feed is None else (True if feed.korean_only else None)
    if has_hangul(doc.title) and hangul_ratio(doc.title) > 0.5:
        hint = True
    _resolve_film(film, doc, lex, published, hint)
    kind = _extract_kind(doc, film, rating, feed, reasons, ratings_seen)
    bare = _PREFIX_TAGS.sub("", doc.title)
    if film.title is None and not film.roundup and kind == Kind.REVIEW and _is_bare_title(bare):
        film.title, film.source = bare, "the headline is the film's name"
        _resolve_film(film, doc, lex, published, hint)
    if film.title is None and not film.roundup and kind in (Kind.RELEASE, Kind.REVIEW):
        subject = _film_in_body(doc, lex)
        if subject:
            film.title, film.source = subject, "the curated title the text is about"
            _resolve_film(film, doc, lex, published, hint)
    if (
        kind == Kind.OTHER
        and film.title
        and not (film.work and film.work.korean)
        and _not_film_item(doc)
    ):
        # "a comeback with 'Whiplash'": the quoted name is an album or a song, not a film
        reasons.append(f"film dropped: {film.title!r} names music or a book, not a film")
        film = _Film()
    if film.title:
        reasons.append(f"film={film.title!r}: {film.source}")
    if kind == Kind.REVIEW and ratings_seen >= 2 and film.work is None:
        film.roundup = True  # several different scores: a festival dispatch or a roundup
    if kind == Kind.REVIEW and film.roundup:
        rating, rating_text = None, None
    if kind in (Kind.RELEASE, Kind.NEWS) and rating is not None:
        reasons.append("rating dropped: not a review")
        rating, rating_text = None, None
    korean = _extract_korean(doc, film, kind, feed, lex, reasons)
    listing = film.roundup or (kind == Kind.OTHER and film.title is None)
    platform = _extract_platform(doc, reasons, roundup=listing)
    release_date: date | None = None
    listed: tuple[ListedRelease, ...] = ()
    if kind == Kind.RELEASE and film.roundup:
        listed = _extract_listed(doc, published, lex, feed)
        reasons.append(f"listed {len(listed)} titles")
        if any(item.korean for item in listed) and not korean:
            korean = True
            reasons.append("korean=true: the roundup lists a Korean title")
    elif kind == Kind.RELEASE:
        release_date = _extract_release_date(doc, published, reasons)
    return Classification(
        kind=kind,
        korean=korean,
        film=None if film.roundup else film.title,
        film_hangul=None if film.roundup else film.hangul,
        year=None if film.roundup else film.year,
        season=None if film.roundup else film.season,
        rating=rating,
        rating_text=rating_text,
        platform=platform,
        release_date=release_date,
        listed=listed,
        reasons=tuple(reasons),
    )


def _phrase_in(term: str, haystacks: Iterable[str]) -> bool:
    term = term.strip()
    if not term:
        return False
    if has_hangul(term):
        return any(term in h for h in haystacks)
    pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
    return any(pattern.search(h) for h in haystacks)


def passes_rules(entry: EntryData, feed: FeedSpec) -> tuple[bool, str | None]:
    """Apply a feed's ``include`` / ``exclude`` keywords (case-insensitive whole words or
    phrases, in the title, the summary text and the categories). Exclude wins. Returns
    ``(kept, reason)``; the reason is None when the feed has no rules."""
    haystacks = [
        plain_quotes(entry.title),
        plain_quotes(strip_html(entry.summary)),
        *(plain_quotes(c) for c in entry.categories),
    ]
    for term in feed.exclude:
        if _phrase_in(plain_quotes(term), haystacks):
            return False, f"excluded by {term!r}"
    if feed.include:
        for term in feed.include:
            if _phrase_in(plain_quotes(term), haystacks):
                return True, f"included by {term!r}"
        return False, "no include keyword matched"
    return True, None
