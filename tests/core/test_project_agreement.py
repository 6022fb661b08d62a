"""``project_agreement`` streams the project: the same numbers as reading it whole.

A project of Wojood-like sentences with three annotators, nested entities in some
documents only, unfinished documents and a filtered label: every pair's span
counts are checked against a brute-force count over the project's spans (every
entity level), and the token numbers against ``compute_agreement`` fed the old
way (one document at a time, tokens as lists of tuples, outermost entities).
"""

from __future__ import annotations

import random
import re

import pytest

from annotator.core import review
from annotator.core.agreement import AgreementDocument, AgreementSpan, compute_agreement
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import Status
from annotator.core.review import finished_by, project_agreement, token_array
from annotator.core.store import NewDocument, Project
from annotator.core.tokenizer import token_offsets

NAMES = ("huda", "omar", "sara")
LABELS = ("PER", "ORG", "GPE", "LOC")
TEXT = "قال رئيس بلدية نابلس إن وفدا من رام الله زار مدينة الخليل أمس، والتقى وزير الصحة"


@pytest.fixture
def trio(project: Project) -> Project:
    rng = random.Random(4)
    words = [m.span() for m in re.finditer(r"\S+", TEXT)]
    with project.transaction():
        ids = [
            d
            for d, _ in project.documents.add_many([NewDocument(f"{TEXT} {i}") for i in range(25)])
        ]
    for n, doc in enumerate(ids):
        for who in NAMES:
            if rng.random() < 0.15:
                continue  # not finished: missing data
            for k in range(0, len(words) - 3, 4):
                if rng.random() < 0.2:
                    continue
                width = rng.choice((1, 2, 3))
                start, end = words[k][0], words[k + width - 1][1]
                project.apply(AddSpan(doc, who, rng.choice(LABELS), start, end))
                if width > 1 and n % 3 == 0 and rng.random() < 0.6:  # nested, in some documents
                    project.apply(AddSpan(doc, who, rng.choice(LABELS), *words[k + 1]))
            project.apply(SetStatus(doc, who, Status.DONE))
    return project


def brute_force(
    project: Project, labels: set[str] | None
) -> dict[tuple[str, str], tuple[int, ...]]:
    done = finished_by(project, list(NAMES))
    out = {}
    for a, b in (("huda", "omar"), ("huda", "sara"), ("omar", "sara")):
        tp = n_a = n_b = 0
        for doc, names in done.items():
            if a not in names or b not in names:
                continue
            spans = project.spans.for_document(doc)
            sa, sb = (
                {
                    (s.start, s.end, s.label)
                    for s in spans
                    if s.annotator == who and (labels is None or s.label in labels)
                }
                for who in (a, b)
            )
            tp += len(sa & sb)
            n_a += len(sa)
            n_b += len(sb)
        out[(a, b)] = (tp, n_a, n_b)
    return out


@pytest.mark.parametrize("labels", [None, ["PER", "GPE"]])
def test_streamed_agreement_counts_every_level_and_matches_one_pass(
    trio: Project, labels: list[str] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review, "READ_BATCH", 4)  # many read batches
    result = project_agreement(trio, labels=labels)
    assert result.entities.nested > 0
    expected = brute_force(trio, set(labels) if labels else None)
    for pair in result.entities.pairs:
        assert (pair.exact_tp, pair.n_a, pair.n_b) == expected[(pair.a, pair.b)]
        assert sum(v.tp for v in pair.per_label.values()) == pair.exact_tp

    # Token numbers: the old way, outermost entities, tuples, one document at a time.
    wanted = set(labels) if labels else None
    done = {d: n for d, n in finished_by(trio, list(NAMES)).items() if len(n) >= 2}
    docs = []
    for doc_id in sorted(done):
        text = trio.documents.get(doc_id).text
        annotations = {}
        for who in done[doc_id]:
            ents = sorted(
                (
                    s
                    for s in trio.spans.for_document(doc_id, annotator=who)
                    if wanted is None or s.label in wanted
                ),
                key=lambda s: (s.start, -s.end),
            )
            outer, reach = [], -1
            for s in ents:
                if s.start >= reach:
                    outer.append(AgreementSpan(s.start, s.end, s.label, "ents"))
                    reach = s.end
            annotations[who] = outer
        docs.append(AgreementDocument(doc_id, len(text), token_offsets(text), annotations))
    old = compute_agreement(docs, annotators=list(NAMES))
    assert result.entities.krippendorff_alpha == pytest.approx(old.entities.krippendorff_alpha)
    assert result.entities.fleiss_kappa == pytest.approx(old.entities.fleiss_kappa)
    assert [p.cohen_kappa for p in result.entities.pairs] == pytest.approx(
        [p.cohen_kappa for p in old.entities.pairs]
    )
    assert result.per_document == old.per_document


def test_token_array_is_token_offsets(seed_text: str) -> None:
    assert token_array(seed_text).tolist() == [list(t) for t in token_offsets(seed_text)]
    assert token_array("").shape == (0, 2)
    assert token_array("   \n ").shape == (0, 2)
