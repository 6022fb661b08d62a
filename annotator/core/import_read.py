"""Reading the files of an import: the work that needs no project, on another core.

Telling a file's format, reading and decoding it, and for each of its documents
cleaning the text and computing what the store keeps of the cleaned text (the
uid, the word count, the folded text of the find index) need nothing of the
project. So for a large import one worker process does that, file by file, while
the importer checks what it gets back against the project and writes it: the
worker's Python then runs beside SQLite's C code (the find index's trigram insert
alone is half an import). Files come back in order, at most a few chunks ahead of
the importer, so memory stays flat however many files there are.

Everything the importer checks and reports is unchanged: a file that cannot be
read comes back with the same error text as when read in the importer's process,
and a document's checks (control characters, length, spans) run in the importer,
on the cleaned text made here. Workers start as export workers do
(:mod:`annotator.core.export.parallel`): **fork** from the main thread on Linux,
**spawn** elsewhere (the GUI imports in a worker thread), and below
:data:`MIN_FILES` files no worker starts at all.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
import threading
import unicodedata
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, ImportFailed, MalformedInput
from annotator.core.formats import READERS, ReadOptions, read_detected
from annotator.core.model import RawDocument, Status, document_uid
from annotator.core.text import OffsetMap, clean_text, fold_text
from annotator.core.workers import exit_with_parent

# Characters no text or label may hold: C0 controls but tab, line feed, carriage
# return and form feed; DEL; C1 controls.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# What clean_text removes (bidi and format controls, BOM), for the import summary.
CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"

#: Files a worker reads at a time.
CHUNK = 50
#: Fewest files for which a worker pays, per start method. Within the importer's
#: first batch (2,000 documents) there is no write for the reading to overlap, and
#: a worker cost more wall time than it saved under load (1,000 files: 2.1–3.2 s
#: against 1.8–2.0 s in one process); a spawned one takes 1–1.7 s to start.
MIN_FILES = {"fork": 2_000, "spawn": 6_000}

#: What cleaning changed in one document: (kind, count, up to 3 examples).
CleaningChange = tuple[str, int, list[str]]


@dataclass(slots=True)
class ReadDocument:
    """One document of a file, with what could be computed without the project.

    :param forbidden: where the raw text holds a control character no text may
        hold (the importer refuses the document); then nothing else is computed.
    """

    raw: RawDocument
    forbidden: int | None = None
    #: The cleaned text (:func:`clean_text`).
    text: str = ""
    #: What cleaning changed (empty when the cleaned text is the raw text).
    cleaning: tuple[CleaningChange, ...] = ()
    uid: str = ""
    n_words: int = 0
    #: The cleaned text folded for the find index (:func:`fold_text`).
    folded: str = ""
    #: Raw → cleaned offsets; ``None`` when not sent (see :attr:`offsets`).
    offset_map: OffsetMap | None = None

    @property
    def offsets(self) -> OffsetMap:
        """Raw → cleaned offsets. A worker sends none for a document without spans
        or tokens (nothing asks for them then): made again if asked for."""
        if self.offset_map is None:
            self.offset_map = clean_text(self.raw.text).offsets
        return self.offset_map


@dataclass(slots=True)
class ReadFile:
    """A file read: its format and documents, or the error that names it."""

    path: Path
    fmt: str = ""
    documents: list[ReadDocument] | None = None
    error: str | None = None


def read_file(path: Path, fmt: str, options: ReadOptions) -> ReadFile:
    """Tell the format of ``path`` (``fmt`` ``auto``), read its documents and clean them.

    Never raises for a bad file: the error text names the file, as the report shows it.
    """
    read = ReadFile(path)
    try:
        if fmt == "auto":  # an article is opened once, to tell its format and read it
            read.fmt, documents = read_detected(path, options=options)
        else:
            read.fmt, documents = fmt, READERS[fmt](path, options=options)
        raw_docs = list(documents)
        if not raw_docs:
            raise MalformedInput("no documents found in this file.", path=str(path))
    except AnnotatorError as exc:
        read.error = str(exc)
        return read
    except (OSError, UnicodeError, ValueError) as exc:
        read.error = f"[{ImportFailed.code}] {path}: {exc}"
        return read
    read.documents = [_read_document(raw) for raw in raw_docs]
    return read


def _read_document(raw: RawDocument) -> ReadDocument:
    bad = FORBIDDEN.search(raw.text)
    if bad:
        return ReadDocument(raw, forbidden=bad.start())
    cleaned = clean_text(raw.text)
    text = cleaned.text
    return ReadDocument(
        raw,
        text=text,
        cleaning=cleaning_changes(raw.text) if text != raw.text else (),
        uid=document_uid(text),
        n_words=len(text.split()),
        folded=fold_text(text),
        offset_map=cleaned.offsets,
    )


def cleaning_changes(raw: str) -> tuple[CleaningChange, ...]:
    """What cleaning changes in ``raw`` (line ends, controls, NFC), with a few examples."""
    changes: list[CleaningChange] = []
    line_ends = raw.count("\r")
    if line_ends:
        changes.append(("line ends (CR LF → LF)", line_ends, []))
    # Most frequent first, ties in order of first appearance.
    present = [(ch, raw.count(ch)) for ch in CONTROLS if ch in raw]
    present.sort(key=lambda item: (-item[1], raw.index(item[0])))
    if present:
        changes.append(
            (
                "invisible controls removed",
                sum(n for _ch, n in present),
                [f"U+{ord(ch):04X} ×{n}" for ch, n in present[:3]],
            )
        )
    if not unicodedata.is_normalized("NFC", raw):
        visible = raw
        for ch, _n in present:
            visible = visible.replace(ch, "")
        changed = [w for w in visible.split() if not unicodedata.is_normalized("NFC", w)]
        if changed:
            changes.append(
                (
                    "words normalised to NFC (marks reordered or composed)",
                    len(changed),
                    [nfc_example(w) for w in changed[:3]],
                )
            )
    return tuple(changes)


def nfc_example(word: str) -> str:
    """``'سُجِّلت': U+0650 U+0651 → U+0651 U+0650`` (the two look the same on screen)."""
    after = unicodedata.normalize("NFC", word)
    start = next(
        (i for i, (a, b) in enumerate(zip(word, after, strict=False)) if a != b),
        min(len(word), len(after)),
    )
    end_w, end_a = len(word), len(after)
    while end_w > start and end_a > start and word[end_w - 1] == after[end_a - 1]:
        end_w, end_a = end_w - 1, end_a - 1

    def points(s: str) -> str:
        return " ".join(f"U+{ord(c):04X}" for c in s)

    return f"{word!r}: {points(word[start:end_w])} → {points(after[start:end_a])}"


# --- in order, in a worker when it pays ---------------------------------------------


def start_method() -> str:
    """``fork`` where it is safe and cheap, else ``spawn`` (as export workers)."""
    if sys.platform == "linux" and threading.current_thread() is threading.main_thread():
        return "fork"
    return "spawn"


def worker_pays(n_files: int) -> bool:
    """Whether reading ``n_files`` in a worker beats reading them here: enough
    files, and a second core to run it on."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return cpus > 1 and n_files >= MIN_FILES[start_method()]


