"""Korean personal names in running text: romanised names found by their shape, names
credited in Hangul ("봉준호 감독", and transliterated foreign ones: "고레에다 히로카즈 감독"), and
the one comparison form of a name (``name_key``) the lexicon and the matcher share.

Owns the surname list, the syllable shape of a romanised given name, ``mentions_name`` and
the pattern it matches a name with (tolerant of hyphen and spacing variants). Pure: no I/O;
must not know the curated lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from tracker.text import HANGUL_SYLLABLES, has_hangul
from tracker.understand.scan.prefilter import Pattern

#: romanised Korean surnames (Revised Romanization and the common older spellings)
_SURNAMES = """
    Kim Gim Lee Yi Rhee Ri Park Pak Bak Choi Choe Chey Jung Jeong Chung Cheong Kang Gang Cho Jo
    Yoon Yun Youn Jang Chang Lim Im Yim Rim Han Oh O Seo Suh Shin Sin Kwon Gwon Hwang Ahn An
    Song Ryu Ryoo Yoo Yu You Jeon Jun Chun Hong Ko Go Koh Moon Mun Yang Son Sohn Bae Bai Baek
    Paik Back Heo Hur Huh Nam Sim Shim Noh Roh No Ha Kwak Gwak Sung Seong Cha Joo Ju Chu Choo
    Woo U Min Jin Na Ra Ji Um Uhm Eom Byun Byeon Pyun Chae Won Cheon Bang Gong Hyun Hyeon Ham
    Yeo Do Doh Seok Suk Sun Seon Sul Seol Ma Gil Kil Yeon Wi Pyo Myung Myeong Ki Gi Ban Wang
    Geum Keum Ok Yook Yuk In Maeng Je Mo Tak Guk Kook Eun Pyeon Yong Ye Gyeong Kyung Bong Sa
    Bu Yum Yeom Zo Ong Tae Ryoo Lyu Ryeo Ku Koo Gu Kum Eo
    Namgung Namkoong Seonwoo Sunwoo Jegal Dokgo Hwangbo Sagong Seomun
