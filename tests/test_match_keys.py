"""Film clustering from per-entry keys gives exactly the answers of the code it replaced.

The reference below is that code (text scans and lexicon lookups at clustering time, the
Hangul x romanised loop of the cross-script join), grown by the later joins written the same
plain way (a title and its subtitled form, a romanised spelling of a Hangul title, names
compared by their loose keys, titles that sound alike across scripts), kept here to compare with:
``cluster`` (= ``cluster_keys`` over ``film_keys``) must return the same list, the same
partition numbered the same way, on the labelled sets (classified as ``tracker.evaluate``
does), on farm-like entries, and on random batches built to hit every branch: same-title
curated works, stated years, uncurated Hangul and romanised titles that name the same people.
"""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from farm import farm_entries

from tracker.evaluate import entry_from_line, load_feed_hints, read_jsonl
from tracker.text import has_hangul, normalize_title, strip_html
from tracker.understand.classify import classify
from tracker.understand.lexicon import Lexicon, Person, Work, default_lexicon
from tracker.understand.match import (
    ClusterInput,
    FilmKeys,
    cluster,
    cluster_keys,
    film_keys,
)
from tracker.understand.romanize import (
    fold,
    hangul_name_folds,
    latin_name_folds,
    name_fold,
    romanize,
)
from tracker.understand.sounds import (
    hangul_skeleton,
    is_katakana,
    katakana_name_sounds,
    name_sound,
    skeleton,
)
from tracker.understand.titles import SEASON_SUFFIX
from tracker.understand.vocabulary import NUMBER_WORDS
from tracker.understand.works import choose_work

DATA = Path(__file__).parent / "data"
LABELLED = sorted(DATA.glob("*/items.jsonl"))

# --------------------------------------------------------------------------------------------
# The reference: the clustering this module replaced


def _ref_works(lexicon: Lexicon, *names: str | None) -> list[Work]:
    seen: list[Work] = []
    for name in names:
        if name:
            for work in lexicon.works_titled(name):
                if work not in seen:
                    seen.append(work)
    return seen


def _ref_spelled(title: str) -> str:
    for word, n in NUMBER_WORDS.items():
        for lead in ("Part", "Chapter", "Season", "Vol.", "Vol"):
            title = re.sub(rf"\b{lead}\s+{word}\b", f"{lead} {n}", title, flags=re.I)
    return title


def _ref_base(title: str, lexicon: Lexicon, hangul: str | None = None) -> str:
    works = _ref_works(lexicon, title, hangul)
    if works:
        return normalize_title(works[0].title)
    return normalize_title(_ref_spelled(title)) or normalize_title(title)


def _ref_names(item: ClusterInput, lexicon: Lexicon) -> list[str]:
    """The names an entry states (``FilmKeys.names``), katakana sounds included."""
    text = f"{item.title}\n{item.text[:2000]}"
    people = lexicon.people_named_in(f"{item.title}\n{item.text}")
    keys = {name_fold(p.name) for p in people if p.role != "music"} - {None}
    keys |= latin_name_folds(text) | hangul_name_folds(text) | katakana_name_sounds(text)
    return sorted(k for k in keys if k)[:48]


_HEARD: dict[int, tuple[Lexicon, dict[str, set[str]]]] = {}


def _ref_heard(lexicon: Lexicon) -> dict[str, set[str]]:
    """Each sound of a curated name -> the names' loose keys (kept per lexicon)."""
    if id(lexicon) not in _HEARD:
        heard: dict[str, set[str]] = {}
        names = [p.name for p in lexicon.people] + [p for w in lexicon.works for p in w.people]
        for name in names:
            key = name_fold(name)
            if key and (sound := name_sound(key)):
                heard.setdefault(sound, set()).add(key)
        _HEARD[id(lexicon)] = (lexicon, heard)  # the lexicon kept alive: its id stays its own
    return _HEARD[id(lexicon)][1]


