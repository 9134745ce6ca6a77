"""``tracker feeds ...``: list, add, remove, import, export and check the followed feeds; config
edits keep the file's comments and are validated before they are written."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.common import (
    ConfigOption,
    JsonOption,
    editable_config,
    err,
    feeds_app,
    handle_errors,
    open_tracker,
    out,
    print_json,
    print_table,
)
from tracker.exceptions import TrackerError
from tracker.types import FeedKind, FeedSpec
from tracker.urls import redact_url


@feeds_app.command("list")
@handle_errors
def feeds_list(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """List the followed feeds (catalog collections plus [[feeds]]). Piped, URLs are whole."""
    tracker = open_tracker(config)
    specs = tracker.followed()
    if as_json:
        print_json([_feed_json(spec) for spec in specs])
        return
    from rich.table import Column, Table

    # the URL is what `feeds remove` takes: folded in a narrow terminal, never cut with "…"
    table = Table(Column("url", overflow="fold"), "title", "kind", "korean only", "from")
    table.box = None
    for spec in specs:
        table.add_row(
            redact_url(spec.url),
            spec.title or "",
            spec.kind.value,
            "yes" if spec.korean_only else "",
            spec.collection or "config",
        )
    print_table(table)


def _feed_json(spec: FeedSpec) -> dict[str, object]:
    """One followed feed for ``feeds list --json`` (keys documented in the README)."""
    return {
        "url": redact_url(spec.url),
        "title": spec.title,
        "site": spec.site,
        "kind": spec.kind.value,
        "korean_only": spec.korean_only,
        # None: the feed follows [poll] interval
        "interval_seconds": int(spec.interval.total_seconds()) if spec.interval else None,
        "include": list(spec.include),
        "exclude": list(spec.exclude),
        # None: a [[feeds]] table of the config file
        "collection": spec.collection,
    }


@feeds_app.command("add")
@handle_errors
def feeds_add(
    url: str,
    title: Annotated[str | None, typer.Option(help="A title for the feed.")] = None,
    kind: Annotated[FeedKind, typer.Option(help="What the feed mostly carries.")] = FeedKind.MIXED,
    korean_only: Annotated[
        bool, typer.Option("--korean-only", help="Every entry is about Korean film or drama.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Follow a feed: adds a [[feeds]] table to the config file (comments are kept)."""
    from tracker.config import edit as configedit

    path = editable_config(config)
    spec = FeedSpec(url=url, title=title, kind=kind, korean_only=korean_only)
    _edit_config(path, lambda text: configedit.add_feeds(text, [spec])[0])
    out.print(f"following {redact_url(url)} (edit {path} to change it)")


@feeds_app.command("remove")
@handle_errors
def feeds_remove(url: str, config: ConfigOption = None) -> None:
    """Stop following a feed: removes its [[feeds]] table. Its stored entries are kept."""
    from tracker.config import edit as configedit

    path = editable_config(config)
    text = path.read_text(encoding="utf-8")
    new_text, removed = configedit.remove_feed(text, url)
    if not removed:
        tracker = open_tracker(config)
        owner = next((s.collection for s in tracker.followed() if s.url == url), None)
        if owner:
            raise TrackerError(
                f"{url} comes from the catalog collection {owner!r}",
                hint=f"remove {owner!r} from [tracker] collections in {path}",
            )
        raise TrackerError(f"{url} is not a followed feed", hint="see: tracker feeds list")
    _edit_config(path, lambda _text: new_text)
    out.print(f"no longer following {redact_url(url)}")


def _edit_config(path: Path, edit: Callable[[str], str]) -> None:
    """Edit the file, then validate the result before writing it, so a bad edit loses nothing."""
    from tracker.config.schema import load_config

    text = path.read_text(encoding="utf-8")
    new_text = edit(text)
    load_config(new_text, env=os.environ, source=str(path))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(new_text, encoding="utf-8")
    tmp.replace(path)


@feeds_app.command("import")
@handle_errors
def feeds_import(file: Path, config: ConfigOption = None) -> None:
    """Follow every feed of an OPML file (adds [[feeds]] tables to the config)."""
    from tracker.config import edit as configedit
    from tracker.config import opml

    path = editable_config(config)
    try:
        data = file.read_bytes()
    except OSError as e:
        raise TrackerError(f"cannot read {file}: {e.strerror}") from e
    document = opml.read_opml(data)
    found = document.feeds
    # a feed a collection already follows keeps the catalog's hints (kind, korean_only)
    followed = {spec.url for spec in open_tracker(config).followed()}
    specs = [
        # kfilm:kind and kfilm:korean_only, when the file is an export of ours
        FeedSpec(
            url=f.url,
            title=f.title,
            site=f.site,
            kind=f.kind or FeedKind.MIXED,
            korean_only=bool(f.korean_only),
        )
        for f in found
        if f.url not in followed
    ]
    added: list[str] = []

    def edit(text: str) -> str:
        new_text, urls = configedit.add_feeds(text, specs)
        added.extend(urls)
        return new_text

    _edit_config(path, edit)
    # an outline no feed can have is reported, not fatal: the others are what the user wanted
    for bad in document.skipped:
        # quoted (repr): the URL may hold the very tab or control character it is refused for
        named = f", outline {bad.title!r}" if bad.title else ""
        err.print(f"skipped {file}, line {bad.line}{named}: {redact_url(bad.url)!r}: {bad.reason}")
    skipped = f", {len(document.skipped)} skipped" if document.skipped else ""
    out.print(
        f"imported {len(added)} feeds from {file} "
        f"({len(found) - len(added)} already followed{skipped})"
    )


@feeds_app.command("export")
@handle_errors
def feeds_export(
    file: Annotated[Path | None, typer.Argument(help="Write here instead of stdout.")] = None,
    config: ConfigOption = None,
) -> None:
    """Write the followed feeds as OPML (to FILE, or stdout)."""
    from tracker.config import opml

    tracker = open_tracker(config)
    document = opml.write_opml(tracker.followed())
    if file is None:
        sys.stdout.write(document)
    else:
        try:
            file.write_text(document, encoding="utf-8")
        except OSError as e:
            raise TrackerError(f"cannot write {file}: {e.strerror}") from None
        out.print(f"wrote {file}")


@feeds_app.command("check")
@handle_errors
def feeds_check(
    url: Annotated[list[str] | None, typer.Argument(help="Only these feeds.")] = None,
    config: ConfigOption = None,
) -> None:
    """Fetch each followed feed once and report status, format, entry count and newest date."""
    import asyncio

    with open_tracker(config) as tracker:
        results = asyncio.run(tracker.check(url or []))
    from rich.table import Table

    table = Table("url", "status", "format", "entries", "newest", "note", box=None)
    failed = 0
    for r in results:
        failed += r.error is not None
        table.add_row(
            redact_url(r.url),
            str(r.status or "-"),
            r.version or "-",
            str(r.entries),
            r.newest.date().isoformat() if r.newest else "-",
            r.error or (f"moved to {r.final_url}" if r.final_url else "ok"),
        )
    print_table(table)
    out.print(f"{len(results) - failed} ok, {failed} failed")
    if failed:
        raise typer.Exit(1)
