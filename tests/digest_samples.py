"""Builders of realistic sample ``Digest`` objects, for the render tests and any other test that
needs a digest (delivery, the CLI preview, the demo).

The texts are written for testing: the films, people and platforms are real, the reviews, bylines,
links and dates are invented (the week is 2026-W48, Mon 23 - Sun 29 November 2026, Asia/Seoul).

Use ``full_digest()`` for a busy week (Hangul titles, a right-to-left news title, half-star ratings,
a film released this week, a syndicated review, coverage notes), ``empty_digest()`` for a quiet one,
and the small builders (``review``, ``release``, ``news``, ``film``) to make your own.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.types import (
    CoverageNote,
    Digest,
    DigestCounts,
    DigestItem,
    FilmCard,
    IsoWeek,
    Kind,
    Source,
)

SEOUL = ZoneInfo("Asia/Seoul")
WEEK = IsoWeek(2026, 48)
START = datetime(2026, 11, 23, tzinfo=SEOUL)
END = START + timedelta(days=7)
GENERATED_AT = datetime(2026, 11, 30, 9, 0, tzinfo=SEOUL)
#: where sample posters and thumbnails live; pass another base (a 127.0.0.1 server) to load them
IMAGE_BASE = "https://images.kfilm-tracker.example/posters/"

_ids = itertools.count(1000)


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A moment in the sample week: ``at(25, 14)`` is Wed 25 Nov 2026 14:00 in Seoul."""
    return datetime(2026, 11, day, hour, minute, tzinfo=SEOUL)


def review(
    title: str,
    *,
    source: str,
    link: str,
    film: str | None = None,
    author: str | None = None,
    rating: float | None = None,
    rating_text: str | None = None,
    excerpt: str | None = None,
    published_at: datetime | None = None,
    also_covered_by: Iterable[Source] = (),
    image: str | None = None,
) -> DigestItem:
    return DigestItem(
        entry_id=next(_ids),
        kind=Kind.REVIEW,
        title=title,
        link=link,
        source=source,
        published_at=published_at or at(24),
        author=author,
        excerpt=excerpt,
        film=film,
        rating=rating,
        rating_text=rating_text,
        image=image,
        also_covered_by=tuple(also_covered_by),
    )


def release(
    title: str,
    *,
    source: str,
    link: str,
    platform: str,
    release_date: date,
    film: str | None = None,
    excerpt: str | None = None,
    published_at: datetime | None = None,
) -> DigestItem:
    return DigestItem(
        entry_id=next(_ids),
        kind=Kind.RELEASE,
        title=title,
        link=link,
        source=source,
        published_at=published_at or at(23, 18),
        excerpt=excerpt,
        film=film,
        platform=platform,
        release_date=release_date,
    )


def news(
    title: str,
    *,
    source: str,
    link: str,
    film: str | None = None,
    author: str | None = None,
    excerpt: str | None = None,
    published_at: datetime | None = None,
    also_covered_by: Iterable[Source] = (),
) -> DigestItem:
    return DigestItem(
        entry_id=next(_ids),
        kind=Kind.NEWS,
        title=title,
        link=link,
        source=source,
        published_at=published_at or at(26),
        author=author,
        excerpt=excerpt,
        film=film,
        also_covered_by=tuple(also_covered_by),
    )


def film(
    key: str,
    title: str,
    *,
    title_hangul: str | None = None,
    year: int | None = None,
    poster: str | None = None,
    platform: str | None = None,
    release_date: date | None = None,
    reviews: Iterable[DigestItem] = (),
    releases: Iterable[DigestItem] = (),
    news_items: Iterable[DigestItem] = (),
) -> FilmCard:
    released = release_date is not None and START.date() <= release_date < END.date()
    return FilmCard(
        key=key,
        title=title,
        title_hangul=title_hangul,
        year=year,
        poster=poster,
        platform=platform,
        release_date=release_date,
        released_this_week=released,
        reviews=tuple(reviews),
        releases=tuple(releases),
        news=tuple(news_items),
    )


