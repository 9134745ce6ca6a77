"""tracker.parse against real-world third-party feeds (odd encodings, RSS 0.90/1.0, truncation).

The corpus is read in place from ``../shared/corpus`` beside the checkout and never copied into
the repository; these tests skip when it is absent.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.exceptions import ParseError
from tracker.parse.feed import parse_feed
from tracker.types import ParsedFeed

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
NOW = datetime(2025, 11, 25, 12, 0, tzinfo=UTC)
FILES = sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"shared corpus not found at {CORPUS}")

#: documents that must be refused, and why
EXPECTED_ERRORS = {
    "reuters-most-read-truncated-server-exception-2020": "truncated document",
}


def parse(name: str) -> ParsedFeed:
    body = (CORPUS / f"{name}.xml").read_bytes()
    return parse_feed(body, url=f"https://corpus.example/{name}", now=NOW)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_corpus_file_parses_or_is_refused_cleanly(path: Path) -> None:
    body = path.read_bytes()
    try:
        result = parse_feed(body, url="https://corpus.example/feed", now=NOW)
    except ParseError as error:
        assert path.stem in EXPECTED_ERRORS, f"unexpected ParseError: {error}"
        assert EXPECTED_ERRORS[path.stem] in error.message
        return
    assert path.stem not in EXPECTED_ERRORS
    assert result.feed.version
    assert result.entries
    for entry in result.entries:
        assert entry.identity
        assert entry.identity_source in ("guid", "link", "hash")
        assert entry.published is None or entry.published <= NOW
        assert entry.link is None or entry.link.startswith(("http://", "https://"))
        assert entry.image is None or entry.image.startswith(("http://", "https://"))
        for html in (entry.summary, entry.content):
            assert html is None or "<script" not in html.lower()
    assert len({e.identity for e in result.entries}) == len(result.entries)


def test_reuters_truncated_document_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match=r"truncated document: the XML ends early at line 19"):
        parse("reuters-most-read-truncated-server-exception-2020")


def test_undeclared_euc_kr_comes_out_as_hangul() -> None:
    result = parse("feedparser-test-euckr-undeclared")
    assert result.entries[0].title == "EUC-KR 에서 TypeKey 한글닉네임 표시하기"
    assert result.entries[0].summary is not None
    assert result.entries[0].summary.startswith("TypeKey 시스템이 UTF-8로 돌아가는데")
    assert result.warning is not None and "CP949" in result.warning


def test_windows_1251_comes_out_as_cyrillic() -> None:
    result = parse("ibash-ru-windows-1251")
    assert result.entries[0].title == "Цитата #17703"
    assert result.entries[0].summary is not None
    assert "есть у кого жаба программер" in result.entries[0].summary
    assert result.warning is None


@pytest.mark.parametrize(
    ("name", "feed_title", "entry_title"),
    [
        (
            "stadtfeuerwehr-weiz-rss0.91-iso8859-1",
            "Stadtfeuerwehr Weiz - Einsätze",
            "[19.08.2018 - 07:08 Uhr] Brandmeldeanlagenalarm",
        ),
        (
            "jornal-de-noticias-iso8859-1-feedburner-2018",
            "Jornal de Notícias - Últimas Notícias",
            "Mãe de utente é a nova presidente da Raríssimas",
        ),
        (
            "uol-noticias-latin1-no-xml-decl-2018",
            "UOL Noticias",
            "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno",
        ),
        (
            "inovacao-tecnologica-iso8859-1-wrong-atom-ns-2020",
            "RSS Feed do Site Inovação Tecnológica",
            "Revolução nas telas com pontos quânticos impressos em 3D",
        ),
    ],
)
def test_latin1_comes_out_with_accents(name: str, feed_title: str, entry_title: str) -> None:
    result = parse(name)
    assert result.feed.title == feed_title
    assert result.entries[0].title == entry_title


def test_latin1_without_prolog_is_guessed_with_a_warning() -> None:
    result = parse("le-cercle-psy-no-prolog-iso8859-1")
    assert result.feed.title == "Flux RSS du magazine de psychologie Le Cercle Psy"
    assert all("\ufffd" not in e.title for e in result.entries)
    assert any("é" in (e.summary or "") for e in result.entries)
    assert result.warning is not None and "windows-1252" in result.warning


def test_bom_without_xml_declaration() -> None:
    result = parse("mirror-world-news-bom-no-xmldecl-2017")
    assert result.feed.title == "mirror - World news"
    assert len(result.entries) == 25
    assert result.warning is None


def test_urdu_right_to_left_text() -> None:
    result = parse("bbc-urdu-rtl-media-rss")
    assert result.entries[0].title.startswith("امریکی عسکری امداد کی بندش کی وجوہات")
    assert "  " not in result.entries[0].title  # the feed's double spaces are collapsed
    assert result.entries[0].image is not None


def test_rss090_without_dates_uses_link_identity() -> None:
    result = parse("heise-online-rss0.90-netscape-rdf")
    assert result.feed.version == "rss090"
    assert len(result.entries) == 60
    assert all(e.published is None and e.identity_source == "link" for e in result.entries)


def test_rss10_rdf() -> None:
    result = parse("science-twis-rss1.0-rdf-2017")
    assert result.feed.version == "rss10"
    assert len(result.entries) == 69
    assert result.entries[0].title == "Food for fungi"


def test_rss091_without_guids_and_portuguese_dates() -> None:
    weiz = parse("stadtfeuerwehr-weiz-rss0.91-iso8859-1")
    assert weiz.feed.version == "rss091u"
    assert all(e.identity_source == "link" for e in weiz.entries)
    uol = parse("uol-noticias-latin1-no-xml-decl-2018")
    assert all(e.published is None for e in uol.entries)  # "Seg, 24 Set 2018": never raises


def test_atom_image_from_escaped_html_content() -> None:
    result = parse("theverge-frontpage-atom-2017")
    assert result.feed.version == "atom10"
    entry = result.entries[0]
    assert entry.image is not None and entry.image.startswith("https://cdn0.vox-cdn.com/")
    assert entry.content is not None and "<figure>" in entry.content


def test_duplicate_guid_in_a_real_feed_keeps_the_first() -> None:
    result = parse("lefigaro-culture-cinema-mojibake-2017")
    assert len(result.entries) == 49  # the document lists one article twice


def test_real_letterboxd_future_dates_are_clamped() -> None:
    result = parse("letterboxd-user-diary-rss")
    assert [e.published for e in result.entries] == [NOW, NOW, NOW]  # dated 2026
    assert result.entries[0].extra["tmdb_movieid"] == "43347"


def test_korea_herald_legacy_item() -> None:
    entry = parse("korea-herald-legacy-rss-2021-excerpt").entries[0]
    assert entry.identity == entry.guid == "20210209000915"
    assert entry.link == "http://www.koreaherald.com/view.php?ud=20210209000915"
    assert entry.summary is not None and "Korea’s" in entry.summary
    assert entry.published == datetime(2021, 2, 9, 6, 22, 43, tzinfo=UTC)
