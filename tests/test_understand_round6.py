"""Issue 14's sixth round, written from the development sets' misses (tests/data/dev11 and
tests/data/dev12). Each case is a general shape, not an outlet's, written for these tests."""

from __future__ import annotations

from headlines import classify_headline

from tracker.types import Kind


def test_a_korean_review_names_its_film_after_whose_work_it_is() -> None:
    # an essay headline; the lead quotes the film after its director or its star
    r = classify_headline(
        "세상에 하나 남은 좀비가 내 딸이라면",
        "<p>필감성 감독의 ‘좀비딸’은 이 한 줄짜리 질문에서 출발한다. 평점 ★★★☆</p>",
    )
    assert r.kind == Kind.REVIEW and r.film == "My Daughter Is a Zombie", r.reasons
    r = classify_headline(
        "유배지의 어린 왕, 그를 지킨 촌장",
        "<p>유해진 주연의 ‘고요한 과수원’은 역사 한 귀퉁이에 가상의 인물을 세운다.</p>",
        ("영화",),
    )
    assert r.film == "고요한 과수원", r.reasons
    # what a director said is not a title
    r = classify_headline(
        "감독 인터뷰", "<p>김 감독의 '정말 힘들었다'고 말한 촬영 현장은 물속이었다.</p>", ("영화",)
    )
    assert r.film is None, r.reasons
