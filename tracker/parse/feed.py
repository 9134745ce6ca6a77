"""The parse stage: feed document bytes in, a normalised ``ParsedFeed`` out.

Owns turning one fetched RSS 0.9x/1.0/2.0 or Atom document into ``FeedData`` and ``EntryData``:
choosing the character encoding, defusing XML attacks, calling feedparser, and normalising what it
returns (identities, UTC dates, plain-text titles, canonical links, nh3-sanitised HTML, the best
image). Also owns ``canonical_link`` and ``content_hash``, which the updater uses to recognise an
entry it has seen before and to tell whether it changed.

Must not touch the network, the filesystem, a database, the clock (``now`` is a parameter) or the
environment, and must not import another pure-core module. ``parse_feed`` is a top-level function
whose arguments and result pickle cleanly: the updater runs it in a ``ProcessPoolExecutor`` because
feedparser is pure Python and the slowest stage.

Rules worth knowing:

* **Bytes only.** feedparser gets ``io.BytesIO`` and never a ``str``, URL or path (it would fetch or
  open it). We decode the bytes ourselves first (BOM, then valid UTF-8, then the declared charset,
  then a Korean CP949 sniff, then windows-1252) because feedparser without ``chardet`` reads an
  undeclared EUC-KR document as windows-1252, and we hand it UTF-8 with a matching declaration.
* **XML attacks.** Any ``<!DOCTYPE ...>`` is removed before parsing, internal subset and all, so no
  entity is ever declared: billion laughs, quadratic blow-up and external entities (``SYSTEM
  "file:///etc/passwd"``) all end as an undefined entity, hence a ``ParseError``. HTML named
  entities (``&nbsp;``, ``&eacute;``) that sloppy feeds use are rewritten to numeric references
  and a bare ``&`` to ``&amp;`` first, so those feeds still parse.
* **Well-formedness is required.** feedparser silently falls back to a lenient parser on broken
  XML; we do not, because a truncated document would then look like a feed whose entries vanished.
  Any XML error is a ``ParseError`` ("truncated document ..." or "malformed XML at line N ...").
  A harmless oddity (an encoding we had to guess or override) gives ``ParsedFeed.warning``.
* **Identity.** The guid (feedparser ``id``), else the canonical link, else ``hash:<sha256>`` of
  link, title and date; ``EntryData.identity_source`` says which. If one document gives the same
  guid to entries with different links, its guids are unreliable and the whole document uses link
  identities instead (FreshRSS does the same). Then a repeated identity keeps the first entry.
* **HTML.** Summary and content are sanitised with nh3 (allowlisted tags; ``href``, ``src``,
  ``alt``, ``title``, ``width``, ``height``; absolute http(s) URLs only, relative ones resolved
  against the entry link; ``rel="noopener noreferrer"``). feedparser's own sanitiser is turned off:
  it keeps forms and svg.
* **Media RSS.** SCMP declares the media namespace as ``http://www.rssboard.org/media-rss``; it is
  rewritten to the Yahoo URI feedparser knows, so ``media:content`` is understood whatever prefix
  the feed uses.

``EntryData.extra`` keys (strings, present only when the feed has the element):
``letterboxd_filmtitle``, ``letterboxd_filmyear``, ``letterboxd_memberrating``,
``letterboxd_rewatch`` (Letterboxd, namespace ``https://letterboxd.com``) and ``tmdb_movieid``
(namespace ``https://themoviedb.org``).
"""

from __future__ import annotations

import codecs
import hashlib
import html
import io
import json
import re
import xml.sax
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.entities import name2codepoint
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import feedparser
import nh3

from tracker.exceptions import ParseError
from tracker.text import hangul_count, has_hangul
from tracker.types import EntryData, FeedData, ParsedFeed

__all__ = ["TRACKING_PARAMS", "canonical_link", "content_hash", "parse_feed"]

#: query parameters that only track the reader; ``utm_*`` is matched as a prefix
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_hsenc",
        "_hsmi",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "wt.mc_id",
        "ncid",
        "cmpid",
        "ito",
        "at_medium",
        "at_campaign",
        "__twitter_impression",
    }
)

#: a date more than this far after ``now`` is a publisher's mistake: clamp it to ``now``
FUTURE_TOLERANCE = timedelta(days=1)

_ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
        "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strike", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "*": {"title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
}
#: tags dropped together with their text, not just unwrapped
_DROP_WITH_CONTENT = frozenset({"script", "style", "noscript", "template", "svg", "math"})

