"""Ctrl+F: find in the article, tolerant of tashkeel, tatweel and hamza forms.

It works like an editor's find bar: the focus stays in the field while you
search; Enter (or F3) selects the next match in the article, Shift+Enter (or
Shift+F3) the previous one, and "3 of 7" says where you are. Escape closes the
bar and puts the focus back in the article with the match still selected, so
the label key that follows labels it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.gui.i18n import fill, translate

__all__ = ["FindBar"]

#: ``find(query, forward)`` → ``(number, total)`` of the match selected, or ``None``.
Finder = Callable[[str, bool], "tuple[int, int] | None"]

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FindBar(QWidget):
    """A line under the article; Enter selects the next match, Shift+Enter the previous."""

    def __init__(self, find: Finder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find = find
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.label = QLabel()
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.edit.textEdited.connect(lambda _text: self._clear_count())
        self.previous_button = QToolButton()
        self.next_button = QToolButton()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.message)
        layout.addWidget(self.close_button)
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
        self.previous_button.setToolTip(translate("MainWindow", "Previous match (Shift+Enter)"))
        self.next_button.setText(translate("MainWindow", "Next"))
        self.next_button.setToolTip(translate("MainWindow", "Next match (Enter, F3)"))
        self.close_button.setToolTip(translate("MainWindow", "Close (Esc)"))

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar; the match stays selected in the article, which gets the focus."""
        self.hide()
        self._clear_count()
        if self.closed is not None:
            self.closed()

    def find_next(self, *, forward: bool = True) -> bool:
        """Select the next (previous) match; with nothing to look for, open the bar."""
        query = self.edit.text()
        if not query.strip():
            self.open_bar()
            return False
        found = self._find(query, forward)
        if found is None:
            self.message.setText(translate("MainWindow", "Not found"))
            self.edit.setStyleSheet("QLineEdit { background: #fde2e2; }")
            return False
        number, total = found
        self.message.setText(fill(translate("MainWindow", "%1 of %2"), number, total))
        self.edit.setStyleSheet("")
        return True

    def count_text(self) -> str:
        """What the bar says about the matches ("3 of 7", "Not found" or "")."""
        return self.message.text()

    def _clear_count(self) -> None:
        self.message.clear()
        self.edit.setStyleSheet("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _ENTER:
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.find_next(forward=not shift)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
