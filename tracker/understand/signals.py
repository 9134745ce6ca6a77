"""The review signals weighed when no headline rule of ``kind`` decides, each with its weight,
as ``tracker explain`` lists them: a critic's byline, an essay headline that judges its work and
a lead that judges it too, a critic's word in the headline, an opinion section on one work
(its category or its link), a news filing, and the feed's declared kind as a prior.

Owns those signals and their weights, and the verdict words the kind rules share (a critic's
body, a one-line verdict, what a bare title cannot hold). Must not find the film or the rating:
it is told the film.
"""

from __future__ import annotations

import re

from tracker.types import FeedKind, FeedSpec, Kind
from tracker.understand.document import Document
from tracker.understand.filing import NEWS_LINK, news_meta, reviewer_line
from tracker.understand.film import Film
from tracker.understand.headline import may_name_a_work
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.titles import attributed_quote

CRITIC_BODY = Pattern(
    r"\b(?:is|are) (?:a|an) (?:\w+[, ]+){0,4}(?:film|movie|drama|thriller|satire|comedy|epic|"
    r"achievement|triumph|mess|delight|debut|feature|portrait|romance|spectacle)\b|"
    r"\bperformance\b|\bfirst feature\b|\bfeatures a\b|\bstars? as\b|\bplays?\b|"
    r"['’]s (?:\w+[-, ]+){0,4}(?:film|movie|drama|thriller|satire|comedy|epic|biopic|"
    r"portrait|feature|debut|sequel|adaptation|horror film|documentary)\b",
    re.IGNORECASE,
)

#: a critic's one-line verdict: a judged work described with modifiers ("a gloriously chaotic
#: satire", "Hong Sang-soo's gentle comedy")
VERDICT = Pattern(
    r"\b(?:a|an|the|\w+'s)\s+(?:[\w-]+,?\s+){1,3}(?:film|movie|drama|thriller|satire|comedy|"
    r"epic|portrait|romance|melodrama|fable|farce|horror|documentary|debut|sequel|adaptation|"
    r"mystery|western|noir|spectacle|tragedy|tale|character study|procedural|series)\b",
    re.IGNORECASE,
)

NOT_BARE = Pattern(r"[!?|]|\s[-–—]\s|['’]s\b")


