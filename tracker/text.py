"""Text helpers shared by ``classify`` and ``match``: HTML to plain text, quote and title
normalisation, Hangul and Korean-name detection, and the curated Korean film lexicon.

Owns the reading of ``tracker/data/korean_film.toml`` (package data, read once and cached) and
turning it into lookups. It is foundation: it imports only ``resources`` and the standard
library, and it must not touch the network, a database, the clock or the environment, nor know
anything about entry kinds, ratings or clusters (those belong to ``classify`` and ``match``).
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from tracker.resources import package_data_dir

LEXICON_FILE = "korean_film.toml"

# --------------------------------------------------------------------------------------------
# HTML and whitespace

_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|br|li|ul|ol|h[1-6]|div|tr|td|th|table|blockquote|section|article|hr|dd|dt)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u3000]+")


def strip_html(value: str | None) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, block elements turned
    into line breaks (so a list of titles stays one title per line), spaces collapsed."""
    if not value:
        return ""
    text = _SCRIPT.sub(" ", _COMMENT.sub(" ", value))
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    # twice: feeds double-escape (``&amp;#8217;``) more often than one would hope
    text = html.unescape(html.unescape(text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def one_line(value: str) -> str:
    """Collapse all whitespace, line breaks included, to single spaces."""
    return " ".join(value.split())


# --------------------------------------------------------------------------------------------
# Quotes and titles

#: every quote mark we have seen around titles, mapped to the plain ASCII one
_QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u300c": '"',
        "\u300d": '"',
        "\u300e": '"',
        "\u300f": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


def plain_quotes(value: str) -> str:
    """Curly quotes, guillemets and CJK corner brackets to ASCII; en/em dashes to hyphens."""
    return value.translate(_QUOTE_MAP)


_TITLE_JUNK = re.compile(r"[^\w]+", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def normalize_title(title: str) -> str:
    """A comparison form of a film title: case-folded, NFKC, quotes and punctuation removed,
    a leading "The"/"A" dropped, and *no spaces*, so spacing and hyphenation variants of
    romanised titles meet ("Kill Bok-soon" == "Kill Boksoon", "독전 2" == "독전2",
    "12.12: The Day" == "12.12 The Day"). Hangul is kept as is."""
    text = unicodedata.normalize("NFKC", plain_quotes(title)).casefold().strip()
    text = text.strip("'\" ")
    text = _LEADING_ARTICLE.sub("", text)
    text = text.replace("&", "and")
    return _TITLE_JUNK.sub("", text).replace("_", "")


def normalize_text(value: str) -> str:
    """Loose form of running text for near-duplicate detection: NFKC, case-folded, plain quotes,
    punctuation turned to spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", plain_quotes(value)).casefold()
    return one_line(_TITLE_JUNK.sub(" ", text))


# --------------------------------------------------------------------------------------------
# Hangul and Korean names

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def has_hangul(value: str) -> bool:
    return bool(_HANGUL.search(value))


def hangul_ratio(value: str) -> float:
    """Share of Hangul among the letters of ``value`` (0 when it has none)."""
    letters = [ch for ch in value if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _HANGUL.match(ch)) / len(letters)


#: romanised Korean surnames (Revised Romanization and the common older spellings)
_SURNAMES = """
    Kim Gim Lee Yi Rhee Ri Park Pak Bak Choi Choe Chey Jung Jeong Chung Cheong Kang Gang Cho Jo
    Yoon Yun Youn Jang Chang Lim Im Yim Rim Han Oh O Seo Suh Shin Sin Kwon Gwon Hwang Ahn An
    Song Ryu Ryoo Yoo Yu You Jeon Jun Chun Hong Ko Go Koh Moon Mun Yang Son Sohn Bae Bai Baek
    Paik Back Heo Hur Huh Nam Sim Shim Noh Roh No Ha Kwak Gwak Sung Seong Cha Joo Ju Chu Choo
    Woo U Min Jin Na Ra Ji Um Uhm Eom Byun Byeon Pyun Chae Won Cheon Bang Gong Hyun Hyeon Ham
    Yeo Do Doh Seok Suk Sun Seon Sul Seol Ma Gil Kil Yeon Wi Pyo Myung Myeong Ki Gi Ban Wang
    Geum Keum Ok Yook Yuk In Maeng Je Mo Tak Guk Kook Eun Pyeon Yong Ye Gyeong Kyung Bong Sa
    Bu Yum Yeom Zo Ong Tae Ryoo Lyu Ryeo Ku Koo Gu Kum
"""
KOREAN_SURNAMES: frozenset[str] = frozenset(_SURNAMES.split())

_SYLLABLE = (
    r"(?:[bcdghjklmnprstwyz]{0,3}"
    r"(?:ae|ai|ao|eo|eu|ee|oo|ou|oe|ui|wa|wo|we|wi|ya|yeo|ye|yo|yu|a|e|i|o|u)"
    r"(?:ng|n|m|l|k|p|t|b|g|r)?)"
)
#: "Jeon Jong-seo", "Kim Woo-bin", "Lee Jung Jae" (Soompi spells names without hyphens)
_KOREAN_NAME = re.compile(
    r"\b(?P<surname>[A-Z][a-z]{0,4})\s+(?P<given>[A-Z][a-z]{1,5}(?:-[a-z]{1,5}|\s[A-Z][a-z]{1,5}))\b"
)
_GIVEN_PART = re.compile(rf"^{_SYLLABLE}$", re.IGNORECASE)

#: English words that look like Korean syllables when capitalised ("Ma Rainey", "Do Not")
_NOT_A_GIVEN = frozenset(
    {
        "the",
        "and",
        "not",
        "man",
        "can",
        "son",
        "sun",
        "ten",
        "one",
        "two",
        "run",
        "won",
        "an",
        "in",
        "on",
        "to",
        "go",
        "so",
        "no",
        "we",
        "be",
        "me",
        "he",
        "ye",
        "yo",
        "oh",
        "up",
        "pay",
    }
)


def korean_names(text: str) -> list[str]:
    """Romanised Korean personal names in ``text``: a known surname followed by a two-syllable
    given name written with a hyphen ("Jeon Jong-seo") or as two capitalised syllables
    ("Lee Jung Jae"). Names are returned hyphenated, as they were matched otherwise."""
    found: list[str] = []
    for match in _KOREAN_NAME.finditer(text):
        surname, given = match.group("surname"), match.group("given")
        if surname not in KOREAN_SURNAMES:
            continue
        parts = re.split(r"[-\s]", given)
        if len(parts) != 2 or not all(_GIVEN_PART.match(p) for p in parts):
            continue
        if any(p.lower() in _NOT_A_GIVEN for p in parts) and "-" not in given:
            continue
        found.append(f"{surname} {parts[0]}-{parts[1].lower()}")
    return found


def name_key(name: str) -> str:
    """Comparison form of a personal name: "Lee Jung Jae", "Lee Jung-jae" and "Lee Jungjae"
    all become ``leejungjae``."""
    return re.sub(r"[^a-z\uac00-\ud7a3]", "", unicodedata.normalize("NFKC", name).casefold())


# --------------------------------------------------------------------------------------------
# The curated lexicon


@dataclass(frozen=True)
class Work:
    """One curated film or series."""

    title: str
    year: int | None
    korean: bool
    hangul: str | None = None
    series: bool = False
    aliases: tuple[str, ...] = ()
    #: director and principal cast (romanised), for telling same-title works apart
    people: tuple[str, ...] = ()
    #: the service a same-title series streams on ("netflix", "disney_plus"), to tell apart
    #: two series of one title and year (the 2025 "Trigger" series of Netflix and Disney+)
    platform: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling of the title: English, Hangul and aliases."""
        out = [self.title, *self.aliases]
        if self.hangul:
            out.append(self.hangul)
        return tuple(out)


@dataclass(frozen=True)
class Person:
    """One curated Korean film or drama person (or K-pop act)."""

    name: str
    hangul: str | None = None
    role: str = "actor"  # director | actor | music
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Lookups over the curated data. Build one with ``Lexicon.build``."""

    works: tuple[Work, ...] = ()
    people: tuple[Person, ...] = ()
    #: normalised title (any spelling) -> indexes into ``works``
    by_title: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    #: name_key -> person index, for romanised and Hangul spellings
    by_name: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, works: Sequence[Work], people: Sequence[Person]) -> Lexicon:
        by_title: dict[str, list[int]] = {}
        for index, work in enumerate(works):
            for name in work.names:
                key = normalize_title(name)
                if key and index not in by_title.setdefault(key, []):
                    by_title[key].append(index)
        by_name: dict[str, int] = {}
        for index, person in enumerate(people):
            for name in (person.name, *person.aliases, person.hangul or ""):
                if name:
                    by_name.setdefault(name_key(name), index)
                    # Western order too: "Jong-seo Jeon"
                    parts = name.split()
                    if len(parts) == 2 and not has_hangul(name):
                        by_name.setdefault(name_key(f"{parts[1]} {parts[0]}"), index)
        return cls(
            works=tuple(works),
            people=tuple(people),
            by_title={k: tuple(v) for k, v in by_title.items()},
            by_name=by_name,
        )

    def works_titled(self, title: str) -> list[Work]:
        """Every curated work one of whose spellings normalises like ``title``."""
        return [self.works[i] for i in self.by_title.get(normalize_title(title), ())]

    def person(self, name: str) -> Person | None:
        index = self.by_name.get(name_key(name))
        return None if index is None else self.people[index]

    @property
    def hangul_people(self) -> list[tuple[str, Person]]:
        return [(p.hangul, p) for p in self.people if p.hangul]

    @cached_property
    def _people_matchers(self) -> tuple[list[re.Pattern[str]], dict[str, list[int]]]:
        # One alternation per case rule instead of one regex search per name: the same matches
        # as ``mentions_name`` name by name, in one pass over the text (the hot spot of
        # classify, ~80 % of its time with a search per name).
        exact: list[str] = []
        folded: list[str] = []
        owners: dict[str, list[int]] = {}
        for index, person in enumerate(self.people):
            for name in (person.name, *person.aliases):
                if not name or has_hangul(name):
                    continue
                parts = [re.escape(p) for p in re.split(r"[\s-]+", name.strip()) if p]
                body = r"[\s\-]?".join(parts)
                (exact if len(name) <= 4 else folded).append(body)
                key = name_key(name)
                if index not in owners.setdefault(key, []):
                    owners[key].append(index)
        patterns = []
        for bodies, flags in ((exact, 0), (folded, re.IGNORECASE)):
            if bodies:
                # longest first, so "Kim Tae-ri" is not shadowed by a shorter alternative
                joined = "|".join(sorted(set(bodies), key=len, reverse=True))
                patterns.append(re.compile(rf"(?<![\w])(?:{joined})(?![\w])", flags))
        return patterns, owners

    @cached_property
    def title_patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """Two alternations over the romanised titles and aliases, built once: the multi-word
        (or numbered) ones, matched anywhere, and the one-word ones (group ``name``), which
        callers accept only where headline grammar marks a title. Case-sensitive, as written.
        One search per alternation instead of one per title keeps classify fast."""
        multi: set[str] = set()
        single: set[str] = set()
        for work in self.works:
            for name in (work.title, *work.aliases):
                if not name or has_hangul(name) or len(normalize_title(name)) < 2:
                    continue
                if len(name.split()) >= 2 or any(ch.isdigit() for ch in name):
                    multi.add(re.escape(name))
                else:
                    single.add(re.escape(name))

        def alternation(names: set[str]) -> str:
            return "|".join(sorted(names, key=len, reverse=True)) or "(?!)"

        return (
            re.compile(rf"(?<![\w'’])(?:{alternation(multi)})(?![\w'’])"),
            re.compile(rf"(?<![\w'’])(?P<name>{alternation(single)})(?![\w'’])"),
        )

    def people_named_in(self, text: str) -> list[Person]:
        """The curated people ``text`` names, romanised (hyphen and spacing variants) or in
        Hangul, in lexicon order."""
        patterns, owners = self._people_matchers
        hits: set[int] = set()
        for pattern in patterns:
            for match in pattern.finditer(text):
                hits.update(owners.get(name_key(match.group(0)), ()))
        if has_hangul(text):
            for index, person in enumerate(self.people):
                if person.hangul and len(person.hangul) >= 2 and person.hangul in text:
                    hits.add(index)
        return [self.people[i] for i in sorted(hits)]


def _strings(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,)
    return tuple(str(item) for item in raw)


def parse_lexicon(data: Mapping[str, Any]) -> Lexicon:
    """Build a ``Lexicon`` from the decoded TOML (``[[film]]``, ``[[series]]``, ``[[foreign]]``
    arrays of works, ``[[person]]`` entries)."""
    works: list[Work] = []
    for table, korean, series in (
        ("film", True, False),
        ("series", True, True),
        ("foreign", False, False),
    ):
        for raw in data.get(table, ()):
            works.append(
                Work(
                    title=str(raw["title"]),
                    year=int(raw["year"]) if raw.get("year") else None,
                    korean=bool(raw.get("korean", korean)),
                    hangul=str(raw["ko"]) if raw.get("ko") else None,
                    series=bool(raw.get("series", series)),
                    aliases=_strings(raw.get("aka")),
                    people=_strings(raw.get("people")),
                    platform=str(raw["platform"]) if raw.get("platform") else None,
                )
            )
    people = [
        Person(
            name=str(raw["name"]),
            hangul=str(raw["ko"]) if raw.get("ko") else None,
            role=str(raw.get("role", "actor")),
            aliases=_strings(raw.get("aka")),
        )
        for raw in data.get("person", ())
    ]
    return Lexicon.build(works, people)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read the curated lexicon (the shipped ``tracker/data/korean_film.toml`` by default)."""
    source = path if path is not None else package_data_dir() / LEXICON_FILE
    with source.open("rb") as handle:
        return parse_lexicon(tomllib.load(handle))


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process (package data never changes at run time)."""
    return load_lexicon()


def iter_hangul_hits(text: str, names: Iterable[tuple[str, Person]]) -> list[Person]:
    """People whose Hangul name occurs in ``text``."""
    return [person for hangul, person in names if hangul and hangul in text]


@cache
def _name_pattern(name: str) -> re.Pattern[str]:
    # "Jeon Jong-seo" also matches "Jeon Jong Seo" and "Jeon Jongseo"; "IU" stays case-sensitive
    parts = [re.escape(p) for p in re.split(r"[\s-]+", name.strip()) if p]
    body = r"[\s\-]?".join(parts) if len(parts) > 1 else parts[0]
    flags = 0 if len(name) <= 4 else re.IGNORECASE
    return re.compile(rf"(?<![\w]){body}(?![\w])", flags)


def mentions_name(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` (a person or a title), tolerant of hyphen and spacing
    variants; Hangul names are matched as substrings (particles attach to them)."""
    if not name:
        return False
    if has_hangul(name):
        return name in text
    return bool(_name_pattern(name).search(text))


_SERIES_WORDS = re.compile(
    r"\b(?:series|episodes?|seasons?|K-dramas?|showrunner)\b|시리즈|\d+\s?부작|드라마|회차|시즌",
    re.IGNORECASE,
)
_FILM_FORM_WORDS = re.compile(
    r"\b(?:film|movie|feature|theaters?|theatres?|cinemas?|box office)\b|영화|극장|관객",
    re.IGNORECASE,
)


#: how texts name the services a curated work can carry in ``platform``
_PLATFORM_WORDS = {
    "netflix": re.compile(r"\bNetflix\b|넷플릭스", re.IGNORECASE),
    "disney_plus": re.compile(r"\bDisney\s?\+|\bDisney Plus\b|디즈니\s?\+|디즈니\s?플러스"),
    "prime_video": re.compile(r"\bPrime Video\b|프라임\s?비디오"),
    "apple_tv_plus": re.compile(r"\bApple TV\s?\+|애플\s?TV"),
    "tving": re.compile(r"\bTVING\b|\bTving\b|티빙"),
    "coupang_play": re.compile(r"\bCoupang Play\b|쿠팡\s?플레이"),
}


def _form_of(text: str) -> str | None:
    """ "series" or "film" when the text's wording leans one way, else None."""
    series = len(_SERIES_WORDS.findall(text))
    films = len(_FILM_FORM_WORDS.findall(text))
    if series > films:
        return "series"
    if films > series:
        return "film"
    return None


def choose_work(
    candidates: Sequence[Work],
    *,
    text: str,
    lexicon: Lexicon,
    published_year: int | None = None,
    stated_year: int | None = None,
    korean: bool | None = None,
) -> Work | None:
    """Pick the work an entry is about among same-title candidates ("Ballerina" 2023 or 2025),
    from the evidence a person would use: a stated year, the people named in the text (in
    romanisation or Hangul), whether the entry reads as Korean, and when it was published
    (coverage runs from a little before a release to a few years after), and whether the text
    reads as about a series or a film when the candidates are one of each."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    form = _form_of(text) if len({w.series for w in candidates}) > 1 else None
    best: tuple[float, int] | None = None
    chosen = candidates[0]
    for index, work in enumerate(candidates):
        score = 0.0
        if stated_year is not None and work.year is not None:
            score += 6 if abs(stated_year - work.year) <= 1 else -6
        for name in work.people:
            person = lexicon.person(name)
            if mentions_name(text, name) or (
                person is not None and person.hangul and person.hangul in text
            ):
                score += 2
        if korean is not None and korean == work.korean:
            score += 1
        if form and (work.series == (form == "series")):
            score += 1
        words = _PLATFORM_WORDS.get(work.platform or "")
        if words is not None and words.search(text):
            score += 2
        if published_year is not None and work.year is not None:
            gap = published_year - work.year
            score += -3 if gap < -1 else max(0.0, 1.5 - 0.25 * gap)
        key = (score, -index)
        if best is None or key > best:
            best, chosen = key, work
    return chosen