def read_files(
    paths: Sequence[Path], fmt: str, options: ReadOptions, *, worker: bool, ahead: int = 0
) -> Generator[ReadFile, None, None]:
    """:func:`read_file` of each path, in order; in one worker process if ``worker``.

    :param ahead: how many files the worker may read ahead of the caller (at
        least four chunks): the caller's batch, so that the worker keeps reading
        while the caller writes one.

    Closing the iterator early (a cancel) drops the chunks not started. A worker
    that fails (a bug, or killed for memory) raises :class:`ImportFailed` naming
    the first file of the chunk it was reading.
    """
    if not worker:
        for path in paths:
            yield read_file(path, fmt, options)
        return
    method = start_method()
    if method == "fork":
        # A forked worker's garbage collector would touch every object it inherited
        # and so copy their pages: frozen objects it skips.
        gc.freeze()
    chunks = (list(paths[first : first + CHUNK]) for first in range(0, len(paths), CHUNK))
    pool = ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(fmt, options),
    )
    pending: deque[tuple[list[Path], Future[list[PackedFile]]]] = deque()

    def submit(chunk: list[Path]) -> None:
        # Paths go as strings, results come back as plain tuples (_pack): what
        # pickle rebuilds without calling Python code, per document.
        pending.append((chunk, pool.submit(_read_chunk, [os.fspath(p) for p in chunk])))

    try:
        # A batch in flight: while the importer writes one batch (the find index's
        # insert, seconds), the worker reads the next instead of waiting for it.
        for chunk in islice(chunks, max(4, -(-ahead // CHUNK))):
            submit(chunk)
        while pending:
            chunk, future = pending.popleft()
            try:
                files = future.result()
            except BrokenProcessPool as exc:
                raise ImportFailed(
                    f"the process reading the files stopped ({exc}) while reading this file "
                    "or one of the next; nothing of them was stored. Import them again.",
                    path=str(chunk[0]),
                ) from exc
            for next_chunk in islice(chunks, 1):
                submit(next_chunk)
            for path, packed in zip(chunk, files, strict=True):
                yield _unpack(path, packed)
    finally:
        for _first, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        if method == "fork":
            gc.unfreeze()


# In a worker: the format asked for and the reading options.
_job: tuple[str, ReadOptions] | None = None


def _start_worker(fmt: str, options: ReadOptions) -> None:
    global _job
    exit_with_parent()
    _job = (fmt, options)


def _read_chunk(paths: Sequence[str]) -> list[PackedFile]:
    if _job is None:
        raise RuntimeError("import worker used before it started")
    fmt, options = _job
    files = []
    for path in paths:
        try:
            files.append(_pack(read_file(Path(path), fmt, options)))
        except Exception as exc:  # a bug: stop the import, naming the file
            raise ImportFailed(
                f"reading this file failed unexpectedly ({type(exc).__name__}: {exc}); "
                "nothing of it was stored.",
                path=str(Path(path)),
            ) from None
    return files


# --- what a worker sends back ------------------------------------------------------
# Unpickling a ReadFile of dataclasses (a RawDocument, an offset map and its lists
# per document) cost the importer 0.3–0.5 s per 10,000 articles, on the core that
# writes. An article (no spans, no tokens: nearly every file of a large import)
# comes as a tuple of strings and numbers instead, rebuilt in C; the raw text and
# the cleaned one are one string when cleaning changed nothing (pickle's memo).
# 10k articles: 0.27 s to unpickle as dataclasses, 0.10 s as tuples and rebuilt.

#: An article's document: the raw document's text, title, source, meta, annotator,
#: status, line; then forbidden, cleaned text, cleaning, uid, words, folded text.
PackedDocument = tuple[
    str,
    str,
    str,
    dict[str, Any],
    str | None,
    Status | None,
    int | None,
    int | None,
    str,
    tuple[CleaningChange, ...],
    str,
    int,
    str,
]
#: A file: its format, its error, its documents (whole when they have spans or tokens).
PackedFile = tuple[str, str | None, list[PackedDocument | ReadDocument] | None]


def _pack(read: ReadFile) -> PackedFile:
    if read.documents is None:
        return read.fmt, read.error, None
    return read.fmt, read.error, [_pack_document(document) for document in read.documents]


def _pack_document(document: ReadDocument) -> PackedDocument | ReadDocument:
    raw = document.raw
    if raw.spans or raw.links or raw.warnings or raw.tokens is not None or raw.sentence_starts:
        return document  # spans or tokens to move: whole, with its offset map
    return (
        raw.text,
        raw.title,
        raw.source,
        raw.meta,
        raw.annotator,
        raw.status,
        raw.line,
        document.forbidden,
        document.text,
        document.cleaning,
        document.uid,
        document.n_words,
        document.folded,
    )


def _unpack(path: Path, packed: PackedFile) -> ReadFile:
    fmt, error, documents = packed
    if documents is None:
        return ReadFile(path, fmt, None, error)
    return ReadFile(
        path,
        fmt,
        [d if isinstance(d, ReadDocument) else _unpack_document(d) for d in documents],
        error,
    )


def _unpack_document(packed: PackedDocument) -> ReadDocument:
    text, title, source, meta, annotator, status, line = packed[:7]
    raw = RawDocument(text, title, source, meta, annotator=annotator, status=status, line=line)
    return ReadDocument(raw, *packed[7:])