_MEDIA_RSS_URI = "http://search.yahoo.com/mrss/"
#: well-known prefixes declared for feeds that use them without an ``xmlns:`` declaration
_KNOWN_PREFIXES = {
    "media": _MEDIA_RSS_URI,
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "atom": "http://www.w3.org/2005/Atom",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "sy": "http://purl.org/rss/1.0/modules/syndication/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "georss": "http://www.georss.org/georss",
    "letterboxd": "https://letterboxd.com",
    "tmdb": "https://themoviedb.org",
}
#: (namespace URI, element) -> ``EntryData.extra`` key
_EXTRA_ELEMENTS = {
    ("https://letterboxd.com", "filmtitle"): "letterboxd_filmtitle",
    ("https://letterboxd.com", "filmyear"): "letterboxd_filmyear",
    ("https://letterboxd.com", "memberrating"): "letterboxd_memberrating",
    ("https://letterboxd.com", "rewatch"): "letterboxd_rewatch",
    ("https://themoviedb.org", "movieid"): "tmdb_movieid",
}
_SY_PERIODS = {
    "hourly": timedelta(hours=1),
    "daily": timedelta(days=1),
    "weekly": timedelta(weeks=1),
    "monthly": timedelta(days=30),
    "yearly": timedelta(days=365),
}

# Encoding names that servers use for what is really a superset; decoding with the superset is what
# every reader does (EUC-KR pages hold CP949 syllables, "ISO-8859-1" pages hold cp1252 quotes).
_ENCODING_SUPERSETS = {
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949",
    "x-windows-949": "cp949",
    "windows-949": "cp949",
    "uhc": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
}
_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)

_XML_DECL = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.IGNORECASE)
_XML_DECL_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
# characters XML 1.0 forbids; they appear in sloppy feeds and are never meaningful
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# a CDATA section or a comment (left alone), or an ampersand (maybe repaired)
_AMP_OR_SKIP = re.compile(
    r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9._-]*;)?",
    re.DOTALL,
)
_XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
_RSSBOARD_MEDIA = re.compile(
    r"""(xmlns:[\w.-]+\s*=\s*)(["'])https?://www\.rssboard\.org/media-rss/?\2"""
)
_PREFIX_USE = re.compile(
    r"</?([A-Za-z_][\w.-]*):[A-Za-z_]|\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\s*="
)
_PREFIX_DECL = re.compile(r"\bxmlns:([A-Za-z_][\w.-]*)\s*=")
_FIRST_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)")
_WHITESPACE = re.compile(r"\s+")
#: root elements that mean an HTML page was served instead of a feed
#: expat's messages for a document that stops before its root element is closed
_TRUNCATION_MESSAGES = frozenset({"no element found", "unclosed token", "unclosed CDATA section"})
_HTML_ROOTS = frozenset({"html", "head", "body", "div", "meta", "script", "p", "table", "span"})


# --------------------------------------------------------------------------------------------
# public API


