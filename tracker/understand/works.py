"""Which work an entry is about when several curated works share its title ("Ballerina" 2023
or 2025, a film and a series called "Trigger"): the evidence a person would weigh.

Pure: no I/O. Uses the lexicon and the name matcher; must not classify or cluster.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.understand.lexicon import Lexicon, Work

_SERIES_WORDS = re.compile(
    r"\b(?:series|episodes?|seasons?|K-dramas?|showrunner)\b|시리즈|\d+\s?부작|드라마|회차|시즌",
    re.IGNORECASE,
)
_FILM_FORM_WORDS = re.compile(
    r"\b(?:film|movie|feature|theaters?|theatres?|cinemas?|box office)\b|영화|극장|관객",
    re.IGNORECASE,
)


#: how texts name the services a curated work can carry in ``platform``
_PLATFORM_WORDS = {
    "netflix": re.compile(r"\bNetflix\b|넷플릭스", re.IGNORECASE),
    "disney_plus": re.compile(r"\bDisney\s?\+|\bDisney Plus\b|디즈니\s?\+|디즈니\s?플러스"),
    "prime_video": re.compile(r"\bPrime Video\b|프라임\s?비디오"),
    "apple_tv_plus": re.compile(r"\bApple TV\s?\+|애플\s?TV"),
    "tving": re.compile(r"\bTVING\b|\bTving\b|티빙"),
    "coupang_play": re.compile(r"\bCoupang Play\b|쿠팡\s?플레이"),
}


def _form_of(text: str) -> str | None:
    """ "series" or "film" when the text's wording leans one way, else None."""
    series = len(_SERIES_WORDS.findall(text))
    films = len(_FILM_FORM_WORDS.findall(text))
    if series > films:
        return "series"
    if films > series:
        return "film"
    return None


def vouched_for(work: Work, text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` names one of ``work``'s people (romanised or in Hangul) or its Hangul
    title: what a work whose title is an everyday word needs to be the one meant (any other
    work needs nothing)."""
    if not work.common_word or (work.hangul and work.hangul in text):
        return True
    return people_named(work, text, lexicon)


def people_named(work: Work, text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` names one of ``work``'s director and cast, romanised or in Hangul."""
    for name in work.people:
        person = lexicon.person(name)
        if lexicon.mentions(text, name) or (person and person.hangul and person.hangul in text):
            return True
    return False


def choose_work(
    candidates: Sequence[Work],
    *,
    text: str,
    lexicon: Lexicon,
    published_year: int | None = None,
    stated_year: int | None = None,
    korean: bool | None = None,
) -> Work | None:
    """Pick the work an entry is about among same-title candidates ("Ballerina" 2023 or 2025),
    from the evidence a person would use: a stated year, the people named in the text (in
    romanisation or Hangul), whether the entry reads as Korean, and when it was published
    (coverage runs from a little before a release to a few years after), and whether the text
    reads as about a series or a film when the candidates are one of each."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    form = _form_of(text) if len({w.series for w in candidates}) > 1 else None
    best: tuple[float, int] | None = None
    chosen = candidates[0]
    for index, work in enumerate(candidates):
        score = 0.0
        if stated_year is not None and work.year is not None:
            score += 6 if abs(stated_year - work.year) <= 1 else -6
        for name in work.people:
            person = lexicon.person(name)
            if lexicon.mentions(text, name) or (
                person is not None and person.hangul and person.hangul in text
            ):
                score += 2
        if korean is not None and korean == work.korean:
            score += 1
        if form and (work.series == (form == "series")):
            score += 1
        words = _PLATFORM_WORDS.get(work.platform or "")
        if words is not None and words.search(text):
            score += 2
        if published_year is not None and work.year is not None:
            gap = published_year - work.year
            score += -3 if gap < -1 else max(0.0, 1.5 - 0.25 * gap)
        key = (score, -index)
        if best is None or key > best:
            best, chosen = key, work
    return chosen
