"""The clitic policy in the GUI: Annotator → Clitic policy… sets it (undoable, in the
file) and the editor snaps by it at once; the review window's gold view snaps by the
project's policy like the editor."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from test_editor import drag, key, stored  # noqa: E402

from annotator.core.edits import AddSpan, SetStatus  # noqa: E402
from annotator.core.model import Status  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.gui.clitics_dialog import CliticPolicyDialog  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.gui.review import ReviewWindow  # noqa: E402
from annotator.gui.settings import Settings  # noqa: E402

TEXT = "قصف الطيران مواقع بالبوكمال أمس، وللمدينة أهمية كبرى."
WORD = "بالبوكمال"
PLACE = "البوكمال"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite"
    with Project.create(path) as project:
        doc = project.documents.add(TEXT, title="البوكمال")[0]
        project.apply(AddSpan(doc, "omar", "ORG", 0, 3))
    return path


@pytest.fixture
def window(qtbot, path: Path) -> MainWindow:
    window = MainWindow(Project.open(path), annotator="ali", settings=Settings.load())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_first_document()
    return window


def policy_in(path: Path) -> str:
    with Project.open(path, readonly=True) as project:
        return project.clitics


def choose(policy: str | None, seen: list[str]) -> None:
    """Pick ``policy`` in the (modal) dialog when it opens, then OK (``None``: Cancel)."""

    def fill() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, CliticPolicyDialog) and w.isVisible()
        ]
        if not dialogs:
            QTimer.singleShot(20, fill)
            return
        dialog = dialogs[0]
        seen.append(dialog.existing.text())
        seen.append(dialog.policy())
        if policy is None:
            dialog.reject()
            return
        dialog.choices[policy].setChecked(True)
        dialog.accept()

    QTimer.singleShot(0, fill)


def test_the_dialog_sets_the_policy_undo_restores_and_the_editor_follows(
    qtbot, window: MainWindow, path: Path
) -> None:
    editor = window.editor
    doc = window.current_document()
    assert doc is not None
    start = TEXT.index(WORD)
    seen: list[str] = []
    choose("outside", seen)
    window.actions.clitic_policy.trigger()
    # It says what happens to the spans already made, as the CLI does.
    assert "1 spans already made are kept" in seen[0] and "misaligned" in seen[0]
    assert seen[1] == "inside"
    assert policy_in(path) == "outside"
    assert "outside" in window.actions.undo.text()
    # A sloppy drag over the whole word now snaps to البوكمال, without the ب.
    drag(editor, start + 1, start + len(WORD) - 2)
    key(editor, "g")
    assert stored(path, doc) == [("GPE", start + 1, start + len(WORD))]

    window.undo_stack.undo()  # the span
    window.undo_stack.undo()  # the policy
    assert policy_in(path) == "inside"
    assert stored(path, doc) == []
    drag(editor, start + 1, start + len(WORD) - 2)
    key(editor, "g")
    assert stored(path, doc) == [("GPE", start, start + len(WORD))]  # the whole word again


def test_cancel_changes_nothing(window: MainWindow, path: Path) -> None:
    seen: list[str] = []
    choose(None, seen)
    window.actions.clitic_policy.trigger()
    assert seen[1] == "inside" and policy_in(path) == "inside"
    assert not window.undo_stack.canUndo()


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    path = tmp_path / "r.sqlite"
    with Project.create(path) as project:
        project.set_clitics("outside")
        doc = project.documents.add(TEXT, title="t")[0]
        start = TEXT.index(PLACE)
        for who, label in (("a", "GPE"), ("b", "LOC")):
            project.apply(AddSpan(doc, who, label, start, start + len(PLACE)))
            project.apply(SetStatus(doc, who, Status.DONE))
    return path


def test_the_gold_view_snaps_with_the_projects_policy(qtbot, review_path: Path) -> None:
    project = Project.open(review_path)
    try:
        window = ReviewWindow(project, adjudicator="lead")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(
            lambda: not window.is_busy() and window.agreement is not None, timeout=30_000
        )
        adj = window.adjudication_tab
        (doc,) = project.documents.ids()
        window.open_document(doc)
        start = TEXT.index(WORD)
        cursor = adj.gold_view.textCursor()
        cursor.setPosition(start + 1)  # no character outside the BMP: Qt positions = offsets
        cursor.setPosition(start + len(WORD) - 2, QTextCursor.MoveMode.KeepAnchor)
        adj.gold_view.setTextCursor(cursor)
        assert adj.gold_view.selection() == (start + 1, start + len(WORD))
        qtbot.keyClick(adj.gold_view, "g")
        with Project.open(review_path, readonly=True) as reader:
            gold = [(s.label, s.start, s.end) for s in reader.gold.for_document(doc)]
        assert gold == [("GPE", start + 1, start + len(WORD))]
        # وللمدينة: the policy's و | ل | لمدينة, not the whole word.
        word = TEXT.index("وللمدينة")
        cursor.setPosition(word + 3)
        cursor.setPosition(word + 5, QTextCursor.MoveMode.KeepAnchor)
        adj.gold_view.setTextCursor(cursor)
        assert adj.gold_view.selection() == (word + 2, word + len("وللمدينة"))
    finally:
        project.close()
