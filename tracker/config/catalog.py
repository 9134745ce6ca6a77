"""The curated feed catalog: loading and validating ``feeds/*.toml`` and resolving followed feeds.

Owns the catalog file format (one TOML file per collection: a ``[collection]`` table and
``[[feeds]]`` tables), its strict validation (every problem names the file and the key), and
``resolve_feeds``, which turns the config's collection names plus its own ``[[feeds]]`` into the
list of followed feeds.

Pure: it reads only the ``*.toml`` files of the folder it is given (callers pass
``tracker.resources.catalog_dir()``); it must not find that folder itself, touch the network, a
database, the clock or the environment, nor import the rest of ``config`` (the schema included).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker.exceptions import CatalogError
from tracker.types import FeedKind, FeedSpec
from tracker.urls import url_problem

__all__ = ["Collection", "load_catalog", "resolve_feeds", "url_key"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_TOP_KEYS = frozenset({"collection", "feeds"})
_COLLECTION_KEYS = frozenset({"name", "title", "description"})
_FEED_REQUIRED = ("url", "title", "site", "kind", "korean_only")
_FEED_KEYS = frozenset({*_FEED_REQUIRED, "notes"})


@dataclass(frozen=True)
class Collection:
    """One catalog collection: a named, described group of feeds (``feeds/<name>.toml``)."""

    name: str
    title: str
    description: str
    #: every spec has ``collection`` set to ``name``
    feeds: tuple[FeedSpec, ...]


def url_key(url: str) -> str:
    """The form of a URL used to spot duplicates: scheme and host are case-insensitive, the rest
    is not (servers may treat ``/Feed`` and ``/feed`` differently)."""
    parts = urlsplit(url.strip())
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


def _error(file: str, key: str, message: str, hint: str | None = None) -> CatalogError:
    return CatalogError(f"{file}: {key}: {message}", hint=hint)


def _unknown_keys(file: str, where: str, table: Mapping[str, Any], known: frozenset[str]) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        key = f"{where}.{unknown[0]}" if where else unknown[0]
        close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(sorted(known))}"
        raise _error(file, key, "unknown key", hint)


def _string(file: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _error(file, key, f"must be a non-empty string, got {value!r}")
    return value


def _http_url(file: str, key: str, value: str) -> None:
    problem = url_problem(value)
    if problem is not None:
        raise _error(file, key, f"{value!r} is not an absolute http(s) URL: {problem}")


def _feed(file: str, index: int, raw: object, collection: str) -> FeedSpec:
    where = f"feeds[{index}]"
    if not isinstance(raw, dict):
        raise _error(file, where, "must be a [[feeds]] table")
    _unknown_keys(file, where, raw, _FEED_KEYS)
    for key in _FEED_REQUIRED:
        if key not in raw:
            raise _error(file, f"{where}.{key}", "is required")
    url = _string(file, f"{where}.url", raw["url"])
    _http_url(file, f"{where}.url", url)
    site = _string(file, f"{where}.site", raw["site"])
    _http_url(file, f"{where}.site", site)
    kind_raw = raw["kind"]
    try:
        kind = FeedKind(kind_raw)
    except ValueError:
        known = ", ".join(k.value for k in FeedKind)
        raise _error(file, f"{where}.kind", f"{kind_raw!r} is not one of: {known}") from None
    korean_only = raw["korean_only"]
    if not isinstance(korean_only, bool):
        raise _error(file, f"{where}.korean_only", f"must be true or false, got {korean_only!r}")
    if "notes" in raw:
        _string(file, f"{where}.notes", raw["notes"])
    return FeedSpec(
        url=url,
        title=_string(file, f"{where}.title", raw["title"]),
        site=site,
        kind=kind,
        korean_only=korean_only,
        collection=collection,
    )


def _collection(path: Path) -> Collection:
    file = path.name
    name = path.stem
    if not _NAME.match(name):
        raise _error(file, "(file name)", "a collection file name must be lower-case-with-dashes")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise CatalogError(f"{file}: cannot be read: {e}") from e
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(f"{file}: not valid TOML: {e}") from e
    _unknown_keys(file, "", data, _TOP_KEYS)
    head = data.get("collection")
    if not isinstance(head, dict):
        raise _error(file, "collection", "a [collection] table is required")
    _unknown_keys(file, "collection", head, _COLLECTION_KEYS)
    for key in sorted(_COLLECTION_KEYS):
        if key not in head:
            raise _error(file, f"collection.{key}", "is required")
    declared = _string(file, "collection.name", head["name"])
    if declared != name:
        raise _error(
            file,
            "collection.name",
            f"is {declared!r} but the file is named {name!r}",
            hint=f"rename the file to {declared}.toml or set name = {name!r}",
        )
    raw_feeds = data.get("feeds")
    if not isinstance(raw_feeds, list) or not raw_feeds:
        raise _error(file, "feeds", "a collection needs at least one [[feeds]] table")
    return Collection(
        name=name,
        title=_string(file, "collection.title", head["title"]),
        description=_string(file, "collection.description", head["description"]),
        feeds=tuple(_feed(file, i, raw, name) for i, raw in enumerate(raw_feeds)),
    )


def load_catalog(folder: Path) -> dict[str, Collection]:
    """Every collection in ``folder`` (``<name>.toml`` files, sorted by name), validated.

    Raises ``CatalogError`` naming the file and the key for the first problem found: an unknown
    key, a missing one, a bad ``kind``, a URL that is not absolute http(s), or a feed URL listed
    twice (within a file or across collections: a feed belongs to one collection).
    """
    if not folder.is_dir():
        raise CatalogError(f"the feed catalog folder {folder} is missing")
    catalog: dict[str, Collection] = {}
    seen: dict[str, str] = {}  # url key -> "file: feeds[i].url", for the duplicate message
    for path in sorted(folder.glob("*.toml"), key=lambda p: p.stem):
        if path.name.startswith((".", "_")):
            continue  # editor backups and the like are not collections
        collection = _collection(path)
        for index, feed in enumerate(collection.feeds):
            where = f"{path.name}: feeds[{index}].url"
            first = seen.setdefault(url_key(feed.url), where)
            if first != where:
                raise CatalogError(
                    f"{where}: {feed.url} is already listed at {first}",
                    hint="a feed belongs to exactly one collection",
                )
        catalog[collection.name] = collection
    return catalog


def resolve_feeds(
    catalog: Mapping[str, Collection],
    collections: Sequence[str],
    extra: Sequence[FeedSpec],
) -> list[FeedSpec]:
    """The followed feeds: the named collections' feeds, in the order the names are given, then
    ``extra`` (the config's ``[[feeds]]``) in its own order. No URL appears twice.

    An ``extra`` feed with the same URL as a catalog feed overrides it in place (so the order
    does not move when you start customising a catalog feed): the config's spec wins, keeping the
    catalog's title and site where the config gives none, and its ``collection`` is None since it
    is now a ``[[feeds]]`` entry. Unknown collection names raise ``CatalogError`` listing the
    known ones.
    """
    unknown = [name for name in collections if name not in catalog]
    if unknown:
        known = ", ".join(sorted(catalog)) or "(none)"
        close = difflib.get_close_matches(unknown[0], sorted(catalog), n=1)
        plural = "s" if len(unknown) > 1 else ""
        raise CatalogError(
            f"unknown collection{plural} {', '.join(map(repr, unknown))}; known collections: "
            f"{known}",
            hint=f"did you mean {close[0]!r}?" if close else "check [tracker] collections",
        )
    overrides: dict[str, FeedSpec] = {}
    for spec in extra:
        overrides.setdefault(url_key(spec.url), spec)

    result: list[FeedSpec] = []
    placed: set[str] = set()
    for name in collections:
        for spec in catalog[name].feeds:
            key = url_key(spec.url)
            if key in placed:
                continue  # the same collection named twice
            placed.add(key)
            override = overrides.get(key)
            if override is not None:
                spec = dataclasses.replace(
                    override,
                    title=override.title or spec.title,
                    site=override.site or spec.site,
                    collection=None,
                )
            result.append(spec)
    for spec in extra:
        key = url_key(spec.url)
        if key not in placed:
            placed.add(key)
            result.append(spec)
    return result
