"""Renders a ``Digest`` into an email (subject line, HTML with its essential CSS inlined, a
plain-text part) that fits under Gmail's clipping size, or into the whole web copy.

Owns the Jinja2 environment (loaders, filters, escaping rules), CSS inlining (css_inline) and
walking ``fit.LADDER`` down until both parts of an email fit; it is the only module that imports
Jinja2 or css_inline. Turns every template problem into ``RenderError`` naming the template and
line. Must not build the digest (that is ``build``), send it (``deliver``), write files, read
the clock or touch the database.
"""

from __future__ import annotations

import math
import re
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import css_inline
import jinja2
from markupsafe import Markup

from tracker import resources
from tracker.digest.fit import EMAIL_PART_BUDGET, LADDER, Links, Plan, part_size
from tracker.digest.platforms import PLATFORM_NAMES, platform_name
from tracker.exceptions import RenderError
from tracker.parse.sanitize import sanitize_html
from tracker.text import display_width, wide_pieces
from tracker.types import Digest, DigestItem, RenderedDigest

HTML_TEMPLATE = "weekly.html.j2"
TEXT_TEMPLATE = "weekly.txt.j2"
SUBJECT_TEMPLATE = "subject.txt.j2"
#: the archive's index page (a web page: no inlining, no size budget)
INDEX_TEMPLATE = "archive.html.j2"
#: user templates extend the shipped ones through this prefix:
#: {% extends "default:weekly.html.j2" %}
DEFAULT_PREFIX = "default"
#: the name Jinja gives a template made from a string (the [digest] subject setting)
_STRING_TEMPLATE = "<template>"
_SUBJECT_SETTING = "[digest] subject"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# -- filters -----------------------------------------------------------------------------------
# Plain functions, so tests and other templates can use them without an environment.


def _half_steps(rating: float | None) -> int:
    """A 0-5 rating as a count of half stars, rounded to the nearest half, clamped to 0-10."""
    if rating is None or math.isnan(rating):
        return 0
    return max(0, min(10, math.floor(rating * 2 + 0.5)))