def parse_feed(
    body: bytes, *, url: str, headers: Mapping[str, str] | None = None, now: datetime
) -> ParsedFeed:
    """Parse one feed document. Raises ``ParseError`` when it is not a usable, complete feed.

    ``url`` is where the document came from (the final URL after redirects): relative links are
    resolved against it. ``headers`` are the HTTP response headers (any case). ``now`` (aware) is
    the reference for clamping future dates.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    lower_headers = {k.lower(): v for k, v in (headers or {}).items()}
    if not body.strip():
        raise ParseError("empty document: the server sent no feed", url=url)

    text, warnings = _decode(body, lower_headers.get("content-type", ""))
    prepared, doctype = _prepare(text, url=url)

    # feedparser gets UTF-8 bytes that say so, and a content type that makes it believe them.
    # No Content-Location: feedparser would resolve a non-URL guid ("20231121000612") against it,
    # and an identity must not depend on a header; we resolve relative links ourselves.
    fp_headers = {k: v for k, v in lower_headers.items() if k != "content-location"}
    fp_headers["content-type"] = "application/xml; charset=utf-8"
    try:
        result = feedparser.parse(
            io.BytesIO(prepared.encode("utf-8")),
            response_headers=fp_headers,
            sanitize_html=False,  # its sanitiser keeps forms and svg; nh3 does it below
            resolve_relative_uris=False,  # we resolve against the entry link while sanitising
        )
    except Exception as error:
        # feedparser lets some of its own complaints escape (UndeclaredNamespace from a SAX
        # handler, sgmllib errors in lenient mode): on hostile input that is the document's fault
        raise ParseError(
            f"not a usable feed: feedparser failed ({type(error).__name__}: {error})", url=url
        ) from error
    _raise_for_xml_error(result, doctype=doctype, url=url)

    version = str(result.get("version") or "") or None
    if version == "rss091u" and doctype and "netscape" in doctype.lower():
        version = "rss091n"  # feedparser tells them apart by the DOCTYPE we removed
    raw_entries: list[Any] = list(result.get("entries") or [])
    if version is None and not raw_entries:
        root = _FIRST_TAG.search(prepared)
        name = root.group(1) if root else "?"
        raise ParseError(
            f"not a feed: the root element <{name}> is not RSS, RDF or Atom and has no entries",
            url=url,
        )

    namespaces = {str(k): str(v) for k, v in (result.get("namespaces") or {}).items()}
    feed = _feed_data(result.get("feed") or {}, url=url, version=version, now=now)
    entries = _entries(raw_entries, feed=feed, namespaces=namespaces, now=now)
    return ParsedFeed(feed=feed, entries=entries, warning="; ".join(warnings) or None)


def canonical_link(url: str) -> str:
    """The form of a link used for identity: tracking parameters removed, scheme and host
    lower-cased, default port and empty query dropped. Other parameters keep their order and
    spelling. A string that is not an absolute http(s) URL comes back stripped, unchanged."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != (443 if scheme == "https" else 80):
        host = f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        host = f"{userinfo}@{host}"
    kept = [p for p in parts.query.split("&") if p and not _is_tracking(p)]
    return urlunsplit((scheme, host, parts.path or "/", "&".join(kept), parts.fragment))


def content_hash(entry: EntryData) -> str:
    """A stable hash (sha256 hex) of the fields we store, to tell whether an entry changed."""
    fields = {
        "identity": entry.identity,
        "title": entry.title,
        "link": entry.link,
        "published": entry.published.isoformat() if entry.published else None,
        "updated": entry.updated.isoformat() if entry.updated else None,
        "summary": entry.summary,
        "content": entry.content,
        "author": entry.author,
        "categories": list(entry.categories),
        "image": entry.image,
        "guid": entry.guid,
        "extra": dict(sorted(entry.extra.items())),
    }
    blob = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# bytes -> text


