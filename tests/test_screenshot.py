"""The full sample digest, rendered and photographed by headless Chromium (light, dark, phone).

Posters come from a real HTTP server on 127.0.0.1 (SVG drawn here), so the screenshots show the
layout as a reader sees it. Skipped when Chromium is not installed. Set KFILM_SCREENSHOT_DIR to
keep the PNGs for a look (the render helper saved them to /tmp/digest-*.png this way).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from digest_samples import full_digest

from tracker.digest.render import Renderer

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
)
#: Blink's preferredColorScheme: 0 is dark (the enum is kDark, kLight)
DARK_FLAGS = ("--force-dark-mode", "--blink-settings=preferredColorScheme=0")


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _poster_svg(name: str) -> bytes:
    hue = int(hashlib.sha256(name.encode()).hexdigest()[:4], 16) % 360
    title = escape(name.rsplit(".", 1)[0].replace("-", " ").upper())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="300" viewBox="0 0 200 300">'
        '<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="hsl({hue},55%,42%)"/>'
        f'<stop offset="1" stop-color="hsl({(hue + 40) % 360},60%,14%)"/></linearGradient></defs>'
        '<rect width="200" height="300" fill="url(#g)"/>'
        '<circle cx="150" cy="80" r="46" fill="rgba(255,255,255,0.16)"/>'
        f'<text x="16" y="262" fill="#fff" font-family="Georgia,serif" font-size="20" '
        f'font-weight="700">{title}</text></svg>'
    ).encode()


class _PosterHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = _poster_svg(self.path.rsplit("/", 1)[-1])
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def poster_server() -> Iterator[str]:
    """A loopback server drawing a poster for any path; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PosterHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/posters/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def screenshot(
    chromium: str, page: Path, png: Path, *, width: int, height: int, dark: bool = False
) -> None:
    profile = png.parent / f"profile-{png.stem}"
    args = [
        chromium,
        *CHROMIUM_FLAGS,
        *(DARK_FLAGS if dark else ()),
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        f"--window-size={width},{height}",
        page.as_uri(),
    ]
    result = subprocess.run(args, capture_output=True, text=True, timeout=180)
    assert png.exists(), (
        f"chromium wrote no screenshot: {result.returncode} {result.stderr[-2000:]}"
    )


def png_pixel(png: Path, x: int, y: int) -> tuple[int, int, int]:
    """The RGB of one pixel of an 8-bit, non-interlaced RGB(A) PNG (what Chromium writes)."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = 0
    channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and interlace == 0 and color in (2, 6)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    for row in range(y + 1):
        start = row * (stride + 1)
        filter_type, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if filter_type == 1:
                line[i] = (line[i] + a) & 0xFF
            elif filter_type == 2:
                line[i] = (line[i] + b) & 0xFF
            elif filter_type == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif filter_type == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        previous = line
    assert y < height
    r, g, b = previous[x * channels : x * channels + 3]
    return r, g, b


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _chromium()
    if found is None:
        pytest.skip("Chromium is not installed (apt-get install chromium) for digest screenshots")
    return found


def test_screenshots_light_dark_and_phone(chromium: str, tmp_path: Path) -> None:
    with poster_server() as base:
        rendered = Renderer().render(full_digest(image_base=base))
        page = tmp_path / "digest.html"
        page.write_text(rendered.html, encoding="utf-8")
        shots = {
            "desktop": (700, 3400, False),
            "phone": (375, 4400, False),
            "dark": (700, 3400, True),
        }
        for name, (width, height, dark_mode) in shots.items():
            screenshot(
                chromium,
                page,
                tmp_path / f"digest-{name}.png",
                width=width,
                height=height,
                dark=dark_mode,
            )

    for name in shots:
        png = tmp_path / f"digest-{name}.png"
        # a blank page compresses to a few KB; a real digest with posters and text is far more
        assert png.stat().st_size > 60_000, (name, png.stat().st_size)

    # the page background, top left: warm paper in light mode, near black in dark mode
    light = png_pixel(tmp_path / "digest-desktop.png", 4, 4)
    dark = png_pixel(tmp_path / "digest-dark.png", 4, 4)
    assert min(light) > 200, light
    assert max(dark) < 60, dark

    keep = os.environ.get("KFILM_SCREENSHOT_DIR")
    if keep:
        for name in shots:
            shutil.copy(tmp_path / f"digest-{name}.png", Path(keep) / f"digest-{name}.png")
