"""Export speed and memory against spaCy tokenizing the same texts (issue 4).

    .venv/bin/python benchmarks/bench_export.py              # 10,000 articles, 3 runs
    .venv/bin/python benchmarks/bench_export.py --docs 2000 --runs 1

Builds a project of N articles for each kind of text (``--kinds``: the seed's
sentences, repetitive, and the Wojood sample's, a real vocabulary; ~20 spans
each: entities, places and two claims), all marked done, in one
transaction through the store (``add_many`` / ``insert_many``). Then, in the
same process, times:

- baseline: ``nlp.pipe`` over the texts streamed from the project (the same
  tokenizer the export uses, no components);
- the spaCy export (DocBin + config.cfg) and the CoNLL export of the same project,
  once per ``--processes`` value (``1``: in this process alone; ``auto``: what
  ``export`` chooses, worker processes on every core for a large project).

It prints medians, the ratio of each export to the baseline (target ≤ 1.5×), CPU
seconds of this process and its workers together, and the resident memory each
run added at its peak (this process's RSS plus each worker's unique memory: the
pages forked workers share with this process are counted once), plus the
memory measured a fifth of the way, halfway and at the end of an export: flat
means the export does not hold documents as it goes.

``--conll-floor`` adds a fairer floor for the CoNLL export (:func:`conll_floor`).
Last, how each timed task was scheduled (``/proc/PID/schedstat``): seconds on a
core and waiting for one, for this process and for its workers, so that a busy
machine shows as such instead of as slow workers.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path

import psutil
from _common import KINDS, article

from annotator.core.export import export
from annotator.core.model import DocId, Span, SpanId, Status, StatusRecord
from annotator.core.store import NewDocument, Project
from annotator.core.tokenizer import get_nlp, token_offsets

ENTITY_LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "MISC")


class PeakRss:
    """Sample this process's RSS every few milliseconds; report the peak above the start."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        #: Each worker's last ``/proc/PID/schedstat``: (ns on a core, ns waiting for one).
        self.workers: dict[int, tuple[int, int]] = {}

    def __enter__(self) -> PeakRss:
        self.start = self.process.memory_info().rss
        self.peak = self.start
        self.sampler_cpu = 0.0
        self.own_start = _schedstat("self")
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _rss(self, *, children: bool = True) -> int:
        """This process's RSS plus its children's (the export's workers) unique
        memory: a forked worker shares spaCy's pages with this process, and those
        are already in its RSS."""
        total = self.process.memory_info().rss
        if not children:
            return total + sum(self._uss.values())
        self._uss = {}
        for child in self.process.children(recursive=True):
            try:
                self._uss[child.pid] = child.memory_full_info().uss
                self.workers[child.pid] = _schedstat(str(child.pid))
            except (psutil.Error, OSError):
                pass  # ended between the listing and the reading
        return total + sum(self._uss.values())

    def _run(self) -> None:
        # Reading a worker's unique memory parses its smaps (milliseconds): done every
        # tenth sample only. The thread's own CPU is left out of the timings.
        started = time.thread_time()
        self._uss: dict[int, int] = {}
        ticks = 0
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, self._rss(children=ticks % 10 == 0))
            ticks += 1
        self.sampler_cpu = time.thread_time() - started

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss(children=False))
        end = _schedstat("self")
        self.own = (end[0] - self.own_start[0], end[1] - self.own_start[1])

    @property
    def added_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def _schedstat(pid: str) -> tuple[int, int]:
    """Nanoseconds a process (its main thread) spent on a core and waiting in a run
    queue for one (Linux ``/proc/PID/schedstat``; zeros elsewhere). A worker that
    is neither was idle: waiting for work or for the process that collects it."""
    try:
        with open(f"/proc/{pid}/schedstat") as fh:
            on_cpu, waiting, _slices = fh.read().split()
    except OSError:
        return (0, 0)
    return int(on_cpu), int(waiting)


