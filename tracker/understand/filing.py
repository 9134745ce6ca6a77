"""How the outlet filed an entry: the bracket tag before its headline ("[리뷰]", "[Photos]"),
its section categories and its link path ("/reviews/minari/").

Owns reading those filing marks, which outlets set even when the headline never says
"review", and the one check of whether an entry is about film at all (its words of film, or a
film section in its link: ``about_film``). Must not weigh them against the headline or the
text: the kind and film extractors decide what a mark is worth.
"""

from __future__ import annotations

import re

from tracker.understand import latinscript
from tracker.understand.document import Document
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.vocabulary import FILM_WORDS

#: "[드라마 리뷰] 트리거 (디즈니+) – ...": a tag in brackets, then the rest of the headline
BRACKET = Pattern(r"^\s*[\[【〔](?P<tag>[^\]】〕]{1,40})[\]】〕]\s*(?P<rest>.*)$")
REVIEW_TAG = Pattern(
    r"review|리뷰|별점|평론|critique|crítica|kritik|reseña|resenha|recensione|ulasan|resensi|"
    r"recension|anmeldelse|arvostelu|"
    # a column that looks at one work: "[TV 들여다보기]", "[D:방송 뷰]", 【シネマ推し】, 【映画評】
    r"(?:방송|TV|영화|드라마|OTT|문화)\s?(?:뷰|들여다보기|읽기|톺아보기|돋보기)$|(?:^|\s)비평$|"
    r"シネマ推し|映画評|"
    # a Korean desk's first-episode review ("[첫방] '마이 유스', 느리게 흐르는 첫사랑의 시간")
    # (a cinema column by its name: "[씨네제주]", "[씨네리뷰]")
    r"^批評$|^첫방$|^씨네",
    re.IGNORECASE,
)
OTHER_TAG = Pattern(
    r"photo|still|gallery|poster|trailer|teaser|video|clip|게시판|포토|화보|영상|예고편|"
    r"포스터|스틸|quiz|podcast|giveaway|event|이벤트|공지|알림",
    re.IGNORECASE,
)

_REVIEW_CATEGORY = Pattern(
    r"^(?:(?:film|movie|tv|series|drama|k-drama|festival|capsule|streaming)\s+)?reviews?$|"
    r"^(?:criticism|critique|critics?|영화평)$|^(?:영화|드라마|시리즈|OTT|방송|TV)?\s?(?:리뷰|평론|비평)$|"
    # a recap is a review of its episode; a critic's notebook or pick is a critic's
    r"^(?:(?:tv|episode|k-drama|drama)\s+)?recaps?$|^critic['’]s (?:notebook|picks?|choice)$|"
    # Chinese and Japanese outlets' review sections
    r"^(?:影評|影评|劇評|剧评|(?:映画|ドラマ)?レビュー|映画評)$|"
    # German, French, Spanish, Portuguese, Italian and Indonesian ones
    r"^(?:(?:Film|Serien|Kino)?kritik(?:en)?|critiques?(?:\s+(?:films?|séries?))?|"
    r"críticas?(?:\s+de\s+(?:cine|series))?|reseñas?|resenhas?|recensioni|recensione|"
    r"ulasan(?:\s+film)?|resensi(?:\s+film)?|recensies?|recenzje|recenzja|incelemeler?|"
    r"inceleme|eleştiri(?:ler)?|đánh\s+giá(?:\s+phim)?|(?:film|serie)?recension(?:er)?|arvostelu(?:t)?|"
    r"(?:film|serie)?anmeldelser?)$",
    re.IGNORECASE,
)
_REVIEW_LINK = Pattern(
    r"^https?://[^/]+(?:/[^/?#]*)*?/(?:reviews?|criticism|critique|film-reviews?|movie-reviews?|"
    r"tv-reviews?|recension|recensioner|anmeldelse|anmeldelser|recensione|recensioni|kritik|"
    r"kritiken|criticas?|resenhas?|resenas?|recenzje|recensies)/|/review-[\w-]+|"
    r"[\w]-(?:review|arvostelu|recension|anmeldelse)(?:-[\w-]*)?/?(?:$|[?#.])",
    re.IGNORECASE,
)
#: what a headline under a Chinese or Japanese outlet's review tag reports, or reviews that is
#: no screen work (those tags are set loosely, on news of the work too)
_CJK_NEWS_OR_GAME = Pattern(
    r"公布|开机|開機|收视|收視|票房|入围|入圍|決定|発表|突破|1位|首位|視聴数|興行|リメイク|"
    r"キャスト|游戏|遊戲|ゲーム|プレイ|评测|評測"
)
#: a Chinese or Japanese category (kana or ideographs; Korean outlets' 리뷰 is a section)
_CJK_TAG = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
#: a critic's words in a Chinese or Japanese headline or lead
_CJK_JUDGES = Pattern(
    r"观后感|觀後感|值得|好看|神剧|神劇|烂片|爛片|评分|評分|感想|ネタバレ|考察|评价|評價|可惜|精彩|"
    r"失望|推荐|推薦|★|拍成|史诗|史詩|迷人|惊人|驚人|繁複|繁复|冗长|冗長|见事|見事|傑作|杰作|秀逸|"
    r"物足りな|惜しい|語りすぎ|美则美矣|美則美矣"
)
_NEWS_CATEGORY = Pattern(r"^(?:news|뉴스|box office|박스오피스|interviews?|features?)$", re.I)
#: a review of music, not of a film: "Song Reviews", "/artms-glass-orbit-album-review/"
_MUSIC = r"(?:songs?|albums?|singles?|tracks?|music|concerts?|mvs?|k-pop|음반|앨범)"
_MUSIC_REVIEW_CATEGORY = Pattern(rf"^(?:{_MUSIC}|eps?)\s*(?:reviews?|리뷰)$", re.IGNORECASE)
_MUSIC_REVIEW_LINK = Pattern(rf"[/-]{_MUSIC}-reviews?\b", re.IGNORECASE)
#: what a concert film, a K-pop documentary or an episode is filed under, or called
_SCREEN = Pattern(
    r"\b(?:films?|movies?|cinemas?|documentar(?:y|ies)|tv|series|k-?dramas?|dramas?|episodes?)\b|"
    r"영화|드라마|다큐",
    re.IGNORECASE,
)


