"""Merge three returned project files (~20 spans per document each) into a lead.

    .venv/bin/python benchmarks/bench_merge.py [--documents 1000 10000] [--repeats 3]
        [--once 100000] [--spans 20] [--cache DIR]

Floor, in the same run and on the same files: plain SQLite copying the same
span and status rows from the three files into a copy of the lead
(``ATTACH`` + ``INSERT OR REPLACE ... SELECT *``, issue 14's floor), with the
same page cache as the merge. Beside it the floor an untrusted file allows: the
same statements with ``WHERE true``, which turns off SQLite's transfer
optimization (into an empty table, ``INSERT ... SELECT *`` copies the file's
records and index entries as they are, unchecked: 6x cheaper for the first file,
and what a crafted file with a lying index would plant in the lead).

Ours is the whole ``merge_projects``: schema and row checks of each file, the
backup, the documents by uid, spans by id (newest wins), statuses, the overlap
check, the edge-punctuation count. Every run is a fresh process on a fresh copy
of the lead (floor, fair floor and ours alternate), timed from the first
statement to the end (wall, and CPU: user + system), with the process's peak
resident memory (GNU ``time``). Medians of ``--repeats`` for ``--documents``;
``--once`` sizes run once (without the second merge of the same files).
Per-document cost flat across sizes = linear. ``--cache DIR`` keeps the built
files (100k documents take ~8 minutes to build here) for the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import TIME, table

from annotator.core.merge import merge_projects
from annotator.core.model import DocId, Span, Status, StatusRecord, utc_now
from annotator.core.store import NewDocument, Project
from annotator.core.store_merge import MERGE_CACHE_KIB

WORDS = "البوكمال دير الزور دمشق الجيش السوري قسد داعش واشنطن موسكو العراق الفرات البصيرة".split()
ANNOTATORS = ("sara", "omar", "huda")


def make_lead(path: Path, n_docs: int) -> None:
    rng = random.Random(1)
    with Project.create(path) as lead, lead.transaction():
        for start in range(0, n_docs, 10_000):
            lead.documents.add_many(
                [
                    NewDocument(
                        " ".join(rng.choice(WORDS) for _ in range(300)) + f" {i}", f"خبر {i}"
                    )
                    for i in range(start, min(n_docs, start + 10_000))
                ]
            )


def make_returned(lead: Path, out: Path, annotator: str, n_spans: int, seed: int) -> None:
    """A copy of the lead in which ``annotator`` marked every document and finished it."""
    shutil.copy(lead, out)
    rng = random.Random(seed)
    labels = ["PER", "ORG", "GPE", "LOC"]
    with Project.open(out) as copy, copy.transaction():
        now = utc_now()
        ids = copy.documents.ids()
        for chunk in range(0, len(ids), 5_000):
            spans = []
            for doc_id in ids[chunk : chunk + 5_000]:
                for k in range(n_spans):
                    start = k * 60 + rng.randrange(0, 20)
                    end = start + rng.randrange(3, 15)
                    label = rng.choice(labels)
                    spans.append(
                        Span(
                            copy.spans.new_id(),
                            DocId(doc_id),
                            annotator,
                            label,
                            start,
                            end,
                            {},
                            now,
                            now,
                        )
                    )
                record = StatusRecord(DocId(doc_id), annotator, Status.DONE, 60.0, now)
                copy.statuses.put(record, doc_id=doc_id, annotator=annotator)
            copy.spans.insert_many(spans)


def _cpu() -> float:
    """This process's CPU and its finished children's (the merge's reading workers)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def floor(returned: list[Path], target: Path, *, fair: bool) -> dict[str, float]:
    """``target`` (a copy of the lead) gets the files' spans and statuses, plain SQL."""
    where = " WHERE true" if fair else ""  # any WHERE turns the transfer optimization off
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    # The same page cache as the merge gives itself (store_merge.MERGE_CACHE_KIB).
    conn.execute(f"PRAGMA cache_size = {-MERGE_CACHE_KIB}")
    start, cpu = time.perf_counter(), _cpu()
    for i, path in enumerate(returned):
        conn.execute(f"ATTACH DATABASE ? AS r{i}", [str(path)])
        conn.execute(f"PRAGMA r{i}.cache_size = {-MERGE_CACHE_KIB // 4}")
    conn.execute("BEGIN")
    for i in range(len(returned)):
        conn.execute(f"INSERT OR REPLACE INTO spans SELECT * FROM r{i}.spans{where}")
        conn.execute(f"INSERT OR REPLACE INTO statuses SELECT * FROM r{i}.statuses{where}")
    conn.execute("COMMIT")
    result = {"wall": time.perf_counter() - start, "cpu": _cpu() - cpu}
    conn.close()
    return result


def ours(returned: list[Path], target: Path, *, n_expected: int, again: bool) -> dict[str, float]:
    """The merge into ``target`` (a copy of the lead), and optionally the same files again."""
    with Project.open(target) as project:
        start, cpu = time.perf_counter(), _cpu()
        merge_projects(project, returned)
        result = {"wall": time.perf_counter() - start, "cpu": _cpu() - cpu}
        assert project.spans.count() == n_expected, project.spans.count()
        if again:
            start = time.perf_counter()
            report = merge_projects(project, returned, backup=False)
            result["again"] = time.perf_counter() - start
            assert not any(f.changed for f in report.files)
    return result


def child(argv: list[str]) -> None:
    """One measured run in this (fresh) process; prints its figures as JSON."""
    what, lead, target, n_expected, again, *returned = argv
    shutil.copy(lead, target)
    files = [Path(p) for p in returned]
    if what == "ours":
        result = ours(files, Path(target), n_expected=int(n_expected), again=again == "1")
    else:
        result = floor(files, Path(target), fair=what == "fair")
    print(json.dumps(result))


def measure(what: str, data: Path, n_expected: int, *, again: bool) -> dict[str, float]:
    """A fresh process for one run: its figures, and its peak resident memory (MB)."""
    with tempfile.TemporaryDirectory(dir=data) as scratch:
        target = Path(scratch) / "target.sqlite"
        files = [str(data / f"{who}.sqlite") for who in ANNOTATORS]
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            argv = [sys.executable, __file__, "--child", what, str(data / "lead.sqlite")]
            argv += [str(target), str(n_expected), "1" if again else "0", *files]
            proc = subprocess.run(
                [TIME, "-f", "%M", "-o", rss.name, *argv], capture_output=True, text=True
            )
            if proc.returncode != 0:
                raise SystemExit(f"{what} failed:\n{proc.stderr[-3000:]}")
            result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
            result["peak_mb"] = int(rss.read().split()[-1]) / 1024
    return result


def build(data: Path, n_docs: int, n_spans: int) -> None:
    """The lead and the three returned files in ``data`` (kept if already there)."""
    done = data / "built"
    if done.exists() and done.read_text() == f"{n_docs} {n_spans}":
        return
    data.mkdir(parents=True, exist_ok=True)
    for old in data.glob("*.sqlite*"):
        old.unlink()
    make_lead(data / "lead.sqlite", n_docs)
    for i, who in enumerate(ANNOTATORS):
        make_returned(data / "lead.sqlite", data / f"{who}.sqlite", who, n_spans, seed=i)
    done.write_text(f"{n_docs} {n_spans}")


def run(data: Path, n_docs: int, n_spans: int, repeats: int, *, again: bool) -> list[str]:
    build(data, n_docs, n_spans)
    load_before = os.getloadavg()[0]
    runs: dict[str, list[dict[str, float]]] = {"floor": [], "fair": [], "ours": []}
    for _ in range(repeats):
        for what in runs:
            runs[what].append(measure(what, data, 3 * n_docs * n_spans, again=again))
    load = f"{load_before:.1f}–{os.getloadavg()[0]:.1f}"

    def med(what: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[what])

    def peak(what: str) -> float:
        return max(r["peak_mb"] for r in runs[what])

    ratio = med("ours", "wall") / med("floor", "wall")
    fair_ratio = med("ours", "wall") / med("fair", "wall")
    cpu_ratio = med("ours", "cpu") / med("floor", "cpu")
    return [
        f"{n_docs:,}",
        f"{3 * n_docs * n_spans:,}",
        f"{med('floor', 'wall'):.2f} / {med('floor', 'cpu'):.2f}",
        f"{med('fair', 'wall'):.2f} / {med('fair', 'cpu'):.2f}",
        f"{med('ours', 'wall'):.2f} / {med('ours', 'cpu'):.2f}",
        f"**{ratio:.2f}** / {cpu_ratio:.2f}",
        f"{fair_ratio:.2f} / {med('ours', 'cpu') / med('fair', 'cpu'):.2f}",
        f"{med('ours', 'wall') / n_docs * 1e6:,.0f} / {med('floor', 'wall') / n_docs * 1e6:,.0f}",
        f"{peak('ours'):.0f} / {peak('floor'):.0f}",
        f"{med('ours', 'again'):.2f}" if again else "–",
        load,
        f"median of {repeats}" if repeats > 1 else "1 run",
    ]


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--once", type=int, nargs="*", default=[], help="sizes run once")
    parser.add_argument("--spans", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cache", type=Path, help="keep the built files here")
    args = parser.parse_args()
    print(f"3 returned files, {args.spans} spans per document each; wall / CPU seconds")
    rows = [
        [
            "documents",
            "spans merged",
            "floor s",
            "fair floor s",
            "ours s",
            "ours ÷ floor",
            "ours ÷ fair floor",
            "µs/document ours / floor",
            "peak MB ours / floor",
            "again s",
            "load",
            "runs",
        ]
    ]
    sizes = [(n, args.repeats, True) for n in args.documents]
    sizes += [(n, 1, False) for n in args.once]
    with tempfile.TemporaryDirectory() as tmp:
        for n, repeats, again in sizes:
            data = (args.cache or Path(tmp)) / f"merge-{n}x{args.spans}"
            rows.append(run(data, n, args.spans, repeats, again=again))
            print(" | ".join(rows[-1]), flush=True)
            if args.cache is None:
                shutil.rmtree(data)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
