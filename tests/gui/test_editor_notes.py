"""F2 on a selected span: a note and an "unsure" flag, in the file, undoable, plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_editor import click, drag, key, stored_spans

from annotator.core.note_edits import span_flag, span_note
from annotator.gui.note_dialog import NoteDialog
from annotator.gui.span_list import NOTE_MARK, UNSURE_MARK

NOTE = "<b>مدينة</b> أم محافظة؟ <img src=x>"


def _answer(note: str, *, unsure: bool, accept: bool = True) -> None:
    """Type into the note editor when it opens (it is modal), then Enter or Escape."""

    def fill() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, NoteDialog)]
        dialogs = [w for w in dialogs if w.isVisible()]
        if not dialogs:  # not shown yet
            QTimer.singleShot(20, fill)
            return
        dialog = dialogs[0]
        dialog.text.selectAll()
        QTest.keyClicks(dialog.text, "x")  # a key reaches the note, not a label
        dialog.text.setPlainText(note)
        dialog.unsure.setChecked(unsure)
        if accept:
            QTest.keyClick(dialog.text, Qt.Key.Key_Return)
        else:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, fill)


def _label_and_select(editor, seed_text: str) -> None:
    """Label البوكمال GPE and click it (selected)."""
    start = seed_text.index("البوكمال")
    drag(editor, start, start + len("البوكمال"))
    key(editor, "g")
    click(editor, start + 2)


def test_f2_sets_note_and_flag_in_the_file_undo_restores(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    _label_and_select(editor, seed_text)
    _answer(NOTE, unsure=True)
    QTest.keyClick(editor.text_view(), Qt.Key.Key_F2)
    (span,) = stored_spans(project_path, doc)
    assert span_note(span.attrs) == NOTE and span_flag(span.attrs)
    assert span.label == "GPE"  # the "x" typed in the note labelled nothing

    model = editor.span_list_widget().model
    shown = model.data(model.index(0, 1))
    assert shown.startswith(f"{UNSURE_MARK} {NOTE_MARK} ")
    tip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    # Markup in a note is shown as written: escaped, never rendered.
    assert "&lt;b&gt;مدينة&lt;/b&gt;" in tip and "&lt;img src=x&gt;" in tip
    assert "<b>" not in tip and "<img" not in tip

    editor.undo_stack_for_tests.undo()
    (span,) = stored_spans(project_path, doc)
    assert span.attrs == {}
    assert not model.data(model.index(0, 1)).startswith(UNSURE_MARK)
    editor.undo_stack_for_tests.redo()
    assert span_flag(stored_spans(project_path, doc)[0].attrs)


def test_escape_in_the_note_editor_changes_nothing(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    _label_and_select(editor, seed_text)
    pushed = editor.undo_stack_for_tests.count()
    _answer("لا", unsure=True, accept=False)
    QTest.keyClick(editor.text_view(), Qt.Key.Key_F2)
    assert stored_spans(project_path, doc)[0].attrs == {}
    assert editor.undo_stack_for_tests.count() == pushed


def test_f2_in_the_span_list_opens_the_note(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    start = seed_text.index("البوكمال")
    drag(editor, start, start + len("البوكمال"))
    key(editor, "g")
    view = editor.span_list_widget().view
    view.setCurrentIndex(view.model().index(0, 0))
    _answer("ملاحظة", unsure=False)
    QTest.keyClick(view, Qt.Key.Key_F2)
    (span,) = stored_spans(project_path, doc)
    assert span.attrs == {"note": "ملاحظة"}


def test_f2_without_a_span_says_what_to_do(seed_editor, qtbot) -> None:
    editor, _ = seed_editor
    with qtbot.waitSignal(editor.status_message) as blocker:
        QTest.keyClick(editor.text_view(), Qt.Key.Key_F2)
    assert "F2" in blocker.args[0]
