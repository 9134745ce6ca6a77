"""In-place config edits (add_feeds, remove_feed) and the starter config of `tracker init`."""

from __future__ import annotations

import re
import tomllib
from datetime import timedelta
from typing import Any

import pytest
from pydantic import BaseModel

from tracker.config.edit import add_feeds, remove_feed, starter_config
from tracker.config.schema import Config, FeedConfig, SmtpConfig, load_config
from tracker.exceptions import ConfigError
from tracker.types import FeedKind, FeedSpec

USER = """\
# My tracker config.   Hand-written: spacing,   quoting and comments must survive.
[tracker]
collections = [ 'korean-film' ]   # only Korean film

# Feeds I follow myself
[[feeds]]
url = 'https://a.example/feed'  # critic A
title = "A"

# critic B writes on Thursdays
[[feeds]]
url = "https://b.example/feed"
kind = "review"
# korean_only = true   (not yet)
include = [
  "Korean",    # the interesting ones
  "[review]",
]

# ---- polling ----
# Poll settings follow.
[poll]
interval="2h"
"""


def spec(url: str, **kw: Any) -> FeedSpec:
    return FeedSpec(url, **kw)


# -- add_feeds -------------------------------------------------------------------------------


def test_add_goes_after_the_last_feeds_table_and_keeps_every_other_byte() -> None:
    new, added = add_feeds(USER, [spec("https://c.example/feed", title="C")])
    assert added == ["https://c.example/feed"]
    head, tail = USER.split("\n# ---- polling ----")
    assert new == (
        head + '\n[[feeds]]\nurl = "https://c.example/feed"\ntitle = "C"\nkind = "mixed"\n'
        "\n# ---- polling ----" + tail
    )
    assert [f.url for f in load_config(new).feeds][-1] == "https://c.example/feed"


def test_add_writes_only_keys_the_config_accepts() -> None:
    new, _ = add_feeds(
        "",
        [
            spec(
                "https://k.example/rss?a=1&b=2",
                title='Say "씨네21"\\ and more',
                site="https://k.example",  # no `site` key in the config: left out
                kind=FeedKind.REVIEW,
                korean_only=True,
                interval=timedelta(days=1, hours=2, minutes=3, seconds=4),
                include=("film",),
                exclude=("drama", "K-pop"),
                collection="ignored",
            )
        ],
    )
    assert new == (
        "[[feeds]]\n"
        'url = "https://k.example/rss?a=1&b=2"\n'
        'title = "Say \\"씨네21\\"\\\\ and more"\n'
        'kind = "review"\n'
        "korean_only = true\n"
        'interval = "1d2h3m4s"\n'
        'include = ["film"]\n'
        'exclude = ["drama", "K-pop"]\n'
    )
    feed = load_config(new).feeds[0]
    assert feed.to_spec() == spec(
        "https://k.example/rss?a=1&b=2",
        title='Say "씨네21"\\ and more',
        kind=FeedKind.REVIEW,
        korean_only=True,
        interval=timedelta(days=1, hours=2, minutes=3, seconds=4),
        include=("film",),
        exclude=("drama", "K-pop"),
    )


def test_add_skips_present_urls_and_repeats() -> None:
    feeds = [spec("https://b.example/feed"), spec("https://d.example/"), spec("https://d.example/")]
    new, added = add_feeds(USER, feeds)
    assert added == ["https://d.example/"]
    assert new.count("https://d.example/") == 1
    assert add_feeds(USER, [spec("https://a.example/feed")]) == (USER, [])
    assert add_feeds(USER, []) == (USER, [])


def test_add_several_at_once_in_order() -> None:
    new, added = add_feeds(USER, [spec(f"https://n{i}.example/") for i in range(3)])
    assert added == [f"https://n{i}.example/" for i in range(3)]
    urls = [f.url for f in load_config(new).feeds]
    assert urls[2:] == added
    assert new.endswith('\n# ---- polling ----\n# Poll settings follow.\n[poll]\ninterval="2h"\n')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", '[[feeds]]\nurl = "https://e.example/"\nkind = "mixed"\n'),
        (
            "[poll]\ninterval = '2h'",  # no newline at the end
            '[poll]\ninterval = \'2h\'\n\n[[feeds]]\nurl = "https://e.example/"\nkind = "mixed"\n',
        ),
        (
            "# just a comment\n",
            '# just a comment\n\n[[feeds]]\nurl = "https://e.example/"\nkind = "mixed"\n',
        ),
    ],
)
def test_add_to_a_file_without_feeds(text: str, expected: str) -> None:
    assert add_feeds(text, [spec("https://e.example/")]) == (expected, ["https://e.example/"])


