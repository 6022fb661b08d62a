"""Find like an editor's, label keys only in the article, undo never unseen, a steady toolbar.

Every result is checked in the project FILE through a second, read-only connection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_editor import key, stored

from annotator.core.store import Project
from annotator.gui.main_actions import EXACT_MODE_KEY

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def open_find(qtbot, window, query: str) -> None:
    window.editor.text_view().setFocus()
    qtbot.keyClick(window.editor.text_view(), Qt.Key.Key_F, CTRL)
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    window.find_bar.edit.setText(query)  # QTest types ASCII only


def selected(window) -> str:
    start, end = window.editor.text_view().selection_range()
    return window.editor.text()[start:end]


def test_enter_f3_and_shift_walk_the_matches_and_count_them(qtbot, main_window) -> None:
    window = main_window
    text = window.editor.text()
    total = text.count("البوكمال")
    open_find(qtbot, window, "البوكمال")
    edit = window.find_bar.edit
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    first = window.editor.text_view().selection_range()
    assert selected(window) == "البوكمال"
    assert window.find_bar.count_text() == f"1 of {total}"
    assert edit.hasFocus()  # letters typed now go to the field, never to the labels
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.find_bar.count_text() == f"2 of {total}"
    qtbot.keyClick(edit, Qt.Key.Key_F3)
    assert window.find_bar.count_text() == f"3 of {total}"
    qtbot.keyClick(edit, Qt.Key.Key_Return, SHIFT)
    assert window.find_bar.count_text() == f"2 of {total}"
    qtbot.keyClick(edit, Qt.Key.Key_F3, SHIFT)
    assert window.find_bar.count_text() == f"1 of {total}"
    assert window.editor.text_view().selection_range() == first
    qtbot.keyClick(edit, Qt.Key.Key_Return, SHIFT)  # wraps around to the last
    assert window.find_bar.count_text() == f"{total} of {total}"
    window.find_bar.edit.setText("لا يوجد")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.find_bar.count_text() == "Not found"


def test_enter_in_the_article_goes_to_the_next_match_while_the_bar_is_open(
    qtbot, main_window
) -> None:
    window = main_window
    open_find(qtbot, window, "داعش")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    view = window.editor.text_view()
    view.setFocus()
    before = view.selection_range()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.selection_range()[0] > before[0]
    assert window.find_bar.count_text().startswith("2 of ")


def test_escape_keeps_the_match_selected_and_a_label_key_labels_it(
    qtbot, main_window, window_path: Path
) -> None:
    window = main_window
    open_find(qtbot, window, "البوكمال")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    start, end = window.editor.text_view().selection_range()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    view = window.editor.text_view()
    assert view.hasFocus()
    assert view.selection_range() == (start, end)
    QTest.keyClicks(view, "g")
    assert stored(window_path, window.current_document(), "sara") == [("GPE", start, end)]


def test_no_key_is_a_label_key_while_a_text_field_has_the_focus(
    qtbot, main_window, window_path: Path
) -> None:
    window = main_window
    view = window.editor.text_view()
    view.setFocus()
    view.set_selection(0, 5)
    open_find(qtbot, window, "")
    QTest.keyClicks(window.find_bar.edit, "gpo")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(window.find_bar.edit, "l")
    assert window.find_bar.edit.text() == "l"
    search = window.documents_dock.search_edit
    search.setFocus()
    QTest.keyClicks(search, "o")
    with Project.open(window_path, readonly=True) as p:
        assert p.spans.count() == 0


def test_undo_of_another_documents_edit_first_shows_it(
    qtbot, main_window, window_path: Path
) -> None:
    window = main_window
    first = window.current_document()
    start = window.editor.text().index("البوكمال")
    window.editor.text_view().set_selection(start, start + 8)
    key(window.editor, "g")
    assert stored(window_path, first, "sara") == [("GPE", start, start + 8)]
    window.flow.next_document()
    second = window.current_document()
    assert second != first
    window.undo()  # shows, does not undo
    assert window.current_document() == first
    assert stored(window_path, first, "sara") == [("GPE", start, start + 8)]
    assert window.editor.selected_span()
    assert "Undo again" in window.statusBar().currentMessage()
    window.undo()  # now it is seen: undone
    assert stored(window_path, first, "sara") == []
    window.flow.next_document()
    window.redo()  # likewise for redo
    assert window.current_document() == first
    assert stored(window_path, first, "sara") == []
    assert window.editor.text_view().selection_range() == (start, start + 8)
    window.redo()
    assert stored(window_path, first, "sara") == [("GPE", start, start + 8)]


def test_the_toolbar_does_not_move_and_the_menu_names_the_edit(
    qtbot, main_window, window_path: Path
) -> None:
    window = main_window
    toolbar = window.actions.toolbar
    buttons = [toolbar.widgetForAction(a) for a in toolbar.actions() if not a.isSeparator()]
    before = [(b.x(), b.width()) for b in buttons]
    start = window.editor.text().index("مدينة")
    window.editor.text_view().set_selection(start, start + 5)
    key(window.editor, "g")
    window.editor.select_span(window.editor.spans()[0].id)
    key(window.editor, "l")  # Relabel GPE → LOC «مدينة»: a long undo text
    qtbot.wait(10)
    assert [(b.x(), b.width()) for b in buttons] == before
    undo = window.actions.undo
    assert "Relabel GPE → LOC" in undo.text() and "مدينة" in undo.text()
    assert "Relabel GPE → LOC" in undo.toolTip()
    assert toolbar.widgetForAction(undo).text() == "Undo"


def test_exact_mode_has_its_own_key_and_stays_on_the_toolbar(qtbot, main_window) -> None:
    window = main_window
    action = window.editor.precise_action()
    assert action in window.actions.toolbar.actions()
    assert action in window.actions.menu_edit.actions()
    assert action.shortcut().toString() == EXACT_MODE_KEY
    view = window.editor.text_view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_X, CTRL | SHIFT)
    assert window.editor.precise_mode()
    qtbot.keyClick(view, Qt.Key.Key_X, CTRL | SHIFT)
    assert not window.editor.precise_mode()
