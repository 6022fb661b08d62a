"""Import 10,000 Arabic articles of ~3 KB into a new project, beside a plain-sqlite3 baseline.

    .venv/bin/python benchmarks/bench_import.py [--articles 10000] [--repeats 3]

The articles are made from the seed's sentences (shuffled, so every one is a
different document) and written as UTF-8 .txt files. The baseline inserts the
same rows (uid, title, text) with ``sqlite3.executemany`` in one transaction
into a fresh file with the same table, in the same run. Figures are medians.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "resources" / "samples" / "000_173f9dae85055ffa.txt"


def make_articles(folder: Path, n: int, *, seed: int = 7) -> list[tuple[str, str]]:
    text = SEED.read_text(encoding="utf-8")
    sentences = [s.strip() for s in re.split(r"(?<=[.،])\s+", text) if len(s.strip()) > 20]
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        body: list[str] = []
        while sum(len(s) for s in body) < 1500:  # ~3 KB of UTF-8 Arabic
            body.append(rng.choice(sentences))
        title = f"مقال {i}: {body[0][:40]}"
        article = title + "\n\n" + "\n\n".join(body) + "\n"
        (folder / f"{i:05d}.txt").write_text(article, encoding="utf-8")
        articles.append((title, article))
    return articles


def bench_baseline(articles: list[tuple[str, str]], db_path: Path) -> float:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, title TEXT,"
        " source TEXT, text TEXT, meta TEXT, n_chars INTEGER, n_words INTEGER, ord INTEGER,"
        " created TEXT)"
    )
    start = time.perf_counter()
    rows = [
        (
            hashlib.sha256(text.encode()).hexdigest()[:32],
            title,
            "",
            text,
            "{}",
            len(text),
            len(text.split()),
            i,
            "now",
        )
        for i, (title, text) in enumerate(articles)
    ]
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO documents(uid, title, source, text, meta, n_chars, n_words, ord, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def bench_read_files(folder: Path) -> float:
    """Only opening and reading every file: the part of an import no insert avoids."""
    start = time.perf_counter()
    for path in sorted(folder.iterdir()):
        path.read_bytes()
    return time.perf_counter() - start


def bench_import(folder: Path, db_path: Path) -> tuple[float, int]:
    from annotator.core.importer import ImportOptions, import_paths
    from annotator.core.store import Project

    project = Project.create(db_path)
    start = time.perf_counter()
    report = import_paths(project, [folder], options=ImportOptions(fmt="txt"))
    elapsed = time.perf_counter() - start
    count = project.documents.count()
    project.close()
    assert not report.failed, report.failed[:3]
    return elapsed, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    # Import the code under test before timing: start-up is not import speed.
    import annotator.core.importer  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        articles = make_articles(folder, args.articles)
        size_kb = statistics.mean(len(t.encode()) for _, t in articles) / 1024
        baseline, reading, ours = [], [], []
        for r in range(args.repeats):
            baseline.append(bench_baseline(articles, Path(tmp) / f"base{r}.sqlite"))
            reading.append(bench_read_files(folder))
            elapsed, count = bench_import(folder, Path(tmp) / f"proj{r}.sqlite")
            assert count == len(articles), count
            ours.append(elapsed)
    base, imp = statistics.median(baseline), statistics.median(ours)
    read = statistics.median(reading)
    n = args.articles
    print(f"{n} articles, {size_kb:.1f} KB each on average, median of {args.repeats} runs")
    print(f"{'what':<44}{'seconds':>9}{'articles/s':>12}{'ratio':>8}")
    print(
        f"{'baseline: sqlite3 executemany, 1 transaction':<44}{base:>9.3f}{n / base:>12,.0f}"
        f"{1:>8.2f}"
    )
    print(
        f"{'reading the files alone (open + read bytes)':<44}{read:>9.3f}{n / read:>12,.0f}"
        f"{read / base:>8.2f}"
    )
    print(
        f"{'annotator import (read, decode, clean, store)':<44}{imp:>9.3f}{n / imp:>12,.0f}"
        f"{imp / base:>8.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
