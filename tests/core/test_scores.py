"""Per-label pooled F1 and the scores against gold, as the review window shows them."""

from __future__ import annotations

import itertools
import re

import pytest

from annotator.core.adjudication import (
    GOLD,
    AcceptMajority,
    MarkAdjudicated,
    score_against_gold,
)
from annotator.core.agreement import AgreementDocument, AgreementSpan, compute_agreement
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import Status
from annotator.core.scores import gold_scores, pooled_label_f1, pooled_label_f1s
from annotator.core.store import Project

TEXT = "قال أحمد الخميس إن الجيش العراقي دخل البوكمال وإن قسد تتجه نحو دير الزور."

MARKS = {
    "a": [("PER", "أحمد الخميس"), ("ORG", "الجيش العراقي"), ("GPE", "البوكمال"), ("ORG", "قسد")],
    "b": [("PER", "أحمد"), ("ORG", "الجيش العراقي"), ("LOC", "البوكمال"), ("ORG", "قسد")],
    "c": [("PER", "أحمد الخميس"), ("GPE", "البوكمال"), ("GPE", "دير الزور")],
}


def _span(label: str, surface: str) -> tuple[int, int, str]:
    start = TEXT.index(surface)
    return start, start + len(surface), label


def _document() -> AgreementDocument:
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", TEXT)]
    return AgreementDocument(
        1,
        len(TEXT),
        tokens,
        {
            name: [AgreementSpan(s, e, label, "ents") for s, e, label in map(_explode, marks)]
            for name, marks in MARKS.items()
        },
    )


def _explode(mark: tuple[str, str]) -> tuple[int, int, str]:
    return _span(*mark)


def _by_hand(label: str) -> float | None:
    """2·ΣTP / Σ(|A|+|B|) over the three pairs, from the marks themselves."""
    tp = sizes = 0
    for x, y in itertools.combinations(MARKS, 2):
        xs = {_span(*m) for m in MARKS[x] if m[0] == label}
        ys = {_span(*m) for m in MARKS[y] if m[0] == label}
        tp += len(xs & ys)
        sizes += len(xs) + len(ys)
    return 2 * tp / sizes if sizes else None


def test_pooled_label_f1_is_twice_the_true_positives_over_the_sizes() -> None:
    result = compute_agreement([_document()])
    pooled = pooled_label_f1s(result)
    assert list(pooled) == list(result.entities.labels)
    for label, value in pooled.items():
        assert value == pytest.approx(_by_hand(label))
    # Hand-checked: PER agrees once (a, c) of six spans over the pairs; ORG twice
    # (a, b) of eight; GPE once (a, c) of six; LOC is b's alone and never matches.
    assert pooled["PER"] == pytest.approx(2 * 1 / 6)
    assert pooled["ORG"] == pytest.approx(2 * 2 / 8)
    assert pooled["GPE"] == pytest.approx(2 * 1 / 6)
    assert pooled["LOC"] == 0.0
    # Pooled over every label and pair, it is the result's own pooled exact F1.
    tp = sum(p.per_label[lab].tp for p in result.entities.pairs for lab in p.per_label)
    sizes = sum(p.n_a + p.n_b for p in result.entities.pairs)
    assert result.entities.pooled_exact_f1 == pytest.approx(2 * tp / sizes)


def test_pooled_label_f1_is_undefined_without_spans_of_that_label() -> None:
    result = compute_agreement([_document()])
    assert pooled_label_f1(result.entities.pairs, "EVENT") is None
    assert pooled_label_f1((), "PER") is None


def test_gold_scores_are_the_gold_pairs_of_score_against_gold(project: Project) -> None:
    doc = project.documents.add(TEXT)[0]
    for name, marks in MARKS.items():
        for label, surface in marks:
            start, end, _ = _span(label, surface)
            project.apply(AddSpan(doc, name, label, start, end))
        project.apply(SetStatus(doc, name, Status.DONE))
    project.apply(AcceptMajority(doc, "lead"))
    project.apply(MarkAdjudicated(doc, "lead"))
    result = score_against_gold(project)
    scores = gold_scores(result)
    assert [s.annotator for s in scores] == ["a", "b", "c"]
    pairs = {(p.b if p.a == GOLD else p.a): p for p in result.entities.pairs if GOLD in (p.a, p.b)}
    claims = {(p.b if p.a == GOLD else p.a): p for p in result.claims.pairs if GOLD in (p.a, p.b)}
    gold_spans = len(project.gold.for_document(doc))
    for score in scores:
        pair = pairs[score.annotator]
        assert score.documents == pair.documents == 1
        assert score.exact_f1 == pair.exact_f1
        assert score.overlap_f1 == pair.overlap_f1
        assert score.cohen_kappa == pair.cohen_kappa
        assert score.spans == len(MARKS[score.annotator])
        assert score.gold_spans == gold_spans
        assert score.claims_overlap_f1 == claims[score.annotator].overlap_f1