def _ref_cast_work(item: ClusterInput, lexicon: Lexicon) -> Work | None:
    """The curated work a Japanese title is about by its cast: every work compared."""
    title = item.film or item.film_hangul or ""
    if not re.search("[\u3041-\u30ff\u4e00-\u9fff]", title) or has_hangul(title):
        return None
    if item.published is None or _ref_works(lexicon, title, item.film_hangul):
        return None
    heard = _ref_heard(lexicon)
    mine = {
        n for n in _ref_names(item, lexicon) if n.startswith("~") and len(heard.get(n, ())) == 1
    }
    year = item.year if item.year is not None else item.published.year
    scored: list[tuple[int, Work]] = []
    for work in lexicon.works:
        if work.year is None or abs(work.year - year) > 1:
            continue
        theirs = {name_sound(key) for p in work.people if (key := name_fold(p))}
        count = len(mine & theirs)
        if count >= 1:
            scored.append((count, work))
    top = max((count for count, _ in scored), default=0)
    if top >= 2:
        best = [work for count, work in scored if count == top]
        return best[0] if len(best) == 1 else None
    # one name, and a katakana title that sounds like the work's English title
    sound = skeleton(title) if is_katakana(title) else None
    if sound is None or len(sound) < 3:
        return None
    sounding = [w for _, w in scored if skeleton(normalize_title(w.title)) == sound]
    return sounding[0] if len(sounding) == 1 else None


def _ref_item_base(item: ClusterInput, lexicon: Lexicon) -> str:
    cast = _ref_cast_work(item, lexicon)
    if cast is not None:
        return normalize_title(cast.title)
    return _ref_base(item.film or item.film_hangul or "", lexicon, item.film_hangul)


def _ref_stem(item: ClusterInput, lexicon: Lexicon) -> str | None:
    title = item.film or item.film_hangul or ""
    works = _ref_works(lexicon, title, item.film_hangul)
    if works or _ref_cast_work(item, lexicon) is not None:
        title = item.film or ""
    short = re.sub(r"\s*(?::\s|[～〜]).*$", "", _ref_spelled(title)) if title else ""
    m = SEASON_SUFFIX.match(short)
    if m:
        short = m["film"]
    stem = normalize_title(short)
    # a title without a subtitle or a season has no stem; an uncurated one stated with its
    # Hangul title takes that title's
    if stem and stem != _ref_item_base(item, lexicon):
        return stem
    if works or _ref_cast_work(item, lexicon) is not None or not (item.film and item.film_hangul):
        return None
    hangul_short = re.sub(r"\s*(?::\s|[～〜]).*$", "", _ref_spelled(item.film_hangul))
    m = SEASON_SUFFIX.match(hangul_short)
    if m:
        hangul_short = m["film"]
    hangul_stem = normalize_title(hangul_short)
    return hangul_stem if hangul_stem and hangul_stem != normalize_title(item.film_hangul) else None


def _ref_versions_by_years(years: Sequence[int]) -> list[int]:
    versions: list[int] = []
    for year in sorted(set(years)):
        if versions and year - versions[-1] <= 1:
            continue
        versions.append(year)
    return versions


def _ref_nearest_version(versions: Sequence[int], item: ClusterInput) -> int:
    stated = item.year
    if stated is not None:
        return min(versions, key=lambda v: (abs(v - stated), v))
    if item.published is not None:
        eligible = [v for v in versions if v <= item.published.year + 1]
        return max(eligible) if eligible else min(versions)
    return versions[0]


