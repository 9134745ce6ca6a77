"""The kind of an entry: a review, a release (a dated arrival, a "new this week" roundup), news
about film, or other (lists, promotions, music, anything not about film).

Owns the headline patterns of each kind and the order in which the evidence is weighed: the
outlet's bracket tag, "review" in the headline, the absence of any film word, listicles and
promotions, the outlet's review section, several critic's ratings, release and news
headlines, a stated rating, a critic's verdict, a title page, a release announced in the
lead, and last the weighed signals (``signals``: a byline, an essay headline, an opinion
section, the feed's hint). Must not find the film or the rating itself: it is told them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.text import normalize_title
from tracker.types import FeedKind, FeedSpec, Kind
from tracker.understand.document import Document
from tracker.understand.filing import (
    BRACKET,
    NEWS_LINK,
    OTHER_TAG,
    REVIEW_TAG,
    news_meta,
    other_meta,
    review_meta,
)
from tracker.understand.film import Film
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.signals import (
    CRITIC_BODY,
    DEFAULT,
    NEWS_VERB,
    NOT_BARE,
    VERDICT,
    weigh_signals,
)
from tracker.understand.titles import TITLE_YEAR, clean_film
from tracker.understand.vocabulary import (
    FESTIVAL_CUE,
    FILM_WORDS,
    MONTH_ANY,
    PLATFORM_NAMES,
    STREAMER,
)


@dataclass(frozen=True)
class KindResult:
    """The kind and the rule that decided it."""

    kind: Kind
    reason: str
    #: the feed's learned prior decided it (``signals``)
    by_history: bool = False
    #: nothing decided it: reporting about film, by default
    by_default: bool = False


_LISTICLE = Pattern(
    r"^(?:the\s+)?(?:\d+|ten|five|seven|twenty|fifteen|twelve)\s+(?:best|greatest|essential|"
    r"most|top|underrated|scariest|must|great|new|korean|k-drama|movies|films|dramas)\b|"
    r"\bbest (?:korean |k-|asian |new )?(?:movies|films|dramas|shows|series|k-dramas)\b|"
    r"^(?:the\s+)?best\s+(?:[\w-]+\s+){0,3}?(?:movies|films|dramas|shows|series|k-dramas|"
    r"thrillers|documentaries|anime|romances|comedies)\b|"
    r"\b(?:movies|films|dramas|shows|k-dramas) (?:to watch|like|you should)\b|\branked\b|"
    # "3 K-dramas on Netflix you should watch", "K-Drama Premieres to Look Out For", "Oscar
    # Predictions", Japanese "おすすめ10選", "韓国ドラマ5選"
    r"^\d+\s+(?:korean\s+|k-)?(?:movies|films|dramas|shows|series|k-dramas)\s+"
    r"(?:on|to|you|that|like|for|we|worth|streaming|coming)\b|"
    r"\b(?:premieres|dramas|k-dramas|films|movies|shows|series|releases)\s+to "
    r"(?:look out for|watch out for|keep an eye on)\b|"
    r"^(?:[\w-]+\s+){0,2}(?-i:Predictions)\b|^(?:\d{4}\s+)?(?:Oscars?|Emmys?) predictions\b|"
    r"^quiz\s*:|(?<![\d０-９])\d{1,2}選|"
    r"\bevery .* ranked\b|\bwatchlist\b|\bfor sleepless nights\b|\bguide to\b|"
    r"추천작|볼\s?만한|(?:영화|드라마|작품|시리즈|신작)\s?\d{1,2}\s?편|"
    # "Top 10 Films of 2025", "Our Critics' Top 10 ..." (not a chart: "tops Netflix's top 10
    # movies"); Japanese "ホラー映画10本" ending the headline, "【2025年ベスト】", "ベスト10"
    r"(?:^|['’]s?\s+|\bour\s+|\bthe\s+)top\s+(?:\d+|ten|five|twenty)\s+(?:korean\s+|k-|"
    r"asian\s+)?(?:movies|films|dramas|shows|series|k-dramas)\s+of\s+(?:the\s+year|\d{4}|"
    r"all\s+time)\b|(?:映画|ドラマ|作品)\s?\d{1,2}\s?本\s*(?:$|[!！】]|を|まとめ)|"
    r"ベスト\s?\d{1,2}(?!\d)|\d{4}年ベスト|"
    # a Chinese year's top ten ("2025年度十佳韩剧"; not a work placed on one: "《破墓》跻身年度
    # 十佳电影"); a K-pop act's profile page ("AHOF Members Profile (Updated!)")
    r"^[^《]*?(?<!入选)(?<!入選)(?<!入围)(?<!入圍)十佳(?:韩剧|韓劇|电影|電影|影片|剧集|劇集)"
    r"(?![^，,。\s]{0,12}(?:公布|揭晓|揭曉|缺席|导演|導演|入选|入選|提名))|"
    r"\bmembers\s+profile(?=\s*(?:\(|&|$))|\bprofile\s*(?:&|and)\s*facts\b",
    re.IGNORECASE,
)
#: a K-pop act's concert, tour or album (the venue's "Theatre" is no film word; a drama or a
#: concert film is)
_K_POP_EVENT = Pattern(
    r"\bK-pop\b.{0,60}\b(?:concert|tour|album|comeback|showcase|fan ?meeting)s?\b", re.IGNORECASE
)
#: a screen work or its people in a headline (a K-pop act's "concert film", an idol's drama)
_SCREEN_WORK = Pattern(
    r"\b(?:film|movie|drama|K-drama|series|sitcom|actor|actress|acting)s?\b", re.IGNORECASE
)
_PROMO = Pattern(
    r"\[Photos?\]|^\s*Photos?\s*:|"
    r"\bstills?\b|\bgallery\b|\bfirst[- ]look (?:images|photos|stills)\b|"
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
_REVIEW_TITLE = Pattern(
    r"(?<![\w-])review(?![\w-])(?!s? (?:are in|embargo))|\[리뷰\]|리뷰|별점|"
    # Chinese: a drama's or a film's review, and "after watching" ("《X》劇評：", "影評")
    r"(?:劇評|剧评|影評|影评)(?![人家])|(?:觀後感|观后感)(?!徵文|征文)|"
    r"\bStream It or Skip It\b|\bverdict\b:|\bfilm critique\b|\bwe review\b|"
    r"\bfirst impressions?\b|\bfinal thoughts\b|"
    r"\brecensione\b|\bkritik\b|レビュー|映画評",
    re.IGNORECASE,
)
_RELEASE_ROUNDUP = Pattern(
    rf"\bwhat'?s (?:new|coming) (?:on|to) \w+|^new (?:on|to) {STREAMER}(?!\w)|"
    rf"^coming (?:to|soon to) {STREAMER}(?!\w)|\bnew (?:movies|shows|releases|titles|k-dramas|"
    rf"korean dramas) (?:on|coming|this|arriving)\b|\bthis week on {STREAMER}(?!\w)|"
    r"이번 주 (?:공개|개봉)|^new in (?:theaters|theatres|cinemas)\b|"
    r"^in (?:theaters|theatres|cinemas) this week\b|이번 주 (?:OTT )?신작|"
    r"(?:이번 주|주간) (?:OTT|개봉작)|이번 주 극장가|"
    r"\bnew (?:k-dramas|korean dramas|dramas|movies|films|shows|series) premiering\b|"
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
    r"(?:오전|오후|밤|저녁|낮|새벽)\s?\d{1,2}시(?:\s?\d{1,2}분)?|"
    # the service itself ("다음 달 1일 넷플릭스 공개")
    r"(?:넷플릭스|디즈니\+?|디즈니플러스|티빙|쿠팡플레이|웨이브|왓챠|애플TV\+?|프라임 ?비디오)"
    r"(?:에서|서|로|를 통해)?)"
    r"\s?){0,4}"
)
_RELEASE_STRONG = Pattern(
    r"\brelease date\b|\bpremiere date\b|\brelease time\b|\bair date\b|"
    rf"\bcoming to (?:{STREAMER}|theaters|cinemas)(?!\w)|"
    r"\bnow (?:streaming|available|on \w+)\b|\beverything (?:we know|to know)\b|"
    r"\bwhat (?:we know|to know)\b|\bhow to (?:watch|stream)\b|\bwhere to (?:watch|stream)\b|"
    rf"\b(?:on|onto|to|in)\s+{PLATFORM_NAMES}\s+(?:on\s+|from\s+)?(?:\w+day,?\s+)?"
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
    r"(?:this|next)\s+(?:week(?:end)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|"
    r"(?:\d{1,2}월\s*\d{1,2}일|(?:다음\s?달|내달|오는|이달)\s?\d{1,2}일)\s*"
    rf"{_KO_HOW}(?:공개|개봉|첫\s?방송|방송|출시|첫선)(?![된한]\s)|"
    # (a weekday or today's day before a plain 방송 is this week's episode, not a release)
    r"(?:(?:다음\s?주|이번\s?주|오는)\s?[월화수목금토일]요일|(?:오늘|내일)\s?\(\d{1,2}일\))\s*"
    rf"{_KO_HOW}(?:공개|개봉|첫\s?방송|출시|첫선)|"
    r"(?:개봉|공개|방송)\s*(?:일\s*)?확정|"
    # a dated debut: "Premieres at Busan Before Its Nov. 8 Debut" is dated by the platform
    rf"\b(?:{MONTH_ANY}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_ANY})(?:,?\s+(?:19|20)\d\d)?\s+"
    rf"(?:{PLATFORM_NAMES}\s+|theatrical\s+|global\s+|U\.?S\.?\s+)?"
    r"(?:debut|release|premiere|launch|bow)\b|"
    rf"(?<![\d월])\d{{1,2}}일\s*{_KO_HOW}(?:공개|개봉|첫\s?(?:방송|공개))(?![된한]\s)|"
    # Japanese: "5月16日配信開始", "16日(金)よりNetflixで独占配信", "公開決定", "配信日決定",
    # "来週金曜から独占配信", "16日(金)より大阪ステーションシティシネマほかで公開"
    r"(?:\d{1,2}日|\d{1,2}[./]\d{1,2}(?=\s*[(（][月火水木金土日][)）]))\s*"
    r"(?:[(（][月火水木金土日][)）]\s*)?(?:(?:午前|午後)?\d{1,2}時\s*)?"
    # (what comes between is a place, not an event that starts that day: "16日から開催の
    # 東京国際映画祭で上映" is a festival's)
    r"(?:(?:より|から)\s*(?:(?:(?!開催|映画祭|始ま|イベント|撮影)[^。！？!?\n]){1,50}?で\s*)?|"
    r"(?:[A-Za-z0-9+\-ァ-ヺー・ ]{2,20}?で\s*)?)"
    r"(?:見放題|先行|順次|独占|全?世界|日本|国内|同時|全国)*"
    r"(?:配信|公開|放送|上映)(?!され|済|会|イベント|中)|"
    # a weekday of this or next week, before a release (an episode airs on one too: "第5話、
    # 来週金曜放送" is no release)
    r"(?:今週|来週)の?[月火水木金土日]曜日?\s*(?:より|から)?\s*"
    r"(?:[A-Za-z0-9+\-ァ-ヺー・ ]{2,20}?で\s*)?"
    r"(?:見放題|先行|順次|独占|全?世界|日本|国内|同時|全国)*(?:配信|公開)(?!され|済|会|イベント|中)|"
    # Chinese: "3/13起在台上映", "12月24日起獨家上線", "本週四起Viu上架", "1月22日（四）香港上映",
    # "本週五（6日）Netflix上線", "下周四上映"
    r"(?<!原定)(?<!原本)(?<!网传)(?<!網傳)(?<!原计划)(?<!原計劃)(?<!原先)"
    r"(?:\d{1,2}月\d{1,2}日|\d{1,2}/\d{1,2}|(?:本|這|这|下)(?:週|周|星期)[一二三四五六日天])\s*"
    r"(?:[(（](?:[一二三四五六日天]|(?:\d{1,2}月)?\d{1,2}日)[)）]\s*)?起?\s*"
    r"(?:在台|全台|全臺|香港|在港|全港|獨家|独家|全球|全国|全國)?\s*"
    r"(?:[A-Za-z][A-Za-z0-9+ ]{1,11}\s*)?"
    r"(?:上映|上線|上线|上架|播出|首播|開播|开播)"
    r"(?!了|後|后|以來|以来|至今|首週|首周|首日|最後|最后|大結局|大结局|收視|收视|票房)"
    # (a date put in question, denied or withdrawn: "上映？片方：消息不实", "上映，因故撤档")
    r"(?![^。\n]{0,12}(?:？|\?|撤档|撤檔|改档|改檔|延期|辟谣|闢謠|不实|不實))|"
    # (not once it has begun: "配信開始された", "配信開始から1年")
    r"(?:配信|公開|放送)(?:日)?(?:決定|開始|スタート)(?!された|済|から|後|以来)",
    re.IGNORECASE,
)
#: a Chinese headline's date that was only planned, is withdrawn, denied or asked about
#: ("原定10月3日上映，因故撤档", "网传…片方辟谣", "10月3日全国上映？"): no release
_CALLED_OFF = Pattern(
    r"撤档|撤檔|改档|改檔|辟谣|闢謠|不实|不實|原定|原计划|原計劃|网传|網傳|"
    r"(?:上映|上線|上线|首播|播出)[？?]"
)
#: a release headline's "first showing" (첫 공개), which a trailer or a poster has too
_FIRST_SHOWN = Pattern(r"첫\s?공개$")
_FESTIVAL_NEWS = Pattern(
    r"\b(?:festival|Cannes|Venice|Berlinale|Sundance|TIFF|BIFF|Busan|Toronto|Locarno|Rotterdam|"
    r"Oscars?|Academy Awards?)\b(?!['’]s\s[^,]{1,60},)|"
    # (the same words but in an appositive that describes a work: "Hope, Cannes's most
    # ferocious creature feature, opens ..."; "Busan's opening film premieres ..." stays news)
    r"(?<!,\s)\b(?:festival|Cannes|Venice|Berlinale|Sundance|TIFF|BIFF|Busan|Toronto|Locarno|"
    r"Rotterdam|Oscars?|Academy Awards?)\b|영화제",
    re.IGNORECASE,
)
_RELEASE_WEAK = Pattern(
    # a work that comes to a country's theaters on its day ("opens in Malaysian cinemas this
    # Thursday", "hits Indonesian screens next Wednesday"; not a star who "heads to theaters
    # on tour", nor one there "for stage greetings"): weak, so a review filed as one stays one
    r"\b(?:comes?\s+to|opens?\s+in|hits?|arrives?\s+in|lands?\s+in|heads?\s+to)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:theaters|theatres|cinemas|screens)(?:\s+nationwide)?\s+"
    r"(?:(?:this|next)\s+(?:week(?:end)?|month|\w+day)\b|(?:(?:on|from|starting)\s+)?(?:"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    rf"{MONTH_ANY}\.?\s+\d)|(?:on|from|starting)\s+(?:\d|the\s+\d|Christmas|New Year))"
    r"(?![^,;:]*\b(?:for\s+(?:stage\s+greetings|greetings|a\s+Q&A|Q&A|fans)|"
    r"to\s+(?:greet|thank|meet))\b)|"
    rf"\b(?:to|will)\s+(?:open|premiere|debut|release|arrive|stream|drop|land|return|air|bow|"
    rf"be\s+released|be\s+available|be\s+streaming|hit\s+(?:theaters|cinemas|screens))"
    rf"\b.{{0,40}}(?:\b{MONTH_ANY}\.?\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY})|"
    rf"\bto hit (?:[\w'-]+\s+){{0,2}}?(?:theaters|theatres|cinemas|screens)\b|"
    r"\bhits? (?:theaters|theatres|cinemas)\b|"
    # a holiday release ("opens Christmas Day, with a January expansion to follow")
    r"\b(?:opens?|premieres?|arrives?|hits?|lands?|debuts?)\s+(?:on\s+)?(?:Christmas(?: Day| Eve)?|"
    r"New Year['’]s (?:Day|Eve)|Boxing Day|Thanksgiving|Valentine['’]s Day)\b"
    r"(?!(?:\s+(?:Day|Eve))?\s+(?:ratings|high|record|low|peak)\b)|"
    # (with a day: "in local cinemas from January to June" is a market's half-year)
    rf"\bin (?:\S+\s+){{0,2}}?(?:theaters|theatres|cinemas) (?:on\s+|from\s+)?"
    rf"(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY})|"
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
    rf"hits?)\s+(?:nationwide\s+|in (?:theaters|theatres|cinemas)\s+)?(?:on\s+)?(?:\w+day,?\s+)?"
    rf"(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})|"
    # "streaming from Saturday, October 11 on Netflix" (a day: "from January 2025" is a period)
    rf"(?<!continues )(?<!been )(?<!keep )(?<!kept )(?<!are )(?<!were )"
    rf"\bstreaming\s+from\s+(?:\w+day,?\s+)?(?:{MONTH_ANY}\.?\s+\d{{1,2}}\b|"
    rf"\d{{1,2}}\s+{MONTH_ANY})(?!\s*(?:to|through|until|-|–)\s*(?:\w+\.?\s+)?\d)|"
    r"\bgets?\b.{0,40}\b(?:release|premiere)(?: date)?\b|\b(?:release|premiere) date set\b|"
    r"\bdated for\b|\d{1,2}월\s*(?:중|말|초)?\s*(?:국내\s?|전국\s?|극장\s?)?(?:개봉|공개)"
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
_RELEASE_DAY = Pattern(
    # (premiere, arrive, debut and land only: ratings and shares "drop this week", a box-office
    # hit "hits next week", a cinema "opens this week")
    rf"\b(?:premier(?:es?|ing)|arriv(?:es?|ing)|debut(?:s|ing)?|land(?:s|ing)?)\s+"
    rf"(?:(?:on|to)\s+{PLATFORM_NAMES}\s+|in\s+(?:\w+\s+){{0,2}}(?:cinemas|theaters|theatres)\s+)?"
    r"(?:(?:this|next)\s+(?:\w+day|week)\b|(?:on|from)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b)|"
    # a service and the day, whatever the verb ("comes to Disney+ next Wednesday", "races onto
    # Apple TV on the 12th", "Streaming on Netflix Starting Friday"); not "this week", which
    # charts say ("the most-watched on Netflix this week")
    # (a weekday after a word that dates it: "No. 1 on Netflix Monday" is a chart's day)
    rf"\b(?:on|onto|to)\s+{PLATFORM_NAMES}\s+(?:(?:(?:on|from|starting)\s+)?the\s+"
    r"\d{1,2}(?:st|nd|rd|th)\b|(?:starting|this|next|from|on)\s+(?:Mon|Tues|Wednes|Thurs|Fri|"
    r"Satur|Sun)day\b|next\s+(?:week|month)\b)|"
    rf"\bpremiering\s+(?:on\s+)?(?:\w+day,?\s+)?(?:{MONTH_ANY}\.?\s+\d|\d{{1,2}}\s+{MONTH_ANY})",
    re.IGNORECASE,
)
_NEWS_TITLE = Pattern(
    r"box office|admission|\btops?\b|\bchart|top 10|\brecord|\bwins?\b|\baward|\bnominat|"
    r"festival|\binvest|interview|\bsays\b|\bexplains?\b|\btalks?\b|press conference|\bslate\b|"
    r"\bcasts?\b|\bjoins?\b|\breunite|\bdies\b|\bdead at\b|\bmilestone|\bsurpass|\bcrosses\b|"
    r"\bbreaks?\b|\bexpensive|\bbudget|관객|돌파|수상|박스오피스|영화제|1위|흥행",
    re.IGNORECASE,
)
_NEW_ON_BODY = Pattern(
    r"\bNew (?:season |episodes? )?on (?:Netflix|Disney\+|Prime Video|Hulu|Max)\b[^:\n]{0,20}:\s*"
    r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\bType:\s*(?:Movie|TV Series)\b",
)


#: what a CJK headline that is a sentence, not a bare title, holds
_CJK_SENTENCE = frozenset("、。！？　…")
_SENTENCE_VERB = Pattern(r"\b(?:is|are|was|were|has|have|will|to|says|gets|makes)\b", re.IGNORECASE)
_TITLE_DASH = Pattern(r"^(?P<film>[^-]{1,80}?)\s+-\s+(?P<desc>.+)$")
_TIME_OF_YEAR = Pattern(r"\bseason\b(?!\s+(?:\d|of\b))", re.IGNORECASE)


def is_bare_title(title: str) -> bool:
    """A headline that is only a name ("Past Lives", "Mickey 17", "The Brutalist"); not a
    Japanese or Chinese sentence, which has no spaces to count words by."""
    if not title.isascii() and any(ch in _CJK_SENTENCE for ch in title):
        return False
    if not title.isascii() and any(q in title.strip("\"'") for q in "\"'"):
        # 'SBS"ランニングマン"15周年' (its brackets read as quotes): a headline that quotes its
        # title is about it, not it
        return False
    words = title.split()
    if not 1 <= len(words) <= 5 or NOT_BARE.search(title):
        return False
    if _SENTENCE_VERB.search(title):
        return False
    return title[0].isupper() or title[0].isdigit()


_LEAD_RELEASE = Pattern(
    rf"\b(?:premier(?:es?|ing)|arriv(?:es?|ing)|debut(?:s|ing)?|land(?:s|ing)?|drop(?:s|ping)?|"
    rf"stream(?:s|ing)?|launch(?:es|ing)?|hits?|opens?|releases?|(?:is |are )?coming)\b"
    rf"(?:\s+(?:on|to|in|onto)\s+(?:{PLATFORM_NAMES}|theaters|theatres|cinemas|\w+))?"
    # the day before or after its month ("on Monday 19 January", "Friday, Jan. 9")
    rf"(?:\s+nationwide)?\s+(?:on\s+)?(?:\w+day,?\s+)?(?:{MONTH_ANY}\.?\s+\d{{1,2}}\b|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY}\b)"
    rf"(?:,?\s+(?:19|20)\d\d)?(?:,?\s+(?:only\s+)?(?:on|in)\s+(?:{PLATFORM_NAMES}|theaters|"
    rf"theatres|cinemas))?|\bcoming to {PLATFORM_NAMES}\b",
    re.IGNORECASE,
)


def _title_dash_verdict(title: str, film: Film) -> str | None:
    """The FT's review style, "<Title> - <a verdict describing the work>", with no word
    "review": the part before the dash is the film found, the part after judges it."""
    m = _TITLE_DASH.match(title)
    if not m or film.title is None or film.roundup:
        return None
    if normalize_title(clean_film(m.group("film"))[0]) not in {
        normalize_title(film.title),
        *(normalize_title(n) for n in (film.work.names if film.work else ())),
    }:
        return None
    verdict = VERDICT.search(m.group("desc"))
    return verdict.group(0) if verdict else None


#: music, literature and food vocabulary: K-pop releases ("comeback", "mini album", "title
#: track") share words with film releases ("release", "debut"), so these decide
_NOT_FILM_WORDS = Pattern(
    r"\bK-pop\b|\bidol\b|\balbum\b|\bsingle\b|\bconcert\b|\bMusic\b|\bmilitary service\b|"
    r"\bcomeback\b|\bmini[- ]album\b|\btitle track\b|\btracklist\b|"
    r"(?-i:\bEP\b|\bMV\b|\bsongs?\b)|"
    r"\bnovel(?:ist)?\b|\bliterature\b|\bfood\b|\bcuisine\b|"
    # (가요, "popular song", is Korean outlets' section for music, read among the categories)
    r"소설가|문학|시집|음반|앨범|컴백|음원|콘서트|뮤직비디오|(?<!\S)가요(?!\S)",
    re.IGNORECASE,
)


def not_film_item(doc: Document) -> bool:
    """A headline (with its categories) about music, literature or food, with no film or
    drama word: K-pop is Korean entertainment but not a film item."""
    head = f"{doc.title} {' '.join(doc.categories)}"
    # "Kimjang season" is a time of year: only "season 2" or "this season of" is a drama's
    head = _TIME_OF_YEAR.sub(" ", head)
    return not FILM_WORDS.search(head) and bool(_NOT_FILM_WORDS.search(head))


_REPORTING = Pattern(
    r"\bsaid\b|\bsays\b|\btold\b|press conference|\binterview|according to|\bannounced\b",
    re.IGNORECASE,
)
_RELEASED_WHERE = Pattern(
    rf"{PLATFORM_NAMES}|\btheat(?:er|re)s\b|\bcinemas\b|nationwide|day-and-date", re.I
)
#: a film opening at one cinema ("opens Friday, Jan. 9, at AFS Cinema"): a person arriving at
#: one ("arrives in Seoul ... at a Lotte Cinema theater") is a visit
_OPENS_AT = Pattern(
    r"\bopen(?:s|ing)?\b.{0,40}\bat\s+(?:the\s+)?[A-Z][\w.&' ]{0,40}(?:Cinema|Theat(?:er|re))\b"
)
_KO_OPENED_TODAY = Pattern(
    r"오늘\s?\(\d{1,2}일\)[^.。\n]{0,30}?(?:개봉|공개)(?:했|됐|한다|된다|돼|해)"
)


def _lead_release(doc: Document) -> str | None:
    """A release announced in the first sentences of the text, with a platform or cinemas and
    a date, and no festival in the same sentence (a festival date is not a release)."""
    lead = doc.body[:400]
    folded = doc.folded_body[:400]
    if _REPORTING.search(lead, folded):
        return None  # reporting that mentions a date in passing stays news
    for m in _LEAD_RELEASE.finditer(lead, folded):
        # the sentence around the match ("Dec. 19" must not end it)
        start = max(lead.rfind(". ", 0, m.start()), lead.rfind("\n", 0, m.start()), 0)
        ends = [i for i in (lead.find(". ", m.end()), lead.find("\n", m.end())) if i >= 0]
        sentence = lead[start : min(ends) if ends else len(lead)]
        if FESTIVAL_CUE.search(sentence):
            continue
        if _RELEASED_WHERE.search(sentence) or _OPENS_AT.search(sentence):
            return m.group(0)
    # "오늘(5일) 국내 극장에서 개봉했습니다" under a headline about the opening: opened today
    if doc.hangul_title and ("개봉" in doc.title or "공개" in doc.title):
        today = _KO_OPENED_TODAY.search(lead)
        if today:
            return today.group(0)
    return None


_LETTERBOXD_LIST = Pattern(r"letterboxd-list-|letterboxd\.com/[^/\s]+/list/")
_WATCHED_ON = Pattern(r"Watched on \w+ \w+ \d{1,2},? \d{4}\.?")
_DATE_LINK = Pattern(r"[/-]release-date\b|[/-]premiere-date\b")


def _say(kind: Kind, why: str) -> KindResult:
    return KindResult(kind, f"kind={kind.value}: {why}")


def decide_kind(
    doc: Document,
    film: Film,
    rating: float | None,
    feed: FeedSpec | None,
    ratings_seen: int = 0,
    learned: FeedKind | None = None,
) -> KindResult:
    """The kind, by the first rule of the module's order that fits (``learned``: the feed's
    history as a prior, weighed last)."""
    title = doc.headline
    found: dict[Pattern, re.Match[str] | None] = {}

    def headline(pattern: Pattern) -> re.Match[str] | None:
        """The pattern's first match in the headline (several rules ask the same)."""
        if pattern not in found:
            found[pattern] = pattern.search(title, doc.folded_headline)
        return found[pattern]

    guid_link = f"{doc.guid} {doc.link}"
    if "letterboxd" in guid_link and _LETTERBOXD_LIST.search(guid_link):
        return _say(Kind.OTHER, "a Letterboxd list")
    if film.source.startswith(("letterboxd:filmTitle", "title pattern 'Film, Year'")):
        words = _WATCHED_ON.sub("", doc.body).strip()
        if rating is not None:
            return _say(Kind.REVIEW, "a Letterboxd diary entry with a rating")
        if len(words) >= 40:
            return _say(Kind.REVIEW, "a Letterboxd diary entry with review text")
        return _say(Kind.OTHER, "a Letterboxd diary log without rating or text")

    bm = BRACKET.match(doc.title)
    if bm:
        tag = bm.group("tag")
        if REVIEW_TAG.search(tag):
            return _say(Kind.REVIEW, f"tag [{tag}]")
        if OTHER_TAG.search(tag):
            return _say(Kind.OTHER, f"tag [{tag}]")
    m = headline(_REVIEW_TITLE)
    if m:
        return _say(Kind.REVIEW, f"headline pattern {m.group(0)!r}")
    review_feed = feed is not None and feed.kind == FeedKind.REVIEW and is_bare_title(title)
    known = film.work is not None  # a curated work is film or drama context in itself
    if (
        not known
        and not review_feed
        and not FILM_WORDS.search(doc.all_text, doc.folded_all, doc.words_all)
    ):
        return _say(Kind.OTHER, "no film or drama words anywhere (not about film)")
    if not_film_item(doc):
        return _say(Kind.OTHER, "music, literature or food, not film")
    m = headline(_K_POP_EVENT)
    if m and not _SCREEN_WORK.search(title, doc.folded_headline):
        return _say(Kind.OTHER, f"a K-pop act's event {m.group(0)!r}")
    m = headline(_LISTICLE)
    if m and not headline(_RELEASE_ROUNDUP):
        return _say(Kind.OTHER, f"listicle headline {m.group(0)!r}")
    filed_other = other_meta(doc)
    if (
        filed_other
        and news_meta(doc) in (None, NEWS_LINK)  # (a site's /news/ is every story's path)
        and not headline(_NEWS_TITLE)
        and not headline(_RELEASE_STRONG)
        and not headline(_RELEASE_ROUNDUP)
    ):
        return _say(Kind.OTHER, f"filed as neither news nor a review: {filed_other}")
    m = headline(_PROMO)
    strong = headline(_RELEASE_STRONG)
    # "메인 예고편, 26일 첫 공개": a trailer's first showing, not the work's
    first_shown = strong is not None and _FIRST_SHOWN.search(strong.group(0)) is not None
    if m and (strong is None or first_shown) and not headline(_RELEASE_WEAK):
        return _say(Kind.OTHER, f"promotion headline {m.group(0)!r}")
    meta = review_meta(doc)
    if meta and not headline(_RELEASE_STRONG) and not headline(_RELEASE_ROUNDUP):
        return _say(Kind.REVIEW, meta)
    if ratings_seen >= 2 and not headline(_RELEASE_ROUNDUP):
        return _say(Kind.REVIEW, f"{ratings_seen} critic's ratings (a review roundup)")
    m = headline(_RELEASE_ROUNDUP)
    if m:
        return _say(Kind.RELEASE, f"release roundup headline {m.group(0)!r}")
    m = headline(_RELEASE_STRONG)
    if m and not headline(_CALLED_OFF):
        return _say(Kind.RELEASE, f"release headline {m.group(0)!r}")
    m = headline(_FESTIVAL_NEWS)
    if (
        m
        and rating is not None
        and film.title
        and not film.roundup
        and not headline(_NEWS_TITLE)
        and not NEWS_VERB.search(title, doc.folded_headline)
    ):
        # "TIFF 2025: 'Project Y' Is a Neon-Lit Heist" over "Rating: 6.5/10": a festival review
        return _say(Kind.REVIEW, f"a critic's rating under a festival headline {m.group(0)!r}")
    if m:
        return _say(Kind.NEWS, f"festival or awards headline {m.group(0)!r}")
    m = headline(_RELEASE_WEAK) or headline(_RELEASE_DAY)
    if m and not headline(_CALLED_OFF):
        return _say(Kind.RELEASE, f"release headline {m.group(0)!r}")
    m = headline(_NEWS_TITLE)
    if m:
        return _say(Kind.NEWS, f"news headline {m.group(0)!r}")
    if rating is not None:
        return _say(Kind.REVIEW, "states a critic's rating")
    verdict = _title_dash_verdict(title, film)
    if verdict:
        return _say(Kind.REVIEW, f"'Title - verdict' headline ({verdict!r})")
    m = _NEW_ON_BODY.search(doc.body)
    if m:
        return _say(Kind.RELEASE, f"title page {m.group(0)!r}")
    if _DATE_LINK.search(doc.link):
        return _say(Kind.RELEASE, "a release-date link path")
    lead = _lead_release(doc)
    if lead:
        return _say(Kind.RELEASE, f"the lead announces a release ({lead!r})")
    if feed is not None and feed.kind == FeedKind.REVIEW and film.title:
        return _say(Kind.REVIEW, "the feed carries reviews")
    if (
        is_bare_title(title)
        and not TITLE_YEAR.match(title)
        and (
            CRITIC_BODY.search(doc.body, doc.folded_body)
            or FILM_WORDS.search(doc.body, doc.folded_body)
        )
    ):
        return _say(Kind.REVIEW, "headline is the film's name and the text judges it")
    kind, why, by_history = weigh_signals(doc, film, feed, learned)
    return KindResult(kind, f"kind={kind.value}: {why}", by_history, why.startswith(DEFAULT))
