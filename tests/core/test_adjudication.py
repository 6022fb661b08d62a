"""Rows of disagreement, accepting versions into gold, scoring against gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.adjudication import (
    GOLD,
    AcceptMajority,
    AcceptVersion,
    MarkAdjudicated,
    NothingToAdjudicate,
    RejectRow,
    adjudicated_documents,
    document_rows,
    score_against_gold,
)
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.errors import WriteFailed
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
    majority = AcceptMajority(doc, "lead")
    project.apply(majority)
    settled = majority.settled
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
    project.apply(AcceptVersion(doc, place, "c", "lead"))
    gold = {(TEXT[s.start : s.end], s.label) for s in project.gold.for_document(doc)}
    assert ("البوكمال", "LOC") in gold and ("البوكمال", "GPE") not in gold
    assert all(s.annotator == "lead" for s in project.gold.for_document(doc))


def test_score_against_gold(three: tuple[Project, int]) -> None:
    project, doc = three
    with pytest.raises(NothingToAdjudicate):
        score_against_gold(project)
    project.apply(AcceptMajority(doc, "lead"))
    project.apply(MarkAdjudicated(doc, "lead"))
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
    project.apply(MarkAdjudicated(empty, "lead"))
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


def _gold_state(path: Path, doc: int) -> list[tuple[str, str, int, int, bool]]:
    """Gold rows as the file has them (tombstones included), read over a new connection."""
    with Project.open(path, readonly=True) as reader:
        return [
            (s.id, s.label, s.start, s.end, s.deleted is None)
            for s in reader.gold.for_document(doc, include_deleted=True)
        ]


def _live(path: Path, doc: int) -> set[tuple[str, str]]:
    return {(TEXT[s:e], label) for _, label, s, e, live in _gold_state(path, doc) if live}


def test_adjudication_is_undone_and_redone_in_the_core(three: tuple[Project, int]) -> None:
    project, doc = three
    majority = AcceptMajority(doc, "lead")
    change = project.apply(majority)
    assert change.gold and change.doc_id == doc and len(change.span_ids) == 5
    assert majority.settled == 6 and majority.left == 0
    after_majority = _live(project.path, doc)
    assert ("البوكمال", "GPE") in after_majority
    ids_first = {i for i, *_ in _gold_state(project.path, doc)}

    _, rows = document_rows(project, doc)
    place = next(r for r in rows if TEXT[r.start : r.end] == "البوكمال")
    accept_c = AcceptVersion(doc, place, "c", "lead")
    project.apply(accept_c)
    assert accept_c.written == 1
    assert ("البوكمال", "LOC") in _live(project.path, doc)
    reject = RejectRow(doc, place, "lead")
    project.apply(reject)
    assert not {w for w, _ in _live(project.path, doc)} & {"البوكمال"}

    # Undo, newest first: each step brings back exactly what was there.
    project.revert(reject)
    assert ("البوكمال", "LOC") in _live(project.path, doc)
    project.revert(accept_c)
    assert _live(project.path, doc) == after_majority
    project.revert(majority)
    assert _live(project.path, doc) == set()
    # Redo writes the same span ids again, so later undo entries still match.
    project.apply(majority)
    assert _live(project.path, doc) == after_majority
    live_ids = {i for i, *_, live in _gold_state(project.path, doc) if live}
    assert live_ids <= ids_first


def test_mark_adjudicated_is_undone_in_the_core(three: tuple[Project, int]) -> None:
    project, doc = three
    mark = MarkAdjudicated(doc, "lead")
    assert project.apply(mark).adjudication_changed
    assert adjudicated_documents(project) == [doc]
    unmark = MarkAdjudicated(doc, "lead", done=False)
    project.apply(unmark)
    assert adjudicated_documents(project) == []
    project.revert(unmark)
    assert adjudicated_documents(project) == [doc]
    project.revert(mark)
    assert adjudicated_documents(project) == []
    with Project.open(project.path, readonly=True) as reader:
        assert reader.adjudications.documents() == []


def test_rejecting_an_empty_row_changes_nothing(three: tuple[Project, int]) -> None:
    project, doc = three
    _, rows = document_rows(project, doc)
    claim = next(r for r in rows if r.layer == "claims")  # nobody's claim is in gold yet
    change = project.apply(RejectRow(doc, claim, "lead"))
    assert change.empty
    assert _gold_state(project.path, doc) == []


def test_a_refused_adjudication_leaves_gold_as_it_was(
    three: tuple[Project, int], disk_full
) -> None:
    project, doc = three
    project.apply(AcceptMajority(doc, "lead"))
    before = _gold_state(project.path, doc)
    _, rows = document_rows(project, doc)
    person = next(r for r in rows if TEXT[r.start : r.end] == "أحمد الخميس")
    with disk_full(), pytest.raises(WriteFailed) as failed:
        project.apply(RejectRow(doc, person, "lead"))
    assert failed.value.code == "E090" and str(project.path) in failed.value.message
    assert _gold_state(project.path, doc) == before
