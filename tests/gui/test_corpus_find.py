"""Ctrl+Shift+F finds across every document like Ctrl+F, and Enter opens a match to label.

The project is the seed article and five short documents (``window_path``);
every count is checked against the stored texts, every label in the FILE.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from annotator.core.search import find_in_project
from annotator.core.store import NewDocument, Project
from annotator.gui.palette import label_keys

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def type_text(edit: QLineEdit, text: str) -> None:
    """Type into a field as a keyboard does (QTest maps only ASCII to keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, 0, NONE, char))


def open_panel(qtbot, window):
    window.editor.text_view().setFocus()
    qtbot.keyClick(window.editor.text_view(), Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.docks.corpus_find_panel
    assert window.docks.corpus_find.isVisible() and panel.edit.hasFocus()
    return panel


def search(qtbot, panel, query: str) -> None:
    panel.edit.clear()
    type_text(panel.edit, query)
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)


def texts(path: Path) -> dict[int, str]:
    with Project.open(path, readonly=True) as p:
        return {d.id: p.documents.get(d.id).text for d in p.documents.list()}


def test_tashkeel_in_the_query_lists_every_match_by_document_with_its_context(
    qtbot, main_window, window_path: Path
) -> None:
    panel = open_panel(qtbot, main_window)
    search(qtbot, panel, "دَيْرِ الزُّور")  # the texts have no tashkeel
    by_doc = {doc_id: text.count("دير الزور") for doc_id, text in texts(window_path).items()}
    expected = sum(by_doc.values())
    assert expected >= 8 and len(panel.hits()) == expected
    assert panel.count_text() == f"Matches: {expected} · documents: 6"
    tree = panel.tree
    assert tree.topLevelItemCount() == 6
    for row, doc_id in enumerate(sorted(by_doc)):
        item = tree.topLevelItem(row)
        assert item.childCount() == by_doc[doc_id]
        assert re.fullmatch(rf"\u200e{row + 1} · \u2068.+\u2069 \({by_doc[doc_id]}\)", item.text(0))
    document_texts = texts(window_path)
    for hit in panel.hits():
        text = document_texts[hit.doc_id]
        assert text[hit.start : hit.end] == "دير الزور" == hit.match
        assert text[hit.start - len(hit.before) : hit.start].replace("\n", " ") == hit.before
    first = tree.topLevelItem(0).child(0)
    hit = first.data(0, Qt.ItemDataRole.UserRole + 1)
    assert first.text(0) == f"…{hit.before}دير الزور{hit.after}…"  # plain text, one line
    assert "\n" not in first.text(0)


def test_hamza_and_tatweel_forms_match_as_in_ctrl_f(qtbot, main_window) -> None:
    panel = open_panel(qtbot, main_window)
    search(qtbot, panel, "الــاول")  # tatweel, and no hamza: finds "الأول"
    assert [h.match for h in panel.hits()].count("الأول") >= 1
    assert all(h.match.replace("أ", "ا").startswith("الاول") for h in panel.hits())
    with Project.open(main_window.project.path, readonly=True) as p:
        assert panel.hits() == list(find_in_project(p, "الــاول").hits)  # what `find` prints


def test_enter_opens_the_document_with_the_match_selected_and_a_label_key_stores_it(
    qtbot, main_window, window_path: Path
) -> None:
    window = main_window
    panel = open_panel(qtbot, window)
    search(qtbot, panel, "دَيْر الزُّور")
    tree = panel.tree
    third = tree.topLevelItem(2)  # the third document ("الثاني")
    tree.setFocus()
    tree.setCurrentItem(third.child(0))
    hit = panel.current_hit()
    assert hit is not None and hit.number == 3
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current_document() == hit.doc_id
    view = window.editor.text_view()
    assert view.selection_range() == (hit.start, hit.end)
    assert window.editor.text()[hit.start : hit.end] == "دير الزور"
    assert view.hasFocus()  # the article: the next key is a label key
    gpe = next(k for k, name in label_keys(window.project.labels.list()).items() if name == "GPE")
    qtbot.keyClicks(view, gpe)
    with Project.open(window_path, readonly=True) as p:
        spans = p.spans.for_document(hit.doc_id, annotator="sara")
    assert [(s.label, s.start, s.end) for s in spans] == [("GPE", hit.start, hit.end)]
    # F3 goes on with the same query in the article (wrapping to the same, only, match).
    assert window.find_bar.edit.text() == "دَيْر الزُّور"


