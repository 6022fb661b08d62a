"""Qt table models of the review window: thin adapters over the core's results.

Each model holds a result the core computed (an :class:`AgreementResult`, the
rows of :func:`~annotator.core.adjudication.document_rows`) and shows it; none
computes a number itself, except the per-label pooled F1, which is the same
``2·ΣTP / Σ(|A|+|B|)`` the core uses for ``pooled_exact_f1``.

Every model puts the raw value (a float, ``None`` where undefined) under
:data:`VALUE_ROLE`, so tests and the heat map read numbers, not text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from annotator.core.adjudication import GOLD, Row
from annotator.core.agreement import AgreementResult, DocumentDisagreement
from annotator.core.model import DocId, Span
from annotator.core.store import Project

__all__ = [
    "DOC_ID_ROLE",
    "KIND_COLORS",
    "METRICS",
    "VALUE_ROLE",
    "AdjudicationRowsModel",
    "DisagreementDocumentsModel",
    "GoldScoresModel",
    "PairwiseMatrixModel",
    "PerLabelModel",
    "SummaryModel",
    "format_number",
]

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignCenter

# Metric key -> label; the key names the field of EntityPair / ClaimPair.
# (Translated where shown.)
METRICS: dict[str, str] = {
    "exact_f1": QT_TRANSLATE_NOOP("Review", "Exact span F1"),
    "overlap_f1": QT_TRANSLATE_NOOP("Review", "Overlap F1"),
    "cohen_kappa": QT_TRANSLATE_NOOP("Review", "Cohen's κ (tokens)"),
    "claims_overlap_f1": QT_TRANSLATE_NOOP("Review", "Claims overlap F1"),
}

KIND_COLORS = {
    "unanimous": "#d8f0d8",
    "label": "#ffd9a8",
    "boundary": "#fff2a8",
    "both": "#f7b8b8",
    "missing": "#dddddd",
}


# Called by this name (and strings marked with QT_TRANSLATE_NOOP) so that
# pyside6-lupdate finds them; see annotator/gui/i18n.py.
translate = QCoreApplication.translate


# Row kinds (annotator.core.adjudication.ROW_KINDS), marked for translation.
_ROW_KIND_NAMES = (
    QT_TRANSLATE_NOOP("Review", "unanimous"),
    QT_TRANSLATE_NOOP("Review", "label"),
    QT_TRANSLATE_NOOP("Review", "boundary"),
    QT_TRANSLATE_NOOP("Review", "both"),
    QT_TRANSLATE_NOOP("Review", "missing"),
)


def review_text(text: str) -> str:
    """Translate a string marked elsewhere with ``QT_TRANSLATE_NOOP("Review", ...)``."""
    return translate("Review", text)


def format_number(value: float | int | None, digits: int = 2) -> str:
    """How every number of the review window reads: ``0.80``; ``—`` when undefined."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def _snippet(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class _TableModel(QAbstractTableModel):
    """Shared plumbing: no children, and nothing for an invalid index."""

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._column_count()

    def _row_count(self) -> int:
        raise NotImplementedError

    def _column_count(self) -> int:
        raise NotImplementedError

    def _valid(self, index: ModelIndex) -> bool:
        return (
            index.isValid()
            and 0 <= index.row() < self._row_count()
            and 0 <= index.column() < self._column_count()
        )


# --- agreement ---------------------------------------------------------------------


