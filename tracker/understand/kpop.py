"""K-pop and Korean music as Korean evidence: an idol group's words ("K-pop", "아이돌", "mini
album", a girl group's comeback), a K-pop site's sections, and a Korean outlet's news of a Korean
musician (가요).

Owns those words and what keeps another country's group or pop out ("the British boy group",
"J-pop"). Must not weigh them against the rest of the evidence: ``korean`` does.
"""

from __future__ import annotations

import re

from tracker.understand.document import Document
from tracker.understand.scan.prefilter import Pattern

#: one piece of evidence: points for (or against) Korean, and why
Evidence = tuple[float, str]

_K_POP = Pattern(
    # Chinese outlets: "韓國男團", "韩国女团"; a Japanese paper's Korean group, named after it
    # ("韓国の４人組ガールズグループＢＬＡＣＫＰＩＮＫが", "韓国７人組「...」"; not one a Japanese
    # group is compared with, admires or sings with: "韓国のアイドルグループのような")
    # ("韩国新人男团AHOF": a new act)
    r"\bK-pop\b|아이돌|韓國(?:新人|人氣)?(?:男團|女團|偶像)|韩国(?:新人|人气)?(?:男团|女团|偶像)|"
    r"韓国の?(?:人気)?(?:[\d０-９]{1,2}人組)?(?:ボーイズ|ガールズ|アイドル)?(?:グループ|ユニット)?"
    r"(?<=[組プト])(?=[「『\"'A-Za-zＡ-Ｚａ-ｚ])|"
    # a Korean act by its kind ("The Korean quintet", "a Korean boy band") or by its agency
    # ("the Starship boy band", "HYBE's new girl group"; Starship alone is a rocket)
    r"\bKorean\s+(?:boy\s+bands?|(?:boy|girl)\s+groups?|idols?|quintet|quartet|trio|sextet|"
    r"septet|octet|pop\s+(?:groups?|stars?|idols?))\b|"
    r"\b(?:HYBE|JYP|YG|Starship|Pledis|Cube|FNC|Woollim|RBW|MODHAUS|Big\s?Hit|Belift|ADOR)"
    r"(?:['’]s)?\s+(?:Entertainment\b|(?:new\s+)?(?:boy\s+bands?|(?:boy|girl)\s+groups?|"
    r"idols?|trainees?)\b)",
    re.IGNORECASE,
)
#: K-pop's own words: an idol group's comeback is Korean entertainment without a curated name
#: ("보이그룹 킥플립이 ... 미니앨범", "the five-member girl group ... mini album"), unless the
#: text names another country ("미국 보이그룹", "the British boy group")
_IDOL_WORDS = Pattern(r"걸그룹|보이그룹|미니\s?앨범|\bmini[- ]albums?\b", re.IGNORECASE)
#: a Japanese K-pop site's words ("2ndミニアルバムでカムバック", "初の日本ショーケース"), K-pop's
#: only beside an idol group or Korea (a Japanese singer or athlete makes a "カムバック" too)
_JA_IDOL_WORDS = Pattern(r"ミニ\s?アルバム|カムバック|日本ショーケース|日本デビュー")
_JA_IDOL_WITH = Pattern(r"(?:ボーイズ|ガールズ)グループ|韓国|K-?POP|Kポップ", re.IGNORECASE)
#: "girl group" and "boy group" are K-pop's only beside its other words
_GROUP = Pattern(r"\b(?:girl|boy) groups?\b", re.IGNORECASE)
#: a section of another country's pop, which a site's "Idols" may sit beside
_OTHER_POP = Pattern(r"\b(?:J-?pop|C-?pop|T-?pop|anime|Japan(?:ese)?)\b", re.IGNORECASE)
#: a K-pop site's sections: "Boy Groups", "Girl Groups", "Idols"
_IDOL_CATEGORY = Pattern(
    r"^(?:(?:girl|boy)\s?groups?|idols?|아이돌|걸그룹|보이그룹)$", re.IGNORECASE
)
#: a section named for K-pop itself (a music site's "K-Pop", a Korean outlet's 가요)
_K_POP_NAMED = Pattern(r"^(?:k-?pop|kpop|케이팝|가요)$", re.IGNORECASE)


def kpop_section(category: str) -> bool:
    """Whether ``category`` is a K-pop section: named for K-pop, its idols or its groups."""
    name = category.strip()
    return bool(_IDOL_CATEGORY.match(name) or _K_POP_NAMED.match(name))


