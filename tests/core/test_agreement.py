"""Agreement numbers checked against independent implementations on the same tokens.

Oracles: scikit-learn ``cohen_kappa_score``, statsmodels ``fleiss_kappa`` (over
``aggregate_raters``), the ``krippendorff`` package and NLTK ``AnnotationTask.alpha``
(and ``pi`` for Fleiss), seqeval for exact span F1, scipy's assignment solver for
one-to-one overlap matching. The token grid and IOB2 tags fed to them are built
here, in plain Python, independently of the module's vectorised code.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import re
import warnings
from collections.abc import Sequence
from typing import Any

import krippendorff
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask
from scipy.optimize import linear_sum_assignment
from seqeval.metrics import f1_score as seqeval_f1
from seqeval.scheme import IOB2
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from annotator.core import agreement as agreement_module
from annotator.core.agreement import (
    AgreementBatch,
    AgreementDocument,
    AgreementResult,
    AgreementSpan,
    DisagreementCounts,
    compute_agreement,
    compute_agreement_of_batches,
)
from annotator.core.errors import InvalidSpan, SpanOverlapsEntity

# --- building inputs ---------------------------------------------------------------


def tokens_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def ent(text: str, piece: str, label: str, nth: int = 0) -> AgreementSpan:
    return _span(text, piece, label, "ents", nth)


def claim(text: str, piece: str, label: str = "CLAIM", nth: int = 0) -> AgreementSpan:
    return _span(text, piece, label, "claims", nth)


def _span(text: str, piece: str, label: str, layer: str, nth: int) -> AgreementSpan:
    starts = [m.start() for m in re.finditer(re.escape(piece), text)]
    start = starts[nth]
    return AgreementSpan(start, start + len(piece), label, layer)


def make_doc(
    doc_id: int, text: str, annotations: dict[str, list[AgreementSpan]]
) -> AgreementDocument:
    return AgreementDocument(doc_id, len(text), tokens_of(text), annotations)


# --- the reference: grid, tags and every number, in plain Python -----------------------


def ref_grid(
    doc: AgreementDocument, annotators: Sequence[str]
) -> tuple[list[tuple[int, int]], dict[str, list[str]]]:
    finishers = [a for a in annotators if a in doc.annotations]
    cuts = {
        b
        for a in finishers
        for s in doc.annotations[a]
        if s.layer == "ents"
        for b in (s.start, s.end)
    }
    grid: list[tuple[int, int]] = []
    for ts, te in doc.tokens:
        edges = [ts, *sorted(c for c in cuts if ts < c < te), te]
        grid += list(itertools.pairwise(edges))
    tags: dict[str, list[str]] = {}
    for a in finishers:
        ents = [s for s in doc.annotations[a] if s.layer == "ents"]
        row: list[str] = []
        previous: AgreementSpan | None = None
        for ts, te in grid:
            inside = [s for s in ents if s.start <= ts and te <= s.end]
            assert len(inside) <= 1
            if inside:
                row.append(("I-" if inside[0] is previous else "B-") + inside[0].label)
                previous = inside[0]
            else:
                row.append("O")
                previous = None
        tags[a] = row
    return grid, tags


def units(docs: Sequence[AgreementDocument], annotators: Sequence[str]) -> list[AgreementDocument]:
    return [d for d in docs if sum(a in d.annotations for a in annotators) >= 2]


def ref_token_table(
    docs: Sequence[AgreementDocument], annotators: Sequence[str]
) -> list[dict[str, str]]:
    """One dict per grid token of every unit document: annotator -> tag (finishers only)."""
    table: list[dict[str, str]] = []
    for doc in units(docs, annotators):
        grid, tags = ref_grid(doc, annotators)
        for t in range(len(grid)):
            table.append({a: tags[a][t] for a in tags})
    return table


def oracle_cohen(table: list[dict[str, str]], a: str, b: str) -> float | None:
    rows = [(r[a], r[b]) for r in table if a in r and b in r]
    if not rows:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score([x for x, _ in rows], [y for _, y in rows])
    return None if math.isnan(value) else float(value)


def oracle_fleiss(table: list[dict[str, str]], annotators: Sequence[str]) -> float | None:
    rows = [[r[a] for a in annotators] for r in table if all(a in r for a in annotators)]
    if not rows or len(annotators) < 2:
        return None
    codes = {tag: i for i, tag in enumerate(sorted({t for row in rows for t in row}))}
    counts, _ = aggregate_raters(np.array([[codes[t] for t in row] for row in rows]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = fleiss_kappa(counts, method="fleiss")
    return None if math.isnan(value) else float(value)


def oracle_alpha(table: list[dict[str, Any]], annotators: Sequence[str]) -> float | None:
    """``krippendorff`` package (coders × units, nan = missing); NLTK must agree."""
    values = sorted({v for r in table for v in r.values()}, key=str)
    code = {v: i for i, v in enumerate(values)}
    data = np.array(
        [[code[r[a]] if a in r else np.nan for r in table] for a in annotators], dtype=float
    )
    try:
        value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:  # "There has to be more than one value in the domain."
        return None
    if math.isnan(value):
        return None
    triples = [(a, u, str(r[a])) for u, r in enumerate(table) for a in r]
    nltk_value = AnnotationTask(data=triples).alpha()
    assert nltk_value == pytest.approx(value, abs=1e-9)
    return value


def ref_spans(doc: AgreementDocument, annotator: str, layer: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in doc.annotations[annotator] if s.layer == layer]


def ref_f1(matches: int, sizes: int) -> float:
    return 1.0 if sizes == 0 else 2 * matches / sizes


def scipy_matching(a: list[tuple[int, int, str]], b: list[tuple[int, int, str]], ok: Any) -> int:
    if not a or not b:
        return 0
    m = np.array([[1 if ok(x, y) else 0 for y in b] for x in a])
    rows, cols = linear_sum_assignment(m, maximize=True)
    return int(m[rows, cols].sum())


def overlaps(x: tuple[int, int, str], y: tuple[int, int, str]) -> bool:
    return x[2] == y[2] and x[0] < y[1] and y[0] < x[1]


def iou50(x: tuple[int, int, str], y: tuple[int, int, str]) -> bool:
    inter = min(x[1], y[1]) - max(x[0], y[0])
    union = max(x[1], y[1]) - min(x[0], y[0])
    return x[2] == y[2] and inter > 0 and inter / union >= 0.5


def ref_kinds(a: list[tuple[int, int, str]], b: list[tuple[int, int, str]]) -> DisagreementCounts:
    boundary = label = both = 0
    for x in a:
        for y in b:
            if not (x[0] < y[1] and y[0] < x[1]) or x == y:
                continue
            same_offsets = x[:2] == y[:2]
            if same_offsets:
                label += 1
            elif x[2] == y[2]:
                boundary += 1
            else:
                both += 1
    missed = sum(not any(x[0] < y[1] and y[0] < x[1] for y in b) for x in a)
    missed += sum(not any(x[0] < y[1] and y[0] < x[1] for x in a) for y in b)
    return DisagreementCounts(boundary=boundary, label=label, both=both, missed=missed)


def check_against_oracles(
    docs: Sequence[AgreementDocument],
    annotators: Sequence[str],
    result: AgreementResult,
    *,
    token_aligned: bool = False,
) -> None:
    """Every number of ``result`` against the independent implementations."""
    unit_docs = units(docs, annotators)
    assert result.documents == len(unit_docs)
    table = ref_token_table(docs, annotators)
    ents = result.entities
    assert ents.tokens == len(table)
    assert _same(ents.krippendorff_alpha, oracle_alpha(table, annotators))
    assert _same(ents.fleiss_kappa, oracle_fleiss(table, annotators))
    assert ents.fleiss_documents == sum(all(a in d.annotations for a in annotators) for d in docs)

    pairs = list(itertools.combinations(annotators, 2))
    assert [(p.a, p.b) for p in ents.pairs] == pairs
    pooled_tp = pooled_n = 0
    f1s = []
    for (a, b), p, c in zip(pairs, ents.pairs, result.claims.pairs, strict=True):
        shared = [d for d in unit_docs if a in d.annotations and b in d.annotations]
        assert p.documents == c.documents == len(shared)
        assert _same(p.cohen_kappa, oracle_cohen(table, a, b))
        tp = n = matches = 0
        kinds = DisagreementCounts()
        label_counts: dict[str, list[int]] = {}
        for d in shared:
            sa, sb = ref_spans(d, a, "ents"), ref_spans(d, b, "ents")
            tp += len(set(sa) & set(sb))
            n += len(sa) + len(sb)
            matches += scipy_matching(sa, sb, overlaps)
            kinds = kinds + ref_kinds(sa, sb)
            for lab in {s[2] for s in sa + sb}:
                cnt = label_counts.setdefault(lab, [0, 0, 0])
                cnt[0] += len({s for s in sa if s[2] == lab} & {s for s in sb if s[2] == lab})
                cnt[1] += sum(s[2] == lab for s in sa)
                cnt[2] += sum(s[2] == lab for s in sb)
        assert (p.exact_tp, p.n_a + p.n_b, p.overlap_matches) == (tp, n, matches)
        assert result.disagreements[(a, b)] == kinds
        if not shared:
            assert p.exact_f1 is None and p.overlap_f1 is None and p.cohen_kappa is None
            assert c.overlap_f1 is None and c.iou50_f1 is None
            continue
        assert p.exact_f1 == pytest.approx(ref_f1(tp, n))
        assert p.overlap_f1 == pytest.approx(ref_f1(matches, n))
        assert {k: (v.tp, v.n_a, v.n_b) for k, v in p.per_label.items()} == {
            k: tuple(v) for k, v in label_counts.items()
        }
        pooled_tp += tp
        pooled_n += n
        f1s.append(ref_f1(tp, n))
        if token_aligned and n > 0:
            y_a = [ref_grid(d, annotators)[1][a] for d in shared]
            y_b = [ref_grid(d, annotators)[1][b] for d in shared]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # seqeval warns when one side is empty
                expected = seqeval_f1(y_a, y_b, mode="strict", scheme=IOB2)
                lenient = seqeval_f1(y_a, y_b)
            assert p.exact_f1 == pytest.approx(expected) == lenient

        # Claims: one-to-one overlap and IoU ≥ 0.5, against scipy's assignment solver.
        n_ca = sum(len(claim_spans(d, a)) for d in shared)
        n_cb = sum(len(claim_spans(d, b)) for d in shared)
        m_overlap = sum(
            scipy_matching(claim_spans(d, a), claim_spans(d, b), overlaps) for d in shared
        )
        m_iou = sum(scipy_matching(claim_spans(d, a), claim_spans(d, b), iou50) for d in shared)
        assert (c.n_a, c.n_b, c.overlap_matches, c.iou50_matches) == (n_ca, n_cb, m_overlap, m_iou)
        assert c.overlap_f1 == pytest.approx(ref_f1(m_overlap, n_ca + n_cb))
        assert c.iou50_f1 == pytest.approx(ref_f1(m_iou, n_ca + n_cb))

    if f1s:
        assert ents.mean_exact_f1 == pytest.approx(sum(f1s) / len(f1s))
        assert ents.pooled_exact_f1 == pytest.approx(ref_f1(pooled_tp, pooled_n))
    else:
        assert ents.mean_exact_f1 is None and ents.pooled_exact_f1 is None

    # Claims: character-level α, one unit per character of unit documents.
    chars: list[dict[str, int]] = []
    for d in unit_docs:
        covered = {
            a: {i for s in d.annotations[a] if s.layer == "claims" for i in range(s.start, s.end)}
            for a in annotators
            if a in d.annotations
        }
        chars += [{a: int(i in cov) for a, cov in covered.items()} for i in range(d.n_chars)]
    assert result.claims.characters == len(chars)
    assert _same(result.claims.krippendorff_alpha, oracle_alpha(chars, annotators))

    # Per document: 1 − mean over pairs of (exact entities + overlapping claims) F1.
    scores = []
    for d in unit_docs:
        done = [a for a in annotators if a in d.annotations]
        values = []
        for a, b in itertools.combinations(done, 2):
            sa, sb = ref_spans(d, a, "ents"), ref_spans(d, b, "ents")
            m = len(set(sa) & set(sb)) + scipy_matching(
                claim_spans(d, a), claim_spans(d, b), overlaps
            )
            size = len(sa) + len(sb) + len(claim_spans(d, a)) + len(claim_spans(d, b))
            values.append(ref_f1(m, size))
        scores.append((d.doc_id, tuple(done), 1 - sum(values) / len(values)))
    got = [(r.doc_id, r.annotators, r.disagreement) for r in result.per_document]
    assert [g[:2] for g in got] == [s[:2] for s in scores]
    assert [g[2] for g in got] == pytest.approx([s[2] for s in scores])


def claim_spans(doc: AgreementDocument, annotator: str) -> list[tuple[int, int, str]]:
    return ref_spans(doc, annotator, "claims")


def _same(ours: float | None, reference: float | None) -> bool:
    if ours is None or reference is None:
        return ours is None and reference is None
    return math.isclose(ours, reference, rel_tol=1e-9, abs_tol=1e-9)


# --- worked examples ---------------------------------------------------------------

TEXT = "قال الرئيس محمد في دمشق إن وزارة الخارجية"


def test_two_annotators_worked_example() -> None:
    a = [
        ent(TEXT, "الرئيس محمد", "PER"),
        ent(TEXT, "دمشق", "GPE"),
        ent(TEXT, "وزارة الخارجية", "ORG"),
    ]
    b = [ent(TEXT, "محمد", "PER"), ent(TEXT, "دمشق", "GPE"), ent(TEXT, "وزارة الخارجية", "ORG")]
    docs = [make_doc(1, TEXT, {"a": a, "b": b})]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b"], result, token_aligned=True)

    # By hand: 2 of 3 spans identical; tags agree on 6 of 8 tokens, chance 16/64.
    pair = result.entities.pairs[0]
    assert pair.exact_f1 == pytest.approx(2 / 3)
    assert pair.overlap_f1 == 1.0
    assert pair.cohen_kappa == pytest.approx((0.75 - 0.25) / 0.75)
    assert pair.per_label["PER"].f1 == 0.0 and pair.per_label["GPE"].f1 == 1.0
    assert result.disagreements[("a", "b")] == DisagreementCounts(boundary=1)


def test_three_annotators() -> None:
    t2 = "أعلنت وزارة الصحة في بغداد أن الوزير علي حسن زار البصرة"
    docs = [
        make_doc(
            1,
            TEXT,
            {
                "a": [ent(TEXT, "الرئيس محمد", "PER"), ent(TEXT, "دمشق", "GPE")],
                "b": [ent(TEXT, "محمد", "PER"), ent(TEXT, "دمشق", "LOC")],
                "c": [ent(TEXT, "الرئيس محمد", "PER"), ent(TEXT, "وزارة الخارجية", "ORG")],
            },
        ),
        make_doc(
            2,
            t2,
            {
                "a": [ent(t2, "وزارة الصحة", "ORG"), ent(t2, "علي حسن", "PER")],
                "b": [ent(t2, "وزارة الصحة", "ORG"), ent(t2, "علي حسن", "PER")],
                "c": [ent(t2, "بغداد", "GPE"), ent(t2, "علي حسن", "PER"), ent(t2, "البصرة", "GPE")],
            },
        ),
    ]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b", "c"], result, token_aligned=True)
    assert result.entities.fleiss_documents == 2
    assert result.entities.fleiss_kappa is not None
    # NLTK's pi() is Fleiss' κ for complete data (its multi_kappa is Davies–Fleiss).
    table = ref_token_table(docs, ["a", "b", "c"])
    triples = [(a, u, r[a]) for u, r in enumerate(table) for a in r]
    assert result.entities.fleiss_kappa == pytest.approx(AnnotationTask(data=triples).pi())
    assert result.entities.fleiss_kappa != pytest.approx(AnnotationTask(data=triples).multi_kappa())


def test_unfinished_document_is_missing_data_not_o() -> None:
    t2 = "أعلنت وزارة الصحة في بغداد أن الوزير علي حسن زار البصرة"
    docs = [
        make_doc(
            1,
            TEXT,
            {
                "a": [ent(TEXT, "محمد", "PER"), ent(TEXT, "دمشق", "GPE")],
                "b": [ent(TEXT, "محمد", "PER"), ent(TEXT, "دمشق", "GPE")],
                "c": [ent(TEXT, "محمد", "PER")],
            },
        ),
        # c did not finish document 2.
        make_doc(2, t2, {"a": [ent(t2, "علي حسن", "PER")], "b": [ent(t2, "علي", "PER")]}),
    ]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b", "c"], result)

    # The same α from the krippendorff package directly, with nan for c on document 2.
    table = ref_token_table(docs, ["a", "b", "c"])
    assert len(table) == len(tokens_of(TEXT)) + len(tokens_of(t2))
    assert all("c" not in row for row in table[8:])
    tags = sorted({t for r in table for t in r.values()})
    data = np.array(
        [[tags.index(r[a]) if a in r else np.nan for r in table] for a in "abc"], dtype=float
    )
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert result.entities.krippendorff_alpha == pytest.approx(expected)
    # Reading "not finished" as "all O" would give another number: the test can tell.
    as_o = np.where(np.isnan(data), tags.index("O"), data)
    assert krippendorff.alpha(reliability_data=as_o, level_of_measurement="nominal") != (
        pytest.approx(expected)
    )
    # Fleiss' κ only on the document everyone finished; pairs with c compare one document.
    assert result.entities.fleiss_documents == 1
    assert [p.documents for p in result.entities.pairs] == [2, 1, 1]


def test_label_only_one_annotator_used() -> None:
    docs = [
        make_doc(
            1,
            TEXT,
            {
                "a": [ent(TEXT, "محمد", "PER"), ent(TEXT, "وزارة الخارجية", "ORG")],
                "b": [ent(TEXT, "محمد", "PER")],
            },
        )
    ]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b"], result, token_aligned=True)
    per_label = result.entities.pairs[0].per_label
    assert per_label["ORG"].f1 == 0.0 and (per_label["ORG"].n_a, per_label["ORG"].n_b) == (1, 0)
    assert per_label["PER"].f1 == 1.0
    assert result.disagreements[("a", "b")] == DisagreementCounts(missed=1)


def test_no_agreement_at_all() -> None:
    docs = [
        make_doc(
            1,
            TEXT,
            {
                "a": [ent(TEXT, "الرئيس", "PER"), ent(TEXT, "دمشق", "GPE")],
                "b": [ent(TEXT, "محمد", "ORG"), ent(TEXT, "وزارة الخارجية", "ORG")],
            },
        )
    ]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b"], result, token_aligned=True)
    pair = result.entities.pairs[0]
    assert pair.exact_f1 == 0.0 and pair.overlap_f1 == 0.0
    assert pair.cohen_kappa is not None and pair.cohen_kappa <= 0
    assert result.entities.krippendorff_alpha is not None
    assert result.entities.krippendorff_alpha <= 0
    assert result.per_document[0].disagreement == 1.0


def test_perfect_agreement() -> None:
    spans = [ent(TEXT, "الرئيس محمد", "PER"), ent(TEXT, "دمشق", "GPE"), claim(TEXT, "إن وزارة")]
    docs = [make_doc(1, TEXT, {"a": spans, "b": list(spans), "c": list(spans)})]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b", "c"], result, token_aligned=True)
    ents = result.entities
    assert ents.krippendorff_alpha == 1.0 and ents.fleiss_kappa == 1.0
    assert ents.mean_exact_f1 == ents.pooled_exact_f1 == 1.0
    assert all(p.cohen_kappa == 1.0 and p.overlap_f1 == 1.0 for p in ents.pairs)
    assert result.claims.krippendorff_alpha == 1.0
    assert all(c.overlap_f1 == c.iou50_f1 == 1.0 for c in result.claims.pairs)
    assert result.total_disagreements == DisagreementCounts()
    assert result.per_document[0].disagreement == 0.0


def test_sub_token_span_refines_the_grid() -> None:
    # "والرئيس": b leaves out the proclitic و, a takes the whole word.
    text = "قال والرئيس محمد"
    start = text.index("والرئيس")
    a = [AgreementSpan(start, start + len("والرئيس"), "PER", "ents")]
    b = [AgreementSpan(start + 1, start + len("والرئيس"), "PER", "ents")]
    docs = [make_doc(1, text, {"a": a, "b": b})]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b"], result)

    grid, tags = ref_grid(docs[0], ["a", "b"])
    assert [text[s:e] for s, e in grid] == ["قال", "و", "الرئيس", "محمد"]
    assert tags == {"a": ["O", "B-PER", "I-PER", "O"], "b": ["O", "O", "B-PER", "O"]}
    assert result.entities.tokens == 4
    pair = result.entities.pairs[0]
    # Snapped to whole tokens the two would look identical (κ = 1); they are not.
    assert pair.cohen_kappa == pytest.approx(cohen_kappa_score(tags["a"], tags["b"]))
    assert pair.cohen_kappa < 1
    assert pair.exact_f1 == 0.0 and pair.overlap_f1 == 1.0
    assert result.disagreements[("a", "b")] == DisagreementCounts(boundary=1)


def test_span_boundary_inside_a_token_of_a_third_annotator_refines_every_pair() -> None:
    text = "قال والرئيس محمد"
    start = text.index("والرئيس")
    whole = AgreementSpan(start, start + 7, "PER", "ents")
    docs = [
        make_doc(
            1,
            text,
            {"a": [whole], "b": [whole], "c": [AgreementSpan(start + 1, start + 7, "PER", "ents")]},
        )
    ]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b", "c"], result)
    assert result.entities.pairs[0].tokens == 4  # a–b compared on the split grid too
    assert result.entities.pairs[0].cohen_kappa == 1.0


def test_empty_versus_empty_is_full_agreement_where_seqeval_says_zero() -> None:
    docs = [make_doc(1, TEXT, {"a": [], "b": []})]
    result = compute_agreement(docs)
    pair = result.entities.pairs[0]
    assert pair.exact_f1 == pair.overlap_f1 == 1.0
    assert result.claims.pairs[0].overlap_f1 == 1.0
    assert result.per_document[0].disagreement == 0.0
    # All tags O: chance agreement is 1, the coefficients are undefined.
    assert pair.cohen_kappa is None
    assert result.entities.krippendorff_alpha is None
    assert result.entities.fleiss_kappa is None
    assert result.claims.krippendorff_alpha is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert seqeval_f1([["O"] * 8], [["O"] * 8]) == 0.0


def test_fleiss_is_none_without_a_document_everyone_finished() -> None:
    docs = [
        make_doc(1, TEXT, {"a": [ent(TEXT, "محمد", "PER")], "b": [ent(TEXT, "دمشق", "GPE")]}),
        make_doc(2, TEXT, {"b": [ent(TEXT, "محمد", "PER")], "c": [ent(TEXT, "محمد", "PER")]}),
    ]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b", "c"], result, token_aligned=True)
    assert result.entities.fleiss_documents == 0
    assert result.entities.fleiss_kappa is None
    assert result.entities.krippendorff_alpha is not None
    a_c = result.entities.pairs[1]
    assert (a_c.a, a_c.b, a_c.documents) == ("a", "c", 0)
    assert a_c.exact_f1 is None and a_c.cohen_kappa is None
    # Only pairs that share a document enter the mean.
    assert result.entities.mean_exact_f1 == pytest.approx((0.0 + 1.0) / 2)
    # A single chosen annotator: no units, nothing defined.
    alone = compute_agreement(docs, annotators=["b"])
    assert alone.documents == 0 and alone.entities.fleiss_kappa is None
    assert alone.entities.krippendorff_alpha is None and alone.entities.pairs == ()


def test_documents_finished_by_one_chosen_annotator_are_not_units() -> None:
    docs = [
        make_doc(1, TEXT, {"a": [ent(TEXT, "محمد", "PER")], "b": [ent(TEXT, "محمد", "PER")]}),
        make_doc(2, TEXT, {"a": [ent(TEXT, "دمشق", "GPE")], "x": [ent(TEXT, "دمشق", "LOC")]}),
    ]
    result = compute_agreement(docs, annotators=["a", "b"])
    assert result.documents == 1
    assert [d.doc_id for d in result.per_document] == [1]
    assert result.entities.labels == ("PER",)
    check_against_oracles(docs, ["a", "b"], result, token_aligned=True)


def test_disagreement_kinds_by_hand() -> None:
    text = "السيد أحمد علي من شركة النفط الوطنية في مدينة البصرة وقال إن وزير النفط حضر"
    a = [
        ent(text, "أحمد علي", "PER"),  # b: "السيد أحمد علي" -> boundary
        ent(text, "شركة النفط الوطنية", "ORG"),  # b: same offsets, FAC -> label
        ent(text, "مدينة البصرة", "GPE"),  # b: "البصرة" as LOC -> both
        ent(text, "وزير النفط", "PER"),  # nothing of b overlaps -> missed
    ]
    b = [
        ent(text, "السيد أحمد علي", "PER"),
        ent(text, "شركة النفط الوطنية", "FAC"),
        ent(text, "البصرة", "LOC"),
        ent(text, "حضر", "MISC"),  # nothing of a overlaps -> missed
    ]
    docs = [make_doc(1, text, {"a": a, "b": b})]
    result = compute_agreement(docs)
    assert result.disagreements[("a", "b")] == DisagreementCounts(
        boundary=1, label=1, both=1, missed=2
    )
    check_against_oracles(docs, ["a", "b"], result, token_aligned=True)

    # One span of a split in two by b: two overlapping pairs, each a boundary disagreement.
    split = [ent(text, "شركة النفط", "ORG"), ent(text, "الوطنية", "ORG")]
    docs = [make_doc(1, text, {"a": [a[1]], "b": split})]
    result = compute_agreement(docs)
    assert result.disagreements[("a", "b")] == DisagreementCounts(boundary=2)
    assert result.entities.pairs[0].overlap_matches == 1  # one-to-one
    assert result.total_disagreements == DisagreementCounts(boundary=2)


def test_claims_overlap_and_iou() -> None:
    text = "قال الوزير إن الأسعار سترتفع الشهر المقبل بسبب الحرب وإن الحكومة ستدعم الخبز"
    a = [claim(text, "الأسعار سترتفع الشهر المقبل بسبب الحرب"), claim(text, "الحكومة ستدعم")]
    b = [
        claim(text, "الأسعار سترتفع"),  # overlaps a[0] with IoU < 0.5
        claim(text, "سترتفع الشهر المقبل بسبب الحرب"),  # overlaps a[0] with IoU ≥ 0.5
        claim(text, "الحكومة ستدعم الخبز"),  # overlaps a[1], IoU ≥ 0.5
    ]
    docs = [make_doc(1, text, {"a": a, "b": b})]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b"], result)
    pair = result.claims.pairs[0]
    assert (pair.overlap_matches, pair.iou50_matches) == (2, 2)
    assert pair.overlap_f1 == pytest.approx(4 / 5)
    # Entities were empty on both sides: full agreement by convention.
    assert result.entities.pairs[0].exact_f1 == 1.0


def test_iou_of_exactly_one_half_counts() -> None:
    a = [AgreementSpan(0, 4, "CLAIM", "claims"), AgreementSpan(6, 9, "CLAIM", "claims")]
    b = [AgreementSpan(0, 2, "CLAIM", "claims"), AgreementSpan(7, 12, "CLAIM", "claims")]
    doc = AgreementDocument(1, 12, [(0, 12)], {"a": a, "b": b})
    pair = compute_agreement([doc]).claims.pairs[0]
    # 2/4 = 0.5 counts; 2/6 does not.
    assert (pair.overlap_matches, pair.iou50_matches) == (2, 1)
    check_against_oracles([doc], ["a", "b"], compute_agreement([doc]))


def test_overlapping_claims_need_exact_matching() -> None:
    # a0 overlaps b0 and b1, a1 only b0: greedy a0–b0 would leave a1 alone.
    a = [AgreementSpan(0, 10, "CLAIM", "claims"), AgreementSpan(0, 3, "CLAIM", "claims")]
    b = [AgreementSpan(2, 5, "CLAIM", "claims"), AgreementSpan(8, 12, "CLAIM", "claims")]
    doc = AgreementDocument(1, 12, [(0, 12)], {"a": a, "b": b})
    result = compute_agreement([doc])
    assert result.claims.pairs[0].overlap_matches == 2
    check_against_oracles([doc], ["a", "b"], result)


def test_per_document_scores_sort_the_most_disputed_first() -> None:
    agree = [ent(TEXT, "محمد", "PER")]
    docs = [
        make_doc(10, TEXT, {"a": agree, "b": list(agree)}),
        make_doc(11, TEXT, {"a": agree, "b": [ent(TEXT, "دمشق", "GPE")]}),
        make_doc(12, TEXT, {"a": agree, "b": [ent(TEXT, "الرئيس محمد", "PER")]}),
    ]
    result = compute_agreement(docs)
    check_against_oracles(docs, ["a", "b"], result, token_aligned=True)
    assert [d.disagreement for d in result.per_document] == [0.0, 1.0, 1.0]
    assert [d.doc_id for d in result.documents_by_disagreement()] == [11, 12, 10]


def test_json_keys_are_stable_and_documented() -> None:
    docs = [
        make_doc(
            1,
            TEXT,
            {
                "a": [ent(TEXT, "محمد", "PER"), claim(TEXT, "في دمشق")],
                "b": [ent(TEXT, "محمد", "PER")],
            },
        )
    ]
    data = compute_agreement(docs).to_json()
    json.dumps(data)  # serialisable as is
    assert list(data) == [
        "annotators",
        "documents",
        "entities",
        "claims",
        "disagreements",
        "per_document",
    ]
    assert set(data["entities"]) == {
        "labels",
        "tokens",
        "mean_exact_f1",
        "pooled_exact_f1",
        "krippendorff_alpha",
        "fleiss_kappa",
        "fleiss_documents",
        "nested",
        "token_measures_layer",
        "pairs",
    }
    assert set(data["entities"]["pairs"][0]) == {
        "a",
        "b",
        "documents",
        "tokens",
        "n_a",
        "n_b",
        "exact_tp",
        "exact_f1",
        "overlap_matches",
        "overlap_f1",
        "cohen_kappa",
        "per_label",
    }
    assert set(data["entities"]["pairs"][0]["per_label"]["PER"]) == {"tp", "n_a", "n_b", "f1"}
    assert set(data["claims"]) == {"labels", "characters", "krippendorff_alpha", "pairs"}
    assert set(data["claims"]["pairs"][0]) == {
        "a",
        "b",
        "documents",
        "n_a",
        "n_b",
        "overlap_matches",
        "overlap_f1",
        "iou50_matches",
        "iou50_f1",
    }
    assert set(data["disagreements"]) == {"total", "pairs"}
    assert set(data["disagreements"]["pairs"][0]) == {
        "a",
        "b",
        "boundary",
        "label",
        "both",
        "missed",
    }
    assert set(data["per_document"][0]) == {
        "doc_id",
        "annotators",
        "entity_exact_f1",
        "claim_overlap_f1",
        "disagreement",
    }

    # Every key appears in the module docstring, which is the documentation.
    documented = set(re.findall(r"[a-z_0-9]+", agreement_module.__doc__ or ""))

    def keys(node: Any) -> set[str]:
        if isinstance(node, dict):
            return {k for k, v in node.items() if k != "PER"} | {
                x for v in node.values() for x in keys(v)
            }
        if isinstance(node, list):
            return {x for v in node for x in keys(v)}
        return set()

    assert keys(data) - {"CLAIM"} <= documented


def test_invalid_input_is_refused_with_the_place() -> None:
    overlapping = [ent(TEXT, "الرئيس محمد", "PER"), ent(TEXT, "محمد", "ORG")]
    with pytest.raises(SpanOverlapsEntity, match="document 7"):
        compute_agreement([make_doc(7, TEXT, {"a": overlapping, "b": []})])
    # Claims may overlap.
    claims = [claim(TEXT, "الرئيس محمد"), claim(TEXT, "محمد في")]
    compute_agreement([make_doc(7, TEXT, {"a": claims, "b": []})])
    for bad in (
        AgreementSpan(3, 3, "PER", "ents"),
        AgreementSpan(5, 2, "PER", "ents"),
        AgreementSpan(0, len(TEXT) + 1, "PER", "ents"),
        AgreementSpan(0, 3, "PER", "tokens"),
    ):
        with pytest.raises(InvalidSpan, match="annotator 'b'"):
            compute_agreement([make_doc(7, TEXT, {"a": [], "b": [bad]})])
    with pytest.raises(ValueError, match="document 8"):
        compute_agreement([AgreementDocument(8, 10, [(4, 6), (0, 3)], {"a": [], "b": []})])


def test_progress_is_reported_and_can_cancel() -> None:
    docs = [make_doc(i, TEXT, {"a": [], "b": []}) for i in range(3)]
    seen: list[tuple[int, int]] = []
    compute_agreement(docs, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] and seen == sorted(seen)

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        compute_agreement(docs, progress=cancel)


# --- random inputs against the oracles -------------------------------------------

LABELS = ["PER", "ORG", "GPE"]


@st.composite
def corpora(draw: st.DrawFn, *, token_aligned: bool) -> tuple[list[AgreementDocument], list[str]]:
    names = ["a", "b", "c", "d"][: draw(st.integers(2, 4))]
    docs = []
    for doc_id in range(draw(st.integers(1, 3))):
        lengths = draw(st.lists(st.integers(1, 4), min_size=1, max_size=8))
        tokens, pos = [], 0
        for n in lengths:
            tokens.append((pos, pos + n))
            pos += n + 1
        n_chars = pos - 1
        # Shared truth, then per-annotator drops, boundary moves and relabels.
        if token_aligned:
            # Pairs of sorted cut points p0 < p1 cover tokens p0 // 2 … (p1 - 1) // 2.
            cuts = sorted(draw(st.sets(st.integers(0, 2 * len(tokens)), max_size=6)))
            ranges = [
                (tokens[p0 // 2][0], tokens[(p1 - 1) // 2][1])
                for p0, p1 in zip(cuts[0::2], cuts[1::2], strict=False)
            ]
        else:
            points = sorted(draw(st.sets(st.integers(0, n_chars), max_size=6)))
            ranges = list(zip(points[0::2], points[1::2], strict=False))
        truth = [(s, e, draw(st.sampled_from(LABELS))) for s, e in ranges]
        annotations: dict[str, list[AgreementSpan]] = {}
        for name in names:
            if not draw(st.booleans()) and draw(st.booleans()):
                continue  # a quarter of the time: not finished
            spans = []
            for s, e, label in truth:
                action = draw(st.sampled_from(["keep", "keep", "drop", "move", "relabel"]))
                if action == "drop":
                    continue
                if action == "relabel":
                    label = draw(st.sampled_from(LABELS))
                if action == "move":
                    ends = [t[1] for t in tokens if s < t[1] <= e] if token_aligned else None
                    e = draw(st.sampled_from(ends)) if ends else draw(st.integers(s + 1, e))
                spans.append(AgreementSpan(s, e, label, "ents"))
            for _ in range(draw(st.integers(0, 2))):
                cs = draw(st.integers(0, n_chars - 1))
                ce = draw(st.integers(cs + 1, n_chars))
                spans.append(AgreementSpan(cs, ce, "CLAIM", "claims"))
            annotations[name] = spans
        docs.append(AgreementDocument(doc_id, n_chars, tokens, annotations))
    return docs, names


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(token_aligned=False))
def test_random_inputs_match_the_oracles(data: tuple[list[AgreementDocument], list[str]]) -> None:
    docs, names = data
    check_against_oracles(docs, names, compute_agreement(docs, annotators=names))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(token_aligned=True))
def test_random_token_aligned_inputs_match_seqeval(
    data: tuple[list[AgreementDocument], list[str]],
) -> None:
    docs, names = data
    check_against_oracles(
        docs, names, compute_agreement(docs, annotators=names), token_aligned=True
    )


# --- streaming: batches add up to one pass --------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(token_aligned=False), st.booleans())
def test_one_document_per_batch_gives_the_same_numbers(
    data: tuple[list[AgreementDocument], list[str]], name_them: bool
) -> None:
    """Every document in its own batch (names and labels first met in later ones)
    equals one batch for everything, exactly, and still matches the oracles."""
    docs, names = data
    chosen = names if name_them else None
    whole = compute_agreement(docs, annotators=chosen)
    saved = agreement_module.BATCH_TOKENS
    agreement_module.BATCH_TOKENS = 1
    try:
        streamed = compute_agreement(iter(docs), annotators=chosen, expected=len(docs))
    finally:
        agreement_module.BATCH_TOKENS = saved
    assert streamed.to_json() == whole.to_json()
    if name_them:
        check_against_oracles(docs, names, streamed)


def test_names_first_met_late_are_sorted_and_fleiss_waits_for_everyone() -> None:
    t2 = "أعلنت وزارة الصحة في بغداد أن الوزير علي حسن زار البصرة"
    docs = [
        make_doc(1, TEXT, {"c": [ent(TEXT, "محمد", "PER")], "b": [ent(TEXT, "محمد", "PER")]}),
        make_doc(2, t2, {"c": [ent(t2, "علي حسن", "PER")], "a": [ent(t2, "علي", "ORG")]}),
        make_doc(3, t2, {"a": [], "b": [], "c": [ent(t2, "بغداد", "GPE")]}),
    ]
    saved = agreement_module.BATCH_TOKENS
    agreement_module.BATCH_TOKENS = 1
    try:
        result = compute_agreement(d for d in docs)
    finally:
        agreement_module.BATCH_TOKENS = saved
    assert result.annotators == ("a", "b", "c")
    assert [(p.a, p.b) for p in result.entities.pairs] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert [d.annotators for d in result.per_document] == [("b", "c"), ("a", "c"), ("a", "b", "c")]
    assert result.entities.fleiss_documents == 1  # only document 3 was finished by all three
    check_against_oracles(docs, ["a", "b", "c"], result)


def test_token_arrays_give_the_same_numbers_as_token_lists() -> None:
    docs = [
        make_doc(1, TEXT, {"a": [ent(TEXT, "محمد", "PER")], "b": [ent(TEXT, "محمد في", "PER")]})
    ]
    as_arrays = [
        AgreementDocument(d.doc_id, d.n_chars, np.array(d.tokens, dtype=np.int64), d.annotations)
        for d in docs
    ]
    assert compute_agreement(as_arrays).to_json() == compute_agreement(docs).to_json()


# --- documents as arrays (what a project streams) ------------------------------------


def as_batches(
    docs: Sequence[AgreementDocument], names: list[str], split: list[int]
) -> list[AgreementBatch]:
    """``docs`` as arrays, built here in plain Python, cut into batches at ``split``,
    with what agreement must leave out: spans of an annotator who did not finish
    (and of one not compared), a label nobody uses, a document one annotator finished."""
    labels = [("UNUSED", "ents"), *((name, "ents") for name in LABELS), ("CLAIM", "claims")]
    code = {name: i for i, (name, _) in enumerate(labels)}
    lone = AgreementDocument(99, len(TEXT), tokens_of(TEXT), {names[0]: [ent(TEXT, "محمد", "PER")]})
    docs = [lone, *docs]
    batches = []
    for lo, hi in itertools.pairwise([0, *sorted(set(split)), len(docs)]):
        part = docs[lo:hi]
        finished = np.array([[name in d.annotations for d in part] for name in names])
        columns: list[list[int]] = [[], [], [], [], []]
        for d, doc in enumerate(part):
            for i, name in enumerate([*names, "not compared"]):
                # Not finished, or not compared: these spans must not count.
                spans = doc.annotations.get(name, [AgreementSpan(0, 1, "PER", "ents")])
                for s in spans:
                    for column, value in zip(
                        columns, (d, i, code[s.label], s.start, s.end), strict=True
                    ):
                        column.append(value)
        tokens = [t for doc in part for t in doc.tokens]
        batches.append(
            AgreementBatch(
                doc_ids=[doc.doc_id for doc in part],
                n_chars=np.array([doc.n_chars for doc in part], dtype=np.int64),
                finished=finished.reshape(len(names), len(part)),
                token_counts=np.array([len(doc.tokens) for doc in part], dtype=np.int64),
                tokens=np.array(tokens, dtype=np.int64).reshape(-1, 2),
                labels=labels,
                span_doc=np.array(columns[0], dtype=np.int64),
                span_annotator=np.array(columns[1], dtype=np.int64),
                span_label=np.array(columns[2], dtype=np.int64),
                span_start=np.array(columns[3], dtype=np.int64),
                span_end=np.array(columns[4], dtype=np.int64),
            )
        )
    return batches


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(token_aligned=False), st.lists(st.integers(0, 4), max_size=3))
def test_documents_as_arrays_give_the_same_numbers(
    data: tuple[list[AgreementDocument], list[str]], split: list[int]
) -> None:
    docs, names = data
    batches = as_batches(docs, names, [min(s, len(docs) + 1) for s in split])
    seen: list[tuple[int, int]] = []
    ours = compute_agreement_of_batches(
        batches, annotators=names, progress=lambda done, total: seen.append((done, total))
    )
    assert ours.to_json() == compute_agreement(docs, annotators=names).to_json()
    assert seen[-1][0] == seen[-1][1] == len(docs) + 2 and seen == sorted(seen)


def test_documents_as_arrays_are_checked() -> None:
    doc = make_doc(7, TEXT, {"a": [], "b": [ent(TEXT, "محمد", "PER")]})
    (batch,) = as_batches([doc], ["a", "b"], [])
    with pytest.raises(ValueError, match="named twice"):
        compute_agreement_of_batches([batch], annotators=["a", "b", "a"])
    bad_end = dataclasses.replace(batch, span_end=batch.span_end + len(TEXT))
    with pytest.raises(InvalidSpan, match="document 7, annotator 'b'"):
        compute_agreement_of_batches([bad_end], annotators=["a", "b"])
    bad_doc = dataclasses.replace(batch, span_doc=batch.span_doc + 5)
    with pytest.raises(ValueError, match="document index"):
        compute_agreement_of_batches([bad_doc], annotators=["a", "b"])
