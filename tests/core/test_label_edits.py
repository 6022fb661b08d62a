"""Label and guideline edits: applied, refused with the holder named, reverted; in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.edits import AddSpan
from annotator.core.errors import AnnotatorError, LabelConflict
from annotator.core.label_edits import (
    GUIDELINES_KEY,
    AddLabel,
    MoveLabel,
    SetGuidelines,
    UpdateLabel,
)
from annotator.core.model import Label, LabelKind
from annotator.core.store import Project


def labels_in(path: Path) -> list[tuple[str, str, str, str]]:
    with Project.open(path, readonly=True) as p:
        return [(la.name, la.kind.value, la.color, la.shortcut) for la in p.labels.list()]


def test_add_then_revert_leaves_the_labels_as_they_were(project: Project, project_path: Path):
    before = labels_in(project_path)
    edit = AddLabel(Label("WEAPON", LabelKind.ENTITY, "#99ddff", "w", "A weapon system."))
    project.apply(edit)
    assert labels_in(project_path)[-1] == ("WEAPON", "entity", "#99ddff", "w")
    project.revert(edit)
    assert labels_in(project_path) == before


def test_a_colliding_key_is_refused_naming_the_label_that_holds_it(project: Project):
    with pytest.raises(AnnotatorError, match="GPE"):
        project.apply(AddLabel(Label("CITY", LabelKind.PLACE, "#99ddff", "g")))
    with pytest.raises(AnnotatorError, match="GPE"):
        project.apply(UpdateLabel("LOC", {"shortcut": "g"}))
    assert project.labels.get("LOC").shortcut == "l"
    assert "CITY" not in project.labels.names()


def test_rename_recolour_key_and_description_revert(project: Project, project_path: Path):
    before = labels_in(project_path)
    edit = UpdateLabel(
        "GPE", {"name": "CITY", "color": "#123456", "shortcut": "y", "description": "مدينة"}
    )
    project.apply(edit)
    city = project.labels.get("CITY")
    assert (city.color, city.shortcut, city.description) == ("#123456", "y", "مدينة")
    project.revert(edit)
    assert labels_in(project_path) == before


def test_move_swaps_with_the_neighbour_and_back(project: Project):
    names = project.labels.names()
    edit = MoveLabel("ORG", -1)
    project.apply(edit)
    moved = project.labels.names()
    assert moved[:2] == ["ORG", "PER"] and moved[2:] == names[2:]
    project.revert(edit)
    assert project.labels.names() == names


def test_an_added_label_that_got_spans_is_not_removed_by_undo(project: Project):
    edit = AddLabel(Label("WEAPON", LabelKind.ENTITY, "#99ddff", "w"))
    project.apply(edit)
    doc, _ = project.documents.add("صاروخ في البوكمال", title="t")
    project.apply(AddSpan(doc, "sara", "WEAPON", 0, 5))
    with pytest.raises(LabelConflict):
        project.revert(edit)
    assert "WEAPON" in project.labels.names()


def test_guidelines_live_in_the_project_meta(project: Project, project_path: Path):
    edit = SetGuidelines("# Places\nGPE: a city **with** a government.")
    project.apply(edit)
    with Project.open(project_path, readonly=True) as p:
        assert p.meta.get(GUIDELINES_KEY).startswith("# Places")
    project.revert(edit)
    assert (project.meta.get(GUIDELINES_KEY) or "") == ""