#: a headline that judges a named work: "'Next Sohee' Is the Angriest Korean Film of the
#: Year", "Pixar's 'Elemental' Is a Rom-Com Hiding ...": a quoted name, then "is a/the ..."
_JUDGED_HEADLINE = Pattern(
    r"['\"][^'\"]{1,60}['\"]\s+(?:is|was|remains)\s+(?:the|a|an|one of the)\s",
    re.IGNORECASE,
)
#: the same without quotes, in a Title Case headline: "The Quiet Orchard Is a Slow, Luminous
#: Portrait of Grief" (the name must read as a title)
_BARE_JUDGED = Pattern(
    r"^(?P<name>[^'\":]{1,60}?)\s+(?:Is|Was|Remains)\s+(?:the|a|an|One of the)\s"
)
#: words a critic's headline judges a work with ("... is a folk-horror gem", "a gentle comedy")
_HEADLINE_VERDICT = Pattern(
    r"\b(?:gem|masterpiece|masterwork|triumph|misfire|slog|delight|knockout|marvel|mess|letdown|"
    r"disappointment|must-see|tour de force|luminous|haunting|gorgeous|devastating|gripping|"
    r"tender|wry|bleak|uneven|overlong|heartfelt|charming|hypnotic|riveting|exhilarating|"
    r"absorbing|gentle|exquisite|dazzling|harrowing|stunning|breathtaking|brilliant|powerful|"
    r"moving|lovely|terrific|superb|thrilling|hilarious|chilling|tedious|hollow|assured|"
    r"accomplished|poignant|mesmerizing|mesmerising|ravishing|soulful|sublime|clunky|bloated|"
    r"lifeless|inert|flawed|forgettable|unforgettable|heartbreaking|heartwarming|slow-burn|"
    # superlatives that judge ("the funniest thing on Netflix"; not a chart's "most-watched")
    r"funniest|saddest|scariest|strangest|weirdest|loveliest|bleakest|boldest|smartest|"
    r"most (?:brutal|beautiful|moving|daring|ambitious|original|unsettling|devastating|"
    r"romantic|satisfying|underrated|overrated|disappointing))\b(?!-)",
    re.IGNORECASE,
)
#: an essay title after the name: "Return to Seoul: An Adoptee's Restless Search, Told in ..."
#: (the colon right after the name, as English sets it: "Travail, emploi : les modèles" is a
#: French heading, not a film and its essay title)
_ESSAY_COLON = Pattern(r"^(?P<name>[^:]{0,59}[^:\s]):\s+(?P<rest>\S+(?:\s+\S+){2,})$")
#: more essay headlines about a work: "Surely Tomorrow and the quiet genius of the K-drama
#: second chance", "In 'Typhoon Family', the 1997 crash becomes ...", "Netflix's Love Untangled
#: Gets 1998 Right", "Kim Woo-bin's genie is the funniest thing on Netflix" (a superlative
#: that judges, not a chart's "most-watched"), "《好消息》：一场劫机闹剧里的国家谎言"
_ESSAY_SHAPE = Pattern(
    r"^(?P<and>[^,:;]{2,60}?)\s+and\s+the\s+(?:[\w'-]+\s+){0,2}?[\w'-]+\s+of\s+\w|"
    # "In 'The Ugly,' a face is ...", "In Yeon Sang-ho's “The Ugly,” a face is ..." (the comma
    # inside the quotes or after them)
    r"^In\s+(?:(?:[A-Z][\w.'’-]*\s+){0,3}?[A-Z][\w-]*['’]s\s+)?"
    r"['\"‘“](?P<in>[^'\"’”]{1,60}?)(?:,['\"’”]|['\"’”],)\s+\w|"
    # "The Drowning World of 'The Great Flood'" (not its making, cast or return: news)
    r"^The\s+(?!(?:making|cast|trailer|return|release|premiere|director|star|stars|creator|"
    r"end|finale|sequel|season|ratings|box office)\b)(?:[\w'-]+\s+){0,2}?[\w'-]+\s+of\s+"
    r"['\"‘“](?P<of>[^'\"’”]{1,60})['\"’”]\s*$|"
    r"^(?P<right>.{2,60}?)\s+Gets?\s+(?:[\w'-]+\s+){1,4}?Right\b(?!\s+(?:to|of)\b)|"
    r"^(?P<best>[^:;]{2,60}?)\s+(?:is|was)\s+(?:the|[\w+-]+['’]s)\s+(?:funniest|saddest|scariest|"
    r"strangest|weirdest|wildest|loveliest|bleakest|boldest|smartest|best(?!-)|worst(?!-)|most\s+"
    r"(?:brutal|beautiful|moving|daring|ambitious|original|unsettling|devastating|romantic|"
    r"satisfying|underrated|overrated|disappointing|fun))\b|"
    r"^《(?P<zh>[^》]{1,30})》[：:](?![^，。]{0,20}(?:定档|定檔|上映|票房|曝光|发布|發布|宣布|官宣|"
    r"预告|預告|海报|海報|首播|开播|開播|收视|收視|出席|專訪|专访|談|谈|訪|访|見面會|见面会))",
    re.IGNORECASE,
)
#: the owner before a name ("Netflix's ", "Park Chan-wook's ")
_OWNER = re.compile(r"^[^'’]{1,40}['’]s\s+")
#: a subject that is no work, which a superlative ranks ("Korea is the best market for ...")
_NO_WORK_SUBJECT = Pattern(
    r"\b(?:Korea|market|industry|country|city|year|box office|company|studio|network|"
    r"streamer|platform|service|app|K-pop|group|band|experience|ride|attraction|fan meeting|"
    r"concert|game|night|event|tour|show)\b",
    re.IGNORECASE,
)
#: what happens to a work in news after a colon ("Season 2: Netflix Renews Hit Korean ...")
NEWS_VERB = Pattern(
    r"\b(?:renew|confirm|announce|set|cast|reveal|return|get|win|join|drop|release|premiere|"
    r"debut|land|top|break|unveil|share|tease|start|begin|wrap|shoot|reunite|add|order|cancell?|"
    r"update|hit|surpass|lead|open|arrive|stream|sign|star|tap|name|launch|acquire|buy|sell|"
    r"sue|hire)(?:s|es|ed|d)?\b(?!\s+(?:right|wrong)\b)",  # ("What X gets right": an essay's)
    re.IGNORECASE,
)
#: an opinion section: a column about one work reads as a critic's piece, not as news
_COLUMN_CATEGORY = Pattern(
    r"^(?:columns?|opinion|essays?|칼럼|컬럼|기고|시론|에세이|コラム|エッセイ|批評|評論|時評|專欄|专栏)$",
    re.IGNORECASE,
)
#: a Korean or Japanese essay headline's own phrasing about a work: "…'X'가 남긴 것" (what X
#: left), "…에 대하여" (on ...), "X가 다시 쓴 Y" (how X rewrote Y), "『X』が賛否を呼ぶ理由"
#: (why X divides opinion), "考察", "読み解く"
_CJK_ESSAY = Pattern(
    r"[이가]\s?남긴 것|에 대하여|[이가]\s?던진|[이가]\s?다시 쓴|의 미덕|의 한계|톺아보기|"
    r"[이가]\s?그리는|[을를] 변호하는|방식$|피로와 미덕|"
    r"賛否を呼ぶ|考察|読み解く|が描いた|の魅力と|で見つけたもの|が描くもの|"
    # "『X』が暴いた…", "『X』が問いかけるもの": what the work exposes or asks
    r"が暴いた|が問いかける|が突きつける|が映し出す|が見せた|の説得力|"
    # "'X'가 묻는 것", "〈X〉가 건드린 현실", "X가 사극을 즐기는 법", "숨을 불어넣는 법"
    r"[이가]\s?(?:묻는 것|건드린|비춘)|(?:불어넣|즐기|그려내)는 법"
)
#: who answers or announces after a Japanese headline's question: a report, not an essay
_SAID_BY = re.compile(
    r"が\S{0,6}?(?:説明|語る|語った|否定|明かす|明かした|回答)|発表|コメント|否定|分析|アンケート"
)
#: a Japanese essay headline's question or confession about the work, which a news headline
#: never asks: "なぜこんなに共感するのか", "50代の私が泣いた理由", "“災害映画”ではない"
_CJK_ESSAY_OWN = Pattern(
    r"なぜ.{0,24}の(?:か|だろう)|(?:泣いた|惹かれる|刺さる|ハマる)理由|ではない(?:[　 ]|$)|"
    # "…がこんなにも怖い理由": why it moves the writer so
    r"こんなにも\S{1,8}理由"
)
#: what a news headline reports: a confirmation, an announcement, a casting, a figure, a rank
_REPORTS = Pattern(
    r"확정|발표|캐스팅|출연|합류|제작|결정|계약|열애|결혼|재개봉|돌파|1위|관객|시청률|박스오피스|"
    r"決定|発表|出演|解禁|結婚|突破|1位|首位|興行|視聴率|動員|"
    r"\bmost[- ]watched\b|\bbox office\b|\brecords?\b|\btops\b|\bratings\b|\bviewers\b",
    re.IGNORECASE,
)
#: the writer watched the work and says so ("I watched the first episode of ... and I'm
#: hooked", "We binged all eight episodes"): a first-hand verdict, as a byline is
_WATCHED = Pattern(
    r"\b(?:I|We)\s+(?:just\s+|finally\s+)?(?:watched|binged|binge-watched|streamed)\b|"
    r"\b(?:I|We)['’]ve\s+(?:now\s+)?(?:watched|seen|binged)\b"
)
#: a Japanese paper's mark of its film column before the headline ("＜映画の窓＞", "＜シネマ評＞")
_JA_FILM_COLUMN = Pattern(
    r"^\s*[＜<〈][^＞>〉祭賞]{0,10}(?:映画|シネマ|スクリーン)[^＞>〉祭賞]{0,4}(?:評|窓)[^＞>〉祭賞]{0,4}[＞>〉]"
)
#: what such a column reports rather than judges: an interview, a visit, a greeting, a hit
_JA_NEWS = Pattern(
    r"インタビュー|来日|舞台あいさつ|舞台挨拶|会見|に聞く|秘話|ヒット|興収|受賞|動員"
)
#: an opinion section in the link's path ("/column/", "/opinion/")
_COLUMN_LINK = Pattern(r"/(?:columns?|opinion|essays?)/", re.IGNORECASE)
#: the weights of the signals weighed when no headline rule decides: a critic's byline says
#: "review" as plainly as a review section; the others only count in agreement
_W_REVIEWER, _W_JUDGED, _W_LEAD, _W_FEED, _W_VERDICT = 3, 2, 2, 1, 1
#: a news category is the outlet's choice; a news link path is often every story's ("/news/")
_W_NEWS_CATEGORY, _W_NEWS_LINK = 2, 1
_HINT = "the feed's kind hint"
#: the reason of an entry that nothing decided: reporting about film
DEFAULT = "default: reporting about film"
#: a feed's learned prior weighs as its declared kind would, and names itself apart
_HISTORY = "this feed's history (at least 90% of its entries are reviews)"
#: what the review signals must reach (two soft ones together, or a byline alone)
_REVIEW_AT = 3


