"""Editing ``tracker.toml`` in place, and the commented starter config that ``tracker init`` writes.

Owns text-to-text edits of the config's ``[[feeds]]`` tables (``add_feeds``, ``remove_feed``)
that keep every byte outside the edited table as the user wrote it (comments, blank lines, key
order, quoting), and the starter config text.

Why not let tomlkit re-render the document: tomlkit attaches the comments *after* a table to
that table, so appending or deleting the last ``[[feeds]]`` moves or deletes the comment that
introduces the next section. So we locate table headers with a small TOML-aware line scanner,
splice text, render only the new tables with tomlkit (quoting), and then check the result with
tomllib: it must parse to exactly the old data plus or minus the edited feeds, else we refuse
(``ConfigError``) rather than write a file the user did not mean.

Pure: text in, text out. Must not read or write files, nor import the schema (the starter
text is written out by hand, and tests/test_configedit.py checks it against the config models
so a new key cannot be forgotten).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Array

from tracker.exceptions import ConfigError, ConfigProblem
from tracker.types import FeedKind, FeedSpec

__all__ = ["add_feeds", "remove_feed", "starter_config"]


# -- a TOML-aware line scanner ---------------------------------------------------------------


class _Line(Enum):
    BLANK = "blank"
    COMMENT = "comment"
    CONTENT = "content"  # a key/value, or the continuation of a multi-line string or array
    HEADER = "header"


@dataclass(frozen=True)
class _Span:
    kind: _Line
    start: int
    #: just after the line's newline (or the end of the text)
    end: int
    #: for headers: the dotted key path and whether it is ``[[...]]``
    path: tuple[str, ...] = ()
    array: bool = False
    #: for comments: the line is ``# [[feeds]]`` (the starter config's commented example)
    comment_is_feeds_example: bool = False


def _header_path(header: str) -> tuple[tuple[str, ...], bool]:
    """The key path of a header line such as ``[[ feeds ]]`` or ``["a.b".c]``, via tomllib so
    quoting and whitespace follow the spec."""
    data: Any = tomllib.loads(header)
    path: list[str] = []
    array = header.lstrip().startswith("[[")
    while isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
        path.append(key)
        if isinstance(data, list):
            data = data[-1] if data else {}
    return tuple(path), array


def _scan(text: str) -> list[_Span]:
    """Classify every line. The state carried across lines: inside a multi-line string, and the
    depth of open ``[`` in a value (arrays may span lines); a ``[`` at the start of a line is a
    table header only when neither is open."""
    spans: list[_Span] = []
    n = len(text)
    i = 0
    in_string: str | None = None  # '"""' or "'''" while inside a multi-line string
    depth = 0

    def skip_string(i: int) -> tuple[int, str | None]:
        """From an opening quote at ``i``: the index after the string (or the line end, for a
        multi-line string still open) and the multi-line delimiter still open, if any."""
        quote = text[i]
        if text.startswith(quote * 3, i):
            return close_multiline(i + 3, quote * 3)
        j = i + 1
        while j < n and text[j] not in "\n":
            if quote == '"' and text[j] == "\\":
                j += 2
                continue
            if text[j] == quote:
                return j + 1, None
            j += 1
        return j, None

    def close_multiline(j: int, delimiter: str) -> tuple[int, str | None]:
        while j < n:
            if delimiter == '"""' and text[j] == "\\":
                if text.startswith("\n", j + 1):
                    return j + 1, delimiter  # a line-ending backslash: still open
                j += 2
                continue
            if text.startswith(delimiter, j):
                j += 3
                # up to two more quotes are content right before the closing delimiter
                extra = 0
                while extra < 2 and j < n and text[j] == delimiter[0]:
                    j += 1
                    extra += 1
                return j, None
            if text[j] == "\n":
                return j, delimiter
            j += 1
        return j, delimiter

    while i < n:
        line_end = text.find("\n", i)
        line_end = n if line_end < 0 else line_end
        after = min(line_end + 1, n)
        j = i
        kind = _Line.CONTENT
        if in_string is None and depth == 0:
            stripped = text[i:line_end].strip()
            if not stripped:
                kind = _Line.BLANK
            elif stripped.startswith("#"):
                kind = _Line.COMMENT
            elif stripped.startswith("["):
                kind = _Line.HEADER
        if kind is _Line.BLANK or kind is _Line.COMMENT:
            example = text[i:line_end].strip().replace(" ", "") == "#[[feeds]]"
            spans.append(_Span(kind, i, after, comment_is_feeds_example=example))
            i = after
            continue
        if kind is _Line.HEADER:
            # the header runs to its closing bracket(s); quoted keys may hold brackets
            j = text.index("[", i)
            while j < line_end and text[j] != "#":
                if text[j] in "\"'":
                    j, _ = skip_string(j)
                    continue
                j += 1
            header = text[i:j]
            path, array = _header_path(header)
            spans.append(_Span(kind, i, after, path, array))
            i = after
            continue
        # content: walk the line to keep track of strings and brackets
        if in_string is not None:
            j, in_string = close_multiline(j, in_string)
        while j < line_end and in_string is None:
            ch = text[j]
            if ch in "\"'":
                j, in_string = skip_string(j)
                continue
            if ch == "#":
                break
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth = max(depth - 1, 0)
            j += 1
        spans.append(_Span(kind, i, after))
        i = after
    return spans


@dataclass(frozen=True)
class _Table:
    """The lines of one ``[[feeds]]`` element: ``start`` at its header, ``end`` after its last
    key (or sub-table) line, so trailing blank lines and comments, which introduce whatever comes
    next, are not part of it. ``leading`` is where comment lines directly above it start."""

    start: int
    end: int
    leading: int
    #: the previous header was a [[feeds]] element too (then ``leading`` comments are its own)
    after_feeds: bool


def _feed_tables(spans: list[_Span]) -> list[_Table]:
    tables: list[_Table] = []
    current: int | None = None  # index of the open [[feeds]] header in spans
    last_content = 0
    previous_header_feeds = False

    def close() -> None:
        if current is not None:
            leading = current
            while leading > 0 and spans[leading - 1].kind is _Line.COMMENT:
                leading -= 1
            tables.append(
                _Table(
                    start=spans[current].start,
                    end=spans[last_content].end,
                    leading=spans[leading].start,
                    after_feeds=previous_header_feeds,
                )
            )

    for index, span in enumerate(spans):
        if span.kind is _Line.HEADER:
            is_element = span.array and span.path == ("feeds",)
            is_subtable = span.path[:1] == ("feeds",) and len(span.path) > 1
            if current is not None and is_subtable:
                last_content = index  # [feeds.x] belongs to the open element
                continue
            was_feeds = current is not None
            close()
            previous_header_feeds = was_feeds
            current = index if is_element else None
            last_content = index
        elif span.kind is _Line.CONTENT and current is not None:
            last_content = index
    close()
    return tables


# -- editing -----------------------------------------------------------------------------------


def _parse(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(
            [ConfigProblem("(syntax)", str(e), "fix the TOML syntax, then try again")]
        ) from e


def _refuse(reason: str) -> ConfigError:
    return ConfigError(
        [ConfigProblem("feeds", reason, "edit the [[feeds]] tables of the file by hand")]
    )


def _duration(value: timedelta) -> str:
    """A duration as the config writes it (``"1h30m"``, ``"90s"``)."""
    seconds = int(value.total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "m"), (seconds, "s")]
    return "".join(f"{amount}{unit}" for amount, unit in parts if amount) or "0s"


def _feed_item(spec: FeedSpec) -> dict[str, Any]:
    """The ``[[feeds]]`` keys for a spec: only keys the config's feed table accepts (so ``site``,
    which the config does not have, is left out), and defaults only where they help a reader."""
    item: dict[str, Any] = {"url": spec.url}
    if spec.title:
        item["title"] = spec.title
    item["kind"] = FeedKind(spec.kind).value
    if spec.korean_only:
        item["korean_only"] = True
    if spec.interval is not None:
        item["interval"] = _duration(spec.interval)
    if spec.include:
        item["include"] = list(spec.include)
    if spec.exclude:
        item["exclude"] = list(spec.exclude)
    return item


def _render_tables(items: Sequence[dict[str, Any]]) -> str:
    chunks = []
    for item in items:
        document = tomlkit.document()
        aot = tomlkit.aot()
        table = tomlkit.table()
        for key, value in item.items():
            table.add(key, value)
        aot.append(table)
        document.append("feeds", aot)
        chunks.append(document.as_string().strip("\n") + "\n")
    return "\n".join(chunks)


def _existing_feeds(data: dict[str, Any]) -> list[dict[str, Any]]:
    feeds = data.get("feeds", [])
    if not isinstance(feeds, list) or not all(isinstance(f, dict) for f in feeds):
        raise _refuse("must be a list of [[feeds]] tables")
    return feeds


def _edit_inline(text: str, edit: Any) -> str:
    """For ``feeds = [{...}, ...]`` written as an inline array, let tomlkit edit that one value:
    the rest of the document is re-rendered unchanged."""
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as e:  # pragma: no cover - tomllib parsed it already
        raise _refuse(f"cannot be edited: {e}") from e
    feeds = document["feeds"]
    if not isinstance(feeds, Array):
        raise _refuse("cannot be edited in this form")
    edit(feeds)
    return document.as_string()


def _checked(new_text: str, expected: dict[str, Any]) -> str:
    """The edit is only returned when it reads back as exactly the intended data."""
    try:
        actual = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as e:
        raise _refuse(f"could not be edited safely ({e})") from e
    if actual != expected:
        raise _refuse("could not be edited safely (the file's layout confused the editor)")
    return new_text


def _commented_example_end(spans: list[_Span]) -> int | None:
    """Where the first real ``[[feeds]]`` goes in a file that has none: after the commented-out
    ``# [[feeds]]`` example of the starter config, when that comment block is followed by a
    table header or the end of the file (so no key below it would move into the new table)."""
    for index, span in enumerate(spans):
        if span.kind is not _Line.COMMENT or not span.comment_is_feeds_example:
            continue
        last = index
        while last + 1 < len(spans) and spans[last + 1].kind is _Line.COMMENT:
            last += 1
        following = next((s for s in spans[last + 1 :] if s.kind is not _Line.BLANK), None)
        if following is None or following.kind is _Line.HEADER:
            return spans[last].end
        return None
    return None


def add_feeds(text: str, feeds: Sequence[FeedSpec]) -> tuple[str, list[str]]:
    """Append a ``[[feeds]]`` table for each spec whose URL the file does not list yet.

    New tables go right after the last existing ``[[feeds]]`` table (before any comments that
    introduce the next section), or at the end of the file when there is none. Everything else
    is kept byte for byte. Returns the new text and the URLs added, in order (a URL given twice
    is added once). Raises ``ConfigError`` when the text is not valid TOML or ``feeds`` is not
    a list of tables.
    """
    data = _parse(text)
    existing = _existing_feeds(data)
    present = {f.get("url") for f in existing}
    items: list[dict[str, Any]] = []
    added: list[str] = []
    for spec in feeds:
        if spec.url in present:
            continue
        present.add(spec.url)
        items.append(_feed_item(spec))
        added.append(spec.url)
    if not items:
        return text, []
    expected = {**data, "feeds": [*existing, *items]}

    if "feeds" in data and not isinstance(tomlkit.parse(text)["feeds"], AoT):

        def extend(array: Array) -> None:
            for item in items:
                inline = tomlkit.inline_table()
                inline.update(item)
                array.append(inline)

        return _checked(_edit_inline(text, extend), expected), added

    rendered = _render_tables(items)
    spans = _scan(text)
    tables = _feed_tables(spans)
    at = tables[-1].end if tables else _commented_example_end(spans)
    if at is not None:
        head = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
        new_text = head + "\n" + rendered + text[at:]
    elif text.strip():
        head = text if text.endswith("\n") else text + "\n"
        new_text = head + "\n" + rendered
    else:
        new_text = rendered
    return _checked(new_text, expected), added


def remove_feed(text: str, url: str) -> tuple[str, bool]:
    """Remove the ``[[feeds]]`` table whose ``url`` is ``url`` (every one, should it be listed
    twice). Returns the new text and whether anything was removed; the text is unchanged when
    the URL is not a ``[[feeds]]`` entry (a catalog feed is dropped by dropping its collection).

    The removed part is the table itself (its header through its last key line) and the comment
    lines directly above its header when the previous table is another ``[[feeds]]`` element
    (they describe this feed, not the section). One blank line that separated it goes too.
    """
    data = _parse(text)
    existing = _existing_feeds(data)
    keep = [f for f in existing if f.get("url") != url]
    if len(keep) == len(existing):
        return text, False
    expected = dict(data)
    if keep:
        expected["feeds"] = keep
    else:
        del expected["feeds"]

    if not isinstance(tomlkit.parse(text)["feeds"], AoT):

        def drop(array: Array) -> None:
            for index in reversed(range(len(array))):
                item = array[index]
                if isinstance(item, dict) and item.get("url") == url:
                    del array[index]

        return _checked(_edit_inline(text, drop), expected), True

    tables = _feed_tables(_scan(text))
    if len(tables) != len(existing):
        raise _refuse("could not be matched to their [[feeds]] headers")
    new_text = text
    # from the last so earlier offsets stay valid
    for table, feed in reversed(list(zip(tables, existing, strict=True))):
        if feed.get("url") != url:
            continue
        start = table.leading if table.after_feeds else table.start
        end = table.end
        before_blank = start == 0 or new_text[:start].endswith("\n\n")
        if before_blank:
            # drop the blank lines after it, so two separators do not become one double gap
            while end < len(new_text) and new_text[end] in " \t\r\n":
                line_end = new_text.find("\n", end)
                if line_end < 0 or new_text[end:line_end].strip():
                    break
                end = line_end + 1
        if end >= len(new_text):
            # nothing follows: do not leave the blank line that separated it at the end
            while start >= 2 and new_text[start - 2 : start] == "\n\n":
                start -= 1
        new_text = new_text[:start] + new_text[end:]
    return _checked(new_text, expected), True


# -- the starter config ----------------------------------------------------------------------

_STARTER = """\
# kfilm-tracker configuration.
#
# Every key is shown with its default. Lines starting with "# key =" are off: remove the "# " to
# use them. Any key can also be set from the environment as TRACKER_<SECTION>__<KEY>, for example
# TRACKER_POLL__CONCURRENCY=8. Check this file with: tracker config check

[database]
# SQLAlchemy URL: sqlite:///path/to/tracker.db or postgresql+psycopg://user@host/db (PostgreSQL
# needs its driver: pip install 'kfilm-tracker[postgresql]').
# Default: a SQLite file in your user data folder.
{database_url}

[tracker]
# Time zone for the digest schedule and its week (an IANA name).
timezone = "Asia/Seoul"
# Catalog collections to follow (see: tracker feeds list): korean-film, netflix, film-reviews,
# korean (Hangul sources).
collections = ["korean-film", "netflix"]
# Folder for the file outbox and rendered previews. Default: your user state folder.
# state_dir = "/var/lib/kfilm-tracker"

# Your own feeds, one [[feeds]] table each (tracker feeds add URL writes one for you).
# Only url is required; kind is review, release, news or mixed; include/exclude are words an
# entry's title or summary must (not) contain; interval overrides [poll] interval for this feed.
# [[feeds]]
# url = "https://letterboxd.com/someone/rss/"
# title = "Someone's Letterboxd diary"
# kind = "review"
# korean_only = false
# interval = "6h"
# include = []
# exclude = []

[poll]
# How often to poll each feed (30m, 2h, 1d...); a feed's own ttl can only slow it down.
interval = "1h"
# Requests in flight at once, over all hosts.
concurrency = 16
# Seconds one request may take in total, from connecting to the last byte.
timeout = 30
# Largest feed accepted, in bytes (after decompression).
max_bytes = 10485760
# The User-Agent header sent with every request.
user_agent = "kfilm-tracker/0.1 (+https://pypi.org/project/kfilm-tracker/; polite feed reader)"
# Worker processes that parse feeds; 0 means one per CPU.
workers = 0
# Requests in flight to any one host.
per_host = 2
# Allow feeds on loopback or private addresses (a server on your own network).
allow_private_networks = false
# Never poll a feed more often than this, even when a per-feed interval asks for it.
min_interval = "15m"
# Poll every healthy feed at least this often, however long its ttl or cache headers say.
max_interval = "1d"
# Pause between the starts of two requests to one host ("0s" for none, "500ms", "2s").
host_gap = "1s"
# A permanent redirect (301/308) that holds this long moves the feed to its new URL.
redirect_after = "7d"
# Several instances on one PostgreSQL share the polling: each claims due feeds a batch (about
# concurrency) at a time and holds them this long. One that dies mid-poll loses its feeds after
# this, and the others poll them. At least twice timeout.
lease = "10m"
# How often the daemon looks for feeds whose time has come (1s to 1m).
check_every = "1m"

[digest]
# When to send the weekly digest: a weekday and a 24-hour time, in [tracker] timezone.
schedule = "mon 09:00"
# Who gets it, e.g. ["me@example.com"]. With nobody listed, the digest goes to the outbox only.
recipients = []
# The From address: "you@example.com" or "Name <you@example.com>" (user@localhost is this
# machine's own mail). It also receives the "unsubscribe" mails that readers' clients send.
sender = "kfilm-tracker <kfilm-tracker@localhost>"
# The subject line: a Jinja2 template with `digest`. Default: the subject.txt.j2 template (yours
# when your templates folder has one): "Korean film this week: Nov 23–29, 2026 · Exhuma, ..."
# subject = "Korean film this week: {{{{ digest.week_label }}}}"
# Send a digest even in a week with nothing new.
send_if_empty = false
# A folder of your own templates (weekly.html.j2, weekly.txt.j2, subject.txt.j2) used instead
# of the defaults; one can extend a default with {{% extends "default:weekly.html.j2" %}}.
# templates = "~/.config/kfilm-tracker/digests"
# Only Korean films and series in the digest.
korean_only = true
# On a feed's first poll, entries older than this are its backlog, not news: left out.
backfill = "7d"
# After a downtime, each missed week is sent, oldest first, for this far back (whole weeks);
# older missed weeks are recorded as skipped (tracker digest list), never sent late.
catch_up = "4w"
# An https:// page where a reader unsubscribes with one click (List-Unsubscribe, RFC 8058);
# {{recipient}} becomes the reader's address. Without it, unsubscribing mails the sender.
# unsubscribe_url = "https://example.org/kfilm/unsubscribe?who={{recipient}}"
# The public URL where the digest archive (state_dir/archive/) is served.
# archive_url = "https://example.org/kfilm/"

[health]
# tracker health fails when more than this fraction (0 to 1) of the followed feeds have been
# failing for over a day.
failing_feeds = 0.25

# The mail server. Without an [smtp] section, digests are written to the file outbox in the
# state folder instead of being sent.
# [smtp]
# host = "smtp.example.com"
# # Default: 587 for starttls, 465 for tls, 25 for none.
# port = 587
# # starttls, tls (implicit TLS) or none (plaintext: only for a server on this machine).
# security = "starttls"
# username = "me@example.com"
# # The name of the environment variable holding the password (never the password itself).
# password_env = "KFILM_SMTP_PASSWORD"
# # Seconds to wait for the server.
# timeout = 30
"""


def starter_config(*, database_url: str | None = None) -> str:
    """The commented starter ``tracker.toml``: every section and key with its default and a
    one-line comment; ``[[feeds]]`` and ``[smtp]`` are shown commented out. ``database_url``,
    when given, is written as ``[database] url``."""
    if database_url is None:
        url_line = '# url = "sqlite:////home/me/.local/share/kfilm-tracker/tracker.db"'
    else:
        url_line = "url = " + tomlkit.string(database_url).as_string()
    return _STARTER.format(database_url=url_line)
