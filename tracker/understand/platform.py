"""The one streaming service an entry is about ("netflix", "disney_plus", "tving", ...).

Owns how each service is written (in English and Hangul) and how much a mention counts: in
the headline, in a category, in the text, or in a sentence about another work or an earlier
season. Must not decide the kind: the orchestrator says whether the entry lists several
works, where naming several services means none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from tracker.understand.document import Document
from tracker.understand.scan.prefilter import Pattern


@dataclass(frozen=True)
class Platform:
    """The service (None when there is none, or several) and why."""

    name: str | None = None
    reason: str | None = None


#: a Latin name written against Japanese text ("Netflixで独占配信") has no \b beside it: the
#: services' names are bounded by Latin letters and digits instead
_L = r"(?<![A-Za-z0-9])"
_R = r"(?![A-Za-z0-9])"

_PLATFORMS: tuple[tuple[str, Pattern], ...] = (
    (
        "netflix",
        # (Chinese outlets: 网飞, 奈飞)
        # (not inside 互联网飞速, 无奈飞往)
        Pattern(
            rf"{_L}Netflix{_R}|넷플릭스|ネットフリックス|(?<![联聯无無])(?:网飞|網飛|奈飞|奈飛)",
            re.IGNORECASE,
        ),
    ),
    (
        "disney_plus",
        Pattern(
            rf"{_L}Disney\s?\+|{_L}Disney Plus{_R}|"
            r"디즈니\s?\+|디즈니\s?플러스|"
            # (Disney the studio beside Pixar or Marvel is no service)
            r"ディズニー\s?(?:\+|プラス)|迪士尼\s?(?:\+|Plus)(?!\s*(?:皮克斯|漫威|卢卡斯|盧卡斯|二十世纪))"
        ),
    ),
    (
        "prime_video",
        Pattern(
            rf"{_L}Prime Video{_R}|"
            rf"{_L}Amazon Prime{_R}|"
            r"프라임\s?비디오|プライム\s?ビデオ"
        ),
    ),
    (
        "apple_tv_plus",
        Pattern(
            rf"{_L}Apple TV\s?\+|{_L}Apple TV Plus{_R}|"
            r"애플\s?TV\s?\+|アップル\s?TV"
        ),
    ),
    (
        "tving",
        Pattern(rf"{_L}TVING{_R}|{_L}Tving{_R}|티빙"),
    ),
    ("coupang_play", Pattern(rf"{_L}Coupang Play{_R}|쿠팡\s?플레이")),
    ("wavve", Pattern(rf"{_L}Wavve{_R}|(?<![가-힣])웨이브(?![가-힣])")),
    ("watcha", Pattern(rf"{_L}Watcha{_R}|왓챠")),
    ("mubi", Pattern(rf"{_L}MUBI{_R}|{_L}Mubi{_R}")),
    ("shudder", Pattern(rf"{_L}Shudder{_R}")),
    ("hulu", Pattern(rf"{_L}Hulu{_R}|훌루")),
    # Rakuten Viki and Viu: where Korean series reach the Americas and South-East Asia
    ("viki", Pattern(rf"{_L}Viki{_R}|{_L}VIKI{_R}")),
    ("viu", Pattern(rf"{_L}Viu{_R}|{_L}VIU{_R}")),
    (
        "max",
        Pattern(
            rf"{_L}HBO Max{_R}|"
            r"\bon Max\b|\bMax (?:original|series|film)|\bMax's\b"
        ),
    ),
)

#: what each service's pattern cannot match without: one of its words (lower-cased, in the
#: text's words: every English form starts and ends at a word boundary) or a Hangul string.
#: One set lookup says whether the entry names a service at all (most name none), without
#: reading the text; keep it in step with ``_PLATFORMS``
_MARKS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "netflix": (
        frozenset({"netflix"}),
        ("넷플릭스", "ネットフリックス", "网飞", "網飛", "奈飞", "奈飛"),
    ),
    "disney_plus": (frozenset({"disney"}), ("디즈니", "ディズニー", "迪士尼")),
    "prime_video": (frozenset({"prime", "amazon"}), ("프라임", "プライム")),
    "apple_tv_plus": (frozenset({"apple"}), ("애플", "アップル")),
    "tving": (frozenset({"tving"}), ("티빙",)),
    "coupang_play": (frozenset({"coupang"}), ("쿠팡",)),
    "wavve": (frozenset({"wavve"}), ("웨이브",)),
    "watcha": (frozenset({"watcha"}), ("왓챠",)),
    "mubi": (frozenset({"mubi"}), ()),
    "shudder": (frozenset({"shudder"}), ()),
    "hulu": (frozenset({"hulu"}), ("훌루",)),
    "viki": (frozenset({"viki"}), ()),
    "viu": (frozenset({"viu"}), ()),
    "max": (frozenset({"hbo", "max"}), ()),
}
#: the services each mark says may be named
_BY_WORD: dict[str, frozenset[str]] = {
    word: frozenset(n for n, (words, _) in _MARKS.items() if word in words)
    for words, _ in _MARKS.values()
    for word in words
}
_BY_HANGUL: dict[str, str] = {h: n for n, (_, hangul) in _MARKS.items() for h in hangul}
_ALL_WORDS = frozenset(_BY_WORD)
#: where a sentence ends: ``(?<=[.!?])\s+|\n`` (a line break, or the spaces after a mark),
#: written to start with a character class (``re`` skips to one at memory speed; the
#: lookbehind first is tried at every character); the separator is the group that matched
_SEPARATOR = re.compile(r"[.!?](\s+)|(\n)")
#: broadcasters: not platforms we report, but a roundup naming one next to a streamer is not
#: about one service
_BROADCASTERS = Pattern(r"\b(?:tvN|JTBC|KBS2?|MBC|SBS|ENA|OCN|Channel A|MBN)\b")
#: a sentence about another work or an earlier season ("A separate series adaptation will
#: premiere on TVING", "The first season, which premiered on Wavve")
_CONTRAST = Pattern(
    # (not the work's own second home: "will also stream on Viki in selected regions")
    r"\balso\b(?!\s+(?:streams?|be\s+streaming|be\s+available|available)\s+(?:on|via)\b)|"
    r"\b(?:separate|another|other|earlier|previous|prior|first season|last season|"
    r"original (?:series|film|version)|remake|adaptation of the same|compared)\b|별도|별개|"
    r"앞서|전작",
    re.IGNORECASE,
)


#: the words before a service named as the competition ("take on", "rival", "vs", "than")
_RIVAL_BEFORE = re.compile(
    r"\b(?:takes? on|taking on|rival(?:s|ing)?|against|vs\.?|versus|than|compet(?:e|es|ing) "
    r"with|beat(?:s|ing)?|overtak(?:e|es|ing)|challeng(?:e|es|ing))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _only_as_rival(pattern: Pattern, title: str) -> bool:
    """Whether every mention of a service in the headline follows a word of rivalry ("to
    take on Netflix", "rivals Disney+", "than TVING"): it is named as the competition."""
    found = [m.start() for m in pattern.finditer(title)]
    return bool(found) and all(_RIVAL_BEFORE.search(title[max(0, at - 30) : at]) for at in found)


def _sentence_spans(body: str) -> list[tuple[int, int]]:
    """Where the body's sentences are (split after ".", "!" or "?" and at line breaks; blank
    ones kept: they name nothing)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SEPARATOR.finditer(body):
        separator = m.lastindex or 0
        out.append((start, m.start(separator)))
        start = m.end(separator)
    out.append((start, len(body)))
    return out


def _body_score(pattern: Pattern, doc: Document, spans: list[tuple[int, int]]) -> float:
    """What the service's mentions in the body's sentences count: 1 each, 0.25 in a
    sentence about another work or an earlier season.

    The mentions are found by one search of the whole body, each counted in the sentence
    it starts in: a sentence searched alone finds the same ones (the spaces around it are
    no word and no Hangul, all the patterns look at beside a mention). A mention that runs
    past its sentence's end ("Disney\n+") would not be found there: then every sentence
    is searched alone."""
    body, folded = doc.body, doc.folded_body
    starts = [start for start, _ in spans]
    hits: dict[int, int] = {}
    for m in pattern.finditer(body, folded):
        at = bisect_right(starts, m.start()) - 1
        if m.end() > spans[at][1]:
            hits = {
                at: len(pattern.findall(body[s:e], folded[s:e])) for at, (s, e) in enumerate(spans)
            }
            break
        hits[at] = hits.get(at, 0) + 1
    score = 0.0
    for at, count in hits.items():
        if count:
            start, end = spans[at]
            sentence = body[start:end]
            score += count * (0.25 if _CONTRAST.search(sentence, folded[start:end]) else 1.0)
    return score


def extract_platform(doc: Document, *, listing: bool = False) -> Platform:
    """The one service the entry is about: named in the headline or a category, or in the
    text, where a sentence about another work or an earlier season counts for little. A
    ``listing`` (a roundup, a list) naming several services (or a service and a broadcaster)
    has none."""
    # a service the entry never names scores nothing: most entries name one or none, and
    # one look for all of them says which
    names: set[str] = set()
    for word in _ALL_WORDS.intersection(doc.words_all):
        names |= _BY_WORD[word]
    folded_all = doc.folded_all
    if not folded_all.isascii():  # (Hangul cannot be in an ASCII text)
        names.update(n for h, n in _BY_HANGUL.items() if h in folded_all)
        # a Latin name against Japanese or Korean text is no word of its own ("netflixで")
        names.update(n for w, ns in _BY_WORD.items() if w in folded_all for n in ns)
    if not names:
        return Platform()
    named = [(n, p) for n, p in _PLATFORMS if n in names]
    spans: list[tuple[int, int]] | None = None
    scores: dict[str, float] = {}
    in_title: set[str] = set()
    for name, pattern in named:
        title_hits = len(pattern.findall(doc.title, doc.folded_title))
        if title_hits:
            in_title.add(name)
        score = 3.0 * title_hits
        score += 2.0 * sum(1 for c in doc.categories if pattern.search(c))
        if pattern.possible(doc.body, doc.folded_body):
            if spans is None:
                spans = _sentence_spans(doc.body)
            score += _body_score(pattern, doc, spans)
        if score:
            scores[name] = score
    if not scores:
        return Platform()
    rivals = (
        {n for n, p in named if n in in_title and _only_as_rival(p, doc.title)}
        if len(in_title) >= 2
        else set()
    )
    if rivals and len(in_title - rivals) == 1:
        # "Coupang Play bets on sports to take on Netflix": the rival is not the subject
        in_title -= rivals
        for name in rivals:
            scores.pop(name, None)
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