def digest(
    films: Iterable[FilmCard] = (),
    releases: Iterable[DigestItem] = (),
    news_items: Iterable[DigestItem] = (),
    coverage: Iterable[CoverageNote] = (),
    *,
    sources: int | None = None,
    title: str = "Korean film this week",
) -> Digest:
    """A digest of the sample week with counts computed from what it holds."""
    films = tuple(films)
    releases = tuple(releases)
    news_items = tuple(news_items)
    items = [
        *releases,
        *news_items,
        *(i for f in films for i in (*f.reviews, *f.releases, *f.news)),
    ]
    counts = DigestCounts(
        films=len(films),
        reviews=sum(len(f.reviews) for f in films),
        releases=len(releases),
        news=len(news_items) + sum(len(f.news) for f in films),
        sources=sources if sources is not None else len({i.source for i in items}),
    )
    return Digest(
        week=WEEK,
        start=START,
        end=END,
        timezone="Asia/Seoul",
        generated_at=GENERATED_AT,
        films=films,
        releases=releases,
        news=news_items,
        coverage=tuple(coverage),
        counts=counts,
        title=title,
    )


def empty_digest() -> Digest:
    """A quiet week: nothing new, one feed failing (so the coverage footer still shows)."""
    return digest(
        coverage=[
            CoverageNote(
                url="https://www.koreaherald.com/rss/kh_LifeCulture",
                title="Korea Herald: Life & Culture",
                state="failing",
                detail="HTTP 503 on the last 6 polls, since Wed 25 Nov",
            )
        ],
        sources=0,
    )