class PairwiseMatrixModel(_TableModel):
    """Annotators × annotators: one pairwise number per cell, symmetric.

    The diagonal and pairs that share no document are ``None`` (shown ``—``).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._result: AgreementResult | None = None
        self._metric = "exact_f1"
        self._names: list[str] = []
        self._values: dict[tuple[str, str], tuple[float | None, int]] = {}

    def set_result(self, result: AgreementResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._names = list(result.annotators) if result else []
        self._fill()
        self.endResetModel()

    def set_metric(self, metric: str) -> None:
        if metric not in METRICS:
            raise ValueError(f"Unknown metric {metric!r}; one of {', '.join(METRICS)}.")
        self.beginResetModel()
        self._metric = metric
        self._fill()
        self.endResetModel()

    def metric(self) -> str:
        return self._metric

    def annotators(self) -> list[str]:
        return list(self._names)

    def value(self, row: int, column: int) -> float | None:
        if row == column:
            return None
        return self._values.get((self._names[row], self._names[column]), (None, 0))[0]

    def _fill(self) -> None:
        self._values = {}
        if self._result is None:
            return
        if self._metric == "claims_overlap_f1":
            pairs: Sequence[Any] = self._result.claims.pairs
            field = "overlap_f1"
        else:
            pairs = self._result.entities.pairs
            field = self._metric
        for pair in pairs:
            entry = (getattr(pair, field), pair.documents)
            self._values[(pair.a, pair.b)] = entry
            self._values[(pair.b, pair.a)] = entry

    def _row_count(self) -> int:
        return len(self._names)

    def _column_count(self) -> int:
        return len(self._names)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r, c = index.row(), index.column()
        value = self.value(r, c)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER_ALIGN
        if role == Qt.ItemDataRole.ToolTipRole:
            a, b = self._names[r], self._names[c]
            if r == c:
                return a
            documents = self._values.get((a, b), (None, 0))[1]
            precise = "—" if value is None else f"{value:.4f}"
            return translate("Review", "{a} × {b}: {metric} = {value} on {n} documents").format(
                a=a, b=b, metric=review_text(METRICS[self._metric]), value=precise, n=documents
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._names):
            return self._names[section]
        return None


class PerLabelModel(_TableModel):
    """Labels × (all pairs pooled, then each pair): per-label exact F1."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._pairs: list[Any] = []

    def set_result(self, result: AgreementResult | None) -> None:
        self.beginResetModel()
        self._labels = list(result.entities.labels) if result else []
        self._pairs = list(result.entities.pairs) if result else []
        self.endResetModel()

    def labels(self) -> list[str]:
        return list(self._labels)

    def pooled(self, label: str) -> float | None:
        tp = sizes = 0
        for pair in self._pairs:
            lab = pair.per_label.get(label)
            if lab is not None and pair.documents:
                tp += lab.tp
                sizes += lab.n_a + lab.n_b
        return 2 * tp / sizes if sizes else None

    def value(self, row: int, column: int) -> float | None:
        label = self._labels[row]
        if column == 0:
            return self.pooled(label)
        lab = self._pairs[column - 1].per_label.get(label)
        return lab.f1 if lab is not None else None

    def _row_count(self) -> int:
        return len(self._labels)

    def _column_count(self) -> int:
        return 1 + len(self._pairs) if self._labels else 0

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        value = self.value(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER_ALIGN
        if role == Qt.ItemDataRole.ToolTipRole and index.column() > 0:
            pair = self._pairs[index.column() - 1]
            lab = pair.per_label.get(self._labels[index.row()])
            if lab is not None:
                return translate(
                    "Review", "{a}: {na} spans, {b}: {nb} spans, {tp} identical"
                ).format(a=pair.a, na=lab.n_a, b=pair.b, nb=lab.n_b, tp=lab.tp)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self._labels[section] if 0 <= section < len(self._labels) else None
        if section == 0:
            return translate("Review", "All pairs")
        if 0 < section <= len(self._pairs):
            pair = self._pairs[section - 1]
            return f"{pair.a} × {pair.b}"
        return None


class SummaryModel(_TableModel):
    """The overall numbers: one measure per row, its value in the second column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, float | int | None]] = []

    def set_result(self, result: AgreementResult | None) -> None:
        self.beginResetModel()
        self._rows = []
        if result is not None:
            ents, total = result.entities, result.total_disagreements
            self._rows = [
                ("documents", translate("Review", "Documents compared"), result.documents),
                (
                    "mean_exact_f1",
                    translate("Review", "Mean exact F1 (over pairs)"),
                    ents.mean_exact_f1,
                ),
                ("pooled_exact_f1", translate("Review", "Pooled exact F1"), ents.pooled_exact_f1),
                (
                    "krippendorff_alpha",
                    translate("Review", "Krippendorff's α (entities)"),
                    ents.krippendorff_alpha,
                ),
                ("fleiss_kappa", translate("Review", "Fleiss' κ"), ents.fleiss_kappa),
                (
                    "fleiss_documents",
                    translate("Review", "Documents every annotator finished"),
                    ents.fleiss_documents,
                ),
                (
                    "claims_alpha",
                    translate("Review", "Krippendorff's α (claims, characters)"),
                    result.claims.krippendorff_alpha,
                ),
                ("boundary", translate("Review", "Boundary disagreements"), total.boundary),
                ("label", translate("Review", "Label disagreements"), total.label),
                ("both", translate("Review", "Boundary and label"), total.both),
                ("missed", translate("Review", "Missed / extra spans"), total.missed),
            ]
        self.endResetModel()

    def value_of(self, key: str) -> float | int | None:
        for k, _name, value in self._rows:
            if k == key:
                return value
        raise KeyError(key)

    def keys(self) -> list[str]:
        return [k for k, _n, _v in self._rows]

    def _row_count(self) -> int:
        return len(self._rows)

    def _column_count(self) -> int:
        return 2

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        key, name, value = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name if index.column() == 0 else format_number(value, 3)
        if role == VALUE_ROLE:
            return key if index.column() == 0 else value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (
                (translate("Review", "Measure"), translate("Review", "Value"))[section]
                if section in (0, 1)
                else None
            )
        return None


class DisagreementDocumentsModel(_TableModel):
    """Unit documents, most disputed first; titles are read from the project in batches.

    The result holds one small record per document; titles come from the store
    as rows are fetched (``canFetchMore``/``fetchMore``), so a corpus of any
    size opens at once.
    """

    BATCH = 200
    COLUMNS = (
        QT_TRANSLATE_NOOP("Review", "Document"),
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
        self._adjudicated: set[int] = set()

    def set_result(self, result: AgreementResult | None) -> None:
        self.beginResetModel()
        self._all = result.documents_by_disagreement() if result else []
        self._loaded = 0
        self._titles = {}
        self.endResetModel()

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
        values: dict[str, Any] = {
            "Document": self._titles.get(entry.doc_id, f"#{entry.doc_id}"),
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
            return value if column == "Document" else ", ".join(entry.annotators)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return review_text(self.COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._loaded:
            return str(section + 1)
        return None


# --- adjudication ------------------------------------------------------------------


def _describe(spans: Sequence[Span]) -> str:
    return "; ".join(f"{s.label} {s.start}–{s.end}" for s in spans) if spans else "—"


class AdjudicationRowsModel(_TableModel):
    """The rows of one document: text, kind, each annotator's version, and gold.

    Columns: ``Text``, ``Kind``, then one per annotator (numbered: the key that
    accepts that version), then ``Gold`` (gold spans of the row's layer that
    overlap it).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._names: list[str] = []
        self._all_rows: list[Row] = []
        self._rows: list[Row] = []
        self._gold: list[Span] = []
        self._layers: dict[str, str] = {}
        self._disputed_only = False

    def set_document(
        self,
        text: str,
        names: Sequence[str],
        rows: Sequence[Row],
        gold: Sequence[Span],
        layers: dict[str, str],
    ) -> None:
        self.beginResetModel()
        self._text = text
        self._names = list(names)
        self._all_rows = list(rows)
        self._gold = list(gold)
        self._layers = dict(layers)
        self._filter()
        self.endResetModel()

    def set_gold(self, gold: Sequence[Span]) -> None:
        self._gold = list(gold)
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
            r for r in self._all_rows if not (self._disputed_only and r.kind == "unanimous")
        ]

    def annotators(self) -> list[str]:
        return list(self._names)

    def rows(self) -> list[Row]:
        return list(self._rows)

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
                return _snippet(text)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text
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
                return f"{review_text(row.kind)} ({layer})"
            if role == VALUE_ROLE:
                return row.kind
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(KIND_COLORS.get(row.kind, "#ffffff"))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#000000")
            return None
        if column == last:
            spans = self.gold_of(row)
            if role == Qt.ItemDataRole.DisplayRole:
                return _describe(spans)
            if role == VALUE_ROLE:
                return tuple((s.start, s.end, s.label) for s in spans)
            return None
        name = self._names[column - 2]
        spans = list(row.versions.get(name, ()))
        if role == Qt.ItemDataRole.DisplayRole:
            return _describe(spans)
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


class GoldScoresModel(_TableModel):
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
        self._rows = []
        if result is not None:
            claims = {frozenset((p.a, p.b)): p for p in result.claims.pairs}
            for pair in result.entities.pairs:
                if GOLD not in (pair.a, pair.b) or pair.a == pair.b:
                    continue
                gold_is_b = pair.b == GOLD
                name = pair.a if gold_is_b else pair.b
                claim = claims.get(frozenset((pair.a, pair.b)))
                self._rows.append(
                    {
                        "Annotator": name,
                        "Documents": pair.documents,
                        "Spans": pair.n_a if gold_is_b else pair.n_b,
                        "Gold spans": pair.n_b if gold_is_b else pair.n_a,
                        "Exact F1": pair.exact_f1,
                        "Overlap F1": pair.overlap_f1,
                        "Cohen's κ": pair.cohen_kappa,
                        "Claims overlap F1": claim.overlap_f1 if claim else None,
                    }
                )
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
