"""Merge returned project files into the lead's project.

Documents by uid, labels by name, spans (and gold spans) by id with the newest
update winning, tombstones included; statuses and document notes newest first.
Merging the same file twice changes nothing, nothing is lost, and a conflict
that cannot be settled (a label with the same name and another kind) stops the
merge with nothing committed. A backup of the lead file is taken first.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotator.core.errors import (
    AnnotatorError,
    MergeRefused,
    ProjectReadOnly,
    UntrustedFile,
)
from annotator.core.links import check_link_types
from annotator.core.merge_checks import Readings
from annotator.core.model import DocId, Label, Span, nests, utc_now
from annotator.core.store import Project, SpanTable
from annotator.core.store_merge import (
    attach_limit,
    attached,
    merge_rows,
    overlapping_entities,
    references_joined,
)
from annotator.core.store_untrusted import inspect_schema, reading_limit

__all__ = ["MergeFileReport", "MergeRefused", "MergeReport", "merge_projects"]


@dataclass(slots=True)
class MergeFileReport:
    path: str
    documents_added: int = 0
    labels_added: list[str] = field(default_factory=list)
    spans_added: int = 0
    spans_updated: int = 0
    gold_added: int = 0
    gold_updated: int = 0
    statuses_updated: int = 0
    #: Annotators' notes and "unsure" flags on documents, added or newer.
    document_notes_updated: int = 0
    overlaps_resolved: list[str] = field(default_factory=list)
    #: Spans of the returned file that start or end with whitespace or
    #: punctuation (``، البوكمال``): merged as they are, counted here.
    edge_punctuation: int = 0
    links_added: int = 0
    links_updated: int = 0
    #: Links of the file refused (not what their type allows) or settled.
    link_notes: list[str] = field(default_factory=list)
    link_types_added: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.documents_added
            or self.labels_added
            or self.spans_added
            or self.spans_updated
            or self.gold_added
            or self.gold_updated
            or self.statuses_updated
            or self.document_notes_updated
            or self.links_added
            or self.links_updated
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "documents_added": self.documents_added,
            "labels_added": self.labels_added,
            "spans_added": self.spans_added,
            "spans_updated": self.spans_updated,
            "gold_added": self.gold_added,
            "gold_updated": self.gold_updated,
            "statuses_updated": self.statuses_updated,
            "document_notes_updated": self.document_notes_updated,
            "overlaps_resolved": self.overlaps_resolved,
            "edge_punctuation": self.edge_punctuation,
            "links_added": self.links_added,
            "links_updated": self.links_updated,
            "link_notes": self.link_notes,
            "link_types_added": self.link_types_added,
        }


@dataclass(slots=True)
class MergeReport:
    files: list[MergeFileReport]
    backup: str | None

    def to_json(self) -> dict[str, Any]:
        return {"backup": self.backup, "files": [f.to_json() for f in self.files]}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def merge_projects(
    lead: Project,
    paths: Sequence[str | Path],
    *,
    backup: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> MergeReport:
    """Merge each returned project file into ``lead``.

    Every file is checked whole before anything is committed: it is a project,
    not from a newer schema, not the lead itself, its schema is exactly ours
    (no view, trigger or missing table), every row is valid (offsets inside the
    text, uid = hash of the text, known kinds and statuses, names, colours,
    shortcuts, sizes) and no label kind conflicts. Reading is time-limited. The
    rows are read in turn before the merge writes, or in worker processes beside
    it (:mod:`annotator.core.merge_checks`).

    :raises MergeRefused, UntrustedFile, LabelConflict, NotAProject, NewerSchema:
        the lead as it was (a backup made meanwhile is removed).
    :raises WriteFailed, FileProblem: the disk filled (or the folder became
        read-only) while writing the backup or the merge; the backup's partial copy
        is removed, and the merge's transaction (up to 8 files) was rolled back.
    """
    sources: list[tuple[Path, Project]] = []
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as scratch:
        try:
            for given in paths:
                path = Path(given)
                if _same_file(path, lead.path):
                    raise MergeRefused(
                        f"{path}: this is the lead project itself; nothing to merge."
                    )
                # The schema first: no row is read from a file whose tables are not ours.
                inspect_schema(path)
                sources.append((path, _open_source(path, Path(scratch))))
            readings = Readings(lead, [s.path for _p, s in sources], [p for p, _s in sources])
            with readings:
                return _merge_read(lead, sources, readings, backup=backup, progress=progress)
        finally:
            for _path, source in sources:
                source.close()


def _merge_read(
    lead: Project,
    sources: Sequence[tuple[Path, Project]],
    readings: Readings,
    *,
    backup: bool,
    progress: Callable[[int, int, str], None] | None,
) -> MergeReport:
    """Back the lead up and merge the files, each once its reading has passed; with
    the readings in workers, a refusal after the backup removes it (the lead is
    unchanged: the merge's transaction is rolled back)."""
    backup_path = None
    if backup:
        backup_path = lead.backup(
            lead.path.with_name(f"{lead.path.name}.before-merge-{_stamp()}.bak")
        )
    try:
        reports: list[MergeFileReport] = []
        batch = _batch_size(lead)
        for first in range(0, len(sources), batch):
            done = min(first + batch, len(sources))
            reports += _merge_batch(lead, sources, range(first, done), readings)
            if progress is not None:
                progress(done, len(sources), str(sources[done - 1][0]))
    except BaseException:
        if backup_path is not None and readings.in_workers:
            backup_path.unlink(missing_ok=True)
        raise
    return MergeReport(reports, str(backup_path) if backup_path else None)


def _open_source(path: Path, scratch: Path) -> Project:
    """A returned file, read-only; one from an older Annotator is migrated in a copy.

    The annotator's file itself is never changed by a merge.
    """
    try:
        return Project.open(path, readonly=True)
    except ProjectReadOnly:  # an older schema: migrate a copy, not the returned file
        with Project.open(path, readonly=True, migrate=False) as old:
            copy = old.backup(scratch / f"{len(list(scratch.iterdir()))}-{path.name}")
        return Project.open(copy)


def _stamp() -> str:
    return utc_now().replace(":", "").replace("-", "").replace(".", "")[:15]


def _batch_size(lead: Project) -> int:
    # Files merged in one transaction (all or nothing, one commit): as many as
    # SQLite lets a connection attach (10 by default).
    return max(1, min(8, attach_limit(lead) - 1))


def _merge_batch(
    lead: Project,
    sources: Sequence[tuple[Path, Project]],
    indices: range,
    readings: Readings,
) -> list[MergeFileReport]:
    """Merge a few files in one transaction: all of them, or none. Before it commits,
    every file's reading has passed, those of later batches too."""
    reports: list[MergeFileReport] = []
    batch = [(i, *sources[i]) for i in indices]
    # ATTACH cannot happen inside a transaction: attach first, then one transaction.
    with ExitStack() as stack:
        aliases = [
            stack.enter_context(attached(lead, source.path, f"merge_src{i}"))
            for i, (_index, _path, source) in enumerate(batch)
        ]
        stack.enter_context(references_joined(lead))
        with lead.transaction():
            for alias, (index, path, source) in zip(aliases, batch, strict=True):
                reading = readings.of(index)
                with reading_limit(lead, path):
                    reports.append(_merge_one(lead, alias, reading.labels, source, shown_as=path))
                reports[-1].edge_punctuation = reading.edge_punctuation
            readings.wait_all()
    return reports


def _merge_one(
    lead: Project, src: str, source_labels: list[Label], source: Project, *, shown_as: Path
) -> MergeFileReport:
    report = MergeFileReport(str(shown_as))
    try:
        # A label new to the lead comes with its attribute definitions; they and
        # the file's link types are checked as a label file's would be.
        try:
            attributes = {label.name: label.attributes for label in source.labels.list()}
            source_types = source.link_types.list()
            check_link_types(
                source_types, [*lead.labels.list(), *source_labels], source=str(shown_as)
            )
        except (AnnotatorError, ValueError) as exc:
            raise UntrustedFile(
                f"{shown_as}: its attribute definitions or link types are not ones Annotator "
                f"writes ({exc}); nothing was merged."
            ) from None
        for label in source_labels:
            if label.name not in lead.labels.names():
                lead.labels.add(replace(label, attributes=attributes.get(label.name, ())))
                report.labels_added.append(label.name)
        # Link types by name, as labels: a team's own type travels with its links.
        for link_type in source_types:
            if link_type.name not in lead.link_types.names():
                lead.link_types.add(link_type)
                report.link_types_added.append(link_type.name)
        counts, touched = merge_rows(lead, src)
    except sqlite3.IntegrityError as exc:  # rows the checks let through but SQLite refuses
        raise UntrustedFile(
            f"{shown_as}: its rows break the project's rules ({exc}); nothing was merged."
        ) from None
    report.documents_added = counts.documents_added
    report.spans_added, report.spans_updated = counts.spans_added, counts.spans_updated
    report.gold_added, report.gold_updated = counts.gold_added, counts.gold_updated
    report.statuses_updated = counts.statuses_updated
    report.document_notes_updated = counts.document_notes_updated
    report.links_added, report.links_updated = counts.links_added, counts.links_updated
    report.link_notes = counts.link_notes
    for table, spans in (("spans", lead.spans), ("gold_spans", lead.gold)):
        clashes = overlapping_entities(lead, table, touched[table])
        report.overlaps_resolved += _resolve_overlaps(lead, spans, set(clashes))
    return report


def _resolve_overlaps(
    lead: Project, table: SpanTable, touched: set[tuple[DocId, str]]
) -> list[str]:
    """Keep the entity layer free of crossings: of two entities that overlap without
    one lying inside the other (nested entities stay), the newer wins.

    Overlaps arise only when one annotator worked on the same document in two
    copies; each one settled is reported.
    """
    notes: list[str] = []
    now = utc_now()
    for doc_id, annotator in sorted(touched):
        ents = [
            s
            for s in table.for_document(doc_id, annotator=annotator)
            if lead.labels.get(s.label).kind.layer == "ents"
        ]
        kept: list[Span] = []
        flat = lead.flat_entities
        for span in sorted(ents, key=lambda s: s.updated, reverse=True):
            clash = next(
                (
                    k
                    for k in kept
                    if k.overlaps(span.start, span.end)
                    and (
                        flat
                        or not nests(span.start, span.end, k.start, k.end)
                        or (k.start, k.end, k.label) == (span.start, span.end, span.label)
                    )
                ),
                None,
            )
            if clash is None:
                kept.append(span)
                continue
            table.set_deleted(span.id, now, updated=now)
            notes.append(
                f"document {doc_id}, {annotator}: {span.label} {span.start}–{span.end} removed,"
                f" overlapped the newer {clash.label} {clash.start}–{clash.end}"
            )
    return notes
