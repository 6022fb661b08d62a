"""The main window and the review window show each other's edits, through the session.

Both windows share the project's session (one undo stack, one broadcast): an
annotator's edit in the main window appears in the review window's rows, an
undo in the review window takes it off the main window's editor, and the
main window's Undo takes a gold decision back off the review window. Each
step is checked in the project FILE (a second, read-only connection) and on
screen. A broadcast that labels changed (an import) gives the review window
the new label's key.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.core.change import Change
from annotator.core.model import Label, LabelKind
from annotator.core.samples import SAMPLE_ANNOTATORS, create_sample_project
from annotator.core.store import Project
from annotator.gui.main_window import MainWindow
from annotator.gui.review import ReviewWindow
from annotator.gui.settings import Settings

pytestmark = pytest.mark.gui

SARA = SAMPLE_ANNOTATORS[0]


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("ANNOTATOR_HOME", str(tmp_path / "data"))


def _spans(path: Path, doc_id: int, annotator: str) -> list[tuple[str, int, int]]:
    with Project.open(path, readonly=True) as p:
        return sorted(
            (s.label, s.start, s.end) for s in p.spans.for_document(doc_id, annotator=annotator)
        )


def _gold(path: Path, doc_id: int) -> list[tuple[str, int, int]]:
    with Project.open(path, readonly=True) as p:
        return sorted((s.label, s.start, s.end) for s in p.gold.for_document(doc_id))


def test_main_and_review_windows_update_each_other(qtbot, tmp_path):
    path = create_sample_project(tmp_path / "s.sqlite")
    main = MainWindow(Project.open(path), annotator=SARA, settings=Settings.load())
    qtbot.addWidget(main)
    main.show()
    main.open_first_document()
    doc_id = main.current_document()
    review = main.open_review()
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: review.agreement is not None, timeout=30_000)
    tab = review.adjudication_tab
    assert tab.current_document() == doc_id
    assert review.undo_stack is main.undo_stack  # one history for the project

    # 1. Sara marks a word nobody marked, in the main window: the review shows a
    #    new row with her version, read from the file.
    text = main.project.documents.get(doc_id).text
    word = "الميداني"
    start = text.index(word)
    end = start + len(word)
    assert not [r for r in tab.rows() if r.start <= start < r.end]
    before = _spans(path, doc_id, SARA)
    editor = main.editor
    cursor = editor.text_view().textCursor()
    cursor.setPosition(start)  # no character outside the BMP before it: UTF-16 = code points
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.text_view().setTextCursor(cursor)
    editor.apply_label("EVENT")
    assert _spans(path, doc_id, SARA) == sorted([*before, ("EVENT", start, end)])
    rows = [r for r in tab.rows() if (r.start, r.end) == (start, end)]
    assert len(rows) == 1 and rows[0].kind == "missing"
    assert [(s.label, s.start, s.end) for s in rows[0].versions[SARA]] == [("EVENT", start, end)]
    shown = tab.rows_model.index(
        tab.rows().index(rows[0]), tab.rows_model.column_of_annotator(SARA)
    )
    assert tab.rows_model.data(shown) == f"EVENT {start}–{end}"
    assert review.agreement_tab.is_stale()
    assert "Recompute" in review.agreement_tab.status.text()

    # 2. Ctrl+Z in the review window undoes Sara's edit: gone from the file, the
    #    main window's editor and the review's rows.
    review.activateWindow()
    tab.panel.rows_view.setFocus()
    qtbot.keyClick(tab.panel.rows_view, "z", Qt.KeyboardModifier.ControlModifier)
    assert _spans(path, doc_id, SARA) == before
    assert ("EVENT", start, end) not in [(s.label, s.start, s.end) for s in editor.spans()]
    assert not [r for r in tab.rows() if (r.start, r.end) == (start, end)]

    # 3. The review accepts Sara's version of a row into gold; the main window's
    #    Undo takes it back, and the review's gold text and rows show that.
    i = next(i for i, r in enumerate(tab.rows()) if r.kind != "unanimous")
    row = tab.rows()[i]
    tab.select_row(i)
    assert tab.accept_version(SARA)
    want = sorted((s.label, s.start, s.end) for s in row.versions[SARA])
    # A claim goes into gold with its links: its cue span comes along (issue 13).
    assert [g for g in _gold(path, doc_id) if g[0] != "CUE"] == want
    assert [
        g for g in sorted((s.label, s.start, s.end) for s in tab.gold_spans()) if g[0] != "CUE"
    ] == want
    main.undo_stack.undo()
    assert _gold(path, doc_id) == []
    assert tab.gold_spans() == []
    gold_column = tab.rows_model.columnCount() - 1
    assert tab.rows_model.data(tab.rows_model.index(i, gold_column)) == "—"
    main.close()


def test_an_import_that_adds_a_label_reaches_the_review_window(qtbot, tmp_path):
    path = create_sample_project(tmp_path / "s.sqlite")
    project = Project.open(path)
    try:
        review = ReviewWindow(project, adjudicator="lead")
        qtbot.addWidget(review)
        review.show()
        qtbot.waitUntil(lambda: review.agreement is not None, timeout=30_000)
        tab = review.adjudication_tab
        doc_id = tab.current_document()
        # What an import with new labels does: the label is in the file, then
        # the session tells every window that anything may have changed.
        project.labels.add(Label("WEAPON", LabelKind.ENTITY, "#5a3e9b", "w"))
        review.session.broadcast(Change.everything())
        assert "WEAPON" in tab.panel.keys_hint.text()
        text = project.documents.get(doc_id).text
        start = text.index("الميداني")
        end = start + len("الميداني")
        cursor = tab.gold_view.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        tab.gold_view.setTextCursor(cursor)
        qtbot.keyClick(tab.gold_view, "w")
        assert _gold(path, doc_id) == [("WEAPON", start, end)]
    finally:
        project.close()
