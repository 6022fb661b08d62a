"""The open project as the GUI shares it: one undo stack, one broadcast of changes."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid as shiboken_alive

from annotator.core.change import Change, Edit
from annotator.core.errors import AnnotatorError, WriteFailed
from annotator.core.store import Project
from annotator.gui.ops.command import EditCommand
from annotator.gui.ops.errors import show_error

translate = QCoreApplication.translate


class ProjectSession(QObject):
    """Everything the windows over one project share.

    :attr undo_stack: the project's undo stack (one for every window).
    :signal changes_did_happen(change, initiator): after every edit, undo, redo
        and import; ``initiator`` is the object that ran the edit (it has
        updated itself and skips the change), :data:`~annotator.gui.ops.UNDO` /
        :data:`~annotator.gui.ops.REDO`, or ``None``.
    :signal write_failed(exc): the disk refused a write (:class:`WriteFailed`);
        the session shows it in a dialog itself.
    :signal replay_refused(exc): the core refused an undo or redo.
    """

    changes_did_happen = Signal(object, object)
    write_failed = Signal(object)
    replay_refused = Signal(object)

    _open: ClassVar[dict[int, ProjectSession]] = {}

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.dialog_parent: QWidget | None = None
        self._failure_box: QMessageBox | None = None
        self.write_failed.connect(self._show_write_failed)
        ProjectSession._open[id(project)] = self

    @classmethod
    def of(cls, project: Project) -> ProjectSession:
        """The session of an open project (a new one if no window made one)."""
        session = cls._open.get(id(project))
        if session is None or session.project is not project:
            session = cls(project)
        return session

    def close(self) -> None:
        """The project is closing: forget its edits."""
        self.undo_stack.clear()
        if ProjectSession._open.get(id(self.project)) is self:
            del ProjectSession._open[id(self.project)]

    def run(
        self,
        edit: Edit,
        *,
        text: str | None = None,
        initiator: object = None,
        undoable: bool = True,
    ) -> Change | None:
        """Apply ``edit``, push it on the undo stack, tell every window.

        :param text: the Undo menu's text (translated); default ``edit.describe()``.
        :param initiator: who asked (it skips the broadcast of its own change).
        :param undoable: ``False`` for edits that are not undone (time spent).
        :returns: the change, or ``None`` when the disk refused the write
            (reported in a dialog; nothing is stored, pushed or broadcast).
        :raises AnnotatorError: the core refused the edit (an overlap, a
            read-only project); nothing is stored or pushed.
        """
        try:
            change = self.project.apply(edit)
        except WriteFailed as exc:
            self.write_failed.emit(exc)
            return None
        if undoable and not change.empty:
            self.undo_stack.push(EditCommand(self, edit, text or edit.describe(), change))
        self.broadcast(change, initiator)
        return change

    def next_command(self, *, undo: bool) -> EditCommand | None:
        """The command Undo (``undo=True``) or Redo would replay next, if any."""
        stack = self.undo_stack
        index = stack.index() - 1 if undo else stack.index()
        command = stack.command(index) if 0 <= index < stack.count() else None
        return command if isinstance(command, EditCommand) else None

    def broadcast(self, change: Change, initiator: object = None) -> None:
        """Tell every window and model that ``change`` is in the file."""
        self.changes_did_happen.emit(change, initiator)

    def _show_write_failed(self, exc: AnnotatorError) -> None:
        # Key presses on a full disk fail one after another: one dialog says it.
        box = self._failure_box
        if box is not None and shiboken_alive(box) and box.isVisible():
            box.setText(str(exc))
            return
        self._failure_box = show_error(self.dialog_parent, translate("Ops", "Not saved"), exc)
