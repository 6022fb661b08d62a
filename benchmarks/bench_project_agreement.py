"""`annotator agreement` end to end, beside its floor, at several sizes and on both texts.

    .venv/bin/python benchmarks/bench_project_agreement.py [--docs 1000,10000] \
        [--kinds repetitive,real] [--repeats 3]

For each size and kind of text (``_common.py``) it builds a project (3
annotators, ~20 entities and a claim each per document, 90 % done) and runs,
as whole processes, in turn, medians of ``--repeats``, wall and CPU time (user + sys,
which other load on the machine inflates far less), with peak resident memory:

- the floor: the least any agreement must do, in this script's ``--floor`` mode:
  read the statuses, texts and spans (one streaming query each), tokenize every
  finished text (spaCy, straight into numpy), code each token per annotator
  (O / B-label / I-label, vectorised per document) and count one Cohen's κ
  confusion matrix per pair;
- ``annotator agreement -p P --json``: every number (κ per pair, Fleiss, α,
  span F1 exact and overlap, claims, disagreement kinds, per document).

Targets (issue 14): within 1.5× of the floor; under 500 MB at 100k documents.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from _common import KINDS, PYTHON, build_project, run_process, table


def floor(path: str) -> None:
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    from annotator.core.tokenizer import get_nlp

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    finished: dict[int, set[str]] = {}
    for doc_id, who in conn.execute("SELECT doc_id, annotator FROM statuses WHERE status='done'"):
        finished.setdefault(doc_id, set()).add(who)
    names = sorted({n for s in finished.values() for n in s})
    entity = {
        i: c
        for c, i in enumerate(
            r[0] for r in conn.execute("SELECT id FROM labels WHERE kind != 'claim' ORDER BY id")
        )
    }
    n_values = 2 * len(entity) + 1
    pairs = list(itertools.combinations(names, 2))
    confusion = {p: np.zeros(n_values * n_values, dtype=np.int64) for p in pairs}
    tokenizer = get_nlp().tokenizer
    spans = conn.cursor().execute(
        'SELECT doc_id, annotator, label_id, start, "end" FROM spans WHERE deleted IS NULL'
        " ORDER BY doc_id"
    )
    pending = next(spans, None)
    for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY id"):
        mine: dict[str, list[tuple[int, int, int]]] = {}
        while pending is not None and pending[0] <= doc_id:
            if pending[0] == doc_id and pending[2] in entity:
                mine.setdefault(pending[1], []).append((entity[pending[2]], pending[3], pending[4]))
            pending = next(spans, None)
        done = finished.get(doc_id, set())
        if len(done) < 2:
            continue
        cols = tokenizer(text).to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64)
        cols = cols[cols[:, 2] == 0]
        starts, ends = cols[:, 0], cols[:, 0] + cols[:, 1]
        n = starts.size
        codes = {}
        for who in done:
            spans_of = np.array(mine.get(who, ()), dtype=np.int64).reshape(-1, 3)
            lo = np.searchsorted(starts, spans_of[:, 1])
            hi = np.searchsorted(ends, spans_of[:, 2], side="right")
            inside = np.zeros(n + 1, dtype=np.int64)  # I-label over [lo, hi), then B at lo
            np.add.at(inside, lo, 2 * spans_of[:, 0] + 2)
            np.subtract.at(inside, hi, 2 * spans_of[:, 0] + 2)
            row = np.cumsum(inside[:n])
            row[lo[lo < n]] = 2 * spans_of[lo < n, 0] + 1
            codes[who] = row
        for a, b in pairs:
            if a in codes and b in codes:
                confusion[(a, b)] += np.bincount(
                    codes[a] * n_values + codes[b], minlength=n_values * n_values
                )
    for pair, counts in confusion.items():
        m = counts.reshape(n_values, n_values)
        n = int(m.sum())
        chance = int(np.dot(m.sum(axis=1), m.sum(axis=0)))
        print(pair, (n * int(np.trace(m)) - chance) / (n * n - chance) if n else None)


def timed(commands: Sequence[Sequence[str]], repeats: int) -> list[tuple[float, float, float]]:
    """Per command: median wall seconds, median CPU seconds (user + sys of the process
    and its children, which other load on the machine inflates far less) and the
    largest peak MB. The commands run in turn, round after round, so each sees the
    same load as the others."""
    runs: list[list[tuple[float, float, float]]] = [[] for _ in commands]
    for _ in range(repeats):
        for argv, mine in zip(commands, runs, strict=True):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall, peak = run_process(argv)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            mine.append((wall, cpu, peak))
    return [
        (
            statistics.median(r[0] for r in mine),
            statistics.median(r[1] for r in mine),
            max(r[2] for r in mine),
        )
        for mine in runs
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="1000,10000", help="comma-separated sizes")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--floor", metavar="PROJECT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(args.floor)
        return 0
    annotator = str(Path(sys.executable).parent / "annotator")
    rows = [
        [
            "documents",
            "text",
            "spans",
            "ours s",
            "floor s",
            "ratio",
            "ours CPU s",
            "floor CPU s",
            "CPU ratio",
            "ours MB",
            "floor MB",
            "load",
        ]
    ]
    for n_docs in (int(n) for n in args.docs.split(",")):
        for kind in args.kinds.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "p.sqlite"
                counts = build_project(path, n_docs, kind)
                (base, base_cpu, base_mb), (ours, ours_cpu, ours_mb) = timed(
                    [
                        [PYTHON, __file__, "--floor", str(path)],
                        [annotator, "agreement", "-p", str(path), "--json"],
                    ],
                    args.repeats,
                )
            rows.append(
                [
                    f"{n_docs:,}",
                    kind,
                    f"{counts['spans']:,}",
                    f"{ours:.2f}",
                    f"{base:.2f}",
                    f"{ours / base:.2f}",
                    f"{ours_cpu:.2f}",
                    f"{base_cpu:.2f}",
                    f"{ours_cpu / base_cpu:.2f}",
                    f"{ours_mb:.0f}",
                    f"{base_mb:.0f}",
                    f"{os.getloadavg()[0]:.1f}",
                ]
            )
            print(" | ".join(rows[-1]), flush=True)
    print(
        f"\nwhole processes, median of {args.repeats}; CPU = user + sys; MB = peak resident;"
        " load = 1-minute load average at the end\n"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
