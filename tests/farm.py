"""Farm-like entries for the matching tests, without feeds or a server: the headlines, the
30-word vocabulary and the films of ``shared/tools/feedfarm.py`` (so many identical headlines
and many shared word trigrams), plus syndicated copies edited just enough to sit on either
side of the copy thresholds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

KOREAN = [
    ("Ballerina", "Lee Chung-hyun", "Jeon Jong-seo"),
    ("Concrete Utopia", "Um Tae-hwa", "Lee Byung-hun"),
    ("Exhuma", "Jang Jae-hyun", "Choi Min-sik"),
    ("Decision to Leave", "Park Chan-wook", "Tang Wei"),
    ("Burning", "Lee Chang-dong", "Yoo Ah-in"),
    ("The Call", "Lee Chung-hyun", "Park Shin-hye"),
    ("Kill Boksoon", "Byun Sung-hyun", "Jeon Do-yeon"),
    ("Smugglers", "Ryoo Seung-wan", "Kim Hye-soo"),
    ("12.12: The Day", "Kim Sung-su", "Hwang Jung-min"),
    ("Cobweb", "Kim Jee-woon", "Song Kang-ho"),
    ("Believer 2", "Baek Jong-yul", "Cho Jin-woong"),
    ("Gyeongseong Creature", "Chung Dong-yoon", "Park Seo-joon"),
]
OTHER = [
    ("Dune: Part Two", "Denis Villeneuve", "Timothee Chalamet"),
    ("Perfect Days", "Wim Wenders", "Koji Yakusho"),
    ("Oppenheimer", "Christopher Nolan", "Cillian Murphy"),
    ("Cobweb", "Samuel Bodin", "Lizzy Caplan"),
]
#: feedfarm's vocabulary, as it writes it
WORDS = (  # noqa: SIM905
    "slick gory thriller vengeance neon assassin friendship loner organisation debut "
    "genre-bending polished surface cold-as-ice angel unflinching exercise stylised forerunner "
    "laconic solitary disrupted ballerina director leading lady reunites streaming premiere cast "
    "ensemble"
).split()
START = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


class FarmEntry(NamedTuple):
    title: str
    text: str
    published: datetime
    film: str
    korean: bool


def _paragraph(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def farm_entries(n: int, seed: int = 7) -> list[FarmEntry]:
    """``n`` entries shaped like feedfarm's: headline templates and a 30-word summary."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        korean = rng.random() < 0.6
        film, director, star = rng.choice(KOREAN if korean else OTHER)
        kind = rng.choice(["review", "review", "release", "news"])
        when = START - timedelta(hours=6 * (i % 40) + rng.randint(0, 5), days=i // 400)
        if kind == "review":
            head = rng.choice(
                [
                    f"Netflix movie review: {film} \u2013 {star} stars in a {rng.choice(WORDS)} "
                    "thriller",
                    f"\u2018{film}\u2019 review: {director}'s {rng.choice(WORDS)} "
                    f"{rng.choice(WORDS)}",
                    f"{film} review \u2013 {rng.choice(WORDS)} and {rng.choice(WORDS)}",
                ]
            )
        elif kind == "release":
            head = rng.choice(
                [
                    f"New on Netflix this week: {film}",
                    f"{film} is coming to Netflix on {when:%B %d}",
                ]
            )
        else:
            head = f"{star} joins {film} follow-up from {director}"
        out.append(FarmEntry(head, _paragraph(rng, 30), when, film, korean))
    return out


def _edit(rng: random.Random, text: str, edits: int) -> str:
    words = text.split()
    for _ in range(edits):
        what = rng.random()
        at = rng.randrange(len(words) + 1)
        if what < 0.4 and words:
            words[min(at, len(words) - 1)] = rng.choice(WORDS)
        elif what < 0.7 and len(words) > 1:
            del words[min(at, len(words) - 1)]
        else:
            words.insert(at, rng.choice(WORDS))
    return " ".join(words)


def with_copies(entries: list[FarmEntry], fraction: float, seed: int = 11) -> list[FarmEntry]:
    """``entries`` and, for a ``fraction`` of them, syndicated copies: verbatim, with the
    headline's quote marks changed, re-headlined, and with 1 to 12 words edited (which puts
    copies on both sides of the 0.6 and 0.75 thresholds); shuffled."""
    rng = random.Random(seed)
    out = list(entries)
    for entry in rng.sample(entries, int(len(entries) * fraction)):
        for _ in range(rng.randint(1, 3)):
            title, text = entry.title, entry.text
            style = rng.random()
            if style < 0.2:
                pass
            elif style < 0.35:
                title = title.replace("\u2018", "'").replace("\u2019", "'")
            elif style < 0.6:
                title = f"{entry.film} {rng.choice(['tops', 'wins', 'opens'])} (Yonhap)"
                text = _edit(rng, text, rng.randint(0, 6))
            else:
                text = _edit(rng, text, rng.randint(1, 12))
            out.append(entry._replace(title=title, text=text))
    rng.shuffle(out)
    return out
