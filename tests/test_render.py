"""The render adapter and the shipped digest templates: email-safe HTML, a readable text part,
a one-line subject, escaping, user overrides, and template errors as RenderError."""

from __future__ import annotations

import dataclasses
import random
import re
import textwrap
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jinja2
import pytest
from digest_samples import digest as make_digest
from digest_samples import empty_digest, film, full_digest, news, review

from tracker.digest import render
from tracker.digest.render import Renderer
from tracker.exceptions import RenderError
from tracker.types import Digest, RenderedDigest

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
HOSTILE = "<script>alert(1)</script>"


class Page(HTMLParser):
    """Checks well-formedness while it parses, and collects what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        #: (text, the dir attribute of the nearest element that has one)
        self.texts: list[tuple[str, str | None]] = []
        self.comments: list[str] = []
        self.style_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        record = (tag, dict(attrs))
        self.tags.append(record)
        if tag not in VOID:
            self.stack.append(record)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1][0] if self.stack else None
            self.problems.append(f"</{tag}> closes <{open_tag}> at {self.getpos()}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "style":
            self.style_blocks.append(data)
        text = data.strip()
        if text:
            direction = next(
                (attrs["dir"] for _, attrs in reversed(self.stack) if "dir" in attrs), None
            )
            self.texts.append((text, direction))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if name in (a.get("class") or "").split()]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.problems == []
    assert page.stack == [], f"unclosed: {[t for t, _ in page.stack]}"
    return page


@pytest.fixture(scope="module")
def full() -> Digest:
    return full_digest()


@pytest.fixture(scope="module")
def rendered(full: Digest) -> RenderedDigest:
    return Renderer().render(full)


@pytest.fixture(scope="module")
def page(rendered: RenderedDigest) -> Page:
    return parse(rendered.html)


# -- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (3.5, "★★★½"),
        (4.0, "★★★★"),
        (5.0, "★★★★★"),
        (0.5, "½"),
        (4.74, "★★★★½"),
        (4.76, "★★★★★"),
        (0.0, ""),
        (None, ""),
        (7.0, "★★★★★"),
    ],
)
def test_stars(rating: float | None, expected: str) -> None:
    assert render.stars(rating) == expected


def test_stars_pad_to_five_slots() -> None:
    assert render.stars_rest(3.5) == "☆"
    assert render.stars_rest(3.0) == "☆☆"
    assert render.stars_rest(5.0) == ""
    assert render.stars_rest(None) == ""


@pytest.mark.parametrize(
    ("rating", "expected"), [(3.5, "3.5/5"), (4.0, "4/5"), (3.666, "3.7/5"), (None, "")]
)
def test_rating_number(rating: float | None, expected: str) -> None:
    assert render.rating_number(rating) == expected


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("netflix", "Netflix"),
        ("disney_plus", "Disney+"),
        ("prime_video", "Prime Video"),
        ("apple_tv_plus", "Apple TV+"),
        ("tving", "TVING"),
        ("coupang_play", "Coupang Play"),
        ("wavve", "Wavve"),
        ("watcha", "Watcha"),
        ("mubi", "MUBI"),
        ("shudder", "Shudder"),
        ("hulu", "Hulu"),
        ("max", "Max"),
        ("some_new_one", "Some New One"),
        (None, ""),
    ],
)
def test_platform_names(key: str | None, name: str) -> None:
    assert render.platform_name(key) == name


def test_dates_and_links_for_captions(full: Digest) -> None:
    assert render.format_date(full.start, "short") == "Mon 23 Nov"
    assert render.format_date(full.start.date(), "long") == "Monday 23 November 2026"
    assert render.format_date(full.generated_at, "time") == "Mon 30 Nov, 09:00"
    assert render.format_date(full.start, "iso") == "2026-11-23"
    with pytest.raises(ValueError, match="unknown date style"):
        render.format_date(full.start, "fancy")
    assert render.host("https://www.theguardian.com/film/x") == "theguardian.com"


def test_wrap_never_breaks_a_url() -> None:
    url = "https://example.org/" + "a" * 90
    wrapped = render.wrap(f"see {url} for more words that go on and on and on", 72, "  ")
    assert url in wrapped.split("\n")[1]
    assert all(len(line) <= 72 for line in wrapped.splitlines() if url not in line)


def test_wrap_is_textwraps_fill_without_breaking_words() -> None:
    """The fast greedy wrap gives what textwrap.fill gave (long words never broken, hyphens
    never split), on a thousand random texts, widths and indents."""
    rng = random.Random(10)
    words = [
        "a",
        "to",
        "film",
        "Netflix",
        "review:",
        "Choi-Min-sik",
        "https://x.example/" + "p" * 70,
    ]
    for _ in range(1000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        text = text.replace(" ", rng.choice([" ", "  ", "\n", " \t "]), rng.randint(0, 3))
        width, indent = rng.randint(10, 80), rng.choice(["", "  ", "    "])
        first = rng.choice([None, "", "* "])
        expected = textwrap.fill(
            " ".join(text.split()),
            width=width,
            initial_indent=indent if first is None else first,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        assert render.wrap(text, width, indent, first) == expected, (text, width, indent, first)


def test_compiled_templates_are_cached_between_runs(
    full: Digest, rendered: RenderedDigest, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = Renderer(cache_dir=cache).render(full)
    assert sorted(p.suffix for p in cache.iterdir()) == [".cache"] * 3  # html, text, subject
    again = Renderer(cache_dir=cache).render(full)
    assert first == again == rendered
    # a cache that cannot be written is only slower: never a failed digest
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert Renderer(cache_dir=blocked / "cache").render(full) == rendered


# -- the HTML part -----------------------------------------------------------------------------


def test_html_is_well_formed_and_email_safe(rendered: RenderedDigest, page: Page) -> None:
    html = rendered.html
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "<script" not in html.lower()
    assert not re.search(r"<link[^>]+stylesheet", html, re.I)
    assert "<form" not in html.lower()
    tags = dict(page.tags)
    assert tags["html"]["lang"] == "en"
    metas = [a for t, a in page.tags if t == "meta"]
    assert {"name": "color-scheme", "content": "light dark"} in metas
    # layout tables are marked as such, for screen readers
    tables = [a for t, a in page.tags if t == "table"]
    assert tables and all(a.get("role") == "presentation" for a in tables)
    # Outlook gets its fixed-width wrapper table
    assert any(c.startswith("[if mso]><table") for c in page.comments)


def test_only_the_essential_css_is_inlined_the_rest_stays_in_head(page: Page) -> None:
    """What a client without <style> needs is inlined (film titles, cards, the font); the
    classes, dark mode and phone rules stay once in <head>: inlining everything everywhere was
    half of a digest's bytes."""
    for title in page.with_class("ft"):
        assert "font-size: 22px" in (title["style"] or "")
    cards = page.with_class("c")
    assert cards and all("background-color: #ffffff" in (c["style"] or "") for c in cards)
    css = "".join(page.style_blocks)
    assert "@media (prefers-color-scheme: dark)" in css
    assert "@media (max-width: 480px)" in css
    assert ".rv { border-top: 1px solid #ece6dc; padding: 12px 0; }" in css
    # reviews carry classes, not copies of the rules
    reviews = page.with_class("rv")
    assert reviews and not any(r.get("style") for r in reviews)
    inline = sum(len(a.get("style") or "") for _, a in page.tags)
    assert inline < 8_000


