"""Edit → Document note… (Ctrl+Shift+N): the annotator's note and "unsure" flag on the
open document, in the file, shown as ⚑/✎ in the document list, undone with Ctrl+Z."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from PySide6.QtCore import QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from annotator.core.model import DocId  # noqa: E402
from annotator.core.note_edits import SetDocumentNote  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.gui.documents_model import NOTE_MARK, UNSURE_MARK, DocumentsModel  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.gui.note_dialog import DOCUMENT_NOTE_KEY, NoteDialog  # noqa: E402

NOTE = "<b>التاريخ</b> غير مؤكد <img src=x>"


def notes_in(path: Path) -> list[tuple[int, str, str, bool]]:
    """Live notes as the FILE has them (a second, read-only connection)."""
    with Project.open(path, readonly=True) as project:
        return [(n.doc_id, n.annotator, n.note, n.flag) for n in project.document_notes.all()]


def answer(note: str, *, unsure: bool, accept: bool = True) -> list[str]:
    """Fill the (modal) note dialog when it opens; returns its heading and title."""
    seen: list[str] = []

    def fill() -> None:
        dialogs = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, NoteDialog) and w.isVisible()
        ]
        if not dialogs:
            QTimer.singleShot(20, fill)
            return
        dialog = dialogs[0]
        seen.append(dialog.windowTitle())
        QTest.keyClicks(dialog.text, "g")  # a letter reaches the note, never a label key
        dialog.text.setPlainText(note)
        dialog.unsure.setChecked(unsure)
        if accept:
            QTest.keyClick(dialog.text, Qt.Key.Key_Return)
        else:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, fill)
    return seen


def key(qtbot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A key pressed while the article has the focus (the window active again after a
    dialog, as it is for a user)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.editor.text_view()
    view.setFocus()
    qtbot.keyClick(view, key, modifiers)


CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def ctrl_shift_n(qtbot, window: MainWindow) -> None:
    key(qtbot, window, Qt.Key.Key_N, CTRL | SHIFT)


def ctrl_z(qtbot, window: MainWindow, *, shift: bool = False) -> None:
    key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT if shift else CTRL)


def marks(window: MainWindow, doc_id: int) -> str:
    model = window.documents_model
    while model.row_of(doc_id) is None and model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())  # after a reload, as the view would on showing
    row = model.row_of(doc_id)
    assert row is not None
    return model.data(model.index(row, DocumentsModel.COLUMN_NOTE)) or ""


def test_the_key_is_free_and_in_the_edit_menu(main_window: MainWindow) -> None:
    window = main_window
    action = window.actions.document_note
    assert action.shortcut().toString() == DOCUMENT_NOTE_KEY
    assert action in window.actions.menu("edit").actions()
    # Every shortcut of the window is added to it (they work with menus hidden).
    others = [
        a
        for a in QWidget.actions(window)
        if a is not action and DOCUMENT_NOTE_KEY in [s.toString() for s in a.shortcuts()]
    ]
    assert others == []


def test_ctrl_shift_n_sets_the_note_in_the_file_list_shows_it_undo_restores(
    qtbot, main_window: MainWindow, window_path: Path
) -> None:
    window = main_window
    doc = DocId(window.current_document() or 0)
    spans_before = len(window.editor.spans())
    seen = answer(NOTE, unsure=True)
    ctrl_shift_n(qtbot, window)
    assert seen == ["Document note of sara"]
    assert notes_in(window_path) == [(doc, "sara", NOTE, True)]
    assert len(window.editor.spans()) == spans_before  # the "g" labelled nothing
    assert marks(window, doc) == f"{UNSURE_MARK} {NOTE_MARK}"
    model = window.documents_model
    tip = model.data(model.index(model.row_of(doc), DocumentsModel.COLUMN_NOTE), Qt.ToolTipRole)
    # Plain text, shown as typed: escaped for the rich-text tooltip, never markup.
    assert "Flagged unsure" in tip and "&lt;b&gt;التاريخ&lt;/b&gt;" in tip and "<b>" not in tip
    assert "Set document note" in window.actions.undo.text()

    ctrl_z(qtbot, window)
    assert notes_in(window_path) == []
    assert marks(window, doc) == ""
    ctrl_z(qtbot, window, shift=True)
    assert notes_in(window_path) == [(doc, "sara", NOTE, True)]


def test_the_dialog_opens_with_the_note_and_escape_changes_nothing(
    qtbot, main_window: MainWindow, window_path: Path
) -> None:
    window = main_window
    doc = DocId(window.current_document() or 0)
    window.session.run(SetDocumentNote(doc, "sara", "قديم"))
    answer("جديد", unsure=True, accept=False)
    ctrl_shift_n(qtbot, window)
    assert notes_in(window_path) == [(doc, "sara", "قديم", False)]
    assert marks(window, doc) == NOTE_MARK


def test_undo_of_another_documents_note_shows_that_document(
    qtbot, main_window: MainWindow, window_path: Path
) -> None:
    window = main_window
    first = DocId(window.current_document() or 0)
    answer("", unsure=True)
    ctrl_shift_n(qtbot, window)
    window.flow.next_document()
    assert window.current_document() != first
    ctrl_z(qtbot, window)
    assert notes_in(window_path) == []
    assert window.current_document() == first  # the undo did not act unseen


def test_another_annotators_notes_are_not_shown(
    qtbot, main_window: MainWindow, window_path: Path
) -> None:
    window = main_window
    doc = DocId(window.current_document() or 0)
    window.session.run(SetDocumentNote(doc, "omar", "ملاحظة عمر", flag=True))
    assert marks(window, doc) == ""
    window.switch_annotator("omar")
    assert marks(window, doc) == f"{UNSURE_MARK} {NOTE_MARK}"