"""
KOREAN_SURNAMES: frozenset[str] = frozenset(_SURNAMES.split())

_SYLLABLE = (
    r"(?:[bcdghjklmnprstwyz]{0,3}"
    r"(?:ae|ai|ao|eo|eu|ee|oo|ou|oe|ui|wa|wo|we|wi|ya|yeo|ye|yo|yu|a|e|i|o|u)"
    r"(?:ng|n|m|l|k|p|t|b|g|r)?)"
)
#: "Jeon Jong-seo", "Kim Woo-bin", "Lee Jung Jae" (Soompi spells names without hyphens)
_KOREAN_NAME = Pattern(
    # the capital first and the word boundary before it after: so ``re`` skips to capitals;
    # possessive runs ("{0,4}+"): what follows each can never be what it would give back (a
    # letter, a space), so the matches are the same and ``re`` does not backtrack through
    # them at every capitalised word
    r"(?P<surname>[A-Z](?<!\w.)[a-z]{0,6}+)\s++"
    r"(?P<given>[A-Z][a-z]{1,5}+(?:-[a-z]{1,5}+|\s[A-Z][a-z]{1,5}+))\b"
)
_GIVEN_SPLIT = re.compile(r"[-\s]")
_syllable = re.compile(rf"^{_SYLLABLE}$", re.IGNORECASE).match


def _given_part(part: str) -> bool:
    """A syllable of a given name; "oh" and "ah" too, the older spellings of 오 and 아 ("Gil
    Tae-oh", "Byeon Seo-ah")."""
    return _syllable(part) is not None or part.lower() in ("oh", "ah")


#: English words that look like Korean syllables when capitalised ("Ma Rainey", "Do Not")
_NOT_A_GIVEN = frozenset(
    {
        "the",
        "and",
        "not",
        "man",
        "can",
        "son",
        "sun",
        "ten",
        "one",
        "two",
        "run",
        "won",
        "an",
        "in",
        "on",
        "to",
        "go",
        "so",
        "no",
        "we",
        "be",
        "me",
        "he",
        "ye",
        "yo",
        "oh",
        "up",
        "pay",
    }
)


#: a Korean name as Japanese writes it: a Korean family name in katakana, a middle dot, the
#: given name ("パク・チャヌク", "イ・ビョンホン", "ソン・イェジン"); the family names in the
#: forms Japanese media write them, voiced ones included ("ビョン・ウソク", "ド・ギョンス",
#: "ポン・ジュノ")
KATAKANA_KOREAN_NAME = Pattern(
    r"(?<![ァ-ヺー・])(?P<surname>パク|キム|イ|チェ|チョン|カン|チョ|ユン|チャン|イム|ハン|ソ|シン|"
    r"クォン|ファン|アン|ソン|ユ|ホン|コ|ムン|ヤン|ペ|ペク|ホ|ナム|シム|ノ|ハ|クァク|チャ|ミン|リュ|"
    r"チ|オム|ピョン|ウォン|ヒョン|ヨム|ト|ソク|ソル|キル|ヨン|ナ|ク|ウ|チュ|オ|マ|ポン|ヨ|オク|ウィ|"
    r"チン|キ|ソヌ|ナムグン|ビョン|ド|ゴ|ピョ)・(?P<given>[ァ-ヺ]{2,6})"
    r"(?![ァ-ヺー・])"
)


def korean_names(text: str) -> list[str]:
    """Romanised Korean personal names in ``text``: a known surname followed by a two-syllable
    given name written with a hyphen ("Jeon Jong-seo") or as two capitalised syllables
    ("Lee Jung Jae"). Names are returned hyphenated, as they were matched otherwise."""
    return [name for _, name in _name_matches(text) if name is not None]


def _name_matches(text: str) -> Iterator[tuple[re.Match[str], str | None]]:
    """Each pair of the pattern in ``text``, read left to right, with the name it makes
    (None when it is no Korean name: it still takes its words). A capitalised triple that is
    no name but has a surname after its first word ("How Park Ji", of "How Park Ji-min") is
    read again from its second word: a capitalised word before a name (a headline's "How",
    "Why", "Actor") must not hide it. Only a surname can start a name, so a triple without
    one after its first word hides none, and ``re`` reads on (the rare rereading aside, one
    pass)."""
    finditer = _KOREAN_NAME.compiled.finditer
    pos = 0
    while True:
        for m in finditer(text, pos):
            given = m.group(2)
            name = _korean_name(m.group(1), given)
            yield m, name
            if name is None and "-" not in given and _given_surname(given):
                pos = m.start(2)
                break
        else:
            return


def _given_surname(given: str) -> bool:
    """Whether a word of a given name's two ("Park Ji", "Ji Kim") is a surname."""
    return any(word in KOREAN_SURNAMES for word in given.split())


#: the surnames as a folded text's words have them
_SURNAME_WORDS = frozenset(s.lower() for s in KOREAN_SURNAMES)


def korean_names_and_head(
    text: str, head: int, words: frozenset[str] | None = None
) -> tuple[list[str], list[str]]:
    """``korean_names(text)`` and ``korean_names(text[:head])`` in one reading, for a text
    that starts with its headline (``head`` long, then a line break); ``words``:
    ``prefilter.words(prefilter.fold(text))``, if at hand."""
    if text[head : head + 1] not in ("", "\n"):
        return korean_names(text), korean_names(text[:head])
    # a name's surname is a word of the text (capitalised, after no word character and
    # before a space): without any, no pair of the text is a name (most long texts)
    if words is not None and _SURNAME_WORDS.isdisjoint(words):
        return [], []
    found: list[str] = []
    in_head: list[str] = []
    crossed = False
    for m, name in _name_matches(text):
        start, end = m.span()
        # a pair ending in the headline is read there as in the headline alone: to each step
        # of the pattern the line break after it is what the headline's end is (no letter,
        # no hyphen, a word boundary) but to a space that goes on over it; a pair across the
        # line break is not the headline's, and the headline alone may read its words
        # otherwise
        crossed = crossed or start < head < end
        if name is not None:
            found.append(name)
            if end <= head:
                in_head.append(name)
    if crossed:
        in_head = korean_names(text[:head])
    return found, in_head


def _korean_name(surname: str, given: str) -> str | None:
    """The name a pair of the pattern makes ("Jeon Jong-seo"), or None when it is no Korean
    name."""
    if surname not in KOREAN_SURNAMES:
        return None
    parts = _GIVEN_SPLIT.split(given)
    if len(parts) == 2 and "-" in given and parts[1].endswith("s") and _given_part(parts[1][:-1]):
        # a Scandinavian or German genitive: "Na Hong-jins 'Hope'", "Yeon Sang-hos «Colony»"
        parts[1] = parts[1] if _given_part(parts[1]) else parts[1][:-1]
    if len(parts) != 2 or not (_given_part(parts[0]) and _given_part(parts[1])):
        return None
    if any(p.lower() in _NOT_A_GIVEN for p in parts) and "-" not in given:
        return None
    return f"{surname} {parts[0]}-{parts[1].lower()}"


@cache
def name_key(name: str) -> str:
    """Comparison form of a personal name: "Lee Jung Jae", "Lee Jung-jae" and "Lee Jungjae"
    all become ``leejungjae``."""
    return re.sub(f"[^a-z{HANGUL_SYLLABLES}]", "", unicodedata.normalize("NFKC", name).casefold())


def _name_body(name: str) -> str:
    # "Jeon Jong-seo" also matches "Jeon Jong Seo" and "Jeon Jongseo"
    parts = [re.escape(p) for p in re.split(r"[\s-]+", name.strip()) if p]
    return r"[\s\-]?".join(parts) if len(parts) > 1 else parts[0]


def name_source(name: str) -> str:
    """The source of the pattern ``mentions_name`` matches a romanised name with."""
    return rf"(?<![\w]){_name_body(name)}(?![\w])"


@cache
def name_pattern(name: str) -> re.Pattern[str]:
    """The pattern ``mentions_name`` matches a romanised name with: "IU" minds case, a name
    of more than four letters does not, except that one credited in capitals ("TWICE",
    "SEVENTEEN", "OH MY GIRL") is never matched in lower case, where it is an everyday word
    ("I watched it twice"); "Twice", "BlackPink" still are."""
    if len(name) <= 4:
        return re.compile(name_source(name))
    if name.isupper():
        lower = _name_body(name.lower())
        return re.compile(
            rf"(?<![\w])(?!(?-i:{lower})(?![\w])){_name_body(name)}(?![\w])", re.IGNORECASE
        )
    return re.compile(name_source(name), re.IGNORECASE)


def mentions_name(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` (a person or a title), tolerant of hyphen and spacing
    variants; Hangul names are matched as substrings (particles attach to them)."""
    if not name:
        return False
    if has_hangul(name):
        return name in text
    return bool(name_pattern(name).search(text))


# --------------------------------------------------------------------------------------------
# Names written in Hangul

#: the Hangul syllables a Korean surname is written with
HANGUL_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우"
    "구민진나지엄변채원천방공현함염여추도석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
)
_KOREAN_HANGUL_NAME = Pattern(
    rf"(?<![가-힣])([{HANGUL_SURNAMES}][가-힣]{{1,2}})\s?(?:감독|배우|작가|PD)(?!상)"
)
#: the same credit written before the name ("배우 박해준이", "감독 윤가은의"): three syllables and
#: then a particle or a pause, whose first two are no noun of the news ("배우 지망생이",
#: "배우 이름을" are no names), nor another country's ("중국 배우 유역비가")
_KOREAN_HANGUL_NAME_AFTER = Pattern(
    r"(?<![가-힣])(?<!(?:중국|미국|일본|홍콩|대만|영국|태국|인도|외국|해외|대륙)\s)(?<!할리우드\s)"
    rf"(?:배우|감독|가수)\s([{HANGUL_SURNAMES}][가-힣]{{2}})"
    # (a particle or a pause after it: a word after it may be a given name, "감독 이와이 슌지의")
    r"(?=[이가은는의과와도을를](?:[\s,·.]|$)|[,·.)]|$)"
)
#: the actor and the part, as a Korean review credits them: "이나영이 연기하는 대표", "형사를
#: 연기한 이수혁은", "막내 역의 조아람은" (the name in whichever group matched)
_KOREAN_HANGUL_NAME_PLAYS = Pattern(
    rf"(?<![가-힣])([{HANGUL_SURNAMES}][가-힣]{{2}})[이가은는]?\s(?:연기하는|연기한|분한|분하는)\s|"
    rf"(?:연기한|연기하는|분한|역의|역을 맡은)\s([{HANGUL_SURNAMES}][가-힣]{{2}})"
    r"(?=[이가은는의과와도을를](?:[\s,·.]|$)|[,·.)]|$)"
)
#: what those shapes find that is no name ("역의 주인공은", "연기한 배우들")
_NOT_A_PLAYER = frozenset("주인공 배우들 인물들 캐릭터 사람들".split())  # noqa: SIM905
#: what follows a role word that is no name ("배우 지망생", "배우 출신", "감독 최고의")
_NOT_AFTER_A_ROLE = """
    지망 출신 생활 조합 전원 한명 정신 시절 교육 양성 모델 가족 부부 커플 후배 동료 노조 육성
    오디 문화 장래 최고 최초 최다 유망 임금 권리 남편 아내 부인 아들 딸과 연습 지원 변신
    데뷔 계약 매니 소속 전문 경력 인터 활동 정말 명단 모집 위주 고유 신인 권익 은퇴 선발 주도
"""
_AFTER_A_ROLE = frozenset(_NOT_AFTER_A_ROLE.split())
#: a Korean headline's subject: a name of three syllables before a comma or a middle dot at
#: its start ("차은우, 새 드라마로"), or one of two to four after a role word ("배우 김지원");
#: after a bracketed tag ("[단독]"), if any
_HANGUL_HEADLINE_NAME = Pattern(
    rf"^\W*(?:\[[^\]]{{1,8}}\]\s*)?(?:(?:배우|가수|감독|아이돌)\s)?"
    rf"([{HANGUL_SURNAMES}][가-힣]{{2}})\s?[,·]|"
    rf"^\W*(?:\[[^\]]{{1,8}}\]\s*)?(?:배우|가수|감독|아이돌)\s"
    rf"([{HANGUL_SURNAMES}][가-힣]{{1,3}})(?![가-힣])|"
    # a magazine's interview: the name, the subject of a verb of telling ("설도윤이 말하는 ...")
    rf"^\W*([{HANGUL_SURNAMES}][가-힣]{{2}})[이가]\s(?:말하는|말한|전하는|전한|밝힌|들려주는|"
    r"들려준|이야기하는|고백한|답하는|답한)(?![가-힣])|"
    # or the name before the words it is quoted saying ("예하은 \"'옆집 탐정'은 ...\"")
    rf"^\W*([{HANGUL_SURNAMES}][가-힣]{{2}})\s?[\"“]"
)
#: a transliterated foreign name: Korean names are one Hangul word ("류준열"), foreign ones two
#: or more ("로버트 에거스 감독", "마고 로비와 ... 출연")
_FOREIGN_HANGUL_NAME = Pattern(
    # (not an adverb and a verb before a credit: "촬영을 막 마친 배우", "곧 돌아올 배우")
    r"(?<![가-힣'\"])(?!(?:막|곧|또|더|잘|꼭|갓|이미|최근|새로|다시|함께|처음|이제|아직)\s)"
    # (nor a place's native, a company's own, a kind of director: "제주 출신 감독")
    r"([가-힣]{1,6})\s(?!(?:출신|소속|전문|신인|원로|유명|인기|거장|여성|남성|독립|중견|상업)\s?)"
    r"([가-힣]{2,6}?)(?:와|과|이|가|의)?\s?"
    r"(?:감독|주연|출연|배우)(?!상)"
)
#: words before a credit that are not a surname and name ("한국 감독", "외국 배우")
_NOT_A_HANGUL_NAME = ("한국", "외국", "중국", "미국", "영국", "한국계")


def korean_hangul_headline_name(headline: str) -> str | None:
    """The Korean name a Korean headline starts with ("차은우, 새 드라마로 돌아온다" ->
    "차은우"), or None."""
    m = _HANGUL_HEADLINE_NAME.match(headline)
    if m is None:
        return None
    name = m.group(1) or m.group(2) or m.group(3) or m.group(4)
    if name in _NOT_A_HANGUL_NAME or name[:2] in _NOT_A_NAME_START:
        return None
    return name


#: the first two syllables of a headline's first words that start with a surname's syllable
#: and are no name ("이번엔,", "오늘은,", "최근엔,")
_NOT_NAMES = """
    이번 오늘 올해 지금 최근 한국 국내 정부 신작 주연 전국 결국 역시 다시 우리 모두 한편
    마침 조만 하지 정말 어제 내년 작년 이제 드디 반면 무엇 어디
"""
_NOT_A_NAME_START = frozenset(_NOT_NAMES.split())
#: the first two syllables of the nouns and verbs of the news of films and television that
#: make three syllables with a particle or an ending ("방송된", "연기를", "시청률", "공개된"): in
#: every such story, so never a name two stories share (not "이상", "이유", "정상", "신세", "강원",
#: "구성", "설정", "하나", "주인": 이상일, 이유영, 정상훈, 신세경, 강원래, 구성환, 설정환 are names)
_NEWS_NOUNS = """
    이번 오늘 올해 지금 최근 한국 국내 정부 신작 주연 전국 결국 역시 다시 우리 모두 한편
    방송 방영 시청 연기 연출 제작 공개 예고 배우 배급 원작 장면 장르 전개 진행 반전 변호
    변신 마지 이야 이라 지키 서로 조직 유배 서울 남자 여자 지난 이름 기억 모습 국정 오가
    백번 추격 금괴 여전 나서 인물 이별 마을 마포 금토 금요 설득 하얼 인생 양보 공식 반복
    표정 연애 위험 정체 동시 선배 심장 전담 기대 기록 현장 함께 소속 소감 인기 우승 도전
    예능 경쟁 반응 마음 주목 주말 차기 성공 성장 명작 추억 연속 위해 위기 표현 선정 채널
    천만 왕좌 노력 임무 문제 현재 기자 사랑 이어 이후 연말
"""
NEWS_NOUN_STARTS = frozenset(_NEWS_NOUNS.split())


#: the first words a foreign name's shape may catch that name no one: a credit or a kind ("영화",
#: "배우"), and what counts a cohort or a time ("새 기수 출연", "이번 회차")
_NOT_A_FOREIGN_FIRST = frozenset(
    "영화 배우 감독 드라마 신작 주연 한국 특집 새 첫 각 이번 지난 다음 신인 일반 중".split()  # noqa: SIM905
)


#: what says which kind of actor, before the role word: no second word of a name
_ACTOR_KINDS = frozenset(
    "아역 조연 단역 중견 원로 현역 신예 여배우 남자 여자 인기 연기파 대세 명품".split()  # noqa: SIM905
)


def foreign_hangul_names(text: str) -> list[re.Match[str]]:
    """Transliterated foreign names credited in Hangul ("고레에다 히로카즈 감독")."""
    return [
        h
        for h in _FOREIGN_HANGUL_NAME.finditer(text)
        if not re.search(r"[의은는이가을를과와도에서로]$", h.group(1))
        # (the second word no particle's either: "특집 게스트로 출연" is no name)
        and not re.search(r"(?:로|에|에서|를|을|도)$", h.group(2))
        # (nor a verb's form before the role: "막내로 활약 중인 배우 소주연")
        and not re.search(
            r"(?:중인|예정인|있는|하는|했던|였던|이던|맡은|맡았던|나선|나섰던)$", h.group(2)
        )
        # (nor the kind of actor: "아역 배우", "중견 배우")
        and h.group(2) not in _ACTOR_KINDS
        # (nor people counted or addressed: "분교 선생님들이 출연", "교수님이 출연")
        and not re.search(r"(?:들|님)$", h.group(2))
        and h.group(1) not in _NOT_A_FOREIGN_FIRST
    ]


def korean_hangul_name(text: str, foreign: list[re.Match[str]]) -> re.Match[str] | None:
    """The first Korean name credited in Hangul ("봉준호 감독"), outside the ``foreign`` names
    found in the same text ("존 하퍼 감독": the second word of a foreign name is no Korean
    name)."""
    foreign_spans = [h.span() for h in foreign]
    return next(
        (
            h
            for h in _KOREAN_HANGUL_NAME.finditer(text)
            if h.group(1) not in _NOT_A_HANGUL_NAME
            and not any(s <= h.start() < e for s, e in foreign_spans)
        ),
        None,
    )


def korean_hangul_name_after_role(text: str, foreign: list[re.Match[str]]) -> re.Match[str] | None:
    """The first Korean name a Korean text credits after its role ("배우 박해준이"), else as
    the actor of a part ("이나영이 연기하는 대표", "막내 역의 조아람은"), outside the ``foreign``
    names; whether the text is about another country's work is the caller's to tell (a Chinese
    star's name read in Korean has the same shape: "배우 양조위와")."""
    foreign_spans = [h.span() for h in foreign]
    for pattern in (_KOREAN_HANGUL_NAME_AFTER, _KOREAN_HANGUL_NAME_PLAYS):
        for h in pattern.finditer(text):
            group = 1 if h.group(1) else 2
            name = h.group(group)
            if (
                name[:2] not in NEWS_NOUN_STARTS
                and name[:2] not in _AFTER_A_ROLE
                and name not in _NOT_A_HANGUL_NAME
                and name not in _NOT_A_PLAYER
                and not any(s <= h.start(group) < e for s, e in foreign_spans)
            ):
                return h
    return None
