"""Import files into a project: read, clean, check, then store.

Each file goes in whole or not at all: it is read and checked completely
before anything is written, and the writes of a batch of files share one
transaction. With several files the good ones go in and the report lists the
bad ones with the reason (file, line, what to do).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import (
    AnnotatorError,
    DocumentTooLarge,
    DuplicateSpanId,
    ForbiddenCharacter,
    ImportFailed,
    MalformedInput,
    SpanOverlapsEntity,
    UnknownLabelInInput,
)
from annotator.core.formats import COMMON_LABEL_MAP, ReadOptions, iter_input_files
from annotator.core.formats.problems import Problems
from annotator.core.import_links import store_links
from annotator.core.import_read import (
    FORBIDDEN,
    CleaningChange,
    ReadDocument,
    ReadFile,
    read_files,
    worker_pays,
)
from annotator.core.model import (
    DEFAULT_MAX_DOCUMENT_CHARS,
    DocId,
    Label,
    LabelKind,
    RawDocument,
    RawLink,
    SourceTokens,
    Span,
    SpanId,
    Status,
    StatusRecord,
    outermost_flags,
    utc_now,
)
from annotator.core.note_edits import NOTE_MAX
from annotator.core.store import NewDocument, Project
from annotator.core.store_notes import FLAG_META, NOTE_META, UNSURE, DocumentNote
from annotator.core.tokenizer import has_loose_edges

DEFAULT_IMPORT_ANNOTATOR = "imported"
#: Part names a corpus may use for its files, and ours.
PART_ALIASES = {"train": "train", "dev": "dev", "val": "dev", "valid": "dev", "test": "test"}
MAX_LABEL_CHARS = 64
# Colours for labels an import adds (--add-labels), cycled.
_NEW_LABEL_COLOURS = ["#f0b27a", "#85c1e9", "#a9dfbf", "#f5b7b1", "#d7bde2", "#f9e79f"]


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to read and attribute what is imported.

    :param fmt: ``auto`` (by extension and content) or a key of ``READERS``.
    :param annotator: whose spans these are; wins over names found in the files.
    :param add_labels: add labels the project lacks instead of refusing the file.
    :param label_map: rename labels of the input (``PERS`` → ``PER``).
    """

    fmt: str = "auto"
    encoding: str | None = None
    annotator: str | None = None
    tag_column: int | None = None
    iob1: bool = False
    add_labels: bool = False
    label_map: dict[str, str] = field(default_factory=dict)
    claim_labels: frozenset[str] = frozenset({"CLAIM"})
    # Record each document's source relative to this folder (portable projects).
    source_root: Path | None = None
    lenient: bool = False
    sentences_per_document: int | None = None
    max_errors: int = 20
    allow_no_spans: bool = False
    paragraphs_per_document: int | None = None
    #: Which part of a corpus the files are (``train``/``dev``/``test``), kept in
    #: each document's meta as ``part``: ``export --split source`` keeps it.
    part: str | None = None
    #: Mark every imported document done for its annotator (gold corpora).
    done: bool = False
    #: Refuse a document longer than this (characters); ``None``: no limit.
    max_document_chars: int | None = DEFAULT_MAX_DOCUMENT_CHARS


@dataclass(slots=True)
class FileReport:
    path: str
    format: str = ""
    documents_new: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    spans_existing: int = 0
    nested_spans: int = 0
    #: Spans that start or end with whitespace or punctuation (``، البوكمال``).
    edge_punctuation: int = 0
    #: Annotators' notes and "unsure" flags on documents (JSONL ``meta``).
    document_notes: int = 0
    error: str | None = None
    #: What a lenient read skipped, or read its own way, each with its line.
    warnings: list[str] = field(default_factory=list)
    #: Text changed by cleaning: kind → (count, up to 3 examples "before → after").
    cleaning: dict[str, list[Any]] = field(default_factory=dict)
    labels_added: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "documents_new": self.documents_new,
            "documents_existing": self.documents_existing,
            "spans_added": self.spans_added,
            "spans_existing": self.spans_existing,
            "nested_spans": self.nested_spans,
            "edge_punctuation": self.edge_punctuation,
            "document_notes": self.document_notes,
            "error": self.error,
            "warnings": list(self.warnings),
            "cleaning": {k: {"count": v[0], "examples": v[1]} for k, v in self.cleaning.items()},
        }


