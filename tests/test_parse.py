"""Tests of tracker.parse: golden feeds against the labeled set, then one test per rule."""

from __future__ import annotations

import json
import pickle
import random
import re
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tracker.exceptions import ParseError
from tracker.parse.entries import content_hash
from tracker.parse.feed import parse_feed
from tracker.parse.links import canonical_link
from tracker.types import EntryData, ParsedFeed

DATA = Path(__file__).parent / "data"
FEEDS = DATA / "feeds"
NOW = datetime(2025, 11, 25, 12, 0, tzinfo=UTC)
URL = "https://example.com/feed.xml"


def _items_by_source() -> dict[str, list[dict[str, Any]]]:
    items: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (DATA / "labeled" / "items.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            items[item["source"]].append(item)
    return items


ITEMS = _items_by_source()


def parse(text: str | bytes, **kwargs: Any) -> ParsedFeed:
    body = text.encode("utf-8") if isinstance(text, str) else text
    kwargs.setdefault("url", URL)
    kwargs.setdefault("now", NOW)
    return parse_feed(body, **kwargs)


def rss(items: str, *, channel: str = "<title>T</title>", namespaces: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"{namespaces}><channel>'
        f"{channel}{items}</channel></rss>"
    )


def one(item: str, **kwargs: Any) -> EntryData:
    result = parse(rss(f"<item>{item}</item>", **kwargs))
    assert len(result.entries) == 1
    return result.entries[0]


# ------------------------------------------------------------------------------------ golden


def test_every_feed_file_has_labeled_items() -> None:
    assert sorted(p.stem for p in FEEDS.glob("*.xml")) == sorted(ITEMS)
    assert len(ITEMS) == 17


@pytest.mark.parametrize("source", sorted(ITEMS))
def test_golden_feed_matches_labeled_items(source: str) -> None:
    items = ITEMS[source]
    result = parse((FEEDS / f"{source}.xml").read_bytes(), url=items[0]["feed_url"])

    assert result.warning is None
    assert result.feed.version == "rss20"
    assert result.feed.title
    assert len(result.entries) == len(items)
    by_identity = {entry.identity: entry for entry in result.entries}
    assert len(by_identity) == len(items)
    for item in items:
        entry = by_identity[item["guid"]]
        assert entry.identity_source == "guid"
        assert entry.guid == item["guid"]
        assert entry.title == " ".join(item["title"].split())
        assert entry.link == canonical_link(item["link"])
        assert entry.published == datetime.fromisoformat(item["published"])
        assert entry.published is not None and entry.published.tzinfo is UTC
        if item["image"]:
            assert entry.image == item["image"]
        assert entry.author == item["author"]
        assert list(entry.categories) == item["categories"]
        assert (entry.content is None) == (item["content"] is None)
        assert (entry.summary is None) == (not item["summary"])


@pytest.mark.parametrize("source", ["guardian", "letterboxd", "koreaherald"])
def test_golden_entries_keep_document_order(source: str) -> None:
    raw = (FEEDS / f"{source}.xml").read_text(encoding="utf-8")
    guids = re.findall(r"<guid[^>]*>([^<]+)</guid>", raw)
    assert [e.identity for e in parse(raw).entries] == guids


def test_scmp_rssboard_media_namespace_gives_the_widest_media_content() -> None:
    entry = parse((FEEDS / "scmp-kmovies.xml").read_bytes()).entries[0]
    assert entry.image is not None
    assert "/styles/1280x720/" in entry.image  # not the 237x147 thumbnail
    assert "utm_source" in ITEMS["scmp-kmovies"][0]["link"]
    assert entry.link is not None and "utm_source" not in entry.link


def test_scmp_media_namespace_under_another_prefix() -> None:
    body = (FEEDS / "scmp-kmovies.xml").read_text(encoding="utf-8")
    body = body.replace("xmlns:media=", "xmlns:m=").replace("<media:", "<m:")
    entries = parse(body).entries
    assert entries[0].image is not None and "/styles/1280x720/" in entries[0].image


def test_guardian_picks_the_460_wide_media_content() -> None:
    entry = parse((FEEDS / "guardian.xml").read_bytes()).entries[0]
    assert entry.image is not None and "width=460" in entry.image


def test_letterboxd_extra_fields() -> None:
    entries = {e.guid: e for e in parse((FEEDS / "letterboxd.xml").read_bytes()).entries}
    assert entries["letterboxd-watch-901223874"].extra == {
        "letterboxd_filmtitle": "Ballerina",
        "letterboxd_filmyear": "2025",
        "letterboxd_memberrating": "2.0",
        "letterboxd_rewatch": "No",
    }
    past_lives = entries["letterboxd-watch-541207765"].extra
    assert past_lives["tmdb_movieid"] == "666277"
    # memberRating is absent when unrated, and so is our key
    oldboy = entries["letterboxd-watch-497650112"].extra
    assert "letterboxd_memberrating" not in oldboy
    assert oldboy["letterboxd_rewatch"] == "Yes"
    # a list has none of them
    assert entries["letterboxd-list-38221457"].extra == {}


def test_korea_herald_entities_inside_cdata_and_non_url_guid() -> None:
    entry = parse((FEEDS / "koreaherald.xml").read_bytes()).entries[0]
    assert entry.guid == "20241114000652"
    assert entry.identity == "20241114000652"
    assert entry.summary is not None and "CJ ENM’s “Harbin,”" in entry.summary


def test_feed_data() -> None:
    result = parse((FEEDS / "whats-on-netflix.xml").read_bytes(), url="https://w.example/feed/")
    feed = result.feed
    assert feed.url == "https://w.example/feed/"
    assert feed.title == "What's on Netflix"
    assert feed.link is not None and feed.link.startswith("https://www.whats-on-netflix.com")
    assert feed.updated is not None and feed.updated.tzinfo is UTC
    assert feed.ttl == timedelta(hours=1)  # sy:updatePeriod hourly, frequency 1


# ------------------------------------------------------------------------------------ process pool


def test_parse_feed_pickles_and_runs_in_a_worker_process() -> None:
    body = (FEEDS / "letterboxd.xml").read_bytes()
    local = parse_feed(body, url=URL, headers={"Content-Type": "application/rss+xml"}, now=NOW)
    assert pickle.loads(pickle.dumps(local)) == local
    with ProcessPoolExecutor(max_workers=1) as pool:
        remote = pool.submit(
            parse_feed, body, url=URL, headers={"Content-Type": "application/rss+xml"}, now=NOW
        ).result(timeout=60)
    assert remote == local


# ------------------------------------------------------------------------------------ titles


def test_title_is_plain_text() -> None:
    entry = one("<title>  &lt;i&gt;Tintin&lt;/i&gt;   &amp;amp; Milou\n\t au cinéma </title>")
    assert entry.title == "Tintin & Milou au cinéma"


def test_title_script_is_dropped_with_its_text() -> None:
    entry = one("<title><![CDATA[Hello <script>alert(1)</script><b>World</b>]]></title>")
    assert entry.title == "Hello World"


def test_title_keeps_a_literal_less_than() -> None:
    assert one("<title>a &lt; b &amp;&amp; c</title>").title == "a < b && c"


def test_atom_html_title_and_content() -> None:
    body = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:x:1</id>'
        '<title type="html">&lt;em&gt;Past&lt;/em&gt; Lives</title>'
        '<link href="https://a.example/past-lives?fbclid=abc"/>'
        "<published>2024-01-02T03:04:05-05:00</published>"
        "<updated>2024-01-03T00:00:00Z</updated>"
        '<content type="html">&lt;p&gt;Hi&lt;img src="/p.jpg"&gt;&lt;/p&gt;</content>'
        "</entry></feed>"
    )
    result = parse(body)
    assert result.feed.version == "atom10"
    entry = result.entries[0]
    assert entry.title == "Past Lives"
    assert entry.identity == "urn:x:1"
    assert entry.link == "https://a.example/past-lives"
    assert entry.published == datetime(2024, 1, 2, 8, 4, 5, tzinfo=UTC)
    assert entry.updated == datetime(2024, 1, 3, tzinfo=UTC)
    assert entry.content == '<p>Hi<img src="https://a.example/p.jpg"></p>'
    assert entry.image == "https://a.example/p.jpg"