def _music_review(doc: Document) -> str | None:
    """A review of music: filed so, or so in its link, and nothing calls it a film's or a
    series' (a concert film filed under Film, a K-pop documentary, an episode)."""
    filed = next((c for c in doc.categories if _MUSIC_REVIEW_CATEGORY.match(c.strip())), None)
    found = f"category {filed!r}" if filed is not None else None
    if found is None and doc.link and _MUSIC_REVIEW_LINK.search(doc.link):
        found = "a music review link path"
    if found is None:
        return None
    if any(_SCREEN.search(c) for c in doc.categories) or _SCREEN.search(doc.title):
        return None
    return found


def review_meta(doc: Document) -> str | None:
    """A review category or a review link path ("/reviews/minari/"), unless a category says
    news, or the review is of music ("Album Reviews", "/...-song-review/"): outlets file reviews
    under a section even when the headline never says "review"."""
    if any(_NEWS_CATEGORY.match(c) for c in doc.categories) or _music_review(doc):
        return None
    for category in doc.categories:
        if _REVIEW_CATEGORY.match(category):
            if _CJK_TAG.search(category) and (
                _CJK_NEWS_OR_GAME.search(doc.headline)
                or not _CJK_JUDGES.search(f"{doc.headline} {doc.body[:400]}")
            ):
                # a tag more than a section: "…收视创新高", "…海报曝光", "…プレイ感想" under
                # 剧评; trusted where the headline or the lead judges the work
                continue
            return f"category {category!r}"
    if doc.link and _REVIEW_LINK.search(doc.link):
        return "a review link path"
    return None


#: a section of items that are no report, review or release: quizzes, rankings, lists (not
#: "Photos": a news story filed with its pictures is still news)
_OTHER_CATEGORY = Pattern(
    r"^(?:quiz(?:zes)?|rankings?|lists?|listicles?|ランキング|クイズ|순위|랭킹|퀴즈|"
    # a photo shoot's pictorial: 화보, グラビア
    r"화보|pictorials?|グラビア)$",
    re.IGNORECASE,
)


def other_meta(doc: Document) -> str | None:
    """A category of items that are neither news, a review nor a release ("Quiz", "ランキング"),
    or the filing of a music review; the kind decides whether the headline reports something
    all the same."""
    for category in doc.categories:
        if _OTHER_CATEGORY.match(category.strip()):
            return f"category {category!r}"
    return _music_review(doc)


#: a news section in the link path ("/news/", "/entertainment/news/"), not a CMS's article
#: viewer that every story of a Korean outlet goes through ("/news/articleView.html")
_NEWS_LINK = Pattern(
    r"^https?://[^/]+(?:/[^/?#]*)*?/(?:news|breaking-news|industry-news)/(?!articleView|view\b)",
    re.IGNORECASE,
)


#: what ``news_meta`` says of a news link path
NEWS_LINK = "a news link path"


def news_meta(doc: Document) -> str | None:
    """A news category ("News", "뉴스", "Box Office") or a news section in the link path."""
    for category in doc.categories:
        if _NEWS_CATEGORY.match(category):
            return f"category {category!r}"
    if doc.link and "news" in doc.link.lower() and _NEWS_LINK.search(doc.link):
        return NEWS_LINK
    return None


#: a critic's byline: "Reviewed by Jane Doe", "Review by", "영화평론가 이동진", "film critic"
_REVIEWER = Pattern(
    r"^\s*(?:reviewed|review|critique)\s+by\b|\b(?:film|movie|chief|tv)\s+critic\b|평론가",
    re.IGNORECASE,
)


def reviewer_line(doc: Document) -> str | None:
    """The author line, or the body's first line, naming the writer as a critic or the piece as
    a review ("Reviewed by Jane Doe")."""
    if doc.author and _REVIEWER.search(doc.author):
        return f"author line {doc.author[:60]!r}"
    first = doc.body[:120].split("\n", 1)[0]
    m = _REVIEWER.match(first)
    if m and m.group(0).strip().lower().startswith(("reviewed", "review", "critique")):
        return f"byline {first[:60]!r}"
    return None


#: a film or television section of the link's path ("/film/2025/...", "/entertainment/movies/",
#: "/peliculas/", "/phim-anh/"), a folder of its own between slashes
_FILM_SECTION = Pattern(
    r"^https?://[^/]+(?:/[^/?#]*)*?/(?:film|films|movie|movies|cinema|kino|filme|filmes|"
    r"pelicula|peliculas|cine|phim|phim-anh|sinema|drama|dramas|k-drama|kdrama|series|tv-series|"
    r"film-tv|tv-film|movies-tv|tv-movies)/",
    re.IGNORECASE,
)


def about_film(doc: Document) -> bool:
    """Whether the entry tells of film or television anywhere: a word of film in English or
    another language (``FILM_WORDS``, ``latinscript``), or a film section in its link's path
    ("/film/2025/nootherchoice/recensione" over an Italian review that names no film word)."""
    return (
        FILM_WORDS.search(doc.all_text, doc.folded_all, doc.words_all) is not None
        or latinscript.about_film(doc.all_text, doc.folded_all, doc.words_all)
        or (bool(doc.link) and _FILM_SECTION.search(doc.link) is not None)
    )
