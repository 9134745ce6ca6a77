"""The one streaming service an entry is about ("netflix", "disney_plus", "tving", ...).

Owns how each service is written (in English and Hangul) and how much a mention counts: in
the headline, in a category, in the text, or in a sentence about another work or an earlier
season. Must not decide the kind: the orchestrator says whether the entry lists several
works, where naming several services means none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.understand.document import Document
from tracker.understand.scan.prefilter import Pattern


@dataclass(frozen=True)
class Platform:
    """The service (None when there is none, or several) and why."""

    name: str | None = None
    reason: str | None = None


_PLATFORMS: tuple[tuple[str, Pattern], ...] = (
    ("netflix", Pattern(r"\bNetflix\b|넷플릭스", re.IGNORECASE)),
    ("disney_plus", Pattern(r"\bDisney\s?\+|\bDisney Plus\b|디즈니\s?\+|디즈니\s?플러스")),
    ("prime_video", Pattern(r"\bPrime Video\b|\bAmazon Prime\b|프라임\s?비디오")),
    ("apple_tv_plus", Pattern(r"\bApple TV\s?\+|\bApple TV Plus\b|애플\s?TV\s?\+")),
    ("tving", Pattern(r"\bTVING\b|\bTving\b|티빙")),
    ("coupang_play", Pattern(r"\bCoupang Play\b|쿠팡\s?플레이")),
    ("wavve", Pattern(r"\bWavve\b|(?<![가-힣])웨이브(?![가-힣])")),
    ("watcha", Pattern(r"\bWatcha\b|왓챠")),
    ("mubi", Pattern(r"\bMUBI\b|\bMubi\b")),
    ("shudder", Pattern(r"\bShudder\b")),
    ("hulu", Pattern(r"\bHulu\b|훌루")),
    ("max", Pattern(r"\bHBO Max\b|\bon Max\b|\bMax (?:original|series|film)|\bMax's\b")),
)

#: any of them: its needles are theirs, read in one pass of ``possible``
_ANY_PLATFORM = Pattern(
    "|".join(f"(?:{p.source})" if not p.flags else f"(?i:{p.source})" for _, p in _PLATFORMS)
)
#: where a sentence ends: after its punctuation, or at a line break
_SENTENCE_END = Pattern(r"(?<=[.!?])\s+|\n")
#: broadcasters: not platforms we report, but a roundup naming one next to a streamer is not
#: about one service
_BROADCASTERS = Pattern(r"\b(?:tvN|JTBC|KBS2?|MBC|SBS|ENA|OCN|Channel A|MBN)\b")
#: a sentence about another work or an earlier season ("A separate series adaptation will
#: premiere on TVING", "The first season, which premiered on Wavve")
_CONTRAST = Pattern(
    r"\b(?:also|separate|another|other|earlier|previous|prior|first season|last season|"
    r"original (?:series|film|version)|remake|adaptation of the same|compared)\b|별도|별개|"
    r"앞서|전작",
    re.IGNORECASE,
)


def _sentences(doc: Document) -> list[tuple[str, str]]:
    """The body's sentences (split after ".", "!" or "?" and at line breaks, blank ones
    dropped), each with its folded form."""
    out: list[tuple[str, str]] = []
    body, folded = doc.body, doc.folded_body
    start = 0
    for end in [*(m.span() for m in _SENTENCE_END.finditer(body)), (len(body), len(body))]:
        sentence = body[start : end[0]]
        if sentence.strip():
            out.append((sentence, folded[start : end[0]]))
        start = end[1]
    return out


def extract_platform(doc: Document, *, listing: bool = False) -> Platform:
    """The one service the entry is about: named in the headline or a category, or in the
    text, where a sentence about another work or an earlier season counts for little. A
    ``listing`` (a roundup, a list) naming several services (or a service and a broadcaster)
    has none."""
    # a service the entry never names scores nothing: most entries name one or none, and
    # one look for all of them says which
    if not _ANY_PLATFORM.possible(doc.all_text, doc.folded_all, doc.words_all):
        return Platform()
    named = [
        (n, p) for n, p in _PLATFORMS if p.possible(doc.all_text, doc.folded_all, doc.words_all)
    ]
    if not named:
        return Platform()
    in_body = [p.possible(doc.body, doc.folded_body) for _, p in named]
    sentences = _sentences(doc) if any(in_body) else []
    scores: dict[str, float] = {}
    in_title: set[str] = set()
    for (name, pattern), body in zip(named, in_body, strict=True):
        title_hits = len(pattern.findall(doc.title, doc.folded_title))
        if title_hits:
            in_title.add(name)
        score = 3.0 * title_hits
        score += 2.0 * sum(1 for c in doc.categories if pattern.search(c))
        for sentence, folded in sentences if body else ():
            hits = len(pattern.findall(sentence, folded))
            if hits:
                score += hits * (0.25 if _CONTRAST.search(sentence, folded) else 1.0)
        if score:
            scores[name] = score
    if not scores:
        return Platform()
    if len(in_title) >= 2:
        return Platform(
            None, f"platform=null: the headline names several services {sorted(in_title)}"
        )
    if listing and not in_title:
        services = len(scores) + (1 if _BROADCASTERS.search(doc.body) else 0)
        if services >= 2:
            return Platform(None, "platform=null: a roundup naming several services")
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < 1:
        return Platform(None, f"platform=null: {best} only named in passing")
    where = "in the headline" if scores[best] >= 3 else "in the text"
    return Platform(best, f"platform={best}: named {where}")
