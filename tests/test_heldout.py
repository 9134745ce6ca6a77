"""The classifier and the matcher on the four held-out sets written in other outlets' styles.

Set 1 (IndieWire, Slant, LWLies, Tudum, KoBiz, 씨네플레이 ...) and set 2 (the FT, Vulture,
Polygon, Time Out, press rooms, allkpop, 동아일보, 조선일보 ... 33 outlets). The rules were
generalised against both (set 2 in a second round, after a first measurement untouched by
tuning: kind 0.931, Korean F1 0.963, film 0.854, release date 0.958, clustering F1 0.931), so
neither is an unbiased estimate any more: these floors, a little below what the rules reach,
guard against regressions. The hidden set's targets are the README's (kind 0.95, Korean F1
0.95, film 0.90, rating 0.95, release date 0.90, clustering F1 0.90).

Set 3 (tests/data/heldout3: BBC, LA Times, The Atlantic, io9, MovieWeb, KED Global, 매일경제,
Watcha Pedia ... 29 outlets) was first measured untouched by tuning: kind 0.900, Korean F1
0.969, film 0.848, rating 0.923, release date 0.800, clustering F1 0.841. General rules (pull
quotes, credits, "Release Date" and platform "Film Review" headlines, "★ N.N", Korean service
dates, galleries, cinema chains, same-title series by service) and curated works were then
added against it, so set 3 is no longer an unbiased estimate either: its floors below are
regression guards.

Set 4 (tests/data/heldout4: Japan Times, Vanity Fair, Esquire, SBS Australia, MyDramaList,
Letterboxd members, 이데일리, 일간스포츠, 연합뉴스TV ... 24 outlets) was first measured untouched
by tuning: kind 0.929, Korean F1 0.973, film 0.952, rating 0.964, release date 0.688, clustering
F1 0.881. General rules ("gets <Month> date", dated debuts after a festival premiere, "opens
nationwide on", "오늘(N일) ... 개봉했", Korea-only streamers' originals, a closing "Three and a
half stars", a stated year against a curated work of another year, Hangul aliases in brackets
and as short names) and curated works were then added against it (all its metrics now 1.000),
so set 4 is no longer an unbiased estimate either: its floors are regression guards.

Set 5 (tests/data/heldout5: Newsweek, USA Today, Forbes, Inverse, The Ringer, Radio Times,
Rappler, 뉴스1, 뉴시스, OSEN, 스타뉴스 ... 21 outlets, films none of the other sets cover) was
first measured untouched by tuning: kind 0.889, Korean F1 0.965, film 0.950, rating 1.000 (of
7), platform 0.981, release date 1.000 (of 14), clustering F1 0.884. In issue 14 the weighed
kind signals (essay headlines with a judging lead) were written after reading its kind misses
(kind 0.963 after), so it is no longer an unbiased estimate either: its floors are regression
guards. Set 6 (tests/data/heldout6) is now the untuned estimate: never read its errors.

Set 6 (tests/data/heldout6: The Playlist, NPR, The Telegraph, Koreaboo, Kpopmap, Dramabeans,
Eiga.com, Kstyle, 스포츠서울, 티브이데일리, 아이즈 ... 28 outlets) was written blind for issue 14
and measured once before its changes (its README has the numbers). It is checked here for size
and format only, not held to floors: it is an estimate, not yet a regression guard.

Set 7 (tests/data/heldout7: Consequence, Total Film, EW, The New York Times, Sportskeeda,
Beyond Hallyu, 스포츠동아, 톱스타뉴스, 映画ナタリー, WoW!Korea ... 31 outlets) was written blind for
the second round of issue 14, after set 6 had been measured twice. Like set 6 it is checked for
size and format only: never read its errors.

Set 8 (tests/data/heldout8: Film Comment, Flickering Myth, Pajiba, The Spool, Kdramastars,
Kpopping, 헤럴드POP, 스타투데이, クランクイン!, 韓流ぴあ ... 27 outlets) was written blind for the
third round of issue 14, beside a development set (tests/data/dev8) whose misses the round was
written from. Size and format only: never read its errors.

Set 9 (tests/data/heldout9: HeyUGuys, The Upcoming, Vague Visages, Dark Horizons, Times Now,
Dexerto, 스포티비뉴스, 엔터미디어, MANTANWEB, KOARI ... 24 outlets) was written blind for the
fourth round of issue 14, beside a development set (tests/data/dev9, 21 other outlets) whose
misses the round was written from. Size and format only: never read its errors.

Set 10 (tests/data/heldout10: IONCINEMA, The Arts Desk, PopMatters, TV LIFE, 報知, ETtoday,
Koimoi, 쿠키뉴스, TV리포트, Korea World Times ... 24 outlets) was written blind for the fifth
round of issue 14 (clustering across English, Hangul and Japanese, written from the development
sets 8-10). Size and format only: never read its errors.

Set 11 (tests/data/heldout11: outlets n-z, The Bias List, Zoom TV, 스포츠한국, TV Groove ... 24
outlets) was written blind for the sixth round of issue 14, beside a development set
(tests/data/dev11, outlets a-m) whose misses the round was written from. Size and format only:
never read its errors.

Set 12 (tests/data/heldout12: outlets n-z, That Shelf, The Hindu, The Honey POP, 톱데일리,
스포츠W, otocoto, 聯合新聞網 ... 24 outlets) was written blind for the seventh round of issue 14
(round 6 in CHANGES.md), beside a development set (tests/data/dev12, outlets a-m) whose misses the
round was written from. Size and format only: never read its errors.

Set 13 (tests/data/heldout13: outlets n-z, 22 outlets, 89 entries) was written blind for round 7,
beside a development set (tests/data/dev13, outlets a-m, 92 entries). Size and format only: never
read its errors.

Set 14 (tests/data/heldout14: outlets n-z, 21 outlets, 90 entries) was written blind for round 8,
beside a development set (tests/data/dev14, outlets a-m, 90 entries). Size and format only: never
read its errors.

Set 15 (tests/data/heldout15: outlets n-z, 21 outlets, 90 entries) was written blind for round 9,
beside a development set (tests/data/dev15, outlets a-m, 90 entries). Size and format only: never
read its errors.

Set 16 (tests/data/heldout16: outlets n-z, 21 outlets, 90 entries) was written blind for round 10,
beside a development set (tests/data/dev16, outlets a-m, 90 entries). Size and format only: never
read its errors.

Set 17 (tests/data/heldout17: outlets n-z, 20 outlets, 90 entries) was written blind for round 11,
beside a development set (tests/data/dev17, outlets a-m, 90 entries). Size and format only: never
read its errors.

Set 18 (tests/data/heldout18: outlets n-z, 8 outlets, 90 entries) was written blind for round 12,
beside a development set (tests/data/dev18, outlets a-m, 90 entries). Size and format only: never
read its errors.

Set 19 (tests/data/heldout19: 9 outlets, 90 entries) was written blind and measured before and
after round 13, whose rules came from the spent sets; then spent: round 14 was written from its
misses.

Set 20 (tests/data/heldout20: 10 outlets, 90 entries; English-language outlets of Australia,
South Africa, Vietnam and Thailand, and German, French, Indonesian, Spanish, Korean and Japanese
ones) was written blind and measured before and after round 14, and after round 15 (written
for those languages from their grammar, not from this set). Size and format only: never read
its errors.

Set 21 (tests/data/heldout21: 10 outlets, 85 entries; Brazilian, Spanish, Italian, Polish,
Turkish, Vietnamese and Indonesian outlets, and Kenyan, Nigerian and Ghanaian English-language
ones) was written blind and measured before and after round 15; then spent: its error list was
printed by mistake during round 16.

Set 22 (tests/data/heldout22: 10 outlets, 85 entries; German, French, Mexican, Portuguese,
Dutch, Vietnamese and Indonesian outlets, and Pakistani, Canadian and Nepali English-language
ones) was written blind and measured before and after round 16. Size and format only: never read
its errors.

Set 23 (tests/data/heldout23: 89 entries; English-language outlets of countries and kinds no
earlier set used, Korean, Japanese, Chinese and Italian ones, four Korean-entertainment outlets)
was written blind and measured before and after round 17. Size and format only: never read its
errors.

Set 24 (tests/data/heldout24: 89 entries; English-language outlets of countries and kinds no
earlier set used, Korean, Japanese, Chinese and Swedish ones, four Korean-entertainment outlets)
was written blind and measured before and after round 18; then spent: round 19 was written from
its misses.

Set 25 (tests/data/heldout25: 89 entries, 24 outlets; English-language outlets of kinds and
countries no earlier set used, Korean, Japanese, Chinese, Malay, Norwegian, Danish and Tagalog
ones, five Korean-entertainment outlets) was written blind and measured before and after round
19; then spent: round 20 was written from its misses.

Set 26 (tests/data/heldout26: 89 entries, 23 outlets; English-language outlets of kinds and
countries no earlier set used, Korean, Japanese, Chinese, Finnish, Indonesian and Spanish ones,
five Korean-entertainment outlets; labelled by the shared reference's conventions where earlier
sets differ) was written blind and measured before and after round 20; then spent: round 21 was
written from its misses.

Set 27 (tests/data/heldout27: 90 entries, 26 outlets; English-language outlets of kinds and
countries no earlier set used, Korean, Japanese, Chinese, Polish, Brazilian Portuguese and
Québec French ones, seven Korean-entertainment outlets) was written blind and measured before
and after round 21; then spent: round 22 was written from its misses.

Set 28 (tests/data/heldout28: 95 entries, 25 outlets; Canadian and Australian regional,
trade, niche and faith-based English-language outlets, Singaporean, Malaysian and Philippine
ones, Korean, Japanese, Chinese, German and Italian ones, four Korean-entertainment outlets;
one outlet shared with set 27, its README says) was written blind and measured before and
after round 22; then spent: round 23 was written from its misses.

Set 29 (tests/data/heldout29: 85 entries, 22 outlets; US alt-weeklies, Scottish, New Zealand,
Hong Kong, Taiwanese and Qatari English-language outlets, podcasts, Korean, Japanese,
Chinese, Spanish and Dutch ones, four Korean-entertainment outlets) was written blind and
measured before and after round 23. Size and format only: never read its errors.

Set 1 labels "Weak Hero Class" as the series title and set 2 "Weak Hero" ("Class N" numbers
the seasons, like "Season N"); the curated list follows set 2, so set 1 loses those 3 films."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tracker.evaluate import evaluate, load_feed_hints, read_jsonl

DATA = Path(__file__).parent / "data"

SETS = {
    "heldout": (
        99,
        {
            "kind_accuracy": 0.97,
            "korean_f1": 0.97,
            "film_exact": 0.96,
            "rating_exact": 0.96,
            "platform_accuracy": 0.96,
            "release_date_exact": 0.96,
            "cluster_f1": 0.95,
        },
    ),
    "heldout2": (
        102,
        {
            "kind_accuracy": 0.97,
            "korean_f1": 0.97,
            "film_exact": 0.96,
            "rating_exact": 0.96,
            "platform_accuracy": 0.97,
            "release_date_exact": 0.95,
            "cluster_f1": 0.96,
        },
    ),
    "heldout3": (
        80,
        {
            "kind_accuracy": 0.97,
            "korean_f1": 0.97,
            "film_exact": 0.96,
            "rating_exact": 0.96,
            "platform_accuracy": 0.97,
            "release_date_exact": 0.93,
            "cluster_f1": 0.95,
        },
    ),
    "heldout4": (
        70,
        {
            "kind_accuracy": 0.97,
            "korean_f1": 0.97,
            "film_exact": 0.96,
            "rating_exact": 0.96,
            "platform_accuracy": 0.97,
            "release_date_exact": 0.93,
            "cluster_f1": 0.95,
        },
    ),
    # untouched by tuning: its floors sit just under its one measurement, so they guard against
    # regressions without having taught the rules anything
    "heldout5": (
        54,
        {
            "kind_accuracy": 0.87,
            "korean_f1": 0.95,
            "film_exact": 0.93,
            "rating_exact": 0.95,
            "platform_accuracy": 0.96,
            "release_date_exact": 0.95,
            "cluster_f1": 0.86,
        },
    ),
}


def _lines(name: str) -> list[dict[str, object]]:
    path = DATA / name / "items.jsonl"
    if not path.is_file():
        pytest.skip(f"the held-out set is absent ({path.relative_to(DATA.parent)})")
    return read_jsonl(path)


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("hints", ["catalog", "none"])
def test_heldout_metrics_stay_at_their_floors(name: str, hints: str) -> None:
    lines = _lines(name)
    size, floors = SETS[name]
    report = evaluate(lines, load_feed_hints() if hints == "catalog" else {})
    assert report.n == len(lines) == size
    measured = report.as_dict()
    misses = {k: measured[k] for k, floor in floors.items() if measured[k] < floor}
    assert not misses, f"below floor: {misses}\n" + "\n".join(report.errors)
    assert report.rating_spurious == 0


HELDOUT6_SIZE = 95
HELDOUT7_SIZE = 108
HELDOUT8_SIZE = 100
HELDOUT9_SIZE = 100
HELDOUT10_SIZE = 100
HELDOUT11_SIZE = 100
HELDOUT12_SIZE = 100
HELDOUT13_SIZE = 89
HELDOUT14_SIZE = 90
HELDOUT15_SIZE = 90
HELDOUT16_SIZE = 90
HELDOUT17_SIZE = 90
HELDOUT18_SIZE = 90
HELDOUT19_SIZE = 90
HELDOUT20_SIZE = 90
HELDOUT21_SIZE = 85
HELDOUT22_SIZE = 85
HELDOUT23_SIZE = 89
HELDOUT24_SIZE = 89
HELDOUT25_SIZE = 89
HELDOUT26_SIZE = 89
HELDOUT27_SIZE = 90
HELDOUT28_SIZE = 95
HELDOUT29_SIZE = 85
LABEL_FIELDS = {
    "kind": (str,),
    "korean": (bool,),
    "film": (str, type(None)),
    "film_aliases": (list,),
    "rating": (float, int, type(None)),
    "rating_text": (str, type(None)),
    "platform": (str, type(None)),
    "release_date": (str, type(None)),
    "film_key": (str, type(None)),
    "season": (int, type(None)),
    "note": (str, type(None)),
}
ENTRY_FIELDS = [
    "id",
    "source",
    "feed_url",
    "title",
    "summary",
    "content",
    "categories",
    "author",
    "link",
    "guid",
    "published",
    "image",
]


def test_heldout6_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout6"), HELDOUT6_SIZE)


def test_heldout7_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout7"), HELDOUT7_SIZE)


def test_heldout8_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout8"), HELDOUT8_SIZE)


def test_heldout9_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout9"), HELDOUT9_SIZE)


def test_heldout10_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout10"), HELDOUT10_SIZE)


def test_heldout11_and_dev11_have_their_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout11"), HELDOUT11_SIZE)
    _assert_size_and_fields(_lines("dev11"), 100)


def test_heldout12_and_dev12_have_their_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout12"), HELDOUT12_SIZE)
    _assert_size_and_fields(_lines("dev12"), 100)


def test_heldout13_and_dev13_have_their_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout13"), HELDOUT13_SIZE)
    _assert_size_and_fields(_lines("dev13"), 92)


def test_heldout14_and_dev14_have_their_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout14"), HELDOUT14_SIZE)
    _assert_size_and_fields(_lines("dev14"), 90)


def test_heldout15_and_dev15_have_their_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout15"), HELDOUT15_SIZE)
    _assert_size_and_fields(_lines("dev15"), 90)


def test_heldout16_and_dev16_have_their_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout16"), HELDOUT16_SIZE)
    _assert_size_and_fields(_lines("dev16"), 90)


def test_heldout17_and_dev17_have_their_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout17"), HELDOUT17_SIZE)
    _assert_size_and_fields(_lines("dev17"), 90)


def test_heldout18_and_dev18_have_their_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout18"), HELDOUT18_SIZE)
    _assert_size_and_fields(_lines("dev18"), 90)


def test_heldout19_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout19"), HELDOUT19_SIZE)


def test_heldout20_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout20"), HELDOUT20_SIZE)


def test_heldout21_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout21"), HELDOUT21_SIZE)


def test_heldout22_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout22"), HELDOUT22_SIZE)


def test_heldout23_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout23"), HELDOUT23_SIZE)


def test_heldout24_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout24"), HELDOUT24_SIZE)


def test_heldout25_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout25"), HELDOUT25_SIZE)


def test_heldout26_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout26"), HELDOUT26_SIZE)


def test_heldout27_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout27"), HELDOUT27_SIZE)


def test_heldout28_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout28"), HELDOUT28_SIZE)


def test_heldout29_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("heldout29"), HELDOUT29_SIZE)


def test_dev9_has_its_size_and_every_field() -> None:
    _assert_size_and_fields(_lines("dev9"), 100)


def _assert_size_and_fields(lines: list[dict[str, object]], size: int) -> None:
    assert len(lines) == size
    assert len({line["id"] for line in lines}) == len(lines)
    for line in lines:
        assert [k for k in line if k != "labels"] == ENTRY_FIELDS, line["id"]
        labels = line["labels"]
        assert isinstance(labels, dict), line["id"]
        for name, types in LABEL_FIELDS.items():
            assert name in labels, f"{line['id']}: no {name}"
            assert isinstance(labels[name], types), f"{line['id']}: {name} {labels[name]!r}"
        assert labels["kind"] in {"review", "release", "news", "other"}, line["id"]
        assert (labels["rating"] is None) == (labels["rating_text"] is None), line["id"]
        if labels["release_date"] is not None:
            assert labels["kind"] == "release", line["id"]
            date.fromisoformat(labels["release_date"])
        datetime.fromisoformat(str(line["published"]))
    # it parses as the evaluation reads it: every line becomes an entry and is measured
    assert evaluate(lines, {}).n == size
