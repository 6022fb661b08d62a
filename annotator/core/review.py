"""Agreement over a project: which documents count, whose spans, on which tokens.

The numbers themselves are :mod:`annotator.core.agreement`'s; this module
reads the project (statuses, spans, texts) and hands them over.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annotator.core.agreement import (
    AgreementDocument,
    AgreementResult,
    AgreementSpan,
    LabelF1,
    compute_agreement,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Status, outermost_flags
from annotator.core.store import Project
from annotator.core.tokenizer import DEFAULT_CLITICS, get_nlp

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
    nested = _NestedSpanF1(chosen)
    # The token grid is the project tokenizer's, with its clitic policy (what the
    # editor snaps to and exports write): "outside" makes ب | البوكمال two units.
    clitics = project.clitics

    ids = sorted(finished)

    def documents() -> Iterator[AgreementDocument]:
        for first in range(0, len(ids), READ_BATCH):
            chunk = ids[first : first + READ_BATCH]
            spans: dict[tuple[int, str], list[AgreementSpan]] = {}
            for doc_id, name, label, start, end in project.spans.rows_for_documents(chunk):
                # Cues are scored with their claims' structure (claim_agreement).
                if (wanted is None or label in wanted) and layers[label] != "cues":
                    spans.setdefault((doc_id, name), []).append(
                        _new_tuple(AgreementSpan, (start, end, label, layers[label]))
                    )
            for doc_id, text in project.documents.texts(chunk):
                annotations = {}
                for name in finished[doc_id]:
                    # Agreement's entity layer is flat (one tag per token): it gets the
                    # outermost entities; nested ones count in span F1 (below).
                    annotations[name] = nested.outermost(name, spans.get((doc_id, name), []))
                nested.add_document(nested.current)
                yield AgreementDocument(
                    doc_id, len(text), token_array(text, clitics=clitics), annotations
                )

    result = compute_agreement(documents(), annotators=chosen, progress=progress, expected=len(ids))
    return nested.apply(result)


def token_array(text: str, *, clitics: str = DEFAULT_CLITICS) -> npt.NDArray[np.int64]:
    """``tokenizer.token_offsets(text, clitics=)`` as an ``(n, 2)`` array: no tuple per token.

    Agreement reads millions of tokens; building a Python tuple for each cost
    more than tokenizing them (and, kept per document, gigabytes).
    """
    import numpy as np

    nlp = get_nlp(clitics)  # first: it imports spaCy under the tokenizer's lock (threads)
    from spacy.attrs import IDX, IS_SPACE, LENGTH  # type: ignore[import-not-found]

    doc = nlp.tokenizer(text)
    if not len(doc):
        return np.zeros((0, 2), dtype=np.int64)
    columns = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64)
    words = columns[columns[:, 2] == 0]
    out = np.empty((words.shape[0], 2), dtype=np.int64)
    out[:, 0] = words[:, 0]
    out[:, 1] = words[:, 0] + words[:, 1]
    return out


class _NestedSpanF1:
    """Exact span F1 over every entity level, put into the result when some entity
    is nested.

    ``compute_agreement`` counts the outermost entities; only documents where an
    annotator nested an entity add anything here: per pair and label, the counts
    over every level minus those over the outermost level. Most documents cost a
    sort and a loop, no counting.
    """

    def __init__(self, annotators: Sequence[str]) -> None:
        self.pairs = list(itertools.combinations(annotators, 2))
        # Per pair and label: [Δ exact matches, Δ spans of a, Δ spans of b].
        self.delta: dict[tuple[str, str], dict[str, list[int]]] = {p: {} for p in self.pairs}
        # Per annotator of the current document: (every entity, the outermost ones).
        self.current: dict[str, tuple[list[AgreementSpan], list[AgreementSpan]]] = {}
        self.nested = 0
        self._nested_here = False

    def outermost(self, name: str, spans: list[AgreementSpan]) -> list[AgreementSpan]:
        ents = sorted((s for s in spans if s.layer == "ents"), key=lambda s: (s.start, -s.end))
        flags = outermost_flags((s.start, s.end) for s in ents)
        kept = [span for span, outer in zip(ents, flags, strict=True) if outer]
        if len(kept) < len(ents):
            self.nested += len(ents) - len(kept)
            self._nested_here = True
        self.current[name] = (ents, kept)
        return kept + [s for s in spans if s.layer != "ents"]

    def add_document(
        self, current: dict[str, tuple[list[AgreementSpan], list[AgreementSpan]]]
    ) -> None:
        if self._nested_here:
            for a, b in self.pairs:
                if a in current and b in current:
                    self._count(self.delta[(a, b)], current[a][0], current[b][0], 1)
                    self._count(self.delta[(a, b)], current[a][1], current[b][1], -1)
        self.current = {}
        self._nested_here = False

    @staticmethod
    def _count(
        per_label: dict[str, list[int]],
        ents_a: list[AgreementSpan],
        ents_b: list[AgreementSpan],
        sign: int,
    ) -> None:
        sa = Counter((s.start, s.end, s.label) for s in ents_a)
        sb = Counter((s.start, s.end, s.label) for s in ents_b)
        for key, n in sa.items():
            per_label.setdefault(key[2], [0, 0, 0])[1] += sign * n
        for key, n in sb.items():
            per_label.setdefault(key[2], [0, 0, 0])[2] += sign * n
        for key, n in (sa & sb).items():
            per_label[key[2]][0] += sign * n

    def apply(self, result: AgreementResult) -> AgreementResult:
        if not self.nested:
            return result
        pairs = []
        tps = sizes = 0
        f1s = []
        for pair in result.entities.pairs:
            labels = {name: [v.tp, v.n_a, v.n_b] for name, v in pair.per_label.items()}
            for name, change in self.delta.get((pair.a, pair.b), {}).items():
                counts = labels.setdefault(name, [0, 0, 0])
                for i in range(3):
                    counts[i] += change[i]
            labels = {name: c for name, c in labels.items() if c[1] + c[2] > 0}
            tp = sum(c[0] for c in labels.values())
            n_a = sum(c[1] for c in labels.values())
            n_b = sum(c[2] for c in labels.values())
            f1 = _f1(tp, n_a + n_b) if pair.documents else None
            if f1 is not None:
                f1s.append(f1)
                tps += tp
                sizes += n_a + n_b
            per_label = {
                name: LabelF1(c[0], c[1], c[2], _f1(c[0], c[1] + c[2]))
                for name, c in sorted(labels.items())
            }
            pairs.append(
                replace(pair, n_a=n_a, n_b=n_b, exact_tp=tp, exact_f1=f1, per_label=per_label)
            )
        entities = replace(
            result.entities,
            pairs=tuple(pairs),
            mean_exact_f1=sum(f1s) / len(f1s) if f1s else None,
            pooled_exact_f1=_f1(tps, sizes) if f1s else None,
            nested=self.nested,
        )
        return replace(result, entities=entities)


def _f1(matches: int, sizes: int) -> float:
    return 1.0 if sizes == 0 else 2 * matches / sizes
