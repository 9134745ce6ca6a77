"""``tracker demo``: the whole job on embedded defaults, in seconds, with no network and no config.

Owns the demo's scaffolding: a loopback HTTP server serving the bundled sample feeds, a real SMTP
server (aiosmtpd) on loopback, a temporary SQLite database, and writing what the SMTP server
received to ``DIR/digest.eml``, ``DIR/digest.html`` and ``DIR/digest.txt``. Must not reach past
127.0.0.1 or leave anything running: both servers stop and the temporary files go when it ends.
It uses the real pipeline through ``app``; nothing here is a shortcut the daemon does not take.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import hashlib
import shutil
import socket
import tempfile
import threading
import tomllib
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tracker.app import make_tracker
from tracker.config.schema import load_config
from tracker.deliver.ledger import Outcome
from tracker.digest import window
from tracker.exceptions import TrackerError
from tracker.resources import package_data_dir
from tracker.types import Digest, PollSummary

HOST = "127.0.0.1"
RECIPIENT = "you@example.com"
SENDER = "kfilm-tracker demo <demo@kfilm-tracker.localhost>"


def demo_feeds_dir() -> Path:
    return package_data_dir() / "demo"


# -- a feed server -------------------------------------------------------------------------------


class _FeedHandler(BaseHTTPRequestHandler):
    server: _FeedServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        body = self.server.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


class _FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__((HOST, 0), _FeedHandler)
        self.files = files


class FeedServer:
    """The bundled sample feeds on http://127.0.0.1:PORT/<name>.xml, in a background thread."""

    def __init__(self, folder: Path) -> None:
        files = {f"/{p.name}": p.read_bytes() for p in sorted(folder.glob("*.xml"))}
        self._server = _FeedServer(files)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/{name}"

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


# -- a mail server -------------------------------------------------------------------------------


@dataclass
class _Inbox:
    messages: list[bytes] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content or b""
        self.messages.append(content if isinstance(content, bytes) else content.encode())
        return "250 OK: queued by the kfilm-tracker demo inbox"


class _Controller(Controller):
    # Controller(port=0) cannot check that it is up, so bind the socket first and read its port.
    def _create_server(self) -> Any:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((HOST, 0))
        self.port = sock.getsockname()[1]
        return self.loop.create_server(self._factory_invoker, sock=sock)

    def factory(self) -> SMTP:
        return SMTP(self.handler, loop=self.loop, **self.SMTP_kwargs)


class SmtpInbox:
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""

    def __init__(self) -> None:
        self.inbox = _Inbox()
        self._controller = _Controller(
            self.inbox, hostname=HOST, port=0, server_hostname="inbox.kfilm-tracker.localhost"
        )

    @property
    def port(self) -> int:
        return int(self._controller.port)

    def __enter__(self) -> SmtpInbox:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()


# -- the demo ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoResult:
    out_dir: Path
    poll: PollSummary
    digest: Digest
    outcomes: list[Outcome]
    subject: str
    eml: Path
    html: Path
    text: Path
    smtp_port: int
    #: the web archive: this week's page, index.html, feed.xml, releases.ics
    archive: Path | None = None

    def summary(self) -> str:
        c = self.digest.counts
        sent = ", ".join(f"{o.recipient}: {o.describe()}" for o in self.outcomes)
        return "\n".join(
            [
                f"polled {self.poll.polled} sample feeds on {HOST}: {self.poll.new} entries stored"
                f" ({self.poll.failed} failed)",
                f"digest {self.digest.week}: {c.films} films, {c.reviews} reviews, "
                f"{c.releases} releases, {c.news} news, from {c.sources} sources",
                f"sent over SMTP to {HOST}:{self.smtp_port}: {sent}",
                f"subject: {self.subject}",
                "",
                f"  {self.html}   <- open this in a browser",
                f"  {self.text}",
                f"  {self.eml}    (the message exactly as the SMTP server received it)",
                *(
                    [f"  {self.archive}/  (the web archive: index.html, feed.xml, releases.ics)"]
                    if self.archive
                    else []
                ),
                "",
                "next: tracker init, edit tracker.toml, then tracker poll / tracker run",
            ]
        )


