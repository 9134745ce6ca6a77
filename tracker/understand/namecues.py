"""The second cue a Korean name needs to count as Korean evidence: a name's shape alone is
never enough (Korean names are worn abroad too, and Chinese and Japanese names share shapes).
In English and the other Latin-script languages: drama and idol words, Korean broadcasters and
streamers, Korea and its cities, a Korean portal or community an item cites; in a Korean text:
its drama, idol and variety words, its broadcasters, its own actors and shoots; and the words
of another country that keep the rule out.

Owns those cues and the two rules that read a name beside one (romanised names, and a Korean
headline's Hangul name). Must not find names (``names`` does) nor weigh the rest of the
evidence (``korean`` does).
"""

from __future__ import annotations

from tracker.understand.document import Document
from tracker.understand.kpop import Evidence
from tracker.understand.names import korean_hangul_headline_name
from tracker.understand.scan.prefilter import Pattern

#: the second cue a Korean name needs to count on its own (a name's shape is never enough:
#: Korean names are worn abroad too): drama and idol words, Korean broadcasters and streamers,
#: the country and its capital, a name or any word in Hangul
_K_CUE = Pattern(
    r"\b(?:K-?[Dd]ramas?|[Dd]ramas?|DRAMAS?|[Mm]iniseries|[Ii]dols?|IDOLS?|(?:[Bb]oy|[Gg]irl) "
    r"[Gg]roups?|K-?[Pp]op|KBS2?|MBC|SBS|tvN|JTBC|ENA|OCN|MBN|TVING|Tving|Wavve|"
    r"Coupang Play|Channel A|TV Chosun|[Ww]ebtoons?|Netflix Korea|Korean|KOREAN|Korea|KOREA|"
    r"Seoul|SEOUL|"
    # a Korean city or a Korean thing a story is set among: a film's setting, said in passing
    r"Busan|Incheon|Daegu|Daejeon|Gwangju|Jeonju|Jeju|Ulsan|Gangneung|Gangnam|Mokpo|"
    r"Tongyeong|Chuncheon|Gyeongju|Suwon|Pohang|Itaewon|chaebol|hanbok|soju|makgeolli|kimchi|"
    r"hagwon|Chuseok|Seollal|jjimjilbang|"
    # a Korean portal or community its readers' comments come from
    r"Nate\s?Pann|[Tt]heqoo|TheQoo|Instiz|Naver|Daum|DC\s?Inside|Dispatch|"
    # (a K-drama's two episodes a week, recapped together: "Episodes 1-2", "Eps 1-6")
    r"Ep(?:isode)?s\.?\s*\d{1,2}\s*[-–&]\s*\d{1,2}|(?:[Ss]ixteen|[Tt]welve|16|12)\s+episodes|"
    # and Korean in the other languages ("en lille koreansk landsby", "surcoreano")
    r"[Kk]oreansk\w*|(?:[Ss]ur|[Ss]ud)?[Cc]oreano|(?:[Ss]ud-?)?[Cc]or[ée]en\w*|"
    r"(?:[Ss]üd)?[Kk]oreanisch\w*|Corea|Coreia|Corée)\b|"
    r"[가-힣]+"
)
#: another Asian country's drama or people beside the name: its shape may be a Chinese or a
#: Japanese name's ("Ma Si Chun" of a C-drama), so the cue rule stays out; so does North
#: Korea (its leaders' names have the shape, and "Korea" would be their cue)
_OTHER_ASIAN = Pattern(
    r"\b(?:[CJ]-?[Dd]ramas?|[CJ]-?DRAMAS?|C-?[Pp]op|J-?[Pp]op|Chinese|CHINESE|China|CHINA|"
    r"Japanese|JAPANESE|Japan|JAPAN|Taiwanese|Taiwan|Thai|Thailand|Mandarin|Cantonese|"
    r"Hong Kong|Vietnamese|Weibo|iQIYI|Youku|Tencent|North Korean?|Pyongyang)\b"
)
#: a Korean text's cues beside a Hangul name (Hangul itself is no cue there): drama, idol and
#: variety words, the broadcasters and Korean streamers
K_CUE_HANGUL = Pattern(
    # (사극: a Korean period drama; "16부작": a series' episodes, as Korean television counts them)
    r"드라마|아이돌|걸그룹|보이그룹|예능|사극|(?:[4-9]|[1-9]\d)부작|\b(?:KBS2?|MBC|SBS|tvN|JTBC|ENA|OCN|MBN|TV조선|채널A)|"
    r"티빙|웨이브|쿠팡\s?플레이"
)
#: "배우 하윤경이 ...", "촬영": its own actors and shoots, as a Korean text says them (a foreign
#: actor gets a country); the cue when no other is there ("출연", "주인공" alone are not)
_ACTOR_HANGUL = Pattern(r"배우|촬영")
#: another country's work in a Korean text ("중국 드라마", "미드", "美 드라마", "해외 진출")
OTHER_HANGUL = Pattern(
    # (not a Korean star's move abroad: "할리우드 진출", "해외 진출")
    r"중국|일본|대만|태국|미국|영국|홍콩|중화권|할리우드(?!\s?진출)|중드|일드|미드|해외(?!\s?진출)|"
    r"[美中日英]|\b[CJ]-?드라마"
)