# ------------------------------------------------------------------------------------ sanitising


def sanitised(markup: str) -> str:
    entry = one(
        "<title>t</title><link>https://site.example/articles/1</link>"
        f"<description><![CDATA[{markup}]]></description>"
    )
    assert entry.summary is not None
    return entry.summary


def test_script_and_style_are_removed_with_their_content() -> None:
    out = sanitised("<p>ok</p><script>alert('x')</script><style>p{color:red}</style>")
    assert out == "<p>ok</p>"


def test_event_handlers_are_removed() -> None:
    out = sanitised('<img src="https://i.example/a.jpg" onerror="alert(1)" alt="A">')
    assert out == '<img src="https://i.example/a.jpg" alt="A">'


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,x"],
)
def test_javascript_and_data_links_are_removed(href: str) -> None:
    out = sanitised(f'<a href="{href}">x</a>')
    assert "href" not in out
    assert "javascript" not in out.lower()


def test_links_get_noopener_and_relative_urls_resolve_against_the_entry_link() -> None:
    out = sanitised('<a href="../2">next</a> <img src="//cdn.example/i.png">')
    assert out == (
        '<a href="https://site.example/2" rel="noopener noreferrer">next</a> '
        '<img src="https://cdn.example/i.png">'
    )


def test_relative_urls_resolve_against_the_feed_url_without_an_entry_link() -> None:
    entry = one('<title>t</title><description>&lt;img src="/i.png"&gt;</description>')
    assert entry.summary == '<img src="https://example.com/i.png">'
    assert entry.image == "https://example.com/i.png"