def reference_cluster(
    items: Sequence[ClusterInput], lexicon: Lexicon | None = None
) -> list[int | None]:
    lex = lexicon if lexicon is not None else default_lexicon()
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        if item.film or item.film_hangul:
            base = _ref_item_base(item, lex)
            if base:
                groups.setdefault(base, []).append(index)
    groups = _ref_merge_stated_aliases(groups, items, lex)
    groups = _ref_merge_stems(groups, items, lex)
    groups = _ref_merge_across_scripts(groups, items, lex)
    groups = _ref_merge_by_sound(groups, items, lex)
    labels: dict[tuple[str, int | None], int] = {}
    out: list[int | None] = [None] * len(items)
    for base, members in groups.items():
        candidates = [w for w in _ref_works(lex, base) if normalize_title(w.title) == base]
        stated = [items[i].year for i in members if items[i].year is not None]
        version_of: dict[int, int | None] = {}
        if len(candidates) > 1:
            for i in members:
                item = items[i]
                cast = _ref_cast_work(item, lex)
                if cast in candidates:
                    version_of[i] = candidates.index(cast)
                    continue
                work = choose_work(
                    candidates,
                    text=f"{item.title}\n{item.text}",
                    lexicon=lex,
                    published_year=item.published.year if item.published else None,
                    stated_year=item.year,
                    korean=item.korean,
                )
                version_of[i] = candidates.index(work) if work else None
        else:
            versions = _ref_versions_by_years([y for y in stated if y is not None])
            for i in members:
                version_of[i] = (
                    None if len(versions) <= 1 else _ref_nearest_version(versions, items[i])
                )
        for i in members:
            out[i] = labels.setdefault((base, version_of[i]), len(labels))
    return out


def _ref_aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _ref_may_join(a: Sequence[ClusterInput], b: Sequence[ClusterInput]) -> bool:
    years_a = {x.year for x in a if x.year is not None}
    years_b = {x.year for x in b if x.year is not None}
    if years_a and years_b and min(abs(x - y) for x in years_a for y in years_b) > 1:
        return False
    return any(
        abs((_ref_aware(x.published) - _ref_aware(y.published)).total_seconds()) <= 60 * 86400
        for x in a
        for y in b
        if x.published is not None and y.published is not None
    )


def _ref_merge_stated_aliases(
    groups: dict[str, list[int]], items: Sequence[ClusterInput], lex: Lexicon
) -> dict[str, list[int]]:
    aliases: dict[str, str] = {}
    for base, members in groups.items():
        for i in members:
            item = items[i]
            if not (item.film and item.film_hangul) or _ref_works(lex, base):
                continue
            alias = normalize_title(item.film_hangul)
            if alias and alias != base and alias in groups:
                aliases.setdefault(alias, base)
    merged = dict(groups)
    for alias, target in aliases.items():
        if alias in merged and target in merged and not _ref_works(lex, alias):
            merged[target] = merged[target] + merged.pop(alias)
    return merged


def _ref_merge_stems(
    groups: dict[str, list[int]], items: Sequence[ClusterInput], lex: Lexicon
) -> dict[str, list[int]]:
    longer: dict[str, list[str]] = {}
    for base, members in groups.items():
        stem = next((s for i in members if (s := _ref_stem(items[i], lex))), None)
        if stem is not None and stem != base:
            longer.setdefault(stem, []).append(base)
    merged = dict(groups)
    for stem, bases in longer.items():
        if len(bases) != 1 or stem not in merged or _ref_works(lex, stem):
            continue
        target = bases[0]
        if target in merged and _ref_may_join(
            [items[i] for i in merged[stem]], [items[i] for i in merged[target]]
        ):
            merged[target] = merged[target] + merged.pop(stem)
    return merged


def _ref_curated_work(item: ClusterInput, lex: Lexicon) -> tuple[bool, Work | None]:
    """Whether an entry is about a curated title, and which work of that title (None when the
    title has several and none is chosen)."""
    base = _ref_item_base(item, lex)
    candidates = [w for w in _ref_works(lex, base) if normalize_title(w.title) == base]
    if not _ref_works(lex, base):
        return False, None
    cast = _ref_cast_work(item, lex)
    if cast in candidates:
        return True, cast
    if len(candidates) == 1:
        return True, candidates[0]
    if not candidates:
        return True, None
    return True, choose_work(
        candidates,
        text=f"{item.title}\n{item.text}",
        lexicon=lex,
        published_year=item.published.year if item.published else None,
        stated_year=item.year,
        korean=item.korean,
    )


