"""Bytes to text: choosing the character encoding of one feed document.

Owns the order of evidence (a BOM, then valid UTF-8, then the declared charset of the
Content-Type header or the XML declaration, then a Korean CP949 sniff, then windows-1252), the
superset that each mislabelled encoding name really means, and the repair of text that was UTF-8
encoded twice. ``decode_document`` returns warnings about what it had to guess or override;
``parse_feed`` joins them into ``ParsedFeed.warning``.

Must not parse or repair XML (that is ``tracker.parse.prepare``) and never raises for bytes it
cannot decode: the last fallback, Latin-1, decodes anything.

Rule worth knowing: **we decode, not feedparser.** feedparser without ``chardet`` reads an
undeclared EUC-KR document as windows-1252, so ``parse_feed`` hands it our text as UTF-8 with a
matching declaration.
"""

from __future__ import annotations

import codecs
import re

from tracker.text import hangul_count

__all__ = ["decode_document"]

# Encoding names that servers use for what is really a superset; decoding with the superset is what
# every reader does (EUC-KR pages hold CP949 syllables, "ISO-8859-1" pages hold cp1252 quotes).
_ENCODING_SUPERSETS = {
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949",
    "x-windows-949": "cp949",
    "windows-949": "cp949",
    "uhc": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
}
_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_XML_DECL_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)


def decode_document(body: bytes, content_type: str) -> tuple[str, list[str]]:
    """Decode the document; returns the text and warnings about how the encoding was chosen."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace"), []
    # UTF-16 without a BOM still starts with "<?" in its own encoding (XML spec, appendix F)
    if body.startswith(b"\x00<\x00?"):
        return body.decode("utf-16-be", errors="replace"), []
    if body.startswith(b"<\x00?\x00"):
        return body.decode("utf-16-le", errors="replace"), []

    declared: list[str] = []
    charset = _CHARSET_PARAM.search(content_type)
    if charset:
        declared.append(charset.group(1))
    decl = _XML_DECL_ENCODING.match(body)
    if decl:
        declared.append(decl.group(1).decode("ascii"))
    label = f"declared {declared[0]}" if declared else "no encoding declared"

    # Real text in a legacy encoding is practically never valid UTF-8, and servers often label
    # UTF-8 feeds wrongly, so valid UTF-8 wins over any declaration.
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        notes: list[str] = []
        if declared and _codec(declared[0]) not in (None, "utf-8") and not body.isascii():
            notes.append(f"{label} but the bytes are UTF-8; decoded as UTF-8")
        repaired = _undo_double_utf8(text)
        if repaired is not None:
            text = repaired
            notes.append("the text was UTF-8 encoded twice (mojibake); repaired")
        return text, notes

    for index, name in enumerate(declared):
        codec = _codec(name)
        if codec is None or codec == "utf-8":
            continue
        decoded = _try_decode(body, codec)
        if decoded is not None:
            return decoded, [f"{label} but decoded as {codec}"] if index else []

    # Nothing usable declared: a Korean legacy page is CP949 (a superset of EUC-KR); check that
    # the result really is mostly Hangul, since Latin-1 bytes can happen to decode as CP949 too.
    cp949 = _try_decode(body, "cp949")
    if cp949 is not None and _mostly_hangul(cp949):
        return cp949, [f"{label} (or not decodable); guessed CP949 (Korean)"]
    fallback = _try_decode(body, "windows-1252")
    if fallback is None:
        fallback = body.decode("latin-1")
    return fallback, [f"{label} (or not decodable); guessed windows-1252"]


# cp1252's characters for bytes 0x80-0x9F, mapped back to those bytes' Latin-1 code points
_CP1252_BACK = {
    ord(bytes([b]).decode("cp1252")): b
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}

_LEAD_BYTE = re.compile("[\u00c2-\u00f4]")
_BEYOND_CP1252 = re.compile("[^\x00-\u2122]")


def _undo_double_utf8(text: str) -> str | None:
    """The text a double encoder garbled, or None when it is not garbled that way.

    UTF-8 bytes decoded as windows-1252 (or Latin-1) and encoded as UTF-8 again turn "한국" into
    "í•œêµ­". Mapping every character back to its single byte gives valid UTF-8 only when the
    text was garbled so: real Latin-1 text ("café", "Amélie") is not valid UTF-8 as bytes, and
    text with characters beyond Latin-1 and cp1252 (real Korean) cannot be mapped at all."""
    # cheap refusals first (the mapping below costs as much as parsing on a long feed): valid
    # UTF-8 that is not ASCII has a lead byte, 0xC2-0xF4, which reads as one of "Â".."ô"; and a
    # character past cp1252's last (™, U+2122), such as Hangul, cannot be mapped back at all
    if text.isascii() or _LEAD_BYTE.search(text) is None or _BEYOND_CP1252.search(text):
        return None
    try:
        raw = text.translate(_CP1252_BACK).encode("latin-1")
        repaired = raw.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if repaired == text:
        return None
    # garbled more than once: undo every layer
    again = _undo_double_utf8(repaired)
    return again if again is not None else repaired


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _ENCODING_SUPERSETS.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "utf-8" if codec in ("utf-8", "utf-8-sig") else codec


def _try_decode(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        if codec == "cp1252":  # five bytes are undefined in cp1252 but fine in Latin-1
            return body.decode("latin-1")
        return None


def _mostly_hangul(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    return bool(non_ascii) and hangul_count(text) >= 0.6 * len(non_ascii)