def stars(rating: float | None) -> str:
    """``3.5`` -> ``"★★★½"``, ``0.5`` -> ``"½"``, None -> ``""``."""
    halves = _half_steps(rating)
    return "★" * (halves // 2) + ("½" if halves % 2 else "")


def stars_rest(rating: float | None) -> str:
    """The empty stars that pad ``stars(rating)`` to five slots: ``3.5`` -> ``"☆"``."""
    if rating is None:
        return ""
    halves = _half_steps(rating)
    return "☆" * (5 - (halves + 1) // 2)


def rating_number(rating: float | None, scale: int = 5) -> str:
    """``3.5`` -> ``"3.5/5"``, ``4.0`` -> ``"4/5"``, ``3.666`` -> ``"3.7/5"``, None -> ``""``."""
    if rating is None:
        return ""
    text = f"{rating:.1f}".removesuffix(".0")
    return f"{text}/{scale}"


def format_date(
    value: date | datetime | None, style: str = "short", this_year: int | None = None
) -> str:
    """Dates in the digest's own words, independent of the machine's locale.

    ``short``: ``Sat 28 Nov``; ``day``: ``28 Nov``; ``long``: ``Saturday 28 November 2026``;
    ``time``: ``Mon 30 Nov, 09:00``; ``iso``: ``2026-11-28``. With ``this_year`` (the digest's
    year), ``short``, ``day`` and ``month`` add the year when it is another one: a release date
    from 2023 must not read as this November.
    """
    if value is None:
        return ""
    weekday = _WEEKDAYS[value.weekday()]
    month = _MONTHS[value.month - 1]
    other_year = this_year is not None and value.year != this_year
    if style == "short":
        return f"{weekday} {value.day} {month}" + (f" {value.year}" if other_year else "")
    if style == "day":
        return f"{value.day} {month}" + (f" {value.year}" if other_year else "")
    if style == "month":
        return month + (f" ’{value.year % 100:02d}" if other_year else "")
    if style == "long":
        return f"{value:%A} {value.day} {value:%B} {value.year}"
    if style == "time":
        if not isinstance(value, datetime):
            raise ValueError("the 'time' date style needs a datetime")
        return f"{weekday} {value.day} {month}, {value:%H:%M}"
    if style == "iso":
        return value.isoformat()[:10]
    raise ValueError(f"unknown date style {style!r}; use short, day, month, long, time or iso")


def host(url: str | None) -> str:
    """``"https://www.theguardian.com/film/..."`` -> ``"theguardian.com"``, for link captions."""
    if not url:
        return ""
    name = urlsplit(url).hostname or ""
    return name.removeprefix("www.")


def wrap(text: str | None, width: int = 72, indent: str = "", first: str | None = None) -> str:
    """Wrap plain text for the text part by display width: Hangul, CJK and emoji take two
    columns, combining marks none. URLs and other long words are never broken, so a link stays
    clickable even when it is longer than the line; only a run of wide characters longer than a
    whole line (Chinese or Japanese without spaces, a very long Hangul word) breaks, between two
    wide characters."""
    if not text:
        return ""
    text = str(text)
    # greedy, word by word: what textwrap.fill does with break_long_words=False and
    # break_on_hyphens=False on single-spaced ASCII text, at a fraction of its cost (a busy
    # week's text part wraps thousands of lines, so an ASCII word is measured by len())
    lines: list[str] = []
    line: list[str] = []
    used = 0
    lead = indent if first is None else first
    room = width - display_width(lead)
    full_room = width - display_width(indent)
    # an ASCII word (most words of a week) is measured by len(): a control character counted
    # as one column only makes its line shorter; an ASCII text skips even the test per word
    ascii_text = text.isascii()
    for word in text.split():
        ascii_word = ascii_text or word.isascii()
        size = len(word) if ascii_word else display_width(word)
        if size > full_room and not ascii_word:
            # wider than any line: cut where it may break (nowhere unless it has wide characters)
            pieces = wide_pieces(word)
            if len(pieces) > 1:
                for number, piece in enumerate(pieces):
                    piece_size = display_width(piece)
                    gap = 0 if number else 1
                    if line and used + gap + piece_size <= room:
                        if gap:
                            line.append(piece)
                        else:
                            line[-1] += piece  # glued to the piece before it, no space
                        used += gap + piece_size
                        continue
                    if line:
                        lines.append(lead + " ".join(line))
                        lead, room = indent, full_room
                    line, used = [piece], piece_size
                continue
        if line and used + 1 + size <= room:
            line.append(word)
            used += 1 + size
            continue
        if line:
            lines.append(lead + " ".join(line))
            lead, room = indent, full_room
        line, used = [word], size
    if line:
        lines.append(lead + " ".join(line))
    return "\n".join(lines)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(1, "review")`` -> ``"1 review"``, ``plural(3, "review")`` -> ``"3 reviews"``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def day_before(value: datetime) -> datetime:
    """The last day inside a half-open window: ``digest.end | day_before``."""
    return value - timedelta(days=1)


def initial(title: str | None) -> str:
    """The first letter of a title, for the poster placeholder."""
    for char in title or "":
        if char.isalnum():
            return char.upper()
    return "?"


def watch_options(releases: Sequence[DigestItem]) -> list[tuple[str | None, Any, list[DigestItem]]]:
    """A film's release items grouped by (platform, date): five outlets announcing the same
    Netflix date make one line with five sources, not five lines."""
    groups: dict[tuple[str | None, Any], list[DigestItem]] = {}
    for item in releases:
        groups.setdefault((item.platform, item.release_date), []).append(item)
    return [(platform, day, items) for (platform, day), items in groups.items()]


FILTERS: dict[str, Callable[..., Any]] = {
    "watch_options": watch_options,
    "stars": stars,
    "stars_rest": stars_rest,
    "rating_number": rating_number,
    "datefmt": format_date,
    "platform_name": platform_name,
    "host": host,
    "wrap": wrap,
    "plural": plural,
    "initial": initial,
    "day_before": day_before,
}


# -- the environment ---------------------------------------------------------------------------


def _autoescape(name: str | None) -> bool:
    # select_autoescape looks at the last suffix only unless told the double one; we escape
    # every HTML template (weekly.html.j2, default:weekly.html.j2, a user's my.html) and
    # nothing else, so the text part and the subject never show &amp; to a reader.
    if name is None:
        return False
    lowered = name.lower()
    return lowered.endswith((".html.j2", ".htm.j2", ".html", ".htm", ".xml.j2", ".xml"))


def _sanitised(html: str | None) -> Markup:
    """``summary_html`` for a template, sanitised again on the way out: it was cleaned before
    it was stored, but a database can be older than today's allowlist (or edited by hand)."""
    return Markup(sanitize_html(html) or "") if html else Markup("")


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that is only ever an optimisation: a folder that cannot be created,
    read or written means compiling the template, never a failed digest."""

    def __init__(self, directory: Path) -> None:
        super().__init__(str(directory), "kfilm-%s.cache")
        self._directory = directory

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


class Renderer:
    """Renders digests with the shipped templates, or the user's where they override them."""

    def __init__(
        self,
        *,
        templates: Path | None = None,
        default_dir: Path | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        if default_dir is None:
            try:
                default_dir = resources.templates_dir()
            except FileNotFoundError as e:
                raise RenderError(
                    "the default digest templates are missing from the installation",
                    hint="reinstall kfilm-tracker",
                ) from e
        if templates is not None and not templates.is_dir():
            raise RenderError(
                f"digest templates folder {templates} does not exist",
                hint="fix [digest] templates in the config, or remove it to use the defaults",
            )
        self.templates = templates
        self.default_dir = default_dir
        default_loader = jinja2.FileSystemLoader(default_dir)
        loaders: list[jinja2.BaseLoader] = []
        if templates is not None:
            loaders.append(jinja2.FileSystemLoader(templates))
        loaders += [default_loader, jinja2.PrefixLoader({DEFAULT_PREFIX: default_loader}, ":")]
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            # compiled templates kept between runs (keyed by each template's source): compiling
            # them costs a tenth of a second at every start
            bytecode_cache=_QuietBytecodeCache(cache_dir) if cache_dir is not None else None,
            autoescape=_autoescape,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(FILTERS)
        self.env.filters["sanitised"] = _sanitised
        self.env.globals["platform_names"] = dict(PLATFORM_NAMES)
        # Inlining every rule on every element was half of a digest's bytes: only the first
        # <style> block (what a client that drops <style> needs) is inlined; the second, marked
        # data-css-inline="ignore" (classes, dark mode, phones), stays in <head> once, which
        # Gmail, Apple Mail and Outlook read. Never fetch a remote stylesheet while rendering.
        self._inliner = css_inline.CSSInliner(
            keep_style_tags=True,
            keep_at_rules=True,
            load_remote_stylesheets=False,
            keep_link_tags=False,
        )

    def render(
        self,
        digest: Digest,
        *,
        subject_template: str | None = None,
        links: Links | None = None,
        plan: Plan | None = None,
        budget: int = EMAIL_PART_BUDGET,
    ) -> RenderedDigest:
        """Subject, HTML and text of one digest. With ``plan``, exactly that much of the week
        (``fit.FULL`` for the web copy: with ``links.page``, HTML only, ``text`` empty);
        without, the email: the first plan of ``fit.LADDER`` whose HTML and text both fit in
        ``budget`` bytes (the last one names films only as far as they fit). Raises
        ``RenderError`` for any template problem."""
        links = links or Links()
        if plan is not None:
            return self._render(digest, subject_template, links, plan)
        for step in LADDER:
            rendered = self._render(digest, subject_template, links, step)
            if fits(rendered, budget):
                return rendered
        # even bare names of every film are too many: as many as fit (a binary search over
        # the count; the rest are counted and linked to the web copy)
        last = LADDER[-1]
        low, high = 0, len(digest.films)
        best = self._render(digest, subject_template, links, replace(last, names=0))
        while low < high:
            middle = (low + high + 1) // 2
            attempt = self._render(digest, subject_template, links, replace(last, names=middle))
            if fits(attempt, budget):
                low, best = middle, attempt
            else:
                high = middle - 1
        return best

    def render_index(self, title: str, weeks: Sequence[Any], links: Links) -> str:
        """The archive's index page of ``weeks`` (``archive.ArchivedWeek``, newest first)."""
        return self._render_named(INDEX_TEMPLATE, {"title": title, "weeks": weeks, "links": links})

    def _render(
        self, digest: Digest, subject_template: str | None, links: Links, plan: Plan
    ) -> RenderedDigest:
        context = {"digest": digest, "plan": plan, "links": links}
        if subject_template is not None:
            subject_raw = self._render_string(subject_template, context)
        else:
            subject_raw = self._render_named(SUBJECT_TEMPLATE, context)
        html_raw = self._render_named(HTML_TEMPLATE, context)
        if links.page:
            # a web page is HTML only, and keeps its CSS in <style>: every browser reads it
            # there (rendering a busy week's text too cost about a tenth of a preview)
            return RenderedDigest(subject=_one_line(subject_raw), html=html_raw, text="")
        text_raw = self._render_named(TEXT_TEMPLATE, context)
        return RenderedDigest(
            subject=_one_line(subject_raw),
            html=self._inline(html_raw),
            text=_tidy_text(text_raw),
        )

    # -- helpers

    def _render_named(self, name: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateError as e:
            raise _render_error(e, name) from e
        except Exception as e:
            # a user template can fail at run time too (a bad filter argument, 1/0): that is
            # the user's template, not our bug, and must not stop the daemon
            raise _runtime_error(e, name) from e

    def _render_string(self, source: str, context: dict[str, Any]) -> str:
        try:
            return self.env.from_string(source).render(context)
        except jinja2.TemplateError as e:
            raise _render_error(e, _SUBJECT_SETTING) from e
        except Exception as e:
            raise _runtime_error(e, _SUBJECT_SETTING) from e

    def _inline(self, html: str) -> str:
        try:
            inlined: str = self._inliner.inline(html)
        except ValueError as e:  # css_inline.InlineError subclasses ValueError
            raise RenderError(
                f"{HTML_TEMPLATE}: its CSS could not be inlined: {e}",
                hint="check the <style> block of your weekly.html.j2",
            ) from e
        return inlined


def fits(rendered: RenderedDigest, budget: int = EMAIL_PART_BUDGET) -> bool:
    """Whether both parts of an email are within ``budget`` bytes as a client decodes them."""
    return part_size(rendered.html) <= budget and part_size(rendered.text) <= budget


def _one_line(text: str) -> str:
    # A subject is one header line: newlines would break the header (or inject one).
    return " ".join(text.split())


_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def _template_line(error: BaseException) -> tuple[str | None, int | None]:
    """Where in a template the error happened: Jinja rewrites tracebacks so template frames
    carry the template's file name and line; the innermost one is where it broke."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        filename = frame.filename or ""
        if filename.endswith(".j2") or filename == _STRING_TEMPLATE or filename.endswith(".html"):
            found = (filename, frame.lineno)
    return found


def _runtime_error(error: Exception, name: str) -> RenderError:
    filename, line = _template_line(error)
    where = filename if filename and filename != _STRING_TEMPLATE else name
    at = f"{where}, line {line}" if line else where
    return RenderError(
        f"cannot render the digest: {at}: {type(error).__name__}: {error}",
        hint="check the expression at that line of your template",
    )


def _render_error(error: jinja2.TemplateError, name: str) -> RenderError:
    """One RenderError naming the template, the line and what to do."""
    where = name
    line: int | None = None
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = error.filename or error.name or name
        line = error.lineno
        what = f"syntax error: {error.message}"
        hint = "fix the template syntax at that line"
    elif isinstance(error, jinja2.TemplateNotFound):
        missing = ", ".join(getattr(error, "templates", None) or [error.name or "?"])
        what = f"template not found: {missing}"
        hint = (
            f'extend a shipped template as "{DEFAULT_PREFIX}:{HTML_TEMPLATE}"; '
            "check the [digest] templates folder"
        )
    elif isinstance(error, jinja2.UndefinedError):
        filename, line = _template_line(error)
        if filename and filename != _STRING_TEMPLATE:
            where = filename
        what = f"undefined name: {error.message}"
        hint = "check the spelling; templates get `digest` (see digests/README.md)"
    else:
        filename, line = _template_line(error)
        if filename and filename != _STRING_TEMPLATE:
            where = filename
        what = str(error.message or type(error).__name__)
        hint = "see digests/README.md for what templates get"
    at = f"{where}, line {line}" if line else where
    return RenderError(f"cannot render the digest: {at}: {what}", hint=hint)
