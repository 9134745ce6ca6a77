"""Issue 14's sixteenth round: Dutch, Polish, Turkish and Vietnamese outlets (their months,
weekdays ahead, release headlines, review headlines and sections, words of film and of Korean
works, in ``tracker.understand.latinscript``), titles in French guillemets set apart with
spaces ("« Moonglade »"), and a review headline's word in those languages before or after the
title ("Kritik: X", "Recensione: X – ...", "X – Kritik"). Written from the languages' grammar;
held-out set 21, spent by then, checked that no set lost anything. Each rule has its guard."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind

#: a Monday
MONDAY = datetime(2026, 2, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "summary", "day"),
    [
        (
            "Moonglade draait vanaf donderdag in de bioscoop",
            "<p>De Zuid-Koreaanse film van Lee Do-hyun.</p>",
            date(2026, 2, 5),
        ),
        (
            "„Moonglade” wchodzi do kin 13 lutego",
            "<p>Południowokoreański thriller Lee Do-hyuna.</p>",
            date(2026, 2, 13),
        ),
        (
            "Moonglade bu cuma vizyonda",
            "<p>Güney Koreli yönetmen Lee Do-hyun'un filmi.</p>",
            date(2026, 2, 6),
        ),
        (
            "'Moonglade' 12 Şubat'ta sinemalarda",
            "<p>Kore filmi, Güney Koreli yönetmen Lee Do-hyun'dan.</p>",
            date(2026, 2, 12),
        ),
        (
            "Phim Hàn 'Moonglade' khởi chiếu từ ngày 13/2",
            "<p>Phim Hàn Quốc của đạo diễn Lee Do-hyun.</p>",
            date(2026, 2, 13),
        ),
    ],
)
def test_a_release_in_these_languages_is_dated(title: str, summary: str, day: date) -> None:
    r = classify_headline(title, summary, published=MONDAY)
    assert r.kind == Kind.RELEASE, r.reasons
    assert r.release_date == day, r.reasons
    assert r.korean, r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Premiera „Moonglade” przesunięta",
        "Moonglade'in vizyon tarihi ertelendi",
        "Phim 'Moonglade' đã ra rạp tuần trước",
        "Moonglade: release in de bioscoop uitgesteld",
    ],
)
def test_what_is_no_release_in_those_languages(title: str) -> None:
    assert classify_headline(title, "<p>Film.</p>", published=MONDAY).kind != Kind.RELEASE


@pytest.mark.parametrize(
    ("title", "film"),
    [
        ("Critique : « Moonglade », un thriller qui respire", "Moonglade"),
        ("Recensione: Moonglade – il thriller che respira", "Moonglade"),
        ("Moonglade – Kritik", "Moonglade"),
        ("Recenzja filmu „Moonglade”: thriller, który oddycha", "Moonglade"),
        ("İnceleme: Moonglade – nefes alan bir gerilim", "Moonglade"),
    ],
)
def test_a_review_headline_in_these_languages_names_its_film(title: str, film: str) -> None:
    r = classify_headline(title, "<p>Le film. Der Film. Il film. Film.</p>")
    assert r.kind == Kind.REVIEW, r.reasons
    assert r.film == film, r.reasons


@pytest.mark.parametrize(
    ("summary", "korean"),
    [
        ("<p>Een nieuwe Zuid-Koreaanse serie over een vissersdorp.</p>", True),
        ("<p>Nowy koreański serial o wiosce rybackiej.</p>", True),
        ("<p>Yeni Kore dizisi bir balıkçı köyünü anlatıyor.</p>", True),
        ("<p>Phim Hàn Quốc mới về một làng chài.</p>", True),
        # Korea alone is no Korean film: a restaurant, a trade visit
        ("<p>Nowa koreańska restauracja w Warszawie.</p>", False),
        ("<p>Kore ile ticaret anlaşması imzalandı.</p>", False),
    ],
)
def test_korean_film_and_television_in_these_languages(summary: str, korean: bool) -> None:
    r = classify_headline("Nieuw deze week", summary, published=MONDAY)
    assert r.korean == korean, r.reasons
