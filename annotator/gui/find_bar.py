"""Ctrl+F: find in the article, tolerant of tashkeel, tatweel and hamza forms."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.gui.i18n import translate

__all__ = ["FindBar"]


class FindBar(QWidget):
    """Ctrl+F: a line under the article; Enter selects the next match, Shift+Enter the previous."""

    def __init__(self, find: Callable[[str, bool], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find = find
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.label = QLabel()
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.previous_button = QToolButton()
        self.next_button = QToolButton()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.message = QLabel()
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.message)
        layout.addWidget(self.close_button)
        self.edit.returnPressed.connect(
            lambda: self.find_next(
                forward=not (
                    QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
                )
            )
        )
        self.next_button.clicked.connect(lambda: self.find_next(forward=True))
        self.previous_button.clicked.connect(lambda: self.find_next(forward=False))
        self.close_button.clicked.connect(self.close_bar)
        self.closed: Callable[[], None] | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(translate("MainWindow", "Find:"))
        self.edit.setPlaceholderText(
            translate("MainWindow", "Text in the article (tashkeel and hamza forms ignored)")
        )
        self.previous_button.setText(translate("MainWindow", "Previous"))
        self.next_button.setText(translate("MainWindow", "Next"))
        self.close_button.setToolTip(translate("MainWindow", "Close (Esc)"))

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.message.clear()
        if self.closed is not None:
            self.closed()

    def find_next(self, *, forward: bool = True) -> bool:
        query = self.edit.text()
        if not query.strip():
            return False
        found = self._find(query, forward)
        self.message.setText("" if found else translate("MainWindow", "Not found"))
        self.edit.setStyleSheet("" if found else "QLineEdit { background: #fde2e2; }")
        return found

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
