"""Small dialogs of the main window: the annotator's name, go to a document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.gui.i18n import translate

if TYPE_CHECKING:
    pass

RESERVED_NAMES = frozenset({"gold"})


# --- annotator name ------------------------------------------------------------


def valid_annotator_name(name: str) -> bool:
    name = name.strip()
    return bool(name) and name.lower() not in RESERVED_NAMES and len(name) <= 64


class AnnotatorNameDialog(QDialog):
    """Asks who is annotating; the name is stored with every span and status.

    :param known: annotators already in the project, offered in the list.
    """

    def __init__(
        self,
        known: Sequence[str],
        *,
        current: str = "",
        first_start: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("Dialogs", "Annotator")
            if not first_start
            else translate("Dialogs", "Welcome to Annotator")
        )
        layout = QVBoxLayout(self)
        text = translate(
            "Dialogs",
            "Who is annotating? Your name is saved with every highlight, so the work "
            "of several annotators can be compared and merged.",
        )
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._combo = QComboBox()
        self._combo.setEditable(True)
        self._combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._combo.addItems([k for k in known if k.lower() not in RESERVED_NAMES])
        self._combo.setEditText(current)
        self._combo.lineEdit().setPlaceholderText(translate("Dialogs", "Your name"))
        layout.addWidget(self._combo)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout.addWidget(self._buttons)
        self._combo.editTextChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(420, self.sizeHint().height())

    def _update_ok(self) -> None:
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(valid_annotator_name(self._combo.currentText()))

    def name(self) -> str:
        return self._combo.currentText().strip()

    def set_name(self, name: str) -> None:
        self._combo.setEditText(name)


# --- go to document ----------------------------------------------------------------


def parse_number(text: str) -> int | None:
    """A document number typed with Western or Arabic-Indic digits (``١٢`` is 12)."""
    text = text.strip().lstrip("#")
    if not text or not all(c.isdecimal() for c in text):
        return None
    return int(text)


class GoToDocumentDialog(QDialog):
    """Jump to a document by its number in the project or by words of its title."""

    MAX_MATCHES = 50

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self.setWindowTitle(translate("Dialogs", "Go to document"))
        layout = QVBoxLayout(self)
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(translate("Dialogs", "Number or title"))
        self.query_edit.setClearButtonEnabled(True)
        layout.addWidget(self.query_edit)
        self._list = QListWidget()
        layout.addWidget(self._list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.query_edit.textChanged.connect(self._update)
        self.query_edit.returnPressed.connect(self.accept)
        self._list.itemActivated.connect(lambda _item: self.accept())
        self.resize(460, 360)
        self._update("")

    def set_query(self, text: str) -> None:
        self.query_edit.setText(text)

    def _update(self, text: str) -> None:
        self._list.clear()
        number = parse_number(text)
        total = self._project.documents.count()
        matches: list[tuple[int, Any]] = []
        if number is not None:
            if 1 <= number <= total:
                infos = self._project.documents.list(number - 1, 1)
                matches = [(number, info) for info in infos]
        elif text.strip():
            infos = self._project.documents.list(0, self.MAX_MATCHES, search=text.strip())
            matches = [(info.order + 1, info) for info in infos]
        for num, info in matches:
            item = QListWidgetItem(f"{num}. {info.title}")
            item.setData(Qt.ItemDataRole.UserRole, int(info.id))
            self._list.addItem(item)
        if self._list.count():
            self._list.setCurrentRow(0)
        self._ok.setEnabled(self._list.count() > 0)

    def selected_doc_id(self) -> DocId | None:
        item = self._list.currentItem()
        return DocId(int(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None

    def accept(self) -> None:
        if self.selected_doc_id() is not None:
            super().accept()
