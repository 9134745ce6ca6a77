"""Headline grammar: where a headline puts the title of the work it is about.

Owns the headline forms ("Review: X - subtitle", "'X' review: ...", "X Is a Bleak Debut",
"X season 2 ...", "<Name> on X: ...", "trailer for X", titles set in capitals in KoBiz style)
and the curated titles a headline names as written. Reads the curated lexicon to recognise
titles; must not resolve a title to a work (``film`` does) or decide the entry's kind.
"""

from __future__ import annotations

import re

from tracker.text import has_hangul
from tracker.understand.lexicon import Lexicon
from tracker.understand.linktitle import title_in_link
from tracker.understand.names import korean_names
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.subjects import (
    SECTION_LABEL,
    SUBJECT_ARRIVES,
    arrival_subject,
    bounded_title,
    cast_subject,
    named_as_a_show,
    names_first,
)
from tracker.understand.titles import (
    clean_film,
    looks_like_title,
    title_case,
)
from tracker.understand.vocabulary import FILM_WORDS, HEADLINE_VERB, PLATFORM_NAMES

#: a Letterboxd diary headline: "Film, 2021 - ★★★½"
LETTERBOXD_TITLE = Pattern(
    r"^(?P<film>.+?), (?P<year>(?:18|19|20)\d\d)(?: - (?P<stars>[★☆½]+))?"
    r"(?: \(contains spoilers\))?$"
)
#: an unquoted title at the start of a headline, before "season N" ("Hellbound season 2 loses
#: its lead", "Alice in Borderland Season 3 Sets a Date")
_SEASON_LEAD = Pattern(
    r"^(?P<film>[A-Z0-9][^:|\-]{0,60}?)[:,]?\s+(?i:season|series|class)\s+(?P<n>\d{1,2})\b"
)
#: an unquoted title before what the headline says of one of its episodes ("Moon River finale
#: ratings: ...", "Spring Fever episode 1 release date")
_EPISODE_LEAD = Pattern(
    # (a review's word before the title is no part of it: "Review Pro Bono Episode 1: ...")
    r"^(?:(?:Review|Ulasan|Resensi|Recap|Sinopsis)\s+(?:Drakor\s+)?)?"
    r"(?P<film>[A-Z0-9][^:|\-–—]{0,60}?)[:,]?\s+(?i:(?:episodes?|ep\.?)\s*\d{1,3}\b|"
    r"(?:series |season )?finale\b)"
)
#: a title, then what the headline brings of it before a colon: its trailer, first look,
#: poster, ratings or viewership ("Humint Trailer: Ryoo Seung-wan Sends ...", "My Youth Ratings:
#: Song Joong-ki's Drama Climbs ...", "Pavane first look: ...")
_FORMAT_LEAD = Pattern(
    r"^(?P<film>[A-Z0-9][^:|]{0,60}?)\s+(?i:official\s+|final\s+|new\s+|main\s+)?"
    r"(?P<what>(?i:trailer|teaser(?:\s+trailer)?|first\s+look|posters?|stills|ratings|"
    r"viewership|soundtrack|OST))\s*:\s"
)
#: "Hyun Bin and Jung Woo-sung's Made in Korea comes to ...": the cast's possessive, then the
#: title up to the headline's first lower-case word (``sentence_case_subject``)
_CAST_POSSESSIVE = Pattern(
    # (a credit may lead: "Korean director Na Hong-jin's alien-invasion epic")
    r"^(?:(?:[A-Z][a-z]+\s+){0,2}(?:director|filmmaker|auteur|actor|actress|star)\s+)?(?P<names>(?:[A-Z][\w-]+\s+){1,2}[A-Z][\w-]+(?:(?:,\s+|\s+and\s+)(?:[A-Z][\w-]+\s+){1,2}"
    r"[A-Z][\w-]+){0,2})['’]s\s+(?P<rest>\S.*)$"
)
#: "Love Me: Seo Hyun-jin and Yoo Jae-myung's JTBC melodrama debuts ...": the title, then a
#: sentence that opens with its cast's possessive
_TITLE_COLON_CAST = Pattern(r"^(?P<film>[A-Z0-9][^:|]{0,40}?):\s+(?P<rest>[A-Z].*)$")
#: a person's possessive before a title: two or three capitalised words, no article ("Josh
#: Safdie's Marty Supreme"; not "The Film's Best Scene")
_NAME_POSSESSIVE = Pattern(
    r"^(?!(?:The|A|An)\s)[A-Z][\w.-]+(?:\s[A-Z][\w.-]+){1,2}['’]s\s+(?P<rest>[A-Z0-9].*)$"
)
#: the last word of a source of figures before "Ratings:" ("Weekend TV Ratings: ...")
_FIGURES_SOURCE = frozenset({"TV", "Weekend", "Weekly", "Daily", "Nielsen", "Drama", "K-Drama"})
#: a part of a work, which a possessive before it owns ("Final Season", "Second Half")
_WORKS_PART = Pattern(
    r"\b(?:season|seasons|half|part|finale|episodes?|chapter|volume|ending|premiere)\b",
    re.IGNORECASE,
)
#: festivals and sections that head a review headline ("Cannes Review: X", "TIFF 2024 Review:")
_FESTIVAL_TAG = (
    r"(?:Cannes|Venice|Berlinale|Berlin|Sundance|TIFF|Toronto|Busan|BIFF|Jeonju|Bucheon|BiFan|"
    r"Fantasia|Fantastic Fest|SXSW|Tribeca|NYFF|New York|LFF|London|Locarno|Rotterdam|IFFR|"
    r"Karlovy Vary|Udine|Far East|San Sebastian|Telluride|AFI Fest|Annecy|Sitges|Hong Kong|"
    r"Shanghai|Tokyo|Fantasporto|Overlook|Beyond Fest|Festival|Film Festival|Midnight|"
    r"Directors' Fortnight|Critics' Week|Un Certain Regard|Berlinale Panorama|Panorama|Forum|"
    # any festival's acronym with its year ("LEAFF 2025", "CIFF 2026")
    r"(?-i:[A-Z]{3,8})(?=\s+(?:19|20)\d\d))"
    r"(?:\s+(?:19|20)\d\d)?"
)
REVIEW_LEAD = Pattern(
    r"^(?:(?:Netflix|Disney\+|Prime Video|Apple TV\+|Hulu|Max|Mubi)\s+)?"
    rf"(?:{_FESTIVAL_TAG}\s+)?"
    r"(?:film|movie|TV|series|drama|K-drama|streaming|festival|capsule|Blu-ray|4K|"
    r"first[- ]look|spoiler-free|early)?\s*"
    # (and other languages' word: "Kritik:", "Critique :", "Recensione:", "Recenzja:")
    r"(?:review|(?:film|serien)?kritik|critique|crítica|critica|reseña|resenha|recensione|"
    r"recensie|recenzja|inceleme|eleştiri|ulasan|resensi|recension|anmeldelse|arvostelu|"
    # (Spanish "Crítica de cine:", "Reseña de la película:")
    r"(?:crítica|critica|reseña)\s+de\s+(?:cine|la\s+película|series?))\s*[:|]\s*"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
#: "Hong Sang-soo's A Traveler's Needs ...": a possessive of a name before the title
_POSSESSIVE_LEAD = Pattern(r"^(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['’]s\s+(?P<rest>\S.*)$")
#: the services a review headline names before "review"
_REVIEWED_ON = r"(?:Netflix|Disney\+|Prime Video|Apple TV\+|Hulu|Max|Mubi|Shudder|TVING|Tving)"
#: "X review: ...", also with a platform and a form word, after a colon ("20th Century Girl:
#: Netflix Film Review")
REVIEW_TAIL = Pattern(
    # (the service, bracketed or not, and the format before "review": "Pavane (Netflix) Movie
    # Review", "Trigger (Netflix Series) Review", "The Handmaiden 4K Blu-ray Review")
    # (a form word beside the service only in its brackets: "The Netflix Original review" is
    # no "The" reviewed)
    rf"^(?P<film>.+?)(?:\s*:)?\s+(?:(?:\({_REVIEWED_ON}(?:\s+(?:film|movie|series|original))?\)|"
    rf"{_REVIEWED_ON})\s+)?"
    r"(?:(?:film|movie|TV|series|drama|K-drama|season \d+|4K Blu-ray|Blu-ray|4K)\s+)?"
    r"(?:review|(?:film|serien)?kritik|critique|crítica|reseña|recensione|recensie|recenzja|"
    r"inceleme|ulasan|recension|anmeldelse)\s*(?:$|[:|\-]|\s-\s)",
    re.IGNORECASE,
)
#: "X review: 'A whirlwind of fun'": what is quoted after "review:" is a pull quote
PULL_QUOTE = Pattern(
    # (not a form word before "Review:": "Movie Review: 'X' finds grace ..." quotes the title)
    r"^(?!(?:film|movie|tv|series|drama|k-drama|netflix|capsule|festival|first[- ]look)\s+review\b)"
    r"[^'\"]+?\s+review\s*[:|\-–—]\s*(?=['\"])",
    re.IGNORECASE,
)
#: "'Squid Game' star Lee Jung-jae ...": a quoted title before a credit word names a
#: person's earlier work, not the work under review
CREDIT_AFTER = Pattern(
    r"\s+(?:star|stars|director|actor|actress|creator|writer|filmmaker|helmer|co-star|alum)\b"
)
#: "X: Release Date, Cast & Plot", "X Release Date, Time & Where to Stream"
RELEASE_DATE_TITLE = Pattern(
    r"^(?P<film>.{1,80}?)\s*:?\s+(?i:release date|OTT release(?: date)?)\b"
)
#: Watcha Pedia style "<title> ★ 4.5": a member's rating after the title
STAR_NUMBER_TITLE = Pattern(r"^(?P<film>[^★]{1,60}?)\s*★\s?(?:[0-5](?:\.\d)?)\s*$")
ROUNDUP_TITLE = Pattern(
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
STREAM_IT = Pattern(
    r"^Stream It or Skip It:\s*(?P<film>.+?)\s+on\s+(?:Netflix|Hulu|Max|Disney\+|Prime Video|"
    r"Apple TV\+|Peacock|Paramount\+|Mubi|Shudder|Tubi|Netflix's)\b",
    re.IGNORECASE,
)

#: capitalised words in headlines that are not titles
_ACRONYM_WORDS = (
    "BTS TV OTT K-POP KPOP CJ ENM US UK USA HBO KBS MBC SBS JTBC ENA OCN TVN TVING BIFF TIFF "
    "NYFF LFF SXSW LA NYC AI CEO VR IMAX 4K 3D DVD OST MV CGV KOFIC KOBIZ NETFLIX DISNEY+ "
    "REVIEW EXCLUSIVE WATCH VIDEO PHOTOS PHOTO UPDATE BREAKING LEAD INTERVIEW BOX OFFICE NEWS "
    "FIRST LOOK TRAILER TEASER POSTER NO. VS VS. OK FYI TBA TBD MCU DC HK N. S. BAFTA SAG AFI "
    "OSCAR OSCARS "
)
_ACRONYMS = frozenset(_ACRONYM_WORDS.split())


_LOWER = Pattern(r"[a-z]")
_UPPER = Pattern(r"[A-Z]")
_NUMBER = Pattern(r"\d{1,4}(?:\.\d+)?")
#: where a headline's subtitle starts: " - ", " – ", " | "
_SUBTITLE = Pattern(r"\s+[-–—]\s+|\s\|\s")
_DASH_AFTER = Pattern(r"\s+[-–—|]\s")
_POSSESSIVE_BEFORE = Pattern(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}$")
_PLATFORM_NAME = Pattern(PLATFORM_NAMES)


def caps_title(lexicon: Lexicon, headline: str) -> str | None:
    """A title set in capitals in a mixed-case headline (house style at KoBiz and Modern
    Korean Cinema: "BOX OFFICE: FIREFIGHTERS Opens on Top", "CANNES 2024: I, THE EXECUTIONER
    Joins ..."). A leading capitalised tag ending in a colon is skipped; acronyms are not
    titles. The first qualifying run wins (the headline's subject)."""
    if not _LOWER.search(headline):
        return None  # an all-capitals headline says nothing about which words are the title
    runs: list[list[str]] = []
    current: list[str] = []
    for token in headline.split():
        bare = token.strip(",:;!?()'\"")
        capital = bool(bare) and not _LOWER.search(bare) and bool(_UPPER.search(bare))
        number = bool(current) and bool(_NUMBER.fullmatch(bare))
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
            if lexicon.works_titled(part):
                return part
        tail = parts[-1].strip(",:;!?'\" ")
        words = [w.strip(",:;!?'\"") for w in tail.split()]
        letters = sum(ch.isalpha() for ch in tail)
        if all(w.upper() in _ACRONYMS or not w for w in words):
            continue
        if (len(words) >= 2 and letters >= 6) or (len(words) == 1 and letters >= 5):
            return title_case(tail)
    return None


def known_prefix(lexicon: Lexicon, text: str, *, marked: bool = False) -> str | None:
    """The longest curated title that ``text`` starts with, ending at a word boundary; a
    one-word title only when a verb, punctuation or the end follows it ("Cobweb Knocks on the
    Walls", not "Exit Wounds"), or when the caller's grammar already ``marked`` a title here."""
    words = text.split()
    for k in range(min(len(words), 12), 0, -1):
        candidate = " ".join(words[:k]).rstrip(",:;.!?-–—")
        if not candidate or not lexicon.works_titled(candidate):
            continue
        if k == 1 and not marked:
            after = " " + " ".join(words[1:2])
            if words[1:] and not (
                HEADLINE_VERB.match(after) or words[0][-1] in ",:;.!?" or words[1][0] in "-–—|"
            ):
                continue
        return candidate
    return None


def film_in_lead(lexicon: Lexicon, rest: str, link: tuple[str, ...] = ()) -> str:
    """The film after "Review:": a title in capitals, else the longest curated title the text
    starts with (also after a possessive: "Hong Sang-soo's A Traveler's Needs Pours ..."), else
    a curated colon-split candidate, else the longest one the link's words spell ("28 Years
    Later: The Bone Temple" at ``.../film-review-28-years-later-the-bone-temple``), else the
    words before the first headline verb."""
    caps = caps_title(lexicon, rest)
    if caps and rest.startswith(caps.split()[0]):
        return caps
    options = split_candidates(rest)
    for text in (rest, *(m.group("rest") for m in [_POSSESSIVE_LEAD.match(rest)] if m)):
        prefix = known_prefix(lexicon, text)
        if prefix:
            return prefix
    for option in sorted(options, key=len, reverse=True):
        if lexicon.works_titled(clean_film(option)[0]):
            return option
    for option in sorted(options[1:], key=len, reverse=True):
        # a title's subtitle is a few words ("The Bone Temple"); a longer one, or one with a
        # comma, is the critic's line, which a link slugging the whole headline also spells
        subtitle = option[len(options[0]) :].lstrip(": ")
        if len(subtitle.split()) > 4 or "," in subtitle:
            continue
        if title_in_link(clean_film(option)[0], link):
            return option
    head = options[0]
    verb = HEADLINE_VERB.search(head)
    if verb and verb.start() > 0:
        head = head[: verb.start()]
    owned = _NAME_POSSESSIVE.match(head)
    if owned and looks_like_title(owned["rest"]) and not _WORKS_PART.search(owned["rest"]):
        # "Review: Josh Safdie's Marty Supreme": the director's film (not "Squid Game's Final
        # Season", a part of the work before it)
        return owned["rest"]
    return head


def split_candidates(rest: str) -> list[str]:
    """After "Review | " or "Review: ": the film runs to " - " or a colon; try each colon as
    the end so titles with a colon ("Dune: Part Two: ...") survive."""
    head = _SUBTITLE.split(rest, maxsplit=1)[0]
    parts = head.split(": ")
    return [": ".join(parts[: i + 1]) for i in range(len(parts))]


def titles_in_headline(lexicon: Lexicon, title: str) -> list[tuple[int, str]]:
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
        ends = not after.strip() or after[0] in ",:;.!?" or bool(_DASH_AFTER.match(after))
        verb = bool(HEADLINE_VERB.match(after))
        before = title[:start]
        possessive = bool(_POSSESSIVE_BEFORE.search(before))
        # (or the start of the clause after a colon: "Cold war, warm heart: Humint is a ...")
        # (not after a section's label: "Box Office: Harbin Tops Again" may be the city's)
        clause = before.endswith(": ") and verb and not SECTION_LABEL.search(before)
        # ("In Colony, the apocalypse starts ...": the work an essay's opening clause is set in)
        clause = clause or (before in ("In ", "Inside ") and after[:1] == ",")
        if (start == 0 and (ends or verb)) or (possessive and (ends or verb)) or clause:
            found.append((start, name))
    if has_hangul(title):
        # the Hangul title and Hangul short names ("우영우" for "이상한 변호사 우영우")
        found += [(title.index(name), name) for name in lexicon.hangul_titles_in(title)]
    found.sort()
    # drop names inside a longer found name ("Believer" inside "Believer 2")
    kept: list[tuple[int, str]] = []
    for pos, name in sorted(found, key=lambda f: -len(f[1])):
        if not any(p <= pos < p + len(n) for p, n in kept):
            kept.append((pos, name))
    return sorted(kept)


def headline_subject(lexicon: Lexicon, rest: str) -> str | None:
    """The part of a review headline that names what is reviewed, or None when the headline
    has no review form: "X" in "'X' review: subtitle", "X review | subtitle" and "Review: X -
    subtitle" (also "Review: X Digs Deep", X a curated title before a headline verb). Whatever
    the subtitle says ("and more", other quoted works) describes the one work under review."""
    m = REVIEW_LEAD.match(rest)
    if m:
        lead = m.group("rest")
        head = split_candidates(lead)[0]
        if head != lead:
            return head
        prefix = known_prefix(lexicon, lead)
        if prefix and HEADLINE_VERB.match(lead[len(prefix) :]):
            return prefix
        return None
    m = REVIEW_TAIL.match(rest)
    if m and len(m.group("film")) <= 80:
        return m.group("film")
    return None


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
        if lexicon.works_titled(tail):
            return tail
    lead = pm.group("rest") if pm else lead
    return lead if looks_like_title(lead) else None


#: "Ryusuke Hamaguchi on Drive My Car: ...": an interview headline, a name then the work
NAME_ON_TITLE = Pattern(
    # (after an interview's label: "In conversation: Yoon Ga-eun on The World of Love")
    r"^(?:(?:In conversation|Q&A|Interview|In person)\s*:\s*)?(?:[A-Z][\w.'-]*\s+){2,3}on\s+"
    r"(?P<film>[A-Z0-9][^:|]{0,60}?)\s*(?::|\s[-|]\s|$)"
)
#: "The quiet cruelty of Last Train to Mokpo's eighth episode": a part of the title named
_PART_OF_TITLE = Pattern(
    r"\b(?:of|in)\s+(?P<film>(?-i:[A-Z0-9])[\w'’:&-]*(?:\s+(?:(?-i:[A-Z0-9])[\w'’:&-]*|of|the|and|"
    r"to|a|in|on)){0,6}?)['’]s\s+(?:[\w-]+\s+)?(?:episode|finale|premiere|season|ending)\b",
    re.IGNORECASE,
)
#: "Went From Minari to Twisters": a career move, whose subject is where it leads
_FROM_TO = Pattern(r"\b(?i:from)\s+(?P<a>.+?)\s+(?i:to)\s+(?P<b>\S.*)$")
#: what an essay headline's "X Is a ..." is about when it is no work: a pronoun, a question,
#: a place ("This Is the K-Drama Everyone Is Watching", "Seoul Is the New Capital of ...")
_NO_WORK = Pattern(
    r"^(?:This|That|These|Those|What|Who|Why|How|Which|It|Here|There|Everything|Nothing|Now|"
    r"Today|Life|Love|Korea|South Korea|North Korea|Seoul|Busan|Jeju|Incheon|Gangnam|Hollywood|"
    r"Asia|Japan|China|Tokyo|America)\b"
)


def may_name_a_work(name: str) -> bool:
    """Whether the subject of an essay headline ("X Is a ...") can be a work's title: title
    case, and no genre, service, Korean person, pronoun, question or place ("Korean Horror
    Is a ...", "Hallyu Star Kim Soo-hyun Is ...", "This Is the ...", "Seoul Is the ...")."""
    return (
        looks_like_title(name)
        and not FILM_WORDS.search(name)
        and not _PLATFORM_NAME.search(name)
        and not korean_names(name)
        and not _NO_WORK.match(name)
    )


#: a festival (and its year) heading a headline before its colon: never the work
_FESTIVAL_LABEL = Pattern(_FESTIVAL_TAG)


#: a Title Case essay headline that judges its work: "The Quiet Orchard Is a Slow, Luminous
#: Portrait of Grief"
_TITLE_IS_A = Pattern(r"^(?P<film>[A-Z0-9][^'\":|]{0,50}?)\s+(?:Is|Was|Remains)\s+(?:a|an|the)\s")
#: "Debuts Official Trailer for Road House, Premiering March 21"
_PROMO_FOR = Pattern(
    r"\b(?i:trailers?|teasers?|posters?|first[- ]look|images|stills|clip|featurette)\s+"
    r"(?i:for|of)\s+(?P<film>[A-Z0-9][^,:;|]{0,60}?)"
    r"(?=\s*(?:[,:;|]|\s-\s|$)|\s+(?i:premiering|arriving|ahead|starring|coming|debuting|"
    r"out|on|with|from|in)\b)"
)
#: an all-capitals press-release headline: the title sits between a format word and a verb
#: ("HBO ORIGINAL LIMITED SERIES THE SYMPATHIZER DEBUTS SUNDAY, APRIL 14 ON HBO AND MAX")
_PRESS_CAPS = Pattern(
    r"\b(?:SERIES|FILM|MOVIE|DOCUMENTARY|DOCUSERIES|DRAMA|SPECIAL|FEATURE|ANIMATION|THRILLER|"
    r"COMEDY)\s+(?P<film>[A-Z0-9][^,:;|]{1,60}?)\s+(?:DEBUTS|PREMIERES|ARRIVES|RETURNS|LANDS|"
    r"LAUNCHES|STREAMS|OPENS|COMES|HITS|BEGINS|IS|WILL|TO|SETS|GETS|STARTS|DROPS|ANNOUNCES|"
    r"RENEWED|RETURNING|PREMIERING|DEBUTING|NOW)\b"
)


#: the figures a headline gives of a work after its name: its TV ratings, its viewers
_FIGURES_AFTER = re.compile(r"\s+(?:Ratings|Viewership|Box Office|Audience Ratings)$")


def unquoted_title(lexicon: Lexicon, rest: str, body: str = "") -> tuple[str, str] | None:
    """(title, rule) for the unquoted headline forms whose grammar marks the title: an
    all-capitals press headline, "X season N ...", "<Name> on X: ...", "from A to B", and
    "trailer for X, ...", "X Is a <verdict>"; ``body``, the entry's text, confirms a show
    named before its people ("X: <Korean name> ...")."""
    if not _LOWER.search(rest):
        m = _PRESS_CAPS.search(rest)
        if m:
            return title_case(m.group("film")), "all-capitals press headline 'FORMAT X VERB'"
        for m in lexicon.title_patterns[0].finditer(title_case(rest)):
            return m.group(0), "curated title in an all-capitals headline"
    season_lead = _title_before_season(lexicon, rest)
    if season_lead:
        return season_lead, "title pattern 'X season N ...'"
    m = _EPISODE_LEAD.match(rest)
    if m:
        film = m["film"].strip()
        pm = _POSSESSIVE_LEAD.match(film)
        film = pm.group("rest") if pm else film
        # (one word is as often an adjective or a name: "Emotional Finale of ...", "Gong Yoo
        # Episode 3 Cameo")
        if lexicon.works_titled(film) or (
            len(film.split()) > 1 and bounded_title(film) and lexicon.person(film) is None
        ):
            return film, "title pattern 'X episode N / finale ...'"
    m = _FORMAT_LEAD.match(rest)
    if m:
        film = m["film"].strip()
        pm = _POSSESSIVE_LEAD.match(film)
        film = pm.group("rest") if pm else film
        # ("Nielsen Ratings:", "TV Viewership:": one word before figures is their source)
        figures = m["what"].lower() in ("ratings", "viewership")
        source = figures and (" " not in film or film.rpartition(" ")[2] in _FIGURES_SOURCE)
        if lexicon.works_titled(film) or (
            bounded_title(film) and lexicon.person(film) is None and not source
        ):
            return film, "title pattern 'X trailer / ratings / first look: ...'"
    m = SUBJECT_ARRIVES.match(rest)
    if m and arrival_subject(lexicon, m["film"], rest[m.end() :], body):
        # "Harbour Lights arrives on Disney+ next Wednesday": a sentence-case headline's
        # Title Case subject, then the verb of an arrival
        return m["film"], "title pattern 'X arrives on ...'"
    m = _CAST_POSSESSIVE.match(rest)
    if m and korean_names(m["names"]):
        film = cast_subject(lexicon, m["rest"])
        if film:
            return film, 'title pattern "<cast>\'s X <verb>"'
    m = _TITLE_COLON_CAST.match(rest)
    cast = _CAST_POSSESSIVE.match(m["rest"]) if m else None
    festival = m is not None and _FESTIVAL_LABEL.fullmatch(m["film"].strip()) is not None
    if m and cast and festival and korean_names(cast["names"]):
        # "Cannes 2026: Na Hong-jin's Hope is a monster movie ...": the festival heads it
        film = cast_subject(lexicon, cast["rest"], title_case=True)
        if film:
            return film, 'title pattern "Festival: <cast>\'s X ..."'
    if m and cast is None and not festival and names_first(m["rest"]):
        # "Hangout With Yoo: Yoo Jae-suk, Haha And Joo Woo-jae Launch ...": the show, then
        # its people, where the text calls it a show too ("MBC's Hangout With Yoo has ...")
        film = m["film"].strip()
        if lexicon.works_titled(film) or (
            bounded_title(film)
            and not SECTION_LABEL.search(film)
            and lexicon.person(film) is None
            and named_as_a_show(film, body)
        ):
            return film, 'title pattern "X: <Korean name> ..."'
    if (
        m
        and cast
        and not festival
        and korean_names(cast["names"])
        and not titles_in_headline(lexicon, m["rest"])
    ):
        # (a curated title after the cast is the work: "Box Office: Lee Byung-hun's No Other
        # Choice Tops Weekend"; a section's label before the colon never is)
        film = m["film"].strip()
        # (the news said of it before the colon: "Idol I Ratings: Choi Soo-young's Courtroom
        # Drama Hits Personal Best")
        said = _FIGURES_AFTER.search(film)
        film = film[: said.start()] if said and not lexicon.works_titled(film) else film
        # ("Nielsen Ratings:", "Weekend Box Office:": one word left is a source or a time)
        unnamed = said is not None and " " not in film and not lexicon.works_titled(film)
        if not unnamed and (
            lexicon.works_titled(film)
            or (bounded_title(film) and not SECTION_LABEL.fullmatch(film))
        ):
            return film, 'title pattern "X: <cast>\'s ..."'
    m = NAME_ON_TITLE.match(rest)
    # (the headline ending with the work only after a person's name: "Yoon Ga-eun on The World
    # of Love"; not "Squid Game Returns on Friday", "Park Seo-joon Takes on Hollywood")
    ends = m is not None and m.end() == len(rest.rstrip())
    spoken = rest[: m.start("film")] if m else ""
    person = bool(korean_names(spoken)) and not HEADLINE_VERB.search(spoken)
    what = m["film"].split()[0] if m else ""
    if (
        m
        and not FILM_WORDS.search(spoken)
        and (not ends or (person and not what.lower().endswith("ing")))
    ):
        film = m["film"]
        if lexicon.works_titled(film) or (
            looks_like_title(film) and not _PLATFORM_NAME.fullmatch(film)
        ):
            return film, "title pattern '<Name> on X:'"
    m = _FROM_TO.search(rest)
    if m:
        before = known_prefix(lexicon, m.group("a"), marked=True)
        after = known_prefix(lexicon, m.group("b"), marked=True)
        if before and after:
            return after, "title pattern 'from A to B' (B)"
    m = _PART_OF_TITLE.search(rest)
    # (its words capitalised: "to" between them is the title's, "Last Train to Mokpo"; two
    # words at least unless curated: "Korea's summer season", "Netflix's new season")
    if (
        m
        and m["film"].split()[-1][0].isupper()
        and lexicon.person(m["film"]) is None
        and (len(m["film"].split()) >= 2 or lexicon.works_titled(m["film"]))
        and not _PLATFORM_NAME.fullmatch(m["film"])
    ):
        return m["film"], "title pattern 'of X's eighth episode'"
    m = _TITLE_IS_A.match(rest)
    if m:
        film = m["film"]
        if may_name_a_work(film) and lexicon.person(film) is None:
            return film, "title pattern 'X Is a ...' (an essay headline)"
    m = _PROMO_FOR.search(rest)
    if m:
        film = m.group("film")
        pm = None if lexicon.works_titled(film) else _POSSESSIVE_LEAD.match(film)
        film = pm.group("rest") if pm else film  # ("Netflix's X"; not "The King's Warden")
        if lexicon.works_titled(film) or looks_like_title(film):
            return film, "title pattern 'trailer for X'"
    return None
