"""Attribute keys of the selected span, as its label defines them (stance, check-worthy).

- **Ctrl+1 … Ctrl+9** set the first *choice* attribute of the selected span's
  label to its first … ninth value (CLAIM: ``stance`` asserts, denies, doubts,
  reports); pressing the value it already has clears it.
- **Ctrl+Shift+W** steps the first *yes/no* attribute (CLAIM: ``check_worthy``)
  through yes → no → not set.
- **F4** opens a small dialog with every attribute of the label: a list for a
  choice, yes/no, and a line for a text attribute; OK is one undo step.

Each is a core edit (:class:`~annotator.core.claim_edits.SetAttribute`,
:class:`~annotator.core.claim_edits.SetAttributes`) run through the session.
The keys come from the label set, not code: a team's own attributes get them too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.attributes import AttributeDef, attribute_values
from annotator.core.change import Edit
from annotator.core.claim_edits import SetAttribute, SetAttributes
from annotator.core.errors import AnnotatorError
from annotator.core.model import Label, Span
from annotator.gui.common import isolate, menu_text, snippet
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import error_text

if TYPE_CHECKING:
    from annotator.gui.editor import AnnotationEditor

__all__ = [
    "ATTRIBUTES_DIALOG_KEY",
    "YES_NO_KEY",
    "AttributesDialog",
    "ClaimAttributes",
    "attributes_text",
    "first_of_type",
]

YES_NO_KEY = "Ctrl+Shift+W"
ATTRIBUTES_DIALOG_KEY = "F4"
_NEXT_YES_NO: dict[Any, Any] = {None: True, True: False, False: None}


def shown_value(value: Any) -> str:
    if isinstance(value, bool):
        return translate("ClaimAttributes", "yes") if value else translate("ClaimAttributes", "no")
    return str(value)


def attributes_text(label: Label | None, attrs: Mapping[str, Any]) -> list[str]:
    """``stance: denies``, ``check_worthy: yes``: a span's defined attributes, plain text."""
    if label is None:
        return []
    return [f"{k}: {shown_value(v)}" for k, v in attribute_values(label.attributes, attrs).items()]


def first_of_type(label: Label | None, kind: str) -> AttributeDef | None:
    if label is None:
        return None
    return next((a for a in label.attributes if a.type == kind), None)


class AttributesDialog(QDialog):
    """Every attribute of one span's label; :meth:`values` holds what changed."""

    def __init__(
        self, what: str, label: Label, attrs: Mapping[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ClaimAttributes", "Attributes"))
        self._label = label
        self._attrs = dict(attrs)
        self.fields: dict[str, QComboBox | QLineEdit] = {}
        heading = QLabel(what, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)  # the span's text is data
        heading.setWordWrap(True)
        form = QFormLayout()
        for attribute in label.attributes:
            current = attrs.get(attribute.key)
            widget: QComboBox | QLineEdit
            if attribute.type == "text":
                widget = QLineEdit(self)
                widget.setMaxLength(attribute.max_length)
                widget.setText(current if isinstance(current, str) else "")
            else:
                widget = QComboBox(self)
                widget.addItem(translate("ClaimAttributes", "(not set)"), None)
                choices: tuple[Any, ...] = (
                    attribute.values if attribute.type == "choice" else (True, False)
                )
                for value in choices:
                    widget.addItem(shown_value(value), value)
                widget.setCurrentIndex(
                    max(0, widget.findData(current)) if current is not None else 0
                )
            widget.setToolTip(attribute.description)
            name = QLabel(attribute.key, self)
            name.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(name, widget)
            self.fields[attribute.key] = widget
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        """The attributes the user changed: key → new value (``None``: cleared)."""
        changed: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                value: Any = widget.text().strip() or None
            else:
                value = widget.currentData()
            if value != self._attrs.get(key):
                changed[key] = value
        return changed


class ClaimAttributes(QObject):
    """The attribute keys of one editor."""

    def __init__(self, editor: AnnotationEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self._session = editor.session
        self.actions: dict[str, QAction] = {}
        for number in range(1, 10):
            self._action(f"Ctrl+{number}", lambda n=number: self.set_choice(n))
        self._action(YES_NO_KEY, self.step_yes_no)
        self._action(ATTRIBUTES_DIALOG_KEY, self.edit_in_dialog)

    def _action(self, key: str, slot: Any) -> None:
        # Shortcuts, not a key handler: on X11 Qt's shortcut map also tries a key's
        # Latin letter under an Arabic layout.
        action = QAction(self._editor)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _c=False: slot())
        self._editor.addAction(action)
        self.actions[key] = action

    def _selected(self) -> tuple[Span, Label] | None:
        editor = self._editor
        span = next((s for s in editor.spans() if s.id == editor.selected_span()), None)
        if span is None:
            editor.status_message.emit(
                translate("ClaimAttributes", "Click a span first, then set its attributes.")
            )
            return None
        return span, editor.label(span.label)

    def _what(self, span: Span) -> str:
        return f"{span.label} «{isolate(snippet(self._editor.text()[span.start : span.end]))}»"

    def set_choice(self, number: int) -> bool:
        """Value ``number`` (from 1) of the first choice attribute; again: cleared."""
        chosen = self._selected()
        if chosen is None:
            return False
        span, label = chosen
        attribute = first_of_type(label, "choice")
        if attribute is None or not 1 <= number <= len(attribute.values):
            self._say_none(label, "choice")
            return False
        value: Any = attribute.values[number - 1]
        if span.attrs.get(attribute.key) == value:
            value = None
        return self._set(span, attribute.key, value)

    def step_yes_no(self) -> bool:
        """The first yes/no attribute: not set → yes → no → not set."""
        chosen = self._selected()
        if chosen is None:
            return False
        span, label = chosen
        attribute = first_of_type(label, "yes/no")
        if attribute is None:
            self._say_none(label, "yes/no")
            return False
        return self._set(span, attribute.key, _NEXT_YES_NO[span.attrs.get(attribute.key)])

    def edit_in_dialog(self) -> bool:
        """Every attribute of the selected span in a dialog (F4); OK is one undo step."""
        chosen = self._selected()
        if chosen is None:
            return False
        span, label = chosen
        if not label.attributes:
            self._say_none(label, "")
            return False
        dialog = AttributesDialog(self._what(span), label, span.attrs, self._editor)
        self.dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.values():
            return False
        text = fill(translate("ClaimAttributes", "Attributes of %1"), self._what(span))
        return self._run(SetAttributes(span.id, dialog.values()), text)

    def _set(self, span: Span, key: str, value: Any) -> bool:
        if value is None:
            text = fill(translate("ClaimAttributes", "Clear %1: %2"), key, self._what(span))
        else:
            text = fill(
                translate("ClaimAttributes", "Set %1 to %2: %3"),
                key,
                shown_value(value),
                self._what(span),
            )
        made = self._run(SetAttribute(span.id, key, value), text)
        if made:
            self._editor.status_message.emit(text)
        return made

    def _run(self, edit: Edit, text: str) -> bool:
        try:
            change = self._session.run(edit, text=menu_text(text), initiator=self)
        except AnnotatorError as exc:
            self._editor.status_message.emit(error_text(exc))
            return False
        return change is not None

    def _say_none(self, label: Label, kind: str) -> None:
        if kind == "choice":
            message = translate("ClaimAttributes", "%1 has no choice attribute with that number.")
        elif kind == "yes/no":
            message = translate("ClaimAttributes", "%1 has no yes/no attribute.")
        else:
            message = translate("ClaimAttributes", "%1 has no attributes (see Manage labels).")
        self._editor.status_message.emit(fill(message, label.name))
