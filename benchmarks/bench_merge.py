"""Merge three returned project files (~20 spans per document each) into a lead.

    .venv/bin/python benchmarks/bench_merge.py [--documents 10000 3000] [--spans 20]
                                              [--repeats 3]

Floor, in the same run and on the same files: plain SQLite copying the same
span and status rows from the three files into a copy of the lead
(``ATTACH`` + ``INSERT ... SELECT``), the least any merge must do, with the
same page cache as the merge. Ours is the whole ``merge_projects``: schema and
row checks of each file, the backup, the documents by uid, spans by id (newest
wins), statuses, the overlap check. Each repeat starts from a fresh copy of the
lead; floor and ours alternate, and the medians are printed with their ratio,
for each size (linear growth shows as a flat per-document cost).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

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


def floor(lead: Path, returned: list[Path], target: Path) -> float:
    shutil.copy(lead, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    # The same page cache as the merge gives itself (store_merge.MERGE_CACHE_KIB).
    conn.execute(f"PRAGMA cache_size = {-MERGE_CACHE_KIB}")
    start = time.perf_counter()
    for i, path in enumerate(returned):
        conn.execute(f"ATTACH DATABASE ? AS r{i}", [str(path)])
        conn.execute(f"PRAGMA r{i}.cache_size = {-MERGE_CACHE_KIB // 4}")
    conn.execute("BEGIN")
    for i in range(len(returned)):
        conn.execute(f"INSERT OR REPLACE INTO spans SELECT * FROM r{i}.spans")
        conn.execute(f"INSERT OR REPLACE INTO statuses SELECT * FROM r{i}.statuses")
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def ours(lead: Path, returned: list[Path], target: Path, n_expected: int) -> tuple[float, float]:
    """Seconds for the merge, and for merging the same files again (nothing changes)."""
    shutil.copy(lead, target)
    with Project.open(target) as project:
        start = time.perf_counter()
        merge_projects(project, returned)
        first = time.perf_counter() - start
        assert project.spans.count() == n_expected, project.spans.count()
        start = time.perf_counter()
        again = merge_projects(project, returned, backup=False)
        second = time.perf_counter() - start
    assert not any(f.changed for f in again.files)
    for backup in target.parent.glob(f"{target.name}.before-merge-*"):
        backup.unlink()
    return first, second


def run(n_docs: int, n_spans: int, repeats: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lead = work / "lead.sqlite"
        make_lead(lead, n_docs)
        returned = []
        for i, who in enumerate(ANNOTATORS):
            path = work / f"{who}.sqlite"
            make_returned(lead, path, who, n_spans, seed=i)
            returned.append(path)
        floors, firsts, agains = [], [], []
        for r in range(repeats):
            floors.append(floor(lead, returned, work / f"floor{r}.sqlite"))
            (work / f"floor{r}.sqlite").unlink()
            first, again = ours(lead, returned, work / f"ours{r}.sqlite", 3 * n_docs * n_spans)
            (work / f"ours{r}.sqlite").unlink()
            firsts.append(first)
            agains.append(again)
    return statistics.median(floors), statistics.median(firsts), statistics.median(agains)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, nargs="+", default=[3_000, 10_000])
    parser.add_argument("--spans", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"3 returned files, {args.spans} spans per document each; medians of {args.repeats}")
    header = f"{'documents':>10}{'spans':>11}{'floor s':>9}{'ours s':>8}{'ratio':>7}"
    header += f"{'µs/doc':>8}{'again s':>9}"
    print(header)
    for n in args.documents:
        base, first, again = run(n, args.spans, args.repeats)
        print(
            f"{n:>10,}{3 * n * args.spans:>11,}{base:>9.2f}{first:>8.2f}{first / base:>7.2f}"
            f"{first / n * 1e6:>8.0f}{again:>9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
