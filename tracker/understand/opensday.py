"""A work that opens on a day, as a headline says it ("Humint opens Friday at River East",
"Wuthering Heights opens this Friday", "Park Chan-wook's darkly comic thriller opens at
Cinematheque on Friday"): its subject must be the work found, or a kind of work and a title,
or a maker's work, and no cinema, festival, exhibition, stage version or bar that opens.

Owns that one headline form and its guards; ``kind`` decides where it weighs. Must not read a
date (``dates`` and ``reldates`` do).
"""

from __future__ import annotations

import re

from tracker.text import normalize_title
from tracker.understand.film import Film
from tracker.understand.scan.prefilter import Pattern
from tracker.understand.titles import clean_film
from tracker.understand.vocabulary import MONTH_ANY, ORD, WEEKDAY

#: "Humint opens Friday at River East": the headline's subject opens on a day
_OPENS_ON_A_DAY = Pattern(
    # ("'Return to Silent Hill' Finally Opens This Friday": an adverb is not the subject's)
    r"^(?P<film>.{1,80}?)(?:\s+(?:finally|officially|also|now))?(?:\s+opens|,\s+opening)\s+"
    # in or at a place it names ("opens in Toronto this Friday", "opens at the GFT on Friday,
    # 30 January", "opens at Rialto from Thursday")
    # (or the outlet's own place: "Opens Here This Thursday")
    r"(?P<venue>(?:in|at)\s+(?:the\s+)?(?-i:[A-Z][\w'’.-]+(?:\s+(?!(?:Next|This|On|From)\b)"
    r"[A-Z][\w'’.-]+){0,3})\s+|"
    r"(?:here|locally)\s+)?"
    rf"(?:(?:this\s+|next\s+|on\s+|from\s+)?{WEEKDAY}\b|(?:on\s+)?(?:{MONTH_ANY}\.?\s+\d|"
    rf"\d{{1,2}}{ORD}\s+{MONTH_ANY})|tomorrow\b|tonight\b)",
    re.IGNORECASE,
)


#: a kind of work, then a Title Case title ending the subject: "Korean spy thriller Humint"
#: (not a place named like one: "Korean horror Escape Room", "Korean film Hub Seoul")
_KIND_THEN_TITLE = Pattern(
    r"\b(?:thriller|drama|comedy|horror|series|documentary|romance|satire|epic|K-drama|"
    r"blockbuster)\s+(?-i:[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the|and|a|in|on|to))"
    r"{0,4})$(?<!Room)(?<!Hub)(?<!Forum)(?<!Town)(?<!World)(?<!Land)(?<!Zone)(?<!Studio)"
    r"(?<!Club)(?<!Hall)(?<!Square)(?<!Park)(?<!Plaza)(?<!Tower)(?<!Museum)(?<!Seoul)",
    re.IGNORECASE,
)
#: a title, then what the work is to another: "Avatar sequel", "Train to Busan spin-off"
_TITLE_THEN_KIND = Pattern(
    r"(?-i:[A-Z][\w'’:-]*)(?:\s+(?-i:[A-Z0-9][\w'’:-]*|of|the|and|to)){0,5}\s+"
    r"(?:sequel|prequel|remake|spin-?off|reboot)",
    re.IGNORECASE,
)
#: a maker's work by its kind ("Park Chan-wook's darkly comic thriller")
_OWNED_WORK = Pattern(
    r"^(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,2}['’]s\s+(?:[\w-]+\s+){0,3}"
    r"(?:thriller|drama|comedy|film|movie|horror|romance|epic|documentary|satire|sequel)$",
    re.IGNORECASE,
)
#: a lead that puts what opens in cinemas: a film, whatever else it names
_IN_CINEMAS = Pattern(
    r"\b(?:arrives?|opens?|lands?|comes?|hits?)\s+(?:in|to|at)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:cinemas|theaters|theatres)\b",
    re.IGNORECASE,
)
#: what a lead says opens that is no screening of the work, even under its name: a stage
#: version, an attraction, an exhibition ("Parasite opens at the Curve on Thursday": the play)
_NOT_THE_WORK = Pattern(
    r"\b(?:stage|musical|experience|immersive|attraction|exhibition|exhibit|concert|"
    r"pop-up|escape room|theme park)\b|(?-i:\bplay\b)",
    re.IGNORECASE,
)
#: what else opens on a day: a place, an event, a season of films
_PLACE_OR_EVENT = Pattern(
    r"\b(?:festival|fest|exhibition|museum|gallery|store|shop|restaurant|caf[eé]|"
    r"cent(?:er|re)|library|fair|expo|retrospective|showcase|pop-up|musical|"
    r"playhouse|broadway|west end|adaptation|attraction|immersive|mall|"
    r"house|frieze|exhibit|concert|tour|archive|multiplex|CGV|Megabox|screening room|"
    r"season of)\b|"
    # (in lower case only, as common nouns: "Park Chan-wook", "Rebecca Hall" and "Wave" are
    # names)
    r"(?-i:\b(?:bar|market|park|hall|stage|play|experience|square|insight|wave|wing|"
    r"chain|branch)\b)",
    re.IGNORECASE,
)
#: what opens that is a venue or a programme of films, said in the subject itself ("The River
#: Cinema opens Friday", "Korean Film Week opens Thursday")
_VENUE = Pattern(r"\b(?:cinemas?|theat(?:er|re)s?|week|series|season|box office)\b", re.IGNORECASE)


