"""Numbers read off an agreement result for display: pooled per label, against gold.

Read-only views of an :class:`~annotator.core.agreement.AgreementResult`;
nothing here reads the project. The review window shows these, and a script
or test gets the same numbers without Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.adjudication import GOLD
from annotator.core.agreement import AgreementResult, EntityPair

__all__ = ["GoldScore", "gold_scores", "pooled_label_f1", "pooled_label_f1s"]


def pooled_label_f1(pairs: Sequence[EntityPair], label: str) -> float | None:
    """Exact F1 of ``label`` pooled over ``pairs``: ``2·ΣTP / Σ(|A|+|B|)``.

    The same pooling as the result's ``pooled_exact_f1``, for one label: pairs
    that share no document count for nothing; ``None`` when no pair has a span
    of that label.
    """
    tp = sizes = 0
    for pair in pairs:
        counts = pair.per_label.get(label)
        if counts is not None and pair.documents:
            tp += counts.tp
            sizes += counts.n_a + counts.n_b
    return 2 * tp / sizes if sizes else None


def pooled_label_f1s(result: AgreementResult) -> dict[str, float | None]:
    """:func:`pooled_label_f1` of every label of the result, in its label order."""
    pairs = result.entities.pairs
    return {label: pooled_label_f1(pairs, label) for label in result.entities.labels}


@dataclass(frozen=True, slots=True)
class GoldScore:
    """One annotator against gold, as :func:`~annotator.core.adjudication.score_against_gold`
    measured it (``None`` where a number is undefined)."""

    annotator: str
    documents: int
    spans: int
    gold_spans: int
    exact_f1: float | None
    overlap_f1: float | None
    cohen_kappa: float | None
    claims_overlap_f1: float | None


def gold_scores(result: AgreementResult, *, gold: str = GOLD) -> list[GoldScore]:
    """The ``(annotator, gold)`` pairs of a result, gold's side taken out, in pair order."""
    claims = {frozenset((p.a, p.b)): p for p in result.claims.pairs}
    scores = []
    for pair in result.entities.pairs:
        if gold not in (pair.a, pair.b) or pair.a == pair.b:
            continue
        gold_is_b = pair.b == gold
        claim = claims.get(frozenset((pair.a, pair.b)))
        scores.append(
            GoldScore(
                annotator=pair.a if gold_is_b else pair.b,
                documents=pair.documents,
                spans=pair.n_a if gold_is_b else pair.n_b,
                gold_spans=pair.n_b if gold_is_b else pair.n_a,
                exact_f1=pair.exact_f1,
                overlap_f1=pair.overlap_f1,
                cohen_kappa=pair.cohen_kappa,
                claims_overlap_f1=claim.overlap_f1 if claim else None,
            )
        )
    return scores