@dataclass(slots=True)
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    labels_added: list[str] = field(default_factory=list)
    cancelled: bool = False
    #: Paths left out of a folder: not regular files (a FIFO, a device), symlink
    #: loops, unreadable entries; each with the reason.
    skipped: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [f"{f.path}, {w}" for f in self.files for w in f.warnings]

    def cleaning(self) -> dict[str, list[Any]]:
        """Cleaning changes over every file: kind → [count, examples]."""
        total: dict[str, list[Any]] = {}
        for f in self.files:
            for kind, (count, examples) in f.cleaning.items():
                entry = total.setdefault(kind, [0, []])
                entry[0] += count
                entry[1].extend(examples[: max(0, 3 - len(entry[1]))])
        return total

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.error]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [f.to_json() for f in self.files],
            "documents_new": sum(f.documents_new for f in self.files),
            "documents_existing": sum(f.documents_existing for f in self.files),
            "spans_added": sum(f.spans_added for f in self.files),
            "nested_spans": sum(f.nested_spans for f in self.files),
            "edge_punctuation": sum(f.edge_punctuation for f in self.files),
            "document_notes": sum(f.document_notes for f in self.files),
            "failed": len(self.failed),
            "labels_added": self.labels_added,
            "cancelled": self.cancelled,
            "skipped": list(self.skipped),
            "warnings": self.warnings,
            "cleaning": {k: {"count": v[0], "examples": v[1]} for k, v in self.cleaning().items()},
        }


@dataclass(slots=True)
class _PreparedDoc:
    new: NewDocument
    annotator: str | None
    spans: list[tuple[int, int, str, dict[str, Any], str | None]]
    status: Status | None
    links: list[RawLink] = field(default_factory=list)
    #: The annotator's note and "unsure" flag on the document (JSONL ``meta``).
    note: tuple[str, bool] | None = None


@dataclass(slots=True)
class _PreparedFile:
    report: FileReport
    docs: list[_PreparedDoc]
    new_labels: list[Label] = field(default_factory=list)


Progress = Callable[[int, int, str], None]


def import_paths(
    project: Project,
    paths: Sequence[str | Path],
    *,
    options: ImportOptions = ImportOptions(),
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    batch_documents: int = 2000,
) -> ImportReport:
    """Import files and folders (recursively) into ``project``.

    Each file goes in whole, labels included, or not at all; a bad file is listed
    in the report with every problem found and the good ones are kept.

    :param progress: called as ``progress(done_files, total_files, path)``.
    :param cancel: set it to stop after the current batch; what was stored stays.
    :raises ImportFailed: ``options.part`` is not a part name.
    """
    report = ImportReport()
    if options.part is not None and options.part not in PART_ALIASES:
        raise ImportFailed(f"--part {options.part!r}: choose train, dev (or val) or test.")
    files = iter_input_files([Path(p) for p in paths], fmt=options.fmt, skipped=report.skipped)
    read_options = ReadOptions(
        encoding=options.encoding,
        tag_column=options.tag_column,
        iob1=options.iob1,
        label_map=dict(options.label_map),
        default_annotator=options.annotator,
        lenient=options.lenient,
        sentences_per_document=options.sentences_per_document,
        max_errors=options.max_errors,
        allow_no_spans=options.allow_no_spans,
        paragraphs_per_document=options.paragraphs_per_document,
    )
    pending: list[_PreparedFile] = []
    pending_docs = 0
    # Labels the files of this batch add (stored with it): known to the next files.
    planned: dict[str, Label] = {}
    project_kinds: dict[str, LabelKind] | None = None
    # Reading and cleaning in a worker process when there are enough files: its
    # Python runs beside this process's SQLite writes (import_read.py).
    reads = read_files(
        files,
        options.fmt,
        read_options,
        worker=worker_pays(len(files)),
        ahead=batch_documents,
    )
    try:
        for index, read in enumerate(reads):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            if project_kinds is None:  # again after each batch stored: it may add labels
                project_kinds = {label.name: label.kind for label in project.labels.list()}
            prepared = _prepare_file(project, read, options, planned, project_kinds)
            report.files.append(prepared.report)
            if prepared.report.error is None:
                pending.append(prepared)
                pending_docs += len(prepared.docs)
                planned.update({label.name: label for label in prepared.new_labels})
            if pending_docs >= batch_documents:
                _store(project, pending, report)
                pending, pending_docs, planned = [], 0, {}
                project_kinds = None
            if progress is not None:
                progress(index + 1, len(files), str(read.path))
    finally:
        reads.close()  # a cancel or an error: the worker stops
    _store(project, pending, report)
    return report


