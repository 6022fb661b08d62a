"""Import files into a project: read, clean, check, then store.

Each file goes in whole or not at all: it is read and checked completely
before anything is written, and the writes of a batch of files share one
transaction. With several files the good ones go in and the report lists the
bad ones with the reason (file, line, what to do).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import (
    AnnotatorError,
    ImportFailed,
    MalformedInput,
    SpanOverlapsEntity,
    UnknownLabelInInput,
)
from annotator.core.formats import READERS, ReadOptions, detect_format, iter_input_files
from annotator.core.model import (
    DocId,
    Label,
    LabelKind,
    RawDocument,
    Span,
    SpanId,
    Status,
    StatusRecord,
    document_uid,
    utc_now,
)
from annotator.core.store import NewDocument, Project
from annotator.core.text import clean_text

DEFAULT_IMPORT_ANNOTATOR = "imported"
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


@dataclass(slots=True)
class FileReport:
    path: str
    format: str = ""
    documents_new: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    spans_existing: int = 0
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "documents_new": self.documents_new,
            "documents_existing": self.documents_existing,
            "spans_added": self.spans_added,
            "spans_existing": self.spans_existing,
            "error": self.error,
        }


@dataclass(slots=True)
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    labels_added: list[str] = field(default_factory=list)
    cancelled: bool = False

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
            "failed": len(self.failed),
            "labels_added": self.labels_added,
            "cancelled": self.cancelled,
        }


@dataclass(slots=True)
class _PreparedDoc:
    new: NewDocument
    annotator: str | None
    spans: list[tuple[int, int, str, dict[str, Any], str | None]]
    status: Status | None


@dataclass(slots=True)
class _PreparedFile:
    report: FileReport
    docs: list[_PreparedDoc]


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

    :param progress: called as ``progress(done_files, total_files, path)``.
    :param cancel: set it to stop after the current batch; what was stored stays.
    """
    report = ImportReport()
    files = iter_input_files([Path(p) for p in paths], fmt=options.fmt)
    read_options = ReadOptions(
        encoding=options.encoding,
        tag_column=options.tag_column,
        iob1=options.iob1,
        label_map=dict(options.label_map),
        default_annotator=options.annotator,
    )
    pending: list[_PreparedFile] = []
    pending_docs = 0
    for index, path in enumerate(files):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        prepared = _prepare_file(project, path, options, read_options, report)
        report.files.append(prepared.report)
        if prepared.report.error is None:
            pending.append(prepared)
            pending_docs += len(prepared.docs)
        if pending_docs >= batch_documents:
            _store(project, pending)
            pending, pending_docs = [], 0
        if progress is not None:
            progress(index + 1, len(files), str(path))
    _store(project, pending)
    return report


def _prepare_file(
    project: Project,
    path: Path,
    options: ImportOptions,
    read_options: ReadOptions,
    report: ImportReport,
) -> _PreparedFile:
    file_report = FileReport(str(path))
    try:
        fmt = options.fmt if options.fmt != "auto" else detect_format(path)
        file_report.format = fmt
        raw_docs = list(READERS[fmt](path, options=read_options))
        if not raw_docs:
            raise MalformedInput("no documents found in this file.", path=str(path))
        docs = [_prepare_doc(project, raw, path, options, report) for raw in raw_docs]
    except AnnotatorError as exc:
        file_report.error = str(exc)
        return _PreparedFile(file_report, [])
    except (OSError, UnicodeError, ValueError) as exc:
        file_report.error = f"[{ImportFailed.code}] {path}: {exc}"
        return _PreparedFile(file_report, [])
    return _PreparedFile(file_report, docs)