def test_forms_svg_iframes_and_objects_do_not_survive() -> None:
    out = sanitised(
        '<form action="https://evil.example"><input name="pw"><button>Go</button></form>'
        '<svg onload="alert(1)"><circle r="5"/><text>svgtext</text></svg>'
        '<iframe src="https://evil.example"></iframe><object data="x"></object>'
        '<embed src="x"><math><mi>x</mi></math><p style="position:fixed" class="c" id="i">p</p>'
    )
    lowered = out.lower()
    for bad in ("<form", "<input", "<button", "<svg", "<circle", "svgtext", "<iframe", "<object"):
        assert bad not in lowered
    for bad in ("onload", "style=", "class=", "id=", "<embed", "<math"):
        assert bad not in lowered
    assert "<p>p</p>" in out


def test_only_allowed_attributes_survive() -> None:
    out = sanitised(
        '<img src="https://i.example/a.jpg" width="10" height="20" alt="a" title="t"'
        ' srcset="x 2x" loading="lazy">'
    )
    assert out == '<img src="https://i.example/a.jpg" width="10" height="20" alt="a" title="t">'


def test_plain_text_content_is_escaped() -> None:
    body = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>1</id>'
        '<title>t</title><summary type="text">1 &lt; 2 &lt;b&gt;not bold&lt;/b&gt;</summary>'
        "</entry></feed>"
    )
    assert parse(body).entries[0].summary == "1 &lt; 2 &lt;b&gt;not bold&lt;/b&gt;"


def test_content_encoded_is_kept_separately_from_the_description() -> None:
    entry = one(
        "<title>t</title><description>short</description>"
        "<content:encoded><![CDATA[<p>long <b>body</b></p>]]></content:encoded>",
        namespaces=' xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    )
    assert entry.summary == "short"
    assert entry.content == "<p>long <b>body</b></p>"


# ------------------------------------------------------------------------------------ links


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://a.example/x?utm_source=rss&id=3&utm_medium=feed", "https://a.example/x?id=3"),
        ("https://a.example/x?fbclid=1&gclid=2&mc_cid=3&mc_eid=4", "https://a.example/x"),
        ("https://a.example/x?UTM_Campaign=1&b=%20c&a=", "https://a.example/x?b=%20c&a="),
        ("HTTPS://A.Example:443/x?ncid=rss#frag", "https://a.example/x#frag"),
        ("http://a.example:8080", "http://a.example:8080/"),
        (
            "https://www.yna.co.kr/view/AKR1?input=1195m",
            "https://www.yna.co.kr/view/AKR1?input=1195m",
        ),
        ("  https://a.example/p?b=2&a=1  ", "https://a.example/p?b=2&a=1"),
        ("mailto:x@example.com", "mailto:x@example.com"),
        ("/relative/path?utm_source=x", "/relative/path?utm_source=x"),
    ],
)
def test_canonical_link(raw: str, expected: str) -> None:
    assert canonical_link(raw) == expected


