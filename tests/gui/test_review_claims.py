"""The review window shows disagreements on claims' structure (stance, claimer, cue),
and accepting a version puts its links and attributes into gold, checked in the FILE."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from review_window import shown_review

from annotator.core.claim_agreement import project_claim_agreement
from annotator.core.claim_edits import SetAttribute, SetClaimer
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.gui.review import ReviewWindow
from annotator.gui.review.adjudication_models import STRUCTURE_COLOR

pytestmark = pytest.mark.gui

CLAIM = "وجود اي تفاق مع “داعش” في ريف دير الزور الشرقي"
CLAIMER = "قسد"


def _at(text: str, surface: str, *, before: int | None = None) -> tuple[int, int]:
    start = text.rindex(surface, 0, before) if before is not None else text.index(surface)
    return start, start + len(surface)


@pytest.fixture
def disputed_claim(tmp_path: Path, seed_text: str) -> Iterator[tuple[Path, Project, DocId]]:
    """Two annotators mark the same claim and قسد before it; a says قسد denies it,
    b says an unknown source asserts it."""
    path = tmp_path / "claims.sqlite"
    project = Project.create(path)
    doc_id = project.documents.add(seed_text, title="البوكمال")[0]
    text = project.documents.get(doc_id).text
    claim = _at(text, CLAIM)
    entity = _at(text, CLAIMER, before=claim[0])
    for annotator, stance in (("a", "denies"), ("b", "asserts")):
        add_claim = AddSpan(doc_id, annotator, "CLAIM", *claim)
        project.apply(add_claim)
        add_entity = AddSpan(doc_id, annotator, "ORG", *entity)
        project.apply(add_entity)
        assert add_claim.span_id and add_entity.span_id
        if annotator == "a":
            project.apply(SetClaimer(add_claim.span_id, entity=add_entity.span_id))
        else:
            project.apply(SetClaimer(add_claim.span_id, implicit="unknown"))
        project.apply(SetAttribute(add_claim.span_id, "stance", stance))
        project.apply(SetStatus(doc_id, annotator, Status.DONE))
    yield path, project, doc_id
    project.close()


def _window(qtbot, project: Project) -> ReviewWindow:
    return shown_review(qtbot, project, adjudicator="lead")


def _claim_row(window: ReviewWindow) -> int:
    rows = window.adjudication_tab.rows()
    return next(i for i, r in enumerate(rows) if r.layer == "claims")


def test_a_claim_agreed_on_its_span_shows_its_structure_disagreement(qtbot, disputed_claim):
    _path, project, doc_id = disputed_claim
    window = _window(qtbot, project)
    tab = window.adjudication_tab
    tab.open_document(doc_id)
    model = tab.rows_model
    row = _claim_row(window)
    assert tab.rows()[row].kind == "unanimous"  # the spans agree
    kind = model.data(model.index(row, 1))
    assert "structure differs" in kind
    assert (
        model.data(model.index(row, 1), Qt.ItemDataRole.BackgroundRole).name() == STRUCTURE_COLOR
    )  # background
    a = model.data(model.index(row, model.column_of_annotator("a")))
    b = model.data(model.index(row, model.column_of_annotator("b")))
    assert "stance denies" in a and f"claimer {CLAIMER}" in a
    assert "stance asserts" in b and "claimer unknown" in b
    # The entity row, on which both agree, says nothing of structure.
    entity_row = next(i for i, r in enumerate(tab.rows()) if r.layer == "ents")
    assert "structure" not in model.data(model.index(entity_row, 1))
    # "Disputed rows only" keeps the claim: it is disputed, by its structure.
    tab.panel.disputed_only_box.setChecked(True)
    assert [r.layer for r in tab.rows()] == ["claims"]
    tab.select_row(0)
    versions = tab.panel.versions
    assert versions.structure_note is not None
    assert "claimer unknown" in versions.heads["b"].text()
    assert f"claimer {CLAIMER}" in versions.heads["a"].text()


def test_accepting_a_version_puts_its_claimer_and_stance_into_gold(qtbot, disputed_claim):
    path, project, doc_id = disputed_claim
    window = _window(qtbot, project)
    tab = window.adjudication_tab
    tab.open_document(doc_id)
    tab.advance_after_accept = False
    tab.select_row(_claim_row(window))
    assert tab.accept_version(1)  # a: قسد denies

    with Project.open(path, readonly=True) as p:
        text = p.documents.get(doc_id).text
        (claim,) = [s for s in p.gold.for_document(doc_id) if s.label == "CLAIM"]
        assert text[claim.start : claim.end] == CLAIM
        assert claim.attrs["stance"] == "denies"
        (link,) = p.gold_links.of_head(claim.id, "claimer")
        claimer = p.gold.get(link.child)
        assert text[claimer.start : claimer.end] == CLAIMER
    model = tab.rows_model
    row = _claim_row(window)
    gold_cell = model.data(model.index(row, model.columnCount() - 1))
    assert "stance denies" in gold_cell and f"claimer {CLAIMER}" in gold_cell
    assert f"claimer {CLAIMER}" in tab.panel.versions.heads["gold"].text()

    window.undo_stack.undo()
    with Project.open(path, readonly=True) as p:
        assert [s for s in p.gold.for_document(doc_id) if s.label == "CLAIM"] == []
        assert p.gold_links.for_document(doc_id) == []
    assert model.data(model.index(row, model.columnCount() - 1)) == "—"

    tab.select_row(_claim_row(window))
    assert tab.accept_version("b")  # b: an unknown source asserts
    with Project.open(path, readonly=True) as p:
        (claim,) = [s for s in p.gold.for_document(doc_id) if s.label == "CLAIM"]
        assert claim.attrs["stance"] == "asserts"
        (link,) = p.gold_links.of_head(claim.id, "claimer")
        assert link.child is None and link.value == "unknown"


def test_the_agreement_tab_shows_claim_structure_agreement(qtbot, disputed_claim):
    _path, project, _doc_id = disputed_claim
    window = _window(qtbot, project)
    tab = window.agreement_tab
    expected = project_claim_agreement(project).to_json()
    assert tab.claim_structure is not None and tab.claim_structure.to_json() == expected
    model = tab.structure_model
    rows = {
        model.value(r, "Measure"): {c: model.value(r, c) for c in model.COLUMNS}
        for r in range(model.rowCount())
    }
    assert set(rows) == {"stance", "check_worthy", "claimer"}
    stance = expected["attributes"]["stance"]["pairs"][0]
    assert rows["stance"]["Pair"] == "a – b"
    assert rows["stance"]["Matched"] == stance["matched"] == 1
    assert rows["stance"]["Agreement"] == stance["agreement"] == 0.0  # denies / asserts
    assert rows["claimer"]["Agreement"] == 0.0  # قسد / unknown
    assert str(expected["units"]) in tab.structure_box.title()


def test_the_gold_text_frames_an_accepted_claims_claimer(qtbot, disputed_claim):
    _path, project, doc_id = disputed_claim
    window = _window(qtbot, project)
    window.resize(1300, 900)
    tab = window.adjudication_tab
    window.tabs.setCurrentWidget(tab)
    tab.open_document(doc_id)
    tab.advance_after_accept = False
    tab.select_row(_claim_row(window))
    assert tab.accept_version("a")
    gold = {s.label: s for s in tab.gold_spans()}
    assert tab.gold_links.links_of(gold["CLAIM"].id)[0].child == gold["ORG"].id
    view = tab.gold_view
    entity = gold["ORG"]
    view.show_offset(entity.start)
    qtbot.wait(50)

    def purple_near_claimer() -> int:
        image = view.viewport().grab().toImage()
        rect = view.span_rects(entity.start, entity.end)[0].toRect()
        count = 0
        for x in range(rect.left() - 4, rect.right() + 5):
            for y in (rect.top() - 2, rect.bottom() + 2):
                c = image.pixelColor(x, y)
                if abs(c.red() - 0xAA) + abs(c.green() - 0x33) + abs(c.blue() - 0x77) < 90:
                    count += 1
        return count

    view.select_span(gold["CLAIM"].id)
    qtbot.wait(20)
    framed = purple_near_claimer()
    view.select_span("")
    qtbot.wait(20)
    assert framed > 20 and purple_near_claimer() < 5
