"""A worked example of agreement on claims' structure with three annotators on the
seed article, every number equal to scikit-learn's and krippendorff's."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from claims_seed import SEED, annotate_seed, find
from sklearn.metrics import cohen_kappa_score

from annotator.core.claim_agreement import (
    Claimer,
    ClaimView,
    krippendorff_alpha_nominal,
    match_claims,
    project_claim_agreement,
)
from annotator.core.claim_edits import SetAttribute, SetClaimer
from annotator.core.edits import AddSpan, RemoveSpan
from annotator.core.store import Project


@pytest.fixture
def three(project: Project):
    doc_id, _ = project.documents.add(SEED.read_text("utf-8"), title="البوكمال", source="s")
    sara = annotate_seed(project, "sara", doc_id=doc_id)
    omar = annotate_seed(project, "omar", doc_id=doc_id)
    huda = annotate_seed(project, "huda", doc_id=doc_id)
    # omar: the army claim "asserts" and from an unnamed source; the sources' claim worth checking.
    project.apply(SetAttribute(omar.claim_army, "stance", "asserts"))
    project.apply(SetClaimer(omar.claim_army, implicit="unnamed source"))
    project.apply(SetAttribute(omar.claim_sources, "check_worthy", True))
    # huda: doubts the denial; her army claimer is another mention; she has no sources' claim.
    project.apply(SetAttribute(huda.claim_denial, "stance", "doubts"))
    first_army = AddSpan(doc_id, "huda", "ORG", *find(sara.text, "الجيش العراقي"))
    project.apply(first_army)
    assert first_army.span_id is not None
    project.apply(SetClaimer(huda.claim_army, entity=first_army.span_id))
    project.apply(RemoveSpan(huda.claim_sources))
    # omar alone marks one more claim (matched with nobody).
    project.apply(AddSpan(doc_id, "omar", "CLAIM", *find(sara.text, "دمشق اقرب للوصول إليها")))
    return project


# By hand, units in text order (army, denial, sources), coders sara, omar, huda.
STANCE = [
    ["reports", "asserts", "reports"],
    ["denies", "denies", "doubts"],
    ["asserts", "asserts", None],
]
WORTHY = [["true", "true", "true"], ["true", "true", "true"], ["false", "true", None]]
# Span claimers are numbered in the result's annotator order (huda first).
CLAIMER = [
    ["entity #2", "unnamed source", "entity #1"],
    ["entity #1", "entity #1", "entity #1"],
    ["unnamed source", "unnamed source", None],
]


def _oracle_alpha(units: list[list[str | None]]) -> float:
    values = sorted({v for unit in units for v in unit if v is not None})
    data = np.array(
        [[np.nan if u[c] is None else values.index(u[c]) for u in units] for c in range(3)],
        dtype=float,
    )
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _column(units: list[list[str | None]], a: int, b: int) -> tuple[list[str], list[str]]:
    both = [(u[a], u[b]) for u in units if u[a] is not None and u[b] is not None]
    return [x for x, _ in both], [y for _, y in both]


def test_worked_example_equals_the_oracles(three: Project) -> None:
    result = project_claim_agreement(three)
    assert result.annotators == ("huda", "omar", "sara")
    assert result.units == 3 and result.ambiguous_units == 0
    order = [2, 1, 0]  # the result's coders (huda, omar, sara) in the tables' order

    def ours(units: list[list[str | None]]) -> list[list[str | None]]:
        return [[u[i] for i in order] for u in units]

    assert ours(result.unit_values["stance"]) == STANCE
    assert ours(result.unit_values["check_worthy"]) == WORTHY
    assert ours(result.unit_values["claimer"]) == CLAIMER

    for key, table in (("stance", STANCE), ("check_worthy", WORTHY)):
        assert result.attributes[key].krippendorff_alpha == pytest.approx(_oracle_alpha(table))
    assert result.claimer.krippendorff_alpha == pytest.approx(_oracle_alpha(CLAIMER))

    coder = {"sara": 0, "omar": 1, "huda": 2}
    for pair in result.attributes["stance"].pairs:
        x, y = _column(STANCE, coder[pair.a], coder[pair.b])
        assert pair.both_set == len(x)
        assert pair.cohen_kappa == pytest.approx(cohen_kappa_score(x, y))
        assert pair.agreement == pytest.approx(
            sum(p == q for p, q in zip(x, y, strict=True)) / len(x)
        )
    sara_omar = next(p for p in result.attributes["stance"].pairs if {p.a, p.b} == {"sara", "omar"})
    assert sara_omar.matched == 3 and sara_omar.agreement == pytest.approx(2 / 3)
    # check_worthy: huda and sara say "true" on both shared claims: κ undefined (one value).
    huda_sara = next(
        p for p in result.attributes["check_worthy"].pairs if {p.a, p.b} == {"huda", "sara"}
    )
    assert huda_sara.agreement == 1.0 and huda_sara.cohen_kappa is None
    for pair in result.claimer.pairs:
        # Pairwise categories: numbered within the pair, as the module says.
        values = result.pair_values[(pair.a, pair.b)]["claimer"]
        x, y = [v for v, _ in values], [w for _, w in values]
        expected = cohen_kappa_score(x, y) if len(set(x) | set(y)) > 1 else None
        assert pair.cohen_kappa == (pytest.approx(expected) if expected is not None else None)
    claimer_pairs = {(p.a, p.b): p for p in result.claimer.pairs}
    assert claimer_pairs[("omar", "sara")].agreement == pytest.approx(2 / 3)
    assert claimer_pairs[("huda", "sara")].agreement == pytest.approx(1 / 2)  # the other mention
    assert result.claimer.krippendorff_alpha is not None


def test_json_keys(three: Project) -> None:
    data = project_claim_agreement(three).to_json()
    assert set(data) == {
        "match",
        "annotators",
        "documents",
        "units",
        "ambiguous_units",
        "attributes",
        "claimer",
    }
    assert data["attributes"]["stance"]["values"] == ["asserts", "denies", "doubts", "reports"]
    assert set(data["claimer"]["pairs"][0]) == {
        "a",
        "b",
        "matched",
        "both_set",
        "agreement",
        "cohen_kappa",
    }


def test_alpha_against_krippendorff_on_random_data() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        data = rng.integers(0, 4, size=(3, 15)).astype(float)
        data[rng.random(data.shape) < 0.2] = np.nan
        units = [[None if math.isnan(v) else str(int(v)) for v in data[:, u]] for u in range(15)]
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert krippendorff_alpha_nominal(units) == pytest.approx(expected)


def test_matching_prefers_the_most_alike_claim() -> None:
    a = [ClaimView(0, 100, "CLAIM")]
    b = [ClaimView(0, 60, "CLAIM"), ClaimView(0, 95, "CLAIM")]
    assert match_claims(a, b) == [(0, 1)]
    # One-to-one and maximum: the long claim gives way so that both are matched.
    a = [ClaimView(0, 100, "CLAIM"), ClaimView(0, 58, "CLAIM")]
    assert match_claims(a, b) == [(0, 1), (1, 0)]
    assert match_claims([ClaimView(0, 10, "CLAIM")], [ClaimView(8, 30, "CLAIM")]) == []
    assert match_claims(
        [ClaimView(0, 10, "CLAIM")], [ClaimView(8, 30, "CLAIM")], match="overlap"
    ) == [(0, 0)]
    assert Claimer(0, 5, "ORG").same_as(Claimer(3, 9, "ORG"))
    assert Claimer(0, 5, "ORG").same_as(Claimer(3, 9, "MISC"))  # one entity, two labels
    assert not Claimer(0, 5, "ORG").same_as(Claimer(5, 9, "ORG"))
    assert not Claimer(0, 5, "ORG").same_as(Claimer(value="author"))


def test_read_in_batches_as_read_one_document_at_a_time(
    three: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claims, claimers and attributes read a few hundred documents a query give what
    reading each document whole gives (claimers found in their own document)."""
    from annotator.core import claim_agreement as module
    from annotator.core import review
    from annotator.core.review import finished_by

    for copy in range(3):  # more documents, one of them with an unfinished annotator
        doc_id, _ = three.documents.add(SEED.read_text("utf-8") + f" {copy}", title=f"{copy}")
        for who in ("sara", "omar", "huda"):
            annotate_seed(three, who, doc_id=doc_id, done=not (copy == 1 and who == "omar"))
    names = ["huda", "omar", "sara"]
    finished = {d: who for d, who in finished_by(three, names).items() if len(who) >= 2}
    labels = {label.name: label for label in three.labels.list()}
    claim_labels = {n for n, label in labels.items() if label.kind.value == "claim"}
    keys = list(dict.fromkeys(a.key for n in sorted(claim_labels) for a in labels[n].attributes))
    documents = []
    for doc_id in sorted(finished):
        spans = {s.id: s for s in three.spans.for_document(doc_id)}
        claimers = {}
        for link in three.links.for_document(doc_id):
            if link.type == "claimer":
                child = spans.get(link.child) if link.child else None
                claimers[link.head] = (
                    Claimer(value=link.value)
                    if child is None
                    else Claimer(child.start, child.end, child.label)
                )
        claims: dict[str, list[ClaimView]] = {a: [] for a in finished[doc_id]}
        for s in spans.values():
            if s.label in claim_labels and s.annotator in claims:
                claims[s.annotator].append(
                    ClaimView(s.start, s.end, s.label, s.attrs, claimers.get(s.id))
                )
        documents.append(module.ClaimDocument(doc_id, claims))
    expected = module.claim_agreement(documents, annotators=names, attribute_keys=keys)
    assert expected.documents == 4 and expected.units > 3
    for read_batch in (1, 3, 400):
        monkeypatch.setattr(review, "READ_BATCH", read_batch)
        monkeypatch.setattr(module, "READ_BATCH", read_batch)
        result = project_claim_agreement(three)
        assert result.to_json() == expected.to_json()
        assert (result.unit_values, result.pair_values) == (
            expected.unit_values,
            expected.pair_values,
        )
