"""The critic's rating an entry states, on the 5-point scale: "3/5 stars", "Rating: 9/10",
"★★★½", "Grade: B+", "Three stars out of four", "평점 6점", "10점 만점에 9점", "★ 4.5",
schema.org's ``"ratingValue": "4"`` with its ``bestRating``.

Owns the rating forms of the shared data README and their conversion, and the rules that keep
audience scores (IMDb, 네티즌) and fractions out. Reads the raw texts (before quote folding)
so the rating text is quoted exactly. Must not decide whether the entry is a review: the
orchestrator drops a rating where the kind says it cannot be a critic's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from tracker.text import plain_quotes
from tracker.understand.document import Document
from tracker.understand.scan.prefilter import Pattern, fold
from tracker.understand.vocabulary import NUMBER_WORDS


@dataclass(frozen=True)
class Rating:
    """The entry's rating, the text stating it, how many ratings the entry states (several
    different ones make a roundup, whose rating is null), and why."""

    value: float | None = None
    text: str | None = None
    seen: int = 0
    reason: str | None = None


_LETTER_GRADES = ["F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"]
_WORD_NUM = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|half a|a half)"
_NOT_CRITIC = Pattern(
    r"IMDb|Rotten Tomatoes|Metacritic|Letterboxd average|TMDB|audience|users|viewers|"
    # user aggregates of dramas and films ("8.9/10 on MyDramaList", "豆瓣8.5")
    r"MyDramaList|MDL\b|AsianWiki|Douban|豆瓣|"
    r"네티즌|관람객|실관람|관객\s?평점|시청자\s?평점|에그지수|ユーザー|平均|"
    # portals and apps: their users' scores ("네이버 평점 9.1", "Filmarksで4.3")
    r"네이버|다음 영화|포털|왓챠|키노라이츠|Filmarks|フィルマークス|映画\.com|Yahoo",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Found:
    value: float
    text: str
    pos: int


def _number(token: str) -> float:
    token = token.lower().strip()
    if token in ("half a", "a half"):
        return 0.5
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    return float(token.replace("½", ".5").replace(",", "."))


def _rating_patterns() -> list[tuple[Pattern, str]]:
    num = r"(\d{1,2}(?:\.\d{1,2})?|\d?½)"
    return [
        (Pattern(r"(\d{1,3}(?:\.\d+)?)\s*점\s*만점에\s*(\d{1,3}(?:\.\d+)?)\s*점"), "ko_of"),
        # "별점: 5개 만점에 3.5개": stars counted out of five
        (Pattern(r"([1-9]|10)\s*개\s*만점에\s*(\d{1,2}(?:\.\d)?)\s*개"), "ko_of"),
        # Japanese: "85点（100点満点）", "100点満点中85点"
        # (the first 点 may go: "評価 4.5（5点満点）")
        (Pattern(r"(\d{1,3}(?:\.\d+)?)\s*点?\s*[（(]\s*(\d{1,3})\s*点満点\s*[)）]"), "ja_of"),
        # a Norwegian critic's die ("Terningkast 5"): out of six
        (Pattern(r"\b[Tt]erningkast\s*:?\s*([1-6])\b"), "dice"),
        # and Korean: "평점: 3.5점 (5점 만점)"
        (Pattern(r"(\d{1,3}(?:\.\d+)?)\s*점\s*[（(]\s*(\d{1,3})\s*점\s*만점\s*[)）]"), "ja_of"),
        (Pattern(r"(\d{1,3})\s*点満点中\s*(\d{1,3}(?:\.\d+)?)\s*点"), "ja_scale_of"),
        # Japanese stars counted: "（評価：星4つ）", "採点：星3つ半" (labelled or bracketed, so
        # "星4つホテル", a four-star hotel, is none)
        (
            Pattern(
                r"(?:(?:評価|採点)\s*[:：]?\s*|[（(]\s*)星\s*([1-5])\s*つ\s*(半)?"
                r"(?=\s*(?:[)）。、]|$))",
                re.MULTILINE,
            ),
            "ja_stars",
        ),
        (
            Pattern(
                # (not the decimals of "8,5/10": ``latin_of`` reads that)
                # (and "4.5 of 5" after a score's label: "Overall score: 4.5 of 5")
                rf"(?<![\d/.,]){num}\s*(?:/|out of|of)\s*(10|5|4|100)\b(?:\s*stars?)?(?![/\d])",
                re.IGNORECASE,
            ),
            "of",
        ),
        # German, French, Spanish, Portuguese, Italian, Indonesian, Swedish, Norwegian, Danish:
        # "4 von 5 Sternen", "3,5 sur 5", "4 de 5 estrellas", "8,5/10", "Betyg: 4 av 5", "5 ud
        # af 6 stjerner" (Danish critics score out of six) (a decimal comma; a score's words or
        # the line's end after it: "3 de 5 episodios" is none)
        (
            Pattern(
                r"(?<![\d/.,])(\d{1,2},\d{1,2}|\d{1,2})\s*(?:/|von|sur|de|su|dari|em|av|ud\s+af|"
                r"af)\s*(10|5|100|(?<=a[fv] )6)\b(?![/\d,])(?=\s*(?:Sternen|Sterne|Punkten|étoiles|"
                r"estrellas|estrelas|stelle|bintang|points|puntos|pontos|punti|poin|stjärnor|"
                r"stjerner|poäng|poeng|$|[).;!<\n]))",
                re.IGNORECASE | re.MULTILINE,
            ),
            "latin_of",
        ),
        (
            Pattern(
                rf"\b({_WORD_NUM}(?:[- ]and[- ]a[- ]half)?)\s+stars?\s+out\s+of\s+"
                rf"(four|five|ten)\b",
                re.IGNORECASE,
            ),
            "words_of",
        ),
        (
            Pattern(
                # a label, a line of its own, or the last sentence of a paragraph ("...
                # warm and rousing. Three and a half stars.")
                rf"(?:(?:Rating|Verdict|Score|Stars)\s*[:：]\s*|^|\n|(?<=[.!?])\s+)"
                # (or its own sentence inside a paragraph: "... beautifully acted. Three and a half
                # stars. At Event Cinemas Shellharbour.")
                rf"({_WORD_NUM}(?:[- ]and[- ]a[- ]half)?)\s+stars?"
                r"(?:\.?\s*(?:$|\n)|\.(?=\s+[A-Z]))",
                re.IGNORECASE,
            ),
            "words",
        ),
        (
            Pattern(
                r"(?<![\w./-])(\d(?:\.\d)?|\d?½)\s*stars?(?=\s*(?:$|[.,;)\]\n]))",
                re.IGNORECASE | re.MULTILINE,
            ),
            "num_stars",
        ),
        (
            # a label in Title Case or capitals, and the grade alone, bracketed or not ("GRADE:
            # (C+)"): "VERDICT: A slow-burn gem" is a sentence
            Pattern(
                # ("Our grade: A-": the outlet's own, in lower case after a possessive)
                r"(?:(?:Our|My|Final|Overall)\s+(?:grade|rating|score|verdict)|"
                # ("Grade so far: B+": a first-episodes review's running grade)
                r"(?:Grade|Rating|Score)(?:\s+so\s+far)?|Verdict|GRADE|RATING|SCORE|VERDICT)\s*[:：]\s*"
                # ("A-minus", "B plus": the sign spelled out)
                r"\(?([A-F](?:\+|-|−|[-\s](?:plus|minus)(?![\w-]))?)\)?(?![\w+\-])"
                r"(?=\s*(?:$|[).,;!<]|\n))",
                re.MULTILINE,
            ),
            "grade",
        ),
        (Pattern(r"(?:평점|별점|점수)\s*[:：]?\s*(\d{1,2}(?:\.\d)?)\s*점"), "ko_point"),
        (Pattern(r"(?:^|\s)(\d{1,2}(?:\.\d)?)점\s*$", re.MULTILINE), "ko_point"),
        # "★ 4.5" (Watcha Pedia): one star glyph then the number on the 5-point scale; first,
        # so the lone glyph is not read as one star
        (
            Pattern(r"(?:(?<=\s)|(?<=^)|(?<=>))★\s?([0-5](?:\.\d)?)(?![\d./])", re.MULTILINE),
            "star_number",
        ),
        (
            # (a word in brackets may follow it: "★★★★☆（推荐）")
            Pattern(
                r"(?:(?<=\s)|(?<=^)|(?<=:)|(?<=：))([★]+½?☆*|½)(?=\s|$|[.,)（(、。，<])",
                re.MULTILINE,
            ),
            "stars",
        ),
        # schema.org's Rating as text ('"ratingValue": "4", "bestRating": "5"'); its scale
        # is read near it
        (
            Pattern(r"\bratingValue[\"“”']?\s*[:=]\s*[\"“”']?(\d{1,3}(?:\.\d{1,2})?)[\"“”']?"),
            "schema",
        ),
    ]


_RATING_PATTERNS = _rating_patterns()
#: "Three and a half stars." ends its line: "star" before the end of a line, found by ``re``
#: at memory speed (a literal leads), where the form itself is tried at every character
_STAR_AT_END = re.compile(r"stars?(?:\.?\s*(?:\n|\Z)|\.(?=\s+[a-z]))")
#: the number in words that ends just before those spaces (``endpos`` is the spaces' start)
_WORDS_BEFORE = re.compile(rf"{_WORD_NUM.lower()}(?:[- ]and[- ]a[- ]half)?\Z")
#: the longest number in words: "seven-and-a-half"
_LONGEST_WORDS = 17


def _stars_in_words(folded: str) -> bool:
    """Whether a folded text may state a rating in words ("Three and a half stars."): only
    where a number in words, spaces, and "star" end a line. Checked at each such "star"
    (a few per text) instead of running the form at every character."""
    for m in _STAR_AT_END.finditer(folded):
        spaces = m.start()
        while spaces and folded[spaces - 1].isspace():
            spaces -= 1
        if spaces == m.start():
            continue  # "stars" right after a word: no number in words before it
        if _WORDS_BEFORE.search(folded, max(0, spaces - _LONGEST_WORDS), spaces):
            return True
    return False


#: the forms that start with a number right before a word or a mark: (what follows the number
#: and its spaces, the longest number), so they are tried only before those ("3.5/5", "4
#: stars") and not at every digit of a text full of dates and years (``re`` tests each
#: character, at 7 ns; ``str.find`` skips to the mark)
_NUMBER_BEFORE: dict[str, tuple[tuple[str, ...], int]] = {
    "of": (("/", "out of", " of"), 5),
    "num_stars": (("star",), 3),
}


def _number_starts(folded: str, marks: tuple[str, ...], longest: int) -> list[int]:
    """Where a number of at most ``longest`` characters can start that spaces (or nothing)
    and one of ``marks`` follow: a superset of the places the form can match."""
    starts: set[int] = set()
    for mark in marks:
        at = folded.find(mark)
        while at >= 0:
            end = at
            while end and folded[end - 1].isspace():
                end -= 1
            for start in range(max(0, end - longest), end):
                char = folded[start]
                if char.isdigit() or char == "½":
                    starts.add(start)
            at = folded.find(mark, at + 1)
    return sorted(starts)


def _matches(pattern: Pattern, how: str, text: str, folded: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, folded)``, tried only at the places a number form can start."""
    before = _NUMBER_BEFORE.get(how)
    if before is None:
        yield from pattern.finditer(text, folded)
        return
    match = pattern.compiled.match
    end = 0
    for start in _number_starts(folded, *before):
        if start >= end and (m := match(text, start)) is not None:
            yield m
            end = m.end()  # never empty: it holds the number and the mark


