"""Agreement over a project: which documents count, whose spans, on which tokens.

The numbers themselves are :mod:`annotator.core.agreement`'s; this module
reads the project (statuses, spans, texts) and hands them over.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from annotator.core.agreement import (
    AgreementBatch,
    AgreementResult,
    LabelF1,
    compute_agreement_of_batches,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Status, outermost_flags
from annotator.core.store import Project
from annotator.core.tokenizer import DEFAULT_CLITICS, get_nlp

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

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
    # The labels compared, as the batches' label indices; cues are scored with
    # their claims' structure (claim_agreement).
    vocabulary: list[tuple[str, str]] = []
    label_index: dict[int, int] = {}  # label id -> index in vocabulary, or -1
    for label in project.labels.list():
        compared = (wanted is None or label.name in wanted) and label.kind.layer != "cues"
        label_index[project.labels.id_of(label.name)] = len(vocabulary) if compared else -1
        if compared:
            vocabulary.append((label.name, label.kind.layer))
    nested = _NestedSpanF1(chosen, vocabulary)
    # The token grid is the project tokenizer's, with its clitic policy (what the
    # editor snaps to and exports write): "outside" makes ب | البوكمال two units.
    clitics = project.clitics
    who_index = {name: i for i, name in enumerate(chosen)}
    ids = sorted(finished)

    def batches() -> Iterator[AgreementBatch]:
        import numpy as np

        by_id = np.full(max(label_index, default=0) + 1, -1, dtype=np.int64)
        by_id[list(label_index)] = list(label_index.values())
        for first in range(0, len(ids), READ_BATCH):
            chunk = ids[first : first + READ_BATCH]
            done = np.zeros((len(chosen), len(chunk)), dtype=np.bool_)
            for d, doc_id in enumerate(chunk):
                done[[who_index[name] for name in finished[doc_id]], d] = True
            spans = _SpanColumns.of_rows(
                project.spans.rows_for_documents(chunk), chunk, who_index, by_id, done
            )
            # Agreement's entity layer is flat (one tag per token): it gets the
            # outermost entities; nested ones count in span F1 (below).
            spans = spans.select(nested.outermost(chunk, done, spans))
            texts = project.documents.texts(chunk)
            tokens = [token_array(text, clitics=clitics) for _, text in texts]
            yield AgreementBatch(
                doc_ids=chunk,
                n_chars=np.array([len(text) for _, text in texts], dtype=np.int64),
                finished=done,
                token_counts=np.array([len(t) for t in tokens], dtype=np.int64),
                tokens=np.concatenate(tokens) if tokens else np.zeros((0, 2), dtype=np.int64),
                labels=vocabulary,
                span_doc=spans.doc,
                span_annotator=spans.who,
                span_label=spans.label,
                span_start=spans.start,
                span_end=spans.end,
            )

    result = compute_agreement_of_batches(
        batches(), annotators=chosen, progress=progress, expected=len(ids)
    )
    return nested.apply(result)


class _SpanColumns(NamedTuple):
    """Spans of a read batch as columns: document index, annotator index, label
    index (in the compared labels), start, end."""

    doc: npt.NDArray[np.int64]
    who: npt.NDArray[np.int64]
    label: npt.NDArray[np.int64]
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]

    @staticmethod
    def of_rows(
        rows: Sequence[tuple[int, str, int, int, int]],
        chunk: Sequence[int],
        who_index: dict[str, int],
        by_label_id: npt.NDArray[np.int64],
        finished: npt.NDArray[np.bool_],
    ) -> _SpanColumns:
        """``rows_for_documents`` of ``chunk`` straight into numpy (no Python object
        per span), keeping the compared labels of annotators who finished."""
        import numpy as np

        columns = list(zip(*rows, strict=True)) if rows else [()] * 5
        doc = np.searchsorted(chunk, np.array(columns[0], dtype=np.int64))
        who = np.fromiter(map(who_index.get, columns[1], itertools.repeat(-1)), np.int64, len(rows))
        label = by_label_id[np.array(columns[2], dtype=np.int64)]
        keep = (who >= 0) & (label >= 0)
        keep[keep] = finished[who[keep], doc[keep]]
        start = np.array(columns[3], dtype=np.int64)
        end = np.array(columns[4], dtype=np.int64)
        return _SpanColumns(doc, who, label, start, end).select(keep)

    def select(self, mask: npt.NDArray[np.bool_]) -> _SpanColumns:
        return _SpanColumns(*(column[mask] for column in self))


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
    over every level minus those over the outermost level. Finding them is
    vectorised; only those documents go through Python.
    """

    def __init__(self, annotators: Sequence[str], labels: Sequence[tuple[str, str]]) -> None:
        self.annotators = list(annotators)
        self.labels = [name for name, _ in labels]
        self.is_entity = [layer == "ents" for _, layer in labels]
        self.pairs = list(itertools.combinations(annotators, 2))
        # Per pair and label: [Δ exact matches, Δ spans of a, Δ spans of b].
        self.delta: dict[tuple[str, str], dict[str, list[int]]] = {p: {} for p in self.pairs}
        self.nested = 0

    def outermost(
        self, doc_ids: Sequence[int], finished: npt.NDArray[np.bool_], spans: _SpanColumns
    ) -> npt.NDArray[np.bool_]:
        """Which spans to keep for the token measures: all but nested entities.

        Entities are ordered per annotator and document by start, longest first
        (``doc.ents``' nesting order); one inside the reach of those before it is
        nested (:func:`outermost_flags`).
        """
        import numpy as np

        doc, who, label, start, end = spans
        keep = np.ones(doc.size, dtype=np.bool_)
        ents = np.flatnonzero(np.array(self.is_entity, dtype=np.bool_)[label]) if doc.size else doc
        if ents.size == 0:
            return keep
        group = who[ents] * len(doc_ids) + doc[ents]
        order = ents[np.lexsort((-end[ents], start[ents], group))]
        group = who[order] * len(doc_ids) + doc[order]
        s, e = start[order], end[order]
        # The running furthest end bounds the reach: nothing under it, nothing nested.
        big = int(e.max()) + 1
        reach = np.maximum.accumulate(group * big + e)
        maybe = np.zeros(order.size, dtype=np.bool_)
        maybe[1:] = group[1:] * big + s[1:] < reach[:-1]
        if not maybe.any():
            return keep
        inside = np.zeros(order.size, dtype=np.bool_)
        for g in np.unique(group[maybe]).tolist():
            lo, hi = np.searchsorted(group, [g, g + 1])
            flags = outermost_flags(zip(s[lo:hi].tolist(), e[lo:hi].tolist(), strict=True))
            inside[lo:hi] = np.logical_not(flags)
        self.nested += int(inside.sum())
        keep[order[inside]] = False
        for d in np.unique(doc[order[inside]]).tolist():
            here = order[doc[order] == d]
            current: dict[str, tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]] = {}
            for i in np.flatnonzero(finished[:, d]).tolist():
                mine = here[who[here] == i]
                every = [
                    (a, b, self.labels[c])
                    for a, b, c in zip(
                        start[mine].tolist(), end[mine].tolist(), label[mine].tolist(), strict=True
                    )
                ]
                kept = keep[mine].tolist()
                outer = [span for span, k in zip(every, kept, strict=True) if k]
                current[self.annotators[i]] = (every, outer)
            self.add_document(current)
        return keep

    def add_document(
        self, current: dict[str, tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]]
    ) -> None:
        """Count a document with nested entities: per annotator, (every entity,
        the outermost ones) as ``(start, end, label)``."""
        for a, b in self.pairs:
            if a in current and b in current:
                self._count(self.delta[(a, b)], current[a][0], current[b][0], 1)
                self._count(self.delta[(a, b)], current[a][1], current[b][1], -1)

    @staticmethod
    def _count(
        per_label: dict[str, list[int]],
        ents_a: list[tuple[int, int, str]],
        ents_b: list[tuple[int, int, str]],
        sign: int,
    ) -> None:
        sa = Counter(ents_a)
        sb = Counter(ents_b)
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
