"""Whose annotations an export takes, and which documents.

- ``annotator="NAME"``: that annotator's spans, on the documents they marked done.
- ``gold=True``: the adjudicated spans (``gold_spans``), on the documents marked
  adjudicated (even with no gold span: "nothing to mark" is an answer) and those
  that have gold spans.
- neither: the project's only annotator; with several, :class:`ChooseAnnotator`
  lists them.

``include_unfinished`` takes every document of the project instead, whatever its
status (a document nobody touched then has no spans, which says "no entities":
use it knowingly).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from annotator.core.errors import (
    ChooseAnnotator,
    InvalidExportOption,
    NothingToExport,
    UnknownAnnotator,
)
from annotator.core.links import Link
from annotator.core.model import DocId, Document, SourceTokens, Span, Status
from annotator.core.store import Project
from annotator.core.store_notes import DocumentNote

GOLD = "gold"


@dataclass(frozen=True, slots=True)
class Selection:
    """Whose spans: an annotator's, or gold (``annotator == "gold"``, ``gold=True``)."""

    annotator: str
    gold: bool = False
    include_unfinished: bool = False

    @property
    def description(self) -> str:
        who = "gold (adjudicated) spans" if self.gold else f"spans of annotator {self.annotator!r}"
        which = (
            "all documents"
            if self.include_unfinished
            else ("documents with gold spans" if self.gold else "documents marked done")
        )
        return f"{who}, {which}"


@dataclass(frozen=True, slots=True)
class SelectedDocument:
    document: Document
    spans: list[Span]
    status: Status | None
    #: The document's own tokens and sentences (it came tokenized), unless the
    #: export was asked to tokenize again.
    source_tokens: SourceTokens | None = None
    #: Live links between ``spans`` (a claim's claimer and cue).
    links: list[Link] = field(default_factory=list)
    #: The annotator's note and "unsure" flag on the document (none for gold).
    note: DocumentNote | None = None


def known_annotators(project: Project) -> list[str]:
    """Everyone with spans or a status in the project (sorted)."""
    names = set(project.spans.annotators()) | set(project.statuses.total_seconds())
    return sorted(names)


def choose(
    project: Project,
    *,
    annotator: str | None = None,
    gold: bool = False,
    include_unfinished: bool = False,
) -> Selection:
    """Decide whose annotations to export.

    :raises InvalidExportOption: both an annotator and gold.
    :raises UnknownAnnotator: the named annotator has nothing in the project.
    :raises ChooseAnnotator: several annotators and none chosen.
    """
    if gold and annotator:
        raise InvalidExportOption("choose either --annotator or --gold, not both.")
    if gold:
        return Selection(GOLD, gold=True, include_unfinished=include_unfinished)
    # An annotator with a status is known without reading the names of every span
    # (a scan of the span index: 2.4 s at 100k documents).
    if annotator is not None and annotator in project.statuses.total_seconds():
        return Selection(annotator, include_unfinished=include_unfinished)
    names = known_annotators(project)
    if annotator is not None:
        if annotator not in names:
            raise UnknownAnnotator(
                f"no annotator {annotator!r} in {project.path.name}; known: "
                f"{', '.join(names) or 'none'}."
            )
        return Selection(annotator, include_unfinished=include_unfinished)
    if not names:
        raise NothingToExport(
            f"{project.path.name} has no annotations yet: annotate and mark documents done "
            "first (or export --gold)."
        )
    if len(names) > 1:
        has_gold = project.gold.count() > 0
        raise ChooseAnnotator(
            f"{project.path.name} has {len(names)} annotators: {', '.join(names)}. "
            "Choose whose annotations to export with --annotator NAME"
            + (" or --gold for the adjudicated ones." if has_gold else ".")
        )
    return Selection(names[0], include_unfinished=include_unfinished)


def selected_ids(project: Project, selection: Selection) -> list[DocId]:
    """Ids of the documents to export, in project order (ints only: cheap)."""
    ids = project.documents.ids()
    if selection.include_unfinished:
        return ids
    if selection.gold:
        return project.adjudications.with_gold()
    done = {
        doc_id
        for doc_id, record in project.statuses.for_annotator(selection.annotator).items()
        if record.status is Status.DONE
    }
    return [doc_id for doc_id in ids if doc_id in done]


def check_not_empty(project: Project, selection: Selection, ids: list[DocId]) -> None:
    if ids:
        return
    if selection.include_unfinished:
        raise NothingToExport(f"{project.path.name} has no documents to export.")
    if selection.gold:
        raise NothingToExport(
            f"{project.path.name} has no adjudicated (gold) documents; adjudicate some first, "
            "or export an annotator's spans with --annotator."
        )
    counts = project.statuses.counts(selection.annotator)
    progress = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    raise NothingToExport(
        f"annotator {selection.annotator!r} has marked no document done ({progress}). "
        "Mark documents done, or pass --include-unfinished to export them anyway."
    )


def iter_selected(
    project: Project,
    selection: Selection,
    ids: list[DocId],
    *,
    source_tokens: bool = True,
    batch: int = 250,
) -> Iterator[SelectedDocument]:
    """Stream the documents with their spans, in the order of ``ids``: ``batch``
    documents are read at a time, one query for each kind of row.

    :param source_tokens: hand over each document's source tokens when it has some.
    """
    gold = selection.gold
    annotator = None if gold else selection.annotator
    spans_table = project.gold if gold else project.spans
    links_table = project.gold_links if gold else project.links
    for first in range(0, len(ids), batch):
        chunk = ids[first : first + batch]
        spans = spans_table.for_documents(chunk, annotator=annotator)
        links = links_table.for_documents(chunk, annotator=annotator)
        statuses = {} if annotator is None else project.statuses.many(chunk, annotator)
        notes = {} if annotator is None else project.document_notes.for_documents(chunk)
        sources = project.documents.source_tokens_many(chunk) if source_tokens else {}
        for document in project.documents.many(chunk):
            doc_id = document.id
            if gold:
                status: Status | None = Status.DONE
            else:
                record = statuses.get(doc_id)
                status = record.status if record else None
            note = notes.get((doc_id, annotator)) if annotator is not None else None
            yield SelectedDocument(
                document,
                spans.get(doc_id, []),
                status,
                sources.get(doc_id),
                links.get(doc_id, []),
                None if note is None or note.empty else note,
            )