#: the checks made on a match, compiled once (``re.search`` with a source looks it up in
#: ``re``'s cache at every call)
_STARS = re.compile(r"stars?", re.I)
#: the number a star run's glyphs round, in brackets after it ("★★★☆(3.5)")
_STARS_SAID = re.compile(r"\s*[（(]\s*([0-5](?:\.\d)?)\s*[)）]")
#: a star run's scale when it is not five: "★★★½ (out of four)", "★★★ / 4"
_OUT_OF_FOUR = re.compile(r"\s*\(?\s*(?:out of (?:four|4)\b|/\s*4\b)", re.I)
#: a label right before the match (searched with ``endpos`` at the match: ``$`` is there)
_LABEL = re.compile(r"(?:Score|Rating|Grade|Verdict|Stars|평점|별점)\s*[:：]?\s*$", re.I)
_SCORE = re.compile(r"(?:score|rating)", re.I)
#: "and a half" after a number in words: cut with the mark before it, looked for without
_AND_A_HALF = re.compile(r"[- ]and[- ]a[- ]half", re.I)
_HALF = re.compile(r"and[- ]a[- ]half", re.I)
_AVERAGE = re.compile(r"평균|average|avg\.?", re.I)
#: the scale of a schema.org rating, near its value (5 when the text does not say)
_BEST_RATING = re.compile(r"bestRating[\"“”']?\s*[:=]\s*[\"“”']?(\d{1,3})")
_SCHEMA_NEAR = 200
_QUOTES = "\"“”'"
_NUMBER_AFTER = re.compile(r"\s*\d")
_LABEL_BEFORE = re.compile(
    r"^(?:평점|별점|점수)\s*[:：]?\s*|^(?:Grade|Rating|Score|Verdict|Stars)\s*[:：]\s*"
)


