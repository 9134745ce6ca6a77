"""OPML import and export: real-world-ish exports, round trips, broken and hostile documents."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tracker.config.opml import NAMESPACE, OpmlFeed, parse_opml, write_opml
from tracker.exceptions import CatalogError
from tracker.types import FeedKind, FeedSpec

DATA = Path(__file__).parent / "data" / "opml"
CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def test_export_with_categories_is_flattened_in_document_order() -> None:
    feeds = parse_opml((DATA / "subscriptions.opml").read_bytes())
    assert feeds == [
        OpmlFeed("https://www.hancinema.net/rss.xml", "HanCinema", "https://www.hancinema.net"),
        OpmlFeed(
            "https://www.scmp.com/rss/507634/feed", "SCMP: K-movies & more", "https://www.scmp.com/"
        ),
        OpmlFeed("http://www.cine21.com/rss/news.xml", "씨네21", None),
        # lower-case attribute names occur in the wild
        OpmlFeed(
            "https://www.yna.co.kr/rss/entertainment.xml", "연합뉴스 연예", "https://www.yna.co.kr"
        ),
        OpmlFeed(
            "https://www.whats-on-netflix.com/feed/",
            "What's on Netflix",
            "https://www.whats-on-netflix.com",
        ),
        # the duplicate HanCinema, the link outline, feed:// and the blank xmlUrl are skipped;
        # surrounding spaces are trimmed
        OpmlFeed("https://letterboxd.com/hanaseo/rss/", "Letterboxd: hanaseo", None),
    ]


def test_round_trip_keeps_urls_titles_and_sites() -> None:
    specs = [
        FeedSpec("https://example.com/mine.xml", title="Mine", site="https://example.com"),
        FeedSpec(
            "https://www.hancinema.net/rss.xml",
            title="HanCinema",
            site="https://www.hancinema.net",
            kind=FeedKind.MIXED,
            collection="korean-film",
        ),
        FeedSpec("https://a.example/feed?x=1&y=<2>", title='Quotes "and" <tags> & 씨네21'),
        FeedSpec("https://decider.com/feed/", title=None, collection="netflix"),
    ]
    document = write_opml(specs)
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0" ')
    back = parse_opml(document.encode("utf-8"))
    mixed = {"kind": FeedKind.MIXED, "korean_only": False}
    # [[feeds]] entries (no collection) come first, then one category per collection
    assert back == [
        OpmlFeed("https://example.com/mine.xml", "Mine", "https://example.com", **mixed),
        OpmlFeed("https://a.example/feed?x=1&y=<2>", 'Quotes "and" <tags> & 씨네21', None, **mixed),
        OpmlFeed(
            "https://www.hancinema.net/rss.xml", "HanCinema", "https://www.hancinema.net", **mixed
        ),
        # no title: text falls back to the URL, which is what readers show
        OpmlFeed("https://decider.com/feed/", "https://decider.com/feed/", None, **mixed),
    ]


def test_written_document_is_opml_2_with_head_title_and_categories() -> None:
    document = write_opml(
        [
            FeedSpec("https://a.example/f", title="A", collection="netflix"),
            FeedSpec("https://b.example/f", title="B", collection="korean-film"),
            FeedSpec("https://c.example/f", title="C", collection="netflix"),
        ],
        title="My feeds",
    )
    root = ET.fromstring(document)
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "My feeds"
    body = root.find("body")
    assert body is not None
    categories = [(c.get("text"), [o.get("xmlUrl") for o in c]) for c in body]
    assert categories == [
        ("netflix", ["https://a.example/f", "https://c.example/f"]),
        ("korean-film", ["https://b.example/f"]),
    ]
    outline = body[0][0]
    assert outline.attrib == {
        "type": "rss",
        "text": "A",
        "title": "A",
        "xmlUrl": "https://a.example/f",
        f"{{{NAMESPACE}}}kind": "mixed",
        f"{{{NAMESPACE}}}korean_only": "false",
    }


# -- kind and korean_only, in a namespace of our own ---------------------------------------------


def test_each_feeds_kind_and_korean_only_survive_a_round_trip() -> None:
    specs = [
        FeedSpec("https://r.example/rss", title="Reviews", kind=FeedKind.REVIEW, korean_only=True),
        FeedSpec("https://n.example/rss", kind=FeedKind.RELEASE, collection="netflix"),
        FeedSpec("https://w.example/rss", kind=FeedKind.NEWS, korean_only=True, collection="k"),
        FeedSpec("https://m.example/rss"),
    ]
    back = {
        feed.url: (feed.kind, feed.korean_only) for feed in parse_opml(write_opml(specs).encode())
    }
    assert back == {spec.url: (spec.kind, spec.korean_only) for spec in specs}


def test_the_attributes_are_namespaced_so_other_readers_can_ignore_them() -> None:
    document = write_opml([FeedSpec("https://r.example/rss", kind=FeedKind.REVIEW)])
    assert f'xmlns:kfilm="{NAMESPACE}"' in document
    assert 'kfilm:kind="review"' in document and 'kfilm:korean_only="false"' in document
    # a namespace-aware parser (what another reader uses) sees them in our namespace only
    [outline] = ET.fromstring(document).iter("outline")
    assert outline.get(f"{{{NAMESPACE}}}kind") == "review" and outline.get("kind") is None


def opml_with(root_attributes: str, outline_attributes: str) -> bytes:
    return (
        f'<?xml version="1.0"?><opml version="2.0" {root_attributes}><head/><body>'
        f'<outline text="x" xmlUrl="https://x.example/rss" {outline_attributes}/>'
        "</body></opml>"
    ).encode()


def test_import_reads_our_attributes_under_any_prefix_bound_to_our_namespace() -> None:
    [feed] = parse_opml(opml_with(f'xmlns:k="{NAMESPACE}"', 'k:kind="news" k:korean_only="true"'))
    assert (feed.kind, feed.korean_only) == (FeedKind.NEWS, True)


def test_import_ignores_the_same_names_in_another_namespace_or_none() -> None:
    for root, outline in (
        ('xmlns:kfilm="https://other.example/ns"', 'kfilm:kind="review" kfilm:korean_only="true"'),
        ("", 'kind="review" korean_only="true"'),  # not ours: plain OPML attributes
    ):
        [feed] = parse_opml(opml_with(root, outline))
        assert (feed.kind, feed.korean_only) == (None, None), (root, outline)


def test_import_leaves_an_unknown_kind_unsaid_instead_of_failing() -> None:
    [feed] = parse_opml(
        opml_with(f'xmlns:kfilm="{NAMESPACE}"', 'kfilm:kind="documentary" kfilm:korean_only="?"')
    )
    assert (feed.url, feed.kind, feed.korean_only) == ("https://x.example/rss", None, None)


def test_empty_list_writes_a_valid_empty_document() -> None:
    assert parse_opml(write_opml([]).encode()) == []


def test_declared_legacy_encodings_are_decoded() -> None:
    for encoding, title in (("windows-1252", "Café crème"), ("euc-kr", "씨네21 리뷰")):
        data = (
            f'<?xml version="1.0" encoding="{encoding}"?>\n<opml version="1.0"><body>'
            f'<outline text="{title}" xmlUrl="https://x.example/{encoding}"/></body></opml>'
        ).encode(encoding)
        assert parse_opml(data) == [OpmlFeed(f"https://x.example/{encoding}", title, None)]


def test_utf16_with_bom() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        '<opml><body><outline text="한" xmlUrl="https://k.example/"/></body></opml>'
    )
    assert parse_opml(text.encode("utf-16")) == [OpmlFeed("https://k.example/", "한", None)]


def test_truncated_document_is_refused() -> None:
    with pytest.raises(CatalogError, match=r"not a valid OPML file: .*line"):
        parse_opml((DATA / "truncated.opml").read_bytes())


@pytest.mark.parametrize("name", ["billion-laughs.opml", "xxe.opml"])
def test_entity_declarations_are_refused_before_expansion(name: str) -> None:
    with pytest.raises(CatalogError, match="DOCTYPE is not allowed"):
        parse_opml((DATA / name).read_bytes())


def test_a_doctype_without_entities_is_refused_too() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "http://127.0.0.1:9/opml.dtd"><opml/>'
    with pytest.raises(CatalogError, match="DOCTYPE"):
        parse_opml(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no element found"),
        (b"not xml at all", "syntax error"),
        (b'<rss version="2.0"><channel/></rss>', "root element is <rss>"),
        (b"<opml><body><outline xmlUrl='https://a.example/'></body></opml>", "mismatched tag"),
    ],
)
def test_not_opml(data: bytes, message: str) -> None:
    with pytest.raises(CatalogError, match=f"not a valid OPML file: .*{message}"):
        parse_opml(data)


def test_real_world_feeds_are_not_mistaken_for_opml() -> None:
    """Feeds with odd encodings, truncation and mojibake: always a CatalogError, never a crash
    or a list of feeds."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    documents = sorted(CORPUS.glob("*.xml"))
    assert documents
    for path in documents:
        with pytest.raises(CatalogError, match="not a valid OPML file"):
            parse_opml(path.read_bytes())