def full_digest(*, image_base: str = IMAGE_BASE) -> Digest:
    """A busy week: four films, releases on five platforms, news incl. Hangul and Arabic titles."""
    good_news_release = release(
        "Good News: release date, cast and what to know about Netflix's hijacking satire",
        source="What's on Netflix",
        link="https://www.whats-on-netflix.com/coming-soon/good-news-netflix-korean-film/",
        platform="netflix",
        release_date=date(2026, 11, 28),
        film="Good News",
        excerpt="Byun Sung-hyun's 1970 hijacking satire lands worldwide on Saturday.",
    )
    good_news = film(
        "good-news-2025",
        "Good News",
        title_hangul="굿뉴스",
        year=2025,
        poster=f"{image_base}good-news.jpg",
        platform="netflix",
        release_date=date(2026, 11, 28),
        reviews=[
            review(
                "‘Good News’ Review: Byun Sung-hyun Turns a 1970 Hijacking Into a Jet-Black Farce",
                source="Variety",
                author="Jessica Kiang",
                rating=4.5,
                rating_text="4.5/5",
                excerpt="Sol Kyung-gu and Hong Kyung are a double act for the ages in a satire "
                "that never lets the absurdity curdle into cynicism.",
                link="https://variety.com/2026/film/reviews/good-news-review-netflix-1236140021/",
                published_at=at(27, 23),
            ),
            review(
                "Good News review – a hijacking comedy that flies higher than it should",
                source="The Guardian",
                author="Phuong Le",
                rating=3.5,
                rating_text="3.5/5",
                excerpt="Overlong by 20 minutes, but the cockpit scenes are a small marvel.",
                link="https://www.theguardian.com/film/2026/nov/28/good-news-review-netflix",
                published_at=at(28, 7),
                also_covered_by=[
                    Source("Yahoo News", "https://news.yahoo.com/good-news-review-hijacking"),
                    Source("MSN", "https://www.msn.com/en-gb/entertainment/good-news-review"),
                ],
            ),
            review(
                "[리뷰] '굿뉴스', 웃음 뒤에 남는 씁쓸한 질문",
                source="씨네21",
                author="김소미",
                rating=4.0,
                rating_text="★★★★",
                excerpt="1970년 요도호 사건을 블랙코미디로 비튼 변성현 감독의 가장 자유로운 영화.",
                link="http://www.cine21.com/news/view/?mag_id=108231",
                published_at=at(28, 10),
            ),
        ],
        releases=[good_news_release],
        news_items=[
            news(
                "Good News tops Netflix's global non-English chart in its first weekend",
                source="Korea Times",
                link="https://www.koreatimes.co.kr/entertainment/films/20261130/good-news-chart",
                film="Good News",
                published_at=at(29, 21),
            )
        ],
    )
    decision = film(
        "decision-to-leave-2022",
        "Decision to Leave",
        title_hangul="헤어질 결심",
        year=2022,
        poster=None,
        platform="mubi",
        reviews=[
            review(
                "Decision to Leave",
                source="RogerEbert.com",
                author="Brian Tallerico",
                rating=5.0,
                rating_text="4/4 stars",
                excerpt="Park Chan-wook's fog-bound romance rewards a second viewing even more "
                "than the first.",
                link="https://www.rogerebert.com/reviews/decision-to-leave-movie-review-2026",
                published_at=at(25, 15),
            ),
            review(
                "Decision to Leave, 2022 - ★★★★½",
                source="Letterboxd: hanaseo",
                author="hanaseo",
                rating=4.5,
                rating_text="★★★★½",
                excerpt="Rewatched on MUBI. The mountain. The sea. Tang Wei's voice memo.",
                link="https://letterboxd.com/hanaseo/film/decision-to-leave/1/",
                published_at=at(26, 22),
            ),
        ],
    )
    exhuma = film(
        "exhuma-2024",
        "Exhuma",
        title_hangul="파묘",
        year=2024,
        poster=f"{image_base}exhuma.jpg",
        platform="hulu",
        reviews=[
            review(
                "Exhuma review: Korea's biggest horror hit digs up more than a grave",
                source="South China Morning Post",
                author="James Marsh",
                rating=3.0,
                rating_text="3/5 stars",
                excerpt="Kim Go-eun's shaman ritual is the scariest ten minutes of the year; "
                "the second half is a different, lesser film.",
                link="https://www.scmp.com/lifestyle/entertainment/article/3290112/exhuma-review",
                published_at=at(24, 12),
            )
        ],
    )
    trunk = film(
        "the-trunk-2024",
        "The Trunk",
        title_hangul="트렁크",
        year=2024,
        poster=f"{image_base}the-trunk.jpg",
        platform="netflix",
        reviews=[
            review(
                "Stream It Or Skip It: ‘The Trunk’ on Netflix, a contract-marriage melodrama "
                "with Gong Yoo and Seo Hyun-jin",
                source="Decider",
                author="Joel Keller",
                excerpt="Stream it: slow, strange and better than its premise.",
                link="https://decider.com/2026/11/24/the-trunk-netflix-stream-it-or-skip-it/",
                published_at=at(24, 8),
            )
        ],
    )
    releases = [
        good_news_release,
        release(
            "Physical: Asia — Season 2",
            source="New on Netflix USA",
            link="https://usa.newonnetflix.info/info/81744109",
            platform="netflix",
            release_date=date(2026, 11, 28),
            film="Physical: Asia",
        ),
        release(
            "Harbin (하얼빈) arrives on Disney+ with the director's cut",
            source="Korea Herald",
            link="https://www.koreaherald.com/view.php?ud=20261124000612",
            platform="disney_plus",
            release_date=date(2026, 12, 3),
            film="Harbin",
        ),
        release(
            "Yadang: The Snitch (야당) comes to TVING",
            source="Yonhap",
            link="https://en.yna.co.kr/view/AEN20261125004300315",
            platform="tving",
            release_date=date(2026, 12, 5),
            film="Yadang: The Snitch",
        ),
        release(
            "Mickey 17 streams on Max from December",
            source="Decider",
            link="https://decider.com/2026/11/26/mickey-17-max-streaming-date/",
            platform="max",
            release_date=date(2026, 12, 12),
            film="Mickey 17",
        ),
    ]
    news_items = [
        news(
            "Park Chan-wook's ‘No Other Choice’ leads Blue Dragon Film Awards nominations",
            source="Yonhap",
            link="https://en.yna.co.kr/view/AEN20261124007200315",
            excerpt="The dark comedy starring Lee Byung-hun earned 12 nods, including best film "
            "and best director.",
            published_at=at(24, 16),
            also_covered_by=[
                Source("Korea JoongAng Daily", "https://koreajoongangdaily.joins.com/2026/11/24/"),
            ],
        ),
        news(
            "부산국제영화제, 내년 개막작으로 한국 애니메이션 선정",
            source="연합뉴스",
            link="https://www.yna.co.kr/view/AKR20261126051400005?input=1195m",
            excerpt="아시아 영화의 창 부문 초청작도 함께 발표됐다.",
            published_at=at(26, 11),
        ),
        news(
            "مهرجان القاهرة السينمائي يحتفي بالسينما الكورية في دورته الجديدة",
            source="Al-Ahram",
            link="https://english.ahram.org.eg/News/2026/11/cairo-korean-cinema.aspx",
            excerpt="Five Korean features screen in the festival's Horizons strand.",
            published_at=at(27, 14),
        ),
        news(
            "Korean box office: ‘Harbin’ passes 5 million admissions in its third week",
            source="HanCinema",
            link="https://www.hancinema.net/korean-box-office-harbin-5-million-171002.html",
            published_at=at(29, 18),
        ),
    ]
    coverage = [
        CoverageNote(
            url="https://www.koreaherald.com/rss/kh_LifeCulture",
            title="Korea Herald: Life & Culture",
            state="failing",
            detail="HTTP 503 on the last 6 polls, since Wed 25 Nov",
        ),
        CoverageNote(
            url="http://www.cine21.com/rss/news.xml",
            title="씨네21",
            state="silent",
            detail="no new entries for 19 days",
        ),
        CoverageNote(
            url="https://www.soompi.com/feed",
            title="Soompi",
            state="gone",
            detail="410 Gone: no longer polled",
        ),
    ]
    return digest([good_news, decision, exhuma, trunk], releases, news_items, coverage, sources=14)


