"""An email under Gmail's clipping size whatever the week holds, naming every film it can; the
web copy with everything.

Weeks are built here at every size (a quiet one, the sample week, hundreds of films with long
Hangul titles and thousands of items) and rendered by the real templates: the sizes are of the
parts as a client decodes them (UTF-8, CRLF line ends).
"""

from __future__ import annotations

import html
import itertools
import re
from datetime import date

import pytest
from digest_samples import digest, empty_digest, film, full_digest, news, release, review

from tracker.digest.fit import EMAIL_PART_LIMIT, FULL, LADDER, Links, Plan, part_size
from tracker.digest.render import Renderer, fits
from tracker.types import Digest, RenderedDigest


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def busy_week(films: int, reviews: int = 40, items: int = 1200, *, hangul: bool = True) -> Digest:
    """A week of ``films`` films with ``reviews`` reviews each, and ``items`` releases and news
    stories: long titles, Hangul, excerpts, syndicated copies."""
    cards = []
    for n in range(films):
        name = f"The Long Night of the Busan Harbour Detective, Part {n}"
        cards.append(
            film(
                f"film-{n}",
                name,
                title_hangul=f"부산 항구 형사의 긴 밤 {n}부" if hangul else None,
                year=2026,
                poster=f"https://img.example/{n}.jpg" if n % 2 else None,
                platform="netflix" if n % 3 == 0 else None,
                release_date=date(2026, 11, 27) if n % 3 == 0 else None,
                reviews=[
                    review(
                        f"{name} review: a slow-burning thriller that earns every minute {r}",
                        source=f"Film Outlet {r}",
                        link=f"https://outlet{r}.example/{n}/{r}",
                        author=f"Critic {r}",
                        rating=(r % 10) / 2,
                        excerpt="한 줄 평: 긴장감이 끝까지 이어진다. " * 4,
                    )
                    for r in range(reviews)
                ],
                news_items=[
                    news(
                        f"{name} tops the box office",
                        source="Yonhap",
                        link=f"https://y.example/{n}",
                    )
                ],
            )
        )
    return digest(
        cards,
        releases=[
            release(
                f"Netflix in December: title {i} arrives",
                source="What's on Netflix",
                link=f"https://won.example/{i}",
                platform="netflix",
                release_date=date(2026, 12, 1 + i % 28),
            )
            for i in range(items)
        ],
        news_items=[
            news(
                f"Korean box office roundup number {i}",
                source="Korea JoongAng Daily",
                link=f"https://jd.example/{i}",
                excerpt="The weekend's numbers, film by film. " * 3,
            )
            for i in range(items)
        ],
    )


def shown(rendered: RenderedDigest) -> str:
    return html.unescape(rendered.html)


def test_the_sample_week_fits_with_room_and_shows_everything(renderer: Renderer) -> None:
    week = full_digest()
    rendered = renderer.render(week)
    assert part_size(rendered.html) < 60_000
    page = shown(rendered)
    for card in week.films:
        assert card.title in page
        for item in card.reviews:
            assert item.title in page
    assert "more reviews in" not in page


@pytest.mark.parametrize("films", [33, 120, 600, 3000])
def test_a_busy_week_fits_under_the_limit_and_names_its_films(
    renderer: Renderer, films: int
) -> None:
    week = busy_week(films)
    rendered = renderer.render(week, links=Links(web="https://example.org/kfilm/2026-W48.html"))
    assert part_size(rendered.html) < EMAIL_PART_LIMIT
    assert part_size(rendered.text) < EMAIL_PART_LIMIT
    assert fits(rendered)
    page = shown(rendered)
    named = [f for f in week.films if f.title + "<" in page or f.title + " " in page]
    if films <= 600:
        # every film of the week is named in the email itself
        assert len(named) == films
        text = " ".join(rendered.text.split())  # a wrapped title is still its words
        for card in week.films:
            assert card.title in text
    else:
        # too many even for bare names: the rest are counted and linked, never silently dropped
        more = re.search(r"and ([\d,]+) more films in <a href=\"([^\"]+)\"", rendered.html)
        assert more, "the email says how many films it leaves to the web copy"
        assert len(named) + int(more[1].replace(",", "")) == films
        assert more[2] == "https://example.org/kfilm/2026-W48.html#films"
    # what a section does not show is counted, with a link to the full digest
    assert re.search(r"and [\d,]+ more releases in <a href=\"https://example.org/kfilm/", page)


