"""Agreement over a project: which documents count, whose spans, on which tokens.

The numbers themselves are :mod:`annotator.core.agreement`'s; this module
reads the project (statuses, spans, texts) and hands them over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from annotator.core.agreement import (
    AgreementDocument,
    AgreementResult,
    AgreementSpan,
    compute_agreement,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.core.tokenizer import get_nlp

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# AgreementSpan(...) through tuple.__new__: the same named tuple, made without the
# generated __new__'s Python call (millions of spans: a second at 10k documents).
_new_tuple = tuple.__new__

# Documents read per query: texts and spans of this many at a time, so a corpus
# of any size streams through in bounded memory.
READ_BATCH = 400


class AgreementUnavailable(AnnotatorError):
    code = "E032"


def finished_by(project: Project, annotators: Sequence[str]) -> dict[DocId, list[str]]:
    """Documents and which of ``annotators`` marked them done."""
    order = {name: i for i, name in enumerate(annotators)}
    result: dict[DocId, list[str]] = {}
    for doc_id, name in project.statuses.with_status(Status.DONE):
        if name in order:
            result.setdefault(doc_id, []).append(name)
    for names in result.values():
        names.sort(key=order.__getitem__)  # in the order asked, as before
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

    ids = sorted(finished)

    def documents() -> Iterator[AgreementDocument]:
        for first in range(0, len(ids), READ_BATCH):
            chunk = ids[first : first + READ_BATCH]
            spans: dict[tuple[int, str], list[AgreementSpan]] = {}
            for doc_id, name, label, start, end in project.spans.rows_for_documents(chunk):
                if wanted is None or label in wanted:
                    spans.setdefault((doc_id, name), []).append(
                        _new_tuple(AgreementSpan, (start, end, label, layers[label]))
                    )
            for doc_id, text in project.documents.texts(chunk):
                annotations = {name: spans.get((doc_id, name), []) for name in finished[doc_id]}
                yield AgreementDocument(doc_id, len(text), token_array(text), annotations)

    return compute_agreement(documents(), annotators=chosen, progress=progress, expected=len(ids))


def token_array(text: str) -> npt.NDArray[np.int64]:
    """``tokenizer.token_offsets(text)`` as an ``(n, 2)`` array: no tuple per token.

    Agreement reads millions of tokens; building a Python tuple for each cost
    more than tokenizing them (and, kept per document, gigabytes).
    """
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LENGTH  # type: ignore[import-not-found]

    doc = get_nlp().tokenizer(text)
    if not len(doc):
        return np.zeros((0, 2), dtype=np.int64)
    columns = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64)
    words = columns[columns[:, 2] == 0]
    out = np.empty((words.shape[0], 2), dtype=np.int64)
    out[:, 0] = words[:, 0]
    out[:, 1] = words[:, 0] + words[:, 1]
    return out
