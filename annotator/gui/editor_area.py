"""The main window's central widget: the open project's editor above the find bar."""

from __future__ import annotations

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

    def _find(self, query: str, forward: bool) -> bool:
        found = self.editor is not None and self.editor.find(query, forward=forward)
        if found:
            self.focus_text()
        return found

    def focus_text(self) -> None:
        if self.editor is not None:
            self.editor.text_view().setFocus()
