"""Labels in the GUI: add, rename, recolour, reorder, keys, descriptions; guidelines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTextBrowser

from annotator.core.label_edits import GUIDELINES_KEY
from annotator.core.store import Project
from annotator.gui.labels_dialog import LabelsDialog


def labels_in(path: Path) -> list[tuple[str, str, str]]:
    with Project.open(path, readonly=True) as p:
        return [(la.name, la.color, la.shortcut) for la in p.labels.list()]


def test_labels_are_added_edited_moved_and_undone(qtbot, main_window, window_path: Path) -> None:
    window = main_window
    before = labels_in(window_path)
    dialog = LabelsDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.name.setText("WEAPON")
    dialog.kind.setCurrentIndex(dialog.kind.findData("entity"))
    dialog.colour.setText("#99ddff")
    dialog.shortcut.setText("w")
    dialog.description.setText("A weapon system.")
    dialog.add_button.click()
    assert labels_in(window_path)[-1] == ("WEAPON", "#99ddff", "w")
    assert window.editor.palette_widget().button("WEAPON")  # every window shows it
    dialog.choose("GPE")
    dialog.name.setText("CITY")
    dialog.colour.setText("#123456")
    dialog.apply_button.click()
    assert ("CITY", "#123456", "g") in labels_in(window_path)
    dialog.choose("ORG")
    dialog.up_button.click()
    assert [n for n, _, _ in labels_in(window_path)][:2] == ["ORG", "PER"]
    for _ in range(3):
        window.undo()
    assert labels_in(window_path) == before


def test_a_colliding_key_is_refused_with_the_label_that_holds_it(
    qtbot, main_window, window_path: Path
) -> None:
    window = main_window
    before = labels_in(window_path)
    dialog = LabelsDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.choose("LOC")
    dialog.shortcut.setText("g")
    dialog.apply_button.click()
    assert "GPE" in dialog.message.text()
    assert labels_in(window_path) == before
    assert not window.undo_stack.canUndo()


def test_a_labels_description_shows_on_hover_in_the_palette(main_window) -> None:
    tip = main_window.editor.palette_widget().button("GPE").toolTip()
    assert "geopolitical" in tip and "جغرافي" in tip


def test_guidelines_are_rendered_markdown_without_html(
    qtbot, main_window, window_path: Path
) -> None:
    window = main_window
    panel = window.docks.guidelines_panel
    text = '# Places\n\n**GPE**: a city with a government.\n\n<img src="x.png"><b>bold?</b>'
    assert panel.set_text(text)
    with Project.open(window_path, readonly=True) as p:
        assert p.meta.get(GUIDELINES_KEY) == text
    browser = panel.findChild(QTextBrowser)
    shown = browser.toPlainText()
    assert "Places" in shown and "#" not in shown.split("\n")[0]  # a heading, rendered
    assert "<b>bold?</b>" in shown  # raw HTML stays text
    assert "&lt;img" in browser.toHtml()  # shown as text, never loaded as an image
    window.undo()
    with Project.open(window_path, readonly=True) as p:
        assert (p.meta.get(GUIDELINES_KEY) or "") == ""
