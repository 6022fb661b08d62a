"""The document list: a lazy Qt adapter over ``project.documents``.

Rows come from the store a page at a time (``canFetchMore``/``fetchMore``), as
:class:`~annotator.core.model.DocumentInfo` without texts, so a project of
100,000 documents opens as fast as one of ten. Status icons, and the note
column's marks (⚑ flagged unsure, ✎ a note), are those of the current annotator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPen, QPixmap, QPolygon

from annotator.core.model import DocId, DocumentInfo, Status, StatusRecord
from annotator.core.store import Project
from annotator.core.store_notes import DocumentNote
from annotator.gui.common import plain_tooltip
from annotator.gui.i18n import fill, translate

Index = QModelIndex | QPersistentModelIndex

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

# Pseudo-status for the filter: everything that still needs work.
NOT_DONE = "not_done"
# The note column: the annotator flagged the document unsure / wrote a note on it
# (the span list's marks).
UNSURE_MARK, NOTE_MARK = "⚑", "✎"


def status_text(status: Status) -> str:
    return {
        Status.NEW: translate("DocumentsModel", "New"),
        Status.IN_PROGRESS: translate("DocumentsModel", "In progress"),
        Status.DONE: translate("DocumentsModel", "Done"),
        Status.SKIPPED: translate("DocumentsModel", "Skipped"),
    }[status]


_ICONS: dict[Status, QIcon] = {}


def status_icon(status: Status) -> QIcon:
    """Small drawn icons (no image files): hollow, half, ticked, struck through."""
    if not _ICONS:
        for st in Status:
            _ICONS[st] = _draw_icon(st)
    return _ICONS[status]


def _draw_icon(status: Status, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = pixmap.rect().adjusted(2, 2, -2, -2)
    if status is Status.NEW:
        p.setPen(QPen(QColor("#9e9e9e"), 1.5))
        p.drawEllipse(r)
    elif status is Status.IN_PROGRESS:
        p.setPen(QPen(QColor("#e0a100"), 1.5))
        p.drawEllipse(r)
        p.setBrush(QColor("#e0a100"))
        p.drawPie(r, 90 * 16, 180 * 16)
    elif status is Status.DONE:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#2e9d4f"))
        p.drawEllipse(r)
        p.setPen(QPen(QColor("white"), 2))
        p.drawPolyline(_tick(r))
    else:
        p.setPen(QPen(QColor("#757575"), 1.5))
        p.drawEllipse(r)
        p.drawLine(r.bottomLeft(), r.topRight())
    p.end()
    return QIcon(pixmap)


def _tick(r: QRect) -> QPolygon:
    x, y, w, h = r.x(), r.y(), r.width(), r.height()
    return QPolygon(
        [
            QPoint(x + w * 3 // 12, y + h // 2),
            QPoint(x + w * 5 // 12, y + h * 3 // 4),
            QPoint(x + w * 9 // 12, y + h * 3 // 10),
        ]
    )


class DocumentsModel(QAbstractTableModel):
    """Documents of a project in project order, fetched lazily, filtered by status and title.

    :param page_size: rows asked from the store per ``fetchMore``.
    """

    COLUMN_NUMBER, COLUMN_TITLE, COLUMN_WORDS = range(3)
    COLUMN_NOTE = 3  # the annotator's ⚑/✎ on the document
    #: The suggestions' uncertainty (1 − their mean score; empty when none were made).
    COLUMN_UNCERTAINTY = 4
    N_COLUMNS = 5

    def __init__(
        self, project: Project, annotator: str, *, page_size: int = 200, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._project = project
        self._annotator = annotator
        self._page_size = page_size
        self._status_filter: Status | str | None = None
        self._search = ""
        self._statuses: dict[DocId, StatusRecord] = {}
        self._uncertainty: dict[DocId, float] = {}
        self._notes: dict[DocId, DocumentNote] = {}
        self._rows: list[tuple[int, DocumentInfo]] = []  # (1-based number, info)
        self._row_of: dict[DocId, int] = {}
        self._store_offset = 0  # next offset to ask the store for
        self._exhausted = False
        # True while views hear about a change: a fetchMore called from inside
        # that notification (qtmodeltester does) would insert rows in the middle of it.
        self._notifying = False
        self._reload_statuses()

    # --- configuration ---------------------------------------------------------

    def annotator(self) -> str:
        return self._annotator

    def set_annotator(self, name: str) -> None:
        self._annotator = name
        self.reload()

    def status_filter(self) -> Status | str | None:
        return self._status_filter

    def set_status_filter(self, status: Status | str | None) -> None:
        """Show only documents with this status (``NOT_DONE``: new or in progress)."""
        if status == self._status_filter:
            return
        self._status_filter = status
        self.reload(statuses=False)

    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Keep documents whose title contains ``text`` (the store's title search)."""
        text = text.strip()
        if text == self._search:
            return
        self._search = text
        self.reload(statuses=False)

    def reload(self, *, statuses: bool = True) -> None:
        """Forget loaded rows (after an import, a filter change, another annotator)."""
        with self._notifying_views():
            self.beginResetModel()
            if statuses:
                self._reload_statuses()
            self._rows = []
            self._row_of = {}
            self._store_offset = 0
            self._exhausted = False
            self.endResetModel()

    @contextmanager
    def _notifying_views(self) -> Iterator[None]:
        self._notifying = True
        try:
            yield
        finally:
            self._notifying = False

    def _reload_statuses(self) -> None:
        self._statuses = self._project.statuses.for_annotator(self._annotator)
        self._notes = self._project.document_notes.for_annotator(self._annotator)
        self._uncertainty = self._project.suggestions.uncertainty()

    def refresh_note(self, doc_id: int) -> None:
        """Re-read the annotator's note on one document from the file; repaint its row."""
        note = self._project.document_notes.get(doc_id, self._annotator)
        if note is None or note.empty:
            self._notes.pop(DocId(doc_id), None)
        else:
            self._notes[DocId(doc_id)] = note
        row = self._row_of.get(DocId(doc_id))
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _note_data(self, info: DocumentInfo, role: int) -> Any:
        note = self._notes.get(info.id)
        if note is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(m for m, on in ((UNSURE_MARK, note.flag), (NOTE_MARK, note.note)) if on)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [translate("DocumentsModel", "Flagged unsure")] if note.flag else []
            return plain_tooltip("\n".join([*lines, note.note]).strip())
        return None

    def refresh_uncertainty(self) -> None:
        """Re-read every document's uncertainty (suggestions were made) and repaint the column."""
        self._uncertainty = self._project.suggestions.uncertainty()
        if self._rows:
            column = self.COLUMN_UNCERTAINTY
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def uncertainty_of(self, doc_id: int) -> float | None:
        return self._uncertainty.get(DocId(doc_id))

    def refresh_status(self, doc_id: int) -> None:
        """Re-read one document's status from the file and repaint its row.

        A row that no longer matches the filter stays until the next reload, so
        the list does not jump under the annotator's eyes.
        """
        record = self._project.statuses.get(doc_id, self._annotator)
        if record is None:
            self._statuses.pop(DocId(doc_id), None)
        else:
            self._statuses[DocId(doc_id)] = record
        row = self._row_of.get(DocId(doc_id))
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # --- queries ---------------------------------------------------------------

    def status_of(self, doc_id: int) -> Status:
        record = self._statuses.get(DocId(doc_id))
        return record.status if record else Status.NEW

    def doc_id_at(self, row: int) -> DocId | None:
        if 0 <= row < len(self._rows):
            return self._rows[row][1].id
        return None

    def number_at(self, row: int) -> int | None:
        """The 1-based position of the row's document in the whole project."""
        if 0 <= row < len(self._rows):
            return self._rows[row][0]
        return None

    def row_of(self, doc_id: int | None) -> int | None:
        """The row of a document among those loaded so far."""
        if doc_id is None:
            return None
        return self._row_of.get(DocId(doc_id))

    def find_row(
        self, start: int, predicate: Callable[[DocId], bool], *, forward: bool = True
    ) -> int | None:
        """The first row after (or before) ``start`` whose document satisfies ``predicate``.

        Going forward loads more rows as needed, one page at a time.
        """
        step = 1 if forward else -1
        row = start + step
        while True:
            if row < 0:
                return None
            if row >= len(self._rows):
                if not forward or not self.canFetchMore(QModelIndex()):
                    return None
                self.fetchMore(QModelIndex())
                continue
            if predicate(self._rows[row][1].id):
                return row
            row += step

    def total_known(self) -> bool:
        return self._exhausted

    # --- Qt model --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.N_COLUMNS

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._notifying

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted or self._notifying:
            return
        new = self._next_page()
        if not new:
            return
        first = len(self._rows)
        with self._notifying_views():
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, item in enumerate(new):
                self._row_of[item[1].id] = first + offset
            self._rows.extend(new)
            self.endInsertRows()

    def _next_page(self) -> list[tuple[int, DocumentInfo]]:
        """The next matching rows; reads at most a few store pages per call."""
        found: list[tuple[int, DocumentInfo]] = []
        # A filter that matches rarely must not make one fetchMore read the corpus.
        for _ in range(20):
            infos = self._project.documents.list(
                self._store_offset, self._page_size, search=self._search or None
            )
            base = self._store_offset
            self._store_offset += len(infos)
            if len(infos) < self._page_size:
                self._exhausted = True
            for i, info in enumerate(infos):
                if self._matches(info.id):
                    # Without a title search, the store offset is the project position.
                    number = base + i + 1 if not self._search else info.order + 1
                    found.append((number, info))
            if found or self._exhausted:
                break
        return found

    def _matches(self, doc_id: DocId) -> bool:
        wanted = self._status_filter
        if wanted is None:
            return True
        status = self.status_of(doc_id)
        if wanted == NOT_DONE:
            return status in (Status.NEW, Status.IN_PROGRESS)
        return status == wanted

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        number, info = self._rows[index.row()]
        column = index.column()
        if column == self.COLUMN_NOTE and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self._note_data(info, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_NUMBER:
                return str(number)
            if column == self.COLUMN_TITLE:
                return info.title or translate("DocumentsModel", "(untitled)")
            if column == self.COLUMN_WORDS:
                return str(info.n_words)
            if column == self.COLUMN_UNCERTAINTY:
                value = self._uncertainty.get(info.id)
                return "" if value is None else f"{value:.2f}"
            return None
        if (
            role == Qt.ItemDataRole.DecorationRole
            and column == self.COLUMN_NUMBER
            and QGuiApplication.instance() is not None
        ):
            return status_icon(self.status_of(info.id))
        if role == Qt.ItemDataRole.ToolTipRole:
            status = status_text(self.status_of(info.id))
            # No "%n" plural: pyside6-lupdate does not mark Python plurals.
            words = fill(translate("DocumentsModel", "Words: %1"), info.n_words)
            return plain_tooltip(f"{number}. {info.title}\n{status} · {words}")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COLUMN_TITLE:
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
        if role == DOC_ID_ROLE:
            return int(info.id)
        if role == STATUS_ROLE:
            return self.status_of(info.id).value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == self.COLUMN_NUMBER:
                return translate("DocumentsModel", "#")
            if section == self.COLUMN_TITLE:
                return translate("DocumentsModel", "Title")
            if section == self.COLUMN_WORDS:
                return translate("DocumentsModel", "Words")
            if section == self.COLUMN_NOTE:
                return UNSURE_MARK
            if section == self.COLUMN_UNCERTAINTY:
                return translate("DocumentsModel", "?")  # like a suggestion's tag
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == self.COLUMN_NOTE
        ):
            return translate("DocumentsModel", "Your note and “unsure” flag (Ctrl+Shift+N)")
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == self.COLUMN_UNCERTAINTY
        ):
            return translate(
                "DocumentsModel",
                "Uncertainty: how unsure the suggestions are (1 − their mean score)",
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
