"""Label every other occurrence of a span's text, in its document or the corpus.

Occurrences are found like the gazetteer finds terms
(:mod:`annotator.core.matching`): folded like Ctrl+F, behind a proclitic
(``البوكمال`` inside ``بالبوكمال``), each covering whole tokens as the project
tokenizer makes them. A span that was itself marked with a proclitic before
its article (``بالبوكمال``) looks for its stem (``البوكمال``) too. An
occurrence the annotator's entity layer would refuse (crossing an entity, any
overlap in a flat project) or that covers the characters of an entity
already is skipped and listed; one lying inside another entity is a nested
entity and is labelled.

>>> preview = preview_label_all(project, span_id, scope="corpus")
>>> preview.per_document, preview.skipped       # count per document, what is left out
>>> project.apply(LabelAllOccurrences(span_id, scope="corpus"))   # one undoable edit
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from annotator.core import store_search
from annotator.core.change import Change
from annotator.core.doc_tokens import tokens_of
from annotator.core.edits import AddSpan
from annotator.core.errors import SpanOverlapsEntity
from annotator.core.matching import TermIndex, article_stem, folded_tokens, term_key
from annotator.core.model import DocId, Span, SpanId
from annotator.core.suggestion_model import NothingToLabel

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = ["LabelAllOccurrences", "LabelAllPreview", "Occurrence", "preview_label_all"]

Scope = Literal["document", "corpus"]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """``text`` at ``start``–``end`` of a document; ``reason`` why it is skipped, if it is."""

    doc_id: DocId
    start: int
    end: int
    text: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class LabelAllPreview:
    """What :class:`LabelAllOccurrences` would do.

    :param per_document: occurrences to label, per document (documents in project order).
    :param skipped: occurrences left out, each with why (an existing entity).
    """

    span: Span
    to_label: tuple[Occurrence, ...]
    skipped: tuple[Occurrence, ...]

    @property
    def per_document(self) -> dict[DocId, int]:
        counts: dict[DocId, int] = {}
        for occ in self.to_label:
            counts[occ.doc_id] = counts.get(occ.doc_id, 0) + 1
        return counts

    @property
    def total(self) -> int:
        return len(self.to_label)


def _candidate_documents(project: Project, span: Span, text: str, scope: Scope) -> list[DocId]:
    if scope == "document":
        return [span.doc_id]
    if scope != "corpus":
        raise ValueError(f"scope {scope!r}: use 'document' or 'corpus'")
    # The find index names documents holding the folded stem (a superset: the
    # tokens decide); a needle of one or two letters has no index and scans all.
    key = term_key(text)
    stem = article_stem(key) or key
    needle = max(stem, key=len)  # one token: the text may glue tokens without a space
    if not project.readonly:
        store_search.catch_up(project)
    return [doc_id for doc_id, *_rest in store_search.iter_candidates(project, needle, batch=200)]


def preview_label_all(project: Project, span_id: str, *, scope: Scope) -> LabelAllPreview:
    """Every other occurrence of the span's text, and which of them would be skipped.

    :raises UnknownSpan: no such span.
    :raises NothingToLabel: the span is a claim, or its text folds to nothing.
    """
    span = project.spans.get(span_id)
    if span.deleted is not None:
        raise NothingToLabel(f"Span {span_id} was removed; there is nothing to label from.")
    if project.labels.get(span.label).kind.layer != "ents":
        raise NothingToLabel(
            f"{span.label} is a claim label: label-all works from an entity or place."
        )
    text = project.documents.get(span.doc_id).text[span.start : span.end]
    key = term_key(text)
    if not key:
        raise NothingToLabel(f"The span {span.start}–{span.end} has no word to look for.")
    index: TermIndex[bool] = TermIndex()
    index.put(key, True)
    stem = article_stem(key)
    if stem is not None:
        index.put(stem, True)
    to_label: list[Occurrence] = []
    skipped: list[Occurrence] = []
    for doc_id in _candidate_documents(project, span, text, scope):
        document = project.documents.get(doc_id)
        tokens = tokens_of(
            document, project.documents.source_tokens(doc_id), clitics=project.clitics
        )
        taken: list[tuple[int, int]] = []
        for match in index.find(folded_tokens(document.text, tokens)):
            start, end = tokens[match.first][0], tokens[match.stop - 1][1]
            if doc_id == span.doc_id and (start, end) == (span.start, span.end):
                continue
            occ = Occurrence(DocId(doc_id), start, end, document.text[start:end])
            reason = _refusal(project, span, occ, taken)
            if reason:
                skipped.append(replace_reason(occ, reason))
            else:
                to_label.append(occ)
                taken.append((start, end))
    return LabelAllPreview(span, tuple(to_label), tuple(skipped))


def replace_reason(occ: Occurrence, reason: str) -> Occurrence:
    return Occurrence(occ.doc_id, occ.start, occ.end, occ.text, reason)


def _refusal(project: Project, span: Span, occ: Occurrence, taken: list[tuple[int, int]]) -> str:
    """Why the annotator's entity layer would not take this occurrence ('' if it would)."""
    try:
        identical = project.spans.check(occ.doc_id, span.annotator, span.label, occ.start, occ.end)
    except SpanOverlapsEntity as exc:
        return exc.message
    if identical is not None:
        return f"{identical.label} already covers {occ.start}–{occ.end}"
    for start, end in taken:  # two matches never overlap, but keep the rule explicit
        if start < occ.end and occ.start < end:
            return f"overlaps another occurrence at {start}–{end}"
    return ""


@dataclass
class LabelAllOccurrences:
    """Give every other occurrence of a span's text the span's label, for its annotator.

    What is labelled is decided at the first :meth:`apply` (the preview then);
    redo labels the same occurrences with the same span ids. :attr:`preview`
    holds the counts and the skipped occurrences.
    """

    span_id: SpanId
    scope: Scope = "document"
    preview: LabelAllPreview | None = None
    adds: list[AddSpan] = field(default_factory=list)

    def apply(self, project: Project) -> Change:
        with project.transaction():
            if self.preview is None:
                self.preview = preview_label_all(project, self.span_id, scope=self.scope)
                span = self.preview.span
                self.adds = [
                    AddSpan(
                        occ.doc_id,
                        span.annotator,
                        span.label,
                        occ.start,
                        occ.end,
                        attrs={"labelled_all_from": span.id},
                        replace_identical=False,
                    )
                    for occ in self.preview.to_label
                ]
            span_ids: list[SpanId] = []
            for add in self.adds:
                span_ids += add.apply(project).span_ids
        return self._change(span_ids)

    def describe(self) -> str:
        if self.preview is None:
            return "Label all occurrences"
        return f"Label {self.preview.total} occurrences as {self.preview.span.label}"

    def revert(self, project: Project) -> Change:
        span_ids: list[SpanId] = []
        with project.transaction():
            for add in reversed(self.adds):
                span_ids += add.revert(project).span_ids
        return self._change(span_ids)

    def _change(self, span_ids: list[SpanId]) -> Change:
        docs = {add.doc_id for add in self.adds}
        doc_id = next(iter(docs)) if len(docs) == 1 else None
        if self.preview is not None and not docs:
            doc_id = self.preview.span.doc_id
        return Change(doc_id, tuple(span_ids))
