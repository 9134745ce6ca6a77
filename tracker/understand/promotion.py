"""Promotion: a trailer, a poster, stills or a photo shoot, and whose day such an item gives.

Owns the words of a promotion's headline, a trailer's own day named just before a date ("메인
예고편 19일 공개"), and the lead that dates the work itself under a promotion's headline ("will
premiere on Saturday, Sept. 13", "다음 달 3일(토) 첫 방송을 앞두고"), which makes the item a
release as the labelled sets file it. Must not decide the kind: ``kind`` weighs these beside
its other rules.
"""

from __future__ import annotations

import re

from tracker.understand.releasehead import PROMO_DATED_LEAD
from tracker.understand.scan.prefilter import Pattern

#: a promotion's headline: photos, stills, a poster, a trailer or a teaser, a photo shoot
PROMOTION = Pattern(
    r"\[Photos?\]|^\s*Photos?\s*:|"
    # (one still is named as such: "still" alone is the adverb, "Dramas Still Have Bite")
    r"\bstills\b|\b(?:new|first|official|character|exclusive|main)\s+still\b|"
    r"\bstill\s+(?:images?|photos?|cuts?)\b|\bgallery\b|\bfirst[- ]look (?:images|photos|stills)\b|"
    r"\b(?:new|first|official|main|character|final)\s+posters?\b"
    r"(?!\s+(?:boys?|girls?|child(?:ren)?))|"
    r"\b(?:drops|releases|unveils|shares|debuts|reveals|launches|unleashes)\b(?:\s+\S+){0,4}\s+"
    r"(?:trailer|teaser|posters?|stills)\b|\b(?:trailer|teaser|poster)\s*(?:drops|is here|out)\b|"
    r"^Watch:|^\[?Video\]?:|\b(?:trailer|teaser)\b|예고편|포스터 공개|스틸 공개|티저 공개|"
    r"(?:스페셜\s?영상|메이킹|라인업|인터뷰|스틸)[^…,‘’'\"《]{0,20}첫\s?공개|"
    # photo shoots and photo books: 화보, 写真集, グラビア (not "화보 같은", "as if a photo shoot")
    r"화보(?!\s?같)|写真集(?!のよう)|グラビア",
    re.IGNORECASE,
)
#: a trailer, a poster or a clip named just before a date ("메인 예고편 19일 공개")
PROMO_BEFORE = Pattern(
    r"(?:예고편|포스터|티저|스틸|영상|비하인드|뮤직비디오|\bMV|予告編?|特報|ポスター|映像|"
    r"預告|预告|海報|海报|花絮)\W{0,3}[がをはも]?\s*(?:\d{1,2}\s?[月월]\s*)?$"
)
#: what a promotion's item may date that is no work: an episode, a finale, a single, a stage
#: work, an exhibition, a fan meeting, a festival
_NOT_A_WORK_EN = (
    r"episodes?|finale|single|music video|OST|musical|webtoon|special|exhibition|fan ?meeting|"
    r"concert|festival|BIFF"
)
_NOT_A_WORK_KO = r"회차|최종회|마지막 회|전시|팬미팅|콘서트|뮤지컬|영화제|스페셜"
#: whose day a promotion's lead gives when it is no work's: those, or a trailer's
_NOT_THE_WORKS_DAY = Pattern(
    rf"\b(?:trailer|teaser|Busan|{_NOT_A_WORK_EN})\b|예고편|티저|{_NOT_A_WORK_KO}", re.IGNORECASE
)
#: the same in a promotion's headline, whose own trailer or teaser it is (or a music video's)
NOT_THE_WORK_PROMOTED = Pattern(rf"\b(?:MV|{_NOT_A_WORK_EN})\b|{_NOT_A_WORK_KO}", re.IGNORECASE)


def works_day_in_lead(title: str, lead: str) -> re.Match[str] | None:
    """The lead's date of the work's own first showing, under a promotion's headline; not a
    trailer's, a finale's or a single's day, read in the lead's sentence up to the date."""
    dated = PROMO_DATED_LEAD.search(lead)
    if dated is None:
        return None
    start = max(lead.rfind(". ", 0, dated.start()), lead.rfind("다.", 0, dated.start()), 0)
    said = dated.group(0)
    if said[:1].isascii() and said[:1].isalpha() and not said.lower().startswith("will"):
        # (a verb in the present: its own clause says whose day, "..., which premieres on
        # ...", "... before it debuts on ...", after the sentence's trailer)
        start = max(start, lead.rfind(", ", 0, dated.start()))
        start = max(start, *(lead.rfind(w, 0, dated.start()) for w in (" which ", " before ")))
    return None if _NOT_THE_WORKS_DAY.search(lead[start : dated.end()]) else dated