def _ref_profile(
    members: Sequence[int], items: Sequence[ClusterInput], lex: Lexicon
) -> tuple[set[str], set[str], set[str]]:
    """Who a group's entries name: loose keys, directors, and katakana sounds; an entry about
    a curated work names its curated cast, whatever its text says."""
    people: set[str] = set()
    directors: set[str] = set()
    kana: set[str] = set()
    for i in members:
        item = items[i]
        curated, work = _ref_curated_work(item, lex)
        if curated:
            people |= {name_fold(p) or "" for p in (work.people if work else ())}
            continue
        text = f"{item.title}\n{item.text}"
        for person in lex.people_named_in(text):
            if person.role == "music":
                continue
            people.add(name_fold(person.name) or "")
            if person.role == "director":
                directors.add(person.name)
        people |= latin_name_folds(text) | hangul_name_folds(text)
        kana |= katakana_name_sounds(f"{item.title}\n{item.text[:2000]}")
    people.discard("")
    return people, directors, kana


def _ref_shared(
    a: tuple[set[str], set[str], set[str]], b: tuple[set[str], set[str], set[str]]
) -> int:
    """People both name: by loose key, or by sound where one writes the name in katakana."""
    same = a[0] & b[0]
    sounds_a = {name_sound(key) for key in a[0]} | a[2]
    sounds_b = {name_sound(key) for key in b[0]} | b[2]
    heard = (a[2] & sounds_b) | (b[2] & sounds_a)
    heard -= {name_sound(key) for key in same}
    heard.discard(None)  # type: ignore[arg-type]
    return len(same) + len(heard)


def _ref_merge_across_scripts(
    groups: dict[str, list[int]], items: Sequence[ClusterInput], lex: Lexicon
) -> dict[str, list[int]]:
    uncurated = [base for base in groups if not _ref_works(lex, base)]
    hangul = [b for b in uncurated if has_hangul(b)]
    others = [b for b in uncurated if not has_hangul(b)]
    merged = _ref_join_by_people(groups, items, lex, hangul, others, spelled=True)
    japanese = [b for b in others if re.search("[\u3041-\u30ff\u4e00-\u9fff]", b) and b in merged]
    latin = [b for b in merged if b.isascii()]  # curated titles too
    return _ref_join_by_people(merged, items, lex, japanese, latin, spelled=False)


def _ref_join_by_people(
    groups: dict[str, list[int]],
    items: Sequence[ClusterInput],
    lex: Lexicon,
    sources: Sequence[str],
    targets: Sequence[str],
    *,
    spelled: bool,
) -> dict[str, list[int]]:
    if not sources or not targets:
        return groups
    profiles = {base: _ref_profile(groups[base], items, lex) for base in [*sources, *targets]}
    merged = dict(groups)
    for h in sources:
        h_items = [items[i] for i in groups[h]]
        same_title = [
            lat
            for lat in targets
            if spelled
            and len(fold(lat)) >= 4
            and fold(lat) == fold(romanize(h))
            and re.findall(r"\d+", lat) == re.findall(r"\d+", h)
        ]
        if (
            len(same_title) == 1
            and len(re.findall("[가-힣]", h)) >= 3
            and same_title[0] in merged
            and _ref_may_join(h_items, [items[i] for i in groups[same_title[0]]])
        ):
            merged[same_title[0]] = merged[same_title[0]] + merged.pop(h)
            continue
        h_profile = profiles[h]
        counts = [
            _ref_shared(h_profile, profiles[lat])
            for lat in targets
            if lat in merged
            and (_ref_shared(h_profile, profiles[lat]) >= 2 or h_profile[1] & profiles[lat][1])
        ]
        if not spelled and len(counts) > 1 and sorted(counts)[-1] == sorted(counts)[-2]:
            continue  # two works named as often: neither
        best: tuple[int, str] | None = None
        for lat in targets:
            if lat not in merged:
                continue
            l_profile = profiles[lat]
            shared = _ref_shared(h_profile, l_profile)
            if not (shared >= 2 or h_profile[1] & l_profile[1]):
                continue
            if _ref_may_join(h_items, [items[i] for i in groups[lat]]) and (
                best is None or shared > best[0]
            ):
                best = (shared, lat)
        if best is not None:
            merged[best[1]] = merged[best[1]] + merged.pop(h)
    return merged


