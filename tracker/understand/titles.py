"""The shapes of a title in running text: quoted titles (and quotations that are not titles),
phrases that read as titles, titles set in capitals, and the tidying of an extracted title
(a trailing "(2023)", a season suffix, a Korean alias in brackets).

Pure string work: must not know the curated lexicon, the headline's grammar or the entry;
the headline and film modules decide where a title is.
"""

from __future__ import annotations

import re

from tracker.understand.scan.prefilter import Pattern
from tracker.understand.vocabulary import HEADLINE_VERB, NUMBER_WORDS, PLATFORM_NAMES

#: what may stand before an opening quote and after a closing one; Korean headlines list
#: titles with a middle dot and an ellipsis ("뭐 볼까…'A'·'B' 시즌2")
_OPEN_CONTEXT = r"(?:(?<=^)|(?<=[\s(\[{:/,;…·]))"
_CLOSE_CONTEXT = r"(?=$|[\s,.:;!?)\]…·\-])"
_QUOTED = Pattern(
    _OPEN_CONTEXT
    # an apostrophe between letters ("Traveler's") is not a closing quote
    # (French sets its guillemets apart with a space: "« Moonglade »")
    + r"(?P<q>['\"])[ \u00a0\u202f]?(?P<text>(?=\S)(?:[^'\"]|(?<=\w)'(?=\w)){1,120}?(?<=\S))"
    + r"[ \u00a0\u202f]?(?P=q)"
    + _CLOSE_CONTEXT
)
#: a Korean phrase quoted before the particle Korean attaches to it ("'모범택시3'가 남긴 것"):
#: a title as often as an emphasis ("'1000만'이 보인다", "'칸의 여왕'이 돌아왔다"), so the
#: caller decides
_QUOTED_BEFORE_PARTICLE = Pattern(
    _OPEN_CONTEXT
    + r"'(?P<text>[가-힣\d][가-힣\d\s:·,!?]{0,40}?[가-힣\d!?])'"
    + r"(?=이|가|은|는|을|를|의|에|와|과|로|으로|도|만|처럼|까지|부터|보다|라는)"
)


