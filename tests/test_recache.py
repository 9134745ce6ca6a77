"""The compiled patterns' table (``tracker.understand.scan.recache``): a pattern built from its
recorded code is ``re.compile``'s, match for match; a table another Python wrote, a damaged
file or damaged code is never used; and the classifier warmed from a table answers as it does
without one."""

from __future__ import annotations

import json
import marshal
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tracker.evaluate import entry_from_line, load_feed_hints, read_jsonl
from tracker.understand.classify import classify
from tracker.understand.scan import recache
from tracker.understand.scan.prefilter import Pattern

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "labeled" / "items.jsonl"

# the shapes the classifier's patterns take: flags given and inline, named and numbered groups,
# lookarounds, classes, Hangul, a backreference, a large alternation
SOURCES: list[tuple[str, int]] = [
    (r"\breview\b", re.IGNORECASE),
    (r"(?i)(?P<film>[A-Z][a-z]+) review", 0),
    (r"(?<![\w'])(\d{1,2})\s*월\s*(\d{1,2})\s*일", 0),
    (r"(?x) (?P<n> \d+ ) \s* / \s* (?P<of> 5|10 )", 0),
    (r"(['\"])(.+?)\1", re.DOTALL),
    (r"^netflix|disney\+$", re.IGNORECASE | re.MULTILINE),
    ("|".join(f"name{n:04d}" for n in range(2000)) + r"(?!\w)", 0),
    (r"[가-힣]{2,}(?:\s+[가-힣]+)*", 0),
]
TEXTS = [
    "Parasite review: 4/5 stars",
    "'기생충' 5월 30일 개봉… NETFLIX",
    'He said "Oldboy" twice. name0042 and name1999x',
    "Disney+\nnetflix review Review REVIEW",
    "",
]


def _warm() -> None:
    for source, flags in SOURCES:
        recache.compile(source, flags)


def _same(a: re.Pattern[str], b: re.Pattern[str], texts: list[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (
        b.pattern,
        b.flags,
        b.groups,
        b.groupindex,
    )
    for text in texts:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)]
        assert a.sub("_", text) == b.sub("_", text)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "compiled-re.bin"
    assert recache.record(path, _warm) == len(SOURCES)
    return path


def test_a_pattern_built_from_the_table_is_re_s_own(table: Path) -> None:
    labelled = [str(line["title"]) for line in read_jsonl(LABELLED)]
    assert recache.use(table) == len(SOURCES)
    try:
        for source, flags in SOURCES:
            built = recache.compile(source, flags)
            assert built is not re.compile(source, flags)  # really from the table
            _same(built, re.compile(source, flags), TEXTS + labelled)
            assert recache.compile(source, flags) is built  # built once, as re caches
        # a pattern the table does not hold, or holds with other flags, compiles as re does
        assert recache.compile(r"\bfilm\b", 0) is re.compile(r"\bfilm\b", 0)
        assert recache.compile(r"\breview\b", 0) is re.compile(r"\breview\b", 0)
    finally:
        recache.use(recache.TABLE)


def test_a_table_another_python_or_other_code_wrote_is_not_read(
    table: Path, tmp_path: Path
) -> None:
    stamp, entries, facts = marshal.loads(table.read_bytes())
    other = tmp_path / "other.bin"
    other.write_bytes(marshal.dumps((stamp, entries, facts)))
    assert recache.use(other) == len(SOURCES)  # as written, it is read
    for changed in (
        ("pypy", *stamp[1:]),
        (stamp[0], (3, 99), *stamp[2:]),
        (*stamp[:2], stamp[2] + 1, *stamp[3:]),
        # the facts were derived by other code (an edited checkout, another version)
        (*stamp[:4], "0" * 16),
    ):
        other.write_bytes(marshal.dumps((changed, entries, facts)))
        assert recache.use(other) == 0
        assert recache.loaded_facts() == 0
    for damaged in (
        b"",
        b"not marshal",
        table.read_bytes()[:100],
        marshal.dumps((5, entries, facts)),
        marshal.dumps([stamp]),
        marshal.dumps((stamp, [entries], facts)),
        marshal.dumps((stamp, entries, [facts])),
        marshal.dumps((stamp, entries)),  # a table of the version before facts
    ):
        other.write_bytes(damaged)
        assert recache.use(other) == 0
    assert recache.use(tmp_path / "missing.bin") == 0
    recache.use(recache.TABLE)