def test_a_usual_week_takes_the_first_plan(renderer: Renderer) -> None:
    week = full_digest()
    assert renderer.render(week) == renderer.render(week, plan=LADDER[0])


def test_the_web_copy_has_everything_and_no_budget(renderer: Renderer) -> None:
    week = busy_week(40, reviews=10, items=300)
    page = renderer.render(week, plan=FULL, links=Links(page=True)).html
    text = html.unescape(page)
    assert part_size(page) > EMAIL_PART_LIMIT
    for card in week.films:
        assert card.title in text
        assert all(item.title in text for item in card.reviews)
    assert all(item.title in text for item in (*week.releases, *week.news))
    assert "more releases" not in text
    # a web page keeps its CSS in <style> (every browser reads it): nothing inlined
    assert 'style="font-family' not in page
    assert "View this digest in your browser" not in page
    assert "feed.xml" in page and "releases.ics" in page


def test_without_an_archive_url_the_email_names_the_page(renderer: Renderer) -> None:
    week = busy_week(60, reviews=8, items=100)
    rendered = renderer.render(week, links=Links(web_name="2026-W48.html"))
    assert 'in the full digest (<span dir="ltr">2026-W48.html</span> in the archive)' in (
        rendered.html
    )
    assert "2026-W48.html in the archive" in rendered.text
    assert "View this digest in your browser" not in rendered.html


def test_with_an_archive_url_the_email_links_its_web_copy(renderer: Renderer) -> None:
    url = "https://example.org/kfilm/2026-W48.html"
    rendered = renderer.render(full_digest(), links=Links(web=url))
    assert f'<a href="{url}">View this digest in your browser</a>' in rendered.html
    assert f"View in your browser:\n  {url}" in rendered.text


def test_the_footer_offers_unsubscribing(renderer: Renderer) -> None:
    mailto = "mailto:digest@kfilm.example?subject=unsubscribe"
    by_mail = renderer.render(full_digest(), links=Links(unsubscribe_mailto=mailto))
    assert f'<a href="{mailto}">Unsubscribe by email</a>' in by_mail.html
    assert f"Unsubscribe:\n  {mailto}" in by_mail.text
    url = "https://example.org/unsubscribe"
    both = renderer.render(full_digest(), links=Links(unsubscribe=url, unsubscribe_mailto=mailto))
    assert f'<a href="{url}">Unsubscribe</a>' in both.html
    assert f"Unsubscribe:\n  {url}" in both.text


def test_a_quiet_week_is_small(renderer: Renderer) -> None:
    rendered = renderer.render(empty_digest())
    assert part_size(rendered.html) < 20_000
    assert "A quiet week" in rendered.html


def test_part_size_counts_bytes_and_crlf() -> None:
    assert part_size("ab\ncd\n") == 8
    assert part_size("한\n") == 5


def test_the_ladder_gets_terser_at_every_step() -> None:
    def most(value: int | None) -> float:
        return float("inf") if value is None else value

    for looser, terser in itertools.pairwise(LADDER):
        assert most(terser.cards) <= most(looser.cards)
        assert most(terser.items) <= most(looser.items)
        assert most(terser.names) <= most(looser.names)
    # the last names every film; the renderer names fewer only when even that is too much
    assert LADDER[-1] == Plan(0, 0, 0, 0, None, excerpts=False, also=False)