def quoted_before_particle(text: str) -> list[str]:
    """Korean phrases quoted with '...' right before a particle (see ``quoted``, which skips
    them: there, the closing quote reads as an apostrophe)."""
    return [m.group("text") for m in _QUOTED_BEFORE_PARTICLE.finditer(text)]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes something ('X', "X", 《X》, 『X』; apostrophes are no quotes), as
    ``(start, end)``."""
    return [m.span() for m in _QUOTED.finditer(text)] + [
        m.span() for m in _BOOK_TITLE.finditer(text)
    ]


def quoted(text: str) -> list[str]:
    """Strings between matching quotes ('X', "X", curly ones already made plain), skipping
    apostrophes ("Netflix's", "Critics' Week")."""
    return [m.group("text").strip() for m in _QUOTED.finditer(text)]


_PRONOUN = Pattern(
    r"\b(?:I|I'm|I've|(?i:me|my|we|us|our|you|your|he|him|his|she|her|they|them|it's))\b"
)


def is_speech(quote: str) -> bool:
    """A quotation, not a title: a sentence-case clause with a pronoun ("Chekhov gave me the
    grammar"). Titles are title case ("I Saw the Devil"), so their words are capitalised."""
    if _KANA_SPEECH.search(quote):
        return True  # 「仕事を失うことは、自分を失うことなのか」: a Japanese clause, not a title
    words = quote.split()
    lower = [w for w in words if w[0].islower() and w.lower() not in SMALL_WORDS]
    return len(words) >= 3 and len(lower) >= 2 and bool(_PRONOUN.search(quote))


#: a Japanese quote that is a clause: a question's or a sentence's ending (a title may hold a
#: comma: 『82年生まれ、キム・ジヨン』)
_KANA_SPEECH = Pattern(r"[\u3040-\u309f](?:のか|ですか|ますか|でした|ました|です|ます)$")


#: a headline that is a person's words: "Kim Go-eun: 'Eun-jung and Sang-yeon Taught Me How to
#: Say Goodbye'", the whole of it after the name quoted
_ATTRIBUTED = Pattern(
    r"^(?P<who>[A-Z][\w.'-]*(?:[ -][A-Z][\w.'-]*){0,3}):\s*['\"](?P<said>[^'\"]+)['\"]\s*$"
)
_FIRST_PERSON = Pattern(r"\b(?:I|I'm|I've|I'd|(?i:me|my|we|us|our))\b")
#: the fewest words of an attributed quote that speaks in the first person: "Love Me", "My
#: Mister" and "Marry My Husband" are titles a person may be quoted with
_ATTRIBUTED_WORDS = 6


def attributed_quote(headline: str) -> str | None:
    """The words of a headline that quotes a named person in the first person, title case or
    not (a title is rarely six words long and about its speaker); None for any other."""
    m = _ATTRIBUTED.match(headline)
    if m is None or not (" " in m.group("who") or "-" in m.group("who")):
        return None  # ("Netflix: 'When I Was the Most Beautiful'" names a service, not a speaker)
    said = m.group("said").strip()
    if len(said.split()) >= _ATTRIBUTED_WORDS and _FIRST_PERSON.search(said):
        return said
    return None


#: "X (2025)", also with the festival it was seen at after it ("X (2025) NYFF 2025")
TITLE_YEAR = Pattern(
    r"^(?P<film>.+?)\s*\((?P<year>(?:19|20)\d\d)\)\s*(?:[A-Z]{2,8}\s+(?:19|20)\d\d\s*)?$"
)
#: the service or the home format a title's release is on, after it ("Mission: Cross Netflix",
#: "No Other Choice Blu-ray and 4K" before "Release Date")
RELEASED_ON_AFTER = Pattern(
    rf"\s+{PLATFORM_NAMES}(?:['’]s)?$|"
    r"\s+(?:4K(?:\s+Ultra\s+HD)?|Blu-ray|DVD|UHD|Digital)(?:\s*(?:and|&|/|,)\s*(?:4K|Blu-ray|DVD|"
    r"UHD|Digital))*$"
)
#: a podcast episode's number before its subject ("Episode 426: ", "Ep. 112: ", "#301 - ")
PODCAST_EPISODE = Pattern(r"^(?:Episode|Ep\.?|#)\s*\d{1,4}\s*[:\-–—|]\s*", re.IGNORECASE)
#: an uncurated Hangul title with its season's number ("구멍가게 표류기2"), read so in a text
#: about a series' seasons or episodes (a film's sequel keeps its number: "범죄도시2")
HANGUL_SEASON = Pattern(r"^(?P<film>.*[가-힣])(?P<n>[2-9])$")
SERIES_TEXT = Pattern(r"시즌|예능|\d{1,2}회|회차|부작")
#: "Class N" is how some series number their seasons ("Weak Hero Class 2"), like "Season N"
_SEASON_WORD = r"(?:Season|Series|Class|시즌)"
SEASON_SUFFIX = Pattern(
    rf"^(?P<film>.+?)[:,]?\s+{_SEASON_WORD}\s*(?P<n>\d{{1,2}})\s*$", re.IGNORECASE
)


_TRAILING_PUNCTUATION = Pattern(r"\s*[-–—:|,]\s*$")
_BY_AFTER_YEAR = Pattern(r"\)\s+by\s+[A-Z][\w.\- ]+$")
#: its director after it ("X by Director"; Italian, Spanish and French: "La grazia, di Paolo
#: Sorrentino", "X, de Director", "X, par Director")
_BY = Pattern(r"(?:\s+by|,\s+(?:di|de|par|von))\s+[A-Z][\w.\- ]+$")
_LATIN = Pattern(r"[A-Za-z]")
_HANGUL_ALIAS = Pattern(r"\s*[(\[（]\s*[가-힣][가-힣\d\s:,.!?·'’-]*[)\]）]\s*$")


#: a festival and its year heading a headline ("LFF 2025: Project Y review"): where the work was
#: seen; an acronym or a festival's name, always with the year
_FESTIVAL_YEAR_LEAD = Pattern(
    r"^(?:[A-Z]{2,6}|Cannes|Venice|Berlinale|Sundance|Busan|Toronto|Locarno|Rotterdam|Tribeca|"
    r"Telluride|Fantasia|Sitges|Jeonju|Bucheon|London|New York)\s+(?:19|20)\d\d\s*:\s+(?=\S)"
)
#: the episodes a review covers, in brackets after the title ("Made in Korea (Episodes 1-2)")
_EPISODES_AFTER = Pattern(
    r"\s*[(\[]\s*(?i:episodes?|eps?\.?)\s*\d{1,3}(?:\s*(?:-|–|&|and|to)\s*\d{1,3})?\s*[)\]]\s*$"
)
#: what a headline says of a work after its title, never the title's: its episodes, recap,
#: volume, premiere, trailer, the way to stream it, a critic's last word on it ("Honour Episodes
#: 3-4 Recap", "Pluribus Series Premiere", "Stranger Things 5 Volume 2", "Namib: Episodes 1-2",
#: "Mary Kills People: Final Thoughts", "Second Shot At Love Premieres Tomorrow", "The Lost Bus
#: Streaming")
_SAID_AFTER_TITLE = Pattern(
    r"(?::\s*|\s+)(?:(?:Series|Season)\s+(?:Premiere|Finale)|"
    r"(?:Episodes?|Eps?\.?)\s*\d{1,3}(?:\s*(?:-|–|&|and|to)\s*\d{1,3})?"
    r"(?:\s+(?:Recap|Review))?(?:\s+(?:And|&))?|Recap(?:\s+(?:And|&))?|"
    r"(?:\d{1,2}\s+)?(?:Volume|Vol\.)\s*\d{1,2}|Final\s+Thoughts|First\s+Look|Trailer|"
    r"Teaser|Streaming|(?:Premieres|Debuts|Arrives|Airs|Streams)\s+(?:Tomorrow|Today|Tonight|"
    r"This\s+\w+|Next\s+\w+))$"
)
#: the last words of ``_SAID_AFTER_TITLE`` (or a number)
_SAID_LAST_TEXT = (
    "premiere finale recap and & review thoughts look trailer teaser streaming tomorrow today "
    "tonight week weekend month monday tuesday wednesday thursday friday saturday sunday"
)
_SAID_LAST = frozenset(_SAID_LAST_TEXT.split())
#: a festival after a dash is where the critic saw the work, not its title
_AT_FESTIVAL = Pattern(
    r"\s+[-–—]\s+[^-–—]*\b(?:Film Festival|Festival|Fest|TIFF|Sundance|Cannes|Berlinale|"
    r"Venice|BFI|NYFF|LFF|BIFF|Busan|SXSW|Telluride|Locarno|Rotterdam)\b[^-–—]*$"
)


def clean_film(text: str) -> tuple[str, int | None, int | None]:
    """Tidy an extracted title; split off "(2023)" and a season suffix."""
    film = text.strip().strip("'\"").strip()
    film = _TRAILING_PUNCTUATION.sub("", film)
    year: int | None = None
    season: int | None = None
    film = _BY_AFTER_YEAR.sub(")", film)  # "Review: X (2023) by Director"
    m = TITLE_YEAR.match(film)
    if m:
        film, year = m.group("film"), int(m.group("year"))
    m = SEASON_SUFFIX.match(film)
    if m:
        film, season = m.group("film"), int(m.group("n"))
    film = _BY.sub("", film)  # "Film Review: X (2023) by Director"
    film = _AT_FESTIVAL.sub("", film)  # "The World of Love – BFI London Film Festival"
    film = _FESTIVAL_YEAR_LEAD.sub("", film)  # "LFF 2025: Project Y"
    film = _EPISODES_AFTER.sub("", film)  # "Made in Korea (Episodes 1-2)"
    for _ in range(2):  # ("Honour Episodes 3-4 Recap And", then nothing more)
        last = film.rpartition(" ")[2].lower()
        if not (last in _SAID_LAST or last[-1:].isdigit()):
            break  # (a word no such tail ends with: no search)
        said = _SAID_AFTER_TITLE.search(film)
        if said is None or said.start() == 0:
            break
        film = film[: said.start()]
        m = SEASON_SUFFIX.match(film) if season is None else None
        if m:  # ("Paper Lanterns Season 2 Episode 4": the season before the episode)
            film, season = m.group("film"), int(m.group("n"))
    if _LATIN.search(film):
        # "Boyhood (소년시대)": the Korean title in brackets after the English one is an alias
        film = _HANGUL_ALIAS.sub("", film)
    return film.strip().strip("'\"").strip(), year, season


_SMALL_WORD_LIST = "a an the of and or in on at to for by with from as vs"
SMALL_WORDS = frozenset(_SMALL_WORD_LIST.split())


def title_case(caps: str) -> str:
    """ "THE PLOT OF SAND" -> "The Plot of Sand" (an uncurated title set in capitals)."""
    words = caps.lower().split()
    out = []
    for index, word in enumerate(words):
        if index and word in SMALL_WORDS:
            out.append(word)
        else:
            out.append(re.sub(r"^(\W*)(\w)", lambda m: m.group(1) + m.group(2).upper(), word))
    return " ".join(out)


#: Title Case headline openings that start a sentence, not a title
_NOT_A_TITLE_START_WORDS = (
    "Why How What When Where Who Which Everything Here This These Our Your Best New Top Every "
    "Inside Watch Exclusive Netflix Netflix's"
)
NOT_A_TITLE_START = frozenset(_NOT_A_TITLE_START_WORDS.split())


def looks_like_title(text: str, max_words: int = 7) -> bool:
    """Whether an unquoted phrase reads as a title: a few words, each capitalised (or a small
    word or a number), and no headline verb among them ("Alice in Borderland", not "Netflix
    Sets")."""
    words = text.split()
    if not 1 <= len(words) <= max_words or not (text[0].isupper() or text[0].isdigit()):
        return False
    if HEADLINE_VERB.search(f" {text}") or words[0] in NOT_A_TITLE_START:
        return False
    if len(words) > 1 and words[-1].lower() in SMALL_WORDS:
        return False  # "Everything We Know About (Season 2)"
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in SMALL_WORDS for w in words)


