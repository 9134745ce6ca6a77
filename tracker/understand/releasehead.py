"""The headline shapes that announce a release: a dated arrival in any of the languages the
feeds are written in ("lands on Netflix Friday", "오는 10일 티빙서 첫 공개", "3月6日（金）より全国
公開", "定档下周五（11月21日）全国上映"), a roundup of the week's releases, a weak arrival (a
country's theaters and a day), a work opening on a day, and what makes a date no release (a
Chinese date called off, a what-we-know headline about news).

Owns the patterns and the one check of a headline's subject; ``kind`` decides in which order
they weigh against the other kinds. Must not read a date: ``dates`` and ``reldates`` do.
"""

from __future__ import annotations

import re

from tracker.understand.film import Film
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.vocabulary import MONTH_ANY, ORD, PLATFORM_NAMES, STREAMER, WEEKDAY

RELEASE_ROUNDUP = Pattern(
    rf"\bwhat'?s (?:new|coming) (?:on|to) \w+|^new (?:on|to) {STREAMER}(?!\w)|"
    rf"^coming (?:to|soon to) {STREAMER}(?!\w)|\bnew (?:movies|shows|releases|titles|k-dramas|"
    rf"korean dramas) (?:on|coming|this|arriving)\b|\bthis week on {STREAMER}(?!\w)|"
    r"이번 주 (?:공개|개봉)|^new in (?:theaters|theatres|cinemas)\b|"
    r"^in (?:theaters|theatres|cinemas) this week\b|이번 주 (?:OTT )?신작|"
    r"(?:이번 주|주간) (?:OTT|개봉작)|이번 주 극장가|"
    r"\b(?:new|upcoming|every) (?:k-dramas?|korean dramas?|dramas?|movies|films|shows|series) "
    r"premiering\b|\bwhat'?s new (?:at|in) (?:[\w'-]+\s+){0,2}?(?:cinemas|theaters|theatres)\b|"
    # "新作韓国ドラマ配信・放送スケジュールまとめ": the month's new series, listed
    r"新作.{0,12}(?:配信|放送|公開).{0,8}(?:スケジュール|一覧|ラインナップ)",
    re.IGNORECASE,
)
#: words between a Korean date and its release verb: where, how much, on which terms ("오는
#: 18일 전편 공개", "25일 8편 전편 공개", "국내 단독 개봉")
_KO_HOW = (
    r"(?:(?:국내|전국|극장|전\s?세계|전편|전\s?회차|단독|동시|독점|정식|일제히|\d{1,2}(?:편|부작)|"
    r"최초|먼저|나란히|같은 날|(?:한국|국내|극장)에서|"
    # the hour ("오늘(6일) 밤 10시 40분 첫 방송")
    # ("오는 10일 금요일 밤 첫 방송")
    r"(?:오전|오후|밤|저녁|낮|새벽)(?:\s?\d{1,2}시(?:\s?\d{1,2}분)?)?|"
    # the service itself ("다음 달 1일 넷플릭스 공개")
    r"(?:넷플릭스|디즈니\+?|디즈니플러스|티빙|쿠팡플레이|웨이브|왓챠|애플TV\+?|프라임 ?비디오|"
    # (or the channel: "다음 주 토요일 EBS 1TV 첫 방송")
    r"(?:KBS|MBC|SBS|EBS)\s?[12]?(?:TV)?|tvN|JTBC|ENA)"
    r"(?:에서|서|로|를 통해)?)"
    r"\s?){0,4}"
)
#: the weekday a Korean date may carry in brackets ("19일(금) 첫 방송")
_KO_WEEKDAY = r"(?:(?:[(（][월화수목금토일][)）]|\s?[월화수목금토일]요일)\s*)?"
#: what may stand between a Japanese date and its release verb besides the place: exclusive,
#: first in Japan, for a limited run ("日本初放送", "期間限定上映"; not a world premiere's
#: "世界初上映" nor an exhibition's "期間限定公開")
_JA_HOW = (
    r"(?:見放題|先行|順次|独占|全?世界|日本初?|国内|同時|全国|期間限定(?=上映)|劇場|"
    # (at last: "11月21日（金）ついに公開")
    r"ついに|いよいよ|遂に|\s)*"
)
RELEASE_STRONG = Pattern(
    r"\brelease date\b|\bpremiere date\b|\brelease time\b|\bair date\b|"
    rf"\bcoming to (?:{STREAMER}|theaters|cinemas)(?!\w)|"
    r"\bnow (?:streaming|available|on \w+)\b|\beverything (?:we know|to know)\b|"
    r"\bwhat (?:we know|to know)\b|\bhow to (?:watch|stream)\b|\bwhere to (?:watch|stream)\b|"
    rf"\b(?:on|onto|to|in)\s+{PLATFORM_NAMES}\s+(?:on\s+|from\s+)?(?:\w+day,?\s+)?"
    rf"(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})|"
    # a work that arrives on a service "starting" its day ("streams on Viki starting Nov. 19";
    # not ads, a price or a removal "on Netflix starting Nov. 1")
    r"\b(?:streams?|streaming|available|arrives?|lands?|premieres?|debuts?)\s+"
    rf"(?:exclusively\s+)?(?:on|in)\s+{PLATFORM_NAMES}\s+(?:starting|beginning)\s+"
    r"(?:on\s+|from\s+)?(?:\w+day,?\s+)?"
    rf"(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})|"
    rf"\b(?:is|are)\s+coming\s+(?:on\s+)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})|"
    r"\bwhen (?:does|will|is)\b.{0,60}\b(?:come out|release|premiere|coming|arrive|return|"
    r"stream|air)|\bout (?:now|today)\b|\bstreaming (?:now|today)\b|"
    # "Kim Da-mi's Disaster Movie Arrives Tomorrow", "the rugby drama premieres tonight"
    rf"\b(?:arrives|lands|premieres|debuts|streams)\s+(?:on\s+{PLATFORM_NAMES}\s+)?"
    r"(?:tomorrow|tonight|today)\b|"
    # Japanese: "日本配信日は2026年2月6日（金）", "公開日は12月5日"
    r"(?:配信|公開|放送)(?:開始)?日は\s*(?:\d{4}年\s*)?\d{1,2}月\s*\d{1,2}日|"
    r"\b(?:out|theaters|theatres|cinemas)\s+(?:on\s+)?\d{1,2}/\d{1,2}\b(?!/)|"
    # (a work arrives; not "drops": a trailer or a stock drops this week too)
    rf"\b(?:arrives|lands|premieres|debuts)\s+(?:on\s+{PLATFORM_NAMES}\s+)?"
    rf"(?:this|next)\s+(?:week(?:end)?|{WEEKDAY})\b|"
    r"(?:\d{1,2}월\s*\d{1,2}일|(?:다음\s?달|내달|오는|이달)\s?\d{1,2}일)\s*"
    # (a weekday in brackets before a plain 방송 is an episode's: "10월 10일(금) 방송")
    rf"(?:{_KO_HOW}(?:공개|개봉|첫\s?방송|방송|출시|첫선)|{_KO_WEEKDAY}{_KO_HOW}"
    r"(?:공개|개봉|첫\s?방송|출시|첫선))(?![된한]\s)|"
    # (a weekday or today's day before a plain 방송 is this week's episode, not a release)
    r"(?:(?:다음\s?주|이번\s?주|오는)\s?[월화수목금토일]요일|(?:오늘|내일)\s?\(\d{1,2}일\))\s*"
    rf"{_KO_HOW}(?:공개|개봉|첫\s?방송|출시|첫선)|"
    # (a first showing today or tomorrow, with no day: "내일 첫 방송", "오늘 첫 공개")
    rf"(?:오늘|내일)\s*{_KO_HOW}(?:첫\s?방송|첫\s?공개)(?![된한]\s)|"
    r"(?:개봉|공개|방송)\s*(?:일\s*)?확정|"
    # a dated debut: "Premieres at Busan Before Its Nov. 8 Debut" is dated by the platform
    rf"\b(?:{MONTH_ANY}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_ANY})(?:,?\s+(?:19|20)\d\d)?\s+"
    rf"(?:{PLATFORM_NAMES}\s+|theatrical\s+|global\s+|U\.?S\.?\s+)?"
    r"(?:debut|release|premiere|launch|bow)\b|"
    rf"(?<![\d월])\d{{1,2}}일\s*{_KO_WEEKDAY}{_KO_HOW}(?:공개|개봉|첫\s?(?:방송|공개))(?![된한]\s)|"
    # Japanese: "5月16日配信開始", "16日(金)よりNetflixで独占配信", "公開決定", "配信日決定",
    # "来週金曜から独占配信", "16日(金)より大阪ステーションシティシネマほかで公開"
    r"(?:\d{1,2}日|\d{1,2}[./]\d{1,2}(?=\s*[(（][月火水木金土日][)）]))\s*"
    r"(?:[(（][月火水木金土日][)）]\s*)?(?:(?:午前|午後)?\d{1,2}時\s*)?"
    # (what comes between is a place, not an event that starts that day: "16日から開催の
    # 東京国際映画祭で上映" is a festival's)
    # ("来月17日から福岡でも公開": a city that has it too)
    r"(?:(?:より|から)\s*(?:(?:(?!開催|映画祭|始ま|イベント|撮影|展|原画|衣装|美術館|博物館|"
    r"舞台挨拶|応援)[^。！？!?\n]){1,50}?でも?\s*)?|"
    r"(?:[A-Za-z0-9+\-ァ-ヺー・ ]{2,20}?で\s*)?)"
    rf"{_JA_HOW}(?:配信|公開|放送|上映)(?!され|済|会|イベント|中|終了|停止)|"
    # a channel's or a service's start on its day ("BS11で7月7日（火）スタート"; not a shoot's or
    # an exhibition's start: "撮影が11月1日からスタート")
    r"(?:[A-Za-z0-9+]{2,10}|[ァ-ヺー]{2,10})で\s*\d{1,2}月\s*\d{1,2}日\s*(?:[(（][月火水木金土日][)）]\s*)?"
    r"(?:から|より)?\s*スタート|"
    # tomorrow's or today's first showing ("明日WOWOWで初放送")
    # (a first broadcast only: "第8話、本日放送" is an episode)
    r"(?:明日|本日|今夜)\s*(?:[A-Za-z0-9+\-ァ-ヺー・ ]{2,20}?で\s*)?(?:初放送|初?配信|初?公開)"
    r"(?!され|済|中|終了|停止)|"
    # a weekday of this or next week, before a release (an episode airs on one too: "第5話、
    # 来週金曜放送" is no release)
    r"(?:今週|来週)の?[月火水木金土日]曜日?\s*(?:より|から|に)?\s*"
    r"(?:[A-Za-z0-9+\-ァ-ヺー・ ]{2,20}?で\s*)?"
    rf"{_JA_HOW}(?:配信|公開)(?!され|済|会|イベント|中|終了|停止)|"
    # Chinese: "3/13起在台上映", "12月24日起獨家上線", "本週四起Viu上架", "1月22日（四）香港上映",
    # "本週五（6日）Netflix上線", "下周四上映"
    r"(?<!原定)(?<!原本)(?<!网传)(?<!網傳)(?<!原计划)(?<!原計劃)(?<!原先)"
    r"(?<!已於)(?<!已于)(?<!已經)(?<!已经)"
    r"(?:\d{1,2}月\d{1,2}日|\d{1,2}/\d{1,2}|(?:本|這|这|下)(?:週|周|星期)[一二三四五六日天]|"
    r"(?:下月|下個月|下个月|本月|這個月|这个月)\d{1,2}(?:日|號|号)|明日|明天)\s*"
    r"(?:[(（](?:(?:星期|週|周|禮拜|礼拜)?[一二三四五六日天]|(?:\d{1,2}月)?\d{1,2}日)[)）]\s*)?起?\s*"
    # where, how and on which service, in any order ("Netflix全球上架", "起Netflix同步上線")
    # ("12月24日（三）起於Disney+上架": from that day, on the service)
    r"(?:(?:在台|全台|全臺|香港|在港|全港|獨家|独家|全球|全国|全國|同步|搶先|抢先)\s*|"
    # a Chinese service ("12月4日起爱奇艺播出")
    r"(?:愛奇藝|爱奇艺|騰訊視頻|腾讯视频|優酷|优酷|芒果TV)\s*|"
    # (a place of the outlet's own, and its cinemas: "下周四在本地上映", "在本地戏院上映")
    r"在?(?:本地|新加坡|新馬|新马|馬來西亞|马来西亚|大馬|大马|全馬|全马|台灣|台湾|澳門|澳门|香港|"
    r"內地|内地|北美)(?:各大)?(?:藝術|艺术)?(?:戲院|戏院|影院|電影院|电影院|院線|院线)?\s*|"
    r"(?:於|于)\s*(?=Netflix|Disney|Viu|TVING|Prime|Apple|HBO|Max|Catchplay|KKTV|"
    r"愛奇藝|爱奇艺|全台|全臺|戲院|影院|院線|院线)|"
    r"[A-Za-z][A-Za-z0-9+ ]{1,11}\s*){0,3}"
    r"(?:上映|上線|上线|上架|播出|首播|開播|开播|"
    # (landing on a service or the big screen: a typhoon lands too)
    r"(?:登陆|登陸)(?=\s*(?:Netflix|Disney|Viu|TVING|Prime|Apple|HBO|Max|愛奇藝|爱奇艺|"
    # (the cinemas of a place: "登陆大马戏院")
    r"(?:大马|大馬|全马|全馬|新马|新馬|本地|全台|全臺|香港|台灣|台湾|新加坡|马来西亚|馬來西亞)?"
    r"(?:大银幕|大銀幕|院线|院線|戏院|戲院|影院|各大)|本地)))"
    r"(?!\s*(?:了|後|后|以來|以来|至今|首週|首周|首日|最後|最后|大結局|大结局|收視|收视|票房|"
    r"創|创|奪冠|夺冠|第\s*\d+\s*[集話话]))"
    # (a date put in question, denied or withdrawn: "上映？片方：消息不实", "上映，因故撤档")
    r"(?![^。\n]{0,12}(?:？|\?|撤档|撤檔|改档|改檔|延期|辟谣|闢謠|不实|不實))|"
    # (not once it has begun: "配信開始された", "配信開始から1年")
    r"(?:配信|公開|放送)(?:日)?(?:決定|開始|スタート)(?!された|済|から|後|以来)",
    re.IGNORECASE,
)
#: more release headlines, apart from ``RELEASE_STRONG`` (whose gate of needles would grow past
#: what pays): "... heading to Australian cinemas — here's when", "定档12月19日", "4K Blu-ray and
#: digital dates announced"
RELEASE_SET = Pattern(
    # "... is heading to Australian cinemas — here's when" (not "here's when it happened")
    r"\b(?:heading|headed|coming)\s+to\b[^.?!]{0,50}\bhere['’]s when"
    r"(?:\s*$|\s+(?:it|they|you can)\b)|"
    # Chinese: a date set ("定档12月19日"; not a fan meeting's, a ceremony's, a past one:
    # ``CALLED_OFF``)
    r"(?:定档|定檔)\s*(?:\d{1,2}月\d{1,2}日|\d{1,2}[./]\d{1,2})"
    r"(?![^。\n]{0,8}(?:上映后|上映後|票房|已上映))|"
    # a home release's dates ("4K Blu-ray and digital dates announced"; not a game's:
    # ``CALLED_OFF``)
    # a label that dates a work on disc or a service ("Criterion Dates Guillermo del Toro's
    # Frankenstein for Tuesday, February 24")
    rf"(?-i:\bDates?)\s+.{{1,60}}?\bfor\s+(?:{WEEKDAY},?\s+)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})|"
    # a service's own work that drops on its day ("Netflix's 'Cashero' Drops Tomorrow"; a
    # trailer that drops is promotion, read before)
    rf"{PLATFORM_NAMES}['’]s\s+['\"‘“][^'\"’”]{{1,40}}['\"’”]\s+drops\s+(?:tomorrow|today|tonight|"
    rf"(?:this|next)\s+(?:week(?:end)?|{WEEKDAY}))\b|"
    r"\b(?:digital|Blu-ray|DVD|4K|home (?:video|release))"
    r"(?:\s*(?:,|and|&|/)\s*(?:digital|Blu-ray|DVD|4K))*\s+(?:release\s+)?dates?\s+"
    r"(?:announced|revealed|confirmed|set)\b",
    re.IGNORECASE,
)
#: a poster's, a teaser's or stills' headline that dates the work itself ("Reveals Moonlit
#: Poster Ahead of Premiere This Friday"): a release, which the poster announces
PROMO_DATED = Pattern(
    r"\bahead of (?:its |the |their )?(?:series |season |season \d{1,2} |film )?"
    r"(?:premiere|release|debut|opening|broadcast)\s+(?:on\s+)?(?:(?:this|next)\s+"
    rf"(?:week(?:end)?\b|{WEEKDAY}\b)|{WEEKDAY}\b|{MONTH_ANY}\.?\s+\d)"
    # (not a festival's premiere, nor the finale's broadcast)
    r"(?!\s+(?:at|in)\s)",
    re.IGNORECASE,
)
#: and its lead that dates the work's first showing: "will premiere on Saturday, Sept. 13",
#: "다음 달 3일(토) 첫 방송을 앞두고 메인 포스터를 공개했다" (not the trailer's own day)
PROMO_DATED_LEAD = Pattern(
    r"\bwill\s+(?:premiere|debut|air|open|be\s+released)\s+(?:on\s+(?:[A-Z][\w+]*\s+)?)?"
    r"(?:this\s+|next\s+)?"
    rf"(?:{WEEKDAY},?\s+)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})|"
    # and in the present: "which premieres on the streamer Friday, December 19", "before it
    # debuts on Netflix Dec. 12" (not "hits Netflix on December 19": the labelled sets file
    # that under a trailer's headline both ways)
    r"\b(?:premieres|debuts|arrives|lands|streams)\s+(?:on\s+(?:the\s+streamer|"
    rf"{PLATFORM_NAMES})\s+|{PLATFORM_NAMES}\s+)(?:on\s+)?"
    rf"(?:{WEEKDAY},?\s+)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})|"
    r"(?:\d{1,2}월\s*\d{1,2}일|(?:다음\s?달|내달|오는|이달)\s?\d{1,2}일)\s*"
    rf"{_KO_WEEKDAY}(?:첫\s?방송|첫\s?공개|개봉)[을를]?\s?앞두고",
    re.IGNORECASE,
)
#: a Korean work that meets its audience on its day, the date right after its quoted title
#: ("'윗집 사람들', 12월 3일 관객 만난다", "'X', 크리스마스이브 관객 만난다")
_MEETS_AUDIENCE = Pattern(
    r"['\"’”》],?\s*(?P<day>\d{1,2}월\s*\d{1,2}일|(?:다음\s?달|내달|오는|이달)\s?\d{1,2}일|"
    r"크리스마스(?:\s?이브)?|성탄절|새해\s?첫날)\s*"
    rf"{_KO_WEEKDAY}(?:관객|시청자|안방극장)들?(?:과|와|을|를|에)?\s?"
    r"(?:만난다|만날|찾아온다|찾아간다|찾는다|곁으로)"
)
#: what meets an audience that is no work's release: an event, a stage work, a festival
_AUDIENCE_EVENT = Pattern(
    r"무대인사|GV|관객과의 대화|시사회|팬미팅|팬콘|토크|사인회|콘서트|공연|뮤지컬|발레|연극|오페라|"
    r"특별전|회고전|전시|영화제|시상식|연기대상|영화상|상영회|쇼케이스|제작보고회|시네마톡|재개봉|"
    r"프리미어|종영"
)
#: a work streaming on its day after a comma ("... spy series Tempest, streaming this week")
_STREAMING_AFTER = Pattern(
    r"[,—–]\s*streaming\s+(?:on\s+\S+\s+)?(?:(?:this|next)\s+(?:week(?:end)?|month)\b|"
    rf"(?:from\s+|this\s+|next\s+)?{WEEKDAY}\b)",
    re.IGNORECASE,
)
#: the kind of work and its name ending what comes before the comma ("spy series Tempest")
_KIND_AND_NAME = Pattern(
    r"\b(?:series|drama|K-drama|film|movie|thriller|comedy|romance|show|documentary|docuseries)"
    r"\s+(?-i:[A-Z0-9][\w'’:&!?.-]*)(?:\s+(?-i:[A-Z0-9][\w'’:&!?.-]*|of|the|and|to|a|in)){0,6}$",
    re.IGNORECASE,
)
#: what streams that is no work: a ceremony, an interview, a list, a podcast
_NOT_A_STREAMED_WORK = Pattern(
    r"\b(?:awards?|ceremony|fan ?meeting|Q&A|interview|podcast|concert|live|watch|radar|list|"
    r"every|best|picks?)\b",
    re.IGNORECASE,
)


