"""Exports on every core: documents rendered in worker processes, written in order.

The work of an export splits by document: tokenizing, aligning the spans and
formatting one document needs nothing of any other. So the documents are cut
into chunks of :data:`CHUNK`; each worker process opens the project read-only and
builds the format's renderer once (the tokenizer and its vocab), then renders
the chunks it is given; the calling process writes each chunk's documents in
project order as the chunks come back. The files are the same bytes whatever
the number of workers (``tests/core/test_export_parallel.py``). At most
:data:`IN_FLIGHT` chunks per worker are in flight, so memory stays flat however
large the project.

How the workers start:

- **fork** where the calling thread is the process's main thread on Linux (the
  CLI, scripts): the children inherit spaCy and the renderer already built, so a
  worker costs a few milliseconds;
- **spawn** from any other thread (the GUI runs exports in a worker thread) and
  elsewhere: a forked child would inherit locks that other threads hold at that
  moment (SQLite's among them), so each worker starts a fresh interpreter and
  imports spaCy (about a second), which only pays on large projects.

Below :data:`MIN_DOCUMENTS` documents (per start method, measured with
``benchmarks/bench_export.py``) an export runs in the calling process alone:
starting workers would cost more than they save.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from itertools import islice, repeat, takewhile
from typing import Any, NamedTuple

from annotator.core.export.claims import ClaimsRenderer
from annotator.core.export.conll import ConllRenderer
from annotator.core.export.context import ExportContext, Renderer
from annotator.core.export.docbin import SpacyRenderer
from annotator.core.export.jsonl import JsonlRenderer
from annotator.core.export.report import Exported, edge_entries
from annotator.core.export.select import SelectedDocument, Selection, iter_selected
from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.core.workers import exit_with_parent

#: Each format's renderer, as a worker builds it.
RENDERERS: dict[str, Callable[[ExportContext], Renderer]] = {
    "spacy": SpacyRenderer,
    "conll": ConllRenderer,
    "jsonl": JsonlRenderer,
    "claims": ClaimsRenderer,
}

#: Documents per chunk a worker renders at a time.
CHUNK = 100
#: Documents a renderer prepares at a time (:func:`render_all`).
BATCH = 50
#: Chunks per worker given out ahead of the one being written: the chunks come back
#: in order, so a worker that finished its own while another's is late (a busy
#: machine) would otherwise wait idle. Four chunks of CoNLL are ~3 MB.
IN_FLIGHT = 4
#: Fewest documents for which workers pay, per start method (``bench_export.py``).
MIN_DOCUMENTS = {"fork": 1_000, "spawn": 20_000}
#: Most workers: each holds its own tokenizer and vocab (~100 MB).
MAX_PROCESSES = 4
#: Strings (words) a worker's tokenizer learns and keeps in its cache and vocab
#: (~0.3 KB each); past them, those new in a chunk are let go after it
#: (:func:`_bounded_vocab`). At 100k documents: the workers' memory flat from
#: half-way, no slower (``benchmarks/README.md``).
KEPT_WORDS = 20_000


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs to render documents of one export (picklable)."""

    path: str
    fmt: str
    context: ExportContext
    selection: Selection
    source_tokens: bool
    part_names: tuple[str, ...]
    by_source: bool


class Outcome(NamedTuple):
    """One document rendered, with what the report needs of it (a tuple: cheap to
    send from a worker)."""

    part: int
    #: ``--split source`` and the document had no recorded part (split by hash).
    without_part: bool
    payload: Any
    tally: tuple[int, ...]
    exported: Exported
    edges: list[dict[str, Any]]
    title: str


def render_all(
    renderer: Renderer,
    items: Iterable[SelectedDocument],
    parts: Mapping[DocId, int],
    *,
    part_names: Sequence[str],
    by_source: bool,
) -> Generator[Outcome, None, None]:
    """Render ``items`` in order, each into its part.

    :param parts: each document's part by hash of its uid (:func:`assign_parts`);
        with ``by_source``, the part its import recorded wins.

    A renderer with a ``prepare(items)`` method is handed :data:`BATCH` documents
    at a time before it renders them (CoNLL tokenizes them all first).
    """
    prepare = getattr(renderer, "prepare", None)
    batches = (list(islice(it, BATCH)) for it in repeat(iter(items)))
    for batch in takewhile(bool, batches):
        if prepare is not None:
            prepare(batch)
        yield from _render_batch(renderer, batch, parts, part_names, by_source)


def _render_batch(
    renderer: Renderer,
    batch: Sequence[SelectedDocument],
    parts: Mapping[DocId, int],
    part_names: Sequence[str],
    by_source: bool,
) -> Generator[Outcome, None, None]:
    for item in batch:
        document = item.document
        recorded = document.meta.get("part") if by_source else None
        if recorded in part_names:
            part, without_part = part_names.index(recorded), False
        else:
            part, without_part = parts[document.id], by_source
        rendered = renderer.render(part, item)
        yield Outcome(
            part,
            without_part,
            rendered.payload,
            rendered.tally,
            Exported.of(rendered.aligned),
            edge_entries(document, item.spans),
            document.title,
        )