def _decode(body: bytes, content_type: str) -> tuple[str, list[str]]:
    """Decode the document; returns the text and warnings about how the encoding was chosen."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace"), []
    # UTF-16 without a BOM still starts with "<?" in its own encoding (XML spec, appendix F)
    if body.startswith(b"\x00<\x00?"):
        return body.decode("utf-16-be", errors="replace"), []
    if body.startswith(b"<\x00?\x00"):
        return body.decode("utf-16-le", errors="replace"), []

    declared: list[str] = []
    charset = _CHARSET_PARAM.search(content_type)
    if charset:
        declared.append(charset.group(1))
    decl = _XML_DECL_ENCODING.match(body)
    if decl:
        declared.append(decl.group(1).decode("ascii"))
    label = f"declared {declared[0]}" if declared else "no encoding declared"

    # Real text in a legacy encoding is practically never valid UTF-8, and servers often label
    # UTF-8 feeds wrongly, so valid UTF-8 wins over any declaration.
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        notes: list[str] = []
        if declared and _codec(declared[0]) not in (None, "utf-8") and not body.isascii():
            notes.append(f"{label} but the bytes are UTF-8; decoded as UTF-8")
        repaired = _undo_double_utf8(text)
        if repaired is not None:
            text = repaired
            notes.append("the text was UTF-8 encoded twice (mojibake); repaired")
        return text, notes

    for index, name in enumerate(declared):
        codec = _codec(name)
        if codec is None or codec == "utf-8":
            continue
        decoded = _try_decode(body, codec)
        if decoded is not None:
            return decoded, [f"{label} but decoded as {codec}"] if index else []

    # Nothing usable declared: a Korean legacy page is CP949 (a superset of EUC-KR); check that
    # the result really is mostly Hangul, since Latin-1 bytes can happen to decode as CP949 too.
    cp949 = _try_decode(body, "cp949")
    if cp949 is not None and _mostly_hangul(cp949):
        return cp949, [f"{label} (or not decodable); guessed CP949 (Korean)"]
    fallback = _try_decode(body, "windows-1252")
    if fallback is None:
        fallback = body.decode("latin-1")
    return fallback, [f"{label} (or not decodable); guessed windows-1252"]


# cp1252's characters for bytes 0x80-0x9F, mapped back to those bytes' Latin-1 code points
_CP1252_BACK = {
    ord(bytes([b]).decode("cp1252")): b
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _undo_double_utf8(text: str) -> str | None:
    """The text a double encoder garbled, or None when it is not garbled that way.

    UTF-8 bytes decoded as windows-1252 (or Latin-1) and encoded as UTF-8 again turn "한국" into
    "í•œêµ­". Mapping every character back to its single byte gives valid UTF-8 only when the
    text was garbled so: real Latin-1 text ("café", "Amélie") is not valid UTF-8 as bytes, and
    text with characters beyond Latin-1 and cp1252 (real Korean) cannot be mapped at all."""
    if text.isascii():
        return None
    try:
        raw = text.translate(_CP1252_BACK).encode("latin-1")
        repaired = raw.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if repaired == text:
        return None
    # garbled more than once: undo every layer
    again = _undo_double_utf8(repaired)
    return again if again is not None else repaired


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _ENCODING_SUPERSETS.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "utf-8" if codec in ("utf-8", "utf-8-sig") else codec


def _try_decode(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        if codec == "cp1252":  # five bytes are undefined in cp1252 but fine in Latin-1
            return body.decode("latin-1")
        return None


def _mostly_hangul(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    return bool(non_ascii) and hangul_count(text) >= 0.6 * len(non_ascii)


# --------------------------------------------------------------------------------------------
# text -> safe, well-formed-if-possible XML for feedparser


def _prepare(text: str, *, url: str) -> tuple[str, str | None]:
    """Refuse what is not XML, remove the DOCTYPE, repair common sloppiness, fix namespaces.

    Returns the text with a UTF-8 XML declaration and the removed DOCTYPE (or None). Removed
    parts are replaced by as many newlines as they held, so feedparser's line numbers in error
    messages are the original document's.
    """
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ParseError("empty document: the server sent no feed", url=url)
    head = _XML_DECL.match(text) or re.match(r"\s*", text)
    assert head is not None  # r"\s*" always matches
    text = "\n" * head.group(0).count("\n") + text[head.end() :]
    if not text.lstrip().startswith("<"):
        raise ParseError("not a feed: the document does not start with XML markup", url=url)
    text = _XML_ILLEGAL.sub("", text)
    _, doctype_span = _scan_prolog(text, url=url)
    doctype: str | None = None
    if doctype_span is not None:
        start, end = doctype_span
        doctype = text[start:end]
        if re.match(r"<!DOCTYPE\s+html\b", doctype, re.IGNORECASE):
            raise ParseError("not a feed: looks like an HTML page", url=url)
        text = text[:start] + "\n" * doctype.count("\n") + text[end:]
    root = _FIRST_TAG.match(text, _scan_prolog(text, url=url)[0])
    if root is None:
        raise ParseError("not a feed: the document has no root element", url=url)
    if root.group(1).lower() in _HTML_ROOTS:
        raise ParseError("not a feed: looks like an HTML page", url=url)
    text = _AMP_OR_SKIP.sub(_repair_reference, text)
    text = _RSSBOARD_MEDIA.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{_MEDIA_RSS_URI}{m.group(2)}", text
    )
    # the repairs above may have changed the prolog's length: find the root element again
    root = _FIRST_TAG.match(text, _scan_prolog(text, url=url)[0])
    assert root is not None  # the repairs never touch element names
    text = _declare_missing_prefixes(text, root.end())
    return '<?xml version="1.0" encoding="utf-8"?>' + text, doctype


def _scan_prolog(text: str, *, url: str) -> tuple[int, tuple[int, int] | None]:
    """Walk the prolog (comments, processing instructions, DOCTYPE) up to the root element.

    Returns where the root element starts and the span of the DOCTYPE declaration, if any. The
    DOCTYPE is scanned by hand, quotes and internal subset included, because a regex stops at
    the first ``>`` inside an ``<!ENTITY ...>``.
    """
    pos = 0
    doctype: tuple[int, int] | None = None
    n = len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            if end < 0:
                raise ParseError("truncated document: unterminated comment in the prolog", url=url)
            pos = end + 3
        elif text.startswith("<?", pos):
            end = text.find("?>", pos + 2)
            if end < 0:
                raise ParseError("truncated document: unterminated processing instruction", url=url)
            pos = end + 2
        elif text[pos : pos + 9].upper() == "<!DOCTYPE":
            end = _doctype_end(text, pos)
            if end < 0:
                raise ParseError("truncated or malformed XML: unterminated DOCTYPE", url=url)
            if doctype is None:
                doctype = (pos, end)
            pos = end
        else:
            return pos, doctype


def _doctype_end(text: str, start: int) -> int:
    """Index just after the DOCTYPE starting at ``start``, or -1 when it never ends."""
    quote: str | None = None
    depth = 0
    i = start + 9
    n = len(text)
    while i < n:
        c = text[i]
        if quote:
            if c == quote:
                quote = None
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                return -1
            i = end + 3
            continue
        elif c in "\"'":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth = max(0, depth - 1)
        elif c == ">" and depth == 0:
            return i + 1
        i += 1
    return -1


def _repair_reference(match: re.Match[str]) -> str:
    whole = match.group(0)
    if not whole.startswith("&"):
        return whole  # CDATA or comment: its text is not markup
    ref = match.group(1)
    if ref is None:
        return "&amp;"  # a bare ampersand, e.g. in a query string
    name = ref[:-1]
    if ref.startswith("#") or name in _XML_PREDEFINED:
        return whole
    codepoint = name2codepoint.get(name)
    if codepoint is not None:
        return f"&#{codepoint};"
    # any other name was declared in the DOCTYPE we removed (or nowhere): leave it undefined so
    # the document fails as malformed instead of expanding anything
    return whole


def _declare_missing_prefixes(text: str, root_name_end: int) -> str:
    """Declare namespace prefixes the feed uses but never declares (``<media:content>`` without
    ``xmlns:media``): expat rejects them as unbound, feedparser would fall back to lenient mode."""
    used = {m.group(1) or m.group(2) for m in _PREFIX_USE.finditer(text)}
    declared = set(_PREFIX_DECL.findall(text))
    missing = sorted(used - declared - {"xml", "xmlns"})
    if not missing:
        return text
    decls = "".join(
        f' xmlns:{p}="{_KNOWN_PREFIXES.get(p.lower(), "urn:x-undeclared:" + p)}"' for p in missing
    )
    return text[:root_name_end] + decls + text[root_name_end:]


def _raise_for_xml_error(result: Any, *, doctype: str | None, url: str) -> None:
    """Turn feedparser's XML error (it recovered with its lenient parser) into a ParseError."""
    if not result.get("bozo"):
        return
    exc = result.get("bozo_exception")
    if not isinstance(exc, xml.sax.SAXException):
        return  # feedparser's harmless complaints (none expected: we decoded the bytes ourselves)
    message = exc.getMessage()
    if isinstance(exc, xml.sax.SAXParseException):
        where = f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
    else:
        where = "an unknown position"
    if message in _TRUNCATION_MESSAGES:
        raise ParseError(f"truncated document: the XML ends early at {where} ({message})", url=url)
    if message == "undefined entity" and doctype and "<!ENTITY" in doctype.upper():
        raise ParseError(
            f"unsafe XML refused: the document declares its own entities ({message} at {where})",
            url=url,
        )
    raise ParseError(f"malformed XML at {where}: {message}", url=url)


