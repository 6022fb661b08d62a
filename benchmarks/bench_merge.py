"""Merge three returned project files of 10,000 documents (~20 spans each) into a lead.

    .venv/bin/python benchmarks/bench_merge.py [--documents 10000] [--spans 20]

Baseline, in the same run: plain SQLite copying the same span rows from the
three files into a copy of the lead (``ATTACH`` + ``INSERT ... SELECT``), which
is the least any merge must do. Target (issue): under 30 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from annotator.core.merge import merge_projects
from annotator.core.model import DocId, Span, Status, StatusRecord, utc_now
from annotator.core.store import NewDocument, Project

WORDS = "البوكمال دير الزور دمشق الجيش السوري قسد داعش واشنطن موسكو العراق الفرات البصيرة".split()


def make_lead(path: Path, n_docs: int) -> None:
    rng = random.Random(1)
    with Project.create(path) as lead, lead.transaction():
        lead.documents.add_many(
            [
                NewDocument(" ".join(rng.choice(WORDS) for _ in range(300)) + f" {i}", f"خبر {i}")
                for i in range(n_docs)
            ]
        )


def make_returned(lead: Path, out: Path, annotator: str, n_spans: int, seed: int) -> None:
    shutil.copy(lead, out)
    rng = random.Random(seed)
    labels = ["PER", "ORG", "GPE", "LOC"]
    with Project.open(out) as copy, copy.transaction():
        now = utc_now()
        spans, statuses = [], []
        for doc_id in copy.documents.ids():
            for k in range(n_spans):
                start = k * 60 + rng.randrange(0, 20)
                spans.append(
                    Span(
                        copy.spans.new_id(),
                        DocId(doc_id),
                        annotator,
                        rng.choice(labels),
                        start,
                        start + rng.randrange(3, 15),
                        {},
                        now,
                        now,
                    )
                )
            statuses.append(StatusRecord(DocId(doc_id), annotator, Status.DONE, 60.0, now))
        copy.spans.insert_many(spans)
        for record in statuses:
            copy.statuses.put(record, doc_id=record.doc_id, annotator=annotator)


def baseline(lead: Path, returned: list[Path], work: Path) -> float:
    target = work / "baseline.sqlite"
    shutil.copy(lead, target)
    conn = sqlite3.connect(target, isolation_level=None)
    start = time.perf_counter()
    conn.execute("BEGIN")
    for i, path in enumerate(returned):
        conn.execute(f"ATTACH DATABASE ? AS r{i}", [str(path)])
        conn.execute(f"INSERT OR REPLACE INTO spans SELECT * FROM r{i}.spans")
        conn.execute(f"INSERT OR REPLACE INTO statuses SELECT * FROM r{i}.statuses")
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--spans", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lead_path = work / "lead.sqlite"
        make_lead(lead_path, args.documents)
        returned = []
        for i, who in enumerate(("sara", "omar", "huda")):
            path = work / f"{who}.sqlite"
            make_returned(lead_path, path, who, args.spans, seed=i)
            returned.append(path)
        base = baseline(lead_path, returned, work)
        with Project.open(lead_path) as lead:
            start = time.perf_counter()
            report = merge_projects(lead, returned)
            ours = time.perf_counter() - start
            spans = lead.spans.count()
        again_start = time.perf_counter()
        with Project.open(lead_path) as lead:
            again = merge_projects(lead, returned)
        again_time = time.perf_counter() - again_start
    assert spans == 3 * args.documents * args.spans, spans
    assert not any(f.changed for f in again.files)
    n = args.documents
    print(f"3 returned files × {n} documents × {args.spans} spans ({3 * n * args.spans:,} spans)")
    print(f"{'what':<46}{'seconds':>9}{'ratio':>8}")
    print(f"{'baseline: ATTACH + INSERT ... SELECT':<46}{base:>9.2f}{1:>8.2f}")
    print(f"{'annotator merge (with backup, checks)':<46}{ours:>9.2f}{ours / base:>8.2f}")
    print(
        f"{'annotator merge of the same files again':<46}{again_time:>9.2f}"
        f"{again_time / base:>8.2f}"
    )
    print(f"backup kept: {bool(report.backup)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
