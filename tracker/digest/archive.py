"""The digest's web archive: a standalone page per week, an index of every week and an Atom
feed of the digests, in one folder (``state_dir/archive`` unless told otherwise).

Owns the folder's layout (``YYYY-Www.html``, ``index.html``, ``feed.xml``, and
``manifest.json``, which remembers each week's subject, counts and films so the index and the
feed are rebuilt without the database), the Atom document (stdlib ElementTree: escaping is
not ours to get wrong), links made absolute by ``[digest] archive_url``, and atomic writes (a
reader or a web server never sees half a file). Must not build or render digests: it is
handed the pages as HTML.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from tracker.types import Digest

INDEX = "index.html"
FEED = "feed.xml"
CALENDAR = "releases.ics"
MANIFEST = "manifest.json"
_ATOM = "http://www.w3.org/2005/Atom"
_WEEK_PAGE = re.compile(r"^\d{4}-W\d{2}\.html$")
#: films named in a week's feed entry and index line; the page names them all
_FILMS_NAMED = 12


@dataclass(frozen=True)
class ArchivedWeek:
    """What the index and the feed say about one archived week."""

    week: str
    title: str
    subject: str
    label: str
    generated_at: str
    films: int
    reviews: int
    releases: int
    news: int
    titles: tuple[str, ...]

    @property
    def page(self) -> str:
        return page_name(self.week)

    @classmethod
    def of(cls, digest: Digest, subject: str) -> ArchivedWeek:
        c = digest.counts
        return cls(
            week=str(digest.week),
            title=digest.title,
            subject=subject,
            label=digest.week_label,
            generated_at=digest.generated_at.isoformat(),
            films=c.films,
            reviews=c.reviews,
            releases=c.releases,
            news=c.news,
            titles=tuple(f.title for f in digest.films[:_FILMS_NAMED]),
        )

    def summary(self) -> str:
        counts = f"{self.films} films, {self.reviews} reviews, {self.releases} releases"
        if not self.titles:
            return counts + "."
        more = " and more" if self.films > len(self.titles) else ""
        return f"{counts}: {', '.join(self.titles)}{more}."


def page_name(week: str) -> str:
    """``2026-W50`` -> ``2026-W50.html``."""
    return f"{week}.html"


class Archive:
    """One archive folder. ``base_url`` (``[digest] archive_url``, ending in ``/``) is where the
    folder is served; without it links stay relative (a page next to its index) and the email
    names the page instead of linking it."""

    def __init__(self, folder: Path, base_url: str | None = None) -> None:
        self.folder = folder
        self.base_url = base_url

    def url(self, name: str) -> str | None:
        return self.base_url + name if self.base_url else None

    def weeks(self) -> list[ArchivedWeek]:
        """Every archived week, newest first: the manifest's, for pages still in the folder."""
        try:
            raw = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        weeks = []
        for item in raw.get("weeks", []) if isinstance(raw, dict) else []:
            try:
                week = ArchivedWeek(**{**item, "titles": tuple(item.get("titles", ()))})
            except TypeError:
                continue  # a manifest from another version: that week is rebuilt when sent
            if (self.folder / week.page).is_file():
                weeks.append(week)
        return sorted(weeks, key=lambda w: w.week, reverse=True)

    def pages(self) -> list[str]:
        """The week pages in the folder (a manifest can be lost; the pages are what count)."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if _WEEK_PAGE.match(p.name))

    def store(self, week: ArchivedWeek, page_html: str) -> Path:
        """Write one week's page and remember it in the manifest (replacing that week)."""
        path = self.folder / week.page
        write_atomically(path, page_html.encode("utf-8"))
        others = [w for w in self.weeks() if w.week != week.week]
        self.save_manifest([week, *others])
        return path

    def save_manifest(self, weeks: Iterable[ArchivedWeek]) -> None:
        ordered = sorted(weeks, key=lambda w: w.week, reverse=True)
        body = {"weeks": [asdict(w) for w in ordered]}
        text = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_atomically(self.folder / MANIFEST, text.encode("utf-8"))

    def write_index(self, html: str) -> Path:
        path = self.folder / INDEX
        write_atomically(path, html.encode("utf-8"))
        return path

    def write_feed(self, title: str, weeks: list[ArchivedWeek]) -> Path:
        path = self.folder / FEED
        write_atomically(path, self.feed(title, weeks))
        return path

    def feed(self, title: str, weeks: list[ArchivedWeek]) -> bytes:
        """The Atom feed (RFC 4287) of the archived digests, newest first. Ids are stable per
        week (a feed reader shows a re-sent week as updated, not as new)."""
        ET.register_namespace("", _ATOM)

        def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
            element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
            if text is not None:
                element.text = text
            return element

        root = ET.Element(f"{{{_ATOM}}}feed")
        sub(root, "title", title)
        sub(root, "subtitle", "Every weekly digest of Korean film reviews and releases.")
        sub(root, "id", self._id("feed"))
        sub(root, "updated", weeks[0].generated_at if weeks else "1970-01-01T00:00:00+00:00")
        author = sub(root, "author")
        sub(author, "name", "kfilm-tracker")
        sub(root, "generator", "kfilm-tracker")
        if self.base_url:
            sub(root, "link", rel="self", href=self.base_url + FEED, type="application/atom+xml")
        sub(root, "link", rel="alternate", href=self.url(INDEX) or INDEX, type="text/html")
        for week in weeks:
            entry = sub(root, "entry")
            sub(entry, "title", f"{week.subject} ({week.week})")
            sub(entry, "id", self._id(week.week))
            sub(entry, "updated", week.generated_at)
            sub(entry, "published", week.generated_at)
            href = self.url(week.page) or week.page
            sub(entry, "link", rel="alternate", href=href, type="text/html")
            sub(entry, "summary", week.summary())
        ET.indent(root)
        document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        return document + b"\n"

    def _id(self, name: str) -> str:
        # the page's address when the archive is served, else a URN: stable across runs and
        # rebuilds, and never the machine's path
        if self.base_url:
            return self.base_url + ("" if name == "feed" else page_name(name))
        return f"urn:kfilm-tracker:digest:{name}"


def write_atomically(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same folder, flushed to disk,
    and a rename: a reader or a web server sees the old file or the new one, never half.
    Unchanged bytes are not written again (the file keeps its time, a server its ETag).
    Returns whether it wrote."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    # beside the target (os.replace is atomic within one file system only), made by open() so
    # it gets the umask's permissions, as any file the user makes: a web server may read it
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        with open(temporary, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return True