_IDOL_CUE = Pattern(
    r"\b(?:comeback|title track|music show|fandom|debut(?:ed|s)?|trainees?)\b",
    re.IGNORECASE,
)
#: another country's group: the country describes the group itself
FOREIGN_GROUP = Pattern(
    r"\b(?:American|British|U\.?S\.?|UK|English|Western|Irish|Australian|Japanese|Chinese|"
    r"J-pop|C-pop|Thai)\s+(?:girl\s+|boy\s+|pop\s+|indie\s+|rock\s+|metal\s+)?"
    r"(?:groups?|bands?|idols?|acts?|stars?|singers?)\b|"
    r"(?:미국|영국|일본|중국|해외|대만|태국)\s*(?:걸그룹|보이그룹|아이돌|밴드)",
    re.IGNORECASE,
)
#: an act the text calls Korean itself ("Korean indie band Hyukoh beats British bands")
_KOREAN_ACT = Pattern(r"\bKorean\s+(?:\w+\s+)?(?:band|group|act|duo|singer)s?\b", re.IGNORECASE)
#: the same words in a Korean text: evidence beside a kind other than ``other``
K_POP_HANGUL = Pattern(r"아이돌|걸그룹|보이그룹|미니\s?앨범|신인\s?그룹")
#: a Korean text's musician and what musicians do: a singer's concert, a band's tour, a group's
#: single is K-pop or Korean music, which Korean outlets file under 가요
_KO_MUSICIAN = Pattern(r"가수|(?<![가-힣])그룹|밴드|솔로")
_KO_MUSIC = Pattern(
    r"컴백|싱글|앨범|음원|콘서트|쇼케이스|팬미팅|팬콘|투어|뮤직비디오|타이틀곡|음악방송|공연"
)
#: a foreign musician in a Korean text ("미국 가수", "일본 듀오", "팝스타"), or one visiting
#: Korea (내한: only a foreign act "comes to Korea")
_KO_FOREIGN_MUSICIAN = Pattern(
    r"(?:미국|영국|일본|중국|해외|대만|태국|캐나다|호주|프랑스|할리우드|팝)\s*(?:출신\s*)?(?:가수|"
    r"스타|밴드|록밴드|그룹|아이돌|듀오|아티스트|래퍼|뮤지션|싱어송라이터)|팝스타|내한"
)


def kpop(doc: Document) -> str | None:
    """K-pop's words ("K-pop", "아이돌", "mini album", a girl group's comeback), unless the
    text names another country's group."""
    text, folded, words = doc.all_text, doc.folded_all, doc.words_all
    named = _K_POP.search(text, folded, words)
    if named is not None:
        return named.group(0)
    filed = next((c for c in doc.categories if _IDOL_CATEGORY.match(c.strip())), None)
    idol = _IDOL_WORDS.search(text, folded, words)
    if idol is None and _JA_IDOL_WITH.search(text):
        idol = _JA_IDOL_WORDS.search(text)
    group = _GROUP.search(text) if filed is None and idol is None else None
    found = filed or (idol.group(0) if idol is not None else None)
    if found is None and group is not None and _IDOL_CUE.search(text):
        found = group.group(0)
    # (the other country's group or pop looked for only then: most texts have no idol words)
    if found is None or (FOREIGN_GROUP.search(text) and not _KOREAN_ACT.search(text)):
        return None
    return None if any(_OTHER_POP.search(c) for c in doc.categories) else found


def music_evidence(doc: Document) -> list[Evidence]:
    """A Korean headline about a Korean musician (``_korean_music``): +2 beside the Hangul's
    own points, for the news that a film word keeps out of the K-pop rule (a concert's
    "관객", its audience); K-pop's words in any text (a review of a K-pop album, an interview
    with an idol group), +3."""
    if doc.hangul_title and korean_music(doc):
        return [(2, "a Korean musician's news")]
    words = kpop(doc)
    if words is not None:
        return [(3, f"K-pop {words!r}")]
    return []


def korean_music(doc: Document) -> bool:
    """A Korean headline about a musician: the music section (가요) or a musician and what
    musicians do, and no foreign musician (a Korean outlet's news of a Korean act)."""
    text = doc.all_text
    if _KO_FOREIGN_MUSICIAN.search(text) or FOREIGN_GROUP.search(text):
        return False
    filed = any(c.strip() == "가요" for c in doc.categories)
    return filed or (_KO_MUSICIAN.search(text) is not None and _KO_MUSIC.search(text) is not None)
