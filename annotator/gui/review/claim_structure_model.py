"""The agreement tab's claim-structure table: each attribute and the claimer, per pair.

A thin model over :class:`~annotator.core.claim_agreement.ClaimAgreement`
(what ``agreement --json`` prints under ``claim_structure``): over claims
matched between annotators, how often both set a value, how often they agree,
Cohen's κ of the pair and Krippendorff's α over every annotator.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from annotator.core.claim_agreement import ClaimAgreement, MeasureAgreement, PairAgreement
from annotator.gui.common import plain_tooltip
from annotator.gui.i18n import fill, translate
from annotator.gui.review.models import (
    VALUE_ROLE,
    ModelIndex,
    TableModel,
    format_number,
    review_text,
)

__all__ = ["ClaimStructureModel"]

_DISPLAY = Qt.ItemDataRole.DisplayRole


class ClaimStructureModel(TableModel):
    """One row per (measure, pair): ``stance``, ``check_worthy``, ``claimer``."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("Review", "Measure"),
        QT_TRANSLATE_NOOP("Review", "Pair"),
        QT_TRANSLATE_NOOP("Review", "Matched"),
        QT_TRANSLATE_NOOP("Review", "Both set"),
        QT_TRANSLATE_NOOP("Review", "Agreement"),
        QT_TRANSLATE_NOOP("Review", "Cohen's κ"),
        QT_TRANSLATE_NOOP("Review", "Krippendorff's α"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, MeasureAgreement, PairAgreement]] = []
        self._units = 0

    def set_result(self, result: ClaimAgreement | None) -> None:
        self.beginResetModel()
        self._rows = []
        self._units = result.units if result is not None else 0
        if result is not None:
            measures = [*result.attributes.items(), ("claimer", result.claimer)]
            for name, measure in measures:
                self._rows += [(name, measure, pair) for pair in measure.pairs]
        self.endResetModel()

    def units(self) -> int:
        """Claims matched across annotators (α's units)."""
        return self._units

    def value(self, row: int, column: str) -> Any:
        name, measure, pair = self._rows[row]
        return {
            "Measure": name,
            "Pair": f"{pair.a} – {pair.b}",
            "Matched": pair.matched,
            "Both set": pair.both_set,
            "Agreement": pair.agreement,
            "Cohen's κ": pair.cohen_kappa,
            "Krippendorff's α": measure.krippendorff_alpha,
        }[column]

    def _row_count(self) -> int:
        return len(self._rows)

    def _column_count(self) -> int:
        return len(self.COLUMNS)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        column = self.COLUMNS[index.column()]
        value = self.value(index.row(), column)
        if role == Qt.ItemDataRole.DisplayRole:
            return value if isinstance(value, str) else format_number(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            name, measure, _pair = self._rows[index.row()]
            values = ", ".join(measure.values)
            tip = fill(
                translate("Review", "%1 over claims both annotators have; values: %2"),
                name,
                values or "—",
            )
            return plain_tooltip(tip)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return review_text(self.COLUMNS[section])
        return None
