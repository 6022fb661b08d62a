"""Help menu: the shortcuts sheet (on ? too) lists the window's and the labels' keys; About."""

from __future__ import annotations

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from annotator.gui.help import versions


def test_question_mark_opens_the_shortcuts_sheet(qtbot, main_window) -> None:
    window = main_window
    view = window.editor.text_view()
    view.setFocus()
    QTest.keyClicks(view, "?")
    dialog = window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    cells = [
        dialog.table.item(r, c).text() for r in range(dialog.table.rowCount()) for c in range(2)
    ]
    assert "Ctrl+Shift+X" in cells and "Ctrl+F" in cells
    assert any(c.startswith("GPE") for c in cells)  # the project's labels and their keys
    assert any("g" in cells[i] and cells[i + 1].startswith("GPE") for i in range(0, len(cells), 2))


def test_question_mark_in_a_text_field_is_typed(qtbot, main_window) -> None:
    window = main_window
    search = window.documents_dock.search_edit
    search.setFocus()
    QTest.keyClicks(search, "?")
    assert search.text() == "?"
    assert getattr(window, "shortcuts_dialog", None) is None


def test_help_menu_and_about_with_versions(qtbot, main_window) -> None:
    window = main_window
    texts = [a.text() for a in window.menu("help").actions()]
    assert texts == ["&Keyboard shortcuts", "&About Annotator"]
    window.actions.about.trigger()
    shown = " ".join(label.text() for label in window.about_dialog.findChildren(QLabel))
    for name, version in versions().items():
        assert f"{name}: {version}" in shown
    assert versions()["Annotator"] != "?"