def _article(rng: random.Random, kind: str, number: int) -> str:
    """Paragraphs of real sentences (``_common.py``): the seed's (repetitive) or the
    Wojood sample's (a real vocabulary). No made-up words: they slowed the baseline's
    tokenizer more than ours and hid our own cost."""
    return "\n\n".join(article(rng, kind)) + f"\n\nرقم {number}"


def build_project(
    path: Path, n_docs: int, kind: str, *, spans_per_doc: int = 20, seed: int = 0
) -> None:
    """N articles with ~``spans_per_doc`` spans each (entities, places, two claims), done."""
    rng = random.Random(seed)
    with Project.create(path) as project, project.transaction():
        for chunk in range(0, n_docs, 1000):
            docs, all_spans = [], []
            for i in range(chunk, min(n_docs, chunk + 1000)):
                text = _article(rng, kind, i)
                offsets = token_offsets(text)
                docs.append(NewDocument(text, f"مقال {i}", "bench", {"n": i}))
                # Entities on 1–3 whole tokens, far enough apart not to overlap; two claims.
                picks = sorted(rng.sample(range(0, len(offsets) - 4, 4), spans_per_doc - 2))
                spans = [
                    (offsets[t][0], offsets[t + rng.randint(0, 2)][1], rng.choice(ENTITY_LABELS))
                    for t in picks
                ]
                for _ in range(2):
                    t = rng.randrange(0, len(offsets) - 20)
                    spans.append((offsets[t][0], offsets[t + 15][1], "CLAIM"))
                all_spans.append(spans)
            ids = project.documents.add_many(docs)
            project.spans.insert_many(
                Span(
                    SpanId(str(uuid.UUID(int=rng.getrandbits(128)))),
                    doc_id,
                    "bench",
                    label,
                    s,
                    e,
                    {},
                    "2000-01-01T00:00:00Z",
                    "2000-01-01T00:00:00Z",
                    None,
                )
                for (doc_id, _new), spans in zip(ids, all_spans, strict=True)
                for s, e, label in spans
            )
            for doc_id, _new in ids:
                project.statuses.put(
                    StatusRecord(DocId(doc_id), "bench", Status.DONE, 0.0, "2000-01-01T00:00:00Z"),
                    doc_id=doc_id,
                    annotator="bench",
                )


def baseline(project: Project) -> int:
    nlp = get_nlp()
    n = 0
    for doc in nlp.pipe((d.text for d in project.documents.iter()), batch_size=256):
        n += len(doc)
    return n


