"""Qt table models of the agreement tab, and what every review model shares.

Each model holds a result the core computed (an :class:`AgreementResult`) and
shows it; none computes a number itself (the per-label pooling is
:mod:`annotator.core.scores`). Every model puts the raw value (a float,
``None`` where undefined) under :data:`VALUE_ROLE`, so tests and the heat map
read numbers, not text. Display text is plain in item views; tooltips are
rich text in Qt, so every tooltip built from data goes through
:func:`~annotator.gui.common.plain_tooltip`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from annotator.core.agreement import AgreementResult, EntityPair
from annotator.core.scores import pooled_label_f1
from annotator.gui.common import plain_tooltip
from annotator.gui.i18n import fill, translate

__all__ = [
    "DOC_ID_ROLE",
    "METRICS",
    "VALUE_ROLE",
    "PairwiseMatrixModel",
    "PerLabelModel",
    "SummaryModel",
    "TableModel",
    "format_number",
    "review_text",
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


class TableModel(QAbstractTableModel):
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


class PairwiseMatrixModel(TableModel):
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
                return plain_tooltip(a)
            documents = self._values.get((a, b), (None, 0))[1]
            precise = "—" if value is None else f"{value:.4f}"
            return plain_tooltip(
                fill(
                    translate("Review", "%1 × %2: %3 = %4 on %5 documents"),
                    a,
                    b,
                    review_text(METRICS[self._metric]),
                    precise,
                    documents,
                )
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._names):
            return self._names[section]
        return None


class PerLabelModel(TableModel):
    """Labels × (all pairs pooled, then each pair): per-label exact F1."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._pairs: list[EntityPair] = []

    def set_result(self, result: AgreementResult | None) -> None:
        self.beginResetModel()
        self._labels = list(result.entities.labels) if result else []
        self._pairs = list(result.entities.pairs) if result else []
        self.endResetModel()

    def labels(self) -> list[str]:
        return list(self._labels)

    def pooled(self, label: str) -> float | None:
        return pooled_label_f1(self._pairs, label)

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
                return plain_tooltip(
                    fill(
                        translate("Review", "%1: %2 spans, %3: %4 spans, %5 identical"),
                        pair.a,
                        lab.n_a,
                        pair.b,
                        lab.n_b,
                        lab.tp,
                    )
                )
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


class SummaryModel(TableModel):
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
