"""The main window's central widget: the open project's editor above the find bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.gui.editor import AnnotationEditor
from annotator.gui.find_bar import FindBar
from annotator.gui.ops import ProjectSession

__all__ = ["EditorArea"]


class EditorArea(QWidget):
    """Holds one :class:`AnnotationEditor` at a time (each project gets its own) and the
    find bar; keeps the zoom across projects."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.find_bar = FindBar(self._find, self)
        self.find_bar.closed = self.focus_text
        self.find_bar.hide()
        self._layout.addWidget(self.find_bar)
        self.editor: AnnotationEditor | None = None
        self.zoom_steps = 0

    def install(self, session: ProjectSession, annotator: str) -> AnnotationEditor:
        """A new editor over ``session``'s project, replacing the old one."""
        old = self.editor
        editor = AnnotationEditor(session, self)
        editor.set_annotator(annotator)
        editor.text_view().installEventFilter(self)
        self._layout.insertWidget(0, editor, 1)
        if old is not None:
            self._layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        if self.zoom_steps:
            editor.zoom(self.zoom_steps)
        self.editor = editor
        return editor

    def zoom(self, steps: int) -> bool:
        """Bigger (positive) or smaller text; returns whether anything changed."""
        if not steps or self.editor is None:
            return False
        self.editor.zoom(steps)
        self.zoom_steps += steps
        return True

    def _find(self, query: str, forward: bool) -> tuple[int, int] | None:
        # The focus stays where it is (the find field): typed letters are never label keys.
        if self.editor is None:
            return None
        return self.editor.find_match(query, forward=forward)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # While the find bar is open, Enter in the article goes to the next match too.
        if (
            event.type() == QEvent.Type.KeyPress
            and self.find_bar.isVisible()
            and self.editor is not None
            and watched is self.editor.text_view()
        ):
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            )
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.find_bar.find_next(forward=not shift)
                return True
        return super().eventFilter(watched, event)

    def focus_text(self) -> None:
        if self.editor is not None:
            self.editor.text_view().setFocus()
