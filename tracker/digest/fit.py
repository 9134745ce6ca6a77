"""How much of a week one email shows: the plans a digest is rendered with, from generous to
terse, so its HTML stays under what Gmail shows unclipped whatever the week holds.

Owns ``Plan`` (how many full cards, reviews per card, section items, compact lines and bare names
a rendering shows), the ladder of plans the renderer walks down until a digest fits, the
byte size of a part as a client receives it, and ``Links`` (where the full web copy and the
unsubscribe and subscribe addresses are, as the templates link them). Pure: must not render,
read the config or touch files; the renderer decides with these.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Gmail clips a message whose HTML part is over 102 KB (about 102,000 bytes) and hides the rest
#: behind "[Message clipped]"; an email's parts are kept under this, with room for what a
#: relay adds (a footer, a tracking rewrite of the links)
EMAIL_PART_LIMIT = 100_000
#: what a rendering aims for: a tenth under the limit
EMAIL_PART_BUDGET = 90_000


@dataclass(frozen=True)
class Plan:
    """What one rendering shows; None means everything. Films beyond ``cards`` get a compact
    line each (up to ``lines`` of them), then their bare names (up to ``names``), then "and N
    more" pointing to the web copy: every film of the week is named unless even bare names
    would not fit."""

    cards: int | None = None
    #: reviews shown in full on a card (the rest: "and N more reviews")
    reviews: int | None = None
    #: releases and news listed in their sections
    items: int | None = None
    lines: int | None = None
    names: int | None = None
    #: one-line excerpts under reviews and items
    excerpts: bool = True
    #: "Also in" links of syndicated copies
    also: bool = True

    @property
    def complete(self) -> bool:
        return self == FULL


#: the web copy and a preview on disk: the whole digest
FULL = Plan()

#: the email: the first plan whose HTML and text parts both fit wins. The first suits a usual
#: week (a dozen films, a few dozen items); the later ones name every other film in a line, then
#: by name only. Past the last, the renderer names as many films as fit (``Plan.names``).
LADDER: tuple[Plan, ...] = (
    Plan(cards=12, reviews=4, items=12),
    Plan(cards=8, reviews=3, items=10),
    Plan(cards=6, reviews=2, items=8, lines=80),
    Plan(cards=4, reviews=2, items=6, lines=40, excerpts=False, also=False),
    Plan(cards=3, reviews=1, items=4, lines=20, excerpts=False, also=False),
    Plan(cards=2, reviews=1, items=3, lines=10, excerpts=False, also=False),
    Plan(cards=1, reviews=1, items=2, lines=0, excerpts=False, also=False),
    Plan(cards=0, reviews=0, items=0, lines=0, excerpts=False, also=False),
)


def part_size(text: str) -> int:
    """The bytes of a part as a client decodes it: UTF-8, every line ending in CRLF (SMTP turns
    each newline into two bytes)."""
    return len(text.encode("utf-8")) + text.count("\n")


@dataclass(frozen=True)
class Links:
    """Where a digest links beyond itself. ``web`` is this week's web copy (an absolute URL when
    ``[digest] archive_url`` is set, else None) and ``web_name`` its file name in the archive,
    named in words when there is no URL to link."""

    web: str | None = None
    web_name: str = ""
    #: the archive's index, its Atom feed and the release calendar (absolute URLs or None)
    archive: str | None = None
    feed: str | None = None
    calendar: str | None = None
    #: ``[digest] unsubscribe_url`` with no recipient filled in (None when not configured)
    unsubscribe: str | None = None
    #: ``mailto:`` the sender, asking to unsubscribe (None when the digest has no sender)
    unsubscribe_mailto: str | None = None
    #: True for the web copy itself: no "view in your browser", subscribe links instead
    page: bool = False