#: the short words a title leaves in lower case ("Return to Seoul", "Decision to Leave")
_MINOR_WORDS = frozenset("a an the of to in on at for and or with from by as".split())  # noqa: SIM905
#: a recurring column's name before a colon ("New to Streaming: ...", "This Week: ..."): the
#: column, not a work, is named
_COLUMN_NAME = Pattern(
    r"\b(?:new|streaming|week|weekly|month|monthly|best|top|roundup|guide|watch|now|recap)\b",
    re.IGNORECASE,
)


def _title_cased(name: str) -> bool:
    """A name set as a title: one to six words, each capitalised (or a number) but the short
    ones, the first capitalised; no mark of a sentence ("!", "?", " - ", "'s")."""
    words = name.split()
    if not 1 <= len(words) <= 6 or NOT_BARE.search(name) or not words[0][0].isupper():
        return False
    if _COLUMN_NAME.search(name):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in _MINOR_WORDS for w in words)


#: a programme's announcement before a colon: no essay's name ("Fantastic Fest 2026 First Wave:")
_LINEUP = Pattern(
    r"\b(?:First|Second|Third|Final)\s+Wave\b|\bLine-?up\b|\bProgramme\b|\bSchedule\b|"
    # (nor a podcast's bonus episode: "Bonus: Director X on Making Y" is an interview)
    r"^(?:Bonus|Minisode)$",
    re.IGNORECASE,
)