def _prepare_file(
    project: Project,
    read: ReadFile,
    options: ImportOptions,
    planned: dict[str, Label],
    project_kinds: dict[str, LabelKind],
) -> _PreparedFile:
    path = read.path
    file_report = FileReport(str(path), read.fmt)
    if read.error is not None or read.documents is None:
        file_report.error = read.error
        return _PreparedFile(file_report, [])
    raw_docs = [document.raw for document in read.documents]
    try:
        # Labels of earlier files of this batch count as known: they are stored with it.
        new_labels = _labels_needed(project, raw_docs, path, options, planned)
        kinds = project_kinds
        if planned or new_labels:
            kinds = dict(project_kinds)
            kinds.update({label.name: label.kind for label in (*planned.values(), *new_labels)})
        docs = []
        seen_ids: dict[str, int | None] = {}
        # Every bad document of the file in one run (JSONL: every bad line).
        problems = Problems(str(path), options.max_errors, lenient_hint=False)
        for document in read.documents:
            raw = document.raw
            try:
                doc = _prepare_doc(project, document, path, options, kinds, file_report)
                _check_span_ids(project, raw, doc, path, seen_ids)
            except ImportFailed as exc:
                problems.add_error(exc)
                continue
            docs.append(doc)
        problems.check()
    except AnnotatorError as exc:
        file_report.error = str(exc)
        return _PreparedFile(file_report, [])
    except (OSError, UnicodeError, ValueError) as exc:
        file_report.error = f"[{ImportFailed.code}] {path}: {exc}"
        return _PreparedFile(file_report, [])
    for raw in raw_docs:
        file_report.warnings.extend(raw.warnings)
    return _PreparedFile(file_report, docs, new_labels)


