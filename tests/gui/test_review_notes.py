"""The annotators' document notes and "unsure" flags in the review window.

A lead settling a disputed document sees each annotator's note where they
adjudicate: ⚑/✎ on the document's row (every annotator's note in the tooltip)
and the note beside that annotator's version. Notes are checked in the project
FILE (a second, read-only connection) and shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from review_window import shown_review

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import DocId, Status
from annotator.core.note_edits import SetDocumentNote
from annotator.core.store import Project
from annotator.gui.review import ReviewWindow

pytestmark = pytest.mark.gui

DISPUTED = "زار الرئيس دمشق أمس والتقى وزير الخارجية في بيروت."
QUIET = "وصل الوفد إلى القاهرة صباح اليوم."
SARA_NOTE = "the date is not clear"
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


def _at(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Path, Project, dict[str, DocId]]]:
    """sara and omar, done with two documents; they disagree on the first."""
    path = tmp_path / "pair.sqlite"
    project = Project.create(path)
    ids = {
        "disputed": project.documents.add(DISPUTED, title="disputed")[0],
        "quiet": project.documents.add(QUIET, title="quiet")[0],
    }
    marks = {
        ("disputed", "sara"): [("دمشق", "GPE"), ("بيروت", "GPE")],
        ("disputed", "omar"): [("دمشق", "GPE"), ("بيروت", "LOC"), ("الرئيس", "PER")],
        ("quiet", "sara"): [("القاهرة", "GPE")],
        ("quiet", "omar"): [("القاهرة", "GPE")],
    }
    texts = {"disputed": DISPUTED, "quiet": QUIET}
    for (doc, annotator), spans in marks.items():
        for surface, label in spans:
            start, end = _at(texts[doc], surface)
            project.apply(AddSpan(ids[doc], annotator, label, start, end))
        project.apply(SetStatus(ids[doc], annotator, Status.DONE))
    yield path, project, ids
    project.close()


def _window(qtbot, project: Project) -> ReviewWindow:
    return shown_review(qtbot, project, adjudicator="lead")


def _row(window: ReviewWindow, doc_id: int) -> tuple[str, str | None]:
    """The Notes cell of ``doc_id``'s row in the list to adjudicate: marks, tooltip."""
    model = window.adjudication_tab.docs_model
    index = model.index(model.row_of(doc_id), model.COLUMNS.index("Notes"))
    return model.data(index, _DISPLAY), model.data(index, _TOOLTIP)


def _rendered(tooltip: str) -> str:
    """A tooltip as Qt shows it (it takes ``<qt>…`` as rich text)."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def _file_notes(path: Path, doc_id: int) -> dict[str, tuple[str, bool]]:
    with Project.open(path, readonly=True) as p:
        return {
            name: (note.note, note.flag)
            for (_doc, name), note in p.document_notes.for_documents([doc_id]).items()
        }


def test_a_note_shows_on_its_documents_row_and_beside_its_annotators_version(qtbot, pair):
    path, project, ids = pair
    project.apply(SetDocumentNote(ids["disputed"], "sara", SARA_NOTE, flag=True))
    assert _file_notes(path, ids["disputed"]) == {"sara": (SARA_NOTE, True)}
    window = _window(qtbot, project)
    tab = window.adjudication_tab
    window.open_document(ids["disputed"])

    marks, tooltip = _row(window, ids["disputed"])
    assert marks == "⚑ ✎"
    assert tooltip is not None
    assert _rendered(tooltip) == f"sara: ⚑ unsure — {SARA_NOTE}"
    # With no row chosen the notes show alone; with a row, under sara's version only.
    assert tab.panel.versions.notes["sara"].text() == f"⚑ unsure — {SARA_NOTE}"
    tab.select_row(0)
    versions = tab.panel.versions
    assert set(versions.notes) == {"sara"}
    note = versions.notes["sara"]
    assert note.text() == f"⚑ unsure — {SARA_NOTE}"
    qtbot.waitUntil(note.isVisible)  # a layout shows a new child once events run
    assert note.parentWidget() is versions.lines["sara"].parentWidget()
    assert "omar" in versions.lines and "omar" not in versions.notes


def test_no_mark_when_nobody_left_a_note(qtbot, pair):
    path, project, ids = pair
    project.apply(SetDocumentNote(ids["disputed"], "omar", "", flag=True))
    assert _file_notes(path, ids["quiet"]) == {}
    window = _window(qtbot, project)
    assert _row(window, ids["quiet"]) == ("", None)
    assert _row(window, ids["disputed"])[0] == "⚑"  # a flag without a note: no ✎
    window.open_document(ids["quiet"])
    window.adjudication_tab.select_row(0)
    assert window.adjudication_tab.panel.versions.notes == {}


def test_a_note_with_markup_shows_literally(qtbot, pair):
    path, project, ids = pair
    evil = '<b>bold</b> <img src="x.png"> & <a href="y">link</a>'
    project.apply(SetDocumentNote(ids["disputed"], "omar", evil))
    assert _file_notes(path, ids["disputed"]) == {"omar": (evil, False)}
    window = _window(qtbot, project)
    window.open_document(ids["disputed"])
    window.adjudication_tab.select_row(0)

    marks, tooltip = _row(window, ids["disputed"])
    assert marks == "✎"
    assert tooltip is not None and _rendered(tooltip) == f"omar: ✎ {evil}"
    label = window.adjudication_tab.panel.versions.notes["omar"]
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == f"✎ {evil}"


def test_a_note_written_while_the_window_is_open_shows_at_once_and_undoes(qtbot, pair):
    path, project, ids = pair
    window = _window(qtbot, project)
    window.open_document(ids["disputed"])
    tab = window.adjudication_tab
    tab.select_row(0)
    assert _row(window, ids["disputed"]) == ("", None)

    # As the main window's Document note does: through the project's session.
    window.session.run(SetDocumentNote(ids["disputed"], "sara", SARA_NOTE), text="note")
    assert _file_notes(path, ids["disputed"]) == {"sara": (SARA_NOTE, False)}
    assert _row(window, ids["disputed"])[0] == "✎"
    assert tab.panel.versions.notes["sara"].text() == f"✎ {SARA_NOTE}"

    window.undo_action.trigger()
    assert _file_notes(path, ids["disputed"]) == {}
    assert _row(window, ids["disputed"]) == ("", None)
    assert tab.panel.versions.notes == {}
