"""Nested entities in the model: inside another entity yes, crossing it never;
a project can keep entities flat."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.adjudication import AcceptVersion, document_rows
from annotator.core.agreement import LabelF1
from annotator.core.edits import AddSpan, RelabelSpan, RemoveSpan, SetStatus
from annotator.core.errors import NestedEntitiesPresent, SpanOverlapsEntity
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.merge import merge_projects
from annotator.core.model import Status
from annotator.core.review import project_agreement
from annotator.core.store import Project
from annotator.core.teams import handout

TEXT = "زار وفد بلدية نابلس مدينة رام الله أمس."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def live(path: Path) -> list[tuple[str, int, int]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute(
        'SELECT l.name, s.start, s."end" FROM spans s JOIN labels l ON l.id = s.label_id'
        ' WHERE s.deleted IS NULL ORDER BY s.start, s."end" DESC'
    ).fetchall()
    conn.close()
    return rows


@pytest.fixture
def doc(project: Project) -> int:
    return project.documents.add(TEXT, title="t")[0]


def test_an_entity_inside_another_is_stored_and_crossing_is_refused(
    project: Project, project_path: Path, doc: int
) -> None:
    project.apply(AddSpan(doc, "sara", "ORG", *at("بلدية نابلس")))
    project.apply(AddSpan(doc, "sara", "GPE", *at("نابلس")))  # inside the ORG
    project.apply(AddSpan(doc, "sara", "LOC", *at("وفد بلدية نابلس")))  # around both
    with pytest.raises(SpanOverlapsEntity, match="never cross"):
        project.apply(AddSpan(doc, "sara", "PER", *at("نابلس مدينة")))
    assert live(project_path) == [
        ("LOC", *at("وفد بلدية نابلس")),
        ("ORG", *at("بلدية نابلس")),
        ("GPE", *at("نابلس")),
    ]
    # Marking the same characters again still replaces (a relabel by re-marking).
    project.apply(AddSpan(doc, "sara", "PER", *at("نابلس")))
    assert ("PER", *at("نابلس")) in live(project_path)
    assert ("GPE", *at("نابلس")) not in live(project_path)


def test_undo_of_a_removal_refuses_a_crossing_made_meanwhile(project: Project, doc: int) -> None:
    inner = project.apply(AddSpan(doc, "sara", "GPE", *at("نابلس"))).span_ids[0]
    remove = RemoveSpan(inner)
    project.apply(remove)
    project.apply(AddSpan(doc, "sara", "ORG", *at("بلدية نابلس")))  # nests: fine
    remove.revert(project)
    assert {s.label for s in project.spans.for_document(doc)} == {"GPE", "ORG"}


def test_flat_project_refuses_nesting_and_cannot_become_flat_with_nested_spans(
    project: Project, project_path: Path, doc: int
) -> None:
    assert not project.flat_entities  # nested is the default
    project.apply(AddSpan(doc, "sara", "ORG", *at("بلدية نابلس")))
    gpe = project.apply(AddSpan(doc, "sara", "GPE", *at("نابلس"))).span_ids[0]
    with pytest.raises(NestedEntitiesPresent, match="1 entities lie inside"):
        project.set_flat_entities(True)
    assert not project.flat_entities
    project.apply(RemoveSpan(gpe))
    project.set_flat_entities(True)
    with Project.open(project_path, readonly=True) as reader:
        assert reader.flat_entities  # in the file, not only in memory
    with pytest.raises(SpanOverlapsEntity, match="flat"):
        project.apply(AddSpan(doc, "sara", "GPE", *at("نابلس")))
    claim = project.apply(AddSpan(doc, "sara", "CLAIM", *at("نابلس"))).span_ids[0]
    with pytest.raises(SpanOverlapsEntity):
        project.apply(RelabelSpan(claim, "GPE"))
    assert live(project_path) == [("ORG", *at("بلدية نابلس")), ("CLAIM", *at("نابلس"))]


# --- agreement, merge and adjudication keep nested entities ----------------------


def _two_annotators(project: Project, doc: int) -> None:
    for who, labels in (
        ("sara", [("ORG", "بلدية نابلس"), ("GPE", "نابلس"), ("GPE", "رام الله")]),
        ("omar", [("ORG", "بلدية نابلس"), ("LOC", "نابلس"), ("GPE", "رام الله")]),
    ):
        for label, words in labels:
            project.apply(AddSpan(doc, who, label, *at(words)))
        project.apply(SetStatus(doc, who, Status.DONE))


def test_agreement_counts_nested_entities_in_span_f1_only(project: Project, doc: int) -> None:
    _two_annotators(project, doc)
    result = project_agreement(project)
    [pair] = result.entities.pairs
    # ORG and رام الله match; the nested نابلس does not (GPE vs LOC): 2·2/(3+3).
    assert (pair.exact_tp, pair.n_a, pair.n_b) == (2, 3, 3)
    assert pair.exact_f1 == pytest.approx(2 / 3)
    assert (pair.a, pair.b) == ("omar", "sara")
    assert pair.per_label["GPE"] == LabelF1(1, 1, 2, pytest.approx(2 / 3))
    assert pair.per_label["LOC"] == LabelF1(0, 1, 0, 0.0)
    assert result.entities.nested == 2
    # The token measures see the outermost entities only, where both agree.
    data = result.to_json()["entities"]
    assert data["token_measures_layer"] == "outermost entities"
    assert data["krippendorff_alpha"] == pytest.approx(1.0)


def test_adjudication_accepts_a_version_with_its_nested_entities(
    project: Project, doc: int
) -> None:
    _two_annotators(project, doc)
    _, rows = document_rows(project, doc)
    row = next(r for r in rows if (r.start, r.end) == at("بلدية نابلس"))
    project.apply(AcceptVersion(doc, row, "sara", "lead"))
    gold = {(TEXT[s.start : s.end], s.label) for s in project.gold.for_document(doc)}
    assert gold == {("بلدية نابلس", "ORG"), ("نابلس", "GPE")}


def test_merge_keeps_nested_entities(tmp_path: Path) -> None:
    lead = Project.create(tmp_path / "lead.sqlite")
    doc = lead.documents.add(TEXT, title="t")[0]
    handout(lead, tmp_path / "sara.sqlite", annotator="sara", whole=True)
    with Project.open(tmp_path / "sara.sqlite") as copy:
        copy.apply(AddSpan(doc, "sara", "ORG", *at("بلدية نابلس")))
        copy.apply(AddSpan(doc, "sara", "GPE", *at("نابلس")))
    report = merge_projects(lead, [tmp_path / "sara.sqlite"])
    assert report.files[0].spans_added == 2 and report.files[0].overlaps_resolved == []
    assert live(lead.path) == [("ORG", *at("بلدية نابلس")), ("GPE", *at("نابلس"))]
    lead.close()


def test_jsonl_and_spacy_exports_keep_every_level_and_read_back(tmp_path: Path) -> None:
    from annotator.core.export import export
    from annotator.core.importer import ImportOptions, import_paths

    source = tmp_path / "w.txt"
    # كيلو: UNIT and QUANTITY on the very same token (Wojood's val.txt line 61).
    source.write_text(
        "بلدية B-ORG\nنابلس I-ORG B-GPE\nوزن O\nكيلو B-UNIT B-QUANTITY\n", encoding="utf-8"
    )
    with Project.create(tmp_path / "a.sqlite") as first:
        options = ImportOptions(add_labels=True, done=True)
        assert import_paths(first, [source], options=options).ok
        for fmt in ("jsonl", "spacy"):
            export(first, tmp_path / fmt, fmt=fmt, split=(1.0, 0.0))
        export(first, tmp_path / "conll", fmt="conll", split=(1.0, 0.0), nested_columns=True)
    rows = [
        line.split("\t")
        for line in (tmp_path / "conll" / "train.conll").read_text(encoding="utf-8").split("\n")
        if line and not line.startswith("-DOCSTART-")
    ]
    assert rows == [line.split(" ") for line in source.read_text(encoding="utf-8").splitlines()]
    for fmt in ("jsonl", "spacy"):
        with Project.create(tmp_path / f"{fmt}.sqlite") as again:
            report = import_paths(
                again, [tmp_path / fmt / f"train.{fmt}"], options=ImportOptions(add_labels=True)
            )
            assert report.ok, report.failed
            assert report.to_json()["nested_spans"] == 2
            [doc_id] = again.documents.ids()
            text = again.documents.get(doc_id).text
            spans = sorted(
                (text[s.start : s.end], s.label) for s in again.spans.for_document(doc_id)
            )
            assert spans == [
                ("بلدية نابلس", "ORG"),
                ("كيلو", "QUANTITY"),
                ("كيلو", "UNIT"),
                ("نابلس", "GPE"),
            ]


def test_adjudication_keeps_the_nesting_level_of_entities_on_the_same_characters(
    tmp_path: Path,
) -> None:
    # Wojood tags some tokens at two levels (an ORG that is also a GPE); the level
    # says which is outer, and the CoNLL nested columns follow it.
    corpus = tmp_path / "two_levels.txt"
    corpus.write_text("زار O O\nنابلس B-ORG B-GPE\nأمس O O\n", encoding="utf-8")
    with Project.create(tmp_path / "p.sqlite") as project:
        options = ImportOptions(annotator="sara", add_labels=True)
        assert import_paths(project, [corpus], options=options).ok
        doc = project.documents.ids()[0]
        levels = {s.label: s.attrs.get("level") for s in project.spans.for_document(doc)}
        assert levels == {"ORG": 1, "GPE": 2}
        _, rows = document_rows(project, doc, ["sara"])
        (row,) = rows
        project.apply(AcceptVersion(doc, row, "sara", "lead"))
        gold = {s.label: s.attrs.get("level") for s in project.gold.for_document(doc)}
    assert gold == levels
