"""Which entries are about the same film.

Owns film identity, split by when the work can be done:

* ``film_keys(item)``, once per entry (at ingest; the result is plain data that can be stored):
  every text scan and lexicon lookup clustering needs. The canonical title key (``_base``:
  normalised, and through the curated lexicon's aliases and Hangul titles), which curated work
  of that title the entry is about when several share it (``choose_work``), the year it states,
  its date, and the curated people it names (for the cross-script join below).
* ``cluster_keys(keys)``, per digest: grouping and indexing only, near-linear, no text.
* ``cluster(items)`` is ``cluster_keys`` over ``film_keys``; ``film_key`` is the title-and-year
  key a remembered film is stored under.

Titles are compared after normalisation (case, punctuation, curly quotes, a leading "The",
spacing and hyphenation of romanisations, "Part Two" and "Part 2"). Films of one title are kept
apart by the work each entry is about (curated titles) or by stated years (uncurated ones).
A Japanese title the lexicon cannot list is the curated work of its time whose cast the entry
writes in katakana (``_cast_work``). The joins of uncurated titles across spellings,
scripts and sounds live in ``joins``.

Which entries are the same article syndicated twice lives in ``syndication``; its names are
re-exported here for the callers that know them from this module.

Pure: no network, database, clock or environment; it must not import ``classify`` (both sit in
the pure core) or any adapter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from tracker.text import has_hangul, normalize_title
from tracker.understand.filmkeys import FilmKeys
from tracker.understand.joins import JAPANESE as _JAPANESE
from tracker.understand.joins import SOUND_MIN as _SOUND_MIN
from tracker.understand.joins import join_groups
from tracker.understand.lexicon import Lexicon, Work, default_lexicon
from tracker.understand.romanize import hangul_name_folds, latin_name_folds, name_fold
from tracker.understand.sounds import is_katakana, katakana_name_sounds, skeleton
from tracker.understand.syndication import (
    Fingerprint,
    fingerprint,
    syndicated_groups,
    syndicated_groups_of,
)
from tracker.understand.titles import SEASON_SUFFIX
from tracker.understand.vocabulary import NUMBER_WORDS
from tracker.understand.works import choose_work

__all__ = [
    "ClusterInput",
    "FilmKeys",
    "Fingerprint",
    "cluster",
    "cluster_keys",
    "film_key",
    "film_keys",
    "fingerprint",
    "syndicated_groups",
    "syndicated_groups_of",
]


class ClusterInput(NamedTuple):
    """What clustering needs to know about one entry (from its classification)."""

    film: str | None
    film_hangul: str | None = None
    #: a year the entry states for the film ("Ballerina, 2023", "(2023)")
    year: int | None = None
    published: datetime | None = None
    korean: bool | None = None
    #: the entry's headline and plain text, for people named and for syndication
    title: str = ""
    text: str = ""


def _works(lexicon: Lexicon, *names: str | None) -> list[Work]:
    seen: list[Work] = []
    for name in names:
        if name:
            for work in lexicon.works_titled(name):
                if work not in seen:
                    seen.append(work)
    return seen


def _base(title: str, lexicon: Lexicon, hangul: str | None = None) -> str:
    """The normalised canonical title: aliases and Hangul map to the curated English title."""
    works = _works(lexicon, title, hangul)
    if works:
        return normalize_title(works[0].title)
    return normalize_title(title)


def film_key(title: str, year: int | None = None, *, lexicon: Lexicon | None = None) -> str:
    """A film's clustering key: the normalised canonical title, plus ``-year`` when known.

    ``film_key("‘Kill Bok-soon’") == film_key("Kill Boksoon") == film_key("길복순")``.
    """
    lex = lexicon if lexicon is not None else default_lexicon()
    base = _base(title, lex)
    return f"{base}-{year}" if year is not None else base


# --------------------------------------------------------------------------------------------
# Once per entry


def film_keys(item: ClusterInput, *, lexicon: Lexicon | None = None) -> FilmKeys:
    """The clustering keys of one entry: every lookup and text scan clustering needs."""
    lex = lexicon if lexicon is not None else default_lexicon()
    if not (item.film or item.film_hangul):
        return FilmKeys()
    base = _base(item.film or item.film_hangul or "", lex, item.film_hangul)
    if not base:
        return FilmKeys()
    works = _works(lex, base)
    if not works:
        people, directors = _people_named(item, lex)
        names = _names_stated(item, people)
        cast = _cast_work(item, names, lex)
        if cast is not None:
            return _curated_keys(item, lex, normalize_title(cast.title), chosen=cast)
        alias = normalize_title(item.film_hangul) if item.film and item.film_hangul else None
        title = item.film or item.film_hangul or ""
        base = normalize_title(_spelled(title)) or base
        stem = _stem(title, base)
        if stem is None and alias:
            # "Honour (아너: 그녀들의 법정)": Korean outlets write the Hangul title's short form
            stem = _stem(item.film_hangul or "", alias)
        return FilmKeys(
            base,
            False,
            None,
            item.year,
            item.published,
            people,
            directors,
            alias if alias and alias != base else None,
            names,
            stem,
            item.korean,
        )
    return _curated_keys(item, lex, base)


def _curated_keys(
    item: ClusterInput, lex: Lexicon, base: str, *, chosen: Work | None = None
) -> FilmKeys:
    """The keys of an entry about the curated work(s) titled ``base`` (``chosen``, when known)."""
    # every curated work of that title, films and series alike: "Love in the Big City" is a
    # 2024 film and a 2024 TVING series, "Cobweb" a Korean and an American 2023 film
    candidates = [w for w in _works(lex, base) if normalize_title(w.title) == base]
    work: int | None = None
    if len(candidates) > 1 and chosen in candidates:
        work = candidates.index(chosen)
    elif len(candidates) > 1:
        chosen = choose_work(
            candidates,
            text=f"{item.title}\n{item.text}",
            lexicon=lex,
            published_year=item.published.year if item.published else None,
            stated_year=item.year,
            korean=item.korean,
        )
        # the chosen work itself, not its year: same-title works can share a year
        work = candidates.index(chosen) if chosen else None
    known = candidates[work] if work is not None else None
    if known is None and len(candidates) == 1:
        known = candidates[0]
    if known is not None and (
        known.year is None
        or item.published is None
        or abs(known.year - (item.year or item.published.year)) > _CAST_YEARS
    ):
        known = None  # an old work's cast works on together in other works: not its names now
    return FilmKeys(
        base,
        True,
        work,
        item.year,
        item.published,
        # the work's curated cast: what a Japanese title, which the lexicon never lists, shares
        # with it when an outlet writes the same people in katakana (``joins``)
        names=_cast_keys(known) if known is not None else (),
        stem=_stem(item.film or "", base),
        korean=item.korean,
    )


def _cast_keys(work: Work) -> tuple[str, ...]:
    """The loose keys of a curated work's people, sorted."""
    return tuple(sorted({key for person in work.people if (key := name_fold(person))}))