def name_with_cue(doc: Document, roman: list[str], evidence: list[Evidence]) -> list[Evidence]:
    """Korean names by their romanised shape (``roman``) beside a second cue (drama or idol
    words, a Korean broadcaster or streamer, Korea, Seoul, Hangul): what the names' own
    ``evidence`` lacks to reach 3, so the cast of a drama no curated entry knows is Korean.
    Nothing beside another Asian country's words (a C-drama's "Ma Si Chun" has the shape)."""
    counted = sum(points for points, _ in evidence)
    if not roman or counted >= 3:
        return []
    text, folded, words = doc.all_text, doc.folded_all, doc.words_all
    cue = _K_CUE.search(text, folded, words)
    if cue is None or _OTHER_ASIAN.search(text, folded, words):
        return []
    return [(3 - counted, f"Korean name {roman[0]} beside {cue.group(0)!r}")]


def hangul_name_with_cue(doc: Document) -> list[Evidence]:
    """A Korean headline that starts with a Korean name ("차은우, 새 드라마로 ..."), beside a
    cue of a Korean text (drama or idol words, a broadcaster): 2, with the headline's Hangul
    3, so a drama's cast no curated entry knows is Korean; never beside another country's
    name (a Chinese or an American drama's news)."""
    if not doc.hangul_title:
        return []
    name = korean_hangul_headline_name(doc.title)
    if name is None:
        return []
    text, folded, words = doc.all_text, doc.folded_all, doc.words_all
    cue = K_CUE_HANGUL.search(text, folded, words) or _ACTOR_HANGUL.search(text)
    if cue is None or OTHER_HANGUL.search(text, folded, words):
        return []
    return [(2, f"Korean name {name!r} beside {cue.group(0)!r}")]


#: a Korean portal's or community's post an item translates ("Source: Nate Pann", "via theqoo"):
#: what Korean netizens said of a Korean drama, actor or idol
_COMMUNITY_POST = Pattern(
    r"\b(?:[Ss]ource|SOURCE|[Vv]ia|[Oo]riginally posted on)\s*:?\s*(?:Nate\s?Pann|Pann\s?Nate|"
    r"[Tt]heqoo|TheQoo|Instiz|Naver|Daum|DC\s?Inside|MLBPark|Fmkorea)\b"
)


def community_post(doc: Document) -> list[Evidence]:
    """An item that translates a Korean portal's or community's post: 3."""
    m = _COMMUNITY_POST.search(doc.all_text, doc.folded_all, doc.words_all)
    return [(3, f"a Korean community's post ({m.group(0)!r})")] if m else []