def arrives_with_its_day(title: str, lead: str, film: Film) -> re.Match[str] | None:
    """A Korean work's headline that it meets its audience on its day, or a work "streaming"
    on its day after its name; never an event's, a stage work's or a festival's (in the
    headline or the lead), and only after the work's own name."""
    m = _MEETS_AUDIENCE.search(title)
    if m is not None and not _AUDIENCE_EVENT.search(title) and not _AUDIENCE_EVENT.search(lead):
        return m
    m = _STREAMING_AFTER.search(title)
    if m is None or _NOT_A_STREAMED_WORK.search(title):
        return None
    before = title[: m.start()].rstrip(" '\"’”")
    named = film.title is not None and before.endswith(film.title)
    return m if named or _KIND_AND_NAME.search(before) else None


#: "what we know" is a release guide's only beside what a release guide is about
WHAT_WE_KNOW = Pattern(r"(?:what|everything) (?:we know|to know)", re.IGNORECASE)
RELEASE_TOPIC = Pattern(
    r"\b(?:seasons?|sequel|release|premieres?|returns?|coming|date|episodes?|part \d|"
    r"trailer|plot|watch|before you|thriller|drama|series|film|movie|K-drama)\b|"
    rf"{PLATFORM_NAMES}|시즌",
    re.IGNORECASE,
)
#: a Chinese headline's date that was only planned, is withdrawn, denied or asked about
#: ("原定10月3日上映，因故撤档", "网传…片方辟谣", "10月3日全国上映？"): no release
CALLED_OFF = Pattern(
    r"撤档|撤檔|改档|改檔|辟谣|闢謠|不实|不實|原定|原计划|原計劃|网传|網傳|"
    # (an event's date set, or a past one: "粉丝见面会定档11月8日", "曾定档2月22日")
    r"(?:见面会|見面會|粉丝|粉絲|演唱会|演唱會|闭幕|閉幕|开幕|開幕|颁奖|頒獎|典礼|典禮|聚会|聚會|签售|"
    r"簽售|发布会|發布會|首映礼|首映禮|首映式|路演|点映|點映|特别场|特別場|曾|去年|已)[^。，,]{0,12}?"
    r"(?:定档|定檔)|"
    # (a game's dates: "Stellar Blade PS5 physical and digital release dates announced")
    r"\bPS[45]\b|\bXbox\b|\bNintendo Switch\b|\bvideo ?games?\b|"
    # (a game, a song or goods: "手遊10月9日全球同步上線", "新歌…Spotify全球同步上線")
    r"手遊|手游|遊戲|游戏|周邊|周边|新歌|單曲|单曲|專輯|专辑|"
    # (an exhibition's day: "衣装展、…でも公開")
    r"衣装展|原画展|パネル展|写真展|特別展|企画展|展示|美術館|博物館|"
    # (a Korean work's finale, special, soundtrack or press event on its day: "최종회, 10일
    # 금요일 밤 공개", "제작발표회, 10일 밤 공개"; not "1~4회 동시 공개", its first episodes)
    r"최종회|스페셜|(?<![A-Za-z])OST(?![A-Za-z])|제작발표회|쇼케이스|대본\s?리딩|"
    r"하이라이트|메이킹|"
    r"(?:上映|上線|上线|首播|播出)[？?]"
)
#: a release headline's "first showing" (첫 공개), which a trailer or a poster has too
FIRST_SHOWN = Pattern(r"첫\s?공개$")
#: a day ahead of the entry's own: a date (its weekday before it), tomorrow, or a weekday
_DAY_AHEAD = (
    rf"(?:(?:on|from|starting)\s+)?(?:(?:{WEEKDAY},?\s+\(?)?(?:{MONTH_ANY}\.?\s+\d|"
    rf"\d{{1,2}}{ORD}\s+{MONTH_ANY})|(?:this\s+|next\s+)?{WEEKDAY}\b|tomorrow\b|tonight\b)"
)
RELEASE_WEAK = Pattern(
    # a work that comes to a country's theaters on its day ("opens in Malaysian cinemas this
    # Thursday", "hits Indonesian screens next Wednesday"; not a star who "heads to theaters
    # on tour", nor one there "for stage greetings"): weak, so a review filed as one stays one
    r"\b(?:com(?:es?|ing)\s+to|open(?:s|ing)?\s+(?:in|at)|hit(?:s|ting)?|arriv(?:es?|ing)\s+(?:in|at)|"
    # (a verb of motion into them: "flies into South African cinemas this Friday"; not money
    # that "pours into" them or an audience that "flocks into" them)
    r"land(?:s|ing)?\s+in|head(?:s|ing)?\s+to|(?:flies|swoops|sweeps|marches|storms|charges|"
    r"races|sails|glides|roars|shambles|slithers|creeps|zooms|bursts|stomps|dances)\s+into)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:theaters|theatres|cinemas|screens)(?:\s+nationwide)?\s+"
    r"(?:(?:this|next)\s+(?:week(?:end)?|month|\w+day)\b|tomorrow\b|tonight\b|today\b|"
    r"(?:(?:on|from|starting)\s+)?(?:"
    rf"{WEEKDAY}\b|"
    rf"{MONTH_ANY}\.?\s+\d)|(?:on|from|starting)\s+(?:\d|the\s+\d|Christmas|New Year))"
    r"(?![^,;:]*\b(?:for\s+(?:stage\s+greetings|greetings|a\s+Q&A|Q&A|fans)|"
    r"to\s+(?:greet|thank|meet))\b)|"
    rf"\b(?:to|will)\s+(?:open|premiere|debut|release|arrive|stream|drop|land|return|air|bow|"
    rf"be\s+released|be\s+available|be\s+streaming|hit\s+(?:theaters|cinemas|screens))"
    rf"\b.{{0,40}}(?:\b{MONTH_ANY}\.?\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY})|"
    rf"\bto hit (?:[\w'-]+\s+){{0,2}}?(?:theaters|theatres|cinemas|screens)\b|"
    r"\bhits? (?:theaters|theatres|cinemas)\b|"
    # a limited opening, a nationwide one, a home release ("opens in limited release Friday",
    # "expands nationwide on ...", "comes to Blu-ray on ...")
    r"\bopens?\s+in\s+(?:limited\s+release|select\s+(?:theaters|theatres|cinemas))\b|"
    r"\bexpands?\s+nationwide\b|\b(?:comes?|arrives?|lands?|is\s+out)\s+(?:on|to)\s+"
    r"(?:Blu-ray|DVD|4K(?:\s+UHD)?|digital|VOD|home\s+video)\b|"
    # "The World of Love Heads To UK Cinemas" (not a star there for stage greetings)
    r"\b(?:heads?|comes?)\s+to\s+(?:[\w'-]+\s+){0,2}?(?:theaters|theatres|cinemas)\s*$|"
    # a work that hits a country's cinemas or screens ("finally hits Aussie cinemas", "hits
    # Canadian screens"; the country a capital: not "summer hits fill Korean cinemas"; not a
    # slump, a strike or a price that hits them, nor a record or a top spot there)
    r"(?<!slump )(?<!strike )(?<!piracy )(?<!crisis )(?<!hike )(?<!controversy )"
    r"(?<!downturn )(?<!price )(?<!prices )(?<!backlash )(?<!wave )(?<!boycott )(?<!outbreak )"
    r"\bhits? (?-i:[A-Z][\w'’-]*\s+){1,2}(?:theaters|theatres|cinemas|screens)\b"
    r"(?!['’]|\s+(?:with|over|hard|as|amid|after|for|again|showing)\b)|"
    # a holiday release ("opens Christmas Day, with a January expansion to follow")
    # ("lands in theaters Christmas Day", "returns to UK cinemas on Halloween")
    r"(?:\b(?:opens?|premieres?|arrives?|hits?|lands?|debuts?)\s+"
    r"(?:(?:in|to)\s+(?:[\w'-]+\s+){0,2}?(?:theaters|theatres|cinemas)\s+)?|"
    # (a show "returns on Christmas Day" from a break: only a work back in cinemas)
    r"\breturns?\s+to\s+(?:[\w'-]+\s+){0,2}?(?:theaters|theatres|cinemas)\s+)"
    r"(?:on\s+)?(?:Christmas(?: Day| Eve)?|"
    r"New Year['’]s (?:Day|Eve)|Boxing Day|Thanksgiving|Valentine['’]s Day|Halloween)\b"
    r"(?!(?:\s+(?:Day|Eve))?\s+(?:ratings|high|record|low|peak)\b)|"
    # (with a day: "in local cinemas from January to June" is a market's half-year)
    rf"\b(?:in|for) (?:\S+\s+){{0,2}}?(?:theaters|theatres|cinemas) (?:on\s+|from\s+)?"
    rf"(?:{WEEKDAY},?\s+)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY})|"
    # a cinema's run or a screening from its day ("one-week run from Friday, November 7", "to
    # screen 'Chainsaw Man' anime film from the 31st")
    rf"\b(?:run|engagement)\s+(?:from|starting|begins|opens)\s+(?:{WEEKDAY},?\s+)?"
    rf"(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY})|"
    r"\bto\s+screen\b.{0,50}\b(?:from|starting)\s+(?:the\s+\d{1,2}(?:st|nd|rd|th)\b|"
    rf"(?:{WEEKDAY},?\s+)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY}))|"
    # a work that lands or opens at a named cinema this week, or is to open at one ("'Hope'
    # Lands At Bíó Paradís This Week", "'Zootopia 2' To Open At Speciality Cinema")
    # (not a stadium, an airport or a hall a star plays or lands at: "Stray Kids plays at
    # Wembley Stadium on Saturday", "... arrives at Incheon Airport this week")
    r"\b(?:lands?|opens?|screens?)\s+at\s+(?:the\s+)?(?-i:[A-Z])[\w'’.-]*"
    rf"(?:\s+(?-i:[A-Z])[\w'’.-]*){{0,3}}?(?<!Stadium)(?<!Airport)(?<!Arena)(?<!Hall)(?<!Dome)"
    rf"(?<!Center)(?<!Centre)(?<!Park)(?<!Hotel)(?<!Tower)\s+(?:this|next)\s+(?:week(?:end)?|{WEEKDAY})\b|"
    # (a work that lands at one on a weekday: what "opens" at one is read with its guards, by
    # ``work_opens_on_a_day``: "Park Chan-wook retrospective opens at the BFI on Friday")
    r"\b(?:lands?|screens?)\s+at\s+(?:the\s+)?(?-i:[A-Z])[\w'’.-]*"
    rf"(?:\s+(?-i:[A-Z])[\w'’.-]*){{0,3}}?(?<!Stadium)(?<!Airport)(?<!Arena)(?<!Hall)(?<!Dome)"
    rf"(?<!Center)(?<!Centre)(?<!Park)(?<!Hotel)(?<!Tower)\s+on\s+{WEEKDAY}\b|"
    # a cinema's run that begins ("Kokuho begins its run at SIFF Film Center next Friday"), a
    # season that opens on its day ("Season 2 opens its doors this Friday")
    r"\bbegins?\s+(?:its|an?)\s+(?:\w+\s+)?run\b|"
    r"\bseason\s+\d{1,2}\s+(?:opens\s+its\s+doors|premieres|returns|arrives|begins|starts|kicks\s+off)"
    rf"\s+(?:(?:this|next)\s+(?:week|{WEEKDAY})|on\s+{WEEKDAY})\b|"
    r"\bto\s+open\s+at\s+(?:the\s+)?(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,3}\s*$|"
    # a date confirmed for a country's cinemas ("confirms date for Welsh cinemas")
    r"\b(?:confirms?|sets?|gets?|announces?)\s+(?:a\s+|its\s+)?(?:release\s+|opening\s+)?"
    r"date\s+for\s+(?:[\w'’-]+\s+){0,2}?(?:cinemas|theaters|theatres|screens)\b|"
    # a service the work is set or confirmed for, or moves onto ("set for Viki streaming",
    # "confirmed for Viu", "Finally Zooms Onto Apple TV", "Rides onto HBO Max in January")
    # (the service last, or before its streaming or a time: "set for Netflix thriller" is a
    # casting, "climbs onto Netflix's top 10" a chart)
    rf"\b(?:set|confirmed|slated|dated)\s+for\s+{PLATFORM_NAMES}"
    r"(?:\s+(?:streaming|release|premiere|debut)\b|\s+(?:in|on|this|next|from)\s|\s*$)|"
    rf"\b\w+s\s+onto\s+{PLATFORM_NAMES}(?:\s+(?:in|on|this|next|from)\s|\s*$)|"
    r"\bconfirms?\b.{0,60}\b(?:release|premiere|return|air|broadcast|debut)\b|"
    r"\bsets?\b.{0,60}\b(?:release|premiere|debut)(?: date)?\b|"
    # "gets September date", "gets a summer premiere date"
    rf"\bgets?\s+(?:an?\s+|its\s+)?(?:{MONTH_ANY}(?:\s+\d{{1,2}})?|summer|fall|autumn|spring|"
    r"winter|holiday|Christmas)\s+(?:release\s+|premiere\s+|debut\s+)?date\b|"
    r"\b(?:is|are)?\s*coming (?:to|in|on|this|next)\b|\bcoming soon\b|"
    r"\bpremieres? (?:on|in)\b.{0,30}\d|\breleas(?:es|ing) (?:on|in)\b.{0,30}\d|"
    r"\barrives? on\b|\blands? on (?:netflix|disney\+|prime)|"
    rf"\b(?:premieres?|opens?|arrives?|debuts?|lands?|drops?|streams?|returns?|releases?|"
    rf"hits?)\s+(?:nationwide\s+|in (?:theaters|theatres|cinemas)\s+)?(?:on\s+)?"
    rf"(?:\w+day,?\s+\(?)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}{ORD}\s+{MONTH_ANY})|"
    # a service the work hits, or a place it opens in, and its day ("hits Netflix on September
    # 26", "Hits Netflix Tomorrow", "opens in Toronto this Friday", "opens at the GFT on
    # Friday, 30 January"; a place is a name: "opens in theaters" is above)
    # (not what hits the service: "Lawsuit hits Netflix on Monday over ...")
    # ("hits digital Tuesday, Feb. 17": a home release)
    rf"\bhit(?:s|ting)?\s+(?:{PLATFORM_NAMES}|digital|VOD|on-demand|Blu-ray)\s+{_DAY_AHEAD}"
    r"(?!\s+(?:over|after|amid|as|ahead)\b)|"
    # "Starts Streaming Tomorrow", "begins airing on GMA March 16" (not "as crowds line up")
    r"\b(?:starts?|begins?)\s+(?:streaming|airing)\s+(?:on\s+(?:[\w+'-]+\s+){1,2}?)?"
    rf"{_DAY_AHEAD}|"
    # "is in cinemas from Thursday", "is out this Friday" (not "was")
    r"\b(?:is|are)\s+(?:out\s+)?in\s+(?:[\w'’-]+\s+){0,2}?(?:theaters|theatres|cinemas)\s+"
    rf"(?:from|on|this|next)\s+{WEEKDAY}\b|"
    # a service or a country's cinemas without a day ("will stream on Viki in the Americas",
    # "Is Out In Singapore Cinemas", "premieres on Disney+ later this month", "in UK cinemas
    # this month", "to shamble into UK cinemas this November")
    rf"\bwill\s+(?:stream|premiere|debut)\s+(?:exclusively\s+)?on\s+{PLATFORM_NAMES}|"
    r"\b(?:is|are)\s+(?:now\s+)?out\s+in\s+(?:[\w'-]+\s+){0,2}?(?:theaters|theatres|cinemas)\b|"
    rf"\b(?:premieres?|arrives?|lands?|debuts?|streams?)\s+on\s+{PLATFORM_NAMES}\s+"
    r"(?:later\s+)?this\s+month\b|"
    # ("into" after a verb of motion: money "pours into" cinemas too)
    r"(?:\bin|\b(?:fl(?:y|ies)|swoops?|sweeps?|march(?:es)?|storms?|charges?|races?|sails?|"
    r"glides?|roars?|shambles?|slithers?|creeps?|zooms?|bursts?|stomps?|dances?|heads?|"
    r"arrives?|comes?)\s+into)\s+(?:[\w'-]+\s+){0,2}?(?:theaters|theatres|cinemas)\s+(?:this|next)\s+"
    rf"(?:month|{MONTH_ANY})\b|"
    # a screen work that is out on a day ("Netflix's Korean high school romance is out this
    # Friday"; not a book, a single, a Blu-ray or a person "out Friday after injury")
    r"\b(?:film|movie|drama|k-drama|series|show|romance|thriller|comedy|horror|documentary|"
    r"sequel|season\s+\d+)\b(?:\s+[\w'’-]+){0,2}?\s+(?:is|are)\s+out\s+"
    rf"(?:(?:this|next|on)\s+)?{WEEKDAY}\b(?!\s+(?:after|for|from)\b)|"
    # "streaming from Saturday, October 11 on Netflix" (a day: "from January 2025" is a period)
    rf"(?<!continues )(?<!been )(?<!keep )(?<!kept )(?<!are )(?<!were )"
    rf"\bstreaming\s+from\s+(?:\w+day,?\s+)?(?:{MONTH_ANY}\.?\s+\d{{1,2}}\b|"
    rf"\d{{1,2}}\s+{MONTH_ANY}|(?:this|next)\s+{WEEKDAY}\b)(?!\s*(?:to|through|until|-|–)\s*(?:\w+\.?\s+)?\d)|"
    r"\bgets?\b.{0,40}\b(?:release|premiere)(?: date)?\b|\b(?:release|premiere) date set\b|"
    r"\bdated for\b|"
    # a service or a distributor dates a work ("Well Go USA dates Ryoo Seung-wan's thriller";
    # lower case, a verb: "tour dates announced" is a noun, and people date each other)
    rf"(?:{PLATFORM_NAMES}|\bWell Go(?: USA)?|\bA24|\bNeon|\bMubi|\bCJ ENM|\bKino Lorber|"
    r"\bMagnolia(?: Pictures)?|\bIFC(?: Films)?|\bShudder|\bCurzon|\bMadman|\bPicturehouse|"
    r"\bAltitude|\bVertigo|\bFocus Features|\bLionsgate|\bUniversal|\bWarner Bros\.?|"
    r"\bParamount|\bSony(?: Pictures)?(?: Classics)?)\s+(?-i:dates)\s+"
    r"(?!(?:announced|revealed|confirmed|set|for|and|of|are|is|to|in|on|with)\b)|"
    r"\d{1,2}월\s*(?:중|말|초)?\s*(?:국내\s?|전국\s?|극장\s?)?(?:개봉|공개)"
    # (the Korean month's past tense is no announcement: "9월 개봉했던", "12월 개봉한")
    r"(?![가-힣]*(?:했|됐|한 |된 ))"
    # the month alone: "to premiere in December on Netflix", "will arrive in early March"
    rf"|\b(?:to|will)\s+(?:premiere|debut|release|arrive|stream|drop|land|air|open|bow)\s+"
    rf"(?:on\s+{PLATFORM_NAMES}\s+)?in\s+(?:early\s+|late\s+|mid-?)?{MONTH_ANY}\b",
    re.IGNORECASE,
)
#: a release verb and a day the entry's own date resolves: "lands this Friday", "premieres on
#: Disney+ on the 10th", "Premiering July 25"; after the promotion rule (a trailer "premiering
#: March 21" is promotion)
RELEASE_DAY = Pattern(
    # (premiere, arrive, debut and land only: ratings and shares "drop this week", a box-office
    # hit "hits next week", a cinema "opens this week")
    rf"\b(?:premier(?:es?|ing)|arriv(?:es?|ing)|debut(?:s|ing)?|land(?:s|ing)?)\s+"
    rf"(?:(?:on|to)\s+{PLATFORM_NAMES}\s+|in\s+(?:\w+\s+){{0,2}}(?:cinemas|theaters|theatres)\s+|"
    # ("Lands On Your Screens This Saturday")
    r"on\s+(?:your|our)\s+(?:small\s+)?(?:screens?|TVs?|tellies)\s+)?"
    r"(?:(?:this|next)\s+(?:\w+day|week)\b|(?:on|from)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b|"
    # ("Premieres Monday Next Week on Viki")
    rf"(?:on\s+)?{WEEKDAY}\s+next\s+week\b)|"
    # a service and the day, whatever the verb ("comes to Disney+ next Wednesday", "races onto
    # Apple TV on the 12th", "Streaming on Netflix Starting Friday"); not "this week", which
    # charts say ("the most-watched on Netflix this week")
    # (a weekday after a word that dates it: "No. 1 on Netflix Monday" is a chart's day)
    rf"\b(?:on|onto|to)\s+{PLATFORM_NAMES}\s+(?:(?:(?:on|from|starting)\s+)?the\s+"
    r"\d{1,2}(?:st|nd|rd|th)\b|(?:starting|this|next|from|on)\s+(?:Mon|Tues|Wednes|Thurs|Fri|"
    r"Satur|Sun)day\b|next\s+(?:week|month)\b)|"
    rf"\bpremiering\s+(?:on\s+)?(?:\w+day,?\s+)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})|"
    # "drops on Netflix tomorrow", "streams on Prime Video from tomorrow" (a trailer that drops
    # on Netflix is promotion, decided before; a finale's or an episode's is no release)
    r"(?<!finale )(?<!episode )(?<!episodes )"
    rf"\b(?:drops?|streams?|arrives?|lands?|premieres?|debuts?)\s+on\s+{PLATFORM_NAMES}\s+"
    r"(?:from\s+)?(?:tomorrow|tonight|today)\b",
    re.IGNORECASE,
)
