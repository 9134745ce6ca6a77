"""The shipped feed catalog (every file in feeds/), its validation, and resolve_feeds."""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tracker.config.catalog import Collection, load_catalog, resolve_feeds
from tracker.config.schema import TrackerConfig
from tracker.exceptions import CatalogError
from tracker.resources import catalog_dir
from tracker.types import FeedKind, FeedSpec

# Every source the project brief lists, with the collection it belongs in.
LISTED = {
    "https://www.scmp.com/rss/507634/feed": "korean-film",
    "https://www.scmp.com/rss/318764/feed": "film-reviews",
    "https://www.scmp.com/rss/329156/feed": "korean-film",
    "https://www.koreaherald.com/rss/kh_LifeCulture": "korean-film",
    "https://feed.koreatimes.co.kr/k/entertainment.xml": "korean-film",
    "https://en.yna.co.kr/RSS/culture.xml": "korean-film",
    "https://www.hancinema.net/rss.xml": "korean-film",
    "https://www.soompi.com/feed": "korean-film",
    "https://variety.com/v/film/reviews/feed/": "film-reviews",
    "https://www.hollywoodreporter.com/c/movies/movie-reviews/feed/": "film-reviews",
    "https://www.rogerebert.com/reviews/feed": "film-reviews",
    "https://www.theguardian.com/film/film+tone/reviews/rss": "film-reviews",
    "https://www.whats-on-netflix.com/feed/": "netflix",
    "https://www.whats-on-netflix.com/whats-new/feed/": "netflix",
    "https://usa.newonnetflix.info/feed": "netflix",
    "https://decider.com/feed/": "netflix",
    "https://www.yna.co.kr/rss/entertainment.xml": "korean",
    "http://www.cine21.com/rss/news.xml": "korean",
}

SHIPPED = sorted(catalog_dir().glob("*.toml"))


# -- the shipped catalog ---------------------------------------------------------------------


def test_shipped_collections() -> None:
    catalog = load_catalog(catalog_dir())
    # in name order, so `tracker feeds list` and errors are stable
    assert list(catalog) == ["film-reviews", "korean", "korean-film", "netflix"]
    assert sorted(p.stem for p in SHIPPED) == list(catalog)


def test_every_listed_source_is_in_its_collection() -> None:
    catalog = load_catalog(catalog_dir())
    where = {f.url: name for name, c in catalog.items() for f in c.feeds}
    assert where == LISTED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_file_is_well_formed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    # the note on unverified URLs comes first, before the data
    head = text.split("[collection]")[0]
    assert "could not be verified" in head and "tracker feeds check" in head
    data = tomllib.loads(text)
    assert data["collection"]["name"] == path.stem
    for feed in data["feeds"]:
        for key in ("url", "site"):
            parts = urlsplit(feed[key])
            assert parts.scheme in ("http", "https") and parts.hostname, feed[key]
        assert feed["kind"] in {k.value for k in FeedKind}
        assert isinstance(feed["korean_only"], bool)
        assert feed["title"].strip()


def test_no_url_twice_across_shipped_collections() -> None:
    urls = [f["url"] for p in SHIPPED for f in tomllib.loads(p.read_text("utf-8"))["feeds"]]
    assert len(urls) == len(set(urls))
    assert len({u.lower() for u in urls}) == len(urls)


def test_shipped_facts() -> None:
    catalog = load_catalog(catalog_dir())
    for feed in catalog["korean"].feeds:
        assert feed.korean_only and feed.kind in (FeedKind.NEWS, FeedKind.MIXED)
    netflix = {f.url: f for f in catalog["netflix"].feeds}
    assert netflix["https://usa.newonnetflix.info/feed"].kind is FeedKind.RELEASE
    assert all(f.kind is FeedKind.REVIEW for f in catalog["film-reviews"].feeds)
    for name, collection in catalog.items():
        assert all(f.collection == name for f in collection.feeds)
        assert collection.title and collection.description


