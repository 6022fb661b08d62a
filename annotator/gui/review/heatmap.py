"""A small painted heat map of a square table model (the pairwise agreement matrix).

Each cell is filled with a colour for its value (red, low → yellow → green,
high; values are clamped to 0–1, so a negative κ reads as "no agreement") and
shows the model's display text; annotator names run along both axes. In a
right-to-left layout the whole picture mirrors (first annotator at the right),
as a table would; the numbers themselves are not mirrored.

The widget draws what the model says (``DisplayRole`` text, :data:`VALUE_ROLE`
number, ``ToolTipRole``), so a test reads the same numbers through
:meth:`HeatMapWidget.cell_text` and :meth:`HeatMapWidget.cell_value`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QLinearGradient, QMouseEvent, QPainter
from PySide6.QtWidgets import QSizePolicy, QStyle, QToolTip, QWidget

from annotator.gui.review.models import VALUE_ROLE

__all__ = ["HeatMapWidget", "heat_color"]

# ColorBrewer RdYlGn ends and middle: readable with black text in the middle,
# white text at the dark ends.
_STOPS = ((0.0, QColor("#d73027")), (0.5, QColor("#fee08b")), (1.0, QColor("#1a9850")))
_EMPTY = QColor("#e4e4e4")
_MARGIN = 8
_GAP = 2


def heat_color(value: float | None) -> QColor:
    """The fill of a cell holding ``value`` (clamped to 0–1); grey when undefined."""
    if value is None:
        return QColor(_EMPTY)
    v = min(1.0, max(0.0, float(value)))
    for (x0, c0), (x1, c1) in zip(_STOPS, _STOPS[1:], strict=False):
        if v <= x1:
            t = (v - x0) / (x1 - x0)
            return QColor(
                round(c0.red() + (c1.red() - c0.red()) * t),
                round(c0.green() + (c1.green() - c0.green()) * t),
                round(c0.blue() + (c1.blue() - c0.blue()) * t),
            )
    return QColor(_STOPS[-1][1])


def _text_color(fill: QColor) -> QColor:
    luminance = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return QColor("#000000") if luminance > 140 else QColor("#ffffff")


class HeatMapWidget(QWidget):
    """Paints a table model as a heat map.

    :signal cell_clicked(int, int): the row and column of a clicked cell.
    """

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: QAbstractItemModel | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.setMinimumSize(160, 120)

    # --- model ---------------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt style)
        if self._model is not None:
            for signal in self._signals(self._model):
                signal.disconnect(self._changed)
        self._model = model
        if model is not None:
            for signal in self._signals(model):
                signal.connect(self._changed)
        self._changed()

    def model(self) -> QAbstractItemModel | None:
        return self._model

    @staticmethod
    def _signals(model: QAbstractItemModel) -> list[Any]:
        return [
            model.modelReset,
            model.dataChanged,
            model.layoutChanged,
            model.headerDataChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.columnsInserted,
            model.columnsRemoved,
        ]

    def _changed(self, *_args: Any) -> None:
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return self._model.rowCount() if self._model is not None else 0

    def columns(self) -> int:
        return self._model.columnCount() if self._model is not None else 0

    def cell_text(self, row: int, column: int) -> str:
        """The text painted in a cell: the model's ``DisplayRole``."""
        assert self._model is not None
        return str(self._model.data(self._model.index(row, column)) or "")

    def cell_value(self, row: int, column: int) -> float | None:
        """The number behind a cell's colour: the model's ``VALUE_ROLE``."""
        assert self._model is not None
        value = self._model.data(self._model.index(row, column), VALUE_ROLE)
        return None if value is None else float(value)

    def row_name(self, row: int) -> str:
        assert self._model is not None
        return str(self._model.headerData(row, Qt.Orientation.Vertical) or "")

    def column_name(self, column: int) -> str:
        assert self._model is not None
        return str(self._model.headerData(column, Qt.Orientation.Horizontal) or "")

    # --- geometry (logical, left to right; mirrored by _visual) -----------------

    def _cell_size(self) -> int:
        fm = QFontMetrics(self.font())
        widest = max(
            [fm.horizontalAdvance(self.column_name(c)) for c in range(self.columns())]
            + [fm.horizontalAdvance("0.00")]
        )
        return max(56, min(140, widest + 12))

    def _header_width(self) -> int:
        fm = QFontMetrics(self.font())
        names = [fm.horizontalAdvance(self.row_name(r)) for r in range(self.rows())]
        return min(220, max(names, default=0) + 10)

    def _header_height(self) -> int:
        return QFontMetrics(self.font()).height() + 8

    def _grid_origin(self) -> QPoint:
        return QPoint(_MARGIN + self._header_width(), _MARGIN + self._header_height())

    def _visual(self, logical: QRect) -> QRect:
        return QStyle.visualRect(self.layoutDirection(), self.rect(), logical)

    def cell_rect(self, row: int, column: int) -> QRect:
        """Where a cell is painted, in widget coordinates (mirrored in right-to-left)."""
        size = self._cell_size()
        origin = self._grid_origin()
        logical = QRect(
            origin.x() + column * size, origin.y() + row * size, size - _GAP, size - _GAP
        )
        return self._visual(logical)

    def row_header_rect(self, row: int) -> QRect:
        size = self._cell_size()
        origin = self._grid_origin()
        return self._visual(
            QRect(_MARGIN, origin.y() + row * size, self._header_width() - 6, size - _GAP)
        )

    def column_header_rect(self, column: int) -> QRect:
        size = self._cell_size()
        origin = self._grid_origin()
        return self._visual(
            QRect(origin.x() + column * size, _MARGIN, size - _GAP, self._header_height() - 4)
        )

    def _legend_rect(self) -> QRect:
        size = self._cell_size()
        origin = self._grid_origin()
        width = max(size * max(self.columns(), 2) - _GAP, 120)
        return QRect(origin.x(), origin.y() + self.rows() * size + 10, width, 12)

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        for r in range(self.rows()):
            for c in range(self.columns()):
                if self.cell_rect(r, c).contains(point):
                    return r, c
        return None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        size = self._cell_size()
        fm = QFontMetrics(self.font())
        width = 2 * _MARGIN + self._header_width() + size * max(self.columns(), 2)
        height = (
            2 * _MARGIN + self._header_height() + size * self.rows() + 10 + 12 + fm.height() + 6
        )
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()

    # --- painting and events --------------------------------------------------

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # Rects are mirrored already (visualRect): alignments must not flip again.
        absolute = Qt.AlignmentFlag.AlignAbsolute
        near = (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight) | absolute
        fm = QFontMetrics(self.font())
        for r in range(self.rows()):
            rect = self.row_header_rect(r)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                rect,
                near | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(self.row_name(r), Qt.TextElideMode.ElideRight, rect.width()),
            )
        for c in range(self.columns()):
            rect = self.column_header_rect(c)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignCenter,
                fm.elidedText(self.column_name(c), Qt.TextElideMode.ElideRight, rect.width()),
            )
        for r in range(self.rows()):
            for c in range(self.columns()):
                rect = self.cell_rect(r, c)
                fill = heat_color(self.cell_value(r, c))
                painter.fillRect(rect, fill)
                painter.setPen(_text_color(fill))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.cell_text(r, c))
        if self.rows():
            self._paint_legend(painter, fm)
        painter.end()

    def _paint_legend(self, painter: QPainter, fm: QFontMetrics) -> None:
        logical = self._legend_rect()
        rect = self._visual(logical)
        gradient = QLinearGradient(rect.topLeft(), rect.topRight())
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for x, color in _STOPS:
            gradient.setColorAt(1.0 - x if rtl else x, color)
        painter.fillRect(rect, gradient)
        painter.setPen(self.palette().windowText().color())
        below = QRect(rect.x(), rect.bottom() + 2, rect.width(), fm.height() + 2)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
        low, high = (right, left) if rtl else (left, right)
        painter.drawText(below, low | Qt.AlignmentFlag.AlignTop, "0")
        painter.drawText(below, Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignTop, "0.5")
        painter.drawText(below, high | Qt.AlignmentFlag.AlignTop, "1")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.cell_clicked.emit(*cell)
            event.accept()
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._model is not None:
            assert isinstance(event, QHelpEvent)
            cell = self.cell_at(event.pos())
            if cell is not None:
                tip = self._model.data(self._model.index(*cell), Qt.ItemDataRole.ToolTipRole)
                QToolTip.showText(event.globalPos(), str(tip or ""), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.LayoutDirectionChange, QEvent.Type.FontChange):
            self._changed()
        super().changeEvent(event)
