"""The digest as a reader sees it: rendered in headless Chromium at phone and desktop widths
(375 and 640 px), light and dark, and judged on what is visible, not on markup or class names.

Chromium is driven by selenium through Debian's chromedriver (``/usr/bin/chromedriver``, package
chromium-driver), named explicitly so selenium-manager never downloads a browser or a driver.
Posters and stills come from a real HTTP server on 127.0.0.1 that draws PNGs of known shapes.
One browser serves the whole module; each (digest, width, scheme) page is measured once by
``tests/data/page_probe.js`` and every test asserts on those measurements.

The four views of the sample digest are kept as PNGs: in ``$KFILM_SCREENSHOT_DIR`` when set, else
``tests/artifacts/screenshots/``; with ``KFILM_UPDATE_README_SCREENSHOTS=1`` also copied to
``digests/screenshots/`` (the README's pictures). Skipped when Chromium or chromedriver is
missing, unless ``TRACKER_REQUIRE_CHROMIUM=1`` (as in CI): then that is a failure.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from digest_samples import busy_digest, full_digest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from tracker.digest.render import Renderer
from tracker.types import Digest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PROBE = (Path(__file__).parent / "data" / "page_probe.js").read_text(encoding="utf-8")
WIDTHS = (375, 640)
SCHEMES = ("light", "dark")
DIGESTS: dict[str, Callable[[str], Digest]] = {
    "full": lambda base: full_digest(image_base=base),
    "busy": lambda base: busy_digest(image_base=base),
}
#: read once, at import: the suite's autouse fixture clears TRACKER_* variables around each test
REQUIRED = os.environ.get("TRACKER_REQUIRE_CHROMIUM") == "1"
README_SHOTS = REPO / "digests" / "screenshots"
#: the first screen's height; a screenshot is taken of the whole page
SCREEN_HEIGHT = 900
#: Chromium does not capture taller pages in one piece
MAX_SHOT_HEIGHT = 16_384
#: WCAG 2.2, 1.4.3: 4.5:1 for text, 3:1 for large text (24 px, or 18.66 px bold); 1.4.11: 3:1
#: for graphics, which symbol-only text (stars, bullets, separators) is
TEXT_CONTRAST, LARGE_CONTRAST = 4.5, 3.0
#: the image shapes the server draws, by a word in the file's name
SHAPES = {"still": (320, 180), "poster": (200, 300)}
#: how far a rendered image's proportions may be from its own (rounding of a few pixels)
ASPECT_TOLERANCE = 0.03


def _missing() -> str | None:
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (path.is_file() and os.access(path, os.X_OK)):
            return f"{path} is missing (apt-get install {package}) for the digest's browser tests"
    return None


# -- the images --------------------------------------------------------------------------------


def png(width: int, height: int, seed: str) -> bytes:
    """An RGB PNG of the given size: a vertical gradient in a hue drawn from ``seed``."""
    hue = hashlib.sha256(seed.encode()).digest()
    rows = bytearray()
    for y in range(height):
        shade = 1 - y / height / 1.5
        pixel = bytes(int(c * shade) for c in hue[:3])
        rows += b"\x00" + pixel * width  # filter type 0 (none), then the row's pixels

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, not interlaced
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def shape_of(url: str) -> str:
    """``still`` (16:9) for a name with "still" in it, else ``poster`` (2:3)."""
    return "still" if "still" in url.rsplit("/", 1)[-1] else "poster"


class _ImageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = png(*SHAPES[shape_of(self.path)], seed=self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def image_base() -> Iterator[str]:
    """A loopback server drawing an image for any path; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ImageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/images/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# -- colours (WCAG 2.2 definitions) ------------------------------------------------------------

RGBA = tuple[float, float, float, float]
_COLOUR = re.compile(r"rgba?\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\s*\)")


def parse_colour(css: str) -> RGBA:
    """``rgb(1, 2, 3)`` or ``rgba(1, 2, 3, 0.5)``, as Chromium computes colours."""
    found = _COLOUR.fullmatch(css.strip())
    assert found, f"a computed colour this test cannot read: {css!r}"
    r, g, b, a = found.groups()
    return float(r), float(g), float(b), float(a) if a is not None else 1.0


def over(top: RGBA, bottom: RGBA) -> RGBA:
    """``top`` painted over an opaque ``bottom`` (source-over)."""
    a = top[3]
    r, g, b = (t * a + u * (1 - a) for t, u in zip(top[:3], bottom[:3], strict=True))
    return r, g, b, 1.0


def backdrop(backgrounds: list[str]) -> RGBA:
    """The colour behind an element: its backgrounds, nearest first, composited down to the
    first opaque one (the probe always ends the list with one)."""
    colours = [parse_colour(c) for c in backgrounds]
    result = colours[-1]
    for colour in reversed(colours[:-1]):
        result = over(colour, result)
    return result