# --------------------------------------------------------------------------------------------
# feedparser's dicts -> our types


def _feed_data(raw: Mapping[str, Any], *, url: str, version: str | None, now: datetime) -> FeedData:
    title = _plain(raw.get("title"))
    return FeedData(
        url=url,
        title=title or None,
        link=_http_link(raw.get("link"), base=url),
        version=version,
        updated=_date(_get(raw, "updated_parsed") or _get(raw, "published_parsed"), now),
        ttl=_ttl(raw),
    )


def _ttl(raw: Mapping[str, Any]) -> timedelta | None:
    """The longest wait the feed asks for: RSS ``<ttl>`` (minutes) or ``sy:updatePeriod`` divided
    by ``sy:updateFrequency``; None when it asks for nothing usable."""
    asked: list[timedelta] = []
    ttl = str(raw.get("ttl") or "").strip()
    if ttl.isdigit() and 0 < int(ttl) < 10**7:
        asked.append(timedelta(minutes=int(ttl)))
    period = _SY_PERIODS.get(str(raw.get("sy_updateperiod") or "").strip().lower())
    if period is not None:
        frequency = str(raw.get("sy_updatefrequency") or "1").strip()
        if frequency.isdigit() and 0 < int(frequency) < 10**7:
            period = period / int(frequency)
        asked.append(period)
    return max(asked) if asked else None


