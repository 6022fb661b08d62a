"""Agreement over a project: which documents count, whose spans, on which tokens.

The numbers themselves are :mod:`annotator.core.agreement`'s; this module
reads the project (statuses, spans, texts) and hands them over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from annotator.core.agreement import (
    AgreementDocument,
    AgreementResult,
    AgreementSpan,
    compute_agreement,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.core.tokenizer import token_offsets


class AgreementUnavailable(AnnotatorError):
    code = "E032"


def finished_by(project: Project, annotators: Sequence[str]) -> dict[DocId, list[str]]:
    """Documents and which of ``annotators`` marked them done."""
    result: dict[DocId, list[str]] = {}
    for name in annotators:
        for doc_id, record in project.statuses.for_annotator(name).items():
            if record.status is Status.DONE:
                result.setdefault(doc_id, []).append(name)
    return result


def project_agreement(
    project: Project,
    *,
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AgreementResult:
    """Agreement of ``annotators`` (default: all) on documents two or more finished.

    :param labels: compare only these labels (default: all).
    :raises AgreementUnavailable: fewer than two annotators, an unknown name or
        label, or no document that two of them marked done.
    """
    known = project.spans.annotators()
    chosen = list(dict.fromkeys(annotators)) if annotators else known
    unknown = [a for a in chosen if a not in known]
    if unknown:
        raise AgreementUnavailable(
            f"No spans by {', '.join(unknown)} in {project.path}; annotators: "
            f"{', '.join(known) or 'none'}."
        )
    if len(chosen) < 2:
        raise AgreementUnavailable(
            f"Agreement needs two annotators or more; {project.path} has "
            f"{', '.join(chosen) or 'none'}."
        )
    if labels:
        for name in labels:
            project.labels.get(name)  # UnknownLabel names the known ones
    wanted = set(labels) if labels else None
    finished = {d: names for d, names in finished_by(project, chosen).items() if len(names) >= 2}
    if not finished:
        raise AgreementUnavailable(
            f"No document in {project.path} was marked done by two of "
            f"{', '.join(chosen)}; agreement is measured on those."
        )
    layers = {lab.name: lab.kind.layer for lab in project.labels.list()}

    def documents() -> Iterator[AgreementDocument]:
        for doc in project.documents.iter(sorted(finished)):
            spans = project.spans.for_document(doc.id)
            annotations = {
                name: [
                    AgreementSpan(s.start, s.end, s.label, layers[s.label])
                    for s in spans
                    if s.annotator == name and (wanted is None or s.label in wanted)
                ]
                for name in finished[doc.id]
            }
            yield AgreementDocument(doc.id, len(doc.text), token_offsets(doc.text), annotations)

    return compute_agreement(documents(), annotators=chosen, progress=progress)
