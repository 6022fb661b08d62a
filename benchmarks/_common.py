"""What the benchmarks share: the two kinds of text, whole-process timing, medians.

Two kinds of text, because they move the ratios in opposite directions (issue 14):

- ``repetitive``: the seed article's sentences reshuffled. Few distinct words, so
  spaCy's tokenizer cache and SQLite's pages are always warm.
- ``real``: the sentences of the Wojood sample (``/work/shared/corpora/wojood-sample``,
  MIT), a real news and web vocabulary of thousands of distinct words.

Processes are timed whole (start to exit) with their peak resident memory
(``ru_maxrss`` of that child, from ``os.wait4``), so a figure is what a user waits
for and what the machine must hold.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "resources" / "samples" / "000_173f9dae85055ffa.txt"
WOJOOD = REPO.parent / "shared" / "corpora" / "wojood-sample"
KINDS = ("repetitive", "real")
TIME = shutil.which("time") or "/usr/bin/time"


@cache
def sentences(kind: str) -> tuple[str, ...]:
    """The sentences articles are made of, for ``kind`` in :data:`KINDS`."""
    if kind == "repetitive":
        text = SEED.read_text(encoding="utf-8")
        parts = re.split(r"(?<=[.،])\s+", text)
        return tuple(s.strip() for s in parts if len(s.strip()) > 20)
    if kind != "real":
        raise ValueError(f"kind {kind!r}: choose {', '.join(KINDS)}")
    found: list[str] = []
    for name in ("train.txt", "val.txt", "test.txt"):
        words: list[str] = []
        for line in (WOJOOD / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                words.append(line.split()[0])
            elif words:
                found.append(" ".join(words))
                words = []
        if words:
            found.append(" ".join(words))
    return tuple(found)


def article(rng: random.Random, kind: str, n_chars: int = 1500) -> list[str]:
    """Paragraphs of about ``n_chars`` characters (one sentence, or a few, each)."""
    pool = sentences(kind)
    paragraphs: list[str] = []
    total = 0
    while total < n_chars:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return paragraphs


def run_process(argv: Sequence[str], *, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a whole process; ``(wall seconds, peak resident MB)``. Fails loudly."""
    # GNU time reports the child's own peak (a forked child's ru_maxrss would
    # start from this process's size); its own start-up is a millisecond.
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        proc = subprocess.run(
            [TIME, "-f", "%M", "-o", rss.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
            check=False,
        )
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr.decode()[-2000:]}"
            )
        peak_kb = int(rss.read().split()[-1])
    return seconds, peak_kb / 1024


def run_json_child(script: str, args: Sequence[str], *, timeout: float = 600) -> dict[str, object]:
    """Run ``script --child ARGS`` (offscreen Qt) and return the JSON its last line prints."""
    import json

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run(
        [sys.executable, script, "--child", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise SystemExit(f"child {list(args)} failed:\n{out.stderr}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def median_process(
    argv: Sequence[str], repeats: int, *, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Median wall seconds and the largest peak memory over ``repeats`` runs."""
    runs = [run_process(argv, env=env) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


PYTHON = sys.executable


def table(rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table (the first row is the header), ready for benchmarks/README.md."""
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


ENTITY_LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "MISC")
ANNOTATORS = ("sara", "omar", "huda")
_WORD = re.compile(r"\S+")


def build_project(
    path: Path,
    n_docs: int,
    kind: str,
    *,
    annotators: Sequence[str] = ANNOTATORS,
    spans_per_doc: int = 20,
    claims_per_doc: int = 1,
    done: float = 0.9,
    seed: int = 5,
) -> dict[str, int]:
    """A realistic project through the store: articles of ``kind`` text; per annotator
    and document ~``spans_per_doc`` entities (a shared truth, each annotator missing,
    moving and relabelling some) and claims; statuses (the first ``done`` share of
    the documents done, in order, as annotators work; then some in progress).
    Written 1,000 documents per transaction, so 100k fits in memory.
    :returns: counts of documents, spans, statuses."""
    from annotator.core.model import DocId, Span, SpanId, Status, StatusRecord, utc_now
    from annotator.core.store import NewDocument, Project

    rng = random.Random(seed)
    counts = {"documents": 0, "spans": 0, "statuses": 0}
    now = utc_now()
    with Project.create(path) as project:
        for first in range(0, n_docs, 1000):
            with project.transaction():
                texts = [
                    "\n\n".join(article(rng, kind)) + f" {i}"
                    for i in range(first, min(n_docs, first + 1000))
                ]
                new = [NewDocument(t, title=t[:40]) for t in texts]
                ids = [d for d, _ in project.documents.add_many(new)]
                spans: list[Span] = []
                for doc_id, text in zip(ids, texts, strict=True):
                    words = [m.span() for m in _WORD.finditer(text)]
                    step = max(2, len(words) // max(1, spans_per_doc))
                    truth = [
                        (
                            k,
                            min(len(words), k + rng.choice((1, 1, 2, 3))),
                            rng.choice(ENTITY_LABELS),
                        )
                        for k in range(0, len(words) - 3, step)
                    ]
                    for who in annotators:
                        for n, (k0, k1, label) in enumerate(truth):
                            r = rng.random()
                            if r < 0.08:
                                continue
                            if r < 0.13 and k1 - k0 > 1:
                                k1 -= 1
                            if rng.random() < 0.05:
                                label = rng.choice(ENTITY_LABELS)
                            k1 = min(k1, truth[n + 1][0]) if n + 1 < len(truth) else k1
                            start, end = words[k0][0], words[max(k0, k1 - 1)][1]
                            spans.append(
                                Span(
                                    SpanId(f"{doc_id}-{who}-{n}"),
                                    DocId(doc_id),
                                    who,
                                    label,
                                    start,
                                    end,
                                    {},
                                    now,
                                    now,
                                )
                            )
                        for c in range(claims_per_doc):
                            k = rng.randrange(0, max(1, len(words) - 12))
                            start, end = words[k][0], words[min(len(words) - 1, k + 10)][1]
                            spans.append(
                                Span(
                                    SpanId(f"{doc_id}-{who}-c{c}"),
                                    DocId(doc_id),
                                    who,
                                    "CLAIM",
                                    start,
                                    end,
                                    {},
                                    now,
                                    now,
                                )
                            )
                        # Annotators work in order: the first ``done`` share is done,
                        # the rest half in progress, half not started.
                        if doc_id <= done * n_docs:
                            status = Status.DONE
                        elif rng.random() < 0.5:
                            status = Status.IN_PROGRESS
                        else:
                            continue
                        project.statuses.put(
                            StatusRecord(DocId(doc_id), who, status, 60.0, now),
                            doc_id=doc_id,
                            annotator=who,
                        )
                        counts["statuses"] += 1
                project.spans.insert_many(spans)
                counts["spans"] += len(spans)
                counts["documents"] += len(ids)
    return counts