def _essay_headline(doc: Document, film: Film) -> str | None:
    """A headline that reads as an essay about a work: it judges a quoted name, or it is a
    name (the film found, or a bare title) and a colon before a sentence about it."""
    folded = doc.folded_headline
    if (" is " in folded or " was " in folded or " remains " in folded) and _JUDGED_HEADLINE.search(
        doc.headline, folded
    ):
        return "the headline judges a named work"
    bare = _BARE_JUDGED.match(doc.headline)
    if bare and _title_cased(bare.group("name")) and may_name_a_work(bare.group("name")):
        return f"the headline judges the work {bare.group('name')!r}"
    if ":" in doc.headline:
        m = _ESSAY_COLON.match(doc.headline)
        if m:
            name = m.group("name").strip()
            # the film found may itself hold a colon ("The Roundup: No Way Out: ...")
            if film.title and doc.headline.startswith(film.title + ":"):
                return f"an essay title after the film's name {film.title!r}"
            if (
                _title_cased(name)
                and not _LINEUP.search(name)
                and not NEWS_VERB.search(m.group("rest"))
                and attributed_quote(doc.headline) is None  # a person's words, not an essay's
            ):
                return f"an essay title after the name {name!r}"
    shape = _ESSAY_SHAPE.search(doc.headline, folded)
    if (
        shape is not None
        and not _REPORTS.search(doc.headline, folded)
        and not NEWS_VERB.search(doc.headline[shape.end() :])
        and not _SHAPE_NEWS.search(doc.headline, folded)
    ):
        name = next(n for n in shape.groups() if n)
        # (what a superlative ranks beside the work: its ride, its experience, its fan meeting)
        beside = film.title is not None and shape.group("best") is not None
        if beside and _NO_WORK_SUBJECT.search(name.replace(film.title or "", " ")):
            return None
        # the subject is the work found, a quoted or Chinese-bracketed name, or reads as one
        if (
            (film.title is not None and film.title in name)
            or shape.group("in") is not None
            or shape.group("of") is not None
            or shape.group("zh") is not None
            or (shape.group("best") is not None and not _NO_WORK_SUBJECT.search(name))
            # (whose it is aside: "Netflix's Love Untangled Gets 1998 Right")
            or may_name_a_work(_OWNER.sub("", name))
        ):
            return f"{ESSAY_SHAPED} about {name.strip()!r}"
    return None


