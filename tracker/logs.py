"""Logging for the daemon: plain lines for a terminal or journald, or one JSON object per line.

Owns the log format only. Must not log anything itself, and never formats secrets: callers pass
messages that hold none.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from tracker.exceptions import TrackerError

LEVELS = ("debug", "info", "warning", "error")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            doc["exception"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False)


def setup(level: str, *, json_lines: bool = False) -> None:
    if level.lower() not in LEVELS:
        raise TrackerError(f"--log-level {level!r} is not one of {', '.join(LEVELS)}")
    handler = logging.StreamHandler(sys.stderr)
    if json_lines:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request at info: one line per feed per minute is noise in a daemon
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # "Context impl SQLiteImpl" and "Will assume transactional DDL" at every start: noise
    logging.getLogger("alembic").setLevel(logging.WARNING)