def title_words(text: str, max_words: int = 10) -> bool:
    """Whether a phrase reads as a title allowing inner punctuation ("Rebel Moon – Part One: A
    Child of Fire"): every word capitalised, a number or a small word, no headline verb."""
    words = [w for w in text.split() if re.search(r"\w", w)]
    if not 1 <= len(words) <= max_words or words[0] in NOT_A_TITLE_START:
        return False
    if HEADLINE_VERB.search(f" {text}"):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in SMALL_WORDS for w in words)


_SEASON_N = Pattern(r"\bSeasons?\s+(\d{1,2})\b(?!\s*(?:and|&|-|–)\s*\d)", re.IGNORECASE)
_SIJEUN_N = Pattern(r"시즌\s?(\d{1,2})")
_NTH_SEASON = Pattern(r"\b(first|second|third|fourth|fifth)\s+season\b", re.IGNORECASE)
_SEASONS = Pattern(r"\bseasons\b", re.IGNORECASE)


def season_in(text: str) -> int | None:
    """The season a headline names ("Season 2", "시즌2", "second season"), not a range."""
    m = _SEASON_N.search(text)
    if m:
        return int(m.group(1))
    m = _SIJEUN_N.search(text)
    if m:
        return int(m.group(1))
    m = _NTH_SEASON.search(text)
    if m and not _SEASONS.search(text):
        return NUMBER_WORDS[m.group(1).lower()]
    return None


