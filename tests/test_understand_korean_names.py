"""Korean evidence from the shape of a name: a romanised Korean name ("Cha Eun Woo", "Kim
Ji-won") makes an entry Korean only beside a second cue (drama or idol words, a Korean
broadcaster or streamer, Korea, Seoul, Hangul), never alone (two such names are a cast,
as before), never beside another Asian country's or North Korea's words, and never for a
shape that is no Korean name ("Kim Kardashian", "Sung Kang"). Every such decision gives its
reason. Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.types import EntryData
from tracker.understand.classify import Classification, classify
from tracker.understand.names import korean_names, korean_names_and_head

PUBLISHED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def run(title: str, summary: str = "") -> Classification:
    entry = EntryData(identity=title, title=title, summary=summary)
    return classify(entry, published=PUBLISHED)


def korean_reason(result: Classification) -> str:
    return next(r for r in result.reasons if r.startswith("korean="))


@pytest.mark.parametrize(
    ("title", "summary", "name", "cue"),
    [
        (
            "Cha Joon Woo Confirmed For New Romance Series",
            "The actor will play a veterinarian in tvN's upcoming romance.",
            "Cha Joon-woo",
            "tvN",
        ),
        (
            "First Look At The Cast Of 'Midnight Pharmacy'",
            "Kim Ji-won plays a pharmacist who hides a secret in the JTBC drama.",
            "Kim Ji-won",
            "JTBC",
        ),
        (
            "Ko Kyung-pyo Talks About His Next Role",
            "The actor, back from military service, opens up about life in Seoul.",
            "Ko Kyung-pyo",
            "Seoul",
        ),
        (
            "Why Moon Ji Hoon Said Yes To A Villain",
            "Moon Ji Hoon (문지훈) explains the choice of his new series.",
            "Moon Ji-hoon",
            "문지훈",
        ),
        (
            "Idol Turned Actor: A Profile",
            "Former boy group member Yoon Shi-hoon now leads a mystery on Wavve.",
            "Yoon Shi-hoon",
            "Idol",
        ),
    ],
)
def test_a_korean_name_beside_a_second_cue_is_korean(
    title: str, summary: str, name: str, cue: str
) -> None:
    result = run(title, summary)
    reason = korean_reason(result)
    assert result.korean, reason
    assert f"Korean name {name} beside {cue!r}" in reason


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # one name's shape alone: in the headline, in the text
        ("Ko Kyung-pyo Talks About His Next Role", "The actor opens up about the part."),
        ("A Conversation About Acting", "Kim Tae-ri spoke to us about her craft."),
        # no Korean name's shape at all
        ("Kim Kardashian Joins 'American Horror Story'", "A drama role for the star."),
        ("Sung Kang Returns In 'Fast X'", "The Hollywood franchise brings Han back to Seoul."),
        # the shape of a Chinese name in a C-drama, a North Korean leader
        ("First Impressions: 'Lantern Road'", "Ma Si Chun leads the moody new C-drama."),
        ("A Film About Kim Jong Un", "The North Korean leader is the subject of the drama."),
    ],
)
def test_a_name_shape_alone_or_abroad_is_not_korean(title: str, summary: str) -> None:
    result = run(title, summary)
    reason = korean_reason(result)
    assert not result.korean, reason
    assert "beside" not in reason


def test_the_shape_alone_counts_less_than_three_and_says_so() -> None:
    reason = korean_reason(run("Ko Kyung-pyo Talks About His Next Role", "An interview."))
    assert reason == "korean=false: score 2 (+2 Korean name in the headline (Ko Kyung-pyo))"


def test_a_curated_director_needs_no_cue() -> None:
    result = run("Lee Chang-dong Is Writing Again", "The director has a new script.")
    reason = korean_reason(result)
    assert result.korean, reason
    assert "Korean director Lee Chang-dong" in reason
    assert "beside" not in reason


def test_the_cue_adds_what_the_names_lack() -> None:
    # a name in the headline counts 2: the cue adds 1, not 2
    reason = korean_reason(
        run("Ko Kyung-pyo Talks About His Next Role", "A first look at the KBS drama.")
    )
    assert "+2 Korean name in the headline (Ko Kyung-pyo)" in reason
    assert "+1 Korean name Ko Kyung-pyo beside 'KBS'" in reason


def test_two_korean_names_are_a_korean_cast_without_a_cue() -> None:
    result = run("Park Seo-jun And Yoon Shi-hoon Share A Table", "The two stars met.")
    assert result.korean, korean_reason(result)


def test_a_capitalised_word_before_a_name_does_not_hide_it() -> None:
    assert korean_names("How Park Ji-min Became An Actor") == ["Park Ji-min"]
    assert korean_names("Why Lee Jung Jae Said Yes") == ["Lee Jung-jae"]
    assert korean_names("The Best Movies Of The Year") == []
    text = "How Park Ji-min Became An Actor\nShe talks."
    assert korean_names_and_head(text, text.index("\n")) == (["Park Ji-min"], ["Park Ji-min"])


@pytest.mark.parametrize(
    ("title", "summary", "name", "cue"),
    [
        (
            "차은우, 새 드라마로 돌아온다",
            "아스트로 차은우가 JTBC 드라마에 출연한다.",
            "차은우",
            "드라마",
        ),
        ("배우 문상민 tvN 주연 확정", "문상민이 새 작품의 주인공으로 나선다.", "문상민", "tvN"),
        (
            "[단독] 고경표·신예은, 로맨스 호흡",
            "두 배우가 KBS 새 드라마에서 만난다.",
            "고경표",
            "KBS",
        ),
    ],
)
def test_a_korean_headline_s_name_beside_a_cue_is_korean(
    title: str, summary: str, name: str, cue: str
) -> None:
    result = run(title, summary)
    reason = korean_reason(result)
    assert result.korean, reason
    assert f"Korean name {name!r} beside {cue!r}" in reason


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # no cue: a name and Hangul only
        ("문지훈, 새 작품 출연 확정", "문지훈이 주인공으로 나선다."),
        # another country's drama
        ("문지훈, 美 드라마 출연", "미국 드라마에 합류한다."),
    ],
)
def test_a_korean_headline_s_name_alone_or_abroad_is_not_korean(title: str, summary: str) -> None:
    result = run(title, summary)
    reason = korean_reason(result)
    assert not result.korean, reason
    assert "beside" not in reason


def test_a_word_of_the_headline_that_is_no_name() -> None:
    # (round 17: a Korean text on a drama, nothing from abroad named, is Korean by that alone;
    # the headline's "이번엔" is still no name)
    reason = korean_reason(run("이번엔, 새 드라마", "한 편이 공개된다."))
    assert "beside" not in reason
    assert "Korean name" not in reason


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("TWICE announce a world tour", True),
        ("Twice to headline the Seoul festival", True),  # as Korea Herald writes it
        ("BlackPink's Jennie stars in a drama", True),
        ("SEVENTEEN and Oh My Girl at the awards", True),
        ("Why I watched 'Dune: Part Two' twice", False),
        ("The seventeen films of the year", False),
        ("oh my girl, what a finale", False),
    ],
)
def test_a_name_credited_in_capitals_is_no_everyday_word(text: str, named: bool) -> None:
    """Curated names of more than four letters ignore case, but one credited in capitals
    ("TWICE", "SEVENTEEN", "OH MY GIRL") is never matched in lower case, where it is an
    everyday word."""
    from tracker.understand.lexicon import default_lexicon

    acts = {p.name for p in default_lexicon().people_named_in(text)}
    assert bool(acts & {"TWICE", "SEVENTEEN", "OH MY GIRL", "BLACKPINK"}) is named, acts
