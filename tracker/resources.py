"""Finds the data shipped with the package (the feed catalog and the digest templates).

Owns the lookup of ``feeds/`` and ``digests/`` both in an installed wheel (mapped to
``tracker/_data/``) and in a source checkout (the repository's top level). Must not parse them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"kfilm-tracker data folder {name!r} is missing from the installation")


def catalog_dir() -> Path:
    """The folder of curated feed collections (``*.toml``)."""
    return _data_dir("feeds")


def templates_dir() -> Path:
    """The folder of default digest templates (``*.j2``)."""
    return _data_dir("digests")


def package_data_dir() -> Path:
    """Data files that live inside the package itself (curated film lists, demo feeds)."""
    return _PACKAGE_DIR / "data"