def test_canonical_link_is_idempotent() -> None:
    url = "https://a.example/x?utm_source=a&z=1&fbclid=q"
    assert canonical_link(canonical_link(url)) == canonical_link(url) == "https://a.example/x?z=1"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://a.example/x", "mailto:a@b.c"])
def test_entry_link_must_be_http(link: str) -> None:
    entry = one(f"<title>t</title><guid>g</guid><link>{link}</link>")
    assert entry.link is None


def test_relative_entry_link_resolves_against_the_feed_url() -> None:
    entry = one("<title>t</title><link>/post/1?utm_source=rss</link>")
    assert entry.link == "https://example.com/post/1"
    assert entry.identity == "https://example.com/post/1"


def test_a_non_url_guid_is_not_a_link() -> None:
    entry = one("<title>t</title><guid>20231121000612</guid>")
    assert entry.guid == "20231121000612"
    assert entry.link is None


# ------------------------------------------------------------------------------------ identity


def test_identity_from_guid() -> None:
    entry = one(
        "<title>t</title><guid isPermaLink='false'>abc-1</guid><link>https://a.example/1</link>"
    )
    assert (entry.identity, entry.identity_source, entry.guid) == ("abc-1", "guid", "abc-1")


def test_identity_falls_back_to_the_canonical_link() -> None:
    entry = one("<title>t</title><link>https://a.example/1?utm_source=x&amp;p=2</link>")
    assert (entry.identity, entry.identity_source, entry.guid) == (
        "https://a.example/1?p=2",
        "link",
        None,
    )


def test_identity_falls_back_to_a_hash_of_title_and_date() -> None:
    items = (
        "<item><title>A</title><pubDate>Mon, 10 Mar 2025 08:00:00 +0800</pubDate></item>"
        "<item><title>B</title><pubDate>Mon, 10 Mar 2025 08:00:00 +0800</pubDate></item>"
        "<item><title>A</title><pubDate>Tue, 11 Mar 2025 08:00:00 +0800</pubDate></item>"
        "<item><guid>  </guid><title>C</title></item>"
    )
    entries = parse(rss(items)).entries
    assert [e.identity_source for e in entries] == ["hash"] * 4
    assert all(e.identity.startswith("hash:") and len(e.identity) == 5 + 64 for e in entries)
    assert len({e.identity for e in entries}) == 4
    again = parse(rss(items)).entries
    assert [e.identity for e in again] == [e.identity for e in entries]  # stable


def test_duplicate_identity_keeps_the_first_entry() -> None:
    items = (
        "<item><title>first</title><guid>g1</guid><link>https://a.example/1</link></item>"
        "<item><title>other</title><guid>g2</guid><link>https://a.example/2</link></item>"
        "<item><title>again</title><guid>g1</guid><link>https://a.example/1</link></item>"
    )
    entries = parse(rss(items)).entries
    assert [(e.identity, e.title) for e in entries] == [("g1", "first"), ("g2", "other")]


def test_guids_shared_by_different_links_degrade_the_document_to_link_identity() -> None:
    items = (
        "<item><title>a</title><guid>same</guid><link>https://a.example/1</link></item>"
        "<item><title>b</title><guid>same</guid><link>https://a.example/2?utm_source=x</link></item>"
        "<item><title>c</title><guid>unique</guid><link>https://a.example/3</link></item>"
        "<item><title>d</title><guid>nolink</guid></item>"
    )
    entries = parse(rss(items)).entries
    assert [(e.identity_source, e.title) for e in entries] == [
        ("link", "a"),
        ("link", "b"),
        ("link", "c"),
        ("hash", "d"),
    ]
    assert [e.identity for e in entries[:3]] == [
        "https://a.example/1",
        "https://a.example/2",
        "https://a.example/3",
    ]
    assert [e.guid for e in entries] == ["same", "same", "unique", "nolink"]  # raw guid kept


# ------------------------------------------------------------------------------------ dates