def _prepare_doc(
    project: Project,
    document: ReadDocument,
    path: Path,
    options: ImportOptions,
    kinds: dict[str, LabelKind],
    report: FileReport,
) -> _PreparedDoc:
    raw = document.raw
    bad = document.forbidden
    if bad is not None:
        # A JSONL or CoNLL document knows its line; in a text file it is counted.
        line = raw.line
        if report.format == "txt" or line is None:
            line = (line or 1) + raw.text.count("\n", 0, bad)
        raise ForbiddenCharacter(
            f"the text holds the control character U+{ord(raw.text[bad]):04X} at character "
            f"{bad}; text may hold no NUL or control characters. Remove it from "
            "the file.",
            path=str(path),
            line=line,
        )
    text = document.text  # cleaned: made for every document without a forbidden character
    if not text.strip():
        raise MalformedInput("a document has no text.", path=str(path), line=raw.line)
    if options.max_document_chars is not None and len(text) > options.max_document_chars:
        raise DocumentTooLarge(
            f"a document of {len(text):,} characters; the limit is "
            f"{options.max_document_chars:,}. Split the file into documents (CoNLL: "
            "--sentences-per-document N; text: --paragraphs-per-document N) or raise the limit "
            "with --max-document-chars.",
            path=str(path),
            line=raw.line,
        )
    _note_cleaning(document.cleaning, report)
    spans: list[tuple[int, int, str, dict[str, Any], str | None]] = []
    for raw_span in raw.spans:
        label = options.label_map.get(raw_span.label, raw_span.label)
        if not (0 <= raw_span.start < raw_span.end <= len(raw.text)):
            raise MalformedInput(
                f"span {raw_span.start}–{raw_span.end} ({label}) is empty, reversed or past the "
                f"end of the text (length {len(raw.text)}). Fix the offsets in the file.",
                path=str(path),
                line=raw_span.line or raw.line,
            )
        start, end = document.offsets.map_span(raw_span.start, raw_span.end)
        if start >= end:
            raise MalformedInput(
                f"span {raw_span.start}–{raw_span.end} ({label}) covers only characters that "
                "import cleaning removes (bidi or format controls).",
                path=str(path),
                line=raw_span.line or raw.line,
            )
        spans.append((start, end, label, dict(raw_span.attrs), raw_span.id))
    if spans:  # most imported articles come without any
        _check_entity_overlaps(project, spans, path, raw.line, kinds=kinds)
        _check_against_stored(
            project, document.uid, text, raw.annotator or options.annotator, spans, path, raw.line
        )
    title = raw.title.strip() or _first_line(text)
    source = raw.source or str(path)
    if options.source_root is not None:
        try:
            source = Path(source).relative_to(options.source_root).as_posix()
        except ValueError:
            pass  # not under the root: keep it as given
    meta = dict(raw.meta)
    note = _document_note(meta, path, raw.line)
    if options.part is not None:
        meta["part"] = PART_ALIASES[options.part]
    status = Status.DONE if options.done else raw.status
    return _PreparedDoc(
        NewDocument(
            text,
            title,
            source,
            meta,
            _source_tokens(raw, document),
            uid=document.uid,
            n_words=document.n_words,
            folded=document.folded,
        ),
        raw.annotator or options.annotator,
        spans,
        status,
        raw.links,
        note,
    )


def _document_note(meta: dict[str, Any], path: Path, line: int | None) -> tuple[str, bool] | None:
    """Take the annotator's note and flag out of a line's meta (the JSONL export's
    ``annotator_note``/``annotator_flag``): they are the annotator's, not the document's."""
    if NOTE_META not in meta and FLAG_META not in meta:
        return None
    note, flag = meta.pop(NOTE_META, None), meta.pop(FLAG_META, None)
    if note is not None and (not isinstance(note, str) or len(note.strip()) > NOTE_MAX):
        raise MalformedInput(
            f'meta "{NOTE_META}" must be a text of at most {NOTE_MAX} characters; '
            "fix it in the file.",
            path=str(path),
            line=line,
        )
    if flag not in (None, "", UNSURE):
        raise MalformedInput(
            f'meta "{FLAG_META}" must be "{UNSURE}" (or absent), found {flag!r}; '
            "fix it in the file.",
            path=str(path),
            line=line,
        )
    return (note or "").strip(), flag == UNSURE


def _source_tokens(raw: RawDocument, document: ReadDocument) -> SourceTokens | None:
    """The reader's tokens moved into the cleaned text (a token cleaning empties is dropped)."""
    if raw.tokens is None:
        return None
    starts = raw.sentence_starts or [0]
    offsets = document.offsets
    if offsets.is_identity:
        return SourceTokens(list(raw.tokens), list(starts))
    tokens: list[tuple[int, int]] = []
    new_starts: list[int] = []
    wanted = set(starts)
    pending_start = False
    for index, (start, end) in enumerate(raw.tokens):
        if index in wanted:
            pending_start = True
        a, b = offsets.map_span(start, end)
        if a >= b:
            continue
        if pending_start:
            new_starts.append(len(tokens))
            pending_start = False
        tokens.append((a, b))
    return SourceTokens(tokens, new_starts or [0])


