"""Text to safe XML for feedparser: defusing, repairing and checking one feed document.

Owns what happens between the decoded text and feedparser, and how feedparser's XML complaints
are reported: refusing what is not XML (or is an HTML page), removing the DOCTYPE, repairing
sloppy entity references and undeclared namespace prefixes, rewriting the RSS Board media
namespace, and turning an XML error into a ``ParseError``. Removed parts are replaced by as many
newlines as they held, so line numbers in error messages are the original document's.

Must not decode bytes (``tracker.parse.decode``) or call feedparser (``tracker.parse.feed``: this
module only reads the result it returned), and its repairs never touch an element name, since the
root element is found again after them.

Rules worth knowing:

* **XML attacks.** Any ``<!DOCTYPE ...>`` is removed before parsing, internal subset and all, so no
  entity is ever declared: billion laughs, quadratic blow-up and external entities (``SYSTEM
  "file:///etc/passwd"``) all end as an undefined entity, hence a ``ParseError``. HTML named
  entities (``&nbsp;``, ``&eacute;``) that sloppy feeds use are rewritten to numeric references
  and a bare ``&`` to ``&amp;`` first, so those feeds still parse.
* **Well-formedness is required.** feedparser silently falls back to a lenient parser on broken
  XML; we do not, because a truncated document would then look like a feed whose entries vanished.
  Any XML error is a ``ParseError`` ("truncated document ..." or "malformed XML at line N ...").
* **Media RSS.** SCMP declares the media namespace as ``http://www.rssboard.org/media-rss``; it is
  rewritten to the Yahoo URI feedparser knows, so ``media:content`` is understood whatever prefix
  the feed uses.
"""

from __future__ import annotations

import re
import xml.sax
from html.entities import name2codepoint
from typing import Any

from tracker.exceptions import ParseError

__all__ = ["FIRST_TAG", "prepare", "raise_for_xml_error"]

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
_XML_DECL = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.IGNORECASE)
# characters XML 1.0 forbids; they appear in sloppy feeds and are never meaningful
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# a CDATA section or a comment (left alone), or an ampersand (maybe repaired)
_AMP_OR_SKIP = re.compile(
    r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9._-]*;)?",
    re.DOTALL,
)
_XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
#: an ampersand ``_repair_reference`` might change: not a character reference, not a predefined
#: entity (a superset: an unknown name is left as it is, but is found here)
_NEEDS_REPAIR = re.compile(r"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|(?:amp|lt|gt|quot|apos);)")
_RSSBOARD_MEDIA = re.compile(
    r"""(xmlns:[\w.-]+\s*=\s*)(["'])https?://www\.rssboard\.org/media-rss/?\2"""
)
#: a prefixed element name ("<media:content", "</dc:creator"); a literal leads, so ``re`` skips
#: to each "<" at memory speed
_PREFIXED_TAG = re.compile(r"</?([A-Za-z_][\w.-]*):[A-Za-z_]")
#: the local half of a prefixed attribute (":about=" of " rdf:about="), found by its colon; the
#: prefix before it is read backwards (a pattern that starts with ``\s`` is tried at every
#: space of the document: most of the time a whole parse took, on long feeds)
_PREFIXED_ATTRIBUTE = re.compile(r":[A-Za-z_][\w.-]*\s*=")
#: a namespace declaration ("xmlns:media="), found by its literal; the word boundary before it
#: is checked by hand for the same reason
_PREFIX_DECL = re.compile(r"xmlns:([A-Za-z_][\w.-]*)\s*=")
#: an element's opening tag; ``parse_feed`` also uses it to name the root of a non-feed
FIRST_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)")
#: expat's messages for a document that stops before its root element is closed
_TRUNCATION_MESSAGES = frozenset({"no element found", "unclosed token", "unclosed CDATA section"})
#: root elements that mean an HTML page was served instead of a feed
_HTML_ROOTS = frozenset({"html", "head", "body", "div", "meta", "script", "p", "table", "span"})


def prepare(text: str, *, url: str) -> tuple[str, str | None]:
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
    root = FIRST_TAG.match(text, _scan_prolog(text, url=url)[0])
    if root is None:
        raise ParseError("not a feed: the document has no root element", url=url)
    if root.group(1).lower() in _HTML_ROOTS:
        raise ParseError("not a feed: looks like an HTML page", url=url)
    if _NEEDS_REPAIR.search(text):  # most feeds escape only with &lt; &amp; &#..; : no call each
        text = _AMP_OR_SKIP.sub(_repair_reference, text)
    text = _RSSBOARD_MEDIA.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{_MEDIA_RSS_URI}{m.group(2)}", text
    )
    # the repairs above may have changed the prolog's length: find the root element again
    root = FIRST_TAG.match(text, _scan_prolog(text, url=url)[0])
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
    used = set(_PREFIXED_TAG.findall(text)) | _attribute_prefixes(text)
    declared = {
        m.group(1)
        for m in _PREFIX_DECL.finditer(text)
        if not (m.start() and _is_word_char(text[m.start() - 1]))
    }
    missing = sorted(used - declared - {"xml", "xmlns"})
    if not missing:
        return text
    decls = "".join(
        f' xmlns:{p}="{_KNOWN_PREFIXES.get(p.lower(), "urn:x-undeclared:" + p)}"' for p in missing
    )
    return text[:root_name_end] + decls + text[root_name_end:]


def _is_word_char(char: str) -> bool:
    """``\\w`` of a str pattern: alphanumeric (``str.isalnum``) or the underscore."""
    return char.isalnum() or char == "_"


def _attribute_prefixes(text: str) -> set[str]:
    """The prefixes of prefixed attributes (``\\s(prefix):local\\s*=``): at each colon that
    starts ":local=", the name that runs back from it to a space, if it starts like a name."""
    found: set[str] = set()
    for m in _PREFIXED_ATTRIBUTE.finditer(text):
        end = start = m.start()
        while start and (_is_word_char(text[start - 1]) or text[start - 1] in ".-"):
            start -= 1
        if start == end or not start or not text[start - 1].isspace():
            continue
        first = text[start]
        if first == "_" or ("A" <= first <= "Z") or ("a" <= first <= "z"):
            found.add(text[start:end])
    return found


def raise_for_xml_error(result: Any, *, doctype: str | None, url: str) -> None:
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