def start_method() -> str:
    """``fork`` where it is safe and cheap, else ``spawn`` (see the module docstring)."""
    if sys.platform == "linux" and threading.current_thread() is threading.main_thread():
        return "fork"
    return "spawn"


def processes_for(fmt: str, n_documents: int) -> int:
    """How many workers an export of ``n_documents`` should use; 1: none."""
    if fmt not in RENDERERS or n_documents < MIN_DOCUMENTS[start_method()]:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_PROCESSES))


# --- the workers ------------------------------------------------------------------

# Built in the calling process before a fork, so forked workers inherit it.
_inherited: tuple[Job, Renderer] | None = None
# In a worker: the project it reads, its renderer and its job.
_worker: tuple[Project, Renderer, Job] | None = None
# In a worker: how many strings its tokenizer's vocab held when it started.
_vocab_at_start = 0


def _start_worker(job: Job) -> None:
    global _worker, _vocab_at_start
    exit_with_parent()
    renderer = _inherited[1] if _inherited is not None and _inherited[0] == job else None
    if renderer is None:
        renderer = RENDERERS[job.fmt](job.context)
    _worker = (Project.open(job.path, readonly=True), renderer, job)
    _vocab_at_start = len(_nlp(job).vocab.strings)


def _nlp(job: Job) -> Any:
    from annotator.core.tokenizer import get_nlp

    return get_nlp(job.context.clitics)


def _bounded_vocab(job: Job) -> AbstractContextManager[Any]:
    """Once a worker's tokenizer has learned :data:`KEPT_WORDS` strings, spaCy's
    memory zone around each chunk: words it has not met before are tokenized without
    being cached and let go after the chunk, so the worker's memory stays flat however
    large the project. Without it each worker kept every distinct word it met
    (numbers, names: ~0.3 KB a document at 100k). Until the limit words are kept as
    usual; the frequent ones come first, so the cache keeps its use. Only here, in a
    worker: a zone frees what any thread allocates in it, and the calling process
    may share its tokenizer with other threads (the GUI's)."""
    nlp = _nlp(job)
    if len(nlp.vocab.strings) - _vocab_at_start < KEPT_WORDS:
        return nullcontext()
    zone: AbstractContextManager[Any] = nlp.memory_zone()
    return zone


def _render_chunk(chunk: Sequence[tuple[DocId, int]]) -> list[Outcome]:
    if _worker is None:
        raise RuntimeError("export worker used before it started")
    project, renderer, job = _worker
    items = iter_selected(
        project, job.selection, [doc_id for doc_id, _part in chunk], source_tokens=job.source_tokens
    )
    with _bounded_vocab(job):
        outcomes = list(
            render_all(
                renderer, items, dict(chunk), part_names=job.part_names, by_source=job.by_source
            )
        )
    return join_payloads(outcomes)


def join_payloads(outcomes: list[Outcome]) -> list[Outcome]:
    """Outcomes whose payloads are bytes (text a format appends, as CoNLL's), with
    each part's bytes joined into that part's last outcome and the others left
    empty: the files get the same bytes, and a chunk crosses between processes as
    a few large strings rather than one per document. Other payloads (DocBin's)
    are left as they are."""
    if not all(type(o.payload) is bytes for o in outcomes):
        return outcomes
    by_part: dict[int, list[int]] = {}
    for i, outcome in enumerate(outcomes):
        by_part.setdefault(outcome.part, []).append(i)
    joined = list(outcomes)
    for indices in by_part.values():
        payload = b"".join(outcomes[i].payload for i in indices)
        for i in indices[:-1]:
            joined[i] = outcomes[i]._replace(payload=b"")
        joined[indices[-1]] = outcomes[indices[-1]]._replace(payload=payload)
    return joined


def render_in_workers(
    job: Job, ids: Sequence[DocId], parts: Mapping[DocId, int], *, processes: int
) -> Generator[Outcome, None, None]:
    """:func:`render_all` over ``ids`` in ``processes`` worker processes, in order.

    Closing the iterator early (a cancel) drops the chunks not yet started and
    waits for the ones running.
    """
    global _inherited
    method = start_method()
    if method == "fork":
        _inherited = (job, RENDERERS[job.fmt](job.context))
        # A forked worker's garbage collector would touch every object it inherited
        # (spaCy's vocab among them) and so copy their pages: frozen objects it skips.
        gc.freeze()
    chunks = (
        [(doc_id, parts[doc_id]) for doc_id in ids[first : first + CHUNK]]
        for first in range(0, len(ids), CHUNK)
    )
    pool = ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(job,),
    )
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        for chunk in islice(chunks, IN_FLIGHT * processes):
            pending.append(pool.submit(_render_chunk, chunk))
        while pending:
            outcomes = pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(_render_chunk, chunk))
            yield from outcomes
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        _inherited = None
        if method == "fork":
            gc.unfreeze()