def _note_cleaning(changes: Iterable[CleaningChange], report: FileReport) -> None:
    """Add what cleaning changed in a document to its file's report (with up to 3
    examples of each kind over the file)."""
    for kind, count, examples in changes:
        entry = report.cleaning.setdefault(kind, [0, []])
        entry[0] += count
        entry[1].extend(examples[: max(0, 3 - len(entry[1]))])


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def _labels_needed(
    project: Project,
    raw_docs: Sequence[RawDocument],
    path: Path,
    options: ImportOptions,
    planned: dict[str, Label],
) -> list[Label]:
    """The labels this file uses that the project lacks: to add with the file
    (``--add-labels``), else one error listing every one with its count."""
    known = set(project.labels.names()) | set(planned)
    missing: Counter[str] = Counter()
    first_line: dict[str, int | None] = {}
    layers: dict[str, str | None] = {}
    for raw in raw_docs:
        for span in raw.spans:
            label = options.label_map.get(span.label, span.label)
            _check_label_name(label, path, span.line or raw.line)
            if label in known:
                continue
            missing[label] += 1
            first_line.setdefault(label, span.line or raw.line)
            layers.setdefault(label, span.layer)
    if not missing:
        return []
    if not options.add_labels:
        listed = ", ".join(
            f"{name} ({n}×, first on line {first_line[name]})"
            if first_line[name] is not None
            else f"{name} ({n}×)"
            for name, n in missing.most_common()
        )
        suggestions = [
            f"{name}={COMMON_LABEL_MAP[name]}"
            for name in missing
            if COMMON_LABEL_MAP.get(name) in known
        ]
        hint = (
            " Map them with " + " ".join(f"--label-map {s}" for s in suggestions) + ";"
            if suggestions
            else ""
        )
        raise UnknownLabelInInput(
            f"{len(missing)} label(s) are not in the project: {listed}. Known: "
            f"{', '.join(sorted(known))}.{hint} add them with `annotator labels add` or pass "
            "`--add-labels`.",
            path=str(path),
            line=first_line[missing.most_common(1)[0][0]],
        )
    added: list[Label] = []
    for name in missing:
        layer = layers[name]
        is_claim = layer == "claims" or (layer is None and name in options.claim_labels)
        colour = _NEW_LABEL_COLOURS[(len(planned) + len(added)) % len(_NEW_LABEL_COLOURS)]
        added.append(
            Label(
                name,
                LabelKind.CUE
                if layer == "cues"
                else (LabelKind.CLAIM if is_claim else LabelKind.ENTITY),
                colour,
                description="Added by import.",
            )
        )
    return added


def _check_label_name(label: str, path: Path, line: int | None) -> None:
    if FORBIDDEN.search(label) or not label or any(c.isspace() for c in label):
        raise ForbiddenCharacter(
            f"label {label!r} holds a space, a NUL or a control character; label names "
            "are one word of visible characters. Fix the label in the file.",
            path=str(path),
            line=line,
        )
    if len(label) > MAX_LABEL_CHARS:
        raise ForbiddenCharacter(
            f"label {label[:20]!r}… has {len(label)} characters; label names have at most "
            f"{MAX_LABEL_CHARS}.",
            path=str(path),
            line=line,
        )


def _check_span_ids(
    project: Project,
    raw: RawDocument,
    doc: _PreparedDoc,
    path: Path,
    seen: dict[str, int | None],
) -> None:
    """A span id names one span: twice in the file, or already used by another
    document of the project, is an error (importing the same file again is not)."""
    ids = [span_id for *_rest, span_id in doc.spans if span_id is not None]
    if not ids:
        return
    lines = {span.id: span.line or raw.line for span in raw.spans if span.id is not None}
    doc_id = project.documents.id_for_uid(doc.new.uid)
    for span_id in ids:
        if span_id in seen:
            raise DuplicateSpanId(
                f"span id {span_id!r} appears twice in the file; every span needs its own "
                "id (drop the ids to have new ones made).",
                path=str(path),
                line=lines.get(span_id),
            )
        seen[span_id] = lines.get(span_id)
    for span_id, owner in project.spans.documents_of(ids).items():
        if owner != doc_id:
            raise DuplicateSpanId(
                f"span id {span_id!r} is already used by a span of another document of the "
                "project; every span needs its own id (drop the ids to have new ones made).",
                path=str(path),
                line=lines.get(span_id),
            )