def test_the_default_config_follows_shipped_collections() -> None:
    catalog = load_catalog(catalog_dir())
    defaults = TrackerConfig().collections
    assert resolve_feeds(catalog, defaults, [])  # no CatalogError, and not empty


# -- validation errors -----------------------------------------------------------------------

GOOD = """\
[collection]
name = "{name}"
title = "T"
description = "D"

[[feeds]]
url = "{url}"
title = "F"
site = "https://site.example"
kind = "review"
korean_only = false
notes = "n"
"""


def write(folder: Path, name: str, text: str | None = None, url: str = "") -> None:
    url = url or f"https://{name}.example/feed"
    (folder / f"{name}.toml").write_text(
        text if text is not None else GOOD.format(name=name, url=url), encoding="utf-8"
    )


def test_small_catalog_loads(tmp_path: Path) -> None:
    write(tmp_path, "one")
    write(tmp_path, "two")
    (tmp_path / "README.md").write_text("not a collection")
    (tmp_path / ".#one.toml").write_text("editor lock file")
    catalog = load_catalog(tmp_path)
    assert catalog == {
        "one": Collection(
            "one",
            "T",
            "D",
            (
                FeedSpec(
                    "https://one.example/feed",
                    title="F",
                    site="https://site.example",
                    kind=FeedKind.REVIEW,
                    collection="one",
                ),
            ),
        ),
        "two": catalog["two"],
    }


def broken(replace: str, by: str) -> str:
    text = GOOD.format(name="bad", url="https://bad.example/feed")
    assert replace in text
    return text.replace(replace, by)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (broken('kind = "review"', 'kind = "reviews"'), r"bad.toml: feeds\[0\].kind: 'reviews'"),
        (broken('url = "https://bad.example/feed"', 'url = "/feed"'), r"feeds\[0\].url: '/feed'"),
        (
            broken('url = "https://bad.example/feed"', 'url = "ftp://bad.example/feed"'),
            r"feeds\[0\].url: .*not an absolute http\(s\) URL",
        ),
        (
            broken('url = "https://bad.example/feed"', 'url = "https://bad.example/a feed"'),
            r"feeds\[0\].url",
        ),
        (broken('site = "https://site.example"', 'site = "site.example"'), r"feeds\[0\].site"),
        (broken("notes =", "note ="), r"bad.toml: feeds\[0\].note: unknown key"),
        (broken("[collection]", "[collection]\nowner = 'x'"), r"collection.owner: unknown key"),
        (broken("[collection]", "version = 2\n[collection]"), r"bad.toml: version: unknown key"),
        (broken('name = "bad"', 'name = "good"'), r"collection.name: is 'good' but the file"),
        (broken('title = "T"\n', ""), r"collection.title: is required"),
        (broken("korean_only = false\n", ""), r"feeds\[0\].korean_only: is required"),
        (broken("korean_only = false", 'korean_only = "no"'), r"korean_only: must be true or"),
        (broken('title = "F"', 'title = ""'), r"feeds\[0\].title: must be a non-empty string"),
        (broken("[collection]", "[collection"), r"bad.toml: not valid TOML"),
        (GOOD.split("[[feeds]]")[0].format(name="bad"), r"bad.toml: feeds: a collection needs"),
        ("[[feeds]]\nurl = 'https://x.example/'\n", r"bad.toml: collection: a \[collection\]"),
    ],
)
def test_validation_errors_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "bad", text)
    with pytest.raises(CatalogError, match=message):
        load_catalog(tmp_path)


def test_unknown_key_hint_suggests_the_close_one(tmp_path: Path) -> None:
    write(tmp_path, "bad", broken("korean_only", "koreanonly"))
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path)
    assert info.value.hint == "did you mean 'korean_only'?"


def test_duplicate_url_across_collections(tmp_path: Path) -> None:
    write(tmp_path, "alpha", url="https://same.example/feed")
    # scheme and host are case-insensitive: still the same feed
    write(tmp_path, "beta", url="HTTPS://Same.Example/feed")
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path)
    assert info.value.message == (
        "beta.toml: feeds[0].url: HTTPS://Same.Example/feed is already listed at "
        "alpha.toml: feeds[0].url"
    )