def test_dates_become_aware_utc() -> None:
    entry = one(
        "<title>t</title><guid>g</guid><pubDate>Sun, 10 Mar 2024 01:02:33 +0900</pubDate>"
        "<dc:date>2024-03-11T00:00:00+09:00</dc:date>",
        namespaces=' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    )
    assert entry.published == datetime(2024, 3, 9, 16, 2, 33, tzinfo=UTC)
    assert entry.updated == datetime(2024, 3, 10, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "date",
    ["", "Seg, 24 Set 2018 19:42:40 -0300", "다음 달 6일", "yesterday", "99/99/99"],
)
def test_missing_or_unreadable_dates_are_none(date: str) -> None:
    entry = one(f"<title>t</title><guid>g</guid><pubDate>{date}</pubDate>")
    assert entry.published is None


def test_future_dates_are_clamped_to_now() -> None:
    items = (
        "<item><guid>far</guid><title>a</title>"
        "<pubDate>Wed, 31 Dec 2031 00:00:00 GMT</pubDate></item>"
        "<item><guid>near</guid><title>b</title>"
        "<pubDate>Wed, 26 Nov 2025 11:00:00 GMT</pubDate></item>"
    )
    far, near = parse(rss(items)).entries
    assert far.published == NOW
    assert near.published == datetime(2025, 11, 26, 11, 0, tzinfo=UTC)  # within a day: kept


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse(rss(""), now=datetime(2025, 1, 1))


# ------------------------------------------------------------------------------------ images


MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'


def test_image_widest_media_content() -> None:
    entry = one(
        "<title>t</title>"
        '<media:content url="https://i.example/small.jpg" medium="image" width="140"/>'
        '<media:content url="https://i.example/video.mp4" medium="video" width="1920"/>'
        '<media:content url="https://i.example/big.jpg" type="image/jpeg" width="460"/>'
        '<media:thumbnail url="https://i.example/thumb.jpg" width="2000"/>',
        namespaces=MEDIA,
    )
    assert entry.image == "https://i.example/big.jpg"


def test_image_thumbnail_then_enclosure_then_content_then_summary() -> None:
    thumb = one(
        '<title>t</title><media:thumbnail url="https://i.example/thumb.jpg"/>'
        '<enclosure url="https://i.example/enc.jpg" type="image/jpeg" length="1"/>',
        namespaces=MEDIA,
    )
    assert thumb.image == "https://i.example/thumb.jpg"
    enclosure = one(
        '<title>t</title><enclosure url="https://i.example/a.mp3" type="audio/mpeg" length="1"/>'
        '<enclosure url="https://i.example/enc.jpg" type="image/jpeg" length="1"/>'
        '<description>&lt;img src="https://i.example/summary.jpg"&gt;</description>'
    )
    assert enclosure.image == "https://i.example/enc.jpg"
    content = one(
        '<title>t</title><description>&lt;img src="https://i.example/summary.jpg"&gt;</description>'
        '<content:encoded>&lt;p&gt;&lt;img src="javascript:x"&gt;&lt;img src="https://i.example/c.jpg"&gt;'
        "</content:encoded>",
        namespaces=' xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    )
    assert content.image == "https://i.example/c.jpg"
    summary = one(
        '<title>t</title><description>&lt;img src="https://i.example/s.jpg"&gt;</description>'
    )
    assert summary.image == "https://i.example/s.jpg"
    assert one("<title>t</title><description>no image</description>").image is None


def test_image_must_be_absolute_http() -> None:
    entry = one(
        '<title>t</title><media:content url="file:///etc/passwd" medium="image"/>'
        '<media:thumbnail url="data:image/png;base64,AAAA"/>',
        namespaces=MEDIA,
    )
    assert entry.image is None


def test_undeclared_media_prefix_is_understood() -> None:
    entry = one('<title>t</title><media:thumbnail url="https://i.example/t.jpg"/>')
    assert entry.image == "https://i.example/t.jpg"


def test_undeclared_prefixes_of_elements_and_attributes_are_declared() -> None:
    from tracker.parse.prepare import _declare_missing_prefixes

    text = '<rss xmlns:dc="urn:dc"><dc:creator x:lang="ko"/><y:z/>\t_w:q =1 axmlns:v="u"</rss>'
    declared = _declare_missing_prefixes(text, len("<rss"))
    root = declared[: declared.index(">")]
    # x (an attribute), y (an element) and _w (spaces before "="): declared once each; dc was
    # declared, and "axmlns:v=" is not a declaration of v (no word boundary before it)
    assert "xmlns:x=" in root and "xmlns:y=" in root and "xmlns:_w=" in root
    assert root.count("xmlns:dc=") == 1 and "xmlns:v=" not in root
    # not names: a prefix that starts with a digit, or one glued to a quote
    for text in ['<rss> 9x:a="1"</rss>', '<rss>"x:a="1"</rss>', "<rss>x:a: b</rss>"]:
        assert _declare_missing_prefixes(text, 4) == text


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("한국".encode().decode("cp1252"), "한국"),  # UTF-8 read as windows-1252, then UTF-8
        ("Itâ€™s a hit", "It’s a hit"),  # a cp1252 special among the bytes
        ("cafÃƒÂ©", "café"),  # garbled twice over
        ("café, Amélie", None),  # real Latin-1 text
        ("한국 영화 It’s", None),  # real Korean: nothing to undo
        ("plain ascii", None),
    ],
)
def test_text_encoded_twice_is_repaired_and_nothing_else(text: str, repaired: str | None) -> None:
    from tracker.parse.decode import _undo_double_utf8

    assert _undo_double_utf8(text) == repaired