#: the reason of an essay-shaped headline, under which only a lead that judges in so many
#: words counts (a feature's lead "stars as" or "plays" too)
ESSAY_SHAPED = "an essay-shaped headline"
#: what makes an essay's shape news: a poll or a vote that ranks, a business, an exhibition, an
#: appearance ("is the scariest ..., according to a survey", "X and the cost of production")
_SHAPE_NEWS = Pattern(
    r"\b(?:poll|polls|survey|surveys|votes?|voted|according to|ranked|finds|reveals?|confirms?|"
    r"exhibition|opens|deal|business|cost|costs|economics|industry|budget|production|sales)\b|"
    r"출석|出席|專訪|专访|訪談|访谈|見面會|见面会|現身|现身|加盟|殺青|杀青|開拍|开拍|"
    r"커피차|기부|선물|팬사랑|선행",
    re.IGNORECASE,
)


def _lead_judges(doc: Document, *, strict: bool = False) -> str | None:
    """The first paragraph describes and judges a work ("Davy Chou's drama follows ...", "a
    seven-episode webtoon adaptation"), as a review's opening does; ``strict``: only in so
    many words ("is goofy, warm"), outside anyone's quoted words."""
    lead = doc.body[:400].split("\n\n", 1)[0]
    if not lead:
        return None
    m = None
    if not strict:
        folded = doc.folded_body[: len(lead)]
        m = CRITIC_BODY.search(lead, folded) or VERDICT.search(lead, folded)
    # (someone's words are not the writer's: "'It is funny,' the director said")
    own = _QUOTED_WORDS.sub(" ", lead)
    m = m or _LEAD_VERDICT.search(own)
    m = m or (None if own.isascii() else _CJK_VERDICT.search(own))
    return m.group(0) if m else None


#: words in double quotes, anyone's ("'He is hilarious,' Bong said" in single quotes too, when a
#: quote opens the sentence)
_QUOTED_WORDS = re.compile(r"[\"“][^\"”]{0,200}[\"”]|(?:^|(?<=[.!?]\s))['‘][^'’]{0,200}['’]")


#: the work judged in so many words: "Cashero is goofy, warm and a great deal smarter", "is
#: warm and funny", "is overlong and occasionally baffling"
_LEAD_VERDICT = Pattern(
    r"\b(?:is|are|feels?|looks?)\s+(?:an?\s+)?(?:(?:also|often|never|rarely|too|so|very|consistently|"
    r"frequently|quietly|genuinely|surprisingly|occasionally|oddly|strangely|largely)\s+)?"
    # ("is warm and funny": a first word of its own may come before)
    r"(?:[\w-]+,?\s+(?:and\s+)?)?"
    # (words a critic judges with, not a person's or a schedule's: "is warm", "is moving to")
    r"(?:goofy|smart|smarter|sharp|funny|funnier|clever|overlong|baffling|tedious|gorgeous|"
    r"gripping|tender|bleak|uneven|charming|hypnotic|riveting|absorbing|exquisite|dazzling|"
    r"harrowing|brilliant|terrific|superb|thrilling|hilarious|chilling|hollow|assured|"
    r"poignant|clunky|bloated|lifeless|inert|flawed|forgettable|heartbreaking|heartwarming|"
    r"sluggish|cheap-looking|priceless|delightful|exhilarating)\b|"
    # "is the gentlest thing in it", "the best hour of reality TV this year"
    r"\b(?:gentlest|funniest|saddest|loveliest|scariest|strangest|warmest|best|worst)\s+"
    r"(?:thing|hour|scene|episode|performance)s?\b",
    re.IGNORECASE,
)


