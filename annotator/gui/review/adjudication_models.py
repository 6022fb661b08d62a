"""Qt table models of the adjudication and scores tabs: documents, rows, gold scores.

Thin adapters over the core's results (:func:`~annotator.core.adjudication.document_rows`,
:func:`~annotator.core.scores.gold_scores`); the raw value of every cell is
under :data:`~annotator.gui.review.models.VALUE_ROLE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.adjudication import Row
from annotator.core.agreement import AgreementResult, DocumentDisagreement
from annotator.core.model import DocId, Span
from annotator.core.scores import gold_scores
from annotator.core.store import Project
from annotator.core.store_notes import DocumentNote
from annotator.gui.common import plain_tooltip, snippet
from annotator.gui.documents_model import UNSURE_MARK
from annotator.gui.i18n import translate
from annotator.gui.review.models import (
    DOC_ID_ROLE,
    VALUE_ROLE,
    ModelIndex,
    TableModel,
    format_number,
    review_text,
)
from annotator.gui.review.notes import note_marks, notes_by_document, notes_tooltip
from annotator.gui.review.structures import Structures

__all__ = [
    "KIND_COLORS",
    "AdjudicationRowsModel",
    "DisagreementDocumentsModel",
    "GoldScoresModel",
]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignCenter

KIND_COLORS = {
    "unanimous": "#d8f0d8",
    "label": "#ffd9a8",
    "boundary": "#fff2a8",
    "both": "#f7b8b8",
    "missing": "#dddddd",
}
#: A row whose spans agree but whose claims' attributes, claimer or cue do not.
STRUCTURE_COLOR = "#e3c8f0"

# Row kinds (annotator.core.adjudication.ROW_KINDS), marked for translation.
_ROW_KIND_NAMES = (
    QT_TRANSLATE_NOOP("Review", "unanimous"),
    QT_TRANSLATE_NOOP("Review", "label"),
    QT_TRANSLATE_NOOP("Review", "boundary"),
    QT_TRANSLATE_NOOP("Review", "both"),
    QT_TRANSLATE_NOOP("Review", "missing"),
)


class DisagreementDocumentsModel(TableModel):
    """Unit documents, most disputed first; titles are read from the project in batches.

    The result holds one small record per document; titles and the annotators'
    notes (``Notes``: ⚑ someone is unsure, ✎ someone wrote a note; each one's in
    the tooltip) come from the store as rows are fetched
    (``canFetchMore``/``fetchMore``), so a corpus of any size opens at once.
    """

    BATCH = 200
    COLUMNS = (
        QT_TRANSLATE_NOOP("Review", "Document"),
        QT_TRANSLATE_NOOP("Review", "Notes"),
        QT_TRANSLATE_NOOP("Review", "Annotators"),
        QT_TRANSLATE_NOOP("Review", "Entity F1"),
        QT_TRANSLATE_NOOP("Review", "Claims F1"),
        QT_TRANSLATE_NOOP("Review", "Disagreement"),
        QT_TRANSLATE_NOOP("Review", "Adjudicated"),
    )

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._all: list[DocumentDisagreement] = []
        self._loaded = 0
        self._titles: dict[int, str] = {}
        self._notes: dict[DocId, dict[str, DocumentNote]] = {}
        self._adjudicated: set[int] = set()

    def set_result(self, result: AgreementResult | None) -> None:
        self.beginResetModel()
        self._all = result.documents_by_disagreement() if result else []
        self._loaded = 0
        self._titles = {}
        self._notes = {}
        self.endResetModel()

    def refresh_notes(self, doc_id: int | None = None) -> None:
        """Re-read the notes of one loaded document (``None``: of every loaded one)."""
        loaded = [entry.doc_id for entry in self._all[: self._loaded]]
        wanted = loaded if doc_id is None else [d for d in loaded if d == doc_id]
        if not wanted:
            return
        for wanted_id in wanted:
            self._notes.pop(DocId(wanted_id), None)
        self._notes.update(notes_by_document(self._project, wanted))
        column = self.COLUMNS.index("Notes")
        for row in range(self._loaded):
            if self._all[row].doc_id in wanted:
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    def set_adjudicated(self, doc_ids: set[int]) -> None:
        changed = doc_ids ^ self._adjudicated
        self._adjudicated = set(doc_ids)
        last = self.COLUMNS.index("Adjudicated")
        for row in range(self._loaded):
            if self._all[row].doc_id in changed:
                index = self.index(row, last)
                self.dataChanged.emit(index, index)

    def total(self) -> int:
        return len(self._all)

    def doc_id_at(self, row: int) -> DocId:
        return DocId(self._all[row].doc_id)

    def row_of(self, doc_id: int) -> int:
        """The row of ``doc_id`` (fetching more rows if needed), or -1."""
        for row, entry in enumerate(self._all):
            if entry.doc_id == doc_id:
                while self._loaded <= row:
                    self.fetchMore(QModelIndex())
                return row
        return -1

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._loaded < len(self._all)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid():
            return
        n = min(self.BATCH, len(self._all) - self._loaded)
        if n <= 0:
            return
        first = self._loaded
        for entry in self._all[first : first + n]:
            info = self._project.documents.info(entry.doc_id)
            self._titles[entry.doc_id] = info.title or f"#{entry.doc_id}"
        batch = [entry.doc_id for entry in self._all[first : first + n]]
        self._notes.update(notes_by_document(self._project, batch))
        self.beginInsertRows(QModelIndex(), first, first + n - 1)
        self._loaded += n
        self.endInsertRows()

    def _row_count(self) -> int:
        return self._loaded

    def _column_count(self) -> int:
        return len(self.COLUMNS)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        entry = self._all[index.row()]
        column = self.COLUMNS[index.column()]
        notes = self._notes.get(DocId(entry.doc_id), {}).values()
        values: dict[str, Any] = {
            "Document": self._titles.get(entry.doc_id, f"#{entry.doc_id}"),
            "Notes": note_marks(notes),
            "Annotators": len(entry.annotators),
            "Entity F1": entry.entity_exact_f1,
            "Claims F1": entry.claim_overlap_f1,
            "Disagreement": entry.disagreement,
            "Adjudicated": entry.doc_id in self._adjudicated,
        }
        value = values[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "Adjudicated":
                return "✓" if value else ""
            return format_number(value) if isinstance(value, float) else value
        if role == VALUE_ROLE:
            return value
        if role == DOC_ID_ROLE:
            return entry.doc_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column != "Document":
            return _NUMBER_ALIGN
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "Notes":
                return notes_tooltip(notes)
            return plain_tooltip(value if column == "Document" else ", ".join(entry.annotators))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        notes_column = self.COLUMNS.index("Notes")
        if role == Qt.ItemDataRole.ToolTipRole and horizontal and section == notes_column:
            return translate("Review", "The annotators' notes and “unsure” flags")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal and 0 <= section < len(self.COLUMNS):
            if section == notes_column:
                return UNSURE_MARK  # as in the main window's list
            return review_text(self.COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._loaded:
            return str(section + 1)
        return None


# --- adjudication ------------------------------------------------------------------


class AdjudicationRowsModel(TableModel):
    """The rows of one document: text, kind, each annotator's version, and gold.

    Columns: ``Text``, ``Kind``, then one per annotator (numbered: the key that
    accepts that version), then ``Gold`` (gold spans of the row's layer that
    overlap it). A claim's version shows its structure (stance, claimer, cue);
    a row whose versions differ only there says so in ``Kind``.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._names: list[str] = []
        self._all_rows: list[Row] = []
        self._rows: list[Row] = []
        self._gold: list[Span] = []
        self._layers: dict[str, str] = {}
        self._structures = Structures()
        self._disputed_only = False

    def set_document(
        self,
        text: str,
        names: Sequence[str],
        rows: Sequence[Row],
        gold: Sequence[Span],
        layers: dict[str, str],
        structures: Structures | None = None,
    ) -> None:
        self.beginResetModel()
        self._text = text
        self._names = list(names)
        self._all_rows = list(rows)
        self._gold = list(gold)
        self._layers = dict(layers)
        self._structures = structures or Structures()
        self._filter()
        self.endResetModel()

    def structures(self) -> Structures:
        return self._structures

    def structure_differs(self, row: Row) -> bool:
        """The versions agree on the claim's span but not on its attributes, claimer or cue."""
        return self._structures.differs(row)

    def set_gold(self, gold: Sequence[Span], structures: Structures | None = None) -> None:
        self._gold = list(gold)
        if structures is not None:
            self._structures = structures
        if self._rows:
            last = self._column_count() - 1
            self.dataChanged.emit(self.index(0, last), self.index(len(self._rows) - 1, last))

    def set_disputed_only(self, on: bool) -> None:
        self.beginResetModel()
        self._disputed_only = on
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self._rows = [
            r
            for r in self._all_rows
            if not (self._disputed_only and r.kind == "unanimous" and not self.structure_differs(r))
        ]

    def annotators(self) -> list[str]:
        return list(self._names)

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rows_all(self) -> list[Row]:
        """Every row of the document, the filtered-out ones too."""
        return list(self._all_rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, row: Row) -> int:
        for i, r in enumerate(self._rows):
            if (r.layer, r.start, r.end) == (row.layer, row.start, row.end):
                return i
        return -1

    def gold_of(self, row: Row) -> list[Span]:
        return [
            s
            for s in self._gold
            if self._layers.get(s.label) == row.layer and s.overlaps(row.start, row.end)
        ]

    def column_of_annotator(self, name: str) -> int:
        return 2 + self._names.index(name)

    def _row_count(self) -> int:
        return len(self._rows)

    def _column_count(self) -> int:
        return 3 + len(self._names) if self._names else 0

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        column = index.column()
        last = self._column_count() - 1
        if column == 0:
            text = self._text[row.start : row.end]
            if role == Qt.ItemDataRole.DisplayRole:
                return snippet(text, 60)
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(text)
            if role == VALUE_ROLE:
                return (row.start, row.end)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        if column == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                layer = (
                    translate("Review", "claim")
                    if row.layer == "claims"
                    else translate("Review", "entity")
                )
                shown = f"{review_text(row.kind)} ({layer})"
                if self.structure_differs(row):
                    shown += " · " + translate("Review", "structure differs")
                return shown
            if role == VALUE_ROLE:
                return row.kind
            if role == Qt.ItemDataRole.ToolTipRole and self.structure_differs(row):
                return translate(
                    "Review",
                    "The annotators' claims here differ in their attributes, claimer "
                    "or cue: compare the versions below.",
                )
            if role == Qt.ItemDataRole.BackgroundRole:
                if row.kind == "unanimous" and self.structure_differs(row):
                    return QColor(STRUCTURE_COLOR)
                return QColor(KIND_COLORS.get(row.kind, "#ffffff"))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#000000")
            return None
        if column == last:
            spans = self.gold_of(row)
            if role == Qt.ItemDataRole.DisplayRole:
                return self._structures.describe_spans(spans)
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(self._structures.describe_spans(spans))
            if role == VALUE_ROLE:
                return tuple((s.start, s.end, s.label) for s in spans)
            return None
        name = self._names[column - 2]
        spans = list(row.versions.get(name, ()))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._structures.describe_spans(spans)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._structures.describe_spans(spans))
        if role == VALUE_ROLE:
            return row.version_key(name)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        if not 0 <= section < self._column_count():
            return None
        if section == 0:
            return translate("Review", "Text")
        if section == 1:
            return translate("Review", "Kind")
        if section == self._column_count() - 1:
            return translate("Review", "Gold")
        return f"{section - 1} · {self._names[section - 2]}"