def _on_five(n: float, scale: float) -> float:
    """``n`` out of ``scale`` (10, 6, 5, 4 or 100) on the 5-point scale."""
    if scale == 10:
        return n / 2
    if scale == 4:
        return n * 1.25
    if scale == 6:
        return round(n * 5 / 6, 2)
    return n / 20 if scale == 100 else n


def _ratings_in(
    text: str, folded: str, offset: int, patterns: list[tuple[Pattern, str]]
) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for pattern, how in patterns:
        if how == "words" and not _stars_in_words(folded):
            continue
        for m in _matches(pattern, how, text, folded):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            # the words around it on its own line (and the line before when the number starts
            # its own): "the ending will divide viewers.\n\nScore: 7/10" is the critic's
            line = text.rfind("\n", 0, start) + 1
            if not text[line:start].strip():
                # the number starts its line: its label is the line before ("IMDb rating:\n7.8")
                line = text.rfind("\n", 0, max(0, line - 1)) + 1
            low = max(0, start - 30, line)
            high = end + 30
            newline = text.find("\n", end)
            if 0 <= newline < high:
                high = newline
            around = text[low:high]
            # (the same cut of the folded text is the cut folded: ``fold`` maps each character)
            if _NOT_CRITIC.search(around, folded[low:high]):
                continue
            value: float | None = None
            if how in ("ko_of", "ja_scale_of"):
                scale, n = float(m.group(1)), float(m.group(2))
                value = n / scale * 5 if scale and n <= scale else None
            elif how == "ja_of":
                n, scale = float(m.group(1)), float(m.group(2))
                value = n / scale * 5 if scale and n <= scale else None
            elif how == "of":
                n, scale = _number(m.group(1)), float(m.group(2))
                if n > scale:
                    continue
                bare_of = "/" not in m.group(0) and "out" not in m.group(0).lower()
                if bare_of and not _LABEL.search(text, max(0, start - 16), start):
                    continue  # "episode 3 of 10": a count, unless a score's label says it
                if scale == 4 and not (
                    _STARS.search(m.group(0)) or _LABEL.search(text, max(0, start - 12), start)
                ):
                    continue  # "3/4" alone is a fraction more often than a rating
                if scale == 100 and not _SCORE.search(around):
                    continue
                value = _on_five(n, scale)
            elif how == "latin_of":
                n, scale = _number(m.group(1)), float(m.group(2))
                if n > scale or (scale == 100 and not _SCORE.search(around)):
                    continue
                if (
                    "/" not in m.group(0)
                    and not _SCORE_WORD_AFTER.match(text, end)
                    and not _LATIN_LABEL.search(text, max(0, start - 30), start)
                ):
                    continue  # "Capítulo 3 de 10.": a count, with no score's word or label
                value = _on_five(n, scale)
            elif how == "words_of":
                n = _number(_AND_A_HALF.sub("", m.group(1)))
                if _HALF.search(m.group(1)):
                    n += 0.5
                scale = {"four": 4.0, "five": 5.0, "ten": 10.0}[m.group(2).lower()]
                value = n * 5 / scale
            elif how == "words":
                n = _number(_AND_A_HALF.sub("", m.group(1)))
                if _HALF.search(m.group(1)):
                    n += 0.5
                value = n if n <= 5 else None
            elif how == "dice":
                value = _on_five(float(m.group(1)), 6)
            elif how == "num_stars":
                n = _number(m.group(1))
                value = n if n <= 5 else None
            elif how == "grade":
                grade = m.group(1).replace("−", "-")
                # "A-minus", "B plus"
                grade = re.sub(r"[-\s]plus$", "+", re.sub(r"[-\s]minus$", "-", grade))
                if grade not in _LETTER_GRADES:
                    continue  # ("F-", "F+": no step of the twelve)
                value = round(_LETTER_GRADES.index(grade) * 5 / 12, 2)
            elif how == "ja_stars":
                value = float(m.group(1)) + (0.5 if m.group(2) else 0.0)
            elif how == "ko_point":
                n = float(m.group(1))
                value = n / 2 if n <= 10 else None
            elif how == "star_number":
                if _AVERAGE.search(text, max(0, start - 10), start):
                    continue  # "평균 ★4.2 (38,120명)": the audience average, not the critic's
                value = float(m.group(1))
            elif how == "schema":
                best = _BEST_RATING.search(text, max(0, start - _SCHEMA_NEAR), end + _SCHEMA_NEAR)
                scale = float(best.group(1)) if best else 5.0
                n = float(m.group(1))
                value = n / scale * 5 if scale and n <= scale else None
            elif how == "stars":
                stars = m.group(1)
                if stars == "★" and _NUMBER_AFTER.match(text, end):
                    continue  # "★ 3.5 / 5": the glyph labels the number another form read
                value = stars.count("★") + 0.5 * stars.count("½")
                if value <= 4 and _OUT_OF_FOUR.match(text, end):
                    value = value * 5 / 4  # "★★★½ (out of four)"
                said = _STARS_SAID.match(text, end)
                if said and abs(float(said.group(1)) - value) <= 1:
                    value = float(said.group(1))  # "★★★☆(3.5)": the number the glyphs round
            if value is None:
                continue
            taken.append((start, end))
            rating_text = m.group(0).strip()
            if how == "schema":
                # quoted as the text has it: the key's opening quote, the value's closing one
                before = text[start - 1] if start and text[start - 1] in _QUOTES else ""
                rating_text = before + rating_text
            if how in ("ko_point", "grade", "stars"):
                rating_text = _LABEL_BEFORE.sub("", rating_text)
            found.append(_Found(round(value, 3), rating_text, offset + start))
    return found


