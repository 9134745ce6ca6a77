"""Issue 14's eighteenth round: a K-pop act or a star that "comes to" a city for a showcase or a
fan meeting is no work's release; "OST" read as a word in capitals only ("cost", "most", "post"
and "ghost" hold it); an English date in a headline set in capitals ("FEBRUARY 13"). Written
from the labelling conventions and the spent sets' misses; held-out set 24, written blind
beside it, measures the round."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from headlines import classify_headline

from tracker.types import Kind

#: a Monday
MONDAY = datetime(2026, 2, 2, 9, tzinfo=UTC)


def test_round_18_a_k_pop_act_that_comes_to_a_city_for_its_showcase() -> None:
    r = classify_headline(
        "Moon Unit are coming to KL for their first showcase — here's how much tickets cost",
        "<p>The rookie K-pop girl group will hold their first showcase.</p>",
        ("Entertainment", "K-Pop"),
        published=MONDAY,
    )
    assert r.kind == Kind.OTHER, r.reasons


def test_round_18_a_star_that_comes_to_a_city_for_a_fan_meeting_is_no_release() -> None:
    r = classify_headline(
        "Kim Ji-won's fan meeting tour is coming to Manila in April",
        "<p>The Korean actress meets her fans.</p>",
        published=MONDAY,
    )
    assert r.kind != Kind.RELEASE, r.reasons


def test_round_18_a_work_that_comes_to_cinemas_is_still_a_release() -> None:
    r = classify_headline(
        "Moonglade is coming to UK cinemas next month", "<p>The Korean film.</p>", published=MONDAY
    )
    assert r.kind == Kind.RELEASE, r.reasons


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("MOONGLADE PREMIERES ON NETFLIX FEBRUARY 13", date(2026, 2, 13)),
        ("GHOST SQUAD PREMIERES ON NETFLIX FEBRUARY 13", date(2026, 2, 13)),
    ],
)
def test_round_18_a_date_in_a_headline_set_in_capitals(title: str, day: date) -> None:
    r = classify_headline(title, "<p>The Korean drama.</p>", published=MONDAY)
    assert (r.kind, r.release_date) == (Kind.RELEASE, day), r.reasons


def test_round_18_may_in_lower_case_is_no_month() -> None:
    r = classify_headline(
        "Moonglade premieres on Netflix this Friday",
        "<p>Fans may 13 times rewatch it, the Korean drama's director jokes.</p>",
        published=MONDAY,
    )
    assert r.release_date == date(2026, 2, 6), r.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Moonglade: When and Where to Watch Volume 1",
        "Where to Watch Moonglade Online",
        "How to Stream Moonglade in the UK",
    ],
)
def test_round_18_the_work_a_watch_guide_is_for(title: str) -> None:
    r = classify_headline(title, "<p>The Korean drama on Netflix.</p>", published=MONDAY)
    assert (r.kind, r.film) == (Kind.RELEASE, "Moonglade"), r.reasons