def _check_entity_overlaps(
    project: Project,
    spans: Iterable[tuple[int, int, str, dict[str, Any], str | None]],
    path: Path,
    line: int | None,
    *,
    kinds: dict[str, LabelKind],
) -> None:
    """Entities of one document may nest (unless the project is flat), never cross;
    the same characters may carry two labels only as two nesting levels."""
    flat = project.flat_entities
    ents = sorted(
        (s for s in spans if kinds[s[2]].layer == "ents"),
        key=lambda s: (s[0], -s[1], s[3].get("level", 0)),
    )
    # Entities still open at the current start, outermost first (a stack: nested
    # ranges close in reverse order).
    open_: list[tuple[int, int, str, dict[str, Any], str | None]] = []
    for span in ents:
        while open_ and open_[-1][1] <= span[0]:
            open_.pop()
        if open_:
            outer = open_[-1]
            same = (outer[0], outer[1]) == (span[0], span[1])
            if same and outer[2] == span[2]:
                raise MalformedInput(
                    f"two {span[2]} entities cover the same characters {span[0]}–{span[1]}. "
                    "Keep one.",
                    path=str(path),
                    line=line,
                )
            if flat:
                raise MalformedInput(
                    f"entity spans overlap: {outer[2]} {outer[0]}–{outer[1]} and {span[2]} "
                    f"{span[0]}–{span[1]}, and this project keeps entities flat. Import into "
                    "a project with nested entities, or mark overlapping statements with a "
                    "claim label instead.",
                    path=str(path),
                    line=line,
                )
            if span[1] > outer[1]:
                raise MalformedInput(
                    f"entity spans cross: {outer[2]} {outer[0]}–{outer[1]} and {span[2]} "
                    f"{span[0]}–{span[1]}. An entity may lie wholly inside another, never "
                    "cross it; fix one of the two.",
                    path=str(path),
                    line=line,
                )
        open_.append(span)


def _check_against_stored(
    project: Project,
    uid: str,
    text: str,
    annotator: str | None,
    spans: list[tuple[int, int, str, dict[str, Any], str | None]],
    path: Path,
    line: int | None,
) -> None:
    """A document already in the project: new spans must fit the annotator's stored ones."""
    doc_id = project.documents.id_for_uid(uid)
    if doc_id is None:
        return
    who = annotator or DEFAULT_IMPORT_ANNOTATOR
    stored = {(s.start, s.end, s.label) for s in project.spans.for_document(doc_id, annotator=who)}
    for start, end, label, _attrs, _id in spans:
        if (start, end, label) in stored:
            continue
        try:
            project.spans.check(doc_id, who, label, start, end, text_length=len(text))
        except SpanOverlapsEntity as exc:
            raise MalformedInput(
                f"{exc.message} (the project already holds spans of {who!r} for this document)",
                path=str(path),
                line=line,
            ) from None


def _store(project: Project, files: list[_PreparedFile], report: ImportReport) -> None:
    """Store a batch of checked files in one transaction.

    The whole batch is written at once (one ``add_many``: per-file writes cost a
    10,000-file import several times over). Should that fail (the disk, a race
    with another writer), it is rolled back and written again file by file, each
    in its own savepoint, so the failing file is listed and the others stay.
    """
    if not files:
        return
    with project.transaction():
        try:
            with project.transaction():
                _store_files(project, files)
        except (AnnotatorError, sqlite3.IntegrityError):
            project.labels.refresh()  # labels added in the savepoint were rolled back
            for prepared in files:
                _reset_counts(prepared.report)
            for prepared in files:
                try:
                    with project.transaction():
                        _store_files(project, [prepared])
                except (AnnotatorError, sqlite3.IntegrityError) as exc:
                    prepared.report.error = f"[{ImportFailed.code}] {prepared.report.path}: {exc}"
                    _reset_counts(prepared.report)
                    project.labels.refresh()
    for prepared in files:
        if prepared.report.error is None:
            report.labels_added.extend(prepared.report.labels_added)


