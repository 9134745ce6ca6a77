"""OPML import and export: the feed lists other readers exchange.

Owns reading an OPML document (bytes in, the feeds it lists out) and writing one (OPML 2.0) from
followed feeds. Reading is hardened: the document comes from anywhere, so any DOCTYPE, entity
declaration or external entity is refused before it can expand (billion laughs, XXE). What OPML
has no attribute for, each feed's ``kind`` and ``korean_only``, travels in attributes of our own
namespace (``kfilm:kind="review"``), which other readers ignore and ``parse_opml`` reads back
under whatever prefix the document binds to ``NAMESPACE``.

Pure: bytes and data in, data out. Must not read files, touch the network, the database, the
clock (so exports carry no ``dateCreated``) or the environment, nor import the rest of
``config``; adding the feeds to the config is ``edit``'s job, called by the CLI.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn
from xml.parsers import expat

from tracker.exceptions import CatalogError
from tracker.types import FeedKind, FeedSpec
from tracker.urls import url_problem

__all__ = [
    "NAMESPACE",
    "PREFIX",
    "OpmlDocument",
    "OpmlFeed",
    "OpmlSkipped",
    "parse_opml",
    "read_opml",
    "write_opml",
]

#: the XML namespace of kfilm-tracker's own outline attributes; a name, never fetched
NAMESPACE = "https://pypi.org/project/kfilm-tracker/#opml"
#: the prefix exports bind to it (imports accept any prefix bound to ``NAMESPACE``)
PREFIX = "kfilm"


@dataclass(frozen=True)
class OpmlFeed:
    """One feed listed in an OPML file. ``kind`` and ``korean_only`` are None when the document
    does not say (any OPML but ours)."""

    url: str
    title: str | None
    site: str | None
    kind: FeedKind | None = None
    korean_only: bool | None = None


@dataclass(frozen=True)
class OpmlSkipped:
    """An outline whose ``xmlUrl`` no feed can have: where it is, and why it was left out."""

    line: int
    url: str
    title: str | None
    #: ``tracker.urls.url_problem``'s clause
    reason: str


@dataclass(frozen=True)
class OpmlDocument:
    """What an OPML document lists: the feeds to follow, and the outlines left out."""

    feeds: list[OpmlFeed]
    skipped: list[OpmlSkipped]


class _Refused(Exception):
    """Raised from inside expat's callbacks to stop a document we will not parse."""


# The encodings expat decodes by itself; anything else we decode first (see _decoded).
_EXPAT_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _decoded(data: bytes) -> bytes | str:
    """Bytes expat can read, or text when the document declares an encoding expat lacks
    (windows-1252, euc-kr...): pyexpat then parses the text as UTF-8 and ignores the
    declaration, which is right since we already decoded it."""
    match = _DECLARED.match(data[:512])
    if match is None:
        return data
    name = match.group(1).decode("ascii").lower()
    if name in _EXPAT_ENCODINGS:
        return data
    try:
        codecs.lookup(name)
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return data  # let expat report the unknown encoding


def _refuse(what: str) -> NoReturn:
    raise _Refused(f"{what} is not allowed in OPML (refused for safety)")


