"""What the article view paints over Qt's text: nested-entity frames, others'
spans (dashed), the selected span's outline and the label tags; and the visible
blocks' formats, put on just before a block is first painted (highlighter.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen, QTextCursor

from annotator.core.model import Span
from annotator.gui.highlighter import SpanIndex

if TYPE_CHECKING:
    from annotator.gui.article_view import ArticleView

__all__ = ["SpanPainting"]


class SpanPainting:
    """Paints one :class:`ArticleView`'s overlays from its span index."""

    def __init__(self, view: ArticleView, index: SpanIndex) -> None:
        self._view = view
        self._index = index

    def format_visible(self, rect: QRect) -> None:
        """Put span formats on the blocks in ``rect`` before Qt paints them."""
        for _ in self.visible_blocks(rect):
            pass

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering code points ``start``–``end``, one per line piece."""
        to16 = self._index.offsets.to_utf16
        a16, b16 = to16(start), to16(end)
        rects: list[QRectF] = []
        offset = self._view.contentOffset()
        block = self._view.document().findBlock(a16)
        while block.isValid() and block.position() < b16:
            if block.isVisible():
                layout = block.layout()
                top = self._view.blockBoundingGeometry(block).translated(offset).top()
                base = block.position()
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    lo = max(a16 - base, line.textStart())
                    hi = min(b16 - base, line.textStart() + line.textLength())
                    if hi <= lo:
                        continue
                    x1, x2 = line.cursorToX(lo)[0], line.cursorToX(hi)[0]
                    rects.append(
                        QRectF(
                            min(x1, x2) + offset.x(),
                            top + line.y(),
                            abs(x2 - x1),
                            line.height(),
                        )
                    )
            block = block.next()
        return rects

    def _visible_spans(self, index: SpanIndex, rect: QRect) -> list[Span]:
        seen: dict[str, Span] = {}
        for number, _top in self.visible_blocks(rect):
            for span in index.in_block(number):
                seen.setdefault(span.id, span)
        return list(seen.values())

    def paint_frames(self, rect: QRect) -> None:
        """Nested entities framed inside their outer one; others' spans dashed and muted."""
        own = [
            s
            for s in self._visible_spans(self._index, rect)
            if not self._view.highlighter.is_claim(s.label)
        ]
        nested = [
            s
            for s in own
            if any(
                o.id != s.id
                and o.start <= s.start
                and s.end <= o.end
                and (o.start, o.end) != (s.start, s.end)
                for o in own
            )
        ]
        others = (
            self._visible_spans(self._view.others, rect) if self._view.others is not None else []
        )
        if not nested and not others:
            return
        painter = QPainter(self._view.viewport())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for span in nested:
            painter.setPen(QPen(QColor(self._view.highlighter.color(span.label)).darker(200), 1.5))
            for r in self.span_rects(span.start, span.end):
                painter.drawRect(r.adjusted(0, 2, 0, -2))
        for span in others:
            color = QColor(self._view.highlighter.color(span.label)).darker(160)
            pen = QPen(color, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for r in self.span_rects(span.start, span.end):
                # Below the line's own highlight: beside one's spans, never over them.
                painter.drawLine(
                    r.bottomLeft() + QPointF(0, -1.5), r.bottomRight() + QPointF(0, -1.5)
                )
                painter.drawLine(r.topLeft() + QPointF(0, 1), r.topRight() + QPointF(0, 1))
        painter.end()

    def paint_selected_outline(self) -> None:
        """A frame around the selected span, so it reads as selected whatever its colour."""
        span = self._index.get(self._index.selected) if self._index.selected else None
        if span is None:
            return
        rects = self.span_rects(span.start, span.end)
        if not rects:
            return
        painter = QPainter(self._view.viewport())
        pen = QPen(self._view.palette().color(QPalette.ColorRole.Text), 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRect(rect.adjusted(-1, 0, 1, 0))
        painter.end()

    def visible_blocks(self, rect: QRect) -> Iterable[tuple[int, float]]:
        """Blocks that intersect ``rect`` (viewport coordinates), formatted first."""
        block = self._view.firstVisibleBlock()
        offset = self._view.contentOffset()
        while block.isValid():
            # Formats before geometry: setFormats drops the line layout, and
            # blockBoundingGeometry lays the block out (once, with its formats).
            self._view.highlighter.ensure_formatted(block)
            geometry = self._view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > rect.bottom():
                break
            if block.isVisible():
                yield block.blockNumber(), geometry.top()
            block = block.next()

    def paint_tags(self, rect: QRect) -> None:
        """A small label name at the start of each visible entity or place span."""
        index = self._index
        if not len(index):
            return
        painter: QPainter | None = None
        metrics = QFontMetrics(self._view.tag_font)
        to16 = index.offsets.to_utf16
        for number, _top in self.visible_blocks(rect):
            spans = index.in_block(number)
            if not spans:
                continue
            block_start = index.block_starts[number]
            for span in spans:
                if span.start < block_start or self._view.highlighter.is_claim(span.label):
                    continue
                if painter is None:
                    painter = QPainter(self._view.viewport())
                    painter.setFont(self._view.tag_font)
                cursor = QTextCursor(self._view.document())
                cursor.setPosition(to16(span.start))
                caret = self._view.cursorRect(cursor)
                width = metrics.horizontalAdvance(span.label) + 4
                # The start of an RTL span is its right edge: the tag sits there, in
                # the line's top margin, pointing into the span.
                box = QRect(caret.left() - width, caret.top(), width, metrics.height())
                color = QColor(self._view.highlighter.color(span.label)).darker(170)
                painter.fillRect(box, color)
                painter.setPen(QColor("white"))
                # drawText paints the label name as plain text: markup in a name stays text.
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, span.label)
        if painter is not None:
            painter.end()
