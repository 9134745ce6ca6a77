"""The best image of an entry: one absolute http(s) URL, or None.

Owns the order of preference: the widest image ``media:content``, else the widest
``media:thumbnail``, else an image enclosure, else the first ``<img>`` of the content, then of the
summary.

Must not sanitise or resolve HTML itself: it reads fragments ``tracker.parse.sanitize`` has already
cleaned, whose ``src`` is absolute http(s) or gone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from tracker.parse.links import absolute_http

__all__ = ["best_image"]


def best_image(
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
            found = absolute_http(str(enclosure.get("href") or ""), base)
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
        url = absolute_http(str(candidate.get(key) or ""), base)
        if not url:
            continue
        width_text = str(candidate.get("width") or "").strip()
        width = int(width_text) if width_text.isdigit() else 0
        if best is None or width > best[0]:
            best = (width, url)
    return best[1] if best else None


#: an ``<img>`` tag as html5ever (inside nh3) writes one: every attribute ` name="value"`, with
#: ``&`` and ``"`` escaped in values and nothing else (a ``>`` may stand in a value)
_IMG = re.compile(r'<img((?: [^\s"\'>/=]+="[^"]*")*)>')
_SRC = re.compile(r' src="([^"]*)"')


def _first_img(fragment: str | None) -> str | None:
    """The first ``<img src>`` of sanitised HTML (already absolute http(s), or removed)."""
    if not fragment or "<img" not in fragment:
        return None
    for tag in _IMG.finditer(fragment):
        src = _SRC.search(tag.group(1))
        if src and src.group(1):
            return html.unescape(src.group(1))
    return None