def _entries(
    raw_entries: list[Any], *, feed: FeedData, namespaces: Mapping[str, str], now: datetime
) -> tuple[EntryData, ...]:
    base = feed.url  # relative links in a document are relative to the document
    drafts = [_entry(raw, base=base, namespaces=namespaces, now=now) for raw in raw_entries]

    # FreshRSS's rule: a guid shared by entries with different links means the publisher's guids
    # are broken for this document, so identify every entry of it by link instead.
    links_by_guid: dict[str, set[str | None]] = {}
    for entry in drafts:
        if entry.identity_source == "guid":
            links_by_guid.setdefault(entry.identity, set()).add(entry.link)
    if any(len(links) > 1 for links in links_by_guid.values()):
        drafts = [_without_guid_identity(entry) for entry in drafts]

    seen: set[str] = set()
    unique: list[EntryData] = []
    for entry in drafts:
        if entry.identity not in seen:  # keep the first; a feed lists its newest version first
            seen.add(entry.identity)
            unique.append(entry)
    return tuple(unique)


def _entry(
    raw: Mapping[str, Any], *, base: str, namespaces: Mapping[str, str], now: datetime
) -> EntryData:
    # with no <link>, feedparser copies a permalink guid into ``link``; a guid that is not an
    # absolute URL ("20231121000612") must not become a link relative to the feed
    link = _http_link(raw.get("link"), base=None if raw.get("guidislink") else base)
    title = _plain(raw.get("title"))
    published = _entry_date(raw, "published", now)
    updated = _entry_date(raw, "updated", now)
    html_base = link or base

    summary = _html(raw.get("summary"), _detail_type(raw.get("summary_detail")), html_base)
    content: str | None = None
    for part in raw.get("content") or []:
        content = _html(part.get("value"), str(part.get("type") or ""), html_base)
        if content:
            break
    if content is not None and content == summary:
        summary = None  # feedparser copies the content into summary when there is no summary

    guid = str(raw.get("id") or "").strip() or None
    identity, source = _identity(guid, link, title, _get(raw, "published") or _get(raw, "updated"))
    return EntryData(
        identity=identity,
        title=title,
        link=link,
        published=published,
        updated=updated,
        summary=summary,
        content=content,
        author=_author(raw),
        categories=_categories(raw.get("tags") or []),
        image=_best_image(raw, content, summary, html_base),
        identity_source=source,
        guid=guid,
        extra=_extra(raw, namespaces),
    )


def _get(raw: Mapping[str, Any], key: str) -> Any:
    """``raw[key]`` without FeedParserDict's fallbacks (``updated`` -> ``published`` warns with a
    DeprecationWarning and would blur the two dates)."""
    return dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)


def _identity(guid: str | None, link: str | None, title: str, date: object) -> tuple[str, str]:
    if guid:
        return guid, "guid"
    if link:
        return canonical_link(link), "link"
    return _hash_identity(link, title, date), "hash"


def _hash_identity(link: str | None, title: str, date: object) -> str:
    key = "\n".join((link or "", title, str(date or "")))
    return "hash:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def _without_guid_identity(entry: EntryData) -> EntryData:
    if entry.identity_source != "guid":
        return entry
    if entry.link:
        return replace(entry, identity=canonical_link(entry.link), identity_source="link")
    date = entry.published.isoformat() if entry.published else ""
    return replace(entry, identity=_hash_identity(None, entry.title, date), identity_source="hash")


def _plain(value: object) -> str:
    """Plain text from a feed string that may hold tags and entities (feedparser does not
    sanitise titles): tags stripped, entities decoded, whitespace collapsed."""
    if not value:
        return ""
    stripped = nh3.clean(str(value), tags=set(), clean_content_tags=set(_DROP_WITH_CONTENT))
    return _WHITESPACE.sub(" ", html.unescape(stripped)).strip()


def _detail_type(detail: object) -> str:
    return str(detail.get("type") or "") if isinstance(detail, Mapping) else ""


def _html(value: object, content_type: str, base: str | None) -> str | None:
    """Sanitised HTML from a summary or content value; plain text is escaped first."""
    if not value:
        return None
    text = str(value)
    if content_type == "text/plain":
        text = html.escape(text)
    return sanitize_html(text, base=base)


