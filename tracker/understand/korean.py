"""Whether an entry is about Korean film or drama: weighted evidence, each piece with its
reason (a curated Korean or foreign work, Korean people named, Korean words, companies,
festivals, categories, Hangul, the feed's hint; foreign origin words and foreign credits
against), true at a score of 3.

Owns the evidence rules and their weights. Reads the film already found and the kind already
decided; must not change them (the orchestrator turns a roundup listing a Korean title
Korean).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tracker.text import HANGUL_SYLLABLES, has_hangul
from tracker.types import FeedSpec, Kind
from tracker.understand import latinscript
from tracker.understand.document import Document, hangul_share
from tracker.understand.filing import about_film
from tracker.understand.film import Film
from tracker.understand.kpop import (
    FOREIGN_GROUP,
    K_POP_HANGUL,
    Evidence,
    korean_music,
    kpop,
    music_evidence,
)
from tracker.understand.lexicon import Lexicon
from tracker.understand.namecues import (
    K_CUE_HANGUL,
    OTHER_HANGUL,
    community_post,
    hangul_name_with_cue,
    name_with_cue,
)
from tracker.understand.names import (
    KATAKANA_KOREAN_NAME,
    foreign_hangul_names,
    korean_hangul_name,
    korean_hangul_name_after_role,
    korean_names_and_head,
    name_key,
)
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.sounds import katakana_name_sounds, skeleton
from tracker.understand.works import vouched_for


@dataclass(frozen=True)
class Korean:
    """Whether the entry is Korean, and why."""

    korean: bool
    reason: str


#: ("K-드라마|K드라마", not "K-?드라마": a match then starts with "k-", "k드" or "korea", not any
#: "k", so ``prefilter``'s finder stops at far fewer places of a text)
_K_WORDS = Pattern(
    r"\bKorean(?:[- ]language)?\s+(?!War\b|Film Council|Film Archive|Film Academy|"
    r"audiences?\b|Air\b|food|cuisine|temple|novel|writer|literature|Peninsula|"
    r"government|Americans?)(?:[\w&-]+\s+){0,2}?"
    r"(?:film|films|movie|movies|cinema|drama|dramas|series|thriller|thrillers|horror|action|"
    r"comedy|romance|zombie|blockbuster|director|directors|filmmaker|content|production|original|"
    r"originals|hit|hits|box office|epic|saga|melodrama|miniseries|entertainment|remake|"
    r"version|show|shows|title|titles|war film|noir|animation|industry|streamers?|theaters?|"
    r"theatres?|cinema chains?|multiplex(?:es)?)\b|"
    # Korean television's shows (not its networks, makers or hosts: "Korean TV network KBS")
    r"\bKorean\s+(?:variety\s+(?:TV|shows?)|TV\s+(?:dramas?|shows?|series|variety)|"
    r"television\s+(?:dramas?|shows?|series))\b|"
    r"\bK-(?:dramas?|movies?|films?|pop|content|zombie|horror|thriller|variety)\b|"
    r"\bKorea['’]s (?:Oscar|submission|entry|biggest|box office|first|top|most|film|films|"
    r"movie|movies|cinema|cinemas|drama|dramas|screen|streaming|streamers?|entertainment|"
    r"content|studios?|(?:\w+ )?(?:film|drama|streaming|entertainment|content) industry)\b|"
    r"\bSouth Korean (?:film|films|movie|director|filmmaker|drama|series|thriller|cinema)\b|"
    r"\bKorean-(?:American|Canadian) (?:film|drama|director|filmmaker)|"
    r"\bGenres?:[^|\n]*\bKorean\b|\bHallyu\b|Korean Wave|"
    r"한국\s?영화|한국\s?드라마|국내\s?영화|K-드라마|K드라마|K-무비|K무비|한국형|"
    # Japanese outlets: "韓国ドラマ", "韓国映画", "韓ドラ", "韓流"
    r"韓国\s?(?:ドラマ|映画|発|オリジナル|版)|韓国(?!ロケ)[ァ-ヺー・]{2,12}(?:映画|ドラマ)|韓ドラ|韓流|Kドラマ|"
    # "韓国のバラエティ", "韓国の恋愛リアリティ番組"
    # (not where another country's show is featured or modelled: "韓国の人気バラエティで紹介",
    # "韓国の恋愛リアリティ風に", "韓国のリアリティを模倣")
    r"韓国の?(?:人気)?(?:バラエティ|(?:恋愛)?リアリティ)ー?(?!(?:番組)?(?:で|に|風|を模倣|の模倣))|"
    # "韓國春節檔強片", "香港國際電影節韓國焦點": Korea beside a film, a drama or a festival's focus
    # (not a Korean festival's guest, a distributor, a photo, a disaster: "入圍韓國釜山影展",
    # "韓國片商", "宣傳照片", "梨泰院慘劇")
    r"韓國(?:[\u4e00-\u9fff]{0,4}?(?<![照影晶芯卡])片(?![商名])|[\u4e00-\u9fff]{0,2}?(?<![慘鬧悲喜])劇|"
    r"焦點|導演)|"
    r"韩国(?:[\u4e00-\u9fff]{0,4}?(?<![照影晶芯卡])片(?![商名])|[\u4e00-\u9fff]{0,2}?(?<![惨闹悲喜])剧|"
    r"焦点|导演)|"
    # a Korean family name that no Chinese name has, before a given name of two: 朴贊郁 (Park
    # Chan-wook), 朴正民 (Chinese runs names into the words around them; not 朴素, 純朴, 朴樹)
    r"(?<![質质純纯古淳儉俭厚簡简素誠诚拙敦渾浑粗])朴(?![素實实刀樹树訥讷拙直質质茂野葉感])"
    r"(?![\u4e00-\u9fff]?[的之地得了])[\u4e00-\u9fff]{2}|"
    # and Chinese ones: "韓劇", "韓國電影", "韩国电影", "韩影" (a Korean film), "韓綜" (variety)
    r"韓劇|韩剧|韓國\s?(?:電影|影集|劇)|韩国\s?(?:电影|剧)|韩流|韓影|韩影|韓綜|韩综|"
    # (Hong Kong and Taiwan say South Korea: "南韓電影", "南韓導演")
    r"南韓(?:電影|影集|劇|導演|演員|片)|南韩(?:电影|剧|导演|演员|片)|"
    # Korea and a few words before the title's brackets: "韓國黑幫喜劇《老大》"
    # (a genre or a format between: not its viewers', its media's, a premiere of another's)
    r"(?:韓國|韩国)[\u4e00-\u9fff]{0,4}?(?:片|劇|剧|電影|电影|影集)《",
    re.IGNORECASE,
)
#: Korean-only streamers, Korean studios, distributors and cinema chains, the film council: an
#: entry about them is about the Korean industry (next to a work they say little: the chains
#: and streamers show foreign films too, so they only add a point there)
_K_COMPANY = Pattern(
    r"\bLotte Cinema\b|롯데시네마|\bMegabox\b|메가박스|\bCJ CGV\b|\bCGV\b|"
    r"\bTVING\b|\bTving\b|티빙|\bWavve\b|(?<![가-힣])웨이브(?![가-힣])|\bCoupang Play\b|"
    r"쿠팡\s?플레이|\bWatcha\b|왓챠|\bCJ ENM\b|\bCJ Entertainment\b|\bShowbox\b|쇼박스|"
    r"\bLotte (?:Entertainment|Cultureworks)\b|롯데(?:엔터테인먼트|컬처웍스)|"
    r"\bNext Entertainment World\b|\bPlus M Entertainment\b|\bStudio Dragon\b|스튜디오드래곤|"
    r"\bJTBC Studios\b|\bSLL\b|\bACE Factory\b|\bBarunson\b|바른손|\bKakao Entertainment\b|"
    r"\bKOFIC\b|\bKorean Film Council\b|영화진흥위원회",
)
#: Korean festivals and awards: about Korean film when no single (possibly foreign) film is
#: the subject
_K_FESTIVAL = Pattern(
    r"\bJeonju International Film Festival\b|\bJeonju IFF\b|\bJIFF\b|\bBucheon International "
    r"Fantastic\b|\bBiFan\b|\bBIFAN\b|\bBusan International Film Festival\b|\bBIFF\b|"
    r"\bBusan (?:film )?festival\b|\bSeoul International Women's Film Festival\b|"
    r"\bDMZ International Documentary\b|\bSeoul Independent Film Festival\b|"
    r"\bBlue Dragon (?:Film )?Awards\b|\bBaeksang\b|\bGrand Bell\b|\bDaejong\b|"
    r"부산국제영화제|부국제|전주국제영화제|부천국제판타스틱영화제|청룡영화상|백상예술대상|대종상",
    re.IGNORECASE,
)
#: a Korea-only streamer's own work ("a TVING original", "the TVING drama", "Coupang Play's
#: comedy"): those services commission Korean works, so this is Korean evidence in itself
_K_STREAMER_WORK = Pattern(
    r"(?:\bTVING|\bTving|티빙|\bCoupang Play|쿠팡\s?플레이|\bWavve|웨이브)(?:['’]s)?\s+"
    r"(?:original|drama|series|comedy|thriller|film|movie|show|오리지널|드라마|시리즈|영화)",
)
#: a Korean broadcaster's own drama or show ("the tvN drama", "JTBC's variety show", "tvN 새
#: 토일드라마"): only Korean channels air them (case kept: "ENA", "OCN" are no words)
_BROADCAST_SHOW = (
    r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:[Dd]ramas?|K-dramas?|[Ss]eries|[Vv]ariety|"
    r"[Rr]om-?coms?|[Mm]elodramas?|[Pp]rocedurals?|"
    r"[Mm]iniseries|[Ss]itcom|[Rr]eality (?:show|series)|[Ss]urvival show|"
    r"(?:[Tt]ravel|[Tt]alk|[Cc]ooking|[Gg]ame|[Dd]ating|[Aa]udition|[Mm]usic) shows?)\b"
)
#: a Korean actor, idol or singer, named so ("韓国の俳優ソル・ギョング", "韓國男演員"; not "North
#: Korean actors", "a Korean Canadian actress", a golfer who "stars"): +2, since a Japanese or a
#: Taiwanese work may cast one
_K_PERFORMER = Pattern(
    r"(?<!North )\bKorean\s+(?:(?:film|drama|TV|movie|pop)\s+)?"
    r"(?:actors?|actress(?:es)?|idols?|singers?|(?:film|drama|TV|movie|pop)\s+stars?)\b|"
    r"韓国の?(?:人気)?(?:俳優|女優|アイドル|歌手|スター(?!バックス))|"
    r"韓國(?:男|女)?(?:演員|藝人|偶像|歌手|影帝|影后|男星|女星|天后)|"
    r"韩国(?:男|女)?(?:演员|艺人|偶像|歌手|影帝|影后|男星|女星|天后)"
)
_K_BROADCAST = Pattern(
    rf"\b(?:KBS2?|tvN|JTBC|ENA|OCN|MBN|Mnet|TV Chosun|Channel A){_BROADCAST_SHOW}|"
    # its possessive before a work's name ("KBS2's Dear Neighbor Detective"), and its ratings'
    # own source ("according to Nielsen Korea")
    r"\b(?:KBS2?|tvN|JTBC|ENA|OCN|MBN|Mnet|TV Chosun|Channel A)['’]s\s+(?:new\s+)?(?=[A-Z])|"
    r"\bNielsen Korea\b|"
    r"(?<![A-Za-z])(?:KBS\s?[12]TV|KBS2?|MBC|SBS|tvN|JTBC|ENA|OCN|MBN|Mnet|TV조선|채널A)\s?"
    r"(?:새\s?)?(?:월화|수목|금토|토일|주말|일일|[월화수목금토일]요)?\s?(?:드라마|예능|미니시리즈|시리즈)|"
    # a Japanese text's "tvNの週末ドラマ" (SBS and MBC are Japanese broadcasters' names too:
    # ``_K_BROADCAST_JA_SHARED``)
    r"(?<![A-Za-z])(?:KBS2?|tvN|JTBC|ENA|OCN|MBN|Mnet)の?[^\s、。「『]{0,6}?(?:ドラマ|バラエティ|番組)"
)
#: "韓国SBSの人気バラエティー番組": SBS and MBC are Japanese broadcasters' letters too
#: (Shizuoka's, Minami-Nihon's), so Korea must be said beside them
_K_BROADCAST_JA_SHARED = Pattern(
    r"韓国(?:の|・)?(?:MBC|SBS)の[^\s、。「『]{0,6}?(?:ドラマ|バラエティ|番組)"
)
#: SBS and MBC are also Australia's and the Middle East's broadcasters, which air dramas too:
#: in English their drama is Korean only where the text names neither region
_K_BROADCAST_SHARED = Pattern(rf"\b(?:MBC|SBS){_BROADCAST_SHOW}")
_ABROAD_SHARED = Pattern(
    r"\b(?:Australian?|Aussie|Saudi|Arab|Arabic|Ramadan|Middle East(?:ern)?|Dubai|Egypt(?:ian)?|"
    r"UAE|Gulf)\b"
)
_K_SETTING = Pattern(r"\b(?:Joseon|Goryeo|Silla|Baekje|Gyeongseong|Gwangju Uprising)\b")
#: the work an entry's work remakes or adapts, or is ranked beside, to the end of the clause (a
#: comma ends it: "Adapted from the webtoon, the series stars Park Bo-gum"): its people and
#: origin are not the entry's ("remake of the Chinese hit Us and Them", "behind only a German
#: thriller")
_SOURCE_WORK = Pattern(
    r"\b(?:remake of|remakes|remaking|adaptation of|adapted from|reimagining of|behind only "
    r"(?:a|an|the)|(?:beating|overtaking) (?:a|an|the)|(?:the|its) (?:\d{4} )?(?:South )?Korean "
    r"original(?! (?:series|film|drama|show|movie)))\b[^.,;!?\n]{0,80}",
    re.IGNORECASE,
)
#: an essay on the country ("Why South Korea Makes the Best Revenge Stories")
_THE_COUNTRY = Pattern(r"\bSouth Korea\b|\bKorea['’]s\b|한국")
#: another country's film, drama or star in a Chinese or Japanese text
_CJK_ELSEWHERE = Pattern(
    r"日本映画|日本のドラマ|日本人|中國電影|中国电影|中國動畫|中国动画|台灣演員|台湾演员|台劇|台剧|"
    r"華語|华语|港片|國片|国产"
)
_K_CATEGORY = Pattern(
    # (Chinese and Japanese outlets' Korean sections: "韓星", "韓劇", "韓流", "韓国ドラマ")
    r"Korea|K-?Drama|K-?Pop|Hallyu|한국|K-Movie|韓星|韩星|韓劇|韩剧|韓娛|韩娱|韓流|韩流",
    re.IGNORECASE,
)
_F_WORDS = Pattern(
    r"\b(?:Japanese|Chinese|Hong Kong|Taiwanese|Indian|Tamil|Telugu|Hindi|Malayalam|Thai|"
    r"Filipino|Indonesian|American|Hollywood|British|French|Italian|Spanish|Mexican|German|"
    r"Pixar|Disney|DreamWorks|Marvel|Ghibli|Bollywood|Tollywood|Toho|anime)\b"
    r"(?:[- ](?:language|made))?\s+(?:\w+\s+){0,2}?(?:film|films|movie|movies|director|"
    r"filmmaker|production|animation|animated|anime|take|thriller|drama|blockbuster|debut|"
    r"epic|comedy|spectacle|sequel|franchise|original|remake|action|hit|studio)\b|"
    r"\b(?:Pixar|DreamWorks|Studio Ghibli|Toho)['’]s\b|\bkaiju\b|"
    # (not a Korean star's move there: "할리우드 진출")
    r"일본\s?영화|일본\s?애니메이션|할리우드(?!\s?진출)|픽사|디즈니(?!\s?\+|\s?플러스)|마블|미국\s?영화|중국\s?영화|홍콩\s?영화|"
    r"인도\s?영화|외화|"
    # an American network's own series in a Korean text ("HBO 오리지널 시리즈")
    r"HBO\s?오리지널",
    re.IGNORECASE,
)
_F_CATEGORY = Pattern(
    r"^(?:Japan|China|India|Hong Kong|Taiwan|Bollywood|Indian Movies|Anime.*|.*Japanese|"
    r"Hollywood|Thailand|Tollywood)$",
    re.IGNORECASE,
)


def extract_korean(
    doc: Document, film: Film, kind: Kind, feed: FeedSpec | None, lexicon: Lexicon
) -> Korean:
    """Korean or not: the evidence's score reaching 3, except for an entry about no film,
    drama or work at all, which is Korean entertainment only when it is about K-pop."""
    text, folded = doc.all_text, doc.folded_all
    # a work quoted in a headline about a novel or an album is not a film: without film or
    # drama words anywhere, only K-pop makes an entry Korean entertainment
    if kind == Kind.OTHER and film.work is None and not about_film(doc):
        music = lexicon.music_named_in(text, folded, doc.words_all)
        if music or kpop(doc):
            return Korean(True, "korean=true: Korean entertainment (K-pop)")
        if doc.hangul_title and korean_music(doc):
            return Korean(True, "korean=true: Korean entertainment (a Korean musician's news)")
        return Korean(False, "korean=false: not about film, drama or entertainment")
    directors, others = _korean_people(doc, film, lexicon)
    # the headline starts all the text: its names are read in the same pass
    roman, in_head = korean_names_and_head(text, len(doc.title), doc.words_all)
    source = _SOURCE_WORK.search(text, folded, doc.words_all)
    if source is not None and (directors or others or roman):
        # "a remake of Jang Joon-hwan's 2003 Korean cult film": the people of the work it
        # remakes or adapts are not its own; a name found only there is no evidence
        outside = _SOURCE_WORK.compiled.sub(" ", text)
        directors = [d for d in directors if lexicon.mentions(outside, d)]
        others = [o for o in others if lexicon.mentions(outside, o)]
        roman = [n for n in roman if n in outside]
    names = {*roman, *others}
    # the foreign names credited in Hangul: read once, for both sides of the evidence
    foreign = foreign_hangul_names(doc.body) if doc.hangul_body else []
    # a curated foreign work's people are not Korean evidence, curated or not
    if film.work is not None and not film.work.korean:
        theirs = {name_key(p) for p in film.work.people}
        roman = [n for n in roman if name_key(n) not in theirs]
    people = _people_evidence(doc, lexicon, directors, others, names, in_head)
    evidence = [
        *_work_evidence(doc, film, lexicon, kind),
        *people,
        *name_with_cue(doc, roman, people),
        *hangul_name_with_cue(doc),
        *community_post(doc),
        *_word_evidence(doc, film),
        *_hangul_evidence(doc, foreign),
        *_katakana_evidence(doc, lexicon),
        *music_evidence(doc),
    ]
    if feed is not None and feed.korean_only:
        evidence.append((3, "the feed covers Korea"))
    evidence += _foreign_evidence(doc, bool(directors or names), foreign, film.roundup)
    score: float = 0.0  # a float from the start: compiled, an int cannot become one
    notes: list[str] = []
    for points, why in evidence:
        score += points
        notes.append(f"{_signed(points)} {why}")
    korean = score >= 3
    verdict = "korean=true" if korean else "korean=false"
    return Korean(korean, f"{verdict}: score {score:g} ({'; '.join(notes)})")


@cache
def _signed(points: float) -> str:
    """``points`` as the reasons write them ("+3", "-5"): a few values, formatted once."""
    return f"{points:+g}"


def _work_evidence(doc: Document, film: Film, lexicon: Lexicon, kind: Kind) -> list[Evidence]:
    """The work the entry is about, the curated Korean titles a roundup lists (a release
    roundup that lists one is Korean, as any list with a Korean title is), or the curated
    Korean works an essay on the country names."""
    text = doc.all_text
    if film.work is not None:
        if film.work.korean:
            return [(4, f"about {film.work.title!r}, a curated Korean work")]
        return [(-5, f"about {film.work.title!r}, a curated non-Korean work")]
    if (
        film.hangul
        and film.title
        and not has_hangul(film.title)
        and not doc.hangul_title
        and not _spelled_out(film.title, film.hangul)
    ):
        # "Transit Love (환승연애)": an outlet writing in another script gives a work's own
        # Hangul title only for a Korean work ("The Running Man (더 러닝맨)" spells a foreign
        # one out for Korean readers)
        return [(3, f"its Hangul title {film.hangul!r} stated beside {film.title!r}")]
    if film.roundup or (kind == Kind.OTHER and film.title is None):
        # (a list's titles too: "2025년, 극장을 나와서도 오래 남은 영화 10편"; a title that is an
        # everyday word only beside its people: "the single 'Hope'" is no Korean film)
        hits = {
            title
            for title in lexicon.korean_works_listed_in(text, doc.folded_all, doc.words_all)
            if all(vouched_for(w, text, lexicon) for w in lexicon.works_titled(title))
        }
        if hits:
            points = 3 if kind == Kind.RELEASE else min(3, len(hits)) + 1
            return [(points, f"lists curated Korean titles {sorted(hits)[:3]}")]
    elif film.title is None and _THE_COUNTRY.search(text, doc.folded_all, doc.words_all):
        # an essay on the country's film and TV ("Why South Korea Makes the Best Revenge
        # Stories ... From Oldboy to The Glory"): two curated Korean titles named as written
        named = lexicon.korean_titles_in(text)
        if len(named) >= 2:
            return [(3, f"the country and its works {sorted(named)[:3]}")]
    return []


def _spelled_out(latin: str, hangul: str) -> bool:
    """Whether a Hangul title is the English one written by its sound (위키드, "Wicked"; 더
    러닝맨, "The Running Man": Korean writes the article 더)."""
    heard = skeleton(_ARTICLE.sub("", latin))
    return heard is not None and heard == skeleton(_KO_ARTICLE.sub("", hangul))


_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_KO_ARTICLE = re.compile(r"^더\s+")


def _korean_people(doc: Document, film: Film, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """(directors, others): curated Korean people named in the entry; not the director of a
    foreign work the entry is about (Bong Joon-ho's "Mickey 17" is not Korean)."""
    directors: list[str] = []
    others: list[str] = []
    for person in lexicon.people_named_in(doc.all_text, doc.folded_all, doc.words_all):
        (directors if person.role == "director" else others).append(person.name)
    if film.work is not None and not film.work.korean:
        directors = [d for d in directors if d not in film.work.people]
    return directors, others


def _people_evidence(
    doc: Document,
    lexicon: Lexicon,
    directors: list[str],
    others: list[str],
    names: set[str],
    in_head: list[str],
) -> list[Evidence]:
    """A curated Korean director; Korean names in the headline (``in_head``: by their
    romanised shape), or in the text (``names``: by their romanised shape, or curated). Names
    known only by their shape count less than 3 unless there are several (two people with
    Korean names are a Korean cast): one such name alone never makes an entry Korean
    (``namecues.name_with_cue`` adds the rest beside a second cue)."""
    evidence: list[Evidence] = []
    if directors:
        evidence.append((3, f"Korean director {directors[0]}"))
    head = doc.title
    if others and any(lexicon.mentions(head, n) for n in others):
        evidence.append((3, f"Korean name in the headline ({others[0]})"))
    elif in_head:
        several = len(names) > 1
        evidence.append((3 if several else 2, f"Korean name in the headline ({in_head[0]})"))
    elif names:
        evidence.append((1 if len(names) == 1 else 3, f"Korean names {sorted(names)[:3]}"))
    return evidence


def _word_evidence(doc: Document, film: Film) -> list[Evidence]:
    """Korean settings, words, companies, festivals and categories; not in what is said of the
    work the entry's work remakes or adapts ("a remake of a 2003 Korean cult film")."""
    text: str = doc.all_text
    folded: str | None = doc.folded_all
    if _SOURCE_WORK.search(text, folded, doc.words_all):
        # (the words of the whole text still gate the patterns: a superset is allowed)
        text, folded = _SOURCE_WORK.compiled.sub(" ", text), None
    evidence: list[Evidence] = []
    hm = _K_SETTING.search(text, folded, doc.words_all)
    if hm:
        evidence.append((1, f"Korean setting {hm.group(0)!r}"))
    words = doc.words_all
    m = (
        _K_WORDS.search(text, folded, words)
        or latinscript.korean_words(text, folded, words)
        or _K_BROADCAST.search(text, folded, words)
        or _K_BROADCAST_JA_SHARED.search(text, folded, words)
        or (
            None
            if _ABROAD_SHARED.search(text, folded, words)
            else _K_BROADCAST_SHARED.search(text, folded, words)
        )
    )
    if m:
        evidence.append((3, f"words {m.group(0)!r}"))
    elif performer := _K_PERFORMER.search(text, folded, words):
        evidence.append((2, f"a Korean performer named so {performer.group(0)!r}"))
    companies = {c.group(0) for c in _K_COMPANY.finditer(text, folded, doc.words_all)}
    sw = _K_STREAMER_WORK.search(text, folded, doc.words_all)
    if sw:
        evidence.append((3, f"a Korean streamer's own work {sw.group(0)!r}"))
    elif companies:
        # about the industry itself they are Korean; they also stream and distribute foreign
        # films, so next to a work they say little
        evidence.append((1 if film.title else 3, f"Korean companies {sorted(companies)[:3]}"))
    m = _K_FESTIVAL.search(text, folded, doc.words_all)
    if m:
        evidence.append((1 if film.title else 3, f"Korean festival or awards {m.group(0)!r}"))
    cats = [c for c in doc.categories if _K_CATEGORY.search(c)]
    if cats and not cats[0].isascii() and _CJK_ELSEWHERE.search(doc.all_text):
        cats = []  # a Chinese outlet's 韓星 tag on another country's film or star
    if cats:
        evidence.append((3, f"category {cats[0]!r}"))
    return evidence


#: a Korean given name in katakana has no long vowel, a Chinese or Western one often does
#: ("チャン・イーモウ", "キム・カーダシアン"), and other countries named make it theirs
#: (中, 米 and 英 alone stand for a country only before what a country makes: "中年" is middle
#: age, "途中" midway)
_KATAKANA_ELSEWHERE = Pattern(
    r"中国|香港|台湾|華流|華ドラ|中華|タイ|アメリカ|ハリウッド|米国|英国|イギリス|"
    r"[中米英](?:映画|ドラマ|俳優|女優|歌手|合作)|[米英]アカデミー"
)


#: a Korean star's fan meeting in Japan ("来日ファンミーティング", "ペンミ"; not a K-pop billing)
#: (or enlists: Korea's military service, "本日入隊")
_KSTAR_IN_JAPAN = Pattern(r"ファンミーティング|ファンミ(?![ァ-ヺ])|ペンミ|入隊|除隊|兵役")


def _katakana_evidence(doc: Document, lexicon: Lexicon) -> list[Evidence]:
    """Two Korean names written in katakana (a Japanese text about Korean film), or one and a
    fan meeting, or one that sounds as a curated Korean work's director or cast does
    ("ヨン・サンホ監督"): one alone may be a Western one of the same shape ("ハン・ソロ")."""
    if doc.all_text.isascii():
        return []
    names = {m.group(0) for m in KATAKANA_KOREAN_NAME.finditer(doc.all_text)}
    if not names or _KATAKANA_ELSEWHERE.search(doc.all_text):
        return []
    shown = sorted(names)[:3]
    if len(names) >= 2:
        return [(3, f"Korean names in katakana {shown}")]
    cue = _KSTAR_IN_JAPAN.search(doc.all_text)
    if cue is not None:
        return [(3, f"a Korean name in katakana {shown} and {cue.group(0)!r}")]
    by_sound = lexicon.works_by_sound
    credited = any(
        lexicon.works[i].korean
        for sound in katakana_name_sounds(doc.all_text)
        for i in by_sound.get(sound, ())
    )
    return [(3, f"a curated Korean work's person in katakana {shown}")] if credited else []


def _hangul_evidence(doc: Document, foreign: list[re.Match[str]]) -> list[Evidence]:
    """Hangul in the headline; a text mostly in Hangul, and a Korean name credited in it
    (outside the ``foreign`` names credited in the body)."""
    evidence: list[Evidence] = []
    if doc.hangul_title:
        evidence.append((1, "Hangul in the headline"))
    if doc.hangul_body and _mostly_hangul(doc.body):
        evidence.append((1, "Hangul text"))
        hm = korean_hangul_name(doc.body, foreign)
        if (
            hm is None
            and (K_CUE_HANGUL.search(doc.all_text) or _KO_OWN_CUE.search(doc.all_text))
            and not OTHER_HANGUL.search(doc.all_text)
        ):
            # "배우 박해준이 ... 시리즈 종영 소감": the credit before the name, beside Korean
            # television's words, in a text about no other country's work (a Chinese star's
            # name read in Korean has the same shape: "배우 주윤발이 주연을 맡은 느와르")
            hm = korean_hangul_name_after_role(doc.body, foreign)
        if hm:
            evidence.append((2, f"Korean name {hm.group(0)!r}"))
        km = K_POP_HANGUL.search(doc.body)
        if km and not FOREIGN_GROUP.search(doc.all_text):
            evidence.append((2, f"K-pop words in a Korean text {km.group(0)!r}"))
        tv = _KO_TV.search(doc.all_text)
        abroad = _KO_ABROAD.search(doc.all_text) if tv or doc.hangul_title else None
        home = doc.hangul_title and not (foreign or abroad or OTHER_HANGUL.search(doc.all_text))
        if tv and not abroad:
            evidence.append((2, f"Korean television's words {tv.group(0)!r}"))
        elif home and (K_CUE_HANGUL.search(doc.all_text) or _KO_HOME_FILM.search(doc.all_text)):
            evidence.append((1, "a Korean text on a drama, a show or a film, none from abroad"))
    return evidence


#: what a Korean text says of Korean television: its ratings and time slots, its variety shows
#: ("시청률 6.1%", "동시간대 1위", "관찰 예능")
_KO_TV = Pattern(
    r"시청률|동시간대|(?:관찰|리얼리티|연애)\s?예능|예능\s?프로그램|"
    # a Korean channel's programme named after it ("tvN ‘유 퀴즈 온 더 블럭’에 출연")
    r"(?<![A-Za-z])(?:KBS2?|MBC|SBS|tvN|JTBC|ENA|MBN|TV조선|채널A|Mnet)\s?[‘'\"]|"
    # a Korean channel's audition or dating show ("JTBC 오디션 프로그램")
    r"(?:KBS2?|MBC|SBS|tvN|JTBC|ENA|MBN|TV조선|채널A|Mnet)\s?"
    r"(?:오디션|서바이벌|경연|연애|리얼리티|관찰)\s?(?:예능|프로그램)"
)
#: a series' end or first broadcast, as a Korean text says of its own television, and a
#: Korean magazine's own cover, photo shoot or interview ("GQ 코리아 12월호 커버", "이번 화보")
_KO_OWN_CUE = Pattern(r"종영|첫\s?방송|최종회|화보|커버|인터뷰|코리아")
#: a Korean text's own film: a feature made or shot here, a festival's opening work, a dialect
_KO_HOME_FILM = Pattern(r"장편|단편|독립영화|개막작|폐막작|촬영|사투리|제주어|올로케")
#: a Korean text about another country's television or films
_KO_ABROAD = Pattern(
    r"미국|할리우드|일본|중국|영국|대만|태국|홍콩|중화권|인도|해외|외화|美|日|HBO|"
    # (a country before its programme: "프랑스 영화 ‘아멜리에’", not "호주 특집", "유럽 투어")
    r"(?:프랑스|스페인|이탈리아|독일|러시아|캐나다|호주|유럽|외국)\s?(?:드라마|영화|시리즈|작품|방송사)|"
    r"(?:디즈니\+?|넷플릭스)\s?오리지널\s?(?:미드|시리즈)|미드|일드|중드"
)


#: the bytes that are no ASCII letter
_NOT_LETTERS = bytes(c for c in range(256) if not (c < 128 and chr(c).isalpha()))
#: Hangul syllables: letters all, and Hangul letters
_SYLLABLE = re.compile(f"[{HANGUL_SYLLABLES}]+")


def _mostly_hangul(text: str) -> bool:
    """``hangul_share(text) > 0.3``, not counted letter by letter (~20 ns a character) when
    the text's ASCII letters and syllables decide it (~2): a long English text quoting a
    Hangul title has some Hangul, a Korean text mostly Hangul."""
    plain = text.encode("ascii", "ignore")
    others = len(text) - len(plain)
    letters = len(plain.translate(None, _NOT_LETTERS))
    # the Hangul letters are among the other characters, and the letters are the ASCII ones
    # and some of the others (the Hangul ones at least): the share is at most others /
    # (ASCII letters + others), exactly
    if 10 * others <= 3 * (letters + others):
        return False
    # and at least syllables (Hangul letters all) / (ASCII letters + others); above 3/10
    # exactly, the share of a text shorter than 10^15 characters is above the float 0.3 too
    syllables = len(text) - len(_SYLLABLE.sub("", text))
    if 10 * syllables > 3 * (letters + others):
        return True
    return hangul_share(text) > 0.3


def _foreign_evidence(
    doc: Document, korean_people: bool, foreign: list[re.Match[str]], listing: bool = False
) -> list[Evidence]:
    """Foreign origin words and categories, and a text that credits only ``foreign`` people
    (no ``korean_people`` named); not the origin words of a ``listing``'s other works (a
    roundup with one Korean title is Korean, whatever else it lists)."""
    evidence: list[Evidence] = []
    text: str = doc.all_text
    folded: str | None = doc.folded_all
    if _SOURCE_WORK.search(text, folded, doc.words_all):
        text, folded = _SOURCE_WORK.compiled.sub(" ", text), None
    fm = None if listing else _F_WORDS.search(text, folded, doc.words_all)
    if fm:
        evidence.append((-5, f"foreign origin {fm.group(0)!r}"))
    # a category is a few words: the pattern itself, without the gate a long text wants
    fcat = [c for c in doc.categories if _F_CATEGORY.compiled.match(c)]
    if fcat:
        evidence.append((-4, f"category {fcat[0]!r}"))
    if foreign and not korean_people:
        # a Hangul title needs corroboration when the text names only foreign people
        evidence.append((-3, f"foreign people only ({foreign[0].group(0)!r})"))
    return evidence
