"""The headline shapes of a list, a guide or an explainer: "The 10 best Korean films of 2025",
"Eight Korean dramas to binge", "10部值得一看的韩剧", "Where was X filmed?", "Is X based on a
true story?", "WIN: double passes to ...". Such an entry is neither a review, a release nor
news about one work: its kind is other.

Owns those patterns; ``kind`` decides where they weigh (after a review's tag, before news).
Must not decide a kind or read anything but a headline.
"""

from __future__ import annotations

import re

from tracker.understand.scan.prefilter import Pattern

#: a list's headline: the best, the top ten, what to watch, a quiz, "5選", "추천작"
LISTICLE = Pattern(
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
    # ("몰아 보기 좋은 예능 다섯 편": a count in words ending the headline; not "두 편 진출")
    # (after what makes it a pick: "볼 만한", "좋은"; not "초청작에 한국 영화 네 편")
    r"(?<=[은는한할될] )(?:영화|드라마|작품|시리즈|신작|예능)\s?"
    r"(?:두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?편\s*$|"
    # "Top 10 Films of 2025", "Our Critics' Top 10 ..." (not a chart: "tops Netflix's top 10
    # movies"); Japanese "ホラー映画10本" ending the headline, "【2025年ベスト】", "ベスト10"
    r"(?:^|['’]s?\s+|\bour\s+|\bthe\s+)top\s+(?:\d+|ten|five|twenty)\s+(?:korean\s+|k-|"
    r"asian\s+)?(?:movies|films|dramas|shows|series|k-dramas)\s+of\s+(?:the\s+year|\d{4}|"
    r"all\s+time)\b|(?:映画|ドラマ|作品)\s?\d{1,2}\s?本\s*(?:$|[!！】]|を|まとめ)|"
    # ("韓国映画の新しい顔ぶれ5本": the kind of work earlier, the count ending the headline)
    r"(?:映画|ドラマ)[^、。!！?？]{1,16}?\d{1,2}\s?(?:本|作|選)\s*$|"
    # other languages' "the N best" ("10 najlepszych koreańskich seriali", "5 melhores")
    r"^(?:top\s*)?\d{1,2}\s+(?:najlepszych|najlepsze|melhores|meilleur(?:e)?s|mejores|"
    r"migliori|besten|beste|bästa|parhaat|en\s+iyi)\b|"
    # (the plural only: "le prix du meilleur film" is an award)
    r"\b(?:najlepsze|najlepszych|melhores|mejores|migliori|meilleur(?:e)?s|besten|parhaat)\s+"
    r"(?:[\w-]+\s+)?(?:seriale|seriali|filmy|filmów|séries|films|filmes|películas|series|filme|"
    r"serien|elokuvat|sarjat)\b|"
    # "6 Korean films Malayalis are streaming right now"
    r"\b(?:\d{1,2}|six|five|seven|eight|ten)\s+(?:korean\s+)?(?:films|movies|dramas|k-dramas|shows|series)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:are|were)\s+(?:streaming|watching|bingeing|loving)\b|"
    r"ベスト\s?\d{1,2}(?!\d)|\d{4}年ベスト|"
    # a Chinese year's top ten ("2025年度十佳韩剧"; not a work placed on one: "《破墓》跻身年度
    # 十佳电影"); a K-pop act's profile page ("AHOF Members Profile (Updated!)")
    r"^[^《]*?(?<!入选)(?<!入選)(?<!入围)(?<!入圍)(?:十佳(?:韩剧|韓劇|电影|電影|影片|剧集|劇集)|"
    # (十大 only as a picked list: "十大韓劇" is as often a poll's or a chart's result)
    r"十大(?:精選|精选)(?![^\n]*(?:排行|公布|票選|票选|出爐|出炉|榜|入選|入选)))"
    r"(?![^，,。\s]{0,12}(?:公布|揭晓|揭曉|缺席|导演|導演|入选|入選|提名))|"
    r"\bmembers\s+profile(?=\s*(?:\(|&|$))|\bprofile\s*(?:&|and)\s*facts\b|"
    # "8 things to know about ...", "... here's where to start"
    r"\b\d{1,2}\s+things\s+(?:to know|you need to know)\s+about\b|"
    r"\bhere['’]s where to start\b|"
    # a critic's or a paper's picks, a primer, what to watch ("Honi's picks for Sydney Film
    # Festival 2026", "Korean Revenge Cinema 101", "Weekend Watch: ... and what to stream")
    r"(?:['’]s|\bour|\bcritics['’]?|\beditors['’]?|^staff)\s+(?:top\s+)?picks\b|"
    r"\bbest\s+(?:[\w-]+\s+){0,2}couples\b|"
    r"\b(?:cinema|film|movies|k-drama|drama|horror)\s+101\b|"
    r"^weekend\s+watch\b|\band\s+what\s+to\s+(?:stream|watch)\b|"
    # ("Five K-dramas Zimbabwean fans can't stop watching"; not "3 K-Dramas Top Netflix ...")
    r"\b(?:fans|viewers|readers|we)\s+can['’]?t\s+stop\s+(?:watching|bingeing)\b|"
    # Swedish, Norwegian and Danish: "Höstens tio bästa filmer", "de beste seriene"
    r"\b(?:bästa|beste|bedste)\s+(?:[\w-]+\s+)?(?:filmer|filmerna|filmene|filmane|serier|"
    r"serierna|seriene|serierne|k-dramer|dramaer)\b|"
    # a Korean headline ending with its count ("가을밤 정주행 드라마 5", "만나는 영화 5")
    r"(?<=[은는한할될볼 ])(?:영화|드라마|작품|시리즈|신작|예능)\s?\d{1,2}\s*$",
    re.IGNORECASE,
)
#: more lists, apart from ``LISTICLE`` (whose gate of needles would grow past what pays)
LISTICLE_MORE = Pattern(
    # "Eight Korean dramas to binge over the break", "5 Reasons Why X Is The K-Drama To Watch",
    # "London Korean Film Festival 2025: six to catch", "ten films not to miss", "The Korean
    # Genre Films We Can't Wait to See"
    r"^(?:\d{1,2}|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s+"
    r"(?:(?:[\w'-]+\s+){0,2}(?:movies|films|dramas|k-dramas|shows|series)\s+to\s+(?:binge|"
    # (reasons to watch a work: "5 reasons why the box office fell" is news explained)
    r"stream|watch|see|catch)|reasons\s+(?:why|to)\b.{0,80}(?<!refuse )(?<!refuses )"
    r"(?<!refusing )\bto\s+(?:watch|binge|stream))|"
    r"\b(?:three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:(?:films|movies|titles|"
    r"picks|dramas)\s+)?(?:to catch|not to miss|to see)\s*$|"
    r"\b(?:films|movies|dramas|k-dramas|shows|series)\s+we\s+can['’]?t\s+wait\s+to\s+"
    r"(?:see|watch)\b|"
    # a Chinese year's or a season's roundup ("2025年度韩国影视盘点：电影回暖")
    r"(?:年度|年终|年終|季度)(?![^，。\n]{0,8}(?:票房|财报|財報|業績|业绩|营收|營收))"
    r"[^，。\n]{0,8}(?:盘点|盤點)|"
    r"^(?:盘点|盤點)\s*\d{4}\s*年(?![^，。\n]{0,12}(?:票房|财报|財報|業績|业绩|营收|營收|投资|投資|"
    r"成绩|成績|出海))|"
    # "不容错过的十部韩国电影": films not to miss, counted
    r"(?:不容错过|不容錯過|不可错过|不可錯過)的?[一二三四五六七八九十\d]+部"
    r"(?![^，。\n]{0,12}(?:入围|入圍|获奖|獲獎|提名|票房))|"
    # Chinese and Korean lists: "10部必睇新劇", "2025年必看韓劇TOP10", "화제성 TOP 10"
    r"\d{1,2}\s?部\s?(?:必睇|必看|必追)|(?:必睇|必看|必追)(?:韓劇|韩剧|新劇|新剧|電影|电影)"
    r"\s?(?:TOP\s?\d{1,2}|清單|清单)|"
    # "10部值得一看的韩剧", "5套高分韓劇推介", "2026必看韓劇總整理" (not a count of awards or
    # nominations: "3部韓劇入圍")
    # (a pick's word by the count: not "等3部電影今日同步上映", three films' news)
    r"(?:值得|必看|必追|必睇|推介|推薦|推荐|高分|好看|精選|精选)[^，,。\n]{0,10}?\d{1,2}\s?(?:部|套)|"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s?(?:部|套)[^，,。\n]{0,8}?(?:值得|必看|必追|必睇|高分|好看|推介|"
    r"推薦|推荐)|"
    r"(?:韓劇|韩剧|新劇|新剧)[^，,。\n]{0,6}?(?:懶人包|懒人包|總整理|总整理|推介)|"
    # a year's or a recommender's Korean list, not a weekly chart ("화제성 TOP 10" with its 1위)
    r"(?:결산|추천|모음|부터)(?![^\n]*\d위)[^\n]{0,40}?(?:드라마|예능|영화|작품|화제성)\s?"
    r"TOP\s?\d{1,2}\s*$",
    re.IGNORECASE,
)
#: an explainer or a giveaway: where a work was filmed, whether it is a true story, who a person
#: is, tickets to win ("Where Was Physical: Asia Filmed?", "Bon Appétit, Your Majesty filming
#: locations you can visit", "Is Honour based on a true story?", "Who is Choo Sung-hoon?",
#: "WIN: Double Passes To See Humint"; not "Why Korean shows are India's fastest-growing
#: streaming genre": a trend's why is news of an industry)
EXPLAINER = Pattern(
    r"\bfilming\s+locations?\b|^where\s+(?:was|were|is|are)\s+.{1,60}\s+filmed\b|"
    r"^(?:is|was)\s+.{1,60}\s+based\s+on\s+a\s+(?:true|real)\s+story\b|^who\s+is\s+(?-i:[A-Z])|"
    r"^(?:win|giveaway|competition)\s*[:!]|\bdouble\s+passes\b|"
    r"^win\s+(?:tickets|passes|a\s+pair\s+of\s+tickets|copies|a\s+copy)\b",
    re.IGNORECASE,
)
#: a word of every ``EXPLAINER`` form (its gate would pass nearly every headline: "is", "who")
_EXPLAINER_WORDS = ("film", "based on", "who is", "win", "giveaway", "competition", "passes")


def may_explain(folded_headline: str) -> bool:
    """Whether a headline (folded) can be an ``EXPLAINER`` at all: one plain search a word."""
    return any(word in folded_headline for word in _EXPLAINER_WORDS)