def test_every_image_has_alt_and_keeps_its_shape(page: Page) -> None:
    images = [a for t, a in page.tags if t == "img"]
    assert len(images) == 3  # three films have posters; the fourth goes without
    for image in images:
        assert image.get("alt"), image
        # a fixed width and the height from the image: a 16:9 still is not squashed to 2:3
        assert image.get("width") == "96" and image.get("height") is None, image
        assert "height: auto" in (image.get("style") or ""), image
        assert (image.get("src") or "").startswith("https://")


def test_feed_text_is_marked_dir_auto(full: Digest, page: Page) -> None:
    feed_text = {f.title for f in full.films} | {
        f.title_hangul for f in full.films if f.title_hangul
    }
    for item in (*full.releases, *full.news, *(r for f in full.films for r in f.reviews)):
        feed_text |= {item.title, item.source}
        if item.excerpt:
            feed_text.add(item.excerpt)
    found = {text: direction for text, direction in page.texts if text in feed_text}
    assert set(found) == feed_text - {None}
    assert {t: d for t, d in found.items() if d != "auto"} == {}
    assert "مهرجان القاهرة السينمائي يحتفي بالسينما الكورية في دورته الجديدة" in found
    assert "헤어질 결심" in found


def test_cards_show_ratings_consensus_and_platforms(page: Page) -> None:
    texts = [t for t, _ in page.texts]
    assert "★★★★½" in texts  # Variety's 4.5
    assert "★★★½" in texts  # The Guardian's 3.5
    assert "4.5/5" in texts and "3.5/5" in texts
    # Good News: mean of 4.5, 3.5 and 4 is 4; Decision to Leave: mean of 5 and 4.5 is 4.75
    assert "4/5" in texts and "4.8/5" in texts
    assert "critics' rating from 3 reviews" in texts
    assert "New this week" in texts
    for name in ("Netflix", "Disney+", "TVING", "MUBI", "Max", "Hulu"):
        assert name in texts, name
    assert "New on Netflix & streaming" in texts
    assert any(t.startswith("This digest may be missing stories from 3 feeds") for t in texts)
    links = {a["href"] for t, a in page.tags if t == "a"}
    assert "https://variety.com/2026/film/reviews/good-news-review-netflix-1236140021/" in links
    assert "https://news.yahoo.com/good-news-review-hijacking" in links  # also covered by
    assert all((href or "").startswith(("http://", "https://")) for href in links)