#: how many years apart a curated work's year and an entry's date may be, for a Japanese title
#: recognised by its cast (``_cast_work``): a cast works on, with the same people, for years
_CAST_YEARS = 1


def _cast_work(item: ClusterInput, names: Sequence[str], lex: Lexicon) -> Work | None:
    """The curated work a Japanese-titled entry is about when the lexicon lists no Japanese
    titles, among the works of about the entry's time whose people it writes in katakana:
    the one it names most of, two at least (『しあわせな選択』 with パク・チャヌク and
    イ・ビョンホン is No Other Choice; two works named as often leave the title alone:
    katakana keeps fewer sounds apart than the lexicon's names), or else the one whose English
    title a katakana title sounds like (``sounds.skeleton``: キャッシャロ with キム・ヘジュン is
    Cashero)."""
    title = item.film or item.film_hangul or ""
    if not _JAPANESE.search(title) or has_hangul(title) or item.published is None:
        return None
    counts: dict[int, int] = {}
    # the names it writes in katakana only: a sound is coarser than a name's key, and
    # ``works_by_sound`` keeps only the sounds of one curated name each
    for sound in names:
        for index in lex.works_by_sound.get(sound, ()) if sound.startswith("~") else ():
            counts[index] = counts.get(index, 0) + 1
    year = item.year if item.year is not None else item.published.year
    named = sorted(
        (-count, index)
        for index, count in counts.items()
        if (work_year := lex.works[index].year) is not None and abs(work_year - year) <= _CAST_YEARS
    )
    if not named:
        return None
    if named[0][0] <= -2:
        if len(named) > 1 and named[0][0] == named[1][0]:
            return None
        return lex.works[named[0][1]]
    heard = skeleton(title) if is_katakana(title) else None
    if heard is None or len(heard) < _SOUND_MIN:
        return None
    sounding = [index for _, index in named if index in lex.works_by_title_sound.get(heard, ())]
    return lex.works[sounding[0]] if len(sounding) == 1 else None


