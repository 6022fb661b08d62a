"""One ``QUndoCommand`` for every core edit.

The session applies the edit before pushing (so a refused edit raises where
it can be reported and never reaches the stack); the first ``redo`` that
``QUndoStack.push`` calls is therefore skipped. Later undo and redo go through
:meth:`Project.revert` / :meth:`Project.apply` and broadcast the change.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from annotator.core.change import Change, Edit
from annotator.core.errors import AnnotatorError, WriteFailed

if TYPE_CHECKING:
    from annotator.gui.ops.session import ProjectSession


class Replay(enum.Enum):
    """The initiator of a change made by the undo stack rather than by a window."""

    UNDO = "undo"
    REDO = "redo"


UNDO = Replay.UNDO
REDO = Replay.REDO


class EditCommand(QUndoCommand):
    """A core edit on the undo stack.

    When the core refuses an undo or redo (an undone delete that would now
    overlap a newer span, a full disk), the command drops out of the stack,
    since replaying it can only fail again, and the session reports it; the
    file and the screen keep the state before the attempt.
    """

    def __init__(
        self, session: ProjectSession, edit: Edit, text: str, change: Change | None = None
    ) -> None:
        super().__init__(text)
        self._session = session
        self.edit = edit
        #: What the edit touched when it was made: the window shows that document
        #: before undoing it (an undo never acts unseen).
        self.change = change
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # the push right after the session applied the edit
            return
        if self._replay(self._session.project.apply, REDO):
            self._applied = True

    def undo(self) -> None:
        if self._replay(self._session.project.revert, UNDO):
            self._applied = False

    def _replay(self, step: Callable[[Edit], Change], how: Replay) -> bool:
        try:
            change = step(self.edit)
        except AnnotatorError as exc:
            self.setObsolete(True)
            if isinstance(exc, WriteFailed):
                self._session.write_failed.emit(exc)
            else:
                self._session.replay_refused.emit(exc)
            return False
        self._session.broadcast(change, how)
        return True
