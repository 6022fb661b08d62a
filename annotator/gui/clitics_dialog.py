"""Annotator → Clitic policy…: where proclitics go, as ``annotator clitics`` sets it.

The two choices are explained with an example from the sample article, and so
is what happens to the spans already made (kept as they are; exports report
those off the new tokens). The change is the core edit
:class:`~annotator.core.project_edits.SetCliticPolicy`, so Ctrl+Z undoes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.project_edits import SetCliticPolicy
from annotator.gui.i18n import fill, translate

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

__all__ = ["CliticPolicyDialog", "choose_clitic_policy"]

POLICIES = ("inside", "outside")


class CliticPolicyDialog(QDialog):
    """Two choices, each explained; :meth:`policy` is the one chosen.

    :param spans: how many spans the project holds (what the note about existing
        spans counts).
    """

    def __init__(self, current: str, *, spans: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CliticPolicyDialog", "Clitic policy"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "CliticPolicyDialog",
                "Where do the proclitics و ف ب ك ل (and لل) go when a word is an entity?",
            ),
            self,
        )
        layout.addWidget(intro)
        self.buttons = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        texts = {
            "inside": (
                translate("CliticPolicyDialog", "&Inside entities (default)"),
                translate(
                    "CliticPolicyDialog",
                    "بالبوكمال stays one word and a span on it takes the ب, as ANERcorp "
                    "and Wojood annotate.",
                ),
            ),
            "outside": (
                translate("CliticPolicyDialog", "&Outside entities"),
                translate(
                    "CliticPolicyDialog",
                    "A proclitic before ال is a word of its own: بالبوكمال is ب + البوكمال, "
                    "selections snap to البوكمال, and exports and the config.cfg tokenizer "
                    "split it the same way.",
                ),
            ),
        }
        for policy in POLICIES:
            title, explanation = texts[policy]
            button = QRadioButton(title, self)
            button.setChecked(policy == current)
            self.buttons.addButton(button)
            self.choices[policy] = button
            layout.addWidget(button)
            label = QLabel(explanation, self)
            label.setWordWrap(True)
            label.setIndent(24)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        self.existing = QLabel(
            fill(
                translate(
                    "CliticPolicyDialog",
                    "The %1 spans already made are kept as they are. Exports list those that "
                    "no longer fall on tokens (report.json, misaligned) and treat them by "
                    "their misaligned policy. Undo (Ctrl+Z) brings the old policy back.",
                ),
                str(spans),
            ),
            self,
        )
        self.existing.setWordWrap(True)
        self.existing.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.existing)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def policy(self) -> str:
        return next(p for p, button in self.choices.items() if button.isChecked())


def choose_clitic_policy(window: MainWindow) -> None:
    """Ask for the policy; a new one is an undoable edit, and the editor snaps by it."""
    project = window.project
    current = project.clitics
    dialog = CliticPolicyDialog(
        current, spans=project.spans.count() + project.gold.count(), parent=window
    )
    if dialog.exec() != CliticPolicyDialog.DialogCode.Accepted or dialog.policy() == current:
        return
    text = (
        translate("CliticPolicyDialog", "Proclitics outside entities")
        if dialog.policy() == "outside"
        else translate("CliticPolicyDialog", "Proclitics inside entities")
    )
    try:
        change = window.session.run(SetCliticPolicy(dialog.policy()), text=text)
    except AnnotatorError as exc:
        window.show_message(fill(translate("CliticPolicyDialog", "Not changed: %1"), str(exc)))
        return
    if change is not None:
        window.show_message(text)
