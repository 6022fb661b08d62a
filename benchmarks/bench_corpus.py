"""Import and export of tokenized corpora (issue 10), beside reading and tokenizing.

    .venv/bin/python benchmarks/bench_corpus.py                 # Wojood sample + 150k tokens
    .venv/bin/python benchmarks/bench_corpus.py --tokens 50000 --runs 1

Two corpora:

- the Wojood sample (``../shared/corpora/wojood-sample``: train/val/test, nested
  entities, ~28k token lines), imported as train/dev/test with ``--part``;
- a corpus of ``--tokens`` token lines (150,000 by default) made from the sample's
  sentences in a shuffled order, in one file cut into documents of 20 sentences.

For each, in the same run: baselines **reading the files** (read + split into
lines and columns) and **tokenizing the text with spaCy** (the project tokenizer's
``nlp.pipe`` over the rebuilt text, which is what an import of plain text costs
and what the export would pay to re-tokenize); then the import into a new project
(read, check, clean, store, with source tokens), the CoNLL export with one column
per nesting level and the spaCy export (DocBins + config.cfg). Medians of
``--runs``, and each figure's ratio to the spaCy tokenizing baseline.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.core.export import export
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.store import Project
from annotator.core.tokenizer import get_nlp

WOJOOD = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wojood-sample"
PARTS = {"train": "train.txt", "dev": "val.txt", "test": "test.txt"}


def sentences_of(path: Path) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [s for s in out if s]


def make_corpus(folder: Path, n_tokens: int, *, seed: int = 3) -> Path:
    pool = [s for name in PARTS.values() for s in sentences_of(WOJOOD / name)]
    rng = random.Random(seed)
    chosen: list[list[str]] = []
    total = 0
    while total < n_tokens:
        sentence = rng.choice(pool)
        chosen.append(sentence)
        total += len(sentence)
    path = folder / f"corpus_{n_tokens}.txt"
    path.write_text("\n\n".join("\n".join(s) for s in chosen) + "\n", encoding="utf-8")
    return path


def read_baseline(files: list[Path]) -> int:
    lines = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                line.split()
                lines += 1
    return lines


def tokenize_baseline(files: list[Path]) -> int:
    nlp = get_nlp()
    texts = [
        "\n".join(" ".join(row.split()[0] for row in s) for s in sentences_of(p)) for p in files
    ]
    return sum(len(doc) for doc in nlp.pipe(texts))


def timed(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(name: str, files: dict[str, Path], runs: int, tmp: Path, per_doc: int | None) -> None:
    paths = list(files.values())
    n_lines = read_baseline(paths)
    get_nlp()  # load spaCy outside the timings
    rows: list[tuple[str, float]] = [
        ("baseline: read the files (lines, columns)", timed(runs, lambda: read_baseline(paths))),
        ("baseline: tokenize the text with spaCy", timed(runs, lambda: tokenize_baseline(paths))),
    ]
    project_path = tmp / f"{name}.sqlite"

    def do_import() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{project_path}{suffix}").unlink(missing_ok=True)
        with Project.create(project_path) as project:
            for part, path in files.items():
                options = ImportOptions(
                    add_labels=True,
                    done=True,
                    lenient=True,
                    part=part,
                    sentences_per_document=per_doc,
                )
                report = import_paths(project, [path], options=options)
                assert report.ok, report.failed

    rows.append(("import (read, check, clean, store + source tokens)", timed(runs, do_import)))
    with Project.open(project_path, readonly=True) as project:
        n_docs = project.documents.count()
        n_spans = project.spans.count()
        for fmt, extra in (("conll", {"nested_columns": True}), ("spacy", {})):
            out = tmp / f"{name}-{fmt}"

            def do_export(fmt: str = fmt, out: Path = out, extra: dict = extra) -> None:  # type: ignore[type-arg]
                shutil.rmtree(out, ignore_errors=True)
                export(project, out, fmt=fmt, split="source", **extra)

            label = "--nested-columns" if fmt == "conll" else "DocBins + config.cfg"
            rows.append((f"export --format {fmt} ({label})", timed(runs, do_export)))
    base = rows[1][1]
    print(f"\n{name}: {n_lines:,} token lines, {n_docs} documents, {n_spans:,} spans")
    print(f"{'what':<58} {'seconds':>8} {'lines/s':>10} {'× tokenize':>10}")
    for what, seconds in rows:
        print(f"{what:<58} {seconds:>8.3f} {n_lines / seconds:>10,.0f} {seconds / base:>10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=150_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not WOJOOD.is_dir():
        sys.exit(f"the Wojood sample is not at {WOJOOD}")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bench("Wojood sample", {p: WOJOOD / f for p, f in PARTS.items()}, args.runs, tmp, None)
        corpus = make_corpus(tmp, args.tokens)
        bench(f"{args.tokens:,}-token corpus", {"train": corpus}, args.runs, tmp, 20)


if __name__ == "__main__":
    main()