def _ref_merge_by_sound(
    groups: dict[str, list[int]], items: Sequence[ClusterInput], lex: Lexicon
) -> dict[str, list[int]]:
    def sounding(base: str, stem: str | None) -> tuple[str, str | None]:
        title, found = base, skeleton(base)
        if found is None and stem and is_katakana(stem):
            title, found = stem, skeleton(stem)
        return title, found if found and len(found) >= 3 else None

    @functools.cache  # pure in its group: computed once, not once a pair
    def titles(group: str) -> list[tuple[str, str, str | None]]:
        """(base, title compared, skeleton) of every title the group holds."""
        if _ref_works(lex, group):
            return []
        pairs = []
        for i in groups[group]:
            item = items[i]
            base = _ref_base(item.film or item.film_hangul or "", lex, item.film_hangul)
            pair = (base, _ref_stem(item, lex))
            if pair not in pairs:
                pairs.append(pair)
        return [(base, *sounding(base, stem)) for base, stem in pairs]

    @functools.cache  # pure in its group: computed once, not once a pair
    def sounds_latin(group: str) -> set[str | None]:
        if _ref_works(lex, group):
            _, found = sounding(group, None)
            return {found} if found and group.isascii() else set()
        return {found for _, title, found in titles(group) if found and title.isascii()}

    @functools.cache  # pure in its group: computed once, not once a pair
    def sounds_hangul(group: str) -> set[str | None]:
        return {
            form
            for _, title, found in titles(group)
            if found and not title.isascii() and not is_katakana(title)
            for form in (found, hangul_skeleton(title, in_katakana=True))
        }

    def where(group: str) -> str:
        """The group whose members now hold ``group``'s first entry."""
        first = groups[group][0]
        return next(g for g, members in merged.items() if first in members)

    def names_of(members: list[int]) -> tuple[set[str], set[str], set[str]]:
        found: set[str] = set()
        for i in members:
            found |= set(film_keys(items[i], lexicon=lex).names)
        kana = {name for name in found if name.startswith("~")}
        return found - kana, set(), kana

    def korean_differs(a: list[int], b: list[int]) -> bool:
        flags_a = {items[i].korean for i in a} - {None}
        flags_b = {items[i].korean for i in b} - {None}
        return len(flags_a) == 1 and len(flags_b) == 1 and flags_a != flags_b

    order = list(groups)
    merged = dict(groups)
    for group in order:
        own = [(t, f) for b, t, f in titles(group) if b == group and f and not t.isascii()]
        if group not in merged or not own:
            continue
        title, found = own[0]
        targets = {where(g) for g in order if found in sounds_latin(g)} - {group}
        if not targets and len(found) >= 7:
            # one consonant off: the two share a form with at most one consonant dropped
            targets = {
                where(g)
                for g in order
                if any(len(s) >= 6 and _ref_one_apart(found, s) for s in sounds_latin(g) if s)
            } - {group}
        if not targets and is_katakana(title):
            targets = {where(g) for g in order if found in sounds_hangul(g)} - {group}
        if len(targets) != 1:
            continue
        target = targets.pop()
        if re.findall(r"\d+", target) != re.findall(r"\d+", group):
            continue
        if korean_differs(merged[group], merged[target]):
            continue
        if len(found) < 4 and not _ref_shared(names_of(merged[group]), names_of(merged[target])):
            continue
        if _ref_may_join([items[i] for i in merged[group]], [items[i] for i in merged[target]]):
            merged[target] = merged[target] + merged.pop(group)
    return merged


def _ref_one_apart(a: str, b: str) -> bool:
    """Whether two skeletons share a form with at most one consonant of each dropped."""

    def forms(sound: str) -> set[str]:
        return {sound} | {sound[:i] + sound[i + 1 :] for i in range(len(sound))}

    return bool(forms(a) & forms(b))


def assert_same(items: Sequence[ClusterInput], lexicon: Lexicon | None = None) -> list[int | None]:
    want = reference_cluster(items, lexicon)
    got = cluster(items, lexicon=lexicon)
    assert got == want
    return got