@cache
def _gate_on_views() -> bool:
    """Whether the forms can be looked for in the normalised text (``all_text``) instead of
    the raw texts joined and folded once more: when quote folding changes no character of
    any needle or mark they are looked for by, each one in a raw text is also in the
    normalised text (the categories after it can only let a form through that the texts
    then do not hold). True for the forms as written; checked, so that a form looked for by
    a quote or a dash is gated on the raw texts."""
    marks = ["점", "star", ":", "：", *_GRADE_LABELS]
    for pattern, _ in _RATING_PATTERNS:
        marks.extend(pattern.needles or ())
    return all(plain_quotes(mark) == mark for mark in marks)


def _folded_texts(doc: Document) -> list[str]:
    """Each raw text folded. A raw text that is the normalised one (the same object: quote
    folding changed nothing, as in most texts) is cut from ``folded_all``, not folded again:
    lower-casing a long text that is not ASCII costs several µs."""
    raw = doc.raw
    title, summary, content = doc.title, doc.summary, doc.content
    if len(doc.body) != len(summary) + 1 + len(content):
        # the body was stripped: its texts are not where they are looked for below
        return [fold(text) for text in raw]
    # ``all_text`` starts "title\nsummary\ncontent\n"
    folded_all = doc.folded_all
    title_end = len(title)
    summary_end = title_end + 1 + len(summary)
    content_end = summary_end + 1 + len(content)
    return [
        folded_all[:title_end] if raw[0] is title else fold(raw[0]),
        folded_all[title_end + 1 : summary_end] if raw[1] is summary else fold(raw[1]),
        folded_all[summary_end + 1 : content_end] if raw[2] is content else fold(raw[2]),
    ]