#: Korean book-title brackets, which mark a work's title the way quotes do in English
#: (《기생충》, 〈괴물〉, 『소년이 온다』, 「밀양」); 「」 and 『』 are made plain quotes in the
#: document's title, so they are read from the raw text
_BOOK_TITLE = Pattern(r"[《〈『「](?P<text>[^《》〈〉『』「」\n]{1,60}?)[》〉』」]")
_HANGUL = re.compile("[가-힣]")


def book_titles(text: str) -> list[str]:
    """The strings between book-title brackets, in order, but a section's label ("〈影評〉");
    in a Japanese or Chinese text that also marks titles with 『』 or 《》, not the 「」 ones
    that read as speech (``_speech_in_brackets``: "来日「撮影中ずっと助けてもらった」　映画『良い
    知らせ』"), where a Korean text marks a short work's title with them."""
    found = [
        (m, m.group("text").strip())
        for m in _BOOK_TITLE.finditer(text)
        if not _SECTION_IN_BRACKETS.fullmatch(m.group("text").strip())
    ]
    if any(m.group(0)[0] in "『《" for m, _ in found) and not _HANGUL.search(text):
        found = [(m, title) for m, title in found if not _speech_in_brackets(m, title, text)]
    return [title for _, title in found if title]


#: a section's label in title brackets, not a title: "〈影評〉《別無選擇》", "〈專訪〉"
_SECTION_IN_BRACKETS = re.compile(r"影評|影评|劇評|剧评|專訪|专访|新聞|新闻|인터뷰|리뷰|레터|칼럼")
#: how a Japanese or Chinese sentence ends: a quotation, not a title ("…助けてもらった",
#: "…幸せです", "太感動了")
_SENTENCE_END = re.compile(r"(?:た|だ|です|ます|よ|ね|な|い|せ|る|う|！|？|!|\?|了|吧|啊|呢)$")
#: the kind of work right before a bracket: a title follows ("ドラマ「涙の女王」")
_WORK_BEFORE = re.compile(r"(?:ドラマ|映画|主演|新作|作品|番組|劇|電影)\s*$")