def _prepare_doc(
    project: Project, raw: RawDocument, path: Path, options: ImportOptions, report: ImportReport
) -> _PreparedDoc:
    cleaned = clean_text(raw.text)
    text = cleaned.text
    if not text.strip():
        raise MalformedInput("a document has no text.", path=str(path), line=raw.line)
    spans: list[tuple[int, int, str, dict[str, Any], str | None]] = []
    for raw_span in raw.spans:
        label = options.label_map.get(raw_span.label, raw_span.label)
        if not (0 <= raw_span.start < raw_span.end <= len(raw.text)):
            raise MalformedInput(
                f"span {raw_span.start}–{raw_span.end} ({label}) is empty, reversed or past the "
                f"end of the text (length {len(raw.text)}). Fix the offsets in the file.",
                path=str(path),
                line=raw.line,
            )
        _ensure_label(project, label, raw_span.layer, path, raw.line, options, report)
        start, end = cleaned.offsets.map_span(raw_span.start, raw_span.end)
        if start >= end:
            raise MalformedInput(
                f"span {raw_span.start}–{raw_span.end} ({label}) covers only characters that "
                "import cleaning removes (bidi or format controls).",
                path=str(path),
                line=raw.line,
            )
        spans.append((start, end, label, dict(raw_span.attrs), raw_span.id))
    if spans:  # most imported articles come without any
        _check_entity_overlaps(project, spans, path, raw.line)
        _check_against_stored(
            project, text, raw.annotator or options.annotator, spans, path, raw.line
        )
    title = raw.title.strip() or _first_line(text)
    source = raw.source or str(path)
    if options.source_root is not None:
        try:
            source = Path(source).relative_to(options.source_root).as_posix()
        except ValueError:
            pass  # not under the root: keep it as given
    return _PreparedDoc(
        NewDocument(text, title, source, dict(raw.meta)),
        raw.annotator or options.annotator,
        spans,
        raw.status,
    )


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def _ensure_label(
    project: Project,
    label: str,
    layer: str | None,
    path: Path,
    line: int | None,
    options: ImportOptions,
    report: ImportReport,
) -> None:
    if label in project.labels.names():
        return
    if not options.add_labels:
        known = ", ".join(project.labels.names())
        raise UnknownLabelInInput(
            f"label {label!r} is not in the project (known: {known}). Add it with "
            f"`annotator labels add`, map it with `--label-map {label}=PER`, or pass "
            "`--add-labels`.",
            path=str(path),
            line=line,
        )
    is_claim = layer == "claims" or (layer is None and label in options.claim_labels)
    colour = _NEW_LABEL_COLOURS[len(report.labels_added) % len(_NEW_LABEL_COLOURS)]
    project.labels.add(
        Label(
            label,
            LabelKind.CLAIM if is_claim else LabelKind.ENTITY,
            colour,
            description="Added by import.",
        )
    )
    report.labels_added.append(label)


def _check_entity_overlaps(
    project: Project,
    spans: Iterable[tuple[int, int, str, dict[str, Any], str | None]],
    path: Path,
    line: int | None,
) -> None:
    ents = sorted(
        (s for s in spans if project.labels.get(s[2]).kind.layer == "ents"),
        key=lambda s: (s[0], s[1]),
    )
    for before, after in zip(ents, ents[1:], strict=False):
        if after[0] < before[1] and (before[0], before[1]) != (after[0], after[1]):
            raise MalformedInput(
                f"entity spans overlap: {before[2]} {before[0]}–{before[1]} and {after[2]} "
                f"{after[0]}–{after[1]}. Entities and places form one layer without overlaps; "
                "mark overlapping statements with a claim label instead.",
                path=str(path),
                line=line,
            )
        if after[0] < before[1]:
            raise MalformedInput(
                f"two entity spans cover the same characters {after[0]}–{after[1]} "
                f"({before[2]}, {after[2]}). Keep one.",
                path=str(path),
                line=line,
            )


def _check_against_stored(
    project: Project,
    text: str,
    annotator: str | None,
    spans: list[tuple[int, int, str, dict[str, Any], str | None]],
    path: Path,
    line: int | None,
) -> None:
    """A document already in the project: new spans must fit the annotator's stored ones."""
    doc_id = project.documents.id_for_uid(document_uid(text))
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


def _store(project: Project, files: list[_PreparedFile]) -> None:
    if not files:
        return
    with project.transaction():
        docs = [doc for f in files for doc in f.docs]
        ids = project.documents.add_many([doc.new for doc in docs])
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
