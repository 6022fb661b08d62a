"""The small note editor of a span: a plain-text note and an "unsure" checkbox.

Keyboard first: F2 on a selected span opens it with the note focused, Enter
(or Ctrl+Enter in the note) saves, Escape cancels. The note is plain text: what
is typed is stored and shown as typed, never as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.note_edits import NOTE_MAX
from annotator.gui.i18n import translate

__all__ = ["NOTE_KEY_NAME", "NoteDialog"]

# The editor's key for the note of the selected span.
NOTE_KEY_NAME = "F2"


class _NoteText(QPlainTextEdit):
    """Plain text only; Enter saves (Shift+Enter is a new line)."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self._dialog.accept()
            return
        super().keyPressEvent(event)


class NoteDialog(QDialog):
    def __init__(self, *, what: str, note: str, flag: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("NoteDialog", "Note"))
        layout = QVBoxLayout(self)
        heading = QLabel(what, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)  # span text is data
        layout.addWidget(heading)
        self.text = _NoteText(self)
        self.text.setPlainText(note)
        self.text.setPlaceholderText(translate("NoteDialog", "A remark for the reviewer"))
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        layout.addWidget(self.text)
        self.unsure = QCheckBox(translate("NoteDialog", "&Unsure"), self)
        self.unsure.setChecked(flag)
        layout.addWidget(self.unsure)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus()
        cursor = self.text.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.text.setTextCursor(cursor)

    def note(self) -> str:
        return self.text.toPlainText().strip()[:NOTE_MAX]

    def flag(self) -> bool:
        return self.unsure.isChecked()