def test_enter_twice_in_the_field_searches_then_opens_the_first_match(qtbot, main_window) -> None:
    window = main_window
    panel = open_panel(qtbot, window)
    search(qtbot, panel, "خبر قصير")
    assert panel.count_text() == "Matches: 5 · documents: 5"
    panel.edit.setFocus()
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    first = panel.hits()[0]
    assert window.current_document() == first.doc_id and first.number == 2
    assert window.editor.text_view().selection_range() == (first.start, first.end)


def test_typing_searches_from_three_letters_and_short_queries_wait_for_enter(
    qtbot, main_window
) -> None:
    panel = open_panel(qtbot, main_window)
    type_text(panel.edit, "عن")
    qtbot.wait(500)  # longer than the typing pause
    assert panel.hits() == [] and "press Enter" in panel.count_text()
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        type_text(panel.edit, " د")  # three letters and more: searched by itself
    assert panel.query() == "عن د" and len(panel.hits()) == 5
    search(qtbot, panel, "لا يوجد هذا")
    assert panel.hits() == [] and panel.count_text() == "Not found: \u2068لا يوجد هذا\u2069"
    assert panel.tree.topLevelItemCount() == 0


def test_titles_are_plain_text_and_a_new_project_clears_the_hits(
    qtbot, main_window, tmp_path: Path
) -> None:
    window = main_window
    other = tmp_path / "other.sqlite"
    with Project.create(other) as p:
        p.documents.add_many([NewDocument("<b>دير الزور</b> في خبر.", title="<i>عنوان</i>")])
    panel = open_panel(qtbot, window)
    search(qtbot, panel, "دير الزور")
    assert panel.tree.topLevelItemCount() == 6
    window.replace_project(Project.open(other))
    assert panel.hits() == [] and panel.tree.topLevelItemCount() == 0
    search(qtbot, panel, "دير الزور")
    item = panel.tree.topLevelItem(0)
    assert "\u2068<i>عنوان</i>\u2069" in item.text(0)  # shown as written
    assert "&lt;i&gt;" in item.toolTip(0) and "&lt;b&gt;" in item.child(0).toolTip(0)
    assert item.child(0).text(0).startswith("…<b>دير الزور")


def test_menu_entry_shortcuts_sheet_and_arabic(qtbot, main_window, qapp) -> None:
    window = main_window
    action = window.actions.find_corpus
    assert action in window.menu("edit").actions()
    assert action.text() == "Find in &all documents…"
    assert "Ctrl+Shift+F" in [s.toString() for s in action.shortcuts()]
    from annotator.gui.help import shortcut_rows

    assert "Ctrl+Shift+F" in [keys for keys, _ in shortcut_rows([])]
    window.set_language("ar")
    assert action.text() != "Find in &all documents…"
    assert window.docks.corpus_find.windowTitle() == "البحث في كل المستندات"
    panel = open_panel(qtbot, window)
    search(qtbot, panel, "دير الزور")
    assert panel.tree.topLevelItem(0).text(0).startswith("\u200f1 · ")


def test_a_query_asked_while_a_search_runs_is_the_one_shown(qtbot, main_window) -> None:
    panel = open_panel(qtbot, main_window)
    panel.edit.setText("دير الزور")
    panel.search()
    panel.edit.setText("خبر قصير")
    panel.search()  # the first is still running: this one waits for it, then runs
    qtbot.waitUntil(lambda: not panel.is_searching(), timeout=10_000)
    assert panel.result() is not None and panel.result().query == "خبر قصير"
    assert panel.count_text() == "Matches: 5 · documents: 5"
    panel.edit.setText("دير الزور")
    panel.search()
    panel.edit.clear()
    panel.search()  # cleared while it runs: nothing is shown
    panel.edit.setText("دير الزور")
    panel.search()  # asked again: searched again, and shown
    qtbot.waitUntil(lambda: not panel.is_searching(), timeout=10_000)
    assert panel.result() is not None and panel.result().query == "دير الزور"