#: (key, English title, Hangul title, year): real films, for a week with many of them
_BUSY_FILMS = (
    ("parasite-2019", "Parasite", "기생충", 2019),
    ("burning-2018", "Burning", "버닝", 2018),
    ("the-handmaiden-2016", "The Handmaiden", "아가씨", 2016),
    ("train-to-busan-2016", "Train to Busan", "부산행", 2016),
    ("memories-of-murder-2003", "Memories of Murder", "살인의 추억", 2003),
    ("oldboy-2003", "Oldboy", "올드보이", 2003),
    ("mother-2009", "Mother", "마더", 2009),
    ("the-host-2006", "The Host", "괴물", 2006),
    ("the-wailing-2016", "The Wailing", "곡성", 2016),
    ("broker-2022", "Broker", "브로커", 2022),
    ("concrete-utopia-2023", "Concrete Utopia", "콘크리트 유토피아", 2023),
    ("12-12-the-day-2023", "12.12: The Day", "서울의 봄", 2023),
    ("smugglers-2023", "Smugglers", "밀수", 2023),
    ("cobweb-2023", "Cobweb", "거미집", 2023),
    ("next-sohee-2022", "Next Sohee", "다음 소희", 2022),
    ("hunt-2022", "Hunt", "헌트", 2022),
    ("escape-from-mogadishu-2021", "Escape from Mogadishu", "모가디슈", 2021),
    ("hansan-rising-dragon-2022", "Hansan: Rising Dragon", "한산: 용의 출현", 2022),
    ("a-taxi-driver-2017", "A Taxi Driver", "택시운전사", 2017),
    ("extreme-job-2019", "Extreme Job", "극한직업", 2019),
    ("the-admiral-roaring-currents-2014", "The Admiral: Roaring Currents", "명량", 2014),
    ("veteran-2015", "Veteran", "베테랑", 2015),
    ("i-saw-the-devil-2010", "I Saw the Devil", "악마를 보았다", 2010),
    ("the-chaser-2008", "The Chaser", "추격자", 2008),
    ("a-tale-of-two-sisters-2003", "A Tale of Two Sisters", "장화, 홍련", 2003),
    ("joint-security-area-2000", "Joint Security Area", "공동경비구역 JSA", 2000),
    ("secret-sunshine-2007", "Secret Sunshine", "밀양", 2007),
    ("the-man-standing-next-2020", "The Man Standing Next", "남산의 부장들", 2020),
    ("lady-vengeance-2005", "Lady Vengeance", "친절한 금자씨", 2005),
    ("peppermint-candy-1999", "Peppermint Candy", "박하사탕", 1999),
)
_BUSY_SOURCES = (
    "Variety",
    "The Guardian",
    "RogerEbert.com",
    "IndieWire",
    "Screen Daily",
    "Korea JoongAng Daily",
    "씨네21",
    "Letterboxd: hanaseo",
)
_BUSY_PLATFORMS = ("netflix", "disney_plus", "prime_video", "tving", "coupang_play", "mubi", "max")