def test_only_netflix_releases_get_the_netflix_heading(full: Digest) -> None:
    netflix_only = dataclasses.replace(
        full, releases=tuple(r for r in full.releases if r.platform == "netflix")
    )
    texts = [t for t, _ in parse(Renderer().render(netflix_only).html).texts]
    assert "New on Netflix" in texts
    assert "New on Netflix & streaming" not in texts


def test_feed_text_is_escaped_in_html_and_left_alone_in_text() -> None:
    hostile = make_digest(
        [
            film(
                "x",
                HOSTILE,
                title_hangul="<b>굵게</b>",
                reviews=[
                    review(
                        '"><img src=x onerror=alert(1)>',
                        source="Evil & Co",
                        link="https://e.example/",
                        rating=2.5,
                        excerpt="<iframe src=https://e.example/>",
                    )
                ],
            )
        ],
        news_items=[news("Tom & Jerry </td></tr></table>", source="S", link="https://n.example/")],
    )
    result = Renderer().render(hostile)
    assert "<script" not in result.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.html
    assert "<iframe" not in result.html and '<img src="x"' not in result.html
    assert "&lt;b&gt;굵게&lt;/b&gt;" in result.html
    texts = [t for t, _ in parse(result.html).texts]  # still well formed: nothing broke out
    assert HOSTILE in texts and "Tom & Jerry </td></tr></table>" in texts
    # the text part is not HTML: no entities for a reader to see
    assert HOSTILE in result.text
    assert "Evil & Co" in result.text and "&amp;" not in result.text