def luminance(colour: RGBA) -> float:
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGBA, b: RGBA) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hex_colour(colour: RGBA) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in colour[:3])


def legibility_problem(style: dict[str, Any], text: str) -> str | None:
    """Why a run of text is hard to read against what is behind it, or None."""
    behind = backdrop(style["backgrounds"])
    ink = over(parse_colour(style["colour"]), behind)
    ratio = contrast(ink, behind)
    large = style["size"] >= 24 or (style["size"] >= 18.66 and style["weight"] >= 700)
    # no letter and no digit: stars, bullets, separators (½ is numeric but not a digit)
    graphic = not any(ch.isalpha() or ch.isdecimal() for ch in text)
    need = LARGE_CONTRAST if large or graphic else TEXT_CONTRAST
    if ratio >= need:
        return None
    return (
        f"{ratio:.2f} < {need}: {text[:60]!r} ({hex_colour(ink)} on {hex_colour(behind)}, "
        f"{style['size']:g}px/{style['weight']})"
    )


# -- the browser -------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """One digest as Chromium showed it at one width in one colour scheme."""

    digest: Digest
    width: int
    scheme: str
    page: dict[str, Any]
    screenshot: Path | None


def screenshot_dir() -> Path:
    kept = os.environ.get("KFILM_SCREENSHOT_DIR")
    return Path(kept) if kept else REPO / "tests" / "artifacts" / "screenshots"


class Browser:
    """Loads a rendered digest at a width and a colour scheme, measures it once, keeps it."""

    def __init__(self, driver: webdriver.Chrome, image_base: str, folder: Path) -> None:
        self.driver = driver
        self.image_base = image_base
        self.folder = folder
        self.views: dict[tuple[str, int, str], View] = {}
        self.pages: dict[str, tuple[Digest, Path]] = {}

    def view(self, name: str, width: int, scheme: str) -> View:
        key = (name, width, scheme)
        if key not in self.views:
            self.views[key] = self._measure(name, width, scheme)
        return self.views[key]

    def _emulate(self, width: int, height: int, scheme: str) -> None:
        # a phone is a mobile viewport: it honours the viewport meta, as a phone's mail app does
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500},
        )
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )

    def _page(self, name: str) -> tuple[Digest, Path]:
        """The sample digest and its rendered HTML in a file, made once."""
        if name not in self.pages:
            digest = DIGESTS[name](self.image_base)
            html = self.folder / f"{name}.html"
            html.write_text(Renderer().render(digest).html, encoding="utf-8")
            self.pages[name] = digest, html
        return self.pages[name]

    def _measure(self, name: str, width: int, scheme: str) -> View:
        digest, html = self._page(name)
        self._emulate(width, SCREEN_HEIGHT, scheme)
        self.driver.get(html.as_uri())  # returns after the load event: the images are in
        page: dict[str, Any] = self.driver.execute_script(PROBE, [f.title for f in digest.films])
        shot = self._screenshot(width, scheme, page) if name == "full" else None
        return View(digest, width, scheme, page, shot)

    def _screenshot(self, width: int, scheme: str, page: dict[str, Any]) -> Path:
        """The whole page as one PNG: the viewport made as tall as the page, then captured."""
        self._emulate(width, min(page["scrollHeight"], MAX_SHOT_HEIGHT), scheme)
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        self._emulate(width, SCREEN_HEIGHT, scheme)
        target = screenshot_dir() / f"digest-{width}-{scheme}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(shot["data"]))
        if os.environ.get("KFILM_UPDATE_README_SCREENSHOTS") == "1":
            README_SHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(target, README_SHOTS / target.name)
        return target


@pytest.fixture(scope="module")
def browser(image_base: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    missing = _missing()
    if missing:
        if REQUIRED:
            pytest.fail(f"TRACKER_REQUIRE_CHROMIUM=1 but {missing}")
        pytest.skip(missing)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",  # a scrollbar would take width from the page
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--mute-audio",
    ):
        options.add_argument(flag)
    # an explicit driver path: selenium-manager is never asked to find or download anything
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield Browser(driver, image_base, tmp_path_factory.mktemp("digest-pages"))
    finally:
        driver.quit()


ALL_VIEWS = [
    pytest.param(name, width, scheme, id=f"{name}-{width}-{scheme}")
    for name in DIGESTS
    for width in WIDTHS
    for scheme in SCHEMES
]


# -- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DIGESTS))
def test_the_page_declares_its_colour_schemes_and_viewport(browser: Browser, name: str) -> None:
    page = browser.view(name, 640, "light").page
    assert page["colorScheme"] and "dark" in page["colorScheme"].split(), page["colorScheme"]
    assert page["viewport"] and "width=device-width" in page["viewport"].replace(" ", "")


