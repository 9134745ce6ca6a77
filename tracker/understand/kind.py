"""The kind of an entry: a review, a release (a dated arrival, a "new this week" roundup), news
about film, or other (lists, promotions, music, anything not about film).

Owns the headline patterns of each kind (a release's are ``releasehead``'s) and the order in
which the evidence is weighed: the outlet's bracket tag, "review" in the headline, the absence
of any film word, listicles and promotions, the outlet's review section, several critic's
ratings, release and news headlines, a stated rating, a critic's verdict, a title page, a
release announced in the lead, and last the weighed signals (``signals``: a byline, an essay
headline, an opinion section, the feed's hint). Must not find the film or the rating itself:
it is told them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.text import normalize_title
from tracker.types import FeedKind, FeedSpec, Kind
from tracker.understand import latinscript
from tracker.understand.document import Document
from tracker.understand.filing import (
    BRACKET,
    NEWS_LINK,
    OTHER_TAG,
    REVIEW_TAG,
    about_film,
    news_meta,
    other_meta,
    review_meta,
)
from tracker.understand.film import Film
from tracker.understand.kpop import kpop, kpop_section
from tracker.understand.lists import EXPLAINER, LISTICLE, LISTICLE_MORE, may_explain
from tracker.understand.opensday import work_opens_on_a_day
from tracker.understand.promotion import (
    NOT_THE_WORK_PROMOTED,
    PROMO_BEFORE,
    PROMOTION,
    works_day_in_lead,
)
from tracker.understand.releasehead import (
    CALLED_OFF,
    FIRST_SHOWN,
    PROMO_DATED,
    RELEASE_DAY,
    RELEASE_ROUNDUP,
    RELEASE_SET,
    RELEASE_STRONG,
    RELEASE_TOPIC,
    RELEASE_WEAK,
    WHAT_WE_KNOW,
    arrives_with_its_day,
)
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
    WEEKDAY,
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


#: a K-pop act's concert, tour or album (the venue's "Theatre" is no film word; a drama or a
#: concert film is)
_K_POP_EVENT = Pattern(
    r"\bK-pop\b.{0,60}\b(?:concert|tour|album|comeback|showcase|fan ?meeting)s?\b", re.IGNORECASE
)
#: what a K-pop act does that its headline names in a K-pop section
_ACT_EVENT = Pattern(
    r"\b(?:(?:world\s+)?tour|concerts?|album|comeback|showcase|fan ?meeting|fan ?con)s?\b|"
    # a Korean music desk's (가요): "첫 단독 콘서트 성료", "음악방송 첫 1위"
    r"콘서트|앨범|컴백|쇼케이스|팬\s?미팅|팬\s?콘서트|월드\s?투어|음악\s?방송",
    re.IGNORECASE,
)
#: where a work comes out: the screens or a service
_SCREENS = Pattern(rf"theaters|theatres|cinemas|screens|{PLATFORM_NAMES}", re.IGNORECASE)
#: what news is about, which a list of "things to know" about it is still news of
_NEWS_NOUN = Pattern(
    r"\b(?:lawsuit|case|trial|arrest|deal|merger|acquisition|price|prices|strike|ban|scandal|"
    r"controversy|dispute|hike|boycott)\b",
    re.IGNORECASE,
)
#: an act's screen work or a service in its headline, filed under K-pop all the same
_ACT_ON_SCREEN = Pattern(
    r"\b(?:documentary|thriller|remake|special|season|premieres?|stars?\s+in|cast|ratings|film|"
    r"movie)\b|"
    rf"{PLATFORM_NAMES}",
    re.IGNORECASE,
)


def _reports_or_dates(headline: Callable[[Pattern], re.Match[str] | None]) -> bool:
    """Whether the headline reports news or dates a release (``headline``: its first match of
    a pattern), which a list's or an act's event headline must give way to."""
    return any(
        headline(p) is not None
        for p in (
            RELEASE_STRONG,
            RELEASE_SET,
            RELEASE_WEAK,
            RELEASE_DAY,
            _NEWS_TITLE,
            _FESTIVAL_NEWS,
        )
    )


#: a screen work or its people in a headline (a K-pop act's "concert film", an idol's drama)
_SCREEN_WORK = Pattern(
    r"\b(?:film|movie|drama|K-drama|series|sitcom|actor|actress|acting)s?\b|"
    # a Korean idol's screen work beside the act's event ("첫 드라마 주연 확정…컴백 앞두고")
    # (OST as a word in capitals: "cost", "most" and "post" hold it too)
    r"드라마|영화|배우|출연|주연|연기|(?-i:\bOST\b)|예능|넷플릭스|뮤지컬|극장|상영|시즌",
    re.IGNORECASE,
)
_REVIEW_TITLE = Pattern(
    r"(?<![\w-])review(?![\w-])(?!s? (?:are in|embargo))|\[리뷰\]|리뷰|별점|"
    # Chinese: a drama's or a film's review, and "after watching" ("《X》劇評：", "影評")
    r"(?:劇評|剧评|影評|影评)(?![人家])|(?:觀後感|观后感)(?!徵文|征文)|"
    r"\bStream It or Skip It\b|\bverdict\b:|\bfilm critique\b|\bwe review\b|"
    r"\bfirst impressions?\b|\bfinal thoughts\b|"
    r"\brecensione\b|\bkritik\b|\brecension\b|\banmeldelse\b|レビュー|映画評|"
    # a British weekly's "<essay title>: No Other Choice reviewed", after its colon (not a
    # rule, a deal or theories "reviewed", nor one "to be reviewed")
    r"^[^:]{3,80}:\s+(?-i:[A-Z0-9'\"‘“])[^:]{0,80}?(?<![\w-])(?<!be )(?<!been )(?<!being )"
    r"(?<!is )(?<!are )(?<!was )(?<!were )(?<!gets )(?<!got )(?<!theories )(?<!quota )"
    r"(?<!rules )(?<!rule )(?<!system )(?<!policy )(?<!deal )(?<!merger )(?<!rating )"
    r"(?<!ratings )(?<!scheme )(?<!subsidy )(?<!case )(?<!run )(?<!complaints )reviewed\s*$",
    re.IGNORECASE,
)
#: an episode's recap, or its essay after a colon ("Honour Episodes 3-4 Recap", "Resident
#: Playbook Episodes 1-2: The Interns Are Alright"), the writer's first episode; only where
#: the rest reports nothing (``_EPISODE_NEWS``)
_EPISODE_REVIEW = Pattern(
    r"(?<!podcast )\bEp(?:isode)?s?\.?\s*\d{1,2}(?:\s*(?:[-–&]|and|to)\s*\d{1,2})?"
    r"(?:\s*\((?:final|finale)\))?\s*(?:recap\b|:)|"
    r"\b(?:I|we)\s+watched\s+the\s+first\s+episode\b",
    re.IGNORECASE,
)
#: what an episode's headline reports rather than judges ("Episode 3: Netflix releases new
#: still", "Episode 10 recap: Netflix reveals record viewership", "Everything We Know")
_EPISODE_NEWS = Pattern(
    r"\b(?:release|date|time|runtime|trailer|teaser|preview|spoilers?|when|where|how|ratings?|"
    r"viewership|viewers|cast|know|podcast|record|react|reacts|reaction|stills?|photos?|"
    r"numbers|figures)\b",
    re.IGNORECASE,
)
_FESTIVAL_NEWS = Pattern(
    # (Toronto is also a city a work opens in: "Opens in Toronto This Friday")
    r"\b(?:festival|Cannes|Venice|Berlinale|Sundance|TIFF|BIFF|Busan|"
    r"(?<!opens in )(?<!opening in )Toronto|Locarno|Rotterdam|"
    r"Oscars?|Academy Awards?)\b(?!['’]s\s[^,]{1,60},)|"
    # (the same words but in an appositive that describes a work: "Hope, Cannes's most
    # ferocious creature feature, opens ..."; "Busan's opening film premieres ..." stays news)
    r"(?<!,\s)\b(?:festival|Cannes|Venice|Berlinale|Sundance|TIFF|BIFF|Busan|"
    r"(?<!opens in )(?<!opening in )Toronto|Locarno|"
    r"Rotterdam|Oscars?|Academy Awards?)\b|영화제",
    re.IGNORECASE,
)

_NEWS_TITLE = Pattern(
    r"box office|admission|\btops?\b|\bchart|top 10|\brecord|\bwins?\b|\baward|\bnominat|"
    r"festival|\binvest|interview|\bsays\b|\bexplains?\b|\btalks?\b(?!\s*:)|press conference|"
    r"\bslate\b|"
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
_SENTENCE_VERB = Pattern(
    # (and a day's news: "Avatar sequel opens tomorrow", "Announcing Korean Cinema Now 2026")
    r"\b(?:is|are|was|were|has|have|will|to|says|gets|makes|opens|announcing|announces|"
    r"tomorrow|tonight)\b",
    re.IGNORECASE,
)
_TITLE_DASH = Pattern(r"^(?P<film>[^-]{1,80}?)\s+-\s+(?P<desc>.+)$")
#: a first episode's figures or its airing under "[첫방]": news, not the first-episode review
_FIRST_EPISODE_NEWS = Pattern(r"시청률|%|관전\s?포인트|첫\s?방송|오늘|\d위|공개 첫날|출발")
#: a music show's win (its MC or its 700th episode is television's news)
_MUSIC_SHOW = Pattern(
    r"음악\s?(?:방송|프로그램)\s?(?:첫\s?)?(?:1위|트로피|정상)|"
    r"\bmusic show (?:wins?|trophy|trophies)\b|\b(?:first|\d+(?:st|nd|rd|th)) music show win\b",
    re.IGNORECASE,
)
_TIME_OF_YEAR = Pattern(r"\bseason\b(?!\s+(?:\d|of\b))", re.IGNORECASE)

#: a headline with words before a quoted title, not in brackets nor after "aka" (another name
#: of the same work: "Harbour Lights ('Hanggu-ui Bulbit')")
_ABOUT_A_QUOTED_TITLE = Pattern(
    r"\w[\w,:]*\s+(?<!aka )(?<!a\.k\.a\. )(?<!AKA )['\"‘“][^'\"’”]{1,80}['\"’”](?!\w)"
)


def is_bare_title(title: str) -> bool:
    """A headline that is only a name ("Past Lives", "Mickey 17", "The Brutalist"); not a
    Japanese or Chinese sentence, which has no spaces to count words by."""
    if not title.isascii() and any(ch in _CJK_SENTENCE for ch in title):
        return False
    if not title.isascii() and any(q in title.strip("\"'") for q in "\"'"):
        # 'SBS"ランニングマン"15周年' (its brackets read as quotes): a headline that quotes its
        # title is about it, not it
        return False
    if _ABOUT_A_QUOTED_TITLE.search(title):
        return False  # "The Return of 'X'": a headline about a quoted title, not the title
    dated = TITLE_YEAR.match(title)
    # ("The Old Woman with the Knife (2025)": the name and its year)
    words = (dated.group("film") if dated else title).split()
    if not 1 <= len(words) <= (7 if dated else 5) or NOT_BARE.search(title):
        return False
    if _SENTENCE_VERB.search(title):
        return False
    return title[0].isupper() or title[0].isdigit()


_LEAD_RELEASE = Pattern(
    rf"\b(?:premier(?:es?|ing)|arriv(?:es?|ing)|debut(?:s|ing)?|land(?:s|ing)?|drop(?:s|ping)?|"
    rf"stream(?:s|ing)?|launch(?:es|ing)?|hits?|opens?|releases?|(?:is |are )?coming)\b"
    rf"(?:\s+(?:on|to|in|onto)\s+(?:{PLATFORM_NAMES}|theaters|theatres|cinemas|\w+)|"
    # (or at a cinema: "opens at Ster-Kinekor Maerua Mall on 6 March", "at IFC Center")
    r"\s+at\s+(?:the\s+)?(?:[A-Z][\w'’.&-]*,?\s+){0,4}?[A-Z][\w'’.&-]*)?"
    # the day before or after its month ("on Monday 19 January", "Friday, Jan. 9"), or a
    # weekday of this or next week
    rf"(?:\s+nationwide)?\s+(?:on\s+)?(?:(?:\w+day,?\s+)?(?:{MONTH_ANY}\.?\s+\d{{1,2}}\b|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY}\b)|(?:this|next)\s+{WEEKDAY}\b)"
    rf"(?:,?\s+(?:19|20)\d\d)?(?:,?\s+(?:only\s+)?(?:on|in)\s+(?:{PLATFORM_NAMES}|theaters|"
    rf"theatres|cinemas))?|\bcoming to {PLATFORM_NAMES}\b|"
    # a verb of motion into a place's cinemas on its day ("finally sails into local cinemas on
    # 17 July")
    r"\b(?:sails?|flies|swoops?|heads?|march(?:es)?|storms?|comes?|arrives?)\s+(?:into|to|in)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:cinemas|theaters|theatres|screens)\s+(?:on\s+)?"
    rf"(?:(?:\w+day,?\s+)?(?:{MONTH_ANY}\.?\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY}\b)|"
    rf"(?:this|next)\s+{WEEKDAY}\b)|"
    # a cinema that screens it, or a work that opens, from its day, whatever comes between
    # ("Camana Bay Cinema will screen James Cameron's X from Friday, Dec. 19", "opens at New
    # Capitol Cinemas in Game City and Riverwalk from Friday, 5 June", "screening on Thursday
    # 12 March at 7pm at the Korean Cultural Centre UK"); the sentence must name its cinema
    # (not a count of screens: "widen it to about 600 screens on Friday")
    r"(?<!\d\s)\b(?:will\s+screen|screens(?=\s+(?:at|from|on)\b)|screening|opens?|plays?)\b"
    r"[^.;]{0,60}?\b(?:from|on|starting)\s+"
    rf"(?:(?:{WEEKDAY},?\s+)?(?:{MONTH_ANY}\.?\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_ANY}\b)|"
    rf"(?:this\s+|next\s+)?{WEEKDAY}\b)|"
    # a weekday ahead, in cinemas ("is in cinemas from Thursday, including Dendy Canberra")
    r"\b(?:is|are)\s+in\s+(?:[\w'’-]+\s+){0,2}?(?:theaters|theatres|cinemas)\s+"
    rf"(?:from|on|this|next)\s+{WEEKDAY}\b",
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
    # a music show is music's, not television's ("음악방송 첫 1위", "first music show win")
    head = _MUSIC_SHOW.sub(" music ", head)
    return not FILM_WORDS.search(head) and bool(_NOT_FILM_WORDS.search(head))


_REPORTING = Pattern(
    r"\bsaid\b|\bsays\b|\btold\b|press conference|\binterview|according to|\bannounced\b|"
    r"\bspoke (?:with|to)\b|\bsat down with\b|\bin conversation with\b|\bmet the press\b|"
    r"\bpress (?:event|junket|tour)\b",
    re.IGNORECASE,
)
_RELEASED_WHERE = Pattern(
    rf"{PLATFORM_NAMES}|\btheat(?:er|re)s\b|\bcinemas\b|nationwide|day-and-date|"
    # (a cinema by its name that screens it: "Camana Bay Cinema will screen ..."; not one a star
    # visits: "... at a Lotte Cinema theater")
    r"\b(?-i:[A-Z])[\w'’-]*\s+(?-i:Cinema|Cinemax|Cineplex|Theat(?:er|re)|Picturehouse)\s+"
    r"(?:will\s+(?:screen|show)|screens|shows|is\s+screening)\b",
    re.I,
)
#: a film opening at one cinema ("opens Friday, Jan. 9, at AFS Cinema"): a person arriving at
#: one ("arrives in Seoul ... at a Lotte Cinema theater") is a visit
#: cinema chains by their names (not a name that is also a word or a tower's: Lotte, Palace,
#: Century, Regal, Landmark): those abroad, where a work arrives, and the rest, where a star
#: may arrive for a stage greeting but only a work opens or screens
_CHAINS_ABROAD = (
    "Ster-Kinekor|Nu Metro|Omniplex|Cineworld|Vue|Odeon|Hoyts|Event Cinemas|Golden Screen|GSC|"
    "TGV|Golden Village|Cineplex|Silverbird|Filmhouse"
)
_CHAINS = (
    f"{_CHAINS_ABROAD}|Everyman|Curzon|AMC|Cinemark|Reading Cinemas|Dendy|SM Cinema|Cinépolis|"
    "Cinepolis|Alamo Drafthouse|Angelika|Star Cineplex|CGV|Megabox"
)
_OPENS_AT = Pattern(
    # (a work that arrives or lands at a chain abroad: "arrives at Ster-Kinekor on Friday, 7
    # November"; a star arrives at a Lotte Cinema for a stage greeting)
    rf"\b(?:arriv(?:es|ing)|lands?)\s+at\s+(?:{_CHAINS_ABROAD})\b|"
    r"\b(?:open(?:s|ing)?|screens?|screening)\b.{0,40}\bat\s+(?:the\s+)?"
    r"(?:[A-Z][\w.&' -]{0,40}(?:Cinemas?|Cinemax|Theat(?:er|re)s?|Cent(?:er|re)|Picturehouse|"
    rf"Cineplex|Multiplex|IMAX|Film\s+Forum|Light\s?[Hh]ouse)\b|(?:{_CHAINS})\b)"
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
    # a weekday and a service ("All 12 episodes debut Friday on Netflix"), not a trailer's, a
    # finale's, an episode's or a special's
    for m in _LEAD_WEEKDAY_RELEASE.finditer(lead, folded):
        start = max(lead.rfind(". ", 0, m.start()), 0)
        if not _NOT_A_RELEASE_DEBUT.search(lead[start : m.end()]):
            return m.group(0)
    # "오늘(5일) 국내 극장에서 개봉했습니다" under a headline about the opening: opened today
    if doc.hangul_title and ("개봉" in doc.title or "공개" in doc.title):
        today = _KO_OPENED_TODAY.search(lead)
        if today:
            return today.group(0)
    return None


_LEAD_WEEKDAY_RELEASE = Pattern(
    r"\b(?:debut|premiere|arrive|land|drop|stream)s?\s+(?:this\s+|next\s+|on\s+)?"
    rf"{WEEKDAY}\s+on\s+{PLATFORM_NAMES}",
    re.IGNORECASE,
)
_NOT_A_RELEASE_DEBUT = Pattern(
    r"\b(?:trailer|teaser|finale|episode\s+\d+|Q&A|special|behind-the-scenes|making-of|"
    r"interview|live|talk show|concert|recap)\b",
    re.IGNORECASE,
)
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

    def strong_release() -> re.Match[str] | None:
        return headline(RELEASE_STRONG) or headline(RELEASE_SET)

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
        if REVIEW_TAG.search(tag) and not (
            tag.strip() == "첫방" and _FIRST_EPISODE_NEWS.search(bm.group("rest"))
        ):
            return _say(Kind.REVIEW, f"tag [{tag}]")
        if OTHER_TAG.search(tag):
            return _say(Kind.OTHER, f"tag [{tag}]")
    m = headline(_REVIEW_TITLE) or headline(latinscript.REVIEW_HEADLINE)
    if m:
        return _say(Kind.REVIEW, f"headline pattern {m.group(0)!r}")
    m = headline(_EPISODE_REVIEW)
    if (
        m
        # ("Episode 2: ..." alone names no work: a podcast's, a series')
        and (m.start() > 0 or not m.group(0).lower().startswith("ep"))
        and not _EPISODE_NEWS.search(title[m.end() :])
        and not NEWS_VERB.search(title[m.end() :])
        and "podcast" not in doc.folded_headline
    ):
        return _say(Kind.REVIEW, f"an episode's recap or review {m.group(0)!r}")
    review_feed = feed is not None and feed.kind == FeedKind.REVIEW and is_bare_title(title)
    known = film.work is not None  # a curated work is film or drama context in itself
    if not known and not review_feed and not about_film(doc):
        return _say(Kind.OTHER, "no film or drama words anywhere (not about film)")
    if not_film_item(doc):
        return _say(Kind.OTHER, "music, literature or food, not film")
    m = headline(_K_POP_EVENT)
    if (
        m is None
        and film.work is None
        and any(kpop_section(c) for c in doc.categories)
        and not _ACT_ON_SCREEN.search(title, doc.folded_headline)
        and not _reports_or_dates(headline)
    ):
        # "NEXZ announce first world tour: dates, cities ..." filed under K-Pop (not an
        # idol's drama or a tour's documentary filed there)
        m = headline(_ACT_EVENT)
    if m and not _SCREEN_WORK.search(title, doc.folded_headline):
        return _say(Kind.OTHER, f"a K-pop act's event {m.group(0)!r}")
    m = headline(LISTICLE) or headline(LISTICLE_MORE)
    if m is None and may_explain(doc.folded_headline):
        m = headline(EXPLAINER)
    if (
        m
        and "things" in m.group(0).lower()
        and (_reports_or_dates(headline) or _NEWS_NOUN.search(title, doc.folded_headline))
    ):
        m = None  # "10 things to know before X premieres Friday": the news it lists
    if m and not headline(RELEASE_ROUNDUP):
        return _say(Kind.OTHER, f"listicle headline {m.group(0)!r}")
    filed_other = other_meta(doc)
    if (
        filed_other
        and news_meta(doc) in (None, NEWS_LINK)  # (a site's /news/ is every story's path)
        and not headline(_NEWS_TITLE)
        and not strong_release()
        and not headline(RELEASE_ROUNDUP)
    ):
        return _say(Kind.OTHER, f"filed as neither news nor a review: {filed_other}")
    m = headline(PROMOTION)
    strong = strong_release()
    # "메인 예고편, 26일 첫 공개": a trailer's first showing, not the work's
    first_shown = strong is not None and FIRST_SHOWN.search(strong.group(0)) is not None
    if m and (strong is None or first_shown) and not headline(RELEASE_WEAK):
        dated = headline(PROMO_DATED) or works_day_in_lead(title, doc.body[:300])
        if dated and not NOT_THE_WORK_PROMOTED.search(title):
            return _say(Kind.RELEASE, f"promotion that dates the work {dated.group(0)!r}")
        return _say(Kind.OTHER, f"promotion headline {m.group(0)!r}")
    # the date of a trailer, a poster or a clip named just before it ("메인 예고편 19일(금)
    # 공개", "비하인드 영상, 11일 공개", "本予告が10月17日(金)より劇場上映")
    promo = None if strong is None else PROMO_BEFORE.search(title[: strong.start()])
    if promo is not None:
        return _say(Kind.OTHER, f"promotion headline {promo.group(0).strip()!r}")
    meta = review_meta(doc)
    if meta and not strong_release() and not headline(RELEASE_ROUNDUP):
        return _say(Kind.REVIEW, meta)
    if ratings_seen >= 2 and not headline(RELEASE_ROUNDUP):
        return _say(Kind.REVIEW, f"{ratings_seen} critic's ratings (a review roundup)")
    m = headline(RELEASE_ROUNDUP)
    if m:
        return _say(Kind.RELEASE, f"release roundup headline {m.group(0)!r}")
    m = strong_release()
    if m and WHAT_WE_KNOW.fullmatch(m.group(0)) and not RELEASE_TOPIC.search(title):
        m = None  # "... Beats Streaming Giants In Korea? Here's What We Know": news explained
    if m and not headline(CALLED_OFF):
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
    m = (
        headline(RELEASE_WEAK)
        or latinscript.release_headline(title, doc.folded_headline, doc.words_all)
        or headline(RELEASE_DAY)
        or work_opens_on_a_day(title, doc.body[:300], film)
        or arrives_with_its_day(title, doc.body[:300], film)
    )
    # (not where the release names the screens or a service: "Comeback Home hits Malaysian
    # cinemas this Friday", a tour's concert film "comes to cinemas on ...")
    event = headline(_ACT_EVENT) if m and not _SCREENS.search(m.group(0)) else None
    if event and not _SCREEN_WORK.search(title, doc.folded_headline):
        # an act or a star that "comes to" a city for its showcase or fan meeting: a K-pop
        # act's event (other), else a star's (news), never a work's release
        if kpop(doc):
            return _say(Kind.OTHER, f"a K-pop act's event {event.group(0)!r}")
        m = None
    if m and not headline(CALLED_OFF):
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
    # (a name and its year heads a catalogue's page too: only a text that judges it)
    if is_bare_title(title) and (
        CRITIC_BODY.search(doc.body, doc.folded_body)
        or (
            not TITLE_YEAR.match(title)
            and (
                FILM_WORDS.search(doc.body, doc.folded_body)
                or latinscript.about_film(doc.body, doc.folded_body, doc.words_all)
            )
        )
    ):
        return _say(Kind.REVIEW, "headline is the film's name and the text judges it")
    kind, why, by_history = weigh_signals(doc, film, feed, learned)
    return KindResult(kind, f"kind={kind.value}: {why}", by_history, why.startswith(DEFAULT))