#: "Part Two", "Season Three": a number in words where titles also write it in digits
_NUMBER_WORD = re.compile(
    rf"\b(Part|Chapter|Season|Vol\.?)\s+({'|'.join(NUMBER_WORDS)})\b", re.IGNORECASE
)
#: a subtitle after the first colon ("Trauma Code: Heroes on Call"), or between Japanese wave
#: dashes ("ウォンギョン～王を造った王妃～")
_SUBTITLE = re.compile(r"\s*(?::\s|[～〜]).*$")


def _spelled(title: str) -> str:
    """``title`` with a part or season number in digits ("Rebel Moon Part Two" -> "... Part 2")."""
    return _NUMBER_WORD.sub(lambda m: f"{m[1]} {NUMBER_WORDS[m[2].lower()]}", title)


def _stem(title: str, base: str) -> str | None:
    """The normalised title without a subtitle after its colon or a season suffix, if it has
    one: the form an outlet that leaves them out writes."""
    if not title:
        return None
    short = _SUBTITLE.sub("", _spelled(title))
    m = SEASON_SUFFIX.match(short)
    if m:
        short = m["film"]
    stem = normalize_title(short)
    return stem if stem and stem != base else None


#: how much of an entry's text is read for the names it states, and how many are kept
_NAMES_TEXT = 2000
_MOST_NAMES = 48


def _names_stated(item: ClusterInput, people: Sequence[str]) -> tuple[str, ...]:
    """The loose keys of the Korean names an entry states: its curated people and the names
    of Korean shape in its headline and text (romanised, or Hangul words that may be names)."""
    # the headline and the lead: where a story names its cast; bounded, since every Hangul
    # word of three syllables that starts like a surname may be a name, and these are stored
    text = f"{item.title}\n{item.text[:_NAMES_TEXT]}"
    keys = {key for person in people if (key := name_fold(person))}
    keys |= latin_name_folds(text)
    if has_hangul(text):
        keys |= hangul_name_folds(text)
    if not text.isascii():
        # a Japanese text's Korean names, by their sound (``~``: never a ``name_fold``)
        keys |= katakana_name_sounds(text)
    return tuple(sorted(keys)[:_MOST_NAMES])


def _people_named(item: ClusterInput, lex: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...]]:
    people: set[str] = set()
    directors: set[str] = set()
    for person in lex.people_named_in(f"{item.title}\n{item.text}"):
        if person.role == "music":
            continue  # K-pop acts appear in every kind of story: no evidence of one film
        people.add(person.name)
        if person.role == "director":
            directors.add(person.name)
    return tuple(sorted(people)), tuple(sorted(directors))


# --------------------------------------------------------------------------------------------
# Per digest


def cluster(items: Sequence[ClusterInput], *, lexicon: Lexicon | None = None) -> list[int | None]:
    """A cluster id per item (None when it names no film). Same id = same film."""
    lex = lexicon if lexicon is not None else default_lexicon()
    return cluster_keys([film_keys(item, lexicon=lex) for item in items])


def cluster_keys(keys: Sequence[FilmKeys]) -> list[int | None]:
    """A cluster id per entry's keys (None when it names no film). Numbered as ``cluster``
    always has: title groups in order of first appearance (the entries of a Hangul group joined
    to a romanised one after that group's own), and versions in order of first appearance
    inside a group. The keys of one call must come from one lexicon."""
    groups: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key.base:
            groups.setdefault(key.base, []).append(index)
    groups = join_groups(groups, keys)

    labels: dict[tuple[str, int | None], int] = {}
    out: list[int | None] = [None] * len(keys)
    for base, members in groups.items():
        versions = _versions_by_years([y for i in members if (y := keys[i].year) is not None])
        for i in members:
            key = keys[i]
            version: int | None
            if key.work is not None:
                version = key.work  # a curated work chosen for this entry at ingest
            elif len(versions) <= 1:
                version = None
            else:
                version = _nearest_version(versions, key.year, key.published)
            out[i] = labels.setdefault((base, version), len(labels))
    return out


def _versions_by_years(years: Sequence[int]) -> list[int]:
    """Distinct film years from stated years, merging neighbours (a festival year and a
    release year of one film differ by one)."""
    versions: list[int] = []
    for year in sorted(set(years)):
        if versions and year - versions[-1] <= 1:
            continue
        versions.append(year)
    return versions


def _nearest_version(
    versions: Sequence[int], stated: int | None, published: datetime | None
) -> int:
    if stated is not None:
        return min(versions, key=lambda v: (abs(v - stated), v))
    if published is not None:
        # coverage runs from about a year before a release to a few years after
        eligible = [v for v in versions if v <= published.year + 1]
        return max(eligible) if eligible else min(versions)
    return versions[0]