def _reset_counts(file_report: FileReport) -> None:
    file_report.documents_new = file_report.documents_existing = 0
    file_report.spans_added = file_report.spans_existing = file_report.nested_spans = 0
    file_report.document_notes = 0
    file_report.labels_added = []


def _store_files(project: Project, files: list[_PreparedFile]) -> None:
    for prepared in files:
        for label in prepared.new_labels:
            if label.name not in project.labels.names():
                project.labels.add(label)
                prepared.report.labels_added.append(label.name)
    ids = project.documents.add_many([doc.new for f in files for doc in f.docs])
    now = utc_now()
    position = 0
    for prepared in files:
        for doc in prepared.docs:
            doc_id, is_new = ids[position]
            position += 1
            if is_new:
                prepared.report.documents_new += 1
            else:
                prepared.report.documents_existing += 1
            added, existing = _store_spans(project, doc_id, doc, now, fresh=is_new)
            if doc.links:
                store_links(
                    project,
                    doc_id,
                    doc.annotator or DEFAULT_IMPORT_ANNOTATOR,
                    doc.spans,
                    doc.links,
                    now,
                )
            prepared.report.spans_added += added
            prepared.report.spans_existing += existing
            if doc.status is not None:
                annotator = doc.annotator or DEFAULT_IMPORT_ANNOTATOR
                current = project.statuses.get(doc_id, annotator)
                project.statuses.put(
                    StatusRecord(
                        doc_id, annotator, doc.status, current.seconds if current else 0.0, now
                    ),
                    doc_id=doc_id,
                    annotator=annotator,
                )
            if doc.note is not None:
                project.document_notes.put(
                    DocumentNote(
                        doc_id, doc.annotator or DEFAULT_IMPORT_ANNOTATOR, *doc.note, updated=now
                    )
                )
                prepared.report.document_notes += 1
            if doc.spans:
                prepared.report.nested_spans += _count_nested(doc.spans, project)
                prepared.report.edge_punctuation += sum(
                    has_loose_edges(doc.new.text[s[0] : s[1]]) for s in doc.spans
                )


def _count_nested(
    spans: Sequence[tuple[int, int, str, dict[str, Any], str | None]], project: Project
) -> int:
    """Entities lying inside another entity of the document (what a flat read loses)."""
    ents = sorted(
        (s for s in spans if project.labels.get(s[2]).kind.layer == "ents"),
        key=lambda s: (s[0], -s[1], s[3].get("level", 0)),
    )
    return sum(not outer for outer in outermost_flags((s[0], s[1]) for s in ents))


def _store_spans(
    project: Project, doc_id: DocId, doc: _PreparedDoc, now: str, *, fresh: bool
) -> tuple[int, int]:
    if not doc.spans:
        return 0, 0
    annotator = doc.annotator or DEFAULT_IMPORT_ANNOTATOR
    existing: dict[tuple[int, int, str], Span] = {}
    known_ids: set[str] = set()
    if not fresh:
        for span in project.spans.for_document(doc_id, include_deleted=True):
            known_ids.add(span.id)
            if span.annotator == annotator and span.deleted is None:
                existing[(span.start, span.end, span.label)] = span
    new_spans: list[Span] = []
    skipped = 0
    for start, end, label, attrs, span_id in doc.spans:
        if (start, end, label) in existing or (span_id is not None and span_id in known_ids):
            # Importing the same file twice changes nothing.
            skipped += 1
            continue
        if existing:
            # New spans must also respect the spans this annotator already has.
            project.spans.check(doc_id, annotator, label, start, end, text_length=len(doc.new.text))
        new_spans.append(
            Span(
                SpanId(span_id) if span_id else project.spans.new_id(),
                doc_id,
                annotator,
                label,
                start,
                end,
                attrs,
                now,
                now,
                None,
            )
        )
    project.spans.insert_many(new_spans)
    return len(new_spans), skipped