#: a critic's words in a Japanese or Korean lead ("見事な", "傑作", "語りすぎ", "수작", "아쉽다")
_CJK_VERDICT = Pattern(
    r"見事[なだに]|傑作|秀逸|圧巻|白眉|物足りな|語りすぎ|蛇足|惜しい|"
    r"수작|걸작|압권|아쉽다|아쉬움이 남|빛나는 작품|"
    # Chinese: "荒诞", "讽刺", "佳作", "动人", "可惜"
    r"荒诞|荒誕|讽刺|諷刺|佳作|出色|精彩|动人|動人|可惜|遗憾|遺憾|"
    # Korean: "섬세하게 그려낸다", "서두르지 않는다" (not "돋보였다", "빛난다": fan news
    # praises so too)
    r"섬세하게|설득력 있|서두르지 않는다|담백하|묵직하"
)


def weigh_signals(
    doc: Document, film: Film, feed: FeedSpec | None, learned: FeedKind | None = None
) -> tuple[Kind, str, bool]:
    """Where no headline rule decides: the filing marks, an essay headline with a lead that
    judges the work, and the feed's declared kind as a prior (else the prior its history
    taught, ``learned``, for an entry about one work that the outlet did not file as news),
    each with its weight; the reason lists them all (``tracker explain`` shows it). The flag
    says the learned prior decided: without it the kind would differ."""
    kind, why = _weigh(doc, film, feed, None)
    if learned is None or (feed is not None and feed.kind != FeedKind.MIXED):
        return kind, why, False
    if not film.title or film.roundup or kind == Kind(learned.value):
        return kind, why, False
    if news_meta(doc):
        return kind, why, False  # the outlet filed it as news: its evidence, not the prior's
    with_prior, why_prior = _weigh(doc, film, feed, learned)
    return with_prior, why_prior, with_prior != kind


