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
Within 60 days, an uncurated title joins: the one title whose subtitle it leaves out ("The
Trauma Code" and "Trauma Code: Heroes on Call"); and, across scripts, the romanised title its
Hangul spells ("Jongmarui Babo", "종말의 바보"), or a title whose entries name two of the same
people, in either script ("Choi Woo-shik" and "최우식" are one name: ``romanize``).

Which entries are the same article syndicated twice lives in ``syndication``; its names are
re-exported here for the callers that know them from this module.

Pure: no network, database, clock or environment; it must not import ``classify`` (both sit in
the pure core) or any adapter.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from tracker.text import hangul_count, has_hangul, normalize_title
from tracker.understand.lexicon import Lexicon, Work, default_lexicon
from tracker.understand.romanize import (
    fold,
    hangul_name_folds,
    latin_name_folds,
    name_fold,
    romanize,
)
from tracker.understand.sounds import hangul_skeleton, is_katakana, skeleton
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


class FilmKeys(NamedTuple):
    """Everything clustering needs about one entry, from ``film_keys``: plain values only
    (str, int, bool, None, tuples of str, a datetime), so they can be stored at ingest. They
    depend on the lexicon they were computed with: compute them again when it changes."""

    #: the normalised canonical title; None when the entry names no film
    base: str | None = None
    #: whether the lexicon has a work of that title (only uncurated titles join across scripts:
    #: curated ones are joined through their aliases already)
    curated: bool = False
    #: the same-title curated work the entry is about, as its position among the works of that
    #: title in the lexicon; None when the title has fewer than two (then stated years decide)
    work: int | None = None
    #: the year the entry states for the film
    year: int | None = None
    published: datetime | None = None
    #: the curated people (music acts left out) its headline and text name, romanised, sorted;
    #: only for an uncurated title, the one case they are needed
    people: tuple[str, ...] = ()
    #: those of them who are directors
    directors: tuple[str, ...] = ()
    #: for an uncurated title, the normalised form in the other script the entry states with
    #: it ("The Quiet Orchard (고요한 과수원)"): entries naming only that form join this one
    alias: str | None = None
    #: for an uncurated title, the loose keys (``romanize.name_fold``) of the Korean names its
    #: entry states, curated or found by their shape, in either script: only compared with
    #: another entry's, never taken as names by themselves
    names: tuple[str, ...] = ()
    #: the normalised title without its subtitle or season ("Trauma Code: Heroes on Call" ->
    #: ``traumacode``); None when it has neither
    stem: str | None = None
    #: whether the entry is about a Korean work (its classification): a title's transcription
    #: joins a title by sound only when they agree (런닝맨 the Korean variety show is not "The
    #: Running Man" the American film)
    korean: bool | None = None


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
        alias = normalize_title(item.film_hangul) if item.film and item.film_hangul else None
        title = item.film or item.film_hangul or ""
        base = normalize_title(_spelled(title)) or base
        return FilmKeys(
            base,
            False,
            None,
            item.year,
            item.published,
            people,
            directors,
            alias if alias and alias != base else None,
            _names_stated(item, people),
            _stem(title, base),
            item.korean,
        )
    # every curated work of that title, films and series alike: "Love in the Big City" is a
    # 2024 film and a 2024 TVING series, "Cobweb" a Korean and an American 2023 film
    candidates = [w for w in works if normalize_title(w.title) == base]
    work: int | None = None
    if len(candidates) > 1:
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
    return FilmKeys(
        base,
        True,
        work,
        item.year,
        item.published,
        stem=_stem(item.film or "", base),
        korean=item.korean,
    )


#: "Part Two", "Season Three": a number in words where titles also write it in digits
_NUMBER_WORD = re.compile(
    rf"\b(Part|Chapter|Season|Vol\.?)\s+({'|'.join(NUMBER_WORDS)})\b", re.IGNORECASE
)
#: a subtitle after the first colon ("Trauma Code: Heroes on Call"), or between Japanese wave
#: dashes ("ウォンギョン～王を造った王妃～")
_SUBTITLE = re.compile(r"\s*(?::\s|[～〜]).*$")
_DIGITS = re.compile(r"\d+")


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
    groups = _join_stated_aliases(groups, keys)
    groups = _join_stems(groups, keys)
    groups = _join_across_scripts(groups, keys)
    groups = _join_by_sound(groups, keys)

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


#: how far apart two outlets' coverage of one uncurated work can be
_SCRIPT_MERGE_WINDOW = timedelta(days=60)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _instant(moment: datetime) -> int:
    """Microseconds since the epoch: exact, so the 60-day test is today's to the microsecond.
    A naive date is taken as UTC, never the machine's local zone (pure core)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return (aware - _EPOCH) // _MICROSECOND


class _Profile(NamedTuple):
    """One title group, for the cross-script join: who its entries name, and when."""

    #: the loose keys of the names its entries state (``FilmKeys.names``)
    people: set[str]
    directors: set[str]
    #: the entries' dates as ``_instant``s, sorted
    instants: list[int]
    #: the years its entries state
    years: set[int]


def _profile(members: Sequence[int], keys: Sequence[FilmKeys]) -> _Profile:
    people: set[str] = set()
    directors: set[str] = set()
    instants: list[int] = []
    years: set[int] = set()
    for i in members:
        people.update(keys[i].names)
        directors.update(keys[i].directors)
        published = keys[i].published
        if published is not None:
            instants.append(_instant(published))
        year = keys[i].year
        if year is not None:
            years.add(year)
    return _Profile(people, directors, sorted(instants), years)


def _may_join(a: _Profile, b: _Profile) -> bool:
    """Whether two groups' dates allow them to be one work: some within the window of each
    other, and no stated years more than one apart."""
    if a.years and b.years and min(abs(x - y) for x in a.years for y in b.years) > 1:
        return False
    return _close(a.instants, b.instants)


def _close(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether some date of ``a`` is within the window of some date of ``b`` (both sorted)."""
    if len(a) > len(b):
        a, b = b, a
    window = _SCRIPT_MERGE_WINDOW // _MICROSECOND
    for moment in a:
        nearest = bisect_left(b, moment - window)
        if nearest < len(b) and b[nearest] <= moment + window:
            return True
    return False


def _join_stated_aliases(
    groups: dict[str, list[int]], keys: Sequence[FilmKeys]
) -> dict[str, list[int]]:
    """Join the group of an uncurated title written in one script to the group whose entries
    state it beside their title ("The Quiet Orchard (고요한 과수원)"), the first such group in
    order of appearance; the joined entries come after that group's own."""
    aliases: dict[str, str] = {}
    for base, members in groups.items():
        for i in members:
            alias = keys[i].alias
            if alias and alias in groups and alias != base:
                aliases.setdefault(alias, base)
    if not aliases:
        return groups
    merged = dict(groups)
    for alias, target in aliases.items():
        if alias in merged and target in merged and not keys[merged[alias][0]].curated:
            merged[target] = merged[target] + merged.pop(alias)
    return merged


def _join_stems(groups: dict[str, list[int]], keys: Sequence[FilmKeys]) -> dict[str, list[int]]:
    """Join the group of an uncurated title to the one group whose title is it with a
    subtitle or a season ("The Trauma Code", "Trauma Code: Heroes on Call"), within the
    window. Two titles that both extend it ("X: A", "X: B") leave it alone: which one it
    means is unknown; so does a curated short title (a known work, not a shortening)."""
    longer: dict[str, list[str]] = {}
    for base, members in groups.items():
        stem = next((keys[i].stem for i in members if keys[i].stem), None)
        if stem is not None and stem != base:
            longer.setdefault(stem, []).append(base)
    merged = dict(groups)
    for stem, bases in longer.items():
        if len(bases) != 1 or stem not in merged or keys[merged[stem][0]].curated:
            continue
        target = bases[0]
        if target not in merged:
            continue
        # (a curated long title takes its shortening too, "The Trauma Code": so would it an
        # unrelated "Mission" beside "Mission: Impossible", within the window)
        if _may_join(_profile(merged[stem], keys), _profile(merged[target], keys)):
            merged[target] = merged[target] + merged.pop(stem)
    return merged


def _romanised_titles(latin: Sequence[str]) -> dict[str, list[int]]:
    """The loose forms of romanised titles (``romanize.fold``), each to its positions."""
    index: dict[str, list[int]] = {}
    for position, base in enumerate(latin):
        loose = fold(base)
        if len(loose) >= 4:
            index.setdefault(loose, []).append(position)
    return index


def _join_across_scripts(
    groups: dict[str, list[int]], keys: Sequence[FilmKeys]
) -> dict[str, list[int]]:
    """Join a Hangul-titled group with a romanised one when the lexicon does not know the
    work but both name the same people (two, or a director) within ``_SCRIPT_MERGE_WINDOW``:
    Korean outlets write '계시록' and English ones "Revelations" about the same film. Curated
    titles are already joined through their aliases and are left alone.

    A romanised title that spells the Hangul one ("Jongmarui Babo", "종말의 바보") needs no
    people. Otherwise each Hangul group goes to the romanised group sharing the most people
    (the first such in order of appearance), among those that qualify. Candidates come from
    an index of the romanised groups by person, so a group meets only those that share
    someone with it."""
    uncurated = [base for base, members in groups.items() if not keys[members[0]].curated]
    hangul = [b for b in uncurated if has_hangul(b)]
    latin = [b for b in uncurated if not has_hangul(b)]
    if not hangul or not latin:
        return groups

    latin_profiles = [_profile(groups[b], keys) for b in latin]
    naming: dict[str, list[int]] = {}  # person -> positions in ``latin``
    directing: dict[str, list[int]] = {}
    for position, profile in enumerate(latin_profiles):
        for person in profile.people:
            naming.setdefault(person, []).append(position)
        for person in profile.directors:
            directing.setdefault(person, []).append(position)

    spelled = _romanised_titles(latin)
    merged = dict(groups)
    for h in hangul:
        profile = _profile(groups[h], keys)
        same_title = [
            position
            for position in spelled.get(fold(romanize(h)), [])
            # the loose form keeps letters only: the numbers must agree ("바다 2", "Pata"), and
            # a title of one or two syllables ("파파", "Baba") is too short to tell
            if _DIGITS.findall(latin[position]) == _DIGITS.findall(h)
        ]
        if (
            len(same_title) == 1
            and hangul_count(h) >= 3
            and _may_join(profile, latin_profiles[same_title[0]])
        ):
            target = latin[same_title[0]]
            merged[target] = merged[target] + merged.pop(h)
            continue
        shared: Counter[int] = Counter()
        for person in profile.people:
            shared.update(naming.get(person, ()))
        directed = {p for person in profile.directors for p in directing.get(person, ())}
        qualifying = sorted(
            (-count, position)
            for position, count in shared.items()
            if count >= 2 or position in directed
        )
        for _count, position in qualifying:
            if _may_join(profile, latin_profiles[position]):
                target = latin[position]
                merged[target] = merged[target] + merged.pop(h)
                break
    return merged


#: the fewest consonant classes a skeleton must have to join two titles by sound alone: with
#: three, one title in twenty of the lexicon's meets another work's ("프레데터", "The Plot"),
#: so a skeleton of three ("Cashero", 캐셔로) joins only where the entries share a name too
_SOUND_ALONE = 4
_SOUND_MIN = 3


def _join_by_sound(groups: dict[str, list[int]], keys: Sequence[FilmKeys]) -> dict[str, list[int]]:
    """Join an uncurated Hangul or katakana title's group to the one Latin group (curated or
    not) that sounds the same (``sounds.skeleton``: 프로보노, プロボノ, "Pro Bono"), or a katakana
    title none sounds like to the one Hangul title it reads as in Japanese (원경, ウォンギョン):
    in the window, with the same numbers, both about Korean works or both not, a skeleton of
    three only with a name in common, and only when exactly one group qualifies."""
    # by every title a group holds: a Hangul title joined by people still places its katakana
    latin: dict[str, set[str]] = {}
    hangul: dict[str, set[str]] = {}
    others: list[tuple[str, str, bool]] = []  # (group, skeleton, katakana) of the other scripts
    for group, members in groups.items():
        if keys[members[0]].curated:
            # a curated work's English title takes its transcriptions too (the lexicon lists no
            # katakana): "Signal" takes シグナル (a curated group keeps no names, so its
            # skeleton needs four consonants)
            _, sound = _sounding(group, None)
            if sound is not None and group.isascii():
                latin.setdefault(sound, set()).add(group)
            continue
        own: tuple[str, bool] | None = None
        for base, stem in dict.fromkeys((keys[i].base, keys[i].stem) for i in members):
            title, sound = _sounding(base or "", stem)
            if sound is None:
                continue
            katakana = is_katakana(title)
            if title.isascii():
                latin.setdefault(sound, set()).add(group)
            elif not katakana:
                for form in (sound, hangul_skeleton(title, in_katakana=True)):
                    hangul.setdefault(form, set()).add(group)
            if base == group and own is None and not title.isascii():
                own = (sound, katakana)
        if own is not None:
            others.append((group, *own))
    if not latin and not hangul:
        return groups
    merged = dict(groups)
    moved: dict[str, str] = {}  # a group joined to another -> that one

    def now(group: str) -> str:
        while group in moved:
            group = moved[group]
        return group

    for base, sound, katakana in others:
        if base not in merged:
            continue
        # where each candidate is now; exactly one is wanted, so their order does not matter
        targets = {now(t) for t in latin.get(sound, ())} - {base}
        if not targets and katakana:
            targets = {now(t) for t in hangul.get(sound, ())} - {base}
        if len(targets) != 1:
            continue
        target = targets.pop()
        if _DIGITS.findall(target) != _DIGITS.findall(base):
            continue
        if _korean_differs(merged[base], merged[target], keys):
            continue
        mine, theirs = _profile(merged[base], keys), _profile(merged[target], keys)
        if len(sound) < _SOUND_ALONE and not mine.people & theirs.people:
            continue
        if _may_join(mine, theirs):
            merged[target] = merged[target] + merged.pop(base)
            moved[base] = target
    return merged


def _korean_differs(a: Sequence[int], b: Sequence[int], keys: Sequence[FilmKeys]) -> bool:
    """Whether one group's entries are all about a Korean work and the other's all about a
    foreign one (entries of unknown kind say nothing)."""
    flags_a = {keys[i].korean for i in a} - {None}
    flags_b = {keys[i].korean for i in b} - {None}
    return len(flags_a) == 1 and len(flags_b) == 1 and flags_a != flags_b


def _sounding(base: str, stem: str | None) -> tuple[str, str | None]:
    """The form of a title that is compared by sound, and its skeleton (None when it has too
    few consonants): the title, or a katakana title before its subtitle."""
    sound = skeleton(base)
    if sound is None and stem and is_katakana(stem):
        base, sound = stem, skeleton(stem)
    return base, sound if sound is not None and len(sound) >= _SOUND_MIN else None