def sanitize_html(text: str, *, base: str | None = None) -> str | None:
    """HTML safe to put in an email: nh3 with our allowlist, absolute http(s) links only
    (relative ones resolved against ``base``), no script, style, forms, svg or handlers."""
    cleaned = nh3.clean(
        text,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in _ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_url_filter(base),
    ).strip()
    return cleaned or None


def _url_filter(base: str | None) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        return _absolute_http(value, base)

    return keep


def _absolute_http(value: str, base: str | None) -> str | None:
    """``value`` made absolute against ``base``; None unless it is an http(s) URL with a host."""
    value = value.strip()
    if not value:
        return None
    try:
        absolute = urljoin(base, value) if base else value
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return absolute


def _http_link(value: object, *, base: str | None) -> str | None:
    if not value:
        return None
    absolute = _absolute_http(str(value), base)
    return canonical_link(absolute) if absolute else None


def _date(parsed: object, now: datetime) -> datetime | None:
    # a time.struct_time (a tuple), already converted to UTC by feedparser
    if not isinstance(parsed, tuple) or len(parsed) < 6:
        return None
    try:
        year, month, day, hour, minute, second = (int(f) for f in parsed[:6])
        value = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return now.astimezone(UTC) if value > now + FUTURE_TOLERANCE else value


_MONTHS = {
    # English first, then French, German, Spanish, Italian, Portuguese, Dutch (abbreviations
    # are matched by prefix, so "oct." and "octobre" both work); Korean "10월" is numeric
    name: number
    for number, names in enumerate(
        (
            "jan janv januar enero ene gennaio gen janeiro januari",
            "feb févr fevr février februar febrero febbraio fevereiro fev februari",
            "mar mars märz maerz marzo março marco maart",
            "apr avr avril april abril aprile",
            "may mai mayo maggio maio mei",
            "jun juin juni junio giugno junho",
            "jul juil juillet juli julio luglio julho",
            "aug août aout august agosto augustus",
            "sep sept septembre september septiembre settembre setembro",
            "oct okt octobre oktober octubre ottobre outubro",
            "nov novembre november noviembre novembro",
            "dec déc décembre dezember diciembre dic dicembre dezembro dez december",
        ),
        start=1,
    )
    for name in names.split()
}
_NUMERIC_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월)\s*(?P<d>\d{1,2})\s*일?\.?"
)
_WORDY_DATE = re.compile(r"(?P<d>\d{1,2})\.?\s+(?P<m>[^\W\d_]+)\.?,?\s+(?P<y>\d{4})")
_KOREAN_MONTH_DATE = re.compile(r"(?P<d>\d{1,2})\s+(?P<m>\d{1,2})\s*월\s+(?P<y>\d{4})")
_CLOCK = re.compile(
    r"(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\s*(?P<ampm2>AM|PM|am|pm))?"
)
_ZONE = re.compile(
    r"(?:(?P<sign>[+-])(?P<zh>\d{2}):?(?P<zm>\d{2})|\b(?P<name>Z|UTC|GMT|KST)\b)\s*$"
)


def _loose_date(text: str) -> datetime | None:
    """Dates feedparser gets wrong or not at all: Korean (``2025년 10월 7일 오후 3:05``,
    ``2025.10.07 09:00``, ``화, 07 10월 2025``) and RFC 822 with month names in another language
    (``mar., 07 oct. 2025 09:00:00 +0200``). A Korean form without a zone is Korea time."""
    text = text.strip()
    korean = has_hangul(text)
    found = _NUMERIC_DATE.search(text)
    if found is not None:
        year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
    else:
        found = _KOREAN_MONTH_DATE.search(text)
        if found is not None:
            year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
        else:
            found = _WORDY_DATE.search(text)
            if found is None:
                return None
            name = found["m"].lower()
            month = next((n for k, n in _MONTHS.items() if name.startswith(k)), 0)
            year, day = int(found["y"]), int(found["d"])
    rest = text[found.end() :]
    hour = minute = second = 0
    clock = _CLOCK.search(rest)
    if clock is not None:
        hour, minute, second = int(clock["H"]), int(clock["M"]), int(clock["S"] or 0)
        ampm = (clock["ampm"] or clock["ampm2"] or "").lower()
        if ampm in ("오후", "pm") and hour < 12:
            hour += 12
        elif ampm in ("오전", "am") and hour == 12:
            hour = 0
    offset = timedelta(hours=9) if korean else timedelta(0)
    zone = _ZONE.search(text)
    if zone is not None:
        if zone["sign"]:
            offset = timedelta(hours=int(zone["zh"]), minutes=int(zone["zm"]))
            offset = -offset if zone["sign"] == "-" else offset
        else:
            offset = timedelta(hours=9) if zone["name"] == "KST" else timedelta(0)
    try:
        local = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    return local - offset


