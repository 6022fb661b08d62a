"""Rows of disagreement, accepting versions into gold, scoring against gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.adjudication import (
    GOLD,
    NothingToAdjudicate,
    accept_majority,
    accept_version,
    adjudicated_documents,
    document_rows,
    mark_adjudicated,
    score_against_gold,
)
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import Status
from annotator.core.store import Project

TEXT = "قال أحمد الخميس إن الجيش العراقي دخل البوكمال وإن قسد تتجه نحو دير الزور."


def at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return i, i + len(word)


@pytest.fixture
def three(project: Project) -> tuple[Project, int]:
    doc = project.documents.add(TEXT)[0]
    marks = {
        "a": [
            ("PER", "أحمد الخميس"),
            ("ORG", "الجيش العراقي"),
            ("GPE", "البوكمال"),
            ("ORG", "قسد"),
            ("GPE", "دير الزور"),
        ],
        "b": [("PER", "أحمد الخميس"), ("GPE", "العراقي"), ("GPE", "البوكمال"), ("MISC", "قسد")],
        "c": [
            ("PER", "أحمد الخميس"),
            ("ORG", "الجيش العراقي"),
            ("LOC", "البوكمال"),
            ("ORG", "قسد"),
            ("GPE", "دير الزور"),
        ],
    }
    for who, spans in marks.items():
        for label, word in spans:
            project.apply(AddSpan(doc, who, label, *at(word)))
        project.apply(SetStatus(doc, who, Status.DONE))
    project.apply(AddSpan(doc, "a", "CLAIM", 0, len(TEXT) - 1))
    return project, doc


def test_rows_are_classified(three: tuple[Project, int]) -> None:
    project, doc = three
    names, rows = document_rows(project, doc)
    assert names == ["a", "b", "c"]
    kinds = {TEXT[r.start : r.end]: r.kind for r in rows if r.layer == "ents"}
    assert kinds == {
        "أحمد الخميس": "unanimous",
        "الجيش العراقي": "both",
        "البوكمال": "label",
        "قسد": "label",
        "دير الزور": "missing",
    }
    army = next(r for r in rows if TEXT[r.start : r.end] == "الجيش العراقي")
    # b marked only العراقي as GPE: the whole extent is disputed, each run once.
    assert [TEXT[s:e] for s, e in army.disputed] == ["الجيش العراقي"]
    (claim,) = [r for r in rows if r.layer == "claims"]
    assert claim.kind == "missing" and set(claim.versions) == {"a"}


def test_majority_and_version_into_gold(three: tuple[Project, int]) -> None:
    project, doc = three
    settled = accept_majority(project, doc, adjudicator="lead")
    gold = {(TEXT[s.start : s.end], s.label) for s in project.gold.for_document(doc)}
    # 2 of 3 agree everywhere except البوكمال (GPE, GPE, LOC → GPE) — all settle.
    assert gold == {
        ("أحمد الخميس", "PER"),
        ("الجيش العراقي", "ORG"),
        ("البوكمال", "GPE"),
        ("قسد", "ORG"),
        ("دير الزور", "GPE"),
    }
    assert settled == 6  # five entity rows and the claim row (2 of 3 say: no claim)
    _, rows = document_rows(project, doc)
    place = next(r for r in rows if TEXT[r.start : r.end] == "البوكمال")
    accept_version(project, doc, place, "c", adjudicator="lead")
    gold = {(TEXT[s.start : s.end], s.label) for s in project.gold.for_document(doc)}
    assert ("البوكمال", "LOC") in gold and ("البوكمال", "GPE") not in gold
    assert all(s.annotator == "lead" for s in project.gold.for_document(doc))


def test_score_against_gold(three: tuple[Project, int]) -> None:
    project, doc = three
    with pytest.raises(NothingToAdjudicate):
        score_against_gold(project)
    accept_majority(project, doc, adjudicator="lead")
    mark_adjudicated(project, doc, adjudicator="lead")
    assert adjudicated_documents(project) == [doc]
    result = score_against_gold(project).to_json()
    scores = {p["a"]: p["exact_f1"] for p in result["entities"]["pairs"] if p["b"] == GOLD}
    assert scores == {"a": 1.0, "b": pytest.approx(2 * 2 / (4 + 5)), "c": pytest.approx(0.8)}


def test_sample_project_rows(tmp_path: Path) -> None:
    from annotator.core.samples import create_sample_project

    with Project.open(create_sample_project(tmp_path / "s.sqlite")) as project:
        doc = project.documents.ids()[0]
        names, rows = document_rows(project, doc)
        assert names == ["sample-omar", "sample-sara"]
        kinds = {r.kind for r in rows}
        assert {"unanimous", "label", "missing"} <= kinds


def test_gold_export_includes_adjudicated_document_without_spans(
    project: Project, tmp_path: Path
) -> None:
    import json

    from annotator.core.export import export

    empty = project.documents.add("خبر لا كيانات فيه.")[0]
    marked = project.documents.add(TEXT)[0]
    project.apply(AddSpan(marked, "lead", "GPE", *at("البوكمال"), gold=True))
    mark_adjudicated(project, empty, adjudicator="lead")
    export(project, tmp_path / "out", fmt="jsonl", gold=True, split=(1.0, 0.0))
    lines = [
        json.loads(x)
        for x in (tmp_path / "out" / "train.jsonl").read_text("utf-8").split("\n")
        if x
    ]
    by_text = {x["text"]: x["spans"] for x in lines}
    assert by_text["خبر لا كيانات فيه."] == []
    assert [(s["label"], TEXT[s["start"] : s["end"]]) for s in by_text[TEXT]] == [
        ("GPE", "البوكمال")
    ]