def work_opens_on_a_day(title: str, lead: str, film: Film) -> re.Match[str] | None:
    """The headline's work opening on a day ("Humint opens Friday at River East", "opens in
    Toronto this Friday", "..., opening Friday"), not a cinema, a festival, an exhibition, a
    stage version or a bar that opens: no place or event in the headline (nor in the ``lead``'s
    first sentence, unless the subject is the film found), and the subject must be (or end
    with) the film found, or a kind of work and a title ("Korean spy thriller Humint")."""
    m = _OPENS_ON_A_DAY.match(title)
    # (the cinema it opens at may be named like a place: "Opens at the Light House")
    rest = title[: m.start("venue")] + title[m.end("venue") :] if m and m["venue"] else title
    if m is None or film.roundup or _PLACE_OR_EVENT.search(rest):
        return None
    if _VENUE.search(m.group("film")):
        return None
    # (the lead's first sentence says what opens, "The exhibition, which opens Friday ...",
    # unless the headline's subject is the work found; its cinemas may be a "Centre")
    first = lead.split(". ", 1)[0]
    venue = m["venue"].split(None, 1)[-1].removeprefix("the ").strip() if m["venue"] else ""
    if len(venue) > 3:
        # (the lead names the same cinema: "... opens at the Light House next Thursday")
        first = first.replace(venue, " ")
    # (a lead that puts it in cinemas tells of the film: "Emerald Fennell's adaptation arrives
    # in cinemas this Friday")
    if _NOT_THE_WORK.search(first) or (
        not _ends_with_the_work(m, film)
        and _PLACE_OR_EVENT.search(first)
        and not _IN_CINEMAS.search(first)
    ):
        return None
    if film.title is None:
        # "Korean spy thriller Humint opens ...": a kind of work, then a title; "Avatar sequel
        # opens tomorrow": a title, then what it is to another; "Park Chan-wook's darkly comic
        # thriller opens ...": a maker's work
        subject = m.group("film")
        if (
            _KIND_THEN_TITLE.search(subject)
            or _TITLE_THEN_KIND.fullmatch(subject)
            or _OWNED_WORK.search(subject)
        ):
            return m
        # (the link may name it later: a subject that reads as a title, and no place or event)
        words = m.group("film").split()
        titled = all(
            w[0].isupper()
            or w[0].isdigit()
            or w.lower() in ("of", "the", "a", "an", "and", "in", "on", "to")
            for w in words
        )
        return m if len(words) <= 6 and titled else None
    return m if _ends_with_the_work(m, film) else None


def _ends_with_the_work(m: re.Match[str], film: Film) -> bool:
    """Whether the subject before "opens" is the film found, or ends with it ("Park Chan-wook's
    thriller No Other Choice"), or names it before ", opening Friday"."""
    if film.title is None:
        return False
    subject = normalize_title(clean_film(m.group("film"))[0])
    names = (
        {normalize_title(film.title), *(normalize_title(n) for n in film.work.names)}
        if (film.work)
        else {normalize_title(film.title)}
    )
    if subject in names:
        return True
    # the work, then what it is: "No Other Choice: Park Chan-wook's Black Comedy About A
    # Desperate Job Seeker Opens Here This Thursday"
    head, colon, _ = m.group("film").partition(": ")
    if colon and normalize_title(clean_film(head)[0]) in names:
        return True
    # the work last in its subject ("Park Chan-wook's thriller No Other Choice opens at ..."),
    # or anywhere before ", opening Friday" ("Two women steal a fortune in Project Y, opening")
    comma = m.group(0)[len(m.group("film")) :].lstrip().startswith(",")
    # (normalised titles have no spaces: a short name would end too many subjects)
    return any(len(n) >= 4 and (subject.endswith(n) or (comma and n in subject)) for n in names)
