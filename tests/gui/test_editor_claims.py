"""Claims in the editor, keyboard first, on the seed article: pick the claimer (Ctrl+K),
an implicit claimer, the cue (Ctrl+Shift+K), stance and check-worthy keys, the
question before deleting a claimer, undo. Every result is read from the project FILE."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.store import Project
from annotator.gui.claim_attributes import AttributesDialog

pytestmark = pytest.mark.gui

CLAIM = "الجيش العراقي دخل بالفعل ضمن الأراضي السورية"
ARMY = "الجيش العراقي"
CUE = "تقول"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def occurrences(text: str, what: str) -> list[tuple[int, int]]:
    found, start = [], text.find(what)
    while start != -1:
        found.append((start, start + len(what)))
        start = text.find(what, start + 1)
    return found


def mark(editor, label: str, start: int, end: int) -> str:
    editor.set_selection(start, end)
    editor.apply_label(label)
    span_id = editor.selected_span()
    assert span_id, f"{label} {start}-{end} was not added"
    return span_id


def links_in_file(path: Path) -> list[tuple[str, str, str | None, str | None]]:
    """Live links as the FILE has them: (type, head text, child text, implicit value)."""
    with Project.open(path, readonly=True) as p:
        doc_id = p.documents.ids()[0]
        text = p.documents.get(doc_id).text
        shown = []
        for link in p.links.for_document(doc_id):
            head = p.spans.get(link.head)
            child = p.spans.get(link.child) if link.child else None
            shown.append(
                (
                    link.type,
                    text[head.start : head.end],
                    text[child.start : child.end] if child else None,
                    link.value,
                )
            )
        return shown


def child_start(path: Path, link_type: str) -> int:
    with Project.open(path, readonly=True) as p:
        (link,) = p.links.for_document(p.documents.ids()[0])
        assert link.type == link_type and link.child
        return p.spans.get(link.child).start


def attrs_in_file(path: Path, span_id: str) -> dict:
    with Project.open(path, readonly=True) as p:
        return dict(p.spans.get(span_id).attrs)


@pytest.fixture
def claim_editor(qtbot, seed_editor):
    """The seed article with the claim, every mention of الجيش العراقي (ORG) and the
    cue تقول marked; the claim selected."""
    editor, doc_id = seed_editor
    text = editor.text()
    start = text.index(CLAIM)
    armies = [mark(editor, "ORG", *where) for where in occurrences(text, ARMY)]
    cue = mark(editor, "CUE", *occurrences(text[:start], CUE)[-1])
    claim = mark(editor, "CLAIM", start, start + len(CLAIM))
    editor.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor.window())
    editor.text_view().setFocus()
    messages: list[str] = []
    editor.status_message.connect(messages.append)
    return editor, {"claim": claim, "armies": armies, "cue": cue, "messages": messages}


def press(editor, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(editor.text_view(), key, modifiers)


def test_ctrl_k_then_tab_and_enter_sets_the_claimer(claim_editor, project_path) -> None:
    editor, ids = claim_editor
    text = editor.text()
    press(editor, Qt.Key.Key_K, CTRL)
    picking = editor.claims.picking
    assert picking is not None and picking.link_type.name == "claimer"
    # The nearest candidate first: the mention inside the claim.
    assert picking.highlighted().id == ids["armies"][0]
    said = ids["messages"][-1]
    assert "claimer" in said and "Tab" in said and "1 author" in said
    # Only entities and places are candidates: neither the cue nor the claim.
    assert {s.label for s in picking.candidates} <= {"ORG"}
    press(editor, Qt.Key.Key_Tab)  # the next mention, in text order
    assert picking.highlighted().id == ids["armies"][1]
    press(editor, Qt.Key.Key_Return)
    assert editor.claims.picking is None
    assert links_in_file(project_path) == [("claimer", CLAIM, ARMY, None)]
    assert child_start(project_path, "claimer") == occurrences(text, ARMY)[1][0]
    # The claim stays selected, its claimer named in the span list.
    assert editor.selected_span() == ids["claim"]
    model = editor.span_list_widget().model
    row = model.row_of(ids["claim"])
    assert f"claimer: \u2068{ARMY}\u2069" in model.data(model.index(row, 1))
    # Ctrl+Z: the link is gone from the file.
    editor.session.undo_stack.undo()
    assert links_in_file(project_path) == []


def test_arrows_go_back_and_forth_right_to_left_and_escape_cancels(claim_editor) -> None:
    editor, ids = claim_editor
    press(editor, Qt.Key.Key_K, CTRL)
    picking = editor.claims.picking
    press(editor, Qt.Key.Key_Left)  # right to left: Left goes on in the text
    assert picking.highlighted().id == ids["armies"][1]
    press(editor, Qt.Key.Key_Right)
    assert picking.highlighted().id == ids["armies"][0]
    press(editor, Qt.Key.Key_Backtab)  # wraps around
    assert picking.highlighted().id == ids["armies"][-1]
    press(editor, Qt.Key.Key_P)  # a label key does not label while picking
    assert picking.highlighted().id == ids["armies"][-1]
    press(editor, Qt.Key.Key_Escape)
    assert editor.claims.picking is None
    assert editor.selected_span() == ids["claim"]
    assert editor.label("PER").name == "PER"
    assert [s.label for s in editor.spans()].count("PER") == 0


def test_a_digit_sets_an_implicit_claimer_read_from_the_link_type(
    claim_editor, project_path, project
) -> None:
    editor, _ids = claim_editor
    implicit = project.link_types.get("claimer").implicit
    press(editor, Qt.Key.Key_K, CTRL)
    QTest.keyClicks(editor.text_view(), "2")
    assert links_in_file(project_path) == [("claimer", CLAIM, None, implicit[1])]
    # Arabic-Indic digits too; a second claimer replaces the first.
    press(editor, Qt.Key.Key_K, CTRL)
    # QTest cannot type it: the key event an Arabic layout sends.
    arabic_three = QKeyEvent(QEvent.Type.KeyPress, 0x0663, Qt.KeyboardModifier.NoModifier, "٣")
    QApplication.sendEvent(editor.text_view(), arabic_three)
    assert links_in_file(project_path) == [("claimer", CLAIM, None, implicit[2])]
    # Delete while picking removes it.
    press(editor, Qt.Key.Key_K, CTRL)
    press(editor, Qt.Key.Key_Delete)
    assert links_in_file(project_path) == []
    editor.session.undo_stack.undo()
    assert links_in_file(project_path) == [("claimer", CLAIM, None, implicit[2])]


def test_a_click_on_a_candidate_sets_it(qtbot, claim_editor, project_path) -> None:
    editor, ids = claim_editor
    text = editor.text()
    press(editor, Qt.Key.Key_K, CTRL)
    view = editor.text_view()
    start, end = occurrences(text, ARMY)[1]
    rect = view.span_rects(start, end)[0]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert links_in_file(project_path) == [("claimer", CLAIM, ARMY, None)]
    assert child_start(project_path, "claimer") == start
    assert editor.selected_span() == ids["claim"]  # the click did not select the entity


def test_ctrl_shift_k_picks_the_cue(claim_editor, project_path) -> None:
    editor, ids = claim_editor
    span_list = editor.span_list_widget()
    span_list.view.setFocus()  # the key works from the span list too
    QTest.keyClick(span_list.view, Qt.Key.Key_K, CTRL | SHIFT)
    assert editor.text_view().hasFocus()
    picking = editor.claims.picking
    assert picking.link_type.name == "cue"
    assert [s.id for s in picking.candidates] == [ids["cue"]]
    press(editor, Qt.Key.Key_Enter)
    assert links_in_file(project_path) == [("cue", CLAIM, CUE, None)]


def test_ctrl_k_without_a_claim_says_what_to_do(claim_editor, project_path) -> None:
    editor, ids = claim_editor
    editor.select_span(ids["armies"][0])
    press(editor, Qt.Key.Key_K, CTRL)
    assert editor.claims.picking is None
    assert "Select a claim" in ids["messages"][-1]
    assert links_in_file(project_path) == []


def test_stance_and_check_worthy_keys(claim_editor, project_path, project) -> None:
    editor, ids = claim_editor
    claim = ids["claim"]
    stance = project.labels.get("CLAIM").attribute("stance")
    press(editor, Qt.Key.Key_2, CTRL)
    assert attrs_in_file(project_path, claim)["stance"] == stance.values[1]
    press(editor, Qt.Key.Key_4, CTRL)
    assert attrs_in_file(project_path, claim)["stance"] == stance.values[3]
    press(editor, Qt.Key.Key_4, CTRL)  # again: cleared
    assert "stance" not in attrs_in_file(project_path, claim)
    press(editor, Qt.Key.Key_W, CTRL | SHIFT)
    assert attrs_in_file(project_path, claim)["check_worthy"] is True
    press(editor, Qt.Key.Key_W, CTRL | SHIFT)
    assert attrs_in_file(project_path, claim)["check_worthy"] is False
    editor.session.undo_stack.undo()
    assert attrs_in_file(project_path, claim)["check_worthy"] is True
    # Shown in the span list and the tooltip, as plain text.
    model = editor.span_list_widget().model
    index = model.index(model.row_of(claim), 1)
    assert "check_worthy: yes" in model.data(index)
    assert "check_worthy: yes" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    view = editor.text_view()
    offset = editor.text().index(CLAIM) + len(ARMY) + 2
    assert "check_worthy: yes" in view.spans_tooltip(offset, {"CLAIM": editor.label("CLAIM")})
    # An entity has no stance: said, nothing written.
    editor.select_span(ids["armies"][0])
    press(editor, Qt.Key.Key_1, CTRL)
    assert "stance" not in attrs_in_file(project_path, ids["armies"][0])
    assert "no choice attribute" in ids["messages"][-1]


def test_f4_sets_several_attributes_in_one_undo_step(qtbot, claim_editor, project_path) -> None:
    editor, ids = claim_editor
    claim = ids["claim"]
    chosen: list[AttributesDialog] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AttributesDialog)
        chosen.append(dialog)
        dialog.fields["stance"].setCurrentIndex(dialog.fields["stance"].findData("doubts"))
        dialog.fields["check_worthy"].setCurrentIndex(dialog.fields["check_worthy"].findData(True))
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    press(editor, Qt.Key.Key_F4)
    assert chosen
    attrs = attrs_in_file(project_path, claim)
    assert attrs["stance"] == "doubts" and attrs["check_worthy"] is True
    editor.session.undo_stack.undo()
    attrs = attrs_in_file(project_path, claim)
    assert "stance" not in attrs and "check_worthy" not in attrs


def _answer(button_text: str, seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    seen.append(box.text())
    for button in box.buttons():
        if button.text().replace("&", "") == button_text:
            button.click()
            return
    raise AssertionError(f"no {button_text} button")


def _claimer_selected(editor, ids) -> str:
    """Ctrl+K, Enter: the mention inside the claim becomes its claimer; then select it."""
    press(editor, Qt.Key.Key_K, CTRL)
    press(editor, Qt.Key.Key_Return)
    army = ids["armies"][0]
    editor.select_span(army)
    return army


def test_deleting_a_claimer_asks_and_undo_restores_span_and_link(
    qtbot, claim_editor, project_path
) -> None:
    editor, ids = claim_editor
    army = _claimer_selected(editor, ids)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer("Cancel", seen))
    press(editor, Qt.Key.Key_Delete)
    assert seen and "claimer" in seen[0] and CLAIM[:20] in seen[0]
    assert links_in_file(project_path) == [("claimer", CLAIM, ARMY, None)]  # nothing deleted
    QTimer.singleShot(0, lambda: _answer("Delete", seen))
    press(editor, Qt.Key.Key_Delete)
    assert links_in_file(project_path) == []
    with sqlite3.connect(project_path) as db:
        deleted = db.execute("SELECT deleted FROM spans WHERE id = ?", [army]).fetchone()[0]
    assert deleted is not None
    editor.session.undo_stack.undo()
    assert links_in_file(project_path) == [("claimer", CLAIM, ARMY, None)]
    assert army in {s.id for s in editor.spans()}
    # An entity nobody links to is deleted without a question.
    editor.select_span(ids["armies"][1])
    press(editor, Qt.Key.Key_Delete)
    assert ids["armies"][1] not in {s.id for s in editor.spans()}


def test_relabelling_a_claimer_as_a_cue_asks_and_undo_restores_label_and_link(
    qtbot, claim_editor, project_path
) -> None:
    editor, ids = claim_editor
    army = _claimer_selected(editor, ids)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer("Cancel", seen))
    editor.apply_label("CUE")
    assert seen and "claimer" in seen[0] and CLAIM[:20] in seen[0]
    assert links_in_file(project_path) == [("claimer", CLAIM, ARMY, None)]
    assert {s.id: s.label for s in editor.spans()}[army] == "ORG"  # nothing changed
    QTimer.singleShot(0, lambda: _answer("Relabel", seen))
    editor.apply_label("CUE")
    assert links_in_file(project_path) == []
    with Project.open(project_path, readonly=True) as project:
        assert project.spans.get(army).label == "CUE"
    editor.session.undo_stack.undo()
    assert links_in_file(project_path) == [("claimer", CLAIM, ARMY, None)]
    with Project.open(project_path, readonly=True) as project:
        assert project.spans.get(army).label == "ORG"
    # A relabel the link allows (ORG → GPE: a place may claim) asks nothing.
    editor.select_span(army)
    editor.apply_label("GPE")
    assert links_in_file(project_path) == [("claimer", CLAIM, ARMY, None)]


def test_the_claimer_is_framed_in_the_claims_colour(qtbot, claim_editor) -> None:
    editor, ids = claim_editor
    press(editor, Qt.Key.Key_K, CTRL)
    press(editor, Qt.Key.Key_Tab)
    press(editor, Qt.Key.Key_Return)
    view = editor.text_view()
    text = editor.text()
    start, end = occurrences(text, ARMY)[1]
    view.set_selection(start, start)
    view.ensureCursorVisible()
    qtbot.wait(50)
    purple = editor.label("CLAIM").color

    def framed() -> int:
        image = view.viewport().grab().toImage()
        rect = view.span_rects(start, end)[0].toRect()
        near = 0
        for x in range(rect.left() - 4, rect.right() + 5):
            for y in (rect.top() - 2, rect.bottom() + 2):
                c = image.pixelColor(x, y)
                if abs(c.red() - 0xAA) + abs(c.green() - 0x33) + abs(c.blue() - 0x77) < 90:
                    near += 1
        return near

    editor.select_span(ids["claim"])
    assert purple.lower() == "#aa3377"
    selected = framed()
    editor.select_span("")
    assert selected > 20 and framed() < 5


def test_the_shortcuts_sheet_lists_the_claim_keys_from_the_label_set(project) -> None:
    from annotator.gui.help import shortcut_rows

    rows = dict(shortcut_rows(project.labels.list()))
    assert "Ctrl+K / Ctrl+Shift+K" in rows and "Ctrl+J" in rows and "F4" in rows
    assert rows["Ctrl+1 … Ctrl+4"] == (
        "CLAIM stance: 1 asserts, 2 denies, 3 doubts, 4 reports (again: clear)"
    )
    assert rows["Ctrl+Shift+W"] == "CLAIM check_worthy: yes → no → not set"


def test_claim_keys_work_in_the_main_window(qtbot, main_window) -> None:
    editor = main_window.editor
    text = editor.text()
    start = text.index(CLAIM)
    mark(editor, "ORG", *occurrences(text, ARMY)[0])
    claim = mark(editor, "CLAIM", start, start + len(CLAIM))
    editor.text_view().setFocus()
    press(editor, Qt.Key.Key_K, CTRL)  # no window action takes it: no ambiguous shortcut
    assert editor.claims.picking is not None
    press(editor, Qt.Key.Key_Return)
    press(editor, Qt.Key.Key_3, CTRL)
    with Project.open(main_window.project_path(), readonly=True) as p:
        (link,) = p.links.of_head(claim, "claimer")
        assert text[p.spans.get(link.child).start :].startswith(ARMY)
        assert p.spans.get(claim).attrs["stance"] == "doubts"
    assert "doubts" in main_window.statusBar().currentMessage()


def test_ctrl_j_lists_the_label_sets_link_types(qtbot, claim_editor, project_path) -> None:
    editor, _ids = claim_editor
    press(editor, Qt.Key.Key_J, CTRL)
    menu = editor.claims.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["claimer", "cue"]  # from the label set, in its order
    menu.hide()
    actions["cue"].trigger()
    assert editor.claims.picking.link_type.name == "cue"
    press(editor, Qt.Key.Key_Return)
    assert links_in_file(project_path) == [("cue", CLAIM, CUE, None)]


def test_picking_ends_when_another_document_opens(claim_editor, project) -> None:
    editor, _ids = claim_editor
    press(editor, Qt.Key.Key_K, CTRL)
    assert editor.claims.picking is not None
    other, _ = project.documents.add("قال المتحدث إن الوفد وصل.", title="other")
    editor.open_document(other)
    press(editor, Qt.Key.Key_Tab)
    assert editor.claims.picking is None


def test_a_teams_text_attribute_is_set_in_the_dialog_and_shown_as_plain_text(
    qtbot, make_editor, project, project_path, seed_text
) -> None:
    # A team's own attributes: the keys and the dialog follow the label set, not code.
    project.labels.update(
        "CLAIM",
        attributes=[
            {"key": "verdict", "type": "choice", "values": ["true", "false", "misleading"]},
            {"key": "source_note", "type": "text", "max_length": 40},
        ],
    )
    editor, _doc_id = make_editor(seed_text, title="البوكمال")
    start = editor.text().index(CLAIM)
    claim = mark(editor, "CLAIM", start, start + len(CLAIM))
    editor.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor.window())
    editor.text_view().setFocus()
    press(editor, Qt.Key.Key_3, CTRL)
    assert attrs_in_file(project_path, claim)["verdict"] == "misleading"
    note = "<b>مصادر</b> & more"

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AttributesDialog)
        assert dialog.fields["source_note"].maxLength() == 40
        dialog.fields["source_note"].setText(note)
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    press(editor, Qt.Key.Key_F4)
    assert attrs_in_file(project_path, claim) == {"verdict": "misleading", "source_note": note}
    model = editor.span_list_widget().model
    index = model.index(model.row_of(claim), 1)
    assert f"source_note: {note}" in model.data(index)
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;مصادر&lt;/b&gt; &amp; more" in tip  # escaped: shown as typed
    offset = start + 5
    tooltip = editor.text_view().spans_tooltip(offset, {"CLAIM": editor.label("CLAIM")})
    assert "&lt;b&gt;" in tooltip and "<b>مصادر" not in tooltip


def test_attributes_are_defined_in_the_label_manager_and_undone(
    qtbot, main_window, window_path
) -> None:
    from annotator.gui.labels_dialog import LabelsDialog

    def claim_attributes() -> list[tuple[str, str, tuple[str, ...]]]:
        with Project.open(window_path, readonly=True) as p:
            return [(a.key, a.type, a.values) for a in p.labels.get("CLAIM").attributes]

    before = claim_attributes()
    dialog = LabelsDialog(main_window.session, main_window)
    qtbot.addWidget(dialog)
    dialog.choose("CLAIM")
    line = dialog.attributes.text()
    assert line == "stance: asserts | denies | doubts | reports; check_worthy: yes/no"
    dialog.attributes.setText("stance: a | a")
    dialog.apply_button.click()
    assert "E12" in dialog.message.text() and claim_attributes() == before  # refused
    dialog.attributes.setText(line + "; verdict: true | false")
    dialog.apply_button.click()
    assert claim_attributes() == [*before, ("verdict", "choice", ("true", "false"))]
    # The editor's keys and the shortcuts sheet follow at once.
    editor = main_window.editor
    assert [a.key for a in editor.label("CLAIM").attributes][-1] == "verdict"
    main_window.undo()
    assert claim_attributes() == before
