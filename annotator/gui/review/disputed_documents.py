"""The adjudication tab's list of documents to adjudicate, most disputed first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from annotator.core.model import DocId
from annotator.gui.fonts import arabic_font
from annotator.gui.review.adjudication_models import DisagreementDocumentsModel
from annotator.gui.review.agreement_tab import table_view

__all__ = ["DisputedDocumentsView"]


class DisputedDocumentsView(QTableView):
    """The documents to adjudicate, most disputed first: the title and the numbers
    that sort them (the rest in tooltips).

    :signal document_chosen(int): the user chose another document.
    """

    document_chosen = Signal(int)

    def __init__(self, model: DisagreementDocumentsModel, parent: QWidget) -> None:
        super().__init__(parent)
        table_view(model, parent, stretch_last=False, view=self)
        self.setFont(arabic_font(11))
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(model.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for name in ("Annotators", "Claims F1"):
            self.hideColumn(model.COLUMNS.index(name))
        self._model = model
        self._syncing = False
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def show_current(self, doc_id: int) -> None:
        """Select ``doc_id``'s row without choosing it again."""
        row = self._model.row_of(doc_id)
        if row >= 0:
            self._syncing = True
            try:
                self.selectRow(row)
            finally:
                self._syncing = False

    def neighbour(self, doc_id: int | None, step: int) -> DocId | None:
        """The document ``step`` rows after ``doc_id`` (clamped), ``None`` if the same."""
        if not self._model.rowCount():
            return None
        current = self._model.row_of(doc_id) if doc_id is not None else -1
        target = min(max(current + step, 0), self._model.total() - 1)
        return self._model.doc_id_at(target) if target != current else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid():
            self.document_chosen.emit(int(self._model.doc_id_at(current.row())))