# ------------------------------------------------------------------------------------ feed data


def test_ttl_minutes() -> None:
    assert parse(rss("", channel="<title>T</title><ttl>90</ttl>")).feed.ttl == timedelta(minutes=90)


def test_ttl_from_syndication_module() -> None:
    sy = ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'
    channel = "<title>T</title><sy:updatePeriod>daily</sy:updatePeriod>"
    freq = "<sy:updateFrequency>4</sy:updateFrequency>"
    assert parse(rss("", channel=channel + freq, namespaces=sy)).feed.ttl == timedelta(hours=6)
    assert parse(rss("", channel=channel, namespaces=sy)).feed.ttl == timedelta(days=1)
    assert parse(rss("", channel="<title>T</title><ttl>soon</ttl>")).feed.ttl is None


def test_author_and_categories() -> None:
    entry = one(
        "<title>t</title><author>critic@example.com (Jane Critic)</author>"
        "<category>Film</category><category> Reviews </category><category>Film</category>"
        "<category></category>"
    )
    assert entry.author == "Jane Critic"
    assert entry.categories == ("Film", "Reviews")


def test_rss090_and_rss10() -> None:
    rdf = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://a.example/">'
        "<title>R</title><link>https://a.example/</link></channel>"
        '<item rdf:about="https://a.example/1"><title>one</title>'
        "<link>https://a.example/1</link></item></rdf:RDF>"
    )
    result = parse(rdf)
    assert result.feed.version == "rss10"
    assert [(e.title, e.link) for e in result.entries] == [("one", "https://a.example/1")]


def test_empty_feed_is_a_feed() -> None:
    result = parse(rss(""))
    assert result.entries == ()
    assert result.feed.version == "rss20"


# ------------------------------------------------------------------------------------ hashing


def test_content_hash_is_stable_and_sensitive() -> None:
    entry = one("<title>t</title><guid>g</guid><description>d</description>")
    assert content_hash(entry) == content_hash(
        one("<title>t</title><guid>g</guid><description>d</description>")
    )
    assert len(content_hash(entry)) == 64
    changed = {
        content_hash(replace(entry, title="t2")),
        content_hash(replace(entry, summary="d2")),
        content_hash(replace(entry, image="https://i.example/x.jpg")),
        content_hash(replace(entry, categories=("x",))),
        content_hash(replace(entry, extra={"tmdb_movieid": "1"})),
    }
    assert content_hash(entry) not in changed
    assert len(changed) == 5
    assert content_hash(replace(entry, extra={"a": "1", "b": "2"})) == content_hash(
        replace(entry, extra={"b": "2", "a": "1"})
    )


# ------------------------------------------------------------------------------------ errors


@pytest.mark.parametrize("body", [b"", b"   \n\t ", b"\xef\xbb\xbf"])
def test_empty_body(body: bytes) -> None:
    with pytest.raises(ParseError, match="empty document") as info:
        parse(body)
    assert info.value.url == URL


