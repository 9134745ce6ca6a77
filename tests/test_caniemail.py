"""The digest's HTML against caniemail's data: every feature a mail client lacks is a known,
harmless degradation (the allowlist below, each with why), and Gmail on the web, iOS and Android
lacks nothing the digest uses.

Runs ``../shared/tools/caniemail_lint.js`` with node on the rendered sample digests, from the
folder named by ``$KFILM_DOIUSE_DIR``, where ``npm install @jsx-email/doiuse-email@1.0.4`` was
run (the tool resolves the package from its working folder). Skipped with the reason when node,
that package or the tool is missing, unless ``TRACKER_REQUIRE_CANIEMAIL=1`` (as in CI): then that
is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from digest_samples import busy_digest, empty_digest, full_digest

from tracker.digest.render import Renderer
from tracker.types import Digest

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO.parent / "shared" / "tools" / "caniemail_lint.js"
PACKAGE = "@jsx-email/doiuse-email"
#: read once, at import: the suite's autouse fixture clears TRACKER_* variables around each test
REQUIRED = os.environ.get("TRACKER_REQUIRE_CANIEMAIL") == "1"
DIGESTS: dict[str, Callable[[], Digest]] = {
    "full": full_digest,
    "busy": busy_digest,
    "empty": empty_digest,
}
#: the Gmail apps most readers use; the tool's last line counts its reports for these
GMAIL = {"gmail.desktop-webmail", "gmail.ios", "gmail.android"}

#: What a client may lack, and why the digest still reads well there. Short on purpose: a
#: feature that changes what a reader sees in a major client belongs out of the template.
ALLOWED: dict[str, tuple[frozenset[str], str]] = {
    "border-radius": (
        frozenset({"outlook.windows", "outlook.windows-mail"}),
        "square corners on cards and badges; nothing else changes",
    ),
    "@media": (
        frozenset({"outlook.windows", "outlook.windows-mail", "gmail.mobile-webmail"}),
        "no dark-mode or phone rules: the light layout shows, and it is fluid without them",
    ),
    "<body> element": (
        frozenset({"outlook.macos", "outlook.ios", "outlook.android"}),
        "these clients drop <body> and its styles; the outer table carries the page colour too",
    ),
    "role attribute": (
        frozenset({"outlook.windows-mail"}),
        "role=presentation dropped: a screen reader may name the layout tables; nothing on screen",
    ),
    "word-break": (
        frozenset({"outlook.windows-mail"}),
        "Korean may wrap between syllables inside a word, as Korean plain text can anyway",
    ),
    "display:none": (
        frozenset({"gmail.mobile-webmail"}),
        "the inbox preview line (preheader) also shows at the top of the message",
    ),
    # Gmail's basic mobile web client reads no <style> at all: the few rules a reader needs
    # (font, card and title colours, poster sizes) are inlined into style="" for it
    **{
        selector: (
            frozenset({"gmail.mobile-webmail"}),
            "no <style> in this client: it gets the inlined essentials, without dark mode",
        )
        for selector in ("Class selector", "Type selector", "Descendant combinator")
    },
}
assert not any(clients & GMAIL for clients, _ in ALLOWED.values()), "Gmail must lack nothing"

_REPORT = re.compile(r"`(?P<feature>[^`]+)` is not supported by `(?P<client>[^`]+)`")
_SUMMARY = re.compile(r"errors (\d+) distinct-features (\d+) gmail (\d+)")


def _runner() -> tuple[str, Path] | str:
    """The node and package folder to run the tool with, or why it cannot run."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed, for the caniemail check of the digest"
    if not TOOL.is_file():
        return f"{TOOL} is missing (the shared tools beside the checkout)"
    folder = os.environ.get("KFILM_DOIUSE_DIR")
    if not folder:
        return f"KFILM_DOIUSE_DIR is not set (a folder where `npm install {PACKAGE}@1.0.4` ran)"
    if not (Path(folder) / "node_modules" / PACKAGE / "package.json").is_file():
        return f"{PACKAGE} is not installed in KFILM_DOIUSE_DIR={folder}"
    return Path(node).name, Path(folder)


@pytest.fixture(scope="module")
def lint(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str], tuple[str, list[tuple[str, str]]]]:
    """Runs the tool on one sample digest: its full report and the (feature, client) pairs."""
    found = _runner()
    if isinstance(found, str):
        if REQUIRED:
            pytest.fail(f"TRACKER_REQUIRE_CANIEMAIL=1 but {found}")
        pytest.skip(found)
    node, folder = found
    pages = tmp_path_factory.mktemp("caniemail")
    reports: dict[str, tuple[str, list[tuple[str, str]]]] = {}

    def run(name: str) -> tuple[str, list[tuple[str, str]]]:
        if name not in reports:
            reports[name] = lint_one(name)
        return reports[name]

    def lint_one(name: str) -> tuple[str, list[tuple[str, str]]]:
        page = pages / f"{name}.html"
        page.write_text(Renderer().render(DIGESTS[name]()).html, encoding="utf-8")
        done = subprocess.run(
            [node, str(TOOL), str(page)],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        report = done.stdout
        assert done.returncode == 0, f"{TOOL.name} failed: {done.stderr}\n{report}"
        *lines, last = report.strip().splitlines()
        summary = _SUMMARY.fullmatch(last)
        assert summary, f"the tool's last line is not its summary:\n{report}"
        pairs = []
        for line in lines:
            read = _REPORT.fullmatch(line)
            assert read, f"a line this test cannot read: {line!r}\n{report}"
            pairs.append((read["feature"], read["client"]))
        # the tool's own counts agree with what was read, so nothing was skipped
        assert len(pairs) == int(summary[1]), report
        assert sum(client in GMAIL for _, client in pairs) == int(summary[3]), report
        return report, pairs

    return run


@pytest.mark.parametrize("name", list(DIGESTS))
def test_every_unsupported_feature_is_a_known_harmless_one(
    lint: Callable[[str], tuple[str, list[tuple[str, str]]]], name: str
) -> None:
    report, pairs = lint(name)
    unexpected = sorted(
        {
            f"{feature} in {client}"
            for feature, client in pairs
            if client not in ALLOWED.get(feature, (frozenset(), ""))[0]
        }
    )
    assert not unexpected, (
        f"not in the allowlist of graceful degradations: {unexpected}\nthe full report:\n{report}"
    )


@pytest.mark.parametrize("name", list(DIGESTS))
def test_gmail_lacks_nothing_the_digest_uses(
    lint: Callable[[str], tuple[str, list[tuple[str, str]]]], name: str
) -> None:
    report, pairs = lint(name)
    gmail = sorted({f"{feature} in {client}" for feature, client in pairs if client in GMAIL})
    assert not gmail, f"Gmail does not support: {gmail}\nthe full report:\n{report}"
