"""`annotator import` of a folder of .txt articles, beside its floor, as whole processes.

    .venv/bin/python benchmarks/bench_import.py [--docs 1000,10000] \
        [--kinds repetitive,real] [--repeats 3]

Articles of ~3 KB (``_common.py``: the seed's sentences, or the Wojood sample's
real vocabulary), one UTF-8 file each. Timed as whole processes (medians of wall
time, of CPU time: user + system of the process and its children, and the peak
resident memory), alternating, in the same run:

- the floor, this script's ``--floor`` mode: walk the folder, read, decode,
  hash (SHA-256, as the uid), and one ``executemany`` into a table like ours
  in one transaction (WAL, ``synchronous=FULL``);
- the floor with the find index, ``--floor-index``: the same, plus folding each
  text (``text.fold_text``) and the same FTS5 trigram insert of the folded texts
  in the same transaction (``store_search``'s table, ``executemany``): what any
  program must do that builds the index the issue asks for at import;
- ``annotator import -p P FOLDER --quiet`` into a new project (made by ``init``
  before the clock starts): walk, read, detect and decode, clean, titles, word
  counts, uids, store, and the find index (``store_search``); from 2,000 files the
  reading and cleaning run in a worker process (``import_read``).

Target (issue 14): within 2× of the floor from 10k documents up.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import KINDS, PYTHON, TIME, article, run_process, table


def make_articles(folder: Path, n: int, kind: str, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    for i in range(n):
        paragraphs = article(rng, kind)
        text = f"مقال {i}: {paragraphs[0][:40]}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")


def floor(folder: str, db_path: str, *, index: bool = False) -> None:
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
    if index:
        from annotator.core import store_search
        from annotator.core.text import fold_text

        for statement in store_search.SCHEMA.split(";"):
            conn.execute(statement)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO documents(uid, title, source, text, meta, n_chars, n_words, ord, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    if index:
        store_search.add_folded(conn, ((n, fold_text(row[3])) for n, row in enumerate(rows, 1)))
    conn.execute("COMMIT")
    conn.close()


def run(argv: list[str]) -> tuple[float, float, float]:
    """``(wall s, CPU s of the process and its children, peak resident MB)`` of one run."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        subprocess.run([TIME, "-f", "%U %S %M", "-o", out.name, *argv], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        wall = time.perf_counter() - start
        user, system, peak_kb = out.read().split()[-3:]
    return wall, float(user) + float(system), int(peak_kb) / 1024


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
    parser.add_argument("--floor-index", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor or args.floor_index:
        floor(*(args.floor or args.floor_index), index=bool(args.floor_index))
        return 0
    annotator = str(Path(sys.executable).parent / "annotator")
    rows = [["documents", "text", "ours s (CPU)", "floor s (CPU)", "ratio (CPU)",
             "floor + index s (CPU)", "ratio (CPU)", "docs/s", "MB ours / floor / + index",
             "load"]]  # fmt: skip
    for n_docs in (int(n) for n in args.docs.split(",")):
        for kind in args.kinds.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp) / "articles"
                folder.mkdir()
                make_articles(folder, n_docs, kind)
                fresh = _fresh_paths(Path(tmp))
                runs: dict[str, list[tuple[float, float, float]]] = {
                    "floor": [], "index": [], "ours": []}  # fmt: skip
                loads = []
                for _ in range(args.repeats):  # interleaved: drift hits all alike
                    runs["floor"].append(run([PYTHON, __file__, "--floor", str(folder),
                                              fresh("floor")]))  # fmt: skip
                    runs["index"].append(run([PYTHON, __file__, "--floor-index", str(folder),
                                              fresh("index")]))  # fmt: skip
                    project = fresh("ours")
                    run_process([annotator, "init", "-p", project])
                    runs["ours"].append(
                        run([annotator, "import", "-p", project, str(folder), "--quiet"])
                    )
                    loads.append(os.getloadavg()[0])
            wall = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
            cpu = {k: statistics.median(r[1] for r in v) for k, v in runs.items()}
            peak = {k: max(r[2] for r in v) for k, v in runs.items()}
            rows.append([
                f"{n_docs:,}", kind,
                f"{wall['ours']:.2f} ({cpu['ours']:.2f})",
                f"{wall['floor']:.2f} ({cpu['floor']:.2f})",
                f"{wall['ours'] / wall['floor']:.2f} ({cpu['ours'] / cpu['floor']:.2f})",
                f"{wall['index']:.2f} ({cpu['index']:.2f})",
                f"{wall['ours'] / wall['index']:.2f} ({cpu['ours'] / cpu['index']:.2f})",
                f"{n_docs / wall['ours']:,.0f}",
                f"{peak['ours']:.0f} / {peak['floor']:.0f} / {peak['index']:.0f}",
                f"{min(loads):.1f}–{max(loads):.1f}",
            ])  # fmt: skip
            print(" | ".join(rows[-1]), flush=True)
    print(f"\nwhole processes, median of {args.repeats}; MB = peak resident\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
