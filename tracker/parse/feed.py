"""The parse stage's entry point: feed document bytes in, a normalised ``ParsedFeed`` out.

Owns ``parse_feed``: the order of the steps, the call to feedparser (the only one; it is imported
here and nowhere else), the checks that what came back is a feed, and the feed-level data
(``FeedData``: title, link, version, updated date, the poll interval the feed asks for). Each step
lives in its own module:

* ``tracker.parse.decode``: bytes to text (the character encoding);
* ``tracker.parse.prepare``: text to safe XML, and feedparser's XML errors to ``ParseError``;
* ``tracker.parse.entries``: feedparser's entries to ``EntryData``, identities, ``content_hash``;
* ``tracker.parse.sanitize``, ``links``, ``dates``, ``media``: the HTML allowlist, canonical and
  absolute links, dates, the best image.

The parse stage must not touch the network, the filesystem, a database, the clock (``now`` is a
parameter) or the environment, and must not import another pure-core module. ``parse_feed`` is a
top-level function whose arguments and result pickle cleanly: the updater runs it in a
``ProcessPoolExecutor`` because feedparser is pure Python and the slowest stage.

Rules worth knowing (each told in full in the module named):

* **Bytes only.** feedparser gets ``io.BytesIO`` and never a ``str``, URL or path (it would fetch or
  open it). We decode the bytes ourselves first (``decode``: BOM, then valid UTF-8, then the
  declared charset, then a Korean CP949 sniff, then windows-1252) and hand feedparser UTF-8 with a
  matching declaration.
* **XML attacks.** Any ``<!DOCTYPE ...>`` is removed before parsing, so no entity is ever declared;
  HTML named entities and bare ``&`` are repaired first (``prepare``).
* **Well-formedness is required.** Any XML error is a ``ParseError``, never feedparser's lenient
  fallback (``prepare``). A harmless oddity (an encoding we had to guess or override) gives
  ``ParsedFeed.warning`` (``decode``).
* **Identity.** The guid, else the canonical link, else a hash; a document whose guids are shared
  by different links uses link identities throughout (``entries``).
* **HTML.** nh3 with an allowlist and absolute http(s) links only; feedparser's own sanitiser is
  turned off here because it keeps forms and svg (``sanitize``).
* **Media RSS.** The RSS Board media namespace is rewritten to the Yahoo URI feedparser knows
  (``prepare``).
* ``EntryData.extra`` keys: Letterboxd and TMDB elements (``entries`` lists them).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import feedparser

from tracker.exceptions import ParseError
from tracker.parse.dates import get_exact, parsed_date
from tracker.parse.decode import decode_document
from tracker.parse.entries import build_entries
from tracker.parse.links import http_link
from tracker.parse.prepare import FIRST_TAG, prepare, raise_for_xml_error
from tracker.parse.sanitize import plain_text
from tracker.types import FeedData, ParsedFeed

__all__ = ["parse_feed"]

_SY_PERIODS = {
    "hourly": timedelta(hours=1),
    "daily": timedelta(days=1),
    "weekly": timedelta(weeks=1),
    "monthly": timedelta(days=30),
    "yearly": timedelta(days=365),
}


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

    text, warnings = decode_document(body, lower_headers.get("content-type", ""))
    prepared, doctype = prepare(text, url=url)

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
    raise_for_xml_error(result, doctype=doctype, url=url)

    version = str(result.get("version") or "") or None
    if version == "rss091u" and doctype and "netscape" in doctype.lower():
        version = "rss091n"  # feedparser tells them apart by the DOCTYPE we removed
    raw_entries: list[Any] = list(result.get("entries") or [])
    if version is None and not raw_entries:
        root = FIRST_TAG.search(prepared)
        name = root.group(1) if root else "?"
        raise ParseError(
            f"not a feed: the root element <{name}> is not RSS, RDF or Atom and has no entries",
            url=url,
        )

    namespaces = {str(k): str(v) for k, v in (result.get("namespaces") or {}).items()}
    feed = _feed_data(result.get("feed") or {}, url=url, version=version, now=now)
    entries = build_entries(raw_entries, feed=feed, namespaces=namespaces, now=now)
    return ParsedFeed(feed=feed, entries=entries, warning="; ".join(warnings) or None)


def _feed_data(raw: Mapping[str, Any], *, url: str, version: str | None, now: datetime) -> FeedData:
    title = plain_text(raw.get("title"))
    return FeedData(
        url=url,
        title=title or None,
        link=http_link(raw.get("link"), base=url),
        version=version,
        updated=parsed_date(
            get_exact(raw, "updated_parsed") or get_exact(raw, "published_parsed"), now
        ),
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