@pytest.mark.parametrize(
    "body",
    [
        "<!DOCTYPE html><html><head><title>Sign in</title></head><body><p>x<br></body></html>",
        "<!doctype HTML>\n<html lang=en><meta charset=utf-8><title>x</title>",
        "<html><head><title>Error</title></head><body><h1>502</h1></body></html>",
        "\n  <!-- cdn --><html xmlns='http://www.w3.org/1999/xhtml'><body/></html>",
    ],
)
def test_html_page_is_not_a_feed(body: str) -> None:
    with pytest.raises(ParseError, match="not a feed: looks like an HTML page"):
        parse(body, headers={"Content-Type": "text/html; charset=utf-8"})


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"items": []}', "does not start with XML markup"),
        ("just text", "does not start with XML markup"),
        ("<config><a>1</a></config>", "root element <config> is not RSS"),
    ],
)
def test_other_documents_are_not_feeds(body: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse(body)


def test_truncated_documents_are_errors_not_shorter_feeds() -> None:
    full = rss(
        "".join(f"<item><title>n{i}</title><guid>g{i}</guid></item>" for i in range(5))
    ).encode()
    assert len(parse(full).entries) == 5
    cuts = [len(full) - 1, len(full) - 12, full.index(b"<guid>g3") + 3, full.index(b"n4") + 1]
    for cut in cuts:
        with pytest.raises(ParseError, match="truncated document"):
            parse(full[:cut])


def test_truncated_error_names_the_line() -> None:
    body = '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>T</title>\n<item><title>x'
    with pytest.raises(ParseError, match=r"truncated document: the XML ends early at line 5"):
        parse(body)


def test_malformed_xml_is_an_error() -> None:
    body = rss("<item><title>a</title></wrong></item>")
    with pytest.raises(ParseError, match=r"malformed XML at line 2, column \d+: mismatched tag"):
        parse(body)


def test_sloppy_but_complete_feeds_are_repaired() -> None:
    entry = one(
        "<title>Caf&eacute; &nbsp;society &amp; more & less</title>"
        "<link>https://a.example/?a=1&b=2&utm_source=x</link>"
        "<description>\x0bcontrol\x01 chars</description>"
    )
    assert entry.title == "Café society & more & less"
    assert entry.link == "https://a.example/?a=1&b=2"
    assert entry.summary == "control chars"


def test_xml_declaration_after_whitespace_is_fine() -> None:
    result = parse("\n\n  " + rss("<item><title>t</title><guid>1</guid></item>"))
    assert [e.title for e in result.entries] == ["t"]


# ------------------------------------------------------------------------------------ attacks


def _laughs(*, same_line: bool) -> str:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    sep = "" if same_line else "\n"
    return (
        f'<?xml version="1.0"?>{sep}<!DOCTYPE rss [{sep}{entities}{sep}]>{sep}'
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>boom &lol9;</title><guid>g</guid></item></channel></rss>"
    )


@pytest.mark.parametrize("same_line", [True, False])
def test_billion_laughs_is_refused(same_line: bool) -> None:
    with pytest.raises(ParseError, match="unsafe XML refused"):
        parse(_laughs(same_line=same_line))


def test_declared_but_unused_entities_are_dropped_harmlessly() -> None:
    body = _laughs(same_line=True).replace("&lol9;", "")
    result = parse(body)
    assert [e.title for e in result.entries] == ["boom"]
    assert "lol" not in repr(result)


def test_external_entity_never_reads_local_files() -> None:
    body = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>&xxe;</title>'
        "<item><title>x&xxe;</title><description>&xxe;</description><guid>g</guid></item>"
        "</channel></rss>"
    )
    with pytest.raises(ParseError, match="unsafe XML refused") as info:
        parse(body)
    assert "root:" not in str(info.value)


def test_external_dtd_is_not_loaded() -> None:
    body = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file:///etc/passwd">\n'
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>x</title><guid>g</guid></item></channel></rss>"
    )
    result = parse(body)
    assert [e.title for e in result.entries] == ["x"]
    assert "root:" not in repr(result)


def test_parameter_entity_attack_is_inert() -> None:
    body = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;'
        "<!ENTITY % p \"<!ENTITY leak 'x'>\"> %p;]>"
        '<rss version="2.0"><channel><title>T</title><item><title>t</title><guid>g</guid></item>'
        "</channel></rss>"
    )
    result = parse(body)
    assert [e.title for e in result.entries] == ["t"]
    assert "root:" not in repr(result)


def test_quadratic_blowup_is_refused_quickly() -> None:
    big = "a" * 50_000
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{big}">]><rss version="2.0"><channel>'
        f"<title>T</title><item><title>{'&a;' * 50_000}</title><guid>g</guid></item>"
        "</channel></rss>"
    )
    with pytest.raises(ParseError, match="unsafe XML refused"):
        parse(body)


