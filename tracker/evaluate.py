"""Measure the classifier and the film matcher against a labelled JSONL set.

``python -m tracker.evaluate FILE.jsonl [--json] [--no-catalog] [--errors]``

Owns the metrics (kind accuracy, Korean precision/recall/F1, film-title exact match, rating
exact match, platform accuracy, release-date exact match, pairwise clustering F1) and turning
labelled lines into ``EntryData``. A developer tool: it reads the file it is given and, when the
package has a feed catalog, looks up each line's ``feed_url`` there for the feed's hints. It
must not touch the network or a database.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from tracker.text import one_line, plain_quotes, strip_html
from tracker.types import EntryData, FeedSpec
from tracker.understand.classify import Classification, classify
from tracker.understand.match import ClusterInput, cluster, syndicated_groups


def entry_from_line(line: Mapping[str, Any]) -> EntryData:
    """The ``EntryData`` a parsed feed would give for one labelled line."""
    return EntryData(
        identity=str(line.get("guid") or line.get("link") or line.get("id")),
        title=str(line.get("title") or ""),
        link=line.get("link"),
        published=_published(line),
        summary=line.get("summary"),
        content=line.get("content"),
        author=line.get("author"),
        categories=tuple(line.get("categories") or ()),
        image=line.get("image"),
        guid=line.get("guid"),
        extra=dict(line.get("extra") or {}),
    )


def _published(line: Mapping[str, Any]) -> datetime:
    return datetime.fromisoformat(str(line["published"]))


def load_feed_hints() -> dict[str, FeedSpec]:
    """Feed URL -> FeedSpec from the shipped catalog, or an empty mapping when the package has
    no catalog module (or it cannot be read): hints are optional."""
    try:
        from tracker.config.catalog import load_catalog  # optional: the catalog is another module
        from tracker.resources import catalog_dir
    except ImportError:
        return {}
    try:
        catalog = load_catalog(catalog_dir())
    except Exception:  # a broken catalog must not stop an evaluation
        return {}
    return {spec.url: spec for collection in catalog.values() for spec in collection.feeds}


def _norm(value: str) -> str:
    return one_line(plain_quotes(value)).casefold().strip(" '\"")


@dataclass
class Report:
    """The metrics, and the lines that missed, for ``--errors``."""

    n: int = 0
    kind_accuracy: float = 0.0
    korean_precision: float = 0.0
    korean_recall: float = 0.0
    korean_f1: float = 0.0
    film_exact: float = 0.0
    film_n: int = 0
    rating_exact: float = 0.0
    rating_n: int = 0
    rating_spurious: int = 0
    platform_accuracy: float = 0.0
    release_date_exact: float = 0.0
    release_n: int = 0
    cluster_precision: float = 0.0
    cluster_recall: float = 0.0
    cluster_f1: float = 0.0
    syndicated: list[list[str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "errors"}


def _ratio(good: int, total: int) -> float:
    return good / total if total else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(lines: Sequence[Mapping[str, Any]], hints: Mapping[str, FeedSpec]) -> Report:
    """Classify and cluster every line and compare with its labels."""
    report = Report(n=len(lines))
    results: list[Classification] = []
    for line in lines:
        entry = entry_from_line(line)
        results.append(
            classify(entry, feed=hints.get(str(line.get("feed_url"))), published=_published(line))
        )

    kind_ok = platform_ok = film_ok = rating_ok = date_ok = 0
    tp = fp = fn = 0
    for line, got in zip(lines, results, strict=True):
        want = line["labels"]
        ident = str(line.get("id"))
        if got.kind.value == want["kind"]:
            kind_ok += 1
        else:
            report.errors.append(f"{ident}: kind {got.kind.value} != {want['kind']}")
        if got.korean and want["korean"]:
            tp += 1
        elif got.korean:
            fp += 1
            report.errors.append(f"{ident}: korean true != false")
        elif want["korean"]:
            fn += 1
            report.errors.append(f"{ident}: korean false != true")
        if got.platform == want.get("platform"):
            platform_ok += 1
        else:
            report.errors.append(f"{ident}: platform {got.platform} != {want.get('platform')}")
        if want.get("film"):
            report.film_n += 1
            accepted = {_norm(want["film"]), *(_norm(a) for a in want.get("film_aliases") or ())}
            if got.film is not None and _norm(got.film) in accepted:
                film_ok += 1
            else:
                report.errors.append(f"{ident}: film {got.film!r} != {want['film']!r}")
        want_rating = want.get("rating")
        if want_rating is not None:
            report.rating_n += 1
            if got.rating is not None and abs(got.rating - float(want_rating)) <= 0.01:
                rating_ok += 1
            else:
                report.errors.append(f"{ident}: rating {got.rating} != {want_rating}")
        elif got.rating is not None:
            report.rating_spurious += 1
            report.errors.append(f"{ident}: rating {got.rating} ({got.rating_text!r}) != null")
        if want["kind"] == "release":
            report.release_n += 1
            wanted = want.get("release_date")
            got_date = got.release_date.isoformat() if isinstance(got.release_date, date) else None
            if got_date == wanted:
                date_ok += 1
            else:
                report.errors.append(f"{ident}: release_date {got_date} != {wanted}")

    report.kind_accuracy = _ratio(kind_ok, len(lines))
    report.platform_accuracy = _ratio(platform_ok, len(lines))
    report.film_exact = _ratio(film_ok, report.film_n)
    report.rating_exact = _ratio(rating_ok, report.rating_n)
    report.release_date_exact = _ratio(date_ok, report.release_n)
    report.korean_precision = _ratio(tp, tp + fp)
    report.korean_recall = _ratio(tp, tp + fn)
    report.korean_f1 = _f1(report.korean_precision, report.korean_recall)

    inputs = [
        ClusterInput(
            film=got.film,
            film_hangul=got.film_hangul,
            year=got.year,
            published=_published(line),
            korean=got.korean,
            title=str(line.get("title") or ""),
            text=strip_html(f"{line.get('summary') or ''}\n{line.get('content') or ''}"),
        )
        for line, got in zip(lines, results, strict=True)
    ]
    clusters = cluster(inputs)
    keyed = [i for i, line in enumerate(lines) if line["labels"].get("film_key")]
    ctp = cfp = cfn = 0
    for i, j in combinations(keyed, 2):
        same = lines[i]["labels"]["film_key"] == lines[j]["labels"]["film_key"]
        predicted = clusters[i] is not None and clusters[i] == clusters[j]
        if same and predicted:
            ctp += 1
        elif predicted:
            cfp += 1
            report.errors.append(f"{lines[i]['id']} + {lines[j]['id']}: clustered, differ")
        elif same:
            cfn += 1
            report.errors.append(f"{lines[i]['id']} + {lines[j]['id']}: same film, apart")
    report.cluster_precision = _ratio(ctp, ctp + cfp)
    report.cluster_recall = _ratio(ctp, ctp + cfn)
    report.cluster_f1 = _f1(report.cluster_precision, report.cluster_recall)

    groups: dict[int, list[str]] = {}
    for line, group in zip(lines, syndicated_groups(inputs), strict=True):
        groups.setdefault(group, []).append(str(line.get("id")))
    report.syndicated = [ids for ids in groups.values() if len(ids) > 1]
    return report


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _print(report: Report) -> None:
    rows = [
        ("entries", f"{report.n}"),
        ("kind accuracy", f"{report.kind_accuracy:.3f}"),
        (
            "korean precision / recall / F1",
            f"{report.korean_precision:.3f} / {report.korean_recall:.3f} / {report.korean_f1:.3f}",
        ),
        ("film exact", f"{report.film_exact:.3f} (of {report.film_n})"),
        (
            "rating exact",
            f"{report.rating_exact:.3f} (of {report.rating_n}; "
            f"{report.rating_spurious} predicted where none)",
        ),
        ("platform accuracy", f"{report.platform_accuracy:.3f}"),
        ("release date exact", f"{report.release_date_exact:.3f} (of {report.release_n})"),
        (
            "cluster precision / recall / F1",
            f"{report.cluster_precision:.3f} / {report.cluster_recall:.3f} / "
            f"{report.cluster_f1:.3f}",
        ),
        ("syndicated groups", ", ".join("=".join(g) for g in report.syndicated) or "none"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tracker.evaluate", description=__doc__)
    parser.add_argument("file", type=Path, help="labelled entries, one JSON object a line")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-catalog", action="store_true", help="ignore the feed hints")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    lines = read_jsonl(args.file)
    report = evaluate(lines, {} if args.no_catalog else load_feed_hints())
    if args.json:
        print(json.dumps(report.as_dict(), indent=None))
    else:
        _print(report)
    if args.errors:
        print("\n".join(report.errors), file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