def test_duplicate_url_within_one_file(tmp_path: Path) -> None:
    one = GOOD.format(name="dup", url="https://d.example/f")
    write(tmp_path, "dup", one + one.split("\n\n", 1)[1])
    with pytest.raises(CatalogError, match=r"dup.toml: feeds\[1\].url: .* at dup.toml: feeds\[0\]"):
        load_catalog(tmp_path)


def test_path_differs_only_in_case_is_another_feed(tmp_path: Path) -> None:
    write(tmp_path, "alpha", url="https://same.example/Feed")
    write(tmp_path, "beta", url="https://same.example/feed")
    assert len(load_catalog(tmp_path)) == 2


def test_bad_file_name_and_missing_folder(tmp_path: Path) -> None:
    write(tmp_path, "Bad_Name")
    with pytest.raises(CatalogError, match=r"Bad_Name\.toml: .*lower-case"):
        load_catalog(tmp_path)
    with pytest.raises(CatalogError, match="missing"):
        load_catalog(tmp_path / "nowhere")


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "latin.toml").write_bytes(
        GOOD.format(name="latin", url="https://l.x/").encode() + b"# caf\xe9\n"
    )
    with pytest.raises(CatalogError, match=r"latin\.toml: cannot be read"):
        load_catalog(tmp_path)


# -- resolve_feeds ---------------------------------------------------------------------------


def spec(url: str, collection: str | None = None, **kw: object) -> FeedSpec:
    return FeedSpec(url, collection=collection, **kw)  # type: ignore[arg-type]


CATALOG = {
    "a": Collection("a", "A", "", (spec("https://a/1", "a", title="A1"), spec("https://a/2", "a"))),
    "b": Collection("b", "B", "", (spec("https://b/1", "b", title="B1", site="https://b"),)),
}


def test_resolve_orders_collections_then_extra() -> None:
    extra = [spec("https://x/1"), spec("https://x/2")]
    urls = [f.url for f in resolve_feeds(CATALOG, ["b", "a"], extra)]
    assert urls == ["https://b/1", "https://a/1", "https://a/2", "https://x/1", "https://x/2"]
    assert [f.collection for f in resolve_feeds(CATALOG, ["a"], [])] == ["a", "a"]


def test_resolve_nothing() -> None:
    assert resolve_feeds(CATALOG, [], []) == []


def test_extra_overrides_a_catalog_feed_in_place() -> None:
    override = spec("https://B/1", kind=FeedKind.RELEASE, korean_only=True)
    feeds = resolve_feeds(CATALOG, ["a", "b"], [spec("https://x/1"), override])
    assert [f.url for f in feeds] == ["https://a/1", "https://a/2", "https://B/1", "https://x/1"]
    # the config's spec wins; the catalog fills in the title and site it did not give
    assert feeds[2] == FeedSpec(
        "https://B/1",
        title="B1",
        site="https://b",
        kind=FeedKind.RELEASE,
        korean_only=True,
        collection=None,
    )
    titled = resolve_feeds(CATALOG, ["a"], [spec("https://a/1", title="Mine")])
    assert titled[0].title == "Mine"


def test_no_duplicates_from_repeated_names_or_extras() -> None:
    feeds = resolve_feeds(
        CATALOG, ["a", "a"], [spec("https://x/1"), spec("https://x/1", title="2")]
    )
    assert [f.url for f in feeds] == ["https://a/1", "https://a/2", "https://x/1"]
    assert feeds[2].title is None


def test_unknown_collections_are_listed_with_the_known_names() -> None:
    with pytest.raises(CatalogError) as info:
        resolve_feeds(CATALOG, ["a", "c", "bb"], [])
    assert info.value.message == "unknown collections 'c', 'bb'; known collections: a, b"
    with pytest.raises(CatalogError) as info:
        resolve_feeds(load_catalog(catalog_dir()), ["netflx"], [])
    assert "film-reviews, korean, korean-film, netflix" in info.value.message
    assert info.value.hint == "did you mean 'netflix'?"