def test_empty_week_is_a_friendly_quiet_message() -> None:
    result = Renderer().render(empty_digest())
    page = parse(result.html)
    texts = [t for t, _ in page.texts]
    assert "A quiet week" in texts
    assert "This week's films" not in texts and "News" not in texts
    assert any("between Mon 23 Nov and Sun 29 Nov" in t for t in texts)
    assert any("Korea Herald" in t for t in texts)  # the failing feed is still reported
    assert "A QUIET WEEK" in result.text
    assert result.subject == "Korean film this week: Nov 23–29, 2026 (a quiet week)"


# -- the text part -----------------------------------------------------------------------------


def test_text_part_reads_on_its_own(full: Digest, rendered: RenderedDigest) -> None:
    text = rendered.text
    assert not re.search(r"</?[a-zA-Z][^>]*>", text), "HTML tag in the text part"
    assert not re.search(r"&(#\d+|[a-z]+);", text), "HTML entity in the text part"
    for card in full.films:
        assert card.title in text
    assert "Good News · 굿뉴스 · 2025" in text
    assert "★★★★½ 4.5/5 · Variety · Jessica Kiang" in text
    assert "★★★½☆ 3.5/5 · The Guardian" in text
    assert "Critics: ★★★★☆ 4/5 (mean of 3 reviews)" in text
    assert (
        "\n  https://variety.com/2026/film/reviews/good-news-review-netflix-1236140021/\n" in text
    )
    assert "Sat 28 Nov · Netflix" in text and "Thu 3 Dec · Disney+" in text
    assert "مهرجان القاهرة السينمائي" in text
    assert "Soompi (soompi.com): gone" in text
    for line in text.splitlines():
        # wrapped at 72 columns; only a line that is one long URL may run over
        assert len(line) <= 72 or re.fullmatch(r"\s*https?://\S+", line), line
    assert "\n\n\n" not in text


# -- the subject -------------------------------------------------------------------------------


def test_subject_from_the_config_string(full: Digest) -> None:
    result = Renderer().render(
        full,
        subject_template="Korean film this week:\n  {{ digest.week_label }} ({{ digest.week }})",
    )
    assert result.subject == "Korean film this week: Nov 23–29, 2026 (2026-W48)"


def test_default_subject_is_one_line_and_not_escaped(full: Digest) -> None:
    result = Renderer().render(dataclasses.replace(full, title="Film & TV"))
    assert "\n" not in result.subject and result.subject == result.subject.strip()
    assert result.subject == "Film & TV: Nov 23–29, 2026 · Good News, Decision to Leave and 2 more"


def test_subject_typo_is_a_render_error(full: Digest) -> None:
    with pytest.raises(RenderError, match=r"\[digest\] subject.*week_lable") as info:
        Renderer().render(full, subject_template="{{ digest.week_lable }}")
    assert isinstance(info.value.__cause__, jinja2.UndefinedError)


# -- overrides and errors ----------------------------------------------------------------------


def test_default_templates_have_the_named_blocks() -> None:
    env = Renderer().env
    for name in ("weekly.html.j2", "weekly.txt.j2"):
        blocks = set(env.get_template(name).blocks)
        assert {"header", "films", "releases", "news", "coverage", "footer"} <= blocks, name


def test_override_folder_replaces_a_template(tmp_path: Path, full: Digest) -> None:
    (tmp_path / "weekly.txt.j2").write_text("Club digest {{ digest.week }}\n", encoding="utf-8")
    result = Renderer(templates=tmp_path).render(full)
    assert result.text == "Club digest 2026-W48\n"
    assert "Good News" in result.html  # the HTML part still comes from the defaults


