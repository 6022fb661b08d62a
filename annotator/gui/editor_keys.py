"""The editor's keys, in one place that features add to.

A feature of the editor (suggestions, claim links, …) adds a handler; each
handler is tried in the order added, a modal one (picking a claimer) can ask
to go first, and the editor's own keys (Delete, F2, Escape, label keys) come
last, so a feature's key is never taken by a label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from annotator.gui.common import is_plain_key, label_for_key

if TYPE_CHECKING:
    from annotator.gui.editor import AnnotationEditor

__all__ = ["EditorKeys", "KeyHandler", "own_keys"]

#: takes a key press and says whether it used it
KeyHandler = Callable[[QKeyEvent], bool]


class EditorKeys:
    """Key handlers of one editor; ``fallback`` (the editor's own keys) is tried last."""

    def __init__(self, fallback: KeyHandler) -> None:
        self._handlers: list[KeyHandler] = []
        self._fallback = fallback

    def add(self, handler: KeyHandler, *, first: bool = False) -> None:
        """Try ``handler`` before the editor's own keys (before every other one if ``first``)."""
        if first:
            self._handlers.insert(0, handler)
        else:
            self._handlers.append(handler)

    def remove(self, handler: KeyHandler) -> None:
        self._handlers.remove(handler)

    def handle(self, event: QKeyEvent) -> bool:
        """Whether some handler took ``event``."""
        return any(handler(event) for handler in self._handlers) or self._fallback(event)


def own_keys(editor: AnnotationEditor) -> KeyHandler:
    """The editor's own keys: Delete/Backspace, F2, Escape, then the label keys."""

    def handle(event: QKeyEvent) -> bool:
        if not is_plain_key(event):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if editor.selected_span():
                editor.delete_selected_span()
                return True
            return False
        if key == Qt.Key.Key_F2:
            editor.edit_note_of_selected_span()
            return True
        if key == Qt.Key.Key_Escape:
            editor.clear_selection()
            return True
        label = label_for_key(event, editor.label_keys())
        if label is None:
            return False
        editor.apply_label(label)
        return True

    return handle
