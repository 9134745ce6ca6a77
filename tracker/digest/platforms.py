"""How a streaming service (or the cinema) is written for a reader: ``disney_plus`` ->
``Disney+``, in the email, the web copy and the release calendar alike.

Owns the names. Must not know how a platform is recognised in a feed's text (that is
``understand.platform``) or how it is styled (the templates).
"""

from __future__ import annotations

PLATFORM_NAMES: dict[str, str] = {
    "netflix": "Netflix",
    "disney_plus": "Disney+",
    "prime_video": "Prime Video",
    "apple_tv_plus": "Apple TV+",
    "tving": "TVING",
    "coupang_play": "Coupang Play",
    "wavve": "Wavve",
    "watcha": "Watcha",
    "mubi": "MUBI",
    "shudder": "Shudder",
    "hulu": "Hulu",
    "viki": "Viki",
    "viu": "Viu",
    "max": "Max",
    "cinema": "In cinemas",
}


def platform_name(platform: str | None) -> str:
    """``"disney_plus"`` -> ``"Disney+"``; an unknown key becomes Title Case; None -> ``""``."""
    if not platform:
        return ""
    key = platform.strip().lower()
    return PLATFORM_NAMES.get(key, key.replace("_", " ").title())
