"""The small note editor of a span or a document: a plain-text note and an
"unsure" checkbox.

Keyboard first: F2 on a selected span (Ctrl+Shift+N for the open document)
opens it with the note focused, Enter (or Ctrl+Enter in the note) saves,
Escape cancels. The note is plain text: what is typed is stored and shown as
typed, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

from annotator.core.errors import AnnotatorError
from annotator.core.note_edits import NOTE_MAX, SetDocumentNote
from annotator.gui.i18n import fill, translate

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

__all__ = ["DOCUMENT_NOTE_KEY", "NOTE_KEY_NAME", "NoteDialog", "edit_document_note"]

# The editor's key for the note of the selected span.
NOTE_KEY_NAME = "F2"
# Edit → Document note…: the open document's note and flag, this annotator's.
DOCUMENT_NOTE_KEY = "Ctrl+Shift+N"


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
    """:param what: the heading (the span's label and text, the document's title): data,
    shown as plain text; :param title: the window title (default "Note")."""

    def __init__(
        self,
        *,
        what: str,
        note: str,
        flag: bool,
        title: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or translate("NoteDialog", "Note"))
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


def edit_document_note(window: MainWindow) -> None:
    """Edit → Document note… (Ctrl+Shift+N): this annotator's note and "unsure" flag
    on the open document, as one undoable edit (Ctrl+Z)."""
    doc_id = window.current_document()
    annotator = window.annotator()
    if doc_id is None or not annotator:
        window.show_message(
            translate("NoteDialog", "Open a document (and say who you are) to give it a note.")
        )
        return
    project = window.project
    before = project.document_notes.get(doc_id, annotator)
    info = project.documents.info(doc_id)
    dialog = NoteDialog(
        what=info.title or fill(translate("NoteDialog", "Document %1"), str(info.order + 1)),
        note=before.note if before is not None else "",
        flag=before.flag if before is not None else False,
        title=fill(translate("NoteDialog", "Document note of %1"), annotator),
        parent=window,
    )
    if dialog.exec() != NoteDialog.DialogCode.Accepted:
        return
    edit = SetDocumentNote(doc_id, annotator, dialog.note(), flag=dialog.flag())
    try:
        window.session.run(edit, text=_undo_text(edit))
    except AnnotatorError as exc:
        window.show_message(fill(translate("NoteDialog", "Not saved: %1"), str(exc)))


def _undo_text(edit: SetDocumentNote) -> str:
    if not edit.note.strip() and not edit.flag:
        return translate("NoteDialog", "Clear document note")
    if edit.flag and not edit.note.strip():
        return translate("NoteDialog", "Flag document unsure")
    return translate("NoteDialog", "Set document note")
