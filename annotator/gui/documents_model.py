"""The document list: a Qt adapter over ``project.documents`` that knows its rows up front.

The model holds the ids of the documents it lists, in project order (one query
on the order's index; a status filter is applied to the annotator's statuses in
memory), so the view's scrollbar spans the whole corpus at once and any
document's row is known without reading the others. What a row shows
(:class:`~annotator.core.model.DocumentInfo`, without the text) is read a page
at a time when the view asks for it, and a bounded number of pages is kept:
memory stays flat however far the list is scrolled. Status icons, and the note
column's marks (⚑ flagged unsure, ✎ a note), are those of the current annotator.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPen, QPixmap, QPolygon

from annotator.core.model import DocId, DocumentInfo, Status
from annotator.core.store import Project
from annotator.core.store_notes import DocumentNote
from annotator.gui.common import plain_tooltip
from annotator.gui.i18n import fill, translate

Index = QModelIndex | QPersistentModelIndex

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

# Roles as plain ints: comparing Qt's enum members costs more than the rest of data().
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset((_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT, DOC_ID_ROLE, STATUS_ROLE))
_ALIGN_NUMBERS = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)

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
    """Documents of a project in project order, filtered by status and title.

    :param status_filter: as :meth:`set_status_filter`.
    :param search: as :meth:`set_search`.
    :param page_size: rows read from the store at a time, when the view shows them.
    :param cached_pages: pages kept (the least recently shown are forgotten).
    """

    COLUMN_NUMBER, COLUMN_TITLE, COLUMN_WORDS = range(3)
    COLUMN_NOTE = 3  # the annotator's ⚑/✎ on the document
    #: The suggestions' uncertainty (1 − their mean score; empty when none were made).
    COLUMN_UNCERTAINTY = 4
    N_COLUMNS = 5

    #: The uncertainties were read again: the column may have values now, or none.
    uncertainty_changed = Signal()

    def __init__(
        self,
        project: Project,
        annotator: str,
        *,
        status_filter: Status | str | None = None,
        search: str = "",
        page_size: int = 100,
        cached_pages: int = 40,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._project = project
        self._annotator = annotator
        self._page_size = page_size
        self._cached_pages = cached_pages
        self._status_filter = status_filter
        self._search = search.strip()
        self._statuses: dict[DocId, Status] = {}
        self._uncertainty: dict[DocId, float] = {}
        self._notes: dict[DocId, DocumentNote] = {}
        self._ids: list[DocId] = []  # every document, in project order
        self._position: dict[DocId, int] = {}  # a document's index in _ids
        # The positions of the rows shown, ascending; None: every document.
        self._shown: array[int] | None = None
        self._searched: tuple[str, list[int]] = ("", [])  # the title search's positions
        self._pages: OrderedDict[int, list[DocumentInfo | None]] = OrderedDict()
        self._reload_documents()
        self._reload_statuses()
        self._apply_filters()

    # --- configuration ---------------------------------------------------------

    def annotator(self) -> str:
        return self._annotator

    def set_annotator(self, name: str) -> None:
        """Show ``name``'s statuses and notes (a status filter now lists their documents)."""
        self._annotator = name
        self.beginResetModel()
        self._reload_statuses()
        self._apply_filters()
        self.endResetModel()

    def status_filter(self) -> Status | str | None:
        return self._status_filter

    def set_status_filter(self, status: Status | str | None) -> None:
        """Show only documents with this status (``NOT_DONE``: new or in progress)."""
        if status == self._status_filter:
            return
        self._status_filter = status
        self._refilter()

    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Keep documents whose title contains ``text`` (the store's title search)."""
        text = text.strip()
        if text == self._search:
            return
        self._search = text
        self._refilter()

    def reload(self) -> None:
        """Read the documents and statuses again (after an import, another window's edit)."""
        self.beginResetModel()
        self._reload_documents()
        self._reload_statuses()
        self._apply_filters()
        self.endResetModel()
        self.uncertainty_changed.emit()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._apply_filters()
        self.endResetModel()

    def _reload_documents(self) -> None:
        self._ids = self._project.documents.ids()
        self._position = {doc_id: position for position, doc_id in enumerate(self._ids)}
        self._searched = ("", [])
        self._pages.clear()

    def _reload_statuses(self) -> None:
        self._statuses = self._project.statuses.of_annotator(self._annotator)
        self._notes = self._project.document_notes.for_annotator(self._annotator)
        self._uncertainty = self._project.suggestions.uncertainty()

    def _apply_filters(self) -> None:
        """Which documents are rows: the title search (one query), then the status filter."""
        self._pages.clear()
        positions: Sequence[int] | None = None
        if self._search:
            if self._searched[0] != self._search:
                found = self._project.documents.ids(search=self._search)
                where = self._position
                # A document added since the list was read shows after the next reload.
                self._searched = (self._search, [where[d] for d in found if d in where])
            positions = self._searched[1]
        if self._status_filter is not None:
            ids, matches = self._ids, self._matches
            candidates = range(len(ids)) if positions is None else positions
            positions = [p for p in candidates if matches(ids[p])]
        self._shown = None if positions is None else array("q", positions)

    def _matches(self, doc_id: DocId) -> bool:
        wanted = self._status_filter
        if wanted is None:
            return True
        status = self.status_of(doc_id)
        if wanted == NOT_DONE:
            return status in (Status.NEW, Status.IN_PROGRESS)
        return status == wanted

    def refresh_note(self, doc_id: int) -> None:
        """Re-read the annotator's note on one document from the file; repaint its row."""
        note = self._project.document_notes.get(doc_id, self._annotator)
        if note is None or note.empty:
            self._notes.pop(DocId(doc_id), None)
        else:
            self._notes[DocId(doc_id)] = note
        self._repaint_row(doc_id)

    def _repaint_row(self, doc_id: int) -> None:
        row = self.row_of(doc_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _note_data(self, doc_id: DocId, role: int) -> Any:
        note = self._notes.get(doc_id)
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
        if rows := self.rowCount():
            column = self.COLUMN_UNCERTAINTY
            self.dataChanged.emit(self.index(0, column), self.index(rows - 1, column))
        self.uncertainty_changed.emit()

    def has_uncertainty(self) -> bool:
        """Whether any document has suggestions' uncertainty (else its column is empty)."""
        return bool(self._uncertainty)

    def uncertainty_of(self, doc_id: int) -> float | None:
        return self._uncertainty.get(DocId(doc_id))

    def refresh_status(self, doc_id: int) -> None:
        """Re-read one document's status from the file and repaint its row.

        A row that no longer matches the filter stays until the filter changes,
        so the list does not jump under the annotator's eyes.
        """
        record = self._project.statuses.get(doc_id, self._annotator)
        if record is None:
            self._statuses.pop(DocId(doc_id), None)
        else:
            self._statuses[DocId(doc_id)] = record.status
        self._repaint_row(doc_id)

    # --- queries ---------------------------------------------------------------

    def status_of(self, doc_id: int) -> Status:
        return self._statuses.get(DocId(doc_id), Status.NEW)

    def _position_at(self, row: int) -> int | None:
        if not 0 <= row < self.rowCount():
            return None
        return row if self._shown is None else self._shown[row]

    def doc_id_at(self, row: int) -> DocId | None:
        position = self._position_at(row)
        return None if position is None else self._ids[position]

    def number_at(self, row: int) -> int | None:
        """The 1-based position of the row's document in the whole project."""
        position = self._position_at(row)
        return None if position is None else position + 1

    def row_of(self, doc_id: int | None) -> int | None:
        """The row of a document (``None`` when the filter or the search hides it)."""
        position = self._position.get(DocId(doc_id)) if doc_id is not None else None
        if position is None or self._shown is None:
            return position
        row = bisect_left(self._shown, position)
        return row if row < len(self._shown) and self._shown[row] == position else None

    def project_ids(self) -> Sequence[DocId]:
        """Every document's id in project order, whatever the filter (do not change it)."""
        return self._ids

    def project_position(self, doc_id: int) -> int | None:
        """A document's 0-based position in the whole project."""
        return self._position.get(DocId(doc_id))

    def find_row(
        self, start: int, predicate: Callable[[DocId], bool], *, forward: bool = True
    ) -> int | None:
        """The first row after (or before) ``start`` whose document satisfies ``predicate``."""
        rows = range(start + 1, self.rowCount()) if forward else range(start - 1, -1, -1)
        ids, shown = self._ids, self._shown
        for row in rows:
            if predicate(ids[row if shown is None else shown[row]]):
                return row
        return None

    def _info_at(self, row: int) -> DocumentInfo | None:
        """What the row shows: from its page, read from the store when not kept."""
        page, offset = divmod(row, self._page_size)
        infos = self._pages.get(page)
        if infos is None:
            first = page * self._page_size
            last = min(first + self._page_size, self.rowCount())
            shown = range(first, last) if self._shown is None else self._shown[first:last]
            wanted = [self._ids[position] for position in shown]
            found = {info.id: info for info in self._project.documents.infos(wanted)}
            infos = [found.get(doc_id) for doc_id in wanted]
            self._pages[page] = infos
            while len(self._pages) > self._cached_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return infos[offset] if offset < len(infos) else None

    # --- Qt model --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._ids) if self._shown is None else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.N_COLUMNS

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # The view asks every visible cell for a dozen roles on each paint: plain
        # ints, and the roles this model does not answer turned away first.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        shown = self._shown
        if shown is None:
            if row >= len(self._ids):
                return None
            position = row
        elif row < len(shown):
            position = shown[row]
        else:
            return None
        doc_id, column = self._ids[position], index.column()
        # Roles that need only the id never read the row's page.
        if role == _DISPLAY:
            if column == self.COLUMN_NUMBER:
                return str(position + 1)
            if column == self.COLUMN_NOTE:
                return self._note_data(doc_id, role)
            if column == self.COLUMN_UNCERTAINTY:
                value = self._uncertainty.get(doc_id)
                return "" if value is None else f"{value:.2f}"
            if (info := self._info_at(row)) is None:  # gone since the list was read
                return None
            if column == self.COLUMN_TITLE:
                return info.title or translate("DocumentsModel", "(untitled)")
            return str(info.n_words)
        if role == _ALIGNMENT:
            return None if column == self.COLUMN_TITLE else _ALIGN_NUMBERS
        if role == _DECORATION:
            if column != self.COLUMN_NUMBER or QGuiApplication.instance() is None:
                return None
            return status_icon(self.status_of(doc_id))
        if role == _TOOLTIP:
            if column == self.COLUMN_NOTE:
                return self._note_data(doc_id, role)
            if (info := self._info_at(row)) is None:
                return None
            status = status_text(self.status_of(doc_id))
            # No "%n" plural: pyside6-lupdate does not mark Python plurals.
            words = fill(translate("DocumentsModel", "Words: %1"), info.n_words)
            return plain_tooltip(f"{position + 1}. {info.title}\n{status} · {words}")
        if role == DOC_ID_ROLE:
            return int(doc_id)
        return self.status_of(doc_id).value  # STATUS_ROLE

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
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