#: the forms that need a Hangul "점" ("평점 6점", "10점 만점에 9점"): one look for all of them
_NEED_JEOM = frozenset({"ko_of", "ko_point"})
#: the forms that need "star" (folded): one look for both
_NEED_STAR = frozenset({"words", "num_stars"})
#: the labels of a letter grade, each right before spaces and a colon
_GRADE_LABELS = (
    "Grade",
    "Rating",
    "Score",
    "Verdict",
    "GRADE",
    "RATING",
    "SCORE",
    "VERDICT",
    # "Our grade:" (the pattern wants a possessive before these), "Grade so far:"
    "so far",
    "grade",
    "rating",
    "score",
    "verdict",
)


def _grade_possible(text: str, end: int) -> bool:
    """Whether a label of a letter grade ends right before spaces and a colon in the first
    ``end`` characters: looked for at each colon (a text has a few), not as four words
    through the whole text."""
    for colon in (":", "："):
        at = text.find(colon, 0, end)
        while at >= 0:
            label_end = at
            while label_end and text[label_end - 1].isspace():
                label_end -= 1
            if text.endswith(_GRADE_LABELS, 0, label_end):
                return True
            at = text.find(colon, at + 1, end)
    return False


#: a score's word after ``latin_of`` ("4 von 5 Sternen"), or its label before ("Nota: 4 de 5")
_SCORE_WORD_AFTER = re.compile(
    r"\s*(?:Sternen|Sterne|Punkten|étoiles|estrellas|estrelas|stelle|bintang|points|puntos|"
    r"pontos|punti|poin|stjärnor|stjerner|poäng|poeng)",
    re.IGNORECASE,
)
_LATIN_LABEL = re.compile(
    r"(?:Note|Notre\s+note|Bewertung|Wertung|Puntuación|Calificación|Valoración|Nota|Voto|"
    r"Nilai|Ocena|Puan|Avaliação|Rating|Score|Betyg|Betyget|Karakter|Terningkast|Vurdering)"
    r"\s*[:：]?\s*$",
    re.IGNORECASE,
)
#: the words of ``latin_of`` between a number and its scale, and its decimal comma ("8,5/10")
_LATIN_OF_WORDS = frozenset({"von", "sur", "de", "su", "dari", "em", "av", "af"})
_COMMA_DECIMAL = re.compile(r"\d,\d{1,2}\s*/\s*(?:10|5|100)\b")


