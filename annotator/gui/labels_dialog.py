"""Labels → Manage labels: add, rename, recolour, reorder, set the key, description and attributes.

Each change is a core edit (:mod:`annotator.core.label_edits`) run through the
project's session: in the file at once, on the undo stack, shown in every
window. The core checks every value; a refusal (a key another label holds,
named in the message; a colour that is not ``#rrggbb``; a name taken) is
shown here with its code and nothing changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.attributes import AttributeDef, attributes_from_text, attributes_to_text
from annotator.core.change import Edit
from annotator.core.errors import AnnotatorError
from annotator.core.label_edits import AddLabel, MoveLabel, UpdateLabel
from annotator.core.model import Label, LabelKind
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import ProjectSession

__all__ = ["LabelsDialog"]

_NEW_COLOUR = "#aaaa00"  # Tol's light olive: the one colour of the scheme the defaults leave


class LabelsDialog(QDialog):
    """The project's labels in palette order, and a form for the chosen one."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(translate("Labels", "Labels"))
        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(lambda _row: self._fill_form())
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        for kind in LabelKind:
            self.kind.addItem(kind.value, kind.value)
        self.colour = QLineEdit(self)
        self.colour_button = QPushButton(translate("Labels", "Choose…"), self)
        self.colour_button.clicked.connect(self._choose_colour)
        self.shortcut = QLineEdit(self)
        self.shortcut.setMaxLength(1)
        self.description = QLineEdit(self)
        self.description_ar = QLineEdit(self)
        self.description_ar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        # A label's attributes in one line: "stance: asserts | denies; check_worthy: yes/no".
        self.attributes = QLineEdit(self)
        self.attributes.setPlaceholderText(
            "stance: asserts | denies; check_worthy: yes/no; note: text"
        )
        self.attributes.setToolTip(
            translate(
                "Labels",
                "Attributes of this label's spans, separated by ';': a choice (key: a | b | c), "
                "yes/no (key: yes/no) or a short text (key: text, or key: text 40).",
            )
        )
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it names labels and values
        self.message.setWordWrap(True)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour, 1)
        colour_row.addWidget(self.colour_button)
        form = QFormLayout()
        form.addRow(translate("Labels", "Name"), self.name)
        form.addRow(translate("Labels", "Kind"), self.kind)
        form.addRow(translate("Labels", "Colour"), colour_row)
        form.addRow(translate("Labels", "Key"), self.shortcut)
        form.addRow(translate("Labels", "Description"), self.description)
        form.addRow(translate("Labels", "Description (Arabic)"), self.description_ar)
        form.addRow(translate("Labels", "Attributes"), self.attributes)
        self.apply_button = QPushButton(translate("Labels", "Apply to the chosen label"), self)
        self.add_button = QPushButton(translate("Labels", "Add as a new label"), self)
        self.up_button = QPushButton(translate("Labels", "Move up"), self)
        self.down_button = QPushButton(translate("Labels", "Move down"), self)
        self.apply_button.clicked.connect(self.apply_form)
        self.add_button.clicked.connect(self.add_from_form)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        buttons = QHBoxLayout()
        for button in (self.apply_button, self.add_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addWidget(self.message)
        right.addStretch(1)
        top.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(close)
        session.changes_did_happen.connect(self._changed)
        self.reload()
        self.resize(760, 420)

    # --- state -----------------------------------------------------------------------

    def labels(self) -> list[Label]:
        return self._session.project.labels.list()

    def chosen(self) -> Label | None:
        item = self.list.currentItem()
        if item is None:
            return None
        name = item.data(Qt.ItemDataRole.UserRole)
        return next((label for label in self.labels() if label.name == name), None)

    def choose(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(row)
                return

    def reload(self) -> None:
        current = self.chosen()
        self.list.blockSignals(True)
        self.list.clear()
        for label in self.labels():
            key = f"  [{label.shortcut}]" if label.shortcut else ""
            item = QListWidgetItem(f"{label.name}  ({label.kind.value}){key}")
            item.setData(Qt.ItemDataRole.UserRole, label.name)
            item.setData(Qt.ItemDataRole.DecorationRole, QColor(label.color))
            item.setToolTip(label.description)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if current is not None:
            self.choose(current.name)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._fill_form()

    def _fill_form(self) -> None:
        label = self.chosen()
        if label is None:
            return
        self.name.setText(label.name)
        self.kind.setCurrentIndex(self.kind.findData(label.kind.value))
        self.colour.setText(label.color)
        self.shortcut.setText(label.shortcut)
        self.description.setText(label.description)
        self.description_ar.setText(label.description_ar)
        self.attributes.setText(attributes_to_text(label.attributes))

    def _changed(self, change: object, _initiator: object) -> None:
        if getattr(change, "labels_changed", False):
            self.reload()

    # --- actions (each one core edit) ----------------------------------------------

    def _run(self, edit: Edit, text: str) -> bool:
        try:
            change = self._session.run(edit, text=text, initiator=self)
        except AnnotatorError as exc:
            self.message.setText(str(exc))  # with its code; nothing changed
            return False
        if change is None:
            return False
        self.message.clear()
        self.reload()
        return True

    def apply_form(self) -> bool:
        """Store the form's values on the chosen label (rename, colour, key, descriptions)."""
        label = self.chosen()
        if label is None:
            return False
        wanted = {
            "name": self.name.text().strip(),
            "color": self.colour.text().strip().lower(),
            "shortcut": self.shortcut.text().strip(),
            "description": self.description.text().strip(),
            "description_ar": self.description_ar.text().strip(),
        }
        changes: dict[str, Any] = {k: v for k, v in wanted.items() if v != getattr(label, k)}
        try:
            attributes = self._attributes(keep=label.attributes)
        except AnnotatorError as exc:
            self.message.setText(str(exc))
            return False
        if attributes != label.attributes:
            changes["attributes"] = attributes
        if not changes:
            return False
        ok = self._run(
            UpdateLabel(label.name, changes),
            fill(translate("Labels", "Edit label %1"), label.name),
        )
        if ok:
            self.choose(str(changes.get("name", label.name)))
        return ok

    def add_from_form(self) -> bool:
        """A new label from the form's values, at the end of the palette."""
        name = self.name.text().strip()
        try:
            attributes = self._attributes(keep=())
        except AnnotatorError as exc:
            self.message.setText(str(exc))
            return False
        label = Label(
            name,
            LabelKind(self.kind.currentData()),
            self.colour.text().strip().lower() or _NEW_COLOUR,
            self.shortcut.text().strip(),
            self.description.text().strip(),
            self.description_ar.text().strip(),
            attributes=attributes,
        )
        ok = self._run(AddLabel(label), fill(translate("Labels", "Add label %1"), name))
        if ok:
            self.choose(name)
        return ok

    def _attributes(self, *, keep: tuple[AttributeDef, ...]) -> tuple[AttributeDef, ...]:
        """The form's attributes line as definitions (``InvalidAttribute`` names what is wrong)."""
        where = self.name.text().strip() or translate("Labels", "the label")
        return attributes_from_text(self.attributes.text(), where=where, keep=keep)

    def move(self, step: int) -> bool:
        label = self.chosen()
        if label is None:
            return False
        return self._run(
            MoveLabel(label.name, step), fill(translate("Labels", "Move label %1"), label.name)
        )

    def _choose_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self.colour.text() or _NEW_COLOUR), self)
        if colour.isValid():
            self.colour.setText(colour.name())