def busy_digest(*, image_base: str = IMAGE_BASE, films: int = 30) -> Digest:
    """A very busy week: up to 30 films (posters 2:3, 16:9 stills and none), many reviews,
    releases and news, long titles and an unbreakable URL in an excerpt.

    Image names say their shape: ``...-poster.png`` is a 2:3 poster, ``...-still.png`` a 16:9
    still (a test's image server can serve each in its shape)."""
    cards: list[FilmCard] = []
    for n, (key, title, hangul, year) in enumerate(_BUSY_FILMS[:films]):
        shape = ("poster", "still", None)[n % 3]
        reviews = [
            review(
                f"{title} review – {('a', 'another', 'one more')[r]} look at a Korean classic "
                f"that still {('stings', 'surprises', 'holds up')[r]} decades on",
                source=_BUSY_SOURCES[(n + r) % len(_BUSY_SOURCES)],
                author=("Hana Seo", "Jessica Kiang", "Brian Tallerico")[r],
                rating=((n + r) % 10 + 1) / 2 if (n + r) % 4 else None,
                excerpt="A restoration that sharpens every frame; the second half still "
                "divides critics, and the ending lands harder on a big screen.",
                link=f"https://reviews.example.org/2026/11/{key}-review-{r}",
                published_at=at(23 + (n + r) % 7, 8 + r),
                image=f"{image_base}{key}-still.png" if r == 0 and shape else None,
            )
            # every film has a review: a film the week brought nothing about has no card
            for r in range(1 + n % 3)
        ]
        platform = _BUSY_PLATFORMS[n % len(_BUSY_PLATFORMS)] if n % 2 else None
        day = date(2026, 11, 23 + n % 7) if platform else None
        cards.append(
            film(
                key,
                title,
                title_hangul=hangul,
                year=year,
                poster=f"{image_base}{key}-{shape}.png" if shape else None,
                platform=platform,
                release_date=day,
                reviews=reviews,
                releases=[
                    release(
                        f"{title} ({hangul}) streams from {day:%d %B}",
                        source=source,
                        link=f"https://news.example.org/{key}/{source.lower().replace(' ', '-')}",
                        platform=platform,
                        release_date=day,
                        film=title,
                    )
                    for source in ("What's on Netflix", "Decider", "Korea Herald")[: n % 3 + 1]
                ]
                if platform and day
                else [],
                news_items=[
                    news(
                        f"{title} returns to cinemas in a 4K restoration",
                        source="Yonhap",
                        link=f"https://en.yna.co.kr/view/{key}",
                        film=title,
                    )
                ]
                if n % 5 == 0
                else [],
            )
        )
    releases = [
        release(
            f"{title} ({hangul}) arrives on {platform.replace('_', ' ').title()} this month",
            source=_BUSY_SOURCES[n % len(_BUSY_SOURCES)],
            link=f"https://news.example.org/releases/{key}",
            platform=platform,
            release_date=date(2026, 12, 1 + n),
            film=title,
            excerpt="Subtitled in 30 languages; the director's commentary track is included.",
        )
        for n, ((key, title, hangul, _), platform) in enumerate(
            zip(_BUSY_FILMS[::2], itertools.cycle(_BUSY_PLATFORMS))
        )
    ]
    news_items = [
        news(
            f"{title} director talks about the {year} shoot, the cast and the restored cut "
            f"({hangul})",
            source=_BUSY_SOURCES[n % len(_BUSY_SOURCES)],
            link=f"https://news.example.org/interviews/{key}",
            excerpt=(
                "The full interview, with the storyboards: https://news.example.org/interviews/"
                f"{key}/storyboards-and-the-complete-transcript-of-the-conversation.html"
                if n == 0
                else "An hour on set design, casting and the score."
            ),
            published_at=at(23 + n % 7, 10 + n % 8),
        )
        for n, (key, title, hangul, year) in enumerate(_BUSY_FILMS[1::2])
    ]
    return digest(cards, releases, news_items, sources=40, title="Korean film this week")
