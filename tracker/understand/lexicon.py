"""The curated lexicon of Korean films, series and people, and the lookups over it.

Owns reading ``korean_film.toml`` (shipped beside this module; sources in ``SOURCES.md``) once
per process and turning it into lookups: works by any spelling of their title, people by any
spelling of their name, and one-pass matchers over a text for every curated name. Pure but for
reading that one package file; must not classify or cluster.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from tracker.text import has_hangul, normalize_title
from tracker.understand.names import name_key

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
    """Read the curated lexicon (the shipped ``korean_film.toml`` by default)."""
    source = path if path is not None else LEXICON_FILE
    with source.open("rb") as handle:
        return parse_lexicon(tomllib.load(handle))


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process (package data never changes at run time)."""
    return load_lexicon()


def iter_hangul_hits(text: str, names: Iterable[tuple[str, Person]]) -> list[Person]:
    """People whose Hangul name occurs in ``text``."""
    return [person for hangul, person in names if hangul and hangul in text]
