"""A merge's reading of the returned files: each file's rows checked and its loose
span edges counted, in worker processes beside the merge's writing.

Before a merge keeps a returned file it reads the file whole twice: the row checks
(:func:`annotator.core.store_untrusted.check_rows`) and the count of spans that
start or end with whitespace or punctuation. Neither writes, neither needs another
file, and both read the lead as it was before the merge (the checks compare the
file with it). So from :data:`MIN_BYTES` of returned files, where forking is safe
(the process's main thread, on Linux: the CLI), they run in up to
:data:`MAX_PROCESSES` forked workers, each reading the lead read-only, while the
calling process backs the lead up and merges, in order, each file whose check has
come back. Nothing is committed until every file has passed (:meth:`Readings.wait_all`),
so a file refused late rolls back what the files before it wrote, and the first
file refused, in the order given, is the one reported, as when they are read in
turn. Elsewhere (a thread: a forked child would inherit locks other threads hold)
and below the size, each file is read in turn before anything is written.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from annotator.core.errors import LabelConflict, MergeRefused
from annotator.core.model import Label
from annotator.core.store import Project
from annotator.core.store_merge import attached, span_edges
from annotator.core.store_untrusted import check_rows, reading_limit
from annotator.core.tokenizer import EDGE_PUNCTUATION
from annotator.core.workers import exit_with_parent

#: Returned files' total size from which workers pay (``benchmarks/bench_merge.py``).
MIN_BYTES = 16_000_000
#: Most workers: each reads one file at a time.
MAX_PROCESSES = 4


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading one returned file found: its labels (all its rows checked) and
    how many of its live spans have loose edges."""

    labels: list[Label]
    edge_punctuation: int


def read_file(lead: Project, source: Path, *, shown_as: Path) -> Reading:
    """Check every row of the returned file at ``source`` against ``lead`` and count
    its loose edges (read only, nothing written).

    :raises UntrustedFile, LabelConflict: naming ``shown_as``.
    """
    with attached(lead, source) as src, reading_limit(lead, shown_as):
        labels = check_rows(lead, src, shown_as)
        _check_kinds(lead, labels, shown_as=shown_as)
        return Reading(labels, count_loose_edges(lead, src))


def count_loose_edges(lead: Project, src: str) -> int:
    """The attached file's live spans that start or end with whitespace or punctuation."""
    count = 0
    loose = EDGE_PUNCTUATION
    for text, starts, ends in span_edges(lead, src):
        for start, end in zip(starts, ends, strict=True):
            # tokenizer.has_loose_edges(first + last), inlined: it runs for every span.
            first, last = text[start : start + 1], text[end - 1 : end]
            if first in loose or last in loose or first.isspace() or last.isspace():
                count += 1
    return count


def _check_kinds(lead: Project, labels: list[Label], *, shown_as: Path) -> None:
    lead_kinds = {lab.name: lab.kind for lab in lead.labels.list()}
    for label in labels:
        kind = lead_kinds.get(label.name)
        if kind is not None and kind != label.kind:
            raise LabelConflict(
                f"{shown_as}: label {label.name!r} is a {label.kind.value} there but a "
                f"{kind.value} in {lead.path}. Rename it in one of them "
                "(`annotator labels rename`) and merge again; nothing was merged."
            )


def _read_in_worker(lead_path: str, source: str, shown_as: str) -> Reading:
    with Project.open(Path(lead_path), readonly=True) as lead:
        return read_file(lead, Path(source), shown_as=Path(shown_as))


def _workers_for(sources: Sequence[Path]) -> int:
    """How many worker processes should read these files; 0: read them in turn here."""
    if sys.platform != "linux" or threading.current_thread() is not threading.main_thread():
        return 0
    if sum(_size(path) for path in sources) < MIN_BYTES:
        return 0
    cpus = len(os.sched_getaffinity(0))
    return 0 if cpus < 2 else min(cpus, MAX_PROCESSES, len(sources))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class Readings:
    """Each returned file's :class:`Reading`, in the order given: read in workers
    from the start (:func:`_workers_for`), else read in turn here when entered.

    Use as a context manager; :meth:`of` waits for a file's reading (raising what
    it raised), :meth:`wait_all` for every one, which a merge calls before it
    commits.

    :param sources: what to read (a returned file, or the migrated copy of one).
    :param shown: the names the user gave, for messages.
    """

    def __init__(self, lead: Project, sources: Sequence[Path], shown: Sequence[Path]) -> None:
        self._lead = lead
        self._sources = list(sources)
        self._shown = list(shown)
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[Reading]] = []
        self._read: list[Reading] = []

    @property
    def in_workers(self) -> bool:
        return self._pool is not None

    def __enter__(self) -> Readings:
        workers = _workers_for(self._sources)
        if not workers:
            # In turn, before anything is written (the merge's order of old).
            self._read = [
                read_file(self._lead, source, shown_as=shown)
                for source, shown in zip(self._sources, self._shown, strict=True)
            ]
            return self
        self._pool = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=exit_with_parent
        )
        lead_path = str(self._lead.path)
        self._futures = [
            self._pool.submit(_read_in_worker, lead_path, str(source), str(shown))
            for source, shown in zip(self._sources, self._shown, strict=True)
        ]
        return self

    def of(self, index: int) -> Reading:
        """The reading of file ``index`` (waiting for it in a worker)."""
        if self._pool is None:
            return self._read[index]
        try:
            return self._futures[index].result()
        except BrokenExecutor as exc:  # the worker was killed (out of memory, say)
            raise MergeRefused(
                f"{self._shown[index]}: the process reading it stopped ({exc}); nothing was "
                "merged. Merge again."
            ) from None

    def wait_all(self) -> None:
        """Wait for every file; raise the first refusal, in the order given."""
        for index in range(len(self._sources)):
            self.of(index)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            for future in self._futures:
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
