"""The storage adapter package: ``Storage`` (SQLite or PostgreSQL through SQLAlchemy Core).

Owns the database: tables (``schema``), connections and migrations (``engine``, ``migrations/``)
and every query (``store``). Must not import other adapters or the orchestration layers.
"""

from __future__ import annotations

from tracker.storage.store import Storage

__all__ = ["Storage"]
