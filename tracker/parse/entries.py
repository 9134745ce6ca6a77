"""feedparser's entries to ``EntryData``: fields, identities, and ``content_hash``.

Owns normalising one entry (plain-text title, author and categories; sanitised summary and
content; canonical link; dates; the best image; ``extra``), choosing each entry's identity, the
rules for guids a document shares or repeats, and ``content_hash``, which the updater uses to tell
whether an entry it has seen before changed.

Must not call or import feedparser (it reads the dicts ``parse_feed`` got from it) nor decide what
happens to a changed entry (the updater does).

Rules worth knowing:

* **Identity.** The guid (feedparser ``id``), else the canonical link, else ``hash:<sha256>`` of
  link, title and date; ``EntryData.identity_source`` says which. If one document gives the same
  guid to entries with different links, its guids are unreliable and the whole document uses link
  identities instead (FreshRSS does the same). Then a repeated identity keeps the first entry.
* **HTML.** Summary and content go through ``sanitize_html`` with the entry link as the base;
  plain-text values are escaped first (see ``tracker.parse.sanitize``). The footer blog software
  appends to both ("The post X appeared first on Y.", "Continue reading") is cut off
  (``drop_feed_footer``): it is the same on every entry and says nothing about this one.
* ``EntryData.extra`` keys (strings, present only when the feed has the element):
  ``letterboxd_filmtitle``, ``letterboxd_filmyear``, ``letterboxd_memberrating``,
  ``letterboxd_rewatch`` (Letterboxd, namespace ``https://letterboxd.com``) and ``tmdb_movieid``
  (namespace ``https://themoviedb.org``).
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from tracker.parse.dates import entry_date, get_exact
from tracker.parse.links import canonical_link, http_link
from tracker.parse.media import best_image
from tracker.parse.sanitize import drop_feed_footer, plain_text, sanitize_html
from tracker.types import EntryData, FeedData

__all__ = ["build_entries", "content_hash"]

#: (namespace URI, element) -> ``EntryData.extra`` key
_EXTRA_ELEMENTS = {
    ("https://letterboxd.com", "filmtitle"): "letterboxd_filmtitle",
    ("https://letterboxd.com", "filmyear"): "letterboxd_filmyear",
    ("https://letterboxd.com", "memberrating"): "letterboxd_memberrating",
    ("https://letterboxd.com", "rewatch"): "letterboxd_rewatch",
    ("https://themoviedb.org", "movieid"): "tmdb_movieid",
}


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


def build_entries(
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
    link = http_link(raw.get("link"), base=None if raw.get("guidislink") else base)
    title = plain_text(raw.get("title"))
    published = entry_date(raw, "published", now)
    updated = entry_date(raw, "updated", now)
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
    identity, source = _identity(
        guid, link, title, get_exact(raw, "published") or get_exact(raw, "updated")
    )
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
        image=best_image(raw, content, summary, html_base),
        identity_source=source,
        guid=guid,
        extra=_extra(raw, namespaces),
    )


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


def _detail_type(detail: object) -> str:
    return str(detail.get("type") or "") if isinstance(detail, Mapping) else ""


def _html(value: object, content_type: str, base: str | None) -> str | None:
    """Sanitised HTML from a summary or content value; plain text is escaped first."""
    if not value:
        return None
    text = str(value)
    if content_type == "text/plain":
        text = html.escape(text)
    return drop_feed_footer(sanitize_html(text, base=base))


def _author(raw: Mapping[str, Any]) -> str | None:
    detail = raw.get("author_detail")
    name = detail.get("name") if isinstance(detail, Mapping) else None
    return plain_text(name or raw.get("author")) or None


def _categories(tags: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    terms: list[str] = []
    for tag in tags:
        term = plain_text(tag.get("term"))
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