def conll_floor(project: Project, out: Path) -> int:
    """A fairer floor for the CoNLL export: what any program writing this corpus as
    CoNLL must do, as cheaply as we know how. Read each document's text and spans
    (one query per 250 documents, no objects per span), tokenize (``nlp.pipe``),
    write one line per token with its IOB2 tag and a blank line after each
    document. No sentences, sub-token checks, report or parts; one process."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH  # type: ignore[import-not-found]

    nlp = get_nlp()
    ids = project.documents.ids()
    # The bulk read gives label ids: a writer names them once, not per span.
    names = {project.labels.id_of(name): name for name in project.labels.names()}
    lines = 0
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for first in range(0, len(ids), 250):
            chunk = ids[first : first + 250]
            documents = project.documents.many(chunk)
            spans: dict[int, list[tuple[int, int, str]]] = {}
            for doc_id, _who, label_id, start, end in project.spans.rows_for_documents(chunk):
                spans.setdefault(doc_id, []).append((start, end, names[label_id]))
            for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
                array = doc.to_array([IDX, LENGTH, IS_SPACE])
                kept = array[array[:, 2] == 0]
                starts = kept[:, 0].tolist()
                ends = (kept[:, 0] + kept[:, 1]).tolist()
                cells = ["\tO\n"] * len(starts)
                for start, end, label in spans.get(document.id, ()):
                    i, j = bisect_left(starts, start), bisect_left(starts, end)
                    if i < j:
                        cells[i] = f"\tB-{label}\n"
                        cells[i + 1 : j] = [f"\tI-{label}\n"] * (j - i - 1)
                # The cheapest way we know: one join of the tokens and their cells.
                text = document.text
                pieces = [""] * (2 * len(starts))
                pieces[::2] = map(text.__getitem__, map(slice, starts, ends))
                pieces[1::2] = cells
                fh.write("-DOCSTART- -X- O O\n\n" + "".join(pieces) + "\n")
                lines += len(starts)
    return lines


def docbin_baseline(path: Path) -> int:
    """A fairer floor for the spaCy export (issue 14): what any program writing a
    DocBin must do. The texts and the entities read with one query each, ``nlp.pipe``,
    ``doc.ents`` set with ``doc.char_span``, spaCy's own ``DocBin`` (no user data)
    written to disk. Less than the export writes (no claims, nested entities or
    user data)."""
    import sqlite3

    from spacy.tokens import DocBin

    from annotator.core.export.docbin import DOCBIN_ATTRS

    nlp = get_nlp()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    ents: dict[int, list[tuple[int, int, str]]] = {}
    query = (
        "SELECT s.doc_id, s.start, s.end, l.name FROM spans s JOIN labels l ON l.id = s.label_id"
        " WHERE l.name != 'CLAIM' AND s.deleted IS NULL ORDER BY s.doc_id, s.start"
    )
    for doc_id, start, end, label in connection.execute(query):
        ents.setdefault(doc_id, []).append((start, end, label))
    rows = connection.execute("SELECT text, id FROM documents ORDER BY ord")
    docbin = DocBin(attrs=DOCBIN_ATTRS, store_user_data=False)
    n = 0
    for doc, doc_id in nlp.pipe(rows, batch_size=256, as_tuples=True):
        doc.ents = [doc.char_span(s, e, label=label) for s, e, label in ents.get(doc_id, [])]
        docbin.add(doc)
        n += len(doc)
    docbin.to_disk(path.with_suffix(".floor.spacy"))
    path.with_suffix(".floor.spacy").unlink()
    connection.close()
    return n


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: Per timed task, its last run's scheduling: this process's main thread (s on a
#: core, s waiting for one), the same summed over its workers, their number, and
#: the run's wall seconds.
SCHEDULING: dict[str, tuple[float, float, float, float, int, float]] = {}


def timed(
    fn: Callable[[], object], runs: int, name: str = ""
) -> tuple[list[float], list[float], list[float]]:
    """Wall seconds, CPU seconds of this process and its (ended) workers, and peak
    RSS added, per run."""
    wall, cpu, memory = [], [], []
    for _ in range(runs):
        with PeakRss() as rss:
            start, start_cpu = time.perf_counter(), time.process_time() + _children_cpu()
            fn()
            wall.append(time.perf_counter() - start)
            spent = time.process_time() + _children_cpu() - start_cpu
        cpu.append(spent - rss.sampler_cpu)
        memory.append(rss.added_mb)
        on_cpu = sum(w[0] for w in rss.workers.values()) / 1e9
        waiting = sum(w[1] for w in rss.workers.values()) / 1e9
        SCHEDULING[name] = (
            rss.own[0] / 1e9,
            rss.own[1] / 1e9,
            on_cpu,
            waiting,
            len(rss.workers),
            wall[-1],
        )
    return wall, cpu, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", default=",".join(KINDS), help="repetitive, real or both")
    parser.add_argument(
        "--processes", default="1,auto", help="export processes to time: numbers or auto"
    )
    parser.add_argument("--formats", default="spacy,conll")
    parser.add_argument(
        "--conll-floor",
        action="store_true",
        help="also time a fairer floor for CoNLL: read spans, tokenize, write tagged lines",
    )
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    if len(kinds) == 1:
        run_kind(args, kinds[0])
        return
    # Each kind in a fresh process: run after another kind's exports in the same
    # process, the baseline tokenizer ran up to 10x slower (10k real-text articles:
    # 16 s CPU instead of 1.6 s), which made every ratio of that kind meaningless.
    for kind in kinds:
        argv = [sys.executable, __file__, *sys.argv[1:], "--kinds", kind]
        subprocess.run(argv, check=True)


def run_kind(args: argparse.Namespace, kind: str) -> None:

    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        path = work / "bench.sqlite"
        start = time.perf_counter()
        build_project(path, args.docs, kind)
        print(f"built {args.docs} articles in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        get_nlp()  # load spaCy outside the timings
        with Project.open(path, readonly=True) as project:
            n_tokens = baseline(project)
            n_spans = project.spans.count()
            rows: dict[str, tuple[list[float], list[float], list[float]]] = {}
            rows["nlp.pipe (baseline)"] = timed(lambda: baseline(project), args.runs, "baseline")
            if args.conll_floor:
                floor_out = work / "floor.conll"
                rows["conll floor (spans, tags)"] = timed(
                    lambda: conll_floor(project, floor_out), args.runs, "conll floor (spans, tags)"
                )
            trace: dict[str, list[float]] = {}
            marks = {args.docs // 5, args.docs // 2, args.docs}
            for fmt in args.formats.split(","):
                for procs in args.processes.split(","):
                    workers = None if procs == "auto" else int(procs)
                    name = f"{fmt}, processes {procs}"
                    trace[name] = []

                    def progress(done: int, total: int, title: str, name: str = name) -> None:
                        if done in marks:
                            trace[name].append(PeakRss()._rss() / 2**20)

                    def run(
                        fmt: str = fmt,
                        progress: Callable[..., None] = progress,
                        workers: int | None = workers,
                        name: str = name,
                    ) -> None:
                        trace[name].clear()
                        out = work / f"out-{fmt}"
                        export(project, out, fmt=fmt, progress=progress, processes=workers)
                        shutil.rmtree(out)

                    run()  # warm-up: spaCy's config machinery imports on first use
                    rows[f"export {name}"] = timed(run, args.runs, f"export {name}")
            if "spacy" in args.formats.split(","):
                # After the exports: the memory this floor frees stays in this process's
                # heap, and forked export workers writing into it would copy its pages.
                docbin_baseline(path)  # warm-up, as the exports get
                rows["DocBin (fairer floor)"] = timed(
                    lambda: docbin_baseline(path), args.runs, "DocBin (fairer floor)"
                )
        base_wall = statistics.median(rows["nlp.pipe (baseline)"][0])
        base_cpu = statistics.median(rows["nlp.pipe (baseline)"][1])
        print(
            f"\n{args.docs} articles of {kind} text, {n_tokens:,} tokens, {n_spans:,} spans; "
            f"median of {args.runs} run(s)\n"
        )
        print(
            "| task                          | wall s | × base | CPU s | × base | docs/s "
            "| peak RSS +MB |"
        )
        print(
            "|-------------------------------|-------:|-------:|------:|-------:|-------:"
            "|-------------:|"
        )
        for name, (wall, cpu, mem) in rows.items():
            w, c = statistics.median(wall), statistics.median(cpu)
            print(
                f"| {name:<29} | {w:6.2f} | {w / base_wall:5.2f}× | {c:5.2f} | "
                f"{c / base_cpu:5.2f}× | {args.docs / w:6.0f} | {max(mem):12.1f} |"
            )
        print(f"\nload average after: {os.getloadavg()[0]:.1f}")
        print(
            "\nScheduling, last run (s): this process's main thread on a core / waiting "
            "for one; its workers on a core / waiting for one / idle (of workers × wall)"
        )
        for name, (own_cpu, own_wait, w_cpu, w_wait, n_workers, w) in SCHEDULING.items():
            line = f"  {name}: {own_cpu:.2f} / {own_wait:.2f}"
            if n_workers:
                idle = max(0.0, n_workers * w - w_cpu - w_wait)
                line += f"; {n_workers} workers {w_cpu:.2f} / {w_wait:.2f} / {idle:.2f}"
            print(line)
        print("\nRSS (MB) at 20% / 50% / 100% of the documents, last run:")
        for fmt, values in trace.items():
            print(f"  {fmt}: " + " / ".join(f"{v:.0f}" for v in values))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
