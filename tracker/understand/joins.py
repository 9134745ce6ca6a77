"""Which title groups of a week are one work: the joins ``match.cluster_keys`` makes after
grouping entries by their canonical title.

Within 60 days, an uncurated title joins: the group whose entries state it beside their own
title ("The Quiet Orchard (고요한 과수원)"); the one title whose subtitle it leaves out ("The
Trauma Code" and "Trauma Code: Heroes on Call"); across scripts, the romanised title its Hangul
spells ("Jongmarui Babo", "종말의 바보"), or a title whose entries name two of the same people
in any script ("Choi Woo-shik", "최우식" and, by its sound, "チェ・ウシク"; a Japanese title, the
curated work of the week whose cast it names); and the one title it sounds like (프로보노,
プロボノ, "Pro Bono": ``sounds``).

Owns those rules, over ``FilmKeys`` alone. Pure and near-linear: candidates come from indexes
(by name, by sound, by stem), never from comparing every pair of groups; must not read a
text, the lexicon or the clock.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from tracker.text import hangul_count, has_hangul
from tracker.understand.filmkeys import FilmKeys
from tracker.understand.romanize import fold, romanize
from tracker.understand.sounds import hangul_skeleton, is_katakana, name_sound, skeleton

#: kana or a kanji: a title in Japanese (or Chinese), which the lexicon never lists
JAPANESE = re.compile("[\u3041-\u30ff\u4e00-\u9fff]")
#: the numbers of a title ("Part 2", "Taxi Driver 3"): two titles join only when they agree
DIGITS = re.compile(r"\d+")


def join_groups(groups: dict[str, list[int]], keys: Sequence[FilmKeys]) -> dict[str, list[int]]:
    """The title groups (canonical title -> entry positions) after every join, in order: the
    entries of a joined group follow those of the group it joined."""
    groups = _join_stated_aliases(groups, keys)
    groups = _join_stems(groups, keys)
    groups = _join_across_scripts(groups, keys)
    return _join_by_sound(groups, keys)


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
    #: the sounds of the names its entries write in katakana (``sounds.name_sound``)
    kana: frozenset[str] = frozenset()
    #: the sounds of all its names, those of ``people`` and ``kana``
    sounds: frozenset[str] = frozenset()


def _profile(members: Sequence[int], keys: Sequence[FilmKeys]) -> _Profile:
    people: set[str] = set()
    kana: set[str] = set()
    directors: set[str] = set()
    instants: list[int] = []
    years: set[int] = set()
    for i in members:
        for name in keys[i].names:
            (kana if name.startswith("~") else people).add(name)
        directors.update(keys[i].directors)
        published = keys[i].published
        if published is not None:
            instants.append(_instant(published))
        year = keys[i].year
        if year is not None:
            years.add(year)
    sounds = {sound for key in people if (sound := name_sound(key))} | kana
    return _Profile(people, directors, sorted(instants), years, frozenset(kana), frozenset(sounds))


def _shared(a: _Profile, b: _Profile) -> int:
    """How many people two groups both name: by their loose keys, and by sound where one of
    the two writes the name in katakana (a name both write in Latin letters or Hangul counts
    once, by its key)."""
    same = a.people & b.people
    heard = (a.kana & b.sounds) | (b.kana & a.sounds)
    if heard and same:
        heard -= {sound for key in same if (sound := name_sound(key))}
    return len(same) + len(heard)


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
    """Join a Hangul-titled group with one titled in another script, and then a Japanese-titled
    group (kanji or katakana, with the Hangul groups joined to it) with a Latin one, when the
    lexicon does not know the work but both name the same people (two, or a director) within
    ``_SCRIPT_MERGE_WINDOW``: Korean outlets write '계시록', Japanese ones 『啓示録』 and English
    ones "Revelations" about the same film, and Japanese ones write its people in katakana
    (``_shared``). Curated titles are already joined through their aliases, but for Japanese
    ones, which the lexicon never lists: a Japanese-titled group may join a curated English
    one, whose entries carry the work's cast.

    A romanised title that spells the Hangul one ("Jongmarui Babo", "종말의 바보") needs no
    people."""
    uncurated = [base for base, members in groups.items() if not keys[members[0]].curated]
    hangul = [b for b in uncurated if has_hangul(b)]
    others = [b for b in uncurated if not has_hangul(b)]
    merged = _join_by_people(groups, keys, hangul, others, spelled=True)
    japanese = [b for b in others if JAPANESE.search(b) and b in merged]
    # a curated work's English title too: the lexicon lists no Japanese titles, and its
    # entries carry the work's cast (``FilmKeys.names``), which a Japanese outlet writes in
    # katakana (『この恋、通訳できますか？』 with キム・ソンホ and コ・ユンジョン)
    latin = [b for b in merged if b.isascii()]
    return _join_by_people(merged, keys, japanese, latin, spelled=False)


def _join_by_people(
    groups: dict[str, list[int]],
    keys: Sequence[FilmKeys],
    sources: Sequence[str],
    targets: Sequence[str],
    *,
    spelled: bool,
) -> dict[str, list[int]]:
    """Each source group to the target group sharing the most people with it (the first such
    in order of appearance) among those that qualify, or, with ``spelled``, to the one target
    whose romanised title its Hangul title spells. Candidates come from an index of the
    targets by name and by sound, so a group meets only those that share someone with it."""
    if not sources or not targets:
        return groups
    target_profiles = [_profile(groups[b], keys) for b in targets]
    naming: dict[str, list[int]] = {}  # a name's key or sound -> positions in ``targets``
    directing: dict[str, list[int]] = {}
    for position, profile in enumerate(target_profiles):
        for name in profile.people | profile.sounds:
            naming.setdefault(name, []).append(position)
        for person in profile.directors:
            directing.setdefault(person, []).append(position)

    romanised = _romanised_titles(targets) if spelled else {}
    merged = dict(groups)
    for source in sources:
        profile = _profile(groups[source], keys)
        same_title = [
            position
            for position in romanised.get(fold(romanize(source)), [])
            # the loose form keeps letters only: the numbers must agree ("바다 2", "Pata"), and
            # a title of one or two syllables ("파파", "Baba") is too short to tell
            if DIGITS.findall(targets[position]) == DIGITS.findall(source)
        ]
        if (
            len(same_title) == 1
            and hangul_count(source) >= 3
            and _may_join(profile, target_profiles[same_title[0]])
        ):
            target = targets[same_title[0]]
            merged[target] = merged[target] + merged.pop(source)
            continue
        candidates = {p for name in profile.people | profile.sounds for p in naming.get(name, ())}
        directed = {p for person in profile.directors for p in directing.get(person, ())}
        qualifying = sorted(
            (-count, position)
            for position in candidates | directed
            if (count := _shared(profile, target_profiles[position])) >= 2 or position in directed
        )
        if not spelled and len(qualifying) > 1 and qualifying[0][0] == qualifying[1][0]:
            # a Japanese title naming two works' people as often: which one it is is unknown
            # (two current works can share their leads)
            continue
        for _count, position in qualifying:
            if _may_join(profile, target_profiles[position]):
                target = targets[position]
                merged[target] = merged[target] + merged.pop(source)
                break
    return merged


#: the fewest consonant classes a skeleton must have to join two titles by sound alone: with
#: three, one title in twenty of the lexicon's meets another work's ("프레데터", "The Plot"),
#: so a skeleton of three ("Cashero", 캐셔로) joins only where the entries share a name too
_SOUND_ALONE = 4
#: the fewest consonants of a skeleton that may join one a consonant off
_SOUND_NEAR = 7
SOUND_MIN = 3


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
    # the long Latin skeletons by each form with one consonant dropped: two skeletons one
    # consonant apart (one dropped, added or changed) share such a form
    dropped: dict[str, set[str]] = {}
    for sound, owners in latin.items():
        if len(sound) >= _SOUND_NEAR - 1:
            for form in {sound, *_one_dropped(sound)}:
                dropped.setdefault(form, set()).update(owners)

    def near(sound: str) -> set[str]:
        found: set[str] = set()
        for form in {sound, *_one_dropped(sound)}:
            found |= dropped.get(form, set())
        return found

    def now(group: str) -> str:
        while group in moved:
            group = moved[group]
        return group

    for base, sound, katakana in others:
        if base not in merged:
            continue
        # where each candidate is now; exactly one is wanted, so their order does not matter
        targets = {now(t) for t in latin.get(sound, ())} - {base}
        if not targets and len(sound) >= _SOUND_NEAR:
            # a long skeleton one consonant off ("Stranger Things", ストレンジャー・シングス: a
            # "g" Japanese does not write; "of the", 오브 더: a "th" Korean writes ㄷ)
            targets = {now(t) for t in near(sound)} - {base}
        if not targets and katakana:
            targets = {now(t) for t in hangul.get(sound, ())} - {base}
        if len(targets) != 1:
            continue
        target = targets.pop()
        if DIGITS.findall(target) != DIGITS.findall(base):
            continue
        if _korean_differs(merged[base], merged[target], keys):
            continue
        mine, theirs = _profile(merged[base], keys), _profile(merged[target], keys)
        if len(sound) < _SOUND_ALONE and not _shared(mine, theirs):
            continue
        if _may_join(mine, theirs):
            merged[target] = merged[target] + merged.pop(base)
            moved[base] = target
    return merged


def _one_dropped(sound: str) -> set[str]:
    """``sound`` with each one of its consonants left out."""
    return {sound[:i] + sound[i + 1 :] for i in range(len(sound))}


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
    return base, sound if sound is not None and len(sound) >= SOUND_MIN else None