def _weigh(
    doc: Document, film: Film, feed: FeedSpec | None, learned: FeedKind | None
) -> tuple[Kind, str]:
    signals: list[tuple[Kind, int, str]] = []
    reviewer = reviewer_line(doc)
    if reviewer:
        signals.append((Kind.REVIEW, _W_REVIEWER, reviewer))
    watched = _WATCHED.search(doc.headline) if film.title and not film.roundup else None
    if watched and re.search(r"[:'\"‘“]", doc.headline[: watched.start()]):
        watched = None  # someone quoted ("Star: 'I've seen it'"), not the writer
    if watched:
        signals.append((Kind.REVIEW, _W_REVIEWER, f"the writer watched it ({watched.group(0)!r})"))
    essay = _essay_headline(doc, film)
    if essay is None and film.title and not doc.title.isascii():
        own = _CJK_ESSAY_OWN.search(doc.title)
        if own is not None and not _SAID_BY.search(doc.title, own.end()):
            # (weighed as a byline: the writer's own question, "why does it move me so"; not
            # one a director answers or an agency denies: "なぜ延期になったのか 監督が説明")
            why = f"an essay headline's own question about {film.title!r} ({own.group(0)!r})"
            signals.append((Kind.REVIEW, _W_REVIEWER, why))
        m = _CJK_ESSAY.search(doc.title)
        essay = None if m is None else f"an essay headline about {film.title!r} ({m.group(0)!r})"
    column = next((c for c in doc.categories if _COLUMN_CATEGORY.match(c.strip())), None)
    if column is None and _JA_FILM_COLUMN.match(doc.title) and not _JA_NEWS.search(doc.title):
        column = "a Japanese paper's film column mark"
    section = column is not None
    if column is None and doc.link and _COLUMN_LINK.search(doc.link):
        column = "a column's link path"  # (some sites put every story under /column/)
    if column is not None and film.title and not film.roundup:
        # a column section on one work under a headline that reports nothing weighs as a
        # byline; under a news headline ("제작사, 시즌2 제작 확정", "50億円を突破") it is an
        # opinion page's news
        reports = NEWS_VERB.search(doc.headline) or _REPORTS.search(doc.headline)
        weight = _W_REVIEWER if section and not reports else _W_JUDGED
        signals.append((Kind.REVIEW, weight, f"an opinion section {column!r} on one work"))
    if essay:
        signals.append((Kind.REVIEW, _W_JUDGED, essay))
        # read only under an essay headline: a news lead judges too
        lead = _lead_judges(doc, strict=essay.startswith(ESSAY_SHAPED))
        if lead:
            signals.append((Kind.REVIEW, _W_LEAD, f"the lead judges the work ({lead!r})"))
        # a critic's word in it ("a folk-horror gem"): news says what happened, not how good
        # (not the title's own word: "Moving Season 2 is ...")
        judged = doc.headline.replace(film.title, " ") if film.title else doc.headline
        verdict = _HEADLINE_VERDICT.search(judged)
        if verdict:
            signals.append(
                (Kind.REVIEW, _W_VERDICT, f"the headline's verdict {verdict.group(0)!r}")
            )
    if essay is None and film.title and not film.roundup:
        signals.extend(_lead_judges_alone(doc))
    filed = news_meta(doc)
    if filed:
        weight = _W_NEWS_LINK if filed == NEWS_LINK else _W_NEWS_CATEGORY
        signals.append((Kind.NEWS, weight, filed))
    hint: Kind | None = None
    if feed is not None and feed.kind in (FeedKind.REVIEW, FeedKind.RELEASE, FeedKind.NEWS):
        hint = Kind(feed.kind.value)
        signals.append((hint, _W_FEED, f"{_HINT} ({feed.kind.value})"))
    elif learned is not None:
        hint = Kind(learned.value)
        signals.append((hint, _W_FEED, _HISTORY))
    if not signals:
        return Kind.NEWS, DEFAULT
    listed = "; ".join(f"{why} {kind.value} +{w}" for kind, w, why in signals)
    review = sum(w for kind, w, _ in signals if kind == Kind.REVIEW)
    news = sum(w for kind, w, _ in signals if kind == Kind.NEWS)
    if review >= _REVIEW_AT and review > news:
        return Kind.REVIEW, f"signals ({listed})"
    # short of that, the soft review signals count for nothing: the prior and the filing
    # marks decide, a tie going to the prior (the feed knows its own sections)
    score = {kind: 0 for kind in Kind}
    for kind, weight, why in signals:
        if kind != Kind.REVIEW or why.startswith(_HINT) or why == _HISTORY:
            score[kind] += weight
    prior = hint if hint is not None else Kind.NEWS
    best = max(Kind, key=lambda k: (score[k], k == prior))
    if score[best] == 0:
        return Kind.NEWS, f"{DEFAULT} (signals: {listed})"
    if len(signals) == 1:
        return best, signals[0][2]  # the hint alone: the reason reads as before
    return best, f"signals ({listed})"


#: a film or television section among the categories ("Film", "Movies", "TV", "K-Drama")
_SCREEN_SECTION = Pattern(
    r"^(?:film|films|movies?|cinema|tv|television|k-?dramas?|drama|streaming)$", re.IGNORECASE
)


def _lead_judges_alone(doc: Document) -> list[tuple[Kind, int, str]]:
    """Under a headline that is no essay's and reports nothing, filed in a film or television
    section and not as news: a lead that judges the work in so many words."""
    if NEWS_VERB.search(doc.headline) or _REPORTS.search(doc.headline) or news_meta(doc):
        return []
    section = next((c for c in doc.categories if _SCREEN_SECTION.match(c.strip())), None)
    if section is None:
        return []
    judged = _lead_judges(doc, strict=True)
    if judged is None:
        return []
    return [
        (Kind.REVIEW, _W_LEAD, f"the lead judges the work ({judged!r})"),
        (Kind.REVIEW, _W_FEED, f"filed under {section!r}"),
    ]
