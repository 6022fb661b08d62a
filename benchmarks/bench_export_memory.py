"""Resident memory of a whole ``annotator export`` process against its floor (issue 14).

    .venv/bin/python benchmarks/bench_export_memory.py                 # 2,000 and 10,000
    .venv/bin/python benchmarks/bench_export_memory.py --docs 2000,10000 --runs 3

For each size, builds ``bench_export.py``'s project (real text by default, ~20 spans
a document, all done), then runs, each as its own process, sampled every 50 ms:

- the floor: a process that opens the project read-only and runs ``nlp.pipe`` over
  its texts (the tokenizer the export uses; spaCy and the project loaded);
- ``annotator export --format spacy`` and ``--format conll`` (``processes auto``:
  two workers here from 1,000 documents).

A figure is the peak of the process's RSS plus its workers' unique memory (the
pages forked workers share with their parent are counted once). Flat means the
peak does not grow with the number of documents: the ratio of the two sizes'
peaks is printed beside the floor's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from bench_export import build_project

FLOOR = """
import sys
from annotator.core.store import Project
from annotator.core.tokenizer import get_nlp
nlp = get_nlp()
with Project.open(sys.argv[1], readonly=True) as project:
    texts = (d.text for d in project.documents.iter())
    print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=256)))
"""


def peak_mb(argv: list[str], interval: float = 0.05) -> float:
    """Peak RSS of the process ``argv`` plus its children's unique memory, in MB."""
    process = psutil.Popen(argv, stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
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
    if process.wait() != 0:
        raise SystemExit(f"{argv} failed with {process.returncode}")
    return peak / 2**20


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
    work = Path(tempfile.mkdtemp(prefix="bench-export-memory-"))
    peaks: dict[tuple[str, int], float] = {}
    try:
        for n in sizes:
            path = work / f"bench-{n}.sqlite"
            start = time.perf_counter()
            build_project(path, n, args.kind)
            print(f"built {n} articles in {time.perf_counter() - start:.1f} s", file=sys.stderr)
            runs: dict[str, list[float]] = {name: [] for name in ["floor", *formats]}
            for _ in range(args.runs):
                runs["floor"].append(peak_mb([sys.executable, "-c", FLOOR, str(path)]))
                for fmt in formats:
                    out = work / f"out-{fmt}"
                    runs[fmt].append(peak_mb([*cli, "-p", str(path), "-o", str(out), "-f", fmt]))
                    shutil.rmtree(out)
            for name, values in runs.items():
                peaks[(name, n)] = statistics.median(values)
                print(f"{n} {name}: {', '.join(f'{v:.0f}' for v in values)} MB", file=sys.stderr)
            path.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.kind} text, peak MB (RSS + workers' unique), median of {args.runs}\n")
    header = " | ".join(f"{n:,} docs" for n in sizes)
    print(f"| process | {header} | {sizes[-1]:,} / {sizes[0]:,} | × floor at {sizes[-1]:,} |")
    print("|---" * (len(sizes) + 3) + "|")
    last = peaks[("floor", sizes[-1])]
    for name in ["floor", *formats]:
        cells = " | ".join(f"{peaks[(name, n)]:.0f}" for n in sizes)
        growth = peaks[(name, sizes[-1])] / peaks[(name, sizes[0])]
        print(f"| {name} | {cells} | {growth:.2f} | {peaks[(name, sizes[-1])] / last:.2f} |")


if __name__ == "__main__":
    main()