def _possible_forms(
    text: str, folded: str, words: frozenset[str], end: int
) -> list[tuple[Pattern, str]]:
    """The forms the texts can hold: the marks several forms need looked for once, and a
    form whose mark is missing refused before its own needles are read. The texts are the
    first ``end`` characters of ``text``: what follows (the categories, joined by " / ")
    would let the "3/5" form through in most entries."""
    jeom = text.find("점", 0, end) >= 0
    star = folded.find("star", 0, end) >= 0
    out: list[tuple[Pattern, str]] = []
    for pattern, how in _RATING_PATTERNS:
        if how in _NEED_STAR:
            possible = star  # (their only needle is "star": nothing more to look for)
        elif how in _NEED_JEOM:
            possible = jeom and pattern.possible(text, folded, words)
        elif how == "of":
            # (the marks ``_matches`` tries it before: its needles)
            possible = any(folded.find(mark, 0, end) >= 0 for mark in _NUMBER_BEFORE[how][0])
        elif how == "latin_of":
            # (its words are whole words of those languages, rare in an English text; "de" as
            # a substring is in most)
            possible = not _LATIN_OF_WORDS.isdisjoint(words) or bool(
                _COMMA_DECIMAL.search(text, 0, end)
            )
        elif how == "grade":
            possible = _grade_possible(text, end)
        else:
            possible = pattern.possible(text, folded, words)
        if possible:
            out.append((pattern, how))
    return out


def extract_rating(doc: Document) -> Rating:
    """The critic's rating: Letterboxd's member rating, else the one rating the texts state
    (several different ones make a roundup: null, with how many there were)."""
    member = doc.extra.get("letterboxd_memberrating")
    if member:
        try:
            value = float(member)
        except ValueError:
            value = None
        if value is not None:
            return Rating(value, member, 1, f"rating={value}: letterboxd:memberRating")
    # the forms the texts can hold at all, read once over all three (most hold none)
    # the words of all the text hold those of the raw texts (quote folding changes no word)
    if _gate_on_views():
        end = len(doc.title) + 1 + len(doc.body)  # ``all_text`` is "title\nbody\ncategories"
        patterns = _possible_forms(doc.all_text, doc.folded_all, doc.words_all, end)
    else:
        joined = "\n".join(doc.raw)
        patterns = _possible_forms(joined, fold(joined), doc.words_all, len(joined))
    if not patterns:
        return Rating()
    found: list[_Found] = []
    offset = 0
    for raw, part in zip(doc.raw, _folded_texts(doc), strict=True):
        found.extend(_ratings_in(raw, part, offset, patterns))
        offset += len(raw) + 1
    if not found:
        return Rating()
    values = {r.value for r in found}
    if len(values) > 1:
        return Rating(
            None, None, len(found), f"rating=null: {len(found)} different ratings (a roundup)"
        )
    first = min(found, key=lambda r: r.pos)
    # a fuller statement of the same value ("Rating: 7/10") is not needed: keep the first
    return Rating(first.value, first.text, 1, f"rating={first.value}: {first.text!r}")
