"""The classifier version: a fingerprint of the rules and the curated data, stamped on every
stored understanding so that a better classifier applies to stored entries at once.

Owns computing that fingerprint (a hash of this package's sources, the curated data beside it and
the text helpers they use) and the stamp of one entry's understanding, which also names the feed
hints it was computed with (a feed whose ``kind`` or ``korean_only`` changed in the config is
understood again). Reads only files shipped in the package; must not classify.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from tracker.types import FeedHints

_HERE = Path(__file__).resolve().parent
#: what the understanding of an entry depends on besides the entry itself
_SOURCES = (_HERE, _HERE.parent / "text.py")


@cache
def classifier_version() -> str:
    """12 hex digits that change whenever a rule, the curated data or the text normalisation
    changes (any edit to them, in fact: an unneeded re-understanding is cheap, a stale one is
    a wrong digest)."""
    digest = hashlib.sha256()
    # named relative to their source: a wheel and a checkout of one version hash the same
    files: list[tuple[str, Path]] = []
    for source in _SOURCES:
        if source.is_dir():
            files += [
                (f"{source.name}/{p.relative_to(source).as_posix()}", p)
                for p in source.rglob("*")
                if p.suffix in (".py", ".toml")
            ]
        elif source.is_file():
            files.append((source.name, source))
    for name, path in sorted(files):
        digest.update(name.encode())
        # line endings normalised: a checkout on another OS is the same classifier
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()[:12]


def version_for(hints: FeedHints) -> str:
    """The stamp an entry of a feed with these hints gets: ``<classifier>/<hints>``."""
    return f"{classifier_version()}/{hints.tag}"