def test_override_extends_the_default_and_replaces_a_block(tmp_path: Path, full: Digest) -> None:
    (tmp_path / "weekly.html.j2").write_text(
        '{% extends "default:weekly.html.j2" %}\n'
        '{% block footer %}<tr><td class="footer-cell">Sent by the {{ club }} film club'
        "</td></tr>{% endblock %}\n"
        "{% block news %}<tr><td>{{ digest.news | length }} stories {{ 'a&b' }}</td></tr>"
        "{{ super() }}{% endblock %}\n".replace("{{ club }}", "Busan"),
        encoding="utf-8",
    )
    result = Renderer(templates=tmp_path).render(full)
    texts = [t for t, _ in parse(result.html).texts]
    assert "Sent by the Busan film club" in texts
    assert not any("made by kfilm-tracker" in t for t in texts)
    assert "4 stories a&b" in texts and "a&amp;b" in result.html  # the override is escaped too
    assert "Korean box office: ‘Harbin’ passes 5 million admissions in its third week" in texts
    assert "Good News" in texts


def test_typo_in_an_override_names_the_template_and_line(tmp_path: Path, full: Digest) -> None:
    override = tmp_path / "weekly.html.j2"
    override.write_text(
        '{% extends "default:weekly.html.j2" %}\n'
        "{% block footer %}\n<tr><td>{{ digest.titel }}</td></tr>\n{% endblock %}\n",
        encoding="utf-8",
    )
    with pytest.raises(RenderError) as info:
        Renderer(templates=tmp_path).render(full)
    message = str(info.value)
    assert str(override) in message and "line 3" in message and "titel" in message
    assert info.value.hint
    assert isinstance(info.value.__cause__, jinja2.UndefinedError)


def test_syntax_error_names_the_template_and_line(tmp_path: Path, full: Digest) -> None:
    (tmp_path / "weekly.txt.j2").write_text("ok\n{% if digest.empty %}\nno endif\n")
    with pytest.raises(RenderError, match=r"weekly\.txt\.j2, line \d+: syntax error") as info:
        Renderer(templates=tmp_path).render(full)
    assert isinstance(info.value.__cause__, jinja2.TemplateSyntaxError)


def test_extending_a_missing_default_is_a_render_error(tmp_path: Path, full: Digest) -> None:
    (tmp_path / "weekly.html.j2").write_text('{% extends "default:monthly.html.j2" %}')
    with pytest.raises(RenderError, match=r"not found: default:monthly\.html\.j2"):
        Renderer(templates=tmp_path).render(full)


def test_missing_template_folders_are_render_errors(tmp_path: Path, full: Digest) -> None:
    with pytest.raises(RenderError, match="does not exist"):
        Renderer(templates=tmp_path / "nope")
    with pytest.raises(RenderError, match=r"weekly\.html\.j2.*not found"):
        Renderer(default_dir=tmp_path).render(full, subject_template="x")


def test_remote_stylesheets_are_never_loaded(tmp_path: Path, full: Digest) -> None:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = b"p { color: red; }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/remote.css"
        (tmp_path / "weekly.html.j2").write_text(
            '{% extends "default:weekly.html.j2" %}\n'
            f'{{% block footer %}}<tr><td><link rel="stylesheet" href="{url}">x</td></tr>'
            "{% endblock %}\n",
            encoding="utf-8",
        )
        html = Renderer(templates=tmp_path).render(full).html
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert hits == []
    assert "<link" not in html


def test_a_runtime_error_in_a_user_template_is_a_render_error(tmp_path: Path) -> None:
    (tmp_path / "weekly.txt.j2").write_text("{{ digest.counts.films / 0 }}\n")
    renderer = Renderer(templates=tmp_path)
    with pytest.raises(RenderError, match=r"weekly\.txt\.j2.*ZeroDivisionError"):
        renderer.render(full_digest())
    with pytest.raises(RenderError, match=r"subject.*ValueError"):
        Renderer().render(full_digest(), subject_template='{{ digest.start | datefmt("weekly") }}')


def test_a_release_date_of_another_year_says_its_year() -> None:
    from datetime import date

    assert render.format_date(date(2026, 11, 28), "short", 2026) == "Sat 28 Nov"
    assert render.format_date(date(2023, 11, 22), "short", 2026) == "Wed 22 Nov 2023"
    assert render.format_date(date(2023, 11, 22), "month", 2026) == "Nov \u201923"
