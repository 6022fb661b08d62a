"""The article as the editor shows it: read-only, right to left, spans painted lazily.

:class:`ArticleView` turns mouse gestures into requests for the editor
(a double click asks for the token, a triple click for the sentence, a
release says a selection is finished), formats only the blocks it is about to
paint (:class:`~annotator.gui.highlighter.SpanHighlighter`) and paints a small
label tag at the start of every visible entity.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Label, Span
from annotator.gui.common import configure_rtl, plain, when
from annotator.gui.fonts import DEFAULT_POINT_SIZE, arabic_font
from annotator.gui.highlighter import SpanHighlighter, SpanIndex

__all__ = ["ArticleView"]

_MIN_POINT_SIZE, _MAX_POINT_SIZE = 6.0, 72.0


class ArticleView(QPlainTextEdit):
    """The article view. Mouse and keys go to the editor; label tags are painted here.

    :signal token_requested(QPoint): a double click there (select the token).
    :signal sentence_requested(QPoint): a triple click there (select the sentence).
    :signal selection_finished(bool, bool): the left button was released;
        ``exact`` (Alt held) and ``sentence`` (it ended a triple click).
    :signal zoom_requested(int): Ctrl+wheel, in steps.
    """

    token_requested = Signal(QPoint)
    sentence_requested = Signal(QPoint)
    selection_finished = Signal(bool, bool)
    zoom_requested = Signal(int)

    def __init__(self, index: SpanIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index = index
        self._press_alt = False
        self._last_double: tuple[float, QPoint] | None = None
        self._in_triple = False
        self.show_tags = True
        #: the editor's key handling (labels, Delete, Escape); True when it took the key
        self.key_handler: Callable[[QKeyEvent], bool] = lambda _event: False
        #: the tooltip text (rich text, data escaped) for a point of the viewport
        self.tooltip_for: Callable[[QPoint], str] = lambda _point: ""
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        configure_rtl(self)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        self.setMouseTracking(True)
        self.document().setUndoRedoEnabled(False)
        self._tag_font = QFont()
        self.point_size = float(DEFAULT_POINT_SIZE)
        self.apply_font(self.point_size)
        self.highlighter = SpanHighlighter(self.document(), index)
        #: other annotators' spans (and gold), shown read-only as dashed frames
        #: beside one's own; ``None`` when the toggle is off.
        self.others: SpanIndex | None = None

    def zoom(self, steps: int) -> None:
        """Bigger (positive steps) or smaller text, one point per step, within 6–72 points."""
        size = min(_MAX_POINT_SIZE, max(_MIN_POINT_SIZE, self.point_size + steps))
        if size != self.point_size:
            self.point_size = size
            self.apply_font(size)

    def apply_font(self, point_size: float) -> None:
        font = arabic_font(point_size)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._tag_font = QFont(font)
        self._tag_font.setFamily("DejaVu Sans")
        self._tag_font.setPointSizeF(max(5.0, point_size * 0.42))
        self._tag_font.setBold(True)

    def stored_text(self) -> str:
        """The document's stored text (not ``toPlainText()``, which folds NBSP and separators)."""
        return self._index.text

    # --- offsets (code points of the stored text, never Qt's positions) --------

    def selection_range(self) -> tuple[int, int]:
        """The selection as a code-point range of the stored text."""
        cursor = self.textCursor()
        return self._index.offsets.range_to_code_points(
            cursor.selectionStart(), cursor.selectionEnd()
        )

    def set_selection(self, start: int, end: int) -> None:
        """Select code points ``start``–``end`` (as a drag or Shift+arrows would)."""
        offsets = self._index.offsets
        cursor = self.textCursor()
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def cursor_offset(self, cursor: QTextCursor | None = None) -> int:
        """The code-point offset of ``cursor`` (default: the caret)."""
        cursor = cursor or self.textCursor()
        return self._index.offsets.to_code_point(cursor.position())

    def offset_at(self, point: QPoint) -> int:
        """The code-point offset under a point of the viewport."""
        return self.cursor_offset(self.cursorForPosition(point))

    def positions_match(self) -> bool:
        """Every Qt position maps to the stored text (``offsets.display_text``).

        If Qt ever folded characters, the editor refuses to edit rather than
        store wrong offsets.
        """
        return self.document().characterCount() - 1 == self._index.offsets.utf16_length

    def find_text(self, query: str, *, forward: bool = True) -> tuple[int, int] | None:
        """Select the next (previous) match after (before) the selection, wrapping around.

        The core's normalised search: tashkeel, tatweel and hamza forms do not matter.

        :returns: ``(number, total)``: the selected match is the ``number``-th
            (from 1) of ``total``; ``None`` when nothing matches.
        """
        from annotator.core.text import find_all

        matches = find_all(self._index.text, query)
        if not matches:
            return None
        start, end = (
            self.selection_range()
            if self.textCursor().hasSelection()
            else (self.cursor_offset(),) * 2
        )
        if forward:
            after = [i for i, m in enumerate(matches) if m[0] >= end and m != (start, end)]
            number = after[0] if after else 0
        else:
            before = [i for i, m in enumerate(matches) if m[1] <= start and m != (start, end)]
            number = before[-1] if before else len(matches) - 1
        self.set_selection(*matches[number])
        self.ensureCursorVisible()
        return number + 1, len(matches)

    def spans_near(self, offset: int) -> list[Span]:
        """Spans under a click at ``offset`` (a boundary: the character after, else before)."""
        hits = self._index.at(offset)
        if not hits and offset > 0:
            hits = self._index.at(offset - 1)
        return hits

    def spans_tooltip(self, offset: int, labels: Mapping[str, Label]) -> str:
        """Label, kind, annotator and time of the spans at ``offset``, as tooltip rich text."""
        lines = []
        for span in self.spans_near(offset):
            label = labels.get(span.label)
            kind = label.kind.value if label else ""
            # A tooltip is rich text: the label and annotator names are data, escaped.
            lines.append(
                f"<b>{plain(span.label)}</b> ({kind}) · {plain(span.annotator)}"
                f" · {when(span.updated)}"
            )
        lines.extend(self.others_tooltip(offset))
        return "<br>".join(lines)

    def reformat(self, blocks: Iterable[int]) -> None:
        self.highlighter.rehighlight_blocks(blocks)
        self.viewport().update()

    # --- mouse ---------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._press_alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._in_triple = False
        if event.button() == Qt.MouseButton.LeftButton and self._last_double is not None:
            when, where = self._last_double
            self._last_double = None
            near = (
                event.position().toPoint() - where
            ).manhattanLength() <= QApplication.startDragDistance() * 2
            if near and (time.monotonic() - when) * 1000 < QApplication.doubleClickInterval():
                self._in_triple = True
                self.sentence_requested.emit(event.position().toPoint())
                event.accept()
                return
        cursor = self.textCursor()
        if event.button() == Qt.MouseButton.LeftButton and cursor.hasSelection():
            # A press inside the selection would start dragging the text out (Qt's
            # default); an annotator means to make a new selection.
            cursor.clearSelection()
            self.setTextCursor(cursor)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        # Not Qt's word: the project tokenizer's token (و”داعش” is three tokens).
        self._last_double = (time.monotonic(), event.position().toPoint())
        self.token_requested.emit(event.position().toPoint())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        alt = self._press_alt or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        sentence = self._in_triple
        self._in_triple = False
        self.selection_finished.emit(alt, sentence)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Qt's own Ctrl+wheel zoom would bypass the editor's size (and its tags).
            steps = event.angleDelta().y() // 120
            if steps:
                self.zoom_requested.emit(steps)
            event.accept()
            return
        super().wheelEvent(event)

    # --- keys ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- tooltip and label tags ----------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_for(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        # Span formats go on just before a block is first painted (highlighter.py).
        for _ in self._visible_blocks(event.rect()):
            pass
        super().paintEvent(event)
        self._paint_frames(event.rect())
        self._paint_selected_outline()
        if self.show_tags:
            self._paint_tags(event.rect())

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering code points ``start``–``end``, one per line piece."""
        to16 = self._index.offsets.to_utf16
        a16, b16 = to16(start), to16(end)
        rects: list[QRectF] = []
        offset = self.contentOffset()
        block = self.document().findBlock(a16)
        while block.isValid() and block.position() < b16:
            if block.isVisible():
                layout = block.layout()
                top = self.blockBoundingGeometry(block).translated(offset).top()
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
        for number, _top in self._visible_blocks(rect):
            for span in index.in_block(number):
                seen.setdefault(span.id, span)
        return list(seen.values())

    def _paint_frames(self, rect: QRect) -> None:
        """Nested entities framed inside their outer one; others' spans dashed and muted."""
        own = [
            s
            for s in self._visible_spans(self._index, rect)
            if not self.highlighter.is_claim(s.label)
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
        others = self._visible_spans(self.others, rect) if self.others is not None else []
        if not nested and not others:
            return
        painter = QPainter(self.viewport())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for span in nested:
            painter.setPen(QPen(QColor(self.highlighter.color(span.label)).darker(200), 1.5))
            for r in self.span_rects(span.start, span.end):
                painter.drawRect(r.adjusted(0, 2, 0, -2))
        for span in others:
            color = QColor(self.highlighter.color(span.label)).darker(160)
            pen = QPen(color, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for r in self.span_rects(span.start, span.end):
                # Below the line's own highlight: beside one's spans, never over them.
                painter.drawLine(
                    r.bottomLeft() + QPointF(0, -1.5), r.bottomRight() + QPointF(0, -1.5)
                )
                painter.drawLine(r.topLeft() + QPointF(0, 1), r.topRight() + QPointF(0, 1))
        painter.end()

    def others_tooltip(self, offset: int) -> list[str]:
        """Tooltip lines (rich text, data escaped) for others' spans at ``offset``."""
        if self.others is None:
            return []
        return [
            f"{plain(span.label)} · {plain(span.annotator)} (read-only)"
            for span in self.others.at(offset)
        ]

    def _paint_selected_outline(self) -> None:
        """A frame around the selected span, so it reads as selected whatever its colour."""
        span = self._index.get(self._index.selected) if self._index.selected else None
        if span is None:
            return
        rects = self.span_rects(span.start, span.end)
        if not rects:
            return
        painter = QPainter(self.viewport())
        pen = QPen(self.palette().color(QPalette.ColorRole.Text), 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRect(rect.adjusted(-1, 0, 1, 0))
        painter.end()

    def _visible_blocks(self, rect: QRect) -> Iterable[tuple[int, float]]:
        """Blocks that intersect ``rect`` (viewport coordinates), formatted first."""
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            # Formats before geometry: setFormats drops the line layout, and
            # blockBoundingGeometry lays the block out (once, with its formats).
            self.highlighter.ensure_formatted(block)
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > rect.bottom():
                break
            if block.isVisible():
                yield block.blockNumber(), geometry.top()
            block = block.next()

    def _paint_tags(self, rect: QRect) -> None:
        """A small label name at the start of each visible entity or place span."""
        index = self._index
        if not len(index):
            return
        painter: QPainter | None = None
        metrics = QFontMetrics(self._tag_font)
        to16 = index.offsets.to_utf16
        for number, _top in self._visible_blocks(rect):
            spans = index.in_block(number)
            if not spans:
                continue
            block_start = index.block_starts[number]
            for span in spans:
                if span.start < block_start or self.highlighter.is_claim(span.label):
                    continue
                if painter is None:
                    painter = QPainter(self.viewport())
                    painter.setFont(self._tag_font)
                cursor = QTextCursor(self.document())
                cursor.setPosition(to16(span.start))
                caret = self.cursorRect(cursor)
                width = metrics.horizontalAdvance(span.label) + 4
                # The start of an RTL span is its right edge: the tag sits there, in
                # the line's top margin, pointing into the span.
                box = QRect(caret.left() - width, caret.top(), width, metrics.height())
                color = QColor(self.highlighter.color(span.label)).darker(170)
                painter.fillRect(box, color)
                painter.setPen(QColor("white"))
                # drawText paints the label name as plain text: markup in a name stays text.
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, span.label)
        if painter is not None:
            painter.end()
