"""A database URL of each backend for tests that run whole trackers (and whole processes) on
both: a SQLite file in a temporary folder, or a fresh schema in the PostgreSQL of
``TRACKER_TEST_POSTGRES_URL`` (shared with other test runs: each test gets its own schema through
``search_path``, dropped afterwards). Use ``BACKENDS`` to parametrize a fixture::

    @pytest.fixture(params=BACKENDS)
    def db_url(request, tmp_path):
        with database_url(request.param, tmp_path) as url:
            yield url
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from tracker.storage.engine import create_engine, parse_url

PG_ENV = "TRACKER_TEST_POSTGRES_URL"

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def database_url(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{(folder / 'tracker.db').as_posix()}"
        return
    with postgres_schema("test_ledger", "to run the PostgreSQL variant") as url:
        yield url


@contextmanager
def postgres_schema(prefix: str, why: str) -> Iterator[str]:
    """A fresh schema of the test database (dropped afterwards), its URL as processes get it;
    skips, saying ``why`` it would run, when ``TRACKER_TEST_POSTGRES_URL`` is unset."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"set {PG_ENV} {why}")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(parse_url(base))
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = parse_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
