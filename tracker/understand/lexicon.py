"""The curated lexicon of Korean films, series and people, and the lookups over it.

Owns reading ``korean_film.toml`` (shipped beside this module; sources in ``SOURCES.md``) once
per process and turning it into lookups: works by any spelling of their title, people by any
spelling of their name, and one-pass scans of a text for every curated name and title
(``onepass``), built on first use; the last few texts' name scans are kept, since one entry
asks about several names. Pure but for reading that one package file; must not classify or
cluster.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from mypy_extensions import mypyc_attr

from tracker.text import has_hangul, normalize_title
from tracker.understand.lazy import view
from tracker.understand.names import mentions_name, name_key
from tracker.understand.romanize import name_fold
from tracker.understand.scan.onepass import LiteralSet, NameSet, Scan, TitleSet, title_alternation
from tracker.understand.scan.prefilter import fold
from tracker.understand.sounds import name_sound, skeleton

#: the curated data, beside this module
LEXICON_FILE = Path(__file__).with_name("data") / "korean_film.toml"


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
    #: a title that is an everyday word ("Hope", "Colony"): the work only where the entry names
    #: one of its people or its Hangul title too
    common_word: bool = False

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


#: how many texts ``Lexicon.mentions`` keeps the scan of
_RECENT_TEXTS = 4
#: texts shorter than this are searched name by name
_SCAN_FROM = 200


@lru_cache(maxsize=8192)
def _title_key(title: str) -> str:
    """``normalize_title``, kept for the titles seen lately: headline rules try the same
    spans of a headline against the lexicon several times."""
    return normalize_title(title)


#: a name -> the indexes of the people (or works) it belongs to
_Owners = dict[str, list[int]]
#: the names ``NameSet`` matches minding case (romanised, four letters at most: "IU", "BTS"),
#: the other names, and the folded words a text must have for the first to be scanned (None:
#: always scanned)
_Scanners = tuple[NameSet, NameSet, frozenset[str] | None]

#: the longest name ``names.name_pattern`` matches minding case
_SHORT = 4
_NAME_PARTS = re.compile(r"[\s-]+")
_LEADING_WORD = re.compile(r"\w*")


def _scanners(names: frozenset[str]) -> _Scanners:
    """The names in two ``NameSet``s, so a text without any word the short case-minding names
    can start with skips their scan: ``re`` stops at every capital of the text to try them,
    which costs as much as the scan of the hundreds of other names (the words of the text are
    at hand; what the scans find is the same, as they read the two case rules apart anyway)."""
    short = [n for n in names if len(n) <= _SHORT and not has_hangul(n)]
    rest = [n for n in names if not (len(n) <= _SHORT and not has_hangul(n))]
    firsts: list[str] = []
    for name in short:
        # "Jo In" matches "Jo In", "Jo-In" or "JoIn": the word it starts is "jo" or "join";
        # "D.O." starts the word "d"
        joined = ""
        for part in (p for p in _NAME_PARTS.split(name.strip()) if p):
            joined += part
            firsts.append(fold(_LEADING_WORD.match(joined).group(0)))  # type: ignore[union-attr]
    # a name that starts with no word character: no word tells it is there
    gate = None if "" in firsts else frozenset(firsts)
    return NameSet(short), NameSet(rest), gate


#: the spans between two consecutive quotes: "'x'" is in a text where "x" (no quote in it) is
#: one of them
_QUOTED = re.compile(r"'(?=([^']*)')")


@dataclass(frozen=True)
class _Listed:
    """The names of the curated Korean works a list counts wherever it names them, and
    those it counts only quoted."""

    anywhere: NameSet
    quoted: frozenset[str]
    #: those of ``quoted`` with a quote in them ("Don't"): no span between two quotes
    with_quote: tuple[str, ...]

    def quoted_in(self, text: str) -> set[str]:
        """The names of ``quoted`` that ``text`` writes between quotes ("'Parasite'")."""
        if "'" not in text:
            return set()
        found = set(self.quoted.intersection(_QUOTED.findall(text)))
        found.update(n for n in self.with_quote if f"'{n}'" in text)
        return found


@mypyc_attr(native_class=False)  # its scanners live in its __dict__ (see ``lazy``)
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

    def build_views(self) -> None:
        """Build every scanner and table now rather than on first use (``view``): for a process
        that forks workers, so each starts with them built."""
        for name, attr in vars(type(self)).items():
            if isinstance(attr, view):
                getattr(self, name)

    def works_titled(self, title: str) -> list[Work]:
        """Every curated work one of whose spellings normalises like ``title``."""
        return [self.works[i] for i in self.by_title.get(_title_key(title), ())]

    def person(self, name: str) -> Person | None:
        index = self.by_name.get(name_key(name))
        return None if index is None else self.people[index]

    @view
    def works_by_sound(self) -> Mapping[str, tuple[int, ...]]:
        """The sound of each name a work credits (``sounds.name_sound``) -> the indexes of the
        works crediting it: a Japanese text names a cast in katakana, and no title the
        lexicon lists. A sound two of the curated names share (Kim Soo-hyun and Kim Seon-ho
        are both キム・ス.../キム・ソ... to katakana's ear) is left out: it tells neither."""
        keys_of: dict[str, set[str]] = {}
        found: dict[str, list[int]] = {}
        names: list[tuple[int | None, str]] = [(None, p.name) for p in self.people]
        names += [(index, name) for index, work in enumerate(self.works) for name in work.people]
        for index, name in names:
            key = name_fold(name)
            sound = name_sound(key) if key else None
            if key is None or sound is None:
                continue
            keys_of.setdefault(sound, set()).add(key)
            if index is not None and index not in found.setdefault(sound, []):
                found[sound].append(index)
        return {
            sound: tuple(indexes)
            for sound, indexes in found.items()
            if len(keys_of[sound]) == 1 and indexes
        }

    @view
    def works_by_title_sound(self) -> Mapping[str, tuple[int, ...]]:
        """The skeleton of each work's English title (``sounds.skeleton``) -> the indexes of
        the works of that sound: a Japanese outlet writes an English title in katakana
        (キャッシャロ, "Cashero")."""
        found: dict[str, list[int]] = {}
        for index, work in enumerate(self.works):
            sound = skeleton(normalize_title(work.title))
            if sound is not None:
                found.setdefault(sound, []).append(index)
        return {sound: tuple(indexes) for sound, indexes in found.items()}

    def mentions(self, text: str, name: str) -> bool:
        """``names.mentions_name(text, name)``; for the names of the curated people and of
        the works' credits, answered from the one scan of ``text`` ``people_named_in`` makes
        (the last few texts' scans are kept: an entry asks about several names)."""
        names, _, _, _ = self._names
        if name not in names or len(text) < _SCAN_FROM:
            return mentions_name(text, name)  # a headline: one search is cheaper than a scan
        return name in self._scanned(text, None)[1]

    def _scanned(
        self, text: str, folded: str | None, words: frozenset[str] | None = None
    ) -> tuple[tuple[Scan, ...], set[str]]:
        """The scans of ``text`` for every romanised name, and the names found in them."""
        recent = self._recent
        kept = recent.get(text)
        if kept is None:
            _, (short, rest, firsts), _, _ = self._names
            scans: tuple[Scan, ...] = (rest.scan(text, folded, words),)
            if words is None or firsts is None or not firsts.isdisjoint(words):
                scans += (short.scan(text, folded, words),)
            found: set[str] = set()
            for scan in scans:
                found |= NameSet.found_in(scan)
            kept = scans, found
            if len(recent) >= _RECENT_TEXTS:
                recent.clear()  # atomic: a scan another thread wanted is only made again
            recent[text] = kept
        return kept

    @view
    def _recent(self) -> dict[str, tuple[tuple[Scan, ...], set[str]]]:
        return {}

    @view
    def _names(self) -> tuple[frozenset[str], _Scanners, frozenset[str], _Owners]:
        """Every name the classifier asks about: the people's names and aliases and the
        works' credits, in two ``NameSet``s (``_scanners``); which of them are people's
        (romanised), and who owns each."""
        owners: _Owners = {}
        people: list[str] = []
        for index, person in enumerate(self.people):
            for name in (person.name, *person.aliases):
                if not name or has_hangul(name):
                    continue
                people.append(name)
                key = name_key(name)
                if index not in owners.setdefault(key, []):
                    owners[key].append(index)
        names = [n for p in self.people for n in (p.name, *p.aliases)]
        names += [n for w in self.works for n in w.people]
        known = frozenset(n for n in names if n)
        return known, _scanners(known), frozenset(people), owners

    @view
    def title_patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """Two patterns over the romanised titles and aliases, built once: the multi-word
        (or numbered) ones, matched anywhere, and the one-word ones (group ``name``), which
        callers accept only where headline grammar marks a title. Case-sensitive, as written,
        between word boundaries; the longest title wins where several start. Each is one trie,
        so a search costs a pass over the text, not a try of every title at every place."""
        multi: set[str] = set()
        single: set[str] = set()
        for work in self.works:
            for name in (work.title, *work.aliases):
                if not name or has_hangul(name) or len(normalize_title(name)) < 2:
                    continue
                if len(name.split()) >= 2 or any(ch.isdigit() for ch in name):
                    multi.add(name)
                else:
                    single.add(name)
        return title_alternation(multi), title_alternation(single, group="name")

    @view
    def _people_hangul(self) -> tuple[LiteralSet, _Owners]:
        hangul: _Owners = {}
        for index, person in enumerate(self.people):
            if person.hangul and len(person.hangul) >= 2:
                hangul.setdefault(person.hangul, []).append(index)
        return LiteralSet(hangul), hangul

    def people_named_in(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> list[Person]:
        """The curated people ``text`` names, romanised (hyphen and spacing variants) or in
        Hangul, in lexicon order. ``folded``: ``prefilter.fold(text)``, and ``words``:
        ``prefilter.words(folded)``, if at hand."""
        _, _, people, owners = self._names
        hits: set[int] = set()
        for scan in self._scanned(text, folded, words)[0]:
            for name in NameSet.written_in(scan, people):
                # everyone who has a spelling with this key ("Lee Jung Jae", "Lee Jung-jae")
                hits.update(owners.get(name_key(name), ()))
        if not text.isascii():
            hangul, hangul_owners = self._people_hangul
            for name in hangul.found(text):
                hits.update(hangul_owners[name])
        return [self.people[i] for i in sorted(hits)]

    @view
    def _music_scan(self) -> tuple[NameSet, dict[str, list[int]]]:
        acts: dict[str, list[int]] = {}
        for index, person in enumerate(self.people):
            if person.role == "music":
                for name in (person.name, person.hangul or ""):
                    if name:
                        acts.setdefault(name, []).append(index)
        return NameSet(acts), acts

    def music_named_in(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> list[Person]:
        """The curated K-pop acts ``text`` names by their name or their Hangul name."""
        scan, acts = self._music_scan
        found = {i for name in scan.found(text, folded, words) for i in acts[name]}
        return [self.people[i] for i in sorted(found)]

    @view
    def _korean_scan(self) -> tuple[_Listed, TitleSet, dict[str, list[Work]]]:
        by_name: dict[str, list[Work]] = {}
        for work in self.works:
            if work.korean:
                for name in (work.title, work.hangul or ""):
                    if name:
                        by_name.setdefault(name, []).append(work)
        titles = TitleSet(w.title for w in self.works if w.korean)
        # the names a list counts wherever they stand, and the one-word English titles it
        # counts only quoted (a Hangul name of one syllable never)
        anywhere = [n for n in by_name if (len(n) >= 2 if has_hangul(n) else len(n.split()) >= 2)]
        quoted = frozenset(n for n in by_name if not has_hangul(n) and len(n.split()) < 2)
        with_quote = tuple(sorted(n for n in quoted if "'" in n))
        return _Listed(NameSet(anywhere), quoted, with_quote), titles, by_name

    def korean_works_listed_in(
        self, text: str, folded: str | None = None, words: frozenset[str] | None = None
    ) -> set[str]:
        """The curated Korean works a list names (their titles): by the Hangul title, or by
        an English title of two words or more, or quoted ("'Parasite'")."""
        listed, _, by_name = self._korean_scan
        out: set[str] = set()
        for name in listed.anywhere.found(text, folded, words):
            out.update(w.title for w in by_name[name])
        # the one-word titles are looked for only among the quoted words, not scanned for
        # everywhere: a scan stops at every "Beef" or "Exit" of a long text to try them
        for name in listed.quoted_in(text):
            if mentions_name(text, name):
                out.update(w.title for w in by_name[name])
        return out

    def korean_titles_in(self, text: str) -> set[str]:
        """The English titles of curated Korean works ``text`` writes as they are written."""
        return self._korean_scan[1].found(text)

    @view
    def _hangul_title_scan(self) -> LiteralSet:
        names = (
            name
            for work in self.works
            for name in (work.hangul or "", *work.aliases)
            if len(name) >= 3 and has_hangul(name)
        )
        return LiteralSet(names)

    def hangul_titles_in(self, text: str) -> set[str]:
        """The Hangul titles and Hangul short names of three syllables or more ("우영우")
        ``text`` contains."""
        return self._hangul_title_scan.found(text)


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
                    common_word=bool(raw.get("common_word", False)),
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
    """Read the curated lexicon (the shipped ``korean_film.toml`` by default)."""
    source = path if path is not None else LEXICON_FILE
    with source.open("rb") as handle:
        return parse_lexicon(tomllib.load(handle))


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process (package data never changes at run time)."""
    return load_lexicon()
