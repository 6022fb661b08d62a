"""The project's annotation guidelines in a side panel: Markdown, rendered safely.

The text is the project's (``project_meta``, key ``guidelines``), edited with
an undoable core edit (:class:`~annotator.core.label_edits.SetGuidelines`).
It is rendered by Qt's Markdown reader with raw HTML turned off, and nothing
in it is ever fetched: links are not followed, images and other resources
are not loaded. A guideline file is data, like a title.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.label_edits import GUIDELINES_KEY, SetGuidelines
from annotator.gui.i18n import translate
from annotator.gui.ops import ProjectSession

__all__ = ["GuidelinesPanel", "render_markdown"]

_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


class _Browser(QTextBrowser):
    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 (Qt override)
        return None  # no image, style sheet or file is read on the guidelines' word


def render_markdown(browser: QTextBrowser, text: str) -> None:
    """Show ``text`` as Markdown without its raw HTML (shown as text, never run)."""
    browser.document().setMarkdown(text, _FEATURES)


class GuidelinesPanel(QWidget):
    """The guidelines, read-only, with an Edit button (a core edit, undoable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: ProjectSession | None = None
        self.browser = _Browser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self.edit_dialog)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.edit_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.edit_button.setText(translate("Guidelines", "Edit guidelines…"))

    def set_session(self, session: ProjectSession) -> None:
        self._session = session
        session.changes_did_happen.connect(lambda change, _who: self._changed(change))
        self.reload()

    def text(self) -> str:
        if self._session is None:
            return ""
        return self._session.project.meta.get(GUIDELINES_KEY) or ""

    def reload(self) -> None:
        text = self.text()
        if text.strip():
            render_markdown(self.browser, text)
        else:
            self.browser.setPlainText(
                translate(
                    "Guidelines",
                    "No guidelines yet. Edit them here (Markdown); they are kept in the project.",
                )
            )

    def _changed(self, change: Any) -> None:
        if change.meta_changed:
            self.reload()

    def set_text(self, text: str) -> bool:
        """Store new guidelines (undoable); returns whether they were stored."""
        if self._session is None or text == self.text():
            return False
        try:
            change = self._session.run(
                SetGuidelines(text), text=translate("Guidelines", "Edit guidelines")
            )
        except AnnotatorError:
            return False
        return change is not None

    def edit_dialog(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(translate("Guidelines", "Guidelines (Markdown)"))
        editor = QPlainTextEdit(dialog)
        editor.setPlainText(self.text())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(editor, 1)
        layout.addWidget(buttons)
        dialog.resize(700, 500)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_text(editor.toPlainText())
