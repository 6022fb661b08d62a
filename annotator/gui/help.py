"""Help menu: the keyboard shortcuts sheet (also on ``?`` and F1) and About with versions."""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label
from annotator.gui.claim_links import claim_shortcut_rows
from annotator.gui.i18n import translate
from annotator.gui.palette import label_keys

__all__ = ["ShortcutsDialog", "about_text", "shortcut_rows", "versions"]


def shortcut_rows(labels: list[Label]) -> list[tuple[str, str]]:
    """(keys, what they do): the window's keys, then each label's keys."""
    rows = [
        ("Ctrl+F", translate("Help", "Find in the article")),
        ("Enter / F3", translate("Help", "Next match (the focus stays in the find field)")),
        ("Shift+Enter / Shift+F3", translate("Help", "Previous match")),
        (
            "Esc",
            translate(
                "Help", "Close the find bar (the match stays selected) / clear the selection"
            ),
        ),
        (
            "Ctrl+Shift+F",
            translate("Help", "Find in all documents (tashkeel and hamza forms ignored)"),
        ),
        (
            translate("Help", "Enter / double click on a match"),
            translate("Help", "Open its document with the match selected (a label key labels it)"),
        ),
        ("Ctrl+Z", translate("Help", "Undo (another document's edit is shown first)")),
        ("Ctrl+Shift+Z / Ctrl+Y", translate("Help", "Redo")),
        ("Ctrl+Shift+X", translate("Help", "Exact characters on or off (no snapping to words)")),
        ("Alt+drag", translate("Help", "Exact characters for one selection")),
        (
            translate("Help", "Double click / triple click"),
            translate("Help", "Select a word / a sentence"),
        ),
        (
            "Delete / Backspace",
            translate("Help", "Delete the selected span / reject the selected suggestion"),
        ),
        ("F2", translate("Help", 'Note and "unsure" flag of the selected span')),
        ("Ctrl+Shift+N", translate("Help", 'Note and "unsure" flag of the open document')),
        ("Ctrl+Shift+O", translate("Help", "Show others' spans and gold")),
        ("Tab / Shift+Tab", translate("Help", "Select the next / previous suggestion")),
        (
            translate("Help", "Enter / Space"),
            translate("Help", "Accept the selected suggestion (or the one under the cursor)"),
        ),
        (
            translate("Help", "Label key on a suggestion"),
            translate("Help", "Accept the suggestion with that label"),
        ),
        ("Ctrl+Shift+A", translate("Help", "Accept every suggestion left in the document")),
        ("Ctrl+Shift+L", translate("Help", "Label all occurrences of the selected span…")),
        ("Ctrl+Enter", translate("Help", "Mark done and go to the next document")),
        ("Ctrl+Shift+Enter", translate("Help", "Mark skipped and go to the next document")),
        ("PgDown / PgUp", translate("Help", "Next / previous document")),
        ("Ctrl+G", translate("Help", "Go to document…")),
        ("Ctrl+= / Ctrl+- / Ctrl+0", translate("Help", "Zoom in / out / reset")),
        ("Ctrl+I / Ctrl+E", translate("Help", "Import / export")),
        ("? / F1", translate("Help", "This list")),
    ]
    keys: dict[str, list[str]] = {}
    for key, name in label_keys(labels).items():
        keys.setdefault(name, []).append(key)
    for label in labels:
        if label.name in keys:
            rows.append((" · ".join(keys[label.name]), f"{label.name} ({label.kind.value})"))
    rows += claim_shortcut_rows(labels)
    return rows


class ShortcutsDialog(QDialog):
    """Every key of the window and of the project's labels, in a table (plain text)."""

    def __init__(self, labels: list[Label], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Help", "Keyboard shortcuts"))
        rows = shortcut_rows(labels)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([translate("Help", "Keys"), translate("Help", "Does")])
        for row, (keys, what) in enumerate(rows):
            for column, text in enumerate((keys, what)):
                item = QTableWidgetItem(text)  # plain text: label names are data
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)


def versions() -> dict[str, str]:
    """The versions a bug report needs."""

    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "Annotator": dist("annotator"),
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": pyside_version,
        "spaCy": dist("spacy"),
        "SQLite": sqlite3.sqlite_version,
        "sqlite-utils": dist("sqlite-utils"),
        "OS": platform.platform(),
    }


def about_text() -> str:
    lines = [
        translate("Help", "Annotator: entities, places and claims in Arabic news, offline."),
        "",
    ]
    lines += [f"{name}: {version}" for name, version in versions().items()]
    return "\n".join(lines)


def about_dialog(parent: QWidget | None = None) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("Help", "About Annotator"))
    text = QLabel(about_text(), dialog)
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    return dialog