def test_add_to_an_inline_array() -> None:
    text = "# inline\nfeeds = [{ url = 'https://a.example/' }]  # keep\n\n[poll]\ninterval = '2h'\n"
    new, added = add_feeds(text, [spec("https://b.example/", title="B")])
    assert added == ["https://b.example/"]
    assert new.startswith("# inline\nfeeds = [{ url = 'https://a.example/' }, {")
    assert new.endswith("]  # keep\n\n[poll]\ninterval = '2h'\n")
    assert [f.url for f in load_config(new).feeds] == ["https://a.example/", "https://b.example/"]
    new, _ = add_feeds("feeds = []\n", [spec("https://b.example/")])
    assert [f.url for f in load_config(new).feeds] == ["https://b.example/"]


def test_tricky_toml_does_not_fool_the_scanner() -> None:
    text = (
        "[digest]\n"
        'subject = """\n'
        "[[feeds]]\n"  # inside a multi-line string: not a header
        'url = "https://fake.example/"\\\n'
        '"""\n'
        "\n"
        "[[feeds]]\n"
        "url = 'https://a.example/'\n"
        "exclude = [\n"
        "[1],\n"
        "  ]  # ] [ \n"
        "\n"
        "['feeds'.'x']\n"
        "k = '''\n"
        "[poll]\n"
        "'''\n"
        "\n"
        '[ "poll" ]\n'
        "interval = '2h'\n"
    )
    new, _ = add_feeds(text, [spec("https://b.example/")])
    pos = new.index('[[feeds]]\nurl = "https://b.example/"')
    assert new[:pos] == text[: text.index('[ "poll" ]')]
    assert tomllib.loads(new)["feeds"][1]["url"] == "https://b.example/"
    removed, ok = remove_feed(new, "https://a.example/")
    assert ok
    real = text.index('"""\n\n[[feeds]]') + len('"""\n\n')
    assert removed == text[:real] + new[pos:]


def test_add_refuses_broken_toml_and_odd_feeds() -> None:
    with pytest.raises(ConfigError, match=r"\(syntax\)"):
        add_feeds("[poll\n", [spec("https://a.example/")])
    with pytest.raises(ConfigError, match="feeds: must be a list of"):
        add_feeds("[feeds]\nurl = 'x'\n", [spec("https://a.example/")])


# -- remove_feed -----------------------------------------------------------------------------


def test_remove_middle_feed_takes_its_own_comment_with_it() -> None:
    text = add_feeds(USER, [spec("https://c.example/feed", title="C")])[0]
    new, removed = remove_feed(text, "https://b.example/feed")
    assert removed
    start = text.index("# critic B")
    end = text.index('[[feeds]]\nurl = "https://c.example/feed"')
    assert new == text[:start] + text[end:]


def test_remove_last_feed_keeps_the_next_sections_comment() -> None:
    new, removed = remove_feed(USER, "https://b.example/feed")
    assert removed
    assert new == USER[: USER.index("# critic B")] + USER[USER.index("# ---- polling") :]
    assert [f.url for f in load_config(new).feeds] == ["https://a.example/feed"]


def test_remove_first_feed_keeps_the_section_comment_above_it() -> None:
    new, _ = remove_feed(USER, "https://a.example/feed")
    # "# Feeds I follow myself" introduces the feeds (the table above is not a feed): it stays,
    # and so does the blank line under A that separates it from B's comment
    assert new == USER[: USER.index("[[feeds]]")] + USER[USER.index("\n# critic B") :]


def test_remove_every_feed() -> None:
    new, _ = remove_feed(USER, "https://b.example/feed")
    new, _ = remove_feed(new, "https://a.example/feed")
    assert "feeds" not in tomllib.loads(new)
    expected = USER[: USER.index("[[feeds]]")] + "\n" + USER[USER.index("# ---- polling") :]
    assert new == expected
    assert new.startswith("# My tracker config.") and "# Feeds I follow myself\n\n# ----" in new


def test_remove_at_the_end_of_the_file_leaves_no_trailing_gap() -> None:
    text = "[poll]\ninterval = '2h'\n\n[[feeds]]\nurl = 'https://a.example/'\n"
    assert remove_feed(text, "https://a.example/") == ("[poll]\ninterval = '2h'\n", True)