def test_damaged_code_compiles_as_re_does(table: Path, tmp_path: Path) -> None:
    stamp, entries, facts = marshal.loads(table.read_bytes())
    source, flags = SOURCES[0]
    flags_given, final, code, groups, groupindex, indexgroup = entries[source][0]
    entries[source] = [(flags_given, final, [999, *code[1:]], groups, groupindex, indexgroup)]
    damaged = tmp_path / "damaged.bin"
    # and an entry that is no entry at all
    other, other_flags = SOURCES[1]
    entries[other] = [None]
    damaged.write_bytes(marshal.dumps((stamp, entries, facts)))
    assert recache.use(damaged) == len(SOURCES)
    try:
        assert recache.compile(source, flags) is re.compile(source, flags)
        assert recache.compile(other, other_flags) is re.compile(other, other_flags)
    finally:
        recache.use(recache.TABLE)


_RECORD = """
import sys
from pathlib import Path
from tracker.understand.ingest import warm_up
from tracker.understand.scan.recache import record
print(record(Path(sys.argv[1]), warm_up))
"""

_CLASSIFY = """
import json, sys
from pathlib import Path
from datetime import datetime
from tracker.evaluate import entry_from_line, load_feed_hints, read_jsonl
from tracker.understand.scan import recache
from tracker.understand.scan.prefilter import Pattern
if sys.argv[1] != "-":
    assert recache.use(Path(sys.argv[1])) > 800
from tracker.understand.classify import classify
from tracker.understand.ingest import warm_up
warm_up()
hints = load_feed_hints()
for line in read_jsonl(Path(sys.argv[2])):
    got = classify(
        entry_from_line(line),
        feed=hints.get(str(line.get("feed_url"))),
        published=datetime.fromisoformat(str(line["published"])),
    )
    print(json.dumps([got.kind.value, got.korean, got.film, got.rating, got.platform,
                      str(got.release_date), list(got.reasons)], ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def classifier_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The classifier's table, recorded as the build hook records it: in a new process, where
    nothing is compiled yet."""
    folder = tmp_path_factory.mktemp("table")
    path = folder / "compiled-re.bin"
    recorded = subprocess.run(
        [sys.executable, "-c", _RECORD, str(path)],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    assert int(recorded.stdout) > 800  # the curated names' alternations, every module's patterns
    assert recache.use(path) == len(marshal.loads(path.read_bytes())[1])
    assert recache.loaded_facts() > 600  # what each Pattern of the classifier read off its tree
    recache.use(recache.TABLE)
    return path


#: what a ``Pattern`` reads off its tree (``prefilter``), compared slot by slot
_FACT_SLOTS = (
    "_ascii_needles",
    "_ascii_subs",
    "_exact",
    "_folds",
    "_needles",
    "_subs",
    "_words",
    "_words_only",
)


def _facts_of(pattern: Pattern) -> tuple[object, ...]:
    pattern.compiled  # noqa: B018 (compiling derives them)
    finder = pattern._finder
    return (
        *(getattr(pattern, slot) for slot in _FACT_SLOTS),
        None if finder is None else (finder.pattern, finder.flags),
        tuple((*_facts_of(branch), branch.source) for branch in pattern._branches),
    )


def test_the_facts_a_pattern_takes_from_the_table_are_the_ones_it_derives(
    classifier_table: Path, tmp_path: Path
) -> None:
    sources = [
        (source, flags)
        for source, facts in marshal.loads(classifier_table.read_bytes())[2].items()
        for flags, _ in facts
    ]
    assert len(sources) > 600
    derived = [_facts_of(Pattern(source, flags)) for source, flags in sources]
    recache.use(classifier_table)
    try:
        taken = [_facts_of(Pattern(source, flags)) for source, flags in sources]
        # taken from the table indeed: each is taken once, and what they took is gone
        assert recache.loaded_facts() < len({source for source, _ in sources}) // 10
    finally:
        recache.use(recache.TABLE)
    assert taken == derived
    # the gates and finders do something: most patterns have needles, many a finder
    assert sum(1 for facts in taken if facts[4] is not None) > len(taken) // 2
    assert sum(1 for facts in taken if facts[-2] is not None) > 100


def test_the_classifier_warmed_from_a_table_answers_as_without_one(
    classifier_table: Path, tmp_path: Path
) -> None:
    path = classifier_table

    def run(table: str) -> list[object]:
        done = subprocess.run(
            [sys.executable, "-c", _CLASSIFY, table, str(LABELLED)],
            # not the checkout's folder: the tracker installed (the wheel's, in CI) is the one run
            cwd=tmp_path,
            check=True,
            capture_output=True,
            text=True,
        )
        return [json.loads(line) for line in done.stdout.splitlines()]

    with_table, without = run(str(path)), run("-")
    assert len(with_table) == len(read_jsonl(LABELLED)) > 100
    assert with_table == without
    # and both are this process's answers
    hints = load_feed_hints()
    first = read_jsonl(LABELLED)[0]
    here = classify(
        entry_from_line(first),
        feed=hints.get(str(first.get("feed_url"))),
        published=datetime.fromisoformat(str(first["published"])),
    )
    assert with_table[0][:3] == [here.kind.value, here.korean, here.film]
