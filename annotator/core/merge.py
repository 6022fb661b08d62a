"""Merge returned project files into the lead's project.

Documents by uid, labels by name, spans (and gold spans) by id with the newest
update winning, tombstones included; statuses newest first. Merging the same
file twice changes nothing, nothing is lost, and a conflict that cannot be
settled (a label with the same name and another kind) stops the merge before
anything is written. A backup of the lead file is taken first.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, LabelConflict, ProjectReadOnly
from annotator.core.model import DocId, Span, nests, utc_now
from annotator.core.store import Project, SpanTable
from annotator.core.store_merge import attached, merge_rows, overlapping_entities


class MergeRefused(AnnotatorError):
    code = "E031"


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
    overlaps_resolved: list[str] = field(default_factory=list)
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
            "overlaps_resolved": self.overlaps_resolved,
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

    Every file is opened and checked (it is a project, not from a newer schema,
    not the lead itself, no label kind conflicts) before anything is written.

    :raises MergeRefused, LabelConflict, NotAProject, NewerSchema: nothing written.
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
                sources.append((path, _open_source(path, Path(scratch))))
            for path, source in sources:
                _check_labels(lead, source, shown_as=path)
            backup_path = None
            if backup:
                backup_path = lead.backup(
                    lead.path.with_name(f"{lead.path.name}.before-merge-{_stamp()}.bak")
                )
            reports = []
            for index, (path, source) in enumerate(sources):
                reports.append(_merge_one(lead, source, shown_as=path))
                if progress is not None:
                    progress(index + 1, len(sources), str(path))
            return MergeReport(reports, str(backup_path) if backup_path else None)
        finally:
            for _path, source in sources:
                source.close()


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


def _check_labels(lead: Project, source: Project, *, shown_as: Path) -> None:
    lead_kinds = {lab.name: lab.kind for lab in lead.labels.list()}
    for label in source.labels.list():
        kind = lead_kinds.get(label.name)
        if kind is not None and kind != label.kind:
            raise LabelConflict(
                f"{shown_as}: label {label.name!r} is a {label.kind.value} there but a "
                f"{kind.value} in {lead.path}. Rename it in one of them "
                "(`annotator labels rename`) and merge again; nothing was merged."
            )


def _merge_one(lead: Project, source: Project, *, shown_as: Path) -> MergeFileReport:
    report = MergeFileReport(str(shown_as))
    source_labels = source.labels.list()
    # ATTACH cannot happen inside a transaction: attach first, then one transaction.
    with attached(lead, source.path):
        with lead.transaction():
            for label in source_labels:
                if label.name not in lead.labels.names():
                    lead.labels.add(label)
                    report.labels_added.append(label.name)
            # Link types by name, as labels: a team's own type travels with its links.
            for link_type in source.link_types.list():
                if link_type.name not in lead.link_types.names():
                    lead.link_types.add(link_type)
                    report.link_types_added.append(link_type.name)
            counts, touched = merge_rows(lead)
            report.links_added, report.links_updated = counts.links_added, counts.links_updated
            report.link_notes = counts.link_notes
            report.documents_added = counts.documents_added
            report.spans_added, report.spans_updated = counts.spans_added, counts.spans_updated
            report.gold_added, report.gold_updated = counts.gold_added, counts.gold_updated
            report.statuses_updated = counts.statuses_updated
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