def _speech_in_brackets(m: re.Match[str], title: str, text: str) -> bool:
    """Whether a 「」 in a text that also marks titles with 『』 or 《》 quotes speech: it ends
    as a sentence does, or is long and mostly kana, and no kind of work comes before it."""
    if m.group(0)[0] != "「" or _WORK_BEFORE.search(text, 0, m.start()):
        return False
    kana = sum("\u3041" <= ch <= "\u309f" for ch in title)
    return bool(_SENTENCE_END.search(title)) or (len(title) >= 10 and kana * 2 >= len(title))


#: what follows a title when the entry states it in the other script too: an optional closing
#: mark, then the other form in brackets ("The Quiet Orchard (고요한 과수원)", "《고요한
#: 과수원》(The Quiet Orchard)")
_BRACKETED_AFTER = Pattern(
    r"[\s'\"》〉』」]{0,3}[(\[（]\s*(?P<alias>[^()\[\]（）\n]{1,60}?)\s*[)\]）]"
)
_HANGUL_ONLY = Pattern(r"[가-힣][가-힣\d\s:,.!?·'-]*")
#: words in brackets after a title that say something about it, not its other name
_NOT_AN_ALIAS = Pattern(
    r"감독|주연|출연|배우|개봉|공개|시즌|넷플릭스|디즈니|티빙|쿠팡|웨이브|왓챠|애플|극장|"
    r"영화|드라마|예고편|리뷰|평점|원제|한국|미국|일본|중국"
)
#: "(Park Min-ji)": a romanised Korean name, not a title
_ROMANISED_NAME = Pattern(r"^[A-Z][a-z]+\s+[A-Z][a-z]+-[a-z]+$")
_ROMANISED_TITLE_YEAR = Pattern(r"^(?:19|20)\d\d$")
#: kana or kanji: a title as a Japanese outlet writes it ("ハーバー・ライツ", "夜の港")
_JAPANESE = Pattern(r"[\u3040-\u30ff\u4e00-\u9fff]")
#: "（原題：밤의 항구）", "（英題：Night Harbour）": how Japanese outlets introduce the other form
_JAPANESE_ALIAS_LEAD = Pattern(r"^(?:原題|英題|英語題|韓国題|邦題)\s*[:：]\s*")


def other_script_alias(text: str, title: str) -> str | None:
    """The same title in the other script, when ``text`` states it in brackets right after
    ``title``: Hangul after a romanised or English title, a title-case English one after a
    Hangul title, either after a Japanese one ("『夜の港』（原題：밤의 항구）"). None for
    what brackets usually hold instead (a year, a platform, a director's credit, a romanised
    name)."""
    hangul = bool(_HANGUL_ONLY.search(title))
    japanese = not hangul and bool(_JAPANESE.search(title))
    start = text.find(title)
    while start >= 0:
        m = _BRACKETED_AFTER.compiled.match(text, start + len(title))
        if m:
            alias = m.group("alias").strip()
            if japanese:
                # a Japanese title gives its original (Hangul) or English form, mostly so named
                led = _JAPANESE_ALIAS_LEAD.match(alias) is not None
                alias = _JAPANESE_ALIAS_LEAD.sub("", alias)
                if _HANGUL_ONLY.fullmatch(alias) and not _NOT_AN_ALIAS.search(alias):
                    return alias
                # an English form only when so named ("英題："): brackets after a Japanese
                # title mostly hold a cast, a season or a credit ("（Season 2）", "（Kim
                # Soo-hyun主演）"), never the film's name
                if not led or _JAPANESE.search(alias):
                    start = text.find(title, start + 1)
                    continue
                hangul = True  # as after a Hangul title
            if not hangul and _HANGUL_ONLY.fullmatch(alias) and not _NOT_AN_ALIAS.search(alias):
                return alias
            if (
                hangul
                and not _HANGUL_ONLY.search(alias)
                and title_words(alias, 8)
                and not _ROMANISED_NAME.match(alias)
                and not _ROMANISED_TITLE_YEAR.match(alias)
                and len(alias) >= 2
            ):
                return alias
        start = text.find(title, start + 1)
    return None


def is_sentence(quote: str) -> bool:
    """A quoted clause in sentence case, "Korean cinema is at a crossroads": four or more
    words, two or more of them lower-case words that a title would capitalise. A line of
    dialogue or a pull quote, not a title (titles in English headlines are title case)."""
    words = quote.split()
    if len(words) < 4:
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in SMALL_WORDS]
    return len(lower) >= 2