class GoldScoresModel(TableModel):
    """Each annotator against gold: the ``(annotator, gold)`` pairs of the result."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("Review", "Annotator"),
        QT_TRANSLATE_NOOP("Review", "Documents"),
        QT_TRANSLATE_NOOP("Review", "Spans"),
        QT_TRANSLATE_NOOP("Review", "Gold spans"),
        QT_TRANSLATE_NOOP("Review", "Exact F1"),
        QT_TRANSLATE_NOOP("Review", "Overlap F1"),
        QT_TRANSLATE_NOOP("Review", "Cohen's κ"),
        QT_TRANSLATE_NOOP("Review", "Claims overlap F1"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_result(self, result: AgreementResult | None) -> None:
        self.beginResetModel()
        self._rows = [
            {
                "Annotator": score.annotator,
                "Documents": score.documents,
                "Spans": score.spans,
                "Gold spans": score.gold_spans,
                "Exact F1": score.exact_f1,
                "Overlap F1": score.overlap_f1,
                "Cohen's κ": score.cohen_kappa,
                "Claims overlap F1": score.claims_overlap_f1,
            }
            for score in (gold_scores(result) if result is not None else [])
        ]
        self.endResetModel()

    def annotators(self) -> list[str]:
        return [r["Annotator"] for r in self._rows]

    def value(self, annotator: str, column: str) -> Any:
        for r in self._rows:
            if r["Annotator"] == annotator:
                return r[column]
        raise KeyError(annotator)

    def _row_count(self) -> int:
        return len(self._rows)

    def _column_count(self) -> int:
        return len(self.COLUMNS)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        column = self.COLUMNS[index.column()]
        value = self._rows[index.row()][column]
        if role == Qt.ItemDataRole.DisplayRole:
            return value if isinstance(value, str) else format_number(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and column != "Annotator":
            return _NUMBER_ALIGN
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return review_text(self.COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
