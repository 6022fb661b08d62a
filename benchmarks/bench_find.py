"""`find` across the corpus: the index against its floors, on a project of real text.

    .venv/bin/python benchmarks/bench_find.py [--docs 100000] [--repeats 5]

Builds a project of ``--docs`` articles of Wojood sentences (``_common.py``;
the index is built as they are stored) and times, medians of ``--repeats``, in
this process with the project open read-only, for a rare word, a common one, a
phrase, a word typed without its hamza and one with tashkeel, a two-letter word:

- ours: ``find_in_project(project, query)`` (up to 200 hits, with context);
- floor: the FTS5 ``MATCH`` alone (the index's own answer, document ids only);
- without the index: Ctrl+F's ``find_all`` over every document (on the first
  ``--scan-docs`` documents, scaled to the whole: it is linear).

Target (issue 14): under 0.5 s on 100,000 documents.
"""

from __future__ import annotations

import argparse
import collections
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from _common import article, median_time, sentences, table

from annotator.core import store_search
from annotator.core.search import find_in_project, fold_query
from annotator.core.store import NewDocument, Project
from annotator.core.text import find_all


def build(path: Path, n_docs: int) -> float:
    rng = random.Random(11)
    start = time.perf_counter()
    with Project.create(path) as project:
        for first in range(0, n_docs, 2000):
            with project.transaction():
                project.documents.add_many(
                    [
                        NewDocument("\n\n".join(article(rng, "real")) + f" {i}", title=f"خبر {i}")
                        for i in range(first, min(n_docs, first + 2000))
                    ]
                )
    return time.perf_counter() - start


def queries() -> list[tuple[str, str]]:
    words = collections.Counter(w for s in sentences("real") for w in s.split())
    arabic = [w for w in words if len(w) >= 4 and all("\u0621" <= c <= "\u064a" for c in w)]
    rare = next(w for w in arabic if words[w] == 1)
    common = max(arabic, key=lambda w: words[w])
    hamza = max((w for w in arabic if "أ" in w), key=lambda w: words[w])
    phrase = next(s for s in sentences("real") if len(s.split()) > 4).split()
    return [
        ("word of one sentence", rare),
        ("common word", common),
        ("phrase", " ".join(phrase[1:3])),
        ("hamza left out", hamza.replace("أ", "ا")),
        ("with tashkeel", hamza[:2] + "\u064e" + hamza[2:]),
        ("two letters", "في"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--scan-docs", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.sqlite"
        built = build(path, args.docs)
        size_mb = path.stat().st_size / 2**20
        conn = sqlite3.connect(path)
        index_mb = 0.0
        try:
            index_mb = (
                conn.execute(
                    "SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?",
                    [store_search.INDEX_TABLE + "%"],
                ).fetchone()[0]
                / 2**20
            )
        except sqlite3.OperationalError:  # SQLite built without dbstat
            pass
        conn.close()
        rows = [["query", "text", "hits", "ours s", "MATCH alone s", "scan all s (est.)"]]
        with Project.open(path, readonly=True) as project:
            texts = [
                d.text
                for _, d in zip(range(args.scan_docs), project.documents.iter(), strict=False)
            ]
            for what, query in queries():
                result = find_in_project(project, query)
                ours = median_time(lambda q=query: find_in_project(project, q), args.repeats)
                needle = fold_query(query)
                match = (
                    median_time(lambda n=needle: store_search.candidates(project, n), args.repeats)
                    if len(needle) >= store_search.GRAM
                    else float("nan")
                )
                scan = median_time(lambda q=query: [find_all(t, q) for t in texts], 1)
                rows.append(
                    [
                        what,
                        query,
                        f"{len(result.hits)}{'+' if result.truncated else ''}",
                        f"{ours:.3f}",
                        f"{match:.3f}",
                        f"{scan * args.docs / len(texts):.1f}",
                    ]
                )
                print(" | ".join(rows[-1]), flush=True)
    print(
        f"\n{args.docs:,} documents of real text, built (with the index) in {built:.0f} s;"
        f" file {size_mb:.0f} MB, of which the index {index_mb:.0f} MB;"
        f" median of {args.repeats}\n"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
