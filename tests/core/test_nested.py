"""Nested entities in the model: inside another entity yes, crossing it never;
a project can keep entities flat."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.edits import AddSpan, RelabelSpan, RemoveSpan
from annotator.core.errors import NestedEntitiesPresent, SpanOverlapsEntity
from annotator.core.store import Project

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
