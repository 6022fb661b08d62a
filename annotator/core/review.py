"""Agreement over a project: which documents count, whose spans, on which tokens.

The numbers themselves are :mod:`annotator.core.agreement`'s; this module
reads the project (statuses, spans, texts) and hands them over.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from annotator.core.agreement import (
    AgreementDocument,
    AgreementResult,
    AgreementSpan,
    LabelF1,
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
    nested = _NestedSpanF1(chosen)

    def documents() -> Iterator[AgreementDocument]:
        for doc in project.documents.iter(sorted(finished)):
            spans = project.spans.for_document(doc.id)
            annotations = {}
            for name in finished[doc.id]:
                mine = [
                    AgreementSpan(s.start, s.end, s.label, layers[s.label])
                    for s in spans
                    if s.annotator == name
                    and (wanted is None or s.label in wanted)
                    and layers[s.label] != "cues"  # scored with their claims (claim_agreement)
                ]
                # Agreement's entity layer is flat (one tag per token): it gets the
                # outermost entities; nested ones count in span F1 (below).
                annotations[name] = nested.outermost(name, mine)
            nested.add_document(nested.current)
            yield AgreementDocument(doc.id, len(doc.text), token_offsets(doc.text), annotations)

    result = compute_agreement(documents(), annotators=chosen, progress=progress)
    return nested.apply(result)


class _NestedSpanF1:
    """Exact span F1 over every entity level, counted document by document (only
    counts are kept), put into the result when some entity is nested."""

    def __init__(self, annotators: Sequence[str]) -> None:
        self.pairs = list(itertools.combinations(annotators, 2))
        self.counts: dict[tuple[str, str], dict[str, list[int]]] = {p: {} for p in self.pairs}
        self.shared: dict[tuple[str, str], int] = dict.fromkeys(self.pairs, 0)
        self.current: dict[str, list[AgreementSpan]] = {}
        self.nested = 0

    def outermost(self, name: str, spans: list[AgreementSpan]) -> list[AgreementSpan]:
        ents = sorted((s for s in spans if s.layer == "ents"), key=lambda s: (s.start, -s.end))
        self.current[name] = ents
        kept: list[AgreementSpan] = []
        reach = -1
        for span in ents:
            if span.start >= reach:
                kept.append(span)
                reach = span.end
            else:
                self.nested += 1
        return kept + [s for s in spans if s.layer != "ents"]

    def add_document(self, ents: dict[str, list[AgreementSpan]]) -> None:
        for a, b in self.pairs:
            if a not in ents or b not in ents:
                continue
            self.shared[(a, b)] += 1
            per_label = self.counts[(a, b)]
            sa = Counter((s.start, s.end, s.label) for s in ents[a])
            sb = Counter((s.start, s.end, s.label) for s in ents[b])
            for key, n in sa.items():
                per_label.setdefault(key[2], [0, 0, 0])[1] += n
            for key, n in sb.items():
                per_label.setdefault(key[2], [0, 0, 0])[2] += n
            for key, n in (sa & sb).items():
                per_label[key[2]][0] += n
        self.current = {}

    def apply(self, result: AgreementResult) -> AgreementResult:
        if not self.nested:
            return result
        pairs = []
        tps = sizes = 0
        f1s = []
        for pair in result.entities.pairs:
            labels = self.counts.get((pair.a, pair.b), {})
            tp = sum(c[0] for c in labels.values())
            n_a = sum(c[1] for c in labels.values())
            n_b = sum(c[2] for c in labels.values())
            f1 = _f1(tp, n_a + n_b) if self.shared.get((pair.a, pair.b)) else None
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
