"""``QUndoCommand`` wrappers over the core's edit commands.

The core edit does the work (one transaction, in the file when it returns) and
says what changed; the command only replays it and tells the editor. The first
``redo`` that ``QUndoStack.push`` calls is skipped: the editor applies the edit
itself before pushing, so a refused edit (an overlap) raises where it can be
reported and never reaches the stack.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from annotator.core.edits import Change
from annotator.core.errors import AnnotatorError
from annotator.core.store import Project

ChangeHandler = Callable[[Change], None]
ErrorHandler = Callable[[AnnotatorError], None]


class EditCommand(QUndoCommand):
    """One core edit on the undo stack.

    :param edit: an applied edit from :mod:`annotator.core.edits`.
    :param on_change: called with the :class:`Change` after every undo and redo.
    :param on_error: called when the core refuses an undo or redo (an undone
        delete that would now overlap a newer span); the command then drops out
        of the stack, since replaying it can only fail again.
    """

    def __init__(
        self,
        project: Project,
        edit: Any,
        text: str,
        *,
        on_change: ChangeHandler,
        on_error: ErrorHandler | None = None,
    ) -> None:
        super().__init__(text)
        self.project = project
        self.edit = edit
        self._applied = True
        # The stack belongs to the window and may outlive an editor: hold the
        # handlers weakly so a closed editor is not kept alive or called.
        self._on_change = _weak(on_change)
        self._on_error = _weak(on_error) if on_error else None

    def redo(self) -> None:
        if self._applied:  # the push right after the editor applied the edit
            return
        self._run(self.edit.apply)
        self._applied = True

    def undo(self) -> None:
        self._run(self.edit.revert)
        self._applied = False

    def _run(self, step: Callable[[Project], Change]) -> None:
        try:
            change = step(self.project)
        except AnnotatorError as exc:
            self.setObsolete(True)
            handler = self._on_error() if self._on_error else None
            if handler is not None:
                handler(exc)
            return
        handler = self._on_change()
        if handler is not None:
            handler(change)


def _weak(func: Callable[..., Any]) -> Callable[[], Callable[..., Any] | None]:
    if hasattr(func, "__self__"):
        return weakref.WeakMethod(func)  # type: ignore[arg-type]
    return lambda: func