@pytest.mark.parametrize(("name", "width", "scheme"), ALL_VIEWS)
def test_nothing_runs_off_the_side(browser: Browser, name: str, width: int, scheme: str) -> None:
    page = browser.view(name, width, scheme).page
    # a layout viewport wider than the screen means the page asked for it (no viewport meta)
    assert page["innerWidth"] == width, (
        f"the page is laid out {page['innerWidth']} px wide on a {width} px screen "
        "(a missing or ignored viewport meta)"
    )
    assert page["scrollWidth"] <= width, (
        f"the page is {page['scrollWidth']} px wide on a {width} px screen: "
        "the reader scrolls sideways"
    )


@pytest.mark.parametrize(("name", "width", "scheme"), ALL_VIEWS)
def test_every_film_is_named_on_screen(
    browser: Browser, name: str, width: int, scheme: str
) -> None:
    view = browser.view(name, width, scheme)
    problems = []
    for film in view.digest.films:
        shown = [t for t in view.page["filmTitles"][film.title] if t["visible"]]
        if not shown:
            problems.append(f"{film.title!r}: not shown")
        elif not any(t["box"]["left"] >= -0.5 and t["box"]["right"] <= width + 0.5 for t in shown):
            problems.append(f"{film.title!r}: cut off at the side {shown[0]['box']}")
    assert not problems, f"{len(problems)} of {len(view.digest.films)} films: {problems}"


@pytest.mark.parametrize(("name", "width", "scheme"), ALL_VIEWS)
def test_text_is_legible(browser: Browser, name: str, width: int, scheme: str) -> None:
    view = browser.view(name, width, scheme)
    problems = [
        f"film title {title}: {problem}"
        for title, found in view.page["filmTitles"].items()
        for t in found
        if t["visible"] and (problem := legibility_problem(t, title))
    ]
    problems += [
        f"<{t['tag']}> {problem}"
        for t in view.page["texts"]
        if (problem := legibility_problem(t, t["text"]))
    ]
    assert view.page["texts"], "no visible text at all"
    assert not problems, (
        f"{len(problems)} of {len(view.page['texts'])} texts are too faint "
        f"(WCAG contrast):\n" + "\n".join(problems[:40])
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(DIGESTS))
def test_dark_mode_is_dark(browser: Browser, name: str, width: int) -> None:
    page = browser.view(name, width, "dark").page
    assert page["edge"], "nothing at the left edge of the page"
    for point in page["edge"]:
        behind = backdrop(point["backgrounds"])
        assert luminance(behind) < 0.2, (
            f"dark mode, {hex_colour(behind)} at the left edge, {point['y']} px down "
            f"(relative luminance {luminance(behind):.2f})"
        )


@pytest.mark.parametrize(("name", "width", "scheme"), ALL_VIEWS)
def test_images_keep_their_shape_and_say_what_they_show(
    browser: Browser, name: str, width: int, scheme: str
) -> None:
    images = browser.view(name, width, scheme).page["images"]
    problems = []
    shown: set[str] = set()
    for image in images:
        src = image["src"]
        if not (image["alt"] or "").strip():
            problems.append(f"{src}: no alt text")
        if not (image["complete"] and image["naturalWidth"]):
            problems.append(f"{src}: did not load")
            continue
        if not image["visible"]:
            continue
        shown.add(shape_of(src))
        box = image["box"]
        drawn = box["width"] / box["height"]
        own = image["naturalWidth"] / image["naturalHeight"]
        if abs(drawn / own - 1) > ASPECT_TOLERANCE:
            problems.append(
                f"{src}: a {image['naturalWidth']}x{image['naturalHeight']} image drawn "
                f"{box['width']:g}x{box['height']:g} (stretched {drawn / own:.2f}x)"
            )
    assert not problems, "\n".join(problems)
    # the shapes the sample digests hold, so this test cannot pass on a page with no pictures
    expected = {"full": {"poster"}, "busy": {"poster", "still"}}[name]
    if width >= 640:
        assert expected <= shown, f"images shown: {shown or 'none'}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_are_kept(browser: Browser, width: int, scheme: str) -> None:
    view = browser.view("full", width, scheme)
    assert view.screenshot is not None
    data = view.screenshot.read_bytes()
    assert png_size(data) == (width, min(view.page["scrollHeight"], MAX_SHOT_HEIGHT))
    # a blank page compresses to a few KB; a digest with pictures and text is far more
    assert len(data) > 40_000, len(data)
    if os.environ.get("KFILM_UPDATE_README_SCREENSHOTS") == "1":
        assert (README_SHOTS / view.screenshot.name).read_bytes() == data