def _attribute(attributes: dict[str, str], name: str) -> str | None:
    """An attribute by name, case-insensitively (``xmlurl`` and ``xmlURL`` occur in the wild);
    None when missing or blank."""
    value = attributes.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in attributes.items() if k.lower() == lowered), None)
    if value is None or not value.strip():
        return None
    return value.strip()


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds an OPML document lists (``read_opml`` without the outlines it left out)."""
    return read_opml(data).feeds


def read_opml(data: bytes) -> OpmlDocument:
    """The feeds an OPML document lists, in document order, with categories flattened, and the
    outlines left out because their URL is not one a feed can have.

    Every ``<outline>`` with an ``xmlUrl`` counts, however deeply nested; outlines without one
    (categories, links) are ignored. An ``xmlUrl`` that ``tracker.urls.url_problem`` refuses
    (not absolute http(s), a broken host or port, spaces...) is ``skipped`` with its line and the
    reason: nothing could poll it, and the others still count. A URL listed twice is kept once,
    the first time. The title is ``title``, else ``text``; the site is ``htmlUrl``.

    Raises ``CatalogError("not a valid OPML file: ...")`` for malformed XML, a root element other
    than ``<opml>``, or any DOCTYPE / entity declaration (refused, never expanded).
    """
    parser = expat.ParserCreate()
    # No DTDs at all: a declared entity is how both billion laughs and XXE start. Refusing the
    # DOCTYPE itself also stops external DTD fetching (expat does not fetch, but be explicit).
    parser.StartDoctypeDeclHandler = lambda *_: _refuse("a DOCTYPE")
    parser.EntityDeclHandler = lambda *_: _refuse("an entity declaration")
    parser.UnparsedEntityDeclHandler = lambda *_: _refuse("an entity declaration")
    parser.ExternalEntityRefHandler = lambda *_: _refuse("an external entity")
    parser.buffer_text = True

    feeds: list[OpmlFeed] = []
    skipped: list[OpmlSkipped] = []
    seen: set[str] = set()
    depth = 0
    root: list[str] = []
    # the prefixes bound to NAMESPACE, per open element: a declaration holds for its subtree
    ours: list[frozenset[str]] = [frozenset()]

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        ours.append(_our_prefixes(ours[-1], attributes))
        if depth == 1:
            root.append(name)
            if name.lower() != "opml":
                raise _Refused(f"the root element is <{name}>, not <opml>")
            return
        if name.lower() != "outline":
            return
        url = _attribute(attributes, "xmlUrl")
        if url is None or url in seen:
            return
        title = _attribute(attributes, "title") or _attribute(attributes, "text")
        problem = url_problem(url)
        if problem is not None:
            skipped.append(OpmlSkipped(parser.CurrentLineNumber, url, title, problem))
            return
        seen.add(url)
        kind, korean_only = _hints(attributes, ours[-1])
        feeds.append(
            OpmlFeed(
                url=url,
                title=title,
                site=_attribute(attributes, "htmlUrl"),
                kind=kind,
                korean_only=korean_only,
            )
        )

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1
        ours.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(_decoded(data), True)
    except _Refused as e:
        raise CatalogError(f"not a valid OPML file: {e}") from e
    except expat.ExpatError as e:
        raise CatalogError(f"not a valid OPML file: {e}") from e
    if not root:
        raise CatalogError("not a valid OPML file: no root element")
    return OpmlDocument(feeds, skipped)


def _our_prefixes(inherited: frozenset[str], attributes: dict[str, str]) -> frozenset[str]:
    """The prefixes bound to ``NAMESPACE`` inside an element with these attributes. Namespaces
    are read by hand (expat's namespace mode would reject a whole file over one undeclared
    prefix elsewhere, and files from other readers have those)."""
    declared = {k[6:]: v for k, v in attributes.items() if k.startswith("xmlns:")}
    if not declared:
        return inherited
    kept = {p for p in inherited if p not in declared}
    return frozenset(kept | {p for p, uri in declared.items() if uri.strip() == NAMESPACE})


_KINDS = frozenset(kind.value for kind in FeedKind)
_YES = frozenset({"true", "1", "yes"})
_NO = frozenset({"false", "0", "no"})


def _hints(
    attributes: dict[str, str], prefixes: frozenset[str]
) -> tuple[FeedKind | None, bool | None]:
    """``kind`` and ``korean_only`` from our namespace's attributes; a value we do not know
    (a newer kind, a typo) is left unsaid rather than failing the import."""
    kind: FeedKind | None = None
    korean_only: bool | None = None
    for prefix in prefixes:
        raw_kind = (_attribute(attributes, f"{prefix}:kind") or "").lower()
        if raw_kind in _KINDS:
            kind = FeedKind(raw_kind)
        raw_korean = (_attribute(attributes, f"{prefix}:korean_only") or "").lower()
        if raw_korean in _YES or raw_korean in _NO:
            korean_only = raw_korean in _YES
    return kind, korean_only


def _outline(parent: ET.Element, spec: FeedSpec) -> None:
    attributes = {"type": "rss", "text": spec.title or spec.url}
    if spec.title:
        attributes["title"] = spec.title
    attributes["xmlUrl"] = spec.url
    if spec.site:
        attributes["htmlUrl"] = spec.site
    attributes[f"{PREFIX}:kind"] = spec.kind.value
    attributes[f"{PREFIX}:korean_only"] = "true" if spec.korean_only else "false"
    ET.SubElement(parent, "outline", attributes)


def write_opml(feeds: Sequence[FeedSpec], *, title: str = "kfilm-tracker feeds") -> str:
    """An OPML 2.0 document listing ``feeds``, as text (UTF-8 declared).

    Catalog feeds are grouped in one category outline per collection (in order of first
    appearance); ``[[feeds]]`` entries (no collection) are listed at the top level, first.
    Every feed outline has ``type="rss"``, ``text``, ``xmlUrl``, ``title``/``htmlUrl`` when
    known, and ``kfilm:kind`` and ``kfilm:korean_only`` (``NAMESPACE``). ``parse_opml`` reads
    back the same URLs, titles, sites, kinds and korean_only.
    """
    # the declaration is written as a plain attribute: ElementTree would otherwise name the
    # prefix ns0 (register_namespace would work, but it changes a process-wide table)
    opml = ET.Element("opml", {"version": "2.0", f"xmlns:{PREFIX}": NAMESPACE})
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(opml, "body")
    groups: dict[str, ET.Element] = {}
    for spec in feeds:
        if spec.collection is None:
            _outline(body, spec)
    for spec in feeds:
        if spec.collection is None:
            continue
        group = groups.get(spec.collection)
        if group is None:
            group = ET.SubElement(body, "outline", {"text": spec.collection})
            groups[spec.collection] = group
        _outline(group, spec)
    ET.indent(opml, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(opml, "unicode") + "\n"
