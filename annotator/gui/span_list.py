"""Side list of the open document's spans: click to jump, Delete to remove.

A table model over the editor's :class:`~annotator.gui.highlighter.SpanIndex`.
An edit resets it. The view is a ``QTableView`` on purpose: after a reset a
``QListView`` lays out every row and calls the Python ``rowCount`` twice per
row (20,000 calls, ~20 ms, for 10,000 spans: more than a frame per key press),
while a table asks only for the rows it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.core.note_edits import span_flag, span_note
from annotator.core.tokenizer import has_loose_edges
from annotator.gui.common import plain_tooltip, snippet
from annotator.gui.highlighter import SpanIndex
from annotator.gui.i18n import fill, translate

__all__ = ["SpanListModel", "SpanListWidget"]

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Shown before the text of a span with punctuation or a space at an edge.
LOOSE_EDGE_MARK = "⚠"
#: Shown before the text of a span its annotator flagged "unsure".
UNSURE_MARK = "⚑"
#: Shown before the text of a span with a note (its tooltip shows the note).
NOTE_MARK = "✎"
_SNIPPET = 60

ModelIndex = QModelIndex | QPersistentModelIndex


class SpanListModel(QAbstractTableModel):
    COLUMNS = ("Label", "Text")

    def __init__(self, index: SpanIndex, parent: Any = None) -> None:
        super().__init__(parent)
        self._index = index
        self._rows: list[Span] = []
        self._colors: dict[str, str] = {}
        #: plain-text lines a feature adds about a span (attributes, claimer): shown
        #: after its text and in its tooltip
        self.details: Callable[[Span], list[str]] = lambda _span: []

    def set_colors(self, colors: dict[str, str]) -> None:
        self._colors = dict(colors)

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = list(self._index.sorted_spans())
        self.endResetModel()

    def loose_edges(self, span: Span) -> bool:
        """The span starts or ends with whitespace, punctuation or tatweel."""
        return has_loose_edges(self._index.text[span.start : span.end])

    def span_at(self, row: int) -> Span | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, span_id: str) -> int:
        # The rows are the index's sorted list as of the last refresh.
        return self._index.position(span_id)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802 (Qt)
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            # Literal strings, so that pyside6-lupdate finds them.
            return (
                translate("SpanListModel", "Label")
                if section == 0
                else translate("SpanListModel", "Text")
            )
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        span = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return span.label
            text = snippet(self._index.text[span.start : span.end], _SNIPPET)
            # A span kept in exact mode with a comma or quote at its edge is marked:
            # snapping never makes one, and a model would learn the punctuation.
            marks = [LOOSE_EDGE_MARK] if self.loose_edges(span) else []
            if span_flag(span.attrs):
                marks.append(UNSURE_MARK)
            if span_note(span.attrs):
                marks.append(NOTE_MARK)
            details = self.details(span)
            return " ".join([*marks, text]) + (" — " + " · ".join(details) if details else "")
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(self._colors.get(span.label, "#cccccc"))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{span.label} {span.start}–{span.end}\n{span.annotator}\n{span.updated}"
            if self.loose_edges(span):
                tip += "\n" + translate(
                    "SpanListModel", "Starts or ends with punctuation or a space."
                )
            if span_flag(span.attrs):
                tip += "\n" + translate("SpanListModel", "Unsure")
            note = span_note(span.attrs)
            if note:
                tip += "\n" + fill(translate("SpanListModel", "Note: %1"), note)
            tip += "".join("\n" + line for line in self.details(span))
            return plain_tooltip(tip)
        if role == SPAN_ID_ROLE:
            return span.id
        return None


class _TableView(QTableView):
    delete_pressed = Signal()
    note_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_F2:
            self.note_pressed.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SpanListWidget(QWidget):
    """The spans of the open document, in text order.

    :signal span_activated(str): the user picked a span (click or Enter).
    :signal delete_requested(str): the user pressed Delete on a span.
    :signal note_requested(str): the user pressed F2 on a span (its note).
    """

    span_activated = Signal(str)
    delete_requested = Signal(str)
    note_requested = Signal(str)

    def __init__(self, index: SpanIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SpanListModel(index, self)
        self.view = _TableView(self)
        self.view.setModel(self.model)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        # A fixed label column (see set_colors): measuring contents would ask the
        # model for every shown row again after each edit.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.clicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        self.view.delete_pressed.connect(self._delete)
        self.view.note_pressed.connect(self._note)
        self._count = QLabel(self)
        self._count.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._count)
        layout.addWidget(self.view, 1)
        self.refresh()

    def set_labels(self, colors: dict[str, str]) -> None:
        """Label colours (name → "#rrggbb"); sizes the label column to the longest name."""
        self.model.set_colors(colors)
        metrics = self.view.fontMetrics()
        widest = max((metrics.horizontalAdvance(name) for name in colors), default=40)
        self.view.horizontalHeader().resizeSection(0, widest + 40)  # + swatch and padding

    def refresh(self) -> None:
        self.model.refresh()
        # No "%n" plural: pyside6-lupdate does not mark Python plurals, so Qt
        # would never find their translation.
        self._count.setText(fill(translate("SpanListWidget", "Spans: %1"), self.model.rowCount()))

    def select_span(self, span_id: str) -> None:
        """Show ``span_id`` as the current row (or clear the selection for "")."""
        selection = self.view.selectionModel()
        row = self.model.row_of(span_id) if span_id else -1
        if row < 0:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        span = self.model.span_at(index.row())
        if span is not None:
            self.span_activated.emit(span.id)

    def _delete(self) -> None:
        span = self.model.span_at(self.view.currentIndex().row())
        if span is not None:
            self.delete_requested.emit(span.id)

    def _note(self) -> None:
        span = self.model.span_at(self.view.currentIndex().row())
        if span is not None:
            self.note_requested.emit(span.id)
