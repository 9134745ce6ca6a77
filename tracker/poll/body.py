"""Reading a response body within the size cap: the fetch adapter's bounded reader.

Owns ``max_bytes``: a body is refused before a byte is read when its Content-Length is over the
cap, and otherwise counted both as it arrives and after Content-Encoding (gzip, deflate, raw
deflate, concatenated gzip members) is undone, so neither a large body nor a small compression
bomb gets past it.

Must not interpret the body (that is ``tracker.parse``) or ever hold more than the cap plus one
byte of decoded output, however small the compressed input.
"""

from __future__ import annotations

import zlib

import httpx

from tracker.exceptions import FetchError

__all__ = ["read_body"]


class _TooLarge(Exception):
    """Internal: the body went over ``max_bytes``."""


class _BoundedDecoder:
    """Undo Content-Encoding without ever producing more than ``limit`` bytes in total.

    ``zlib``'s ``max_length`` caps each call's output and leaves the rest of the input in
    ``unconsumed_tail``; asking for one byte more than the room left means "over the limit" is
    detected after at most ``limit + 1`` bytes of output, however small the compressed input
    (httpx's own ``aiter_bytes()`` inflates a 51 KB gzip bomb into one 52 MB chunk).
    """

    def __init__(self, content_encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        self._limit = limit
        self._total = 0
        self._done = False
        self._raw_deflate_tried = False
        self._wbits: int | None
        if not codings:
            self._wbits = None
        elif codings in (["gzip"], ["x-gzip"]):
            self._wbits = 16 + zlib.MAX_WBITS
        elif codings == ["deflate"]:
            self._wbits = zlib.MAX_WBITS  # zlib-wrapped, as RFC 9110 says; raw deflate as fallback
        else:
            raise ValueError(content_encoding)
        self._gzip = self._wbits == 16 + zlib.MAX_WBITS
        self._obj = zlib.decompressobj(self._wbits) if self._wbits is not None else None

    @property
    def total(self) -> int:
        return self._total

    def _count(self, size: int) -> None:
        self._total += size
        if self._total > self._limit:
            raise _TooLarge

    def decode(self, data: bytes) -> bytes:
        if self._obj is None:
            self._count(len(data))
            return data
        out: list[bytes] = []
        while data and not self._done:
            try:
                piece = self._obj.decompress(data, self._limit - self._total + 1)
            except zlib.error:
                # Some servers send raw deflate for "deflate"; browsers and httpx accept it.
                if self._gzip or self._total or self._raw_deflate_tried:
                    raise
                self._raw_deflate_tried = True
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._count(len(piece))
            out.append(piece)
            if self._obj.eof:
                data = self._obj.unused_data
                if self._gzip and data[:1] == b"\x1f":
                    # Concatenated gzip members are one valid gzip stream.
                    self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
                else:
                    self._done = True  # trailing bytes after the stream are ignored, like httpx
            else:
                # Output stayed under max_length, so zlib consumed all input: this is b"".
                data = self._obj.unconsumed_tail
        return b"".join(out)


async def read_body(response: httpx.Response, *, url: str, max_bytes: int) -> bytes:
    """The body of ``response`` with Content-Encoding undone; ``FetchError`` when it is over
    ``max_bytes`` (on the wire or decoded), corrupt, or in an encoding we did not ask for."""
    too_large = FetchError(
        f"response body is larger than the limit of {max_bytes} bytes",
        url=url,
        hint="raise `[poll] max_bytes` if this feed really is that big",
    )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large  # refuse before reading a byte
    encoding = response.headers.get("content-encoding", "")
    try:
        decoder = _BoundedDecoder(encoding, max_bytes)
    except ValueError:
        raise FetchError(
            f"unsupported Content-Encoding {encoding!r} (we asked for gzip or deflate)",
            url=url,
        ) from None
    parts: list[bytes] = []
    raw = 0
    try:
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            if raw > max_bytes:
                raise _TooLarge
            parts.append(decoder.decode(chunk))
    except _TooLarge:
        raise too_large from None
    except zlib.error as e:
        raise FetchError(f"corrupt {encoding} body: {e}", url=url) from e
    return b"".join(parts)
