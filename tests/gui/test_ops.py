"""gui/ops: one way to run an edit (apply, undo stack, broadcast), background work, errors.

Every check reads the project FILE through a second, read-only connection.
"""

from __future__ import annotations

import io
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.errors import UnknownDocument
from annotator.core.model import Status
from annotator.core.store import Project
from annotator.gui.editor import AnnotationEditor
from annotator.gui.main_window import MainWindow
from annotator.gui.ops import REDO, UNDO, BackgroundOperation, ProjectSession
from annotator.gui.settings import Settings

TEXT = "قال أحمد الخميس إن الجيش العراقي دخل البوكمال."


def live_spans(path: Path) -> list[tuple[str, int, int]]:
    with Project.open(path, readonly=True) as reader:
        return [(s.label, s.start, s.end) for s in reader.spans.all()]


def word(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def select(editor: AnnotationEditor, start: int, end: int) -> None:
    """Select characters ``start``–``end`` as the keyboard would (the text is BMP only)."""
    view = editor.text_view()
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


@contextmanager
def stderr_of() -> Iterator[list[str]]:
    """Everything written to stderr meanwhile, Python's and C's, read through a pipe."""
    read_end, write_end = os.pipe()
    saved_fd, saved_stream = os.dup(2), sys.stderr
    os.dup2(write_end, 2)
    sys.stderr = io.StringIO()
    written: list[str] = []
    try:
        yield written
    finally:
        python_text = sys.stderr.getvalue()
        sys.stderr = saved_stream
        os.dup2(saved_fd, 2)
        os.close(saved_fd)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            written.append(python_text + pipe.read().decode("utf-8", "replace"))


def test_an_edit_is_applied_pushed_and_heard_by_every_listener(qtbot, project: Project) -> None:
    doc = project.documents.add(TEXT)[0]
    session = ProjectSession(project)
    heard: list[tuple[object, object]] = []
    session.changes_did_happen.connect(lambda change, who: heard.append((change, who)))
    me = object()

    change = session.run(AddSpan(doc, "sara", "PER", *word("أحمد الخميس")), initiator=me)
    assert change is not None and change.doc_id == doc
    assert live_spans(project.path) == [("PER", *word("أحمد الخميس"))]
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Add PER 4–15"  # the core's text, none given
    assert heard == [(change, me)]

    session.undo_stack.undo()
    assert live_spans(project.path) == []
    session.undo_stack.redo()
    assert live_spans(project.path) == [("PER", *word("أحمد الخميس"))]
    assert [who for _, who in heard] == [me, UNDO, REDO]


def test_windows_of_one_project_update_each_other(qtbot, project: Project) -> None:
    doc = project.documents.add(TEXT)[0]
    session = ProjectSession(project)
    first, second = AnnotationEditor(session), AnnotationEditor(session)
    for editor in (first, second):
        qtbot.addWidget(editor)
        editor.set_annotator("sara")
        editor.open_document(doc)
        editor.show()
    select(first, *word("البوكمال"))
    first.apply_label("GPE")
    assert live_spans(project.path) == [("GPE", *word("البوكمال"))]
    assert [(s.label, s.start, s.end) for s in second.spans()] == [("GPE", *word("البوكمال"))]
    session.undo_stack.undo()  # from either window: both show the file
    assert first.spans() == [] and second.spans() == []


def test_background_work_reads_over_its_own_connection(qtbot, project: Project) -> None:
    project.documents.add(TEXT)
    seen: list[Project] = []

    def count(reader: Project, task) -> int:  # type: ignore[no-untyped-def]
        seen.append(reader)
        task.step(1, 1, "documents")
        return reader.documents.count()

    operation = BackgroundOperation(count, project=project)
    with qtbot.waitSignal(operation.succeeded, timeout=10_000) as done:
        operation.start()
    operation.wait()
    assert done.args == [1]
    assert seen[0] is not project and seen[0].readonly


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UnknownDocument("No document with id 7."), "[E010]"),
        (sqlite3.OperationalError("database or disk is full"), "[E090]"),
        (PermissionError(13, "Permission denied", "/x/out"), "[E091] /x/out: Permission denied."),
        (RuntimeError("boom"), "[E099] RuntimeError: boom."),
    ],
)
def test_background_errors_reach_the_user_with_their_code(
    qtbot, project: Project, error: Exception, code: str
) -> None:
    def fail(_reader: Project, _task) -> None:  # type: ignore[no-untyped-def]
        raise error

    operation = BackgroundOperation(fail, project=project)
    with qtbot.waitSignal(operation.failed, timeout=10_000) as failed:
        operation.start()
    operation.wait()
    assert failed.args[0].startswith(code)


def test_a_cancelled_operation_stops_at_its_next_step(qtbot, project: Project) -> None:
    steps: list[int] = []

    def long(_reader: Project, task) -> None:  # type: ignore[no-untyped-def]
        for i in range(1000):
            steps.append(i)
            task.step(i, 1000)
            if i == 3:
                operation.cancel()

    operation = BackgroundOperation(long, project=project)
    with qtbot.waitSignal(operation.cancelled, timeout=10_000):
        operation.start()
    operation.wait()
    assert steps == [0, 1, 2, 3, 4]


@pytest.fixture
def window(qtbot, project_path: Path) -> Iterator[MainWindow]:
    with Project.create(project_path) as project:
        project.documents.add(TEXT, title="خبر")
    window = MainWindow(
        Project.open(project_path), annotator="sara", settings=Settings.load(), track_time=False
    )
    qtbot.addWidget(window)
    window.show()
    window.open_first_document()
    yield window


def test_an_edit_the_disk_refuses_is_a_dialog_and_is_not_shown(
    qtbot, window: MainWindow, project_path: Path, disk_full
) -> None:
    editor = window.editor
    select(editor, *word("البوكمال"))
    with stderr_of() as stderr, disk_full():
        QTest.keyClick(editor.text_view(), "g")  # GPE's key
        QTest.keyClick(editor.text_view(), "g")
    assert stderr == [""]
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert len(dialogs) == 1, "one dialog, not one per key press"
    text = dialogs[0].text()
    assert text.startswith("[E090]") and str(project_path) in text and "do it again" in text
    # Not in the file, not on the screen, not on the undo stack.
    assert live_spans(project_path) == []
    assert editor.spans() == [] and not window.undo_stack.canUndo()
    dialogs[0].close()

    # With room on the disk again, the same key press works.
    QTest.keyClick(editor.text_view(), "g")
    assert live_spans(project_path) == [("GPE", *word("البوكمال"))]


def test_a_status_the_disk_refuses_is_not_shown_as_made(
    qtbot, window: MainWindow, project_path: Path, disk_full
) -> None:
    doc = window.current_document()
    assert doc is not None
    with stderr_of() as stderr, disk_full():
        assert not window.set_status(doc, Status.DONE)
    assert stderr == [""]
    assert window.progress_text() == "0 / 1 done"
    with Project.open(project_path, readonly=True) as reader:
        assert reader.statuses.get(doc, "sara") is None
    assert not window.undo_stack.canUndo()
    session = window.session
    session.run(SetStatus(doc, "sara", Status.DONE))  # another window's edit
    assert window.progress_text() == "1 / 1 done"
