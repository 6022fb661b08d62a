"""What agreement takes and gives: documents (one by one or as arrays) and the results.

``AgreementResult.to_json()``'s keys are listed in :mod:`annotator.core.agreement`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

ENTS = "ents"
CLAIMS = "claims"

IntArray = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.int32]  # one value per coder and unit, -1 = missing
BoolArray = npt.NDArray[np.bool_]


# --- input ---------------------------------------------------------------------


class AgreementSpan(NamedTuple):
    """One span of one annotator: code-point offsets, half-open.

    A named tuple, not a dataclass: a project hands over millions of them and a
    tuple is made three times faster.

    :param layer: ``"ents"`` (entities and places, never overlapping within one
        annotator) or ``"claims"`` (may overlap) — ``LabelKind.layer``.
    """

    start: int
    end: int
    label: str
    layer: str


@dataclass(frozen=True, slots=True)
class AgreementDocument:
    """A document as agreement sees it.

    :param doc_id: the project's document id, echoed in the per-document results.
    :param n_chars: length of the document's text in code points.
    :param tokens: ``(start, end)`` of each token, sorted and non-overlapping
        (``tokenizer.token_offsets(text)``), or the same as an ``(n, 2)`` integer
        array (no Python tuple per token).
    :param annotations: spans of each annotator who marked the document done; an
        empty sequence means "done, nothing to mark". Annotators who did not
        finish it must be left out.
    """

    doc_id: int
    n_chars: int
    tokens: Sequence[tuple[int, int]] | npt.NDArray[np.int64]
    annotations: Mapping[str, Sequence[AgreementSpan]]


@dataclass(frozen=True, slots=True)
class AgreementBatch:
    """Several documents at once as arrays: what a project streams, with no Python
    object per span or token (:func:`compute_agreement_of_batches`).

    Annotators are indices into the ``annotators`` of the computation, labels
    indices into :attr:`labels`; documents are indices into :attr:`doc_ids`.

    :param doc_ids: the documents, in order.
    :param n_chars: length of each text in code points.
    :param finished: ``annotators × documents``: who marked each document done.
        Documents finished by fewer than two are skipped, and so are the spans
        of annotators who did not finish their document.
    :param token_counts: tokens of each document.
    :param tokens: ``(Σ token_counts, 2)``: ``(start, end)`` of every token,
        document after document, in document offsets (sorted, non-overlapping).
    :param labels: ``(name, layer)`` of each label index ``span_label`` uses.
    :param span_doc: per span, its document index; likewise ``span_annotator``,
        ``span_label``, ``span_start`` and ``span_end`` (offsets in its document).
    """

    doc_ids: Sequence[int]
    n_chars: IntArray
    finished: BoolArray
    token_counts: IntArray
    tokens: IntArray
    labels: Sequence[tuple[str, str]]
    span_doc: IntArray
    span_annotator: IntArray
    span_label: IntArray
    span_start: IntArray
    span_end: IntArray


# --- results -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelF1:
    tp: int
    n_a: int
    n_b: int
    f1: float


@dataclass(frozen=True, slots=True)
class EntityPair:
    """Entity agreement of annotators ``a`` and ``b`` on the documents both finished."""

    a: str
    b: str
    documents: int
    tokens: int
    n_a: int
    n_b: int
    exact_tp: int
    exact_f1: float | None
    overlap_matches: int
    overlap_f1: float | None
    cohen_kappa: float | None
    per_label: Mapping[str, LabelF1] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimPair:
    a: str
    b: str
    documents: int
    n_a: int
    n_b: int
    overlap_matches: int
    overlap_f1: float | None
    iou50_matches: int
    iou50_f1: float | None


@dataclass(frozen=True, slots=True)
class DisagreementCounts:
    boundary: int = 0
    label: int = 0
    both: int = 0
    missed: int = 0

    def __add__(self, other: DisagreementCounts) -> DisagreementCounts:
        return DisagreementCounts(
            boundary=self.boundary + other.boundary,
            label=self.label + other.label,
            both=self.both + other.both,
            missed=self.missed + other.missed,
        )


@dataclass(frozen=True, slots=True)
class DocumentDisagreement:
    doc_id: int
    annotators: tuple[str, ...]
    entity_exact_f1: float
    claim_overlap_f1: float
    disagreement: float


@dataclass(frozen=True, slots=True)
class EntityAgreement:
    labels: tuple[str, ...]
    tokens: int
    mean_exact_f1: float | None
    pooled_exact_f1: float | None
    krippendorff_alpha: float | None
    fleiss_kappa: float | None
    fleiss_documents: int
    pairs: tuple[EntityPair, ...]
    #: Entities lying inside another one: counted in the exact span F1 (pairs,
    #: per label, mean and pooled), while the token measures (κ, α) and the
    #: overlap matches use the outermost entities only.
    nested: int = 0


@dataclass(frozen=True, slots=True)
class ClaimAgreement:
    labels: tuple[str, ...]
    characters: int
    krippendorff_alpha: float | None
    pairs: tuple[ClaimPair, ...]


@dataclass(frozen=True, slots=True)
class AgreementResult:
    annotators: tuple[str, ...]
    documents: int
    entities: EntityAgreement
    claims: ClaimAgreement
    disagreements: Mapping[tuple[str, str], DisagreementCounts]
    per_document: tuple[DocumentDisagreement, ...]

    @property
    def total_disagreements(self) -> DisagreementCounts:
        return sum(self.disagreements.values(), DisagreementCounts())

    def documents_by_disagreement(self) -> list[DocumentDisagreement]:
        """Most disputed first; ties keep input order."""
        return sorted(self.per_document, key=lambda d: -d.disagreement)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; the keys are listed in the module docstring."""
        ents = self.entities
        claims = self.claims
        return {
            "annotators": list(self.annotators),
            "documents": self.documents,
            "entities": {
                "labels": list(ents.labels),
                "tokens": ents.tokens,
                "mean_exact_f1": ents.mean_exact_f1,
                "pooled_exact_f1": ents.pooled_exact_f1,
                "krippendorff_alpha": ents.krippendorff_alpha,
                "fleiss_kappa": ents.fleiss_kappa,
                "fleiss_documents": ents.fleiss_documents,
                "nested": ents.nested,
                "token_measures_layer": "outermost entities",
                "pairs": [
                    {
                        "a": p.a,
                        "b": p.b,
                        "documents": p.documents,
                        "tokens": p.tokens,
                        "n_a": p.n_a,
                        "n_b": p.n_b,
                        "exact_tp": p.exact_tp,
                        "exact_f1": p.exact_f1,
                        "overlap_matches": p.overlap_matches,
                        "overlap_f1": p.overlap_f1,
                        "cohen_kappa": p.cohen_kappa,
                        "per_label": {
                            name: {"tp": v.tp, "n_a": v.n_a, "n_b": v.n_b, "f1": v.f1}
                            for name, v in p.per_label.items()
                        },
                    }
                    for p in ents.pairs
                ],
            },
            "claims": {
                "labels": list(claims.labels),
                "characters": claims.characters,
                "krippendorff_alpha": claims.krippendorff_alpha,
                "pairs": [
                    {
                        "a": p.a,
                        "b": p.b,
                        "documents": p.documents,
                        "n_a": p.n_a,
                        "n_b": p.n_b,
                        "overlap_matches": p.overlap_matches,
                        "overlap_f1": p.overlap_f1,
                        "iou50_matches": p.iou50_matches,
                        "iou50_f1": p.iou50_f1,
                    }
                    for p in claims.pairs
                ],
            },
            "disagreements": {
                "total": _counts_json(self.total_disagreements),
                "pairs": [
                    {"a": a, "b": b, **_counts_json(c)} for (a, b), c in self.disagreements.items()
                ],
            },
            "per_document": [
                {
                    "doc_id": d.doc_id,
                    "annotators": list(d.annotators),
                    "entity_exact_f1": d.entity_exact_f1,
                    "claim_overlap_f1": d.claim_overlap_f1,
                    "disagreement": d.disagreement,
                }
                for d in self.per_document
            ],
        }


def _counts_json(c: DisagreementCounts) -> dict[str, int]:
    return {"boundary": c.boundary, "label": c.label, "both": c.both, "missed": c.missed}
