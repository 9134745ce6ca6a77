"""The storage contract: one suite, run against SQLite and PostgreSQL.

``db_url`` is parametrized over both backends: SQLite in a temporary folder, and PostgreSQL from
``TRACKER_TEST_POSTGRES_URL`` in a fresh schema per test (the database is shared with other test
runs, so each test gets its own ``search_path`` and drops its schema afterwards).
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from storage_fixtures import T0, entry, failure, success

from tracker.exceptions import StorageError
from tracker.storage.engine import (
    HEAD,
    alembic_config,
    create_engine,
    current_revision,
    mask,
    parse_url,
)
from tracker.storage.schema import metadata
from tracker.storage.sql import SqlStorage as Storage
from tracker.types import FeedKind, FeedSpec, Kind, Understood

A = "https://a.example/feed"
B = "https://b.example/rss"
C = "https://c.example/atom"
KST = timezone(timedelta(hours=9))


PG_ENV = "TRACKER_TEST_POSTGRES_URL"
PG_SKIP = "set TRACKER_TEST_POSTGRES_URL to run the PostgreSQL contract tests"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        # a folder that does not exist yet: open() must create it
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'state' / 'tracker.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    schema = f"test_storage_{uuid.uuid4().hex[:12]}"
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


@pytest.fixture
def storage(db_url: str) -> Iterator[Storage]:
    with Storage.open(db_url) as opened:
        yield opened


@pytest.fixture
def raw(db_url: str) -> Iterator[sa.Engine]:
    """A plain engine on the same database, to look at columns the API does not return."""
    engine = create_engine(parse_url(db_url))
    yield engine
    engine.dispose()


def specs(*urls: str) -> list[FeedSpec]:
    return [FeedSpec(url) for url in urls]


# -- opening and migrating ------------------------------------------------------------------


def test_migrations_are_idempotent(db_url: str) -> None:
    with Storage.open(db_url) as first:
        first.sync_feeds(specs(A), now=T0)
    with Storage.open(db_url) as second:
        assert [f.url for f in second.get_feeds_for_update(now=T0)] == [A]
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head == HEAD
    engine = create_engine(parse_url(db_url))
    try:
        assert current_revision(engine) == head
    finally:
        engine.dispose()


def test_migrated_database_matches_schema_py(storage: Storage, raw: sa.Engine) -> None:
    with raw.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_open_without_migrate_does_not_create_tables(db_url: str, raw: sa.Engine) -> None:
    with Storage.open(db_url, migrate=False):
        pass
    assert sa.inspect(raw).get_table_names() == []


# -- feeds ----------------------------------------------------------------------------------


def test_sync_feeds_follows_and_unfollows(storage: Storage) -> None:
    storage.sync_feeds(
        [FeedSpec(A, title="A film blog", kind=FeedKind.REVIEW), FeedSpec(B)], now=T0
    )
    storage.store_update(success(B), [entry("b1", feed=B)])

    storage.sync_feeds(specs(A, C), now=T0 + timedelta(days=1))

    assert [f.url for f in storage.get_feeds_for_update(now=T0)] == [A, C]
    statuses = {s.url: s for s in storage.feed_statuses()}
    assert statuses[B].followed is False
    assert statuses[B].entries == 1  # unfollowing keeps the rows
    assert statuses[A].title is None  # the config is the source of truth: title dropped
    assert storage.counts() == {"feeds": 2, "entries": 0, "failing": 0}

    storage.sync_feeds([FeedSpec(A, title="Renamed"), FeedSpec(B)], now=T0 + timedelta(days=2))
    feeds = {f.url: f for f in storage.get_feeds_for_update(now=T0)}
    assert set(feeds) == {A, B}
    assert feeds[A].title == "Renamed"
    assert feeds[B].polled_before is True  # its state came back with it
    assert storage.counts()["entries"] == 1


def test_config_title_wins_over_document_title(storage: Storage) -> None:
    storage.sync_feeds([FeedSpec(A, title="Configured"), FeedSpec(B)], now=T0)
    storage.store_update(success(A, title="From the document"), [])
    storage.store_update(success(B, title="B's own title"), [])
    feeds = {f.url: f.title for f in storage.get_feeds_for_update(now=T0)}
    assert feeds == {A: "Configured", B: "B's own title"}
    # a 304 carries no title: keep the one we had
    storage.store_update(success(B, http_status=304, at=T0 + timedelta(hours=1)), [])
    assert {s.url: s.title for s in storage.feed_statuses()}[B] == "B's own title"


def test_due_selection(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B, C), now=T0)
    storage.store_update(success(A, next_in=timedelta(hours=1)), [])
    storage.store_update(success(B, next_in=timedelta(hours=3)), [])

    def due(at: datetime, urls: list[str] | None = None) -> list[str]:
        return [f.url for f in storage.get_feeds_for_update(now=at, due_only=True, urls=urls)]

    assert due(T0) == [C]  # never polled: due at once
    assert due(T0 + timedelta(hours=1)) == [A, C]  # next_poll_at <= now
    assert due(T0 + timedelta(hours=5)) == [A, B, C]
    assert due(T0 + timedelta(hours=5), urls=[B]) == [B]
    assert [f.url for f in storage.get_feeds_for_update(now=T0)] == [A, B, C]
    assert [f.url for f in storage.get_feeds_for_update(now=T0, urls=[C, A])] == [A, C]


# -- entries --------------------------------------------------------------------------------


def test_store_new_modified_and_unchanged_entries(storage: Storage, raw: sa.Engine) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A), [entry("e1"), entry("e2"), entry("e3")])
    assert storage.get_entries_for_update(A) == {"e1": "hash-e1", "e2": "hash-e2", "e3": "hash-e3"}
    before = {e.identity: e for e in storage.list_entries()}

    later = T0 + timedelta(hours=2)
    modified = entry("e2", title="Edited", content_hash="hash-e2-v2", first_seen=later, new=False)
    storage.store_update(success(A, at=later), [modified, entry("e4", first_seen=later)])

    assert storage.get_entries_for_update(A) == {
        "e1": "hash-e1",
        "e2": "hash-e2-v2",
        "e3": "hash-e3",
        "e4": "hash-e4",
    }
    after = {e.identity: e for e in storage.list_entries()}
    assert after["e2"].title == "Edited"
    assert after["e2"].id == before["e2"].id  # updated in place
    assert after["e2"].first_seen_at == T0  # first_seen_at kept on update
    assert after["e4"].first_seen_at == later
    assert after["e1"] == before["e1"]  # unchanged entries untouched
    entries = sa.table("entries", sa.column("identity"), sa.column("last_seen_at"))
    with raw.connect() as conn:
        seen = {row[0]: row[1] for row in conn.execute(sa.select(*entries.c))}
    assert str(seen["e2"]).startswith("2025-03-03 11:00")  # bumped
    assert str(seen["e1"]).startswith("2025-03-03 09:00")


def test_entry_fields_round_trip(storage: Storage) -> None:
    storage.sync_feeds([FeedSpec(A, title="Blog")], now=T0)
    stored = entry(
        "e1",
        title="기생충 리뷰",
        summary="<p>요약</p>",
        content="<p>본문</p>",
        author="봉준호",
        categories=("review", "영화"),
        image="https://a.example/p.jpg",
        extra={"letterboxd:filmTitle": "Parasite"},
        guid="urn:e1",
    )
    storage.store_update(success(A), [stored])
    [got] = storage.list_entries()
    assert (got.feed_url, got.identity, got.title, got.link) == (
        A,
        "e1",
        "기생충 리뷰",
        "https://a.example/e1",
    )
    assert (got.summary, got.content, got.author, got.image) == (
        "<p>요약</p>",
        "<p>본문</p>",
        "봉준호",
        "https://a.example/p.jpg",
    )
    assert got.categories == ("review", "영화")
    assert dict(got.extra) == {"letterboxd:filmTitle": "Parasite"}
    assert got.feed_title == "Blog"


def test_batch_of_40_entries_in_one_call(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    batch = [entry(f"e{i:02}", first_seen=T0 + timedelta(seconds=i)) for i in range(40)]
    storage.store_update(success(A), batch)
    listed = storage.list_entries()
    assert len(listed) == 40
    assert [e.identity for e in listed] == [f"e{i:02}" for i in reversed(range(40))]
    assert len(storage.get_entries_for_update(A)) == 40


def test_identity_collision_on_insert_does_not_crash(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A), [entry("e1")])
    # another instance stored it meanwhile: ours still says "new"
    later = T0 + timedelta(hours=1)
    again = entry("e1", title="Newer", content_hash="h2", first_seen=later, new=True)
    storage.store_update(success(A, at=later), [again])
    [got] = storage.list_entries()
    assert (got.title, got.first_seen_at) == ("Newer", T0)
    assert storage.get_entries_for_update(A) == {"e1": "h2"}


def test_same_identity_in_two_feeds_is_two_entries(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B), now=T0)
    storage.store_update(success(A), [entry("same")])
    storage.store_update(success(B), [entry("same", feed=B)])
    assert sorted(e.feed_url for e in storage.list_entries()) == [A, B]


def test_time_zones_round_trip_as_aware_utc(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    published = datetime(2025, 3, 3, 18, 30, tzinfo=KST)  # 09:30 UTC
    seen = datetime(2025, 3, 3, 20, 0, tzinfo=KST)
    storage.store_update(
        success(A, at=seen, next_in=timedelta(hours=1)),
        [entry("e1", first_seen=seen, published=published)],
    )
    [got] = storage.list_entries()
    assert got.published_at == published
    assert got.published_at.utcoffset() == timedelta(0)
    assert got.published_at.hour == 9 and got.published_at.minute == 30
    assert got.first_seen_at == seen and got.first_seen_at.tzinfo is not None
    [feed] = storage.get_feeds_for_update(now=T0)
    assert feed.next_poll_at == datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
    assert feed.last_success_at == seen
    assert feed.last_success_at is not None and feed.last_success_at.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    with pytest.raises(ValueError, match="naive datetime"):
        storage.get_feeds_for_update(now=datetime(2025, 3, 3, 9, 0), due_only=True)
    with pytest.raises(ValueError, match="naive datetime"):
        storage.store_update(success(A), [entry("e1", first_seen=datetime(2025, 3, 3))])
    assert storage.list_entries() == []  # the transaction rolled back


def test_list_entries_window_and_order(storage: Storage) -> None:
    storage.sync_feeds([FeedSpec(A, title="Feed A"), FeedSpec(B)], now=T0)
    hour = timedelta(hours=1)
    storage.store_update(
        success(A), [entry("a0", first_seen=T0), entry("a2", first_seen=T0 + 2 * hour)]
    )
    storage.store_update(success(B, title="Feed B"), [entry("b1", feed=B, first_seen=T0 + hour)])

    def ids(**kwargs: object) -> list[str]:
        return [e.identity for e in storage.list_entries(**kwargs)]  # type: ignore[arg-type]

    assert ids() == ["a2", "b1", "a0"]  # newest first
    assert ids(since=T0 + hour) == ["a2", "b1"]  # since is inclusive
    assert ids(until=T0 + 2 * hour) == ["b1", "a0"]  # until is exclusive
    assert ids(since=T0 + hour, until=T0 + 2 * hour) == ["b1"]
    assert ids(since=(T0 + hour).astimezone(KST)) == ["a2", "b1"]  # an instant, any zone
    assert ids(feed_urls=[A]) == ["a2", "a0"]
    assert ids(limit=1) == ["a2"]
    assert {e.identity: e.feed_title for e in storage.list_entries()} == {
        "a2": "Feed A",
        "b1": "Feed B",
        "a0": "Feed A",
    }


def test_get_entry_by_id_and_link(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A), [entry("e1", link="https://a.example/review/1"), entry("e2")])
    by_link = storage.get_entry("https://a.example/review/1")
    assert by_link is not None and by_link.identity == "e1"
    by_id = storage.get_entry(by_link.id)
    assert by_id == by_link
    assert storage.get_entry(str(by_link.id)) == by_link  # the CLI passes text
    assert storage.get_entry(by_link.id + 1000) is None
    assert storage.get_entry("https://a.example/nowhere") is None


# -- failures and status --------------------------------------------------------------------


def test_failure_is_recorded_and_reset_on_success(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B), now=T0)
    storage.store_update(success(A, etag='"v1"', last_modified="Mon, 03 Mar 2025 09:00:00 GMT"), [])

    storage.store_update(failure(A, at=T0 + timedelta(hours=1), errors=1, http_status=503), [])
    storage.store_update(failure(A, at=T0 + timedelta(hours=2), errors=2, error="timed out"), [])

    [feed] = storage.get_feeds_for_update(now=T0, urls=[A])
    assert feed.consecutive_errors == 2
    assert feed.etag == '"v1"'  # caching headers survive a failure
    assert feed.last_modified == "Mon, 03 Mar 2025 09:00:00 GMT"
    assert feed.last_success_at == T0
    assert feed.next_poll_at == T0 + timedelta(hours=2, minutes=10)
    status = {s.url: s for s in storage.feed_statuses()}[A]
    assert (status.last_error, status.consecutive_errors) == ("timed out", 2)
    assert status.last_checked_at == T0 + timedelta(hours=2)
    assert storage.counts() == {"feeds": 2, "entries": 0, "failing": 1}

    back = T0 + timedelta(hours=3)
    storage.store_update(success(A, at=back, etag='"v2"', version="rss20"), [entry("e1")])
    [feed] = storage.get_feeds_for_update(now=T0, urls=[A])
    assert (feed.consecutive_errors, feed.etag, feed.last_success_at) == (0, '"v2"', back)
    status = {s.url: s for s in storage.feed_statuses()}[A]
    assert (status.last_error, status.http_status, status.version) == (None, 200, "rss20")
    assert storage.counts() == {"feeds": 2, "entries": 1, "failing": 0}


def test_first_failure_is_not_a_first_poll(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(failure(A), [])
    [feed] = storage.get_feeds_for_update(now=T0)
    assert feed.polled_before is False
    storage.store_update(success(A, at=T0 + timedelta(hours=1)), [])
    [feed] = storage.get_feeds_for_update(now=T0)
    assert feed.polled_before is True


def test_counts_and_statuses(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B, C), now=T0)
    storage.store_update(success(A), [entry("a1"), entry("a2")])
    storage.store_update(success(B), [entry("b1", feed=B)])
    storage.store_update(failure(C), [])
    assert storage.counts() == {"feeds": 3, "entries": 3, "failing": 1}
    storage.sync_feeds(specs(A, C), now=T0)  # unfollowed feeds do not count
    assert storage.counts() == {"feeds": 2, "entries": 2, "failing": 1}
    statuses = storage.feed_statuses()
    assert [(s.url, s.followed, s.entries) for s in statuses] == [
        (A, True, 2),
        (C, True, 0),
        (B, False, 1),
    ]


def test_store_update_of_an_unknown_feed_is_a_storage_error(storage: Storage) -> None:
    with pytest.raises(StorageError, match="not a known feed"):
        storage.store_update(success("https://nowhere.example/feed"), [])


# -- leases (several instances) -------------------------------------------------------------


def test_claims_never_overlap_and_expired_leases_are_reclaimed(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B, C), now=T0)
    lease = timedelta(minutes=5)

    first = storage.claim_due_feeds(owner="one", now=T0, lease=lease, limit=2)
    second = storage.claim_due_feeds(owner="two", now=T0, lease=lease, limit=2)
    assert [f.url for f in first] == [A, B]
    assert [f.url for f in second] == [C]
    assert storage.claim_due_feeds(owner="three", now=T0 + timedelta(minutes=4), lease=lease) == []

    # "one" crashed; its lease expires and "three" takes the feeds over
    third = storage.claim_due_feeds(owner="three", now=T0 + lease, lease=lease)
    assert [f.url for f in third] == [A, B, C]

    # "one" comes back and tries to finish: fenced, nothing written
    with pytest.raises(StorageError, match="lost the lease"):
        storage.store_update(success(A, at=T0 + lease), [entry("late")], owner="one")
    assert storage.list_entries() == []
    [feed] = storage.get_feeds_for_update(now=T0, urls=[A])
    assert feed.polled_before is False

    # the holder finishes: lease released, and a feed no longer due is not claimable
    storage.store_update(success(A, at=T0 + lease), [entry("ok")], owner="three")
    assert [e.identity for e in storage.list_entries()] == ["ok"]
    later = T0 + 3 * lease
    assert [f.url for f in storage.claim_due_feeds(owner="four", now=later, lease=lease)] == [B, C]


def test_a_late_finish_after_a_takeover_is_refused_even_once_the_rival_released(
    storage: Storage,
) -> None:
    storage.sync_feeds(specs(A), now=T0)
    lease = timedelta(minutes=5)
    storage.claim_due_feeds(owner="one", now=T0, lease=lease)
    # "one" stalls past its lease; "two" takes the feed over, polls it and finishes (the lease
    # is released: lease_owner is NULL again)
    [taken] = storage.claim_due_feeds(owner="two", now=T0 + lease, lease=lease)
    assert taken.url == A
    storage.store_update(success(A, at=T0 + lease, etag='"new"'), [entry("new")], owner="two")
    # "one" wakes up with its older document: refused, the newer poll stays
    with pytest.raises(StorageError, match="lost the lease"):
        storage.store_update(success(A, at=T0, etag='"old"'), [entry("old")], owner="one")
    storage.store_not_modified([success(A, at=T0, etag='"old"')], owner="one")  # skipped
    assert [e.identity for e in storage.list_entries()] == ["new"]
    [feed] = storage.get_feeds_for_update(now=T0, urls=[A])
    assert feed.etag == '"new"'
    assert feed.next_poll_at == T0 + lease + timedelta(hours=1)


def test_a_holder_whose_lease_expired_unclaimed_still_finishes(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B), now=T0)
    lease = timedelta(minutes=5)
    storage.claim_due_feeds(owner="one", now=T0, lease=lease)
    # nobody took the feeds over: the slow poll is still the only one, and it is recorded
    storage.store_update(failure(A, at=T0 + 2 * lease), [], owner="one")
    storage.store_not_modified([success(B, at=T0 + 2 * lease)], owner="one")
    by_url = {s.url: s for s in storage.feed_statuses()}
    assert by_url[A].consecutive_errors == 1
    assert by_url[B].last_success_at == T0 + 2 * lease
    # both leases were released: another instance may claim them when they are due again
    later = T0 + timedelta(days=1)
    assert {f.url for f in storage.claim_due_feeds(owner="two", now=later, lease=lease)} == {A, B}


def test_unfollowed_feeds_are_not_claimed(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B), now=T0)
    storage.sync_feeds(specs(B), now=T0)
    claimed = storage.claim_due_feeds(owner="one", now=T0, lease=timedelta(minutes=1))
    assert [f.url for f in claimed] == [B]


def test_concurrent_claimers_get_disjoint_feeds(db_url: str) -> None:
    urls = [f"https://feed{i:02}.example/rss" for i in range(24)]
    with Storage.open(db_url) as setup:
        setup.sync_feeds(specs(*urls), now=T0)
    workers = 4
    barrier = threading.Barrier(workers)
    claimed: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def claim(owner: str) -> None:
        try:
            with Storage.open(db_url, migrate=False) as mine:
                barrier.wait(timeout=30)
                got: list[str] = []
                for _ in range(3):
                    batch = mine.claim_due_feeds(
                        owner=owner, now=T0, lease=timedelta(minutes=5), limit=2
                    )
                    got += [f.url for f in batch]
                claimed[owner] = got
        except BaseException as e:  # surfaced by the assertion below
            errors.append(e)

    threads = [threading.Thread(target=claim, args=(f"w{i}",)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    every = [url for got in claimed.values() for url in got]
    assert len(every) == len(set(every)) == 24
    assert set(every) == set(urls)


# -- opening errors and URLs ----------------------------------------------------------------


def test_unopenable_sqlite_path_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(StorageError, match="cannot open database sqlite:///"):
        Storage.open(f"sqlite:///{tmp_path / 'a-file' / 'tracker.db'}")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(StorageError, match="unable to open database file") as caught:
        Storage.open(f"sqlite:///{folder}")
    assert str(caught.value).startswith(f"cannot open database sqlite:///{folder}: ")


def test_not_a_tracker_database_is_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(b"this is not a SQLite file at all" * 100)
    with pytest.raises(StorageError, match="cannot open database"):
        Storage.open(f"sqlite:///{path}")


def test_unreachable_postgresql_masks_the_password() -> None:
    # port 1 on loopback: refused at once, no server needed
    with pytest.raises(StorageError) as caught:
        Storage.open("postgresql://kfilm:s3cret@127.0.0.1:1/tracker?connect_timeout=5")
    message = str(caught.value)
    assert message.startswith("cannot connect to PostgreSQL at postgresql://kfilm:***@127.0.0.1:1/")
    assert "s3cret" not in message
    assert caught.value.hint is not None


def test_urls_are_normalised_and_masked() -> None:
    url = parse_url("postgresql://u:pw@db.example/tracker")
    assert url.drivername == "postgresql+psycopg"
    assert parse_url("postgresql+psycopg://u@h/d").drivername == "postgresql+psycopg"
    assert mask("postgresql://u:pw@db.example/tracker") == "postgresql://u:***@db.example/tracker"
    with pytest.raises(StorageError, match="unsupported database"):
        parse_url("mysql://u:pw@h/d")
    with pytest.raises(StorageError, match="not a database URL"):
        parse_url("nonsense")


def test_url_for_display_hides_the_password(db_url: str, storage: Storage) -> None:
    assert storage.url_for_display == parse_url(db_url).render_as_string(hide_password=True)
    if "@" in db_url and ":" in db_url.split("@")[0].split("//")[1]:
        assert "***" in storage.url_for_display


def test_memory_sqlite_works() -> None:
    with Storage.open("sqlite://") as memory:
        memory.sync_feeds(specs(A), now=T0)
        assert memory.counts()["feeds"] == 1


# -- the digest ledger -------------------------------------------------------------------------


LEDGER = {"recipient": "a@example.org", "week": "2026-W47", "message_id": "<m@x>"}


def mark(
    storage: Storage, status: str, *, owner: str | None, token: int, expect: str, **more: object
) -> bool:
    from tracker.types import DigestStatus

    return storage.mark_digest(
        recipient="a@example.org",
        week="2026-W47",
        status=DigestStatus(status),
        now=more.pop("now", T0),  # type: ignore[arg-type]
        owner=owner,
        token=token,
        expect=[DigestStatus(s) for s in expect.split()],
        **more,  # type: ignore[arg-type]
    )


def test_digest_claim_is_exactly_once(storage: Storage) -> None:
    from tracker.types import DigestStatus

    assert storage.claim_digest(**LEDGER, now=T0, owner="one") == 1
    assert storage.claim_digest(**LEDGER, now=T0, owner="two") is None
    assert mark(storage, "sending", owner="one", token=1, expect="claimed")
    assert mark(storage, "sent", owner="one", token=1, expect="sending")
    late = T0 + timedelta(days=30)
    assert storage.claim_digest(**LEDGER, now=late, stale_before=late, orphans={"one"}) is None
    # force takes any row over, and the token moves on
    assert storage.claim_digest(**LEDGER, now=T0, force=True, owner="two") == 2
    [record] = storage.list_digests()
    assert (record.status, record.attempts, record.sent_at) == (DigestStatus.CLAIMED, 2, T0)
    assert record.owner == "two"
    # another recipient, same week: its own row
    assert storage.claim_digest(**{**LEDGER, "recipient": "b@example.org"}, now=T0) == 1


def test_digest_steps_are_fenced_by_owner_token_and_state(storage: Storage) -> None:
    from tracker.types import DigestStatus

    assert storage.claim_digest(**LEDGER, now=T0, owner="one") == 1
    # a stale claim is taken over: its old owner can no longer move it, not even to sending
    later = T0 + timedelta(minutes=6)
    assert (
        storage.claim_digest(
            **LEDGER, now=later, owner="two", stale_before=later - timedelta(minutes=5)
        )
        == 2
    )
    assert not mark(storage, "sending", owner="one", token=1, expect="claimed")
    assert not mark(storage, "sending", owner="one", token=2, expect="claimed")  # wrong owner
    assert not mark(storage, "sending", owner="two", token=1, expect="claimed")  # old token
    assert not mark(storage, "sent", owner="two", token=2, expect="sending")  # wrong state
    assert mark(storage, "sending", owner="two", token=2, expect="claimed")
    assert not mark(storage, "sending", owner="two", token=2, expect="claimed")  # done already
    assert mark(storage, "unknown", owner="two", token=2, expect="sending", error="no answer")
    [record] = storage.list_digests()
    assert (record.status, record.owner, record.attempts) == (DigestStatus.UNKNOWN, "two", 2)
    assert (record.error, record.updated_at) == ("no answer", T0)


def test_digest_renewed_claim_is_not_stale(storage: Storage) -> None:
    lease = timedelta(minutes=5)
    assert storage.claim_digest(**LEDGER, now=T0, owner="one") == 1
    renewed = T0 + timedelta(minutes=4)
    assert mark(storage, "claimed", owner="one", token=1, expect="claimed", now=renewed)
    at = T0 + timedelta(minutes=8)
    assert storage.claim_digest(**LEDGER, now=at, owner="two", stale_before=at - lease) is None
    at = renewed + lease
    assert storage.claim_digest(**LEDGER, now=at, owner="two", stale_before=at - lease) == 2


def test_digest_claim_of_an_ended_process_is_taken_over_at_once(storage: Storage) -> None:
    assert storage.claim_digest(**LEDGER, now=T0, owner="host:1:dead") == 1
    assert storage.claim_digest(**LEDGER, now=T0, owner="two", orphans={"host:9:other"}) is None
    assert storage.claim_digest(**LEDGER, now=T0, owner="two", orphans={"host:1:dead"}) == 2


def test_digest_takeover_race_has_one_winner(storage: Storage) -> None:
    if not storage.any_thread:
        pytest.skip("one connection per thread: no race to run")
    assert storage.claim_digest(**LEDGER, now=T0, owner="host:1:dead") == 1
    start = threading.Barrier(8)
    tokens: list[int | None] = []

    def take(n: int) -> None:
        start.wait()
        tokens.append(
            storage.claim_digest(**LEDGER, now=T0, owner=f"racer-{n}", orphans={"host:1:dead"})
        )

    racers = [threading.Thread(target=take, args=(n,)) for n in range(8)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert sorted(tokens, key=lambda t: t or 0) == [None] * 7 + [2]
    [record] = storage.list_digests()
    assert record.owner is not None and record.owner.startswith("racer-")


def test_digest_being_sent_is_never_retaken_silently(storage: Storage) -> None:
    from tracker.types import DigestStatus

    assert storage.claim_digest(**LEDGER, now=T0, owner="one") == 1
    assert mark(storage, "sending", owner="one", token=1, expect="claimed")
    later = T0 + timedelta(days=2)
    assert storage.claim_digest(**LEDGER, now=later, stale_before=later, orphans={"one"}) is None
    assert storage.list_digests()[0].status is DigestStatus.SENDING
    # the next run records it as unknown, for good
    assert mark(storage, "unknown", owner="one", token=1, expect="sending")
    assert storage.claim_digest(**LEDGER, now=later, stale_before=later, orphans={"one"}) is None


def test_digest_temporary_failure_is_retried_when_due(storage: Storage) -> None:
    assert storage.claim_digest(**LEDGER, now=T0, owner="one") == 1
    retry_at = T0 + timedelta(minutes=5)
    assert mark(
        storage,
        "failed",
        owner="one",
        token=1,
        expect="claimed",
        error="451 try later",
        retry_at=retry_at,
    )
    assert storage.retry_due_weeks(now=T0) == []
    assert storage.claim_digest(**LEDGER, now=T0 + timedelta(minutes=4), owner="one") is None
    assert storage.retry_due_weeks(now=T0 + timedelta(minutes=5)) == ["2026-W47"]
    assert storage.claim_digest(**LEDGER, now=T0 + timedelta(minutes=5), owner="one") == 2
    # a permanent failure (no retry time) waits for --force
    assert mark(storage, "failed", owner="one", token=2, expect="claimed", error="535 auth failed")
    assert storage.claim_digest(**LEDGER, now=T0 + timedelta(days=1)) is None
    assert storage.list_digests()[0].error == "535 auth failed"


def test_digest_list_filters_by_week_and_state(storage: Storage) -> None:
    from tracker.types import DigestStatus

    assert storage.claim_digest(**LEDGER, now=T0, owner="one") == 1
    assert storage.claim_digest(**{**LEDGER, "week": "2026-W48"}, now=T0, owner="one") == 1
    assert [r.week for r in storage.list_digests()] == ["2026-W48", "2026-W47"]
    assert [r.week for r in storage.list_digests(week="2026-W47")] == ["2026-W47"]
    assert mark(storage, "sending", owner="one", token=1, expect="claimed")
    sending = storage.list_digests(statuses=[DigestStatus.SENDING])
    assert [(r.week, r.owner) for r in sending] == [("2026-W47", "one")]


def test_not_modified_feeds_are_recorded_in_one_batch(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B), now=T0)
    storage.store_update(failure(A), [])
    later = T0 + timedelta(hours=1)
    storage.store_not_modified(
        [
            success(A, at=later, http_status=304, etag='"a"', next_in=timedelta(hours=2)),
            success(B, at=later, http_status=304, etag='"b"', next_in=timedelta(hours=3)),
        ]
    )
    feeds = {f.url: f for f in storage.get_feeds_for_update(now=T0)}
    assert (feeds[A].etag, feeds[A].consecutive_errors, feeds[A].last_success_at) == (
        '"a"',
        0,
        later,
    )
    assert feeds[B].next_poll_at == later + timedelta(hours=3)
    assert storage.counts()["failing"] == 0


def test_not_modified_batch_skips_a_feed_leased_by_another(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    [claimed] = storage.claim_due_feeds(owner="other", now=T0, lease=timedelta(minutes=10))
    storage.store_not_modified([success(A, http_status=304, etag='"x"')], owner="me")
    [feed] = storage.get_feeds_for_update(now=T0)
    assert feed.etag is None and claimed.url == A


# -- politeness state (0003_politeness) ------------------------------------------------------


def test_a_gone_feed_is_never_due_until_re_added(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B), now=T0)
    storage.store_update(failure(A, error="HTTP 410 Gone", http_status=410, gone=True), ())
    far = T0 + timedelta(days=3650)
    assert [f.url for f in storage.get_feeds_for_update(now=far, due_only=True)] == [B]
    assert [f.url for f in storage.get_feeds_for_update(now=far)] == [B]
    assert [f.url for f in storage.claim_due_feeds(owner="x", now=far, lease=timedelta(1))] == [B]
    # asked for by name, it is still there (and says it is gone)
    (named,) = storage.get_feeds_for_update(now=far, urls=[A])
    assert named.gone
    (status,) = [s for s in storage.feed_statuses() if s.url == A]
    assert status.gone_at == T0 and status.state == "gone"
    # a config sync that changes nothing keeps it gone; dropping and re-adding revives it
    storage.sync_feeds(specs(A, B), now=T0 + timedelta(days=1))
    assert [f.url for f in storage.get_feeds_for_update(now=far)] == [B]
    storage.sync_feeds(specs(B), now=T0 + timedelta(days=2))
    storage.sync_feeds(specs(A, B), now=T0 + timedelta(days=3))
    revived = {f.url: f for f in storage.get_feeds_for_update(now=T0, due_only=True)}
    assert A in revived and not revived[A].gone and revived[A].next_poll_at is None


def test_a_changed_config_entry_revives_a_gone_feed(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(failure(A, http_status=410, gone=True), ())
    storage.sync_feeds([FeedSpec(A, title="Renamed")], now=T0)
    assert [f.url for f in storage.get_feeds_for_update(now=T0, due_only=True)] == [A]


def test_a_success_clears_gone(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(failure(A, http_status=410, gone=True), ())
    storage.store_update(success(A, at=T0 + timedelta(hours=1)), ())
    (feed,) = storage.get_feeds_for_update(now=T0)
    assert not feed.gone


def test_redirect_watch_and_move_are_stored(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    new = "https://a.example/new-feed"
    storage.store_update(success(A, redirect_url=new, redirect_since=T0, redirect_known=True), ())
    (feed,) = storage.get_feeds_for_update(now=T0)
    assert (feed.redirect_url, feed.redirect_since, feed.fetch_url) == (new, T0, A)
    # a failure that never reached the server leaves the watch alone
    storage.store_update(failure(A, at=T0 + timedelta(days=1)), ())
    (feed,) = storage.get_feeds_for_update(now=T0)
    assert feed.redirect_url == new
    # settled: polled at the new URL from now on; the config URL stays its name
    moved_at = T0 + timedelta(days=7)
    storage.store_not_modified(
        [success(A, at=moved_at, http_status=304, redirect_known=True, move_to=new)]
    )
    (feed,) = storage.get_feeds_for_update(now=moved_at)
    assert (feed.url, feed.fetch_url, feed.redirect_url) == (A, new, None)
    (status,) = storage.feed_statuses()
    assert status.moved_to == new and status.url == A


def test_entry_keys_carry_link_title_and_guid(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A), [entry("g1", title="One", link="https://a.example/1")])
    (key,) = storage.get_entry_keys(A)
    assert (key.identity, key.content_hash, key.link, key.title) == (
        "g1",
        "hash-g1",
        "https://a.example/1",
        "One",
    )
    assert key.published == T0 and key.identity_source == "guid"


# -- films remembered across weeks -------------------------------------------------------------


def test_films_are_remembered_and_never_forget_what_they_knew(storage: Storage) -> None:
    from datetime import date

    from tracker.types import FilmCard

    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A), [entry("e1"), entry("e2")])
    ids = {e.identity: e.id for e in storage.list_entries()}
    release = FilmCard(
        key="exhuma-2024",
        title="Exhuma",
        title_hangul="파묘",
        year=2024,
        platform="netflix",
        release_date=date(2024, 12, 5),
    )
    storage.remember_films([("exhuma", release)], [(ids["e1"], "exhuma-2024", "release")], now=T0)
    # a later week knows less (no date, no platform) but has a poster: nothing known is lost
    later = FilmCard(
        key="exhuma-2024", title="Exhuma", year=2024, poster="https://img.example/p.jpg"
    )
    storage.remember_films(
        [("exhuma", later)], [(ids["e2"], "exhuma-2024", "review")], now=T0 + timedelta(days=14)
    )
    [film] = storage.known_films(["exhuma", "nothing"])["exhuma"]
    assert (film.title_hangul, film.platform, film.release_date, film.poster) == (
        "파묘",
        "netflix",
        date(2024, 12, 5),
        "https://img.example/p.jpg",
    )
    assert film.updated_at == T0 + timedelta(days=14)
    assert [(f.key, role) for f, role in storage.films_of_entry(ids["e2"])] == [
        ("exhuma-2024", "review")
    ]
    assert storage.known_films([]) == {}


def test_release_entries_are_the_understood_releases_of_followed_feeds(storage: Storage) -> None:
    storage.sync_feeds([FeedSpec(A, title="Configured A"), FeedSpec(B)], now=T0)
    release = _understood(Kind.RELEASE, film="Mantis")
    later = T0 + timedelta(hours=2)
    storage.store_update(
        success(A, at=later),
        [
            replace(entry("r1", first_seen=later), understood=release),
            replace(entry("v1", first_seen=later), understood=_understood()),  # a review
            entry("n1", first_seen=later),  # not understood yet
        ],
    )
    storage.store_update(
        success(B),
        [replace(entry("r2", feed=B, link="https://b.example/2"), understood=release)],
    )
    found = storage.release_entries()
    # oldest first; the feed's title, else its URL; no review, nothing not understood
    assert [(r.title, r.link, r.source) for r in found] == [
        ("Title r2", "https://b.example/2", B),
        ("Title r1", "https://a.example/r1", "Configured A"),
    ]
    r2, r1 = found
    assert r1.understood == release._replace(reasons=())
    assert (r1.first_seen_at, r1.changed_at) == (later, later)
    assert isinstance(r1.id, int) and r1.id != r2.id

    # a rewritten entry (its text changed) keeps its first sighting and gets a new change time
    rewritten = T0 + timedelta(days=3)
    changed = replace(
        entry("r1", first_seen=later, content_hash="h2", new=False),
        understood=release._replace(release_date=date(2026, 12, 12)),
    )
    storage.store_update(success(A, at=rewritten), [changed])
    [_, r1] = storage.release_entries()
    assert (r1.first_seen_at, r1.changed_at) == (later, rewritten)
    assert r1.understood.release_date == date(2026, 12, 12)

    # an unfollowed feed's announcements leave the calendar with it
    storage.sync_feeds([FeedSpec(A)], now=T0)
    assert [r.title for r in storage.release_entries()] == ["Title r1"]


def test_a_feeds_ttl_survives_304s_and_is_replaced_by_the_next_document(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A, version="rss20", ttl=timedelta(hours=6)), [])
    storage.store_not_modified([success(A, http_status=304)])
    [feed] = storage.get_feeds_for_update(now=T0)
    assert feed.ttl == timedelta(hours=6)
    storage.store_update(success(A, version="rss20"), [])  # a document without a ttl
    [feed] = storage.get_feeds_for_update(now=T0)
    assert feed.ttl is None


def test_a_feeds_document_hash_survives_304s_and_failures(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A, version="rss20", body_hash="abc"), [])
    storage.store_not_modified([success(A, http_status=304)])
    storage.store_update(failure(A), [])
    [feed] = storage.get_feeds_for_update(now=T0)
    assert feed.body_hash == "abc"
    storage.store_update(success(A, version="rss20", body_hash="def"), [])
    [feed] = storage.get_feeds_for_update(now=T0)
    assert feed.body_hash == "def"


def test_engine_head_is_alembics_head() -> None:
    """``engine.HEAD`` lets a database at the newest schema open without importing Alembic:
    it must name the newest migration."""
    from tracker.storage.engine import HEAD

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


# -- what entries are about (0006_understanding) ----------------------------------------------


def _understood(
    kind: Kind = Kind.REVIEW, *, film: str | None = "Exhuma", v: str = "v1/mixed"
) -> Understood:
    return Understood(
        version=v,
        kind=kind,
        korean=True,
        film=film,
        film_key=film.casefold() if film else None,
        rating=4.0,
        platform="netflix",
        release_date=date(2026, 12, 5),
        detail='{"x":"an excerpt"}',
        reasons=("kind=review: a rule", "korean=true: a name"),
    )


def test_understanding_is_stored_with_the_entry_and_read_back(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    about = _understood()
    storage.store_update(
        success(A),
        [replace(entry("e1", content="<p>long</p>"), understood=about), entry("e2")],
    )
    [e1, e2] = sorted(storage.list_entries(), key=lambda e: e.identity)
    assert e1.understood == about._replace(reasons=())  # lists leave the reasons out
    assert e2.understood is None  # stored without one: understood before a digest uses it
    whole = storage.get_entry(e1.id)
    assert whole is not None and whole.understood == about
    week = storage.entries_for_digest(since=T0, until=T0 + timedelta(days=7))
    assert [e.identity for e in week] == ["e1", "e2"]
    assert all(e.content is None for e in week)  # the digest never reads full content
    assert week[0].understood == about._replace(reasons=())
    assert storage.entries_by_id([e1.id])[0].content == "<p>long</p>"
    versions = storage.understanding_versions()
    assert sorted(v for _, _, v in versions if v) == ["v1/mixed"]
    assert storage.understanding_versions(since=T0 + timedelta(days=1)) == []


def test_review_history_counts_each_feeds_evidence_not_its_prior(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B), now=T0)
    by_prior = _understood(Kind.REVIEW, v="v1/mixed~review")._replace(by_history=True)
    storage.store_update(
        success(A),
        [
            replace(entry("r1"), understood=_understood(Kind.REVIEW)),
            replace(entry("r2"), understood=_understood(Kind.REVIEW, v="v0/mixed+korean")),
            replace(entry("n1"), understood=_understood(Kind.NEWS, film=None)),
            # the prior's own review: counted as the non-review its evidence made it
            replace(entry("p1"), understood=by_prior),
            # understood under a declared kind: its kind may be the hint's, not its own
            replace(entry("d1"), understood=_understood(Kind.REVIEW, v="v1/review")),
            entry("u1"),  # never understood: not counted
            # before the window
            replace(entry("old", first_seen=T0 - timedelta(days=1)), understood=_understood()),
        ],
    )
    storage.store_update(
        success(B), [replace(entry("b1", feed=B), understood=_understood(Kind.OTHER))]
    )
    assert storage.review_history(since=T0) == {A: (2, 4), B: (0, 1)}
    # understood again on its own evidence (``tracker reclassify``): a review of its own now
    [p1] = [e for e in storage.list_entries() if e.identity == "p1"]
    storage.store_understanding([(p1.id, _understood(Kind.REVIEW))])
    assert storage.review_history(since=T0)[A] == (3, 4)
    storage.store_understanding([(p1.id, by_prior)])
    assert storage.review_history(since=T0)[A] == (2, 4)
    # a feed no longer followed teaches nothing
    storage.sync_feeds(specs(A), now=T0)
    assert set(storage.review_history(since=T0)) == {A}


def test_review_history_reads_each_feeds_window_from_its_index(tmp_path: Path) -> None:
    """The read runs before every poll: its cost must follow the 180-day window, not the
    database's whole history, so each feed's window is a range of the covering index."""
    seen: list[tuple[str, object]] = []
    with Storage.open(f"sqlite:///{tmp_path / 'plan.db'}") as opened:
        opened.sync_feeds(specs(A), now=T0)
        engine = opened._db.engine  # the statement it runs, and its plan

        def record(
            conn: object, cursor: object, statement: str, params: object, *_: object
        ) -> None:
            seen.append((statement, params))

        sa.event.listen(engine, "before_cursor_execute", record)
        opened.review_history(since=T0)
        sa.event.remove(engine, "before_cursor_execute", record)
        [(query, params)] = [(q, p) for q, p in seen if "GROUP BY" in q]
        with engine.connect() as conn:
            plan = " ".join(
                str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}", params)
            )
    assert "COVERING INDEX ix_entries_review_history (feed_id=? AND first_seen_at>?)" in plan


def test_a_changed_entry_without_an_understanding_clears_the_old_one(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A), [replace(entry("e1"), understood=_understood())])
    storage.store_update(success(A), [entry("e1", title="Edited", content_hash="h2", new=False)])
    [e1] = storage.list_entries()
    assert e1.title == "Edited" and e1.understood is None


def test_store_understanding_in_a_batch(storage: Storage) -> None:
    storage.sync_feeds(specs(A), now=T0)
    storage.store_update(success(A), [entry(f"e{n}") for n in range(3)])
    ids = [e.id for e in storage.list_entries()]
    storage.store_understanding(
        [(i, _understood(Kind.NEWS, film=None, v="v2/review")) for i in ids]
    )
    assert {e.understood.version for e in storage.list_entries() if e.understood} == {"v2/review"}
    assert [e.understood.kind for e in storage.entries_by_id(ids) if e.understood] == [
        Kind.NEWS
    ] * 3


def test_a_database_from_before_0006_upgrades_in_place_and_loses_nothing(db_url: str) -> None:
    from alembic import command

    from tracker.storage.schema import entries as entries_table
    from tracker.storage.schema import feeds as feeds_table

    engine = create_engine(parse_url(db_url))
    try:
        with engine.begin() as conn:  # the schema an older kfilm-tracker left behind
            command.upgrade(alembic_config(conn), "0005_feed_ttl")
        with engine.begin() as conn:
            conn.execute(
                sa.insert(feeds_table).values(
                    id=1, url=A, kind="mixed", created_at=T0, updated_at=T0
                )
            )
            conn.execute(
                sa.insert(entries_table).values(
                    feed_id=1,
                    identity="old-1",
                    identity_source="guid",
                    title="Exhuma review",
                    link="https://a.example/old-1",
                    published_at=T0,
                    first_seen_at=T0,
                    last_seen_at=T0,
                    summary="4/5 stars",
                    content_hash="h",
                )
            )
        assert current_revision(engine) == "0005_feed_ttl"
    finally:
        engine.dispose()
    with Storage.open(db_url) as storage:
        [old] = storage.list_entries()
        assert (old.identity, old.title, old.summary, old.link) == (
            "old-1",
            "Exhuma review",
            "4/5 stars",
            "https://a.example/old-1",
        )
        assert old.understood is None  # never understood: the next digest does it
        assert storage.understanding_versions() == [(old.id, A, None)]
    engine = create_engine(parse_url(db_url))
    try:
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()


def test_store_updates_writes_every_feed_in_one_transaction_or_none(storage: Storage) -> None:
    storage.sync_feeds(specs(A, B), now=T0)
    storage.claim_due_feeds(owner="one", now=T0, lease=timedelta(minutes=5))
    batch = [(success(A), [entry("a1", feed=A)]), (success(B), [entry("b1", feed=B)])]
    with pytest.raises(StorageError, match="lost the lease"):
        storage.store_updates(batch, owner="two")  # another instance holds the leases
    assert storage.list_entries() == []  # A's entry was not kept either
    storage.store_updates(batch, owner="one")
    assert sorted(e.identity for e in storage.list_entries()) == ["a1", "b1"]
    feeds = {f.url: f for f in storage.get_feeds_for_update(now=T0)}
    assert feeds[A].polled_before and feeds[B].polled_before