def joined_across_scripts(items: Sequence[ClusterInput], ids: Sequence[int | None]) -> int:
    """How many uncurated Hangul-titled items share a cluster with a romanised one."""
    lex = default_lexicon()
    latin = {
        ids[i]
        for i, item in enumerate(items)
        if item.film and not has_hangul(item.film) and not lex.works_titled(item.film)
    }
    return sum(
        1
        for i, item in enumerate(items)
        if item.film and has_hangul(item.film) and not lex.works_titled(item.film)
        if ids[i] in latin
    )


# --------------------------------------------------------------------------------------------
# Equal answers


def _labelled_inputs(paths: Sequence[Path]) -> list[ClusterInput]:
    # as tracker.evaluate builds them
    hints = load_feed_hints()
    inputs = []
    for path in paths:
        for line in read_jsonl(path):
            published = datetime.fromisoformat(str(line["published"]))
            got = classify(
                entry_from_line(line),
                feed=hints.get(str(line.get("feed_url"))),
                published=published,
            )
            inputs.append(
                ClusterInput(
                    got.film,
                    got.film_hangul,
                    got.year,
                    published,
                    got.korean,
                    str(line.get("title") or ""),
                    strip_html(f"{line.get('summary') or ''}\n{line.get('content') or ''}"),
                )
            )
    return inputs


@pytest.fixture(scope="module")
def labelled() -> dict[str, list[ClusterInput]]:
    return {path.parent.name: _labelled_inputs([path]) for path in LABELLED}


def test_labelled_sets_cluster_as_before(labelled: dict[str, list[ClusterInput]]) -> None:
    assert len(labelled) >= 6
    for inputs in labelled.values():
        assert_same(inputs)
    # and all of them as one week: more same-title works and more groups to join
    every = [item for inputs in labelled.values() for item in inputs]
    ids = assert_same(every)
    assert len(set(ids)) > 100


def test_farm_entries_cluster_as_before() -> None:
    items = [
        ClusterInput(e.film, None, None, e.published, e.korean, e.title, e.text)
        for e in farm_entries(3000)
    ]
    ids = assert_same(items)
    # Cobweb (Korean and American) and Ballerina have two curated works each
    cobwebs = {ids[i] for i, item in enumerate(items) if item.film == "Cobweb"}
    assert len(cobwebs) == 2


_UNCURATED = [
    ("Night Harbour", "밤의 항구"),
    ("Winter Station", "겨울 정거장"),
    ("Tide Line", "물때"),
    ("Red Kite", "붉은 연"),
    # a subtitled form of one of them, and a spelled-out part number
    ("Night Harbour: Last Call", "밤의 항구 2"),
    ("Red Kite Part Two", "붉은 연 2"),
    # loanword titles written by sound (``sounds``): two English titles of one skeleton, and
    # katakana forms
    ("Pro Bono", "프로보노"),
    ("Pure Bonnie", "プロボノ"),
    ("Signal", "시그널"),
    ("Twelve", "トゥエルブ"),
    ("Cashero", "キャッシャロ"),
    # a Korean title in katakana, with a Japanese subtitle
    ("원경", "ウォンギョン～王を造った王妃～"),
]


_KANA = {"プロボノ", "トゥエルブ", "キャッシャロ"}
_KANA_OF_HANGUL = "ウォンギョン～王を造った王妃～"