def test_remove_unknown_url_changes_nothing() -> None:
    assert remove_feed(USER, "https://nope.example/") == (USER, False)
    assert remove_feed("", "https://nope.example/") == ("", False)
    # a catalog feed is not a [[feeds]] entry: the caller tells the user to drop the collection
    assert remove_feed(USER, "https://www.hancinema.net/rss.xml") == (USER, False)


def test_remove_from_an_inline_array() -> None:
    text = "feeds = [{url = 'https://a.example/'}, {url = 'https://b.example/'}]\n# end\n"
    new, removed = remove_feed(text, "https://a.example/")
    assert removed and new.endswith("]\n# end\n")
    assert tomllib.loads(new)["feeds"] == [{"url": "https://b.example/"}]


def test_add_then_remove_restores_the_file() -> None:
    for text in (USER, starter_config(), "", "[poll]\ninterval = '2h'\n"):
        added, _ = add_feeds(text, [spec("https://z.example/", title="Z")])
        assert added != text
        assert remove_feed(added, "https://z.example/") == (text, True)


# -- the starter config ----------------------------------------------------------------------

# a commented-out setting (`# key = ...`, `# [smtp]`) or a comment inside a commented-out block
_OFF = re.compile(r"^# (\[\[?\w+\]\]?|\w+ = .*|# .*)$")


def uncommented(text: str) -> str:
    return "\n".join(line[2:] if _OFF.match(line) else line for line in text.splitlines())


def test_starter_config_loads_with_the_defaults() -> None:
    text = starter_config()
    assert load_config(text, source="tracker.toml") == Config()
    assert "feeds" not in tomllib.loads(text) and "smtp" not in tomllib.loads(text)


def keys(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_starter_config_shows_every_key_of_every_section() -> None:
    """Uncommenting the `# key = value` lines turns on every key the config models have: so a
    key added to tracker/config.py and forgotten here fails this test."""
    data = tomllib.loads(uncommented(starter_config()))
    assert set(data) == keys(Config)
    for section, field in Config.model_fields.items():
        if section == "feeds":
            assert set(data["feeds"][0]) == keys(FeedConfig)
            continue
        model = field.annotation
        if model is not None and not isinstance(model, type):  # SmtpConfig | None
            model = next(a for a in model.__args__ if a is not type(None))
        assert isinstance(model, type) and issubclass(model, BaseModel)
        assert set(data[section]) == keys(model), section


def test_commented_out_values_are_valid_and_smtp_shows_its_defaults() -> None:
    config = load_config(uncommented(starter_config()))
    assert config.smtp is not None
    defaults = SmtpConfig(host="x")
    assert (config.smtp.security, config.smtp.timeout) == (defaults.security, defaults.timeout)
    assert config.smtp.port == defaults.effective_port
    assert config.smtp.password_env and not config.smtp.password_env.startswith("TRACKER_")
    assert config.feeds[0].url.startswith("https://")


def test_starter_config_comments_every_key_and_explains_the_outbox() -> None:
    lines = starter_config().splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^(# )?\w+ = ", line) and not line.startswith('# url = "https://letter'):
            above = lines[index - 1]
            assert above.startswith("#"), f"no comment for {line!r}"
    text = starter_config()
    assert "without an [smtp] section" in text.lower() and "outbox" in text
    assert text.endswith("\n") and "\t" not in text


def test_starter_config_with_a_database_url() -> None:
    url = 'postgresql+psycopg://me@127.0.0.1/test?application_name="k\\t"'
    text = starter_config(database_url=url)
    assert load_config(text).database.url == url
    assert text.replace("url = " + text.split("url = ", 1)[1].split("\n")[0], "") != text
    assert starter_config().count("\n") == text.count("\n")


def test_init_then_feeds_add_puts_feeds_under_the_example() -> None:
    text = starter_config()
    new, _ = add_feeds(text, [spec("https://a.example/", title="A")])
    example_end = text.index("# exclude = []\n") + len("# exclude = []\n")
    assert new == (
        text[:example_end]
        + '\n[[feeds]]\nurl = "https://a.example/"\ntitle = "A"\nkind = "mixed"\n'
        + text[example_end:]
    )
    assert load_config(new).poll == Config().poll  # [poll] did not move into the feed
