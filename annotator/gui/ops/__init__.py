"""How the GUI acts: the one way to run a user action, undo it and tell every window.

* A user action is a core :class:`~annotator.core.change.Edit`. A window runs
  it with :meth:`ProjectSession.run`: applied (in the file when it returns),
  pushed on the project's undo stack as an :class:`EditCommand`, and broadcast
  as ``changes_did_happen(change, initiator)``. Every window and model listens
  to that one signal; the window that ran the edit (the ``initiator``) has
  already updated itself and skips it, as Anki's browser does. Undo and redo
  broadcast with ``initiator`` :data:`UNDO` or :data:`REDO`, so everyone
  refreshes.
* Work too long for the UI thread (import, export, agreement) runs in a
  :class:`BackgroundOperation`, whose docstring is the threading rule.
* Every error reaches the user as text with its code (:func:`error_text`); a
  write the disk refused is a dialog (:func:`show_error`), and the edit is not
  shown as made.
"""

from annotator.gui.ops.background import BackgroundOperation, Cancelled, Task
from annotator.gui.ops.command import REDO, UNDO, EditCommand, Replay
from annotator.gui.ops.errors import error_text, show_error
from annotator.gui.ops.session import ProjectSession

__all__ = [
    "REDO",
    "UNDO",
    "BackgroundOperation",
    "Cancelled",
    "EditCommand",
    "ProjectSession",
    "Replay",
    "Task",
    "error_text",
    "show_error",
]
