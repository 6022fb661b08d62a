"""The documents dock of the main window: search titles, filter by status, the list.

It shows a :class:`~annotator.gui.documents_model.DocumentsModel` and says
which document the user chose (``document_chosen``); the window opens it.
Moving through the list (next, previous, the next one that needs work) is
:meth:`DocumentsDock.neighbour`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from itertools import chain

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.change import Change
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.gui.documents_model import NOT_DONE, NOTE_MARK, UNSURE_MARK, DocumentsModel
from annotator.gui.i18n import translate
from annotator.gui.ops import REDO, UNDO, ProjectSession

__all__ = ["DocumentsDock"]


class DocumentsDock(QDockWidget):
    """Search, status filter and the lazy document table.

    :signal document_chosen(int): the user picked a row (click, keys).
    """

    document_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentsDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self._model: DocumentsModel | None = None
        self._session: ProjectSession | None = None
        self._current: DocId | None = None
        self._syncing_selection = False
        # The open document's row was scrolled to and the user has not scrolled since:
        # keep it in view while the list gets its size (it opens before it is shown).
        self._revealing = False
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        row = QHBoxLayout()
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.status_filter)
        layout.addLayout(row)
        self.view = QTableView()
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        view.verticalHeader().hide()
        # Fixed row heights: the view never asks all rows for their size.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().actionTriggered.connect(self._user_scrolled)
        layout.addWidget(view, 1)
        self.setWidget(panel)
        self.setMinimumWidth(260)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_search)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)

    @property
    def model(self) -> DocumentsModel:
        assert self._model is not None
        return self._model

    def set_project(self, project: Project, annotator: str) -> DocumentsModel:
        """Show ``project``'s documents with ``annotator``'s statuses (a new model)."""
        old_model = self._model
        model = DocumentsModel(
            project,
            annotator,
            status_filter=self.status_filter.currentData(),
            search=self.search_edit.text(),
            parent=self,
        )
        self.view.setModel(model)
        self._model = model
        self.size_number_columns(project.documents.count())
        self._show_uncertainty_column()
        model.uncertainty_changed.connect(self._show_uncertainty_column)
        self.view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        model.modelReset.connect(lambda: self.show_current(self._current))
        if old_model is not None:
            old_model.deleteLater()
        self._follow_notes(ProjectSession.of(project))
        return model

    def _follow_notes(self, session: ProjectSession) -> None:
        """Repaint a row whose document note changed (an edit, undo, redo, another window)."""
        if self._session is not None and self._session is not session:
            with contextlib.suppress(RuntimeError):  # gone already: Qt disconnected it
                self._session.changes_did_happen.disconnect(self._on_changes)
        if self._session is not session:
            session.changes_did_happen.connect(self._on_changes)
        self._session = session

    def _on_changes(self, change: Change, initiator: object) -> None:
        if not change.document_note_changed or change.doc_id is None or self._model is None:
            return
        self._model.refresh_note(change.doc_id)
        # An undo never acts unseen: the document whose note came back opens.
        if initiator in (UNDO, REDO) and change.doc_id != self._current:
            self.document_chosen.emit(int(change.doc_id))

    def close_project(self) -> None:
        """Nothing may ask the closed project for rows afterwards."""
        self._search_timer.stop()
        self.view.setModel(None)

    def size_number_columns(self, documents: int) -> None:
        """Fixed widths for the number columns, from the widest possible number.

        ResizeToContents would ask up to 1,000 rows for their text on every
        fetch, which made scrolling a 100,000-document list take seconds.
        """
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        digits = "0" * max(3, len(str(documents)))
        icon_size = self.view.iconSize()  # (-1, -1) unless set: the style's small icons
        icon = (
            icon_size.width()
            if icon_size.isValid()
            else self.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(DocumentsModel.COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(
            DocumentsModel.COLUMN_NUMBER, metrics.horizontalAdvance(digits) + icon + 24
        )
        header.resizeSection(
            DocumentsModel.COLUMN_NOTE,
            metrics.horizontalAdvance(f"{UNSURE_MARK} {NOTE_MARK}") + 16,
        )
        header.resizeSection(
            DocumentsModel.COLUMN_WORDS,
            max(
                metrics.horizontalAdvance("000000"),
                metrics.horizontalAdvance(
                    header.model().headerData(
                        DocumentsModel.COLUMN_WORDS, Qt.Orientation.Horizontal
                    )
                ),
            )
            + 20,
        )
        header.resizeSection(
            DocumentsModel.COLUMN_UNCERTAINTY, metrics.horizontalAdvance("0.00") + 16
        )

    def _show_uncertainty_column(self) -> None:
        # An empty column would take the title's room in a narrow dock.
        hidden = not self.model.has_uncertainty()
        self.view.setColumnHidden(DocumentsModel.COLUMN_UNCERTAINTY, hidden)

    def show_current(self, doc_id: DocId | None) -> None:
        """Select the row of the open document, wherever it is in the list, and show it
        (none selected when the filter or the search hides it)."""
        self._current = doc_id
        row = self.model.row_of(doc_id)
        self._syncing_selection = True
        try:
            if row is None:
                self.view.clearSelection()
            else:
                index = self.model.index(row, DocumentsModel.COLUMN_TITLE)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index, self._scroll_hint(row))
                self._revealing = True
        finally:
            self._syncing_selection = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.view.viewport()
            and self._revealing
            and self._model is not None
        ):
            row = self._model.row_of(self._current)
            if row is not None:
                index = self._model.index(row, DocumentsModel.COLUMN_TITLE)
                if not self.view.viewport().rect().contains(self.view.visualRect(index)):
                    self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return super().eventFilter(watched, event)

    def _user_scrolled(self, _action: int) -> None:
        self._revealing = False

    def _scroll_hint(self, row: int) -> QAbstractItemView.ScrollHint:
        """Step to a row near the visible ones (next, previous); centre a far one."""
        view = self.view
        top = view.rowAt(0)
        bottom = view.rowAt(view.viewport().height() - 1)
        if top < 0:  # not laid out yet, or an empty list
            return QAbstractItemView.ScrollHint.PositionAtCenter
        if bottom < 0:
            bottom = self.model.rowCount() - 1
        page = bottom - top + 1
        near = top - page <= row <= bottom + page
        return (
            QAbstractItemView.ScrollHint.EnsureVisible
            if near
            else QAbstractItemView.ScrollHint.PositionAtCenter
        )

    def neighbour(
        self,
        current: DocId | None,
        *,
        forward: bool,
        wanted: Callable[[DocId], bool] | None = None,
        wrap: bool = False,
    ) -> DocId | None:
        """The next (previous) document in the list, else in project order."""
        model = self.model
        accept = wanted or (lambda _d: True)
        row = model.row_of(current)
        if row is not None or current is None:
            start = row if row is not None else -1
            found = model.find_row(start, lambda d: d != current and accept(d), forward=forward)
            if found is None and wrap:
                found = model.find_row(-1, lambda d: d != current and accept(d))
            return model.doc_id_at(found) if found is not None else None
        # The current document is not in the (filtered) list: walk the project order.
        ids = model.project_ids()
        position = model.project_position(current)
        if position is None:
            position = -1
        order = (
            chain(range(position + 1, len(ids)), range(position) if wrap else ())
            if forward
            else range(position - 1, -1, -1)
        )
        return next((ids[p] for p in order if accept(ids[p])), None)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(translate("MainWindow", "Documents"))
        self.search_edit.setPlaceholderText(translate("MainWindow", "Search titles"))
        self._fill_status_filter()
        if self._model is not None:
            model = self._model
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)

    def _fill_status_filter(self) -> None:
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        for text, value in (
            (translate("MainWindow", "All"), None),
            (translate("MainWindow", "Not done"), NOT_DONE),
            (translate("MainWindow", "New"), Status.NEW.value),
            (translate("MainWindow", "In progress"), Status.IN_PROGRESS.value),
            (translate("MainWindow", "Done"), Status.DONE.value),
            (translate("MainWindow", "Skipped"), Status.SKIPPED.value),
        ):
            self.status_filter.addItem(text, value)
        index = self.status_filter.findData(current)
        self.status_filter.setCurrentIndex(max(index, 0))
        self.status_filter.blockSignals(False)

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_selection or not current.isValid():
            return
        doc_id = self.model.doc_id_at(current.row())
        if doc_id is not None and doc_id != self._current:
            self.document_chosen.emit(int(doc_id))

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_edit.text())

    def _apply_filter(self, _index: int = 0) -> None:
        self.model.set_status_filter(self.status_filter.currentData())
