"""Adjudication: settle annotators' disagreements into gold spans.

A document's spans (of the annotators who finished it) are grouped into
*rows*: spans of one layer that overlap, directly or through others, form one
row. A row is ``unanimous`` when every annotator has the same single span,
``missing`` when some annotator has nothing there, ``label`` when the offsets
agree and the labels do not, ``boundary`` when the labels agree and the
offsets do not, ``both`` otherwise. The lead accepts one annotator's version
of a row (or the majority for the whole document) into gold, edits gold with
the same edits as the editor, and marks the document adjudicated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.agreement import (
    AgreementDocument,
    AgreementResult,
    AgreementSpan,
    compute_agreement,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Span, Status, utc_now
from annotator.core.review import finished_by
from annotator.core.store import Project
from annotator.core.tokenizer import token_offsets

GOLD = "gold"
ROW_KINDS = ("unanimous", "label", "boundary", "both", "missing")


class NothingToAdjudicate(AnnotatorError):
    code = "E033"


@dataclass(frozen=True, slots=True)
class Row:
    """Overlapping spans of one layer, grouped by annotator."""

    layer: str
    start: int
    end: int
    versions: dict[str, tuple[Span, ...]]
    kind: str
    disputed: tuple[tuple[int, int], ...]

    def version_key(self, annotator: str) -> tuple[tuple[int, int, str], ...]:
        return tuple((s.start, s.end, s.label) for s in self.versions.get(annotator, ()))


def _kind(versions: dict[str, tuple[Span, ...]], annotators: Sequence[str]) -> str:
    if any(not versions.get(a) for a in annotators):
        return "missing"
    keys = {tuple((s.start, s.end, s.label) for s in versions[a]) for a in annotators}
    if len(keys) == 1:
        return "unanimous"
    offsets = {tuple((s.start, s.end) for s in versions[a]) for a in annotators}
    labels = {tuple(sorted({s.label for s in versions[a]})) for a in annotators}
    if len(offsets) == 1:
        return "label"
    if len(labels) == 1:
        return "boundary"
    return "both"


def _disputed(
    versions: dict[str, tuple[Span, ...]], annotators: Sequence[str], start: int, end: int
) -> tuple[tuple[int, int], ...]:
    """Characters of the row not covered the same way (same label) by everyone."""

    def cover(a: str, i: int) -> str | None:
        for s in versions.get(a, ()):
            if s.start <= i < s.end:
                return s.label
        return None

    runs: list[tuple[int, int]] = []
    for i in range(start, end):
        if len({cover(a, i) for a in annotators}) > 1:
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
    return tuple(runs)


def _row(layer: str, cluster: list[Span], names: Sequence[str]) -> Row:
    versions = {a: tuple(s for s in cluster if s.annotator == a) for a in names}
    versions = {a: v for a, v in versions.items() if v}
    start, end = min(s.start for s in cluster), max(s.end for s in cluster)
    return Row(
        layer, start, end, versions, _kind(versions, names), _disputed(versions, names, start, end)
    )


def document_rows(
    project: Project, doc_id: DocId, annotators: Sequence[str] | None = None
) -> tuple[list[str], list[Row]]:
    """The rows of a document over the annotators who finished it (or those given).

    :returns: the annotators compared and the rows, in text order.
    """
    if annotators is None:
        names = sorted(
            r.annotator for r in project.statuses.for_document(doc_id) if r.status is Status.DONE
        )
    else:
        names = list(annotators)
    layers = {lab.name: lab.kind.layer for lab in project.labels.list()}
    spans = [s for s in project.spans.for_document(doc_id) if s.annotator in names]
    rows: list[Row] = []
    for layer in ("ents", "claims"):
        clusters: list[list[Span]] = []
        extent_end = -1
        for span in sorted(
            (s for s in spans if layers[s.label] == layer), key=lambda s: (s.start, s.end)
        ):
            if clusters and span.start < extent_end:
                clusters[-1].append(span)
                extent_end = max(extent_end, span.end)
            else:
                clusters.append([span])
                extent_end = span.end
        rows.extend(_row(layer, cluster, names) for cluster in clusters)
    rows.sort(key=lambda r: (r.start, r.end, r.layer))
    return names, rows


def accept_version(
    project: Project, doc_id: DocId, row: Row, annotator: str | None, *, adjudicator: str
) -> int:
    """Put ``annotator``'s version of ``row`` into gold (``None``: nothing there).

    Gold spans of the same layer overlapping the row are replaced, in one
    transaction. :returns: the number of gold spans written.
    """
    layers = {lab.name: lab.kind.layer for lab in project.labels.list()}
    chosen = row.versions.get(annotator, ()) if annotator else ()
    with project.transaction():
        now = utc_now()
        for old in project.gold.for_document(doc_id):
            if layers[old.label] == row.layer and old.overlaps(row.start, row.end):
                project.gold.set_deleted(old.id, now, updated=now)
        for span in chosen:
            project.gold.insert(
                Span(
                    project.gold.new_id(),
                    doc_id,
                    adjudicator,
                    span.label,
                    span.start,
                    span.end,
                    {"from": span.annotator},
                    now,
                    now,
                )
            )
    return len(chosen)


def accept_majority(
    project: Project, doc_id: DocId, *, adjudicator: str, annotators: Sequence[str] | None = None
) -> int:
    """For every row, accept the version most annotators gave, if more than half did.

    Rows without a majority are left for the lead. :returns: rows settled.
    """
    names, rows = document_rows(project, doc_id, annotators)
    settled = 0
    with project.transaction():
        for row in rows:
            votes = Counter(row.version_key(a) for a in names)
            key, count = votes.most_common(1)[0]
            if count * 2 <= len(names):
                continue
            winner = next(a for a in names if row.version_key(a) == key)
            accept_version(project, doc_id, row, winner if key else None, adjudicator=adjudicator)
            settled += 1
    return settled


def mark_adjudicated(
    project: Project, doc_id: DocId, *, adjudicator: str, done: bool = True
) -> None:
    if done:
        project.adjudications.mark(doc_id, adjudicator=adjudicator)
    else:
        project.adjudications.unmark(doc_id)


def adjudicated_documents(project: Project) -> list[DocId]:
    return project.adjudications.documents()


def score_against_gold(
    project: Project, annotators: Sequence[str] | None = None
) -> AgreementResult:
    """Each annotator against gold on adjudicated documents they finished.

    Gold is compared as one more annotator named ``gold``; the pairs
    ``(annotator, gold)`` of the result are the scores.

    :raises NothingToAdjudicate: no adjudicated document.
    """
    docs = adjudicated_documents(project)
    if not docs:
        raise NothingToAdjudicate(
            f"No document of {project.path} is adjudicated yet; mark one in the review view."
        )
    names = list(annotators) if annotators else project.spans.annotators()
    finished = finished_by(project, names)
    layers = {lab.name: lab.kind.layer for lab in project.labels.list()}

    def to_agreement(spans: Sequence[Span]) -> list[AgreementSpan]:
        return [AgreementSpan(s.start, s.end, s.label, layers[s.label]) for s in spans]

    inputs = []
    for doc in project.documents.iter(docs):
        spans = project.spans.for_document(doc.id)
        annotations = {
            a: to_agreement([s for s in spans if s.annotator == a])
            for a in finished.get(doc.id, [])
        }
        annotations[GOLD] = to_agreement(project.gold.for_document(doc.id))
        inputs.append(
            AgreementDocument(doc.id, len(doc.text), token_offsets(doc.text), annotations)
        )
    return compute_agreement(inputs, annotators=[*names, GOLD])
