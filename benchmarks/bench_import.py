"""`annotator import` of a folder of .txt articles, beside its floor, as whole processes.

    .venv/bin/python benchmarks/bench_import.py [--docs 1000,10000] \
        [--kinds repetitive,real] [--repeats 3]

Articles of ~3 KB (``_common.py``: the seed's sentences, or the Wojood sample's
real vocabulary), one UTF-8 file each. Timed as whole processes (medians, peak
resident memory), in the same run:

- the floor, this script's ``--floor`` mode: walk the folder, read, decode,
  hash (SHA-256, as the uid), and one ``executemany`` into a table like ours
  in one transaction (WAL, ``synchronous=FULL``);
- ``annotator import -p P FOLDER --quiet`` into a new project (made by ``init``
  before the clock starts): walk, read, detect and decode, clean, titles, word
  counts, uids, store, and the find index (``store_search``);
- in this process, the find index alone (fold + FTS5 insert) of the same texts,
  to show its share.

Target (issue 14): within 2× of the floor from 10k documents up.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from _common import KINDS, PYTHON, article, median_process, table


def make_articles(folder: Path, n: int, kind: str, *, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        paragraphs = article(rng, kind)
        text = f"مقال {i}: {paragraphs[0][:40]}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def floor(folder: str, db_path: str) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, title TEXT,"
        " source TEXT, text TEXT, meta TEXT, n_chars INTEGER, n_words INTEGER, ord INTEGER,"
        " created TEXT)"
    )
    rows = []
    for n, (root, _dirs, files) in enumerate(os.walk(folder)):
        for name in sorted(files):
            data = Path(root, name).read_bytes()
            text = data.decode("utf-8")
            uid = hashlib.sha256(data).hexdigest()[:32]
            rows.append((uid, name, root, text, "{}", len(text), 0, n, "now"))
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO documents(uid, title, source, text, meta, n_chars, n_words, ord, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.close()


def index_alone(texts: list[str], db_path: Path) -> None:
    from annotator.core import store_search

    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for statement in store_search.SCHEMA.split(";"):
        conn.execute(statement.replace("REFERENCES documents(id)", ""))
    conn.execute("BEGIN")
    store_search.add(conn, enumerate(texts, 1))
    conn.execute("COMMIT")
    conn.close()


def _fresh_paths(folder: Path):  # type: ignore[no-untyped-def]
    """A function giving a new database path in ``folder`` at each call."""
    counter = itertools.count()
    return lambda stem: str(folder / f"{stem}{next(counter)}.sqlite")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="1000,10000", help="comma-separated sizes")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--floor", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(*args.floor)
        return 0
    annotator = str(Path(sys.executable).parent / "annotator")
    rows = [["documents", "text", "ours s", "floor s", "ratio", "docs/s", "index alone s",
             "ours MB", "floor MB"]]  # fmt: skip
    for n_docs in (int(n) for n in args.docs.split(",")):
        for kind in args.kinds.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp) / "articles"
                folder.mkdir()
                texts = make_articles(folder, n_docs, kind)
                fresh = _fresh_paths(Path(tmp))
                base_times, base_mb = [], 0.0
                ours_times, ours_mb = [], 0.0
                for _ in range(args.repeats):  # interleaved: drift hits both alike
                    t, mb = median_process([PYTHON, __file__, "--floor", str(folder),
                                            fresh("floor")], 1)  # fmt: skip
                    base_times.append(t)
                    base_mb = max(base_mb, mb)
                    project = fresh("ours")
                    median_process([annotator, "init", "-p", project], 1)
                    t, mb = median_process(
                        [annotator, "import", "-p", project, str(folder), "--quiet"], 1
                    )
                    ours_times.append(t)
                    ours_mb = max(ours_mb, mb)
                index_db = Path(fresh("index"))
                start = time.perf_counter()
                index_alone(texts, index_db)
                index = time.perf_counter() - start
            base, ours = (
                sorted(base_times)[len(base_times) // 2],
                sorted(ours_times)[len(ours_times) // 2],
            )
            rows.append([f"{n_docs:,}", kind, f"{ours:.2f}", f"{base:.2f}", f"{ours / base:.2f}",
                         f"{n_docs / ours:,.0f}", f"{index:.2f}", f"{ours_mb:.0f}",
                         f"{base_mb:.0f}"])  # fmt: skip
            print(" | ".join(rows[-1]), flush=True)
    print(f"\nwhole processes, median of {args.repeats}; MB = peak resident\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