def _random_items(rng: random.Random, n: int) -> list[ClusterInput]:
    """Entries over curated titles (several with two works), their aliases and Hangul titles,
    uncurated titles in both scripts, naming a small pool of people (romanised or in Hangul,
    music acts included), with and without stated years, dates naive, aware in other zones, or
    absent."""
    lex = default_lexicon()
    shared_titles = [w for w in lex.works if len(lex.works_titled(w.title)) > 1]
    some_works = rng.sample(list(lex.works), 40) + shared_titles
    pool = rng.sample([p for p in lex.people if p.hangul], 14)
    pool += [p for p in lex.people if p.role == "music"][:2]
    words = ["series", "film", "Netflix", "Disney+", "TVING", "극장", "시리즈", "review"]
    zones = [UTC, timezone(timedelta(hours=9)), timezone(timedelta(hours=-5)), None]
    items = []
    for _ in range(n):
        film: str | None
        hangul: str | None = None
        roll = rng.random()
        if roll < 0.45:
            work = rng.choice(some_works)
            film = rng.choice(work.names)
            hangul = work.hangul if rng.random() < 0.3 else None
            year = rng.choice([None, None, work.year, (work.year or 2020) + rng.choice([-1, 1, 3])])
        elif roll < 0.9:
            latin, korean = rng.choice(_UNCURATED)
            film = korean if rng.random() < 0.5 else latin
            hangul = film if has_hangul(film) and rng.random() < 0.5 else None
            if film == latin and rng.random() < 0.2:
                hangul = korean  # "Night Harbour (밤의 항구)": both forms stated
            year = rng.choice([None, None, None, 2023, 2024, 2026])
        else:
            film, year = rng.choice([None, "", "!!"]), None
        named = rng.sample(pool, rng.randint(0, 4))
        text = " ".join(
            [p.hangul or p.name if rng.random() < 0.4 else p.name for p in named]
            + rng.sample(words, 2)
        )
        zone = rng.choice(zones)
        published = None
        if rng.random() < 0.92:
            published = datetime(2023, 1, 1) + timedelta(days=rng.randint(0, 1000))
            published = published.replace(tzinfo=zone) if zone is not None else published
        items.append(
            ClusterInput(
                film,
                hangul,
                year,
                published,
                rng.choice([True, False, None]),
                f"'{film}' {rng.choice(words)}",
                text,
            )
        )
    return items


def test_random_batches_cluster_as_before() -> None:
    rng = random.Random(1123)
    joined = by_sound = by_reading = 0
    for size in (5, 40, 300, 2500):
        for _ in range(4 if size < 2500 else 1):
            items = _random_items(rng, size)
            ids = assert_same(items)
            joined += joined_across_scripts(items, ids)
            latin = {ids[i] for i, item in enumerate(items) if item.film and item.film.isascii()}
            by_sound += sum(1 for i, it in enumerate(items) if it.film in _KANA and ids[i] in latin)
            wongyeong = {ids[i] for i, it in enumerate(items) if it.film == "원경"}
            by_reading += sum(
                1
                for i, it in enumerate(items)
                if it.film == _KANA_OF_HANGUL and ids[i] in wongyeong
            )
    assert joined > 50  # the cross-script join was exercised, not only the plain grouping
    assert by_sound > 10  # and the join by sound, katakana titles included
    assert by_reading > 3  # and a Korean title's katakana reading, by its title before "～"


def test_cross_script_join_picks_the_group_sharing_most_people_first_seen() -> None:
    people = [Person(f"Actor {c}", f"배우{c}") for c in "ABCDE"]
    people.append(Person("Director Z", "감독제트", role="director"))
    lex = Lexicon.build([], people)
    at = datetime(2025, 3, 1, tzinfo=UTC)
    items = [
        ClusterInput("Alpha", None, None, at, True, "Alpha", "Actor A Actor B"),
        ClusterInput("Beta", None, None, at, True, "Beta", "Actor A Actor B Actor C"),
        ClusterInput("Gamma", None, None, at, True, "Gamma", "Actor C Actor D Actor E"),
        ClusterInput("Delta", None, None, at, True, "Delta", "Director Z"),
        # three shared with Beta, two with Alpha: Beta
        ClusterInput("하나", None, None, at, True, "하나", "배우A 배우B 배우C"),
        # two shared with Alpha, Beta and Gamma alike: the first seen, Alpha
        ClusterInput("둘", None, None, at, True, "둘", "배우A 배우B"),
        # one director shared: enough
        ClusterInput("셋", None, None, at + timedelta(days=60), True, "셋", "감독제트"),
        # the same director a microsecond later: too far
        ClusterInput(
            "넷", None, None, at + timedelta(days=60, microseconds=1), True, "넷", "감독제트"
        ),
    ]
    ids = assert_same(items, lex)
    assert ids[4] == ids[1] and ids[5] == ids[0] and ids[6] == ids[3]
    assert ids[7] not in ids[:7]


