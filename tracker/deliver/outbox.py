"""The file outbox: digests written into a folder instead of sent (no ``[smtp]`` section, or
``tracker demo``).

Owns the file names (``<week>-<recipient>.eml`` and ``.html``) and atomic writes, so a reader (or
a crash) never sees half a digest. Must not build or send messages by SMTP.
"""

from __future__ import annotations

import asyncio
import email.policy
import email.utils
import os
import re
import tempfile
from email.message import EmailMessage
from pathlib import Path

from tracker.deliver.progress import Progress, Step, no_progress
from tracker.exceptions import DeliveryError

_WEEK_IN_ID = re.compile(r"^<(\d{4}-W\d{2})\.")
_UNSAFE = re.compile(r"[^A-Za-z0-9@._+-]+")


class OutboxSender:
    """Writes each message into a folder instead of sending it: ``<week>-<recipient>.eml`` (the
    whole message, openable by any mail client) and ``.html`` (its HTML part, for a browser).

    Each file is written to a temporary name and renamed into place, so a reader (or a crash)
    never sees half a digest. Sending the same week to the same recipient again replaces it.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __repr__(self) -> str:
        return f"OutboxSender(folder={str(self.folder)!r})"

    def paths_for(self, message: EmailMessage) -> tuple[Path, Path]:
        """The ``.eml`` and ``.html`` paths ``send`` writes for ``message``."""
        stem = f"{_week_of(message)}-{_recipient_of(message)}"
        return self.folder / f"{stem}.eml", self.folder / f"{stem}.html"

    async def send(self, message: EmailMessage, *, progress: Progress = no_progress) -> str:
        """Write the message; return the path of the ``.eml`` file. ``progress`` hears the
        same steps an SMTP send reports (``DATA`` before the first file is written)."""
        eml, html_path = self.paths_for(message)
        data = message.as_bytes(policy=email.policy.SMTP)
        html_part = message.get_body(preferencelist=("html",))
        html = html_part.get_content() if html_part is not None else None
        progress(Step.CONNECT)
        progress(Step.DATA)
        try:
            await asyncio.to_thread(self._write, eml, data, html_path, html)
        except OSError as e:
            # the .eml is written last and atomically: without it nothing was delivered
            progress(Step.REFUSED)
            raise DeliveryError(
                f"could not write the digest to the outbox {self.folder}: {_describe(e)}",
                temporary=False,
                hint="check [tracker] state_dir and that the folder is writable",
            ) from e
        progress(Step.ACCEPTED)
        return str(eml)

    def _write(self, eml: Path, data: bytes, html_path: Path, html: str | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if html is not None:
            _atomic_write(html_path, html.encode("utf-8"))
        # The .eml last: its presence means the digest is complete.
        _atomic_write(eml, data)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _week_of(message: EmailMessage) -> str:
    """The ISO week in the Message-ID (``message_id_for``), else the week of the Date header."""
    match = _WEEK_IN_ID.match(str(message.get("Message-ID", "")).strip())
    if match:
        return match.group(1)
    date = message.get("Date")
    if date is not None:
        try:
            year, week, _ = email.utils.parsedate_to_datetime(str(date)).isocalendar()
        except (TypeError, ValueError):
            pass
        else:
            return f"{year}-W{week:02d}"
    return "undated"


def _recipient_of(message: EmailMessage) -> str:
    """The first To address, reduced to characters safe in a file name on every system."""
    addresses = email.utils.getaddresses([str(v) for v in message.get_all("To", [])])
    address = next((addr for _, addr in addresses if addr), "")
    safe = _UNSAFE.sub("_", address).strip("._")[:100]
    return safe or "unknown"


def _describe(error: OSError) -> str:
    return (error.strerror or str(error)).strip() or type(error).__name__