def demo_config_text(feeds: FeedServer, smtp_port: int, workdir: Path) -> str:
    """A config like a user's: the sample feeds as [[feeds]] with the catalog's hints."""
    listing = tomllib.loads((demo_feeds_dir() / "feeds.toml").read_text(encoding="utf-8"))
    probe = make_tracker(load_config(""))
    catalog = {spec.url: spec for c in probe.catalog.values() for spec in c.feeds}
    lines = [
        "[database]",
        f'url = "sqlite:///{(workdir / "demo.db").as_posix()}"',
        "[tracker]",
        'timezone = "Asia/Seoul"',
        "collections = []",
        f'state_dir = "{workdir.as_posix()}"',
        "[poll]",
        "allow_private_networks = true",
        "[digest]",
        f'recipients = ["{RECIPIENT}"]',
        f'sender = "{SENDER}"',
        # every sample entry is new to this fresh database: show them all, not just last week's
        'backfill = "3650d"',
        "[smtp]",
        f'host = "{HOST}"',
        f"port = {smtp_port}",
        'security = "none"',
        "timeout = 10",
    ]
    for item in listing["feeds"]:
        spec = catalog.get(item["imitates"])
        title = str(item.get("title") or (spec.title if spec and spec.title else item["file"]))
        kind = item.get("kind") or (spec.kind.value if spec else "mixed")
        korean_only = item.get("korean_only", spec.korean_only if spec else False)
        lines += [
            "[[feeds]]",
            f'url = "{feeds.url(item["file"])}"',
            f"title = {tomllib_string(title)}",
            f'kind = "{kind}"',
            f"korean_only = {'true' if korean_only else 'false'}",
        ]
    return "\n".join(lines) + "\n"


def tomllib_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _parts(raw: bytes) -> tuple[EmailMessage, str, str]:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    html = message.get_body(("html",))
    text = message.get_body(("plain",))
    if html is None or text is None:
        raise TrackerError("the demo's SMTP server received a message without both parts")
    # SMTP lines end in CRLF; the .eml keeps them (it is the message as received), the .html and
    # .txt are files for a browser and an editor on this machine, so they get plain newlines.
    return message, _lf(str(html.get_content())), _lf(str(text.get_content()))


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def _copy_archive(source: Path, target: Path) -> Path | None:
    """The demo's archive lives in a temporary state folder: keep a copy beside the digest
    (replacing the previous run's, so it holds this run's weeks only)."""
    if not source.is_dir():
        return None
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


def run_demo(out_dir: Path) -> DemoResult:
    """Serve, poll, build, render, send over SMTP, and write what was received to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="kfilm-demo-"))
    try:
        with FeedServer(demo_feeds_dir()) as feeds, SmtpInbox() as smtp:
            config = load_config(
                demo_config_text(feeds, smtp.port, workdir), source="the demo config"
            )
            with make_tracker(config) as tracker:
                results = asyncio.run(tracker.poll())
                week = window.week_of(tracker.clock(), tracker.timezone)
                built = tracker.build_digest(week)
                outcomes = asyncio.run(tracker.send_digest(week, built=built))
                archive = _copy_archive(tracker.archive_dir, out_dir / "archive")
            if not smtp.inbox.messages:
                detail = "; ".join(o.describe() for o in outcomes) or "nothing was sent"
                raise TrackerError(f"the demo digest did not arrive: {detail}")
            raw = smtp.inbox.messages[-1]
        message, html, text = _parts(raw)
        eml, html_path, text_path = (out_dir / f"digest.{x}" for x in ("eml", "html", "txt"))
        eml.write_bytes(raw)
        html_path.write_text(html, encoding="utf-8")
        text_path.write_text(text, encoding="utf-8")
        return DemoResult(
            out_dir=out_dir,
            poll=PollSummary.of(results),
            digest=built,
            outcomes=outcomes,
            subject=str(message["Subject"]),
            eml=eml,
            html=html_path,
            text=text_path,
            smtp_port=smtp.port,
            archive=archive,
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
