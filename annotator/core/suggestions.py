"""Suggestions as edits: accept, reject, accept all; filling them from a source.

A suggestion becomes an annotation only when an annotator accepts it: then it
is an ordinary span of theirs (``AddSpan``), which records where it came from
in its attributes (``{"suggested_by": source, "score": s}``), and the
suggestion row goes, in one transaction. A rejection is remembered per
(document, folded text, label, source), so filling again does not bring it
back. Each edit reverts (undo) and re-applies with the same ids (redo).

>>> fill_suggestions(project, [doc_id], build_gazetteer(project))
>>> s = project.suggestions.for_document(doc_id)[0]
>>> project.apply(AcceptSuggestion(s.id, "sara"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from annotator.core.change import Change
from annotator.core.edits import AddSpan
from annotator.core.errors import SpanOverlapsEntity
from annotator.core.matching import text_key
from annotator.core.model import DocId, SpanId, utc_now
from annotator.core.suggestion_model import Rejection, Suggestion

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = [
    "AcceptAllSuggestions",
    "AcceptSuggestion",
    "FillReport",
    "RejectSuggestion",
    "SuggestionSource",
    "fill_suggestions",
    "mean_uncertainty",
    "next_suggestion",
    "rejection_of",
    "store_suggestions",
    "suggestion_at",
]


def rejection_of(project: Project, suggestion: Suggestion) -> Rejection:
    """What rejecting ``suggestion`` remembers: its folded text, label and source."""
    text = project.documents.get(suggestion.doc_id).text
    return Rejection(
        suggestion.doc_id,
        text_key(text[suggestion.start : suggestion.end]),
        suggestion.label,
        suggestion.source,
    )


def _span_attrs(suggestion: Suggestion) -> dict[str, object]:
    attrs: dict[str, object] = {"suggested_by": suggestion.source, "score": suggestion.score}
    if "counts" in suggestion.attrs:
        attrs["counts"] = suggestion.attrs["counts"]
    return attrs


@dataclass
class AcceptSuggestion:
    """Make a suggestion an ordinary span of ``annotator`` (who may change its label).

    :param label: the label to give it (default: the suggested one).
    :raises UnknownSuggestion: it is gone (accepted, rejected, filled again).
    :raises SpanOverlapsEntity: it crosses an entity of the annotator.
    """

    suggestion_id: str
    annotator: str
    label: str | None = None
    suggestion: Suggestion | None = None
    add: AddSpan | None = None

    def apply(self, project: Project) -> Change:
        with project.transaction():
            if self.suggestion is None:
                self.suggestion = project.suggestions.get(self.suggestion_id)
            s = self.suggestion
            if self.add is None:
                self.add = AddSpan(
                    s.doc_id,
                    self.annotator,
                    self.label or s.label,
                    s.start,
                    s.end,
                    attrs=_span_attrs(s),
                )
            change = self.add.apply(project)
            project.suggestions.delete([s.id])
        return replace(change, suggestions_changed=True)

    @property
    def span_id(self) -> SpanId | None:
        return self.add.span_id if self.add else None

    def describe(self) -> str:
        s = self.suggestion
        return f"Accept suggestion {s.label} {s.start}–{s.end}" if s else "Accept suggestion"

    def revert(self, project: Project) -> Change:
        assert self.add is not None and self.suggestion is not None, "revert before apply"
        with project.transaction():
            change = self.add.revert(project)
            project.suggestions.insert_many([self.suggestion])
        return replace(change, suggestions_changed=True)


@dataclass
class RejectSuggestion:
    """Remove a suggestion, and every other one of its document with the same folded
    text, label and source; remember the rejection so filling again leaves them out.

    :attr:`removed` holds every suggestion it took away (revert puts them back).
    """

    suggestion_id: str
    rejection: Rejection | None = None
    removed: list[Suggestion] = field(default_factory=list)
    _new: bool = False

    def apply(self, project: Project) -> Change:
        with project.transaction():
            if self.rejection is None:
                suggestion = project.suggestions.get(self.suggestion_id)
                self.rejection = rejection_of(project, suggestion)
                text = project.documents.get(suggestion.doc_id).text
                self.removed = [
                    s
                    for s in project.suggestions.for_document(
                        suggestion.doc_id, source=suggestion.source
                    )
                    if s.label == suggestion.label
                    and text_key(text[s.start : s.end]) == self.rejection.text_key
                ]
            self._new = project.suggestions.reject(self.rejection)
            project.suggestions.delete([s.id for s in self.removed])
        return Change(self.rejection.doc_id, suggestions_changed=True)

    def describe(self) -> str:
        r = self.rejection
        return f"Reject suggestion {r.label} “{r.text_key}”" if r else "Reject suggestion"

    def revert(self, project: Project) -> Change:
        assert self.rejection is not None, "revert before apply"
        with project.transaction():
            if self._new:
                project.suggestions.unreject(self.rejection)
            project.suggestions.insert_many(self.removed)
        return Change(self.rejection.doc_id, suggestions_changed=True)


@dataclass
class AcceptAllSuggestions:
    """Accept every remaining suggestion of a document for ``annotator``, in one edit.

    The surest first: a suggestion crossing one already accepted (or an entity of
    the annotator) stays a suggestion; :attr:`left` lists those.
    """

    doc_id: DocId
    annotator: str
    source: str | None = None
    accepted: list[AcceptSuggestion] = field(default_factory=list)
    left: list[Suggestion] = field(default_factory=list)
    _planned: bool = False

    def apply(self, project: Project) -> Change:
        span_ids: list[SpanId] = []
        with project.transaction():
            if not self._planned:
                pending = project.suggestions.for_document(self.doc_id, source=self.source)
                pending.sort(key=lambda s: (-s.score, -(s.end - s.start), s.start))
                for s in pending:
                    accept = AcceptSuggestion(s.id, self.annotator, suggestion=s)
                    try:
                        with project.transaction():  # a savepoint: a refused one leaves nothing
                            change = accept.apply(project)
                    except SpanOverlapsEntity:
                        self.left.append(s)
                        continue
                    self.accepted.append(accept)
                    span_ids += change.span_ids
                self.left.sort(key=lambda s: s.start)
                self._planned = True
            else:
                for accept in self.accepted:
                    span_ids += accept.apply(project).span_ids
        return Change(self.doc_id, tuple(span_ids), suggestions_changed=True)

    def describe(self) -> str:
        return f"Accept {len(self.accepted)} suggestions" if self._planned else "Accept all"

    def revert(self, project: Project) -> Change:
        span_ids: list[SpanId] = []
        with project.transaction():
            for accept in reversed(self.accepted):
                span_ids += accept.revert(project).span_ids
        return Change(self.doc_id, tuple(span_ids), suggestions_changed=True)


def suggestion_at(suggestions: Sequence[Suggestion], offset: int) -> Suggestion | None:
    """The suggestion under the cursor: the shortest one holding ``offset`` (or ending
    there), the surest among equals; ``None`` if there is none."""
    holding = [s for s in suggestions if s.start <= offset <= s.end]
    if not holding:
        return None
    return min(holding, key=lambda s: (s.end - s.start, -s.score, s.start))


def next_suggestion(
    suggestions: Sequence[Suggestion], offset: int, *, backwards: bool = False
) -> Suggestion | None:
    """What Tab (Shift+Tab) moves to: the first suggestion starting after ``offset``
    (the last starting before it), wrapping around at the end of the document."""
    ordered = sorted(suggestions, key=lambda s: (s.start, s.end))
    if not ordered:
        return None
    if backwards:
        before = [s for s in ordered if s.start < offset]
        return before[-1] if before else ordered[-1]
    after = [s for s in ordered if s.start > offset]
    return after[0] if after else ordered[0]


class SuggestionSource(Protocol):
    """Anything that proposes spans for a document: the gazetteer, a spaCy model."""

    source: str

    def suggest(self, project: Project, doc_id: int) -> list[Suggestion]: ...


@dataclass(slots=True)
class FillReport:
    documents: int = 0
    suggestions: int = 0
    skipped_rejected: int = 0
    skipped_annotated: int = 0


def fill_suggestions(
    project: Project,
    doc_ids: Iterable[int],
    source: SuggestionSource,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    batch: int = 100,
    uncertainty: Callable[[Sequence[Suggestion]], float] | None = None,
) -> FillReport:
    """Replace ``source``'s suggestions of these documents by fresh ones.

    Left out: what was rejected for the document, and what an annotator (or
    gold) already has with the same label and characters. Each document's
    uncertainty is stored too (:func:`mean_uncertainty` unless given): the
    queue can put the least sure documents first. One transaction per batch of
    documents (background work, not an undoable edit: the suggestions are
    there to be accepted or rejected, each of which is).
    """
    ids = list(doc_ids)
    report = FillReport()
    for first in range(0, len(ids), batch):
        chunk = ids[first : first + batch]
        made = {DocId(doc_id): source.suggest(project, doc_id) for doc_id in chunk}
        part = store_suggestions(project, made, source=source.source, uncertainty=uncertainty)
        report.documents += part.documents
        report.suggestions += part.suggestions
        report.skipped_rejected += part.skipped_rejected
        report.skipped_annotated += part.skipped_annotated
        if progress is not None:
            progress(report.documents, len(ids), f"document {chunk[-1]}")
    return report


def store_suggestions(
    project: Project,
    made: dict[DocId, list[Suggestion]],
    *,
    source: str,
    uncertainty: Callable[[Sequence[Suggestion]], float] | None = None,
) -> FillReport:
    """Store suggestions made elsewhere (``source.suggest`` on a read-only
    connection, in a background thread) in place of ``source``'s of those
    documents, in one short transaction: what :func:`fill_suggestions` does
    for each batch. Rejected and already annotated ones are left out.
    """
    measure = uncertainty or mean_uncertainty
    report = FillReport(documents=len(made))
    with project.transaction():
        project.suggestions.clear(list(made), source=source)
        rows: list[Suggestion] = []
        scores: list[tuple[int, float]] = []
        for doc_id, suggestions in made.items():
            rows += _keep(project, doc_id, suggestions, report)
            scores.append((doc_id, measure(suggestions)))
        project.suggestions.insert_many(rows)
        project.suggestions.set_uncertainty(scores, source=source)
    report.suggestions = len(rows)
    return report


def mean_uncertainty(suggestions: Sequence[Suggestion]) -> float:
    """1 − the mean score of a document's suggestions (0 when there are none)."""
    if not suggestions:
        return 0.0
    return round(1.0 - sum(s.score for s in suggestions) / len(suggestions), 4)


def _keep(
    project: Project, doc_id: int, suggestions: Sequence[Suggestion], report: FillReport
) -> list[Suggestion]:
    if not suggestions:
        return []
    rejected = project.suggestions.rejections(doc_id)
    text = project.documents.get(doc_id).text if rejected else ""
    existing = {
        (s.label, s.start, s.end)
        for table in (project.spans, project.gold)
        for s in table.for_document(doc_id)
    }
    now = utc_now()
    kept = []
    for s in suggestions:
        if (s.label, s.start, s.end) in existing:
            report.skipped_annotated += 1
            continue
        if rejected and (
            Rejection(DocId(doc_id), text_key(text[s.start : s.end]), s.label, s.source) in rejected
        ):
            report.skipped_rejected += 1
            continue
        kept.append(replace(s, id=s.id or project.suggestions.new_id(), created=now))
    return kept