def test_unterminated_doctype_is_an_error() -> None:
    with pytest.raises(ParseError, match="unterminated DOCTYPE"):
        parse('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x">')


# ------------------------------------------------------------------------------------ encodings


def test_undeclared_euc_kr_is_decoded_as_korean() -> None:
    body = rss("<item><title>서울의 봄 리뷰</title><guid>1</guid></item>")
    body_kr = body.replace(' encoding="utf-8"', "").encode("euc-kr")
    result = parse(body_kr)
    assert result.entries[0].title == "서울의 봄 리뷰"
    assert result.warning is not None and "CP949" in result.warning


def test_declared_euc_kr_uses_cp949_superset() -> None:
    # 똠 is CP949-only: strict EUC-KR cannot encode it
    body = rss("<item><title>똠양꿍 서울의 봄</title><guid>1</guid></item>")
    result = parse(body.replace("utf-8", "euc-kr").encode("cp949"))
    assert result.entries[0].title == "똠양꿍 서울의 봄"
    assert result.warning is None


def test_undeclared_latin1_is_windows_1252() -> None:
    body = rss("<item><title>Cinéma – “À bout de souffle”</title><guid>1</guid></item>")
    result = parse(body.replace(' encoding="utf-8"', "").encode("windows-1252"))
    assert result.entries[0].title == "Cinéma – “À bout de souffle”"
    assert result.warning is not None and "windows-1252" in result.warning


def test_http_charset_is_used() -> None:
    body = rss("<item><title>Цитата</title><guid>1</guid></item>").replace(' encoding="utf-8"', "")
    result = parse(
        body.encode("windows-1251"), headers={"Content-Type": "text/xml; charset=windows-1251"}
    )
    assert result.entries[0].title == "Цитата"
    assert result.warning is None


def test_utf8_bytes_win_over_a_wrong_declaration() -> None:
    body = rss("<item><title>Café</title><guid>1</guid></item>").replace("utf-8", "iso-8859-1")
    result = parse(body.encode("utf-8"))
    assert result.entries[0].title == "Café"
    assert result.warning is not None and "UTF-8" in result.warning


def test_bom_without_declaration() -> None:
    body = rss("<item><title>Ünïcödé</title><guid>1</guid></item>").split("\n", 1)[1]
    assert parse(b"\xef\xbb\xbf" + body.encode("utf-8")).entries[0].title == "Ünïcödé"
    assert parse(body.encode("utf-16")).entries[0].title == "Ünïcödé"  # with its BOM


@pytest.mark.parametrize("source", sorted(ITEMS))
def test_any_truncation_of_a_golden_feed_is_a_parse_error(source: str) -> None:
    body = (FEEDS / f"{source}.xml").read_bytes()
    end = body.rindex(b"</rss>") + len(b"</rss>")
    rng = random.Random(source)  # deterministic cut points, different per feed
    cuts = sorted({0, 1, 40, end - 1, end - 6, *rng.sample(range(2, end - 1), 12)})
    for cut in cuts:
        with pytest.raises(ParseError):
            parse(body[:cut])
    assert len(parse(body[: end + 1]).entries) == len(ITEMS[source])  # only whitespace after


def test_namespace_declared_on_an_inner_element() -> None:
    body = (
        '<rss version="2.0"><channel><title>T</title><item><title>t</title>'
        '<b:x xmlns:b="urn:b">1</b:x><guid>g</guid></item></channel></rss>'
    )
    assert [e.title for e in parse(body).entries] == ["t"]


def test_plain_text_without_markup_is_what_nh3_would_give() -> None:
    import html as html_module

    import nh3

    from tracker.parse.sanitize import _DROP_WITH_CONTENT, _WHITESPACE, plain_text

    def by_nh3(text: str) -> str:  # what plain_text always did
        stripped = nh3.clean(text, tags=set(), clean_content_tags=set(_DROP_WITH_CONTENT))
        return _WHITESPACE.sub(" ", html_module.unescape(stripped))

    rng = random.Random(7)
    alphabet = [chr(c) for c in range(1, 0x250)] + list(
        "한국영화 \u3000\u00a0\u200b\u2028\ufeff\r\n\t\x0b\x0c\x1c\x1f\x7f\x85\U0001f600"
    )
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert plain_text(text) == by_nh3(text).strip(), repr(text)