def test_a_katakana_title_follows_its_hangul_title_into_the_english_group() -> None:
    # 원경 joins "The Queen Who Crowns" by two people; its katakana reading, naming nobody
    # the lexicon knows, then belongs to that group too (and not to a lone second Hangul title)
    people = [Person("Cha Joo-young", "차주영"), Person("Lee Hyun-wook", "이현욱")]
    lex = Lexicon.build([], people)
    at = datetime(2025, 6, 1, tzinfo=UTC)
    items = [
        ClusterInput(
            "The Queen Who Crowns", None, None, at, True, "x", "Cha Joo-young Lee Hyun-wook"
        ),
        ClusterInput("원경", "원경", None, at, True, "원경", "차주영 이현욱"),
        # (a skeleton of three, "nkn": a name it shares with the group, written in Hangul)
        ClusterInput("ウォンギョン～王を造った王妃～", None, None, at, True, "x", "차주영 주연"),
        ClusterInput("시그널", "시그널", None, at, True, "시그널", ""),
    ]
    ids = assert_same(items, lex)
    assert ids[0] == ids[1] == ids[2] != ids[3]


# --------------------------------------------------------------------------------------------
# The keys


def test_film_keys_are_plain_data_that_survive_a_json_round_trip() -> None:
    items = _random_items(random.Random(5), 400)
    keys = [film_keys(item) for item in items]

    def encode(key: FilmKeys) -> str:
        published = key.published.isoformat() if key.published else None
        return json.dumps({**key._asdict(), "published": published})

    def decode(text: str) -> FilmKeys:
        raw = json.loads(text)
        published = datetime.fromisoformat(raw["published"]) if raw["published"] else None
        return FilmKeys(
            **{
                **raw,
                "published": published,
                "people": tuple(raw["people"]),
                "directors": tuple(raw["directors"]),
                "names": tuple(raw["names"]),
            }
        )

    stored = [decode(encode(key)) for key in keys]
    assert stored == keys
    assert cluster_keys(stored) == cluster(items)


def test_film_keys_hold_what_clustering_needs() -> None:
    at = datetime(2023, 9, 1, tzinfo=UTC)
    assert film_keys(ClusterInput(None, title="Ten K-dramas")) == FilmKeys()
    korean = film_keys(ClusterInput("Ballerina", None, None, at, True, "x", "Jeon Jong-seo"))
    spin_off = film_keys(ClusterInput("Ballerina", None, 2025, at, False, "x", "Ana de Armas"))
    assert korean.base == spin_off.base == "ballerina" and korean.curated
    assert korean.work is not None and spin_off.work is not None and korean.work != spin_off.work
    assert korean.people == ()  # people are looked up only for uncurated titles
    lex = Lexicon.build(
        [], [Person("Ryu Jun-yeol", "류준열"), Person("Um Tae-hwa", role="director")]
    )
    night = film_keys(
        ClusterInput("밤의 항구", None, 2025, at, True, "'밤의 항구'", "류준열, Um Tae-hwa"),
        lexicon=lex,
    )
    assert night == FilmKeys(
        "밤의항구",
        False,
        None,
        2025,
        at,
        ("Ryu Jun-yeol", "Um Tae-hwa"),
        ("Um Tae-hwa",),
        # the loose keys of every name, curated or of Korean shape, in either script
        names=("um daehwa", "yu junyul"),
        korean=True,
    )


def test_cluster_keys_does_no_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = [film_keys(item) for item in _random_items(random.Random(9), 300)]
    want = cluster_keys(keys)

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("cluster_keys scanned text or looked up the lexicon")

    monkeypatch.setattr(Lexicon, "people_named_in", forbidden)
    monkeypatch.setattr(Lexicon, "works_titled", forbidden)
    monkeypatch.setattr("tracker.understand.match.choose_work", forbidden)
    monkeypatch.setattr("tracker.understand.match.default_lexicon", forbidden)
    assert cluster_keys(keys) == want