def _entry_date(raw: Mapping[str, Any], key: str, now: datetime) -> datetime | None:
    """An entry's ``published`` / ``updated``: feedparser's parse, except for text it reads
    wrongly (non-ASCII dates, ``2025.10.07``: it turns "2025년 10월 07일" into November 1st)
    or not at all, where ``_loose_date`` tries. A date that is still unknown stays None (the
    updater then uses the first-seen time)."""
    text = _get(raw, key)
    text = text if isinstance(text, str) else None
    if text and (not text.isascii() or re.search(r"\d{4}\.\d", text)):
        loose = _loose_date(text)
        if loose is not None:
            return now.astimezone(UTC) if loose > now + FUTURE_TOLERANCE else loose
    parsed = _date(_get(raw, f"{key}_parsed"), now)
    if parsed is None and text:
        loose = _loose_date(text)
        if loose is not None:
            return now.astimezone(UTC) if loose > now + FUTURE_TOLERANCE else loose
    return parsed


def _author(raw: Mapping[str, Any]) -> str | None:
    detail = raw.get("author_detail")
    name = detail.get("name") if isinstance(detail, Mapping) else None
    return _plain(name or raw.get("author")) or None


def _categories(tags: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    terms: list[str] = []
    for tag in tags:
        term = _plain(tag.get("term"))
        if term and term not in terms:
            terms.append(term)
    return tuple(terms)


def _extra(raw: Mapping[str, Any], namespaces: Mapping[str, str]) -> dict[str, str]:
    # feedparser names unknown-namespace elements "<prefix>_<element>", with the document's prefix
    prefix_of: dict[str, str] = {}
    for prefix, uri in namespaces.items():
        prefix_of.setdefault(uri.rstrip("/").lower(), prefix)
    extra: dict[str, str] = {}
    for (uri, element), key in _EXTRA_ELEMENTS.items():
        prefix = prefix_of.get(uri, key.split("_", 1)[0])
        value = raw.get(f"{prefix}_{element}")
        if isinstance(value, str) and value.strip():
            extra[key] = value.strip()
    return extra


# --------------------------------------------------------------------------------------------
# the best image


def _best_image(
    raw: Mapping[str, Any], content: str | None, summary: str | None, base: str | None
) -> str | None:
    """The widest image ``media:content``, else the widest ``media:thumbnail``, else an image
    enclosure, else the first ``<img>`` of the content, then of the summary."""
    media = [
        m
        for m in raw.get("media_content") or []
        if _is_image(str(m.get("medium") or ""), str(m.get("type") or ""))
    ]
    for candidates, key in ((media, "url"), (list(raw.get("media_thumbnail") or []), "url")):
        found = _widest(candidates, key, base)
        if found:
            return found
    for enclosure in raw.get("enclosures") or []:
        if str(enclosure.get("type") or "").lower().startswith("image/"):
            found = _absolute_http(str(enclosure.get("href") or ""), base)
            if found:
                return found
    for fragment in (content, summary):
        found = _first_img(fragment)
        if found:
            return found
    return None


def _is_image(medium: str, mime: str) -> bool:
    if medium:
        return medium.lower() == "image"
    return not mime or mime.lower().startswith("image/")


def _widest(candidates: list[Mapping[str, Any]], key: str, base: str | None) -> str | None:
    best: tuple[int, str] | None = None
    for candidate in candidates:
        url = _absolute_http(str(candidate.get(key) or ""), base)
        if not url:
            continue
        width_text = str(candidate.get("width") or "").strip()
        width = int(width_text) if width_text.isdigit() else 0
        if best is None or width > best[0]:
            best = (width, url)
    return best[1] if best else None


class _FirstImage(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.src: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img" and self.src is None:
            self.src = dict(attrs).get("src") or None


def _first_img(fragment: str | None) -> str | None:
    """The first ``<img src>`` of sanitised HTML (already absolute http(s), or removed)."""
    if not fragment or "<img" not in fragment:
        return None
    finder = _FirstImage()
    finder.feed(fragment)
    finder.close()
    return finder.src


def _is_tracking(pair: str) -> bool:
    name = unquote(pair.split("=", 1)[0]).lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS
