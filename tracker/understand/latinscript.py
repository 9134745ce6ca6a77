"""What outlets writing in German, French, Spanish, Portuguese, Italian, Indonesian, Dutch,
Polish, Turkish, Vietnamese, Swedish, Norwegian and Danish say the way English ones do: the
months and weekdays of their dates ("12. Februar", "1er mars", "12 de febrero", "12 Februari",
"13 lutego", "12 Şubat", "ngày 13/2", "ce vendredi", "ab Donnerstag", "Jumat ini", "bu cuma",
"på fredag"), the headlines of a release ("startet am 12. Februar im Kino", "sort au cinéma le
12 février", "llega a Netflix este viernes", "tayang di bioskop mulai 12 Februari", "wchodzi do
kin", "khởi chiếu", "har premiär på bio"), review headlines ("Kritik zu", "Crítica de",
"Recension:"), the words of film and television ("Kino", "película", "bioskop", "dizi",
"biografen") and of Korean works ("südkoreanische Serie", "série coréenne", "drakor",
"koreanska filmen").

Owns those words and the patterns built from them, and reading their dates against the entry's
date. Each word list is looked for only in a text whose words (a set the document holds)
include one of its words: as alternations with no literal to skip to, they would make ``re``
scan every text. Pure; must not score, decide a kind or know an outlet: ``dates``, ``kind``
and ``korean`` weigh what this module finds (these languages' review sections and ratings live
beside the others, in ``filing`` and ``rating``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tracker.understand.reldates import make_date, weekday_date
from tracker.understand.scan.prefilter import Pattern, fold

#: month names, lower case, with and without their accents, and their number
_MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "1": ("januar", "jänner", "janvier", "enero", "janeiro", "gennaio", "januari", "stycznia",
          "ocak", "tammikuuta"),
    "2": ("februar", "février", "fevrier", "febrero", "fevereiro", "febbraio", "februari",
          "lutego", "şubat", "subat", "pebrero", "helmikuuta"),
    "3": ("märz", "maerz", "mars", "marzo", "março", "marco", "maret", "maart", "marca",
          "mart", "marts", "mac", "marso", "maaliskuuta"),
    "4": ("avril", "abril", "aprile", "april", "kwietnia", "nisan", "huhtikuuta"),
    "5": ("mai", "mayo", "maio", "maggio", "mei", "maja", "mayıs", "mayis", "maj", "toukokuuta"),
    "6": ("juni", "juin", "junio", "junho", "giugno", "czerwca", "haziran", "jun", "hunyo",
          "kesäkuuta"),
    "7": ("juli", "juillet", "julio", "julho", "luglio", "lipca", "temmuz", "julai", "hulyo",
          "heinäkuuta"),
    "8": ("august", "août", "aout", "agosto", "agustus", "augustus", "sierpnia", "ağustos",
          "agustos", "augusti", "ogos", "elokuuta"),
    "9": ("september", "septembre", "septiembre", "setiembre", "setembro", "settembre",
          "września", "wrzesnia", "eylül", "eylul", "setyembre", "syyskuuta"),
    "10": ("oktober", "octobre", "octubre", "outubro", "ottobre", "października",
           "pazdziernika", "ekim", "oktubre", "lokakuuta"),
    "11": ("november", "novembre", "noviembre", "novembro", "listopada", "kasım", "kasim",
           "nobyembre", "marraskuuta"),
    "12": ("dezember", "décembre", "decembre", "diciembre", "dezembro", "dicembre", "desember",
           "december", "grudnia", "aralık", "aralik", "disember", "disyembre", "joulukuuta"),
}  # fmt: skip
MONTH_NUMBER = {name: int(n) for n, names in _MONTH_NAMES.items() for name in names}
_MONTH_ALT = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))

#: weekday names (Monday first), lower case
_WEEKDAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("montag", "lundi", "lunes", "segunda-feira", "segunda", "lunedì", "lunedi", "senin",
     "maandag", "poniedziałek", "poniedziałku", "pazartesi", "thứ hai", "måndag", "mandag",
     "isnin"),
    ("dienstag", "mardi", "martes", "terça-feira", "terça", "martedì", "martedi", "selasa",
     "dinsdag", "wtorek", "wtorku", "salı", "thứ ba", "tisdag", "tirsdag"),
    ("mittwoch", "mercredi", "miércoles", "miercoles", "quarta-feira", "quarta", "mercoledì",
     "mercoledi", "rabu", "woensdag", "środa", "środę", "środy", "çarşamba", "thứ tư", "onsdag",
     "miyerkules"),
    ("donnerstag", "jeudi", "jueves", "quinta-feira", "quinta", "giovedì", "giovedi", "kamis",
     "donderdag", "czwartek", "czwartku", "perşembe", "thứ năm", "torsdag", "khamis",
     "huwebes"),
    ("freitag", "vendredi", "viernes", "sexta-feira", "sexta", "venerdì", "venerdi", "jumat",
     "jum'at", "vrijdag", "piątek", "piątku", "cuma", "thứ sáu", "fredag", "jumaat",
     "biyernes"),
    ("samstag", "samedi", "sábado", "sabado", "sabato", "sabtu", "zaterdag", "sobota",
     "sobotę", "soboty", "cumartesi", "thứ bảy", "lördag", "lørdag"),
    ("sonntag", "dimanche", "domingo", "domenica", "minggu", "zondag", "niedziela", "niedzielę",
     "niedzieli", "pazar", "chủ nhật", "söndag", "søndag", "ahad"),
)  # fmt: skip
WEEKDAY_NUMBER = {name: n for n, names in enumerate(_WEEKDAY_NAMES) for name in names}
_WEEKDAY_ALT = "|".join(sorted(WEEKDAY_NUMBER, key=len, reverse=True))

#: a day and a month's name, and maybe a year: "12. Februar 2026", "1er mars", "12 de febrero
#: de 2026", "12 Februari"
DATE = Pattern(
    rf"(?<![\d.,/])(?P<day>[0-3]?\d)(?:\.|º|°|er)?\s+(?:de\s+)?(?P<mon>{_MONTH_ALT})\b"
    r"(?:\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
#: a weekday's name (the words before and after it, which make it this week's or the coming
#: one's, are read at each match: as one pattern, the optional words before the name would
#: leave ``re`` no place to skip to)
WEEKDAY = Pattern(rf"\b(?P<wd>{_WEEKDAY_ALT})\b", re.IGNORECASE)
#: "ab Donnerstag", "diesen Freitag", "ce vendredi", "este viernes", "el próximo viernes",
#: "nesta sexta", "questo venerdì", "mulai Kamis", "od piątku", "bu cuma", "vào thứ Sáu"
_BEFORE_WEEKDAY = re.compile(
    r"\b(?P<pre>ab|am|diesen|diesem|kommenden|nächsten|naechsten|ce|dès|des|este|esta|"
    r"el\s+próximo|el\s+proximo|este\s+próximo|nesta|neste|na\s+próxima|no\s+próximo|questo|"
    r"questa|da|dal|mulai|pada|hari|vanaf|deze|aanstaande|od|w|ten|tę|najbliższy|najbliższą|"
    r"bu|vào|på|nu\s+på|från|fra|denna|kommande|kommende|førstkommende|sa|ngayong|"
    r"l['’]affiche|salles?)\s+$",
    re.IGNORECASE,
)
#: "vendredi prochain", "Jumat ini", "Jumat depan", "Cuma günü", "thứ Sáu này"
_AFTER_WEEKDAY = re.compile(
    r"\s+(?P<week>tuần\s+)?(?P<post>prochain|prossimo|prossima|ini|depan|que\s+vem|günü|'?(?:den|dan)\s+"
    r"itibaren|này|tới)\b",
    re.IGNORECASE,
)
#: the words that put a weekday ahead of the entry (a bare weekday may be a past one; "am
#: Donnerstag" and "pada Jumat" say "on", which the words around the day must date)
_AHEAD_WORDS = (
    "ab am diesen diesem kommenden nächsten naechsten ce dès des este esta próximo proximo nesta "
    "neste próxima questo questa da dal mulai pada prochain prossimo prossima ini depan vem "
    # Dutch, Polish, Turkish, Vietnamese
    "vanaf deze aanstaande od ten tę najbliższy najbliższą bu günü itibaren này tới "
    # Swedish, Norwegian and Danish ("på fredag" is the coming one; "i fredags" a past one)
    "på från fra denna kommande kommende førstkommende "
    # Tagalog ("sa Biyernes": on the coming Friday; a past one is "noong Biyernes")
    "sa ngayong "
    # French: the weekday a release headline gives ("prend l'affiche vendredi", "en salle jeudi")
    "affiche salle salles"
)
_AHEAD = frozenset(_AHEAD_WORDS.split())
#: the words that put it in the week after the entry's ("tới" only after "tuần": "thứ Sáu tới"
#: is the coming Friday, "thứ Sáu tuần tới" next week's)
_NEXT_WEEK = frozenset({"depan", "tuần tới"})

#: Finnish weekdays as a day is said ("perjantaina", "keskiviikkona")
_FI_WEEKDAY = r"(?:(?:maanantai|tiistai|torstai|perjantai|lauantai|sunnuntai)na|keskiviikkona)"
#: a release headline: a verb of coming out, then a day, a weekday, a service or the cinemas;
#: or a release's own noun ("Kinostart", "date de sortie", "fecha de estreno")
RELEASE = Pattern(
    # German
    r"\b(?:startet|starten|läuft|laufen|erscheint|erscheinen|kommt|kommen)\b[^.!?:]{0,40}?"
    r"\b(?:ab|am)\s+(?:\d|heute|morgen|sofort|jetzt|diese[mn]?|nächste[mn]?|kommende[mn]?|"
    rf"{_WEEKDAY_ALT})|"
    r"\bab\s+(?:\d{1,2}\.\s*\w+|heute|morgen|sofort|jetzt|"
    rf"{_WEEKDAY_ALT})\b[^.!?]{{0,30}}\b(?:im\s+Kino|in\s+den\s+Kinos|bei|auf|im\s+Stream)\b|"
    r"\b(?:startet|starten|läuft|laufen|erscheint|erscheinen|kommt|kommen)\s+(?:heute|morgen)\b|"
    r"\b(?:Kinostart|Streamingstart|Serienstart|Staffelstart)\b|"
    r"\bneu\s+(?:bei|auf)\s+(?:Netflix|Disney\+|Prime\s+Video|Apple\s+TV|Viki)\b|"
    # French
    r"\b(?:sort|sortira|arrive|arrivera|débarque|débarquera|disponible)\b[^.!?:]{0,40}?"
    r"\b(?:le\s+\d|dès\s+(?:le|ce|aujourd|demain)|demain|aujourd['’]hui|à\s+partir\s+du|ce\s+(?:"
    rf"{_WEEKDAY_ALT})|au\s+cinéma|en\s+salles?|sur\s+(?:Netflix|Disney\+|Prime|Canal\+|Apple|"
    r"Viki))|\bsortie\s+(?:le|en\s+salles?|au\s+cinéma|ce)\b|\bdate\s+de\s+sortie\b|"
    # (Québec's "prend l'affiche vendredi", "en salle jeudi 17 décembre")
    r"\bprend(?:ra)?\s+l['’]affiche\b|"
    rf"\ben\s+salles?\s+(?:dès\s+|le\s+|ce\s+)?(?:{_WEEKDAY_ALT}|\d)|"
    # Spanish and Portuguese
    r"\b(?:se\s+estrena|estrena|estrenará|llega|llegará|aterriza|disponible|estreia|"
    r"estreará|chega|chegará)\b[^.!?:]{0,40}?\b(?:el\s+\d|este|esta|el\s+próximo|mañana|hoy|"
    r"amanhã|hoje|aos\s+cinemas|(?:na|nesta)\s+(?:segunda|terça|quarta|quinta|sexta)|"
    r"(?:no|neste)\s+(?:sábado|domingo)|"
    r"(?:a|en)\s+(?:Netflix|Disney\+|Prime|los\s+cines|cines|salas)|(?:à|na|no)\s+(?:Netflix|"
    r"Disney\+|Prime|cinemas?)|nos\s+cinemas|em\s+\d|dia\s+\d)|"
    r"\b(?:fecha\s+de\s+estreno|data\s+de\s+estreia)\b|"
    # a release moved to its day ("adelanta su estreno al 1 de abril", "antecipa estreia para")
    r"\b(?:adelanta|retrasa|fija|confirma|antecipa|adia)\s+(?:su\s+|a\s+)?(?:estreno|estreia)\b"
    r"[^.!?:]{0,30}?\b(?:al?|para)\s+(?:el\s+|o\s+|dia\s+)?\d|"
    # Italian
    r"\b(?:esce|uscirà|arriva|arriverà)\b[^.!?:]{0,30}?\b(?:al\s+cinema|nelle\s+sale|in\s+sala|su\s+"
    rf"(?:Netflix|Disney\+|Prime)|il\s+\d|dal\s+\d|questo|questa|domani|oggi|(?:{_WEEKDAY_ALT})\s+\d)|"
    r"\b(?:al\s+cinema|nelle\s+sale)\s+(?:dal|da|il|domani|oggi)\b|\bdata\s+di\s+uscita\b|"
    # Indonesian
    r"\b(?:tayang|rilis|hadir|mengudara)\b[^.!?:]{0,30}?\b(?:di\s+(?:bioskop|Netflix|Disney|"
    r"Prime|Viu|Vidio|WeTV|iQIYI)|mulai|pada|hari\s+ini|besok|pekan\s+ini|minggu\s+ini|"
    r"bulan\s+ini)|\b(?:jadwal\s+tayang|segera\s+tayang)\b|"
    # Dutch
    r"\b(?:draait|verschijnt|komt)\b[^.!?:]{0,40}?\b(?:vanaf|in\s+de\s+bioscoop|op\s+"
    r"(?:Netflix|Disney\+|Prime|Videoland))|\bvanaf\s+(?:\d{1,2}\s+\w+|vandaag|morgen|"
    rf"{_WEEKDAY_ALT})\s+(?:in\s+de\s+bioscoop|op\s+\w+|te\s+zien)\b|"
    # Polish
    r"\b(?:wchodzi|wejdzie|trafi|trafia|zadebiutuje|debiutuje)\b[^.!?:]{0,40}?\b(?:do\s+kin|"
    r"na\s+(?:Netflix|Disney|Max|Prime|SkyShowtime)|od\s|jutro|dziś)|\bw\s+(?:\w+\s+)?kinach\s+od\b|"
    r"\bpremiera\s+(?:jutro|dziś|już|w\s+(?:piątek|czwartek|środę)|\d)|\bdat[aęy]\s+premiery\b|"
    # Turkish ("bu cuma vizyonda", "3 Nisan'da sinemalarda")
    r"\b(?:vizyona|gösterime)\s+gir(?:iyor|ecek)\b|\byayınlanacak\b|"
    r"(?:\b\d{1,2}\s+\w+['’]?\w*(?:\s+(?:pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|"
    r"pazar)(?:\s+günü)?)?|\b(?:bu|gelecek|önümüzdeki)\s+\w+|\byarın|\bbugün)\s+"
    r"(?:vizyonda|sinemalarda|ekranlarda|(?:Netflix|Disney\+|Prime\s+Video)['’](?:te|ta|de|da))\b|"
    # Vietnamese (not once shown: "đã ra rạp")
    r"(?<!đã\s)\b(?:ra\s+rạp|khởi\s+chiếu|công\s+chiếu|lên\s+sóng|lên\s+Netflix)\b|"
    # Swedish, Norwegian and Danish ("har premiär på bio den 20 mars", "får svensk premiär",
    # "går upp på bio på fredag", "kommer på Netflix i morgon", "biopremiär", "kinopremiere")
    r"\b(?:har|får)\s+(?:\w+\s+)?\w*(?:premiär|premiere)\b|"
    # (the compound with its day: German's "Kinopremiere in Hamburg" is an event)
    r"\b(?:bio|kino|biograf|netflix|streaming)premi(?:är|ere)n?\s+(?:den\s+)?(?:\d|i\s?morgon|"
    rf"i\s?morgen|i\s?dag|(?:{_WEEKDAY_ALT})\b)|"
    r"\b(?:premiärdatum|premieredato|premieredatoen)\b|"
    # Finnish ("saapuu Suomen elokuvateattereihin", "saa ensi-iltansa keskiviikkona 17.
    # joulukuuta", "ensi-ilta perjantaina", "nähdään Suomessa perjantaina 6. maaliskuuta")
    r"\b(?:saapuu|tulee|nähdään)\b[^.!?:]{0,40}?\b(?:elokuvateattereihin|teattereihin|"
    rf"Netflixiin|Disney\+:aan|\d{{1,2}}\.\s+\w+kuuta|huomenna|tänään|{_FI_WEEKDAY})|"
    rf"\bensi-ilta(?:nsa|a)?\s+(?:on\s+)?(?:\d|huomenna|tänään|{_FI_WEEKDAY})|"
    # Malay ("bakal ditayangkan di pawagam Malaysia 28 Mei ini", "boleh ditonton di Viu mulai
    # esok")
    r"\b(?:ditayangkan|ditonton|menemui\s+penonton)\b[^.!?:]{0,40}?\b(?:di\s+(?:pawagam|Netflix|"
    r"Disney|Prime|Viu|iQIYI|WeTV|Astro)|mulai|bermula|pada|esok|hari\s+ini|minggu\s+ini|\d{1,2}\s+"
    r"\w+\s+ini)|\bdi\s+pawagam\s+(?:\w+\s+)?(?:mulai|bermula|pada|esok|\d)|"
    # Tagalog ("mapapanood na sa Netflix sa Biyernes", "ipalalabas sa mga sinehan sa Disyembre
    # 25")
    r"\b(?:mapapanood|ipalalabas|ipapalabas|magbubukas|ipapalabas\s+na)\b[^.!?:]{0,40}?"
    r"\b(?:sa\s+(?:Netflix|Viu|Disney|Prime|iWant|mga\s+sinehan|sinehan|\w+\s+\d)|simula|"
    r"ngayong|bukas)|"
    r"\b(?:går\s+upp|kommer|släpps|slippes|lanseres|har\s+premiär|har\s+premiere)\b"
    r"[^.!?:]{0,40}?\b(?:på\s+(?:bio|kino|Netflix|Disney\+|Prime|Viaplay|Max|SkyShowtime)|"
    r"till\s+(?:bio|Netflix|Disney\+|Viaplay)|i\s+(?:biografen|biograferne|kinoene)|"
    rf"på\s+(?:{_WEEKDAY_ALT})|den\s+\d|i\s?morgon|i\s?morgen|i\s?dag)|"
    # ("'Den sidste viking' i biograferne i morgen", "på kino fra fredag")
    r"\b(?:i\s+(?:biograferne|biografen|biograferna|kinoene)|på\s+(?:bio|kino))\s+(?:i\s?morgon|"
    rf"i\s?morgen|i\s?dag|fra|från|den\s+\d|(?:{_WEEKDAY_ALT})|\d)",
    re.IGNORECASE,
)
#: a word one of which every ``RELEASE`` has: a headline with none of them is not searched
_RELEASE_KEY_TEXT = (
    "startet starten läuft laufen erscheint erscheinen kommt kommen ab kinostart streamingstart "
    "serienstart staffelstart neu sort sortira arrive arrivera débarque débarquera disponible "
    "sortie date estrena estrenará llega llegará aterriza estreia estreará chega chegará fecha "
    "data esce uscirà arriva arriverà al nelle tayang rilis hadir mengudara jadwal segera draait "
    "verschijnt vanaf wchodzi wejdzie trafi trafia zadebiutuje debiutuje w vizyona gösterime "
    "yayınlanacak vizyonda sinemalarda ekranlarda ra khởi công lên adelanta retrasa fija "
    "confirma antecipa adia yarın bugün prend prendra salle salles premiera premiery "
    "har får premiär premiere biopremiär kinopremiere "
    "kinopremieren biografpremiere biografpremieren netflixpremiär streamingpremiär "
    "premiärdatum premieredato premieredatoen går kommer släpps slippes lanseres biograferne "
    "biografen biograferna kinoene bio kino ditayangkan ditonton menemui pawagam mapapanood "
    "ipalalabas ipapalabas magbubukas saapuu tulee nähdään ensi ilta iltansa"
)
_RELEASE_KEYS = frozenset(fold(_RELEASE_KEY_TEXT).split())


def release_headline(title: str, folded: str | None, words: frozenset[str]) -> re.Match[str] | None:
    """A release headline of these languages (``RELEASE``, not ``NOT_A_RELEASE``); ``words``:
    the folded words of ``title``, or of more."""
    if _RELEASE_KEYS.isdisjoint(words) or NOT_A_RELEASE.search(title, folded):
        return None
    return RELEASE.search(title, folded)


#: a release's day already gone, or called off: "estrenó", "est sorti", "ist gestartet",
#: "verschoben", "reporté", "aplazado", "ditunda"
NOT_A_RELEASE = Pattern(
    r"\b(?:estrenó|se\s+estrenó|llegó|est\s+sorti|est\s+sortie|sont\s+sortis|ist\s+gestartet|"
    r"lief|verschoben|reporté|repoussé|aplazad[oa]|pospuest[oa]|adiad[oa]|rinviat[oa]|"
    r"ditunda|sudah\s+tayang|telah\s+tayang|uitgesteld|przesunięta|przełożona|ertelendi|"
    r"hoãn|hade\s+premiär|fick\s+premiär|hadde\s+premiere|fikk\s+premiere|havde\s+premiere|"
    r"fik\s+premiere|har\s+(?:haft|hatt)\s+premi\w+|släpptes|utsatt|skjøvet|udskudt|"
    r"sai\s+ensi-iltansa|oli\s+ensi-ilta)\b",
    re.IGNORECASE,
)
#: a word before a date that says the work comes out from then: "ab", "à partir du", "dès le",
#: "desde el", "a partir del", "a partire dal", "mulai"
FROM_A_DAY = Pattern(
    r"(?:\bab|\bà\s+partir\s+du|\bdès\s+le|\bdesde\s+el|\ba\s+partir\s+del?|\ba\s+partire\s+dal|"
    r"\bmulai(?:\s+tanggal)?|\bpada\s+tanggal|\bsortie\s+le|\bestreno\s+el|\bestreia\s+em|"
    r"\bal\s+cinema\s+dal|\bim\s+Kino\s+ab|\bvanaf|\bod|\bw\s+kinach\s+od|"
    r"\bkhởi\s+chiếu(?:\s+từ)?|\bra\s+rạp(?:\s+từ)?|\btừ|\bfrån|\bfra|"
    r"\b(?:bio|kino|biograf|svensk|norsk|dansk)?premiär(?:\s+den)?|"
    r"\b(?:bio|kino|biograf|svensk|norsk|dansk)?premiere(?:\s+den)?|\bbermula|\bsimula|"
    r"\bsa)\s*$",
    re.IGNORECASE,
)
#: film and television in these languages, for the gate that asks whether a text is about
#: them: whole words (a set lookup against the text's words: as one alternation, these words,
#: many of them starting with a common letter, cost ``re`` a scan of every text), and a few
#: compounds. A German "Serie" alone may be a camera's or a car's, a Spanish "novela" a book.
_FILM_WORD_TEXT = (
    "kino kinos kinofilm spielfilm staffel regisseur regisseurin schauspieler schauspielerin "
    "cinéma série séries saison réalisateur réalisatrice acteur actrice película películas "
    "cine temporada actriz filme filmes ator atriz telenovela stagione regista attore attrice "
    "bioskop drakor sutradara aktor aktris pemeran sinetron bioscoop kinach serial aktorka "
    "reżyser dizi dizisi filmi filmleri sinema vizyon oyuncu yönetmen phim rạp filmie filmu "
    "filmy filmów kina kinach seriale seriali serialu "
    # Swedish, Norwegian and Danish
    "biograf biografen biografer biograferne filmen filmer filmerna filmene skådespelare "
    "skådespelerska skuespiller skuespillerinde regissör regissør instruktør biopremiär "
    "kinopremiere filmatisering filmatiseringen tv-serie tv-serien dramaserie dramaserien "
    # Malay, Tagalog and Finnish
    "filem pawagam pengarah pelakon lakonan pelikula pelikulang sinehan serye elokuva elokuvan "
    "elokuvat elokuvaa elokuvassa elokuvateatteri elokuvateattereihin elokuvateattereissa sarja "
    "sarjan ohjaaja ohjaama ohjaaman näyttelijä arvostelu teattereissa teattereihin"
)
FILM_WORD_SET = frozenset(fold(_FILM_WORD_TEXT).split())
_FILM_COMPOUNDS = Pattern(
    r"(?:TV-|Netflix-|Fernseh|Drama|Krimi|Mini)[Ss]erien?\b|"
    r"\b(?:süd)?koreanische[nmrs]?\s+Serien?\b|\b(?:Zuid-)?Koreaanse\s+series?\b|"
    r"diễn\s+viên|đạo\s+diễn|\bpå\s+bio\b|\bensi-ilta|\b(?:syd|sør)?koreansk[ae]?\s+(?:serien?|serier|serierna)\b|"
    r"\bi\s+biografer(?:ne)?\b",
    re.IGNORECASE,
)


def about_film(text: str, folded: str | None, words: frozenset[str]) -> bool:
    """Whether ``text`` has a word of film or television in these languages; ``words``: the
    folded words of ``text`` (or of more: a superset only lets more through)."""
    return not FILM_WORD_SET.isdisjoint(words) or bool(_FILM_COMPOUNDS.search(text, folded))


#: a review's headline: its section's word first ("Kritik zu ...", "Critique : ...", "Crítica
#: de ...", "Reseña: ...", "Ulasan ...")
REVIEW_HEADLINE = Pattern(
    r"^\s*(?:Film|Serien|Kino)?(?:kritik|Kritik)\b\s*(?:zu\b|:|–|-|['\"‘“«„])|"
    r"^\s*(?:Critique|Crítica|Critica|Reseña|Resenha|Recensione|Ulasan|Resensi|Recensie|"
    r"Recenzja|İnceleme|Eleştiri|Đánh\s+giá|Review\s+phim|Recension|Filmrecension|Anmeldelse|"
    r"Filmanmeldelse|Arvostelu|Elokuva-arvio)\b\s*"
    r"(?:de\b|di\b|do\b|da\b|van\b|film\w*\b|serialu\b|phim\b|:|–|-|['\"‘“«„])",
    re.IGNORECASE,
)
#: the words one of which a text in these languages that says Korean film or television has
#: (``KOREAN_WORDS``); Indonesian's "film Korea" is read only in a text with Indonesian words
_KOREAN_KEY_TEXT = (
    "coreano coreana coreanos coreanas coréen coréenne coréens coréennes surcoreano "
    "surcoreana sudcoreano sudcoreana drakor koreaanse kore koreli hàn koreanische "
    "koreanischen koreanischer koreanisches koreanischem südkoreanische südkoreanischen "
    "südkoreanischer südkoreanisches südkoreanischem koreański koreańska koreańskie "
    "koreańskiego koreańskim koreańskich koreańskiej koreańską koreańsk południowokoreański "
    "południowokoreańska "
    "południowokoreańskie południowokoreańskiego koreansk koreanska koreanske sydkoreansk "
    "sydkoreanska sydkoreanske sørkoreansk sørkoreanska sørkoreanske koreanong korealainen "
    "korealaisen eteläkorealainen eteläkorealaisen"
)
_KOREAN_KEYS = frozenset(fold(_KOREAN_KEY_TEXT).split())
_INDONESIAN_TEXT = (
    "yang dan dengan ini itu akan dari untuk tayang terbaru ng mga sa filem bakal pawagam"
)
_INDONESIAN = frozenset(_INDONESIAN_TEXT.split())


def korean_words(text: str, folded: str | None, words: frozenset[str]) -> re.Match[str] | None:
    """``KOREAN_WORDS`` in ``text``, looked for only when its words allow one (``words``: the
    folded words of ``text``, or of more)."""
    if _KOREAN_KEYS.isdisjoint(words) and ("korea" not in words or _INDONESIAN.isdisjoint(words)):
        return None
    return KOREAN_WORDS.search(text, folded)


#: Korean film and television in these languages: the work's or the person's kind with Korea
#: ("película surcoreana", "série coréenne", "südkoreanische Serie", "drama Korea", "drakor";
#: Korea alone is no film, as "Korean" alone is not in English)
KOREAN_WORDS = Pattern(
    r"\b(?:película|películas|serie|series|drama|dramas|actor|actriz|director|directora|cine|"
    r"filme|filmes|série|séries|ator|atriz|film|films|acteur|actrice|réalisateur|"
    r"réalisatrice|cinéma|thriller|comédie|comedia|commedia|attore|attrice|regista|dorama|"
    r"telenovela|k-drama)\s+(?:sur-?|sud-?|sul-)?(?:coreano|coreana|coreanos|coreanas|coréen|"
    r"coréenne|coréens|coréennes)\b|"
    r"\b(?:süd)?koreanische[nmrs]?\s+(?:Film|Filme|Films|Kinofilm|Serie|Serien|Drama|Dramen|"
    r"Schauspieler\w*|Regisseur\w*|Kino|Thriller|Komödie|Horror\w*)\b|"
    r"\b(?:film|filem|drama|serial|siri|aktor|aktris|pelakon|sutradara|pengarah|bioskop)\s+"
    r"Korea(?:\s+Selatan)?\b|\b(?:pelikula|seryeng|serye)\s+(?:ng\s+)?Korea\b|\bKoreanong\b|"
    r"\bdrakor\b|"
    # Dutch, Polish, Turkish, Vietnamese
    r"\b(?:Zuid-)?Koreaanse\s+(?:film|films|serie|series|drama|acteur|actrice|regisseur)\b|"
    r"\b(?:południowo)?koreańsk(?:i|a|ie|iego|im|ich|iej|ą)\s+(?:film\w*|serial\w*|dram\w*|aktor\w*|"
    r"reżyser\w*|thriller\w*|kin\w*)\b|\b(?:film|serial)\s+(?:południowo)?koreańsk\w*\b|"
    r"\bKore\s+(?:dizisi|dizileri|filmi|filmleri|sinemas\w*)\b|\b(?:Güney\s+)?Koreli\s+"
    r"(?:oyuncu|yönetmen|aktör|aktris)\b|\bphim\s+Hàn(?:\s+Quốc)?\b|"
    # Swedish, Norwegian and Danish ("den koreanska filmen", "sydkoreanske serie", their
    # compounds: "koreansk spionthriller", "den sørkoreanske zombieregissøren", and the
    # definite form before a work's name: "Koreanska Pavane toppar Netflix")
    r"\b(?:syd|sør)?koreansk[ae]?\s+[\w-]*?(?:film|filmen|filmer|serie|serien|serier|drama|dramat|"
    r"dramaet|dramaserie|dramaserien|thriller|thrillern|thrilleren|komedi|komedie|"
    r"skådespelare|skådespelerska|skuespiller|skuespillerinde|regissör|regissören|regissør|"
    r"regissøren|instruktør|instruktøren|stjärna|stjärnan|stjerne|stjernen)\b|"
    r"(?<!\bpå\s)\b(?:syd|Syd|sør|Sør)?(?-i:[Kk]oreanska|[Kk]oreanske)\s+(?-i:[A-ZÅÄÖÆØ])|"
    # Finnish ("Korealainen vakoilutrilleri", "eteläkorealaisen ohjaajan")
    r"\b(?:etelä)?korealai(?:nen|sen|set|sta)\s+[\w-]*?(?:elokuva\w*|sarja\w*|trilleri\w*|draama\w*|"
    r"ohjaaja\w*|näyttelijä\w*|komedia\w*|kauhu\w*)\b",
    re.IGNORECASE,
)


#: the words of the date forms: a text with none of them is not searched
_MONTH_KEYS = frozenset(fold(name) for name in MONTH_NUMBER)
_VI_DATE_KEYS = frozenset({"ngày", "tháng"})


def dates_in(
    text: str, published: date, folded: str | None = None, words: frozenset[str] | None = None
) -> list[tuple[int, int, date, bool]]:
    """(start, end, date, year_given) for every day-and-month date of these languages in
    ``text`` (``folded``, when given, is its folded view); a date without a year is the next
    one on or after ``published`` unless it is months before it."""
    out: list[tuple[int, int, date, bool]] = []
    months = words is None or not _MONTH_KEYS.isdisjoint(words)
    for m in DATE.finditer(text, folded) if months else ():
        month = MONTH_NUMBER.get(m.group("mon").lower())
        if month is not None:
            _add(out, m, m.group("year"), month, int(m.group("day")), published)
    vietnamese = words is None or not _VI_DATE_KEYS.isdisjoint(words)
    for m in DATE_VI.finditer(text, folded) if vietnamese else ():
        day_text: str = m.group("day") or m.group("day2")
        month_text: str = m.group("m") or m.group("m2")
        year_text = m.group("year") or m.group("year2")
        _add(out, m, year_text, int(month_text), int(day_text), published)
    tagalog = words is None or not _TL_MONTH_KEYS.isdisjoint(words)
    for m in DATE_TL.finditer(text, folded) if tagalog else ():
        month = MONTH_NUMBER[m.group("mon").lower()]
        _add(out, m, m.group("year"), month, int(m.group("day")), published)
    bracketed = "(" in text and (words is None or not _WEEKDAY_KEYS.isdisjoint(words))
    for m in WEEKDAY_NUMBERS.finditer(text, folded) if bracketed else ():
        _add(out, m, m.group("year"), int(m.group("m")), int(m.group("day")), published)
    return out


#: Tagalog's dates, its month first ("Disyembre 25", "Marso 6, 2026"; Spanish's "abril" is
#: written after its day)
_TL_MONTHS = (
    "enero pebrero marso abril mayo hunyo hulyo agosto setyembre oktubre nobyembre disyembre"
)
_TL_MONTH_KEYS = frozenset(_TL_MONTHS.split())
DATE_TL = Pattern(
    rf"\b(?P<mon>{'|'.join(_TL_MONTHS.split())})\s+(?P<day>[0-3]?\d)\b(?![.:/]\d)"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
#: a weekday with its day and month in brackets, day first as these languages write them
#: ("thứ Sáu (13/2)", "Rabu (21/1/2026)")
WEEKDAY_NUMBERS = Pattern(
    rf"\b(?:{_WEEKDAY_ALT})\s*\(\s*(?P<day>[0-3]?\d)/(?P<m>1[0-2]|0?[1-9])"
    r"(?:/(?P<year>(?:19|20)\d\d))?\s*\)",
    re.IGNORECASE,
)


def _add(
    out: list[tuple[int, int, date, bool]],
    m: re.Match[str],
    year_text: str | None,
    month: int,
    day: int,
    published: date,
) -> None:
    """The date ``m`` writes, in its year or in the one the entry's date implies."""
    found = make_date(int(year_text) if year_text else published.year, month, day)
    if found is None:
        return
    if not year_text and found < published - timedelta(days=200):
        found = make_date(found.year + 1, month, day) or found
    out.append((m.start(), m.end(), found, bool(year_text)))


#: Vietnamese dates: "ngày 12/2", "12/2/2026" after ngày, "12 tháng 2", "12 tháng 2 năm 2026"
DATE_VI = Pattern(
    r"\bngày\s+(?P<day>[0-3]?\d)/(?P<m>1[0-2]|0?[1-9])(?:/(?P<year>(?:19|20)\d\d))?\b|"
    r"(?<![\d/])(?P<day2>[0-3]?\d)\s+tháng\s+(?P<m2>1[0-2]|0?[1-9])"
    r"(?:\s+năm\s+(?P<year2>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)


#: a word of every weekday's name: a text with none of them is not searched
_WEEKDAY_KEYS = frozenset(fold(re.split(r"[\s'-]", name)[0]) for name in WEEKDAY_NUMBER)


def weekdays_in(
    text: str, published: date, folded: str | None = None, words: frozenset[str] | None = None
) -> list[tuple[int, int, date]]:
    """(start, end, date) for every weekday these languages put ahead of the entry ("ab
    Donnerstag", "ce vendredi", "este viernes", "Jumat depan"): the coming one, or the one of
    the week after for "depan"; a bare weekday, which may be a past one, is not read."""
    out: list[tuple[int, int, date]] = []
    if words is not None and _WEEKDAY_KEYS.isdisjoint(words):
        return out
    for m in WEEKDAY.finditer(text, folded):
        before = _BEFORE_WEEKDAY.search(text, max(0, m.start() - 16), m.start())
        after = _AFTER_WEEKDAY.match(text, m.end())
        near = f"{before.group('pre') if before else ''} {after.group('post') if after else ''}"
        said = {w.lower() for w in re.findall(r"[^\W\d_]+", near)}
        if said.isdisjoint(_AHEAD):
            continue
        target = WEEKDAY_NUMBER[m.group("wd").lower()]
        if after is not None and after.group("week"):
            said.add(f"tuần {after.group('post').lower()}")
        found = weekday_date(published, target, "next" if said & _NEXT_WEEK else "", past=False)
        start = before.start() if before else m.start()
        out.append((start, after.end() if after else m.end(), found))
    return out


#: today and tomorrow in these languages ("heute", "aujourd'hui", "hoy", "hoje", "oggi", "hari
#: ini", "vandaag", "dziś", "bugün", "hôm nay"; "morgen", "demain", "mañana", "amanhã",
#: "domani", "besok", "jutro", "yarın", "ngày mai"), and tonight's ("ce soir", "stasera").
#: German's "Morgen" with a capital is a morning, and so is Spanish "la mañana"; "esta noche"
#: and "ce soir" are tonight's
_TODAY_TEXT = (
    "heute aujourd'hui aujourd’hui hoy hoje oggi vandaag dziś dzisiaj bugün stasera vanavond tänään"
)
_TOMORROW_TEXT = "demain mañana amanhã domani besok jutro yarın esok huomenna"
_DAY_WORDS: dict[str, int] = {
    **dict.fromkeys(fold(_TODAY_TEXT).split(), 0),
    **dict.fromkeys(fold(_TOMORROW_TEXT).split(), 1),
}
RELATIVE_DAY = Pattern(
    r"\b(?P<one>heute|aujourd['’]hui|hoy|hoje|oggi|vandaag|dziś|dzisiaj|bugün|stasera|vanavond|tänään|"
    r"demain|amanhã|domani|besok|jutro|yarın|esok|huomenna)\b|"
    r"(?<!\bla\s)(?<!\besta\s)(?<!\bpor\s)\bmañana\b|(?-i:\bmorgen\b)|"
    r"\b(?P<today>hari\s+ini|malam\s+ini|hôm\s+nay|tối\s+nay|ce\s+soir|esta\s+noche)\b|"
    r"\b(?P<tomorrow>ngày\s+mai|i\s?morgon|i\s?morgen)\b|\bi\s?dag\b",
    re.IGNORECASE,
)
#: a word of every form of ``RELATIVE_DAY``: a text with none of them is not searched
_RELATIVE_KEY_TEXT = (
    f"{_TODAY_TEXT} {_TOMORROW_TEXT} aujourd hui morgen ini nay soir noche mai "
    "dag idag morgon imorgon imorgen"
)
_RELATIVE_KEYS = frozenset(fold(_RELATIVE_KEY_TEXT).split())


def relative_days_in(
    text: str, published: date, folded: str | None = None, words: frozenset[str] | None = None
) -> list[tuple[int, int, date]]:
    """(start, end, date) for every "today" and "tomorrow" of these languages in ``text``,
    read against ``published`` (the entry's own local date)."""
    if words is not None and _RELATIVE_KEYS.isdisjoint(words):
        return []
    out: list[tuple[int, int, date]] = []
    for m in RELATIVE_DAY.finditer(text, folded):
        said = m.group(0).lower()
        ahead = 1 if m.group("tomorrow") or said in ("mañana", "morgen") else 0
        if m.group("one"):
            # (folded as the keys are: "YARIN" lowers to "yarin", not "yarın")
            ahead = _DAY_WORDS.get(fold(said.replace("’", "'")), 0)
        out.append((m.start(), m.end(), published + timedelta(days=ahead)))
    return out
