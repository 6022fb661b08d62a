"""Resident memory of a whole ``annotator export`` process against its floor (issue 14).

    .venv/bin/python benchmarks/bench_export_memory.py                 # 2,000 and 10,000
    .venv/bin/python benchmarks/bench_export_memory.py --docs 2000,10000 --runs 3

For each size, builds ``bench_export.py``'s project (real text by default, ~20 spans
a document, all done), then runs, each as its own process, sampled every 50 ms:

- the floor: a process that opens the project read-only and runs ``nlp.pipe`` over
  its texts (the tokenizer the export uses; spaCy and the project loaded);
- with ``spacy`` among the formats, the fairer floor of the spaCy export
  (``bench_export.docbin_baseline``: the texts and entities read, ``nlp.pipe``,
  ``doc.ents``, spaCy's own ``DocBin`` written);
- ``annotator export --format spacy`` and ``--format conll`` (``processes auto``:
  two workers here from 1,000 documents).

A figure is the peak of the process's RSS plus its workers' unique memory (the
pages forked workers share with their parent are counted once). Flat means the
peak does not grow with the number of documents: the ratio of the two sizes'
peaks is printed beside the floor's. Each process's wall time and CPU time (its
own and its workers', from ``wait4``) are printed too: whole processes, start-up
included.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import psutil
from bench_export import build_project

REPO = Path(__file__).resolve().parents[1]

FLOOR = """
import sys
from annotator.core.store import Project
from annotator.core.tokenizer import get_nlp
nlp = get_nlp()
with Project.open(sys.argv[1], readonly=True) as project:
    texts = (d.text for d in project.documents.iter())
    print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=256)))
"""

DOCBIN_FLOOR = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(REPO / "benchmarks")!r})
from bench_export import docbin_baseline
print(docbin_baseline(Path(sys.argv[1])))
"""


class Run(NamedTuple):
    peak_mb: float
    wall: float
    #: CPU seconds of the process and its workers.
    cpu: float


def measure(argv: list[str], interval: float = 0.05) -> Run:
    """Peak RSS of the process ``argv`` plus its children's unique memory, in MB;
    its wall and CPU seconds."""
    start = time.perf_counter()
    process = psutil.Popen(argv, stdout=subprocess.DEVNULL)
    peak = 0
    while True:
        # wait4: the process's CPU time with its (waited-for) workers'.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        try:
            total = process.memory_info().rss
            for child in process.children(recursive=True):
                try:
                    total += child.memory_full_info().uss
                except psutil.Error:
                    pass  # ended between the listing and the reading
        except psutil.Error:
            break
        peak = max(peak, total)
        time.sleep(interval)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed with {os.waitstatus_to_exitcode(status)}")
    return Run(peak / 2**20, wall, usage.ru_utime + usage.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="2000,10000", help="sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--kind", default="real", help="repetitive or real")
    parser.add_argument("--formats", default="spacy,conll")
    args = parser.parse_args()
    sizes = [int(n) for n in args.docs.split(",")]
    formats = args.formats.split(",")
    cli = [sys.executable, "-m", "annotator", "export"]
    floors = {"floor": FLOOR}
    if "spacy" in formats:
        floors["DocBin floor"] = DOCBIN_FLOOR
    names = [*floors, *formats]
    work = Path(tempfile.mkdtemp(prefix="bench-export-memory-"))
    results: dict[tuple[str, int], Run] = {}
    try:
        for n in sizes:
            path = work / f"bench-{n}.sqlite"
            start = time.perf_counter()
            build_project(path, n, args.kind)
            print(f"built {n} articles in {time.perf_counter() - start:.1f} s", file=sys.stderr)
            runs: dict[str, list[Run]] = {name: [] for name in names}
            for _ in range(args.runs):
                for name, code in floors.items():
                    runs[name].append(measure([sys.executable, "-c", code, str(path)]))
                for fmt in formats:
                    out = work / f"out-{fmt}"
                    runs[fmt].append(measure([*cli, "-p", str(path), "-o", str(out), "-f", fmt]))
                    shutil.rmtree(out)
            for name, measured in runs.items():
                results[(name, n)] = Run(
                    *(
                        statistics.median(getattr(v, field) for v in measured)
                        for field in Run._fields
                    )
                )
                print(
                    f"{n} {name}: "
                    + ", ".join(
                        f"{v.peak_mb:.0f} MB {v.wall:.1f} s ({v.cpu:.1f} CPU)" for v in measured
                    )
                    + f"; load {os.getloadavg()[0]:.1f}",
                    file=sys.stderr,
                )
            path.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.kind} text, peak MB (RSS + workers' unique), median of {args.runs}\n")
    header = " | ".join(f"{n:,} docs" for n in sizes)
    print(f"| process | {header} | {sizes[-1]:,} / {sizes[0]:,} | × floor at {sizes[-1]:,} |")
    print("|---" * (len(sizes) + 3) + "|")
    last = results[("floor", sizes[-1])].peak_mb
    for name in names:
        cells = " | ".join(f"{results[(name, n)].peak_mb:.0f}" for n in sizes)
        growth = results[(name, sizes[-1])].peak_mb / results[(name, sizes[0])].peak_mb
        print(
            f"| {name} | {cells} | {growth:.2f} | {results[(name, sizes[-1])].peak_mb / last:.2f} |"
        )
    print("\nWhole processes: wall s (CPU s, the process and its workers), × the floor's\n")
    print(f"| process | {header} |")
    print("|---" * (len(sizes) + 1) + "|")
    for name in names:
        cells = []
        for n in sizes:
            run, floor = results[(name, n)], results[("floor", n)]
            cells.append(
                f"{run.wall:.1f} ({run.cpu:.1f}), {run.wall / floor.wall:.2f}× "
                f"({run.cpu / floor.cpu:.2f}×)"
            )
        print(f"| {name} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
