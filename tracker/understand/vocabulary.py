"""The shared vocabulary of film coverage: word lists and regular-expression fragments that
more than one extractor of the classifier reads (months, number words, the streaming services'
names, film and drama words, festival words, the verbs that end a title in a headline).

Data only: it must not look at an entry or decide anything. A word list used by one extractor
lives with that extractor, not here.
"""

from __future__ import annotations

import re

from tracker.understand.scan.prefilter import Pattern

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "final": 0,
}

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
#: a month name or abbreviation, as group ``mon`` (``MONTHS[mon[:3].lower()]`` is its number)
MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
#: the same without the group, for patterns that use it more than once
MONTH_ANY = MONTH.replace("(?P<mon>", "(?:")
#: an ordinal suffix ("3rd")
ORD = r"(?:st|nd|rd|th)?"
#: an English weekday's name, as a pattern ignoring case reads it
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

PLATFORM_NAMES = (
    # (Apple TV+ is called Apple TV since October 2025)
    r"(?:Netflix|Disney\+|Disney Plus|Prime Video|Amazon Prime|Apple TV\+|Apple TV Plus|"
    r"Apple TV|Hulu|Max|HBO Max|TVING|Tving|Coupang Play|Wavve|Watcha|Mubi|MUBI|Shudder|Peacock|"
    r"Paramount\+|Paramount Plus|Viki|Viu)"
)
#: the services a "new on X" roundup headline names, in any spelling ("Disney Plus", "Disney+")
STREAMER = (
    r"(?:netflix|hulu|max|hbo max|disney\+|disney plus|prime video|amazon prime video|"
    r"apple tv\+|apple tv plus|peacock|paramount\+|paramount plus|tving|wavve|coupang play|"
    r"watcha|mubi|shudder|viki|viu)"
)

FILM_WORDS = Pattern(
    r"\b(?:film|films|movie|movies|cinema|cinemas|drama|dramas|K-drama|K-dramas|series|sitcom|"
    r"episode|episodes|season|actor|actress|actors|director|directors|filmmaker|box office|"
    r"admissions|premiere|premieres|screen|screening|screenplay|theater|theaters|theatre|"
    r"Netflix|Disney\+|Prime Video|Apple TV\+|streaming|streamer|Oscar|Oscars|Academy Awards|"
    r"Golden Globes?|festival|trailer|teaser|documentary|docuseries|animation|animated|"
    r"thriller|horror|comedy|biopic|rom-com|cast|starring|stars|Letterboxd|performance|epic|"
    r"plays|played|role|roles|scene|scenes|script|sequel|prequel|remake|franchise|blockbuster|"
    r"feature|genre|review|reviews|critic|critics|satire|release|released|delayed|"
    r"tickets|moviegoers|K-drama|webtoon|tvN|JTBC|KBS|KBS2|MBC|SBS|ENA|filming|"
    # television that is no drama: its variety shows (not "a variety of")
    r"variety\s+(?:shows?|TV|programmes?|programs?))\b|"
    r"영화|드라마|시리즈|배우|감독|개봉|관객|극장|넷플릭스|상영|예능|방송|작품|시즌|\bOTT\b|신작|"
    r"사극|자막|(?:[4-9]|[1-9]\d)부작|"
    # the Korea-only streamers carry drama and film, so naming one is film context
    r"\bTVING\b|\bTving\b|티빙|\bCoupang Play\b|쿠팡\s?플레이|\bWavve\b|오리지널|"
    # Japanese outlets' words for the same
    r"映画|ドラマ|配信|劇場|俳優|女優|監督|主演|出演|シーズン|予告編|(?:バラエティ|リアリティ)ー?番組|"
    # and Chinese ones' (traditional and simplified)
    r"電影|电影|影集|韓劇|韩剧|劇集|剧集|上映|院線|院线|導演|导演|演員|演员|劇評|剧评|影評|影评|"
    r"劇本|剧本|追劇|追剧|新劇|新剧|綜藝節目|综艺节目|"
    # a drama or a film by its genre ("古装剧", "谍战片"; a variety show alone is no drama)
    r"電視劇|电视剧|網劇|网剧|古裝劇|古装剧|短劇|短剧|偶像劇|偶像剧|陸劇|陆剧|台劇|台剧|日劇|日剧|"
    r"泰劇|泰剧|美劇|美剧|諜戰片|谍战片|動作片|动作片|恐怖片|驚悚片|惊悚片|愛情片|爱情片|喜劇片|"
    r"喜剧片|動畫片|动画片|紀錄片|纪录片|影片|新片|"
    # a service named inside Chinese or Japanese text, where no word boundary sets it apart
    # ("本周五Netflix上线", "登Netflix全球非英语节目榜")
    r"(?<![A-Za-z])(?:Netflix|Disney\+|Prime Video|Apple TV\+?|Viu|Viki|iQIYI|HBO Max)"
    r"(?![A-Za-z])|愛奇藝|爱奇艺|騰訊視頻|腾讯视频|優酷|优酷",
    re.IGNORECASE,
)

FESTIVAL_CUE = Pattern(
    r"festival|영화제|\bCannes\b|\bVenice\b|\bBerlinale\b|\bSundance\b|\bTIFF\b|\bBIFF\b|"
    r"in competition|개막",
    re.IGNORECASE,
)

#: verbs that end a title in a Title Case headline ("Cobweb Knocks on the Walls", "Hopeless Is
#: a Bleak Debut"): the title is what comes before the first of them
HEADLINE_VERB = Pattern(
    r"\s+(?:Is|Are|Was|Were|Has|Have|Had|Gets|Makes|Takes|Finds|Turns|Offers|Delivers|Brings|"
    r"Sends|Puts|Pours|Knocks|Proves|Feels|Goes|Comes|Keeps|Lets|Tries|Works|Falls|Fails|Does|"
    r"Opens|Joins|Wins|Returns|Tops|Slips|Leads|Hits|Marks|Becomes|Remains|Stays|Lands|Arrives|"
    r"Explores|Follows|Tells|Asks|Shows|Gives|Plays|Sees|Leaves|Digs|Grows|Reaches|Serves|"
    r"Struggles|Strips|Drifts|Builds|Breaks|Blends|Crafts|Captures|Chases|Charts|Mines|Misses|"
    r"Reinvents|Revisits|Rewrites|Skewers|Spins|Traps|Trades|Treats|Wastes|Wrestles|Swaps|"
    r"Can|Can't|Will|Won't|Should|Might|Could|Would|Must|Isn't|Doesn't|Aren't|"
    r"is|are|was|has|gets|makes|takes|turns|wins|joins|opens|tops|leads|to|will|brings|"
    r"hits|returns|becomes|lands|arrives|sets|confirms|starts|begins|ends|kicks)\b"
)

#: the holidays a release is dated by ("lands on Christmas Eve", "this Christmas")
HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    # (Korean and Japanese keys without spaces or middle dots: "크리스마스이브", "クリスマス・イブ")
    "크리스마스이브": (12, 24),
    "크리스마스": (12, 25),
    "クリスマスイブ": (12, 24),
    "クリスマス": (12, 25),
}
